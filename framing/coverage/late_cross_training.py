"""Training the late cross-encoder (:mod:`framing.coverage.late_cross`) on pair corpora.

Pairs: ECB+ (Cybulska & Vossen 2014; 1 = a shared cross-document event), MRPC train
(Dolan & Brockett 2005) and STS-B news train (Cer et al. 2017) with score ≥ 4 as "same"
and ≤ 2 as "different" (the rest dropped); training pairs that share a sentence with MRPC
test or STS news test are dropped (:func:`framing.coverage.same_fact_training.
training_pairs`). Batches draw from each corpus in fixed shares (:data:`MIX`), half the
pairs in swapped order; class-balanced binary cross-entropy (``pos_weight`` = negatives /
positives of the mix), AdamW with a linear warm-up and decay. Only MiniLM's top layers
(from its own weights), the segment vector and the head are trained; the lower layers are
frozen and each sentence's states are computed once (:class:`~framing.coverage.late_cross.
BottomStates`), so the folds of a cross-validation share them.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

MIX = {"ecbplus": 0.5, "mrpc": 0.3, "stsb": 0.2}


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
    from framing.coverage.same_fact_training import training_pairs

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
    from tqdm.auto import tqdm

    from framing.coverage.late_cross import join_pairs, make_late_head

    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    head = make_late_head(copy.deepcopy(top_layers), hidden).train()
    groups = {c: pairs.index[pairs["corpus"] == c].to_numpy() for c in MIX}
    groups = {c: g for c, g in groups.items() if len(g)}
    shares = np.array([MIX[c] for c in groups])
    shares = shares / shares.sum()
    labels = pairs["label"].to_numpy(dtype=np.float32)
    pos = float(sum(s * labels[g].mean() for s, g in zip(shares, groups.values(), strict=True)))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((1 - pos) / pos))
    layer_params = list(head.layers.parameters())
    rest = [p for n, p in head.named_parameters() if not n.startswith("layers.")]
    opt = torch.optim.AdamW([{"params": layer_params, "lr": config.lr_layers},
                             {"params": rest, "lr": config.lr_head}],
                            weight_decay=config.weight_decay)
    warm = max(1, int(config.warmup * config.steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (config.steps - s) / (config.steps - warm))))
    t1, t2 = pairs["text1"].to_numpy(), pairs["text2"].to_numpy()
    names = list(groups)
    started, running = time.perf_counter(), None
    with tqdm(total=config.steps, desc="train late-cross", unit="step",
              disable=not progress) as bar:
        for _ in range(config.steps):
            counts = rng.multinomial(config.batch, shares)
            idx = np.concatenate([rng.choice(groups[c], n) for c, n in
                                  zip(names, counts, strict=True)])
            swap = rng.random(len(idx)) < 0.5
            a = np.where(swap, t2[idx], t1[idx])
            b = np.where(swap, t1[idx], t2[idx])
            states = bottom(list(dict.fromkeys([*a, *b])), progress=False)
            lookup = dict(zip(dict.fromkeys([*a, *b]), states, strict=True))
            logits = head(*join_pairs([lookup[t] for t in a], [lookup[t] for t in b]))
            loss = loss_fn(logits, torch.from_numpy(labels[idx]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            opt.step()
            sched.step()
            running = loss.item() if running is None else 0.95 * running + 0.05 * loss.item()
            bar.set_postfix(loss=f"{running:.3f}")
            bar.update(1)
    head.eval()
    head.train_seconds = round(time.perf_counter() - started, 1)
    return head
