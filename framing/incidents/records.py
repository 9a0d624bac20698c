"""Incident records: one reviewable YAML file per proposed incident.

Discovery proposes; a person decides. Each record lists the incident's articles (id,
outlet, title, date, file), the names its articles share and the similarity behind the
grouping (each article's mean score to the others, the weakest and mean pair score, the
closest other incident), so a reviewer can see why articles were put together and:

- **rename** an incident: edit ``slug`` and ``title`` (the file name does not matter);
- **merge** two: move the articles of one record into the other and delete the first;
- **split** one: move some articles into a new file with its own ``slug``.

:func:`read_records` reads the edited folder back and checks it against the stream: every
article in exactly one record, no unknown article, no slug twice, each problem named by
file and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from framing.core.corpus import IncidentError, Problem, load_yaml
from framing.core.paths import shown_path
from framing.incidents.discover import Discovery

RECORD_KEYS = {"slug", "title", "dates", "articles", "shared_entities", "similarity",
               "closest_other", "discovery", "actors", "notes"}
HEADER = """\
# Proposed incident {number} of {total}, found by `framing incidents discover`.
# Review it before use: rename (edit slug and title), merge (move the articles of another
# record here and delete that file) or split (move articles into a new file with its own
# slug). `similarity` is the pair score behind the grouping (0-1): (1 - w) x the MiniLM
# cosine of title and lead + w x the cosine of the shared names (w: `entity_weight`).
"""
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 48) -> str:
    """Lower-case letters, digits and '-' (at most ``limit`` characters)."""
    slug = _SLUG_CHARS.sub("-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "incident"


@dataclass
class Record:
    """One proposed incident as written to its YAML file."""

    slug: str
    data: dict[str, Any]
    members: list[int]


#: Which names come first among equally shared ones: where, then what, then who.
LABEL_ORDER = ("GPE", "LOC", "FAC", "EVENT", "LAW", "PERSON", "ORG", "NORP", "PRODUCT",
               "WORK_OF_ART")


def _shared(discovery: Discovery, members: list[int]) -> list[dict[str, Any]]:
    """Entity names in at least two of the incident's articles (all of them for a single
    article), most widely shared first (places before people before groups among equals);
    a surname is left out when the full name is shown."""
    counts: dict[str, int] = {}
    for k in members:
        for key in discovery.features.keys[k]:
            counts[key] = counts.get(key, 0) + 1
    least = 2 if len(members) > 1 else 1
    labels = discovery.features.labels
    rank = {label: n for n, label in enumerate(LABEL_ORDER)}
    shown = [key for key, c in counts.items() if c >= least]
    shown = [key for key in shown if not any(other != key and other.endswith(f" {key}")
                                             for other in shown)]
    shown.sort(key=lambda key: (-counts[key], rank.get(labels.get(key, ""), 99), key))
    names = discovery.features.names
    return [{"name": names.get(key, key), "articles": counts[key]} for key in shown[:12]]


def build_records(discovery: Discovery) -> list[Record]:
    """The records of a discovery, in label order, with unique slugs."""
    pairs = discovery.pairs
    i, j = pairs["i"].to_numpy(dtype=int), pairs["j"].to_numpy(dtype=int)
    score = pairs["score"].to_numpy(dtype=float)
    labels = discovery.labels
    records: list[Record] = []
    taken: set[str] = set()
    groups = discovery.groups
    for lab, members in enumerate(groups):
        inside = (labels[i] == lab) & (labels[j] == lab)
        n = len(members)
        total = np.zeros(len(discovery.articles))
        np.add.at(total, i[inside], score[inside])
        np.add.at(total, j[inside], score[inside])
        n_pairs = n * (n - 1) // 2
        pair_sum = float(score[inside].sum())
        weakest = 0.0 if inside.sum() < n_pairs else float(score[inside].min(initial=1.0))
        across = (labels[i] == lab) != (labels[j] == lab)
        closest = None
        if across.any():
            k = int(np.flatnonzero(across)[np.argmax(score[across])])
            other = labels[j[k]] if labels[i[k]] == lab else labels[i[k]]
            closest = (int(other), round(float(score[k]), 3))
        arts = [discovery.articles[k] for k in members]
        dates = sorted(a.published for a in arts if a.published)
        shared = _shared(discovery, members)
        central = max(members, key=lambda k: total[k]) if n > 1 else members[0]
        stem = "-".join(slugify(s["name"], 16) for s in shared[:3]) or slugify(
            discovery.articles[central].title)
        slug = slugify(f"{dates[0].isoformat() if dates else 'undated'}-{stem}")
        base, suffix = slug, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        data = {
            "slug": slug,
            "title": discovery.articles[central].title,
            "dates": {"first": dates[0].isoformat() if dates else None,
                      "last": dates[-1].isoformat() if dates else None},
            "articles": [{
                "id": a.id, "outlet": a.outlet, "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                "file": shown_path(a.source_file) if a.source_file else None,
                "similarity": round(float(total[k] / (n - 1)), 3) if n > 1 else None,
            } for k, a in zip(members, arts, strict=True)],
            "shared_entities": shared,
            "similarity": {"mean": round(pair_sum / n_pairs, 3) if n_pairs else None,
                           "weakest_pair": round(weakest, 3) if n_pairs else None},
            "closest_other": closest,
        }
        records.append(Record(slug, data, members))
    for record in records:  # the closest other incident by slug, now that all are named
        if record.data["closest_other"] is not None:
            other, value = record.data["closest_other"]
            record.data["closest_other"] = {"slug": records[other].slug, "similarity": value}
    return records


def write_records(discovery: Discovery, out: str | Path) -> list[Path]:
    """Write one ``<slug>.yml`` per proposed incident into ``out`` (created; an existing
    record file is never overwritten) and return the paths."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    records = build_records(discovery)
    clashes = [folder / f"{r.slug}.yml" for r in records if (folder / f"{r.slug}.yml").exists()]
    if clashes:
        raise FileExistsError(f"{clashes[0]} exists already ({len(clashes)} record(s) would "
                              "be overwritten); write into an empty folder")
    settings = discovery.settings()
    written = []
    for number, record in enumerate(records, start=1):
        body = dict(record.data)
        body["discovery"] = settings
        text = HEADER.format(number=number, total=len(records)) + yaml.safe_dump(
            body, sort_keys=False, allow_unicode=True, width=100)
        path = folder / f"{record.slug}.yml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def read_records(folder: str | Path, article_ids: list[str] | None = None
                 ) -> dict[str, list[str]]:
    """The reviewed records of ``folder``: ``slug -> article ids``.

    Args:
        folder: the records folder (``*.yml``).
        article_ids: the stream's article ids; when given, every one must be in exactly one
            record and no record may list another.

    Raises:
        IncidentError: naming every problem by file and field.
    """
    problems: list[Problem] = []
    out: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    files = sorted(Path(folder).glob("*.yml"))
    if not files:
        raise IncidentError([Problem(str(folder), "", "no incident records (*.yml)")])
    for path in files:
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            problems.append(Problem(str(path), "", f"malformed YAML: {err}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(str(path), "", "must be a mapping"))
            continue
        for key in sorted(set(data) - RECORD_KEYS):
            problems.append(Problem(str(path), f"field {key!r}", "unknown field"))
        slug = str(data.get("slug") or "").strip()
        if not slug:
            problems.append(Problem(str(path), "field 'slug'", "missing or empty"))
            continue
        if slug in out:
            problems.append(Problem(str(path), "field 'slug'", f"slug {slug!r} used twice"))
            continue
        ids = []
        for n, item in enumerate(data.get("articles") or []):
            aid = item.get("id") if isinstance(item, dict) else item
            if not aid:
                problems.append(Problem(str(path), f"articles[{n}]", "no article id"))
                continue
            aid = str(aid)
            if aid in owner:
                problems.append(Problem(str(path), f"articles[{n}]", f"article {aid!r} is "
                                        f"also in incident {owner[aid]!r}"))
                continue
            owner[aid] = slug
            ids.append(aid)
        if not ids:
            problems.append(Problem(str(path), "field 'articles'", "no articles"))
        out[slug] = ids
    if article_ids is not None:
        known = set(article_ids)
        for aid, slug in owner.items():
            if aid not in known:
                problems.append(Problem(str(folder), f"incident {slug!r}",
                                        f"article {aid!r} is not in the stream"))
        for aid in article_ids:
            if aid not in owner:
                problems.append(Problem(str(folder), "", f"article {aid!r} is in no record"))
    if problems:
        raise IncidentError(problems)
    return out
