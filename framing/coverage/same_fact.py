"""P(two sentences report the same fact): the trained scorer, or a user cross-encoder.

The packaged scorer (``framing/models/same_fact/``, trained by
``scripts/train_same_fact.py`` on ECB+, MRPC and the STS Benchmark's news part) is a
*late-interaction* pair model, built so that rescoring the ~10⁵ candidate pairs of a
300-article incident stays within seconds on a laptop CPU, which a full cross-encoder
(~50 pairs/s on two cores) cannot:

1. each sentence is read once by the packaged MiniLM (all-MiniLM-L6-v2; the word-piece
   vectors the coverage stage already computes and caches, :meth:`Encoder.token_vectors`),
   which stays frozen; its pieces are projected to :data:`HEAD_DIM` dimensions (optionally
   after one trained transformer layer initialised from MiniLM's last, ``adapter``);
2. a decomposable-attention head (Parikh et al. 2016; the comparison of ESIM, Chen et al.
   2017) soft-aligns every word piece of one sentence with the other's, compares each piece
   with its aligned counterpart (``[h; h̃; h ⊙ h̃; |h − h̃|]``) and pools both sides (mean and
   max); beside it the two mean-pooled sentence vectors are compared as Sentence-BERT's
   classification objective does (``u ⊙ v``, ``|u − v|``, and their cosine; Reimers &
   Gurevych 2019); a small MLP reads the logit off their symmetric combination, so the score
   is the same for ``(a, b)`` and ``(b, a)``.

Step 1 costs one pass per sentence (linear in claims, and cached), step 2 a few million
multiply-adds per pair. Like ColBERT's late interaction (Khattab & Zaharia 2020) it keeps
token-level matching that a pooled sentence vector blurs, while a cross-encoder's joint
reading (Nogueira & Cho 2019) is kept for users who name one: any Hugging Face paraphrase,
STS or NLI cross-encoder can be swapped in by name (:class:`CrossEncoderScorer`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from framing.core import paths
from framing.core.cache import DiskCache, content_hash, file_hash

MODEL_DIR = paths.MODELS_DIR / "same_fact"
WEIGHTS_FILE = "same_fact.safetensors"
CONFIG_FILE = "same_fact.json"
HEAD_DIM = 128
PAIR_BATCH = 256  # pairs per forward pass of the head
PROGRESS_MIN_PAIRS = 2000
MAX_PIECES = 96  # word pieces of a sentence the head reads (training and scoring alike)


class PairScorer(Protocol):
    """Anything that gives P(same fact) of sentence pairs."""

    name: str

    def score(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray: ...


def _torch_modules():
    """The head's torch modules, defined lazily so that importing this module stays cheap."""
    import torch
    from torch import nn
    from transformers.models.bert.modeling_bert import BertLayer

    def extended(mask: torch.Tensor) -> torch.Tensor:
        return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min

    def pool(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        m = mask.unsqueeze(-1).float()
        mean = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
        mx = x.masked_fill(m == 0, -1e4).max(1).values
        return torch.cat([mean, mx], -1)

    class PairHead(nn.Module):
        """Optional adapter layer + decomposable-attention comparison + the pooled
        sentence vectors' comparison (see the module docstring)."""

        def __init__(self, config: Any, dim: int = HEAD_DIM, adapter: bool = False) -> None:
            super().__init__()
            hidden = config.hidden_size
            if adapter:
                config._attn_implementation = "sdpa"  # a standalone layer: name the attention
                self.layer = BertLayer(config)
            self.adapter = adapter
            self.proj = nn.Linear(hidden, dim)
            self.compare = nn.Sequential(nn.Linear(4 * dim, dim), nn.GELU())
            self.sentence = nn.Sequential(nn.Linear(2 * hidden, dim), nn.GELU())
            self.out = nn.Sequential(nn.Dropout(0.1), nn.Linear(5 * dim + 2, dim), nn.GELU(),
                                     nn.Linear(dim, 1))
            self.dim = dim

        def encode(self, vectors: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            """Per-sentence states ``(batch, pieces, dim + hidden)`` from frozen MiniLM
            vectors: the projected (adapted) pieces, then the MiniLM pieces themselves."""
            h = vectors
            if self.adapter:
                h = self.layer(vectors, extended(mask))
                h = h[0] if isinstance(h, tuple) else h
            return torch.cat([self.proj(h), vectors], -1)

        def _side(self, h, mask, aligned):
            return pool(self.compare(torch.cat([h, aligned, h * aligned, (h - aligned).abs()],
                                               -1)), mask)

        def forward(self, xa: torch.Tensor, ma: torch.Tensor, xb: torch.Tensor,
                    mb: torch.Tensor) -> torch.Tensor:
            """Logit of each pair of encoded sentences (``xa``/``xb`` from :meth:`encode`)."""
            d = self.dim
            ha, hb = xa[..., :d], xb[..., :d]
            s = ha @ hb.transpose(1, 2) / d ** 0.5
            s_ab = s.masked_fill(mb[:, None, :] == 0, -1e4)
            s_ba = s.transpose(1, 2).masked_fill(ma[:, None, :] == 0, -1e4)
            va = self._side(ha, ma, torch.softmax(s_ab, -1) @ hb)
            vb = self._side(hb, mb, torch.softmax(s_ba, -1) @ ha)
            pa, pb = pool(ha, ma)[:, :d], pool(hb, mb)[:, :d]
            cos = torch.nn.functional.cosine_similarity(pa, pb).unsqueeze(-1)
            # the sentence vectors (mean-pooled MiniLM, as Sentence-BERT compares them)
            u = torch.nn.functional.normalize(pool(xa[..., d:], ma)[:, :xa.shape[-1] - d], dim=-1)
            v = torch.nn.functional.normalize(pool(xb[..., d:], mb)[:, :xb.shape[-1] - d], dim=-1)
            sent = self.sentence(torch.cat([u * v, (u - v).abs()], -1))
            base = (u * v).sum(-1, keepdim=True)
            return self.out(torch.cat([va + vb, (va - vb).abs(), sent, cos, base],
                                      -1)).squeeze(-1)

    return PairHead


def pair_head(dim: int = HEAD_DIM, adapter: bool = False):
    """A fresh head (its adapter layer, when asked for, starts as a copy of MiniLM's last
    layer)."""
    from transformers import AutoModel

    from framing.core.encoders import default_encoder_path, from_pretrained

    base = from_pretrained(AutoModel, default_encoder_path())
    head = _torch_modules()(base.config, dim, adapter)
    if adapter:
        head.layer.load_state_dict(base.encoder.layer[-1].state_dict())
    return head


def padded(vectors: Sequence[np.ndarray]):
    """``(batch, longest, dim)`` float32 tensor and its 0/1 mask from per-sentence vectors."""
    import torch

    longest = max(1, min(MAX_PIECES, max(len(v) for v in vectors)))
    dim = next((v.shape[1] for v in vectors if len(v)), 384)
    x = np.zeros((len(vectors), longest, dim), dtype=np.float32)
    m = np.zeros((len(vectors), longest), dtype=np.float32)
    for n, v in enumerate(vectors):
        v = v[:MAX_PIECES]
        x[n, :len(v)] = v
        m[n, :len(v)] = 1.0
    if not m[:, 0].all():  # an empty sentence: one zero piece, so softmax stays defined
        m[:, 0] = 1.0
    return torch.from_numpy(x), torch.from_numpy(m)


@dataclass
class SameFactScorer:
    """The packaged same-fact scorer (or one trained elsewhere, by folder).

    Attributes:
        head: the trained adapter layer and pair head (torch module, eval mode).
        info: the training record (``same_fact.json``: config, data fingerprint, CV figures).
        name: what reports call it.
        fingerprint: hash of the weights, keying the score cache.
    """

    head: Any
    info: dict
    name: str
    fingerprint: str

    @staticmethod
    def load(path: str | Path | None = None) -> PairScorer:
        """The scorer at ``path``: ``None`` = the packaged one; a folder holding
        ``same_fact.json`` = a scorer trained by ``scripts/train_same_fact.py``;
        any other name or folder = a Hugging Face cross-encoder (:class:`CrossEncoderScorer`).

        Raises:
            ModelUnavailableError: a named cross-encoder cannot be loaded offline.
        """
        folder = Path(path) if path is not None else MODEL_DIR
        if not (folder / CONFIG_FILE).exists():
            if path is None:
                raise FileNotFoundError(f"{folder / CONFIG_FILE} is missing: run "
                                        "scripts/train_same_fact.py")
            return CrossEncoderScorer(str(path))
        return SameFactScorer.from_folder(folder)

    @classmethod
    def from_folder(cls, folder: Path) -> SameFactScorer:
        import torch
        from safetensors.torch import load_file
        from transformers import AutoConfig

        from framing.core.encoders import default_encoder_path

        info = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
        config = AutoConfig.from_pretrained(default_encoder_path(), local_files_only=True)
        head = _torch_modules()(config, int(info["config"]["head_dim"]),
                                bool(info["config"].get("adapter", False)))
        state = {k: v.to(torch.float32) for k, v in load_file(folder / WEIGHTS_FILE).items()}
        head.load_state_dict(state)
        head.eval()
        name = "same-fact scorer" if folder == MODEL_DIR else str(folder)
        return cls(head, info, name, file_hash(folder / WEIGHTS_FILE)[:16])

    def encode(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Per sentence, the head's ``(pieces, HEAD_DIM)`` states (from the shared encoder's
        cached word-piece vectors; one adapter pass per distinct sentence)."""
        import torch

        from framing.core.encoders import get_encoder

        unique = list(dict.fromkeys(texts))
        tokens = get_encoder().token_vectors(unique)
        states: dict[str, np.ndarray] = {}
        order = sorted(range(len(unique)), key=lambda i: len(tokens[i].vectors))
        with torch.inference_mode():
            for pos in range(0, len(order), 64):
                idx = order[pos:pos + 64]
                x, m = padded([np.asarray(tokens[i].vectors, np.float32) for i in idx])
                h = self.head.encode(x, m).numpy()
                for row, i in enumerate(idx):
                    states[unique[i]] = h[row, :max(1, min(MAX_PIECES, len(tokens[i].vectors)))]
        return [states[t] for t in texts]

    def _compute(self, a: list[str], b: list[str]) -> np.ndarray:
        import torch
        from tqdm.auto import tqdm

        enc = dict(zip(list(dict.fromkeys(a + b)),
                       self.encode(list(dict.fromkeys(a + b))), strict=True))
        out = np.zeros(len(a))
        order = sorted(range(len(a)), key=lambda i: (len(enc[a[i]]), len(enc[b[i]])))
        with torch.inference_mode(), tqdm(total=len(a), desc="same-fact pairs", unit="pair",
                                          disable=len(a) < PROGRESS_MIN_PAIRS) as bar:
            for pos in range(0, len(order), PAIR_BATCH):
                idx = order[pos:pos + PAIR_BATCH]
                xa, ma = padded([enc[a[i]] for i in idx])
                xb, mb = padded([enc[b[i]] for i in idx])
                out[idx] = torch.sigmoid(self.head(xa, ma, xb, mb)).numpy()
                bar.update(len(idx))
        return out

    def score(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """P(same fact) of each pair ``(a[n], b[n])``, cached on disk by (weights, texts)."""
        return cached_scores(self, a, b)


class CrossEncoderScorer:
    """P(same fact) of sentence pairs from a Hugging Face cross-encoder (hub name or folder).

    The probability is read from the model's outputs by their meaning: one output → its
    sigmoid (STS, paraphrase and duplicate-question cross-encoders); an ``entailment`` label
    (NLI models, Williams et al. 2018) → the larger of the two directions' entailment
    probabilities, since one outlet's version may add detail to the other's; otherwise the
    probability of the last label (binary paraphrase classifiers: 1 = paraphrase).

    Raises:
        ModelUnavailableError: the model cannot be loaded (offline and not cached).
    """

    def __init__(self, model: str) -> None:
        from framing.core.encoders import SequenceClassifier

        self.classifier = SequenceClassifier(model)
        self.name = self.classifier.name
        self.fingerprint = content_hash(self.name)[:16]
        self.entailment = next((k for k, v in self.classifier.id2label.items()
                                if v.lower().startswith("entail")), None)

    def _scores(self, first: list[str], second: list[str]) -> np.ndarray:
        from scipy.special import expit, softmax

        logits = self.classifier.logits(first, second).astype(np.float64)
        if logits.shape[1] == 1:
            return expit(logits[:, 0])
        return softmax(logits, axis=1)[:, -1 if self.entailment is None else self.entailment]

    def _compute(self, a: list[str], b: list[str]) -> np.ndarray:
        prob = self._scores(a, b)
        if self.entailment is not None:
            prob = np.maximum(prob, self._scores(b, a))
        return prob

    def score(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """P(same fact) of each pair ``(a[n], b[n])``, cached like the packaged scorer's."""
        return cached_scores(self, a, b)


def cached_scores(scorer: SameFactScorer | CrossEncoderScorer, a: Sequence[str],
                  b: Sequence[str]) -> np.ndarray:
    """``scorer``'s P(same fact) of each pair, computed only for pairs not in the disk cache
    (``same_fact`` namespace, keyed by the weights' hash and both texts)."""
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"{len(a)} first sentences but {len(b)} second ones")
    if not a:
        return np.zeros(0)
    store = DiskCache("same_fact")
    keys = [content_hash(scorer.fingerprint, x, y) for x, y in zip(a, b, strict=True)]
    found = store.get_many(keys)
    todo = [n for n, k in enumerate(keys) if k not in found]
    if todo:
        fresh = scorer._compute([a[n] for n in todo], [b[n] for n in todo])
        store.set_many({keys[n]: float(p) for n, p in zip(todo, fresh, strict=True)})
        found.update({keys[n]: float(p) for n, p in zip(todo, fresh, strict=True)})
    return np.array([found[k] for k in keys], dtype=float)


@cache
def get_same_fact_scorer(model: str | None = None) -> PairScorer:
    """:meth:`SameFactScorer.load`, once per process (``None`` = the packaged scorer)."""
    return SameFactScorer.load(model)
