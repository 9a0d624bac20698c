"""The base frames of the sample incident: sentences and actor mentions with exact spans."""

from __future__ import annotations

from framing.core.pipeline import KEY_COLUMNS, base_tables


def test_sentence_spans_index_the_document(parsed):
    for row in parsed.sentences.itertuples():
        document = parsed.incident.article(row.article_id).document
        assert document[row.start:row.end] == row.text
    heads = parsed.sentences[parsed.sentences.sent_id == 0]
    assert set(heads.section) == {"headline"}
    assert set(parsed.sentences.section) >= {"headline", "lead", "body", "end"}


def test_core_sides_mentioned_in_both_articles(parsed):
    sides = parsed.mentions.groupby("outlet").side.agg(set)
    for outlet in ("Asbarez", "The Moscow Times"):
        assert {"azerbaijan", "armenia", "russia"} <= sides[outlet]


def test_mentions_resolve_aliases_demonyms_and_people(parsed):
    m = parsed.mentions
    found = set(zip(m.surface, m.actor_id, strict=True))
    assert ("Artsakh Defense Army", "artsakh") in found
    assert ("Karabakh forces", "artsakh") in found
    assert ("Azeri", "azerbaijan") in found
    assert ("Ilham Aliyev", "azerbaijan") in found
    assert ("Erdogan", "turkey") in found
    for row in m.itertuples():
        assert parsed.incident.article(row.article_id).document[row.start:row.end] == row.surface


def test_base_tables_are_keyed(parsed):
    tables = base_tables(parsed)
    for name in ("sentences", "mentions"):
        assert list(tables[name].columns[:5]) == KEY_COLUMNS
    assert tables["articles"].set_index("outlet").loc["Asbarez", "mentions"] > 10
