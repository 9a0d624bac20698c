"""Loading and validating incidents: every bad input is named with its file and field/line."""

from __future__ import annotations

import json

import pytest
from conftest import INCIDENT_YML, article_md

from framing.core import paths
from framing.core.corpus import Incident, IncidentError, load_incident


def test_sample_incident_loads(sample_path):
    incident = load_incident(sample_path)
    assert isinstance(incident, Incident)
    assert len(incident.articles) == 2
    assert len(incident.actors) >= 5
    assert incident.outlets == ["Asbarez", "The Moscow Times"]
    asbarez = incident.article("asbarez-199152")
    assert asbarez.published.isoformat() == "2020-12-12"
    assert asbarez.document.startswith(asbarez.title + "\n\n")
    assert asbarez.document[asbarez.body_offset:] == asbarez.text
    assert {p.id for p in incident.places} >= {"karabakh"}


def test_default_is_the_sample():
    assert load_incident().slug == "karabakh-ceasefire-2020-12"


def _problems(folder) -> str:
    with pytest.raises(IncidentError) as info:
        load_incident(folder)
    return str(info.value)


GOOD = article_md(url="https://example.org/good")

BAD_ARTICLES = [
    ("missing outlet", article_md(outlet="''"), "bad.md: field 'outlet': missing or empty"),
    ("no title", "---\noutlet: X\n---\n\nSome text here.\n", "bad.md: field 'title': missing"),
    ("bad date", article_md(published="13/12/2020"), "field 'published': unparseable date"),
    ("impossible date", article_md(published="2026-13-45"),
     "bad.md: field 'published': impossible date '2026-13-45': month must be in 1..12"),
    ("no such day", article_md(published="2026-02-30"),
     "bad.md: field 'published': impossible date '2026-02-30'"),
    ("bad lang", article_md(lang="French"), "bad.md: field 'lang': 'French' is no language code"),
    ("empty body", "---\noutlet: X\ntitle: T\n---\n\n  \n", "bad.md: body: empty article body"),
    ("unknown key", article_md(autor="Someone"), "bad.md: field 'autor': unknown field"),
    ("raw html", article_md(body="Text with <div class='x'>markup</div> left in."),
     "bad.md: line 6: raw HTML tag"),
    ("malformed yaml", "---\noutlet: [unclosed\ntitle: T\n---\n\nBody text.\n",
     "bad.md: line 3: malformed YAML front matter"),
    ("no front matter", "Just a body without metadata.\n", "bad.md: line 1: no YAML front matter"),
    ("duplicate url", article_md(url="https://EXAMPLE.org/good/", body="Other text entirely."),
     "bad.md: field 'url': duplicate article: same URL as"),
    ("duplicate text", article_md(url="https://x.org/2"),
     "bad.md: body: duplicate article: same text and outlet as"),
]


@pytest.mark.parametrize(
    ("case", "bad", "expected"), BAD_ARTICLES, ids=[b[0] for b in BAD_ARTICLES]
)
def test_bad_article_is_named(make_incident, case, bad, expected):
    message = _problems(make_incident({"a-good.md": GOOD, "bad.md": bad}))
    assert expected in message


def test_the_same_text_from_another_outlet_is_a_wire_copy_not_a_duplicate(make_incident):
    incident = load_incident(make_incident({
        "a-good.md": GOOD, "copy.md": article_md(outlet="Other", url="https://x.org/2")}))
    assert [a.outlet for a in incident.articles] == ["Outlet A", "Other"]


def test_yaml_errors_give_the_files_line_not_the_front_matters(make_incident):
    bad = "---\noutlet: A\ntitle: T\nbyline: x: y\n---\n\nBody text.\n"  # line 4 of the file
    message = _problems(make_incident({"a-good.md": GOOD, "bad.md": bad}))
    assert "bad.md: line 4: malformed YAML front matter: mapping values are not allowed here" \
        in message
    assert "line 3" not in message and "<unicode string>" not in message
    quote = '---\noutlet: A\ntitle: "T\nbyline: x\n---\n\nBody text.\n'
    message = _problems(make_incident({"a-good.md": GOOD, "bad.md": quote}))
    assert "while scanning a quoted scalar at line 3" in message  # where the quote opens


def test_incident_yml_yaml_error_and_impossible_date_are_named(make_incident):
    yml = INCIDENT_YML.replace("date: 2020-12-11", "date: 2020-12-41")
    message = _problems(make_incident({"a.md": GOOD}, incident_yml=yml))
    assert "incident.yml: field 'date': impossible date '2020-12-41'" in message
    yml = INCIDENT_YML.replace("summary: A small incident for tests.", "summary: a: b")
    message = _problems(make_incident({"a.md": GOOD}, incident_yml=yml))
    assert "incident.yml: line 3: malformed YAML: mapping values are not allowed here" in message


def test_dates_and_lang_are_read(make_incident):
    incident = load_incident(make_incident({"a.md": article_md(published="2020-12-12",
                                                                lang="fr")}))
    (article,) = incident.articles
    assert article.published.isoformat() == "2020-12-12"
    assert article.meta["lang"] == "fr"
    assert incident.date.isoformat() == "2020-12-11"


def test_relative_incident_path_resolves_from_the_project_root(monkeypatch):
    monkeypatch.chdir(paths.NOTEBOOKS_DIR)  # where JupyterLab runs a notebook
    incident = load_incident("data/incidents/karabakh-ceasefire-2020-12")
    assert incident.path == paths.SAMPLE_INCIDENT.resolve()
    message = _problems("data/incidents/no-such-incident")
    assert "no-such-incident: looked in" in message and "incident folder not found" in message


def test_non_utf8_names_file_and_line(make_incident):
    raw = article_md().encode("utf-8").replace(b"Friday", b"Fr\xe9day")
    message = _problems(make_incident({"latin1.md": raw}))
    assert "latin1.md: line 6: not valid UTF-8 (byte 0xe9" in message


def test_every_problem_reported_at_once(make_incident):
    message = _problems(make_incident({
        "a.md": article_md(outlet="''"),
        "b.md": article_md(published="yesterday", body="Different body."),
        "c.txt": "not an article",
    }))
    assert "a.md: field 'outlet'" in message
    assert "b.md: field 'published'" in message
    assert "c.txt: unsupported file type" in message
    assert message.startswith("3 problem(s)")


def test_alias_belonging_to_two_actors(make_incident):
    yml = INCIDENT_YML + "    aliases: [Azerbaijani]\n"
    message = _problems(make_incident({"a.md": GOOD}, incident_yml=yml))
    expected = "alias 'Azerbaijani' belongs to two actors: armenia and azerbaijan"
    assert f"incident.yml: actors: {expected}" in message


def test_incident_config_problems(make_incident):
    yml = "title: ''\nactors:\n  - id: x\n    side: s\nwhatever: 1\n"
    message = _problems(make_incident({"a.md": GOOD}, incident_yml=yml))
    assert "field 'whatever': unknown field" in message
    assert "field 'title': missing or empty" in message
    assert "actors[0].name: missing or empty" in message


def test_missing_incident_yml(tmp_path):
    (tmp_path / "articles").mkdir()
    assert "incident.yml: missing" in _problems(tmp_path)


def test_jsonl_and_csv_importers(make_incident):
    rows = [
        {"outlet": "Wire", "title": "One", "url": "https://w.org/1", "text": "First story."},
        {"outlet": "Wire", "title": "Two", "published": "2020-12-13", "text": "Second story."},
    ]
    csv_text = 'outlet,title,published,text\nDaily,Three,2020-12-14,"Third, with a comma."\n'
    incident = load_incident(make_incident({
        "wire.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n",
        "daily.csv": csv_text,
    }))
    by_title = {a.title: a for a in incident.articles}
    assert set(by_title) == {"One", "Two", "Three"}
    assert by_title["Three"].text == "Third, with a comma."
    assert by_title["Two"].published.isoformat() == "2020-12-13"
    assert by_title["One"].id == "wire-1"


def test_jsonl_row_problems_name_the_line(make_incident):
    text = '{"outlet": "W", "title": "T", "text": "ok"}\n{broken\n{"title": "T2", "text": "x"}\n'
    message = _problems(make_incident({"w.jsonl": text}))
    assert "w.jsonl: line 2: invalid JSON" in message
    assert "w.jsonl: line 3: field 'outlet': missing or empty" in message


SAVED_PAGE = """<!DOCTYPE html><html><head><title>Ceasefire breached in Karabakh</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2020-12-13T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Ceasefire breached in Karabakh</h1>
<p>The Russian army on Saturday reported a violation of the ceasefire in Nagorno-Karabakh,
the first since the deal that ended six weeks of fighting between Azerbaijan and Armenia.</p>
<p>Karabakh forces said three of their fighters had been wounded in an attack by Azerbaijani
forces on Friday evening, while Baku accused Armenian units of provocations near Hadrut.</p>
<p>A spokesman for the peacekeepers confirmed exchanges of fire with automatic weapons and
said requests to respect the truce had been sent to both parties.</p>
</article><footer>Copyright</footer></body></html>"""


def test_saved_html_page_importer(make_incident):
    incident = load_incident(make_incident({"page.html": SAVED_PAGE}))
    (article,) = incident.articles
    assert article.outlet == "Example News"
    assert article.title == "Ceasefire breached in Karabakh"
    assert "three of their fighters" in article.text
    assert "Home | World" not in article.text and "<p>" not in article.text
