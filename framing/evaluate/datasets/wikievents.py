"""WikiEvents (Li, Ji & Han 2021): Wikipedia-sourced news documents with KAIROS event
mentions, their arguments and roles, and entity coreference clusters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.evaluate.datasets import MalformedRow, json_lines


@dataclass
class GoldDoc:
    """One WikiEvents document rebuilt as text, with token character offsets."""

    doc_id: str
    text: str
    token_spans: list[tuple[int, int]]
    mentions: dict[str, tuple[int, int]]  # entity mention id -> char span
    clusters: dict[str, list[str]]  # entity mention id -> ids of its coreference cluster
    events: list[dict[str, Any]]


def rebuild_text(record: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """Place every sentence at its character offset; sentence gaps become line breaks.

    WikiEvents offsets index a text in which sentences are separated by one character that
    the ``text`` field omits, so the text is rebuilt from the sentence strings.
    """
    spans = [(t[1], t[2]) for sent in record["sentences"] for t in sent[0]]
    buf = [" "] * (max(e for _, e in spans) if spans else 0)
    for tokens, sent_text in record["sentences"]:
        if not tokens:
            continue
        start = tokens[0][1]
        aligned = all(sent_text[s - start:e - start] == w for w, s, e in tokens)
        if aligned:
            for k, ch in enumerate(sent_text):
                if start + k < len(buf):
                    buf[start + k] = ch
        else:
            for w, s, e in tokens:
                buf[s:e] = list(w[: e - s].ljust(e - s))
        if start > 0 and buf[start - 1] == " ":
            buf[start - 1] = "\n"
    return "".join(buf), spans


def read_coref(path: Path) -> dict[str, list[list[str]]]:
    """``{doc_key: clusters of entity-mention ids}`` of a WikiEvents coreference file."""
    coref = {}
    for n, rec in json_lines(path):
        if "doc_key" not in rec or not isinstance(rec.get("clusters"), list):
            raise MalformedRow(path, n, "a coreference row needs doc_key and clusters")
        coref[rec["doc_key"]] = rec["clusters"]
    return coref


def load_wikievents(path: str | Path) -> list[GoldDoc]:
    """Documents of a WikiEvents ``.jsonl`` file with the coreference file found beside it
    (``coref/<name>.jsonlines``); missing coreference means singleton clusters. A line
    that is not a WikiEvents document raises :class:`MalformedRow`."""
    path = Path(path)
    if path.is_dir():
        path = path / "dev.jsonl"
    coref_path = path.parent / "coref" / (path.stem + ".jsonlines")
    coref = read_coref(coref_path) if coref_path.exists() else {}
    docs = []
    for n, rec in json_lines(path):
        try:
            text, spans = rebuild_text(rec)
            mentions = {m["id"]: (spans[m["start"]][0], spans[m["end"] - 1][1])
                        for m in rec["entity_mentions"]}
            doc_id, events = rec["doc_id"], rec["event_mentions"]
        except (KeyError, IndexError, TypeError, ValueError) as err:
            raise MalformedRow(path, n, f"not a WikiEvents document ({type(err).__name__}: "
                               f"{err})") from None
        clusters: dict[str, list[str]] = {m: [m] for m in mentions}
        for cluster in coref.get(doc_id, []):
            for m in cluster:
                clusters[m] = list(cluster)
        docs.append(GoldDoc(doc_id, text, spans, mentions, clusters, events))
    return docs
