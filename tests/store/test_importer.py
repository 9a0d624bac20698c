"""framing corpus import: every source type, de-duplication, every bad row named."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.cli import main
from framing.store.dataset import CorpusStore
from framing.store.identity import article_id, article_key, url_key
from framing.store.importer import import_sources

BODY = "Azerbaijan and Armenia exchanged fire on Friday near Hadrut, officials said."


def _jsonl(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def test_incident_folder_partitioned_by_date_and_outlet_with_stable_ids(tmp_path, sample_path):
    store = CorpusStore(tmp_path / "store")
    report = import_sources([sample_path], store, progress=False)
    assert len(report.imported) == 2 and not report.rejected and report.report is None
    frame = store.articles()
    assert set(frame.source_id) == {"asbarez-199152", "moscowtimes-a7233"}
    assert set(frame.incident) == {"karabakh-ceasefire-2020-12"}
    for row in frame.itertuples():
        assert row.id == article_id(article_key(row.outlet_name, f"{row.title}\n\n{row.text}"))
    folders = {p.parent.relative_to(store.articles_dir).as_posix() for p in store.parts}
    assert "date=2020-12-12/outlet=asbarez" in folders
    again = import_sources([sample_path], store, progress=False)  # nothing new, nothing lost
    assert not again.imported and len(again.duplicates) == 2 and not again.rejected
    assert "same article as stored article" in again.duplicates[0]["reason"]
    assert len(store.articles()) == 2 and again.report.exists()


def test_bad_rows_are_rejected_by_file_and_line_and_good_rows_kept(tmp_path):
    src = _jsonl(tmp_path / "feed.jsonl", [
        {"outlet": "A", "title": "One", "text": BODY, "url": "https://www.a.org/one/"},
        "{not json",
        {"title": "No outlet", "text": BODY},
        {"outlet": "A", "title": "Copy", "text": BODY + " More.",
         "url": "http://a.org/one?utm_source=x#top"},           # same URL as line 1
        {"outlet": "A", "title": "Again", "text": BODY.upper()},  # same outlet and text
        {"outlet": "B", "title": "Wire", "text": BODY},           # a wire copy: kept
        {"outlet": "A", "title": "Bad date", "text": BODY + "!", "published": "2020-13-45"},
    ])
    store = CorpusStore(tmp_path / "store")
    report = import_sources([src], store, progress=False)
    assert len(report.imported) == 2 == len(store.articles())
    reasons = {(r["line"], r["reason"].split(":")[0]) for r in report.rejected}
    assert reasons == {(2, "invalid JSON"), (3, "missing or empty"),
                       (7, "impossible date '2020-13-45'")}
    dups = {r["line"]: r["reason"] for r in report.duplicates}
    assert "same URL as" in dups[4] and "feed.jsonl line 1" in dups[4]
    assert "same outlet and text" in dups[5]
    written = pd.read_csv(report.report)
    assert len(written) == 5 and set(written.kind) == {"rejected", "duplicate"}
    assert len(report.imported) + len(written) == 7  # every row accounted for


def test_csv_with_multiline_text_keeps_line_numbers(tmp_path):
    src = tmp_path / "rows.csv"
    src.write_text('outlet,title,text\nA,One,"First paragraph.\n\nSecond paragraph."\n'
                   'B,,"Missing title"\nC,Three,"' + BODY + '"\n', encoding="utf-8")
    report = import_sources([src], CorpusStore(tmp_path / "s"), progress=False)
    assert len(report.imported) == 2
    assert [(r["line"], r["where"]) for r in report.rejected] == [(5, "line 5: field 'title'")]


def test_media_cloud_and_gdelt_exports(tmp_path):
    mc = tmp_path / "mediacloud.csv"
    pd.DataFrame({"stories_id": [11, 12], "publish_date": ["2020-12-12 10:15:00", "2020-12-13"],
                  "title": ["Clash in Karabakh", "Listed only"],
                  "url": ["https://x.am/1", "https://x.am/2"], "language": ["en", "en"],
                  "media_name": ["X News", "X News"], "media_url": ["x.am", "x.am"],
                  "text": [BODY, ""]}).to_csv(mc, index=False)
    gdelt = tmp_path / "gdelt.csv"
    pd.DataFrame({"URL": ["https://y.ru/a"], "Title": ["Truce breached"],
                  "seendate": ["20201212T101500Z"], "domain": ["y.ru"],
                  "Language": ["English"], "Text": [BODY + " Moscow said."]}).to_csv(gdelt,
                                                                                      index=False)
    store = CorpusStore(tmp_path / "s")
    report = import_sources([mc, gdelt], store, progress=False)
    assert len(report.imported) == 2
    assert [(r["line"], r["reason"][:15]) for r in report.rejected] == [(3, "no article text")]
    frame = store.articles().set_index("outlet_name")
    assert frame.loc["X News", "published"] == "2020-12-12"
    assert frame.loc["X News", "source_id"] == "11" and frame.loc["X News", "lang"] == "en"
    assert frame.loc["y.ru", "published"] == "2020-12-12"
    assert frame.loc["y.ru", "url_key"] == url_key("https://y.ru/a")


def test_saved_html_and_unknown_header(tmp_path):
    from tests.core.test_corpus import SAVED_PAGE

    (tmp_path / "page.html").write_text(SAVED_PAGE, encoding="utf-8")
    (tmp_path / "odd.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    report = import_sources([tmp_path], CorpusStore(tmp_path / "s"), progress=False)
    assert len(report.imported) == 1
    assert [r["file"].endswith("odd.csv") for r in report.rejected] == [True]
    assert "neither the article fields" in report.rejected[0]["reason"]


def test_cli_import_reports_rejections_and_refuses_unknown_options(tmp_path, capsys):
    src = _jsonl(tmp_path / "f.jsonl", [{"outlet": "A", "title": "T", "text": BODY}, "[1]"])
    assert main(["corpus", "import", str(src), "--store", str(tmp_path / "s")]) == 1
    captured = capsys.readouterr()
    assert "f.jsonl: line 2: expected a JSON object" in captured.err
    assert "imported 1 article(s)" in captured.out
    assert main(["corpus", "query", "--store", str(tmp_path / "s"),
                 "SELECT count(*) AS n FROM articles"]) == 0
    assert capsys.readouterr().out.split() == ["n", "1"]
    with pytest.raises(SystemExit) as exit_:
        main(["corpus", "import", str(src), "--store", str(tmp_path / "s"), "--bogus"])
    assert exit_.value.code == 2
