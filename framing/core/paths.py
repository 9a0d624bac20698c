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
