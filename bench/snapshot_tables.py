"""Write every analysis table of some incidents as CSV, to compare two versions of the code.

A restructuring must leave every table byte-identical: run this before and after, then
``diff -r BEFORE AFTER``. Incidents are ``sample`` or a number N (a synthetic incident of N
BASIL/PTC articles, as in ``bench/speed.py``). Tables are computed without the table cache.

Usage: ``python bench/snapshot_tables.py OUT_DIR [sample 50 ...]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import load  # noqa: E402

from framing.analyze import run_all  # noqa: E402
from framing.core.pipeline import prepare  # noqa: E402


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write <incident>/<table>.csv into")
    parser.add_argument("incidents", nargs="*", default=["sample", "50"],
                        help="'sample' or a number of synthetic articles (default: sample 50)")
    args = parser.parse_args(argv)
    out = args.out
    for spec in args.incidents:
        results = run_all(prepare(load(spec)), use_cache=False)
        folder = out / spec
        folder.mkdir(parents=True, exist_ok=True)
        for name, tables in results.items():
            for table, frame in tables.items():
                frame.to_csv(folder / f"{name}__{table}.csv", index=False)
        print(f"{spec}: {sum(len(t) for t in results.values())} tables in {folder}")


if __name__ == "__main__":
    main(sys.argv[1:])
