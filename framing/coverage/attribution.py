"""Attribution: whom each claim is attributed to, a label beside its fact.

Two outlets can report the same fact in different mouths ("according to the Armenian
ministry" / "Baku said"), and the coverage matrix shows each outlet's version with its
source. The speaker is the sentence's primary source in the blame analysis' ``voice`` table
(:mod:`framing.blame`: direct quotes, reporting verbs, "according to"): one speaker detector
serves every analysis, so they agree on who said what, and a sentence blame finds no source
for is "unattributed". Attribution labels claims only: it never changes which claims form a
fact.
"""

from __future__ import annotations

import pandas as pd


def sentence_sources(voice: pd.DataFrame) -> dict[tuple[str, int], tuple[str, str | None]]:
    """``{(article_id, sent_id): (source text, source actor or None)}`` from blame's ``voice``
    table: each sentence's primary source, for the sentences that have one."""
    if voice.empty:
        return {}
    table = voice[["article_id", "sent_id", "source_text", "source_actor"]]
    table = table.dropna(subset=["source_text"]).drop_duplicates(["article_id", "sent_id"])
    return {(a, int(s)): (str(v), actor if isinstance(actor, str) else None)
            for a, s, v, actor in table.itertuples(index=False)}


def attribution(claims: pd.DataFrame, voice: pd.DataFrame) -> pd.DataFrame:
    """Each claim's ``attribution`` (its sentence's source text, or "unattributed") and
    ``speaker_actor`` (that source's actor id, when blame resolved one).

    Args:
        claims: claim rows with ``article_id`` and ``sent_id``.
        voice: blame's ``voice`` table (one row per sentence, ``source_text`` and
            ``source_actor`` of its primary source).
    """
    claims = claims.copy()
    sources = sentence_sources(voice)
    found = [sources.get((a, int(s)), ("unattributed", None))
             for a, s in zip(claims["article_id"], claims["sent_id"], strict=True)]
    claims["attribution"] = [text for text, _ in found]
    claims["speaker_actor"] = [actor for _, actor in found]
    return claims
