"""Templated findings and profile lines of the sentiment analysis (report prose).

Read the tables of :func:`framing.sentiment.analysis.tables`; only cells backed by at least
:data:`framing.sentiment.aggregate.MIN_MENTIONS` mentions and a bootstrap interval make a
finding, and two cells differ only when their 95% intervals do not overlap.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing.core.corpus import Incident
from framing.core.findings import Finding
from framing.sentiment.interface import LABELS

__all__ = ["findings", "profile"]



def _fmt_cell(row: Any) -> str:
    interval = ("" if pd.isna(row.ci_low) else f" [{row.ci_low:+.2f}, {row.ci_high:+.2f}]")
    small = ", small" if row.small_sample else ""
    return f"{row.mean:+.2f}{interval} (n={row.n_mentions}{small})"


def _evidence(targets: pd.DataFrame) -> pd.DataFrame:
    keep = ["outlet", "sent_id", "surface", "actor_id", "side", "label", "score", "sentence",
            "article_id", "start", "end"]
    return (targets[keep].sort_values("score").rename(columns={"sentence": "text"})
            .reset_index(drop=True))


def _separated_pairs(cells: pd.DataFrame, key: str):
    """Within each ``key`` group, every (lower, higher) pair of cells whose intervals are
    disjoint, as ``(group, low_row, high_row)``."""
    for name, group in cells.groupby(key):
        ordered = list(group.sort_values("mean").itertuples())
        for i, low in enumerate(ordered):
            for high in ordered[i + 1:]:
                if not _overlap(low, high):
                    yield name, low, high


def _overlap(a: Any, b: Any) -> bool:
    return not (a.ci_high < b.ci_low or b.ci_high < a.ci_low)


def findings(tables: dict[str, pd.DataFrame], incident: Incident) -> list[Finding]:
    """Templated findings about sentiment toward sides (thresholds stated here).

    Only cells with at least :data:`~framing.sentiment.aggregate.MIN_MENTIONS` mentions and a
    bootstrap interval count.

    - Tone toward a side: per outlet × side, when the 95% interval of the mean targeted score
      lies wholly below 0 (or above 0): "Asbarez writes about azerbaijan negatively: mean
      sentiment −0.52 (95% CI −0.70 to −0.31) over 14 mentions in 11 sentences."
    - Harsher on one side: within an outlet, for two sides whose intervals do not overlap:
      "Asbarez is more negative toward azerbaijan (−0.52) than toward armenia (+0.05)."
    - Outlets differ: for a side covered by two outlets whose intervals do not overlap:
      "Asbarez is more negative toward azerbaijan than The Moscow Times (−0.52 vs −0.10)."
    """
    by_side = tables.get("by_side", pd.DataFrame())
    targets = tables.get("targets", pd.DataFrame())
    if by_side.empty or targets.empty:
        return []
    section = "Sentiment toward each side"
    solid = by_side[(~by_side.small_sample.astype(bool)) & by_side.ci_low.notna()
                    & (by_side.side != "(none)")]
    out: list[Finding] = []
    for row in solid.itertuples():
        if row.ci_high < 0 or row.ci_low > 0:
            tone = "negatively" if row.ci_high < 0 else "positively"
            rows = targets[(targets.outlet == row.outlet) & (targets.side == row.side)]
            out.append(Finding(
                f"{row.outlet} writes about {row.side} {tone}: mean sentiment {row.mean:+.2f} "
                f"(95% CI {row.ci_low:+.2f} to {row.ci_high:+.2f}) over {row.n_mentions} "
                f"mentions in {row.n_sentences} sentences.",
                "sentiment", row.outlet, section, _evidence(rows),
                strength=abs(row.mean) * row.n_mentions ** 0.5))
    for outlet, low, high in _separated_pairs(solid, "outlet"):
        rows = targets[(targets.outlet == outlet) & targets.side.isin([low.side, high.side])]
        out.append(Finding(
            f"{outlet} is more negative toward {low.side} ({low.mean:+.2f}) than "
            f"toward {high.side} ({high.mean:+.2f}); the 95% intervals do not overlap.",
            "sentiment", outlet, section, _evidence(rows),
            strength=(high.mean - low.mean) * 1.5))
    for side, low, high in _separated_pairs(solid, "side"):
        rows = targets[(targets.side == side) & targets.outlet.isin([low.outlet, high.outlet])]
        out.append(Finding(
            f"{low.outlet} is more negative toward {side} than {high.outlet} "
            f"({low.mean:+.2f} vs {high.mean:+.2f}); the 95% intervals do not "
            "overlap.", "sentiment", None, section, _evidence(rows),
            strength=(high.mean - low.mean) * 1.5))
    return sorted(out, key=lambda f: -f.strength)


def profile(tables: dict[str, pd.DataFrame], incident: Incident) -> pd.DataFrame:
    """Profile lines per outlet: sentence label shares, mean sentence score, and the mean
    targeted score toward each side as ``mean [95% CI] (n mentions)``, "small" when fewer
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
            col[f"Sentiment toward {side}"] = (_fmt_cell(next(cell.itertuples()))
                                               if len(cell) else "not mentioned")
        lines[outlet] = col
    frame = pd.DataFrame(lines)
    return frame.reindex(columns=incident.outlets)
