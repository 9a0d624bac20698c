"""A learned role classifier for harm events: which noun of the sentence is the agent, which
the target, given the trigger.

The hand rules of :mod:`framing.blame.events` were shaped on a few documents; this module
re-decides their roles with a classifier over parse features of every (trigger, candidate
argument) pair, in the tradition of semantic role labelling on parse features:

- the **dependency path** from the trigger to the candidate, with and without the
  prepositions on it (Gildea & Jurafsky 2002, "path" and "phrase type"; on dependency
  parses, Johansson & Nugues 2008), its length, and the candidate's own relation;
- **voice** (Gildea & Jurafsky 2002), the trigger's lemma, event kind and form (verb,
  nominal, adjective), the relation of a nominal trigger to its light verb;
- the candidate's part of speech, entity type, and whether it is a weapon or event noun;
- **position** (before / after the trigger, token distance);
- **what the hand rules chose** (agent, target, instrument or nothing, and by which rule):
  the rules stay as features and as the fallback when no model file is present.

The classifier is a multinomial logistic regression (scikit-learn) over binary features,
trained by ``scripts/train_roles.py`` on WikiEvents (Li, Ji & Han 2021) with document-grouped
cross-validation, and stored as plain JSON (feature → weight per class, the decision
thresholds) in ``framing/models/roles.json``; applying it needs no scikit-learn. Time and place
expressions ("around 8:40 p.m", "on Friday", "in Hadrut") are never candidates.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from framing.blame.lexicons import INSTRUMENT_NOUNS, NOUN_TRIGGERS
from framing.core import paths
from framing.core.phrases import antecedent, semantic_head

MODEL_FILE = paths.MODELS_DIR / "roles.json"
#: Environment variable naming another model file, or ``rules`` for the hand rules alone.
#: Classes of a (trigger, candidate) pair.
CLASSES = ("none", "agent", "target")
#: Entity types of time and quantity expressions: never an argument.
TIME_ENT_TYPES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
#: Nouns of time expressions the small tagger leaves outside DATE / TIME entities.
TIME_WORDS = frozenset({
    "a.m", "a.m.", "p.m", "p.m.", "am", "pm", "morning", "evening", "night", "afternoon",
    "overnight", "midnight", "noon", "dawn", "dusk", "day", "week", "month", "year", "hour",
    "minute", "today", "yesterday", "tomorrow", "tonight", "weekend", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "gmt", "utc", "time", "moment"})
#: Prepositions of a place adjunct ("in Hadrut", "near the border"); "at" only with a
#: town or region ("at Kenosha", not "fired at the building").
LOCATIVE_PREPS = frozenset({"in", "near", "around", "outside", "inside", "across", "along",
                            "within", "throughout", "off"})
#: Entity types of places: in a locative phrase they are the setting, not a participant.
PLACE_ENT_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: Relations of a modifier that belongs to the noun phrase of another noun.
INNER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "poss", "det", "nummod",
                        "quantmod", "predet", "case", "punct", "appos"})
MAX_PATH = 7


def is_time(token: Token) -> bool:
    """A time expression: a DATE / TIME entity or a time noun ("8:40 p.m", "Friday")."""
    if token.ent_type_ in TIME_ENT_TYPES:
        return True
    lower = token.lower_.rstrip(".")
    return token.lower_ in TIME_WORDS or lower in TIME_WORDS


def is_frequency(token: Token) -> bool:
    """How often: "times" counted or quantified ("seven times", "several times"), which
    the parser may take for an object ("fired seven times")."""
    return token.lower_ == "times" and any(
        c.dep_ in ("nummod", "amod", "det") for c in token.children)


def is_circumstance(token: Token) -> bool:
    """A time, frequency or place expression, never an agent or target: "around 8:40 p.m",
    "on Friday", "fired seven times", "in Hadrut" (a place governed by a locative
    preposition; "an attack on Stepanakert" keeps its target)."""
    if is_time(token) or is_frequency(token):
        return True
    if token.dep_ != "pobj" or token.ent_type_ not in PLACE_ENT_TYPES:
        return False
    prep = token.head.lower_
    return prep in LOCATIVE_PREPS or (prep == "at" and token.ent_type_ != "FAC")


def _nominal(token: Token) -> bool:
    if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return True
    # a demonym modifier: "the Azerbaijani attack", "Israeli airstrikes"
    return token.pos_ == "ADJ" and (token.ent_type_ == "NORP" or token.text[:1].isupper())


def role_token(token: Token) -> Token:
    """The token a candidate stands for: a relative pronoun's antecedent, a partitive's
    noun ("three of the soldiers" → soldiers)."""
    return semantic_head(antecedent(token))


def candidates(trigger: Token, extra: Iterable[Token] = ()) -> list[Token]:
    """Argument candidates of a trigger: the heads of the noun phrases of its sentence
    (a modifier counts only on the trigger itself: "Azerbaijan's attack", "IS attacks"),
    plus ``extra`` (the heads the hand rules chose), time and place expressions left out."""
    out: dict[int, Token] = {}
    for tok in trigger.sent:
        if tok.i == trigger.i or not _nominal(tok):
            continue
        if tok.dep_ in INNER_DEPS and tok.head.i != trigger.i and tok.head.pos_ in (
                "NOUN", "PROPN", "PRON", "NUM"):
            continue
        if tok.pos_ == "ADJ" and tok.head.i != trigger.i:
            continue
        if is_circumstance(tok):
            continue
        out.setdefault(tok.i, tok)
    for tok in extra:
        if tok.i != trigger.i and not is_circumstance(tok):
            out.setdefault(tok.i, tok)
    return [out[i] for i in sorted(out)]


def _step(tok: Token) -> str:
    """One node of a path: its relation, with the word of a preposition or agent marker."""
    if tok.dep_ in ("prep", "agent"):
        return f"{tok.dep_}:{tok.lower_}"
    return tok.dep_


def dep_path(trigger: Token, cand: Token) -> tuple[list[str], list[str]]:
    """The dependency path trigger → candidate as (relations climbed from the trigger to the
    lowest common ancestor, relations descended from it to the candidate)."""
    up: list[Token] = [trigger, *trigger.ancestors]
    pos = {t.i: k for k, t in enumerate(up)}
    down: list[Token] = []
    t = cand
    while t.i not in pos:
        down.append(t)
        if t.head.i == t.i:
            break
        t = t.head
    lca = pos.get(t.i, len(up))
    return [_step(x) for x in up[:lca]], [_step(x) for x in reversed(down)]


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7+"


def pair_features(trigger: Token, kind: str, form: str, passive: bool, cand: Token,
                  rule: str, rule_via: str, event_rules: Sequence[str]) -> list[str]:
    """Binary features of one (trigger, candidate) pair (see the module docstring).

    Args:
        trigger, kind, form, passive: the event (:class:`framing.blame.events.HarmEvent`).
        cand: the candidate token.
        rule, rule_via: the role the hand rules gave the candidate (``agent``, ``target``,
            ``instrument`` or ``none``) and the rule's name.
        event_rules: the roles the rules found for the event at all (``agent``, ...).
    """
    up, down = dep_path(trigger, cand)
    lex = "^".join(up) + "|" + "v".join(down)
    bare = "^".join(s.split(":")[0] for s in up) + "|" + "v".join(
        s.split(":")[0] for s in down)
    length = len(up) + len(down)
    voice = "passive" if passive else "active"
    tdep = trigger.dep_
    cdep = _step(cand.head) + ">" + cand.dep_ if cand.dep_ == "pobj" else cand.dep_
    ctok = role_token(cand)
    ent = ctok.ent_type_ or "-"
    lemma = ctok.lemma_.lower() if ctok.pos_ == "PRON" else ctok.pos_
    instrument = ctok.lemma_.lower() in INSTRUMENT_NOUNS or (
        ctok.lemma_.lower() in NOUN_TRIGGERS and ctok.pos_ == "NOUN")
    side = "before" if cand.i < trigger.i else "after"
    via = rule_via.split(":")[0].split("+")[0] if rule_via else "-"
    light = trigger.head.lemma_.lower() if tdep in ("dobj", "nsubjpass", "pobj") else "-"
    feats = [
        "bias", f"kind={kind}", f"form={form}", f"voice={voice}", f"tdep={tdep}",
        f"tlemma={trigger.lemma_.lower()}",
        f"path={lex}" if length <= MAX_PATH else "path=long",
        f"bpath={bare}" if length <= MAX_PATH else "bpath=long",
        f"len={_bucket(length)}", f"up={len(up)}", f"down={_bucket(len(down))}",
        f"cdep={cdep}", f"cpos={ctok.pos_}", f"ctag={ctok.tag_}", f"cent={ent}",
        f"clemma={lemma}", f"inst={instrument}", f"side={side}",
        f"dist={_bucket(abs(cand.i - trigger.i))}",
        f"rule={rule}", f"via={via}", f"rule|form={rule}|{form}",
        f"rule|kind={rule}|{kind}", f"light={light}",
        f"cap={ctok.text[:1].isupper()}",
        f"form|voice|bpath={form}|{voice}|{bare}" if length <= MAX_PATH else "fvb=long",
        f"kind|bpath={kind}|{bare}" if length <= MAX_PATH else "kb=long",
        f"form|voice|side|cdep={form}|{voice}|{side}|{cand.dep_}",
        f"inst|cdep={instrument}|{cand.dep_}", f"cent|rule={ent}|{rule}",
        f"kind|side={kind}|{side}", f"len|rule={_bucket(length)}|{rule}",
        f"tlemma|cdep={trigger.lemma_.lower()}|{cdep}",
    ]
    feats += [f"event_has={r}" for r in event_rules]
    feats += [f"event_has|rule={r}|{rule}" for r in event_rules]
    return feats


@dataclass(frozen=True)
class RoleModel:
    """A fitted multinomial logistic regression over binary features, read from JSON.

    Attributes:
        weights: feature → one weight per class of :data:`CLASSES`.
        intercept: one bias per class.
        thresholds: the least probability at which a candidate is given the role
            (``agent``, ``target``), chosen on out-of-fold predictions.
        meta: how it was trained (data, folds, figures).
    """

    weights: dict[str, list[float]]
    intercept: list[float]
    thresholds: dict[str, float]
    meta: dict[str, Any]

    def proba(self, features: Iterable[str]) -> list[float]:
        """Class probabilities (softmax of the summed weights) of one feature set."""
        scores = list(self.intercept)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                for k in range(len(scores)):
                    scores[k] += w[k]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(CLASSES), "intercept": self.intercept,
                "thresholds": self.thresholds, "meta": self.meta, "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleModel:
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"role model classes {data['classes']} are not {CLASSES}")
        return cls(data["weights"], data["intercept"], data["thresholds"], data["meta"])

    def save(self, path: Path = MODEL_FILE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=0, sort_keys=True) + "\n",
                        encoding="utf-8")


def load_model(path: Path | None = None) -> RoleModel | None:
    """The role model: ``path``, else the committed one (:data:`MODEL_FILE`, part of the
    table cache's model fingerprint); None when there is no such file. The hand rules alone
    are ``harm_events(doc, model=None)``."""
    return _read_model(Path(path or MODEL_FILE).resolve())


@cache
def _read_model(path: Path) -> RoleModel | None:
    if not path.exists():
        return None
    return RoleModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def fit(X: list[list[str]], y: list[str], *, C: float = 0.5,
        thresholds: dict[str, float] | None = None, meta: dict[str, Any] | None = None
        ) -> RoleModel:
    """Fit the logistic regression (L2, ``C``) on feature lists and class labels."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    labels = sorted(set(y) | set(CLASSES), key=CLASSES.index)
    clf = LogisticRegression(C=C, max_iter=2000)
    with threadpool_limits(1):  # a small sparse problem: BLAS threads only contend
        clf.fit(matrix, [CLASSES.index(v) for v in y])
    # the classifier's classes follow the labels seen; map them back onto CLASSES
    order = [list(clf.classes_).index(k) if k in clf.classes_ else None
             for k in range(len(labels))]
    coef = clf.coef_ if len(clf.classes_) > 2 else None
    if coef is None:
        raise ValueError("the role model needs examples of all three classes")
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        w = [round(float(coef[o, j]), 4) if o is not None else 0.0 for o in order]
        if max(abs(v) for v in w) >= 1e-3:
            weights[str(name)] = w
    intercept = [round(float(clf.intercept_[o]), 4) if o is not None else -10.0
                 for o in order]
    return RoleModel(weights, intercept, thresholds or {"agent": 0.5, "target": 0.5},
                     meta or {})
