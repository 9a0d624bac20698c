"""The reporting-verb vocabulary: one list of verbs that attribute content to a source.

Every analysis that asks "is this sentence attributed, and with which verb?" reads this one
vocabulary (``reporting_verbs.tsv``), so loaded terms, blame and coverage agree on who said
what. Each verb carries the stance it signals toward the reported content: ``neutral``
(said, told), ``distancing`` (claimed, alleged), ``endorsing`` (confirmed, acknowledged:
factive verbs, Hooper 1975; used for bias detection by Recasens et al. 2013),
``accusatory`` (accused, blamed) and ``denying`` (denied, rejected). Labelling verbs
("called the attack a provocation") are listed beside them.
"""

from __future__ import annotations

import csv
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "reporting_verbs.tsv"
STANCE_CLASSES = ("neutral", "distancing", "endorsing", "accusatory", "denying")


def read_vocabulary(path: Path = VOCABULARY_FILE) -> dict[str, str]:
    """``{lemma: stance}`` from a TSV with ``lemma`` and ``stance`` columns (``#`` comments)."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")),
                              delimiter="\t")
        vocabulary = {}
        for n, row in enumerate(rows, start=2):
            lemma, stance = (row.get("lemma") or "").strip(), (row.get("stance") or "").strip()
            if not lemma or stance not in STANCE_CLASSES:
                raise ValueError(f"{path}: row {n}: needs a lemma and a stance in "
                                 f"{', '.join(STANCE_CLASSES)} (got {lemma!r}, {stance!r})")
            vocabulary[lemma] = stance
    return vocabulary


#: Reporting verbs by stance class (lemma -> stance).
STANCE: dict[str, str] = read_vocabulary()
#: Every reporting verb (lemmas).
REPORTING_VERBS: frozenset[str] = frozenset(STANCE)
#: Verbs by which a source labels an act or an actor ("called the attack a provocation").
LABELLING_VERBS: frozenset[str] = frozenset({"call", "describe", "label", "brand", "term",
                                             "characterize", "characterise", "denounce",
                                             "condemn"})
