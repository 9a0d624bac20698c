"""Saved evaluation results and the one reader of their headline figures.

``framing evaluate TASK --save`` writes ``bench/results/<task>.json`` (committed). Both the
notebooks' "measured accuracy" cells and the report's Methods table show those figures
through :func:`accuracy_table`, so a figure is read from a result in exactly one way: each
task's headline rows are built by one function of :data:`HEADLINES`, which knows that task's
result layout.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from framing.core import paths

COLUMNS = ["task", "evaluation", "data", "metric", "value", "baseline", "n", "details", "note"]
#: Counts a result may record of what it measured, in the order they are preferred.
SIZE_KEYS = ("events", "sentences", "articles", "pairs", "labels", "spans", "mentions",
             "targets", "entities", "documents", "examples", "items")
DEFAULT_LEXICONS = "project + vader + afinn (default)"


def saved_results() -> dict[str, dict[str, Any]]:
    """Every committed results file, by task (what the report's Methods section shows)."""
    out = {}
    for path in sorted(paths.RESULTS_DIR.glob("*.json")):
        out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return out


def save_result(task: str, result: dict[str, Any]) -> Path:
    """Write one task's result to ``bench/results/<task>.json``."""
    paths.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = paths.RESULTS_DIR / f"{task}.json"
    out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return out


# --- formatting ---------------------------------------------------------------------------


def _num(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else "n/a"


def _pr(scores: dict[str, Any]) -> str:
    return f"precision {_num(scores.get('precision'))}, recall {_num(scores.get('recall'))}"


def _row(evaluation: str, data: str, metric: str, value: Any, baseline: str = "",
         details: str = "", note: str = "") -> dict[str, Any]:
    return {"evaluation": evaluation, "data": data, "metric": metric, "value": value,
            "baseline": baseline, "details": details, "note": note}


# --- one reader per task ------------------------------------------------------------------


def _biased_words(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Word-level and sentence-level F1 on BABE: the learned detector against the best
    lexicon alone (the lexicons alone when the learned detector was not scored)."""
    words, sentences, data = res["word_level"], res["sentence_level"], res["data"]
    best = max((k for k in words if k != "learned"), key=lambda k: words[k]["f1"])
    learned = words.get("learned")
    main = learned or words[best]
    source = f"learned detector: {learned.get('source', '')}; " if learned else ""
    hit = sentences[f"{DEFAULT_LEXICONS}: any hit"]
    sent = sentences.get("learned") or hit
    return [
        _row("loaded words, word level", data, "F1", main["f1"],
             f"best lexicon alone {_num(words[best]['f1'])}" if learned else "", _pr(main),
             f"{source}best lexicon: {best}"),
        _row("biased sentences (Biased class)", data, "F1", sent["f1"],
             f"any default-lexicon hit {_num(hit['f1'])}" if learned else "",
             f"{_pr(sent)}, accuracy {_num(sent.get('accuracy'))}",
             "lexicon baseline: a sentence with any default-lexicon hit counts as biased"),
    ]


def _loaded_spans(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Character-overlap F1 against PTC Loaded_Language + Name_Calling spans."""
    detectors = res["detectors"]
    name = "learned" if "learned" in detectors else DEFAULT_LEXICONS
    main, lexicons = detectors[name], detectors[DEFAULT_LEXICONS]
    return [_row("Loaded_Language + Name_Calling spans, character overlap", res["data"], "F1",
                 main["char"]["f1"],
                 f"default lexicons {_num(lexicons['char']['f1'])}" if name == "learned" else "",
                 f"{_pr(main['char'])}; span-level F1 {_num(main['span']['f1'])}",
                 f"detector: {name}. {res.get('note', '')}".strip())]


def _roles(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Agent and victim F1 on WikiEvents with gold triggers (out of fold when the result
    has a ``cross_validation`` section), against the plain subject / object baseline."""
    base = res["baseline_subject_object"]
    cv = res.get("cross_validation")
    note = f"gold triggers given; {res.get('events', '?')} events" + (
        f"; {cv['folds']}-fold cross-validation grouped by {cv['grouped_by']} (the rules the "
        "model reads were shaped on these documents)" if cv else "")
    return [_row(label, res["data"], "F1", res[role]["f1"],
                 f"subject/object baseline {_num(base[role]['f1'])}",
                 f"{_pr(res[role])}; {res[role].get('gold', '?')} gold arguments", note)
            for role, label in (("agent", "agent of harm (Attacker / Killer / Injurer)"),
                                ("victim", "victim / target"))]


ENTITY_SETS = {"semeval2025_en": "Antagonist vs Innocent (SemEval-2025 T10, EN)",
               "narrative_frames": "villain vs victim (Narrative Frames)"}


def _entity_roles(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Macro-F1 of the narrative role predicted from harm / blame roles, against the
    majority class, per dataset found."""
    rows = []
    for key, label in ENTITY_SETS.items():
        if key in res:
            r = res[key]
            rows.append(_row(
                label, res["data"], "macro-F1", r["all_with_fallback"]["macro_f1"],
                f"majority class {_num(r['majority_baseline']['macro_f1'])}",
                f"{r['coverage']:.0%} of {r['entities']} entities have role evidence; "
                f"macro-F1 on those {_num(r['covered_only']['macro_f1'])}", r.get("rule", "")))
    return rows


PORTRAYAL_SETS = {"semeval2025_en": "protagonist / antagonist / innocent (SemEval-2025 T10, EN)",
                  "narrative_frames": "hero / villain / victim (Narrative Frames)"}


def _portrayal_roles(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Three-role macro-F1 of the learned role classifier over every gold entity, by
    cross-validation across documents, against the majority class and the blame rule."""
    s = res["summary"]
    return [_row(label, res["data"], "macro-F1 (3 roles)", s[f"{key}.macro_f1"],
                 f"majority class {_num(s[f'{key}.majority_macro_f1'])}; "
                 f"blame rule {_num(s[f'{key}.rule_macro_f1'])}",
                 f"villain vs victim {_num(s[f'{key}.macro_f1_two_role'])}; "
                 f"{res[key]['entities']} entities, {res['folds']} document folds"
                 if isinstance(res.get(key), dict) and "entities" in res[key] else
                 f"villain vs victim {_num(s[f'{key}.macro_f1_two_role'])}")
            for key, label in PORTRAYAL_SETS.items() if f"{key}.macro_f1" in s]


def _model_name(name: str) -> str:
    return "offline default (MiniLM)" if name == "default" else name


def _target_sentiment(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Macro-F1 toward marked persons per NewsMTSC file and model, against VADER; then the
    sentence tone on sentences whose targets agree."""
    names = res["backends"]
    models = [n for n in names if n != "vader"] or names
    files = [(res["data"], res["target"])] + [
        (str(Path(res["data"]).with_name(r["file"])), r)
        for r in res.get("other_files", {}).values()]
    rows = []
    for data, scored in files:
        for name in models:
            m = scored[name]
            per_class = ", ".join(f"{lab} {_num(s['f1'])}" for lab, s in m["per_class"].items())
            vader = scored.get("vader") if name != "vader" else None
            rows.append(_row(
                f"sentiment toward a marked person, {Path(scored['file']).stem}", data,
                "macro-F1", m["macro_f1"], f"VADER {_num(vader['macro_f1'])}" if vader else "",
                f"accuracy {_num(m['accuracy'])}; F1 {per_class}; "
                f"{m.get('targets_per_second', 0):.0f} targets/s",
                f"model: {_model_name(name)}; {scored['targets']} targets"))
    sentence = res.get("sentence") or {}
    vader = sentence.get("vader")
    for name, m in sentence.items():
        if isinstance(m, dict) and "macro_f1" in m and name != "vader":
            rows.append(_row(
                f"sentence tone, {Path(sentence['file']).stem} sentences whose targets agree",
                str(Path(res["data"]).with_name(sentence["file"])), "macro-F1", m["macro_f1"],
                f"VADER {_num(vader['macro_f1'])}" if vader else "",
                f"accuracy {_num(m['accuracy'])}; {sentence['sentences']} sentences",
                f"model: {_model_name(name)}"))
    return rows


def _coverage_details(m: dict[str, Any]) -> str:
    return (f"{_pr({'precision': m.get('pair_precision'), 'recall': m.get('pair_recall')})}; "
            f"exclusive-fact precision {_num(m.get('exclusive_fact_precision'))}, "
            f"exclusive-sentence recall {_num(m.get('exclusive_sentence_recall'))}")


def _coverage(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Pair F1 of the claim aligner: nested leave-one-event-out on BASIL first (in-sample
    figures flatter a fitted method), then each gold file with the shipped aligner, the
    agreement between two annotators (the ceiling) and the descriptive BASIL inf overlap."""
    agree = res.get("annotator_agreement") or {}
    ceiling = (f"ceiling: two annotators {_num(agree['pair_f1_between_annotators'])}"
               if agree.get("pairs") else "")
    model = (res.get("params") or {}).get("cross_encoder")
    aligner = f"cross-encoder {model}" if model else "the shipped aligner"
    rows = []
    cv = res.get("cross_validation")
    if cv:
        rows.append(_row(
            f"same-fact sentence pairs, {cv.get('events', '?')} BASIL events, "
            "leave-one-event-out", res["data"], "pair F1", cv["cv"]["pair_f1"], ceiling,
            _coverage_details(cv["cv"]),
            "nested: scorer and thresholds fitted without the held-out event"))
    for name, s in res.get("sets", {}).items():
        in_sample = name.startswith("basil") and not model
        rows.append(_row(
            f"same-fact sentence pairs, {name}" + (" (in sample)" if in_sample else ""),
            f"{res['data']}/{name}", "pair F1", s["pair_f1"], "" if cv else ceiling,
            _coverage_details(s), f"{aligner}; {s['labelled_pairs']} labelled pairs"
            + ("; in sample: the events the aligner was fitted on" if in_sample else "")))
    if agree.get("pairs"):
        rows.append(_row(
            "agreement between two annotators", res["data"], "Cohen's kappa",
            agree["cohen_kappa"], "",
            f"pair F1 between them {_num(agree['pair_f1_between_annotators'])} on "
            f"{agree['pairs']} pairs of {agree.get('events', '?')} events",
            "labelled blind: the ceiling for pair F1"))
    inf = res.get("inf_overlap")
    if inf:
        rows.append(_row(
            "exclusive-claim sentences with a BASIL inf span", "shared/eval/basil", "share",
            inf["inf_share_among_exclusive"], f"random pick {_num(inf['inf_share_random_pick'])}",
            f"ratio {inf.get('ratio_to_random')}; {inf['events']} events",
            inf.get("note", "")))
    return rows


def _voice(res: dict[str, Any]) -> list[dict[str, Any]]:
    """BASIL "inside a quote" F1 and speaker share; voice-class and source accuracy on the
    project's validation labels when they were scored."""
    basil = res["basil"]
    quote, speaker = basil["quote"], basil["speaker"]
    rows = [
        _row("BASIL bias spans inside a quote", res["data"], "F1", quote["f1"], "",
             f"{_pr(quote)}; {basil['spans']} spans, {basil['gold_quote_spans']} quoted",
             "quotes of blame's attribution layer (Fan et al. 2019 quote field)"),
        _row("speaker of BASIL quoted spans", res["data"], "share correct",
             speaker["share_correct"], "",
             f"{speaker['correct']} of {speaker['named_quote_spans']} spans with a named "
             "speaker", "match: last name / head word, or one phrase contains the other"),
    ]
    val = (res.get("validation") or {}).get("overall")
    if val and val.get("labels"):
        rows.append(_row(
            "voice class of labelled spans (outlet / direct quote / reported / attributed)",
            "data/validation", "accuracy", val["voice_accuracy"], "",
            f"macro-F1 {_num(val['voice_macro_f1'])}; source accuracy "
            f"{_num(val['source_accuracy'])}", f"{val['labels']} voice labels"))
    return rows


def _validation(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Harm roles, accuser -> accused pairs, not-loaded senses, sentence splits and mention
    roles on the validation labels of real incidents, with the agreement between
    annotators."""
    o, data = res["overall"], res["data"]
    harm, blame, nl, sent = o["harm"], o["blame"], o["not_loaded"], o["sentence"]
    n_inc = len(res.get("annotators", {}))
    rows = [
        _row("agent of labelled harm events", data, "accuracy", harm["agent_accuracy"], "",
             f"target {_num(harm['target_accuracy'])}, asserted by "
             f"{_num(harm['asserted_by_accuracy'])}; trigger match rate "
             f"{_num(harm['match_rate'])}", f"{harm['labels']} harm labels, {n_inc} incidents"),
        _row("accuser -> accused pairs", data, "pair F1", blame["f1"], "",
             f"{_pr(blame)}; {blame['gold_pairs']} gold pairs"),
        _row("labelled not-loaded senses flagged as loaded", data, "share",
             nl["flagged_share"], "target 0", f"{nl['flagged']} of {nl['labels']}"),
        _row("labelled spans kept within one sentence", data, "share",
             sent["one_sentence_share"], "",
             f"no-sentence spans split off as a sentence: {_num(sent['no_sentence_own_share'])}"),
    ]
    por = o.get("portrayal")
    if por and por.get("labels"):
        rows.append(_row(
            "role of labelled actor mentions (villain / victim / hero / none)", data,
            "accuracy", por["role_accuracy"], "target 0.80",
            f"{por['victims_in_negative_tone']} of {por['victims']} labelled victims counted "
            f"in a negative tone; roles derived from harm and blame labels: "
            f"{_num(por['derived']['role_accuracy'])}", f"{por['labels']} portrayal labels"))
    pairs = o.get("pairs")
    if pairs and pairs.get("pairs"):
        rows.append(_row(
            "conflicting claims among labelled sentence pairs", data, "precision",
            pairs["conflict_precision"], "target 0.80",
            f"recall {_num(pairs['conflict_recall'])} ({pairs['conflicting_flagged']} of "
            f"{pairs['conflicting']} conflicting pairs); {pairs['conflicting_merged']} "
            f"conflicting pairs grouped into one fact (target 0)",
            f"{pairs['pairs']} pair labels"))
    agree = list((res.get("agreement") or {}).values())
    kappas = [a["voice_kappa"] for a in agree if a.get("voice_kappa") is not None]
    if kappas:
        rows.append(_row(
            "agreement between two annotators, voice class", data, "Cohen's kappa",
            round(sum(kappas) / len(kappas), 4), "",
            "agent agreement " + ", ".join(_num(a["agent_agreement"]) for a in agree)
            + "; blame pair F1 " + ", ".join(_num(a["blame_pair_f1"]) for a in agree),
            f"mean over {len(kappas)} doubly-labelled incidents"))
    return rows


def _incidents(res: dict[str, Any]) -> list[dict[str, Any]]:
    """B-cubed F1 of incident discovery on the other (not tuned) halves of AllSides stories
    (with the time window on story dates, then without dates) and within ECB+ topics, each
    against TF-IDF + single linkage; the dev-half figures in the details."""
    rows = []
    sets = [("window_on_story_dates", "AllSides stories as incidents, time window on story "
             "dates"), ("no_dates", "AllSides stories as incidents, no dates"),
            ("no_dates_own_settings", "AllSides stories as incidents, no dates, settings "
             "chosen for that")]
    for key, label in sets:
        r = res["allsides"].get(key)
        if r is None:
            continue
        o, d = r["other"], r["dev"]
        rows.append(_row(
            label, f"{res['data']}/allsides_neus", "B-cubed F1", o["discovery"]["f1"],
            f"TF-IDF + single linkage {_num(o['baseline_tfidf_single']['f1'])}",
            f"{_pr(o['discovery'])}; dev half {_num(d['discovery']['f1'])} (baseline "
            f"{_num(d['baseline_tfidf_single']['f1'])}); {o['articles']} articles",
            "other half; settings chosen on the dev half"))
    e = res["ecbplus_within_topics"]
    o, d = e["other"], e["dev"]
    rows.append(_row(
        "two incidents of one kind kept apart (ECB+ sub-topics within each topic)",
        f"{res['data']}/pairs/ecbplus", "B-cubed F1", o["discovery"]["f1"],
        f"TF-IDF + single linkage {_num(o['baseline_tfidf_single']['f1'])}",
        f"{_pr(o['discovery'])}; dev half {_num(d['discovery']['f1'])} (baseline "
        f"{_num(d['baseline_tfidf_single']['f1'])}); {o['discovery']['topics']} topics",
        "mean over topics; other half; settings chosen on the dev half"))
    real = res.get("real_incidents")
    if real:
        rows.append(_row(
            "the project's real incidents as one stream (full articles, many outlets)",
            f"{res['data']}/real_incidents", "B-cubed F1", real["discovery"]["f1"],
            f"TF-IDF + single linkage {_num(real['baseline_tfidf_single']['f1'])}",
            f"{_pr(real['discovery'])}; {real['articles']} articles, {real['incidents']} "
            f"incidents, {real['proposed']} proposed", "never used to choose settings"))
    return rows


def _proposed_actors(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Share of the hand-written actors' mentions that actors proposed from named entities
    cover, per incident (dev: the sample and Galwan; held out: the others)."""
    return [_row(f"hand-written actors' mentions covered by proposed actors, {name}",
                 res["data"], "coverage", r["coverage"], "target 0.90",
                 f"{r['covered']} of {r['mentions']} mentions; consistency "
                 f"{_num(r['consistency'])}; {r['proposed_actors']} actors proposed for "
                 f"{r['hand_actors']} hand-written", r["part"])
            for name, r in res["incidents"].items()]


def _same_fact(res: dict[str, Any]) -> list[dict[str, Any]]:
    """The packaged same-fact pair scorer on MRPC test, STS-B news test and (when run) the
    ECB+ topic cross-validation, each against the plain MiniLM cosine."""
    s, data = res["summary"], res["data"]
    note = ("pair scorer for --coverage-model; the shipped aligner does not stack it "
            "(bench/cross_encoder.json: a full cross-encoder measured too)")
    rows = [_row("same fact or not: MRPC test paraphrase pairs", f"{data}/mrpc", "accuracy",
                 s["mrpc_test_accuracy"],
                 f"MiniLM cosine {_num(s['mrpc_test_accuracy_cosine'])}; majority "
                 f"{_num(s['mrpc_majority_accuracy'])}", f"F1 {_num(s['mrpc_test_f1'])}",
                 note),
            _row("same fact or not: STS-B news test, score >= 4 against <= 2",
                 f"{data}/stsb", "F1", s["stsb_news_test_f1_4v2"],
                 f"MiniLM cosine {_num(s['stsb_news_test_f1_4v2_cosine'])}",
                 f"Pearson {_num(s['stsb_news_test_pearson'])} (cosine "
                 f"{_num(s['stsb_news_test_pearson_cosine'])})", note)]
    if "ecb_cv_pair_f1" in s:
        rows.append(_row("same event or not: ECB+ sentence pairs", f"{data}/ecbplus", "pair F1",
                         s["ecb_cv_pair_f1"], f"MiniLM cosine {_num(s['ecb_cv_cosine_pair_f1'])}",
                         f"AUC {_num(s['ecb_cv_auc'])}; {s['ecb_cv_folds']} folds by topic",
                         "topic cross-validation, the head retrained per fold"))
    return rows


#: task -> the function giving its headline rows.
HEADLINES: dict[str, Callable[[dict[str, Any]], list[dict[str, Any]]]] = {
    "biased-words": _biased_words,
    "loaded-spans": _loaded_spans,
    "roles": _roles,
    "entity-roles": _entity_roles,
    "portrayal-roles": _portrayal_roles,
    "target-sentiment": _target_sentiment,
    "coverage": _coverage,
    "same-fact": _same_fact,
    "voice": _voice,
    "validation": _validation,
    "incidents": _incidents,
    "proposed-actors": _proposed_actors,
}


def accuracy_table(tasks: Iterable[str] | None = None,
                   results: dict[str, dict[str, Any]] | None = None) -> pd.DataFrame:
    """The headline figures of saved evaluation results, one readable row each.

    Args:
        tasks: the tasks to show, in this order (default: every task with a reader).
            A task without a saved result is left out.
        results: ``{task: result}``; default: :func:`saved_results`.

    Returns:
        Columns ``task, evaluation, data, metric, value, baseline, details, note``:
        ``value`` is the headline figure (``metric``), ``baseline`` the figure to read it
        against, in words, ``details`` the other figures behind it.
    """
    results = saved_results() if results is None else results
    rows = []
    for task in tasks if tasks is not None else HEADLINES:
        if task not in HEADLINES:
            raise KeyError(f"no reader for evaluation task {task!r}; "
                           f"choose from {', '.join(HEADLINES)}")
        if results.get(task):
            n = result_size(results[task])
            rows += [{"task": task, "n": n, **row} for row in HEADLINES[task](results[task])]
    return pd.DataFrame(rows, columns=COLUMNS)


def result_size(result: dict[str, Any]) -> str:
    """How much a saved result measured, in words ("2,579 sentences"): the first count it
    records under a :data:`SIZE_KEYS` name (``n_<name>`` too), at the top level or one
    level down; empty when it records none."""
    levels = [result, *(v for v in result.values() if isinstance(v, dict))]
    for key in SIZE_KEYS:
        for level in levels:
            for name in (key, f"n_{key}"):
                value = level.get(name)
                if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                    return f"{value:,} {key}"
    return ""


def figures_text(rows: pd.DataFrame) -> str:
    """Rows of :func:`accuracy_table` in a few words each, e.g. ``loaded words, word level:
    F1 0.55 (best lexicon alone 0.25)`` — the Methods table's cell."""
    return "; ".join(f"{r.evaluation}: {r.metric} {_num(r.value)}"
                     + (f" ({r.baseline})" if r.baseline else "") for r in rows.itertuples())
