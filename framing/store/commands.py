"""``framing corpus ...``: import sources into a store, query it, run its per-article stage.

Examples::

    framing corpus import data/incidents/x exports/mediacloud.csv feeds/*.jsonl --store corpus/
    framing corpus info --store corpus/
    framing corpus query --store corpus/ "SELECT outlet_name, count(*) FROM articles GROUP BY 1"
    framing corpus process --store corpus/ --scheduler local --workers 2
"""

from __future__ import annotations

import argparse
import sys


def cmd_import(args: argparse.Namespace) -> int:
    from framing.store.dataset import CorpusStore
    from framing.store.importer import import_sources

    report = import_sources(args.sources, CorpusStore(args.store))
    for row in report.rejected:
        where = row["where"] if row["file"] in row["where"] else f"{row['file']}: {row['where']}"
        print(f"rejected: {where.rstrip(': ')}: {row['reason']}", file=sys.stderr)
    print(report.summary())
    return 1 if report.rejected else 0


def cmd_info(args: argparse.Namespace) -> int:
    from framing.store.dataset import CorpusStore
    from framing.store.query import query

    store = CorpusStore(args.store)
    if not store.parts:
        print(f"{store.root}: no articles")
        return 0
    totals = query(store, "SELECT count(*) AS articles, count(DISTINCT outlet_name) AS outlets, "
                          "min(published) AS first, max(published) AS last FROM articles")
    print(totals.to_string(index=False))
    from framing.store.stages import stage_status

    for line in stage_status(store):
        print(line)
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from framing.store.dataset import CorpusStore
    from framing.store.query import query

    frame = query(CorpusStore(args.store), args.sql)
    if args.csv:
        frame.to_csv(sys.stdout, index=False)
    else:
        print(frame.to_string(index=False, max_rows=args.max_rows))
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    from framing.store.cluster import run_stage
    from framing.store.dataset import CorpusStore

    store = CorpusStore(args.store)
    result = run_stage(store, scheduler=args.scheduler, workers=args.workers,
                       spacy_model=args.spacy_model, batch=args.batch)
    print(result.summary())
    return 0


def add_corpus_parser(sub: argparse._SubParsersAction, spacy_help: str) -> None:
    """The ``corpus`` command and its sub-commands (unknown options are errors)."""
    corpus = sub.add_parser("corpus", help="a corpus store: import, info, query, process",
                            description=__doc__.split("\n\n")[0],
                            formatter_class=argparse.RawDescriptionHelpFormatter,
                            epilog=__doc__.split("\n\n", 1)[1])
    actions = corpus.add_subparsers(dest="corpus_command", required=True)

    p = actions.add_parser("import", help="read sources into the store; every bad row is "
                                          "reported with its file and line")
    p.add_argument("sources", nargs="+", metavar="SRC",
                   help="incident folders, folders of articles, .md, .jsonl, .csv (article "
                        "fields or a Media Cloud / GDELT export), .html files")
    p.add_argument("--store", required=True, metavar="DIR", help="the store folder")
    p.set_defaults(func=cmd_import)

    p = actions.add_parser("info", help="articles, outlets, dates and stage outputs")
    p.add_argument("--store", required=True, metavar="DIR")
    p.set_defaults(func=cmd_info)

    p = actions.add_parser("query", help="run SQL (DuckDB) over the store's views: articles, "
                                         "stage_sentences, stage_documents")
    p.add_argument("sql")
    p.add_argument("--store", required=True, metavar="DIR")
    p.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    p.add_argument("--max-rows", type=int, default=60)
    p.set_defaults(func=cmd_query)

    p = actions.add_parser("process", help="run the per-article stage on every stored article "
                                           "not yet processed with these models")
    p.add_argument("--store", required=True, metavar="DIR")
    add_scheduler_options(p)
    p.add_argument("--spacy-model", help=spacy_help)
    p.add_argument("--batch", type=int, default=None,
                   help="articles per task (default: about 4 tasks per worker, at most 64)")
    p.set_defaults(func=cmd_process)


def add_scheduler_options(p: argparse.ArgumentParser) -> None:
    """``--scheduler`` and ``--workers`` (``framing analyze`` and ``corpus process``)."""
    p.add_argument("--scheduler", metavar="local|tcp://HOST:PORT",
                   help="run the per-article stage on Dask: 'local' starts a LocalCluster, an "
                        "address uses a running cluster (default: in this process)")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes of the LocalCluster (default: one per core)")
