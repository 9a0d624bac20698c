"""From an incident folder to parsed documents and the base frames every analysis shares.

:func:`prepare` loads and validates the incident, parses each article's document (cached),
and builds two tidy frames: ``sentences`` and actor ``mentions``. The analyses then work per
article on these (a pure function of article + incident config), and the cross-outlet steps
work on their frames — so the per-article part can later be mapped over partitions of a
large corpus unchanged.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from framing.core.actors import ActorResolver
from framing.core.corpus import Article, Incident, load_incident
from framing.core.nlp import (
    doc_sentences,
    load_nlp,
    model_id,
    paragraph_prefixes,
    parse_texts,
)
from framing.core.voice import ArticleVoice, segments_frame

KEY_COLUMNS = ["article_id", "outlet", "sent_id", "start", "end"]
SENTENCE_COLUMNS = [*KEY_COLUMNS, "text", "paragraph", "section"]
MENTION_COLUMNS = [*KEY_COLUMNS, "surface", "actor_id", "side", "kind"]


@dataclass
class Parsed:
    """An incident with its parsed documents and the shared base frames."""

    incident: Incident
    docs: dict[str, Doc]
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    spacy_model: str = ""  # name and version of the pipeline that parsed ``docs``
    spacy_name: str | None = None  # what ``load_nlp`` was given (None = the default)

    @cached_property
    def resolver(self) -> ActorResolver:
        """The incident's actor resolver, built once (its patterns are compiled on creation)."""
        return ActorResolver(self.incident.actors)

    @cached_property
    def analysis_docs(self) -> dict[str, Doc]:
        """The docs the analyses read: Title Case headlines truecased and re-parsed
        (:func:`framing.core.truecasing.analysis_docs`), built once."""
        from framing.core.truecasing import analysis_docs  # it reads Parsed
        return analysis_docs(self)

    @cached_property
    def voices(self) -> dict[str, ArticleVoice]:
        """Each article's voice layer (:class:`framing.core.voice.ArticleVoice`) on
        :attr:`analysis_docs`, built once and shared by every analysis."""
        return {a.id: ArticleVoice(self.analysis_docs[a.id], a.document, self.resolver)
                for a in self.incident.articles}

    def sentence_text(self, article_id: str, sent_id: int) -> str:
        return doc_sentences(self.docs[article_id])[sent_id].text


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def section_of(paragraph: int, last_paragraph: int) -> str:
    """Position of a paragraph: headline (0), lead (1), end (last third) or body."""
    if paragraph == 0:
        return "headline"
    if paragraph == 1:
        return "lead"
    if last_paragraph and paragraph > last_paragraph * 2 / 3:
        return "end"
    return "body"


def sentence_rows(article: Article, doc: Doc) -> list[dict]:
    """One row per sentence; ``section`` is headline / lead / body / end (last third)."""
    rows = []
    sents = doc_sentences(doc)
    body_paragraphs: list[int] = []
    paragraph = 0
    last_end = 0
    text = doc.text  # Doc.text joins every token: build it once, not once per sentence
    for sent in sents:
        paragraph += text.count("\n\n", last_end, sent.start_char)
        last_end = sent.start_char
        body_paragraphs.append(paragraph)
    n_par = max(body_paragraphs, default=0)
    for sent_id, (sent, par) in enumerate(zip(sents, body_paragraphs, strict=True)):
        section = section_of(par, n_par)
        rows.append(
            {
                "article_id": article.id,
                "outlet": article.outlet,
                "sent_id": sent_id,
                "start": sent.start_char,
                "end": sent.end_char,
                "text": sent.text,
                "paragraph": par,
                "section": section,
            }
        )
    return rows


def with_sentences(frame: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with each row's sentence text (looked up by article and sentence
    in a :func:`sentences_frame`) in a ``sentence`` column: the evidence beside a count."""
    text = sentences[["article_id", "sent_id", "text"]].rename(columns={"text": "sentence"})
    return frame.merge(text, on=["article_id", "sent_id"], how="left")


def sentences_frame(incident: Incident, docs: dict[str, Doc]) -> pd.DataFrame:
    """Every sentence of every article with its span, paragraph and section."""
    rows = [r for a in incident.articles for r in sentence_rows(a, docs[a.id])]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS) if rows else empty_frame(SENTENCE_COLUMNS)


#: Dependency labels of a word that modifies a noun: a bare institutional head so used is
#: no mention of the institution ("military posts", "police headquarters").
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


def _modifier(doc: Doc | None, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span is not None and len(span) > 0 and (
        span.root.dep_ in MODIFIER_DEPS or span.root.pos_ == "ADJ")


def mention_rows(article: Article, sentences: list[dict], resolver: ActorResolver,
                 doc: Doc | None = None) -> list[dict]:
    """Actor mentions in one article, each placed in its sentence; a place in a dateline
    ("MOSCOW (AP) —") says where the story was filed and is no mention, nor is a bare
    institutional head (:data:`framing.core.actors.INSTITUTION_HEADS`) that the parse
    ``doc`` reads as a modifier ("on military posts")."""
    starts = [s["start"] for s in sentences]
    datelines = [(p.start, p.end) for p in paragraph_prefixes(article.document)
                 if p.kind == "dateline"]
    rows = []
    for match in resolver.find(article.document):
        if any(s <= match.start and match.end <= e for s, e in datelines):
            continue
        if match.kind == "head" and _modifier(doc, match.start, match.end):
            continue
        idx = max(bisect.bisect_right(starts, match.start) - 1, 0)
        rows.append(
            {
                "article_id": article.id,
                "outlet": article.outlet,
                "sent_id": sentences[idx]["sent_id"],
                "start": match.start,
                "end": match.end,
                "surface": match.surface,
                "actor_id": match.actor_id,
                "side": resolver.side(match.actor_id),
                "kind": match.kind,
            }
        )
    return rows


def mentions_frame(incident: Incident, sentences: pd.DataFrame,
                   docs: dict[str, Doc] | None = None) -> pd.DataFrame:
    """Actor mentions (aliases, demonyms, people resolved to actors) of every article
    (``docs``: the parses, see :func:`mention_rows`)."""
    resolver = ActorResolver(incident.actors)
    rows = []
    for article in incident.articles:
        sents = sentences[sentences.article_id == article.id].to_dict("records")
        rows.extend(mention_rows(article, sents, resolver, (docs or {}).get(article.id)))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS) if rows else empty_frame(MENTION_COLUMNS)


def prepare(incident: Incident | str | Path | None = None, *, spacy_model: str | None = None,
            n_process: int = 1) -> Parsed:
    """Load (if given a path), parse and build the base frames of an incident. A relative
    path is resolved from the working folder, then the project root (so a notebook run in
    ``notebooks/`` finds ``data/incidents/x``)."""
    if not isinstance(incident, Incident):
        incident = load_incident(incident)
    nlp = load_nlp(spacy_model)
    docs_list = parse_texts([a.document for a in incident.articles], nlp, n_process=n_process)
    docs = {a.id: d for a, d in zip(incident.articles, docs_list, strict=True)}
    sentences = sentences_frame(incident, docs)
    return Parsed(incident, docs, sentences, mentions_frame(incident, sentences, docs),
                  spacy_model=model_id(nlp), spacy_name=spacy_model)


def articles_frame(parsed: Parsed) -> pd.DataFrame:
    """One row per article: metadata, length and number of actor mentions."""
    return pd.DataFrame(
        [
            {
                "article_id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                "byline": a.byline,
                "url": a.url,
                "words": a.n_words,
                "sentences": int((parsed.sentences.article_id == a.id).sum()),
                "mentions": int((parsed.mentions.article_id == a.id).sum()),
            }
            for a in parsed.incident.articles
        ]
    )


def base_tables(parsed: Parsed) -> dict[str, pd.DataFrame]:
    """The incident's articles, sentences, actor mentions and voice segments (the base every
    analysis uses), and its wire copies: ``wire_copies`` (copies of one agency text across
    outlets) and ``copy_changes`` (what each copy changed, keyed by the sentence a change
    starts in; :mod:`framing.core.syndication`)."""
    from framing.core.syndication import copy_differences, wire_groups

    articles = parsed.incident.articles
    outlets = {a.id: a.outlet for a in articles}
    groups = wire_groups(articles)
    changes = copy_differences(articles, groups)
    return {"articles": articles_frame(parsed), "sentences": parsed.sentences,
            "mentions": parsed.mentions,
            "voice_segments": segments_frame(parsed.voices, parsed.sentences, outlets),
            "wire_copies": groups, "copy_changes": _with_sent_ids(changes, parsed.sentences)}


def _with_sent_ids(changes: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``sent_id`` of the sentence each change starts in (of the copy; of the reference for
    a cut paragraph, which the copy lacks)."""
    sent_ids = []
    by_article = {k: g for k, g in sentences.groupby("article_id")}
    for c in changes.itertuples():
        article, char = (c.article_id, c.start) if not pd.isna(c.start) else (
            c.reference, c.ref_start)
        sents = by_article.get(article)
        hit = sents[(sents.start <= char) & (sents.end > char)] if sents is not None else []
        sent_ids.append(int(hit.sent_id.iloc[0]) if len(hit) else None)
    out = changes.copy()
    out.insert(3, "sent_id", pd.array(sent_ids, dtype="Int64"))
    return out
