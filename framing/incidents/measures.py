"""The framing measures of one incident's articles, and the sentences behind each, for the
outlet profile across incidents (:mod:`framing.incidents.profile`).

Every measure is a ratio taken per article, a numerator over a denominator (the row's
``weight``), read off the tables the incident's own report shows and defined as its pages
define them, so that a cell of the profile across incidents means what the same words mean
on an incident's report:

- ``loaded_per_1000``: terms of the project lexicons (labels, intensifiers, distancing,
  emotional and moral words, hedges) in the outlet's own voice per 1,000 words: the
  summary's "Loaded terms per 1,000 words (lexicons)"; words it quotes, reports or
  attributes are its sources' and do not count;
- ``agentless_harm``: the share of the harm events the outlet states in its own words that
  name no agent (blame's "No agent" finding: Henley, Miller & Beazley 1995 on agency and
  the passive; inside a quote it is the speaker's phrasing, so it does not count);
- ``quoted_share``: the share of the article's words inside quotation marks (blame's voice
  table);
- ``exclusive_share``: the share of its claims that no other outlet of the incident
  reports, with no close claim elsewhere (coverage's "Exclusive facts"; the informational
  bias of Fan et al. 2019);
- ``omitted_share``: of the facts every other outlet of the incident reports, the share the
  outlet leaves out (coverage's "Facts all others report, left out"; 3 or more outlets).
  The unit is the outlet, not the article (what one of its articles omits another may
  report): its value goes to each of its articles, its facts shared out between them.

Three measures are taken per article *and side* of the incident (``side`` column), and are
the ground of the side-based measures of the profile:

- ``villain_share`` / ``victim_share``: of the article's mentions the portrayal analysis
  casts as villain (victim), the share naming an actor of the side (Entman 1993's moral
  evaluation; roles from the sentence structure, whoever casts them: the outlet or a
  source it quotes);
- ``voice_share``: of the article's words in sentences whose source resolves to a side
  (blame's voice table: the sentence's primary source), the share whose source is of the
  side (share of voice, after the source counting of Sigal 1973).

:func:`evidence_rows` gives, for each measure, the units it counts (a loaded term, a harm
event, a claim, a fact, a casting, a sourced sentence) with their article, sentence and
character span, so every number of the profile can be shown with its sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from framing.blame.rows import NARRATOR, OTHER_SOURCE, OUTLET_ASSERTS, UNRESOLVED
from framing.core.corpus import Incident
from framing.core.voice import OUTLET
from framing.terms.lexicons import PROJECT_CATEGORIES

MEASURE_COLUMNS = ["incident", "article_id", "outlet", "measure", "side", "value", "weight"]
EVIDENCE_COLUMNS = ["incident", "outlet", "measure", "side", "article_id", "article_outlet",
                    "sent_id", "start", "end", "counted", "detail"]
#: The measures taken per article and side (the ``side`` column names the side).
SIDE_MEASURES = ("villain_share", "victim_share", "voice_share")
#: Claim statuses of :mod:`framing.coverage.facts`: a confident exclusive.
EXCLUSIVE = "exclusive"
#: Fewest outlets for ``omitted_share``: with two, a fact "every other outlet reports" is
#: only the other outlet's exclusive.
MIN_OUTLETS_OMITTED = 3


@dataclass(frozen=True)
class Measure:
    """A measure of the profile: what it counts, over what (``unit``, the ``weight``), and
    whether it is a share (0-1, shown in percentage points) or a rate."""


    name: str
    label: str
    unit: str
    share: bool = True
    #: Fewest units (the weights' sum) for an interval: the report's rule of flagging
    #: figures on fewer than 5 observations, and 100 words where the unit is a word.
    min_units: int = 5
    #: What the outlet's value is, in a sentence (the page's column header on hover).
    definition: str = ""


def _rows(incident: str, articles: pd.DataFrame, measure: str, values: dict[str, float],
          weights: dict[str, float], side: str = "") -> list[tuple]:
    return [(incident, a.article_id, a.outlet, measure, side, float(values[a.article_id]),
             float(weights[a.article_id]))
            for a in articles.itertuples() if weights.get(a.article_id, 0) > 0]


def own_loaded_terms(terms: pd.DataFrame) -> pd.DataFrame:
    """The project-lexicon terms in the outlet's own voice, one row per span and category
    (as the summary's "Loaded terms per 1,000 words (lexicons)" counts them)."""
    if terms.empty:
        return terms
    own = terms[(terms["voice"] == OUTLET) & terms["category"].isin(PROJECT_CATEGORIES)]
    return own.drop_duplicates(["article_id", "start", "end", "category"])


def own_harm_events(events: pd.DataFrame) -> pd.DataFrame:
    """Harm events the outlet states in its own words (not negated), with ``agentless``."""
    if events.empty:
        return events.assign(agentless=pd.Series(dtype=bool))
    own = events[~events["negated"].astype(bool) & (events["asserted_by"] == OUTLET_ASSERTS)]
    return own.assign(agentless=own["agent_text"].isna())


def sourced_voice(voice: pd.DataFrame) -> pd.DataFrame:
    """Sentences whose primary source resolves to a side of the incident."""
    return voice[voice["source_side"].notna()
                 & ~voice["source_side"].isin([NARRATOR, UNRESOLVED])]


def consensus_facts(claims: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """For each outlet, the facts every *other* outlet reports, and whether it omits them
    (``outlet, fact_id, omitted``); empty with fewer than :data:`MIN_OUTLETS_OMITTED`
    outlets."""
    cols = ["outlet", "fact_id", "omitted"]
    if len(outlets) < MIN_OUTLETS_OMITTED or claims.empty:
        return pd.DataFrame(columns=cols)
    present = claims.groupby("fact_id")["outlet"].agg(lambda s: frozenset(s))
    everyone = frozenset(outlets)
    rows = []
    for fact_id, have in present.items():
        missing = everyone - have
        if not missing:
            rows += [(o, fact_id, False) for o in outlets]
        elif len(missing) == 1:
            rows.append((next(iter(missing)), fact_id, True))
    return pd.DataFrame(rows, columns=cols)


def article_measures(slug: str, incident: Incident, articles: pd.DataFrame,
                     tables: dict[str, dict[str, pd.DataFrame]]) -> pd.DataFrame:
    """The measures of each article of one incident, long format.

    Args:
        slug: the incident's slug (the ``incident`` column).
        incident: the incident (its sides and outlets).
        articles: the base ``articles`` table (``article_id``, ``outlet``, ``words``).
        tables: the analyses' tables by analysis name: ``terms``, ``blame``, ``portrayal``
            and ``coverage`` (:func:`framing.analyze.run_all`).

    Returns:
        Columns :data:`MEASURE_COLUMNS`: ``weight`` is the denominator (words, harm events,
        claims, facts, castings, sourced words) and ``side`` is empty but for
        :data:`SIDE_MEASURES`. An article with a zero denominator has no row for that
        measure (no harm event: no ``agentless_harm``).
    """
    rows: list[tuple] = []
    ids = list(articles["article_id"])
    zero = dict.fromkeys(ids, 0.0)
    words = dict(zip(ids, articles["words"].astype(float), strict=True))

    loaded = own_loaded_terms(tables["terms"]["terms"]).groupby("article_id").size()
    rows += _rows(slug, articles, "loaded_per_1000",
                  {a: 1000 * loaded.get(a, 0) / words[a] if words[a] else 0.0 for a in ids},
                  words)

    events = own_harm_events(tables["blame"]["events"])
    n_events = {**zero, **events.groupby("article_id").size().astype(float).to_dict()}
    n_agentless = events[events["agentless"]].groupby("article_id").size()
    rows += _rows(slug, articles, "agentless_harm",
                  {a: n_agentless.get(a, 0) / n_events[a] if n_events[a] else 0.0
                   for a in ids}, n_events)

    voice = tables["blame"]["voice"]
    vw = voice.groupby("article_id")[["words", "quoted_words"]].sum()
    total = {**zero, **vw["words"].astype(float).to_dict()}
    rows += _rows(slug, articles, "quoted_share",
                  {a: vw.at[a, "quoted_words"] / total[a] if total[a] else 0.0 for a in ids},
                  total)

    claims = tables["coverage"]["claims"]
    if len(incident.outlets) >= 2 and not claims.empty:
        n_claims = {**zero, **claims.groupby("article_id").size().astype(float).to_dict()}
        n_excl = claims[claims["status"] == EXCLUSIVE].groupby("article_id").size()
        rows += _rows(slug, articles, "exclusive_share",
                      {a: n_excl.get(a, 0) / n_claims[a] if n_claims[a] else 0.0 for a in ids},
                      n_claims)
    facts = consensus_facts(claims, incident.outlets)
    if not facts.empty:
        per_outlet = facts.groupby("outlet")["omitted"].agg(["mean", "size"])
        k = articles.groupby("outlet").size()
        values, weights = {}, {}
        for a in articles.itertuples():
            if a.outlet in per_outlet.index:
                values[a.article_id] = float(per_outlet.at[a.outlet, "mean"])
                weights[a.article_id] = per_outlet.at[a.outlet, "size"] / k[a.outlet]
        rows += _rows(slug, articles, "omitted_share", values, weights)

    mentions = tables["portrayal"]["mentions"]
    sides = list(dict.fromkeys([*incident.sides, *mentions["side"].dropna()]))
    for role in ("villain", "victim"):
        cast = mentions[mentions["role"] == role]
        rows += _side_rows(slug, articles, f"{role}_share", sides,
                           cast.groupby(["article_id", "side"]).size())
    sourced = sourced_voice(voice)
    rows += _side_rows(slug, articles, "voice_share", sides,
                       sourced.groupby(["article_id", "source_side"])["words"].sum())
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def _side_rows(slug: str, articles: pd.DataFrame, measure: str, sides: list[str],
               counts: pd.Series) -> list[tuple]:
    """One row per article and side: the side's share of the article's count (castings,
    sourced words), weighted by that count; none for an article whose count is zero."""
    counts = counts.astype(float)
    totals = counts.groupby(level=0).sum()
    rows = []
    for a in articles.itertuples():
        total = float(totals.get(a.article_id, 0.0))
        if total <= 0:
            continue
        for side in sides:
            rows.append((slug, a.article_id, a.outlet, measure, side,
                         float(counts.get((a.article_id, side), 0.0)) / total, total))
    return rows


# --- evidence --------------------------------------------------------------------------


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def who_casts(value: object, incident: Incident) -> str:
    """Who casts a role, in words: the outlet itself, an actor or side by name, or a source
    not in ``incident.yml``."""
    if value is None or (isinstance(value, float) and value != value):
        return "unknown"
    if value == OUTLET:
        return "the outlet itself"
    if value == OTHER_SOURCE:
        return "a source not in incident.yml"
    if any(a.id == value for a in incident.actors):
        return incident.actor_name(value)
    return incident.side_name(value)


def _first_sentences(slug: str, articles: pd.DataFrame, sentences: pd.DataFrame,
                     measure: str, skip: set[str], note: str, n: int = 2) -> list[dict]:
    """The first ``n`` sentences of each article not in ``skip``: what was read where
    nothing was counted, so that a zero can be checked too."""
    rows = []
    keep = articles[~articles["article_id"].isin(skip)]
    heads = sentences[sentences["article_id"].isin(keep["article_id"])]
    heads = heads.sort_values(["article_id", "sent_id"]).groupby("article_id").head(n)
    outlet_of = dict(zip(articles["article_id"], articles["outlet"], strict=True))
    for s in heads.itertuples():
        rows.append({"incident": slug, "outlet": outlet_of[s.article_id], "measure": measure,
                     "side": "", "article_id": s.article_id,
                     "article_outlet": outlet_of[s.article_id], "sent_id": int(s.sent_id),
                     "start": None, "end": None, "counted": False, "detail": note})
    return rows


def evidence_rows(slug: str, incident: Incident, articles: pd.DataFrame,
                  sentences: pd.DataFrame, tables: dict[str, dict[str, pd.DataFrame]]
                  ) -> pd.DataFrame:
    """The units behind each measure of one incident, one row each (:data:`EVIDENCE_COLUMNS`):
    the article and sentence they are in, their character span in ``article.document``
    (``start``/``end``; empty when the unit is the whole sentence), whether the measure's
    numerator counts them (``counted``: a loaded term, an agentless event, an exclusive
    claim, an omitted fact; castings and sourced sentences are counted for their ``side``)
    and a ``detail`` in words. ``outlet`` is the outlet whose measure the row explains;
    ``article_outlet`` the outlet whose sentence it is (another outlet's for an omitted
    fact). Articles where a rate counted nothing give their first sentences, uncounted."""
    rows: list[dict] = []

    def add(frame: pd.DataFrame, measure: str, counted, detail, start="start", end="end",
            side=None, outlet=None) -> None:
        for r in frame.to_dict("records"):
            rows.append({"incident": slug, "outlet": outlet(r) if outlet else r["outlet"],
                         "measure": measure, "side": side(r) if side else "",
                         "article_id": r["article_id"], "article_outlet": r["outlet"],
                         "sent_id": int(r["sent_id"]),
                         "start": r[start] if start else None,
                         "end": r[end] if end else None,
                         "counted": counted(r) if callable(counted) else counted,
                         "detail": detail(r)})

    loaded = own_loaded_terms(tables["terms"]["terms"])
    add(loaded, "loaded_per_1000", True, lambda r: f"{r['text']} ({r['category']})")
    words = dict(zip(articles["article_id"], articles["words"], strict=True))
    rows += [dict(r, detail=f"{r['detail']} ({words[r['article_id']]} words)")
             for r in _first_sentences(slug, articles, sentences, "loaded_per_1000",
                                       set(loaded["article_id"]),
                                       "no loaded term in the outlet's own voice in this "
                                       "article")]

    events = own_harm_events(tables["blame"]["events"])
    add(events, "agentless_harm", lambda r: bool(r["agentless"]),
        lambda r: (f"“{r['trigger']}”: no agent ({str(r['voice']).replace('_', ' ')})"
                   if r["agentless"] else
                   f"“{r['trigger']}”: agent named: {r['agent_text']}"),
        start="trigger_start", end="trigger_end")

    voice = tables["blame"]["voice"]
    quoted = voice[voice["quoted_words"].fillna(0) > 0]
    add(quoted, "quoted_share", True,
        lambda r: f"{r['quoted_words']} of its {r['words']} words quoted", start=None,
        end=None)
    rows += _first_sentences(slug, articles, sentences, "quoted_share",
                             set(quoted["article_id"]), "no quoted words in this article")

    cov = tables["coverage"]
    claims = cov["claims"]
    if len(incident.outlets) >= 2 and not claims.empty:
        nearest = cov["exclusive"].set_index("claim_id") if len(cov["exclusive"]) else None

        def claim_detail(r: dict) -> str:
            if r["status"] != EXCLUSIVE:
                return {"several": f"also reported elsewhere ({r['n_outlets']} outlets)",
                        "all": "reported by every outlet",
                        "unconfirmed": "no other outlet matched, but a similar claim "
                                       "exists elsewhere (not counted)",
                        "conflicting": "contradicted by another outlet's claim (not "
                                       "counted)"}.get(r["status"], str(r["status"]))
            text = "no other outlet reports it"
            if nearest is not None and r["claim_id"] in nearest.index:
                near = nearest.loc[r["claim_id"]]
                if isinstance(near.get("nearest_text"), str):
                    text += (f"; closest elsewhere ({near['nearest_outlet']}, similarity "
                             f"{near['nearest_score']:.2f}): “{near['nearest_text']}”")
            return text

        add(claims, "exclusive_share", lambda r: r["status"] == EXCLUSIVE, claim_detail)
    facts = consensus_facts(claims, incident.outlets)
    if not facts.empty:
        first = claims.sort_values(["fact_id", "position"]).drop_duplicates("fact_id")
        for omitted in (True, False):
            part = facts[facts["omitted"] == omitted]
            if omitted:  # another outlet's version of the fact the outlet leaves out
                versions = part.merge(first.drop(columns="outlet").assign(
                    article_outlet=first["outlet"]), on="fact_id")
            else:  # its own first version of the fact everyone reports
                own = claims.sort_values("position").drop_duplicates(["fact_id", "outlet"])
                versions = part.merge(own, on=["fact_id", "outlet"])
                versions["article_outlet"] = versions["outlet"]
            for r in versions.to_dict("records"):
                rows.append({"incident": slug, "outlet": r["outlet"],
                             "measure": "omitted_share", "side": "",
                             "article_id": r["article_id"],
                             "article_outlet": r["article_outlet"],
                             "sent_id": int(r["sent_id"]), "start": r["start"],
                             "end": r["end"], "counted": omitted,
                             "detail": (f"left out: every other outlet reports it (this "
                                        f"version: {r['article_outlet']})" if omitted else
                                        "reported, as by every other outlet")})

    mentions = tables["portrayal"]["mentions"]
    for role in ("villain", "victim"):
        cast = mentions[mentions["role"] == role]
        add(cast, f"{role}_share", True,
            lambda r, role=role: (f"{incident.actor_name(r['actor_id'])} as {role} (cue: "
                                  f"{r['role_cue']}; cast by "
                                  f"{who_casts(r['role_asserted_by'], incident)})"),
            side=lambda r: r["side"])
    sourced = sourced_voice(voice)
    at = [str(sent).find(_text(src)) if _text(src) else -1
          for sent, src in zip(sourced["sentence"], sourced["source_text"], strict=True)]
    sourced = sourced.assign(
        src_start=[s + a if a >= 0 else None for s, a in zip(sourced["start"], at, strict=True)],
        src_end=[s + a + len(_text(t)) if a >= 0 else None
                 for s, a, t in zip(sourced["start"], at, sourced["source_text"], strict=True)])
    add(sourced, "voice_share", True,
        lambda r: (f"source: {_text(r['source_text']) or incident.side_name(r['source_side'])} "
                   f"({incident.side_name(r['source_side'])}), {r['words']} words"),
        start="src_start", end="src_end", side=lambda r: r["source_side"])
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    for col in ("start", "end"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    return frame
