"""Evaluation of whose voice a span is in: quotes and speakers (blame's attribution layer).

- :func:`evaluate_voice` — for every BASIL bias span (Fan et al. 2019), whether today's
  quote detection (:func:`framing.core.attribution.doc_quotes`: quotation-mark pairs from
  :func:`~framing.core.quotes.find_quotes`, each with the speaker of its nearest
  reporting verb) puts it inside a quote, scored against BASIL's ``quote`` field
  (precision / recall / F1 of the "inside a quote" class), and for BASIL's quoted spans with
  a named ``speaker`` whether the predicted speaker phrase names the same speaker; then,
  when the project's validation labels exist (``data/validation``,
  :mod:`framing.evaluate.datasets.validation`), the voice class (outlet / direct_quote /
  reported / attributed) and the source of every ``voice`` label.

Nothing here changes how the analysis works: the spans are looked up in the same
:class:`framing.blame.rows.ArticleContext` that builds blame's ``sources`` and ``voice``
tables (on the same truecased docs), so the figures are those of the tables.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.blame.rows import ArticleContext
from framing.core import paths
from framing.core.attribution import Source
from framing.core.corpus import Article, Incident
from framing.core.pipeline import Parsed, prepare
from framing.evaluate.datasets.basil import event_files, load_basil_event
from framing.evaluate.datasets.validation import VOICES, LabelFile, load_validation
from framing.evaluate.metrics import binary_scores, class_scores

#: The figures issue 14 ("voice and attribution") aims at; today's are the baseline.
TARGETS = {"basil_quote_f1": 0.90, "basil_speaker_share": 0.75,
           "validation_voice_accuracy": 0.90}
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them",
                      "his", "its", "their", "who", "which", "that"})
TITLES = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "senator", "rep",
                    "president", "gov", "governor", "former", "of", "and", "s"})


# --- the analysis' contexts -----------------------------------------------------------------


@dataclass
class Contexts:
    """A parsed incident and the blame analysis' per-article attribution contexts."""

    parsed: Parsed
    contexts: dict[str, ArticleContext]

    @classmethod
    def of(cls, incident: Incident | Parsed) -> Contexts:
        parsed = incident if isinstance(incident, Parsed) else prepare(incident)
        return cls(parsed, {a.id: ArticleContext(a, parsed.voices[a.id], parsed.sentences,
                                                 parsed.incident)
                            for a in parsed.incident.articles})


def source_value(src: Source | None) -> str:
    """A source as a label value: the actor id, ``other`` (named, no incident actor) or
    ``none`` (no source, or a source whose speaker is not named)."""
    if src is None or src.speaker is None:
        return "none"
    return src.actor_id or "other"


def predict_voice(ctx: ArticleContext, start: int, end: int) -> tuple[str, str]:
    """(voice class, source value) of a span, from the voice layer
    (:meth:`framing.core.voice.ArticleVoice.voice_of`)."""
    voice = ctx.voice.voice_of(start, end)
    return voice.voice, source_value(voice.source)


def voice_label_scores(files: Iterable[LabelFile], contexts: dict[str, Contexts]
                       ) -> dict[str, Any]:
    """Voice-class and source accuracy on the ``voice`` labels, overall, per incident and
    per annotator file (``contexts``: slug -> :class:`Contexts`)."""
    rows = []
    for lf in files:
        ctxs = contexts[lf.slug].contexts
        for label in lf.labels:
            if label.kind == "voice":
                voice, source = predict_voice(ctxs[label.article_id], label.start, label.end)
                rows.append((lf, label, voice, source))

    def scores(selected: list) -> dict[str, Any]:
        if not selected:
            return {"labels": 0}
        gold = [lab.get("voice") for _, lab, _, _ in selected]
        pred = [v for _, _, v, _ in selected]
        cls = class_scores(gold, pred, VOICES)
        source_ok = [lab.get("source") == s for _, lab, _, s in selected]
        attributed = [ok for (_, lab, _, _), ok in zip(selected, source_ok, strict=True)
                      if lab.get("voice") != "outlet"]
        confusion = Counter(f"{g} -> {p}" for g, p in zip(gold, pred, strict=True) if g != p)
        return {"labels": len(selected), "voice_accuracy": cls["accuracy"],
                "voice_macro_f1": cls["macro_f1"], "per_class": cls["per_class"],
                "source_accuracy": round(sum(source_ok) / len(source_ok), 4),
                "source_accuracy_non_outlet": round(sum(attributed) / len(attributed), 4)
                if attributed else None,
                "confusions": dict(confusion.most_common())}

    out = {"overall": scores(rows), "per_incident": {}, "per_file": {}}
    for slug in dict.fromkeys(lf.slug for lf, *_ in rows):
        out["per_incident"][slug] = scores([r for r in rows if r[0].slug == slug])
    for name in dict.fromkeys(lf.path.name for lf, *_ in rows):
        out["per_file"][name] = scores([r for r in rows if r[0].path.name == name])
    return out


# --- BASIL ------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def basil_span(article: Article, raw_sentences: list[str], title: str, ann: dict
               ) -> tuple[int, int] | None:
    """Document offsets of a BASIL span (``id`` ``p<N>`` or ``title``), through the reader's
    whitespace clean-up; None when the span cannot be placed."""
    sid = str(ann.get("id", ""))
    txt = _clean(str(ann.get("txt", ""))).strip()
    if not txt:
        return None
    if sid == "title":
        base, raw = 0, title
    elif sid.startswith("p") and sid[1:].isdigit() and int(sid[1:]) < len(raw_sentences):
        n = int(sid[1:])
        sent_span = article.meta["basil_spans"][n]
        if sent_span is None:
            return None
        base, raw = sent_span[0], raw_sentences[n]
    else:
        return None
    doc = article.document
    offset = len(_clean(raw[:int(ann.get("start", 0))]).lstrip())
    start = base + offset
    if doc[start:start + len(txt)] != txt:
        start = doc.find(txt, base)  # whitespace at the edge of the span
        if start < 0:
            return None
    return start, start + len(txt)


def _tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("_", " ").replace("’s", "")
                       .replace("'s", ""))
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def speaker_matches(gold: str, predicted: Iterable[str | None]) -> bool:
    """Whether a predicted speaker names BASIL's ``speaker``.

    Both are lower-cased, ``_`` split into words, possessives and a plural ``s`` dropped;
    they match when the gold's last word (the head or last name: ``Donald_Trump`` ->
    ``trump``, ``senate_Democrats`` -> ``democrat``) is a word of the predicted phrase, or
    when one's words (titles and articles left out) are all among the other's. A pronoun
    alone ("he") never matches: its antecedent is not in the table.
    """
    g = _tokens(gold)
    if not g:
        return False
    g_core = [w for w in g if w not in TITLES] or g
    for phrase in predicted:
        p = _tokens(phrase or "")
        if not p or all(w in PRONOUNS for w in p):
            continue
        p_core = [w for w in p if w not in TITLES and w not in PRONOUNS]
        if g[-1] in p or (p_core and (set(p_core) <= set(g_core) or set(g_core) <= set(p_core))):
            return True
    return False


def _raw_sentences(path: Path) -> tuple[str, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return str(data.get("title", "")), [s for para in data.get("body-paragraphs", [])
                                        for s in para]


def _annotations(path: Path) -> list[dict]:
    ann = path.parent.parent.parent / "annotations" / path.parent.name / f"{path.stem}_ann.json"
    if not ann.exists():
        return []
    return list(json.loads(ann.read_text(encoding="utf-8")).get("phrase-level-annotations",
                                                                  []))


def basil_quote_scores(folder: Path, events: int | None = None, min_overlap: float = 0.5,
                       partial_quotes: bool = True) -> dict[str, Any]:
    """Quote P/R/F1 and speaker share on BASIL (see :func:`evaluate_voice`)."""
    gold: list[bool] = []
    pred: list[bool] = []
    by_bias: dict[str, tuple[list[bool], list[bool]]] = {}
    named = correct = named_predicted = 0
    unplaced = 0
    anonymous = Counter()
    misses = Counter()
    chosen = list(event_files(folder))[:events]
    for event in chosen:
        incident = load_basil_event(event, folder)
        ctxs = Contexts.of(incident).contexts
        for article in incident.articles:
            title, raw = _raw_sentences(Path(article.source_file))
            ctx = ctxs[article.id]
            names = {a.id: a.name for a in incident.actors}
            for ann in _annotations(Path(article.source_file)):
                span = basil_span(article, raw, title, ann)
                if span is None:
                    unplaced += 1
                    continue
                is_quote = str(ann.get("quote", "")).lower() == "yes"
                quote = ctx.voice.covering_quote(*span, min_overlap=min_overlap,
                                                 partial=partial_quotes)
                gold.append(is_quote)
                pred.append(quote is not None)
                g, p = by_bias.setdefault(str(ann.get("bias", "?")), ([], []))
                g.append(is_quote)
                p.append(quote is not None)
                speaker = str(ann.get("speaker") or "").strip()
                if not is_quote:
                    continue
                if not speaker or speaker.lower().startswith("other"):
                    anonymous[speaker.lower() or "(empty)"] += 1
                    continue
                named += 1
                if quote is None:
                    misses["span not inside a predicted quote"] += 1
                    continue
                named_predicted += 1
                phrase = ctx.surface(quote.speaker_span)
                if speaker_matches(speaker, [phrase, names.get(quote.actor_id or "")]):
                    correct += 1
                elif quote.speaker is None:
                    misses["quote without a speaker"] += 1
                elif _tokens(phrase or "") and all(w in PRONOUNS for w in _tokens(phrase)):
                    misses["pronoun speaker (no antecedent in the table)"] += 1
                else:
                    misses["another speaker"] += 1
    return {
        "events": len(chosen), "spans": len(gold), "spans_not_placed": unplaced,
        "gold_quote_spans": int(sum(gold)), "predicted_quote_spans": int(sum(pred)),
        "quote": binary_scores(gold, pred),
        "quote_by_bias": {k: {**binary_scores(g, p), "spans": len(g)}
                          for k, (g, p) in sorted(by_bias.items())},
        "speaker": {
            "named_quote_spans": named,
            "correct": correct,
            "share_correct": round(correct / named, 4) if named else None,
            "share_correct_when_in_predicted_quote":
                round(correct / named_predicted, 4) if named_predicted else None,
            "misses": dict(misses.most_common()),
            "not_scored_unnamed_speaker": dict(anonymous.most_common()),
        },
        "rule": (f"inside a quote: at least {min_overlap:.0%} of the span's characters inside "
                 "one quotation-mark pair of blame's attribution layer (doc_quotes: "
                 + ("direct and partial quotes" if partial_quotes else "direct quotes only")
                 + "); speaker match: BASIL speaker's last word (head / last name) is a word "
                   "of the predicted speaker phrase or of its resolved actor's name, or one's "
                   "words (titles dropped) contain the other's; pronoun phrases never match; "
                   "speakers other_pro / other_anti / other_neutral are not scored"),
    }


def evaluate_voice(data: Path, *, events: int | None = None, min_overlap: float = 0.5,
                   partial_quotes: bool = True,
                   validation: str | None = "data/validation") -> dict[str, Any]:
    """Whose voice a span is in: BASIL quote spans and speakers, and the voice class and
    source of the project's validation labels, from blame's attribution layer.

    Args:
        events: score only the first N BASIL events (default: all 68).
        min_overlap: share of a span's characters that must lie inside a quotation-mark
            pair for the span to count as inside a quote.
        partial_quotes: count partial quotes (fewer than four words between the marks) as
            quotes too.
        validation: the validation labels folder (relative to the project root) or file;
            ``none`` skips them.
    """
    basil = basil_quote_scores(data, events, min_overlap, partial_quotes)
    result: dict[str, Any] = {
        "summary": {"basil_quote_f1": basil["quote"]["f1"],
                    "basil_speaker_share": basil["speaker"]["share_correct"]},
        "targets": TARGETS, "basil": basil}
    folder = paths.ROOT / validation if validation is not None else None
    if folder is not None and folder.exists():
        files = load_validation(folder)
        if any(lab.kind == "voice" for lf in files for lab in lf.labels):
            result["validation"] = {
                "files": [lf.path.name for lf in files],
                **voice_label_scores(files, label_contexts(files)),
                "rule": ("a span with at least half its characters inside a quote is "
                         "direct_quote; else the attribution governing its root (reporting "
                         "verb clause, else the sentence's 'according to'): 'according to' "
                         "and distancing verbs -> attributed, other reporting verbs -> "
                         "reported, none -> outlet (source none); source = the actor id, "
                         "'other' when the speaker resolves to no actor, 'none' when unnamed"),
            }
            overall = result["validation"]["overall"]
            result["summary"]["validation_voice_accuracy"] = overall["voice_accuracy"]
            result["summary"]["validation_source_accuracy"] = overall["source_accuracy"]
    return result


def label_contexts(files: list[LabelFile]) -> dict[str, Contexts]:
    """One :class:`Contexts` per incident labelled in ``files``."""
    return {lf.slug: Contexts.of(lf.incident) for lf in
            {lf.slug: lf for lf in files}.values()}

