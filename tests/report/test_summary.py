"""The summary page's warnings box: shown first, escaped, absent when nothing applies."""

from __future__ import annotations

from conftest import article_md

from framing import analyses
from framing.analyze import run_all
from framing.core.corpus import load_incident
from framing.core.pipeline import prepare
from framing.report.summary import all_findings, profile_table, warnings_html


def test_warnings_box_escapes_outlet_names(make_incident):
    folder = make_incident({"a.md": article_md(outlet="Evil <i>Outlet</i>")})
    html = warnings_html(load_incident(folder))
    assert 'data-kind="one-outlet"' in html and 'data-kind="short"' in html
    assert "Evil &lt;i&gt;Outlet&lt;/i&gt;" in html and "<i>Outlet</i>" not in html


def test_no_box_for_the_sample():
    assert warnings_html(load_incident()) == ""


def test_one_outlet_gets_no_comparison_findings(make_incident):
    """With one outlet every fact is "exclusive": coverage's findings would say "Only Outlet A
    reports 2 of the 2 facts"; the summary shows none of them (the warning explains)."""
    body = ("Azerbaijan said Armenian forces shelled the village of Hadrut on Friday evening. "
            "Three soldiers were wounded in the attack, the defence ministry said. "
            "Officials in Baku said the attack broke the ceasefire agreed in November.")
    incident = load_incident(make_incident({"a.md": article_md(body=body)}))
    results = run_all(prepare(incident), names=["coverage"])
    raw = analyses.get("coverage").findings(results["coverage"], incident)
    assert any(f.text.startswith("Only Outlet A reports") for f in raw)
    assert all_findings(results, incident) == []
    assert profile_table(results, incident).empty
