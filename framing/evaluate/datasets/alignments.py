"""The project's hand-labelled cross-outlet sentence pairs (``data/alignments``, format in
its README): is sentence ``sent_a`` of ``article_a`` the same fact as ``sent_b`` of
``article_b``?"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing.evaluate.datasets import MalformedRow, csv_record_lines, line_of

GOLD_COLUMNS = ["event", "article_a", "sent_a", "article_b", "sent_b", "same_fact", "source"]


def _check(frame: pd.DataFrame, path: Path) -> None:
    """Sentence numbers must be integers and ``same_fact`` 0 or 1, else
    :class:`MalformedRow` names the first bad line."""
    lines = csv_record_lines(path)
    lines = lines if len(lines) == len(frame) else []
    for column in ("sent_a", "sent_b", "same_fact"):
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() | (values != values.round())
        if column == "same_fact":
            bad |= ~values.isin([0, 1])
        if bad.any():
            row = int(bad.to_numpy().argmax())
            raise MalformedRow(path, line_of(lines, row), f"{column} "
                               f"{frame[column].iloc[row]!r} is not "
                               + ("0 or 1" if column == "same_fact" else "a sentence number"))


def load_gold(data: str | Path) -> pd.DataFrame:
    """Gold pairs from one CSV or every ``*.csv`` in a folder, with a ``file`` column."""
    data = Path(data)
    files = sorted(data.glob("*.csv")) if data.is_dir() else [data]
    if not files:
        raise FileNotFoundError(f"no gold pair files (*.csv) in {data}")
    frames = []
    for path in files:
        frame = pd.read_csv(path, dtype={"event": str, "article_a": str, "article_b": str})
        missing = set(GOLD_COLUMNS) - {"source"} - set(frame.columns)
        if missing:
            raise MalformedRow(path, 1, f"missing columns {sorted(missing)}")
        _check(frame, path)
        if "source" not in frame:
            frame["source"] = "candidate"
        frames.append(frame.assign(file=path.name))
    gold = pd.concat(frames, ignore_index=True)
    gold["sent_a"] = gold["sent_a"].astype(int)
    gold["sent_b"] = gold["sent_b"].astype(int)
    gold["same_fact"] = gold["same_fact"].astype(int)
    return gold
