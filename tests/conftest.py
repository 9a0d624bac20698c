"""Shared fixtures: the spaCy pipeline, the sample incident (parsed, its actors) and a factory
for small incident folders."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from framing.core import paths
from framing.core.actors import ActorResolver
from framing.core.corpus import load_incident
from framing.core.nlp import load_nlp
from framing.core.pipeline import Parsed, prepare

INCIDENT_YML = """\
title: Test incident
date: 2020-12-11
summary: A small incident for tests.
actors:
  - id: azerbaijan
    name: Azerbaijan
    side: azerbaijan
    demonyms: [Azerbaijani]
    people: [Ilham Aliyev]
  - id: armenia
    name: Armenia
    side: armenia
    demonyms: [Armenian]
"""


def article_md(outlet: str = "Outlet A", title: str = "A headline", body: str = "",
               **extra: str) -> str:
    """A Markdown article with front matter (extra fields are written as given)."""
    front = [f"outlet: {outlet}", f"title: {title}", *(f"{k}: {v}" for k, v in extra.items())]
    body = body or "Azerbaijan and Armenia exchanged fire on Friday, officials said."
    return "---\n" + "\n".join(front) + "\n---\n\n" + textwrap.dedent(body) + "\n"


@pytest.fixture
def make_incident(tmp_path: Path):
    """Build an incident folder: ``make_incident({"a.md": text, ...}, incident_yml=...)``."""

    def build(files: dict[str, str | bytes], incident_yml: str = INCIDENT_YML) -> Path:
        folder = tmp_path / "incident"
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        (folder / "incident.yml").write_text(incident_yml, encoding="utf-8")
        for name, content in files.items():
            path = folder / "articles" / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return build


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, loaded once per session."""
    return load_nlp()


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    """The sample incident's actor resolver."""
    return ActorResolver(load_incident().actors)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return paths.SAMPLE_INCIDENT


@pytest.fixture(scope="session")
def parsed(sample_path: Path) -> Parsed:
    """The sample incident, parsed once per test session."""
    return prepare(sample_path)


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory, sample_path) -> Path:
    """The full sample report, every notebook executed (no execution cache): a notebook that
    fails to execute fails every test that uses this fixture."""
    from framing.report.render import render_incident

    out = tmp_path_factory.mktemp("report")
    render_incident(sample_path, out, use_cache=False, progress=False)
    return out


@pytest.fixture
def coverage_of(make_incident):
    """``coverage_of((outlet, title, body), ...)``: an incident of one article per outlet
    (``a.md``, ``b.md``, ...) and its coverage tables, computed without the cache."""
    from framing.analyze import run_analysis

    def build(*articles: tuple[str, str, str]):
        folder = make_incident({f"{chr(97 + n)}.md": article_md(outlet=o, title=t, body=b)
                                for n, (o, t, b) in enumerate(articles)})
        incident = load_incident(folder)
        return incident, run_analysis(prepare(incident), "coverage", use_cache=False)

    return build
