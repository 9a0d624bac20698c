"""Train the harm-event role model and measure it by document-grouped cross-validation.

Usage: ``.venv/bin/python scripts/train_roles.py [--data PATH] [--folds 5]``

Data: WikiEvents dev (Li, Ji & Han 2021), ``../shared/eval/wikievents/dev.jsonl``, read in
place, never copied, and the project's harm labels on two real incidents (Galwan, Kerch;
``data/validation``, :func:`framing.evaluate.blame.validation_role_examples`), whose texts
stay in ``../shared/eval/real_incidents``; the Kenosha labels stay held out. Writes
``framing/models/roles.json``: the logistic regression's
weights per feature and class, its decision thresholds and, under ``meta``, the
cross-validated figures beside the hand rules' on the same folds (no text is written).

Protocol (:mod:`framing.evaluate.blame`): one example per gold Conflict.Attack / Life.Die /
Life.Injure event, its candidates (the noun-phrase heads of the trigger's sentence) labelled
agent / target / none by whether their head falls inside a mention coreferent with a gold
argument. Outer 5-fold GroupKFold by WikiEvents document (the validation examples join
every training part, never a test part); inside each training part a 4-fold grouped inner
CV picks the agent and target thresholds. The final model is fitted on every document
with thresholds chosen the same way. Runs in under a minute on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.blame.role_model import MODEL_FILE  # noqa: E402
from framing.core.nlp import load_nlp, parse_texts  # noqa: E402
from framing.core.paths import EVAL_DIR  # noqa: E402
from framing.evaluate import blame  # noqa: E402
from framing.evaluate.datasets.wikievents import load_wikievents  # noqa: E402


def _f1s(result: dict) -> dict:
    return {name: {role: result[name][role]["f1"] for role in ("agent", "victim")}
            for name in ("model", "rules")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=EVAL_DIR / "wikievents" / "dev.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--validation", type=Path, default=ROOT / "data" / "validation",
                        help="the project's harm labels (galwan and kerch train; kenosha "
                             "stays held out)")
    parser.add_argument("--no-validation", action="store_true",
                        help="train on WikiEvents alone")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    gold = load_wikievents(args.data)
    nlp = load_nlp(None)
    docs = parse_texts([g.text for g in gold], nlp)
    examples = blame.role_examples(gold, docs)
    extra = [] if args.no_validation else blame.validation_role_examples(args.validation)
    cv = blame.cross_validate_roles(examples, args.folds, extra=extra)
    wiki_only = blame.cross_validate_roles(examples, args.folds) if extra else cv
    ablation = blame.cross_validate_roles(blame.without_rule_features(examples), args.folds,
                                          extra=blame.without_rule_features(extra))
    thresholds = blame.choose_thresholds(examples, extra=extra)
    meta = {
        "data": f"wikievents/{args.data.name}",
        "data_sha1": hashlib.sha1(args.data.read_bytes()).hexdigest()[:12],
        "documents": len(gold), "events": len(examples),
        "candidates": sum(len(ex.labels) for ex in examples),
        "spacy_model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-"
                       f"{nlp.meta.get('version')}",
        "C": blame.ROLE_C,
        "validation_training": {
            "incidents": list(blame.TRAIN_INCIDENTS) if extra else [],
            "events": len(extra), "candidates": sum(len(ex.labels) for ex in extra),
            "held_out": "kenosha-jacob-blake-2020-08"},
        "cv": {"folds": args.folds, "grouped_by": "document", **_f1s(cv),
               "model_trained_on_wikievents_only": _f1s(wiki_only)["model"],
               "without_rule_features": _f1s(ablation)["model"],
               "note": cv["note"] + "; the validation examples join every training part "
                                    "and are never tested"},
        "trained_by": "scripts/train_roles.py",
    }
    model = blame.fit_roles(examples + extra, thresholds=thresholds, meta=meta)
    model.save(args.out)
    print(json.dumps({**meta, "thresholds": thresholds, "features": len(model.weights),
                      "seconds": round(time.perf_counter() - t0, 1)}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
