"""Loaded-term evidence in each article: lexicon hits, scare quotes, learned hits, rates.

- **Lexicon hits** (:func:`lexicon_terms`): the project's categorised lexicons
  (delegitimising labels, conflict intensifiers, doubt and distancing, emotional and moral
  words, hedges) and the valence words of VADER (Hutto & Gilbert 2014) and AFINN (Nielsen
  2011), matched on lemmas and multi-word expressions of the spaCy parse; user lexicons
  (e.g. Recasens et al. 2013's bias lexicon) by path.
- **Scare quotes** (:func:`scare_quotes`): short quoted spans that are not reported
  speech — the writer keeps a word at arm's length (Predelli 2003; "so-called" by other
  means).
- **Learned detector** (:func:`learned_scores`, :mod:`framing.terms.model`): words and
  sentences a BABE-trained head (Spinde et al. 2021) on frozen MiniLM features scores as
  loaded.
- **Rates** (:func:`term_rates`): hits per outlet and category per 1,000 words.

Every frame carries ``article_id, outlet, sent_id, start, end`` (offsets into
``article.document``), so any count can be traced to its sentence, and the voice of the
span from the core voice layer (:meth:`framing.core.voice.ArticleVoice.voice_of`): ``voice``
is ``outlet`` (the outlet's own words), ``direct_quote``, ``reported`` or ``attributed`` (a
source's words), with ``source_text``, ``source_actor`` and ``source_side`` of the source.
Only ``outlet`` words are the outlet's framing; the rest are whose words it chose to quote
(Recasens et al. 2013 separate a writer's framing bias from that of its sources). A scare
quote is the outlet's own unless it is attributed (the quotation marks are the point).

A hit whose word sense here is a plain one ("maintain the ceasefire", "ceasefire regime",
"claimed the lives of") is dropped, whichever detector found it
(:func:`framing.terms.senses.plain_sense`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

import pandas as pd
from spacy.tokens import Doc, Span, Token

from framing.core.corpus import word_count as corpus_word_count
from framing.core.nlp import doc_sentences
from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame
from framing.core.reporting import (
    ATTRIBUTING_VERBS,
    non_reporting_sense,
)
from framing.core.voice import DIRECT_QUOTE, OUTLET, VOICES, ArticleVoice, Voice
from framing.terms.lexicons import (
    PROJECT_CATEGORIES,
    VALENCE_CATEGORY,
    load_lexicons,
)
from framing.terms.lexicons.matcher import TermMatcher
from framing.terms.senses import span_plain_sense

#: The voice columns every per-span row carries (:meth:`ArticleVoice.columns`).
VOICE_COLUMNS = ["voice", "source_text", "source_actor", "source_side"]
TERM_COLUMNS = [*KEY_COLUMNS, "text", "lemma", "category", "lexicon", "score", "note",
                *VOICE_COLUMNS]
#: ``voice`` of a term (:data:`framing.core.voice.VOICES`): only ``outlet`` is the outlet's
#: own; the others are a source's words the outlet quotes, reports or attributes.
SOURCE_VOICES = tuple(v for v in VOICES if v != OUTLET)
SCARE_QUOTE = "scare quote"
LEARNED = "learned (BABE)"
LEARNED_LEXICON = "babe-model"
#: Order of categories in charts and profiles.
CATEGORIES = (*PROJECT_CATEGORIES, VALENCE_CATEGORY, SCARE_QUOTE, LEARNED)

# Scare quotes --------------------------------------------------------------------------------
QUOTE_MARKS = "\"“”„«»"
SCARE_MAX_WORDS = 4


# ---------------------------------------------------------------------------------------------
# where a hit sits: sentences, frames, words


def sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    """The sentences of ``doc`` (:func:`framing.core.nlp.doc_sentences`) and their start
    offsets, for :func:`sentence_at`."""
    sents = doc_sentences(doc)
    return sents, [s.start_char for s in sents]


def sentence_at(starts: list[int], offset: int) -> int:
    """The ``sent_id`` of the sentence holding character ``offset`` (``starts`` ascending)."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def frame_of(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """``rows`` as a frame with ``columns``, typed as :func:`empty_frame` when there are none."""
    return pd.DataFrame(rows, columns=columns) if rows else empty_frame(columns)


def span_voice_columns(voice: ArticleVoice | None, start: int, end: int) -> dict:
    """The :data:`VOICE_COLUMNS` of ``[start, end)`` from the voice layer
    (:meth:`framing.core.voice.ArticleVoice.voice_of`; the outlet's own voice when the
    article has no voice layer)."""
    if voice is None:
        return {"voice": OUTLET, "source_text": None, "source_actor": None,
                "source_side": None}
    return voice.columns(voice.voice_of(start, end))


def word_count(text: str) -> int:
    """Words as counted for rates per 1,000 words: :func:`framing.core.corpus.word_count`,
    the count every page uses (the summary's article lengths included)."""
    return corpus_word_count(text)


# ---------------------------------------------------------------------------------------------
# lexicon terms


def lexicon_terms(parsed: Parsed, lexicons: pd.DataFrame | None = None,
                  extra: Iterable[str] = ()) -> pd.DataFrame:
    """Lexicon hits in every article (lemma and multi-word matching on the spaCy parse).

    Args:
        parsed: the prepared incident.
        lexicons: entries to match (default :func:`framing.terms.lexicons.load_lexicons`).
        extra: paths of user lexicon files added to the default entries.
    """
    entries = lexicons if lexicons is not None else load_lexicons(tuple(extra))
    matcher = TermMatcher(entries)
    rows = []
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        voice = parsed.voices[article.id]
        for sent_id, sent in enumerate(doc_sentences(doc)):
            for m in matcher.find(sent):  # plain senses dropped by the matcher
                rows.append({"article_id": article.id, "outlet": article.outlet,
                             "sent_id": sent_id, "start": m.start, "end": m.end,
                             "text": m.text, "lemma": m.lemma, "category": m.category,
                             "lexicon": m.lexicon, "score": m.score, "note": m.note,
                             **span_voice_columns(voice, m.start, m.end)})
    return frame_of(rows, TERM_COLUMNS)


# ---------------------------------------------------------------------------------------------
# scare quotes


def _quote_pairs(paragraph: str) -> list[tuple[int, int]]:
    """Pairs of quotation marks in one paragraph, paired in order (``”`` may open)."""
    marks = [i for i, c in enumerate(paragraph) if c in QUOTE_MARKS]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _is_clause(span: Span) -> bool:
    """A quoted span with its own subject and verb is reported speech, not a scare quote."""
    for tok in span:
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and span.start <= tok.head.i < \
                span.end and tok.head.pos_ in ("VERB", "AUX"):
            return True
    return False


def _attributes(tok: Token) -> bool:
    """Whether ``tok`` attributes its sentence to a source: a verb of
    :data:`framing.core.reporting.ATTRIBUTING_VERBS`, or the "according" of "according to"
    (spaCy lemmatises it as "accord", so it is matched as the construction, as blame's
    attribution does)."""
    if tok.lemma_.lower() in ATTRIBUTING_VERBS:
        return not non_reporting_sense(tok)
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and \
        tok.doc[tok.i + 1].lower_ == "to"


def find_scare_quotes(doc: Doc, max_words: int = SCARE_MAX_WORDS) -> list[dict]:
    """Scare quotes of one parsed document: ``start, end, text, sent_id, note`` per quote.

    See :func:`scare_quotes` for the rule.
    """
    text = doc.text
    sents, starts = sentence_index(doc)
    out, pos = [], 0
    for paragraph in text.split("\n"):
        for a, b in _quote_pairs(paragraph):
            inner = text[pos + a + 1 : pos + b]
            stripped = inner.rstrip(" ,.;:!?").lstrip()
            end = pos + a + 1 + len(inner.rstrip(" ,.;:!?"))
            start = end - len(stripped)
            n_words = word_count(stripped)
            if not 1 <= n_words <= max_words:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or _is_clause(span) or not sents:
                continue
            sent_id = sentence_at(starts, start)
            sent = sents[sent_id]
            if n_words >= 0.8 * word_count(sent.text):
                continue
            attributed = any(_attributes(t) for t in sent if not (start <= t.idx < end))
            out.append({"sent_id": sent_id, "start": start, "end": end, "text": stripped,
                        "note": "attributed partial quote" if attributed
                        else "unattributed (writer's distancing)"})
        pos += len(paragraph) + 1
    return out


def scare_quotes(parsed: Parsed, max_words: int = SCARE_MAX_WORDS) -> pd.DataFrame:
    """Short quoted spans that are not reported speech (scare quotes, quoted phrases).

    A span between paired quotation marks counts when it has 1 to ``max_words`` words, is
    not a clause of its own (no subject–verb pair inside) and is not the whole sentence.
    ``note`` says whether it is attributed to a speaker — by a reporting or labelling verb of
    :mod:`framing.core.reporting` in its sentence ("said", "argued", "called", "according
    to"), or by the voice layer — : attributed fragments are partial quotes the outlet chose
    to single out (the source's words, voice ``direct_quote`` with their source);
    unattributed ones are the writer's own distancing (voice ``outlet``; Predelli 2003 on
    scare quotes).
    """
    rows = []
    for article in parsed.incident.articles:
        voice = parsed.voices[article.id]
        for q in find_scare_quotes(parsed.docs[article.id], max_words):
            v = voice.voice_of(q["start"], q["end"])
            if v.source is not None:
                cols = voice.columns(Voice(DIRECT_QUOTE, v.source))
                q = {**q, "note": "attributed partial quote"}
            elif q["note"] == "attributed partial quote":
                cols = voice.columns(Voice(DIRECT_QUOTE))
            else:
                cols = voice.columns(Voice(OUTLET))
            rows.append({"article_id": article.id, "outlet": article.outlet, **q,
                         "lemma": q["text"].lower(), "category": SCARE_QUOTE,
                         "lexicon": "quotation marks", "score": None, **cols})
    return frame_of(rows, TERM_COLUMNS)


# ---------------------------------------------------------------------------------------------
# learned detector


def learned_scores(parsed: Parsed) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Word hits above the model's threshold, and every sentence's loaded probability."""
    from framing.terms.model import load_model

    model = load_model()
    word_rows, sent_rows = [], []
    per_article = {a.id: doc_sentences(parsed.docs[a.id]) for a in parsed.incident.articles}
    # one call for the whole incident: the encoder batches across articles
    all_scores = iter(model.score([s for sents in per_article.values() for s in sents]))
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        doc_text = doc.text  # Doc.text joins every token: once per article
        voice = parsed.voices[article.id]
        sents = per_article[article.id]
        scores = [next(all_scores) for _ in sents]
        for sent_id, (sent, sc) in enumerate(zip(sents, scores, strict=True)):
            sent_rows.append({"article_id": article.id, "outlet": article.outlet,
                              "sent_id": sent_id, "start": sent.start_char,
                              "end": sent.end_char, "text": sent.text,
                              "p_loaded": round(sc.sentence_prob, 4),
                              "loaded": sc.sentence_prob > model.sentence_threshold})
            for (a, b, _), p in zip(sc.words, sc.word_probs, strict=True):
                if p <= model.word_threshold:
                    continue
                span = doc.char_span(a, b, alignment_mode="expand")
                if span_plain_sense(span):
                    continue
                lemma = span.lemma_.lower() if span is not None else doc_text[a:b].lower()
                word_rows.append({"article_id": article.id, "outlet": article.outlet,
                                  "sent_id": sent_id, "start": a, "end": b,
                                  "text": doc_text[a:b], "lemma": lemma, "category": LEARNED,
                                  "lexicon": LEARNED_LEXICON, "score": round(float(p), 4),
                                  "note": f"word probability > {model.word_threshold:.3f}",
                                  **span_voice_columns(voice, a, b)})
    sent_cols = [*KEY_COLUMNS, "text", "p_loaded", "loaded"]
    return frame_of(word_rows, TERM_COLUMNS), frame_of(sent_rows, sent_cols)


def detect_terms(parsed: Parsed, *, extra: Iterable[str] = (), learned: bool = True,
                 scare: bool = True, lexicons: pd.DataFrame | None = None) -> pd.DataFrame:
    """All loaded-term evidence of an incident: lexicon hits, scare quotes, learned hits."""
    frames = [lexicon_terms(parsed, lexicons, extra)]
    if scare:
        frames.append(scare_quotes(parsed))
    if learned:
        frames.append(learned_scores(parsed)[0])
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame(TERM_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["article_id", "start", "category"], kind="stable").reset_index(
        drop=True)


# ---------------------------------------------------------------------------------------------
# rates


def outlet_words(parsed: Parsed) -> pd.Series:
    """Words per outlet (all its articles, headline included)."""
    counts: Counter[str] = Counter()
    for article in parsed.incident.articles:
        counts[article.outlet] += word_count(article.document)
    return pd.Series(counts, name="words").reindex(parsed.incident.outlets)


def term_rates(terms: pd.DataFrame, words: pd.Series,
               categories: Iterable[str] = CATEGORIES) -> pd.DataFrame:
    """Hits per outlet and category, and per 1,000 words (a span counts once per category)."""
    categories = list(categories)
    unique = terms.drop_duplicates(["article_id", "start", "end", "category"])
    counts = unique.groupby(["outlet", "category"]).size()
    rows = []
    for outlet in words.index:
        for cat in categories:
            n = int(counts.get((outlet, cat), 0))
            rows.append({"outlet": outlet, "category": cat, "n": n,
                         "words": int(words[outlet]),
                         "per_1000": round(1000 * n / words[outlet], 2) if words[outlet] else 0.0})
    return pd.DataFrame(rows, columns=["outlet", "category", "n", "words", "per_1000"])

