"""The blame tables of an incident and the aggregations the blame page shows.

:func:`tables` runs the per-article extraction (:mod:`framing.blame.rows`) over every
article of an incident, on docs whose Title Case headlines are truecased first
(:mod:`framing.core.truecasing`), and returns tidy frames: harm events, blame and denial
statements, attributions, each sentence's voice, plus two incident-level summaries
(share of voice per outlet and side, and per outlet agent side × target side × voice
counts). The other functions aggregate those frames for the notebook and the report:
agent × target matrices, agency voice by victim side, reporting-verb stance by source
side, and accuser → accused counts.

Share of voice counts sentences and words per source side, after the source counting of
news-sourcing studies (e.g. Sigal 1973); the agency voices are those of
:data:`framing.blame.events.VOICES` (Henley, Miller & Beazley 1995; Greene & Resnik 2009).
"""

from __future__ import annotations

import pandas as pd

from framing.blame.rows import (
    BLAME_COLUMNS,
    EVENT_COLUMNS,
    ROLE_COLUMNS,
    SOURCE_COLUMNS,
    UNRESOLVED,
    VOICE_COLUMNS,
    ArticleContext,
    blame_rows,
    event_tables,
    source_rows,
    voice_rows,
)
from framing.core.pipeline import Parsed, empty_frame

#: How a role that names nobody is shown in the aggregations.
NONE = "(none)"


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A frame with the given columns; offsets and counts as (nullable) integers."""
    frame = pd.DataFrame(rows, columns=columns) if rows else empty_frame(columns)
    for col in columns:
        if col in ("start", "end", "sent_id") or col.endswith(("_start", "_end", "_words")) \
                or col.startswith("n_") or col in ("words", "quoted_words"):
            frame[col] = frame[col].astype("Int64")
    return frame


def share_of_voice(voice: pd.DataFrame) -> pd.DataFrame:
    """Sentences and words attributed to each side per outlet, with shares (0–1).

    The narrator (no attribution) and unresolved sources are rows of their own.
    """
    cols = ["outlet", "source_side", "sentences", "words", "share_sentences", "share_words"]
    if voice.empty:
        return _frame([], cols)
    g = voice.groupby(["outlet", "source_side"]).agg(sentences=("sent_id", "size"),
                                                    words=("words", "sum")).reset_index()
    tot = g.groupby("outlet")[["sentences", "words"]].transform("sum")
    g["share_sentences"] = (g.sentences / tot.sentences).round(3)
    g["share_words"] = (g.words / tot.words).round(3)
    return g[cols]


def outlet_comparison(events: pd.DataFrame) -> pd.DataFrame:
    """For each outlet and (agent side, target side) pair: harm events by voice.

    Rows are outlet × agent_side × target_side × voice with a count; events whose agent or
    target does not resolve are counted under ``unresolved`` / ``none``.
    """
    cols = ["outlet", "agent_side", "target_side", "voice", "events"]
    if events.empty:
        return _frame([], cols)
    e = events[~events.negated.astype(bool)].copy()
    e["agent_side"] = fill_side(e, "agent", none="none")
    e["target_side"] = fill_side(e, "target", none="none")
    out = e.groupby(["outlet", "agent_side", "target_side", "voice"]).size()
    return out.rename("events").reset_index()[cols]


def tables(parsed: Parsed) -> dict[str, pd.DataFrame]:
    """Harm events, blame statements, attributions and share of voice of every article.

    Tables: ``events`` (one row per harm event: trigger, voice, agency, agent and target
    with spans, actors and sides, source), ``roles`` (every agent and target of each event
    that resolves to an actor, the event's primary ones marked), ``blame`` (accuser →
    accused statements, denials, negated blame), ``sources`` (reporting verbs, "according
    to", direct and partial quotes with speakers and stance), ``voice`` (each sentence's
    primary source), ``share_of_voice`` (per outlet and side) and ``comparison`` (per
    outlet, agent side × target side × voice counts).
    """
    from tqdm.auto import tqdm

    voices = parsed.voices
    ev_rows, role_rows, bl_rows, src_rows, v_rows = [], [], [], [], []
    articles = parsed.incident.articles
    for article in tqdm(articles, desc="blame", unit="article", disable=len(articles) < 8):
        ctx = ArticleContext(article, voices[article.id], parsed.sentences, parsed.incident)
        events, roles = event_tables(ctx)
        ev_rows += events
        role_rows += roles
        bl_rows += blame_rows(ctx, events)
        src_rows += source_rows(ctx)
        v_rows += voice_rows(ctx)
    events = _frame(ev_rows, EVENT_COLUMNS)
    events["target_count"] = events.target_count.astype("Int64")
    voice = _frame(v_rows, VOICE_COLUMNS)
    return {
        "events": events,
        "roles": _frame(role_rows, ROLE_COLUMNS),
        "blame": _frame(bl_rows, BLAME_COLUMNS),
        "sources": _frame(src_rows, SOURCE_COLUMNS),
        "voice": voice,
        "share_of_voice": share_of_voice(voice),
        "comparison": outlet_comparison(events),
    }


def agent_target_matrix(events: pd.DataFrame, outlet: str) -> pd.DataFrame:
    """Harm events of one outlet: agent side (rows) × target side (columns), counts."""
    e = events[(events.outlet == outlet) & ~events.negated.astype(bool)]
    if e.empty:
        return pd.DataFrame()
    return pd.crosstab(fill_side(e, "agent").rename("agent"),
                       fill_side(e, "target").rename("target"))


def voice_by_victim(events: pd.DataFrame) -> pd.DataFrame:
    """Harm events with a target, per outlet × target side (rows) and voice (columns)."""
    e = events[events.target_side.notna() & ~events.negated.astype(bool)]
    if e.empty:
        return pd.DataFrame()
    return pd.crosstab([e.outlet, e.target_side], e.voice)


def stance_by_side(sources: pd.DataFrame) -> pd.DataFrame:
    """Reporting-verb stance per outlet × source side (rows) and class (columns); each
    reporting verb counts once, however many quotes it introduces."""
    s = sources[sources.stance.notna()].drop_duplicates(["article_id", "cue_start"])
    if s.empty:
        return pd.DataFrame()
    side = s.source_side.fillna(UNRESOLVED)
    return pd.crosstab([s.outlet, side.rename("source_side")], s.stance)


def fill_side(frame: pd.DataFrame, role: str, none: str = NONE) -> pd.Series:
    """The side of a role, ``unresolved`` when named but not an actor, ``none`` (default
    ``(none)``) when the statement or event names nobody in that role."""
    named = frame[f"{role}_text"].notna()
    return frame[f"{role}_side"].fillna(named.map({True: UNRESOLVED, False: none}))


def accuser_table(blame: pd.DataFrame) -> pd.DataFrame:
    """Accuser side → accused side statements per outlet, with type and negation."""
    if blame.empty:
        return pd.DataFrame()
    b = blame.assign(accuser_side=fill_side(blame, "accuser"),
                     accused_side=fill_side(blame, "accused"))
    return (b.groupby(["outlet", "accuser_side", "accused_side", "statement", "negated"])
            .size().rename("statements").reset_index())
