"""Run every `framing evaluate` task on its default data in ../shared/eval and save the results.

Each result goes to bench/results/<task>.json (the file the report's Methods section reads)
and is printed. Usage: ``python bench/accuracy.py [task ...]``.
"""

from __future__ import annotations

import json
import sys
import time

from framing.evaluate import DEFAULT_DATA, TASKS, run


def main(tasks: list[str]) -> None:
    for task in tasks or list(TASKS):
        data = DEFAULT_DATA.get(task)
        if data is None or not data.exists():
            print(f"{task}: no default data ({data}); skipped")
            continue
        t = time.perf_counter()
        result = run(task, data, save=True)
        print(f"== {task} ({time.perf_counter() - t:.0f} s)")
        print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
