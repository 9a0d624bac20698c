"""Loaded terms, scare quotes, distinctive vocabulary and labeling, per outlet, with evidence.

What each outlet's word choice gives away about its framing of one incident:

- **Lexicon hits** (:func:`lexicon_terms`): the project's categorised lexicons
  (delegitimising labels, conflict intensifiers, doubt and distancing, emotional and moral
  words, hedges) and the valence words of VADER (Hutto & Gilbert 2014) and AFINN (Nielsen
  2011), matched on lemmas and multi-word expressions of the spaCy parse; user lexicons
  (e.g. Recasens et al. 2013's bias lexicon) by path.
- **Scare quotes** (:func:`scare_quotes`): short quoted spans that are not reported
  speech — the writer keeps a word at arm's length (Predelli 2003; "so-called" by other
  means).
- **Learned detector** (:mod:`framing.terms.model`): words and sentences a BABE-trained
  head (Spinde et al. 2021) on frozen MiniLM features scores as loaded.
- **Distinctive terms** (:func:`distinctive_terms`): weighted log-odds ratios with an
  informative Dirichlet prior, z-scored (Monroe, Colaresi & Quinn 2008, "Fightin' Words").
- **Labeling** (:func:`actor_labels`, :func:`place_names`): the expressions each outlet uses
  for each actor and the name it chooses for each contested place (Hamborg, Zhukova & Gipp
  2019, word choice and labeling).

Every frame carries ``article_id, outlet, sent_id, start, end`` (offsets into
``article.document``), so any count can be traced to its sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Span

from framing.core.findings import Finding, heading_anchor
from framing.core.nlp import doc_sentences
from framing.core.pipeline import KEY_COLUMNS, Parsed, empty_frame
from framing.core.pipeline import with_sentences as _with_sentences
from framing.terms.lexicons import (
    PROJECT_CATEGORIES,
    VALENCE_CATEGORY,
    load_lexicons,
)
from framing.terms.lexicons.matcher import TermMatcher
from framing.terms.model import WORD_RE

TERM_COLUMNS = [*KEY_COLUMNS, "text", "lemma", "category", "lexicon", "score", "note"]
SCARE_QUOTE = "scare quote"
LEARNED = "learned (BABE)"
LEARNED_LEXICON = "babe-model"
#: Order of categories in charts and profiles.
CATEGORIES = (*PROJECT_CATEGORIES, VALENCE_CATEGORY, SCARE_QUOTE, LEARNED)

PAGE = "02_loaded_terms.html"
HEADINGS = {
    "rates": "Loaded terms by outlet and category",
    "distinctive": "Distinctive terms per outlet",
    "labels": "How each outlet names the actors",
    "places": "Contested place names",
    "articles": "Articles with loaded terms highlighted",
    "sentences": "Loaded sentences",
}

# Scare quotes --------------------------------------------------------------------------------
QUOTE_MARKS = "\"“”„«»"
SCARE_MAX_WORDS = 4
REPORTING_LEMMAS = frozenset({
    "say", "tell", "add", "report", "state", "claim", "allege", "call", "dub", "describe",
    "term", "label", "announce", "write", "declare", "insist", "accuse", "according",
    "confirm", "warn", "threaten", "deny",
})

# Labeling ------------------------------------------------------------------------------------
#: Nouns that, modified by a demonym or name, still refer to the actor itself
#: ("Azerbaijani troops", "Karabakh forces"), unlike "Azerbaijani attack".
REFERRING_HEADS = frozenset({
    "army", "force", "forces", "troop", "troops", "soldier", "soldiers", "fighter", "military",
    "ministry", "media", "authority", "authorities", "official", "officials", "government",
    "leadership", "side", "president", "leader", "regime", "separatist", "militant", "rebel",
    "peacekeeper", "peacekeepers", "unit", "units", "administration", "state", "people",
    "defence", "defense", "command", "spokesman", "spokesperson", "envoy",
    "co-chair", "mediator", "group", "militia", "republic", "parliament",
})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that",
                         "these", "those", "our"})
QUANTIFIERS = frozenset({"some", "several", "many", "all", "both", "about", "around", "nearly"})


# ---------------------------------------------------------------------------------------------
# helpers


def _sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    sents = doc_sentences(doc)
    return sents, [s.start_char for s in sents]


def _sent_id(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns) if rows else empty_frame(columns)


def word_count(text: str) -> int:
    """Words as counted for rates per 1,000 words (runs of letters/digits, hyphens kept)."""
    return len(WORD_RE.findall(text))


# ---------------------------------------------------------------------------------------------
# lexicon terms


def lexicon_terms(parsed: Parsed, lexicons: pd.DataFrame | None = None,
                  extra: Iterable[str] = ()) -> pd.DataFrame:
    """Lexicon hits in every article (lemma and multi-word matching on the spaCy parse).

    Args:
        parsed: the prepared incident.
        lexicons: entries to match (default :func:`framing.terms.lexicons.load_lexicons`).
        extra: paths of user lexicon files added to the default entries.
    """
    entries = lexicons if lexicons is not None else load_lexicons(tuple(extra))
    matcher = TermMatcher(entries)
    rows = []
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        for sent_id, sent in enumerate(doc_sentences(doc)):
            for m in matcher.find(sent):
                rows.append({"article_id": article.id, "outlet": article.outlet,
                             "sent_id": sent_id, "start": m.start, "end": m.end,
                             "text": m.text, "lemma": m.lemma, "category": m.category,
                             "lexicon": m.lexicon, "score": m.score, "note": m.note})
    return _frame(rows, TERM_COLUMNS)


# ---------------------------------------------------------------------------------------------
# scare quotes


def _quote_pairs(paragraph: str) -> list[tuple[int, int]]:
    """Pairs of quotation marks in one paragraph, paired in order (``”`` may open)."""
    marks = [i for i, c in enumerate(paragraph) if c in QUOTE_MARKS]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _is_clause(span: Span) -> bool:
    """A quoted span with its own subject and verb is reported speech, not a scare quote."""
    for tok in span:
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and span.start <= tok.head.i < \
                span.end and tok.head.pos_ in ("VERB", "AUX"):
            return True
    return False


def find_scare_quotes(doc: Doc, max_words: int = SCARE_MAX_WORDS) -> list[dict]:
    """Scare quotes of one parsed document: ``start, end, text, sent_id, note`` per quote.

    See :func:`scare_quotes` for the rule.
    """
    text = doc.text
    sents, starts = _sentence_index(doc)
    out, pos = [], 0
    for paragraph in text.split("\n"):
        for a, b in _quote_pairs(paragraph):
            inner = text[pos + a + 1 : pos + b]
            stripped = inner.rstrip(" ,.;:!?").lstrip()
            end = pos + a + 1 + len(inner.rstrip(" ,.;:!?"))
            start = end - len(stripped)
            n_words = word_count(stripped)
            if not 1 <= n_words <= max_words:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or _is_clause(span) or not sents:
                continue
            sent_id = _sent_id(starts, start)
            sent = sents[sent_id]
            if n_words >= 0.8 * word_count(sent.text):
                continue
            attributed = any(t.lemma_.lower() in REPORTING_LEMMAS for t in sent
                             if not (start <= t.idx < end))
            out.append({"sent_id": sent_id, "start": start, "end": end, "text": stripped,
                        "note": "attributed partial quote" if attributed
                        else "unattributed (writer's distancing)"})
        pos += len(paragraph) + 1
    return out


def scare_quotes(parsed: Parsed, max_words: int = SCARE_MAX_WORDS) -> pd.DataFrame:
    """Short quoted spans that are not reported speech (scare quotes, quoted phrases).

    A span between paired quotation marks counts when it has 1 to ``max_words`` words, is
    not a clause of its own (no subject–verb pair inside) and is not the whole sentence.
    ``note`` says whether the sentence attributes it to a speaker (a reporting verb such as
    "said", "added", "dubbed" or "according to"): attributed fragments are partial quotes
    the writer chose to single out, unattributed ones are the writer's own distancing
    (Predelli 2003 on scare quotes).
    """
    rows = []
    for article in parsed.incident.articles:
        for q in find_scare_quotes(parsed.docs[article.id], max_words):
            rows.append({"article_id": article.id, "outlet": article.outlet, **q,
                         "lemma": q["text"].lower(), "category": SCARE_QUOTE,
                         "lexicon": "quotation marks", "score": None})
    return _frame(rows, TERM_COLUMNS)


# ---------------------------------------------------------------------------------------------
# learned detector


def learned_scores(parsed: Parsed) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Word hits above the model's threshold, and every sentence's loaded probability."""
    from framing.terms.model import load_model

    model = load_model()
    word_rows, sent_rows = [], []
    per_article = {a.id: doc_sentences(parsed.docs[a.id]) for a in parsed.incident.articles}
    # one call for the whole incident: the encoder batches across articles
    all_scores = iter(model.score([s for sents in per_article.values() for s in sents]))
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        doc_text = doc.text  # Doc.text joins every token: once per article
        sents = per_article[article.id]
        scores = [next(all_scores) for _ in sents]
        for sent_id, (sent, sc) in enumerate(zip(sents, scores, strict=True)):
            sent_rows.append({"article_id": article.id, "outlet": article.outlet,
                              "sent_id": sent_id, "start": sent.start_char,
                              "end": sent.end_char, "text": sent.text,
                              "p_loaded": round(sc.sentence_prob, 4),
                              "loaded": sc.sentence_prob > model.sentence_threshold})
            for (a, b, _), p in zip(sc.words, sc.word_probs, strict=True):
                if p <= model.word_threshold:
                    continue
                span = doc.char_span(a, b, alignment_mode="expand")
                lemma = span.lemma_.lower() if span is not None else doc_text[a:b].lower()
                word_rows.append({"article_id": article.id, "outlet": article.outlet,
                                  "sent_id": sent_id, "start": a, "end": b,
                                  "text": doc_text[a:b], "lemma": lemma, "category": LEARNED,
                                  "lexicon": LEARNED_LEXICON, "score": round(float(p), 4),
                                  "note": f"word probability > {model.word_threshold:.3f}"})
    sent_cols = [*KEY_COLUMNS, "text", "p_loaded", "loaded"]
    return _frame(word_rows, TERM_COLUMNS), _frame(sent_rows, sent_cols)


def detect_terms(parsed: Parsed, *, extra: Iterable[str] = (), learned: bool = True,
                 scare: bool = True, lexicons: pd.DataFrame | None = None) -> pd.DataFrame:
    """All loaded-term evidence of an incident: lexicon hits, scare quotes, learned hits."""
    frames = [lexicon_terms(parsed, lexicons, extra)]
    if scare:
        frames.append(scare_quotes(parsed))
    if learned:
        frames.append(learned_scores(parsed)[0])
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame(TERM_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["article_id", "start", "category"], kind="stable").reset_index(
        drop=True)


# ---------------------------------------------------------------------------------------------
# rates


def outlet_words(parsed: Parsed) -> pd.Series:
    """Words per outlet (all its articles, headline included)."""
    counts: Counter[str] = Counter()
    for article in parsed.incident.articles:
        counts[article.outlet] += word_count(article.document)
    return pd.Series(counts, name="words").reindex(parsed.incident.outlets)


def term_rates(terms: pd.DataFrame, words: pd.Series,
               categories: Iterable[str] = CATEGORIES) -> pd.DataFrame:
    """Hits per outlet and category, and per 1,000 words (a span counts once per category)."""
    categories = list(categories)
    unique = terms.drop_duplicates(["article_id", "start", "end", "category"])
    counts = unique.groupby(["outlet", "category"]).size()
    rows = []
    for outlet in words.index:
        for cat in categories:
            n = int(counts.get((outlet, cat), 0))
            rows.append({"outlet": outlet, "category": cat, "n": n,
                         "words": int(words[outlet]),
                         "per_1000": round(1000 * n / words[outlet], 2) if words[outlet] else 0.0})
    return pd.DataFrame(rows, columns=["outlet", "category", "n", "words", "per_1000"])


# ---------------------------------------------------------------------------------------------
# distinctive terms (Monroe, Colaresi & Quinn 2008)


def _content(tok) -> bool:
    return tok.is_alpha and not tok.is_stop and len(tok.text) > 1


def term_occurrences(parsed: Parsed, bigrams: bool = True) -> pd.DataFrame:
    """Content lemmas and adjacent content-lemma bigrams of every sentence."""
    rows = []
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        for sent_id, sent in enumerate(doc_sentences(doc)):
            toks = list(sent)
            for i, tok in enumerate(toks):
                if not _content(tok):
                    continue
                base = {"article_id": article.id, "outlet": article.outlet, "sent_id": sent_id}
                rows.append({**base, "start": tok.idx, "end": tok.idx + len(tok.text),
                             "term": tok.lemma_.lower(), "kind": "lemma"})
                if bigrams and i + 1 < len(toks) and _content(toks[i + 1]):
                    nxt = toks[i + 1]
                    rows.append({**base, "start": tok.idx, "end": nxt.idx + len(nxt.text),
                                 "term": f"{tok.lemma_.lower()} {nxt.lemma_.lower()}",
                                 "kind": "bigram"})
    return _frame(rows, [*KEY_COLUMNS, "term", "kind"])


def log_odds_dirichlet(counts_i: pd.Series, counts_j: pd.Series, prior: pd.Series
                       ) -> pd.DataFrame:
    """Weighted log-odds ratio of each term, group i vs group j, with a Dirichlet prior.

    Monroe, Colaresi & Quinn (2008), eq. 16–22: ``delta = log((y_i+a)/(n_i+a0-y_i-a)) -
    log((y_j+a)/(n_j+a0-y_j-a))``, ``var ~ 1/(y_i+a) + 1/(y_j+a)``, ``z = delta/sqrt(var)``.
    All three series share one index (the vocabulary); ``prior`` holds the pseudo-counts.
    """
    a = prior.astype(float)
    a0 = a.sum()
    yi, yj = counts_i.astype(float), counts_j.astype(float)
    ni, nj = yi.sum(), yj.sum()
    delta = (np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a)))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    return pd.DataFrame({"delta": delta, "z": delta / np.sqrt(var)})


def distinctive_terms(parsed: Parsed, occurrences: pd.DataFrame | None = None, *,
                      prior_scale: float = 1.0, floor: float = 0.5) -> pd.DataFrame:
    """Terms each outlet uses more (z > 0) or less (z < 0) than the rest of the incident.

    Fightin' Words (Monroe, Colaresi & Quinn 2008) with an informative Dirichlet prior from
    the incident's pooled counts: ``a_w = prior_scale * (pooled_w + floor)``, computed
    separately for lemmas and bigrams. With one short article per outlet the prior keeps a
    word used once from looking distinctive; even so, |z| < 1.96 is common at this size —
    read the z-scores as a ranking, not a test. Rows: every term the outlet uses, with its
    first occurrence as the evidence position.
    """
    occ = occurrences if occurrences is not None else term_occurrences(parsed)
    cols = [*KEY_COLUMNS, "term", "kind", "n_outlet", "n_rest", "per_1000_outlet",
            "per_1000_rest", "log_odds", "z"]
    outlets = parsed.incident.outlets
    if len(outlets) < 2 or occ.empty:
        return empty_frame(cols)
    words = outlet_words(parsed)
    rows = []
    for kind, group in occ.groupby("kind"):
        table = group.groupby(["term", "outlet"]).size().unstack(fill_value=0)
        table = table.reindex(columns=outlets, fill_value=0)
        pooled = table.sum(axis=1)
        prior = prior_scale * (pooled + floor)
        first = group.drop_duplicates(["outlet", "term"]).set_index(["outlet", "term"])
        for outlet in outlets:
            yi = table[outlet]
            yj = pooled - yi
            scores = log_odds_dirichlet(yi, yj, prior)
            rest_words = words.drop(outlet).sum()
            used = yi.index[yi > 0]
            if not len(used):
                continue
            loc = first.loc[outlet].reindex(used)
            n_in, n_out = yi[used].to_numpy(), yj[used].to_numpy()
            rows.append(pd.DataFrame({
                "article_id": loc["article_id"].to_numpy(), "outlet": outlet,
                "sent_id": loc["sent_id"].astype(int).to_numpy(),
                "start": loc["start"].astype(int).to_numpy(),
                "end": loc["end"].astype(int).to_numpy(), "term": used, "kind": kind,
                "n_outlet": n_in.astype(int), "n_rest": n_out.astype(int),
                "per_1000_outlet": np.round(1000 * n_in / words[outlet], 2),
                "per_1000_rest": np.round(1000 * n_out / rest_words, 2),
                "log_odds": np.round(scores.loc[used, "delta"].to_numpy(dtype=float), 4),
                "z": np.round(scores.loc[used, "z"].to_numpy(dtype=float), 3)}))
    if not rows:
        return empty_frame(cols)
    out = pd.concat(rows, ignore_index=True)[cols]
    return out.sort_values(["outlet", "z"], ascending=[True, False]).reset_index(drop=True)


def top_distinctive(distinctive: pd.DataFrame, n: int = 10, min_count: int = 2) -> pd.DataFrame:
    """The ``n`` highest-z terms per outlet used at least ``min_count`` times."""
    keep = distinctive[(distinctive["n_outlet"] >= min_count) & (distinctive["z"] > 0)]
    return (keep.sort_values("z", ascending=False).groupby("outlet", sort=False).head(n)
            .reset_index(drop=True))


# ---------------------------------------------------------------------------------------------
# labeling: actors and contested places


def _strip_determiners(span: Span) -> str:
    toks = list(span)
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].is_punct or toks[0].like_num
                    or toks[0].lower_ in QUANTIFIERS
                    or toks[0].ent_type_ in ("DATE", "TIME", "CARDINAL")):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return span.text
    return span.doc[toks[0].i : toks[-1].i + 1].text


def actor_labels(parsed: Parsed) -> pd.DataFrame:
    """Each actor mention with the expression the outlet uses for the actor there.

    The expression is the noun chunk around the mention (determiners dropped) when the
    mention heads it ("the Russian peacekeeping forces" → "Russian peacekeeping forces",
    "Azeri President Ilham Aliyev") or when a demonym or name modifies a noun that refers to
    the actor itself (:data:`REFERRING_HEADS`: "Azerbaijani troops", "Karabakh forces").
    Otherwise (a possessor, or a modifier of an event or of another person: "the
    Azerbaijani attack", "Artsakh presidential advisor Davit Babayan") it is the mention
    itself, and ``head`` names the noun it modifies.
    """
    cols = [*KEY_COLUMNS, "actor_id", "side", "surface", "kind", "expression", "head", "form"]
    rows = []
    chunks: dict[str, dict[int, Span]] = {}  # per article: token index -> its noun chunk
    for m in parsed.mentions.itertuples(index=False):
        doc = parsed.docs[m.article_id]
        if m.article_id not in chunks:
            chunks[m.article_id] = {i: c for c in doc.noun_chunks for i in range(c.start, c.end)}
        span = doc.char_span(int(m.start), int(m.end), alignment_mode="expand")
        expression, head, form = m.surface, "", "name"
        if span is not None:
            root = span.root
            chunk = chunks[m.article_id].get(root.i)
            if root.dep_ == "poss":
                form, head = "possessor", root.head.text
            elif chunk is not None and span.start <= chunk.root.i < span.end:
                expression, form = _strip_determiners(chunk), "noun phrase"
            elif chunk is not None and (chunk.root.lemma_.lower() in REFERRING_HEADS
                                        or chunk.root.text.lower() in REFERRING_HEADS) \
                    and chunk.root.ent_type_ != "PERSON":
                expression, form = _strip_determiners(chunk), "noun phrase"
            elif root.head.i != root.i and not (span.start <= root.head.i < span.end):
                form, head = "modifier", root.head.text
        rows.append({"article_id": m.article_id, "outlet": m.outlet, "sent_id": m.sent_id,
                     "start": m.start, "end": m.end, "actor_id": m.actor_id, "side": m.side,
                     "surface": m.surface, "kind": m.kind,
                     "expression": re.sub(r"\s+", " ", expression), "head": head,
                     "form": form})
    return _frame(rows, cols)


def labeling_table(labels: pd.DataFrame, outlets: list[str] | None = None, top: int = 6,
                   include_modifiers: bool = False) -> pd.DataFrame:
    """Actor × outlet: the expressions used, most frequent first, with counts.

    Expressions differing only in case (headline capitals) are counted together under their
    most frequent spelling; demonyms that only modify another noun ("Azerbaijani attack")
    are left out unless ``include_modifiers``.
    """
    outlets = outlets or list(dict.fromkeys(labels["outlet"]))
    if not include_modifiers and len(labels):
        labels = labels[labels["form"] != "modifier"]
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for (actor, outlet), group in labels.groupby(["actor_id", "outlet"], sort=False):
        keys = group["expression"].str.lower()
        spelling = group.groupby(keys)["expression"].agg(lambda s: s.value_counts().index[0])
        counts = keys.value_counts()
        items = [f"{spelling[k]} ({n})" for k, n in counts.head(top).items()]
        more = len(counts) - top
        cells[actor][outlet] = "; ".join(items) + (f"; +{more} more" if more > 0 else "")
    table = pd.DataFrame.from_dict(cells, orient="index").reindex(columns=outlets)
    table.index.name = "actor"
    return table.fillna("—").reset_index()


def place_names(parsed: Parsed) -> pd.DataFrame:
    """Every use of a contested place's names (``incident.places`` variants) per article.

    Overlaps: variants of one place match longest first and never overlap, so "Karabakh"
    inside "Nagorno-Karabakh" is not counted again, and a word joined by a hyphen is not a
    match ("Nagorno-Karabakh" does not contain the name "Karabakh"). A name used inside a
    longer actor name ("Artsakh" in "Artsakh Defense Army", "Karabakh" in "Karabakh
    forces") still shows the outlet's naming choice and is counted, with ``in_name`` True and
    the longer name in ``within``, so tables can report it separately.
    """
    cols = [*KEY_COLUMNS, "place_id", "place", "variant", "surface", "in_name", "within"]
    rows = []
    mentions = parsed.mentions
    for article in parsed.incident.articles:
        text = article.document
        _, starts = _sentence_index(parsed.docs[article.id])
        art_mentions = mentions[mentions.article_id == article.id]
        for place in parsed.incident.places:
            found = []
            for variant in sorted(place.variants, key=len, reverse=True):
                flags = 0 if any(c.isupper() for c in variant) else re.IGNORECASE
                pattern = re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", flags)
                for m in pattern.finditer(text):
                    if all(m.end() <= a or m.start() >= b for a, b, _ in found):
                        found.append((m.start(), m.end(), variant))
            for a, b, variant in sorted(found):
                longer = art_mentions[(art_mentions.start <= a) & (art_mentions.end >= b)
                                      & ((art_mentions.end - art_mentions.start) > (b - a))]
                within = str(longer.iloc[0]["surface"]) if len(longer) else ""
                rows.append({"article_id": article.id, "outlet": article.outlet,
                             "sent_id": _sent_id(starts, a), "start": a, "end": b,
                             "place_id": place.id, "place": place.name, "variant": variant,
                             "surface": text[a:b], "in_name": bool(within), "within": within})
    return _frame(rows, cols)


def place_usage(places: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """Place × outlet: the names used with counts ("Artsakh 3 (+2 in names)")."""
    outlets = outlets or list(dict.fromkeys(places["outlet"]))
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for (place, outlet), group in places.groupby(["place", "outlet"], sort=False):
        parts = []
        for variant, g in group.groupby("variant", sort=False):
            free, named = int((~g["in_name"]).sum()), int(g["in_name"].sum())
            label = f"{variant} {free}" if free else f"{variant} 0"
            parts.append((free + named, label + (f" (+{named} in names)" if named else "")))
        cells[place][outlet] = "; ".join(p for _, p in sorted(parts, key=lambda x: -x[0]))
    table = pd.DataFrame.from_dict(cells, orient="index").reindex(columns=outlets)
    table.index.name = "place"
    return table.fillna("—").reset_index()


# ---------------------------------------------------------------------------------------------
# integration: tables, findings, profile


def tables(parsed: Parsed, *, learned: bool = True, extra: Iterable[str] = ()
           ) -> dict[str, pd.DataFrame]:
    """Every table of the loaded-terms analysis for one incident.

    - ``terms``: lexicon hits, scare quotes and learned word hits (:data:`TERM_COLUMNS`).
    - ``term_rates``: hits per outlet × category and per 1,000 words (article_id etc. of the
      first hit, for the evidence link).
    - ``loaded_sentences``: every sentence with the detector's loaded probability.
    - ``distinctive_terms``: Fightin' Words log-odds and z per outlet, lemmas and bigrams.
    - ``actor_labels``: each actor mention and the expression used for the actor.
    - ``place_names``: each use of a contested place's names.
    """
    terms = detect_terms(parsed, learned=False, extra=extra)
    if learned:
        words, sentences = learned_scores(parsed)
        terms = pd.concat([t for t in (terms, words) if len(t)] or [terms], ignore_index=True)
    else:
        sentences = empty_frame([*KEY_COLUMNS, "text", "p_loaded", "loaded"])
    rates = term_rates(terms, outlet_words(parsed))
    firsts = terms.drop_duplicates(["outlet", "category"]).set_index(["outlet", "category"])
    for col in ("article_id", "sent_id", "start", "end"):
        rates[col] = [firsts[col].get((o, c)) if (o, c) in firsts.index else None
                      for o, c in zip(rates["outlet"], rates["category"], strict=True)]
    rates = rates[[*KEY_COLUMNS, "category", "n", "words", "per_1000"]]
    return {
        "terms": terms,
        "term_rates": rates,
        "loaded_sentences": sentences,
        "distinctive_terms": distinctive_terms(parsed),
        "actor_labels": actor_labels(parsed),
        "place_names": place_names(parsed),
    }


def _quote_list(values: Iterable[str], limit: int = 5) -> str:
    items = list(dict.fromkeys(values))
    shown = ", ".join(f"“{v}”" for v in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def findings(tables: dict[str, pd.DataFrame], incident) -> list[Finding]:
    """Templated findings of the loaded-terms analysis.

    Templates and thresholds:
    1. Place names: for each contested place used by two or more outlets whose most-used
       name differs, "Outlets name <place> differently: A says “x” (n×, k inside names),
       B says “y” (m×)" (names inside actor names counted, and said so).
    2. Category use: an outlet with at least 2 hits of one of the five lexicon categories
       whose rate per 1,000 words is at least 1.5 times every other outlet's: "<outlet>
       uses <n> <category> terms (<r> per 1,000 words; others: ...): “a”, “b”".
    3. Scare quotes: each outlet with at least one: "<outlet> puts <n> short phrase(s) in
       quotation marks: “…”".
    4. Labels: for each actor mentioned by two or more outlets whose most frequent
       referring expressions (demonyms that only modify another noun left out) differ:
       "<actor> is most often “x” in A and “y” in B".
    Strength orders them: place names 3, category use 2 + ratio/10, labels 1.5, quotes 1.
    """
    out: list[Finding] = []
    terms = tables.get("terms", pd.DataFrame())
    places = tables.get("place_names", pd.DataFrame())
    rates = tables.get("term_rates", pd.DataFrame())
    labels = tables.get("actor_labels", pd.DataFrame())
    outlets = incident.outlets

    for place, group in places.groupby("place", sort=False) if len(places) else []:
        tops = {o: g["variant"].value_counts() for o, g in group.groupby("outlet", sort=False)}
        if len(tops) >= 2 and len({c.index[0] for c in tops.values()}) > 1:
            parts = []
            for o, counts in tops.items():
                g = group[group["outlet"] == o]
                items = []
                for v, n in counts.items():
                    named = int(g[(g["variant"] == v)]["in_name"].sum())
                    items.append(f"“{v}” ({n}×" + (f", {named} inside names)" if named else ")"))
                parts.append(f"{o} says " + ", ".join(items))
            out.append(Finding(
                text=f"Outlets name {place} differently: " + "; ".join(parts) + ".",
                analysis="terms", outlet=None,
                anchor=heading_anchor(PAGE, HEADINGS["places"]),
                evidence=group, strength=3.0))

    if len(rates):
        for cat in PROJECT_CATEGORIES:
            sub = rates[rates["category"] == cat].set_index("outlet")
            for outlet in sub.index:
                n, r = int(sub.at[outlet, "n"]), float(sub.at[outlet, "per_1000"])
                others = sub.drop(outlet)
                if n < 2 or others.empty or (others["per_1000"] * 1.5 > r).any():
                    continue
                ev = terms[(terms["outlet"] == outlet) & (terms["category"] == cat)]
                other_txt = ", ".join(f"{o} {v:.1f}" for o, v in others["per_1000"].items())
                ratio = r / max(others["per_1000"].max(), 0.5)
                out.append(Finding(
                    text=(f"{outlet} uses {n} {cat} term{'s' if n != 1 else ''} "
                          f"({r:.1f} per 1,000 words; {other_txt}): "
                          f"{_quote_list(ev['text'])}."),
                    analysis="terms", outlet=outlet,
                    anchor=heading_anchor(PAGE, HEADINGS["rates"]),
                    evidence=ev, strength=2.0 + min(ratio, 10) / 10))

    quotes = terms[terms["category"] == SCARE_QUOTE] if len(terms) else terms
    for outlet in outlets:
        q = quotes[quotes["outlet"] == outlet] if len(quotes) else quotes
        if len(q):
            out.append(Finding(
                text=(f"{outlet} puts {len(q)} short phrase{'s' if len(q) != 1 else ''} in "
                      f"quotation marks: {_quote_list(q['text'])}."),
                analysis="terms", outlet=outlet,
                anchor=heading_anchor(PAGE, HEADINGS["articles"]), evidence=q, strength=1.0))

    if len(labels):
        referring = labels[labels["form"] != "modifier"]
        for actor_id, group in referring.groupby("actor_id", sort=False):
            tops = {o: g["expression"].value_counts() for o, g in group.groupby("outlet")}
            if len(tops) < 2:
                continue
            firsts = {o: c.index[0] for o, c in tops.items()}
            if len(set(firsts.values())) < 2:
                continue
            try:
                name = incident.actor(actor_id).name
            except KeyError:
                name = actor_id
            parts = [f"“{e}” in {o}" for o, e in firsts.items()]
            out.append(Finding(
                text=f"{name} is most often " + " and ".join(parts) + ".",
                analysis="terms", outlet=None,
                anchor=heading_anchor(PAGE, HEADINGS["labels"]), evidence=group,
                strength=1.5))
    return sorted(out, key=lambda f: -f.strength)


def profile(tables: dict[str, pd.DataFrame], incident) -> pd.DataFrame:
    """Profile lines (rows) × outlets: loaded-term rates, scare quotes, names, top terms."""
    outlets = incident.outlets
    rates = tables.get("term_rates", pd.DataFrame())
    terms = tables.get("terms", pd.DataFrame())
    rows: dict[str, dict[str, str]] = {}
    if len(rates):
        loaded = rates[rates["category"].isin(PROJECT_CATEGORIES)]
        tot = loaded.groupby("outlet")[["n"]].sum().join(
            rates.drop_duplicates("outlet").set_index("outlet")["words"])
        rows["Loaded terms per 1,000 words (lexicons)"] = {
            o: f"{1000 * tot.at[o, 'n'] / tot.at[o, 'words']:.1f} ({int(tot.at[o, 'n'])})"
            for o in outlets if o in tot.index}
        for cat in PROJECT_CATEGORIES:
            sub = terms[(terms["category"] == cat)] if len(terms) else terms
            rows[f"{cat.capitalize()}"] = {
                o: _quote_list(sub[sub["outlet"] == o]["text"].str.lower(), 4) or "—"
                for o in outlets}
    quotes = terms[terms["category"] == SCARE_QUOTE] if len(terms) else terms
    rows["Scare quotes"] = {o: _quote_list(quotes[quotes["outlet"] == o]["text"], 4) or "—"
                            for o in outlets}
    sents = tables.get("loaded_sentences", pd.DataFrame())
    if len(sents):
        rows["Loaded sentences (BABE-trained detector)"] = {
            o: f"{int(g['loaded'].sum())} of {len(g)}" for o, g in sents.groupby("outlet")}
    places = tables.get("place_names", pd.DataFrame())
    if len(places):
        usage = place_usage(places, outlets).set_index("place")
        for place in usage.index:
            rows[f"Names for {place}"] = usage.loc[place].to_dict()
    dist = tables.get("distinctive_terms", pd.DataFrame())
    if len(dist):
        top = top_distinctive(dist, n=5)
        rows["Most distinctive terms (Fightin' Words z)"] = {
            o: ", ".join(g["term"]) for o, g in top.groupby("outlet")}
    frame = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=outlets).fillna("—")
    frame.index.name = "line"
    return frame


# ---------------------------------------------------------------------------------------------
# evidence helpers for notebooks


def with_sentences(frame: pd.DataFrame, parsed: Parsed) -> pd.DataFrame:
    """A copy of ``frame`` with the sentence text of each row in a ``sentence`` column."""
    return _with_sentences(frame, parsed.sentences)


def highlight_spans(terms_frame: pd.DataFrame, article_id: str,
                    categories: Iterable[str] | None = None) -> list[dict]:
    """Spans for :func:`framing.core.evidence.highlight`: one per term, coloured by category.

    Where categories overlap on one span, the first in :data:`CATEGORIES` order wins (so a
    lexicon label is shown rather than its valence or learned duplicate).
    """
    from framing.report.plots import term_color

    order = {c: i for i, c in enumerate(CATEGORIES)}
    rows = terms_frame[terms_frame["article_id"] == article_id]
    if categories is not None:
        rows = rows[rows["category"].isin(list(categories))]
    rows = rows.assign(_o=rows["category"].map(lambda c: order.get(c, len(order))))
    rows = rows.sort_values(["start", "_o"]).drop_duplicates(["start", "end"])
    return [{"start": int(r.start), "end": int(r.end), "color": term_color(r.category),
             "title": f"{r.category} ({r.lexicon}" + (
                 f", {r.score:.2f})" if r.score is not None and not pd.isna(r.score) else ")")}
            for r in rows.itertuples()]
