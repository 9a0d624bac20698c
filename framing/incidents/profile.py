"""Each outlet across many incidents: framing measures against each incident's baseline.

An outlet's loaded-term rate means little on its own: a war is written with more loaded
words than a budget vote by every outlet. So each measure is taken per article
(:mod:`framing.incidents.measures`), the incident's *pooled baseline* is the weighted mean
over all its articles (every outlet's), and the outlet's *deviation* in that incident is the
weighted mean of its own articles minus that baseline (incident fixed effects, the within
estimator: Wooldridge 2010, ch. 10). The outlet's profile value is the mean of its
deviations over the incidents it covered, each incident counting once. An incident counts
for a measure only where at least two outlets have it: with one, the baseline is the
outlet itself and its deviation a meaningless zero.

**Side-based measures.** Sides differ from incident to incident (India and China; police
and protesters), so "casts side X as villain" cannot be compared across incidents. What
can be compared is an outlet's casting *against the other outlets' reading of the same
incident*: for each outlet and incident, the *reference side* is the side the incident's
other outlets, their castings pooled, cast as villain (victim) most — leave-one-out, so an
outlet never defines its own reference; at least :data:`MIN_REFERENCE_CASTINGS` castings
and a single most-cast side are needed, else the outlet has no side-based value there. On
that side the profile reads:

- ``villain_consensus``: the share of the outlet's villain castings that name the side the
  other outlets cast as villain most, minus the incident's pooled share on that side: an
  outlet that keeps naming a different villain than the pack (a counter-frame to the
  dominant one, Entman 2003) is negative across incidents, whatever the sides;
- ``victim_consensus``: the same for victims;
- ``voice_villain_side``: the share of its sourced words (sentences whose source resolves
  to a side) given to the side the others cast as villain, minus the pooled share: whether
  the accused get to speak (the balance of sources: Hopmann, Van Aelst & Legnante 2012);
- ``voice_victim_side``: the same for the side the others cast as victim.

The per-side shares behind them (``villain_share``, ``victim_share``, ``voice_share`` per
incident and side, :func:`outlet_deviations`) are kept as rows of their own, for reading
within one incident. The reference side is taken from the data once and held fixed in the
bootstrap (the intervals are conditional on it).

**Intervals.** A two-stage percentile bootstrap (hierarchical data: Davison & Hinkley 1997,
§3.8; residual resampling: ibid. §6.2). Stage one resamples the outlet's incidents with
replacement. Stage two puts noise on the outlet's value in each drawn incident: most
outlets have one article per incident, whose sampling noise it cannot show by itself, so
each of its articles gets a residual drawn from *all* that incident's articles on the
measure (an article's value minus the pooled baseline; a drawn value is kept within the
measure's range: a share between 0 and 1, a rate not below 0). The spread of the incident's
articles stands for the noise of the outlet's own; since it includes the outlets' own
differences, the interval is conservative (wider than sampling noise alone), so a cell
whose interval excludes zero is a difference that the incident's spread of articles
does not explain (in an incident of two articles the drawn noise spans the two outlets'
difference, so the interval always includes zero there). No interval is given for a cell
resting on fewer than 5 units (harm events, claims, facts, castings) or 100 words (the
report's rule for small samples), nor where every article of its incidents has the same
value (no spread to stand for the noise: "0 loaded terms in all three articles"). With
one or two incidents the interval says how unusual the outlet's articles are *within*
those incidents, not how it would cover the next one: ``n_incidents`` says which.

:func:`coverage_matrix` is the outlets × incidents table of who covered what (article
counts; 0 = the outlet has no article on that incident): where selection shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from framing.incidents.measures import (
    EVIDENCE_COLUMNS,
    SIDE_MEASURES,
    Measure,
    article_measures,
    evidence_rows,
)

if TYPE_CHECKING:
    from distributed import Client

#: The profile's measures, in the order the page shows them.
MEASURES: dict[str, Measure] = {m.name: m for m in (
    Measure("loaded_per_1000", "Loaded terms per 1,000 words", "words", share=False,
            min_units=100, definition="terms of the project lexicons in its own voice per "
            "1,000 words (words it quotes or attributes are its sources')"),
    Measure("agentless_harm", "Harm without an agent", "harm events",
            definition="share of the harm events it states in its own words that name no "
            "agent"),
    Measure("quoted_share", "Words inside quotes", "words", min_units=100,
            definition="share of its words inside quotation marks"),
    Measure("exclusive_share", "Exclusive claims", "claims",
            definition="share of its claims that no other outlet of the incident reports"),
    Measure("omitted_share", "Consensus facts left out", "facts",
            definition="share of the facts every other outlet of the incident reports that "
            "it leaves out (3 or more outlets)"),
    Measure("villain_consensus", "Casts the others' villain", "villain castings",
            definition="share of its villain castings that name the side the incident's "
            "other outlets cast as villain most"),
    Measure("victim_consensus", "Casts the others' victim", "victim castings",
            definition="share of its victim castings that name the side the incident's "
            "other outlets cast as victim most"),
    Measure("voice_villain_side", "Voice of the others' villain", "sourced words",
            min_units=100, definition="share of its sourced words (sentences whose source "
            "is of a side) given to the side the other outlets cast as villain most"),
    Measure("voice_victim_side", "Voice of the others' victim", "sourced words",
            min_units=100, definition="share of its sourced words given to the side the "
            "other outlets cast as victim most"),
)}
#: Side-based profile measure -> (the per-side measure it reads, the role whose reference
#: side it reads it on).
CONSENSUS = {"villain_consensus": ("villain_share", "villain"),
             "victim_consensus": ("victim_share", "victim"),
             "voice_villain_side": ("voice_share", "villain"),
             "voice_victim_side": ("voice_share", "victim")}
#: Fewest castings by the other outlets of an incident that make a reference side.
MIN_REFERENCE_CASTINGS = 2
DEVIATION_COLUMNS = ["outlet", "incident", "measure", "side", "value", "baseline",
                     "deviation", "n_articles", "n_units", "article_ids"]
PROFILE_COLUMNS = ["outlet", "measure", "effect", "low", "high", "n_incidents", "n_articles",
                   "n_units", "no_interval"]


def _cells(measures: pd.DataFrame) -> dict:
    """Index arrays of the bootstrap: rows sorted by (incident, measure, side) group and
    outlet cell, so sums over groups and cells are contiguous."""
    m = measures.sort_values(["incident", "measure", "side", "outlet", "article_id"],
                             kind="stable").reset_index(drop=True)
    group = m.groupby(["incident", "measure", "side"], sort=False).ngroup().to_numpy()
    cell = m.groupby(["incident", "measure", "side", "outlet"], sort=False).ngroup().to_numpy()
    cell_start = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
    group_start = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    keys = m.iloc[cell_start][["incident", "measure", "side", "outlet"]].reset_index(drop=True)
    keys["group"] = group[cell_start]
    outlets_in_group = keys.groupby("group")["outlet"].transform("size").to_numpy()
    keys["valid"] = outlets_in_group >= 2
    keys["n_rows"] = np.diff(np.r_[cell_start, len(m)])
    return {"rows": m, "group_start": group_start, "cell_start": cell_start,
            "keys": keys, "value": m["value"].to_numpy(float),
            "weight": m["weight"].to_numpy(float)}


def _cell_values(design: dict) -> tuple[np.ndarray, np.ndarray]:
    """Every cell's value (the weighted mean of its rows) and its group's pooled baseline
    (NaN baseline for a cell whose group has one outlet)."""
    w, wv = design["weight"], design["weight"] * design["value"]
    value = np.add.reduceat(wv, design["cell_start"]) / np.add.reduceat(w, design["cell_start"])
    base = (np.add.reduceat(wv, design["group_start"])
            / np.add.reduceat(w, design["group_start"]))[design["keys"]["group"].to_numpy()]
    base[~design["keys"]["valid"].to_numpy()] = np.nan
    return value, base


def outlet_deviations(measures: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, incident, measure and side: the outlet's value (weighted mean of its
    articles), the incident's pooled baseline (all outlets' articles), the deviation, the
    articles and units (the weights' sum: words, events, castings...) behind it, and the
    article ids (the evidence a cell links to). Only where 2+ outlets have the measure."""
    if measures.empty:
        return pd.DataFrame(columns=DEVIATION_COLUMNS)
    rows = []
    for (incident, measure, side), group in measures.groupby(["incident", "measure", "side"],
                                                             sort=True):
        if group["outlet"].nunique() < 2:
            continue
        w = group["weight"].to_numpy(float)
        base = float((group["value"].to_numpy(float) * w).sum() / w.sum())
        for outlet, own in group.groupby("outlet", sort=True):
            ow = own["weight"].to_numpy(float)
            value = float((own["value"].to_numpy(float) * ow).sum() / ow.sum())
            rows.append({"outlet": outlet, "incident": incident, "measure": measure,
                         "side": side, "value": value, "baseline": base,
                         "deviation": value - base, "n_articles": len(own),
                         "n_units": float(ow.sum()), "article_ids": list(own["article_id"])})
    return pd.DataFrame(rows, columns=DEVIATION_COLUMNS)


def reference_sides(measures: pd.DataFrame,
                    min_castings: int = MIN_REFERENCE_CASTINGS) -> pd.DataFrame:
    """Per incident, outlet and role (villain, victim): the side the *other* outlets of
    the incident cast in that role most, their castings pooled (leave-one-out); none where
    they cast fewer than ``min_castings`` or two sides tie.

    Returns:
        ``incident, outlet, role, side, others_castings`` (castings of that side by the
        others), ``others_total`` (all their castings in the role).
    """
    cols = ["incident", "outlet", "role", "side", "others_castings", "others_total"]
    rows = []
    for role in ("villain", "victim"):
        part = measures[measures["measure"] == f"{role}_share"]
        if part.empty:
            continue
        counts = (part.assign(n=part["value"] * part["weight"])
                  .groupby(["incident", "outlet", "side"])["n"].sum())
        for incident, per in counts.groupby(level="incident"):
            per = per.droplevel("incident")
            all_sides = per.groupby(level="side").sum()
            for outlet in per.index.get_level_values("outlet").unique():
                others = (all_sides - per.xs(outlet, level="outlet").reindex(
                    all_sides.index, fill_value=0)).round(6)
                total = float(others.sum())
                if total < min_castings:
                    continue
                top = others[others == others.max()]
                if len(top) != 1:
                    continue  # no single side the others cast most
                rows.append((incident, outlet, role, top.index[0], float(top.iloc[0]),
                             total))
    return pd.DataFrame(rows, columns=cols)


def _consensus_keys(keys: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """For each side-based measure, outlet and incident: the index of the per-side cell it
    reads (the outlet's cell on its reference side)."""
    index = {k: i for i, k in enumerate(zip(keys["incident"], keys["measure"], keys["side"],
                                            keys["outlet"], strict=True))}
    rows = []
    for name, (measure, role) in CONSENSUS.items():
        for r in references[references["role"] == role].itertuples():
            at = index.get((r.incident, measure, r.side, r.outlet))
            if at is not None and keys.at[at, "valid"]:
                rows.append((r.outlet, r.incident, name, r.side, at))
    return pd.DataFrame(rows, columns=["outlet", "incident", "measure", "side", "cell"])


def profile_keys(measures: pd.DataFrame, references: pd.DataFrame | None = None
                 ) -> tuple[dict, pd.DataFrame]:
    """The bootstrap design and, per outlet, profile measure and incident, the cell its
    deviation is read from (the measure's own cell; for :data:`CONSENSUS` measures, the
    per-side cell on the reference side)."""
    design = _cells(measures)
    keys = design["keys"]
    plain = keys[keys["valid"] & keys["measure"].isin(MEASURES)]
    own = pd.DataFrame({"outlet": plain["outlet"], "incident": plain["incident"],
                        "measure": plain["measure"], "side": plain["side"],
                        "cell": plain.index})
    references = reference_sides(measures) if references is None else references
    return design, pd.concat([own, _consensus_keys(keys, references)], ignore_index=True)


def profile_deviations(measures: pd.DataFrame, references: pd.DataFrame | None = None, *,
                       keys: tuple[dict, pd.DataFrame] | None = None,
                       deviations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per outlet, incident and *profile* measure (:data:`MEASURES`): its deviation from
    the incident's pooled baseline, with ``side`` (the reference side of a side-based
    measure) and what it rests on; the per-side rows are :func:`outlet_deviations`'.
    ``keys`` and ``deviations``: :func:`profile_keys` and :func:`outlet_deviations` of
    ``measures``, when the caller has them."""
    if measures.empty:
        return pd.DataFrame(columns=DEVIATION_COLUMNS)
    design, which = keys or profile_keys(measures, references)
    dev = (deviations if deviations is not None else outlet_deviations(measures)
           ).set_index(["incident", "measure", "side", "outlet"])
    keys = design["keys"]
    rows = []
    for r in which.itertuples():
        k = keys.iloc[int(r.cell)]
        d = dev.loc[(k.incident, k.measure, k.side, k.outlet)]
        rows.append({"outlet": r.outlet, "incident": r.incident, "measure": r.measure,
                     "side": r.side, "value": d.value, "baseline": d.baseline,
                     "deviation": d.deviation, "n_articles": d.n_articles,
                     "n_units": d.n_units, "article_ids": d.article_ids})
    return pd.DataFrame(rows, columns=DEVIATION_COLUMNS).sort_values(
        ["outlet", "measure", "incident"]).reset_index(drop=True)


def _article_noise(design: dict, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Draws × cells: the noise of each cell's value. Each of the cell's rows (one outlet's
    articles on one measure in one incident) gets a residual drawn with replacement from
    all the incident's articles on that measure (their value minus the pooled baseline);
    the noise is the residuals' mean, weighted as the cell's own articles are."""
    value, weight = design["value"], design["weight"]
    keys = design["keys"]
    group_start = np.r_[design["group_start"], len(value)]
    base = (np.add.reduceat(value * weight, design["group_start"])
            / np.add.reduceat(weight, design["group_start"]))
    group_of_row = np.repeat(np.arange(len(base)), np.diff(group_start))
    residual = value - base[group_of_row]
    noise = np.zeros((n_boot, len(keys)))
    for c, (start, size, g) in enumerate(zip(design["cell_start"], keys["n_rows"],
                                             keys["group"], strict=True)):
        if not keys.at[c, "valid"]:
            continue
        picks = rng.integers(group_start[g], group_start[g + 1], (n_boot, size))
        w = weight[start:start + size]
        noise[:, c] = (residual[picks] * w).sum(axis=1) / w.sum()
    return noise


def outlet_profile(measures: pd.DataFrame, *, n_boot: int = 1000, level: float = 0.95,
                   seed: int = 0, references: pd.DataFrame | None = None,
                   keys: tuple[dict, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Each outlet's mean deviation from the incidents' baselines, per profile measure,
    with a two-stage percentile bootstrap interval (see the module docstring). ``keys``:
    :func:`profile_keys` of ``measures``, when the caller has it.

    Returns:
        Columns :data:`PROFILE_COLUMNS`: ``effect`` (the mean deviation), ``low`` and
        ``high``, ``n_incidents``, ``n_articles``, ``n_units`` (the denominators' sum:
        words, events, castings...) and ``no_interval``: why there is none (fewer units
        than the measure's ``min_units``, or no spread among its incidents' articles),
        else empty.
    """
    if measures.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    design, which = keys or profile_keys(measures, references)
    if which.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    rng = np.random.default_rng(seed)
    keys = design["keys"]
    value, base = _cell_values(design)
    point = value - base
    rate = keys["measure"].map(lambda m: m in MEASURES and not MEASURES[m].share).to_numpy()
    drawn = value[None, :] + _article_noise(design, n_boot, rng)
    # a drawn value stays a possible value: a share in [0, 1], a rate not below 0
    boot = np.clip(drawn, 0.0, np.where(rate, np.inf, 1.0)) - base[None, :]
    rows_of = design["rows"]
    starts = np.r_[design["group_start"], len(design["value"])]
    spread = np.array([np.ptp(design["value"][a:b]) for a, b in zip(starts[:-1], starts[1:],
                                                                     strict=True)])
    flat = spread[keys["group"].to_numpy()] == 0  # every article of the incident alike
    alpha = (1 - level) / 2
    out = []
    for (outlet, measure), part in which.groupby(["outlet", "measure"], sort=True):
        cells = part["cell"].to_numpy(dtype=int)
        k = len(cells)
        draws = boot[:, cells][np.arange(n_boot)[:, None], rng.integers(0, k, (n_boot, k))]
        articles = set()
        units = 0.0
        for c in cells:
            start = design["cell_start"][c]
            block = rows_of.iloc[start:start + keys.at[c, "n_rows"]]
            articles |= set(zip(block["incident"], block["article_id"], strict=True))
            units += float(block["weight"].sum())
        unit = MEASURES[measure]
        why = (f"fewer than {unit.min_units} {unit.unit}" if units < unit.min_units else
               "the articles of its incidents do not differ on it" if flat[cells].all()
               else "")
        low, high = ((np.nan, np.nan) if why else
                     np.quantile(draws.mean(axis=1), [alpha, 1 - alpha]))
        out.append({"outlet": outlet, "measure": measure,
                    "effect": float(np.mean(point[cells])), "low": float(low),
                    "high": float(high), "n_incidents": k, "n_articles": len(articles),
                    "n_units": units, "no_interval": why})
    frame = pd.DataFrame(out, columns=PROFILE_COLUMNS)
    order = {m: i for i, m in enumerate(MEASURES)}
    return frame.sort_values(["outlet", "measure"], key=lambda s: s.map(order)
                             if s.name == "measure" else s).reset_index(drop=True)


def coverage_matrix(articles: pd.DataFrame) -> pd.DataFrame:
    """Outlets (rows) x incidents (columns): how many articles each outlet has on each
    incident; 0 where it has none."""
    return (articles.groupby(["outlet", "incident"]).size().unstack(fill_value=0)
            .sort_index())


def recurring(profile: pd.DataFrame, min_incidents: int = 2) -> list[str]:
    """The outlets profiled over at least ``min_incidents`` incidents on some measure (the
    ones a profile *across* incidents says something about), most incidents first."""
    most = profile.groupby("outlet")["n_incidents"].max()
    most = most[most >= min_incidents]
    return list(most.sort_values(ascending=False, kind="stable").index)


def incident_measures(folder: str | Path | None, spacy_model: str | None = None, *,
                      sentiment_model: str | None = None, coverage_model: str | None = None,
                      proposed_sides: bool = False) -> dict[str, object]:
    """Parse one incident folder, run the terms, blame, portrayal and coverage analyses
    (cached) and return its :func:`incident_tables`."""
    from framing.analyze import run_all
    from framing.core.pipeline import articles_frame, prepare
    from framing.incidents.proposal import actors_reviewed

    parsed = prepare(folder, spacy_model=spacy_model)
    tables = run_all(parsed, names=["terms", "blame", "portrayal", "coverage"],
                     sentiment_model=sentiment_model, coverage_model=coverage_model)
    return incident_tables(parsed.incident, articles_frame(parsed), parsed.sentences, tables,
                           reviewed=actors_reviewed(parsed.incident.path),
                           proposed_sides=proposed_sides)


def incident_tables(incident, articles: pd.DataFrame, sentences: pd.DataFrame,
                    tables: dict[str, dict[str, pd.DataFrame]], *, reviewed: bool = True,
                    proposed_sides: bool = False) -> dict[str, object]:
    """The measures and evidence of one incident from its analysis tables, with its
    ``incident``, ``articles`` and ``sentences`` (each with the incident's slug) and
    ``reviewed``. The side-based rows of an incident whose actors were proposed and not
    reviewed (each actor its own side) are left out unless ``proposed_sides``: proposed
    sides are never silently trusted."""
    slug = incident.slug
    articles = articles.assign(incident=slug)
    measures = article_measures(slug, incident, articles, tables)
    evidence = evidence_rows(slug, incident, articles, sentences, tables)
    if not reviewed and not proposed_sides:
        measures = measures[~measures["measure"].isin(SIDE_MEASURES)]
        evidence = evidence[~evidence["measure"].isin(SIDE_MEASURES)]
    return {"incident": incident, "articles": articles, "reviewed": reviewed,
            "sentences": sentences.assign(incident=slug), "measures": measures,
            "evidence": evidence}


def unique_slugs(incidents: Sequence) -> list[str]:
    """The incidents' slugs, in order; two incidents with one slug are an error (their
    rows could not be told apart)."""
    slugs = [i.slug for i in incidents]
    twice = sorted({s for s in slugs if slugs.count(s) > 1})
    if twice:
        raise ValueError(f"two incident folders have the slug {twice[0]!r}: give each "
                         "incident once (or rename one)")
    return slugs


def combine(parts: Sequence[dict[str, object]], *, n_boot: int = 1000, seed: int = 0
            ) -> dict[str, pd.DataFrame]:
    """The outlet profile over several incidents' :func:`incident_tables`."""
    slugs = unique_slugs([p["incident"] for p in parts])
    articles = pd.concat([p["articles"] for p in parts], ignore_index=True)
    measures = pd.concat([p["measures"] for p in parts], ignore_index=True)
    evidence = pd.concat([p["evidence"] for p in parts], ignore_index=True) if parts else \
        pd.DataFrame(columns=EVIDENCE_COLUMNS)
    references = reference_sides(measures)
    # the bootstrap design and the deviations once, for the three tables that read them
    keys = profile_keys(measures, references) if not measures.empty else None
    deviations = outlet_deviations(measures)
    per_side = deviations["measure"].isin(["villain_share", "victim_share", "voice_share"])
    return {"coverage": coverage_matrix(articles)[slugs],  # incidents in the order given
            "reviewed": {p["incident"].slug: p.get("reviewed", True) for p in parts},
            "articles": articles,
            "sentences": pd.concat([p["sentences"] for p in parts], ignore_index=True),
            "measures": measures,
            "references": references,
            "side_deviations": deviations[per_side].reset_index(drop=True),
            "deviations": profile_deviations(measures, references, keys=keys,
                                             deviations=deviations),
            "profile": outlet_profile(measures, n_boot=n_boot, seed=seed,
                                      references=references, keys=keys),
            "evidence": evidence}


def csv_tables(result: dict[str, object]) -> dict[str, pd.DataFrame]:
    """The profile's tables as written to CSV, those ``result`` has: ``coverage`` (outlets
    as a column), ``profile``, ``deviations``, ``sides`` (per incident and side),
    ``references``, ``measures`` and ``evidence`` (with each row's sentence); article id
    lists joined by spaces."""
    names = {"coverage": "coverage", "profile": "profile", "deviations": "deviations",
             "sides": "side_deviations", "references": "references", "measures": "measures",
             "evidence": "evidence"}
    tables = {name: result[key] for name, key in names.items() if key in result}
    if "coverage" in tables:
        tables["coverage"] = tables["coverage"].reset_index()
    if "evidence" in tables and "sentences" in result:
        sentences: pd.DataFrame = result["sentences"]
        tables["evidence"] = tables["evidence"].merge(
            sentences[["incident", "article_id", "sent_id", "text"]].rename(
                columns={"text": "sentence"}), on=["incident", "article_id", "sent_id"],
            how="left")
    return {name: frame.assign(article_ids=frame["article_ids"].map(" ".join))
            if "article_ids" in frame.columns else frame for name, frame in tables.items()}


def profile_incidents(folders: Sequence[str | Path | None], *, n_boot: int = 1000,
                      spacy_model: str | None = None, sentiment_model: str | None = None,
                      coverage_model: str | None = None, proposed_sides: bool = False,
                      client: Client | None = None) -> dict[str, object]:
    """The outlet profile over several incident folders: ``coverage`` (outlets ×
    incidents), ``deviations`` (per outlet, incident and profile measure, with the article
    ids behind each), ``side_deviations`` (per incident and side), ``references`` (each
    outlet's reference sides), ``profile`` (per outlet and measure, with intervals),
    ``measures`` (per article), ``evidence`` (the units behind every measure),
    ``articles``, ``sentences``, ``incidents`` (the :class:`Incident` objects) and
    ``reviewed`` (per slug: whether a person wrote or reviewed its actors; with
    ``proposed_sides`` the side-based measures use the proposed sides of the others).

    With a Dask ``client`` each incident's analyses run as one task on its workers, and the
    profile is combined here; the tables are the same. Run the per-article stage first
    (:func:`framing.store.staged.stage_incidents`): the workers of a LocalCluster share this
    machine's cache folder and parse nothing; workers elsewhere recompute what they need."""
    from tqdm.auto import tqdm

    folders = list(folders)
    options = {"spacy_model": spacy_model, "sentiment_model": sentiment_model,
               "coverage_model": coverage_model, "proposed_sides": proposed_sides}
    bar = tqdm(total=len(folders), desc="incidents", unit="incident",
               disable=len(folders) < 2)
    if client is None:
        parts = []
        for folder in folders:
            parts.append(incident_measures(folder, **options))
            bar.update(1)
    else:
        from distributed import as_completed

        futures = client.map(incident_measures, folders, pure=False, **options)
        for _ in as_completed(futures):
            bar.update(1)
        parts = client.gather(futures)
    bar.close()
    result: dict[str, object] = combine(parts, n_boot=n_boot)
    result["incidents"] = [p["incident"] for p in parts]
    return result
