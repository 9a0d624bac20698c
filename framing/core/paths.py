"""Where the project's files live, resolved once so nothing hard-codes ``../data``.

Environment overrides: ``FRAMING_HOME`` (project root), ``FRAMING_CACHE`` (disk cache),
``FRAMING_SHARED`` (the read-only evaluation data folder, default ``<root>/../shared``).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
ROOT = Path(os.environ.get("FRAMING_HOME", PACKAGE_DIR.parent)).resolve()
DATA_DIR = ROOT / "data"
INCIDENTS_DIR = DATA_DIR / "incidents"
SAMPLE_INCIDENT = INCIDENTS_DIR / "karabakh-ceasefire-2020-12"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
RESULTS_DIR = ROOT / "bench" / "results"
MODELS_DIR = PACKAGE_DIR / "models"
LEXICONS_DIR = PACKAGE_DIR / "terms" / "lexicons"
SHARED_DIR = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared")).resolve()
EVAL_DIR = SHARED_DIR / "eval"


def cache_dir() -> Path:
    """The on-disk cache folder (parses, embeddings, analysis frames), created on demand."""
    path = Path(os.environ.get("FRAMING_CACHE", ROOT / ".cache" / "framing"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def incident_folder(path: str | Path | None) -> Path:
    """The incident folder ``path`` names (None: the sample incident).

    A relative path is looked up in the working folder first, then in the project root, so
    ``incident = "data/incidents/x"`` works from a notebook that JupyterLab runs in
    ``notebooks/`` as well as from the command line at the root. A path found in neither
    is returned as given (the caller reports it missing).
    """
    if path is None:
        return SAMPLE_INCIDENT
    folder = Path(path).expanduser()
    if folder.is_absolute() or folder.is_dir():
        return folder
    from_root = ROOT / folder
    return from_root if from_root.is_dir() else folder


def shown_path(path: str | Path, base: str | Path | None = None) -> str:
    """``path`` as a reader may see it: relative to ``base`` (e.g. the incident folder) or
    to the project root when inside them, else only its last part, so no page or message
    meant for others shows the layout of the user's machine."""
    resolved = Path(path).resolve()
    for root in (base, ROOT):
        if root is None:
            continue
        try:
            return resolved.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            continue
    return resolved.name
