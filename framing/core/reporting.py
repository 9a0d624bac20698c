"""The reporting-verb vocabulary: one list of verbs that attribute content to a source.

Every analysis that asks "is this sentence attributed, and with which verb?" reads this one
vocabulary (``reporting_verbs.tsv``), so loaded terms, blame and coverage agree on who said
what. Each verb carries the stance it signals toward the reported content: ``neutral``
(said, told), ``distancing`` (claimed, alleged), ``endorsing`` (confirmed, acknowledged:
factive verbs, Hooper 1975; used for bias detection by Recasens et al. 2013),
``accusatory`` (accused, blamed) and ``denying`` (denied, rejected). Labelling verbs
("called the attack a provocation") are listed beside them.

A reporting verb reports only in its speech sense: :func:`non_reporting_sense` tells
"maintained that ..." (distancing) from "maintain the ceasefire" (keep), "asserting
control" (exert) and "claimed the lives of 500" (caused deaths) by the verb's complement.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Token

from framing.core.wordlists import read_rows

VOCABULARY_FILE = Path(__file__).resolve().parent / "reporting_verbs.tsv"
STANCE_CLASSES = ("neutral", "distancing", "endorsing", "accusatory", "denying")


def read_vocabulary(path: Path = VOCABULARY_FILE) -> dict[str, str]:
    """``{lemma: stance}`` from a TSV with ``lemma`` and ``stance`` columns (``#`` comments);
    a malformed row is an error naming the file and line (:func:`read_rows`)."""
    return {row["lemma"]: row["stance"]
            for row in read_rows(path, {"stance": STANCE_CLASSES})}


#: Reporting verbs by stance class (lemma -> stance).
STANCE: dict[str, str] = read_vocabulary()
#: Every reporting verb (lemmas).
REPORTING_VERBS: frozenset[str] = frozenset(STANCE)
#: Labelling verbs that report only in their labelling frame ("what it termed as X",
#: "branded them terrorists"), not otherwise ("labelled the boxes").
FRAME_ONLY_LABELLING = frozenset({"term", "dub", "label", "brand", "characterize",
                                  "characterise"})
#: Verbs by which a source labels an act or an actor ("called the attack a provocation").
LABELLING_VERBS: frozenset[str] = frozenset({"call", "dub", "describe", "label", "brand",
                                             "term", "characterize", "characterise",
                                             "denounce", "condemn"})
#: Every verb by which a source is cited or labels something: what is not the outlet's
#: own word when it attributes.
ATTRIBUTING_VERBS: frozenset[str] = REPORTING_VERBS | LABELLING_VERBS


#: Verbs that distance only when they take a proposition (the doubt lexicon's speech verbs).
SPEECH_VERBS = frozenset({"claim", "maintain", "assert", "insist", "contend", "allege",
                          "purport", "argue"})
#: Reporting verbs of the vocabulary that report only with a clause or no object: with a
#: thing as object they mean something else ("show restraint", "added troops",
#: "recognise the republic", "established a base").
THING_OBJECT_VERBS = frozenset({"show", "establish", "prove", "recognize", "recognise",
                                "add", "post"})
#: Nouns that stand for a proposition: "maintained his innocence" still distances.
PROPOSITION_NOUNS = frozenset({
    "innocence", "guilt", "position", "stance", "view", "line", "version", "argument",
    "claim", "denial", "assertion", "allegation", "story", "account", "narrative",
    "self-defense", "self-defence", "link", "connection",
})
#: Objects of "claim" in its take / cause / own sense.
TAKE_OBJECTS = frozenset({
    "life", "lives", "victim", "casualty", "death", "responsibility", "credit", "victory",
    "win", "title", "seat", "prize", "medal", "ownership", "sovereignty", "territory",
    "land", "area", "island", "asylum", "compensation", "damage", "benefit", "refund",
    "inheritance", "crown", "throne", "record", "spot", "place", "share", "stake", "right",
})


#: Dependency labels of a clausal complement (the proposition a speech verb reports).
CLAUSAL = frozenset({"ccomp", "xcomp", "csubj", "csubjpass", "parataxis"})


def _object(tok: Token) -> Token | None:
    """The nominal object of a verb (direct, or the passive subject: "lives were claimed")."""
    for child in tok.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass", "attr") and child.pos_ in (
                "NOUN", "PROPN", "PRON", "NUM"):
            return child
    return None


#: Nouns that name a speaker after an inverted reporting verb ("..., added the ministry.").
SPEAKER_NOUNS = frozenset({"ministry", "army", "official", "officials", "spokesman",
                           "spokeswoman", "spokesperson", "police", "government", "source",
                           "sources", "statement", "agency", "service", "command", "office",
                           "military", "navy", "president", "minister", "report", "embassy"})


def _inverted_speaker(verb: Token, obj: Token) -> bool:
    """Whether ``obj`` is the speaker of an inverted reporting verb the parser took for its
    object: the verb follows a comma or closing quote, the "object" names a speaker (a name,
    an organisation or person entity, a speaker noun) and ends the sentence."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text not in (",", "”", '"', "’", "'"):
        return False
    speaker = obj.pos_ == "PROPN" or obj.ent_type_ in ("ORG", "PERSON", "NORP") or \
        obj.lemma_.lower() in SPEAKER_NOUNS
    end = max(t.i for t in obj.subtree) + 1
    rest = [t for t in doc[end:verb.sent.end] if not (t.is_punct or t.is_space)]
    return speaker and not rest


def _has_clause(tok: Token) -> bool:
    """Whether a verb takes a clause ("claimed that ...", "claimed to be")."""
    return any(c.dep_ in CLAUSAL for c in tok.children)


def in_labelling_frame(verb: Token) -> bool:
    """A verb with an "as" phrase or an object predicate ("called the attack a provocation",
    "branded them terrorists": the parser gives an ``oprd`` or a second direct object)."""
    deps = [c.dep_ for c in verb.children]
    return "oprd" in deps or deps.count("dobj") >= 2 or any(
        c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def non_reporting_sense(tok: Token) -> str | None:
    """Why a speech verb is not reporting speech here (a short reason), or None.

    "claim", "maintain", "assert", "insist", "contend", "allege", "purport", "argue" report
    (and distance) only when they take a proposition: a clause ("claimed that", "claimed to
    be", "insisted on"), a proposition noun (:data:`PROPOSITION_NOUNS`: "maintained his
    innocence") or no object at all ("..., as Baku claimed"). With another noun as object
    "maintain" means keep ("maintain the ceasefire regime"), "assert" exert ("asserting
    control"), and "claim" with :data:`TAKE_OBJECTS` takes or causes ("claimed the lives of
    500", "claimed responsibility", "claimed victory"); "claim" with any other object
    ("claimed a link") is still a disputed statement. "show", "establish", "prove",
    "recognise", "add", "post" (:data:`THING_OBJECT_VERBS`) with a thing as object report
    nothing ("show restraint", "added troops"). Word-sense rules over the dependency
    parse, in the spirit of Recasens et al. (2013): framing-bias words are ambiguous out of
    context.
    """
    lemma = tok.lemma_.lower()
    if lemma in FRAME_ONLY_LABELLING and not in_labelling_frame(tok):
        return f"{lemma} without 'as' or a predicate: not labelling"  # "labelled the boxes"
    if lemma not in SPEECH_VERBS | THING_OBJECT_VERBS or tok.pos_ not in ("VERB", "AUX"):
        return None
    if _has_clause(tok) or lemma == "insist" and any(
            c.dep_ == "prep" and c.lower_ == "on" for c in tok.children):
        return None  # "claimed that ...", "insisted on ..." (not "maintain order on Tuesday")
    obj = _object(tok)
    if obj is None:
        return None  # "..., as Baku claimed": still the speech sense
    if _inverted_speaker(tok, obj):
        return None  # "..., added the Army." / "”, claimed the ministry.": the speaker
    head = obj.lemma_.lower()
    if head in PROPOSITION_NOUNS or obj.pos_ == "PRON" and obj.lower_ in ("this", "that",
                                                                          "it", "so"):
        return None
    if lemma == "claim":
        words = {head, obj.lower_}
        if words & TAKE_OBJECTS:
            return f"claim + {obj.lower_}: takes or causes, not a disputed statement"
        return None  # "claimed a link", "claimed fraud": a proposition
    if lemma in ("maintain", "assert"):
        sense = "keep" if lemma == "maintain" else "exert"
        return f"{lemma} + {obj.lower_}: {sense}, not a distancing speech verb"
    if lemma in THING_OBJECT_VERBS:
        return f"{lemma} + {obj.lower_}: not a report of speech"
    return None


#: Verbs that, with a mandative subjunctive clause, propose rather than doubt.
PROPOSAL_VERBS = frozenset({"suggest"})


def stance_of(verb: Token) -> str:
    """The stance class of a reporting verb in its context (:data:`STANCE`, ``neutral`` for
    a verb outside the vocabulary). "suggest" with a mandative subjunctive clause ("suggested
    that China and India strengthen communication": the clause's verb in its base form) is
    a proposal, not a hedge: ``neutral`` (Quirk et al. 1985, §16.32). The subjunctive is
    the base form, or a present form after a past-tense "suggested" (where the sequence of
    tenses would have put a past form: "suggested that both sides strengthen")."""
    lemma = verb.lemma_.lower()
    stance = STANCE.get(lemma, "neutral")
    if lemma in PROPOSAL_VERBS and any(
            c.dep_ == "ccomp" and (c.tag_ == "VB" or c.tag_ == "VBP" and verb.tag_ == "VBD")
            and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
            for c in verb.children):
        return "neutral"
    return stance


#: Verbs whose "that"-clause is a result or a meaning, not a view held by the subject.
NOT_PROPOSITION = frozenset({"ensure", "make", "mean", "require", "cause", "see", "be",
                             "have", "do", "get", "seem", "appear", "order", "arrange",
                             "provide", "stipulate", "imply", "guarantee", "so"})


def is_that_clause_verb(verb: Token) -> bool:
    """A verb outside the reporting vocabulary that reports its subject's speech or
    thought by its frame: a finite clausal complement opened by "that" and a subject
    that can hold a view (a name, a noun, a personal pronoun; not "it" / "this": "He
    pointed out that ...", "The EU expects that ...", "Beijing reiterated that ...").
    Verbs whose "that"-clause is a result, not a proposition (:data:`NOT_PROPOSITION`:
    "ensured that", "means that") are left out."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in NOT_PROPOSITION:
        return False
    if not any(c.dep_ == "ccomp" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ in ("PROPN", "NOUN") or subj.lower_ in (
        "he", "she", "they", "we", "i")) and subj.lower_ not in ("it", "this", "that")
