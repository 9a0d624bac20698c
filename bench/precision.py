"""Does the bfloat16 mode change any evaluation figure? Prints fp32 vs bf16.

Usage (from the repository root): ``python bench/precision.py``

The encoder and the target-sentiment model run under bfloat16 autocast on CPUs with native
bfloat16 arithmetic (:func:`framing.core.encoders.encoder_precision`). That is allowed only where
every evaluation they feed stays within one point of float32. Each precision runs in its own
process (``FRAMING_ENCODER_PRECISION``; parses come from the shared cache, nothing the models
computed does, since their cache keys name the precision) and measures:

- loaded terms, BABE (Spinde et al. 2021) ``babe_dev.csv``: the committed detector applied
  (in-sample for both precisions: the training file — only the difference matters);
- loaded terms, PTC (Da San Martino et al. 2019): character-overlap F1 of the learned
  detector;
- sentiment, NewsMTSC (Hamborg & Donnay 2021): the target model's macro-F1 on ``dev_rw`` and
  ``dev_mt`` (it follows the same precision), and the sentence-tone head on frozen
  embeddings (``dev_rw``);
- coverage: nested leave-one-event-out pair F1 and exclusive-fact precision on the
  hand-labelled BASIL pairs, and pair F1 on the sample incident's gold;
- the encoder's own speed (sentences/s, uncached) and the cosine of its vectors to float32.

Writes ``bench/results/precision.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure() -> dict:
    """Every figure under the precision this process was started with."""
    import numpy as np

    from framing.core.encoders import Encoder
    from framing.core.nlp import parse_texts
    from framing.coverage.alignment import default_params
    from framing.evaluate import TASKS
    from framing.evaluate.coverage import (
        Scorer,
        cross_validate_learned,
        load_event,
        run_event,
    )
    from framing.evaluate.datasets.alignments import load_gold
    from framing.evaluate.datasets.babe import read_babe
    from framing.evaluate.sentiment import evaluate_target_sentiment, score_sentences
    from framing.evaluate.terms import applied_scores, evaluate_loaded_spans
    from framing.terms.model import load_model

    data = {name: task.data for name, task in TASKS.items()}
    out: dict = {}
    babe = read_babe(data["biased-words"])
    docs = parse_texts(babe["text"].tolist())
    y = (babe["label_bias"] == "Biased").to_numpy()
    t = time.perf_counter()
    words, sentences = applied_scores(load_model(), docs, list(babe["gold_words"]), y,
                                      use_cache=False)
    out["terms_sentences_per_s"] = round(len(docs) / (time.perf_counter() - t), 1)
    out["babe_word_f1_in_sample"] = round(words["f1"], 4)
    out["babe_sentence_f1_in_sample"] = round(sentences["f1"], 4)
    spans = evaluate_loaded_spans(data["loaded-spans"])
    out["ptc_char_f1_learned"] = spans["summary"]["learned_char_f1"]
    tone = score_sentences(data["target-sentiment"], ["default"])
    out["newsmtsc_dev_rw_sentence_macro_f1"] = tone.get("default", {}).get("macro_f1")
    target = evaluate_target_sentiment(data["target-sentiment"], sentiment_model="default",
                                       sentence_level=False)["summary"]
    out["newsmtsc_target_macro_f1_dev_rw"] = target["macro_f1"]
    out["newsmtsc_target_macro_f1_dev_mt"] = target["dev_mt_macro_f1"]
    gold = load_gold(data["coverage"] / "basil.csv")
    events = [load_event(n, g.reset_index(drop=True)) for n, g in gold.groupby("event",
                                                                               sort=False)]
    cv = cross_validate_learned(events)["cv"]
    out["coverage_cv_pair_f1"] = cv["pair_f1"]
    out["coverage_cv_exclusive_precision"] = cv["exclusive_fact_precision"]
    sample_gold = load_gold(data["coverage"] / "sample.csv")
    sample = load_event(sample_gold["event"].iloc[0], sample_gold)
    params = default_params()
    counts = Scorer(sample).score(run_event(sample, params), params.exclusive_threshold)
    out["coverage_sample_pair_f1"] = counts.metrics()["pair_f1"]
    texts = babe["text"].tolist()[:1000]
    enc = Encoder(use_cache=False, progress=False)
    t = time.perf_counter()
    vectors = enc.embed(texts)
    out["encoder_sentences_per_s"] = round(len(texts) / (time.perf_counter() - t), 1)
    out["precision"] = enc.precision
    np.save(Path(os.environ["PRECISION_VECTORS"]), vectors)
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(measure()))
        return
    import numpy as np

    results, vectors = {}, {}
    for precision in ("fp32", "bf16"):
        path = ROOT / "bench" / f".vectors-{precision}.npy"
        env = {**os.environ, "FRAMING_ENCODER_PRECISION": precision, "TQDM_DISABLE": "1",
               "PRECISION_VECTORS": str(path)}
        run = subprocess.run([sys.executable, __file__, "--child"], env=env, check=True,
                             capture_output=True, text=True, cwd=ROOT)
        results[precision] = json.loads(run.stdout.strip().splitlines()[-1])
        vectors[precision] = np.load(path)
        path.unlink()
        print(precision, json.dumps(results[precision]), flush=True)
    cos = (vectors["fp32"] * vectors["bf16"]).sum(1)
    rows = {}
    for key, full in results["fp32"].items():
        half = results["bf16"].get(key)
        if isinstance(full, (int, float)) and isinstance(half, (int, float)):
            rows[key] = {"fp32": full, "bf16": half, "difference": round(half - full, 4)}
    worst = max((abs(v["difference"]) for k, v in rows.items()
                 if "per_s" not in k), default=0.0)
    summary = {"figures": rows, "vector_cosine_mean": round(float(cos.mean()), 6),
               "vector_cosine_min": round(float(cos.min()), 6),
               "largest_accuracy_difference": worst,
               "within_one_point": bool(worst <= 0.01)}
    print(json.dumps(summary, indent=1))
    (ROOT / "bench" / "results" / "precision.json").write_text(
        json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
