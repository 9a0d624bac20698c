"""Speed of loaded-term detection, in sentences per second (prints; no assertions).

Usage: ``.venv/bin/python bench/terms_speed.py [--babe N]``

Times, on this machine: lexicon matching on parsed sentences, scare quotes, the learned
detector without its cache (MiniLM forward pass with all layers + heads), and the whole
``framing.terms.tables`` step on the sample incident; optionally also on the first N BABE
sentences (read from ../shared/eval, never copied).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing import paths, terms  # noqa: E402
from framing.lexicons import load_lexicons  # noqa: E402
from framing.lexicons.matcher import TermMatcher  # noqa: E402
from framing.nlp import doc_sentences, parse_texts  # noqa: E402
from framing.pipeline import prepare  # noqa: E402
from framing.terms_model import load_model  # noqa: E402


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:8.1f} sentences/s ({n} sentences, {seconds:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--babe", type=int, default=500, help="BABE sentences to time (0: skip)")
    args = parser.parse_args()
    parsed = prepare()
    sents = [s for d in parsed.docs.values() for s in doc_sentences(d)]
    matcher = TermMatcher(load_lexicons())
    model = load_model()
    model.score(sents[:2], use_cache=False)  # load the encoder once

    t0 = time.perf_counter()
    for s in sents:
        matcher.find(s)
    print("sample, lexicon matching:      ", rate(len(sents), time.perf_counter() - t0))
    t0 = time.perf_counter()
    terms.scare_quotes(parsed)
    print("sample, scare quotes:          ", rate(len(sents), time.perf_counter() - t0))
    t0 = time.perf_counter()
    model.score(sents, use_cache=False)
    print("sample, learned (no cache):    ", rate(len(sents), time.perf_counter() - t0))
    t0 = time.perf_counter()
    terms.tables(parsed)
    print("sample, terms.tables (cached): ", rate(len(sents), time.perf_counter() - t0))

    babe = paths.EVAL_DIR / "babe" / "babe_dev.csv"
    if args.babe and babe.exists():
        from framing.eval_terms import read_babe

        texts = read_babe(babe)["text"].tolist()[: args.babe]
        t0 = time.perf_counter()
        docs = parse_texts(texts)
        parse_s = time.perf_counter() - t0
        print("BABE, spaCy parse (cache ok):  ", rate(len(docs), parse_s))
        t0 = time.perf_counter()
        for d in docs:
            matcher.find(d)
        print("BABE, lexicon matching:        ", rate(len(docs), time.perf_counter() - t0))
        t0 = time.perf_counter()
        model.score(docs, use_cache=False)
        print("BABE, learned (no cache):      ", rate(len(docs), time.perf_counter() - t0))


if __name__ == "__main__":
    main()
