"""Blame, denial and labelling statements: who blames whom, for what, and who denies.

One sentence at a time, a statement is found at its cue verb and split into the **accuser**
(the verb's source), the **accused** and the **offence**:

- blame and accusation: "X blamed Y for Z", "X accused Y of Z", "X held Y responsible for
  Z", "X blamed Z on Y", "X assigned blame to Y"; negated blame ("did not assign blame")
  is its own statement, ``no_blame``;
- condemnation: "X condemned Y", and "X condemned the attack", whose accused are the
  attack's agents (:mod:`framing.blame.events`);
- labelling: "X called the Azerbaijani attack a provocation": an event, then a label
  noun, in the labelling verb's clause;
- denial: "Y denied the accusations": the denier is the accused; a denial verb other than
  "deny" must reject a charge ("rejected the claims", not "rejected the results");
- reciprocal statements: "X and Y accused each other", "X and Y traded accusations" give
  one statement per direction (X → Y and Y → X).

Each clause has its own accuser: a conjoined verb whose subject the parser attached to the
previous clause ("X blamed Y for the blast and Y blamed X") takes the noun just before it,
and a relative clause's "that" is its noun ("the accusations that blamed X": the
accusations).

This is a targeted form of the semi-structured statements (entity, cue, fragment) of
Diakopoulos, Zhang & Salway 2013, as in textacy's ``semistructured_statements``: the cues
are blame, denial and labelling verbs, and the fragment is split into accused and offence.
The cue verbs and label nouns are data (``blame_cues.tsv``, read by
:mod:`framing.blame.lexicons`); the labelling verbs are the shared vocabulary of
:mod:`framing.core.reporting`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from framing.blame.events import Role, event_roles
from framing.blame.lexicons import (
    BLAME_LABELS,
    BLAME_VERBS,
    CLAIM_NOUNS,
    DENIAL_VERBS,
    NOUN_TRIGGERS,
    RECIPROCAL_VERBS,
)
from framing.blame.triggers import trigger_kind
from framing.core.attribution import speaker_of
from framing.core.phrases import is_negated, prep_objects
from framing.core.reporting import LABELLING_VERBS as LABEL_VERBS


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


def _is_claim(tok: Token | None) -> bool:
    """A noun naming a charge: "the accusations", "the claims", "the blame"."""
    return tok is not None and (tok.lemma_.lower() in CLAIM_NOUNS
                                or tok.lemma_.lower() in BLAME_VERBS)


def _accuser(verb: Token) -> Token | None:
    """The verb's source, per clause: a relative clause's "that" / "which" is the noun it
    modifies ("the accusations that blamed X"); a conjoined verb without a subject of its
    own takes the noun just before it when the parser hung that noun on the previous
    clause ("X blamed Y for the blast and Y blamed X")."""
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj")
                                       for c in verb.children) and verb.i > 0:
        prev = verb.doc[verb.i - 1]
        if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ == "conj" and prev.head != verb \
                and prev.head.pos_ in ("PROPN", "NOUN") and verb.i - 2 >= 0 \
                and any(t.dep_ == "cc" for t in prev.head.children):
            return prev
    accuser = speaker_of(verb)
    if accuser is not None and verb.dep_ == "relcl" and accuser.tag_ in ("WDT", "WP") \
            and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return accuser


def _parties(tok: Token) -> list[Token]:
    """A subject and its conjuncts ("Russia and Ukraine" → Russia, Ukraine)."""
    return [tok, *tok.conjuncts]


def _is_reciprocal(obj: Token | None) -> bool:
    """ "each other", "one another", "the other" (with "each" as the subject)."""
    if obj is None:
        return False
    low = obj.lower_
    if low == "another":
        return any(c.lower_ == "one" for c in obj.children) or (
            obj.i > 0 and obj.doc[obj.i - 1].lower_ == "one")
    return low == "other" and (any(c.lower_ in ("each", "the") for c in obj.children)
                               or (obj.i > 0 and obj.doc[obj.i - 1].lower_ == "each"))


def _reciprocal(st: dict) -> list[dict]:
    """One statement per direction between the accuser's conjuncts (none when the accuser
    is a single word such as "each": the parties are not named)."""
    accuser = st["accuser"]
    parties = _parties(accuser) if accuser is not None else []
    if len(parties) < 2:
        return [{**st, "accuser": accuser, "accused": []}]
    return [{**st, "accuser": a, "accused": [b]} for a in parties for b in parties if a != b]


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
        if lemma in RECIPROCAL_VERBS:
            # "X and Y traded accusations": X blames Y and Y blames X
            obj = _obj(verb, ("dobj",))
            if _is_claim(obj):
                out.extend(_reciprocal({
                    "statement": "accusation", "cue": verb, "negated": is_negated(verb),
                    "accuser": _accuser(verb), "accused": [],
                    "offence": _complement(verb, ("over", "for", "about"))
                    or _complement(obj, ("over", "for", "about"))}))
            continue
        if lemma not in BLAME_VERBS and lemma not in LABEL_VERBS and lemma not in DENIAL_VERBS:
            continue
        accuser = _accuser(verb)
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
                # "held X responsible" (the parser may make "responsible" X's modifier)
                comp = next((c for c in [*verb.children, *(obj.children if obj is not None
                                                           else [])]
                             if c.lemma_ in ("responsible", "accountable", "liable",
                                             "culpable")), None)
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
                    NOUN_TRIGGERS) and statement == "condemnation":
                offence = obj  # "condemned the attack": the accused are its agents
                accused = [r.head for r in _accused_of_event(obj)]
            else:
                if obj is not None:
                    accused = [obj]
                offence = _complement(verb, ("for", "of", "with"))
                # "accused X of ...": the parser may hang "of ..." on the object, or split
                # the object into two ("Azerbaijani" + "forces", both dobj)
                objs = [c for c in verb.children if c.dep_ == "dobj"] if not passive else []
                for o in ([obj] if obj is not None else []) + objs:
                    if offence is None:
                        offence = _complement(o, ("for", "of", "with"))
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
            if lemma != "deny" and not (_is_claim(offence) or (
                    offence is not None and offence.dep_ == "ccomp")):
                continue  # "rejected the results": no charge rejected
            accused = [accuser] if accuser is not None else []
            accuser = None
        if statement is None:
            continue
        if statement == "blame" and lemma == "assign" and negated:
            statement = "no_blame"
        st = {"statement": statement, "cue": verb, "negated": negated,
              "accuser": accuser, "accused": accused, "offence": offence}
        if statement in ("blame", "accusation", "condemnation") and len(accused) == 1 \
                and _is_reciprocal(accused[0]):
            out.extend(_reciprocal(st))  # "X and Y accused each other"
        else:
            out.append(st)
    return out
