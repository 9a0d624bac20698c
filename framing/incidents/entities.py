"""Named entities of an article's title and lead: what two reports of one incident share.

Two reports of one incident name the same people, places and organisations in their first
lines; two incidents of the same kind (two earthquakes in Indonesia) share the kind but not
the names. Entities come from spaCy's named-entity recogniser (the project pipeline,
:func:`framing.core.nlp.load_nlp`, parses cached by text) on the title and lead, and are
reduced to matching keys: case-folded, without a leading "the" or a possessive, and a
person's surname as a key of its own ("Biden" in a headline is "Joe Biden" in the lead), as
in the entity-overlap features of news story clustering (Miranda et al. 2018; Laban & Hearst
2017, newsLens).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from framing.core.corpus import WORD_RE, Article

#: spaCy labels kept: names of people, groups, places, organisations, events, laws.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW",
                           "PRODUCT", "WORK_OF_ART"})
LEAD_WORDS = 80  # words of the body read after the title
_THE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Entity:
    """One named entity: its text as written, spaCy label and character span in the text."""

    text: str
    label: str
    start: int
    end: int


def lead_text(article: Article, words: int = LEAD_WORDS) -> str:
    """The title and the first ``words`` words of the body: where a report says what
    happened, to whom, where and when (the inverted pyramid)."""
    body = article.text
    found = list(WORD_RE.finditer(body))
    cut = found[words - 1].end() if len(found) >= words else len(body)
    return f"{article.title}\n\n{body[:cut]}"


def entity_key(text: str) -> str:
    """The matching key of an entity: case-folded, spaces collapsed, a leading article and a
    trailing possessive removed ("the Kremlin's" -> "kremlin")."""
    key = _THE.sub("", " ".join(text.split()))
    key = _POSSESSIVE.sub("", _EDGES.sub("", key))
    return _EDGES.sub("", key).casefold()


def entity_keys(entity: Entity) -> list[str]:
    """Keys of one entity: its key, and a multi-word person's surname too."""
    key = entity_key(entity.text)
    if not key or not any(c.isalpha() for c in key):
        return []
    keys = [key]
    words = key.split()
    if entity.label == "PERSON" and len(words) > 1 and len(words[-1]) > 2:
        keys.append(words[-1])
    return keys


def text_entities(texts: Sequence[str], spacy_model: str | None = None) -> list[list[Entity]]:
    """The named entities (:data:`ENTITY_LABELS`) of each text, parsed through the project's
    cached spaCy pipeline."""
    from framing.core.nlp import load_nlp, parse_texts

    docs = parse_texts(texts, load_nlp(spacy_model))
    return [[Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents
             if e.label_ in ENTITY_LABELS] for doc in docs]


def article_entity_keys(articles: Sequence[Article], lead_words: int = LEAD_WORDS,
                        spacy_model: str | None = None
                        ) -> tuple[list[set[str]], dict[str, str], dict[str, str]]:
    """Entity keys of each article's title and lead, a readable name for each key (its
    most frequent surface form) and its most frequent spaCy label.

    Returns:
        ``(keys, names, labels)``: one set of keys per article, ``key -> name`` and
        ``key -> label``.
    """
    from collections import Counter

    found = text_entities([lead_text(a, lead_words) for a in articles], spacy_model)
    surfaces: dict[str, Counter] = {}
    kinds: dict[str, Counter] = {}
    keys = []
    for ents in found:
        own: set[str] = set()
        for ent in ents:
            for key in entity_keys(ent):
                own.add(key)
                shown = ent.text if key == entity_key(ent.text) else key.title()
                surfaces.setdefault(key, Counter())[_THE.sub("", shown.strip())] += 1
                kinds.setdefault(key, Counter())[ent.label] += 1
        keys.append(own)
    names = {k: c.most_common(1)[0][0] for k, c in surfaces.items()}
    return keys, names, {k: c.most_common(1)[0][0] for k, c in kinds.items()}
