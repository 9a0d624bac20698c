"""The per-article stage as data: computed once per document and model, loaded anywhere."""

from __future__ import annotations

import json

import pytest

from framing.core.cache import DiskCache
from framing.store.cluster import batches, run_stage
from framing.store.dataset import CorpusStore
from framing.store.importer import import_sources
from framing.store.query import query
from framing.store.stages import done_documents, load_stage

EXTRA = [{"outlet": f"Outlet {i}", "title": f"Shelling reported near Hadrut, day {i}",
          "text": f"Armenian forces said Azerbaijani troops shelled two villages on day {i}. "
                  "Baku denied it and accused Yerevan of provocations."} for i in range(3)]


@pytest.fixture
def store(tmp_path, monkeypatch, sample_path) -> CorpusStore:
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    store = CorpusStore(tmp_path / "store")
    import_sources([sample_path], store, progress=False)
    return store


def test_adding_articles_computes_only_those(store, tmp_path):
    first = run_stage(store)
    assert (first.computed, first.reused) == (2, 0)
    extra = tmp_path / "extra.jsonl"
    extra.write_text("\n".join(json.dumps(r) for r in EXTRA), encoding="utf-8")
    import_sources([extra], store, progress=False)
    second = run_stage(store)
    assert (second.computed, second.reused) == (3, 2)
    assert len(done_documents(store, second.fingerprint)) == 5
    sentences = query(store, "SELECT doc_hash, count(*) AS n, count(DISTINCT sentence_key) AS k "
                             "FROM stage_sentences GROUP BY 1")
    assert len(sentences) == 5 and (sentences.n == sentences.k).all()  # keys are unique
    assert run_stage(store).computed == 0


def test_stage_outputs_fill_another_machines_cache(store, tmp_path, monkeypatch):
    from framing.core.nlp import load_nlp, parse_texts

    result = run_stage(store)
    hashes = store.articles(["doc_hash"]).doc_hash.tolist()
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "elsewhere"))  # an empty cache
    assert load_stage(store, result.fingerprint, hashes) > 0
    assert len(DiskCache("parses")) == 2 and len(DiskCache("loaded-terms")) > 20
    nlp = load_nlp()
    nlp_calls = []
    monkeypatch.setattr(nlp, "pipe", lambda *a, **k: nlp_calls.append(1) or iter(()))
    documents = store.articles(["title", "text"])
    parse_texts([f"{t}\n\n{x}" for t, x in zip(documents.title, documents.text, strict=True)])
    assert nlp_calls == []  # every parse came from the stage's outputs


def test_batches_balance_tasks_over_workers():
    assert [len(b) for b in batches(list(range(10)), 2)] == [2, 2, 2, 2, 2]
    assert [len(b) for b in batches(list(range(1000)), 2)] == [64] * 15 + [40]
    assert batches([], 4) == [] and [len(b) for b in batches(list(range(5)), 1, 2)] == [2, 2, 1]


def test_cli_process_and_info(store, capsys):
    from framing.cli import main

    assert main(["corpus", "process", "--store", str(store.root)]) == 0
    assert "2 document(s) computed, 0 reused" in capsys.readouterr().out
    assert main(["corpus", "process", "--store", str(store.root)]) == 0
    assert "0 document(s) computed, 2 reused" in capsys.readouterr().out
    assert main(["corpus", "info", "--store", str(store.root)]) == 0
    assert "2 document(s) processed" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # an unknown option is an error
        main(["corpus", "process", "--store", str(store.root), "--threads", "2"])
