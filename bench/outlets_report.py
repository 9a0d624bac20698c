"""The outlets page over many incidents (issue 19): build the inputs, render, time it.

Inputs, none of them copied into the project: the sample incident; the three real incidents
of ``../shared/eval/real_incidents`` (read in place); the synthetic 20-outlet incident of
``tests/report/synthetic_incident.py``; and incidents found by ``framing incidents discover``
and made by ``framing incidents build`` from AllSides stories (Lee et al. 2022, read in place
from ``../shared/eval/allsides_neus``), whose outlets recur across stories, which is what
makes a profile across incidents mean something. The AllSides articles of the stories of two
news periods (the Gaza war of May 2021 and the fall of Kabul, August-September 2021; topics
World, Middle East, Israel, US Military, National Security, Foreign Policy, China; roundups
of opinion pieces left out) are written as a JSONL stream into a temporary folder, grouped
by ``discover`` and built by ``build`` there; records with a single outlet are left out
(nothing to compare), and so is a built folder that does not load (its error is printed).

Then ``framing incidents report`` renders the page in a fresh process, *cold* (an empty
cache folder: parses, vectors, analysis tables all computed) and *warm* (again, with that
cache, into a new folder). Writes ``bench/outlets_report.json``.

Usage: ``python bench/outlets_report.py [--keep DIR] [--warm-only]`` (``--keep``: build and
render under DIR, and leave it there to read the page; ``--warm-only``: use this process's
cache, one run).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JSON = ROOT / "bench" / "outlets_report.json"
TOPICS = {"World", "Middle East", "Israel", "US Military", "National Security",
          "Foreign Policy", "China"}
PERIODS = (("2021-05-10", "2021-05-22"), ("2021-08-10", "2021-09-20"))


def allsides_stream(path: Path) -> int:
    """Write the chosen AllSides stories' articles as a JSONL stream; return how many."""
    from framing.evaluate.datasets.allsides import STORIES, read_allsides_stories

    stories = {}
    with open(STORIES, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                story = json.loads(line)
                stories[str(story["id"])] = story
    articles, gold = read_allsides_stories()
    rows, urls = [], set()
    for article, story_id in zip(articles, gold, strict=True):
        story = stories[story_id]
        day = article.published.isoformat()
        if (story["topic"] in TOPICS and not story["issue"].startswith("Perspectives")
                and any(a <= day <= b for a, b in PERIODS)):
            if article.url and article.url in urls:
                # two stories list one article (5691-left, 5695-left): a stream holds it once
                print(f"left out {article.id}: same URL as an earlier article ({article.url})")
                continue
            urls.add(article.url)
            rows.append({"id": article.id, "outlet": article.outlet, "title": article.title,
                         "published": day, "url": article.url, "text": article.text})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def inputs(tmp: Path) -> list[Path]:
    """The incident folders of the page (see the module docstring)."""
    sys.path.insert(0, str(ROOT / "tests" / "report"))
    from synthetic_incident import write_incident

    from framing.cli import main
    from framing.core import paths
    from framing.core.corpus import IncidentError, load_incident

    real = sorted(p for p in (paths.EVAL_DIR / "real_incidents").glob("*")
                  if (p / "incident.yml").exists())
    folders = [paths.SAMPLE_INCIDENT, *real, write_incident(tmp / "synthetic-20", 20)]
    stream = tmp / "allsides.jsonl"
    print(f"AllSides stream: {allsides_stream(stream)} articles")
    assert main(["incidents", "discover", str(stream), "--out", str(tmp / "records")]) == 0
    assert main(["incidents", "build", str(tmp / "records"), "--src", str(stream),
                 "--out", str(tmp / "allsides")]) == 0
    for folder in sorted((tmp / "allsides").iterdir()):
        try:
            incident = load_incident(folder)
        except IncidentError as err:
            print(f"left out {folder.name}: {err}")
            continue
        if len(incident.outlets) >= 2:
            folders.append(folder)
    return folders


def render(folders: list[Path], out: Path, cache: Path | None) -> float:
    """Seconds for one ``framing incidents report`` run in a fresh process."""
    env = {**os.environ, **({"FRAMING_CACHE": str(cache)} if cache else {})}
    start = time.perf_counter()
    subprocess.run([str(BIN / "framing"), "incidents", "report", *map(str, folders),
                    "--out", str(out)], check=True, env=env)
    return round(time.perf_counter() - start, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build and render under this folder")
    parser.add_argument("--warm-only", action="store_true",
                        help="one run with this process's cache (no cold run)")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="framing-outlets-"))
    tmp.mkdir(parents=True, exist_ok=True)
    folders = inputs(tmp)
    command = ("framing incidents report " + " ".join(shlex.quote(str(f)) for f in folders)
               + f" --out {shlex.quote(str(tmp / 'page'))}")
    print(command)
    result = {"incidents": len(folders), "command": command}
    if args.warm_only:
        result["seconds"] = render(folders, tmp / "page", None)
    else:
        cache = tmp / "cache"
        result["cold_seconds"] = render(folders, tmp / "page-cold", cache)
        result["warm_seconds"] = render(folders, tmp / "page", cache)
    import pandas as pd

    coverage = pd.read_csv(tmp / "page" / "data" / "outlets_coverage.csv", index_col=0)
    covered = (coverage > 0).sum(axis=1)
    result.update({"articles": int(coverage.to_numpy().sum()), "outlets": len(coverage),
                   "outlets_in_2_or_more": int((covered >= 2).sum()),
                   "cpus": os.cpu_count()})
    print(json.dumps(result, indent=2))
    if not args.warm_only:
        JSON.write_text(json.dumps({k: v for k, v in result.items() if k != "command"},
                                   indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
