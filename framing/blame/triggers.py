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
  ("opened fire", "mortar fire"), "blow" must be "blow up", "exchange" must be "of fire",
  and "broke the ceasefire" is a violation.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from framing.blame.lexicons import ADJ_TRIGGERS, INSTRUMENT_NOUNS, NOUN_TRIGGERS, VERB_TRIGGERS
from framing.core.phrases import OBJ_DEPS, PASS_SUBJ_DEPS, children, prep_objects


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
