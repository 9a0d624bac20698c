"""``framing incidents profile --scheduler/--workers/--store`` (issue 19) runs the incidents'
per-article stage through the corpus store's Dask path, then one task per incident on the
same client; without them it runs nothing more than before. (The stage itself on a cluster:
tests/store/test_cluster.py.)"""

from __future__ import annotations

import pytest

from framing.cli import main


@pytest.fixture
def calls(monkeypatch):
    import contextlib

    import framing.incidents.profile as profile
    import framing.store.cluster as cluster
    import framing.store.staged as staged
    from framing.store.cluster import StageResult

    seen: dict[str, list] = {"stage": [], "profile": [], "client": []}

    @contextlib.contextmanager
    def cluster_client(scheduler, workers=None):
        seen["client"].append((scheduler, workers))
        yield f"client of {scheduler}" if scheduler else None

    def stage_incidents(incidents, **kwargs):
        seen["stage"].append((list(incidents), kwargs))
        return [], StageResult("f", "fp32", "local", 0, 0, 0.0, 0.0)

    def profile_incidents(incidents, **kwargs):
        seen["profile"].append((list(incidents), kwargs.get("client")))
        return {}

    monkeypatch.setattr(cluster, "cluster_client", cluster_client)
    monkeypatch.setattr(staged, "stage_incidents", stage_incidents)
    monkeypatch.setattr(profile, "profile_incidents", profile_incidents)
    return seen


def test_profile_with_a_scheduler_stages_every_incident_first(calls, tmp_path):
    assert main(["incidents", "profile", "a", "b", "--out", str(tmp_path / "out"),
                 "--scheduler", "local", "--workers", "2", "--store", "corpus"]) == 0
    assert calls["client"] == [("local", 2)]  # one client: the stage, then the incidents
    assert calls["stage"] == [(["a", "b"], {"store": "corpus", "scheduler": "client of local",
                                            "spacy_model": None})]
    assert calls["profile"] == [(["a", "b"], "client of local")]  # a task per incident


def test_profile_without_a_scheduler_runs_no_stage(calls, tmp_path):
    assert main(["incidents", "profile", "a", "b", "--out", str(tmp_path / "out")]) == 0
    assert calls["stage"] == [] and calls["profile"] == [(["a", "b"], None)]
