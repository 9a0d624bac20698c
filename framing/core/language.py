"""Is an article in English? A function-word test, offline and deterministic.

Every model the analyses use (spaCy's parser, the lexicons, the MiniLM encoder and the heads
fitted on it) is English; a French or Russian article is still analysed, but its figures
mean little, so the report says so. Function words are the most frequent and most
language-specific words of a text, which is why their share identifies a language reliably
even in a few sentences (Grefenstette 1995, "Comparing two language identification
schemes"). English function words here are spaCy's English stop-word list: they make up
42–44% of the words of the sample's two articles (a Title Case headline alone about 25%) and
under 5% of news sentences in French, German, Spanish, Italian, Dutch or Russian (the few
shared ones are words such as "a", "me" or "do"); below 20% an article is taken for another
language.

An article's front-matter ``lang`` field (``en``, ``fr``, ``pt-BR``...) overrides detection.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from framing.core.corpus import Article

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Share of English function words below which a text is taken for another language.
ENGLISH_MIN_SHARE = 0.2
#: Fewer words than this and the share says too little to decide.
MIN_WORDS = 20


def english_share(text: str) -> float:
    """The share of the words of ``text`` that are English function words (0 when none)."""
    words = [w.lower().replace("’", "'") for w in WORD.findall(text)]
    if not words:
        return 0.0
    return sum(w in STOP_WORDS for w in words) / len(words)


def detected_language(text: str) -> str | None:
    """``"en"`` when ``text`` reads as English, ``"not en"`` when it does not, ``None``
    when it is too short to tell (under :data:`MIN_WORDS` words)."""
    if len(WORD.findall(text)) < MIN_WORDS:
        return None
    return "en" if english_share(text) >= ENGLISH_MIN_SHARE else "not en"


def article_language(article: Article) -> tuple[str | None, str]:
    """The article's language and where it comes from: its ``lang`` field (``"declared"``)
    when given, else :func:`detected_language` on its headline and body (``"detected"``)."""
    declared = article.meta.get("lang")
    if declared:
        return str(declared).strip(), "declared"
    return detected_language(article.document), "detected"


def is_english(article: Article) -> bool | None:
    """Whether the article is English (declared ``en``/``en-*`` or detected); ``None`` when
    undeclared and too short to tell."""
    lang, _ = article_language(article)
    if lang is None:
        return None
    return lang.lower() == "en" or lang.lower().startswith("en-")
