"""Run every `framing evaluate` task on its default data in ../shared/eval and save the results.

Each result goes to bench/results/<task>.json (the file the report's Methods section reads)
and is printed with the time it took. Usage: ``python bench/accuracy.py [task ...]``.
"""

from __future__ import annotations

import json
import sys
import time

from framing.evaluate import TASKS, get_task, run


def main(tasks: list[str]) -> None:
    for name in tasks or list(TASKS):
        task = get_task(name)
        if not task.data.exists():
            print(f"{name}: no default data ({task.data}); skipped")
            continue
        t = time.perf_counter()
        result = run(name, save=True)
        print(f"== {name} ({time.perf_counter() - t:.0f} s)")
        print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
