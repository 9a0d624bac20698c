"""A synthetic incident of many outlets, written from our own templates (no news text).

Two fictional sides (Northland, Southland) and a mediator (the Lake Council) clash at a
contested border town; each outlet's article mixes the same facts with its own choices: who
is the agent of the shelling, how many were killed (rival figures), loaded words, scare
quotes, quotes with distancing verbs, a denial, a fact of its own and a buried or leading
position. Outlet names are long on purpose (layout at 20 outlets: no word broken, no cell
narrower than its longest word). Used by the browser test and ``bench/report_speed.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

INCIDENT_YML = """\
title: Border clash at Riverford (synthetic, {n} outlets)
date: 2031-05-06
summary: >
  A fictional incident written for tests: Northland and Southland forces clash at the
  contested border town of Riverford; the Lake Council calls for restraint.
actors:
  - id: northland
    name: Northland
    side: north
    aliases: [Northland forces, Northland army, Northland troops, Northland government,
              Northland defence ministry]
    demonyms: [Northlander]
    people: [Tomas Ardel]
  - id: southland
    name: Southland
    side: south
    aliases: [Southland forces, Southland army, Southland troops, Southland government,
              Southland defence ministry]
    demonyms: [Southlander]
    people: [Ana Varro]
  - id: lake_council
    name: Lake Council
    side: mediator
    aliases: [the Lake Council, council envoys]
places:
  - id: riverford
    name: Riverford
    variants: [Riverford, Rivograd, the Riverford salient]
"""

OUTLETS = [
    "The Northern Herald", "Southland Evening Chronicle (Weekend Edition)", "Coastal Times",
    "Independent Lakeside Observer", "Daily Frontier Post", "Capital Morning Star",
    "The Continental Review", "Harbour City Gazette", "Mountain Valley Courier",
    "International Wire Digest", "The Plainsman", "Eastern Provinces Telegraph",
    "Riverbank Community Bulletin", "The Westbridge Examiner", "Global Affairs Monitor",
    "Northland State Broadcaster (English Service)", "Southern Cross Journal",
    "The Metropolitan Ledger", "Borderlands Weekly", "Open Sky News Agency",
    "Lowland Tribune", "The Archipelago Dispatch", "Central Desk Newswire",
    "Far Shore Review", "The Quiet Coast Record", "Inland Sea Herald", "Summit Post",
    "The Old Harbour Times", "Valley Gazette", "Twin Rivers Daily", "The Steppe Courier",
    "Pinewood Observer", "Salt Marsh Journal", "Granite City News", "Hillside Reporter",
    "The Lantern", "Meadowbrook Standard", "The Ferry Times", "Red Cliff Chronicle",
    "The Long Road Review",
]

# Sentences by the outlet's lean: "south" outlets blame Northland, "north" ones Southland.
LEAD = {
    "south": "Northland forces shelled the town of Riverford on Tuesday, killing {dead} "
             "Southland soldiers in a brutal attack.",
    "north": "{dead} soldiers died in clashes near Rivograd on Tuesday after Southland "
             "troops crossed the line, Northland officials said.",
    "neutral": "{dead} soldiers were killed in clashes at the border town of Riverford on "
               "Tuesday.",
}
BODY = [
    "Southland accused Northland of a deliberate provocation and of violating the ceasefire.",
    "Northland denied the accusation and said its troops had only returned fire.",
    "\"This was a cowardly assault on our people,\" said Southland's defence minister Ana "
    "Varro.",
    "Northland's spokesman Tomas Ardel claimed that the so-called \"volunteers\" of "
    "Southland had fired first.",
    "The Lake Council called for restraint and urged both sides to respect the ceasefire.",
    "Residents of Riverford said the shelling lasted about two hours and damaged the "
    "market.",
    "Both governments said they would send envoys to the talks planned for next week.",
    "Analysts said the clash was the most serious since the truce was signed two years "
    "ago.",
]
EXTRA = {
    "south": "Southland officials reportedly said the aggression of the Northland regime "
             "would not go unanswered.",
    "north": "Northland media described the Southland fighters as terrorists and "
             "criminals.",
    "neutral": "Aid workers said several families had left the town overnight.",
}
OWN_FACTS = [
    "The bridge at Millbrook was closed to traffic on Wednesday morning.",
    "A hospital in Eastwater received {k} wounded civilians, its director said.",
    "Trains between the two capitals were suspended until further notice.",
    "Fishermen on the lake said patrol boats had been moved closer to the shore.",
    "A curfew was announced in three villages near the border.",
]


def lean(i: int) -> str:
    """The outlet's side: south, north or neutral, in turn."""
    return ("south", "north", "neutral")[i % 3]


def article(i: int, outlet: str, rng: random.Random) -> str:
    """One outlet's article as Markdown with front matter."""
    side = lean(i)
    dead = {"south": "Twenty", "north": "Three", "neutral": "Several"}[side]
    body = rng.sample(BODY, k=6)
    own = OWN_FACTS[i % len(OWN_FACTS)].format(k=2 + i % 7)
    paragraphs = [LEAD[side].format(dead=dead), *body[:3], EXTRA[side], *body[3:]]
    paragraphs.insert(1 if i % 2 else len(paragraphs), own)  # lead or buried
    title = {"south": "Northland shells Riverford, {dead} soldiers killed",
             "north": "Clashes near Rivograd after Southland incursion",
             "neutral": "Deadly border clash at Riverford"}[side].format(dead=dead.lower())
    text = "\n\n".join(paragraphs)
    return (f"---\noutlet: {outlet}\ntitle: {title}\npublished: 2031-05-0{6 + i % 3}\n"
            f"url: https://example.org/{i}\n---\n\n{text}\n")


def write_incident(folder: Path, n_outlets: int = 20, seed: int = 0) -> Path:
    """Write an incident of ``n_outlets`` outlets (one article each) into ``folder``."""
    if not 2 <= n_outlets <= len(OUTLETS):
        raise ValueError(f"n_outlets must be between 2 and {len(OUTLETS)}")
    rng = random.Random(seed)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "incident.yml").write_text(INCIDENT_YML.format(n=n_outlets), encoding="utf-8")
    for i, outlet in enumerate(OUTLETS[:n_outlets]):
        (folder / "articles" / f"a{i:02d}.md").write_text(article(i, outlet, rng),
                                                          encoding="utf-8")
    return folder
