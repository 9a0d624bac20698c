"""The command line: validation errors, analysis tables as CSV, evaluation registry."""

from __future__ import annotations

import pandas as pd
from conftest import article_md

from framing.cli import main
from framing.evaluate import TASKS


def test_validate_ok_and_error(sample_path, make_incident, capsys):
    assert main(["validate", str(sample_path)]) == 0
    assert "2 articles from 2 outlets" in capsys.readouterr().out
    bad = make_incident({"x.md": article_md(outlet="''")})
    assert main(["validate", str(bad)]) == 2
    assert "x.md: field 'outlet': missing or empty" in capsys.readouterr().err


def test_analyze_writes_documented_tables(sample_path, tmp_path):
    out = tmp_path / "tables"
    assert main(["analyze", str(sample_path), "--out", str(out), "--only", "overview"]) == 0
    sentences = pd.read_csv(out / "overview__sentences.csv")
    assert {"article_id", "outlet", "sent_id", "start", "end", "text"} <= set(sentences.columns)
    assert sentences.outlet.nunique() == 2
    doc = (out / "tables.md").read_text(encoding="utf-8")
    assert "## overview__mentions.csv" in doc and "| sent_id |" in doc


def test_every_evaluation_task_is_registered_and_measures_a_declared_analysis():
    assert {"biased-words", "loaded-spans", "roles", "entity-roles", "target-sentiment",
            "coverage", "voice", "validation"} <= set(TASKS)
    from framing.analyses import ANALYSES

    declared = {t for a in ANALYSES for t in a.tasks}
    assert declared == set(TASKS)
    assert {task.analysis for task in TASKS.values()} == {"terms", "blame", "sentiment",
                                                          "coverage"}


def test_analyze_passes_the_sentiment_backend(sample_path, tmp_path):
    out = tmp_path / "vader"
    assert main(["analyze", str(sample_path), "--out", str(out), "--only", "sentiment",
                 "--sentiment-model", "vader"]) == 0
    by_side = pd.read_csv(out / "sentiment__by_side.csv")
    assert {"Asbarez", "The Moscow Times"} <= set(by_side.outlet)


def test_unavailable_sentiment_model_fails_fast(sample_path, tmp_path, capsys):
    code = main(["analyze", str(sample_path), "--out", str(tmp_path / "x"), "--only",
                 "sentiment", "--sentiment-model", "no-such-org/no-such-model"])
    assert code == 1
    assert "no-such-org/no-such-model" in capsys.readouterr().err


def test_table_cache_key_names_the_parser(parsed):
    from dataclasses import replace

    from framing.analyze import _incident_key

    assert parsed.spacy_model.endswith("3.8.0")
    other = replace(parsed, spacy_model="en_core_web_trf-3.8.0")
    assert _incident_key(other) != _incident_key(parsed)  # another parser never hits
