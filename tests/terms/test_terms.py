"""Loaded terms, scare quotes, labeling, distinctive terms and the learned detector."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from conftest import article_md

from framing import terms
from framing.core import evidence
from framing.core.findings import Finding
from framing.core.nlp import load_nlp
from framing.core.pipeline import KEY_COLUMNS, prepare
from framing.core.voice import VOICES
from framing.evaluate.metrics import set_prf
from framing.evaluate.terms import evaluate_biased_words, span_scores
from framing.terms.detect import (
    SCARE_QUOTE,
    detect_terms,
    find_scare_quotes,
    lexicon_terms,
    scare_quotes,
)
from framing.terms.distinctive import log_odds_dirichlet
from framing.terms.lexicons import LEXICON_COLUMNS, load_lexicons, read_lexicon
from framing.terms.lexicons.matcher import TermMatcher
from framing.terms.model import CV_PATH, MODEL_PATH, load_model
from framing.terms.summary import HEADINGS

ASBAREZ, MT = "Asbarez", "The Moscow Times"


@pytest.fixture(scope="module")
def tables(parsed):
    return terms.tables(parsed)


def sentence_of(parsed, row) -> str:
    return parsed.sentence_text(row["article_id"], int(row["sent_id"]))


@pytest.mark.parametrize("term, category", [
    ("misinformation", "doubt and distancing"),
    ("iron fist", "conflict intensifier"),
    ("provocation", "delegitimising label"),
    ("claimed", "doubt and distancing"),
])
def test_asbarez_loaded_terms_with_their_sentence(parsed, tables, term, category):
    hits = tables["terms"]
    rows = hits[(hits.outlet == ASBAREZ) & (hits.text.str.lower() == term)
                & (hits.category == category)]
    assert len(rows), f"{term!r} not detected as {category}"
    for row in rows.to_dict("records"):
        doc = parsed.incident.article(row["article_id"]).document
        assert doc[row["start"]:row["end"]].lower() == term
        assert term in sentence_of(parsed, row).lower()


def test_moscow_times_terms(tables):
    hits = tables["terms"]
    mt = hits[hits.outlet == MT]
    assert {"rout", "breakaway"} <= set(mt.text.str.lower())
    # "the so-called Minsk Group" names the body (so-called = commonly named), no doubt
    assert "so-called" not in set(mt.text.str.lower())
    assert "misinformation" not in set(mt.text.str.lower())


def test_scare_quotes(parsed, tables):
    quotes = scare_quotes(parsed)
    by_outlet = {o: set(g.text) for o, g in quotes.groupby("outlet")}
    assert {"varying degrees", "assign blame"} <= by_outlet[ASBAREZ]
    assert {"provocations", "glorious victory"} <= by_outlet[MT]
    # full quoted statements are reported speech, not scare quotes
    assert not any("leadership of the peacekeeping" in t for t in quotes.text)
    assert not any("three were wounded" in t for t in quotes.text)
    row = quotes[quotes.text == "varying degrees"].iloc[0]
    assert "varying degrees" in sentence_of(parsed, row)
    assert set(tables["terms"].category) >= {SCARE_QUOTE}


@pytest.mark.parametrize("text, note", [
    ('Democrats asked for "changes" to the bill, according to Sen. Durbin.',
     "attributed partial quote"),
    ('He argued that the Founders were not "demigods" at all.', "attributed partial quote"),
    ('The "peace talks" ended on Tuesday in Moscow.', "unattributed (writer's distancing)"),
])
def test_scare_quote_attribution_reads_the_shared_vocabulary(text, note):
    """Attributed = a verb of framing.core.reporting or "according to" in the sentence."""
    quotes = find_scare_quotes(load_nlp()(text))
    assert [q["note"] for q in quotes] == [note]


def test_outlets_name_the_region_differently(parsed, tables):
    places = tables["place_names"]
    region = places[(places.place_id == "karabakh") & ~places.in_name]
    used = {o: set(g.variant) for o, g in region.groupby("outlet")}
    assert "Artsakh" in used[ASBAREZ]
    assert "Artsakh" not in used[MT]
    assert {"Nagorno-Karabakh", "breakaway region"} <= used[MT]
    assert "Nagorno-Karabakh" not in used[ASBAREZ]
    # "Karabakh" inside "Nagorno-Karabakh" is not counted twice
    mt = places[(places.outlet == MT) & (places.variant == "Karabakh")]
    doc = parsed.incident.article(mt.iloc[0]["article_id"]).document
    assert all(doc[s - 1] != "-" for s in mt.start)
    # a name inside an actor's name is counted but marked
    named = places[places.in_name]
    assert "Artsakh Defense Army" in set(named.within)
    assert "Karabakh forces" in set(named.within)
    found = terms.findings(tables, parsed.incident)
    assert any("Nagorno-Karabakh differently" in f.text for f in found)


def test_actor_labels_per_outlet(tables):
    labels = tables["actor_labels"]
    artsakh = labels[labels.actor_id == "artsakh"]
    assert "Karabakh forces" in set(artsakh[artsakh.outlet == MT].expression)
    assert "Artsakh Defense Army" in set(artsakh[artsakh.outlet == ASBAREZ].expression)
    aliyev = labels[(labels.actor_id == "azerbaijan") & (labels.surface == "Ilham Aliyev")]
    assert {"Azeri President Ilham Aliyev", "Azerbaijani President Ilham Aliyev"} <= set(
        aliyev.expression)
    # a demonym modifying an event is not a label of the actor
    attack = labels[(labels.surface == "Azerbaijani") & (labels["head"].str.lower() == "attack")]
    assert len(attack) and set(attack.form) == {"modifier"}
    table = terms.labeling_table(labels, [ASBAREZ, MT])
    assert list(table.columns) == ["actor", ASBAREZ, MT]


def test_distinctive_terms_differ_per_outlet(tables):
    dist = tables["distinctive_terms"]
    top = terms.top_distinctive(dist, n=5)
    tops = {o: set(g.term) for o, g in top.groupby("outlet")}
    assert tops[ASBAREZ] and tops[MT] and not tops[ASBAREZ] & tops[MT]
    artsakh = dist[(dist.term == "artsakh") & (dist.outlet == ASBAREZ)].iloc[0]
    assert artsakh.z > 0 and artsakh.n_rest == 0
    assert set(dist.kind) == {"lemma", "bigram"}


def test_log_odds_is_antisymmetric_and_zero_for_equal_use():
    vocab = ["a", "b", "c"]
    yi = pd.Series([5, 0, 2], index=vocab)
    yj = pd.Series([0, 5, 2], index=vocab)
    prior = yi + yj + 0.5
    ij = log_odds_dirichlet(yi, yj, prior)
    ji = log_odds_dirichlet(yj, yi, prior)
    assert np.allclose(ij.z, -ji.z)
    assert ij.z["a"] > 1 and abs(ij.z["c"]) < 1e-9


def test_user_lexicons_tsv_and_plain_list(tmp_path, parsed):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("term\tcategory\tnote\nceasefire violation\tbreach\tmy note\n"
                   "peacekeeper\tthird party\t\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("; comment\n# another\nbreach\nrout\n", encoding="utf-8")
    user = read_lexicon(tsv)
    assert list(user.columns) == LEXICON_COLUMNS
    assert set(user.category) == {"breach", "third party"}
    assert set(read_lexicon(plain).term) == {"breach", "rout"}
    hits = lexicon_terms(parsed, extra=[tsv])
    mine = hits[hits.lexicon == "mine"]
    assert "Ceasefire Violation" in set(mine.text) or "ceasefire violation" in set(
        mine.text.str.lower())
    assert "peacekeepers" in set(mine.text.str.lower())


def test_matcher_lemmas_multiword_and_pos():
    nlp = load_nlp()
    matcher = TermMatcher(load_lexicons(valence=False))
    doc = nlp("The so-called separatists may retreat, but in May the terrorists claimed "
              "an iron fist.")
    found = {(m.text.lower(), m.category) for m in matcher.find(doc)}
    assert ("so-called", "doubt and distancing") in found
    assert ("terrorists", "delegitimising label") in found
    assert ("iron fist", "conflict intensifier") in found
    assert ("may", "hedge") in found
    assert sum(1 for t, c in found if t == "may") == 1  # the month is not a hedge


def test_highlight_escapes_article_text(make_incident):
    folder = make_incident({"a.md": article_md(
        body="Azerbaijani terrorists claimed 5<6 & a “so-called” win >= 1.")})
    parsed = prepare(folder)
    hits = detect_terms(parsed, learned=False)
    article = parsed.incident.articles[0]
    html = evidence.highlight(article.document, [
        {"start": r.start, "end": r.end, "color": "#c00", "title": r.category}
        for r in hits.itertuples()])
    assert "5&lt;6 &amp; " in html and "&gt;= 1" in html and "5<6" not in html
    assert "<mark" in html and "terrorists</mark>" in html
    assert html.count("<mark") == len({(r.start, r.end) for r in hits.itertuples()})


def test_learned_detector_scores_sentences(parsed):
    assert MODEL_PATH.stat().st_size < 1_000_000
    model = load_model()
    nlp = load_nlp()
    docs = [nlp("Azerbaijani media, in their usual effort to spread misinformation, claimed "
                "that radical thugs launched the attack."),
            nlp("The meeting took place on Saturday in Baku.")]
    loaded, plain = model.score(docs, use_cache=False)
    assert loaded.sentence_prob > plain.sentence_prob
    probs = dict(zip([w for _, _, w in loaded.words], loaded.word_probs, strict=True))
    assert probs["misinformation"] > probs["the"]
    assert max(probs, key=probs.get) in {"misinformation", "thugs", "radical", "claimed"}


def test_committed_cv_figures_meet_targets():
    cv = json.loads(CV_PATH.read_text())["cv"]
    assert cv["sentence"]["f1"] >= 0.78
    assert cv["word"]["f1"] >= 0.35
    assert len(cv["folds"]) == 5


def test_tables_findings_profile(parsed, tables):
    for name, frame in tables.items():
        assert set(KEY_COLUMNS) <= set(frame.columns), name
    rates = tables["term_rates"]
    assert set(rates.outlet) == {ASBAREZ, MT}
    assert (rates.per_1000 >= 0).all()
    sents = tables["loaded_sentences"]
    assert len(sents) == len(parsed.sentences)
    assert sents.p_loaded.between(0, 1).all()
    found = terms.findings(tables, parsed.incident)
    assert found and all(isinstance(f, Finding) and f.section in HEADINGS.values()
                         for f in found)
    prof = terms.profile(tables, parsed.incident)
    assert list(prof.columns) == [ASBAREZ, MT, "section"]
    assert set(prof.section) <= set(HEADINGS.values())  # each line links to its section
    assert "Names for Nagorno-Karabakh" in prof.index
    # one "Artsakh" is inside a direct quotation: the source's name, not the outlet's
    assert "Artsakh 3 (+4 in names)" in prof.at["Names for Nagorno-Karabakh", ASBAREZ]
    assert "Nagorno-Karabakh 2" in prof.at["Names for Nagorno-Karabakh", MT]


def test_metrics_on_tiny_inputs():
    assert set_prf([{"a", "b"}, set()], [{"a"}, {"c"}]) == {
        "precision": 0.5, "recall": 0.5, "f1": 0.5}
    scores = span_scores({"x": [(0, 4), (10, 12)]}, {"x": [(2, 6)]})
    assert scores["char"]["precision"] == pytest.approx(2 / 6, abs=1e-4)
    assert scores["char"]["recall"] == 0.5
    assert scores["span"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(0.6667)}


def test_evaluate_biased_words_on_a_babe_format_file(tmp_path):
    path = tmp_path / "mini.csv"
    rows = [
        ("Radical leftists spread vicious lies about the hero.", "Biased",
         "['Radical', 'vicious', 'lies']"),
        ("The committee met on Tuesday to discuss the budget.", "Non-biased", "[]"),
        ("The so-called experts pushed their absurd propaganda.", "Biased",
         "['so-called', 'absurd', 'propaganda']"),
        ("Officials said the bridge will reopen next week.", "Non-biased", "[]"),
    ]
    frame = pd.DataFrame(rows, columns=["text", "label_bias", "biased_words"])
    frame["news_link"], frame["outlet"] = "http://example.org", "X"
    frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    result = evaluate_biased_words(path)
    assert result["sentences"] == 4 and result["marked_words"] == 6
    assert result["model"]["evaluated_on_training_file"] is False
    assert result["word_level"]["learned"]["source"] == "committed model applied"
    assert result["word_level"]["project (all five)"]["recall"] > 0
    assert result["speed"]["learned_sentences_per_s"] > 0


def test_tables_on_one_outlet_without_places(make_incident):
    folder = make_incident({"a.md": article_md(
        title="Brutal attack", body='Azerbaijani terrorists claimed a "so-called" victory.')})
    parsed = prepare(folder)
    tables = terms.tables(parsed)
    assert tables["place_names"].empty and tables["distinctive_terms"].empty
    assert {"terrorists", "brutal", "so-called"} <= set(tables["terms"].text.str.lower())
    found = terms.findings(tables, parsed.incident)
    assert [f.text for f in found] == ["Outlet A puts 1 short phrase in quotation marks "
                                       "of its own: “so-called”."]
    prof = terms.profile(tables, parsed.incident)
    assert list(prof.columns) == ["Outlet A", "section"] and "Scare quotes" in prof.index


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.tsv", b"term\tscore\nfoo\tabc\n", "entry 1 ('foo'): score 'abc'"),
    ("latin.tsv", "term\ndéjà\n".encode("latin-1"), "not UTF-8"),
    ("bad.tff", b"type=weaksubj len=1 word1=abandon pos1=verb\ngarbage\n", "line 2"),
])
def test_malformed_user_lexicon_names_the_file_and_entry(tmp_path, name, content, message):
    from framing.terms.lexicons import read_lexicon

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValueError, match=re.escape(message)) as err:
        read_lexicon(path)
    assert str(path) in str(err.value)


def test_terms_carry_the_voice_layer_and_source(parsed, tables):
    hits = tables["terms"]
    assert set(hits["voice"]) <= set(VOICES)
    assert {"source_text", "source_actor", "source_side"} <= set(hits.columns)
    # Erdogan's words: “Azerbaijan's saving its lands from occupation ...”
    quoted = hits[(hits.outlet == MT) & (hits.text == "occupation")]
    assert len(quoted) and set(quoted["voice"]) == {"direct_quote"}
    assert set(quoted["source_actor"]) == {"turkey"}
    # the Azerbaijani ministry's "provocations", Aliyev's "destroy": sources' words
    prov = hits[(hits.outlet == MT) & (hits.text == "provocations")]
    assert len(prov) and set(prov["source_actor"]) == {"azerbaijan"}
    assert set(prov["voice"]) == {"direct_quote"}
    destroy = hits[(hits.outlet == ASBAREZ) & (hits.text == "destroy")]
    assert len(destroy) and set(destroy["voice"]) == {"direct_quote"}
    # the outlet's own narration
    own = hits[(hits.outlet == MT) & (hits.text == "rout")]
    assert len(own) and set(own["voice"]) == {"outlet"}
    assert own["source_actor"].isna().all()
    for name in ("actor_labels", "place_names"):
        assert set(tables[name]["voice"]) <= set(VOICES), name


def test_findings_say_outlet_says_and_outlet_quotes_apart(parsed, tables):
    texts = [f.text for f in terms.findings(tables, parsed.incident)]
    own = [t for t in texts if "in its own words" in t]
    carried = [t for t in texts if " quotes " in t or " reports " in t]
    # the issue's examples are the sources' words, never the outlet's own labels
    for word in ("provocations", "occupation", "destroy"):
        assert not any(f"“{word}”" in t for t in own), word
        assert any(f"“{word}”" in t for t in carried), word
    assert any(t.startswith(f"{MT} quotes The Azerbaijani Defence Ministry saying ")
               and "“provocations”" in t for t in carried)
    assert any(t.startswith(f"{MT} quotes ") and "Turkey" in t and "“occupation”" in t
               for t in carried)
    # "... wounds of “varying degrees,” added the Army": the Army's words, not a scare quote
    assert not any("varying degrees" in t and "of its own" in t for t in texts)
    found = [f for f in terms.findings(tables, parsed.incident) if " quotes " in f.text]
    assert all(len(f.evidence) and {"article_id", "sent_id"} <= set(f.evidence.columns)
               for f in found)
    prof = terms.profile(tables, parsed.incident)
    assert "occupation" in prof.at["Loaded words it quotes (source: words)", MT]
    assert "occupation" not in prof.at["Delegitimising label", MT]




def test_a_word_inside_a_name_is_not_loaded(nlp):
    from framing.terms.senses import plain_sense

    doc = nlp("These are the first casualties in a skirmish with the People’s Liberation Army "
              "since 1975, and they fought for liberation.")
    liberation = [t for t in doc if t.lower_ == "liberation"]
    assert plain_sense(liberation[0]).startswith("part of the name")
    assert plain_sense(liberation[1]) is None


def test_a_short_form_of_a_place_name_is_no_naming_choice():
    import pandas as pd

    from framing.terms.summary import full_forms

    forms = full_forms(pd.Series(["Kenosha County Courthouse", "courthouse", "county courthouse",
                                  "Artsakh", "Nagorno-Karabakh", "Karabakh"]))
    assert forms["courthouse"] == forms["county courthouse"] == "Kenosha County Courthouse"
    assert forms["Karabakh"] == "Nagorno-Karabakh"
    assert forms["Artsakh"] == "Artsakh"  # another name, a naming choice
    more = full_forms(pd.Series(["Ladakh", "eastern Ladakh", "Ladakh region", "LAC",
                                 "Line of Actual Control"]))
    assert more["Ladakh"] == more["eastern Ladakh"] == more["Ladakh region"]
    assert more["LAC"] == "Line of Actual Control"  # initials


def test_naming_counts_a_word_whatever_its_case(make_incident):
    """"Separatists" opening a sentence and "separatists" are one naming choice."""
    from conftest import INCIDENT_YML

    from framing.analyze import run_analysis
    from framing.core.corpus import load_incident

    yml = INCIDENT_YML.replace("    demonyms: [Armenian]",
                               "    aliases: [separatists]\n    demonyms: [Armenian]")
    folder = make_incident({
        "a.md": article_md(outlet="Outlet A", body="Separatists fired on Friday. The "
                           "separatists denied it. Separatists fired again on Saturday."),
        "b.md": article_md(outlet="Outlet B", body="Armenia fired on Friday. Armenia "
                           "denied it on Saturday.")}, yml)
    parsed = prepare(load_incident(folder))
    texts = [f.text for f in terms.findings(run_analysis(parsed, "terms", use_cache=False),
                                            parsed.incident)]
    named = [t for t in texts if "is most often called" in t]
    assert named == ["Armenia is most often called “separatists” in Outlet A 3×; "
                     "“Armenia” in Outlet B 2×."]
