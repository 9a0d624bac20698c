"""Voice: whose words each span of an article is — the layer every analysis reads.

Every span of an article is in one of four voices (:data:`VOICES`):

- ``outlet``: the outlet's own words (no attribution governs them);
- ``direct_quote``: inside quotation marks (:mod:`framing.core.quotes`), the words of the
  quote's speaker;
- ``reported``: indirect speech, the clause of a neutral or endorsing reporting verb
  ("X said (that) ...");
- ``attributed``: a claim the outlet marks as its source's ("according to X", "X claimed",
  "X alleged": the distancing verbs of :data:`framing.core.reporting.STANCE`; accusations,
  "accused X of V-ing"; labels, "described X as Y"; hearsay, "reportedly"; a headline
  attributed by punctuation, "...: official").

Each source carries its resolved speaker name (``Source.speaker_name``: "he" → the
person it stands for). A sentence touched by an unbalanced quotation mark is flagged
(:meth:`ArticleVoice.quote_uncertain`, the ``quote_uncertain`` column of
``voice_segments``): whose words it holds may be misread, but nothing is dropped.

The speakers, reporting verbs and quotes come from :mod:`framing.core.attribution` (one
speaker detector, one reporting-verb vocabulary); :class:`ArticleVoice` holds them for one
article and answers :meth:`ArticleVoice.voice_of` for any character span. A loaded word the
outlet quotes is the source's word, not the outlet's (the distinction of Recasens et al.
2013 between a writer's framing bias and the bias of those it quotes); an agent named only
inside a source's claim is that source's accusation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from spacy.tokens import Doc, Token

from framing.core.actors import ActorResolver
from framing.core.attribution import Source, doc_quotes, sentence_sources, source_of_token
from framing.core.quotes import Quote, find_quotes
from framing.core.reporting import (
    ATTRIBUTING_VERBS,
    CLAUSAL,
    LABELLING_VERBS,
    in_labelling_frame,
    non_reporting_sense,
)
from framing.core.speakers import SpeakerResolver

OUTLET, DIRECT_QUOTE, REPORTED, ATTRIBUTED = "outlet", "direct_quote", "reported", "attributed"
VOICES = (OUTLET, DIRECT_QUOTE, REPORTED, ATTRIBUTED)
#: Stance classes of a reporting verb that mark its clause as the source's claim: the
#: distancing verbs ("claimed", "alleged") and accusations ("accused X of V-ing").
ATTRIBUTING_STANCES = frozenset({"distancing", "accusatory"})

#: One row per voice segment of a sentence (:func:`voice_segments`).
SEGMENT_COLUMNS = ["article_id", "outlet", "sent_id", "start", "end", "voice",
                   "span_start", "span_end", "source_text", "source_actor", "source_side",
                   "cue", "cue_lemma", "stance", "speaker_name", "quote_uncertain"]


@dataclass(frozen=True)
class Voice:
    """The voice of a span and the attribution behind it (None for the outlet's own)."""

    voice: str
    source: Source | None = None

    @property
    def actor(self) -> str | None:
        """The incident actor the source resolves to (None: unnamed or not an actor)."""
        return self.source.actor_id if self.source is not None else None


def is_labelling(cue: Token | None) -> bool:
    """A labelling verb in its labelling frame ("described the crossing as a provocation",
    "called the offer a non-starter": :data:`framing.core.reporting.LABELLING_VERBS` with
    an "as" phrase or an object predicate): the label is the source's characterisation."""
    return cue is not None and cue.lemma_.lower() in LABELLING_VERBS and \
        in_labelling_frame(cue)


class ArticleVoice:
    """One article's attributions: its speakers, reporting verbs, "according to" and quotes.

    ``doc`` is the parse the analyses read (Title Case headlines truecased,
    :func:`framing.core.truecasing.analysis_docs`); ``text`` is ``article.document``.
    """

    def __init__(self, doc: Doc, text: str, resolver: ActorResolver) -> None:
        self.doc = doc
        self.text = text
        self.resolver = resolver
        self.speakers = SpeakerResolver(resolver, doc, text)
        self.quotes = doc_quotes(doc, self.speakers, text)
        self.sources: list[Source] = []
        for sent in doc.sents:
            self.sources.extend(sentence_sources(sent, self.speakers))
        self.quotes += block_quotes(self.sources, text)
        # each sentence's cued sources, by the sentence's first token (looked up per span)
        self._sent_sources: dict[int, list[Source]] = {}
        for src in self.sources:
            if src.cue is not None:
                self._sent_sources.setdefault(src.cue.sent.start, []).append(src)
        self.uncertain = self._uncertain_ranges()

    def _uncertain_ranges(self) -> list[tuple[int, int]]:
        """Character ranges of the sentences touched by a quote whose boundaries are
        uncertain (:attr:`framing.core.quotes.Quote.uncertain`), from the first sentence
        it touches to the last."""
        out = []
        for q in find_quotes(self.text):
            if not q.uncertain:
                continue
            span = self.doc.char_span(q.start, max(q.end, q.start + 1),
                                      alignment_mode="expand")
            if span is None or not len(span):
                out.append((q.start, q.end))
                continue
            out.append((span[0].sent.start_char, span[-1].sent.end_char))
        return out

    def quote_uncertain(self, start: int, end: int) -> bool:
        """Whether the span ``[start, end)`` lies in a sentence touched by an unbalanced
        quotation mark (a quote left open, a mark pointing the wrong way): whose words it
        holds may be misread ("quote boundary uncertain")."""
        return any(start < hi and end > lo for lo, hi in self.uncertain)

    def surface(self, span) -> str | None:
        return None if span is None else self.text[span.start_char:span.end_char]

    def quote_at(self, char: int) -> Source | None:
        """The direct quote (four words or more) whose marks enclose ``char``."""
        for q in self.quotes:
            if q.quote.start < char < q.quote.end and q.form == "direct_quote":
                return q
        return None

    def source_for(self, token: Token) -> Source | None:
        """Direct quote speaker, else governing reporting verb, else "according to"."""
        quote = self.quote_at(token.idx)
        if quote is not None and quote.speaker is not None:
            return quote
        return source_of_token(token, self._sent_sources.get(token.sent.start, []))

    def covering_quote(self, start: int, end: int, min_overlap: float = 0.5,
                       partial: bool = True) -> Source | None:
        """The quote (direct, or partial when ``partial``) holding at least ``min_overlap``
        of the span's characters (the one holding most), else None."""
        best, best_share = None, 0.0
        length = max(end - start, 1)
        for src in self.quotes:
            if src.quote is None or (src.form == "partial_quote" and not partial):
                continue
            share = (min(end, src.quote.end) - max(start, src.quote.start)) / length
            if share >= min_overlap and share > best_share:
                best, best_share = src, share
        return best

    def voice_of(self, start: int, end: int, depth: int = 0) -> Voice:
        """The voice of the span ``[start, end)`` of ``article.document``: the attribution
        governing it (:meth:`governed_voice`), with three corrections. A span governed only
        by a speech verb used in another sense ("maintain the ceasefire", "claimed the
        lives": :func:`framing.core.reporting.non_reporting_sense`) takes the voice of what
        governs that verb. A verb coordinated with the reporting verb ("Aliyev blamed
        Armenia and threatened to ...": a second act the outlet narrates), a participle
        clause on it ("said ..., triggering an escalation": the outlet's comment) and a
        relative clause on the noun object of a reporting verb that takes no clause ("The
        army reported a violation of the truce that ended the war": background the outlet
        adds) are the outlet's own."""
        v = self.governed_voice(start, end)
        cue = v.source.cue if v.source is not None else None
        if cue is None or v.source.form not in ("reporting_verb", "partial_quote"):
            return v
        if non_reporting_sense(cue):
            # "claimed a “so-called” victory": the verb quotes no one; the span is in the
            # voice of whatever governs the verb itself ("Zhao said China was maintaining")
            outer = self.voice_of(cue.idx, cue.idx + len(cue.text), depth + 1) \
                if depth < 3 else Voice(OUTLET)
            if outer.source is None:
                return Voice(OUTLET)
            return Voice(DIRECT_QUOTE, outer.source) if v.voice == DIRECT_QUOTE else outer
        if v.voice == DIRECT_QUOTE:
            return v
        span = self.doc.char_span(start, end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if root is None:
            return v
        if root.dep_ == "conj" and root.head.i == cue.i or _in_comment_clause(root, cue):
            return Voice(OUTLET)
        if v.source.form == "reporting_verb" and not any(
                c.dep_ in CLAUSAL for c in cue.children) and _in_relative_clause(root, cue):
            return Voice(OUTLET)
        return v

    def governed_voice(self, start: int, end: int) -> Voice:
        """The voice of the span ``[start, end)`` from the attribution governing it.

        A span mostly inside quotation marks is ``direct_quote`` (source: the quote's
        speaker, else the attribution governing the span); otherwise the attribution
        governing the span's syntactic root (a reporting verb whose clause contains it,
        else the sentence's "according to") gives ``attributed`` for "according to" and
        distancing verbs, ``reported`` for other reporting verbs; none gives ``outlet``.
        """
        span = self.doc.char_span(start, end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        governing = self.source_for(root) if root is not None else None
        quote = self.covering_quote(start, end)
        if quote is not None:
            return Voice(DIRECT_QUOTE, quote if quote.speaker is not None else governing)
        if governing is None:
            return Voice(OUTLET)
        if governing.form == "according_to" or governing.stance in ATTRIBUTING_STANCES \
                or is_labelling(governing.cue):
            return Voice(ATTRIBUTED, governing)
        if governing.form == "direct_quote":
            return Voice(DIRECT_QUOTE, governing)
        return Voice(REPORTED, governing)

    def columns(self, voice: Voice) -> dict:
        """``voice``, ``source_text``, ``source_actor``, ``source_side`` of a :class:`Voice`,
        the columns an analysis adds to its rows."""
        src = voice.source
        return {"voice": voice.voice,
                "source_text": self.surface(src.speaker_span) if src is not None else None,
                "source_actor": voice.actor,
                "source_side": self.resolver.side(voice.actor) if voice.actor else None}


#: Paragraphs a block quote may run over ("X reported:" and the paragraphs after it).
MAX_BLOCK_PARAGRAPHS = 3


def block_quotes(sources: list[Source], text: str) -> list[Source]:
    """Block quotes: a paragraph that ends with a source and a colon ("The Milwaukee
    Journal Sentinel reported:", "In a statement, the ministry said:") introduces the
    paragraphs after it as that source's words, without quotation marks (a web page draws
    them as an indented block, lost in plain text). They run until a paragraph with
    quotation marks (the outlet quoting again) or the end of the text, at most
    :data:`MAX_BLOCK_PARAGRAPHS` paragraphs: where the outlet resumes is a guess, so each
    becomes a direct quote of the source marked ``uncertain``."""
    out: list[Source] = []
    for src in sources:
        if src.cue is None or src.speaker is None or src.form == "direct_quote":
            continue
        sent_end = len(text[:src.cue.sent.end_char].rstrip())
        if not text[:sent_end].endswith(":") or not text.startswith("\n", sent_end):
            continue
        start = sent_end
        for _ in range(MAX_BLOCK_PARAGRAPHS):
            while start < len(text) and text[start] in "\n ":
                start += 1
            end = text.find("\n\n", start)
            end = len(text) if end < 0 else end
            para = text[start:end]
            if start >= end or any(m in para for m in '"“”«»'):
                break
            out.append(replace(src, form="direct_quote",
                               quote=Quote(start, end, closed=True, uncertain=True)))
            start = end
    return out


def _in_comment_clause(token: Token, cue: Token) -> bool:
    """Whether ``token`` sits in a participle clause on the reporting verb ``cue`` headed by
    a verb that reports nothing ("said ..., triggering an escalation"): the outlet's comment
    on the act of saying ("..., saying they pose a threat" is a report of its own)."""
    while token.head.i != token.i and token.head.i != cue.i:
        token = token.head
    return token.head.i == cue.i and token.i != cue.i and token.dep_ == "advcl" and \
        token.tag_ == "VBG" and token.lemma_.lower() not in ATTRIBUTING_VERBS


def _in_relative_clause(token: Token, cue: Token) -> bool:
    """Whether ``token`` sits in a finite relative clause ("that ended the war") on the noun
    object of the reporting verb ``cue``: background the outlet adds, not what is reported."""
    while token.i != cue.i and token.head.i != token.i:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


def voice_segments(voice: ArticleVoice, article_id: str, outlet: str,
                   sentences: list[dict]) -> list[dict]:
    """The article's sentences cut into runs of tokens in one voice with one source
    (:data:`SEGMENT_COLUMNS`): "Officials said | troops had been attacked" gives an outlet
    segment (the attribution itself) and a reported one. ``sentences`` are the article's
    rows of the ``sentences`` frame."""
    rows: list[dict] = []
    for sent in sentences:
        span = voice.doc.char_span(sent["start"], sent["end"], alignment_mode="expand")
        if span is None:
            continue
        runs: list[list] = []  # [voice, source, start, end]
        for tok in span:
            if tok.is_space or tok.is_punct and runs:
                continue
            v = voice.voice_of(tok.idx, tok.idx + len(tok.text))
            if runs and runs[-1][0] == v.voice and runs[-1][1] is v.source:
                runs[-1][3] = tok.idx + len(tok.text)
            else:
                runs.append([v.voice, v.source, tok.idx, tok.idx + len(tok.text)])
        for name, src, lo, hi in runs:
            cue = src.cue if src is not None else None
            rows.append({
                "article_id": article_id, "outlet": outlet, "sent_id": sent["sent_id"],
                "start": sent["start"], "end": sent["end"],
                "span_start": lo, "span_end": hi,
                **voice.columns(Voice(name, src)),
                "cue": voice.text[cue.idx:cue.idx + len(cue.text)] if cue is not None
                else None,
                "cue_lemma": ("according to" if src is not None and src.form == "according_to"
                              else cue.lemma_.lower() if cue is not None else None),
                "stance": src.stance if cue is not None else None,
                "speaker_name": src.speaker_name if src is not None else None,
                "quote_uncertain": voice.quote_uncertain(sent["start"], sent["end"])})
    return rows


def segments_frame(voices: dict[str, ArticleVoice], sentences: pd.DataFrame,
                   outlets: dict[str, str]) -> pd.DataFrame:
    """The ``voice_segments`` table of an incident (``outlets``: article id -> outlet)."""
    rows: list[dict] = []
    for aid, voice in voices.items():
        sents = sentences[sentences.article_id == aid].sort_values("sent_id")
        rows.extend(voice_segments(voice, aid, outlets[aid], sents.to_dict("records")))
    frame = pd.DataFrame(rows, columns=SEGMENT_COLUMNS)
    for col in ("sent_id", "start", "end", "span_start", "span_end"):
        frame[col] = frame[col].astype("Int64")
    frame["quote_uncertain"] = frame["quote_uncertain"].astype(bool)
    return frame
