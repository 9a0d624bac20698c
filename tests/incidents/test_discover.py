"""Incident discovery on a hand-written stream: real spaCy NER and the packaged MiniLM."""

from __future__ import annotations

import pytest
import yaml
from incident_stream import write_folders, write_jsonl

from framing.core.corpus import IncidentError
from framing.incidents.discover import DiscoveryParams, discover
from framing.incidents.records import read_records, write_records
from framing.incidents.sources import read_stream


@pytest.fixture
def stream_jsonl(tmp_path):
    """The stream as ``stream.jsonl`` and each article's incident."""
    path = tmp_path / "stream.jsonl"
    return path, write_jsonl(path)


@pytest.fixture
def stream_folders(tmp_path):
    """The stream as a folder of incident folders and each article's incident."""
    root = tmp_path / "corpus"
    return root, write_folders(root)


def _partition(labels, gold):
    return {tuple(sorted(k for k, g in enumerate(gold) if g == name)) for name in set(gold)}, \
        {tuple(sorted(k for k, lab in enumerate(labels) if lab == x)) for x in set(labels)}


def test_two_earthquakes_in_one_week_stay_apart(stream_jsonl):
    path, gold = stream_jsonl
    stream = read_stream(path)
    result = discover(stream.articles)
    expected, found = _partition(list(result.labels), gold)
    assert found == expected
    # the two earthquakes read alike: their articles are compared (same week, 'Indonesia')
    # but the shared names keep them apart
    palu, aceh = {0, 1, 2}, {3, 4}
    across = result.pairs[result.pairs.i.isin(palu) & result.pairs.j.isin(aceh)]
    assert len(across) and across.text.max() > 0.4


def test_without_names_the_same_kind_merges(stream_jsonl):
    """Names are what separates them: comparing every pair (no blocking by names) on text
    alone, the two earthquakes become one incident, the vote stays apart."""
    stream = read_stream(stream_jsonl[0])
    result = discover(stream.articles,
                      DiscoveryParams(entity_weight=0.0, cut=0.5, min_cosine=0.0))
    assert result.labels[0] == result.labels[3]
    assert result.labels[5] != result.labels[0]


def test_time_window_keeps_far_dates_apart(stream_jsonl):
    stream = read_stream(stream_jsonl[0])
    stream.articles[2].published = stream.articles[2].published.replace(month=6)
    result = discover(stream.articles)
    assert result.labels[2] not in (result.labels[0], result.labels[1])
    undated = discover(stream.articles, DiscoveryParams(window_days=None)).labels
    assert undated[2] == undated[0]


def test_records_round_trip_and_review(stream_folders, tmp_path):
    root, given = stream_folders
    stream = read_stream(root)
    assert sorted(stream.given[a.id] for a in stream.articles) == sorted(given)
    assert all(a.id.startswith(f"{stream.given[a.id]}/") for a in stream.articles)
    result = discover(stream.articles)
    paths = write_records(result, tmp_path / "records")
    assert len(paths) == 3
    text = paths[0].read_text(encoding="utf-8")
    assert text.startswith("# Proposed incident 1 of 3")
    assert "shared_entities" in text
    palu = next(p for p in paths if "palu" in p.name).read_text(encoding="utf-8")
    assert "- name: Palu" in palu and "Rusdy Mastura" in palu
    ids = [a.id for a in stream.articles]
    records = read_records(tmp_path / "records", ids)
    assert sorted(sum(records.values(), [])) == sorted(ids)
    with pytest.raises(FileExistsError):
        write_records(result, tmp_path / "records")
    # a reviewer merges two records but forgets to delete the second: named by file
    second = sorted((tmp_path / "records").glob("*.yml"))[1]
    first = sorted((tmp_path / "records").glob("*.yml"))[0]
    data = yaml.safe_load(second.read_text(encoding="utf-8"))
    data_first = yaml.safe_load(first.read_text(encoding="utf-8"))
    data_first["articles"] += data["articles"]
    first.write_text(yaml.safe_dump(data_first), encoding="utf-8")
    with pytest.raises(IncidentError, match="is also in incident"):
        read_records(tmp_path / "records", ids)
    second.unlink()
    merged = read_records(tmp_path / "records", ids)
    assert len(merged) == 2


def test_record_problems_are_named(stream_jsonl, tmp_path):
    stream = read_stream(stream_jsonl[0])
    folder = tmp_path / "records"
    write_records(discover(stream.articles), folder)
    victim = sorted(folder.glob("*.yml"))[-1]
    victim.unlink()
    with pytest.raises(IncidentError, match="is in no record"):
        read_records(folder, [a.id for a in stream.articles])
    (folder / "bad.yml").write_text("slug: x\nartcles: []\n", encoding="utf-8")
    with pytest.raises(IncidentError, match=r"bad.yml: field 'artcles': unknown field"):
        read_records(folder)


def test_bad_input_names_file_and_line(stream_jsonl, tmp_path):
    path = stream_jsonl[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"outlet": "Harbour Post", ', "")
    lines.append('{"id": "a0", "outlet": "X", "title": "Again", "text": "Text."}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(IncidentError) as err:
        read_stream(path)
    message = str(err.value)
    assert "stream.jsonl: line 3: field 'outlet': missing or empty" in message
    assert "duplicate article id 'a0'" in message
    with pytest.raises(FileNotFoundError):
        read_stream(tmp_path / "missing")


def test_params_are_checked():
    with pytest.raises(ValueError, match="entity_weight"):
        DiscoveryParams(entity_weight=1.5)


def test_build_incident_folders_from_records(stream_jsonl, tmp_path, capsys):
    from framing.cli import main
    from framing.core.corpus import load_incident

    path, _gold = stream_jsonl
    assert main(["incidents", "discover", str(path), "--out", str(tmp_path / "rec")]) == 0
    assert "7 articles -> 3 proposed incidents" in capsys.readouterr().out
    assert main(["incidents", "check", str(tmp_path / "rec"), "--src", str(path)]) == 0
    assert main(["incidents", "build", str(tmp_path / "rec"), "--src", str(path),
                 "--out", str(tmp_path / "built")]) == 0
    folders = sorted((tmp_path / "built").iterdir())
    assert len(folders) == 3
    palu = load_incident(next(f for f in folders if "palu" in f.name))
    assert len(palu.articles) == 3 and palu.title.startswith("Quake near Palu")
    assert any(a.name == "Indonesia" for a in palu.actors)


def test_build_writes_no_incident_that_would_not_load(stream_jsonl, tmp_path, capsys):
    """Two AllSides stories shared one URL: build wrote a folder that failed to load. Now
    it names the record and the articles, and writes nothing."""
    import json

    from framing.cli import main

    path, _gold = stream_jsonl
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows[:2]:  # two of the Palu articles, one URL
        row["url"] = "https://example.org/palu-quake"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["incidents", "discover", str(path), "--out", str(tmp_path / "rec")]) == 0
    capsys.readouterr()
    assert main(["incidents", "build", str(tmp_path / "rec"), "--src", str(path),
                 "--out", str(tmp_path / "built")]) == 1
    err = capsys.readouterr().err
    assert "nothing written" in err and "same URL" in err and "record" in err
    assert not (tmp_path / "built").exists()


def test_stream_from_a_corpus_store(stream_folders, tmp_path):
    """Issue 18's corpus store is a source too; the folder each article came from is kept."""
    from framing.store.dataset import CorpusStore
    from framing.store.importer import import_sources

    root, given = stream_folders
    for name in set(given):  # incident folders proper, as the store imports them
        (root / name / "incident.yml").write_text(f"title: {name}\n", encoding="utf-8")
    store = CorpusStore(tmp_path / "store")
    import_sources([root / name for name in sorted(set(given))], store)
    stream = read_stream(tmp_path / "store")
    assert len(stream.articles) == len(given)
    assert sorted(stream.given.values()) == sorted(given)
    result = discover(stream.articles)
    assert result.n_incidents == 3
