"""A tiny hand-written stream for the incident tests (a helper module, not a conftest:
the tests folder has one conftest only): two earthquakes in Indonesia in the
same week (one incident each, never to be merged) and a vote in a parliament."""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    # incident 1: an earthquake near Palu, Sulawesi
    ("quake-palu", "Daily Courier", "2026-03-02",
     "Strong earthquake shakes Palu on Sulawesi, killing at least 12",
     "A magnitude 6.4 earthquake struck near Palu on the Indonesian island of Sulawesi on "
     "Monday, killing at least 12 people and damaging hundreds of homes, Indonesia's "
     "disaster agency BNPB said. Central Sulawesi governor Rusdy Mastura said rescuers were "
     "searching collapsed buildings in Palu and Donggala."),
    ("quake-palu", "Morning Star Tribune", "2026-03-02",
     "Quake near Palu leaves 12 dead in Central Sulawesi",
     "At least 12 people died when a 6.4-magnitude quake hit Central Sulawesi on Monday. "
     "Governor Rusdy Mastura said homes in Palu and Donggala collapsed, and the BNPB "
     "disaster agency sent rescue teams to the coast near Palu."),
    ("quake-palu", "Harbour Post", "2026-03-03",
     "Palu earthquake toll rises as rescuers dig through rubble",
     "Rescuers in Palu pulled survivors from the rubble on Tuesday, a day after a strong "
     "earthquake struck Sulawesi. The BNPB agency said 12 people were killed in Palu and "
     "Donggala; governor Rusdy Mastura declared an emergency."),
    # incident 2: another earthquake in Indonesia the same week, in Aceh
    ("quake-aceh", "Daily Courier", "2026-03-04",
     "Earthquake in Aceh kills five, damages mosques in Pidie Jaya",
     "A magnitude 5.9 earthquake struck Aceh province on the island of Sumatra on "
     "Wednesday, killing five people in Pidie Jaya and damaging two mosques, Indonesia's "
     "disaster agency said. Aceh governor Bustami Hamzah visited Meureudu."),
    ("quake-aceh", "Morning Star Tribune", "2026-03-04",
     "Five dead as quake hits Pidie Jaya in Aceh",
     "Five people were killed when an earthquake hit Pidie Jaya district in Aceh on "
     "Wednesday. Governor Bustami Hamzah said mosques and shops in Meureudu were damaged "
     "and asked Sumatra's hospitals to take in the injured."),
    # incident 3: a parliament vote
    ("vote", "Harbour Post", "2026-03-03",
     "Estonian parliament approves new defence budget",
     "Estonia's parliament, the Riigikogu, on Tuesday approved a defence budget of 3.4 "
     "percent of GDP after Prime Minister Kristen Michal urged lawmakers to back it."),
    ("vote", "Daily Courier", "2026-03-03",
     "Riigikogu backs Michal's defence spending plan",
     "Lawmakers in the Riigikogu voted 61 to 30 for Prime Minister Kristen Michal's "
     "defence budget, Estonian public broadcaster ERR reported on Tuesday."),
]


def write_jsonl(path: Path) -> list[str]:
    """Write the stream as JSONL and return each article's incident, in order."""
    rows = []
    for n, (_incident, outlet, date, title, text) in enumerate(ARTICLES):
        rows.append(json.dumps({"id": f"a{n}", "outlet": outlet, "title": title,
                                "published": date, "text": text}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return [a[0] for a in ARTICLES]


def write_folders(root: Path) -> list[str]:
    """Write the stream as a folder of incident folders (Markdown articles)."""
    given = []
    for n, (incident, outlet, date, title, text) in enumerate(ARTICLES):
        folder = root / incident / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{n}.md").write_text(
            f"---\noutlet: {outlet}\ntitle: {title}\npublished: {date}\n---\n\n{text}\n",
            encoding="utf-8")
        given.append(incident)
    return given

