"""Incident discovery: group a stream of articles into the incidents they report.

Three steps, the usual shape of news story clustering (Miranda et al. 2018; Laban & Hearst
2017) and of entity resolution (Christen 2012):

1. **blocking** (:mod:`framing.incidents.blocking`): only articles at most ``window_days``
   apart that share a named entity of their title and lead (or whose title and lead are
   very close in MiniLM space) are compared;
2. **similarity** (:mod:`framing.incidents.similarity`): ``(1 - w) * cosine of the MiniLM
   title-and-lead vectors + w * cosine of the IDF-weighted entity vectors``;
3. **linkage** (:mod:`framing.incidents.linkage`): average linkage cut at ``cut``.

The names carry the difference between two incidents of one kind: two earthquake reports
read alike, but name different towns and dates. Every article ends in exactly one proposed
incident (an article like no other is an incident of its own). The defaults were chosen on
the dev half of the AllSides stories and ECB+ topics (``framing evaluate incidents``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from framing.core.corpus import Article
from framing.incidents.blocking import MAX_BLOCK_SIZE, candidate_pairs
from framing.incidents.entities import LEAD_WORDS, article_entity_keys
from framing.incidents.linkage import average_linkage
from framing.incidents.similarity import entity_vectors, pair_scores, text_vectors


@dataclass(frozen=True)
class DiscoveryParams:
    """The settings of :func:`discover` (defaults chosen on the dev halves).

    Attributes:
        window_days: largest gap in days between two reports of one incident (None: no
            time window; articles without a date are never kept apart by it).
        lead_words: words of the body read after the title.
        entity_weight: weight ``w`` of the shared-entity similarity in the pair score.
        cut: the average pair score below which two groups stay apart.
        min_cosine: title-and-lead cosine that makes a candidate pair without a shared name.
        max_block_size: an entity in more articles than this makes no block of its own.
    """

    window_days: int | None = 3
    lead_words: int = LEAD_WORDS
    entity_weight: float = 0.35
    cut: float = 0.45
    min_cosine: float = 0.6
    max_block_size: int = MAX_BLOCK_SIZE

    def __post_init__(self) -> None:
        if self.window_days is not None and self.window_days < 0:
            raise ValueError(f"window_days must be >= 0, not {self.window_days}")
        if not 0.0 <= self.entity_weight <= 1.0:
            raise ValueError(f"entity_weight must be in [0, 1], not {self.entity_weight}")
        if self.lead_words < 1:
            raise ValueError(f"lead_words must be >= 1, not {self.lead_words}")


@dataclass
class Features:
    """What discovery reads of each article: entity keys (and their readable names), the
    title-and-lead vectors, the IDF-weighted entity vectors and the dates."""

    keys: list[set[str]]
    names: dict[str, str]
    vectors: np.ndarray
    entities: object  # scipy.sparse.csr_matrix
    dates: list[dt.date | None]
    labels: dict[str, str] = field(default_factory=dict)  # key -> spaCy label


def article_features(articles: Sequence[Article], lead_words: int = LEAD_WORDS,
                     spacy_model: str | None = None, encoder: str | None = None) -> Features:
    """Parse (spaCy NER) and embed (MiniLM) each article's title and lead; both cached."""
    keys, names, labels = article_entity_keys(articles, lead_words, spacy_model)
    return Features(keys, names, text_vectors(articles, lead_words, encoder),
                    entity_vectors(keys), [a.published for a in articles], labels)


@dataclass
class Discovery:
    """The result of :func:`discover`: each article's incident (``labels[k]`` for
    ``articles[k]``) and the scored candidate pairs behind the grouping."""

    articles: list[Article]
    labels: np.ndarray
    pairs: pd.DataFrame  # i, j, text, entity, score
    features: Features
    params: DiscoveryParams = field(default_factory=DiscoveryParams)

    @property
    def groups(self) -> list[list[int]]:
        """Article indices of each incident, in label order."""
        return [list(np.flatnonzero(self.labels == lab)) for lab in range(self.n_incidents)]

    @property
    def n_incidents(self) -> int:
        return int(self.labels.max()) + 1 if len(self.labels) else 0

    def settings(self) -> dict:
        return asdict(self.params)


def score_pairs(features: Features, params: DiscoveryParams) -> pd.DataFrame:
    """The candidate pairs (blocking) with their text, entity and mixed scores."""
    i, j = candidate_pairs(features.keys, features.vectors, features.dates,
                           window_days=params.window_days, min_cosine=params.min_cosine,
                           max_block_size=params.max_block_size)
    text, ent, score = pair_scores(features.vectors, features.entities, i, j,
                                   params.entity_weight)
    return pd.DataFrame({"i": i, "j": j, "text": text, "entity": ent, "score": score})


def cluster(features: Features, params: DiscoveryParams,
            pairs: pd.DataFrame | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """Labels of each article and the scored pairs, from precomputed features (so a grid of
    settings re-uses one parse and one embedding)."""
    pairs = score_pairs(features, params) if pairs is None else pairs
    labels = average_linkage(len(features.keys), pairs["i"].to_numpy(dtype=int),
                             pairs["j"].to_numpy(dtype=int), pairs["score"].to_numpy(),
                             params.cut)
    return labels, pairs


def discover(articles: Sequence[Article], params: DiscoveryParams | None = None, *,
             spacy_model: str | None = None, encoder: str | None = None) -> Discovery:
    """Group ``articles`` into proposed incidents (see the module docstring)."""
    params = params or DiscoveryParams()
    articles = list(articles)
    features = article_features(articles, params.lead_words, spacy_model, encoder)
    labels, pairs = cluster(features, params)
    return Discovery(articles, labels, pairs, features, params)
