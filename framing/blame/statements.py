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
- reciprocal statements: "X and Y accused each other" (or "one another"), "X and Y traded
  accusations" give one statement per direction (X → Y and Y → X); "with each accusing the
  other" takes the group the clause above names, and unnamed parties are marked
  ``reciprocal`` for the rows to name (:class:`framing.blame.rows.Parties`);
- coordinated parties: "X and Y condemned Z" gives X → Z and Y → Z; "blamed X and Y"
  accuses both; "X and Y denied" is two denials;
- a source's charge without a cue verb: an evaluative label noun with a named agent
  ("countermeasures against 'provocations' from the other side", "a provocation on the
  part of X") is an accusation, and "X was responsible for ..." a blame, by the source whose
  voice it is in (``needs_source``: the rows drop it in the outlet's own voice);
- "accused X of V-ing": X is the accused, and :func:`offence_agent` gives X as the agent of
  V for the harm events.

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

from framing.blame.events import Role, event_roles, hands_agents
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
from framing.core.phrases import antecedent, is_negated, prep_objects
from framing.core.reporting import LABELLING_VERBS as LABEL_VERBS

#: Evaluative label nouns that, with an agent named in a source's voice, make that source's
#: accusation ("countermeasures against provocations from the other side", "a provocation on
#: the part of X"); the descriptive "attack", "act", "breach" and "violation" are events,
#: not charges, and are left to the harm events' ``asserted_by``.
ACCUSING_LABELS = frozenset(BLAME_LABELS) - {"attack", "act", "breach", "violation"}
#: Predicative adjectives of blame: "X was responsible for the clashes".
RESPONSIBLE = ("responsible", "accountable", "liable", "culpable")
#: Dependents of a cue verb that start a clause of their own (not its arguments).
_CLAUSE_DEPS = ("conj", "cc", "advcl", "parataxis", "punct", "nsubj", "csubj", "mark")
_CUES = frozenset(BLAME_VERBS) | frozenset(DENIAL_VERBS) | frozenset(RECIPROCAL_VERBS) | (
    frozenset(LABEL_VERBS))


def cue_lemma(tok: Token) -> str:
    """The cue lemma of a verb, repairing lemmatiser misses on inflected cue verbs
    ("lambastes" → "lambast"): the first of the word's plain-suffix stems that is a cue."""
    lemma = tok.lemma_.lower()
    if lemma in _CUES:
        return lemma
    low = tok.lower_
    stems = [low]
    for suffix, repl in (("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[:-len(suffix)] + repl
            stems.append(stem)
            if suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "slammed" → "slam"
    return next((st for st in stems if st in _CUES), lemma)


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
    own (or a finite verb the parser made a modifier of the noun before it) takes the noun
    just before it when the parser hung that noun on the previous clause ("X blamed Y for
    the blast and Y blamed X")."""
    clause = verb.dep_ == "conj" or (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ",
                                                                           "VBP"))
    if clause and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj")
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
    if low == "one" and any(c.lower_ == "another" for c in obj.children):
        return True
    if low == "another":
        return any(c.lower_ == "one" for c in obj.children) or (
            obj.i > 0 and obj.doc[obj.i - 1].lower_ == "one")
    return low == "other" and (any(c.lower_ in ("each", "the") for c in obj.children)
                               or (obj.i > 0 and obj.doc[obj.i - 1].lower_ == "each"))


def _distributive_antecedent(tok: Token) -> Token:
    """The group a distributive "each" / "both" subject stands for: the subject of the
    nearest clause above it ("The two countries are in a standoff, with each accusing the
    other" → countries); ``tok`` itself when there is none."""
    if tok.lower_ not in ("each", "both"):
        return tok
    path = {tok.i}
    anc = tok.head
    for _ in range(8):
        path.add(anc.i)
        subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")
                     and c.i not in path and c.pos_ in ("NOUN", "PROPN")), None)
        if subj is not None:
            return subj
        if anc.head == anc:
            break
        anc = anc.head
    return tok


def _reciprocal(st: dict) -> list[dict]:
    """One statement per direction between the accuser's conjuncts; when the parties are
    not named ("each", "the two sides"), one statement with no accused, marked
    ``reciprocal`` so that the rows can name the article's two main parties."""
    accuser = st["accuser"]
    if accuser is not None:
        accuser = _distributive_antecedent(accuser)
    parties = _parties(accuser) if accuser is not None else []
    if len(parties) < 2:
        return [{**st, "accuser": accuser, "accused": [], "reciprocal": True}]
    return [{**st, "accuser": a, "accused": [b]} for a in parties for b in parties if a != b]


def _coordinated(st: dict) -> list[dict]:
    """One statement per coordinated accuser ("X and Y condemned Z" → X → Z, Y → Z): only
    for an accuser that heads its coordination as the verb's subject or "by" agent."""
    accuser = st["accuser"]
    if accuser is None or accuser.dep_ not in ("nsubj", "nsubjpass", "pobj") or not any(
            c.dep_ == "conj" for c in accuser.children):
        return [st]
    parties = [p for p in _parties(accuser) if p.pos_ in ("NOUN", "PROPN")]
    return [{**st, "accuser": p} for p in parties] if len(parties) > 1 else [st]


def _with_conjuncts(toks: list[Token]) -> list[Token]:
    """Accused nouns with their conjuncts ("blamed X and Y for ..." → X, Y)."""
    out: list[Token] = []
    for t in toks:
        out.extend([t, *(c for c in t.conjuncts if c.i > t.i and c.pos_ == t.pos_
                         and t.pos_ in ("NOUN", "PROPN"))] if t is not None else [t])
    return list(dict.fromkeys(out))


def _label_agents(noun: Token) -> list[Token]:
    """Who a label noun charges: the agents of the event it names, else its "by" / "from"
    object ("provocations from the other side"), "on the part of X", its possessor or a
    national adjective ("Ruritanian aggression")."""
    agents = [r.head for r in _accused_of_event(noun)]
    if agents:
        return agents
    agents = prep_objects(noun, ["by", "from"])
    nxt = noun.i + 1
    while nxt < len(noun.doc) and noun.doc[nxt].is_punct:
        nxt += 1  # a closing quote mark: '"provocations" from X'
    if not agents and nxt < len(noun.doc) and noun.doc[nxt].lower_ in ("by", "from") and \
            noun.doc[nxt].dep_ in ("prep", "agent"):
        # the parser hung the "from X" right after the noun on the verb: it is the noun's
        agents = [c for c in noun.doc[nxt].children if c.dep_ == "pobj"]
    for part in prep_objects(noun, ["on"]):
        if part.lemma_.lower() == "part":
            agents += prep_objects(part, ["of"])
    agents += [c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
    agents += [c for c in noun.children if c.dep_ in ("amod", "compound")
               and c.ent_type_ in ("NORP", "GPE", "ORG")]
    return agents


def _label_accusations(sent: Span, taken: set[int]) -> list[dict]:
    """Accusations made by an evaluative label noun with a named agent ("countermeasures
    against provocations from the other side"): the accuser is the source whose voice the
    noun is in, so the rows keep the statement only when there is one (``needs_source``).
    Nouns under a cue verb's clause (``taken``) belong to that statement."""
    out = []
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ACCUSING_LABELS or any(
                a.i in taken for a in [noun, *noun.ancestors]):
            continue
        agents = _label_agents(noun)
        if agents:
            out.append({"statement": "accusation", "cue": noun, "negated": is_negated(noun),
                        "accuser": None, "accused": agents, "offence": noun,
                        "needs_source": True})
    return out


def _predicative_blame(sent: Span) -> list[dict]:
    """ "X was responsible for the clashes": X is blamed by whoever says so (the rows take
    the source as the accuser)."""
    out = []
    for adj in sent:
        if adj.lemma_.lower() not in RESPONSIBLE or adj.dep_ != "acomp" or \
                adj.head.lemma_ != "be":
            continue
        subj = next((c for c in adj.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in ("who", "which", "that"):
            subj = antecedent(subj) if subj is not None else None
        if subj is None or subj.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        out.append({"statement": "blame", "cue": adj, "negated": is_negated(adj.head),
                    "accuser": None, "accused": _with_conjuncts([subj]),
                    "offence": _complement(adj, ("for",)), "needs_source": True})
    return out


#: What a person said or did: "blasted X" takes it as its object in the blaming sense, and
#: "criticised X's decision" accuses its possessor.
_BLAST_OBJECTS = frozenset({"statement", "remark", "comment", "decision", "response",
                            "handling", "move", "policy", "call", "speech", "tweet",
                            "post", "claim", "order", "plan", "action"})


def _blame_sense(verb: Token, lemma: str, obj: Token | None) -> bool:
    """Whether a blame verb is used in its blaming sense: "charged X with Y" (not "charged
    at the police", "a racially charged shooting"); "blasted X" / "blasted X's statement"
    (not "the explosion blasted the wall")."""
    if lemma == "charge":
        return _complement(verb, ("with",)) is not None or (
            obj is not None and _complement(obj, ("with",)) is not None)
    if lemma == "blast":
        return obj is not None and (obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in (
            "PERSON", "ORG", "GPE", "NORP") or obj.lemma_.lower() in _BLAST_OBJECTS
            or obj.lemma_.lower() in CLAIM_NOUNS)
    return True


def _hands_of(sent: Span) -> list[dict]:
    """ "killed at the hands of X": X is accused by whoever says so (a statement that
    needs a source; in the outlet's own words it is a harm event, not an accusation)."""
    out = []
    for hands in sent:
        accused = hands_agents(hands.head.head) if hands.lower_ == "hands" else []
        if accused:
            out.append({"statement": "accusation", "cue": hands, "negated": False,
                        "accuser": None, "accused": _with_conjuncts(accused[:1]),
                        "offence": hands.head.head, "needs_source": True})
    return out


def _wrongdoing_denials(sent: Span) -> list[dict]:
    """ "its vessels did nothing wrong", "he had not done anything wrong": the subject's side
    denies wrongdoing (the denier is named in ``accused``, as for "X denied")."""
    out = []
    for obj in sent:
        if obj.lower_ not in ("nothing", "anything") or obj.dep_ != "dobj" or \
                obj.head.lemma_ != "do" or not any(c.lower_ == "wrong" for c in [
                    *obj.children, *obj.head.children]):  # "wrong" may hang on the verb
            continue
        verb = obj.head
        if obj.lower_ == "anything" and not is_negated(verb):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            out.append({"statement": "denial", "cue": verb, "negated": False,
                        "accuser": None, "accused": _with_conjuncts([subj]), "offence": obj})
    return out


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
    ``offence`` (a span or None); ``reciprocal`` marks a two-way statement whose parties are
    not named ("each accused the other"), ``needs_source`` one whose accuser is the source
    whose voice it is in (a label noun with an agent, "X was responsible for ...").
    """
    out: list[dict] = []
    taken: set[int] = set()  # tokens of the cue verbs' own arguments
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = cue_lemma(verb)
        if lemma in _CUES:
            taken |= {t.i for c in verb.children if c.dep_ not in _CLAUSE_DEPS
                      for t in c.subtree} | {verb.i}
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
            elif obj is None and verb.dep_ == "conj" and verb.tag_ == "VBN" and any(
                    c.dep_ == "auxpass" for c in verb.head.children):
                # "X was arrested and charged with ...": the passive subject is shared
                passive, obj = True, _obj(verb.head, ("nsubjpass",))
            if not _blame_sense(verb, lemma, obj):
                continue
            if lemma == "hold":
                # "held X responsible" (the parser may make "responsible" X's modifier)
                comp = next((c for c in [*verb.children, *(obj.children if obj is not None
                                                           else [])]
                             if c.lemma_ in ("responsible", "accountable", "liable",
                                             "culpable")), None)
                if comp is None:
                    continue
                offence = _complement(comp, ("for",))
                accused = _with_conjuncts([antecedent(obj)]) if obj is not None else []
            elif lemma == "assign":
                if obj is None or obj.lemma_ != "blame":
                    continue
                accused = _with_conjuncts(prep_objects(verb, ["to", "on"])
                                          + prep_objects(obj, ["to", "on"]))
            elif lemma == "blame" and (prep_objects(verb, ["on"]) or (
                    obj is not None and prep_objects(obj, ["on"]))):
                # "blamed the attack on X" (the parser may attach "on X" to the object)
                accused = _with_conjuncts(prep_objects(verb, ["on"])
                                          or prep_objects(obj, ["on"]))
                offence = obj
            elif obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() in (
                    NOUN_TRIGGERS) and statement == "condemnation":
                offence = obj  # "condemned the attack": the accused are its agents
                accused = [r.head for r in _accused_of_event(obj)]
            else:
                owner = next((c for c in obj.children if c.dep_ == "poss"), None) if (
                    obj is not None and obj.lemma_.lower() in _BLAST_OBJECTS) else None
                if owner is not None:
                    accused = [owner]  # "blasted Evers's statement": Evers
                elif obj is not None:
                    accused = _with_conjuncts([antecedent(obj)])
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
            # ("described X's actions as a provocation": the object, then the label)
            after = [t for t in verb.subtree if t.i > verb.i]
            dobj = _obj(verb, ("dobj",))
            obj = dobj if dobj is not None and dobj.pos_ in ("NOUN", "PROPN") and \
                dobj.lemma_.lower() not in BLAME_LABELS and any(
                t.i > dobj.i and t.lemma_.lower() in BLAME_LABELS for t in after) else next(
                (t for t in after if (trigger_kind(t) or ("", ""))[1] == "noun"), None)
            label = next((t for t in after if obj is not None and t.i > obj.i
                          and t.lemma_.lower() in BLAME_LABELS), None)
            if obj is None or label is None:
                continue
            statement = "labeling"
            offence = obj
            agents = _accused_of_event(obj)
            accused = [r.head for r in agents] or [
                t for t in obj.doc[max(verb.i + 1, obj.i - 2):obj.i]
                if t.ent_type_ == "NORP" or (t.pos_ in ("PROPN", "ADJ") and t.text.istitle())
            ] or [c for c in obj.children if c.dep_ in ("poss", "nmod")
                  and c.pos_ in ("NOUN", "PROPN")]  # "X's actions" (or "X’ actions")
        elif lemma in DENIAL_VERBS:
            statement = "denial"
            offence = _obj(verb, ("dobj", "ccomp"))
            if lemma != "deny" and not (_is_claim(offence) or (
                    offence is not None and offence.dep_ == "ccomp")):
                continue  # "rejected the results": no charge rejected
            # "X and Y denied ...": every denier
            accused = (_parties(accuser) if accuser.dep_ in ("nsubj", "nsubjpass") else
                       [accuser]) if accuser is not None else []
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
        elif statement != "denial":
            out.extend(_coordinated(st))  # "X and Y condemned Z": X → Z, Y → Z
        else:
            out.append(st)
    return out + _label_accusations(sent, taken) + _predicative_blame(sent) + _hands_of(sent) + (
        _wrongdoing_denials(sent))


def offence_agent(tok: Token) -> Token | None:
    """The accused of the accusation whose offence ``tok`` is, who is also the offence's
    agent as the accuser tells it: "accused X of attacking the village" → X for
    "attacking" (and for a conjoined "... and killing two farmers"); "X was charged with
    shooting" → X. None when ``tok`` is no such offence."""
    head = tok
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ == "amod" and head.tag_ == "VBG":
        head = head.head  # "of looting shops" parsed as an adjective on "shops"
    prep = head.head
    if head.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in (
            "of", "for", "with"):
        return None
    gov = prep.head
    verb = gov if gov.pos_ == "VERB" else gov.head
    if verb.pos_ != "VERB" or BLAME_VERBS.get(cue_lemma(verb)) not in ("accusation", "blame"):
        return None
    if gov is not verb and gov.dep_ in ("dobj", "nsubjpass"):
        return antecedent(gov)  # the parser hung "of ..." on the accused
    obj = _obj(verb, ("nsubjpass",)) or _obj(verb, ("dobj",))
    return antecedent(obj) if obj is not None else None
