"""Read a stream of articles for incident discovery, never dropping one.

A source is one of:

- a folder of incident folders (each with ``articles/``; ``incident.yml`` is not needed):
  every article keeps the folder it came from as its *given* incident, so discovery can be
  checked against a hand-made grouping;
- a folder of article files (Markdown with front matter, JSONL, CSV, saved HTML: the
  readers of :mod:`framing.core.corpus`);
- a single ``.jsonl`` or ``.csv`` file, one article per row;
- a corpus store (``framing corpus import``, :mod:`framing.store`): its articles, each with
  the incident it was imported from as its given incident when there is one.

Every problem (bad front matter, a missing outlet, a bad date, an empty body, the same id
twice) is collected and raised at once as :class:`~framing.core.corpus.IncidentError`,
naming the file and field or line: an article is never silently left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from framing.core.corpus import (
    READERS,
    Article,
    IncidentError,
    Problem,
    load_articles,
)


@dataclass
class Stream:
    """The articles of a source, in reading order, and the incident folder each came from
    (``given``: article id -> folder name; empty for a flat source)."""

    articles: list[Article]
    given: dict[str, str] = field(default_factory=dict)
    source: Path | None = None


def _is_incident_folder(path: Path) -> bool:
    return path.is_dir() and (path / "articles").is_dir()


def is_store(path: Path) -> bool:
    """Whether ``path`` is a corpus store (Parquet part files under ``articles/``)."""
    return (path / "articles").is_dir() and any((path / "articles").rglob("*.parquet"))


def read_store(path: Path, problems: list[Problem]) -> tuple[list[Article], dict[str, str]]:
    """The articles of a corpus store (:class:`framing.store.dataset.CorpusStore`), and the
    incident each was imported from (when it came from an incident folder)."""
    import datetime as dt

    from framing.store.dataset import CorpusStore

    frame = CorpusStore(path).articles()
    articles, given = [], {}
    for n, row in enumerate(frame.to_dict("records"), start=1):
        where = f"article {row.get('id') or n}"
        if not str(row.get("text") or "").strip() or not str(row.get("outlet_name") or
                                                             "").strip():
            problems.append(Problem(str(path), where, "empty text or outlet in the store"))
            continue
        published = None
        if row.get("published"):
            try:
                published = dt.date.fromisoformat(str(row["published"])[:10])
            except ValueError:
                problems.append(Problem(str(path), f"{where}: field 'published'",
                                        f"unparseable date {row['published']!r}"))
                continue
        source = row.get("source_file")
        articles.append(Article(id=str(row["id"]), outlet=str(row["outlet_name"]),
                                title=str(row.get("title") or ""), text=str(row["text"]),
                                url=row.get("url") or None, published=published,
                                byline=row.get("byline") or None,
                                source_file=Path(source) if source else None))
        if row.get("incident"):
            given[str(row["id"])] = str(row["incident"])
    return articles, given


def read_stream(source: str | Path) -> Stream:
    """Read every article of ``source`` (see the module docstring for the layouts).

    Raises:
        IncidentError: listing every problem, each with its file and field or line.
        FileNotFoundError: when ``source`` does not exist.
    """
    src = Path(source)
    if not src.exists():
        raise FileNotFoundError(f"{src}: no such file or folder")
    problems: list[Problem] = []
    given: dict[str, str] = {}
    if src.is_file():
        reader = READERS.get(src.suffix.lower())
        if reader is None or src.suffix.lower() in (".html", ".htm", ".md", ".markdown"):
            raise IncidentError([Problem(str(src), "", "a single-file stream must be .jsonl "
                                         "or .csv (one article per row)")])
        articles = reader(src, problems)
    elif is_store(src):
        articles, given = read_store(src, problems)
    elif _is_incident_folder(src):
        articles = load_articles(src / "articles", problems)
    elif any(_is_incident_folder(p) for p in src.iterdir()):
        articles = []
        for sub in sorted(p for p in src.iterdir() if not p.name.startswith(".")):
            if not _is_incident_folder(sub):
                if sub.is_dir():
                    problems.append(Problem(str(sub), "", "folder without articles/ in a "
                                            "folder of incident folders"))
                continue
            for article in load_articles(sub / "articles", problems):
                article.id = f"{sub.name}/{article.id}"
                given[article.id] = sub.name
                articles.append(article)
    else:
        articles = load_articles(src, problems)
    seen: dict[str, Article] = {}
    for article in articles:
        if article.id in seen:
            problems.append(Problem(str(article.source_file), "field 'id'",
                                    f"duplicate article id {article.id!r} (also in "
                                    f"{seen[article.id].source_file})"))
        seen.setdefault(article.id, article)
    if not articles and not problems:
        problems.append(Problem(str(src), "", "no articles found"))
    if problems:
        raise IncidentError(problems)
    return Stream(articles, given, src)
