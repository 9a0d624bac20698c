"""Per-outlet aggregates of targeted and sentence sentiment, with intervals and evidence.

:func:`actor_sentiment` gives, per outlet × actor (or side), the mean targeted score with a
percentile bootstrap 95% interval (Efron & Tibshirani 1993), counts, and a
``small_sample`` flag when fewer than :data:`MIN_MENTIONS` mentions back a cell;
:func:`distribution` counts sentence labels per outlet; :func:`extremes` picks the most
negative and most positive sentences per outlet × actor as evidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.core.pipeline import empty_frame
from framing.sentiment.interface import LABELS

__all__ = ["MIN_MENTIONS", "AGG_COLUMNS", "bootstrap_interval", "actor_sentiment",
           "distribution", "extremes"]

#: A cell backed by fewer mentions than this is flagged ``small_sample``.
MIN_MENTIONS = 5
BOOTSTRAP_SAMPLES = 2000
AGG_COLUMNS = ["n_mentions", "n_sentences", "n_articles", "mean", "ci_low", "ci_high",
               "share_negative", "share_neutral", "share_positive", "small_sample"]


def bootstrap_interval(values: np.ndarray, *, samples: int = BOOTSTRAP_SAMPLES,
                       level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (Efron & Tibshirani 1993).

    NaNs when fewer than two values (no spread to resample); seeded, so reproducible.
    """
    values = np.asarray(values, dtype=np.float64)
    if len(values) < 2:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(samples, len(values)))].mean(1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def actor_sentiment(targets: pd.DataFrame, by: str = "actor_id") -> pd.DataFrame:
    """Per outlet × actor (``by="actor_id"``) or × side (``by="side"``): mean targeted score.

    Each sentence counts once per actor (or side): its mentions' scores are averaged first,
    so a sentence naming Azerbaijan three times is one observation, and the bootstrap
    resamples sentences. ``n_mentions`` counts mentions; ``small_sample`` is true when fewer
    than :data:`MIN_MENTIONS` mentions back the cell. ``ci_low``/``ci_high``: percentile
    bootstrap 95% interval of the mean over sentences (NaN with a single sentence).
    """
    if by not in ("actor_id", "side"):
        raise ValueError("by must be 'actor_id' or 'side'")
    keys = ["outlet", by] if by == "side" else ["outlet", "actor_id", "side"]
    columns = [*keys, *AGG_COLUMNS]
    if targets.empty:
        return empty_frame(columns)
    t = targets.copy()
    t["side"] = t.side.fillna("(none)")
    per_sentence = (t.groupby([*keys, "article_id", "sent_id"], dropna=False)
                    .agg(score=("score", "mean"), mentions=("score", "size")).reset_index())
    rows = []
    mentions_of = dict(tuple(t.groupby(keys, sort=False)))
    for key, group in per_sentence.groupby(keys, sort=True):
        cells = dict(zip(keys, key, strict=True))
        ment = mentions_of[key]
        values = group.score.to_numpy()
        low, high = bootstrap_interval(values)
        shares = ment.label.value_counts(normalize=True)
        n_mentions = int(group.mentions.sum())
        rows.append({
            **cells, "n_mentions": n_mentions, "n_sentences": len(group),
            "n_articles": int(group.article_id.nunique()),
            "mean": round(float(values.mean()), 4),
            "ci_low": round(low, 4), "ci_high": round(high, 4),
            **{f"share_{lab}": round(float(shares.get(lab, 0.0)), 4) for lab in LABELS},
            "small_sample": n_mentions < MIN_MENTIONS,
        })
    out = pd.DataFrame(rows, columns=columns)
    for col in ("n_mentions", "n_sentences", "n_articles"):
        out[col] = out[col].astype("Int64")
    out["small_sample"] = out.small_sample.astype(bool)
    return out


def distribution(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentence labels per outlet: counts and shares (every outlet × label, zeros kept)."""
    columns = ["outlet", "label", "sentences", "share"]
    if sentences.empty:
        return empty_frame(columns)
    counts = pd.crosstab(sentences.outlet, sentences.label).reindex(columns=list(LABELS),
                                                                   fill_value=0)
    out = counts.stack().rename("sentences").reset_index()
    out["share"] = (out.sentences / out.groupby("outlet").sentences.transform("sum")).round(4)
    return out[columns]


def extremes(targets: pd.DataFrame, n: int = 2, by: str = "actor_id") -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences per outlet × actor (evidence).

    A sentence appears once per actor (its mentions averaged); ``end_of_scale`` says which
    end it is on. Sentences scoring exactly 0 on the "positive" side are left out.
    """
    columns = ["outlet", by, "end_of_scale", "score", "label", "surface", "sentence",
               "article_id", "sent_id", "start", "end"]
    if targets.empty:
        return empty_frame(columns)
    per = (targets.groupby(["outlet", by, "article_id", "sent_id"], dropna=False)
           .agg(score=("score", "mean"), label=("label", "first"),
                surface=("surface", lambda s: ", ".join(dict.fromkeys(s))),
                sentence=("sentence", "first"), start=("sent_start", "first"),
                end=("sent_end", "first")).reset_index())
    parts = []
    for _, group in per.groupby(["outlet", by], sort=True):
        neg = group.nsmallest(n, "score").assign(end_of_scale="most negative")
        neg = neg[neg.score < 0]
        pos = group.nlargest(n, "score").assign(end_of_scale="most positive")
        pos = pos[pos.score > 0]
        parts += [neg, pos]
    if not parts:
        return empty_frame(columns)
    out = pd.concat(parts, ignore_index=True)
    out["score"] = out.score.round(4)
    return out[columns]

