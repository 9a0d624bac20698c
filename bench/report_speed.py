"""Cold and warm render of a many-outlet report (issue 17: under 60 s cold for 20 outlets).

Each incident is rendered by ``framing report`` in a fresh process: *cold* with an empty
cache folder (parses, embeddings, analysis tables and executed notebooks all computed),
*warm* again with that cache into a new output folder (only the HTML is re-exported). The
incidents: a synthetic one of 20 outlets written from our own templates
(``tests/report/synthetic_incident.py``) and, when ``../shared/eval/real_incidents`` is
there, real ones read in place (Kerch Strait: 21 outlets; Galwan: 18, the incident of the
~125 s baseline). Writes ``bench/report_speed.json`` and its section of
``bench/RESULTS.md``.

Usage: ``python bench/report_speed.py [--only synthetic-20,kerch] [--markdown]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "RESULTS.md"
JSON = ROOT / "bench" / "report_speed.json"
START, END = "<!-- report-speed:start -->", "<!-- report-speed:end -->"
#: The figure issue 17 started from: a 19-outlet report, cold, before parallel notebooks.
BASELINE = "about 125 s cold for a 19-outlet, 19-article incident (issue 17, before this work)"


def incidents(tmp: Path) -> dict[str, Path]:
    """Name -> incident folder: the synthetic 20-outlet one, then the real ones present."""
    sys.path.insert(0, str(ROOT / "tests" / "report"))
    from synthetic_incident import write_incident

    from framing.core.paths import EVAL_DIR

    real = EVAL_DIR / "real_incidents"  # read in place, never copied
    found = {"synthetic-20": write_incident(tmp / "synthetic-20", 20)}
    for name, slug in (("kerch", "kerch-strait-2018-11"),
                       ("galwan", "galwan-valley-clash-2020-06")):
        if (real / slug / "incident.yml").exists():
            found[name] = real / slug
    return found


def render(incident: Path, out: Path, cache: Path) -> float:
    """Seconds for one ``framing report`` run in a fresh process with ``cache``."""
    env = {**os.environ, "FRAMING_CACHE": str(cache)}
    start = time.perf_counter()
    subprocess.run([str(BIN / "framing"), "report", str(incident), "--out", str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return round(time.perf_counter() - start, 1)


def measure(name: str, incident: Path, tmp: Path) -> dict:
    from framing.core.corpus import load_incident

    inc = load_incident(incident)
    cache = tmp / f"cache-{name}"
    load = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    cold = render(incident, tmp / f"{name}-cold", cache)
    warm = render(incident, tmp / f"{name}-warm", cache)
    return {"incident": name, "outlets": len(inc.outlets), "articles": len(inc.articles),
            "words": sum(a.n_words for a in inc.articles), "cold_s": cold, "warm_s": warm,
            "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1)}


def section(res: dict) -> str:
    """The Markdown section of ``bench/RESULTS.md`` for these figures."""
    rows = "\n".join(f"| {r['incident']} | {r['outlets']} | {r['articles']} | {r['words']:,} | "
                     f"{r['cold_s']} | {r['warm_s']} | {r.get('load_before', '')} → "
                     f"{r.get('load_after', '')} |" for r in res["runs"])
    return (f"{START}\n## Report of many outlets, end to end (seconds)\n\n"
            f"Measured {res['date']} by `python bench/report_speed.py` on {res['machine']}: "
            "`framing report` in a fresh process, cold = empty cache folder, warm = the same "
            "cache into a new output folder. The seven notebooks execute in parallel (three at "
            "a time on two cores); each analysis table is computed once, by the first notebook "
            "that needs it, while the others wait for it (a lock per cache key).\n\n"
            "| incident | outlets | articles | words | cold | warm | load average |\n"
            "|---|---|---|---|---|---|---|\n"
            f"{rows}\n\nBaseline: {BASELINE}.\n\n{res.get('note', '')}\n{END}\n")


def write_markdown(res: dict) -> None:
    """Put :func:`section` into ``bench/RESULTS.md`` (replacing an earlier one)."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Speed and scale\n"
    if START in text:
        head, _, rest = text.partition(START)
        text = head + section(res) + rest.partition(END)[2].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section(res)
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="comma-separated incidents (synthetic-20, kerch, galwan)")
    parser.add_argument("--markdown", action="store_true",
                        help="rewrite the section of bench/RESULTS.md from the JSON, measuring "
                             "nothing")
    args = parser.parse_args()
    if args.markdown:
        write_markdown(json.loads(JSON.read_text(encoding="utf-8")))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from speed import machine

    with tempfile.TemporaryDirectory(prefix="framing-report-speed-") as tmp:
        found = incidents(Path(tmp))
        chosen = args.only.split(",") if args.only else list(found)
        unknown = set(chosen) - set(found)
        if unknown:
            raise SystemExit(f"unknown or missing incident(s): {', '.join(sorted(unknown))}; "
                             f"choose from {', '.join(found)}")
        runs = []
        for name in chosen:
            runs.append(measure(name, found[name], Path(tmp)))
            print(json.dumps(runs[-1]))
    res = {"date": time.strftime("%Y-%m-%d"), "machine": machine(), "runs": runs}
    JSON.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    write_markdown(res)
    print(f"wrote {JSON.relative_to(ROOT)} and {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
