"""Per-article measures for the outlet profile, read off the analyses' tables as the
incident's own pages define them."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.core.actors import Actor
from framing.core.corpus import Article, Incident
from framing.incidents.measures import article_measures, consensus_facts, who_casts


def _incident() -> Incident:
    actors = [Actor("north", "Northland", "north"), Actor("south", "Southland", "south")]
    articles = [Article(id=i, outlet=o, title="t", text="x") for i, o in
                (("a1", "A"), ("b1", "B"), ("c1", "C"))]
    return Incident("war", "War", None, "", actors, articles)


def _tables() -> dict[str, dict[str, pd.DataFrame]]:
    terms = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "a1", "b1"],
        "start": [0, 0, 10, 20, 0], "end": [5, 5, 15, 25, 5],
        "voice": ["outlet", "outlet", "direct_quote", "outlet", "outlet"],
        # the same span in two project categories counts twice; valence words never
        "category": ["conflict intensifier", "hedge", "conflict intensifier", "valence",
                     "hedge"]})
    events = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "a1", "b1"],
        "negated": [False, False, True, False, False],
        "asserted_by": ["outlet", "outlet", "outlet", "north", "outlet"],
        "agent_text": [None, "troops", None, None, "army"]})
    voice = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "b1", "c1"],
        "source_side": ["narrator", "north", "south", "unresolved", "north"],
        "words": [10, 30, 10, 20, 40], "quoted_words": [0, 15, 0, 0, 0]})
    claims = pd.DataFrame({
        "article_id": ["a1", "a1", "b1", "c1", "c1", "b1"],
        "outlet": ["A", "A", "B", "C", "C", "B"],
        "fact_id": [1, 2, 1, 1, 3, 3],
        "status": ["all", "exclusive", "all", "all", "several", "several"]})
    mentions = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "b1"],
        "role": ["villain", "villain", "victim", "villain"],
        "side": ["north", "south", "south", "south"]})
    return {"terms": {"terms": terms}, "blame": {"events": events, "voice": voice},
            "coverage": {"claims": claims}, "portrayal": {"mentions": mentions}}


def _measures() -> pd.DataFrame:
    articles = pd.DataFrame({"article_id": ["a1", "b1", "c1"], "outlet": ["A", "B", "C"],
                             "words": [500, 250, 100]})
    m = article_measures("war", _incident(), articles, _tables())
    return m.set_index(["article_id", "measure", "side"])


def test_loaded_terms_in_own_voice_per_1000_words():
    m = _measures()
    assert m.loc[("a1", "loaded_per_1000", ""), "value"] == pytest.approx(4.0)  # 2 in 500
    assert m.loc[("a1", "loaded_per_1000", ""), "weight"] == 500
    assert m.loc[("c1", "loaded_per_1000", ""), "value"] == 0.0


def test_agentless_harm_counts_the_outlets_own_words_not_negated():
    m = _measures()
    assert m.loc[("a1", "agentless_harm", ""), "value"] == pytest.approx(0.5)  # 1 of 2
    assert m.loc[("a1", "agentless_harm", ""), "weight"] == 2
    assert ("c1", "agentless_harm", "") not in m.index  # no harm event: no value


def test_quotes_claims_and_facts():
    m = _measures()
    assert m.loc[("a1", "quoted_share", ""), "value"] == pytest.approx(15 / 50)
    assert m.loc[("a1", "exclusive_share", ""), "value"] == pytest.approx(0.5)
    # fact 3 is reported by B and C, left out by A; fact 1 by everyone
    assert m.loc[("a1", "omitted_share", ""), "value"] == pytest.approx(0.5)
    assert m.loc[("b1", "omitted_share", ""), "value"] == 0.0


def test_side_shares_of_castings_and_of_sourced_words():
    m = _measures()
    assert m.loc[("a1", "villain_share", "north"), "value"] == pytest.approx(0.5)
    assert m.loc[("a1", "villain_share", "south"), "weight"] == 2
    assert m.loc[("b1", "villain_share", "south"), "value"] == 1.0
    assert ("c1", "villain_share", "north") not in m.index  # no casting, no row
    # narrator and unresolved sources are not sides
    assert m.loc[("a1", "voice_share", "north"), "value"] == pytest.approx(0.75)
    assert ("b1", "voice_share", "north") not in m.index


def test_consensus_facts_need_three_outlets():
    claims = _tables()["coverage"]["claims"]
    facts = consensus_facts(claims, ["A", "B", "C"])
    assert set(map(tuple, facts[facts.omitted].to_numpy()[:, :2])) == {("A", 3)}
    assert consensus_facts(claims, ["A", "B"]).empty


def test_who_casts_in_words():
    inc = _incident()
    assert who_casts("outlet", inc) == "the outlet itself"
    assert who_casts("north", inc) == "Northland"
    assert who_casts("other", inc) == "a source not in incident.yml"


def test_proposed_sides_are_not_trusted_unless_asked():
    """An incident whose actors were proposed and not reviewed: no side-based rows (its
    other measures stay), unless the caller asks for proposed sides."""
    from framing.incidents.profile import incident_tables

    articles = pd.DataFrame({"article_id": ["a1", "b1", "c1"], "outlet": ["A", "B", "C"],
                             "words": [500, 250, 100]})
    sentences = pd.DataFrame({"article_id": ["a1"], "sent_id": [0], "start": [0],
                              "end": [1], "text": ["x"]})
    tables = _tables()
    tables["blame"]["events"] = tables["blame"]["events"].assign(
        trigger="hit", trigger_start=0, trigger_end=1, voice="agentless_passive", sent_id=0,
        outlet="A", start=0, end=1)
    for name in ("voice",):
        tables["blame"][name] = tables["blame"][name].assign(
            sent_id=0, outlet="A", start=0, end=1, sentence="x", source_text=None)
    tables["terms"]["terms"] = tables["terms"]["terms"].assign(sent_id=0, outlet="A",
                                                               text="x")
    tables["coverage"]["exclusive"] = pd.DataFrame(columns=["claim_id"])
    tables["coverage"]["claims"] = tables["coverage"]["claims"].assign(
        sent_id=0, start=0, end=1, claim_id=range(6), n_outlets=1, position=0.0)
    tables["portrayal"]["mentions"] = tables["portrayal"]["mentions"].assign(
        sent_id=0, outlet="A", start=0, end=1, actor_id="north", role_cue="hit",
        role_asserted_by="outlet")
    kept = incident_tables(_incident(), articles, sentences, tables, reviewed=False)
    assert not kept["measures"]["measure"].isin(["villain_share", "voice_share"]).any()
    assert "loaded_per_1000" in set(kept["measures"]["measure"])
    assert not kept["evidence"]["measure"].isin(["villain_share"]).any()
    asked = incident_tables(_incident(), articles, sentences, tables, reviewed=False,
                            proposed_sides=True)
    assert "villain_share" in set(asked["measures"]["measure"])
