"""Training the late cross-encoder (:mod:`framing.coverage.late_cross`) on pair corpora.

Pairs: ECB+ (Cybulska & Vossen 2014; 1 = a shared cross-document event), MRPC train
(Dolan & Brockett 2005) and STS-B news train (Cer et al. 2017) with score ≥ 4 as "same"
and ≤ 2 as "different" (the rest dropped); training pairs that share a sentence with MRPC
test or STS news test are dropped (:func:`framing.coverage.same_fact_training.
training_pairs`). Batches draw from each corpus in fixed shares (``MIX`` there) with half the
pairs in swapped order (:func:`~framing.coverage.same_fact_training.fit_pairs`, the loop
both pair scorers share); class-balanced binary cross-entropy (``pos_weight`` = negatives /
positives of the mix), AdamW with a linear warm-up and decay. Only MiniLM's top layers
(from its own weights), the segment vector and the head are trained; the lower layers are
frozen and each sentence's states are computed once (:class:`~framing.coverage.late_cross.
BottomStates`), so the folds of a cross-validation share them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing.coverage.same_fact_training import fit_pairs, mix_positive_share, training_pairs


@dataclass(frozen=True)
class LateConfig:
    """Hyper-parameters of :func:`train_late` (recorded in ``late_cross.json``)."""

    steps: int = 600
    batch: int = 16
    lr_layers: float = 2e-5
    lr_head: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.1
    seed: int = 13


def late_pairs(folder=None) -> pd.DataFrame:
    """Training pairs with hard labels: STS news ≥ 4 → 1, ≤ 2 → 0, others dropped."""
    pairs = training_pairs(folder)
    sts = pairs["corpus"] == "stsb"
    score = pairs["label"] * 5
    keep = ~sts | (score >= 4 - 1e-9) | (score <= 2 + 1e-9)
    pairs = pairs[keep].copy()
    pairs.loc[pairs["corpus"] == "stsb", "label"] = \
        (pairs.loc[pairs["corpus"] == "stsb", "label"] * 5 >= 4 - 1e-9).astype(float)
    return pairs.reset_index(drop=True)


def train_late(pairs: pd.DataFrame, top_layers: Any, hidden: int, bottom: Any,
               config: LateConfig = LateConfig(), progress: bool = True) -> Any:
    """Fine-tune a copy of ``top_layers`` + segment vector + head on ``pairs``; returns the
    head in eval mode (with ``train_seconds``). Deterministic for a seed."""
    import torch

    from framing.coverage.late_cross import join_pairs, make_late_head

    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    head = make_late_head(copy.deepcopy(top_layers), hidden).train()
    pos = mix_positive_share(pairs)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((1 - pos) / pos))
    layer_params = list(head.layers.parameters())
    rest = [p for n, p in head.named_parameters() if not n.startswith("layers.")]
    param_groups = [{"params": layer_params, "lr": config.lr_layers},
                    {"params": rest, "lr": config.lr_head}]

    def logits_of(a, b):
        unique = list(dict.fromkeys([*a, *b]))
        lookup = dict(zip(unique, bottom(unique, progress=False), strict=True))
        return head(*join_pairs([lookup[t] for t in a], [lookup[t] for t in b]))

    return fit_pairs(head, pairs, logits_of, param_groups, loss_fn, steps=config.steps,
                     batch=config.batch, warmup=config.warmup,
                     weight_decay=config.weight_decay, rng=rng, desc="train late-cross",
                     progress=progress, smoothing=0.95)
