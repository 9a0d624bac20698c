"""How many were harmed: the figure in a harm event's victim phrase ("at least 20 soldiers").

Outlets disagree most visibly on figures ("500 killed" against "at least 300"), and a
reader comparing them needs the number and its hedge, not only the sentence. The figure is
read from the victim phrase of a harm event (:mod:`framing.blame.events`): a numeral
modifier ("20 Indian soldiers"), a bare numeral head ("three were wounded"), a number word
("twenty", "two dozen", "three hundred") and a hedge before it ("at least", "more than",
"up to", "about"); "dozens of" and "hundreds of" give no exact figure and are kept as text.
The quantity-extraction step of claim comparison (the "numbers" of Thorne & Vlachos 2017's
numerical claims; spaCy's ``like_num`` plus a small word table here).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
#: Words before a figure that make it a bound or an estimate.
HEDGES = ("at least", "more than", "over", "up to", "about", "around", "nearly", "almost",
          "some", "roughly", "approximately", "fewer than", "less than", "as many as")
HEDGES_LONGEST_FIRST = tuple(sorted(HEDGES, key=len, reverse=True))  # "more than" before "over"


def parse_number(text: str) -> int | None:
    """The integer a numeral or number phrase writes ("1,200", "twenty-three", "two dozen",
    "three hundred"), or None."""
    text = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    total = current = 0
    found = False
    for word in re.split(r"[\s-]+", text):
        if word in UNITS:
            current = (current or 1) * 12 if word == "dozen" else current + UNITS[word]
            found = True
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
            found = True
        elif re.fullmatch(r"\d+", word):
            current += int(word)
            found = True
        elif word == "and":
            continue
        else:
            return None
    return total + current if found else None


def figure_count(figure: object) -> int | None:
    """The number of a figure as written, without its hedge or its parts ("at least 20" ->
    20, "3 (one and two)" -> 3, "Twenty" -> 20), or None."""
    text = re.sub(r"\s*\(.*\)$", "", str(figure)).lower().strip()
    for hedge in HEDGES_LONGEST_FIRST:
        if text.startswith(hedge + " "):
            text = text[len(hedge) + 1:]
            break
    return parse_number(text)


def _numeral(phrase: Span) -> list[Token]:
    """The numeral tokens counting the phrase's head (:func:`_numeral_of`)."""
    return _numeral_of(phrase.root)


def _numeral_of(head: Token) -> list[Token]:
    """The numeral tokens counting ``head``: its ``nummod`` (with the numbers compounded
    into it), or the head itself when it is a numeral."""
    if head.like_num or head.pos_ == "NUM":
        toks = [head, *(c for c in head.children if c.dep_ in ("compound", "quantmod")
                        and (c.like_num or c.lower_ in UNITS))]
        return sorted(toks, key=lambda t: t.i)
    num = next((c for c in head.children if c.dep_ == "nummod"), None)
    if num is None:
        return []
    return sorted([num, *(c for c in num.children if c.dep_ in ("compound", "quantmod")
                          and (c.like_num or c.lower_ in UNITS or c.lower_ == "and"))],
                  key=lambda t: t.i)


def _figure(toks: list[Token]) -> tuple[int | None, str]:
    """(value, written with its hedge) of numeral tokens."""
    doc = toks[0].doc
    start, end = toks[0].i, toks[-1].i + 1
    value = parse_number(doc[start:end].text)
    before = doc[max(0, start - 3):start].text
    hedge = next((before[-len(h):] for h in HEDGES if before.lower().endswith(h)), None)
    written = doc[start:end].text
    return value, (f"{hedge} {written}" if hedge else written)


#: Nominal triggers whose numeral counts people harmed ("45 casualties", "20 deaths"), not
#: events ("two attacks").
VICTIM_COUNT_NOUNS = frozenset({"casualty", "death", "fatality", "injury"})


def _counts_victims(trigger: Token | None) -> bool:
    return trigger is not None and trigger.pos_ == "NOUN" and \
        trigger.lemma_.lower() in VICTIM_COUNT_NOUNS and bool(_numeral_of(trigger))


def victim_figure(phrase: Span | None, trigger: Token | None = None
                  ) -> tuple[int | None, str | None]:
    """(count, figure as written with its hedge) of a victim phrase, e.g. (20, "at least
    20") for "at least 20 Indian soldiers"; (None, "dozens") for "dozens of people";
    (None, None) when the phrase gives no figure.

    Coordinated counts add up when every conjunct has one: "one Indian officer and two
    soldiers" is (3, "3 (one and two)"). A nominal trigger counts its own victims when the
    phrase does not: "45 Chinese casualties" is (45, "45")."""
    if phrase is None or not len(phrase):
        if _counts_victims(trigger):
            return _figure(_numeral_of(trigger))
        return None, None
    toks = _numeral(phrase)
    if not toks:
        first = phrase[0]
        if first.lower_ in ("dozens", "hundreds", "thousands", "scores"):
            return None, first.lower_
        if _counts_victims(trigger):
            return _figure(_numeral_of(trigger))
        return None, None
    value, written = _figure(toks)
    parts = [_numeral_of(c) for c in phrase.root.conjuncts]
    if value is not None and parts and all(parts):
        figures = [_figure(t) for t in parts]
        if all(v is not None for v, _ in figures):
            total = value + sum(v for v, _ in figures)
            return total, f"{total} ({' and '.join([written, *(w for _, w in figures)])})"
    return value, written
