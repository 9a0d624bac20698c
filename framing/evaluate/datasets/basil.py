"""BASIL events (Fan et al. 2019) read as incidents, with BASIL's sentence numbering kept.

BASIL ("In Plain Sight", Fan et al. 2019, EMNLP) has events covered by exactly three
articles, from Fox News, the New York Times and HuffPost (outlets ``fox``, ``nyt``, ``hpo``).
Each article is ``title`` + ``body-paragraphs`` (a list of paragraphs, each a list of
sentence strings); annotation ids ``p<N>`` number the body sentences after concatenating the
paragraphs. The data are read at run time from ``framing.core.paths.EVAL_DIR / "basil"`` and are
never copied into the project.

An article's ``document`` is the title, a blank line, then the body with one BASIL sentence per
line and a blank line between paragraphs, so the parser never merges two BASIL sentences.
``article.meta["basil_spans"]`` holds the ``(start, end)`` offset of BASIL body sentence ``N``
in the document (``None`` for the few empty sentences), and :func:`basil_sentences` turns
that into a sentences frame whose ``sent_id`` is exactly BASIL's ``N``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from framing.core import paths
from framing.core.actors import Actor
from framing.core.corpus import Article, Incident
from framing.core.pipeline import SENTENCE_COLUMNS, section_of
from framing.evaluate.datasets import MalformedRow

OUTLETS = ("fox", "nyt", "hpo")
OUTLET_NAMES = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def basil_dir(path: str | Path | None = None) -> Path:
    """The BASIL folder: ``path`` if given, else ``<EVAL_DIR>/basil``."""
    folder = Path(path) if path is not None else paths.EVAL_DIR / "basil"
    if not (folder / "articles").is_dir():
        raise FileNotFoundError(f"BASIL articles not found under {folder}")
    return folder


def article_id(event: str, source: str) -> str:
    """Stable article id of one BASIL article: ``<triplet-uuid>-<outlet>``."""
    return f"{event}-{source.lower()}"


def _document(title: str, paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int] | None]]:
    """Body text (one sentence per line) and each BASIL sentence's span in the document."""
    title = " ".join(title.split())
    doc = title + "\n\n"
    spans: list[tuple[int, int] | None] = []
    blocks = []
    for para in paragraphs:
        lines = []
        for sent in para:
            clean = re.sub(r"\s+", " ", sent).strip()
            lines.append(clean)
        blocks.append(lines)
    first = True
    for lines in blocks:
        if not any(lines):
            spans.extend(None for _ in lines)
            continue
        if not first:
            doc += "\n\n"
        first = False
        line_start = True
        for clean in lines:
            if not clean:
                spans.append(None)
                continue
            if not line_start:
                doc += "\n"
            spans.append((len(doc), len(doc) + len(clean)))
            doc += clean
            line_start = False
    return doc, spans


def _read_json(path: Path) -> dict:
    """One BASIL JSON file; a file that is not a JSON object raises :class:`MalformedRow`
    at the line where parsing failed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise MalformedRow(path, err.lineno, f"not JSON ({err.msg})") from None
    if not isinstance(data, dict):
        raise MalformedRow(path, 1, "not a JSON object")
    return data


def read_article(path: Path) -> Article:
    """One BASIL article file as an :class:`Article` (outlet = lower-cased ``source``)."""
    data = _read_json(path)
    missing = [k for k in ("source", "triplet-uuid") if k not in data]
    if missing:
        raise MalformedRow(path, 1, f"a BASIL article needs {missing}")
    source = str(data["source"]).lower()
    event = data["triplet-uuid"]
    document, spans = _document(str(data.get("title", "")), data.get("body-paragraphs", []))
    title, _, text = document.partition("\n\n")
    try:
        published = dt.date.fromisoformat(str(data.get("date", ""))[:10])
    except ValueError:
        published = None
    return Article(
        id=article_id(event, source),
        outlet=source,
        title=title,
        text=text,
        url=data.get("url"),
        published=published,
        source_file=path,
        meta={
            "event": event,
            "basil_uuid": data.get("uuid"),
            "basil_file": path.stem,
            "basil_spans": spans,
            "main_event": data.get("main-event"),
            "main_entities": list(data.get("main-entities") or []),
        },
    )


def event_files(folder: str | Path | None = None) -> dict[str, list[Path]]:
    """``{triplet-uuid: [article files]}`` for every event, ordered by year then uuid."""
    root = basil_dir(folder)
    events: dict[str, list[Path]] = {}
    for path in sorted(root.glob("articles/*/*.json")):
        event = path.stem.rsplit("_", 1)[0]
        events.setdefault(event, []).append(path)
    return dict(sorted(events.items(), key=lambda kv: (kv[1][0].parent.name, kv[0])))


def _actors(articles: Iterable[Article]) -> list[Actor]:
    """One neutral actor per BASIL main entity (deduplicated by slug)."""
    out: dict[str, Actor] = {}
    for article in articles:
        for name in article.meta.get("main_entities", []):
            slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
            if slug and slug not in out:
                out[slug] = Actor(id=slug, name=name, side="neutral")
    # an alias claimed twice would be a configuration error: keep the first owner only
    seen: set[str] = set()
    actors = []
    for actor in out.values():
        key = actor.name if any(c.isupper() for c in actor.name) else actor.name.lower()
        if key not in seen:
            seen.add(key)
            actors.append(actor)
    return actors


def load_basil_event(event: str, folder: str | Path | None = None) -> Incident:
    """One BASIL event as an incident with outlets fox / nyt / hpo."""
    files = event_files(folder).get(event)
    if not files:
        raise KeyError(f"no BASIL event {event!r}")
    articles = sorted((read_article(p) for p in files), key=lambda a: OUTLETS.index(a.outlet)
                      if a.outlet in OUTLETS else len(OUTLETS))
    main = articles[0].meta.get("main_event") or articles[0].title
    return Incident(slug=f"basil-{event}", title=str(main), date=articles[0].published,
                    summary=str(main), actors=_actors(articles), articles=articles)


def load_basil_incident(events: int | None = None, *, event_ids: Iterable[str] | None = None,
                        folder: str | Path | None = None) -> Incident:
    """Many BASIL events concatenated into one incident (outlets fox / nyt / hpo).

    Args:
        events: how many events to take (in year, then uuid order); ``None`` = all of them.
        event_ids: take exactly these events instead.
        folder: the BASIL folder (default ``<EVAL_DIR>/basil``).

    Useful as a large synthetic incident for speed and scale benchmarks: ``3 * events``
    articles, three outlets.
    """
    available = event_files(folder)
    chosen = list(event_ids) if event_ids is not None else list(available)[:events]
    articles: list[Article] = []
    for event in chosen:
        articles.extend(load_basil_event(event, folder).articles)
    return Incident(slug=f"basil-{len(chosen)}-events", title=f"{len(chosen)} BASIL events",
                    date=None, summary="BASIL events (Fan et al. 2019) concatenated",
                    actors=_actors(articles), articles=articles)


def basil_sentences(incident: Incident) -> pd.DataFrame:
    """Sentences frame whose ``sent_id`` is BASIL's body-sentence index ``N`` (``p<N>``).

    Same columns as :attr:`framing.core.pipeline.Parsed.sentences`; the title is not included
    (BASIL's numbering covers the body only). ``section`` follows the pipeline's rule on
    body paragraphs: the first is the lead, those after two thirds are the end.
    """
    rows = []
    for article in incident.articles:
        spans = article.meta["basil_spans"]
        doc = article.document
        n_par = doc.count("\n\n")
        for sent_id, span in enumerate(spans):
            if span is None:
                continue
            start, end = span
            par = doc.count("\n\n", 0, start)
            section = section_of(par, n_par)
            rows.append({"article_id": article.id, "outlet": article.outlet, "sent_id": sent_id,
                         "start": start, "end": end, "text": doc[start:end], "paragraph": par,
                         "section": section})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def annotations(article: Article) -> list[dict]:
    """BASIL's phrase-level annotations of an article (spans with ``bias`` lex / inf)."""
    path = Path(article.source_file)
    ann = path.parent.parent.parent / "annotations" / path.parent.name / f"{path.stem}_ann.json"
    if not ann.exists():
        return []
    return list(_read_json(ann).get("phrase-level-annotations", []))
