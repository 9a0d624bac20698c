"""Coverage findings and profile: the report's sentences on what each outlet reports.

Templated findings for the summary page (exclusive facts with quotes, facts every outlet
reports, facts one outlet leaves out, facts one outlet leads with and another buries), each
with its evidence rows and a link to the heading of the coverage page that shows it, and the
coverage lines of the framing profile. The page and its headings are named here only.
"""

from __future__ import annotations

import re

import pandas as pd

from framing.blame.figures import figure_count
from framing.core.corpus import Incident
from framing.core.findings import Finding, source_name
from framing.core.pipeline import KEY_COLUMNS
from framing.coverage.analysis import exclusive_share

#: Headings of the coverage page that findings link to (the notebook's markdown headings).
HEADINGS = {
    "matrix": "Coverage matrix",
    "omission": "Exclusive and omitted facts",
    "emphasis": "Lead or buried",
    "conflicts": "Conflicting claims",
}
MAX_LISTED = 3  # exclusive facts quoted per outlet in a finding


def _salience(rows: pd.DataFrame) -> pd.Series:
    """Order exclusive facts for quoting: longer claims higher in the article first."""
    words = rows["text"].str.split().str.len().clip(upper=30)
    return words * (1.5 - rows["position"].astype(float))


def findings(tables: dict[str, pd.DataFrame], incident) -> list[Finding]:
    """Templated findings on coverage.

    Templates and thresholds:
    - per outlet with at least one exclusive fact (one outlet, no counterpart scoring
      ``exclusive_threshold`` elsewhere): "Only {outlet} reports {n} of the {N} facts
      ({share} of its claims), e.g. “…”" quoting up to 3 exclusive claims of at least 6
      words (longest and earliest first);
    - when at least one fact is reported by every outlet (2+ outlets): "{k} facts are
      reported by all {m} outlets, e.g. “…”";
    - with 3+ outlets, per outlet omitting at least one fact: "{outlet} leaves out {n}
      facts that every other outlet reports";
    - per outlet with at least one fact in its headline or lead that another outlet places
      in its last third: "{outlet} puts {n} facts in its headline or lead that others
      bury in their last third".
    """
    claims = tables["claims"]
    outlets = list(incident.outlets)
    out: list[Finding] = []
    if claims.empty:
        return out
    n_facts = claims["fact_id"].nunique()
    share = exclusive_share(claims, outlets).set_index("outlet")
    ex = tables["exclusive"]
    ex = ex[ex["status"] == "exclusive"]
    for outlet in outlets:
        mine = ex[ex["outlet"] == outlet]
        if mine.empty:
            continue
        quotable = mine[mine["text"].str.split().str.len() >= 6]
        top = quotable.assign(_s=_salience(quotable)).sort_values("_s", ascending=False)
        top = top.drop_duplicates("fact_id").head(MAX_LISTED)
        quotes = "; ".join(f"“{_short(t)}”" for t in top["text"])
        n_ex = mine["fact_id"].nunique()
        text = (f"Only {outlet} reports {n_ex} of the {n_facts} facts "
                f"({share.loc[outlet, 'exclusive_share']:.0%} of its claims)"
                + (f", e.g. {quotes}" if quotes else "") + ".")
        out.append(Finding(text, "coverage", outlet,
                           HEADINGS["omission"],
                           mine[[*KEY_COLUMNS, "fact_id", "text", "sentence"]],
                           strength=float(n_ex)))
    if len(outlets) >= 2:
        shared = claims[claims["status"] == "all"]
        if not shared.empty:
            k = shared["fact_id"].nunique()
            cov = tables["coverage"]
            firsts = cov[cov["fact_id"].isin(shared["fact_id"]) & cov["present"]]
            firsts = firsts.sort_values(["fact_id", "position"]).drop_duplicates("fact_id")
            examples = "; ".join(f"“{_short(t)}”" for t in firsts["text"].head(MAX_LISTED))
            every = "both outlets" if len(outlets) == 2 else f"all {len(outlets)} outlets"
            out.append(Finding(f"{k} facts are reported by {every}, "
                               f"e.g. {examples}.", "coverage", None,
                               HEADINGS["matrix"],
                               shared[[*KEY_COLUMNS, "fact_id", "text"]], strength=float(k)))
    if "n_sources" in claims:
        copied = claims[(claims["n_outlets"] >= 2) & (claims["n_sources"] == 1)]
        for _, group in ([(None, copied)] if len(copied) else []):
            k = group["fact_id"].nunique()
            names = ", ".join(dict.fromkeys(group["outlet"]))
            out.append(Finding(
                f"{k} fact{'s' if k != 1 else ''} shared by {names} rest on one wire story "
                "(copies of one text): one source, not independent confirmation.",
                "coverage", None, HEADINGS["matrix"],
                group[[*KEY_COLUMNS, "fact_id", "n_outlets", "n_sources", "text"]],
                strength=float(k) / 2))
    om = tables["omitted"]
    if len(outlets) >= 3 and not om.empty:
        for outlet, group in om.groupby("omitted_by"):
            n = group["fact_id"].nunique()
            out.append(Finding(f"{outlet} leaves out {n} facts that every other outlet "
                               "reports.", "coverage", str(outlet),
                               HEADINGS["omission"],
                               group[[*KEY_COLUMNS, "fact_id", "text", "sentence"]],
                               strength=float(n)))
    emph = tables["emphasis"]
    buried = emph[emph["buried"]] if not emph.empty else emph
    for outlet, group in (buried.groupby("outlet") if not buried.empty else []):
        n = group["fact_id"].nunique()
        others = ", ".join(sorted(set(group["other_outlet"])))
        out.append(Finding(f"{outlet} puts {n} fact{'s' if n != 1 else ''} in its headline or "
                           f"lead that {others} bur{'y' if ',' in others else 'ies'} in the "
                           "last third.", "coverage", str(outlet),
                           HEADINGS["emphasis"],
                           group[[*KEY_COLUMNS, "fact_id", "text", "other_outlet",
                                  "other_text"]], strength=float(n)))
    return out + conflict_findings(tables.get("conflicts", pd.DataFrame()), incident)


#: Words for the harm classes of conflicting figures ("how many ... were killed").
HARM_WORDS = {"dead": "killed", "wounded": "wounded", "captured": "captured or detained"}


def _sides(conflicts: pd.DataFrame) -> pd.DataFrame:
    """One row per (claim side of a conflict): outlet, value, the sentence behind it and
    whose account it is (``attribution``, "unattributed" for the outlet's own words, and
    the ``speaker_actor`` it resolves to)."""
    unattributed = pd.Series("unattributed", index=conflicts.index)
    nobody = pd.Series(None, index=conflicts.index, dtype=object)

    def side(s: str, key: str) -> pd.DataFrame:
        """Side ``s`` ("a" / "b"); ``key``: the suffix of its article, outlet and sentence
        columns (side a's are the table's key columns, unsuffixed)."""
        return pd.DataFrame({
            "article_id": conflicts[f"article_id{key}"], "outlet": conflicts[f"outlet{key}"],
            "sent_id": conflicts[f"sent_id{key}"], "value": conflicts[f"value_{s}"],
            "text": conflicts[f"text_{s}"],
            "attribution": conflicts.get(f"attribution_{s}", unattributed),
            "speaker_actor": conflicts.get(f"speaker_actor_{s}", nobody),
            "copy": conflicts.get(f"copy_{s}", nobody), "wire": conflicts.get(f"wire_{s}", nobody)})

    return pd.concat([side("a", ""), side("b", "_b")], ignore_index=True).drop_duplicates(
        ["article_id", "sent_id", "value"])


def _figure_key(value: str) -> str:
    """Figures compared as numbers with their strict bound ("Twenty" = "20"; "more than 20"
    is its own), other values as written."""
    number = figure_count(value)
    if number is None:
        return str(value)
    bound = re.match(r"(more than|over|fewer than|less than)\b", str(value), flags=re.I)
    return f"{bound.group(1).lower()} {number}" if bound else str(number)


def _by_value(sides: pd.DataFrame, incident: Incident | None = None,
              voices: bool = False) -> str:
    """ "20 (A, B) vs 3 (C)"; with ``voices`` each outlet's account is named with whose it
    is, as the report names sources (:func:`~framing.core.findings.source_name`):
    "Armenia (“Azerbaijani media” in Asbarez) vs Azerbaijan (The Moscow Times)"."""
    parts = []
    keyed = sides.assign(key=[_figure_key(v) for v in sides.value])
    for key, rows in keyed.groupby("key", sort=False):
        if voices:
            whose = [o if a == "unattributed" else
                     f"{source_name({'source_text': a, 'source_actor': who}, incident)} in {o}"
                     for o, a, who in zip(rows.outlet, rows.attribution,
                                          rows.speaker_actor if incident is not None
                                          else [None] * len(rows), strict=True)]
        else:
            whose = list(rows.outlet)
        parts.append(f"{key} ({', '.join(_one_source_each(whose, rows))})")
    return " vs ".join(parts)


def _one_source_each(whose: list[str], rows: pd.DataFrame) -> list[str]:
    """The names of one side, the outlets that carry one wire story joined as one source:
    "Dawn and Tabla! (one AFP text)" (copies are not independent confirmation)."""
    none = pd.Series(None, index=rows.index, dtype=object)
    copies, wires = rows.get("copy", none), rows.get("wire", none)
    groups: dict[tuple[str, str], list[str]] = {}  # (kind, key) -> names
    agency: dict[tuple[str, str], str] = {}
    for name, copy, wire in zip(whose, copies, wires, strict=True):
        key = ("copy", copy) if isinstance(copy, str) else ("own", name)
        if name not in groups.setdefault(key, []):
            groups[key].append(name)
        if isinstance(wire, str):
            agency[key] = f"{wire} "
    out = []
    for key, names in groups.items():
        if len(names) < 2:
            out.extend(names)
        else:
            out.append(f"{', '.join(names[:-1])} and {names[-1]} "
                       f"(one {agency.get(key, '')}text)")
    return list(dict.fromkeys(out))


def conflict_findings(conflicts: pd.DataFrame, incident: Incident | None = None
                      ) -> list[Finding]:
    """Outlets that disagree, with both sides' sentences (never merged, never an omission):
    per harm class and side, "Outlets disagree on how many of India's people were killed: 20
    (A, B) vs 3 (C)"; and once, "Rival accounts of who is to blame: in n pairs of claims
    about the same events, different sides are named as the wrongdoer ...: India (A, the
    army in B) vs China (C)", each account named with its source when it is a source's, so
    an outlet relaying a claim it disputes is not read as making it. Sides are named as the
    incident names them (side ids when no incident is given)."""
    out: list[Finding] = []
    if conflicts.empty:
        return out

    def named(side: object) -> str:
        return "/".join(incident.side_name(s) for s in str(side).split("/")) \
            if incident is not None else str(side)

    figures = conflicts[conflicts.on == "figure"]
    for (harm, side), rows in figures.groupby(["harm", "target_side"], sort=True):
        sides = _sides(rows)
        word = HARM_WORDS.get(harm, harm)
        if harm == "dead" and sides.text.str.contains(r"\bcasualt", case=False).any():
            word = "killed or counted as casualties"  # "45 casualties" may include wounded
        out.append(Finding(
            f"Outlets disagree on how many of {named(side)}'s people were {word}: "
            f"{_by_value(sides)}.", "coverage", None, HEADINGS["conflicts"],
            sides.reset_index(drop=True), strength=3.0 + len(rows) / 10))
    agents = conflicts[conflicts.on == "agent"]
    if len(agents):
        sides = _sides(agents)
        sides["value"] = [named(v) for v in sides.value]
        out.append(Finding(
            f"Rival accounts of who is to blame: in {len(agents)} "
            f"{'pair' if len(agents) == 1 else 'pairs'} of claims about the "
            f"same events, different sides are named as the wrongdoer (whose account, in "
            f"which outlet): {_by_value(sides, incident, voices=True)}.",
            "coverage", None, HEADINGS["conflicts"], sides.reset_index(drop=True),
            strength=3.0))
    for on, rows in conflicts[~conflicts.on.isin(["figure", "agent"])].groupby("on"):
        sides = _sides(rows)
        out.append(Finding(
            f"Outlets disagree on whether it happened ({on}): {_by_value(sides)}.",
            "coverage", None, HEADINGS["conflicts"], sides.reset_index(drop=True),
            strength=2.5))
    return out


def _short(text: str, n: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def profile(tables: dict[str, pd.DataFrame], incident) -> pd.DataFrame:
    """Coverage lines of the framing profile (columns = outlets)."""
    claims = tables["claims"]
    outlets = list(incident.outlets)
    n_facts = claims["fact_id"].nunique() if not claims.empty else 0
    share = exclusive_share(claims, outlets).set_index("outlet")
    om = tables["omitted"]
    emph = tables["emphasis"]
    rows = {
        "Facts reported (of all facts)": {
            o: f"{share.loc[o, 'facts']} of {n_facts}" for o in outlets},
        "Exclusive facts (share of its claims)": {
            o: f"{share.loc[o, 'exclusive_facts']} ({share.loc[o, 'exclusive_share']:.0%})"
            for o in outlets},
    }
    if len(outlets) >= 3:
        rows["Facts all others report, left out"] = {
            o: str(om.loc[om["omitted_by"] == o, "fact_id"].nunique()) for o in outlets}
    rows["Facts in headline/lead that others bury"] = {
        o: str(emph.loc[(emph["outlet"] == o) & emph["buried"], "fact_id"].nunique())
        if not emph.empty else "0" for o in outlets}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=outlets)
    frame["section"] = [HEADINGS["emphasis"] if line.startswith("Facts in headline")
                        else HEADINGS["omission"] for line in frame.index]
    return frame
