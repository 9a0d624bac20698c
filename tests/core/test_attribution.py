"""Sources, reporting-verb stance and direct quotes on short texts (real spaCy parses)."""

from __future__ import annotations

import pytest

from framing.core.attribution import doc_quotes, sentence_sources
from framing.core.quotes import find_quotes
from framing.core.reporting import STANCE
from framing.core.speakers import SpeakerResolver


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
    # a demand reports what its subject wants: its clause is the subject's voice
    ("Armenian officials demand Azerbaijani troops stop the shelling.", "demand",
     "neutral", "Armenian officials", "armenia"),
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


def _quotes(nlp, resolver, text):
    doc = nlp(text)
    return [q for q in doc_quotes(doc, SpeakerResolver(resolver, doc))
            if q.form == "direct_quote"]


# text, the quote's first words, the resolved speaker name, the antecedent as written
SPEAKER_NAMES = [
    # a pronoun goes to the nearest earlier person outside the quote
    ('Nikol Pashinyan spoke in Yerevan on Friday. “The ceasefire must hold for everyone,” '
     'he said.', "“The ceasefire", "Nikol Pashinyan", "Nikol Pashinyan"),
    # gender agreement from honorifics: "she" is not Mr. Brown
    ('Mr. John Brown met Ms. Anna Smith in the capital. “We agreed on nothing at all,” '
     'she said.', "“We agreed", "Anna Smith", "Anna Smith"),
    # a chain of pronouns follows its first link
    ('Mayor Ed Harris spoke to reporters. He criticised the law. “Discrimination has no '
     'place in our city,” he said.', "“Discrimination", "Ed Harris", "Ed Harris"),
    # a surname links to the fullest name of the person
    ('Senator Chuck Lee of Ohio spoke first. “This is simply wrong for the country,” '
     'Mr. Lee said.', "“This is", "Chuck Lee", None),
    # a definite description with a person noun, through the title ("Rep.")
    ('Rep. Blake Miller resigned on Monday. “I had no idea how to run an office,” the '
     'congressman said.', "“I had", "Blake Miller", "Blake Miller"),
    # a relative pronoun stands for its noun
    ('“Enough is enough for all of us,” said Walter Grant, who added that “the richest '
     'thing about him is his ego.”', "“the richest", "Walter Grant", None),
    # quotative inversion after an apposition: the subject, not the date after the verb
    ('“This morning I asked that my pay be withheld,” Representative Jane Doe, Democrat '
     'of Ohio, said Wednesday.', "“This morning", "Jane Doe", None),
    # a quote paragraph after the paragraph that introduces its speaker
    ('Ilham Aliyev criticised the statement on Sunday:\n\n“It is a provocation and we '
     'will answer it.”', "“It is", "Ilham Aliyev", None),
]


@pytest.mark.parametrize(("text", "opening", "name", "antecedent"), SPEAKER_NAMES)
def test_speaker_names_resolved(nlp, resolver, text, opening, name, antecedent):
    (q,) = [q for q in _quotes(nlp, resolver, text)
            if text[q.quote.start:].startswith(opening)]
    assert q.speaker_name == name
    assert (q.antecedent.text if q.antecedent is not None else None) == antecedent


def test_pronoun_in_a_fronted_phrase_is_not_the_antecedent(nlp, resolver):
    text = ('Ilham Aliyev spoke after the meeting. Of Pashinyan, he said, “I want him to '
            'keep his word this time.”')
    (q,) = _quotes(nlp, resolver, text)
    assert (q.speaker.text, q.speaker_name, q.actor_id) == ("he", "Ilham Aliyev",
                                                            "azerbaijan")


def test_pronoun_without_a_person_before_has_no_name(nlp, resolver):
    (q,) = _quotes(nlp, resolver, "“The border will stay closed for now,” he said.")
    assert q.speaker.text == "he"
    assert (q.speaker_name, q.antecedent) == (None, None)


def test_speaker_description_gathers_titles_and_appositions(nlp, resolver):
    text = ('Lis Smith, a spokeswoman for the Obama campaign, spoke first. Later, Sen. Pat '
            'Leahy (D-Vt.) replied. “It was unprecedented,” Leahy said.')
    doc = nlp(text)
    speakers = SpeakerResolver(resolver, doc)
    assert speakers.description("Lis Smith") == ("Lis Smith, a spokeswoman for the Obama "
                                                 "campaign")
    assert "(D-Vt.)" in speakers.description("Pat Leahy")


def test_a_description_repeating_an_apposition_is_that_person(nlp, resolver):
    """"police shot a Black man" in the lede, "Jacob Blake, a 29-year-old Black man" later:
    the description's words are among the apposition's, so it is Blake (Kenosha)."""
    text = ("Police shot an Azerbaijani man on Friday. Ilham Aliyev, a 58-year-old "
            "Azerbaijani man, was taken to hospital. A man was seen nearby.")
    doc = nlp(text)
    speakers = SpeakerResolver(resolver, doc)
    described, bare = [t for t in doc if t.lower_ == "man" and t.dep_ != "appos"]
    assert speakers.apposed(described).name == "Ilham Aliyev"
    phrase = doc[described.left_edge.i:described.i + 1]
    assert speakers.resolve(described, phrase)[0] == "azerbaijan"
    assert speakers.apposed(bare) is None  # "a man": no word to match
    # two people with matching appositions: neither
    doc = nlp(text + " Nikol Pashinyan, an Azerbaijani man, arrived.")
    speakers = SpeakerResolver(resolver, doc)
    assert speakers.apposed(next(t for t in doc if t.lower_ == "man")) is None


def test_an_ordinal_description_does_not_refer_back(nlp, resolver):
    """"He is not the first Azerbaijani man to be shot" describes a kind, not Aliyev: a
    definite with an ordinal or "only" is discourse-new (three Kenosha outlets quoting Evers
    had cast Blake as a victim through "the first Black man")."""
    doc = nlp("Ilham Aliyev spoke on Friday. He is not the first man to be shot, and the "
              "man was angry.")
    speakers = SpeakerResolver(resolver, doc)
    first, later = [t for t in doc if t.lower_ == "man"]
    assert speakers.resolve(first, doc[first.left_edge.i:first.i + 1])[0] is None
    assert speakers.resolve(later, doc[later.left_edge.i:later.i + 1])[0] == "azerbaijan"


def test_quoted_as_saying_gives_the_quoted_source(nlp, resolver):
    sources, _ = _sources(nlp, resolver, "The agency quoted Ilham Aliyev as saying that "
                          "Armenia had violated the ceasefire.")
    saying = next(s for s in sources if s.cue.text == "saying")
    assert (saying.speaker_span.text, saying.actor_id) == ("Ilham Aliyev", "azerbaijan")


def test_it_as_speaker_goes_to_the_salient_actor(nlp, resolver):
    text = ('The OSCE Minsk Group called for restraint on Monday, after Armenia reported '
            'new shelling. “All sides must respect the ceasefire,” it said.')
    (q,) = _quotes(nlp, resolver, text)
    assert (q.speaker.text, q.actor_id) == ("it", "minsk_group")


def test_name_written_surname_first(nlp, resolver):
    text = ('Foreign Minister Wang Yi spoke on Tuesday. Wang said that the border was '
            'calm.')
    doc = nlp(text)
    (src,) = [s for s in sentence_sources(list(doc.sents)[1], SpeakerResolver(resolver, doc))
              if s.cue is not None and s.cue.text == "said"]
    assert src.speaker_name == "Wang Yi"


@pytest.mark.parametrize(("text", "actor"), [
    # a surname takes the actor its person's title words named
    ("Armenian officer Arman Karapetyan spoke on Tuesday. Karapetyan said the border was "
     "calm.", "armenia"),
    # not an apposition's actor: the lawyer of an Armenian family is no Armenian official
    ("Arman Karapetyan, a lawyer for the Armenian family, spoke on Tuesday. Karapetyan said "
     "the border was calm.", None),
])
def test_a_surname_takes_the_actor_of_its_titled_mention(nlp, resolver, text, actor):
    doc = nlp(text)
    (src,) = [s for s in sentence_sources(list(doc.sents)[1], SpeakerResolver(resolver, doc))
              if s.cue is not None and s.cue.text == "said"]
    assert src.actor_id == actor


def test_speaker_of_a_verb_misread_as_a_reduced_relative(nlp, resolver):
    text = ('For his part, Chuck Schumer, the Senate minority leader, called the proposal '
            '"one-sided and ineffective."')
    doc = nlp(text)
    (q,) = doc_quotes(doc, SpeakerResolver(resolver, doc))
    assert q.speaker_name == "Chuck Schumer"


def test_short_quoted_sentence_continues_the_speaker(nlp, resolver):
    text = ('“He wants to run the nation like his business,” Mr. Bloomberg said on '
            'Wednesday.\n“God help us.”')
    quotes = _quotes(nlp, resolver, text)
    assert [q.speaker_name for q in quotes] == ["Bloomberg", "Bloomberg"]
