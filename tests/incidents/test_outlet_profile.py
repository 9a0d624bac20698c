"""The outlet profile across incidents: fixed-effect deviations, intervals, coverage."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.incidents.profile import (
    MEASURE_COLUMNS,
    coverage_matrix,
    outlet_deviations,
    outlet_profile,
)


def _measures() -> pd.DataFrame:
    """Two incidents of very different baselines; outlet A is always 2 above the others."""
    rows = []
    for incident, base in (("war", 10.0), ("vote", 1.0)):
        for k in range(4):
            rows.append((incident, f"{incident}-a{k}", "A", "loaded_per_1000", base + 2 + k % 2,
                         500.0))
            rows.append((incident, f"{incident}-b{k}", "B", "loaded_per_1000", base + k % 2,
                         500.0))
            rows.append((incident, f"{incident}-c{k}", "C", "loaded_per_1000", base + k % 2,
                         500.0))
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def test_deviation_from_each_incidents_pooled_baseline():
    dev = outlet_deviations(_measures())
    war_a = dev[(dev.outlet == "A") & (dev.incident == "war")].iloc[0]
    assert war_a.baseline == pytest.approx(10.5 + 2 / 3)  # every outlet's articles pooled
    assert war_a.deviation == pytest.approx(2 - 2 / 3)
    assert war_a.article_ids == [f"war-a{k}" for k in range(4)]  # the evidence of the cell


def test_profile_removes_the_incident_effect_and_gives_intervals():
    profile = outlet_profile(_measures(), n_boot=200).set_index("outlet")
    # A's raw mean is far from the others' only because of the incidents it covered; the
    # profile is its mean deviation: 4/3, the same in both incidents
    assert profile.loc["A", "effect"] == pytest.approx(4 / 3)
    assert profile.loc["B", "effect"] == pytest.approx(-2 / 3)
    assert profile.loc["A", "low"] <= profile.loc["A", "effect"] <= profile.loc["A", "high"]
    assert profile.loc["A", "low"] > profile.loc["B", "high"]
    assert profile.loc["A", "n_incidents"] == 2 and profile.loc["A", "n_articles"] == 8


def test_an_outlet_in_one_incident_is_compared_within_it():
    m = _measures()
    m = m[~((m.outlet == "C") & (m.incident == "vote"))]
    profile = outlet_profile(m, n_boot=50).set_index("outlet")
    assert profile.loc["C", "n_incidents"] == 1


def test_coverage_matrix():
    articles = pd.DataFrame({"outlet": ["A", "A", "B", "C"],
                             "incident": ["war", "vote", "war", "war"]})
    matrix = coverage_matrix(articles)
    assert matrix.loc["B", "vote"] == 0 and matrix.loc["A", "vote"] == 1
    assert list(matrix.index) == ["A", "B", "C"]


@pytest.mark.slow
def test_profile_of_real_incidents(tmp_path):
    """On the sample incident (parsed, terms and blame run): every article has its
    measures, and each deviation row names the articles behind it."""
    from framing.incidents.profile import profile_incidents

    result = profile_incidents([None], n_boot=20)
    assert set(result["measures"]["measure"]) == {"loaded_per_1000", "agentless_harm",
                                                   "quoted_share"}
    assert result["coverage"].shape == (2, 1)
    assert result["deviations"]["article_ids"].map(len).min() >= 1


def test_a_single_article_gets_no_interval():
    m = _measures()
    m = m[~((m.outlet == "C") & ~m.article_id.isin(["war-c0"]))]
    profile = outlet_profile(m, n_boot=50).set_index("outlet")
    assert profile.loc["C", "n_articles"] == 1
    assert pd.isna(profile.loc["C", "low"]) and pd.isna(profile.loc["C", "high"])
