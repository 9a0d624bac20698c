"""Quotes: where the direct quotations of a document are (the first step of the voice layer,
:mod:`framing.core.voice`).

Quotation-mark pairs over the whole
document (so a quote may span sentences), after Krestel, Bergler & Witte 2008 (as in
textacy's ``direct_quotations``), extended to a stray closing mark used as an opening one and
to quotes left open at a paragraph break. :mod:`framing.core.attribution` finds the speaker
of each quote.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
NEUTRAL_QUOTES = '"'
SINGLE_QUOTES = "‘’'"
#: Longest single-quoted span taken as a quote (longer pairs are apostrophes by chance).
MAX_SINGLE_QUOTE_WORDS = 60


@dataclass(frozen=True)
class Quote:
    """A direct quotation: character span of the quoted text (marks included).

    ``closed``: a closing mark ends it (False: left open at a paragraph break or at the end
    of the text). ``uncertain``: its boundaries are a guess (:func:`find_quotes`): left open
    without the next paragraph re-opening it, or opened by a closing mark (”) or closed by
    an opening one (“), the marks of an unbalanced or typed-over text.
    """

    start: int
    end: int
    closed: bool
    uncertain: bool = False


def find_quotes(text: str) -> list[Quote]:
    """Quotation-mark pairs of a document.

    “ always opens and ” closes; a ” met outside a quote opens one (a common typo, and the
    straight " toggles. A quote left open at a paragraph break is closed there (multi-
    paragraph quotes re-open on the next paragraph). Unbalanced marks never stop the
    search: the quote they leave open ends at the paragraph break, flagged ``uncertain``
    (as is a pair whose marks point the wrong way), so the sentences it touches can be
    shown as "quote boundary uncertain" rather than dropped.
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n" and open_at is not None and text.startswith("\n\n", i):
            quotes.append(Quote(open_at, i, False, not _reopens(text, i)))
            open_at = None
        elif ch in OPEN_QUOTES and open_at is None:
            open_at = i
        elif ch in CLOSE_QUOTES or ch in NEUTRAL_QUOTES or ch in OPEN_QUOTES:
            if open_at is None:
                open_at = i
            else:
                wrong = text[open_at] in CLOSE_QUOTES or ch in OPEN_QUOTES
                quotes.append(Quote(open_at, i + 1, True, wrong))
                open_at = None
        i += 1
    if open_at is not None:
        quotes.append(Quote(open_at, len(text), False, True))
    singles = [q for q in single_quotes(text) if in_quote(q.start, quotes) is None
               and in_quote(q.end - 1, quotes) is None]
    return sorted(quotes + singles, key=lambda q: q.start) if singles else quotes


def single_quotes(text: str, max_words: int = MAX_SINGLE_QUOTE_WORDS) -> list[Quote]:
    """Single-quote pairs (‘…’ and '…', the British and South Asian style, and headlines'
    quotes), which share their closing mark with the apostrophe: a mark opens only before
    a letter and after a space, a bracket or a dash (not "’90s", not "don’t"), closes only
    after a letter or punctuation and before a non-letter (not "don’t"); pairs nest within
    a paragraph, and a closing mark with nothing open (a plural possessive, "soldiers’")
    or an opening one never closed is left alone, so an apostrophe never makes a quote and
    never makes one uncertain."""
    out: list[Quote] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            continue
        if ch not in SINGLE_QUOTES:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in "‘'" and (before.isspace() or before in "([{—–-/\"“") and after.isalpha():
            stack.append(i)
        elif ch in "’'" and stack and (before.isalnum() or before in ".,!?;:") \
                and not after.isalnum():
            start = stack.pop()
            if 1 <= len(text[start:i].split()) <= max_words:
                out.append(Quote(start, i + 1, True))
    return sorted(out, key=lambda q: q.start)


def _reopens(text: str, para_break: int) -> bool:
    """Whether the paragraph after the break at ``para_break`` opens with a quotation mark
    (the convention of a quote running over several paragraphs)."""
    rest = text[para_break:].lstrip()
    return bool(rest) and rest[0] in OPEN_QUOTES + NEUTRAL_QUOTES + CLOSE_QUOTES


def in_quote(char: int, quotes: list[Quote]) -> Quote | None:
    """The quote of ``quotes`` (from :func:`find_quotes`) whose marks enclose ``char``."""
    starts = [q.start for q in quotes]
    k = bisect.bisect_right(starts, char) - 1
    if k >= 0 and quotes[k].start < char < quotes[k].end:
        return quotes[k]
    return None
