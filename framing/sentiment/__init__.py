"""Sentiment: sentence and article sentiment, and sentiment toward each actor.

Modules: :mod:`~framing.sentiment.interface` (labels, backend protocol, score),
:mod:`~framing.sentiment.backends` (VADER, Hugging Face, :func:`get_backend`),
:mod:`~framing.sentiment.target_model` (the offline MiniLM target-sentiment model),
:mod:`~framing.sentiment.scoring` (sentence, target and document sentiment),
:mod:`~framing.sentiment.aggregate` (per-outlet means with bootstrap intervals),
:mod:`~framing.sentiment.analysis` and :mod:`~framing.sentiment.summary` (report prose).
"""

from framing.sentiment.analysis import tables
from framing.sentiment.backends import get_backend
from framing.sentiment.interface import LABELS
from framing.sentiment.summary import findings, profile

__all__ = ["LABELS", "findings", "get_backend", "profile", "tables"]
