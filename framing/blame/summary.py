"""Blame findings and profile: the report's sentences on who is made the agent of harm.

Templated findings for the summary page (the side an outlet makes the agent of harm, harm
reported without an agent, blame and denial statements, distancing reporting verbs), each
with its evidence rows and a link to the heading of the blame page that shows it, and the
blame lines of the framing profile. Thresholds are constants here, never free text; the
page and its headings are named here only.
"""

from __future__ import annotations

import pandas as pd

from framing.blame.analysis import NONE, fill_side
from framing.blame.rows import NARRATOR, OTHER_SOURCE, OUTLET_ASSERTS, UNRESOLVED
from framing.core.corpus import Incident
from framing.core.findings import Finding, agree

#: Headings of the blame page that findings link to (the notebook's markdown headings).
HEADINGS = {
    "events": "Who does what to whom",
    "agency": "Agency by victim side",
    "blame": "Blame and denial",
    "verbs": "Reporting verbs",
    "voice": "Who gets to speak",
}
#: The heading of the blame page behind each profile line.
PROFILE_SECTIONS = {
    "Harm events (active / agentless)": HEADINGS["events"],
    "Most-named agent of harm, in its own words": HEADINGS["events"],
    "Blame statements (accuser → accused)": HEADINGS["blame"],
    "Distancing reporting verbs": HEADINGS["verbs"],
    "Share of voice (sentences)": HEADINGS["voice"],
}
#: Minimum harm events with a resolved agent for an "agent of harm" finding.
MIN_AGENT_EVENTS = 2
#: Minimum harm events of an outlet for an "names no agent" finding (at least half of them).
MIN_AGENTLESS_EVENTS = 3


def findings(tables: dict[str, pd.DataFrame], incident: Incident) -> list[Finding]:
    """Templated findings about blame (thresholds stated here, never free text).

    - Agent of harm, in the outlet's own voice: per outlet, the side named as agent of the
      most non-negated harm events the outlet states itself (``asserted_by == "outlet"``),
      when it is at least :data:`MIN_AGENT_EVENTS` events and over half of them: "Asbarez
      itself names azerbaijan as the agent of 4 of 5 harm events it states in its own
      words (3 in the active voice)."
    - Agent of harm, in a source's claim: per outlet, source and agent side, at least
      :data:`MIN_AGENT_EVENTS` events whose agent is named inside that source's reported
      speech, quote or "according to" claim: "Asbarez reports artsakh naming azerbaijan as
      the agent of 3 harm events (the source's claim, not the outlet's statement)."
    - No agent: per outlet with at least :data:`MIN_AGENTLESS_EVENTS` harm events in its
      own words, when at least half of them name no agent: "The Moscow Times names no agent
      for 7 of 9 harm events it states in its own words (nominal without agent 5, ...)."
    - Agentless harm: per outlet, events in its own words whose target resolves to a side
      but that have no agent (agentless passive, nominal without agent, intransitive
      outcome), when any: "The Moscow Times reports 1 harm event against armenia in its
      own words without naming an agent (agentless passive)."
    - Blame statements: each accuser side → accused side pair per outlet (one finding per
      pair, negated statements reported as "does not assign blame"); statements whose
      parties (the denier of a denial, the accuser of a negated statement, else both) are
      no incident actors are not findings.
    - Distancing: per outlet and source side, reporting words of the distancing class
      (claimed, alleged, reportedly ...), when any: "Dawn uses distancing words ("claim")
      for claims of Indian media." (a source that is no incident actor is named as written).
    """
    out: list[Finding] = []
    events = tables.get("events", pd.DataFrame())
    blame = tables.get("blame", pd.DataFrame())
    sources = tables.get("sources", pd.DataFrame())
    section_events = HEADINGS["events"]
    if not events.empty:
        ev = events[~events.negated.astype(bool)]
        for outlet in incident.outlets:
            e = ev[ev.outlet == outlet]
            named = e[e.agent_side.notna()]
            own = named[named.asserted_by == OUTLET_ASSERTS]
            if len(own) >= MIN_AGENT_EVENTS:
                side, n = own.agent_side.value_counts().index[0], \
                    int(own.agent_side.value_counts().iloc[0])
                if n * 2 > len(own):
                    rows = own[own.agent_side == side]
                    active = int((rows.voice == "active_with_agent").sum())
                    out.append(Finding(
                        f"{outlet} itself names {side} as the agent of {n} of {len(own)} "
                        f"harm events it states in its own words ({active} in the active "
                        "voice).", "blame", outlet, section_events, _evidence(rows),
                        strength=n))
            claimed = named[named.asserted_by != OUTLET_ASSERTS]
            for (source, side), rows in claimed.groupby(["asserted_by", "agent_side"]):
                if len(rows) >= MIN_AGENT_EVENTS and source != side:
                    who = source if source != OTHER_SOURCE else _named(rows.source_text)
                    out.append(Finding(
                        f"{outlet} reports {who} naming {side} as the agent of {len(rows)} "
                        "harm events (the source's claim, not the outlet's statement).",
                        "blame", outlet, section_events, _evidence(rows),
                        strength=len(rows) * 0.7))
            # leaving the agent out is the outlet's choice only in its own words: an
            # agentless passive inside a quote is the speaker's phrasing
            e_own = e[e.asserted_by == OUTLET_ASSERTS]
            agentless = e_own[e_own.agent_text.isna()]
            if len(e_own) >= MIN_AGENTLESS_EVENTS and len(agentless) * 2 >= len(e_own):
                mix = ", ".join(f"{v.replace('_', ' ')} {n}" for v, n in
                                agentless.voice.value_counts().items())
                out.append(Finding(
                    f"{outlet} names no agent for {len(agentless)} of {len(e_own)} harm "
                    f"events it states in its own words ({mix}).", "blame", outlet,
                    HEADINGS["agency"], _evidence(agentless), strength=len(agentless) * 0.6))
            hidden = e_own[e_own.target_side.notna() & e_own.agent_text.isna()]
            for side, rows in hidden.groupby("target_side"):
                forms = ", ".join(v.replace("_", " ") for v in sorted(set(rows.voice)))
                out.append(Finding(
                    f"{outlet} reports {len(rows)} harm event{'s' if len(rows) != 1 else ''} "
                    f"against {side} in its own "
                    f"words without naming an agent ({forms}).",
                    "blame", outlet, HEADINGS["agency"],
                    _evidence(rows), strength=len(rows) * 0.8))
    if not blame.empty:
        section = HEADINGS["blame"]
        b = blame.assign(accuser_side=fill_side(blame, "accuser"),
                         accused_side=fill_side(blame, "accused"))
        for (outlet, acc, accd, neg), rows in b.groupby(
                ["outlet", "accuser_side", "accused_side", "negated"]):
            denial = set(rows.statement) == {"denial"}
            needed = [accd] if denial else [acc] if neg else [acc, accd]
            if any(side in (NONE, UNRESOLVED) for side in needed):
                continue  # a statement whose parties are not incident actors says nothing
            kinds = ", ".join(sorted(set(rows.statement)))
            n = f"{len(rows)} statement{'s' if len(rows) != 1 else ''}"
            subject = incident.side_name(accd if denial and not neg else acc)
            if neg:
                text = (f"In {outlet}, {acc} {agree(subject, 'does', 'do')} not assign "
                        f"blame ({n}).")
            elif denial:
                text = (f"In {outlet}, {accd} {agree(subject, 'denies', 'deny')} "
                        f"responsibility ({n}).")
            else:
                text = f"In {outlet}, {acc} {agree(subject, 'blames', 'blame')} {accd} " \
                       f"({kinds}; {n})."
            out.append(Finding(text, "blame", outlet, section, _evidence(rows),
                               strength=len(rows)))
    if not sources.empty:
        section = HEADINGS["verbs"]
        d = sources[sources.stance == "distancing"].fillna({"source_side": UNRESOLVED})
        for (outlet, side), rows in d.groupby(["outlet", "source_side"]):
            verbs = ", ".join(f'"{v}"' for v in dict.fromkeys(rows.cue.str.lower()))
            whose = _named(rows.source_text) if side == UNRESOLVED else f"{side} sources"
            out.append(Finding(
                f"{outlet} uses distancing words ({verbs}) for claims of {whose}.",
                "blame", outlet, section, _evidence(rows), strength=len(rows) + 0.5))
    return sorted(out, key=lambda f: -f.strength)


def _named(texts: pd.Series) -> str:
    """Sources that are no incident actor, named as written (“Indian media”), or "unnamed
    sources"."""
    names = list(dict.fromkeys(t for t in texts.dropna() if str(t).strip()))
    quoted = ", ".join(f"“{n}”" for n in names[:3]) + (" and others" if len(names) > 3 else "")
    return quoted or "unnamed sources"


def _side(value: object) -> str:
    return NONE if value is None or (isinstance(value, float) and pd.isna(value)) else str(
        value)


def _party(side: object, incident: Incident, unnamed: str) -> str:
    """A side in words: its name, or ``unnamed`` when missing or unresolved."""
    side = _side(side)
    if side == NARRATOR:
        return "its own voice"
    return unnamed if side in (NONE, UNRESOLVED) else incident.side_name(side)


def _blame_words(row: object, incident: Incident) -> str:
    """One blame statement in words: "China blames India", "Russia does not blame anyone
    named" (never a side id, "(none)" or "(negated)")."""
    accuser = _party(row.accuser_side, incident, "a source")
    accused = _party(row.accused_side, incident, "anyone named")
    if accused == "anyone named" and not row.negated:
        accused = "someone unnamed"
    verb = agree(accuser, "does not blame", "do not blame") if row.negated else \
        agree(accuser, "blames", "blame")
    return f"{accuser} {verb} {accused}"


def _evidence(rows: pd.DataFrame) -> pd.DataFrame:
    keep = [c for c in ["outlet", "sent_id", "sentence", "trigger", "voice", "agent_text",
                        "target_text", "asserted_by", "statement", "cue", "accuser_text",
                        "accused_text",
                        "source_text", "stance", "article_id", "start", "end"]
            if c in rows.columns]
    return rows[keep].rename(columns={"sentence": "text"}).reset_index(drop=True)


def profile(tables: dict[str, pd.DataFrame], incident: Incident) -> pd.DataFrame:
    """Profile lines per outlet (columns): harm events and their voice, agentless share,
    the side the outlet itself most often names as agent (not its sources' claims), blame
    statements, distancing verbs, share of voice.
    """
    events = tables.get("events", pd.DataFrame())
    blame = tables.get("blame", pd.DataFrame())
    sources = tables.get("sources", pd.DataFrame())
    sov = tables.get("share_of_voice", pd.DataFrame())
    lines: dict[str, dict[str, str]] = {}
    for outlet in incident.outlets:
        e = events[events.outlet == outlet] if not events.empty else events
        n = len(e)
        agentless = int(e.agent_text.isna().sum()) if n else 0
        active = int((e.voice == "active_with_agent").sum()) if n else 0
        own = e[e.asserted_by == OUTLET_ASSERTS] if n else e
        top = (own.agent_side.value_counts() if len(own) else pd.Series(dtype=int))
        b = blame[blame.outlet == outlet] if not blame.empty else blame
        s = sources[(sources.outlet == outlet)] if not sources.empty else sources
        dist = s[s.stance == "distancing"] if not s.empty else s
        v = sov[sov.outlet == outlet] if not sov.empty else sov
        voice_str = ", ".join(f"{_party(r.source_side, incident, 'unnamed')} "
                              f"{r.share_sentences:.0%}"
                              for r in v.sort_values("share_sentences", ascending=False)
                              .itertuples()) if not v.empty else "–"
        lines[outlet] = {
            "Harm events (active / agentless)": f"{n} ({active} / {agentless})",
            "Most-named agent of harm, in its own words": (
                f"{_party(top.index[0], incident, 'unnamed')} ({int(top.iloc[0])})"
                if len(top) else "–"),
            "Blame statements (accuser → accused)": "; ".join(dict.fromkeys(
                _blame_words(r, incident) for r in b.itertuples()
                if r.statement != "denial")) or "–",
            "Distancing reporting verbs": (", ".join(dict.fromkeys(dist.cue.str.lower()))
                                           if len(dist) else "–"),
            "Share of voice (sentences)": voice_str,
        }
    frame = pd.DataFrame(lines)
    frame["section"] = [PROFILE_SECTIONS.get(line, HEADINGS["events"]) for line in frame.index]
    return frame
