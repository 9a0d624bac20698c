"""The Propaganda Techniques Corpus, PTC (Da San Martino et al. 2019): news articles with
character spans of 18 propaganda techniques (SemEval-2020 Task 11 release)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from framing.evaluate.datasets import MalformedRow

#: The techniques a loaded-term detector is meant to find.
TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
LABEL_FILE = "task2-TC.labels"


def read_labels(path: str | Path) -> pd.DataFrame:
    """``article, technique, start, end`` rows of a PTC technique-classification labels file
    (tab-separated, no header); a row without four fields or integer offsets
    ``start < end`` raises :class:`MalformedRow`."""
    path = Path(path)
    rows = []
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) != 4:
                raise MalformedRow(path, n, f"{len(parts)} tab-separated fields, not 4 "
                                   "(article, technique, start, end)")
            try:
                start, end = int(parts[2]), int(parts[3])
            except ValueError:
                raise MalformedRow(path, n, f"offsets {parts[2]!r}, {parts[3]!r} are not "
                                   "integers") from None
            if not 0 <= start < end:
                raise MalformedRow(path, n, f"span {start}-{end} is empty or negative")
            rows.append((parts[0], parts[1], start, end))
    return pd.DataFrame(rows, columns=["article", "technique", "start", "end"])


def read_ptc(folder: str | Path, techniques: Iterable[str] = TECHNIQUES
             ) -> tuple[dict[str, str], pd.DataFrame]:
    """Articles (raw text, newlines kept) and the gold spans of the chosen techniques."""
    folder = Path(folder)
    texts = {}
    for path in sorted((folder / "articles").glob("article*.txt")):
        with open(path, encoding="utf-8", newline="") as handle:
            texts[path.stem.removeprefix("article")] = handle.read()
    if not texts:
        raise FileNotFoundError(f"no PTC articles (articles/article<ID>.txt) under {folder}")
    labels = read_labels(folder / LABEL_FILE)
    labels = labels[labels["technique"].isin(list(techniques))]
    labels = labels[labels["article"].isin(texts)]
    return texts, labels.reset_index(drop=True)
