"""The content-addressed cache: hits for unchanged inputs, misses when text or model change."""

from __future__ import annotations

import numpy as np

from framing.core.cache import DiskCache, content_hash, file_hash


def test_content_hash_is_unambiguous():
    assert content_hash("ab", "c") != content_hash("a", "bc")
    assert content_hash("x", 1) == content_hash("x", "1")


def test_disk_cache_roundtrip_and_memoize(tmp_path):
    store = DiskCache("t", tmp_path)
    store.set("k", {"a": np.arange(3)})
    assert "k" in store and len(store) == 1
    assert store.get("k")["a"].tolist() == [0, 1, 2]
    calls = []
    assert store.memoize("m", lambda: calls.append(1) or 42) == 42
    assert store.memoize("m", lambda: calls.append(1) or 43) == 42
    assert calls == [1]
    assert store.get_many(["k", "missing"]).keys() == {"k"}


def test_file_hash_changes_with_bytes(tmp_path):
    path = tmp_path / "w.bin"
    path.write_bytes(b"weights-1")
    first = file_hash(path)
    path.write_bytes(b"weights-2")
    assert file_hash(path) != first


def test_embedding_cache_keyed_by_text_and_model(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    from framing.core.encoders import Encoder

    enc = Encoder()
    a = enc.embed(["Azerbaijan launched an attack.", "Three were wounded."])
    store = DiskCache("embeddings")
    assert len(store) == 2
    b = enc.embed(["Three were wounded.", "Azerbaijan launched an attack."])
    assert len(store) == 2  # both served from the cache
    np.testing.assert_allclose(a[::-1], b, atol=1e-6)
    enc.embed(["Three were wounded!"])
    assert len(store) == 3  # a changed text is computed afresh
    key = enc._key("embed", "Three were wounded.")
    enc.fingerprint = "another-model"
    assert enc._key("embed", "Three were wounded.") != key  # another model never hits
    fresh = Encoder(use_cache=False).embed(["Three were wounded."])
    np.testing.assert_allclose(fresh[0], a[1], atol=1e-5)


def test_recording_captures_hits_and_writes_as_portable_blobs(tmp_path):
    from framing.core.cache import recording

    first = DiskCache("alpha", directory=tmp_path / "a")
    first.set("old", [1, 2])
    with recording() as entries:
        first.get("old")
        first.set("new", {"x": 3})
        first.get("missing")
    assert set(entries) == {("alpha", "old"), ("alpha", "new")}
    other = DiskCache("alpha", directory=tmp_path / "b")  # another machine's cache
    other.set_blobs({key: blob for (_, key), blob in entries.items()})
    assert other.get("old") == [1, 2] and other.get("new") == {"x": 3}


def _open_together(folder, barrier, results) -> None:
    barrier.wait()
    try:
        DiskCache("parses", directory=folder)
        results.put("")
    except Exception as error:  # noqa: BLE001 - reported to the parent
        results.put(repr(error))


def test_processes_opening_a_new_cache_together_all_succeed(tmp_path):
    """Two Dask workers opening a new cache file at once had one fail with "database is
    locked" on the switch to WAL; six processes started on a barrier, five times."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    errors = []
    for i in range(5):
        barrier, results = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_open_together, args=(tmp_path / str(i), barrier, results))
                 for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        errors += [e for e in (results.get() for _ in procs) if e]
    assert errors == []
