"""The corpus model: one incident, the outlets' articles about it, and how they are loaded.

An incident folder holds ``incident.yml`` (title, date, summary, actors, contested places) and
``articles/`` with one Markdown file per article (YAML front matter + plain-text body).
The same folder may also hold JSONL or CSV files (one row per article) and saved HTML pages
(main text and metadata extracted with trafilatura; Barbaresi 2021).

Loading validates everything and reports *all* problems at once, each naming the file and the
field or line, so that no article is ever dropped silently: a folder with any problem raises
:class:`IncidentError` instead of returning a partial incident.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from framing.core.actors import Actor, Place, alias_conflicts

#: A word: a run of letters or digits, inner hyphens and apostrophes kept ("cease-fire",
#: "India's"). The one word count of the report (summary, overview, rates per 1,000 words).
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    """Words in ``text`` (:data:`WORD_RE`): every page's word counts and rates use this."""
    return len(WORD_RE.findall(text))

ARTICLE_KEYS = {"id", "outlet", "title", "url", "published", "byline", "source", "note", "lang"}
REQUIRED_ARTICLE_KEYS = ("outlet", "title")
INCIDENT_KEYS = {"slug", "title", "date", "summary", "actors", "places", "notes", "sources"}
ACTOR_KEYS = {"id", "name", "side", "aliases", "demonyms", "people", "note"}
PLACE_KEYS = {"id", "name", "variants", "note"}
HTML_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
SUPPORTED_SUFFIXES = (".md", ".markdown", ".jsonl", ".csv", ".html", ".htm")
NOT_ARTICLES = {"README.md", "SOURCES.md"}  # notes that may sit beside the articles
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # BCP 47 / ISO 639: en, fr, pt-BR
DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without implicit timestamps: ``published: 2026-13-45`` stays a
    string, so :func:`parse_date` can reject it naming the file and field (the stock loader
    raises a bare "month must be in 1..12" from inside the parse)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    """Parse YAML safely, leaving dates as strings (checked by :func:`parse_date`)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def yaml_problem(err: yaml.YAMLError, file: str, first_line: int, what: str) -> Problem:
    """A YAML error as a :class:`Problem` whose line numbers are the file's: PyYAML counts
    lines from the start of the string it was given (the front matter), which starts at
    ``first_line`` of the file."""
    mark = getattr(err, "problem_mark", None)
    where = f"line {mark.line + first_line}" if mark else ""
    problem = getattr(err, "problem", None)
    if problem is None:
        return Problem(file, where, f"{what}: {err}")
    detail = problem + (f" (column {mark.column + 1})" if mark else "")
    context, context_mark = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context:
        at = f" at line {context_mark.line + first_line}" if context_mark else ""
        detail = f"{context}{at}: {detail}"
    return Problem(file, where, f"{what}: {detail}")


@dataclass(frozen=True)
class Problem:
    """One validation problem: the file, where in it (field or line), and what is wrong."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else (
            f"{self.file}: {self.message}"
        )


class IncidentError(ValueError):
    """Raised when an incident folder has problems; ``.problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the incident:\n{lines}")


@dataclass
class Article:
    """One outlet's article. ``document`` (headline + body) is what every span indexes into."""

    id: str
    outlet: str
    title: str
    text: str
    url: str | None = None
    published: dt.date | None = None
    byline: str | None = None
    source_file: Path | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def document(self) -> str:
        """Headline, a blank line, then the body: the parsed text all offsets refer to."""
        return f"{self.title}\n\n{self.text}"

    @property
    def body_offset(self) -> int:
        """Offset of the body's first character in :attr:`document`."""
        return len(self.title) + 2

    @property
    def n_words(self) -> int:
        """Words in headline and body, counted as every page counts them (:func:`word_count`)."""
        return word_count(self.document)


@dataclass
class Incident:
    """An incident covered by several outlets, with its actors and contested places."""

    slug: str
    title: str
    date: dt.date | None
    summary: str
    actors: list[Actor]
    articles: list[Article]
    places: list[Place] = field(default_factory=list)
    path: Path | None = None

    @property
    def outlets(self) -> list[str]:
        """Outlets in the order their first article appears."""
        return list(dict.fromkeys(a.outlet for a in self.articles))

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(f"no actor {actor_id!r} in incident {self.slug!r}")

    def side_of(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        return self.actor(actor_id).side

    @property
    def sides(self) -> list[str]:
        return list(dict.fromkeys(a.side for a in self.actors))

    def actor_name(self, actor_id: object) -> str:
        """An actor as readers see it: its name without the gloss ("Azerbaijan (government
        and army)" -> "Azerbaijan"); an id the incident does not list stays as given."""
        actor = next((a for a in self.actors if a.id == actor_id), None)
        return _reader_name(actor) if actor else str(actor_id)

    def side_name(self, side: object) -> str:
        """A side as readers see it: the name of the actor whose id is the side, else of the
        side's first actor ("india" -> "India"); an unknown or missing side as given."""
        if side is None or (isinstance(side, float) and side != side):
            return ""
        side = str(side)
        actors = [a for a in self.actors if a.side == side]
        named = next((a for a in actors if a.id == side), actors[0] if actors else None)
        return _reader_name(named) if named else side

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(f"no article {article_id!r} in incident {self.slug!r}")


# ---------------------------------------------------------------------------------------
# parsing helpers


def _reader_name(actor: Actor) -> str:
    """An actor's name without its gloss ("Azerbaijan (government and army)" -> "Azerbaijan")."""
    return actor.name.split(" (")[0]


def parse_date(value: Any) -> dt.date:
    """Accept YAML dates, datetimes and ISO strings ("2020-12-12", "2020-12-12T10:00:00Z")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as err:
        if DATE_SHAPE.match(text):  # the right shape, an impossible day: say which part
            reason = "no such day" if str(err).startswith("Invalid") else str(err)
            raise ValueError(f"impossible date {text!r}: {reason} (use YYYY-MM-DD)") from None
        raise ValueError(f"unparseable date {text!r} (use YYYY-MM-DD)") from None


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                str(path),
                f"line {line}",
                f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
                "re-save the file as UTF-8",
            )
        )
        return None


def _split_front_matter(raw: str) -> tuple[str | None, str, int]:
    """Return (front-matter YAML or None, body, line number where the body starts)."""
    lines = raw.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, raw, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return "", raw, 1  # opened but never closed: reported by the caller


def normalise_body(text: str) -> str:
    """Unify line ends, strip trailing spaces, collapse 3+ newlines to one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _html_problems(body: str, file: str, first_line: int) -> list[Problem]:
    problems = []
    for match in HTML_TAG.finditer(body):
        line = first_line + body.count("\n", 0, match.start())
        problems.append(
            Problem(
                file,
                f"line {line}",
                f"raw HTML tag {match.group(0)[:40]!r} in the article body; convert the page "
                "to plain text (e.g. `framing fetch`, or save it as .html to import it)",
            )
        )
        if len(problems) >= 3:
            break
    return problems


def _article_from_fields(
    fields: dict[str, Any],
    body: str | None,
    *,
    default_id: str,
    file: Path,
    where: str,
    first_line: int,
    problems: list[Problem],
    check_html: bool = True,
) -> Article | None:
    """Validate one article's metadata and body; append problems; return the Article or None."""
    label = str(file)
    n_before = len(problems)
    unknown = sorted(set(fields) - ARTICLE_KEYS)
    for key in unknown:
        problems.append(
            Problem(label, f"{where}field {key!r}",
                    f"unknown field (allowed: {', '.join(sorted(ARTICLE_KEYS))})")
        )
    for key in REQUIRED_ARTICLE_KEYS:
        value = fields.get(key)
        if value is None or not str(value).strip():
            problems.append(Problem(label, f"{where}field {key!r}", "missing or empty"))
    lang = fields.get("lang")
    if lang is not None and not LANG_CODE.match(str(lang).strip()):
        problems.append(Problem(label, f"{where}field 'lang'",
                                f"{lang!r} is no language code (use e.g. en, fr, pt-BR)"))
    published = None
    if fields.get("published") not in (None, ""):
        try:
            published = parse_date(fields["published"])
        except ValueError as err:
            problems.append(Problem(label, f"{where}field 'published'", str(err)))
    text = normalise_body(body or "")
    if not text:
        problems.append(Problem(label, where.rstrip(": ") or "body", "empty article body"))
    elif check_html:  # on the raw body, so line numbers match the file
        raw = (body or "").replace("\r\n", "\n").replace("\r", "\n")
        problems.extend(_html_problems(raw, label, first_line))
    if len(problems) > n_before:
        return None
    return Article(
        id=str(fields.get("id") or default_id),
        outlet=str(fields["outlet"]).strip(),
        title=normalise_body(str(fields["title"])).replace("\n", " "),
        text=text,
        url=str(fields["url"]).strip() if fields.get("url") else None,
        published=published,
        byline=str(fields["byline"]).strip() if fields.get("byline") else None,
        source_file=file,
        meta={k: fields[k] for k in ("source", "note", "lang") if k in fields},
    )


# ---------------------------------------------------------------------------------------
# readers, one per supported file type


def read_markdown(path: Path, problems: list[Problem]) -> list[Article]:
    """A Markdown article: YAML front matter between ``---`` lines, plain-text body."""
    raw = _read_text(path, problems)
    if raw is None:
        return []
    front, body, first_line = _split_front_matter(raw)
    if front is None:
        problems.append(Problem(str(path), "line 1", "no YAML front matter (start with '---')"))
        return []
    try:
        fields = load_yaml(front) or {}
    except yaml.YAMLError as err:  # the front matter starts on the file's second line
        problems.append(yaml_problem(err, str(path), 2, "malformed YAML front matter"))
        return []
    if not isinstance(fields, dict):
        problems.append(Problem(str(path), "front matter", "must be a mapping of key: value"))
        return []
    article = _article_from_fields(
        fields, body, default_id=path.stem, file=path, where="", first_line=first_line,
        problems=problems,
    )
    return [article] if article else []


def jsonl_articles(path: Path, problems: list[Problem]) -> list[tuple[Article, int]]:
    """Each article of a JSONL file (one JSON object per line with the front-matter fields
    plus ``text``) with its line number; every bad line is a problem naming it."""
    raw = _read_text(path, problems)
    if raw is None:
        return []
    articles = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(Problem(str(path), f"line {n}", f"invalid JSON: {err.msg}"))
            continue
        if not isinstance(row, dict):
            problems.append(Problem(str(path), f"line {n}", "expected a JSON object"))
            continue
        body = row.pop("text", None)
        article = _article_from_fields(
            row, body if isinstance(body, str) or body is None else str(body),
            default_id=f"{path.stem}-{n}", file=path, where=f"line {n}: ", first_line=n,
            problems=problems, check_html=False,
        )
        if article:
            articles.append((article, n))
    return articles


def read_jsonl(path: Path, problems: list[Problem]) -> list[Article]:
    """One JSON object per line with the front-matter fields plus ``text``."""
    return [article for article, _ in jsonl_articles(path, problems)]


def read_csv(path: Path, problems: list[Problem]) -> list[Article]:
    """A CSV with a header row: the front-matter fields as columns plus ``text``."""
    raw = _read_text(path, problems)
    if raw is None:
        return []
    reader = csv.DictReader(raw.splitlines())
    if not reader.fieldnames or "text" not in reader.fieldnames:
        problems.append(Problem(str(path), "header", "CSV needs a header with a 'text' column"))
        return []
    articles = []
    for n, row in enumerate(reader, start=2):
        fields = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
        body = fields.pop("text", None)
        article = _article_from_fields(
            fields, body, default_id=f"{path.stem}-{n - 1}", file=path, where=f"row {n}: ",
            first_line=n, problems=problems, check_html=False,
        )
        if article:
            articles.append(article)
    return articles


def extract_html(html: str, url: str | None = None) -> dict[str, Any]:
    """Main text and metadata of a saved or fetched web page (trafilatura, Barbaresi 2021)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {
        "title": data.get("title"),
        "outlet": data.get("sitename") or data.get("hostname"),
        "url": data.get("url") or url,
        "published": data.get("date"),
        "byline": data.get("author"),
        "text": data.get("text") or "",
    }


def read_html(path: Path, problems: list[Problem]) -> list[Article]:
    """A saved web page; its main text and metadata are extracted with trafilatura."""
    raw = _read_text(path, problems)
    if raw is None:
        return []
    data = extract_html(raw)
    body = data.pop("text", "") if data else ""
    fields = {k: v for k, v in data.items() if v}
    if not fields.get("outlet"):
        problems.append(Problem(str(path), "metadata", "no outlet (site name) found in the page"))
        return []
    article = _article_from_fields(
        fields, body, default_id=path.stem, file=path, where="", first_line=1,
        problems=problems, check_html=False,
    )
    return [article] if article else []


READERS = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
}


# ---------------------------------------------------------------------------------------
# incident loading


def _load_config(path: Path, problems: list[Problem]) -> dict[str, Any]:
    config_path = path / "incident.yml"
    if not config_path.exists():
        problems.append(Problem(str(config_path), "", "missing (every incident needs one)"))
        return {}
    raw = _read_text(config_path, problems)
    if raw is None:
        return {}
    try:
        config = load_yaml(raw) or {}
    except yaml.YAMLError as err:
        problems.append(yaml_problem(err, str(config_path), 1, "malformed YAML"))
        return {}
    if not isinstance(config, dict):
        problems.append(Problem(str(config_path), "", "must be a mapping"))
        return {}
    for key in sorted(set(config) - INCIDENT_KEYS):
        problems.append(Problem(str(config_path), f"field {key!r}", "unknown field"))
    if not config.get("title"):
        problems.append(Problem(str(config_path), "field 'title'", "missing or empty"))
    return config


def _load_actors(config: dict[str, Any], file: str, problems: list[Problem]) -> list[Actor]:
    actors = []
    raw = config.get("actors") or []
    if not isinstance(raw, list):
        problems.append(Problem(file, "field 'actors'", "must be a list"))
        return []
    for i, entry in enumerate(raw):
        where = f"actors[{i}]"
        if not isinstance(entry, dict):
            problems.append(Problem(file, where, "must be a mapping"))
            continue
        for key in sorted(set(entry) - ACTOR_KEYS):
            problems.append(Problem(file, f"{where}.{key}", "unknown field"))
        missing = [k for k in ("id", "name", "side") if not entry.get(k)]
        for key in missing:
            problems.append(Problem(file, f"{where}.{key}", "missing or empty"))
        if missing:
            continue
        actors.append(
            Actor(
                id=str(entry["id"]),
                name=str(entry["name"]),
                side=str(entry["side"]),
                aliases=[str(a) for a in entry.get("aliases") or []],
                demonyms=[str(a) for a in entry.get("demonyms") or []],
                people=[str(a) for a in entry.get("people") or []],
            )
        )
    seen: dict[str, int] = {}
    for actor in actors:
        seen[actor.id] = seen.get(actor.id, 0) + 1
    for actor_id, count in seen.items():
        if count > 1:
            problems.append(Problem(file, "actors", f"actor id {actor_id!r} used {count} times"))
    for surface, owners in alias_conflicts(actors).items():
        problems.append(
            Problem(file, "actors", f"alias {surface!r} belongs to two actors: "
                    + " and ".join(sorted(owners)))
        )
    return actors


def _load_places(config: dict[str, Any], file: str, problems: list[Problem]) -> list[Place]:
    places = []
    for i, entry in enumerate(config.get("places") or []):
        where = f"places[{i}]"
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("variants"):
            problems.append(Problem(file, where, "needs 'id' and a list of 'variants'"))
            continue
        for key in sorted(set(entry) - PLACE_KEYS):
            problems.append(Problem(file, f"{where}.{key}", "unknown field"))
        places.append(
            Place(
                id=str(entry["id"]),
                name=str(entry.get("name") or entry["id"]),
                variants=[str(v) for v in entry["variants"]],
            )
        )
    return places


def _normalise_url(url: str) -> str:
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return url.split("#")[0].rstrip("/")


def duplicate_problems(articles: list[Article]) -> list[Problem]:
    """Articles one incident may not hold twice: the same id, the same URL (normalised), or
    the same text from the same outlet (the same text from two outlets is a wire copy)."""
    problems: list[Problem] = []
    by_id: dict[str, Article] = {}
    by_url: dict[str, Article] = {}
    by_text: dict[str, Article] = {}
    for article in articles:
        file = str(article.source_file)
        if article.id in by_id:
            problems.append(Problem(file, "field 'id'", f"duplicate article id {article.id!r} "
                                    f"(also in {by_id[article.id].source_file})"))
        by_id.setdefault(article.id, article)
        if article.url:
            key = _normalise_url(article.url)
            if key in by_url:
                problems.append(Problem(file, "field 'url'", "duplicate article: same URL as "
                                        f"{by_url[key].source_file} ({article.url})"))
            by_url.setdefault(key, article)
        # the same text from the same outlet is a duplicate; from two outlets it is a wire
        # copy, accepted and grouped (framing.core.syndication)
        text_key = (article.outlet, re.sub(r"\W+", " ", article.text.lower()).strip())
        if text_key in by_text:
            problems.append(Problem(file, "body", "duplicate article: same text and outlet "
                                    f"as {by_text[text_key].source_file}"))
        by_text.setdefault(text_key, article)
    return problems


def load_articles(folder: Path, problems: list[Problem]) -> list[Article]:
    """Read every supported file in ``folder`` (sorted by name); unsupported files are errors."""
    articles: list[Article] = []
    if not folder.is_dir():
        problems.append(Problem(str(folder), "", "missing articles folder"))
        return articles
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir() or path.name in NOT_ARTICLES:
            continue
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            allowed = ", ".join(SUPPORTED_SUFFIXES)
            problems.append(Problem(str(path), "", f"unsupported file type (use {allowed})"))
            continue
        articles.extend(reader(path, problems))
    return articles


def load_incident(path: str | Path | None = None) -> Incident:
    """Load and validate an incident folder (default: the sample incident). A relative
    path is found from the working folder or the project root (:func:`paths.incident_folder`).

    Raises:
        IncidentError: listing every problem found, each with its file and field or line.
    """
    from framing.core import paths

    folder = paths.incident_folder(path)
    if not folder.is_dir():
        where = ("" if folder.is_absolute()
                 else f"looked in {Path.cwd()} and in the project root {paths.ROOT}")
        raise IncidentError([Problem(str(folder), where, "incident folder not found")])
    problems: list[Problem] = []
    config = _load_config(folder, problems)
    config_file = str(folder / "incident.yml")
    actors = _load_actors(config, config_file, problems)
    places = _load_places(config, config_file, problems)
    date = None
    if config.get("date"):
        try:
            date = parse_date(config["date"])
        except ValueError as err:
            problems.append(Problem(config_file, "field 'date'", str(err)))
    articles = load_articles(folder / "articles", problems)
    problems.extend(duplicate_problems(articles))
    if not articles and not problems:
        problems.append(Problem(str(folder / "articles"), "", "no articles found"))
    if problems:
        raise IncidentError(problems)
    return Incident(
        slug=str(config.get("slug") or folder.name),
        title=str(config["title"]),
        date=date,
        summary=str(config.get("summary") or "").strip(),
        actors=actors,
        articles=articles,
        places=places,
        path=folder.resolve(),
    )


def article_markdown(article: Article) -> str:
    """Serialise an article as a Markdown file with YAML front matter (for fetch/import)."""
    fields: dict[str, Any] = {"outlet": article.outlet, "title": article.title}
    if article.url:
        fields["url"] = article.url
    if article.published:
        fields["published"] = article.published.isoformat()
    if article.byline:
        fields["byline"] = article.byline
    fields.update(article.meta)
    front = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{article.text}\n"
