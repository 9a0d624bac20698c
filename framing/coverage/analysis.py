"""Coverage tables: which facts each outlet reports, leaves out, or buries.

Selection is a bias no single article shows: it appears only when the outlets' articles are
put side by side. Fan et al. (2019, BASIL) found such *informational* bias (content chosen
to frame a target) more common than lexical bias. :func:`tables` lines an incident's
articles up claim by claim (claims → candidates → alignment → facts → attribution) and
reads the facts off as tables:

- the facts × outlets **coverage matrix** (long form), with the position of each outlet's
  earliest version (headline, lead, body, end = last third) and its attribution;
- **omission**: facts only one outlet reports (exclusive, each beside its nearest claim
  elsewhere), facts every outlet but one reports (omitted), and each outlet's share of
  exclusive claims;
- **emphasis**: facts one outlet puts in its headline or lead that another places lower
  (buried when in its last third);
- the accepted claim links, for inspection.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from framing.core.pipeline import KEY_COLUMNS, Parsed
from framing.coverage.alignment import AlignerParams, default_params, scored_pairs
from framing.coverage.attribution import attribution
from framing.coverage.candidates import ClaimSpace, block_scores, claim_space
from framing.coverage.claims import in_stable_order
from framing.coverage.conflicts import CONFLICT_COLUMNS, conflicting_pairs, without_conflicts
from framing.coverage.facts import facts_from

SECTION_ORDER = {"headline": 0, "lead": 1, "body": 2, "end": 3}
PROMINENT = ("headline", "lead")


def coverage_table(claims: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """The coverage matrix in long form: one row per (fact, outlet), present or absent.

    Present cells carry the outlet's earliest version of the fact (its key columns, text,
    section, position, attribution) and how many versions it has; absent cells have
    ``present = False`` and empty keys. Built with group operations (no loop over facts), so
    it stays fast for thousands of facts and dozens of outlets.
    """
    cols = [*KEY_COLUMNS, "fact_id", "present", "n_outlets", "status", "n_versions",
            "section", "position", "text", "attribution", "fact"]
    if claims.empty or not outlets:
        return pd.DataFrame(columns=cols)
    c = claims.assign(_order=claims["section"].map(SECTION_ORDER).fillna(2))
    if "attribution" not in c:
        c["attribution"] = "unattributed"
    label = c.sort_values(["fact_id", "_order", "position"]).groupby("fact_id")["text"].first()
    per_fact = c.groupby("fact_id").agg(
        n_outlets=("outlet", "nunique"),
        status=("status", "first") if "status" in c else ("outlet", lambda _: ""))
    mine = c[c["outlet"].isin(outlets)].sort_values(["fact_id", "outlet", "position", "piece"])
    cell = mine.groupby(["fact_id", "outlet"], sort=False)
    first = mine.drop_duplicates(["fact_id", "outlet"]).set_index(["fact_id", "outlet"])
    first = first.assign(n_versions=cell.size(),
                         section=cell["_order"].min().map({v: k for k, v in
                                                           SECTION_ORDER.items()}))
    grid = pd.MultiIndex.from_product([per_fact.index, outlets], names=["fact_id", "outlet"])
    out = first.reindex(grid)
    present = out["article_id"].notna().to_numpy()
    out = out.reset_index()
    out["present"] = present
    out["n_versions"] = np.where(present, out["n_versions"].fillna(0), 0).astype(int)
    out["n_outlets"] = per_fact["n_outlets"].reindex(out["fact_id"]).to_numpy().astype(int)
    out["status"] = per_fact["status"].reindex(out["fact_id"]).to_numpy()
    out["fact"] = label.reindex(out["fact_id"]).to_numpy()
    out["fact_id"] = out["fact_id"].astype(int)
    for col in ("article_id", "sent_id", "start", "end", "section", "position", "text",
                "attribution"):
        values = out[col].astype(object)
        out[col] = values.where(present, None)
    for col in ("sent_id", "start", "end"):
        out[col] = [int(v) if v is not None else None for v in out[col]]
    return out[cols]


def coverage_matrix(coverage: pd.DataFrame) -> pd.DataFrame:
    """Facts × outlets: the section of each outlet's earliest version, or "" when absent."""
    cells = coverage.assign(cell=coverage["section"].fillna(""))
    return cells.pivot(index="fact_id", columns="outlet", values="cell").fillna("")


#: Up to this many outlets, shared facts are shown side by side (one column per outlet).
SIDE_BY_SIDE_MAX = 4


def side_by_side(shared: pd.DataFrame, outlets: list[str],
                 max_columns: int = SIDE_BY_SIDE_MAX) -> pd.DataFrame:
    """Each shared fact with each outlet's earliest version: one column per outlet for up
    to ``max_columns`` outlets; past that, one row per fact and outlet (fact, outlet,
    section, attribution, version), since twenty columns of sentences cannot be read."""
    if len(outlets) <= max_columns:
        return (shared.assign(version=shared.text + "  [" + shared.section + "; "
                              + shared.attribution.fillna("") + "]")
                .pivot(index="fact_id", columns="outlet", values="version")
                .reindex(columns=outlets).fillna("—").rename_axis(columns=None).reset_index())
    order = {o: k for k, o in enumerate(outlets)}
    rows = shared.assign(rank=shared.outlet.map(order)).sort_values(["fact_id", "rank"])
    return rows[["fact_id", "outlet", "section", "attribution", "text"]].rename(
        columns={"fact_id": "fact", "text": "version"}).reset_index(drop=True)


VERSION_COLUMNS = [*KEY_COLUMNS, "claim_id", "fact_id", "n_outlets", "status", "section",
                   "position", "text", "sentence", "attribution"]


def _versions(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    sent_text = sentences.set_index(["article_id", "sent_id"])["text"]
    out = claims.copy()
    out["sentence"] = [sent_text.get((a, int(s)), "") for a, s in
                       zip(out["article_id"], out["sent_id"], strict=True)]
    if "attribution" not in out:
        out["attribution"] = "unattributed"
    return out


def exclusive_facts(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Versions of the facts only one outlet reports (one row per claim), each with its
    nearest claim in another outlet (``nearest_*``) for a side-by-side check.

    ``status`` is ``exclusive`` when that nearest claim scores below the exclusive
    threshold (a confident exclusive: the figure evaluated for precision), ``unconfirmed``
    otherwise (the aligner did not match it, but a similar claim exists elsewhere).
    """
    versions = _versions(claims, sentences)
    ex = versions[versions["n_outlets"] == 1].copy()
    near = claims.set_index("claim_id")
    idx = claims["nearest_claim"].reindex(ex.index).to_numpy() if len(ex) else []
    for col in ("outlet", "article_id", "sent_id", "text"):
        ex[f"nearest_{col}"] = [near[col].get(int(j)) if j >= 0 else None for j in idx]
    ex["nearest_score"] = ex["best_other"].round(3)
    cols = [*VERSION_COLUMNS, "nearest_outlet", "nearest_article_id", "nearest_sent_id",
            "nearest_text", "nearest_score"]
    return ex[cols].reset_index(drop=True)


def omitted_facts(claims: pd.DataFrame, sentences: pd.DataFrame, outlets: list[str],
                  space: ClaimSpace | None = None, params: AlignerParams | None = None,
                  pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Facts every outlet but one reports: the reporting outlets' versions, with
    ``omitted_by`` naming the outlet that leaves the fact out and ``confident`` when none of
    that outlet's claims scores at least ``exclusive_threshold`` against the fact's claims
    (computed only for these facts, from ``space``; with the learned scorer, from the
    probabilities of the scored candidate ``pairs``)."""
    versions = _versions(claims, sentences)
    cols = [*VERSION_COLUMNS, "omitted_by", "confident"]
    n = len(outlets)
    rows = []
    outlet_of = claims["outlet"].to_numpy()
    for _, group in versions.groupby("fact_id"):
        present = set(group["outlet"])
        if n < 2 or len(present) != n - 1:
            continue
        (missing,) = set(outlets) - present
        confident = None
        members = group["claim_id"].to_numpy(dtype=int)
        others = np.flatnonzero(outlet_of == missing)
        if params is not None and params.learned and pairs is not None:
            touch = (pairs["i"].isin(members) & pairs["j"].isin(others)) | (
                pairs["j"].isin(members) & pairs["i"].isin(others))
            near = pairs.loc[touch, "probability"].max() if touch.any() else 0.0
            confident = bool(near < params.exclusive_threshold)
        elif space is not None and params is not None:
            near = block_scores(space, members, others, params.lexical_weight).max(
                initial=-1.0)
            confident = bool(near < params.exclusive_threshold)
        rows.append(group.assign(omitted_by=missing, confident=confident))
    if not rows:
        return pd.DataFrame(columns=cols)
    return pd.concat(rows)[cols].reset_index(drop=True)


def emphasis(coverage: pd.DataFrame) -> pd.DataFrame:
    """Facts one outlet puts in its headline or lead while another places them lower.

    One row per (fact, prominent outlet, other outlet); ``buried`` when the other outlet's
    earliest version is in its last third (section ``end``). Key columns are the prominent
    outlet's version; ``other_*`` columns the other outlet's.
    """
    present = coverage[coverage["present"]]
    rows = []
    for fact_id, group in present.groupby("fact_id"):
        if len(group) < 2:
            continue
        top = group[group["section"].isin(PROMINENT)]
        low = group[~group["section"].isin(PROMINENT)]
        for a in top.itertuples(index=False):
            for b in low.itertuples(index=False):
                rows.append({"article_id": a.article_id, "outlet": a.outlet,
                             "sent_id": a.sent_id, "start": a.start, "end": a.end,
                             "fact_id": int(fact_id), "section": a.section, "text": a.text,
                             "other_outlet": b.outlet, "other_article_id": b.article_id,
                             "other_sent_id": b.sent_id, "other_section": b.section,
                             "other_position": b.position, "other_text": b.text,
                             "buried": b.section == "end"})
    cols = [*KEY_COLUMNS, "fact_id", "section", "text", "other_outlet", "other_article_id",
            "other_sent_id", "other_section", "other_position", "other_text", "buried"]
    return pd.DataFrame(rows, columns=cols)


def exclusive_share(claims: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Per outlet: facts reported, exclusive facts, and the share of its claims that are
    exclusive ("exclusive content")."""
    rows = []
    for outlet in outlets:
        mine = claims[claims["outlet"] == outlet]
        facts = mine["fact_id"].nunique()
        ex = mine[mine["status"] == "exclusive"]
        rows.append({"outlet": outlet, "claims": len(mine), "facts": int(facts),
                     "exclusive_facts": int(ex["fact_id"].nunique()),
                     "exclusive_claims": len(ex),
                     "exclusive_share": len(ex) / len(mine) if len(mine) else 0.0})
    return pd.DataFrame(rows)


def links_table(claims: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Accepted claim links with both sides' key columns (``other_*`` for the second)."""
    a = claims.iloc[links["i"].to_numpy()].reset_index(drop=True)
    b = claims.iloc[links["j"].to_numpy()].reset_index(drop=True)
    out = a[[*KEY_COLUMNS, "claim_id", "fact_id", "text"]].copy()
    for col in ("article_id", "outlet", "sent_id", "start", "end", "claim_id", "text"):
        out[f"other_{col}"] = b[col].to_numpy()
    for col in ("cosine", "lexical", "score", "rank"):
        out[col] = links[col].to_numpy()
    return out


def independent_sources(claims: pd.DataFrame, wire: pd.DataFrame | None) -> np.ndarray:
    """Per claim, how many independent sources report its fact: its outlets, with the copies
    of one wire story (:func:`framing.core.syndication.wire_groups`) counted once."""
    group = dict(zip(wire.article_id, wire.group, strict=True)) if wire is not None and len(
        wire) else {}
    source = [group.get(a, o) for a, o in zip(claims.article_id, claims.outlet, strict=True)]
    return claims.assign(_source=source).groupby("fact_id")["_source"].transform(
        "nunique").to_numpy()


def analyze(sentences: pd.DataFrame, docs: dict[str, Doc], outlets: list[str],
            voice: pd.DataFrame, params: AlignerParams | None = None,
            encoder=None, events: pd.DataFrame | None = None,
            villains: pd.DataFrame | None = None,
            wire: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """All coverage tables for one incident's sentences (see :func:`tables`); ``voice`` is
    blame's per-sentence sources table; ``wire`` the incident's wire copies, so that each
    claim's ``n_sources`` counts a wire story's copies once. With blame's ``events`` and the
    mentions cast as
    ``villains``, conflicting claim pairs (:mod:`framing.coverage.conflicts`) are found among
    the candidates, never linked into one fact, and their claims are ``conflicting``, not
    exclusive. Claims are numbered, and facts by their first claim, in the order of stable
    keys (:func:`~framing.coverage.claims.in_stable_order`: article id, then character
    span), so the same articles in any row order give the same ids and tables."""
    params = params or default_params()
    sentences = in_stable_order(sentences)  # claim and fact ids from stable keys, not row order
    space = claim_space(sentences, docs, split=params.split_clauses, encoder=encoder)
    pairs = scored_pairs(space, params) if params.learned else None
    conflicts = (conflicting_pairs(space.claims, pairs, events, villains, params.threshold)
                 if events is not None and villains is not None
                 else pd.DataFrame(columns=CONFLICT_COLUMNS))
    claims, links = facts_from(space, params, pairs=without_conflicts(pairs, conflicts),
                               cannot_link=zip(conflicts.claim_a, conflicts.claim_b,
                                               strict=True))
    in_conflict = set(conflicts.claim_a) | set(conflicts.claim_b)
    lone = claims.status.isin(["exclusive", "unconfirmed"]).to_numpy() & np.isin(
        np.arange(len(claims)), list(in_conflict))
    claims.loc[lone, "status"] = "conflicting"
    claims = attribution(claims, voice)
    claims["n_sources"] = independent_sources(claims, wire)
    coverage = coverage_table(claims, outlets)
    return {
        "claims": claims.drop(columns=["embed_text"]),
        "links": links_table(claims, links),
        "coverage": coverage,
        "exclusive": exclusive_facts(claims, sentences),
        "omitted": omitted_facts(claims, sentences, outlets, space, params, pairs),
        "emphasis": emphasis(coverage),
        "conflicts": _copy_columns(_conflict_keys(conflicts, claims), wire),
    }


def _copy_columns(conflicts: pd.DataFrame, wire: pd.DataFrame | None) -> pd.DataFrame:
    """``copy_a`` / ``copy_b``: the wire story each side's article is a copy of (its group,
    the reference article's id) and ``wire_a`` / ``wire_b`` the agency credited (None when
    none is), from :func:`framing.core.syndication.wire_groups`; None for an article nobody
    else carries, so a finding can say that two outlets are one source."""
    rows = {} if wire is None or wire.empty else {
        a: (g, w if isinstance(w, str) else None)
        for a, g, w in zip(wire.article_id, wire.group, wire.wire, strict=True)}
    none = (None, None)
    a = [rows.get(x, none) for x in conflicts.article_id]
    b = [rows.get(x, none) for x in conflicts.article_id_b]
    return conflicts.assign(copy_a=[g for g, _ in a], wire_a=[w for _, w in a],
                            copy_b=[g for g, _ in b], wire_b=[w for _, w in b])


def _conflict_keys(conflicts: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The conflicts keyed like every table (the first claim's article, sentence and span),
    with both claims' ids, fact ids and attributions (whose account each side is: the
    source's words and the actor they resolve to)."""
    out = conflicts.copy()
    a = claims.iloc[out.claim_a.astype(int).to_numpy()] if len(out) else claims.iloc[:0]
    b = claims.iloc[out.claim_b.astype(int).to_numpy()] if len(out) else claims.iloc[:0]
    out.insert(0, "article_id", a.article_id.to_numpy())
    out.insert(1, "outlet", a.outlet.to_numpy())
    out.insert(2, "sent_id", a.sent_id.to_numpy())
    out.insert(3, "start", a.start.to_numpy())
    out.insert(4, "end", a.end.to_numpy())
    out["fact_a"] = a.fact_id.to_numpy()
    out["fact_b"] = b.fact_id.to_numpy()
    out["attribution_a"] = a.attribution.to_numpy()
    out["attribution_b"] = b.attribution.to_numpy()
    out["speaker_actor_a"] = a.speaker_actor.to_numpy()
    out["speaker_actor_b"] = b.speaker_actor.to_numpy()
    return out.drop(columns=["article_id_a", "outlet_a", "sent_id_a"])


def tables(parsed: Parsed, blame: dict[str, pd.DataFrame], coverage_model: str | None = None
           ) -> dict[str, pd.DataFrame]:
    """Coverage tables of an incident: claims (with fact ids), alignment links, the coverage
    matrix (long form), exclusive facts, omitted facts, lead-vs-buried emphasis and
    conflicting claims (figures, agents, occurrence: :mod:`framing.coverage.conflicts`).

    ``coverage_model``: a Hugging Face cross-encoder to score claim pairs instead of the
    fitted scorer (see :class:`~framing.coverage.pairs.CrossEncoderScorer`). ``blame``: the
    blame analysis' tables, whose ``voice`` table gives each sentence's source."""
    from framing.core.syndication import wire_groups
    from framing.coverage.conflicts import blamed_villains
    from framing.portrayal.mentions import phrase_mentions
    from framing.portrayal.roles import structural_roles

    roles = structural_roles(phrase_mentions(parsed), blame, parsed.analysis_docs)
    return analyze(parsed.sentences, parsed.docs, parsed.incident.outlets, blame["voice"],
                   params=default_params().with_cross_encoder(coverage_model),
                   events=blame["events"], villains=blamed_villains(roles),
                   wire=wire_groups(parsed.incident.articles))
