"""Attribution: whom each claim is attributed to, a label beside its fact.

Two outlets can report the same fact in different mouths ("according to the Armenian
ministry" / "Baku said"), and the coverage matrix shows each outlet's version with its
source. The speaker is the sentence's primary source in the blame analysis' ``voice``
table (:mod:`framing.blame`: direct quotes, reporting verbs, "according to"),
so every analysis agrees on who said what; a sentence without one falls back to a light
"according to X" / "X said" detector on the claim's sentence. Attribution labels claims
only: it never changes which claims form a fact.
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc, Span

from framing.coverage.claims import REPORTING_LEMMAS


def _speaker_of(span: Span) -> str | None:
    """Who a sentence attributes its claim to: "according to X", or "X said/told/...".

    A light detector used for sentences :mod:`framing.blame` gives no source.
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

    Uses the sentence's primary source from :mod:`framing.blame` (its ``voice``
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
