"""`framing evaluate` tasks: options checked like scikit-learn parameters, per-task help."""

from __future__ import annotations

import pytest

from framing import analyses
from framing.cli import main
from framing.evaluate import TASKS, OptionError, run
from framing.evaluate.tasks import Option, arg_docs


def test_a_misspelled_option_fails_naming_the_valid_ones(capsys):
    assert main(["evaluate", "target-sentiment", "-o", "backend=vader"]) == 1
    err = capsys.readouterr().err
    assert "unknown option 'backend'" in err
    assert "did you mean 'sentiment_model'" in err
    for name in ("sentiment_model", "also", "sentence_level"):
        assert name in err


@pytest.mark.parametrize("task", list(TASKS))
def test_every_task_rejects_unknown_options(task):
    spec = TASKS[task]
    with pytest.raises(OptionError) as info:
        spec.check({"no_such_option": "1"})
    message = str(info.value)
    assert f"for {task}" in message
    assert all(name in message for name in spec.options)


@pytest.mark.parametrize("task", list(TASKS))
def test_every_option_is_typed_and_described(task):
    spec = TASKS[task]
    assert spec.options, f"{task} takes no options"
    for option in spec.options.values():
        assert option.kind in ("bool", "int", "float", "list", "str")
        assert option.help, f"{task}: option {option.name} lacks an Args: description"
    # the defaults survive their own round trip through -o text
    for option in spec.options.values():
        if option.default is not None:
            shown = option.shown_default.replace("(empty)", "")
            expected = list(option.default) if option.kind == "list" else option.default
            assert option.parse(shown) == expected


def test_one_name_per_concept():
    assert "sentiment_model" in TASKS["target-sentiment"].options
    assert "coverage_model" in TASKS["coverage"].options
    assert "spacy_model" in TASKS["roles"].options and "spacy_model" in TASKS[
        "entity-roles"].options
    for old, new, task in (("backends", "sentiment_model", "target-sentiment"),
                           ("cross_encoder", "coverage_model", "coverage")):
        with pytest.raises(OptionError, match=f"did you mean '{new}'"):
            TASKS[task].check({old: "x"})
    with pytest.raises(OptionError, match="did you mean 'spacy_model'"):
        TASKS["roles"].check({"spacymodel": "x"})


def test_each_task_measures_an_analysis_that_lists_it():
    for task in TASKS.values():
        if task.measures:  # a multi-incident step (issue 19), no analysis of the registry
            assert task.analysis == task.measures
            continue
        assert task.name in analyses.get(task.analysis).tasks


def test_values_from_the_command_line_take_the_option_type():
    check = TASKS["target-sentiment"].check
    assert check({"sentiment_model": "vader, default,"}) == {"sentiment_model": ["vader",
                                                                                  "default"]}
    assert check({"sentence_level": "false"}) == {"sentence_level": False}
    assert check({"sentence_level": "Yes"}) == {"sentence_level": True}
    assert check({"also": ""}) == {"also": []}
    assert check({"also": "none"}) == {"also": None}
    assert check({"sentiment_model": ("vader",)}) == {"sentiment_model": ["vader"]}
    assert TASKS["coverage"].check({"coverage_model": "none", "cv": False}) == {
        "coverage_model": None, "cv": False}
    with pytest.raises(OptionError, match="'sentence_level' takes true or false, not 'maybe'"):
        check({"sentence_level": "maybe"})
    with pytest.raises(OptionError, match="takes true or false"):
        check({"sentence_level": 1})
    number = Option("n", "int", 3, "how many")
    assert number.parse("12") == 12
    with pytest.raises(OptionError, match="takes an integer"):
        number.parse("1.5")
    assert Option("t", "float", 0.5, "threshold").parse("0.25") == 0.25


def test_unknown_options_fail_before_any_data_is_read(tmp_path):
    with pytest.raises(OptionError):
        run("roles", tmp_path / "missing.jsonl", spacymodel="x")
    with pytest.raises(FileNotFoundError):
        run("roles", tmp_path / "missing.jsonl", spacy_model="x")


def test_help_shows_a_tasks_options_and_default_data(capsys):
    assert main(["evaluate", "target-sentiment", "--help"]) == 0
    out = capsys.readouterr().out
    assert "default data:  ../shared/eval/newsmtsc/dev_rw.jsonl" in out
    assert "sentiment_model=vader,default" in out and "sentence_level=true" in out
    assert "bench/results/target-sentiment.json" in out
    assert main(["evaluate", "--help", "coverage"]) == 0
    out = capsys.readouterr().out
    assert "default data:  data/alignments" in out and "coverage_model=none" in out
    assert "Hugging Face cross-encoder" in out and "``" not in out


def test_evaluate_help_without_a_task_lists_the_tasks(capsys):
    assert main(["evaluate", "--help"]) == 0
    out = capsys.readouterr().out
    for task in TASKS.values():
        assert task.name in out
    with pytest.raises(SystemExit) as info:
        main(["evaluate"])
    assert info.value.code == 2


def test_an_option_without_a_value_is_an_error(capsys):
    assert main(["evaluate", "roles", "-o", "details"]) == 1
    assert "-o takes NAME=VALUE" in capsys.readouterr().err


def test_docstring_args_are_read_with_continuation_lines():
    doc = """Do it.

    Args:
        data: the file.
        lexicon: extra files,
            one per line.
        flag (bool): a switch.

    Returns:
        a dict.
    """
    assert arg_docs(doc) == {"data": "the file.", "lexicon": "extra files, one per line.",
                             "flag": "a switch."}
