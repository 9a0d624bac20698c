"""An incident analysed in two stages: per article (anywhere), then per incident (here).

:func:`prepare_staged` loads the incident, runs the per-article stage on its documents
(:func:`framing.store.cluster.run_documents`: in this process, on a LocalCluster or on a
cluster; only documents not processed yet with the same models), loads the stage's outputs
into this process's caches (:func:`framing.store.stages.load_stage`) and then prepares the
incident as :func:`framing.core.pipeline.prepare` does — its parses, sentence scores and
vectors are now cache hits — so that the per-incident stage (actor mentions, blame,
alignment, distinctive terms, bootstrap intervals, findings) gives the same tables as a
run in one process. :func:`stage_incidents` does the first steps for several incidents in
one run (``framing incidents profile --scheduler``). :func:`run_manifest` records how the
run was made (``run.json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from framing.core import paths
from framing.core.corpus import Incident, load_incident
from framing.core.pipeline import Parsed, prepare
from framing.store.cluster import StageResult, run_documents
from framing.store.dataset import CorpusStore
from framing.store.identity import document_hash
from framing.store.stages import Document, load_stage

if TYPE_CHECKING:
    from distributed import Client


def default_store() -> CorpusStore:
    """Where stage outputs go without ``--store``: the cache folder (``<cache>/stages``)."""
    return CorpusStore(paths.cache_dir())


def stage_incidents(incidents: Sequence[Incident | str | Path | None], *,
                    store: str | Path | None = None, scheduler: str | Client | None = None,
                    workers: int | None = None, spacy_model: str | None = None,
                    batch: int | None = None, progress: bool | None = None,
                    ) -> tuple[list[Incident], StageResult]:
    """The per-article stage of several incidents' articles, in one run (one cluster, one
    set of tasks; an article in two incidents is computed once), its outputs then loaded
    into this process's caches: preparing and analysing each incident here afterwards
    (:func:`framing.core.pipeline.prepare`, ``framing incidents profile``) recomputes no
    parse, sentence score or vector. Returns the loaded incidents and what the stage did."""
    if workers is not None and scheduler != "local":
        raise ValueError("--workers needs '--scheduler local' (a running cluster has its own "
                         "workers)")
    loaded = [i if isinstance(i, Incident) else load_incident(i) for i in incidents]
    target = CorpusStore(store) if store is not None else default_store()
    documents = [Document(document_hash(a.document), a.document)
                 for incident in loaded for a in incident.articles]
    result = run_documents(target, documents, scheduler=scheduler, workers=workers,
                           spacy_model=spacy_model, batch=batch, progress=progress)
    load_stage(target, result.fingerprint, [d.doc_hash for d in documents])
    return loaded, result


def prepare_staged(incident: Incident | str | Path | None, *, store: str | Path | None = None,
                   scheduler: str | Client | None = None, workers: int | None = None,
                   spacy_model: str | None = None, batch: int | None = None,
                   ) -> tuple[Parsed, StageResult]:
    """The incident's :class:`Parsed`, its per-article stage run first (module doc)."""
    (incident,), result = stage_incidents([incident], store=store, scheduler=scheduler,
                                          workers=workers, spacy_model=spacy_model,
                                          batch=batch)
    return prepare(incident, spacy_model=spacy_model), result


def run_manifest(parsed: Parsed, precision: str, stage: StageResult | None) -> dict:
    """How a run was made: models, the pinned encoder precision, where the per-article
    stage ran and what it computed or reused."""
    return {
        "incident": parsed.incident.slug,
        "articles": len(parsed.incident.articles),
        "spacy_model": parsed.spacy_model,
        "encoder_precision": precision,
        "scheduler": stage.scheduler if stage else "in-process (no per-article stage)",
        "workers": stage.workers if stage else 1,
        "stage": None if stage is None else {
            "fingerprint": stage.fingerprint, "computed": stage.computed,
            "reused": stage.reused, "wall_s": round(stage.wall_s, 2),
            "cpu_s": round(stage.cpu_s, 2),
            "peak_rss_mb": {k: round(v) for k, v in stage.peak_rss_mb.items()}},
    }


def write_manifest(out: Path, manifest: dict) -> Path:
    path = out / "run.json"
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path
