"""Alignment: which candidate claim pairs become links (the same fact in two outlets).

The default aligner scores each candidate pair (:mod:`framing.coverage.candidates`) with the
learned same-fact scorer of :mod:`framing.coverage.pairs` (logistic regression over cosine,
lexical overlap, BERTScore, competitive-linking ranks and margins, shared names and
numbers, and, when the fitted model lists it, the trained pair scorer's P(same fact) from
:mod:`framing.coverage.same_fact`) and links pairs whose probability reaches
``threshold``; a user cross-encoder can score the same candidates instead. Only the
candidate pairs are rescored (at most 20 per claim), so the cost stays linear in claims.
The older hand score is kept as an alternative
(``pair_model=None``): ``cosine + lexical_weight * lexical``, linking mutual best matches
(competitive linking, Melamed 2000; as in parallel-sentence mining from comparable corpora,
Zweigenbaum et al. 2017) above ``threshold`` and mutual top-``k`` pairs above
``topk_threshold``. Whichever cross-validates better on hand-labelled BASIL pairs is shipped
(``scripts/fit_coverage_aligner.py``; figures in ``framing/models/coverage_aligner.json``
and ``bench/results/coverage.json``), and :func:`default_params` loads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from framing.core import paths
from framing.coverage.candidates import (
    ClaimSpace,
    best_other_scores,
    candidate_pairs,
    mutual_pairs,
)
from framing.coverage.pairs import (
    CANDIDATE_FLOOR,
    CANDIDATES_K,
    CANDIDATES_MAX,
    CROSS_ENCODER_THRESHOLD,
    SAME_FACT_FEATURE,
    PairModel,
    pair_features,
)


@dataclass(frozen=True)
class AlignerParams:
    """Parameters of the claim aligner.

    Attributes:
        threshold: minimum score ``cosine + lexical_weight * lexical`` of a kept *mutual
            best match* (each claim is the other's best in the other's outlet).
        lexical_weight: weight of the TF-IDF cosine of content terms.
        mutual_k: a second tier of links: pairs where each claim is among the other's
            ``mutual_k`` best matches in the other's outlet ...
        topk_threshold: ... kept when they score at least this (higher) value; this lets an
            outlet's several versions of one fact (headline and body) all join it.
        split_clauses: split long sentences into clause-level claims.
        cluster_cut: when set, a connected component of links is re-clustered by average
            linkage on the scores of all its claim pairs (Sokal & Michener 1958) and cut
            where the average score falls below this value, so a chain of pairwise matches
            cannot glue distinct facts together; ``None`` keeps plain components. With the
            learned scorer the scores are P(same fact), 0 for pairs that were not
            candidates.
        exclusive_threshold: a fact reported by one outlet counts as *exclusive* only when
            none of its claims scores at least this much against any claim of another
            outlet; otherwise it is *unconfirmed* (a weaker counterpart exists).
        pair_model: when set, the learned same-fact scorer of :mod:`framing.coverage.pairs`
            replaces the hand score: candidate pairs (each claim's best
            :data:`~framing.coverage.pairs.CANDIDATES_K` per other outlet) are linked when
            P(same fact) reaches ``threshold``, and ``exclusive_threshold`` is a probability
            too; ``lexical_weight``, ``mutual_k`` and ``topk_threshold`` are then unused.
        cross_encoder: a Hugging Face cross-encoder (hub name or folder; or a folder written
            by ``scripts/train_same_fact.py``) that scores the same candidate pairs instead
            of ``pair_model`` (:meth:`~framing.coverage.same_fact.SameFactScorer.load`); not
            fitted on our labels, so measure it with ``framing evaluate coverage -o
            coverage_model=NAME`` first.
    """

    threshold: float = 0.9
    lexical_weight: float = 2.0
    mutual_k: int = 3
    topk_threshold: float = 1.05
    split_clauses: bool = True
    cluster_cut: float | None = None
    exclusive_threshold: float = 0.6
    pair_model: PairModel | None = None
    cross_encoder: str | None = None

    @property
    def method(self) -> str:
        """The aligner in words, for reports."""
        if self.cross_encoder:
            return (f"cross-encoder {self.cross_encoder!r} (a user model, not fitted on the "
                    "labelled pairs: the figures above are the fitted scorer's)")
        if self.pair_model is None:
            return "hand score"
        if SAME_FACT_FEATURE in self.pair_model.features:
            return "learned pair scorer with the trained same-fact scorer"
        return "learned pair scorer"

    @property
    def learned(self) -> bool:
        """Whether candidate pairs are scored by a model (fitted or user cross-encoder)."""
        return self.pair_model is not None or self.cross_encoder is not None

    def with_cross_encoder(self, model: str | None) -> AlignerParams:
        """These parameters with a user cross-encoder scoring the candidates, linking at
        :data:`~framing.coverage.pairs.CROSS_ENCODER_THRESHOLD` (``None``: unchanged)."""
        if not model:
            return self
        return replace(self, cross_encoder=str(model), threshold=CROSS_ENCODER_THRESHOLD,
                       split_clauses=False)


PARAMS_FILE = paths.MODELS_DIR / "coverage_aligner.json"


def default_params(path: Path = PARAMS_FILE) -> AlignerParams:
    """The fitted parameters (``framing/models/coverage_aligner.json``), else the defaults."""
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = AlignerParams.__dataclass_fields__
        values = {k: v for k, v in data.get("params", data).items() if k in fields}
        if values.get("pair_model"):
            values["pair_model"] = PairModel.from_dict(values["pair_model"])
        return AlignerParams(**values)
    return AlignerParams()


def select_links(mutual: pd.DataFrame, params: AlignerParams) -> pd.DataFrame:
    """Mutual best matches scoring ``threshold`` or more, plus mutual top-``k`` pairs scoring
    ``topk_threshold`` or more."""
    keep = ((mutual["rank"] == 1) & (mutual["score"] >= params.threshold)) | (
        mutual["score"] >= params.topk_threshold)
    return mutual[keep].reset_index(drop=True)


def align_claims(space: ClaimSpace, params: AlignerParams | None = None) -> pd.DataFrame:
    """Links between claims of different outlets: with the learned scorer, candidate pairs
    whose P(same fact) reaches ``threshold`` (:func:`scored_pairs`); with the hand score,
    mutual best matches above ``threshold`` and mutual top-``k`` matches above
    ``topk_threshold`` (see :func:`mutual_pairs`)."""
    params = params or default_params()
    if params.learned:
        return learned_links(scored_pairs(space, params), params.threshold)
    mutual = mutual_pairs(space, params.lexical_weight, params.mutual_k,
                          min_score=min(params.threshold, params.topk_threshold))
    return select_links(mutual, params)


def candidate_features(space: ClaimSpace) -> pd.DataFrame:
    """Candidate pairs ``i < j`` with the learned scorer's features: each claim's best
    :data:`~framing.coverage.pairs.CANDIDATES_K` per other outlet by ``cosine + lexical``, at
    least :data:`~framing.coverage.pairs.CANDIDATE_FLOOR`, at most
    :data:`~framing.coverage.pairs.CANDIDATES_MAX` in all (so the cost stays linear in the
    number of claims however many outlets there are)."""
    if space.pieces is None:
        raise ValueError("the learned pair scorer needs ClaimSpace.pieces (claim_space)")
    codes = pd.factorize(space.claims["outlet"])[0]
    cand = candidate_pairs(space, 1.0, CANDIDATES_K, min_score=CANDIDATE_FLOOR,
                           max_per_claim=CANDIDATES_MAX)
    return pair_features(cand, codes, space.pieces)


def scored_pairs(space: ClaimSpace, params: AlignerParams) -> pd.DataFrame:
    """:func:`candidate_features` with the ``probability`` that each pair reports the same
    fact: from ``params.cross_encoder`` when set, else from the fitted pair model."""
    feats = candidate_features(space)
    if params.cross_encoder:
        return feats.assign(probability=same_fact_scores(space, feats, params.cross_encoder))
    if params.pair_model is None:
        raise ValueError("scored_pairs needs a pair model or a cross-encoder")
    if SAME_FACT_FEATURE in params.pair_model.features:
        feats = feats.assign(**{SAME_FACT_FEATURE: same_fact_scores(space, feats)})
    return feats.assign(probability=params.pair_model.probability(feats))


def same_fact_scores(space: ClaimSpace, pairs: pd.DataFrame, model: str | None = None
                     ) -> np.ndarray:
    """P(same fact) of each candidate pair's two claim texts from the trained scorer
    (``model=None``) or the named one (:func:`~framing.coverage.same_fact.
    get_same_fact_scorer`)."""
    from framing.coverage.same_fact import get_same_fact_scorer

    texts = space.claims["embed_text"].to_numpy()
    return get_same_fact_scorer(model).score(texts[pairs["i"].to_numpy(dtype=int)],
                                             texts[pairs["j"].to_numpy(dtype=int)])


def learned_links(pairs: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Scored pairs with P(same fact) ≥ ``threshold``, in the links format (``score`` =
    probability, ``rank`` = the better of the two directions' ranks)."""
    keep = pairs[pairs["probability"] >= threshold]
    return pd.DataFrame({"i": keep["i"].astype(int), "j": keep["j"].astype(int),
                         "cosine": keep["cosine"].astype(float),
                         "lexical": keep["lexical"].astype(float),
                         "score": keep["probability"].astype(float),
                         "rank": keep["rank_min"].astype(int)}).reset_index(drop=True)


def best_from_pairs(pairs: pd.DataFrame, space: ClaimSpace) -> pd.DataFrame:
    """Each claim's most probable same-fact partner in another outlet (``i``, ``score``,
    ``j``); a claim without candidates gets probability 0 and its nearest claim by
    ``cosine + lexical`` as ``j`` (shown beside exclusive facts)."""
    hand = best_other_scores(space, 1.0).set_index("i")
    score = pd.Series(0.0, index=hand.index)
    partner = hand["j"].copy()
    if not pairs.empty:
        both = pd.concat([pairs[["i", "j", "probability"]],
                          pairs.rename(columns={"i": "j", "j": "i"})[["i", "j", "probability"]]])
        top = both.sort_values("probability", ascending=False).drop_duplicates("i")
        top = top.set_index("i")
        score.loc[top.index] = top["probability"].to_numpy()
        partner.loc[top.index] = top["j"].to_numpy()
    return pd.DataFrame({"i": hand.index.to_numpy(), "score": score.to_numpy(),
                         "j": partner.to_numpy(dtype=int)})
