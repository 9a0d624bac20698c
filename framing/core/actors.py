"""Actors of an incident and the resolution of mentions and noun phrases to them.

An actor has a canonical name, a side (the colour it gets everywhere), aliases ("Artsakh
Defense Army", "Karabakh forces"), demonyms ("Azerbaijani", "Azeri") and people who speak or
act for it ("Ilham Aliyev" → Azerbaijan). Matching is dictionary-based with longest match
first, the usual first step of entity linking for a closed set of entities; an alias written
with a capital letter matches case-sensitively (a name), an all-lower-case alias
("separatists", "peacekeepers") case-insensitively (a description).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MENTION_KINDS = ("name", "alias", "demonym", "person")


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
            parts = person.split()
            if len(parts) > 1:
                yield parts[-1], "person"


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


def _key(surface: str) -> str:
    return surface if any(c.isupper() for c in surface) else surface.lower()


def alias_conflicts(actors: Iterable[Actor]) -> dict[str, set[str]]:
    """Surfaces claimed by more than one actor (a configuration error)."""
    owners: dict[str, set[str]] = {}
    for actor in actors:
        for surface, _ in actor.surfaces():
            owners.setdefault(_key(surface.strip()), set()).add(actor.id)
    return {s: ids for s, ids in owners.items() if len(ids) > 1}


def _compile(surfaces: list[str], flags: int) -> re.Pattern[str] | None:
    if not surfaces:
        return None
    ordered = sorted(set(surfaces), key=len, reverse=True)
    alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)", flags)


class ActorResolver:
    """Find actor mentions in text and resolve noun phrases to actors (longest match wins)."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors = list(actors)
        self._lookup: dict[str, tuple[str, str]] = {}
        sensitive, insensitive = [], []
        for actor in self.actors:
            for surface, kind in actor.surfaces():
                surface = surface.strip()
                if not surface:
                    continue
                key = _key(surface)
                self._lookup.setdefault(key, (actor.id, kind))
                is_name = any(c.isupper() for c in surface)
                (sensitive if is_name else insensitive).append(surface)
        self._sensitive = _compile(sensitive, 0)
        self._insensitive = _compile(insensitive, re.IGNORECASE)

    def _lookup_surface(self, surface: str) -> tuple[str, str] | None:
        norm = re.sub(r"\s+", " ", surface)
        return self._lookup.get(norm) or self._lookup.get(norm.lower())

    def find(self, text: str) -> list[Match]:
        """All non-overlapping mentions in ``text``, longest first, in text order."""
        candidates: list[Match] = []
        for pattern in (self._sensitive, self._insensitive):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                hit = self._lookup_surface(m.group(0))
                if hit:
                    candidates.append(Match(m.start(), m.end(), m.group(0), hit[0], hit[1]))
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: list[Match] = []
        for cand in candidates:
            if all(cand.end <= t.start or cand.start >= t.end for t in taken):
                taken.append(cand)
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
