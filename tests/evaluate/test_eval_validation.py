"""The validation-label reader (file + label index in every error) and the validation task."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.core.corpus import load_incident
from framing.evaluate.datasets import MalformedRow
from framing.evaluate.datasets.validation import read_label_file, span_sha
from framing.evaluate.validation import (
    evaluate_validation,
    gold_pairs,
    harm_scores,
    match_pairs,
    predicted_pairs,
    sentence_scores,
)
from tests.conftest import article_md

BODY = ("Azerbaijani troops shelled Armenian positions on Friday, the Armenian defence "
        "ministry said. Armenia denied the claims.")


def _incident(make_incident):
    folder = make_incident({"a.md": article_md(body=BODY)})
    return folder, load_incident(folder).articles[0].document


def _label(doc: str, span: str, kind: str, sha: str | None = None, **fields) -> str:
    start = doc.index(span)
    end = start + len(span)
    extra = "".join(f", {k}: {v}" for k, v in fields.items())
    return (f"  - {{article: a.md, kind: {kind}, start: {start}, end: {end}, "
            f"sha: '{sha or span_sha(doc[start:end])}'{extra}}}\n")


def _write(folder, labels: str):
    path = folder.parent / "incident.t.yml"
    path.write_text(f"incident: incident\nannotator: t\nlabels:\n{labels}", encoding="utf-8")
    return path


def test_labels_resolve_to_their_article_spans(make_incident):
    folder, doc = _incident(make_incident)
    path = _write(folder, _label(doc, "shelled", "harm", agent="azerbaijan", target="armenia",
                                 asserted_by="armenia")
                  + _label(doc, "denied", "blame", accuser="armenia", accused="armenia",
                           denial="true"))
    lf = read_label_file(path, folder.parent)
    assert [lab.kind for lab in lf.labels] == ["harm", "blame"]
    harm = lf.labels[0]
    assert doc[harm.start:harm.end] == "shelled" and harm.article_id == "a"
    assert harm.get("agent") == "azerbaijan" and lf.labels[1].get("denial") is True


def test_a_wrong_sha_names_file_line_and_label_index(make_incident):
    folder, doc = _incident(make_incident)
    path = _write(folder, _label(doc, "Friday", "sentence", expect="one_sentence")
                  + _label(doc, "shelled", "harm", sha="00000000", agent="azerbaijan",
                           target="armenia", asserted_by="outlet"))
    with pytest.raises(MalformedRow) as err:
        read_label_file(path, folder.parent)
    message = str(err.value)
    assert "incident.t.yml" in message and "label 1" in message and "line 5" in message
    assert "sha 00000000" in message


def test_an_unknown_kind_or_value_is_named(make_incident):
    folder, doc = _incident(make_incident)
    path = _write(folder, _label(doc, "shelled", "agency", agent="azerbaijan"))
    with pytest.raises(MalformedRow, match=r"incident\.t\.yml.*label 0: unknown kind 'agency'"):
        read_label_file(path, folder.parent)
    path = _write(folder, _label(doc, "said", "voice", voice="quoted", source="armenia"))
    with pytest.raises(MalformedRow, match=r"label 0: unknown value 'quoted' for 'voice'"):
        read_label_file(path, folder.parent)
    path = _write(folder, _label(doc, "said", "voice", voice="reported", source="turkey"))
    with pytest.raises(MalformedRow, match=r"label 0: unknown value 'turkey' for 'source'"):
        read_label_file(path, folder.parent)
    path = _write(folder, _label(doc, "said", "voice", voice="reported", source="armenia",
                                 speaker="x"))
    with pytest.raises(MalformedRow, match=r"label 0: unknown field\(s\) speaker"):
        read_label_file(path, folder.parent)


def test_harm_and_blame_matching_rules(make_incident):
    folder, doc = _incident(make_incident)
    path = _write(folder, _label(doc, "shelled", "harm", agent="azerbaijan", target="armenia",
                                 asserted_by="armenia")
                  + _label(doc, "Friday", "harm", agent="none", target="none",
                           asserted_by="outlet"))
    labels = read_label_file(path, folder.parent).labels
    start = doc.index("shelled")
    events = pd.DataFrame([{"article_id": "a", "trigger_start": start,
                            "trigger_end": start + 7, "agent_actor": "azerbaijan",
                            "agent_text": "Azerbaijani troops", "target_actor": None,
                            "target_text": "Armenian positions", "source_actor": "armenia",
                            "source_text": "ministry", "source_cue": "said",
                            "asserted_by": "armenia"}])
    scores = harm_scores(labels, events)
    assert scores["matched"] == 1 and scores["match_rate"] == 0.5
    assert scores["agent_accuracy"] == 0.5  # the unmatched label counts as wrong
    assert scores["target_accuracy"] == 0.0  # "other" (unresolved) is not armenia
    assert scores["asserted_by_accuracy"] == 0.5
    gold = [("a", 10, 16, "armenia", "azerbaijan"), ("a", 10, 16, "azerbaijan", "armenia")]
    tp, hit = match_pairs([("a", 12, 14, "azerbaijan", "armenia"),
                           ("a", 30, 35, "azerbaijan", "armenia")], gold)
    assert tp == 1 and hit == [True, False]


def test_a_denial_label_is_matched_by_its_denier(make_incident):
    folder, doc = _incident(make_incident)
    path = _write(folder, _label(doc, "denied", "blame", accuser="armenia", accused="none",
                                 denial="true"))
    gold = gold_pairs(read_label_file(path, folder.parent).labels)
    start = doc.index("denied")
    blame = pd.DataFrame([{"article_id": "a", "statement": "denial", "negated": False,
                           "cue_start": start, "cue_end": start + 6, "accuser_actor": None,
                           "accuser_text": None, "accused_actor": "armenia",
                           "accused_text": "Armenia"}])
    pred = [p for p, _ in predicted_pairs(blame, {"a"})]
    assert pred == gold == [("a", start, start + 6, "armenia", "armenia")]


def test_sentence_rules(make_incident):
    folder, doc = _incident(make_incident)
    path = _write(folder, _label(doc, "Friday, the", "sentence", expect="one_sentence")
                  + _label(doc, "Armenia denied the claims.", "sentence", expect="no_sentence"))
    labels = read_label_file(path, folder.parent).labels
    first = doc.index("Azerbaijani")
    second = doc.index("Armenia denied")
    sentences = pd.DataFrame({"article_id": ["a", "a"], "start": [first, second],
                              "end": [second - 1, len(doc)]})
    scores = sentence_scores(labels, sentences)
    assert scores["one_sentence_share"] == 1.0 and scores["no_sentence_own_share"] == 1.0


@pytest.mark.slow
def test_validation_task_on_a_small_incident(make_incident):
    folder, doc = _incident(make_incident)
    path = _write(folder, _label(doc, "shelled", "harm", agent="azerbaijan", target="armenia",
                                 asserted_by="armenia")
                  + _label(doc, "denied", "not_loaded", word="denied", reason="test"))
    result = evaluate_validation(path, incidents=folder.parent)
    harm = result["overall"]["harm"]
    assert harm["labels"] == 1 and harm["matched"] == 1 and harm["agent_accuracy"] == 1.0
    assert result["overall"]["not_loaded"]["labels"] == 1
    assert result["agreement"] == {}


def test_an_unquoted_on_key_is_the_on_field(make_incident, tmp_path):
    """YAML 1.1 reads a bare ``on:`` key as the boolean true: the reader takes it as ``on``."""
    folder = make_incident({
        "a.md": article_md(outlet="Outlet A", body="Twenty soldiers were killed."),
        "b.md": article_md(outlet="Outlet B", body="Three soldiers were killed.")})
    docs = {a.id: a.document for a in load_incident(folder).articles}
    a, b = docs["a"], docs["b"]
    sa, sb = a.index("Twenty"), b.index("Three")
    ea, eb = a.index("killed.") + 7, b.index("killed.") + 7
    labels = tmp_path / "validation" / f"{folder.name}.x.yml"
    labels.parent.mkdir()
    labels.write_text(
        f"incident: {folder.name}\nannotator: x\nlabels:\n"
        f"  - {{article: a.md, kind: pair, start: {sa}, end: {ea}, sha: {span_sha(a[sa:ea])}, "
        f"other_article: b.md, other_start: {sb}, other_end: {eb}, "
        f"other_sha: {span_sha(b[sb:eb])}, relation: conflicting, on: figure}}\n",
        encoding="utf-8")
    label = read_label_file(labels, incidents=folder.parent).labels[0]
    assert label.get("on") == "figure"


def test_pair_scores_flag_conflicts_and_merges_through_a_third_claim():
    from types import SimpleNamespace

    from framing.evaluate.validation import pair_scores

    # claims 0, 1 (article a) and 2, 3 (article b); 0 and 2 conflict; 1 and 3 share a fact
    claims = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "start": [0, 50, 0, 50],
                           "end": [40, 90, 40, 90], "fact_id": [0, 1, 2, 1]})
    conflicts = pd.DataFrame({"claim_a": [2], "claim_b": [0]})

    def pair(start: int, other_start: int, relation: str) -> SimpleNamespace:
        fields = {"other_article": "b.md", "other_start": other_start,
                  "other_end": other_start + 10, "relation": relation, "on": "figure"}
        return SimpleNamespace(article_id="a", start=start, end=start + 10,
                               get=lambda k, d=None, f=fields: f.get(k, d))

    found = pair_scores([pair(5, 5, "conflicting"), pair(55, 55, "conflicting"),
                         pair(5, 5, "same_fact")], {"claims": claims, "conflicts": conflicts})
    assert (found["conflicting_flagged"], found["same_fact_flagged"]) == (1, 1)
    assert found["conflict_precision"] == 0.5 and found["conflict_recall"] == 0.5
    assert found["conflicting_merged"] == 1  # the second pair shares fact 1
    assert found["missed_conflicts_on"] == {"figure": 1}
