"""Blame statements, truecasing, and the blame tables on the sample incident."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import INCIDENT_YML, article_md

from framing import blame
from framing.blame.events import VOICES
from framing.blame.rows import EVENT_COLUMNS
from framing.blame.statements import blame_statements
from framing.blame.summary import HEADINGS
from framing.core.findings import Finding
from framing.core.paths import EVAL_DIR
from framing.core.pipeline import KEY_COLUMNS, prepare
from framing.core.truecasing import is_title_case, truecase


@pytest.fixture(scope="module")
def tables(parsed):
    return blame.tables(parsed)


# sentence, statement, accuser head, accused heads, offence head, negated
STATEMENTS = [
    ("Aliyev blamed Armenia for the new clashes.", "blame", "Aliyev", ["Armenia"], "clashes",
     False),
    ("The peacekeepers did not assign blame.", "no_blame", "peacekeepers", [], None, True),
    ("Baku accused Yerevan of shelling the town.", "accusation", "Baku", ["Yerevan"],
     "shelling", False),
    ("The ministry blamed the attack on separatists.", "blame", "ministry", ["separatists"],
     "attack", False),
    ("Armenia denied the accusations.", "denial", None, ["Armenia"], "accusations", False),
    ("Moscow held Kyiv responsible for the strike.", "blame", "Moscow", ["Kyiv"], "strike",
     False),
    ("The president condemned the Azerbaijani attack.", "condemnation", "president",
     ["Azerbaijani"], "attack", False),
    ("Armenia was blamed by Azerbaijan for the shelling.", "blame", "Azerbaijan", ["Armenia"],
     "shelling", False),
    ("Babayan called the Azerbaijani attack a provocation against Russia.", "labeling",
     "Babayan", ["Azerbaijani"], "attack", False),
]


@pytest.mark.parametrize(("sentence", "statement", "accuser", "accused", "offence",
                          "negated"), STATEMENTS)
def test_blame_statements(nlp, sentence, statement, accuser, accused, offence, negated):
    (st,) = blame_statements(nlp(sentence)[:])
    assert st["statement"] == statement
    assert (st["accuser"].text if st["accuser"] is not None else None) == accuser
    assert [t.text for t in st["accused"] if t is not None] == accused
    assert (st["offence"].text if st["offence"] is not None else None) == offence
    assert st["negated"] is negated


# sentence, (statement, accuser head, accused heads) of every statement, in order
CLAUSE_STATEMENTS = [
    # each conjoined clause has its own accuser
    ("Hamas blamed Israel for the explosion and Israel blamed Hamas.",
     [("blame", "Hamas", ["Israel"]), ("blame", "Israel", ["Hamas"])]),
    ("Rebels blamed the army for the blast and the army blamed the rebels.",
     [("blame", "Rebels", ["army"]), ("blame", "army", ["rebels"])]),
    # reciprocal statements: one per direction
    ("Ruritania and Freedonia accused each other of violating the truce.",
     [("accusation", "Ruritania", ["Freedonia"]), ("accusation", "Freedonia", ["Ruritania"])]),
    ("Rebels and the army each accused the other of starting the fight.",
     [("accusation", "Rebels", ["army"]), ("accusation", "army", ["Rebels"])]),
    ("Moscow and Kyiv traded accusations over the incident.",
     [("accusation", "Moscow", ["Kyiv"]), ("accusation", "Kyiv", ["Moscow"])]),
    # unnamed parties: no accused rather than "the other"
    ("The two sides accused each other of opening fire.", [("accusation", "sides", [])]),
    # "held X responsible" with "responsible" parsed as X's modifier
    ("The government held the militia responsible for the shelling.",
     [("blame", "government", ["militia"])]),
    # a relative clause's "that" is the noun it modifies
    ("The ministry rebutted the accusations that blamed its soldiers for the clash.",
     [("denial", None, ["ministry"]), ("blame", "accusations", ["soldiers"])]),
    # a denial verb other than "deny" must reject a charge
    ("The ministry rejected the claims that its troops fired first.",
     [("denial", None, ["ministry"])]),
    ("The town rejected the results of the vote.", []),
    ("The opposition traded places with the party.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CLAUSE_STATEMENTS)
def test_blame_statements_per_clause(nlp, sentence, expected):
    got = [(st["statement"], st["accuser"].text if st["accuser"] is not None else None,
            [t.text for t in st["accused"] if t is not None])
           for st in blame_statements(nlp(sentence)[:])]
    assert got == expected


def test_accused_of_gerund_offence(nlp):
    (st,) = blame_statements(nlp("Armenia accused Azerbaijani forces of attacking the "
                                 "village.")[:])
    assert st["accused"] and st["offence"] is not None and st["offence"].text == "attacking"


def test_no_blame_statement_without_blame_verb(nlp):
    assert blame_statements(nlp("The army reported attacks on two villages.")[:]) == []


@pytest.mark.parametrize(("line", "expected"), [
    ("Three Artsakh Soldiers Wounded After Azerbaijani Attack", True),
    ("Aliyev Threatens to Break Armenia’s “head with an iron fist.”", True),
    ("The Russian army on Saturday reported a violation of the ceasefire.", False),
    ("Russian Defense Minister Sergei Shoigu said on Friday", False),
])
def test_is_title_case(line, expected):
    assert is_title_case(line) is expected


def test_truecase_keeps_length_and_names(parsed):
    article = parsed.incident.articles[0]
    text = truecase(article.document, parsed.docs[article.id], parsed.resolver)
    assert len(text) == len(article.document)
    assert text.startswith("Three Artsakh soldiers wounded after Azerbaijani attack")
    assert text[len(article.title):] == article.document[len(article.title):].replace(
        "Attacks Continued", "Attacks continued").replace(
        "Acknowledges Ceasefire Violation", "acknowledges ceasefire violation").replace(
        "Threatens to Break", "threatens to break")


def test_tables_are_tidy(tables):
    assert set(tables) == {"events", "roles", "blame", "sources", "voice", "share_of_voice",
                           "comparison"}
    for name in ("events", "roles", "blame", "sources", "voice"):
        frame = tables[name]
        assert list(frame.columns[:5]) == KEY_COLUMNS, name
        assert (frame.start < frame.end).all(), name
    events = tables["events"]
    assert set(events.voice) <= set(VOICES)
    assert set(events.agency) <= set(VOICES) | {"agent_via_source"}


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    rows = frame
    for col, value in where.items():
        rows = rows[rows[col] == value]
    assert len(rows) >= 1, where
    return rows.iloc[0]


def test_done_asbarez_active_agent_of_attack_on_posts(tables, parsed):
    e = tables["events"]
    row = _one(e[e.sentence.str.contains("launched an attack on military posts")],
               trigger="attack")
    assert row.outlet == "Asbarez"
    assert (row.agent_text, row.agent_actor, row.voice) == ("Azerbaijan", "azerbaijan",
                                                            "active_with_agent")
    assert row.target_text == "military posts" and row.target_side == "armenia"
    assert row.agency == "agent_via_source" and row.source_actor == "artsakh"
    doc = parsed.incident.article(row.article_id).document
    assert doc[row.trigger_start:row.trigger_end] == "attack"
    assert doc[row.agent_start:row.agent_end] == "Azerbaijan"
    assert doc[row.start:row.end] == row.sentence


def test_done_moscow_times_nominal_and_agentless(tables):
    e = tables["events"][tables["events"].outlet == "The Moscow Times"]
    attacks = _one(e[e.sentence.str.contains("attacks from Azerbaijan")], trigger="attacks")
    assert attacks.voice == "nominal_with_agent" and attacks.agent_actor == "azerbaijan"
    wounded = _one(e[e.sentence.str.contains("three were wounded in the ensuing firefight")],
                   trigger="wounded")
    assert wounded.voice == "agentless_passive" and pd.isna(wounded.agent_text)
    violation = _one(e[e.sentence.str.contains("One case of ceasefire violation")],
                     trigger="violation")
    assert violation.voice == "nominal_without_agent" and pd.isna(violation.agent_text)


def test_done_blame_statements(tables):
    b = tables["blame"]
    aliyev = _one(b, statement="blame", cue="blamed")
    assert (aliyev.accuser_actor, aliyev.accused_actor) == ("azerbaijan", "armenia")
    assert aliyev.offence_text == "the new clashes"
    assert "Aliyev" in aliyev.accuser_text
    peacekeepers = _one(b, statement="no_blame")
    assert peacekeepers.negated and peacekeepers.accuser_actor == "russia"
    assert peacekeepers.source_text == "the Associated Press"
    denial = _one(b, statement="denial")
    assert denial.accused_actor == "artsakh"


def test_done_distancing_verbs_for_azerbaijani_media(tables):
    s = tables["sources"]
    rows = s[(s.outlet == "Asbarez") & (s.stance == "distancing")]
    assert set(rows.cue) == {"claimed", "alleging"}
    assert set(rows.source_actor) == {"azerbaijan"}
    assert rows.sentence.str.startswith("Azerbaijani media").all()


def test_multi_sentence_quote_and_share_of_voice(tables):
    v = tables["voice"]
    aliyev = v[(v.outlet == "Asbarez") & v.sentence.str.contains("fully destroy them")]
    assert aliyev.source_side.tolist() == ["azerbaijan"]
    sov = tables["share_of_voice"]
    for _, g in sov.groupby("outlet"):
        assert g.share_sentences.sum() == pytest.approx(1, abs=0.01)
    assert {"narrator", "armenia", "azerbaijan", "russia"} <= set(sov.source_side)
    events = tables["events"]
    destroy = _one(events, trigger="destroy")
    assert (destroy.agent_actor, destroy.target_actor) == ("azerbaijan", "armenia")


def test_findings_and_profile(tables, parsed):
    found = blame.findings(tables, parsed.incident)
    assert found and all(isinstance(f, Finding) for f in found)
    texts = [f.text for f in found]
    assert any(t.startswith("Asbarez itself names azerbaijan as the agent") for t in texts)
    # an agent named inside the Artsakh army's claims is the army's, not the outlet's
    claim = next(f for f in found if f.text.startswith("Asbarez reports artsakh naming"))
    assert set(claim.evidence.asserted_by) == {"artsakh"}
    assert any("azerbaijan blames armenia" in t for t in texts)
    assert any('distancing words ("claimed", "alleging") for claims of azerbaijan' in t
               for t in texts)
    no_agent = next(f for f in found if f.text.startswith("The Moscow Times names no agent"))
    # only the outlet's own words: the Russian army's quoted "One case of ceasefire
    # violation was recorded" is the army's phrasing, not an agent The Moscow Times left out
    assert no_agent.text.startswith("The Moscow Times names no agent for 3 of 3 harm events "
                                    "it states in its own words")
    assert no_agent.evidence.text.str.contains("first report of a violation").any()
    assert not no_agent.evidence.text.str.contains("One case of ceasefire violation").any()
    assert any(t == "In Asbarez, russia does not assign blame (1 statement)." for t in texts)
    for f in found:
        assert {"article_id", "sent_id", "text"} <= set(f.evidence.columns)
        assert f.section in HEADINGS.values()
    prof = blame.profile(tables, parsed.incident)
    assert list(prof.columns) == [*parsed.incident.outlets, "section"]
    assert set(prof.section) <= set(HEADINGS.values())
    assert prof.loc["Distancing reporting verbs", "Asbarez"] == "claimed, alleging"


def test_comparison_counts_every_event(tables):
    e = tables["events"]
    assert tables["comparison"].events.sum() == int((~e.negated.astype(bool)).sum())
    m = blame.agent_target_matrix(e, "Asbarez")
    assert m.loc["azerbaijan", "armenia"] >= 3


@pytest.mark.skipif(not (EVAL_DIR / "wikievents" / "dev.jsonl").exists(),
                    reason="WikiEvents evaluation data not available")
def test_wikievents_roles_beat_targets():
    from framing.evaluate.blame import evaluate_roles

    result = evaluate_roles(EVAL_DIR / "wikievents" / "dev.jsonl")
    assert result["events"] == 174
    assert result["agent"]["f1"] >= 0.45
    assert result["victim"]["f1"] >= 0.65
    assert result["agent"]["f1"] > result["baseline_subject_object"]["agent"]["f1"]


def test_small_incident(make_incident):
    folder = make_incident({
        "a.md": article_md("Outlet A", "Shelling Reported",
                           "Armenian forces shelled Azerbaijani villages, the ministry "
                           "claimed. “Two civilians were killed,” it said.\n\n“Unclosed"),
        "b.md": article_md("Outlet B", "Quiet day", "The weather was fine."),
    })
    parsed = prepare(folder)
    t = blame.tables(parsed)
    e = t["events"]
    shelled = e[e.trigger == "shelled"].iloc[0]
    assert (shelled.agent_actor, shelled.target_actor) == ("armenia", "azerbaijan")
    assert shelled.source_stance == "distancing"
    assert set(e.outlet) == {"Outlet A"}
    assert blame.agent_target_matrix(e, "Outlet B").empty
    prof = blame.profile(t, parsed.incident)
    assert prof.loc["Harm events (active / agentless)", "Outlet B"] == "0 (0 / 0)"
    assert all(f.outlet == "Outlet A" for f in blame.findings(t, parsed.incident))


def test_a_victim_pronoun_its_agent_binds_takes_the_next_antecedent(make_incident):
    """"its" cannot be the clause's own agent (binding principle B): the nearest other
    actor named before it (Galwan: "China accused Indian forces of carrying out attacks on
    its troops")."""
    parsed = prepare(make_incident({"a.md": article_md(
        body="Azerbaijan on Tuesday accused Armenian forces of carrying out attacks on its "
             "troops.")}))
    attacks = blame.tables(parsed)["events"].iloc[0]
    assert (attacks.trigger, attacks.agent_actor, attacks.target_text,
            attacks.target_actor) == ("attacks", "armenia", "its troops", "azerbaijan")


def test_an_added_group_is_more_of_the_people_counted_before(make_incident):
    """"17 additional soldiers" names no side by itself: more of the same people, like a
    bare "three were wounded" (Galwan's AP copy)."""
    parsed = prepare(make_incident({"a.md": article_md(
        body="The army said three Armenian soldiers had died, but later said 17 additional "
             "soldiers succumbed to their injuries.")}))
    e = blame.tables(parsed)["events"]
    later = e[e.trigger == "succumbed"].iloc[0]
    assert (later.target_text, later.target_actor) == ("17 additional soldiers", "armenia")


PERSON_YML = """\
title: Test shooting
date: 2021-05-02
actors:
  - id: police
    name: Springfield police
    side: police
    aliases: [Springfield police, police, officers]
  - id: miller
    name: Tom Miller and his family
    side: miller
    people: [Tom Miller]
"""


def test_a_leads_description_of_the_victim_is_the_named_victim(make_incident):
    """A lead that describes the victim before naming them (the delayed-identification
    lead) is about the article's one named victim of bodily harm."""
    parsed = prepare(make_incident({"a.md": article_md(
        title="Police shoot man in Springfield",
        body="Springfield police shot and wounded a man outside a shop on Sunday.\n\n"
             "Tom Miller, 41, was shot in the chest, his family said.\n\n"
             "Officers later shot a second man in the arm.")},
        incident_yml=PERSON_YML))
    e = blame.tables(parsed)["events"]
    assert list(e[e.trigger == "wounded"].target_actor) == ["miller"]
    # past the lead, a description stays unresolved
    assert e[e.target_text == "a second man"].target_actor.isna().all()


def test_a_description_with_two_named_victims_stays_unresolved(make_incident):
    parsed = prepare(make_incident({"a.md": article_md(
        title="Two shot in Springfield",
        body="Springfield police shot and wounded a man outside a shop on Sunday.\n\n"
             "Tom Miller was shot, and Azerbaijani President Ilham Aliyev was also shot.")},
        incident_yml=PERSON_YML + INCIDENT_YML.split("actors:\n")[1]))
    e = blame.tables(parsed)["events"]
    assert e[e.trigger == "wounded"].target_actor.isna().all()


def test_incident_without_events(make_incident):
    parsed = prepare(make_incident({"c.md": article_md("Outlet C", "Nothing",
                                                       "The weather was fine.")}))
    t = blame.tables(parsed)
    assert t["events"].empty and t["blame"].empty
    assert list(t["events"].columns) == EVENT_COLUMNS
    assert blame.findings(t, parsed.incident) == []
    assert blame.voice_by_victim(t["events"]).empty
    assert blame.stance_by_side(t["sources"]).empty
    assert t["share_of_voice"].source_side.tolist() == ["narrator"]
