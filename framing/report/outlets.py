"""The outlets page of a set of incidents (``notebooks/07_outlets.ipynb``) as HTML.

Three tables and the evidence behind them: the incidents, the outlets × incidents
coverage matrix (who covered what; each count links to the outlet's articles on that
incident) and the outlet profile (each measure's mean deviation from the incidents'
baselines with its interval and n; each cell links to its evidence: per incident the
outlet's value, the baseline and the sentences counted, their span marked). Evidence
blocks are hidden until a cell's link targets them (CSS ``:target``, no script), so the
page stays readable with hundreds of cells. Article text is untrusted: every string goes
through :mod:`framing.core.evidence` (escaped).

The profile itself is computed by :mod:`framing.incidents.profile`; this module only lays
it out.
"""

from __future__ import annotations

import pandas as pd

from framing.core import evidence
from framing.core.corpus import Incident
from framing.incidents.measures import SIDE_MEASURES, Measure
from framing.incidents.profile import CONSENSUS, MEASURES

#: Sentences shown per cell and incident (all are in ``data/outlets_evidence.csv``).
MAX_SENTENCES = 6
#: Marks in evidence sentences: a unit the measure counts, and one it reads but does not
#: count (an event with its agent named, a casting of another side).
COUNTED, NOT_COUNTED = "#f59e0b", "#9ca3af"
#: Fewest incidents for an outlet's cell to count as a profile *across* incidents.
ACROSS = 2

OUTLETS_CSS = """<style>
.fr-cell{display:none;border:1px solid #d1d5db;border-left:4px solid #2563eb;
  border-radius:4px;padding:.3em 1em .6em;margin:.6em 0 1.2em;background:#fff}
.fr-cell:target{display:block}
.fr-cell h4{margin:.4em 0 .2em}
.fr-cell h5{margin:.9em 0 .15em;font-size:1em}
.fr-cell p.fr-dev{margin:.1em 0 .3em;color:#374151}
table.fr-matrix td,table.fr-outlets td{text-align:center}
table.fr-matrix thead th.fr-vert{writing-mode:vertical-rl;transform:rotate(180deg);
  white-space:nowrap;max-height:16em;vertical-align:bottom;text-align:left}
table.fr-matrix td.fr-none{color:#d1d5db}
table.fr-outlets td a,table.fr-matrix td a{color:inherit;text-decoration:none;display:block}
table.fr-outlets td a:hover,table.fr-matrix td a:hover{text-decoration:underline}
table.fr-outlets td{min-width:7.5em;white-space:nowrap}
table.fr-outlets td small{color:#6b7280}
table.fr-outlets td.fr-clear{font-weight:700}
table.fr-outlets tbody th,table.fr-matrix tbody th{position:sticky;left:0;background:#fff;
  z-index:1;white-space:nowrap;text-align:left}
table.fr-outlets tr.fr-newgroup>*{border-top:2px solid #9ca3af}
ul.fr-sentences{list-style:none;padding-left:.8em;margin:.3em 0 .6em;
  border-left:3px solid #e5e7eb}
ul.fr-sentences li{margin:.35em 0}
ul.fr-sentences li.fr-uncounted{color:#6b7280}
ul.fr-sentences li.fr-article-head{margin-top:.6em}
blockquote.fr-sentence{margin:.1em 0 0;font-family:Georgia,'Times New Roman',serif}
blockquote.fr-sentence mark{border-bottom:3px solid var(--c);
  background:color-mix(in srgb,var(--c) 30%,white);padding:0 .1em}
</style>"""


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) \
        and value is not pd.NA and str(value) != ""


def save_tables(result: dict[str, object], output_dir: str | None) -> list:
    """Write the page's tables as CSV under ``output_dir/data/`` (``outlets_<name>.csv``:
    :func:`framing.incidents.profile.csv_tables`)."""
    from framing.incidents.profile import csv_tables

    return [evidence.save_table(frame, f"outlets_{name}", output_dir)
            for name, frame in csv_tables(result).items()]


def overview_text(result: dict[str, object]) -> str:
    """One line of Markdown: incidents, articles, outlets, and how many recur."""
    coverage: pd.DataFrame = result["coverage"]
    covered = (coverage > 0).sum(axis=1)
    n_art = int(coverage.to_numpy().sum())
    return (f"**{coverage.shape[1]}** incidents, **{n_art}** articles from "
            f"**{coverage.shape[0]}** outlets; **{int((covered >= ACROSS).sum())}** outlets "
            f"covered {ACROSS} incidents or more, **{len(recurring_outlets(result))}** have a "
            f"measure in {ACROSS} incidents or more.")


def outlet_ids(outlets: list[str]) -> dict[str, str]:
    """A short anchor id per outlet (``o0``, ``o1``...), in the given order."""
    return {o: f"o{k}" for k, o in enumerate(outlets)}


def incident_ids(slugs: list[str]) -> dict[str, str]:
    """A short anchor id per incident (``i0``, ``i1``...), in the given order."""
    return {s: f"i{k}" for k, s in enumerate(slugs)}


def cell_id(outlet_id: str, measure: str) -> str:
    """The anchor of a profile cell's evidence."""
    return f"ev-{outlet_id}-{measure}"


def coverage_id(outlet_id: str, incident_id: str) -> str:
    """The anchor of a coverage cell's articles."""
    return f"cov-{outlet_id}-{incident_id}"


def outlet_order(coverage: pd.DataFrame) -> list[str]:
    """Outlets by the number of incidents they covered (most first), then by name."""
    covered = (coverage > 0).sum(axis=1)
    frame = pd.DataFrame({"n": covered, "name": coverage.index.str.lower()})
    return list(frame.sort_values(["n", "name"], ascending=[False, True]).index)


def fmt(value: float, measure: Measure, signed: bool = True) -> str:
    """A deviation (or value) as a reader reads it: shares in percentage points (whole),
    rates with one decimal; a minus sign, not a hyphen; no sign on a zero."""
    if not _present(value):
        return ""
    x = round(100 * value) if measure.share else round(value, 1)
    if x == 0:
        return "0" if measure.share else "0.0"
    text = f"{x:+.0f}" if measure.share else f"{x:+.1f}"
    text = text if signed else text.lstrip("+")
    return text.replace("-", "−")


def counted(n: float, unit: str) -> str:
    """``n`` units in words: "1 harm event", "2 harm events", "1,204 words"."""
    n = round(float(n))
    return f"{n:,} {unit[:-1] if n == 1 and unit.endswith('s') else unit}"


def outlet_label(name: str, n: int = 36) -> str:
    """An outlet's name for a row header: whole (two outlets may differ only in their
    parenthesis: "CNN (Online News)", "CNN (via KIMT)"), cut with an ellipsis past ``n``."""
    return name if len(name) <= n else name[: n - 1].rstrip() + "…"


def unit_text(measure: Measure) -> str:
    return "percentage points" if measure.share else "per 1,000 words"


def measure_note(measure: Measure) -> str:
    """The full header of a measure: what the outlet's value is, and what the cell shows."""
    unit = "in percentage points" if measure.share else "per 1,000 words"
    return (f"{measure.label}: {measure.definition}. The cell: the outlet's value minus "
            f"each incident's pooled value, {unit}, averaged over its incidents; 95% "
            "interval; incidents and units behind it.")


def incidents_table(result: dict[str, object]) -> pd.DataFrame:
    """The incidents of the page: title, slug (the coverage matrix's column), date,
    articles, outlets, and whether a person wrote or reviewed the actors."""
    articles: pd.DataFrame = result["articles"]
    checked = result["reviewed"]
    rows = []
    for inc in result["incidents"]:
        mine = articles[articles["incident"] == inc.slug]
        rows.append({"incident": inc.title, "slug": inc.slug,
                     "date": inc.date.isoformat() if inc.date else "",
                     "articles": len(mine), "outlets": mine["outlet"].nunique(),
                     "actors": "reviewed" if checked[inc.slug] else "proposed, not reviewed"})
    return pd.DataFrame(rows)


def warnings_html(result: dict[str, object]) -> str:
    """What a reader must know before reading the profile: incidents whose actors were
    proposed and not reviewed (left out of the side-based measures, unless asked for),
    incidents with one
    outlet (no baseline: they add nothing), outlet names that may be one outlet, and no
    outlet recurring (then nothing here is *across* incidents)."""
    incidents = result["incidents"]
    coverage: pd.DataFrame = result["coverage"]
    notes = []
    proposed = [i.slug for i in incidents if not result["reviewed"][i.slug]]
    used = result["measures"]["measure"].isin(SIDE_MEASURES) & result["measures"][
        "incident"].isin(proposed)
    if proposed:
        notes.append(f"{len(proposed)} of {len(incidents)} incidents have actors proposed "
                     "from named entities and not reviewed (each actor its own side): "
                     + ("their side-based measures rest on these unreviewed sides"
                        if used.any() else "the side-based measures leave them out (proposed "
                        "sides are never silently trusted)")
                     + ". Review their incident.yml: " + ", ".join(proposed) + ".")
    lone = [s for s in coverage.columns if int((coverage[s] > 0).sum()) < 2]
    if lone:
        notes.append(f"{len(lone)} incident(s) with a single outlet add nothing to the "
                     "profile (no other outlet to compare with): " + ", ".join(lone) + ".")
    variants = name_variants(list(coverage.index))
    if variants:
        notes.append("Outlets are joined by the exact name their articles give; these names "
                     "may be one outlet (rename them in the articles' front matter to pool "
                     "them): " + "; ".join(" / ".join(v) for v in variants) + ".")
    if not recurring_outlets(result):
        notes.append("No outlet has a measure in two or more incidents: every value below "
                     "compares an outlet within one incident only.")
    if not notes:
        return ""
    items = "".join(f"<li>{evidence.esc(n)}</li>" for n in notes)
    return ("<style>.fr-warnings{border-left:4px solid #d97706;background:#fffbeb;"
            "padding:.4em 1em;margin:.5em 0 1em}.fr-warnings ul{margin:.2em 0}</style>"
            f'<div class="fr-warnings" role="note"><b>Read with care</b><ul>{items}</ul></div>')


def recurring_outlets(result: dict[str, object]) -> list[str]:
    """The outlets with a measure in :data:`ACROSS` or more incidents."""
    from framing.incidents.profile import recurring

    return recurring(result["profile"], ACROSS) if len(result["profile"]) else []


def name_variants(outlets: list[str]) -> list[list[str]]:
    """Outlet names that may be one outlet under several names: the same name before a
    parenthesis ("Fox News (Online News)", "Fox News (via 1010 WCSI)"). The profile joins
    outlets by their exact name, so these stay apart unless renamed."""
    groups: dict[str, list[str]] = {}
    for name in outlets:
        groups.setdefault(name.split(" (")[0].strip().lower(), []).append(name)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def coverage_html(coverage: pd.DataFrame, order: list[str], incidents: list[Incident]) -> str:
    """The outlets × incidents matrix: the number of articles, each linking to the
    outlet's articles on that incident; a dot where the outlet has none."""
    slugs = [i.slug for i in incidents if i.slug in coverage.columns]
    titles = {i.slug: i.title for i in incidents}
    oid, iid = outlet_ids(order), incident_ids(slugs)
    head = "".join(
        f'<th scope="col" class="fr-vert" title="{evidence.esc(titles[s])}">'
        f"{evidence.esc(evidence.short_label(s, 34))}</th>" for s in slugs)
    rows = []
    for outlet in order:
        cells = []
        for s in slugs:
            n = int(coverage.at[outlet, s])
            cells.append(
                f'<td><a href="#{coverage_id(oid[outlet], iid[s])}" title="'
                f'{evidence.esc(outlet)} on {evidence.esc(titles[s])}: {n} article'
                f'{"s" if n != 1 else ""}">{n}</a></td>' if n else
                '<td class="fr-none" title="no article">·</td>')
        covered = int((coverage.loc[outlet, slugs] > 0).sum())
        rows.append(f'<tr><th scope="row" title="{evidence.esc(outlet)}">'
                    f"{evidence.esc(outlet_label(outlet))}</th>"
                    f'<td class="fr-num">{covered}</td>{"".join(cells)}</tr>')
    table = ('<table class="fr-table fr-matrix fr-sortable" id="coverage"><thead><tr>'
             '<th scope="col">outlet</th><th scope="col" class="fr-vert">incidents '
             f"covered</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return OUTLETS_CSS + evidence.scroll(table)


def profile_html(profile: pd.DataFrame, order: list[str]) -> str:
    """The outlet profile: one row per outlet (most incidents first, else in ``order``, the
    page's outlet order; a line under the outlets profiled over :data:`ACROSS` or more
    incidents), one column per measure.
    Each cell: the mean deviation, its 95% interval, the incidents and units behind it;
    bold when the interval excludes zero; every cell links to its evidence."""
    measures = [m for m in MEASURES.values() if m.name in set(profile["measure"])]
    by = profile.set_index(["outlet", "measure"])
    oid = outlet_ids(order)
    head = "".join(evidence.header_cell(m.label, full=measure_note(m),
                                        attrs=f' data-col="{k + 2}"')
                   for k, m in enumerate(measures))
    most = profile.groupby("outlet")["n_incidents"].max()
    shown = sorted((o for o in order if o in most.index), key=lambda o: -most[o])
    rows = []
    for i, outlet in enumerate(shown):
        tds = []
        for m in measures:
            if (outlet, m.name) not in by.index:
                tds.append('<td class="fr-none"></td>')
                continue
            r = by.loc[(outlet, m.name)]
            interval = (f" <small>[{fmt(r.low, m, False)}, {fmt(r.high, m, False)}]</small>"
                        if _present(r.low) else " <small>[—]</small>")
            clear = _present(r.low) and (r.low > 0 or r.high < 0)
            n = (f"{int(r.n_incidents)} incident{'s' if r.n_incidents != 1 else ''} · "
                 f"{counted(r.n_units, m.unit)}")
            tip = (f"{m.label}: {fmt(r.effect, m)} {unit_text(m)} against the incidents' "
                   f"baselines; {n}; {int(r.n_articles)} article"
                   f"{'s' if r.n_articles != 1 else ''}"
                   + (f"; no interval: {r.no_interval}" if r.no_interval else ""))
            tds.append(f'<td class="fr-num{" fr-clear" if clear else ""}" '
                       f'title="{evidence.esc(tip)}"><a href="#{cell_id(oid[outlet], m.name)}">'
                       f"{evidence.esc(fmt(r.effect, m))}{interval}<br>"
                       f"<small>{evidence.esc(n)}</small></a></td>")
        new = (' class="fr-newgroup"' if i and most[shown[i - 1]] >= ACROSS
               and most[outlet] < ACROSS else "")
        rows.append(f'<tr{new}><th scope="row" title="{evidence.esc(outlet)}">'
                    f"{evidence.esc(outlet_label(outlet))}</th>"
                    f'<td class="fr-num">{int(most[outlet])}</td>{"".join(tds)}</tr>')
    table = ('<table class="fr-table fr-outlets fr-sortable" id="profile"><thead><tr>'
             '<th scope="col" data-col="0">outlet</th>'
             '<th scope="col" data-col="1" title="most incidents behind one of its cells">'
             f"incidents</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return OUTLETS_CSS + evidence.scroll(table)


def _where(sent_id: int) -> str:
    return "headline" if sent_id == 0 else f"sentence {sent_id}"


def sentences_html(rows: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                   limit: int = MAX_SENTENCES) -> str:
    """Evidence rows as sentences, grouped by article (its outlet and headline) and
    sentence (every unit of one sentence marked in it: amber if the measure counts it,
    grey if it only reads it; what each is said beside it); sentences with nothing counted
    are greyed. At most ``limit`` sentences."""
    if rows.empty:
        return ""
    sent = sentences.set_index(["incident", "article_id", "sent_id"])
    head = articles.set_index(["incident", "article_id"])
    keys = list(dict.fromkeys(zip(rows["incident"], rows["article_id"],
                                  rows["sent_id"].astype(int), strict=True)))
    by_key = {k: g for k, g in rows.groupby(["incident", "article_id", "sent_id"])}
    items, last = [], None
    for key in keys[:limit]:
        if key not in sent.index:
            continue
        group = by_key[key]
        s = sent.loc[key]
        hits = group[group["counted"].astype(bool)]
        marks = [{"start": int(r.start) - int(s["start"]), "end": int(r.end) - int(s["start"]),
                  "color": COUNTED if r.counted else NOT_COUNTED}
                 for r in group.sort_values("counted", ascending=False).itertuples()
                 if _present(r.start) and _present(r.end)]
        marks = [m for m in marks if 0 <= m["start"] < m["end"] <= len(str(s["text"]))]
        details = "; ".join(dict.fromkeys(str(d) for d in group["detail"]))
        article = (key[0], key[1])
        if article != last:
            art = head.loc[article]
            outlet = group["article_outlet"].iloc[0]
            items.append(f'<li class="fr-article-head"><b>{evidence.esc(outlet)}</b>, '
                         f"“{evidence.esc(evidence.short_label(str(art['title']), 100))}” "
                         f"<small>({evidence.esc(key[1])})</small></li>")
            last = article
        cls = "" if len(hits) else ' class="fr-uncounted"'
        items.append(f"<li{cls}><small>{_where(key[2])} · {evidence.esc(details)}</small>"
                     f'<blockquote class="fr-sentence">'
                     f"{evidence.highlight(str(s['text']), marks, fill=True)}</blockquote></li>")
    more = (f'<p class="fr-more"><small>{len(keys) - limit} more sentence'
            f"{'s' if len(keys) - limit != 1 else ''} in <code>data/outlets_evidence.csv</code>."
            "</small></p>" if len(keys) > limit else "")
    return f'<ul class="fr-sentences">{"".join(items)}</ul>{more}'


def _cell_rows(evidence_frame: pd.DataFrame, outlet: str, incident: str, measure: str,
               side: str) -> pd.DataFrame:
    """The evidence of one outlet's measure in one incident, counted units first; for a
    side-based measure, every casting (sourced sentence) of the outlet, those of the
    reference side counted."""
    source = CONSENSUS.get(measure, (measure, None))[0]
    rows = evidence_frame[(evidence_frame["outlet"] == outlet)
                          & (evidence_frame["incident"] == incident)
                          & (evidence_frame["measure"] == source)]
    if measure in CONSENSUS:
        rows = rows.assign(counted=rows["side"] == side)
    return rows.sort_values(["counted", "article_id", "sent_id"],
                            ascending=[False, True, True], kind="stable")


def evidence_html(result: dict[str, object], order: list[str]) -> str:
    """Every profile cell's evidence block: the profile value with its interval, then per
    incident the outlet's value, the pooled baseline, the deviation, what it rests on and
    the sentences behind it (for a side-based measure, the reference side and how the
    other outlets cast it)."""
    profile: pd.DataFrame = result["profile"]
    deviations: pd.DataFrame = result["deviations"]
    references: pd.DataFrame = result["references"]
    frame: pd.DataFrame = result["evidence"]
    incidents = {i.slug: i for i in result["incidents"]}
    oid = outlet_ids(order)
    by_cell = {k: g for k, g in deviations.groupby(["outlet", "measure"])}
    by_evidence = {k: g for k, g in frame.groupby(["outlet", "incident", "measure"])}
    refs = references.set_index(["incident", "outlet", "role"])
    blocks = []
    for r in profile.itertuples():
        m = MEASURES[r.measure]
        interval = (f"95% interval {fmt(r.low, m)} to {fmt(r.high, m)}"
                    if _present(r.low) else f"no interval: {r.no_interval}")
        parts = [f'<section class="fr-cell" id="{cell_id(oid[r.outlet], r.measure)}">'
                 f"<h4>{evidence.esc(r.outlet)} · {evidence.esc(m.label)}</h4>"
                 f'<p><b>{evidence.esc(fmt(r.effect, m))}</b> {unit_text(m)} against the '
                 f"incidents' baselines ({evidence.esc(interval)}): the mean of its "
                 f"deviations in {r.n_incidents} incident{'s' if r.n_incidents != 1 else ''}. "
                 '<a href="#profile">Back to the profile</a></p>']
        for d in by_cell.get((r.outlet, r.measure), pd.DataFrame()).itertuples():
            inc = incidents[d.incident]
            ref = ""
            if r.measure in CONSENSUS:
                role = CONSENSUS[r.measure][1]
                if (d.incident, r.outlet, role) in refs.index:
                    ref_row = refs.loc[(d.incident, r.outlet, role)]
                    ref = (f" The other outlets cast <b>{evidence.esc(inc.side_name(d.side))}"
                           f"</b> as {role} most ({int(ref_row['others_castings'])} of "
                           f"their {int(ref_row['others_total'])} {role} castings); the "
                           f"share below is of the outlet's {m.unit} that "
                           + ("name" if "castings" in m.unit else "come from")
                           + " that side.")
                    if not result["reviewed"].get(d.incident, True):
                        ref += (" <i>The sides of this incident were proposed from named "
                                "entities (each actor its own side) and not reviewed.</i>")
            parts.append(
                f"<h5>{evidence.esc(inc.title)}</h5>"
                f'<p class="fr-dev">Its {evidence.esc(fmt(d.value, m, False))} against the '
                f"incident's {evidence.esc(fmt(d.baseline, m, False))} (every outlet's "
                f"articles pooled): <b>{evidence.esc(fmt(d.deviation, m))}</b>; "
                f"{int(d.n_articles)} article{'s' if d.n_articles != 1 else ''}, "
                f"{counted(d.n_units, m.unit)}.{ref}</p>"
                + sentences_html(_cell_rows(by_evidence.get(
                    (r.outlet, d.incident, CONSENSUS.get(r.measure, (r.measure,))[0]),
                    frame.iloc[:0]), r.outlet, d.incident, r.measure, d.side),
                    result["sentences"], result["articles"]))
        parts.append("</section>")
        blocks.append("".join(parts))
    return OUTLETS_CSS + "".join(blocks)


def articles_html(result: dict[str, object], order: list[str]) -> str:
    """Every coverage cell's block: the outlet's articles on the incident, each with its
    headline and first sentence."""
    articles: pd.DataFrame = result["articles"]
    sentences: pd.DataFrame = result["sentences"]
    incidents = [i for i in result["incidents"]]
    oid = outlet_ids(order)
    iid = incident_ids([i.slug for i in incidents])
    lead = sentences[sentences["sent_id"] <= 1]
    blocks = []
    for inc in incidents:
        mine = articles[articles["incident"] == inc.slug]
        for outlet, arts in mine.groupby("outlet"):
            rows = lead[(lead["incident"] == inc.slug)
                        & lead["article_id"].isin(arts["article_id"])]
            rows = rows.assign(article_outlet=outlet, counted=True, start=None, end=None,
                               detail=[("published " + str(p) if _present(p) else "undated")
                                       for p in rows["article_id"].map(
                                           dict(zip(arts["article_id"], arts["published"],
                                                    strict=True)))])
            n = len(arts)
            blocks.append(
                f'<section class="fr-cell" id="{coverage_id(oid[outlet], iid[inc.slug])}">'
                f"<h4>{evidence.esc(outlet)} on {evidence.esc(inc.title)}</h4>"
                f"<p>{n} article{'s' if n != 1 else ''}, {int(arts['words'].sum()):,} words; "
                "headline and first sentence of each. "
                '<a href="#coverage">Back to the matrix</a></p>'
                + sentences_html(rows.sort_values(["article_id", "sent_id"]), sentences,
                                 articles, limit=2 * n) + "</section>")
    return OUTLETS_CSS + "".join(blocks)


def side_table(result: dict[str, object]) -> pd.DataFrame:
    """The per-incident, per-side deviations (castings and voice) with sides by name, for
    reading within one incident."""
    frame: pd.DataFrame = result["side_deviations"]
    incidents = {i.slug: i for i in result["incidents"]}
    if frame.empty:
        return frame
    out = frame.drop(columns=["article_ids"]).copy()
    out["side"] = [incidents[i].side_name(s) for i, s in zip(out["incident"], out["side"],
                                                              strict=True)]
    out["measure"] = out["measure"].map({"villain_share": "villain castings",
                                         "victim_share": "victim castings",
                                         "voice_share": "sourced words"})
    for col in ("value", "baseline", "deviation"):
        out[col] = (100 * out[col]).round(1)
    return out.rename(columns={"value": "share %", "baseline": "pooled %",
                               "deviation": "deviation (pp)", "measure": "share of",
                               "n_units": "n"})


def reference_table(result: dict[str, object]) -> pd.DataFrame:
    """Each outlet's reference sides per incident, by name."""
    frame: pd.DataFrame = result["references"]
    incidents = {i.slug: i for i in result["incidents"]}
    if frame.empty:
        return frame
    return frame.assign(side=[incidents[i].side_name(s) for i, s in
                              zip(frame["incident"], frame["side"], strict=True)]).rename(
        columns={"side": "the others cast most", "others_castings": "their castings of it",
                 "others_total": "all their castings"})



def plot_frame(profile: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """The profile of ``outlets`` as :func:`framing.report.plots.outlet_effects` draws it:
    one panel per measure (its label and unit), shares in percentage points."""
    rows = profile[profile["outlet"].isin(outlets)]
    scale = rows["measure"].map(lambda m: 100.0 if MEASURES[m].share else 1.0)
    return pd.DataFrame({
        "outlet": rows["outlet"],
        "panel": rows["measure"].map(lambda m: f"{MEASURES[m].label} "
                                               f"({'pp' if MEASURES[m].share else 'rate'})"),
        "effect": rows["effect"] * scale, "low": rows["low"] * scale,
        "high": rows["high"] * scale, "n_incidents": rows["n_incidents"]})
