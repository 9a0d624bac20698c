"""Quotation-mark pairs and the quotes whose boundaries are uncertain."""

from __future__ import annotations

import pytest

from framing.core.quotes import find_quotes


@pytest.mark.parametrize(("text", "found"), [
    # balanced: nothing uncertain
    ("“A b c d,” he said. “E f,” she added.", [(0, 10, True, False), (20, 26, True, False)]),
    ('He said "yes" twice.', [(8, 13, True, False)]),
    # a quote running over two paragraphs re-opens on the second: the convention
    ("“First part of it.\n\n“Second part,” he said.", [(0, 18, False, False),
                                                      (20, 34, True, False)]),
    # left open at a paragraph break with no re-opening: uncertain
    ("“Unclosed quote\n\nNext paragraph.", [(0, 15, False, True)]),
    # left open at the end of the text
    ("He said “we will respond", [(8, 24, False, True)]),
    # marks pointing the wrong way pair up, flagged
    ("”A b c,” he said.", [(0, 8, True, True)]),
    ("“A b c“ he said.", [(0, 7, True, True)]),
])
def test_quotes_and_uncertain_boundaries(text, found):
    assert [(q.start, q.end, q.closed, q.uncertain) for q in find_quotes(text)] == found


@pytest.mark.parametrize(("text", "found"), [
    ("Twenty soldiers were killed in a ‘violent faceoff’ with troops.", ["‘violent faceoff’"]),
    ("China lambastes India over 'provocative border attacks' amid talks",
     ["'provocative border attacks'"]),
    # apostrophes never make a quote: contractions, possessives, decades, names
    ("The soldiers’ families don’t know O'Brien's view of the ’90s.", []),
    ("Russia's navy said the boats' crews were detained.", []),
    # a quote nested in a double-quoted one is part of it
    ("He said “they called it ‘a provocation’ at once.”", ["“they called it ‘a provocation’ "
                                                         "at once.”"]),
    # an opening mark never closed in its paragraph is left alone, and flags nothing
    ("It was ‘a long day\n\nThen came the night.", []),
])
def test_single_quotes(text, found):
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == found
    assert not any(q.uncertain for q in quotes)
