"""The evaluation tasks: what each measures, on which data by default, with which options.

A :class:`Task` names the function that scores one analysis against a public labelled
dataset, ``function(data: Path, *, option=default, ...) -> dict``. Its options are not listed
twice: they are the function's keyword parameters, with their defaults, their types (from the
annotations) and their descriptions (from the docstring's ``Args:``). Options are checked
before anything runs, the way scikit-learn checks estimator parameters
(``sklearn.utils._param_validation``): an unknown or misspelled name is an
:class:`OptionError` that lists the valid ones, and a ``-o key=value`` string is converted to
the option's type (bool, int, float, comma-separated list, or text) or rejected.

:func:`run` checks the options, runs the task on its data (default: :attr:`Task.data`) and
with ``save`` writes ``bench/results/<task>.json`` (:mod:`framing.evaluate.results`).
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import re
import textwrap
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from framing.core import paths

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")
LIST_TYPES = (list, tuple, set, frozenset)


class OptionError(ValueError, TypeError):
    """An unknown option or a value of the wrong type (like scikit-learn's
    ``InvalidParameterError``, both a ValueError and a TypeError)."""


#: Option names used before one name per concept (``--sentiment-model`` everywhere, ...).
RENAMED = {"backend": "sentiment_model", "backends": "sentiment_model",
           "model": "sentiment_model", "cross_encoder": "coverage_model"}


def did_you_mean(name: str, valid: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the valid name ``name`` was renamed to or the closest one
    (:func:`difflib.get_close_matches`); else an empty string."""
    valid = list(valid)
    if RENAMED.get(name) in valid:
        return f" (did you mean {RENAMED[name]!r}? it was renamed)"
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True)
class Option:
    """One keyword option of a task: name, kind of value, default and description.

    ``kind`` is ``bool``, ``int``, ``float``, ``list`` (comma-separated on the command line)
    or ``str``; ``optional`` means ``None`` is allowed (``-o name=none``).
    """

    name: str
    kind: str
    default: Any
    help: str
    optional: bool = False

    def parse(self, value: Any) -> Any:
        """``value`` as this option's type: a string from ``-o`` is converted; a Python value
        must already have the type. Raises :class:`OptionError` otherwise."""
        if value is None and (self.optional or self.default is None):
            return None
        if isinstance(value, str):
            return self._from_text(value.strip())
        kind = self.kind
        if kind == "bool" and isinstance(value, bool):
            return value
        if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if kind == "list":
            if isinstance(value, Path):
                return [value]
            if isinstance(value, LIST_TYPES):
                return list(value)
        if kind == "str" and isinstance(value, Path):
            return value
        raise OptionError(f"option {self.name!r} takes {self.expects}, not "
                          f"{type(value).__name__} {value!r}")

    def _from_text(self, text: str) -> Any:
        lowered = text.lower()
        # "none" means None; an empty value is None too, except for a list (empty list)
        if (self.optional or self.default is None) and (
                lowered == "none" or (lowered == "" and self.kind != "list")):
            return None
        if self.kind == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        if self.kind == "bool":
            if lowered in TRUE + FALSE:
                return lowered in TRUE
        elif self.kind in ("int", "float"):
            try:
                return int(text) if self.kind == "int" else float(text)
            except ValueError:
                pass
        else:
            return text
        raise OptionError(f"option {self.name!r} takes {self.expects}, not {text!r}")

    @property
    def expects(self) -> str:
        """What the option accepts, in words."""
        return {"bool": "true or false", "int": "an integer", "float": "a number",
                "list": "a comma-separated list", "str": "a name or path"}[self.kind] + (
            ", or none" if self.optional else "")

    @property
    def shown_default(self) -> str:
        """The default as it would be written after ``-o name=``."""
        if self.default is None:
            return "none"
        if isinstance(self.default, bool):
            return str(self.default).lower()
        if isinstance(self.default, LIST_TYPES):
            return ",".join(map(str, self.default)) or "(empty)"
        return str(self.default)


def _kind(hint: Any) -> tuple[str, bool]:
    """(kind, optional) of a parameter annotation."""
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    args = typing.get_args(hint) if union else (hint,)
    optional = type(None) in args
    args = tuple(a for a in args if a is not type(None))
    origins = {typing.get_origin(a) or a for a in args}
    if bool in origins:
        return "bool", optional
    if any(isinstance(o, type) and (issubclass(o, LIST_TYPES) or o.__module__ ==
                                    "collections.abc") for o in origins):
        return "list", optional
    for kind in (int, float):
        if kind in origins:
            return kind.__name__, optional
    return "str", optional


def plain(text: str) -> str:
    """reST markup dropped for the terminal: ``:func:`x``` and ````x```` become ``x``."""
    return re.sub(r":\w+:`~?([^`]+)`", r"\1", text).replace("``", "")


def arg_docs(doc: str | None) -> dict[str, str]:
    """``{name: description}`` from a Google-style docstring's ``Args:`` section."""
    lines = inspect.cleandoc(doc or "").splitlines()
    out: dict[str, str] = {}
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Args:")
    except StopIteration:
        return out
    indent, name = None, None
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith(" "):
            break  # the next section (Returns:, ...)
        width = len(line) - len(line.lstrip())
        match = re.match(r"\s+(\w+)(?: \([^)]*\))?:\s*(.*)$", line)
        if match and (indent is None or width == indent):
            indent, name = width, match.group(1)
            out[name] = match.group(2).strip()
        elif name and line.strip():
            out[name] = f"{out[name]} {line.strip()}"
    return out


@dataclass(frozen=True)
class Task:
    """One ``framing evaluate`` task.

    Attributes:
        name: the task name on the command line and of its results file.
        function: ``"module:function"`` that scores it, ``(data, **options) -> dict``.
        data: the default data (a file or folder, read in place).
        measures: what it measures when that is no analysis of the registry (the
            multi-incident steps: ``incidents``); empty for the analyses' tasks.
    """

    name: str
    function: str
    data: Path
    measures: str = ""

    @property
    def analysis(self) -> str:
        """The analysis it measures: the one whose methods the registry
        (:mod:`framing.analyses`) lists this task for, else :attr:`measures`."""
        from framing.analyses import ANALYSES

        return next((a.name for a in ANALYSES if self.name in a.tasks),
                    self.measures or "none")

    def load(self) -> Callable[..., dict[str, Any]]:
        """The scoring function (its module is imported on first use)."""
        module, name = self.function.split(":")
        return getattr(importlib.import_module(module), name)

    @property
    def summary(self) -> str:
        """The first line of the function's docstring."""
        return inspect.cleandoc(self.load().__doc__ or "").split("\n\n")[0].replace("\n", " ")

    @cached_property
    def options(self) -> dict[str, Option]:
        """The function's keyword parameters (all but ``data``) as options."""
        function = self.load()
        hints = typing.get_type_hints(function)
        docs = arg_docs(function.__doc__)
        out = {}
        for param in list(inspect.signature(function).parameters.values())[1:]:
            if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
                raise TypeError(f"{self.function} takes **{param.name}: every option of a "
                                "task must be a named parameter")
            kind, optional = _kind(hints.get(param.name, str))
            out[param.name] = Option(param.name, kind, param.default,
                                     docs.get(param.name, ""), optional)
        return out

    def check(self, options: Mapping[str, Any]) -> dict[str, Any]:
        """``options`` converted to their types; an unknown name or a bad value raises
        :class:`OptionError` naming the valid options."""
        valid = self.options
        out = {}
        for name, value in options.items():
            if name not in valid:
                raise OptionError(
                    f"unknown option {name!r} for {self.name}{did_you_mean(name, valid)}; "
                    f"valid options: {', '.join(valid) or '(none)'} "
                    f"(see 'framing evaluate {self.name} --help')")
            out[name] = valid[name].parse(value)
        return out

    def help(self) -> str:
        """What ``framing evaluate TASK --help`` prints: summary, default data, options."""
        wrap = textwrap.TextWrapper(width=88, initial_indent="      ",
                                    subsequent_indent="      ")
        lines = [f"framing evaluate {self.name} [--data PATH] [--save] [-o NAME=VALUE ...]",
                 "", textwrap.fill(plain(self.summary), 88), "",
                 f"measures:      the {self.analysis} analysis",
                 f"default data:  {shown_path(self.data)}"
                 + ("" if self.data.exists() else "  (not found here)"),
                 f"--save writes: {shown_path(paths.RESULTS_DIR / f'{self.name}.json')}", "",
                 "options (-o NAME=VALUE; lists are comma-separated):"]
        for option in self.options.values():
            lines.append(f"  {option.name}={option.shown_default}  ({option.expects})")
            if option.help:
                lines.append(wrap.fill(plain(option.help)))
        if not self.options:
            lines.append("  (none)")
        return "\n".join(lines)


def shown_path(path: Path) -> str:
    """A path as the user would type it from the project root (``../shared/eval/...``), also
    when ``../shared`` is a symbolic link; absolute when it lies elsewhere."""
    path = Path(path).resolve()
    beside = (paths.ROOT.parent / "shared").resolve()
    if path.is_relative_to(paths.SHARED_DIR) and paths.SHARED_DIR == beside:
        return str(Path("..", "shared", path.relative_to(paths.SHARED_DIR)))
    if path.is_relative_to(paths.ROOT):
        return str(path.relative_to(paths.ROOT))
    return str(path)


TASKS: dict[str, Task] = {task.name: task for task in (
    Task("biased-words", "framing.evaluate.terms:evaluate_biased_words",
         paths.EVAL_DIR / "babe" / "babe_dev.csv"),
    Task("loaded-spans", "framing.evaluate.terms:evaluate_loaded_spans",
         paths.EVAL_DIR / "ptc"),
    Task("roles", "framing.evaluate.blame:evaluate_roles",
         paths.EVAL_DIR / "wikievents" / "dev.jsonl"),
    # SemEval-2025 EN and Narrative Frames are both inside EVAL_DIR
    Task("entity-roles", "framing.evaluate.blame:evaluate_entity_roles", paths.EVAL_DIR),
    Task("portrayal-roles", "framing.evaluate.portrayal:evaluate_portrayal_roles",
         paths.EVAL_DIR),
    Task("target-sentiment", "framing.evaluate.sentiment:evaluate_target_sentiment",
         paths.EVAL_DIR / "newsmtsc" / "dev_rw.jsonl"),
    Task("coverage", "framing.evaluate.coverage:evaluate_coverage",
         paths.DATA_DIR / "alignments"),
    # the pair scorers coverage can be given (--coverage-model), on sentence-pair corpora
    Task("same-fact", "framing.evaluate.same_fact:evaluate_same_fact", paths.EVAL_DIR / "pairs",
         measures="coverage"),
    Task("voice", "framing.evaluate.voice:evaluate_voice", paths.EVAL_DIR / "basil"),
    Task("validation", "framing.evaluate.validation:evaluate_validation",
         paths.DATA_DIR / "validation"),
    # AllSides stories and ECB+ documents are both inside EVAL_DIR
    Task("incidents", "framing.evaluate.incidents:evaluate_incident_discovery",
         paths.EVAL_DIR, measures="incidents"),
    Task("proposed-actors", "framing.evaluate.proposed_actors:evaluate_proposed_actors",
         paths.EVAL_DIR / "real_incidents", measures="incidents"),
)}


def get_task(name: str) -> Task:
    """The task called ``name``; an unknown name is an error listing the valid ones."""
    if name not in TASKS:
        raise KeyError(f"unknown evaluation task {name!r}{did_you_mean(name, TASKS)}; "
                       f"choose from {', '.join(TASKS)}")
    return TASKS[name]


def portable(path: Path) -> str:
    """The data path as written in results: relative to ``shared/`` so no local path leaks."""
    try:
        return "shared/" + str(path.resolve().relative_to(paths.SHARED_DIR))
    except ValueError:
        return path.name


def run(task: str, data: str | Path | None = None, save: bool = False,
        **options: Any) -> dict[str, Any]:
    """Run one evaluation (options checked first); with ``save`` also write
    ``bench/results/<task>.json``.

    Args:
        task: a name in :data:`TASKS`.
        data: the dataset file or folder; default: the task's :attr:`Task.data`.
        save: write the result where the report's Methods table reads it.
        **options: the task's options, as Python values or ``-o`` strings.
    """
    from framing.evaluate.results import save_result

    spec = get_task(task)
    checked = spec.check(options)
    data = Path(data) if data is not None else spec.data
    if not data.exists():
        raise FileNotFoundError(f"evaluation data not found: {data}")
    result = {"task": task, "data": portable(data), **spec.load()(data, **checked)}
    if save:
        save_result(task, result)
    return result
