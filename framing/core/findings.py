"""Findings: short sentences generated from analysis tables by fixed templates.

A finding is never free-form text: each analysis module builds its findings from its own
tables with templates and thresholds stated in that module's ``findings`` docstring, and
every finding carries the rows that support it, so a reader is one click from the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from framing.core.phrases import REL_PRONOUNS
from framing.core.speakers import FIRST_PERSON, GROUP_PRONOUNS, PERSON_PRONOUNS


@dataclass
class Finding:
    """One templated statement about the coverage, with its evidence.

    Attributes:
        text: the sentence shown to readers (plain text; escaped when rendered).
        analysis: which analysis produced it ("terms", "blame", "sentiment", "coverage").
        outlet: the outlet it is about, or None for a cross-outlet statement.
        section: the heading of the section, on the analysis' detail page, that holds the
            evidence (the report links to it; the page itself comes from the registry,
            :mod:`framing.analyses`).
        evidence: the supporting rows (must include article_id, sent_id and the sentence text
            in a ``text`` or ``sentence`` column).
        strength: a number used only to order findings (larger first).
    """

    text: str
    analysis: str
    outlet: str | None = None
    section: str | None = None
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)
    strength: float = 0.0


def heading_id(heading: str) -> str:
    """The id nbconvert gives a Markdown heading on a rendered page (spaces become ``-``)."""
    return heading.strip().replace(" ", "-")


#: Collective nouns that take a plural verb in the findings' (American) English.
PLURAL_COLLECTIVES = frozenset({"police", "people", "authorities", "troops", "militia"})


def is_plural(name: str) -> bool:
    """Whether a reader name of an actor or side takes a plural verb: a coordination ("Jacob
    Blake, his family and their lawyers"), or a lower-case head noun that is plural
    ("Armenian forces", "Kenosha police"). A capitalised head is a proper name and singular
    ("the United States", "the Philippines")."""
    words = re.findall(r"[\w'’-]+", re.sub(r"\([^)]*\)", " ", name))
    if not words:
        return False
    if " and " in f" {name} " or " & " in name:
        return True
    head = words[-1]
    return head.islower() and (head in PLURAL_COLLECTIVES or (
        head.endswith("s") and not head.endswith(("ss", "us", "is"))))


def agree(name: str, singular: str, plural: str) -> str:
    """``singular`` or ``plural`` (a verb form) to follow ``name`` as its subject."""
    return plural if is_plural(name) else singular


#: Source phrases that name no one by themselves ("he said", "officials who ..."): the
#: pronoun sets of speaker resolution and the relative pronouns.
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON | REL_PRONOUNS | {"you"}


def source_name(row: pd.Series | dict, incident) -> str:
    """A source as the prose names it: its words as written and the actor it resolves to
    ("Babayan (Artsakh)"), the actor alone, a source that is no incident actor in quotation
    marks as written (“reports and sources”), a pronoun whose antecedent was not found as
    "an unidentified speaker (“he”)", or "an unnamed source"."""
    text = row.get("source_text")
    actor = row.get("source_actor")
    name = None
    if isinstance(actor, str) and actor:
        try:
            name = incident.actor(actor).name.split(" (")[0]
        except KeyError:
            name = actor
    if isinstance(text, str) and text.strip() and text.lower() not in PRONOUNS:
        if name is None:
            return f"“{text.strip()}”"
        return f"{text.strip()} ({name})" if name.lower() not in text.lower() else text.strip()
    if name is None and isinstance(text, str) and text.strip():
        return f"an unidentified speaker (“{text.strip()}”)"
    return name or "an unnamed source"
