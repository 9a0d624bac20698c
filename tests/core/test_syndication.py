"""Wire copies (issue 16): the same agency text in several outlets is grouped, and what each
copy changed is listed. Invented articles, real code."""

from __future__ import annotations

from framing.core.corpus import Article
from framing.core.syndication import agency_of, copy_differences, wire_groups

WIRE = ("Troops shelled two border villages on Friday, officials said.\n\n"
        "Three civilians were wounded in the shelling, the regional governor said in a "
        "statement issued late on Friday.\n\n"
        "The ministry of defence denied that its forces had fired first and said it had "
        "only returned fire.\n\n"
        "Talks between the two sides are due to resume in Geneva next week.")


def _article(id_: str, outlet: str, title: str, text: str) -> Article:
    return Article(id=id_, outlet=outlet, title=title, text=text, url=None, published=None,
                   byline=None, source_file=f"{id_}.md")


def _incident() -> list[Article]:
    cut = WIRE.rsplit("\n\n", 1)[0]  # the last paragraph cut
    added = WIRE + "\n\nOur correspondent saw smoke over the villages on Saturday morning."
    return [
        _article("agency", "Wire Agency (AP)", "Villages shelled", WIRE),
        _article("paper-a", "Paper A", "Villages shelled", cut),
        _article("paper-b", "Paper B", "Aggressors shell villages", added),
        _article("other", "Paper C", "Talks resume", "Diplomats met in Geneva to restart "
                 "talks on the border dispute, a spokesman for the hosts said on Monday."),
    ]


def test_copies_of_one_text_are_one_group_with_the_agency_as_reference():
    groups = wire_groups(_incident())
    assert set(groups.article_id) == {"agency", "paper-a", "paper-b"}
    assert set(groups.group) == {"agency"}
    assert groups.wire.unique().tolist() == ["AP"]
    assert groups.n_outlets.unique().tolist() == [3]


def test_what_each_copy_changed_is_listed():
    arts = _incident()
    diffs = copy_differences(arts, wire_groups(arts))
    changes = set(zip(diffs.article_id, diffs.change, strict=True))
    assert changes == {("paper-a", "cut"), ("paper-b", "headline"), ("paper-b", "added")}
    added = diffs[diffs.change == "added"].iloc[0]
    doc = arts[2].document
    assert doc[added.start:added.end].startswith("Our correspondent")


def test_agency_from_outlet_name_or_dateline():
    assert agency_of(_article("x", "Devdiscourse (Reuters)", "T", "Text.")) == "Reuters"
    assert agency_of(_article("x", "Paper", "T", "KENOSHA, Wis. (AP) — Text.")) == "AP"
    assert agency_of(_article("x", "Paper", "T", "Text.")) is None


def test_overview_findings_name_the_copies_and_what_each_changed(make_incident):
    from conftest import article_md

    from framing.core.pipeline import base_tables, prepare
    from framing.report.overview import findings

    arts = _incident()
    folder = make_incident({f"{a.id}.md": article_md(outlet=a.outlet, title=a.title,
                                                      body=a.text) for a in arts})
    parsed = prepare(folder)
    texts = [f.text for f in findings(base_tables(parsed), parsed.incident)]
    assert any(t.startswith("The same AP text appears in 3 outlets") for t in texts)
    assert any(t.startswith("Paper B's copy of the same AP text changes the headline")
               and "adds 1 paragraph" in t for t in texts)
    assert any(t.startswith("Paper A's copy") and "cuts 1 paragraph" in t for t in texts)


def test_a_finding_about_a_copy_says_it_is_one_source(make_incident):
    """Per-outlet findings of the other analyses name the outlets that carry the same wire
    text: a reader must not count copies as independent outlets."""
    from conftest import article_md

    from framing.analyze import run_all
    from framing.core.pipeline import prepare
    from framing.report.summary import all_findings, copy_note

    arts = _incident()
    folder = make_incident({f"{a.id}.md": article_md(outlet=a.outlet, title=a.title,
                                                      body=a.text) for a in arts})
    parsed = prepare(folder)
    results = run_all(parsed)
    copies = results["overview"]["wire_copies"]
    assert copy_note("Paper A", copies) == ("the same AP text as in Wire Agency (AP), "
                                            "Paper B: one source in 3 outlets")
    assert copy_note("Paper C", copies) is None
    found = all_findings(results, parsed.incident)
    about_copies = [f for f in found if f.outlet in ("Paper A", "Paper B")
                    and f.analysis != "overview"]
    assert about_copies
    assert all("one source in 3 outlets" in f.text for f in about_copies)
    assert not any("one source" in f.text for f in found if f.outlet == "Paper C")
