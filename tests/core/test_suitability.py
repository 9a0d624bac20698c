"""Warnings about an incident: one outlet, fewer than two actors, non-English, very short."""

from __future__ import annotations

from conftest import INCIDENT_YML, article_md

from framing.core.corpus import load_incident
from framing.core.suitability import incident_cautions

LONG = " ".join(["Azerbaijan and Armenia exchanged fire on Friday near the line, officials "
                 "said, and each side blamed the other for the first shots of the day."] * 5)
FRENCH = " ".join(["L'Azerbaïdjan et l'Arménie ont échangé des tirs vendredi près de la ligne, "
                   "selon les autorités, chaque camp accusant l'autre des premiers tirs."] * 5)
ONE_ACTOR = INCIDENT_YML.split("  - id: armenia")[0]


def kinds(folder) -> dict[str, str]:
    return {c.kind: c.text for c in incident_cautions(load_incident(folder))}


def test_a_sound_incident_has_no_warning(make_incident):
    folder = make_incident({"a.md": article_md(body=LONG),
                            "b.md": article_md(outlet="Outlet B", body=LONG + " Later.")})
    assert kinds(folder) == {}


def test_one_outlet_few_actors_foreign_and_short_are_each_named(make_incident):
    folder = make_incident({
        "a.md": article_md(body=LONG),
        "fr.md": article_md(body=FRENCH),
        "declared.md": article_md(body=LONG + " Again.", lang="ru"),
        "short.md": article_md(body="Fighting resumed on Friday, officials said."),
    }, incident_yml=ONE_ACTOR)
    found = kinds(folder)
    assert set(found) == {"one-outlet", "few-actors", "not-english", "short"}
    assert "Only one outlet (Outlet A)" in found["one-outlet"]
    assert "need at least two" in found["one-outlet"]
    assert "Fewer than two actors in incident.yml (Azerbaijan)" in found["few-actors"]
    assert "articles/fr.md (Outlet A; detected)" in found["not-english"]
    assert "articles/declared.md (Outlet A; declared lang: ru)" in found["not-english"]
    assert "articles/a.md" not in found["not-english"]
    assert "articles/short.md (Outlet A, 8 words)" in found["short"]
    assert str(folder) not in " ".join(found.values())  # paths relative to the incident


def test_declared_english_is_not_flagged(make_incident):
    folder = make_incident({"fr.md": article_md(body=FRENCH, lang="en"),
                            "b.md": article_md(outlet="Outlet B", body=LONG)})
    assert "not-english" not in kinds(folder)
