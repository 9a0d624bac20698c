"""The role each actor mention is cast in: villain, victim, hero or none.

Framing research asks whom an outlet casts as villain, victim or hero (the narrative roles
of Entman 1993's "moral evaluation"; Frermann et al. 2023; SemEval-2025 Task 10 entity
framing, Piskorski et al. 2025), not whether the words around a name are negative: "troops
attacked Armenian villages" is negative *about what happened to* Armenia. Where the sentence
structure says it, the role comes from it (:func:`structural_roles`):

- **villain**: the agent of a harm event (blame's ``events``: attack, kill, seize, ...;
  a mutual clash casts no one) or the accused of a blame, accusation, condemnation or
  labelling statement (blame's ``blame``), unless negated;
- **victim**: the target of a harm event;
- **hero**: the subject (or ``by``-agent) of a helping, protecting or mediating verb
  (:data:`HERO_VERBS`: "peacekeepers evacuated the wounded", "Moscow brokered the truce"),
  of a verb whose object is peace-making (:data:`PEACE_NOUNS`: "urged restraint", "called
  for dialogue") or of settling a dispute ("made efforts to resolve the border issue");
- **villain** also: the subject of a transgression (:data:`WRONGDOING_VERBS`: "violated the
  agreement", "crossed the line", "broke the consensus", "attempted to change the status
  quo"), or of any act done "forcibly", "illegally" (:data:`ILLEGITIMATE_MANNER`), and a
  mention named as a wrongdoer ("the gunman", "looters": :data:`OFFENDER_NOUNS`);
- **victim** also: a mention its own modifier describes as harmed (:data:`HARMED_MODIFIERS`:
  "three injured Ukrainian sailors", "the slain officer"), or said to be in hospital ("was
  taken to hospital", "is in critical condition");
- a mention's relative clause, and the clause of the conjunct it is joined to, are read
  as its own ("an armed man who deterred looters" is the subject of "deterred"; "Russia
  and Armenia urged restraint" casts both); a later definite description of one harmed
  person ("the injured man") is the article's one named victim (:func:`_described_victims`);
  an agent named by its possessor ("India's agenda will destroy peace") casts the possessor;
- the **asserted_by** of a role is who casts it: the outlet in its own words, else the
  source whose claim it is (an accusation is its accuser's).

``role_by`` says what gave each role (``structure`` here).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd
from spacy.tokens import Doc, Token

from framing.blame.rows import describes_one_person, named_victim
from framing.core.nlp import doc_sentences
from framing.core.phrases import REL_PRONOUNS, is_negated, phrasal_lemma, prep_objects
from framing.core.voice import OUTLET
from framing.portrayal.mentions import phrase_head, span_head

ROLES = ("villain", "victim", "hero")
#: Harm kinds that cast no one: in a clash both sides act.
MUTUAL_KINDS = frozenset({"clash"})
#: Blame statements whose accused is cast as the wrongdoer (a denial names the denier).
ACCUSING_STATEMENTS = frozenset({"blame", "accusation", "condemnation", "labeling"})
#: Verbs whose subject helps, protects or mediates (the hero's acts in the Narrative Frames
#: annotation guidelines, Frermann et al. 2023): lemma -> the sense.
HERO_VERBS = {
    "help": "helps", "rescue": "rescues", "save": "saves", "protect": "protects",
    "evacuate": "evacuates", "mediate": "mediates", "broker": "brokers", "aid": "aids",
    "assist": "assists", "treat": "treats", "shelter": "shelters", "free": "frees",
    "negotiate": "negotiates", "de-escalate": "de-escalates", "calm": "calms",
    "rebuild": "rebuilds", "donate": "donates", "feed": "feeds", "safeguard": "safeguards",
    "guard": "guards", "defend": "defends", "reunite": "reunites", "heal": "heals",
}
#: Nouns naming peace-making: the subject of a verb taking one ("urged restraint", "called
#: for calm", "sought dialogue", "resolve the dispute peacefully") acts as a mediator.
PEACE_NOUNS = frozenset({"peace", "calm", "restraint", "dialogue", "talks", "stability",
                         "de-escalation", "settlement", "solution", "reconciliation",
                         "negotiation", "negotiations", "diplomacy", "tranquillity",
                         "tranquility", "ceasefire", "truce"})
#: Verbs of settling a dispute: with a dispute as object ("resolve the border issue").
SETTLE_VERBS = frozenset({"resolve", "settle", "defuse", "ease", "reduce", "calm"})
DISPUTE_NOUNS = frozenset({"dispute", "issue", "issues", "conflict", "tension", "tensions",
                           "standoff", "stand-off", "crisis", "situation", "differences"})
#: Keeping public order: the subject of one of these verbs with an order noun as object
#: protects ("to maintain law and order", "restore order"); "order" alone is no peace noun
#: ("signed an order").
KEEPING_VERBS = frozenset({"maintain", "restore", "preserve"})
ORDER_NOUNS = frozenset({"order", "law", "security"})
#: Quarrels between people: intervening in one mediates ("attempting to intervene in an
#: argument between two women"); not a war or a conflict, where intervening takes a side.
QUARRELS = frozenset({"argument", "fight", "quarrel", "altercation", "brawl", "scuffle",
                      "dispute"})
#: Nouns that "domestic" makes a quarrel in a household ("a domestic incident"); not "a
#: domestic conflict", a civil war.
HOUSEHOLD_EVENTS = frozenset({"incident", "disturbance", "situation", "call"})
#: Giving help: the subject of a giving verb with a help noun as object helps ("provided
#: immediate aid", "offered shelter").
GIVING_VERBS = frozenset({"provide", "give", "offer", "render", "extend", "deliver",
                          "administer", "bring", "send"})
HELP_NOUNS = frozenset({"aid", "help", "assistance", "care", "treatment", "shelter",
                        "protection", "relief", "rescue"})
#: Stopping violence: the subject of one of these verbs (with its particle) with a noun of
#: violence as object protects ("stepped in to quell riots", "break up a fight").
STOPPING_VERBS = frozenset({"stop", "prevent", "quell", "halt", "contain", "curb", "end",
                            "avert", "defuse", "head off", "break up", "calm", "deter",
                            "thwart", "foil", "repel", "fend off", "ward off"})
VIOLENCE_NOUNS = frozenset({"violence", "riot", "riots", "rioting", "fight", "fighting",
                            "looting", "bloodshed", "unrest", "clash", "clashes", "chaos",
                            "arson", "attack", "attacks", "escalation", "war"})
#: People who commit violence or crime: stopping them protects ("an armed man who deterred
#: looters", "fended off the attackers"), and a mention so named is cast as the wrongdoer
#: ("the man who had been pursuing the gunman"), as a harmed modifier casts a victim.
OFFENDER_NOUNS = frozenset({"looter", "rioter", "arsonist", "vandal", "attacker", "assailant",
                            "intruder", "burglar", "robber", "thief", "gunman", "shooter",
                            "killer", "murderer", "perpetrator", "aggressor", "invader",
                            "occupier", "terrorist"})
#: Verbs that report a state of affairs, not act on it: "reported the ceasefire" makes no
#: peace (directives do: "urged restraint", "called for talks").
INFORMING_VERBS = frozenset({"say", "report", "acknowledge", "confirm", "announce", "tell",
                             "state", "add", "note", "claim", "deny", "admit", "reveal",
                             "describe", "mention", "write", "record", "register", "cite"})
#: Verbs of transgression (Entman's "moral evaluation": a wrong done, not a harm): their
#: subject is cast as the wrongdoer. lemma -> objects it needs (None: any).
WRONGDOING_VERBS: dict[str, frozenset[str] | None] = {
    "violate": None, "breach": None, "infringe": None, "provoke": None, "renege": None,
    "intrude": None, "encroach": None, "trespass": None, "invade": None, "annex": None,
    "occupy": None, "escalate": None, "instigate": None, "incite": None,
    "cross": frozenset({"line", "border", "boundary", "frontier", "lac", "loc"}),
    "break": frozenset({"consensus", "agreement", "ceasefire", "truce", "promise", "law",
                        "commitment", "commitments", "rule", "rules", "deal", "accord"}),
    "depart": frozenset({"consensus", "agreement"}),
    "change": frozenset({"status", "quo"}),
}
#: Manner adverbs that make any act a transgression ("forcibly built posts on the other
#: side", "illegally crossed the border", "unlawfully detained"): the writer (or source)
#: calls the act illegitimate.
ILLEGITIMATE_MANNER = frozenset({"forcibly", "illegally", "unlawfully", "illegitimately",
                                 "provocatively", "wrongfully"})
#: Objects that make "defend" a justification, not protection ("defended its decision").
JUSTIFIED = frozenset({"decision", "action", "actions", "move", "policy", "statement",
                       "remark", "record", "conduct", "choice", "position", "stance",
                       "response", "handling"})


def _hero_verb(tok: Token) -> Token | None:
    """The helping verb ``tok`` is the subject or ``by``-agent of, if any."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
    elif tok.dep_ not in ("nsubj", "csubj"):
        return None
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in HERO_VERBS or is_negated(verb):
        return None
    return verb if _hero_sense(verb) else None


def _hero_sense(verb: Token) -> bool:
    """Whether a helping verb helps here: not "defended its actions" (a justification), not
    "free" without what from."""
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma == "defend" and (obj is None or obj.lemma_.lower() in JUSTIFIED):
        return False
    return not (lemma == "free" and not prep_objects(verb, ["from"]) and obj is None)


def _objects(verb: Token) -> list[Token]:
    """A verb's direct objects and prepositional objects, with their conjuncts and, for an
    "attempt to change ..." / "tried to stop ...", those of the verb it controls."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    out += [o for p in verb.children if p.dep_ in ("prep", "dative") for o in p.children
            if o.dep_ == "pobj"]
    out += [c for o in out for c in o.children if c.dep_ in ("compound", "amod")]
    return out + [c for o in out for c in o.conjuncts]


#: Nouns of intent whose ``to``-infinitive their possessor or ``by``-object performs
#: (nominal control: "an attempt by the Chinese side to change the status quo", "Russia's
#: bid to annex"; Jackendoff & Culicover 2003).
CONTROL_NOUNS = frozenset({"attempt", "effort", "bid", "move", "plan", "decision", "try",
                           "campaign", "push", "drive", "intention", "intent", "offer",
                           "pledge", "promise"})


def _controlled_by_noun(tok: Token) -> Token | None:
    """The infinitive of a control noun whose possessor or ``by``-object ``tok`` is
    ("Russia's attempt to annex", "an effort by Azerbaijan to violate")."""
    noun = tok.head
    if tok.dep_ == "pobj" and noun.lower_ == "by":
        noun = noun.head
    elif tok.dep_ != "poss":
        return None
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CONTROL_NOUNS:
        return None
    return next((c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"
                 and _purpose(c)), None)


def _subject_verb(tok: Token) -> Token | None:
    """The verb ``tok`` is the subject (or ``by``-agent) of, climbing "tried to", "attempted
    to" and "continued" to the verb they control; or the infinitive of a control noun it
    owns ("an attempt by the Chinese side to change ...")."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
    elif tok.dep_ not in ("nsubj", "csubj"):
        return _controlled_by_noun(tok)
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _purpose(verb: Token) -> bool:
    """Whether ``verb`` is an infinitive ("to quell", "to try")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: Verbs whose complement did not happen (negative implicatives, Karttunen 1971): "refused
#: to help", "rejected sending in the help", "failed to stop the violence".
NEGATIVE_IMPLICATIVES = frozenset({"refuse", "reject", "decline", "fail", "neglect", "deny",
                                   "oppose", "block", "veto", "resist", "avoid"})


def _controlled(verb: Token, depth: int = 0) -> list[Token]:
    """``verb`` and the verbs it controls ("attempted to change", "made efforts to resolve"),
    its means ("did the right thing by intervening"), and its purpose clauses ("stepped in
    to quell", "imposed a curfew to try to head off"),
    down to three levels; not the complement of a negative implicative ("Evers' decision to
    reject sending in the help" sends no help)."""
    out = [verb]
    if depth < 3 and verb.lemma_.lower() not in NEGATIVE_IMPLICATIVES:
        for c in verb.children:
            if c.dep_ == "xcomp" or (c.dep_ == "advcl" and _purpose(c)):
                out += _controlled(c, depth + 1)
            if c.dep_ == "prep" and c.lower_ == "by":
                # the means: "trying to do the right thing by intervening in ..."
                for g in c.children:
                    if g.dep_ == "pcomp" and g.tag_ == "VBG":
                        out += _controlled(g, depth + 1)
            if c.dep_ == "dobj":
                for g in c.children:
                    if g.dep_ in ("acl", "relcl") and g.pos_ == "VERB" and (
                            g.dep_ == "acl" or _purpose(g)):
                        out += _controlled(g, depth + 1)
    out += [c for v in list(out) for c in v.conjuncts if c.dep_ == "conj"]
    return list(dict.fromkeys(out))


def _wrongdoing(tok: Token) -> Token | None:
    """The transgression verb (:data:`WRONGDOING_VERBS`, or any verb with an
    :data:`ILLEGITIMATE_MANNER` adverb) ``tok`` is the subject of."""
    verb = _subject_verb(tok)
    if verb is None:
        return None
    for v in _controlled(verb):
        lemma = v.lemma_.lower()
        if is_negated(v):
            continue
        if any(c.dep_ == "advmod" and c.lower_ in ILLEGITIMATE_MANNER for c in v.children):
            return v
        if lemma not in WRONGDOING_VERBS:
            continue
        needs = WRONGDOING_VERBS[lemma]
        if needs is None or {o.lower_ for o in _objects(v)} & needs:
            return v
    return None


#: Participles and adjectives that describe someone as harmed ("three injured Ukrainian
#: sailors", "the slain officer", "the captured crew") cast a victim beside whatever the
#: sentence casts them as ("the injured man was flown to a hospital").
HARMED_MODIFIERS = frozenset({"injured", "wounded", "slain", "murdered", "killed", "dead",
                              "captured", "detained", "kidnapped", "abducted", "tortured",
                              "displaced", "besieged", "shot", "maimed"})


def _harmed(tok: Token) -> Token | None:
    """The modifier that describes the mention headed by ``tok`` as harmed, if any."""
    return next((c for c in tok.children if c.dep_ == "amod"
                 and c.lower_ in HARMED_MODIFIERS), None)


def _offender(tok: Token) -> Token | None:
    """``tok`` itself if its noun names a wrongdoer (:data:`OFFENDER_NOUNS`: "the gunman")."""
    return tok if tok.pos_ == "NOUN" and tok.lemma_.lower() in OFFENDER_NOUNS else None


#: Being taken to a hospital or in a critical condition: the state of the harmed ("the man
#: was taken to hospital for surgery and is in intensive care", "was hospitalized in
#: serious condition").
CARE_VERBS = frozenset({"take", "rush", "fly", "airlift", "transport", "admit", "carry"})
CARE_PLACES = frozenset({"hospital", "clinic"})
CARE_STATES = {"care": frozenset({"intensive"}),
               "condition": frozenset({"critical", "serious", "grave", "stable"})}


def _hospitalized(tok: Token) -> Token | None:
    """The verb that says the mention headed by ``tok`` was hospitalized, if any."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    if verb.dep_ in ("aux", "auxpass"):  # "Blake remains (auxpass) hospitalized": a misparse
        verb = verb.head
    for v in [verb, *(c for c in verb.conjuncts if c.i > verb.i)]:
        if is_negated(v):
            continue
        lemma = v.lemma_.lower()
        if lemma == "hospitalize" and _passive(v):
            return v
        if lemma in CARE_VERBS and _passive(v) and any(
                o.lemma_.lower() in CARE_PLACES for o in prep_objects(v, ["to"])):
            return v
        if lemma in ("be", "remain") and any(
                o.lemma_.lower() in CARE_STATES and any(
                    c.lower_ in CARE_STATES[o.lemma_.lower()] for c in o.children)
                for o in prep_objects(v, ["in"])):
            return v
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


#: Verbs whose "that" clause is asked or hoped for, not reported (the mandative: "suggested
#: that China and India jointly maintain the peace").
MANDATIVE_VERBS = frozenset({"suggest", "urge", "propose", "demand", "recommend", "ask",
                             "request", "hope", "wish", "want", "call"})


def _wished(verb: Token) -> bool:
    """What someone asks of the subject, not what it does: an infinitive with its own "for"
    subject ("calls for Russia to show restraint"), or the clause of a mandative verb
    ("suggested that China and India maintain the peace")."""
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in MANDATIVE_VERBS:
        return True
    return _purpose(verb) and (any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
                               or verb.doc[max(0, verb.left_edge.i - 1)].lower_ == "for")


#: Advice that keeps people safe: the subject of a directive verb whose complement is a
#: safety action protects ("police urged businesses to consider closing", "urged residents
#: to stay indoors", "told people to take shelter"), or calms a crowd ("urged protesters to
#: go home", "to disperse", "to respect the curfew"); not "urged the talks to close".
DIRECTIVE_VERBS = frozenset({"urge", "advise", "warn", "encourage", "ask", "tell"})
SAFETY_ACTIONS: dict[str, frozenset[str] | None] = {
    "close": None, "shelter": None, "evacuate": None, "flee": None,
    "stay": frozenset({"indoors", "inside", "home", "away"}),
    "remain": frozenset({"indoors", "inside", "home"}),
    "take": frozenset({"shelter", "cover"}), "seek": frozenset({"shelter", "cover"}),
    "lock": frozenset({"door", "doors"}),
    "go": frozenset({"home"}), "disperse": None, "respect": frozenset({"curfew"}),
    "obey": frozenset({"curfew"}),
}


def _safety_advice(tok: Token) -> Token | None:
    """The safety action (:data:`SAFETY_ACTIONS`) advised by the directive verb whose
    subject is ``tok``, through up to two controlled verbs ("urged businesses to consider
    closing")."""
    verb = _subject_verb(tok)
    if verb is None or verb.lemma_.lower() not in DIRECTIVE_VERBS or is_negated(verb):
        return None
    todo = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    for _ in range(3):
        nxt = []
        for v in todo:
            lemma = v.lemma_.lower()
            if lemma in SAFETY_ACTIONS:
                needs = SAFETY_ACTIONS[lemma]
                if needs is None:  # "urged businesses to close", not "to close the talks"
                    if lemma != "close" or not any(c.dep_ == "dobj" for c in v.children):
                        return v
                elif needs & {c.lower_ for c in v.children
                              if c.dep_ in ("advmod", "dobj", "npadvmod", "prt")}:
                    return v
            nxt += [c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        todo = nxt
    return None


def _quarrel(objects: list[Token]) -> bool:
    """Whether one of a verb's objects is a quarrel between people (:data:`QUARRELS`), a
    domestic incident or disturbance among them (:data:`HOUSEHOLD_EVENTS`)."""
    return any(o.lemma_.lower() in QUARRELS and o.dep_ not in ("compound", "amod")
               or o.lemma_.lower() in HOUSEHOLD_EVENTS and any(
                   c.dep_ in ("amod", "compound") and c.lower_ == "domestic"
                   for c in o.children)
               for o in objects)


def _peacemaking(tok: Token) -> Token | None:
    """The peace-making or protecting verb ``tok`` is the subject of, itself or through the
    verbs it controls: a helping verb ("gear up to defend businesses"), a peace noun as its
    object ("urged restraint"), settling a dispute ("resolve the border issue"),
    intervening in a quarrel ("attempting to intervene in an argument"), giving help
    ("provided immediate aid") or stopping violence ("stepped in to quell riots", "trying
    to break up a fight")."""
    verb = _subject_verb(tok)
    if verb is None:
        return None
    if _wished(verb):
        return None  # "calls for Russia and Ukraine to show restraint": asked, not done
    for v in _controlled(verb):
        if is_negated(v) or _passive(v):
            continue  # "were provided with medical assistance": the helped
        found = _objects(v)
        objs = {o.lemma_.lower() for o in found}
        # the objects themselves, not their modifiers: "acknowledges ceasefire violation"
        heads = {o.lemma_.lower() for o in found if o.dep_ not in ("compound", "amod")}
        # "head off another round of violence": the "of" inside the object counts
        harm = objs | {g.lemma_.lower() for o in found for g in prep_objects(o, ["of"])}
        lemma = v.lemma_.lower()
        if (heads & PEACE_NOUNS and lemma not in INFORMING_VERBS) \
                or (lemma in SETTLE_VERBS and objs & DISPUTE_NOUNS) \
                or (lemma in KEEPING_VERBS and heads & ORDER_NOUNS) \
                or (lemma == "intervene" and _quarrel(found)) \
                or (lemma in GIVING_VERBS and heads & HELP_NOUNS) \
                or (phrasal_lemma(v) in STOPPING_VERBS and (
                    harm & VIOLENCE_NOUNS or heads & OFFENDER_NOUNS)):
            return v
        if v is not verb and v.pos_ == "VERB" and lemma in HERO_VERBS and _hero_sense(v):
            return v
    return None


#: Nouns of conflict: what a cause is blamed for ("the main reason for the tensions").
CONFLICT_NOUNS = frozenset({
    "tension", "clash", "conflict", "violence", "face-off", "faceoff", "standoff",
    "stand-off", "crisis", "war", "fighting", "escalation", "dispute", "skirmish",
    "confrontation", "unrest", "riot", "attack", "incident", "death", "casualty", "bloodshed",
    "hostility", "provocation"})
#: Nouns that name a cause ("X is the main reason for the tensions").
CAUSE_NOUNS = frozenset({"reason", "cause", "root", "source", "culprit", "trigger"})
#: Verbs of causing, with the preposition their effect takes (None: a direct object).
CAUSE_VERBS: dict[str, str | None] = {
    "cause": None, "trigger": None, "spark": None, "fuel": None, "provoke": None,
    "ignite": None, "inflame": None, "stoke": None, "lead": "to", "result": "in"}
#: Verbs of a conflict happening: "this happened because of X".
HAPPEN_VERBS = frozenset({"happen", "occur", "erupt", "escalate", "break", "start", "flare",
                          "intensify", "worsen", "arise"})


def _owner_nouns(tok: Token) -> list[Token]:
    """``tok`` and the nouns it owns through "of" or a possessive, up to two steps ("the
    arrogance of the Indian side", "the Hindutva philosophy of the Indian government")."""
    out = [tok]
    for _ in range(2):
        cur = out[-1]
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ in (
                "NOUN", "PROPN"):
            out.append(cur.head.head)
        elif cur.dep_ == "poss" and cur.head.pos_ in ("NOUN", "PROPN"):
            out.append(cur.head)
        else:
            break
    return out


def _effects(verb: Token, prep: str | None) -> set[str]:
    objs = [c for c in verb.children if c.dep_ == "dobj"] if prep is None else \
        prep_objects(verb, [prep])
    return {o.lemma_.lower() for o in objs} | {c.lemma_.lower() for o in objs
                                                for c in o.children if c.dep_ == "compound"}


def _causal(tok: Token) -> Token | None:
    """The word that makes ``tok`` (or what it owns) the cause of the conflict, if any
    (Entman 1993's causal interpretation): "the arrogance of the Indian side is the main
    reason for the tensions", "X's incursion sparked the clash", "the stand-off led to
    violence", "this happened because of the Hindutva philosophy of the Indian government"."""
    for noun in _owner_nouns(tok):
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass") and not is_negated(head):
            lemma = head.lemma_.lower()
            if lemma == "be":
                for attr in (c for c in head.children if c.dep_ == "attr"):
                    effects = _effects(attr, "for") | _effects(attr, "of") | _effects(
                        attr, "behind")
                    if attr.lemma_.lower() in CAUSE_NOUNS and effects & CONFLICT_NOUNS:
                        return attr
            elif lemma in CAUSE_VERBS and _effects(head, CAUSE_VERBS[lemma]) & CONFLICT_NOUNS:
                return head
        if noun.dep_ == "pobj":
            # "because of X" parses as "because" (prep) + "of" (pcomp) + X, or with X
            # under "of"; "due to X", "owing to X" likewise
            marker = noun.head if noun.head.lower_ in ("because", "due", "owing") else (
                noun.head.head if noun.head.lower_ in ("of", "to") else None)
            if marker is not None and marker.lower_ in ("because", "due", "owing"):
                verb = marker.head
                what = {c.lemma_.lower() for c in verb.children if c.dep_ == "nsubj"}
                if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in HAPPEN_VERBS \
                        and what & (CONFLICT_NOUNS | {"this", "it", "that"}) \
                        and not is_negated(verb):
                    return marker  # not "the talks happened because of Russia's mediation"
    return None


def _head_token(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


#: How a harm agent's role cue begins ("agent of “attacked”"): conflicts compare villains
#: cast by more than agency (:func:`framing.coverage.conflicts.blamed_villains`).
AGENT_CUE = "agent of"


def _role_spans(blame: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every (span, actor, role) the structure gives: each agent and target of a harm event
    (blame's ``roles``; not negated, not a mutual clash) and the accused of accusing
    statements (not negated)."""
    cols = ["article_id", "outlet", "sent_id", "start", "end", "surface", "actor_id", "side",
            "role", "cue", "asserted_by", "primary"]
    events, roles = blame["events"], blame["roles"]
    parts = []
    ev = events[~events.negated.astype(bool) & ~events.kind.isin(MUTUAL_KINDS)]
    ev = ev[["article_id", "trigger_start", "trigger", "asserted_by"]]
    rows = roles.merge(ev, on=["article_id", "trigger_start"], how="inner")
    what = rows.role.map({"agent": AGENT_CUE, "target": "target of"})
    parts.append(pd.DataFrame({
        "article_id": rows.article_id, "outlet": rows.outlet, "sent_id": rows.sent_id,
        "start": rows.phrase_start, "end": rows.phrase_end, "surface": rows.phrase,
        "actor_id": rows.actor, "side": rows.side,
        "role": rows.role.map({"agent": "villain", "target": "victim"}),
        "cue": [f"{w} “{t}”" for w, t in zip(what, rows.trigger, strict=True)],
        "asserted_by": rows.asserted_by, "primary": rows.primary.astype(bool)}))
    bl = blame["blame"]
    bl = bl[~bl.negated.astype(bool) & bl.statement.isin(ACCUSING_STATEMENTS)
            & bl.accused_actor.notna() & bl.accused_start.notna()]
    parts.append(pd.DataFrame({
        "article_id": bl.article_id, "outlet": bl.outlet, "sent_id": bl.sent_id,
        "start": bl.accused_start, "end": bl.accused_end, "surface": bl.accused_text,
        "actor_id": bl.accused_actor, "side": bl.accused_side, "role": "villain",
        "cue": [f"accused (“{c}”)" for c in bl.cue],
        "asserted_by": bl.accuser_actor.fillna("other"), "primary": True}))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(
        len(p) for p in parts) else pd.DataFrame(columns=cols)
    out["start"] = out.start.astype(int)
    out["end"] = out.end.astype(int)
    return out[cols]


def _helping(tok: Token) -> Token | None:
    """The helping (:func:`_hero_verb`) or peace-making verb ``tok`` is the subject of."""
    return _hero_verb(tok) or _peacemaking(tok)


#: The roles a mention's own head casts, beside blame's events and statements: (role, the
#: function that finds the word behind it, the cue written with that word). Clause cues
#: read the clause the head (or a stand-in for it, :func:`_clause_stand_ins`) is in;
#: modifier cues read the head noun and its own modifiers ("the injured man", "the gunman").
Cue = tuple[str, Callable[[Token], Token | None], str]
CLAUSE_CUES: tuple[Cue, ...] = (
    ("hero", _helping, "subject of “{}”"),
    ("hero", _safety_advice, "advised “{}”"),
    ("villain", _wrongdoing, "subject of “{}”"),
    ("villain", _causal, "cause (“{}”)"),
    ("victim", _hospitalized, "in hospital (“{}”)"),
)
MODIFIER_CUES: tuple[Cue, ...] = (("victim", _harmed, "described as “{}”"),
                                  ("villain", _offender, "named “{}”"))


def _clause_stand_ins(head: Token) -> list[Token]:
    """The tokens that hold ``head``'s place in a clause, so the head cues read that clause
    too: the relative pronoun subject of its relative clauses ("an armed man who deterred
    looters": "who"), and the first of the conjuncts it is one of ("Russia and Armenia
    urged restraint": "Russia", whose relation the conjoined subject shares)."""
    out = [c for clause in head.children if clause.dep_ == "relcl" for c in clause.children
           if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in REL_PRONOUNS]
    first = head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first is not head and first.pos_ in ("NOUN", "PROPN", "PRON"):
        out.append(first)
    return out


def _described_victims(mentions: pd.DataFrame, events: pd.DataFrame,
                       docs: dict[str, Doc]) -> list[dict]:
    """Mentions of an article's one named victim of bodily harm
    (:func:`framing.blame.rows.named_victim`) that a definite description of one harmed
    person makes without naming them ("the injured man was flown to a hospital"): a
    singular person noun (:func:`framing.blame.rows.describes_one_person`) with "the" and a
    harmed modifier (:data:`HARMED_MODIFIERS`), no name in it and in no mention already;
    :data:`MODIFIER_CUES` then casts it as described."""
    out = []
    for article_id, group in events.groupby("article_id"):
        doc = docs.get(article_id)
        if doc is None:
            continue
        taken = mentions[mentions.article_id == article_id]
        found = []
        for tok in doc:
            if _harmed(tok) is None or not any(c.dep_ == "det" and c.lower_ == "the"
                                               for c in tok.children):
                continue
            start, end = tok.left_edge.idx, tok.idx + len(tok.text)
            if describes_one_person(tok, doc[tok.left_edge.i:tok.i]) and not (
                    (taken.start < end) & (taken.end > start)).any():
                found.append((tok, start, end))
        if not found:
            continue
        targets = [(r.kind, r.target_actor if isinstance(r.target_actor, str) else None,
                    doc.char_span(int(r.target_start), int(r.target_end),
                                  alignment_mode="expand")
                    if pd.notna(r.target_start) else None) for r in group.itertuples()]
        victim = named_victim(targets, count_unresolved=True)
        if victim is None:
            continue
        side = group.target_side[group.target_actor == victim].iloc[0]
        sents = doc_sentences(doc)
        for tok, start, end in found:
            sent_id = next((i for i, s in enumerate(sents) if s.start <= tok.i < s.end), None)
            if sent_id is not None:
                out.append({"article_id": article_id, "outlet": group.outlet.iloc[0],
                            "sent_id": sent_id, "start": start, "end": end,
                            "surface": doc.text[start:end], "actor_id": victim,
                            "side": side, "n_surfaces": 0, "head_start": tok.idx})
    return out


def _conjoined_modifiers(hit: pd.DataFrame, group: pd.DataFrame, doc: Doc) -> pd.DataFrame:
    """Mentions of other actors joined by a conjunction to a cast mention's modifier, on
    the same head ("Armenian and Azerbaijani troops were wounded": the role phrase resolves
    to one actor, but both are the troops harmed)."""
    shared = group[group.head_start.isin(hit.head_start) & ~group.actor_id.isin(hit.actor_id)]
    if shared.empty:
        return shared
    firsts = {t.i for t in (_head_token(doc, int(s)) for s in hit.start) if t is not None}
    out = [idx for idx, start in zip(shared.index, shared.start, strict=True)
           if (tok := _head_token(doc, int(start))) is not None
           and firsts & {c.i for c in tok.conjuncts}]
    return group.loc[out]


def structural_roles(mentions: pd.DataFrame, blame: dict[str, pd.DataFrame],
                     docs: dict[str, Doc]) -> pd.DataFrame:
    """Per phrase mention (:func:`framing.portrayal.mentions.phrase_mentions`): the roles
    its sentence structure gives it, as ``role`` (the most frequent; a tie between two
    roles is ``none``), ``role_cue`` (the triggers and cues behind it), ``role_asserted_by``
    (who casts it) and ``n_roles`` (how many structures cast it).

    Every agent and target of a harm event casts (blame's ``roles``: "Blake, who was
    unarmed, was shot as he got into his car" casts Blake, though the event's primary
    victim is "he"). A primary role whose phrase names no actor by dictionary but was
    resolved by coreference ("he shot", "its troops attacked") adds a mention of its own
    (``n_surfaces`` 0): the actor is cast there even though its name is not written; a
    further role only casts a mention the dictionary found, so one event adds one pronoun
    mention at most."""
    spans = _role_spans(blame)
    described = _described_victims(mentions, blame["events"], docs)
    if described:
        mentions = pd.concat([mentions, pd.DataFrame(described)], ignore_index=True)
    found: dict[int, list[tuple[str, str, str]]] = {}
    extra: list[dict] = []
    by_article = {k: g for k, g in mentions.groupby("article_id")}
    empty = mentions.iloc[:0]
    for r in spans.itertuples():
        group = by_article.get(r.article_id, empty)
        hit = group[(group.actor_id == r.actor_id) & (group.start < r.end)
                    & (group.end > r.start)]
        if not len(hit):  # a description in apposition: "Jacob Blake, the black man shot"
            head = span_head(docs[r.article_id], r.start, r.end)
            if head is not None:
                hit = group[(group.actor_id == r.actor_id) & (group.head_start == head.idx)]
            if head is not None and not len(hit):  # named by its possessor: "India's agenda"
                owner = next((c for c in head.children if c.dep_ == "poss"), None)
                if owner is not None:
                    hit = group[(group.actor_id == r.actor_id)
                                & (group.head_start == phrase_head(owner).idx)]
        if len(hit):
            hit = pd.concat([hit, _conjoined_modifiers(hit, group, docs[r.article_id])])
            for idx in dict.fromkeys(hit.index):
                found.setdefault(idx, []).append((r.role, r.cue, r.asserted_by))
            continue
        if not r.primary:
            continue  # a further agent or target casts a name, never a pronoun of its own
        same = [m for m in extra if m["article_id"] == r.article_id and m["start"] == r.start
                and m["actor_id"] == r.actor_id]
        if same:
            same[0]["_found"].append((r.role, r.cue, r.asserted_by))
            continue
        extra.append({"article_id": r.article_id, "outlet": r.outlet, "sent_id": r.sent_id,
                      "start": r.start, "end": r.end, "surface": r.surface,
                      "actor_id": r.actor_id, "side": r.side, "n_surfaces": 0,
                      "head_start": r.start, "_found": [(r.role, r.cue, r.asserted_by)]})
    out = mentions.copy()
    lists = [found.get(i, []) for i in out.index]
    if extra:
        added = pd.DataFrame(extra)
        lists += list(added.pop("_found"))
        out = pd.concat([out, added], ignore_index=True)
    for k, m in enumerate(out.itertuples()):
        head = _head_token(docs[m.article_id], int(m.head_start))
        if head is None:
            continue
        cues = [(head, c) for c in MODIFIER_CUES] + [
            (tok, c) for tok in (head, *_clause_stand_ins(head)) for c in CLAUSE_CUES]
        for tok, (role, find, cue) in cues:
            word = find(tok)
            if word is not None:
                lists[k] = [*lists[k], (role, cue.format(word.text), "")]
    roles, cues, asserted = [], [], []
    for items in lists:
        ranked = Counter(r for r, _, _ in items).most_common()
        role = "none" if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]) \
            else ranked[0][0]
        roles.append(role)
        cues.append("; ".join(dict.fromkeys(c for r, c, _ in items if r == role)) or None)
        asserted.append("; ".join(dict.fromkeys(a for r, _, a in items if r == role and a))
                        or None)
    out["role"] = roles
    out["role_cue"] = cues
    out["role_asserted_by"] = asserted
    out["n_roles"] = [len(items) for items in lists]
    out["role_by"] = ["structure" if r != "none" else "none" for r in roles]
    return out.sort_values(["article_id", "start"]).reset_index(drop=True)


def hero_asserted_by(voice: str, source_actor: str | None) -> str:
    """Who casts a hero: the outlet in its own words, else its source's actor."""
    return OUTLET if voice == OUTLET else (source_actor or "other")
