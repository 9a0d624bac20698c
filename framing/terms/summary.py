"""Templated findings and profile lines of the loaded-terms analysis (report prose).

Read the tables of :func:`framing.terms.analysis.tables`; each template and threshold is
stated in :func:`findings`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from framing.core.findings import Finding
from framing.terms.detect import OUTLET, SCARE_QUOTE, term_rates
from framing.terms.distinctive import top_distinctive
from framing.terms.labels import place_usage
from framing.terms.lexicons import PROJECT_CATEGORIES

HEADINGS = {
    "rates": "Loaded terms by outlet and category",
    "distinctive": "Distinctive terms per outlet",
    "labels": "How each outlet names the actors",
    "places": "Contested place names",
    "articles": "Articles with loaded terms highlighted",
    "sentences": "Loaded sentences",
}


def _quote_list(values: Iterable[str], limit: int = 5) -> str:
    items = list(dict.fromkeys(values))
    shown = ", ".join(f"“{v}”" for v in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _own(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The outlet's own terms (``voice`` "outlet": words inside a direct quotation are the
    source's, not the outlet's) and their per-outlet rates (:func:`term_rates`)."""
    terms = tables.get("terms", pd.DataFrame())
    rates = tables.get("term_rates", pd.DataFrame())
    if len(terms) and "voice" in terms:
        terms = terms[terms["voice"] == OUTLET]
    if len(rates):
        words = rates.drop_duplicates("outlet").set_index("outlet")["words"]
        rates = term_rates(terms, words, PROJECT_CATEGORIES)
    return terms, rates


def findings(tables: dict[str, pd.DataFrame], incident) -> list[Finding]:
    """Templated findings of the loaded-terms analysis.

    Templates and thresholds:
    1. Place names: for each contested place used by two or more outlets whose most-used
       name differs, "Outlets name <place> differently: A says “x” (n×, k inside names),
       B says “y” (m×)" (names inside actor names counted, and said so).
    2. Category use: an outlet with at least 2 hits of one of the five lexicon categories
       whose rate per 1,000 words is at least 1.5 times every other outlet's: "<outlet>
       uses <n> <category> terms (<r> per 1,000 words; others: ...): “a”, “b”" (the
       outlet's own words only: terms inside a direct quotation are left out).
    3. Scare quotes: each outlet with at least one: "<outlet> puts <n> short phrase(s) in
       quotation marks: “…”".
    4. Labels: for each actor mentioned by two or more outlets whose most frequent
       referring expressions (demonyms that only modify another noun left out) differ:
       "<actor> is most often “x” in A and “y” in B".
    Strength orders them: place names 3, category use 2 + ratio/10, labels 1.5, quotes 1.
    """
    out: list[Finding] = []
    terms, rates = _own(tables)
    places = tables.get("place_names", pd.DataFrame())
    labels = tables.get("actor_labels", pd.DataFrame())
    outlets = incident.outlets

    for place, group in places.groupby("place", sort=False) if len(places) else []:
        tops = {o: g["variant"].value_counts() for o, g in group.groupby("outlet", sort=False)}
        if len(tops) >= 2 and len({c.index[0] for c in tops.values()}) > 1:
            parts = []
            for o, counts in tops.items():
                g = group[group["outlet"] == o]
                items = []
                for v, n in counts.items():
                    named = int(g[(g["variant"] == v)]["in_name"].sum())
                    items.append(f"“{v}” ({n}×" + (f", {named} inside names)" if named else ")"))
                parts.append(f"{o} says " + ", ".join(items))
            out.append(Finding(
                text=f"Outlets name {place} differently: " + "; ".join(parts) + ".",
                analysis="terms", outlet=None,
                section=HEADINGS["places"],
                evidence=group, strength=3.0))

    if len(rates):
        for cat in PROJECT_CATEGORIES:
            sub = rates[rates["category"] == cat].set_index("outlet")
            for outlet in sub.index:
                n, r = int(sub.at[outlet, "n"]), float(sub.at[outlet, "per_1000"])
                others = sub.drop(outlet)
                if n < 2 or others.empty or (others["per_1000"] * 1.5 > r).any():
                    continue
                ev = terms[(terms["outlet"] == outlet) & (terms["category"] == cat)]
                other_txt = ", ".join(f"{o} {v:.1f}" for o, v in others["per_1000"].items())
                ratio = r / max(others["per_1000"].max(), 0.5)
                out.append(Finding(
                    text=(f"{outlet} uses {n} {cat} term{'s' if n != 1 else ''} "
                          f"({r:.1f} per 1,000 words; {other_txt}): "
                          f"{_quote_list(ev['text'])}."),
                    analysis="terms", outlet=outlet,
                    section=HEADINGS["rates"],
                    evidence=ev, strength=2.0 + min(ratio, 10) / 10))

    quotes = terms[terms["category"] == SCARE_QUOTE] if len(terms) else terms
    for outlet in outlets:
        q = quotes[quotes["outlet"] == outlet] if len(quotes) else quotes
        if len(q):
            out.append(Finding(
                text=(f"{outlet} puts {len(q)} short phrase{'s' if len(q) != 1 else ''} in "
                      f"quotation marks: {_quote_list(q['text'])}."),
                analysis="terms", outlet=outlet,
                section=HEADINGS["articles"], evidence=q, strength=1.0))

    if len(labels):
        referring = labels[labels["form"] != "modifier"]
        for actor_id, group in referring.groupby("actor_id", sort=False):
            tops = {o: g["expression"].value_counts() for o, g in group.groupby("outlet")}
            if len(tops) < 2:
                continue
            firsts = {o: c.index[0] for o, c in tops.items()}
            if len(set(firsts.values())) < 2:
                continue
            try:
                name = incident.actor(actor_id).name
            except KeyError:
                name = actor_id
            parts = [f"“{e}” in {o}" for o, e in firsts.items()]
            out.append(Finding(
                text=f"{name} is most often " + " and ".join(parts) + ".",
                analysis="terms", outlet=None,
                section=HEADINGS["labels"], evidence=group,
                strength=1.5))
    return sorted(out, key=lambda f: -f.strength)


def profile(tables: dict[str, pd.DataFrame], incident) -> pd.DataFrame:
    """Profile lines (rows) × outlets: loaded-term rates (the outlet's own words, not
    quoted ones), scare quotes, names, top terms."""
    outlets = incident.outlets
    terms, rates = _own(tables)
    rows: dict[str, dict[str, str]] = {}
    if len(rates):
        loaded = rates[rates["category"].isin(PROJECT_CATEGORIES)]
        tot = loaded.groupby("outlet")[["n"]].sum().join(
            rates.drop_duplicates("outlet").set_index("outlet")["words"])
        rows["Loaded terms per 1,000 words (lexicons)"] = {
            o: f"{1000 * tot.at[o, 'n'] / tot.at[o, 'words']:.1f} ({int(tot.at[o, 'n'])})"
            for o in outlets if o in tot.index}
        for cat in PROJECT_CATEGORIES:
            sub = terms[(terms["category"] == cat)] if len(terms) else terms
            rows[f"{cat.capitalize()}"] = {
                o: _quote_list(sub[sub["outlet"] == o]["text"].str.lower(), 4) or "—"
                for o in outlets}
    quotes = terms[terms["category"] == SCARE_QUOTE] if len(terms) else terms
    rows["Scare quotes"] = {o: _quote_list(quotes[quotes["outlet"] == o]["text"], 4) or "—"
                            for o in outlets}
    sents = tables.get("loaded_sentences", pd.DataFrame())
    if len(sents):
        rows["Loaded sentences (BABE-trained detector)"] = {
            o: f"{int(g['loaded'].sum())} of {len(g)}" for o, g in sents.groupby("outlet")}
    places = tables.get("place_names", pd.DataFrame())
    if len(places):
        usage = place_usage(places, outlets).set_index("place")
        for place in usage.index:
            rows[f"Names for {place}"] = usage.loc[place].to_dict()
    dist = tables.get("distinctive_terms", pd.DataFrame())
    if len(dist):
        top = top_distinctive(dist, n=5)
        rows["Most distinctive terms (Fightin' Words z)"] = {
            o: ", ".join(g["term"]) for o, g in top.groupby("outlet")}
    frame = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=outlets).fillna("—")
    frame.index.name = "line"
    return frame

