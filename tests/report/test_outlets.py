"""The outlets page of a set of incidents (``framing incidents report``, 07_outlets): every
count and profile cell links to evidence that exists and shows a sentence; no absolute path;
article text escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from framing.report.render import notebook_paths

SECTION = re.compile(r'<section class="fr-cell" id="([^"]+)">(.*?)</section>', re.DOTALL)
SENTENCE = re.compile(r'<blockquote class="fr-sentence">(.*?)</blockquote>', re.DOTALL)
EVIL = {"outlet": "The Northern Herald", "title": "Shelling <b>report</b>",
        "url": "https://example.org/evil",
        "text": 'Northland forces shelled the town <script>alert("pwned")</script> of '
                "Riverford, killing <img src=x onerror=alert(1)> three Southland soldiers.\n\n"
                "Southland accused Northland of a deliberate provocation."}


def test_the_outlets_page_is_no_page_of_one_incidents_report():
    stems = [b.stem for b in notebook_paths()]
    assert "07_outlets" not in stems and stems[0] == "00_report"
    book = nbformat.read(Path(notebook_paths()[0]).parent / "07_outlets.ipynb", as_version=4)
    code = [c for c in book.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert "incidents = None" in code[0].source and "output_dir = None" in code[0].source
    assert all(not c.get("outputs") for c in code)


@pytest.fixture(scope="module")
def outlets_page(tmp_path_factory, sample_path) -> Path:
    """The page over the sample and two synthetic incidents whose outlets recur (one of
    them with an article carrying markup), rendered through the command line."""
    from synthetic_incident import write_incident

    from framing.cli import main

    root = tmp_path_factory.mktemp("incidents")
    first = write_incident(root / "synthetic-a", 6, seed=1)
    second = write_incident(root / "synthetic-b", 4, seed=2)
    (first / "articles" / "evil.jsonl").write_text(json.dumps(EVIL) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("outlets")
    assert main(["incidents", "report", str(sample_path), str(first), str(second),
                 "--out", str(out), "--n-boot", "200"]) == 0
    return out


@pytest.mark.slow
def test_every_cell_links_to_evidence_that_shows_a_sentence(outlets_page):
    html = (outlets_page / "index.html").read_text(encoding="utf-8")
    sections = dict(SECTION.findall(html))
    for table_id in ("profile", "coverage"):
        table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.DOTALL).group(0)
        links = re.findall(r'href="#([^"]+)"', table)
        assert links, table_id
        for anchor in links:
            assert anchor in sections, anchor
            shown = [re.sub(r"<[^>]+>", "", s).strip() for s in SENTENCE.findall(
                sections[anchor])]
            assert any(shown), f"{anchor} shows no sentence"
    import pandas as pd

    profile = pd.read_csv(outlets_page / "data" / "outlets_profile.csv")
    table = re.search(r'<table[^>]*id="profile".*?</table>', html, re.DOTALL).group(0)
    assert len(re.findall(r'href="#ev-', table)) == len(profile)  # every cell, linked
    # the synthetic outlets recur: their profile rests on both incidents
    herald = profile[profile.outlet == "The Northern Herald"]
    assert herald.n_incidents.max() == 2
    assert {"villain_consensus", "loaded_per_1000", "exclusive_share"} <= set(herald.measure)
    assert herald.loc[herald.n_units >= 100, "low"].notna().any()


@pytest.mark.slow
def test_article_text_is_escaped_and_no_absolute_path(outlets_page):
    from test_report import absolute_paths

    html = (outlets_page / "index.html").read_text(encoding="utf-8")
    assert re.search(r"&lt;script&gt;alert\((&quot;|\")pwned", html)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Shelling &lt;b&gt;report&lt;/b&gt;" in html
    for path in [outlets_page / "index.html", outlets_page / "manifest.json",
                 outlets_page / "notebooks" / "07_outlets.ipynb"]:
        assert absolute_paths(path.read_text(encoding="utf-8"), outlets_page) == [], path.name
    executed = nbformat.read(outlets_page / "notebooks" / "07_outlets.ipynb", as_version=4)
    injected = next(c for c in executed.cells
                    if "injected-parameters" in c.metadata.get("tags", []))
    assert '"data/incidents/karabakh-ceasefire-2020-12", "synthetic-a"' in injected.source
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', html)


@pytest.mark.slow
@pytest.mark.browser
def test_a_click_on_a_cell_shows_its_evidence(outlets_page):
    """In headless Chromium, offline: an evidence block is hidden until its cell is
    clicked, then shown with its sentences; no console error, nothing fetched."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed (run `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(offline=True).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((outlets_page / "index.html").as_uri(), wait_until="load")
        link = page.locator("#profile a[href^='#ev-']").first
        target = link.get_attribute("href")
        block = page.locator(target)
        assert not block.is_visible()
        link.click()
        assert block.is_visible()
        assert block.locator("blockquote.fr-sentence").first.is_visible()
        browser.close()
    assert errors == []
