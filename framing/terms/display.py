"""Display of loaded terms in an article: coloured highlight spans for the evidence HTML."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from framing.terms.detect import CATEGORIES


def highlight_spans(terms_frame: pd.DataFrame, article_id: str,
                    categories: Iterable[str] | None = None) -> list[dict]:
    """Spans for :func:`framing.core.evidence.highlight`: one per term, coloured by category.

    The title names the category and lexicon, and whose words the term is when the outlet
    quotes, reports or attributes it (the voice layer). Where categories overlap on one
    span, the first in :data:`CATEGORIES` order wins (so a lexicon label is shown rather
    than its valence or learned duplicate).
    """
    from framing.report.plots import term_color  # pyplot loads only when spans are drawn

    order = {c: i for i, c in enumerate(CATEGORIES)}
    rows = terms_frame[terms_frame["article_id"] == article_id]
    if categories is not None:
        rows = rows[rows["category"].isin(list(categories))]
    rows = rows.assign(_o=rows["category"].map(lambda c: order.get(c, len(order))))
    rows = rows.sort_values(["start", "_o"]).drop_duplicates(["start", "end"])
    return [{"start": int(r.start), "end": int(r.end), "color": term_color(r.category),
             "title": f"{r.category} ({r.lexicon}" + (
                 f", {r.score:.2f})" if r.score is not None and not pd.isna(r.score) else ")")
             + _whose(r)}
            for r in rows.itertuples()]


def _whose(row) -> str:
    """" — the source's words (direct_quote: X)" for a term the outlet quotes, reports or
    attributes; nothing for the outlet's own words (the title is escaped where drawn)."""
    voice = getattr(row, "voice", None)
    if not isinstance(voice, str) or voice == "outlet":
        return ""
    source = getattr(row, "source_text", None)
    return f" — the source's words ({voice}" + (
        f": {source})" if isinstance(source, str) and source else ")")
