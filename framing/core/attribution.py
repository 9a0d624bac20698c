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
resolved to incident actors with :class:`framing.core.actors.ActorResolver` and to names by
in-document coreference (:class:`framing.core.speakers.SpeakerResolver`: a pronoun to its
antecedent, a surname to the full name, "the governor" to the person it describes), "the
Army" to the nearest preceding actor mention with the same head word. Share of voice
(sentences and words per actor side) follows the source-counting tradition of
news-sourcing studies (e.g. Sigal 1973).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from framing.core.phrases import REL_PRONOUNS, antecedent, recovered_subject, trim_span
from framing.core.quotes import Quote, find_quotes, in_quote
from framing.core.reporting import STANCE, is_that_clause_verb, non_reporting_sense, stance_of
from framing.core.speakers import PERSON_NOUNS, SpeakerResolver

#: Reporting verbs whose object is the addressee or the accused, never the speaker.
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "warn", "ask", "urge", "call",
                             "accuse", "blame", "charge", "condemn", "denounce", "quote",
                             "cite", "describe"})
#: Reporting verbs whose direct object is only ever the addressee ("told X", "urged X").
ADDRESSEE_ONLY_VERBS = frozenset({"tell", "inform", "brief", "warn", "ask", "urge"})
MIN_QUOTE_TOKENS = 4  # shorter quoted spans are partial quotes or scare quotes
TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Nouns that name a source in a headline ("...: official", "...: sources").
SOURCE_NOUNS = frozenset({"source", "sources", "report", "reports", "media", "police",
                          "army", "military", "ministry", "government", "officials"})
#: Adverbs by which the outlet marks a statement as hearsay from an unnamed source.
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly",
                             "reputedly"})




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
        quote: the quotation-mark pair of a direct or partial quote.
        speaker_name: who the source is, resolved (:meth:`SpeakerResolver.name_of`): the
            fullest name of the person named ("Mr. McCarthy" -> "Kevin McCarthy"), a
            pronoun's or a definite description's antecedent ("he" -> "Nikol Pashinyan"),
            else the source phrase as written; None when the source is not named.
        antecedent: the mention ``speaker_name`` comes from when the source phrase is a
            pronoun or a description ("he", "the governor").
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
    speaker_name: str | None = None
    antecedent: Span | None = None


# --- sources of reporting verbs ------------------------------------------------------------


def reporting_verbs(span: Span | Doc) -> list[Token]:
    """Tokens of ``span`` that are reporting verbs (by lemma, verbs only), and verbs of
    saying or thinking outside the vocabulary recognised by their frame
    (:func:`is_that_clause_verb`: "Beijing reiterated that ..."); a speech verb used in
    another sense is none (:func:`framing.core.reporting.non_reporting_sense`)."""
    return [t for t in span if t.pos_ == "VERB" and (t.lemma_.lower() in STANCE
                                                     or is_that_clause_verb(t))
            and t.dep_ not in ("amod", "compound")
            and not (t.i > 0 and t.doc[t.i - 1].text == "-")  # "so-called"
            and not non_reporting_sense(t)]  # "maintain the ceasefire", "claimed the lives"


def _quoted_as_saying(verb: Token) -> Token | None:
    """The person quoted in "X quoted / cited Y as saying ...": Y, the source of what is
    said, for both "quoted" and "saying" (X only relays it)."""
    relay = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head != verb.head:
        relay = verb.head.head
    elif not any(c.dep_ == "prep" and c.lower_ == "as" and any(
            g.dep_ == "pcomp" and g.lemma_.lower() in ("say", "tell", "state", "add")
            for g in c.children) for c in verb.children):
        return None
    if relay.lemma_.lower() not in ("quote", "cite"):
        return None
    return next((c for c in relay.children if c.dep_ == "dobj"), None)


def speaker_of(verb: Token, depth: int = 0) -> Token | None:
    """The source (subject) of a reporting verb, repairing common misparses: a subject
    before the verb wins over a time expression after it ("X, Democrat of Y, said
    Wednesday"), and of two subjects the one nearest the verb (the parser sometimes gives
    a quote's own subject to the verb after it)."""
    quoted = _quoted_as_saying(verb)
    if quoted is not None:
        return quoted
    subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj", "csubj")),
                      key=lambda c: abs(c.i - verb.i))
    # quotative inversion: "..., added the Army." / "..., said a statement from X"
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is not None and (prev.text == "," or prev.tag_ == "''") and not any(
            c.i < verb.i and not any(t.is_quote for t in verb.doc[c.i:verb.i])
            for c in subjects):
        deps = {"nsubj", "attr", "npadvmod"}
        if verb.lemma_.lower() not in ADDRESSEE_VERBS:
            deps.add("dobj")  # "..., added the Army" (not "..., telling the agency")
        for c in verb.children:
            if c.dep_ in deps and c.i > verb.i and c.pos_ in ("PROPN", "NOUN", "PRON") \
                    and c.ent_type_ not in TIME_ENTITIES:
                return c
    if subjects:
        return subjects[0]
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.i < verb.i and \
            verb.head.pos_ in ("PROPN", "NOUN") and verb.doc[verb.i - 1].text == "," and \
            any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        # "X, the leader, called the offer ...": the sentence's verb misread as a reduced
        # relative on its subject (the parse has no main verb)
        return verb.head
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


def source_head(verb: Token) -> Token | None:
    """The head of a reporting verb's source (:func:`speaker_of`), a relative pronoun
    replaced by the noun it stands for ("said Bloomberg, who added" → Bloomberg)."""
    speaker = speaker_of(verb)
    if speaker is not None and speaker.lower_ in REL_PRONOUNS:
        speaker = antecedent(speaker)
    return speaker


def make_source(form: str, cue: Token | None, speaker: Token | None,
                speakers: SpeakerResolver, stance: str = "neutral", **fields) -> Source:
    """A :class:`Source` whose speaker phrase, actor and name are filled in from its head
    token ``speaker`` (:func:`speaker_phrase`, :meth:`SpeakerResolver.resolve` and
    :meth:`SpeakerResolver.name_of`)."""
    if speaker is None:
        return Source(form, cue, None, None, None, stance, **fields)
    phrase = speaker_phrase(speaker)
    actor, _ = speakers.resolve(speaker, phrase, speaker=True)
    name, antecedent_span = speakers.name_of(speaker, phrase)
    if actor is None and name is not None and (antecedent_span is not None or name != (
            speakers.text[phrase.start_char:phrase.end_char])):
        actor = speakers.actor_of(name)  # "he" / "Mr. Wang" -> the person's actor
    return Source(form, cue, speaker, phrase, actor, stance, speaker_name=name,
                  antecedent=antecedent_span, **fields)


def headline_source(sent: Span) -> tuple[Token, Token] | None:
    """(separator, source head) of a headline attributed by punctuation: "20 soldiers
    killed in clash: official", "Military suffers casualties - Global Times editor",
    "China: India crossed the line". One side of a colon or a spaced dash is a short noun
    phrase naming a speaker (a person, organisation or place entity, or a person noun such
    as "official" or "sources"; at most four words, no verb), the other a clause."""
    for sep in sent:
        if sep.text not in (":", "-", "–", "—") or sep.i in (sent.start, sent.end - 1) \
                or sep.text != ":" and not (sep.whitespace_ and sep.i > 0
                                            and sep.doc[sep.i - 1].whitespace_):
            continue
        left = [t for t in sent.doc[sent.start:sep.i] if not t.is_space and not t.is_punct]
        right = [t for t in sent.doc[sep.i + 1:sent.end] if not t.is_space
                 and not t.is_punct]
        for short, other in ((right, left), (left, right)):
            if not 1 <= len(short) <= 4 or len(other) < 3 or any(
                    t.pos_ in ("VERB", "AUX") for t in short):
                continue
            head = short[-1]
            if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or \
                    head.lemma_.lower() in PERSON_NOUNS | SOURCE_NOUNS:
                return sep, head
    return None


def sentence_sources(sent: Span, speakers: SpeakerResolver) -> list[Source]:
    """Reporting-verb, "according to", headline (:func:`headline_source`) and hearsay
    adverb ("reportedly", "allegedly": an unnamed source) sources of one sentence
    (quotes excluded)."""
    out: list[Source] = []
    if sent.start_char == 0:
        found = headline_source(sent)
        if found is not None:
            out.append(make_source("according_to", found[0], found[1], speakers))
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and \
                tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                out.append(make_source("according_to", tok, objs[0], speakers))
        elif tok.lower_ in HEARSAY_ADVERBS and tok.pos_ == "ADV":
            out.append(make_source("according_to", tok, None, speakers, "distancing"))
    for verb in reporting_verbs(sent):
        speaker = source_head(verb)
        addressee = None
        if verb.lemma_ == "tell":
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "npadvmod")
                    and c.pos_ in ("PROPN", "NOUN", "PRON")]
            addressee = speaker_phrase(objs[0]) if objs else None
        out.append(make_source("reporting_verb", verb, speaker, speakers,
                               stance_of(verb), addressee=addressee,
                               content=_content(verb)))
    return out


def governing_verb(content: Span, quotes: list[Quote]) -> Token | None:
    """The verb outside any quote that takes the quoted words as an argument ("Schumer
    concluded, “...”", "called the offer “one-sided”"), when it has a source."""
    for tok in content:
        head = tok.head
        if not content.start <= head.i < content.end and head.pos_ == "VERB" and \
                in_quote(head.idx, quotes) is None and source_head(head) is not None:
            return head
    return None


def quote_speaker(quote: Quote, doc: Doc, quotes: list[Quote], speakers: SpeakerResolver,
                  sents: list[Span] | None = None, text: str | None = None) -> Source:
    """The cue and speaker of a direct quote: the nearest reporting verb outside any quote
    in the sentences the quote touches (and the one after it), by token distance; else the
    verb that takes the quote as its argument (:func:`governing_verb`, any verb: "X
    concluded, “...”").

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
             if in_quote(v.idx, quotes) is None and source_head(v) is not None]

    def distance(v: Token) -> int:
        return min(abs(v.i - first.start), abs(v.i - (first.end - 1)))

    verb = min(cands, key=distance) if cands else governing_verb(first, quotes)
    if verb is None:
        return Source("direct_quote", None, None, None, None, "neutral", quote=quote)
    return make_source("direct_quote", verb, source_head(verb), speakers,
                       stance_of(verb), content=first,
                       quote=quote)


def _paragraph_start(text: str, char: int) -> int:
    k = text.rfind("\n\n", 0, char)
    return 0 if k < 0 else k + 2


def _whole_sentence(text: str, quote: Quote, sents: list[Span]) -> bool:
    """Whether ``quote`` is a sentence of its own (a quoted sentence, however short, is a
    direct quote, not a scare quote: “God help us.”)."""
    k = max(bisect.bisect_right([s.start_char for s in sents], quote.start) - 1, 0)
    if not sents:
        return False
    sent = sents[k]
    return not text[sent.start_char:quote.start].strip() and \
        not text[quote.end:sent.end_char].strip(" \n.")


def introduced_by(quote: Quote, doc: Doc, quotes: list[Quote], speakers: SpeakerResolver,
                  sents: list[Span], text: str, previous: Source | None) -> Source | None:
    """The source of an uncued quote that opens its paragraph: the last source named in
    the paragraph before (its last reporting verb outside quotes, or the speaker of its
    last quote; or, when it ends with a colon, the main verb of its last sentence), the
    newswire convention of a quote paragraph after the paragraph that introduces the
    speaker ("X criticised the offer: | “...”")."""
    par = _paragraph_start(text, quote.start)
    if par == 0 or text[par:quote.start].strip():
        return None
    prev_par = _paragraph_start(text, par - 2)
    best: Source | None = None
    if previous is not None and previous.speaker is not None and previous.quote is not None \
            and previous.quote.start >= prev_par:
        best = previous
    verbs: list[Token] = []
    for sent in sents:
        if prev_par <= sent.start_char < par:
            verbs.extend(reporting_verbs(sent))
            if text[prev_par:par].rstrip().endswith(":") and sent.end_char >= len(
                    text[:par].rstrip()) - 1:
                verbs.append(sent.root)  # "X criticised the offer:" introduces the quote
    for verb in verbs:
        if in_quote(verb.idx, quotes) is None and source_head(verb) is not None and (
                best is None or best.cue is None or verb.i > best.cue.i):
            best = make_source("direct_quote", verb, source_head(verb), speakers,
                               stance_of(verb))
    return best


def doc_quotes(doc: Doc, speakers: SpeakerResolver, text: str | None = None
               ) -> list[Source]:
    """Every direct quote of a document with its speaker (see :func:`quote_speaker`).

    An uncued quote continues the previous quote's speaker in the same paragraph, or, when
    it opens a paragraph, takes the source introduced in the paragraph before
    (:func:`introduced_by`). Quotes shorter than :data:`MIN_QUOTE_TOKENS` words are kept
    with ``form`` set to ``partial_quote`` (a quoted fragment inside a reported sentence,
    or a scare quote), unless they make a sentence of their own.
    """
    text = text if text is not None else doc.text
    quotes = find_quotes(text)
    sents = list(doc.sents)
    out = []
    previous: Source | None = None
    for q in quotes:
        n_words = words(text[q.start:q.end])
        if _whole_sentence(text, q, sents):
            n_words = max(n_words, MIN_QUOTE_TOKENS)  # “God help us.” standing alone
        src = quote_speaker(q, doc, quotes, speakers, sents, text)
        if src.speaker is None and n_words >= MIN_QUOTE_TOKENS:
            before = None
            if previous is not None and previous.speaker is not None \
                    and text.count("\n\n", previous.quote.end, q.start) == 0:
                before = previous  # continuing the previous speaker's quote
            else:
                before = introduced_by(q, doc, quotes, speakers, sents, text, previous)
            if before is not None:
                src = replace(before, form="direct_quote", content=src.content, quote=q,
                              addressee=None)
        if n_words < MIN_QUOTE_TOKENS:
            src.form = "partial_quote"
        else:
            previous = src
        out.append(src)
    return out


def _not_content(child: Token, src: Source) -> bool:
    """Whether ``child``, a dependent of the cue of ``src``, lies outside what the source
    says: the source phrase itself, a verb coordinated with the cue ("blamed Armenia and
    threatened to ..." narrates a second act), the addressee of "told / warned / urged X",
    punctuation."""
    speaker = {t.i for t in src.speaker.subtree} if src.speaker is not None else set()
    if child.i in speaker and (src.cue is None or src.cue.i not in speaker):
        return True  # (in "ANI, which reported 45 casualties", the cue is the speaker's own
        # relative clause: what it governs is still what is reported)
    if child.dep_ in ("conj", "cc", "punct"):
        return True
    return child.dep_ in ("dobj", "dative", "iobj") and src.cue is not None and \
        src.cue.lemma_.lower() in ADDRESSEE_ONLY_VERBS


def _trailing_clause(verb: Token) -> bool:
    """A reporting clause set off by a comma after the clause it reports, which the
    parser hung under that clause's root ("..., he said", "..., X told reporters")."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj"):
        return False
    if verb.dep_ == "conj" and any(t.dep_ == "cc" and t.head == verb.head and t.i < verb.i
                                   and t.i > verb.head.i for t in verb.doc[verb.head.i:verb.i]):
        return False  # "X did this and told Y": a second act
    first = next((t for t in verb.subtree if not t.is_punct), verb)
    return first.i > 0 and verb.doc[first.i - 1].text in (",", "—", "–")


def source_of_token(token: Token, sources: Iterable[Source]) -> Source | None:
    """The attribution governing a token: the reporting verb whose complement (or
    argument) contains it (:func:`_not_content` excepted), or whose clause follows it
    and hangs off the sentence's root ("The move violated the agreement, he said": the
    parser makes "said" a parataxis of "violated"), else a hearsay adverb of its clause
    ("reportedly"), else the sentence's "according to" (or headline source), else None
    (narrator)."""
    sources = list(sources)
    by_cue = {s.cue.i: s for s in sources if s.cue is not None and s.form == "reporting_verb"}
    anc = token
    seen = 0
    while anc.head != anc and seen < 50:
        child, anc = anc, anc.head
        seen += 1
        if anc.i in by_cue:
            src = by_cue[anc.i]
            if _not_content(child, src):
                continue
            return src
    if anc.i not in by_cue:  # "..., he said": a trailing reporting clause under the root
        for c in anc.children:
            src = by_cue.get(c.i)
            if src is not None and c.i > token.i and _trailing_clause(c) and \
                    token.i not in {t.i for t in c.subtree}:
                return src
    sentence_level = [s for s in sources if s.form == "according_to" and s.cue is not None
                      and s.cue.sent == token.sent]
    for s in sentence_level:  # "reportedly": only the clause it modifies
        if s.cue.lower_ in HEARSAY_ADVERBS and token.i in {t.i for t in s.cue.head.subtree}:
            return s
    return next((s for s in sentence_level if s.cue.lower_ not in HEARSAY_ADVERBS), None)


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
