"""Readers for ``framing corpus import``: every source yields articles with where they came
from, and every bad row a :class:`~framing.core.corpus.Problem` naming its file and line.

Accepted sources:

- an incident folder (``incident.yml`` + ``articles/``), read by
  :func:`framing.core.corpus.load_incident` (if the folder has problems, its valid articles
  are still imported and each problem is reported);
- a folder of article files (read recursively, sorted by path);
- Markdown articles, JSONL and CSV with the project's article fields (the rules of
  :mod:`framing.core.corpus`), saved ``.html`` pages (trafilatura);
- a Media Cloud or GDELT-style CSV export: the columns are recognised by name
  (:data:`EXPORT_COLUMNS`: ``media_name``/``SourceCommonName``/``domain`` → outlet,
  ``publish_date``/``seendate``/``DATE`` → published, ...). Such exports often list URLs
  without text: a row without text is rejected, named, never imported half-empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.core.corpus import (
    ARTICLE_KEYS,
    READERS,
    Article,
    IncidentError,
    Problem,
    _article_from_fields,
    _read_text,
    jsonl_articles,
    load_articles,
    load_incident,
)

#: Export column → article field, first match wins (Media Cloud story exports; GDELT DOC
#: ``artlist`` and GKG exports; lower-cased comparison).
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "outlet": ("media_name", "sourcecommonname", "source", "domain", "media_url", "outlet"),
    "title": ("title", "headline"),
    "url": ("url", "documentidentifier", "link"),
    "published": ("publish_date", "published", "seendate", "date", "indexed_date"),
    "text": ("text", "story_text", "body", "content", "full_text"),
    "lang": ("language", "lang"),
    "byline": ("author", "byline", "authors"),
    "id": ("stories_id", "id", "gkgrecordid"),
}
GDELT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?\d{6}Z?)?$")


@dataclass
class Record:
    """One valid article and where it came from (file, line; the incident, if any)."""

    article: Article
    file: str
    line: int | None
    incident: str | None = None


@dataclass
class SourceResult:
    """What one source gave: its valid records and every problem found."""

    records: list[Record]
    problems: list[Problem]


def _line_of(problem_where: str) -> int | None:
    m = re.search(r"(?:line|row) (\d+)", problem_where)
    return int(m.group(1)) if m else None


def read_incident_folder(folder: Path) -> SourceResult:
    """An incident folder through :func:`load_incident`; with problems, the valid articles
    of its ``articles/`` and every problem (the folder as a whole is not an incident then)."""
    try:
        incident = load_incident(folder)
    except IncidentError as err:
        problems: list[Problem] = []
        articles = load_articles(folder / "articles", problems)
        bad_files = {p.file for p in err.problems}
        kept = [a for a in articles if str(a.source_file) not in bad_files]
        extra = [p for p in err.problems if p not in problems]
        return SourceResult([Record(a, str(a.source_file), None, folder.name) for a in kept],
                            problems + extra)
    return SourceResult([Record(a, str(a.source_file), None, incident.slug)
                         for a in incident.articles], [])


def export_mapping(header: list[str]) -> dict[str, str] | None:
    """Article field → column of a Media Cloud / GDELT-style export, or None when the header
    is no such export (it needs an outlet, a title and a URL or text column)."""
    lower = {h.strip().lower(): h for h in header}
    mapping = {}
    for field_name, names in EXPORT_COLUMNS.items():
        hit = next((lower[n] for n in names if n in lower), None)
        if hit is not None:
            mapping[field_name] = hit
    if {"outlet", "title"} <= set(mapping) and ({"url", "text"} & set(mapping)):
        return mapping
    return None


def export_date(value: str) -> str:
    """An export's date as ISO: GDELT's ``20201212T101500Z`` / ``20201212101500``, Media
    Cloud's ``2020-12-12 10:15:00`` (the date part)."""
    value = value.strip()
    m = GDELT_DATE.match(value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return value.split(" ")[0].split("T")[0]


def _csv_rows(raw: str) -> Iterator[tuple[int, list[str]]]:
    """``(line where the row starts, cells)``; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(raw, newline=""))
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def read_csv_source(path: Path) -> SourceResult:
    """A CSV: the project's article columns (+ ``text``), or a recognised export."""
    problems: list[Problem] = []
    raw = _read_text(path, problems)
    if raw is None:
        return SourceResult([], problems)
    rows = _csv_rows(raw)
    first = next(rows, None)
    if first is None:
        return SourceResult([], [Problem(str(path), "line 1", "empty CSV (no header)")])
    header = [h.strip() for h in first[1]]
    project = "text" in header and set(header) <= ARTICLE_KEYS | {"text"}
    mapping = None if project else export_mapping(header)
    if not project and mapping is None:
        return SourceResult([], [Problem(
            str(path), "line 1",
            "CSV header is neither the article fields plus 'text' "
            f"({', '.join(sorted(ARTICLE_KEYS))}) nor a Media Cloud / GDELT export "
            "(outlet: media_name/SourceCommonName/domain, title, url or text)")])
    records = []
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(str(path), f"line {line}",
                                    f"{len(cells)} cells for {len(header)} columns"))
            continue
        row = dict(zip(header, cells, strict=True))
        if mapping is None:
            fields: dict[str, Any] = {k: v for k, v in row.items() if v != ""}
        else:
            fields = {f: row[c] for f, c in mapping.items() if row[c].strip()}
            if "published" in fields:
                fields["published"] = export_date(fields["published"])
            if "lang" in fields and not re.match(r"^[a-z]{2,3}$", fields["lang"].strip()):
                fields.pop("lang")  # "English" or "eng" in GDELT: no BCP 47 code
            if "text" not in fields:
                problems.append(Problem(str(path), f"line {line}: column "
                                        f"{mapping.get('text', 'text')!r}",
                                        "no article text (exports often list URLs only: "
                                        "fetch the pages with 'framing fetch', or export "
                                        "with text)"))
                continue
        body = fields.pop("text", None)
        article = _article_from_fields(
            fields, body, default_id=f"{path.stem}-{line}", file=path, where=f"line {line}: ",
            first_line=line, problems=problems, check_html=False)
        if article:
            records.append(Record(article, str(path), line))
    return SourceResult(records, problems)


def read_jsonl_source(path: Path) -> SourceResult:
    """JSONL: one JSON object per line with the article fields plus ``text``."""
    problems: list[Problem] = []
    records = [Record(article, str(path), n) for article, n in jsonl_articles(path, problems)]
    return SourceResult(records, problems)


def read_file_source(path: Path) -> SourceResult:
    """One file by its suffix: ``.csv`` and ``.jsonl`` here, Markdown and HTML through the
    incident readers (:data:`framing.core.corpus.READERS`)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv_source(path)
    if suffix == ".jsonl":
        return read_jsonl_source(path)
    reader = READERS.get(suffix)
    if reader is None:
        return SourceResult([], [Problem(str(path), "", "unsupported file type (use "
                                         ".md, .jsonl, .csv, .html, or an incident folder)")])
    problems: list[Problem] = []
    articles = reader(path, problems)
    return SourceResult([Record(a, str(path), 1) for a in articles], problems)


def iter_sources(paths: list[Path]) -> Iterator[tuple[Path, SourceResult]]:
    """Every source under ``paths``: incident folders whole, other folders file by file
    (sorted; hidden files, ``README.md`` and ``SOURCES.md`` skipped)."""
    for path in paths:
        if not path.exists():
            yield path, SourceResult([], [Problem(str(path), "", "no such file or folder")])
        elif path.is_dir() and (path / "incident.yml").exists():
            yield path, read_incident_folder(path)
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() and not any(p.startswith(".")
                                                 for p in child.relative_to(path).parts)
                        and child.name not in ("README.md", "SOURCES.md")):
                    yield child, read_file_source(child)
        else:
            yield path, read_file_source(path)


def published_iso(article: Article) -> str | None:
    """The article's publication date as ``YYYY-MM-DD`` (None when unknown)."""
    return article.published.isoformat() if isinstance(article.published, dt.date) else None


__all__ = ["Record", "SourceResult", "iter_sources", "export_mapping", "export_date",
           "published_iso", "_line_of"]
