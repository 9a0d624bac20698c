"""Victim figures of harm events: the number and its hedge (issue 16's conflicting figures)."""

from __future__ import annotations

import pytest

from framing.blame.events import harm_events
from framing.blame.figures import parse_number, victim_figure


@pytest.mark.parametrize(("text", "value"), [
    ("20", 20), ("1,200", 1200), ("twenty-three", 23), ("two dozen", 24),
    ("three hundred", 300), ("five thousand", 5000), ("many", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(("sentence", "figure"), [
    ("At least 20 soldiers were killed in the clash.", (20, "At least 20")),
    ("The shelling killed three hundred villagers.", (300, "three hundred")),
    ("Three were wounded overnight.", (3, "Three")),
    ("Dozens of people were injured in the blast.", (None, "dozens")),
    ("The soldiers were killed in the clash.", (None, None)),
    # coordinated counts add up; a count of people harmed on the trigger itself counts
    ("Clashes left one Indian officer and two soldiers dead on Monday.", (3, "3 (one and two)")),
    ("News agency ANI reported 45 Chinese casualties.", (45, "45")),
    # a count of events is no count of victims; ships and a boat do not add up
    ("There were two attacks on the village.", (None, None)),
    ("Russia seized two vessels and a tug boat.", (2, "two")),
])
def test_victim_figure_of_harm_events(nlp, sentence, figure):
    events = [ev for ev in harm_events(nlp(sentence)) if ev.targets]
    assert victim_figure(events[-1].targets[0].phrase, events[-1].trigger) == figure
