"""The base frames of the sample incident: sentences and actor mentions with exact spans."""

from __future__ import annotations

from framing.core.corpus import load_incident
from framing.core.pipeline import KEY_COLUMNS, base_tables, prepare
from tests.conftest import INCIDENT_YML, article_md


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


def test_newswire_furniture_is_no_sentence_and_no_mention(make_incident):
    body = """\
        BAKU, Dec. 12 (Wire) -- Azerbaijan said Armenian forces fired at 8 p.m. on Friday. \
The minister called it "a provocation."

        "We will respond."

        Reporting by Jane Roe; Editing by John Doe
        """
    yml = INCIDENT_YML.replace("    demonyms: [Azerbaijani]",
                               "    aliases: [Baku]\n    demonyms: [Azerbaijani]")
    folder = make_incident({"a.md": article_md(title="Ceasefire Breached", body=body)}, yml)
    incident = load_incident(folder)
    parsed = prepare(incident)
    document = incident.articles[0].document
    texts = list(parsed.sentences.text)
    assert texts == [
        "Ceasefire Breached",
        "BAKU, Dec. 12 (Wire) -- Azerbaijan said Armenian forces fired at 8 p.m. on Friday.",
        'The minister called it "a provocation."', '"We will respond."']
    for row in parsed.sentences.itertuples():
        assert document[row.start:row.end] == row.text
    assert list(parsed.sentences.section) == ["headline", "lead", "lead", "end"]
    # "BAKU" matches the alias "Baku", but a dateline's place is no mention
    assert list(parsed.mentions.surface) == ["Azerbaijan", "Armenian"]
    assert [m.surface for m in parsed.resolver.find(document)][:1] == ["BAKU"]


def test_prepare_finds_a_project_relative_incident_from_the_notebooks_folder(monkeypatch):
    from framing.core import paths

    monkeypatch.chdir(paths.NOTEBOOKS_DIR)  # JupyterLab runs a notebook in its own folder
    parsed = prepare("data/incidents/karabakh-ceasefire-2020-12")
    assert parsed.incident.outlets == ["Asbarez", "The Moscow Times"]
    assert len(parsed.sentences) > 20


def test_a_bare_institutional_head_is_a_mention_unless_it_modifies_a_noun(make_incident):
    yml = INCIDENT_YML + """\
  - id: police
    name: Kenosha police
    side: police
    aliases: [Kenosha police]
"""
    body = ("Police shot a man on Sunday. Protesters marched on police headquarters, "
            "and the police fired tear gas.")
    parsed = prepare(load_incident(make_incident({"a.md": article_md(body=body)}, yml)))
    heads = parsed.mentions[parsed.mentions.kind == "head"]
    # "police headquarters": the head modifies a noun and names no one
    assert list(heads.surface) == ["Police", "police"]
    assert set(heads.actor_id) == {"police"}
