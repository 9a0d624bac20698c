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
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from framing.blame.events import HarmEvent, event_roles, harm_events
from framing.blame.triggers import trigger_kind
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


def trigger_event(token: Token, event_type: str) -> HarmEvent:
    """Our event for a gold trigger: lexicon kind, else the class implied by the gold type."""
    found = trigger_kind(token)
    if found is None:
        prefix = ".".join(event_type.split(".")[:2])
        kind = DEFAULT_KIND[prefix]
        form = {"NOUN": "noun", "PROPN": "noun", "ADJ": "adj"}.get(token.pos_, "verb")
        if form == "noun" and kind == "kill":
            kind = "die"
        found = (kind, form)
    return event_roles(token, *found)


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


def evaluate_roles(data: Path, *, spacy_model: str | None = None,
                   details: bool = False) -> dict[str, Any]:
    """Agent and victim/target precision, recall and F1 on WikiEvents-format data.

    Protocol: the gold triggers of Conflict.Attack / Life.Die / Life.Injure events are given
    (role assignment is measured, not trigger detection); a predicted argument is correct
    when its head token falls inside any mention coreferent with a gold argument of that
    role (Attacker / Killer / Injurer → agent; Victim / Target → victim); a gold argument is
    recalled when some prediction falls inside one of its coreferent mentions. Instruments
    are not agents. The plain-syntax baseline (:func:`baseline_event`) is scored alongside.

    Args:
        data: a WikiEvents ``.jsonl`` file (or its folder); ``coref/<name>.jsonlines``
            beside it supplies the coreference clusters.
        spacy_model: spaCy pipeline name or folder (default: the one
            :func:`framing.core.nlp.load_nlp` picks).
        details: also return every scored event with its predictions.

    Returns:
        One JSON-serialisable dict of metrics.
    """
    gold_docs = load_wikievents(Path(data))
    nlp = load_nlp(spacy_model)
    docs = parse_texts([g.text for g in gold_docs], nlp)
    ours = {"agent": _Score(), "victim": _Score()}
    base = {"agent": _Score(), "victim": _Score()}
    by_type: dict[str, dict[str, _Score]] = defaultdict(lambda: {"agent": _Score(),
                                                                  "victim": _Score()})
    voices: Counter[str] = Counter()
    rows = []
    n_events = 0
    for gold, doc in zip(gold_docs, docs, strict=True):
        for event in gold.events:
            etype = event["event_type"]
            if not etype.startswith(SCORED_EVENT_PREFIXES):
                continue
            token = gold_trigger(doc, gold, event)
            if token is None:
                continue
            n_events += 1
            gold_args: dict[str, list[list[tuple[int, int]]]] = {"agent": [], "victim": []}
            for arg in event["arguments"]:
                role = ("agent" if arg["role"] in AGENT_ROLES else
                        "victim" if arg["role"] in VICTIM_ROLES else None)
                if role and arg["entity_id"] in gold.mentions:
                    gold_args[role].append([gold.mentions[m] for m in
                                            gold.clusters.get(arg["entity_id"],
                                                              [arg["entity_id"]])
                                            if m in gold.mentions])
            ev = trigger_event(token, etype)
            voices[ev.voice] += 1
            pred = {"agent": [r.head for r in ev.agents], "victim": [r.head for r in ev.targets]}
            b_agents, b_victims = baseline_event(token)
            bpred = {"agent": b_agents, "victim": b_victims}
            short = ".".join(etype.split(".")[:2])
            for role in ("agent", "victim"):
                ours[role].add(pred[role], gold_args[role])
                base[role].add(bpred[role], gold_args[role])
                by_type[short][role].add(pred[role], gold_args[role])
            if details:
                rows.append({
                    "doc": gold.doc_id, "type": etype, "trigger": token.text,
                    "sentence": token.sent.text, "voice": ev.voice,
                    "agents": [(r.text, r.via) for r in ev.agents],
                    "targets": [(r.text, r.via) for r in ev.targets],
                    "gold": [(a["role"], a["text"]) for a in event["arguments"]],
                    "agent_ok": [any(s <= r.head.idx < e for g in gold_args["agent"]
                                     for s, e in g) for r in ev.agents],
                    "target_ok": [any(s <= r.head.idx < e for g in gold_args["victim"]
                                      for s, e in g) for r in ev.targets],
                })
    speed = extraction_speed(docs, [g.text for g in gold_docs], nlp)
    result: dict[str, Any] = {
        "documents": len(gold_docs),
        "events": n_events,
        "agent": ours["agent"].metrics(),
        "victim": ours["victim"].metrics(),
        "baseline_subject_object": {"agent": base["agent"].metrics(),
                                    "victim": base["victim"].metrics()},
        "by_event_type": {k: {r: s.metrics()["f1"] for r, s in v.items()}
                          for k, v in sorted(by_type.items())},
        "voices": dict(voices.most_common()),
        "spacy_model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-"
                       f"{nlp.meta.get('version')}",
        "speed": speed,
        "protocol": "gold triggers; head of predicted argument inside a mention coreferent "
                    "with a gold argument of the role",
    }
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
