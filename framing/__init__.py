"""framing: source-bias and framing analysis of how several outlets cover one incident.

The package holds the logic the notebooks call: the corpus model (`corpus`, `actors`), the
offline NLP stack (`nlp`, `encoders`), the analyses (`terms`, `blame`, `sentiment`,
`coverage`) and the report pipeline (`report`). Every analysis returns a tidy DataFrame keyed
by ``article_id, outlet, sent_id, start, end`` so each figure can show its evidence.
"""

__version__ = "0.1.0"
