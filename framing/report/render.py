"""Render an incident's report: execute the notebooks with papermill, export HTML with nbconvert.

For each notebook in ``notebooks/`` the incident path is injected as the ``incident``
parameter (papermill), the executed copy is kept beside the HTML, and two HTML versions are
written: the reader page (no code cells; the default) and, with ``analyst=True``, the page
with code. Pages are self-contained: images are embedded and every script or stylesheet that
nbconvert's template would load from a CDN is removed, so a report opens offline years later.

Executed notebooks are cached by a content hash of everything that determines their output
(notebook, incident files, package source, models, parameters), never by where the incident
or the report lies: re-rendering an unchanged incident, to the same folder or a new one,
only re-exports HTML. No page shows an absolute path of the machine that rendered it: the
incident and output folder appear relative to the project (or by name when outside it).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from framing import __version__
from framing.analyses import ANALYSES
from framing.core import paths
from framing.core.cache import DiskCache, content_hash
from framing.core.corpus import Incident, load_incident
from framing.core.evidence import EVIDENCE_CSS, esc
from framing.report.manifest import build_manifest, tree_hash

SUMMARY_PAGE = "00_report"
#: Navigation title of each page: the summary, then each analysis' detail page.
PAGE_TITLES = {SUMMARY_PAGE: "Summary", **{a.page: a.page_title for a in ANALYSES}}
SCRIPT_BLOCK = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)
EXTERNAL_LINK = re.compile(r"<link[^>]*\bhref=[\"']https?://[^\"']*[\"'][^>]*/?>", re.IGNORECASE)
MATHJAX_CONFIG = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL
)
READER_CSS = """
<style>
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#222;}
.jp-Notebook{max-width:64em;margin:0 auto;padding-top:0}
.jp-OutputArea-output{max-width:100%}
.jp-RenderedHTMLCommon{font-size:15px;line-height:1.5}
.jp-RenderedHTMLCommon h1{font-size:1.8em}
.jp-RenderedHTMLCommon table{font-size:.88em}
nav.fr-nav{background:#1f2937;color:#fff;padding:.5em 1em;max-width:64em;margin:0 auto;
  font:14px/1.6 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
nav.fr-nav a{color:#e5e7eb;margin-right:1.1em;text-decoration:none}
nav.fr-nav a.current{color:#fff;font-weight:700;border-bottom:2px solid #fbbf24}
nav.fr-nav .fr-meta{display:block;color:#9ca3af;font-size:12px}
</style>
"""


#: The one script of a page (inline, offline): a click on a column header of a
#: ``fr-sortable`` table sorts its rows by that column, numbers as numbers, again to reverse.
SORTER_JS = """
<script>
document.addEventListener("click", function (event) {
  var th = event.target.closest ? event.target.closest("table.fr-sortable thead th") : null;
  if (!th || event.target.closest("a")) { return; }
  var table = th.closest("table"), body = table.tBodies[0], head = table.tHead;
  var last = head.rows[head.rows.length - 1];
  if (th.parentNode !== last && !th.hasAttribute("data-col")) { return; }
  var col = th.hasAttribute("data-col") ? Number(th.getAttribute("data-col"))
    : Array.prototype.indexOf.call(last.children, th);
  var up = th.getAttribute("aria-sort") !== "ascending";
  head.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", up ? "ascending" : "descending");
  var key = function (row) {
    var cell = row.children[col], text = cell ? cell.textContent.trim() : "";
    var m = /^[(]?([+\u2212-]?[0-9][0-9,]*[.]?[0-9]*)/.exec(text);
    return m ? Number(m[1].replace(/,/g, "").replace("\u2212", "-")) : text.toLowerCase();
  };
  var rows = Array.prototype.slice.call(body.rows).map(function (r) { return [key(r), r]; });
  rows.sort(function (a, b) {
    var x = a[0], y = b[0];
    if (typeof x !== typeof y) { return typeof x === "number" ? -1 : 1; }
    return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
  });
  rows.forEach(function (r) { body.appendChild(r[1]); });
});
</script>
"""


class ReportError(RuntimeError):
    """A notebook failed while rendering; the message carries the notebook's own error."""


@dataclass
class Page:
    """One rendered page of a report."""

    name: str
    title: str
    html: Path
    executed: Path
    cached: bool


def notebook_paths(names: list[str] | None = None) -> list[Path]:
    """The report's notebooks, summary first; ``names`` picks a subset by stem prefix. A
    page of a *set* of incidents (``"framing": {"scope": "incidents"}`` in its metadata:
    ``07_outlets``, rendered by ``framing incidents report``) is not one of them."""
    books = sorted(b for b in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")
                   if json.loads(b.read_text(encoding="utf-8")).get("metadata", {})
                   .get("framing", {}).get("scope") != "incidents")
    if names:
        books = [b for b in books if any(b.stem.startswith(n) for n in names)]
    return books


#: Notebook parameters that are paths on this machine: shown relative to the project in
#: every page, and left out of the execution cache key (their content is hashed instead).
PATH_PARAMETERS = ("incident", "output_dir")


def notebook_parameters(books: list[Path], parameters: dict[str, Any]
                        ) -> dict[Path, dict[str, Any]]:
    """Each notebook's share of ``parameters``: only those its parameters cell declares, so
    a setting one page uses (``sentiment_model``) neither reaches nor invalidates the cached
    runs of the others. A parameter no notebook declares is an error, not silently ignored.
    """
    import papermill as pm

    declared = {book: set(pm.inspect_notebook(str(book))) for book in books}
    unknown = set(parameters) - set().union(*declared.values())
    if unknown:
        raise ReportError(f"no notebook takes the parameter(s) {', '.join(sorted(unknown))}")
    return {book: {k: v for k, v in parameters.items() if k in names}
            for book, names in declared.items()}


def _execution_key(notebook: Path, incident: Incident, parameters: dict[str, Any]) -> str:
    """Everything an executed notebook depends on: notebook, incident files, package source and
    models, committed results, parameters, and the spaCy pipeline the environment selects."""
    from framing.core.nlp import load_nlp, model_id

    content_only = {k: v for k, v in parameters.items() if k not in PATH_PARAMETERS}
    return content_hash(
        "report-v2",
        __version__,
        model_id(load_nlp()),
        notebook.read_bytes(),
        tree_hash(incident.path) if incident.path else incident.slug,
        tree_hash(paths.PACKAGE_DIR, suffixes=(".py", ".yml", ".yaml", ".tsv", ".txt", ".json",
                                               ".joblib", ".npz", ".pt", ".safetensors")),
        tree_hash(paths.RESULTS_DIR, suffixes=(".json",)),
        json.dumps(content_only, sort_keys=True, default=str),
    )


#: Environment variables each notebook kernel starts with, on top of this process's own:
#: no progress widgets inside report pages. They are given to the kernel process only, never
#: set in this process, so a caller (a Dask worker, a notebook, a thread rendering another
#: page) keeps its environment.
KERNEL_ENV = {"TQDM_DISABLE": "1"}


@functools.cache
def kernel_manager_class() -> type:
    """The kernel manager papermill's client starts report kernels with: jupyter_client's
    asynchronous manager, launching each kernel with :data:`KERNEL_ENV` added to its
    environment (a restart reuses the same launch arguments)."""
    from jupyter_client import AsyncKernelManager

    class ReportKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:
            kw["env"] = {**kw.get("env", os.environ), **KERNEL_ENV}
            await super().start_kernel(**kw)

    return ReportKernelManager


def execute_notebook(notebook: Path, out_ipynb: Path, parameters: dict[str, Any]) -> None:
    """Run one notebook with papermill; raise :class:`ReportError` with the cell's error.

    The kernel talks to papermill over IPC sockets in a private temporary folder rather than
    local TCP ports: ipykernel warns on the console ("Kernel is running over TCP without
    encryption") for every TCP kernel, which broke the progress bar. The kernel's other
    messages and errors still reach the console. The kernel starts with :data:`KERNEL_ENV`
    in its own environment; this process's is left alone.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    sockets = tempfile.mkdtemp(prefix="framing-kernel-")  # short: socket paths max ~100 chars
    try:
        pm.execute_notebook(
            str(notebook),
            str(out_ipynb),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            cwd=str(paths.NOTEBOOKS_DIR),
            config=Config({"KernelManager": {"transport": "ipc",
                                             "ip": os.path.join(sockets, "kernel")}}),
            kernel_manager_class=kernel_manager_class(),
        )
    except PapermillExecutionError as err:
        trace = "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", line) for line in err.traceback[-6:])
        raise ReportError(
            f"{notebook.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}\n{trace}"
        ) from None
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


def shown_parameters(parameters: dict[str, Any]) -> dict[str, str]:
    """The path parameters as pages show them: relative to the project root, or the
    folder's name when outside it."""
    return {k: paths.shown_path(v) for k, v in parameters.items()
            if k in PATH_PARAMETERS and v is not None}


def portable_notebook(executed: Path, shown: dict[str, str], notebook: Path) -> None:
    """Rewrite an executed notebook so it names no absolute path: the path parameters in
    papermill's injected cell and metadata get their :func:`shown_parameters` forms (a
    project-relative ``incident`` still resolves when the notebook is run again). Done
    after every execution and cache hit, so a cached run shows this render's paths."""
    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = "\n".join(
                f"{name} = {json.dumps(shown[name])}"
                if (name := line.partition(" = ")[0]) in shown else line
                for line in cell.source.split("\n"))
    meta = nb.metadata.get("papermill")
    if meta:
        meta["input_path"] = paths.shown_path(notebook)
        meta["output_path"] = f"notebooks/{executed.name}"
        meta["parameters"] = {**meta.get("parameters", {}), **shown}
    nbformat.write(nb, executed)


def strip_external(html_text: str) -> str:
    """Remove every CDN script/stylesheet (and MathJax's loader) from an nbconvert page."""
    html_text = MATHJAX_CONFIG.sub("", html_text)
    html_text = SCRIPT_BLOCK.sub(
        lambda m: "" if re.search(r"https?://", m.group(0)) else m.group(0), html_text
    )
    return EXTERNAL_LINK.sub("", html_text)


def nav_html(pages: list[tuple[str, str]], current: str, incident: Incident, suffix: str) -> str:
    links = "".join(
        f'<a href="{esc(name)}{suffix}.html"{" class=current" if name == current else ""}>'
        f"{esc(title)}</a>"
        for name, title in pages
    )
    source = paths.shown_path(incident.path) if incident.path else incident.slug
    meta = f'<span class="fr-meta">incident: {esc(source)} · framing {esc(__version__)}</span>'
    return f'<nav class="fr-nav">{links}{meta}</nav>'


def export_html(executed: Path, *, analyst: bool, nav: str, title: str) -> str:
    """HTML of an executed notebook: reader (no code) or analyst (with code), offline-safe."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = not analyst
    exporter.exclude_input_prompt = not analyst
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    body = strip_external(body)
    body = body.replace("</head>", READER_CSS + EVIDENCE_CSS + "</head>", 1)
    body = body.replace("</body>", SORTER_JS + "</body>", 1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)


def render_incident(
    incident_path: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    analyst: bool = False,
    notebooks: list[str] | None = None,
    use_cache: bool = True,
    progress: bool = True,
    parameters: dict[str, Any] | None = None,
    jobs: int | None = None,
) -> Path:
    """Render every notebook for one incident into ``out_dir`` itself (default
    ``reports/<slug>/``); returns the report's ``index.html``.

    ``parameters`` are extra notebook parameters (e.g. ``{"sentiment_model": "vader"}``),
    injected into every notebook beside ``incident`` and ``output_dir``. The notebooks
    execute in parallel, ``jobs`` at a time (default: one more than the CPUs, since a kernel
    starting up or waiting for a table computes nothing). Each analysis table is computed
    once: the first notebook to need it computes it while any other that needs it waits
    for it (:func:`framing.core.cache.computing`) and then reads it from the cache, so the
    kernels' start-up and the other pages' work overlap the analysis.
    """
    from tqdm.auto import tqdm

    incident = load_incident(incident_path)  # validate before spending time on kernels
    out = Path(out_dir) if out_dir else paths.REPORTS_DIR / incident.slug
    out.mkdir(parents=True, exist_ok=True)
    (out / "notebooks").mkdir(exist_ok=True)
    books = notebook_paths(notebooks)
    if not books:
        raise ReportError(f"no notebooks found in {paths.NOTEBOOKS_DIR}")
    names = [(b.stem, PAGE_TITLES.get(b.stem, b.stem[3:].replace("_", " ").title()))
             for b in books]
    cache = DiskCache("reports") if use_cache else None
    parameters = {**(parameters or {}), "incident": str(incident.path),
                  "output_dir": str(out.resolve())}
    own = notebook_parameters(books, parameters)
    shown = shown_parameters(parameters)
    keys = {book: _execution_key(book, incident, own[book]) for book in books}
    hits = {book: cache.get(keys[book]) if cache else None for book in books}
    to_run = [book for book in books if hits[book] is None]
    suffix = "-analyst" if analyst else ""
    bar = tqdm(total=len(books), desc=f"report {incident.slug}", unit="notebook",
               disable=not progress)

    def page(book: Path, name: str, title: str) -> Page:
        executed = out / "notebooks" / f"{name}.ipynb"
        hit = hits[book]
        if hit is None:
            hit = _execute_into(book, executed, own[book])
            if cache:
                cache.set(keys[book], hit)
        else:
            executed.write_bytes(hit["ipynb"])
        portable_notebook(executed, shown, book)
        for rel, data in hit.get("files", {}).items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(data)
        html_path = out / f"{name}{suffix}.html"
        nav = nav_html(names, name, incident, suffix)
        html_path.write_text(export_html(executed, analyst=analyst, nav=nav, title=title),
                             encoding="utf-8")
        bar.update()
        bar.set_postfix_str(name)
        return Page(name, title, html_path, executed, book not in to_run)

    try:  # each kernel starts without progress widgets (KERNEL_ENV); this process keeps its own
        workers = max(1, min(len(books), jobs or (os.cpu_count() or 1) + 1))
        with ThreadPoolExecutor(workers) as pool:  # kernels are processes: threads suffice
            pages = list(pool.map(page, books, *zip(*names, strict=True)))
    finally:
        bar.close()
    manifest = build_manifest(incident)
    manifest["pages"] = {p.html.name: "from cache" if p.cached else "executed" for p in pages}
    manifest["rendered"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return write_index(out, incident, pages, analyst=analyst)


def _execute_into(book: Path, executed: Path, parameters: dict[str, Any]) -> dict[str, Any]:
    """Execute one notebook with its own scratch ``output_dir`` and return the cache entry:
    the executed notebook and the files it wrote there (relative paths), so a notebook
    running beside others claims only its own files."""
    scratch = Path(tempfile.mkdtemp(prefix="framing-page-"))
    try:
        execute_notebook(book, executed, {**parameters, "output_dir": str(scratch)}
                         if "output_dir" in parameters else parameters)
        files = {p.relative_to(scratch).as_posix(): p.read_bytes()
                 for p in sorted(scratch.rglob("*")) if p.is_file()}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {"ipynb": executed.read_bytes(), "files": files}


def write_index(out: Path, incident: Incident, pages: list[Page], *, analyst: bool) -> Path:
    """``index.html``: the summary page when there is one, else a page linking the others."""
    index = out / "index.html"
    summary = next((p for p in pages if p.name.startswith("00_")), None)
    if summary is not None:
        shutil.copyfile(summary.html, index)
        return index
    items = "".join(f'<li><a href="{esc(p.html.name)}">{esc(p.title)}</a></li>' for p in pages)
    suffix = "-analyst" if analyst else ""
    nav = nav_html([(p.name, p.title) for p in pages], "", incident, suffix)
    index.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{esc(incident.title)}</title>{READER_CSS}</head><body>{nav}"
        f"<main style='max-width:50em;margin:2em auto'><h1>{esc(incident.title)}</h1>"
        f"<p>{esc(incident.summary)}</p><ul>{items}</ul></main></body></html>",
        encoding="utf-8",
    )
    return index


def write_incidents_index(reports: list[tuple[Incident, Path]], out_dir: Path) -> Path:
    """An index of several incidents' reports (``reports/index.html``)."""
    rows = "".join(
        f'<li><a href="{esc(index.relative_to(out_dir).as_posix())}">{esc(inc.title)}</a> '
        f"<small>({len(inc.articles)} articles, {len(inc.outlets)} outlets)</small></li>"
        for inc, index in reports
    )
    path = out_dir / "index.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>framing reports</title>"
        f"{READER_CSS}</head><body><main style='max-width:50em;margin:2em auto'>"
        f"<h1>Incident reports</h1><ul>{rows}</ul></main></body></html>",
        encoding="utf-8",
    )
    return path


def render_many(incidents: list[str | Path], out_dir: str | Path | None = None,
                **kwargs: Any) -> Path:
    """Render one incident into ``out_dir`` itself (default ``reports/<slug>/``), or several
    into ``out_dir/<slug>/`` (default ``reports/<slug>/``) plus an index page linking them."""
    if len(incidents) == 1:
        return render_incident(incidents[0], out_dir, **kwargs)
    root = Path(out_dir) if out_dir else paths.REPORTS_DIR
    done = []
    for path in incidents:
        incident = load_incident(path)
        done.append((incident, render_incident(path, root / incident.slug, **kwargs)))
    return write_incidents_index(done, root)
