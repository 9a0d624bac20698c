"""Blame attribution: harm events resolved to actors, blame and denial statements, sourcing.

For every article of an incident this module puts together

- the **harm events** of :mod:`framing.blame.events` (trigger, agent, target, agency voice) with
  their agents and targets resolved to incident actors, and the **source** that the claim
  is attributed to (:mod:`framing.blame.attribution`): an event with an agent inside a reported
  clause ("X said Y attacked", "..., according to X") gets ``agency ==
  "agent_via_source"``;
- **blame and denial statements**: X blamed / accused / held responsible / condemned Y
  (for Z), X called Y's attack "a provocation", Y denied / rejected, and negated blame
  ("did not assign blame"), as an accuser → accused table;
- **attribution**: who is cited in each sentence, with the reporting verb and its stance,
  direct quotes with their speakers, and the share of voice of each actor side.

Headlines and sub-headlines in Title Case are parsed badly by news-trained taggers (every
word looks like a proper noun), so they are truecased first: a capitalised word keeps its
capital only if the article body writes it capitalised mid-sentence or it names an actor
(a document-internal variant of truecasing, Lita et al. 2003). Offsets are unchanged.

All frames are tidy and keyed by ``article_id, outlet, sent_id, start, end`` (the sentence
span); spans of triggers, agents, targets and sources are character offsets into
``article.document``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import pandas as pd
from spacy.tokens import Doc, Span, Token

from framing.blame.attribution import (
    Source,
    SpeakerResolver,
    _speaker_of,
    doc_quotes,
    sentence_sources,
    source_of_token,
    speaker_phrase,
    words,
)
from framing.blame.events import (
    NOUN_TRIGGERS,
    HarmEvent,
    Role,
    event_roles,
    harm_events,
    is_negated,
    noun_phrase,
    prep_objects,
    trigger_kind,
)
from framing.core.actors import ActorResolver
from framing.core.corpus import Article, Incident
from framing.core.findings import Finding, heading_anchor
from framing.core.nlp import doc_sentences, load_nlp, parse_texts
from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame
from framing.core.reporting import LABELLING_VERBS as LABEL_VERBS

PAGE = "03_blame.html"
NARRATOR = "narrator"
UNRESOLVED = "unresolved"

#: Blame verbs (lemma → statement type). "hold" and "assign" need their complement.
BLAME_VERBS: dict[str, str] = {
    "blame": "blame", "accuse": "accusation", "charge": "accusation", "fault": "blame",
    "condemn": "condemnation", "denounce": "condemnation", "decry": "condemnation",
    "hold": "blame", "assign": "blame", "slam": "condemnation", "criticize": "condemnation",
    "criticise": "condemnation",
}
#: Verbs by which the accused rejects blame.
DENIAL_VERBS = frozenset({"deny", "reject", "refute", "dismiss", "rebuff", "disclaim"})
#: Nouns that cast an act as wrongdoing when used as a label.
BLAME_LABELS = frozenset({"provocation", "aggression", "crime", "terrorism", "violation",
                          "breach", "atrocity", "massacre", "genocide", "war crime", "attack",
                          "act", "sabotage", "lie", "misinformation", "disinformation"})

EVENT_COLUMNS = [
    *KEY_COLUMNS, "sentence", "trigger", "trigger_start", "trigger_end", "kind", "form",
    "voice", "agency", "negated",
    "agent_text", "agent_start", "agent_end", "agent_actor", "agent_side", "agent_via",
    "target_text", "target_start", "target_end", "target_actor", "target_side", "target_via",
    "instrument_text", "n_agents", "n_targets",
    "source_text", "source_actor", "source_side", "source_cue", "source_stance",
]
BLAME_COLUMNS = [
    *KEY_COLUMNS, "sentence", "statement", "cue", "cue_start", "cue_end", "negated",
    "accuser_text", "accuser_start", "accuser_end", "accuser_actor", "accuser_side",
    "accused_text", "accused_start", "accused_end", "accused_actor", "accused_side",
    "offence_text", "source_text", "source_actor", "source_side",
]
SOURCE_COLUMNS = [
    *KEY_COLUMNS, "sentence", "form", "cue", "cue_lemma", "cue_start", "cue_end", "stance",
    "source_text", "source_start", "source_end", "source_actor", "source_side",
    "addressee", "quote_start", "quote_end", "quote_words",
]
VOICE_COLUMNS = [
    *KEY_COLUMNS, "sentence", "source_text", "source_actor", "source_side", "form",
    "stance", "words", "quoted_words",
]


# --- truecasing of Title Case lines --------------------------------------------------------


#: Short function words that Title Case headlines may leave in lower case.
TITLE_CASE_EXCEPTIONS = frozenset(
    {"into", "with", "from", "over", "after", "than", "that", "this", "onto", "upon", "amid",
     "about", "under", "near", "like", "within", "across", "against", "during", "before",
     "until", "while", "when", "where", "despite", "between", "through", "toward",
     "towards", "without", "amongst", "among"})


def is_title_case(text: str) -> bool:
    """A Title Case line: every content word of four letters or more outside quotes (the
    first word aside) is capitalised, and there are at least two of them."""
    outside = re.sub(r"[“\"”«»].*?([”\"»]|$)", " ", text)
    long_words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", outside)[1:]
                  if len(w) >= 4 and w.lower() not in TITLE_CASE_EXCEPTIONS]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def truecase(document: str, doc: Doc, resolver: ActorResolver) -> str:
    """``document`` with Title Case sentences lower-cased word by word where the body does
    not write the word capitalised (same length, so every offset stays valid)."""
    sents = doc_sentences(doc)
    titles = [s for s in sents if is_title_case(s.text)]
    if not titles:
        return document
    title_ids = {s.start for s in titles}
    capitalised: set[str] = set()
    for s in sents:
        if s.start in title_ids:
            continue
        for tok in list(s)[1:]:
            if tok.text[:1].isupper() and not doc[tok.i - 1].is_quote:
                capitalised.add(tok.text)
    protected = [(m.start, m.end) for m in resolver.find(document)]
    chars = list(document)
    for s in titles:
        for tok in list(s)[1:]:
            w = tok.text
            if not w[:1].isupper() or w.isupper() or w in capitalised:
                continue
            if any(a <= tok.idx < b for a, b in protected):
                continue
            if doc[tok.i - 1].is_quote or doc[tok.i - 1].text in (":",):
                continue
            chars[tok.idx] = w[0].lower()
    return "".join(chars)


def analysis_docs(parsed: Parsed) -> dict[str, Doc]:
    """The docs the blame analysis reads: the parse of each article with its Title Case
    sentences truecased and re-parsed (cached).

    Only the changed sentences go through spaCy again; they are spliced between slices of
    the incident's own parse, so a headline costs one short parse, not a whole article's.
    Should the splice not reproduce the truecased text exactly, the article is re-parsed
    whole.
    """
    resolver = parsed.resolver
    out: dict[str, Doc] = {}
    changed: dict[str, tuple[str, list[Span]]] = {}
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        text = truecase(article.document, doc, resolver)
        if text == article.document:
            out[article.id] = doc
            continue
        sents = [s for s in doc_sentences(doc)
                 if text[s.start_char:s.end_char] != s.text]
        changed[article.id] = (text, sents)
    if not changed:
        return out
    nlp = load_nlp(parsed.spacy_name)  # the pipeline that parsed the rest of the docs
    todo = [text[s.start_char:s.end_char] for text, sents in changed.values() for s in sents]
    fresh = iter(parse_texts(todo, nlp))
    whole: dict[str, str] = {}
    for aid, (text, sents) in changed.items():
        doc = parsed.docs[aid]
        parts, at = [], 0
        for sent in sents:
            if sent.start > at:
                parts.append(doc[at:sent.start].as_doc())
            parts.append(Doc(doc.vocab).from_bytes(next(fresh).to_bytes()))
            at = sent.end
        if at < len(doc):
            parts.append(doc[at:].as_doc())
        spliced = Doc.from_docs(parts, ensure_whitespace=False)
        if spliced.text == text:
            out[aid] = spliced
        else:
            whole[aid] = text
    for aid, doc in zip(whole, parse_texts(list(whole.values()), nlp), strict=True):
        out[aid] = doc
    return out


# --- per-article extraction ----------------------------------------------------------------


class _Article:
    """Per-article context: sentence index, actor and speaker resolution, sources, quotes."""

    def __init__(self, article: Article, doc: Doc, sentences: pd.DataFrame,
                 incident: Incident, resolver: ActorResolver | None = None) -> None:
        self.article = article
        self.doc = doc
        self.text = article.document
        self.incident = incident
        self.resolver = resolver or ActorResolver(incident.actors)
        self.speakers = SpeakerResolver(self.resolver, doc, self.text)
        sents = sentences[sentences.article_id == article.id].sort_values("sent_id")
        self.sent_rows = sents.to_dict("records")
        self.sent_starts = [r["start"] for r in self.sent_rows]
        self.quotes = doc_quotes(doc, self.speakers, self.text)
        self.sources: list[Source] = []
        for sent in doc.sents:
            self.sources.extend(sentence_sources(sent, self.speakers))

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

    def quote_at(self, char: int) -> Source | None:
        for q in self.quotes:
            if q.quote.start < char < q.quote.end and q.form == "direct_quote":
                return q
        return None

    def source_for(self, token: Token) -> Source | None:
        """Direct quote speaker, else governing reporting verb, else "according to"."""
        quote = self.quote_at(token.idx)
        if quote is not None and quote.speaker is not None:
            return quote
        sent_sources = [s for s in self.sources if s.cue is not None
                        and s.cue.sent == token.sent]
        return source_of_token(token, sent_sources)

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


def _primary(roles: list[Role], ctx: _Article, speaker_actor: str | None
             ) -> tuple[Role | None, str | None, str | None]:
    """The first role that resolves to an actor (else the first role)."""
    best = (roles[0], None, None) if roles else (None, None, None)
    for role in roles:
        actor, side = ctx.resolve_role(role, speaker_actor)
        if actor is not None:
            return role, actor, side
    return best


def event_rows(ctx: _Article) -> list[dict]:
    """One row per harm event of an article (see :data:`EVENT_COLUMNS`).

    A bare numeral victim ("three were wounded") elides its noun: it takes the actor of
    the nearest preceding resolved target in the same or the previous sentence
    ("Azerbaijani troops attacked Armenian fighters ... and three were wounded").
    """
    rows = []
    last: tuple[int, str] | None = None  # (sent_id, actor) of the last resolved target
    for ev in harm_events(ctx.doc):
        row = _event_row(ctx, ev)
        head = ev.targets[0].head if ev.targets else None
        if row["target_actor"] is None and head is not None and head.pos_ == "NUM" and \
                len(ev.targets[0].phrase) == 1 and last is not None and \
                row["sent_id"] - last[0] <= 1:
            row["target_actor"], row["target_side"] = last[1], ctx.side(last[1])
            row["target_via"] = f"{row['target_via']}+ellipsis"
        if row["target_actor"] is not None:
            last = (row["sent_id"], row["target_actor"])
        rows.append(row)
    return rows


def _event_row(ctx: _Article, ev: HarmEvent) -> dict:
    src = ctx.source_for(ev.trigger)
    speaker_actor = src.actor_id if src is not None else None
    agent, agent_actor, agent_side = _primary(ev.agents, ctx, speaker_actor)
    target, target_actor, target_side = _primary(ev.targets, ctx, speaker_actor)
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
        "instrument_text": "; ".join(ctx.surface(r.phrase) for r in ev.instruments) or None,
        "n_agents": len(ev.agents), "n_targets": len(ev.targets),
        **_source_cols(ctx, src),
    }


def _source_cols(ctx: _Article, src: Source | None) -> dict:
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


def _obj(verb: Token, deps: Iterable[str] = ("dobj",)) -> Token | None:
    deps = set(deps)
    return next((c for c in verb.children if c.dep_ in deps), None)


def _complement(verb: Token, preps: tuple[str, ...]) -> Token | None:
    """The object (noun or gerund) of the first of ``preps`` on ``verb``: "blamed X for
    the clashes" → clashes, "accused X of launching ..." → launching."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for c in prep.children:
                if c.dep_ in ("pobj", "pcomp"):
                    return c
    return None


def _accused_of_event(tok: Token) -> list[Role]:
    """The agents of a harm event named by ``tok`` ("condemned the attack" → its agents)."""
    found = trigger_kind(tok)
    if found is None:
        return []
    return event_roles(tok, *found).agents


def blame_statements(sent: Span) -> list[dict]:
    """Blame, accusation, condemnation, labeling and denial statements of one sentence.

    A targeted form of the semi-structured statements (entity, cue, fragment) of
    Diakopoulos, Zhang & Salway 2013, as in textacy's ``semistructured_statements``: the
    cues are blame, denial and labeling verbs, and the fragment is split into the accused
    and the offence.

    Returns dicts with ``statement``, ``cue`` (token), ``negated``, ``accuser`` and
    ``accused`` (lists of :class:`~framing.blame.events.Role`-like ``(head, phrase)`` pairs) and
    ``offence`` (a span or None).
    """
    out = []
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        if lemma not in BLAME_VERBS and lemma not in LABEL_VERBS and lemma not in DENIAL_VERBS:
            continue
        accuser = _speaker_of(verb)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        negated = is_negated(verb) or any(
            c.dep_ == "neg" for c in verb.head.children if verb.dep_ == "xcomp")
        accused: list[Token] = []
        offence: Token | None = None
        statement = None
        if lemma in BLAME_VERBS:
            statement = BLAME_VERBS[lemma]
            obj = _obj(verb, ("dobj",))
            if passive:
                obj = _obj(verb, ("nsubjpass",))
            if lemma == "hold":
                comp = next((c for c in verb.children if c.lemma_ in (
                    "responsible", "accountable", "liable", "culpable")), None)
                if comp is None:
                    continue
                offence = _complement(comp, ("for",))
                accused = [obj] if obj is not None else []
            elif lemma == "assign":
                if obj is None or obj.lemma_ != "blame":
                    continue
                accused = prep_objects(verb, ["to", "on"]) + prep_objects(obj, ["to", "on"])
            elif lemma == "blame" and (prep_objects(verb, ["on"]) or (
                    obj is not None and prep_objects(obj, ["on"]))):
                # "blamed the attack on X" (the parser may attach "on X" to the object)
                accused = prep_objects(verb, ["on"]) or prep_objects(obj, ["on"])
                offence = obj
            elif obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() in (
                    NOUN_TRIGGERS) and lemma in ("condemn", "denounce", "decry", "slam",
                                                 "criticize", "criticise"):
                offence = obj  # "condemned the attack": the accused are its agents
                accused = [r.head for r in _accused_of_event(obj)]
            else:
                if obj is not None:
                    accused = [obj]
                offence = _complement(verb, ("for", "of", "with"))
                if offence is None and obj is not None:
                    offence = _complement(obj, ("for", "of", "with"))  # "accused X of ..."
            if passive:
                by = prep_objects(verb, ["by"])
                accuser = by[0] if by else None
        elif lemma in LABEL_VERBS:
            # "called the Azerbaijani attack a provocation": an event, then a label noun,
            # found in the verb's clause in that order (robust to how "call X Y" parses)
            after = [t for t in verb.subtree if t.i > verb.i]
            obj = next((t for t in after if (trigger_kind(t) or ("", ""))[1] == "noun"), None)
            label = next((t for t in after if obj is not None and t.i > obj.i
                          and t.lemma_.lower() in BLAME_LABELS), None)
            if obj is None or label is None:
                continue
            statement = "labeling"
            offence = obj
            agents = _accused_of_event(obj)
            accused = [r.head for r in agents] or [
                t for t in obj.doc[max(verb.i + 1, obj.i - 2):obj.i]
                if t.ent_type_ == "NORP" or (t.pos_ in ("PROPN", "ADJ") and t.text.istitle())]
        elif lemma in DENIAL_VERBS:
            statement = "denial"
            offence = _obj(verb, ("dobj", "ccomp"))
            accused = [accuser] if accuser is not None else []
            accuser = None
        if statement is None:
            continue
        if statement == "blame" and lemma == "assign" and negated:
            statement = "no_blame"
        out.append({"statement": statement, "cue": verb, "negated": negated,
                    "accuser": accuser, "accused": accused, "offence": offence})
    return out


def blame_rows(ctx: _Article) -> list[dict]:
    """One row per (statement, accused) of an article (see :data:`BLAME_COLUMNS`)."""
    rows = []
    for sent in ctx.doc.sents:
        for st in blame_statements(sent):
            verb: Token = st["cue"]
            src = ctx.source_for(verb)
            accuser = st["accuser"]
            if src is not None and src.cue is not None and (
                    src.cue.i == verb.i or (accuser is not None and src.speaker == accuser)):
                # the blame verb is itself the reporting verb (or reports its own subject):
                # the statement's source is the sentence's "according to", if any
                src = next((s for s in ctx.sources if s.form == "according_to"
                            and s.cue.sent == verb.sent), None)
            speaker_actor = src.actor_id if src is not None else None
            acc_span = speaker_phrase(accuser) if accuser is not None else None
            accuser_actor = (ctx.speakers.resolve(
                accuser, acc_span, speaker_actor, ctx.quote_at(accuser.idx) is not None)[0]
                if accuser is not None else None)
            offence = st["offence"]
            off_span = noun_phrase(offence) if offence is not None and offence.pos_ in (
                "NOUN", "PROPN", "PRON") else (
                ctx.doc[min(t.i for t in offence.subtree):max(t.i for t in offence.subtree)
                        + 1] if offence is not None else None)
            accused_list = st["accused"] or [None]
            for acc in accused_list:
                span = noun_phrase(acc) if acc is not None else None
                actor = (ctx.resolve_role(Role(acc, span, "object"), accuser_actor)[0]
                         if acc is not None else None)
                rows.append({
                    **ctx.key(verb.idx),
                    "statement": st["statement"],
                    "cue": ctx.text[verb.idx:verb.idx + len(verb.text)],
                    "cue_start": verb.idx, "cue_end": verb.idx + len(verb.text),
                    "negated": st["negated"],
                    "accuser_text": ctx.surface(acc_span),
                    "accuser_start": acc_span.start_char if acc_span is not None else None,
                    "accuser_end": acc_span.end_char if acc_span is not None else None,
                    "accuser_actor": accuser_actor, "accuser_side": ctx.side(accuser_actor),
                    "accused_text": ctx.surface(span),
                    "accused_start": span.start_char if span is not None else None,
                    "accused_end": span.end_char if span is not None else None,
                    "accused_actor": actor, "accused_side": ctx.side(actor),
                    "offence_text": ctx.surface(off_span),
                    "source_text": ctx.surface(src.speaker_span) if src else None,
                    "source_actor": src.actor_id if src else None,
                    "source_side": ctx.side(src.actor_id) if src else None,
                })
    return rows


# --- attribution rows ----------------------------------------------------------------------


def source_rows(ctx: _Article) -> list[dict]:
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


def voice_rows(ctx: _Article) -> list[dict]:
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
                src = min(verbs, key=lambda s: _depth(s.cue))
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


def _depth(token: Token) -> int:
    d = 0
    while token.head != token and d < 100:
        token = token.head
        d += 1
    return d


# --- incident level ------------------------------------------------------------------------


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
    e["agent_side"] = _fill_side(e, "agent", none="none")
    e["target_side"] = _fill_side(e, "target", none="none")
    out = e.groupby(["outlet", "agent_side", "target_side", "voice"]).size()
    return out.rename("events").reset_index()[cols]


def tables(parsed: Parsed) -> dict[str, pd.DataFrame]:
    """Harm events, blame statements, attributions and share of voice of every article.

    Tables: ``events`` (one row per harm event: trigger, voice, agency, agent and target
    with spans, actors and sides, source), ``blame`` (accuser → accused statements,
    denials, negated blame), ``sources`` (reporting verbs, "according to", direct and
    partial quotes with speakers and stance), ``voice`` (each sentence's primary source),
    ``share_of_voice`` (per outlet and side) and ``comparison`` (per outlet, agent side ×
    target side × voice counts).
    """
    from tqdm.auto import tqdm

    docs = analysis_docs(parsed)
    ev_rows, bl_rows, src_rows, v_rows = [], [], [], []
    articles = parsed.incident.articles
    resolver = parsed.resolver
    for article in tqdm(articles, desc="blame", unit="article", disable=len(articles) < 8):
        ctx = _Article(article, docs[article.id], parsed.sentences, parsed.incident, resolver)
        ev_rows += event_rows(ctx)
        bl_rows += blame_rows(ctx)
        src_rows += source_rows(ctx)
        v_rows += voice_rows(ctx)
    events = _frame(ev_rows, EVENT_COLUMNS)
    voice = _frame(v_rows, VOICE_COLUMNS)
    return {
        "events": events,
        "blame": _frame(bl_rows, BLAME_COLUMNS),
        "sources": _frame(src_rows, SOURCE_COLUMNS),
        "voice": voice,
        "share_of_voice": share_of_voice(voice),
        "comparison": outlet_comparison(events),
    }


# --- notebook helpers ----------------------------------------------------------------------


def agent_target_matrix(events: pd.DataFrame, outlet: str) -> pd.DataFrame:
    """Harm events of one outlet: agent side (rows) × target side (columns), counts."""
    e = events[(events.outlet == outlet) & ~events.negated.astype(bool)]
    if e.empty:
        return pd.DataFrame()
    return pd.crosstab(_fill_side(e, "agent").rename("agent"),
                       _fill_side(e, "target").rename("target"))


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


NONE = "(none)"


def _fill_side(frame: pd.DataFrame, role: str, none: str = NONE) -> pd.Series:
    """The side of a role, ``unresolved`` when named but not an actor, ``none`` (default
    ``(none)``) when the statement or event names nobody in that role."""
    named = frame[f"{role}_text"].notna()
    return frame[f"{role}_side"].fillna(named.map({True: UNRESOLVED, False: none}))


def accuser_table(blame: pd.DataFrame) -> pd.DataFrame:
    """Accuser side → accused side statements per outlet, with type and negation."""
    if blame.empty:
        return pd.DataFrame()
    b = blame.assign(accuser_side=_fill_side(blame, "accuser"),
                     accused_side=_fill_side(blame, "accused"))
    return (b.groupby(["outlet", "accuser_side", "accused_side", "statement", "negated"])
            .size().rename("statements").reset_index())


# --- findings and profile ------------------------------------------------------------------

#: Minimum harm events with a resolved agent for an "agent of harm" finding.
MIN_AGENT_EVENTS = 2
#: Minimum harm events of an outlet for an "names no agent" finding (at least half of them).
MIN_AGENTLESS_EVENTS = 3


def findings(tables: dict[str, pd.DataFrame], incident: Incident) -> list[Finding]:
    """Templated findings about blame (thresholds stated here, never free text).

    - Agent of harm: per outlet, the side named as agent of the most non-negated harm
      events, when it is at least :data:`MIN_AGENT_EVENTS` events and over half of the
      outlet's events with a resolved agent: "Asbarez makes azerbaijan the agent of 6 of
      7 harm events with a named agent (4 active)."
    - No agent: per outlet with at least :data:`MIN_AGENTLESS_EVENTS` harm events, when at
      least half of them name no agent: "The Moscow Times names no agent for 11 of 15 harm
      events (nominal without agent 7, agentless passive 2, ...)."
    - Agentless harm: per outlet, events whose target resolves to a side but that have no
      agent (agentless passive, nominal without agent, intransitive outcome), when any:
      "The Moscow Times reports 2 harm events against armenia without naming an agent."
    - Blame statements: each accuser side → accused side pair per outlet (one finding per
      pair, negated statements reported as "does not assign blame").
    - Distancing: per outlet and source side, reporting verbs of the distancing class
      (claimed, alleged ...), when any.
    """
    out: list[Finding] = []
    events = tables.get("events", pd.DataFrame())
    blame = tables.get("blame", pd.DataFrame())
    sources = tables.get("sources", pd.DataFrame())
    anchor_events = heading_anchor(PAGE, "Who does what to whom")
    if not events.empty:
        ev = events[~events.negated.astype(bool)]
        for outlet in incident.outlets:
            e = ev[ev.outlet == outlet]
            named = e[e.agent_side.notna()]
            if len(named) >= MIN_AGENT_EVENTS:
                side, n = named.agent_side.value_counts().index[0], \
                    int(named.agent_side.value_counts().iloc[0])
                if n * 2 > len(named):
                    rows = named[named.agent_side == side]
                    active = int((rows.voice == "active_with_agent").sum())
                    out.append(Finding(
                        f"{outlet} makes {side} the agent of {n} of {len(named)} harm events "
                        f"with a named agent ({active} in the active voice).",
                        "blame", outlet, anchor_events, _evidence(rows), strength=n))
            agentless = e[e.agent_text.isna()]
            if len(e) >= MIN_AGENTLESS_EVENTS and len(agentless) * 2 >= len(e):
                mix = ", ".join(f"{v.replace('_', ' ')} {n}" for v, n in
                                agentless.voice.value_counts().items())
                out.append(Finding(
                    f"{outlet} names no agent for {len(agentless)} of {len(e)} harm events "
                    f"({mix}).", "blame", outlet, heading_anchor(PAGE, "Agency by victim side"),
                    _evidence(agentless), strength=len(agentless) * 0.6))
            hidden = e[e.target_side.notna() & e.agent_text.isna()]
            for side, rows in hidden.groupby("target_side"):
                out.append(Finding(
                    f"{outlet} reports {len(rows)} harm event(s) against {side} without "
                    f"naming an agent ({', '.join(sorted(set(rows.voice)))}).",
                    "blame", outlet, heading_anchor(PAGE, "Agency by victim side"),
                    _evidence(rows), strength=len(rows) * 0.8))
    if not blame.empty:
        anchor = heading_anchor(PAGE, "Blame and denial")
        b = blame.assign(accuser_side=_fill_side(blame, "accuser"),
                         accused_side=_fill_side(blame, "accused"))
        for (outlet, acc, accd, neg), rows in b.groupby(
                ["outlet", "accuser_side", "accused_side", "negated"]):
            kinds = ", ".join(sorted(set(rows.statement)))
            if neg:
                text = f"In {outlet}, {acc} does not assign blame ({len(rows)} statement(s))."
            elif set(rows.statement) == {"denial"}:
                text = f"In {outlet}, {accd} denies ({len(rows)} statement(s))."
            else:
                text = (f"In {outlet}, {acc} blames {accd} ({kinds}; {len(rows)} "
                        f"statement(s)).")
            out.append(Finding(text, "blame", outlet, anchor, _evidence(rows),
                               strength=len(rows)))
    if not sources.empty:
        anchor = heading_anchor(PAGE, "Reporting verbs")
        d = sources[sources.stance == "distancing"].fillna({"source_side": UNRESOLVED})
        for (outlet, side), rows in d.groupby(["outlet", "source_side"]):
            verbs = ", ".join(f'"{v}"' for v in dict.fromkeys(rows.cue.str.lower()))
            out.append(Finding(
                f"{outlet} introduces {side} sources with distancing verbs ({verbs}).",
                "blame", outlet, anchor, _evidence(rows), strength=len(rows) + 0.5))
    return sorted(out, key=lambda f: -f.strength)


def _side(value: object) -> str:
    return NONE if value is None or (isinstance(value, float) and pd.isna(value)) else str(
        value)


def _evidence(rows: pd.DataFrame) -> pd.DataFrame:
    keep = [c for c in ["outlet", "sent_id", "sentence", "trigger", "voice", "agent_text",
                        "target_text", "statement", "cue", "accuser_text", "accused_text",
                        "source_text", "stance", "article_id", "start", "end"]
            if c in rows.columns]
    return rows[keep].rename(columns={"sentence": "text"}).reset_index(drop=True)


def profile(tables: dict[str, pd.DataFrame], incident: Incident) -> pd.DataFrame:
    """Profile lines per outlet (columns): harm events and their voice, agentless share,
    the side most often named as agent, blame statements, distancing verbs, share of voice.
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
        top = (e.agent_side.value_counts() if n else pd.Series(dtype=int))
        b = blame[blame.outlet == outlet] if not blame.empty else blame
        s = sources[(sources.outlet == outlet)] if not sources.empty else sources
        dist = s[s.stance == "distancing"] if not s.empty else s
        v = sov[sov.outlet == outlet] if not sov.empty else sov
        voice_str = ", ".join(f"{r.source_side} {r.share_sentences:.0%}"
                              for r in v.sort_values("share_sentences", ascending=False)
                              .itertuples()) if not v.empty else "–"
        lines[outlet] = {
            "Harm events (active / agentless)": f"{n} ({active} / {agentless})",
            "Most-named agent of harm": (f"{top.index[0]} ({int(top.iloc[0])})"
                                         if len(top) else "–"),
            "Blame statements (accuser → accused)": "; ".join(
                f"{_side(r.accuser_side)} → {_side(r.accused_side)}"
                f"{' (negated)' if r.negated else ''}"
                for r in b.itertuples() if r.statement != "denial") or "–",
            "Distancing reporting verbs": (", ".join(dict.fromkeys(dist.cue.str.lower()))
                                           if len(dist) else "–"),
            "Share of voice (sentences)": voice_str,
        }
    return pd.DataFrame(lines)
