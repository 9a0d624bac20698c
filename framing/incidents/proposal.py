"""Write proposed actors as a commented ``incident.yml``, and incident folders from articles.

The file says on every actor what it rests on (its kind, mentions, articles) and asks for
what only a person can decide: the side (every actor is proposed as its own side), whether a
capital means the government, whether a bare group noun means the group. A ``notes`` entry
records that the actors were proposed and not yet reviewed, so the file never passes for a
hand-written one. ``framing new SLUG --from-articles SRC`` and ``framing incidents build``
write it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from framing.core.corpus import Article, article_markdown
from framing.incidents.actors import ProposedActor, propose_actors

#: The ``notes`` entry of an ``incident.yml`` whose actors were proposed and not reviewed.
PROPOSED_NOTE = "actors proposed automatically from named entities; not yet reviewed"

HEADER = """\
# {slug}: incident folder made by `{command}` from {n} articles.
# The ACTORS BELOW ARE PROPOSED from the articles' named entities, not checked by anyone:
# confirm each actor, remove what is no actor (a place, a newspaper), merge what is one
# actor, and set the sides (actors on one side share a side name and a colour).
# Then delete the 'notes' line about the proposal. See data/incidents/karabakh-ceasefire-2020-12
# for a hand-written example.
"""


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"


def _comment(text: str) -> str:
    return " ".join(text.split())[:150]


def actors_yaml(proposed: Sequence[ProposedActor], rare: Sequence[str] = ()) -> str:
    """The ``actors:`` block, one commented entry per proposed actor."""
    lines = ["actors:"]
    if not proposed:
        lines.append("  []  # no named entity was mentioned often enough: write them by hand")
    for p in proposed:
        lines.append(f"  - id: {p.id}  # proposed {p.kind}: {p.mentions} mentions in "
                     f"{len(p.articles)} article(s)")
        lines.append(f"    name: {json.dumps(p.name, ensure_ascii=False)}")
        lines.append(f"    side: {p.id}  # CONFIRM: proposed as its own side")
        for field in ("aliases", "demonyms", "people"):
            values = getattr(p, field)
            if values:
                lines.append(f"    {field}: {_flow(values)}")
                for value in values:
                    if p.notes.get(value):
                        lines.append(f"    # {value}: {_comment(p.notes[value])}")
    if rare:
        lines.append("# named once, not proposed: " + _comment(", ".join(rare[:30])))
    return "\n".join(lines) + "\n"


def incident_yaml(slug: str, articles: Sequence[Article], proposed: Sequence[ProposedActor],
                  rare: Sequence[str] = (), *, title: str | None = None,
                  command: str = "framing new --from-articles") -> str:
    """A whole ``incident.yml``: title (the earliest article's headline unless given), date
    (the earliest publication date), a summary to write, the proposed actors."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published)
    first = dated[0] if dated else (articles[0] if articles else None)
    title = title or (first.title if first else slug)
    date = dated[0].published.isoformat() if dated else "null"
    return (HEADER.format(slug=slug, command=command, n=len(articles))
            + f"title: {json.dumps(title, ensure_ascii=False)}\n"
            + f"date: {date}\n"
            + "summary: >\n  One or two sentences on what happened (to write).\n"
            + f"notes:\n  - {PROPOSED_NOTE}\n"
            + actors_yaml(proposed, rare)
            + "places: []  # contested places: - {id: x, name: X, variants: [X, Y]}\n")


def _stem(article: Article, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", article.id).strip("-")[:60] or "article"
    out, n = stem, 2
    while out in taken:
        out, n = f"{stem}-{n}", n + 1
    taken.add(out)
    return out


def write_incident(folder: Path, slug: str, articles: Sequence[Article], *,
                   title: str | None = None, spacy_model: str | None = None,
                   command: str = "framing new --from-articles") -> Path:
    """Create ``folder`` with the articles as Markdown and a proposed ``incident.yml``.

    Raises:
        FileExistsError: when ``folder`` exists (nothing is overwritten).
    """
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    proposed, rare = propose_actors(articles, spacy_model=spacy_model)
    (folder / "articles").mkdir(parents=True)
    taken: set[str] = set()
    for article in articles:
        (folder / "articles" / f"{_stem(article, taken)}.md").write_text(
            article_markdown(article), encoding="utf-8")
    (folder / "incident.yml").write_text(
        incident_yaml(slug, articles, proposed, rare, title=title, command=command),
        encoding="utf-8")
    return folder


def new_incident_from_articles(slug: str, parent: Path, source: str | Path, *,
                               spacy_model: str | None = None) -> Path:
    """``framing new SLUG --from-articles SRC``: an incident folder from a stream's
    articles (a folder of article files, JSONL or CSV) with proposed actors."""
    from framing.core.scaffold import SLUG
    from framing.incidents.sources import read_stream

    if not SLUG.match(slug):
        raise ValueError(f"invalid slug {slug!r}: use lower-case letters, digits and '-'")
    stream = read_stream(source)
    return write_incident(parent / slug, slug, stream.articles, spacy_model=spacy_model)


def build_incidents(records: str | Path, source: str | Path, out: str | Path, *,
                    spacy_model: str | None = None) -> list[Path]:
    """``framing incidents build``: one incident folder per reviewed record, with its
    articles and proposed actors (the records are checked against the stream first)."""
    from framing.incidents.records import read_records
    from framing.incidents.sources import read_stream

    stream = read_stream(source)
    by_id = {a.id: a for a in stream.articles}
    reviewed = read_records(records, list(by_id))
    titles = {}
    for path in sorted(Path(records).glob("*.yml")):
        from framing.core.corpus import load_yaml

        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        titles[str(data.get("slug"))] = data.get("title")
    from framing.core.corpus import duplicate_problems

    # an incident folder that would not load is never written: check every record first
    problems = [f"record {slug!r}: {p}" for slug, ids in reviewed.items()
                for p in duplicate_problems([by_id[i] for i in ids])]
    if problems:
        raise ValueError("incidents not built (nothing written): these records hold one "
                         "article twice; remove one of each pair from the record:\n  "
                         + "\n  ".join(problems))
    written = []
    for slug, ids in reviewed.items():
        written.append(write_incident(Path(out) / slug, slug, [by_id[i] for i in ids],
                                      title=titles.get(slug), spacy_model=spacy_model,
                                      command="framing incidents build"))
    return written


def actors_reviewed(folder: str | Path | None) -> bool:
    """Whether the actors of an incident folder were written or reviewed by a person: its
    ``incident.yml`` no longer carries the :data:`PROPOSED_NOTE` that ``build`` and
    ``new --from-articles`` write (a missing folder, e.g. the sample's, counts as
    reviewed)."""
    from framing.core.corpus import load_yaml

    path = Path(folder) / "incident.yml" if folder else None
    if path is None or not path.exists():
        return True
    notes = (load_yaml(path.read_text(encoding="utf-8")) or {}).get("notes") or []
    return PROPOSED_NOTE not in [str(n).strip() for n in notes]
