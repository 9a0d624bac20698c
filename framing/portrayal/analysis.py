"""The portrayal analysis of one incident as tables: the role and tone of every mention.

:func:`tables` joins what the other analyses found about each actor mention (one per
phrase, :mod:`framing.portrayal.mentions`): its role from the sentence structure (blame's
events and statements, :mod:`framing.portrayal.roles`); the voice it is in (the outlet's
own words or a source's, from the voice layer); the targeted sentiment toward it (the
sentiment analysis); and the evaluative words of its sentence in the outlet's own voice
(the terms analysis). It then aggregates per outlet × actor
(:mod:`framing.portrayal.aggregate`).
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc, Span, Token

from framing.core.phrases import subjects
from framing.core.pipeline import Parsed
from framing.core.voice import OUTLET
from framing.portrayal.aggregate import portrayal_by_actor
from framing.portrayal.mentions import phrase_mentions
from framing.portrayal.roles import hero_asserted_by, structural_roles

__all__ = ["tables", "EVALUATIVE_CATEGORIES"]

#: Term categories that evaluate (the outlet's judgement), not merely describe: labels,
#: emotional and moral words, scare quotes and the learned biased-word detector (terms'
#: ``category`` values). Valence words are left out: "killed" reports, it does not judge.
EVALUATIVE_CATEGORIES = frozenset({"delegitimising label", "emotional and moral",
                                   "scare quote", "learned (BABE)"})


def _voice_columns(parsed: Parsed, mentions: pd.DataFrame) -> pd.DataFrame:
    voices, sources = [], []
    for m in mentions.itertuples():
        v = parsed.voices[m.article_id].voice_of(m.start, m.end)
        voices.append(v.voice)
        sources.append(v.actor if v.voice != OUTLET else None)
    return mentions.assign(voice=voices, source_actor=sources)


def _tone(mentions: pd.DataFrame, targets: pd.DataFrame) -> pd.Series:
    """The mean targeted sentiment score of the dictionary mentions inside each phrase."""
    if targets.empty:
        return pd.Series([float("nan")] * len(mentions), index=mentions.index)
    by_article = {k: g for k, g in targets.groupby("article_id")}
    scores = []
    for m in mentions.itertuples():
        t = by_article.get(m.article_id)
        if t is None:
            scores.append(float("nan"))
            continue
        inside = t[(t.start >= m.start) & (t.end <= m.end) & (t.actor_id == m.actor_id)]
        scores.append(float(inside.score.mean()) if len(inside) else float("nan"))
    return pd.Series(scores, index=mentions.index)


#: Dependency relations by which an evaluative word describes a noun phrase's referent.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "appos", "acl"})


def evaluates(word: Token, mention: set[int]) -> bool:
    """Whether the evaluative ``word`` is said of the mention (token indices ``mention``),
    by the syntactic paths of opinion-target extraction (Qiu et al. 2011's double
    propagation): it modifies the mention ("provocative Indian troops"); the mention is its
    possessor or "of" object ("India's arrogance", "the arrogance of the Indian side") or
    modifies it ("Indian aggression"); it qualifies the act of which the mention is the
    subject ("India forcibly built", "Indian people mistakenly believe"); or it is predicated
    of the mention ("India is reckless", "called the attack 'a provocation'"). A word
    elsewhere in the sentence ("Fierce dispute ... PLA troops", "the US has wooed India") is
    not about the mention."""
    if word.i in mention:
        return False
    if word.dep_ == "conj" and word.head.i not in mention and evaluates(word.head, mention):
        return True  # "the arrogance and recklessness of the Indian side"
    if word.head.i in mention and word.dep_ in MODIFIER_DEPS:
        return True
    for child in word.children:
        if child.i in mention and child.dep_ in ("poss", "amod", "compound", "nmod"):
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                g.i in mention for g in child.children if g.dep_ == "pobj"):
            return True
    if word.pos_ == "ADV" and word.dep_ == "advmod" and word.head.pos_ in ("VERB", "AUX"):
        return any(s.i in mention for s in subjects(word.head))
    if word.dep_ in ("amod", "compound") and word.head.dep_ in ("attr", "oprd"):
        word = word.head  # "Armenia is a terrorist state": the predicate noun's modifier
    if word.dep_ in ("acomp", "attr") and word.head.pos_ in ("VERB", "AUX"):
        return any(s.i in mention for s in subjects(word.head))
    if word.dep_ in ("oprd", "dobj", "xcomp", "ccomp") and word.head.pos_ == "VERB":
        # "called the Azerbaijani attack 'a provocation against Russia'", "labelled X a ..."
        return any(c.i in mention for c in word.head.children
                   if c.dep_ == "dobj" and c.i != word.i)
    return False


def _evaluative_words(mentions: pd.DataFrame, terms: pd.DataFrame,
                      docs: dict[str, Doc]) -> pd.DataFrame:
    """Per mention: the evaluative words said of it (:func:`evaluates`), not every such word
    of its sentence, as ``evaluative_words`` (the outlet's own voice) and
    ``source_evaluative_words`` (a quoted or reported source's), in one pass."""
    out = pd.DataFrame({"evaluative_words": None, "source_evaluative_words": None},
                       index=mentions.index, dtype=object)
    if terms.empty:
        return out
    judging = terms[terms.category.isin(EVALUATIVE_CATEGORIES)
                    & terms.article_id.isin(docs.keys())]
    # each term's tokens once per sentence, not once per mention of that sentence
    by_sentence: dict[tuple, list[tuple[bool, str, Span]]] = {}
    for t in judging.itertuples():
        word = docs[t.article_id].char_span(int(t.start), int(t.end), alignment_mode="expand")
        if word is not None and len(word):
            by_sentence.setdefault((t.article_id, t.sent_id), []).append(
                (t.voice == OUTLET, str(t.text).lower(), word))
    for idx, m in zip(mentions.index, mentions.itertuples(), strict=True):
        found = by_sentence.get((m.article_id, m.sent_id))
        if not found:
            continue
        span = docs[m.article_id].char_span(int(m.start), int(m.end), alignment_mode="expand")
        tokens = {t.i for t in span} if span is not None else set()
        words: dict[bool, list[str]] = {True: [], False: []}
        for own, text, word in found:
            if any(evaluates(w, tokens) for w in word):
                words[own].append(text)
        out.at[idx, "evaluative_words"] = ", ".join(dict.fromkeys(words[True])) or None
        out.at[idx, "source_evaluative_words"] = ", ".join(dict.fromkeys(words[False])) or None
    return out


def tone_counted(mentions: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Whether a mention's tone may count as how the actor is portrayed: when it is cast as
    villain, or has no role, sits in a sentence that reports no harm (a harm event, not
    negated) and has words of evaluation said of it (``evaluative_words`` or
    ``source_evaluative_words``: opinion targets by dependency paths, Qiu et al. 2011).

    A victim's or a hero's sentence is negative about what happened, not about them ("the
    struggle is not over", said of the one "saving its lands"); in a sentence about harm an
    actor's part is its role, not a tone. A mention with no role counts only on positive
    evidence, a word said of it: where the harm detector misses an event the victim would
    otherwise look like an actor in a harm-free sentence (two labelled victims in the
    held-out Kerch incident were counted so until this rule)."""
    harm = events[~events.negated.astype(bool)]
    harmed = set(zip(harm.article_id, harm.sent_id, strict=True))
    keys = zip(mentions.article_id, mentions.sent_id, strict=True)
    judged = mentions.evaluative_words.notna() | mentions.source_evaluative_words.notna()
    return pd.Series([role == "villain" or (role == "none" and bool(said)
                                            and key not in harmed)
                      for role, key, said in zip(mentions.role, keys, judged, strict=True)],
                     index=mentions.index)


def mention_table(parsed: Parsed, blame: dict[str, pd.DataFrame],
                  sentiment: dict[str, pd.DataFrame], terms: dict[str, pd.DataFrame]
                  ) -> pd.DataFrame:
    """One row per phrase mention: role (and who gave it), voice, tone and the outlet's own
    evaluative words in its sentence."""
    mentions = phrase_mentions(parsed)
    mentions = structural_roles(mentions, blame, parsed.analysis_docs)
    mentions = _voice_columns(parsed, mentions)
    unset = mentions.role_asserted_by.isna() & (mentions.role != "none")
    mentions.loc[unset, "role_asserted_by"] = [
        hero_asserted_by(v, s) for v, s in zip(mentions.voice[unset],
                                               mentions.source_actor[unset], strict=True)]
    mentions["tone"] = _tone(mentions, sentiment["targets"]).round(4)
    words = _evaluative_words(mentions, terms["terms"], parsed.analysis_docs)
    mentions["evaluative_words"] = words.evaluative_words
    mentions["source_evaluative_words"] = words.source_evaluative_words
    mentions["tone_counted"] = tone_counted(mentions, blame["events"])
    sents = parsed.sentences.set_index(["article_id", "sent_id"]).text
    mentions["sentence"] = [sents.get((a, s)) for a, s in zip(mentions.article_id,
                                                              mentions.sent_id, strict=True)]
    return mentions


def tables(parsed: Parsed, blame: dict[str, pd.DataFrame], sentiment: dict[str, pd.DataFrame],
           terms: dict[str, pd.DataFrame], sentiment_model: str | None = None
           ) -> dict[str, pd.DataFrame]:
    """Portrayal tables: ``mentions`` (one row per phrase mention: role, who cast it, voice,
    tone, evaluative words, sentence) and ``by_actor`` (per outlet × actor: role counts and
    shares with bootstrap intervals, tone in the outlet's own voice and in quoted voices,
    victims left out of tone). ``sentiment_model`` is the one the ``sentiment`` tables were
    computed with (:func:`framing.analyze.run_analysis` passes it on; here it only keys the
    cache)."""
    del sentiment_model  # already applied to ``sentiment``
    mentions = mention_table(parsed, blame, sentiment, terms)
    by_actor = portrayal_by_actor(mentions)
    by_actor.insert(by_actor.columns.get_loc("actor_id") + 1, "actor",
                    [parsed.incident.actor_name(a) for a in by_actor.actor_id])
    return {"mentions": mentions, "by_actor": by_actor}
