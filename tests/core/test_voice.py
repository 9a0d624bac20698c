"""The voice layer on short texts (real spaCy parses): voice classes of spans, and the
quote-boundary flag."""

from __future__ import annotations

import pytest

from framing.core.corpus import load_incident
from framing.core.voice import ArticleVoice


def _voice(nlp, resolver, text: str) -> ArticleVoice:
    return ArticleVoice(nlp(text), text, resolver)


# text, a span of it, its voice, the source phrase (None: no named source)
CASES = [
    ("Armenian forces shelled the village on Sunday.", "shelled the village", "outlet",
     None),
    ("The ministry said that Armenian forces shelled the village.", "shelled the village",
     "reported", "The ministry"),
    ("Azerbaijani media claimed that Armenian forces shelled the village.",
     "shelled the village", "attributed", "Azerbaijani media"),
    # an accusation is the accuser's claim
    ("Baku accused Armenia of shelling the village overnight.", "shelling the village",
     "attributed", "Baku"),
    # a label in its labelling frame is the source's characterisation
    ("The ministry described the crossing as a deliberate provocation.",
     "a deliberate provocation", "attributed", "The ministry"),
    # a verb outside the vocabulary with a "that"-clause reports its subject's view
    ("Beijing reiterated that the valley belonged to China.", "the valley belonged",
     "reported", "Beijing"),
    # a trailing reporting clause the parser hangs under the reported clause
    ("The hazardous move severely violated the agreement between the two countries, he "
     "said, while voicing strong opposition.", "severely violated the agreement",
     "reported", "he"),
    # the addressee of "warned" is not what the source said
    ("Russia warned the Kiev regime on Monday.", "the Kiev regime", "outlet", None),
    # a hearsay adverb marks its clause as an unnamed source's
    ("Later, six sailors were reportedly wounded in the clash.", "six sailors were",
     "attributed", None),
    ("The village was shelled overnight, according to the Artsakh Army.",
     "The village was shelled", "attributed", "the Artsakh Army"),
    ('Aliyev said "we will destroy them" on Saturday.', "we will destroy", "direct_quote",
     "Aliyev"),
    # what a source's own relative clause reports is still reported, not the outlet's
    ("News agency ANI, which on Tuesday reported 45 Armenian casualties, changed its report.",
     "45 Armenian casualties", "reported", "News agency ANI"),
    # "what it termed as": the quoted label is the labeller's
    ('Baku slammed Yerevan for what it termed as "provocative border attacks" on Monday.',
     "provocative border attacks", "direct_quote", "it"),
    ("Officials branded the protesters terrorists.", "terrorists", "attributed", "Officials"),
    ("The ministry labelled the boxes and shipped them.", "the boxes", "outlet", None),
]


@pytest.mark.parametrize(("text", "span", "voice", "source"), CASES)
def test_voice_classes(nlp, resolver, text, span, voice, source):
    av = _voice(nlp, resolver, text)
    start = text.index(span)
    v = av.voice_of(start, start + len(span))
    assert v.voice == voice
    assert av.surface(v.source.speaker_span if v.source is not None else None) == source


@pytest.mark.parametrize("headline", [
    "20 soldiers killed in border clash with China: official",
    "Military suffers casualties in clash with India - Global Times editor",
])
def test_headline_attributed_by_punctuation(nlp, resolver, headline):
    text = headline + "\n\nThe clash took place on Monday night in the valley."
    av = _voice(nlp, resolver, text)
    assert av.voice_of(0, 10).voice == "attributed"
    body = text.index("The clash")
    assert av.voice_of(body, body + 9).voice == "outlet"


def test_paragraphs_after_source_and_colon_are_its_block_quote(nlp, resolver):
    text = ("Shelling resumed at dawn\n\nThe Artsakh Army said in a statement:\n\nThe "
            "enemy shelled two villages at dawn.\n\nTwo houses burned.\n\n\"We will "
            "answer,\" the ministry said.")
    av = _voice(nlp, resolver, text)
    for span in ("The enemy shelled", "Two houses burned"):
        start = text.index(span)
        v = av.voice_of(start, start + len(span))
        assert (v.voice, av.surface(v.source.speaker_span)) == ("direct_quote",
                                                                "The Artsakh Army")
    assert av.voice_of(0, 8).voice == "outlet"


def test_headline_with_a_rubric_is_not_attributed(nlp, resolver):
    text = "Live: troops clash again on the disputed border\n\nMore to follow."
    assert _voice(nlp, resolver, text).voice_of(6, 20).voice == "outlet"


def test_unbalanced_quote_flags_its_sentences_and_drops_nothing(make_incident):
    from framing.core.pipeline import base_tables, prepare
    from tests.conftest import INCIDENT_YML, article_md

    body = ('Azerbaijan said Armenian forces fired on its positions. The minister called '
            'it “a provocation and said the army would respond.\n\n'
            'Armenia denied the claim on Saturday.')
    folder = make_incident({"a.md": article_md(title="Ceasefire breached", body=body)},
                           INCIDENT_YML)
    parsed = prepare(load_incident(folder))
    segments = base_tables(parsed)["voice_segments"]
    # every sentence keeps its segments
    assert set(segments.sent_id) == set(parsed.sentences.sent_id)
    flagged = parsed.sentences.set_index("sent_id").loc[
        sorted(set(segments[segments.quote_uncertain].sent_id)), "text"].tolist()
    assert flagged == ['The minister called it “a provocation and said the army would '
                       'respond.']
    voice = parsed.voices[parsed.incident.articles[0].id]
    text = parsed.incident.articles[0].document
    start = text.index("The minister")
    assert voice.quote_uncertain(start, start + 12)
    assert not voice.quote_uncertain(text.index("Armenia denied"), len(text))
    assert segments.quote_uncertain.dtype == bool


def test_balanced_text_has_no_uncertain_quote(nlp, resolver):
    text = 'Aliyev said “we will respond” on Saturday.\n\nArmenia denied it.'
    av = _voice(nlp, resolver, text)
    assert not av.quote_uncertain(0, len(text))


@pytest.mark.parametrize(("text", "span"), [
    ("Both sides pledged to maintain the ceasefire regime in the region.",
     "the ceasefire regime"),
    ("The bombing claimed the lives of 500 people in the city.", "the lives of 500"),
])
def test_speech_verb_in_another_sense_is_no_source(nlp, resolver, text, span):
    av = _voice(nlp, resolver, text)
    start = text.index(span)
    assert av.voice_of(start, start + len(span)).voice == "outlet"
    assert not [s for s in av.sources if s.cue is not None and s.cue.lemma_ in
                ("maintain", "claim")]
