"""Truecasing of Title Case headlines before the blame analysis reads them.

Headlines and sub-headlines in Title Case are parsed badly by news-trained taggers (every
word looks like a proper noun: "Three Soldiers Wounded After Azerbaijani Attack"). They
are truecased first: a capitalised word keeps its capital
only if the article body writes it capitalised mid-sentence or it names an actor (a
document-internal variant of truecasing, Lita et al. 2003). The text keeps its length, so
every character offset into ``article.document`` stays valid, and only the changed
sentences are parsed again.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from framing.core.actors import ActorResolver
from framing.core.nlp import doc_sentences, load_nlp, parse_texts
from framing.core.pipeline import Parsed

#: Short function words that Title Case headlines may leave in lower case.
TITLE_CASE_EXCEPTIONS = frozenset(
    {"into", "with", "from", "over", "after", "than", "that", "this", "onto", "upon", "amid",
     "about", "under", "near", "like", "within", "across", "against", "during", "before",
     "until", "while", "when", "where", "despite", "between", "through", "toward",
     "towards", "without", "amongst", "among"})


def is_title_case(text: str) -> bool:
    """A Title Case line: every content word of four letters or more outside quotes (the
    first word aside) is capitalised, and there are at least two of them."""
    outside = re.sub(r"[“\"”«»].*?([”\"»]|$)", " ", text)
    long_words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", outside)[1:]
                  if len(w) >= 4 and w.lower() not in TITLE_CASE_EXCEPTIONS]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def truecase(document: str, doc: Doc, resolver: ActorResolver) -> str:
    """``document`` with Title Case sentences lower-cased word by word where the body does
    not write the word capitalised (same length, so every offset stays valid)."""
    sents = doc_sentences(doc)
    titles = [s for s in sents if is_title_case(s.text)]
    if not titles:
        return document
    title_ids = {s.start for s in titles}
    capitalised: set[str] = set()
    for s in sents:
        if s.start in title_ids:
            continue
        for tok in list(s)[1:]:
            if tok.text[:1].isupper() and not doc[tok.i - 1].is_quote:
                capitalised.add(tok.text)
    protected = [(m.start, m.end) for m in resolver.find(document)]
    chars = list(document)
    for s in titles:
        for tok in list(s)[1:]:
            w = tok.text
            if not w[:1].isupper() or w.isupper() or w in capitalised:
                continue
            if any(a <= tok.idx < b for a, b in protected):
                continue
            if doc[tok.i - 1].is_quote or doc[tok.i - 1].text in (":",):
                continue
            chars[tok.idx] = w[0].lower()
    return "".join(chars)


def analysis_docs(parsed: Parsed) -> dict[str, Doc]:
    """The docs the blame analysis reads: the parse of each article with its Title Case
    sentences truecased and re-parsed (cached).

    Only the changed sentences go through spaCy again; they are spliced between slices of
    the incident's own parse, so a headline costs one short parse, not a whole article's.
    Should the splice not reproduce the truecased text exactly, the article is re-parsed
    whole.
    """
    resolver = parsed.resolver
    out: dict[str, Doc] = {}
    changed: dict[str, tuple[str, list[Span]]] = {}
    for article in parsed.incident.articles:
        doc = parsed.docs[article.id]
        text = truecase(article.document, doc, resolver)
        if text == article.document:
            out[article.id] = doc
            continue
        sents = [s for s in doc_sentences(doc)
                 if text[s.start_char:s.end_char] != s.text]
        changed[article.id] = (text, sents)
    if not changed:
        return out
    nlp = load_nlp(parsed.spacy_name)  # the pipeline that parsed the rest of the docs
    todo = [text[s.start_char:s.end_char] for text, sents in changed.values() for s in sents]
    fresh = iter(parse_texts(todo, nlp))
    whole: dict[str, str] = {}
    for aid, (text, sents) in changed.items():
        doc = parsed.docs[aid]
        parts, at = [], 0
        for sent in sents:
            if sent.start > at:
                parts.append(doc[at:sent.start].as_doc())
            parts.append(Doc(doc.vocab).from_bytes(next(fresh).to_bytes()))
            at = sent.end
        if at < len(doc):
            parts.append(doc[at:].as_doc())
        spliced = Doc.from_docs(parts, ensure_whitespace=False)
        if spliced.text == text:
            out[aid] = spliced
        else:
            whole[aid] = text
    for aid, doc in zip(whole, parse_texts(list(whole.values()), nlp), strict=True):
        out[aid] = doc
    return out
