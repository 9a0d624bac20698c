"""Matplotlib figures shared by the notebooks and reports, in one consistent style.

Every plot function takes an ``ax=None`` (a new figure is made when absent), returns the
Axes, never calls ``plt.show()`` and never mutates the frame it is given. Actor sides keep
the same colour in every chart and text highlight (:data:`SIDE_COLORS`).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() in ("", "agg") else None

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

# Colour-blind-safe palette (Okabe & Ito 2008); sides not listed get the fallbacks in turn.
SIDE_COLORS: dict[str, str] = {
    "azerbaijan": "#0072B2",
    "armenia": "#D55E00",
    "russia": "#009E73",
    "turkey": "#CC79A7",
    "mediator": "#E69F00",
    "neutral": "#999999",
}
FALLBACK_COLORS = ["#56B4E9", "#F0E442", "#000000", "#882255", "#44AA99", "#117733"]
OUTLET_COLORS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
                 "#882255", "#AA4499"]


def side_color(side: str | None, sides: list[str] | None = None) -> str:
    """Colour of a side: the fixed palette, else a fallback picked by its order in ``sides``."""
    if side in SIDE_COLORS:
        return SIDE_COLORS[side]
    if side is None:
        return SIDE_COLORS["neutral"]
    order = [s for s in (sides or []) if s not in SIDE_COLORS]
    idx = order.index(side) if side in order else abs(hash(side))
    return FALLBACK_COLORS[idx % len(FALLBACK_COLORS)]


def outlet_color(outlet: str, outlets: list[str]) -> str:
    return OUTLET_COLORS[outlets.index(outlet) % len(OUTLET_COLORS)]


def style() -> None:
    """Apply the project's figure style (called by notebooks once)."""
    plt.rcParams.update(
        {
            "figure.dpi": 110,
            "figure.figsize": (7.5, 3.6),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titleweight": "bold",
            "axes.titlesize": 11,
            "axes.labelsize": 10,
            "font.size": 10,
            "legend.frameon": False,
        }
    )


def _ax(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


# --- overview (lead) ------------------------------------------------------------------------


def mentions_by_side(counts: pd.DataFrame, sides: list[str], ax: Axes | None = None) -> Axes:
    """Horizontal stacked bars: actor mentions per outlet, one colour per side.

    Args:
        counts: outlets as index, sides as columns, mention counts as values.
    """
    ax = _ax(ax)
    left = pd.Series(0.0, index=counts.index)
    for side in counts.columns:
        ax.barh(counts.index, counts[side], left=left, color=side_color(side, sides), label=side)
        left = left + counts[side]
    ax.invert_yaxis()
    ax.set_xlabel("actor mentions")
    ax.legend(ncol=min(len(counts.columns), 5), loc="upper center", bbox_to_anchor=(0.5, -0.22))
    return ax


# --- terms ----------------------------------------------------------------------------------


# --- blame ----------------------------------------------------------------------------------


# --- sentiment ------------------------------------------------------------------------------


# --- coverage -------------------------------------------------------------------------------
