"""Harm triggers: which tokens start a harm event, of which kind and in which form.

A trigger is the word that most clearly expresses an event, as in ACE / KAIROS event
extraction (Doddington et al. 2004), which is how WikiEvents (Li, Ji & Han 2021), the data
:mod:`framing.evaluate.blame` scores against, annotates them. The lemmas and their event
classes are data (``harm_triggers.tsv``, read by :mod:`framing.blame.lexicons`); this module
holds what a word list cannot say:

- **form**: a harm verb ("troops attacked"), a nominal event ("the attack", "the fighting";
  NomBank, Meyers et al. 2004) or an outcome adjective ("nine people were dead"); a
  base-form "verb" right after a determiner is a noun the tagger got wrong ("the
  Azerbaijani attack");
- **context**: ambiguous words trigger only in a conflict context: "hit", "strike",
  "target" need another harm word or a weapon in the sentence, "fire" must be shooting
  ("opened fire", "mortar fire"), "blow" must be "blow up", "tear" "tear apart" or
  "tear down", "exchange" must be "of fire",
  and "broke the ceasefire" is a violation;
- **arguments**: some verbs harm only with a certain argument (the WordNet / PropBank sense
  distinction read off the object, Palmer, Gildea & Kingsbury 2005): "hurled bricks",
  "stones were thrown" (not "threw his support"), "used tear gas", "responded with tear
  gas", "set fire to", "set cars on fire", "lit fires", "charged at police", "lost his
  life", "held captive";
- **word sense of strike**: a labour strike ("workers' strike", "general strike", "on
  strike", a labour word in the sentence) is no trigger, an air or military strike is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from framing.blame.lexicons import (
    ADJ_TRIGGERS,
    FORCE_NOUNS,
    INSTRUMENT_NOUNS,
    LABOUR_WORDS,
    NOUN_TRIGGERS,
    PROJECTILE_NOUNS,
    VERB_TRIGGERS,
)
from framing.core.phrases import (
    OBJ_DEPS,
    PASS_SUBJ_DEPS,
    SUBJ_DEPS,
    children,
    prep_objects,
)

#: Verbs that harm only by throwing a projectile ("hurled bricks", "stones were thrown").
THROW_VERBS = frozenset({"hurl", "throw", "toss", "lob"})
#: Words of a fire set on purpose ("set fire to", "set cars on fire", "set ablaze").
FIRE_WORDS = frozenset({"fire", "ablaze", "alight", "afire", "aflame", "blaze", "flame"})
#: Modifiers of a military strike ("air strike", "drone strike").
MILITARY_WORDS = frozenset({"air", "missile", "drone", "military", "rocket", "artillery",
                            "precision", "retaliatory", "nuclear", "preemptive",
                            "pre-emptive", "surgical", "naval", "israeli", "russian",
                            "american", "coalition", "deadly", "lethal", "aerial"})
#: Objects of "strike" in its non-harm idioms ("struck a deal", "strike a balance").
STRIKE_IDIOM_OBJECTS = frozenset({"deal", "agreement", "accord", "balance", "tone", "note",
                                  "chord", "pose", "bargain", "compromise", "match",
                                  "nerve", "fear", "gold", "oil"})


def trigger_kind(token: Token) -> tuple[str, str] | None:
    """(kind, form) of a harm trigger, or None. Ambiguous nouns need context."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in NOUN_TRIGGERS and _determined(token):
        return NOUN_TRIGGERS[lemma], "noun"  # "the Azerbaijani attack" tagged as a verb
    if token.pos_ == "VERB":
        if lemma in CONDITIONAL_VERBS:
            return CONDITIONAL_VERBS[lemma](token)
        if lemma == "strike" and (_labour_strike(token) or any(
                c.lemma_.lower() in STRIKE_IDIOM_OBJECTS for c in children(token, OBJ_DEPS))):
            return None
        if lemma in PARTICLE_VERBS and not any(c.lower_ in PARTICLE_VERBS[lemma]
                                               for c in token.children):
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
        if lemma == "strike" and _military_strike(token):
            return NOUN_TRIGGERS[lemma], "noun"
        if lemma == "strike" and _labour_strike(token):
            return None  # "a general strike", "workers went on strike"
        if lemma in ("strike", "wound", "threat", "capture", "execution") and not (
                _conflict_context(token) or children(token, ["poss", "compound", "amod"])):
            return None
        if lemma in NOUN_TRIGGERS:
            return NOUN_TRIGGERS[lemma], "noun"
        return None
    if token.pos_ == "ADJ" and token.lemma_.lower() in ADJ_TRIGGERS:
        return ADJ_TRIGGERS[token.lemma_.lower()], "adj"
    return None


def _arguments(token: Token) -> list[Token]:
    """Objects and passive subjects of a verb, with their conjuncts and compounds
    ("flash bangs, tear gas and rubber bullets", "a Taser was used")."""
    out: list[Token] = []
    for arg in children(token, OBJ_DEPS | PASS_SUBJ_DEPS):
        for tok in (arg, *arg.conjuncts):
            out.append(tok)
            out.extend(children(tok, ["compound"]))
    return out


def _with(nouns: frozenset[str]):
    """A condition: the verb's object or passive subject is one of ``nouns``."""
    def check(token: Token) -> tuple[str, str] | None:
        if any(a.lemma_.lower() in nouns or a.lower_ in nouns for a in _arguments(token)):
            return VERB_TRIGGERS[token.lemma_.lower()], "verb"
        return None
    return check


def _sets_fire(token: Token) -> tuple[str, str] | None:
    """"set fire to X", "set cars on fire", "set buildings ablaze", "lit several fires"."""
    near = [c for c in token.children] + [g for c in token.children for g in c.children
                                          if c.dep_ in ("prep", "dobj", "nsubjpass")]
    if any(t.lemma_.lower() in FIRE_WORDS for t in near):
        return "destroy", "verb"
    return None


def _charges_at(token: Token) -> tuple[str, str] | None:
    """"charged at police" (not "charged with murder")."""
    return ("attack", "verb") if prep_objects(token, ["at", "toward", "towards"]) else None


def _loses_life(token: Token) -> tuple[str, str] | None:
    """"lost his life", "lost their lives"."""
    return ("die", "verb") if any(c.lemma_.lower() == "life" or c.lower_ == "lives"
                                  for c in children(token, OBJ_DEPS)) else None


def _holds_captive(token: Token) -> tuple[str, str] | None:
    """"held captive", "held them hostage"."""
    return ("seize", "verb") if any(c.lemma_.lower() in ("captive", "hostage")
                                    for c in token.children) else None


#: Verbs of a forceful response: an attack when made with weapons or force.
RESPONSE_VERBS = frozenset({"respond", "retaliate"})


def response_means(token: Token) -> list[Token]:
    """What a response is made with, conjuncts included ("responded with flash bangs, tear
    gas and rubber bullets")."""
    return [m for o in prep_objects(token, ["with"]) for m in (o, *o.conjuncts)]


def _responds_with_force(token: Token) -> tuple[str, str] | None:
    """"police responded with tear gas and rubber bullets", "retaliated with force": a
    response made with weapons or force is an attack (not "responded with a statement")."""
    if any(o.lemma_.lower() in FORCE_NOUNS or o.lower_ in FORCE_NOUNS
           for o in response_means(token)):
        return "attack", "verb"
    return None


#: Verbs that harm only with a particle: "blow up" a bridge, a district "torn apart" by
#: rioters, protesters "tore down" a statue (not "tore her dress", "blew the whistle").
PARTICLE_VERBS = {"blow": frozenset({"up"}), "tear": frozenset({"apart", "down"})}

#: Verbs that trigger only with a condition on their arguments (see the module docstring).
CONDITIONAL_VERBS = {
    **dict.fromkeys(THROW_VERBS, _with(PROJECTILE_NOUNS)),
    "use": _with(FORCE_NOUNS),
    **dict.fromkeys(RESPONSE_VERBS, _responds_with_force),
    "set": _sets_fire, "light": _with(frozenset({"fire", "blaze"})),
    "charge": _charges_at, "lose": _loses_life, "hold": _holds_captive,
}


def _labour_strike(token: Token) -> bool:
    """"strike" as a labour strike: a labour word modifies it or is its subject ("workers'
    strike", "general strike", "the union struck"), "on strike", "hunger strike", or a
    labour word elsewhere in the sentence without a military one."""
    near = children(token, ["poss", "compound", "amod", "nmod"] + sorted(SUBJ_DEPS))
    if any(t.lemma_.lower() in LABOUR_WORDS for t in near):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "on":
        return True  # "on strike", "went on strike"
    sent = list(token.sent)
    if any(t.lemma_.lower() in MILITARY_WORDS for t in sent):
        return False
    return any(t.lemma_.lower() in LABOUR_WORDS and t.i != token.i for t in sent)


def _military_strike(token: Token) -> bool:
    """"air strike", "drone strike", "Israeli strikes": a military modifier."""
    return any(c.lemma_.lower() in MILITARY_WORDS or c.ent_type_ in ("NORP", "GPE")
               for c in children(token, ["compound", "amod", "nmod", "poss"]))


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
