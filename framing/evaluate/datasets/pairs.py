"""Sentence-pair corpora for the same-fact scorer (``../shared/eval/pairs``), read in place.

- **ECB+** (Cybulska & Vossen 2014): ``ecbplus/sentence_pairs.tsv``, every two annotated
  sentences of two documents of one topic; ``label`` 1 when they mention a common
  cross-document event. Each topic holds two incidents of one kind, so negatives include
  hard ones (same kind of event, other incident) and same-incident sentences that report
  different facts.
- **MRPC** (Dolan & Brockett 2005): ``mrpc/msr_paraphrase_{train,test}.txt``, news sentence
  pairs, ``label`` 1 = semantically equivalent.
- **STS Benchmark** (Cer et al. 2017): ``stsb/sts-{train,dev,test}.csv``, graded similarity
  0–5; only the news genre (``main-news``: headlines and MSRpar) is read by default.

Every reader returns a DataFrame with ``text1``, ``text2``, ``label`` (float: 0/1, or the
STS score / 5) and ``line`` (the row's line in its file), plus the corpus' own columns. The
MRPC and STS files are read with quoting disabled (``csv.QUOTE_NONE``) because their
sentences contain unbalanced double quotes; ECB+ is csv-quoted where a field holds a quote.
A row that cannot be read raises :class:`~framing.evaluate.datasets.MalformedRow` naming the
file and line.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from framing.core import paths
from framing.evaluate.datasets import MalformedRow

PAIRS_DIR = paths.EVAL_DIR / "pairs"
ECB_COLUMNS = ("topic", "doc1", "sent1", "doc2", "sent2", "same_subtopic", "n_events1",
               "n_events2", "n_shared_events", "n_shared_any", "event_jaccard", "label",
               "text1", "text2")
STS_NEWS = "main-news"


def _rows(path: Path, quoting: int) -> list[tuple[int, list[str]]]:
    """``(line, fields)`` of each non-blank record of a tab-separated file."""
    csv.field_size_limit(10**8)
    out = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=quoting)
        previous = 0
        for record in reader:
            line, previous = previous + 1, reader.line_num
            if record and any(field.strip() for field in record):
                out.append((line, record))
    return out


def _number(path: Path, line: int, name: str, value: str, kind: type = float) -> float:
    try:
        return kind(value)
    except ValueError:
        raise MalformedRow(path, line, f"{name} {value[:40]!r} is not a number") from None


def _texts(path: Path, line: int, a: str, b: str) -> tuple[str, str]:
    if not a.strip() or not b.strip():
        raise MalformedRow(path, line, "empty sentence")
    return a.strip(), b.strip()


def read_ecbplus(folder: str | Path | None = None) -> pd.DataFrame:
    """ECB+ sentence pairs (``ecbplus/sentence_pairs.tsv``): the columns of the file (numbers
    as numbers) plus ``line``."""
    path = Path(folder or PAIRS_DIR) / "ecbplus" / "sentence_pairs.tsv"
    rows = _rows(path, csv.QUOTE_MINIMAL)
    if not rows or tuple(rows[0][1]) != ECB_COLUMNS:
        raise MalformedRow(path, 1, f"header is not {list(ECB_COLUMNS)}")
    records = []
    for line, rec in rows[1:]:
        if len(rec) != len(ECB_COLUMNS):
            raise MalformedRow(path, line, f"{len(rec)} fields, expected {len(ECB_COLUMNS)}")
        row = dict(zip(ECB_COLUMNS, rec, strict=True))
        for name in ("topic", "sent1", "sent2", "same_subtopic", "n_events1", "n_events2",
                     "n_shared_events", "n_shared_any", "label"):
            row[name] = int(_number(path, line, name, row[name], int))
        row["event_jaccard"] = _number(path, line, "event_jaccard", row["event_jaccard"])
        if row["label"] not in (0, 1):
            raise MalformedRow(path, line, f"label {row['label']} is not 0 or 1")
        row["text1"], row["text2"] = _texts(path, line, row["text1"], row["text2"])
        row["line"] = line
        records.append(row)
    frame = pd.DataFrame(records)
    frame["label"] = frame["label"].astype(float)
    return frame


def read_mrpc(split: str = "train", folder: str | Path | None = None) -> pd.DataFrame:
    """MRPC ``train`` or ``test`` pairs: ``id1``, ``id2``, ``text1``, ``text2``, ``label``."""
    path = Path(folder or PAIRS_DIR) / "mrpc" / f"msr_paraphrase_{split}.txt"
    rows = _rows(path, csv.QUOTE_NONE)
    if not rows or rows[0][1][0] != "Quality":
        raise MalformedRow(path, 1, "header does not start with 'Quality'")
    records = []
    for line, rec in rows[1:]:
        if len(rec) != 5:
            raise MalformedRow(path, line, f"{len(rec)} fields, expected 5")
        label = _number(path, line, "Quality", rec[0], int)
        if label not in (0, 1):
            raise MalformedRow(path, line, f"Quality {label} is not 0 or 1")
        a, b = _texts(path, line, rec[3], rec[4])
        records.append({"id1": rec[1], "id2": rec[2], "text1": a, "text2": b,
                        "label": float(label), "line": line})
    return pd.DataFrame(records)


def read_stsb(split: str = "train", folder: str | Path | None = None,
              genre: str | None = STS_NEWS) -> pd.DataFrame:
    """STS Benchmark ``train``/``dev``/``test`` pairs of one genre (``None``: all):
    ``genre``, ``source``, ``score`` (0–5), ``text1``, ``text2``, ``label`` (score / 5)."""
    path = Path(folder or PAIRS_DIR) / "stsb" / f"sts-{split}.csv"
    records = []
    for line, rec in _rows(path, csv.QUOTE_NONE):
        if len(rec) not in (7, 9):  # 9: two trailing columns naming the source
            raise MalformedRow(path, line, f"{len(rec)} fields, expected 7 (or 9)")
        score = _number(path, line, "score", rec[4])
        if not 0 <= score <= 5:
            raise MalformedRow(path, line, f"score {score} outside 0-5")
        if genre is not None and rec[0] != genre:
            continue
        a, b = _texts(path, line, rec[5], rec[6])
        records.append({"genre": rec[0], "source": rec[1], "score": score, "text1": a,
                        "text2": b, "label": score / 5.0, "line": line})
    return pd.DataFrame(records)
