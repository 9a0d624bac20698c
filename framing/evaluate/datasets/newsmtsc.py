"""NewsMTSC (Hamborg & Donnay 2021): news sentences with the sentiment expressed toward each
marked person (target), polarity 2.0 / 4.0 / 6.0 = negative / neutral / positive."""

from __future__ import annotations

import json
from pathlib import Path

from framing.evaluate.datasets import MalformedRow

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def read_newsmtsc(path: str | Path) -> list[dict]:
    """Rows of a NewsMTSC JSONL file (``sentence_normalized`` + ``targets``), checked: a
    line that is not JSON, lacks those fields or has an unknown polarity raises
    :class:`MalformedRow` naming the file and line."""
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, targets = row["sentence_normalized"], row["targets"]
                bad = [t.get("polarity") for t in targets
                       if float(t.get("polarity", -1)) not in POLARITY]
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise MalformedRow(path, n, f"not a NewsMTSC row ({err})") from None
            if bad or not isinstance(text, str):
                raise MalformedRow(path, n, f"polarity {bad[0] if bad else '?'} is not one of "
                                   "2.0 / 4.0 / 6.0")
            rows.append(row)
    return rows


def read_targets(path: str | Path) -> tuple[list[str], list[tuple[int, int]], list[str]]:
    """(sentences, target spans, gold labels), one entry per annotated target."""
    sentences, spans, gold = [], [], []
    for row in read_newsmtsc(path):
        for target in row["targets"]:
            sentences.append(row["sentence_normalized"])
            spans.append((int(target["from"]), int(target["to"])))
            gold.append(POLARITY[float(target["polarity"])])
    return sentences, spans, gold


def read_sentences(path: str | Path) -> tuple[list[str], list[str]]:
    """(sentences, label) for the sentences whose targets all share one polarity."""
    texts, gold = [], []
    for row in read_newsmtsc(path):
        polarities = {float(t["polarity"]) for t in row["targets"]}
        if len(polarities) == 1:
            texts.append(row["sentence_normalized"])
            gold.append(POLARITY[polarities.pop()])
    return texts, gold
