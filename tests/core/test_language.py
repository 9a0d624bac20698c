"""English or not: the function-word test and the front-matter ``lang`` field that overrides it."""

from __future__ import annotations

from framing.core.corpus import Article, load_incident
from framing.core.language import article_language, detected_language, english_share, is_english

# invented news sentences, one per language
FRENCH = ("Le gouvernement a annoncé mardi que les forces armées avaient repris le contrôle de "
          "la ville après trois jours de combats intenses, selon un communiqué du ministère.")
GERMAN = ("Die Regierung hat am Dienstag mitgeteilt, dass die Streitkräfte nach drei Tagen "
          "schwerer Kämpfe die Kontrolle über die Stadt zurückgewonnen haben.")
RUSSIAN = ("Правительство во вторник объявило, что вооруженные силы вернули контроль над "
           "городом после трех дней ожесточенных боев, говорится в сообщении министерства.")
ENGLISH = ("The government said on Tuesday that the armed forces had retaken control of the "
           "city after three days of heavy fighting, according to a statement by the ministry.")


def test_sample_articles_are_english():
    for article in load_incident().articles:
        assert english_share(article.document) > 0.35
        assert is_english(article) is True


def test_other_languages_are_not_english():
    assert detected_language(ENGLISH) == "en"
    for text in (FRENCH, GERMAN, RUSSIAN):
        assert english_share(text) < 0.1, text[:20]
        assert detected_language(text) == "not en"


def test_too_short_to_tell():
    assert detected_language("Ceasefire holds") is None


def test_the_lang_field_overrides_detection():
    french = Article("a", "Le Monde", "Titre", FRENCH)
    assert article_language(french) == ("not en", "detected") and is_english(french) is False
    declared = Article("b", "Le Monde", "Titre", FRENCH, meta={"lang": "en"})
    assert article_language(declared) == ("en", "declared") and is_english(declared) is True
    british = Article("c", "Times", "Title", ENGLISH, meta={"lang": "en-GB"})
    assert is_english(british) is True
    assert is_english(Article("d", "Times", "Title", ENGLISH, meta={"lang": "fr"})) is False
