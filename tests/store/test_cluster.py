"""The same tables in one process and on a LocalCluster; models loaded once per worker."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.analyze import write_tables
from framing.store.cluster import model_loads, run_documents
from framing.store.dataset import CorpusStore
from framing.store.identity import document_hash
from framing.store.stages import Document

pytestmark = pytest.mark.slow  # starts worker processes that load every model


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import os

    from distributed import Client, LocalCluster

    before = os.environ.get("FRAMING_CACHE")
    os.environ["FRAMING_CACHE"] = str(tmp_path_factory.mktemp("worker-cache"))
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, memory_limit=0)
    client = Client(cluster)
    if before is None:
        os.environ.pop("FRAMING_CACHE")
    else:
        os.environ["FRAMING_CACHE"] = before
    yield client
    client.close()
    cluster.close()


def _tables(folder):
    return {p.name: pd.read_csv(p) for p in sorted(folder.glob("*.csv"))}


def test_local_cluster_gives_the_in_process_tables(client, sample_path, tmp_path, monkeypatch):
    runs = {}
    for name, scheduler in (("plain", None), ("staged", "in-process"), ("cluster", client)):
        monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / f"cache-{name}"))
        out = tmp_path / name
        if scheduler is None:
            write_tables(sample_path, out)
        else:
            write_tables(sample_path, out, store=tmp_path / f"store-{name}",
                         scheduler=None if scheduler == "in-process" else scheduler)
        runs[name] = _tables(out)
        manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert manifest["encoder_precision"] in ("fp32", "bf16")
    assert json.loads((tmp_path / "cluster" / "run.json").read_text())["stage"]["computed"] == 2
    assert runs["staged"].keys() == runs["cluster"].keys() == runs["plain"].keys()
    for table, frame in runs["cluster"].items():  # the stage, wherever it ran: bit-identical
        pd.testing.assert_frame_equal(frame, runs["staged"][table], check_exact=True,
                                      obj=table)
    for table, frame in runs["cluster"].items():  # vs one process without the stage: the
        # encoder batches sentences of both articles together there, so vector sums differ
        # in the 7th digit; every label, id, link and count is the same
        pd.testing.assert_frame_equal(frame, runs["plain"][table], check_exact=False,
                                      rtol=1e-5, atol=1e-6, obj=table)


def test_each_worker_loads_each_model_once(client, tmp_path, sample_path):
    from framing.core.corpus import load_incident

    texts = [a.document for a in load_incident(sample_path).articles]
    texts += [f"Shelling near Hadrut, day {i}\n\nArmenian forces said Azerbaijani troops "
              f"shelled two villages on day {i}. Baku denied it." for i in range(6)]
    documents = [Document(document_hash(t), t) for t in texts]
    store = CorpusStore(tmp_path / "store")
    first = run_documents(store, documents[:4], scheduler=client, batch=1, progress=False)
    second = run_documents(store, documents, scheduler=client, batch=1, progress=False)
    assert (first.computed, second.computed, second.reused) == (4, 4, 4)
    loads = client.run(model_loads)
    assert len(loads) == 2
    for worker, counts in loads.items():
        assert counts == {"spacy": 1, "encoder": 1, "terms": 1, "sentiment": 1}, worker
    workers = {w for w in first.peak_rss_mb} | {w for w in second.peak_rss_mb}
    assert len(workers) == 2  # both workers got tasks


def test_corpus_stage_outputs_are_identical_in_process_and_on_the_cluster(
        client, tmp_path, sample_path, monkeypatch):
    from framing.store.cluster import run_stage
    from framing.store.importer import import_sources
    from framing.store.query import query

    extra = tmp_path / "extra.jsonl"
    extra.write_text("\n".join(json.dumps(
        {"outlet": f"Outlet {i}", "title": f"Truce broken near Hadrut, day {i}",
         "text": f"Azerbaijani troops shelled two villages on day {i}, Armenian forces said. "
                 "Baku denied it."}) for i in range(3)), encoding="utf-8")
    stores = {}
    for name, scheduler in (("here", None), ("cluster", client)):
        monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / f"cache-{name}"))
        store = CorpusStore(tmp_path / name)
        import_sources([sample_path, extra], store, progress=False)
        assert run_stage(store, scheduler=scheduler, batch=2, progress=False).computed == 5
        stores[name] = store
    here, there = (query(stores[n], "SELECT * FROM stage_sentences ORDER BY ALL")
                   for n in ("here", "cluster"))
    pd.testing.assert_frame_equal(here, there, check_exact=True, obj="sentences")
    here, there = (query(stores[n], "SELECT namespace, key, md5(value) AS value FROM "
                                    "stage_entries ORDER BY namespace, key")
                   for n in ("here", "cluster"))
    pd.testing.assert_frame_equal(here[["namespace", "key"]], there[["namespace", "key"]])
    vectors = here.namespace == "embeddings"  # sentence and word-piece vectors: same bytes
    assert vectors.any() and (here.value[vectors] == there.value[vectors]).all()
    # not compared byte for byte: parses (the same annotations, but the serialised string
    # table's order follows each process's hash seed) and loaded-term probabilities (equal
    # within 1e-7: BLAS runs on two threads in process, on one in each worker)


INCIDENT_B = """\
title: Border shooting
date: 2021-05-12
summary: A shooting at the border, told by two outlets.
actors:
  - id: azerbaijan
    name: Azerbaijan
    side: azerbaijan
    demonyms: [Azerbaijani]
  - id: armenia
    name: Armenia
    side: armenia
    demonyms: [Armenian]
"""
BORDER = {
    "outlet-a.md": ("Outlet A", "Armenian soldier wounded at the border",
                    "An Armenian soldier was wounded on Wednesday when Azerbaijani troops opened "
                    "fire near Sotk, the Armenian defence ministry said.\n\nBaku denied the "
                    "report and said its forces had only returned fire.\n\nThe two countries "
                    "fought a six-week war last year."),
    "outlet-b.md": ("Outlet B", "Azerbaijan says Armenia provoked clash",
                    "Azerbaijan's defence ministry said on Wednesday that Armenian forces fired "
                    "first near the border and that its troops returned fire.\n\nYerevan said "
                    "one Armenian soldier was wounded.\n\nRussia called on both sides to "
                    "respect the ceasefire."),
    "outlet-c.md": ("Outlet C", "Shots at the border",
                    "Shots were fired at the border between Armenia and Azerbaijan on "
                    "Wednesday, and one soldier was wounded, officials said.\n\nEach side "
                    "blamed the other for the shooting."),
}
PRISONERS = {
    "outlet-a.md": ("Outlet A", "Prisoners handed over",
                    "Azerbaijan handed over fifteen Armenian prisoners on Saturday in exchange "
                    "for maps of minefields, officials said.\n\nArmenia had accused Baku of "
                    "holding the men illegally."),
    "outlet-d.md": ("Outlet D", "Baku releases fifteen detainees",
                    "Baku released fifteen Armenian detainees on Saturday after Yerevan handed "
                    "over minefield maps, the Azerbaijani foreign ministry said.\n\nThe deal "
                    "was brokered by Georgia and the United States."),
}


def _incident_folder(root, name: str, articles: dict) -> object:
    from conftest import article_md

    folder = root / name
    (folder / "articles").mkdir(parents=True)
    (folder / "incident.yml").write_text(INCIDENT_B.replace("Border shooting", name),
                                         encoding="utf-8")
    for file, (outlet, title, body) in articles.items():
        (folder / "articles" / file).write_text(article_md(outlet, title, body),
                                                encoding="utf-8")
    return folder


def test_a_multi_incident_corpus_gives_the_in_process_tables(client, sample_path, tmp_path,
                                                             monkeypatch):
    """Three incident folders imported into one corpus store; its per-article stage run in
    this process or on the LocalCluster; each incident then analysed from the store (nothing
    recomputed): every table of every incident is the same, bit for bit."""
    from framing.core.corpus import load_incident
    from framing.store.cluster import run_stage
    from framing.store.importer import import_sources

    folders = [sample_path, _incident_folder(tmp_path, "border", BORDER),
               _incident_folder(tmp_path, "prisoners", PRISONERS)]
    n_articles = sum(len(load_incident(f).articles) for f in folders)
    runs: dict[str, dict] = {}
    for name, scheduler in (("here", None), ("cluster", client)):
        monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / f"cache-{name}"))
        store = CorpusStore(tmp_path / f"store-{name}")
        import_sources(folders, store, progress=False)
        stage = run_stage(store, scheduler=scheduler, progress=False)
        assert (stage.computed, stage.reused) == (n_articles, 0)
        for folder in folders:
            out = tmp_path / name / folder.name
            write_tables(folder, out, store=store.root)
            manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
            assert manifest["stage"]["computed"] == 0  # every article came from the store
            runs[name] = {**runs.get(name, {}), **{f"{folder.name}/{k}": v
                                                   for k, v in _tables(out).items()}}
    assert runs["here"].keys() == runs["cluster"].keys()
    assert len(runs["here"]) > 3 * 20
    for table, frame in runs["cluster"].items():
        pd.testing.assert_frame_equal(frame, runs["here"][table], check_exact=True, obj=table)
    claims = runs["cluster"]["border/coverage__claims.csv"]
    assert set(claims.article_id) == {"outlet-a", "outlet-b", "outlet-c"} and len(claims) > 5
    for worker, counts in client.run(model_loads).items():  # still once per worker
        assert counts == {"spacy": 1, "encoder": 1, "terms": 1, "sentiment": 1}, worker


def test_stage_incidents_at_a_scheduler_address(client, tmp_path, monkeypatch):
    """What ``framing incidents profile ... --scheduler ADDRESS`` runs first (issue 19): the
    per-article stage of every incident's articles, at once, on a running cluster; then in
    this process every parse and sentence vector is a cache hit."""
    from framing.core.pipeline import prepare
    from framing.store.staged import stage_incidents

    folders = [_incident_folder(tmp_path, "border", BORDER),
               _incident_folder(tmp_path, "prisoners", PRISONERS)]
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    address = client.scheduler.address
    incidents, first = stage_incidents(folders, store=tmp_path / "store", scheduler=address,
                                       progress=False)
    assert [i.slug for i in incidents] == ["border", "prisoners"]
    assert (first.scheduler, first.computed, first.reused) == (address, 5, 0)
    assert len(first.peak_rss_mb) == 2  # on the cluster's two workers, not here
    _, again = stage_incidents(folders, store=tmp_path / "store", scheduler=address,
                               progress=False)
    assert (again.computed, again.reused) == (0, 5)
    from framing.core.nlp import load_nlp

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed in process: the stage's parses were not loaded")

    monkeypatch.setattr(load_nlp(), "pipe", no_parsing)
    for incident in incidents:
        assert len(prepare(incident).sentences) > 3


def test_profile_runs_one_task_per_incident_on_the_cluster(client, tmp_path, monkeypatch):
    """``framing incidents profile --scheduler``: after the per-article stage each incident's
    analyses run as one task on the workers; the profile is the one made in process."""
    from framing.incidents.profile import profile_incidents
    from framing.store.staged import stage_incidents

    folders = [_incident_folder(tmp_path, "border", BORDER),
               _incident_folder(tmp_path, "prisoners", PRISONERS)]
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    stage_incidents(folders, store=tmp_path / "store", scheduler=client, progress=False)
    here = profile_incidents(folders, n_boot=50)
    there = profile_incidents(folders, n_boot=50, client=client)
    for name in ("coverage", "measures", "deviations", "profile", "evidence"):
        pd.testing.assert_frame_equal(there[name], here[name], obj=name)
    assert [i.slug for i in there["incidents"]] == ["border", "prisoners"]
