"""Precision, recall and F1 for every evaluation task, in one place.

Two shapes of gold standard occur:

- **labels** (one gold and one predicted class per item: a sentence's bias label, a target's
  polarity, an entity's narrative role): :func:`class_scores` and :func:`binary_scores`, both
  :func:`sklearn.metrics.precision_recall_fscore_support` with ``zero_division=0``;
- **counts from matching** (flagged words against marked words, predicted spans or
  arguments against gold ones, predicted same-fact pairs against labelled ones): there are
  no label arrays, only true-positive, false-positive and false-negative counts, possibly
  weighted. :func:`prf` turns them into the same figures sklearn gives for the equivalent
  label arrays (tested against it); it is closed-form because the coverage grid search calls
  it hundreds of thousands of times.

Overlap matching (Da San Martino et al. 2019 for spans; head-in-mention for event
arguments) can count a prediction as correct and a gold item as found separately — one
prediction may cover two gold items — so :func:`prf` takes the gold items found as
``found`` when it differs from ``tp``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

DIGITS = 4  # figures are saved rounded to four decimals


def _round(value: float, digits: int | None) -> float:
    return float(value) if digits is None else round(float(value), digits)


def prf(tp: float, fp: float, fn: float, *, found: float | None = None,
        digits: int | None = DIGITS) -> dict[str, float]:
    """Precision ``tp / (tp + fp)``, recall ``found / (found + fn)`` and their harmonic mean.

    Args:
        tp: predictions that are correct (weighted counts are fine).
        fp: predictions that are wrong.
        fn: gold items that were missed.
        found: gold items that were found, when overlap matching counts them apart from
            ``tp``; default ``tp`` (one-to-one matching, as in
            :func:`sklearn.metrics.precision_recall_fscore_support`).
        digits: decimals to round to; ``None`` keeps full precision (for model selection).

    Returns:
        ``{"precision", "recall", "f1"}``, 0.0 where a denominator is 0 (sklearn's
        ``zero_division=0``).
    """
    found = tp if found is None else found
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = found / (found + fn) if found + fn else 0.0
    if found == tp:
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": _round(precision, digits), "recall": _round(recall, digits),
            "f1": _round(f1, digits)}


def set_prf(pred_sets: Iterable[set[str]], gold_sets: Iterable[set[str]]) -> dict[str, float]:
    """Micro precision / recall / F1 over per-item sets (e.g. each sentence's flagged words
    against the words annotators marked; a word counts once per sentence)."""
    tp = fp = fn = 0
    for p, g in zip(pred_sets, gold_sets, strict=True):
        tp, fp, fn = tp + len(p & g), fp + len(p - g), fn + len(g - p)
    return prf(tp, fp, fn)


def class_scores(gold: Sequence[Any], pred: Sequence[Any], labels: Sequence[Any]
                 ) -> dict[str, Any]:
    """Macro-F1 over ``labels``, accuracy, and per-class precision / recall / F1 / support.

    Returns:
        ``{"macro_f1", "accuracy", "per_class": {label: {"precision", "recall", "f1",
        "support"}}}``; all zeros for empty input.
    """
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    labels = list(labels)
    if len(gold) == 0:
        p = r = f = np.zeros(len(labels))
        n = np.zeros(len(labels), dtype=int)
        accuracy = 0.0
    else:
        p, r, f, n = precision_recall_fscore_support(gold, pred, labels=labels,
                                                     zero_division=0)
        accuracy = accuracy_score(gold, pred)
    return {
        "macro_f1": round(float(np.mean(f)), DIGITS),
        "accuracy": round(float(accuracy), DIGITS),
        "per_class": {str(lab): {"precision": round(float(p[i]), DIGITS),
                                 "recall": round(float(r[i]), DIGITS),
                                 "f1": round(float(f[i]), DIGITS), "support": int(n[i])}
                      for i, lab in enumerate(labels)},
    }


def binary_scores(y: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    """Precision / recall / F1 of the positive class (e.g. Biased), plus accuracy."""
    scores = class_scores(np.asarray(y, bool), np.asarray(pred, bool), [True])
    positive = scores["per_class"]["True"]
    return {"precision": positive["precision"], "recall": positive["recall"],
            "f1": positive["f1"], "accuracy": scores["accuracy"]}


def bcubed(gold: Sequence[Any], pred: Sequence[Any], digits: int | None = DIGITS
           ) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (Bagga & Baldwin 1998).

    Per item: precision is the share of its predicted cluster that shares its gold
    cluster, recall the share of its gold cluster that shares its predicted cluster; both
    are averaged over items and F1 is their harmonic mean (Amigó et al. 2009: the one
    clustering metric that meets all four of their constraints).
    """
    from collections import Counter

    gold, pred = list(gold), list(pred)
    if len(gold) != len(pred):
        raise ValueError(f"bcubed: {len(gold)} gold labels but {len(pred)} predicted")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    both = Counter(zip(gold, pred, strict=True))
    n_gold, n_pred = Counter(gold), Counter(pred)
    precision = sum(c * c / n_pred[p] for (g, p), c in both.items()) / len(gold)
    recall = sum(c * c / n_gold[g] for (g, p), c in both.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": _round(precision, digits), "recall": _round(recall, digits),
            "f1": _round(f1, digits)}
