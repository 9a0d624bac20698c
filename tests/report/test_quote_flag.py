"""Unbalanced quotation marks: the analysis runs, nothing is dropped, and the evidence of a
finding says "quote boundary uncertain" on the affected sentence (real spaCy parse)."""

from __future__ import annotations

from framing import blame
from framing.core.corpus import load_incident
from framing.core.pipeline import base_tables, prepare
from framing.report.summary import QUOTE_UNCERTAIN, all_findings
from tests.conftest import INCIDENT_YML, article_md


def test_finding_evidence_flags_an_unbalanced_quote(make_incident):
    body = ("Azerbaijan's defence ministry accused Armenia of “shelling the village at night "
            "and said the army would respond.\n\n"
            "Armenia denied the claim on Saturday.")
    folder = make_incident({"a.md": article_md(title="Ceasefire breached", body=body)},
                           INCIDENT_YML)
    parsed = prepare(load_incident(folder))
    results = {"overview": base_tables(parsed), "blame": blame.tables(parsed)}
    found = all_findings(results, parsed.incident)
    accusation = next(f for f in found if "Azerbaijan blames Armenia" in f.text)
    row = accusation.evidence.iloc[0]
    assert row.text.startswith("Azerbaijan's defence ministry accused Armenia")
    assert row.note == QUOTE_UNCERTAIN
    # every sentence is still there; the balanced one carries no note
    assert len(parsed.sentences) == 3
    denial = [f for f in found if "denies" in f.text]
    assert all("note" not in f.evidence or not f.evidence.note.any() for f in denial)
