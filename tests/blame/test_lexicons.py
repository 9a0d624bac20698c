"""The blame word lists load from their TSV files, and a malformed row names file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.blame import lexicons
from framing.blame.lexicons import EVENT_KINDS, TRIGGER_FORMS, read_rows

TRIGGER_COLUMNS = {"form": TRIGGER_FORMS, "kind": EVENT_KINDS}


def test_packaged_lexicons_load():
    assert lexicons.VERB_TRIGGERS["attack"] == "attack"
    assert lexicons.NOUN_TRIGGERS["fighting"] == "clash"
    assert lexicons.ADJ_TRIGGERS == {"dead": "die"}
    assert "launch" in lexicons.LIGHT_VERBS and "bomb" in lexicons.INSTRUMENT_NOUNS
    assert lexicons.BLAME_VERBS["accuse"] == "accusation"
    assert "deny" in lexicons.DENIAL_VERBS and "provocation" in lexicons.BLAME_LABELS
    # file order is kept: the first verbs listed are the attack verbs
    assert list(lexicons.VERB_TRIGGERS)[:3] == ["attack", "assault", "shell"]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "triggers.tsv"
    path.write_text("# a comment\nlemma\tform\tkind\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, message", [
    ("attack\tverb\n", ":3: 2 tab-separated fields"),
    ("attack\tverb\tattack\nmaul\tverb\tbite\n", ":4: kind 'bite' is not one of"),
    ("attack\tverbs\tattack\n", ":3: form 'verbs'"),
    ("\tverb\tattack\n", ":3: empty lemma"),
    ("attack\tverb\tattack\n\nattack\tverb\tattack\n", ":5: repeats line 3"),
])
def test_malformed_row_names_file_and_line(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(ValueError, match=message) as err:
        list(read_rows(path, TRIGGER_COLUMNS))
    assert str(path) in str(err.value)


def test_wrong_header(tmp_path):
    path = tmp_path / "triggers.tsv"
    path.write_text("lemma\tkind\nattack\tattack\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":1: header must be"):
        list(read_rows(path, TRIGGER_COLUMNS))
