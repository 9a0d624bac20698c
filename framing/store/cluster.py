"""The per-article stage on Dask: the same command on a laptop, a LocalCluster or a cluster.

``scheduler=None`` runs every batch in this process, as before; ``"local"`` starts a
:class:`distributed.LocalCluster` (``workers`` processes, one thread each); an address
(``tcp://host:port``) uses a running cluster — one started by ``dask-jobqueue`` on Slurm or
PBS, by ``dask-kubernetes``, or by hand with ``dask scheduler`` / ``dask worker``. Then:

- :class:`FramingModels`, a worker plugin, pins the run's encoder precision, limits torch
  to one thread (one worker process per core: no oversubscription) and loads the models
  once per worker before any task runs (spaCy runs in the worker itself, never in nested
  processes: ``nlp.pipe(n_process=1)``);
- documents are split into batches (a few tasks per worker) and each task writes its own
  Parquet parts (:func:`framing.store.stages.process_batch`); only small summaries travel
  back. On a cluster the store must be on a file system every worker sees.

Documents whose outputs exist for the same models (:func:`~framing.store.stages.done_documents`)
are skipped: adding 10 articles to a processed store computes 10.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from distributed.diagnostics.plugin import WorkerPlugin

from framing.store.dataset import CorpusStore
from framing.store.stages import (
    PRECISION_ENV,
    Document,
    StoredBatch,
    done_documents,
    peak_rss_mb,
    pin_precision,
    process_batch,
    stage_fingerprint,
    stored_documents,
)

if TYPE_CHECKING:
    from distributed import Client

MAX_BATCH = 64
TASKS_PER_WORKER = 4


class FramingModels(WorkerPlugin):
    """Load the stage's models once per worker, with the run's precision and one torch
    thread; ``worker_cache`` points the worker's SQLite caches at its local directory (for
    workers on other machines: SQLite must never be shared over a network file system)."""

    name = "framing-models"

    def __init__(self, spacy_model: str | None, precision: str,
                 worker_cache: bool = False) -> None:
        self.spacy_model = spacy_model
        self.precision = precision
        self.worker_cache = worker_cache

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        import torch

        from framing.store.stages import load_models

        os.environ[PRECISION_ENV] = self.precision
        if self.worker_cache:
            os.environ["FRAMING_CACHE"] = os.path.join(worker.local_directory, "framing-cache")
        torch.set_num_threads(1)
        load_models(self.spacy_model)


def model_loads() -> dict[str, int]:
    """How often this process has loaded each model (the loaders' cache misses)."""
    from framing.core.encoders import get_encoder
    from framing.core.nlp import _load_pipeline
    from framing.sentiment.backends import _shared_backend
    from framing.terms.model import load_model

    return {name: fn.cache_info().misses for name, fn in
            (("spacy", _load_pipeline), ("encoder", get_encoder), ("terms", load_model),
             ("sentiment", _shared_backend))}


@dataclass
class StageResult:
    """What a stage run did: documents computed and reused, time, memory per worker."""

    fingerprint: str
    precision: str
    scheduler: str
    computed: int
    reused: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    workers: int = 1

    def summary(self) -> str:
        peak = max(self.peak_rss_mb.values(), default=0.0)
        return (f"stage {self.fingerprint} ({self.precision}, {self.scheduler}, "
                f"{self.workers} worker(s)): {self.computed} document(s) computed, "
                f"{self.reused} reused, {self.wall_s:.1f} s, {self.cpu_s:.1f} CPU s in tasks, "
                f"peak memory per worker {peak:.0f} MB")


def batches(items: list, workers: int, batch: int | None = None) -> list[list]:
    """Split into tasks: ``batch`` items each, else about :data:`TASKS_PER_WORKER` tasks per
    worker (load balance) of at most :data:`MAX_BATCH`."""
    if not items:
        return []
    size = batch or max(1, min(MAX_BATCH, -(-len(items) // (workers * TASKS_PER_WORKER))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _client(scheduler: str, workers: int | None):
    """A Dask client for ``local`` (a LocalCluster of ``workers`` single-thread processes)
    or a scheduler address."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit=0)
        return Client(cluster), cluster
    if workers is not None:
        raise ValueError("--workers applies to '--scheduler local' only; a running cluster "
                         "has its own workers")
    if not scheduler.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
        raise ValueError(f"--scheduler must be 'local' or an address such as "
                         f"tcp://host:8786, not {scheduler!r}")
    return Client(scheduler), None


@contextmanager
def cluster_client(scheduler: str | None, workers: int | None = None
                   ) -> Iterator[Client | None]:
    """One Dask client for a whole command (``None`` without a scheduler): the per-article
    stage and then the per-incident tasks run on the same workers, whose models are loaded
    once; a LocalCluster it starts is closed at the end."""
    if scheduler is None:
        if workers is not None:
            raise ValueError("--workers needs '--scheduler local'")
        yield None
        return
    client, cluster = _client(scheduler, workers)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_documents(store: CorpusStore, documents: list[Document], *,
                  scheduler: str | Client | None = None, workers: int | None = None,
                  spacy_model: str | None = None, batch: int | None = None,
                  progress: bool | None = None) -> StageResult:
    """Run the per-article stage on the documents not yet processed (see the module doc).
    ``scheduler`` may also be a :class:`distributed.Client` (e.g. of a ``dask-jobqueue``
    cluster made in Python), which is used and left open."""
    start = time.perf_counter()
    precision = pin_precision()
    fingerprint = stage_fingerprint(spacy_model)
    done = done_documents(store, fingerprint)
    todo = list({d.doc_hash: d for d in documents if d.doc_hash not in done}.values())
    reused = len({d.doc_hash for d in documents}) - len(todo)

    def chunks(n_workers: int) -> list[list[Document]]:
        return batches(todo, n_workers, batch)

    return _execute(store, fingerprint, precision, len(todo), reused, chunks, start,
                    scheduler=scheduler, workers=workers, spacy_model=spacy_model,
                    progress=progress)


def _execute(store: CorpusStore, fingerprint: str, precision: str, n_todo: int, reused: int,
             chunks: Callable[[int], list], start: float, *, scheduler: str | Client | None,
             workers: int | None, spacy_model: str | None, progress: bool | None
             ) -> StageResult:
    """Run the tasks ``chunks(n_workers)`` gives, here or on Dask, with a progress bar."""
    from tqdm.auto import tqdm

    todo = n_todo
    root = str(store.root.resolve())
    summaries: list[dict] = []
    bar = tqdm(total=todo, desc="per-article stage", unit="doc",
               disable=progress is False or not todo)
    if scheduler is None or not todo:  # nothing to distribute: no cluster is started
        for chunk in chunks(1):
            summaries.append(process_batch(root, fingerprint, chunk, spacy_model))
            bar.update(len(chunk))
        n_workers = 1
        peak = {"in-process": peak_rss_mb()}
    else:
        from distributed import Client, as_completed

        own = not isinstance(scheduler, Client)
        client, cluster = _client(scheduler, workers) if own else (scheduler, None)
        try:
            remote = own and cluster is None  # workers on other machines: local caches
            client.register_plugin(FramingModels(spacy_model, precision, worker_cache=remote))
            n_workers = max(1, len(client.scheduler_info()["workers"]))
            futures = [client.submit(process_batch, root, fingerprint, chunk, spacy_model,
                                     pure=False) for chunk in chunks(n_workers)]
            for future in as_completed(futures):
                summary = future.result()
                summaries.append(summary)
                bar.update(summary["documents"])
            peak = {}
            for s in summaries:
                peak[s["worker"]] = max(peak.get(s["worker"], 0.0), s["max_rss_mb"])
        finally:
            if own:
                client.close()
            if cluster is not None:
                cluster.close()
    bar.close()
    where = scheduler if isinstance(scheduler, str) else (
        "in-process" if scheduler is None else f"client {scheduler.scheduler.address}")
    return StageResult(fingerprint, precision, where, todo, reused,
                       time.perf_counter() - start, sum(s["cpu_s"] for s in summaries),
                       peak, n_workers)


def run_stage(store: CorpusStore, *, scheduler: str | Client | None = None,
              workers: int | None = None, spacy_model: str | None = None,
              batch: int | None = None, progress: bool | None = None) -> StageResult:
    """``framing corpus process``: the per-article stage over every stored article not yet
    processed. Tasks get the hashes of documents of one part file and read the texts
    themselves (:class:`~framing.store.stages.StoredBatch`)."""
    start = time.perf_counter()
    precision = pin_precision()
    fingerprint = stage_fingerprint(spacy_model)
    done = done_documents(store, fingerprint)
    stored = stored_documents(store)
    todo = [(h, f) for h, f in stored if h not in done]

    def chunks(n_workers: int) -> list[StoredBatch]:
        size = len(batches(todo, n_workers, batch)[0]) if todo else 1
        by_file: dict[str, list[str]] = {}
        for h, f in todo:
            by_file.setdefault(f, []).append(h)
        return [StoredBatch(f, hashes[i : i + size]) for f, hashes in by_file.items()
                for i in range(0, len(hashes), size)]

    return _execute(store, fingerprint, precision, len(todo), len(stored) - len(todo), chunks,
                    start, scheduler=scheduler, workers=workers, spacy_model=spacy_model,
                    progress=progress)
