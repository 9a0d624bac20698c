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
in-document coreference (:class:`SpeakerResolver`: a pronoun to its antecedent, a surname
to the full name, "the governor" to the person it describes), "the Army" to the nearest
preceding actor mention with the same head word. Share of voice (sentences and words per
actor side) follows the source-counting tradition of news-sourcing studies (e.g. Sigal
1973).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from framing.core.actors import ActorResolver
from framing.core.phrases import REL_PRONOUNS, antecedent, recovered_subject, trim_span
from framing.core.quotes import Quote, find_quotes, in_quote
from framing.core.reporting import STANCE, non_reporting_sense, stance_of

#: Reporting verbs whose object is the addressee or the accused, never the speaker.
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "warn", "ask", "urge", "call",
                             "accuse", "blame", "charge", "condemn", "denounce", "quote",
                             "cite", "describe"})
#: Verbs whose "that"-clause is a result or a meaning, not a view held by the subject.
NOT_PROPOSITION = frozenset({"ensure", "make", "mean", "require", "cause", "see", "be",
                             "have", "do", "get", "seem", "appear", "order", "arrange",
                             "provide", "stipulate", "imply", "guarantee", "so"})
#: Reporting verbs whose direct object is only ever the addressee ("told X", "urged X").
ADDRESSEE_ONLY_VERBS = frozenset({"tell", "inform", "brief", "warn", "ask", "urge"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
MIN_QUOTE_TOKENS = 4  # shorter quoted spans are partial quotes or scare quotes
TIME_ENTITIES = frozenset({"DATE", "TIME"})
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: Third-person pronouns that stand for a person, with their gender.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
#: Honorifics before a name and the gender they mark ("" : none).
HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dr": ""}
#: Abbreviated titles before a name, spelled out ("Gov. Mike Pence" -> governor).
TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
    "pres": "president", "atty": "attorney", "adm": "admiral", "maj": "major",
    "cmdr": "commander", "prof": "professor", "amb": "ambassador", "sec": "secretary"}
#: Head nouns of a definite description that stands for a person ("the governor said"):
#: a short closed list, as the animacy lists of rule-based coreference (Lee et al. 2013).
PERSON_NOUNS = frozenset({
    "president", "governor", "senator", "congressman", "congresswoman", "lawmaker",
    "representative", "legislator", "mayor", "minister", "spokesman", "spokeswoman",
    "spokesperson", "official", "leader", "chairman", "chairwoman", "secretary",
    "ambassador", "candidate", "nominee", "judge", "justice", "billionaire", "businessman",
    "businesswoman", "commander", "general", "officer", "chief", "director", "prosecutor",
    "attorney", "lawyer", "speaker", "premier", "chancellor", "king", "queen", "prince",
    "sheriff", "ceo", "founder", "activist", "diplomat", "envoy", "aide", "adviser",
    "advisor", "colonel", "captain", "commissioner", "councilman", "councilwoman",
    "politician", "democrat", "republican", "mogul", "executive", "host", "actor",
    "author", "professor", "economist", "analyst", "expert", "witness", "resident",
    "editor", "correspondent", "reporter", "journalist", "commentator",
    "man", "woman", "father", "mother", "son", "daughter", "husband", "wife"})
#: Titles that a person noun also covers ("the congressman" after "Rep. X").
ROLE_SYNONYMS = {"congressman": {"representative"}, "congresswoman": {"representative"},
                 "lawmaker": {"representative", "senator", "congressman", "congresswoman"},
                 "legislator": {"representative", "senator"}}
#: Person nouns that mark gender ("the congresswoman" is not "he").
GENDERED_NOUNS = {
    "congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f",
    "businessman": "m", "businesswoman": "f", "councilman": "m", "councilwoman": "f",
    "chairwoman": "f", "man": "m", "woman": "f", "father": "m", "mother": "f", "son": "m",
    "daughter": "f", "husband": "m", "wife": "f", "king": "m", "queen": "f", "prince": "m"}
#: Nouns that name a source in a headline ("...: official", "...: sources").
SOURCE_NOUNS = frozenset({"source", "sources", "report", "reports", "media", "police",
                          "army", "military", "ministry", "government", "officials"})
#: Adverbs by which the outlet marks a statement as hearsay from an unnamed source.
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly",
                             "reputedly"})
#: Heads of a definite description that stands for an organisation or its statement,
#: as a speaker ("the organisation said", "the statement reads").
ORGANISATION_NOUNS = frozenset({
    "organisation", "organization", "alliance", "bloc", "statement", "communique",
    "communiqué", "release", "letter", "ministry", "government", "agency", "service",
    "side", "department", "office", "administration", "navy", "army", "military"})
#: How many sentences back a pronoun's antecedent is looked for.
ANTECEDENT_WINDOW = 8


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


def is_that_clause_verb(verb: Token) -> bool:
    """A verb outside the reporting vocabulary that reports its subject's speech or
    thought by its frame: a finite clausal complement opened by "that" and a subject
    that can hold a view (a name, a noun, a personal pronoun; not "it" / "this": "He
    pointed out that ...", "The EU expects that ...", "Beijing reiterated that ...").
    Verbs whose "that"-clause is a result, not a proposition (:data:`NOT_PROPOSITION`:
    "ensured that", "means that") are left out."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in NOT_PROPOSITION:
        return False
    if not any(c.dep_ == "ccomp" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.pos_ in ("PROPN", "NOUN") or subj.lower_ in (
        "he", "she", "they", "we", "i")) and subj.lower_ not in ("it", "this", "that")


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


@dataclass(frozen=True)
class Mention:
    """A mention of a person, for speaker names and pronoun antecedents.

    Attributes:
        start, end: character span of the name as written (titles and honorifics dropped);
            for a pronoun standing for a person, the pronoun's span.
        name: the name as written; a pronoun's mention carries its antecedent's name.
        key: the surname (last word, lower case), which joins the mentions of one person.
        root: the head token; ``subject``: whether it is (in) a clause's subject;
        depth: edges from the sentence root (Hobbs' breadth-first order prefers the
            shallow); ``quoted``: inside quotation marks.
        named: for a pronoun's mention, the named mention it stands for.
        reported: inside what a reporting verb reports ("X argued that Trump was ..."),
            less salient than the speaker (the speaker sieve of Lee et al. 2013).
    """

    start: int
    end: int
    name: str
    key: str
    root: Token
    subject: bool
    depth: int
    quoted: bool
    named: Mention | None = None
    reported: bool = False


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _is_reported(token: Token) -> bool:
    """Whether ``token`` lies in the clausal complement of a reporting verb."""
    hops = 0
    while token.head != token and hops < 30:
        child, token, hops = token, token.head, hops + 1
        if child.dep_ in ("ccomp", "xcomp") and token.pos_ == "VERB" and (
                token.lemma_.lower() in STANCE or is_that_clause_verb(token)):
            return True
    return False


def _is_subject(token: Token) -> bool:
    """``token`` is a subject, or part of one ("Senate Leader Chuck Schumer, D-N.Y., said")."""
    hops = 0
    while hops < 4:
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ not in ("compound", "appos", "flat", "conj") or token.head == token:
            return False
        token, hops = token.head, hops + 1
    return False


def _title(token: Token) -> str | None:
    """A title or honorific written before a name, spelled out ("Gov." -> "governor")."""
    word = token.lower_.rstrip(".")
    if word in HONORIFICS:
        return word
    return TITLE_ABBREVIATIONS.get(word) or (word if word in PERSON_NOUNS else None)


class SpeakerResolver:
    """Resolve a source phrase to an actor and to a name.

    Actors: names and aliases (also inside a longer phrase: "a statement from X"), pronouns
    (their antecedent, below) and definite descriptions ("the Army" → the last actor mention
    whose surface ends in "Army").

    Names (:meth:`name_of`): in-document coreference of people in the style of the
    deterministic sieves of Lee et al. (2013). Person mentions are the parser's PERSON
    entities, the incident's people, and proper-noun subjects of reporting verbs; a name
    links to the fullest earlier name with the same surname ("Mr. Schumer" → "Chuck
    Schumer"). A third-person pronoun outside quotation marks goes to its antecedent
    (:meth:`antecedent`): the nearest sentence back (up to :data:`ANTECEDENT_WINDOW`) holding
    a compatible person mention outside quotes, and in it the shallowest mention in the
    parse, leftmost first (Hobbs 1978's breadth-first search, which prefers subjects); in
    the pronoun's own sentence only subjects count ("Of Obama, he said" is not Obama).
    Gender agreement comes from honorifics (Mr. / Ms.) and gendered nouns only (learning
    it from earlier resolved pronouns spread one error through a whole article);
    mentions inside what a reporting verb reports rank after the others ("X argued that
    Trump was ..." : "he" is X). Pronouns are resolved in document order so a chain ("X
    said ... He added ... he said") follows its first link. A definite description with a
    person noun ("the governor", "the four-term congressman") goes to the nearest earlier
    person whose titles or apposition hold the noun, else like a pronoun.
    """

    def __init__(self, resolver: ActorResolver, doc: Doc, text: str | None = None) -> None:
        self.resolver = resolver
        self.doc = doc
        self.text = text if text is not None else doc.text
        self.mentions = resolver.find(self.text)
        self.people = sorted(
            [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
            + [(m.start, m.end, m.surface) for m in self.mentions if m.kind == "person"])
        self.quote_marks = find_quotes(self.text)
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.gender: dict[str, str] = {}
        self.titles: dict[str, set[str]] = {}
        self.persons = self._person_mentions()
        self.by_sent: dict[int, list[Mention]] = {}
        for m in self.persons:
            self.by_sent.setdefault(self._sent_index(m.start), []).append(m)
        self.groups: dict[int, list[Mention]] = {}
        for m in self._group_mentions():
            self.groups.setdefault(self._sent_index(m.start), []).append(m)
        self._antecedents: dict[int, Mention | None] = {}
        for tok in doc:  # in document order, so a pronoun chain follows its first link
            if tok.lower_ in PRONOUN_GENDER and in_quote(tok.idx, self.quote_marks) is None:
                self.antecedent(tok)

    # --- people and their names ----------------------------------------------------------

    def _sent_index(self, char: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, char) - 1, 0)

    def _person_spans(self) -> list[Span]:
        doc = self.doc
        spans = [e for e in doc.ents if e.label_ == "PERSON"]
        for m in self.mentions:
            if m.kind == "person":
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        for tok in doc:  # "Hoyer said": a proper-noun speaker the tagger gave no type
            if tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.ent_type_ in ("", "PERSON") \
                    and tok.head.lemma_.lower() in STANCE and tok.head.pos_ == "VERB":
                start = tok.i
                while start > 0 and doc[start - 1].dep_ == "compound" and \
                        doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == tok:
                    start -= 1
                spans.append(doc[start:tok.i + 1])
        # the surname of a person named in full elsewhere, whatever its entity type
        # ("Bloomberg" tagged ORG after "Michael Bloomberg"): the string-match sieve
        surnames = {s[-1].lower_ for s in spans if len(s) > 1 and s[-1].pos_ == "PROPN"}
        # and the first word of a two-word name written surname first ("Wang" of "Wang Yi")
        surnames |= {s[0].lower_ for s in spans if len(s) == 2 and s[0].pos_ == "PROPN"
                     and s[0].lower_ not in HONORIFICS}
        spans.extend(doc[t.i:t.i + 1] for t in doc if t.pos_ == "PROPN"
                     and t.lower_ in surnames and t.dep_ != "compound")
        return spans

    def _person_mentions(self) -> list[Mention]:
        """Person mentions of the document, longest first where two overlap."""
        taken: set[int] = set()
        out: list[Mention] = []
        for span in sorted(self._person_spans(), key=lambda s: (-len(s), s.start)):
            toks = [t for t in span if not t.is_punct and t.lower_ not in ("'s", "’s")]
            while toks and _title(toks[0]) is not None:
                toks = toks[1:]
            if not toks or any(t.i in taken for t in toks) or not toks[-1].is_alpha \
                    or not toks[-1].text[:1].isupper():
                continue
            taken.update(t.i for t in toks)
            root = span.root
            key = toks[-1].lower_
            first = toks[0]
            before = [self.doc[i] for i in range(max(first.i - 4, 0), first.i)]
            for t in before:
                title = _title(t)
                if title is not None:
                    self.titles.setdefault(key, set()).add(title)
            prev = before[-1].lower_.rstrip(".") if before else ""
            if prev in HONORIFICS and HONORIFICS[prev]:
                self.gender.setdefault(key, HONORIFICS[prev])
            self.titles.setdefault(key, set()).update(
                w.lower() for w in re.findall(r"[A-Za-z]+", self.describe_mention(toks))
                if w.lower() in PERSON_NOUNS or w.lower().rstrip(".") in TITLE_ABBREVIATIONS)
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            out.append(Mention(start, end, self.text[start:end], key, root,
                               _is_subject(root), _depth(root),
                               in_quote(start, self.quote_marks) is not None,
                               reported=_is_reported(root)))
        return sorted(out, key=lambda m: m.start)

    def _group_mentions(self) -> list[Mention]:
        """Mentions of incident actors that are not people (``key``: the actor id), for
        the antecedents of "it" / "they" / "the organisation" as speakers."""
        out = []
        for m in self.mentions:
            if m.kind == "person":
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            out.append(Mention(m.start, m.end, m.surface, m.actor_id, root, _is_subject(root),
                               _depth(root), in_quote(m.start, self.quote_marks) is not None))
        return out

    def group_antecedent(self, token: Token) -> Mention | None:
        """The actor a speaker "it" / "they" / "the organisation" stands for: the nearest
        sentence back holding an actor mention outside quotes, and in it the shallowest
        (Hobbs' order, as :meth:`antecedent`), subjects only in the token's own sentence;
        the mention's ``key`` is the actor id."""
        k = self._sent_index(token.idx)
        for j in range(k, max(k - ANTECEDENT_WINDOW, -1), -1):
            cands = [m for m in self.groups.get(j, ()) if m.end <= token.idx
                     and not m.quoted and (j < k or m.subject)]
            if cands:
                return min(cands, key=lambda m: (m.depth, m.start))
        return None

    def describe_mention(self, toks: list[Token]) -> str:
        """A person mention with its titles and appositions ("House Speaker Nancy Pelosi
        (D-Calif.)", "Lis Smith, a spokeswoman for the Obama campaign", "The House
        Republican leader, Representative Kevin McCarthy of California"): at most 4 title or
        name words before it, the noun phrase it is in apposition to, and after it up to two
        comma- or bracket-delimited appositions or "of" phrases of at most 12 tokens each."""
        doc = self.doc
        lo, hi = toks[0].i, toks[-1].i + 1
        while lo > 0 and toks[0].i - lo < 4 and (doc[lo - 1].pos_ in ("PROPN", "NOUN", "ADJ")
                                                 or doc[lo - 1].text == "-") \
                and not doc[lo - 1].is_quote:
            lo -= 1
        root = toks[-1]
        while root.dep_ == "compound" and root.head.i > root.i:
            root = root.head
        if lo > 1 and doc[lo - 1].text == "," and root.dep_ == "appos" and root.head.i < lo:
            lo = root.head.left_edge.i  # "the Democratic leader, Senator X"
        for _ in range(2):
            if hi >= len(doc) or doc[hi].text not in (",", "(", "of"):
                break
            close = ")" if doc[hi].text == "(" else ","
            end = None
            for j in range(hi + 1, min(hi + 13, len(doc))):
                if doc[j].text == close:
                    end = j + 1 if close == ")" else j
                    break
                if doc[j].is_quote or doc[j].is_sent_start or doc[j].pos_ in ("VERB", "AUX"):
                    break
            if end is None:
                break
            hi = end
        return self.text[doc[lo].idx:doc[hi - 1].idx + len(doc[hi - 1].text)]

    def description(self, name: str) -> str:
        """Every description of the person ``name`` in the document (titles and
        appositions of each mention with the same surname, :meth:`describe_mention`),
        joined with " | "; the empty string for a name that is no person mentioned."""
        key = name.split()[-1].lower() if name.split() else ""
        out: list[str] = []
        for m in self.persons:
            if m.key == key and m.root.lower_ not in PRONOUN_GENDER:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    text = self.describe_mention(list(span))
                    if text not in out:
                        out.append(text)
        return " | ".join(out)

    def full_name(self, mention: Mention) -> str:
        """The fullest name of the person ``mention`` refers to: the mention with the same
        surname and the most words, the latest such before it (else anywhere)."""
        same = [m for m in self.persons if m.key == mention.key
                and m.root.lower_ not in PRONOUN_GENDER]
        before = [m for m in same if m.start <= mention.start] or same or [mention]
        best = max(before, key=lambda m: (len(m.name.split()), m.start)).name
        if len(best.split()) == 1:  # "Wang" after "Wang Yi": a name written surname first
            first = [m.name for m in self.persons if len(m.name.split()) == 2
                     and m.name.split()[0].lower() == mention.key and m.start < mention.start]
            if first:
                return first[-1]
        return best

    def _agrees(self, mention: Mention, gender: str | None) -> bool:
        known = self.gender.get(mention.key)
        return gender is None or known is None or known == gender

    def _search(self, token: Token, accept) -> Mention | None:
        """The antecedent search of :meth:`antecedent` over mentions ``accept`` allows."""
        k = self._sent_index(token.idx)
        for j in range(k, max(k - ANTECEDENT_WINDOW, -1), -1):
            cands = [m for m in self.by_sent.get(j, ()) if m.end <= token.idx
                     and not m.quoted and (j < k or m.subject) and accept(m)]
            if cands:
                return min(cands, key=lambda m: (m.reported, m.depth, m.start))
        return None

    def antecedent(self, pronoun: Token) -> Mention | None:
        """The person a third-person pronoun ("he", "her") stands for (see the class);
        its :class:`Mention` carries the person's name, or None."""
        if pronoun.i in self._antecedents:
            return self._antecedents[pronoun.i]
        gender = PRONOUN_GENDER.get(pronoun.lower_)
        found = self._search(pronoun, lambda m: self._agrees(m, gender))
        if found is not None and found.named is not None:
            found = found.named  # a pronoun linked earlier: the person it names
        self._antecedents[pronoun.i] = found
        if found is not None:
            if pronoun.dep_ in ("nsubj", "nsubjpass"):  # a link for the next pronoun
                end = pronoun.idx + len(pronoun.text)
                link = Mention(pronoun.idx, end, found.name, found.key, pronoun, True,
                               _depth(pronoun), False, found)
                row = self.by_sent.setdefault(self._sent_index(pronoun.idx), [])
                bisect.insort(row, link, key=lambda m: m.start)
        return found

    def described(self, head: Token) -> Mention | None:
        """The person a definite description ("the governor") stands for: the nearest
        earlier person with the head noun among its titles, else like a pronoun."""
        noun = head.lemma_.lower()
        nouns = {noun} | ROLE_SYNONYMS.get(noun, set())
        gender = GENDERED_NOUNS.get(noun)
        found = self._search(head, lambda m: bool(nouns & self.titles.get(m.key, set()))
                             and self._agrees(m, gender))
        if found is None:
            found = self._search(head, lambda m: self._agrees(m, gender))
        return None if found is None else found.named or found

    def name_of(self, head: Token, phrase: Span) -> tuple[str | None, Span | None]:
        """(name, antecedent span) of a source phrase: a pronoun's or a description's
        antecedent's full name with the antecedent's span (None for a pronoun without
        one), the full name of a person named in the phrase, else the phrase as written
        (and no antecedent)."""
        written = self.text[phrase.start_char:phrase.end_char]
        found = None
        if head.lower_ in PRONOUN_GENDER:
            if in_quote(head.idx, self.quote_marks) is not None:
                return None, None
            found = self.antecedent(head)
            if found is None:
                return None, None
        elif head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS and phrase[0].lower_ \
                in ("the", "this", "that") and not any(t.ent_type_ in NAME_ENTITIES
                                                       for t in phrase):
            found = self.described(head)
        if found is not None:
            name = self.full_name(found)
            return name, self.doc.char_span(found.start, found.end, alignment_mode="expand")
        inside = [m for m in self.persons if phrase.start_char <= m.start < phrase.end_char
                  and m.root.lower_ not in PRONOUN_GENDER]
        if inside:
            best = min(inside, key=lambda m: (not m.start <= head.idx < m.end, m.start))
            return self.full_name(best), None
        return written, None

    # --- actors -----------------------------------------------------------------------------

    def actor_of(self, phrase: str) -> str | None:
        return self.resolver.resolve(phrase)

    def resolve(self, head: Token, phrase: Span, speaker_actor: str | None = None,
                quoted: bool = False, speaker: bool = False) -> tuple[str | None, str]:
        """(actor id or None, surface used) for a source or role phrase.

        ``speaker_actor`` is the actor of the source the phrase is reported by; inside a
        direct quote (``quoted``) "we" is the speaker and "they / them / their" is not.
        For a ``speaker`` (the source of a reporting verb), "it" / "they" and a definite
        organisation or document noun ("the organisation", "the statement") go to
        :meth:`group_antecedent`.
        """
        text = self.text[phrase.start_char:phrase.end_char]
        actor = self.actor_of(text)
        if actor is not None:
            return actor, text
        if speaker and head.lower_ in ("it", "they") and \
                in_quote(head.idx, self.quote_marks) is None:
            group = self.group_antecedent(head)
            if group is not None:
                return group.key, text
        lower = head.lower_
        if lower in FIRST_PERSON:
            return (speaker_actor if quoted else None), text
        if lower in PERSON_PRONOUNS:
            person = self.person_for(head)
            if person is not None:
                return self.actor_of(person), person
            return None, text
        pron = next((t for t in phrase if t.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS
                     and t.dep_ in ("poss", "nsubj", "nsubjpass", "dobj", "pobj")), None)
        if pron is not None:
            if pron.lower_ in PERSON_PRONOUNS:
                person = self.person_for(pron)
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
        if head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS:
            name, antecedent = self.name_of(head, phrase)
            if antecedent is not None:
                return self.actor_of(name), text
        if speaker and head.pos_ == "NOUN" and head.lemma_.lower() in ORGANISATION_NOUNS \
                and phrase[0].lower_ in ("the", "this", "its") and not any(
                    t.pos_ == "PROPN" for t in phrase) and \
                in_quote(head.idx, self.quote_marks) is None:  # not "the Interfax agency"
            group = self.group_antecedent(head)
            if group is not None:
                return group.key, text
        return None, text

    def person_for(self, pronoun: Token) -> str | None:
        """The name a person pronoun stands for: outside quotation marks its antecedent's
        full name (:meth:`antecedent`), inside them the nearest person named before."""
        if in_quote(pronoun.idx, self.quote_marks) is None:
            found = self.antecedent(pronoun)
            return self.full_name(found) if found is not None else None
        return self.preceding_person(pronoun.idx)

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
