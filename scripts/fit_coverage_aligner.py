"""Fit the coverage aligner's parameters on the hand-labelled BASIL pairs.

Usage (from the repository root):

    .venv/bin/python scripts/fit_coverage_aligner.py [data/alignments/basil.csv]

Runs the leave-one-event-out cross-validation of :func:`framing.eval_coverage.
cross_validate` over the grid of lexical weight × mutual top-k × clause splitting × cluster
cut × threshold, then writes the setting chosen on *all* labelled BASIL events (best pooled
pair F1; exclusive threshold = the highest whose exclusive-fact precision reaches 0.8) to
``framing/models/coverage_aligner.json``, with the cross-validated figures beside it. The
sample incident's labels are never used here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from framing import paths
from framing.coverage import PARAMS_FILE
from framing.eval_coverage import cross_validate, load_event, load_gold


def main(gold_file: str = "data/alignments/basil.csv") -> None:
    gold = load_gold(gold_file)
    events = [load_event(name, group.reset_index(drop=True))
              for name, group in gold.groupby("event", sort=False)]
    result = cross_validate(events)
    out = {
        "params": result["chosen_on_all"],
        "fitted_on": f"{Path(gold_file).name}: {len(events)} BASIL events, "
                     f"{len(gold)} labelled pairs",
        "cross_validation": result["cv"],
        "in_sample": result["in_sample_with_chosen"],
        "script": "scripts/fit_coverage_aligner.py",
    }
    PARAMS_FILE.parent.mkdir(parents=True, exist_ok=True)
    PARAMS_FILE.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    print(f"wrote {PARAMS_FILE.relative_to(paths.ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
