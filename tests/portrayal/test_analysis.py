"""Portrayal (issue 15): roles per phrase mention, tone by voice with victims left out, and
the findings, on invented articles and the sample incident with the real models."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import article_md

from framing.analyze import run_analysis
from framing.core.corpus import load_incident
from framing.core.pipeline import prepare
from framing.portrayal import findings, profile
from framing.portrayal.roles import ROLES


def _mentions(make_incident, body: str) -> pd.DataFrame:
    parsed = prepare(load_incident(make_incident({"a.md": article_md(body=body)})))
    return run_analysis(parsed, "portrayal", use_cache=False)["mentions"]


def _roles(mentions: pd.DataFrame) -> dict[str, str]:
    return dict(zip(mentions.surface, mentions.role, strict=True))


def test_agent_is_villain_and_target_is_victim_and_victims_never_count_in_tone(make_incident):
    m = _mentions(make_incident, "Azerbaijani troops attacked the Armenian village on Friday.")
    roles = _roles(m)
    assert roles["Azerbaijani troops"] == "villain"
    assert roles["Armenian village"] == "victim"
    victim = m[m.role == "victim"].iloc[0]
    assert not victim.tone_counted


def test_conjoined_modifiers_of_one_noun_are_both_cast(make_incident):
    """"Armenian and Azerbaijani troops were wounded": blame resolves the phrase to one
    actor, but both actors' troops are harmed, each one mention on the shared head."""
    m = _mentions(make_incident, "Armenian and Azerbaijani troops were wounded on Friday.")
    assert sorted(zip(m.actor_id, m.role, strict=True)) == [("armenia", "victim"),
                                                           ("azerbaijan", "victim")]


def test_every_victim_of_an_event_is_cast_not_only_its_first(make_incident):
    """The events table names one target per event; portrayal reads blame's ``roles``,
    every agent and target (the second of two conjoined victims had been left "none")."""
    body = "Unknown gunmen attacked Armenian soldiers and Azerbaijani civilians on Friday."
    parsed = prepare(load_incident(make_incident({"a.md": article_md(body=body)})))
    roles = run_analysis(parsed, "blame", use_cache=False)["roles"]
    assert list(zip(roles.phrase, roles.actor, roles.primary, strict=True)) == [
        ("Armenian soldiers", "armenia", True), ("Azerbaijani civilians", "azerbaijan", False)]
    m = run_analysis(parsed, "portrayal", use_cache=False)["mentions"]
    assert _roles(m) == {"Armenian soldiers": "victim", "Azerbaijani civilians": "victim"}


def test_an_accusation_casts_the_accused_in_the_accusers_voice(make_incident):
    m = _mentions(make_incident, "Ilham Aliyev blamed Armenia for the shelling.")
    armenia = m[m.actor_id == "armenia"].iloc[0]
    assert (armenia.role, armenia.role_asserted_by) == ("villain", "azerbaijan")


def test_a_reported_accusation_is_the_accusers_casting_not_the_outlets(make_incident):
    """"Azerbaijan slammed Armenia" is the outlet's sentence, but the villain is
    Azerbaijan's: the casting findings count it in the sources' words (The Express Tribune's
    "China lambastes India" had been counted as the outlet's own casting)."""
    from framing.portrayal.summary import cast_by_outlet

    m = _mentions(make_incident, "Azerbaijan slammed Armenia for the shelling. "
                                 "Armenian troops shelled the Azerbaijani village on Friday.")
    villains = m[(m.actor_id == "armenia") & (m.role == "villain")]
    assert list(villains.voice) == ["outlet", "outlet"]
    assert list(cast_by_outlet(villains)) == [False, True]


@pytest.mark.parametrize("body", [
    "Armenian medics evacuated the wounded villagers on Friday.",
    "Armenia urged restraint and called for talks on Friday.",
    "Armenian officers provided immediate aid to the wounded villagers.",
    "Armenian police had to step in to quell the riots that followed.",
    "Armenia imposed a curfew to try to head off another round of violence.",
    "Armenian police were attempting to intervene in an argument between two women.",
    # the means of an act, and a domestic incident as a quarrel
    "Armenian police were trying to do the right thing by intervening in a domestic incident.",
    # an offer is a control noun; keeping public order protects
    "Baku rejected Armenia's offer to send in troops to maintain law and order.",
    # advising safety protects
    "Armenian police urged shops to consider closing because of the unrest.",
    "Armenian officials urged residents to stay indoors.",
    # stopping offenders protects, and a relative clause's subject is its noun
    "Police thanked an Armenian guard who deterred looters outside the shop.",
    # a conjoined subject shares its clause
    "Russia and Armenia urged restraint on Friday.",
])
def test_helping_and_peacemaking_subjects_are_heroes(make_incident, body):
    m = _mentions(make_incident, body)
    assert m[m.actor_id == "armenia"].role.iloc[0] == "hero"


@pytest.mark.parametrize("body", [
    # a negative implicative's complement did not happen (Karttunen 1971)
    "Armenia's decision to reject sending in the help proved deadly.",
    "Armenian police failed to stop the violence.",
    "Armenia intervened in the war on Friday.",  # intervening in a war takes a side
    "Armenia intervened in the domestic conflict.",  # a civil war, not a household quarrel
    "Armenia signed an order to mobilise reservists.",  # "order" alone is no peace noun
    "Armenia urged Azerbaijan to close the border crossing.",  # closing something: no advice
    "The Armenian senator urged him to stay in office.",
    "Western capitals called for Armenia and Azerbaijan to show restraint.",
    "Putin suggested that Azerbaijan and Armenia jointly maintain the peace.",  # a mandative
    "Three Armenian soldiers suffered light wounds and were provided with medical assistance.",
    "The Armenian army on Saturday reported a violation of the ceasefire.",
    "Armenian Defense Minister Acknowledges Ceasefire Violation",
])
def test_the_asked_and_the_helped_are_not_heroes(make_incident, body):
    m = _mentions(make_incident, body)
    assert "hero" not in set(m[m.actor_id == "armenia"].role)


@pytest.mark.parametrize(("body", "role"), [
    ("Azerbaijan violated the ceasefire agreement on Friday.", "villain"),
    # nominal control: the owner or by-object of an attempt performs its infinitive
    ("The clash was the result of an attempt by Azerbaijan to unilaterally change the "
     "status quo.", "villain"),
    ("Azerbaijan's bid to violate the truce failed.", "villain"),
    # any act done in an illegitimate manner, not an act without it
    ("Azerbaijan has been building roads near the line and forcibly built two posts on the "
     "Armenian side.", "villain"),
    ("Azerbaijan did not illegally build the posts.", "none"),
    ("Azerbaijan built two posts near the line.", "none"),
    ("Azerbaijan, which violated the ceasefire on Friday, denied it.", "villain"),
])
def test_a_transgression_casts_its_subject_as_villain(make_incident, body, role):
    m = _mentions(make_incident, body)
    assert m[m.actor_id == "azerbaijan"].role.iloc[0] == role


@pytest.mark.parametrize("body", [
    "Three injured Armenian soldiers were taken to a hospital in Yerevan.",
    "The captured Armenian crew appeared in court on Friday.",
])
def test_a_mention_described_as_harmed_is_a_victim(make_incident, body):
    m = _mentions(make_incident, body)
    row = m[m.actor_id == "armenia"].iloc[0]
    assert row.role == "victim"
    assert "described as" in row.role_cue


def test_an_agent_named_by_its_possessor_casts_the_possessor(make_incident):
    m = _mentions(make_incident, "Ilham Aliyev said that Armenia's reckless agenda will "
                                 "destroy peace in the region.")
    armenia = m[m.actor_id == "armenia"]
    assert armenia.surface.tolist() == ["Armenia"]  # no second mention "reckless agenda"
    assert armenia.role.iloc[0] == "villain"


@pytest.mark.parametrize(("body", "role", "cue"), [
    # advice that keeps people safe, or calms a crowd
    ("Armenian officials urged residents to stay indoors.", "hero", "advised “stay”"),
    ("Armenian officials urged the crowd to go home and to respect the curfew.", "hero",
     "advised “go”"),
    ("Armenian officials urged protesters to disperse.", "hero", "advised “disperse”"),
    # a mention named as a wrongdoer
    ("A man who had been pursuing the Armenian gunman was shot in the head.", "villain",
     "named “gunman”"),
    ("Armenian looters fled the shop.", "villain", "named “looters”"),
])
def test_the_cue_of_a_role_says_what_cast_it(make_incident, body, role, cue):
    m = _mentions(make_incident, body)
    row = m[m.actor_id == "armenia"].iloc[0]
    assert (row.role, row.role_cue) == (role, cue)


@pytest.mark.parametrize(("body", "role"), [
    ("The Armenian officer was taken to hospital and is now in intensive care.", "victim"),
    ("Two Armenian sailors remain in critical condition.", "victim"),
    ("The Armenian officer remains hospitalized in serious condition.", "victim"),
    ("The Armenian officer, who was hospitalized on Friday, spoke to reporters.", "victim"),
    ("The Armenian officer took the man to a hospital.", "none"),  # who takes is no victim
])
def test_a_mention_in_hospital_is_a_victim(make_incident, body, role):
    m = _mentions(make_incident, body)
    assert m[m.actor_id == "armenia"].role.iloc[0] == role


def test_title_name_and_organisation_are_one_mention(make_incident):
    m = _mentions(make_incident, "Azerbaijani President Ilham Aliyev spoke on Friday.")
    aliyev = m[m.actor_id == "azerbaijan"]
    assert len(aliyev) == 1
    assert aliyev.surface.iloc[0] == "Azerbaijani President Ilham Aliyev"
    assert aliyev.n_surfaces.iloc[0] == 2


@pytest.mark.parametrize(("body", "surface", "role"), [
    # the name and the noun its naming participle gives it are one referent (Lee et al. 2013)
    ("The man, identified as Ilham Aliyev, was trying to break up a fight.",
     "man, identified as Ilham Aliyev", "hero"),
    # an organisation's name is no description: the name stays a mention of its own
    ("The officer, a veteran of the Azerbaijani border service identified as Ilham Aliyev, "
     "spoke on Friday.", "Ilham Aliyev", "none"),
])
def test_a_name_given_by_a_naming_participle_is_the_noun_it_names(make_incident, body,
                                                                 surface, role):
    m = _mentions(make_incident, body)
    assert _roles(m[m.actor_id == "azerbaijan"]).get(surface) == role


def test_a_persons_kin_are_one_mention_with_the_person(make_incident):
    """"The mother of ... Jacob Blake called for peace": an actor is a side, its people's
    families with them."""
    m = _mentions(make_incident, "The mother of Ilham Aliyev called for peace on Friday.")
    assert list(zip(m.surface, m.actor_id, m.role, strict=True)) == [
        ("mother of Ilham Aliyev", "azerbaijan", "hero")]


def test_the_members_of_a_body_are_one_mention_with_it(make_incident):
    """"killed at the hands of individuals in law enforcement": the body and its members
    are one phrase mention, cast by the role of the member noun."""
    m = _mentions(make_incident, "Civilians were beaten by members of the Armenian army.")
    armenia = m[m.actor_id == "armenia"]
    assert list(zip(armenia.surface, armenia.role, strict=True)) == [
        ("members of the Armenian army", "villain")]
    # a name and its apposition's body: "Sheskey, a seven-year veteran of the Kenosha
    # Police Department, shot him"
    m = _mentions(make_incident, "Armenian soldier Arman Karapetyan, a veteran of the Armenian "
                                 "army, shot him.")
    assert list(zip(m.surface, m.role, strict=True)) == [
        ("Armenian soldier Arman Karapetyan, a veteran of the Armenian army", "villain")]


def test_a_description_in_apposition_casts_the_named_mention_once(make_incident):
    """"Jacob Blake, the black man shot on Sunday" (PJ Media): the victim phrase is the
    apposition, so the name's mention is cast, not a second mention beside it; a lede's
    "police shot an elderly man" is the person a later apposition describes."""
    m = _mentions(make_incident, '"That was wrong," one young man said of Ilham Aliyev, the '
                                 'elderly man shot on Sunday.')
    assert list(zip(m.surface, m.role, strict=True)) == [("Ilham Aliyev", "victim")]
    m = _mentions(make_incident, "Police shot an elderly man on Friday. Ilham Aliyev, an "
                                 "elderly man from Baku, was taken to hospital.")
    assert _roles(m[m.actor_id == "azerbaijan"]) == {"an elderly man": "victim",
                                                     "Ilham Aliyev": "victim"}  # in hospital


@pytest.mark.parametrize(("body", "cast"), [
    # a definite description of one harmed person is the article's one named victim
    ("Police shot Ilham Aliyev in the back on Sunday. Following the shooting, the injured "
     "man was flown to a hospital in Baku.",
     [("Ilham Aliyev", "victim"), ("the injured man", "victim")]),
    # two named victims (one of no actor): the description is neither
    ("Police shot Ilham Aliyev and Tom Miller on Sunday. The injured man was flown to a "
     "hospital in Baku.", [("Ilham Aliyev", "victim")]),
])
def test_a_harmed_description_is_the_one_named_victim(make_incident, body, cast):
    m = _mentions(make_incident, body)
    assert list(zip(m.surface, m.role, strict=True)) == cast


def test_sample_tables_and_findings(parsed):
    tables = run_analysis(parsed, "portrayal")
    m, by_actor = tables["mentions"], tables["by_actor"]
    assert set(m.role) <= {*ROLES, "none"}
    assert set(m.role_by) <= {"structure", "classifier", "none"}
    assert not m[m.role == "victim"].tone_counted.any()
    # the per outlet × actor counts add up to the mentions
    assert by_actor.n_mentions.sum() == len(m)
    texts = [f.text for f in findings(tables, parsed.incident)]
    assert texts and not any("negatively" in t for t in texts)
    for f in findings(tables, parsed.incident):
        assert len(f.evidence) and {"article_id", "sent_id", "sentence"} <= set(f.evidence)
    # actors and sides in the reader's words, not ids; each profile line has its section
    assert any(t.startswith("Asbarez casts Azerbaijan as villain") for t in texts)
    assert not any(" azerbaijan " in t or " armenia" in t for t in texts)
    prof = profile(tables, parsed.incident)
    assert "Roles cast for Azerbaijan" in prof.index and set(prof.section) == {"Roles by outlet"}


@pytest.mark.parametrize(("sentence", "word", "mention", "expected"), [
    ("The arrogance and recklessness of the Indian side caused the tensions.",
     "recklessness", "Indian side", True),
    ("India forcibly built part of the facilities on the Chinese side.", "forcibly", "India",
     True),
    ("India forcibly built part of the facilities on the Chinese side.", "forcibly",
     "Chinese side", False),
    ("Fierce dispute on a bunker led to the clash with PLA troops.", "Fierce", "PLA troops",
     False),
    ("The provocative Indian troops crossed the line.", "provocative", "Indian troops", True),
    ("The US has wooed India with its strategy.", "wooed", "India", False),
])
def test_an_evaluative_word_counts_for_the_mention_it_describes(nlp, sentence, word, mention,
                                                                 expected):
    from framing.portrayal.analysis import evaluates

    doc = nlp(sentence)
    start = sentence.index(mention)
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    tok = next(t for t in doc if t.text == word)
    assert evaluates(tok, {t.i for t in span}) is expected


def test_quoted_labels_said_of_an_actor_are_the_sources_not_the_outlets(make_incident):
    folder = make_incident({"a.md": article_md(body=(
        "Azerbaijan and Armenia met for talks in Moscow on Friday.\n\n"
        "“Armenia is a terrorist state,” Ilham Aliyev said on Saturday.\n\n"
        "“Armenia is an aggressor,” Ilham Aliyev told reporters on Sunday."))})
    parsed = prepare(load_incident(folder))
    tables = run_analysis(parsed, "portrayal", use_cache=False)
    texts = [f.text for f in findings(tables, parsed.incident)]
    assert any(t.startswith("The negative words about Armenia in ") and "its sources'" in t
               for t in texts), texts
    assert not any("own words about Armenia" in t for t in texts)


@pytest.mark.parametrize(("body", "role"), [
    ("The arrogance of the Armenian side is the main reason for the tensions on the border.",
     "villain"),
    ("Officials said this happened because of the policy of the Armenian government.",
     "villain"),
    ("The Armenian incursion sparked the clash on Friday.", "villain"),
    ("The talks happened because of the Armenian government's mediation.", "none"),
    ("Armenia is the main reason for the ceasefire.", "none"),
])
def test_the_cause_of_the_conflict_is_cast_as_villain(make_incident, body, role):
    m = _mentions(make_incident, body)
    assert m[m.actor_id == "armenia"].role.iloc[0] == role


def test_a_mention_without_a_role_counts_in_tone_only_with_a_word_said_of_it():
    """A victim whose harm the detector missed looks like an actor in a harm-free sentence:
    without a word of evaluation said of it, its sentence's tone is not its portrayal."""
    import pandas as pd

    from framing.portrayal.analysis import tone_counted

    mentions = pd.DataFrame({
        "article_id": ["a"] * 4, "sent_id": [0, 1, 2, 3],
        "role": ["none", "none", "villain", "victim"],
        "evaluative_words": [None, "arrogance", None, "innocent"],
        "source_evaluative_words": [None, None, None, None]})
    events = pd.DataFrame({"article_id": ["a"], "sent_id": [3], "negated": [False]})
    assert tone_counted(mentions, events).tolist() == [False, True, True, False]
