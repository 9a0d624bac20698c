"""Stable keys: content decides every id, never row order."""

from __future__ import annotations

from framing.store.identity import (
    article_id,
    article_key,
    document_hash,
    sentence_key,
    text_key,
    url_key,
)


def test_url_key_ignores_scheme_www_fragment_tracking_and_trailing_slash():
    base = url_key("https://www.example.org/news/1/")
    assert url_key("http://example.org/news/1?utm_source=tw&fbclid=x#comments") == base
    assert url_key("https://example.org/news/1?page=2") != base
    assert url_key(None) is None and url_key("  ") is None


def test_keys_follow_content_not_position():
    doc = "Headline\n\nBody text."
    assert article_key("A", doc) == article_key(" A ", doc) != article_key("B", doc)
    assert article_id(article_key("A", doc)).startswith("a") and len(article_id("f" * 64)) == 17
    assert document_hash(doc) != document_hash(doc + " ")
    assert text_key("Body, text!") == text_key("body text")
    assert sentence_key(document_hash(doc), 0, 8) != sentence_key(document_hash(doc), 10, 20)
