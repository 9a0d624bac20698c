"""Same-fact scoring of claim pairs: candidate pairs, their features, a learned scorer.

A single similarity (embedding cosine plus TF-IDF overlap) cannot tell "the same fact" from
"the same topic": two sentences about Flynn's subpoena score high whether or not they report
the same step. The coverage aligner therefore scores each *candidate* pair (each claim's
``k`` best matches in every other outlet, so the work stays linear in the number of claims)
with a logistic regression (Cox 1958) over features that each carry part of the signal:

- ``cosine`` — sentence-embedding cosine (Sentence-BERT, Reimers & Gurevych 2019);
- ``lexical`` — TF-IDF cosine of content lemmas, numbers and names;
- ``bertscore_f`` / ``bertscore_min`` — BERTScore (Zhang et al. 2020): greedy matching of
  the two claims' contextual word-piece vectors (content pieces, IDF-weighted over the
  incident), F and the smaller of precision and recall; it rewards paraphrase at the word
  level that a pooled sentence vector blurs;
- ``rank_min`` / ``rank_max`` — where each claim ranks the other among the other outlet's
  claims (1 = best match, capped at ``k + 1``; the better and the worse of the two
  directions), the competitive-linking signal of Melamed (2000);
- ``margin_min`` / ``margin_max`` — the pair's score minus each claim's best (or, for its
  best match, second-best) alternative in that outlet (margin-based mining, Artetxe &
  Schwenk 2019);
- ``shared_names`` / ``shared_numbers`` — proper-noun lemmas and numbers both claims use;
- ``same_fact`` (:data:`SAME_FACT_FEATURE`, when the fitted model lists it) — P(same fact)
  from the scorer trained on news pair corpora (:mod:`framing.coverage.same_fact`), which
  reads both claims' word pieces together; the regression weighs it against the others.

The scorer is fitted on hand-labelled BASIL pairs (``scripts/fit_coverage_aligner.py``,
leave-one-event-out cross-validation; figures in ``framing/models/coverage_aligner.json``).

A user's Hugging Face paraphrase, STS or NLI cross-encoder (hub name or local folder) can
score the same candidates instead (``framing report --coverage-model NAME``;
:class:`framing.coverage.same_fact.CrossEncoderScorer`); measure it on the labelled pairs
first (``framing evaluate coverage -o coverage_model=NAME``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

PAIR_FEATURES = ("cosine", "lexical", "bertscore_f", "bertscore_min", "rank_min", "rank_max",
                 "margin_min", "margin_max", "shared_names", "shared_numbers")
CANDIDATES_K = 5  # candidates per claim and other outlet
CANDIDATE_FLOOR = 0.3  # minimum cosine + lexical of a candidate pair
CANDIDATES_MAX = 20  # candidates per claim over all other outlets (linear cost at 50+ outlets)
CROSS_ENCODER_THRESHOLD = 0.5  # a user cross-encoder links at its own decision boundary
SAME_FACT_FEATURE = "same_fact"  # the trained scorer's P(same fact), an optional feature


@dataclass
class ClaimPieces:
    """What the pair features need of each claim besides its vectors.

    Attributes:
        vectors: per claim, unit-length contextual vectors of its content word pieces.
        weights: per claim, the IDF weight of each of those pieces.
        names: per claim, lower-cased proper-noun lemmas.
        numbers: per claim, numbers (digits; number words mapped to digits).
    """

    vectors: list[np.ndarray]
    weights: list[np.ndarray]
    names: list[frozenset[str]]
    numbers: list[frozenset[str]]


def claim_pieces(texts: Sequence[str], token_vectors: Sequence, names: Sequence[frozenset[str]],
                 numbers: Sequence[frozenset[str]]) -> ClaimPieces:
    """Content word pieces of each claim (alphanumeric, not a stop word) with IDF weights
    ``log((n + 1) / (df + 1))`` over the claims given (the incident)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words, vecs = [], []
    for text, tv in zip(texts, token_vectors, strict=True):
        pieces = [text[a:b].lower() for a, b in tv.offsets]
        keep = np.array([w.isalnum() and w not in STOP_WORDS for w in pieces], dtype=bool)
        v = np.asarray(tv.vectors, dtype=np.float32)[keep] if len(pieces) else np.zeros(
            (0, 1), np.float32)
        norms = np.linalg.norm(v, axis=1, keepdims=True) if len(v) else np.ones((0, 1))
        vecs.append(v / np.clip(norms, 1e-9, None))
        words.append([w for w, k in zip(pieces, keep, strict=True) if k])
    df: dict[str, int] = {}
    for ws in words:
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    n = len(words)
    weights = [np.array([np.log((n + 1) / (df[w] + 1)) for w in ws], dtype=np.float32)
               for ws in words]
    return ClaimPieces(vecs, weights, list(names), list(numbers))


def bertscore(pieces: ClaimPieces, i: int, j: int) -> tuple[float, float]:
    """BERTScore F and min(P, R) of claims ``i`` and ``j`` (0 when either has no content)."""
    a, b = pieces.vectors[i], pieces.vectors[j]
    wa, wb = pieces.weights[i], pieces.weights[j]
    if not len(a) or not len(b) or wa.sum() <= 0 or wb.sum() <= 0:
        return 0.0, 0.0
    sim = a @ b.T
    recall = float((sim.max(1) * wa).sum() / wa.sum())
    precision = float((sim.max(0) * wb).sum() / wb.sum())
    f = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return f, min(precision, recall)


def pair_features(candidates: pd.DataFrame, outlets: np.ndarray, pieces: ClaimPieces,
                  k: int = CANDIDATES_K, floor: float = CANDIDATE_FLOOR) -> pd.DataFrame:
    """Undirected candidate pairs ``i < j`` with :data:`PAIR_FEATURES`.

    Args:
        candidates: directed pairs ``i → j`` from
            :func:`framing.coverage.candidates.candidate_pairs` with lexical weight 1
            (``cosine``, ``lexical``, ``score``, ``rank``: each claim's top ``k`` per other
            outlet scoring at least ``floor``).
        outlets: outlet code of every claim (row number → code).
        pieces: :func:`claim_pieces` of the same claims.
    """
    cols = ["i", "j", *PAIR_FEATURES]
    if candidates.empty:
        return pd.DataFrame(columns=cols)
    ci, cj = candidates["i"].to_numpy(int), candidates["j"].to_numpy(int)
    ranks, scores = candidates["rank"].to_numpy(int), candidates["score"].to_numpy(float)
    directed = {(a, b): (r, s, c, x) for a, b, r, s, c, x in
                zip(ci, cj, ranks, scores, candidates["cosine"].to_numpy(float),
                    candidates["lexical"].to_numpy(float), strict=True)}
    best: dict[tuple[int, int], float] = {}
    second: dict[tuple[int, int], float] = {}
    for a, b, r, s in zip(ci, cj, ranks, scores, strict=True):
        if r == 1:
            best[(a, outlets[b])] = s
        elif r == 2:
            second[(a, outlets[b])] = s
    rows = []
    for a, b in sorted({(min(a, b), max(a, b)) for a, b in zip(ci, cj, strict=True)}):
        fwd, back = directed.get((a, b)), directed.get((b, a))
        _, score, cosine, lexical = fwd or back
        pair_ranks = (fwd[0] if fwd else k + 1, back[0] if back else k + 1)
        margins = []
        for x, y, link in ((a, b, fwd), (b, a, back)):
            top1 = best.get((x, outlets[y]), floor)
            alt = second.get((x, outlets[y]), floor) if (link and link[0] == 1) else top1
            margins.append(score - alt)
        feats = {"i": a, "j": b, "cosine": cosine, "lexical": lexical,
                 "rank_min": min(pair_ranks), "rank_max": max(pair_ranks),
                 "margin_min": min(margins), "margin_max": max(margins)}
        feats["bertscore_f"], feats["bertscore_min"] = bertscore(pieces, a, b)
        feats["shared_names"] = len(pieces.names[a] & pieces.names[b])
        feats["shared_numbers"] = len(pieces.numbers[a] & pieces.numbers[b])
        rows.append(feats)
    out = pd.DataFrame(rows)
    return out[cols]


@dataclass(frozen=True)
class PairModel:
    """A fitted logistic regression over pair features (:data:`PAIR_FEATURES`, optionally
    :data:`SAME_FACT_FEATURE`; standardised inputs).

    Attributes:
        features: the feature names, in coefficient order.
        mean, scale: the standardisation fitted on the training pairs.
        coef, intercept: the logistic regression.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, pairs: pd.DataFrame) -> np.ndarray:
        """P(same fact) of each row of a :func:`pair_features` frame."""
        if pairs.empty:
            return np.zeros(0)
        x = pairs[list(self.features)].to_numpy(dtype=float)
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.coef) + self.intercept)))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept}

    @classmethod
    def from_dict(cls, data: dict) -> PairModel:
        return cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]),
                   tuple(data["coef"]), float(data["intercept"]))


def fit_pair_model(features: pd.DataFrame, labels: np.ndarray, c: float = 1.0,
                   names: Sequence[str] = PAIR_FEATURES) -> PairModel:
    """Fit the scorer on labelled candidate pairs (rows of :func:`pair_features`, with a
    ``same_fact`` column when ``names`` lists it)."""
    from sklearn.linear_model import LogisticRegression

    x = features[list(names)].to_numpy(dtype=float)
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, labels.astype(int))
    return PairModel(tuple(names), tuple(map(float, mean)), tuple(map(float, scale)),
                     tuple(map(float, lr.coef_[0])), float(lr.intercept_[0]))
