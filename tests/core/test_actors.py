"""Actor mention finding and noun-phrase resolution."""

from __future__ import annotations

import pytest

from framing.core.actors import Actor, ActorResolver, alias_conflicts, surname

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
        ("the azerbaijani word in lower case", [("azerbaijani", "azerbaijan", "demonym")]),
        ("the ilham aliyev in lower case is no name", []),
        ("ILHAM ALIYEV IN A CAPITALS HEADLINE", [("ILHAM ALIYEV", "azerbaijan", "person")]),
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


def found(actors: list[Actor], text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor_id) for m in ActorResolver(actors).find(text)]


def test_alias_matches_in_any_case_and_keeps_the_article_text():
    actors = [Actor("police", "Kenosha police", "police", aliases=["Police", "Indian Army"])]
    text = "POLICE said police and the Indian army met the police."
    assert found(actors, text) == [("POLICE", "police"), ("police", "police"),
                                   ("Indian army", "police"), ("police", "police")]


def test_acronyms_and_function_words_match_only_as_written():
    actors = [Actor("usa", "United States", "usa", aliases=["US", "U.S.", "Who"]),
              Actor("nato", "NATO alliance", "nato", aliases=["NATO"])]
    assert found(actors, "They told us who the US and Nato and NATO chose.") == [
        ("US", "usa"), ("NATO", "nato")]
    assert found(actors, "Who said the U.S. and the united states agreed?") == [
        ("Who", "usa"), ("U.S.", "usa")]  # a name keeps its capitals: not "united states"


def test_names_keep_their_capitals():
    actors = [Actor("turkey", "Turkey", "turkey", people=["Mark Meadows"])]
    assert found(actors, "Turkey and TURKEY, not turkey; Meadows, not meadows.") == [
        ("Turkey", "turkey"), ("TURKEY", "turkey"), ("Meadows", "turkey")]


def test_whole_words_only():
    actors = [Actor("artsakh", "Artsakh", "armenia", aliases=["Guard", "officer"])]
    assert found(actors, "Nagorno-Artsakh Artsakhs Guardian officers vanguard") == []
    assert found(actors, "An officer of the guard, an Artsakh-backed unit.") == [
        ("officer", "artsakh"), ("guard", "artsakh"), ("Artsakh", "artsakh")]


def test_longest_mention_wins_over_an_overlapping_one():
    actors = [Actor("police", "Police", "police", aliases=["Kenosha police", "police officers"])]
    assert found(actors, "Kenosha Police Officers arrived") == [("Police Officers", "police")]


@pytest.mark.parametrize(("person", "expected"), [
    ("Ilham Aliyev", "Aliyev"), ("Jacob Blake Jr.", "Blake"), ("John Roe III", "Roe"),
    ("Jacob Sr.", None), ("Col B Santosh Babu", "Babu"), ("Santosh B.", None),
    ("Theresa May", None), ("Madonna", None), ("Kim Y", None),
])
def test_surname(person, expected):
    assert surname(person) == expected


def test_no_fragment_aliases():
    actors = [Actor("blake", "Blake family", "blake", people=["Jacob Blake Jr.", "Jacob Sr."]),
              Actor("lawyers", "Lawyers", "lawyers", people=["Pat Roe Jr.", "Ann Lee"]),
              Actor("city", "City", "city", people=["Tom Lee"])]
    assert alias_conflicts(actors) == {}  # "Jr." is no surface of either actor
    text = "Jr. spoke, then Jacob Blake Jr. and Blake, Roe and Lee; Ann Lee and Tom Lee."
    assert found(actors, text) == [
        ("Jacob Blake Jr.", "blake"), ("Blake", "blake"), ("Roe", "lawyers"),
        ("Ann Lee", "lawyers"), ("Tom Lee", "city")]  # "Lee" alone: two actors' surname


def test_conflicts_compare_surfaces_as_they_match():
    actors = [Actor("a", "A", "a", aliases=["Border guards"]),
              Actor("b", "B", "b", aliases=["border Guards", "US"]),
              Actor("c", "C", "c", aliases=["us"])]
    assert alias_conflicts(actors) == {"Border guards": {"a", "b"}}


def test_a_name_with_an_unlisted_suffix_is_another_person():
    from framing.core.actors import Actor, ActorResolver
    res = ActorResolver([Actor("usa", "United States", "usa", people=["Donald Trump"]),
                         Actor("fam", "The family", "fam", people=["Jacob Blake Jr."])])
    assert res.resolve("Donald Trump said") == "usa"
    assert res.resolve("Donald Trump Jr. said") is None
    assert res.resolve("Trump Jr said") is None
    assert res.resolve("Blake Jr. said") == "fam"


HEAD_ACTORS = [
    Actor("police", "Kenosha police", "police", aliases=["Kenosha police", "officers"]),
    Actor("ukraine", "Ukraine", "ukraine", aliases=["Ukrainian Navy"]),
    Actor("russia", "Russia", "russia", aliases=["Russian army"], demonyms=["Russian"]),
    Actor("china", "China", "china", aliases=["Chinese army"]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a local force's bare head stands for it (Lee et al. 2013's head match)
        ("Police shot Blake. The police said.", [("Police", "police"), ("police", "police")]),
        # a modifier or a possessive makes it someone else's
        ("state police, US police and its police", []),
        # another head needs its full alias earlier in the text
        ("the navy fired", []),
        ("the Ukrainian Navy said the navy fired", [("Ukrainian Navy", "ukraine"),
                                                    ("navy", "ukraine")]),
        ("the Russian navy fired", [("Russian", "russia")]),
        # two actors have an army: the bare head is nobody's
        ("the Russian army and the army", [("Russian army", "russia")]),
        # a generic name of the institution stands for it like its head; not modified
        ("Law enforcement responded with tear gas", [("Law enforcement", "police")]),
        ("federal law enforcement agents arrived", []),
    ],
)
def test_a_bare_institutional_head_stands_for_the_one_actor_it_heads(text, expected):
    found = [(m.surface, m.actor_id) for m in ActorResolver(HEAD_ACTORS).find(text)]
    assert found == expected


def test_a_demonym_plural_names_the_actors_people():
    from framing.core.actors import demonym_plural

    india = Actor("india", "India", "india", demonyms=["Indian"])
    china = Actor("china", "China", "china", demonyms=["Chinese"])
    found = [(m.surface, m.actor_id, m.kind) for m in ActorResolver([india, china]).find(
        "The clash left 20 Indians dead; the Chinese did not say.")]
    assert found == [("Indians", "india", "demonym"), ("Chinese", "china", "demonym")]
    assert [demonym_plural(d) for d in ("Azeri", "Pakistani", "British", "Swiss")] == [
        "Azeris", "Pakistanis", None, None]
