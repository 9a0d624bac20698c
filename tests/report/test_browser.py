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
    outlets = profile.locator("tbody th").all_inner_texts()  # one row per outlet
    assert sorted(outlets) == ["Asbarez", "The Moscow Times"]
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
    assert blocks.first.locator("blockquote.fr-sentence").first.is_visible()
    assert errors == []
    page.context.close()


# --- a report of 20 outlets (issue 17) -------------------------------------------------------

#: Cells that are narrower than their content: scrollWidth beyond clientWidth, unless the
#: cell keeps its text on one line inside a scrolling box (then the box scrolls, the cell
#: does not squeeze). Returned as "page: text" for the failure message.
NARROW_CELLS_JS = """() => Array.from(document.querySelectorAll("td, th")).filter(c => {
  if (!c.offsetParent) { return false; }  // inside a closed <details>: not laid out
  if (c.scrollWidth <= c.clientWidth + 1) { return false; }
  const nowrap = getComputedStyle(c).whiteSpace === "nowrap";
  const box = c.closest(".fr-scroll, .jp-OutputArea-output");
  return !(nowrap && box);
}).map(c => c.textContent.trim().slice(0, 60))"""
#: The longest word of each cell against the cell's width (a word broken across lines
#: makes its rendered width exceed the cell's content box); a hyphen is a break point.
BROKEN_WORD_JS = """() => {
  const out = [];
  const probe = document.createElement("span");
  probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
  document.body.appendChild(probe);
  for (const c of document.querySelectorAll("td, th")) {
    if (!c.offsetParent) { continue; }
    // a line may break at a space or after a hyphen ("SemEval-" / "2025"), never inside
    const words = c.textContent.split(/[\\s]+|(?<=-)/).filter(w => w.length > 1);
    if (!words.length) { continue; }
    const word = words.reduce((a, b) => (b.length > a.length ? b : a));
    const style = getComputedStyle(c);
    probe.style.font = style.font;
    probe.textContent = word;
    const inner = c.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (probe.getBoundingClientRect().width > inner + 1) { out.push(word); }
  }
  probe.remove();
  return out;
}"""


@pytest.fixture(scope="module")
def wide_report(tmp_path_factory) -> Path:
    """The report of a synthetic 20-outlet incident (our own templates, no news text)."""
    from synthetic_incident import write_incident

    from framing.report.render import render_incident

    folder = write_incident(tmp_path_factory.mktemp("incidents") / "synthetic-20", 20)
    out = tmp_path_factory.mktemp("wide-report")
    render_incident(folder, out, progress=False)
    return out


def test_no_cell_is_narrower_than_its_longest_word(browser, wide_report):
    for path in sorted(wide_report.glob("*.html")):
        page, errors, _ = open_page(browser, path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        narrow = page.evaluate(NARROW_CELLS_JS)
        broken = page.evaluate(BROKEN_WORD_JS)
        assert narrow == [], f"{path.name}: cells narrower than their text: {narrow[:5]}"
        assert broken == [], f"{path.name}: words broken inside cells: {broken[:5]}"
        assert errors == [], f"{path.name}: {errors}"
        page.context.close()


def test_every_finding_shows_its_sentences_and_every_profile_link_lands(browser, wide_report):
    page, errors, _ = open_page(browser, wide_report / "index.html")
    rows = page.locator("table.fr-profile tbody tr")
    assert rows.count() == 20  # one row per outlet
    findings = page.locator("ol.fr-findings > li")
    assert findings.count() > 20
    for i in range(findings.count()):
        item = findings.nth(i)
        n = item.locator("blockquote.fr-sentence").count()
        assert n >= 1, f"finding without a sentence: {item.locator('summary').inner_text()}"
    item = findings.first
    item.locator("summary").click(position={"x": 5, "y": 5})
    assert item.locator("blockquote.fr-sentence").first.is_visible()
    hrefs = set(page.eval_on_selector_all("table.fr-profile td a", "as => as.map(a => "
                                          "a.getAttribute('href'))"))
    hrefs |= set(page.eval_on_selector_all("ol.fr-findings a", "as => as.map(a => "
                                           "a.getAttribute('href'))"))
    assert hrefs and all("#" in h for h in hrefs if "profile" not in h)
    for href in sorted(hrefs):
        target, _, anchor = href.partition("#")
        assert anchor, f"{href} links to the top of a page, not its section"
        detail = (wide_report / target).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in detail, f"{href}: no such section"
    assert errors == []
    page.context.close()


def test_profile_sorts_by_a_column_and_keeps_its_header_in_view(browser, wide_report):
    page, _, _ = open_page(browser, wide_report / "index.html")
    header = page.locator("table.fr-profile thead tr.fr-lines th").first
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    position = header.evaluate("h => getComputedStyle(h).position")
    assert position == "sticky"
    page.context.close()


def test_wide_report_names_no_absolute_path(wide_report):
    from test_report import absolute_paths

    for page in wide_report.glob("*.html"):
        assert absolute_paths(page.read_text(encoding="utf-8"), wide_report) == [], page.name


def test_screenshots_of_the_wide_report(browser, wide_report):
    """The README's 20-outlet screenshots, written beside the report (copy them over
    docs/ by hand when the pages change, as for the sample's)."""
    page, _, _ = open_page(browser, wide_report / "index.html")
    page.get_by_role("heading", name="Framing profile").first.evaluate(
        "h => { h.scrollIntoView(); window.scrollBy(0, -10); }")
    page.screenshot(path=str(wide_report / "summary-20-outlets.png"))
    page.context.close()
    page, _, _ = open_page(browser, wide_report / "05_coverage.html")
    page.get_by_role("heading", name="Coverage matrix").first.evaluate(
        "h => { h.scrollIntoView(); window.scrollBy(0, -10); }")
    page.screenshot(path=str(wide_report / "coverage-20-outlets.png"))
    assert (wide_report / "coverage-20-outlets.png").stat().st_size > 10_000
    page.context.close()
