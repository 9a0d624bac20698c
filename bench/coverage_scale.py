"""How long aligning an incident of many articles takes, and how time and memory grow.

Usage (from the repository root):

    .venv/bin/python bench/coverage_scale.py [--sizes 12 25 50 100 200] [--cold]

Builds incidents by concatenating BASIL events (Fan et al. 2019; read from
``../shared/eval/basil``, nothing copied) and times each step of the coverage analysis on
them: clause splitting, encoding (sentence vectors and word pieces; warm = from the cache;
``--cold`` re-encodes with the cache off), alignment (blockwise candidate search, pair
features and the learned scorer, facts; names and numbers included) and the
alignment's peak memory (tracemalloc). Each size is run twice: with BASIL's three outlets
(many articles per outlet) and with every article relabelled as its own outlet (as many
outlets as articles), the case the blockwise top-k search is built for. Prints one line per
run and a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from dataclasses import replace

from framing.core.corpus import Incident
from framing.core.encoders import Encoder, get_encoder
from framing.core.nlp import parse_texts
from framing.coverage.alignment import default_params
from framing.coverage.candidates import build_space
from framing.coverage.claims import claims_frame, content_terms
from framing.coverage.facts import align
from framing.evaluate.datasets.basil import basil_sentences, load_basil_incident


def incident_of(n_articles: int, distinct_outlets: bool) -> Incident:
    inc = load_basil_incident(events=-(-n_articles // 3))
    articles = inc.articles[:n_articles]
    if distinct_outlets:
        articles = [replace(a, outlet=f"{a.outlet}-{k:03d}") for k, a in enumerate(articles)]
    return replace(inc, articles=articles)


def run(n_articles: int, distinct_outlets: bool, cold: bool) -> dict:
    inc = incident_of(n_articles, distinct_outlets)
    params = default_params()
    t0 = time.perf_counter()
    docs = dict(zip([a.id for a in inc.articles],
                    parse_texts([a.document for a in inc.articles]), strict=True))
    sentences = basil_sentences(inc)
    t1 = time.perf_counter()
    claims = claims_frame(sentences, docs, split=params.split_clauses)
    terms = [content_terms(docs[r.article_id], r.start, r.end)
             for r in claims.itertuples(index=False)]
    t2 = time.perf_counter()
    encoder = Encoder(use_cache=False, progress=False) if cold else get_encoder()
    texts = claims["embed_text"].tolist()
    vectors = encoder.embed(texts)
    tokens = encoder.token_vectors(texts)
    t3 = time.perf_counter()
    space = build_space(claims, docs, terms, vectors, tokens)
    tracemalloc.start()
    facts, links, _ = align(space, params)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t4 = time.perf_counter()
    n = len(claims)
    return {
        "articles": len(inc.articles), "outlets": len(inc.outlets),
        "sentences": len(sentences), "claims": n,
        "parse_s (cached)": round(t1 - t0, 2), "split_s": round(t2 - t1, 2),
        f"encode_s ({'cold' if cold else 'warm cache'})": round(t3 - t2, 2),
        "align_s": round(t4 - t3, 2),
        "align_claims_per_s": round(n / (t4 - t3), 1),
        "align_peak_mib": round(peak / 2**20, 1),
        "dense_n2_would_be_mib": round(n * n * 4 / 2**20, 1),
        "links": len(links), "facts": int(facts["fact_id"].nunique()),
        "shared_facts": int(facts.loc[facts["n_outlets"] >= 2, "fact_id"].nunique()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 25, 50, 100, 200])
    parser.add_argument("--cold", action="store_true", help="encode without the cache")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        for distinct in (False, True):
            row = run(size, distinct, args.cold)
            rows.append(row)
            print(" | ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
