"""Evaluation of whose voice a span is in: quotes and speakers (blame's attribution layer).

- :func:`evaluate_voice` — for every BASIL bias span (Fan et al. 2019), whether today's
  quote detection (:func:`framing.core.attribution.doc_quotes`: quotation-mark pairs from
  :func:`~framing.core.quotes.find_quotes`, each with the speaker of its nearest
  reporting verb) puts it inside a quote, scored against BASIL's ``quote`` field
  (precision / recall / F1 of the "inside a quote" class), and for BASIL's quoted spans with
  a named ``speaker`` whether the predicted speaker (its phrase, resolved name or actor;
  for a group speaker, a member by the speaker's descriptions) names the same speaker,
  for all events and by half (dev: the first :data:`DEV_EVENTS` by name, whose errors
  were studied; held-out: the others); then,
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
#: Plural or collective last words of BASIL speakers that name a group.
GROUP_NOUNS = frozenset({"lawmakers", "democrats", "republicans", "officials", "campaign",
                         "plaintiffs", "protestors", "protesters", "members", "leaders"})
#: Words of a speaker's description that show membership of a group word (after
#: :func:`_tokens`: lower case, plural ``s`` dropped): party labels (the "D-Calif." of US
#: newswire), legislators' titles.
MEMBERSHIP = {
    "lawmaker": {"senator", "sen", "representative", "rep", "congressman", "congresswoman",
                 "legislator", "lawmaker", "whip", "senate", "speaker"},
    "democrat": {"d", "democratic", "democrat"},
    "democratic": {"d", "democrat", "democratic"},
    "republican": {"r", "gop", "republican"},
    "house": {"representative", "rep", "congressman", "congresswoman", "speaker"},
    "senate": {"senator", "sen"},
    "official": {"governor", "gov", "secretary", "spokesman", "spokeswoman", "attorney",
                 "mayor", "commissioner", "director", "minister", "aide", "officer"},
}
#: BASIL events (sorted by name) whose errors may be studied; the rest are held out.
DEV_EVENTS = 34


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


def source_value(src: Source | None, voice: str | None = None) -> str:
    """A source as a label value: the actor id, ``other`` (a source that is no incident
    actor, or one left unnamed: "reportedly", an agentless "it was reported") or ``none``
    (no source: the outlet's own voice, as the labelling rules use it). Without ``voice``
    an unnamed source is ``none``."""
    if src is None or voice == "outlet":
        return "none"
    if src.speaker is None and voice is None:
        return "none"
    return src.actor_id or "other"


def predict_voice(ctx: ArticleContext, start: int, end: int) -> tuple[str, str]:
    """(voice class, source value) of a span, from the voice layer
    (:meth:`framing.core.voice.ArticleVoice.voice_of`)."""
    voice = ctx.voice.voice_of(start, end)
    return voice.voice, source_value(voice.source, voice.voice)


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


def is_group(gold: str) -> bool:
    """A BASIL speaker that names a group, not a person ("Democratic_lawmakers",
    "House_Democrats", "Obama_campaign"): its last word is lower-case or a group noun."""
    last = gold.replace("_", " ").split()[-1] if gold.strip("_ ") else ""
    return bool(last) and (last[:1].islower() or last.lower() in GROUP_NOUNS)


def _covers(word: str, described: set[str]) -> bool:
    return word in described or bool(MEMBERSHIP.get(word, set()) & described)


def member_of(gold: str, descriptions: Iterable[str | None]) -> bool:
    """Whether the speaker's descriptions in the article (titles, apposition, party:
    "Senator Richard Blumenthal, Democrat of Connecticut", "Rep. Zoe Lofgren (D-Calif.)")
    place it in the group ``gold`` names: the group's head word ("lawmakers") and, when it
    has any, one of its modifiers ("Democratic") are each a described word or shown by
    one (:data:`MEMBERSHIP`: a senator or representative is a lawmaker, "D-Calif." a
    Democrat)."""
    g = [w for w in _tokens(gold) if w not in TITLES]
    described = {w for d in descriptions for w in _tokens(d or "")}
    if not g or not described:
        return False
    head, modifiers = g[-1], g[:-1]
    return _covers(head, described) and (not modifiers or any(
        _covers(w, described) for w in modifiers))


def speaker_matches(gold: str, predicted: Iterable[str | None],
                    descriptions: Iterable[str | None] = ()) -> bool:
    """Whether a predicted speaker names BASIL's ``speaker``.

    Both are lower-cased, ``_`` split into words, possessives and a plural ``s`` dropped;
    they match when the gold's last word (the head or last name: ``Donald_Trump`` ->
    ``trump``, ``senate_Democrats`` -> ``democrat``) is a word of the predicted phrase, or
    when one's words (titles and articles left out) are all among the other's. A pronoun
    alone ("he") never matches: its resolved name (``Source.speaker_name``) is scored
    instead. A group speaker (:func:`is_group`) also matches a member of the group
    (:func:`member_of` on the speaker's ``descriptions`` in the article).
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
    return is_group(gold) and member_of(gold, descriptions)


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


@dataclass
class SpanRecord:
    """One placed BASIL span: its event's half, gold and predicted quote, speaker outcome."""

    half: str
    bias: str
    gold: bool
    pred: bool
    speaker: str | None = None  # the gold speaker when the span is a scored quoted span
    outcome: str | None = None  # "correct" or the kind of miss


def _speaker_outcome(gold: str, quote: Source | None, ctx: ArticleContext,
                     names: dict[str, str]) -> str:
    if quote is None:
        return "span not inside a predicted quote"
    phrase = ctx.surface(quote.speaker_span)
    name = quote.speaker_name
    described = [phrase, name, ctx.speakers.description(name) if name else None,
                 names.get(quote.actor_id or "")]
    if speaker_matches(gold, [phrase, name, names.get(quote.actor_id or "")], described):
        return "correct"
    if quote.speaker is None:
        return "quote without a speaker"
    if _tokens(phrase or "") and all(w in PRONOUNS for w in _tokens(phrase)):
        return ("pronoun speaker, no antecedent found" if quote.antecedent is None
                else "pronoun speaker, another antecedent")
    return "another speaker"


def _speaker_scores(records: list[SpanRecord]) -> dict[str, Any]:
    scored = [r for r in records if r.outcome is not None]
    correct = sum(r.outcome == "correct" for r in scored)
    in_quote = [r for r in scored if r.outcome != "span not inside a predicted quote"]

    def share(rows: list[SpanRecord]) -> float | None:
        return round(sum(r.outcome == "correct" for r in rows) / len(rows), 4) if rows \
            else None

    return {
        "named_quote_spans": len(scored),
        "correct": correct,
        "share_correct": share(scored),
        "share_correct_when_in_predicted_quote": share(in_quote),
        "share_correct_person_speakers": share([r for r in scored if not is_group(r.speaker)]),
        "share_correct_group_speakers": share([r for r in scored if is_group(r.speaker)]),
        "group_speaker_spans": sum(is_group(r.speaker) for r in scored),
        "misses": dict(Counter(r.outcome for r in scored if r.outcome != "correct")
                       .most_common()),
    }


def basil_quote_scores(folder: Path, events: int | None = None, min_overlap: float = 0.5,
                       partial_quotes: bool = True) -> dict[str, Any]:
    """Quote P/R/F1 and speaker share on BASIL (see :func:`evaluate_voice`), for all events
    and by half: ``dev`` (the first :data:`DEV_EVENTS` events sorted by name, whose errors
    were studied) and ``held_out`` (the others)."""
    records: list[SpanRecord] = []
    unplaced = 0
    anonymous = Counter()
    dev = set(sorted(event_files(folder))[:DEV_EVENTS])
    chosen = list(event_files(folder))[:events]
    for event in chosen:
        half = "dev" if event in dev else "held_out"
        incident = load_basil_event(event, folder)
        ctxs = Contexts.of(incident).contexts
        names = {a.id: a.name for a in incident.actors}
        for article in incident.articles:
            title, raw = _raw_sentences(Path(article.source_file))
            ctx = ctxs[article.id]
            for ann in _annotations(Path(article.source_file)):
                span = basil_span(article, raw, title, ann)
                if span is None:
                    unplaced += 1
                    continue
                is_quote = str(ann.get("quote", "")).lower() == "yes"
                quote = ctx.voice.covering_quote(*span, min_overlap=min_overlap,
                                                 partial=partial_quotes)
                record = SpanRecord(half, str(ann.get("bias", "?")), is_quote,
                                    quote is not None)
                records.append(record)
                speaker = str(ann.get("speaker") or "").strip()
                if not is_quote:
                    continue
                if not speaker or speaker.lower().startswith("other"):
                    anonymous[speaker.lower() or "(empty)"] += 1
                    continue
                record.speaker = speaker
                record.outcome = _speaker_outcome(speaker, quote, ctx, names)
    gold = [r.gold for r in records]
    pred = [r.pred for r in records]
    by_bias = {}
    for bias in sorted({r.bias for r in records}):
        rows = [r for r in records if r.bias == bias]
        by_bias[bias] = {**binary_scores([r.gold for r in rows], [r.pred for r in rows]),
                         "spans": len(rows)}
    speaker = _speaker_scores(records)
    speaker["not_scored_unnamed_speaker"] = dict(anonymous.most_common())
    speaker["by_half"] = {h: _speaker_scores([r for r in records if r.half == h])
                          for h in ("dev", "held_out")}
    return {
        "events": len(chosen), "spans": len(gold), "spans_not_placed": unplaced,
        "gold_quote_spans": int(sum(gold)), "predicted_quote_spans": int(sum(pred)),
        "quote": binary_scores(gold, pred),
        "quote_by_half": {h: binary_scores([r.gold for r in records if r.half == h],
                                           [r.pred for r in records if r.half == h])
                          for h in ("dev", "held_out")},
        "quote_by_bias": by_bias,
        "speaker": speaker,
        "split": (f"events sorted by name: the first {DEV_EVENTS} are dev (their errors "
                  "were studied), the others held out"),
        "rule": (f"inside a quote: at least {min_overlap:.0%} of the span's characters inside "
                 "one quotation-mark pair of the voice layer (doc_quotes: "
                 + ("direct and partial quotes" if partial_quotes else "direct quotes only")
                 + "); speaker match: BASIL speaker's last word (head / last name) is a word "
                   "of the predicted speaker phrase, of its resolved name (a pronoun's "
                   "antecedent, the fullest name of the person) or of its resolved actor's "
                   "name, or one's words (titles dropped) contain the other's; a pronoun "
                   "phrase alone never matches; a group speaker (Democratic_lawmakers) also "
                   "matches a member, shown by the speaker's titles, apposition or party in "
                   "the article (Sen. X, D-Calif.); speakers other_pro / other_anti / "
                   "other_neutral are not scored"),
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
                    "basil_speaker_share": basil["speaker"]["share_correct"],
                    "basil_speaker_share_dev":
                        basil["speaker"]["by_half"]["dev"]["share_correct"],
                    "basil_speaker_share_held_out":
                        basil["speaker"]["by_half"]["held_out"]["share_correct"]},
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
                         "verb clause, a trailing '..., X said', else a hearsay adverb of "
                         "its clause, else the sentence's 'according to' or headline "
                         "source): 'according to', hearsay, distancing and accusatory "
                         "verbs and labelling verbs in their frame -> attributed, other "
                         "reporting verbs -> reported, none -> outlet (source none); "
                         "source = the actor id, 'other' when the source is no actor or is "
                         "unnamed"),
            }
            overall = result["validation"]["overall"]
            result["summary"]["validation_voice_accuracy"] = overall["voice_accuracy"]
            result["summary"]["validation_source_accuracy"] = overall["source_accuracy"]
    return result


def label_contexts(files: list[LabelFile]) -> dict[str, Contexts]:
    """One :class:`Contexts` per incident labelled in ``files``."""
    return {lf.slug: Contexts.of(lf.incident) for lf in
            {lf.slug: lf for lf in files}.values()}

