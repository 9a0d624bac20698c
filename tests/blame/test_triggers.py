"""Harm triggers that need their arguments or word sense, on invented sentences (real spaCy
parses): arson and fire-setting, throwing, bludgeoning and shoving count; a labour strike
and "struck a deal" do not; time and place expressions are never agents or targets."""

from __future__ import annotations

import pytest

from framing.blame.events import harm_events
from framing.blame.role_model import is_circumstance


def _events(nlp, sentence: str, *, model: bool = False) -> dict[str, object]:
    return {ev.trigger.text: ev for ev in harm_events(nlp(sentence), model=model)}


def _heads(roles) -> set[str]:
    return {r.head.text for r in roles}


@pytest.mark.parametrize(("sentence", "trigger", "kind", "agents", "targets"), [
    ("Militants set fire to a warehouse.", "set", "destroy", {"Militants"}, {"warehouse"}),
    ("Rioters torched two cars outside the station.", "torched", "destroy", {"Rioters"},
     {"cars"}),
    ("Protesters hurled bricks at the police.", "hurled", "attack", {"Protesters"},
     {"police"}),
    ("Police used tear gas on the protesters.", "used", "attack", {"Police"},
     {"protesters"}),
    # the patient of the purpose is the target: "to (try to) disperse", "to break up"
    ("Officers used tear gas to try to disperse hundreds of protesters.", "used", "attack",
     {"Officers"}, {"protesters"}),
    ("Police used tear gas to break up the mob.", "used", "attack", {"Police"}, {"mob"}),
    ("Troops used force to protect the residents.", "used", "attack", {"Troops"}, set()),
    ("The guards bludgeoned the prisoner.", "bludgeoned", "injure", {"guards"},
     {"prisoner"}),
    ("A soldier shoved the officer into the river.", "shoved", "injure", {"soldier"},
     {"officer"}),
    ("The Chinese army suffered casualties.", "casualties", "die", set(), {"army"}),
    ("The colonel lost his life near the border.", "lost", "die", set(), {"colonel"}),
])
def test_new_triggers_and_roles(nlp, sentence, trigger, kind, agents, targets):
    ev = _events(nlp, sentence)[trigger]
    assert ev.kind == kind
    assert _heads(ev.agents) == agents
    assert _heads(ev.targets) == targets


def test_projectiles_are_instruments_not_victims(nlp):
    ev = _events(nlp, "Protesters hurled bricks at the police.")["hurled"]
    assert _heads(ev.instruments) == {"bricks"}


@pytest.mark.parametrize("sentence", [
    "Thousands of workers went on strike on Monday.",
    "The union called a general strike for Friday.",
    "The two sides struck a deal in Geneva.",
    "He threw his support behind the plan.",
    "The company used the money to build a school.",
])
def test_no_harm_in_other_senses(nlp, sentence):
    assert _events(nlp, sentence) == {}


def test_military_strike_is_harm(nlp):
    ev = _events(nlp, "An Israeli air strike killed five people.")["strike"]
    assert ev.kind == "attack"


def test_accused_of_gerund_gives_the_accused_as_agent(nlp):
    ev = _events(nlp, "The navy accused Russian border guards of firing at its ships.")[
        "firing"]
    assert _heads(ev.agents) == {"guards"}


def test_adjunct_gerund_shares_the_subject(nlp):
    events = _events(nlp, "Russia seized the ships after opening fire on them.")
    assert _heads(events["fire"].agents) == {"Russia"}


@pytest.mark.parametrize(("sentence", "word"), [
    ("Around 8:40 p.m., soldiers attacked the village.", "p.m."),
    ("On Friday, soldiers attacked the village.", "Friday"),
    ("Soldiers killed two civilians in Baghdad.", "Baghdad"),
])
def test_time_and_place_are_never_roles(nlp, sentence, word):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert is_circumstance(token)
    for model in (False, True):
        for ev in harm_events(doc, model=model):
            assert word not in _heads(ev.agents) | _heads(ev.targets)
