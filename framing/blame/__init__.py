"""Blame: harm events with agent and target, agency voice, blame and denial, attribution.

Modules, from the parse up: :mod:`~framing.blame.lexicons` (the word lists, read from the
TSV files beside it), :mod:`~framing.blame.triggers` (which tokens start a harm event),
:mod:`~framing.blame.events` (agents, targets and agency voice),
:mod:`~framing.blame.statements` (blame, denial and labelling statements),
:mod:`~framing.blame.rows` (one article's rows, resolved to actors, on the shared voice
layer of :mod:`framing.core.voice`), :mod:`~framing.blame.analysis` (the incident's tables and
their aggregations) and :mod:`~framing.blame.summary` (the report's findings and profile).
"""

from framing.blame.analysis import (
    accuser_table,
    agent_target_matrix,
    stance_by_side,
    tables,
    voice_by_victim,
)
from framing.blame.rows import NARRATOR
from framing.blame.summary import findings, profile

__all__ = ["NARRATOR", "accuser_table", "agent_target_matrix", "findings", "profile",
           "stance_by_side", "tables", "voice_by_victim"]
