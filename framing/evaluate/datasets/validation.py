"""The project's validation labels on real incidents (``data/validation/<slug>.<annotator>.yml``).

Each file holds one annotator's labels on one incident of
``../shared/eval/real_incidents/`` (:data:`framing.core.paths.EVAL_DIR`). A label names an
article file and a character span of ``article.document`` plus ``sha``, the first 8 hex
digits of the SHA-1 of the span text, so a text that changed is detected instead of scored
against the wrong words; no article text is ever copied into the project. The format and
the label kinds are described in ``data/validation/README.md``:

- ``voice``: ``voice`` (outlet / direct_quote / reported / attributed) and ``source``;
- ``harm``: the trigger, with ``agent``, ``target`` and ``asserted_by``;
- ``blame``: the cue, with ``accuser``, ``accused`` and ``denial``;
- ``not_loaded``: a word whose sense is not charged, with ``word`` and ``reason``;
- ``sentence``: ``expect`` one_sentence / no_sentence.

Actor fields take the incident's actor ids or the words listed in :data:`EXTRA_VALUES`. A
label that cannot be used (unknown field or value, span out of range, sha mismatch) raises
:class:`framing.evaluate.datasets.MalformedRow` naming the file, the YAML line and the
label's index (0-based, in file order).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from framing.core import paths
from framing.core.corpus import Article, Incident, load_incident
from framing.core.voice import VOICES
from framing.evaluate.datasets import MalformedRow

EXPECT = ("one_sentence", "no_sentence")
#: A mention's role (``portrayal`` labels).
ROLES = ("villain", "victim", "hero", "none")
#: How two sentences of two outlets relate (``pair`` labels): the same fact, different facts,
#: or conflicting claims about one happening (a figure, who did it, whether it happened).
RELATIONS = ("same_fact", "different_fact", "conflicting")
COMMON = ("article", "kind", "start", "end", "sha")
OPTIONAL = ("notes",)
#: kind -> {field: allowed values}; an actor field lists "actor" plus its extra words;
#: ``str`` is free text, ``bool`` a YAML boolean. Fields after ``|`` are optional.
KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "voice": {"voice": VOICES, "source": ("actor", "other", "none")},
    "harm": {"agent": ("actor", "none", "other"), "target": ("actor", "none", "other"),
             "asserted_by": ("actor", "outlet", "other")},
    "blame": {"accuser": ("actor", "other", "none"), "accused": ("actor", "other", "none"),
              "denial": ("bool", "optional")},
    "not_loaded": {"word": ("str",), "reason": ("str",), "sense": ("str", "optional")},
    "sentence": {"expect": EXPECT},
    "portrayal": {"actor": ("actor",), "role": ROLES,
                  "cast_by": ("actor", "outlet", "other", "optional")},
    "pair": {"other_article": ("str",), "other_start": ("int",), "other_end": ("int",),
             "other_sha": ("str",), "relation": RELATIONS,
             "on": ("figure", "agent", "occurrence", "other", "optional")},
}
#: The non-actor words an actor field may take (for messages and tests).
EXTRA_VALUES = ("none", "other", "outlet")
TOP_LEVEL = ("incident", "annotator", "labels", "notes")


@dataclass(frozen=True)
class Label:
    """One validation label, resolved to its article.

    Attributes:
        path: the YAML file; ``index``: 0-based position in its ``labels``; ``line``: YAML line.
        incident: the incident slug; ``annotator``: who labelled it.
        article_id: the article's id (its file stem); ``article``: the file name as written.
        kind: voice / harm / blame / not_loaded / sentence / portrayal / pair.
        start, end: character offsets into ``article.document`` (end exclusive).
        fields: the kind's own fields (``voice``, ``agent``, ...), as written.
    """

    path: Path
    index: int
    line: int
    incident: str
    annotator: str
    article: str
    article_id: str
    kind: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def overlaps(self, start: int | None, end: int | None) -> bool:
        """Whether ``[start, end)`` shares at least one character with the label's span."""
        return start is not None and end is not None and start < self.end and end > self.start


@dataclass
class LabelFile:
    """One annotator's labels on one incident (with the incident loaded from shared/eval)."""

    path: Path
    incident: Incident
    annotator: str
    labels: list[Label]

    @property
    def slug(self) -> str:
        return self.incident.slug


def span_sha(text: str) -> str:
    """First 8 hex digits of the SHA-1 of ``text`` (UTF-8): a label's ``sha``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


@cache
def _incident(folder: str) -> Incident:
    return load_incident(Path(folder))


def incidents_dir(path: str | Path | None = None) -> Path:
    """The folder of real incidents: ``path`` or ``<EVAL_DIR>/real_incidents``."""
    return Path(path) if path is not None else paths.EVAL_DIR / "real_incidents"


def _nodes(text: str) -> tuple[list[int], list[dict[str, str]]]:
    """YAML line (1-based) of each item of ``labels``, and each item's raw scalar texts
    (so a sha such as ``01234567`` or ``1e234567`` is read as written, not as a number)."""
    root = yaml.compose(text)
    lines: list[int] = []
    raws: list[dict[str, str]] = []
    if not isinstance(root, yaml.MappingNode):
        return lines, raws
    for key, value in root.value:
        if key.value == "labels" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                lines.append(item.start_mark.line + 1)
                raws.append({k.value: v.value for k, v in getattr(item, "value", [])
                             if isinstance(item, yaml.MappingNode)
                             and isinstance(v, yaml.ScalarNode)})
    return lines, raws


def _check_value(error, name: str, value: Any, allowed: tuple[str, ...],
                 actors: set[str]) -> None:
    if "str" in allowed:
        if not isinstance(value, str) or not value.strip():
            error(f"field {name!r} must be a non-empty text, not {value!r}")
    elif "bool" in allowed:
        if not isinstance(value, bool):
            error(f"field {name!r} must be true or false, not {value!r}")
    elif "int" in allowed:
        if not isinstance(value, int) or isinstance(value, bool):
            error(f"field {name!r} must be an integer, not {value!r}")
    else:
        valid = [v for v in allowed if v != "actor"]
        if "actor" in allowed:
            valid = sorted(actors) + valid
        if not isinstance(value, str) or value not in valid:
            error(f"unknown value {value!r} for {name!r}; valid: {', '.join(valid)}")


def read_label_file(path: str | Path, incidents: str | Path | None = None) -> LabelFile:
    """One ``<slug>.<annotator>.yml`` file, every label checked against its article.

    Args:
        path: the YAML file.
        incidents: the folder holding the incident folders (default
            ``<EVAL_DIR>/real_incidents``).

    Raises:
        MalformedRow: naming the file, line and label index of the first unusable label
            (unknown kind, field or value; span outside the document; sha mismatch), or the
            file itself when its top level is wrong.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        lines, raws = _nodes(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise MalformedRow(path, mark.line + 1 if mark else "?", f"not YAML ({err})") from None
    if not isinstance(data, dict):
        raise MalformedRow(path, 1, "not a YAML mapping with incident, annotator, labels")
    unknown = sorted(set(data) - set(TOP_LEVEL))
    if unknown:
        raise MalformedRow(path, 1, f"unknown top-level field(s) {unknown}; valid: "
                           f"{', '.join(TOP_LEVEL)}")
    slug, annotator = str(data.get("incident", "")), str(data.get("annotator", ""))
    stem_slug, _, stem_annotator = path.name.removesuffix(".yml").rpartition(".")
    if (slug, annotator) != (stem_slug, stem_annotator):
        raise MalformedRow(path, 1, f"incident {slug!r} / annotator {annotator!r} do not match "
                           f"the file name <incident>.<annotator>.yml")
    folder = incidents_dir(incidents) / slug
    if not (folder / "incident.yml").exists():
        raise MalformedRow(path, 1, f"no incident {slug!r} under {folder.parent}")
    incident = _incident(str(folder))
    by_file: dict[str, Article] = {Path(a.source_file).name: a for a in incident.articles
                                   if a.source_file is not None}
    actors = {a.id for a in incident.actors}
    items = data.get("labels") or []
    if not isinstance(items, list):
        raise MalformedRow(path, 1, "'labels' must be a list")
    labels = [_label(path, i, item, lines[i] if i < len(lines) else "?",
                     raws[i] if i < len(raws) else {}, slug, annotator, by_file, actors)
              for i, item in enumerate(items)]
    return LabelFile(path, incident, annotator, labels)


def _label(path: Path, index: int, item: Any, line: int | str, raw: dict[str, str],
           slug: str, annotator: str, by_file: dict[str, Article], actors: set[str]) -> Label:
    def error(why: str) -> None:
        raise MalformedRow(path, line, f"label {index}: {why}")

    if not isinstance(item, dict):
        error("not a mapping")
    if True in item:  # YAML 1.1 reads an unquoted key `on` as the boolean true
        item = {("on" if k is True else k): v for k, v in item.items()}
    kind = item.get("kind")
    if kind not in KINDS:
        error(f"unknown kind {kind!r}; valid: {', '.join(KINDS)}")
    spec = KINDS[kind]
    missing = [f for f in COMMON if f not in item] + [
        f for f, allowed in spec.items() if "optional" not in allowed and f not in item]
    if missing:
        error(f"{kind} label lacks {', '.join(missing)}")
    unknown = sorted(set(item) - set(COMMON) - set(OPTIONAL) - set(spec))
    if unknown:
        error(f"unknown field(s) {', '.join(unknown)} for kind {kind}; valid: "
              f"{', '.join([*COMMON, *spec, *OPTIONAL])}")
    for name, allowed in spec.items():
        if name in item:
            _check_value(error, name, item[name], allowed, actors)
    article = by_file.get(str(item["article"]))
    if article is None:
        error(f"no article file {item['article']!r} in incident {slug}")
    start, end = item["start"], item["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        error(f"start and end must be integers, not {start!r}, {end!r}")
    document = article.document
    if not 0 <= start < end <= len(document):
        error(f"span {start}:{end} outside {item['article']} (document of {len(document)} "
              "characters)")
    sha = str(raw.get("sha", item["sha"])).strip().lower()
    found = span_sha(document[start:end])
    if sha != found:
        error(f"sha {sha} does not match the text at {item['article']} {start}:{end} "
              f"(sha {found}): the text or the offsets changed")
    if kind == "pair":
        other = by_file.get(str(item["other_article"]))
        if other is None or other.outlet == article.outlet:
            error(f"other_article {item['other_article']!r} is no article of another outlet "
                  f"in incident {slug}")
        o_start, o_end = item["other_start"], item["other_end"]
        if not 0 <= o_start < o_end <= len(other.document):
            error(f"other span {o_start}:{o_end} outside {item['other_article']}")
        o_sha = str(raw.get("other_sha", item["other_sha"])).strip().lower()
        if o_sha != span_sha(other.document[o_start:o_end]):
            error(f"other_sha {o_sha} does not match the text at {item['other_article']} "
                  f"{o_start}:{o_end}")
    fields = {k: v for k, v in item.items() if k not in COMMON}
    return Label(path, index, line if isinstance(line, int) else -1, slug, annotator,
                 str(item["article"]), article.id, kind, start, end, fields)


def load_validation(folder: str | Path | None = None, incidents: str | Path | None = None
                    ) -> list[LabelFile]:
    """Every ``*.yml`` label file of ``folder`` (default ``data/validation``), sorted by name."""
    folder = Path(folder) if folder is not None else paths.DATA_DIR / "validation"
    if folder.is_file():
        return [read_label_file(folder, incidents)]
    return [read_label_file(p, incidents) for p in sorted(folder.glob("*.yml"))]
