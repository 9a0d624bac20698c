"""ECB+ documents (Cybulska & Vossen 2014) as articles, read in place.

``pairs/ecbplus/documents.jsonl``: one tokenised news document per line with its ``topic``
and ``subtopic``. Each topic holds two different real incidents of one kind (two celebrity
rehab check-ins, two earthquakes in Indonesia), its two sub-topics (``<t>ecb``,
``<t>ecbplus``): the hard case for incident discovery. The documents have no title and no
date field; URL lines and bare date stamps are dropped (:func:`is_page_furniture`: only one
sub-topic of each topic has them), and the first remaining sentence serves as the title (a
one-sentence document has an empty body). A line that cannot be read raises
:class:`~framing.evaluate.datasets.MalformedRow` naming the file, line and field.
"""

from __future__ import annotations

import re
from pathlib import Path

from framing.core import paths
from framing.core.corpus import Article
from framing.evaluate.datasets import MalformedRow, json_lines

DOCUMENTS = paths.EVAL_DIR / "pairs" / "ecbplus" / "documents.jsonl"
_URL = re.compile(r"^https?\s*:|\bwww\s*\.\s", re.IGNORECASE)
_STAMP_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:am|pm|gmt|est|edt|bst|updated|posted|"
    r"published|last|et)\b|\d+(?:am|pm)?|[^\w\s]", re.IGNORECASE)


def is_page_furniture(text: str) -> bool:
    """A sentence that is the page's URL or a bare date stamp ("July 03, 2013 6:22AM",
    "AFP, Tuesday 2 Jul 2013"). The ECB+ half of each topic (the ``ecbplus`` sub-topic)
    was crawled with these lines and the ECB half without, so keeping them would let a
    clustering tell the two incidents apart by corpus layout instead of content."""
    if _URL.search(text):
        return True
    if not re.search(r"\d", text):
        return False
    return len(_STAMP_WORDS.sub(" ", text).split()) <= 2


def respace(text: str) -> str:
    """Undo ECB+'s token spacing for the common cases (clitics, punctuation, hyphens)."""
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r"(\w) - (\w)", r"\1-\2", text)
    return text.strip()


def detokenise(text: str) -> str:
    """A document sentence as running text: :func:`respace`, and PTB quotes as quotes."""
    return respace(text.replace("`` ", '"').replace(" ''", '"'))


def read_ecbplus_documents(path: str | Path | None = None
                           ) -> tuple[list[Article], list[int], list[str]]:
    """Every document as an article, with its topic and sub-topic (the gold incident).

    Args:
        path: ``documents.jsonl``, or a folder holding it or ``ecbplus/`` (default: in
            ``shared/``).

    Returns:
        ``(articles, topics, subtopics)``, one entry per document in file order.
    """
    path = Path(path) if path else DOCUMENTS
    for candidate in (path / "documents.jsonl", path / "ecbplus" / "documents.jsonl",
                      path / "pairs" / "ecbplus" / "documents.jsonl"):
        if path.is_dir() and candidate.exists():
            path = candidate
            break
    articles, topics, subtopics = [], [], []
    for n, doc in json_lines(path, ("doc_id", "topic", "subtopic", "sentences")):
        sents = [detokenise(s.get("text") or " ".join(s.get("tokens") or []))
                 for s in doc["sentences"]]
        sents = [s for s in sents if s and not is_page_furniture(s)]
        if not sents:
            raise MalformedRow(path, n, "field 'sentences': no text")
        articles.append(Article(id=str(doc["doc_id"]), outlet="ecb+", title=sents[0],
                                text=" ".join(sents[1:]), source_file=path))
        topics.append(int(doc["topic"]))
        subtopics.append(str(doc["subtopic"]))
    return articles, topics, subtopics
