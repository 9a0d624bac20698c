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
by :mod:`framing.blame.analysis` from :mod:`framing.blame.attribution`
(``agency == "agent_via_source"``).

The extraction is written on spaCy directly. It starts where textacy's
``extract.triples.subject_verb_object_triples`` stops (active subject, object, passive
``by``-agent, conjunct sharing; Chartbeat/textacy, after the SVO extraction of Rusu et al.
2007) and adds passive voice and instruments (Greene & Resnik 2009, syntactic framing of
agency), nominal events and their arguments (NomBank; Meyers et al. 2004) and light verbs
(Grimshaw & Mester 1988).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

# --- trigger lexicons (lemma -> kind) ------------------------------------------------------

#: Harm verbs by kind. Transitive kinds take agent = subject, target = object.
VERB_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        ["attack", "assault", "shell", "bomb", "bombard", "strike", "hit", "shoot", "fire",
         "raid", "ambush", "storm", "invade", "target", "besiege", "gun", "stab", "torpedo",
         "counterattack", "overrun", "repel", "down"], "attack"),
    **dict.fromkeys(
        ["kill", "murder", "assassinate", "slay", "slaughter", "massacre", "execute",
         "behead", "lynch", "eliminate", "neutralize", "neutralise"], "kill"),
    **dict.fromkeys(
        ["wound", "injure", "maim", "hurt", "mutilate", "beat", "torture", "harm"], "injure"),
    **dict.fromkeys(["die", "perish"], "die"),
    **dict.fromkeys(["explode", "detonate", "blow"], "explode"),
    **dict.fromkeys(["destroy", "damage", "demolish", "burn", "shatter", "raze", "loot"],
                    "destroy"),
    **dict.fromkeys(["seize", "capture", "occupy", "annex"], "seize"),
    **dict.fromkeys(["violate", "breach"], "violate"),
    **dict.fromkeys(["threaten", "provoke", "intimidate"], "threaten"),
    **dict.fromkeys(["kidnap", "abduct"], "kidnap"),
}

#: Nominal events by kind.
NOUN_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        ["attack", "assault", "offensive", "strike", "airstrike", "raid", "ambush", "bombing",
         "bombardment", "shelling", "shooting", "gunfire", "fire", "incursion", "invasion",
         "aggression", "counterattack", "counteroffensive", "sabotage", "atrocity"], "attack"),
    **dict.fromkeys(
        ["killing", "murder", "assassination", "slaying", "slaughter", "massacre",
         "execution"], "kill"),
    **dict.fromkeys(["injury", "wound", "maiming"], "injure"),
    **dict.fromkeys(["death"], "die"),
    **dict.fromkeys(["explosion", "blast", "detonation"], "explode"),
    **dict.fromkeys(["destruction"], "destroy"),
    **dict.fromkeys(["seizure", "capture", "occupation", "annexation"], "seize"),
    **dict.fromkeys(["violation", "breach"], "violate"),
    **dict.fromkeys(["provocation", "threat"], "threaten"),
    **dict.fromkeys(["kidnapping", "abduction"], "kidnap"),
    **dict.fromkeys(["fighting", "clash", "firefight", "battle", "skirmish", "hostility",
                     "gunbattle", "shootout"], "clash"),
}

#: Adjectives that name an outcome ("nine people were dead", "shot dead").
ADJ_TRIGGERS: dict[str, str] = {"dead": "die"}

#: Kinds whose object is not a victim/target (the thing detonated is the device).
DEVICE_OBJECT_KINDS = frozenset({"explode"})
#: Kinds whose syntactic subject is the victim (unaccusative outcomes).
OUTCOME_KINDS = frozenset({"die"})
#: Kinds whose verbs always take an object: without one, a participle is a reduced passive.
OBLIGATORY_OBJECT_KINDS = frozenset({"kill", "injure", "violate", "destroy", "seize"})
#: Kinds whose "of"-complement is the patient ("the killing of seven demonstrators").
OF_PATIENT_NOUNS = frozenset(
    {"killing", "murder", "assassination", "slaying", "slaughter", "massacre", "execution",
     "maiming", "death", "injury", "bombing", "bombardment", "shelling", "destruction",
     "seizure", "capture", "occupation", "annexation", "violation", "breach", "kidnapping",
     "abduction"})

#: Verbs whose subject is the agent of the nominal event they govern (light / support verbs).
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "mount", "commit", "perpetrate", "continue",
     "resume", "unleash", "wage", "open", "step", "intensify", "escalate", "undertake",
     "execute", "make", "orchestrate", "plan", "initiate", "renew", "begin", "start"})
#: Verbs whose subject *suffers* the nominal event ("sustained gunshot wounds").
EXPERIENCER_VERBS = frozenset({"suffer", "sustain", "receive", "incur", "survive"})
#: Nouns that package several events: "a series of attacks" (the light verb governs them).
EVENT_CONTAINERS = frozenset(
    {"series", "wave", "spate", "string", "number", "campaign", "case", "act", "round",
     "barrage", "volley", "cycle"})
#: Verbs whose subject (an event or weapon) causes harm to their object.
CAUSE_VERBS = frozenset(
    {"target", "hit", "strike", "kill", "injure", "wound", "destroy", "damage", "shatter",
     "rock", "tear", "rip", "devastate", "level", "flatten", "claim", "maim", "hurt"})
#: "X claimed / accepted responsibility for the bombing": X is the agent.
RESPONSIBILITY_VERBS = frozenset({"claim", "accept", "admit", "take", "assume", "bear"})

#: Heads of noun phrases that denote weapons or events, never agents.
INSTRUMENT_NOUNS = frozenset(
    {"bomb", "ied", "device", "explosive", "mine", "landmine", "shell", "missile", "rocket",
     "grenade", "mortar", "artillery", "bullet", "gunfire", "fire", "weapon", "gun", "rifle",
     "shrapnel", "debris", "glass", "round", "munition", "projectile", "barrage", "blast",
     "explosion", "car", "vehicle", "truck", "van", "motorcycle", "fireball", "crash",
     "accident", "violence", "war", "conflict", "drone", "airstrike", "strike", "attack",
     "bombing", "shelling", "fighting", "clash", "firefight", "battle", "detonation",
     "incident", "it", "suicide", "explosives", "backpack", "package", "parcel", "bag"})

#: Entity types that can act (agents) or suffer harm (victims); others are excluded.
AGENT_ENT_TYPES = frozenset({"PERSON", "NORP", "ORG", "GPE", ""})
NON_PARTICIPANT_ENT_TYPES = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "LAW", "LANGUAGE",
     "WORK_OF_ART", "EVENT"})
#: Modifier entity types that make a compound / adjective the agent of a nominal event.
MODIFIER_AGENT_ENT_TYPES = frozenset({"NORP", "ORG", "PERSON"})

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
REL_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
WH_WORDS = frozenset({"what", "which", "who", "whom", "whatever", "that"})
NON_AGENT_ENT_TYPES = frozenset({"FAC", "LOC"})
#: Quantifiers and collective nouns whose "of"-complement is the semantic head.
PARTITIVES = frozenset(
    {"some", "all", "many", "most", "none", "several", "few", "both", "each", "any", "one",
     "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
     "band", "group", "number", "majority", "rest", "handful"})
TARGET_PREPS = frozenset({"on", "against", "upon"})
VERB_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into"})
AGENT_PREPS = frozenset({"by", "from"})
NESTED_EVENT_PREPS = frozenset({"in", "during", "by", "after", "from", "amid"})
NP_DROP_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj", "punct", "prep",
                          "parataxis"})

VOICES = ("active_with_agent", "passive_with_agent", "agentless_passive",
          "nominal_with_agent", "nominal_without_agent", "intransitive_outcome",
          "instrument_subject")


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


# --- small parse helpers -------------------------------------------------------------------


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``: its subtree without clauses, appositions,
    conjuncts and prepositional phrases, except "of" ("three of its soldiers")."""
    keep = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in NP_DROP_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"
                                                and child.head == token):
            continue
        if child.ent_type_ in ("DATE", "TIME") and token.ent_type_ not in ("DATE", "TIME"):
            continue  # "on Friday Azerbaijan" misparsed as one phrase
        keep.append(child)
        stack.extend(child.children)
    # contiguous span around the head (skip tokens separated by dropped material)
    idx = sorted(t.i for t in keep)
    start = end = token.i
    pos = idx.index(token.i)
    for j in range(pos - 1, -1, -1):
        if idx[j] == start - 1:
            start = idx[j]
        else:
            break
    for j in range(pos + 1, len(idx)):
        if idx[j] == end + 1:
            end = idx[j]
        else:
            break
    return trim_span(token, start, end, lambda t: t.is_punct or t.is_quote)


def trim_span(head: Token, start: int, end: int, strip: Callable[[Token], bool]) -> Span:
    """``doc[start:end + 1]`` with the tokens ``strip`` selects dropped from both edges,
    never past the ``head`` token itself."""
    doc = head.doc
    while start < head.i and strip(doc[start]):
        start += 1
    while end > head.i and strip(doc[end]):
        end -= 1
    return doc[start:end + 1]


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the nouns coordinated with it ("gunmen and suicide bombers")."""
    out = [token]
    event_head = token.lemma_.lower() in NOUN_TRIGGERS
    for conj in token.conjuncts:
        if conj.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and conj not in out and (
                event_head or conj.lemma_.lower() not in NOUN_TRIGGERS):
            out.append(conj)
    return sorted(out, key=lambda t: t.i)


def is_passive(verb: Token) -> bool:
    """A passive verb: a passive subject, auxiliary or ``by``-agent; a bare participle
    modifying a noun ("soldiers killed in the attack"; the tagger often says VBD there); or
    a participle coordinated with a passive ("were mutilated, injured and scarred")."""
    if any(c.dep_ in PASS_SUBJ_DEPS or c.dep_ in ("auxpass", "agent") for c in verb.children):
        return True
    has_subj = any(c.dep_ in SUBJ_DEPS for c in verb.children)
    if verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("acl", "relcl") and not has_subj:
        return True
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and not has_subj
            and verb.head.pos_ == "VERB" and verb.head != verb and is_passive(verb.head))


def is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    head = token.head
    # "did not launch an attack": negation on the light verb
    return token.dep_ in OBJ_DEPS and any(c.dep_ == "neg" for c in head.children)


def antecedent(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for ("the soldiers who were injured" → soldiers)."""
    if pronoun.lower_ in REL_PRONOUNS:
        clause = pronoun.head
        while clause.dep_ not in ("relcl", "acl") and clause.head != clause:
            if clause.dep_ in ("conj",):
                clause = clause.head
                continue
            break
        if clause.dep_ in ("relcl", "acl"):
            return clause.head
    return pronoun


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


def semantic_head(token: Token) -> Token:
    """The noun a partitive or collective quantifier selects: "three of its soldiers" →
    soldiers, "some of the victims" → victims, "bands of toughs" → toughs."""
    if token.pos_ == "NUM" or token.lemma_.lower() in PARTITIVES:
        for obj in prep_objects(token, ["of"]):
            if obj.pos_ in ("NOUN", "PROPN") or obj.lower_ in ("whom", "which"):
                return obj
    return token


def _role(token: Token, via: str) -> Role:
    tok = antecedent(token)
    via = via if tok == token else f"{via}+relative"
    return Role(semantic_head(tok), noun_phrase(tok), via)


def _roles(tokens: Iterable[Token], via: str, *, agent: bool = False) -> list[Role]:
    out: list[Role] = []
    seen: set[int] = set()
    for token in tokens:
        for tok in with_conjuncts(token):
            if not can_participate(tok):
                continue
            role = _role(tok, via)
            if role.head.lower_ in WH_WORDS:
                continue  # an unresolved "what" / "which"
            if agent and role.head.ent_type_ in NON_AGENT_ENT_TYPES:
                continue  # places and facilities do not act
            if role.head.i not in seen:
                seen.add(role.head.i)
                out.append(role)
    return out


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    deps = set(deps)
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` attached to ``token`` ("attack on X" → X)."""
    preps = set(preps)
    out = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def recovered_subject(verb: Token) -> Token | None:
    """Repair a missing subject of a finite verb: the noun just before it.

    The small English parser sometimes reads a reduced relative as the main verb (then the
    subject is that verb's), or attaches a sentence-initial subject to a preceding
    adverbial ("At 8:40 on Friday Azerbaijan launched ..." parses "Friday Azerbaijan" as the
    object of "on"); English finite clauses put the subject before the verb, so a noun (or
    proper noun) immediately before a finite verb that has no subject is taken as it.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or verb.dep_ not in (
            "ROOT", "ccomp", "advcl", "conj", "parataxis"):
        return None
    head = verb.head
    if verb.dep_ == "advcl" and head.i < verb.i and head.tag_ in ("VBD", "VBN"):
        # "Russian peacekeepers deployed to the region confirmed ...": the parser took the
        # reduced relative "deployed" for the main verb; its subject is the real one
        subj = [c for c in head.children if c.dep_ in SUBJ_DEPS]
        if subj:
            return subj[0]
    prev = verb.doc[verb.i - 1]
    while prev.dep_ in ("aux", "neg", "advmod") and prev.i > 0:
        prev = verb.doc[prev.i - 1]
    if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ in ("pobj", "npadvmod", "compound",
                                                         "appos", "dep"):
        root = prev
        while root.dep_ == "compound" and root.head.i > root.i and root.head.i < verb.i:
            root = root.head
        return root
    return None


def subjects(verb: Token) -> list[Token]:
    """Active subjects of a verb, shared from a coordinated verb when it has none."""
    subj = children(verb, SUBJ_DEPS)
    if subj:
        return subj
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subjects(verb.head) if not is_passive(verb.head) else []
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG" and verb.head.pos_ in (
            "NOUN", "PROPN", "PRON"):
        return [verb.head]  # "terrorists modifying drones", "militants attacking a base"
    if verb.dep_ in ("acl", "xcomp") and verb.tag_ == "VB" and verb.head.pos_ == "NOUN":
        # "the IRA's decision to carry out the attacks": the possessor controls
        return children(verb.head, ["poss"])
    if verb.dep_ in ("xcomp",) and verb.head.pos_ in ("VERB", "AUX"):
        if verb.head.lemma_ == "be":
            return []  # "the best way is to counter ...": no controller
        # control: "Azerbaijan is using heavy weapons to attack ..." / "tried to kill"
        objs = children(verb.head, OBJ_DEPS)
        if verb.head.lemma_ in ("order", "tell", "force", "urge", "ask") and objs:
            return objs
        return subjects(verb.head) if not is_passive(verb.head) else []
    if verb.dep_ == "advcl" and verb.tag_ in ("VB", "VBG") and verb.head.pos_ in (
            "VERB", "AUX"):
        # purpose / participial adjunct: "using weapons to attack", "..., killing 130 people"
        if is_passive(verb.head):
            return []
        return subjects(verb.head)
    recovered = recovered_subject(verb)
    return [recovered] if recovered is not None else []


# --- trigger detection ---------------------------------------------------------------------


def trigger_kind(token: Token) -> tuple[str, str] | None:
    """(kind, form) of a harm trigger, or None. Ambiguous nouns need context."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in NOUN_TRIGGERS and _determined(token):
        return NOUN_TRIGGERS[lemma], "noun"  # "the Azerbaijani attack" tagged as a verb
    if token.pos_ == "VERB":
        if lemma == "blow" and not any(c.lower_ == "up" for c in token.children):
            return None
        if lemma == "fire" and token.dep_ in ("amod", "compound"):
            return None
        if lemma in ("hit", "strike", "target", "down", "gun") and not _conflict_context(token):
            return None
        if lemma in ("break",) and any(
                c.dep_ in OBJ_DEPS | PASS_SUBJ_DEPS and c.lemma_.lower() in
                {"ceasefire", "truce", "agreement", "deal"} for c in token.children):
            return "violate", "verb"
        if lemma in VERB_TRIGGERS:
            return VERB_TRIGGERS[lemma], "verb"
        return None
    if token.pos_ in ("NOUN", "PROPN") and token.tag_ not in ("NNP",):
        if lemma == "fire":
            return ("attack", "noun") if _fire_is_event(token) else None
        if lemma == "exchange":
            return ("clash", "noun") if any(o.lemma_ in ("fire", "gunfire") for o in
                                            prep_objects(token, ["of"])) else None
        if lemma in ("strike", "wound", "threat", "capture", "execution") and not (
                _conflict_context(token) or children(token, ["poss", "compound", "amod"])):
            return None
        if lemma in NOUN_TRIGGERS:
            return NOUN_TRIGGERS[lemma], "noun"
        return None
    if token.pos_ == "ADJ" and token.lemma_.lower() in ADJ_TRIGGERS:
        return ADJ_TRIGGERS[token.lemma_.lower()], "adj"
    return None


def _determined(token: Token) -> bool:
    """A base-form "verb" right after a determiner (and at most one modifier) is a noun."""
    if token.tag_ not in ("VB", "VBP") or token.i == 0:
        return False
    prev = token.doc[token.i - 1]
    if prev.pos_ == "DET" or prev.tag_ == "PRP$":
        return True
    return token.i > 1 and prev.pos_ in ("ADJ", "PROPN") and (
        token.doc[token.i - 2].pos_ == "DET" or token.doc[token.i - 2].tag_ == "PRP$")


def _conflict_context(token: Token) -> bool:
    """Another harm word or a weapon in the same sentence (disambiguates "hit", "strike")."""
    for tok in token.sent:
        if tok == token:
            continue
        lemma = tok.lemma_.lower()
        if lemma in INSTRUMENT_NOUNS - {"it", "car", "vehicle", "truck", "van", "incident"}:
            return True
        if lemma in VERB_TRIGGERS and VERB_TRIGGERS[lemma] in ("attack", "kill", "injure"):
            return True
    return False


def _fire_is_event(token: Token) -> bool:
    """"fire" as shooting: "opened fire", "exchanges of fire", "mortar fire", "under fire"."""
    head = token.head
    if head.lemma_ in ("open", "exchange", "return", "trade", "come", "draw"):
        return True
    if head.lower_ == "of" and head.head.lemma_ in ("exchange", "exchanges"):
        return False  # the event is the exchange
    if head.lower_ in ("under",):
        return True
    mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
    return bool(mods & {"mortar", "artillery", "rocket", "sniper", "automatic", "heavy",
                        "machine", "gun", "small", "arm", "tank", "enemy", "hostile"})


def find_triggers(span: Span | Doc) -> list[tuple[Token, str, str]]:
    """Every harm trigger in a sentence or document as (token, kind, form)."""
    out = []
    for token in span:
        found = trigger_kind(token)
        if found is not None:
            out.append((token, *found))
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
                out += [(s, "light_verb") for s in subjects(head)]
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


def _nominal_roles(ev: HarmEvent) -> None:
    tok = ev.trigger
    cands = _nominal_agents(ev, tok)
    if any(v == "light_verb" for _, v in cands):
        # "Azerbaijan continued its offensive": the possessive pronoun is the same agent
        cands = [(c, v) for c, v in cands if not (v == "possessor" and c.pos_ == "PRON")]
    for cand, via in cands:
        if is_instrument(cand):
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


def _verbal_roles(ev: HarmEvent, depth: int) -> None:
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
        if ev.kind not in DEVICE_OBJECT_KINDS:
            ev.targets.extend(_roles(victims, "passive_subject"))
        else:
            ev.instruments.extend(_roles(victims, "passive_subject"))
        by = prep_objects(tok, ["by"])
        ev.agents.extend(_roles([b for b in by if not is_instrument(b)], "by"))
        ev.instruments.extend(_roles([b for b in by if is_instrument(b)], "by"))
        for inst in [b for b in by if is_instrument(b)]:
            ev.agents.extend(_roles(prep_objects(inst, ["from"]), "by_from"))
        if not ev.agents:
            ev.agents.extend(_nested_event_agents(tok, depth))
        return
    # active voice
    agents = subjects(tok)
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
            elif is_instrument(cand):
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
    if not objs and tok.dep_ != "conj":
        # right-node raising: "attacked and killed three soldiers"
        for conj in tok.conjuncts:
            if conj.i > tok.i and conj.pos_ == "VERB":
                objs = children(conj, OBJ_DEPS)
                break
    if not objs and ev.kind in OBLIGATORY_OBJECT_KINDS and ev.agents and not prep_objects(
            tok, VERB_TARGET_PREPS) and tok.tag_ in ("VBD", "VBN") and not any(
            c.dep_ == "aux" for c in tok.children):
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
        kind: the trigger class (see :data:`VERB_TRIGGERS`, :data:`NOUN_TRIGGERS`).
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
            # "left thousands dead", "was found dead"
            victims = children(head, OBJ_DEPS) or children(head, PASS_SUBJ_DEPS)
            ev.targets.extend(_roles(victims, "object"))
    else:
        _verbal_roles(ev, _depth)
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


def harm_events(span: Span | Doc) -> Iterator[HarmEvent]:
    """Every harm event of a sentence or document, in text order.

    Args:
        span: a parsed sentence or document.

    Yields:
        One :class:`HarmEvent` per trigger (see :func:`find_triggers`).
    """
    for token, kind, form in find_triggers(span):
        yield event_roles(token, kind, form)
