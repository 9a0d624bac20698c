"""Speakers: in-document coreference for the people and bodies that sources name.

:class:`SpeakerResolver` resolves a source or role phrase to an incident actor (names and
aliases, also inside a longer phrase: "a statement from X") and to a name: a pronoun to its
antecedent (nearest sentence back, shallowest mention, subjects first: Hobbs 1978, and the
speaker sieve of Lee et al. 2013, which makes a reported person less salient than the
speaker), a surname to the fullest name written ("Mr. McCarthy" -> "Kevin McCarthy"),
"the congressman" to the person it describes, "it" / "the organisation" to the salient
actor. :mod:`framing.core.attribution` uses it for every reporting verb and quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from framing.core.actors import ActorResolver
from framing.core.phrases import depth
from framing.core.quotes import find_quotes, in_quote
from framing.core.reporting import STANCE, is_that_clause_verb

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: Third-person pronouns that stand for a person, with their gender.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
#: Honorifics before a name and the gender they mark ("" : none).
HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dr": ""}
#: Abbreviated titles before a name, spelled out ("Gov. Mike Pence" -> governor).
TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
    "pres": "president", "atty": "attorney", "adm": "admiral", "maj": "major",
    "cmdr": "commander", "prof": "professor", "amb": "ambassador", "sec": "secretary"}
#: Head nouns of a definite description that stands for a person ("the governor said"):
#: a short closed list, as the animacy lists of rule-based coreference (Lee et al. 2013).
#: Nouns for groups of people: never resolved by head match (each side has its own).
GROUP_NOUNS = frozenset({
    "troop", "soldier", "force", "official", "officer", "personnel", "sailor", "man",
    "people", "member", "guard", "serviceman", "fighter", "side", "crew", "civilian",
    "resident", "citizen", "protester", "supporter", "unit", "authority", "source",
    "representative", "delegation", "team", "group",
})
PERSON_NOUNS = frozenset({
    "president", "governor", "senator", "congressman", "congresswoman", "lawmaker",
    "representative", "legislator", "mayor", "minister", "spokesman", "spokeswoman",
    "spokesperson", "official", "leader", "chairman", "chairwoman", "secretary",
    "ambassador", "candidate", "nominee", "judge", "justice", "billionaire", "businessman",
    "businesswoman", "commander", "general", "officer", "chief", "director", "prosecutor",
    "attorney", "lawyer", "speaker", "premier", "chancellor", "king", "queen", "prince",
    "sheriff", "ceo", "founder", "activist", "diplomat", "envoy", "aide", "adviser",
    "advisor", "colonel", "captain", "commissioner", "councilman", "councilwoman",
    "councilor", "councillor",
    "politician", "democrat", "republican", "mogul", "executive", "host", "actor",
    "author", "professor", "economist", "analyst", "expert", "witness", "resident",
    "editor", "correspondent", "reporter", "journalist", "commentator",
    "man", "woman", "father", "mother", "son", "daughter", "husband", "wife"})
#: Titles that a person noun also covers ("the congressman" after "Rep. X").
ROLE_SYNONYMS = {"congressman": {"representative"}, "congresswoman": {"representative"},
                 "lawmaker": {"representative", "senator", "congressman", "congresswoman"},
                 "legislator": {"representative", "senator"}}
#: Person nouns that mark gender ("the congresswoman" is not "he").
GENDERED_NOUNS = {
    "congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f",
    "businessman": "m", "businesswoman": "f", "councilman": "m", "councilwoman": "f",
    "chairwoman": "f", "man": "m", "woman": "f", "father": "m", "mother": "f", "son": "m",
    "daughter": "f", "husband": "m", "wife": "f", "king": "m", "queen": "f", "prince": "m"}
#: Heads of a definite description that stands for an organisation or its statement,
#: as a speaker ("the organisation said", "the statement reads").
ORGANISATION_NOUNS = frozenset({
    "organisation", "organization", "alliance", "bloc", "statement", "communique",
    "communiqué", "release", "letter", "ministry", "government", "agency", "service",
    "side", "department", "office", "administration", "navy", "army", "military"})
#: How many sentences back a pronoun's antecedent is looked for.
ANTECEDENT_WINDOW = 8


@dataclass(frozen=True)
class Mention:
    """A mention of a person, for speaker names and pronoun antecedents.

    Attributes:
        start, end: character span of the name as written (titles and honorifics dropped);
            for a pronoun standing for a person, the pronoun's span.
        name: the name as written; a pronoun's mention carries its antecedent's name.
        key: the surname (last word, lower case), which joins the mentions of one person.
        root: the head token; ``subject``: whether it is (in) a clause's subject;
        depth: edges from the sentence root (Hobbs' breadth-first order prefers the
            shallow); ``quoted``: inside quotation marks.
        named: for a pronoun's mention, the named mention it stands for.
        reported: inside what a reporting verb reports ("X argued that Trump was ..."),
            less salient than the speaker (the speaker sieve of Lee et al. 2013).
    """

    start: int
    end: int
    name: str
    key: str
    root: Token
    subject: bool
    depth: int
    quoted: bool
    named: Mention | None = None
    reported: bool = False


def _is_reported(token: Token) -> bool:
    """Whether ``token`` lies in the clausal complement of a reporting verb."""
    hops = 0
    while token.head != token and hops < 30:
        child, token, hops = token, token.head, hops + 1
        if child.dep_ in ("ccomp", "xcomp") and token.pos_ == "VERB" and (
                token.lemma_.lower() in STANCE or is_that_clause_verb(token)):
            return True
    return False


def _is_subject(token: Token) -> bool:
    """``token`` is a subject, or part of one ("Senate Leader Chuck Schumer, D-N.Y., said")."""
    hops = 0
    while hops < 4:
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ not in ("compound", "appos", "flat", "conj") or token.head == token:
            return False
        token, hops = token.head, hops + 1
    return False


def _modifiers(noun: Token) -> frozenset[str]:
    """The words before a noun in its phrase, lower case, without determiners, numbers and
    punctuation ("a 29-year-old Black man" → {"year", "old", "black"})."""
    return frozenset(t.lower_ for t in noun.subtree if t.i < noun.i and t.is_alpha
                     and t.dep_ not in ("det", "predet", "poss", "case"))


#: Modifiers that make a definite description pick out its referent by itself, not by an
#: earlier mention: "he is not the first Black man to have been shot".
UNIQUE_MODIFIERS = frozenset({"first", "second", "third", "last", "only", "next", "latest"})


def _unique_description(noun: Token) -> bool:
    """A definite description with an ordinal or "only" ("the first Black man", "the only
    witness"): it describes, it does not refer back (a discourse-new definite, as in
    Vieira & Poesio 2000's classification of definite descriptions)."""
    return any(c.lower_ in UNIQUE_MODIFIERS or c.tag_ == "JJS" for c in noun.children
               if c.dep_ in ("amod", "nummod", "advmod"))


def _title_start(first: Token) -> int:
    """The index of the first of the (at most four) title or name words written before the
    name starting at ``first`` ("House Speaker Nancy Pelosi", "Armenian officer Arman
    Karapetyan"): nouns, proper nouns, adjectives and hyphens, no quote mark."""
    doc, lo = first.doc, first.i
    while lo > 0 and first.i - lo < 4 and (doc[lo - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                                           or doc[lo - 1].text == "-") \
            and not doc[lo - 1].is_quote:
        lo -= 1
    return lo


def _title(token: Token) -> str | None:
    """A title or honorific written before a name, spelled out ("Gov." -> "governor")."""
    word = token.lower_.rstrip(".")
    if word in HONORIFICS:
        return word
    return TITLE_ABBREVIATIONS.get(word) or (word if word in PERSON_NOUNS else None)


class SpeakerResolver:
    """Resolve a source phrase to an actor and to a name.

    Actors: names and aliases (also inside a longer phrase: "a statement from X"), pronouns
    (their antecedent, below) and definite descriptions ("the Army" → the last actor mention
    whose surface ends in "Army").

    Names (:meth:`name_of`): in-document coreference of people in the style of the
    deterministic sieves of Lee et al. (2013). Person mentions are the parser's PERSON
    entities, the incident's people, and proper-noun subjects of reporting verbs; a name
    links to the fullest earlier name with the same surname ("Mr. Schumer" → "Chuck
    Schumer"). A third-person pronoun outside quotation marks goes to its antecedent
    (:meth:`antecedent`): the nearest sentence back (up to :data:`ANTECEDENT_WINDOW`) holding
    a compatible person mention outside quotes, and in it the shallowest mention in the
    parse, leftmost first (Hobbs 1978's breadth-first search, which prefers subjects); in
    the pronoun's own sentence only subjects count ("Of Obama, he said" is not Obama).
    Gender agreement comes from honorifics (Mr. / Ms.) and gendered nouns only (learning
    it from earlier resolved pronouns spread one error through a whole article);
    mentions inside what a reporting verb reports rank after the others ("X argued that
    Trump was ..." : "he" is X). Pronouns are resolved in document order so a chain ("X
    said ... He added ... he said") follows its first link. A definite description with a
    person noun ("the governor", "the four-term congressman") goes to the nearest earlier
    person whose titles or apposition hold the noun, else like a pronoun.
    """

    def __init__(self, resolver: ActorResolver, doc: Doc, text: str | None = None) -> None:
        self.resolver = resolver
        self.doc = doc
        self.text = text if text is not None else doc.text
        self.mentions = resolver.find(self.text)
        #: the actors whose multi-word names and aliases end with each (lower-case) word
        self.head_owners: dict[str, set[str]] = {}
        for actor in resolver.actors:
            for surface, _ in actor.surfaces():
                if " " in surface.strip():
                    self.head_owners.setdefault(surface.split()[-1].lower(), set()).add(
                        actor.id)
        self.people = sorted(
            [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
            + [(m.start, m.end, m.surface) for m in self.mentions if m.kind == "person"])
        self.quote_marks = find_quotes(self.text)
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.gender: dict[str, str] = {}
        self.titles: dict[str, set[str]] = {}
        self.persons = self._person_mentions()
        self.appositions = self._appositions()
        self.by_sent: dict[int, list[Mention]] = {}
        for m in self.persons:
            self.by_sent.setdefault(self._sent_index(m.start), []).append(m)
        self.groups: dict[int, list[Mention]] = {}
        for m in self._group_mentions():
            self.groups.setdefault(self._sent_index(m.start), []).append(m)
        self._antecedents: dict[int, Mention | None] = {}
        for tok in doc:  # in document order, so a pronoun chain follows its first link
            if tok.lower_ in PRONOUN_GENDER and in_quote(tok.idx, self.quote_marks) is None:
                self.antecedent(tok)

    # --- people and their names ----------------------------------------------------------

    def _sent_index(self, char: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, char) - 1, 0)

    def _person_spans(self) -> list[Span]:
        doc = self.doc
        spans = [e for e in doc.ents if e.label_ == "PERSON"]
        for m in self.mentions:
            if m.kind == "person":
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        for tok in doc:  # "Hoyer said": a proper-noun speaker the tagger gave no type
            if tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.ent_type_ in ("", "PERSON") \
                    and tok.head.lemma_.lower() in STANCE and tok.head.pos_ == "VERB":
                start = tok.i
                while start > 0 and doc[start - 1].dep_ == "compound" and \
                        doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == tok:
                    start -= 1
                spans.append(doc[start:tok.i + 1])
        # the surname of a person named in full elsewhere, whatever its entity type
        # ("Bloomberg" tagged ORG after "Michael Bloomberg"): the string-match sieve
        surnames = {s[-1].lower_ for s in spans if len(s) > 1 and s[-1].pos_ == "PROPN"}
        # and the first word of a two-word name written surname first ("Wang" of "Wang Yi")
        surnames |= {s[0].lower_ for s in spans if len(s) == 2 and s[0].pos_ == "PROPN"
                     and s[0].lower_ not in HONORIFICS}
        spans.extend(doc[t.i:t.i + 1] for t in doc if t.pos_ == "PROPN"
                     and t.lower_ in surnames and t.dep_ != "compound")
        return spans

    def _person_mentions(self) -> list[Mention]:
        """Person mentions of the document, longest first where two overlap."""
        taken: set[int] = set()
        out: list[Mention] = []
        for span in sorted(self._person_spans(), key=lambda s: (-len(s), s.start)):
            toks = [t for t in span if not t.is_punct and t.lower_ not in ("'s", "’s")]
            while toks and _title(toks[0]) is not None:
                toks = toks[1:]
            if not toks or any(t.i in taken for t in toks) or not toks[-1].is_alpha \
                    or not toks[-1].text[:1].isupper():
                continue
            taken.update(t.i for t in toks)
            root = span.root
            key = toks[-1].lower_
            first = toks[0]
            before = [self.doc[i] for i in range(max(first.i - 4, 0), first.i)]
            for t in before:
                title = _title(t)
                if title is not None:
                    self.titles.setdefault(key, set()).add(title)
            prev = before[-1].lower_.rstrip(".") if before else ""
            if prev in HONORIFICS and HONORIFICS[prev]:
                self.gender.setdefault(key, HONORIFICS[prev])
            self.titles.setdefault(key, set()).update(
                w.lower() for w in re.findall(r"[A-Za-z]+", self.describe_mention(toks))
                if w.lower() in PERSON_NOUNS or w.lower().rstrip(".") in TITLE_ABBREVIATIONS)
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            out.append(Mention(start, end, self.text[start:end], key, root,
                               _is_subject(root), depth(root),
                               in_quote(start, self.quote_marks) is not None,
                               reported=_is_reported(root)))
        return sorted(out, key=lambda m: m.start)

    def _appositions(self) -> list[tuple[str, str, frozenset[str], Mention]]:
        """(noun lemma, tag, words before it, person) of each description set in apposition
        to a named person: "Jacob Blake, a 29-year-old Black man" gives ("man", "NN",
        {"year", "old", "black"}, Jacob Blake); so does "a Black man, Jacob Blake"."""
        out = []
        for m in self.persons:
            root = m.root
            if root.lower_ in PRONOUN_GENDER:
                continue
            nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                nouns.append(root.head)
            for noun in nouns:
                out.append((noun.lemma_.lower(), noun.tag_, _modifiers(noun), m))
        return out

    def apposed(self, head: Token) -> Mention | None:
        """The one person whose apposition the description headed by ``head`` repeats,
        anywhere in the document: the same noun and number, and its words before the noun
        ("Black" of "police shot a Black man") all among the apposition's ("Jacob Blake, a
        29-year-old Black man"). A description with no such word ("a man") or matching two
        people gives None. The appositive and predicate-nominative patterns that Haghighi &
        Klein (2009) mine for compatible heads, read within one article."""
        words = _modifiers(head)
        if not words:
            return None
        found = {m.key: m for noun, tag, apposed_words, m in self.appositions
                 if noun == head.lemma_.lower() and tag == head.tag_
                 and words <= apposed_words}
        return next(iter(found.values())) if len(found) == 1 else None

    def _group_mentions(self) -> list[Mention]:
        """Mentions of incident actors that are not people (``key``: the actor id), for
        the antecedents of "it" / "they" / "the organisation" as speakers."""
        out = []
        for m in self.mentions:
            if m.kind == "person":
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            out.append(Mention(m.start, m.end, m.surface, m.actor_id, root, _is_subject(root),
                               depth(root), in_quote(m.start, self.quote_marks) is not None))
        return out

    def group_antecedent(self, token: Token) -> Mention | None:
        """The actor a speaker "it" / "they" / "the organisation" stands for: the nearest
        sentence back holding an actor mention outside quotes, and in it the shallowest
        (Hobbs' order, as :meth:`antecedent`), subjects only in the token's own sentence;
        the mention's ``key`` is the actor id."""
        k = self._sent_index(token.idx)
        for j in range(k, max(k - ANTECEDENT_WINDOW, -1), -1):
            cands = [m for m in self.groups.get(j, ()) if m.end <= token.idx
                     and not m.quoted and (j < k or m.subject)]
            if cands:
                return min(cands, key=lambda m: (m.depth, m.start))
        return None

    def describe_mention(self, toks: list[Token]) -> str:
        """A person mention with its titles and appositions ("House Speaker Nancy Pelosi
        (D-Calif.)", "Lis Smith, a spokeswoman for the Obama campaign", "The House
        Republican leader, Representative Kevin McCarthy of California"): at most 4 title or
        name words before it, the noun phrase it is in apposition to, and after it up to two
        comma- or bracket-delimited appositions or "of" phrases of at most 12 tokens each."""
        doc = self.doc
        lo, hi = _title_start(toks[0]), toks[-1].i + 1
        root = toks[-1]
        while root.dep_ == "compound" and root.head.i > root.i:
            root = root.head
        if lo > 1 and doc[lo - 1].text == "," and root.dep_ == "appos" and root.head.i < lo:
            lo = root.head.left_edge.i  # "the Democratic leader, Senator X"
        for _ in range(2):
            if hi >= len(doc) or doc[hi].text not in (",", "(", "of"):
                break
            close = ")" if doc[hi].text == "(" else ","
            end = None
            for j in range(hi + 1, min(hi + 13, len(doc))):
                if doc[j].text == close:
                    end = j + 1 if close == ")" else j
                    break
                if doc[j].is_quote or doc[j].is_sent_start or doc[j].pos_ in ("VERB", "AUX"):
                    break
            if end is None:
                break
            hi = end
        return self.text[doc[lo].idx:doc[hi - 1].idx + len(doc[hi - 1].text)]

    def description(self, name: str) -> str:
        """Every description of the person ``name`` in the document (titles and
        appositions of each mention with the same surname, :meth:`describe_mention`),
        joined with " | "; the empty string for a name that is no person mentioned."""
        key = name.split()[-1].lower() if name.split() else ""
        out: list[str] = []
        for m in self.persons:
            if m.key == key and m.root.lower_ not in PRONOUN_GENDER:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    text = self.describe_mention(list(span))
                    if text not in out:
                        out.append(text)
        return " | ".join(out)

    def full_name(self, mention: Mention) -> str:
        """The fullest name of the person ``mention`` refers to: the mention with the same
        surname and the most words, the latest such before it (else anywhere)."""
        same = [m for m in self.persons if m.key == mention.key
                and m.root.lower_ not in PRONOUN_GENDER]
        before = [m for m in same if m.start <= mention.start] or same or [mention]
        best = max(before, key=lambda m: (len(m.name.split()), m.start)).name
        if len(best.split()) == 1:  # "Wang" after "Wang Yi": a name written surname first
            first = [m.name for m in self.persons if len(m.name.split()) == 2
                     and m.name.split()[0].lower() == mention.key and m.start < mention.start]
            if first:
                return first[-1]
        return best

    def _agrees(self, mention: Mention, gender: str | None) -> bool:
        known = self.gender.get(mention.key)
        return gender is None or known is None or known == gender

    def _search(self, token: Token, accept) -> Mention | None:
        """The antecedent search of :meth:`antecedent` over mentions ``accept`` allows."""
        k = self._sent_index(token.idx)
        for j in range(k, max(k - ANTECEDENT_WINDOW, -1), -1):
            cands = [m for m in self.by_sent.get(j, ()) if m.end <= token.idx
                     and not m.quoted and (j < k or m.subject) and accept(m)]
            if cands:
                return min(cands, key=lambda m: (m.reported, m.depth, m.start))
        return None

    def antecedent(self, pronoun: Token) -> Mention | None:
        """The person a third-person pronoun ("he", "her") stands for (see the class);
        its :class:`Mention` carries the person's name, or None."""
        if pronoun.i in self._antecedents:
            return self._antecedents[pronoun.i]
        gender = PRONOUN_GENDER.get(pronoun.lower_)
        found = self._search(pronoun, lambda m: self._agrees(m, gender))
        if found is not None and found.named is not None:
            found = found.named  # a pronoun linked earlier: the person it names
        self._antecedents[pronoun.i] = found
        if found is not None:
            if pronoun.dep_ in ("nsubj", "nsubjpass"):  # a link for the next pronoun
                end = pronoun.idx + len(pronoun.text)
                link = Mention(pronoun.idx, end, found.name, found.key, pronoun, True,
                               depth(pronoun), False, found)
                row = self.by_sent.setdefault(self._sent_index(pronoun.idx), [])
                bisect.insort(row, link, key=lambda m: m.start)
        return found

    def described(self, head: Token) -> Mention | None:
        """The person a definite description ("the governor") stands for: the nearest
        earlier person with the head noun among its titles, else like a pronoun."""
        noun = head.lemma_.lower()
        nouns = {noun} | ROLE_SYNONYMS.get(noun, set())
        gender = GENDERED_NOUNS.get(noun)
        found = self._search(head, lambda m: bool(nouns & self.titles.get(m.key, set()))
                             and self._agrees(m, gender))
        if found is None:
            found = self._search(head, lambda m: self._agrees(m, gender))
        return None if found is None else found.named or found

    def name_of(self, head: Token, phrase: Span) -> tuple[str | None, Span | None]:
        """(name, antecedent span) of a source phrase: a pronoun's or a description's
        antecedent's full name with the antecedent's span (None for a pronoun without
        one), the full name of a person named in the phrase, else the phrase as written
        (and no antecedent)."""
        written = self.text[phrase.start_char:phrase.end_char]
        found = None
        if head.lower_ in PRONOUN_GENDER:
            if in_quote(head.idx, self.quote_marks) is not None:
                return None, None
            found = self.antecedent(head)
            if found is None:
                return None, None
        elif head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS and phrase[0].lower_ \
                in ("the", "this", "that") and not any(t.ent_type_ in NAME_ENTITIES
                                                       for t in phrase) \
                and not _unique_description(head):
            found = self.described(head)
        if found is not None:
            name = self.full_name(found)
            return name, self.doc.char_span(found.start, found.end, alignment_mode="expand")
        inside = [m for m in self.persons if phrase.start_char <= m.start < phrase.end_char
                  and m.root.lower_ not in PRONOUN_GENDER]
        if inside:
            best = min(inside, key=lambda m: (not m.start <= head.idx < m.end, m.start))
            return self.full_name(best), None
        return written, None

    # --- actors -----------------------------------------------------------------------------

    def actor_of(self, phrase: str) -> str | None:
        return self.resolver.resolve(phrase)

    def resolve(self, head: Token, phrase: Span, speaker_actor: str | None = None,
                quoted: bool = False, speaker: bool = False) -> tuple[str | None, str]:
        """(actor id or None, surface used) for a source or role phrase.

        ``speaker_actor`` is the actor of the source the phrase is reported by; inside a
        direct quote (``quoted``) "we" is the speaker and "they / them / their" is not.
        For a ``speaker`` (the source of a reporting verb), "it" / "they" and a definite
        organisation or document noun ("the organisation", "the statement") go to
        :meth:`group_antecedent`.
        """
        text = self.text[phrase.start_char:phrase.end_char]
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"),
                     None) if head.pos_ == "NOUN" and owner is not None else None
        if appos is not None:
            # "Trump's son Donald Trump Jr.": the person named, not the possessor
            end = appos.idx + len(appos.text)
            if self.text[end:end + 1] == ".":
                end += 1  # "Jacob Sr." (the parser splits the period off)
            name = self.text[appos.left_edge.idx:end]
            actor = self.actor_of(name)
            if actor is not None or owner.pos_ == "PROPN":
                return actor, name
        actor = self.actor_of(text)
        if actor is not None:
            return actor, text
        if speaker and head.lower_ in ("it", "they") and \
                in_quote(head.idx, self.quote_marks) is None:
            group = self.group_antecedent(head)
            if group is not None:
                return group.key, text
        lower = head.lower_
        if lower in FIRST_PERSON:
            return (speaker_actor if quoted else None), text
        if lower in PERSON_PRONOUNS:
            person = self.person_for(head)
            if person is not None:
                return self.actor_of(person), person
            return None, text
        pron = next((t for t in phrase if t.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS
                     and t.dep_ in ("poss", "nsubj", "nsubjpass", "dobj", "pobj")), None)
        if pron is not None:
            if pron.lower_ in PERSON_PRONOUNS:
                person = self.person_for(pron)
                return (self.actor_of(person) if person else None), text
            mention = self.preceding_mention(pron.idx, exclude=speaker_actor if quoted and
                                             pron.lower_ in ("them", "they", "their")
                                             else None)
            if mention is not None:
                return mention.actor_id, text
        # a definite description repeating the head of an earlier mention: "the Army"
        if head.pos_ in ("PROPN", "NOUN") and any(t.lower_ == "the" for t in phrase):
            for m in reversed(self.mentions):
                if m.start < head.idx and m.surface.split()[-1].lower() == head.lower_:
                    return m.actor_id, text
        if head.pos_ == "PROPN" and (titled := self.titled_actor(head)) is not None:
            return titled, text
        if head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS:
            name, antecedent = self.name_of(head, phrase)
            if antecedent is not None:
                return self.actor_of(name), text
        if head.pos_ == "NOUN" and (apposed := self.apposed(head)) is not None:
            actor = self.actor_of(self.full_name(apposed))
            if actor is not None:
                return actor, text
        if speaker and head.pos_ == "NOUN" and head.lemma_.lower() in ORGANISATION_NOUNS \
                and phrase[0].lower_ in ("the", "this", "its") and not any(
                    t.pos_ == "PROPN" for t in phrase) and \
                in_quote(head.idx, self.quote_marks) is None:  # not "the Interfax agency"
            group = self.group_antecedent(head)
            if group is not None:
                return group.key, text
        # a head noun that, in this document, only ends mentions of one actor, and ends no
        # other actor's names: "police" where the article names the "Kenosha police"
        # (strict head match, Lee et al. 2013; institutions only: "troops" may be either
        # side's, named or not; "army" is no one's when two actors have armies)
        if head.pos_ == "NOUN" and head.lemma_.lower() not in GROUP_NOUNS | PERSON_NOUNS:
            owners = {m.actor_id for m in self.mentions if " " in m.surface.strip()
                      and m.surface.split()[-1].lower() == head.lower_}
            if len(owners) == 1 and self.head_owners.get(head.lower_, owners) == owners:
                return owners.pop(), text
        return None, text

    def titled_actor(self, head: Token) -> str | None:
        """The actor a surname's person was introduced with: "Armenian officer Arman
        Karapetyan ... Karapetyan fired" gives the second the first's actor, which its
        title words name (the cluster's attributes shared by its mentions, Lee et al.
        2013's string-match sieve). Only the words before the name count
        (:func:`_title_start`), not its appositions ("Ben Crump,
        the lawyer for Blake's family" is not Blake), and only where every earlier titled
        mention of that surname names the same one actor."""
        key = head.lower_
        actors = set()
        for m in self.persons:
            if m.key != key or m.start >= head.idx or m.root.lower_ in PRONOUN_GENDER:
                continue
            first = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if first is None:
                continue
            lo = _title_start(first[0])
            if lo == first.start:
                continue
            actor = self.actor_of(self.text[self.doc[lo].idx:m.end])
            if actor is not None:
                actors.add(actor)
        return actors.pop() if len(actors) == 1 else None

    def person_for(self, pronoun: Token) -> str | None:
        """The name a person pronoun stands for: outside quotation marks its antecedent's
        full name (:meth:`antecedent`), inside them the nearest person named before."""
        if in_quote(pronoun.idx, self.quote_marks) is None:
            found = self.antecedent(pronoun)
            return self.full_name(found) if found is not None else None
        return self.preceding_person(pronoun.idx)

    def preceding_person(self, char: int) -> str | None:
        """The nearest person named before ``char``."""
        best = None
        for start, _end, name in self.people:
            if start < char:
                best = name
        return best

    def preceding_mention(self, char: int, exclude: str | None = None):
        """The nearest actor mention (not a person) before ``char``."""
        best = None
        for m in self.mentions:
            if m.start >= char:
                break
            if m.kind != "person" and m.actor_id != exclude:
                best = m
        return best
