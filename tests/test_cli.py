"""The command line: validation errors, analysis tables as CSV, evaluation registry."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import article_md

from framing.cli import main
from framing.evaluate import TASKS


def test_validate_ok_and_error(sample_path, make_incident, capsys):
    assert main(["validate", str(sample_path)]) == 0
    assert "2 articles from 2 outlets" in capsys.readouterr().out
    bad = make_incident({"x.md": article_md(outlet="''")})
    assert main(["validate", str(bad)]) == 2
    assert "x.md: field 'outlet': missing or empty" in capsys.readouterr().err


def test_validate_warns_about_what_the_report_cannot_compare(make_incident, capsys):
    folder = make_incident({"a.md": article_md(lang="fr")})
    assert main(["validate", str(folder)]) == 0  # valid: the warnings do not block
    out = capsys.readouterr().out
    assert "warning: Only one outlet (Outlet A)" in out
    assert "warning: Not in English: articles/a.md (Outlet A; declared lang: fr)" in out
    assert "warning: Very short articles" in out


def test_impossible_date_is_an_error_naming_file_and_field(make_incident, capsys):
    folder = make_incident({"x.md": article_md(published="2026-13-45")})
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "x.md: field 'published': impossible date '2026-13-45': month must be in 1..12" in err


def test_report_help_calls_out_the_output_folder(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "the pages of one incident go in DIR itself" in " ".join(
        capsys.readouterr().out.split())


@pytest.mark.slow
def test_report_out_is_the_output_folder(sample_path, tmp_path, capsys):
    out = tmp_path / "my-report"
    assert main(["report", str(sample_path), "--out", str(out), "--notebooks", "01"]) == 0
    assert (out / "index.html").exists() and (out / "01_overview.html").exists()
    assert not (out / "karabakh-ceasefire-2020-12").exists()
    assert f"report written: {out / 'index.html'}" in capsys.readouterr().out


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
            "coverage", "voice", "validation", "portrayal-roles"} <= set(TASKS)
    from framing.analyses import ANALYSES

    declared = {t for a in ANALYSES for t in a.tasks}
    # the multi-incident steps (issue 19) are no analysis of the registry: they say so
    assert declared | {t.name for t in TASKS.values() if t.measures} == set(TASKS)
    assert {task.analysis for task in TASKS.values()} == {"terms", "blame", "sentiment",
                                                          "coverage", "portrayal", "incidents"}


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
