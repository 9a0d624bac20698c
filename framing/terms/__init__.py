"""Loaded terms: charged words, labels, scare quotes, distinctive terms and naming choices."""

from framing.terms.analysis import (
    CATEGORIES,
    findings,
    highlight_spans,
    labeling_table,
    outlet_words,
    place_usage,
    profile,
    tables,
    term_occurrences,
    top_distinctive,
    with_sentences,
)

__all__ = ["CATEGORIES", "findings", "highlight_spans", "labeling_table", "outlet_words",
           "place_usage", "profile", "tables", "term_occurrences", "top_distinctive",
           "with_sentences"]
