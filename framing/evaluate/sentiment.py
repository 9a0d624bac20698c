"""Evaluation of target-dependent sentiment on NewsMTSC-format JSONL (Hamborg & Donnay 2021).

``evaluate_target_sentiment(data)`` scores every backend on every annotated target (macro-F1
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

from framing.evaluate import flag_option, list_option
from framing.sentiment.backends import get_backend
from framing.sentiment.interface import LABELS, SentimentBackend
from framing.sentiment.target_model import MiniLMBackend

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
DEFAULT_BACKENDS = ("vader", "default")


def read_newsmtsc(path: str | Path) -> list[dict]:
    """Rows of a NewsMTSC JSONL file (``sentence_normalized`` + ``targets``), checked: a
    line that is not JSON, lacks those fields or has an unknown polarity raises an error
    naming the file and line."""
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, targets = row["sentence_normalized"], row["targets"]
                bad = [t.get("polarity") for t in targets
                       if float(t.get("polarity", -1)) not in POLARITY]
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise ValueError(f"{path}: line {n}: not a NewsMTSC row ({err})") from None
            if bad or not isinstance(text, str):
                raise ValueError(f"{path}: line {n}: polarity {bad[0] if bad else '?'} is "
                                 "not one of 2.0 / 4.0 / 6.0")
            rows.append(row)
    return rows


def read_targets(path: Path) -> tuple[list[str], list[tuple[int, int]], list[str]]:
    """(sentences, target spans, gold labels), one entry per annotated target."""
    sentences, spans, gold = [], [], []
    for row in read_newsmtsc(path):
        for target in row["targets"]:
            sentences.append(row["sentence_normalized"])
            spans.append((int(target["from"]), int(target["to"])))
            gold.append(POLARITY[float(target["polarity"])])
    return sentences, spans, gold


def read_sentences(path: Path) -> tuple[list[str], list[str]]:
    """(sentences, label) for the sentences whose targets all share one polarity."""
    texts, gold = [], []
    for row in read_newsmtsc(path):
        polarities = {float(t["polarity"]) for t in row["targets"]}
        if len(polarities) == 1:
            texts.append(row["sentence_normalized"])
            gold.append(POLARITY[polarities.pop()])
    return texts, gold


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Macro-F1, accuracy and per-class precision / recall / F1 over :data:`LABELS`."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=list(LABELS),
                                                 zero_division=0)
    return {
        "macro_f1": round(float(np.mean(f)), 4),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "per_class": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                            "f1": round(float(f[i]), 4), "support": int(n[i])}
                      for i, lab in enumerate(LABELS)},
    }


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


def evaluate_target_sentiment(data: Path, backends: str | Sequence[str] = DEFAULT_BACKENDS,
                              model: str | None = None, also: str | Sequence[str] | None = None,
                              sentence_level: bool | str = True, **_: Any) -> dict[str, Any]:
    """Macro-F1, accuracy and per-class F1 of each backend on NewsMTSC-format JSONL.

    Args:
        data: a NewsMTSC JSONL file (e.g. ``newsmtsc/dev_rw.jsonl``).
        backends: comma-separated or list: ``vader`` (sentence baseline), ``default``
            (offline MiniLM target model), or Hugging Face model names.
        model: one more backend (a Hugging Face name or path) to score besides ``backends``.
        also: more files to score; default: the other ``dev_*.jsonl`` beside ``data``.
        sentence_level: also score the sentence head on sentences with agreeing targets.
    """
    data = Path(data)
    names = [str(b) for b in list_option(backends)]
    if model:
        names.append(str(model))
    extra = _siblings(data) if also is None else [Path(p) for p in list_option(also)]
    target = score_file(data, names)
    others = {p.stem: score_file(p, names) for p in extra}
    result: dict[str, Any] = {
        "summary": _summary(target, others, names),
        "metric": "macro-F1 over negative/neutral/positive per target (NewsMTSC F1m)",
        "backends": names,
        "target": target,
        "other_files": others,
    }
    if flag_option(sentence_level):
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
