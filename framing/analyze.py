"""Run every analysis on an incident and collect its tables (``framing analyze``).

Each analysis module exposes ``tables(parsed) -> dict[str, DataFrame]``. This module runs
them, caches their frames by a content hash of the incident's documents, the actors and the
package source, and writes one CSV per table with a ``tables.md`` that documents the columns.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from framing.core import paths
from framing.core.cache import DiskCache, content_hash
from framing.core.pipeline import Parsed, prepare
from framing.report.manifest import tree_hash

ANALYSES: dict[str, str] = {
    "overview": "framing.core.pipeline:base_tables",
    "terms": "framing.terms.analysis:tables",
    "blame": "framing.blame.analysis:tables",
    "sentiment": "framing.sentiment.analysis:tables",
    "coverage": "framing.coverage.analysis:tables",
}

COLUMN_DOCS = {
    "article_id": "article id (file stem of the article)",
    "outlet": "the outlet that published the article",
    "sent_id": "0-based index of the sentence in the article (0 = headline)",
    "start": "character offset where the span starts in the article document "
             "(headline + blank line + body)",
    "end": "character offset where the span ends (exclusive)",
    "text": "the sentence or span text",
}


def analysis_function(name: str) -> Callable[[Parsed], dict[str, pd.DataFrame]] | None:
    """The ``tables`` function of an analysis, or None while that module does not exist."""
    module_name, func = ANALYSES[name].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name == module_name:
            return None
        raise
    return getattr(module, func, None)


def _incident_key(parsed: Parsed) -> str:
    inc = parsed.incident
    return content_hash(
        *(a.id + "\x00" + a.outlet + "\x00" + a.document for a in inc.articles),
        parsed.spacy_model,
        repr(inc.actors),
        repr(inc.places),
        tree_hash(paths.PACKAGE_DIR),
    )


def run_analysis(parsed: Parsed, name: str, use_cache: bool = True,
                 **options: object) -> dict[str, pd.DataFrame]:
    """Tables of one analysis, from the cache when the inputs, options and code are unchanged.

    ``options`` go to the analysis' ``tables`` function as keyword arguments (e.g.
    ``sentiment_model="vader"`` for sentiment); ``None`` values are left out (the defaults).
    """
    func = analysis_function(name)
    if func is None:
        return {}
    options = {k: v for k, v in options.items() if v is not None}
    if not use_cache:
        return func(parsed, **options)
    store = DiskCache("tables")
    key = content_hash(name, _incident_key(parsed), repr(sorted(options.items())))
    return store.memoize(key, lambda: func(parsed, **options))


def run_all(parsed: Parsed, analyses: list[str] | None = None, use_cache: bool = True,
            sentiment_model: str | None = None, coverage_model: str | None = None
            ) -> dict[str, dict[str, pd.DataFrame]]:
    """``{analysis: {table: frame}}`` for every available analysis (or the chosen ones).

    ``sentiment_model``: None = the offline default, ``"vader"``, or a Hugging Face model.
    ``coverage_model``: None = the fitted offline pair scorer, or a Hugging Face
    cross-encoder that scores claim pairs instead.
    """
    names = analyses or list(ANALYSES)
    unknown = sorted(set(names) - set(ANALYSES))
    if unknown:
        raise KeyError(f"unknown analyses {unknown}; choose from {', '.join(ANALYSES)}")
    options = {"sentiment": {"sentiment_model": sentiment_model},
               "coverage": {"coverage_model": coverage_model}}
    return {name: run_analysis(parsed, name, use_cache, **options.get(name, {}))
            for name in names}


def describe_tables(results: dict[str, dict[str, pd.DataFrame]]) -> str:
    """Markdown documenting every table: file, producing function, columns."""
    lines = ["# Analysis tables", "",
             "Every table is tidy: one row per observation, keyed by article and sentence "
             "(and character span where it applies).", ""]
    for name, tables in results.items():
        func = analysis_function(name)
        doc = inspect.getdoc(func) or ""
        for table, frame in tables.items():
            lines += [f"## {name}__{table}.csv", "", doc.split("\n\n")[0], "",
                      f"{len(frame)} rows.", "", "| column | type | meaning |", "|---|---|---|"]
            for col in frame.columns:
                lines.append(f"| {col} | {frame[col].dtype} | {COLUMN_DOCS.get(col, '')} |")
            lines.append("")
    return "\n".join(lines)


def write_tables(incident: str | Path | None, out: Path, analyses: list[str] | None = None,
                 sentiment_model: str | None = None, coverage_model: str | None = None
                 ) -> list[Path]:
    """Write one CSV per table (``<analysis>__<table>.csv``) and ``tables.md``."""
    parsed = prepare(incident)
    results = run_all(parsed, analyses, sentiment_model=sentiment_model,
                      coverage_model=coverage_model)
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
    return written
