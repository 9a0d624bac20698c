"""AllSides headline roundups as crawled for NeuS (Lee et al. 2022), read in place.

``allsides_neus/raw_crawled/stories.jsonl``: one story per line, with a left, a center and
a right article (title, outlet, link, an excerpt of the body). Each story's articles report
one incident, so the stories are a gold grouping for incident discovery. The articles carry
no date of their own: each gets its story's date (the day AllSides grouped them), which is
noted wherever a time window is used. A line that cannot be read raises
:class:`~framing.evaluate.datasets.MalformedRow` naming the file, line and field.
"""

from __future__ import annotations

from pathlib import Path

from framing.core import paths
from framing.core.corpus import Article, parse_date
from framing.evaluate.datasets import MalformedRow, json_lines

STORIES = paths.EVAL_DIR / "allsides_neus" / "raw_crawled" / "stories.jsonl"
SIDES = ("left", "center", "right")


def read_allsides_stories(path: str | Path | None = None) -> tuple[list[Article], list[str]]:
    """The articles of every story and each article's story id (its gold incident).

    Args:
        path: ``stories.jsonl`` or the ``allsides_neus`` folder (default: in ``shared/``).

    Returns:
        ``(articles, story_ids)``; article ids are ``<story id>-<side>``, ``published`` is
        the story's date and ``meta["side"]`` the outlet's AllSides lean.
    """
    path = Path(path) if path else STORIES
    if path.is_dir():
        path = path / "raw_crawled" / "stories.jsonl"
    articles: list[Article] = []
    gold: list[str] = []
    for n, story in json_lines(path, ("id", "date", "news")):
        try:
            date = parse_date(story["date"])
        except ValueError as err:
            raise MalformedRow(path, n, f"field 'date': {err}") from None
        for side in SIDES:
            item = story["news"].get(side)
            if not item:
                continue
            title = (item.get("newsTitle") or "").strip()
            body = "\n\n".join(p.strip() for p in item.get("newBody") or [] if p.strip())
            if not title or not body:
                field = "newsTitle" if not title else "newBody"
                raise MalformedRow(path, n, f"news.{side}.{field} empty")
            articles.append(Article(
                id=f"{story['id']}-{side}", outlet=str(item.get("newsSource") or side),
                title=title, text=body, url=item.get("newsLink"), published=date,
                source_file=path, meta={"side": side}))
            gold.append(str(story["id"]))
    return articles, gold
