"""Stable keys: every id in the store is derived from content, never from row order.

- ``article_key``: SHA-256 of (outlet, headline + body) — the article's identity; the same
  wire text in two outlets is two articles (a wire copy), in one outlet a duplicate;
- ``document_hash``: SHA-256 of ``article.document`` alone — what the per-article stage
  depends on, so wire copies are parsed and encoded once;
- ``url_key``: the URL without scheme, ``www.``, fragment, tracking parameters or trailing
  slash (the de-duplication rule of :mod:`framing.core.corpus`, plus ``utm_*`` removal);
- ``text_key``: hash of the lower-cased body with runs of non-word characters collapsed, so
  re-encoded punctuation or spacing still counts as the same text;
- ``sentence_key``: document hash + character offsets of a sentence.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from framing.core.cache import content_hash

KEY_VERSION = "article/1"
ID_LENGTH = 16  # hex characters of an article id: 64 bits, collision-free at corpus scale
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)


def document_of(title: str, text: str) -> str:
    """``article.document``: headline, a blank line, the body (as ``Article.document``)."""
    return f"{title}\n\n{text}"


def document_hash(document: str) -> str:
    """Key of the per-article stage: a hash of the parsed text only."""
    return content_hash("document/1", document)


def article_key(outlet: str, document: str) -> str:
    """The article's identity: outlet and document."""
    return content_hash(KEY_VERSION, outlet.strip(), document)


def article_id(key: str) -> str:
    """A short, stable article id from :func:`article_key` (``a`` + 16 hex digits)."""
    return "a" + key[:ID_LENGTH]


def url_key(url: str | None) -> str | None:
    """Normalised URL for de-duplication, or None for no URL."""
    if not url or not url.strip():
        return None
    text = re.sub(r"^https?://(www\.)?", "", url.strip().lower()).split("#")[0]
    path, _, query = text.partition("?")
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not TRACKING.match(k)]
    path = path.rstrip("/")
    return f"{path}?{urlencode(sorted(kept))}" if kept else path


def text_key(text: str) -> str:
    """Hash of the normalised body: same words in the same order = same text."""
    return content_hash("text/1", re.sub(r"\W+", " ", text.lower()).strip())


def sentence_key(doc_hash: str, start: int, end: int) -> str:
    """A sentence's stable key: its document and character span."""
    return content_hash(doc_hash, start, end)[:ID_LENGTH]
