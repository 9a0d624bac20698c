"""Fit the coverage aligner on the hand-labelled BASIL pairs.

Usage (from the repository root):

    .venv/bin/python scripts/fit_coverage_aligner.py [data/alignments/basil.csv]

Two aligners are cross-validated leave-one-event-out on the labelled BASIL events:

- the hand score (``cosine + w * lexical``, mutual best matches): the grid of lexical
  weight × clause splitting × cluster cut × thresholds of :func:`framing.evaluate.coverage.
  cross_validate`;
- the learned pair scorer of :mod:`framing.coverage.pairs` (logistic regression over pair
  features), nested: :func:`framing.evaluate.coverage.cross_validate_learned`.

The one with the better cross-validated pair F1 is written to
``framing/models/coverage_aligner.json`` (fitted on all events), with both aligners'
cross-validated figures beside it. The sample incident's labels are never used here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from framing.core import paths
from framing.coverage.alignment import PARAMS_FILE
from framing.evaluate.coverage import cross_validate, cross_validate_learned, load_event
from framing.evaluate.datasets.alignments import load_gold


def main(gold_file: str = "data/alignments/basil.csv") -> None:
    gold = load_gold(gold_file)
    events = [load_event(name, group.reset_index(drop=True))
              for name, group in gold.groupby("event", sort=False)]
    hand = cross_validate(events)
    learned = cross_validate_learned(events)
    use_learned = learned["cv"]["pair_f1"] >= hand["cv"]["pair_f1"]
    chosen = learned if use_learned else hand
    out = {
        "method": "learned pair scorer" if use_learned else "hand score",
        "params": chosen["chosen_on_all"],
        "fitted_on": f"{Path(gold_file).name}: {len(events)} BASIL events, "
                     f"{len(gold)} labelled pairs",
        "cross_validation": chosen["cv"],
        "cross_validation_folds": chosen["folds"],
        "alternative": {
            "method": "hand score" if use_learned else "learned pair scorer",
            "cross_validation": (hand if use_learned else learned)["cv"],
        },
        "script": "scripts/fit_coverage_aligner.py",
    }
    if use_learned:
        out["training"] = {k: learned[k] for k in ("training_pairs", "training_positives",
                                                    "gold_positives_among_candidates")}
    PARAMS_FILE.parent.mkdir(parents=True, exist_ok=True)
    PARAMS_FILE.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "cross_validation_folds"},
                     indent=2))
    print(f"wrote {PARAMS_FILE.relative_to(paths.ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
