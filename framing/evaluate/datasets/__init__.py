"""Readers of the public labelled datasets the evaluation tasks score against.

One module per dataset, all read in place from ``../shared/eval`` (:data:`framing.core.paths.
EVAL_DIR`) and never copied into the project:

- :mod:`.babe` — BABE biased words and sentences (Spinde et al. 2021);
- :mod:`.ptc` — Propaganda Techniques Corpus spans (Da San Martino et al. 2019);
- :mod:`.wikievents` — WikiEvents event arguments with coreference (Li, Ji & Han 2021);
- :mod:`.entities` — SemEval-2025 Task 10 entity framing (Piskorski et al. 2025) and the
  Narrative Frames corpus (Frermann et al. 2023);
- :mod:`.newsmtsc` — NewsMTSC target-dependent sentiment (Hamborg & Donnay 2021);
- :mod:`.basil` — BASIL events as incidents (Fan et al. 2019);
- :mod:`.alignments` — the project's hand-labelled same-fact sentence pairs
  (``data/alignments``);
- :mod:`.validation` — the project's validation labels on real incidents
  (``data/validation``: voice, harm, blame, not-loaded senses, sentence splits).

A row a reader cannot use raises :class:`MalformedRow`, naming the file and line, so a broken
download or a hand-edited gold file fails where the problem is instead of deep in scoring.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


class MalformedRow(ValueError):
    """A row of a dataset file that cannot be read; the message names file and line."""

    def __init__(self, path: str | Path, line: int | str, why: str) -> None:
        self.path, self.line, self.why = Path(path), line, why
        super().__init__(f"{path}: line {line}: {why}")


def json_lines(path: str | Path, fields: Iterable[str] = ()
               ) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, record)`` of each non-blank line of a JSON-lines file. A line that is
    not a JSON object, or lacks one of ``fields``, raises :class:`MalformedRow` naming the
    file and line (the wording of the article importer's errors: "invalid JSON: ...")."""
    fields = tuple(fields)
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise MalformedRow(path, n, f"invalid JSON: {err.msg}") from None
            if not isinstance(record, dict):
                raise MalformedRow(path, n, "not a JSON object")
            for key in fields:
                if key not in record:
                    raise MalformedRow(path, n, f"field {key!r} missing")
            yield n, record


def csv_record_lines(path: str | Path, delimiter: str = ",", encoding: str = "utf-8"
                     ) -> list[int]:
    """The line on which each data record of a CSV file starts (header excluded, blank
    records skipped, as :func:`pandas.read_csv` does), so a row index becomes a line."""
    csv.field_size_limit(10**8)
    starts = []
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        previous = 0
        for n, record in enumerate(reader):
            if n and record:
                starts.append(previous + 1)
            previous = reader.line_num
    return starts


def line_of(lines: list[int], row: int) -> int | str:
    """The line of data record ``row`` (0-based); ``"? (record N)"`` when the file could
    not be mapped to lines (``lines`` shorter than the frame: a parser that disagreed)."""
    return lines[row] if row < len(lines) else f"? (record {row + 1})"
