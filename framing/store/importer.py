"""``framing corpus import``: sources into the store, every refused row reported.

Each source is read (:mod:`framing.store.sources`); each valid article is checked against
the store and the rows imported before it (:class:`framing.store.dataset.Seen`). A row is
then *imported*, a *duplicate* (named with the copy it duplicates; the article is already
in the store, nothing is lost) or *rejected* (invalid: named by file and line with the
reason). Rejected and duplicate rows go to ``STORE/rejected/<time>.csv``; nothing is dropped
silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from framing.store.dataset import CorpusStore, record_row
from framing.store.sources import SourceResult, _line_of, iter_sources


@dataclass
class ImportReport:
    """What an import did: ids imported, duplicate and rejected rows, the report file."""

    imported: list[str] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    report: Path | None = None

    def summary(self) -> str:
        text = (f"imported {len(self.imported)} article(s); {len(self.duplicates)} "
                f"duplicate(s) skipped; {len(self.rejected)} row(s) rejected")
        return text + (f" (listed in {self.report})" if self.report else "")


def import_sources(sources: list[str | Path], store: CorpusStore,
                   progress: bool | None = None) -> ImportReport:
    """Import every source into ``store`` (see the module doc)."""
    return import_results((r for _, r in iter_sources([Path(s) for s in sources])), store,
                          progress)


def import_results(results: Iterable[SourceResult], store: CorpusStore,
                   progress: bool | None = None) -> ImportReport:
    """Import what readers gave (records and problems), de-duplicated against the store."""
    from tqdm.auto import tqdm

    report = ImportReport()
    seen = store.seen()
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows = []
    for result in tqdm(results, desc="import", unit="source", disable=progress is False):
        for problem in result.problems:
            report.rejected.append({"file": problem.file, "line": _line_of(problem.where),
                                    "where": problem.where, "reason": problem.message,
                                    "kind": "rejected"})
        for record in result.records:
            row = record_row(record, stamp)
            where = f"{record.file}" + (f" line {record.line}" if record.line else "")
            why = seen.duplicate_of(row)
            if why:
                report.duplicates.append({"file": record.file, "line": record.line,
                                          "where": where, "reason": f"duplicate: {why}",
                                          "kind": "duplicate"})
                continue
            seen.add(row, where)
            rows.append(row)
            report.imported.append(row["id"])
    store.append(rows)
    report.report = store.write_rejected(report.rejected + report.duplicates)
    return report
