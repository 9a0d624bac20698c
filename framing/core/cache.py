"""Content-addressed disk cache shared by every analysis and notebook.

Keys are SHA-256 hashes of the inputs that determine a result (the text, the model name and
its weights hash, the code version), so a changed text or model can never hit a stale entry:
invalidation is by construction, not by bookkeeping. Values live in one SQLite file per
namespace (fast for many small entries, safe for concurrent readers).

SQLite is a local, per-process cache only: to move results between processes or machines,
:func:`recording` captures every entry a computation reads or writes (as pickled blobs),
which :mod:`framing.store.stages` writes to Parquet and :meth:`DiskCache.set_blobs` loads
into another machine's cache.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from framing.core import paths

T = TypeVar("T")

#: While :func:`recording` is active: ``{(namespace, key): pickled value}`` of every entry read
#: or written in this context.
_RECORDED: ContextVar[dict[tuple[str, str], bytes] | None] = ContextVar("recorded", default=None)


@contextmanager
def recording() -> Iterator[dict[tuple[str, str], bytes]]:
    """Capture every cache entry read (hits) or written inside the block, in any namespace,
    as ``{(namespace, key): pickled value}``: the portable output of a cached computation."""
    entries: dict[tuple[str, str], bytes] = {}
    token = _RECORDED.set(entries)
    try:
        yield entries
    finally:
        _RECORDED.reset(token)


def content_hash(*parts: str | bytes | int | float | None) -> str:
    """SHA-256 hex digest of the parts, each length-prefixed so ("ab","c") != ("a","bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def file_hash(path: str | Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file's bytes (used to key caches on model weights and lexicon files)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def computing(key: str) -> Iterator[None]:
    """Hold the cross-process lock of ``key`` while computing what the cache will hold under
    it: a second process (a notebook executing beside another) that needs the same entry
    waits, then reads it from the cache, instead of computing it a second time. Locks are
    advisory ``flock`` locks on files in ``<cache dir>/locks``; keys are taken in the
    order the analyses need one another, so two processes never wait on each other. Where
    ``fcntl`` is missing (Windows) it holds no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    folder = paths.cache_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{key[:40]}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class DiskCache:
    """A key → pickled value store in ``<cache dir>/<namespace>.sqlite``.

    Args:
        namespace: file stem, e.g. ``"parse"`` or ``"embed"``.
        directory: override the cache folder (default :func:`framing.core.paths.cache_dir`).
    """

    def __init__(self, namespace: str, directory: str | Path | None = None) -> None:
        folder = Path(directory) if directory else paths.cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{namespace}.sqlite"
        self._lock = threading.Lock()
        # one process at a time sets the file up: two Dask workers opening a new file
        # together had one fail with "database is locked" on the switch to WAL, despite
        # the busy timeout
        with computing("sqlite-" + hashlib.sha256(str(self.path).encode()).hexdigest()[:24]):
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=60)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB)")
            self._conn.commit()

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """Values for the keys that are present (missing keys are simply absent)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT key, value FROM kv WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, blob in rows:
                    found[key] = pickle.load(io.BytesIO(blob))
                    self._record(key, blob)
        return found

    def _record(self, key: str, blob: bytes) -> None:
        recorded = _RECORDED.get()
        if recorded is not None:
            recorded[(self.path.stem, key)] = bytes(blob)

    def get(self, key: str, default: Any = None) -> Any:
        return self.get_many([key]).get(key, default)

    def set_many(self, items: dict[str, Any]) -> None:
        rows = [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items.items()]
        self.set_blobs(dict(rows))

    def set_blobs(self, blobs: dict[str, bytes]) -> None:
        """Store values that are already pickled (entries captured by :func:`recording`)."""
        rows = list(blobs.items())
        for key, blob in rows:
            self._record(key, blob)
        with self._lock:
            self._conn.executemany("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", rows)
            self._conn.commit()

    def set(self, key: str, value: Any) -> None:
        self.set_many({key: value})

    def __contains__(self, key: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM kv WHERE key = ?", (key,)).fetchone()
        return row is not None

    def __bool__(self) -> bool:  # an empty cache is still a cache (``if cache:`` means "on")
        return True

    def __len__(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM kv").fetchone()[0]

    def memoize(self, key: str, compute: Callable[[], T]) -> T:
        """Return the cached value for ``key``, computing and storing it when absent."""
        sentinel = object()
        value = self.get(key, sentinel)
        if value is sentinel:
            value = compute()
            self.set(key, value)
        return value

    def close(self) -> None:
        self._conn.close()
