"""Propose an incident's actors from the named entities of its articles.

A first draft of ``incident.yml``'s actors, for a person to confirm, never to be trusted as
it is. From spaCy's named entities (Honnibal et al., ``en_core_web_sm``) over every
article's document:

- **countries**: a country's name, other names, demonyms and metonyms ("Armenia",
  "Armenian", "Yerevan", "the Kremlin") are one actor, from the project's table
  ``countries.tsv``; a place or group the table lacks is matched to a demonym by a shared
  stem ("Artsakh" / "Artsakhi", "Karabakh" / "Karabakhi");
- **organisations** named after a country or group ("Azerbaijani Defence Ministry", "Indian
  Army") are that actor's aliases; other organisations are actors of their own, their names
  grouped when one contains the other ("Minsk Group", "OSCE Minsk Group") or is its acronym;
- **people** (named once is enough, with a first and last name) are linked to the actor
  the text ties them to: a country, group or
  organisation in the noun phrase before the name or in an apposition ("Armenian Prime
  Minister Nikol Pashinyan", "Dmitry Peskov, the Kremlin spokesman"; the appositive
  relation, Nivre et al. 2016), by majority over their mentions; a person tied to nothing
  is an actor of their own; a surname alone is the same person.

Each proposal records its mentions, its articles and the phrases that tied a person to it,
so the written file can say why. Sides are left to the user: each actor is proposed as its
own side. News agencies and the outlets themselves are sources, not actors, and are left out.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from framing.core.actors import Actor, alias_conflicts
from framing.core.corpus import Article
from framing.core.speakers import PERSON_NOUNS
from framing.incidents.entities import entity_key

COUNTRIES_TSV = Path(__file__).with_name("countries.tsv")
ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
#: Wire agencies: quoted as the source of a report, not actors in it.
AGENCIES = frozenset({"afp", "ap", "reuters", "associated press", "agence france-presse",
                      "agence france presse", "pti", "ians", "dpa", "upi", "efe", "ansa"})
MIN_MENTIONS = 2  # an entity named once is listed in a comment, not proposed
#: Words of a news medium's name: "India Today", "Times of India" and "Press Trust of India"
#: are media (sources), never aliases of the country they are named after.
MEDIA_WORDS = frozenset({"times", "today", "post", "news", "daily", "herald", "express",
                         "tribune", "journal", "gazette", "telegraph", "chronicle", "press",
                         "observer", "tv", "television", "radio", "broadcasting", "media",
                         "newspaper", "magazine", "mail", "channel"})
#: Prepositions of place: a one-word "person" mostly their object ("in Ladakh", "eastern
#: Ladakh") is a place the tagger took for a name.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "along", "inside", "into",
                                "around", "within", "throughout", "toward", "towards"})
COMPASS = frozenset({"eastern", "western", "northern", "southern", "north", "south", "east",
                     "west", "northeastern", "northwestern", "southeastern", "southwestern",
                     "central"})
#: Nouns of a place a name can modify ("the disputed Ladakh region").
PLACE_NOUNS = frozenset({"region", "valley", "area", "sector", "province", "state",
                         "district", "city", "town", "village", "territory", "border",
                         "frontier", "county", "river", "mountains", "plateau"})


@dataclass(frozen=True)
class Country:
    """One row of ``countries.tsv``."""

    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]


@cache
def countries() -> dict[str, tuple[Country, str]]:
    """Every surface of ``countries.tsv`` (its entity key) -> (country, kind), where kind is
    ``name``, ``alias``, ``demonym`` or ``metonym``."""
    table: dict[str, tuple[Country, str]] = {}
    with open(COUNTRIES_TSV, encoding="utf-8") as handle:
        rows = [line for line in handle if line.strip() and not line.startswith("#")]
    for n, row in enumerate(csv.DictReader(rows, delimiter="\t"), start=2):
        if not row.get("name"):
            raise ValueError(f"{COUNTRIES_TSV}: row {n}: empty name")

        def split(value: str | None) -> tuple[str, ...]:
            return tuple(v.strip() for v in (value or "").split("|") if v.strip())

        country = Country(row["name"], split(row.get("aliases")), split(row.get("demonyms")),
                          split(row.get("metonyms")))
        table.setdefault(entity_key(country.name), (country, "name"))
        for kind, values in (("alias", country.aliases), ("demonym", country.demonyms),
                             ("metonym", country.metonyms)):
            for value in values:
                table.setdefault(entity_key(value), (country, kind))
    return table


@dataclass
class Mention:
    """One named-entity mention: article, span, surface, label and key."""

    article: int
    start: int
    end: int
    surface: str
    label: str
    key: str


@dataclass
class ProposedActor:
    """A proposed actor with the evidence behind it."""

    id: str
    name: str
    kind: str  # country, group, organisation or person
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    mentions: int = 0
    articles: set[int] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)  # surface -> why it is here

    def to_actor(self) -> Actor:
        """As an :class:`~framing.core.actors.Actor`, its own side."""
        return Actor(self.id, self.name, self.id, list(self.aliases), list(self.demonyms),
                     list(self.people))


DASH_JOINED = re.compile(r"\s[-–—]\s")


def _stem_match(a: str, b: str) -> bool:
    """Whether a demonym and a place share a stem ("artsakhi" / "artsakh", "turkish" /
    "turkey"): a common prefix of at least four letters, all but two of the shorter."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 2


def _acronym(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", text) if w[0].isupper())


class _Clusters:
    """Union of surfaces into actors, keyed by an actor key."""

    def __init__(self) -> None:
        self.of: dict[str, str] = {}  # entity key -> actor key
        self.kind: dict[str, str] = {}
        self.name: dict[str, str] = {}
        self.surfaces: dict[str, Counter] = defaultdict(Counter)  # actor -> (surface, role)
        self.count: Counter = Counter()
        self.articles: dict[str, set[int]] = defaultdict(set)
        self.notes: dict[str, dict[str, str]] = defaultdict(dict)

    def add(self, actor: str, kind: str, name: str, mention: Mention, role: str) -> None:
        self.kind.setdefault(actor, kind)
        self.name.setdefault(actor, name)
        self.of.setdefault(mention.key, actor)
        self.surfaces[actor][(mention.surface, role)] += 1
        self.count[actor] += 1
        self.articles[actor].add(mention.article)


def _mentions(articles: Sequence[Article], docs: Sequence) -> list[Mention]:
    """Actor-like entity mentions; an agency, and an outlet in its own article, are left
    out (another outlet quoting it makes it a source worth listing)."""
    out = []
    for n, doc in enumerate(docs):
        own = entity_key(articles[n].outlet)
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            surface = re.sub(r"^(the|The)\s+", "", ent.text.strip())
            surface = re.sub(r"['’]s?$", "", surface).strip()
            key = entity_key(surface)
            if not key or not any(c.isalpha() for c in key) or key in AGENCIES \
                    or key == own or len(key) < 2:
                continue
            out.append(Mention(n, ent.start_char, ent.end_char, surface, ent.label_, key))
    return out


def _news_medium(key: str, outlets: set[str]) -> bool:
    """Whether an organisation is a news medium: one of the incident's outlets, or named
    with a word of :data:`MEDIA_WORDS`."""
    return key in outlets or any(w in MEDIA_WORDS for w in key.split())


def _placed(key: str, docs: Sequence) -> bool:
    """Whether most of the tagger's PERSON mentions of ``key`` stand where a place does: the
    object of a preposition of place, after a compass word, or naming a place noun ("in
    Ladakh", "eastern Ladakh's Galwan valley", "the disputed Ladakh region")."""
    places = total = 0
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON" or entity_key(
                    re.sub(r"['’]s?$", "", ent.text.strip())) != key:
                continue
            total += 1
            root = ent.root
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            places += (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS) \
                or before in COMPASS \
                or (root.dep_ == "compound" and root.head.lower_ in PLACE_NOUNS)
    return total > 0 and places * 2 > total


def _person_links(doc, ent, ent_at: dict[int, object]) -> list[tuple[str, str]]:
    """(entity text, label) of the countries, groups and organisations tied to a person
    mention: in the noun phrase before the name or in an apposition to it."""
    root = ent.root
    tokens = [t for t in root.subtree if t.i < ent.start]
    for child in root.children:
        if child.dep_ == "appos":
            tokens.extend(child.subtree)
    if root.dep_ == "appos":  # "the Kremlin spokesman, Dmitry Peskov"
        head = root.head
        tokens.extend(t for t in head.subtree if t.i < head.i or t.i == head.i)
    found = []
    for tok in tokens:
        other = ent_at.get(tok.i)
        if other is not None and other is not ent and other.label_ in ("GPE", "NORP", "ORG"):
            found.append((other.text, other.label_))
    return list(dict.fromkeys(found))


def propose_actors(articles: Sequence[Article], *, min_mentions: int = MIN_MENTIONS,
                   spacy_model: str | None = None) -> tuple[list[ProposedActor], list[str]]:
    """Proposed actors of an incident's articles, most mentioned first, and the entities
    named fewer than ``min_mentions`` times (for a comment)."""
    from framing.core.nlp import load_nlp, parse_texts

    docs = parse_texts([a.document for a in articles], load_nlp(spacy_model))
    mentions = _mentions(articles, docs)
    outlets = {entity_key(a.outlet) for a in articles}
    table = countries()
    clusters = _Clusters()
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[m.key].append(m)

    # 1. countries (table), then places and groups the table lacks
    places = {k for k, ms in by_key.items() if ms[0].label in ("GPE", "NORP")
              and k not in table and Counter(m.label for m in ms).most_common(1)[0][0] == "GPE"}
    for key, ms in by_key.items():
        if key in table:
            country, role = table[key]
            for m in ms:
                clusters.add(entity_key(country.name), "country", country.name, m, role)
    for key in sorted(places, key=lambda k: -len(by_key[k])):
        for m in by_key[key]:
            clusters.add(key, "group", by_key[key][0].surface, m, "name")
    for key, ms in by_key.items():
        if key in clusters.of or ms[0].label != "NORP":
            continue
        place = next((p for p in places if _stem_match(key, p)), None)
        for m in ms:
            if place:
                clusters.add(place, "group", by_key[place][0].surface, m, "demonym")
            else:
                clusters.add(key, "group", m.surface, m, "demonym")

    # 2. organisations: named after a country or group, else their own (grouped)
    # a span across a dash is two names run together by the tagger (the headline "clash
    # with India - Global Times editor"), no organisation: named after neither
    orgs = [k for k, ms in by_key.items() if k not in clusters.of
            and Counter(m.label for m in ms).most_common(1)[0][0] == "ORG"
            and not DASH_JOINED.search(k)]
    country_words = {k: a for k, a in clusters.of.items()
                     if clusters.kind.get(a) in ("country", "group")
                     and not (k in table and table[k][1] == "metonym")}
    for key in orgs:  # a one-word organisation that others are named after ("Artsakh")
        if " " not in key and any(k.startswith(f"{key} ") for k in orgs):
            for m in by_key[key]:
                clusters.add(key, "group", by_key[key][0].surface, m, "name")
            country_words[key] = key
    org_surface: dict[str, str] = {}
    for key in sorted(orgs, key=len, reverse=True):  # longer names first
        if key in clusters.of:
            continue
        owner = None
        if _news_medium(key, outlets):  # "India Today" is no alias of India
            org_surface[key] = by_key[key][0].surface
            for m in by_key[key]:
                clusters.add(key, "organisation", m.surface, m, "name")
            continue
        for words in (2, 1):  # "Azerbaijani Defence Ministry", "Indian Army"
            head = " ".join(key.split()[:words])
            if len(key.split()) > words and head in country_words:
                owner = country_words[head]
                break
        tail = key.rsplit(" of ", 1)[-1] if " of " in key else None
        if owner is None and tail in country_words:  # "People's Liberation Army of China"
            owner = country_words[tail]
        if owner is None:  # "Minsk Group" in "OSCE Minsk Group"; "OSCE" its acronym
            owner = next((clusters.of[k] for k, surface in org_surface.items()
                          if (" " in key and f" {key} " in f" {k} ")
                          or key == _acronym(surface).casefold()),
                         None)
        org_surface[key] = by_key[key][0].surface
        for m in by_key[key]:
            if owner:
                clusters.add(owner, clusters.kind[owner], clusters.name[owner], m, "alias")
            else:
                clusters.add(key, "organisation", m.surface, m, "name")

    # 3. people: a surname alone is the person; link each to an actor by majority
    # a lone title the tagger takes for a name ("Chinese State Councilor and Foreign
    # Minister Wang Yi" -> "Councilor") is no person
    people = [k for k, ms in by_key.items() if k not in clusters.of
              and Counter(m.label for m in ms).most_common(1)[0][0] == "PERSON"
              and k not in PERSON_NOUNS]
    full = {k for k in people if len(k.split()) > 1}
    # a one-word "person" no full name ends with, mostly named as a place: a place
    for key in [k for k in people if k not in full and _placed(k, docs)
                and not any(f.split()[-1] == k for f in full)]:
        people.remove(key)
        for m in by_key[key]:
            clusters.add(key, "group", by_key[key][0].surface, m, "name")
    person_of: dict[str, str] = {}
    for key in people:
        if key in full:
            person_of[key] = key
        else:
            owners = [f for f in full if f.split()[-1] == key]
            person_of[key] = owners[0] if len(owners) == 1 else key
    votes: dict[str, Counter] = defaultdict(Counter)
    why: dict[str, str] = {}
    for doc in docs:
        ent_at = {t.i: e for e in doc.ents for t in e}
        for ent in doc.ents:
            key = entity_key(re.sub(r"['’]s?$", "", ent.text.strip()))
            if ent.label_ != "PERSON" or key not in person_of:
                continue
            for text, _label in _person_links(doc, ent, ent_at):
                owner = clusters.of.get(entity_key(re.sub(r"^(the|The)\s+", "", text)))
                if owner:
                    votes[person_of[key]][owner] += 1
                    sent = ent.sent.text.strip().replace("\n", " ")
                    why.setdefault(f"{person_of[key]}|{owner}", sent[:120])
    for key in people:
        person = person_of[key]
        shown = max((m.surface for m in by_key[person]), key=len) if person in by_key else \
            by_key[key][0].surface
        owner = votes[person].most_common(1)[0][0] if votes[person] else None
        for m in by_key[key]:
            if owner:
                clusters.add(owner, clusters.kind[owner], clusters.name[owner], m, "person")
                clusters.notes[owner].setdefault(shown, why.get(f"{person}|{owner}", ""))
            else:
                clusters.add(person, "person", shown, m, "person")

    proposed, rare = _finish(clusters, min_mentions)
    _add_group_nouns(proposed, docs, clusters)
    _add_group_actors(proposed, docs, min_mentions)
    _add_titles(proposed, docs)
    _drop_conflicts(proposed)
    return proposed, rare


def _title_before(ent) -> str | None:
    """The title written right before a person's name ("Governor" of "Democratic Governor
    Tony Evers", "attorney general" of "Wisconsin Attorney General Josh Kaul"), or None."""
    words = []
    i = ent.start - 1
    while i >= ent.sent.start and ent.doc[i].lower_ in PERSON_NOUNS and len(words) < 2:
        words.insert(0, ent.doc[i].text)
        i -= 1
    return " ".join(words) or None


def _add_titles(proposed: list[ProposedActor], docs: Sequence, min_uses: int = 2) -> None:
    """A title that, across the incident, stands before the names of one actor's people only
    ("Governor Tony Evers" every time a governor is named) is proposed as that actor's alias:
    the only governor of the incident is "the governor" too (a unique head, as in Lee et al.
    2013's strict head match), with a note to confirm. A title used with two actors' people
    ("Foreign Minister Wang Yi", "External Affairs Minister S. Jaishankar") is left out."""
    people = {entity_key(q): p for p in proposed for q in p.people}
    people.update({entity_key(q.split()[-1]): p for p in proposed for q in p.people
                   if len(q.split()) > 1})
    uses: dict[str, Counter] = defaultdict(Counter)
    shown: dict[str, tuple[str, str]] = {}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            title = _title_before(ent)
            owner = people.get(entity_key(re.sub(r"['’]s?$", "", ent.text.strip())))
            if title is None or owner is None:
                continue
            key = title.casefold()
            uses[key][owner.id] += 1
            shown.setdefault(key, (title, ent.text.strip()))
    by_id = {p.id: p for p in proposed}
    for key, owners in uses.items():
        if len(owners) != 1 or sum(owners.values()) < min_uses:
            continue
        owner = by_id[next(iter(owners))]
        title, person = shown[key]
        if key in {s.casefold() for s in (owner.name, *owner.aliases, *owner.people)}:
            continue
        owner.aliases.append(title)
        owner.notes.setdefault(title, f"the title of {person}, the only one named with it "
                                      f"({sum(owners.values())} times): the same person?")


GROUP_NOUNS_TSV = Path(__file__).with_name("group_nouns.tsv")


@cache
def group_nouns() -> dict[str, str]:
    """noun -> group name, from ``group_nouns.tsv``."""
    with open(GROUP_NOUNS_TSV, encoding="utf-8") as handle:
        rows = [line for line in handle if line.strip() and not line.startswith("#")]
    out: dict[str, str] = {}
    for n, row in enumerate(csv.DictReader(rows, delimiter="\t"), start=2):
        if not row.get("name") or not row.get("nouns"):
            raise ValueError(f"{GROUP_NOUNS_TSV}: row {n}: needs a name and nouns")
        for noun in row["nouns"].split("|"):
            out.setdefault(noun.strip().lower(), row["name"].strip())
    return out


def _add_group_actors(proposed: list[ProposedActor], docs: Sequence, min_mentions: int
                      ) -> None:
    """Propose groups that news names by common nouns ("officers", "protesters",
    :data:`GROUP_NOUNS_TSV`) when written on their own at least ``min_mentions`` times; a
    proposed organisation named with one of the nouns ("Kenosha Police Department") joins
    the group as an alias."""
    nouns = group_nouns()
    taken = {s.casefold() for p in proposed for s in (p.name, *p.aliases, *p.demonyms,
                                                      *p.people)}
    found: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, set[int]] = defaultdict(set)
    for n, doc in enumerate(docs):
        for tok in doc:
            group = nouns.get(tok.text.lower())
            if group is None or tok.ent_type_ or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(c.ent_type_ in ("NORP", "GPE", "ORG") for c in tok.lefts):
                continue  # "Russian peacekeepers": the named actor's (group-noun rule)
            phrase = _group_noun(tok)
            if phrase.split()[0] not in nouns:
                phrase = tok.text.lower()  # "riot police" -> "police"
            found[group][phrase] += 1
            articles[group].add(n)
    for group, phrases in sorted(found.items(), key=lambda g: -sum(g[1].values())):
        total = sum(phrases.values())
        surfaces = [ph for ph, _c in phrases.most_common() if ph.casefold() not in taken]
        if total < min_mentions or not surfaces or group.casefold() in taken:
            continue
        actor = ProposedActor(_slug(group), group, "group", mentions=total,
                              articles=set(articles[group]))
        actor.aliases = [s for s in surfaces if s != group]
        actor.notes[actor.aliases[0] if actor.aliases else group] = (
            f"a common noun written {total} times without a name: which "
            f"{group} (whose side)?")
        def named_with(surface: str, group: str = group) -> bool:
            return any(nouns.get(w) == group for w in entity_key(surface).split())

        for other in list(proposed):  # "Kenosha Police Department" -> police
            if other.kind == "organisation" and named_with(other.name):
                actor.aliases += [other.name, *other.aliases]
                actor.mentions += other.mentions
                actor.articles |= other.articles
                proposed.remove(other)
                continue
            moved = [a for a in other.aliases if named_with(a)]
            if moved:
                actor.aliases += moved
                other.aliases = [a for a in other.aliases if a not in moved]
        taken.update(s.casefold() for s in (group, *actor.aliases))
        proposed.append(actor)
    proposed.sort(key=lambda p: -p.mentions)


#: How often a group noun must be written with one actor's modifier, and which share of
#: its modified uses that actor must have, to be proposed as the actor's alias.
GROUP_NOUN_MIN = 2
GROUP_NOUN_SHARE = 0.8


def _group_noun(head) -> str:
    """A noun and its non-entity compounds: "peacekeeping forces", "peacekeepers"."""
    words = [t for t in head.lefts if t.dep_ == "compound" and not t.ent_type_
             and t.is_alpha] + [head]
    return " ".join(t.text.lower() for t in sorted(words, key=lambda t: t.i))


def _add_group_nouns(proposed: list[ProposedActor], docs: Sequence, clusters: _Clusters
                     ) -> None:
    """Propose a group noun as an actor's alias when the articles write it with that
    actor's demonym or name ("Russian peacekeepers") and also alone ("the peacekeepers"):
    the bare noun then most likely means the same group. Only plural or collective nouns
    modified by one actor in at least :data:`GROUP_NOUN_SHARE` of their modified uses."""
    by_id = {p.name: p for p in proposed}
    owner_of = {k: clusters.name[a] for k, a in clusters.of.items()}
    modified: dict[str, Counter] = defaultdict(Counter)
    bare: Counter = Counter()
    for doc in docs:
        ent_at = {t.i: e for e in doc.ents for t in e}
        for tok in doc:
            if tok.pos_ != "NOUN" or tok.ent_type_ or tok.tag_ not in ("NNS", "NN"):
                continue
            if tok.tag_ == "NN" and tok.dep_ == "compound":
                continue
            phrase = _group_noun(tok)
            mods = [c for c in tok.lefts if c.ent_type_ in ("NORP", "GPE", "ORG")
                    and c.dep_ in ("amod", "compound", "nmod", "poss")]
            owner = None
            for mod in mods:
                ent = ent_at.get(mod.i)
                if ent is not None:
                    owner = owner_of.get(entity_key(re.sub(r"['’]s?$", "", ent.text)))
            if owner:
                modified[phrase][owner] += 1
            elif tok.tag_ == "NNS" and not any(c.dep_ in ("amod", "compound", "poss")
                                                and c.pos_ in ("PROPN", "ADJ")
                                                for c in tok.lefts):
                bare[phrase] += 1
    taken = {s.casefold() for p in proposed for s in (p.name, *p.aliases, *p.demonyms,
                                                      *p.people)}
    for phrase, owners in modified.items():
        owner, n = owners.most_common(1)[0]
        if n >= GROUP_NOUN_MIN and n / sum(owners.values()) >= GROUP_NOUN_SHARE \
                and bare[phrase] and phrase not in taken and owner in by_id:
            actor = by_id[owner]
            actor.aliases.append(phrase)
            actor.notes[phrase] = (f"written {n} times with {owner}'s name, {bare[phrase]} "
                                   "times alone: the same group?")
            taken.add(phrase)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")[:40] or "actor"


def _finish(clusters: _Clusters, min_mentions: int) -> tuple[list[ProposedActor], list[str]]:
    proposed: list[ProposedActor] = []
    rare: list[str] = []
    ids: set[str] = set()
    for actor, count in clusters.count.most_common():
        name = clusters.name[actor]
        one_word_person = clusters.kind[actor] == "person" and " " not in name
        if count < min_mentions and (clusters.kind[actor] != "person" or one_word_person):
            rare.append(name)
            continue
        pid, n = _slug(name), 2
        while pid in ids:
            pid, n = f"{_slug(name)}_{n}", n + 1
        ids.add(pid)
        p = ProposedActor(pid, name, clusters.kind[actor], mentions=count,
                          articles=set(clusters.articles[actor]),
                          notes=dict(clusters.notes[actor]))
        seen = {entity_key(name)}
        if p.kind == "person" and " " in name:
            p.people.append(name)  # so that the surname alone matches too
        for (surface, role), _c in clusters.surfaces[actor].most_common():
            key = entity_key(surface)
            if key in seen:
                continue
            seen.add(key)
            if role == "demonym":
                p.demonyms.append(surface)
            elif role == "person":
                if clusters.kind[actor] == "person":
                    if len(surface.split()) > 1:
                        p.people.append(surface)
                    continue
                if any(f" {key}" in f" {entity_key(q)}" for q in p.people):
                    continue  # a surname of a listed person matches by itself
                p.people.append(surface)
            else:
                p.aliases.append(surface)
                if role == "metonym":
                    p.notes.setdefault(surface, "capital or seat of government: the "
                                                "government, or only the place?")
        proposed.append(p)
    # a person's full name listed under a person actor may shorten to others' surnames
    _drop_conflicts(proposed)
    return proposed, rare


def _drop_conflicts(proposed: list[ProposedActor]) -> None:
    """Keep each surface with the most mentioned actor that proposes it."""
    while True:
        clashes = alias_conflicts(p.to_actor() for p in proposed)
        if not clashes:
            return
        for surface, _owners in clashes.items():
            key = surface.casefold()
            holders = [p for p in proposed if any(
                s.casefold() == key for s in (p.name, *p.aliases, *p.demonyms, *p.people))]
            for p in holders[1:]:
                p.aliases = [s for s in p.aliases if s.casefold() != key]
                p.demonyms = [s for s in p.demonyms if s.casefold() != key]
                p.people = [s for s in p.people if s.casefold() != key]
            if holders[1:] and any(h.name.casefold() == key for h in holders[1:]):
                for h in holders[1:]:
                    if h.name.casefold() == key:
                        proposed.remove(h)
