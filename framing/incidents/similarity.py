"""How alike two articles are: their title and lead in MiniLM space, and the names they share.

Text similarity is the cosine of the packaged MiniLM sentence vectors
(:func:`framing.core.encoders.get_encoder`, cached by text) of each article's title and lead
(Reimers & Gurevych 2019). It says two articles are about the same *kind* of event; the
shared names say whether it is the same *one*: each article's entity keys
(:mod:`framing.incidents.entities`) form a binary vector weighted by inverse document
frequency (Sparck Jones 1972) and L2-normalised, so a shared rare name ("Hadrut") counts far
more than a shared common one ("US"). The pair score is the convex mix
``(1 - w) * text + w * entities`` (``w`` = ``entity_weight``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from framing.core.corpus import Article
from framing.incidents.entities import LEAD_WORDS, lead_text


def text_vectors(articles: Sequence[Article], lead_words: int = LEAD_WORDS,
                 encoder: str | None = None) -> np.ndarray:
    """L2-normalised MiniLM vectors of each article's title and lead, ``(n, 384)``."""
    from framing.core.encoders import get_encoder

    if not articles:
        return np.zeros((0, 384), dtype=np.float32)
    return get_encoder(encoder).embed([lead_text(a, lead_words) for a in articles])


def entity_vocabulary(keys: Sequence[set[str]]) -> tuple[dict[str, int], np.ndarray]:
    """Column of each entity key and its smoothed IDF ``ln((1 + n) / (1 + df)) + 1``."""
    df: dict[str, int] = {}
    for own in keys:
        for key in own:
            df[key] = df.get(key, 0) + 1
    vocab = {k: i for i, k in enumerate(sorted(df))}
    n = len(keys)
    idf = np.array([np.log((1 + n) / (1 + df[k])) + 1.0 for k in vocab], dtype=np.float64)
    return vocab, idf


def entity_vectors(keys: Sequence[set[str]]) -> sparse.csr_matrix:
    """IDF-weighted, L2-normalised binary entity vectors, one row per article (a row without
    entities is all zeros)."""
    vocab, idf = entity_vocabulary(keys)
    rows, cols, vals = [], [], []
    for r, own in enumerate(keys):
        for key in own:
            rows.append(r)
            cols.append(vocab[key])
            vals.append(idf[vocab[key]])
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(keys), len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def pair_scores(vectors: np.ndarray, entities: sparse.csr_matrix, i: np.ndarray,
                j: np.ndarray, entity_weight: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Text cosine, entity cosine and the mixed score of the pairs ``(i[k], j[k])``."""
    if len(i) == 0:
        empty = np.zeros(0)
        return empty, empty, empty
    text = np.einsum("ij,ij->i", vectors[i].astype(np.float64), vectors[j].astype(np.float64))
    ent = np.asarray(entities[i].multiply(entities[j]).sum(axis=1)).ravel()
    return text, ent, (1.0 - entity_weight) * text + entity_weight * ent
