"""Blame and denial statements per clause (issue 14), on invented sentences with the real
spaCy model: the statements of a sentence, then the rows an article's blame table gets."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import article_md

from framing import blame
from framing.blame.statements import blame_statements, cue_lemma, offence_agent
from framing.core.corpus import load_incident
from framing.core.pipeline import prepare


def _statements(nlp, sentence: str) -> list[tuple]:
    return [(st["statement"], st["accuser"].text if st["accuser"] is not None else None,
             [t.text for t in st["accused"]], bool(st.get("reciprocal")),
             bool(st.get("needs_source")))
            for st in blame_statements(nlp(sentence)[:])]


# sentence, [(statement, accuser head, accused heads, reciprocal, needs_source), ...]
CASES = [
    # coordinated accusers and accused: one statement per accuser, one accused each
    ("The governor and the mayor condemned the raid.",
     [("condemnation", "governor", [], False, False),
      ("condemnation", "mayor", [], False, False)]),
    ("The ministry blamed Ruritania and Freedonia for the blast.",
     [("blame", "ministry", ["Ruritania", "Freedonia"], False, False)]),
    # reciprocal: "one another" (parsed as "one" with "another"), and "each ... the other"
    # whose parties are the group the clause above names
    ("Ruritania and Freedonia have accused one another of provocation.",
     [("accusation", "Ruritania", ["Freedonia"], False, False),
      ("accusation", "Freedonia", ["Ruritania"], False, False)]),
    ("The two republics have been locked in a dispute for months, with each accusing the "
     "other of moving troops.", [("accusation", "republics", [], True, False)]),
    # "hold X responsible" in the passive: the accused is what "who" stands for
    ("The ministry said the commanders who ordered the raid must be held accountable.",
     [("blame", None, ["commanders"], False, False)]),
    # denial: "deny", "X denied involvement", "reject ... claims", coordinated deniers
    ("Freedonia denied involvement in the blast.", [("denial", None, ["Freedonia"], False,
                                                     False)]),
    ("Ruritania rejected the claims of its neighbour.",
     [("denial", None, ["Ruritania"], False, False)]),
    ("Ruritania and Freedonia denied the claims.",
     [("denial", None, ["Ruritania", "Freedonia"], False, False)]),
    # a label noun with an agent is the accusation of whoever's voice it is in
    ("The ministry said it had been forced to respond to provocations by Freedonian troops.",
     [("accusation", None, ["troops"], False, True)]),
    ("The envoy said the incident was a provocation on the part of Freedonia.",
     [("accusation", None, ["Freedonia"], False, True)]),
    # "X was responsible for ...": blamed by whoever says so
    ("The police said Ruritania was responsible for the clashes.",
     [("blame", None, ["Ruritania"], False, True)]),
    # labelling: the object and the possessor it charges
    ("The ministry described the Ruritanian vessels' actions as a provocation.",
     [("labeling", "ministry", ["vessels"], False, False)]),
    # "what X termed as ...": no object to label
    ("What the ministry termed as provocative raids continued.", []),
    # "charge X with V-ing" is an accusation
    ("Freedonia charged Ruritania with violating the truce.",
     [("accusation", "Freedonia", ["Ruritania"], False, False)]),
    # ... and a passive subject shared with a conjoined verb is the accused
    ("A man was arrested and charged with setting the depot on fire.",
     [("accusation", None, ["man"], False, False)]),
    # other senses of "charge" and "blast" make no statement
    ("Demonstrators charged at the riot police.", []),
    ("The racially charged raid angered the town.", []),
    ("The explosion blasted the wall of the depot.", []),
    # "blasted X's statement": X is accused
    ("The union chief blasted the governor's statement as reckless.",
     [("condemnation", "chief", ["governor"], False, False)]),
    # "killed at the hands of X": X accused by whoever says so
    ("He said the man was killed at the hands of the guards.",
     [("accusation", None, ["guards"], False, True)]),
    # "did nothing wrong": the subject denies wrongdoing
    ("Freedonia said its sailors did nothing wrong.",
     [("denial", None, ["sailors"], False, False)]),
    ("The crews did nothing about the fire.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_statements_per_clause(nlp, sentence, expected):
    assert _statements(nlp, sentence) == expected


def test_a_lemmatiser_miss_on_a_cue_verb_is_repaired(nlp):
    doc = nlp("Ruritania lambastes Freedonia over border raids")
    assert cue_lemma(doc[1]) == "lambaste"
    assert _statements(nlp, doc.text) == [("condemnation", "Ruritania", ["Freedonia"], False,
                                           False)]


@pytest.mark.parametrize(("sentence", "offence", "agent"), [
    ("Ruritania accused Freedonian forces of attacking the village.", "attacking", "forces"),
    ("Ruritania accused Freedonia of shelling the town and killing two farmers.", "killing",
     "Freedonia"),
    ("A teenager was charged with shooting two men.", "shooting", "teenager"),
    ("Villagers spoke of shelling at night.", "shelling", None),
])
def test_the_accused_is_the_agent_of_the_offence(nlp, sentence, offence, agent):
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == offence)
    found = offence_agent(tok)
    assert (found.text if found is not None else None) == agent


# --- rows: actors resolved per party, sources as accusers ----------------------------------


def _pairs(make_incident, body: str) -> set[tuple]:
    folder = make_incident({"a.md": article_md(body=body)})
    rows = blame.tables(prepare(load_incident(folder)))["blame"]
    rows = rows[~rows.negated.astype(bool)]
    return {(r.statement, r.cue, None if pd.isna(r.accuser_actor) else r.accuser_actor,
             None if pd.isna(r.accused_actor) else r.accused_actor)
            for r in rows.itertuples()}


def test_coordinated_parties_each_resolve_to_their_own_actor(make_incident):
    pairs = _pairs(make_incident, "Azerbaijan and Armenia traded accusations over the "
                                  "shelling of the border villages.")
    assert pairs == {("accusation", "traded", "azerbaijan", "armenia"),
                     ("accusation", "traded", "armenia", "azerbaijan")}


def test_unnamed_reciprocal_parties_are_the_articles_opponents(make_incident):
    pairs = _pairs(make_incident, "Armenian troops shelled Azerbaijani positions near the "
                                  "river. The two countries have been locked in a standoff "
                                  "for weeks, with each accusing the other of starting it.")
    assert {p for p in pairs if p[1] == "accusing"} == {
        ("accusation", "accusing", "azerbaijan", "armenia"),
        ("accusation", "accusing", "armenia", "azerbaijan")}


def test_a_statement_inside_reported_speech_keeps_its_source(make_incident):
    pairs = _pairs(make_incident, "The Armenian defence ministry said the Azerbaijani "
                                  "commanders must be held responsible for the raid.")
    assert ("blame", "held", "armenia", "azerbaijan") in pairs


def test_quoted_provocations_from_the_other_side_are_an_accusation(make_incident):
    pairs = _pairs(make_incident, 'Armenian forces shelled Azerbaijani posts on Friday. The '
                                  'Azerbaijani ministry said countermeasures had been taken '
                                  'against "provocations" from the other side.')
    assert ("accusation", "provocations", "azerbaijan", "armenia") in pairs


def test_a_label_in_the_outlets_own_voice_accuses_no_one(make_incident):
    pairs = _pairs(make_incident, "Azerbaijani provocations continued along the border.")
    assert not any(p[1] == "provocations" for p in pairs)


def test_a_subject_pronoun_takes_the_previous_subject(make_incident):
    pairs = _pairs(make_incident, "An Azerbaijani defence ministry spokesman gave no figures. "
                                  "But he accused Armenian troops of shelling the village.")
    assert ("accusation", "accused", "azerbaijan", "armenia") in pairs


def test_a_source_saying_it_was_not_responsible_denies(make_incident):
    folder = make_incident({"a.md": article_md(body="The Armenian defence ministry said "
                                                     "Armenia was not responsible for the "
                                                     "shelling.")})
    rows = blame.tables(prepare(load_incident(folder)))["blame"]
    (row,) = rows[rows.cue == "responsible"].itertuples()
    assert row.statement == "denial" and not row.negated and row.accused_actor == "armenia"


def test_a_source_labelling_its_own_side_accuses_no_one(make_incident):
    pairs = _pairs(make_incident, "The Azerbaijani ministry said the reports of provocations "
                                  "by Azerbaijani troops were false.")
    assert not any(p[1] == "provocations" for p in pairs)


def test_we_inside_a_quote_is_its_speaker(make_incident):
    pairs = _pairs(make_incident, '"We blame Armenia for the shelling of our villages," the '
                                  'Azerbaijani defence minister said on Friday.')
    assert ("blame", "blame", "azerbaijan", "armenia") in pairs


@pytest.mark.parametrize("body", [
    "Azerbaijan blamed Armenia for the explosion and Armenia blamed Azerbaijan.",
    "Azerbaijan and Armenia each blamed the other for the explosion.",
    "Azerbaijan and Armenia blamed each other for the explosion.",
])
def test_two_way_statements_give_both_directions(make_incident, body):
    pairs = {(a, b) for _, cue, a, b in _pairs(make_incident, body) if cue == "blamed"}
    assert pairs == {("azerbaijan", "armenia"), ("armenia", "azerbaijan")}


def test_a_condemned_event_without_agent_takes_the_agent_of_its_earlier_mention(make_incident):
    pairs = _pairs(make_incident, "Azerbaijani troops shelled the village on Friday. Armenia "
                                  "condemned the shelling of the village.")
    assert ("condemnation", "condemned", "armenia", "azerbaijan") in pairs


def test_a_relatives_own_name_decides_who_speaks(make_incident):
    # "Aliyev's son Ilham Aliyev Jr." is not Ilham Aliyev, so not Azerbaijan
    pairs = _pairs(make_incident, "Ilham Aliyev's son Ilham Aliyev Jr. condemned Armenia.")
    assert ("condemnation", "condemned", None, "armenia") in pairs


HEAD_YML = """\
title: Test incident
date: 2020-08-23
summary: A small incident for tests.
actors:
  - id: police
    name: Riverton police
    side: police
    aliases: [Riverton police, Riverton troops]
  - id: crowd
    name: The crowd
    side: crowd
    aliases: [demonstrators]
"""


def test_a_bare_head_noun_is_the_actor_whose_names_end_with_it(make_incident):
    folder = make_incident({"a.md": article_md(body=(
        "Riverton police said they had been called to a dispute. Police shot the man "
        "twice. Riverton troops arrived. Troops later shot demonstrators."))},
        incident_yml=HEAD_YML)
    events = blame.tables(prepare(load_incident(folder)))["events"]
    agents = dict(zip(events.agent_text, events.agent_actor, strict=True))
    assert agents["Police"] == "police"
    assert pd.isna(agents["Troops"])  # a group noun never resolves by its head
