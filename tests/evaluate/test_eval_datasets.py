"""Dataset readers: the rows they return and the file and line of a malformed row."""

from __future__ import annotations

import json

import pytest

from framing.evaluate.datasets import MalformedRow, csv_record_lines
from framing.evaluate.datasets.alignments import load_gold
from framing.evaluate.datasets.babe import read_babe
from framing.evaluate.datasets.entities import load_semeval
from framing.evaluate.datasets.newsmtsc import read_newsmtsc, read_targets
from framing.evaluate.datasets.ptc import read_labels, read_ptc
from framing.evaluate.datasets.wikievents import load_wikievents

BABE_HEAD = "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"


def _babe(tmp_path, rows: list[str]):
    path = tmp_path / "babe.csv"
    path.write_text(BABE_HEAD + "".join(rows), encoding="utf-8-sig")
    return path


def test_babe_rows_and_marked_words(tmp_path):
    path = _babe(tmp_path, [
        '"A ""vicious""\nattack.";x;o;t;left;Biased;Opinion;"[\'Vicious\']"\n',
        "Calm text.;x;o;t;left;Non-biased;Factual;[]\n",
        "Unlabelled.;x;o;t;left;No agreement;Factual;[]\n",
    ])
    frame = read_babe(path)
    assert len(frame) == 2 and frame.gold_words.tolist() == [{"vicious"}, set()]


def test_babe_names_the_line_of_a_malformed_row(tmp_path):
    path = _babe(tmp_path, [
        '"Two\nlines.";x;o;t;left;Biased;Opinion;"[\'two\']"\n',  # lines 2-3
        "Bad list.;x;o;t;left;Biased;Opinion;['unclosed\n",  # line 4
    ])
    assert csv_record_lines(path, ";", "utf-8-sig") == [2, 4]
    with pytest.raises(MalformedRow, match=r"babe.csv: line 4: biased_words"):
        read_babe(path)


def test_ptc_labels_and_a_malformed_one(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "article7.txt").write_text("Evil regime\nlies.", encoding="utf-8")
    labels = tmp_path / "task2-TC.labels"
    labels.write_text("7\tLoaded_Language\t0\t4\n7\tDoubt\t5\t11\n8\tName_Calling,Labeling\t"
                      "0\t3\n", encoding="utf-8")
    texts, gold = read_ptc(tmp_path)
    assert texts == {"7": "Evil regime\nlies."}
    assert gold.to_dict("records") == [{"article": "7", "technique": "Loaded_Language",
                                        "start": 0, "end": 4}]
    labels.write_text("7\tLoaded_Language\t0\t4\n7\tDoubt\t5\n", encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"task2-TC.labels: line 2: 3 tab-separated"):
        read_labels(labels)


def test_newsmtsc_names_the_line_of_an_unknown_polarity(tmp_path):
    path = tmp_path / "dev.jsonl"
    good = {"sentence_normalized": "Smith won.", "targets": [{"from": 0, "to": 5,
                                                              "polarity": 6.0}]}
    bad = {"sentence_normalized": "Jones lost.", "targets": [{"from": 0, "to": 5,
                                                              "polarity": 3.0}]}
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"dev.jsonl: line 3: polarity 3.0"):
        read_newsmtsc(path)
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert read_targets(path) == (["Smith won."], [(0, 5)], ["positive"])


def test_wikievents_names_the_line_of_a_broken_document(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text('{"doc_id": "d1", "sentences": [], "entity_mentions": [], '
                    '"event_mentions": []}\n{"doc_id": "d2"}\n', encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"dev.jsonl: line 2: not a WikiEvents document"):
        load_wikievents(path)
    path.write_text('{"doc_id": "d1", "sentences": [], "entity_mentions": [], '
                    '"event_mentions": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"line 2: invalid JSON"):
        load_wikievents(path)


def test_semeval_names_the_line_of_a_short_row(tmp_path):
    (tmp_path / "raw-documents").mkdir()
    (tmp_path / "raw-documents" / "EN_1.txt").write_text("Bill Gates lied.", encoding="utf-8")
    ann = tmp_path / "subtask-1-annotations.txt"
    ann.write_text("EN_1.txt\tBill Gates\t0\t9\tAntagonist\tDeceiver\r\n", encoding="utf-8")
    items, texts = load_semeval(tmp_path)
    assert items[0].surfaces == ["Bill Gates", "Gates"] and items[0].anchor == (0, 10)
    ann.write_text("EN_1.txt\tBill Gates\t0\t9\tAntagonist\r\nEN_1.txt\tGates\t5\r\n",
                   encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"line 2: 3 tab-separated fields"):
        load_semeval(tmp_path)


def test_gold_pairs_name_the_line_of_a_bad_label(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("event,article_a,sent_a,article_b,sent_b,same_fact\n"
                    "e,a,1,b,2,1\ne,a,2,b,3,yes\n", encoding="utf-8")
    with pytest.raises(MalformedRow, match=r"gold.csv: line 3: same_fact 'yes' is not 0 or 1"):
        load_gold(path)
    path.write_text("event,article_a,sent_a,article_b,sent_b,same_fact\ne,a,1,b,2,1\n",
                    encoding="utf-8")
    gold = load_gold(tmp_path)
    assert gold.source.tolist() == ["candidate"] and gold.file.tolist() == ["gold.csv"]
