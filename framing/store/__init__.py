"""The corpus store: articles beyond one incident folder, and their per-article stage as data.

- :mod:`~framing.store.identity`: stable keys (article content hash, normalised URL, text
  hash, sentence keys) — every id is derived from content, never from row order;
- :mod:`~framing.store.sources`: readers for what ``framing corpus import`` accepts (incident
  folders, JSONL, CSV, saved HTML, Media Cloud / GDELT-style CSV exports), every bad row
  named by file and line;
- :mod:`~framing.store.dataset`: the Parquet dataset (partitioned by date and outlet) and
  de-duplication; :mod:`~framing.store.query`: DuckDB over it;
- :mod:`~framing.store.importer`: the import with its rejected-rows report;
- :mod:`~framing.store.stages`: the per-article stage (parse, sentences, loaded-term scores,
  sentence vectors) written as Parquet keyed by article hash and model fingerprint;
- :mod:`~framing.store.cluster`: running that stage on Dask (LocalCluster or a scheduler
  address), models loaded once per worker.
"""
