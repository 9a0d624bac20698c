"""What every sentiment backend provides: three labels, one interface, one score.

A backend (:mod:`framing.sentiment.backends`) gives ``(n, 3)`` probability arrays over
:data:`LABELS` (negative, neutral, positive) for sentences (``predict_proba``) and for a
sentence toward a marked target span (``predict_target``). The score used everywhere is
``P(positive) - P(negative)`` in ``[-1, 1]`` (:func:`scores`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["LABELS", "PROBA_COLUMNS", "SentimentBackend", "argmax_labels", "scores"]

LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
PROBA_COLUMNS = [f"p_{label}" for label in LABELS]


@runtime_checkable
class SentimentBackend(Protocol):
    """What every sentiment backend provides; rows of the arrays follow :data:`LABELS`."""

    name: str

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Sentence (or document) sentiment, shape ``(len(texts), 3)``."""
        ...

    def predict_target(self, sentences: Sequence[str],
                       spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Sentiment of each sentence toward the target at ``[start, end)``, ``(n, 3)``."""
        ...

    def labels(self, proba: np.ndarray) -> list[str]:
        """The class of each row of ``proba``."""
        ...


def scores(proba: np.ndarray) -> np.ndarray:
    """``P(positive) - P(negative)`` per row, in ``[-1, 1]``."""
    proba = np.asarray(proba, dtype=np.float64).reshape(-1, 3)
    return proba[:, 2] - proba[:, 0]


def argmax_labels(proba: np.ndarray) -> list[str]:
    """The most probable of :data:`LABELS` for each row of ``proba``."""
    return [LABELS[i] for i in np.asarray(proba).reshape(-1, 3).argmax(1)]

