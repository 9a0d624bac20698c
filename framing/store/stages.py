"""The per-article stage as data: computed once per article and model, wherever it ran.

For each article document (keyed by :func:`framing.store.identity.document_hash`) the stage
parses it with spaCy, splits its sentences (:func:`framing.core.nlp.doc_sentences`), scores
every sentence with the loaded-terms detector (:mod:`framing.terms.model`: one MiniLM pass
whose sentence vectors and word-piece vectors the sentiment and coverage analyses reuse) and
makes sure those vectors exist. Its outputs are three Parquet tables under
``STORE/stages/<fingerprint>/``:

- ``documents``: one row per processed document (sentences, characters, CPU and wall
  seconds, worker, precision, when it finished, the worker's peak memory so far): which
  articles are done, and what they cost;
- ``sentences``: the tidy sentence table (stable ``sentence_key``, offsets, paragraph,
  section, ``p_loaded``), queryable with DuckDB (``stage_sentences``);
- ``entries``: every cache entry the stage read or wrote (:func:`framing.core.cache.recording`:
  namespace, key, pickled value: parses, scores, vectors), so that the per-incident stage
  on any machine loads them into its local cache (:func:`load_stage`) and recomputes none.

The fingerprint (:func:`stage_fingerprint`) names the spaCy pipeline, the encoder and its
precision, the loaded-terms model and lexicons: a new model is a new folder, never a stale
hit. Each task appends its own part files (no shared writer, no SQLite across machines).
The ``entries`` values are pickles written by this package's own workers: load a store only
from a source you trust, as with any cache.
"""

from __future__ import annotations

import os
import resource
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing.core.cache import DiskCache, content_hash, recording
from framing.store.dataset import CorpusStore
from framing.store.identity import sentence_key

STAGE_VERSION = "1"  # bump when the stage computes something else
PRECISION_ENV = "FRAMING_ENCODER_PRECISION"
#: Columns of the stage's three tables.
STAGE_TABLES = {
    "entries": ["doc_hash", "namespace", "key", "value"],
    "sentences": ["doc_hash", "sentence_key", "sent_id", "start", "end", "text", "paragraph",
                  "section", "p_loaded"],
    "documents": ["doc_hash", "sentences", "chars", "cpu_s", "wall_s", "fingerprint",
                  "precision", "worker", "computed_at", "finished_at", "max_rss_mb"],
}


def pin_precision() -> str:
    """Resolve the encoder precision once for a run (``fp32`` or ``bf16``) and pin it in the
    environment, so that every model loaded afterwards — here and on every worker, which
    get it from :class:`framing.store.cluster.FramingModels` — computes in the same one."""
    from framing.core.encoders import encoder_precision

    precision = encoder_precision()
    os.environ[PRECISION_ENV] = precision
    return precision


def load_models(spacy_model: str | None = None) -> dict[str, str]:
    """Load (once per process: every loader is cached) the stage's models and return what
    was loaded, by name."""
    from framing.core.encoders import get_encoder
    from framing.core.nlp import load_nlp, model_id
    from framing.sentiment.backends import get_backend
    from framing.terms.model import load_model

    nlp = load_nlp(spacy_model)
    encoder = get_encoder()
    terms = load_model()
    get_backend(None)
    return {"spacy": model_id(nlp), "encoder": encoder.fingerprint, "terms": terms.fingerprint}


def stage_fingerprint(spacy_model: str | None = None) -> str:
    """Fingerprint of the models and code versions the stage's outputs depend on."""
    from framing.core.nlp import PARSE_VERSION, load_nlp
    from framing.terms.lexicons import lexicon_fingerprint

    models = load_models(spacy_model)
    nlp = load_nlp(spacy_model)
    return content_hash(STAGE_VERSION, PARSE_VERSION, ",".join(nlp.pipe_names),
                        models["spacy"], models["encoder"], models["terms"],
                        lexicon_fingerprint())[:16]


def stage_dir(store: CorpusStore, fingerprint: str) -> Path:
    return store.stages_dir / fingerprint


@dataclass
class Document:
    """One document for the stage: its hash and text (``article.document``)."""

    doc_hash: str
    text: str


@dataclass
class StoredBatch:
    """Documents a task reads itself from one part file of the store, so that only their
    hashes travel through the scheduler (a million texts never pass through the client)."""

    file: str
    doc_hashes: list[str]

    def __len__(self) -> int:
        return len(self.doc_hashes)

    def documents(self) -> list[Document]:
        import pyarrow.parquet as pq

        from framing.store.identity import document_of

        table = pq.read_table(self.file, columns=["doc_hash", "title", "text"],
                              filters=[("doc_hash", "in", self.doc_hashes)]).to_pydict()
        found: dict[str, Document] = {}
        for h, title, text in zip(table["doc_hash"], table["title"], table["text"],
                                  strict=True):
            found.setdefault(h, Document(h, document_of(title, text)))
        missing = [h for h in self.doc_hashes if h not in found]
        if missing:
            raise FileNotFoundError(f"{self.file}: documents {missing[:3]} not found (the "
                                    "store changed while the stage ran?)")
        return [found[h] for h in self.doc_hashes]


def stored_documents(store: CorpusStore) -> list[tuple[str, str]]:
    """``(doc_hash, part file)`` of every distinct document in the store, ordered by file:
    only the hash column is read."""
    import duckdb

    if not store.parts:
        return []
    files = _parquet(store.articles_dir / "**")
    rows = duckdb.sql(f"SELECT doc_hash, min(filename) AS file FROM read_parquet('{files}', "
                      "filename = true, hive_partitioning = false) GROUP BY doc_hash "
                      "ORDER BY file, doc_hash").fetchall()
    return [(h, f) for h, f in rows]


def process_document(document: Document, spacy_model: str | None = None
                     ) -> tuple[dict[tuple[str, str], bytes], list[dict], dict]:
    """The per-article stage of one document: ``(cache entries, sentence rows, document
    row)``. Pure in its inputs: the same text and models give the same outputs."""
    from framing.core.encoders import get_encoder
    from framing.core.nlp import doc_sentences, load_nlp, parse_texts
    from framing.core.pipeline import section_of
    from framing.terms.model import load_model

    cpu, wall = time.process_time(), time.perf_counter()
    nlp = load_nlp(spacy_model)
    with recording() as entries:
        doc = parse_texts([document.text], nlp, progress=False)[0]
        sents = doc_sentences(doc)
        scores = load_model().score(sents, progress=False)
        texts = [s.text for s in sents]
        encoder = get_encoder()
        encoder.embed(texts)  # stored by the scoring pass: read back here so they travel
        encoder.token_vectors(texts)
    text = doc.text
    paragraphs, paragraph, last = [], 0, 0
    for s in sents:
        paragraph += text.count("\n\n", last, s.start_char)
        last = s.start_char
        paragraphs.append(paragraph)
    n_par = max(paragraphs, default=0)
    rows = [{"doc_hash": document.doc_hash,
             "sentence_key": sentence_key(document.doc_hash, s.start_char, s.end_char),
             "sent_id": i, "start": s.start_char, "end": s.end_char, "text": s.text,
             "paragraph": p, "section": section_of(p, n_par),
             "p_loaded": round(float(sc.sentence_prob), 4)}
            for i, (s, p, sc) in enumerate(zip(sents, paragraphs, scores, strict=True))]
    info = {"doc_hash": document.doc_hash, "sentences": len(sents), "chars": len(document.text),
            "cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall}
    return entries, rows, info


def process_batch(store_root: str, fingerprint: str, documents: list[Document] | StoredBatch,
                  spacy_model: str | None = None) -> dict:
    """Run the stage on a batch of documents (given, or read from the store by the task
    itself) and append its three part files; returns a small summary (documents, CPU
    seconds, peak memory of this process). This is the function a Dask task runs."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cpu = time.process_time()
    if isinstance(documents, StoredBatch):
        documents = documents.documents()
    entries: dict[tuple[str, str], tuple[str, bytes]] = {}
    sentences: list[dict] = []
    docs: list[dict] = []
    worker = f"{socket.gethostname()}:{os.getpid()}"
    precision = os.environ.get(PRECISION_ENV, "")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    for document in documents:
        found, rows, info = process_document(document, spacy_model)
        for k, blob in found.items():
            entries.setdefault(k, (document.doc_hash, blob))
        sentences.extend(rows)
        docs.append({**info, "fingerprint": fingerprint, "precision": precision,
                     "worker": worker, "computed_at": stamp, "finished_at": time.time(),
                     "max_rss_mb": round(peak_rss_mb(), 1)})
    folder = stage_dir(CorpusStore(store_root), fingerprint)
    part = f"part-{uuid.uuid4().hex[:16]}.parquet"
    frames = {
        "entries": pd.DataFrame([{"doc_hash": d, "namespace": ns, "key": k, "value": blob}
                                 for (ns, k), (d, blob) in entries.items()],
                                columns=STAGE_TABLES["entries"]),
        "sentences": pd.DataFrame(sentences, columns=STAGE_TABLES["sentences"]),
        "documents": pd.DataFrame(docs, columns=STAGE_TABLES["documents"]),
    }
    # documents last: a document row means its entries and sentences are on disk
    for table in ("entries", "sentences", "documents"):
        (folder / table).mkdir(parents=True, exist_ok=True)
        tmp = folder / table / f".{part}.tmp"
        pq.write_table(pa.Table.from_pandas(frames[table], preserve_index=False), tmp)
        tmp.rename(folder / table / part)
    return {"documents": len(documents), "cpu_s": time.process_time() - cpu,
            "worker": worker, "max_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux ``ru_maxrss`` is in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _parquet(folder: Path) -> str:
    return str(folder / "*.parquet").replace("'", "''")


def done_documents(store: CorpusStore, fingerprint: str) -> set[str]:
    """Hashes of the documents this stage (this fingerprint) has already processed."""
    import duckdb

    folder = stage_dir(store, fingerprint) / "documents"
    if not any(folder.glob("*.parquet")):
        return set()
    rows = duckdb.sql(f"SELECT DISTINCT doc_hash FROM read_parquet('{_parquet(folder)}')")
    return {r[0] for r in rows.fetchall()}


def load_stage(store: CorpusStore, fingerprint: str, doc_hashes: list[str]) -> int:
    """Load the stage's cache entries of these documents into this process's local caches
    (:meth:`framing.core.cache.DiskCache.set_blobs`); returns the number of entries."""
    import duckdb

    folder = stage_dir(store, fingerprint) / "entries"
    if not doc_hashes or not any(folder.glob("*.parquet")):
        return 0
    con = duckdb.connect(":memory:")
    try:
        con.register("wanted", pd.DataFrame({"doc_hash": list(dict.fromkeys(doc_hashes))}))
        frame = con.execute(
            "SELECT DISTINCT e.namespace, e.key, e.value FROM read_parquet("
            f"'{_parquet(folder)}') e JOIN wanted USING (doc_hash)").df()
    finally:
        con.close()
    for namespace, group in frame.groupby("namespace"):
        DiskCache(str(namespace)).set_blobs(dict(zip(group["key"], map(bytes, group["value"]),
                                                     strict=True)))
    return len(frame)


def stage_status(store: CorpusStore) -> list[str]:
    """One line per stage fingerprint: documents processed and their CPU seconds."""
    import duckdb

    lines = []
    for folder in sorted(store.stages_dir.glob("*/documents")):
        if not any(folder.glob("*.parquet")):
            continue
        (n, cpu), = duckdb.sql(f"SELECT count(DISTINCT doc_hash), sum(cpu_s) FROM "
                               f"read_parquet('{_parquet(folder)}')").fetchall()
        lines.append(f"stage {folder.parent.name}: {n} document(s) processed, "
                     f"{cpu or 0:.1f} CPU s")
    return lines
