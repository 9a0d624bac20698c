"""Coverage: which facts each outlet reports, leaves out, or buries.

The analysis lines the articles of an incident up claim by claim, one module per step:

- :mod:`~framing.coverage.claims`: claim units (sentences split at clause boundaries) and
  their lexical terms;
- :mod:`~framing.coverage.candidates`: the claim space and each claim's candidate
  counterparts in the other outlets (embeddings plus lexical overlap, blockwise);
- :mod:`~framing.coverage.pairs`: features of a candidate pair and the learned (stacked)
  same-fact regression;
- :mod:`~framing.coverage.same_fact`: the trained same-fact pair scorer (or a user
  cross-encoder), one of the regression's features;
  :mod:`~framing.coverage.same_fact_training` trains it;
- :mod:`~framing.coverage.alignment`: the aligner's parameters and which candidate pairs
  become links;
- :mod:`~framing.coverage.facts`: links grouped into facts (components split by average
  linkage);
- :mod:`~framing.coverage.attribution`: each claim's speaker, from blame's voice table;
- :mod:`~framing.coverage.analysis`: the coverage matrix, exclusive, omitted and buried facts
  (:func:`tables`, the analysis' entry point);
- :mod:`~framing.coverage.summary`: the summary page's findings and profile lines.
"""

from framing.coverage.alignment import default_params
from framing.coverage.analysis import coverage_matrix, exclusive_share, side_by_side, tables
from framing.coverage.summary import findings, profile

__all__ = ["coverage_matrix", "default_params", "exclusive_share", "findings", "profile",
           "side_by_side", "tables"]
