"""One mention per phrase: "Turkish President Recep Tayyip Erdogan" is one mention of Turkey.

Dictionary matching (:mod:`framing.core.actors`) finds every surface of an actor, so a title,
a demonym and a name inside one noun phrase count two or three times, and an outlet that
writes full titles looks as if it mentioned the actor more. Portrayal counts *referring
expressions*, as coreference annotation does (the maximal noun phrase, MUC-7 and OntoNotes
guidelines; Pradhan et al. 2012): mentions of one actor whose tokens hang on the same phrase
head (through compound, modifier, apposition or flat-name arcs) are one mention, spanning
from the first to the last and to the head ("Azerbaijani" in "Azerbaijani troops" is the
mention "Azerbaijani troops").
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc, Token

from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame

#: Arcs inside one referring expression: "Turkish (amod) President (compound) Erdogan",
#: "the ministry, Baku's (appos) voice". A possessor is a referent of its own ("Armenian
#: forces' attack" mentions the forces, not the attack).
PHRASE_ARCS = frozenset({"compound", "amod", "nmod", "appos", "flat", "nummod", "det",
                         "punct"})
#: Participles that name the noun they modify: "the man, identified as Jacob Blake", "a
#: soldier named Karen Petrosyan" (the name and the noun are one referent: the appositive
#: and predicate-nominative constructs of rule-based coreference, Lee et al. 2013).
NAMING_VERBS = frozenset({"identify", "name"})
#: One row per phrase mention.
MENTION_COLUMNS = [*KEY_COLUMNS, "surface", "actor_id", "side", "n_surfaces", "head_start"]


#: Nouns of the members of a body: "individuals in law enforcement", "members of the
#: parliament", "Sheskey, a seven-year veteran of the Kenosha Police Department" are that
#: body's people, one mention with the member noun as head.
MEMBER_NOUNS = frozenset({"individual", "member", "officer", "agent", "personnel",
                          "employee", "staff", "official", "soldier", "troop", "veteran",
                          "spokesman", "spokeswoman", "spokesperson", "representative",
                          "commander", "chief", "head", "leader"})
#: Nouns of a person's kin: "the mother of Jacob Blake" speaks as his family, one mention
#: of the actor that holds the person (an actor is a side, "Jacob Blake, his family and
#: their lawyers"), as a body's members are.
KIN_NOUNS = frozenset({"mother", "father", "parent", "sister", "brother", "son", "daughter",
                       "wife", "husband", "widow", "uncle", "aunt", "cousin", "family",
                       "relative", "grandmother", "grandfather"})
#: The nouns a body's or a person's name climbs to (:func:`phrase_head`).
_GROUP_NOUNS = MEMBER_NOUNS | KIN_NOUNS


def phrase_head(tok: Token, *, members: bool = True) -> Token:
    """The head of the noun phrase ``tok`` is inside: climb phrase-internal arcs (and from
    a conjoined modifier: "Azerbaijani" in "Armenian and Azerbaijani troops"), from a
    name to the noun a naming participle gives it (:data:`NAMING_VERBS`), and (``members``)
    from a body to the noun of its members (:data:`MEMBER_NOUNS`) and from a person to
    the noun of their kin (:data:`KIN_NOUNS`)."""
    head = tok
    for _ in range(8):
        named = _named(head)
        if named is not None:
            head = named
            continue
        prep = head.head
        if members and head.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in (
                "in", "of", "from") and prep.head.pos_ == "NOUN" and \
                prep.head.lemma_.lower() in _GROUP_NOUNS:
            head = prep.head
            continue
        if head.dep_ == "conj" and head.head.dep_ in ("amod", "compound"):
            head = head.head  # "Armenian and Azerbaijani troops": a conjoined modifier
            continue
        if head.dep_ not in PHRASE_ARCS or head.head is head or head.head.pos_ not in (
                "NOUN", "PROPN", "PRON", "NUM"):
            break
        head = head.head
    return head


def _named(tok: Token) -> Token | None:
    """The noun ``tok`` names through a participle: "the man, identified as (prep) Jacob
    Blake (pobj)", "a soldier named (acl) Karen Petrosyan (oprd)"."""
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "as" else tok.head
    if tok.dep_ not in ("pobj", "oprd", "xcomp", "attr") or verb.dep_ != "acl" \
            or verb.lemma_.lower() not in NAMING_VERBS or verb.tag_ != "VBN":
        return None
    noun = verb.head
    # a description ("the man"), not a name of its own ("the Kenosha police department
    # identified as Rusten Sheskey": the participle misattached to the veteran's department)
    described = noun.pos_ in ("NOUN", "PRON") and not any(
        c.dep_ == "compound" for c in noun.children)
    return noun if described else None


def span_head(doc: Doc, start: int, end: int, *, members: bool = True) -> Token | None:
    """The phrase head (:func:`phrase_head`) of the characters ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return phrase_head(span.root, members=members) if span is not None and len(span) \
        else None


def phrase_mentions(parsed: Parsed) -> pd.DataFrame:
    """Actor mentions merged per phrase (see the module docstring); ``n_surfaces`` is how
    many dictionary matches the phrase held, ``head_start`` the character offset of its
    head (the token whose role the phrase plays)."""
    mentions = parsed.mentions
    if mentions.empty:
        return empty_frame(MENTION_COLUMNS)
    rows: list[dict] = []
    docs = parsed.analysis_docs
    texts = {a.id: a.document for a in parsed.incident.articles}
    for article_id, group in mentions.sort_values(["article_id", "start"]).groupby(
            "article_id", sort=False):
        doc = docs[article_id]
        text = texts[article_id]  # the doc's text with its headline truecased
        merged: dict[tuple[int, str, int], dict] = {}
        for m in group.itertuples():
            head = span_head(doc, m.start, m.end)
            key = (m.sent_id, m.actor_id, head.idx if head is not None else m.start)
            start, end = m.start, m.end
            if head is not None and head.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                # the phrase runs from its head over the body it is a member of
                inner = span_head(doc, m.start, m.end, members=False)
                last = max(head.idx + len(head.text), inner.idx + len(inner.text))
                start, end = min(start, head.idx), max(end, last)
            if key in merged:
                row = merged[key]
                row["start"], row["end"] = min(row["start"], start), max(row["end"], end)
                row["surface"] = text[row["start"]:row["end"]]
                row["n_surfaces"] += 1
                continue
            merged[key] = {"article_id": article_id, "outlet": m.outlet, "sent_id": m.sent_id,
                           "start": start, "end": end, "surface": text[start:end],
                           "actor_id": m.actor_id, "side": m.side, "n_surfaces": 1,
                           "head_start": key[2]}
        rows.extend(merged.values())
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)
