"""Train the same-fact scorer shipped in ``framing/models/same_fact/``.

Usage (from the repository root):

    .venv/bin/python scripts/train_same_fact.py [--steps 4000] [--cv-steps 500] [--folds 5]
        [--threads N] [--no-cv | --cv-only]

Trains the adapter layer and pair head of :mod:`framing.coverage.same_fact` on ECB+,
MRPC train and STS-B news train (:func:`framing.coverage.same_fact_training.
training_pairs`; MiniLM stays frozen, its word-piece vectors are computed once per sentence
and cached), writes ``same_fact.safetensors`` (float16) and ``same_fact.json`` (config,
training-data fingerprint, MRPC / STS test figures, time), then runs the ECB+ topic
cross-validation (:func:`framing.evaluate.same_fact.ecb_topic_cv`, ``--cv-steps`` per fold)
and adds its figures to the JSON. ``--no-cv`` / ``--cv-only`` run one half (the two can run
side by side, one core each). Everything is seeded; the BASIL pairs are not used here (they
fit the coverage aligner that stacks this scorer, ``scripts/fit_coverage_aligner.py``).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, replace

from framing.core import paths
from framing.coverage.same_fact import CONFIG_FILE, MAX_PIECES, MODEL_DIR, WEIGHTS_FILE
from framing.coverage.same_fact_training import pairs_fingerprint


def train(args: argparse.Namespace) -> None:
    import torch
    from safetensors.torch import save_file

    from framing.coverage.same_fact import SameFactScorer
    from framing.coverage.same_fact_training import (
        TrainConfig,
        token_vectors,
        train_head,
        training_pairs,
    )
    from framing.evaluate.same_fact import test_figures

    started = time.perf_counter()
    config = replace(TrainConfig(), steps=args.steps)
    pairs = training_pairs(args.data)
    vectors = token_vectors([*pairs["text1"], *pairs["text2"]])
    print(f"{len(pairs)} training pairs, {len(vectors)} sentences "
          f"({time.perf_counter() - started:.0f} s)", flush=True)
    head = train_head(pairs, vectors, config)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in head.state_dict().items()}
    save_file(state, MODEL_DIR / WEIGHTS_FILE)
    info = {
        "model": "frozen all-MiniLM-L6-v2 word pieces + "
                 "decomposable-attention pair head + sentence-vector comparison",
        "config": {**asdict(config), "max_pieces": MAX_PIECES},
        "training_data": {"pairs": {k: int(v) for k, v in
                                    pairs["corpus"].value_counts().items()},
                          "positives": round(float(pairs["label"].sum()), 1),
                          **pairs_fingerprint(args.data)},
        "train_seconds": head.train_seconds,
        "script": "scripts/train_same_fact.py",
    }
    (MODEL_DIR / CONFIG_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    scorer = SameFactScorer.from_folder(MODEL_DIR)  # the float16 weights, as shipped
    info["test"] = test_figures(scorer.score, args.data)
    info["total_seconds"] = round(time.perf_counter() - started, 1)
    (MODEL_DIR / CONFIG_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info["test"], indent=1))
    print(f"wrote {MODEL_DIR.relative_to(paths.ROOT)} in {info['total_seconds']:.0f} s")


def cross_validate(args: argparse.Namespace) -> None:
    from framing.evaluate.same_fact import ecb_topic_cv

    started = time.perf_counter()
    res = ecb_topic_cv(args.folds, args.cv_steps, args.data)
    res["seconds"] = round(time.perf_counter() - started, 1)
    path = MODEL_DIR / CONFIG_FILE
    info = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    info["ecb_topic_cross_validation"] = res
    path.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in res.items() if k != "per_fold"}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(paths.EVAL_DIR / "pairs"))
    parser.add_argument("--steps", type=int, default=4000)
    parser.add_argument("--cv-steps", type=int, default=500)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="torch threads (all cores)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--no-cv", action="store_true")
    group.add_argument("--cv-only", action="store_true")
    args = parser.parse_args()
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    started = time.perf_counter()
    if not args.cv_only:
        train(args)
    if not args.no_cv:
        cross_validate(args)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
