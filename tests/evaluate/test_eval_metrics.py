"""Precision, recall and F1: one implementation, equal to scikit-learn's."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from framing.evaluate.metrics import binary_scores, class_scores, prf, set_prf


def _labels(tp: int, fp: int, fn: int) -> tuple[np.ndarray, np.ndarray]:
    y = np.array([1] * tp + [0] * fp + [1] * fn + [0] * 3)
    pred = np.array([1] * tp + [1] * fp + [0] * fn + [0] * 3)
    return y, pred


@pytest.mark.parametrize("counts", [(3, 1, 2), (0, 4, 1), (5, 0, 0), (0, 0, 0), (7, 2, 9)])
def test_prf_from_counts_equals_sklearn_on_the_label_arrays(counts):
    y, pred = _labels(*counts)
    p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary", zero_division=0)
    assert prf(*counts, digits=None) == pytest.approx({"precision": p, "recall": r, "f1": f})
    assert prf(*counts) == {k: round(v, 4) for k, v in
                            {"precision": p, "recall": r, "f1": f}.items()}


def test_prf_takes_weighted_counts_and_overlap_matching():
    assert prf(1.5, 0.5, 1.0)["precision"] == 0.75
    # overlap matching: 2 of 4 predictions hit gold, 3 of 3 gold items were found
    scores = prf(2, 2, 0, found=3)
    assert scores == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(0.6667)}


def test_set_prf_counts_each_word_once_per_sentence():
    assert set_prf([{"a", "b"}, set()], [{"a"}, {"c"}]) == {"precision": 0.5, "recall": 0.5,
                                                           "f1": 0.5}


def test_class_scores_equal_sklearn():
    gold = ["negative", "neutral", "positive", "neutral", "negative", "positive", "neutral"]
    pred = ["negative", "negative", "positive", "neutral", "neutral", "neutral", "neutral"]
    labels = ("negative", "neutral", "positive")
    scores = class_scores(gold, pred, labels)
    assert scores["macro_f1"] == round(f1_score(gold, pred, average="macro"), 4)
    assert scores["accuracy"] == round(accuracy_score(gold, pred), 4)
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=list(labels))
    assert scores["per_class"]["neutral"] == {"precision": round(p[1], 4),
                                              "recall": round(r[1], 4),
                                              "f1": round(f[1], 4), "support": int(n[1])}
    assert list(scores) == ["macro_f1", "accuracy", "per_class"]


def test_class_scores_of_nothing_are_zero():
    scores = class_scores([], [], ("a", "b"))
    assert scores["macro_f1"] == 0.0 and scores["per_class"]["a"]["support"] == 0


def test_binary_scores_are_those_of_the_positive_class():
    y = [True, True, False, False, True]
    pred = [True, False, True, False, True]
    p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary")
    assert binary_scores(y, pred) == {"precision": round(p, 4), "recall": round(r, 4),
                                      "f1": round(f, 4), "accuracy": 0.6}
