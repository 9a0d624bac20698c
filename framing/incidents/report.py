"""``framing incidents report``: the outlets page of a set of incidents, rendered as HTML.

Executes ``notebooks/07_outlets.ipynb`` with papermill for the given incident folders and
exports it with nbconvert as an incident report's pages are (:mod:`framing.report.render`):
self-contained and offline, no code cells unless ``analyst``, and no absolute path of this
machine on the page or in the executed notebook (folders are shown relative to the project,
or by name). Each incident's analysis tables come from the cache while the incident and the
package are unchanged, so a second render costs the profile's bootstrap and the export.

Writes, in the output folder: ``07_outlets.html`` (``07_outlets-analyst.html`` with
``analyst``) and ``index.html`` (the same page), ``notebooks/07_outlets.ipynb`` (executed),
``data/outlets_*.csv`` (the tables behind the page) and ``manifest.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from framing import __version__
from framing.core import paths
from framing.core.evidence import esc

#: The page's notebook (stem) and title.
NOTEBOOK = "07_outlets"
TITLE = "Outlets across incidents"


def nav_html(n_incidents: int, page: str) -> str:
    """The page's navigation bar, in the style of an incident report's."""
    return (f'<nav class="fr-nav"><a class="current" href="{esc(page)}">{esc(TITLE)}</a>'
            f'<span class="fr-meta">{n_incidents} incidents · framing {esc(__version__)}'
            "</span></nav>")


def render_report(incidents: Sequence[str | Path], out_dir: str | Path, *,
                  analyst: bool = False, n_boot: int = 1000, spacy_model: str | None = None,
                  sentiment_model: str | None = None, coverage_model: str | None = None,
                  proposed_sides: bool = False) -> Path:
    """Render the outlets page of ``incidents`` (incident folders) into ``out_dir``; return
    its ``index.html``. Every folder is loaded (and checked) before any kernel starts; two
    folders with one slug are an error.

    Args:
        incidents: incident folders (at least one).
        out_dir: the output folder (created).
        analyst: the page with its code cells (``07_outlets-analyst.html``).
        n_boot: bootstrap resamples of the intervals.
        spacy_model, sentiment_model, coverage_model: as for ``framing report`` (None: the
            defaults).
        proposed_sides: let the side-based measures use incidents whose actors were
            proposed and not reviewed (left out by default).
    """
    from framing.core.corpus import load_incident
    from framing.incidents.profile import unique_slugs
    from framing.report.manifest import tree_hash
    from framing.report.render import execute_notebook, export_html, portable_notebook

    if not incidents:
        raise ValueError("give at least one incident folder")
    folders = [Path(p).resolve() for p in incidents]
    loaded = [load_incident(f) for f in folders]
    unique_slugs(loaded)  # before any page is rendered
    out = Path(out_dir)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    book = paths.NOTEBOOKS_DIR / f"{NOTEBOOK}.ipynb"
    options = {k: v for k, v in (("spacy_model", spacy_model),
                                 ("sentiment_model", sentiment_model),
                                 ("coverage_model", coverage_model)) if v}
    parameters = {"incidents": [str(f) for f in folders], "output_dir": str(out.resolve()),
                  "n_boot": n_boot, "proposed_sides": proposed_sides, **options}
    executed = out / "notebooks" / f"{NOTEBOOK}.ipynb"
    execute_notebook(book, executed, parameters)
    shown = {"incidents": [paths.shown_path(f) for f in folders],
             "output_dir": paths.shown_path(out)}
    portable_notebook(executed, shown, book)
    page = out / f"{NOTEBOOK}{'-analyst' if analyst else ''}.html"
    page.write_text(export_html(executed, analyst=analyst, title=TITLE,
                                nav=nav_html(len(folders), page.name)), encoding="utf-8")
    index = out / "index.html"
    shutil.copyfile(page, index)
    manifest = {
        "framing": __version__, "page": page.name, "n_boot": n_boot,
        "proposed_sides": proposed_sides, **options,
        "incidents": [{"slug": inc.slug, "folder": folder_shown,
                       "articles": len(inc.articles), "files": tree_hash(folder)}
                      for inc, folder, folder_shown in zip(loaded, folders,
                                                           shown["incidents"], strict=True)],
        "rendered": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n",
                                       encoding="utf-8")
    return index
