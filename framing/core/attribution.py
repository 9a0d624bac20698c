"""Attribution: who is cited in each sentence, with which reporting verb, and in whose voice.

Three kinds of attribution are found on the spaCy parse:

- **reporting verbs** with their source: "X said (that) ...", "X told Y ...", "said a
  statement from X" (the source inside the subject), quotative inversion ("..., added the
  Army"), participial continuations ("..., alleging that ...") inheriting the source of the
  reporting verb they continue;
- **"according to X"** adjuncts;
- **direct quotations**: quotation-mark pairs over the whole document (so a quote may span
  sentences, as in ``“Armenia shouldn’t ... ,” Aliyev said ... ”It ... anyone,” he said.``),
  with the nearest reporting verb outside any quote as cue and its subject as speaker
  (textacy's ``direct_quotations``, after Krestel, Bergler & Witte 2008, extended to quotes
  that span sentences, a stray closing mark used as an opening one, and speakers resolved
  through pronouns); the quotation marks themselves are found by :mod:`framing.core.quotes`.

Every reporting verb has a **stance class** (:data:`framing.core.reporting.STANCE`):
``neutral`` (said, told,
reported, stated, added, announced), ``distancing`` (claimed, alleged, insisted, purported:
the writer signals doubt), ``endorsing`` (confirmed, acknowledged, revealed: factive verbs
that presuppose the content is true; Hooper 1975, used for bias by Recasens et al. 2013),
``accusatory`` (accused, charged, blamed) and ``denying`` (denied, rejected). Speakers are
resolved to incident actors with :class:`framing.core.actors.ActorResolver`; a pronoun ("he")
goes to the nearest preceding person, "the Army" to the nearest preceding actor mention
with the same head word. Share of voice (sentences and words per actor side) follows the
source-counting tradition of news-sourcing studies (e.g. Sigal 1973).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from framing.core.actors import ActorResolver
from framing.core.phrases import recovered_subject, trim_span
from framing.core.quotes import Quote, find_quotes, in_quote
from framing.core.reporting import STANCE

#: Reporting verbs whose object is the addressee or the accused, never the speaker.
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "warn", "ask", "urge", "call",
                             "accuse", "blame", "charge", "condemn", "denounce", "quote",
                             "cite", "describe"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
MIN_QUOTE_TOKENS = 4  # shorter quoted spans are partial quotes or scare quotes


@dataclass
class Source:
    """One attribution in a sentence.

    Attributes:
        form: ``reporting_verb``, ``according_to`` or ``direct_quote``.
        cue: the reporting verb (or "according to") token; None for an uncued quote.
        speaker: head token of the source phrase; None when the source is not named.
        speaker_span: the source phrase as written.
        actor_id: the incident actor the source resolves to (None if none).
        stance: stance class of the cue (:data:`STANCE`).
        addressee: "X told Y": Y's phrase.
        content: the tokens reported (clause, object or quote) as a span, if found.
    """

    form: str
    cue: Token | None
    speaker: Token | None
    speaker_span: Span | None
    actor_id: str | None
    stance: str
    addressee: Span | None = None
    content: Span | None = None
    quote: Quote | None = None


# --- sources of reporting verbs ------------------------------------------------------------


def reporting_verbs(span: Span | Doc) -> list[Token]:
    """Tokens of ``span`` that are reporting verbs (by lemma, verbs only)."""
    return [t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in STANCE
            and t.dep_ not in ("amod", "compound")
            and not (t.i > 0 and t.doc[t.i - 1].text == "-")]  # "so-called"


def speaker_of(verb: Token, depth: int = 0) -> Token | None:
    """The source (subject) of a reporting verb, repairing common misparses."""
    # quotative inversion: "..., added the Army." / "..., said a statement from X"
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is not None and (prev.text == "," or prev.tag_ == "''"):
        deps = {"nsubj", "attr", "npadvmod"}
        if verb.lemma_.lower() not in ADDRESSEE_VERBS:
            deps.add("dobj")  # "..., added the Army" (not "..., telling the agency")
        for c in verb.children:
            if c.dep_ in deps and c.i > verb.i and c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        for prep in verb.children:
            if prep.dep_ == "agent":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None  # "was reported": agentless
    recovered = recovered_subject(verb)
    if recovered is not None:
        return recovered  # "Through his spokesperson X, Prime Minister Y said"
    if depth > 3:
        return None
    head = verb.head
    if head == verb:
        return None
    # "..., alleging that ...": the source of the reporting verb it continues
    anc = head
    while True:
        if anc.lemma_.lower() in STANCE and anc.pos_ == "VERB":
            return speaker_of(anc, depth + 1)
        if anc.head == anc:
            break
        anc = anc.head
    if verb.dep_ in ("conj", "advcl", "xcomp") and head.pos_ in ("VERB", "AUX"):
        return speaker_of(head, depth + 1) if head.lemma_ != "be" else None
    return None


def speaker_phrase(token: Token) -> Span:
    """The source phrase: the speaker's subtree without relative clauses."""
    drop = {t.i for c in token.subtree if c.dep_ in ("relcl", "acl", "appos", "advcl")
            and c != token for t in c.subtree}
    drop |= {c.i for c in token.children if c.dep_ == "punct"}
    idx = [t.i for t in token.subtree if t.i not in drop]
    return trim_span(token, min(idx), max(idx), lambda t: t.is_punct or t.is_space)


def _content(verb: Token) -> Span | None:
    for c in verb.children:
        if c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis") and c.i != verb.i:
            toks = list(c.subtree)
            return verb.doc[toks[0].i:toks[-1].i + 1]
    return None


class SpeakerResolver:
    """Resolve a source phrase to an actor: names and aliases (also inside a longer phrase:
    "a statement from X"), pronouns (nearest preceding person / organisation) and definite
    descriptions ("the Army" → the last actor mention whose surface ends in "Army")."""

    def __init__(self, resolver: ActorResolver, doc: Doc, text: str | None = None) -> None:
        self.resolver = resolver
        self.doc = doc
        self.text = text if text is not None else doc.text
        self.mentions = resolver.find(self.text)
        self.people = sorted(
            [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
            + [(m.start, m.end, m.surface) for m in self.mentions if m.kind == "person"])

    def actor_of(self, phrase: str) -> str | None:
        return self.resolver.resolve(phrase)

    def resolve(self, head: Token, phrase: Span, speaker_actor: str | None = None,
                quoted: bool = False) -> tuple[str | None, str]:
        """(actor id or None, surface used) for a source or role phrase.

        ``speaker_actor`` is the actor of the source the phrase is reported by; inside a
        direct quote (``quoted``) "we" is the speaker and "they / them / their" is not.
        """
        text = self.text[phrase.start_char:phrase.end_char]
        actor = self.actor_of(text)
        if actor is not None:
            return actor, text
        lower = head.lower_
        if lower in FIRST_PERSON:
            return (speaker_actor if quoted else None), text
        if lower in PERSON_PRONOUNS:
            person = self.preceding_person(head.idx)
            if person is not None:
                return self.actor_of(person), person
            return None, text
        pron = next((t for t in phrase if t.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS
                     and t.dep_ in ("poss", "nsubj", "nsubjpass", "dobj", "pobj")), None)
        if pron is not None:
            if pron.lower_ in PERSON_PRONOUNS:
                person = self.preceding_person(pron.idx)
                return (self.actor_of(person) if person else None), text
            mention = self.preceding_mention(pron.idx, exclude=speaker_actor if quoted and
                                             pron.lower_ in ("them", "they", "their")
                                             else None)
            if mention is not None:
                return mention.actor_id, text
        # a definite description repeating the head of an earlier mention: "the Army"
        if head.pos_ in ("PROPN", "NOUN") and any(t.lower_ == "the" for t in phrase):
            for m in reversed(self.mentions):
                if m.start < head.idx and m.surface.split()[-1].lower() == head.lower_:
                    return m.actor_id, text
        return None, text

    def preceding_person(self, char: int) -> str | None:
        """The nearest person named before ``char``."""
        best = None
        for start, _end, name in self.people:
            if start < char:
                best = name
        return best

    def preceding_mention(self, char: int, exclude: str | None = None):
        """The nearest actor mention (not a person) before ``char``."""
        best = None
        for m in self.mentions:
            if m.start >= char:
                break
            if m.kind != "person" and m.actor_id != exclude:
                best = m
        return best


def sentence_sources(sent: Span, speakers: SpeakerResolver) -> list[Source]:
    """Reporting-verb and "according to" sources of one sentence (quotes excluded)."""
    out: list[Source] = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and \
                tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                phrase = speaker_phrase(objs[0])
                actor, _ = speakers.resolve(objs[0], phrase)
                out.append(Source("according_to", tok, objs[0], phrase, actor, "neutral"))
    for verb in reporting_verbs(sent):
        speaker = speaker_of(verb)
        if speaker is not None and speaker.lower_ in ("who", "which", "that"):
            speaker = speaker.head.head if speaker.head.dep_ == "relcl" else speaker
        phrase = speaker_phrase(speaker) if speaker is not None else None
        actor = speakers.resolve(speaker, phrase)[0] if speaker is not None else None
        addressee = None
        if verb.lemma_ == "tell":
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "npadvmod")
                    and c.pos_ in ("PROPN", "NOUN", "PRON")]
            addressee = speaker_phrase(objs[0]) if objs else None
        out.append(Source("reporting_verb", verb, speaker, phrase, actor,
                          STANCE[verb.lemma_.lower()], addressee, _content(verb)))
    return out


def quote_speaker(quote: Quote, doc: Doc, quotes: list[Quote], speakers: SpeakerResolver,
                  sents: list[Span] | None = None, text: str | None = None) -> Source:
    """The cue and speaker of a direct quote: the nearest reporting verb outside any quote
    in the sentences the quote touches (and the one after it), by token distance.

    ``sents`` (``list(doc.sents)``) and ``text`` (``doc.text``) may be passed in by a caller
    handling many quotes of one document, so they are built once, not per quote.
    """
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None:
        return Source("direct_quote", None, None, None, None, "neutral", quote=quote)
    sents = sents if sents is not None else list(doc.sents)
    text = text if text is not None else doc.text
    starts = [s.start_char for s in sents]
    k0 = max(bisect.bisect_right(starts, quote.start) - 1, 0)
    k1 = max(bisect.bisect_right(starts, max(quote.end - 1, quote.start)) - 1, 0)
    window = sents[k0:k1 + 1]
    if k1 + 1 < len(sents) and quote.end >= sents[k1].end_char - 2 and "\n" not in \
            text[quote.end:sents[k1 + 1].start_char]:
        window.append(sents[k1 + 1])  # "...” he said." in the same paragraph
    cands = [v for s in window for v in reporting_verbs(s)
             if in_quote(v.idx, quotes) is None and speaker_of(v) is not None]
    if not cands:
        return Source("direct_quote", None, None, None, None, "neutral", quote=quote)

    def distance(v: Token) -> int:
        return min(abs(v.i - first.start), abs(v.i - (first.end - 1)))

    verb = min(cands, key=distance)
    speaker = speaker_of(verb)
    phrase = speaker_phrase(speaker)
    actor, _ = speakers.resolve(speaker, phrase)
    return Source("direct_quote", verb, speaker, phrase, actor, STANCE[verb.lemma_.lower()],
                  content=first, quote=quote)


def doc_quotes(doc: Doc, speakers: SpeakerResolver, text: str | None = None
               ) -> list[Source]:
    """Every direct quote of a document with its speaker (see :func:`quote_speaker`).

    Quotes shorter than :data:`MIN_QUOTE_TOKENS` words are kept with ``form`` set to
    ``partial_quote`` (a quoted fragment inside a reported sentence, or a scare quote).
    """
    text = text if text is not None else doc.text
    quotes = find_quotes(text)
    sents = list(doc.sents)
    out = []
    previous: Source | None = None
    for q in quotes:
        n_words = words(text[q.start:q.end])
        src = quote_speaker(q, doc, quotes, speakers, sents, text)
        if src.speaker is None and previous is not None and previous.speaker is not None \
                and text.count("\n\n", previous.quote.end, q.start) == 0 and n_words >= \
                MIN_QUOTE_TOKENS:
            # an uncued quote continuing the previous speaker's quote in the paragraph
            src = Source("direct_quote", previous.cue, previous.speaker,
                         previous.speaker_span, previous.actor_id, previous.stance,
                         content=src.content, quote=q)
        if n_words < MIN_QUOTE_TOKENS:
            src.form = "partial_quote"
        else:
            previous = src
        out.append(src)
    return out


def source_of_token(token: Token, sources: Iterable[Source]) -> Source | None:
    """The attribution governing a token: the reporting verb whose complement (or
    argument) contains it, else the sentence's "according to", else None (narrator)."""
    sources = list(sources)
    by_cue = {s.cue.i: s for s in sources if s.cue is not None and s.form == "reporting_verb"}
    anc = token
    seen = 0
    while anc.head != anc and seen < 50:
        child, anc = anc, anc.head
        seen += 1
        if anc.i in by_cue:
            src = by_cue[anc.i]
            if src.speaker is not None and child.i in {t.i for t in src.speaker.subtree}:
                continue  # the token is inside the source phrase itself
            if child.dep_ in ("nsubj", "nsubjpass") and src.speaker is not None \
                    and child == src.speaker:
                continue
            return src
    for s in sources:
        if s.form == "according_to" and s.cue.sent == token.sent:
            return s
    return None


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
