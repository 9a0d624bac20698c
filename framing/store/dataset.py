"""The article store: a Parquet dataset partitioned by publication date and outlet.

Layout (Hive partitioning, readable by DuckDB, pyarrow, Spark or Dask)::

    STORE/articles/date=2020-12-12/outlet=asbarez/part-<uuid>.parquet
    STORE/rejected/<time>.csv          every row an import refused, with file and line

One row per article, keyed by :func:`framing.store.identity.article_key`; ``id`` is derived
from that key. New articles are appended as new part files (never rewriting old ones), so
concurrent readers always see whole files. De-duplication on import: same key, same
normalised URL (:func:`~framing.store.identity.url_key`) or same outlet and normalised text
(:func:`~framing.store.identity.text_key`); the same text in two outlets is a wire copy
and is kept, as in an incident folder.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.store.identity import article_id, article_key, document_hash, url_key
from framing.store.identity import text_key as make_text_key
from framing.store.sources import Record, published_iso

#: The article table's columns, in order (the partition columns ``date`` and ``outlet`` are
#: the folder names; ``outlet_name`` is the outlet as written).
ARTICLE_COLUMNS = ["key", "id", "source_id", "outlet_name", "title", "text", "url", "url_key",
                   "text_key", "doc_hash", "published", "byline", "lang", "incident",
                   "source_file", "source_line", "imported_at"]
UNKNOWN_DATE = "unknown"


def outlet_partition(outlet: str) -> str:
    """A folder-safe partition value for an outlet (``The Moscow Times`` → ``the-moscow-times``)."""
    return re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")[:60] or "unnamed"


def record_row(record: Record, imported_at: str) -> dict:
    """One article's row of the store."""
    a = record.article
    key = article_key(a.outlet, a.document)
    return {"key": key, "id": article_id(key), "source_id": a.id, "outlet_name": a.outlet,
            "title": a.title, "text": a.text, "url": a.url, "url_key": url_key(a.url),
            "text_key": make_text_key(a.text), "doc_hash": document_hash(a.document),
            "published": published_iso(a), "byline": a.byline,
            "lang": str(a.meta["lang"]) if a.meta.get("lang") else None,
            "incident": record.incident, "source_file": record.file,
            "source_line": record.line, "imported_at": imported_at,
            "date": published_iso(a) or UNKNOWN_DATE, "outlet": outlet_partition(a.outlet)}


@dataclass
class Seen:
    """The store's identities, for de-duplication: ``{identity: where it was first seen}``."""

    keys: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    texts: dict[tuple[str, str], str] = field(default_factory=dict)

    def duplicate_of(self, row: dict) -> str | None:
        """Why ``row`` is a duplicate (naming the first copy), or None."""
        if row["key"] in self.keys:
            return f"same article as {self.keys[row['key']]}"
        if row["url_key"] and row["url_key"] in self.urls:
            return f"same URL as {self.urls[row['url_key']]}"
        text = (row["outlet_name"], row["text_key"])
        if text in self.texts:
            return f"same outlet and text as {self.texts[text]}"
        return None

    def add(self, row: dict, where: str) -> None:
        self.keys.setdefault(row["key"], where)
        if row["url_key"]:
            self.urls.setdefault(row["url_key"], where)
        self.texts.setdefault((row["outlet_name"], row["text_key"]), where)


class CorpusStore:
    """A corpus store folder (created on first write)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.articles_dir = self.root / "articles"
        self.rejected_dir = self.root / "rejected"
        self.stages_dir = self.root / "stages"

    def __repr__(self) -> str:
        return f"CorpusStore({str(self.root)!r})"

    @property
    def parts(self) -> list[Path]:
        return sorted(self.articles_dir.rglob("*.parquet")) if self.articles_dir.exists() else []

    def articles(self, columns: list[str] | None = None) -> pd.DataFrame:
        """Every stored article (DuckDB over the Parquet files), ordered by key."""
        from framing.store.query import query

        cols = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        if not self.parts:
            return pd.DataFrame(columns=columns or [*ARTICLE_COLUMNS, "date", "outlet"])
        return query(self, f"SELECT {cols} FROM articles ORDER BY key")

    def seen(self) -> Seen:
        """Identities already in the store, each with its id (for duplicate messages)."""
        seen = Seen()
        if not self.parts:
            return seen
        frame = self.articles(["key", "id", "url_key", "outlet_name", "text_key"])
        for row in frame.to_dict("records"):
            seen.add(row, f"stored article {row['id']}")
        return seen

    def append(self, rows: list[dict]) -> list[Path]:
        """Write new article rows as new part files, one per (date, outlet) partition."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        written = []
        if not rows:
            return written
        frame = pd.DataFrame(rows)
        batch = uuid.uuid4().hex[:12]
        for (date, outlet), group in frame.groupby(["date", "outlet"], sort=True):
            folder = self.articles_dir / f"date={date}" / f"outlet={outlet}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"part-{batch}.parquet"
            table = pa.Table.from_pandas(group[ARTICLE_COLUMNS].reset_index(drop=True),
                                         schema=ARTICLE_SCHEMA(), preserve_index=False)
            pq.write_table(table, path)
            written.append(path)
        return written

    def write_rejected(self, rows: list[dict]) -> Path | None:
        """The rejected-rows report of one import (CSV: file, where, line, reason)."""
        if not rows:
            return None
        self.rejected_dir.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.rejected_dir / f"{stamp}.csv"
        pd.DataFrame(rows, columns=["file", "line", "where", "reason", "kind"]).to_csv(
            path, index=False)
        return path


def ARTICLE_SCHEMA():  # noqa: N802 - a constant, built lazily (pyarrow is imported on use)
    """The Parquet schema of the article table."""
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    types = {"source_line": i}
    return pa.schema([(c, types.get(c, s)) for c in ARTICLE_COLUMNS])
