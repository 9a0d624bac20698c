"""The learned role model: the committed file, its features and candidates on real parses,
and how it combines with the hand rules."""

from __future__ import annotations

import json

from framing.blame.events import event_roles, harm_events, pair_candidates, refine_roles
from framing.blame.role_model import (
    CLASSES,
    MODEL_FILE,
    RoleModel,
    candidates,
    dep_path,
    fit,
    load_model,
)
from framing.blame.triggers import trigger_kind


def test_committed_model_is_small_and_documented():
    assert MODEL_FILE.stat().st_size < 5_000_000
    model = load_model(MODEL_FILE)
    assert model is not None
    assert set(model.thresholds) >= {"agent", "target", "keep"}
    cv = model.meta["cv"]
    assert cv["grouped_by"] == "document" and cv["folds"] >= 2
    assert 0 < cv["model"]["agent"] <= 1 and 0 < cv["model"]["victim"] <= 1
    assert model.meta["validation_training"]["held_out"].startswith("kenosha")


def test_the_committed_model_is_the_default(tmp_path):
    assert load_model() is load_model(MODEL_FILE) is not None
    assert load_model(tmp_path / "missing.json") is None


def test_probabilities_sum_to_one():
    model = load_model(MODEL_FILE)
    p = model.proba(["bias", "rule=agent", "no such feature"])
    assert len(p) == len(CLASSES) and abs(sum(p) - 1) < 1e-9


def test_fit_round_trips_through_json():
    X = [["bias", "rule=agent"], ["bias", "rule=target"], ["bias", "rule=none"]] * 5
    y = ["agent", "target", "none"] * 5
    model = fit(X, y, C=1.0)
    again = RoleModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.proba(["bias", "rule=agent"]) == model.proba(["bias", "rule=agent"])
    assert max(range(3), key=lambda k: model.proba(["bias", "rule=target"])[k]) == 2


def test_candidates_are_phrase_heads_not_times(nlp):
    doc = nlp("On Friday, Azerbaijani troops attacked the Armenian positions near the river.")
    trigger = next(t for t in doc if t.text == "attacked")
    heads = {t.text for t in candidates(trigger)}
    assert {"troops", "positions", "river"} <= heads
    assert not heads & {"Friday", "Azerbaijani", "Armenian", "the"}
    up, down = dep_path(trigger, next(t for t in doc if t.text == "troops"))
    assert up == [] and down == ["nsubj"]


def test_rule_roles_are_kept_and_features_name_them(nlp):
    doc = nlp("Azerbaijani troops attacked Armenian fighters.")
    trigger = next(t for t in doc if t.text == "attacked")
    ev = event_roles(trigger, *trigger_kind(trigger))
    feats = dict((c.text, f) for c, f in pair_candidates(ev))
    assert "rule=agent" in feats["troops"] and "rule=target" in feats["fighters"]
    refined = refine_roles(ev, load_model(MODEL_FILE))
    assert [r.head.text for r in refined.agents] == ["troops"]
    assert [r.head.text for r in refined.targets] == ["fighters"]
    assert refined.voice == "active_with_agent"
    assert [(e.trigger.text, [r.text for r in e.agents]) for e in harm_events(doc)] == [
        ("attacked", ["Azerbaijani troops"])]
