"""Harm and conflict events in a dependency parse: who did what to whom, and in which voice.

A *harm event* is a trigger word (a verb such as "attack", "kill", "wound", "violate", or a
nominal event such as "the Azerbaijani attack", "a violation of the ceasefire", "the
fighting") with two roles read off the spaCy dependency parse:

- **agent** (who did it): the subject of an active verb, the ``by``-phrase of a passive,
  the possessor or demonym / organisation modifier of a nominal event ("Azerbaijan's
  attacks", "the Azerbaijani attack", "IS attacks"), "attacks from / by X", the subject of a
  light verb governing the nominal ("launched an attack", "carried out a provocation",
  "continued its offensive", "claimed responsibility for the bombing");
- **target / victim** (to whom): the object of an active verb, the subject of a passive,
  "on / against X" (and "of X" for nominalised transitive events: "the killing of seven
  demonstrators"), the subject of an unaccusative outcome ("two soldiers died"), the noun a
  participle modifies ("the soldiers who were injured", "six members killed").

Roles spread over conjuncts ("gunmen and suicide bombers attacked"), through relative
pronouns to their antecedents, from a main clause to a participial adjunct ("..., killing 130
people"), and from a nested attack to an outcome ("wounded in an attack by Azerbaijani
forces", "killed in IS attacks"). Instruments are not agents: "a roadside bomb killed ..." has
no agent, its subject is recorded as ``instrument``.

Each event carries an *agency framing* (:data:`VOICES`): the grammatical device by which the
text assigns, hides or displaces responsibility (Henley, Miller & Beazley 1995 on agency and
the passive voice; Greene & Resnik 2009 on syntactic packaging; here defined purely
syntactically):

``active_with_agent``
    an active clause with an agent: a verbal trigger ("Azerbaijani troops attacked
    Armenian fighters") or a light verb with its nominal, which together form one complex
    predicate ("Azerbaijan launched an attack on military posts").
``passive_with_agent``
    passive with a ``by``-agent, or with the agent of a nested attack ("three were wounded
    in an attack by Azerbaijani forces", "the attack was carried out by ETA").
``agentless_passive``
    passive with no agent ("three were wounded in the ensuing firefight").
``nominal_with_agent`` / ``nominal_without_agent``
    a nominal event with / without an agent ("attacks from Azerbaijan" / "one case of
    ceasefire violation", "exchanges of fire"); a gerund or infinitive with no
    recoverable subject ("with the aim of seizing the village") counts as nominal.
``intransitive_outcome``
    an outcome verb, adjective or experiencer construction with the victim as subject and
    no cause ("two soldiers died", "a bomb exploded", "the soldiers sustained gunshot
    wounds").
``instrument_subject``
    an active harm verb whose subject is a weapon or an event ("a roadside bomb killed",
    "the explosion shattered the glass"); when that event names its agent ("Israeli
    airstrikes killed five people") the agent is recorded but the voice stays.

Whether the claim of agency is the narrator's or a source's ("X said Y attacked") is added
by :mod:`framing.blame.rows` from :mod:`framing.core.attribution`
(``agency == "agent_via_source"``).

Triggers are found by :mod:`framing.blame.triggers`; the words that cue a role (light,
experiencer, responsibility and cause verbs, event containers, instrument nouns) are data
(``role_cues.tsv``, :mod:`framing.blame.lexicons`); subjects, noun phrases and other parse
relations come from :mod:`framing.core.phrases`.

The extraction is written on spaCy directly. It starts where textacy's
``extract.triples.subject_verb_object_triples`` stops (active subject, object, passive
``by``-agent, conjunct sharing; Chartbeat/textacy, after the SVO extraction of Rusu et al.
2007) and adds passive voice and instruments (Greene & Resnik 2009, syntactic framing of
agency), nominal events and their arguments (NomBank; Meyers et al. 2004) and light verbs
(Grimshaw & Mester 1988).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from framing.blame.lexicons import (
    BLAME_VERBS,
    CAUSE_VERBS,
    EVENT_CONTAINERS,
    EXPERIENCER_VERBS,
    INSTRUMENT_NOUNS,
    LIGHT_VERBS,
    NOUN_TRIGGERS,
    OF_PATIENT_NOUNS,
    RESPONSIBILITY_VERBS,
)
from framing.blame.role_model import (
    CLASSES,
    RoleModel,
    candidates,
    is_circumstance,
    load_model,
    pair_features,
    role_token,
)
from framing.blame.triggers import (
    FIRE_WORDS,
    RESPONSE_VERBS,
    THROW_VERBS,
    find_triggers,
    response_means,
    trigger_kind,
)
from framing.core.phrases import (
    OBJ_DEPS,
    PASS_SUBJ_DEPS,
    SUBJ_DEPS,
    antecedent,
    children,
    is_negated,
    is_passive,
    noun_phrase,
    phrasal_lemma,
    prep_objects,
    semantic_head,
    subjects,
)

#: Kinds whose object is not a victim/target (the thing detonated is the device).
DEVICE_OBJECT_KINDS = frozenset({"explode"})
#: Kinds whose syntactic subject is the victim (unaccusative outcomes).
OUTCOME_KINDS = frozenset({"die"})
#: Kinds whose verbs always take an object: without one, a participle is a reduced passive.
OBLIGATORY_OBJECT_KINDS = frozenset({"kill", "injure", "violate", "destroy", "seize"})
#: Entity types that are never agents or victims (dates, amounts, works ...).
NON_PARTICIPANT_ENT_TYPES = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "LAW", "LANGUAGE",
     "WORK_OF_ART", "EVENT"})
#: Modifier entity types that make a compound / adjective the agent of a nominal event.
MODIFIER_AGENT_ENT_TYPES = frozenset({"NORP", "ORG", "PERSON"})
#: Entity types that can suffer harm but do not act (places and facilities).
NON_AGENT_ENT_TYPES = frozenset({"FAC", "LOC"})
#: Relative and interrogative words left unresolved are never roles.
WH_WORDS = frozenset({"what", "which", "who", "whom", "whatever", "that"})
#: Prepositions introducing the target of a nominal event ("attack on X").
TARGET_PREPS = frozenset({"on", "against", "upon"})
#: Prepositions introducing the target of a harm verb ("fired at X").
VERB_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "toward", "towards"})
#: Verbs whose object (or passive subject) is what is used, not who is harmed ("used tear
#: gas", "hurled bricks"); their target is "at / on / toward X".
INSTRUMENT_OBJECT_VERBS = THROW_VERBS | {"use"}
#: Verbs of coercion whose object, in the purpose of using a weapon or force, is its target:
#: "used tear gas to disperse protesters", "using a Taser in an attempt to subdue him".
COERCION_VERBS = frozenset({"disperse", "subdue", "repel", "scatter", "quell", "restrain",
                            "break up", "push back", "drive back", "force back", "hold back"})
#: Nouns of intent that carry a purpose ("in an attempt to", "in a bid to").
PURPOSE_NOUNS = frozenset({"attempt", "effort", "bid", "order"})
#: Verbs of trying through which a purpose continues ("to try to disperse").
TRYING_VERBS = frozenset({"try", "attempt", "seek"})
#: Verbs whose object is a weapon when it is one ("fired his weapon at X", "fired rockets").
FIRING_VERBS = frozenset({"fire", "shoot", "launch"})
#: Verbs whose object is accused of the gerund they govern ("accused X of firing", "X was
#: charged with shooting"): that object (or passive subject) is its agent.
ACCUSING_VERBS = frozenset(BLAME_VERBS) | {"suspect", "charge", "convict", "indict", "arrest",
                                           "sentence", "prosecute", "punish"}
#: Prepositions of an adjunct whose gerund shares the main clause's subject ("seized the
#: ships after opening fire on them").
ADJUNCT_PREPS = frozenset({"after", "before", "by", "while", "without", "upon", "when",
                           "in", "through", "since"})
#: Kinds an organisation or country does: "it" as their subject is an actor, not a bomb.
ACT_KINDS = frozenset({"attack", "seize", "threaten", "violate", "kidnap", "clash"})
#: Prepositions introducing an event nested under an outcome ("wounded in an attack by X").
NESTED_EVENT_PREPS = frozenset({"in", "during", "by", "after", "from", "amid"})
#: Agency framings, from most to least explicit about who acted (see the module docstring).
VOICES = ("active_with_agent", "passive_with_agent", "agentless_passive",
          "nominal_with_agent", "nominal_without_agent", "intransitive_outcome",
          "instrument_subject")


# --- events and roles ----------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """One argument of an event: its head token, its noun phrase, and the rule that found it."""

    head: Token
    phrase: Span
    via: str

    @property
    def text(self) -> str:
        return self.phrase.text


@dataclass
class HarmEvent:
    """A harm or conflict event with its agents, targets (victims) and instruments.

    Attributes:
        trigger: the trigger's head token (for "carried out" the verb "carried").
        kind: trigger class (``attack``, ``kill``, ``injure``, ``die``, ``explode``,
            ``destroy``, ``seize``, ``violate``, ``threaten``, ``kidnap``, ``clash``).
        form: ``verb``, ``noun`` or ``adj``.
        passive: a passive verb (or a passive participle modifying its victim).
        negated: the trigger is negated ("did not attack").
        agents, targets, instruments: the roles found (may be empty).
        voice: the agency framing, one of :data:`VOICES`.
    """

    trigger: Token
    kind: str
    form: str
    passive: bool = False
    negated: bool = False
    agents: list[Role] = field(default_factory=list)
    targets: list[Role] = field(default_factory=list)
    instruments: list[Role] = field(default_factory=list)
    voice: str = ""


# --- who can fill a role -------------------------------------------------------------------


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the nouns coordinated with it ("gunmen and suicide bombers")."""
    out = [token]
    event_head = token.lemma_.lower() in NOUN_TRIGGERS
    for conj in token.conjuncts:
        if conj.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and conj not in out and (
                event_head or conj.lemma_.lower() not in NOUN_TRIGGERS):
            out.append(conj)
    return sorted(out, key=lambda t: t.i)


def is_instrument(token: Token) -> bool:
    """A weapon, device or event noun: it can cause harm but is not an agent."""
    tok = antecedent(token)
    lemma = tok.lemma_.lower()
    if lemma in INSTRUMENT_NOUNS or tok.lower_ in INSTRUMENT_NOUNS:
        return True
    if lemma in NOUN_TRIGGERS and tok.pos_ == "NOUN":
        return True
    return any(c.dep_ == "compound" and c.lemma_.lower() in {"bomb", "ied", "car", "truck"}
               for c in tok.children) and lemma not in {"bomber", "attacker"}


def can_participate(token: Token) -> bool:
    """Dates, times, amounts and works are never agents or victims."""
    tok = antecedent(token)
    if tok.ent_type_ in NON_PARTICIPANT_ENT_TYPES and tok.pos_ != "NUM":
        return False
    if tok.ent_type_ in ("DATE", "TIME"):
        return False
    if tok.pos_ == "ADJ":  # a demonym modifier: "Israeli airstrikes", "the Azerbaijani attack"
        return tok.ent_type_ == "NORP" or (tok.text[:1].isupper() and tok.dep_ == "amod")
    return tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X") or tok.tag_ in ("NNP", "NNS")


def _role(token: Token, via: str) -> Role:
    tok = antecedent(token)
    via = via if tok == token else f"{via}+relative"
    return Role(semantic_head(tok), noun_phrase(tok), via)


def _roles(tokens: Iterable[Token], via: str, *, agent: bool = False) -> list[Role]:
    out: list[Role] = []
    seen: set[int] = set()
    for token in tokens:
        for tok in with_conjuncts(token):
            if not can_participate(tok) or is_circumstance(antecedent(tok)):
                continue  # "around 8:40 p.m", "on Friday", "in Hadrut"
            role = _role(tok, via)
            if role.head.lower_ in WH_WORDS:
                continue  # an unresolved "what" / "which"
            if agent and role.head.ent_type_ in NON_AGENT_ENT_TYPES:
                continue  # places and facilities do not act
            if role.head.i not in seen:
                seen.add(role.head.i)
                out.append(role)
    return out


# --- role assignment -----------------------------------------------------------------------


def _nested_event_agents(token: Token, depth: int = 0) -> list[Role]:
    """Agents of an attack nested under an outcome: "wounded in an attack by X"."""
    if depth > 1:
        return []
    out: list[Role] = []
    for obj in prep_objects(token, NESTED_EVENT_PREPS):
        found = trigger_kind(obj)
        if found and found[0] in ("attack", "kill", "explode", "clash") and found[1] == "noun":
            inner = event_roles(obj, *found, _depth=depth + 1)
            out.extend(Role(r.head, r.phrase, f"in_event:{r.via}") for r in inner.agents)
    return out


def _governor(tok: Token) -> Token:
    """The noun standing for a nominal event in the clause: "a series of attacks" → series."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" and (
            tok.head.head.lemma_.lower() in EVENT_CONTAINERS):
        return tok.head.head
    return tok


def _nominal_agents(ev: HarmEvent, tok: Token) -> list[tuple[Token, str]]:
    """Agent candidates of a nominal event, with the rule that found each."""
    out: list[tuple[Token, str]] = []
    # possessor: "Azerbaijan's attacks", "its offensive", "the IRA's bombing"
    out += [(c, "possessor") for c in children(tok, ["poss"])
            if c.ent_type_ not in ("DATE", "TIME")]
    # demonym / organisation modifier: "the Azerbaijani attack", "Taliban attacks"
    out += [(c, "modifier") for c in children(tok, ["amod", "compound", "nmod"])
            if c.ent_type_ in MODIFIER_AGENT_ENT_TYPES]
    # "attack by X", "attacks from X", "provocations from the other side"
    out += [(o, "by") for o in prep_objects(tok, ["by"])]
    if ev.kind in ("attack", "threaten", "violate", "clash", "kill"):
        out += [(o, "from") for o in prep_objects(tok, ["from"])]
    gov = _governor(tok)
    head = gov.head
    if gov.dep_ in OBJ_DEPS | PASS_SUBJ_DEPS and head.pos_ in ("VERB", "AUX"):
        lv = head.lemma_.lower()
        if lv in LIGHT_VERBS and ev.kind not in OUTCOME_KINDS:
            # "launched an attack", "carried out a provocation", "the attack was carried
            # out by ETA", "continued its offensive"
            if gov.dep_ in OBJ_DEPS:
                # "accused X of carrying out attacks": the gerund's controller
                out += [(s, "light_verb") for s in subjects(head) or controller(head)]
            out += [(b, "light_verb_by") for b in prep_objects(head, ["by"])]
            ev.targets.extend(_roles(prep_objects(head, TARGET_PREPS), "light_verb_on"))
        elif (lv in EXPERIENCER_VERBS or lv in LIGHT_VERBS) and ev.kind in (
                "injure", "die") and gov.dep_ in OBJ_DEPS:
            # "sustained gunshot wounds", "suffered injuries", "committed suicide"
            ev.targets.extend(_roles(subjects(head), "experiencer"))
    elif gov.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        verb = head.head
        if verb.pos_ == "NOUN" and verb.lemma_.lower() in ("responsibility", "part"):
            verb = verb.head
        lemma = verb.lemma_.lower()
        negated = any(c.dep_ == "neg" for c in verb.children)
        if head.lower_ == "for" and lemma in RESPONSIBILITY_VERBS and verb.pos_ == "VERB" \
                and not negated:
            # "the IRA accepted responsibility for the bombings" (not "no group claimed")
            out += [(s, "responsibility") for s in subjects(verb)
                    if not any(d.lower_ in ("no", "none") for d in s.children)]
        elif lemma in ("responsible", "involved", "involve", "participate", "take",
                       "complicit", "behind") and not negated and head.lower_ in (
                "for", "in"):
            # "X is responsible for / involved in / took part in the attack"
            host = verb.head if verb.dep_ in ("acomp", "attr", "dobj") else verb
            if host.pos_ in ("AUX", "VERB"):
                subj = children(host, SUBJ_DEPS | PASS_SUBJ_DEPS) or children(
                    verb, SUBJ_DEPS | PASS_SUBJ_DEPS)
                out += [(s, "responsibility") for s in subj]
    # "attacks carried out by people", "bombings (which seemed to be) aimed at civilians"
    for clause in children(tok, ["acl", "relcl"]) + (
            children(gov, ["acl", "relcl"]) if gov != tok else []):
        for verb in [clause, *[t for t in clause.subtree if t.dep_ in ("xcomp", "ccomp")]]:
            if verb.lemma_.lower() in LIGHT_VERBS:
                out += [(b, "light_verb_by") for b in prep_objects(verb, ["by"])]
            if verb.lemma_.lower() in ("target", "aim", "direct"):
                ev.targets.extend(_roles(prep_objects(verb, ["at", "against", "on"]),
                                         "aimed_at"))
    return out


#: Nouns whose "of" names whom they relate to ("supporters of Trump", "lawyers of Blake"):
#: an "of" person after one of them is part of the phrase, not a misattached patient.
RELATIONAL_NOUNS = frozenset({
    "supporter", "follower", "friend", "family", "relative", "lawyer", "attorney", "son",
    "daughter", "wife", "husband", "brother", "sister", "father", "mother", "ally", "aide",
    "associate", "member", "fan", "critic", "opponent", "bodyguard", "guard", "staff",
    "force", "troop", "army", "militia", "man", "soldier", "fighter", "loyalist", "government",
    "regime", "administration", "agent", "henchman", "gunman"})


#: Harm kinds done to someone (whose nominal takes an "of" patient: "the shooting of X").
PATIENT_KINDS = frozenset({"attack", "kill", "injure", "threaten", "kidnap"})


def _misattached_patient(ev: HarmEvent, agent: Token) -> tuple[Span, Token] | None:
    """"the shooting by police of Jacob Blake": the parser hangs the patient's "of" on the
    by-agent ("police of Jacob Blake"). For a nominal harm done to someone, an "of" person
    after an agent noun that does not take one (not "supporters of Trump", "forces of
    Haftar") is the event's patient: returns the agent's phrase without it and the
    patient's head."""
    if ev.kind not in PATIENT_KINDS or agent.lemma_.lower() in RELATIONAL_NOUNS:
        return None
    of = next((c for c in agent.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None or obj.ent_type_ != "PERSON":
        return None
    phrase = noun_phrase(agent)
    return agent.doc[phrase.start:of.i], obj


def _person_patient(ev: HarmEvent, cand: Token, via: str, explicit_target: bool) -> bool:
    """"the Jacob Blake shooting", "the Kennedy assassination": a person's name compounded
    with a nominal harm is its patient, the reading that dominates for nominalisations
    (Lapata 2002), unless the event names its patient ("the Putin attack on Ukraine")."""
    return (via == "modifier" and cand.dep_ == "compound" and _full_name(cand)
            and ev.kind in PATIENT_KINDS and not explicit_target)


def _full_name(tok: Token) -> bool:
    """A person's first and last name ("George Floyd"): the small model also tags a lone
    demonym as a person ("the Azerbaijani attack"), so one word is not enough."""
    return tok.ent_type_ == "PERSON" and any(
        c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in tok.children)


def _misparsed_compound(ev: HarmEvent) -> None:
    """"after Jacob Blake shooting" (a headline): the parser reads a bare gerund right after
    a person's name, with no auxiliary and no object, as a clause with the person as
    subject. It is the compound "the Jacob Blake shooting", whose person is the patient
    (:func:`_person_patient`)."""
    tok = ev.trigger
    if tok.tag_ != "VBG" or ev.kind not in PATIENT_KINDS or ev.targets or any(
            c.dep_ in ("aux", "auxpass") or c.dep_ in OBJ_DEPS for c in tok.children):
        return
    adjacent = [a for a in ev.agents if a.head.i == tok.i - 1 and _full_name(a.head)
                and a.via == "subject"]
    if adjacent:
        ev.agents = [a for a in ev.agents if a not in adjacent]
        ev.targets.extend(Role(a.head, a.phrase, "compound_patient") for a in adjacent)


def _nominal_roles(ev: HarmEvent) -> None:
    """Agents, instruments and targets of a nominal event ("Azerbaijan's attack on X")."""
    tok = ev.trigger
    cands = _nominal_agents(ev, tok)
    for k, (cand, via) in enumerate(cands):
        moved = _misattached_patient(ev, cand) if via == "by" else None
        if moved is not None:
            phrase, patient = moved
            ev.agents.append(Role(semantic_head(cand), phrase, via))
            ev.targets.extend(_roles([patient], "of"))
            cands = cands[:k] + cands[k + 1:]
            break
    if any(v == "light_verb" for _, v in cands):
        # "Azerbaijan continued its offensive": the possessive pronoun is the same agent
        cands = [(c, v) for c, v in cands if not (v == "possessor" and c.pos_ == "PRON")]
    explicit_target = bool(prep_objects(tok, TARGET_PREPS) or prep_objects(tok, ["of"]))
    for cand, via in cands:
        if ev.kind in OUTCOME_KINDS and via in ("possessor", "modifier"):
            # "45 Chinese casualties", "Armenia's losses": whose dead, not who killed
            ev.targets.extend(_roles([cand], via))
        elif _person_patient(ev, cand, via, explicit_target):
            ev.targets.extend(_roles([cand], "modifier_patient"))
        elif is_instrument(cand):
            ev.instruments.extend(_roles([cand], via))
        else:
            ev.agents.extend(_roles([cand], via, agent=True))
    # targets: "attack on X", "provocation against Russia", "the killing of X"
    hosts = [tok] + [c for c in tok.conjuncts if c.lemma_.lower() in NOUN_TRIGGERS]
    for host in hosts:
        # coordinated nominals share their complements: "the slaughter and maiming of men"
        if not (tok.head.lemma_ == "blame" and tok.dep_ in OBJ_DEPS):  # "blamed X on Y"
            ev.targets.extend(_roles(prep_objects(host, TARGET_PREPS), "on"))
        if host.lemma_.lower() in OF_PATIENT_NOUNS or tok.lemma_.lower() in OF_PATIENT_NOUNS:
            ev.targets.extend(r for r in _roles(prep_objects(host, ["of"]), "of")
                              if r.head.ent_type_ not in ("GPE", "LOC"))
    # the event as cause: "the explosion targeted a bakery", "shattered by an explosion"
    head = tok.head
    if tok.dep_ in SUBJ_DEPS and head.pos_ == "VERB" and head.lemma_.lower() in CAUSE_VERBS:
        ev.targets.extend(_roles(children(head, OBJ_DEPS), "caused"))
    elif tok.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in (
            CAUSE_VERBS):
        ev.targets.extend(_roles(children(head.head, PASS_SUBJ_DEPS), "caused"))


def controller(verb: Token) -> list[Token]:
    """The understood subject of a subjectless gerund (Jackendoff & Culicover 2003 on
    control): the accused of "accused X of firing", "X was charged with shooting"; the
    subject of the clause an adjunct gerund hangs from ("seized the ships after opening
    fire"); shared over coordinated gerunds ("of firing at ships and seizing three")."""
    seen = 0
    while verb.dep_ == "conj" and not children(verb, SUBJ_DEPS) and seen < 4:
        verb, seen = verb.head, seen + 1
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.dep_ != "prep":
        return []
    prep, host = verb.head, verb.head.head
    if prep.lower_ in ("of", "for", "with") and host.dep_ in OBJ_DEPS and \
            host.head.lemma_.lower() in ACCUSING_VERBS:
        return [host]  # "accused [border guards [of firing]]": "of" hangs from the accused
    if host.pos_ not in ("VERB", "AUX"):
        return []
    if host.lemma_.lower() in ACCUSING_VERBS and prep.lower_ in ("of", "for", "with"):
        accused = children(host, OBJ_DEPS) or children(host, PASS_SUBJ_DEPS)
        if not accused and host.dep_ == "conj":
            # "was arrested and charged with shooting": the passive subject is shared
            accused = children(host.head, PASS_SUBJ_DEPS)
        return accused
    if prep.lower_ in ADJUNCT_PREPS and not is_passive(host):
        return subjects(host)
    return []


def hands_agents(tok: Token) -> list[Token]:
    """The agents of "killed at the hands of X" (X), which acts as a ``by``-phrase."""
    return [agent for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "at"
            for hands in prep.children if hands.dep_ == "pobj" and hands.lower_ == "hands"
            for agent in prep_objects(hands, ["of"])]


def misattached_by(tok: Token) -> list[Token]:
    """A passive verb's ``by``-agent that the parser hung on the noun of one of its
    adjuncts: "shot in the back by a police officer", "hit at close range by police" (the
    by-phrase belongs to the verb: a body part or a distance does not act). Not under an
    event noun, whose own agent it is ("wounded in an attack by X")."""
    return [agent for prep in tok.children if prep.dep_ == "prep"
            and prep.lower_ in ("in", "at", "on", "from", "near")
            for noun in prep.children if noun.dep_ == "pobj" and noun.pos_ == "NOUN"
            and not trigger_kind(noun)
            for agent in prep_objects(noun, ["by"])]


def _verbal_roles(ev: HarmEvent, depth: int) -> None:
    """Agents, instruments and targets of a harm verb: active, passive or outcome."""
    tok = ev.trigger
    passive = is_passive(tok)
    ev.passive = passive
    subj = children(tok, SUBJ_DEPS)
    if ev.kind in OUTCOME_KINDS:
        # "two soldiers died", "who died in 2013"
        victims = subj or (subjects(tok) if tok.dep_ == "conj" else [])
        if not victims and tok.dep_ in ("acl", "relcl"):
            victims = [tok.head]
        ev.targets.extend(_roles(victims, "subject"))
        ev.agents.extend(_nested_event_agents(tok, depth))
        return
    if passive:
        victims = children(tok, PASS_SUBJ_DEPS)
        if not victims and tok.dep_ in ("acl", "relcl"):
            victims = [tok.head]  # "the six service members killed", "soldiers who were hurt"
        if not victims and tok.dep_ == "conj":
            victims = children(tok.head, PASS_SUBJ_DEPS)
        if ev.kind not in DEVICE_OBJECT_KINDS and tok.lemma_.lower() not in (
                INSTRUMENT_OBJECT_VERBS):
            ev.targets.extend(_roles(victims, "passive_subject"))
        else:
            ev.instruments.extend(_roles(victims, "passive_subject"))
        by = prep_objects(tok, ["by"]) + hands_agents(tok) or misattached_by(tok)
        ev.agents.extend(_roles([b for b in by if not is_instrument(b)], "by"))
        ev.instruments.extend(_roles([b for b in by if is_instrument(b)], "by"))
        for inst in [b for b in by if is_instrument(b)]:
            ev.agents.extend(_roles(prep_objects(inst, ["from"]), "by_from"))
        if tok.lemma_.lower() in INSTRUMENT_OBJECT_VERBS:
            ev.targets.extend(_roles(prep_objects(tok, VERB_TARGET_PREPS), "at")
                              or _roles(purpose_patients(tok), "purpose"))
        if not ev.agents:
            ev.agents.extend(_nested_event_agents(tok, depth))
        return
    # active voice
    agents = subjects(tok) or controller(tok)
    if not agents and tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBG":
        agents = [tok.head]  # "a device exploding", "militants attacking the base"
    inherited_from_event = None
    if tok.dep_ in ("advcl", "conj", "xcomp") and not children(tok, SUBJ_DEPS) and depth < 2:
        source = _adjunct_source(tok)
        if source is not None:
            inherited_from_event = event_roles(source, *trigger_kind(source),
                                               _depth=depth + 1)
    if inherited_from_event is not None:
        ev.agents.extend(Role(r.head, r.phrase, f"inherited:{r.via}")
                         for r in inherited_from_event.agents)
        ev.instruments.extend(inherited_from_event.instruments)
        if inherited_from_event.kind in DEVICE_OBJECT_KINDS and not inherited_from_event.agents:
            ev.instruments.extend(inherited_from_event.targets)
    else:
        for cand in agents:
            if ev.kind in DEVICE_OBJECT_KINDS and not children(tok, OBJ_DEPS) and not any(
                    c.lower_ == "up" for c in tok.children):
                ev.instruments.extend(_roles([cand], "subject"))  # "a bomb exploded"
            elif is_instrument(cand) and not (cand.lower_ == "it" and ev.kind in ACT_KINDS):
                ev.instruments.extend(_roles([cand], "subject"))
                found = trigger_kind(cand)
                if found is not None and found[1] == "noun" and depth < 2:
                    # "Israeli airstrikes killed ...": the agent of the event that killed
                    inner = event_roles(cand, *found, _depth=depth + 1)
                    ev.agents.extend(Role(r.head, r.phrase, f"subject_event:{r.via}")
                                     for r in inner.agents)
            else:
                ev.agents.extend(_roles([cand], "subject"))
    objs = children(tok, OBJ_DEPS)
    lemma = tok.lemma_.lower()
    if lemma in ("set", "light"):
        # "set fire to a warehouse", "set cars on fire": the fire is no target
        objs = [o for o in objs if o.lemma_.lower() not in FIRE_WORDS] + prep_objects(
            tok, ["to"])
    if lemma in RESPONSE_VERBS:
        # "responded with tear gas and rubber bullets": the means are weapons
        ev.instruments.extend(_roles(response_means(tok), "with"))
        ev.targets.extend(_roles(prep_objects(tok, ["to"]), "at"))  # "responded to protesters"
    if lemma in INSTRUMENT_OBJECT_VERBS or (lemma in FIRING_VERBS and objs and all(
            is_instrument(o) for o in objs)):
        # "hurled bricks at police", "used tear gas on protesters", "fired his weapon at"
        ev.instruments.extend(_roles(objs, "object"))
        ev.targets.extend(_roles(prep_objects(tok, VERB_TARGET_PREPS), "at")
                          or _roles(purpose_patients(tok), "purpose"))
        return
    if ev.kind == "clash":
        # "protesters clashed with officers"
        ev.targets.extend(_roles(prep_objects(tok, ["with"]), "with"))
    if not objs and tok.dep_ != "conj":
        # right-node raising: "attacked and killed three soldiers"
        for conj in tok.conjuncts:
            if conj.i > tok.i and conj.pos_ == "VERB":
                objs = children(conj, OBJ_DEPS)
                break
    if not objs and ev.kind in OBLIGATORY_OBJECT_KINDS and ev.agents and not prep_objects(
            tok, VERB_TARGET_PREPS) and tok.tag_ in ("VBD", "VBN") and not any(
            c.dep_ == "aux" for c in tok.children) and lemma not in ("set", "light", "hold"):
        # an obligatorily transitive verb without object is a reduced passive the tagger
        # read as past tense: "the six service members killed ...", and in headlines
        # "Three Soldiers Wounded After Azerbaijani Attack"
        ev.targets.extend(r for r in ev.agents if r.via == "subject")
        ev.agents = [r for r in ev.agents if r.via != "subject"]
        ev.passive = True
        if not ev.agents:
            ev.agents.extend(_nested_event_agents(tok, depth))
        return
    if ev.kind in DEVICE_OBJECT_KINDS:
        ev.instruments.extend(_roles([o for o in objs if o.lower_ not in (
            "himself", "herself", "themselves")], "object"))
    else:
        ev.targets.extend(_roles(objs, "object"))
        if ev.kind == "attack":
            ev.targets.extend(_roles(prep_objects(tok, VERB_TARGET_PREPS), "at"))


def _adjunct_source(tok: Token) -> Token | None:
    """The verbal event a subjectless adjunct or conjunct takes its agent from.

    "..., killing 130 people" takes the agent of the clause it modifies; when the parser
    attached the participle higher than the nearest harm verb before it ("a device that
    exploded on Friday, wounding 13 people"), the nearest preceding harm verb is used.
    """
    head = tok.head
    candidates = [head]
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        between = [t for t in tok.doc[head.i + 1:tok.i] if t.pos_ == "VERB"]
        candidates = [t for t in reversed(between) if trigger_kind(t)] + candidates
    for cand in candidates:
        found = trigger_kind(cand)
        if found is not None and found[1] == "verb":
            return cand
    return None


def event_roles(token: Token, kind: str, form: str, *, _depth: int = 0) -> HarmEvent:
    """Agents, targets and instruments of the event triggered by ``token``.

    Args:
        token: the trigger's head token.
        kind: the trigger class (:func:`framing.blame.triggers.trigger_kind`).
        form: ``verb``, ``noun`` or ``adj`` (decides which rules apply).

    Returns:
        The :class:`HarmEvent` with its roles and voice.
    """
    ev = HarmEvent(trigger=token, kind=kind, form=form, negated=is_negated(token))
    if form == "noun":
        _nominal_roles(ev)
    elif form == "adj":
        # "nine people were dead", "shot dead", "left thousands dead"
        head = token.head
        found = trigger_kind(head) if head.pos_ == "VERB" else None
        if found is not None and found[1] == "verb" and _depth < 2:
            # "shot dead": the roles of the harm verb
            inner = event_roles(head, found[0], "verb", _depth=_depth + 1)
            ev.agents, ev.targets = inner.agents, inner.targets
            ev.instruments, ev.passive = inner.instruments, inner.passive
        elif token.dep_ == "amod":
            ev.targets.extend(_roles([head], "modified"))
        elif head.lemma_ in ("be", "become", "remain", "lie", "fall"):
            # "nine people were dead"
            ev.targets.extend(_roles(children(head, SUBJ_DEPS | PASS_SUBJ_DEPS), "subject"))
        elif head.pos_ in ("VERB", "AUX"):
            # "left thousands dead", "was found dead"; a small clause parsed with its own
            # subject ("left at least 20 Indians dead": Indians <-nsubj- dead)
            victims = children(token, SUBJ_DEPS) or children(head, OBJ_DEPS) or children(
                head, PASS_SUBJ_DEPS)
            ev.targets.extend(_roles(victims, "object"))
    else:
        _verbal_roles(ev, _depth)
        _misparsed_compound(ev)
    ev.agents = _dedupe(ev.agents)
    targets = [r for r in _dedupe(ev.targets) if r.head.i not in {a.head.i for a in ev.agents}]
    ev.targets = targets
    ev.instruments = _dedupe(ev.instruments)
    ev.voice = voice_of(ev)
    return ev


def _dedupe(roles: list[Role]) -> list[Role]:
    seen: set[int] = set()
    out = []
    for r in roles:
        if r.head.i not in seen:
            seen.add(r.head.i)
            out.append(r)
    return out


def voice_of(ev: HarmEvent) -> str:
    """The agency framing of an event (see the module docstring for the definitions)."""
    if ev.form == "noun":
        vias = {a.via.split("+")[0] for a in ev.agents}
        if "light_verb" in vias:
            return "active_with_agent"  # "Azerbaijan launched an attack": a complex predicate
        if "light_verb_by" in vias:
            return "passive_with_agent"  # "the attack was carried out by ETA"
        if ev.agents:
            return "nominal_with_agent"
        if any(t.via.startswith("experiencer") for t in ev.targets):
            return "intransitive_outcome"  # "three soldiers sustained gunshot wounds"
        return "nominal_without_agent"
    if ev.kind in OUTCOME_KINDS and not ev.passive:
        return "intransitive_outcome" if not ev.agents or all(
            a.via.startswith("in_event") for a in ev.agents) else "active_with_agent"
    if ev.passive:
        return "passive_with_agent" if ev.agents else "agentless_passive"
    if ev.instruments and ev.agents and all(a.via.startswith("subject_event")
                                            for a in ev.agents):
        return "instrument_subject"  # "Israeli airstrikes killed": the event is the subject
    if ev.agents:
        return "active_with_agent"
    if ev.kind in DEVICE_OBJECT_KINDS and not ev.targets:
        return "intransitive_outcome"
    if ev.instruments:
        return "instrument_subject"
    if ev.trigger.tag_ in ("VBG", "VB"):
        return "nominal_without_agent"  # a gerund or infinitive with no subject
    return "agentless_passive" if ev.trigger.tag_ == "VBN" else "intransitive_outcome"


def rule_roles(ev: HarmEvent) -> dict[int, tuple[str, str]]:
    """``{head index: (role, rule)}`` of the roles the hand rules gave an event."""
    out: dict[int, tuple[str, str]] = {}
    for role, found in (("agent", ev.agents), ("target", ev.targets),
                        ("instrument", ev.instruments)):
        for r in found:
            out.setdefault(r.head.i, (role, r.via))
    return out


def pair_candidates(ev: HarmEvent) -> list[tuple[Token, list[str]]]:
    """Every argument candidate of an event with its features
    (:func:`framing.blame.role_model.pair_features`)."""
    rules = rule_roles(ev)
    found = sorted({role for role, _ in rules.values()})
    extra = [r.head for r in ev.agents + ev.targets + ev.instruments]
    out = []
    for cand in candidates(ev.trigger, extra):
        role, via = rules.get(role_token(cand).i, ("none", ""))
        out.append((cand, pair_features(ev.trigger, ev.kind, ev.form, ev.passive, cand,
                                         role, via, found)))
    return out


def purpose_patients(verb: Token) -> list[Token]:
    """The objects of a coercion verb (:data:`COERCION_VERBS`) in the purpose of ``verb``:
    a ``to``-infinitive adjunct, through verbs of trying ("used tear gas to try to disperse
    hundreds of protesters") or a noun of intent ("using pepper spray in an attempt to
    subdue the crowd"); not a pronoun. The purpose's patient is what the weapon was used
    on."""
    def purposes(v: Token) -> list[Token]:
        out = [c for c in v.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ == "in"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in PURPOSE_NOUNS:
                    out += [a for a in noun.children if a.dep_ == "acl" and a.pos_ == "VERB"]
        return out

    found: list[Token] = []
    todo = purposes(verb)
    while todo:
        v = todo.pop(0)
        if phrasal_lemma(v) in COERCION_VERBS and not is_negated(v):
            # a pronoun here often takes the reporting clause's speaker as antecedent
            # ("police tried to arrest Blake, Kaul said, using a Taser to subdue him")
            found += [o for o in children(v, ["dobj"]) if o.pos_ != "PRON"]
        elif v.lemma_.lower() in TRYING_VERBS:
            todo += [c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    return found


def according_to(token: Token) -> bool:
    """Whether ``token`` is the source of an "according to X" attribution."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ == "according"


def _other_clause_subject(head: Token, trigger: Token) -> bool:
    """Whether ``head`` is the subject of an adverbial clause of ``trigger`` ("the driver
    was shot while they were responding": "they" acts in the clause, it is not shot), or
    of the clause ``trigger``'s own adverbial clause hangs from ("two men were killed while
    several others were held captive": the killed are not the held)."""
    verb = head.head
    if head.dep_ not in SUBJ_DEPS | PASS_SUBJ_DEPS:
        return False
    return (verb.dep_ == "advcl" and verb.head == trigger) or (
        trigger.dep_ == "advcl" and trigger.head == verb)


def refine_roles(ev: HarmEvent, model: RoleModel) -> HarmEvent:
    """The event with agents and targets re-decided by the learned role classifier
    (:mod:`framing.blame.role_model`): a role the rules gave stays unless the model's
    probability for it is under the ``keep`` threshold; a candidate the rules left out
    becomes agent or target at the model's ``agent`` / ``target`` threshold. A role the
    rules also gave keeps the rule's name, a new one is ``model``; the rules' instruments
    stay instruments."""
    rules = rule_roles(ev)
    # a rule's own phrase stays (it may be trimmed: "police" of "police of Jacob Blake")
    phrases = {r.head.i: r.phrase for r in ev.agents + ev.targets}
    scored: dict[str, list[tuple[float, Role]]] = {"agent": [], "target": []}
    seen: set[int] = set()
    for cand, feats in pair_candidates(ev):
        head = role_token(cand)
        if head.i in seen or head.lower_ in WH_WORDS or rules.get(head.i, ("",))[0] == (
                "instrument"):
            continue  # a weapon or device the rules found stays an instrument
        if head.i not in rules and according_to(head):
            continue  # the source of the report, not a participant: "according to the army"
        seen.add(head.i)
        p = dict(zip(CLASSES, model.proba(feats), strict=True))
        rule, via = rules.get(head.i, ("none", ""))
        keep = model.thresholds.get("keep", 0.0)
        if rule in ("agent", "target") and p[rule] >= keep:
            role = rule  # the model keeps a rule's role unless it is sure it is wrong
        else:
            role = "agent" if p["agent"] >= p["target"] else "target"
            if p[role] < model.thresholds[role]:
                continue
            if role == "target" and _other_clause_subject(head, ev.trigger) and any(
                    r == "target" for r, _ in rules.values()):
                continue
        if role == "agent" and head.ent_type_ in NON_AGENT_ENT_TYPES:
            continue
        tok = antecedent(cand)
        phrase = phrases.get(head.i) if rule == role else None
        scored[role].append((p[role], Role(head, phrase or noun_phrase(tok),
                                           via if rule == role else "model")))
    out = replace(ev, agents=[r for _, r in sorted(scored["agent"], key=lambda x: -x[0])],
                  targets=[r for _, r in sorted(scored["target"], key=lambda x: -x[0])])
    out.voice = voice_of(out)
    return out


def harm_event(token: Token, kind: str, form: str, *, model: RoleModel | None | bool = True
               ) -> HarmEvent:
    """The event of one trigger: the hand rules' roles (:func:`event_roles`), re-decided by
    the learned role model (``model=True``: the committed one, when present; ``False`` or
    ``None``: rules only)."""
    ev = event_roles(token, kind, form)
    fitted = load_model() if model is True else model or None
    return refine_roles(ev, fitted) if fitted is not None else ev


def harm_events(span: Span | Doc, *, model: RoleModel | None | bool = True
                ) -> Iterator[HarmEvent]:
    """Every harm event of a sentence or document, in text order.

    Args:
        span: a parsed sentence or document.
        model: the role model (see :func:`harm_event`); ``False`` for the hand rules only.

    Yields:
        One :class:`HarmEvent` per trigger (see :func:`find_triggers`).
    """
    fitted = load_model() if model is True else model or None  # read once per call
    for token, kind, form in find_triggers(span):
        yield harm_event(token, kind, form, model=fitted or False)
