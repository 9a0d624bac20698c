"""Sentiment: sentence and article sentiment, and sentiment toward each actor."""

from framing.sentiment.analysis import LABELS, findings, get_backend, profile, tables

__all__ = ["LABELS", "findings", "get_backend", "profile", "tables"]
