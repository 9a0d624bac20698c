"""Entities with a narrative role: SemEval-2025 Task 10 subtask 1, entity framing (Piskorski
et al. 2025), and the Narrative Frames corpus (Frermann et al. 2023)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from framing.evaluate.datasets import MalformedRow

SEMEVAL_DIR = "semeval2025_task10_entity_framing"
NARRATIVE_DIR = "narrative_frames_frermann2023"
SEMEVAL_ANNOTATIONS = "subtask-1-annotations.txt"
NARRATIVE_ANNOTATIONS = "role_and_frame_annoations.tsv"  # sic: the corpus' file name
#: Main roles of each corpus; the loaders keep the first two unless told otherwise (the blame
#: rule has no hero signal), the portrayal classifier reads all three.
SEMEVAL_ROLES = ("Antagonist", "Innocent", "Protagonist")
NARRATIVE_ROLES = ("villain", "victim", "hero")


@dataclass
class EntityItem:
    """One gold entity of a document: its surface forms and its gold role."""

    doc_key: str
    name: str
    surfaces: list[str]
    gold: str
    anchor: tuple[int, int] | None = None  # the annotated mention (SemEval), if any


def surfaces(name: str) -> list[str]:
    """The entity string and, for a multi-word name, its last word if capitalised
    ("Bill Gates" → "Gates"): a coreference-free stand-in for later mentions."""
    name = re.sub(r"[’']s$", "", name.strip())
    words_ = name.split()
    out = [name]
    if len(words_) > 1 and words_[-1][:1].isupper() and len(words_[-1]) > 3:
        out.append(words_[-1])
    return out


def find_semeval(data: Path) -> Path | None:
    """The SemEval-2025 ``EN`` folder at or under ``data``, if any."""
    return next((p for p in [data, data / "EN", data / SEMEVAL_DIR / "EN"]
                 if (p / SEMEVAL_ANNOTATIONS).exists()), None)


def find_narrative_frames(data: Path) -> Path | None:
    """The Narrative Frames folder at or under ``data``, if any."""
    return next((p for p in [data, data / NARRATIVE_DIR]
                 if (p / NARRATIVE_ANNOTATIONS).exists()), None)


def load_semeval(folder: str | Path, roles: tuple[str, ...] = SEMEVAL_ROLES[:2]
                 ) -> tuple[list[EntityItem], dict[str, str]]:
    """Antagonist and Innocent entities of SemEval-2025 Task 10 subtask 1 (English); with
    ``roles=SEMEVAL_ROLES`` the Protagonist ones too.

    Each annotation line is ``document, mention, start, end, role[, fine roles]``
    (tab-separated, ``end`` inclusive); a shorter line or non-integer offsets raise
    :class:`MalformedRow`.
    """
    folder = Path(folder)
    ann = folder / SEMEVAL_ANNOTATIONS
    items, texts = [], {}
    for n, line in enumerate(ann.read_text(encoding="utf-8").split("\n"), start=1):
        parts = line.rstrip("\r").split("\t")
        if not line.strip():
            continue
        if len(parts) < 5:
            raise MalformedRow(ann, n, f"{len(parts)} tab-separated fields, not 5+ "
                               "(document, mention, start, end, role)")
        doc, mention, start, end, role = parts[:5]
        if role not in roles:
            continue
        try:
            anchor = (int(start), int(end) + 1)
        except ValueError:
            raise MalformedRow(ann, n, f"offsets {start!r}, {end!r} are not integers") from None
        if doc not in texts:
            texts[doc] = (folder / "raw-documents" / doc).read_bytes().decode("utf-8")
        items.append(EntityItem(doc, mention, surfaces(mention), role, anchor))
    return items, texts


def load_narrative_frames(folder: str | Path, roles: tuple[str, ...] = NARRATIVE_ROLES[:2]
                          ) -> tuple[list[EntityItem], dict[str, str]]:
    """Villain and victim entities of the Narrative Frames corpus (deduplicated); with
    ``roles=NARRATIVE_ROLES`` the hero ones too.

    A row without an ``ID`` or ``entity`` column raises :class:`MalformedRow`; entities of
    articles without text are left out.
    """
    folder = Path(folder)
    csv.field_size_limit(10**8)
    meta = folder / "articles_metadata.tsv"
    texts = {}
    with open(meta, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for row in reader:
            if row.get("ID") is None or "text" not in row:
                raise MalformedRow(meta, reader.line_num, "a row needs ID and text")
            texts[row["ID"]] = row["text"] or ""
    seen: set[tuple[str, str, str]] = set()
    items = []
    path = folder / NARRATIVE_ANNOTATIONS
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for row in reader:
            if row.get("ID") is None or row.get("entity") is None:
                raise MalformedRow(path, reader.line_num, "a row needs ID and entity")
            role = (row.get("role") or "").strip()
            key = (row["ID"], row["entity"].strip().lower(), role)
            if role not in roles or key in seen or not texts.get(row["ID"]):
                continue
            seen.add(key)
            items.append(EntityItem(row["ID"], row["entity"], surfaces(row["entity"]), role))
    return items, texts
