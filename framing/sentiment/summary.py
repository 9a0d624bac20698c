"""Templated findings and profile lines of the sentiment analysis (report prose).

Read the tables of :func:`framing.sentiment.analysis.tables`. The profile gives the tone of
the sentences mentioning each side with a bootstrap interval; there are no sentiment findings
until portrayal separates victims from villains (see :func:`findings`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing.core.corpus import Incident
from framing.core.findings import Finding
from framing.sentiment.interface import LABELS

__all__ = ["HEADINGS", "findings", "profile"]

#: Headings of the sentiment page that profile lines link to (the notebook's headings).
HEADINGS = {"sides": "Sentiment toward each side", "sentences": "Sentence sentiment"}


def _fmt_cell(row: Any) -> str:
    interval = ("" if pd.isna(row.ci_low) else f" [{row.ci_low:+.2f}, {row.ci_high:+.2f}]")
    small = ", small" if row.small_sample else ""
    return f"{row.mean:+.2f}{interval} (n={row.n_mentions}{small})"


def findings(tables: dict[str, pd.DataFrame], incident: Incident) -> list[Finding]:
    """No sentiment findings on the summary page, by design, until portrayal (issue 15).

    Targeted sentiment scores the sentence around a mention, so "bad things happen to X"
    reads as "X is portrayed badly": on real coverage, "writes about X negatively" findings
    rested on X as the victim or the accused, or on sentences about another actor, and a
    reader checking them against the articles rejected them. A finding a reader would
    reject is worse than none: the sentiment page still shows every score with its
    sentence, and the profile says what was measured (the tone of the sentences mentioning
    each side).
    """
    return []


def profile(tables: dict[str, pd.DataFrame], incident: Incident) -> pd.DataFrame:
    """Profile lines per outlet: sentence label shares, mean sentence score, and the mean
    targeted score of the sentences mentioning each side (the tone around the mentions, not
    the outlet's portrayal of the side) as ``mean [95% CI] (n mentions)``, "small" when fewer
    than :data:`~framing.sentiment.aggregate.MIN_MENTIONS` mentions."""
    sentences = tables.get("sentences", pd.DataFrame())
    by_side = tables.get("by_side", pd.DataFrame())
    sides = [s for s in incident.sides if not by_side.empty and s in set(by_side.side)]
    lines: dict[str, dict[str, str]] = {}
    for outlet in incident.outlets:
        s = sentences[sentences.outlet == outlet] if not sentences.empty else sentences
        col: dict[str, str] = {}
        if len(s):
            shares = s.label.value_counts(normalize=True)
            col["Sentences negative / neutral / positive"] = " / ".join(
                f"{shares.get(lab, 0.0):.0%}" for lab in LABELS)
            col["Mean sentence sentiment (−1 to +1)"] = f"{s.score.mean():+.2f}"
        else:
            col["Sentences negative / neutral / positive"] = "–"
            col["Mean sentence sentiment (−1 to +1)"] = "–"
        for side in sides:
            cell = by_side[(by_side.outlet == outlet) & (by_side.side == side)]
            col[f"Tone of sentences mentioning {incident.side_name(side)}"] = (
                _fmt_cell(next(cell.itertuples())) if len(cell) else "not mentioned")
        lines[outlet] = col
    frame = pd.DataFrame(lines).reindex(columns=incident.outlets)
    frame["section"] = [HEADINGS["sides"] if line.startswith("Tone of sentences") else
                        HEADINGS["sentences"] for line in frame.index]
    return frame
