"""Per outlet × actor: how often each role is cast, and the tone in each voice.

Shares of mentions cast as villain / victim / hero get percentile bootstrap 95% intervals
over mentions (Efron & Tibshirani 1993). Tone is the mean targeted sentiment of the
mentions whose tone counts (``tone_counted``: a villain's, or a mention with no role that
words of evaluation describe in a sentence that reports no harm;
:func:`framing.portrayal.analysis.tone_counted`),
split by voice: the outlet's own words and the voices it quotes or reports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.core.pipeline import empty_frame
from framing.core.voice import OUTLET
from framing.portrayal.roles import ROLES
from framing.sentiment.aggregate import MIN_MENTIONS, bootstrap_interval

__all__ = ["BY_ACTOR_COLUMNS", "portrayal_by_actor", "tone_cells"]

BY_ACTOR_COLUMNS = [
    "outlet", "actor_id", "side", "n_mentions",
    *[c for r in ROLES for c in (f"n_{r}", f"share_{r}", f"{r}_low", f"{r}_high")],
    "n_by_structure",
    "n_own", "tone_own", "tone_own_low", "tone_own_high",
    "n_quoted", "tone_quoted", "tone_quoted_low", "tone_quoted_high",
    "small_sample",
]


def tone_cells(tones: pd.Series, prefix: str) -> dict:
    """``n_<prefix>``, ``tone_<prefix>`` (mean) and its bootstrap interval."""
    values = tones.dropna().to_numpy(dtype=float)
    low, high = bootstrap_interval(values)
    return {f"n_{prefix}": len(values),
            f"tone_{prefix}": round(float(values.mean()), 4) if len(values) else np.nan,
            f"tone_{prefix}_low": round(low, 4), f"tone_{prefix}_high": round(high, 4)}


def portrayal_by_actor(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet × actor of the ``mentions`` table (see :data:`BY_ACTOR_COLUMNS`).

    ``small_sample`` when fewer than :data:`~framing.sentiment.aggregate.MIN_MENTIONS`
    mentions back the row.
    """
    if mentions.empty:
        return empty_frame(BY_ACTOR_COLUMNS)
    rows = []
    for (outlet, actor), g in mentions.groupby(["outlet", "actor_id"], sort=True):
        row: dict = {"outlet": outlet, "actor_id": actor, "side": g.side.iloc[0],
                     "n_mentions": len(g)}
        for role in ROLES:
            hit = (g.role == role).to_numpy(dtype=float)
            low, high = bootstrap_interval(hit)
            row.update({f"n_{role}": int(hit.sum()), f"share_{role}": round(hit.mean(), 4),
                        f"{role}_low": round(low, 4), f"{role}_high": round(high, 4)})
        row["n_by_structure"] = int((g.role_by == "structure").sum())
        judged = g[g.tone_counted]
        row.update(tone_cells(judged.tone[judged.voice == OUTLET], "own"))
        row.update(tone_cells(judged.tone[judged.voice != OUTLET], "quoted"))
        row["small_sample"] = len(g) < MIN_MENTIONS
        rows.append(row)
    return pd.DataFrame(rows, columns=BY_ACTOR_COLUMNS)
