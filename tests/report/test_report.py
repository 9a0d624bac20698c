"""Rendering reports: every notebook executes; pages are self-contained and escape article text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import INCIDENT_YML, article_md

from framing.core import paths
from framing.report.render import ReportError, execute_notebook, notebook_paths, render_incident


@pytest.mark.slow
def test_every_notebook_renders_a_page(report_dir):
    for book in notebook_paths():
        page = report_dir / f"{book.stem}.html"
        assert page.exists(), f"{book.name} produced no page"
        assert (report_dir / "notebooks" / book.name).exists()
    assert (report_dir / "index.html").exists()


@pytest.mark.slow
def test_overview_page_shows_both_outlets_and_an_embedded_chart(report_dir):
    html = (report_dir / "01_overview.html").read_text(encoding="utf-8")
    assert "Asbarez" in html and "The Moscow Times" in html
    assert re.search(r'<img[^>]+src="data:image/png;base64,', html)
    assert "def " not in html and "prepare(incident)" not in html  # reader page: no code
    assert (report_dir / "data" / "overview_mentions.csv").exists()


@pytest.mark.slow
def test_no_page_names_an_absolute_path(report_dir):
    for page in report_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert absolute_paths(html, report_dir) == [], page.name
    nav = (report_dir / "00_report.html").read_text(encoding="utf-8")
    assert "incident: data/incidents/karabakh-ceasefire-2020-12 " in nav


@pytest.mark.slow
def test_pages_load_nothing_from_the_network(report_dir):
    for page in report_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', html), page.name
        assert "cdnjs" not in html and "import(\"http" not in html, page.name


@pytest.mark.slow
def test_manifest_records_inputs(report_dir):
    manifest = json.loads((report_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["incident"]["articles"] == 2
    assert "articles/asbarez-199152.md" in manifest["incident"]["files"]
    assert manifest["spacy_model"].endswith("3.8.0")
    assert set(manifest["pages"].values()) == {"executed"}


@pytest.mark.slow
def test_article_markup_is_shown_as_text(make_incident, tmp_path):
    payload = '<script>alert("pwned")</script>'
    row = {"outlet": "Evil", "title": f"Headline {payload}", "url": "https://e.org/1",
           "text": f"Azerbaijan said {payload} and <img src=x onerror=alert(1)> too."}
    folder = make_incident({
        "a.md": article_md(title="Plain <b>bold</b> headline"),
        "evil.jsonl": json.dumps(row) + "\n",
    })
    out = tmp_path / "out"
    render_incident(folder, out, notebooks=["01"], use_cache=False, progress=False)
    html = (out / "01_overview.html").read_text(encoding="utf-8")
    assert re.search(r"&lt;script&gt;alert\((&quot;|\")pwned", html)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def absolute_paths(text: str, *folders) -> list[str]:
    """The folders of this machine (project root, home, given ones) that ``text`` names."""
    names = {str(paths.ROOT), str(Path.home()), *(str(Path(f).resolve()) for f in folders)}
    return sorted(n for n in names if n in text)


@pytest.mark.slow
def test_analyst_version_has_code_and_no_absolute_path(tmp_path, sample_path):
    out = tmp_path / "analyst"
    render_incident(sample_path, out, notebooks=["01"], analyst=True, progress=False)
    html = (out / "01_overview-analyst.html").read_text(encoding="utf-8")
    assert "prepare" in html and "Asbarez" in html
    # the injected parameters show the incident relative to the project
    assert "data/incidents/karabakh-ceasefire-2020-12" in html
    assert absolute_paths(html, tmp_path) == []
    executed = (out / "notebooks" / "01_overview.ipynb").read_text(encoding="utf-8")
    assert absolute_paths(executed, tmp_path) == []


@pytest.mark.slow
def test_warm_render_reuses_executed_notebooks_in_a_new_folder(tmp_path, sample_path,
                                                                monkeypatch):
    """The cache is keyed by content (incident, code, options), not by the output folder."""
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    for folder, expected in (("render-one", "executed"), ("render-one", "from cache"),
                             ("render-two", "from cache")):
        out = tmp_path / folder
        render_incident(sample_path, out, notebooks=["01"], progress=False)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["pages"] == {"01_overview.html": expected}
        assert (out / "data" / "overview_mentions.csv").exists()
    executed = (tmp_path / "render-two" / "notebooks" / "01_overview.ipynb").read_text()
    assert "render-one" not in executed  # the cached run shows this render's folder


@pytest.mark.slow
def test_kernels_print_no_tcp_warning(tmp_path, capfd):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("incident = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("print('ran', incident)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    book = tmp_path / "98_quiet.ipynb"
    nbformat.write(nb, book)
    execute_notebook(book, tmp_path / "out.ipynb", {"incident": "x"})
    assert "ran x" in nbformat.read(tmp_path / "out.ipynb", as_version=4).cells[-1].outputs[0].text
    assert "without encryption" not in capfd.readouterr().err


@pytest.mark.slow
def test_failing_cell_reports_the_notebooks_own_error(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("incident = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("raise ValueError('the alias list is empty')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    book = tmp_path / "99_broken.ipynb"
    nbformat.write(nb, book)
    with pytest.raises(ReportError) as info:
        execute_notebook(book, tmp_path / "out.ipynb", {"incident": "x"})
    assert "99_broken.ipynb failed in cell" in str(info.value)
    assert "ValueError: the alias list is empty" in str(info.value)


def test_committed_notebooks_have_parameters_cell_and_no_outputs():
    for book in notebook_paths():
        nb = nbformat.read(book, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), book.name
        assert "incident = None" in code[0].source, book.name
        assert all(not c.get("outputs") for c in code), f"{book.name} has outputs"
    assert paths.NOTEBOOKS_DIR.exists()


@pytest.mark.slow
def test_several_incidents_get_an_index(make_incident, sample_path, tmp_path):
    from framing.report.render import render_many

    other = make_incident({"a.md": article_md()})
    index = render_many([sample_path, other], tmp_path / "many", notebooks=["01"],
                        progress=False)
    html = index.read_text(encoding="utf-8")
    assert index == tmp_path / "many" / "index.html"
    assert "karabakh-ceasefire-2020-12/index.html" in html and "incident/index.html" in html
    page = (tmp_path / "many" / "incident" / "01_overview.html").read_text(encoding="utf-8")
    assert "incident: incident " in page  # the incident is named in each page, not its path
    assert "incident: data/incidents/karabakh-ceasefire-2020-12 " in (
        tmp_path / "many" / "karabakh-ceasefire-2020-12" / "01_overview.html").read_text()
    assert absolute_paths(page, tmp_path) == []


@pytest.mark.slow
def test_one_incident_renders_into_the_out_folder_itself(sample_path, tmp_path):
    from framing.report.render import render_many

    index = render_many([sample_path], tmp_path / "mine", notebooks=["01"], progress=False)
    assert index == tmp_path / "mine" / "index.html"
    assert (tmp_path / "mine" / "01_overview.html").exists()
    assert not (tmp_path / "mine" / "karabakh-ceasefire-2020-12").exists()


@pytest.mark.slow
def test_outlet_names_and_sentences_are_escaped_on_every_page(make_incident, tmp_path):
    """Untrusted outlet names and article text reach Markdown outputs too: escaped there."""
    evil = {"outlet": "Evil <i>Outlet</i>", "title": "Attack <script>alert(1)</script>",
            "url": "https://a.org/1",
            "text": "Azerbaijan launched an attack on military posts, the army said. "
                    "Three soldiers were wounded <script>alert(2)</script> on Friday."}
    folder = make_incident({
        "evil.jsonl": json.dumps(evil) + "\n",
        "b.md": article_md(outlet="Plain Outlet", url="https://b.org/1",
                           body="Armenia said Azerbaijani forces attacked villages on Friday."),
    })
    out = tmp_path / "escaped"
    render_incident(folder, out, use_cache=False, progress=False)
    pages = list(out.glob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<i>Outlet</i>" not in html, page.name
        assert "<script>alert(" not in html, page.name
        assert absolute_paths(html, folder, tmp_path) == [], page.name


@pytest.mark.slow
def test_summary_warns_and_compares_nothing_for_one_outlet(make_incident, tmp_path):
    """One outlet, one actor, a French and a very short article: the warnings open the
    summary, every article is still analysed, and no coverage finding claims that "only"
    this outlet reports its facts."""
    english = ("Azerbaijan said Armenian forces shelled the village of Hadrut on Friday "
               "evening, wounding three soldiers, and the defence ministry promised a response. "
               "Officials in Baku said the attack broke the ceasefire agreed in November. ") * 3
    french = ("L'Azerbaïdjan a accusé vendredi les forces arméniennes d'avoir bombardé le "
              "village, blessant trois soldats, selon le ministère de la défense à Bakou. ") * 3
    yml = INCIDENT_YML.split("  - id: armenia")[0]
    folder = make_incident({"a.md": article_md(body=english, url="https://a.org/1"),
                            "fr.md": article_md(body=french, url="https://a.org/2"),
                            "short.md": article_md(body="Fighting resumed.",
                                                   url="https://a.org/3")}, yml)
    out = tmp_path / "one"
    render_incident(folder, out, notebooks=["00"], use_cache=False, progress=False)
    html = (out / "00_report.html").read_text(encoding="utf-8")
    box = html.index('class="fr-warnings"')
    assert box < html.index("3 articles, 1 outlets")  # at the top of the page
    for kind in ("one-outlet", "few-actors", "not-english", "short"):
        assert f'data-kind="{kind}"' in html
    assert "articles/fr.md (Outlet A; detected)" in html
    assert "comparisons between outlets need at least two" in html
    assert "Only Outlet A reports" not in html
    assert absolute_paths(html, folder, tmp_path) == []


def test_each_notebook_gets_only_the_parameters_it_declares():
    from framing.report import render as report

    books = report.notebook_paths()
    own = report.notebook_parameters(books, {"incident": "x", "output_dir": "y",
                                             "sentiment_model": "vader"})
    takes = {book.stem for book, params in own.items() if "sentiment_model" in params}
    assert takes == {"00_report", "04_sentiment", "06_portrayal"}
    assert all(params["incident"] == "x" for params in own.values())
    own = report.notebook_parameters(books, {"coverage_model": "some/cross-encoder"})
    assert {book.stem for book, params in own.items() if params} == {"00_report",
                                                                      "05_coverage"}
    with pytest.raises(report.ReportError, match="no notebook takes the parameter"):
        report.notebook_parameters(books, {"sentiment_modle": "vader"})
