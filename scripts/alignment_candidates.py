"""Candidate sentence pairs to hand-label for the coverage aligner's gold files.

Usage (from the repository root):

    .venv/bin/python scripts/alignment_candidates.py basil EVENT [EVENT ...] > pairs.csv
    .venv/bin/python scripts/alignment_candidates.py sample > pairs.csv
    .venv/bin/python scripts/alignment_candidates.py show pairs.csv [labels.csv]

The candidate set is deliberately generous and independent of the aligner's fitted
parameters, so labels are not biased towards what the aligner proposes: for every
cross-outlet pair of articles, the union of

- each sentence's 3 nearest sentences in the other article (encoder cosine > 0.3),
- each clause-level claim's 3 nearest claims (cosine > 0.3),
- each claim's 3 nearest claims by TF-IDF cosine of content terms (> 0.15),

plus a random sample (seeded) of 15 % of the remaining pairs, at least 8 per article pair
(``source`` = ``random``). The sample incident is small enough to list every pair.
``show`` prints the sentence texts of the pairs not yet labelled, shuffled, without any
score, for labelling by reading. Only ids and sentence indices are written; BASIL texts
stay in ``../shared/eval/basil``.
"""

from __future__ import annotations

import csv
import random
import sys
from itertools import combinations, product

import numpy as np

from framing.core.encoders import get_encoder
from framing.core.nlp import parse_texts
from framing.core.pipeline import prepare
from framing.coverage.candidates import claim_space
from framing.evaluate.datasets.basil import basil_sentences, load_basil_event

FIELDS = ["event", "article_a", "sent_a", "article_b", "sent_b", "source"]
RANDOM_SHARE = 0.15
RANDOM_MIN = 8


def _load(event: str):
    if event == "sample":
        parsed = prepare()
        return parsed.incident.slug, parsed.sentences, parsed.docs
    inc = load_basil_event(event)
    docs = dict(zip([a.id for a in inc.articles],
                    parse_texts([a.document for a in inc.articles]), strict=True))
    return event, basil_sentences(inc), docs


def _top(sim: np.ndarray, k: int, floor: float) -> set[tuple[int, int]]:
    out = set()
    for r in range(sim.shape[0]):
        for c in np.argsort(-sim[r])[:k]:
            if sim[r, c] > floor:
                out.add((r, int(c)))
    for c in range(sim.shape[1]):
        for r in np.argsort(-sim[:, c])[:k]:
            if sim[r, c] > floor:
                out.add((int(r), c))
    return out


def candidates(event: str, exhaustive: bool = False) -> list[dict]:
    name, sentences, docs = _load(event)
    rng = random.Random(f"alignment-gold:{name}")
    space = claim_space(sentences, docs, split=True)
    claims = space.claims
    sent_vecs = get_encoder().embed(sentences["text"].tolist())
    rows = []
    for art_a, art_b in combinations(list(dict.fromkeys(sentences["article_id"])), 2):
        sa = sentences[sentences.article_id == art_a].reset_index(drop=True)
        sb = sentences[sentences.article_id == art_b].reset_index(drop=True)
        pairs: set[tuple[int, int]] = set()
        if not exhaustive:
            ia = sentences.index[sentences.article_id == art_a]
            ib = sentences.index[sentences.article_id == art_b]
            for r, c in _top(sent_vecs[ia] @ sent_vecs[ib].T, 3, 0.3):
                pairs.add((int(sa.sent_id[r]), int(sb.sent_id[c])))
            ca = np.flatnonzero(claims.article_id.to_numpy() == art_a)
            cb = np.flatnonzero(claims.article_id.to_numpy() == art_b)
            cos = space.vectors[ca] @ space.vectors[cb].T
            lex = (space.lexical[ca] @ space.lexical[cb].T).toarray()
            for sim, floor in ((cos, 0.3), (lex, 0.15)):
                for r, c in _top(sim, 3, floor):
                    pairs.add((int(claims.sent_id.iloc[ca[r]]), int(claims.sent_id.iloc[cb[c]])))
        every = list(product(sa.sent_id.astype(int), sb.sent_id.astype(int)))
        rest = [p for p in every if p not in pairs]
        if exhaustive:
            picked, source = rest, "all"
        else:
            n = min(len(rest), max(RANDOM_MIN, round(RANDOM_SHARE * len(rest))))
            picked, source = rng.sample(rest, n), "random"
        for i, j in sorted(pairs):
            rows.append({"event": name, "article_a": art_a, "sent_a": i, "article_b": art_b,
                         "sent_b": j, "source": "candidate"})
        for i, j in sorted(picked):
            rows.append({"event": name, "article_a": art_a, "sent_a": i, "article_b": art_b,
                         "sent_b": j, "source": source})
    return rows


def show(pairs_file: str, labels_file: str | None = None) -> None:
    """Print unlabelled pairs (shuffled within each event, no scores) for labelling."""
    with open(pairs_file, encoding="utf-8") as handle:
        pairs = list(csv.DictReader(handle))
    done = set()
    if labels_file:
        with open(labels_file, encoding="utf-8") as handle:
            done = {(r["article_a"], r["sent_a"], r["article_b"], r["sent_b"])
                    for r in csv.DictReader(handle)}
    by_event: dict[str, list[dict]] = {}
    for row in pairs:
        if (row["article_a"], row["sent_a"], row["article_b"], row["sent_b"]) not in done:
            by_event.setdefault(row["event"], []).append(row)
    for event, rows in by_event.items():
        _, sentences, _ = _load(event)
        text = {(a, int(s)): t for a, s, t in
                zip(sentences.article_id, sentences.sent_id, sentences.text, strict=True)}
        random.Random(f"show:{event}").shuffle(rows)
        print(f"### {event}")
        for row in rows:
            ta = text[(row["article_a"], int(row["sent_a"]))]
            tb = text[(row["article_b"], int(row["sent_b"]))]
            print(f"{row['article_a'][-3:]}:{row['sent_a']} | {row['article_b'][-3:]}:"
                  f"{row['sent_b']}\n  A: {ta}\n  B: {tb}")


def main(argv: list[str]) -> None:
    if argv[0] == "show":
        show(*argv[1:3])
        return
    events = ["sample"] if argv[0] == "sample" else argv[1:]
    writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS)
    writer.writeheader()
    for event in events:
        writer.writerows(candidates(event, exhaustive=event == "sample"))


if __name__ == "__main__":
    main(sys.argv[1:])
