"""Coverage and omission: which facts each outlet reports, leaves out, or buries.

Selection is a bias no single article shows: it appears only when the outlets' articles are
put side by side. Fan et al. (2019, BASIL) found such *informational* bias — content chosen
to frame a target — more common than lexical bias. This module lines the articles of an
incident up claim by claim:

1. **Claims.** Each sentence is a claim unit; a long sentence is split at clause boundaries
   from its dependency parse (coordinated clauses with their own subject or reporting verb,
   "... but added that ...", semicolons). A split-off clause that shares the first clause's
   subject is embedded with that subject ("[the ministry] added that ..."). Claims are
   embedded with the shared sentence encoder (Sentence-BERT, Reimers & Gurevych 2019;
   MiniLM, Wang et al. 2020).
2. **Alignment.** For every claim, its best matches in each other outlet by embedding
   cosine plus a TF-IDF cosine of content lemmas, numbers and names are *candidates*
   (computed blockwise keeping only the top candidates per row, so memory grows linearly
   with the number of claims, not quadratically). The default aligner scores each
   candidate pair with the learned same-fact scorer of :mod:`framing.coverage.pairs`
   (logistic regression over cosine, lexical overlap, BERTScore, competitive-linking
   ranks and margins, shared names and numbers) and links pairs whose probability reaches
   ``threshold``. The older hand score is kept as an alternative (``pair_model=None``):
   ``cosine + lexical_weight * lexical``, linking mutual best matches (competitive linking,
   Melamed 2000; as in parallel-sentence mining from comparable corpora, Zweigenbaum et
   al. 2017) above ``threshold`` and mutual top-``k`` pairs above ``topk_threshold``.
   Whichever cross-validates better on hand-labelled BASIL pairs is shipped
   (``scripts/fit_coverage_aligner.py``; figures in ``framing/models/coverage_aligner.json``
   and ``bench/results/coverage.json``).
3. **Facts.** Matched claims are grouped across all outlets into facts: connected
   components of the links, each split by average linkage (Sokal & Michener 1958) on the
   scores of all its claim pairs where the average falls below ``cluster_cut`` (so a chain
   of pairwise links, A–B and B–C, cannot glue two different facts together), giving a
   facts × outlets **coverage matrix** with the position of each version (headline, lead,
   body, end = last third) and its attribution.
4. **Omission and emphasis.** Facts only one outlet reports (exclusive), facts every outlet
   but one reports (omitted), facts one outlet puts in its headline or lead that another
   places in its last third (buried), and each outlet's share of exclusive claims.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from spacy.tokens import Doc, Span

from framing.core import paths
from framing.core.findings import Finding, heading_anchor
from framing.core.pipeline import KEY_COLUMNS, Parsed
from framing.coverage.pairs import (
    CANDIDATE_FLOOR,
    CANDIDATES_K,
    CANDIDATES_MAX,
    CROSS_ENCODER_THRESHOLD,
    ClaimPieces,
    PairModel,
    claim_pieces,
    get_cross_encoder,
    pair_features,
)

# --- claim units ---------------------------------------------------------------------------

SPLIT_MIN_TOKENS = 14  # only sentences at least this long (in words) are split
CLAIM_MIN_WORDS = 5  # every piece of a split sentence keeps at least this many words
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
CLAUSE_HEAD_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})
VERB_POS = frozenset({"VERB", "AUX"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
REPORTING_LEMMAS = frozenset(
    {"say", "tell", "add", "report", "state", "announce", "claim", "allege", "confirm",
     "acknowledge", "insist", "note", "write", "accord", "explain", "argue", "deny", "warn",
     "declare", "assert", "reveal", "suggest", "contend", "maintain", "admit", "quote"}
)
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
    "twenty": "20", "hundred": "100", "thousand": "1000", "million": "1000000",
    "first": "1st", "second": "2nd", "third": "3rd",
}
SECTION_ORDER = {"headline": 0, "lead": 1, "body": 2, "end": 3}
PROMINENT = ("headline", "lead")

CLAIM_COLUMNS = [*KEY_COLUMNS, "claim_id", "piece", "text", "embed_text", "section",
                 "paragraph", "position"]


def _words(span: Span | Iterable) -> int:
    return sum(1 for t in span if not (t.is_punct or t.is_space))


def _split_points(sent: Span) -> list[tuple[int, int | None]]:
    """Token indices where a new clause starts, each with the token that heads it."""
    if _words(sent) < SPLIT_MIN_TOKENS:
        return []
    points: list[tuple[int, int | None]] = []
    for tok in sent:
        if tok.text == ";" and tok.i + 1 < sent.end:
            points.append((tok.i + 1, None))
            continue
        if tok.dep_ != "conj" or tok.pos_ not in VERB_POS or tok.head.pos_ not in VERB_POS:
            continue
        if not (sent.start <= tok.head.i < tok.i) or not _top_level(tok.head):
            continue
        children = list(tok.children)
        has_subject = any(c.dep_ in SUBJECT_DEPS for c in children)
        clausal = any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd") for c in children)
        reporting = tok.lemma_.lower() in REPORTING_LEMMAS
        if not (has_subject or reporting or clausal):
            continue
        start = tok.left_edge.i
        while start - 1 > sent.start and sent.doc[start - 1].dep_ == "cc":
            start -= 1
        if sent.start < start < sent.end:
            points.append((start, tok.i))
    return sorted(set(points))


def _top_level(tok) -> bool:
    """The token heads a main clause or reported content: ROOT / ccomp / conj all the way up."""
    while True:
        if tok.dep_ not in CLAUSE_HEAD_DEPS:
            return False
        if tok.dep_ == "ROOT" or tok.head.i == tok.i:
            return True
        tok = tok.head


def _shared_subject(doc: Doc, head: int | None) -> str:
    """The subject text a coordinated clause borrows from the clause it is joined to.

    A coordinated reporting verb ("... said X but added that Y") borrows the subject of the
    nearest reporting verb above it, whatever the parser attached it to.
    """
    if head is None:
        return ""
    tok = doc[head]
    if any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return ""
    anchor = tok.head
    if tok.lemma_.lower() in REPORTING_LEMMAS:
        up = tok.head
        while up.head.i != up.i and up.lemma_.lower() not in REPORTING_LEMMAS:
            up = up.head
        if up.lemma_.lower() in REPORTING_LEMMAS:
            anchor = up
    for child in anchor.children:
        if child.dep_ in SUBJECT_DEPS:
            sub = doc[child.left_edge.i : child.right_edge.i + 1]
            if _words(sub) <= 12:
                return sub.text
    return ""


def clause_pieces(sent: Span) -> list[tuple[Span, str]]:
    """A sentence's claim units: ``(span, text to embed)``; one piece unless it is long.

    Splits at coordinated clauses with their own subject, clausal complement, object or
    reporting verb (``... and three were wounded``, ``... but added that ...``) and at
    semicolons, when both sides keep at least :data:`CLAIM_MIN_WORDS` words.
    """
    doc = sent.doc
    bounds = [(sent.start, None)]
    for start, head in _split_points(sent):
        if _words(doc[bounds[-1][0] : start]) >= CLAIM_MIN_WORDS and _words(
            doc[start : sent.end]
        ) >= CLAIM_MIN_WORDS:
            bounds.append((start, head))
    pieces = []
    for k, (start, head) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else sent.end
        span = doc[start:end]
        while len(span) > 1 and (span[-1].is_space or span[-1].text in (",", ";")):
            span = doc[span.start : span.end - 1]
        body = span
        while len(body) > 1 and body[0].dep_ == "cc":
            body = doc[body.start + 1 : body.end]
        subject = _shared_subject(doc, head)
        text = f"{subject} {body.text}" if subject else body.text
        pieces.append((span, text))
    return pieces


def _sentence_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def claims_frame(sentences: pd.DataFrame, docs: dict[str, Doc], split: bool = True
                 ) -> pd.DataFrame:
    """One row per claim unit: the sentence's key columns with the claim's own span.

    Args:
        sentences: a sentences frame (``Parsed.sentences`` or :func:`framing.evaluate.basil.
            basil_sentences`): article_id, outlet, sent_id, start, end, text, section.
        docs: the parsed documents the offsets index into.
        split: split long sentences at clause boundaries (else one claim per sentence).

    ``position`` is the sentence's relative place in its article (0 = first, 1 = last);
    ``claim_id`` numbers claims in frame order.
    """
    rows = []
    n_by_article = sentences.groupby("article_id")["sent_id"].agg(["min", "max"])
    doc_text: dict[str, str] = {}  # Doc.text joins every token: once per article
    for rec in sentences.itertuples(index=False):
        doc = docs[rec.article_id]
        if rec.article_id not in doc_text:
            doc_text[rec.article_id] = doc.text
        span = _sentence_span(doc, int(rec.start), int(rec.end))
        lo, hi = n_by_article.loc[rec.article_id]
        position = 0.0 if hi == lo else (rec.sent_id - lo) / (hi - lo)
        pieces = clause_pieces(span) if (split and span is not None) else []
        if len(pieces) <= 1:
            pieces = [(None, rec.text)]
        for k, (piece, embed_text) in enumerate(pieces):
            start = int(rec.start) if piece is None else max(int(rec.start), piece.start_char)
            end = int(rec.end) if piece is None else min(int(rec.end), piece.end_char)
            rows.append({
                "article_id": rec.article_id, "outlet": rec.outlet, "sent_id": int(rec.sent_id),
                "start": start, "end": end, "claim_id": len(rows), "piece": k,
                "text": doc_text[rec.article_id][start:end], "embed_text": embed_text,
                "section": getattr(rec, "section", "body"),
                "paragraph": int(getattr(rec, "paragraph", 0)), "position": float(position),
            })
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def content_terms(doc: Doc, start: int, end: int) -> list[str]:
    """Content lemmas, numbers and names of a span: the lexical signal for alignment.

    Lower-cased lemmas of nouns, proper nouns, verbs, adjectives, adverbs and numbers,
    without stop words and reporting verbs; number words are mapped to digits so "three"
    and "3" agree.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out = []
    for tok in span:
        if tok.is_punct or tok.is_space or (tok.is_stop and not tok.like_num):
            continue
        if tok.pos_ not in CONTENT_POS and not tok.like_num:
            continue
        lemma = tok.lemma_.lower().strip("'’\".-")
        if not lemma or lemma in REPORTING_LEMMAS:
            continue
        lemma = NUMBER_WORDS.get(lemma, lemma)
        if re.fullmatch(r"[\d,.]+", lemma):
            lemma = lemma.replace(",", "")
        out.append(lemma)
    return out


# --- alignment -----------------------------------------------------------------------------


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
        cross_encoder: a Hugging Face cross-encoder (hub name or folder) that scores the
            same candidate pairs instead of ``pair_model``
            (:class:`~framing.coverage.pairs.CrossEncoderScorer`); not fitted on our labels, so
            measure it with ``framing evaluate coverage -o cross_encoder=NAME`` first.
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
        return "learned pair scorer" if self.pair_model is not None else "hand score"

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


def claim_names(doc: Doc, start: int, end: int) -> frozenset[str]:
    """Lower-cased proper-noun lemmas of a span (a pair feature: names both claims use)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return frozenset(t.lemma_.lower() for t in span if t.pos_ == "PROPN") if span else frozenset()


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
        texts = space.claims["embed_text"].to_numpy()
        scorer = get_cross_encoder(params.cross_encoder)
        prob = scorer.probability(texts[feats["i"].to_numpy(dtype=int)],
                                  texts[feats["j"].to_numpy(dtype=int)])
        return feats.assign(probability=prob)
    if params.pair_model is None:
        raise ValueError("scored_pairs needs a pair model or a cross-encoder")
    return feats.assign(probability=params.pair_model.probability(feats))


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


def group_facts(n: int, links: pd.DataFrame) -> np.ndarray:
    """Fact id of each claim: connected components of the link graph."""
    from scipy.sparse.csgraph import connected_components

    i, j = links["i"].to_numpy(dtype=int), links["j"].to_numpy(dtype=int)
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


def _block_scores(space: ClaimSpace, rows: slice | np.ndarray, cols: np.ndarray | None,
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
        block = _block_scores(space, slice(r0, r1), None, lexical_weight)
        block[codes[r0:r1, None] == codes[None, :]] = -np.inf
        if block.shape[1]:
            j = block.argmax(axis=1)
            val = block[np.arange(r1 - r0), j]
            ok = np.isfinite(val)
            score[r0:r1][ok] = val[ok]
            best[r0:r1][ok] = j[ok]
    keep = best >= 0
    return pd.DataFrame({"i": np.flatnonzero(keep), "score": score[keep], "j": best[keep]})


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


def _refine(labels: np.ndarray, similarity: Callable[[np.ndarray], np.ndarray], cut: float
            ) -> np.ndarray:
    """Split each component by average linkage (Sokal & Michener 1958) on the pairwise
    ``similarity`` of its claims, cut where the average falls below ``cut``."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

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
               pairs: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Align the claims (unless ``links`` are given) and group them into facts.

    With the learned scorer (``params.pair_model``, or scored candidate ``pairs`` given),
    ``cluster_cut`` re-clusters components on P(same fact); otherwise on the hand score.

    Returns:
        ``(claims, links)``: the claims with ``fact_id``, ``n_outlets`` (how many outlets
        report the fact), ``best_other`` (the claim's best score in another outlet) and
        ``status`` (``all`` outlets, ``several``, ``exclusive``, or ``unconfirmed`` for a
        one-outlet fact with a counterpart scoring at least ``exclusive_threshold``), and the
        accepted links.
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
        raw = _refine(_split_large(raw, links), similarity, params.cluster_cut)
    # number facts by where they first appear: outlet order, then position in the article
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
         fact_best < params.exclusive_threshold],
        ["all", "several", "exclusive"], default="unconfirmed")
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


# --- attribution ---------------------------------------------------------------------------


def _speaker_of(span: Span) -> str | None:
    """Who a sentence attributes its claim to: "according to X", or "X said/told/...".

    A light detector used when :mod:`framing.blame.analysis`'s attribution table is not available.
    """
    for tok in span:
        nxt = span.doc[tok.i + 1] if tok.i + 1 < len(span.doc) else None
        if tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
            to = nxt
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                obj = objs[0]
                return span.doc[obj.left_edge.i : obj.right_edge.i + 1].text
    for tok in span:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_LEMMAS - {"accord"}:
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lower_ not in ("it", "that", "which", "this"):
                s = subj[0]
                return span.doc[s.left_edge.i : s.right_edge.i + 1].text
    return None


def _blame_attribution(voice: pd.DataFrame | None) -> pd.DataFrame | None:
    """Per-sentence primary sources from blame's ``voice`` table (None when not given)."""
    if voice is None or voice.empty or "source_text" not in voice.columns:
        return None
    out = voice[["article_id", "sent_id", "source_text", "source_actor"]]
    return out.dropna(subset=["source_text"]).drop_duplicates(["article_id", "sent_id"])


def attribution(claims: pd.DataFrame, docs: dict[str, Doc], resolver=None,
                voice: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each claim's ``attribution`` (speaker text or "unattributed") and ``speaker_actor``.

    Uses the sentence's primary source from :mod:`framing.blame.analysis` (its ``voice``
    table: direct quotes, reporting verbs, "according to") when that analysis is available,
    else the light "according to X" / "X said" detector on the claim's sentence
    (``attribution_source`` says which).
    """
    claims = claims.copy()
    table = _blame_attribution(voice)
    lookup: dict[tuple[str, int], tuple[str, str | None]] = {}
    if table is not None:
        lookup = {(a, int(s)): (str(v), actor if isinstance(actor, str) else None)
                  for a, s, v, actor in table.itertuples(index=False)}
    speakers = []
    actors: list[str | None] = []
    cache: dict[tuple[str, int], str | None] = {}
    for rec in claims.itertuples(index=False):
        key = (rec.article_id, int(rec.sent_id))
        if key in lookup:
            speakers.append(lookup[key][0])
            actors.append(lookup[key][1])
            continue
        if key not in cache:
            doc = docs[rec.article_id]
            claim_span = doc.char_span(rec.start, rec.end, alignment_mode="expand")
            sent = claim_span.sent if claim_span is not None else None
            found = _speaker_of(claim_span) if claim_span is not None else None
            if found is None and sent is not None:
                found = _speaker_of(sent)
            cache[key] = found
        speakers.append(cache[key])
        actors.append(resolver.resolve(cache[key]) if (resolver and cache[key]) else None)
    claims["attribution"] = [s if s else "unattributed" for s in speakers]
    claims["speaker_actor"] = actors
    claims["attribution_source"] = "blame" if table is not None else "light"
    return claims


# --- coverage, omission, emphasis ----------------------------------------------------------


def coverage_table(claims: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """The coverage matrix in long form: one row per (fact, outlet), present or absent.

    Present cells carry the outlet's earliest version of the fact (its key columns, text,
    section, position, attribution) and how many versions it has; absent cells have
    ``present = False`` and empty keys. Built with group operations (no loop over facts), so
    it stays fast for thousands of facts and dozens of outlets.
    """
    cols = [*KEY_COLUMNS, "fact_id", "present", "n_outlets", "status", "n_versions",
            "section", "position", "text", "attribution", "fact"]
    if claims.empty or not outlets:
        return pd.DataFrame(columns=cols)
    c = claims.assign(_order=claims["section"].map(SECTION_ORDER).fillna(2))
    if "attribution" not in c:
        c["attribution"] = "unattributed"
    label = c.sort_values(["fact_id", "_order", "position"]).groupby("fact_id")["text"].first()
    per_fact = c.groupby("fact_id").agg(
        n_outlets=("outlet", "nunique"),
        status=("status", "first") if "status" in c else ("outlet", lambda _: ""))
    mine = c[c["outlet"].isin(outlets)].sort_values(["fact_id", "outlet", "position", "piece"])
    cell = mine.groupby(["fact_id", "outlet"], sort=False)
    first = mine.drop_duplicates(["fact_id", "outlet"]).set_index(["fact_id", "outlet"])
    first = first.assign(n_versions=cell.size(),
                         section=cell["_order"].min().map({v: k for k, v in
                                                           SECTION_ORDER.items()}))
    grid = pd.MultiIndex.from_product([per_fact.index, outlets], names=["fact_id", "outlet"])
    out = first.reindex(grid)
    present = out["article_id"].notna().to_numpy()
    out = out.reset_index()
    out["present"] = present
    out["n_versions"] = np.where(present, out["n_versions"].fillna(0), 0).astype(int)
    out["n_outlets"] = per_fact["n_outlets"].reindex(out["fact_id"]).to_numpy().astype(int)
    out["status"] = per_fact["status"].reindex(out["fact_id"]).to_numpy()
    out["fact"] = label.reindex(out["fact_id"]).to_numpy()
    out["fact_id"] = out["fact_id"].astype(int)
    for col in ("article_id", "sent_id", "start", "end", "section", "position", "text",
                "attribution"):
        values = out[col].astype(object)
        out[col] = values.where(present, None)
    for col in ("sent_id", "start", "end"):
        out[col] = [int(v) if v is not None else None for v in out[col]]
    return out[cols]


def coverage_matrix(coverage: pd.DataFrame) -> pd.DataFrame:
    """Facts × outlets: the section of each outlet's earliest version, or "" when absent."""
    cells = coverage.assign(cell=coverage["section"].fillna(""))
    return cells.pivot(index="fact_id", columns="outlet", values="cell").fillna("")


VERSION_COLUMNS = [*KEY_COLUMNS, "claim_id", "fact_id", "n_outlets", "status", "section",
                   "position", "text", "sentence", "attribution"]


def _versions(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    sent_text = sentences.set_index(["article_id", "sent_id"])["text"]
    out = claims.copy()
    out["sentence"] = [sent_text.get((a, int(s)), "") for a, s in
                       zip(out["article_id"], out["sent_id"], strict=True)]
    if "attribution" not in out:
        out["attribution"] = "unattributed"
    return out


def exclusive_facts(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Versions of the facts only one outlet reports (one row per claim), each with its
    nearest claim in another outlet (``nearest_*``) for a side-by-side check.

    ``status`` is ``exclusive`` when that nearest claim scores below the exclusive
    threshold (a confident exclusive: the figure evaluated for precision), ``unconfirmed``
    otherwise (the aligner did not match it, but a similar claim exists elsewhere).
    """
    versions = _versions(claims, sentences)
    ex = versions[versions["n_outlets"] == 1].copy()
    near = claims.set_index("claim_id")
    idx = claims["nearest_claim"].reindex(ex.index).to_numpy() if len(ex) else []
    for col in ("outlet", "article_id", "sent_id", "text"):
        ex[f"nearest_{col}"] = [near[col].get(int(j)) if j >= 0 else None for j in idx]
    ex["nearest_score"] = ex["best_other"].round(3)
    cols = [*VERSION_COLUMNS, "nearest_outlet", "nearest_article_id", "nearest_sent_id",
            "nearest_text", "nearest_score"]
    return ex[cols].reset_index(drop=True)


def omitted_facts(claims: pd.DataFrame, sentences: pd.DataFrame, outlets: list[str],
                  space: ClaimSpace | None = None, params: AlignerParams | None = None,
                  pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Facts every outlet but one reports: the reporting outlets' versions, with
    ``omitted_by`` naming the outlet that leaves the fact out and ``confident`` when none of
    that outlet's claims scores at least ``exclusive_threshold`` against the fact's claims
    (computed only for these facts, from ``space``; with the learned scorer, from the
    probabilities of the scored candidate ``pairs``)."""
    versions = _versions(claims, sentences)
    cols = [*VERSION_COLUMNS, "omitted_by", "confident"]
    n = len(outlets)
    rows = []
    outlet_of = claims["outlet"].to_numpy()
    for _, group in versions.groupby("fact_id"):
        present = set(group["outlet"])
        if n < 2 or len(present) != n - 1:
            continue
        (missing,) = set(outlets) - present
        confident = None
        members = group["claim_id"].to_numpy(dtype=int)
        others = np.flatnonzero(outlet_of == missing)
        if params is not None and params.learned and pairs is not None:
            touch = (pairs["i"].isin(members) & pairs["j"].isin(others)) | (
                pairs["j"].isin(members) & pairs["i"].isin(others))
            near = pairs.loc[touch, "probability"].max() if touch.any() else 0.0
            confident = bool(near < params.exclusive_threshold)
        elif space is not None and params is not None:
            near = _block_scores(space, members, others, params.lexical_weight).max(
                initial=-1.0)
            confident = bool(near < params.exclusive_threshold)
        rows.append(group.assign(omitted_by=missing, confident=confident))
    if not rows:
        return pd.DataFrame(columns=cols)
    return pd.concat(rows)[cols].reset_index(drop=True)


def emphasis(coverage: pd.DataFrame) -> pd.DataFrame:
    """Facts one outlet puts in its headline or lead while another places them lower.

    One row per (fact, prominent outlet, other outlet); ``buried`` when the other outlet's
    earliest version is in its last third (section ``end``). Key columns are the prominent
    outlet's version; ``other_*`` columns the other outlet's.
    """
    present = coverage[coverage["present"]]
    rows = []
    for fact_id, group in present.groupby("fact_id"):
        if len(group) < 2:
            continue
        top = group[group["section"].isin(PROMINENT)]
        low = group[~group["section"].isin(PROMINENT)]
        for a in top.itertuples(index=False):
            for b in low.itertuples(index=False):
                rows.append({"article_id": a.article_id, "outlet": a.outlet,
                             "sent_id": a.sent_id, "start": a.start, "end": a.end,
                             "fact_id": int(fact_id), "section": a.section, "text": a.text,
                             "other_outlet": b.outlet, "other_article_id": b.article_id,
                             "other_sent_id": b.sent_id, "other_section": b.section,
                             "other_position": b.position, "other_text": b.text,
                             "buried": b.section == "end"})
    cols = [*KEY_COLUMNS, "fact_id", "section", "text", "other_outlet", "other_article_id",
            "other_sent_id", "other_section", "other_position", "other_text", "buried"]
    return pd.DataFrame(rows, columns=cols)


def exclusive_share(claims: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Per outlet: facts reported, exclusive facts, and the share of its claims that are
    exclusive ("exclusive content")."""
    rows = []
    for outlet in outlets:
        mine = claims[claims["outlet"] == outlet]
        facts = mine["fact_id"].nunique()
        ex = mine[mine["status"] == "exclusive"]
        rows.append({"outlet": outlet, "claims": len(mine), "facts": int(facts),
                     "exclusive_facts": int(ex["fact_id"].nunique()),
                     "exclusive_claims": len(ex),
                     "exclusive_share": len(ex) / len(mine) if len(mine) else 0.0})
    return pd.DataFrame(rows)


def links_table(claims: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Accepted claim links with both sides' key columns (``other_*`` for the second)."""
    a = claims.iloc[links["i"].to_numpy()].reset_index(drop=True)
    b = claims.iloc[links["j"].to_numpy()].reset_index(drop=True)
    out = a[[*KEY_COLUMNS, "claim_id", "fact_id", "text"]].copy()
    for col in ("article_id", "outlet", "sent_id", "start", "end", "claim_id", "text"):
        out[f"other_{col}"] = b[col].to_numpy()
    for col in ("cosine", "lexical", "score", "rank"):
        out[col] = links[col].to_numpy()
    return out


# --- the analysis --------------------------------------------------------------------------


def analyze(sentences: pd.DataFrame, docs: dict[str, Doc], outlets: list[str],
            params: AlignerParams | None = None, resolver=None, voice: pd.DataFrame | None = None,
            encoder=None) -> dict[str, pd.DataFrame]:
    """All coverage tables for one incident's sentences (see :func:`tables`); ``voice`` is
    blame's per-sentence sources table."""
    params = params or default_params()
    space = claim_space(sentences, docs, split=params.split_clauses, encoder=encoder)
    claims, links, pairs = align(space, params)
    claims = attribution(claims, docs, resolver=resolver, voice=voice)
    coverage = coverage_table(claims, outlets)
    return {
        "claims": claims.drop(columns=["embed_text"]),
        "links": links_table(claims, links),
        "coverage": coverage,
        "exclusive": exclusive_facts(claims, sentences),
        "omitted": omitted_facts(claims, sentences, outlets, space, params, pairs),
        "emphasis": emphasis(coverage),
    }


def tables(parsed: Parsed, blame: dict[str, pd.DataFrame], coverage_model: str | None = None
           ) -> dict[str, pd.DataFrame]:
    """Coverage tables of an incident: claims (with fact ids), alignment links, the coverage
    matrix (long form), exclusive facts, omitted facts and lead-vs-buried emphasis.

    ``coverage_model``: a Hugging Face cross-encoder to score claim pairs instead of the
    fitted scorer (see :class:`~framing.coverage.pairs.CrossEncoderScorer`). ``blame``: the
    blame analysis' tables, whose ``voice`` table gives each sentence's source."""
    return analyze(parsed.sentences, parsed.docs, parsed.incident.outlets,
                   params=default_params().with_cross_encoder(coverage_model),
                   resolver=parsed.resolver, voice=blame["voice"])


# --- findings and profile ------------------------------------------------------------------

PAGE = "05_coverage.html"
MAX_LISTED = 3  # exclusive facts quoted per outlet in a finding


def _salience(rows: pd.DataFrame) -> pd.Series:
    """Order exclusive facts for quoting: longer claims higher in the article first."""
    words = rows["text"].str.split().str.len().clip(upper=30)
    return words * (1.5 - rows["position"].astype(float))


def findings(tables: dict[str, pd.DataFrame], incident) -> list[Finding]:
    """Templated findings on coverage.

    Templates and thresholds:
    - per outlet with at least one exclusive fact (one outlet, no counterpart scoring
      ``exclusive_threshold`` elsewhere): "Only {outlet} reports {n} of the {N} facts
      ({share} of its claims), e.g. “…”" quoting up to 3 exclusive claims of at least 6
      words (longest and earliest first);
    - when at least one fact is reported by every outlet (2+ outlets): "{k} facts are
      reported by all {m} outlets, e.g. “…”";
    - with 3+ outlets, per outlet omitting at least one fact: "{outlet} leaves out {n}
      facts that every other outlet reports";
    - per outlet with at least one fact in its headline or lead that another outlet places
      in its last third: "{outlet} puts {n} facts in its headline or lead that others
      bury in their last third".
    """
    claims = tables["claims"]
    outlets = list(incident.outlets)
    out: list[Finding] = []
    if claims.empty:
        return out
    n_facts = claims["fact_id"].nunique()
    share = exclusive_share(claims, outlets).set_index("outlet")
    ex = tables["exclusive"]
    ex = ex[ex["status"] == "exclusive"]
    for outlet in outlets:
        mine = ex[ex["outlet"] == outlet]
        if mine.empty:
            continue
        quotable = mine[mine["text"].str.split().str.len() >= 6]
        top = quotable.assign(_s=_salience(quotable)).sort_values("_s", ascending=False)
        top = top.drop_duplicates("fact_id").head(MAX_LISTED)
        quotes = "; ".join(f"“{_short(t)}”" for t in top["text"])
        n_ex = mine["fact_id"].nunique()
        text = (f"Only {outlet} reports {n_ex} of the {n_facts} facts "
                f"({share.loc[outlet, 'exclusive_share']:.0%} of its claims)"
                + (f", e.g. {quotes}" if quotes else "") + ".")
        out.append(Finding(text, "coverage", outlet,
                           heading_anchor(PAGE, "Exclusive and omitted facts"),
                           mine[[*KEY_COLUMNS, "fact_id", "text", "sentence"]],
                           strength=float(n_ex)))
    if len(outlets) >= 2:
        shared = claims[claims["status"] == "all"]
        if not shared.empty:
            k = shared["fact_id"].nunique()
            cov = tables["coverage"]
            firsts = cov[cov["fact_id"].isin(shared["fact_id"]) & cov["present"]]
            firsts = firsts.sort_values(["fact_id", "position"]).drop_duplicates("fact_id")
            examples = "; ".join(f"“{_short(t)}”" for t in firsts["text"].head(MAX_LISTED))
            out.append(Finding(f"{k} facts are reported by all {len(outlets)} outlets, "
                               f"e.g. {examples}.", "coverage", None,
                               heading_anchor(PAGE, "Coverage matrix"),
                               shared[[*KEY_COLUMNS, "fact_id", "text"]], strength=float(k)))
    om = tables["omitted"]
    if len(outlets) >= 3 and not om.empty:
        for outlet, group in om.groupby("omitted_by"):
            n = group["fact_id"].nunique()
            out.append(Finding(f"{outlet} leaves out {n} facts that every other outlet "
                               "reports.", "coverage", str(outlet),
                               heading_anchor(PAGE, "Exclusive and omitted facts"),
                               group[[*KEY_COLUMNS, "fact_id", "text", "sentence"]],
                               strength=float(n)))
    emph = tables["emphasis"]
    buried = emph[emph["buried"]] if not emph.empty else emph
    for outlet, group in (buried.groupby("outlet") if not buried.empty else []):
        n = group["fact_id"].nunique()
        others = ", ".join(sorted(set(group["other_outlet"])))
        out.append(Finding(f"{outlet} puts {n} fact{'s' if n != 1 else ''} in its headline or "
                           f"lead that {others} bur{'y' if ',' in others else 'ies'} in the "
                           "last third.", "coverage", str(outlet),
                           heading_anchor(PAGE, "Lead or buried"),
                           group[[*KEY_COLUMNS, "fact_id", "text", "other_outlet",
                                  "other_text"]], strength=float(n)))
    return out


def _short(text: str, n: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def profile(tables: dict[str, pd.DataFrame], incident) -> pd.DataFrame:
    """Coverage lines of the framing profile (columns = outlets)."""
    claims = tables["claims"]
    outlets = list(incident.outlets)
    n_facts = claims["fact_id"].nunique() if not claims.empty else 0
    share = exclusive_share(claims, outlets).set_index("outlet")
    om = tables["omitted"]
    emph = tables["emphasis"]
    rows = {
        "Facts reported (of all facts)": {
            o: f"{share.loc[o, 'facts']} of {n_facts}" for o in outlets},
        "Exclusive facts (share of its claims)": {
            o: f"{share.loc[o, 'exclusive_facts']} ({share.loc[o, 'exclusive_share']:.0%})"
            for o in outlets},
    }
    if len(outlets) >= 3:
        rows["Facts all others report, left out"] = {
            o: str(om.loc[om["omitted_by"] == o, "fact_id"].nunique()) for o in outlets}
    rows["Facts in headline/lead that others bury"] = {
        o: str(emph.loc[(emph["outlet"] == o) & emph["buried"], "fact_id"].nunique())
        if not emph.empty else "0" for o in outlets}
    return pd.DataFrame.from_dict(rows, orient="index", columns=outlets)

