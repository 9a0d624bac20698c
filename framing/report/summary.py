"""The report's front page: framing profile per outlet, findings in words, methods and limits.

Each analysis module contributes three things built from its own tables: ``profile`` rows
(outlets as columns), templated ``findings`` with their evidence rows, and its measured
accuracy (``bench/results/*.json``, written by ``framing evaluate --save``). This module only
gathers and lays them out; it computes no figure of its own, so every cell of the summary
traces back to a table in a detail page.
"""

from __future__ import annotations

import pandas as pd

from framing import analyses
from framing.analyze import run_all
from framing.core import evidence
from framing.core.corpus import Incident
from framing.core.findings import Finding, heading_id
from framing.core.pipeline import Parsed, with_sentences
from framing.core.suitability import incident_cautions
from framing.evaluate import accuracy_table, saved_results
from framing.evaluate.results import figures_text
from framing.report import plots

CAVEATS = [
    "Small samples: with one article per outlet, differences are descriptive. The report "
    "gives exact counts and presence/absence, and flags cells backed by fewer than 5 "
    "observations instead of reporting significance.",
    "Model domain: the learned components were trained on US English news (BABE, NewsMTSC); "
    "accuracy on other conflicts, genres or translated text may be lower than measured.",
    "English only: the parser, lexicons and encoder are English models.",
    "Dictionary matching finds the actors and names declared in incident.yml; mentions by "
    "pronoun are not resolved, and an actor missing from the file is invisible.",
    "Coverage is the least certain analysis: the aligner finds about half of the sentence "
    "pairs two careful readers agree report the same fact (see its cross-validated pair F1 "
    "in the Methods table, against 0.91 between two annotators on BASIL events). Read an "
    "outlet's \"exclusive\" facts as leads: each is listed with the closest sentence any "
    "other outlet has.",
    "Automatic extraction makes mistakes: read the evidence sentences before quoting a figure.",
]


#: Analyses whose every finding and profile line compares outlets (exclusive, shared,
#: omitted, buried facts): none is shown for a one-outlet incident, where "only Outlet A
#: reports 6 of the 6 facts" would be true and meaningless; the warning says why.
COMPARATIVE = {"coverage"}


def warnings_html(incident: Incident) -> str:
    """The incident's warnings (:func:`framing.core.suitability.incident_cautions`) as a box
    for the top of the summary page; empty when none applies."""
    cautions = incident_cautions(incident)
    if not cautions:
        return ""
    items = "".join(f'<li data-kind="{evidence.esc(c.kind)}">{evidence.esc(c.text)}</li>'
                    for c in cautions)
    return ("<style>.fr-warnings{border-left:4px solid #d97706;background:#fffbeb;"
            "padding:.4em 1em;margin:.5em 0 1em}.fr-warnings ul{margin:.2em 0}</style>"
            f'<div class="fr-warnings" role="note"><b>Read with care</b><ul>{items}</ul></div>')


def gather(parsed: Parsed, sentiment_model: str | None = None,
           coverage_model: str | None = None) -> dict[str, dict[str, pd.DataFrame]]:
    """Every analysis' tables (cached), keyed by analysis name."""
    return run_all(parsed, sentiment_model=sentiment_model, coverage_model=coverage_model)


def page_of(name: str, section: str | None = None) -> str:
    """The link to an analysis' detail page (HTML file), at ``section`` (a heading) if given."""
    page = f"{analyses.get(name).page}.html"
    return f"{page}#{heading_id(section)}" if section else page


def profile_table(results: dict[str, dict[str, pd.DataFrame]], incident: Incident) -> pd.DataFrame:
    """The framing profile: one row per profile line, outlets as columns, plus section/page
    (no :data:`COMPARATIVE` line when there is only one outlet)."""
    parts = []
    for name, tables in results.items():
        analysis = analyses.get(name)
        if analysis.profile is None or not tables:
            continue
        if name in COMPARATIVE and len(incident.outlets) < 2:
            continue  # "exclusive facts: 6 of 6" says nothing with nothing to compare
        frame = analysis.profile(tables, incident)
        if frame is None or frame.empty:
            continue
        frame = frame.copy()
        frame.index = frame.index.map(str)
        frame.insert(0, "analysis", name)
        parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=["analysis", *incident.outlets])
    return pd.concat(parts)


EVIDENCE_DETAIL = ("term", "surface", "name", "variant", "trigger", "agent_text", "target_text",
                   "asserted_by", "label", "score")


def _evidence_sentences(frame: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.DataFrame:
    """Evidence rows with their sentence (looked up by article and sentence when absent), so
    that a finding about a word shows the sentence the word is in; a ``text`` column that
    already holds the whole sentence is not repeated."""
    if ("sentence" in frame.columns or sentences is None or frame.empty
            or not {"article_id", "sent_id"} <= set(frame.columns)):
        return frame
    out = with_sentences(frame.assign(sent_id=frame.sent_id.astype("Int64")).astype(
        {"sent_id": "int64"}, errors="ignore"), sentences)
    if "text" in out.columns and (out.text.fillna("") == out.sentence.fillna("")).all():
        out = out.drop(columns="sentence")
    return out


#: The evidence note of a sentence touched by an unbalanced quotation mark.
QUOTE_UNCERTAIN = "quote boundary uncertain"


def uncertain_sentences(segments: pd.DataFrame | None) -> set[tuple[str, int]]:
    """(article id, sentence id) of the sentences whose quote boundaries are uncertain (a
    quotation mark left open or unmatched: ``quote_uncertain`` in ``voice_segments``)."""
    if segments is None or "quote_uncertain" not in segments or segments.empty:
        return set()
    flagged = segments[segments.quote_uncertain.fillna(False).astype(bool)]
    return set(zip(flagged.article_id, flagged.sent_id.astype(int), strict=True))


def flag_uncertain(frame: pd.DataFrame, uncertain: set[tuple[str, int]]) -> pd.DataFrame:
    """``frame`` with a ``note`` column saying "quote boundary uncertain" on the evidence
    rows whose sentence has an unbalanced quotation mark (so a reader knows whose words the
    sentence holds may be misread); unchanged when no row is affected."""
    if not uncertain or not {"article_id", "sent_id"} <= set(frame.columns):
        return frame
    hit = [(a, int(s)) in uncertain if pd.notna(s) else False
           for a, s in zip(frame.article_id, frame.sent_id, strict=True)]
    if not any(hit):
        return frame
    return frame.assign(note=[QUOTE_UNCERTAIN if h else "" for h in hit])


def all_findings(results: dict[str, dict[str, pd.DataFrame]], incident: Incident) -> list[Finding]:
    """Every analysis' templated findings, strongest first within each analysis (none from a
    :data:`COMPARATIVE` analysis when there is only one outlet)."""
    sentences = results.get("overview", {}).get("sentences")
    uncertain = uncertain_sentences(results.get("overview", {}).get("voice_segments"))
    found: list[Finding] = []
    for name, tables in results.items():
        analysis = analyses.get(name)
        if analysis.findings is None or not tables:
            continue
        if name in COMPARATIVE and len(incident.outlets) < 2:
            continue
        items = analysis.findings(tables, incident) or []
        for item in items:
            item.evidence = flag_uncertain(_evidence_sentences(item.evidence, sentences),
                                           uncertain)
        found.extend(sorted(items, key=lambda f: -f.strength))
    return found


def incident_html(parsed: Parsed) -> str:
    """Title, date, summary, the articles, and the actors as chips coloured by side."""
    inc = parsed.incident
    sides = inc.sides
    chips = "".join(
        f'<span class="fr-chip" style="--c:{plots.side_color(a.side, sides)}">'
        f"{evidence.esc(a.name)} <small>{evidence.esc(a.side)}</small></span>"
        for a in inc.actors
    )
    arts = "".join(
        f"<li><b>{evidence.esc(a.outlet)}</b> ({evidence.esc(a.published or 'undated')}): "
        f"“{evidence.esc(a.title)}” <small>{a.n_words} words</small></li>"
        for a in inc.articles
    )
    date = f"<p><b>Date of the incident:</b> {inc.date.isoformat()}</p>" if inc.date else ""
    return (
        "<style>.fr-chip{display:inline-block;margin:.15em .3em .15em 0;padding:.1em .6em;"
        "border-radius:1em;border:2px solid var(--c);font-size:.9em}"
        ".fr-chip small{color:#666}</style>"
        f"<h2>{evidence.esc(inc.title)}</h2>{date}"
        f"<p>{evidence.esc(inc.summary)}</p><p><b>{len(inc.articles)} articles, "
        f"{len(inc.outlets)} outlets:</b></p><ul>{arts}</ul><p><b>Actors:</b> {chips}</p>"
    )


def profile_html(profile: pd.DataFrame, outlets: list[str]) -> str:
    """The profile as an HTML table; each row links to the page holding its evidence."""
    if profile.empty:
        return "<p><em>No analysis has produced a profile yet.</em></p>"
    head = "".join(f"<th>{evidence.esc(o)}</th>" for o in outlets)
    rows = []
    current = None
    for label, row in profile.iterrows():
        if row["analysis"] != current:
            current = row["analysis"]
            title = analyses.get(current).title
            rows.append(f'<tr class="fr-group"><th colspan="{len(outlets) + 1}">'
                        f"{evidence.esc(title)}</th></tr>")
        section = row.get("section") if "section" in profile.columns else None
        href = page_of(current, section if isinstance(section, str) and section else None)
        cells = "".join(f'<td><a href="{evidence.esc(href)}">{evidence.esc(row.get(o, ""))}</a>'
                        "</td>" for o in outlets)
        rows.append(f"<tr><th>{evidence.esc(label)}</th>{cells}</tr>")
    return (
        "<style>table.fr-profile td a{color:inherit;text-decoration:none;"
        "border-bottom:1px dotted #999}tr.fr-group th{background:#eef2f7;text-align:left}"
        "</style>"
        f'<table class="fr-table fr-profile"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def findings_html(findings: list[Finding]) -> str:
    """Findings as a list; each links to its detail section and unfolds its evidence rows."""
    if not findings:
        return "<p><em>No findings passed the stated thresholds.</em></p>"
    items = []
    for f in findings:
        link = f' <a href="{evidence.esc(page_of(f.analysis, f.section))}">evidence&nbsp;→</a>'
        cols = [c for c in ("outlet", "sent_id", *EVIDENCE_DETAIL, "text", "sentence", "note")
                if c in f.evidence.columns]
        block = evidence.evidence(f.evidence, "sentences", cols or None) if len(f.evidence) else ""
        items.append(f'<li data-analysis="{evidence.esc(f.analysis)}">'
                     f"{evidence.esc(f.text)}{link}{block}</li>")
    return f'<ol class="fr-findings">{"".join(items)}</ol>'


def methods_table(results: dict[str, dict] | None = None) -> pd.DataFrame:
    """Methods with citation and the figures measured for them (from bench/results), read
    by :func:`framing.evaluate.accuracy_table` as the notebooks read them."""
    results = saved_results() if results is None else results
    rows = []
    for analysis, m in ((a, m) for a in analyses.ANALYSES for m in a.methods):
        figures = []
        for task in m.tasks:
            measured = accuracy_table([task], results)
            if measured.empty:
                figures.append(f"{task}: not measured yet")
                continue
            figures.append(f"{task} ({results[task].get('data', '?')}): "
                           f"{figures_text(measured)}")
        rows.append({"analysis": analysis.name, "method": m.name, "citation": m.citation,
                     "measured": "; ".join(figures) or "descriptive (no gold standard)"})
    return pd.DataFrame(rows)


def manifest_table(manifest: dict) -> pd.DataFrame:
    """The manifest as rows (what produced the report)."""
    encoder = manifest["encoder"]
    rows = [("framing", manifest["framing"]), ("python", manifest["python"]),
            ("spaCy model", manifest["spacy_model"]),
            ("encoder", f"{encoder.get('name')} #{encoder.get('fingerprint')}")]
    rows += [(f"library {k}", v) for k, v in manifest["libraries"].items()]
    rows += [(f"model file {k}", v) for k, v in manifest["models"].items()]
    rows += [(f"lexicon {k}", v) for k, v in manifest["lexicons"].items()]
    rows += [(f"incident file {k}", v) for k, v in manifest["incident"]["files"].items()]
    return pd.DataFrame(rows, columns=["item", "version or sha256 prefix"])
