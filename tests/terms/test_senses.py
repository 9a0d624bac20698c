"""Word senses that are not loaded, and the voice of terms, on invented sentences with the real
spaCy model (no news text)."""

from __future__ import annotations

import pytest
from conftest import article_md

from framing import terms
from framing.core.pipeline import prepare
from framing.core.reporting import non_reporting_sense
from framing.terms.lexicons import load_lexicons
from framing.terms.lexicons.matcher import TermMatcher
from framing.terms.senses import plain_sense


@pytest.fixture(scope="module")
def matcher():
    return TermMatcher(load_lexicons())


def _token(nlp, sentence: str, word: str):
    doc = nlp(sentence)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("sentence, word", [
    ("Both sides pledged to maintain the ceasefire regime along the border.", "maintain"),
    ("The two armies are maintaining peace in the valley.", "maintaining"),
    ("Troops were sent to maintain order on Tuesday.", "maintain"),
    ("The navy has been asserting greater control over the channel.", "asserting"),
    ("The landslide claimed the lives of forty villagers.", "claimed"),
    ("A car bomb claimed two lives near the market.", "claimed"),
    ("No group has claimed responsibility for the blast.", "claimed"),
    ("The ruling party claimed victory in the local election.", "claimed"),
    ("The alliance called on both navies to show restraint.", "show"),
    ("Few states recognise the breakaway republic.", "recognise"),
])
def test_speech_verbs_with_a_thing_as_object_do_not_report(nlp, sentence, word):
    assert non_reporting_sense(_token(nlp, sentence, word))


@pytest.mark.parametrize("sentence, word", [
    ("The minister maintained that the soldiers had fired first.", "maintained"),
    ("The spokesman maintained his innocence throughout the trial.", "maintained"),
    ("The rebels claimed that government troops shelled the village.", "claimed"),
    ("The rebels claimed to have downed a helicopter.", "claimed"),
    ("The ministry asserted that the vessels had entered its waters.", "asserted"),
    ("The army, the ministry claimed, had withdrawn.", "claimed"),
    ("The activists claimed a link between the plant and the illness.", "claimed"),
    ("The images showed that the boats had been rammed.", "showed"),
    ("The troops, the officer added, had withdrawn.", "added"),
    ("Two soldiers had wounds of “varying degrees,” added the Army.", "added"),
    ("The border is closed, claimed the ministry.", "claimed"),
])
def test_speech_verbs_with_a_proposition_still_report(nlp, sentence, word):
    assert non_reporting_sense(_token(nlp, sentence, word)) is None


@pytest.mark.parametrize("sentence, word", [
    ("Both sides agreed to respect the ceasefire regime.", "regime"),
    ("The sanctions regime on oil exports was tightened.", "regime"),
    ("The country eased its visa regime for tourists.", "regime"),
    ("The dockers went on strike on Monday.", "strike"),
    ("The unions called a general strike for Friday.", "strike"),
    ("The prisoners began a hunger strike last week.", "strike"),
    ("The island has long been free of disputes and claims.", "claims"),
    ("Both countries have territorial claims over the islands.", "claims"),
    ("Prosecutors opened a criminal case against the captain.", "criminal"),
    ("The envoy urged both sides to de-escalate the standoff.", "escalate"),
    ("Two sailors were in a life-threatening condition.", "threatening"),
    ("The minister suggested that both sides strengthen their talks.", "suggested"),
    ("The army moved heavy weapons to the border.", "heavy"),
    ("Officers in riot gear lined the square.", "riot"),
    ("The fire chief said the blaze was out by dawn.", "fire"),
])
def test_plain_senses_of_charged_words(nlp, sentence, word):
    assert plain_sense(_token(nlp, sentence, word))


@pytest.mark.parametrize("sentence, word", [
    ("The regime shelled the rebel-held town again.", "regime"),
    ("An air strike hit the convoy at dawn.", "strike"),
    ("The ministry rejected the claims of the rebels.", "claims"),
    ("The general repeated his false claims about the vote.", "claims"),
    ("Baku's claims that the village was shelled were not verified.", "claims"),
    ("The criminals fled across the river.", "criminals"),
    ("Officials feared the clash would escalate.", "escalate"),
    ("The report suggested that the army had lied.", "suggested"),
    ("The town came under heavy shelling at night.", "heavy"),
    ("The protest turned into a riot after dark.", "riot"),
])
def test_charged_senses_stay_flagged(nlp, sentence, word):
    assert plain_sense(_token(nlp, sentence, word)) is None


@pytest.mark.parametrize("sentence, word, lexicon, plain", [
    ("The court rejected the appeal on Monday.", "rejected", "vader", True),
    ("A teenager was charged with arson after the fire.", "charged", "afinn", True),
    ("Protesters charged at the police line.", "charged", "afinn", False),
    ("It was a racially charged debate.", "charged", "afinn", False),
    ("The court rejected the appeal on Monday.", "rejected", "doubt", False),
])
def test_reporting_verbs_lose_their_valence_only_as_reporting_verbs(nlp, sentence, word,
                                                                    lexicon, plain):
    assert bool(plain_sense(_token(nlp, sentence, word), lexicon)) is plain


def test_matcher_drops_plain_senses_and_keeps_charged_ones(nlp, matcher):
    doc = nlp("Officials vowed to maintain the ceasefire regime. The regime claimed that "
              "the flood claimed the lives of ten people.")
    found = {(m.text, m.start) for m in matcher.find(doc)}
    texts = [t for t, _ in found]
    assert texts.count("regime") == 1 and texts.count("claimed") == 1
    start_regime = doc.text.index("The regime")
    assert ("regime", start_regime + 4) in found
    assert ("claimed", doc.text.index("claimed that")) in found
    assert len(matcher.find(doc, senses=False)) > len(found)


def test_terms_voice_separates_outlet_says_from_outlet_quotes(make_incident):
    body = ("Government troops shelled the border villages overnight, a brutal escalation. "
            "The Azerbaijani defence ministry said it had responded to \"provocations\" by "
            "Armenian units. Aliyev said the army would destroy any attacker. "
            "Both sides later promised to maintain the ceasefire regime.")
    folder = make_incident({"a.md": article_md(title="Shelling on the border", body=body)})
    parsed = prepare(folder)
    tables = terms.tables(parsed, learned=False)
    hits = tables["terms"]
    by_text = {r["text"].lower(): r for r in hits.to_dict("records")}
    assert by_text["brutal"]["voice"] == "outlet"
    assert by_text["provocations"]["voice"] == "direct_quote"
    assert by_text["provocations"]["source_actor"] == "azerbaijan"
    assert by_text["destroy"]["voice"] in ("reported", "attributed", "direct_quote")
    assert "regime" not in by_text and "maintain" not in by_text
    texts = [f.text for f in terms.findings(tables, parsed.incident)]
    quoted = [t for t in texts if "provocations" in t]
    assert quoted and all(" quotes " in t or " reports " in t for t in quoted)
    assert not any("“provocations”" in t and "in its own words" in t for t in texts)


def test_voice_of_terms_outside_what_the_source_said(make_incident):
    body = ("The army reported a breach of the truce that ended the war in the breakaway "
            "region. The minister said the border was closed, triggering a brutal standoff. "
            "Aliyev blamed Armenia and threatened the separatists. "
            "The rebels claimed a \"so-called\" victory.")
    folder = make_incident({"a.md": article_md(title="Border news", body=body)})
    parsed = prepare(folder)
    hits = terms.tables(parsed, learned=False)["terms"]
    voice = {r["text"].lower(): r["voice"] for r in hits.to_dict("records")}
    # a relative clause on the reported noun, and a coordinated verb: the outlet's words
    assert voice["breakaway"] == "outlet"
    assert voice["threatened"] == "outlet"
    # "claimed a victory" quotes no one: the scare quote is the outlet's
    assert voice["so-called"] == "outlet"


def test_so_called_before_a_name_introduces_it(nlp):
    from framing.terms.senses import span_plain_sense

    for text, plain in [("The heads of the so-called Minsk Group met in Baku.", True),
                        ("He mocked the so-called peace plan of the rebels.", False)]:
        doc = nlp(text)
        start = text.index("so-called")
        assert bool(span_plain_sense(doc.char_span(start, start + 9))) is plain
