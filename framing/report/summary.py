"""The report's front page: framing profile per outlet, findings in words, methods and limits.

Each analysis module contributes three things built from its own tables: ``profile`` rows
(outlets as columns), templated ``findings`` with their evidence rows, and its measured
accuracy (``bench/results/*.json``, written by ``framing evaluate --save``). This module only
gathers and lays them out; it computes no figure of its own, so every cell of the summary
traces back to a table in a detail page.
"""

from __future__ import annotations

import re

import pandas as pd

from framing import analyses
from framing.analyze import run_all
from framing.core import evidence
from framing.core.corpus import Incident
from framing.core.findings import Finding, heading_id
from framing.core.pipeline import Parsed, with_sentences
from framing.core.suitability import incident_cautions
from framing.evaluate import accuracy_table, saved_results
from framing.portrayal import summary as portrayal_summary
from framing.report import plots
from framing.report.overview import wire_text

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
#: The section a profile line links to when its analysis names none per line.
DEFAULT_SECTION = {"portrayal": portrayal_summary.HEADINGS["roles"],
                   "overview": "Actor mentions per outlet"}


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
        frame.index = frame.index.map(lambda line: plain_words(str(line), incident))
        for outlet in (o for o in incident.outlets if o in frame.columns):
            frame[outlet] = [plain_words(v, incident) if isinstance(v, str) else v
                             for v in frame[outlet]]
        if "section" not in frame.columns:
            frame["section"] = DEFAULT_SECTION.get(name)
        frame["section"] = frame["section"].fillna(DEFAULT_SECTION.get(name) or "")
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


def copy_note(outlet: str, wire_copies: pd.DataFrame) -> str | None:
    """What a reader must know of a finding about ``outlet`` when its article is a wire copy:
    "the same Reuters text as in TruthDive: one source in 2 outlets" (copies of one agency
    story are not independent outlets; :func:`framing.core.syndication.wire_groups`). None
    when no article of the outlet is a copy."""
    if wire_copies is None or wire_copies.empty:
        return None
    mine = wire_copies[wire_copies.outlet == outlet]
    if mine.empty:
        return None
    group = wire_copies[wire_copies.group.isin(mine.group)]
    others = list(dict.fromkeys(o for o in group.outlet if o != outlet))
    if not others:
        return None
    return (f"{wire_text(mine)} as in {', '.join(others)}: one source in {len(others) + 1} "
            "outlets")


def all_findings(results: dict[str, dict[str, pd.DataFrame]], incident: Incident) -> list[Finding]:
    """Every analysis' templated findings, strongest first within each analysis (none from a
    :data:`COMPARATIVE` analysis when there is only one outlet). A finding about one outlet
    whose article is a wire copy says so (:func:`copy_note`), except the copy findings
    themselves."""
    wire_copies = results.get("overview", {}).get("wire_copies")
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
            note = copy_note(item.outlet, wire_copies) if item.outlet and name != "overview" \
                else None
            if note:
                item.text = f"{item.text.rstrip()} ({note[0].upper()}{note[1:]}.)"
            item.text = plain_words(item.text, incident)
            item.evidence = flag_uncertain(_evidence_sentences(item.evidence, sentences),
                                           uncertain)
            item.evidence = _sentence_starts(item.evidence, sentences)
        found.extend(sorted(items, key=lambda f: -f.strength))
    return found


def incident_html(parsed: Parsed) -> str:
    """Title, date, summary, the articles (a sortable table: one row per article), and the
    actors as chips coloured by side (the side by name, never its id)."""
    inc = parsed.incident
    sides = inc.sides
    chips = "".join(
        f'<span class="fr-chip" style="--c:{plots.side_color(a.side, sides)}">'
        f"{evidence.esc(a.name)} <small>{evidence.esc(inc.side_name(a.side))}</small></span>"
        for a in inc.actors
    )
    arts = pd.DataFrame([{"outlet": a.outlet, "published": a.published or "undated",
                          "headline": a.title, "words": a.n_words} for a in inc.articles])
    date = f"<p><b>Date of the incident:</b> {inc.date.isoformat()}</p>" if inc.date else ""
    return (
        "<style>.fr-chip{display:inline-block;margin:.15em .3em .15em 0;padding:.1em .6em;"
        "border-radius:1em;border:2px solid var(--c);font-size:.9em}"
        ".fr-chip small{color:#666}</style>"
        f"<h2>{evidence.esc(inc.title)}</h2>{date}"
        f"<p>{evidence.esc(inc.summary)}</p><p><b>{len(inc.articles)} articles, "
        f"{len(inc.outlets)} outlets:</b></p>{evidence.table_html(arts, max_rows=None)}"
        f"<p><b>Actors:</b> {chips}</p>"
    )


#: Internal words a reader must never meet, and what they say.
INTERNAL_WORDS = {"(none)": "no one named", "narrator": "its own voice",
                  "unresolved": "an unnamed source"}
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


QUOTED = re.compile(r"(“[^”]*”|\"[^\"]*\"|‘[^’]*’)")


def plain_words(text: str, incident: Incident) -> str:
    """Reader-facing text: a side id becomes the side's name ("india" -> "India") and an
    actor id the actor's ("artsakh" -> "Artsakh"),
    ``snake_case`` categories become words ("agentless_passive" -> "agentless passive"),
    and "(none)" says "no one named". Only for the report's own templated text (findings,
    profile lines), and never inside quotation marks: a quoted word or sentence from an
    article stays as the article has it."""
    parts = QUOTED.split(str(text))
    namer = _namer(incident)
    return "".join(part if i % 2 else _plain(part, namer) for i, part in enumerate(parts))


Namer = tuple[dict[str, str], "re.Pattern[str] | None", "re.Pattern[str] | None"]


def _namer(incident: Incident) -> Namer:
    """The incident's id -> reader name table and its two patterns: a side id is named as
    the side, another actor id as the actor ("artsakh" -> "Artsakh"); a name already
    written is kept whole."""
    names = {a.id: incident.actor_name(a.id) for a in incident.actors}
    names.update({side: incident.side_name(side) for side in incident.sides})
    names = {key: name for key, name in names.items() if name and name != key}
    if not names:
        return names, None, None
    written = sorted(set(names.values()), key=len, reverse=True)
    keep = re.compile("(" + "|".join(re.escape(n) for n in written) + ")")
    ids = re.compile(r"(?<![\w'’-])(" + "|".join(re.escape(k) for k in sorted(
        names, key=len, reverse=True)) + r")(?![\w-])")
    return names, keep, ids


def _plain(text: str, namer: Namer) -> str:
    # ids first, before snake_case becomes words ("minsk_group"); a name the template already
    # wrote ("Kenosha police and the police union") keeps the ids inside it ("police"); the
    # other ids are replaced in one pass, so a name put in is never rewritten again
    names, keep, ids = namer
    if keep is not None and ids is not None:
        parts = keep.split(text)
        text = "".join(part if i % 2 else ids.sub(lambda m: names[m.group(1)], part)
                       for i, part in enumerate(parts))
    text = SNAKE_CASE.sub(lambda m: m.group(0).replace("_", " "), text)
    for word, plain in INTERNAL_WORDS.items():
        text = text.replace(word, plain) if word.startswith("(") else re.sub(
            rf"(?<![\w-]){re.escape(word)}(?![\w-])", plain, text)
    return text


NUMBER = re.compile(r"^\s*([+\-−]?\d[\d,]*(?:\.\d+)?)")


def leading_number(cell: object) -> float | None:
    """The number a profile cell starts with ("12.3 (45)" -> 12.3, "+0.21 [..]" -> 0.21,
    "40% / 50%" -> 40), or None."""
    match = NUMBER.match(str(cell))
    if not match:
        return None
    return float(match.group(1).replace(",", "").replace("−", "-"))


def outlet_order(profile: pd.DataFrame, outlets: list[str]) -> tuple[list[str], list[int]]:
    """Outlets ordered so that similar profiles sit together, and the group of each.

    Each outlet is a vector of the numbers its profile cells start with (each line
    standardised; a missing number counts as the line's mean); outlets are ordered by the
    leaves of an average-linkage tree (Sokal & Michener 1958) with optimal leaf ordering
    (Bar-Joseph et al. 2001) and cut into about sqrt(n/2) groups. Fewer than four outlets,
    or no numeric line: the incident's order, one group."""
    if len(outlets) < 4:
        return list(outlets), [0] * len(outlets)
    values = pd.DataFrame({o: profile[o].map(leading_number) for o in outlets
                           if o in profile.columns}).T.astype(float)
    values = values.loc[:, values.notna().mean() >= 0.5]
    values = values.loc[:, values.std() > 0]
    if values.empty:
        return list(outlets), [0] * len(outlets)
    z = ((values - values.mean()) / values.std()).fillna(0.0)
    from scipy.cluster.hierarchy import fcluster, linkage, optimal_leaf_ordering

    tree = optimal_leaf_ordering(linkage(z.to_numpy(), "average"), z.to_numpy())
    groups = fcluster(tree, t=max(1, round((len(outlets) / 2) ** 0.5)), criterion="maxclust")
    from scipy.cluster.hierarchy import leaves_list

    order = [int(i) for i in leaves_list(tree)]
    names = list(z.index)
    return [names[i] for i in order], [int(groups[i]) for i in order]


def _shade(values: list[float | None]) -> list[str]:
    """A background per cell: darker for a larger number within its column (none when the
    column has fewer than two numbers or no spread)."""
    nums = [v for v in values if v is not None]
    if len(nums) < 2 or max(nums) == min(nums):
        return [""] * len(values)
    lo, hi = min(nums), max(nums)
    return ["" if v is None else
            f"background:rgba(37,99,235,{0.04 + 0.32 * (v - lo) / (hi - lo):.2f})"
            for v in values]


PROFILE_CSS = """<style>
.fr-profile-box{max-height:85vh}
table.fr-profile td a{color:inherit;text-decoration:none;display:block}
table.fr-profile td a:hover{text-decoration:underline}
table.fr-profile td{min-width:4em}
table.fr-profile td.fr-words{min-width:12em;white-space:normal}
table.fr-profile thead tr.fr-groups th{top:0;height:1.5em;text-align:left;
  background:#e5e7eb;border-left:2px solid #fff}
table.fr-profile thead tr.fr-lines th{top:2.05em;vertical-align:bottom}
table.fr-profile tbody th,table.fr-profile thead th.fr-corner{position:sticky;left:0;
  background:#fff;z-index:1;white-space:nowrap;text-align:left}
table.fr-profile thead th.fr-corner{z-index:3;background:#f6f6f6}
table.fr-profile tr.fr-newgroup>*{border-top:2px solid #9ca3af}
</style>"""


def profile_html(profile: pd.DataFrame, outlets: list[str]) -> str:
    """The framing profile: one row per outlet (similar profiles together, a line between
    groups: :func:`outlet_order`), one column per profile line under its analysis, short
    headers with the full line on hover, cells shaded by the number they start with, sticky
    headers and outlet names, sortable, in a scrolling box; every cell links to the section
    of the detail page that holds its evidence."""
    if profile.empty:
        return "<p><em>No analysis has produced a profile yet.</em></p>"
    order, groups = outlet_order(profile, outlets)
    lines = list(profile.index)
    analyses_of = list(profile["analysis"])
    sections = (list(profile["section"]) if "section" in profile.columns
                else [None] * len(lines))
    spans: list[tuple[str, int]] = []
    for name in analyses_of:
        if spans and spans[-1][0] == name:
            spans[-1] = (name, spans[-1][1] + 1)
        else:
            spans.append((name, 1))
    group_row = "".join(f'<th colspan="{n}">{evidence.esc(analyses.get(a).title)}</th>'
                        for a, n in spans)
    line_row = "".join(evidence.header_cell(str(line), attrs=f' data-col="{k + 1}"')
                       for k, line in enumerate(lines))
    hrefs = [page_of(a, sec if isinstance(sec, str) and sec else None)
             for a, sec in zip(analyses_of, sections, strict=True)]
    cells = {line: [profile.iloc[k].get(o, "") for o in order] for k, line in enumerate(lines)}
    shades = {line: _shade([leading_number(c) for c in cells[line]]) for line in lines}
    wordy = {line: any(len(str(c)) > 30 for c in cells[line]) for line in lines}
    rows = []
    for i, outlet in enumerate(order):
        tds = []
        for k, line in enumerate(lines):
            value = cells[line][i]
            value = "" if value is None or (isinstance(value, float) and pd.isna(value)) \
                else str(value)
            style = f' style="{shades[line][i]}"' if shades[line][i] else ""
            cls = "fr-words" if wordy[line] else "fr-num"
            tds.append(f'<td class="{cls}"{style} title="{evidence.esc(line)}: '
                       f'{evidence.esc(value)}"><a href="{evidence.esc(hrefs[k])}">'
                       f"{evidence.esc(value)}</a></td>")
        new = ' class="fr-newgroup"' if i and groups[i] != groups[i - 1] else ""
        rows.append(f'<tr{new}><th scope="row" title="{evidence.esc(outlet)}">'
                    f"{evidence.esc(evidence.short_label(outlet))}</th>{''.join(tds)}</tr>")
    table = ('<table class="fr-table fr-profile fr-sortable"><thead>'
             f'<tr class="fr-groups"><th class="fr-corner" rowspan="2" data-col="0">outlet</th>'
             f"{group_row}</tr>"
             f'<tr class="fr-lines">{line_row}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return PROFILE_CSS + f'<div class="fr-scroll fr-profile-box">{table}</div>'


#: Evidence sentences shown under a finding (the detail page has them all).
MAX_SENTENCES = 12
#: Columns that name the span a finding is about, when the row gives no offsets for it.
SPAN_WORDS = ("term", "surface", "name", "variant", "trigger", "cue", "agent_text",
              "target_text", "text")


def _sentence_starts(frame: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.DataFrame:
    """Evidence rows with their sentence's start offset (``sent_start``) and text, so a
    span given by document offsets can be marked inside the sentence."""
    if (sentences is None or frame.empty or "sent_start" in frame.columns
            or not {"article_id", "sent_id"} <= set(frame.columns)):
        return frame
    starts = sentences[["article_id", "sent_id", "start", "text"]].rename(
        columns={"start": "sent_start", "text": "sent_text"})
    keyed = frame.assign(sent_id=pd.to_numeric(frame.sent_id, errors="coerce"))
    return keyed.merge(starts.astype({"sent_id": "float64"}), on=["article_id", "sent_id"],
                       how="left")


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) \
        and str(value) != ""


def marked_sentence(row: dict) -> tuple[str, str] | None:
    """(escaped HTML of the row's sentence with its span in ``<mark>``, plain sentence),
    or None when the row has no sentence. The span: the row's document offsets
    (``start``/``end``, else the trigger's) inside the sentence, else the first of its
    words (:data:`SPAN_WORDS`) found in the sentence."""
    sentence = next((row[c] for c in ("sentence", "sent_text", "text", "text_a")
                     if _present(row.get(c))), None)
    if sentence is None:
        return None
    sentence = str(sentence)
    base = row.get("sent_start")
    span = None
    if _present(base) and str(row.get("sent_text", sentence)) == sentence:
        for a, b in (("start", "end"), ("trigger_start", "trigger_end")):
            if _present(row.get(a)) and _present(row.get(b)):
                lo, hi = int(row[a]) - int(base), int(row[b]) - int(base)
                if 0 <= lo < hi <= len(sentence) and hi - lo < len(sentence):
                    span = (lo, hi)
                    break
    if span is None:
        low = sentence.lower()
        for col in SPAN_WORDS:
            word = str(row.get(col) or "").strip()
            if _present(row.get(col)) and 0 < len(word) < len(sentence):
                at = low.find(word.lower())
                if at >= 0:
                    span = (at, at + len(word))
                    break
    spans = [{"start": span[0], "end": span[1], "color": "#f59e0b"}] if span else []
    return evidence.highlight(sentence, spans, fill=True), sentence


def evidence_sentences_html(frame: pd.DataFrame, limit: int = MAX_SENTENCES) -> str:
    """A finding's evidence as a list of sentences, each with its outlet and the span the
    finding is about marked (text escaped: article text is untrusted); one item per
    distinct sentence, at most ``limit``."""
    items, seen = [], set()
    for row in frame.to_dict("records"):
        marked = marked_sentence(row)
        if marked is None:
            continue
        html, plain = marked
        key = (row.get("outlet"), plain, html)
        if key in seen:
            continue
        seen.add(key)
        where = f"sentence {int(row['sent_id'])}" if _present(row.get("sent_id")) else ""
        where = "headline" if where == "sentence 0" else where
        note = (f' <small class="fr-note">{evidence.esc(row["note"])}</small>'
                if _present(row.get("note")) else "")
        items.append(f'<li><b>{evidence.esc(row.get("outlet", ""))}</b> '
                     f'<small>{evidence.esc(where)}</small>{note}'
                     f'<blockquote class="fr-sentence">{html}</blockquote></li>')
    if not items:
        return ""
    more = (f'<p class="fr-more"><small>{len(items) - limit} more on the detail page.</small>'
            "</p>" if len(items) > limit else "")
    return f'<ul class="fr-sentences">{"".join(items[:limit])}</ul>{more}'


FINDINGS_CSS = """<style>
ol.fr-findings{padding-left:3.2em}
ol.fr-findings>li{margin:.35em 0}
ol.fr-findings details.fr-evidence{border:none;padding:0;margin:0}
ol.fr-findings details.fr-evidence>summary{font-weight:normal;color:#222}
ol.fr-findings details.fr-evidence>summary .fr-count{color:#6b7280;font-size:.85em}
ul.fr-sentences{list-style:none;padding-left:.8em;margin:.3em 0 .6em;
  border-left:3px solid #e5e7eb}
ul.fr-sentences li{margin:.3em 0}
blockquote.fr-sentence{margin:.1em 0 0;font-family:Georgia,'Times New Roman',serif}
blockquote.fr-sentence mark{border-bottom:3px solid var(--c);
  background:color-mix(in srgb,var(--c) 30%,white);padding:0 .1em}
</style>"""


def findings_html(findings: list[Finding]) -> str:
    """Findings as a numbered list; each unfolds (``<details>``) to its evidence sentences
    with the span marked, and links to its section on the detail page."""
    if not findings:
        return "<p><em>No findings passed the stated thresholds.</em></p>"
    items = []
    for f in findings:
        link = (f' <a href="{evidence.esc(page_of(f.analysis, f.section))}">'
                "evidence&nbsp;→</a>")
        body = evidence_sentences_html(f.evidence) if len(f.evidence) else ""
        n = body.count('<blockquote class="fr-sentence">')
        count = (f' <span class="fr-count">({n} sentence{"s" if n != 1 else ""})</span>'
                 if n else "")
        items.append(f'<li data-analysis="{evidence.esc(f.analysis)}">'
                     f'<details class="fr-evidence"><summary>{evidence.esc(f.text)}{count}'
                     f"{link}</summary>{body or '<p><em>No sentence recorded.</em></p>'}"
                     "</details></li>")
    return FINDINGS_CSS + f'<ol class="fr-findings">{"".join(items)}</ol>'


#: Dataset names for the data paths of saved results.
DATASETS = (("babe", "BABE (Spinde et al. 2021)"), ("ptc", "PTC (Da San Martino et al. 2019)"),
            ("wikievents", "WikiEvents dev (Li, Ji & Han 2021)"),
            ("newsmtsc", "NewsMTSC (Hamborg & Donnay 2021)"),
            ("basil", "BASIL (Fan et al. 2019)"), ("alignments", "hand-labelled sentence pairs"),
            ("validation", "own labels on three real incidents"))


def dataset_name(data: object, evaluation: str = "") -> str:
    """A saved result's data path as a dataset's name ("shared/eval/babe/babe_dev.csv" ->
    "BABE (Spinde et al. 2021)"); SemEval / Narrative Frames named from the evaluation."""
    text = f"{data} {evaluation}".lower()
    for key, name in (("semeval", "SemEval-2025 Task 10, EN"),
                      ("narrative frames", "Narrative Frames (Frermann et al. 2023)")):
        if key in text:
            return name
    for key, name in DATASETS:
        if key in str(data).lower():
            return name
    return str(data)


def methods_table(results: dict[str, dict] | None = None) -> pd.DataFrame:
    """Methods as a reader's table: analysis, method, dataset, metric, figure (with its
    baseline in words), n (items measured) and citation; one row per measured figure (a
    method without an evaluation: "descriptive"). Figures come from
    :func:`framing.evaluate.accuracy_table`, as the notebooks read them; no raw keys."""
    results = saved_results() if results is None else results
    rows = []
    for analysis in analyses.ANALYSES:
        shown: set[tuple[str, str]] = set()  # each figure once per analysis
        for m in analysis.methods:
            base = {"analysis": analysis.title, "method": m.name, "citation": m.citation}
            measured = accuracy_table(list(m.tasks), results) if m.tasks else pd.DataFrame()
            fresh = [r for r in measured.itertuples() if (r.task, r.evaluation) not in shown]
            if not fresh:
                figure = ("descriptive (no gold standard)" if not m.tasks
                          else "not measured yet" if measured.empty
                          else "measured with the figures above")
                rows.append({**base, "dataset": "", "metric": "", "figure": figure, "n": ""})
                continue
            named = {r.task: set() for r in fresh}
            for r in measured.itertuples():
                named[r.task] = named.get(r.task, set()) | {
                    (str(r.data), dataset_name(r.data, r.evaluation))}
            for r in fresh:
                shown.add((r.task, r.evaluation))
                figure = f"{r.value:.2f}" if isinstance(r.value, int | float) else str(r.value)
                rows.append({**base, "dataset": dataset_name(r.data, r.evaluation),
                             "metric": f"{r.metric}: {r.evaluation}",
                             "figure": figure + (f" ({r.baseline})" if r.baseline else ""),
                             # a task's count is shown only when all its figures share one
                             # dataset: otherwise it would not say what it counts
                             "n": r.n if len(named[r.task]) == 1 else ""})
    return pd.DataFrame(rows, columns=["analysis", "method", "dataset", "metric", "figure", "n",
                                       "citation"])


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
