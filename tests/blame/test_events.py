"""Harm events, their roles and agency voice on short sentences (real spaCy parses)."""

from __future__ import annotations

import pytest

from framing.blame.events import VOICES, event_roles, harm_events
from framing.blame.triggers import trigger_kind
from framing.core.phrases import noun_phrase


def _event(nlp, sentence: str, trigger: str):
    doc = nlp(sentence)
    events = [ev for ev in harm_events(doc) if ev.trigger.text == trigger]
    assert events, f"no event on {trigger!r} in {sentence!r}"
    return events[0]


# sentence, trigger, voice, agent heads, target heads
CASES = [
    ("Azerbaijani troops attacked Armenian fighters on Friday.", "attacked",
     "active_with_agent", {"troops"}, {"fighters"}),
    ("Three soldiers were wounded in the ensuing firefight.", "wounded",
     "agentless_passive", set(), {"soldiers"}),
    ("Three soldiers were wounded by Azerbaijani forces.", "wounded",
     "passive_with_agent", {"forces"}, {"soldiers"}),
    ("Three soldiers were wounded in an attack by Azerbaijani forces.", "wounded",
     "passive_with_agent", {"forces"}, {"soldiers"}),
    ("Two soldiers died on Saturday.", "died", "intransitive_outcome", set(), {"soldiers"}),
    ("A roadside bomb killed two soldiers.", "killed", "instrument_subject", set(),
     {"soldiers"}),
    ("The army reported attacks from Azerbaijan on two villages.", "attacks",
     "nominal_with_agent", {"Azerbaijan"}, {"villages"}),
    ("One case of ceasefire violation was reported.", "violation", "nominal_without_agent",
     set(), set()),
    ("Azerbaijan launched an attack on military posts.", "attack", "active_with_agent",
     {"Azerbaijan"}, {"posts"}),
    ("Militants carried out a provocation against the peacekeepers.", "provocation",
     "active_with_agent", {"Militants"}, {"peacekeepers"}),
    ("The Azerbaijani attack was the first breach of the agreement.", "attack",
     "nominal_with_agent", {"Azerbaijani"}, set()),
    ("Gunmen and suicide bombers attacked the camp.", "attacked", "active_with_agent",
     {"Gunmen", "bombers"}, {"camp"}),
    ("The soldiers who were injured were taken to hospital.", "injured",
     "agentless_passive", set(), {"soldiers"}),
    ("The rebels launched a series of attacks, killing 130 people.", "killing",
     "active_with_agent", {"rebels"}, {"people"}),
    ("The attack was carried out by the group.", "attack", "passive_with_agent", {"group"},
     set()),
    ("Azerbaijan continued its offensive in the village.", "offensive", "active_with_agent",
     {"Azerbaijan"}, set()),
    ("The bomb exploded near the market.", "exploded", "intransitive_outcome", set(), set()),
    ("Rebels killed 23 soldiers and injured another 15.", "injured", "active_with_agent",
     {"Rebels"}, {"15"}),
    ("The militants were killed in Taliban attacks.", "killed", "passive_with_agent",
     {"Taliban"}, {"militants"}),
    ("Six members killed in the blast were buried today.", "killed", "agentless_passive",
     set(), {"members"}),
    ("The group claimed responsibility for the bombing.", "bombing", "nominal_with_agent",
     {"group"}, set()),
    ("The ceasefire was violated by Azerbaijan.", "violated", "passive_with_agent",
     {"Azerbaijan"}, {"ceasefire"}),
    ("Separatist forces seized the village.", "seized", "active_with_agent", {"forces"},
     {"village"}),
    ("Israeli airstrikes killed five people in Gaza.", "killed", "instrument_subject",
     {"Israeli"}, {"people"}),
    ("Police shot dead a man in the street.", "shot", "active_with_agent", {"Police"},
     {"man"}),
    # a resultative small clause parsed with its own subject (Indians <-nsubj- dead)
    ("The scuffles on Monday left at least 20 Indians dead.", "dead",
     "intransitive_outcome", set(), {"Indians"}),
    # the source of the report is no participant, whatever the learned model reads
    ("The scuffles left at least 20 Indians dead, according to the Indian army.", "dead",
     "intransitive_outcome", set(), {"Indians"}),
    # a person's name compounded with a nominal harm is its patient (Lapata 2002), also
    # when the parser reads a headline's bare gerund as a clause
    ("Protests grew after the George Floyd killing.", "killing", "nominal_without_agent",
     set(), {"Floyd"}),
    ("Kenosha's pro-looting, pro-arson locals after Jacob Blake shooting\n\n", "shooting",
     "nominal_without_agent", set(), {"Blake"}),
    # a by-agent the parser hung on an adjunct's noun ("back") belongs to the passive verb;
    # under an event noun it stays the event's, and an instrument stays an instrument
    ("Blake was leaning into the car when he was shot in the back by a police officer.",
     "shot", "passive_with_agent", {"officer"}, {"he"}),
    ("The man was hit in the head by a rubber bullet.", "hit", "agentless_passive", set(),
     {"man"}),
    # how often is no object: "fired seven times"
    ("The officer held his shirt and fired seven times.", "fired", "active_with_agent",
     {"officer"}, set()),
    # a subordinate clause split by the parser: "as" read as a preposition, its subject as
    # the object, the clause's verb as one more conjunct of the main clause
    ("The driver walked around the van, opened the door and leaned inside, as deputy Dan "
     "Miller, gripping the driver's jacket, fired his gun four times at the driver.", "fired",
     "active_with_agent", {"Miller"}, {"driver"}),
    # the subject read as an apposition of the adverbial before it, a participle between
    ("On Monday evening, in the valley on the disputed border, the northern army, breaking "
     "its promises, crossed the line once again and launched attacks on the outposts.",
     "attacks", "active_with_agent", {"army"}, {"outposts"}),
    # the subject of an adverbial clause of the trigger acts there, it is not harmed
    ("The driver was shot while they were responding to a call about a dispute.", "shot",
     "agentless_passive", set(), {"driver"}),
    # a response made with weapons is an attack; its "with"-objects are instruments
    ("Police responded to protesters with tear gas and rubber bullets.", "responded",
     "active_with_agent", {"Police"}, {"protesters"}),
    # nor is the subject of the clause the trigger's adverbial clause hangs from
    ("Two other men Ram Singh and Raj Kumar were also killed in the attack while several "
     "other men were held captive.", "held", "agentless_passive", set(), {"men"}),
    # a true conjunct after "as" keeps its shared subject
    ("He served as a sniper and killed three insurgents.", "killed", "active_with_agent",
     {"He"}, {"insurgents"}),
]


@pytest.mark.parametrize(("sentence", "trigger", "voice", "agents", "targets"), CASES)
def test_roles_and_voice(nlp, sentence, trigger, voice, agents, targets):
    ev = _event(nlp, sentence, trigger)
    assert ev.voice == voice
    assert ev.voice in VOICES
    assert {r.head.text for r in ev.agents} == agents
    assert {r.head.text for r in ev.targets} == targets


@pytest.mark.parametrize(("sentence", "trigger", "instrument"), [
    ("A roadside bomb killed two soldiers.", "killed", "bomb"),
    ("The explosion killed three people.", "killed", "explosion"),
    ("A device that exploded on Friday wounded 13 people.", "wounded", "device"),
])
def test_instruments_are_not_agents(nlp, sentence, trigger, instrument):
    ev = _event(nlp, sentence, trigger)
    assert not ev.agents
    assert instrument in {r.head.text for r in ev.instruments}


def test_negated_event(nlp):
    ev = _event(nlp, "Armenian forces did not attack the village.", "attack")
    assert ev.negated
    assert {r.head.text for r in ev.agents} == {"forces"}


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("No other officer opened fire.", "fire"),
    ("Kaul said no other police officers fired their weapons.", "fired"),
    ("No one was hurt in the clash.", "hurt"),
    ("None of the sailors were injured.", "injured"),
])
def test_a_negative_subject_denies_the_event(nlp, sentence, trigger):
    """A negative quantifier as the subject says the harm did not happen (by them)."""
    assert _event(nlp, sentence, trigger).negated
    assert not _event(nlp, "Police fired tear gas at the crowd.", "fired").negated


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    ("The clashes continued.", "clashes", ("clash", "noun")),
    ("Troops opened fire on the crowd.", "fire", ("attack", "noun")),
    ("The house caught fire.", "fire", None),
    ("Exchanges of fire were reported.", "Exchanges", ("clash", "noun")),
    ("The deal was a hit with voters.", "hit", None),
    ("Protesters tore down a statue of Columbus.", "tore", ("destroy", "verb")),
    ("She saw the business district torn apart by protesters.", "torn",
     ("destroy", "verb")),
    ("She tore her dress on a nail.", "tore", None),
    ("The ministry responded with a statement.", "responded", None),
    ("Police responded to a call about a dispute.", "responded", None),
    ("Azerbaijan breached the ceasefire.", "breached", ("violate", "verb")),
])
def test_trigger_detection(nlp, sentence, word, expected):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert trigger_kind(token) == expected


def test_partitive_victim_keeps_phrase_and_semantic_head(nlp):
    doc = nlp("The army said three of its soldiers were wounded.")
    ev = next(e for e in harm_events(doc) if e.trigger.text == "wounded")
    (target,) = ev.targets
    assert target.head.text == "soldiers"
    assert target.text == "three of its soldiers"


def test_noun_phrase_ends_at_its_last_word(nlp):
    """A headline's phrase does not run into the blank line after it."""
    doc = nlp("Protests erupt after police shoot black man\n\nProtests have erupted.")
    man = next(t for t in doc if t.text == "man")
    assert noun_phrase(man).text == "black man"


def test_noun_phrase_drops_clauses(nlp):
    doc = nlp("Russian peacekeepers who were deployed to the region confirmed it.")
    assert noun_phrase(doc[1]).text == "Russian peacekeepers"


def test_event_roles_with_given_kind(nlp):
    doc = nlp("The blast claimed nine lives.")
    ev = event_roles(doc[2], "kill", "verb")  # a gold trigger outside the lexicon
    assert {r.head.text for r in ev.targets} == {"lives"}
    assert not ev.agents


def test_whose_dead_is_the_victim_not_the_agent(nlp):
    for text, victim in [("ANI reported 45 Chinese casualties on Tuesday.", "Chinese"),
                         ("Azerbaijan's deaths were not disclosed.", "Azerbaijan's")]:
        (ev,) = harm_events(nlp(text))
        assert not ev.agents and [r.phrase.text for r in ev.targets] == [victim]


@pytest.mark.parametrize("sentence, agent, target", [
    # the parser hangs the patient's "of" on the by-agent
    ("The shooting by police of Jacob Blake on Sunday has sparked protests.", "police",
     "Jacob Blake"),
    # an "of" after a noun that takes one stays in the agent's phrase
    ("The killing by supporters of Donald Trump was condemned.", "supporters of Donald Trump",
     None),
])
def test_a_misattached_of_patient_is_the_events_target(nlp, sentence, agent, target):
    ev = _event(nlp, sentence, sentence.split()[1])
    assert [a.text for a in ev.agents] == [agent]
    assert [t.text for t in ev.targets] == ([target] if target else [])


def test_taunting_is_a_threat_to_its_object(nlp):
    ev = _event(nlp, "Armed men squared off with the officers, taunting them from the street.",
                "taunting")
    assert ev.kind == "threaten" and [t.text for t in ev.targets] == ["them"]


def test_a_participle_after_an_accusation_is_the_accuseds_act(nlp):
    ev = _event(nlp, "China accused Indian troops of crossing the border twice, "
                "“provoking and attacking Chinese personnel.”", "attacking")
    assert [a.text for a in ev.agents] == ["Indian troops"]
