"""The learned narrative-role classifier: villain, victim or hero, per mention and per entity.

Where the sentence structure is silent (no harm event, no accusation), the role an outlet
casts an actor in may still show in how it is written about. Two small heads learn it from
the two public corpora with entity roles, SemEval-2025 Task 10 entity framing (Piskorski et
al. 2025: Antagonist → villain, Innocent → victim, Protagonist → hero) and the Narrative
Frames corpus (Frermann et al. 2023: villain, victim, hero):

- the **mention head** (:meth:`RoleClassifier.mention_proba`) reads one mention in its
  sentence (:mod:`framing.portrayal.role_features`): the target-aware representation of the
  project's target-sentiment model (MiniLM's top layers fine-tuned with the mention marked,
  Hamborg & Donnay 2021), the encoder's word-piece vectors pooled over the mention
  (entity-in-context), the blame rule's agent / target counts, the head's dependency label,
  and the embedding of the predicate the mention is the agent or the patient of (the slots
  of a connotation frame, Rashkin et al. 2016). Each corpus mention carries its entity's
  gold role (distant labels: a role is annotated once per entity and document); an entity's
  mentions share one unit of weight. The agents and victims of WikiEvents attacks (Li, Ji &
  Han 2021) join as mention-level examples: without them the head takes the agent of a
  shelling for a hero as often as not (entity-level labels say who an actor is in the story,
  not what one sentence does).
- the **entity head** (:meth:`RoleClassifier.entity_proba`) reads an entity's mentions in a
  whole document: the mean of their features, plus the document's mean sentence embedding
  and the products of low-rank projections of the two (PCA, 32 × 32). A role is relative to
  the story's stance — the same country is Antagonist in one SemEval article and Innocent or
  Protagonist in the next — and the products let a linear model read "this kind of actor in
  this kind of story" (a factorised interaction, as in Rendle 2010's factorisation machines).
  Where the role is asked of one mention (SemEval annotates a role per mention), that
  mention's own features join as an *anchor* block (:func:`pool_mentions`).
  In grouped cross-validation (``framing.evaluate.portrayal``, deterministic split) it
  beats the mean of the mention probabilities by 0.09 (SemEval) and 0.05 (Narrative Frames)
  macro-F1.

Both heads are multinomial logistic regressions on standardised features (scikit-learn for
fitting, NumPy at run time), class-balanced, so their probabilities assume equal priors for
the three roles (there is no "none": a caller that needs one thresholds the probabilities or
asks the structure first). SemEval entities weigh 3× (its news is closer to the project's
than the Narrative Frames climate coverage, and it is a third of the size), WikiEvents
mentions 10×. The fitted weights live in ``framing/models/portrayal_roles.npz`` with
``portrayal_roles.json`` (encoder, options, cross-validated figures, training-data
fingerprint, time taken), written by ``scripts/train_portrayal_roles.py``.

Known weakness: heroes. The corpora's heroes are climate advocates and political
protagonists, so the mention head reads a rescuer amid words of harm ("rescue workers dug
through the rubble") as a victim; the portrayal analysis' structural helping verbs
(:mod:`framing.portrayal.roles`) cover such sentences before the classifier is asked.

Any Hugging Face encoder can replace the packaged MiniLM for the pooled mention, predicate
and document vectors (``scripts/train_portrayal_roles.py --encoder NAME``, online once); the
model records its encoder and loads it. The target-sentiment representation always comes
from the committed target-sentiment model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from framing.core import paths
from framing.core.encoders import DEFAULT_ENCODER, ModelUnavailableError
from framing.portrayal.role_features import (
    MentionFeatures,
    check_spans,
    document_vectors,
    mention_features,
)

#: The roles, in the column order of every probability array.
ROLES = ("villain", "victim", "hero")
#: The committed model (``.npz`` weights + ``.json`` description).
DEFAULT_MODEL = paths.MODELS_DIR / "portrayal_roles"
#: Fitting options (chosen by grouped cross-validation, see ``framing.evaluate.portrayal``).
MENTION_C = 0.003
ENTITY_C = 0.003
PROJECTION_DIM = 32
DATASET_WEIGHTS = {"semeval2025_en": 3.0, "narrative_frames": 1.0, "wikievents": 10.0}


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(1, keepdims=True)


def _unit(x: np.ndarray) -> np.ndarray:
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-9)


def balanced_weights(labels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``weights`` rescaled so that every class carries the same total weight (mean 1)."""
    out = np.asarray(weights, dtype=np.float64).copy()
    for k in np.unique(labels):
        mask = labels == k
        out[mask] /= out[mask].sum()
    return out * len(out) / out.sum()


@dataclass
class LinearHead:
    """Multinomial logistic regression on standardised features: ``mean``, ``scale``
    (standardisation), ``coef`` ``(3, d)``, ``intercept`` ``(3,)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray

    def proba(self, x: np.ndarray) -> np.ndarray:
        """``(n, 3)`` role probabilities of the rows of ``x``."""
        z = (np.asarray(x, dtype=np.float64) - self.mean) / self.scale
        return _softmax(z @ self.coef.T + self.intercept)

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, weights: np.ndarray, C: float,
            gain: np.ndarray | None = None) -> LinearHead:
        """Fit on rows ``x`` with role indices ``y`` and sample ``weights`` (balanced here).

        ``gain`` multiplies each standardised column (default 1): a column with gain g is
        regularised as if its penalty were divided by g², so a few informative columns
        (the blame rule's counts) are not drowned by hundreds of embedding dimensions."""
        from sklearn.linear_model import LogisticRegression

        x = np.asarray(x, dtype=np.float64)
        mean = x.mean(0)
        scale = x.std(0)
        scale[scale < 1e-8] = 1.0
        if gain is not None:
            scale = scale / np.asarray(gain, dtype=np.float64)
        y = np.asarray(y)
        if len(set(y.tolist())) < len(ROLES):
            raise ValueError("training data need entities of all three roles")
        clf = LogisticRegression(C=C, max_iter=2000)
        clf.fit((x - mean) / scale, y, sample_weight=balanced_weights(y, weights))
        return cls(mean, scale, clf.coef_.astype(np.float64), clf.intercept_.astype(np.float64))


@dataclass
class Projection:
    """PCA of one block (``mean``, ``components`` ``(k, d)``), rows scaled to unit length."""

    mean: np.ndarray
    components: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return _unit((np.asarray(x, dtype=np.float64) - self.mean) @ self.components.T)

    @classmethod
    def fit(cls, x: np.ndarray, k: int) -> Projection:
        from sklearn.decomposition import PCA

        pca = PCA(min(k, *x.shape), random_state=0).fit(np.asarray(x, dtype=np.float64))
        return cls(pca.mean_, pca.components_)


@dataclass
class EntityFeatures:
    """Pooled features of ``m`` entities: ``target`` (mean of the mention-marked part of the
    target-sentiment representation), ``span``, ``sentiment``, ``structure`` (mean blame-rule
    agent / victim counts), ``document`` (the document vector) and ``anchor`` (the features
    of the one mention the role is asked of, zeros when none: see :func:`pool_mentions`)."""

    target: np.ndarray
    span: np.ndarray
    sentiment: np.ndarray
    structure: np.ndarray
    document: np.ndarray
    anchor: np.ndarray

    def take(self, rows: Sequence[int] | np.ndarray) -> EntityFeatures:
        idx = np.asarray(rows, dtype=int)
        return EntityFeatures(self.target[idx], self.span[idx], self.sentiment[idx],
                              self.structure[idx], self.document[idx], self.anchor[idx])


def anchor_features(mentions: MentionFeatures) -> np.ndarray:
    """The block a mention gives as its entity's anchor: the mention-marked part of the
    target-sentiment representation, its sentiment, the pooled span vector and the
    structure (rule counts and the head's dependency label)."""
    dim = mentions.target.shape[1] // 3
    return np.hstack([mentions.target[:, dim:2 * dim], mentions.sentiment, mentions.span,
                      mentions.structure]).astype(np.float64)


def pool_mentions(mentions: MentionFeatures, owner: np.ndarray, n_entities: int,
                  documents: np.ndarray, anchors: np.ndarray | None = None) -> EntityFeatures:
    """Mean features of each entity's mentions (``owner[i]`` = the entity of mention ``i``);
    an entity without mentions gets zeros (its document vector still speaks).

    ``anchors[e]`` is the row of entity ``e``'s anchor mention (-1: none): the mention the
    role is asked of. SemEval-2025 annotates a role per mention, not per entity ("U.S." is
    the protagonist at one mention of an article and the antagonist at two others), so the
    entity head reads that mention's own features beside the pooled ones (document-grouped
    5-fold cross-validation, SemEval 3-role macro-F1: 0.628 → 0.697 on the deterministic
    split, but 0.632 → 0.648 on the mean of three splits with documents shuffled, whose
    spread is ±0.02; Narrative Frames, which has no anchors, unchanged)."""
    owner = np.asarray(owner, dtype=int)
    counts = np.bincount(owner, minlength=n_entities).astype(np.float64)
    denom = np.maximum(counts, 1.0)[:, None]

    def mean(block: np.ndarray) -> np.ndarray:
        out = np.zeros((n_entities, block.shape[1]))
        np.add.at(out, owner, block.astype(np.float64))
        return out / denom

    dim = mentions.target.shape[1] // 3
    block = anchor_features(mentions)
    anchor = np.zeros((n_entities, block.shape[1]))
    if anchors is not None:
        rows = np.asarray(anchors, dtype=int)
        has = rows >= 0
        anchor[has] = block[rows[has]]
    return EntityFeatures(mean(mentions.target[:, dim:2 * dim]), mean(mentions.span),
                          mean(mentions.sentiment), mean(mentions.structure[:, :2]),
                          np.asarray(documents, dtype=np.float64), anchor)


@dataclass
class EntityHead:
    """The entity head: :class:`LinearHead` over pooled mention features, the document
    vector and the products of their projections (:class:`Projection`)."""

    linear: LinearHead
    entity_projection: Projection
    document_projection: Projection

    @staticmethod
    def design(ef: EntityFeatures, ent: Projection, doc: Projection) -> np.ndarray:
        a = ent(np.hstack([ef.span, ef.target, ef.anchor]))
        b = doc(ef.document)
        outer = (a[:, :, None] * b[:, None, :]).reshape(len(a), -1)
        return np.hstack([ef.target, ef.span, ef.sentiment, ef.structure, outer, b, ef.anchor])

    def proba(self, ef: EntityFeatures) -> np.ndarray:
        return self.linear.proba(self.design(ef, self.entity_projection,
                                             self.document_projection))

    @classmethod
    def fit(cls, ef: EntityFeatures, y: np.ndarray, weights: np.ndarray, *, C: float = ENTITY_C,
            k: int = PROJECTION_DIM) -> EntityHead:
        ent = Projection.fit(np.hstack([ef.span, ef.target, ef.anchor]), k)
        doc = Projection.fit(ef.document, k)
        return cls(LinearHead.fit(cls.design(ef, ent, doc), y, weights, C), ent, doc)


@dataclass
class RoleData:
    """Featurised training or test entities (:func:`featurize`).

    Attributes:
        labels: each entity's role index into :data:`ROLES` (-1: unknown).
        groups: each entity's document key (the cross-validation group).
        datasets: each entity's dataset name (keys of :data:`DATASET_WEIGHTS`).
        mentions: the features of every located mention, entity by entity.
        owner: the entity of each mention.
        entities: the pooled features of each entity.
    """

    labels: np.ndarray
    groups: np.ndarray
    datasets: np.ndarray
    mentions: MentionFeatures
    owner: np.ndarray
    entities: EntityFeatures
    meta: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, rows: Sequence[int] | np.ndarray) -> RoleData:
        """The entities ``rows`` with their mentions (owners renumbered)."""
        rows = np.asarray(rows, dtype=int)
        new_index = np.full(len(self), -1)
        new_index[rows] = np.arange(len(rows))
        keep = np.flatnonzero(new_index[self.owner] >= 0)
        return RoleData(self.labels[rows], self.groups[rows], self.datasets[rows],
                        self.mentions.take(keep), new_index[self.owner[keep]],
                        self.entities.take(rows), self.meta)

    def weights(self) -> np.ndarray:
        """Each entity's dataset weight (:data:`DATASET_WEIGHTS`)."""
        return np.array([DATASET_WEIGHTS.get(str(d), 1.0) for d in self.datasets])


def featurize(documents: Sequence[str], mentions: Sequence[Sequence[tuple[int, int]]],
              names: Sequence[str] | None = None, *, labels: Sequence[int] | None = None,
              groups: Sequence[str] | None = None, datasets: Sequence[str] | None = None,
              anchors: Sequence[int | None] | None = None, encoder: Any = None,
              nlp: Any = None) -> RoleData:
    """Features of entities given as (document, mention spans[, name]).

    An entity without spans is read from its ``name`` alone (the name as a one-mention text)
    when one is given, else only from its document. ``anchors[i]`` is the index into
    ``mentions[i]`` of the mention whose role is asked (None: the entity's as a whole; see
    :func:`pool_mentions`).

    Raises:
        ValueError: the lengths differ, or an anchor is not an index into its spans.
    """
    from framing.core.encoders import get_encoder

    encoder = encoder or get_encoder()
    n = len(documents)
    if len(mentions) != n or (names is not None and len(names) != n) or (
            anchors is not None and len(anchors) != n):
        raise ValueError("documents, mentions, names and anchors differ in length")
    texts, spans, owner = [], [], []
    anchor_rows = np.full(n, -1)
    for i, (doc, found) in enumerate(zip(documents, mentions, strict=True)):
        if not found and names is not None and names[i].strip():
            texts.append(names[i])
            spans.append((0, len(names[i])))
            owner.append(i)
        at = anchors[i] if anchors is not None else None
        if at is not None:
            if not 0 <= at < len(found):
                raise ValueError(f"entity {i}: anchor {at} is not one of its "
                                 f"{len(found)} mention spans")
            anchor_rows[i] = len(texts) + at
        for span in found:
            texts.append(doc)
            spans.append(span)
            owner.append(i)
    mf = mention_features(texts, spans, encoder=encoder, nlp=nlp)
    owner_arr = np.asarray(owner, dtype=int)
    docs = document_vectors(list(documents), encoder=encoder, nlp=nlp)
    return RoleData(np.asarray(labels if labels is not None else [-1] * n),
                    np.asarray(groups if groups is not None else list(documents), dtype=object),
                    np.asarray(datasets if datasets is not None else [""] * n, dtype=object),
                    mf, owner_arr, pool_mentions(mf, owner_arr, n, docs, anchor_rows))


class RoleClassifier:
    """Villain / victim / hero probabilities for actor mentions and entities.

    Args:
        mention_head: the per-mention :class:`LinearHead`.
        entity_head: the per-entity :class:`EntityHead`.
        meta: the model's description (encoder, options, figures).
    """

    def __init__(self, mention_head: LinearHead, entity_head: EntityHead,
                 meta: dict[str, Any] | None = None) -> None:
        self.mention_head = mention_head
        self.entity_head = entity_head
        self.meta = dict(meta or {})
        self._encoder: Any = None

    # -- model files ---------------------------------------------------------------------
    @staticmethod
    def _paths(path: str | Path | None) -> tuple[Path, Path]:
        stem = Path(path) if path is not None else DEFAULT_MODEL
        if stem.suffix in (".npz", ".json"):
            stem = stem.with_suffix("")
        return stem.with_suffix(".npz"), stem.with_suffix(".json")

    @classmethod
    def load(cls, path: str | Path | None = None) -> RoleClassifier:
        """The model at ``path`` (a stem, or its ``.npz`` / ``.json``); default: the
        committed one in ``framing/models/``.

        Raises:
            ModelUnavailableError: a model file is missing.
        """
        npz, meta_path = cls._paths(path)
        for p in (npz, meta_path):
            if not p.exists():
                raise ModelUnavailableError(f"portrayal role model file missing: {p}; run "
                                            "scripts/train_portrayal_roles.py")
        w = np.load(npz)
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        f64 = {k: w[k].astype(np.float64) for k in w.files}
        mention = LinearHead(f64["mention_mean"], f64["mention_scale"], f64["mention_coef"],
                             f64["mention_intercept"])
        entity = EntityHead(
            LinearHead(f64["entity_mean"], f64["entity_scale"], f64["entity_coef"],
                       f64["entity_intercept"]),
            Projection(f64["entity_proj_mean"], f64["entity_proj_components"]),
            Projection(f64["document_proj_mean"], f64["document_proj_components"]))
        if tuple(meta.get("roles", ROLES)) != ROLES:
            raise ModelUnavailableError(f"{meta_path} has roles {meta.get('roles')}, not "
                                        f"{ROLES}")
        return cls(mention, entity, meta)

    def save(self, path: str | Path | None = None) -> tuple[Path, Path]:
        """Write ``<stem>.npz`` (float32 weights) and ``<stem>.json`` (the description)."""
        npz, meta_path = self._paths(path)
        npz.parent.mkdir(parents=True, exist_ok=True)
        m, e = self.mention_head, self.entity_head
        arrays = {
            "mention_mean": m.mean, "mention_scale": m.scale, "mention_coef": m.coef,
            "mention_intercept": m.intercept,
            "entity_mean": e.linear.mean, "entity_scale": e.linear.scale,
            "entity_coef": e.linear.coef, "entity_intercept": e.linear.intercept,
            "entity_proj_mean": e.entity_projection.mean,
            "entity_proj_components": e.entity_projection.components,
            "document_proj_mean": e.document_projection.mean,
            "document_proj_components": e.document_projection.components,
        }
        np.savez_compressed(npz, **{k: np.asarray(v, dtype=np.float32)
                                    for k, v in arrays.items()})
        meta_path.write_text(json.dumps({"roles": list(ROLES), **self.meta}, indent=1) + "\n",
                             encoding="utf-8")
        return npz, meta_path

    @classmethod
    def fit(cls, data: RoleData, *, extra: RoleData | None = None,
            mention_C: float = MENTION_C, entity_C: float = ENTITY_C, k: int = PROJECTION_DIM,
            meta: dict[str, Any] | None = None) -> RoleClassifier:
        """Both heads fitted on labelled :class:`RoleData`: the mention head on every
        located mention (an entity's mentions share its weight), the entity head on the
        pooled entities; every entity weighs its dataset's :data:`DATASET_WEIGHTS`.
        ``extra`` entities (mention-level labels, e.g. the agents and victims of WikiEvents
        attacks) train the mention head only."""
        parts = [data] + ([extra] if extra is not None and len(extra) else [])
        if any((p.labels < 0).any() for p in parts):
            raise ValueError("every training entity needs a role")
        xs, ys, ws = [], [], []
        for part in parts:
            counts = np.bincount(part.owner, minlength=len(part)).astype(np.float64)
            xs.append(part.mentions.matrix())
            ys.append(part.labels[part.owner])
            ws.append(part.weights()[part.owner] / counts[part.owner])
        mention = LinearHead.fit(np.vstack(xs), np.concatenate(ys), np.concatenate(ws),
                                 mention_C)
        entity = EntityHead.fit(data.entities, data.labels, data.weights(), C=entity_C, k=k)
        return cls(mention, entity, {"mention_C": mention_C, "entity_C": entity_C,
                                     "projection_dim": k, **(meta or {})})

    # -- prediction ----------------------------------------------------------------------
    @property
    def encoder_name(self) -> str:
        """The encoder the model was trained with (the packaged MiniLM by default)."""
        return str(self.meta.get("encoder", DEFAULT_ENCODER))

    def encoder(self) -> Any:
        """The encoder of the pooled vectors (:func:`framing.core.encoders.get_encoder`)."""
        if self._encoder is None:
            from framing.core.encoders import get_encoder

            name = self.encoder_name
            self._encoder = get_encoder(None if name == DEFAULT_ENCODER else name)
        return self._encoder

    def mention_proba(self, texts: Sequence[str], spans: Sequence[tuple[int, int]], *,
                      nlp: Any = None) -> np.ndarray:
        """``(n, 3)`` probabilities (columns :data:`ROLES`) of each mention
        ``texts[i][spans[i][0]:spans[i][1]]`` (character offsets, end exclusive) in the
        sentence around it; ``texts`` may be sentences or whole documents.

        Raises:
            ValueError: a span is outside its text, empty or white space only, or the
                lengths differ.
        """
        if not len(texts) and not len(spans):
            return np.zeros((0, len(ROLES)))
        mf = mention_features(list(texts), list(spans), encoder=self.encoder(), nlp=nlp)
        return self.mention_head.proba(mf.matrix())

    def proba_of(self, data: RoleData) -> tuple[np.ndarray, np.ndarray]:
        """``(entity head (m, 3), mean of mention-head probabilities (m, 3))`` of featurised
        entities; an entity without mentions gets the uniform distribution in the second."""
        entity = self.entity_head.proba(data.entities)
        pooled = np.full((len(data), len(ROLES)), 1.0 / len(ROLES))
        if len(data.owner):
            p = self.mention_head.proba(data.mentions.matrix())
            sums = np.zeros((len(data), len(ROLES)))
            np.add.at(sums, data.owner, p)
            counts = np.bincount(data.owner, minlength=len(data))
            has = counts > 0
            pooled[has] = sums[has] / counts[has, None]
        return entity, pooled

    def entity_proba(self, documents: Sequence[str],
                     mentions: Sequence[Sequence[tuple[int, int]]],
                     names: Sequence[str] | None = None, *,
                     anchors: Sequence[int | None] | None = None, nlp: Any = None
                     ) -> np.ndarray:
        """``(m, 3)`` role probabilities of entities, each given by its document and the
        character spans of its mentions there (``names``: read an entity without spans from
        its name; ``anchors``: the index of the one mention whose role is asked, as SemEval
        annotates, see :func:`featurize`). The entity head (module docstring);
        :meth:`proba_of` also gives the plain mean of the mention probabilities."""
        if len(documents) != len(mentions):
            raise ValueError(f"{len(documents)} documents but {len(mentions)} span lists")
        for doc, spans in zip(documents, mentions, strict=True):
            check_spans([doc] * len(spans), list(spans))
        data = featurize(list(documents), [list(s) for s in mentions], names,
                         anchors=anchors, encoder=self.encoder(), nlp=nlp)
        return self.entity_head.proba(data.entities)


def role_labels(proba: np.ndarray) -> list[str]:
    """The most probable role of each row of ``proba``."""
    return [ROLES[i] for i in np.asarray(proba).argmax(1)]
