"""The loaded-terms analysis of one incident as tables (what the notebook and report read)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame
from framing.terms.detect import detect_terms, learned_scores, outlet_words, term_rates
from framing.terms.distinctive import distinctive_terms
from framing.terms.labels import actor_labels, place_names


def tables(parsed: Parsed, *, learned: bool = True, extra: Iterable[str] = ()
           ) -> dict[str, pd.DataFrame]:
    """Every table of the loaded-terms analysis for one incident.

    - ``terms``: lexicon hits, scare quotes and learned word hits (:data:`TERM_COLUMNS`).
    - ``term_rates``: hits per outlet × category and per 1,000 words (article_id etc. of the
      first hit, for the evidence link).
    - ``loaded_sentences``: every sentence with the detector's loaded probability.
    - ``distinctive_terms``: Fightin' Words log-odds and z per outlet, lemmas and bigrams.
    - ``actor_labels``: each actor mention and the expression used for the actor.
    - ``place_names``: each use of a contested place's names.
    """
    terms = detect_terms(parsed, learned=False, extra=extra)
    if learned:
        words, sentences = learned_scores(parsed)
        terms = pd.concat([t for t in (terms, words) if len(t)] or [terms], ignore_index=True)
    else:
        sentences = empty_frame([*KEY_COLUMNS, "text", "p_loaded", "loaded"])
    rates = term_rates(terms, outlet_words(parsed))
    firsts = terms.drop_duplicates(["outlet", "category"]).set_index(["outlet", "category"])
    for col in ("article_id", "sent_id", "start", "end"):
        rates[col] = [firsts[col].get((o, c)) if (o, c) in firsts.index else None
                      for o, c in zip(rates["outlet"], rates["category"], strict=True)]
    rates = rates[[*KEY_COLUMNS, "category", "n", "words", "per_1000"]]
    return {
        "terms": terms,
        "term_rates": rates,
        "loaded_sentences": sentences,
        "distinctive_terms": distinctive_terms(parsed),
        "actor_labels": actor_labels(parsed),
        "place_names": place_names(parsed),
    }
