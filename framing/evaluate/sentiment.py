"""Evaluation of target-dependent sentiment on NewsMTSC-format JSONL (Hamborg & Donnay 2021).

``evaluate_target_sentiment(data)`` scores each sentiment model (``sentiment_model``, the
name ``--sentiment-model`` and the notebooks use) on every annotated target (macro-F1
over negative / neutral / positive, the paper's F1m; accuracy; per-class F1) and measures
speed on this machine (targets/s with the cache off). When ``data`` is one of the NewsMTSC
dev files, its sibling dev files are scored too (``also``), so the saved results carry both
the "real-world" (rw) and the multi-target (mt) figures. The sentence-level head is scored
on the sentences whose targets agree (the labels it was trained on). Data are read where
they are (``../shared/eval``), never copied.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from framing.evaluate.datasets.newsmtsc import read_sentences, read_targets
from framing.evaluate.metrics import class_scores
from framing.sentiment.backends import get_backend
from framing.sentiment.interface import LABELS, SentimentBackend
from framing.sentiment.target_model import MiniLMBackend

DEFAULT_MODELS = ("vader", "default")


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Macro-F1, accuracy and per-class precision / recall / F1 over :data:`LABELS`."""
    return class_scores(gold, pred, LABELS)


def _uncached(name: str) -> SentimentBackend:
    """A backend that recomputes everything (speed must not be measured on cache hits)."""
    if name == "default":
        return MiniLMBackend(use_cache=False)
    return get_backend(name)


def score_file(path: Path, backends: Sequence[str]) -> dict[str, Any]:
    """Target-level scores of each backend on one file, with targets per second."""
    sentences, spans, gold = read_targets(path)
    out: dict[str, Any] = {"file": Path(path).name, "targets": len(gold),
                           "sentences": len(set(sentences)),
                           "class_counts": {lab: gold.count(lab) for lab in LABELS}}
    for name in backends:
        backend = _uncached(name)
        if isinstance(backend, MiniLMBackend):
            backend._load()  # model loading is not part of the throughput
        start = time.perf_counter()
        proba = backend.predict_target(sentences, spans)
        seconds = time.perf_counter() - start
        result = scores(gold, backend.labels(proba))
        result["targets_per_second"] = round(len(gold) / seconds, 1)
        out[name] = result
    return out


def score_sentences(path: Path, backends: Sequence[str]) -> dict[str, Any]:
    """Sentence-level scores (sentences with agreeing targets) with sentences per second."""
    texts, gold = read_sentences(path)
    out: dict[str, Any] = {"file": Path(path).name, "sentences": len(gold),
                           "labels": "polarity shared by all targets of the sentence"}
    for name in backends:
        backend = _uncached(name)
        if name == "default":
            from framing.core.encoders import Encoder

            # time the sentence head on a fresh, uncached encoder
            encoder = Encoder(use_cache=False, progress=False)
            start = time.perf_counter()
            x = encoder.embed(texts).astype(np.float64)
            logits = x @ backend._coef.T + backend._intercept
            proba = np.exp(logits - logits.max(1, keepdims=True))
            proba /= proba.sum(1, keepdims=True)
        else:
            start = time.perf_counter()
            proba = backend.predict_proba(texts)
        seconds = time.perf_counter() - start
        result = scores(gold, backend.labels(proba))
        result["sentences_per_second"] = round(len(gold) / seconds, 1)
        out[name] = result
    return out


def _siblings(path: Path) -> list[Path]:
    if not path.name.startswith("dev_"):
        return []
    return sorted(p for p in path.parent.glob("dev_*.jsonl") if p.name != path.name)


def evaluate_target_sentiment(data: Path, *,
                              sentiment_model: str | Sequence[str] = DEFAULT_MODELS,
                              also: Sequence[str | Path] | None = None,
                              sentence_level: bool = True) -> dict[str, Any]:
    """Macro-F1, accuracy and per-class F1 of each sentiment model on NewsMTSC-format JSONL.

    Args:
        data: a NewsMTSC JSONL file (e.g. ``newsmtsc/dev_rw.jsonl``).
        sentiment_model: the models to score, as ``--sentiment-model`` names them: ``vader``
            (sentence baseline), ``default`` (offline MiniLM target model), or Hugging Face
            model names or folders.
        also: more files to score; default: the other ``dev_*.jsonl`` beside ``data``.
        sentence_level: also score the sentence head on sentences with agreeing targets.
    """
    data = Path(data)
    names = ([sentiment_model] if isinstance(sentiment_model, str | Path)
             else [str(m) for m in sentiment_model])
    if not names:
        raise ValueError("sentiment_model: name at least one model to score")
    extra = _siblings(data) if also is None else [Path(p) for p in also]
    target = score_file(data, names)
    others = {p.stem: score_file(p, names) for p in extra}
    result: dict[str, Any] = {
        "summary": _summary(target, others, names),
        "metric": "macro-F1 over negative/neutral/positive per target (NewsMTSC F1m)",
        "backends": names,
        "target": target,
        "other_files": others,
    }
    if sentence_level:
        result["sentence"] = score_sentences(data, [n for n in names
                                                    if n in ("vader", "default")])
    result["model"] = _model_meta()
    return result


def _summary(target: dict[str, Any], others: dict[str, dict[str, Any]],
             names: list[str]) -> dict[str, float]:
    """Headline figures first: the main model's macro-F1 and accuracy, then the baseline's,
    then the same on the other files (what the report's Methods table shows)."""
    main = next((n for n in names if n != "vader"), names[0])
    out = {"macro_f1": target[main]["macro_f1"], "accuracy": target[main]["accuracy"]}
    if "vader" in names and main != "vader":
        out["vader_macro_f1"] = target["vader"]["macro_f1"]
    for stem, res in others.items():
        out[f"{stem}_macro_f1"] = res[main]["macro_f1"]
        if "vader" in names and main != "vader":
            out[f"{stem}_vader_macro_f1"] = res["vader"]["macro_f1"]
    return out


def _model_meta() -> dict[str, Any]:
    """Training facts of the committed default model (time, size, hold-out scores)."""
    from framing.sentiment.target_model import SENTENCE_HEAD, TARGET_CONFIG, TARGET_WEIGHTS

    if not TARGET_CONFIG.exists():
        return {}
    config = json.loads(TARGET_CONFIG.read_text(encoding="utf-8"))
    head = json.loads(SENTENCE_HEAD.read_text(encoding="utf-8"))
    size = sum(p.stat().st_size for p in (SENTENCE_HEAD, TARGET_WEIGHTS, TARGET_CONFIG))
    keep = ("n_top_layers", "epochs", "lr", "batch_size", "seed", "n_targets",
            "training_seconds", "threads", "history")
    return {
        "target": {k: config.get(k) for k in keep},
        "sentence": {k: head.get(k) for k in ("C", "cv_macro_f1", "cv_f1_per_class",
                                              "n_sentences", "training_seconds")},
        "model_files_bytes": size,
    }
