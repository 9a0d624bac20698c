"""DuckDB over the corpus store: the embedded query engine on one machine.

``articles`` is a view over ``STORE/articles/**/*.parquet`` with Hive partitioning, so
``WHERE date BETWEEN ... AND outlet = ...`` reads only the matching folders; the
per-article stage's tables are views too (``stage_sentences``, ``stage_documents``) when
present. Example::

    framing corpus query --store corpus/ "SELECT outlet_name, count(*) FROM articles GROUP BY 1"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import duckdb

    from framing.store.dataset import CorpusStore


def _glob(folder) -> str:
    return str(folder / "**" / "*.parquet").replace("'", "''")


def connect(store: CorpusStore) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the store's tables as views."""
    import duckdb

    con = duckdb.connect(":memory:")
    if store.parts:
        con.execute("CREATE VIEW articles AS SELECT * FROM read_parquet("
                    f"'{_glob(store.articles_dir)}', hive_partitioning = true, "
                    "hive_types_autocast = false, union_by_name = true)")
    for table in ("sentences", "documents", "entries"):  # every model fingerprint's parts
        if any(store.stages_dir.glob(f"*/{table}/*.parquet")):
            files = str(store.stages_dir / "*" / table / "*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW stage_{table} AS SELECT * FROM "
                        f"read_parquet('{files}', union_by_name = true)")
    return con


def query(store: CorpusStore, sql: str) -> pd.DataFrame:
    """Run one SQL statement over the store's views and return its result."""
    con = connect(store)
    try:
        return con.execute(sql).df()
    finally:
        con.close()
