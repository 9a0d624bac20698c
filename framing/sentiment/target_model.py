"""The offline default backend: packaged MiniLM with the project's fitted sentiment heads.

Sentences: a logistic-regression head on frozen mean-pooled all-MiniLM-L6-v2 embeddings
(:mod:`framing.core.encoders`). Targets: target-dependent sentiment after Hamborg & Donnay
(2021, NewsMTSC): the top layers of MiniLM are fine-tuned on NewsMTSC with the target marked
by a learned indicator vector added to its word pieces, and the head reads the mean of the
sentence, the mean of the target's pieces and the first token. Only the changed layers are
stored (``framing/models/sentiment_target.safetensors``, fp16).

The model's building blocks (:func:`split_encoder`, :func:`make_target_head`,
:func:`bottom_states`, :func:`pad_batch`, :func:`crop_window`, :func:`target_piece_mask`)
are shared by inference (:class:`MiniLMBackend`) and training
(``scripts/train_sentiment.py``, which retrains both heads), so both see the same inputs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from framing.core import paths
from framing.core.cache import DiskCache, content_hash, file_hash
from framing.core.encoders import (
    DEFAULT_ENCODER,
    PROGRESS_MIN_TEXTS,
    ModelUnavailableError,
    default_encoder_path,
    encoder_precision,
    from_pretrained,
    get_encoder,
    inference,
)
from framing.sentiment.interface import LABELS, argmax_labels

__all__ = ["SENTENCE_HEAD", "TARGET_WEIGHTS", "TARGET_CONFIG", "MiniLMBackend", "TargetBatch",
           "bottom_states", "crop_window", "load_target_model", "make_target_head",
           "pad_batch", "split_encoder", "target_piece_mask"]

SENTENCE_HEAD = paths.MODELS_DIR / "sentiment_sentence.json"
TARGET_WEIGHTS = paths.MODELS_DIR / "sentiment_target.safetensors"
TARGET_CONFIG = paths.MODELS_DIR / "sentiment_target.json"


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

