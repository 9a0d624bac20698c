"""Candidate search: for every claim, its likeliest counterparts in each other outlet.

Scoring every pair of claims costs the square of the incident's size; at 200 outlets that is
out of reach. The claim space indexes an incident's claims (:mod:`framing.coverage.claims`)
by their sentence vectors (Sentence-BERT, Reimers & Gurevych 2019), a TF-IDF row of their
content lemmas, numbers and names, and the word pieces the pair features need
(:class:`~framing.coverage.pairs.ClaimPieces`). A claim's *candidates* are its best matches
in each other outlet by embedding cosine plus a weighted TF-IDF cosine, computed blockwise
keeping only the top candidates per row, so memory grows linearly with the number of claims,
not quadratically. Pairs that are each other's best (or top-``k``) matches are the mutual
pairs of competitive linking (Melamed 2000; as in parallel-sentence mining from comparable
corpora, Zweigenbaum et al. 2017), which the hand-scored aligner links.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from spacy.tokens import Doc

from framing.coverage.claims import claim_names, claims_frame, content_terms
from framing.coverage.pairs import ClaimPieces, claim_pieces


def tfidf_matrix(terms: list[list[str]]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (smooth IDF over the claims of the incident)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, words in enumerate(terms):
        counts: dict[int, int] = {}
        for w in words:
            j = vocab.setdefault(w, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(float(c))
    n = len(terms)
    mat = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(len(vocab), 1)),
                            dtype=np.float32)
    df = np.asarray((mat > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n) / (1 + df)) + 1.0
    mat = mat.multiply(idf.astype(np.float32)).tocsr()
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags((1.0 / norms).astype(np.float32)) @ mat


@dataclass
class ClaimSpace:
    """Claims of an incident with their vectors, ready to align.

    Attributes:
        claims: :func:`claims_frame` rows.
        vectors: ``(n, dim)`` L2-normalised sentence-encoder vectors of ``embed_text``.
        lexical: ``(n, vocab)`` L2-normalised TF-IDF rows of content terms.
        pieces: contextual word pieces, names and numbers of each claim (for the learned
            pair scorer).
    """

    claims: pd.DataFrame
    vectors: np.ndarray
    lexical: sparse.csr_matrix
    pieces: ClaimPieces | None = None


def claim_space(sentences: pd.DataFrame, docs: dict[str, Doc], split: bool = True,
                encoder=None) -> ClaimSpace:
    """Split, embed (cached by the encoder) and index the claims of an incident."""
    from framing.core.encoders import get_encoder

    claims = claims_frame(sentences, docs, split=split)
    encoder = encoder or get_encoder()
    vectors = encoder.embed(claims["embed_text"].tolist()) if len(claims) else np.zeros(
        (0, 384), dtype=np.float32)
    terms = [content_terms(docs[r.article_id], r.start, r.end)
             for r in claims.itertuples(index=False)]
    texts = claims["embed_text"].tolist()
    return build_space(claims, docs, terms, vectors,
                       encoder.token_vectors(texts) if texts else [])


def build_space(claims: pd.DataFrame, docs: dict[str, Doc], terms: list[list[str]],
                vectors: np.ndarray, tokens: list) -> ClaimSpace:
    """A :class:`ClaimSpace` from claims, their content terms (:func:`content_terms`),
    sentence vectors and word-piece vectors (``Encoder.token_vectors`` of ``embed_text``)."""
    names = [claim_names(docs[r.article_id], r.start, r.end)
             for r in claims.itertuples(index=False)]
    numbers = [frozenset(t for t in ts if t[:1].isdigit()) for ts in terms]
    pieces = claim_pieces(claims["embed_text"].tolist(), tokens, names, numbers)
    return ClaimSpace(claims, np.asarray(vectors, dtype=np.float32), tfidf_matrix(terms),
                      pieces)


def candidate_pairs(space: ClaimSpace, lexical_weight: float, k: int, min_score: float = 0.0,
                    block_rows: int = 512, max_per_claim: int | None = None) -> pd.DataFrame:
    """For every claim, its ``k`` best-scoring claims in each *other* outlet.

    Computed in row blocks (``block_rows`` × all claims at a time) keeping only the top
    ``k`` per outlet and scores ≥ ``min_score``, so memory is O(n · outlets · k), not O(n²);
    with ``max_per_claim`` only each claim's best that many across all outlets are kept,
    which makes it O(n · max_per_claim) however many outlets there are.

    Returns:
        Directed pairs ``i → j`` with ``cosine``, ``lexical``, ``score`` and ``rank``
        (1 = ``j`` is ``i``'s best match in ``j``'s outlet).
    """
    claims = space.claims
    n = len(claims)
    names = ("i", "j", "cosine", "lexical", "score", "rank")
    empty = pd.DataFrame({c: pd.Series(dtype=int if c in ("i", "j", "rank") else float)
                          for c in names})
    if n == 0:
        return empty
    outlet_codes, outlets = pd.factorize(claims["outlet"])
    order = np.argsort(outlet_codes, kind="stable")
    segments = {code: order[outlet_codes[order] == code] for code in range(len(outlets))}
    lex_t = space.lexical.T.tocsc()
    blocks: list[list[np.ndarray]] = []
    for r0 in range(0, n, block_rows):
        r1 = min(n, r0 + block_rows)
        cos = space.vectors[r0:r1] @ space.vectors.T
        lex = (space.lexical[r0:r1] @ lex_t).toarray()
        score = cos + lexical_weight * lex
        row_codes = outlet_codes[r0:r1]
        parts: list[list[np.ndarray]] = []
        for code, members in segments.items():
            if len(members) == 0:
                continue
            sub = score[:, members]
            kk = min(k, len(members))
            top = np.argpartition(-sub, kk - 1, axis=1)[:, :kk]
            top_scores = np.take_along_axis(sub, top, axis=1)
            ranks = np.argsort(np.argsort(-top_scores, axis=1), axis=1) + 1
            rows_local = np.repeat(np.arange(r1 - r0), kk)
            cols = members[top.ravel()]
            keep = (row_codes[rows_local] != code) & (top_scores.ravel() >= min_score)
            rows_local, cols = rows_local[keep], cols[keep]
            parts.append([rows_local + r0, cols, cos[rows_local, cols], lex[rows_local, cols],
                          top_scores.ravel()[keep], ranks.ravel()[keep]])
        if not parts:
            continue
        block = [np.concatenate(col) for col in zip(*parts, strict=True)]
        if max_per_claim is not None and len(block[0]):
            by_row = np.lexsort((-block[4], block[0]))
            rows_sorted = block[0][by_row]
            starts = np.r_[0, np.flatnonzero(np.diff(rows_sorted)) + 1]
            within = np.arange(len(by_row)) - np.repeat(starts, np.diff(np.r_[starts,
                                                                               len(by_row)]))
            chosen = np.sort(by_row[within < max_per_claim])
            block = [col[chosen] for col in block]
        blocks.append(block)
    if not blocks:
        return empty
    cols = [np.concatenate(col) for col in zip(*blocks, strict=True)]
    return pd.DataFrame({name: col.astype(int if name in ("i", "j", "rank") else float)
                         for name, col in zip(names, cols, strict=True)})


def mutual_pairs(space: ClaimSpace, lexical_weight: float, k: int,
                 min_score: float = -np.inf) -> pd.DataFrame:
    """Pairs of claims (different outlets) that are each among the other's ``k`` best.

    Returns:
        Undirected pairs ``i < j`` (claim row numbers) with ``cosine``, ``lexical``,
        ``score`` and ``rank`` (the larger of the two directions' ranks: 1 = mutual best
        match); only those scoring at least ``min_score``.
    """
    cand = candidate_pairs(space, lexical_weight, k, min_score=min_score)
    if cand.empty:
        return cand
    pairs = zip(cand["j"].to_numpy(), cand["i"].to_numpy(), strict=True)
    back = dict(zip(pairs, cand["rank"].to_numpy(), strict=True))
    back_rank = np.array([back.get((i, j), 0) for i, j in
                          zip(cand["i"].to_numpy(), cand["j"].to_numpy(), strict=True)])
    links = cand.assign(rank=np.maximum(cand["rank"].to_numpy(), back_rank))[back_rank > 0]
    links = links[links["i"] < links["j"]]
    return links.sort_values(["i", "j"]).reset_index(drop=True)


def block_scores(space: ClaimSpace, rows: slice | np.ndarray, cols: np.ndarray | None,
                  lexical_weight: float) -> np.ndarray:
    """Dense ``cosine + w * lexical`` of some claims (rows) against others (cols or all)."""
    vec_cols = space.vectors if cols is None else space.vectors[cols]
    lex_cols = space.lexical if cols is None else space.lexical[cols]
    cos = space.vectors[rows] @ vec_cols.T
    return cos + lexical_weight * (space.lexical[rows] @ lex_cols.T).toarray()


def best_other_scores(space: ClaimSpace, lexical_weight: float, block_rows: int = 512
                      ) -> pd.DataFrame:
    """Each claim's best match in any *other* outlet: rows ``i``, ``score``, ``j``.

    Blockwise like :func:`candidate_pairs`, keeping one number per claim, so memory stays
    linear in the number of claims however many outlets there are.
    """
    n = len(space.claims)
    codes = pd.factorize(space.claims["outlet"])[0]
    score = np.full(n, -1.0)
    best = np.full(n, -1, dtype=int)
    for r0 in range(0, n, block_rows):
        r1 = min(n, r0 + block_rows)
        block = block_scores(space, slice(r0, r1), None, lexical_weight)
        block[codes[r0:r1, None] == codes[None, :]] = -np.inf
        if block.shape[1]:
            j = block.argmax(axis=1)
            val = block[np.arange(r1 - r0), j]
            ok = np.isfinite(val)
            score[r0:r1][ok] = val[ok]
            best[r0:r1][ok] = j[ok]
    keep = best >= 0
    return pd.DataFrame({"i": np.flatnonzero(keep), "score": score[keep], "j": best[keep]})
