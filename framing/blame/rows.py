"""One article's rows of the blame tables: events, statements and sources resolved to actors.

The extractors read a parse and return tokens: harm events with their roles
(:mod:`framing.blame.events`), blame and denial statements (:mod:`framing.blame.statements`),
reporting verbs, "according to" and direct quotes (:mod:`framing.core.attribution`). This
module turns them into table rows for one article (:class:`ArticleContext`):

- every agent, target, accuser, accused and source is resolved to an incident actor and its
  side (names and aliases, pronouns, definite descriptions; a bare numeral victim, "three
  were wounded", takes the actor of the nearest preceding resolved target);
- every event and statement gets the **source** that the claim is attributed to (from the
  voice layer, :mod:`framing.core.voice`): an event with an agent inside a reported clause
  ("X said Y attacked", "..., according to X") gets ``agency == "agent_via_source"`` and
  ``asserted_by`` the source's actor (``outlet`` when the outlet states it itself): an agent
  named only in a source's claim is that source's accusation, not the outlet's statement;
- every sentence gets its primary source (whose voice the reader hears) and its words, the
  unit of share of voice (the source counting of news-sourcing studies, e.g. Sigal 1973).

Rows are keyed by ``article_id, outlet, sent_id, start, end`` (the sentence span); spans of
triggers, agents, targets and sources are character offsets into ``article.document``.
Column lists: :data:`EVENT_COLUMNS`, :data:`BLAME_COLUMNS`, :data:`SOURCE_COLUMNS`,
:data:`VOICE_COLUMNS`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import pandas as pd
from spacy.tokens import Span, Token

from framing.blame.events import HarmEvent, Role, harm_events
from framing.blame.figures import victim_figure
from framing.blame.statements import blame_statements
from framing.blame.triggers import trigger_kind
from framing.core.attribution import Source, speaker_phrase, words
from framing.core.corpus import Article, Incident
from framing.core.phrases import depth, noun_phrase, trim_span
from framing.core.pipeline import KEY_COLUMNS
from framing.core.speakers import GROUP_NOUNS, GROUP_PRONOUNS
from framing.core.voice import OUTLET, ArticleVoice

#: The source side of a sentence no one is cited in: the outlet's own voice.
NARRATOR = "narrator"
#: A source or role that is named but resolves to no incident actor.
UNRESOLVED = "unresolved"

#: One row per harm event (:func:`event_rows`).
EVENT_COLUMNS = [
    *KEY_COLUMNS, "sentence", "trigger", "trigger_start", "trigger_end", "kind", "form",
    "voice", "agency", "negated",
    "agent_text", "agent_start", "agent_end", "agent_actor", "agent_side", "agent_via",
    "target_text", "target_start", "target_end", "target_actor", "target_side", "target_via",
    "target_count", "target_figure", "instrument_text", "n_agents", "n_targets",
    "source_text", "source_actor", "source_side", "source_cue", "source_stance",
    "asserted_by",
]
#: One row per agent or target of a harm event that resolves to an actor
#: (:func:`event_tables`): the event's ``agent_*`` / ``target_*`` columns hold its primary
#: one, this table every one ("police shot Blake, 29, as he ..." has Blake and "he").
ROLE_COLUMNS = [
    *KEY_COLUMNS, "trigger_start", "role", "phrase", "phrase_start", "phrase_end", "actor",
    "side", "via", "primary",
]
#: ``asserted_by`` of an event the outlet states in its own voice; a source's claim gives
#: the source's actor id, or :data:`OTHER_SOURCE` when the source is no incident actor.
OUTLET_ASSERTS = "outlet"
OTHER_SOURCE = "other"
#: One row per (blame or denial statement, accuser, accused) (:func:`blame_rows`).
BLAME_COLUMNS = [
    *KEY_COLUMNS, "sentence", "statement", "cue", "cue_start", "cue_end", "negated",
    "accuser_text", "accuser_start", "accuser_end", "accuser_actor", "accuser_side",
    "accused_text", "accused_start", "accused_end", "accused_actor", "accused_side",
    "offence_text", "source_text", "source_actor", "source_side",
]
#: One row per attribution: reporting verb, "according to", quote (:func:`source_rows`).
SOURCE_COLUMNS = [
    *KEY_COLUMNS, "sentence", "form", "cue", "cue_lemma", "cue_start", "cue_end", "stance",
    "source_text", "source_start", "source_end", "source_actor", "source_side",
    "addressee", "quote_start", "quote_end", "quote_words",
]
#: One row per sentence with its primary source (:func:`voice_rows`).
VOICE_COLUMNS = [
    *KEY_COLUMNS, "sentence", "source_text", "source_actor", "source_side", "form",
    "stance", "words", "quoted_words",
]


# --- per-article context -------------------------------------------------------------------


class ArticleContext:
    """Per-article context: the article's voice layer (speakers, sources, quotes:
    :class:`framing.core.voice.ArticleVoice`), its sentence index and actor resolution."""

    def __init__(self, article: Article, voice: ArticleVoice, sentences: pd.DataFrame,
                 incident: Incident) -> None:
        self.article = article
        self.voice = voice
        self.doc = voice.doc
        self.text = article.document
        self.incident = incident
        self.resolver = voice.resolver
        self.speakers = voice.speakers
        self.quotes = voice.quotes
        self.sources = voice.sources
        self.quote_at = voice.quote_at
        self.source_for = voice.source_for
        sents = sentences[sentences.article_id == article.id].sort_values("sent_id")
        self.sent_rows = sents.to_dict("records")
        self.sent_starts = [r["start"] for r in self.sent_rows]

    def sentence_of(self, char: int) -> dict:
        k = max(bisect.bisect_right(self.sent_starts, char) - 1, 0)
        return self.sent_rows[k]

    def key(self, char: int) -> dict:
        row = self.sentence_of(char)
        return {"article_id": self.article.id, "outlet": self.article.outlet,
                "sent_id": row["sent_id"], "start": row["start"], "end": row["end"],
                "sentence": row["text"]}

    def side(self, actor: str | None) -> str | None:
        return self.resolver.side(actor) if actor else None

    def surface(self, span: Span | None) -> str | None:
        return None if span is None else self.text[span.start_char:span.end_char]

    def resolve_role(self, role: Role | None, speaker_actor: str | None = None
                     ) -> tuple[str | None, str | None]:
        """(actor, side) of a role: its noun phrase, then its whole subtree (minus clauses),
        then pronoun antecedents ("three of its soldiers" → its → the last actor named)."""
        if role is None:
            return None, None
        quoted = self.quote_at(role.head.idx) is not None
        actor, _ = self.speakers.resolve(role.head, role.phrase, speaker_actor, quoted)
        if actor is None and role.phrase.root.pos_ != "PRON":
            wide = speaker_phrase(role.phrase.root)
            actor = self.resolver.resolve(self.surface(wide) or "")
        return actor, self.side(actor)


def _primary(roles: list[Role], ctx: ArticleContext, speaker_actor: str | None
             ) -> tuple[Role | None, str | None, str | None]:
    """The first role that resolves to an actor (else the first role)."""
    best = (roles[0], None, None) if roles else (None, None, None)
    for role in roles:
        actor, side = ctx.resolve_role(role, speaker_actor)
        if actor is not None:
            return role, actor, side
    return best


# --- harm events ---------------------------------------------------------------------------


def event_rows(ctx: ArticleContext) -> list[dict]:
    """One row per harm event of an article (see :data:`EVENT_COLUMNS`)."""
    return event_tables(ctx)[0]


def event_tables(ctx: ArticleContext) -> tuple[list[dict], list[dict]]:
    """One row per harm event of an article (see :data:`EVENT_COLUMNS`), and one per agent
    or target of each that resolves to an actor (:data:`ROLE_COLUMNS`).

    A bare numeral victim ("three were wounded") elides its noun, and an added group ("17
    additional soldiers") stands for more of the same people: either takes the actor of
    the nearest preceding resolved target in the same or the previous sentence
    ("Azerbaijani troops attacked Armenian fighters ... and three were wounded"). A lead's
    description of one person harmed is the article's one named victim, if it has exactly
    one (:func:`named_victim`).
    """
    found: list[tuple[HarmEvent, dict, Role | None]] = []  # with the primary target
    last: tuple[int, str] | None = None  # (sent_id, actor) of the last resolved target
    for ev in harm_events(ctx.doc):
        row = _event_row(ctx, ev)
        if row["target_actor"] is None and ev.targets and _elided(ev.targets[0]) and \
                last is not None and row["sent_id"] - last[0] <= 1:
            row["target_actor"], row["target_side"] = last[1], ctx.side(last[1])
            row["target_via"] = f"{row['target_via']}+ellipsis"
        if row["target_actor"] is not None:
            last = (row["sent_id"], row["target_actor"])
        found.append((ev, row, _role_at(ev.targets, row["target_start"])))
    named = named_victim((ev.kind, row["target_actor"], p.phrase if p is not None else None)
                         for ev, row, p in found)
    roles = []
    for ev, row, primary in found:
        lead = named if ev.kind in BODILY_HARM and row["sent_id"] < LEAD_SENTENCES else None
        if lead is not None and row["target_actor"] is None and primary is not None and \
                _lead_description(primary):
            row["target_actor"], row["target_side"] = lead, ctx.side(lead)
            row["target_via"] = f"{row['target_via']}+lead"
        roles += _role_rows(ctx, ev, row, lead)
    return [row for _, row, _ in found], roles


#: Harm to a body: the kinds whose victim a lead may describe before naming.
BODILY_HARM = frozenset({"attack", "kill", "injure", "die"})
#: The sentences of an article's lead (headline, dateline sentence and the next).
LEAD_SENTENCES = 3
#: Singular nouns that describe one unnamed person ("a Black man", "an African American man").
DESCRIBED_PEOPLE = frozenset({"man", "woman", "person", "boy", "girl", "teenager", "youth",
                              "motorist", "driver", "father", "mother", "resident",
                              "citizen", "pedestrian"})
#: Entity types of a named victim that is no person.
NOT_PERSON = frozenset({"NORP", "GPE", "ORG", "LOC", "FAC"})


def describes_one_person(root: Token, words: Iterable[Token]) -> bool:
    """Whether a noun phrase (its ``root`` and ``words``) describes one unnamed person: a
    singular person noun (:data:`DESCRIBED_PEOPLE`) and no name among its words."""
    return root.pos_ == "NOUN" and root.tag_ == "NN" and \
        root.lemma_.lower() in DESCRIBED_PEOPLE and not any(t.pos_ == "PROPN" for t in words)


def _lead_description(target: Role) -> bool:
    """An indefinite description of one person with no name in it: "police shot and wounded
    a man", "A young woman was severely injured", a headline's "Police shoot man"."""
    root = target.phrase.root
    return describes_one_person(root, target.phrase) and \
        all(c.lower_ in ("a", "an") for c in root.children if c.dep_ == "det")


def named_victim(targets: Iterable[tuple[str, str | None, Span | None]], *,
                 count_unresolved: bool = False) -> str | None:
    """The actor of the one named person an article reports bodily harm to, if exactly one,
    from its events' (kind, primary target's actor, primary target's phrase).

    A news lead often describes the victim before naming them (the delayed-identification
    lead: "police shot and wounded a man outside a shop ..." and only later "Tom Miller, 41,
    was shot in the chest"), and a later definite description refers back to them ("the
    injured man was flown to a hospital"). Such a description of one person harmed is taken
    as the article's one named victim of bodily harm: event-based coreference, as in Lee et
    al. (2012)'s joint entity and event coreference, limited to where a single candidate
    exists. The lead's description is the story's own victim, whoever else the article
    recalls ("the death of George Floyd"); a description anywhere later is checked against
    every named person harmed (``count_unresolved``): one of no actor, or one conjoined to
    another, is a candidate too."""
    people: set[str] = set()  # actors, and "?name" for a named person with none
    for kind, actor, phrase in targets:
        if kind not in BODILY_HARM or phrase is None or not len(phrase):
            continue
        root = phrase.root
        named = [t for t in (root, *root.conjuncts)
                 if t.pos_ == "PROPN" and t.ent_type_ not in NOT_PERSON]
        if actor is not None and root.i in {t.i for t in named}:
            people.add(actor)
        if count_unresolved:  # "shot Jacob Blake and Joseph Rosenbaum": two people
            people.update(f"?{t.lower_}" for t in named if t.i != root.i or actor is None)
    found = next(iter(people)) if len(people) == 1 else None
    return None if found is None or found.startswith("?") else found


def _role_at(roles: list[Role], start: int | None) -> Role | None:
    """The role whose phrase starts at ``start`` (an event row's primary one)."""
    return next((r for r in roles if r.phrase.start_char == start), None)


#: Words that add to a group counted before: "17 additional soldiers", "two other men".
INCREMENT_WORDS = frozenset({"additional", "more", "another", "other", "further"})


def _elided(target: Role) -> bool:
    """A victim phrase that names no one by itself: a bare numeral ("three were wounded")
    or a group noun added to one counted before ("17 additional soldiers succumbed",
    "several other men were held"), which stands for the same people."""
    head = target.head
    if head.pos_ == "NUM":
        return len(target.phrase) == 1
    return head.lemma_.lower() in GROUP_NOUNS and bool(
        {t.lower_ for t in target.phrase} & INCREMENT_WORDS)


def _role_rows(ctx: ArticleContext, ev: HarmEvent, row: dict, lead: str | None = None
               ) -> list[dict]:
    """The event's agents and targets that resolve to an actor, its primary ones (``row``'s
    ``agent_*`` / ``target_*``, as resolved there) marked ``primary``; ``lead`` is the
    actor an unresolved description of one person stands for (:func:`named_victim`)."""
    speaker_actor = row["source_actor"]  # the event's source, as _event_row found it
    out, seen = [], set()
    for role, found in (("agent", ev.agents), ("target", ev.targets)):
        for r in found:
            start = r.phrase.start_char
            if (role, start) in seen:
                continue
            seen.add((role, start))
            primary = start == row[f"{role}_start"]
            if primary:
                actor, side = row[f"{role}_actor"], row[f"{role}_side"]
            else:
                actor, side = ctx.resolve_role(r, speaker_actor)
                if role == "target" and _bound_pronoun(row["agent_actor"], r, actor):
                    actor = _unbound_antecedent(ctx, r, row["agent_actor"])
                if role == "target" and actor is None and lead is not None and \
                        _lead_description(r):
                    actor, side = lead, ctx.side(lead)
            if actor is None:
                continue
            out.append({**ctx.key(ev.trigger.idx), "trigger_start": ev.trigger.idx,
                        "role": role, "phrase": ctx.surface(r.phrase), "phrase_start": start,
                        "phrase_end": r.phrase.end_char, "actor": actor, "side": side,
                        "via": r.via, "primary": primary})
    return out


REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "oneself"})


def _pronominal(role: Role) -> bool:
    """A role phrase that is, or is owned by, a non-reflexive pronoun ("him", "its tugboat",
    "three of them"), and holds no reflexive ("himself")."""
    words = {t.lower_ for t in role.phrase}
    return not words & REFLEXIVES and any(t.pos_ == "PRON" for t in role.phrase)


def _bound_pronoun(agent_actor: str | None, target: Role | None,
                   target_actor: str | None) -> bool:
    """A victim pronoun resolved to its own clause's agent ("Russian coast guard rammed its
    tugboat" → Russia's tugboat): a non-reflexive pronoun cannot take its clause's subject
    as antecedent (binding principle B, Chomsky 1981), so the resolution is wrong and the
    next candidate is taken (:func:`_unbound_antecedent`). (When the victim is named and
    the agent is the same actor, either role may be the misread one: measured on the
    validation incidents, the agent was right in 3 of 4, so both stay.)"""
    return (agent_actor is not None and agent_actor == target_actor and target is not None
            and _pronominal(target))


def _unbound_antecedent(ctx: ArticleContext, target: Role, agent_actor: str) -> str | None:
    """The actor a victim's group pronoun stands for when the nearest one is its own
    clause's agent, which binding forbids (:func:`_bound_pronoun`): the nearest actor named
    before it other than the agent ("China accused Indian forces of carrying out attacks on
    its troops": its → China, not India), as the next candidate of an antecedent search
    (Lee et al. 2013's sieves filter a candidate out, then take the next). A person
    pronoun ("him") or a subject ("it" of "it was not clear whether officers fired", which
    may be no referring word at all) stays unknown."""
    pron = next((t for t in target.phrase if t.lower_ in GROUP_PRONOUNS
                 and t.dep_ in ("poss", "dobj", "pobj")), None)  # not "it was not clear"
    if pron is None:
        return None
    mention = ctx.speakers.preceding_mention(pron.idx, exclude=agent_actor)
    return mention.actor_id if mention is not None else None


def _event_row(ctx: ArticleContext, ev: HarmEvent) -> dict:
    src = ctx.source_for(ev.trigger)
    speaker_actor = src.actor_id if src is not None else None
    agent, agent_actor, agent_side = _primary(ev.agents, ctx, speaker_actor)
    target, target_actor, target_side = _primary(ev.targets, ctx, speaker_actor)
    if _bound_pronoun(agent_actor, target, target_actor):
        target_actor = _unbound_antecedent(ctx, target, agent_actor)
        target_side = ctx.side(target_actor)
    agency = "agent_via_source" if ev.agents and src is not None else ev.voice
    t = ev.trigger
    return {
        **ctx.key(t.idx),
        "trigger": ctx.text[t.idx:t.idx + len(t.text)],
        "trigger_start": t.idx, "trigger_end": t.idx + len(t.text),
        "kind": ev.kind, "form": ev.form, "voice": ev.voice, "agency": agency,
        "negated": ev.negated,
        "agent_text": ctx.surface(agent.phrase) if agent else None,
        "agent_start": agent.phrase.start_char if agent else None,
        "agent_end": agent.phrase.end_char if agent else None,
        "agent_actor": agent_actor, "agent_side": agent_side,
        "agent_via": agent.via if agent else None,
        "target_text": ctx.surface(target.phrase) if target else None,
        "target_start": target.phrase.start_char if target else None,
        "target_end": target.phrase.end_char if target else None,
        "target_actor": target_actor, "target_side": target_side,
        "target_via": target.via if target else None,
        **dict(zip(("target_count", "target_figure"),
                   victim_figure(target.phrase if target else None, ev.trigger),
                   strict=True)),
        "instrument_text": "; ".join(ctx.surface(r.phrase) for r in ev.instruments) or None,
        "n_agents": len(ev.agents), "n_targets": len(ev.targets),
        **_source_cols(ctx, src),
        "asserted_by": _asserted_by(ctx, t),
    }


def _asserted_by(ctx: ArticleContext, trigger: Token) -> str:
    """Who states a harm event: the outlet when its trigger is in the outlet's own voice,
    else the actor of the source whose words it is in (:data:`OTHER_SOURCE` when that
    source is no incident actor or unnamed, e.g. a quote whose speaker is not found)."""
    voice = ctx.voice.voice_of(trigger.idx, trigger.idx + len(trigger.text))
    return OUTLET_ASSERTS if voice.voice == OUTLET else voice.actor or OTHER_SOURCE


def _source_cols(ctx: ArticleContext, src: Source | None) -> dict:
    if src is None:
        return {"source_text": None, "source_actor": None, "source_side": None,
                "source_cue": None, "source_stance": None}
    return {
        "source_text": ctx.surface(src.speaker_span),
        "source_actor": src.actor_id, "source_side": ctx.side(src.actor_id),
        "source_cue": src.cue.text if src.cue is not None else None,
        "source_stance": src.stance,
    }


# --- blame and denial statements -----------------------------------------------------------


#: Accused phrases that mean the accuser's opponent ("provocations from the other side").
OTHER_SIDE = frozenset({"the other side", "other side", "the opposing side", "the other party",
                        "the opposite side", "the other"})
#: Subject pronouns that may stand for the previous sentence's subject.
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})


def blame_rows(ctx: ArticleContext, events: list[dict] | None = None) -> list[dict]:
    """One row per (statement, accuser, accused) of an article (see :data:`BLAME_COLUMNS`).

    Per clause: each coordinated accuser and each accused is its own row, named by its own
    phrase ("Russia and Ukraine traded accusations": Russia → Ukraine and Ukraine →
    Russia). A statement without an accuser of its own whose cue is inside a source's
    speech ("X said those responsible must be held accountable", a quoted "provocation by
    Y") takes that source as its accuser. A two-way statement between unnamed parties
    ("each accused the other") and an accused "other side" name the article's main parties
    (:class:`Parties`). A condemned event that names no agent ("condemned the shooting of
    Blake") takes the agent of the article's mention of the same event that names one
    (``events``: the article's :func:`event_rows`; see :func:`antecedent_event`).
    """
    rows = []
    parties = Parties(ctx, events)
    for sent in ctx.doc.sents:
        for st in blame_statements(sent):
            rows.extend(_statement_rows(ctx, st, parties, events or []))
    return rows


def event_bases(tok: Token) -> set[str]:
    """The lemmas an event is compared by: a verb's lemma, a gerund noun's verb ("shooting"
    → "shoot", "stabbing" → "stab" or "stabb", "shelling" → "shell")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or not lemma.endswith("ing") or len(lemma) <= 5:
        return {lemma}
    stem = lemma[:-3]
    return {stem, stem[:-1]} if stem[-1] == stem[-2] else {stem}


def antecedent_event(ctx: ArticleContext, offence: Token, events: list[dict]) -> dict | None:
    """The article's mention of the same event as ``offence`` that names its agent, the
    nearest before it, else after it: event coreference by lemma within a document, the
    "same head lemma" feature of event coreference resolvers (Lu & Ng 2018). A mention with
    a target must share the condemned event's target, when that has one."""
    bases = event_bases(offence)
    ev = next((e for e in events if e["trigger_start"] == offence.idx), None)
    target = ev["target_actor"] if ev is not None else None
    cands = []
    for e in events:
        if e["trigger_start"] == offence.idx or not e["agent_actor"] or e["negated"]:
            continue
        tok = ctx.doc.char_span(e["trigger_start"], e["trigger_end"],
                                alignment_mode="expand")
        if tok is None or not event_bases(tok.root) & bases:
            continue
        if target and e["target_actor"] and e["target_actor"] != target:
            continue
        cands.append(e)
    before = [e for e in cands if e["trigger_start"] < offence.idx]
    if before:
        return max(before, key=lambda e: e["trigger_start"])
    return min(cands, key=lambda e: e["trigger_start"], default=None)


def _statement_rows(ctx: ArticleContext, st: dict, parties: Parties, events: list[dict]
                    ) -> list[dict]:
    verb: Token = st["cue"]
    src = ctx.source_for(verb)
    accuser = st["accuser"]
    if src is not None and src.cue is not None and (
            src.cue.i == verb.i or (accuser is not None and src.speaker == accuser)):
        # the blame verb is itself the reporting verb (or reports its own subject): the
        # statement's source is the sentence's "according to", if any
        src = next((s for s in ctx.sources if s.form == "according_to"
                    and s.cue.sent == verb.sent), None)
    if st.get("needs_source") and (src is None or src.speaker is None):
        return []  # a label or "responsible" in the outlet's own voice: no one accuses
    speaker_actor = src.actor_id if src is not None else None
    acc_span: Span | None = None
    accuser_actor: str | None = None
    if accuser is not None:
        acc_span = _own_phrase(accuser)
        accuser_actor = _resolve_party(ctx, accuser, acc_span, speaker_actor)
    elif src is not None and src.speaker is not None and st["statement"] != "denial":
        acc_span, accuser_actor = src.speaker_span, src.actor_id  # the source accuses
    offence = st["offence"]
    off_span = noun_phrase(offence) if offence is not None and offence.pos_ in (
        "NOUN", "PROPN", "PRON") else (
        ctx.doc[min(t.i for t in offence.subtree):max(t.i for t in offence.subtree) + 1]
        if offence is not None else None)
    accused: list[tuple[Span | None, str | None]] = []
    for acc in st["accused"]:
        if acc is None:
            continue
        span = _accused_phrase(acc, offence)
        actor = (_resolve_party(ctx, acc, span, speaker_actor)
                 if st["statement"] == "denial" else
                 ctx.resolve_role(Role(acc, span, "object"), accuser_actor)[0])
        if actor is None and ctx.surface(span).lower() in OTHER_SIDE:
            actor = parties.opponent(accuser_actor)
        accused.append((span, actor))
    if st["statement"] == "condemnation" and offence is not None and not any(
            actor for _, actor in accused) and trigger_kind(offence) is not None:
        # "condemned the shooting of Blake": the agent of the article's "police shot Blake"
        ante = antecedent_event(ctx, offence, events)
        if ante is not None:
            accused = [(ctx.doc.char_span(ante["agent_start"], ante["agent_end"],
                                          alignment_mode="expand"), ante["agent_actor"])]
    pairs: list[tuple[Span | None, str | None, Span | None, str | None]] = [
        (acc_span, accuser_actor, span, actor) for span, actor in accused or [(None, None)]]
    if st.get("reciprocal") and not st["accused"]:
        main = parties.main()
        if main is not None:  # "each accused the other": the article's two main parties
            a, b = main
            pairs = [(acc_span, a, acc_span, b), (acc_span, b, acc_span, a)]
    statement, negated = st["statement"], st["negated"]
    if st.get("needs_source"):
        own = [p for p in pairs if p[1] is not None and p[1] == p[3]]
        if statement == "blame" and negated and own:
            # "X said it was not responsible": X denies
            statement, negated = "denial", False
            pairs = [(None, None, span, actor) for _, _, span, actor in own]
        else:
            # a source does not accuse itself with a label ("reports of a massacre by its
            # troops were lies"): such a pair is no accusation
            pairs = [p for p in pairs if p[1] is None or p[1] != p[3]]
    return [{
        **ctx.key(verb.idx),
        "statement": statement,
        "cue": ctx.text[verb.idx:verb.idx + len(verb.text)],
        "cue_start": verb.idx, "cue_end": verb.idx + len(verb.text),
        "negated": negated,
        "accuser_text": ctx.surface(a_span),
        "accuser_start": a_span.start_char if a_span is not None else None,
        "accuser_end": a_span.end_char if a_span is not None else None,
        "accuser_actor": a_actor, "accuser_side": ctx.side(a_actor),
        "accused_text": ctx.surface(span),
        "accused_start": span.start_char if span is not None else None,
        "accused_end": span.end_char if span is not None else None,
        "accused_actor": actor, "accused_side": ctx.side(actor),
        "offence_text": ctx.surface(off_span),
        "source_text": ctx.surface(src.speaker_span) if src else None,
        "source_actor": src.actor_id if src else None,
        "source_side": ctx.side(src.actor_id) if src else None,
    } for a_span, a_actor, span, actor in pairs]


def _own_phrase(tok: Token) -> Span:
    """A party's own phrase: the source phrase without its conjuncts ("Russia and Ukraine"
    → "Russia"), so that each coordinated party resolves to its own actor."""
    phrase = speaker_phrase(tok)
    drop = {t.i for c in tok.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    start = max([i + 1 for i in drop if i < tok.i], default=phrase.start)
    end = min([i - 1 for i in drop if i > tok.i], default=phrase.end - 1)
    return trim_span(tok, max(start, phrase.start), max(end, tok.i),
                     lambda t: t.is_punct or t.is_space)


def _accused_phrase(acc: Token, offence: Token | None) -> Span:
    """The accused's noun phrase, cut before an offence the parser hung on it ("accused
    the guards of firing": "the guards")."""
    span = noun_phrase(acc)
    span = trim_span(acc, span.start, span.end - 1, lambda t: t.is_space)
    if offence is not None and span.start < offence.i < span.end:
        prep = offence.head if offence.head.dep_ == "prep" else offence
        if acc.i < prep.i:
            return trim_span(acc, span.start, prep.i - 1, lambda t: t.is_punct)
    return span


def _resolve_party(ctx: ArticleContext, tok: Token, span: Span, speaker_actor: str | None
                   ) -> str | None:
    """The actor of an accuser or denier phrase; an unresolved subject pronoun ("But he
    accused ...") falls back to the previous sentence's subject, the preferred antecedent of
    a subject pronoun (centering: Grosz, Joshi & Weinstein 1995)."""
    actor = ctx.speakers.resolve(tok, span, speaker_actor, ctx.quote_at(tok.idx) is not None)[0]
    if actor is None and tok.lower_ in SUBJECT_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
        prev = _previous_subject(tok)
        if prev is not None:
            actor = ctx.speakers.resolve(prev, _own_phrase(prev), speaker_actor)[0]
    return actor


def _previous_subject(tok: Token) -> Token | None:
    """The subject of the main clause of the sentence before ``tok``'s (not a pronoun)."""
    sent = tok.sent
    if sent.start == 0:
        return None
    prev = tok.doc[sent.start - 1].sent
    root = prev.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None


class Parties:
    """An article's opposing parties, for statements that do not name them ("each accused
    the other", "provocations from the other side"): the pairs of actors of different sides
    that meet as agent and target of its harm events, most frequent first; an article
    without such events falls back on its most mentioned actors. Computed on first use."""

    def __init__(self, ctx: ArticleContext, events: list[dict] | None = None) -> None:
        self.ctx = ctx
        self.events = events  # the article's event rows, when already computed
        self._pairs: list[tuple[str, str]] | None = None

    def _mentions(self) -> list[str]:
        ctx = self.ctx
        counts: dict[str, int] = {}
        for m in ctx.speakers.mentions:
            if m.actor_id and ctx.side(m.actor_id):
                counts[m.actor_id] = counts.get(m.actor_id, 0) + 1
        return sorted(counts, key=lambda a: -counts[a])

    def pairs(self) -> list[tuple[str, str]]:
        if self._pairs is None:
            ctx = self.ctx
            counts: dict[tuple[str, str], int] = {}
            for row in self.events if self.events is not None else event_rows(ctx):
                a, t = row["agent_actor"], row["target_actor"]
                if a and t and ctx.side(a) and ctx.side(t) and ctx.side(a) != ctx.side(t):
                    key = (a, t) if a < t else (t, a)
                    counts[key] = counts.get(key, 0) + 1
            self._pairs = sorted(counts, key=lambda k: -counts[k])
            if not self._pairs:
                ranked = self._mentions()
                second = next((x for x in ranked[1:] if ctx.side(x) != ctx.side(ranked[0])),
                              None)
                self._pairs = [(ranked[0], second)] if second is not None else []
        return self._pairs

    def main(self) -> tuple[str, str] | None:
        """The article's two main opposing parties."""
        pairs = self.pairs()
        return pairs[0] if pairs else None

    def opponent(self, actor: str | None) -> str | None:
        """``actor``'s adversary: the other party of the first pair with ``actor`` (or an
        actor of its side), else the most mentioned actor of another side."""
        if actor is None:
            return None
        side = self.ctx.side(actor)
        for a, b in self.pairs():
            if self.ctx.side(a) == side:
                return b
            if self.ctx.side(b) == side:
                return a
        return next((x for x in self._mentions() if self.ctx.side(x) != side), None)


# --- attribution and voice -----------------------------------------------------------------


def source_rows(ctx: ArticleContext) -> list[dict]:
    """One row per attribution (reporting verb, "according to", direct or partial quote)."""
    rows = []
    for src in ctx.sources + ctx.quotes:
        anchor = src.quote.start if src.quote is not None else src.cue.idx
        cue = src.cue
        q = src.quote
        rows.append({
            **ctx.key(anchor + (1 if q is not None else 0)),
            "form": src.form,
            "cue": ctx.text[cue.idx:cue.idx + len(cue.text)] if cue is not None else None,
            "cue_lemma": ("according to" if src.form == "according_to" else
                          cue.lemma_.lower() if cue is not None else None),
            "cue_start": cue.idx if cue is not None else None,
            "cue_end": cue.idx + len(cue.text) if cue is not None else None,
            "stance": src.stance if cue is not None else None,
            "source_text": ctx.surface(src.speaker_span),
            "source_start": src.speaker_span.start_char if src.speaker_span is not None
            else None,
            "source_end": src.speaker_span.end_char if src.speaker_span is not None else None,
            "source_actor": src.actor_id, "source_side": ctx.side(src.actor_id),
            "addressee": ctx.surface(src.addressee),
            "quote_start": q.start if q else None, "quote_end": q.end if q else None,
            "quote_words": words(ctx.text[q.start:q.end]) if q else None,
        })
    return sorted(rows, key=lambda r: (r["start"], r["cue_start"] or r["quote_start"] or 0))


def voice_rows(ctx: ArticleContext) -> list[dict]:
    """One row per sentence: whose voice it carries (its primary source) and its words.

    Primary source: the speaker of a direct quote covering the sentence, else the source
    of the sentence's main reporting verb, else its "according to", else the narrator.
    """
    rows = []
    for row in ctx.sent_rows:
        start, end = row["start"], row["end"]
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        quote_src = None
        quoted = 0
        for q in ctx.quotes:
            lo, hi = max(q.quote.start, start), min(q.quote.end, end)
            if hi > lo:
                quoted += words(ctx.text[lo:hi])
                if q.form == "direct_quote" and q.speaker is not None and quote_src is None:
                    quote_src = q
        src = quote_src
        if src is None and span is not None:
            sent_sources = [s for s in ctx.sources if s.cue is not None
                            and start <= s.cue.idx < end]
            verbs = [s for s in sent_sources if s.form == "reporting_verb"
                     and s.speaker is not None]
            # the highest reporting verb (closest to the root) is the sentence's frame
            if verbs:
                src = min(verbs, key=lambda s: depth(s.cue))
            else:
                src = next((s for s in sent_sources if s.form == "according_to"), None)
        side = (ctx.side(src.actor_id) or UNRESOLVED) if src is not None else NARRATOR
        rows.append({
            "article_id": ctx.article.id, "outlet": ctx.article.outlet,
            "sent_id": row["sent_id"], "start": start, "end": end, "sentence": row["text"],
            "source_text": ctx.surface(src.speaker_span) if src is not None else None,
            "source_actor": src.actor_id if src is not None else None,
            "source_side": side,
            "form": src.form if src is not None else None,
            "stance": src.stance if src is not None and src.cue is not None else None,
            "words": words(row["text"]), "quoted_words": quoted,
        })
    return rows


