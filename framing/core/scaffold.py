"""Create incident folders and fill them: ``framing new`` and ``framing fetch``.

``fetch`` downloads each page, extracts its main text and metadata with trafilatura
(Barbaresi 2021) and writes one Markdown article with YAML front matter, the same format a
user writes by hand, so a fetched article can be reviewed and corrected before analysis.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from framing.core.cache import content_hash
from framing.core.corpus import Article, article_markdown, extract_html, normalise_body, parse_date

MIN_WORDS = 25  # below this, extraction found navigation or a paywall, not an article
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
USER_AGENT = "framing/0.1 (+https://github.com/framing; research tool)"

INCIDENT_TEMPLATE = """\
# {slug}: one incident covered by several outlets. See the sample incident in
# data/incidents/karabakh-ceasefire-2020-12/ for a complete example.
title: {title}
date: null            # YYYY-MM-DD, when the incident happened
summary: >
  One or two sentences on what happened.
actors:               # every party whose framing you want to compare
  - id: party_a
    name: Party A
    side: a           # actors with the same side share a colour
    aliases: []       # other names: "Party A forces", lower-case descriptions match any case
    demonyms: []      # "Party-A-ish"
    people: []        # people who act or speak for the actor
places: []            # contested places: - {{id: x, name: X, variants: [X, Y, "breakaway Z"]}}
"""

ARTICLES_README = """\
# Articles

One Markdown file per article: YAML front matter (outlet and title required; url,
published, byline optional) between `---` lines, then the plain-text body with paragraphs
separated by blank lines. JSONL or CSV files (one row per article, same fields plus `text`)
and saved `.html` pages are read too. `framing fetch URL --into ..` writes these files.
"""


def new_incident(slug: str, parent: Path) -> Path:
    """Create ``parent/slug/`` with a commented ``incident.yml`` and an ``articles/`` folder."""
    if not SLUG.match(slug):
        raise ValueError(f"invalid slug {slug!r}: use lower-case letters, digits and '-'")
    folder = parent / slug
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    (folder / "articles").mkdir(parents=True)
    title = slug.replace("-", " ").capitalize()
    (folder / "incident.yml").write_text(INCIDENT_TEMPLATE.format(slug=slug, title=title),
                                         encoding="utf-8")
    (folder / "articles" / "README.md").write_text(ARTICLES_README, encoding="utf-8")
    return folder


def download(url: str, timeout: float = 30.0) -> str:
    """The page's HTML as text (UTF-8 unless the server says otherwise)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        charset = response.headers.get_content_charset() or "utf-8"
        return response.read().decode(charset, errors="replace")


def article_from_html(html_text: str, url: str) -> Article:
    """Build an Article from a page; raise ValueError naming the URL when extraction fails."""
    data = extract_html(html_text, url=url)
    text = normalise_body(data.get("text") or "")
    if len(text.split()) < MIN_WORDS:
        raise ValueError(
            f"{url}: no article text could be extracted from the page "
            f"({len(text.split())} words found; is it an article page?)"
        )
    host = urlparse(url).hostname or "unknown"
    outlet = data.get("outlet") or host.removeprefix("www.")
    published = None
    if data.get("published"):
        try:
            published = parse_date(data["published"])
        except ValueError:
            published = None
    stem = re.sub(r"[^a-z0-9]+", "-", (urlparse(url).path.rstrip("/").split("/")[-1]
                                       or host).lower()).strip("-")[:60] or "article"
    return Article(
        id=f"{stem}-{content_hash(url)[:6]}",
        outlet=str(outlet),
        title=str(data.get("title") or stem),
        text=text,
        url=url,
        published=published,
        byline=data.get("byline"),
    )


def fetch_articles(urls: Iterable[str], incident_dir: Path, timeout: float = 30.0) -> list[Path]:
    """Download pages into ``incident_dir/articles/*.md``; existing files are never overwritten."""
    folder = incident_dir / "articles"
    if not incident_dir.is_dir():
        raise FileNotFoundError(f"{incident_dir} is not an incident folder (run `framing new`)")
    folder.mkdir(exist_ok=True)
    written = []
    for url in urls:
        article = article_from_html(download(url, timeout), url)
        path = folder / f"{article.id}.md"
        if path.exists():
            raise FileExistsError(f"{path} exists already (fetched before?)")
        path.write_text(article_markdown(article), encoding="utf-8")
        written.append(path)
    return written
