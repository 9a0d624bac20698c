"""Evaluation of loaded-term detection: BABE biased words and sentences, PTC spans.

- ``biased-words`` (:func:`evaluate_biased_words`): BABE (Spinde et al. 2021) CSV files.
  Word level: micro precision/recall/F1 over each sentence's set of lower-cased words,
  flagged vs the annotators' ``biased_words`` (a word counts once per sentence). Sentence
  level: precision/recall/F1 of the Biased class against ``label_bias``. Scored for each
  lexicon alone and for the learned detector. The learned detector is trained on
  ``babe_dev.csv``; on that very file (recognised by its SHA-256) the learned figures are
  the training script's nested cross-validated, out-of-fold ones, labelled as such — never
  in-sample predictions. On any other file the committed model is applied as is.
- ``loaded-spans`` (:func:`evaluate_loaded_spans`): PTC (Da San Martino et al. 2019),
  flagged spans against the Loaded_Language and Name_Calling,Labeling spans: character-level
  overlap P/R/F1 and span-level (a predicted span is correct if it overlaps a gold span; a
  gold span is found if any predicted span overlaps it).

Both score what the analysis flags: a hit whose word has a plain sense here ("maintain the
ceasefire", "ceasefire regime", "claimed the lives of") is dropped, from lexicon matches and
learned hits alike (:mod:`framing.terms.senses`).

Both also report speed in sentences per second on this machine (lexicon matching on parsed
text, the learned detector without caches, and the spaCy parse alone, uncached). Caveat: a few
entries of the project lexicons were added after looking at the most frequent words marked
in ``babe_dev.csv``, so lexicon-only figures on that file are somewhat optimistic.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from framing.core.cache import file_hash
from framing.core.nlp import doc_sentences, parse_texts
from framing.evaluate.datasets.babe import read_babe
from framing.evaluate.datasets.ptc import TECHNIQUES as PTC_TECHNIQUES
from framing.evaluate.datasets.ptc import read_ptc
from framing.evaluate.metrics import binary_scores, prf, set_prf
from framing.terms.lexicons import load_lexicons, project_lexicons, read_lexicon, valence_lexicon
from framing.terms.lexicons.matcher import TermMatcher
from framing.terms.model import WORD_RE
from framing.terms.senses import span_plain_sense

SPEED_SAMPLE = 1000  # BABE sentences timed without caches for the learned detector


def parse_speed(texts: list[str], n: int = 200) -> float:
    """Sentences (texts) per second of the spaCy pipeline alone, uncached."""
    from framing.core.nlp import load_nlp

    nlp = load_nlp()
    sample = texts[:n]
    t0 = time.perf_counter()
    for _ in nlp.pipe(sample):
        pass
    return round(len(sample) / (time.perf_counter() - t0), 1)


def learned_speed(model, sentences: list, n: int = SPEED_SAMPLE) -> float:
    """Sentences per second of the learned detector, warm (encoder loaded), no cache."""
    model.score(sentences[:2], use_cache=False, progress=False)
    sample = sentences[:n]
    t0 = time.perf_counter()
    model.score(sample, use_cache=False, progress=False)
    return round(len(sample) / (time.perf_counter() - t0), 1)


# ---------------------------------------------------------------------------------------------
# BABE


def _words(doc) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in WORD_RE.finditer(doc.text)]


def _plain(doc, start: int, end: int) -> bool:
    """Whether a learned hit's word has a plain sense here, as the analysis drops it
    (:func:`framing.terms.senses.span_plain_sense`)."""
    return bool(span_plain_sense(doc.char_span(start, end, alignment_mode="expand")))


def lexicon_word_sets(docs: list, matcher: TermMatcher) -> list[set[str]]:
    """Per document, the lower-cased words that overlap a lexicon match."""
    out = []
    for doc in docs:
        spans = [(m.start, m.end) for m in matcher.find(doc)]
        out.append({w for a, b, w in _words(doc) if any(s < b and a < e for s, e in spans)})
    return out


def lexicon_configs(extra: Iterable[str | Path] = ()) -> dict[str, pd.DataFrame]:
    """The lexicon settings scored alone: each project file, the valence words, user files."""
    project = project_lexicons()
    configs = {f"project:{name}": g for name, g in project.groupby("lexicon", sort=False)}
    configs["project (all five)"] = project
    configs["vader |valence| >= 2"] = valence_lexicon("vader")
    configs["afinn |score| >= 3"] = valence_lexicon("afinn")
    configs["project + vader + afinn (default)"] = load_lexicons()
    for path in extra:
        configs[f"user:{Path(path).name}"] = read_lexicon(path)
    return configs


def applied_scores(model, docs: list, gold: list[set[str]], y: np.ndarray, *,
                   use_cache: bool = True, progress: bool = False
                   ) -> tuple[dict[str, float], dict[str, float]]:
    """Word-level and sentence-level P/R/F1 of the committed learned detector applied as is
    to parsed BABE-format sentences (``gold``: each sentence's marked words; ``y``: biased)."""
    scores = model.score(docs, use_cache=use_cache, progress=progress)
    sets = [{w for (a, b, w), p in zip(s.words, s.word_probs, strict=True)
             if p > model.word_threshold and not _plain(doc, a, b)}
            for s, doc in zip(scores, docs, strict=True)]
    probs = np.array([s.sentence_prob for s in scores])
    return set_prf(sets, gold), binary_scores(y, probs > model.sentence_threshold)


def evaluate_biased_words(data: Path, *, lexicon: Sequence[str | Path] = (),
                          learned: bool = True) -> dict[str, Any]:
    """Score lexicons and the learned detector on a BABE-format CSV.

    Args:
        data: a BABE CSV (``text``, ``label_bias``, ``biased_words``; ``;``-separated).
        lexicon: extra user lexicon files (paths) to score alone, next to the project's.
        learned: also score the learned detector (false: lexicons only).
    """
    from framing.terms.model import cv_figures, load_model

    frame = read_babe(Path(data))
    gold = list(frame["gold_words"])
    y = (frame["label_bias"] == "Biased").to_numpy()
    docs = parse_texts(frame["text"].tolist(), progress=True)
    word_level: dict[str, Any] = {}
    sentence_level: dict[str, Any] = {}
    speed: dict[str, Any] = {}
    for name, entries in lexicon_configs(lexicon).items():
        matcher = TermMatcher(entries)
        t0 = time.perf_counter()
        sets = lexicon_word_sets(docs, matcher)
        elapsed = time.perf_counter() - t0
        word_level[name] = set_prf(sets, gold)
        sentence_level[f"{name}: any hit"] = binary_scores(y, np.array([bool(s) for s in sets]))
        if name.endswith("(default)"):
            speed["lexicon_sentences_per_s"] = round(len(docs) / elapsed, 1)
    speed["spacy_parse_sentences_per_s"] = parse_speed(frame["text"].tolist())
    result: dict[str, Any] = {"sentences": len(frame), "biased_sentences": int(y.sum()),
                              "marked_words": int(sum(len(g) for g in gold))}
    if learned:
        model = load_model()
        same_file = file_hash(data) == model.meta.get("data_sha256")
        speed["learned_sentences_per_s"] = learned_speed(model, docs)
        if same_file:
            cv = cv_figures().get("cv", {})
            word_level["learned"] = {**cv.get("word", {}), "source": (
                "nested grouped cross-validation, out-of-fold (this file is the training "
                "data; see framing/models/terms_cv.json)")}
            sentence_level["learned"] = {**cv.get("sentence", {}), "source":
                                         word_level["learned"]["source"]}
        else:
            words, sentences = applied_scores(model, docs, gold, y, progress=True)
            word_level["learned"] = {**words, "source": "committed model applied"}
            sentence_level["learned"] = {**sentences, "source": "committed model applied"}
        result["model"] = {"trained_on": model.meta.get("trained_on"),
                           "word_threshold": round(model.word_threshold, 3),
                           "sentence_threshold": round(model.sentence_threshold, 3),
                           "evaluated_on_training_file": same_file}
    best_lex = max((k for k in word_level if k != "learned"), key=lambda k: word_level[k]["f1"])
    result["summary"] = {
        "word_f1_best_lexicon": {best_lex: word_level[best_lex]["f1"]},
        "word_f1_learned": word_level.get("learned", {}).get("f1"),
        "sentence_f1_default_lexicons_any_hit":
            sentence_level["project + vader + afinn (default): any hit"]["f1"],
        "sentence_f1_learned": sentence_level.get("learned", {}).get("f1"),
    }
    result.update({"word_level": word_level, "sentence_level": sentence_level,
                   "speed": speed})
    return result


# ---------------------------------------------------------------------------------------------
# PTC


def _char_sets(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, b)}


def span_scores(pred: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
                ) -> dict[str, Any]:
    """Character-overlap and span-overlap P/R/F1, micro over articles.

    Character level: the characters inside predicted spans against those inside gold spans.
    Span level (Da San Martino et al. 2019's partial matching, without partial credit): a
    predicted span is correct if it overlaps a gold span, a gold span is found if any
    predicted span overlaps it.
    """
    c_tp = c_pred = c_gold = 0
    s_pred_hit = s_pred = s_gold_hit = s_gold = 0
    for art in set(pred) | set(gold):
        p, g = pred.get(art, []), gold.get(art, [])
        pc, gc = _char_sets(p), _char_sets(g)
        c_tp, c_pred, c_gold = c_tp + len(pc & gc), c_pred + len(pc), c_gold + len(gc)
        s_pred += len(p)
        s_gold += len(g)
        s_pred_hit += sum(any(a < e and s < b for s, e in g) for a, b in p)
        s_gold_hit += sum(any(a < e and s < b for s, e in p) for a, b in g)

    return {"char": prf(c_tp, c_pred - c_tp, c_gold - c_tp),
            "span": prf(s_pred_hit, s_pred - s_pred_hit, s_gold - s_gold_hit, found=s_gold_hit),
            "predicted_spans": s_pred}


def evaluate_loaded_spans(data: Path, *, lexicon: Sequence[str | Path] = (),
                          learned: bool = True) -> dict[str, Any]:
    """Score loaded-term detection against PTC Loaded_Language and Name_Calling spans.

    Args:
        data: the PTC folder (``articles/article<ID>.txt``, ``task2-TC.labels``).
        lexicon: extra user lexicon files (paths) to score alone, next to the project's.
        learned: also score the learned detector's flagged words (false: lexicons only).
    """
    from framing.terms.detect import find_scare_quotes
    from framing.terms.model import load_model

    texts, labels = read_ptc(Path(data))
    ids = list(texts)
    docs = dict(zip(ids, parse_texts([texts[i] for i in ids], progress=True), strict=True))
    n_sent = sum(len(doc_sentences(d)) for d in docs.values())
    gold_all = {a: list(zip(g["start"], g["end"], strict=True))
                for a, g in labels.groupby("article")}
    gold_by = {t: {a: list(zip(g["start"], g["end"], strict=True))
                   for a, g in labels[labels["technique"] == t].groupby("article")}
               for t in PTC_TECHNIQUES}
    preds: dict[str, dict[str, list[tuple[int, int]]]] = {}
    speed: dict[str, Any] = {}
    for name, entries in lexicon_configs(lexicon).items():
        matcher = TermMatcher(entries)
        t0 = time.perf_counter()
        preds[name] = {a: [(m.start, m.end) for m in matcher.find(d)] for a, d in docs.items()}
        if name.endswith("(default)"):
            speed["lexicon_sentences_per_s"] = round(n_sent / (time.perf_counter() - t0), 1)
    preds["scare quotes"] = {a: [(q["start"], q["end"]) for q in find_scare_quotes(d)]
                             for a, d in docs.items()}
    if learned:
        model = load_model()
        model.score(doc_sentences(next(iter(docs.values())))[:2], use_cache=False)  # warm up
        flagged = {}
        t0 = time.perf_counter()
        for a, d in tqdm(docs.items(), desc="learned", unit="article"):
            flagged[a] = [(s, e) for sc in model.score(doc_sentences(d), use_cache=False,
                                                       progress=False)
                          for (s, e, _), p in zip(sc.words, sc.word_probs, strict=True)
                          if p > model.word_threshold and not _plain(d, s, e)]
        speed["learned_sentences_per_s"] = round(n_sent / (time.perf_counter() - t0), 1)
        preds["learned"] = flagged
        preds["learned + default lexicons + scare quotes"] = {
            a: flagged[a] + preds["project + vader + afinn (default)"][a]
            + preds["scare quotes"][a] for a in docs}
    preds["default lexicons + scare quotes"] = {
        a: preds["project + vader + afinn (default)"][a] + preds["scare quotes"][a]
        for a in docs}
    sample = [s.text for d in list(docs.values())[:10] for s in doc_sentences(d)]
    speed["spacy_parse_sentences_per_s"] = parse_speed(sample)
    results = {}
    for name, pred in preds.items():
        entry = span_scores(pred, gold_all)
        entry["recall_by_technique"] = {
            t: span_scores(pred, gold_by[t])["span"]["recall"] for t in PTC_TECHNIQUES}
        results[name] = entry
    best = max(results, key=lambda k: results[k]["char"]["f1"])
    return {
        "articles": len(docs), "sentences": n_sent,
        "gold_spans": {t: int((labels["technique"] == t).sum()) for t in PTC_TECHNIQUES},
        "summary": {"best_char_f1": {best: results[best]["char"]["f1"]},
                    "default_lexicons_char_f1":
                        results["project + vader + afinn (default)"]["char"]["f1"],
                    "learned_char_f1": results.get("learned", {}).get("char", {}).get("f1")},
        "detectors": results,
        "speed": speed,
        "note": ("PTC spans average about 4 words (whole phrases); word-level detectors "
                 "flag single words, so character recall is bounded well below 1."),
    }
