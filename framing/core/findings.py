"""Findings: short sentences generated from analysis tables by fixed templates.

A finding is never free-form text: each analysis module builds its findings from its own
tables with templates and thresholds stated in that module's ``findings`` docstring, and
every finding carries the rows that support it, so a reader is one click from the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Finding:
    """One templated statement about the coverage, with its evidence.

    Attributes:
        text: the sentence shown to readers (plain text; escaped when rendered).
        analysis: which analysis produced it ("terms", "blame", "sentiment", "coverage").
        outlet: the outlet it is about, or None for a cross-outlet statement.
        anchor: the section of the detail page that holds the evidence, as
            ``"NN_page.html#Heading-id"`` (nbconvert turns a heading into an id by replacing
            spaces with ``-``).
        evidence: the supporting rows (must include article_id, sent_id and the sentence text
            in a ``text`` or ``sentence`` column).
        strength: a number used only to order findings (larger first).
    """

    text: str
    analysis: str
    outlet: str | None = None
    anchor: str | None = None
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)
    strength: float = 0.0


def heading_anchor(page: str, heading: str) -> str:
    """The link target nbconvert gives a Markdown heading on a rendered page."""
    return f"{page}#{heading.strip().replace(' ', '-')}"
