"""Portrayal: whom each outlet casts as villain, victim or hero, and in whose voice.

- :mod:`.mentions` — one mention per phrase ("Turkish President Recep Tayyip Erdogan").
- :mod:`.roles` — the role the sentence structure gives each mention (blame's events and
  statements, helping verbs).
- :mod:`.aggregate` — per outlet × actor: role shares and tone by voice, with intervals.
- :mod:`.analysis` / :mod:`.summary` — the tables, findings and profile lines.
"""

from framing.portrayal.analysis import tables
from framing.portrayal.summary import findings, profile

__all__ = ["tables", "findings", "profile"]
