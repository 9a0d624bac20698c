"""Evaluate the coverage aligner against hand-labelled cross-outlet sentence pairs.

``framing evaluate coverage --data data/alignments`` (a gold CSV or a folder of them; format
in ``data/alignments/README.md``) loads each labelled incident — the project's own incidents
through :mod:`framing.core.corpus`, BASIL events (Fan et al. 2019) through
:mod:`framing.evaluate.datasets.basil` from ``../shared/eval/basil`` — runs the aligner and
reports:

- **pair precision / recall / F1**: a labelled sentence pair is predicted "same fact" when
  the two sentences have claims in the same fact (:func:`framing.coverage.facts.sentence_pairs`);
  also recall and precision re-weighted by the inverse sampling rate of the randomly drawn
  pairs (an estimate over all pairs, not only the labelled ones);
- **exclusive-fact precision**: an exclusive fact (claims from one outlet only) is correct
  when no gold positive pair links any of its sentences to another outlet;
- **leave-one-event-out cross-validation** (with 3+ events) of the shipped aligner: for the
  learned pair scorer (:func:`cross_validate_learned`), nested — for each held-out event
  the scorer is fitted on the other events and its thresholds chosen on their own
  leave-one-out predictions; for the hand score (:func:`cross_validate`), its parameters
  (lexical weight, mutual top-k, clause splitting, thresholds) are chosen on the other
  events. Pooled held-out counts give the CV figures. The shipped aligner
  (``framing/models/coverage_aligner.json``) is fitted on all BASIL events of
  ``data/alignments/basil.csv``;
- **annotator agreement**: Cohen's kappa and pair F1 between the gold and a second,
  blind annotation (``data/alignments/agreement/``);
- a descriptive figure: how the sentences holding outlet-exclusive claims overlap BASIL's
  informational-bias (``inf``) sentences, against a random pick at the same rate. ``inf``
  spans mark content chosen to frame a target, not content the other outlets omit, so this
  is no omission gold — a ratio near 1 is expected;
- throughput (claims aligned per second, embeddings cached).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from framing.core import paths
from framing.coverage.alignment import AlignerParams, default_params
from framing.coverage.candidates import ClaimSpace, claim_space, mutual_pairs
from framing.coverage.facts import facts_from, sentence_pairs
from framing.evaluate.datasets.alignments import GOLD_COLUMNS, load_gold
from framing.evaluate.metrics import prf

LEXICAL_WEIGHTS = (1.0, 1.5, 2.0, 3.0)
MUTUAL_K = (3,)
SPLITS = (True, False)
_STEPS = [float(t) for t in np.round(np.arange(0.60, 1.301, 0.05), 3)]
# (mutual-best threshold, mutual top-k threshold) pairs; top-k never below mutual best
THRESHOLDS = tuple((a, b) for a in _STEPS for b in [*_STEPS, np.inf] if b >= a)
CLUSTER_CUTS = (None, 0.6)
EXCLUSIVE_THRESHOLDS = tuple(float(t) for t in np.round(np.arange(0.30, 1.201, 0.025), 3))
EXCLUSIVE_TARGET = 0.85  # exclusive facts are listed at (cross-validated) precision >= this


@dataclass
class Event:
    """One labelled incident: its sentences, parses, outlets and gold pairs."""

    name: str
    kind: str  # "incident" or "basil"
    sentences: pd.DataFrame
    docs: dict[str, Doc]
    outlets: list[str]
    gold: pd.DataFrame
    incident: Any = None
    spaces: dict[bool, ClaimSpace] = field(default_factory=dict)

    def space(self, split: bool) -> ClaimSpace:
        if split not in self.spaces:
            self.spaces[split] = claim_space(self.sentences, self.docs, split=split)
        return self.spaces[split]


def load_event(name: str, gold: pd.DataFrame | None = None,
               basil_folder: str | Path | None = None) -> Event:
    """An incident folder under ``data/incidents`` (by slug or path) or a BASIL event id."""
    from framing.core.pipeline import prepare

    gold = gold if gold is not None else pd.DataFrame(columns=GOLD_COLUMNS)
    folder = Path(name) if Path(name).is_dir() else paths.INCIDENTS_DIR / name
    if folder.is_dir():
        parsed = prepare(folder)
        return Event(name, "incident", parsed.sentences, parsed.docs, parsed.incident.outlets,
                     gold, parsed.incident)
    from framing.core.nlp import parse_texts
    from framing.evaluate.datasets.basil import basil_sentences, load_basil_event

    incident = load_basil_event(name, basil_folder)
    docs = dict(zip([a.id for a in incident.articles],
                    parse_texts([a.document for a in incident.articles]), strict=True))
    return Event(name, "basil", basil_sentences(incident), docs, incident.outlets, gold,
                 incident)


# --- scoring -----------------------------------------------------------------------------


def _pair_key(a: str, i: int, b: str, j: int) -> tuple[str, int, str, int]:
    return (a, i, b, j) if (a, i) <= (b, j) else (b, j, a, i)


def _weights(gold: pd.DataFrame, event: Event) -> np.ndarray:
    """Inverse sampling rate of each labelled pair: 1 for listed pairs; for random pairs,
    (unlisted pairs of that article pair) / (random pairs drawn)."""
    w = np.ones(len(gold))
    rnd = gold["source"].eq("random").to_numpy()
    if not rnd.any():
        return w
    counts = event.sentences.groupby("article_id").size()
    for (a, b), idx in gold[rnd].groupby(["article_a", "article_b"]).groups.items():
        listed = ((gold["article_a"] == a) & (gold["article_b"] == b)
                  & gold["source"].ne("random")).sum()
        total = int(counts.get(a, 0)) * int(counts.get(b, 0))
        rest = max(total - listed, len(idx))
        w[gold.index.get_indexer(idx)] = rest / len(idx)
    return w


@dataclass
class Counts:
    """Confusion counts of one run (plain and sampling-weighted) plus exclusive facts."""

    tp: float = 0
    fp: float = 0
    fn: float = 0
    wtp: float = 0
    wfp: float = 0
    wfn: float = 0
    exclusive: int = 0
    exclusive_correct: int = 0
    gold_exclusive_sentences: int = 0
    found_exclusive_sentences: int = 0
    predicted: int = 0
    unlabelled_predicted: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{k: getattr(self, k) + getattr(other, k) for k in asdict(self)})

    @property
    def f1(self) -> float:
        """Pair F1 at full precision (model selection compares it)."""
        return prf(self.tp, self.fp, self.fn, digits=None)["f1"]

    def metrics(self) -> dict[str, float | int | None]:
        plain = prf(self.tp, self.fp, self.fn)
        weighted = prf(self.wtp, self.wfp, self.wfn)
        return {
            "pair_precision": plain["precision"], "pair_recall": plain["recall"],
            "pair_f1": plain["f1"],
            "pair_precision_weighted": weighted["precision"],
            "pair_recall_weighted": weighted["recall"], "pair_f1_weighted": weighted["f1"],
            "exclusive_fact_precision": round(self.exclusive_correct / self.exclusive, 4)
            if self.exclusive else None,
            "exclusive_facts": self.exclusive,
            "exclusive_sentence_recall": round(
                self.found_exclusive_sentences / self.gold_exclusive_sentences, 4)
            if self.gold_exclusive_sentences else None,
            "tp": int(self.tp), "fp": int(self.fp), "fn": int(self.fn),
            "predicted_pairs": self.predicted,
            "predicted_pairs_unlabelled": self.unlabelled_predicted,
        }


@dataclass
class Run:
    """One aligner run on one event: pair counts plus what exclusivity needs, so the
    exclusive threshold can be varied without re-running."""

    counts: Counts
    facts: list[tuple[float, bool]]  # one-outlet facts: (best score elsewhere, correct)
    sentences: list[tuple[float, bool]]  # sentences: (lowest best of its one-outlet facts
    #                                      or +inf, gold-exclusive)

    def at(self, threshold: float) -> Counts:
        """Counts with exclusive facts = one-outlet facts scoring below ``threshold``."""
        c = replace(self.counts)
        c.exclusive = sum(1 for b, _ in self.facts if b < threshold)
        c.exclusive_correct = sum(1 for b, ok in self.facts if b < threshold and ok)
        c.gold_exclusive_sentences = sum(1 for _, g in self.sentences if g)
        c.found_exclusive_sentences = sum(1 for b, g in self.sentences if g and b < threshold)
        return c


class Scorer:
    """Scores one event's predictions against its gold pairs (keys precomputed once)."""

    def __init__(self, event: Event) -> None:
        gold = event.gold.reset_index(drop=True)
        self.keys = [_pair_key(a, i, b, j) for a, i, b, j in
                     zip(gold.article_a, gold.sent_a, gold.article_b, gold.sent_b, strict=True)]
        self.y = gold["same_fact"].to_numpy()
        self.w = _weights(gold, event)
        self.labelled = set(self.keys)
        linked: set[tuple[str, int]] = set()
        for (a, i, b, j), y in zip(self.keys, self.y, strict=True):
            if y:
                linked.update([(a, i), (b, j)])
        self.linked = linked

    def run(self, claims: pd.DataFrame) -> Run:
        pred = sentence_pairs(claims)
        hit = np.fromiter((k in pred for k in self.keys), dtype=bool, count=len(self.keys))
        y = self.y.astype(bool)
        counts = Counts(tp=float((hit & y).sum()), fp=float((hit & ~y).sum()),
                        fn=float((~hit & y).sum()), wtp=float(self.w[hit & y].sum()),
                        wfp=float(self.w[hit & ~y].sum()), wfn=float(self.w[~hit & y].sum()),
                        predicted=len(pred), unlabelled_predicted=len(pred - self.labelled))
        single = claims[claims["n_outlets"] == 1]
        facts = []
        sent_best: dict[tuple[str, int], float] = {}
        for _, group in single.groupby("fact_id"):
            best = float(group["best_other"].max())
            sents = set(zip(group["article_id"], group["sent_id"].astype(int), strict=True))
            facts.append((best, not (sents & self.linked)))
            for key in sents:
                sent_best[key] = min(sent_best.get(key, np.inf), best)
        sentences = [(sent_best.get(key, np.inf), key not in self.linked) for key in
                     set(zip(claims["article_id"], claims["sent_id"].astype(int), strict=True))]
        return Run(counts, facts, sentences)

    def score(self, claims: pd.DataFrame, exclusive_threshold: float) -> Counts:
        return self.run(claims).at(exclusive_threshold)


def run_event(event: Event, params: AlignerParams) -> pd.DataFrame:
    """The claims of an event with fact ids, under the given parameters."""
    claims, _ = facts_from(event.space(params.split_clauses), params)
    return claims


Grid = list[tuple[bool, float, int, float | None]]
DEFAULT_GRID: Grid = list(product(SPLITS, LEXICAL_WEIGHTS, MUTUAL_K, CLUSTER_CUTS))


def sweep(event: Event, scorer: Scorer, grid: Grid | None = None,
          thresholds: Iterable[tuple[float, float]] = THRESHOLDS) -> dict[AlignerParams, Run]:
    """Runs for every alignment setting on one event (mutual pairs computed once per
    split / weight / k, then thresholded). ``exclusive_threshold`` is left at its default:
    vary it afterwards with :meth:`Run.at`."""
    from framing.coverage.alignment import select_links
    from framing.coverage.candidates import best_other_scores

    out = {}
    thresholds = list(thresholds)
    best_cache: dict[tuple[bool, float], pd.DataFrame] = {}
    for split, weight, k, cut in grid or DEFAULT_GRID:
        space = event.space(split)
        if (split, weight) not in best_cache:
            best_cache[(split, weight)] = best_other_scores(space, weight)
        mutual = mutual_pairs(space, weight, k)
        for thr, top_thr in thresholds:
            params = AlignerParams(threshold=float(thr), lexical_weight=weight, mutual_k=k,
                                   topk_threshold=float(top_thr), split_clauses=split,
                                   cluster_cut=cut)
            claims, _ = facts_from(space, params, links=select_links(mutual, params),
                                   best=best_cache[(split, weight)])
            out[params] = scorer.run(claims)
    return out


def choose(results: list[dict[AlignerParams, Run]]) -> AlignerParams:
    """The setting with the best pooled pair F1 over the given events (ties: higher
    threshold, then simpler: smaller k, lower lexical weight, plain components)."""
    pooled: dict[AlignerParams, Counts] = {}
    for res in results:
        for params, run in res.items():
            pooled[params] = pooled.get(params, Counts()) + run.counts
    return max(pooled, key=lambda p: (round(pooled[p].f1, 6), p.topk_threshold, p.threshold,
                                      -p.mutual_k, -p.lexical_weight, p.cluster_cut is None,
                                      p.split_clauses))


def choose_exclusive(runs: list[Run], target: float = EXCLUSIVE_TARGET,
                     grid: tuple[float, ...] = EXCLUSIVE_THRESHOLDS) -> float:
    """The highest exclusive threshold whose pooled exclusive-fact precision on the given
    runs reaches ``target`` (the most exclusive facts at that precision); if none does,
    the one with the best precision."""
    facts = [f for run in runs for f in run.facts]
    best_thr, best_p = grid[0], -1.0
    chosen = None
    for thr in grid:
        kept = [ok for b, ok in facts if b < thr]
        if not kept:
            continue
        prec = sum(kept) / len(kept)
        if prec >= target:
            chosen = thr
        if prec > best_p:
            best_thr, best_p = thr, prec
    return float(chosen if chosen is not None else best_thr)


def cross_validate(events: list[Event], grid: Grid | None = None) -> dict[str, Any]:
    """Leave-one-event-out: choose on the other events, score on the held-out one."""
    from tqdm.auto import tqdm

    sweeps = [sweep(ev, Scorer(ev), grid)
              for ev in tqdm(events, desc="coverage sweep", unit="event")]
    total = Counts()
    folds = []
    for n, ev in enumerate(events):
        others = [sw for m, sw in enumerate(sweeps) if m != n]
        params = choose(others)
        ex_thr = choose_exclusive([sw[params] for sw in others])
        params = replace(params, exclusive_threshold=ex_thr)
        counts = sweeps[n][replace(params, exclusive_threshold=AlignerParams.
                                   exclusive_threshold)].at(ex_thr)
        total = total + counts
        folds.append({"event": ev.name, "params": asdict(params), **counts.metrics()})
    best_all = choose(sweeps)
    runs_all = [sw[best_all] for sw in sweeps]
    ex_all = choose_exclusive(runs_all)
    in_sample = sum((r.at(ex_all) for r in runs_all), Counts())
    return {"cv": total.metrics(), "folds": folds,
            "chosen_on_all": asdict(replace(best_all, exclusive_threshold=ex_all)),
            "in_sample_with_chosen": in_sample.metrics()}


# --- agreement between annotators -----------------------------------------------------------


def annotator_agreement(gold: pd.DataFrame, folder: Path) -> dict[str, Any]:
    """Agreement of a second annotator's labels (``folder/*.csv``, same columns, labelled
    blind to the first) with the gold file on the pairs both labelled: Cohen's kappa (Cohen
    1960) and the F1 of one annotator's positives against the other's — the ceiling any
    aligner's pair F1 can be expected to reach."""
    from sklearn.metrics import cohen_kappa_score

    second = load_gold(folder)
    keys = ["event", "article_a", "sent_a", "article_b", "sent_b"]
    both = second.merge(gold, on=keys, suffixes=("_b", "_a"))
    if both.empty:
        return {"pairs": 0}
    a = both["same_fact_a"].to_numpy(dtype=bool)
    b = both["same_fact_b"].to_numpy(dtype=bool)
    f1 = prf(float((a & b).sum()), float((~a & b).sum()), float((a & ~b).sum()))["f1"]
    return {"events": int(both["event"].nunique()), "pairs": len(both),
            "positives_first": int(a.sum()), "positives_second": int(b.sum()),
            "cohen_kappa": round(float(cohen_kappa_score(a, b)), 4),
            "pair_f1_between_annotators": f1}


# --- BASIL inf overlap (descriptive) ---------------------------------------------------------


def inf_overlap(params: AlignerParams, events: list[str] | None = None,
                basil_folder: str | Path | None = None) -> dict[str, Any]:
    """How sentences holding outlet-exclusive claims overlap BASIL ``inf`` sentences.

    Returns the share of exclusive sentences that carry an ``inf`` span, the base rate of
    ``inf`` sentences (the expected overlap of a random pick at the same rate) and their
    ratio, over the given events (default: all).
    """
    from framing.evaluate.datasets.basil import annotations, event_files

    names = events or list(event_files(basil_folder))
    n_sent = n_inf = n_ex = n_ex_inf = 0
    for name in names:
        ev = load_event(name, basil_folder=basil_folder)
        claims = run_event(ev, params)
        inf = set()
        for article in ev.incident.articles:
            for span in annotations(article):
                sid = str(span.get("id", ""))
                if span.get("bias") == "inf" and sid.startswith("p"):
                    inf.add((article.id, int(sid[1:])))
        sents = set(zip(ev.sentences["article_id"], ev.sentences["sent_id"].astype(int),
                        strict=True))
        ex = claims[claims["status"] == "exclusive"]
        exclusive = set(zip(ex["article_id"], ex["sent_id"].astype(int), strict=True))
        n_sent += len(sents)
        n_inf += len(inf & sents)
        n_ex += len(exclusive)
        n_ex_inf += len(exclusive & inf)
    base = n_inf / n_sent if n_sent else 0.0
    share = n_ex_inf / n_ex if n_ex else 0.0
    return {"events": len(names), "sentences": n_sent, "inf_sentences": n_inf,
            "exclusive_sentences": n_ex, "exclusive_rate": round(n_ex / n_sent, 4),
            "inf_share_among_exclusive": round(share, 4),
            "inf_share_random_pick": round(base, 4),
            "ratio_to_random": round(share / base, 3) if base else None,
            "note": "descriptive only: BASIL inf spans mark content chosen to frame a "
                    "target, not an omission gold; a ratio near 1 means exclusivity and "
                    "inf selection are unrelated"}


# --- the task ------------------------------------------------------------------------------


def evaluate_coverage(data: Path, *, cv: bool = True, inf: bool = True,
                      inf_events: Sequence[str] | None = None,
                      basil_folder: str | Path | None = None,
                      coverage_model: str | None = None) -> dict[str, Any]:
    """Score the claim aligner on hand-labelled pairs (one JSON object of metrics).

    Args:
        data: a gold CSV or a folder of them (``data/alignments``).
        cv: with 3+ BASIL events, also run leave-one-event-out cross-validation.
        inf: add the descriptive overlap with BASIL ``inf`` sentences (all events).
        inf_events: restrict that overlap to these BASIL events.
        basil_folder: the BASIL folder (default ``<EVAL_DIR>/basil``).
        coverage_model: score with this Hugging Face cross-encoder (name or folder, as
            ``--coverage-model`` takes it) instead of the fitted scorer (no
            cross-validation then: there is nothing of ours to refit).
    """
    gold = load_gold(data)
    params = default_params().with_cross_encoder(coverage_model)
    events = [load_event(name, group.reset_index(drop=True), basil_folder)
              for name, group in gold.groupby("event", sort=False)]
    result: dict[str, Any] = {"params": asdict(params), "sets": {}}
    timing_claims = 0
    started = time.perf_counter()
    for file, names in gold.groupby("file", sort=False)["event"]:
        chosen = [ev for ev in events if ev.name in set(names)]
        total = Counts()
        per_event = {}
        for ev in chosen:
            claims = run_event(ev, params)
            timing_claims += len(claims)
            counts = Scorer(ev).score(claims, params.exclusive_threshold)
            per_event[ev.name] = counts.metrics()["pair_f1"]
            total = total + counts
        result["sets"][file] = {
            "events": len(chosen), "labelled_pairs": int(sum(len(ev.gold) for ev in chosen)),
            "positive_pairs": int(sum(ev.gold["same_fact"].sum() for ev in chosen)),
            **total.metrics(), "pair_f1_by_event": per_event}
    elapsed = time.perf_counter() - started
    result["claims_per_second"] = round(timing_claims / elapsed, 1) if elapsed else None
    basil_events = [ev for ev in events if ev.kind == "basil"]
    if cv and len(basil_events) >= 3 and not params.cross_encoder:
        result["cross_validation"] = {"events": len(basil_events), **(
            cross_validate_learned(basil_events, params.pair_model.features)
            if params.pair_model is not None else cross_validate(basil_events))}
    agreement_dir = Path(data).parent / "agreement" if Path(data).is_file() else \
        Path(data) / "agreement"
    if agreement_dir.is_dir():
        result["annotator_agreement"] = annotator_agreement(gold, agreement_dir)
    if inf and (basil_events or inf_events):
        result["inf_overlap"] = inf_overlap(params, list(inf_events or []) or None,
                                            basil_folder)
    return result


# --- the learned pair scorer -------------------------------------------------------------

PROBABILITY_THRESHOLDS = tuple(float(t) for t in np.round(np.arange(0.10, 0.951, 0.05), 3))
LEARNED_CLUSTER_CUTS = (None, 0.1, 0.2, 0.3)  # average P(same fact) to keep a fact whole
PROBABILITY_EXCLUSIVE = tuple(float(t) for t in np.round(np.arange(0.02, 0.951, 0.02), 3))


@dataclass
class EventPairs:
    """One event's scored-candidate features, gold label per pair (NaN if unlabelled)."""

    event: Event
    space: ClaimSpace
    pairs: pd.DataFrame
    scorer: Scorer


def event_pairs(event: Event, same_fact: bool = True) -> EventPairs:
    """Candidate pairs of an event's sentence-level claims with features and gold labels
    (plus the trained scorer's ``same_fact`` probability unless ``same_fact`` is false)."""
    from framing.coverage.alignment import candidate_features, same_fact_scores
    from framing.coverage.pairs import SAME_FACT_FEATURE

    space = event.space(False)
    pairs = candidate_features(space)
    if same_fact:
        pairs[SAME_FACT_FEATURE] = same_fact_scores(space, pairs)
    gold = dict(zip((_pair_key(a, i, b, j) for a, i, b, j in
                     zip(event.gold.article_a, event.gold.sent_a, event.gold.article_b,
                         event.gold.sent_b, strict=True)), event.gold.same_fact, strict=True))
    art = space.claims["article_id"].to_numpy()
    sid = space.claims["sent_id"].to_numpy(dtype=int)
    pairs["label"] = [gold.get(_pair_key(art[i], int(sid[i]), art[j], int(sid[j])), np.nan)
                      for i, j in zip(pairs["i"], pairs["j"], strict=True)]
    return EventPairs(event, space, pairs, Scorer(event))


def _fit(items: list[EventPairs], names: Sequence[str] | None = None):
    from framing.coverage.pairs import PAIR_FEATURES, fit_pair_model

    train = pd.concat([it.pairs for it in items], ignore_index=True).dropna(subset=["label"])
    return fit_pair_model(train, train["label"].to_numpy(), names=names or PAIR_FEATURES)


def _learned_run(item: EventPairs, probs: np.ndarray, threshold: float,
                 cut: float | None = None) -> Run:
    from framing.coverage.alignment import best_from_pairs, learned_links

    pairs = item.pairs.assign(probability=probs)
    params = AlignerParams(split_clauses=False, cluster_cut=cut)
    claims, _ = facts_from(item.space, params, links=learned_links(pairs, threshold),
                           best=best_from_pairs(pairs, item.space), pairs=pairs)
    return item.scorer.run(claims)


def _choose_learned(items: list[EventPairs], probs: list[np.ndarray]
                    ) -> tuple[float, float | None, float]:
    """Probability threshold and cluster cut with the best pooled pair F1 (plain connected
    components on a tie), then the exclusive threshold at them: the highest with
    exclusive-fact precision ≥ the target, at most the link threshold (a one-outlet fact
    whose counterpart reaches the link threshold was split off by the clustering: it is
    *unconfirmed*, not exclusive)."""
    runs = {(t, cut): [_learned_run(it, p, t, cut) for it, p in zip(items, probs, strict=True)]
            for t in PROBABILITY_THRESHOLDS for cut in LEARNED_CLUSTER_CUTS}
    best = max(runs, key=lambda k: (round(sum((r.counts for r in runs[k]), Counts()).f1, 6),
                                    k[1] is None, k[0], -(k[1] or 0)))
    grid = tuple(t for t in PROBABILITY_EXCLUSIVE if t <= best[0])
    return best[0], best[1], choose_exclusive(runs[best], grid=grid)


def cross_validate_learned(events: list[Event], names: Sequence[str] | None = None,
                           items: list[EventPairs] | None = None) -> dict[str, Any]:
    """Leave-one-event-out for the learned pair scorer, nested: for each held-out event the
    scorer is fitted on the other events and both thresholds are chosen on those events'
    own leave-one-out predictions, so nothing about the held-out event is used.

    ``names``: the pair features of the regression (default
    :data:`~framing.coverage.pairs.PAIR_FEATURES`; add ``same_fact`` to stack the trained
    scorer, or give ``("same_fact",)`` alone to link on the trained scorer by itself, a
    monotone recalibration of it). ``items``: the events' :func:`event_pairs`, when already
    computed.

    Returns the pooled held-out metrics (``cv``), per-fold figures, the scorer fitted on all
    events with thresholds chosen on their leave-one-out predictions (``chosen_on_all``).
    """
    from tqdm.auto import tqdm

    items = items or [event_pairs(ev) for ev in tqdm(events, desc="pair features",
                                                      unit="event")]
    total = Counts()
    folds = []
    for n in tqdm(range(len(items)), desc="nested CV", unit="fold"):
        others = [m for m in range(len(items)) if m != n]
        inner = [_fit([items[x] for x in others if x != m], names).probability(items[m].pairs)
                 for m in others]
        thr, cut, ex_thr = _choose_learned([items[m] for m in others], inner)
        model = _fit([items[m] for m in others], names)
        counts = _learned_run(items[n], model.probability(items[n].pairs), thr, cut).at(ex_thr)
        total = total + counts
        folds.append({"event": items[n].event.name, "threshold": thr, "cluster_cut": cut,
                      "exclusive_threshold": ex_thr, **counts.metrics()})
    oof = [_fit([items[m] for m in range(len(items)) if m != n], names
                ).probability(items[n].pairs) for n in range(len(items))]
    thr, cut, ex_thr = _choose_learned(items, oof)
    model = _fit(items, names)
    labelled = pd.concat([it.pairs for it in items]).dropna(subset=["label"])
    gold_pos = int(sum(ev.gold["same_fact"].sum() for ev in events))
    return {"cv": total.metrics(), "folds": folds,
            "chosen_on_all": {"threshold": thr, "exclusive_threshold": ex_thr,
                              "split_clauses": False, "cluster_cut": cut,
                              "pair_model": model.to_dict()},
            "training_pairs": int(len(labelled)),
            "training_positives": int(labelled["label"].sum()),
            "gold_positives_among_candidates": round(labelled["label"].sum() / gold_pos, 4)
            if gold_pos else None}
