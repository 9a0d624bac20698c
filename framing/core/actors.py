"""Actors of an incident and the resolution of mentions and noun phrases to them.

An actor has a canonical name, a side (the colour it gets everywhere), aliases ("Artsakh
Defense Army", "Karabakh forces"), demonyms ("Azerbaijani", "Azeri") and people who speak or
act for it ("Ilham Aliyev" → Azerbaijan). Matching is dictionary-based with longest match
first, the usual first step of entity linking for a closed set of entities, on whole words
only ("Artsakh" never inside "Nagorno-Artsakh"), and a mention's ``surface`` is the text as
the article writes it. Case:

- aliases and demonyms match whatever their case ("Police" matches "police", "Indian Army"
  "Indian army");
- except an all-caps acronym ("US", "U.S.", "PLA") or a common function word ("May", "Who"):
  these match only as written, so "US" never matches "us";
- names (an actor's name, its people and their surnames) keep their capitals: as written or
  in capitals ("ARMENIA" in an upper-case headline), never in lower case ("Meadows" is not
  "meadows"); a name written in lower case is a description and matches in any case.

A bare institutional head is a surface too: "police" for "Kenosha police", "navy" for
"Ukrainian Navy" (:data:`INSTITUTION_HEADS`), as the head-match sieve of rule-based
coreference resolves "the police" to the force named earlier (Lee et al. 2013), when exactly
one actor has an alias with that head and the head is not written as an alias itself. It
matches only bare, after a function word or none ("the police", "Police said"): a modifier
or a possessive makes it someone else's ("Russian navy", "state police", "its military");
and except a local force ("police") only after its full alias in the same text. A generic
name of the institution stands for it like its head ("law enforcement" for the police,
:data:`HEAD_SYNONYMS`).

A demonym's plural is a surface too ("20 Indians" for "Indian"; not "Chinese").

A person's surname is a surface too ("Aliyev" for "Ilham Aliyev"), but never a suffix or an
initial ("Jr.", "B."), a function word, or a surname that people of two actors share (then
only their full names match). A name followed by a suffix that none of the actor's people
has ("Donald Trump Jr." when only "Donald Trump" is listed) is another person and matches no
actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

MENTION_KINDS = ("name", "alias", "demonym", "person", "head")
#: Heads of an institution's alias that stand for it alone ("the police" after "Kenosha
#: police"): forces, services and governing bodies, which a news text names once in full
#: and then by the head (Lee et al. 2013's head match). Not people nouns ("officials"),
#: which any side has.
INSTITUTION_HEADS = frozenset({
    "police", "army", "navy", "military", "militia", "government", "ministry",
    "administration", "parliament", "embassy", "coastguard", "fleet", "guard", "patrol"})
#: Of these, the heads that stand for the local force of a story without being named in
#: full first ("police shot a man"); every other needs its full alias earlier in the same
#: text (the antecedent of Lee et al. 2013's head match): each country has an army and a
#: government, so "the military" is only the one the text has just named.
LOCAL_HEADS = frozenset({"police", "patrol"})
#: Generic names of an institution, read as its bare head ("law enforcement responded with
#: tear gas" where the story's police are the "Kenosha police"): WordNet's synonyms of the
#: head's sense (law enforcement agency = police).
HEAD_SYNONYMS = {"law enforcement": "police"}
#: Possessive determiners: "its military" is the military of whoever "its" is.
POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
#: Name suffixes that are never a surname ("Jacob Blake Jr." gives "Blake", not "Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: A name suffix right after a match: "Donald Trump Jr." is not "Donald Trump".
_SUFFIX_AFTER = re.compile(r",?\s+(Jr|Sr|II|III|IV)\b\.?")
#: The word right before a position on its line, across spaces only ("the" in "the police";
#: a headline above is not before the body's first word).
_WORD_BEFORE = re.compile(r"([\w'’.]+)[^\S\n]+$")


@dataclass(frozen=True)
class Actor:
    """A party to the incident: ``side`` groups actors (e.g. Armenia and Artsakh)."""

    id: str
    name: str
    side: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """Every (surface string, kind) that refers to this actor; surnames of people too."""
        yield self.name, "name"
        if "(" in self.name and self.name.split("(")[0].strip():
            # "India (government and army)": the name before its gloss is a name too
            yield self.name.split("(")[0].strip(), "name"
        for alias in self.aliases:
            yield alias, "alias"
        for demonym in self.demonyms:
            yield demonym, "demonym"
        for person in self.people:
            yield person, "person"

    def fragments(self) -> Iterator[str]:
        """The surnames of this actor's people (:func:`surname`), which match as a person."""
        for person in self.people:
            last = surname(person)
            if last:
                yield last


def demonym_plural(demonym: str) -> str | None:
    """The people a demonym names, as a plural noun ("20 Indians", "Armenians", "Azeris"),
    or None where the plural is the word itself ("Chinese", "British", "Swiss")."""
    word = _norm(demonym)
    if not word or " " in word or word.lower().endswith(("ese", "sh", "ch", "s", "x", "z")):
        return None
    return word + "s"


def surname(person: str) -> str | None:
    """The bare last name of a multi-word name, or None: suffixes are dropped ("Jacob Blake
    Jr." → "Blake"), and an initial, an abbreviation or a function word is no surname."""
    words = person.split()
    while words and words[-1].lower().strip(".,") in NAME_SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    last = words[-1].strip(",")
    if sum(c.isalpha() for c in last) < 2 or last.endswith(".") or last.lower() in STOP_WORDS:
        return None
    return last


@dataclass(frozen=True)
class Place:
    """A contested place and the alternative names outlets use for it."""

    id: str
    name: str
    variants: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    """One actor mention found in a text: character span, surface, actor and how it matched."""

    start: int
    end: int
    surface: str
    actor_id: str
    kind: str


def _norm(surface: str) -> str:
    return re.sub(r"\s+", " ", surface.strip())


def is_acronym(surface: str) -> bool:
    """All letters in capitals, two or more: "US", "U.S.", "PLA", "OSCE"."""
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def match_rule(surface: str, kind: str) -> str:
    """How a surface matches: ``exact`` (an acronym or a function word: only as written),
    ``name`` (a name with capitals: as written or in capitals) or ``any`` case."""
    if is_acronym(surface) or surface.lower() in STOP_WORDS:
        return "exact"
    if kind in ("name", "person") and any(c.isupper() for c in surface):
        return "name"
    return "any"


def _key(surface: str, rule: str) -> str:
    return _norm(surface) if rule == "exact" else _norm(surface).casefold()


def alias_conflicts(actors: Iterable[Actor]) -> dict[str, set[str]]:
    """Surfaces written for more than one actor (a configuration error), compared as they
    match (case-insensitively unless only the written form matches)."""
    owners: dict[str, set[str]] = {}
    shown: dict[str, str] = {}  # key -> the surface as first written
    for actor in actors:
        for surface, kind in actor.surfaces():
            if surface.strip():
                key = _key(surface, match_rule(surface, kind))
                shown.setdefault(key, _norm(surface))
                owners.setdefault(key, set()).add(actor.id)
    return {shown[k]: ids for k, ids in owners.items() if len(ids) > 1}


def _compile(surfaces: Iterable[str], flags: int) -> re.Pattern[str] | None:
    """The longest of ``surfaces`` that starts at each position (group 1; a lookahead, so
    overlapping candidates are all found), matching whole words only."""
    ordered = sorted(set(surfaces), key=len, reverse=True)
    if not ordered:
        return None
    alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)
    return re.compile(rf"(?<![\w-])(?=((?:{alternation}))(?!\w))", flags)


class ActorResolver:
    """Find actor mentions in text and resolve noun phrases to actors (longest match wins)."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors = list(actors)
        self._exact: dict[str, tuple[str, str]] = {}  # as written (and names in capitals)
        self._folded: dict[str, tuple[str, str]] = {}  # case-folded
        written: set[str] = set()
        for actor in self.actors:
            for surface, kind in actor.surfaces():
                if surface.strip():
                    self._add(surface, actor.id, kind)
                    written.add(_norm(surface).casefold())
        for actor in self.actors:
            for demonym in actor.demonyms:
                plural = demonym_plural(demonym)
                if plural and plural.casefold() not in written:
                    self._add(plural, actor.id, "demonym")
        owners: dict[str, set[str]] = {}
        for actor in self.actors:
            for last in actor.fragments():
                owners.setdefault(last, set()).add(actor.id)
        for last, ids in owners.items():
            if len(ids) == 1 and last.casefold() not in written:
                self._add(last, next(iter(ids)), "person")
        heads: dict[str, set[str]] = {}
        for actor in self.actors:
            for alias in actor.aliases:
                words = _norm(alias).split()
                if len(words) > 1 and words[-1].casefold() in INSTITUTION_HEADS:
                    heads.setdefault(words[-1].casefold(), set()).add(actor.id)
        #: bare heads (see the module docstring): head -> actor id
        self._heads = {h: next(iter(ids)) for h, ids in heads.items()
                       if len(ids) == 1 and h not in written}
        self._heads.update({syn: self._heads[head] for syn, head in HEAD_SYNONYMS.items()
                            if head in self._heads and syn not in written})
        self._suffixes = {a.id: {w.lower().strip(".,") for p in a.people for w in p.split()[1:]
                                 if w.lower().strip(".,") in NAME_SUFFIXES} for a in self.actors}
        self._exact_re = _compile(self._exact, 0)
        self._folded_re = _compile(self._folded, re.IGNORECASE)
        self._heads_re = _compile(self._heads, re.IGNORECASE)

    def _add(self, surface: str, actor_id: str, kind: str) -> None:
        surface = _norm(surface)
        rule = match_rule(surface, kind)
        if rule == "any":
            self._folded.setdefault(surface.casefold(), (actor_id, kind))
            return
        self._exact.setdefault(surface, (actor_id, kind))
        if rule == "name":
            self._exact.setdefault(surface.upper(), (actor_id, kind))

    def find(self, text: str) -> list[Match]:
        """All non-overlapping mentions in ``text``, longest first, in text order; each
        ``surface`` is the text as written there."""
        candidates: list[Match] = []
        for pattern, table, fold in ((self._exact_re, self._exact, False),
                                     (self._folded_re, self._folded, True)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                key = _norm(m.group(1))
                hit = table.get(key.casefold() if fold else key)
                suffix = _SUFFIX_AFTER.match(text, m.end(1))
                if hit and hit[1] in ("name", "person") and suffix and \
                        suffix.group(1).lower() not in self._suffixes.get(hit[0], ()):
                    continue  # "Donald Trump Jr." when no "... Jr." is listed
                if hit:
                    candidates.append(Match(m.start(1), m.end(1), m.group(1), hit[0], hit[1]))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: list[Match] = []
        for cand in candidates:
            if all(cand.end <= t.start or cand.start >= t.end for t in taken):
                taken.append(cand)
        if self._heads_re is not None:
            for m in self._heads_re.finditer(text):
                start, end = m.start(1), m.end(1)
                before = _WORD_BEFORE.search(text, max(0, start - 40), start)
                word = before.group(1) if before is not None else ""
                head = " ".join(m.group(1).casefold().split())
                actor = self._heads[head]
                head = HEAD_SYNONYMS.get(head, head)
                if any(t.start < end and t.end > start for t in taken) or (word and (
                        word.lower() not in STOP_WORDS or word.lower() in POSSESSIVES
                        or is_acronym(word))):
                    continue  # "Russian navy", "US police", "its military": not bare
                if head not in LOCAL_HEADS and not any(
                        t.end <= start and t.actor_id == actor and t.kind == "alias"
                        and _norm(t.surface).split()[-1].casefold() == head for t in taken):
                    continue  # "the military" with no "Armenian military" before it
                taken.append(Match(start, end, m.group(1), actor, "head"))
        return sorted(taken, key=lambda m: m.start)

    def resolve(self, text: str) -> str | None:
        """The actor a noun phrase refers to: its longest actor mention, or None."""
        matches = self.find(text)
        if not matches:
            return None
        return max(matches, key=lambda m: m.end - m.start).actor_id

    def side(self, actor_id: str | None) -> str | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor.side
        return None
