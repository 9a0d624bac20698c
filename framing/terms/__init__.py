"""Loaded terms: charged words, labels, scare quotes, distinctive terms and naming choices.

Modules: :mod:`~framing.terms.detect` (lexicon hits, scare quotes, learned hits, rates),
:mod:`~framing.terms.model` (the BABE-trained detector), :mod:`~framing.terms.lexicons`
(lexicon files, loaders, matcher), :mod:`~framing.terms.distinctive` (Fightin' Words
log-odds), :mod:`~framing.terms.labels` (actor labels, place names), :mod:`~framing.terms.senses`
(plain word senses),
:mod:`~framing.terms.analysis`, :mod:`~framing.terms.summary` (report prose) and
:mod:`~framing.terms.display` (highlight spans).
"""

from framing.terms.analysis import tables
from framing.terms.detect import CATEGORIES, outlet_words
from framing.terms.display import highlight_spans
from framing.terms.distinctive import term_occurrences, top_distinctive
from framing.terms.labels import labeling_table, place_usage
from framing.terms.summary import findings, profile, quoted_terms

__all__ = ["CATEGORIES", "findings", "highlight_spans", "labeling_table", "outlet_words",
           "place_usage", "profile", "quoted_terms", "tables", "term_occurrences",
           "top_distinctive"]
