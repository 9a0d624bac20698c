"""The trained same-fact scorer: loads offline, ranks hand-written pairs, joins the sample's
peacekeepers pair. Pairs here are written for the test (no news text copied)."""

from __future__ import annotations

import numpy as np
import pytest

from framing import coverage
from framing.coverage.same_fact import (
    CONFIG_FILE,
    MODEL_DIR,
    WEIGHTS_FILE,
    SameFactScorer,
    get_same_fact_scorer,
)
from framing.evaluate.datasets import MalformedRow

# the same fact told two ways
PARAPHRASES = [
    ("The mayor resigned on Tuesday after the audit was published.",
     "Following publication of the audit, the mayor stepped down on Tuesday."),
    ("Flooding forced two thousand villagers to leave their homes.",
     "Some 2,000 villagers were evacuated because of the floods."),
    ("The two ministers agreed to reopen the border crossing next week.",
     "The border crossing will reopen next week under a deal struck by the two ministers."),
    ("Police arrested three men suspected of setting the warehouse on fire.",
     "Three suspects were detained by police over the warehouse arson."),
]
# same topic, different facts
DIFFERENT = [
    ("The mayor resigned on Tuesday after the audit was published.",
     "The audit found that the city overspent on road repairs for three years."),
    ("Flooding forced two thousand villagers to leave their homes.",
     "Forecasters expect more heavy rain in the region over the weekend."),
    ("The two ministers agreed to reopen the border crossing next week.",
     "Traders complained that the border closure had cost them months of income."),
    ("Police arrested three men suspected of setting the warehouse on fire.",
     "The warehouse stored furniture and had no sprinklers, its owner said."),
]


@pytest.fixture(scope="module")
def scorer():
    return SameFactScorer.load()


def test_the_committed_scorer_loads_offline_and_is_small(scorer):
    assert isinstance(scorer, SameFactScorer)
    assert scorer.info["config"]["head_dim"] > 0
    assert (MODEL_DIR / WEIGHTS_FILE).stat().st_size < 12 * 2**20
    assert (MODEL_DIR / CONFIG_FILE).exists()
    assert get_same_fact_scorer() is get_same_fact_scorer()


def test_paraphrases_score_higher_than_same_topic_different_facts(scorer):
    same = scorer.score(*zip(*PARAPHRASES, strict=True))
    other = scorer.score(*zip(*DIFFERENT, strict=True))
    assert same.shape == other.shape == (4,)
    assert ((0 <= same) & (same <= 1)).all() and ((0 <= other) & (other <= 1)).all()
    assert (same > other).all(), (same, other)  # each paraphrase above its own distractor
    assert same.mean() > 0.5 > other.mean()


def test_the_score_does_not_depend_on_the_order_of_the_pair(scorer):
    a, b = zip(*PARAPHRASES, strict=True)
    assert np.allclose(scorer.score(a, b), scorer.score(b, a), atol=1e-4)


def test_a_conflicting_figure_pair_is_reported_not_asserted(scorer, record_property):
    # "500 killed" vs "300 killed": the same happening with conflicting figures. Whether the
    # scorer calls it the same fact is for the conflict detector to settle; record the score.
    p = float(scorer.score(["At least 500 people were killed in the earthquake."],
                           ["The earthquake killed 300 people."])[0])
    record_property("conflicting_figures_same_fact", round(p, 3))
    print(f"P(same fact | 500 killed vs 300 killed) = {p:.3f}")
    assert 0 <= p <= 1


def test_empty_input_and_length_mismatch(scorer):
    assert scorer.score([], []).shape == (0,)
    with pytest.raises(ValueError, match="first sentences"):
        scorer.score(["a"], [])


def test_the_scorer_calls_the_sample_peacekeepers_pair_the_same_fact(parsed, scorer):
    sents = parsed.sentences
    asb = sents[sents.text.str.contains("Russian peacekeepers deployed to the region")]
    mt = sents[sents.text.str.contains("A spokesman for the Russian peacekeeping forces")]
    assert scorer.score(asb.text.tolist(), mt.text.tolist())[0] > 0.5  # 0.99 (cosine 0.55)


@pytest.mark.xfail(reason="issue 16 target not met yet: the stacked regression gives the "
                          "pair 0.30 (< the 0.45 link threshold) although the scorer gives "
                          "0.99; its BASIL-fitted weight on the scorer is small", strict=False)
def test_the_sample_peacekeepers_pair_is_aligned(parsed):
    from framing.analyze import run_analysis

    tables = coverage.tables(parsed, blame=run_analysis(parsed, "blame"))
    claims, sents = tables["claims"], parsed.sentences

    def sent(article: str, words: str) -> int:
        rows = sents[(sents.article_id == article) & sents.text.str.contains(words)]
        return int(rows.sent_id.iloc[0])

    asb = sent("asbarez-199152", "Russian peacekeepers deployed to the region confirmed")
    mt = sent("moscowtimes-a7233", "A spokesman for the Russian peacekeeping forces")
    facts = {a: set(claims.loc[(claims.article_id == a) & (claims.sent_id == s), "fact_id"])
             for a, s in (("asbarez-199152", asb), ("moscowtimes-a7233", mt))}
    assert facts["asbarez-199152"] & facts["moscowtimes-a7233"]


def test_a_malformed_pair_row_names_file_and_line(tmp_path):
    from framing.evaluate.datasets.pairs import read_mrpc, read_stsb

    (tmp_path / "mrpc").mkdir()
    (tmp_path / "mrpc" / "msr_paraphrase_test.txt").write_text(
        "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA \"quoted\t B.\n"
        "x\t3\t4\tOne.\tTwo.\n", encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"msr_paraphrase_test.txt: line 3: Quality"):
        read_mrpc("test", tmp_path)
    (tmp_path / "stsb").mkdir()
    (tmp_path / "stsb" / "sts-test.csv").write_text(
        "main-news\theadlines\t2015\t0001\t4.2\tOne \"quote.\tAnother.\n"
        "main-news\theadlines\t2015\t0002\t7.0\tOne.\tTwo.\n", encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"sts-test.csv: line 2: score 7.0 outside"):
        read_stsb("test", tmp_path)
