"""Conflicting claims: two outlets' claims about one happening that disagree.

"500 killed" and "at least 300 killed" are not one fact reported twice, and neither outlet
leaves the other's fact out: they disagree, and a reader needs both sides' sentences. A
pair of claims from two outlets is *conflicting* when both report a harm event of the same
class against the same side (the same happening, as far as the sentences show) and they
differ on

- **figure**: the number of people harmed (blame's ``target_count``: 20 against 3 dead;
  counts of ships or buildings are not compared: "two vessels and a tugboat" against "three
  vessels" is one count split, not a rival figure). Each outlet's toll is its own largest
  for that harm and side, as it writes it: a figure it marks as early ("the army initially
  said three"), an increment ("17 additional soldiers") or a smaller one it gives beside a
  larger one is no rival figure;
- **agent**: who did it (both name an agent, of different sides), or rival accounts of the
  violence: each names the other side as agent ("PLA troops attacked the Indian soldiers"
  against "Indian troops launched provocative attacks"), across attack, kill and wound;
- **occurrence**: whether it happened (one negates or denies it, the other asserts it).

Beyond harm events, two claims that each cast a villain by blame (the portrayal roles:
accused, subject of a transgression, named as the cause; :func:`blamed_villains`) with no
side a villain in both disagree on **agent**: who is to blame ("China has once again blamed
Indian Army for the violent face-off" against "India's External Affairs Ministry accused
China of breaking an agreement"). Only claim pairs the aligner considered are compared (its
candidates: a claim's nearest claims in each other outlet), so that two harm events of the
same class on different days are not compared unless their sentences are alike. Conflicting
pairs are never linked into one fact (:func:`without_conflicts`; nor through third claims,
:func:`framing.coverage.facts.facts_from`), so neither side is counted as an omission. The
comparison of quantities and agents of coreferent events follows the contradiction types of
de Marneffe, Rafferty & Manning (2008): numeric mismatch, antonymy of the event's
occurrence, and structural (argument) mismatch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from framing.blame.figures import figure_count
from framing.core.speakers import FIRST_PERSON, GROUP_PRONOUNS, PERSON_PRONOUNS
from framing.portrayal.roles import AGENT_CUE

#: Harm kinds compared as one class: a death toll is a death toll whether "killed" or "died".
HARM_CLASS = {"kill": "dead", "die": "dead", "injure": "wounded", "seize": "captured",
              "kidnap": "captured", "attack": "attacked", "destroy": "destroyed",
              "explode": "attacked", "violate": "violated", "threaten": "threatened"}
#: Classes whose figure is a count of people (compared as figures).
COUNTED = frozenset({"dead", "wounded", "captured"})
CONFLICT_COLUMNS = ["claim_a", "claim_b", "on", "harm", "target_side", "value_a", "value_b",
                    "article_id_a", "outlet_a", "sent_id_a", "text_a",
                    "article_id_b", "outlet_b", "sent_id_b", "text_b"]


#: Hedges that exclude the figure itself: "more than 20" disagrees with "20".
STRICT = {"more than": ">", "over": ">", "fewer than": "<", "less than": "<"}


def _bound(figure: object) -> str:
    """'>' / '<' for a strict bound ("more than 20"), else '' (exact, "at least", "about")."""
    text = str(figure).lower()
    return next((sign for hedge, sign in STRICT.items() if text.startswith(hedge)), "")


def _coordinated(event: Any) -> bool:
    """ "two vessels and a tug boat": the figure counts one part of a coordinated victim
    (unless it already adds up the parts: "3 (one and two)")."""
    if pd.isna(event.target_end) or pd.isna(event.start) or "(" in str(event.target_figure):
        return False
    after = str(event.sentence)[int(event.target_end) - int(event.start):][:12].lower()
    return bool(re.match(r"\s*(,\s*)?(and|as well as|plus)\s", after))


def _partitive(text: object) -> bool:
    """ "16 of the soldiers": a part of a figure given elsewhere, not a rival figure."""
    return bool(re.match(r"^\S+ of (the|these|those)\b", str(text).lower()))


def _increment(text: object) -> bool:
    """ "17 additional soldiers", "another 17", "17 more": a figure added to another one,
    not a rival toll ("more than 20" is a bound, :data:`STRICT`, not an increment)."""
    return bool(re.search(r"\b(additional|another|more(?! than)|further)\b",
                          str(text).lower()))


def _superseded(event: Any) -> bool:
    """A figure the outlet itself marks as an early one ("the army initially said three",
    "originally reported three"): not what it reports now."""
    if pd.isna(event.target_start) or pd.isna(event.start):
        return False
    before = str(event.sentence)[:int(event.target_start) - int(event.start)][-80:].lower()
    return bool(re.search(r"\b(initially|originally|earlier|at first|first reported)\b",
                          before))


def _self_harm(event: Any) -> bool:
    """An event whose agent is on its victim's side: a misread role far more often than a
    self-inflicted harm, so never a rival account of who did it."""
    return isinstance(event.agent_side, str) and event.agent_side == event.target_side


def _disagreement(a: Any, b: Any) -> tuple[str, str, str] | None:
    """(on, value_a, value_b) when two events of one class against one side disagree."""
    if bool(a.negated) != bool(b.negated):
        return "occurrence", "denied" if a.negated else "stated", \
            "denied" if b.negated else "stated"
    if a.harm in COUNTED and not pd.isna(a.target_count) and not pd.isna(b.target_count) \
            and victim_kind(a.target_text) == victim_kind(b.target_text) == "people" \
            and not (_partitive(a.target_text) or _partitive(b.target_text)) \
            and not (_increment(a.target_text) or _increment(b.target_text)) \
            and not (_superseded(a) or _superseded(b)) \
            and not (_coordinated(a) or _coordinated(b)) and (
            int(a.target_count) != int(b.target_count)
            or _bound(a.target_figure) != _bound(b.target_figure)):
        return "figure", str(a.target_figure), str(b.target_figure)
    if isinstance(a.agent_side, str) and isinstance(b.agent_side, str) and \
            a.agent_side != b.agent_side and not (_self_harm(a) or _self_harm(b)):
        return "agent", a.agent_side, b.agent_side
    return None


#: Victim nouns counted as people (a toll of "soldiers" and one of "servicemen" compare).
PEOPLE = frozenset({"soldier", "troop", "serviceman", "servicemen", "sailor", "crew", "people",
                    "person", "civilian", "officer", "man", "men", "woman", "women", "child",
                    "children", "personnel", "member", "fighter", "resident", "villager",
                    "protester", "indian", "indians", "chinese", "seaman", "seamen"})


def victim_kind(text: object) -> str:
    """What a victim phrase counts: ``people`` for person nouns, else its last word
    ("three Ukrainian ships" -> "ship"): a toll of sailors is not a count of ships. A name
    alone ("China had suffered 43 casualties": the toll's figure is on the harm noun, the
    victim is the side) counts people: a side's dead or wounded are its people."""
    names = re.findall(r"[^\W\d_][\w'’-]*", str(text))
    if names and all(w[0].isupper() for w in names):
        return "people"
    words = re.findall(r"[a-z]+", str(text).lower())
    if not words:
        return ""
    head = words[-1]
    head = head[:-1] if head.endswith("s") and len(head) > 3 else head
    return "people" if head in PEOPLE or words[-1] in PEOPLE else head


def _targeted(events: pd.DataFrame) -> list:
    """The events with a target or an agent side, as records (attribute access, no pandas
    per row)."""
    return list(events[events.target_side.notna() | events.agent_side.notna()]
                .itertuples(index=False))


#: Harm classes of violence between the sides: rival accounts may use any two of them
#: ("China kills 20 Indian soldiers" against "Indian troops carried out attacks on Chinese").
VIOLENCE = frozenset({"attacked", "dead", "wounded"})


#: The victim side of an event whose victim is on no side (:func:`_victim_side`).
OTHER_VICTIM = "(other)"


#: Pronouns that leave a victim phrase unresolved, not on no side ("attacks on its troops").
VICTIM_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON


def _victim_side(event: Any) -> str | None:
    """The side an event's victim is on; None when it names no victim or one only through
    a pronoun the actors do not resolve ("provocative attacks on its troops");
    ``OTHER_VICTIM`` when it names one who is on no side ("assaulting innocent shop
    owners")."""
    if isinstance(event.target_side, str):
        return event.target_side
    text = "" if pd.isna(event.target_text) else str(event.target_text)
    words = set(re.findall(r"[a-z]+", text.lower()))
    return None if not words or words & VICTIM_PRONOUNS else OTHER_VICTIM


def _claimed_by(event: Any) -> str | None:
    """The side of the source whose claim the event is, if any."""
    side = getattr(event, "source_side", None)
    return side if isinstance(side, str) else None


def _reversed(x: Any, y: Any, same_happening: bool = True) -> bool:
    """Rival accounts of the violence: each names the other side as its agent, and neither
    makes that agent its own victim ("PLA troops attacked the Indian soldiers" against
    "Indian troops attacked the Chinese officers", or against "Indian troops launched
    provocative attacks"): who attacked whom. A victim on no side makes it another act
    ("police fired tear gas at demonstrators" against "activists assaulting innocent shop
    owners"). Where one names no victim, it must be the other agent's side that claims it
    (an accusation's implied victim is the accuser's side: "Indian troops launched
    provocative attacks, says the Chinese foreign ministry"; the implicit arguments of
    Gerber & Chai 2010), or the aligner must take the two for the same happening
    (``same_happening``): in days of unrest "police used tear gas to disperse protesters"
    and "rioters threw projectiles, a reporter tweeted" are two acts, not two accounts of
    one."""
    if bool(x.negated) or bool(y.negated) or not (
            x.harm == y.harm or {x.harm, y.harm} <= VIOLENCE):
        return False
    if not (isinstance(x.agent_side, str) and isinstance(y.agent_side, str)) or \
            x.agent_side == y.agent_side:
        return False
    tx, ty = _victim_side(x), _victim_side(y)
    if tx is None and ty is None:
        return False
    if not same_happening and ((tx is None and _claimed_by(x) != y.agent_side)
                               or (ty is None and _claimed_by(y) != x.agent_side)):
        return False
    # the agents differ, so neither is its own victim
    return tx in (None, y.agent_side) and ty in (None, x.agent_side)


def records_conflict(a: list, b: list, villains_a: set[str], villains_b: set[str],
                     same_happening: bool = True) -> tuple[str, str, str, str, str] | None:
    """(on, value_a, value_b, harm, side) when two spans of two outlets disagree, given their
    event records (rows of :func:`_targeted`): rival accounts of the violence, or harm events
    of one class against one side that differ on the figure, on the agent's side or on
    whether it happened; else, when both cast a villain and no side is a villain in both,
    ("agent", villains of a, villains of b, "", "") — who is to blame for the happening."""
    for x in a:
        for y in b:
            if _reversed(x, y, same_happening):
                return ("agent", x.agent_side, y.agent_side, x.harm, x.target_side)
            if y.harm != x.harm or not isinstance(x.target_side, str) or \
                    y.target_side != x.target_side:
                continue
            found = _disagreement(x, y)
            if found:
                return (*found, x.harm, x.target_side)
    if villains_a and villains_b and not villains_a & villains_b:
        return ("agent", "/".join(sorted(villains_a)), "/".join(sorted(villains_b)), "", "")
    return None


def _within(records: list, start: int, end: int, start_col: str, end_col: str) -> list:
    """The records whose [start_col, end_col) span lies inside [start, end]."""
    return [r for r in records
            if getattr(r, start_col) >= start and getattr(r, end_col) <= end]


def blamed_villains(roles: pd.DataFrame) -> pd.DataFrame:
    """The villain mentions of the portrayal roles (:func:`framing.portrayal.roles.
    structural_roles`) cast by blame, not only by agency: accused, subject of a transgression
    or named as the cause. A villain that is only the agent of a harm is compared through its
    event, where the victim must be the same: "protesters set cars on fire" and "the
    shooting by police of Jacob Blake" blame no one for one happening."""
    villain = roles[roles.role == "villain"]
    if villain.empty:  # (an empty cue column has no string type for .str)
        return villain
    cues = villain.role_cue.fillna("").astype(str).str.split("; ")
    blamed = cues.map(lambda cs: any(not c.startswith(AGENT_CUE) for c in cs if c))
    return villain[blamed.astype(bool)]  # a mask, so no villain at all keeps the columns


def harm_events(events: pd.DataFrame) -> pd.DataFrame:
    """Blame's events with their harm class (:data:`HARM_CLASS`); other kinds left out."""
    return events.assign(harm=events.kind.map(HARM_CLASS)).dropna(subset=["harm"])


def conflicting_pairs(claims: pd.DataFrame, pairs: pd.DataFrame, events: pd.DataFrame,
                      villains: pd.DataFrame, same_fact: float = 0.5) -> pd.DataFrame:
    """Conflicting claim pairs among the candidate ``pairs`` (columns ``i``, ``j``,
    ``probability``: row positions in ``claims``) of two outlets (:func:`records_conflict`).
    ``events``: blame's events; ``villains``: the portrayal roles' mentions cast as villain
    (article_id, start, end, side). Opposite villains count only for a pair the aligner
    takes for the same fact (``probability`` at least ``same_fact``): two sentences that
    blame different sides for different happenings do not disagree. See
    :data:`CONFLICT_COLUMNS`.

    Each claim's events and villains are looked up once, as plain records, not once per
    pair with pandas filters (that cost 23 s of a 40 s analysis on a 19-outlet incident).
    """
    if pairs is None or pairs.empty or claims.empty:
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    ev_of = {k: _targeted(g) for k, g in harm_events(events).groupby("article_id")}
    vil_of = {k: list(g[g.side.notna()].itertuples(index=False))
              for k, g in villains.groupby("article_id")}
    rec = list(claims[["article_id", "outlet", "start", "end", "sent_id", "text"]]
               .itertuples(index=False))
    in_claim: dict[int, tuple[list, set[str]]] = {}

    def inside(i: int) -> tuple[list, set[str]]:
        if i not in in_claim:
            r = rec[i]
            in_claim[i] = (
                _within(ev_of.get(r.article_id, []), r.start, r.end,
                        "trigger_start", "trigger_end"),
                {v.side for v in _within(vil_of.get(r.article_id, []), r.start, r.end,
                                         "start", "end")})
        return in_claim[i]

    counts = _article_counts(ev_of)
    rows: list[dict] = []
    probability = pairs.probability if "probability" in pairs else pd.Series(
        1.0, index=pairs.index)
    linked_to: dict[int, set[int]] = {}  # claims the aligner links (the same happening)

    def compare(i: int, j: int, linked: bool) -> dict | None:
        ra, rb = rec[i], rec[j]
        (ea, va), (eb, vb) = inside(i), inside(j)
        found = records_conflict(ea, eb, va if linked else set(), vb if linked else set(),
                                 linked)
        if found is None:
            return None
        on, value_a, value_b, harm, side = found
        if on == "figure" and _reports_both(counts, ra.article_id, rb.article_id, harm, side,
                                            value_a, value_b):
            return None
        return {"claim_a": i, "claim_b": j, "on": on, "harm": harm, "target_side": side,
                "value_a": value_a, "value_b": value_b,
                "article_id_a": ra.article_id, "outlet_a": ra.outlet,
                "sent_id_a": ra.sent_id, "text_a": ra.text,
                "article_id_b": rb.article_id, "outlet_b": rb.outlet,
                "sent_id_b": rb.sent_id, "text_b": rb.text}

    compared: set[frozenset[int]] = set()
    for i, j, p in zip(pairs.i.astype(int), pairs.j.astype(int), probability, strict=True):
        if rec[i].outlet == rec[j].outlet:
            continue
        compared.add(frozenset((i, j)))
        if p >= same_fact:
            linked_to.setdefault(i, set()).add(j)
            linked_to.setdefault(j, set()).add(i)
        row = compare(i, j, p >= same_fact)
        if row is not None:
            rows.append(row)
    return pd.DataFrame(rows + _spread_figures(rows, linked_to, compared, rec, compare),
                        columns=CONFLICT_COLUMNS)


def _spread_figures(rows: list[dict], linked_to: dict[int, set[int]],
                    compared: set[frozenset[int]], rec: list,
                    compare: Callable[[int, int, bool], dict | None]) -> list[dict]:
    """Figure conflicts carried along the aligner's links: when claim ``a`` gives another
    toll than claim ``b``, a claim the aligner links to ``b`` (the same happening) is
    compared with ``a`` too, and so on from each conflict found ("left one Indian officer
    and two soldiers dead" against every outlet's "20 soldiers were killed", not only the
    one among its nearest candidates). The same rules decide (:func:`records_conflict`);
    only which pairs are compared grows, as a conflict's side is closed under the same-fact
    links, the transitivity of event coreference (Lee et al. 2012)."""
    out: list[dict] = []
    todo = [(r["claim_a"], r["claim_b"]) for r in rows if r["on"] == "figure"]
    todo += [(b, a) for a, b in todo]
    while todo:
        a, b = todo.pop()
        for c in linked_to.get(b, ()):
            key = frozenset((a, c))
            if c == a or key in compared or rec[c].outlet == rec[a].outlet:
                continue
            compared.add(key)
            row = compare(a, c, False)
            if row is not None and row["on"] == "figure":
                out.append(row)
                todo += [(a, c), (c, a)]
    return out


FigureCounts = dict[tuple[str, str, str], set[tuple[int, str]]]


def _article_counts(ev_of: dict[str, list]) -> FigureCounts:
    """Every figure of people each article gives, with its strict bound (:func:`_bound`),
    by (article, harm class, side)."""
    out: FigureCounts = {}
    for article, records in ev_of.items():
        for r in records:
            if not pd.isna(r.target_count) and isinstance(r.target_side, str) and \
                    victim_kind(r.target_text) == "people":
                out.setdefault((article, r.harm, r.target_side), set()).add(
                    (int(r.target_count), _bound(r.target_figure)))
    return out


def _reports_both(counts: FigureCounts, article_a: str, article_b: str, harm: str, side: str,
                  value_a: str, value_b: str) -> bool:
    """Whether the two articles' tolls do not oppose each other: either also gives the other's
    figure somewhere ("more than 20" is not "20"), or a compared figure is not its article's
    largest for this harm and side (the early toll or a part of the later one: "three died
    ... 17 more succumbed", against "20 were killed")."""
    a = counts.get((article_a, harm, side), set())
    b = counts.get((article_b, harm, side), set())
    ca, cb = figure_count(value_a), figure_count(value_b)
    return bool(a & b) or (ca is not None and a and ca < max(c for c, _ in a)) or (
        cb is not None and b and cb < max(c for c, _ in b))


def without_conflicts(pairs: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """Scored candidate ``pairs`` (``i``, ``j``, ``probability``) with the conflicting ones'
    probability set to 0: they are never linked, and average-linkage refinement keeps them
    apart."""
    if conflicts.empty or pairs is None or pairs.empty:
        return pairs
    bad = set(zip(conflicts.claim_a, conflicts.claim_b, strict=True))
    bad |= {(b, a) for a, b in bad}
    hit = [(i, j) in bad for i, j in zip(pairs.i.astype(int), pairs.j.astype(int), strict=True)]
    out = pairs.copy()
    out.loc[hit, "probability"] = 0.0
    return out
