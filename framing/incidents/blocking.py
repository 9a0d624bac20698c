"""Which article pairs are compared at all: blocking, as in record linkage.

Comparing every pair of a large stream is quadratic; reports of one incident appear within
days of each other and name some of the same people, places or organisations. A pair is a
candidate when the two dates (where both are known) are at most ``window_days`` apart and
the two articles share an entity key, or when their title-and-lead vectors are very close
(``min_cosine``, for reports that name nobody in their first lines). Keys that occur in more
than ``max_block_size`` articles make no block of their own (block purging, Papadakis et al.
2013): "US" or "Covid-19" would pair nearly everything; they still count in the entity
similarity. Standard blocking: Christen 2012, *Data Matching*, ch. 4.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

MAX_BLOCK_SIZE = 300
CHUNK = 2048  # rows of the dense cosine product at a time


def entity_block_pairs(keys: Sequence[set[str]], max_block_size: int = MAX_BLOCK_SIZE
                       ) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, that share an entity key of at most ``max_block_size``
    articles."""
    blocks: dict[str, list[int]] = {}
    for n, own in enumerate(keys):
        for key in own:
            blocks.setdefault(key, []).append(n)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= max_block_size:
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    pairs.add((members[a], members[b]))
    return pairs


def close_text_pairs(vectors: np.ndarray, min_cosine: float) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, whose vectors have cosine at least ``min_cosine``
    (chunked dense product)."""
    pairs: set[tuple[int, int]] = set()
    n = len(vectors)
    for start in range(0, n, CHUNK):
        sims = vectors[start:start + CHUNK] @ vectors.T
        rows, cols = np.nonzero(sims >= min_cosine)
        rows = rows + start
        keep = rows < cols
        pairs.update(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))
    return pairs


def within_window(dates: Sequence[dt.date | None], i: int, j: int,
                  window_days: int | None) -> bool:
    """Whether two articles may report one incident by their dates (unknown dates may)."""
    if window_days is None or dates[i] is None or dates[j] is None:
        return True
    return abs((dates[i] - dates[j]).days) <= window_days


def candidate_pairs(keys: Sequence[set[str]], vectors: np.ndarray,
                    dates: Sequence[dt.date | None], *, window_days: int | None,
                    min_cosine: float, max_block_size: int = MAX_BLOCK_SIZE
                    ) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs as two index arrays ``(i, j)``, ``i < j``, sorted."""
    pairs = entity_block_pairs(keys, max_block_size) | close_text_pairs(vectors, min_cosine)
    kept = sorted(p for p in pairs if within_window(dates, p[0], p[1], window_days))
    if not kept:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    arr = np.array(kept, dtype=int)
    return arr[:, 0], arr[:, 1]
