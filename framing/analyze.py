"""Run every analysis on an incident and collect its tables (``framing analyze``).

Each analysis module exposes ``tables(parsed) -> dict[str, DataFrame]``. This module runs
them, caches their frames by a content hash of the incident's documents, the actors and the
package source, and writes one CSV per table with a ``tables.md`` that documents the columns.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd

from framing import analyses
from framing.core import paths
from framing.core.cache import DiskCache, computing, content_hash
from framing.core.pipeline import Parsed, prepare
from framing.report.manifest import tree_hash

COLUMN_DOCS = {
    "article_id": "article id (file stem of the article)",
    "outlet": "the outlet that published the article",
    "sent_id": "0-based index of the sentence in the article (0 = headline)",
    "start": "character offset where the span starts in the article document "
             "(headline + blank line + body)",
    "end": "character offset where the span ends (exclusive)",
    "text": "the sentence or span text",
}


def _incident_key(parsed: Parsed) -> str:
    inc = parsed.incident
    return content_hash(
        *(a.id + "\x00" + a.outlet + "\x00" + a.document for a in inc.articles),
        parsed.spacy_model,
        repr(inc.actors),
        repr(inc.places),
        tree_hash(paths.PACKAGE_DIR),
    )


def analysis_options(name: str) -> list[str]:
    """The keyword options an analysis' ``tables`` takes (its needs excluded)."""
    analysis = analyses.get(name)
    params = list(inspect.signature(analysis.tables).parameters)[1:]
    return [p for p in params if p not in analysis.needs]


def run_analysis(parsed: Parsed, name: str, use_cache: bool = True,
                 **options: object) -> dict[str, pd.DataFrame]:
    """Tables of one analysis, from the cache when the inputs, options and code are unchanged.

    ``options`` go to the analysis' ``tables`` function as keyword arguments (e.g.
    ``sentiment_model="vader"`` for sentiment); ``None`` values are left out (the defaults),
    and an option the analysis does not take is an error. The tables of the analyses it
    needs (:attr:`framing.analyses.Analysis.needs`) are computed first, each with the
    options it takes among these (portrayal's ``sentiment_model`` is its sentiment's).
    """
    analysis = analyses.get(name)
    valid = analysis_options(name)
    unknown = sorted(set(options) - set(valid))
    if unknown:
        raise KeyError(f"analysis {name!r} takes no option {', '.join(unknown)}; "
                       f"its options: {', '.join(valid) or 'none'}")
    options = {k: v for k, v in options.items() if v is not None}

    def compute() -> dict[str, pd.DataFrame]:  # needs are read only when this one is computed
        needed = {need: run_analysis(parsed, need, use_cache,
                                     **{k: v for k, v in options.items()
                                        if k in analysis_options(need)})
                  for need in analysis.needs}
        return analysis.tables(parsed, **needed, **options)

    if not use_cache:
        return compute()
    key = content_hash(name, _incident_key(parsed), repr(sorted(options.items())))
    store = DiskCache("tables")
    sentinel = object()
    found = store.get(key, sentinel)
    if found is not sentinel:
        return found
    with computing(key):  # a notebook running beside this one waits, then reads the cache
        return store.memoize(key, compute)


def run_all(parsed: Parsed, names: list[str] | None = None, use_cache: bool = True,
            **options: str | None) -> dict[str, dict[str, pd.DataFrame]]:
    """``{analysis: {table: frame}}`` for every analysis (or the chosen ones, in registry order).

    ``options`` are run options by name (:data:`framing.analyses.OPTIONS`), each passed to
    the analyses that take it: ``sentiment_model`` (None = the offline default, ``"vader"``,
    or a Hugging Face model), ``coverage_model`` (None = the fitted offline pair scorer, or a
    Hugging Face cross-encoder that scores claim pairs instead).
    """
    names = names or [a.name for a in analyses.ANALYSES]
    for name in names:
        analyses.get(name)
    unknown = sorted(set(options) - set(analyses.OPTIONS))
    if unknown:
        raise KeyError(f"unknown option(s) {', '.join(unknown)}; "
                       f"choose from {', '.join(analyses.OPTIONS)}")
    ordered = [a.name for a in analyses.ANALYSES if a.name in names]
    return {name: run_analysis(parsed, name, use_cache,
                               **{k: v for k, v in options.items()
                                  if name in analyses.OPTIONS[k]})
            for name in ordered}


def describe_tables(results: dict[str, dict[str, pd.DataFrame]]) -> str:
    """Markdown documenting every table: file, producing function, columns."""
    lines = ["# Analysis tables", "",
             "Every table is tidy: one row per observation, keyed by article and sentence "
             "(and character span where it applies).", ""]
    for name, tables in results.items():
        doc = inspect.getdoc(analyses.get(name).tables) or ""
        for table, frame in tables.items():
            lines += [f"## {name}__{table}.csv", "", doc.split("\n\n")[0], "",
                      f"{len(frame)} rows.", "", "| column | type | meaning |", "|---|---|---|"]
            for col in frame.columns:
                lines.append(f"| {col} | {frame[col].dtype} | {COLUMN_DOCS.get(col, '')} |")
            lines.append("")
    return "\n".join(lines)


def write_tables(incident: str | Path | None, out: Path, names: list[str] | None = None,
                 spacy_model: str | None = None, *, scheduler: str | None = None,
                 workers: int | None = None, store: str | Path | None = None,
                 **options: str | None) -> list[Path]:
    """Write one CSV per table (``<analysis>__<table>.csv``), ``tables.md`` and ``run.json``
    (models, the run's pinned encoder precision, where the per-article stage ran).

    With ``scheduler`` (``"local"`` or an address) or ``store``, the per-article stage runs
    first, on Dask or in this process, with its outputs kept as Parquet in ``store``
    (:func:`framing.store.staged.prepare_staged`); without them, everything runs here as
    before.
    """
    from framing.store.staged import prepare_staged, run_manifest, write_manifest
    from framing.store.stages import pin_precision

    precision = pin_precision()
    stage = None
    if scheduler is not None or store is not None or workers is not None:
        parsed, stage = prepare_staged(incident, store=store, scheduler=scheduler,
                                       workers=workers, spacy_model=spacy_model)
    else:
        parsed = prepare(incident, spacy_model=spacy_model)
    results = run_all(parsed, names, **options)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, tables in results.items():
        for table, frame in tables.items():
            path = out / f"{name}__{table}.csv"
            frame.to_csv(path, index=False)
            written.append(path)
    doc = out / "tables.md"
    doc.write_text(describe_tables(results), encoding="utf-8")
    written.append(doc)
    written.append(write_manifest(out, run_manifest(parsed, precision, stage)))
    return written
