"""The baseline incident discovery is measured against: TF-IDF + single linkage.

Each article's title and lead as a TF-IDF vector (unigrams and bigrams, English stop words
removed, sublinear term frequency; Salton & Buckley 1988), and single linkage (connected
components of the pairs whose cosine reaches ``threshold``): the classic "same story"
detector of topic detection and tracking (Allan et al. 1998).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from framing.core.corpus import Article
from framing.incidents.entities import LEAD_WORDS, lead_text


def tfidf_vectors(articles: Sequence[Article], lead_words: int = LEAD_WORDS
                  ) -> sparse.csr_matrix:
    """L2-normalised TF-IDF vectors of each article's title and lead."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True,
                                 min_df=1)
    return vectoriser.fit_transform([lead_text(a, lead_words) for a in articles]).tocsr()


def single_linkage(vectors: sparse.csr_matrix, threshold: float,
                   dates: Sequence[dt.date | None] | None = None,
                   window_days: int | None = None) -> np.ndarray:
    """Cluster labels: connected components of the pairs with cosine >= ``threshold``
    (and, given dates and a window, at most ``window_days`` apart, as discovery blocks)."""
    n = vectors.shape[0]
    sims = (vectors @ vectors.T).tocoo()
    keep = (sims.data >= threshold) & (sims.row != sims.col)
    if dates is not None and window_days is not None:
        day = np.array([d.toordinal() if d else -1 for d in dates])
        known = (day[sims.row] >= 0) & (day[sims.col] >= 0)
        keep &= ~known | (np.abs(day[sims.row] - day[sims.col]) <= window_days)
    graph = sparse.coo_matrix((np.ones(int(keep.sum())), (sims.row[keep], sims.col[keep])),
                              shape=(n, n))
    return connected_components(graph, directed=False)[1]
