"""Match lexicon entries (single words and multi-word expressions) against spaCy tokens.

A term's words match a token by its lower-cased text or its lemma, so "terrorist" finds
"terrorists" and "iron fist" finds "iron fists"; a word ending in ``*`` matches as a
prefix. Terms are split with the same spaCy tokenizer as the documents, so hyphenated
terms ("so-called", "self-proclaimed") line up with the tokens. Within one lexicon and
category, a match inside a longer one is dropped ("illegal" inside "illegal armed group").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class TermMatch:
    """One lexicon hit: token span ``[start_token, end_token)`` and character offsets."""

    start_token: int
    end_token: int
    start: int
    end: int
    text: str
    lemma: str
    category: str
    lexicon: str
    score: float | None
    note: str


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    pos: frozenset[str]
    lemma: str
    category: str
    lexicon: str
    score: float | None
    note: str


def _word_matches(word: str, token: Token) -> bool:
    lower, lemma = token.lower_, token.lemma_.lower()
    if word.endswith("*") and len(word) > 1:
        stem = word[:-1]
        return lower.startswith(stem) or lemma.startswith(stem)
    return word == lower or word == lemma


class TermMatcher:
    """Find every lexicon entry in a parsed text.

    Args:
        entries: a frame with :data:`framing.terms.lexicons.LEXICON_COLUMNS`.
        nlp: the pipeline whose tokenizer splits multi-word terms (default: framing's).
    """

    def __init__(self, entries: pd.DataFrame, nlp: Language | None = None) -> None:
        from framing.core.nlp import load_nlp

        tokenizer = (nlp or load_nlp()).tokenizer
        self._index: dict[str, list[_Entry]] = defaultdict(list)
        self._prefix: list[_Entry] = []
        for row in entries.itertuples(index=False):
            words = tuple(t.lower_ for t in tokenizer(str(row.term)) if not t.is_space)
            if not words:
                continue
            score = None if row.score is None or pd.isna(row.score) else float(row.score)
            pos = frozenset(p.strip().upper() for p in str(row.pos or "").split(",") if p.strip())
            entry = _Entry(words, pos, str(row.lemma), str(row.category), str(row.lexicon),
                           score, str(row.note or ""))
            if words[0].endswith("*"):
                self._prefix.append(entry)
            else:
                self._index[words[0]].append(entry)

    def _candidates(self, token: Token) -> Iterable[_Entry]:
        seen = self._index.get(token.lower_, [])
        yield from seen
        lemma = token.lemma_.lower()
        if lemma != token.lower_:
            yield from (e for e in self._index.get(lemma, []) if e not in seen)
        for entry in self._prefix:
            if _word_matches(entry.words[0], token):
                yield entry

    def find(self, tokens: Doc | Span, senses: bool = True) -> list[TermMatch]:
        """Every match in a Doc or Span (character offsets are the document's).

        With ``senses``, a one-word match whose sense here is a plain one is dropped
        (:func:`framing.terms.senses.span_plain_sense`: "maintain the ceasefire", "ceasefire
        regime", "claimed the lives of").
        """
        from framing.terms.senses import span_plain_sense

        doc = tokens.doc if isinstance(tokens, Span) else tokens
        lo, hi = (tokens.start, tokens.end) if isinstance(tokens, Span) else (0, len(doc))
        found: list[TermMatch] = []
        for i in range(lo, hi):
            token = doc[i]
            if token.is_space or token.is_punct and token.text not in ("-",):
                continue
            for entry in self._candidates(token):
                n = len(entry.words)
                if i + n > hi:
                    continue
                if n == 1 and entry.pos and token.pos_ not in entry.pos:
                    continue
                if all(_word_matches(w, doc[i + k]) for k, w in enumerate(entry.words)):
                    span = doc[i : i + n]
                    if senses and span_plain_sense(span, entry.lexicon):
                        continue
                    found.append(TermMatch(i, i + n, span.start_char, span.end_char, span.text,
                                           entry.lemma, entry.category, entry.lexicon,
                                           entry.score, entry.note))
        return _drop_nested(found)


def _drop_nested(matches: list[TermMatch]) -> list[TermMatch]:
    """Within a (lexicon, category), keep the longest of overlapping matches; dedupe."""
    keep: list[TermMatch] = []
    ordered = sorted(matches, key=lambda m: (m.lexicon, m.category, m.start_token,
                                             -(m.end_token - m.start_token)))
    for m in ordered:
        if any(k.lexicon == m.lexicon and k.category == m.category
               and m.start_token < k.end_token and k.start_token < m.end_token for k in keep):
            continue
        keep.append(m)
    return sorted(keep, key=lambda m: (m.start, m.lexicon))
