"""Modality stage: asserted, reported, hedged, alleged, denied — with denial and hedging winning
over a source, and intentions marked alleged."""
from __future__ import annotations

import pytest

from khabar.claims import claims
from khabar.modality import modality
from khabar.model import Claim, Evidence, Report, Source
from khabar.normalise import normalise


def told(text: str, lang: str, sources: bool = False) -> list[str]:
    r = Report(raw=text, text=text, lang=lang)
    normalise(r)
    claims(r)
    assert r.claims, "the sentence should give a claim"
    if sources:
        for c in r.claims:
            c.sources = [Source(name="sources locales", kind="local")]
    modality(r)
    return [c.modality for c in r.claims]


@pytest.mark.parametrize("text,lang,expected", [
    ("Gunmen attacked a checkpoint in the village.", "en", "asserted"),
    ("Gunmen reportedly attacked a checkpoint in the village.", "en", "hedged"),
    ("According to unconfirmed reports, gunmen attacked a checkpoint in the village.", "en", "hedged"),
    ("The ministry denied that its forces attacked the village.", "en", "denied"),
    ("The army plans to attack the village next week.", "en", "alleged"),
    ("Des hommes armés ont attaqué un poste de contrôle.", "fr", "asserted"),
    ("Des hommes armés auraient attaqué un poste de contrôle.", "fr", "hedged"),
    ("Le commandement veut intensifier les attaques contre la milice.", "fr", "alleged"),
    ("Le ministère a démenti que ses forces ont attaqué le village.", "fr", "denied"),
    ("يُزعم أن مسلحين هاجموا حاجزاً في القرية.", "ar", "hedged"),
    ("نفت الوزارة أن قواتها هاجمت القرية.", "ar", "denied"),
])
def test_modality_cues_per_language(text, lang, expected):
    assert told(text, lang)[0] == expected


def test_a_claim_with_sources_is_reported_unless_hedged():
    assert told("Gunmen attacked a checkpoint in the village.", "en", sources=True)[0] == "reported"
    assert told("Gunmen reportedly attacked a checkpoint in the village.", "en", sources=True)[0] == "hedged"


def test_a_plan_statement_is_alleged():
    assert told("Une source a fait part du plan américain visant à déplacer les combattants.", "fr")[0] == "alleged"


def test_claims_loaded_without_trigger_use_their_evidence():
    text = "Gunmen reportedly attacked a checkpoint."
    r = Report(raw=text, text=text, lang="en")
    normalise(r)
    r.claims = [Claim(id="c1", type="ATTACK", evidence=Evidence(0, len(text), text), _sentence=0)]
    modality(r)
    assert r.claims[0].modality == "hedged"


@pytest.mark.parametrize("text", [
    "According to unverified reports, IS fighters attacked a checkpoint near Hajin.",
    "Turkish drones may have struck the car, a local official said.",
    "Les drones turcs ont probablement frappé la voiture près de Qamichli.",
    "قد تكون طائرة مسيرة تركية استهدفت السيارة في القامشلي.",
])
def test_may_have_probably_and_unverified_reports_are_hedged(text):
    import khabar
    (c,) = khabar.extract(text).claims
    assert c.modality == "hedged"


@pytest.mark.parametrize("text, modality", [
    ("The army said it did not carry out any strike near Damascus.", "denied"),
    ("The coalition said it had not conducted airstrikes in the area.", "denied"),
    ("Israeli jets could strike Iranian positions near Damascus, officials warned.", "hedged"),
    ("Rescuers could not reach the site of the airstrike near Idlib.", "asserted"),
    ("On 12 May 2021, gunmen attacked a checkpoint near Hasakah.", "asserted"),
    ("L'armée a affirmé n'avoir mené aucune frappe près de Damas.", "denied"),
    ("L'armée a assuré ne pas avoir mené de frappe près de Damas.", "denied"),
    ("قال الجيش إنه لم ينفذ أي غارة قرب دمشق.", "denied"),
])
def test_a_negated_deed_is_denied_and_might_or_could_hedge(text, modality):
    import khabar
    (c,) = khabar.extract(text).claims
    assert c.modality == modality


def test_arabic_qad_with_a_past_verb_is_no_hedge():
    import khabar
    (c,) = khabar.extract("وقد تعرضت القرية لقصف مدفعي تركي أمس.").claims
    assert c.modality == "asserted"


@pytest.mark.parametrize("text, modality", [
    ("Russian airstrikes killed 12 civilians in Idlib, the White Helmets said. AFP could not independently verify "
     "the toll.", "hedged"),
    ("Des frappes russes ont tué 12 civils à Idleb, selon les Casques blancs. L'AFP n'a pas pu vérifier ces "
     "informations de source indépendante.", "hedged"),
    ("قتل 12 مدنيا بغارات روسية على إدلب. ولم يتسن التحقق من ذلك بشكل مستقل.", "hedged"),
    # a disclaimer in another paragraph, or a plain next sentence, leaves the claim as told
    ("Russian airstrikes killed 12 civilians in Idlib.\n\nAFP could not independently verify the toll.", "asserted"),
    ("Russian airstrikes killed 12 civilians in Idlib. The strikes hit a market.", "asserted"),
])
def test_a_verification_disclaimer_right_after_hedges_the_claim(text, modality):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.modality == modality


@pytest.mark.parametrize("text, modality", [
    # "تنفيذ" (carrying out) opens with the letters of "تنفي" (she denies): no denial
    ("قال مصدر أمني إن مسلحين تولوا تنفيذ عملية اغتيال استهدفت مختار القرية.", "reported"),
    # a denial after the conjunction "و" still is one
    ("ونفت قسد أن تكون قواتها قد قصفت القرية.", "denied"),
])
def test_arabic_denials_are_whole_words(text, modality):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.modality == modality

def test_a_participle_clause_is_hedged_with_the_clause_it_goes_on_from():
    import khabar
    claims = khabar.extract("US forces reportedly carried out an airdrop operation in the countryside of Deir "
                            "ez-Zor, detaining two people suspected of links to IS.", published="2024-03-10").claims
    assert {c.type: c.modality for c in claims} == {"ATTACK": "hedged", "ARREST": "hedged"}


def test_a_clause_of_its_own_keeps_its_own_modality():
    import khabar
    claims = khabar.extract("Turkish forces shelled the village of Qabasin, while the SDF reportedly arrested "
                            "two men in Manbij.", published="2024-03-10").claims
    assert {c.type: c.modality for c in claims} == {"SHELLING": "asserted", "ARREST": "hedged"}

@pytest.mark.parametrize("text", [
    "ويُرجّح أن تكون خلايا تابعة لتنظيم داعش وراء الهجوم على الحاجز.",
    "فيما يُعتقد أن طائرة مسيرة تركية نفذت الغارة على ريف القامشلي.",
    "أشارت تقارير إعلامية إلى احتمال أن يكون الطيران الإسرائيلي هو من نفذ الغارة على البوكمال.",
])
def test_arabic_hedge_carrying_a_conjunction_or_told_as_a_possibility(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.modality == "hedged"


@pytest.mark.parametrize("text", [
    "وأكد المتحدث باسم قسد أن قواتهم لم تعتقل أي مدني خلال العملية في بلدة الصور.",
    "وقالت الخارجية الروسية إن طائراتها لم تقصف أي مستشفى في ريف إدلب.",
])
def test_arabic_a_negated_trigger_verb_is_denied(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.modality == "denied"


@pytest.mark.parametrize("pattern,texts", [
    (r"(?<!\w)(?:reportedly|(?:is|are|was|were) said to|(?:may|might) have)", [
        "gunmen reportedly attacked", "the army was said to be near", "they might have fled",
        "gunmen attacked a checkpoint", "", "said to", "unreportedly", "reportedly"]),
    (r"(?<!\w)(?:\w+ly|no)", ["gunmen attacked", "quickly", "no", "x"]),      # no literal every match holds
])
def test_cue_literal_precheck_finds_what_the_regex_finds(pattern, texts):
    import re

    from khabar.modality import _Cue
    cue = _Cue(re.compile(pattern))
    for text in texts:
        assert cue.search(text) == (re.search(pattern, text) is not None), text


def test_cue_knows_the_literals_of_its_alternatives():
    import re

    from khabar.modality import _Cue
    assert _Cue(re.compile(r"(?<!\w)(?:reportedly|allegedly)"))._literals is not None
    assert _Cue(re.compile(r"(?<!\w)(?:\w+ly|no)"))._literals is None
