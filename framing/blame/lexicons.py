"""The blame analysis' vocabularies, read from the tab-separated files beside this module.

Which words start a harm event, which words cue the role an argument plays and which words
make a statement of blame are data, not code, so that they can be read, checked and extended
without touching the rules that use them:

- ``harm_triggers.tsv`` (``lemma``, ``form``, ``kind``): harm verbs, nominal events and
  outcome adjectives by event class (:mod:`framing.blame.triggers`); the nominal events
  follow NomBank's treatment of event nouns (Meyers et al. 2004).
- ``role_cues.tsv`` (``lemma``, ``cue``): light verbs (Grimshaw & Mester 1988), experiencer,
  responsibility and cause verbs, event containers, instrument nouns and nominal events
  whose "of"-complement is the patient (:mod:`framing.blame.events`).
- ``blame_cues.tsv`` (``lemma``, ``statement``): blame, accusation, condemnation and denial
  verbs and the label nouns of labelling statements (:mod:`framing.blame.statements`).

Each file starts with comment lines (``#``) saying what every column means, then a header
row. A malformed row is an error that names the file and line, never a silently skipped
word. Rows are read in file order, so every mapping keeps the order its file lists.
"""

from __future__ import annotations

from pathlib import Path

from framing.core.wordlists import read_rows

LEXICON_DIR = Path(__file__).resolve().parent
HARM_TRIGGERS_FILE = LEXICON_DIR / "harm_triggers.tsv"
ROLE_CUES_FILE = LEXICON_DIR / "role_cues.tsv"
BLAME_CUES_FILE = LEXICON_DIR / "blame_cues.tsv"

TRIGGER_FORMS = ("verb", "noun", "adj")
EVENT_KINDS = ("attack", "kill", "injure", "die", "explode", "destroy", "seize", "violate",
               "threaten", "kidnap", "clash")
ROLE_CUES = ("light_verb", "experiencer_verb", "responsibility_verb", "cause_verb",
             "event_container", "instrument_noun", "of_patient_noun", "projectile_noun",
             "force_noun", "labour_word")
STATEMENTS = ("blame", "accusation", "condemnation", "denial", "label", "claim", "reciprocal")

def _unique(path: Path, rows: list[dict[str, str]], key: str) -> dict[str, str]:
    """``{lemma: row[key]}``, refusing a lemma listed twice with different values."""
    out: dict[str, str] = {}
    for row in rows:
        lemma = row["lemma"]
        if lemma in out:
            raise ValueError(f"{path}: {lemma!r} is listed as {out[lemma]} and {row[key]}")
        out[lemma] = row[key]
    return out


def _by(rows: list[dict[str, str]], column: str, value: str) -> list[dict[str, str]]:
    return [r for r in rows if r[column] == value]


_TRIGGER_ROWS = list(read_rows(HARM_TRIGGERS_FILE, {"form": TRIGGER_FORMS, "kind": EVENT_KINDS}))
_CUE_ROWS = list(read_rows(ROLE_CUES_FILE, {"cue": ROLE_CUES}))
_BLAME_ROWS = list(read_rows(BLAME_CUES_FILE, {"statement": STATEMENTS}))


def _triggers(form: str) -> dict[str, str]:
    return _unique(HARM_TRIGGERS_FILE, _by(_TRIGGER_ROWS, "form", form), "kind")


def _cue(cue: str) -> frozenset[str]:
    return frozenset(r["lemma"] for r in _by(_CUE_ROWS, "cue", cue))


# --- harm triggers (lemma -> kind) ---------------------------------------------------------

#: Harm verbs by kind. Transitive kinds take agent = subject, target = object.
VERB_TRIGGERS: dict[str, str] = _triggers("verb")
#: Nominal events by kind.
NOUN_TRIGGERS: dict[str, str] = _triggers("noun")
#: Adjectives that name an outcome ("nine people were dead", "shot dead").
ADJ_TRIGGERS: dict[str, str] = _triggers("adj")

# --- role cues -----------------------------------------------------------------------------

#: Verbs whose subject is the agent of the nominal event they govern (light / support verbs).
LIGHT_VERBS = _cue("light_verb")
#: Verbs whose subject *suffers* the nominal event ("sustained gunshot wounds").
EXPERIENCER_VERBS = _cue("experiencer_verb")
#: "X claimed / accepted responsibility for the bombing": X is the agent.
RESPONSIBILITY_VERBS = _cue("responsibility_verb")
#: Verbs whose subject (an event or weapon) causes harm to their object.
CAUSE_VERBS = _cue("cause_verb")
#: Nouns that package several events: "a series of attacks" (the light verb governs them).
EVENT_CONTAINERS = _cue("event_container")
#: Heads of noun phrases that denote weapons or events, never agents.
INSTRUMENT_NOUNS = _cue("instrument_noun")
#: Nominal events whose "of"-complement is the patient ("the killing of seven demonstrators").
OF_PATIENT_NOUNS = _cue("of_patient_noun")
#: What is thrown in an attack: a throwing verb with one as object is a harm trigger.
PROJECTILE_NOUNS = _cue("projectile_noun")
#: What is used against people: "use" with one as object is a harm trigger.
FORCE_NOUNS = _cue("force_noun")
#: Words that make "strike" a labour strike ("workers' strike", "general strike").
LABOUR_WORDS = _cue("labour_word")

# --- blame statements ----------------------------------------------------------------------

_BLAME_CUES = _unique(BLAME_CUES_FILE, _BLAME_ROWS, "statement")
#: Blame verbs (lemma → statement type). "hold" and "assign" need their complement.
BLAME_VERBS: dict[str, str] = {lemma: statement for lemma, statement in _BLAME_CUES.items()
                               if statement not in ("denial", "label", "claim", "reciprocal")}
#: Verbs by which the accused rejects blame.
DENIAL_VERBS = frozenset(lemma for lemma, st in _BLAME_CUES.items() if st == "denial")
#: Nouns that cast an act as wrongdoing when used as a label.
BLAME_LABELS = frozenset(lemma for lemma, st in _BLAME_CUES.items() if st == "label")
#: Nouns naming a charge ("the accusations"): what a denial verb other than "deny" must
#: reject to deny blame ("rejected the claims", not "rejected the results"), and what
#: "traded" / "exchanged" trades in a reciprocal statement (a blame verb used as a noun,
#: "the blame", "the charges", counts too).
CLAIM_NOUNS = frozenset(lemma for lemma, st in _BLAME_CUES.items() if st == "claim")
#: Verbs of a reciprocal statement with a claim noun: "X and Y traded accusations".
RECIPROCAL_VERBS = frozenset(lemma for lemma, st in _BLAME_CUES.items() if st == "reciprocal")
