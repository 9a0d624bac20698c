"""Train the narrative-role classifier of ``framing.portrayal.role_classifier``.

Reads every gold entity of SemEval-2025 Task 10 entity framing (English) and of the Narrative
Frames corpus, and the attackers and victims of WikiEvents attacks (mention-level examples
for the mention head only; ``--no-wikievents`` leaves them out), from
``framing.core.paths.EVAL_DIR`` (``../shared/eval``, never copied), locates
each entity's mentions in its document, featurises them (target-sentiment representation,
encoder vectors, blame-rule counts; document vectors), measures the classifier by
document-grouped cross-validation (``framing.evaluate.portrayal``), fits both heads on all
entities and writes ``framing/models/portrayal_roles.npz`` + ``portrayal_roles.json`` (the
JSON holds the encoder, options, cross-validated figures, the training data's fingerprint and
the time taken).

Usage::

    nice .venv/bin/python scripts/train_portrayal_roles.py            # the committed model
    .venv/bin/python scripts/train_portrayal_roles.py --encoder sentence-transformers/\\
        all-mpnet-base-v2 --out /tmp/roles                          # another encoder (online)

Time on the project's 2-core machine: see ``seconds`` in the JSON (the committed run read
its features from the cache: 26 s; on empty caches they take about 250 s, about 5 min in all).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing.core import paths  # noqa: E402
from framing.core.encoders import DEFAULT_ENCODER, get_encoder  # noqa: E402
from framing.core.nlp import load_nlp, model_id  # noqa: E402
from framing.evaluate.portrayal import (  # noqa: E402
    corpus_result,
    cross_validate,
    fingerprint,
    load_corpora,
    role_data,
    summarize,
    wikievents_mentions,
)
from framing.portrayal.role_classifier import (  # noqa: E402
    DATASET_WEIGHTS,
    DEFAULT_MODEL,
    ENTITY_C,
    MENTION_C,
    PROJECTION_DIM,
    RoleClassifier,
)
from framing.portrayal.role_features import (  # noqa: E402
    FEATURE_VERSION,
    MAX_MENTIONS,
    target_fingerprint,
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=paths.EVAL_DIR)
    parser.add_argument("--encoder", default=None, help="Hugging Face encoder (default: the "
                        "packaged MiniLM)")
    parser.add_argument("--spacy-model", default=None)
    parser.add_argument("--folds", type=int, default=5, help="0: no cross-validation")
    parser.add_argument("--no-wikievents", action="store_true",
                        help="train the mention head without the WikiEvents attack arguments")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL,
                        help="output stem (.npz and .json are written)")
    args = parser.parse_args(argv)

    import numpy as np
    import sklearn
    import torch

    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    corpora = load_corpora(args.data)
    nlp = load_nlp(args.spacy_model)
    encoder = get_encoder(args.encoder)
    data = role_data(corpora, encoder=encoder, nlp=nlp)
    extra = None if args.no_wikievents else wikievents_mentions(args.data, encoder=encoder,
                                                                nlp=nlp)
    t_features = time.perf_counter() - t0
    print(f"features: {len(data)} entities, {len(data.owner)} mentions"
          f"{f', {len(extra)} WikiEvents mentions' if extra is not None else ''}, "
          f"{t_features:.0f} s", flush=True)

    cv: dict = {}
    if args.folds:
        entity, pooled, fold_of = cross_validate(data, args.folds, extra=extra)
        found = {c.name: corpus_result(c, data, np.flatnonzero(data.datasets == c.name),
                                       entity, pooled, fold_of, spacy_model=args.spacy_model)
                 for c in corpora}
        cv = {"folds": args.folds, "grouped_by": "document", "summary": summarize(found),
              "per_class": {name: res["model"]["per_class"] for name, res in found.items()}}
        print(f"cross-validation: {time.perf_counter() - t0 - t_features:.0f} s", flush=True)
        for key, value in cv["summary"].items():
            print(f"  {key}: {value}")

    t1 = time.perf_counter()
    meta = {
        "method": "mention head: logistic regression on [target-sentiment representation; "
                  "encoder span vector; blame-rule counts; head dependency; predicate "
                  "embedding in the agent / patient slot]; entity head: logistic regression "
                  "on pooled mentions, the annotated (anchor) mention's own features, "
                  "document vector and the products of their PCA projections",
        "encoder": args.encoder or DEFAULT_ENCODER,
        "target_sentiment_fingerprint": target_fingerprint(),
        "feature_version": FEATURE_VERSION,
        "max_mentions": MAX_MENTIONS,
        "dataset_weights": DATASET_WEIGHTS,
        "spacy_model": model_id(nlp),
        "training_data": {c.name: {"folder": str(c.folder.relative_to(paths.SHARED_DIR))
                                   if c.folder.is_relative_to(paths.SHARED_DIR)
                                   else str(c.folder),
                                   "entities": int((data.datasets == c.name).sum()),
                                   "documents": len({it.doc_key for it in c.items})}
                          for c in corpora},
        "data_sha1": fingerprint(corpora),
        "mentions": int(len(data.owner)),
        "extra_training": ({"wikievents_mentions": len(extra),
                            "wikievents_sha1": hashlib.sha1(
                                (args.data / "wikievents" / "dev.jsonl").read_bytes()
                                if (args.data / "wikievents" / "dev.jsonl").exists() else
                                (args.data / "dev.jsonl").read_bytes()).hexdigest()[:12],
                            "roles": {r: int((extra.labels == i).sum())
                                      for i, r in enumerate(("villain", "victim", "hero"))}}
                           if extra is not None else {}),
        "cv": cv,
        "sklearn": sklearn.__version__,
        "threads": args.threads,
        "trained_by": "scripts/train_portrayal_roles.py",
    }
    model = RoleClassifier.fit(data, extra=extra, mention_C=MENTION_C, entity_C=ENTITY_C,
                               k=PROJECTION_DIM, meta=meta)
    model.meta["seconds"] = {"features": round(t_features, 1),
                             "cross_validation": round(t1 - t0 - t_features, 1),
                             "fit": round(time.perf_counter() - t1, 1),
                             "total": round(time.perf_counter() - t0, 1)}
    npz, js = model.save(args.out)
    size = npz.stat().st_size + js.stat().st_size
    print(f"wrote {npz} and {js} ({size / 1e6:.2f} MB) in "
          f"{time.perf_counter() - t0:.0f} s total")


if __name__ == "__main__":
    main()
