"""The voice task: BASIL quote spans and speakers from blame's attribution layer."""

from __future__ import annotations

import json

import pytest

from framing.core import paths
from framing.evaluate.voice import evaluate_voice, speaker_matches

SENTENCES = [
    'Senator Jane Smith said the plan was "a reckless giveaway to wealthy donors," in a '
    "statement.",
    "The bill passed narrowly on Tuesday.",
]


def _basil(tmp_path):
    """One made-up article in BASIL's layout: a quoted span with a speaker and a plain one."""
    (tmp_path / "articles" / "2019").mkdir(parents=True)
    (tmp_path / "annotations" / "2019").mkdir(parents=True)
    article = {"title": "Senate passes the bill", "source": "nyt", "triplet-uuid": "ev",
               "date": "2019-01-02", "body-paragraphs": [[SENTENCES[0]], [SENTENCES[1]]]}
    quoted = SENTENCES[0].index("reckless giveaway")
    plain = SENTENCES[1].index("narrowly")
    spans = [
        {"id": "p0", "start": quoted, "end": quoted + 17, "txt": "reckless giveaway",
         "quote": "yes", "speaker": "Jane_Smith", "bias": "lex"},
        {"id": "p1", "start": plain, "end": plain + 8, "txt": "narrowly", "quote": "no",
         "bias": "lex"},
    ]
    (tmp_path / "articles" / "2019" / "ev_1.json").write_text(json.dumps(article))
    (tmp_path / "annotations" / "2019" / "ev_1_ann.json").write_text(
        json.dumps({"phrase-level-annotations": spans}))
    return tmp_path


def test_speaker_match_rule():
    assert speaker_matches("Donald_Trump", ["President Trump"])
    assert speaker_matches("senate_Democrats", ["Senate Democrats"])
    assert speaker_matches("plaintiffs", ["the plaintiffs"])
    assert not speaker_matches("Donald_Trump", ["he"])
    assert not speaker_matches("Donald_Trump", ["Nancy Pelosi", None])


def test_voice_task_on_a_tiny_basil_article(tmp_path):
    result = evaluate_voice(_basil(tmp_path), validation=None)
    basil = result["basil"]
    assert basil["spans"] == 2 and basil["spans_not_placed"] == 0
    assert basil["quote"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0}
    assert basil["speaker"]["named_quote_spans"] == 1
    assert basil["speaker"]["share_correct"] == 1.0
    assert "validation" not in result


@pytest.mark.slow
def test_voice_task_on_two_real_basil_events():
    folder = paths.EVAL_DIR / "basil"
    if not folder.exists():
        pytest.skip("BASIL not available")
    basil = evaluate_voice(folder, events=2, validation=None)["basil"]
    assert basil["events"] == 2 and basil["spans"] > 10 and basil["spans_not_placed"] == 0
    assert 0.5 <= basil["quote"]["f1"] <= 1.0
