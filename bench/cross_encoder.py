"""A full MiniLM cross-encoder for same-fact pairs, trained on two CPU cores: does it help?

Usage (from the repository root; about 40 minutes of training and 10 of scoring on two
cores, nothing committed or cached in the project):

    .venv/bin/python bench/cross_encoder.py [--steps 2400] [--lr 5e-5] [--out /tmp/ce]

all-MiniLM-L6-v2 (the shared encoder) gets a one-logit head and every layer but the
word-piece embeddings is fine-tuned (Nogueira & Cho 2019's cross-encoder: both claims read
together through every layer) with the same-fact trainer's loop
(:func:`framing.coverage.same_fact_training.fit_pairs`: batches mixed from ECB+, MRPC train
and STS-B news train, half of each batch in swapped order) on the ECB+ topics of one half
of a topic-grouped 2-fold split (the other half held out), then scored as trained (pairs
read in both orders, logits averaged):

- MRPC test accuracy and STS-B news test correlation, against the cosine baseline
  (:func:`framing.evaluate.same_fact.test_figures`);
- ECB+ pair F1 and AUC on 1,500 pairs of the held-out topics, against cosine with its
  threshold chosen on the training topics;
- BASIL (``data/alignments/basil.csv``): nested leave-one-event-out pair F1 of the coverage
  aligner's regression with today's features (``base``), with the cross-encoder's
  probability added (``stack``) and on it alone (``alone``)
  (:func:`framing.evaluate.coverage.cross_validate_learned`).

Prints one JSON object; the eighth session's run is ``bench/cross_encoder.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

ENCODER_WORDS = "bert.embeddings.word_embeddings.weight"


def base_model():
    """(tokenizer, model): the shared encoder with a fresh one-logit head."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from framing.core.encoders import default_encoder_path

    path = default_encoder_path()
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=1,
                                                               local_files_only=True)
    model.get_parameter(ENCODER_WORDS).requires_grad_(False)
    return AutoTokenizer.from_pretrained(path, local_files_only=True), model


def scorer(tokenizer, model, batch: int = 64):
    """``score(a, b) -> P``: both orders' logits averaged, batches sorted by length."""
    import torch

    def logits(a, b):
        enc = tokenizer(list(a), list(b), padding=True, truncation=True, max_length=128,
                        return_tensors="pt")
        return model(**enc).logits[:, 0]

    def score(a, b):
        out = np.zeros(len(a))
        order = np.argsort([len(x) + len(y) for x, y in zip(a, b, strict=True)])
        with torch.inference_mode():
            for pos in range(0, len(a), batch):
                idx = order[pos:pos + batch]
                x, y = [a[i] for i in idx], [b[i] for i in idx]
                out[idx] = torch.sigmoid((logits(x, y) + logits(y, x)) / 2).numpy()
        return out

    return logits, score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=2400)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--out", type=Path, default=None, help="save the weights here")
    args = parser.parse_args()
    import torch
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    from framing.coverage.pairs import PAIR_FEATURES, SAME_FACT_FEATURE
    from framing.coverage.same_fact_training import fit_pairs, training_pairs
    from framing.evaluate.coverage import cross_validate_learned, event_pairs, load_event
    from framing.evaluate.datasets.alignments import load_gold
    from framing.evaluate.same_fact import _f1, best_threshold, cosine, test_figures

    torch.manual_seed(13)
    started = time.perf_counter()
    pairs = training_pairs()
    ecb = pairs[pairs["corpus"] == "ecbplus"]
    _, held_rows = next(GroupKFold(2).split(ecb, groups=ecb["group"]))
    held = sorted(set(ecb["group"].iloc[held_rows]))
    train = pairs[~((pairs["corpus"] == "ecbplus") & pairs["group"].isin(held))]
    tokenizer, model = base_model()
    logits, score = scorer(tokenizer, model)
    head = [p for n, p in model.named_parameters() if n.startswith("classifier")]
    body = [p for n, p in model.named_parameters()
            if p.requires_grad and not n.startswith("classifier")]
    model.train()
    fit_pairs(model, train.reset_index(drop=True), logits,
              [{"params": body, "lr": args.lr}, {"params": head, "lr": args.lr * 10}],
              torch.nn.BCEWithLogitsLoss(), steps=args.steps, batch=16, warmup=0.1,
              weight_decay=0.01, rng=np.random.default_rng(13), desc="cross-encoder")
    if args.out:
        from safetensors.torch import save_file

        args.out.mkdir(parents=True, exist_ok=True)
        save_file({k: v.detach().half().contiguous() for k, v in model.state_dict().items()
                   if k != ENCODER_WORDS}, args.out / "cross_encoder.safetensors")
    result = {"steps": args.steps, "lr": args.lr, "train_seconds": model.train_seconds,
              "ecb_heldout_topics": held, **test_figures(score)}

    rest = ecb[~ecb["group"].isin(held)]
    sample = ecb[ecb["group"].isin(held)]
    sample = sample.iloc[np.random.default_rng(0).choice(len(sample), 1500, replace=False)]
    gold = sample["label"].to_numpy() >= 0.5
    p = score(list(sample["text1"]), list(sample["text2"]))
    cos = cosine(list(sample["text1"]), list(sample["text2"]))
    fit = rest.sample(1500, random_state=0)
    thr = best_threshold(cosine(list(fit["text1"]), list(fit["text2"])),
                         fit["label"].to_numpy() >= 0.5)
    result.update({"ecb_heldout_pairs": len(sample),
                   "ecb_heldout_f1": _f1(p >= 0.5, gold)["f1"],
                   "ecb_heldout_f1_oracle": _f1(p >= best_threshold(p, gold), gold)["f1"],
                   "ecb_heldout_auc": round(float(roc_auc_score(gold, p)), 4),
                   "ecb_heldout_f1_cosine": _f1(cos >= thr, gold)["f1"],
                   "ecb_heldout_f1_cosine_oracle": _f1(cos >= best_threshold(cos, gold),
                                                       gold)["f1"],
                   "ecb_heldout_auc_cosine": round(float(roc_auc_score(gold, cos)), 4)})

    labels = load_gold("data/alignments/basil.csv")
    events = [load_event(name, group.reset_index(drop=True))
              for name, group in labels.groupby("event", sort=False)]
    items = [event_pairs(ev, same_fact=False) for ev in events]
    t = time.perf_counter()
    for it in items:
        texts = it.space.claims["embed_text"].to_numpy()
        it.pairs[SAME_FACT_FEATURE] = score(list(texts[it.pairs["i"].to_numpy(int)]),
                                            list(texts[it.pairs["j"].to_numpy(int)]))
    result["basil_candidate_pairs"] = int(sum(len(it.pairs) for it in items))
    result["basil_scoring_seconds"] = round(time.perf_counter() - t, 1)
    keys = ("pair_precision", "pair_recall", "pair_f1", "exclusive_fact_precision")
    for name, features in {"base": PAIR_FEATURES,
                           "stack": (*PAIR_FEATURES, SAME_FACT_FEATURE),
                           "alone": (SAME_FACT_FEATURE,)}.items():
        cv = cross_validate_learned(events, features, items)["cv"]
        result[f"basil_{name}"] = {k: cv[k] for k in keys}
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
