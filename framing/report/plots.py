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


#: Past this many outlets, charts switch from grouped bars and one-row-per-pair layouts to
#: sorted dot plots and small multiples (one panel per category or side).
MANY_OUTLETS = 6


def many(outlets: list[str]) -> bool:
    """Whether ``outlets`` are too many for grouped bars (:data:`MANY_OUTLETS`)."""
    return len(outlets) > MANY_OUTLETS


def grid(n: int, ncols: int = 4, panel: tuple[float, float] = (4.2, 3.2)
         ) -> tuple[matplotlib.figure.Figure, list[Axes]]:
    """A figure of ``n`` small multiples, ``ncols`` per row (fewer when n is smaller); the
    unused panels are switched off. Returns the figure and the ``n`` axes in reading order."""
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel[0] * ncols, panel[1] * nrows),
                             squeeze=False)
    flat = list(axes.flat)
    for extra in flat[n:]:
        extra.set_axis_off()
    return fig, flat[:n]


def short_outlet(name: str, n: int = 22) -> str:
    """An outlet name short enough for an axis label ("China Military Online (PLA Daily)"
    -> "China Military Online")."""
    short = name.split(" (")[0]
    return short if len(short) <= n else short[: n - 1] + "…"


# --- overview (lead) ------------------------------------------------------------------------


def _bars_size(rows: int) -> tuple[float, float]:
    """A figure size for ``rows`` horizontal bars: the default height, taller past ten rows
    so that every bar keeps a legible label."""
    return (7.5, max(3.6, 0.26 * rows + 1.8))


def _stacked_barh(table: pd.DataFrame, colors: dict[str, str], ax: Axes, xlabel: str) -> Axes:
    left = pd.Series(0.0, index=range(len(table)))
    labels = [" / ".join(map(str, i)) if isinstance(i, tuple) else str(i) for i in table.index]
    for col in table.columns:
        vals = table[col].to_numpy(dtype=float)
        ax.barh(range(len(table)), vals, left=left, color=colors.get(col, "#999999"),
                label=str(col).replace("_", " "))
        left = left + vals
    ax.set_yticks(range(len(table)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.legend(ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.25), fontsize=8)
    return ax


def mentions_by_side(counts: pd.DataFrame, sides: list[str], ax: Axes | None = None) -> Axes:
    """Horizontal stacked bars: actor mentions per outlet, one colour per side.

    Args:
        counts: outlets as index, sides as columns, mention counts as values.
    """
    colors = {side: side_color(side, sides) for side in counts.columns}
    return _stacked_barh(counts, colors, _ax(ax, _bars_size(len(counts))), "actor mentions")


# --- terms ----------------------------------------------------------------------------------

#: Colours of loaded-term categories in charts and highlighted texts.
TERM_COLORS: dict[str, str] = {
    "delegitimising label": "#CC3311",
    "conflict intensifier": "#EE7733",
    "doubt and distancing": "#AA3377",
    "emotional and moral": "#EE3377",
    "hedge": "#33BBEE",
    "valence": "#BBBBBB",
    "scare quote": "#009988",
    "learned (BABE)": "#0077BB",
}


def term_color(category: str) -> str:
    """Colour of a term category (user categories get a neutral dark grey)."""
    return TERM_COLORS.get(category, "#555555")


def term_rates(rates: pd.DataFrame, outlets: list[str] | None = None,
               ax: Axes | None = None) -> Axes:
    """Grouped horizontal bars: loaded terms per 1,000 words by category, one bar per outlet.

    Args:
        rates: ``framing.terms.detect.term_rates`` rows (outlet, category, n, per_1000).
        outlets: bar order and colours (default: order of appearance).
    """
    outlets = outlets or list(dict.fromkeys(rates["outlet"]))
    cats = list(dict.fromkeys(rates["category"]))
    if many(outlets):
        return _term_rates_dots(rates, outlets, cats, ax)
    ax = _ax(ax, (7.5, 0.45 * len(cats) * max(len(outlets), 2) / 2 + 1.2))
    height = 0.8 / max(len(outlets), 1)
    table = rates.pivot_table(index="category", columns="outlet", values="per_1000",
                              aggfunc="sum").reindex(index=cats, columns=outlets).fillna(0)
    counts = rates.pivot_table(index="category", columns="outlet", values="n",
                               aggfunc="sum").reindex(index=cats, columns=outlets).fillna(0)
    for k, outlet in enumerate(outlets):
        ys = [i + (k - (len(outlets) - 1) / 2) * height for i in range(len(cats))]
        bars = ax.barh(ys, table[outlet], height=height, label=outlet,
                       color=outlet_color(outlet, outlets))
        for bar, n in zip(bars, counts[outlet], strict=True):
            if n:
                ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {int(n)}",
                        va="center", fontsize=8, color="#444")
    ax.set_yticks(range(len(cats)), cats)
    ax.invert_yaxis()
    ax.set_xlabel("per 1,000 words (bar labels: counts)")
    ax.legend(loc="lower right")
    return ax


def _term_rates_dots(rates: pd.DataFrame, outlets: list[str], cats: list[str],
                     ax: Axes | None) -> Axes:
    """Many outlets: one row per outlet, sorted by its total rate, a dot per category."""
    table = rates.pivot_table(index="outlet", columns="category", values="per_1000",
                              aggfunc="sum").reindex(index=outlets, columns=cats).fillna(0)
    table = table.loc[table.sum(axis=1).sort_values().index]
    ax = _ax(ax, (7.5, 0.28 * len(outlets) + 1.4))
    for cat in cats:
        ax.scatter(table[cat], range(len(table)), s=28, color=term_color(cat), label=cat,
                   zorder=2, alpha=0.9)
    ax.scatter(table.sum(axis=1), range(len(table)), s=40, marker="|", color="#111111",
               label="all categories", zorder=3)
    for i in range(len(table)):
        ax.axhline(i, color="#eeeeee", linewidth=0.6, zorder=1)
    ax.set_yticks(range(len(table)), [short_outlet(o) for o in table.index], fontsize=8.5)
    ax.set_xlabel("per 1,000 words (outlets sorted by the total)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return ax


def distinctive_terms(top: pd.DataFrame, outlet: str, outlets: list[str] | None = None,
                      ax: Axes | None = None) -> Axes:
    """Horizontal bars of the Fightin' Words z-score of one outlet's most distinctive terms.

    Args:
        top: ``framing.terms.distinctive.top_distinctive`` rows (outlet, term, z, n_outlet, n_rest).
    """
    rows = top[top["outlet"] == outlet].sort_values("z")
    ax = _ax(ax, (4.2, 0.28 * max(len(rows), 3) + 1))
    color = outlet_color(outlet, outlets or [outlet])
    ax.barh([f"{t} ({a}/{b})" for t, a, b in zip(rows["term"], rows["n_outlet"],
                                                    rows["n_rest"], strict=True)],
            rows["z"], color=color)
    ax.set_xlabel("z (log-odds vs rest, informative prior)")
    ax.set_title(outlet)
    return ax


# --- blame ----------------------------------------------------------------------------------

#: Agency voices from most to least explicit about who acted (framing.blame.events.VOICES).
VOICE_COLORS: dict[str, str] = {
    "active_with_agent": "#08519C",
    "passive_with_agent": "#4292C6",
    "nominal_with_agent": "#9ECAE1",
    "instrument_subject": "#FDAE6B",
    "agentless_passive": "#E6550D",
    "nominal_without_agent": "#A63603",
    "intransitive_outcome": "#7F2704",
}
#: Reporting-verb stance classes (framing.core.reporting.STANCE_CLASSES).
STANCE_COLORS: dict[str, str] = {
    "neutral": "#BBBBBB",
    "endorsing": "#009E73",
    "distancing": "#E69F00",
    "accusatory": "#D55E00",
    "denying": "#CC79A7",
}


def agent_target_heatmap(matrix: pd.DataFrame, title: str = "", ax: Axes | None = None
                         ) -> Axes:
    """Counts of harm events: agent side (rows) × target side (columns), numbers in cells.

    Args:
        matrix: output of ``framing.blame.analysis.agent_target_matrix`` for one outlet.
    """
    ax = _ax(ax, (4.2, 3.2))
    if matrix.empty:
        ax.text(0.5, 0.5, "no harm events", ha="center", va="center")
        ax.set_axis_off()
        return ax
    data = matrix.to_numpy(dtype=float)
    ax.imshow(data, cmap="Reds", vmin=0, vmax=max(data.max(), 1))
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            ax.text(j, i, int(data[i, j]), ha="center", va="center",
                    color="white" if data[i, j] > data.max() / 2 else "black")
    ax.set_xlabel("target side")
    ax.set_ylabel("agent side")
    ax.set_title(title)
    return ax


def voice_by_victim(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars: harm events per (outlet, victim side), split by agency voice.

    Args:
        table: output of ``framing.blame.analysis.voice_by_victim`` (index outlet × target side,
            columns voices, counts).
    """
    ax = _ax(ax, _bars_size(len(table)))
    cols = [v for v in VOICE_COLORS if v in table.columns] + [
        c for c in table.columns if c not in VOICE_COLORS]
    return _stacked_barh(table[cols], VOICE_COLORS, ax, "harm events")


def share_of_voice(sov: pd.DataFrame, sides: list[str], ax: Axes | None = None,
                   measure: str = "share_sentences") -> Axes:
    """Stacked bars per outlet: share of sentences (or words) attributed to each side.

    Args:
        sov: ``framing.blame.analysis.share_of_voice`` output (outlet, source_side, shares).
        sides: the incident's sides, for colours; ``narrator`` and ``unresolved`` are grey.
    """
    table = sov.pivot_table(index="outlet", columns="source_side", values=measure,
                            fill_value=0, sort=False)
    ax = _ax(ax, _bars_size(len(table)))
    order = [s for s in [*sides, "unresolved", "narrator"] if s in table.columns]
    colors = {s: side_color(s, sides) for s in sides}
    colors.update({"narrator": "#E0E0E0", "unresolved": "#777777"})
    return _stacked_barh(table[order], colors, ax,
                         "share of sentences" if measure == "share_sentences"
                         else "share of words")


def stance_by_side(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars per (outlet, source side): reporting verbs by stance class."""
    ax = _ax(ax, _bars_size(len(table)))
    cols = [c for c in STANCE_COLORS if c in table.columns]
    cols += [c for c in table.columns if c not in STANCE_COLORS]  # none dropped unseen
    return _stacked_barh(table[cols], STANCE_COLORS, ax, "reporting verbs")



# --- sentiment ------------------------------------------------------------------------------

#: Colours of the three sentiment classes (ends of the RdBu diverging scale).
SENTIMENT_COLORS: dict[str, str] = {"negative": "#B2182B", "neutral": "#BDBDBD",
                                    "positive": "#2166AC"}


def sentiment_heatmap(agg: pd.DataFrame, columns: str = "actor_id",
                      labels: dict[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Outlets (rows) × actors or sides (columns): mean targeted sentiment, −1 to +1.

    Each cell shows the mean, its 95% interval and the number of mentions; cells flagged
    ``small_sample`` are hatched and their text is grey.

    Args:
        agg: ``framing.sentiment.aggregate.actor_sentiment`` output (outlet, ``columns``, mean,
            ci_low, ci_high, n_mentions, small_sample).
        columns: ``"actor_id"`` or ``"side"``.
        labels: optional display names for the column values.
    """
    import textwrap

    import numpy as np

    outlets = list(dict.fromkeys(agg.outlet))
    keys = list(dict.fromkeys(agg[columns]))
    compact = many(outlets)  # one line per cell: mean and n only
    ax = _ax(ax, figsize=(1.45 * len(keys) + 2.4,
                          (0.42 if compact else 0.95) * len(outlets) + 1.4))
    grid = np.full((len(outlets), len(keys)), np.nan)
    cells = {(r.outlet, getattr(r, columns)): r for r in agg.itertuples()}
    for (o, k), r in cells.items():
        grid[outlets.index(o), keys.index(k)] = r.mean
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    for (o, k), r in cells.items():
        i, j = outlets.index(o), keys.index(k)
        interval = ("" if pd.isna(r.ci_low) or compact
                    else f"\n[{r.ci_low:+.2f}, {r.ci_high:+.2f}]")
        small = bool(r.small_sample)
        dark = abs(r.mean) > 0.55
        note = " (small)" if small else ""
        sep = " " if compact else "\n"
        ax.text(j, i, f"{r.mean:+.2f}{interval}{sep}n={r.n_mentions}{note}", ha="center",
                va="center", fontsize=8, color="white" if dark else "#222222",
                fontstyle="italic" if small else "normal")
        if small:
            ax.add_patch(matplotlib.patches.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False,
                                                      hatch="///", edgecolor="#BBBBBB",
                                                      linewidth=0))
    for i, j in zip(*np.where(np.isnan(grid)), strict=True):
        ax.text(j, i, "not mentioned", ha="center", va="center", fontsize=8, color="#999999")
    names = [textwrap.fill(str((labels or {}).get(k, k)), 18) for k in keys]
    ax.set_xticks(range(len(keys)), names, rotation=0 if len(keys) <= 6 else 30,
                  ha="center" if len(keys) <= 6 else "right", fontsize=9)
    ax.set_yticks(range(len(outlets)), [short_outlet(o) for o in outlets] if compact
                  else outlets)
    ax.spines[:].set_visible(False)
    ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="P(pos) − P(neg)")
    return ax


def sentiment_intervals(agg: pd.DataFrame, key: str = "side", sides: list[str] | None = None,
                        ax: Axes | None = None) -> Axes:
    """Mean targeted sentiment with its 95% interval, one row per outlet × ``key``.

    Points are coloured by side; hollow points mark small samples (fewer than 5 mentions).
    """
    if ax is None and many(list(dict.fromkeys(agg.outlet))):
        return _intervals_by_key(agg, key, sides)
    rows = agg.sort_values([key, "outlet"]).reset_index(drop=True)
    ax = _ax(ax, figsize=(7.5, 0.32 * len(rows) + 1.2))
    for i, r in enumerate(rows.itertuples()):
        color = side_color(r.side, sides)
        if not pd.isna(r.ci_low):
            ax.plot([r.ci_low, r.ci_high], [i, i], color=color, linewidth=2, alpha=0.8)
        ax.plot([r.mean], [i], "o", color=color, markersize=7,
                markerfacecolor="white" if r.small_sample else color)
    ax.axvline(0, color="#999999", linewidth=0.8, linestyle="--")
    ax.set_yticks(range(len(rows)),
                  [f"{getattr(r, key)} · {r.outlet} (n={r.n_mentions})" for r in rows.itertuples()])
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("sentiment toward actor, mean and 95% bootstrap interval")
    return ax


def _intervals_by_key(agg: pd.DataFrame, key: str, sides: list[str] | None) -> Axes:
    """Many outlets: one panel per side (or actor), outlets sorted by their mean."""
    keys = list(dict.fromkeys(agg[key]))
    n_outlets = agg.outlet.nunique()
    fig, axes = grid(len(keys), ncols=3, panel=(4.4, 0.26 * n_outlets + 1.2))
    for ax, value in zip(axes, keys, strict=True):
        rows = agg[agg[key] == value].sort_values("mean").reset_index(drop=True)
        for i, r in enumerate(rows.itertuples()):
            color = side_color(r.side, sides)
            if not pd.isna(r.ci_low):
                ax.plot([r.ci_low, r.ci_high], [i, i], color=color, linewidth=2, alpha=0.8)
            ax.plot([r.mean], [i], "o", color=color, markersize=6,
                    markerfacecolor="white" if r.small_sample else color)
        ax.axvline(0, color="#999999", linewidth=0.8, linestyle="--")
        ax.set_yticks(range(len(rows)), [f"{short_outlet(r.outlet)} ({r.n_mentions})"
                                         for r in rows.itertuples()], fontsize=7.5)
        ax.set_xlim(-1.05, 1.05)
        ax.set_title(str(value), fontsize=10)
    fig.supxlabel("sentiment toward the side, mean and 95% bootstrap interval "
                  "(hollow: fewer than 5 mentions)", fontsize=9)
    fig.tight_layout()
    return axes[0]


def sentiment_distribution(dist: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Share of negative / neutral / positive sentences per outlet (stacked bars)."""
    table = dist.pivot_table(index="outlet", columns="label", values="share", aggfunc="sum",
                             fill_value=0)
    table = table.reindex(columns=[c for c in SENTIMENT_COLORS if c in table.columns])
    ax = _ax(ax, figsize=(7.5, 0.5 * len(table) + 1.3))
    _stacked_barh(table, SENTIMENT_COLORS, ax, "share of sentences")
    ax.set_xlim(0, 1)
    return ax


def sentiment_trajectory(sentences: pd.DataFrame, outlets: list[str] | None = None,
                         ax: Axes | None = None) -> Axes:
    """Sentence sentiment through each article: points per sentence, line = rolling mean.

    Args:
        sentences: ``framing.sentiment.scoring.sentence_sentiment`` output (article_id, outlet,
            sent_id, score, rolling_score).
    """
    outlets = outlets or list(dict.fromkeys(sentences.outlet))
    ax = _ax(ax)
    seen: set[str] = set()
    for _, s in sentences.groupby("article_id", sort=False):
        s = s.sort_values("sent_id")
        outlet = s.outlet.iloc[0]
        color = outlet_color(outlet, outlets) if outlet in outlets else "#777777"
        ax.scatter(s.sent_id, s.score, color=color, s=14, alpha=0.5)
        ax.plot(s.sent_id, s.rolling_score, color=color, linewidth=1.8,
                label=None if outlet in seen else outlet)
        seen.add(outlet)
    ax.axhline(0, color="#999999", linewidth=0.8, linestyle="--")
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("sentence (0 = headline)")
    ax.set_ylabel("sentiment (P(pos) − P(neg))")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=min(len(seen), 4))
    return ax



# --- coverage -------------------------------------------------------------------------------

SECTION_STYLE: dict[str, tuple[str, str]] = {
    # section -> (marker, colour): earlier in the article = larger, darker marker
    "headline": ("*", "#000000"),
    "lead": ("o", "#0072B2"),
    "body": ("o", "#56B4E9"),
    "end": ("v", "#E69F00"),
}


def _short_label(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def coverage_matrix(coverage: pd.DataFrame, outlets: list[str], ax: Axes | None = None,
                    max_facts: int | None = 40) -> Axes:
    """Facts (rows) × outlets (columns): a marker where an outlet reports the fact, its
    shape and colour giving the section of the outlet's earliest version.

    Args:
        coverage: :func:`framing.coverage.analysis.coverage_table` (one row per fact and outlet).
        outlets: column order.
        max_facts: show at most this many facts (shared facts first, then by position).
    """
    present = coverage[coverage["present"]]
    order = (present.groupby("fact_id")
             .agg(n=("n_outlets", "first"), pos=("position", "min"), label=("fact", "first"))
             .sort_values(["n", "pos"], ascending=[False, True]))
    if max_facts is not None:
        order = order.head(max_facts)
    rows = {fid: k for k, fid in enumerate(order.index)}
    if many(outlets):
        return _coverage_by_outlet(present, outlets, order, ax)
    ax = _ax(ax, figsize=(2.2 + 1.1 * len(outlets), 0.9 + 0.28 * len(rows)))
    for col, outlet in enumerate(outlets):
        ax.scatter([col] * len(rows), list(rows.values()), s=12, color="#eeeeee", zorder=1)
        mine = present[(present["outlet"] == outlet) & present["fact_id"].isin(rows)]
        for section, (marker, color) in SECTION_STYLE.items():
            part = mine[mine["section"] == section]
            ax.scatter([col] * len(part), [rows[f] for f in part["fact_id"]],
                       marker=marker, s=90 if marker == "*" else 55, color=color,
                       edgecolor="white", linewidth=0.5, zorder=2, label=section)
    ax.set_xticks(range(len(outlets)), outlets, rotation=20, ha="right")
    ax.set_yticks(list(rows.values()),
                  [f"{fid}: {_short_label(lbl)}" for fid, lbl in order["label"].items()],
                  fontsize=7.5)
    ax.set_xlim(-0.6, len(outlets) - 0.4)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.tick_top()
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), title="earliest version in", fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def _coverage_by_outlet(present: pd.DataFrame, outlets: list[str], order: pd.DataFrame,
                        ax: Axes | None) -> Axes:
    """Many outlets: outlets (rows, short names) × facts (columns, by id; the fact's text is
    in the table below the chart), so that every label stays legible."""
    cols = {fid: k for k, fid in enumerate(order.index)}
    ax = _ax(ax, figsize=(min(3.2 + 0.24 * len(cols), 12.5), 1.2 + 0.3 * len(outlets)))
    for row, outlet in enumerate(outlets):
        ax.scatter(list(cols.values()), [row] * len(cols), s=8, color="#eeeeee", zorder=1)
        mine = present[(present["outlet"] == outlet) & present["fact_id"].isin(cols)]
        for section, (marker, color) in SECTION_STYLE.items():
            part = mine[mine["section"] == section]
            ax.scatter([cols[f] for f in part["fact_id"]], [row] * len(part), marker=marker,
                       s=70 if marker == "*" else 40, color=color, edgecolor="white",
                       linewidth=0.5, zorder=2, label=section)
    ax.set_yticks(range(len(outlets)), [short_outlet(o) for o in outlets], fontsize=8.5)
    ax.set_xticks(list(cols.values()), [str(f) for f in order.index], fontsize=7,
                  rotation=90)
    ax.set_xlabel("fact (id, as in the table below; shared facts first)")
    ax.set_xlim(-0.6, len(cols) - 0.4)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), title="earliest version in", fontsize=8,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def exclusive_share(share: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars: each outlet's share of claims that no other outlet reports.

    Args:
        share: :func:`framing.coverage.analysis.exclusive_share` (outlet, claims, exclusive_claims,
            exclusive_share).
    """
    ax = _ax(ax, figsize=(6.5, 0.8 + 0.45 * len(share)))
    outlets = list(share["outlet"])
    colors = [outlet_color(o, outlets) for o in outlets]
    ax.barh(outlets, share["exclusive_share"], color=colors)
    for y, (n, k) in enumerate(zip(share["claims"], share["exclusive_claims"], strict=True)):
        ax.text(share["exclusive_share"].iloc[y] + 0.01, y, f"{k} of {n} claims",
                va="center", fontsize=8)
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("share of the outlet's claims that are exclusive")
    return ax


#: Colours of the portrayal roles (villain, victim, hero, none).
ROLE_COLORS = {"villain": "#CC3311", "victim": "#0077BB", "hero": "#009988", "none": "#DDDDDD"}


def role_shares(by_actor: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Share of each outlet's mentions of each actor cast as villain / victim / hero / no
    role (stacked bars, one per outlet × actor, labelled with the number of mentions)."""
    rows = by_actor.sort_values(["actor_id", "outlet"])
    table = pd.DataFrame({
        role: rows[f"share_{role}"].to_numpy() for role in ("villain", "victim", "hero")},
        index=[f"{getattr(r, 'actor', r.actor_id)} · {r.outlet} (n={r.n_mentions})"
               for r in rows.itertuples()])
    table["none"] = (1 - table.sum(axis=1)).clip(lower=0)
    ax = _ax(ax, figsize=(7.5, 0.3 * len(table) + 1.3))
    _stacked_barh(table, ROLE_COLORS, ax, "share of mentions")
    ax.set_xlim(0, 1)
    return ax


def tone_by_voice(by_actor: pd.DataFrame, sides: list[str] | None = None,
                  ax: Axes | None = None) -> Axes:
    """Mean tone toward each actor in the outlet's own words (filled) and in the voices it
    quotes or reports (hollow), with 95% intervals, over the mentions whose tone counts
    (never a victim's)."""
    rows = by_actor.sort_values(["actor_id", "outlet"]).reset_index(drop=True)
    ax = _ax(ax, figsize=(7.5, 0.32 * len(rows) + 1.2))
    for i, r in enumerate(rows.itertuples()):
        color = side_color(r.side, sides)
        for voice, offset, face in (("own", -0.15, color), ("quoted", 0.15, "white")):
            mean, low, high = (getattr(r, f"tone_{voice}"), getattr(r, f"tone_{voice}_low"),
                               getattr(r, f"tone_{voice}_high"))
            if pd.isna(mean):
                continue
            if not pd.isna(low):
                ax.plot([low, high], [i + offset] * 2, color=color, linewidth=1.5, alpha=0.8)
            ax.plot([mean], [i + offset], "o", color=color, markerfacecolor=face, markersize=6)
    ax.axvline(0, color="#999999", linewidth=0.8, linestyle="--")
    ax.set_yticks(range(len(rows)), [f"{getattr(r, 'actor', r.actor_id)} · {r.outlet} "
                                     f"(own {r.n_own}, quoted "
                                     f"{r.n_quoted})" for r in rows.itertuples()])
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("tone toward actor (filled: outlet's own words; hollow: quoted sources)")
    return ax


# --- outlets across incidents --------------------------------------------------------------


def incident_coverage(coverage: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Outlets (rows, in the frame's order, whole names: "CNN (Online News)" and "CNN (via
    KIMT)" are two outlets) × incidents (columns): a dot where the outlet has articles on
    the incident, larger for more; the frame is
    :func:`framing.incidents.profile.coverage_matrix` (or a subset of its rows)."""
    n_out, n_inc = coverage.shape
    ax = _ax(ax, figsize=(min(2.8 + 0.32 * n_inc, 13.0), 1.0 + 0.26 * n_out))
    for row, outlet in enumerate(coverage.index):
        counts = coverage.loc[outlet].to_numpy(dtype=float)
        ax.scatter(range(n_inc), [row] * n_inc, s=8, color="#eeeeee", zorder=1)
        have = counts > 0
        ax.scatter([c for c, h in enumerate(have) if h], [row] * int(have.sum()),
                   s=28 + 22 * (counts[have] - 1).clip(0, 4), color="#332288", zorder=2)
    ax.set_yticks(range(n_out), [_short_label(o, 30) for o in coverage.index], fontsize=8)
    ax.set_xticks(range(n_inc), [_short_label(str(c), 28) for c in coverage.columns],
                  rotation=90, fontsize=7.5)
    ax.set_xlim(-0.6, n_inc - 0.4)
    ax.set_ylim(n_out - 0.5, -0.5)
    ax.grid(axis="x", color="#f3f4f6", zorder=0)
    return ax


def outlet_effects(frame: pd.DataFrame, ncols: int = 3) -> Axes:
    """Small multiples, one panel per measure (``panel``): each outlet's mean deviation
    from the incidents' baselines (``effect``) with its interval (``low``, ``high``),
    outlets sorted within each panel; hollow points rest on a single incident. Returns the
    first panel's Axes."""
    panels = list(dict.fromkeys(frame["panel"]))
    n_outlets = frame["outlet"].nunique()
    fig, axes = grid(len(panels), ncols=ncols, panel=(4.4, 0.24 * n_outlets + 1.3))
    for ax, panel in zip(axes, panels, strict=True):
        rows = frame[frame["panel"] == panel].sort_values("effect").reset_index(drop=True)
        for i, r in enumerate(rows.itertuples()):
            if not pd.isna(r.low):
                ax.plot([r.low, r.high], [i, i], color="#332288", linewidth=1.8, alpha=0.7)
            ax.plot([r.effect], [i], "o", color="#332288", markersize=5.5,
                    markerfacecolor="white" if r.n_incidents < 2 else "#332288")
        ax.axvline(0, color="#999999", linewidth=0.8, linestyle="--")
        ax.set_yticks(range(len(rows)), [f"{_short_label(r.outlet, 30)} ({r.n_incidents})"
                                         for r in rows.itertuples()], fontsize=7.5)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_title(_short_label(panel, 48), fontsize=9.5)
    fig.supxlabel("deviation from the incidents' baselines, mean and 95% bootstrap interval "
                  "(incidents in brackets; hollow: one incident)", fontsize=9)
    fig.tight_layout()
    return axes[0]
