"""The sentiment analysis of one incident as tables (what the notebook and report read)."""

from __future__ import annotations

import pandas as pd

from framing.core.pipeline import Parsed
from framing.sentiment.aggregate import actor_sentiment, distribution, extremes
from framing.sentiment.backends import get_backend
from framing.sentiment.interface import SentimentBackend
from framing.sentiment.scoring import document_sentiment, sentence_sentiment, target_sentiment

__all__ = ["tables"]


def tables(parsed: Parsed, sentiment_model: SentimentBackend | str | None = None
           ) -> dict[str, pd.DataFrame]:
    """Sentence, document and actor-targeted sentiment of an incident, and their aggregates.

    Tables: ``sentences`` (every sentence: label, probabilities, score, trajectory, VADER),
    ``targets`` (every actor mention: sentiment of its sentence toward it), ``documents``
    (per article), ``by_actor`` and ``by_side`` (per outlet: mean targeted score with a
    bootstrap 95% interval, counts, small-sample flag), ``distribution`` (sentence labels per
    outlet) and ``extremes`` (most negative / positive sentences per outlet × actor).
    ``sentiment_model``: ``None`` = the offline MiniLM default, ``"vader"``, or a Hugging Face
    model.
    """
    backend = get_backend(sentiment_model)
    sentences = sentence_sentiment(parsed, backend)
    targets = target_sentiment(parsed, backend)
    return {
        "sentences": sentences,
        "targets": targets,
        "documents": document_sentiment(sentences, parsed, backend),
        "by_actor": actor_sentiment(targets, "actor_id"),
        "by_side": actor_sentiment(targets, "side"),
        "distribution": distribution(sentences),
        "extremes": extremes(targets),
    }
