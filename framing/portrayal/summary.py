"""Templated findings and profile lines of the portrayal analysis (report prose).

Findings say what was measured, with the voice it was measured in:

- **casting**: "X casts A as villain in 10 of 15 mentions (4 in its own words, 6 in its
  sources' claims); the other outlets in 3 of 11". Written when the role holds at least
  :data:`MIN_CAST` mentions and :data:`MIN_SHARE` of the outlet's mentions of the actor,
  and exceeds the other outlets' pooled share by :data:`MIN_LEAD` (or no other outlet names
  the actor).
- **own evaluative words**: "X's own words about A are negative": only from mentions in
  the outlet's own voice, not cast as victim, that an evaluative word of the outlet's own
  (a label, an emotional or moral word, a scare quote, a learned biased word) describes
  (:func:`framing.portrayal.analysis.evaluates`: it modifies the mention, is said of it or
  qualifies its act) and whose targeted sentiment is negative; at least :data:`MIN_TONE`
  such mentions with a mean at or below :data:`NEGATIVE`.
- **quoted, not own**: "the negative words about A in X are its sources'": quoted or
  reported mentions that a source's evaluative word describes, with negative targeted
  sentiment (at least :data:`MIN_TONE`, mean at or below :data:`NEGATIVE`), while the
  outlet's own mentions are not negative.

Victims are never counted as negatively portrayed: only mentions cast as villain, or with no
role that words of evaluation describe in a sentence that reports no harm, count in tone
figures (:func:`framing.portrayal.analysis.tone_counted`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from framing.core.corpus import Incident
from framing.core.findings import Finding
from framing.core.voice import OUTLET
from framing.portrayal.roles import ROLES

__all__ = ["findings", "profile", "HEADINGS"]

#: Sections of the portrayal page (the report links findings to them).
HEADINGS = {"roles": "Roles by outlet", "tone": "Tone by voice"}
MIN_CAST = 3
MIN_SHARE = 0.4
MIN_LEAD = 0.2
MIN_TONE = 2
NEGATIVE = -0.3
EVIDENCE = ["article_id", "outlet", "sent_id", "start", "end", "surface", "role", "role_by",
            "role_cue", "role_asserted_by", "voice", "tone", "evaluative_words",
            "source_evaluative_words", "sentence"]


def _evidence(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[[c for c in EVIDENCE if c in rows.columns]].reset_index(drop=True)


def cast_by_outlet(rows: pd.DataFrame) -> pd.Series:
    """Whether the outlet itself casts each mention's role (``role_asserted_by`` names the
    outlet), not a source whose claim or accusation it reports: "China lambastes India" is
    the outlet's sentence, but casting India as the villain is China's."""
    return rows.role_asserted_by.fillna("").map(lambda a: OUTLET in a.split("; "))


def _voices(rows: pd.DataFrame) -> str:
    own = int(cast_by_outlet(rows).sum())
    other = len(rows) - own
    if not other:
        return "all in its own words"
    if not own:
        return "all in its sources' words"
    return f"{own} in its own words, {other} in its sources' words"


def _casting(outlet: str, actor: str, g: pd.DataFrame,
             rest: pd.DataFrame) -> list[Finding]:
    out = []
    for role in ROLES:
        cast = g[g.role == role]
        share = len(cast) / len(g)
        rest_share = (rest.role == role).mean() if len(rest) else None
        if len(cast) < MIN_CAST or share < MIN_SHARE or (
                rest_share is not None and share - rest_share < MIN_LEAD):
            continue
        others = (f"; the other outlets in {int((rest.role == role).sum())} of {len(rest)}"
                  if len(rest) else "; no other outlet names it")
        out.append(Finding(
            f"{outlet} casts {actor} as {role} in {len(cast)} of {len(g)} mentions "
            f"({_voices(cast)}){others}.", "portrayal", outlet, HEADINGS["roles"],
            _evidence(cast), strength=(share - (rest_share or 0.0)) * len(cast)))
    return out


def _tone(outlet: str, actor: str, g: pd.DataFrame) -> list[Finding]:
    judged = g[g.tone_counted]
    own = judged[judged.voice == OUTLET]
    quoted = judged[(judged.voice != OUTLET) & judged.source_evaluative_words.notna()
                    & (judged.tone < 0)].dropna(subset=["tone"])
    evaluative = own[own.evaluative_words.notna() & (own.tone < 0)].dropna(subset=["tone"])
    out = []
    if len(evaluative) >= MIN_TONE and evaluative.tone.mean() <= NEGATIVE:
        words = ", ".join(dict.fromkeys(w for ws in evaluative.evaluative_words
                                        for w in ws.split(", ")))
        out.append(Finding(
            f"{outlet}'s own words about {actor} are negative: in {len(evaluative)} mentions "
            f"its own evaluative words describe {actor} ({words}), mean tone "
            f"{evaluative.tone.mean():+.2f}.", "portrayal", outlet, HEADINGS["tone"],
            _evidence(evaluative), strength=-evaluative.tone.mean() * len(evaluative)))
    own_tone = own.tone.dropna()
    if len(quoted) >= MIN_TONE and quoted.tone.mean() <= NEGATIVE and (
            own_tone.empty or own_tone.mean() > NEGATIVE / 3):
        own_text = (f"its own words evaluate {actor} nowhere" if own_tone.empty else
                    f"its own mention scores {own_tone.iloc[0]:+.2f}" if len(own_tone) == 1
                    else f"its own {len(own_tone)} mentions average {own_tone.mean():+.2f}")
        words = ", ".join(dict.fromkeys(w for ws in quoted.source_evaluative_words
                                        for w in ws.split(", ")))
        out.append(Finding(
            f"The negative words about {actor} in {outlet} are its sources': in "
            f"{len(quoted)} quoted or reported mentions their evaluative words describe "
            f"{actor} ({words}), mean tone {quoted.tone.mean():+.2f}; {own_text}.",
            "portrayal", outlet, HEADINGS["tone"], _evidence(quoted),
            strength=-quoted.tone.mean() * len(quoted) * 0.8))
    return out


def findings(tables: dict[str, pd.DataFrame], incident: Incident) -> list[Finding]:
    """Casting and tone findings per outlet × actor (templates and thresholds: module
    docstring)."""
    m = tables.get("mentions", pd.DataFrame())
    if m.empty:
        return []
    out: list[Finding] = []
    for (outlet, actor), g in m.groupby(["outlet", "actor_id"], sort=True):
        rest = m[(m.outlet != outlet) & (m.actor_id == actor)]
        name = incident.actor_name(actor)
        out += _casting(outlet, name, g, rest)
        out += _tone(outlet, name, g)
    return sorted(out, key=lambda f: -f.strength)


def _cell(row: Any) -> str:
    parts = [f"{getattr(row, f'n_{r}')} {r}" for r in ROLES if getattr(row, f"n_{r}")]
    return f"{' · '.join(parts) or 'no role'} of {row.n_mentions}"


def profile(tables: dict[str, pd.DataFrame], incident: Incident) -> pd.DataFrame:
    """Profile lines per outlet: for each side, how many of its mentions are cast as
    villain, victim or hero ("4 villain · 1 victim of 9")."""
    by_actor = tables.get("by_actor", pd.DataFrame())
    lines: dict[str, dict[str, str]] = {}
    sides = [s for s in incident.sides if not by_actor.empty and s in set(by_actor.side)]
    for outlet in incident.outlets:
        col: dict[str, str] = {}
        for side in sides:
            line = f"Roles cast for {incident.side_name(side)}"
            rows = by_actor[(by_actor.outlet == outlet) & (by_actor.side == side)]
            if rows.empty:
                col[line] = "not mentioned"
                continue
            total = rows[[f"n_{r}" for r in ROLES] + ["n_mentions"]].sum()
            col[line] = _cell(pd.Series(total))
        lines[outlet] = col
    frame = pd.DataFrame(lines).reindex(columns=incident.outlets)
    frame["section"] = HEADINGS["roles"]
    return frame
