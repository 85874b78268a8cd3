"""khabar.language: language per paragraph and per report, mixed-language reports."""
from __future__ import annotations

from lingua import Language

from khabar.language import detect, language
from khabar.model import Report

FR = "Des combattants ont attaqué un poste de contrôle près de la ville, selon des sources locales."
EN = "Gunmen attacked a checkpoint near the town late on Sunday, local sources said."
AR = "قالت مصادر محلية إن مسلحين هاجموا حاجزا قرب مدينة الحسكة ليلة الأحد."


def _report(text: str) -> Report:
    rep = Report(raw=text, text=text)
    return language(rep, None)


def test_detect_each_language():
    assert detect(FR) == "fr"
    assert detect(EN) == "en"
    assert detect(AR) == "ar"


def test_detect_needs_letters():
    assert detect("12 - 3 / 2021") is None
    assert detect("") is None


def test_mixed_report_gets_a_language_per_paragraph_and_the_majority_for_the_report():
    text = f"{FR}\n\n{EN}\n\n{FR} {FR}\n\n{AR}"
    rep = _report(text)
    assert [p.lang for p in rep.paragraphs] == ["fr", "en", "fr", "ar"]
    assert rep.lang == "fr"
    for p in rep.paragraphs:
        assert text[p.start:p.end].strip() == text[p.start:p.end]


def test_arabic_report_with_an_english_quote():
    rep = _report(f"{AR}\n{EN}\n{AR} {AR}")
    assert rep.lang == "ar"
    assert [p.lang for p in rep.paragraphs] == ["ar", "en", "ar"]


def test_short_paragraph_takes_the_report_language_unless_arabic_script():
    rep = _report(f"Politique internationale\n{EN}\n{EN}\nعاجل")
    assert rep.lang == "en"
    assert [p.lang for p in rep.paragraphs] == ["en", "en", "en", "ar"]


def test_only_short_text_is_judged_as_a_whole():
    rep = _report("Attaque à Hassaké\nhier soir")
    assert rep.lang == "fr"


class GermanDetector:
    """A detector handed in through the context (tests can pass small ones)."""

    def detect_language_of(self, text):
        return Language.GERMAN


class Ctx:
    detector = GermanDetector()


def test_detector_comes_from_the_context():
    rep = Report(raw=EN, text=EN)
    language(rep, Ctx())
    assert rep.lang == "de"
