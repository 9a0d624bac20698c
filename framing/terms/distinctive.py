"""Distinctive terms per outlet: Fightin' Words log-odds with an informative Dirichlet prior.

Weighted log-odds ratios of each content lemma and bigram, one outlet against the rest of
the incident, z-scored (Monroe, Colaresi & Quinn 2008, "Fightin' Words"); the prior comes
from the incident's pooled counts, so a word used once does not look distinctive.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.core.nlp import doc_sentences
from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame
from framing.terms.detect import frame_of, outlet_words


def _content(tok) -> bool:
    return tok.is_alpha and not tok.is_stop and len(tok.text) > 1


def term_occurrences(parsed: Parsed, bigrams: bool = True) -> pd.DataFrame:
    """Content lemmas and adjacent content-lemma bigrams of every sentence."""
    rows = []
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        for sent_id, sent in enumerate(doc_sentences(doc)):
            toks = list(sent)
            for i, tok in enumerate(toks):
                if not _content(tok):
                    continue
                base = {"article_id": article.id, "outlet": article.outlet, "sent_id": sent_id}
                rows.append({**base, "start": tok.idx, "end": tok.idx + len(tok.text),
                             "term": tok.lemma_.lower(), "kind": "lemma"})
                if bigrams and i + 1 < len(toks) and _content(toks[i + 1]):
                    nxt = toks[i + 1]
                    rows.append({**base, "start": tok.idx, "end": nxt.idx + len(nxt.text),
                                 "term": f"{tok.lemma_.lower()} {nxt.lemma_.lower()}",
                                 "kind": "bigram"})
    return frame_of(rows, [*KEY_COLUMNS, "term", "kind"])


def log_odds_dirichlet(counts_i: pd.Series, counts_j: pd.Series, prior: pd.Series
                       ) -> pd.DataFrame:
    """Weighted log-odds ratio of each term, group i vs group j, with a Dirichlet prior.

    Monroe, Colaresi & Quinn (2008), eq. 16–22: ``delta = log((y_i+a)/(n_i+a0-y_i-a)) -
    log((y_j+a)/(n_j+a0-y_j-a))``, ``var ~ 1/(y_i+a) + 1/(y_j+a)``, ``z = delta/sqrt(var)``.
    All three series share one index (the vocabulary); ``prior`` holds the pseudo-counts.
    """
    a = prior.astype(float)
    a0 = a.sum()
    yi, yj = counts_i.astype(float), counts_j.astype(float)
    ni, nj = yi.sum(), yj.sum()
    delta = (np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a)))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    return pd.DataFrame({"delta": delta, "z": delta / np.sqrt(var)})


def distinctive_terms(parsed: Parsed, occurrences: pd.DataFrame | None = None, *,
                      prior_scale: float = 1.0, floor: float = 0.5) -> pd.DataFrame:
    """Terms each outlet uses more (z > 0) or less (z < 0) than the rest of the incident.

    Fightin' Words (Monroe, Colaresi & Quinn 2008) with an informative Dirichlet prior from
    the incident's pooled counts: ``a_w = prior_scale * (pooled_w + floor)``, computed
    separately for lemmas and bigrams. With one short article per outlet the prior keeps a
    word used once from looking distinctive; even so, |z| < 1.96 is common at this size —
    read the z-scores as a ranking, not a test. Rows: every term the outlet uses, with its
    first occurrence as the evidence position.
    """
    occ = occurrences if occurrences is not None else term_occurrences(parsed)
    cols = [*KEY_COLUMNS, "term", "kind", "n_outlet", "n_rest", "per_1000_outlet",
            "per_1000_rest", "log_odds", "z"]
    outlets = parsed.incident.outlets
    if len(outlets) < 2 or occ.empty:
        return empty_frame(cols)
    words = outlet_words(parsed)
    rows = []
    for kind, group in occ.groupby("kind"):
        table = group.groupby(["term", "outlet"]).size().unstack(fill_value=0)
        table = table.reindex(columns=outlets, fill_value=0)
        pooled = table.sum(axis=1)
        prior = prior_scale * (pooled + floor)
        first = group.drop_duplicates(["outlet", "term"]).set_index(["outlet", "term"])
        for outlet in outlets:
            yi = table[outlet]
            yj = pooled - yi
            scores = log_odds_dirichlet(yi, yj, prior)
            rest_words = words.drop(outlet).sum()
            used = yi.index[yi > 0]
            if not len(used):
                continue
            loc = first.loc[outlet].reindex(used)
            n_in, n_out = yi[used].to_numpy(), yj[used].to_numpy()
            rows.append(pd.DataFrame({
                "article_id": loc["article_id"].to_numpy(), "outlet": outlet,
                "sent_id": loc["sent_id"].astype(int).to_numpy(),
                "start": loc["start"].astype(int).to_numpy(),
                "end": loc["end"].astype(int).to_numpy(), "term": used, "kind": kind,
                "n_outlet": n_in.astype(int), "n_rest": n_out.astype(int),
                "per_1000_outlet": np.round(1000 * n_in / words[outlet], 2),
                "per_1000_rest": np.round(1000 * n_out / rest_words, 2),
                "log_odds": np.round(scores.loc[used, "delta"].to_numpy(dtype=float), 4),
                "z": np.round(scores.loc[used, "z"].to_numpy(dtype=float), 3)}))
    if not rows:
        return empty_frame(cols)
    out = pd.concat(rows, ignore_index=True)[cols]
    return out.sort_values(["outlet", "z"], ascending=[True, False]).reset_index(drop=True)


def top_distinctive(distinctive: pd.DataFrame, n: int = 10, min_count: int = 2) -> pd.DataFrame:
    """The ``n`` highest-z terms per outlet used at least ``min_count`` times."""
    keep = distinctive[(distinctive["n_outlet"] >= min_count) & (distinctive["z"] > 0)]
    return (keep.sort_values("z", ascending=False).groupby("outlet", sort=False).head(n)
            .reset_index(drop=True))
