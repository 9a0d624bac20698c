"""The sentiment backends and :func:`get_backend`, which picks one by name.

Three backends share one interface (:class:`framing.sentiment.interface.SentimentBackend`):
``predict_proba(texts)`` gives sentence-level probabilities and
``predict_target(sentences, spans)`` the sentiment of each sentence toward a marked target
span; both return ``(n, 3)`` arrays over :data:`LABELS` (negative, neutral, positive).

- ``"vader"`` (:class:`VaderBackend`): the transparent lexicon baseline (Hutto & Gilbert
  2014). It has no notion of a target: the "targeted" sentiment is the sentence's compound
  score, the naive baseline the learned model is compared with.
- ``"default"`` (:class:`framing.sentiment.target_model.MiniLMBackend`): the packaged
  all-MiniLM-L6-v2 encoder with a fitted sentence head and top layers fine-tuned for
  target-dependent sentiment on NewsMTSC (Hamborg & Donnay 2021).
- any other string (:class:`HFBackend`): a Hugging Face sequence-classification model by
  hub name or local folder, for users who are online or have it cached; targets are passed
  as a sentence pair ``(sentence, target mention)``, the input format of aspect-based
  sentiment models. A model that is not available offline raises
  :class:`framing.core.encoders.ModelUnavailableError` at once instead of hanging.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from framing.core.encoders import ModelUnavailableError, SequenceClassifier
from framing.sentiment.interface import LABELS, SentimentBackend, argmax_labels, scores
from framing.sentiment.target_model import MiniLMBackend

__all__ = ["LABELS", "ModelUnavailableError", "SentimentBackend", "VaderBackend",
           "MiniLMBackend", "HFBackend", "get_backend"]

#: VADER's recommended thresholds on the compound score (Hutto & Gilbert 2014).
VADER_THRESHOLD = 0.05


class VaderBackend:
    """VADER (Hutto & Gilbert 2014): rule-based lexicon sentiment of the whole sentence.

    ``predict_proba`` maps the compound score ``c`` to ``(max(-c, 0), 1 - |c|, max(c, 0))``
    so that the shared score equals ``c``; labels use VADER's own thresholds (±0.05).
    ``predict_target`` ignores the span: the sentence score is the naive baseline.
    """

    name = "vader"

    def __init__(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._analyzer = SentimentIntensityAnalyzer()

    def compound(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([self._analyzer.polarity_scores(t)["compound"] for t in texts],
                        dtype=np.float64)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        c = self.compound(texts)
        return np.stack([np.clip(-c, 0, None), 1 - np.abs(c), np.clip(c, 0, None)], axis=1)

    def predict_target(self, sentences: Sequence[str],
                       spans: Sequence[tuple[int, int]]) -> np.ndarray:
        return self.predict_proba(sentences)

    def labels(self, proba: np.ndarray) -> list[str]:
        s = scores(proba)
        return ["positive" if v >= VADER_THRESHOLD else "negative" if v <= -VADER_THRESHOLD
                else "neutral" for v in s]



def _label_map(id2label: dict[int, str]) -> np.ndarray:
    """``(n_model_labels, 3)`` matrix summing model classes into negative/neutral/positive."""
    n = len(id2label)
    names = [str(id2label[i]).lower() for i in range(n)]
    m = np.zeros((n, 3))
    if all(nm.startswith("label_") for nm in names):
        if n == 3:
            return np.eye(3)
        if n == 2:
            m[0, 0] = m[1, 2] = 1
            return m
    for i, nm in enumerate(names):
        if nm.startswith("neg") or nm in ("bad",):
            m[i, 0] = 1
        elif nm.startswith("neu") or nm in ("none", "other", "objective"):
            m[i, 1] = 1
        elif nm.startswith("pos") or nm in ("good",):
            m[i, 2] = 1
        elif nm[:1].isdigit() and "star" in nm:  # 1–5 star review models
            stars = int(nm[0])
            m[i, 0 if stars <= 2 else 1 if stars == 3 else 2] = 1
    if (m.sum(1) == 0).any():
        raise ValueError(f"cannot map the model's labels {names} to negative/neutral/positive")
    return m


class HFBackend:
    """Any Hugging Face sequence-classification model, by hub name or local folder.

    Sentences are classified as they are; a target is given as the sentence pair
    ``(sentence, mention)``, as aspect-based sentiment models expect. Model labels are mapped
    to negative/neutral/positive by name (``LABEL_0..2`` = negative, neutral, positive).

    Raises:
        ModelUnavailableError: the model is neither a local folder nor in the local cache
            while offline (``HF_HUB_OFFLINE=1``, the project default).
    """

    def __init__(self, model: str | Path, *, batch_size: int = 16, max_length: int = 256,
                 progress: bool | None = None) -> None:
        self.classifier = SequenceClassifier(model, batch_size=batch_size,
                                             max_length=max_length, progress=progress)
        self.name = self.classifier.name
        self._map = _label_map(self.classifier.id2label)

    def _run(self, texts: list[str], pairs: list[str] | None) -> np.ndarray:
        from scipy.special import softmax

        return softmax(self.classifier.logits(texts, pairs).astype(np.float64), axis=1) @ \
            self._map

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(list(texts), None)

    def predict_target(self, sentences: Sequence[str],
                       spans: Sequence[tuple[int, int]]) -> np.ndarray:
        mentions = [s[int(a):int(b)] for s, (a, b) in zip(sentences, spans, strict=True)]
        return self._run(list(sentences), mentions)

    def labels(self, proba: np.ndarray) -> list[str]:
        return argmax_labels(proba)


@cache
def _shared_backend(name: str) -> SentimentBackend:
    if name == "vader":
        return VaderBackend()
    if name == "default":
        return MiniLMBackend()
    return HFBackend(name)


def get_backend(model: str | Path | SentimentBackend | None = None) -> SentimentBackend:
    """A backend: ``None``/``"default"`` (offline MiniLM), ``"vader"``, or a HF name/path.

    Backends are loaded once per process. Raises :class:`ModelUnavailableError` for a named
    model that cannot be loaded offline.
    """
    if model is not None and not isinstance(model, (str, Path)):
        return model
    name = "default" if model is None or str(model) in ("", "default", "minilm") else str(model)
    return _shared_backend(name)
