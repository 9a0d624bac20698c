"""Registry of the ``framing evaluate TASK --data PATH`` benchmarks.

Each task maps to a function ``(data: Path, **options) -> dict`` that scores one analysis
against a public labelled dataset (read from ``../shared/eval``; never copied) and returns one
JSON-serialisable object of metrics. ``--save`` writes it to ``bench/results/TASK.json``, the
file the report's Methods section reads.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from framing.core import paths

TASKS: dict[str, str] = {
    # task name -> "module:function"
    "biased-words": "framing.evaluate.terms:evaluate_biased_words",
    "loaded-spans": "framing.evaluate.terms:evaluate_loaded_spans",
    "roles": "framing.evaluate.blame:evaluate_roles",
    "entity-roles": "framing.evaluate.blame:evaluate_entity_roles",
    "target-sentiment": "framing.evaluate.sentiment:evaluate_target_sentiment",
    "coverage": "framing.evaluate.coverage:evaluate_coverage",
}


#: Where each task's data lives by default (``bench/accuracy.py``, ``bench/precision.py``).
DEFAULT_DATA: dict[str, Path] = {
    "biased-words": paths.EVAL_DIR / "babe" / "babe_dev.csv",
    "loaded-spans": paths.EVAL_DIR / "ptc",
    "roles": paths.EVAL_DIR / "wikievents" / "dev.jsonl",
    "entity-roles": paths.EVAL_DIR,  # SemEval-2025 EN and Narrative Frames, both inside
    "target-sentiment": paths.EVAL_DIR / "newsmtsc" / "dev_rw.jsonl",
    "coverage": paths.DATA_DIR / "alignments",
}


def flag_option(value: bool | str) -> bool:
    """A boolean option that may arrive as a string from ``-o key=value``."""
    return value.strip().lower() not in ("0", "false", "no", "off") if isinstance(
        value, str) else bool(value)


def list_option(value: Iterable[str | Path] | str | Path | None) -> list[str | Path]:
    """A list option: one path, a comma-separated string (from ``-o key=a,b``), or a list."""
    if value is None:
        return []
    if isinstance(value, Path):
        return [value]
    if isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    return list(value)


def task_function(task: str) -> Callable[..., dict[str, Any]]:
    if task not in TASKS:
        raise KeyError(f"unknown evaluation task {task!r}; choose from {', '.join(TASKS)}")
    module, name = TASKS[task].split(":")
    return getattr(importlib.import_module(module), name)


def _portable(path: Path) -> str:
    """The data path as written in results: relative to ``shared/`` so no local path leaks."""
    try:
        return "shared/" + str(path.resolve().relative_to(paths.SHARED_DIR))
    except ValueError:
        return path.name


def run(task: str, data: str | Path, save: bool = False, **options: Any) -> dict[str, Any]:
    """Run one evaluation; with ``save`` also write ``bench/results/<task>.json``."""
    data = Path(data)
    if not data.exists():
        raise FileNotFoundError(f"evaluation data not found: {data}")
    result = task_function(task)(data, **options)
    result = {"task": task, "data": _portable(data), **result}
    if save:
        paths.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        out = paths.RESULTS_DIR / f"{task}.json"
        out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return result


def saved_results() -> dict[str, dict[str, Any]]:
    """Every committed results file, by task (what the report's Methods section shows)."""
    out = {}
    for path in sorted(paths.RESULTS_DIR.glob("*.json")):
        out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return out
