"""``framing evaluate TASK``: score an analysis against a public labelled dataset.

- :mod:`.tasks` — the tasks (:data:`TASKS`), their options (checked like scikit-learn
  parameters: an unknown name is an error listing the valid ones) and :func:`run`;
- :mod:`.datasets` — one reader per dataset, read in place from ``../shared/eval``;
- :mod:`.metrics` — precision / recall / F1 (scikit-learn for label lists, one
  :func:`~.metrics.prf` for counts from matching);
- :mod:`.results` — ``bench/results/<task>.json`` and :func:`accuracy_table`, the one reader
  of measured accuracy for the notebooks and the report's Methods table;
- one module per analysis with its tasks' scoring logic: :mod:`.terms`, :mod:`.blame`,
  :mod:`.sentiment`, :mod:`.coverage`.
"""

from __future__ import annotations

from framing.evaluate.results import accuracy_table, saved_results
from framing.evaluate.tasks import TASKS, OptionError, Task, get_task, run

__all__ = ["TASKS", "OptionError", "Task", "accuracy_table", "get_task", "run",
           "saved_results"]
