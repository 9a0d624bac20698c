"""Group articles into incidents: average linkage over the scored candidate pairs.

The candidate pairs (:mod:`framing.incidents.blocking`) join articles into connected
components; each component is clustered by average linkage (UPGMA, Sokal & Michener 1958)
on its pair scores, a pair that was never a candidate scoring 0, and cut where the average
score between two groups falls below ``cut``. Average rather than single linkage, so a chain
of pairwise likenesses (one earthquake report like a second, the second like a report of
another earthquake) cannot glue two incidents together; the same reason the coverage
analysis splits its facts this way (:mod:`framing.coverage.facts`). A component larger than
``max_size`` is first broken at its weakest candidate links (a tenth at a time), so the
dense step stays bounded.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

MAX_SIZE = 4000  # articles per component clustered densely (memory ~ this squared)


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _bounded(members: np.ndarray, i: np.ndarray, j: np.ndarray, score: np.ndarray,
             max_size: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split ``members`` (with the indices of the links inside them) into parts of at most
    ``max_size`` by dropping the weakest tenth of the links until each part fits."""
    todo = [(members, np.flatnonzero(np.isin(i, members) & np.isin(j, members)))]
    done = []
    while todo:
        part, inside = todo.pop()
        if len(part) <= max_size or not len(inside):
            done.append((part, inside))
            continue
        keep = inside[score[inside] > np.quantile(score[inside], 0.1)]
        local = {int(m): k for k, m in enumerate(part)}
        labels = _components(len(part), np.array([local[int(x)] for x in i[keep]], dtype=int),
                             np.array([local[int(x)] for x in j[keep]], dtype=int))
        for lab in np.unique(labels):
            sub = part[labels == lab]
            todo.append((sub, keep[np.isin(i[keep], sub)]))
    return done


def average_linkage(n: int, i: np.ndarray, j: np.ndarray, score: np.ndarray, cut: float,
                    max_size: int = MAX_SIZE) -> np.ndarray:
    """Cluster label of each of ``n`` articles (0, 1, ... in order of first article).

    Args:
        n: number of articles.
        i, j: the candidate pairs (indices).
        score: each pair's similarity (higher = more alike; pairs not given score 0).
        cut: the average similarity below which two groups are not joined.
        max_size: largest component clustered densely.
    """
    raw = np.full(n, -1, dtype=int)
    nxt = 0
    comps = _components(n, i, j) if n else np.zeros(0, dtype=int)
    for comp in np.unique(comps):
        members = np.flatnonzero(comps == comp)
        if len(members) == 1:
            raw[members] = nxt
            nxt += 1
            continue
        for part, inside in _bounded(members, i, j, score, max_size):
            if len(part) == 1:
                raw[part] = nxt
                nxt += 1
                continue
            local = {int(m): k for k, m in enumerate(part)}
            sim = np.zeros((len(part), len(part)))
            a = np.array([local[int(x)] for x in i[inside]], dtype=int)
            b = np.array([local[int(x)] for x in j[inside]], dtype=int)
            sim[a, b] = score[inside]
            sim[b, a] = score[inside]
            top = max(float(sim.max()), 1.0)
            dist = top - sim
            np.fill_diagonal(dist, 0.0)
            tree = linkage(squareform(dist, checks=False), method="average")
            sub = fcluster(tree, t=top - cut, criterion="distance")
            for lab in np.unique(sub):
                raw[part[sub == lab]] = nxt
                nxt += 1
    order = {}
    for r in raw:  # renumber by first appearance
        order.setdefault(int(r), len(order))
    return np.array([order[int(r)] for r in raw], dtype=int)
