"""Each outlet across many incidents: framing measures against each incident's baseline.

An outlet's loaded-term rate means little on its own: a war is written with more loaded
words than a budget vote by every outlet. So each measure is taken per article, the
incident's *pooled baseline* is the mean over all its articles (every outlet), and the
outlet's *deviation* in that incident is the mean of its own articles minus that baseline
(incident fixed effects, the within estimator: Wooldridge 2010, ch. 10). The outlet's
profile value is the mean of its deviations over the incidents it covered, each incident
counting once, with a percentile bootstrap interval (Efron & Tibshirani 1993) that
resamples articles within each incident and recomputes baselines and deviations.

Measures (:func:`article_measures`, per article, from the analyses' tables):

- ``loaded_per_1000``: loaded terms in the outlet's own voice per 1,000 words (terms);
- ``agentless_harm``: share of harm events with no agent (nominal or agentless passive;
  blame's events);
- ``quoted_share``: share of the article's words inside quotes (blame's voice table).

:func:`coverage_matrix` is the outlets x incidents table of who covered what (article
counts; 0 = the outlet has no article on that incident): where selection shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

MEASURES = {
    "loaded_per_1000": "loaded terms per 1,000 words in the outlet's own voice",
    "agentless_harm": "share of harm events without an agent",
    "quoted_share": "share of words inside quotes",
}
AGENTLESS = ("nominal_without_agent", "agentless_passive")
MEASURE_COLUMNS = ["incident", "article_id", "outlet", "measure", "value", "weight"]


def article_measures(incident: str, articles: pd.DataFrame, terms: pd.DataFrame,
                     events: pd.DataFrame, voice: pd.DataFrame) -> pd.DataFrame:
    """The :data:`MEASURES` of each article of one incident, long format.

    Args:
        incident: the incident's slug.
        articles: the base ``articles`` table (``article_id``, ``outlet``, ``words``).
        terms: the terms analysis' ``terms`` table (``voice`` == ``outlet``: own voice).
        events: blame's ``events`` table (``agency``).
        voice: blame's ``voice`` table (``words``, ``quoted_words`` per sentence).

    Returns:
        Columns :data:`MEASURE_COLUMNS`; ``weight`` is the denominator (words, events).
        An article without harm events has no ``agentless_harm`` row.
    """
    rows = []
    own = terms[terms["voice"] == "outlet"].groupby("article_id").size()
    n_events = events.groupby("article_id").size()
    agentless = events[events["agency"].isin(AGENTLESS)].groupby("article_id").size()
    words = voice.groupby("article_id")[["words", "quoted_words"]].sum()
    for a in articles.itertuples():
        rows.append((incident, a.article_id, a.outlet, "loaded_per_1000",
                     1000 * own.get(a.article_id, 0) / max(a.words, 1), float(a.words)))
        if n_events.get(a.article_id, 0):
            n = n_events[a.article_id]
            rows.append((incident, a.article_id, a.outlet, "agentless_harm",
                         agentless.get(a.article_id, 0) / n, float(n)))
        if a.article_id in words.index and words.loc[a.article_id, "words"]:
            w = words.loc[a.article_id]
            rows.append((incident, a.article_id, a.outlet, "quoted_share",
                         w["quoted_words"] / w["words"], float(w["words"])))
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def _weighted(values: np.ndarray, weights: np.ndarray) -> float:
    total = weights.sum()
    return float((values * weights).sum() / total) if total else float(values.mean())


def outlet_deviations(measures: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, incident and measure: the outlet's value (weighted mean of its articles),
    the incident's pooled baseline (all outlets' articles), the deviation, and the articles
    behind it (``article_ids``: the evidence a cell links to)."""
    rows = []
    for (incident, measure), group in measures.groupby(["incident", "measure"], sort=True):
        base = _weighted(group["value"].to_numpy(float), group["weight"].to_numpy(float))
        for outlet, own in group.groupby("outlet", sort=True):
            value = _weighted(own["value"].to_numpy(float), own["weight"].to_numpy(float))
            rows.append({"outlet": outlet, "incident": incident, "measure": measure,
                         "value": value, "baseline": base, "deviation": value - base,
                         "n_articles": len(own), "article_ids": list(own["article_id"])})
    return pd.DataFrame(rows, columns=["outlet", "incident", "measure", "value", "baseline",
                                       "deviation", "n_articles", "article_ids"])


def _profile_values(measures: pd.DataFrame) -> pd.Series:
    dev = outlet_deviations(measures)
    return dev.groupby(["outlet", "measure"])["deviation"].mean()


def outlet_profile(measures: pd.DataFrame, *, n_boot: int = 1000, level: float = 0.95,
                   seed: int = 0) -> pd.DataFrame:
    """Each outlet's mean deviation from the incidents' baselines, per measure, with a
    percentile bootstrap interval (articles resampled within each incident).

    Returns:
        Columns ``outlet, measure, effect, low, high, n_incidents, n_articles``; no
        interval (NaN) for an outlet with a single article on the measure, whose own
        spread cannot be resampled.
    """
    if measures.empty:
        return pd.DataFrame(columns=["outlet", "measure", "effect", "low", "high",
                                     "n_incidents", "n_articles"])
    point = _profile_values(measures)
    rng = np.random.default_rng(seed)
    groups = [g for _, g in measures.groupby("incident", sort=True)]
    draws = []
    for _ in range(n_boot):
        sample = pd.concat([g.iloc[rng.integers(0, len(g), len(g))] for g in groups])
        draws.append(_profile_values(sample).reindex(point.index))
    boot = pd.concat(draws, axis=1)
    alpha = (1 - level) / 2
    dev = outlet_deviations(measures)
    counts = dev.groupby(["outlet", "measure"]).agg(n_incidents=("incident", "nunique"),
                                                     n_articles=("n_articles", "sum"))
    out = pd.DataFrame({"effect": point, "low": boot.quantile(alpha, axis=1),
                        "high": boot.quantile(1 - alpha, axis=1)}).join(counts)
    single = out["n_articles"] < 2  # one article has no spread of its own to resample
    out.loc[single, ["low", "high"]] = np.nan
    return out.reset_index()


def coverage_matrix(articles: pd.DataFrame) -> pd.DataFrame:
    """Outlets (rows) x incidents (columns): how many articles each outlet has on each
    incident; 0 where it has none."""
    return (articles.groupby(["outlet", "incident"]).size().unstack(fill_value=0)
            .sort_index())


def incident_measures(folder: str | Path, spacy_model: str | None = None) -> tuple[
        pd.DataFrame, pd.DataFrame]:
    """Parse one incident folder, run the terms and blame analyses (cached) and return
    ``(articles with their incident, article measures)``."""
    from framing.analyze import run_all
    from framing.core.pipeline import articles_frame, prepare

    parsed = prepare(folder, spacy_model=spacy_model)
    tables = run_all(parsed, names=["terms", "blame"])
    slug = parsed.incident.slug
    articles = articles_frame(parsed).assign(incident=slug)
    measures = article_measures(slug, articles, tables["terms"]["terms"],
                                tables["blame"]["events"], tables["blame"]["voice"])
    return articles, measures


def profile_incidents(folders: Sequence[str | Path], *, n_boot: int = 1000,
                      spacy_model: str | None = None) -> dict[str, pd.DataFrame]:
    """The outlet profile over several incident folders: ``coverage`` (outlets x
    incidents), ``deviations`` (per outlet, incident, measure, with the article ids
    behind each) and ``profile`` (per outlet and measure, with intervals)."""
    from tqdm.auto import tqdm

    arts, meas = [], []
    for folder in tqdm(list(folders), desc="incidents", unit="incident",
                       disable=len(folders) < 2):
        a, m = incident_measures(folder, spacy_model)
        arts.append(a)
        meas.append(m)
    articles = pd.concat(arts, ignore_index=True)
    measures = pd.concat(meas, ignore_index=True)
    return {"coverage": coverage_matrix(articles), "deviations": outlet_deviations(measures),
            "profile": outlet_profile(measures, n_boot=n_boot), "measures": measures}
