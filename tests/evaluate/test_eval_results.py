"""The one reader of measured accuracy: committed results as readable rows."""

from __future__ import annotations

import re

import pytest

from framing.evaluate import TASKS, accuracy_table, saved_results
from framing.evaluate.results import COLUMNS, HEADLINES


@pytest.fixture(scope="module")
def saved():
    results = saved_results()
    missing = set(TASKS) - set(results)
    if missing:
        pytest.skip(f"no committed results for {sorted(missing)}")
    return results


def test_every_task_has_a_reader():
    assert set(HEADLINES) == set(TASKS)


def test_rows_for_the_committed_results(saved):
    table = accuracy_table()
    assert list(table.columns) == COLUMNS
    assert set(table.task) == set(TASKS)
    assert table.value.notna().all() and (table.evaluation != "").all()

    def value(task: str, evaluation: str) -> float:
        rows = table[(table.task == task) & table.evaluation.str.startswith(evaluation)]
        assert len(rows) == 1, (task, evaluation, list(table.evaluation))
        return rows.value.iloc[0]

    assert value("roles", "agent of harm") == saved["roles"]["agent"]["f1"]
    assert value("roles", "victim") == saved["roles"]["victim"]["f1"]
    assert value("biased-words", "loaded words") == saved["biased-words"]["summary"][
        "word_f1_learned"]
    assert value("loaded-spans", "Loaded_Language") == saved["loaded-spans"]["summary"][
        "learned_char_f1"]
    sentiment = saved["target-sentiment"]["summary"]
    assert value("target-sentiment", "sentiment toward a marked person, dev_rw") == sentiment[
        "macro_f1"]
    assert value("target-sentiment", "sentiment toward a marked person, dev_mt") == sentiment[
        "dev_mt_macro_f1"]
    entity = saved["entity-roles"]["summary"]
    assert value("entity-roles", "Antagonist vs Innocent") == entity["semeval2025_en.macro_f1"]
    cv = saved["coverage"]["cross_validation"]["cv"]
    assert value("coverage", "same-fact sentence pairs, 9 BASIL events") == cv["pair_f1"]
    # cross-validated figures come before in-sample ones
    coverage = table[table.task == "coverage"].evaluation.tolist()
    assert "leave-one-event-out" in coverage[0] and "(in sample)" in coverage[1]


def test_baselines_are_written_out(saved):
    table = accuracy_table(["roles", "target-sentiment"])
    base = saved["roles"]["baseline_subject_object"]["agent"]["f1"]
    assert table.baseline.iloc[0] == f"subject/object baseline {base:.2f}"
    vader = saved["target-sentiment"]["summary"]["vader_macro_f1"]
    assert f"VADER {vader:.2f}" in table[table.task == "target-sentiment"].baseline.tolist()


def test_order_follows_the_tasks_asked_and_missing_ones_are_left_out(saved):
    table = accuracy_table(["coverage", "roles"], {"roles": saved["roles"]})
    assert set(table.task) == {"roles"}
    assert accuracy_table(["roles"], {}).empty
    with pytest.raises(KeyError, match="no reader"):
        accuracy_table(["no-such-task"])


def test_methods_table_shows_readable_figures(saved):
    """Issue 17: Methods as a table of method, dataset, metric, figure, n and citation,
    with no raw JSON key anywhere."""
    from framing.report.summary import methods_table

    table = methods_table(saved)
    assert list(table.columns) == ["analysis", "method", "dataset", "metric", "figure", "n",
                                   "citation"]
    learned = saved["biased-words"]["summary"]["word_f1_learned"]
    row = table[table.metric == "F1: loaded words, word level"].iloc[0]
    assert row.figure.startswith(f"{learned:.2f} (best lexicon alone ")
    assert row.dataset == "BABE (Spinde et al. 2021)" and row.n == "2,579 sentences"
    text = " ".join(table.astype(str).to_numpy().ravel())
    assert "word_level." not in text and "summary." not in text  # no dumped keys
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", " ".join(table.dataset) + " ".join(table.n))
    assert (table.citation != "").all()


def test_methods_table_says_what_is_not_measured():
    from framing.report.summary import methods_table

    table = methods_table({})
    assert "not measured yet" in set(table.figure)
    assert "descriptive (no gold standard)" in set(table.figure)
