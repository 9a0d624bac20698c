"""Sentence, document and actor-targeted sentiment, offline by default, with backends.

Three backends share one interface (:class:`SentimentBackend`): ``predict_proba(texts)``
gives sentence-level probabilities and ``predict_target(sentences, spans)`` the sentiment of
each sentence toward a marked target span; both return ``(n, 3)`` arrays over
:data:`LABELS` (negative, neutral, positive). The score used everywhere is
``P(positive) - P(negative)`` in ``[-1, 1]``.

- ``"vader"`` (:class:`VaderBackend`): the transparent lexicon baseline (Hutto & Gilbert
  2014). It has no notion of a target: the "targeted" sentiment is the sentence's compound
  score, the naive baseline the learned model is compared with.
- ``"default"`` (:class:`MiniLMBackend`): the packaged all-MiniLM-L6-v2 encoder
  (:mod:`framing.core.encoders`). Sentences: a logistic-regression head on frozen mean-pooled
  embeddings. Targets: target-dependent sentiment after Hamborg & Donnay (2021, NewsMTSC):
  the top layers of MiniLM are fine-tuned on NewsMTSC with the target marked by a learned
  indicator vector added to its word pieces, and the head reads the mean of the sentence,
  the mean of the target's pieces and the first token. Only the changed layers are stored
  (``framing/models/sentiment_target.safetensors``, fp16); ``scripts/train_sentiment.py``
  retrains both heads.
- any other string (:class:`HFBackend`): a Hugging Face sequence-classification model by
  hub name or local folder, for users who are online or have it cached; targets are passed
  as a sentence pair ``(sentence, target mention)``, the input format of aspect-based
  sentiment models. A model that is not available offline raises
  :class:`framing.core.encoders.ModelUnavailableError` at once instead of hanging.

Aggregation (:func:`actor_sentiment`) gives, per outlet × actor (or side), the mean targeted
score with a percentile bootstrap 95% interval (Efron & Tibshirani 1993), counts, and a
``small_sample`` flag when fewer than :data:`MIN_MENTIONS` mentions back a cell.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from framing.core import paths
from framing.core.cache import DiskCache, content_hash, file_hash
from framing.core.corpus import Incident
from framing.core.encoders import (
    DEFAULT_ENCODER,
    PROGRESS_MIN_TEXTS,
    ModelUnavailableError,
    SequenceClassifier,
    default_encoder_path,
    encoder_precision,
    from_pretrained,
    get_encoder,
    inference,
)
from framing.core.findings import Finding, heading_anchor
from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame

__all__ = [
    "LABELS", "MIN_MENTIONS", "ModelUnavailableError", "SentimentBackend", "VaderBackend",
    "MiniLMBackend", "HFBackend", "get_backend", "sentence_sentiment", "target_sentiment",
    "document_sentiment", "actor_sentiment", "distribution", "extremes", "tables",
    "findings", "profile",
]

LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
PROBA_COLUMNS = [f"p_{label}" for label in LABELS]
#: A cell backed by fewer mentions than this is flagged ``small_sample``.
MIN_MENTIONS = 5
#: VADER's recommended thresholds on the compound score (Hutto & Gilbert 2014).
VADER_THRESHOLD = 0.05
BOOTSTRAP_SAMPLES = 2000
PAGE = "04_sentiment.html"

SENTENCE_HEAD = paths.MODELS_DIR / "sentiment_sentence.json"
TARGET_WEIGHTS = paths.MODELS_DIR / "sentiment_target.safetensors"
TARGET_CONFIG = paths.MODELS_DIR / "sentiment_target.json"


# --- backends -------------------------------------------------------------------------------


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
    return [LABELS[i] for i in np.asarray(proba).reshape(-1, 3).argmax(1)]


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


# --- the embedded MiniLM target model ---------------------------------------------------------


def split_encoder(base: Any, n_top: int) -> tuple[Any, Any]:
    """Cut a BERT-style ``AutoModel`` into (bottom model, its top ``n_top`` layers).

    The bottom keeps the embeddings and the first layers (frozen, shared with
    :mod:`framing.core.encoders`); the returned top layers are the ones fine-tuned for targets.
    """
    import torch

    layers = base.encoder.layer
    top = layers[len(layers) - n_top:]  # a new ModuleList of the same (pretrained) layers
    base.encoder.layer = torch.nn.ModuleList(list(layers[: len(layers) - n_top]))
    return base, top


def target_piece_mask(offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Boolean mask of the word pieces overlapping ``[start, end)`` (special tokens never)."""
    offsets = np.asarray(offsets)
    return (offsets[:, 0] < end) & (offsets[:, 1] > start) & (offsets[:, 1] > offsets[:, 0])


def crop_window(sentence: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """Cut an over-long sentence to ``width`` characters around the target."""
    if len(sentence) <= width:
        return sentence, start, end
    centre = (start + end) // 2
    left = max(0, min(centre - width // 2, len(sentence) - width))
    return sentence[left:left + width], start - left, end - left


def _torch_module() -> Any:
    import torch

    class TargetHead(torch.nn.Module):
        """Fine-tuned top layers of the encoder + target indicator + linear classifier.

        Input: the bottom layers' hidden states, the attention mask and the target mask.
        The indicator vector is added to the target's pieces (a learned marker that needs no
        new vocabulary and leaves the frozen bottom untouched); the classifier reads
        ``[mean of sentence pieces; mean of target pieces; first token]``.
        """

        def __init__(self, top_layers: Any, hidden: int, dropout: float = 0.1) -> None:
            super().__init__()
            self.layers = top_layers
            self.indicator = torch.nn.Parameter(torch.zeros(hidden))
            self.dropout = torch.nn.Dropout(dropout)
            self.classifier = torch.nn.Linear(3 * hidden, len(LABELS))

        def forward(self, hidden: Any, mask: Any, target: Any) -> Any:
            t = target.unsqueeze(-1).to(hidden.dtype)
            h = hidden + t * self.indicator
            additive = (1.0 - mask[:, None, None, :].to(h.dtype)) * torch.finfo(h.dtype).min
            for layer in self.layers:
                h = layer(h, attention_mask=additive)
                if isinstance(h, tuple):
                    h = h[0]
            m = mask.unsqueeze(-1).to(h.dtype)
            mean = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            tgt = (h * t).sum(1) / t.sum(1).clamp(min=1.0)
            has_target = (t.sum(1) > 0).to(h.dtype)
            tgt = has_target * tgt + (1 - has_target) * mean  # target cut off: use the mean
            return self.classifier(self.dropout(torch.cat([mean, tgt, h[:, 0]], dim=-1)))

    return TargetHead


def make_target_head(top_layers: Any, hidden: int, dropout: float = 0.1) -> Any:
    """A new :class:`TargetHead` (built lazily so importing this module needs no torch)."""
    return _torch_module()(top_layers, hidden, dropout)


@dataclass
class TargetBatch:
    """Padded tensors for a batch of (sentence, target) pairs."""

    hidden: Any
    mask: Any
    target: Any


def bottom_states(bottom: Any, tokenizer: Any, sentences: Sequence[str],
                  max_length: int) -> list[tuple[Any, np.ndarray]]:
    """Hidden states of the frozen bottom layers for each sentence, with piece offsets.

    Returns one ``(hidden (n_pieces, dim) tensor, offsets (n_pieces, 2) array)`` per sentence
    (padding removed), computed in one batch.
    """
    import torch

    enc = tokenizer(list(sentences), padding=True, truncation=True, max_length=max_length,
                    return_tensors="pt", return_offsets_mapping=True)
    offsets = enc.pop("offset_mapping").numpy()
    with torch.inference_mode():
        hidden = bottom(**enc).last_hidden_state
    lengths = enc["attention_mask"].sum(1).tolist()
    return [(hidden[i, :n].clone(), offsets[i, :n]) for i, n in enumerate(lengths)]


def pad_batch(items: Sequence[tuple[Any, np.ndarray]]) -> TargetBatch:
    """Pad ``(hidden, target mask)`` pairs of different lengths into one batch."""
    import torch

    n = max(int(h.shape[0]) for h, _ in items)
    dim = int(items[0][0].shape[1])
    hidden = torch.zeros(len(items), n, dim)
    mask = torch.zeros(len(items), n, dtype=torch.long)
    target = torch.zeros(len(items), n, dtype=torch.bool)
    for i, (h, t) in enumerate(items):
        hidden[i, : h.shape[0]] = h
        mask[i, : h.shape[0]] = 1
        target[i, : h.shape[0]] = torch.as_tensor(t)
    return TargetBatch(hidden, mask, target)


class MiniLMBackend:
    """The offline default: packaged MiniLM with the project's fitted sentiment heads.

    Sentences: multinomial logistic regression on the frozen, mean-pooled MiniLM embedding
    (``sentiment_sentence.json``). Targets: top layers fine-tuned on NewsMTSC (Hamborg &
    Donnay 2021) with the target marked (``sentiment_target.safetensors`` +
    ``sentiment_target.json``). Both are trained by ``scripts/train_sentiment.py``.

    Args:
        batch_size: targets per forward pass.
        use_cache: keep target predictions in the disk cache (keyed by weights + text + span).
        progress: force the progress bar on/off (default: on for 64+ uncached targets).
    """

    name = "default"

    def __init__(self, *, batch_size: int = 32, use_cache: bool = True,
                 progress: bool | None = None) -> None:
        for path in (SENTENCE_HEAD, TARGET_WEIGHTS, TARGET_CONFIG):
            if not path.exists():
                raise ModelUnavailableError(
                    f"fitted sentiment model file missing: {path}; run "
                    "scripts/train_sentiment.py")
        head = json.loads(SENTENCE_HEAD.read_text(encoding="utf-8"))
        self._coef = np.asarray(head["coef"], dtype=np.float64)
        self._intercept = np.asarray(head["intercept"], dtype=np.float64)
        self.config = json.loads(TARGET_CONFIG.read_text(encoding="utf-8"))
        self.batch_size = batch_size
        self.progress = progress
        self.precision = encoder_precision()
        self.fingerprint = content_hash(file_hash(TARGET_WEIGHTS), file_hash(TARGET_CONFIG),
                                        self.precision)[:16]
        self._cache = DiskCache("sentiment") if use_cache else None
        self._model: tuple[Any, Any, Any] | None = None

    # sentence level: frozen embedding + logistic regression
    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, 3))
        x = get_encoder().embed(list(texts)).astype(np.float64)
        logits = x @ self._coef.T + self._intercept
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(1, keepdims=True)

    def labels(self, proba: np.ndarray) -> list[str]:
        return argmax_labels(proba)

    # target level: fine-tuned top layers
    def _load(self) -> tuple[Any, Any, Any]:
        if self._model is None:
            self._model = load_target_model(self.config)
        return self._model

    def predict_target(self, sentences: Sequence[str],
                       spans: Sequence[tuple[int, int]]) -> np.ndarray:
        sentences, spans = list(sentences), [(int(a), int(b)) for a, b in spans]
        if len(sentences) != len(spans):
            raise ValueError("sentences and spans differ in length")
        keys = [content_hash("target", self.fingerprint, s, a, b)
                for s, (a, b) in zip(sentences, spans, strict=True)]
        found = self._cache.get_many(keys) if self._cache else {}
        todo = [i for i, k in enumerate(keys) if k not in found]
        if todo:
            fresh = self._predict([sentences[i] for i in todo], [spans[i] for i in todo])
            new = {keys[i]: fresh[j] for j, i in enumerate(todo)}
            if self._cache:
                self._cache.set_many(new)
            found.update(new)
        if not keys:
            return np.zeros((0, 3))
        return np.vstack([found[k] for k in keys])

    def _predict(self, sentences: list[str], spans: list[tuple[int, int]]) -> np.ndarray:
        import torch
        from tqdm.auto import tqdm

        tokenizer, bottom, head = self._load()
        width, max_length = self.config["crop_chars"], self.config["max_length"]
        items = [crop_window(s, a, b, width) for s, (a, b) in zip(sentences, spans, strict=True)]
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
        out = np.zeros((len(items), 3))
        show = self.progress if self.progress is not None else \
            len(items) >= PROGRESS_MIN_TEXTS
        with tqdm(total=len(items), desc="target sentiment", unit="target",
                  disable=not show) as bar:
            for pos in range(0, len(order), self.batch_size):
                idx = order[pos: pos + self.batch_size]
                unique = list(dict.fromkeys(items[i][0] for i in idx))
                with inference(self.precision):
                    states = dict(zip(unique, bottom_states(bottom, tokenizer, unique,
                                                            max_length), strict=True))
                batch = []
                for i in idx:
                    text, a, b = items[i]
                    hidden, offsets = states[text]
                    batch.append((hidden.float(), target_piece_mask(offsets, a, b)))
                padded = pad_batch(batch)
                with inference(self.precision):
                    logits = head(padded.hidden, padded.mask, padded.target).float()
                out[idx] = torch.softmax(logits, -1).double().numpy()
                bar.update(len(idx))
        return out


def load_target_model(config: dict[str, Any]) -> tuple[Any, Any, Any]:
    """(tokenizer, frozen bottom, fine-tuned head) of the packaged MiniLM + stored layers.

    Raises :class:`ModelUnavailableError` when the packaged encoder is not the one the
    stored layers were trained on (its weights hash differs).
    """
    from safetensors.torch import load_file
    from transformers import AutoModel, AutoTokenizer

    base_path = default_encoder_path()
    expected = config.get("base_sha256")
    if expected and file_hash(base_path / "model.safetensors") != expected:
        raise ModelUnavailableError(
            "the packaged encoder differs from the one the target-sentiment layers were "
            "trained on; retrain with scripts/train_sentiment.py")
    tokenizer = from_pretrained(AutoTokenizer, DEFAULT_ENCODER)
    base = from_pretrained(AutoModel, DEFAULT_ENCODER, attn_implementation="eager")
    bottom, top = split_encoder(base, int(config["n_top_layers"]))
    head = make_target_head(top, int(base.config.hidden_size))
    state = {k: v.float() for k, v in load_file(str(TARGET_WEIGHTS)).items()}
    head.load_state_dict(state)
    return tokenizer, bottom.eval(), head.eval()


# --- Hugging Face backend ------------------------------------------------------------------


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


# --- per-article frames --------------------------------------------------------------------

SENTENCE_COLUMNS = [*KEY_COLUMNS, "text", "paragraph", "section", "position", "label",
                    *PROBA_COLUMNS, "score", "rolling_score", "vader"]
TARGET_COLUMNS = [*KEY_COLUMNS, "surface", "actor_id", "side", "kind", "sent_start",
                  "sent_end", "sentence", "label", *PROBA_COLUMNS, "score", "vader"]
DOCUMENT_COLUMNS = [*KEY_COLUMNS, "n_sentences", "label", *PROBA_COLUMNS, "score",
                    "share_negative", "share_neutral", "share_positive"]
AGG_COLUMNS = ["n_mentions", "n_sentences", "n_articles", "mean", "ci_low", "ci_high",
               "share_negative", "share_neutral", "share_positive", "small_sample"]
#: Centred window (sentences) of the rolling mean in each article's trajectory.
TRAJECTORY_WINDOW = 3


def sentence_sentiment(parsed: Parsed, backend: SentimentBackend | str | None = None
                       ) -> pd.DataFrame:
    """Sentiment of every sentence, with its position in the article (its trajectory).

    Columns: the key columns, ``text``, ``paragraph``, ``section``, ``position`` (0 = first
    sentence, 1 = last), ``label``, ``p_negative/p_neutral/p_positive``, ``score``
    (P(pos) − P(neg)), ``rolling_score`` (centred mean over :data:`TRAJECTORY_WINDOW`
    sentences) and ``vader`` (VADER compound, the transparent baseline).
    """
    backend = get_backend(backend)
    sents = parsed.sentences
    if sents.empty:
        return empty_frame(SENTENCE_COLUMNS)
    texts = sents.text.tolist()
    proba = backend.predict_proba(texts)
    out = sents[[*KEY_COLUMNS, "text", "paragraph", "section"]].copy().reset_index(drop=True)
    n = out.groupby("article_id").sent_id.transform("max").clip(lower=1)
    out["position"] = (out.sent_id / n).round(4)
    out["label"] = backend.labels(proba)
    for i, col in enumerate(PROBA_COLUMNS):
        out[col] = proba[:, i].round(4)
    out["score"] = scores(proba).round(4)
    out["rolling_score"] = (out.groupby("article_id").score
                            .transform(lambda s: s.rolling(TRAJECTORY_WINDOW, center=True,
                                                           min_periods=1).mean()).round(4))
    out["vader"] = get_backend("vader").compound(texts).round(4)
    return out[SENTENCE_COLUMNS]


def target_sentiment(parsed: Parsed, backend: SentimentBackend | str | None = None
                     ) -> pd.DataFrame:
    """Sentiment of each sentence toward each actor mention in it (Hamborg & Donnay 2021).

    One row per mention (``parsed.mentions``); ``start``/``end`` are the mention's span,
    ``sent_start``/``sent_end`` its sentence's, ``sentence`` the sentence text; ``vader`` is
    the sentence's VADER compound (the target-blind baseline).
    """
    backend = get_backend(backend)
    ments = parsed.mentions
    if ments.empty:
        return empty_frame(TARGET_COLUMNS)
    sents = parsed.sentences[["article_id", "sent_id", "start", "end", "text"]].rename(
        columns={"start": "sent_start", "end": "sent_end", "text": "sentence"})
    out = ments.reset_index(drop=True).merge(sents, on=["article_id", "sent_id"], how="left")
    spans = [(int(s) - int(b), int(e) - int(b))
             for s, e, b in zip(out.start, out.end, out.sent_start, strict=True)]
    proba = backend.predict_target(out.sentence.tolist(), spans)
    out["label"] = backend.labels(proba)
    for i, col in enumerate(PROBA_COLUMNS):
        out[col] = proba[:, i].round(4)
    out["score"] = scores(proba).round(4)
    out["vader"] = get_backend("vader").compound(out.sentence.tolist()).round(4)
    return out[TARGET_COLUMNS]


def document_sentiment(sentences: pd.DataFrame, parsed: Parsed,
                       backend: SentimentBackend | str | None = None) -> pd.DataFrame:
    """Per article: mean sentence probabilities and score, and label shares.

    The document is the mean of its sentences (headline included), so a long article does
    not average away a hostile headline unnoticed: the shares are reported beside the mean.
    Key columns: ``sent_id`` = -1 (whole document), ``start`` 0, ``end`` its length; the
    label is the backend's label of the mean probabilities.
    """
    if sentences.empty:
        return empty_frame(DOCUMENT_COLUMNS)
    labeler = get_backend(backend)
    rows = []
    by_article = dict(tuple(sentences.groupby("article_id", sort=False)))
    for article in parsed.incident.articles:
        s = by_article.get(article.id)
        if s is None:
            continue
        probs = s[PROBA_COLUMNS].mean().to_numpy()
        shares = s.label.value_counts(normalize=True)
        rows.append({
            "article_id": article.id, "outlet": article.outlet, "sent_id": -1, "start": 0,
            "end": len(article.document), "n_sentences": len(s),
            "label": labeler.labels(probs[None, :])[0],
            **{c: round(float(p), 4) for c, p in zip(PROBA_COLUMNS, probs, strict=True)},
            "score": round(float(s.score.mean()), 4),
            **{f"share_{lab}": round(float(shares.get(lab, 0.0)), 4) for lab in LABELS},
        })
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


# --- aggregation ---------------------------------------------------------------------------


def bootstrap_interval(values: np.ndarray, *, samples: int = BOOTSTRAP_SAMPLES,
                       level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (Efron & Tibshirani 1993).

    NaNs when fewer than two values (no spread to resample); seeded, so reproducible.
    """
    values = np.asarray(values, dtype=np.float64)
    if len(values) < 2:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(samples, len(values)))].mean(1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def actor_sentiment(targets: pd.DataFrame, by: str = "actor_id") -> pd.DataFrame:
    """Per outlet × actor (``by="actor_id"``) or × side (``by="side"``): mean targeted score.

    Each sentence counts once per actor (or side): its mentions' scores are averaged first,
    so a sentence naming Azerbaijan three times is one observation, and the bootstrap
    resamples sentences. ``n_mentions`` counts mentions; ``small_sample`` is true when fewer
    than :data:`MIN_MENTIONS` mentions back the cell. ``ci_low``/``ci_high``: percentile
    bootstrap 95% interval of the mean over sentences (NaN with a single sentence).
    """
    if by not in ("actor_id", "side"):
        raise ValueError("by must be 'actor_id' or 'side'")
    keys = ["outlet", by] if by == "side" else ["outlet", "actor_id", "side"]
    columns = [*keys, *AGG_COLUMNS]
    if targets.empty:
        return empty_frame(columns)
    t = targets.copy()
    t["side"] = t.side.fillna("(none)")
    per_sentence = (t.groupby([*keys, "article_id", "sent_id"], dropna=False)
                    .agg(score=("score", "mean"), mentions=("score", "size")).reset_index())
    rows = []
    mentions_of = dict(tuple(t.groupby(keys, sort=False)))
    for key, group in per_sentence.groupby(keys, sort=True):
        cells = dict(zip(keys, key, strict=True))
        ment = mentions_of[key]
        values = group.score.to_numpy()
        low, high = bootstrap_interval(values)
        shares = ment.label.value_counts(normalize=True)
        n_mentions = int(group.mentions.sum())
        rows.append({
            **cells, "n_mentions": n_mentions, "n_sentences": len(group),
            "n_articles": int(group.article_id.nunique()),
            "mean": round(float(values.mean()), 4),
            "ci_low": round(low, 4), "ci_high": round(high, 4),
            **{f"share_{lab}": round(float(shares.get(lab, 0.0)), 4) for lab in LABELS},
            "small_sample": n_mentions < MIN_MENTIONS,
        })
    out = pd.DataFrame(rows, columns=columns)
    for col in ("n_mentions", "n_sentences", "n_articles"):
        out[col] = out[col].astype("Int64")
    out["small_sample"] = out.small_sample.astype(bool)
    return out


def distribution(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentence labels per outlet: counts and shares (every outlet × label, zeros kept)."""
    columns = ["outlet", "label", "sentences", "share"]
    if sentences.empty:
        return empty_frame(columns)
    counts = pd.crosstab(sentences.outlet, sentences.label).reindex(columns=list(LABELS),
                                                                   fill_value=0)
    out = counts.stack().rename("sentences").reset_index()
    out["share"] = (out.sentences / out.groupby("outlet").sentences.transform("sum")).round(4)
    return out[columns]


def extremes(targets: pd.DataFrame, n: int = 2, by: str = "actor_id") -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences per outlet × actor (evidence).

    A sentence appears once per actor (its mentions averaged); ``end_of_scale`` says which
    end it is on. Sentences scoring exactly 0 on the "positive" side are left out.
    """
    columns = ["outlet", by, "end_of_scale", "score", "label", "surface", "sentence",
               "article_id", "sent_id", "start", "end"]
    if targets.empty:
        return empty_frame(columns)
    per = (targets.groupby(["outlet", by, "article_id", "sent_id"], dropna=False)
           .agg(score=("score", "mean"), label=("label", "first"),
                surface=("surface", lambda s: ", ".join(dict.fromkeys(s))),
                sentence=("sentence", "first"), start=("sent_start", "first"),
                end=("sent_end", "first")).reset_index())
    parts = []
    for _, group in per.groupby(["outlet", by], sort=True):
        neg = group.nsmallest(n, "score").assign(end_of_scale="most negative")
        neg = neg[neg.score < 0]
        pos = group.nlargest(n, "score").assign(end_of_scale="most positive")
        pos = pos[pos.score > 0]
        parts += [neg, pos]
    if not parts:
        return empty_frame(columns)
    out = pd.concat(parts, ignore_index=True)
    out["score"] = out.score.round(4)
    return out[columns]


# --- integration: tables, findings, profile ------------------------------------------------


def tables(parsed: Parsed, sentiment_model: SentimentBackend | str | None = None
           ) -> dict[str, pd.DataFrame]:
    """Sentence, document and actor-targeted sentiment of an incident, and their aggregates.

    Tables: ``sentences`` (every sentence: label, probabilities, score, trajectory, VADER),
    ``targets`` (every actor mention: sentiment of its sentence toward it), ``documents``
    (per article), ``by_actor`` and ``by_side`` (per outlet: mean targeted score with a
    bootstrap 95% interval, counts, small-sample flag), ``distribution`` (sentence labels per
    outlet) and ``extremes`` (most negative / positive sentences per outlet × actor).
    ``sentiment_model``: ``None`` = the offline MiniLM default, ``"vader"``, or a Hugging Face
    model.
    """
    backend = get_backend(sentiment_model)
    sentences = sentence_sentiment(parsed, backend)
    targets = target_sentiment(parsed, backend)
    return {
        "sentences": sentences,
        "targets": targets,
        "documents": document_sentiment(sentences, parsed, backend),
        "by_actor": actor_sentiment(targets, "actor_id"),
        "by_side": actor_sentiment(targets, "side"),
        "distribution": distribution(sentences),
        "extremes": extremes(targets),
    }


def _fmt_cell(row: Any) -> str:
    interval = ("" if pd.isna(row.ci_low) else f" [{row.ci_low:+.2f}, {row.ci_high:+.2f}]")
    small = ", small" if row.small_sample else ""
    return f"{row.mean:+.2f}{interval} (n={row.n_mentions}{small})"


def _evidence(targets: pd.DataFrame) -> pd.DataFrame:
    keep = ["outlet", "sent_id", "surface", "actor_id", "side", "label", "score", "sentence",
            "article_id", "start", "end"]
    return (targets[keep].sort_values("score").rename(columns={"sentence": "text"})
            .reset_index(drop=True))


def _separated_pairs(cells: pd.DataFrame, key: str):
    """Within each ``key`` group, every (lower, higher) pair of cells whose intervals are
    disjoint, as ``(group, low_row, high_row)``."""
    for name, group in cells.groupby(key):
        ordered = list(group.sort_values("mean").itertuples())
        for i, low in enumerate(ordered):
            for high in ordered[i + 1:]:
                if not _overlap(low, high):
                    yield name, low, high


def _overlap(a: Any, b: Any) -> bool:
    return not (a.ci_high < b.ci_low or b.ci_high < a.ci_low)


def findings(tables: dict[str, pd.DataFrame], incident: Incident) -> list[Finding]:
    """Templated findings about sentiment toward sides (thresholds stated here).

    Only cells with at least :data:`MIN_MENTIONS` mentions and a bootstrap interval count.

    - Tone toward a side: per outlet × side, when the 95% interval of the mean targeted score
      lies wholly below 0 (or above 0): "Asbarez writes about azerbaijan negatively: mean
      sentiment −0.52 (95% CI −0.70 to −0.31) over 14 mentions in 11 sentences."
    - Harsher on one side: within an outlet, for two sides whose intervals do not overlap:
      "Asbarez is more negative toward azerbaijan (−0.52) than toward armenia (+0.05)."
    - Outlets differ: for a side covered by two outlets whose intervals do not overlap:
      "Asbarez is more negative toward azerbaijan than The Moscow Times (−0.52 vs −0.10)."
    """
    by_side = tables.get("by_side", pd.DataFrame())
    targets = tables.get("targets", pd.DataFrame())
    if by_side.empty or targets.empty:
        return []
    anchor = heading_anchor(PAGE, "Sentiment toward each side")
    solid = by_side[(~by_side.small_sample.astype(bool)) & by_side.ci_low.notna()
                    & (by_side.side != "(none)")]
    out: list[Finding] = []
    for row in solid.itertuples():
        if row.ci_high < 0 or row.ci_low > 0:
            tone = "negatively" if row.ci_high < 0 else "positively"
            rows = targets[(targets.outlet == row.outlet) & (targets.side == row.side)]
            out.append(Finding(
                f"{row.outlet} writes about {row.side} {tone}: mean sentiment {row.mean:+.2f} "
                f"(95% CI {row.ci_low:+.2f} to {row.ci_high:+.2f}) over {row.n_mentions} "
                f"mentions in {row.n_sentences} sentences.",
                "sentiment", row.outlet, anchor, _evidence(rows),
                strength=abs(row.mean) * row.n_mentions ** 0.5))
    for outlet, low, high in _separated_pairs(solid, "outlet"):
        rows = targets[(targets.outlet == outlet) & targets.side.isin([low.side, high.side])]
        out.append(Finding(
            f"{outlet} is more negative toward {low.side} ({low.mean:+.2f}) than "
            f"toward {high.side} ({high.mean:+.2f}); the 95% intervals do not overlap.",
            "sentiment", outlet, anchor, _evidence(rows),
            strength=(high.mean - low.mean) * 1.5))
    for side, low, high in _separated_pairs(solid, "side"):
        rows = targets[(targets.side == side) & targets.outlet.isin([low.outlet, high.outlet])]
        out.append(Finding(
            f"{low.outlet} is more negative toward {side} than {high.outlet} "
            f"({low.mean:+.2f} vs {high.mean:+.2f}); the 95% intervals do not "
            "overlap.", "sentiment", None, anchor, _evidence(rows),
            strength=(high.mean - low.mean) * 1.5))
    return sorted(out, key=lambda f: -f.strength)


def profile(tables: dict[str, pd.DataFrame], incident: Incident) -> pd.DataFrame:
    """Profile lines per outlet: sentence label shares, mean sentence score, and the mean
    targeted score toward each side as ``mean [95% CI] (n mentions)``, "small" when fewer
    than :data:`MIN_MENTIONS` mentions."""
    sentences = tables.get("sentences", pd.DataFrame())
    by_side = tables.get("by_side", pd.DataFrame())
    sides = [s for s in incident.sides if not by_side.empty and s in set(by_side.side)]
    lines: dict[str, dict[str, str]] = {}
    for outlet in incident.outlets:
        s = sentences[sentences.outlet == outlet] if not sentences.empty else sentences
        col: dict[str, str] = {}
        if len(s):
            shares = s.label.value_counts(normalize=True)
            col["Sentences negative / neutral / positive"] = " / ".join(
                f"{shares.get(lab, 0.0):.0%}" for lab in LABELS)
            col["Mean sentence sentiment (−1 to +1)"] = f"{s.score.mean():+.2f}"
        else:
            col["Sentences negative / neutral / positive"] = "–"
            col["Mean sentence sentiment (−1 to +1)"] = "–"
        for side in sides:
            cell = by_side[(by_side.outlet == outlet) & (by_side.side == side)]
            col[f"Sentiment toward {side}"] = (_fmt_cell(next(cell.itertuples()))
                                               if len(cell) else "not mentioned")
        lines[outlet] = col
    frame = pd.DataFrame(lines)
    return frame.reindex(columns=incident.outlets)
