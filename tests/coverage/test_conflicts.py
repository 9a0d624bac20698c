"""Conflicting claims (issue 16): two outlets' claims about one happening that disagree on a
figure are linked as conflicting, never merged into one fact, never an omission."""

from __future__ import annotations

from framing.coverage.conflicts import victim_kind
from framing.coverage.summary import conflict_findings


def test_rival_death_tolls_are_conflicting_not_one_fact(coverage_of):
    incident, tables = coverage_of(
        ("Outlet A", "Clash on the border", "Azerbaijani troops killed 20 Armenian soldiers in "
         "a clash on the border on Friday.\n\nTalks are due next week."),
        ("Outlet B", "Border clash", "Azerbaijani troops killed three Armenian soldiers in a "
         "clash on the border on Friday.\n\nThe region was calm on Saturday."))
    conflicts = tables["conflicts"]
    assert len(conflicts) == 1
    row = conflicts.iloc[0]
    assert (row.on, row.harm, row.target_side) == ("figure", "dead", "armenia")
    assert row.fact_a != row.fact_b  # never merged into one fact
    claims = tables["claims"]
    tolls = claims[claims.text.str.contains("killed")]
    assert set(tolls.status) == {"conflicting"}  # neither side is an exclusive fact
    text = conflict_findings(conflicts, incident)[0].text
    assert text.startswith("Outlets disagree on how many of Armenia's people were killed")
    assert "20 (Outlet A)" in text and "3 (Outlet B)" in text


def test_an_early_toll_the_outlet_itself_reports_or_supersedes_is_no_conflict(coverage_of):
    _, tables = coverage_of(
        ("Outlet A", "Clash on the border", "Azerbaijani troops killed 20 Armenian soldiers in "
         "a clash on the border on Friday.\n\nTalks are due next week."),
        # says "initially" of the early figure
        ("Outlet B", "Border clash", "The army initially said Azerbaijani troops killed three "
         "Armenian soldiers in a clash on the border on Friday.\n\nThe region was calm on "
         "Saturday."),
        # gives both figures: 3 in one sentence, 20 in another
        ("Outlet C", "Toll rises", "Azerbaijani troops killed three Armenian soldiers in a "
         "clash on the border on Friday.\n\nBy evening the army said Azerbaijani troops had "
         "killed 20 Armenian soldiers."))
    assert tables["conflicts"].empty


def test_rival_accounts_of_who_attacked_whom_conflict(coverage_of):
    incident, tables = coverage_of(
        ("Outlet A", "Clash on the border", "Azerbaijani troops attacked the Armenian soldiers "
         "near the border on Friday.\n\nTalks are due next week."),
        ("Outlet B", "Border clash", "Armenian troops launched provocative attacks near the "
         "border on Friday.\n\nThe region was calm on Saturday."))
    conflicts = tables["conflicts"]
    assert list(conflicts.on) == ["agent"]
    text = conflict_findings(conflicts, incident)[0].text
    assert "Azerbaijan (Outlet A) vs Armenia (Outlet B)" in text


def test_harms_against_different_victims_are_no_rival_accounts(coverage_of):
    """The Kenosha report read "Rival accounts of who is to blame" for "Protesters set cars on
    fire" against "the shooting by police of Jacob Blake": two happenings, not two accounts
    of one. A villain only by agency is compared through its event (same victim needed)."""
    _, tables = coverage_of(
        ("Outlet A", "Protests in the city", "Azerbaijani protesters set cars on fire and "
         "clashed with Armenian officers on Friday.\n\nTalks are due next week."),
        ("Outlet B", "Protests in the city", "Armenian officers shot an Azerbaijani protester "
         "on Friday, and protests followed.\n\nThe region was calm on Saturday."))
    conflicts = tables["conflicts"]
    assert conflicts.empty


def _event(agent, target, text=None):
    """An event record as :func:`framing.coverage.conflicts.records_conflict` reads it."""
    from types import SimpleNamespace

    return SimpleNamespace(harm="attacked", negated=False, agent_side=agent,
                           target_side=target, target_count=None, target_figure=None,
                           target_text=text)


def test_a_self_inflicted_reading_is_no_rival_agent():
    from framing.coverage.conflicts import records_conflict

    event = _event
    # "officer Shesky, clutching onto Blake's shirt, fired ... at Blake's back" misread
    # with Blake as the subject: not an account in which Blake shot himself
    assert records_conflict([event("police", "blake")], [event("blake", "blake")],
                            set(), set()) is None
    assert records_conflict([event("police", "blake")], [event("crowd", "blake")],
                            set(), set())[0] == "agent"


def test_a_victim_on_no_side_is_another_act_not_a_rival_account():
    from framing.coverage.conflicts import records_conflict

    event = _event
    police_fire = event("police", "protesters", "demonstrators")
    # Kenosha: "police firing tear gas at demonstrators" against "activists ... assaulting
    # innocent shop owners" are two acts, not two accounts of who attacked whom
    assert records_conflict([police_fire], [event("protesters", None, "innocent shop owners")],
                            set(), set()) is None
    # Galwan: "provocative attacks on its troops" (a victim the actors do not resolve) and
    # "launched provocative attacks" (none named) stay rival accounts
    for victim in ("its troops", None):
        assert records_conflict([police_fire], [event("protesters", None, victim)],
                                set(), set())[0] == "agent"


def test_an_act_with_no_victim_is_a_rival_account_of_its_accuser_or_the_same_happening():
    from framing.coverage.conflicts import records_conflict

    # Kenosha: "police used tear gas to try to disperse hundreds of protesters" and
    # "rioters ... threw projectiles, Rosas tweeted" (no victim) are two acts of the unrest
    tear_gas, thrown = _event("police", "protesters"), _event("protesters", None)
    assert records_conflict([tear_gas], [thrown], set(), set(), False) is None
    # the aligner's same happening ...
    assert records_conflict([tear_gas], [thrown], set(), set(), True)[0] == "agent"
    # ... or the other agent's side claiming it, its implied victim: "Indian troops launched
    # provocative attacks, says the Chinese foreign ministry" against "PLA troops attacked
    # the Indian soldiers" (Galwan)
    thrown.source_side = "police"
    assert records_conflict([tear_gas], [thrown], set(), set(), False)[0] == "agent"


def test_a_toll_of_people_is_not_a_count_of_ships():
    assert victim_kind("24 Ukrainian sailors") == "people"
    assert victim_kind("three Ukrainian soldiers") == "people"
    assert victim_kind("three Ukrainian ships") == "ship"
    # the toll's figure on the harm noun, the side named as the victim: its people
    assert victim_kind("China") == victim_kind("Chinese") == "people"


def test_more_than_a_figure_is_a_bound_not_an_increment():
    from types import SimpleNamespace

    from framing.coverage.conflicts import _disagreement, _increment

    assert _increment("17 more soldiers") and not _increment("more than 20 Indian troops")

    def toll(text, figure):
        return SimpleNamespace(negated=False, harm="dead", target_count=20, target_text=text,
                               target_figure=figure, target_start=None, target_end=None,
                               start=None, sentence="", agent_side=None, target_side="india")

    # "more than 20 ... killed" against "20 of its soldiers were killed" (Galwan)
    assert _disagreement(toll("more than 20 Indian troops", "more than 20"),
                         toll("20 of its soldiers", "20"))[0] == "figure"


def test_copies_of_one_wire_story_are_one_source(coverage_of):
    wire = ("Azerbaijani troops shelled two Armenian villages on Friday, officials said.\n\n"
            "Three Armenian civilians were wounded in the shelling, the governor said.")
    _, tables = coverage_of(("Paper A (AP)", "Villages shelled", wire),
                            ("Paper B", "Villages shelled", wire))
    claims = tables["claims"]
    shared = claims[claims.n_outlets == 2]
    assert len(shared) and set(shared.n_sources) == {1}


def test_figures_are_read_with_their_hedge_and_sum():
    from framing.blame.figures import figure_count

    assert figure_count("at least 20") == 20 and figure_count("3 (one and two)") == 3
    assert figure_count("more than 20") == 20 and figure_count("Twenty") == 20


def test_a_toll_of_casualties_is_not_called_a_death_toll():
    import pandas as pd

    conflicts = pd.DataFrame([{
        "on": "figure", "harm": "dead", "target_side": "china", "value_a": "45",
        "value_b": "43", "article_id": "a", "outlet": "A", "sent_id": 1,
        "text_a": "News agency ANI reported 45 Chinese casualties.", "article_id_b": "b",
        "outlet_b": "B", "sent_id_b": 2, "text_b": "43 Chinese were killed or seriously hurt."}])
    text = conflict_findings(conflicts)[0].text
    assert text.startswith("Outlets disagree on how many of china's people were killed or "
                           "counted as casualties: 45 (A) vs 43 (B)")


def test_no_villain_keeps_the_columns():
    """An incident where nobody is cast as villain (a press conference): the villains'
    frame is empty but keeps its columns, so conflicting_pairs can group it."""
    import pandas as pd

    from framing.coverage.conflicts import blamed_villains

    roles = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [3], "side": ["x"],
                          "role": ["victim"], "role_cue": ["target of “hit”"]})
    out = blamed_villains(roles)
    assert out.empty and "article_id" in out.columns


def test_an_outlet_giving_the_same_count_with_another_bound_does_not_report_both():
    from framing.coverage.conflicts import _reports_both

    counts = {("a", "dead", "india"): {(20, ">")}, ("b", "dead", "india"): {(20, "")},
              ("c", "dead", "india"): {(20, ">"), (20, "")}}
    # "more than 20" (a) against "20" (b): rival figures
    assert not _reports_both(counts, "a", "b", "dead", "india", "more than 20", "20")
    # an outlet that also says "at least 20" (c) gives b's figure itself
    assert _reports_both(counts, "c", "b", "dead", "india", "more than 20", "20")


def test_rival_accounts_name_whose_account_each_side_is():
    """The sample read "Armenia (Asbarez) vs Azerbaijan (The Moscow Times)" for Asbarez's
    "Azerbaijani media ... claimed that Armenian forces launched the attack": an account the
    outlet relays and disputes, not its own."""
    import pandas as pd

    conflicts = pd.DataFrame([{
        "on": "agent", "harm": "", "target_side": "", "value_a": "armenia",
        "value_b": "azerbaijan", "article_id": "a", "outlet": "Asbarez", "sent_id": 12,
        "text_a": "Azerbaijani media claimed that Armenian forces launched the attack.",
        "article_id_b": "b", "outlet_b": "The Moscow Times", "sent_id_b": 6,
        "text_b": "Azerbaijani troops attacked Armenian fighters, the ministry said.",
        "attribution_a": "Azerbaijani media", "attribution_b": "unattributed"}])
    text = conflict_findings(conflicts)[0].text
    # a source no incident actor resolves: in quotation marks, as the report names sources
    assert "armenia (“Azerbaijani media” in Asbarez) vs azerbaijan (The Moscow Times)" in text


def test_copies_of_one_wire_story_count_as_one_source_in_a_disagreement():
    import pandas as pd

    from framing.coverage.summary import _by_value

    sides = pd.DataFrame({
        "outlet": ["Dawn", "Tabla!", "TASS", "Deccan Herald"],
        "value": ["43", "43", "43", "45"],
        "copy": ["dawn-afp", "dawn-afp", None, None], "wire": ["AFP", "AFP", None, None]})
    assert _by_value(sides) == "43 (Dawn and Tabla! (one AFP text), TASS) vs 45 (Deccan Herald)"
    # without the copy column (an older table) every outlet stands alone
    assert _by_value(sides.drop(columns="copy")) == "43 (Dawn, Tabla!, TASS) vs 45 (Deccan Herald)"


def test_a_figure_conflict_is_carried_along_same_fact_links(coverage_of):
    """Only candidate pairs are compared, but a toll that conflicts with one outlet's
    conflicts with every claim the aligner links to it (Galwan: "left one Indian officer and
    two soldiers dead" against each outlet's 20, not only its nearest candidates')."""
    import pandas as pd

    from framing.analyze import run_analysis
    from framing.core.pipeline import prepare
    from framing.coverage.conflicts import conflicting_pairs

    incident, tables = coverage_of(
        ("Outlet A", "Clash", "Azerbaijani troops killed 20 Armenian soldiers on Friday."),
        ("Outlet B", "Clash", "Azerbaijani forces killed 20 Armenian servicemen near Hadrut."),
        ("Outlet C", "Clash", "Azerbaijani troops killed three Armenian soldiers on Friday."))
    claims = tables["claims"].reset_index(drop=True)
    events = run_analysis(prepare(incident), "blame", use_cache=False)["events"]
    at = {o: int(claims.index[(claims.outlet == o) & claims.text.str.contains("killed")][0])
          for o in ("Outlet A", "Outlet B", "Outlet C")}
    villains = pd.DataFrame(columns=["article_id", "start", "end", "side"])

    def found(link: float) -> set[frozenset[str]]:
        pairs = pd.DataFrame({"i": [at["Outlet C"], at["Outlet A"]],
                              "j": [at["Outlet A"], at["Outlet B"]],
                              "probability": [0.3, link]})
        out = conflicting_pairs(claims, pairs, events, villains, same_fact=0.5)
        return {frozenset((claims.outlet[a], claims.outlet[b]))
                for a, b in zip(out.claim_a, out.claim_b, strict=True)}

    assert found(0.9) == {frozenset(("Outlet A", "Outlet C")),
                          frozenset(("Outlet B", "Outlet C"))}
    assert found(0.2) == {frozenset(("Outlet A", "Outlet C"))}  # B not the same happening


def test_the_samples_rival_accounts_of_who_attacked(parsed):
    """Asbarez's "Azerbaijani media ... claimed that Armenian forces launched an attack"
    against The Moscow Times' Karabakh forces' "three of their fighters had been wounded in
    an attack" by Azerbaijan: an accusation whose implied victim is the accuser's side."""
    from framing.analyze import run_analysis

    conflicts = run_analysis(parsed, "coverage")["conflicts"]
    assert len(conflicts) == 2 and set(conflicts.on) == {"agent"}
    assert conflicts.text_a.str.contains("Azerbaijani media").all()
    assert {"armenia"} == set(conflicts.value_a) and {"azerbaijan"} == set(conflicts.value_b)
