"""Claim units: the pieces of an incident's sentences that coverage lines up across outlets.

One sentence can report several facts ("Azerbaijani troops attacked ... and three were
wounded"), and an outlet that reports only one of them has not reported the other, so the
unit of coverage is the *claim*, not the sentence. Each sentence is a claim unit; a long
sentence is split at clause boundaries from its dependency parse (coordinated clauses with
their own subject, clausal complement, object or reporting verb, "... but added that ...",
semicolons). A split-off clause that shares the first clause's subject is embedded with that
subject ("[the ministry] added that ..."), so the sentence encoder (Sentence-BERT, Reimers &
Gurevych 2019; MiniLM, Wang et al. 2020) sees who says it.

Each claim also gets its lexical signal for alignment here: content lemmas, numbers (number
words mapped to digits, so "three" and "3" agree) and proper-noun names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from spacy.tokens import Doc, Span, Token

from framing.core.pipeline import KEY_COLUMNS
from framing.core.reporting import REPORTING_VERBS

SPLIT_MIN_TOKENS = 14  # only sentences at least this long (in words) are split
CLAIM_MIN_WORDS = 5  # every piece of a split sentence keeps at least this many words
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
CLAUSE_HEAD_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})
VERB_POS = frozenset({"VERB", "AUX"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
#: Verbs that attribute content rather than report it: a coordinated one starts a clause,
#: and none is a content term. The shared vocabulary (:mod:`framing.core.reporting`) plus
#: "accord", the lemma of "according (to)", which spaCy tags as a verb.
REPORTING_LEMMAS = REPORTING_VERBS | {"accord"}
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12",
    "twenty": "20", "hundred": "100", "thousand": "1000", "million": "1000000",
    "first": "1st", "second": "2nd", "third": "3rd",
}


CLAIM_COLUMNS = [*KEY_COLUMNS, "claim_id", "piece", "text", "embed_text", "section",
                 "paragraph", "position"]
#: The stable key an incident's claims are ordered and numbered by: the article id, the
#: character span, then the piece of a split sentence (:func:`in_stable_order`).
CLAIM_ORDER = ["article_id", "start", "end", "piece"]


def in_stable_order(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences in the order of their stable key (article id, character span), whatever
    order they came in: :func:`claims_frame` of them numbers claims by that key, so the same
    articles give the same claim and fact ids whether read from folder files in another
    order, from the corpus store or on a cluster (:func:`framing.coverage.analysis.analyze`
    does this). For incident folders, whose files are read in name order, it is the order
    they were read in."""
    return sentences.sort_values(CLAIM_ORDER[:3], kind="stable")


QUESTION_END = re.compile(r"\?[\s)\]]*$")


def is_question(text: str) -> bool:
    """A claim that asks rather than states ("Can you take us through these protests?", an
    interviewer's line): it reports no fact, so it is never one outlet's exclusive fact. A
    question inside a quotation is reported ('He asked: "Why did they shoot?"'), a fact."""
    return bool(QUESTION_END.search(str(text)))


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
    heads: dict[int, int | None] = {}
    for start, head in points:  # one point per token: a clause head beats a bare semicolon
        if heads.get(start) is None:
            heads[start] = head
    return sorted(heads.items())


def _top_level(tok: Token) -> bool:
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
        sentences: a sentences frame (``Parsed.sentences`` or
            :func:`framing.evaluate.datasets.basil.basil_sentences`): article_id, outlet,
            sent_id, start, end, text, section.
        docs: the parsed documents the offsets index into.
        split: split long sentences at clause boundaries (else one claim per sentence).

    ``position`` is the sentence's relative place in its article (0 = first, 1 = last);
    ``claim_id`` numbers claims in frame order, which is their stable key's order
    (:data:`CLAIM_ORDER`) for a frame given :func:`in_stable_order`, as the coverage
    analysis gives it.
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


def claim_names(doc: Doc, start: int, end: int) -> frozenset[str]:
    """Lower-cased proper-noun lemmas of a span (a pair feature: names both claims use)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return frozenset(t.lemma_.lower() for t in span if t.pos_ == "PROPN") if span else frozenset()
