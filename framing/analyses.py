"""The one registry of analyses: what each computes, needs, shows and how it is measured.

Every analysis is declared here once, with plain imports of its functions. ``framing
analyze``, the report's summary page, its navigation and Methods table, and ``framing
evaluate`` all read this list, so adding an analysis means writing its subpackage and adding
one :class:`Analysis` below.

An analysis provides ``tables(parsed, **options) -> {name: DataFrame}`` (tidy frames keyed by
``article_id, outlet, sent_id, start, end``) and, for the summary page, ``findings(tables,
incident) -> [Finding]`` and ``profile(tables, incident) -> DataFrame`` (profile lines,
outlets as columns). Tables it takes from another analysis are declared in ``needs`` and
passed to its ``tables`` as a keyword argument named after that analysis: they are computed
once (and cached), and a failure there is an error, never a silent fallback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from framing import blame, coverage, portrayal, sentiment, terms
from framing.core.pipeline import base_tables
from framing.report import overview


@dataclass(frozen=True)
class Method:
    """One method of the suite with its citation and the evaluation tasks that measure it."""

    name: str
    citation: str
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """One analysis of an incident.

    Attributes:
        name: the name used everywhere (``framing analyze --only``, table file prefixes).
        title: its section title on the summary page.
        page: the notebook (stem) that shows it in detail, e.g. ``"02_loaded_terms"``.
        page_title: the page's title in the report's navigation.
        tables: ``tables(parsed, **options)``.
        findings: ``findings(tables, incident)`` for the summary page, or None.
        profile: ``profile(tables, incident)`` lines for the summary page, or None.
        needs: analyses whose tables ``tables`` takes (as keyword arguments by name).
        options: the run options ``tables`` accepts (same name from CLI to notebook).
        methods: the methods it uses, for the report's Methods table.
    """

    name: str
    title: str
    page: str
    page_title: str
    tables: Callable[..., dict[str, pd.DataFrame]]
    findings: Callable[..., list] | None = None
    profile: Callable[..., pd.DataFrame] | None = None
    needs: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    methods: tuple[Method, ...] = ()

    @property
    def tasks(self) -> tuple[str, ...]:
        """The evaluation tasks that measure this analysis (``framing evaluate``)."""
        return tuple(dict.fromkeys(t for m in self.methods for t in m.tasks))


ANALYSES: tuple[Analysis, ...] = (
    Analysis(
        "overview", "Coverage at a glance", "01_overview", "Overview",
        tables=base_tables, findings=overview.findings, profile=overview.profile,
        methods=(Method("Actor mentions by dictionary matching of names, aliases, demonyms and "
                        "people (longest match first)",
                        "closed-set entity linking; Hamborg et al. 2019"),
                 Method("Wire copies by 5-word shingle containment; what each copy changed "
                        "by paragraph alignment", "Broder 1997; Ratcliff & Obershelp 1988")),
    ),
    Analysis(
        "terms", "Loaded terms and labels", "02_loaded_terms", "Loaded terms",
        tables=terms.tables, findings=terms.findings, profile=terms.profile,
        methods=(
            Method("Project lexicons (labels, intensifiers, distancing, emotion, hedges) + "
                   "VADER/AFINN valence words; scare quotes", "Hutto & Gilbert 2014; Nielsen 2011",
                   ("biased-words", "loaded-spans")),
            Method("Learned loaded-word and biased-sentence detector on frozen MiniLM "
                   "features, trained on BABE", "Spinde et al. 2021", ("biased-words",)),
            Method("Distinctive terms: weighted log-odds with informative Dirichlet prior",
                   "Monroe, Colaresi & Quinn 2008"),
        ),
    ),
    Analysis(
        "blame", "Blame, agency and sourcing", "03_blame", "Blame & sourcing",
        tables=blame.tables, findings=blame.findings, profile=blame.profile,
        methods=(Method("Harm events, agent/target roles and agency voice from the dependency "
                        "parse; blame/denial statements; quotes and reporting-verb stance",
                        "Diakopoulos et al. 2013; Li, Ji & Han 2021, Fan et al. 2019 (evaluation)",
                        ("roles", "entity-roles", "voice", "validation")),),
    ),
    Analysis(
        "sentiment", "Sentiment toward actors", "04_sentiment", "Sentiment",
        tables=sentiment.tables, findings=sentiment.findings, profile=sentiment.profile,
        options=("sentiment_model",),
        methods=(
            Method("Target-dependent sentiment toward each actor mention",
                   "Hamborg & Donnay 2021 (NewsMTSC)", ("target-sentiment",)),
            Method("Sentence tone: logistic regression on frozen MiniLM sentence embeddings "
                   "(VADER's compound score shown beside it for comparison)",
                   "Reimers & Gurevych 2019; Hutto & Gilbert 2014 (VADER)",
                   ("target-sentiment",)),
        ),
    ),
    Analysis(
        "portrayal", "Portrayal of actors", "06_portrayal", "Portrayal",
        tables=portrayal.tables, findings=portrayal.findings, profile=portrayal.profile,
        needs=("blame", "sentiment", "terms"), options=("sentiment_model",),
        methods=(
            Method("Role per mention (villain, victim, hero) from harm events, blame "
                   "statements, transgression and peace-making verbs; tone by voice, victims "
                   "left out", "Entman 1993; Frermann et al. 2023; Piskorski et al. 2025 "
                   "(SemEval-2025 Task 10)", ("entity-roles", "validation")),
            Method("Learned entity-role classifier (measured, not used by the analysis: it "
                   "did not raise role accuracy on the real-coverage validation labels)",
                   "Piskorski et al. 2025; Frermann et al. 2023", ("portrayal-roles",)),
        ),
    ),
    Analysis(
        "coverage", "Coverage and omission", "05_coverage", "Coverage",
        tables=coverage.tables, findings=coverage.findings, profile=coverage.profile,
        needs=("blame",), options=("coverage_model",),
        methods=(Method("Cross-outlet claim alignment: candidates by sentence embeddings and "
                        "lexical overlap, a learned same-fact scorer (BERTScore, "
                        "competitive-linking ranks and margins, shared names and numbers), facts "
                        "as linked components split by average linkage",
                        "Reimers & Gurevych 2019; Zhang et al. 2020; Melamed 2000; Sokal & "
                        "Michener 1958; Fan et al. 2019 (BASIL)", ("coverage",)),),
    ),
)

BY_NAME: dict[str, Analysis] = {a.name: a for a in ANALYSES}
#: Run options any analysis takes, each with the analyses that take it.
OPTIONS: dict[str, tuple[str, ...]] = {
    option: tuple(a.name for a in ANALYSES if option in a.options)
    for option in dict.fromkeys(o for a in ANALYSES for o in a.options)
}


def get(name: str) -> Analysis:
    """The analysis called ``name``; an unknown name is an error listing the valid ones."""
    if name not in BY_NAME:
        raise KeyError(f"unknown analysis {name!r}; choose from {', '.join(BY_NAME)}")
    return BY_NAME[name]
