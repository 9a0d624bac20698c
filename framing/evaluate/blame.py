"""Evaluation of blame and agency extraction against public labelled data.

- :func:`evaluate_roles` — agent and victim/target assignment for gold harm triggers in
  WikiEvents (Li, Ji & Han 2021), scored with coreference-aware head matching.
- :func:`evaluate_entity_roles` — whether being cast as agent of harm / blamed vs as victim
  predicts the annotated narrative role of an entity: Antagonist vs Innocent in SemEval-2025
  Task 10 entity framing (Piskorski et al. 2025), villain vs victim in the Narrative Frames
  corpus (Frermann et al. 2023).

The data are read from ``../shared/eval`` (:data:`framing.core.paths.EVAL_DIR`) and never copied.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from framing.blame.events import (
    HarmEvent,
    Role,
    harm_event,
    harm_events,
    pair_candidates,
    refine_roles,
)
from framing.blame.role_model import RoleModel, dep_path, fit, load_model, role_token
from framing.blame.triggers import trigger_kind
from framing.core import paths
from framing.core.nlp import load_nlp, parse_texts
from framing.core.phrases import OBJ_DEPS, PASS_SUBJ_DEPS, SUBJ_DEPS, prep_objects
from framing.evaluate.datasets.entities import (
    EntityItem,
    find_narrative_frames,
    find_semeval,
    load_narrative_frames,
    load_semeval,
)
from framing.evaluate.datasets.wikievents import GoldDoc, load_wikievents
from framing.evaluate.metrics import class_scores, prf

#: WikiEvents (KAIROS) event types scored, and their roles mapped to ours.
SCORED_EVENT_PREFIXES = ("Conflict.Attack", "Life.Die", "Life.Injure")
AGENT_ROLES = frozenset({"Attacker", "Killer", "Injurer", "Perpetrator"})
VICTIM_ROLES = frozenset({"Victim", "Target"})
#: Regularisation and decision thresholds of the role model (scripts/train_roles.py).
ROLE_C = 0.5
ROLE_THRESHOLDS = {"agent": 0.5, "target": 0.5, "keep": 0.0}
#: Trigger class used when a gold trigger's lemma is not in our lexicons.
DEFAULT_KIND = {"Conflict.Attack": "attack", "Life.Die": "kill", "Life.Injure": "injure"}


# --- WikiEvents ----------------------------------------------------------------------------


def _token_at(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start and not t.is_space]


def gold_trigger(doc: Doc, gold: GoldDoc, event: dict[str, Any]) -> Token | None:
    """The syntactic head of a gold trigger span in the spaCy parse."""
    trig = event["trigger"]
    start = gold.token_spans[trig["start"]][0]
    end = gold.token_spans[trig["end"] - 1][1]
    toks = _token_at(doc, start, end)
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head is t:
            return t
    return toks[-1]


def trigger_event(token: Token, event_type: str, *, model: RoleModel | None | bool = True
                  ) -> HarmEvent:
    """Our event for a gold trigger: lexicon kind, else the class implied by the gold type;
    roles by the role model (``model``, see :func:`framing.blame.events.harm_event`)."""
    found = trigger_kind(token)
    if found is None:
        prefix = ".".join(event_type.split(".")[:2])
        kind = DEFAULT_KIND[prefix]
        form = {"NOUN": "noun", "PROPN": "noun", "ADJ": "adj"}.get(token.pos_, "verb")
        if form == "noun" and kind == "kill":
            kind = "die"
        found = (kind, form)
    return harm_event(token, *found, model=model)


def baseline_event(token: Token) -> tuple[list[Token], list[Token]]:
    """Plain syntactic baseline: subject / by-phrase as agent, object / passive subject as
    victim, of the trigger itself (no nominal, light-verb, instrument or inheritance rules)."""
    agents = [c for c in token.children if c.dep_ in SUBJ_DEPS] + prep_objects(token, ["by"])
    victims = [c for c in token.children if c.dep_ in OBJ_DEPS | PASS_SUBJ_DEPS]
    return agents, victims


def extraction_speed(docs: list[Doc], texts: list[str], nlp, repeats: int = 5
                     ) -> dict[str, Any]:
    """Sentences per second of harm-event extraction (trigger detection, roles, voice) on
    parsed documents, and of spaCy parsing plus extraction (no parse cache), one process."""
    n_sents = sum(1 for d in docs for _ in d.sents)
    t0 = time.perf_counter()
    for _ in range(repeats):
        n_found = sum(1 for d in docs for _ in harm_events(d))
    extract_s = (time.perf_counter() - t0) / repeats
    t1 = time.perf_counter()
    fresh = list(nlp.pipe(texts))
    for d in fresh:
        for _ in harm_events(d):
            pass
    total_s = time.perf_counter() - t1
    return {
        "sentences": n_sents,
        "events_detected": n_found,
        "extraction_sentences_per_s": round(n_sents / extract_s) if extract_s else None,
        "parse_and_extraction_sentences_per_s": round(n_sents / total_s, 1),
        "note": "single process on the evaluation machine (2 shared CPU cores)",
    }


class _Score:
    """Overlap-matching counts of one role (predicted heads vs gold mention clusters)."""

    def __init__(self) -> None:
        self.tp = self.pred = self.gold = self.found = 0

    def add(self, preds: list[Token], golds: list[list[tuple[int, int]]]) -> None:
        self.pred += len(preds)
        self.gold += len(golds)
        for tok in preds:
            if any(s <= tok.idx < e for spans in golds for s, e in spans):
                self.tp += 1
        for spans in golds:
            if any(s <= tok.idx < e for tok in preds for s, e in spans):
                self.found += 1

    def metrics(self) -> dict[str, float | int]:
        """P/R/F1 by overlap matching: a prediction is correct when its head falls inside a
        gold mention, a gold argument is found when some prediction falls inside it."""
        return {**prf(self.tp, self.pred - self.tp, self.gold - self.found, found=self.found),
                "predicted": self.pred, "correct": self.tp, "gold": self.gold,
                "gold_found": self.found}


@dataclass
class RoleExample:
    """One gold harm event with the rules' reading of it and its labelled candidates.

    Attributes:
        doc: the document id (the cross-validation group).
        event: the hand rules' event (:func:`trigger_event` with ``model=False``).
        features: the features of each candidate (:func:`pair_candidates`).
        labels: each candidate's class: ``agent`` / ``target`` when its head falls inside a
            mention coreferent with a gold agent / victim, else ``none``.
        gold: the gold mention clusters of ``agent`` and ``victim``.
    """

    doc: str
    event: HarmEvent
    features: list[list[str]]
    labels: list[str]
    gold: dict[str, list[list[tuple[int, int]]]]


def _gold_args(gold: GoldDoc, event: dict[str, Any]) -> dict[str, list[list[tuple[int, int]]]]:
    """The gold agent and victim arguments of an event, each as its coreferent mentions."""
    out: dict[str, list[list[tuple[int, int]]]] = {"agent": [], "victim": []}
    for arg in event["arguments"]:
        role = ("agent" if arg["role"] in AGENT_ROLES else
                "victim" if arg["role"] in VICTIM_ROLES else None)
        if role and arg["entity_id"] in gold.mentions:
            out[role].append([gold.mentions[m] for m in
                              gold.clusters.get(arg["entity_id"], [arg["entity_id"]])
                              if m in gold.mentions])
    return out


def _inside(tok: Token, clusters: list[list[tuple[int, int]]]) -> bool:
    return any(s <= tok.idx < e for spans in clusters for s, e in spans)


def scored_events(gold_docs: list[GoldDoc], docs: list[Doc]
                  ) -> list[tuple[GoldDoc, dict[str, Any], Token]]:
    """(document, gold event, trigger head) of every scored event (Conflict.Attack,
    Life.Die, Life.Injure) whose trigger maps onto the parse."""
    out = []
    for gold, doc in zip(gold_docs, docs, strict=True):
        for event in gold.events:
            if not event["event_type"].startswith(SCORED_EVENT_PREFIXES):
                continue
            token = gold_trigger(doc, gold, event)
            if token is not None:
                out.append((gold, event, token))
    return out


def role_examples(gold_docs: list[GoldDoc], docs: list[Doc]) -> list[RoleExample]:
    """Training / cross-validation examples of the role model (one per gold event)."""
    out = []
    for gold, event, token in scored_events(gold_docs, docs):
        ev = trigger_event(token, event["event_type"], model=False)
        args = _gold_args(gold, event)
        pairs = pair_candidates(ev)
        labels = ["agent" if _inside(role_token(c), args["agent"]) else
                  "target" if _inside(role_token(c), args["victim"]) else "none"
                  for c, _ in pairs]
        out.append(RoleExample(gold.doc_id, ev, [f for _, f in pairs], labels, args))
    return out


#: Validation incidents whose harm labels may train the role model; the rest (Kenosha) stay
#: held out.
TRAIN_INCIDENTS = ("galwan-valley-clash-2020-06", "kerch-strait-2018-11")


def validation_role_examples(data: Path, incidents: Iterable[str] = TRAIN_INCIDENTS
                             ) -> list[RoleExample]:
    """Role-model examples from the project's harm labels on real incidents
    (``data/validation``, :mod:`framing.evaluate.datasets.validation`).

    A label gives the trigger span and the agent and target as actor ids, not spans: each
    candidate of the event our rules build for the labelled trigger is resolved to an actor
    the way the blame tables resolve roles (:class:`framing.blame.rows.ArticleContext`) and
    labelled ``agent`` / ``target`` when it is the nearest candidate (shortest dependency
    path from the trigger) that resolves to the labelled actor, ``none`` when it resolves to
    another actor or the label says ``none``; farther mentions of the labelled actors, and
    candidates that resolve to no actor where the label says ``other``, are left out (they
    may be the argument, or a speaker or bystander of the same side).
    Labels whose trigger our lexicons do not detect are skipped (the model only re-decides
    detected events); a trigger labelled by two annotators counts once. The examples are
    training data only: ``gold`` is empty, so they are never scored.
    """
    from framing.core.phrases import antecedent, noun_phrase
    from framing.evaluate.datasets.validation import load_validation
    from framing.evaluate.voice import label_contexts

    files = [lf for lf in load_validation(Path(data)) if lf.slug in set(incidents)]
    contexts = label_contexts(files)
    out: list[RoleExample] = []
    seen: set[tuple[str, str, int]] = set()
    for lf in files:
        for lab in lf.labels:
            if lab.kind != "harm":
                continue
            actx = contexts[lf.slug].contexts[lab.article_id]
            found = [(t, trigger_kind(t)) for t in actx.doc
                     if t.idx < lab.end and t.idx + len(t.text) > lab.start]
            found = [(t, k) for t, k in found if k is not None]
            if not found or (lf.slug, lab.article_id, found[0][0].i) in seen:
                continue
            token, (kind, form) = found[0]
            seen.add((lf.slug, lab.article_id, token.i))
            ev = harm_event(token, kind, form, model=False)
            src = actx.source_for(token)
            speaker = src.actor_id if src is not None else None
            gold = {"agent": str(lab.get("agent")), "target": str(lab.get("target"))}
            rows = []
            for cand, feats in pair_candidates(ev):
                head = role_token(cand)
                actor, _ = actx.resolve_role(
                    Role(head, noun_phrase(antecedent(cand)), "candidate"), speaker)
                up, down = dep_path(token, cand)
                rows.append((len(up) + len(down), cand.i, actor, feats))
            # one positive per role: the nearest candidate (by path length) naming the
            # labelled actor; farther mentions of it are left out, not made negatives
            positive: dict[int, str] = {}
            for role in ("agent", "target"):
                named = sorted(r[:2] for r in rows if r[2] is not None and r[2] == gold[role])
                if named and named[0][1] not in positive:
                    positive[named[0][1]] = role
            features, labels = [], []
            for _, i, actor, feats in rows:
                if i in positive:
                    label = positive[i]
                elif actor is not None and actor in gold.values():
                    continue
                elif actor is None and "other" in gold.values():
                    continue
                else:
                    label = "none"
                features.append(feats)
                labels.append(label)
            out.append(RoleExample(f"{lf.slug}/{lab.article_id}", ev, features, labels,
                                   {"agent": [], "victim": []}))
    return out


def fit_roles(examples: list[RoleExample], *, C: float = ROLE_C,
              thresholds: dict[str, float] | None = None,
              meta: dict[str, Any] | None = None) -> RoleModel:
    """The role model fitted on the candidates of ``examples``."""
    X = [f for ex in examples for f in ex.features]
    y = [lab for ex in examples for lab in ex.labels]
    return fit(X, y, C=C, thresholds=thresholds or dict(ROLE_THRESHOLDS), meta=meta)


def score_examples(examples: list[RoleExample], model: RoleModel | None
                   ) -> dict[str, _Score]:
    """Agent and victim scores of ``examples`` with ``model`` (None: the hand rules)."""
    score = {"agent": _Score(), "victim": _Score()}
    for ex in examples:
        ev = refine_roles(ex.event, model) if model is not None else ex.event
        score["agent"].add([r.head for r in ev.agents], ex.gold["agent"])
        score["victim"].add([r.head for r in ev.targets], ex.gold["victim"])
    return score


#: Features the hand rules give (left out by ``rule_features=False``).
RULE_FEATURE_PREFIXES = ("rule", "via=", "event_has", "cent|rule", "len|rule")
#: Candidate thresholds, chosen by inner cross-validation (:func:`choose_thresholds`).
THRESHOLD_GRID = {"agent": (0.2, 0.3, 0.4, 0.5), "target": (0.3, 0.4, 0.5),
                  "keep": (0.0, 0.02, 0.05, 0.1, 0.2)}


def without_rule_features(examples: list[RoleExample]) -> list[RoleExample]:
    """The examples with the hand rules' features removed (an ablation)."""
    return [replace(ex, features=[[f for f in fs if not f.startswith(RULE_FEATURE_PREFIXES)]
                                  for fs in ex.features]) for ex in examples]


def _add(total: _Score, part: _Score) -> None:
    for attr in ("tp", "pred", "gold", "found"):
        setattr(total, attr, getattr(total, attr) + getattr(part, attr))


def choose_thresholds(examples: list[RoleExample], *, C: float = ROLE_C, folds: int = 4,
                      extra: list[RoleExample] | None = None) -> dict[str, float]:
    """Per role, the threshold of :data:`THRESHOLD_GRID` with the best pooled F1 over a
    document-grouped inner cross-validation of ``examples``."""
    from sklearn.model_selection import GroupKFold

    groups = [ex.doc for ex in examples]
    folds = min(folds, len(set(groups)))
    models = []
    for train, test in GroupKFold(n_splits=folds).split(examples, groups=groups):
        models.append((fit_roles([examples[i] for i in train] + list(extra or ()), C=C),
                       [examples[i] for i in test]))
    best: dict[str, float] = {"keep": 0.0}
    # the keep floor first (with the default thresholds), then each role's threshold;
    # ties go to the safer value (a higher floor keeps fewer wrong rule roles only when
    # F1 says so, so prefer the lower floor; thresholds nearest 0.5)
    for role, keys in (("keep", ("agent", "victim")), ("agent", ("agent",)),
                       ("target", ("victim",))):
        f1s = {}
        for thr in THRESHOLD_GRID[role]:
            totals = {k: _Score() for k in keys}
            for model, test in models:
                tuned = replace(model, thresholds={**model.thresholds, **best, role: thr})
                sc = score_examples(test, tuned)
                for k in keys:
                    _add(totals[k], sc[k])
            f1s[thr] = sum(totals[k].metrics()["f1"] for k in keys)
        prefer = (lambda t: -t) if role == "keep" else (lambda t: -abs(t - 0.5))
        best[role] = max(f1s, key=lambda t: (f1s[t], prefer(t)))
    return best


def cross_validate_roles(examples: list[RoleExample], folds: int = 5, *,
                         C: float = ROLE_C, extra: list[RoleExample] | None = None
                         ) -> dict[str, Any]:
    """Document-grouped k-fold cross-validation of the role model (``GroupKFold``: no
    document is in a fold's training and test part; the decision thresholds are chosen
    inside each training part by :func:`choose_thresholds`), with the hand rules scored on
    the same test folds. Scores are pooled over folds (micro), per-fold F1 listed beside.
    ``extra`` examples (:func:`validation_role_examples`) join every training part and are
    never tested."""
    from sklearn.model_selection import GroupKFold

    groups = [ex.doc for ex in examples]
    pooled = {name: {"agent": _Score(), "victim": _Score()} for name in ("model", "rules")}
    per_fold = []
    for k, (train, test) in enumerate(GroupKFold(n_splits=folds).split(examples,
                                                                      groups=groups)):
        train_ex = [examples[i] for i in train]
        model = fit_roles(train_ex + list(extra or ()), C=C,
                          thresholds=choose_thresholds(train_ex, C=C, extra=extra))
        test_ex = [examples[i] for i in test]
        fold: dict[str, Any] = {"fold": k, "documents": len({ex.doc for ex in test_ex}),
                                "events": len(test_ex), "thresholds": model.thresholds}
        for name, m in (("model", model), ("rules", None)):
            sc = score_examples(test_ex, m)
            for role in ("agent", "victim"):
                _add(pooled[name][role], sc[role])
                fold[f"{name}_{role}_f1"] = sc[role].metrics()["f1"]
        per_fold.append(fold)
    return {
        "folds": folds, "grouped_by": "document", "C": C,
        "model": {role: s.metrics() for role, s in pooled["model"].items()},
        "rules": {role: s.metrics() for role, s in pooled["rules"].items()},
        "per_fold": per_fold,
        "note": "the hand rules have no training but were shaped on these documents: their "
                "figure on the same folds is in-sample, and so are the rule features the "
                "model reads",
    }


def evaluate_roles(data: Path, *, spacy_model: str | None = None, cv: int = 5,
                   validation_training: bool = True, details: bool = False
                   ) -> dict[str, Any]:
    """Agent and victim/target precision, recall and F1 on WikiEvents-format data.

    Protocol: the gold triggers of Conflict.Attack / Life.Die / Life.Injure events are given
    (role assignment is measured, not trigger detection); a predicted argument is correct
    when its head token falls inside any mention coreferent with a gold argument of that
    role (Attacker / Killer / Injurer → agent; Victim / Target → victim); a gold argument is
    recalled when some prediction falls inside one of its coreferent mentions. Instruments
    are not agents. Scored: the analysis' default (the hand rules re-decided by the
    committed role model, :mod:`framing.blame.role_model`), the hand rules alone and the
    plain-syntax baseline (:func:`baseline_event`). The committed model was trained on
    WikiEvents dev and the rules were shaped on it, so on that file only the
    cross-validated figure (``cv``) says how either generalises.

    Args:
        data: a WikiEvents ``.jsonl`` file (or its folder); ``coref/<name>.jsonlines``
            beside it supplies the coreference clusters.
        spacy_model: spaCy pipeline name or folder (default: the one
            :func:`framing.core.nlp.load_nlp` picks).
        cv: folds of the document-grouped cross-validation of the role model
            (:func:`cross_validate_roles`; 0 = none).
        validation_training: add the Galwan and Kerch harm labels
            (:func:`validation_role_examples`) to every training part, as the committed
            model was trained (skipped when the labels or texts are not there).
        details: also return every scored event with its predictions.

    Returns:
        One JSON-serialisable dict of metrics.
    """
    gold_docs = load_wikievents(Path(data))
    nlp = load_nlp(spacy_model)
    docs = parse_texts([g.text for g in gold_docs], nlp)
    scores = {name: {"agent": _Score(), "victim": _Score()}
              for name in ("model", "rules", "baseline")}
    by_type: dict[str, dict[str, _Score]] = defaultdict(lambda: {"agent": _Score(),
                                                                  "victim": _Score()})
    voices: Counter[str] = Counter()
    rows = []
    events = scored_events(gold_docs, docs)
    for gold, event, token in events:
        etype = event["event_type"]
        gold_args = _gold_args(gold, event)
        ev = trigger_event(token, etype)
        rules_ev = trigger_event(token, etype, model=False)
        voices[ev.voice] += 1
        b_agents, b_victims = baseline_event(token)
        preds = {"model": {"agent": [r.head for r in ev.agents],
                           "victim": [r.head for r in ev.targets]},
                 "rules": {"agent": [r.head for r in rules_ev.agents],
                           "victim": [r.head for r in rules_ev.targets]},
                 "baseline": {"agent": b_agents, "victim": b_victims}}
        short = ".".join(etype.split(".")[:2])
        for role in ("agent", "victim"):
            for name, pred in preds.items():
                scores[name][role].add(pred[role], gold_args[role])
            by_type[short][role].add(preds["model"][role], gold_args[role])
        if details:
            rows.append({
                "doc": gold.doc_id, "type": etype, "trigger": token.text,
                "sentence": token.sent.text, "voice": ev.voice,
                "agents": [(r.text, r.via) for r in ev.agents],
                "targets": [(r.text, r.via) for r in ev.targets],
                "gold": [(a["role"], a["text"]) for a in event["arguments"]],
                "agent_ok": [_inside(r.head, gold_args["agent"]) for r in ev.agents],
                "target_ok": [_inside(r.head, gold_args["victim"]) for r in ev.targets],
            })
    speed = extraction_speed(docs, [g.text for g in gold_docs], nlp)
    model = load_model()
    result: dict[str, Any] = {"documents": len(gold_docs), "events": len(events)}
    if cv:
        extra: list[RoleExample] = []
        if validation_training:
            try:
                extra = validation_role_examples(paths.ROOT / "data" / "validation")
            except (FileNotFoundError, OSError):
                extra = []
        folds = cross_validate_roles(role_examples(gold_docs, docs), cv, extra=extra)
        folds["validation_training_events"] = len(extra)
        result["summary"] = {
            "cv_agent_f1": folds["model"]["agent"]["f1"],
            "cv_victim_f1": folds["model"]["victim"]["f1"],
            "rules_agent_f1_tuned_on_these_documents": folds["rules"]["agent"]["f1"],
            "rules_victim_f1_tuned_on_these_documents": folds["rules"]["victim"]["f1"],
        }
        result["cross_validation"] = folds
    in_sample = {role: s.metrics() for role, s in scores["model"].items()}
    result.update({
        # the headline figure is out of sample whenever cross-validation ran
        "agent": folds["model"]["agent"] if cv else in_sample["agent"],
        "victim": folds["model"]["victim"] if cv else in_sample["victim"],
        "figure": f"{cv}-fold cross-validation grouped by document" if cv else
                  "in sample when the data is the role model's training file",
        "in_sample_model": in_sample,
        "rules": {role: s.metrics() for role, s in scores["rules"].items()},
        "baseline_subject_object": {role: s.metrics()
                                    for role, s in scores["baseline"].items()},
        "by_event_type": {k: {r: s.metrics()["f1"] for r, s in v.items()}
                          for k, v in sorted(by_type.items())},
        "voices": dict(voices.most_common()),
        "role_model": ({"file": "framing/models/roles.json",
                        "trained_on": model.meta.get("data"),
                        "thresholds": model.thresholds,
                        "training_cv": model.meta.get("cv")} if model is not None else None),
        "spacy_model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-"
                       f"{nlp.meta.get('version')}",
        "speed": speed,
        "protocol": "gold triggers; head of predicted argument inside a mention coreferent "
                    "with a gold argument of the role; 'agent'/'victim': the analysis' "
                    "default (rules + role model) under document-grouped cross-validation "
                    "(see 'figure'); 'in_sample_model' and 'rules' are in sample on "
                    "WikiEvents dev, where the model was trained and the rules shaped",
    })
    if details:
        result["details"] = rows
    return result


# --- entity roles (SemEval-2025 Task 10, Narrative Frames) ---------------------------------

def role_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Character spans cast as ``agent`` (agent of a harm event, or accused / denying in a
    blame statement) or ``victim`` (target of a harm event) anywhere in ``doc``."""
    from framing.blame.statements import blame_statements
    from framing.core.phrases import noun_phrase

    spans: list[tuple[int, int, str]] = []
    for ev in harm_events(doc):
        if ev.negated:
            continue
        for r in ev.agents:
            spans.append((r.phrase.start_char, r.phrase.end_char, "agent"))
        for r in ev.targets:
            spans.append((r.phrase.start_char, r.phrase.end_char, "victim"))
    for sent in doc.sents:
        for st in blame_statements(sent):
            if st["negated"]:
                continue
            for tok in st["accused"]:
                if tok is not None:
                    ph = noun_phrase(tok)
                    spans.append((ph.start_char, ph.end_char, "agent"))
    return spans


def _occurrences(text: str, surfaces: Iterable[str], case: bool) -> list[tuple[int, int]]:
    out = []
    for s in surfaces:
        if not s.strip():
            continue
        pat = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)", 0 if case else re.I)
        out.extend((m.start(), m.end()) for m in pat.finditer(text))
    return out


def _counts(item: EntityItem, text: str, spans: list[tuple[int, int, str]], case: bool
            ) -> Counter[str]:
    occ = _occurrences(text, item.surfaces, case)
    if item.anchor is not None:
        occ.append(item.anchor)
    c: Counter[str] = Counter()
    for s, e, label in spans:
        if any(s < oe and os < e for os, oe in occ):
            c[label] += 1
    return c


def _role_scores(gold: list[str], pred: list[str], classes: tuple[str, str]
                 ) -> dict[str, Any]:
    """Per-class precision / recall / F1 / support and macro-F1 over the two classes."""
    scores = class_scores(gold, pred, classes)
    return {**scores["per_class"], "macro_f1": scores["macro_f1"]}


def score_entity_roles(items: list[EntityItem], texts: dict[str, str],
                       classes: tuple[str, str], *, case: bool,
                       spacy_model: str | None = None) -> dict[str, Any]:
    """Predict agent-class vs victim-class per entity from role counts and score it.

    Rule: an entity is predicted ``classes[0]`` (antagonist / villain) when its mentions
    are more often agents of harm or accused than targets of harm, ``classes[1]``
    (innocent / victim) when more often targets; with no evidence (or a tie) it falls back
    to ``classes[0]``, the majority class. Metrics are given for all entities (with the
    fallback) and for the covered ones only, next to the majority baseline.
    """
    keys = sorted({i.doc_key for i in items})
    nlp = load_nlp(spacy_model)
    docs = dict(zip(keys, parse_texts([texts[k] for k in keys], nlp), strict=True))
    spans = {k: role_spans(d) for k, d in docs.items()}
    gold, pred, covered_g, covered_p = [], [], [], []
    for item in items:
        c = _counts(item, texts[item.doc_key], spans[item.doc_key], case)
        label = (classes[0] if c["agent"] > c["victim"] else
                 classes[1] if c["victim"] > c["agent"] else None)
        gold.append(item.gold)
        pred.append(label or classes[0])
        if label is not None:
            covered_g.append(item.gold)
            covered_p.append(label)
    return {
        "entities": len(items),
        "documents": len(keys),
        "covered": len(covered_g),
        "coverage": round(len(covered_g) / len(items), 4) if items else 0.0,
        "all_with_fallback": _role_scores(gold, pred, classes),
        "covered_only": _role_scores(covered_g, covered_p, classes),
        "majority_baseline": _role_scores(gold, [classes[0]] * len(gold), classes),
        "rule": f"{classes[0]} if agent-of-harm/accused mentions > target mentions, "
                f"{classes[1]} if fewer, else {classes[0]} (majority)",
    }


def evaluate_entity_roles(data: Path, *, spacy_model: str | None = None) -> dict[str, Any]:
    """How well "agent of harm / blamed" vs "victim" predicts narrative roles.

    See :func:`score_entity_roles` for the rule; Protagonist / hero entities are left out
    (the rule has no hero signal).

    Args:
        data: the SemEval-2025 Task 10 ``EN`` folder (Antagonist vs Innocent), the Narrative
            Frames folder (villain vs victim), or a folder holding both (e.g.
            ``../shared/eval``), in which case both are scored.
        spacy_model: spaCy pipeline name or folder (default: the one
            :func:`framing.core.nlp.load_nlp` picks).

    Returns:
        One JSON-serialisable dict, with one entry per dataset found.
    """
    data = Path(data)
    found: dict[str, Any] = {}
    sem, nar = find_semeval(data), find_narrative_frames(data)
    if sem is None and nar is None:
        raise FileNotFoundError(f"no SemEval-2025 or Narrative Frames data under {data}")
    t0 = time.perf_counter()
    if sem is not None:
        items, texts = load_semeval(sem)
        found["semeval2025_en"] = score_entity_roles(
            items, texts, ("Antagonist", "Innocent"), case=True, spacy_model=spacy_model)
    if nar is not None:
        items, texts = load_narrative_frames(nar)
        found["narrative_frames"] = score_entity_roles(
            items, texts, ("villain", "victim"), case=False, spacy_model=spacy_model)
    summary = {f"{name}.{k}": v for name, res in found.items() for k, v in [
        ("macro_f1", res["all_with_fallback"]["macro_f1"]),
        ("macro_f1_covered", res["covered_only"]["macro_f1"]),
        ("majority_macro_f1", res["majority_baseline"]["macro_f1"]),
        ("coverage", res["coverage"])]}
    return {"summary": summary, **found, "seconds": round(time.perf_counter() - t0, 1)}
