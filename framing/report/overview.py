"""The incident at a glance: who published what, and which actors each article talks about."""

from __future__ import annotations

import pandas as pd

from framing.core import evidence
from framing.core.corpus import Incident
from framing.core.findings import Finding
from framing.core.pipeline import Parsed, articles_frame, with_sentences

#: The overview page's section that holds the wire-copy evidence.
WIRE_SECTION = "Wire copies"


def articles_table(parsed: Parsed) -> pd.DataFrame:
    """One row per article for display: outlet, date, headline, length and actor mentions."""
    frame = articles_frame(parsed).rename(
        columns={"title": "headline", "mentions": "actor mentions"}
    )
    frame["byline"] = frame.byline.fillna("")
    return frame[["outlet", "published", "headline", "byline", "words", "sentences",
                  "actor mentions", "url", "article_id"]]


def mention_counts(parsed: Parsed, by: str = "side") -> pd.DataFrame:
    """Actor mentions per outlet (rows) and side or actor (columns), zeros included."""
    cols = parsed.incident.sides if by == "side" else [a.id for a in parsed.incident.actors]
    table = (
        parsed.mentions.groupby(["outlet", by]).size().unstack(fill_value=0)
        .reindex(index=parsed.incident.outlets, columns=cols, fill_value=0)
    )
    table.columns.name = by
    return table


def mention_evidence(parsed: Parsed) -> pd.DataFrame:
    """Every mention with its sentence: the evidence behind the mention counts."""
    return with_sentences(parsed.mentions, parsed.sentences)[
        ["outlet", "actor_id", "side", "surface", "kind", "sent_id", "sentence", "article_id",
         "start", "end"]
    ]


def side_legend(parsed: Parsed) -> str:
    from framing.report import plots  # matplotlib: loaded by the pages that draw, not the registry

    sides = parsed.incident.sides
    return evidence.legend({s: plots.side_color(s, sides) for s in sides})


def highlighted_articles(parsed: Parsed) -> str:
    """Each article's text (escaped) with actor mentions underlined in their side's colour."""
    from framing.report import plots

    sides = parsed.incident.sides
    blocks = [side_legend(parsed)]
    for article in parsed.incident.articles:
        spans = parsed.mentions[parsed.mentions.article_id == article.id].assign(
            color=lambda f: [plots.side_color(s, sides) for s in f.side],
            title=lambda f: f.actor_id + " (" + f.kind + ")",
        )
        heading = f"{article.outlet} — {article.published or 'undated'}"
        blocks.append(evidence.article_block(heading, article.document, spans))
    return "".join(blocks)


def profile(tables: dict[str, pd.DataFrame], incident) -> pd.DataFrame:
    """Profile lines: article length and actor mentions by side, outlets as columns."""
    articles = tables["articles"].groupby("outlet")[["words", "sentences"]].sum()
    mentions = tables["mentions"].groupby(["outlet", "side"]).size().unstack(fill_value=0)
    rows = {"Articles, words": {}, "Actor mentions by side": {}}
    for outlet in incident.outlets:
        n = int((tables["articles"].outlet == outlet).sum())
        words = int(articles.loc[outlet, "words"]) if outlet in articles.index else 0
        rows["Articles, words"][outlet] = f"{n} article{'s' if n != 1 else ''}, {words} words"
        counts = mentions.loc[outlet] if outlet in mentions.index else pd.Series(dtype=int)
        rows["Actor mentions by side"][outlet] = " · ".join(
            f"{side} {int(counts.get(side, 0))}" for side in incident.sides
        )
    frame = pd.DataFrame(rows).T[incident.outlets]
    frame["section"] = "Actor mentions per outlet"
    return frame


def wire_text(group: pd.DataFrame) -> str:
    """"the same AP text" for copies of one wire story (rows of ``wire_copies``), "the same
    text" when no agency is credited."""
    wire = group.wire.dropna()
    return f"the same {wire.iloc[0]} text" if len(wire) else "the same text"


def findings(tables: dict[str, pd.DataFrame], incident: Incident) -> list[Finding]:
    """Wire copies: "the same AP text in 3 outlets (A, B, C)" — copies of one agency story
    are one source, not independent reports — and, per copy, what its editor changed against
    the reference copy (headline, paragraphs cut, added or rewritten), an editor's framing
    choice (:mod:`framing.core.syndication`)."""
    groups = tables.get("wire_copies", pd.DataFrame())
    changes = tables.get("copy_changes", pd.DataFrame())
    articles = tables["articles"].set_index("article_id")
    out: list[Finding] = []
    for group_id, group in (groups.groupby("group", sort=True) if len(groups) else []):
        heads = articles.loc[list(group.article_id)].reset_index()
        heads = heads.assign(sent_id=0, text=heads.title)[
            ["article_id", "outlet", "sent_id", "text"]]
        what = wire_text(group)
        out.append(Finding(
            f"{what[0].upper()}{what[1:]} appears in {group.n_outlets.iloc[0]} outlets "
            f"({', '.join(group.outlet)}): copies of one story, not independent reports.",
            "overview", None, WIRE_SECTION, heads, strength=2.0 * len(group)))
        for _, rows in changes[changes.group == group_id].groupby("article_id"):
            n = rows.change.value_counts()
            parts = []
            if n.get("headline"):
                head = rows[rows.change == "headline"].iloc[0]
                parts.append(f"changes the headline (“{head.ref_text}” → “{head.text}”)")
            for kind, verb in (("cut", "cuts"), ("added", "adds"), ("rewritten", "rewrites")):
                if n.get(kind):
                    parts.append(f"{verb} {n[kind]} paragraph{'s' if n[kind] > 1 else ''}")
            outlet = rows.outlet.iloc[0]
            ev = rows.assign(text=rows.text.fillna(rows.ref_text))[
                ["article_id", "outlet", "sent_id", "change", "text", "ref_text"]]
            out.append(Finding(
                f"{outlet}'s copy of {wire_text(group)} {', '.join(parts)} against the copy in "
                f"{articles.loc[group_id, 'outlet']}.", "overview", outlet, WIRE_SECTION,
                ev.reset_index(drop=True), strength=float(len(rows))))
    return out
