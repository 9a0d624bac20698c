"""Phrases and grammatical relations read off a spaCy dependency parse.

The blame analysis asks the same few questions of a parse wherever it looks: what is the
noun phrase headed by this token, who is the subject of this verb (also when coordination,
control or a participial adjunct leaves it implicit), what are the objects of its "on" /
"by" / "of" phrases, is it passive, is it negated, which noun does a relative pronoun or a
partitive quantifier stand for. Harm events (:mod:`framing.blame.events`), attribution
(:mod:`framing.core.attribution`) and blame statements (:mod:`framing.blame.statements`)
share these answers, so a repair made here (such as :func:`recovered_subject` for the small
parser's misattached subjects) holds for all of them.

Dependency labels are those of spaCy's English models (the ClearNLP scheme; Choi & Palmer
2012). Subject sharing over conjuncts and the passive ``by``-agent follow textacy's
``subject_verb_object_triples`` (after the SVO extraction of Rusu et al. 2007).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span, Token

#: Dependency labels of active subjects, passive subjects and direct objects.
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
#: Relative pronouns, which stand for the noun their clause modifies.
REL_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
#: Quantifiers and collective nouns whose "of"-complement is the semantic head.
PARTITIVES = frozenset(
    {"some", "all", "many", "most", "none", "several", "few", "both", "each", "any", "one",
     "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
     "band", "group", "number", "majority", "rest", "handful"})
#: Dependents that are not part of a noun phrase (clauses, appositions, conjuncts, PPs).
NP_DROP_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj", "punct", "prep",
                          "parataxis"})


def depth(token: Token) -> int:
    """Edges from ``token`` up to its sentence's root (0 for the root): how embedded it is
    (Hobbs' breadth-first search prefers the shallow; a sentence's framing reporting verb
    is its shallowest)."""
    d = 0
    while token.head != token and d < 100:
        token, d = token.head, d + 1
    return d


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    """The children of ``token`` attached by one of the dependency labels ``deps``."""
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


def phrasal_lemma(verb: Token) -> str:
    """A verb's lemma with its particle ("head off", "break up", "push back")."""
    prt = next((c for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.lemma_.lower()} {prt.lower_}" if prt is not None else verb.lemma_.lower()


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
    return trim_span(token, start, end, lambda t: t.is_punct or t.is_quote or t.is_space)


def trim_span(head: Token, start: int, end: int, strip: Callable[[Token], bool]) -> Span:
    """``doc[start:end + 1]`` with the tokens ``strip`` selects dropped from both edges,
    never past the ``head`` token itself."""
    doc = head.doc
    while start < head.i and strip(doc[start]):
        start += 1
    while end > head.i and strip(doc[end]):
        end -= 1
    return doc[start:end + 1]


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


def semantic_head(token: Token) -> Token:
    """The noun a partitive or collective quantifier selects: "three of its soldiers" →
    soldiers, "some of the victims" → victims, "bands of toughs" → toughs."""
    if token.pos_ == "NUM" or token.lemma_.lower() in PARTITIVES:
        for obj in prep_objects(token, ["of"]):
            if obj.pos_ in ("NOUN", "PROPN") or obj.lower_ in ("whom", "which"):
                return obj
    return token


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


#: Subjects that deny the clause they are the subject of ("no one was hurt").
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "no-one", "nothing"})


def _denied(verb: Token) -> bool:
    """A ``neg`` child ("did not attack"), or a negative quantifier as the subject ("No other
    officer opened fire", "none were hurt", "no one was injured")."""
    for c in verb.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NEGATIVE_SUBJECTS or any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    return False


def is_negated(token: Token) -> bool:
    """``token`` is negated ("did not attack", "no other officer fired"), or is the object
    of a negated verb ("did not launch an attack", "no other officer opened fire")."""
    if _denied(token):
        return True
    # "did not launch an attack": negation on the light verb
    return token.dep_ in OBJ_DEPS and _denied(token.head)


def recovered_subject(verb: Token) -> Token | None:
    """Repair a missing subject of a finite verb: the noun just before it.

    The small English parser sometimes reads a reduced relative as the main verb (then the
    subject is that verb's), or attaches a sentence-initial subject to a preceding
    adverbial ("At 8:40 on Friday Azerbaijan launched ..." parses "Friday Azerbaijan" as the
    object of "on"); English finite clauses put the subject before the verb, so a noun (or
    proper noun) immediately before a finite verb that has no subject is taken as it, also
    across a comma-enclosed participial adjunct of the verb.
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
    adjuncts = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i
                and c.tag_ in ("VBG", "VBN")]
    if prev.text == "," and adjuncts and adjuncts[-1].right_edge.i == prev.i - 1:
        # a comma-enclosed participle between subject and verb: "on the disputed border,
        # the northern army (appos), breaking its promises, crossed the line"
        left = adjuncts[-1].left_edge.i
        if left >= 2 and verb.doc[left - 1].text == ",":
            prev = verb.doc[left - 2]
    while prev.dep_ in ("aux", "neg", "advmod") and prev.i > 0:
        prev = verb.doc[prev.i - 1]
    if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ in ("pobj", "npadvmod", "compound",
                                                         "appos", "dep"):
        root = prev
        while root.dep_ == "compound" and root.head.i > root.i and root.head.i < verb.i:
            root = root.head
        return root
    return None


#: Subordinators the small parser reads as a preposition with the clause's subject as its
#: object ("as [deputy Miller] ..., fired": "as" prep, "Miller" pobj).
SUBORDINATORS = frozenset({"as", "while", "when", "after", "before", "until", "because"})


def subordinate_subject(verb: Token) -> Token | None:
    """The subject of a subordinate clause the parser split: "the driver ... opened the door
    and leaned inside, as deputy Dan Miller, gripping the driver's jacket, fired his gun"
    parses "as" as a preposition of "leaned" with "Miller" its object, and "fired" as one
    more conjunct of "opened", so conjunct sharing would make the driver the shooter. A
    conjunct verb with no subject and no coordinator of its own, after such a subordinator's
    object with only participles between them (an adjunct: "clutching onto ..."), takes
    that object as its subject; "worked as a teacher and taught" has its coordinator and
    keeps its shared subject."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    doc = verb.doc
    for tok in reversed(doc[verb.head.i + 1:verb.i]):
        if tok.dep_ == "cc":
            return None  # the coordinator is nearer: a true conjunct
        if tok.lower_ not in SUBORDINATORS or tok.dep_ != "prep":
            continue
        objs = [c for c in tok.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        if not objs:
            return None
        between = doc[objs[0].i + 1:verb.i]
        if any(t.dep_ == "cc" for t in between) or any(
                t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") for t in between):
            return None
        return objs[0]
    return None


#: Verbs of accusing: a participle hanging from one elaborates what the accused did.
ACCUSATION_HOSTS = frozenset({"accuse", "blame", "charge", "suspect"})


def subjects(verb: Token) -> list[Token]:
    """Active subjects of a verb, shared from a coordinated verb when it has none."""
    subj = children(verb, SUBJ_DEPS)
    if subj:
        return subj
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        split = subordinate_subject(verb)
        if split is not None:
            return [split]
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
        accused = children(verb.head, ["dobj"])
        if verb.tag_ == "VBG" and verb.head.lemma_.lower() in ACCUSATION_HOSTS and accused:
            # "accused Indian troops of crossing the border, 'provoking and attacking ...'":
            # the gerund elaborates the accusation, whose agent is the accused
            return accused
        return subjects(verb.head)
    recovered = recovered_subject(verb)
    return [recovered] if recovered is not None else []
