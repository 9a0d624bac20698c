"""Blame: harm events with agent and target, agency voice, blame and denial, attribution."""

from framing.blame.analysis import (
    NARRATOR,
    accuser_table,
    agent_target_matrix,
    findings,
    profile,
    stance_by_side,
    tables,
    voice_by_victim,
)

__all__ = ["NARRATOR", "accuser_table", "agent_target_matrix", "findings", "profile",
           "stance_by_side", "tables", "voice_by_victim"]
