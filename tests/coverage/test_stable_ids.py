"""Claim and fact ids come from stable keys (article id, character span), not row order: the
same articles read in another order (a corpus store, a cluster, renamed files) give the same
ids and the same coverage tables."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from framing import coverage
from framing.analyze import run_analysis
from framing.core.pipeline import prepare
from framing.coverage.claims import CLAIM_ORDER


@pytest.fixture(scope="module")
def blame_tables(parsed):
    return run_analysis(parsed, "blame")


@pytest.fixture(scope="module")
def tables(parsed, blame_tables):
    return coverage.tables(parsed, blame=blame_tables)


def test_claims_are_numbered_in_stable_key_order(tables):
    claims = tables["claims"]
    assert len(claims) > 20 and claims["fact_id"].nunique() > 10
    assert claims["claim_id"].tolist() == list(range(len(claims)))
    order = claims.sort_values(CLAIM_ORDER)
    assert order["claim_id"].tolist() == claims["claim_id"].tolist()
    # a fact's id is its first claim's rank among the facts' first claims
    firsts = claims.groupby("fact_id")["claim_id"].min()
    assert firsts.is_monotonic_increasing


def test_shuffled_rows_give_the_same_ids_and_tables(parsed, blame_tables, tables):
    """Every input frame in another row order (articles interleaved, sentences out of
    order): every coverage table is identical, row for row."""
    def shuffle(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
        return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)

    shuffled = dataclasses.replace(parsed, sentences=shuffle(parsed.sentences, 1),
                                   mentions=shuffle(parsed.mentions, 2))
    blame = {name: shuffle(frame, 3) for name, frame in blame_tables.items()}
    again = coverage.tables(shuffled, blame=blame)
    assert set(again) == set(tables)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(again[name], frame, obj=name)


def test_articles_in_reverse_order_give_the_same_ids_and_tables(parsed, tables):
    """The incident with its articles in the other order, analysed from the start: the same
    claim and fact ids; only the outlets' order (first article first) differs, so the
    coverage matrix is compared fact by fact, outlet by outlet."""
    articles = parsed.incident.articles
    incident = dataclasses.replace(parsed.incident, articles=articles[::-1])
    assert incident.outlets != parsed.incident.outlets
    reversed_ = prepare(incident)
    again = coverage.tables(reversed_, blame=run_analysis(reversed_, "blame"))
    for name in ("claims", "links", "exclusive", "omitted", "emphasis", "conflicts"):
        pd.testing.assert_frame_equal(again[name], tables[name], obj=name)

    def by_cell(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.sort_values(["fact_id", "outlet"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(by_cell(again["coverage"]), by_cell(tables["coverage"]))
