"""Sentiment: backends, the offline target model on the sample incident, aggregation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import sentiment
from framing.core.encoders import ModelUnavailableError
from framing.core.pipeline import KEY_COLUMNS
from framing.sentiment.aggregate import MIN_MENTIONS, actor_sentiment
from framing.sentiment.backends import _label_map
from framing.sentiment.interface import LABELS, SentimentBackend


@pytest.fixture(scope="module")
def result(parsed):
    return sentiment.tables(parsed)


def _sentence_with(parsed, needle: str) -> tuple[str, str]:
    rows = parsed.sentences[parsed.sentences.text.str.contains(needle, regex=False)]
    assert len(rows) == 1, needle
    return rows.iloc[0].article_id, int(rows.iloc[0].sent_id)


def test_backends_share_one_interface():
    for name in ("vader", None):
        backend = sentiment.get_backend(name)
        assert isinstance(backend, SentimentBackend)
        proba = backend.predict_proba(["The attack killed three civilians.", "It is a deal."])
        assert proba.shape == (2, 3)
        assert np.allclose(proba.sum(1), 1.0, atol=1e-6)
        target = backend.predict_target(["Aliyev praised the brave peacekeepers."], [(24, 38)])
        assert target.shape == (1, 3)


def test_vader_baseline_scores_the_sentence_and_ignores_the_target():
    vader = sentiment.get_backend("vader")
    text = "Russia heroically saved the hostages while Turkey brutally murdered them."
    a = vader.predict_target([text], [(0, 6)])
    b = vader.predict_target([text], [(43, 49)])
    assert np.allclose(a, b)
    assert vader.labels(vader.predict_proba(["This is a terrible, horrible disaster."])) == [
        "negative"]
    assert vader.labels(vader.predict_proba(["The meeting is on Tuesday."])) == ["neutral"]


def test_target_model_tells_targets_apart():
    model = sentiment.get_backend(None)
    text = "Smith bravely rescued the children, while Jones cruelly abandoned them."
    proba = model.predict_target([text, text], [(0, 5), (42, 47)])
    labels = model.labels(proba)
    assert labels[0] == "positive"
    assert labels[1] == "negative"


def test_missing_model_name_fails_fast_offline():
    with pytest.raises(ModelUnavailableError, match="cannot load model"):
        sentiment.get_backend("no-such-org/no-such-sentiment-model-xyz")


def test_label_map_of_hugging_face_models():
    assert np.allclose(_label_map({0: "NEGATIVE", 1: "POSITIVE"}),
                       [[1, 0, 0], [0, 0, 1]])
    assert np.allclose(_label_map({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}),
                       np.eye(3))
    stars = _label_map({i: f"{i + 1} stars" for i in range(5)})
    assert stars.argmax(1).tolist() == [0, 0, 1, 2, 2]
    with pytest.raises(ValueError):
        _label_map({0: "sports", 1: "politics"})


def test_tables_have_the_shared_keys_and_columns(result, parsed):
    assert {"sentences", "targets", "documents", "by_actor", "by_side", "distribution",
            "extremes"} <= set(result)
    for name in ("sentences", "targets", "documents"):
        assert list(result[name].columns[:5]) == KEY_COLUMNS
    sents, targets = result["sentences"], result["targets"]
    assert len(sents) == len(parsed.sentences)
    assert len(targets) == len(parsed.mentions)
    assert np.allclose(sents[["p_negative", "p_neutral", "p_positive"]].sum(axis=1), 1, atol=1e-3)
    assert sents.score.between(-1, 1).all() and sents.label.isin(LABELS).all()
    # target spans are the mention spans, inside their sentence
    assert (targets.start >= targets.sent_start).all() and (targets.end <= targets.sent_end).all()
    doc = {a.id: a.document for a in parsed.incident.articles}
    for row in targets.head(20).itertuples():
        assert doc[row.article_id][row.start:row.end] == row.surface
    assert set(result["documents"].article_id) == {a.id for a in parsed.incident.articles}


def test_misinformation_sentence_is_negative_toward_azerbaijan(result, parsed):
    article_id, sent_id = _sentence_with(parsed, "in their usual effort to spread misinformation")
    t = result["targets"]
    rows = t[(t.article_id == article_id) & (t.sent_id == sent_id) & (t.actor_id == "azerbaijan")
             & (t.surface == "Azerbaijani media")]
    assert len(rows) == 1
    assert rows.iloc[0].label == "negative"
    assert rows.iloc[0].score < -0.3


def test_each_outlet_has_sentiment_toward_the_main_sides(result, parsed):
    by_side = result["by_side"]
    by_actor = result["by_actor"]
    for outlet in parsed.incident.outlets:
        sides = set(by_side[by_side.outlet == outlet].side)
        assert {"azerbaijan", "armenia", "russia"} <= sides, outlet
        assert {"azerbaijan", "russia"} <= set(by_actor[by_actor.outlet == outlet].actor_id)
    ex = result["extremes"]
    assert set(ex.outlet) == set(parsed.incident.outlets)
    assert ex.sentence.str.len().gt(0).all()


def test_intervals_contain_the_mean_and_small_cells_are_flagged(result):
    for name in ("by_actor", "by_side"):
        agg = result[name]
        ok = agg.ci_low.notna()
        assert ok.any()
        assert (agg.ci_low[ok] <= agg["mean"][ok] + 1e-9).all()
        assert (agg.ci_high[ok] >= agg["mean"][ok] - 1e-9).all()
        assert (agg.small_sample == (agg.n_mentions < MIN_MENTIONS)).all()
        assert (agg.n_sentences <= agg.n_mentions).all()


def test_aggregation_on_a_handmade_frame():
    rows = []
    for i, s in enumerate([-0.9, -0.7, -0.8, -0.6, -0.75, -0.85]):
        rows.append({"article_id": "a", "outlet": "X", "sent_id": i, "start": 0, "end": 1,
                     "actor_id": "az", "side": "azerbaijan", "score": s, "label": "negative"})
    rows.append({"article_id": "a", "outlet": "X", "sent_id": 9, "start": 0, "end": 1,
                 "actor_id": "ru", "side": "russia", "score": 0.5, "label": "positive"})
    agg = actor_sentiment(pd.DataFrame(rows), by="actor_id").set_index("actor_id")
    assert agg.loc["az", "n_mentions"] == 6 and not agg.loc["az", "small_sample"]
    assert agg.loc["az", "ci_high"] < 0 < 0.5 and agg.loc["ru", "small_sample"]
    assert np.isnan(agg.loc["ru", "ci_low"])  # one sentence: no interval
    assert agg.loc["az", "mean"] == pytest.approx(-4.6 / 6, abs=1e-4)


def test_findings_and_profile(result, parsed):
    # the tone around a mention is not portrayal (victims read as negative): no findings
    assert sentiment.findings(result, parsed.incident) == []
    prof = sentiment.profile(result, parsed.incident)
    assert list(prof.columns) == [*parsed.incident.outlets, "section"]
    assert "Tone of sentences mentioning Azerbaijan" in prof.index  # the side's name
    assert prof.map(lambda v: isinstance(v, str)).all().all()


def test_vader_tables_run_without_the_model(parsed):
    out = sentiment.tables(parsed, sentiment_model="vader")
    assert np.allclose(out["sentences"].score, out["sentences"].vader, atol=1e-3)


def test_evaluation_reports_each_backend(tmp_path):
    import json

    from framing.evaluate.sentiment import evaluate_target_sentiment

    rows = [
        ("Smith bravely rescued the children.", 0, 5, 6.0),
        ("Jones cruelly abandoned the children.", 0, 5, 2.0),
        ("Brown spoke to reporters on Tuesday.", 0, 5, 4.0),
        ("Critics said Green had betrayed his voters and lied.", 13, 18, 2.0),
    ]
    path = tmp_path / "dev_tiny.jsonl"
    path.write_text("".join(json.dumps({"primary_gid": f"x_{i}_0", "sentence_normalized": s,
                                        "targets": [{"Input.gid": f"x_{i}_0", "from": a, "to": b,
                                                     "mention": s[a:b], "polarity": p}]}) + "\n"
                            for i, (s, a, b, p) in enumerate(rows)), encoding="utf-8")
    out = evaluate_target_sentiment(path, also=[])
    assert out["backends"] == ["vader", "default"]
    for name in out["backends"]:
        m = out["target"][name]
        assert 0 <= m["macro_f1"] <= 1 and 0 <= m["accuracy"] <= 1
        assert set(m["per_class"]) == set(LABELS) and m["targets_per_second"] > 0
    assert out["target"]["targets"] == 4
    assert out["sentence"]["default"]["sentences_per_second"] > 0
    assert out["target"]["default"]["accuracy"] >= 0.75


def test_each_mention_says_in_whose_words_it_is(result):
    t = result["targets"]
    quoted = t[t.sentence.str.startswith("“Armenia shouldn’t try") & (t.surface == "Armenia")]
    assert list(quoted.voice) == ["direct_quote"]
    assert list(quoted.source_actor) == ["azerbaijan"]
    own = t[t.sentence.str.startswith("The Azerbaijani attack on Friday was the first breach")]
    assert set(own.voice) == {"outlet"} and own.source_actor.isna().all()
