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

from pathlib import Path

from framing.core.wordlists import read_rows

VOCABULARY_FILE = Path(__file__).resolve().parent / "reporting_verbs.tsv"
STANCE_CLASSES = ("neutral", "distancing", "endorsing", "accusatory", "denying")


def read_vocabulary(path: Path = VOCABULARY_FILE) -> dict[str, str]:
    """``{lemma: stance}`` from a TSV with ``lemma`` and ``stance`` columns (``#`` comments);
    a malformed row is an error naming the file and line (:func:`read_rows`)."""
    return {row["lemma"]: row["stance"]
            for row in read_rows(path, {"stance": STANCE_CLASSES})}


#: Reporting verbs by stance class (lemma -> stance).
STANCE: dict[str, str] = read_vocabulary()
#: Every reporting verb (lemmas).
REPORTING_VERBS: frozenset[str] = frozenset(STANCE)
#: Verbs by which a source labels an act or an actor ("called the attack a provocation").
LABELLING_VERBS: frozenset[str] = frozenset({"call", "dub", "describe", "label", "brand",
                                             "term", "characterize", "characterise",
                                             "denounce", "condemn"})
