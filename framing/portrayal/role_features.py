"""Features of an actor mention for the learned role classifier
(:mod:`framing.portrayal.role_classifier`).

A mention is read in its sentence: :func:`mention_contexts` finds the sentence (spaCy,
paragraph-aware, cached parses) around a character span of a text, cut to a window the
encoders take whole, with the dependency label of the mention's head and the blame rule's
reading of it (agent of harm / accused vs target of harm). :func:`mention_features` turns the
contexts into vectors (entity-in-context, after Hamborg & Donnay 2021 and Rønningstad & Negi
2025):

- ``target``: the target-aware representation of the project's target-sentiment model
  (:mod:`framing.sentiment.target_model`: MiniLM's top layers fine-tuned on NewsMTSC with the
  mention marked), i.e. the ``[sentence mean; mention mean; first token]`` vector its
  classifier reads, and the model's three sentiment probabilities;
- ``span``: the encoder's contextual word-piece vectors pooled over the mention
  (:meth:`framing.core.encoders.Encoder.token_vectors`, the packaged MiniLM by default);
- ``structure``: the blame rule's counts (capped at 2) and the head's dependency label;
- ``frame``: the encoder's embedding of the predicate the mention is the agent or the patient
  of (:func:`predicate_slot`), in the slot it fills.

:func:`document_vectors` gives each document's mean sentence embedding (its topic and stance),
which the entity-level head reads beside the pooled mentions. :func:`locate_mentions` finds
an entity's mentions from its name alone, for corpora whose gold entities are strings
(Narrative Frames) or single anchored mentions (SemEval-2025 Task 10).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from framing.core.cache import DiskCache, content_hash, file_hash
from framing.core.phrases import OBJ_DEPS, PARTITIVES, PASS_SUBJ_DEPS, SUBJ_DEPS

if TYPE_CHECKING:
    from framing.core.encoders import Encoder

#: Characters of context kept around a mention (the target-sentiment model's window).
CONTEXT_CHARS = 600
#: Mentions read per entity at most (the first ones; an annotated anchor is always kept).
MAX_MENTIONS = 20
#: Dependency labels of a mention's head that the classifier reads (one-hot); others are 0.
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "conj", "appos", "ROOT",
        "attr", "agent")
#: Sentences of a document its vector averages (the opening carries the story's framing).
DOC_SENTENCES = 40
#: Feature version: part of every cache key, bumped when a feature changes.
FEATURE_VERSION = "1"
#: Arcs inside one noun phrase, climbed to reach the phrase's own relation.
_PHRASE_INTERNAL = frozenset({"compound", "amod", "nmod", "appos", "flat", "conj", "nummod"})
#: Words that neither start nor end a partial name match.
_STOP = frozenset("the a an of and or in on for to by with its their his her our this that "
                  "these those from at as".split())


@dataclass(frozen=True)
class MentionContext:
    """One mention in the window it is read in.

    Attributes:
        text: the sentence around the mention (extended to the sentence of its last
            character, cut to :data:`CONTEXT_CHARS` around it).
        start, end: the mention's character span in ``text``.
        dep: the dependency label of the mention's syntactic head ("" if no token).
        agent, victim: how often the blame rule casts the mention as agent of harm / accused,
            and as target of harm (:func:`framing.evaluate.blame.role_spans`).
        slot, predicate: the mention's place in the predicate it is an argument of
            (:func:`predicate_slot`): ``"agent"`` / ``"patient"`` and the predicate's lemma,
            or ``""`` and ``""``.
    """

    text: str
    start: int
    end: int
    dep: str
    agent: int
    victim: int
    slot: str = ""
    predicate: str = ""


def check_spans(texts: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` as int pairs, each checked against its text.

    Raises:
        ValueError: the lengths differ, or a span is not ``0 <= start < end <= len(text)``,
            or it covers only white space.
    """
    if len(texts) != len(spans):
        raise ValueError(f"{len(texts)} texts but {len(spans)} spans")
    out = []
    for i, (text, span) in enumerate(zip(texts, spans, strict=True)):
        try:
            start, end = (int(v) for v in span)
        except (TypeError, ValueError):
            raise ValueError(f"span {i} ({span!r}) is not a (start, end) pair of "
                             "integers") from None
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {i} ({start}, {end}) is not inside its text: need "
                             f"0 <= start < end <= {len(text)}")
        if not text[start:end].strip():
            raise ValueError(f"span {i} ({start}, {end}) covers only white space")
        out.append((start, end))
    return out


def predicate_slot(token: Token) -> tuple[str, str]:
    """The predicate a noun phrase is an argument of, and whether it is its agent or patient
    — the slots of a connotation frame (Rashkin et al. 2016: a verb casts its agent and its
    theme in a positive or negative light; Sap et al. 2017 for agency).

    From the mention's head, climb phrase-internal arcs ("Armenian" in "Armenian forces",
    the second of two conjuncts) and partitives ("dozens of families"); then: a subject, the
    ``by``-object of a passive and a possessor ("Russia's invasion") are agents; a direct
    object, a passive subject and the object of a preposition ("the attack on civilians")
    are patients. A copula's subject takes the complement as predicate ("X is
    responsible"). Returns ``("", "")`` when the mention is no such argument.
    """
    tok, steps = token, 0
    while steps < 6 and tok.head is not tok:
        if tok.dep_ in _PHRASE_INTERNAL:
            tok = tok.head
        elif (tok.dep_ == "pobj" and tok.head.lower_ == "of"
              and tok.head.head.lower_ in PARTITIVES and tok.head.head is not tok.head):
            tok = tok.head.head
        else:
            break
        steps += 1
    gov = tok.head
    if gov is tok:
        return "", ""
    if tok.dep_ in SUBJ_DEPS:
        if gov.lemma_ == "be":
            comp = next((c for c in gov.children if c.dep_ in ("attr", "acomp")), None)
            return ("agent", comp.lemma_.lower()) if comp is not None else ("", "")
        return "agent", gov.lemma_.lower()
    if tok.dep_ == "poss":
        return "agent", gov.lemma_.lower()
    if tok.dep_ in PASS_SUBJ_DEPS or tok.dep_ in OBJ_DEPS:
        return "patient", gov.lemma_.lower()
    if tok.dep_ == "pobj" and gov.head is not gov:
        if gov.dep_ == "agent":
            return "agent", gov.head.lemma_.lower()
        return "patient", gov.head.lemma_.lower()
    return "", ""


def _crop(text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    from framing.sentiment.target_model import crop_window

    return crop_window(text, start, end, width)


def mention_contexts(docs: Sequence[Doc], spans: Sequence[tuple[int, int]],
                     role_spans: Sequence[list[tuple[int, int, str]]] | None = None
                     ) -> list[MentionContext]:
    """The sentence window, head dependency and blame-rule counts of each mention.

    Args:
        docs: the parsed text of each mention (the same Doc may repeat).
        spans: each mention's character span in its doc's text.
        role_spans: per mention, the blame rule's ``(start, end, "agent" | "victim")`` spans
            of its doc (None: no structure counts).
    """
    out = []
    for i, (doc, (start, end)) in enumerate(zip(docs, spans, strict=True)):
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        first = sents[max(0, bisect.bisect_right(starts, start) - 1)]
        last = sents[max(0, bisect.bisect_right(starts, end - 1) - 1)]
        s0, s1 = first.start_char, max(last.end_char, end)
        text, a, b = _crop(doc.text[s0:s1], start - s0, end - s0, CONTEXT_CHARS)
        toks = [t for t in doc if t.idx < end and t.idx + len(t.text) > start
                and not t.is_space]
        ids = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in ids or t.head is t),
                    toks[-1] if toks else None)
        agent = victim = 0
        for x, y, label in (role_spans[i] if role_spans is not None else ()):
            if x < end and start < y:
                agent += label == "agent"
                victim += label == "victim"
        slot, predicate = predicate_slot(head) if head is not None else ("", "")
        out.append(MentionContext(text, a, b, head.dep_ if head is not None else "",
                                  agent, victim, slot, predicate))
    return out


def _occurrences(text: str, surface: str, case: bool) -> list[tuple[int, int]]:
    pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", 0 if case else re.I)
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def locate_mentions(text: str, name: str, *, case: bool = False,
                    anchor: tuple[int, int] | None = None, limit: int = MAX_MENTIONS
                    ) -> list[tuple[int, int]]:
    """Character spans of an entity's mentions in ``text``, found from its ``name``.

    Every occurrence (whole words) of the name and of its last capitalised word
    (:func:`framing.evaluate.datasets.entities.surfaces`); where none occurs, of the longest
    run of the name's words that does (not starting or ending with a function word, a single
    word only if 4+ characters). ``anchor`` (an annotated mention) is always kept. At most
    ``limit`` spans, in text order (the anchor first if it falls beyond).
    """
    from framing.evaluate.datasets.entities import surfaces

    found = {sp for s in surfaces(name) if s.strip() for sp in _occurrences(text, s, case)}
    if not found:
        words = re.findall(r"[\w'’.-]+", name)
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                gram = words[i:i + n]
                if gram[0].lower() in _STOP or gram[-1].lower() in _STOP:
                    continue
                if n == 1 and len(gram[0]) < 4:
                    continue
                found.update(_occurrences(text, " ".join(gram), False))
            if found:
                break
    spans = sorted(found)
    if anchor is not None:
        spans = [anchor] + [s for s in spans if s != anchor]
        return sorted(spans[:limit])
    return spans[:limit]


# --- vectors --------------------------------------------------------------------------------


@dataclass
class MentionFeatures:
    """Feature blocks of ``n`` mentions (rows in input order).

    Attributes:
        target: ``(n, 3 * 384)`` target-aware representation of the target-sentiment model.
        sentiment: ``(n, 3)`` its negative / neutral / positive probabilities.
        span: ``(n, dim)`` encoder word-piece vectors pooled over the mention.
        structure: ``(n, 2 + len(DEPS))`` blame-rule agent and victim counts (capped at 2)
            and the one-hot dependency label of the mention's head.
        frame: ``(n, 2 * dim)`` the encoder's embedding of the predicate lemma the mention
            is the agent of (first half) or the patient of (second half), zeros otherwise
            (:func:`predicate_slot`).
    """

    target: np.ndarray
    sentiment: np.ndarray
    span: np.ndarray
    structure: np.ndarray
    frame: np.ndarray

    def __len__(self) -> int:
        return len(self.target)

    def take(self, rows: Sequence[int] | np.ndarray) -> MentionFeatures:
        """The features of ``rows``."""
        idx = np.asarray(rows, dtype=int)
        return MentionFeatures(self.target[idx], self.sentiment[idx], self.span[idx],
                               self.structure[idx], self.frame[idx])

    def matrix(self) -> np.ndarray:
        """The mention head's input: ``[target; span; structure; frame]``."""
        return np.hstack([self.target, self.span, self.structure, self.frame]
                         ).astype(np.float32)


@cache
def _target_model() -> tuple[Any, Any, Any, str, str]:
    """(tokenizer, frozen bottom, fine-tuned head, fingerprint, precision) of the committed
    target-sentiment model (:func:`framing.sentiment.target_model.load_target_model`)."""
    import json

    from framing.core.encoders import encoder_precision
    from framing.sentiment.target_model import TARGET_CONFIG, TARGET_WEIGHTS, load_target_model

    config = json.loads(TARGET_CONFIG.read_text(encoding="utf-8"))
    tokenizer, bottom, head = load_target_model(config)
    precision = encoder_precision()
    fingerprint = content_hash(file_hash(TARGET_WEIGHTS), file_hash(TARGET_CONFIG),
                               precision)[:16]
    return tokenizer, bottom, head, fingerprint, precision


def target_fingerprint() -> str:
    """Identifies the target-sentiment model (weights, config, precision) the features of
    :func:`target_features` come from."""
    return _target_model()[3]


def target_features(contexts: Sequence[MentionContext], *, batch_size: int = 32,
                    use_cache: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """``(representation (n, 1152), sentiment probabilities (n, 3))`` of each mention from
    the target-sentiment model: the input of its linear classifier (``[sentence mean; mention
    mean; first token]`` after the fine-tuned top layers, the mention marked by its learned
    indicator) and the classifier's softmax. Cached on disk by model fingerprint + context +
    span."""
    import json

    import torch

    from framing.core.encoders import inference
    from framing.sentiment.target_model import (
        TARGET_CONFIG,
        bottom_states,
        pad_batch,
        target_piece_mask,
    )

    n = len(contexts)
    if not n:
        return np.zeros((0, 1152), np.float32), np.zeros((0, 3), np.float32)
    tokenizer, bottom, head, fingerprint, precision = _target_model()
    max_length = int(json.loads(TARGET_CONFIG.read_text(encoding="utf-8"))["max_length"])
    keys = [content_hash("portrayal-target", FEATURE_VERSION, fingerprint, c.text, c.start,
                         c.end) for c in contexts]
    store = DiskCache("portrayal") if use_cache else None
    found = store.get_many(keys) if store is not None else {}
    todo = [i for i, k in enumerate(keys) if k not in found]
    if todo:
        captured: dict[str, Any] = {}
        hook = head.classifier.register_forward_pre_hook(
            lambda _m, args: captured.__setitem__("x", args[0]))
        fresh = {}
        try:
            order = sorted(todo, key=lambda i: len(contexts[i].text))
            for pos in range(0, len(order), batch_size):
                idx = order[pos:pos + batch_size]
                unique = list(dict.fromkeys(contexts[i].text for i in idx))
                with inference(precision):
                    states = dict(zip(unique, bottom_states(bottom, tokenizer, unique,
                                                            max_length), strict=True))
                    batch = pad_batch([(states[contexts[i].text][0].float(),
                                        target_piece_mask(states[contexts[i].text][1],
                                                          contexts[i].start, contexts[i].end))
                                       for i in idx])
                    logits = head(batch.hidden, batch.mask, batch.target).float()
                rep = captured["x"].float().numpy()
                prob = torch.softmax(logits, -1).numpy()
                for j, i in enumerate(idx):
                    fresh[keys[i]] = (rep[j].astype(np.float16), prob[j].astype(np.float32))
        finally:
            hook.remove()
        if store is not None:
            store.set_many(fresh)
        found.update(fresh)
    rep = np.vstack([found[k][0] for k in keys]).astype(np.float32)
    prob = np.vstack([found[k][1] for k in keys]).astype(np.float32)
    return rep, prob


def span_vectors(contexts: Sequence[MentionContext], encoder: Encoder) -> np.ndarray:
    """``(n, dim)``: the encoder's last-layer word-piece vectors of each context pooled over
    the mention's pieces (the whole context if truncation cut the mention off)."""
    if not contexts:
        return np.zeros((0, encoder.dim), np.float32)
    unique = list(dict.fromkeys(c.text for c in contexts))
    vectors = dict(zip(unique, encoder.token_vectors(unique), strict=True))
    out = np.zeros((len(contexts), encoder.dim), np.float32)
    for i, c in enumerate(contexts):
        tv = vectors[c.text]
        if not len(tv.vectors):
            continue
        inside = (tv.offsets[:, 0] < c.end) & (tv.offsets[:, 1] > c.start)
        rows = tv.vectors[inside] if inside.any() else tv.vectors
        out[i] = rows.astype(np.float32).mean(0)
    return out


def structure_matrix(contexts: Sequence[MentionContext]) -> np.ndarray:
    """``(n, 2 + len(DEPS))``: capped blame-rule counts and the head's dependency one-hot."""
    out = np.zeros((len(contexts), 2 + len(DEPS)), np.float32)
    for i, c in enumerate(contexts):
        out[i, 0], out[i, 1] = min(c.agent, 2), min(c.victim, 2)
        if c.dep in DEPS:
            out[i, 2 + DEPS.index(c.dep)] = 1.0
    return out


def frame_vectors(contexts: Sequence[MentionContext], encoder: Encoder) -> np.ndarray:
    """``(n, 2 * dim)``: the predicate's embedding in the mention's slot (agent first)."""
    out = np.zeros((len(contexts), 2 * encoder.dim), np.float32)
    lemmas = sorted({c.predicate for c in contexts if c.slot and c.predicate})
    if not lemmas:
        return out
    vectors = dict(zip(lemmas, encoder.embed(lemmas), strict=True))
    for i, c in enumerate(contexts):
        if c.slot and c.predicate:
            offset = 0 if c.slot == "agent" else encoder.dim
            out[i, offset:offset + encoder.dim] = vectors[c.predicate]
    return out


def parse(texts: Sequence[str], nlp: Language | None = None
          ) -> tuple[list[Doc], list[list[tuple[int, int, str]]]]:
    """Each text's parse (disk cache) and the blame rule's role spans of it (computed once
    per distinct text)."""
    from framing.core.nlp import load_nlp, parse_texts
    from framing.evaluate.blame import role_spans

    unique = list(dict.fromkeys(texts))
    parsed = dict(zip(unique, parse_texts(unique, nlp or load_nlp()), strict=True))
    spans = {t: role_spans(d) for t, d in parsed.items()}
    return [parsed[t] for t in texts], [spans[t] for t in texts]


def mention_features(texts: Sequence[str], spans: Sequence[tuple[int, int]], *,
                     encoder: Encoder | None = None, nlp: Language | None = None
                     ) -> MentionFeatures:
    """The features of each mention ``texts[i][spans[i][0]:spans[i][1]]``.

    ``texts`` may be sentences or whole documents (the sentence around each span is found
    by the parse); the same text may repeat (it is parsed once).

    Raises:
        ValueError: a span outside its text, empty or only white space
            (:func:`check_spans`).
    """
    from framing.core.encoders import get_encoder

    checked = check_spans(texts, spans)
    docs, roles = parse(list(texts), nlp)
    contexts = mention_contexts(docs, checked, roles)
    rep, prob = target_features(contexts)
    encoder = encoder or get_encoder()
    return MentionFeatures(rep, prob, span_vectors(contexts, encoder),
                           structure_matrix(contexts), frame_vectors(contexts, encoder))


def document_vectors(texts: Sequence[str], *, encoder: Encoder | None = None,
                     nlp: Language | None = None) -> np.ndarray:
    """``(n, dim)``: the mean sentence embedding of each document's first
    :data:`DOC_SENTENCES` sentences (its topic and stance, which decide whom the story
    casts as villain or hero)."""
    from framing.core.encoders import get_encoder
    from framing.core.nlp import doc_sentences, load_nlp, parse_texts

    encoder = encoder or get_encoder()
    if not len(texts):
        return np.zeros((0, encoder.dim), np.float32)
    unique = list(dict.fromkeys(texts))
    sentences = [[s.text for s in doc_sentences(doc)][:DOC_SENTENCES] or [text.strip() or "-"]
                 for text, doc in zip(unique, parse_texts(unique, nlp or load_nlp()),
                                      strict=True)]
    flat = encoder.embed([s for group in sentences for s in group])
    bounds = np.cumsum([0] + [len(g) for g in sentences])
    out = {t: flat[bounds[i]:bounds[i + 1]].mean(0) for i, t in enumerate(unique)}
    return np.vstack([out[t] for t in texts]).astype(np.float32)
