"""Sentence, document and actor-targeted sentiment of an incident, one row per unit.

- :func:`sentence_sentiment`: every sentence, with its position in the article (the
  article's sentiment trajectory) and VADER's compound score beside the backend's.
- :func:`target_sentiment`: the sentiment of each sentence toward each actor mention in it
  (target-dependent sentiment, Hamborg & Donnay 2021), VADER's target-blind sentence score
  beside it as the naive baseline.
- :func:`document_sentiment`: each article as the mean of its sentences, with label shares.

Every frame carries ``article_id, outlet, sent_id, start, end`` (offsets into
``article.document``), so any score can be traced to its sentence.
"""

from __future__ import annotations

import pandas as pd

from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame
from framing.sentiment.backends import get_backend
from framing.sentiment.interface import LABELS, PROBA_COLUMNS, SentimentBackend, scores

__all__ = ["SENTENCE_COLUMNS", "TARGET_COLUMNS", "DOCUMENT_COLUMNS", "sentence_sentiment",
           "target_sentiment", "document_sentiment"]

SENTENCE_COLUMNS = [*KEY_COLUMNS, "text", "paragraph", "section", "position", "label",
                    *PROBA_COLUMNS, "score", "rolling_score", "vader"]
TARGET_COLUMNS = [*KEY_COLUMNS, "surface", "actor_id", "side", "kind", "sent_start",
                  "sent_end", "sentence", "label", *PROBA_COLUMNS, "score", "vader",
                  "voice", "source_actor"]
DOCUMENT_COLUMNS = [*KEY_COLUMNS, "n_sentences", "label", *PROBA_COLUMNS, "score",
                    "share_negative", "share_neutral", "share_positive"]
#: Centred window (sentences) of the rolling mean in each article's trajectory.
TRAJECTORY_WINDOW = 3


def sentence_sentiment(parsed: Parsed, backend: SentimentBackend | str | None = None
                       ) -> pd.DataFrame:
    """Sentiment of every sentence, with its position in the article (its trajectory).

    Columns: the key columns, ``text``, ``paragraph``, ``section``, ``position`` (0 = first
    sentence, 1 = last), ``label``, ``p_negative/p_neutral/p_positive``, ``score``
    (P(pos) − P(neg)), ``rolling_score`` (centred mean over :data:`TRAJECTORY_WINDOW`
    sentences) and ``vader`` (VADER compound, the transparent baseline).
    """
    backend = get_backend(backend)
    sents = parsed.sentences
    if sents.empty:
        return empty_frame(SENTENCE_COLUMNS)
    texts = sents.text.tolist()
    proba = backend.predict_proba(texts)
    out = sents[[*KEY_COLUMNS, "text", "paragraph", "section"]].copy().reset_index(drop=True)
    n = out.groupby("article_id").sent_id.transform("max").clip(lower=1)
    out["position"] = (out.sent_id / n).round(4)
    out["label"] = backend.labels(proba)
    for i, col in enumerate(PROBA_COLUMNS):
        out[col] = proba[:, i].round(4)
    out["score"] = scores(proba).round(4)
    out["rolling_score"] = (out.groupby("article_id").score
                            .transform(lambda s: s.rolling(TRAJECTORY_WINDOW, center=True,
                                                           min_periods=1).mean()).round(4))
    out["vader"] = get_backend("vader").compound(texts).round(4)
    return out[SENTENCE_COLUMNS]


def target_sentiment(parsed: Parsed, backend: SentimentBackend | str | None = None
                     ) -> pd.DataFrame:
    """Sentiment of each sentence toward each actor mention in it (Hamborg & Donnay 2021).

    One row per mention (``parsed.mentions``); ``start``/``end`` are the mention's span,
    ``sent_start``/``sent_end`` its sentence's, ``sentence`` the sentence text; ``vader`` is
    the sentence's VADER compound (the target-blind baseline); ``voice`` and
    ``source_actor`` say in whose words the mention is (:mod:`framing.core.voice`: the
    outlet's own, or a source it quotes, reports or attributes), so tone in the outlet's
    voice can be told from tone it quotes.
    """
    backend = get_backend(backend)
    ments = parsed.mentions
    if ments.empty:
        return empty_frame(TARGET_COLUMNS)
    sents = parsed.sentences[["article_id", "sent_id", "start", "end", "text"]].rename(
        columns={"start": "sent_start", "end": "sent_end", "text": "sentence"})
    out = ments.reset_index(drop=True).merge(sents, on=["article_id", "sent_id"], how="left")
    spans = [(int(s) - int(b), int(e) - int(b))
             for s, e, b in zip(out.start, out.end, out.sent_start, strict=True)]
    proba = backend.predict_target(out.sentence.tolist(), spans)
    out["label"] = backend.labels(proba)
    for i, col in enumerate(PROBA_COLUMNS):
        out[col] = proba[:, i].round(4)
    out["score"] = scores(proba).round(4)
    out["vader"] = get_backend("vader").compound(out.sentence.tolist()).round(4)
    voices = [parsed.voices[a].voice_of(int(s), int(e))
              for a, s, e in zip(out.article_id, out.start, out.end, strict=True)]
    out["voice"] = [v.voice for v in voices]
    out["source_actor"] = [v.actor for v in voices]
    return out[TARGET_COLUMNS]


def document_sentiment(sentences: pd.DataFrame, parsed: Parsed,
                       backend: SentimentBackend | str | None = None) -> pd.DataFrame:
    """Per article: mean sentence probabilities and score, and label shares.

    The document is the mean of its sentences (headline included), so a long article does
    not average away a hostile headline unnoticed: the shares are reported beside the mean.
    Key columns: ``sent_id`` = -1 (whole document), ``start`` 0, ``end`` its length; the
    label is the backend's label of the mean probabilities.
    """
    if sentences.empty:
        return empty_frame(DOCUMENT_COLUMNS)
    labeler = get_backend(backend)
    rows = []
    by_article = dict(tuple(sentences.groupby("article_id", sort=False)))
    for article in parsed.incident.articles:
        s = by_article.get(article.id)
        if s is None:
            continue
        probs = s[PROBA_COLUMNS].mean().to_numpy()
        shares = s.label.value_counts(normalize=True)
        rows.append({
            "article_id": article.id, "outlet": article.outlet, "sent_id": -1, "start": 0,
            "end": len(article.document), "n_sentences": len(s),
            "label": labeler.labels(probs[None, :])[0],
            **{c: round(float(p), 4) for c, p in zip(PROBA_COLUMNS, probs, strict=True)},
            "score": round(float(s.score.mean()), 4),
            **{f"share_{lab}": round(float(shares.get(lab, 0.0)), 4) for lab in LABELS},
        })
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)

