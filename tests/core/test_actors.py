"""Actor mention finding and noun-phrase resolution."""

from __future__ import annotations

import pytest

from framing.core.actors import Actor, ActorResolver, alias_conflicts

ACTORS = [
    Actor("azerbaijan", "Azerbaijan", "azerbaijan", aliases=["Azerbaijani forces"],
          demonyms=["Azerbaijani", "Azeri"], people=["Ilham Aliyev"]),
    Actor("artsakh", "Artsakh", "armenia", aliases=["Artsakh Defense Army", "separatists"]),
    Actor("russia", "Russia", "russia", aliases=["peacekeepers", "Moscow"]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azerbaijani forces launched an attack", [("Azerbaijani forces", "azerbaijan", "alias")]),
        ("Artsakh Defense Army said", [("Artsakh Defense Army", "artsakh", "alias")]),
        ("Aliyev blamed Armenia", [("Aliyev", "azerbaijan", "person")]),
        ("President Ilham Aliyev", [("Ilham Aliyev", "azerbaijan", "person")]),
        ("the Russian Peacekeepers arrived", [("Peacekeepers", "russia", "alias")]),
        ("a Moscow-sponsored deal", [("Moscow", "russia", "alias")]),
        ("Nagorno-Artsakh is not a name", []),
        ("the azerbaijani word in lower case", []),
        ("so-called separatists", [("separatists", "artsakh", "alias")]),
    ],
)
def test_find(text, expected):
    found = [(m.surface, m.actor_id, m.kind) for m in ActorResolver(ACTORS).find(text)]
    assert found == expected


def test_spans_point_into_the_text():
    text = "Azeri troops and the peacekeepers met in Moscow."
    for m in ActorResolver(ACTORS).find(text):
        assert text[m.start:m.end] == m.surface


def test_resolve_noun_phrase():
    resolver = ActorResolver(ACTORS)
    assert resolver.resolve("three Azerbaijani soldiers") == "azerbaijan"
    assert resolver.resolve("the Artsakh Defense Army's press office") == "artsakh"
    assert resolver.resolve("local residents") is None
    assert resolver.side("artsakh") == "armenia"


def test_alias_conflicts():
    clash = [*ACTORS, Actor("x", "X", "x", aliases=["Moscow"])]
    assert alias_conflicts(clash) == {"Moscow": {"russia", "x"}}
    assert alias_conflicts(ACTORS) == {}


def test_name_before_its_gloss_is_a_name():
    actors = [Actor("india", "India (government and army)", "india")]
    found = [(m.surface, m.actor_id) for m in ActorResolver(actors).find("India said")]
    assert found == [("India", "india")]
    assert ActorResolver(actors).resolve("India (government and army)") == "india"
