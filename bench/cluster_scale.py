"""Bench: the per-article stage of a 2,000-article corpus in one process vs a LocalCluster.

The corpus is built from the public datasets in ``../shared/eval/``, read in place by the
project's dataset readers (never copied into the project): BASIL (Fan et al. 2019), PTC (Da
San Martino et al. 2019), Narrative Frames (Frermann et al. 2023), SemEval-2025 Task 10 EN
(Piskorski et al. 2025), WikiEvents (Li et al. 2021), AllSides / NeuS (Lee et al. 2022)
and the three real incidents. The store lives in a scratch folder (``--work``, default
``/tmp/framing-bench-distributed``), outside the project.

Phases (each run is its own process, with its own empty cache, so every run is cold and its
memory is its own):

1. ``build``: import every article but 10 into a store (``framing.store.importer``);
2. LocalCluster: ``--workers`` single-thread processes (default: one per core);
3. in process: ``run_stage`` without a scheduler (torch uses every core, as today);
   with ``--limit-s`` each of these two is stopped after that many seconds and measured
   on the articles it finished (tasks of 8 articles);
4. incremental: a store of the articles the cluster run finished, with its stage outputs,
   plus the 10 held-out articles, the same command run again: only they are computed.

Figures: articles/s, core-seconds per article (cores × wall / articles, and CPU seconds
inside the tasks / articles), peak memory per worker (``ru_maxrss`` of each worker process);
written to ``bench/results/cluster_scale.json``.

Usage::

    python bench/cluster_scale.py                 # the full corpus (~2,200 articles)
    python bench/cluster_scale.py --limit 100     # a quick run while developing
    python bench/cluster_scale.py --limit-s 1200  # each cold run stopped after 20 minutes
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = 10


def eval_sources(limit: int | None = None):
    """Every article of the eval datasets as import records (:class:`SourceResult` per
    dataset), interleaved so that ``limit`` takes some of each."""
    from framing.core import paths
    from framing.core.corpus import Article, load_incident
    from framing.evaluate.datasets.allsides import read_allsides_stories
    from framing.evaluate.datasets.basil import basil_dir, read_article
    from framing.evaluate.datasets.entities import load_narrative_frames
    from framing.evaluate.datasets.ptc import read_ptc
    from framing.evaluate.datasets.wikievents import load_wikievents
    from framing.store.sources import Record

    eval_dir = paths.EVAL_DIR

    def split(outlet: str, doc_id: str, text: str, file: str) -> Article:
        text = text.replace("\r\n", "\n").strip()
        title, _, body = text.partition("\n")
        return Article(doc_id, outlet, title.strip() or doc_id, body.strip() or title, None,
                       None, None, Path(file))

    groups: dict[str, list[Record]] = {}
    groups["basil"] = [Record(read_article(p), str(p), 1)
                       for p in sorted((basil_dir() / "articles").rglob("*.json"))]
    texts, _ = read_ptc(eval_dir / "ptc")
    groups["ptc"] = [Record(split("ptc", k, t, f"ptc/article{k}.txt"), f"ptc/article{k}.txt", 1)
                     for k, t in texts.items()]
    _, texts = load_narrative_frames(eval_dir / "narrative_frames_frermann2023")
    groups["narrative_frames"] = [Record(split("narrative-frames", k, t, "nf"), "nf", None)
                                  for k, t in texts.items()]
    raw = sorted((eval_dir / "semeval2025_task10_entity_framing" / "EN" / "raw-documents")
                 .glob("*.txt"))
    groups["semeval"] = [Record(split("semeval", p.stem, p.read_text(encoding="utf-8"), str(p)),
                                str(p), 1) for p in raw]
    groups["wikievents"] = [Record(split("wikievents", d.doc_id, d.text, d.doc_id), d.doc_id, 1)
                            for d in load_wikievents(eval_dir / "wikievents" / "dev.jsonl")]
    articles, _ = read_allsides_stories()
    groups["allsides"] = [Record(a, "allsides", None) for a in articles]
    groups["real_incidents"] = [
        Record(a, str(a.source_file), 1, folder.name)
        for folder in sorted((eval_dir / "real_incidents").iterdir()) if folder.is_dir()
        for a in load_incident(folder).articles]
    counts = {k: len(v) for k, v in groups.items()}
    mixed: list[Record] = []
    for i in range(max(counts.values())):
        mixed.extend(g[i] for g in groups.values() if i < len(g))
    return mixed[:limit] if limit else mixed, counts


def build(work: Path, limit: int | None) -> dict:
    from framing.store.dataset import CorpusStore
    from framing.store.importer import import_results
    from framing.store.sources import SourceResult

    records, counts = eval_sources(limit)
    store = CorpusStore(work / "store-inprocess")
    start = time.perf_counter()
    report = import_results([SourceResult(records[:-HELD_OUT], [])], store, progress=False)
    seconds = time.perf_counter() - start
    (work / "held_out.json").write_text(json.dumps([
        {"outlet": r.article.outlet, "title": r.article.title, "text": r.article.text,
         "url": r.article.url} for r in records[-HELD_OUT:]]), encoding="utf-8")
    shutil.copytree(store.articles_dir, work / "store-cluster" / "articles")
    return {"datasets": counts, "records": len(records), "imported": len(report.imported),
            "duplicates": len(report.duplicates), "import_s": round(seconds, 2)}


def run(store_dir: Path, scheduler: str | None, workers: int | None,
        batch: int | None = None) -> dict:
    """One stage run (in this process): what ``framing corpus process`` does, measured."""
    from framing.store.cluster import run_stage
    from framing.store.dataset import CorpusStore
    from framing.store.query import query

    store = CorpusStore(store_dir)
    n_articles = int(query(store, "SELECT count(DISTINCT doc_hash) FROM articles").iloc[0, 0])
    start = time.perf_counter()
    result = run_stage(store, scheduler=scheduler, workers=workers, batch=batch)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sentences = int(query(store, "SELECT count(*) FROM stage_sentences").iloc[0, 0])
    cores = os.cpu_count() or 1
    n = max(result.computed, 1)
    return {"scheduler": result.scheduler, "workers": result.workers, "cores": cores,
            "articles": n_articles, "computed": result.computed, "reused": result.reused,
            "sentences_in_store": sentences, "precision": result.precision,
            "wall_s": round(wall, 1), "articles_per_s": round(result.computed / wall, 2),
            "core_s_per_article": round(cores * wall / n, 3),
            "task_cpu_s_per_article": round(result.cpu_s / n, 3),
            "client_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb_per_worker": {k: round(v) for k, v in result.peak_rss_mb.items()}}


def child(args: list[str], cache: Path) -> dict:
    env = {**os.environ, "FRAMING_CACHE": str(cache)}
    out = subprocess.run([sys.executable, __file__, *args], env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a running process (``VmHWM``), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_child(args: list[str], cache: Path, store_dir: Path, limit_s: float,
                label: str) -> dict:
    """A stage run, stopped after ``limit_s`` seconds if unfinished; then measured on the
    documents it wrote (``stage_documents``: tasks write whole batches, each document row
    with its CPU seconds, finish time and the worker's peak memory)."""
    from framing.store.dataset import CorpusStore
    from framing.store.query import query

    env = {**os.environ, "FRAMING_CACHE": str(cache)}
    start = time.perf_counter()
    started = time.time()
    proc = subprocess.Popen([sys.executable, __file__, *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    while proc.poll() is None and time.perf_counter() - start < limit_s:
        time.sleep(2)
    if proc.poll() is not None:
        return {**json.loads(proc.stdout.read().strip().splitlines()[-1]), "stopped": False}
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its cluster's worker processes
    proc.wait()
    wall = time.perf_counter() - start
    store = CorpusStore(store_dir)
    row = query(store, "SELECT count(DISTINCT doc_hash) AS done, sum(cpu_s) AS cpu, "
                       "min(finished_at) AS first, max(finished_at) AS last, "
                       "sum(sentences) AS sentences FROM stage_documents").iloc[0]
    peaks = query(store, "SELECT worker, max(max_rss_mb) AS mb FROM stage_documents "
                         "GROUP BY worker")
    n_articles = int(query(store, "SELECT count(DISTINCT doc_hash) FROM articles").iloc[0, 0])
    done = int(row["done"])
    cores = os.cpu_count() or 1
    return {"scheduler": label, "cores": cores, "articles": n_articles, "computed": done,
            "stopped": True, "wall_s": round(wall, 1),
            "first_document_after_s": round(float(row["first"]) - started, 1),
            "sentences": int(row["sentences"]),
            "articles_per_s": round(done / wall, 3),
            "articles_per_s_after_start_up": round(
                done / max(float(row["last"]) - float(row["first"]), 1e-9), 3),
            "core_s_per_article": round(cores * wall / max(done, 1), 3),
            "task_cpu_s_per_article": round(float(row["cpu"]) / max(done, 1), 3),
            "peak_rss_mb_per_worker": {w: round(m) for w, m in zip(peaks.worker, peaks.mb,
                                                                   strict=True)}}


def incremental(work: Path, workers: list[str]) -> dict:
    """Adding 10 articles to a processed store: a store of the articles the cluster run
    finished (its stage outputs copied along), the 10 held-out ones imported, the same
    command run again: only the 10 are computed."""
    from framing.store.dataset import CorpusStore
    from framing.store.importer import import_results, import_sources
    from framing.store.query import query
    from framing.store.sources import Record, SourceResult

    source, target = CorpusStore(work / "store-cluster"), CorpusStore(work / "store-done")
    done = query(source, "SELECT a.* EXCLUDE (date, outlet) FROM articles a WHERE doc_hash "
                         "IN (SELECT doc_hash FROM stage_documents)")
    from framing.core.corpus import Article

    records = [Record(Article(r.source_id, r.outlet_name, r.title, r.text,
                              r.url if isinstance(r.url, str) else None),
                      str(r.source_file), None) for r in done.itertuples()]
    import_results([SourceResult(records, [])], target, progress=False)
    shutil.copytree(source.stages_dir, target.stages_dir)
    held = work / "held_out.jsonl"
    held.write_text("\n".join(json.dumps(r) for r in json.loads(
        (work / "held_out.json").read_text(encoding="utf-8"))), encoding="utf-8")
    import_sources([held], target, progress=False)
    run = child(["--phase", "run", "--store", str(target.root), "--scheduler", "local",
                 *workers], work / "cache-incremental")
    return {**run, "store_articles": len(done) + 10}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/framing-bench-distributed"))
    parser.add_argument("--limit", type=int, default=None, help="articles (default: all)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--save", action="store_true",
                        help="write bench/results/cluster_scale.json")
    parser.add_argument("--limit-s", type=float, default=float("inf"),
                        help="stop each cold run after this many seconds and measure it on "
                             "the articles it finished (default: no limit)")
    parser.add_argument("--batch", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=["build", "run"], help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "build":
        print(json.dumps(build(args.work, args.limit)))
        return
    if args.phase == "run":
        print(json.dumps(run(args.store, args.scheduler, args.workers, args.batch)))
        return
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    results: dict = {"build": child(["--phase", "build", "--work", str(args.work),
                                     *(["--limit", str(args.limit)] if args.limit else [])],
                                    args.work / "cache-build")}
    print(json.dumps(results["build"]), flush=True)
    workers = ["--workers", str(args.workers)] if args.workers else []
    cluster = ["--phase", "run", "--store", str(args.work / "store-cluster"), "--scheduler",
               "local", *workers]
    results["local_cluster"] = timed_child([*cluster, "--batch", "8"], args.work / "cache-cluster",
                                           args.work / "store-cluster", args.limit_s,
                                           "local")
    print(json.dumps(results["local_cluster"]), flush=True)
    results["in_process"] = timed_child(
        ["--phase", "run", "--store", str(args.work / "store-inprocess"), "--batch", "8"],
        args.work / "cache-inprocess", args.work / "store-inprocess", args.limit_s,
        "in-process")
    print(json.dumps(results["in_process"]), flush=True)
    results["incremental"] = incremental(args.work, workers)
    print(json.dumps(results["incremental"]), flush=True)
    base, dist = results["in_process"], results["local_cluster"]
    # time per article, so that a stopped in-process run compares too
    results["cluster_vs_in_process_time"] = round(base["articles_per_s"]
                                                  / dist["articles_per_s"], 3)
    full = results["build"]["imported"] / dist["articles_per_s"]  # the whole cold run, s
    results["cold_cluster_run_s_projected"] = round(full)
    results["incremental_vs_cold_time"] = round(results["incremental"]["wall_s"] / full, 3)
    print(json.dumps({k: results[k] for k in ("cluster_vs_in_process_time",
                                              "incremental_vs_cold_time")}))
    if args.save:
        path = ROOT / "bench" / "results" / "cluster_scale.json"
        path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
