"""Word senses that are not charged: rules over the dependency parse.

A lexicon or a learned detector sees a word; whether it is loaded depends on its sense
(Recasens et al. 2013 note that most framing-bias words are ambiguous out of context). A
hit whose sense here is a plain one is dropped, whichever detector found it
(:func:`plain_sense` says why). The rules read syntax, not a list of sentences:

- **Speech verbs with a thing as object** (the doubt lexicon's distancing verbs): "claim",
  "maintain", "assert", "insist", "contend" distance the writer from a *proposition* — a
  clause ("claimed that", "claimed to be") or a proposition noun ("maintained his
  innocence"). With another noun as object the verb means keep ("maintain the ceasefire"),
  exert ("asserting control") or take / cause ("claimed the lives of 500", "claimed
  responsibility", "claimed victory").
- **"claim" as a noun** is the disputed-assertion sense only with content or a speaker: a
  clause ("claims that"), an "of" object ("claims of shelling"), a possessor or "by"
  ("Baku's claims", "claims by Baku"), or as what is denied, rejected or disputed.
  Modified as a right or a demand ("territorial claims", "claims to the area") it is not
  distancing, nor is a bare claim with none of these ("free of intrusions and claims");
  an evaluative modifier ("false claims") keeps the assertion sense.
- **Reporting verbs in the valence lexicons**: VADER and AFINN score "rejected", "denied",
  "charged" by their everyday affect; used as reporting verbs (with an object, a clause or
  "with / for / of": not "charged at police", not the adjective "racially charged"; verbs
  of :data:`framing.core.reporting.STANCE`) they report a position ("rejected the
  results", "charged with shooting"), and their stance is read from the reporting
  vocabulary by the voice layer, not as the outlet's emotion.
- **"regime" as an arrangement** ("ceasefire regime", "sanctions regime", "visa regime",
  "the regime of silence"), not a government framed as illegitimate.
- **A labour "strike"** ("general strike", "workers went on strike", "a hunger strike"),
  not a military strike.
- **Equipment and units**: "riot gear", "riot police", "fire chief" name a thing or an
  office, not a riot or an arson (:data:`CLASS_COMPOUNDS`).
- **Legal terms of art** ("criminal case", "Criminal Code", "innocent passage") and
  **hyphen compounds** whose first part changes the word ("de-escalate",
  "life-threatening").

Used by :mod:`framing.terms.detect`; tested on invented sentences in ``tests/terms``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from framing.core.reporting import (
    CLAUSAL,
    PROPOSAL_VERBS,
    STANCE,
    non_reporting_sense,
    stance_of,
)

#: Modifiers that make "claim" a right or demand ("territorial claims").
CLAIM_RIGHT_MODIFIERS = frozenset({
    "territorial", "land", "maritime", "border", "sovereignty", "ownership", "property",
    "insurance", "compensation", "benefit", "pension", "wage", "damage", "damages",
    "rival", "competing", "overlapping", "historical", "historic", "legal", "tax",
    "asylum", "unemployment", "disability", "injury", "wrongful",
})
#: Verbs whose object "claim" is a disputed assertion ("rejected the claims").
CLAIM_DISCOURSE_VERBS = frozenset({
    "deny", "reject", "dismiss", "dispute", "refute", "rebut", "make", "repeat", "back",
    "support", "confirm", "verify", "investigate", "question", "counter", "contest",
    "challenge", "doubt", "debunk", "echo", "spread", "amplify", "publish", "report",
})
#: Modifiers that make "regime" an arrangement ("ceasefire regime").
REGIME_ARRANGEMENTS = frozenset({
    "ceasefire", "cease-fire", "truce", "armistice", "silence", "sanction", "sanctions",
    "visa", "tax", "trade", "customs", "control", "export", "import", "tariff", "currency",
    "exchange", "inspection", "verification", "monitoring", "nonproliferation",
    "non-proliferation", "proliferation", "arms", "treaty", "regulatory", "legal",
    "quarantine", "lockdown", "curfew", "emergency", "operating", "transit", "passage",
    "navigation", "border", "licensing", "permit", "investment", "pension", "climate",
    "safety", "security", "access", "entry", "fire", "firing",
})
#: Modifiers and verbs of a labour strike.
STRIKE_MODIFIERS = frozenset({
    "general", "hunger", "labour", "labor", "worker", "workers", "teacher", "teachers",
    "nurse", "nurses", "union", "national", "nationwide", "rail", "transport", "wildcat",
    "sit-down", "sympathy", "student", "students", "doctor", "doctors", "miner", "miners",
    "one-day", "indefinite", "warning", "pay",
})
STRIKE_VERBS = frozenset({"call", "stage", "hold", "end", "join", "announce", "threaten",
                          "organise", "organize", "break", "continue"})
STRIKE_NOUNS = frozenset({"strike", "walkout"})
#: Legal terms of art: "criminal case", "Criminal Code", "innocent passage".
LEGAL_NOUNS = frozenset({"case", "code", "investigation", "charge", "proceeding",
                         "proceedings", "court", "law", "justice", "record", "liability",
                         "probe", "complaint", "prosecution", "inquiry", "procedure",
                         "division", "lawyer", "defense", "defence"})
LEGAL_TERMS = frozenset({("innocent", "passage")})
#: Hyphen prefixes that reverse or change the word after them ("de-escalate"), and fixed
#: compounds ("life-threatening" injuries).
HYPHEN_REVERSING = frozenset({"de"})
HYPHEN_PLAIN = frozenset({("life", "threatening")})
#: Prepositions of a reporting verb's complement ("charged with", "blamed for") and of
#: motion ("charged at", "charged into"), which is no reporting use.
REPORTING_PREPS = frozenset({"with", "for", "of", "over"})
MOTION_PREPS = frozenset({"at", "into", "toward", "towards", "through", "across"})
def _claim_noun_sense(tok: Token) -> str | None:
    if tok.lemma_.lower() != "claim" or tok.pos_ != "NOUN":
        return None
    kids = list(tok.children)
    if any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in
           CLAIM_RIGHT_MODIFIERS for c in kids):
        return "claim as a right or demand (territorial, legal), not a disputed statement"
    if any(c.dep_ == "prep" and c.lower_ in ("to", "over", "on") for c in kids):
        return "claim to / over something: a right, not a disputed statement"
    if tok.dep_ == "ROOT" or any(c.dep_ in ("nsubj", "ccomp") for c in kids):
        return None  # "the media claims Buttigieg ...": the verb, mis-tagged as a noun
    if any(c.dep_ == "amod" for c in kids):
        return None  # "false claims", "extremist claims": judged as assertions
    content = any(c.dep_ in ("acl", "ccomp", "relcl", "appos") for c in kids)
    of_or_by = any(c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by", "from", "about")
                   for c in kids)
    speaker = any(c.dep_ == "poss" for c in kids)
    head = tok
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    discourse = head.dep_ in ("dobj", "obj", "nsubjpass", "pobj") and \
        head.head.lemma_.lower() in CLAIM_DISCOURSE_VERBS
    if content or of_or_by or speaker or discourse:
        return None
    return "claim without content or speaker: a right or demand, not a disputed statement"


def _regime_sense(tok: Token) -> str | None:
    if tok.lemma_.lower() != "regime":
        return None
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in REGIME_ARRANGEMENTS:
            return f"{c.lower_} regime: an arrangement, not a government framed as illegitimate"
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and p.lower_ in REGIME_ARRANGEMENTS:
                    return f"regime of {p.lower_}: an arrangement, not a government"
    return None


def _strike_sense(tok: Token) -> str | None:
    if tok.lemma_.lower() not in STRIKE_NOUNS or tok.pos_ != "NOUN":
        return None
    if any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.lower_ in STRIKE_MODIFIERS
           for c in tok.children):
        return "a labour strike, not a military one"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in (
            "go", "be", "remain", "stay", "walk"):
        return "on strike: a labour strike"
    if tok.dep_ == "dobj" and head.lemma_.lower() in STRIKE_VERBS and not any(
            c.dep_ in ("prep",) and c.lower_ in ("on", "against") for c in tok.children):
        return "a strike called or staged: a labour strike"
    return None


def _legal_sense(tok: Token) -> str | None:
    low = tok.lower_
    head = tok.head if tok.dep_ in ("amod", "compound") else None
    if head is not None and (low, head.lemma_.lower()) in LEGAL_TERMS or \
            head is not None and low == "criminal" and head.lemma_.lower() in LEGAL_NOUNS:
        return f"{low} {head.lower_}: a legal term, not a charged label"
    return None


def _hyphen_sense(tok: Token) -> str | None:
    """"de-escalate" (the opposite), "life-threatening" (medical): the word after a hyphen
    whose first part changes its sense."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        first = doc[tok.i - 2].lower_
        if not doc[tok.i - 2].whitespace_ and (first in HYPHEN_REVERSING or (
                first, tok.lower_) in HYPHEN_PLAIN):
            return f"{first}-{tok.lower_}: the compound's sense, not the word's"
    return None


def _valence_reporting_sense(tok: Token, lexicon: str | None) -> str | None:
    if lexicon not in ("vader", "afinn"):
        return None
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in STANCE or tok.dep_ in (
            "amod", "acomp", "compound"):
        return None  # "a racially charged shooting": the adjective keeps its affect
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if preps & MOTION_PREPS:
        return None  # "charged at police": an assault, not a reporting verb
    if preps & REPORTING_PREPS or any(c.dep_ in ("dobj", "obj", "nsubjpass", *CLAUSAL)
                                      for c in tok.children):
        return (f"{tok.lemma_.lower()}: a reporting verb ({STANCE[tok.lemma_.lower()]}), "
                "its valence is the source's position")
    return None


def _proposal_sense(tok: Token) -> str | None:
    """"suggested that X strengthen ...": a proposal (mandative subjunctive), no hedge."""
    if tok.lemma_.lower() in PROPOSAL_VERBS and stance_of(tok) != STANCE[tok.lemma_.lower()]:
        return f"{tok.lemma_.lower()} + subjunctive clause: proposes, not a hedge"
    return None


def plain_sense(tok: Token, lexicon: str | None = None) -> str | None:
    """Why ``tok``'s sense here is not loaded (a short reason), or None when it may be.

    ``lexicon`` is the lexicon that found the word ("vader", "afinn", "doubt", ...; None for
    the learned detector): the reporting-verb rule applies to the valence lexicons only.
    """
    for rule in (non_reporting_sense, _claim_noun_sense, _regime_sense, _strike_sense,
                 _legal_sense, _hyphen_sense, _proposal_sense, _heavy_class_sense,
                 _class_compound_sense, _name_part_sense):
        why = rule(tok)
        if why:
            return why
    return _valence_reporting_sense(tok, lexicon)


#: Nouns that "heavy" classifies rather than intensifies ("heavy weapons": a weapon class).
HEAVY_CLASSES = frozenset({"weapon", "weaponry", "artillery", "arm", "armour", "armor",
                           "equipment", "gun", "machinegun", "machine", "vehicle", "armament",
                           "mortar", "tank", "calibre", "caliber"})


def _heavy_class_sense(tok: Token) -> str | None:
    """"heavy weapons", "heavy artillery": a class of weapon, not an intensifier."""
    if tok.lower_ == "heavy" and tok.dep_ == "amod" and tok.head.lemma_.lower() in HEAVY_CLASSES:
        return f"heavy {tok.head.lower_}: a class of weapon, not an intensifier"
    return None


#: Charged words that, as the modifier of these nouns, name equipment, a unit or an office
#: ("riot gear", "riot police", "fire chief"), not the event itself.
CLASS_COMPOUNDS = {
    "riot": frozenset({"gear", "police", "shield", "squad", "helmet", "control", "van",
                       "unit", "officer", "act", "equipment", "vehicle", "baton"}),
    "fire": frozenset({"chief", "department", "fighter", "truck", "engine", "station",
                       "crew", "brigade", "service", "hydrant", "alarm", "marshal", "captain"}),
}


def _class_compound_sense(tok: Token) -> str | None:
    """"riot gear", "riot police": equipment or a unit, not a riot named."""
    heads = CLASS_COMPOUNDS.get(tok.lower_)
    if heads and tok.dep_ in ("compound", "amod", "nmod") and tok.head.lemma_.lower() in heads:
        return f"{tok.lower_} {tok.head.lower_}: names equipment or a unit, not the event"
    return None


#: Named-entity types whose words are a name's, not the writer's choice.
NAME_TYPES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "WORK_OF_ART",
                        "PERSON", "PRODUCT"})


def _name_part_sense(tok: Token) -> str | None:
    """"People's Liberation Army", "Freedom Party": a capitalised word inside a name of two
    or more words is part of the name, which the outlet does not choose."""
    if tok.ent_type_ not in NAME_TYPES or not tok.text[:1].isupper():
        return None
    doc = tok.doc
    inside = tok.ent_iob_ == "I" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")
    if not inside:
        return None
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    return f"part of the name “{ent.text}”" if ent is not None else "part of a name"


def _so_called_name_sense(span: Span) -> str | None:
    """"the so-called Minsk Group": "so-called" introducing a proper name says what a body
    is called, it does not doubt it (against "the so-called peace plan", a scare use)."""
    if span.text.lower().replace("‐", "-") != "so-called" or span.end >= len(span.doc):
        return None
    nxt = span.doc[span.end]
    name = nxt.pos_ == "PROPN" or nxt.text[:1].isupper() and nxt.ent_type_ in ("ORG", "GPE",
                                                                              "NORP", "FAC")
    return f"so-called {nxt.text}: introduces a name" if name else None


def span_plain_sense(span: Span | None, lexicon: str | None = None) -> str | None:
    """:func:`plain_sense` of a one-word span (multi-word expressions keep their sense,
    except "so-called" before a name)."""
    if span is not None and (why := _so_called_name_sense(span)):
        return why
    words = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
    if len(words) != 1:
        return None
    return plain_sense(words[0], lexicon)
