"""Templated findings and profile lines of the loaded-terms analysis (report prose).

Read the tables of :func:`framing.terms.analysis.tables`; each template and threshold is
stated in :func:`findings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from framing.core.findings import PRONOUNS, Finding, source_name
from framing.core.voice import DIRECT_QUOTE
from framing.terms.detect import OUTLET, SCARE_QUOTE, SOURCE_VOICES, term_rates
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
    "quoted": "Loaded words the outlets quote",
}
#: Lexicon categories whose words, in a source's mouth, make "outlet quotes X saying" a
#: finding (hedges and doubt markers are the reporting itself, not the source's framing).
QUOTED_CATEGORIES = ("delegitimising label", "conflict intensifier", "emotional and moral")
#: How an outlet carries a source's words, by the voice of the span.
CARRY_VERBS = {"direct_quote": "quotes", "reported": "reports", "attributed": "reports"}


def _quote_list(values: Iterable[str], limit: int = 5) -> str:
    items = list(dict.fromkeys(values))
    shown = ", ".join(f"“{v}”" for v in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def own_voice(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` in the outlet's own voice (``voice`` "outlet"): words it quotes,
    reports or attributes to a source are the source's (:mod:`framing.core.voice`)."""
    if len(frame) and "voice" in frame:
        return frame[frame["voice"] == OUTLET]
    return frame


def unquoted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` outside direct quotations: how an outlet *names* an actor or
    place is its own wording in indirect speech too ("Baku said Karabakh forces fired"), so
    naming leaves out only the source's literal words (``voice`` "direct_quote")."""
    if len(frame) and "voice" in frame:
        return frame[frame["voice"] != DIRECT_QUOTE]
    return frame


def quoted_terms(terms: pd.DataFrame) -> pd.DataFrame:
    """Loaded lexicon words in a source's voice (quoted, reported or attributed) of
    :data:`QUOTED_CATEGORIES`: what each outlet chooses to quote."""
    if not len(terms) or "voice" not in terms:
        return terms.iloc[0:0] if len(terms.columns) else terms
    return terms[terms["voice"].isin(SOURCE_VOICES) & terms["category"].isin(QUOTED_CATEGORIES)]


def _named_row(rows: pd.DataFrame) -> pd.Series:
    """The row of one source's words whose ``source_text`` names it best (the longest that
    is not a pronoun: "Turkish President Recep Tayyip Erdogan" rather than "he")."""
    def score(text: object) -> int:
        if not isinstance(text, str) or text.lower() in PRONOUNS:
            return -1
        return len(text)
    return rows.iloc[max(range(len(rows)), key=lambda i: score(rows.iloc[i].get("source_text")))]


def _source_key(row: pd.Series) -> str:
    actor = row.get("source_actor")
    return actor if isinstance(actor, str) and actor else "~unnamed"


def _own(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The outlet's own terms (``voice`` "outlet": words it quotes, reports or attributes are
    the source's, not the outlet's) and their per-outlet rates (:func:`term_rates`)."""
    terms = own_voice(tables.get("terms", pd.DataFrame()))
    rates = tables.get("term_rates", pd.DataFrame())
    if len(rates):
        words = rates.drop_duplicates("outlet").set_index("outlet")["words"]
        rates = term_rates(terms, words, PROJECT_CATEGORIES)
    return terms, rates


def findings(tables: dict[str, pd.DataFrame], incident) -> list[Finding]:
    """Templated findings of the loaded-terms analysis.

    Templates and thresholds:
    1. Place names: for each contested place used by two or more outlets whose most-used
       name differs (a short form counts as its full name: :func:`full_forms`), "Outlets
       name <place> differently: A says “x” (n×, k inside names), B says “y” (m×)" (names
       inside actor names counted, and said so).
    2. Category use: an outlet with at least 2 hits of one of the five lexicon categories
       whose rate per 1,000 words is at least 1.5 times every other outlet's: "<outlet>
       uses <n> <category> terms in its own words (<r> per 1,000 words; others: ...): “a”,
       “b”" (voice ``outlet`` only: words it quotes, reports or attributes are left out).
    3. Scare quotes: each outlet with at least one in its own voice (not attributed to a
       speaker): "<outlet> puts <n> short phrase(s) in quotation marks of its own: “…”".
    4. Quoted loaded words: for each outlet and source whose quoted, reported or attributed
       words include a delegitimising label, conflict intensifier or emotional word
       (:data:`QUOTED_CATEGORIES`): "<outlet> quotes <source> saying “provocations”
       (delegitimising label)" ("reports ... saying" for indirect speech) — whose charged
       words an outlet chooses to carry, kept apart from what the outlet says itself.
    5. Labels: for each actor mentioned by two or more outlets whose most frequent
       referring expressions outside direct quotations (demonyms that only modify another
       noun left out) differ, each outlet's top expression used at least twice and more
       often than its next, outlets grouped by their word: "<actor> is most often called
       “x” in A n×, C k×; “y” in B m×".
    Place names and labels leave out direct quotations (:func:`unquoted`). Strength orders
    them: place names 3, category use 2 + ratio/10, labels 1.5, quoted words 1.2 (+0.3
    with a delegitimising label), scare quotes 1.
    """
    out: list[Finding] = []
    terms, rates = _own(tables)
    places = unquoted(tables.get("place_names", pd.DataFrame()))
    labels = unquoted(tables.get("actor_labels", pd.DataFrame()))
    outlets = incident.outlets

    for place, group in places.groupby("place", sort=False) if len(places) else []:
        tops = {o: g["variant"].value_counts() for o, g in group.groupby("outlet", sort=False)}
        full = full_forms(group["variant"])
        if len(tops) >= 2 and len({full[c.index[0]] for c in tops.values()}) > 1:
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
                    text=(f"{outlet} uses {n} {cat} term{'s' if n != 1 else ''} in its own "
                          f"words ({r:.1f} per 1,000 words; {other_txt}): "
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
                      f"quotation marks of its own: {_quote_list(q['text'])}."),
                analysis="terms", outlet=outlet,
                section=HEADINGS["articles"], evidence=q, strength=1.0))

    out.extend(_quoted_findings(tables.get("terms", pd.DataFrame()), incident))

    if len(labels):
        # a person (a spokesman, a minister) is another referent, not a name for the actor
        referring = labels[(labels["form"] != "modifier") & (labels["kind"] != "person")]
        for actor_id, group in referring.groupby("actor_id", sort=False):
            # "Police" opening a sentence and "police" are one naming choice: counted
            # case-folded, shown in lower case where an outlet writes it so, else as most
            # often written ("India")
            folded = group["expression"].str.casefold()
            shown = group["expression"].groupby(folded).agg(
                lambda s: s.str.casefold().iloc[0] if (s == s.str.casefold()).any()
                else s.value_counts().index[0])
            tops = {}
            for o, f in folded.groupby(group["outlet"]):
                counts = f.value_counts()
                counts.index = shown.loc[counts.index].to_numpy()
                tops[o] = counts
            # "most often" needs a clear top: used twice or more, more than the runner-up
            tops = {o: c for o, c in tops.items()
                    if c.iloc[0] >= 2 and (len(c) == 1 or c.iloc[0] > c.iloc[1])}
            if len(tops) < 2:
                continue
            firsts = {o: c.index[0] for o, c in tops.items()}
            if len(set(firsts.values())) < 2:
                continue
            try:
                name = incident.actor(actor_id).name
            except KeyError:
                name = actor_id
            by_word: dict[str, list[str]] = {}
            for o, e in firsts.items():
                by_word.setdefault(e, []).append(f"{o} {int(tops[o].iloc[0])}×")
            parts = [f"“{e}” in {', '.join(outs)}" for e, outs in
                     sorted(by_word.items(), key=lambda kv: -len(kv[1]))]
            out.append(Finding(
                text=f"{name} is most often called " + "; ".join(parts) + ".",
                analysis="terms", outlet=None,
                section=HEADINGS["labels"], evidence=group,
                strength=1.5))
    return sorted(out, key=lambda f: -f.strength)


def full_forms(variants: pd.Series) -> dict[str, str]:
    """Each variant's name: variants are one name when one's words are all in the other
    ("courthouse", "county courthouse", "Kenosha County Courthouse"; "Ladakh", "eastern
    Ladakh") or one is the other's initials ("LAC", "Line of Actual Control"), and a
    group is named by its longest variant. A short form of the same name is not a naming
    choice; a different name is ("Artsakh" against "Nagorno-Karabakh")."""
    def words(v: str) -> frozenset[str]:
        return frozenset(re.findall(r"[\w']+", v.lower()))

    def initials(v: str) -> str:
        return "".join(w[0] for w in re.findall(r"[\w']+", v) if w[0].isupper()).lower()

    names = sorted(set(map(str, variants)), key=lambda v: (-len(words(v)), v.lower(), v))
    group = {v: v for v in names}

    def root(v: str) -> str:
        while group[v] != v:
            v = group[v]
        return v

    for i, a in enumerate(names):
        for b in names[i + 1:]:
            same = words(b) <= words(a) or (
                b.isupper() and len(b) > 1 and b.lower() == initials(a))
            if same and root(a) != root(b):
                # the longer name (earlier in ``names``) stays the root
                ra, rb = sorted((root(a), root(b)), key=names.index)
                group[rb] = ra
    return {v: root(v) for v in names}


def _carried(rows: pd.DataFrame) -> str:
    """“word” (category) items of one source's words, most frequent first."""
    items = rows.assign(w=rows["text"].str.lower()).groupby(["w", "category"], sort=False
                                                           ).size()
    items = items.sort_values(ascending=False, kind="stable")
    return ", ".join(f"“{w}” ({cat})" + (f" ×{n}" if n > 1 else "")
                     for (w, cat), n in items.items())


def _quoted_findings(terms: pd.DataFrame, incident) -> list[Finding]:
    """Finding 4 of :func:`findings`: "<outlet> quotes <source> saying “…”"."""
    out: list[Finding] = []
    quoted = quoted_terms(terms)
    if not len(quoted):
        return out
    quoted = quoted.assign(_source=[_source_key(r) for _, r in quoted.iterrows()])
    for (outlet, _), rows in quoted.groupby(["outlet", "_source"], sort=False):
        name = source_name(_named_row(rows), incident)
        verbs = {CARRY_VERBS.get(v, "quotes") for v in rows["voice"]}
        verb = "quotes" if verbs == {"quotes"} else "reports" if verbs == {"reports"} \
            else "quotes and reports"
        delegit = (rows["category"] == "delegitimising label").any()
        out.append(Finding(
            text=(f"{outlet} {verb} {name} saying {_carried(rows)}: the source's words, "
                  "not the outlet's own."),
            analysis="terms", outlet=outlet, section=HEADINGS["quoted"],
            evidence=rows.drop(columns="_source"), strength=1.2 + (0.3 if delegit else 0.0)))
    return out


def profile(tables: dict[str, pd.DataFrame], incident) -> pd.DataFrame:
    """Profile lines (rows) × outlets: loaded-term rates and words (the outlet's own words),
    scare quotes of its own, the loaded words it quotes and from whom, names (outside
    direct quotations), top terms."""
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
    quoted = quoted_terms(tables.get("terms", pd.DataFrame()))
    if len(quoted):
        line = {}
        for outlet in outlets:
            sub = quoted[quoted["outlet"] == outlet]
            parts = []
            for _, g in sub.groupby([_source_key(r) for _, r in sub.iterrows()], sort=False):
                parts.append(f"{source_name(_named_row(g), incident)}: "
                             f"{_quote_list(g['text'].str.lower(), 3)}")
            line[outlet] = "; ".join(parts) or "—"
        rows["Loaded words it quotes (source: words)"] = line
    sents = tables.get("loaded_sentences", pd.DataFrame())
    if len(sents):
        rows["Loaded sentences (BABE-trained detector)"] = {
            o: f"{int(g['loaded'].sum())} of {len(g)}" for o, g in sents.groupby("outlet")}
    places = unquoted(tables.get("place_names", pd.DataFrame()))
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
    frame["section"] = [_line_section(line) for line in frame.index]
    return frame


def _line_section(line: str) -> str:
    """The heading of the loaded-terms page that shows a profile line's evidence."""
    for start, key in (("Loaded words it quotes", "quoted"), ("Loaded sentences", "sentences"),
                       ("Names for", "places"), ("Most distinctive", "distinctive")):
        if line.startswith(start):
            return HEADINGS[key]
    return HEADINGS["rates"]  # rates, each category's words, scare quotes

