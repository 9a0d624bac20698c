"""Scoring incident discovery: B-cubed F1 against gold groupings of articles.

- **AllSides** (Lee et al. 2022, ``allsides_neus``): each story's left, center and right
  articles are one incident; discovery runs over all articles of a half of the stories at
  once (a stream of ~640 articles over six months). The articles have no date of their own,
  only their story's, so the figures are given with the time window (on story dates) and
  without any dates (text and names alone).
- **ECB+** (Cybulska & Vossen 2014, ``pairs/ecbplus/documents.jsonl``): each topic holds two
  incidents of one kind (its two sub-topics); discovery runs on each topic's documents and
  B-cubed F1 is averaged over topics: can it keep two earthquakes apart?
- **real incidents** (``real_incidents``): the project's three incidents as one stream of
  full articles, measured with the chosen settings only.

Settings (``entity_weight``, ``cut``) are chosen on the dev halves (AllSides stories with an
even id, ECB+ topics with an odd number) by the mean of the two dev F1s and then measured on
the other halves, beside the baseline (TF-IDF + single linkage,
:mod:`framing.incidents.baseline`, its threshold chosen on the same dev halves). B-cubed:
Bagga & Baldwin 1998 (:func:`framing.evaluate.metrics.bcubed`).
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from framing.evaluate.metrics import bcubed
from framing.incidents.discover import (
    DiscoveryParams,
    Features,
    article_features,
    cluster,
    score_pairs,
)
from framing.incidents.similarity import entity_vectors

WEIGHTS = (0.0, 0.2, 0.3, 0.35, 0.4, 0.5)
CUTS = (0.3, 0.35, 0.4, 0.425, 0.45, 0.475, 0.5, 0.55, 0.6)
TFIDF_THRESHOLDS = (0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3)


def _subset(features: Features, idx: np.ndarray, dated: bool = True) -> Features:
    keys = [features.keys[i] for i in idx]
    return Features(keys, features.names, features.vectors[idx], entity_vectors(keys),
                    [features.dates[i] if dated else None for i in idx], features.labels)


class _Grid:
    """Discovery labels of subsets of one corpus's articles under many settings: each
    subset's features are taken once, and its candidate pairs scored once per setting of
    what scoring reads (blocking, entity weight), not once per cut."""

    def __init__(self, features: Features) -> None:
        self.features = features
        self.subsets: dict[tuple, Features] = {}
        self.pairs: dict[tuple, Any] = {}

    def labels(self, idx: np.ndarray, params: DiscoveryParams, dated: bool = True
               ) -> np.ndarray:
        key = (idx.tobytes(), dated)
        if key not in self.subsets:
            self.subsets[key] = _subset(self.features, idx, dated)
        sub = self.subsets[key]
        scoring = (key, params.window_days, params.min_cosine, params.max_block_size,
                   params.entity_weight)
        if scoring not in self.pairs:
            self.pairs[scoring] = score_pairs(sub, params)
        return cluster(sub, params, self.pairs[scoring])[0]


def _allsides_f1(grid: _Grid, gold: list[str], idx: np.ndarray,
                 params: DiscoveryParams, dated: bool = True) -> dict[str, float]:
    return bcubed([gold[i] for i in idx], grid.labels(idx, params, dated))


def _ecb_f1(grid: _Grid, topics: np.ndarray, subtopics: list[str],
            chosen: list[int], params: DiscoveryParams) -> dict[str, Any]:
    per_topic = {}
    for topic in chosen:
        idx = np.flatnonzero(topics == topic)
        labels = grid.labels(idx, params)
        per_topic[int(topic)] = bcubed([subtopics[i] for i in idx], labels)
    return {"f1": round(float(np.mean([s["f1"] for s in per_topic.values()])), 4),
            "precision": round(float(np.mean([s["precision"] for s in per_topic.values()])), 4),
            "recall": round(float(np.mean([s["recall"] for s in per_topic.values()])), 4),
            "topics": len(per_topic), "per_topic_f1": {t: s["f1"] for t, s in per_topic.items()}}


def _tfidf_f1(articles: list, gold: list[str], idx: np.ndarray, threshold: float,
              window_days: int | None) -> dict[str, float]:
    from framing.incidents.baseline import single_linkage, tfidf_vectors

    chosen = [articles[i] for i in idx]
    labels = single_linkage(tfidf_vectors(chosen), threshold,
                            [a.published for a in chosen], window_days)
    return bcubed([gold[i] for i in idx], labels)


def _tfidf_ecb(articles: list, topics: np.ndarray, subtopics: list[str], chosen: list[int],
               threshold: float) -> dict[str, float]:
    scores = [_tfidf_f1(articles, subtopics, np.flatnonzero(topics == t), threshold, None)
              for t in chosen]
    return {k: round(float(np.mean([s[k] for s in scores])), 4)
            for k in ("precision", "recall", "f1")}


def _real_incidents(folder: Path, params: DiscoveryParams, threshold: float
                    ) -> dict[str, Any] | None:
    """The project's three real incidents (full articles from 17-23 outlets each, over two
    or three days) as one stream: never used to choose settings."""
    from framing.incidents.baseline import single_linkage, tfidf_vectors
    from framing.incidents.discover import discover
    from framing.incidents.sources import read_stream

    if not folder.is_dir():
        return None
    stream = read_stream(folder)
    gold = [stream.given[a.id] for a in stream.articles]
    result = discover(stream.articles, params)
    base = single_linkage(tfidf_vectors(stream.articles, params.lead_words), threshold,
                          [a.published for a in stream.articles], params.window_days)
    return {"discovery": bcubed(gold, list(result.labels)),
            "baseline_tfidf_single": bcubed(gold, list(base)),
            "articles": len(stream.articles), "incidents": len(set(gold)),
            "proposed": result.n_incidents,
            "note": "settings chosen on AllSides and ECB+; full articles of developing "
                    "stories split into phases at that cut (see records' closest_other)"}


def evaluate_incident_discovery(data: Path, *, window_days: int = 3,
                                lead_words: int = 80) -> dict[str, Any]:
    """B-cubed F1 of incident discovery on AllSides stories and within ECB+ topics (dev
    and other half) and on the project's real incidents, against TF-IDF + single linkage.

    Args:
        window_days: the time window (days) used on AllSides' story dates.
        lead_words: words of the body read after the title.
    """
    from framing.evaluate.datasets.allsides import read_allsides_stories
    from framing.evaluate.datasets.ecbplus import read_ecbplus_documents

    start = time.perf_counter()
    root = Path(data)
    as_articles, as_gold = read_allsides_stories(root / "allsides_neus")
    ecb_articles, ecb_topics, ecb_subs = read_ecbplus_documents(root / "pairs" / "ecbplus")
    as_grid = _Grid(article_features(as_articles, lead_words))
    ecb_grid = _Grid(article_features(ecb_articles, lead_words))
    seconds_features = time.perf_counter() - start
    as_dev = np.array([int(g) % 2 == 0 for g in as_gold])
    dev_idx, other_idx = np.flatnonzero(as_dev), np.flatnonzero(~as_dev)
    topics = np.array(ecb_topics)
    dev_topics = sorted({int(t) for t in topics if t % 2 == 1})
    other_topics = sorted({int(t) for t in topics if t % 2 == 0})

    base = DiscoveryParams(window_days=window_days, lead_words=lead_words)
    grid = []
    for weight in WEIGHTS:
        for cut in CUTS:
            params = replace(base, entity_weight=weight, cut=cut)
            a = _allsides_f1(as_grid, as_gold, dev_idx, params)["f1"]
            e = _ecb_f1(ecb_grid, topics, ecb_subs, dev_topics, params)["f1"]
            grid.append({"entity_weight": weight, "cut": cut, "allsides_dev_f1": a,
                         "ecbplus_dev_f1": e, "mean": round((a + e) / 2, 4)})
    best = max(grid, key=lambda g: (g["mean"], -abs(g["cut"] - 0.45)))
    chosen = replace(base, entity_weight=best["entity_weight"], cut=best["cut"])
    undated = replace(chosen, window_days=None)
    # a stream without dates: the same search on AllSides' dev half with dates ignored
    undated_grid = []
    for weight in WEIGHTS:
        for cut in CUTS:
            params = replace(base, window_days=None, entity_weight=weight, cut=cut)
            undated_grid.append({"entity_weight": weight, "cut": cut, "allsides_dev_f1":
                                 _allsides_f1(as_grid, as_gold, dev_idx, params, False)["f1"]})
    best_undated = max(undated_grid, key=lambda g: g["allsides_dev_f1"])
    undated_tuned = replace(base, window_days=None, entity_weight=best_undated["entity_weight"],
                            cut=best_undated["cut"])

    tf_grid = []
    for threshold in TFIDF_THRESHOLDS:
        a = _tfidf_f1(as_articles, as_gold, dev_idx, threshold, window_days)["f1"]
        e = _tfidf_ecb(ecb_articles, topics, ecb_subs, dev_topics, threshold)["f1"]
        a_undated = _tfidf_f1(as_articles, as_gold, dev_idx, threshold, None)["f1"]
        tf_grid.append({"threshold": threshold, "allsides_dev_f1": a,
                        "allsides_dev_f1_undated": a_undated, "ecbplus_dev_f1": e})
    tf_as = max(tf_grid, key=lambda g: g["allsides_dev_f1"])["threshold"]
    tf_as_undated = max(tf_grid, key=lambda g: g["allsides_dev_f1_undated"])["threshold"]
    tf_ecb = max(tf_grid, key=lambda g: g["ecbplus_dev_f1"])["threshold"]

    def allsides(params: DiscoveryParams, dated: bool, threshold: float) -> dict[str, Any]:
        win = window_days if dated else None
        return {half: {"discovery": _allsides_f1(as_grid, as_gold, idx, params, dated),
                       "baseline_tfidf_single": _tfidf_f1(as_articles, as_gold, idx,
                                                          threshold, win),
                       "articles": len(idx), "stories": len({as_gold[i] for i in idx})}
                for half, idx in (("dev", dev_idx), ("other", other_idx))}

    ecb = {half: {"discovery": _ecb_f1(ecb_grid, topics, ecb_subs, chosen_topics, chosen),
                  "baseline_tfidf_single": _tfidf_ecb(ecb_articles, topics, ecb_subs,
                                                      chosen_topics, tf_ecb),
                  "documents": int(np.isin(topics, chosen_topics).sum())}
           for half, chosen_topics in (("dev", dev_topics), ("other", other_topics))}
    real = _real_incidents(root / "real_incidents", chosen, tf_as)
    return {
        "articles": len(as_articles),
        "real_incidents": real,
        "documents": len(ecb_articles),
        "params": asdict(chosen),
        "allsides": {"window_on_story_dates": allsides(chosen, True, tf_as),
                     "no_dates": allsides(undated, False, tf_as_undated),
                     "no_dates_own_settings": allsides(undated_tuned, False, tf_as_undated)},
        "params_no_dates": asdict(undated_tuned),
        "ecbplus_within_topics": ecb,
        "baseline_thresholds": {"allsides": tf_as, "allsides_no_dates": tf_as_undated,
                                "ecbplus": tf_ecb},
        "grid": grid,
        "grid_no_dates": undated_grid,
        "baseline_grid": tf_grid,
        "targets": {"allsides_f1": 0.85, "ecbplus_within_topic_f1": 0.80},
        "seconds_features": round(seconds_features, 1),
        "seconds": round(time.perf_counter() - start, 1),
        "note": ("dev halves: AllSides stories with an even id, ECB+ topics with an odd "
                 "number; settings and baseline thresholds chosen on them. AllSides articles "
                 "carry their story's date (no date of their own), so 'no_dates' is the "
                 "figure for text and names alone (with the default settings), and "
                 "'no_dates_own_settings' with settings chosen on the dev half for a stream "
                 "without dates. Articles that appear in two stories are "
                 "kept twice (their gold incidents differ)."),
    }
