"""Evaluation on the project's validation labels of three real incidents (``data/validation``).

:func:`evaluate_validation` measures today's tables on the hand labels of
:mod:`framing.evaluate.datasets.validation` (one file per incident and annotator):

- **harm**: each labelled trigger is matched to the event of blame's ``events`` table whose
  trigger span overlaps it (most overlap first); agent, target and ``asserted_by`` are
  compared as label values (actor id; ``other`` for a phrase that resolves to no actor;
  ``none`` for no agent / target; ``outlet`` when the event has no source). An unmatched
  label counts as wrong for all three, and the match rate is reported.
- **blame**: accuser -> accused pairs of blame's ``blame`` table (not negated, not
  ``no_blame``) against the labelled pairs, one-to-one, a predicted pair matching a gold one
  when its cue overlaps the gold cue span and accuser and accused are the same values. A
  denial row names the denier in its ``accused`` columns and no accuser; it is read as
  accuser = accused = the denier (the usual "X denied responsibility"), and a denial label
  is compared the same way, by its denier (its ``accused`` may be ``none``). Predictions are
  counted in the articles the annotator labelled for blame (:func:`blame_scope`).
- **not_loaded**: how many labelled not-loaded words overlap a row of the terms analysis'
  ``terms`` table (lexicon hit, scare quote or learned hit), and that share (target: 0).
- **portrayal**: role per mention (villain / victim / hero / none, the portrayal
  analysis) against the ``portrayal`` labels (:func:`role_label_scores`), and, as a second
  measure, against roles derived from the harm and blame labels (:func:`gold_roles`); and
  how many labelled victims' mentions would count in a negative tone figure (target: 0).
- **pairs**: the coverage analysis on the labelled sentence pairs (:func:`pair_scores`):
  conflict detection precision and recall (``conflicting`` pairs flagged by the ``conflicts``
  table; a ``same_fact`` or ``different_fact`` pair flagged is a false alarm), and how many
  pairs of each relation ended up in one fact (target for ``conflicting``: none merged,
  directly or through a third claim).
- **sentence**: the share of ``one_sentence`` spans inside one sentence of
  ``parsed.sentences``, and of ``no_sentence`` spans that contain a whole sentence of their
  own (target: 0).
- **agreement**, for an incident labelled by two annotators: Cohen's kappa on the voice
  class of overlapping voice labels, agent agreement on overlapping harm labels, and the
  blame pair F1 of one annotator against the other (Artstein & Poesio 2008).

Figures are given per annotator file, per incident (both annotators' labels pooled) and
overall. The voice class of ``voice`` labels is scored by ``framing evaluate voice``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing.analyze import run_analysis
from framing.evaluate.datasets.validation import Label, LabelFile, load_validation
from framing.evaluate.metrics import class_scores, prf
from framing.evaluate.voice import Contexts, label_contexts

Tables = dict[str, dict[str, pd.DataFrame]]  # analysis -> table -> frame
#: The figures issues 14 (voice and attribution), 15 (portrayal) and 16 (conflicting claims)
#: aim at.
TARGETS = {"agent_accuracy": 0.80, "pair_f1": 0.75, "not_loaded_flagged": 0,
           "conflict_precision": 0.80, "conflicting_merged": 0,
           "role_accuracy": 0.80, "victims_in_negative_tone": 0}


def _value(actor: Any, text: Any, empty: str = "none") -> str:
    """A predicted role as a label value: actor id, ``other`` (named, no actor), ``empty``."""
    if isinstance(actor, str) and actor:
        return actor
    return "other" if isinstance(text, str) and text.strip() else empty


def _share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


# --- harm ----------------------------------------------------------------------------------


def _best_event(label: Label, events: pd.DataFrame) -> dict | None:
    rows = events[(events.article_id == label.article_id)
                  & (events.trigger_start < label.end) & (events.trigger_end > label.start)]
    if rows.empty:
        return None
    overlap = (rows.trigger_end.clip(upper=label.end) - rows.trigger_start.clip(lower=label.start))
    return rows.loc[overlap.astype(float).idxmax()].to_dict()


def harm_scores(labels: list[Label], events: pd.DataFrame) -> dict[str, Any]:
    """Agent / target / asserted_by accuracy over harm labels (unmatched = wrong)."""
    n = matched = 0
    ok: Counter = Counter()
    confusions: dict[str, Counter] = {"agent": Counter(), "target": Counter()}
    for label in labels:
        n += 1
        ev = _best_event(label, events)
        if ev is None:
            continue
        matched += 1
        pred = {"agent": _value(ev["agent_actor"], ev["agent_text"]),
                "target": _value(ev["target_actor"], ev["target_text"]),
                "asserted_by": ev["asserted_by"]}
        for role, value in pred.items():
            ok[role] += value == label.get(role)
            if role in confusions and value != label.get(role):
                confusions[role][f"{label.get(role)} -> {value}"] += 1
    return {"labels": n, "matched": matched, "match_rate": _share(matched, n),
            "correct": {role: ok[role] for role in ("agent", "target", "asserted_by")},
            **{f"{role}_accuracy": _share(ok[role], n)
               for role in ("agent", "target", "asserted_by")},
            **{f"{role}_accuracy_matched": _share(ok[role], matched)
               for role in ("agent", "target", "asserted_by")},
            "agent_confusions": dict(confusions["agent"].most_common(8)),
            "target_confusions": dict(confusions["target"].most_common(8))}


# --- portrayal -----------------------------------------------------------------------------


def gold_roles(labels: Iterable[Label], sentences: pd.DataFrame
               ) -> dict[tuple[str, int, str], str]:
    """Roles per (article, sentence, actor) derived from the harm and blame labels: a harm
    label's agent is cast as villain and its target as victim, a blame label's accused
    (not a denial) as villain, in the label's sentence. An actor given two different roles
    in one sentence is left out (the labels do not say which mention plays which)."""
    found: dict[tuple[str, int, str], set[str]] = {}
    by_article = {k: g for k, g in sentences.groupby("article_id")}
    for lab in labels:
        sents = by_article.get(lab.article_id)
        if sents is None:
            continue
        hit = sents[(sents.start <= lab.start) & (sents.end > lab.start)]
        if hit.empty:
            continue
        sent_id = int(hit.sent_id.iloc[0])
        roles: list[tuple[str, str]] = []
        if lab.kind == "harm":
            roles = [(str(lab.get("agent")), "villain"), (str(lab.get("target")), "victim")]
        elif lab.kind == "blame" and not lab.get("denial"):
            roles = [(str(lab.get("accused")), "villain")]
        for actor, role in roles:
            if actor not in ("none", "other", "None"):
                found.setdefault((lab.article_id, sent_id, actor), set()).add(role)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def portrayal_scores(labels: list[Label], mentions: pd.DataFrame, sentences: pd.DataFrame
                     ) -> dict[str, Any]:
    """Role accuracy against :func:`gold_roles`, one item per (sentence, actor): correct
    when a phrase mention of the actor in that sentence is cast in the gold role (none
    found = wrong); and how many gold victims count in a negative tone figure (no mention
    cast as victim while one whose tone counts is negative)."""
    gold = gold_roles(labels, sentences)
    correct = victims = negative = 0
    confusions: Counter = Counter()
    index = {k: g for k, g in mentions.groupby(["article_id", "sent_id", "actor_id"])}
    for key, role in gold.items():
        rows = index.get(key)
        cast = set(rows.role) if rows is not None else set()
        correct += role in cast
        if role not in cast:
            confusions[f"{role} -> {'/'.join(sorted(cast)) or '(no mention)'}"] += 1
        if role == "victim":
            victims += 1
            negative += rows is not None and "victim" not in cast and bool(
                (rows.tone_counted & (rows.tone < 0)).any())
    return {"gold_mentions": len(gold), "correct": correct,
            "role_accuracy": _share(correct, len(gold)), "victims": victims,
            "victims_in_negative_tone": negative, "confusions": dict(confusions.most_common(8))}


def role_label_scores(labels: list[Label], mentions: pd.DataFrame) -> dict[str, Any]:
    """Role accuracy per labelled mention (``portrayal`` labels): the phrase mention of the
    label's actor that overlaps the label span most is compared with the label's role; a
    label no mention overlaps is predicted ``none`` (the tool casts nothing there). Gold
    victims whose mention counts in a tone figure with a negative tone are counted too."""
    n = correct = matched = victims_negative = 0
    confusions: Counter = Counter()
    gold_roles_, pred_roles = [], []
    by_article = {k: g for k, g in mentions.groupby("article_id")}
    for lab in labels:
        rows = by_article.get(lab.article_id, mentions.iloc[:0])
        rows = rows[(rows.actor_id == lab.get("actor")) & (rows.start < lab.end)
                    & (rows.end > lab.start)]
        pred, row = "none", None
        if len(rows):
            overlap = rows.end.clip(upper=lab.end) - rows.start.clip(lower=lab.start)
            row = rows.loc[overlap.astype(float).idxmax()]
            pred = row.role
            matched += 1
        gold = str(lab.get("role"))
        n += 1
        correct += pred == gold
        gold_roles_.append(gold)
        pred_roles.append(pred)
        if pred != gold:
            confusions[f"{gold} -> {pred}"] += 1
        if gold == "victim" and row is not None and bool(row.tone_counted) and \
                not pd.isna(row.tone) and row.tone < 0:
            victims_negative += 1
    per_role = class_scores(gold_roles_, pred_roles, ("villain", "victim", "hero", "none")) \
        if n else {}
    return {"labels": n, "matched": matched, "correct": correct,
            "role_accuracy": _share(correct, n),
            "macro_f1": per_role.get("macro_f1"), "per_role": per_role.get("per_class"),
            "victims": gold_roles_.count("victim"), "victims_in_negative_tone": victims_negative,
            "confusions": dict(confusions.most_common(8))}


# --- pairs (coverage: same fact, conflicting claims) ----------------------------------------


def _claims_in(claims: pd.DataFrame, article_id: str, start: int, end: int) -> set[int]:
    """Row positions of the claims of ``article_id`` overlapping ``[start, end)``."""
    rows = np.flatnonzero((claims.article_id.to_numpy() == article_id)
                          & (claims.start.to_numpy() < end) & (claims.end.to_numpy() > start))
    return set(rows.tolist())


def pair_scores(labels: list[Label], coverage: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """Conflict detection and fact grouping on the labelled sentence pairs (``pair`` labels).

    A pair is *flagged* when the coverage ``conflicts`` table holds a conflict between a claim
    overlapping one span and a claim overlapping the other; *merged* when such claims share a
    fact (directly or through a third claim: facts are connected components). Precision is
    over the labelled pairs only (a flag on an unlabelled pair is not counted)."""
    claims, conflicts = coverage["claims"], coverage["conflicts"]
    flagged_pairs = {frozenset(p) for p in zip(conflicts.claim_a.astype(int),
                                               conflicts.claim_b.astype(int), strict=True)}
    fact = claims.fact_id.to_numpy()
    counts: Counter = Counter()
    missed: list[str] = []
    for lab in labels:
        a = _claims_in(claims, lab.article_id, lab.start, lab.end)
        b = _claims_in(claims, Path(str(lab.get("other_article"))).stem,
                       int(lab.get("other_start")), int(lab.get("other_end")))
        relation = str(lab.get("relation"))
        flagged = any(frozenset((x, y)) in flagged_pairs for x in a for y in b)
        merged = any(fact[x] == fact[y] for x in a for y in b)
        counts[f"{relation}"] += 1
        counts[f"{relation}_flagged"] += flagged
        counts[f"{relation}_merged"] += merged
        counts[f"{relation}_no_claim"] += not (a and b)
        if relation == "conflicting" and not flagged:
            missed.append(str(lab.get("on")))
    tp = counts["conflicting_flagged"]
    fp = counts["same_fact_flagged"] + counts["different_fact_flagged"]
    keys = [f"{r}{k}" for r in ("conflicting", "same_fact", "different_fact")
            for k in ("", "_flagged", "_merged", "_no_claim")]
    return {"pairs": len(labels), **{k: counts[k] for k in keys},
            "conflict_precision": _share(tp, tp + fp),
            "conflict_recall": _share(tp, counts["conflicting"]),
            "missed_conflicts_on": dict(Counter(missed))}


# --- blame ---------------------------------------------------------------------------------


Pair = tuple[str, int, int, str, str]  # article_id, cue start, cue end, accuser, accused


def gold_pairs(labels: Iterable[Label]) -> list[Pair]:
    """The labelled pairs. A denial is compared by its denier, as a predicted denial row
    names only the denier: its pair is accuser = accused = the denier, whatever the label's
    ``accused`` (who is said to be blamed, or ``none``)."""
    return [(lab.article_id, lab.start, lab.end, str(lab.get("accuser")),
             str(lab.get("accuser") if lab.get("denial") else lab.get("accused")))
            for lab in labels if lab.kind == "blame"]


def predicted_pairs(blame: pd.DataFrame, articles: set[str]) -> list[tuple[Pair, str]]:
    """(pair, statement type) of every blame-table row that is not negated or no_blame."""
    rows = blame[blame.article_id.isin(articles) & ~blame.negated.astype(bool)
                 & (blame.statement != "no_blame")]
    out = []
    for r in rows.to_dict("records"):
        accused = _value(r["accused_actor"], r["accused_text"])
        if r["statement"] == "denial":
            accuser = accused  # the denier, stored as the accused of a denial row
        else:
            accuser = _value(r["accuser_actor"], r["accuser_text"])
        out.append(((r["article_id"], int(r["cue_start"]), int(r["cue_end"]), accuser, accused),
                    str(r["statement"])))
    return out


def match_pairs(pred: list[Pair], gold: list[Pair]) -> tuple[int, list[bool]]:
    """One-to-one matches (cue spans overlap, same accuser and accused): count, and for each
    prediction whether it matched."""
    used: set[int] = set()
    hit = [False] * len(pred)
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in used and p[0] == g[0] and p[1] < g[2] and p[2] > g[1] \
                    and p[3:] == g[3:]:
                used.add(j)
                hit[i] = True
                break
    return len(used), hit


def blame_scores(labels: list[Label], blame: pd.DataFrame, articles: set[str]
                 ) -> dict[str, Any]:
    gold = gold_pairs(labels)
    pred = predicted_pairs(blame, articles)
    tp, hit = match_pairs([p for p, _ in pred], gold)
    cue_found = sum(any(p[0] == g[0] and p[1] < g[2] and p[2] > g[1] for p, _ in pred)
                    for g in gold)
    return {"gold_pairs": len(gold), "predicted_pairs": len(pred),
            **prf(tp, len(pred) - tp, len(gold) - tp),
            "gold_cues_with_a_predicted_row": cue_found,
            "false_positives_by_statement": dict(Counter(
                s for (_, s), ok in zip(pred, hit, strict=True) if not ok).most_common())}


# --- not loaded, sentences -----------------------------------------------------------------


def not_loaded_scores(labels: list[Label], terms: pd.DataFrame) -> dict[str, Any]:
    flagged: Counter = Counter()
    n = hits = 0
    for label in labels:
        n += 1
        rows = terms[(terms.article_id == label.article_id) & (terms.start < label.end)
                     & (terms.end > label.start)]
        if len(rows):
            hits += 1
            for cat in sorted(set(rows.category.astype(str))):
                flagged[cat] += 1
    return {"labels": n, "flagged": hits, "flagged_share": _share(hits, n),
            "flagged_by_category": dict(flagged.most_common())}


def sentence_scores(labels: list[Label], sentences: pd.DataFrame) -> dict[str, Any]:
    one = [lab for lab in labels if lab.get("expect") == "one_sentence"]
    none = [lab for lab in labels if lab.get("expect") == "no_sentence"]

    def sents(lab: Label) -> pd.DataFrame:
        return sentences[sentences.article_id == lab.article_id]

    inside = sum(bool(((s.start <= lab.start) & (s.end >= lab.end)).any())
                 for lab in one for s in [sents(lab)])
    own = sum(bool(((s.start >= lab.start) & (s.end <= lab.end)).any())
              for lab in none for s in [sents(lab)])
    return {"one_sentence": len(one), "one_sentence_inside_one_sentence": inside,
            "one_sentence_share": _share(inside, len(one)),
            "no_sentence": len(none), "no_sentence_own_sentence": own,
            "no_sentence_own_share": _share(own, len(none))}


# --- agreement -----------------------------------------------------------------------------


def _overlapping(a: list[Label], b: list[Label]) -> list[tuple[Label, Label]]:
    """One-to-one pairs of overlapping labels of two annotators (most overlap first)."""
    cands = sorted(((min(x.end, y.end) - max(x.start, y.start), i, j)
                    for i, x in enumerate(a) for j, y in enumerate(b)
                    if x.article_id == y.article_id and x.start < y.end and y.start < x.end),
                   reverse=True)
    used_a, used_b, out = set(), set(), []
    for _, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((a[i], b[j]))
    return out


def agreement(first: LabelFile, second: LabelFile) -> dict[str, Any]:
    """Agreement of two annotators on one incident."""
    from sklearn.metrics import cohen_kappa_score

    def kind(lf: LabelFile, k: str) -> list[Label]:
        return [lab for lab in lf.labels if lab.kind == k]

    voice = _overlapping(kind(first, "voice"), kind(second, "voice"))
    va = [x.get("voice") for x, _ in voice]
    vb = [y.get("voice") for _, y in voice]
    harm = _overlapping(kind(first, "harm"), kind(second, "harm"))
    gold, other = gold_pairs(first.labels), gold_pairs(second.labels)
    tp, _ = match_pairs(other, gold)
    kappa = cohen_kappa_score(va, vb) if len(set(va) | set(vb)) > 1 else None
    return {
        "annotators": [first.annotator, second.annotator],
        "voice_labels": [len(kind(first, "voice")), len(kind(second, "voice"))],
        "voice_overlapping": len(voice),
        "voice_kappa": round(float(kappa), 4) if kappa is not None else None,
        "voice_agreement": _share(sum(x == y for x, y in zip(va, vb, strict=True)), len(voice)),
        "source_agreement": _share(sum(x.get("source") == y.get("source") for x, y in voice),
                                   len(voice)),
        "harm_labels": [len(kind(first, "harm")), len(kind(second, "harm"))],
        "harm_overlapping": len(harm),
        "agent_agreement": _share(sum(x.get("agent") == y.get("agent") for x, y in harm),
                                  len(harm)),
        "target_agreement": _share(sum(x.get("target") == y.get("target") for x, y in harm),
                                   len(harm)),
        "blame_pairs": [len(gold), len(other)],
        "blame_pair_f1": prf(tp, len(other) - tp, len(gold) - tp)["f1"]
        if gold or other else None,
    }


# --- the task ------------------------------------------------------------------------------


def _tables(ctx: Contexts) -> Tables:
    return {name: run_analysis(ctx.parsed, name)
            for name in ("blame", "terms", "portrayal", "coverage")}


def _scores(files: list[LabelFile], tables: dict[str, Tables], contexts: dict[str, Contexts]
            ) -> dict[str, Any]:
    """Every figure over the labels of ``files`` (one or more incidents)."""
    def of_kind(kind: str, lf: LabelFile) -> list[Label]:
        return [lab for lab in lf.labels if lab.kind == kind]

    def pooled(score: Callable[[LabelFile, list[Label]], dict[str, Any]], kind: str,
               keys: Iterable[str]) -> dict[str, Any]:
        # sum counts over files, then recompute shares from the sums
        parts = [score(lf, of_kind(kind, lf)) for lf in files]
        return {k: sum(p[k] for p in parts) for k in keys}

    harm = pooled(lambda lf, labs: _harm_counts(labs, tables[lf.slug]["blame"]["events"]),
                  "harm", ("labels", "matched", "agent", "target", "asserted_by"))
    n = harm["labels"]
    blame_parts = [_blame_counts(lf, tables[lf.slug]["blame"]["blame"]) for lf in files]
    tp = sum(p[0] for p in blame_parts)
    n_pred = sum(p[1] for p in blame_parts)
    n_gold = sum(p[2] for p in blame_parts)
    nl = pooled(lambda lf, labs: not_loaded_scores(labs, tables[lf.slug]["terms"]["terms"]),
                "not_loaded", ("labels", "flagged"))
    roles = [portrayal_scores([lab for lab in lf.labels if lab.kind in ("harm", "blame")],
                              tables[lf.slug]["portrayal"]["mentions"],
                              contexts[lf.slug].parsed.sentences) for lf in files]
    role_n = sum(r["gold_mentions"] for r in roles)
    role_ok = sum(r["correct"] for r in roles)
    labelled = [role_label_scores([lab for lab in lf.labels if lab.kind == "portrayal"],
                                  tables[lf.slug]["portrayal"]["mentions"]) for lf in files]
    lab_n = sum(r["labels"] for r in labelled)
    pair_parts = [pair_scores([lab for lab in lf.labels if lab.kind == "pair"],
                              tables[lf.slug]["coverage"]) for lf in files]
    pairs = {k: sum(p[k] for p in pair_parts) for k in pair_parts[0]
             if isinstance(pair_parts[0][k], int)} if pair_parts else {}
    pair_tp = pairs.get("conflicting_flagged", 0)
    pair_fp = pairs.get("same_fact_flagged", 0) + pairs.get("different_fact_flagged", 0)
    missed_on: Counter = Counter()
    for p in pair_parts:
        missed_on.update(p["missed_conflicts_on"])
    sent = pooled(lambda lf, labs: sentence_scores(labs, contexts[lf.slug].parsed.sentences),
                  "sentence", ("one_sentence", "one_sentence_inside_one_sentence",
                               "no_sentence", "no_sentence_own_sentence"))
    return {
        "harm": {"labels": n, "matched": harm["matched"],
                 "match_rate": _share(harm["matched"], n),
                 "agent_accuracy": _share(harm["agent"], n),
                 "target_accuracy": _share(harm["target"], n),
                 "asserted_by_accuracy": _share(harm["asserted_by"], n),
                 **{f"{role}_accuracy_matched": _share(harm[role], harm["matched"])
                    for role in ("agent", "target", "asserted_by")}},
        "blame": {"gold_pairs": n_gold, "predicted_pairs": n_pred, "matched": tp,
                  **prf(tp, n_pred - tp, n_gold - tp)},
        "not_loaded": {**nl, "flagged_share": _share(nl["flagged"], nl["labels"])},
        "portrayal": {
            "labels": lab_n, "matched": sum(r["matched"] for r in labelled),
            "role_accuracy": _share(sum(r["correct"] for r in labelled), lab_n),
            "victims": sum(r["victims"] for r in labelled),
            "victims_in_negative_tone": sum(r["victims_in_negative_tone"] for r in labelled),
            "derived": {"gold_mentions": role_n, "correct": role_ok,
                        "role_accuracy": _share(role_ok, role_n),
                        "victims": sum(r["victims"] for r in roles),
                        "victims_in_negative_tone": sum(r["victims_in_negative_tone"]
                                                        for r in roles)}},
        "pairs": {**pairs, "conflict_precision": _share(pair_tp, pair_tp + pair_fp),
                  "conflict_recall": _share(pair_tp, pairs.get("conflicting", 0)),
                  "missed_conflicts_on": dict(missed_on)},
        "sentence": {**sent,
                     "one_sentence_share": _share(sent["one_sentence_inside_one_sentence"],
                                                  sent["one_sentence"]),
                     "no_sentence_own_share": _share(sent["no_sentence_own_sentence"],
                                                     sent["no_sentence"])},
    }


def _harm_counts(labels: list[Label], events: pd.DataFrame) -> dict[str, int]:
    s = harm_scores(labels, events)
    return {"labels": s["labels"], "matched": s["matched"], **s["correct"]}


#: Label kinds whose annotators read an article for every blame statement: predictions
#: count in the articles they labelled (portrayal and pair labels do not make an article
#: labelled for blame).
BLAME_SCOPE_KINDS = ("voice", "harm", "blame", "not_loaded", "sentence")


def blame_scope(lf: LabelFile) -> set[str]:
    """The articles of ``lf`` labelled for blame (see :data:`BLAME_SCOPE_KINDS`)."""
    return {lab.article_id for lab in lf.labels if lab.kind in BLAME_SCOPE_KINDS}


def _blame_counts(lf: LabelFile, blame: pd.DataFrame) -> tuple[int, int, int]:
    gold = gold_pairs(lf.labels)
    pred = [p for p, _ in predicted_pairs(blame, blame_scope(lf))]
    tp, _ = match_pairs(pred, gold)
    return tp, len(pred), len(gold)


def evaluate_validation(data: Path, *, incidents: Path | None = None) -> dict[str, Any]:
    """Harm roles, blame pairs, not-loaded senses and sentence splits of today's tables on
    the hand-labelled real incidents, with the agreement between annotators.

    Args:
        incidents: the folder holding the incident folders the labels point into
            (default ``../shared/eval/real_incidents``).
    """
    files = load_validation(data, incidents)
    if not files:
        raise FileNotFoundError(f"no <incident>.<annotator>.yml label files in {data}")
    contexts = label_contexts(files)
    tables = {slug: _tables(ctx) for slug, ctx in contexts.items()}
    per_file = {}
    for lf in files:
        t = tables[lf.slug]
        articles = blame_scope(lf)
        kinds = Counter(lab.kind for lab in lf.labels)
        per_file[lf.path.name] = {
            "labels": dict(sorted(kinds.items())),
            "harm": harm_scores([lab for lab in lf.labels if lab.kind == "harm"],
                                t["blame"]["events"]),
            "blame": blame_scores(lf.labels, t["blame"]["blame"], articles),
            "pairs": pair_scores([lab for lab in lf.labels if lab.kind == "pair"],
                                 t["coverage"]),
            "portrayal": role_label_scores([lab for lab in lf.labels
                                            if lab.kind == "portrayal"],
                                           t["portrayal"]["mentions"]),
            "portrayal_derived": portrayal_scores([lab for lab in lf.labels
                                                   if lab.kind in ("harm", "blame")],
                                                  t["portrayal"]["mentions"],
                                                  contexts[lf.slug].parsed.sentences),
            "not_loaded": not_loaded_scores([lab for lab in lf.labels
                                             if lab.kind == "not_loaded"], t["terms"]["terms"]),
            "sentence": sentence_scores([lab for lab in lf.labels if lab.kind == "sentence"],
                                        contexts[lf.slug].parsed.sentences),
        }
    slugs = list(dict.fromkeys(lf.slug for lf in files))
    by_slug = {slug: [lf for lf in files if lf.slug == slug] for slug in slugs}
    agree = {}
    for slug, group in by_slug.items():
        for first, second in combinations(sorted(group, key=lambda lf: lf.annotator), 2):
            agree[f"{slug} {first.annotator}-{second.annotator}"] = agreement(first, second)
    annotators = {slug: sorted(lf.annotator for lf in group) for slug, group in by_slug.items()}
    overall = _scores(files, tables, contexts)
    return {
        "summary": {"agent_accuracy": overall["harm"]["agent_accuracy"],
                    "pair_f1": overall["blame"]["f1"],
                    "not_loaded_flagged": overall["not_loaded"]["flagged"],
                    "role_accuracy": overall["portrayal"]["role_accuracy"],
                    "role_accuracy_derived": overall["portrayal"]["derived"]["role_accuracy"],
                    "victims_in_negative_tone": overall["portrayal"]["victims_in_negative_tone"],
                    "conflict_precision": overall["pairs"]["conflict_precision"],
                    "conflict_recall": overall["pairs"]["conflict_recall"],
                    "conflicting_merged": overall["pairs"].get("conflicting_merged"),
                    "one_sentence_share": overall["sentence"]["one_sentence_share"],
                    "no_sentence_own_share": overall["sentence"]["no_sentence_own_share"]},
        "targets": TARGETS,
        "files": [lf.path.name for lf in files],
        "annotators": annotators,
        "labels": dict(sorted(Counter(lab.kind for lf in files for lab in lf.labels).items())),
        "overall": overall,
        "per_incident": {slug: _scores(group, tables, contexts)
                         for slug, group in by_slug.items()},
        "per_file": per_file,
        "agreement": agree,
        "rules": {
            "harm": "label matched to the events-table row whose trigger overlaps it; agent/"
                    "target = actor id, 'other' (named, no actor), 'none'; asserted_by = "
                    "source actor, 'other', 'outlet' (no source); unmatched = wrong",
            "blame": "blame-table rows (not negated, not no_blame) in the annotator's labelled "
                     "articles; match = overlapping cue, same accuser and accused values; a "
                     "denial row, and a denial label, are read as accuser = accused = the "
                     "denier",
            "portrayal": "portrayal labels: the phrase mention of the label's actor "
                         "overlapping the span most is compared (none found = 'none'); "
                         "victims_in_negative_tone = labelled victims whose mention counts in "
                         "a tone figure with tone < 0",
            "portrayal_derived": "gold roles derived from the harm labels (agent = villain, target "
                         "= victim) and blame labels (accused, not a denial = villain) per "
                         "sentence and actor; correct when a mention of that actor in that "
                         "sentence has the role; victims_in_negative_tone = gold victims none "
                         "of whose mentions is cast as victim while one whose tone counts "
                         "(tone_counted) is negative",
            "pairs": "pair labels: claims overlapping each span; flagged = the coverage "
                     "conflicts table pairs one claim of each; merged = one claim of each in "
                     "the same fact (facts are connected components, so a merge through a "
                     "third claim counts); conflict precision over labelled pairs only",
            "not_loaded": "flagged = a terms-table row overlaps the span",
            "sentence": "one_sentence: span inside one parsed sentence; no_sentence: a whole "
                        "parsed sentence inside the span",
            "pooled": "per incident and overall: both annotators' labels pooled",
        },
    }
