"""Training the same-fact scorer (:mod:`framing.coverage.same_fact`) on public pair corpora.

Training pairs (:func:`training_pairs`): ECB+ sentence pairs (Cybulska & Vossen 2014; label
1 = the two sentences mention a common cross-document event), MRPC train (Dolan & Brockett
2005; 1 = paraphrase) and the STS Benchmark's news train pairs (Cer et al. 2017; soft label
score / 5). ECB+ sentences are detokenised ("Aceh 's" → "Aceh's") to look like running
text. A training pair that shares a sentence with an evaluation pair (MRPC test, STS news
test) is dropped, because STS's MSRpar pairs come from MRPC.

Only the pair head is trained (with ``adapter=True`` also one transformer layer on top of
MiniLM; 10× slower per step and, at the steps a 2-core hour allows, no better: MRPC test
accuracy 0.71 after 1,000 steps of 16). MiniLM itself stays frozen, its word-piece vectors
cached once per sentence. Binary cross-entropy on soft labels,
AdamW, a linear warm-up and decay, and batches drawn from each corpus in fixed shares
(:data:`MIX`) so that ECB+'s 28,000 pairs do not drown MRPC and STS.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

MIX = {"ecbplus": 0.5, "mrpc": 0.3, "stsb": 0.2}  # share of each batch drawn from a corpus


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of :func:`train_head` (recorded in ``same_fact.json``)."""

    steps: int = 4000
    batch: int = 32
    lr_layer: float = 1e-4
    lr_head: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    head_dim: int = 128
    adapter: bool = False
    seed: int = 13


def training_pairs(folder=None, *, exclude: Sequence[pd.DataFrame] = ()) -> pd.DataFrame:
    """All training pairs: ``corpus``, ``group`` (ECB+ topic; -1 elsewhere), ``text1``,
    ``text2``, ``label`` (float in [0, 1]); pairs sharing a sentence with any frame in
    ``exclude`` (default: MRPC test and STS news test) are dropped."""
    from framing.evaluate.datasets.ecbplus import respace
    from framing.evaluate.datasets.pairs import read_ecbplus, read_mrpc, read_stsb

    ecb = read_ecbplus(folder)
    ecb = ecb.assign(corpus="ecbplus", group=ecb["topic"], text1=ecb["text1"].map(respace),
                     text2=ecb["text2"].map(respace))
    mrpc = read_mrpc("train", folder).assign(corpus="mrpc", group=-1)
    sts = read_stsb("train", folder).assign(corpus="stsb", group=-1)
    cols = ["corpus", "group", "text1", "text2", "label"]
    pairs = pd.concat([ecb[cols], mrpc[cols], sts[cols]], ignore_index=True)
    held = list(exclude) or [read_mrpc("test", folder), read_stsb("test", folder)]
    seen = {norm(t) for frame in held for t in (*frame["text1"], *frame["text2"])}
    clash = pairs["text1"].map(norm).isin(seen) | pairs["text2"].map(norm).isin(seen)
    return pairs[~clash].reset_index(drop=True)


#: The pair-corpus files a trained pair scorer depends on (relative to ``pairs/``).
PAIR_FILES = ("ecbplus/sentence_pairs.tsv", "mrpc/msr_paraphrase_train.txt",
              "mrpc/msr_paraphrase_test.txt", "stsb/sts-train.csv", "stsb/sts-test.csv")


def pairs_fingerprint(folder) -> dict:
    """Hashes of :data:`PAIR_FILES` under ``folder`` and one hash of them all (recorded with
    a trained model, so that a model names the data it was fitted on)."""
    from pathlib import Path

    from framing.core.cache import content_hash, file_hash

    hashes = {f: file_hash(Path(folder) / f)[:16] for f in PAIR_FILES}
    return {"files": hashes, "hash": content_hash(*hashes.values())[:16]}


def norm(text: str) -> str:
    """A sentence reduced to lower-case letters and digits (to find one sentence in two
    corpora despite spacing and quote differences)."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def token_vectors(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """The shared encoder's word-piece vectors of each distinct text (disk-cached)."""
    from framing.core.encoders import get_encoder

    unique = list(dict.fromkeys(texts))
    return {t: np.asarray(v.vectors) for t, v in
            zip(unique, get_encoder().token_vectors(unique), strict=True)}


def _batch_vectors(vectors: dict[str, np.ndarray], texts: Sequence[str]):
    from framing.coverage.same_fact import padded

    return padded([vectors[t].astype(np.float32) for t in texts])


def fit_pairs(head, pairs: pd.DataFrame, logits_of, param_groups: list[dict], loss_fn,
              *, steps: int, batch: int, warmup: float, weight_decay: float,
              rng: np.random.Generator, desc: str, progress: bool = True):
    """The pair scorer's training loop: batches drawn from each corpus in the
    shares of :data:`MIX`, half of each batch's pairs in swapped order (a score must not
    depend on pair order), ``logits_of(a_texts, b_texts)`` scored against the labels with
    ``loss_fn``, AdamW over ``param_groups`` with a linear warm-up and decay, gradients
    clipped at 1. Returns ``head`` in eval mode with ``train_seconds``."""
    import torch
    from tqdm.auto import tqdm

    groups = {c: pairs.index[pairs["corpus"] == c].to_numpy() for c in MIX}
    groups = {c: g for c, g in groups.items() if len(g)}
    shares = np.array([MIX[c] for c in groups])
    shares = shares / shares.sum()
    opt = torch.optim.AdamW(param_groups, weight_decay=weight_decay)
    warm = max(1, int(warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    t1, t2 = pairs["text1"].to_numpy(), pairs["text2"].to_numpy()
    labels = pairs["label"].to_numpy(dtype=np.float32)
    names = list(groups)
    started, running = time.perf_counter(), None
    with tqdm(total=steps, desc=desc, unit="step", disable=not progress) as bar:
        for _ in range(steps):
            counts = rng.multinomial(batch, shares)
            idx = np.concatenate([rng.choice(groups[c], n) for c, n in
                                  zip(names, counts, strict=True)])
            swap = rng.random(len(idx)) < 0.5
            a = np.where(swap, t2[idx], t1[idx])
            b = np.where(swap, t1[idx], t2[idx])
            loss = loss_fn(logits_of(a, b), torch.from_numpy(labels[idx]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            opt.step()
            sched.step()
            value = loss.item()
            running = value if running is None else 0.98 * running + 0.02 * value
            bar.set_postfix(loss=f"{running:.3f}")
            bar.update(1)
    head.eval()
    head.train_seconds = round(time.perf_counter() - started, 1)
    return head


def train_head(pairs: pd.DataFrame, vectors: dict[str, np.ndarray],
               config: TrainConfig = TrainConfig(), progress: bool = True):
    """Train the pair head (and the adapter layer, if configured) on ``pairs`` (columns of
    :func:`training_pairs`); returns the head in eval mode. Deterministic for a seed."""
    import torch

    from framing.coverage.same_fact import pair_head

    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    head = pair_head(config.head_dim, config.adapter).train()
    layer = list(head.layer.parameters()) if config.adapter else []
    rest = [p for n, p in head.named_parameters() if not n.startswith("layer.")]
    param_groups = [{"params": rest, "lr": config.lr_head}]
    if layer:
        param_groups.append({"params": layer, "lr": config.lr_layer})

    def logits_of(a, b):
        xa, ma = _batch_vectors(vectors, a)
        xb, mb = _batch_vectors(vectors, b)
        return head(head.encode(xa, ma), ma, head.encode(xb, mb), mb)

    return fit_pairs(head, pairs, logits_of, param_groups, torch.nn.BCEWithLogitsLoss(),
                     steps=config.steps, batch=config.batch, warmup=config.warmup,
                     weight_decay=config.weight_decay, rng=rng, desc="train same-fact",
                     progress=progress)


def predict(head, vectors: dict[str, np.ndarray], a: Sequence[str], b: Sequence[str],
            batch: int = 256) -> np.ndarray:
    """P(same fact) of pairs with a head in memory (training and cross-validation; the
    packaged scorer goes through :meth:`SameFactScorer.score`)."""
    import torch

    from framing.coverage.same_fact import MAX_PIECES, padded

    texts = list(dict.fromkeys([*a, *b]))
    states: dict[str, np.ndarray] = {}
    order = sorted(range(len(texts)), key=lambda i: len(vectors[texts[i]]))
    with torch.inference_mode():
        for pos in range(0, len(order), 128):
            idx = order[pos:pos + 128]
            x, m = padded([vectors[texts[i]].astype(np.float32) for i in idx])
            h = head.encode(x, m).numpy()
            for row, i in enumerate(idx):
                states[texts[i]] = h[row, :max(1, min(MAX_PIECES, len(vectors[texts[i]])))]
        out = np.zeros(len(a))
        for pos in range(0, len(a), batch):
            sl = slice(pos, pos + batch)
            xa, ma = padded([states[t] for t in a[sl]])
            xb, mb = padded([states[t] for t in b[sl]])
            out[sl] = torch.sigmoid(head(xa, ma, xb, mb)).numpy()
    return out


def config_dict(config: TrainConfig) -> dict:
    return asdict(config)
