"""The outlet profile across incidents: fixed-effect deviations, reference sides, intervals,
coverage."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.incidents.measures import MEASURE_COLUMNS
from framing.incidents.profile import (
    coverage_matrix,
    csv_tables,
    outlet_deviations,
    outlet_profile,
    profile_deviations,
    recurring,
    reference_sides,
)


def _measures() -> pd.DataFrame:
    """Two incidents of very different baselines; outlet A is always 2 above the others."""
    rows = []
    for incident, base in (("war", 10.0), ("vote", 1.0)):
        for k in range(4):
            rows.append((incident, f"{incident}-a{k}", "A", "loaded_per_1000", "",
                         base + 2 + k % 2, 500.0))
            rows.append((incident, f"{incident}-b{k}", "B", "loaded_per_1000", "",
                         base + k % 2, 500.0))
            rows.append((incident, f"{incident}-c{k}", "C", "loaded_per_1000", "",
                         base + k % 2, 500.0))
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def _castings(incident: str, outlet: str, counts: dict[str, int], article: str = "",
              measure: str = "villain_share") -> list[tuple]:
    """One article's per-side rows: the share of its castings naming each side."""
    total = sum(counts.values())
    return [(incident, article or f"{incident}-{outlet}", outlet, measure, side, n / total,
             float(total)) for side, n in counts.items()]


def test_deviation_from_each_incidents_pooled_baseline():
    dev = outlet_deviations(_measures())
    war_a = dev[(dev.outlet == "A") & (dev.incident == "war")].iloc[0]
    assert war_a.baseline == pytest.approx(10.5 + 2 / 3)  # every outlet's articles pooled
    assert war_a.deviation == pytest.approx(2 - 2 / 3)
    assert war_a.article_ids == [f"war-a{k}" for k in range(4)]  # the evidence of the cell
    assert war_a.n_units == 2000


def test_profile_removes_the_incident_effect_and_gives_intervals():
    profile = outlet_profile(_measures(), n_boot=300).set_index("outlet")
    # A's raw mean is far from the others' only because of the incidents it covered; the
    # profile is its mean deviation: 4/3, the same in both incidents
    assert profile.loc["A", "effect"] == pytest.approx(4 / 3)
    assert profile.loc["B", "effect"] == pytest.approx(-2 / 3)
    assert profile.loc["A", "low"] <= profile.loc["A", "effect"] <= profile.loc["A", "high"]
    assert profile.loc["A", "low"] > profile.loc["B", "high"]
    assert profile.loc["A", "n_incidents"] == 2 and profile.loc["A", "n_articles"] == 8
    assert profile.loc["A", "no_interval"] == ""


def test_an_outlet_in_one_incident_is_compared_within_it():
    m = _measures()
    m = m[~((m.outlet == "C") & (m.incident == "vote"))]
    profile = outlet_profile(m, n_boot=50).set_index("outlet")
    assert profile.loc["C", "n_incidents"] == 1
    assert recurring(profile.reset_index()) == ["A", "B"]


def test_an_incident_with_one_outlet_adds_nothing():
    """Its baseline is the outlet itself: a zero deviation that would pull the outlet's
    profile toward zero."""
    m = pd.concat([_measures(), pd.DataFrame(
        [("solo", "solo-a", "A", "loaded_per_1000", "", 0.0, 500.0)], columns=MEASURE_COLUMNS)])
    profile = outlet_profile(m, n_boot=50).set_index("outlet")
    assert profile.loc["A", "n_incidents"] == 2
    assert profile.loc["A", "effect"] == pytest.approx(4 / 3)
    assert "solo" not in set(outlet_deviations(m).incident)


def test_one_article_gets_its_noise_from_the_incidents_spread():
    """An outlet with one article in one incident: its interval comes from how much the
    incident's articles differ (wider when they differ more), never zero width."""
    def one(spread: float) -> pd.Series:
        rows = [("war", f"o{k}", f"O{k}", "loaded_per_1000", "", 10 + spread * (k % 3 - 1),
                 400.0) for k in range(6)]
        return outlet_profile(pd.DataFrame(rows, columns=MEASURE_COLUMNS), n_boot=400
                              ).set_index("outlet").loc["O0"]
    narrow, wide = one(1.0), one(5.0)
    assert narrow.high - narrow.low > 0
    assert wide.high - wide.low > 2 * (narrow.high - narrow.low)


def test_no_interval_below_the_small_sample_rule():
    """Fewer than 100 words (or 5 events, claims, castings) on a measure: no interval, and
    the reason said."""
    m = _measures()
    m.loc[m.article_id == "war-c0", "weight"] = 60.0
    m = m[~((m.outlet == "C") & (m.article_id != "war-c0"))]
    profile = outlet_profile(m, n_boot=50).set_index("outlet")
    assert pd.isna(profile.loc["C", "low"]) and pd.isna(profile.loc["C", "high"])
    assert profile.loc["C", "no_interval"] == "fewer than 100 words"


def test_two_articles_apart_are_no_clear_difference():
    """An incident of two articles, far apart: the noise drawn from them spans their
    difference, so neither outlet's interval excludes zero."""
    two = pd.DataFrame([("x", "x1", "A", "agentless_harm", "", 1.0, 6.0),
                        ("x", "x2", "B", "agentless_harm", "", 0.0, 6.0)],
                       columns=MEASURE_COLUMNS)
    profile = outlet_profile(two, n_boot=200)
    assert ((profile.low <= 0) & (profile.high >= 0)).all()


def test_reference_side_is_what_the_other_outlets_cast_most():
    """Leave one out: A calls X the villain, B and C call Y. A's reference is Y (the others'
    5 castings); B's is X (5 against Y's 2), C's too (5 against 3)."""
    rows = (_castings("war", "A", {"X": 5, "Y": 0}) + _castings("war", "B", {"X": 0, "Y": 3})
            + _castings("war", "C", {"X": 0, "Y": 2}))
    m = pd.DataFrame(rows, columns=MEASURE_COLUMNS)
    refs = reference_sides(m).set_index("outlet")
    assert refs.loc["A", "side"] == "Y" and refs.loc["A", "others_castings"] == 5
    assert refs.loc["B", "side"] == "X" and refs.loc["C", "side"] == "X"
    dev = profile_deviations(m).set_index(["outlet", "measure"])
    a = dev.loc[("A", "villain_consensus")]
    assert a.side == "Y" and a.value == 0.0
    assert a.baseline == pytest.approx(0.5)  # 5 of the incident's 10 castings name Y
    assert a.deviation == pytest.approx(-0.5)
    assert dev.loc[("B", "villain_consensus"), "deviation"] == pytest.approx(-0.5)


def test_no_reference_side_on_a_tie_or_too_few_castings():
    rows = (_castings("war", "A", {"X": 2, "Y": 0}) + _castings("war", "B", {"X": 1, "Y": 0})
            + _castings("war", "C", {"X": 0, "Y": 1}))
    refs = reference_sides(pd.DataFrame(rows, columns=MEASURE_COLUMNS)).set_index("outlet")
    assert "A" not in refs.index  # B and C: X 1, Y 1, a tie
    assert refs.loc["B", "side"] == "X"  # A and C: X 2, Y 1
    assert "C" not in reference_sides(pd.DataFrame(
        _castings("war", "A", {"X": 1}) + _castings("war", "C", {"X": 3}),
        columns=MEASURE_COLUMNS)).outlet.tolist()  # one casting by the others is no consensus


def test_side_based_measures_compare_across_incidents_with_different_sides():
    """In each incident, D names a different villain than the others (whatever the sides
    are called): it is negative in both, and its profile says so."""
    rows = []
    for incident, (pack, other) in (("war", ("India", "China")),
                                    ("riot", ("police", "protesters"))):
        for outlet in "ABC":
            rows += _castings(incident, outlet, {pack: 3, other: 1})
        rows += _castings(incident, "D", {pack: 0, other: 4})
        rows += _castings(incident, "D", {pack: 0, other: 20}, measure="voice_share")
        for outlet in "ABC":
            rows += _castings(incident, outlet, {pack: 10, other: 30}, measure="voice_share")
    profile = outlet_profile(pd.DataFrame(rows, columns=MEASURE_COLUMNS), n_boot=100)
    d = profile[profile.outlet == "D"].set_index("measure")
    assert d.loc["villain_consensus", "n_incidents"] == 2
    assert d.loc["villain_consensus", "effect"] == pytest.approx(-9 / 16)
    assert d.loc["voice_villain_side", "effect"] < 0
    assert -1 <= d.loc["villain_consensus", "low"] <= d.loc["villain_consensus", "high"] <= 1


def test_coverage_matrix():
    articles = pd.DataFrame({"outlet": ["A", "A", "B", "C"],
                             "incident": ["war", "vote", "war", "war"]})
    matrix = coverage_matrix(articles)
    assert matrix.loc["B", "vote"] == 0 and matrix.loc["A", "vote"] == 1
    assert list(matrix.index) == ["A", "B", "C"]


def test_csv_tables_write_only_what_the_result_has():
    m = _measures()
    tables = csv_tables({"measures": m, "deviations": outlet_deviations(m)})
    assert set(tables) == {"measures", "deviations"}
    assert tables["deviations"].article_ids.iloc[0] == "vote-a0 vote-a1 vote-a2 vote-a3"


@pytest.mark.slow
def test_profile_of_real_incidents():
    """On the sample incident (parsed; terms, blame, portrayal and coverage run): every
    article has its measures, each deviation row names the articles behind it, and every
    measure an article has is explained by evidence rows of that article."""
    from framing.incidents.profile import profile_incidents

    result = profile_incidents([None], n_boot=20)
    measures = result["measures"]
    assert {"loaded_per_1000", "agentless_harm", "quoted_share", "exclusive_share",
            "villain_share", "victim_share", "voice_share"} <= set(measures["measure"])
    assert result["coverage"].shape == (2, 1)
    assert result["deviations"]["article_ids"].map(len).min() >= 1
    assert {"villain_consensus", "voice_villain_side"} <= set(result["profile"].measure)
    ev = result["evidence"]
    for (article, measure), _ in measures.groupby(["article_id", "measure"]):
        assert len(ev[(ev.article_id == article) & (ev.measure == measure)]), (article, measure)


def test_no_interval_where_the_incidents_articles_do_not_differ():
    """Every article at zero: no spread to stand for the outlet's noise, so no interval
    (rather than a zero-width one)."""
    rows = [("war", f"o{k}", f"O{k}", "loaded_per_1000", "", 0.0, 300.0) for k in range(3)]
    profile = outlet_profile(pd.DataFrame(rows, columns=MEASURE_COLUMNS), n_boot=50)
    assert profile.low.isna().all()
    assert (profile.no_interval == "the articles of its incidents do not differ on it").all()
