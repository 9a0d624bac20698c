"""``framing incidents ...``: find the incidents of a stream, check and build the records.

Examples::

    framing incidents discover corpus/articles.jsonl --out incidents/
    framing incidents discover data/incidents --out /tmp/records --window-days 2
    framing incidents check incidents/ --src corpus/articles.jsonl
    framing incidents build incidents/ --src corpus/articles.jsonl --out data/incidents
    framing incidents profile data/incidents/a data/incidents/b --out profile/
    framing incidents profile data/incidents/* --out profile/ --scheduler local --workers 2
    framing incidents report data/incidents/a data/incidents/b data/incidents/c --out outlets/
"""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_discover(args: argparse.Namespace) -> int:
    from framing.incidents.discover import DiscoveryParams, discover
    from framing.incidents.records import write_records
    from framing.incidents.sources import read_stream

    params = DiscoveryParams(
        window_days=None if args.no_window else args.window_days,
        lead_words=args.lead_words, entity_weight=args.entity_weight, cut=args.cut,
        min_cosine=args.min_cosine)
    stream = read_stream(args.src)
    result = discover(stream.articles, params, spacy_model=args.spacy_model)
    written = write_records(result, Path(args.out))
    sizes = [len(g) for g in result.groups]
    print(f"{len(stream.articles)} articles -> {len(written)} proposed incidents "
          f"({sum(s > 1 for s in sizes)} with several articles, {sizes.count(1)} single) "
          f"in {args.out}")
    if stream.given:
        from framing.evaluate.metrics import bcubed

        gold = [stream.given[a.id] for a in stream.articles]
        score = bcubed(gold, list(result.labels))
        print(f"against the incident folders they came from: B-cubed precision "
              f"{score['precision']:.3f}, recall {score['recall']:.3f}, F1 {score['f1']:.3f}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from framing.incidents.records import read_records
    from framing.incidents.sources import read_stream

    ids = [a.id for a in read_stream(args.src).articles] if args.src else None
    records = read_records(Path(args.records), ids)
    print(f"ok: {len(records)} incidents, {sum(map(len, records.values()))} articles")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from framing.incidents.proposal import build_incidents

    for folder in build_incidents(Path(args.records), Path(args.src), Path(args.out),
                                  spacy_model=args.spacy_model):
        print(f"created {folder} (actors proposed: review incident.yml)")
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    from framing.incidents.profile import csv_tables, profile_incidents

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    options = {"n_boot": args.n_boot, "spacy_model": args.spacy_model,
               "sentiment_model": args.sentiment_model, "coverage_model": args.coverage_model,
               "proposed_sides": args.proposed_sides}
    if args.scheduler is not None or args.store is not None or args.workers is not None:
        from framing.store.cluster import cluster_client
        from framing.store.staged import stage_incidents

        # the per-article stage of every incident on Dask, then one task per incident on
        # the same workers
        with cluster_client(args.scheduler, args.workers) as client:
            print(stage_incidents(args.incidents, store=args.store, scheduler=client,
                                  spacy_model=args.spacy_model)[1].summary())
            result = profile_incidents(args.incidents, client=client, **options)
    else:
        result = profile_incidents(args.incidents, **options)
    for name, frame in csv_tables(result).items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False)
        print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from framing.incidents.report import render_report

    index = render_report(args.incidents, args.out, analyst=args.analyst, n_boot=args.n_boot,
                          spacy_model=args.spacy_model, sentiment_model=args.sentiment_model,
                          coverage_model=args.coverage_model,
                          proposed_sides=args.proposed_sides)
    print(f"outlets page written: {index}")
    return 0


def _run_options(p: argparse.ArgumentParser, helps: dict[str, str]) -> None:
    """The options of the analyses the profile reads, named as ``framing report``'s."""
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (1000)")
    p.add_argument("--spacy-model", help=helps["spacy"])
    p.add_argument("--sentiment-model", help=helps["sentiment"])
    p.add_argument("--coverage-model", help=helps["coverage"])
    p.add_argument("--proposed-sides", action="store_true",
                   help="let the side-based measures use incidents whose actors were proposed "
                        "and not reviewed (left out by default)")


def add_incidents_parser(sub: argparse._SubParsersAction, spacy_help: str,
                         sentiment_help: str, coverage_help: str) -> None:
    """Add ``framing incidents discover``, ``check``, ``build``, ``profile`` and ``report``."""
    helps = {"spacy": spacy_help, "sentiment": sentiment_help, "coverage": coverage_help}
    from framing.incidents.discover import DiscoveryParams

    default = DiscoveryParams()
    parser = sub.add_parser("incidents", help="find incidents in a stream of articles",
                            description="Find the incidents of a stream of articles, check "
                                        "and build the reviewed records, profile outlets "
                                        "across incidents.")
    inner = parser.add_subparsers(dest="incidents_command", required=True)
    p = inner.add_parser(
        "discover", help="group a stream's articles into proposed incidents (one YAML each)",
        description="Group articles into incidents: blocking by a time window and shared "
                    "names, MiniLM similarity of title and lead, average linkage. Writes one "
                    "reviewable YAML record per proposed incident.")
    p.add_argument("src", help="a folder of incident folders, a folder of article files, or "
                               "a .jsonl / .csv file with one article per row")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the records")
    p.add_argument("--window-days", type=int, default=default.window_days,
                   help=f"largest gap between two reports of one incident "
                        f"(default {default.window_days})")
    p.add_argument("--no-window", action="store_true", help="ignore dates")
    p.add_argument("--cut", type=float, default=default.cut,
                   help=f"average similarity below which groups stay apart "
                        f"(default {default.cut})")
    p.add_argument("--entity-weight", type=float, default=default.entity_weight,
                   help=f"weight of shared names in the similarity "
                        f"(default {default.entity_weight})")
    p.add_argument("--lead-words", type=int, default=default.lead_words,
                   help=f"body words read after the title (default {default.lead_words})")
    p.add_argument("--min-cosine", type=float, default=default.min_cosine,
                   help="title-and-lead cosine that makes a pair a candidate without a "
                        f"shared name (default {default.min_cosine})")
    p.add_argument("--spacy-model", help=spacy_help)
    p.set_defaults(func=cmd_discover)

    p = inner.add_parser("build", help="one incident folder per reviewed record, with "
                                       "proposed actors")
    p.add_argument("records", help="the reviewed records folder")
    p.add_argument("--src", required=True, help="the stream the records were made from")
    p.add_argument("--out", required=True, metavar="DIR", help="parent folder of the "
                                                               "incident folders")
    p.add_argument("--spacy-model", help=spacy_help)
    p.set_defaults(func=cmd_build)

    p = inner.add_parser("profile", help="each outlet's framing measures across incidents, "
                                         "against each incident's baseline (CSV)")
    p.add_argument("incidents", nargs="+", help="incident folders")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="folder for coverage.csv, profile.csv, deviations.csv, sides.csv, "
                        "references.csv, measures.csv, evidence.csv")
    _run_options(p, helps)
    from framing.store.commands import add_scheduler_options

    add_scheduler_options(p)  # as framing analyze: the per-article stage of every incident
    p.add_argument("--store", metavar="DIR", help="keep the per-article stage's outputs in this "
                   "corpus store (default with --scheduler: the cache folder)")
    p.set_defaults(func=cmd_profile)

    p = inner.add_parser(
        "report", help="the outlets page of a set of incidents (HTML): who covered what, "
                       "each outlet's profile with intervals, every cell's sentences",
        description="Render notebooks/07_outlets.ipynb for a set of incident folders: the "
                    "outlets x incidents coverage matrix and each outlet's framing measures "
                    "against each incident's baseline, every cell linked to its evidence.")
    p.add_argument("incidents", nargs="+", help="incident folders")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output folder (index.html, 07_outlets.html, data/, notebooks/)")
    p.add_argument("--analyst", action="store_true", help="the page with its code cells")
    _run_options(p, helps)
    p.set_defaults(func=cmd_report)

    p = inner.add_parser("check", help="check reviewed records: every article in one record")
    p.add_argument("records", help="the records folder")
    p.add_argument("--src", help="the stream they were made from (checks every article)")
    p.set_defaults(func=cmd_check)
