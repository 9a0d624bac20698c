"""The rendered sample report in headless Chromium: no errors, no network, sections visible.

Chromium comes from Debian's package (``make browser``, run by ``make test``); Playwright
drives it through ``executable_path`` so no browser is downloaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (run `make browser`)"),
]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Headings each page must show (the summary page's own checks live with the summary tests).
KEY_SECTIONS = {
    "index.html": ["Framing profile", "Findings", "Methods and limits"],
    "00_report.html": ["Framing profile", "Findings", "Methods and limits"],
    "01_overview.html": ["Articles", "Actor mentions per outlet", "Article texts"],
    "02_loaded_terms.html": [],
    "03_blame.html": [],
    "04_sentiment.html": [],
    "05_coverage.html": [],
    "06_portrayal.html": ["Roles by outlet", "Tone by voice"],
}
#: The README's screenshot; the test writes its own copy beside the report, so a test run
#: leaves the tree clean (copy it over docs/ by hand when the summary page changes).
SCREENSHOT_NAME = "report-screenshot.png"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def open_page(browser, path: Path):
    """Open a report page offline; return (page, console errors, requests leaving the file)."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    external: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: external.append(r.url)
            if not r.url.startswith(("file://", "data:", "about:")) else None)
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, external


def test_every_page_opens_offline_without_errors(browser, report_dir):
    pages = sorted(report_dir.glob("*.html"))
    assert pages
    for path in pages:
        page, errors, external = open_page(browser, path)
        assert errors == [], f"{path.name}: console errors {errors}"
        assert external == [], f"{path.name}: requests leaving the file {external}"
        assert page.locator("nav.fr-nav").is_visible(), path.name
        for heading in KEY_SECTIONS.get(path.name, []):
            assert page.get_by_role("heading", name=heading).first.is_visible(), (
                f"{path.name}: section {heading!r} not visible"
            )
        images = page.locator("img")
        for i in range(images.count()):
            assert images.nth(i).evaluate("i => i.complete && i.naturalWidth > 0"), path.name
        page.context.close()


def test_summary_shows_profile_and_linked_findings_of_each_analysis(browser, report_dir):
    from framing.analyses import ANALYSES

    pages = {a.name: f"{a.page}.html" for a in ANALYSES}

    page, errors, _ = open_page(browser, report_dir / "index.html")
    profile = page.locator("table.fr-profile")
    assert profile.is_visible()
    header = profile.locator("thead").inner_text()
    assert "Asbarez" in header and "The Moscow Times" in header
    # sentiment draws no findings until portrayal separates victims from villains
    landed = [name for name, html in pages.items()
              if name not in ("overview", "sentiment") and (report_dir / html).exists()]
    assert page.locator('ol.fr-findings > li[data-analysis="sentiment"]').count() == 0
    for name in landed:
        finding = page.locator(f'ol.fr-findings > li[data-analysis="{name}"]').first
        assert finding.is_visible(), f"no finding from {name}"
        href = finding.locator("a").first.get_attribute("href")
        target, _, anchor = href.partition("#")
        assert target == pages[name], href
        if anchor:  # the linked section exists on the detail page
            detail = (report_dir / target).read_text(encoding="utf-8")
            assert f'id="{anchor}"' in detail, f"{href} has no target"
    assert errors == []
    page.context.close()


def test_evidence_blocks_expand_and_screenshot(browser, report_dir):
    page, errors, _ = open_page(browser, report_dir / "index.html")
    shot = report_dir / SCREENSHOT_NAME
    page.get_by_role("heading", name="Framing profile").first.evaluate(
        "h => { h.scrollIntoView(); window.scrollBy(0, -20); }")
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    blocks = page.locator("details.fr-evidence")
    assert blocks.count() > 0
    blocks.first.locator("summary").click()
    assert blocks.first.evaluate("d => d.open")
    assert blocks.first.locator("td").first.is_visible()
    assert errors == []
    page.context.close()
