"""Facts: linked claims grouped across outlets, one group per fact.

Links join claims pairwise; a fact is a group of claims in any number of outlets. Matched
claims are grouped into connected components of the links, and each component is split by
average linkage (UPGMA, Sokal & Michener 1958) on the scores of all its claim pairs where
the average falls below ``cluster_cut``, so a chain of pairwise links (A–B and B–C) cannot
glue two different facts together. A component too large for that dense step is first cut
at its weakest links (single linkage at a rising threshold). Each claim then carries its
fact, how many outlets report it, and its status: reported by ``all`` outlets, ``several``,
or one (``exclusive``, or ``unconfirmed`` when a weaker counterpart exists elsewhere; a
one-outlet claim that asks rather than states is a ``question``, no fact).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse

from framing.coverage.alignment import (
    AlignerParams,
    align_claims,
    best_from_pairs,
    default_params,
    learned_links,
    scored_pairs,
)
from framing.coverage.candidates import ClaimSpace, best_other_scores
from framing.coverage.claims import is_question


def group_facts(n: int, links: pd.DataFrame) -> np.ndarray:
    """Fact id of each claim: connected components of the link graph."""
    from scipy.sparse.csgraph import connected_components

    i, j = links["i"].to_numpy(dtype=int), links["j"].to_numpy(dtype=int)
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


MAX_CLUSTERED = 300  # claims per component re-clustered densely (memory ~ this squared)


def _split_large(labels: np.ndarray, links: pd.DataFrame, limit: int = MAX_CLUSTERED
                 ) -> np.ndarray:
    """Break components of more than ``limit`` claims by dropping their weakest links, a
    tenth at a time (single linkage at a rising threshold), recursing into any part still
    too large, so the dense average-linkage step stays bounded however long the chains of
    links grow (at 200 outlets one component can gather thousands of claims)."""
    from scipy.sparse.csgraph import connected_components

    out = labels.copy()
    sizes = np.bincount(labels) if len(labels) else np.zeros(0, dtype=int)
    i, j = links["i"].to_numpy(dtype=int), links["j"].to_numpy(dtype=int)
    score = links["score"].to_numpy(dtype=float)
    # (claims of a part, indices of the links still joining them)
    todo = [(np.flatnonzero(labels == comp), np.flatnonzero(labels[i] == comp))
            for comp in np.flatnonzero(sizes > limit)]
    nxt = int(labels.max()) + 1 if len(labels) else 0
    while todo:
        members, inside = todo.pop()
        keep = inside[score[inside] > np.quantile(score[inside], 0.1)] if len(inside) \
            else inside
        rows = np.searchsorted(members, i[keep])
        graph = sparse.coo_matrix((np.ones(len(keep)), (rows, np.searchsorted(members, j[keep]))),
                                  shape=(len(members), len(members)))
        _, parts = connected_components(graph, directed=False)
        for part in np.unique(parts):
            group = members[parts == part]
            out[group] = nxt
            nxt += 1
            if len(group) > limit:
                todo.append((group, keep[parts[rows] == part]))
    return out


def _apart(sub: np.ndarray, members: np.ndarray, cannot: dict[int, set[int]]) -> bool:
    """Whether no two claims that must stay apart share a cluster of ``sub``."""
    where = dict(zip(members.tolist(), sub.tolist(), strict=True))
    return all(where.get(other) != where[claim] for claim in members.tolist()
               for other in cannot.get(claim, ()))


def _refine(labels: np.ndarray, similarity: Callable[[np.ndarray], np.ndarray], cut: float,
            cannot_link: Iterable[tuple[int, int]] = ()) -> np.ndarray:
    """Split each component by average linkage (Sokal & Michener 1958) on the pairwise
    ``similarity`` of its claims, cut where the average falls below ``cut``.

    Claims of a ``cannot_link`` pair (conflicting claims) never end in one fact, also not
    through third claims: where the cut leaves a pair together, the same tree is cut into
    more clusters until every pair is apart (a cannot-link constraint on the dendrogram's
    cut, as in Davidson & Ravi 2005's constrained hierarchical clustering)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    cannot: dict[int, set[int]] = {}
    for a, b in cannot_link:
        cannot.setdefault(int(a), set()).add(int(b))
        cannot.setdefault(int(b), set()).add(int(a))
    out = labels.copy()
    nxt = int(labels.max()) + 1 if len(labels) else 0
    sizes = np.bincount(labels) if len(labels) else np.zeros(0, dtype=int)
    for comp in np.flatnonzero(sizes > 2):
        members = np.flatnonzero(labels == comp)
        score = similarity(members)
        top = float(score.max()) + 1.0
        dist = np.clip(top - score, 0.0, None)
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform(dist, checks=False), method="average")
        sub = fcluster(tree, t=top - cut, criterion="distance")
        k = len(np.unique(sub))
        while cannot and k < len(members) and not _apart(sub, members, cannot):
            k += 1
            sub = fcluster(tree, t=k, criterion="maxclust")
        for part in np.unique(sub):
            out[members[sub == part]] = nxt
            nxt += 1
    return out


def _hand_similarity(space: ClaimSpace, lexical_weight: float
                     ) -> Callable[[np.ndarray], np.ndarray]:
    """``cosine + w * lexical`` among some claims."""
    def similarity(members: np.ndarray) -> np.ndarray:
        return space.vectors[members] @ space.vectors[members].T + lexical_weight * (
            space.lexical[members] @ space.lexical[members].T).toarray()
    return similarity


def _pair_similarity(pairs: pd.DataFrame, n: int) -> Callable[[np.ndarray], np.ndarray]:
    """P(same fact) among some claims; 0 for pairs that were not candidates."""
    i, j = pairs["i"].to_numpy(dtype=int), pairs["j"].to_numpy(dtype=int)
    p = pairs["probability"].to_numpy(dtype=float)
    matrix = sparse.coo_matrix((np.r_[p, p], (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()

    def similarity(members: np.ndarray) -> np.ndarray:
        return matrix[members][:, members].toarray()
    return similarity


def facts_from(space: ClaimSpace, params: AlignerParams | None = None,
               links: pd.DataFrame | None = None, best: pd.DataFrame | None = None,
               pairs: pd.DataFrame | None = None,
               cannot_link: Iterable[tuple[int, int]] = ()
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Align the claims (unless ``links`` are given) and group them into facts.

    With the learned scorer (``params.pair_model``, or scored candidate ``pairs`` given),
    ``cluster_cut`` re-clusters components on P(same fact); otherwise on the hand score.
    Claims of a ``cannot_link`` pair (conflicting claims) never share a fact (:func:`_refine`).

    Returns:
        ``(claims, links)``: the claims with ``fact_id``, ``n_outlets`` (how many outlets
        report the fact), ``best_other`` (the claim's best score in another outlet) and
        ``status`` (``all`` outlets, ``several``, ``exclusive``, or ``unconfirmed`` for a
        one-outlet fact with a counterpart scoring at least ``exclusive_threshold``;
        ``question`` for a one-outlet claim that asks rather than states,
        :func:`~framing.coverage.claims.is_question`), and the accepted links.
    """
    params = params or default_params()
    if pairs is None and params.learned:
        pairs = scored_pairs(space, params)
    if links is None:
        links = (learned_links(pairs, params.threshold) if pairs is not None
                 else align_claims(space, params))
    claims = space.claims.copy()
    raw = group_facts(len(claims), links)
    if params.cluster_cut is not None and len(links):
        similarity = (_pair_similarity(pairs, len(claims)) if pairs is not None
                      else _hand_similarity(space, params.lexical_weight))
        raw = _refine(_split_large(raw, links), similarity, params.cluster_cut,
                      cannot_link)
    # number facts by their first claim: by stable keys (article id, then span) for the
    # claims of analysis.analyze (claims.in_stable_order), never by the order articles were read
    first = pd.Series(np.arange(len(claims))).groupby(raw).min()
    renumber = {old: new for new, old in enumerate(first.sort_values().index)}
    claims["fact_id"] = [renumber[r] for r in raw]
    claims["n_outlets"] = claims.groupby("fact_id")["outlet"].transform("nunique")
    if best is None:
        best = (best_from_pairs(pairs, space) if pairs is not None
                else best_other_scores(space, params.lexical_weight))
    top = best.set_index("i").reindex(np.arange(len(claims)))
    claims["best_other"] = top["score"].fillna(-1.0).to_numpy()
    claims["nearest_claim"] = top["j"].fillna(-1).astype(int).to_numpy()
    fact_best = claims.groupby("fact_id")["best_other"].transform("max")
    n_all = claims["outlet"].nunique()
    claims["status"] = np.select(
        [claims["n_outlets"] >= max(n_all, 2), claims["n_outlets"] >= 2,
         claims["text"].map(is_question), fact_best < params.exclusive_threshold],
        ["all", "several", "question", "exclusive"], default="unconfirmed")
    return claims, links


def align(space: ClaimSpace, params: AlignerParams | None = None
          ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """Align an incident's claims and group them into facts with the given aligner.

    Returns:
        ``(claims, links, pairs)``: :func:`facts_from`'s claims and links, and the scored
        candidate pairs of the learned scorer (``None`` with the hand score).
    """
    params = params or default_params()
    pairs = scored_pairs(space, params) if params.learned else None
    claims, links = facts_from(space, params, pairs=pairs)
    return claims, links, pairs


def sentence_pairs(claims: pd.DataFrame) -> set[tuple[str, int, str, int]]:
    """Cross-outlet sentence pairs the aligner puts together: the two sentences have claims
    in the same fact (what the hand-labelled pairs are scored against).

    Args:
        claims: :func:`facts_from` claims (``fact_id``, ``n_outlets``).

    Returns:
        ``{(article_a, sent_a, article_b, sent_b)}`` with ``(article_a, sent_a) <
        (article_b, sent_b)``.
    """
    pairs: set[tuple[str, int, str, int]] = set()
    shared = claims[claims["n_outlets"] >= 2]
    for _, group in shared.groupby("fact_id"):
        keys = sorted(set(zip(group["article_id"], group["sent_id"].astype(int),
                              group["outlet"], strict=True)))
        for (a, i, oa), (b, j, ob) in combinations(keys, 2):
            if oa != ob:
                pairs.add((a, i, b, j))
    return pairs
