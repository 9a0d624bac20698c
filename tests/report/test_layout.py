"""Layout at many outlets (issue 17): tables, the profile, findings' sentences, charts."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from framing.core import evidence  # noqa: E402
from framing.core.corpus import load_incident, word_count  # noqa: E402
from framing.core.findings import Finding  # noqa: E402
from framing.report import plots, summary  # noqa: E402

OUTLETS = [f"Outlet number {i} (Weekend Edition)" for i in range(20)]


def test_tables_scroll_sort_and_never_break_a_word():
    frame = pd.DataFrame({"outlet": ["<b>A</b>", "B"], "n_events": [3, 12],
                          "share": [0.123456, 0.5], "sentence": ["x " * 40, "y"]})
    html = evidence.table_html(frame)
    assert html.startswith('<div class="fr-scroll">')
    assert 'class="fr-table fr-sortable"' in html
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "<b>A" not in html  # escaped
    assert '<th scope="col" title="n_events">n events</th>' in html  # words, key on hover
    assert "<td class=fr-num>0.123</td>" in html and "<td class=fr-num>12</td>" in html
    dated = evidence.table_html(pd.DataFrame({"published": ["2020-06-16", "2020-06-17"]}))
    assert "<td class=fr-date>2020-06-16</td>" in dated  # a date never wraps at its hyphens
    assert "overflow-wrap:anywhere" not in evidence.EVIDENCE_CSS
    assert "table-layout:auto" in evidence.EVIDENCE_CSS


def test_short_labels_keep_the_full_name_on_hover():
    cell = evidence.header_cell("Loaded words it quotes (source: words)")
    assert cell == ('<th scope="col" title="Loaded words it quotes (source: words)">'
                    "Loaded words it quotes</th>")
    assert evidence.short_label("A very long measure name that goes on and on") == \
        "A very long measure name…"


def _profile() -> pd.DataFrame:
    rows = {"Loaded terms per 1,000 words (lexicons)": {o: f"{i % 5}.0 ({i})"
                                                       for i, o in enumerate(OUTLETS)},
            "Exclusive facts (share of its claims)": {o: f"{(7 * i) % 11} (5%)"
                                                      for i, o in enumerate(OUTLETS)}}
    frame = pd.DataFrame(rows).T
    frame.insert(0, "analysis", ["terms", "coverage"])
    frame["section"] = ["Loaded terms by outlet and category", "Exclusive and omitted facts"]
    return frame


def test_profile_has_outlets_as_rows_and_links_each_cell_to_its_section():
    html = summary.profile_html(_profile(), OUTLETS)
    body = html.split("<tbody>")[1]
    assert body.count("<tr") == len(OUTLETS)  # one row per outlet
    assert 'href="02_loaded_terms.html#Loaded-terms-by-outlet-and-category"' in body
    assert 'href="05_coverage.html#Exclusive-and-omitted-facts"' in body
    assert "background:rgba(" in body  # shaded by value
    assert 'class="fr-table fr-profile fr-sortable"' in html
    assert 'title="Outlet number 3 (Weekend Edition)">Outlet number 3</th>' in body
    assert "fr-newgroup" in body  # groups of similar outlets are separated


def test_outlets_with_similar_profiles_sit_together():
    profile = pd.DataFrame({o: [("9" if i % 2 else "1")] for i, o in enumerate(OUTLETS[:8])},
                           index=["x"])
    order, groups = summary.outlet_order(profile, OUTLETS[:8])
    firsts = ["9" if OUTLETS.index(o) % 2 else "1" for o in order]
    assert firsts in (["1"] * 4 + ["9"] * 4, ["9"] * 4 + ["1"] * 4)
    assert len(set(groups)) >= 2


def test_findings_unfold_to_escaped_sentences_with_the_span_marked():
    ev = pd.DataFrame([{"article_id": "a", "outlet": "Evil <i>Outlet</i>", "sent_id": 2,
                        "start": 118, "end": 124, "sent_start": 100, "term": "brutal",
                        "sentence": "<script>x</script>brutal attack"}])
    found = [Finding("A <finding>.", "terms", None, "Loaded terms by outlet and category", ev)]
    html = summary.findings_html(found)
    assert "<details class=\"fr-evidence\">" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert re.search(r"<mark[^>]*>brutal</mark> attack", html)
    assert "A &lt;finding&gt;." in html and "Evil &lt;i&gt;Outlet&lt;/i&gt;" in html


def test_a_finding_without_offsets_marks_its_word_in_the_sentence():
    html, plain = summary.marked_sentence({"sentence": "They called it an Occupation.",
                                           "term": "occupation"})
    assert re.search(r"<mark[^>]*>Occupation</mark>", html) and plain.startswith("They")


def test_plain_words_name_sides_and_categories(sample_path):
    incident = load_incident(sample_path)
    text = summary.plain_words("russia → (none); agentless_passive against armenia", incident)
    assert text == "Russia → no one named; agentless passive against Armenia"
    # an actor id that is no side id ("artsakh", side armenia) is named as the actor
    assert summary.plain_words("Asbarez reports artsakh naming azerbaijan", incident) == \
        "Asbarez reports Artsakh naming Azerbaijan"
    quoted = summary.plain_words('armenia says “the mediator_x and armenia”', incident)
    assert quoted == 'Armenia says “the mediator_x and armenia”'  # quotes stay verbatim


def test_plain_words_leave_a_written_name_whole(tmp_path):
    """A side id inside an actor's name ("police" in "Kenosha police and the police union")
    is not replaced by the name again (the Kenosha report read "Kenosha Kenosha police and
    the police union and the ... union")."""
    (tmp_path / "incident.yml").write_text(
        "slug: t\ntitle: T\ndate: 2020-08-24\nactors:\n"
        "  - {id: police, name: Kenosha police and the police union, side: police}\n"
        "  - {id: blake, name: Jacob Blake, side: blake}\n", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(
        "---\noutlet: A\ntitle: T\n---\nPolice shot Blake.\n", encoding="utf-8")
    incident = load_incident(tmp_path)
    text = summary.plain_words("Kenosha police and the police union blames blake; police", incident)
    assert text == ("Kenosha police and the police union blames Jacob Blake; "
                    "Kenosha police and the police union")


def test_one_word_count_everywhere(sample_path):
    from framing.terms.detect import word_count as rates_count

    for article in load_incident(sample_path).articles:
        assert article.n_words == word_count(article.document) == rates_count(article.document)


def test_sentence_sentiment_has_one_method_name():
    from framing.analyses import get

    names = " ".join(m.name for m in get("sentiment").methods)
    assert "logistic regression on frozen MiniLM" in names and "baseline: VADER" not in names


@pytest.mark.parametrize("n", [3, 20])
def test_charts_stay_legible_at_many_outlets(n):
    outlets = OUTLETS[:n]
    rates = pd.DataFrame([{"outlet": o, "category": c, "n": 1, "per_1000": i * 0.5}
                          for i, o in enumerate(outlets) for c in ("label", "hedge")])
    ax = plots.term_rates(rates, outlets)
    assert ax.figure.get_size_inches()[1] < 10  # one row per outlet, not per outlet x category
    cov = pd.DataFrame([{"fact_id": f, "outlet": o, "present": (f + i) % 3 == 0,
                         "n_outlets": 2, "position": f, "fact": f"fact {f}", "section": "body"}
                        for f in range(40) for i, o in enumerate(outlets)])
    ax = plots.coverage_matrix(cov, outlets)
    width, _ = ax.figure.get_size_inches()
    assert width <= 13  # shown at its size, never shrunk until the labels cannot be read
    labels = [t.get_text() for t in (ax.get_yticklabels() if n > plots.MANY_OUTLETS
                                     else ax.get_xticklabels())]
    assert all(len(label) <= 22 for label in labels) or n <= plots.MANY_OUTLETS
    matplotlib.pyplot.close("all")


def test_shared_facts_are_rows_when_outlets_are_many():
    from framing.coverage import side_by_side

    shared = pd.DataFrame([{"fact_id": f, "outlet": o, "text": f"version {f} of {o}",
                            "section": "lead", "attribution": ""}
                           for f in range(3) for o in OUTLETS[:6]])
    wide = side_by_side(shared[shared.outlet.isin(OUTLETS[:2])], OUTLETS[:2])
    assert list(wide.columns) == ["fact_id", *OUTLETS[:2]]
    long = side_by_side(shared, OUTLETS[:6])
    assert list(long.columns) == ["fact", "outlet", "section", "attribution", "version"]
    assert len(long) == 18


def test_blame_profile_line_in_words(sample_path):
    from types import SimpleNamespace

    from framing.blame.summary import _blame_words

    incident = load_incident(sample_path)
    row = SimpleNamespace(accuser_side="russia", accused_side=None, negated=True)
    assert _blame_words(row, incident) == "Russia does not blame anyone named"
    row = SimpleNamespace(accuser_side="azerbaijan", accused_side="armenia", negated=False)
    assert _blame_words(row, incident) == "Azerbaijan blames Armenia"


def test_category_values_in_tables_are_words():
    html = evidence.table_html(pd.DataFrame({"voice": ["agentless_passive"],
                                             "article_id": ["asbarez-199152"]}))
    assert "agentless passive" in html and "agentless_passive" not in html
    assert "asbarez-199152" in html


def test_notebooks_run_in_parallel(sample_path, tmp_path, monkeypatch):
    """Issue 17, speed: notebooks run ``jobs`` at a time, each claiming only the files it
    wrote (its own scratch output folder)."""
    import threading
    import time

    import nbformat

    from framing.report import render

    running, peak, lock = [0], [0], threading.Lock()

    def fake_execute(book, out_ipynb, parameters):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.4)
        nbformat.write(nbformat.read(book, as_version=4), out_ipynb)
        data = Path(parameters["output_dir"]) / "data"
        data.mkdir(parents=True, exist_ok=True)
        (data / f"{Path(book).stem}.csv").write_text("x\n1\n", encoding="utf-8")
        with lock:
            running[0] -= 1

    monkeypatch.setattr(render, "execute_notebook", fake_execute)
    render.render_incident(sample_path, tmp_path / "out", use_cache=False, progress=False,
                           jobs=3)
    assert peak[0] == 3
    written = sorted(p.name for p in (tmp_path / "out" / "data").glob("*.csv"))
    assert written == sorted(f"{b.stem}.csv" for b in render.notebook_paths())


def test_a_table_two_notebooks_need_is_computed_once(tmp_path, monkeypatch):
    """The first process to need a table computes it; one needing it meanwhile waits for
    it and reads the cache (framing.core.cache.computing)."""
    import threading
    import time

    from framing.core.cache import DiskCache, computing

    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.3)
        return "table"

    def need():
        with computing("k" * 64):
            DiskCache("tables").memoize("k" * 64, compute)

    threads = [threading.Thread(target=need) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and DiskCache("tables").get("k" * 64) == "table"


def test_blame_verbs_agree_with_plural_sides(tmp_path):
    """A side whose name is plural takes a plural verb (the Kenosha report read "In X, Jacob
    Blake, his family and their lawyers denies responsibility")."""
    from types import SimpleNamespace

    from framing.blame.summary import _blame_words, findings
    from framing.core.findings import is_plural

    assert is_plural("Jacob Blake, his family and their lawyers")
    assert is_plural("Kenosha police") and is_plural("Armenian forces")
    assert not is_plural("Azerbaijan") and not is_plural("the United States")
    assert not is_plural("Kenosha Police Department (KPD)")
    (tmp_path / "incident.yml").write_text(
        "slug: t\ntitle: T\ndate: 2020-08-24\nactors:\n"
        "  - {id: police, name: Kenosha police, side: police}\n"
        "  - {id: blake, name: 'Jacob Blake, his family and their lawyers', side: blake}\n",
        encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(
        "---\noutlet: A\ntitle: T\n---\nPolice shot Blake.\n", encoding="utf-8")
    incident = load_incident(tmp_path)
    row = SimpleNamespace(accuser_side="police", accused_side="blake", negated=False)
    assert _blame_words(row, incident) == \
        "Kenosha police blame Jacob Blake, his family and their lawyers"
    blame = pd.DataFrame({
        "outlet": ["A", "A"], "article_id": ["a", "a"], "sent_id": [0, 1],
        "sentence": ["Blake's lawyers denied it.", "Police blamed Blake."],
        "statement": ["denial", "blame"], "negated": [False, False],
        "accuser_side": ["blake", "police"], "accused_side": ["blake", "blake"],
        "accuser_text": ["Blake's lawyers", "Police"], "accused_text": [None, "Blake"],
        "cue": ["denied", "blamed"], "start": [0, 27], "end": [26, 47]})
    texts = [f.text for f in findings({"blame": blame, "events": pd.DataFrame(),
                                       "sources": pd.DataFrame()}, incident)]
    assert "In A, blake deny responsibility (1 statement)." in texts
    assert any(t.startswith("In A, police blame blake") for t in texts)
