"""Word-list files: tab-separated vocabularies the analyses read as data, not code.

One reader for every such file (the reporting-verb vocabulary of :mod:`framing.core.reporting`,
the blame analysis' trigger and cue lists of :mod:`framing.blame.lexicons`), so each names the
file and line of a malformed row the same way and none skips a word silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def read_rows(path: Path, allowed: dict[str, tuple[str, ...]]) -> Iterator[dict[str, str]]:
    """The rows of a lexicon file as ``{column: value}``, in file order.

    Args:
        path: a tab-separated file: ``#`` comment lines and blank lines, a header row
            ``lemma`` + the columns of ``allowed``, then one row per entry.
        allowed: the columns after ``lemma`` and the values each may take.

    Raises:
        ValueError: naming ``path`` and the line of a wrong header, a row with the wrong
            number of fields, an empty lemma, a value not allowed, or a repeated row.
    """
    columns = ["lemma", *allowed]
    header: list[str] | None = None
    seen: dict[tuple[str, ...], int] = {}
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = [f.strip() for f in line.split("\t")]
            if header is None:
                if fields != columns:
                    raise ValueError(f"{path}:{line_no}: header must be "
                                     f"{' <tab> '.join(columns)} (got {line!r})")
                header = fields
                continue
            if len(fields) != len(columns):
                raise ValueError(f"{path}:{line_no}: {len(fields)} tab-separated fields, "
                                 f"expected {len(columns)} ({', '.join(columns)}): {line!r}")
            row = dict(zip(columns, fields, strict=True))
            if not row["lemma"]:
                raise ValueError(f"{path}:{line_no}: empty lemma: {line!r}")
            for column, values in allowed.items():
                if row[column] not in values:
                    raise ValueError(f"{path}:{line_no}: {column} {row[column]!r} is not one "
                                     f"of {', '.join(values)}")
            key = tuple(fields)
            if key in seen:
                raise ValueError(f"{path}:{line_no}: repeats line {seen[key]}: {line!r}")
            seen[key] = line_no
            yield row
    if header is None:
        raise ValueError(f"{path}: no header row ({' <tab> '.join(columns)})")
