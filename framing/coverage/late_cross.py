"""A PreTTR-style late cross-encoder for "do these two sentences report the same fact?".

After MacAvaney et al. (2020, "Efficient Document Re-Ranking for Transformers by
Precomputing Term Representations", SIGIR): each sentence goes ONCE through the frozen
lower ``6 - n_top`` layers of the packaged all-MiniLM-L6-v2 (``[CLS] s [SEP]``, its own
positions 0..n-1, segment 0, exactly as the shared encoder sees it) and those states are
cached by content hash (:class:`framing.core.cache.DiskCache`). For a pair the two state
sequences are joined as ``[CLS] a [SEP] b [SEP]`` (b's own ``[CLS]`` dropped) and the top
``n_top`` layers run jointly over both (full cross-attention), then a linear head on
``[first token; u ⊙ v; |u − v|]`` (u, v: unit means of a's and b's pieces) gives the logit
of "same fact"; it starts as a scaled cosine of u and v.

Positions: MiniLM/BERT add position and segment embeddings once, at the embedding layer, so
a cached state already carries its sentence's own positions (b's pieces start again at 1,
not after a). Recomputing them would need the lower layers per pair, which is what PreTTR
avoids. Instead a learned *segment vector* is added to b's pieces at the joining layer (as
PreTTR keeps segment information; initialised at zero), so the top layers can tell the two
sentences apart. The score is symmetric by construction: P = mean of σ(logit(a, b)) and
σ(logit(b, a)); training swaps the order of half the pairs.

Only the fine-tuned top layers, the segment vector and the head are stored (fp16, 7.1 MB)
in ``framing/models/late_cross/``; ``scripts/train_late_cross.py`` reproduces them.

Measured (``bench/late_cross.json``; 250-600 steps of 16 pairs on a shared 2-core CPU):
below the plain MiniLM cosine on every figure -- MRPC test accuracy 0.698-0.703 (cosine
0.720), STS-B news Pearson 0.67-0.70 (0.76), ECB+ topic-CV pair F1 0.57-0.59 on sampled
held-out pairs (cosine 0.63 on the same pairs). It is therefore not used by coverage and
its weights are not shipped; ``-o coverage_model=late-cross`` reaches a locally trained one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from framing.core import paths
from framing.core.cache import DiskCache, content_hash, file_hash
from framing.core.encoders import (
    DEFAULT_ENCODER,
    PROGRESS_MIN_TEXTS,
    ModelUnavailableError,
    default_encoder_path,
    from_pretrained,
)

__all__ = ["MODEL_DIR", "WEIGHTS_FILE", "CONFIG_FILE", "N_TOP", "MAX_PIECES", "BottomStates",
           "LateCrossScorer", "join_pairs", "make_late_head", "predict_proba"]

MODEL_DIR = paths.MODELS_DIR / "late_cross"
WEIGHTS_FILE = "late_cross.safetensors"
CONFIG_FILE = "late_cross.json"
N_TOP = 2  # top layers run jointly over the pair (MiniLM-L6: layers 5-6)
MAX_PIECES = 64  # word pieces kept per sentence, [CLS] and [SEP] included
COSINE_SCALE = 60.0  # initial classifier weight on u ⊙ v: logit = 60 (cos − 0.95) at start
COSINE_START = 0.95  # joint-pass cosines are high (MRPC test: 0.90-0.99)


def _head_class() -> Any:
    import torch

    class LateCrossHead(torch.nn.Module):
        """Top encoder layers over a joined pair + segment vector + linear classifier.

        The classifier reads ``[first token; u ⊙ v; |u − v|]`` where u and v are the
        unit-length means of a's and b's pieces after the joint layers (the comparison
        features of Sentence-BERT, Reimers & Gurevych 2019). Its weights on ``u ⊙ v`` start
        at a constant, so the untrained model already scores a scaled cosine of the two
        (cross-attended) sentence vectors, and fine-tuning starts from the baseline."""

        def __init__(self, top_layers: Any, hidden: int, dropout: float = 0.1) -> None:
            super().__init__()
            self.layers = top_layers
            self.segment = torch.nn.Parameter(torch.zeros(hidden))
            self.dropout = torch.nn.Dropout(dropout)
            self.classifier = torch.nn.Linear(3 * hidden, 1)
            with torch.no_grad():
                self.classifier.weight.zero_()
                self.classifier.weight[0, hidden:2 * hidden] = COSINE_SCALE
                self.classifier.bias.fill_(-COSINE_SCALE * COSINE_START)

        def forward(self, hidden: Any, mask: Any, second: Any) -> Any:
            """Logits of a padded batch: ``hidden`` (B, T, D) lower-layer states of the
            joined pairs, ``mask`` (B, T) 1 for real pieces, ``second`` (B, T) 1 for b's."""
            h = hidden + second.unsqueeze(-1).to(hidden.dtype) * self.segment
            additive = (1.0 - mask[:, None, None, :].to(h.dtype)) * torch.finfo(h.dtype).min
            for layer in self.layers:
                h = layer(h, attention_mask=additive)
                if isinstance(h, tuple):
                    h = h[0]
            mb = second.unsqueeze(-1).to(h.dtype)
            ma = mask.unsqueeze(-1).to(h.dtype) - mb
            u = torch.nn.functional.normalize((h * ma).sum(1) / ma.sum(1).clamp(min=1.0), dim=-1)
            v = torch.nn.functional.normalize((h * mb).sum(1) / mb.sum(1).clamp(min=1.0), dim=-1)
            feats = torch.cat([h[:, 0], u * v, (u - v).abs()], dim=-1)
            return self.classifier(self.dropout(feats)).squeeze(-1)

    return LateCrossHead


def make_late_head(top_layers: Any, hidden: int, dropout: float = 0.1) -> Any:
    """A new :class:`LateCrossHead` (built lazily so importing this module needs no torch)."""
    return _head_class()(top_layers, hidden, dropout)


def join_pairs(states_a: Sequence[Any], states_b: Sequence[Any]) -> tuple[Any, Any, Any]:
    """Pad ``[CLS] a [SEP] b [SEP]`` of each pair: (hidden, mask, second) tensors.

    ``states_*`` are per-sentence (n, D) tensors of ``[CLS] s [SEP]``; b's ``[CLS]`` is
    dropped."""
    import torch

    parts = [(a, b[1:]) for a, b in zip(states_a, states_b, strict=True)]
    n = max(int(a.shape[0] + b.shape[0]) for a, b in parts)
    dim = int(parts[0][0].shape[1])
    hidden = torch.zeros(len(parts), n, dim)
    mask = torch.zeros(len(parts), n, dtype=torch.long)
    second = torch.zeros(len(parts), n)
    for i, (a, b) in enumerate(parts):
        la, lb = int(a.shape[0]), int(b.shape[0])
        hidden[i, :la] = a
        hidden[i, la:la + lb] = b
        mask[i, :la + lb] = 1
        second[i, la:la + lb] = 1
    return hidden, mask, second


class BottomStates:
    """Frozen lower-layer states of sentences, computed once each (memory + disk cache).

    Args:
        tokenizer, bottom: the packaged MiniLM tokenizer and its first ``6 - n_top`` layers.
        key: what the states depend on (encoder weights, layers, max pieces).
        use_cache: also keep them in ``DiskCache("late_cross")`` (fp16).
    """

    def __init__(self, tokenizer: Any, bottom: Any, key: str, *, use_cache: bool = True,
                 batch_size: int = 64) -> None:
        self.tokenizer, self.bottom, self.key = tokenizer, bottom, key
        self.batch_size = batch_size
        self._memory: dict[str, Any] = {}
        self._disk = DiskCache("late_cross") if use_cache else None

    def __call__(self, texts: Sequence[str], progress: bool | None = None) -> list[Any]:
        """(n_pieces, D) float32 tensors, one per text."""
        import torch
        from tqdm.auto import tqdm

        todo = [t for t in dict.fromkeys(texts) if t not in self._memory]
        if todo and self._disk is not None:
            keys = {t: content_hash("bottom", self.key, t) for t in todo}
            found = self._disk.get_many(keys.values())
            for t in todo:
                if keys[t] in found:
                    self._memory[t] = torch.from_numpy(found[keys[t]].astype(np.float32))
            todo = [t for t in todo if t not in self._memory]
        if todo:
            order = sorted(todo, key=len)
            show = progress if progress is not None else len(todo) >= PROGRESS_MIN_TEXTS
            fresh: dict[str, np.ndarray] = {}
            with tqdm(total=len(order), desc="late-cross lower layers", unit="sentence",
                      disable=not show) as bar, torch.inference_mode():
                for pos in range(0, len(order), self.batch_size):
                    batch = order[pos:pos + self.batch_size]
                    enc = self.tokenizer(batch, padding=True, truncation=True,
                                         max_length=MAX_PIECES, return_tensors="pt")
                    out = self.bottom(**enc).last_hidden_state
                    for i, n in enumerate(enc["attention_mask"].sum(1).tolist()):
                        state = out[i, :n].to(torch.float16)
                        self._memory[batch[i]] = state.float()
                        fresh[batch[i]] = state.numpy()
                    bar.update(len(batch))
            if self._disk is not None:
                self._disk.set_many({content_hash("bottom", self.key, t): v
                                     for t, v in fresh.items()})
        return [self._memory[t] for t in texts]


def load_parts(n_top: int = N_TOP) -> tuple[Any, Any, Any, int]:
    """(tokenizer, frozen bottom, MiniLM's own top ``n_top`` layers, hidden size)."""
    from transformers import AutoModel, AutoTokenizer

    from framing.sentiment.target_model import split_encoder

    tokenizer = from_pretrained(AutoTokenizer, DEFAULT_ENCODER)
    base = from_pretrained(AutoModel, DEFAULT_ENCODER, attn_implementation="eager")
    bottom, top = split_encoder(base, n_top)
    return tokenizer, bottom.eval(), top, int(base.config.hidden_size)


def bottom_key(n_top: int) -> str:
    """What the cached lower-layer states depend on."""
    return content_hash(file_hash(default_encoder_path() / "model.safetensors"), n_top,
                        MAX_PIECES)[:16]


def predict_proba(head: Any, bottom: BottomStates, a: Sequence[str], b: Sequence[str],
                   batch: int = 64, progress: bool | None = None) -> np.ndarray:
    """Mean of σ(logit(a, b)) and σ(logit(b, a)) per pair (order-free)."""
    import torch
    from tqdm.auto import tqdm

    a, b = list(a), list(b)
    if not a:
        return np.zeros(0)
    states = dict(zip(dict.fromkeys([*a, *b]), bottom(list(dict.fromkeys([*a, *b])),
                                                       progress), strict=True))
    order = sorted(range(len(a)), key=lambda i: len(states[a[i]]) + len(states[b[i]]))
    out = np.zeros(len(a))
    show = progress if progress is not None else len(a) >= PROGRESS_MIN_TEXTS
    was_training = head.training
    head.eval()
    with tqdm(total=len(a), desc="late-cross pairs", unit="pair", disable=not show) as bar, \
            torch.inference_mode():
        for pos in range(0, len(order), batch):
            idx = order[pos:pos + batch]
            sa, sb = [states[a[i]] for i in idx], [states[b[i]] for i in idx]
            p = torch.sigmoid(head(*join_pairs(sa, sb))) + torch.sigmoid(head(*join_pairs(sb, sa)))
            out[idx] = (p / 2).double().numpy()
            bar.update(len(idx))
    head.train(was_training)
    return out


class LateCrossScorer:
    """P(same fact) of sentence pairs with the stored late cross-encoder.

    Args:
        folder: the model folder (default ``framing/models/late_cross``).
        use_cache: cache lower-layer states on disk.
    """

    name = "late-cross"

    def __init__(self, folder: str | Path | None = None, *, use_cache: bool = True) -> None:
        self.folder = Path(folder or MODEL_DIR)
        weights, config = self.folder / WEIGHTS_FILE, self.folder / CONFIG_FILE
        for path in (weights, config):
            if not path.exists():
                raise ModelUnavailableError(f"late cross-encoder file missing: {path}; run "
                                            "scripts/train_late_cross.py")
        self.config = json.loads(config.read_text(encoding="utf-8"))
        expected = self.config.get("base_sha256")
        if expected and file_hash(default_encoder_path() / "model.safetensors") != expected:
            raise ModelUnavailableError("the packaged encoder differs from the one the "
                                        "late cross-encoder was trained on; retrain it")
        self.use_cache = use_cache
        self.fingerprint = content_hash(file_hash(weights), file_hash(config))[:16]
        self._parts: tuple[Any, Any] | None = None

    def _load(self) -> tuple[Any, BottomStates]:
        if self._parts is None:
            from safetensors.torch import load_file

            n_top = int(self.config["n_top_layers"])
            tokenizer, bottom, top, hidden = load_parts(n_top)
            head = make_late_head(top, hidden)
            state = load_file(str(self.folder / WEIGHTS_FILE))
            head.load_state_dict({k: v.float() for k, v in state.items()})
            self._parts = (head.eval(), BottomStates(tokenizer, bottom, bottom_key(n_top),
                                                     use_cache=self.use_cache))
        return self._parts

    def _compute(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        head, bottom = self._load()
        return predict_proba(head, bottom, a, b)

    def score(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """P(same fact) of each pair ``(a[i], b[i])``; symmetric in a and b. With
        ``use_cache`` the pair scores are also kept on disk
        (:func:`framing.coverage.same_fact.cached_scores`)."""
        if self.use_cache:
            from framing.coverage.same_fact import cached_scores

            return cached_scores(self, a, b)
        return self._compute(a, b)
