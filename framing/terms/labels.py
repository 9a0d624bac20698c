"""Labeling: the expressions each outlet uses for each actor, and its names for contested places.

Word choice and labeling (Hamborg, Zhukova & Gipp 2019): :func:`actor_labels` finds the
expression around each actor mention ("Russian peacekeeping forces", "Azeri President
Ilham Aliyev"), :func:`place_names` every use of a contested place's names ("Artsakh" or
"Nagorno-Karabakh"); :func:`labeling_table` and :func:`place_usage` tabulate them per outlet.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd
from spacy.tokens import Span

from framing.core.pipeline import KEY_COLUMNS, Parsed
from framing.terms.detect import (
    VOICE_COLUMNS,
    frame_of,
    sentence_at,
    sentence_index,
    span_voice_columns,
)

#: Nouns that, modified by a demonym or name, still refer to the actor itself
#: ("Azerbaijani troops", "Karabakh forces"), unlike "Azerbaijani attack".
REFERRING_HEADS = frozenset({
    "army", "force", "forces", "troop", "troops", "soldier", "soldiers", "fighter", "military",
    "ministry", "media", "authority", "authorities", "official", "officials", "government",
    "leadership", "side", "president", "leader", "regime", "separatist", "militant", "rebel",
    "peacekeeper", "peacekeepers", "unit", "units", "administration", "state", "people",
    "defence", "defense", "command", "spokesman", "spokesperson", "envoy",
    "co-chair", "mediator", "group", "militia", "republic", "parliament",
})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that",
                         "these", "those", "our"})
QUANTIFIERS = frozenset({"some", "several", "many", "all", "both", "about", "around", "nearly"})


def _strip_determiners(span: Span) -> str:
    toks = list(span)
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].is_punct or toks[0].like_num
                    or toks[0].lower_ in QUANTIFIERS
                    or toks[0].ent_type_ in ("DATE", "TIME", "CARDINAL")):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return span.text
    return span.doc[toks[0].i : toks[-1].i + 1].text


def actor_labels(parsed: Parsed) -> pd.DataFrame:
    """Each actor mention with the expression the outlet uses for the actor there.

    The expression is the noun chunk around the mention (determiners dropped) when the
    mention heads it ("the Russian peacekeeping forces" → "Russian peacekeeping forces",
    "Azeri President Ilham Aliyev") or when a demonym or name modifies a noun that refers to
    the actor itself (:data:`REFERRING_HEADS`: "Azerbaijani troops", "Karabakh forces").
    Otherwise (a possessor, or a modifier of an event or of another person: "the
    Azerbaijani attack", "Artsakh presidential advisor Davit Babayan") it is the mention
    itself, and ``head`` names the noun it modifies.

    ``voice`` and the source columns (:data:`VOICE_COLUMNS`) say whose expression it is: the
    outlet's own (``outlet``) or a source's the outlet quotes, reports or attributes.
    """
    cols = [*KEY_COLUMNS, "actor_id", "side", "surface", "kind", "expression", "head", "form",
            *VOICE_COLUMNS]
    rows = []
    chunks: dict[str, dict[int, Span]] = {}  # per article: token index -> its noun chunk
    for m in parsed.mentions.itertuples(index=False):
        doc = parsed.docs[m.article_id]
        if m.article_id not in chunks:
            chunks[m.article_id] = {i: c for c in doc.noun_chunks for i in range(c.start, c.end)}
        span = doc.char_span(int(m.start), int(m.end), alignment_mode="expand")
        expression, head, form = m.surface, "", "name"
        if span is not None:
            root = span.root
            chunk = chunks[m.article_id].get(root.i)
            if root.dep_ == "poss":
                form, head = "possessor", root.head.text
            elif chunk is not None and span.start <= chunk.root.i < span.end:
                expression, form = _strip_determiners(chunk), "noun phrase"
            elif chunk is not None and (chunk.root.lemma_.lower() in REFERRING_HEADS
                                        or chunk.root.text.lower() in REFERRING_HEADS) \
                    and chunk.root.ent_type_ != "PERSON":
                expression, form = _strip_determiners(chunk), "noun phrase"
            elif root.head.i != root.i and not (span.start <= root.head.i < span.end):
                form, head = "modifier", root.head.text
        rows.append({"article_id": m.article_id, "outlet": m.outlet, "sent_id": m.sent_id,
                     "start": m.start, "end": m.end, "actor_id": m.actor_id, "side": m.side,
                     "surface": m.surface, "kind": m.kind,
                     "expression": re.sub(r"\s+", " ", expression), "head": head,
                     "form": form,
                     **span_voice_columns(parsed.voices.get(m.article_id), int(m.start),
                                          int(m.end))})
    return frame_of(rows, cols)


def labeling_table(labels: pd.DataFrame, outlets: list[str] | None = None, top: int = 6,
                   include_modifiers: bool = False) -> pd.DataFrame:
    """Actor × outlet: the expressions used, most frequent first, with counts.

    Expressions differing only in case (headline capitals) are counted together under their
    most frequent spelling; demonyms that only modify another noun ("Azerbaijani attack")
    are left out unless ``include_modifiers``.
    """
    outlets = outlets or list(dict.fromkeys(labels["outlet"]))
    if not include_modifiers and len(labels):
        labels = labels[labels["form"] != "modifier"]
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for (actor, outlet), group in labels.groupby(["actor_id", "outlet"], sort=False):
        keys = group["expression"].str.lower()
        spelling = group.groupby(keys)["expression"].agg(lambda s: s.value_counts().index[0])
        counts = keys.value_counts()
        items = [f"{spelling[k]} ({n})" for k, n in counts.head(top).items()]
        more = len(counts) - top
        cells[actor][outlet] = "; ".join(items) + (f"; +{more} more" if more > 0 else "")
    table = pd.DataFrame.from_dict(cells, orient="index").reindex(columns=outlets)
    table.index.name = "actor"
    return table.fillna("—").reset_index()


def place_names(parsed: Parsed) -> pd.DataFrame:
    """Every use of a contested place's names (``incident.places`` variants) per article.

    Overlaps: variants of one place match longest first and never overlap, so "Karabakh"
    inside "Nagorno-Karabakh" is not counted again, and a word joined by a hyphen is not a
    match ("Nagorno-Karabakh" does not contain the name "Karabakh"). A name used inside a
    longer actor name ("Artsakh" in "Artsakh Defense Army", "Karabakh" in "Karabakh
    forces") still shows the outlet's naming choice and is counted, with ``in_name`` True and
    the longer name in ``within``, so tables can report it separately. ``voice`` and the
    source columns say whose name it is (:data:`VOICE_COLUMNS`).
    """
    cols = [*KEY_COLUMNS, "place_id", "place", "variant", "surface", "in_name", "within",
            *VOICE_COLUMNS]
    rows = []
    mentions = parsed.mentions
    for article in parsed.incident.articles:
        text = article.document
        voice = parsed.voices[article.id]
        _, starts = sentence_index(parsed.docs[article.id])
        art_mentions = mentions[mentions.article_id == article.id]
        for place in parsed.incident.places:
            found = []
            for variant in sorted(place.variants, key=len, reverse=True):
                flags = 0 if any(c.isupper() for c in variant) else re.IGNORECASE
                pattern = re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", flags)
                for m in pattern.finditer(text):
                    if all(m.end() <= a or m.start() >= b for a, b, _ in found):
                        found.append((m.start(), m.end(), variant))
            for a, b, variant in sorted(found):
                longer = art_mentions[(art_mentions.start <= a) & (art_mentions.end >= b)
                                      & ((art_mentions.end - art_mentions.start) > (b - a))]
                within = str(longer.iloc[0]["surface"]) if len(longer) else ""
                rows.append({"article_id": article.id, "outlet": article.outlet,
                             "sent_id": sentence_at(starts, a), "start": a, "end": b,
                             "place_id": place.id, "place": place.name, "variant": variant,
                             "surface": text[a:b], "in_name": bool(within), "within": within,
                             **span_voice_columns(voice, a, b)})
    return frame_of(rows, cols)


def place_usage(places: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """Place × outlet: the names used with counts ("Artsakh 3 (+2 in names)")."""
    outlets = outlets or list(dict.fromkeys(places["outlet"]))
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for (place, outlet), group in places.groupby(["place", "outlet"], sort=False):
        parts = []
        for variant, g in group.groupby("variant", sort=False):
            free, named = int((~g["in_name"]).sum()), int(g["in_name"].sum())
            label = f"{variant} {free}" if free else f"{variant} 0"
            parts.append((free + named, label + (f" (+{named} in names)" if named else "")))
        cells[place][outlet] = "; ".join(p for _, p in sorted(parts, key=lambda x: -x[0]))
    table = pd.DataFrame.from_dict(cells, orient="index").reindex(columns=outlets)
    table.index.name = "place"
    return table.fillna("—").reset_index()
