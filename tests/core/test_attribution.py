"""Sources, reporting-verb stance and direct quotes on short texts (real spaCy parses)."""

from __future__ import annotations

import pytest

from framing.core.actors import ActorResolver
from framing.core.attribution import (
    STANCE,
    SpeakerResolver,
    doc_quotes,
    find_quotes,
    sentence_sources,
)
from framing.core.corpus import load_incident
from framing.core.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_incident().actors)


def _sources(nlp, resolver, text):
    doc = nlp(text)
    return sentence_sources(doc[:], SpeakerResolver(resolver, doc)), doc


# text, cue, stance, source phrase, actor
CASES = [
    ("The ministry said the village was shelled.", "said", "neutral", "The ministry", None),
    ("Azerbaijani media claimed that Armenian forces launched the attack.", "claimed",
     "distancing", "Azerbaijani media", "azerbaijan"),
    ("The peacekeepers confirmed the firefight.", "confirmed", "endorsing", "The peacekeepers",
     "russia"),
    ("The government accused the rebels of shelling the town.", "accused", "accusatory",
     "The government", None),
    ("Armenia denied the accusations.", "denied", "denying", "Armenia", "armenia"),
    ("Armenian officials insisted the shelling was deliberate.", "insisted", "distancing",
     "Armenian officials", "armenia"),
    ("Erdogan acknowledged that the ceasefire was violated.", "acknowledged", "endorsing",
     "Erdogan", "turkey"),
    ('"The truce holds," said a statement from the Russian Defence Ministry.', "said",
     "neutral", "a statement from the Russian Defence Ministry", "russia"),
    ('"Three were wounded," the territorial defence ministry said.', "said", "neutral",
     "the territorial defence ministry", "artsakh"),
]


@pytest.mark.parametrize(("text", "cue", "stance", "source", "actor"), CASES)
def test_reporting_verb_sources(nlp, resolver, text, cue, stance, source, actor):
    sources, _ = _sources(nlp, resolver, text)
    (src,) = [s for s in sources if s.form == "reporting_verb"]
    assert src.cue.text == cue
    assert src.stance == stance
    assert src.speaker_span.text == source
    assert src.actor_id == actor


def test_according_to(nlp, resolver):
    sources, _ = _sources(nlp, resolver,
                          "The village was shelled overnight, according to the Artsakh Army.")
    (src,) = sources
    assert src.form == "according_to"
    assert src.speaker_span.text == "the Artsakh Army"
    assert src.actor_id == "artsakh"


def test_told_keeps_addressee(nlp, resolver):
    sources, _ = _sources(nlp, resolver,
                          "Babayan told Armenpress that the response will be tough.")
    (src,) = sources
    assert (src.speaker_span.text, src.addressee.text, src.actor_id) == (
        "Babayan", "Armenpress", "artsakh")


def test_participle_inherits_reporting_source(nlp, resolver):
    sources, _ = _sources(nlp, resolver, "Azerbaijani media claimed that Armenian forces "
                          "launched the attack, alleging that one soldier was killed.")
    alleging = next(s for s in sources if s.cue.text == "alleging")
    assert alleging.stance == "distancing"
    assert alleging.actor_id == "azerbaijan"


def test_stance_classes_cover_issue_verbs():
    for verb, cls in [("say", "neutral"), ("tell", "neutral"), ("report", "neutral"),
                      ("state", "neutral"), ("add", "neutral"), ("announce", "neutral"),
                      ("claim", "distancing"), ("allege", "distancing"),
                      ("insist", "distancing"), ("purport", "distancing"),
                      ("confirm", "endorsing"), ("acknowledge", "endorsing"),
                      ("reveal", "endorsing"), ("accuse", "accusatory"),
                      ("charge", "accusatory"), ("blame", "accusatory")]:
        assert STANCE[verb] == cls


@pytest.mark.parametrize(("text", "spans"), [
    ("“A b c d,” he said.", [(0, 10)]),
    ("“A b,” he said. ”E f g h,” she said.", [(0, 6), (16, 26)]),  # stray ” opens
    ('He said "yes" twice.', [(8, 13)]),
    ("“Unclosed quote\n\nNext paragraph.", [(0, 15)]),
])
def test_find_quotes(text, spans):
    assert [(q.start, q.end) for q in find_quotes(text)] == spans


def test_quote_spanning_sentences_resolves_pronoun_speaker(nlp, resolver):
    text = ('Ilham Aliyev spoke on Saturday. “Armenia must be careful. We will destroy '
            'them,” he said. The “experts” disagreed.')
    doc = nlp(text)
    quotes = doc_quotes(doc, SpeakerResolver(resolver, doc))
    direct = [q for q in quotes if q.form == "direct_quote"]
    (q,) = direct
    assert text[q.quote.start:q.quote.end].startswith("“Armenia must")
    assert text[q.quote.start:q.quote.end].endswith("them,”")
    assert (q.speaker.text, q.actor_id) == ("he", "azerbaijan")
    scare = [q for q in quotes if q.form == "partial_quote"]
    assert [text[q.quote.start:q.quote.end] for q in scare] == ["“experts”"]
