"""Learned loaded-language detector: word and sentence heads on frozen MiniLM features.

Word head: a logistic regression over each word's contextual vectors (the mean of its word
pieces at MiniLM layers 0, 2, 4 and 6, i.e. the static embedding and three depths of
context) plus lexicon features (VADER and AFINN valence, the project's lexicon categories,
part of speech, stop word, capitalisation). It is trained on the words annotators marked as
biased in BABE (Spinde et al. 2021), the "bias-inducing words" task of Recasens et al.
(2013) with contextual features in place of their hand-built ones.

Sentence head: the average of two logistic regressions, one on mean-pooled token vectors
of all seven MiniLM layers (Reimers & Gurevych 2019's pooling, per layer), the other on
aggregates of the word head's probabilities (max, top-3 mean, mean, counts over
thresholds) with lexicon counts; the weight and the decision threshold were chosen by
cross-validation in ``scripts/train_loaded_terms.py``. The encoder stays frozen, so the
fitted state is a few thousand floats (``framing/models/terms_heads.npz``).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from framing.core import paths
from framing.core.cache import DiskCache, content_hash, file_hash
from framing.terms.lexicons import (
    PROJECT_CATEGORIES,
    afinn_valences,
    lexicon_fingerprint,
    project_lexicons,
    vader_valences,
)
from framing.terms.lexicons.matcher import TermMatcher

MODEL_PATH = paths.MODELS_DIR / "terms_heads.npz"
CV_PATH = paths.MODELS_DIR / "terms_cv.json"
WORD_LAYERS = (0, 2, 4, 6)
POS_TAGS = ("ADJ", "ADV", "NOUN", "VERB", "PROPN", "PRON", "DET", "ADP", "AUX", "CCONJ", "NUM",
            "PART", "SCONJ", "INTJ", "X")
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
LEX_FEATURES = ("vader_abs", "vader_lemma_abs", "afinn_abs", "afinn_lemma_abs",
                *PROJECT_CATEGORIES, "is_stop", "is_capitalised", "length")
WORD_AGG_FEATURES = ("p_max", "p_top3", "p_mean", "n_over_0.3", "n_over_0.5", "log_words")
SENT_LEX_FEATURES = ("n_vader", "sum_vader", "n_afinn", "sum_afinn", *PROJECT_CATEGORIES)


@dataclass
class Features:
    """Model inputs for a batch of sentences.

    Attributes:
        words: per sentence, ``(start, end, lower-cased word)`` with document offsets.
        word_X: one row per word (all sentences stacked), word-head features.
        word_sentence: the sentence index of each row of ``word_X``.
        pooled: per sentence, mean-pooled vectors of every layer, ``(n, 7 * dim)``.
        sent_lex: per sentence, lexicon counts (:data:`SENT_LEX_FEATURES`).
    """

    words: list[list[tuple[int, int, str]]]
    word_X: np.ndarray
    word_sentence: np.ndarray
    pooled: np.ndarray
    sent_lex: np.ndarray


@dataclass
class SentenceScores:
    """The detector's output for one sentence: word spans with probabilities, and the
    probability that the sentence is loaded (biased)."""

    words: list[tuple[int, int, str]]
    word_probs: np.ndarray
    sentence_prob: float


@cache
def project_matcher() -> TermMatcher:
    return TermMatcher(project_lexicons())


def layer_states(texts: Sequence[str], store: bool = True
                 ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per text: word-piece offsets, hidden states ``(layers, pieces, dim)`` of the real
    pieces, and the mean over all positions per layer ``(layers, dim)``.

    One batched pass of the shared encoder (``framing.core.encoders.get_encoder``) with every
    hidden layer returned. With ``store``, the last layer — the encoder's own output — is
    cached as the sentence embedding and word-piece vectors, sparing coverage and sentiment
    a second forward pass.
    """
    from framing.core.encoders import TokenVectors, get_encoder

    enc = get_encoder()
    texts = list(texts)
    out: list = [None] * len(texts)
    for idx in enc._batches(texts, "encode layers", progress=False):
        hidden, mask, mapping = enc._forward([texts[j] for j in idx], offsets=True,
                                             all_layers=True)
        hidden, mask, mapping = hidden.numpy(), mask.numpy(), mapping.numpy()
        for row, j in enumerate(idx):
            n = int(mask[row].sum())
            h, off = hidden[row, :, :n], mapping[row, :n]
            keep = off[:, 1] > off[:, 0]
            out[j] = (off[keep].astype(np.int32), h[:, keep].astype(np.float32), h.mean(1))
    if store and out:
        enc.store_embeddings(texts, np.stack([o[2][-1] for o in out]))
        enc.store_token_vectors(texts, [TokenVectors(o[0], o[1][-1]) for o in out])
    return out


def _token_lookup(span: Span | Doc):
    tokens = [t for t in span if not t.is_space]
    return tokens, [t.idx for t in tokens]


def featurize(spans: Sequence[Span | Doc], store: bool = True) -> Features:
    """Word and sentence features of parsed sentences (Spans of a Doc, or Docs); ``store``
    leaves the encoder's vectors in its cache (see :func:`layer_states`)."""
    vader, afinn = vader_valences(), afinn_valences()
    matcher = project_matcher()
    cat_index = {c: i for i, c in enumerate(PROJECT_CATEGORIES)}
    texts = [s.text for s in spans]
    states = layer_states(texts, store=store)
    words_all, rows, sent_of, pooled, sent_lex = [], [], [], [], []
    n_lex = len(LEX_FEATURES) + len(POS_TAGS)
    for si, (span, (off, hidden, mean)) in enumerate(zip(spans, states, strict=True)):
        base = span.start_char if isinstance(span, Span) else 0
        tokens, starts = _token_lookup(span)
        flags: dict[int, np.ndarray] = {}
        for m in matcher.find(span):
            for t in range(m.start_token, m.end_token):
                flags.setdefault(t, np.zeros(len(PROJECT_CATEGORIES)))[cat_index[m.category]] = 1
        words, lex_counts = [], np.zeros(len(SENT_LEX_FEATURES))
        for match in WORD_RE.finditer(span.text):
            a, b = match.span()
            sel = (off[:, 0] < b) & (off[:, 1] > a)
            if not sel.any():
                continue
            k = max(bisect.bisect_right(starts, base + a) - 1, 0)
            tok = tokens[k] if tokens else None
            word = match.group(0).lower()
            lemma = tok.lemma_.lower() if tok is not None else word
            lex = np.zeros(n_lex, dtype=np.float32)
            lex[:4] = [abs(vader.get(word, 0)), abs(vader.get(lemma, 0)),
                       abs(afinn.get(word, 0)), abs(afinn.get(lemma, 0))]
            cats = np.zeros(len(PROJECT_CATEGORIES))
            for t in range(k, len(tokens)):
                if tokens[t].idx >= base + b:
                    break
                if tokens[t].i in flags:
                    cats = np.maximum(cats, flags[tokens[t].i])
            lex[4 : 4 + len(cats)] = cats
            j = 4 + len(cats)
            lex[j : j + 3] = [float(tok.is_stop) if tok is not None else 0.0,
                              float(match.group(0)[0].isupper()), len(word) / 10]
            if tok is not None and tok.pos_ in POS_TAGS:
                lex[j + 3 + POS_TAGS.index(tok.pos_)] = 1.0
            vec = np.concatenate([hidden[layer, sel].mean(0) for layer in WORD_LAYERS])
            rows.append(np.concatenate([vec, lex]))
            sent_of.append(si)
            words.append((base + a, base + b, word))
            lex_counts[:4] += [lex[0] > 0, lex[0], lex[2] > 0, lex[2]]
            lex_counts[4:] += cats
        words_all.append(words)
        pooled.append(mean.reshape(-1))
        sent_lex.append(lex_counts)
    dim = len(WORD_LAYERS) * (states[0][1].shape[-1] if states else 384) + n_lex
    return Features(
        words=words_all,
        word_X=np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), np.float32),
        word_sentence=np.asarray(sent_of, dtype=np.int64),
        pooled=np.vstack(pooled).astype(np.float32) if pooled else np.zeros((0, 7 * 384)),
        sent_lex=np.vstack(sent_lex) if sent_lex else np.zeros((0, len(SENT_LEX_FEATURES))),
    )


def word_aggregates(word_probs: np.ndarray, word_sentence: np.ndarray,
                    n_sentences: int) -> np.ndarray:
    """Per sentence: :data:`WORD_AGG_FEATURES` of its words' probabilities."""
    out = np.zeros((n_sentences, len(WORD_AGG_FEATURES)))
    bounds = np.searchsorted(word_sentence, np.arange(n_sentences + 1))
    for s in range(n_sentences):
        p = np.sort(word_probs[bounds[s] : bounds[s + 1]])[::-1]
        if len(p):
            out[s] = [p[0], p[:3].mean(), p.mean(), (p > 0.3).sum(), (p > 0.5).sum(),
                      np.log1p(len(p))]
    return out


@dataclass
class LinearHead:
    """Standardise then logistic: the fitted state of one scikit-learn pipeline."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        z = ((X - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def from_pipeline(cls, pipe) -> LinearHead:
        scaler, clf = pipe[0], pipe[-1]
        return cls(scaler.mean_.astype(np.float32), scaler.scale_.astype(np.float32),
                   clf.coef_[0].astype(np.float32), float(clf.intercept_[0]))


class LoadedTermModel:
    """The fitted word and sentence heads (see the module docstring).

    Attributes:
        word_threshold: word probability above which a word is flagged (chosen by CV).
        sentence_threshold: sentence probability above which a sentence is "loaded".
        meta: training provenance (data hash, encoder, CV figures).
    """

    def __init__(self, word: LinearHead, emb: LinearHead, agg: LinearHead, weight: float,
                 word_threshold: float, sentence_threshold: float, meta: dict) -> None:
        self.word, self.emb, self.agg = word, emb, agg
        self.weight = weight
        self.word_threshold = word_threshold
        self.sentence_threshold = sentence_threshold
        self.meta = meta
        self.fingerprint = meta.get("fingerprint", "")

    # -- persistence ---------------------------------------------------------------------
    def save(self, path: Path = MODEL_PATH) -> None:
        arrays = {}
        for name in ("word", "emb", "agg"):
            head: LinearHead = getattr(self, name)
            arrays.update({f"{name}_mean": head.mean, f"{name}_scale": head.scale,
                           f"{name}_coef": head.coef,
                           f"{name}_intercept": np.float32(head.intercept)})
        arrays["params"] = np.array([self.weight, self.word_threshold, self.sentence_threshold],
                                    dtype=np.float32)
        arrays["meta"] = np.array(json.dumps(self.meta))
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LoadedTermModel:
        if not Path(path).exists():
            raise FileNotFoundError(f"{path} is missing: run scripts/train_loaded_terms.py")
        data = np.load(path, allow_pickle=False)
        heads = [LinearHead(data[f"{n}_mean"], data[f"{n}_scale"], data[f"{n}_coef"],
                            float(data[f"{n}_intercept"])) for n in ("word", "emb", "agg")]
        weight, t_word, t_sent = (float(x) for x in data["params"])
        meta = json.loads(str(data["meta"]))
        meta["fingerprint"] = file_hash(path)[:16]
        return cls(*heads, weight, t_word, t_sent, meta)

    # -- prediction ----------------------------------------------------------------------
    def predict_features(self, feats: Features) -> tuple[np.ndarray, np.ndarray]:
        """Word probabilities (stacked) and sentence probabilities."""
        n = len(feats.words)
        p_word = self.word.predict_proba(feats.word_X) if len(feats.word_X) else np.zeros(0)
        agg = np.hstack([word_aggregates(p_word, feats.word_sentence, n), feats.sent_lex])
        p_sent = (self.weight * self.emb.predict_proba(feats.pooled)
                  + (1 - self.weight) * self.agg.predict_proba(agg))
        return p_word, p_sent

    def score(self, spans: Sequence[Span | Doc], *, use_cache: bool = True,
              progress: bool | None = None) -> list[SentenceScores]:
        """Score parsed sentences; results are cached by (model, sentence text, offset)."""
        from tqdm.auto import tqdm

        from framing.core.encoders import PROGRESS_MIN_TEXTS, get_encoder

        store = DiskCache("loaded-terms") if use_cache else None
        lex = lexicon_fingerprint()
        encoder = get_encoder().fingerprint  # the features' model and precision
        keys = [content_hash("v1", self.fingerprint, encoder, lex, s.text,
                             s.start_char if isinstance(s, Span) else 0) for s in spans]
        found = store.get_many(keys) if store else {}
        todo = [i for i, k in enumerate(keys) if k not in found]
        show = progress if progress is not None else len(todo) >= PROGRESS_MIN_TEXTS
        chunk = 256
        for i in tqdm(range(0, len(todo), chunk), desc="loaded terms", disable=not show):
            idx = todo[i : i + chunk]
            feats = featurize([spans[j] for j in idx], store=use_cache)
            p_word, p_sent = self.predict_features(feats)
            bounds = np.searchsorted(feats.word_sentence, np.arange(len(idx) + 1))
            fresh = {keys[j]: SentenceScores(feats.words[r],
                                             p_word[bounds[r] : bounds[r + 1]].astype(np.float32),
                                             float(p_sent[r]))
                     for r, j in enumerate(idx)}
            if store:
                store.set_many(fresh)
            found.update(fresh)
        return [found[k] for k in keys]


@cache
def load_model(path: str | None = None) -> LoadedTermModel:
    """The committed detector (loaded once per process)."""
    return LoadedTermModel.load(Path(path) if path else MODEL_PATH)


def cv_figures() -> dict:
    """The cross-validated figures the training script measured (``terms_cv.json``)."""
    return json.loads(CV_PATH.read_text(encoding="utf-8")) if CV_PATH.exists() else {}
