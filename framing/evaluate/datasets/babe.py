"""BABE, "Bias Annotations By Experts" (Spinde et al. 2021): news sentences labelled Biased /
Non-biased, with the words annotators marked as biased."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

from framing.evaluate.datasets import MalformedRow, csv_record_lines, line_of

COLUMNS = ("text", "label_bias", "biased_words")
LABELS = ("Biased", "Non-biased")


def _marked_words(value: object, path: Path, line: int | str) -> set[str]:
    """The lower-cased words of one ``biased_words`` cell (a Python list literal)."""
    if not isinstance(value, str) or not value.strip():
        return set()
    try:
        words = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        raise MalformedRow(path, line, f"biased_words {value[:60]!r} is not a list of "
                           "words") from None
    if not isinstance(words, list | tuple | set) or not all(isinstance(w, str) for w in words):
        raise MalformedRow(path, line, f"biased_words {value[:60]!r} is not a list of words")
    return {w.lower() for w in words}


def read_babe(path: str | Path) -> pd.DataFrame:
    """BABE's CSV (``;``-separated, UTF-8 with BOM); rows without a bias label dropped.

    Adds ``gold_words``: the set of lower-cased words the annotators marked. A
    ``biased_words`` cell that is not a list of words raises :class:`MalformedRow`.
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    except pd.errors.ParserError as err:
        raise ValueError(f"{path}: not a BABE CSV ({err})") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise MalformedRow(path, 1, f"header lacks the BABE columns {missing}")
    lines = csv_record_lines(path, ";", "utf-8-sig")
    lines = lines if len(lines) == len(frame) else []
    keep = frame["label_bias"].isin(LABELS).to_numpy()
    gold = [_marked_words(value, path, line_of(lines, row))
            for row, value in enumerate(frame["biased_words"]) if keep[row]]
    frame = frame[keep].reset_index(drop=True)
    frame["gold_words"] = gold
    return frame
