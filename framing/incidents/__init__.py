"""Many incidents: find them in a stream of articles and propose their actors.

- :mod:`~framing.incidents.sources` reads a stream (a folder of incident folders, a folder of
  article files, or a JSONL file) without dropping any article;
- :mod:`~framing.incidents.entities` the named entities of each article's title and lead;
- :mod:`~framing.incidents.similarity` how alike two articles are (MiniLM title + lead
  vectors and IDF-weighted shared entities);
- :mod:`~framing.incidents.blocking` which pairs are compared at all (a time window and a
  shared entity);
- :mod:`~framing.incidents.linkage` average-linkage clustering of the compared pairs;
- :mod:`~framing.incidents.discover` the whole step, and :mod:`~framing.incidents.records`
  the reviewable YAML records it writes;
- :mod:`~framing.incidents.baseline` TF-IDF + single linkage, the baseline it is measured
  against.
"""
