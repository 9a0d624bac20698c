"""What an incident's report can and cannot say: warnings shown at the top of the summary.

The analyses run on any valid incident, but some figures mean little for some inputs: a
comparison of outlets needs two outlets; blame, portrayal and the side of each mention need
two actors; every model is English; rates per 1,000 words and sentiment of a very short
article rest on a handful of sentences. Nothing is dropped: each warning says what is
affected and names the files concerned (relative to the incident folder).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from framing.core.corpus import Article, Incident
from framing.core.language import article_language, is_english
from framing.core.paths import shown_path

#: Articles shorter than this many words (headline included) are flagged as very short.
SHORT_WORDS = 80


@dataclass(frozen=True)
class Caution:
    """One warning about an incident: its ``kind`` (a stable key for code and tests), the
    sentence shown to readers, and the article files it concerns."""

    kind: str
    text: str
    files: list[str] = field(default_factory=list)


def article_file(article: Article, incident: Incident) -> str:
    """An article's file as readers see it: relative to the incident folder (with the row
    for JSONL and CSV files holding several articles)."""
    if article.source_file is None:
        return article.id
    name = shown_path(article.source_file, incident.path)
    shared = sum(a.source_file == article.source_file for a in incident.articles) > 1
    return f"{name} ({article.id})" if shared else name


def incident_cautions(incident: Incident) -> list[Caution]:
    """Every warning that applies to ``incident``, in the order they are shown."""
    found: list[Caution] = []
    outlets = incident.outlets
    if len(outlets) < 2:
        found.append(Caution(
            "one-outlet",
            f"Only one outlet ({', '.join(outlets) or 'none'}): comparisons between outlets "
            "need at least two, so the report describes this outlet's coverage but says "
            "nothing about what it reports or omits compared with others. Add articles "
            "from other outlets to compare.",
        ))
    if len(incident.actors) < 2:
        names = ", ".join(a.name for a in incident.actors) or "none"
        found.append(Caution(
            "few-actors",
            f"Fewer than two actors in incident.yml ({names}): who is blamed, quoted or "
            "portrayed is measured for the declared actors only, so there is nothing to "
            "compare. Declare each party with its side.",
        ))
    foreign = [a for a in incident.articles if is_english(a) is False]
    if foreign:
        described = []
        for a in foreign:
            lang, how = article_language(a)
            label = f"declared lang: {lang}" if how == "declared" else "detected"
            described.append(f"{article_file(a, incident)} ({a.outlet}; {label})")
        found.append(Caution(
            "not-english",
            "Not in English: " + "; ".join(described) + ". Every model here is English: "
            "these articles are analysed all the same, but their terms, blame, sentiment "
            "and facts are unreliable. Use an English version or translation, or set "
            "`lang: en` in the front matter if the article is English.",
            [article_file(a, incident) for a in foreign],
        ))
    short = [a for a in incident.articles if a.n_words < SHORT_WORDS]
    if short:
        found.append(Caution(
            "short",
            f"Very short articles (under {SHORT_WORDS} words): "
            + "; ".join(f"{article_file(a, incident)} ({a.outlet}, {a.n_words} words)"
                        for a in short)
            + ". Rates per 1,000 words and sentiment rest on a few sentences; check that "
            "the whole text was saved.",
            [article_file(a, incident) for a in short],
        ))
    return found
