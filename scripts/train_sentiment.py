"""Train the offline sentiment models of ``framing.sentiment.target_model`` on NewsMTSC.

Two fitted files (plus a config) are written to ``framing/models/``:

- ``sentiment_sentence.json``: multinomial logistic regression on the frozen, mean-pooled
  MiniLM embedding of a sentence. Labels: the NewsMTSC training sentences whose annotated
  targets all share one polarity (7,357 of 7,758), labelled with that polarity. NewsMTSC
  polarity is "the sentiment of the sentence concerning the person", so on these sentences
  it is the sentence's tone toward the people in it, which is what a news reader means by
  a negative or positive sentence; sentences with conflicting targets are left out because
  they have no single sentence label. The regularisation C is chosen by 5-fold
  cross-validation grouped by article.
- ``sentiment_target.safetensors`` + ``sentiment_target.json``: target-dependent sentiment
  (Hamborg & Donnay 2021). The bottom layers of the packaged all-MiniLM-L6-v2 stay frozen;
  the top ``--n-top`` layers, a learned target-indicator vector (added to the target's word
  pieces) and a linear classifier over [sentence mean; target mean; first token] are
  fine-tuned with AdamW on every target of ``newsmtsc/train.jsonl``. Only those tensors are
  stored, in fp16. Hyper-parameters were chosen on a held-out 1/7 of the training articles
  (``--holdout``), never on the dev files; the final model trains on all of train.

The data are read from ``framing.core.paths.EVAL_DIR`` (``../shared/eval``) and never copied.

Usage::

    nice .venv/bin/python scripts/train_sentiment.py                 # both, final
    nice .venv/bin/python scripts/train_sentiment.py --part target --holdout 7 \\
        --subsample 2500 --epochs 1 --out /tmp/try                     # quick experiment
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.core import paths  # noqa: E402
from framing.core.cache import file_hash  # noqa: E402
from framing.core.encoders import (  # noqa: E402
    DEFAULT_ENCODER,
    default_encoder_path,
    from_pretrained,
    get_encoder,
)
from framing.evaluate.datasets.newsmtsc import POLARITY as NEWSMTSC_POLARITY  # noqa: E402
from framing.evaluate.datasets.newsmtsc import read_newsmtsc  # noqa: E402
from framing.sentiment.interface import LABELS  # noqa: E402
from framing.sentiment.target_model import (  # noqa: E402
    bottom_states,
    crop_window,
    make_target_head,
    pad_batch,
    split_encoder,
    target_piece_mask,
)

# NewsMTSC polarity (2 = negative, 4 = neutral, 6 = positive) -> class index in LABELS order
POLARITY = {value: LABELS.index(name) for value, name in NEWSMTSC_POLARITY.items()}


def article_of(gid: str) -> str:
    """The article part of a NewsMTSC id (``allsides_1000_401_25_…`` → ``allsides_1000_401``)."""
    return "_".join(gid.split("_")[:3])


def split_holdout(rows: list[dict], fold: int, seed: int) -> tuple[list[dict], list[dict]]:
    """(train, held-out): 1/``fold`` of the articles held out; ``fold`` 0 = no hold-out."""
    if not fold:
        return rows, []
    groups = sorted({article_of(r["primary_gid"]) for r in rows})
    random.Random(seed).shuffle(groups)
    held = set(groups[: len(groups) // fold])
    return ([r for r in rows if article_of(r["primary_gid"]) not in held],
            [r for r in rows if article_of(r["primary_gid"]) in held])


def macro_f1(y: list[int], p: list[int]) -> tuple[float, list[float]]:
    from sklearn.metrics import f1_score

    per = f1_score(y, p, average=None, labels=[0, 1, 2], zero_division=0)
    return float(per.mean()), [round(float(v), 4) for v in per]


# --- sentence head -------------------------------------------------------------------------


def train_sentence(rows: list[dict], out: Path, seed: int) -> dict:
    """Fit the sentence-level head; returns its metadata (also written to the JSON)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    data = [(r["sentence_normalized"], {t["polarity"] for t in r["targets"]},
             article_of(r["primary_gid"])) for r in rows]
    data = [(s, POLARITY[next(iter(p))], g) for s, p, g in data if len(p) == 1]
    texts = [d[0] for d in data]
    y = np.array([d[1] for d in data])
    groups = [d[2] for d in data]
    start = time.time()
    x = get_encoder().embed(texts)
    best = None
    for c in (0.3, 1.0, 3.0, 10.0):
        clf = LogisticRegression(C=c, max_iter=3000)
        pred = cross_val_predict(clf, x, y, cv=GroupKFold(5), groups=groups)
        f1, per = macro_f1(y.tolist(), pred.tolist())
        print(f"sentence head C={c}: 5-fold grouped CV macro-F1 {f1:.4f} {per}", flush=True)
        if best is None or f1 > best[1]:
            best = (c, f1, per)
    clf = LogisticRegression(C=best[0], max_iter=3000).fit(x, y)
    meta = {
        "method": "multinomial logistic regression on frozen mean-pooled MiniLM embeddings",
        "encoder": DEFAULT_ENCODER,
        "labels": list(LABELS),
        "training_data": "NewsMTSC train.jsonl sentences whose targets all share one "
                         "polarity (Hamborg & Donnay 2021)",
        "n_sentences": len(texts),
        "class_counts": np.bincount(y, minlength=3).tolist(),
        "C": best[0],
        "cv_macro_f1": round(best[1], 4),
        "cv_f1_per_class": best[2],
        "seed": seed,
        "training_seconds": round(time.time() - start, 1),
        "coef": np.round(clf.coef_, 6).tolist(),
        "intercept": np.round(clf.intercept_, 6).tolist(),
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "sentiment_sentence.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")
    return meta


# --- target model --------------------------------------------------------------------------


def _examples(rows: list[dict], tokenizer, bottom, max_length: int, crop: int,
              desc: str) -> list[tuple]:
    """(bottom hidden states, target mask, label) per target; one bottom pass per sentence."""
    from tqdm.auto import tqdm

    items = []
    for r in rows:
        for t in r["targets"]:
            text, a, b = crop_window(r["sentence_normalized"], t["from"], t["to"], crop)
            items.append((text, a, b, POLARITY[t["polarity"]]))
    texts = sorted({i[0] for i in items}, key=len)
    states: dict[str, tuple] = {}
    for pos in tqdm(range(0, len(texts), 32), desc=desc, unit="batch"):
        chunk = texts[pos: pos + 32]
        states.update(zip(chunk, bottom_states(bottom, tokenizer, chunk, max_length),
                          strict=True))
    out = []
    for text, a, b, y in items:
        hidden, offsets = states[text]
        out.append((hidden, target_piece_mask(offsets, a, b), y))
    return out


def _predict(head, examples: list[tuple], batch_size: int = 64) -> list[int]:
    import torch

    head.eval()
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
    pred = [0] * len(examples)
    with torch.inference_mode():
        for pos in range(0, len(order), batch_size):
            idx = order[pos: pos + batch_size]
            b = pad_batch([(examples[i][0], examples[i][1]) for i in idx])
            for i, p in zip(idx, head(b.hidden, b.mask, b.target).argmax(-1).tolist(),
                            strict=True):
                pred[i] = p
    head.train()
    return pred


def train_target(rows: list[dict], held: list[dict], args: argparse.Namespace,
                 out: Path) -> dict:
    """Fine-tune the top layers for target-dependent sentiment; write weights + config."""
    import torch
    from safetensors.torch import save_file
    from transformers import AutoModel, AutoTokenizer

    start = time.time()
    tokenizer = from_pretrained(AutoTokenizer, DEFAULT_ENCODER)
    base = from_pretrained(AutoModel, DEFAULT_ENCODER, attn_implementation="eager")
    bottom, top = split_encoder(base, args.n_top)
    bottom.eval()
    torch.manual_seed(args.seed)
    head = make_target_head(top, int(base.config.hidden_size), dropout=args.dropout)
    train = _examples(rows, tokenizer, bottom, args.max_length, args.crop, "bottom layers")
    dev = (_examples(held, tokenizer, bottom, args.max_length, args.crop, "held-out")
           if held else [])
    prep_seconds = time.time() - start
    print(f"prepared {len(train)} training targets in {prep_seconds:.0f} s", flush=True)

    rng = random.Random(args.seed)
    n_batches = -(-len(train) // args.batch_size)
    total = args.epochs * n_batches
    warm = max(1, int(0.1 * total))
    optimizer = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / total))
    history = []
    head.train()
    from tqdm.auto import tqdm

    for epoch in range(args.epochs):
        t0 = time.time()
        # length-bucketed batches (little padding), shuffled with a seeded RNG
        order = sorted(range(len(train)), key=lambda i: (len(train[i][0]) + rng.random() * 4))
        batches = [order[i: i + args.batch_size] for i in range(0, len(order),
                                                                 args.batch_size)]
        rng.shuffle(batches)
        loss_sum = 0.0
        for idx in tqdm(batches, desc=f"epoch {epoch + 1}", unit="batch"):
            b = pad_batch([(train[i][0], train[i][1]) for i in idx])
            y = torch.tensor([train[i][2] for i in idx])
            loss = torch.nn.functional.cross_entropy(head(b.hidden, b.mask, b.target), y,
                                                     label_smoothing=args.label_smoothing)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            loss_sum += loss.item()
        entry = {"epoch": epoch + 1, "loss": round(loss_sum / len(batches), 4),
                 "seconds": round(time.time() - t0, 1)}
        if dev:
            f1, per = macro_f1([e[2] for e in dev], _predict(head, dev))
            entry.update(holdout_macro_f1=round(f1, 4), holdout_f1_per_class=per)
        history.append(entry)
        print(json.dumps(entry), flush=True)

    seconds = time.time() - start
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in head.state_dict().items()}
    out.mkdir(parents=True, exist_ok=True)
    weights = out / "sentiment_target.safetensors"
    save_file(state, str(weights))
    config = {
        "method": "target-dependent sentiment (Hamborg & Donnay 2021): top layers of "
                  "all-MiniLM-L6-v2 fine-tuned with a target-indicator vector; head on "
                  "[sentence mean; target mean; first token]",
        "encoder": DEFAULT_ENCODER,
        "base_sha256": file_hash(default_encoder_path() / "model.safetensors"),
        "labels": list(LABELS),
        "n_top_layers": args.n_top,
        "max_length": args.max_length,
        "crop_chars": args.crop,
        "training_data": "NewsMTSC train.jsonl, every target" + (
            f" (held out 1/{args.holdout} of articles)" if held else ""),
        "n_targets": len(train),
        "epochs": args.epochs, "lr": args.lr, "batch_size": args.batch_size,
        "dropout": args.dropout, "label_smoothing": args.label_smoothing,
        "seed": args.seed, "threads": args.threads,
        "history": history,
        "training_seconds": round(seconds, 1),
        "weights_bytes": weights.stat().st_size,
        "torch": torch.__version__,
    }
    (out / "sentiment_target.json").write_text(json.dumps(config, indent=2) + "\n",
                                               encoding="utf-8")
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("all", "sentence", "target"), default="all")
    parser.add_argument("--out", type=Path, default=paths.MODELS_DIR)
    parser.add_argument("--data", type=Path, default=paths.EVAL_DIR / "newsmtsc" / "train.jsonl")
    parser.add_argument("--holdout", type=int, default=0,
                        help="hold out 1/N of the training articles (model selection)")
    parser.add_argument("--subsample", type=int, default=0, help="use N training sentences")
    parser.add_argument("--n-top", type=int, default=3, help="fine-tuned top layers")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--label-smoothing", type=float, default=0.0)
    parser.add_argument("--max-length", type=int, default=160)
    parser.add_argument("--crop", type=int, default=600, help="characters around the target")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.use_deterministic_algorithms(True, warn_only=True)

    rows = read_newsmtsc(args.data)
    train, held = split_holdout(rows, args.holdout, args.seed)
    if args.subsample:
        train = random.Random(args.seed).sample(train, min(args.subsample, len(train)))
    if args.part in ("all", "sentence"):
        meta = train_sentence(train, args.out, args.seed)
        print(f"sentence head: C={meta['C']} CV macro-F1 {meta['cv_macro_f1']}")
    if args.part in ("all", "target"):
        config = train_target(train, held, args, args.out)
        print(f"target model: {config['training_seconds']:.0f} s, "
              f"{config['weights_bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
