"""Claims stage: triggers, argument frames, one claim per happening, casualties, ACLED mapping.

Reports are built by hand: text, and the mentions, numbers and dates the earlier stages would
give, so that each test checks the claims stage alone.
"""
from __future__ import annotations

import re
import time

import pytest

from khabar import claims as claims_mod
from khabar.claims import acled_mapping, claims
from khabar.model import Claim, DateValue, Evidence, Mention, Quantity, Report
from khabar.normalise import normalise

PLACES = {
    "Shaddadi": ("geonames:172837", 36.056, 40.73, "city", "SY.01"),
    "al-Shaddadi": ("geonames:172837", 36.056, 40.73, "city", "SY.01"),
    "الشدادي": ("geonames:172837", 36.056, 40.73, "city", "SY.01"),
    "Hasakah": ("geonames:173811", 36.50, 40.75, "city", "SY.01"),
    "Hassaké": ("geonames:173811", 36.50, 40.75, "city", "SY.01"),
    "الحسكة": ("geonames:173811", 36.50, 40.75, "city", "SY.01"),
    "Qamishli": ("geonames:173377", 37.05, 41.23, "city", "SY.01"),
    "Ghuwayran prison": ("site:ghuwayran-prison", 36.48, 40.74, "site", "SY.01"),
    "prison de Ghuwayran": ("site:ghuwayran-prison", 36.48, 40.74, "site", "SY.01"),
    "سجن غويران": ("site:ghuwayran-prison", 36.48, 40.74, "site", "SY.01"),
    "al-Tanf": ("site:al-tanf", 33.5, 38.6, "site", "SY.13"),
    "Deir ez-Zor": ("geonames:170794", 35.33, 40.14, "city", "SY.05"),
    "al-Omar": ("site:al-omar-field", 35.07, 40.56, "site", "SY.05"),
    "Ras al-Ain": ("geonames:173540", 36.85, 40.07, "city", "SY.01"),
}
ACTORS = {
    "Islamic State": "islamic-state", "IS": "islamic-state", "Daech": "islamic-state", "داعش": "islamic-state",
    "SDF": "sdf", "QSD": "sdf", "FDS": "sdf", "YPG": "ypg",
    "US forces": "united-states", "américains": "united-states", "الأمريكية": "united-states",
    "Turkish forces": "turkey", "Syrian army": "syrian-army", "regime forces": "syrian-army",
    "coalition officers": "us-led-coalition", "unidentified gunmen": "unidentified",
}


def _find(text: str, surface: str, nth: int = 0) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(surface, pos + 1)
    return pos


def make_report(text: str, lang: str = "en", places=(), actors=(), numbers=(), dates=()) -> Report:
    """places/actors: surfaces (optionally (surface, nth)); numbers: (surface, value, at_least, approx);
    dates: (surface, iso)."""
    r = Report(raw=text, text=text, lang=lang)
    normalise(r)
    for item in places:
        surface, nth = item if isinstance(item, tuple) else (item, 0)
        pid, lat, lon, prec, adm = PLACES[surface]
        s = _find(text, surface, nth)
        r.mentions.append(Mention(s, s + len(surface), surface, "place", pid, surface, lat, lon, prec,
                                  _entry={"admin1": adm, "country": "SY"}))
    for item in actors:
        surface, nth = item if isinstance(item, tuple) else (item, 0)
        s = _find(text, surface, nth)
        r.mentions.append(Mention(s, s + len(surface), surface, "actor", ACTORS[surface], surface))
    for surface, value, at_least, approx, *nth in numbers:
        s = _find(text, surface, nth[0] if nth else 0)
        r.numbers.append(Quantity(value, at_least, approx, surface, s, s + len(surface)))
    for surface, iso in dates:
        s = _find(text, surface)
        r.dates.append(DateValue(iso, iso, "day", surface, [iso], s, s + len(surface)))
    r.mentions.sort(key=lambda m: m.start)
    return claims(r)


def ids(lst):
    return {a["id"] for a in lst}


def of_type(r: Report, t: str) -> list[Claim]:
    return [c for c in r.claims if c.type == t]


# --- strikes by verb, success verbs, displacement, police, claims of responsibility ----------------

@pytest.mark.parametrize("text", [
    "ضربت طائرة مسيرة تركية سيارة قرب عامودا مساء الثلاثاء.",
    "ضربت مروحية روسية مواقع للفصائل في ريف إدلب الجنوبي.",
    "استهدفت ضربة بطائرة مسيرة شاحنة على طريق الحسكة.",
])
def test_arabic_a_strike_by_a_drone_or_aircraft_told_by_its_verb_is_an_airstrike(text):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] == ["AIRSTRIKE"]


@pytest.mark.parametrize("text", [
    "ضرب زلزال بقوة خمس درجات مدينة اللاذقية فجر اليوم.",
    "ضربت قوات الأمن طوقا حول الحي.",
])
def test_arabic_the_verb_strike_with_no_aircraft_tells_no_happening(text):
    import khabar
    assert not khabar.extract(text, published="2024-03-10").claims


@pytest.mark.parametrize("text, agent", [
    ("La police irakienne a arrêté trois suspects à Kirkouk jeudi.", "iraq"),
    ("اعتقلت الشرطة العراقية ثلاثة مطلوبين في كركوك.", "iraq"),
    ("La police syrienne a interpellé un trafiquant à Lattaquié.", "syrian-government"),
    ("اعتقلت الشرطة السورية تاجر مخدرات في اللاذقية.", "syrian-government"),
    ("Turkish gendarmerie detained 40 migrants near the border in Hatay.", "turkey"),
    ("La gendarmerie turque a arrêté quarante migrants près de la frontière.", "turkey"),
    ("اعتقلت الجندرما التركية أربعين مهاجرا على الحدود.", "turkey"),
    ("Kurdish police arrested two men in Amuda on Sunday.", "asayish"),
    ("La police kurde a arrêté deux hommes à Amouda dimanche.", "asayish"),
    ("اعتقلت الشرطة الكردية شابين في عامودا.", "asayish"),
])
def test_the_police_of_the_regions_states_and_the_kurdish_police_are_their_sides(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ARREST" and ids(c.agent) == {agent}


@pytest.mark.parametrize("text, origin, destination", [
    ("Dozens of families fled from Tal Tamr to Hasakah on Wednesday.", "Tall Tamr", "Al Ḩasakah"),
    ("Thousands of civilians have fled Ras al-Ain towards Tal Tamr.", "Ra’s al ‘Ayn", "Tall Tamr"),
    ("More than 200 families were displaced from Deir Hafer to Manbij.", "Dayr Ḩāfir", "Manbij"),
    ("Des dizaines de familles ont fui Tal Tamr vers Hassaké mercredi.", "Tall Tamr", "Al Ḩasakah"),
    ("Plus de 200 familles ont été déplacées de Deir Hafer vers Manbij.", "Dayr Ḩāfir", "Manbij"),
    ("نزحت عشرات العائلات من تل تمر إلى الحسكة يوم الأربعاء.", "Tall Tamr", "Al Ḩasakah"),
    ("فرت آلاف العائلات من رأس العين باتجاه تل تمر.", "Ra’s al ‘Ayn", "Tall Tamr"),
])
def test_people_fleeing_from_a_place_to_another_are_a_movement_with_origin_and_destination(text, origin, destination):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "TRANSFER" and c.origin.name == origin and c.destination.name == destination


@pytest.mark.parametrize("text", [
    "Gunmen opened fire on a checkpoint in Hasakah before fleeing to an unknown destination.",
    "Les assaillants ont pris la fuite après l'attaque du poste à Hassaké.",
    "A camp for displaced people from Deir ez-Zor was flooded in Hasakah.",
])
def test_attackers_fleeing_the_scene_or_a_camp_of_displaced_people_tell_no_movement(text):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] in (["ATTACK"], [])


@pytest.mark.parametrize("text, dead", [
    ("Unknown gunmen managed to kill a local council member in Busayrah on Friday.", 1),
    ("Security forces were able to kill four IS militants near Tikrit.", 4),
    ("Des hommes armés ont réussi à tuer un membre du conseil local à Bousseira vendredi.", 1),
    ("تمكن مسلحون مجهولون من قتل عضو في المجلس المحلي في البصيرة.", 1),
])
def test_a_killing_told_with_a_verb_of_success_is_a_killing(text, dead):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "KILL" and c.fatalities.value == dead


@pytest.mark.parametrize("text, first, second", [
    ("Gunmen killed a local official in Mayadin on Monday, while a roadside bomb killed three soldiers in Albu Kamal.",
     ("KILL", 1), ("ATTACK", 3)),
    ("Unidentified gunmen killed a village mukhtar near Shaddadi, while a roadside bomb wounded two soldiers nearby.",
     ("KILL", 1), ("ATTACK", None)),
    ("Des hommes armés ont tué un responsable local à Mayadine lundi, tandis qu'un engin explosif a tué trois soldats à "
     "Boukamal.", ("KILL", 1), ("ATTACK", 3)),
    ("قتل مسلحون مجهولون مختارا في الميادين، فيما قتل ثلاثة جنود بانفجار عبوة ناسفة في البوكمال.",
     ("KILL", 1), ("ATTACK", 3)),
    ("Turkish drones killed two SDF fighters near Qamishli, while clashes erupted between the SNA and the SDF near "
     "Ain Issa.", ("AIRSTRIKE", 2), ("ATTACK", None)),
])
def test_a_killing_by_a_side_of_its_own_past_a_clause_break_is_a_happening_of_its_own(text, first, second):
    import khabar
    cs = khabar.extract(text, published="2024-03-10").claims
    assert [(c.type, c.fatalities.value if c.fatalities else None) for c in cs] == [first, second]


@pytest.mark.parametrize("text", [
    "Clashes broke out between the SDF and IS in Hajin, while IS killed two SDF fighters.",
    "A car bomb exploded in Azaz, while two civilians were killed in the blast.",
    "Unknown gunmen attacked a checkpoint that belongs to the SDF near Shaddadi, killing an SDF fighter.",
])
def test_a_toll_told_past_a_clause_break_by_the_sides_of_the_happening_stays_its_toll(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and c.fatalities is not None


@pytest.mark.parametrize("text", [
    "Armed men kidnapped a shepherd near Markada on Saturday.",
    "A masked gunman shot dead a shop owner in Hajin.",
    "Un homme armé a enlevé un berger près de Markada samedi.",
    "اختطف مسلح مجهول راعيا قرب مركدة.",
    "اختطف ملثمون راعيا قرب مركدة.",
])
def test_armed_men_no_one_names_are_unidentified_agents(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {"unidentified"}


@pytest.mark.parametrize("text, ctype", [
    ("Un convoi américain a été pris pour cible par une bombe artisanale près de Shaddadi.", "ATTACK"),
    ("Deux positions des FDS ont été prises pour cibles par des tirs près de Tal Tamr.", "ATTACK"),
    ("أطلق مسلحون مجهولون النار على حافلة في بلدة الشحيل.", "ATTACK"),
    ("أغارت طائرات حربية روسية على مواقع للفصائل في ريف إدلب.", "AIRSTRIKE"),
])
def test_attacks_told_with_the_subject_inside_the_verbs_phrase(text, ctype):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] == [ctype]


# --- claim types and roles: one claim per happening, patrols attacked, clashes, interceptions ------

@pytest.mark.parametrize("text", [
    "Turkish artillery shelled villages near Manbij on Monday, while regime forces shelled the outskirts of Deraa.",
    "L'artillerie turque a bombardé des villages près de Manbij, tandis que les forces du régime ont pilonné la "
    "périphérie de Deraa.",
    "قصفت المدفعية التركية قرى قرب منبج فيما قصفت قوات النظام أطراف درعا.",
    "IS fighters attacked an SDF checkpoint in Shaddadi, while another cell ambushed an army patrol near Palmyra.",
])
def test_two_happenings_of_one_type_at_two_far_places_in_one_sentence_are_two_claims(text):
    import khabar
    cs = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type in ("SHELLING", "ATTACK")]
    assert len(cs) == 2 and cs[0].type == cs[1].type
    assert cs[0].location.name != cs[1].location.name


@pytest.mark.parametrize("text", [
    "A drone struck a car in Qamishli on Monday; the strike killed two SDF members.",
    "Turkish artillery shelled Manbij on Monday, and regime forces also shelled the city.",
])
def test_a_second_trigger_at_the_same_place_or_retelling_the_first_stays_one_claim(text):
    import khabar
    cs = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type != "STATEMENT"]
    assert len(cs) == 1


@pytest.mark.parametrize("text, target", [
    ("استهدف مسلحون دورية للجيش الروسي قرب تل تمر.", "russia"),
    ("انفجرت عبوة ناسفة بدورية لقسد في الحسكة.", "sdf"),
    ("Gunmen attacked a Russian army patrol near Tal Tamr.", "russia"),
    ("Des hommes armés ont attaqué une patrouille de l'armée russe près de Tal Tamr.", "russia"),
])
def test_a_patrol_that_is_attacked_is_the_target_not_a_deployment(text, target):
    import khabar
    cs = khabar.extract(text, published="2024-03-10").claims
    assert [c.type for c in cs] == ["ATTACK"] and ids(cs[0].target) == {target}
    assert target not in ids(cs[0].agent)


def test_a_patrol_sent_out_is_still_a_deployment():
    import khabar
    (c,) = khabar.extract("سيرت القوات الروسية دورية في ريف القامشلي.", published="2024-03-10").claims
    assert c.type == "DEPLOY" and ids(c.agent) == {"russia"}


@pytest.mark.parametrize("text", [
    "Clashes broke out between regime forces and Hayat Tahrir al-Sham near Saraqib on Friday.",
    "Des affrontements ont éclaté vendredi entre l'armée syrienne et les jihadistes de HTS près de Saraqeb.",
    "Des combats opposent les forces du régime à HTS près de Saraqeb.",
    "اندلعت اشتباكات عنيفة بين قوات النظام وهيئة تحرير الشام قرب سراقب.",
])
def test_the_sides_a_clash_is_between_are_both_its_agents_in_every_language(text):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK"]
    assert ids(c.agent) == {"syrian-army", "hts"} and not c.target


@pytest.mark.parametrize("text, kind", [
    ("Syrian air defences intercepted two Israeli missiles over Damascus on Sunday.", "SHELLING"),
    ("La défense aérienne syrienne a intercepté deux missiles israéliens au-dessus de Damas.", "SHELLING"),
    ("تصدت الدفاعات الجوية السورية لصواريخ إسرائيلية في سماء دمشق.", "SHELLING"),
    ("Syrian air defenses intercepted several Israeli drones over Homs.", "AIRSTRIKE"),
    ("La défense aérienne syrienne a intercepté plusieurs drones israéliens au-dessus de Homs.", "AIRSTRIKE"),
])
def test_projectiles_intercepted_are_the_attack_of_their_side_on_the_interceptor(text, kind):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == kind and ids(c.agent) == {"israel"} and ids(c.target) == {"syrian-army"}


def test_arabic_an_attack_repelled_with_its_clitic_has_the_repelling_side_as_target():
    import khabar
    (c,) = khabar.extract("تصدت قوات النظام لهجوم لهيئة تحرير الشام قرب سراقب.", published="2024-03-10").claims
    assert ids(c.agent) == {"hts"} and ids(c.target) == {"syrian-army"}


def test_a_convoy_intercepted_is_no_projectile():
    import khabar
    cs = khabar.extract("Iraqi forces intercepted a convoy of trucks near the border.", published="2024-03-10").claims
    assert not [c for c in cs if c.type in ("SHELLING", "AIRSTRIKE")]


@pytest.mark.parametrize("text", [
    "Une bombe artisanale a tué deux combattants des FDS près de Chaddadé lundi.",
    "Une bombe placée en bord de route a explosé au passage d'une patrouille des FDS à Hassaké.",
])
def test_french_home_made_and_roadside_bombs_are_attacks(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and ids(c.target) == {"sdf"}


@pytest.mark.parametrize("text", [
    "Les FDS ont désamorcé des engins explosifs dans un village près de Hassaké.",
    "Les forces de sécurité ont découvert une voiture piégée près de Qamichli.",
    "فككت قسد عبوات ناسفة في قرية قرب الحسكة.",
    "عثرت قوات الأمن على سيارة مفخخة قرب القامشلي.",
])
def test_explosives_found_or_defused_are_no_attack(text):
    import khabar
    assert not khabar.extract(text, published="2024-03-10").claims


@pytest.mark.parametrize("text", [
    "قتل عنصران من قسد بانفجار عبوة ناسفة قرب الشدادي.",
    "أصيب ثلاثة عناصر من قسد بهجوم قرب الشدادي.",
])
def test_arabic_the_side_of_those_killed_before_the_happening_is_its_target(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and ids(c.target) == {"sdf"} and not c.agent


@pytest.mark.parametrize("text", [
    "A roadside bomb killed two SDF fighters near Shaddadi on Monday. The Islamic State claimed responsibility for "
    "the operation.",
    "Une bombe artisanale a tué deux combattants des FDS près de Chaddadé lundi. Le groupe Etat islamique a "
    "revendiqué l'opération.",
    "قتل عنصران من قسد بانفجار عبوة ناسفة قرب الشدادي يوم الاثنين. وتبنى تنظيم داعش العملية عبر وكالة أعماق.",
    "قتل عنصران من قسد بانفجار عبوة ناسفة قرب الشدادي يوم الاثنين. وأعلن تنظيم داعش مسؤوليته عن العملية.",
])
def test_a_side_claiming_the_happening_told_before_is_its_agent(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and ids(c.agent) == {"islamic-state"} and ids(c.target) == {"sdf"}


@pytest.mark.parametrize("text", [
    "A roadside bomb killed two SDF fighters near Shaddadi. No group has claimed responsibility for the attack.",
    "قتل عنصران من قسد بانفجار عبوة ناسفة قرب الشدادي، ولم تتبن أي جهة الهجوم.",
])
def test_an_attack_no_one_claimed_has_no_agent(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert not c.agent


@pytest.mark.parametrize("text", [
    "Les factions soutenues par la Turquie se sont emparées du village de Tal Tamr.",
    "La Turquie s'est emparée de plusieurs villages près de Tal Tamr.",
])
def test_french_a_pronominal_verb_is_active_not_passive(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "SEIZE" and c.agent and not c.target


def test_arabic_a_ceasefire_officers_met_to_discuss_is_no_agreement():
    import khabar
    cs = khabar.extract("اجتمع ضباط روس وأتراك في القامشلي لبحث وقف إطلاق النار.", published="2024-03-10").claims
    assert [c.type for c in cs] == ["MEETING"] and ids(cs[0].agent) == {"russia", "turkey"}


@pytest.mark.parametrize("text", [
    "On Monday, Turkish forces shelled the village of Umm al-Kaif near Tal Tamr. In response, the SDF shelled "
    "positions of Turkish forces near Ras al-Ain.",
    "Lundi, les forces turques ont bombardé le village d'Oum al-Kaif près de Tal Tamr. En riposte, les FDS ont "
    "bombardé des positions des forces turques près de Ras al-Aïn.",
    "قصفت القوات التركية يوم الاثنين قرية أم الكيف قرب تل تمر، وردت قسد بقصف مواقع للقوات التركية قرب رأس العين.",
])
def test_a_bombardment_answered_by_the_other_sides_is_an_exchange_of_fire(text):
    import khabar
    cs = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "SHELLING"]
    assert cs and cs[0].acled["event_type"] == "Battles"


def test_two_bombardments_by_the_same_side_are_no_exchange():
    import khabar
    cs = khabar.extract("Turkish forces shelled Tal Tamr on Monday. Turkish artillery also shelled positions of the "
                        "SDF near Ras al-Ain.", published="2024-03-10").claims
    assert all(c.acled["event_type"] == "Explosions/Remote violence" for c in cs if c.type == "SHELLING")


def test_a_shelling_exchange_written_as_a_noun_is_mutual():
    import khabar
    (c,) = khabar.extract("On Monday, a shelling exchange took place between regime forces and Turkish forces near "
                          "Tal Tamr.", published="2024-03-10").claims
    assert c.type == "SHELLING" and c.acled["event_type"] == "Battles"


def test_arabic_the_side_owning_the_positions_shelled_is_the_target():
    import khabar
    (c,) = khabar.extract("ردت قسد بقصف مواقع للقوات التركية قرب رأس العين.", published="2024-03-10").claims
    assert ids(c.agent) == {"sdf"} and ids(c.target) == {"turkey"}


# --- sides of the one telling: possessives, ministries, repelled attacks, aircraft shot down ------

@pytest.mark.parametrize("text", [
    "The SDF said its fighters repelled an Islamic State attack on a checkpoint near Tal Tamr on Sunday.",
    "Les FDS ont indiqué que leurs combattants avaient repoussé une attaque de l'EI contre un poste près de Tal Tamer.",
    "قالت قوات سوريا الديمقراطية إن مقاتليها صدوا هجوماً لتنظيم داعش على حاجز قرب تل تمر.",
])
def test_the_owner_of_those_repelling_an_attack_is_its_target(text):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK"]
    assert ids(c.agent) == {"islamic-state"} and ids(c.target) == {"sdf"}


@pytest.mark.parametrize("text, agent", [
    ("The Syrian defence ministry said its forces shelled positions of Hayat Tahrir al-Sham near Saraqib.",
     "syrian-army"),
    ("Le ministère syrien de la Défense a annoncé que ses forces avaient bombardé des positions de HTS près de Saraqeb.",
     "syrian-army"),
    ("وقالت وزارة الدفاع السورية إن قواتها قصفت مواقع لهيئة تحرير الشام قرب سراقب.", "syrian-army"),
    ("Le ministère turc de la Défense a affirmé que nos forces ont frappé des positions du PKK dans le nord de l'Irak.",
     "turkey"),
    ("قالت وزارة الدفاع التركية إن قواتنا حيدت 9 إرهابيين من حزب العمال الكردستاني شمال العراق.", "turkey"),
    ("The Iraqi defence ministry said our forces killed four Islamic State militants in an ambush near Tarmiyah.",
     "iraqi-army"),
])
def test_the_forces_of_a_defence_ministry_telling_are_its_states(text, agent):
    import khabar
    violent = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type != "STATEMENT"]
    assert violent and ids(violent[0].agent) == {agent}


@pytest.mark.parametrize("text", [
    "The group said its fighters shot down a Turkish drone near Kobani.",
    "Le groupe a affirmé que ses combattants avaient abattu un drone turc près de Kobané.",
    "وقال التنظيم إن مقاتليه أسقطوا طائرة مسيرة تركية قرب عين العرب.",
])
def test_the_owner_of_an_aircraft_shot_down_is_its_target_not_its_agent(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert "turkey" not in ids(c.agent) and ids(c.target) == {"turkey"}


@pytest.mark.parametrize("text, agent, backer", [
    ("The SDF, backed by French, Italian, and US coalition forces, seized control of the village of Tal Barak.",
     "sdf", "united-states"),
    ("SDF forces supported by American, and British troops of the coalition stormed IS hideouts near Markadah.",
     "sdf", "united-kingdom"),
    ("Les FDS, soutenues par des troupes françaises, italiennes, et britanniques, ont pris le contrôle du village "
     "de Tal Barak.", "sdf", "united-kingdom"),
    ("هاجمت قسد بدعم من التحالف الدولي مواقع لتنظيم داعش قرب مركدة.", "sdf", "us-led-coalition"),
    ("سيطرت قوات سوريا الديمقراطية بمساندة من طيران التحالف على قرية تل براك.", "sdf", "us-led-coalition"),
])
def test_a_side_backed_by_a_list_of_others_stays_the_subject_and_its_backers_act_with_it(text, agent, backer):
    import khabar
    c = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type in ("SEIZE", "ATTACK")][0]
    assert c.agent[0]["id"] == agent and backer in ids(c.agent) and backer not in ids(c.target)


@pytest.mark.parametrize("text", [
    "Three Syrian soldiers were killed at the hands of IS militants near al-Sukhnah on Friday.",
    "قتل ثلاثة جنود سوريين على يد عناصر داعش قرب السخنة.",
    "قتل ثلاثة جنود على يد داعش قرب السخنة.",
    "Un poste de l'armée syrienne a été attaqué par des combattants de l'EI près de Soukhné.",
    "Un poste de l'armée syrienne a été attaqué par des cellules de l'EI près de Soukhné.",
])
def test_the_side_after_an_agent_marker_and_its_people_did_it(text):
    import khabar
    c = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type in ("KILL", "ATTACK")][0]
    assert ids(c.agent) == {"islamic-state"} and "islamic-state" not in ids(c.patient) | ids(c.target)


@pytest.mark.parametrize("text", [
    "تعرض رتل أمريكي لاستهداف بعبوة ناسفة قرب مركدة.",
    "تعرضت آلية أمريكية لاستهداف بعبوة ناسفة على طريق الشدادي.",
])
def test_arabic_exposed_to_a_targeting_by_a_means_makes_the_side_before_its_target(text):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK"]
    assert ids(c.target) == {"united-states"} and not c.agent


@pytest.mark.parametrize("text, agent, victim", [
    ("Gunmen loyal to the Syrian government shot dead two SDF members near Qamishli on Friday.",
     "syrian-government", "sdf"),
    ("Fighters affiliated with Islamic State attacked an army checkpoint near al-Sukhnah.", "islamic-state", None),
    ("Militants loyal to Iran fired rockets at a US base near the Conoco field.", "iran", "united-states"),
])
def test_people_owned_by_a_side_before_an_active_verb_make_that_side_the_agent(text, agent, victim):
    import khabar
    c = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type != "STATEMENT"][0]
    assert ids(c.agent) == {agent} and agent not in ids(c.target) | ids(c.patient)
    assert victim is None or victim in ids(c.target) | ids(c.patient)


@pytest.mark.parametrize("text, agent, victim", [
    ("Des hommes armés fidèles au régime ont abattu deux membres des FDS près de Qamichli vendredi.",
     "syrian-army", "sdf"),
    ("Des combattants affiliés à l'EI ont attaqué un poste de l'armée près de Soukhné.", "islamic-state", None),
    ("Fighters affiliated with the Islamic State attacked an army checkpoint near al-Sukhnah.", "islamic-state", None),
    ("Des cellules de l'EI ont attaqué un poste tenu par les FDS près de Bousseira.", "islamic-state", "sdf"),
    ("Un poste tenu par les FDS a été attaqué près de Bousseira.", None, "sdf"),
    ("Des factions soutenues par la Turquie ont bombardé des positions des FDS près de Tal Tamer.",
     "syrian-national-army", "sdf"),
])
def test_french_sides_owning_people_or_posts(text, agent, victim):
    import khabar
    c = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type != "STATEMENT"][0]
    assert ids(c.agent) == ({agent} if agent else set())
    assert victim is None or victim in ids(c.target) | ids(c.patient)


@pytest.mark.parametrize("text", [
    "The SDF said its fighters were attacked by IS cells near Busayrah on Sunday.",
    "Les FDS ont indiqué que leurs combattants avaient été attaqués par des cellules de l'EI près de Bousseira.",
    "قالت قسد إن مقاتليها تعرضوا لهجوم من قبل خلايا داعش قرب البصيرة.",
])
def test_the_owner_of_those_attacked_in_the_passive_is_the_target(text):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK"]
    assert ids(c.agent) == {"islamic-state"} and ids(c.target) == {"sdf"}


# --- English frames ---------------------------------------------------------------------------

def test_attack_with_subject_object_place_date_and_casualties():
    text = ("On 3 May 2020, Islamic State fighters attacked an SDF checkpoint near Shaddadi, "
            "killing 3 SDF fighters and wounding 2 others.")
    r = make_report(text, places=["Shaddadi"], actors=["Islamic State", "SDF", ("SDF", 1)],
                    numbers=[("3", 3, None, False, 1), ("2", 2, None, False, 2)],
                    dates=[("3 May 2020", "2020-05-03")])
    (c,) = r.claims
    assert c.type == "ATTACK"
    assert ids(c.agent) == {"islamic-state"} and "sdf" in ids(c.target)
    assert c.location.id == "geonames:172837"
    assert c.date.start == "2020-05-03"
    assert c.fatalities.value == 3 and c.injured.value == 2
    assert c.acled == {"event_type": "Battles", "sub_event_type": "Armed clash"}


def test_passive_agent_after_by_and_singular_victim():
    text = "A YPG fighter was shot dead by unidentified gunmen in Qamishli."
    r = make_report(text, places=["Qamishli"], actors=["YPG", "unidentified gunmen"])
    (c,) = r.claims
    assert c.type == "KILL"
    assert ids(c.agent) == {"unidentified"}
    assert "ypg" in ids(c.patient)
    assert c.fatalities.value == 1


def test_clashes_between_two_parties_name_both():
    text = "Clashes broke out between Turkish forces and QSD in Ras al-Ain."
    r = make_report(text, places=["Ras al-Ain"], actors=["Turkish forces", "QSD"])
    (c,) = r.claims
    assert c.type == "ATTACK"
    assert ids(c.agent) | ids(c.target) == {"turkey", "sdf"}
    assert c.location.name == "Ras al-Ain"


def test_drone_means_make_an_airstrike():
    text = "Turkish forces targeted a QSD position with drones near Ras al-Ain."
    r = make_report(text, places=["Ras al-Ain"], actors=["Turkish forces", "QSD"])
    assert [c.type for c in r.claims] == ["AIRSTRIKE"]
    assert r.claims[0].acled["sub_event_type"] == "Air/drone strike"


def test_capture_of_a_place_is_seize_and_of_people_is_arrest():
    r = make_report("The Syrian army captured the village of Tal Baydar from the SDF.",
                    actors=["Syrian army", "SDF"])
    (c,) = r.claims
    assert c.type == "SEIZE"
    assert ids(c.agent) == {"syrian-army"} and "sdf" in ids(c.target)
    assert c.acled["sub_event_type"] == "Government regains territory"
    r = make_report("QSD captured 4 IS members.", actors=["QSD", "IS"], numbers=[("4", 4, None, False)])
    assert [c.type for c in r.claims] == ["ARREST"]
    assert r.claims[0].count.value == 4


def test_no_fatalities_reported_is_zero_and_range_is_lower_bound():
    r = make_report("Clashes took place in Qamishli. Neither injuries nor fatalities were reported.",
                    places=["Qamishli"])
    (c,) = r.claims
    assert c.fatalities.value == 0
    r = make_report("The regime forces shelled Ras al-Ain; between 2 and 5 civilians were killed.",
                    places=["Ras al-Ain"], actors=["regime forces"],
                    numbers=[("2", 2, None, False), ("5 civilians", 5, None, False)])
    (c,) = r.claims
    assert c.type == "SHELLING"
    assert c.fatalities.at_least == 2 and c.fatalities.value == 2


def test_coordinated_death_tolls_are_summed_once():
    text = "Turkish forces clashed with QSD near Ras al-Ain. 4 QSD and 6 Turkish-backed fighters were killed."
    r = make_report(text, places=["Ras al-Ain"], actors=["Turkish forces", "QSD", ("QSD", 1)],
                    numbers=[("4", 4, None, False), ("6", 6, None, False)])
    violent = [c for c in r.claims if c.type in claims_mod.VIOLENT]
    assert len(violent) == 1
    assert violent[0].fatalities.value == 10


def test_purpose_clause_is_not_a_happening():
    text = "US forces transferred 20 IS prisoners to al-Tanf in order to attack the Syrian army."
    r = make_report(text, places=["al-Tanf"], actors=["US forces", "IS", "Syrian army"],
                    numbers=[("20", 20, None, False)])
    assert [c.type for c in r.claims] == ["TRANSFER"]
    c = r.claims[0]
    assert c.destination.id == "site:al-tanf" and c.count.value == 20
    assert ids(c.agent) == {"united-states"} and ids(c.patient) == {"islamic-state"}


# --- French and Arabic frames -----------------------------------------------------------------

def test_french_transfer_origin_destination_means_and_helicopter_owner_as_agent():
    text = ("Les prisonniers de Daech ont été transportés à bord d'hélicoptères américains depuis la "
            "prison de Ghuwayran vers al-Tanf.")
    r = make_report(text, lang="fr", places=["prison de Ghuwayran", "al-Tanf"], actors=["Daech", "américains"])
    (c,) = r.claims
    assert c.type == "TRANSFER"
    assert c.origin.id == "site:ghuwayran-prison" and c.destination.id == "site:al-tanf"
    assert c.location is None
    assert "helicopter" in c.means
    assert ids(c.agent) == {"united-states"} and ids(c.patient) == {"islamic-state"}


def test_french_nested_places_keep_the_role_and_the_most_specific():
    text = "Les forces américaines ont transporté 30 miliciens de Daech depuis Hassaké vers al-Omar à Deir ez-Zor."
    r = make_report(text, lang="fr", places=["Hassaké", "al-Omar", "Deir ez-Zor"], actors=["américains"] if
                    "américains" in text else [], numbers=[("30", 30, None, False)])
    (c,) = r.claims
    assert c.origin.name == "Hassaké"
    assert c.destination.id == "site:al-omar-field"      # the site, not the city it lies in


def test_arabic_transfer_verb_first_with_origin_and_destination():
    text = "نقلت القوات الأمريكية 50 سجيناً من داعش من سجن غويران إلى الشدادي."
    r = make_report(text, lang="ar", places=["سجن غويران", "الشدادي"], actors=["الأمريكية", "داعش"],
                    numbers=[("50", 50, None, False)])
    (c,) = r.claims
    assert c.type == "TRANSFER"
    assert c.origin.id == "site:ghuwayran-prison" and c.destination.name == "الشدادي"
    assert c.count.value == 50
    assert "united-states" in ids(c.agent) and ids(c.patient) == {"islamic-state"}


def test_a_place_takes_the_marker_nearest_it_not_the_first_in_the_gap():
    # the origin is a village the gazetteer does not know: its "from" must not pass to Shaddadi
    text = "US forces transferred 40 IS prisoners from the village of Tell Unknownia to Shaddadi."
    r = make_report(text, places=["Shaddadi"], actors=["US forces", "IS"], numbers=[("40", 40, None, False)])
    (c,) = r.claims
    assert c.type == "TRANSFER" and c.origin is None and c.destination.name == "Shaddadi"


def test_arabic_partitive_min_before_a_destination_marker_is_no_origin():
    # "من" here says "hundreds of the prisoners", and "باتجاه" where they went
    text = "نقلت القوات الأمريكية المئات من سجناء التنظيم باتجاه الشدادي."
    r = make_report(text, lang="ar", places=["الشدادي"], actors=["الأمريكية"])
    (c,) = r.claims
    assert c.origin is None and c.destination.name == "الشدادي"


def test_arabic_purpose_prefix_is_not_a_claim():
    text = "نقلت القوات الأمريكية 50 سجيناً من داعش إلى الشدادي للقتال ضد الجيش."
    r = make_report(text, lang="ar", places=["الشدادي"], actors=["الأمريكية", "داعش"], numbers=[("50", 50, None, False)])
    assert [c.type for c in r.claims] == ["TRANSFER"]


# --- one claim per happening ------------------------------------------------------------------

def test_transfer_and_the_meeting_that_prepared_it_are_two_claims():
    text = ("After a meeting between coalition officers and IS prisoners in Hasakah, "
            "US forces transferred 20 IS prisoners to Shaddadi.")
    r = make_report(text, places=["Hasakah", "Shaddadi"],
                    actors=["coalition officers", "IS", "US forces", ("IS", 1)], numbers=[("20", 20, None, False)])
    assert sorted(c.type for c in r.claims) == ["MEETING", "TRANSFER"]
    t = of_type(r, "TRANSFER")[0]
    assert t.destination.name == "Shaddadi" and ids(t.agent) == {"united-states"}


def test_the_same_attack_told_twice_is_one_claim_with_both_spans():
    text = "Gunmen attacked a checkpoint in Hasakah on 5 May 2020. The attack killed two guards."
    r = make_report(text, places=["Hasakah"], numbers=[("two", 2, None, False)], dates=[("5 May 2020", "2020-05-05")])
    (c,) = r.claims
    assert len(c.extra_evidence) == 1 and c.extra_evidence[0].text.startswith("The attack")
    assert c.fatalities.value == 2 and c.date.start == "2020-05-05"


def test_two_transfers_to_different_places_stay_apart():
    text = ("US forces transferred 20 IS prisoners to Shaddadi. "
            "US forces transferred 30 IS prisoners to al-Omar.")
    r = make_report(text, places=["Shaddadi", "al-Omar"], actors=["US forces", ("US forces", 1), "IS", ("IS", 1)],
                    numbers=[("20", 20, None, False), ("30", 30, None, False)])
    ts = of_type(r, "TRANSFER")
    assert len(ts) == 2
    assert {t.destination.name for t in ts} == {"Shaddadi", "al-Omar"}


def test_deaths_with_no_happening_make_a_killing_and_evidence_offsets_hold():
    text = "Two SDF members were killed in Hasakah."
    r = make_report(text, places=["Hasakah"], actors=["SDF"], numbers=[("Two", 2, None, False)])
    (c,) = r.claims
    assert c.type == "KILL" and c.fatalities.value == 2
    assert text[c.evidence.start:c.evidence.end] == c.evidence.text


# --- ACLED mapping ----------------------------------------------------------------------------

@pytest.mark.parametrize("ctype,means,agent,expected", [
    ("ATTACK", "car bomb", [], ("Explosions/Remote violence", "Suicide bomb")),
    ("ATTACK", "ied", [], ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("SHELLING", None, [], ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("SEIZE", None, [{"id": "sdf"}], ("Battles", "Non-state actor overtakes territory")),
    ("SEIZE", None, [{"id": "syrian-army"}], ("Battles", "Government regains territory")),
    ("KILL", None, [], ("Violence against civilians", "Attack")),
    ("ARREST", None, [{"id": "unidentified"}], ("Violence against civilians", "Abduction/forced disappearance")),
    ("ARREST", None, [{"id": "sdf"}], ("Strategic developments", "Arrests")),
])
def test_acled_mapping_refines_by_means_and_agent(ctype, means, agent, expected):
    c = Claim(id="c1", type=ctype, evidence=Evidence(0, 1, "x"), means=means, agent=agent)
    got = acled_mapping(c)
    assert (got["event_type"], got["sub_event_type"]) == expected


def test_statement_has_no_acled_mapping():
    assert acled_mapping(Claim(id="c1", type="STATEMENT", evidence=Evidence(0, 1, "x"))) is None


def test_a_lasting_state_is_not_a_happening_but_rocket_fire_is():
    r = make_report("The SDF has controlled most of the region since 2019.", actors=["SDF"])
    assert r.claims == []
    r = make_report("The Syrian army fired dozens of rockets at Ras al-Ain.", places=["Ras al-Ain"],
                    actors=["Syrian army"])
    assert [c.type for c in r.claims] == ["SHELLING"]
    assert r.claims[0].location.name == "Ras al-Ain" and ids(r.claims[0].agent) == {"syrian-army"}


@pytest.mark.slow
def test_claims_stage_stays_linear_on_a_page_without_full_stops():
    unit = "gunmen attacked 3 SDF fighters near Hasakah killing 2 and wounding 4 others "

    def run(n: int) -> float:
        text = unit * n
        r = Report(raw=text, text=text, lang="en")
        normalise(r)
        t0 = time.perf_counter()
        claims(r)
        return time.perf_counter() - t0

    small, big = run(200), run(1600)
    assert big < 8 * small * 2.5 + 0.5, (small, big)   # 8x the text, not 64x the time


def test_victims_of_an_intransitive_death_are_patients_and_attribution_names_the_agent():
    r = make_report("Two SDF fighters died in Hasakah.", places=["Hasakah"], actors=["SDF"],
                    numbers=[("Two", 2, None, False)])
    (c,) = r.claims
    assert c.type == "KILL" and ids(c.patient) == {"sdf"} and not c.agent
    r = make_report("A drone strike attributed to Turkish forces hit an SDF vehicle in Qamishli.",
                    places=["Qamishli"], actors=["Turkish forces", "SDF"])
    (c,) = r.claims
    assert c.type == "AIRSTRIKE" and "turkey" in ids(c.agent)


def test_arabic_list_of_transferred_people_gives_their_names():
    text = ("نقلت القوات الأمريكية 50 سجيناً من داعش إلى الشدادي. "
            "وضمّت عملية النقل القيادي في التنظيم خالد محمود الأحمد، والمهندس سامر علي بن عبد الله.")
    r = make_report(text, lang="ar", places=["الشدادي"], actors=["الأمريكية", "داعش"],
                    numbers=[("50", 50, None, False)])
    (c,) = r.claims
    assert c.persons == ["خالد محمود الأحمد", "سامر علي بن عبد الله"]
    assert len(c.extra_evidence) == 1


# --- a verb of no kind of its own, right after a specific strike, goes on telling that strike

def test_targeted_after_airstrikes_is_the_same_claim():
    import khabar
    rep = khabar.extract("Des avions turcs ont mené des frappes aériennes contre les soldats syriens près "
                         "de Tal Tamr mardi. Ils ont visé un dépôt de munitions de l'armée syrienne.",
                         published="2024-03-07")
    violent = [c for c in rep.claims if c.type in ("ATTACK", "AIRSTRIKE")]
    assert [c.type for c in violent] == ["AIRSTRIKE"]
    assert violent[0].extra_evidence, "the second sentence is kept as evidence of the same claim"
    assert "syrian-army" in {a["id"] for a in violent[0].target}


def test_fighting_after_air_raids_stays_its_own_claim():
    import khabar
    rep = khabar.extract("Turkish warplanes carried out airstrikes on Tal Tamr on Tuesday. Fighting broke "
                         "out between the SDF and Turkish-backed factions in the villages nearby.")
    assert [c.type for c in rep.claims if c.type in ("ATTACK", "AIRSTRIKE")] == ["AIRSTRIKE", "ATTACK"]


# --- "attack" the noun: its adjective or "by"/"de" phrase names the attacker --------------------

@pytest.mark.parametrize("text, agent, target", [
    ("Une attaque de Daech contre un poste des FDS près de Raqqa a fait trois morts.", "islamic-state", "sdf"),
    ("Les attaques turques contre les FDS se sont poursuivies près de Tal Tamr.", "turkey", "sdf"),
    ("On 3 May 2020, an attack by IS on a QSD checkpoint near Hajin killed two fighters.", "islamic-state", "sdf"),
    ("The attacks by Turkish forces on SDF positions continued on Monday.", "turkey", "sdf"),
])
def test_attack_the_noun_takes_its_attacker_as_agent(text, agent, target):
    import khabar
    (c,) = [c for c in khabar.extract(text).claims if c.type == "ATTACK"]
    assert agent in ids(c.agent) and agent not in ids(c.target)
    assert target in ids(c.target) | ids(c.patient)


def test_attack_the_verb_after_a_subject_stays_a_verb():
    import khabar
    (c,) = [c for c in khabar.extract("L'armée syrienne attaque les positions de Daech près de Palmyre.").claims
            if c.type == "ATTACK"]
    assert ids(c.agent) == {"syrian-army"} and "islamic-state" in ids(c.target)


def test_generic_attacks_then_the_strikes_that_tell_them_are_one_airstrike():
    import khabar
    text = ("Les récentes attaques turques près de Tal Tamr visaient à chasser les FDS. "
            "Selon des habitants, des drones turcs ont mené plusieurs frappes contre les FDS ces derniers jours.")
    rep = khabar.extract(text, published="2024-03-07")
    violent = [c for c in rep.claims if c.type in ("ATTACK", "AIRSTRIKE")]
    assert [c.type for c in violent] == ["AIRSTRIKE"]
    (c,) = violent
    # the specific telling is the claim's quote, the generic one its extra evidence
    assert "drones" in c.evidence.text and text[c.evidence.start:c.evidence.end] == c.evidence.text
    assert any("récentes attaques" in e.text for e in c.extra_evidence)
    assert ids(c.agent) == {"turkey"} and "sdf" in ids(c.target)


def test_attacks_by_another_side_before_strikes_stay_apart():
    import khabar
    text = ("Les attaques de Daech contre les FDS se sont multipliées près de Raqqa. "
            "Des avions turcs ont mené des frappes aériennes contre les FDS près de Tal Tamr.")
    types = [c.type for c in khabar.extract(text, published="2024-03-07").claims if c.type in ("ATTACK", "AIRSTRIKE")]
    assert types == ["ATTACK", "AIRSTRIKE"]


@pytest.mark.parametrize("text", [
    "On 3 May 2021, gunmen shot dead a QSD fighter in Raqqa.",
    "A YPG member was found killed near Qamishli.",
    "Un soldat syrien a été tué près de Hassaké.",
    "Des gardiens ont été blessés lors de l'attaque.",
])
def test_a_toll_without_a_figure_quotes_the_text_at_its_offsets(text):
    import khabar
    rep = khabar.extract(text)
    tolls = [q for c in rep.claims for q in (c.fatalities, c.injured) if q is not None]
    assert tolls, rep.claims
    for q in tolls:
        assert q.text == rep.text[q.start:q.end] and q.text == q.text.strip()


# --- date spans asked by bisection (a 1 MB line holds thousands) -----------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1])), max_size=20),
       st.integers(0, 70), st.integers(0, 10))
def test_spans_answer_as_a_scan_over_every_span(spans, x, width):
    s = claims_mod._Spans(spans)
    assert s.covers(x) == any(a <= x < b for a, b in spans)
    assert s.starts_in(x, x + width) == any(x <= a < x + width for a, b in spans)
    assert s.starts_in(x, None) is False


# --- whole-pipeline checks on sentences written for these tests ---------------------------------

def _one(text: str, types=("ATTACK", "AIRSTRIKE", "SHELLING", "KILL")):
    import khabar
    found = [c for c in khabar.extract(text, published="2024-03-07").claims if c.type in types]
    assert len(found) == 1, [(c.type, c.evidence.text) for c in found]
    return found[0]


@pytest.mark.parametrize("text", [
    "قتل خمسة مدنيين بغارات روسية على إدلب.",
    "Des civils ont été tués par des frappes russes sur Idleb.",
])
def test_civilians_are_never_the_side_that_attacks(text):
    c = _one(text)
    assert ids(c.agent) == {"russia"} and "civilians" in ids(c.target) | ids(c.patient)


@pytest.mark.parametrize("text, ctype, toll", [
    ("شنت طائرات تركية مسيرة غارة على سيارة في القامشلي ما أدى إلى مقتل شخصين.", "AIRSTRIKE", 2),
    ("Au moins 14 combattants ont péri dans des frappes aériennes près de Deir ez-Zor.", "AIRSTRIKE", 14),
    ("At least 9 people perished when a car bomb exploded in Azaz.", "ATTACK", 9),
])
def test_dual_nouns_and_perished_give_the_toll(text, ctype, toll):
    c = _one(text)
    assert c.type == ctype and c.fatalities is not None and c.fatalities.value == toll


@pytest.mark.parametrize("text", [
    "قصف الطيران الروسي بلدات في ريف إدلب الجنوبي.",
    "استهدفت طائرات مجهولة مواقع في البوكمال.",
])
def test_arabic_aviation_makes_an_airstrike(text):
    assert _one(text).type == "AIRSTRIKE"


def test_arabic_artillery_shelling_stays_shelling():
    assert _one("قصفت قوات النظام بالمدفعية بلدات في ريف إدلب الجنوبي.").type == "SHELLING"


def test_french_frappes_the_noun_takes_its_adjective_as_agent():
    c = _one("Des frappes aériennes israéliennes ont visé un dépôt près de Damas.")
    assert c.type == "AIRSTRIKE" and "israel" in ids(c.agent)


@pytest.mark.parametrize("text, agent, victims", [
    ("The Islamic State killed 1 YPG member in Tall Hurmuz.", "islamic-state", "ypg"),
    ("IS killed 2 YPG members near Qamishli.", "islamic-state", "ypg"),
    ("Daech a tué cinq soldats syriens près de Palmyre.", "islamic-state", "syrian-army"),
])
def test_killed_with_its_object_right_after_is_active(text, agent, victims):
    c = _one(text)
    assert ids(c.agent) == {agent} and victims in ids(c.patient) | ids(c.target)


@pytest.mark.parametrize("text, agent, victims", [
    ("Trois membres des Hachd al-Chaabi ont été tués dans l'explosion d'un engin explosif près de Tikrit.", None, "pmf"),
    ("Sources told Rudaw that two Peshmerga fighters were wounded in an IS attack near Makhmour.",
     "islamic-state", "kdp-peshmerga"),
    ("Deux soldats turcs ont été tués jeudi dans une attaque des FDS près de Manbij.", "sdf", "turkey"),
])
def test_the_counted_dead_and_wounded_are_not_the_attackers(text, agent, victims):
    c = _one(text)
    assert victims not in ids(c.agent) and victims in ids(c.target) | ids(c.patient)
    assert ids(c.agent) == ({agent} if agent else set())


def test_dead_attackers_named_as_gunmen_stay_the_agent():
    c = _one("Gunmen attacked a checkpoint near Raqqa; two gunmen were killed in the clash.")
    assert "unidentified" in ids(c.agent)


def test_killed_by_right_after_the_verb_names_the_agent():
    c = _one("Un combattant des FDS tué par des hommes armés non identifiés à Raqqa.")
    assert ids(c.agent) == {"unidentified"} and "sdf" in ids(c.patient) | ids(c.target)


def test_people_meeting_are_all_agents_even_in_a_reflexive_passive():
    c = _one("Des responsables russes et turcs se sont réunis lundi à Damas.", types=("MEETING",))
    assert ids(c.agent) == {"russia", "turkey"} and not c.target


@pytest.mark.parametrize("text", [
    "The Pentagon said US forces had reinforced their bases in Deir ez-Zor with armored vehicles.",
    "L'armée turque renforce ses positions près de Tal Abyad.",
])
def test_reinforcing_bases_is_a_deployment(text):
    assert _one(text, types=("DEPLOY",)).agent


def test_bombardment_by_aircraft_is_an_airstrike_and_with_artillery_stays_shelling():
    assert _one("يُزعم أن الطيران الإسرائيلي قصف مواقع قرب مطار دمشق الدولي.").type == "AIRSTRIKE"
    assert _one("قصفت قوات النظام بالمدفعية والطيران الحربي بلدات في ريف إدلب.").type == "SHELLING"


def test_the_lead_sentence_and_the_body_telling_the_same_transfer_are_one_claim():
    import khabar
    text = ("Des prisonniers de Daech ont été transférés par les forces américaines près de Hassaké. "
            "Selon des habitants, les hélicoptères ont survolé la région pendant la nuit. "
            "Quelques heures plus tard, dix détenus de Daech ont été emmenés par les forces américaines vers une base.")
    transfers = [c for c in khabar.extract(text, published="2024-03-07").claims if c.type == "TRANSFER"]
    assert len(transfers) == 1 and transfers[0].extra_evidence


def test_another_transfer_after_the_lead_stays_apart():
    import khabar
    text = ("Des prisonniers de Daech ont été transférés par les forces américaines près de Hassaké. "
            "Selon des habitants, les hélicoptères ont survolé la région pendant la nuit. "
            "Les forces américaines ont également transféré dix détenus de Daech vers une base.")
    transfers = [c for c in khabar.extract(text, published="2024-03-07").claims if c.type == "TRANSFER"]
    assert len(transfers) == 2


@pytest.mark.parametrize("text", [
    "The Syrian government accused Turkey of shelling civilians in Tal Rifaat.",
    "Damas accuse la Turquie d'avoir bombardé des civils à Tall Rifaat.",
    "اتهمت الحكومة السورية تركيا بقصف المدنيين في تل رفعت.",
])
def test_the_happening_of_an_accusation_is_alleged_and_done_by_the_accused(text):
    import khabar
    rep = khabar.extract(text)
    (c,) = [c for c in rep.claims if c.type == "SHELLING"]
    assert ids(c.agent) == {"turkey"} and c.modality == "alleged"
    (s,) = [c for c in rep.claims if c.type == "STATEMENT"]
    assert ids(s.agent) == {"syrian-government"}


def test_people_accused_of_links_are_not_a_statement():
    import khabar
    rep = khabar.extract("Turkish forces arrested 12 people accused of links to the PKK in Afrin.")
    assert [c.type for c in rep.claims] == ["ARREST"]


@pytest.mark.parametrize("text", [
    "Turkish forces shelled Tal Rifaat, the Syrian government said.",
    "Selon les FDS, l'armée turque a bombardé Tall Rifaat.",
    "L'armée turque a bombardé Tall Rifaat, ont indiqué les FDS.",
    "قصفت القوات التركية تل رفعت، بحسب قوات سوريا الديمقراطية.",
])
def test_a_party_named_only_as_the_source_is_not_a_side(text):
    c = _one(text)
    assert ids(c.agent) == {"turkey"} and not c.target and not c.patient
    assert c.sources


def test_a_party_telling_of_its_own_deed_stays_the_agent():
    c = _one("The SDF said it killed 5 IS militants near Hajin.")
    assert ids(c.agent) == {"sdf"} and "islamic-state" in ids(c.patient)


def test_retaking_a_village_is_a_seizure_but_a_resumed_movement_is_not():
    import khabar
    assert [c.type for c in khabar.extract("L'armée syrienne a repris le village de Tell Aran.").claims] == ["SEIZE"]
    assert khabar.extract("Le mouvement des convois a été repris depuis un certain moment à Hassaké.").claims == []


def test_a_toll_in_another_paragraph_is_not_added_to_the_strike_before():
    import khabar
    text = ("A Turkish drone struck a vehicle near Qamishli on Monday, killing three SDF fighters.\n\n"
            "Turkey's defence ministry said its forces had neutralised 11 PKK militants in northern Iraq.")
    rep = khabar.extract(text, published="2024-03-12")
    (strike,) = [c for c in rep.claims if c.type == "AIRSTRIKE"]
    assert strike.fatalities.value == 3 and "pkk" not in ids(strike.target)
    (kill,) = [c for c in rep.claims if c.type == "KILL"]
    assert kill.fatalities.value == 11 and [s.name for s in kill.sources] == ["Turkey's defence ministry"]


def test_the_attack_told_again_by_a_generic_noun_is_the_same_strike():
    import khabar
    rep = khabar.extract("Turkish drones struck a car near Qamishli on Monday. The attack killed two SDF fighters.",
                         published="2024-03-12")
    assert [(c.type, c.fatalities.value) for c in rep.claims] == [("AIRSTRIKE", 2)]


def test_an_agency_story_told_over_three_paragraphs_is_one_attack():
    import khabar
    text = ("BEYROUTH (AFP) — Six membres des forces prorégime ont été tués dimanche dans une attaque menée par "
            "l'Etat islamique (EI) dans le désert syrien, a indiqué l'OSDH.\n\n"
            "Les jihadistes ont attaqué une position de l'armée dans la région de Soukhné, selon l'ONG basée "
            "au Royaume-Uni.\n\n"
            "Quatre assaillants ont également péri dans les combats, a précisé l'OSDH.\n\n"
            "Malgré la perte de son califat en 2019, l'EI continue de mener des attaques meurtrières contre "
            "les forces kurdes.\n\n"
            "Le conflit en Syrie a fait plus d'un demi-million de morts depuis 2011.")
    rep = khabar.extract(text, published="2024-03-11")
    (c,) = rep.claims          # no claim for the habitual attacks nor for the war's running toll
    assert c.type == "ATTACK" and ids(c.agent) == {"islamic-state"} and "syrian-army" in ids(c.target)
    assert c.fatalities.value == 10 and c.date.start == "2024-03-10"
    assert [(s.id, s.kind) for s in c.sources] == [("sohr", "ngo")]
    assert rep.outlet == "AFP"


def test_a_state_agency_story_in_arabic_is_one_shelling_by_the_named_side():
    import khabar
    text = ("الحسكة-سانا\n\n"
            "استشهد مدنيان وأصيب ثلاثة آخرون بجروح اليوم جراء قصف مدفعي لقوات الاحتلال التركي على قرى في "
            "ريف ناحية تل تمر شمال غرب الحسكة.\n\n"
            "وذكر مراسل سانا أن قوات الاحتلال التركي استهدفت بعدد من القذائف المدفعية قريتين، ما أدى إلى "
            "استشهاد مدنيين اثنين وإصابة ثلاثة آخرين بجروح.\n\n"
            "ويواصل الاحتلال التركي اعتداءاته على القرى الآمنة في ريف الحسكة.")
    rep = khabar.extract(text, published="2024-03-11")
    assert rep.outlet == "SANA"
    (c,) = rep.claims
    assert c.type == "SHELLING" and ids(c.agent) == {"turkey"} and "civilians" in ids(c.target)
    assert (c.fatalities.value, c.injured.value) == (2, 3) and c.date.start == "2024-03-11"
    assert [s.id for s in c.sources] == ["sana"]


@pytest.mark.parametrize("text", [
    "Iraq repatriated 150 families of suspected IS members from al-Hol camp on Tuesday.",
    "L'Irak a rapatrié 150 familles de membres présumés de l'EI du camp d'al-Hol.",
    "أعادت الحكومة العراقية 150 عائلة من مخيم الهول إلى العراق.",
])
def test_repatriation_is_a_transfer_from_the_camp(text):
    c = _one(text, types=("TRANSFER",))
    assert ids(c.agent) == {"iraq"} and c.origin.id == "site:al-hol-camp" and c.count.value == 150


@pytest.mark.parametrize("text", [
    "Around 50 IS prisoners escaped from Ghuwayran prison after an attack on the facility.",
    "فر عشرات من عناصر داعش من سجن غويران بعد هجوم على السجن.",
])
def test_those_who_escape_are_the_ones_freed_not_the_freeing_side(text):
    c = _one(text, types=("RELEASE",))
    assert "islamic-state" in ids(c.patient) and not c.agent


def test_arabic_li_after_subjected_to_is_no_purpose():
    c = _one("تعرضت القرية لقصف مدفعي تركي أمس.")
    assert c.type == "SHELLING" and ids(c.agent) == {"turkey"}
    import khabar
    assert [c.type for c in khabar.extract("أرسلت القوات التركية تعزيزات لقصف القرية.").claims] == ["DEPLOY"]


def test_a_side_after_near_is_the_target_but_a_country_stays_a_place():
    c = _one("An IED exploded near a Syrian army patrol in Daraa, killing two soldiers.")
    assert "syrian-army" in ids(c.target)
    c = _one("Turkish drones struck a car in Iraq.")
    assert not c.target and c.location.id == "country:IQ"


@pytest.mark.parametrize("text, toll, held", [
    ("IS gunmen killed a shepherd and kidnapped two others near Raqqa.", 1, 2),
    ("Les FDS ont tué un membre de Daech et arrêté deux autres à Hassaké.", 1, None),
    ("US forces raided a house in Deir ez-Zor, killing an IS leader and detaining two of his aides.", 1, 2),
])
def test_a_number_past_another_happenings_verb_is_not_the_toll(text, toll, held):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    (dead,) = [c for c in rep.claims if c.fatalities is not None]
    assert dead.fatalities.value == toll
    (arrest,) = [c for c in rep.claims if c.type == "ARREST"]
    assert arrest.fatalities is None
    if held is not None:
        assert arrest.count.value == held


@pytest.mark.parametrize("text", [
    "The SDF repelled an IS attack on a checkpoint near Shaddadi on Monday.",
    "SDF fighters repelled an attack by Islamic State militants on their positions near Shaddadi.",
    "Les FDS ont repoussé une attaque de Daech contre un poste près de Chaddadé.",
    "صدت قوات سوريا الديمقراطية هجوما لداعش على حاجز قرب الشدادي.",
])
def test_who_repels_an_attack_is_its_target(text):
    c = _one(text)
    assert ids(c.agent) == {"islamic-state"} and ids(c.target) == {"sdf"}


def test_arabic_name_before_a_noun_trigger_is_the_subject_of_the_verb():
    c = _one("شن تنظيم داعش هجوما على حاجز لقوات سوريا الديمقراطية قرب الشدادي.")
    assert ids(c.agent) == {"islamic-state"} and ids(c.target) == {"sdf"}


@pytest.mark.parametrize("text", [
    "Deux soldats turcs ont été tués dans une attaque au nord de la Syrie, a annoncé le ministère turc de la Défense.",
    "Two Turkish soldiers were killed in an attack in northern Syria, the Turkish defence ministry said.",
])
def test_the_counted_dead_stay_victims_when_their_side_speaks_after(text):
    c = _one(text)
    assert ids(c.target) == {"turkey"} and not ids(c.agent)


@pytest.mark.parametrize("text, toll", [
    ("IS gunmen assassinated 1 member of the Asayish in Hasakah, killing the member on the spot.", 1),
    ("Unknown gunmen shot dead 2 civilians near Shaddadi, killing them instantly.", 2),
    ("Des hommes armés ont abattu un berger près de Hassaké, tuant ce dernier sur le coup.", 1),
    ("Turkish shelling killed 2 civilians near Tal Tamr and also killed 3 fighters near Ras al-Ain.", 5),
])
def test_a_second_casualty_word_that_retells_the_dead_adds_none(text, toll):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    assert sum(c.fatalities.value for c in rep.claims if c.fatalities is not None) == toll


@pytest.mark.parametrize("text, ctype, acled", [
    # ACLED's violence against civilians is violence against the unarmed: an armed side's dead is a battle
    ("IS gunmen shot dead two SDF fighters near Shaddadi.", "KILL", ("Battles", "Armed clash")),
    ("IS gunmen shot dead two civilians near Shaddadi.", "KILL", ("Violence against civilians", "Attack")),
    ("Les FDS ont arrêté trois membres de Daech à Hassaké.", "ARREST", ("Battles", "Armed clash")),
    ("Turkish forces arrested five journalists in Ras al-Ain.", "ARREST", ("Strategic developments", "Arrests")),
    # both sides firing is a clash; one side firing is shelling
    ("Turkish forces and the SDF exchanged shelling near Tal Tamr.", "SHELLING", ("Battles", "Armed clash")),
    ("تبادلت القوات التركية وقسد القصف قرب تل تمر.", "SHELLING", ("Battles", "Armed clash")),
    ("Les forces turques et les FDS ont échangé des tirs d'artillerie près de Tal Tamr.", "SHELLING",
     ("Battles", "Armed clash")),
    ("Turkish forces shelled villages near Tal Tamr.", "SHELLING",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
])
def test_acled_mapping_follows_who_it_was_done_to_and_both_sides_firing(text, ctype, acled):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == ctype]
    assert (c.acled["event_type"], c.acled["sub_event_type"]) == acled


@pytest.mark.parametrize("text", [
    "US forces killed a senior IS official in a helicopter raid in northern Syria.",
    "Les forces américaines ont tué un haut responsable de l'EI lors d'un raid héliporté dans le nord de la Syrie.",
])
def test_the_object_of_an_active_casualty_word_is_the_victim_before_a_raid(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {"united-states"} and ids(c.target) == {"islamic-state"}
    assert c.fatalities is not None and c.fatalities.value == 1


@pytest.mark.parametrize("text, gone", [
    ("Turkish forces killed 12 Kurdish militants in northern Syria and Iraq over the past week.", "iraq"),
    ("Trois combattants des FDS ont été tués dans l'attaque, selon l'ONG basée au Royaume-Uni.", "united-kingdom"),
    # a direction word, then an article, between the place marker and the country
    ("Turkish drones killed four PKK members in northern Iraq on Sunday.", "iraq"),
    ("Des drones turcs ont tué quatre membres du PKK dans le nord de l'Irak dimanche.", "iraq"),
    ("Des drones turcs ont tué quatre membres du PKK au nord de l'Irak dimanche.", "iraq"),
])
def test_a_country_named_as_a_place_is_no_side(text, gone):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert gone not in ids(c.agent) | ids(c.target) | ids(c.patient)
    if "PKK" in text:
        assert ids(c.patient) | ids(c.target) == {"pkk"} and c.location.id == "country:IQ"


@pytest.mark.parametrize("text, dead, hurt", [
    ("استشهد ثلاثة عسكريين وأصيب آخرون جراء اعتداء إرهابي بطائرات مسيرة على نقطة عسكرية في ريف حماة.", 3, None),
    ("IS gunmen attacked a checkpoint in Hasakah, killing 1 SDF member and wounding another.", 1, 1),
    ("Des hommes armés ont tué un soldat et blessé un autre près de Raqqa.", 1, 1),
    ("قتل جندي وأصيب آخر بجروح في هجوم قرب الرقة.", 1, 1),
    ("Five soldiers were killed and others were wounded near Palmyra.", 5, None),
])
def test_a_number_counted_once_is_not_read_again_and_another_is_one(text, dead, hurt):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities.value == dead
    assert (c.injured.value if c.injured is not None else None) == hurt


@pytest.mark.parametrize("text", [
    "The army shelled IS positions near Palmyra in retaliation for the attack.",
    "Les FDS ont bombardé des positions turques en riposte à l'attaque de samedi.",
    "دمرت وحدات الجيش مقرات للإرهابيين في ريف إدلب ردا على الاعتداء.",
])
def test_what_a_strike_answers_is_no_new_happening(text):
    import khabar
    assert "ATTACK" not in [c.type for c in khabar.extract(text, published="2024-03-10").claims]


def test_an_arabic_aggression_by_drones_is_an_airstrike():
    import khabar
    (c,) = khabar.extract("استشهد جنديان جراء اعتداء بطائرات مسيرة على نقطة عسكرية في ريف حماة.",
                          published="2024-03-10").claims
    assert c.type == "AIRSTRIKE" and c.fatalities.value == 2


def test_french_air_raids_by_the_russian_air_force_are_airstrikes():
    import khabar
    (c,) = khabar.extract("L'aviation russe a mené une dizaine de raids sur la province d'Idleb, faisant au moins "
                          "sept morts parmi les civils.", published="2024-03-10").claims
    assert c.type == "AIRSTRIKE" and ids(c.agent) == {"russia"} and c.fatalities.at_least == 7


@pytest.mark.parametrize("text", [
    "At least 15 civilians, including five children, were killed on Sunday in Russian airstrikes on Idlib.",
    "Au moins quinze civils, dont cinq enfants, ont été tués dimanche dans des frappes aériennes russes sur Idleb.",
    "Fifteen civilians, among them three women and two children, were killed in Russian airstrikes on Idlib.",
    "Fifteen members of one family, including three children, died when Russian airstrikes hit their house in Idlib.",
])
def test_a_count_after_including_is_part_of_the_toll_before_it(text):
    c = _one(text, types=("AIRSTRIKE",))
    assert (c.fatalities.value or c.fatalities.at_least) == 15


@pytest.mark.parametrize("text", [
    "Au moins sept combattants pro-gouvernementaux ont été tués dans une attaque de l'EI près de Palmyre.",
    "Les forces gouvernementales ont repoussé une attaque de l'EI près de Palmyre.",
])
def test_french_government_forces_are_the_syrian_army_as_in_english_and_arabic(text):
    c = _one(text, types=("ATTACK",))
    assert ids(c.agent) == {"islamic-state"} and ids(c.target) == {"syrian-army"}


@pytest.mark.parametrize("text, place", [
    ("Gunmen stabbed a council member to death in the town of Qamishli on Monday.", "Al Qāmishlī"),
    ("Gunmen shot dead a guard on the road to the prison in Hasakah city.", "Al Ḩasakah"),
])
def test_what_did_not_move_takes_the_nearest_marker_for_its_place(text, place):
    c = _one(text, types=("ATTACK", "KILL"))
    assert c.location is not None and c.location.name == place and c.destination is None


@pytest.mark.parametrize("text, ctype", [
    ("قصفت وحدات من الجيش العربي السوري مواقع للمسلحين في ريف إدلب.", "SHELLING"),
    ("هاجم عناصر من داعش حاجزا لقوات سوريا الديمقراطية في ريف دير الزور.", "ATTACK"),
])
def test_arabic_units_of_a_side_right_after_the_verb_are_its_subject(text, ctype):
    c = _one(text, types=(ctype,))
    assert ids(c.agent) and not (ids(c.agent) & ids(c.target))


def test_arabic_martyrdom_noun_counts_the_dead():
    c = _one("قصف المسلحون مدينة السقيلبية ما أدى إلى استشهاد مدنيين اثنين وإصابة ثلاثة آخرين.",
             types=("SHELLING",))
    assert (c.fatalities.value, c.injured.value) == (2, 3)


@pytest.mark.parametrize("text", [
    "Hundreds of people demonstrated in Suwayda on Friday to demand the release of detainees.",
    "Relatives of the missing called for the release of prisoners held in Sednaya.",
    "Les familles réclament la libération des détenus de Sednaya.",
    "تظاهر المئات في السويداء للمطالبة بالإفراج عن المعتقلين.",
])
def test_a_release_demanded_is_no_release(text):
    import khabar
    assert "RELEASE" not in [c.type for c in khabar.extract(text, published="2024-03-10").claims]


@pytest.mark.parametrize("text", [
    "Russian military police began patrols on the M4 highway near Tal Tamr on Tuesday.",
    "La police militaire russe a effectué une patrouille près de Kobané.",
])
def test_patrols_carried_out_are_deployments(text):
    c = _one(text, types=("DEPLOY",))
    assert ids(c.agent) == {"russia"}


@pytest.mark.parametrize("text", [
    "The SDF released 50 Syrians held in al-Hol camp on Monday.",
    "Les FDS ont libéré 50 Syriens détenus dans le camp d'al-Hol.",
    "أفرجت قسد عن 50 سوريين محتجزين في مخيم الهول.",
])
def test_people_counted_by_their_nationality_are_counted(text):
    c = _one(text, types=("RELEASE",))
    assert c.count is not None and c.count.value == 50


@pytest.mark.parametrize("text, ctype", [
    ("Turkey-backed rebels control al-Bab, which Turkish forces captured from Islamic State in 2017.", "SEIZE"),
    ("Les rebelles contrôlent Manbij, que les FDS ont capturée à l'EI en 2016.", "SEIZE"),
    ("US forces captured two IS leaders near Hasakah.", "ARREST"),
])
def test_captured_takes_a_place_pointed_back_to_or_people_named_first(text, ctype):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] == [ctype]


@pytest.mark.parametrize("text", [
    "Two Katyusha rockets landed near the US embassy in Baghdad late on Sunday, causing no casualties.",
    "Deux roquettes sont tombées près de l'ambassade américaine à Bagdad dimanche soir.",
    "سقطت ثلاث قذائف صاروخية قرب السفارة الأمريكية في بغداد.",
])
def test_rockets_that_landed_are_shelling(text):
    c = _one(text, types=("SHELLING",))
    assert c.location.name == "Baghdad" and ids(c.target) == {"united-states"}


def test_the_security_media_cell_is_a_military_source():
    import khabar
    (c,) = khabar.extract("Iraqi forces killed three IS militants near Kirkuk, the Security Media Cell said.").claims
    assert [(s.name, s.kind) for s in c.sources] == [("Security Media Cell", "military")]


@pytest.mark.parametrize("text", [
    "Security forces arrested five civilians in a raid on a village near Hasakah.",
    "Les FDS ont arrêté cinq journalistes lors d'une opération à Chouheil.",
    "اعتقلت قسد خمسة مدنيين خلال عملية مداهمة في الشحيل.",
])
def test_the_raid_people_were_arrested_in_is_the_arrest_itself(text):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] == ["ARREST"]


def test_a_raid_on_an_armed_sides_members_stays_a_clash_beside_the_arrest():
    import khabar
    types = sorted(c.type for c in khabar.extract("The SDF arrested two IS members in a raid in Shuhayl.",
                                                  published="2024-03-10").claims)
    assert types == ["ARREST", "ATTACK"]


@pytest.mark.parametrize("text", [
    "US forces killed Abu Khadija, a senior IS leader, in a strike near Raqqa.",
    "Les forces américaines ont tué Abou Khadija, un haut dirigeant de l'EI, dans une frappe près de Raqqa.",
])
def test_a_side_named_inside_an_apposition_is_not_the_attacker(text):
    c = _one(text)
    assert ids(c.agent) == {"united-states"} and "islamic-state" not in ids(c.agent)


def test_a_date_before_a_comma_opens_no_apposition():
    c = _one("On 7 May 2021, the SDF's special unit, backed by coalition jets, raided an IS hideout near Hajin.")
    assert "sdf" in ids(c.agent)


@pytest.mark.parametrize("text", [
    "Unknown gunmen believed to be members of the Islamic State group killed two SDF fighters near Hajin.",
    "Gunmen suspected of belonging to IS killed two SDF fighters near Hajin.",
    "Des hommes armés soupçonnés d'appartenir à l'EI ont tué deux combattants des FDS près de Hajine.",
    "قتل مسلحون يعتقد أنهم من تنظيم داعش عنصرين من قسد قرب هجين.",
])
def test_a_side_only_suspected_is_no_side_and_the_killing_stays_asserted(text):
    c = _one(text)
    assert "islamic-state" not in ids(c.agent) | ids(c.patient) | ids(c.target)
    assert ids(c.agent) == {"unidentified"} and "sdf" in ids(c.patient) | ids(c.target)
    assert c.modality == "asserted"


@pytest.mark.parametrize("text", [
    "Gunmen killed a village mayor in Deir ez-Zor on Monday.",
    "Des hommes armés ont tué un maire de village près de Deir ez-Zor.",
])
def test_one_person_named_by_office_is_one_dead(text):
    c = _one(text, types=("KILL",))
    assert c.fatalities.value == 1


@pytest.mark.parametrize("text", [
    "SANA's correspondent in Hama said militants fired rockets at residential neighbourhoods of Suqaylabiyah.",
    "Le correspondant de SANA à Hama a indiqué que des roquettes ont visé Souqaylabiyah.",
    "وذكر مراسل سانا في حماة أن الإرهابيين استهدفوا بالقذائف الصاروخية الأحياء السكنية في السقيلبية.",
])
def test_the_place_a_speaker_speaks_from_is_not_where_it_happened(text):
    c = _one(text, types=("SHELLING",))
    assert c.location.id == "geonames:163921"


def test_a_happening_that_points_back_to_the_speakers_place_keeps_it():
    import khabar
    (c,) = khabar.extract("Des sources locales à Hassaké ont annoncé que les forces américaines ont transféré "
                          "des prisonniers de Daech de cette province vers l'Irak.", published="2024-03-10").claims
    assert c.origin is not None and c.origin.admin1 == "SY.01"


def test_arabic_toll_rise_told_before_its_word_takes_the_new_figure():
    c = _one("ارتفع عدد قتلى قوات النظام جراء الهجوم على مواقعهم في بادية دير الزور إلى 12 بحسب المرصد.")
    assert c.fatalities.value == 12


def test_arabic_attack_carried_out_by_a_side_names_its_attacker():
    c = _one("قتل خمسة عناصر من قوات النظام في الهجوم الذي شنه تنظيم داعش على مواقعهم في البادية.")
    assert ids(c.agent) == {"islamic-state"} and ids(c.target) == {"syrian-army"} and c.fatalities.value == 5


@pytest.mark.parametrize("text", [
    "Turkish drones killed four SDF fighters near Qamishli on Monday.",
    "Des drones turcs ont tué six combattants des FDS près de Qamichli lundi.",
])
def test_deaths_dealt_by_drones_are_a_strike_not_a_killing(text):
    c = _one(text, types=("AIRSTRIKE", "KILL"))
    assert c.type == "AIRSTRIKE" and ids(c.agent) == {"turkey"} and ids(c.target) == {"sdf"}


def test_a_helicopter_that_carried_the_body_makes_no_strike():
    c = _one("A US soldier was killed by gunmen south of Hasakah; he was then taken to a base by helicopter.",
             types=("AIRSTRIKE", "KILL", "ATTACK"))
    assert c.type != "AIRSTRIKE"


@pytest.mark.parametrize("text", [
    "Turkish forces shot dead a Syrian refugee trying to cross the border near Ras al-Ain.",
    "Les gardes-frontières turcs ont abattu un réfugié syrien près de Ras al-Aïn.",
])
def test_the_refugee_shot_is_the_victim_and_the_shooters_the_agent(text):
    c = _one(text, types=("KILL",))
    assert ids(c.agent) == {"turkey"} and c.fatalities.value == 1
    assert c.acled["event_type"] == "Violence against civilians"


@pytest.mark.parametrize("text", [
    "Israel has carried out hundreds of strikes on targets in Syria in recent years.",
    "Israël a mené des centaines de frappes en Syrie depuis le début de la guerre.",
    "شنت إسرائيل مئات الغارات على مواقع في سوريا خلال السنوات الماضية، ما أدى إلى مقتل عشرات العناصر.",
])
def test_a_tally_of_strikes_over_years_is_no_happening(text):
    import khabar
    assert khabar.extract(text, published="2024-03-10").claims == []


def test_a_government_controlled_area_is_no_seizure():
    import khabar
    text = "Israeli jets struck a depot in the government-controlled part of Hama on Monday."
    assert "SEIZE" not in [c.type for c in khabar.extract(text, published="2024-03-10").claims]


def test_the_dateline_city_is_no_side_and_no_place_of_the_claim():
    import khabar
    (c,) = khabar.extract("DAMASCUS, Syria (AP) — Israeli airstrikes hit the airport of Aleppo early Tuesday, "
                          "state media reported.", published="2024-03-10").claims
    assert ids(c.agent) == {"israel"} and c.location.name == "Aleppo"


@pytest.mark.parametrize("text", [
    "ERBIL, Kurdistan Region - Two Iraqi soldiers were killed when ISIS militants attacked an army checkpoint "
    "southwest of Kirkuk late Tuesday.",
    "ERBIL, 4 mars - Deux soldats irakiens ont été tués dans une attaque de l'EI au sud-ouest de Kirkouk.",
])
def test_a_dateline_with_no_agency_is_no_place_of_the_claim(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert "Kirkuk" in c.location.name


def test_a_side_opening_a_paragraph_before_a_dash_is_no_dateline():
    import khabar
    (c,) = khabar.extract("ISIS - The militants attacked an army checkpoint near Kirkuk on Tuesday.",
                          published="2024-03-10").claims
    assert ids(c.agent) == {"islamic-state"}


@pytest.mark.parametrize("text", [
    "Although Iraq declared victory over ISIS in 2017, the group's sleeper cells still carry out attacks in Kirkuk.",
    "Bien que l'Irak ait proclamé sa victoire sur l'EI en 2017, les cellules du groupe mènent toujours des attaques à Kirkouk.",
])
def test_attacks_a_side_still_carries_out_are_no_happening(text):
    import khabar
    assert khabar.extract(text, published="2024-03-10").claims == []


@pytest.mark.parametrize("text, origin, destination", [
    ("Around 300 fighters and their relatives left the besieged town of Madaya under a deal brokered by Qatar.",
     "Maḑāyā", None),
    ("The fighters left Douma for Idlib as part of a Russian-brokered agreement.", "Dūmā", "Idlib"),
])
def test_people_who_leave_under_a_deal_are_moved(text, origin, destination):
    c = _one(text, types=("TRANSFER",))
    assert c.origin.name == origin and (c.destination.name if c.destination else None) == destination


def test_a_minister_who_left_a_city_is_no_transfer():
    import khabar
    assert khabar.extract("The foreign minister left Damascus on Monday.", published="2024-03-10").claims == []


@pytest.mark.parametrize("text", [
    "Protesters clashed with security forces in Suwayda, leaving two demonstrators injured.",
    "Des manifestants se sont heurtés aux forces de sécurité à Soueida, faisant deux blessés.",
])
def test_protesters_who_clash_are_a_violent_demonstration_not_a_battle(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "PROTEST" and c.acled == {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
    assert c.injured.value == 2 and c.location.name == "As-Suwayda"


@pytest.mark.parametrize("text", [
    "Hundreds of people took to the streets of Qamishli to protest against Turkish attacks.",
    "Des centaines de personnes ont manifesté à Qamichli pour dénoncer les attaques turques.",
])
def test_the_attacks_a_protest_is_against_are_no_happening(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "PROTEST" and c.acled["sub_event_type"] == "Peaceful protest" and c.location.name == "Al Qāmishlī"


def test_forces_firing_over_protesters_stay_an_attack_beside_the_protest():
    import khabar
    types = sorted(c.type for c in khabar.extract(
        "As residents demonstrated against high prices, SDF forces opened fire in the air above the protesters.",
        published="2024-03-10").claims)
    assert types == ["ATTACK", "PROTEST"]


def test_a_headline_that_kills_seven_and_injures_20_counts_both_apart():
    c = _one("Explosion in Jarablus market kills seven, injures 20.")
    assert (c.fatalities.value, c.injured.value) == (7, 20)


def test_the_side_whose_soldiers_a_killing_counts_is_its_victim():
    c = _one("IS claimed the killing of four Iraqi soldiers in an ambush near Kirkuk.")
    assert ids(c.agent) == {"islamic-state"} and "iraqi-army" in ids(c.target) and c.fatalities.value == 4


def test_a_person_captured_near_a_town_is_an_arrest_and_a_partner_no_target():
    import khabar
    claims = khabar.extract("Les FDS ont capturé un émir de l'EI lors d'un raid héliporté mené avec la coalition "
                            "près de Deir ez-Zor.", published="2024-03-10").claims
    assert "SEIZE" not in [c.type for c in claims]
    assert all("us-led-coalition" not in ids(c.target) for c in claims)


def test_arabic_an_attack_repelled_with_its_clitic_is_no_purpose():
    c = _one("أفاد مصدر عسكري لسانا بأن وحدات الجيش تصدت لهجوم إرهابي على نقاط عسكرية في ريف حماة الشمالي.")
    assert c.type == "ATTACK" and [s.id for s in c.sources][-1] == "sana"


def test_arabic_neutralised_in_the_masculine_is_a_killing():
    c = _one("ذكرت وكالة الأناضول أن الجيش التركي حيّد 5 إرهابيين من حزب العمال الكردستاني.", types=("KILL",))
    assert c.fatalities.value == 5 and ids(c.agent) == {"turkey"}


def test_french_fighting_that_opposed_one_side_to_another_names_both():
    c = _one("Des combats ont opposé mardi les FDS à des cellules de l'EI près de Hajine, faisant cinq morts.")
    # (both fight: the sides of a clash are its agents, as "clashes between the SDF and IS" reads)
    assert ids(c.agent) == {"sdf", "islamic-state"} and not c.target and c.fatalities.value == 5


def test_kidnappings_as_a_plural_noun_are_arrests():
    import khabar
    claims = khabar.extract("Rival groups carried out a wave of kidnappings in Qamishli on Monday.",
                            published="2024-03-10").claims
    assert [c.type for c in claims] == ["ARREST"] and claims[0].location.name == "Al Qāmishlī"


def test_the_patrol_an_ied_hit_is_the_target_not_the_attacker():
    c = _one("An IED hit a US patrol near Shaddadi.", types=("ATTACK",))
    assert ids(c.target) == {"united-states"} and not c.agent


def test_arabic_civilians_counted_in_the_accusative_are_the_target():
    c = _one("قتل 15 مدنيا بينهم خمسة أطفال في غارات روسية على إدلب.", types=("AIRSTRIKE",))
    assert c.fatalities.value == 15 and "civilians" in ids(c.target)


@pytest.mark.parametrize("text, side", [
    ("شنت طائرات حربية غارات على مواقع لفصائل موالية لإيران قرب البوكمال.", "iran-backed-militias"),
    ("قصفت طائرات مسيرة مواقع تابعة لفصائل موالية لتركيا قرب منبج.", "syrian-national-army"),
])
def test_arabic_indefinite_proxy_factions_after_a_genitive_are_the_target(text, side):
    # the whole phrase "فصائل موالية لـ…" is the side: named from its adjective alone, the genitive
    # on its noun was missed and the side became the attacker
    c = _one(text, types=("AIRSTRIKE",))
    assert ids(c.target) == {side} and not c.agent


@pytest.mark.parametrize("text, ctype, attr, value", [
    # "موقع عسكري" is a military site, not a soldier: the wounded stay unknown
    ("قتل خمسة عناصر من قوات النظام وأصيب آخرون في هجوم لتنظيم داعش على موقع عسكري في بادية حمص.", "ATTACK",
     "injured", None),
    ("أطلقت قسد سراح 40 موقوفا من أبناء دير الزور بوساطة عشائرية.", "RELEASE", "count", 40),
])
def test_arabic_counted_persons(text, ctype, attr, value):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == ctype]
    q = getattr(c, attr)
    assert (q.value if q is not None else None) == value


# --- sentences with no casualty word are not searched for one ------------------------------------

def _casualty_rxs(lang):
    return (lang.killed, lang.injured, lang.no_fatalities, lang.no_injuries)


def _text_of(draw, patterns, vocab_source: str, marks: list[str]) -> str:
    """Normalised text mixing strings the patterns match with words of `vocab_source` and marks."""
    from khabar.normalise import normalise_text
    matching = st.sampled_from(patterns).flatmap(lambda p: st.from_regex(p, fullmatch=True))
    vocab = sorted(set(re.findall(r"[^\W\d_]{2,}", vocab_source)))
    parts = draw(st.lists(st.one_of(matching, st.sampled_from(vocab), st.sampled_from(marks)), min_size=3, max_size=40))
    return normalise_text("".join(parts))[0]


@st.composite
def _casualty_text(draw):
    """A language, and text mixing strings its casualty patterns match with its trigger words."""
    lang = claims_mod.compiled(draw(st.sampled_from(("fr", "en", "ar"))))
    return lang, _text_of(draw, [rx.pattern for rx in _casualty_rxs(lang)], lang.trigger_rx.pattern,
                          [" ", " ", ", ", ". ", "\n", "-", " 12 ", " ال"])


@given(_casualty_text(), st.integers(0, 200), st.integers(0, 200))
def test_casualty_words_are_searched_wherever_one_may_match(case, lo, width):
    lang, text = case
    doc = claims_mod._Doc(Report(raw=text, text=text))
    hi = min(len(text), lo + width)
    found = any(rx.search(text, lo, hi) for rx in _casualty_rxs(lang))
    assert doc.casualty_word_in(lang, lo, hi) or not found
    for rx in _casualty_rxs(lang):
        assert [m.span() for m in doc.casualty_words(rx, lang, lo, hi)] == [m.span() for m in rx.finditer(text, lo, hi)]


@st.composite
def _break_text(draw):
    """A language, and text mixing strings its clause breaks match with its marker words."""
    lang = claims_mod.compiled(draw(st.sampled_from(("fr", "en", "ar"))))
    return lang, _text_of(draw, claims_mod._split_alts(lang.breaks.pattern),
                          lang.breaks.pattern + lang.markers["conj"].pattern,
                          [" ", " ", ", ", ". ", "\n", "-", " 12 ", " ال", "ب", "و"])


@given(_break_text(), st.integers(0, 200), st.integers(0, 200))
def test_clause_breaks_are_found_as_a_search_of_every_position_finds_them(case, lo, width):
    lang, text = case
    doc = claims_mod._Doc(Report(raw=text, text=text))
    hi = min(len(text), lo + width)
    assert [m.span() for m in doc.breaks_in(lang, lo, hi)] == [m.span() for m in lang.breaks.finditer(text, lo, hi)]


@pytest.mark.parametrize("text, toll", [
    ("The death toll from Tuesday's airstrikes on Idlib rose to 23, including seven children, rescuers said.", 23),
    ("The death toll in the car bomb attack in Azaz has risen to 15.", 15),
    ("Le bilan des morts dans les frappes sur Idleb s'est alourdi à 23.", 23),
    ("The number of deaths in the shelling of Maarat al-Numan has risen to 14, rescuers said.", 14),
    ("The number of dead rose to 9 after two of the wounded died in hospital.", 9),
    ("Le nombre de morts dans le bombardement de Saraqeb est monté à 17, selon les secouristes.", 17),
    ("Le nombre de morts a grimpé à 11 après les frappes sur Ariha.", 11),
])
def test_a_toll_that_rises_takes_its_new_figure(text, toll):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == toll


@pytest.mark.parametrize("text, agent", [
    ("According to a statement from the SDF, its fighters killed two IS members near Hajin.", "sdf"),
    ("Selon un communiqué des FDS, leurs combattants ont tué deux membres de Daech près de Hajine.", "sdf"),
])
def test_a_subject_owned_by_a_side_named_before_is_that_side(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {agent} and "islamic-state" in ids(c.patient) | ids(c.target)


@pytest.mark.parametrize("text", [
    "Quatre soldats syriens ont été tués lundi dans une attaque de l'État islamique contre un barrage de l'armée près de Palmyre.",
    "Une attaque meurtrière de l'EI contre un barrage près de Palmyre a fait quatre morts.",
])
def test_the_side_after_an_attack_noun_and_its_article_is_the_attacker(text):
    c = _one(text)
    assert ids(c.agent) == {"islamic-state"}


@pytest.mark.parametrize("text", [
    "Des bombardements du régime ont tué sept civils.",
    "Sept civils, dont deux enfants, ont été tués dans des bombardements du régime.",
    "Sept civils, dont deux enfants, ont été tués dans des bombardements de l'artillerie du régime.",
    "Seven civilians were killed in regime shelling on Ariha.",
    "Seven civilians, including two children, were killed in shelling by regime artillery.",
])
def test_the_side_whose_shelling_killed_civilians_is_its_agent_not_a_victim(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "SHELLING" and ids(c.agent) == {"syrian-army"} and ids(c.target) == {"civilians"}


@pytest.mark.parametrize("text, side", [
    ("Regime forces were shelling the town.", "syrian-army"),
    ("Turkish forces were attacking the village.", "turkey"),
])
def test_an_auxiliary_before_an_ing_form_is_no_passive(text, side):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {side} and not c.target


def test_they_after_an_object_pronoun_are_those_attacked_not_the_attacker():
    import khabar
    rep = khabar.extract("IS fighters attacked them near Hajin while they were patrolling the town.",
                         published="2024-03-10")
    kinds = {c.type: c for c in rep.claims}
    assert ids(kinds["ATTACK"].agent) == {"islamic-state"}
    assert not kinds["DEPLOY"].agent


@pytest.mark.parametrize("text, origin, destination", [
    ("Un convoi de l'armée américaine est entré lundi en Syrie depuis l'Irak.", "Iraq", "Syria"),
    ("Un convoi militaire américain a quitté la base d'al-Chaddadi en direction de l'Irak.", "Ash Shaddādah", "Iraq"),
    ("A US military convoy entered Syria from Iraq on Monday, heading to Hasakah province.", "Iraq",
     "Al-Hasakah Governorate"),
    ("دخل رتل عسكري أمريكي إلى سوريا قادما من العراق متجها إلى محافظة الحسكة.", "Iraq", "Al-Hasakah Governorate"),
])
def test_a_sides_convoy_that_crosses_or_leaves_is_moved_by_that_side(text, origin, destination):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "TRANSFER" and ids(c.agent) == {"united-states"} and not c.patient
    assert (c.origin.name, c.destination.name) == (origin, destination)


@pytest.mark.parametrize("text", [
    "An aid convoy entered Idlib through the Bab al-Hawa crossing on Monday.",
    "Un convoi humanitaire est entré à Idleb lundi.",
])
def test_an_aid_convoy_is_no_transfer(text):
    import khabar
    assert "TRANSFER" not in [c.type for c in khabar.extract(text, published="2024-03-10").claims]


@pytest.mark.parametrize("text, dead, injured", [
    ("قصف مدفعي لقوات النظام يقتل سبعة مدنيين في أريحا.", 7, None),
    ("غارة روسية تقتل خمسة مدنيين وتصيب عشرة آخرين في إدلب.", 5, 10),
])
def test_an_arabic_headline_in_the_present_counts_its_dead_and_wounded(text, dead, injured):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == dead
    assert (c.injured.value if c.injured else None) == injured


@pytest.mark.parametrize("text", [
    "سيطرت فصائل المعارضة على قرية الحويز بعد معارك عنيفة مع قوات النظام.",
    "Opposition factions captured the village after clashes with QSD.",
    "Les factions rebelles ont repris le village de Kafr Nabl.",
])
def test_syrian_opposition_factions_are_a_side(text):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    seize = next(c for c in rep.claims if c.type == "SEIZE")
    assert ids(seize.agent) == {"syrian-opposition"}


@pytest.mark.parametrize("text", [
    "Au moins 12 membres des forces prorégime ont été tués dans une attaque de jihadistes du groupe Etat islamique.",
    "Four soldiers were killed in an attack of fighters of the Islamic State group near Palmyra.",
])
def test_the_people_of_a_side_after_an_attack_noun_make_it_the_attacker(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {"islamic-state"} and "islamic-state" not in ids(c.target)


@pytest.mark.parametrize("text", [
    "The SDF captured an IS leader in a joint operation with the coalition.",
    "Les FDS ont arrêté un chef de l'EI en coordination avec la coalition.",
    "Les FDS ont affirmé qu'elles avaient capturé un chef de l'EI lors d'une opération conjointe avec la coalition.",
    "Les FDS ont annoncé avoir capturé un chef de l'EI lors d'une opération conjointe avec la coalition.",
    "The SDF said it had captured an IS leader in a joint operation with the coalition.",
    "أعلنت قسد أنها اعتقلت قياديا في داعش بعملية مشتركة مع التحالف الدولي.",
])
def test_a_side_an_operation_was_carried_out_jointly_with_acts_beside_the_subject(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ARREST" and [a["id"] for a in c.agent] == ["sdf", "us-led-coalition"] and not c.target


def test_a_pronoun_opening_a_clause_told_is_the_side_telling_it():
    import khabar
    (c,) = khabar.extract("Les FDS ont affirmé qu'elles avaient capturé un chef de l'EI.", published="2024-03-10").claims
    assert ids(c.agent) == {"sdf"} and ids(c.patient) == {"islamic-state"}


@pytest.mark.parametrize("text", [
    "Russian military police conducted a joint patrol with Turkish forces along the M4 highway.",
    "سيرت القوات الروسية دورية مشتركة مع القوات التركية على طريق M4.",
])
def test_the_side_a_joint_patrol_is_held_with_is_a_partner_not_a_target(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "DEPLOY" and [a["id"] for a in c.agent] == ["russia", "turkey"] and not c.target


@pytest.mark.parametrize("text", [
    "HTS fighters shot down a Russian drone over Jisr al-Shughur.",
    "أسقطت هيئة تحرير الشام طائرة مسيرة روسية في جسر الشغور.",
    "Des combattants de HTS ont abattu un drone russe près de Jisr al-Choughour.",
])
def test_an_aircraft_shot_down_is_an_attack_on_its_side_not_a_killing_or_an_airstrike(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and ids(c.agent) == {"hts"} and ids(c.target) == {"russia"} and c.fatalities is None


@pytest.mark.parametrize("text, kinds", [
    ("هاجمت هيئة تحرير الشام حاجزا لقوات النظام في ريف إدلب.", ["ATTACK"]),
    ("قتل عنصران من هيئة تحرير الشام في قصف روسي على إدلب.", ["SHELLING"]),
])
def test_a_word_inside_a_sides_name_tells_no_happening(text, kinds):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] == kinds


@pytest.mark.parametrize("text", [
    "Selon l'OSDH, un civil a été tué par des tirs de snipers des forces du régime à Deraa.",
    "A civilian was killed by sniper fire from regime forces in Daraa.",
])
def test_the_side_whose_snipers_killed_is_the_agent(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {"syrian-army"} and "syrian-army" not in ids(c.patient) | ids(c.target)


def test_a_missile_fired_that_another_side_intercepted_is_not_that_sides():
    import khabar
    (c,) = khabar.extract("L'armée israélienne a affirmé avoir intercepté un missile tiré depuis la Syrie vers le "
                          "plateau du Golan.", published="2024-03-10").claims
    assert c.type == "SHELLING" and not c.agent


def test_a_military_council_affiliated_with_the_sdf_is_the_sdf():
    import khabar
    (c,) = khabar.extract("Le Conseil militaire de Deir Ezzor, affilié aux FDS, a arrêté cinq personnes.",
                          published="2024-03-10").claims
    assert c.type == "ARREST" and ids(c.agent) == {"sdf"}


def test_an_arabic_clause_with_its_subject_first_makes_the_side_after_the_verb_its_object():
    import khabar
    (c,) = khabar.extract("قال المرصد السوري إن طائرات مسيرة مجهولة استهدفت شاحنات للميليشيات الإيرانية قرب البوكمال.",
                          published="2024-03-10").claims
    assert not c.agent and ids(c.target) == {"iran-backed-militias"}


def test_an_arabic_convoy_in_the_accusative_is_moved_by_its_side():
    import khabar
    (c,) = khabar.extract("أفادت مصادر محلية بأن رتلا أمريكيا مؤلفا من 30 شاحنة دخل مدينة الحسكة.",
                          published="2024-03-10").claims
    assert c.type == "TRANSFER" and ids(c.agent) == {"united-states"} and c.destination.name == "Al Ḩasakah"


@pytest.mark.parametrize("text", [
    "Washington accuse Damas d'avoir mené une attaque chimique contre la ville de Douma, ce que le régime dément.",
    "Washington accused Damascus of carrying out a chemical attack on Douma, which the regime denies.",
])
def test_a_side_that_comments_on_a_claim_plays_no_part_in_it(text):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    attack = next(c for c in rep.claims if c.type == "ATTACK")
    assert "syrian-army" not in ids(attack.target) | ids(attack.patient)


@pytest.mark.parametrize("text, modality", [
    ("The Syrian army is believed to have used barrel bombs on the village, according to unconfirmed reports.", "hedged"),
    ("Des hélicoptères du régime ont largué des barils d'explosifs sur Daraya.", "asserted"),
    ("ألقت مروحيات النظام براميل متفجرة على داريا.", "asserted"),
])
def test_barrel_bombs_are_a_helicopter_airstrike(text, modality):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.type, c.means, c.modality) == ("AIRSTRIKE", "helicopter", modality) and ids(c.agent) == {"syrian-army"}


def test_a_convoy_described_at_length_before_its_verb_is_still_moved():
    import khabar
    (c,) = khabar.extract("Selon l'agence SANA, un convoi de 35 véhicules de l'armée américaine transportant des armes et "
                          "du matériel logistique est entré en Syrie par le passage d'al-Walid.",
                          published="2024-03-10").claims
    assert c.type == "TRANSFER" and ids(c.agent) == {"united-states"} and c.destination.name == "Syria"


def test_an_airborne_operation_is_a_deployment():
    import khabar
    (c,) = khabar.extract("Des hélicoptères de la coalition ont mené une opération aéroportée dans la campagne de "
                          "Deir ez-Zor.", published="2024-03-10").claims
    assert c.type == "DEPLOY" and ids(c.agent) == {"us-led-coalition"} and c.means == "helicopter"


@pytest.mark.parametrize("text", [
    "Un responsable irakien a démenti les informations selon lesquelles Bagdad aurait accepté de recevoir des détenus de Daech.",
    "An Iraqi official denied reports that Baghdad had agreed to receive IS detainees.",
])
def test_a_capital_agreeing_is_its_state_and_what_it_agreed_to_do_is_no_party(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "AGREEMENT" and c.modality == "denied" and ids(c.agent) == {"iraq"}


def test_a_capital_where_something_happened_stays_a_place():
    import khabar
    (c,) = khabar.extract("A car bomb exploded in Baghdad, killing five people.", published="2024-03-10").claims
    assert c.location is not None and c.location.name == "Baghdad"


@pytest.mark.parametrize("text", [
    "Des informations font état de la mort de cinq soldats turcs dans une attaque près d'al-Bab.",
    "Reports spoke of the death of five Turkish soldiers in an attack near al-Bab.",
    "وردت أنباء عن مقتل خمسة جنود أتراك بهجوم قرب الباب.",
])
def test_the_dead_counted_after_the_word_for_death_are_its_victims(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities.value == 5 and not c.agent and ids(c.target) == {"turkey"}


@pytest.mark.parametrize("text, modality", [
    ("The army may have used chemical weapons in Douma, according to a UN report.", "hedged"),
    ("Les forces du régime auraient utilisé des armes chimiques contre Douma.", "hedged"),
    ("Il semblerait que des frappes aient visé un dépôt d'armes près de Qousseir.", "hedged"),
    ("اتهمت المعارضة النظام بشن هجوم كيميائي على دوما.", "alleged"),
])
def test_chemical_attacks_are_attacks_and_keep_their_hedge(text, modality):
    import khabar
    c = next(c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK")
    assert c.modality == modality


@pytest.mark.parametrize("text, event_type", [
    ("IS fighters clashed with SDF fighters at a checkpoint where four of them detonated their explosive vests.", "Battles"),
    ("Des affrontements ont opposé l'EI aux FDS près d'un barrage où un kamikaze s'est fait exploser.", "Battles"),
    ("اندلعت اشتباكات بين داعش وقسد قرب حاجز فجر فيه انتحاري حزامه الناسف.", "Battles"),
    ("An IS suicide bomber blew himself up at a checkpoint in Deir ez-Zor, killing six SDF fighters.",
     "Explosions/Remote violence"),
])
def test_explosives_used_in_a_battle_do_not_make_it_a_bombing(text, event_type):
    import khabar
    c = next(c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK")
    assert c.acled["event_type"] == event_type


@pytest.mark.parametrize("text", [
    "The SDF imposed a curfew on the town of Hajin following the attack.",
    "Les FDS ont imposé un couvre-feu à Hajine à la suite de l'attaque.",
    "فرضت قسد حظر تجول في هجين إثر الهجوم.",
])
def test_a_happening_named_only_as_the_time_of_another_does_not_take_its_subject(text):
    import khabar
    c = next(c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK")
    assert not c.agent


@pytest.mark.parametrize("text", [
    "Russian forces established a new military point near Ain Issa.",
    "Les forces russes ont installé un nouveau point militaire près d'Aïn Issa.",
])
def test_a_new_military_point_is_a_deployment(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "DEPLOY" and ids(c.agent) == {"russia"}


@pytest.mark.parametrize("text", [
    "Unidentified gunmen threw a hand grenade at a house in Daraa.",
    "Des inconnus ont lancé une grenade sur une maison à Deraa.",
    "ألقى مجهولون قنبلة يدوية على منزل في درعا.",
])
def test_a_grenade_thrown_is_an_attack(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and ids(c.agent) == {"unidentified"}


def test_the_side_named_before_an_attack_word_the_dead_were_killed_in_is_its_agent():
    import khabar
    (c,) = khabar.extract("A senior Hezbollah commander was killed in an Israeli strike on his car near the Lebanese "
                          "border, a source close to the group said.", published="2024-03-10").claims
    assert ids(c.agent) == {"israel"} and ids(c.patient) | ids(c.target) == {"hezbollah"}


@pytest.mark.parametrize("text, kind", [
    ("نفذت وحدات الجيش العربي السوري رمايات مركزة على تجمعات الإرهابيين في ريف إدلب الجنوبي.", "SHELLING"),
    ("أعادت الجهات المختصة 25 أسرة مهجرة إلى منازلها في بلدة خان شيخون.", "TRANSFER"),
])
def test_arabic_state_media_shelling_and_returns(text, kind):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == kind
@pytest.mark.parametrize("text, toll", [
    ("Clashes between March 3 and 5 near Manbij killed a dozen fighters.", 12),
    ("From March 3 to 5, Turkish drones struck SDF positions near Kobani, killing six fighters.", 6),
    ("Clashes on March 3-5 near Manbij left 9 fighters dead.", 9),
])
def test_the_last_day_of_a_month_first_range_is_not_the_toll(text, toll):
    import khabar
    (c,) = khabar.extract(text, published="2026-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == toll


@pytest.mark.parametrize("text, toll", [
    ("قتل 3 جنود و2 مدنيين في هجوم لتنظيم الدولة على تدمر.", 5),
    ("قتل ثلاثة جنود واثنان من المدنيين في هجوم لتنظيم الدولة على تدمر.", 5),
    ("Au moins 3 soldats et 2 civils ont été tués dans une attaque de l'EI contre Palmyre.", 5),
    ("An IS attack killed 3 soldiers and 2 civilians near Palmyra.", 5),
])
def test_a_toll_split_between_two_groups_is_their_sum(text, toll):
    c = _one(text)
    assert c.fatalities is not None and c.fatalities.value == toll


@pytest.mark.parametrize("text, field, value", [
    ("قُتل شخصان يوم الجمعة بقصف لقوات النظام على إدلب.", "fatalities", 2),
    ("قُتل جنديان اليوم الثلاثاء بهجوم لتنظيم الدولة في دير الزور.", "fatalities", 2),
    ("قُتل جنديان الشهر الماضي بهجوم لتنظيم الدولة في دير الزور.", "fatalities", 2),
    ("اعتقلت قوات الأمن شخصين يوم الجمعة في الحسكة.", "count", 2),
])
def test_a_dual_noun_before_a_date_still_counts_its_two(text, field, value):
    import khabar
    (c,) = khabar.extract(text, published="2026-03-10").claims
    q = getattr(c, field)
    assert q is not None and q.value == value


@pytest.mark.parametrize("text, fatalities, injured", [
    ("Le bombardement de Tal Tamr par l'armée turque n'a pas fait de victimes.", 0, None),
    ("Le bombardement de Tal Tamr par l'armée turque n'a pas fait de morts mais trois blessés.", 0, 3),
    ("Le bombardement de Tal Tamr par l'armée turque n'a pas fait de blessés.", None, 0),
    ("لم ترد أنباء عن وقوع إصابات جراء قصف الجيش التركي على تل تمر.", 0, 0),
    ("There were no immediate reports of casualties from the Turkish shelling of Tal Tamr.", 0, 0),
    ("Turkish shelling killed two people in Tal Tamr; there were no reports of injuries.", 2, 0),
])
def test_no_reports_of_casualties_is_a_toll_of_zero(text, fatalities, injured):
    c = _one(text)
    assert (c.fatalities and c.fatalities.value, c.injured and c.injured.value) == (fatalities, injured)


def test_a_vehicle_carrying_people_is_no_transfer_of_them():
    import khabar
    rep = khabar.extract("Une frappe de drone a visé un véhicule transportant des membres du Hachd al-Chaabi près de "
                         "la frontière.", published="2024-03-10")
    assert [c.type for c in rep.claims] == ["AIRSTRIKE"] and ids(rep.claims[0].target) == {"pmf"}


def test_a_motorcycle_rigged_with_explosives_that_blew_up_is_a_car_bombing_and_its_dead_are_targets_once():
    import khabar
    (c,) = khabar.extract("A motorcycle rigged with explosives blew up in the centre of al-Bab, killing at least four "
                          "civilians.", published="2024-03-10").claims
    assert (c.type, c.means) == ("ATTACK", "car bomb") and ids(c.target) == {"civilians"} and not c.patient


def test_a_side_is_never_both_patient_and_target_of_one_claim():
    import khabar
    for text in ("Un premier bilan fait état de 21 morts dans les rangs des soldats syriens.",
                 "A motorcycle blew up in al-Bab, killing at least four civilians."):
        for c in khabar.extract(text, published="2024-03-10").claims:
            assert not ids(c.patient) & ids(c.target)


def test_rockets_a_side_is_accused_of_firing_are_an_alleged_shelling_by_it():
    import khabar
    rep = khabar.extract("Turkey accused the YPG of firing rockets at the border town of Kilis, wounding two people.",
                         published="2024-03-10")
    c = next(c for c in rep.claims if c.type == "SHELLING")
    assert c.modality == "alleged" and ids(c.agent) == {"ypg"}


def test_the_forces_firing_on_a_protest_are_not_its_protesters():
    import khabar
    rep = khabar.extract("Witnesses said government forces opened fire on protesters in Deraa, killing at least three.",
                         published="2024-03-10")
    protest = next(c for c in rep.claims if c.type == "PROTEST")
    assert not protest.agent


@pytest.mark.parametrize("text", [
    "Five IS fighters were killed in clashes with the SDF.",
    "Cinq combattants de l'EI ont été tués dans des affrontements avec les FDS.",
    "قتل خمسة عناصر من داعش في اشتباكات مع قسد.",
])
def test_the_side_the_counted_dead_clashed_with_fought_them(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {"sdf"} and ids(c.target) == {"islamic-state"}


@pytest.mark.parametrize("text, agent", [
    ("Iraq's Popular Mobilisation Forces said one of its fighters was killed in a US drone strike near al-Qaim.",
     ["united-states"]),
    ("Iran's Revolutionary Guards struck targets in Iraqi Kurdistan.", ["irgc"]),
])
def test_the_state_owning_a_force_is_no_side_beside_it(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == agent


@pytest.mark.parametrize("text", [
    "A US military convoy entered Syria from Iraq on Monday through the al-Waleed crossing, heading to Hasakah province.",
    "دخل رتل عسكري أمريكي إلى سوريا قادما من العراق عبر معبر الوليد متجها إلى محافظة الحسكة.",
])
def test_a_crossing_a_convoy_passed_through_is_neither_its_origin_nor_its_destination(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.origin.name, c.destination.name) == ("Iraq", "Al-Hasakah Governorate")
    assert c.location is not None and "crossing" in c.location.name


@pytest.mark.parametrize("text", [
    # a definite noun of no kind of its own, sentence-first ("La frappe"), retells the airstrike
    "Trois civils ont été tués mercredi dans une frappe de drone turc près de Ras al-Aïn. "
    "La frappe a visé une voiture sur la route de Tal Tamr, selon l'OSDH.",
    # a verb of no kind of its own ("targeted"), right after a strike of the kind it would take
    "A Turkish drone strike killed two SDF fighters near Qamishli on Monday, a war monitor said. "
    "The Syrian Observatory said the drone targeted a car on the road to Amuda.",
])
def test_the_next_sentence_retelling_a_strike_makes_no_second_claim(text):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    assert len([c for c in rep.claims if c.type in claims_mod.VIOLENT]) == 1


def test_clashes_beside_airstrikes_stay_a_claim_of_their_own():
    import khabar
    rep = khabar.extract("Turkish warplanes struck villages near Ras al-Ain on Monday. The clashes between "
                         "the SDF and Turkish-backed factions continued in the area.", published="2024-03-10")
    assert {c.type for c in rep.claims} == {"AIRSTRIKE", "ATTACK"}


@pytest.mark.parametrize("text", [
    "Déclenchée en 2011 par la répression de manifestations, la guerre en Syrie a fait plus d'un demi-million de morts.",
    "The war in Syria, which began in 2011, has killed more than half a million people and displaced millions.",
    "أودت الحرب في سوريا منذ اندلاعها بحياة أكثر من نصف مليون شخص.",
    "Le conflit a tué plus de 300 000 civils et déplacé des millions de personnes.",
    # a campaign of years told in one sentence is no happening either
    "Israel has carried out hundreds of strikes in Syria in recent years against what it describes as Iran-linked "
    "targets, including arms shipments destined for Hezbollah.",
    "Israël a mené des centaines de frappes en Syrie ces dernières années contre des cibles liées à l'Iran.",
    "شنت إسرائيل مئات الغارات على مواقع في سوريا خلال السنوات الماضية، ما أدى إلى مقتل عشرات العناصر.",
])
def test_what_a_whole_war_cost_is_no_happening(text):
    import khabar
    assert khabar.extract(text, published="2024-03-10").claims == []


@pytest.mark.parametrize("text", [
    "Cinq soldats syriens ont été tués lundi dans une attaque de l'EI près de Palmyre, selon l'OSDH. "
    "Les assaillants ont visé un bus militaire qui transportait des soldats.",
    "Five Syrian soldiers were killed on Monday in an IS attack near Palmyra, the monitor said. "
    "The assailants targeted a military bus on the road to Deir ez-Zor.",
])
def test_the_assailants_of_the_next_sentence_are_the_attack_told_before(text):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type in claims_mod.VIOLENT]
    assert ids(c.agent) == {"islamic-state"}


def test_dozens_of_strikes_on_one_day_are_a_happening():
    import khabar
    (c,) = khabar.extract("Russian jets carried out dozens of strikes on Idlib on Monday, killing five civilians.",
                          published="2024-03-10").claims
    assert c.type == "AIRSTRIKE"


@pytest.mark.parametrize("text", [
    "أعلنت قوات سوريا الديمقراطية اعتقال قيادي بارز في تنظيم داعش في بلدة الشحيل.",
    "اعتقلت قسد عنصرين في داعش قرب الحسكة.",
])
def test_a_person_in_a_side_is_that_sides(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ARREST" and ids(c.agent) == {"sdf"} and ids(c.patient) == {"islamic-state"}


@pytest.mark.parametrize("text", [
    "Two Iraqi soldiers were killed when ISIS militants attacked an army checkpoint near Kirkuk on Tuesday.",
    "Deux soldats irakiens ont été tués dans une attaque de l'EI près de Kirkouk mardi.",
    "قتل ثلاثة جنود عراقيين في هجوم لداعش قرب كركوك.",
])
def test_iraqi_soldiers_are_the_iraqi_army(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.target) == {"iraqi-army"}


@pytest.mark.parametrize("text", [
    "Security forces arrested four suspects in Hasakah. A large number of IEDs and explosive devices were seized in their homes.",
    "Iraqi forces found and dismantled three roadside bombs near Tarmiyah on Monday.",
])
def test_explosives_seized_or_defused_are_no_attack(text):
    import khabar
    assert "ATTACK" not in [c.type for c in khabar.extract(text, published="2024-03-10").claims]


@pytest.mark.parametrize("text", [
    "In Raqqa, an improvised explosive device wounded two civilians on Tuesday.",
    "A roadside bomb hit a PMF vehicle near Tarmiyah, wounding three fighters.",
])
def test_explosive_devices_that_go_off_are_attacks(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and c.injured is not None


def test_forces_landing_by_helicopter_in_a_village_raid_it():
    import khabar
    rep = khabar.extract("Coalition forces landed in the village of al-Swaydiyah by helicopter and arrested three "
                         "suspected IS members.", published="2024-03-10")
    assert [c.type for c in rep.claims] == ["ATTACK", "ARREST"]
    assert khabar.extract("US helicopters landed at the al-Shaddadi base on Monday.", published="2024-03-10").claims == []

@pytest.mark.parametrize("text, agent, victims", [
    ("Iraq's Popular Mobilisation Forces said one of its fighters was killed in an IS attack in Diyala on Sunday.",
     ["islamic-state"], ["pmf"]),
    ("The SDF said three of its fighters were wounded in a Turkish drone strike near Ain Issa.",
     ["turkey"], ["sdf"]),
    ("The PMF said Islamic State militants attacked its positions near Baiji, killing two of its fighters.",
     ["islamic-state"], ["pmf"]),
    ("Les FDS ont annoncé que trois de leurs combattants avaient été tués dans une attaque de l'EI près de Hajin.",
     ["islamic-state"], ["sdf"]),
])
def test_the_dead_of_its_own_side_a_speaker_tells_of_are_its_people(text, agent, victims):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == agent
    assert [a["id"] for a in c.target + c.patient] == victims
    assert [s.id for s in c.sources] == victims


@pytest.mark.parametrize("text, agent, victims", [
    ("A senior Islamic State commander was killed in a US helicopter raid in Idlib on Sunday.",
     ["united-states"], ["islamic-state"]),
    ("A civilian was killed in a US raid on a house in Idlib.", ["united-states"], ["civilians"]),
    ("Three soldiers were killed in Israeli missile strikes near Damascus.", ["israel"], []),
    ("Three soldiers were killed in an Israeli missile strike near Damascus.", ["israel"], []),
    ("Two SDF fighters were killed in a Turkish artillery barrage near Tal Tamr.", ["turkey"], ["sdf"]),
])
def test_the_side_named_before_a_happening_noun_and_its_means_carried_it_out(text, agent, victims):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == agent
    assert [a["id"] for a in c.target + c.patient] == victims


@pytest.mark.parametrize("text, agent", [
    ("Five civilians were killed in Russian and Syrian air strikes on the town of Ariha.", ["russia"]),
    ("Five civilians were killed in regime and Russian air strikes on the town of Ariha.", ["russia", "syrian-army"]),
])
def test_sides_coordinated_before_a_happening_noun_carried_it_out(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert sorted(a["id"] for a in c.agent) == agent
    assert [a["id"] for a in c.target] == ["civilians"]


@pytest.mark.parametrize("text, agent, target", [
    ("Russian military police conducted a patrol with Turkish forces in the countryside of Kobani on Friday.",
     ["russia", "turkey"], []),
    ("A suicide bomber blew himself up at a checkpoint manned by Iraqi soldiers in the town of Tarmiyah.",
     [], ["iraqi-army"]),
    ("Islamic State militants attacked a position held by the SDF near Hajin on Monday.", ["islamic-state"], ["sdf"]),
    ("A roadside bomb hit a vehicle belonging to the SDF near Raqqa on Monday.", [], ["sdf"]),
    ("Drones belonging to Turkey struck a car near Qamishli on Monday.", ["turkey"], []),
    ("The Syrian army denied reports that it had used chemical weapons in the town of Douma.", ["syrian-army"], []),
])
def test_english_sides_around_markers_of_partners_owners_and_denials(text, agent, target):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == agent
    assert [a["id"] for a in c.target] == target


@pytest.mark.parametrize("text, ctype, origin, destination", [
    ("US forces flew a group of Islamic State detainees from Hasakah to Iraq, Kurdish sources said.",
     "TRANSFER", "Al Ḩasakah", "Iraq"),
    ("The SDF moved dozens of IS prisoners from Ghweiran prison to a new facility in Qamishli, SOHR reported.",
     "TRANSFER", "Ghuwayran (al-Sina'a) prison", "Al Qāmishlī"),
    ("Iraqi authorities received 150 families of Islamic State members from al-Hol camp on Tuesday.",
     "TRANSFER", "al-Hol camp", None),
])
def test_english_verbs_that_move_people(text, ctype, origin, destination):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == ctype
    assert (c.origin and c.origin.name, c.destination and c.destination.name) == (origin, destination)


def test_people_captured_in_the_passive_are_arrested_not_a_place_seized():
    import khabar
    claims = khabar.extract("Two Turkish soldiers were captured by the PKK during clashes in the Zap region of "
                            "northern Iraq on Monday.", published="2024-03-10").claims
    arrest = [c for c in claims if c.type == "ARREST"]
    assert [c.type for c in claims if c.type == "SEIZE"] == [] and len(arrest) == 1
    assert [a["id"] for a in arrest[0].agent] == ["pkk"] and [a["id"] for a in arrest[0].patient] == ["turkey"]


@pytest.mark.parametrize("text, agent", [
    ("Two civilians were killed by Turkish shelling on the village of Zirgan on Monday.", ["turkey"]),
    ("Two IS militants were killed when coalition jets struck their hideout near Hajin on Monday.",
     ["us-led-coalition"]),
    ("A coalition drone struck a car carrying two IS commanders near the town of Hajin.", ["us-led-coalition"]),
])
def test_the_side_of_fire_named_after_by_or_by_its_means(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == agent

@pytest.mark.parametrize("text, toll", [
    ("Huit civils au moins ont été tués jeudi dans une frappe aérienne sur Maarat al-Noomane.", 8),
    ("Twelve soldiers at least were killed in an ambush near Palmyra on Sunday.", 12),
    ("قتل سبعة مدنيين على الأقل في غارة جوية على بلدة كفرنبل.", 7),
])
def test_a_lower_bound_written_after_the_dead_bounds_the_toll(text, toll):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.fatalities.value, c.fatalities.at_least) == (toll, toll)


@pytest.mark.parametrize("text, count", [
    ("اعتقلت قوات الأمن عشرة شباب خلال حملة مداهمات في بلدة البصيرة.", 10),
    ("اعتقلت قوات الأمن ثلاثة فتيان خلال حملة مداهمات في بلدة البصيرة.", 3),
    ("اعتقلت قوات الأمن شابين خلال حملة مداهمات في بلدة البصيرة.", 2),
    ("اعتقلت قوات الأمن رجلين خلال حملة مداهمات في بلدة البصيرة.", 2),
    ("اعتقلت قوات الأمن امرأتين خلال حملة مداهمات في بلدة البصيرة.", 2),
])
def test_arabic_young_men_boys_and_duals_of_people_are_the_people_counted(text, count):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ARREST"]
    assert c.count is not None and c.count.value == count


@pytest.mark.parametrize("text, toll", [
    ("Russian airstrikes killed 13, among them 5 women, in Kafr Nabl.", 13),
    ("The shelling killed 9, including 3 children, in Ariha.", 9),
    ("قتلت الغارات الروسية 13، بينهم 5 نساء، في كفرنبل.", 13),
    # (a verb-first sentence: the noun right after the verb is its subject, not another happening)
    ("قتلت الغارات الروسية 13 شخصا في كفرنبل.", 13),
    ("قتل قصف مدفعي تركي ثلاثة مدنيين في بلدة تل تمر.", 3),
])
def test_the_people_after_including_are_part_of_the_toll_after_its_word(text, toll):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == toll


@pytest.mark.parametrize("text, day", [
    ("أعلنت قوات سوريا الديمقراطية يوم الاثنين مقتل ثلاثة من مقاتليها يوم السبت في بلدة ذيبان.", "2024-03-09"),
    ("ذكرت وكالة سانا أمس مقتل جنديين يوم الجمعة في ريف درعا.", "2024-03-08"),
    ("The Syrian army announced on Monday the death of two soldiers in an ambush near Palmyra on Friday.", "2024-03-08"),
    # a date told only with the speech stays the claim's
    ("أعلنت قوات سوريا الديمقراطية يوم الاثنين مقتل ثلاثة من مقاتليها في بلدة ذيبان.", "2024-03-04"),
])
def test_a_date_right_after_a_speech_verb_is_the_day_told_not_the_happenings(text, day):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type != "STATEMENT"]
    assert c.date is not None and c.date.start == day


@pytest.mark.parametrize("text, toll", [
    ("A man and his two sons were killed in the shelling of Kafr Zita.", 3),
    ("Three children and a woman were killed in the shelling of Kafr Zita.", 4),
    ("The airstrike killed a farmer and four of his relatives near Hajin.", 5),
    ("Quatre enfants et une femme ont été tués dans le bombardement de Kafr Zita.", 5),
    ("قتل ثلاثة أطفال وامرأة في القصف على كفرزيتا.", 4),
    # "another" is one more of a kind told apart, not a person coordinated with the dead
    ("Three soldiers were killed and another was wounded in the attack.", 3),
    ("The attack killed three soldiers and wounded a civilian.", 3),
])
def test_one_person_coordinated_with_the_counted_dead_counts_one_more(text, toll):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == toll


@pytest.mark.parametrize("text, toll", [
    ("توفي شاب متأثرا بجراحه التي أصيب بها برصاص مسلحين مجهولين في بلدة الطيانة.", 1),
    ("توفي ثلاثة مدنيين متأثرين بجراحهم جراء قصف مدفعي على بلدة معرة حرمة.", 3),
    ("توفيت امرأة متأثرة بجراحها جراء قصف مدفعي على بلدة معرة حرمة.", 1),
])
def test_arabic_died_is_a_casualty_word(text, toll):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == toll

# --- Arabic sentences written for these tests -------------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("سيّرت القوات الروسية والتركية دورية مشتركة في ريف الدرباسية.", "Ad Darbāsīyah"),
    ("نشرت القوات الروسية تعزيزات عسكرية في مطار القامشلي.", "Qamishli airport"),
])
def test_arabic_place_of_a_deployment_is_where_it_is_not_an_origin(text, place):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "DEPLOY" and c.origin is None and place in c.location.name


def test_arabic_deploying_verb_before_its_subject_is_a_deployment():
    import khabar
    (c,) = khabar.extract("نشر الجيش التركي جنوداً إضافيين على الحدود مع العراق.", published="2024-03-10").claims
    assert c.type == "DEPLOY" and ids(c.agent) == {"turkey"}


def test_arabic_people_of_a_town_are_not_from_an_origin():
    # "من أهالي": some of the people of the town, which is where they protested
    import khabar
    (c,) = khabar.extract("تظاهر العشرات من أهالي مدينة السويداء احتجاجاً على تردي الأوضاع المعيشية.",
                          published="2024-03-10").claims
    assert c.type == "PROTEST" and c.origin is None and c.location.name == "As-Suwayda"


@pytest.mark.parametrize("text, types", [
    ("نقلت وكالة سانا عن مصدر عسكري أن وحدات من الجيش العربي السوري دمرت مقرات للإرهابيين في ريف حماة الشمالي.", []),
    ("قصفت مروحيات روسية بلدة معرة النعمان، نقلاً عن ناشطين محليين.", ["AIRSTRIKE"]),
    ("نقلت القوات الأمريكية معتقلين من سجن غويران عن طريق البر إلى العراق.", ["TRANSFER"]),
])
def test_arabic_quoting_verb_naql_an_is_no_transfer(text, types):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] == types


@pytest.mark.parametrize("text, origin, destination", [
    ("غادرت دفعة ثالثة من العائلات السورية مخيم الهول متجهة إلى ريف الرقة.", "al-Hol camp", "Ar Raqqah"),
    ("وصلت مساء أمس دفعة تضم 80 عائلة عراقية من مخيم الهول إلى مدينة الموصل.", "al-Hol camp", "Mosul"),
])
def test_arabic_a_batch_of_families_leaving_or_arriving_is_a_transfer(text, origin, destination):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "TRANSFER" and origin in c.origin.name and destination in c.destination.name


@pytest.mark.parametrize("text, dead", [
    ("اغتال مسلحون مجهولون مختاراً في بلدة الكشكية بريف دير الزور.", 1),
    ("قتلت قوات النظام شاباً برصاص قناص في مدينة درعا.", 1),
    ("لقي خمسة أشخاص حتفهم بانفجار سيارة مفخخة في مدينة أعزاز.", 5),
    ("لقي مدنيان حتفهما بانفجار لغم أرضي في ريف حماة الشرقي.", 2),
])
def test_arabic_dead_counted_with_accusative_singular_and_met_their_death(text, dead):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == dead


def test_arabic_no_casualties_after_without_it_causing():
    import khabar
    (c,) = khabar.extract("انفجرت عبوة ناسفة في حي الشيخ مقصود بحلب دون أن تسفر عن إصابات.",
                          published="2024-03-10").claims
    assert c.fatalities.value == 0 and c.injured.value == 0


@pytest.mark.parametrize("text, agent", [
    ("قتل مدني برصاص الجيش التركي قرب الحدود في ريف رأس العين.", "turkey"),
    ("أصيب طفل بنيران حرس الحدود التركي قرب بلدة خربة الجوز.", "turkey"),
])
def test_arabic_by_the_bullets_or_fire_of_a_side_names_its_agent(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == {agent}


@pytest.mark.parametrize("text", [
    "خرج المئات في مظاهرة بمدينة إدلب تنديداً بالقصف الروسي على المنطقة.",
    "نظم أهالي بلدة ذيبان وقفة احتجاجية رفضاً لممارسات قسد.",
])
def test_arabic_what_a_protest_denounces_is_neither_a_happening_nor_its_side(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "PROTEST" and c.agent == [] and c.location is not None


@pytest.mark.parametrize("text, origin, destination", [
    ("خرجت دفعة جديدة من العائلات العراقية من مخيم الهول باتجاه الأراضي العراقية.", "al-Hol camp", "Iraq"),
    ("نقلت القوات الأمريكية عشرات المعتقلين من سجن غويران إلى الأراضي العراقية.", "Ghuwayran", "Iraq"),
])
def test_arabic_the_land_of_a_country_named_by_its_adjective_is_that_country(text, origin, destination):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert origin in c.origin.name and c.destination.name == destination


@pytest.mark.parametrize("text, agent, target", [
    ("هاجمت مجموعة مسلحة نقطة للجيش السوري في ريف حماة الشمالي.", set(), {"syrian-army"}),
    ("قال مصدر أمني إن مسلحين من داعش هاجموا ثكنة للحشد الشعبي في قضاء طوزخورماتو.", {"islamic-state"}, {"pmf"}),
    ("هاجم مسلحون من داعش نقطة للجيش العراقي في ناحية العظيم.", {"islamic-state"}, {"iraqi-army"}),
])
def test_arabic_people_of_a_side_attack_and_the_side_of_a_post_is_attacked(text, agent, target):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK"]
    assert ids(c.agent) == agent and ids(c.target) == target


@pytest.mark.parametrize("text, agent, target", [
    ("صدت قوات الجيش السوري هجوماً شنه مسلحو هيئة تحرير الشام على محور كبانة.", {"hts"}, {"syrian-army"}),
    ("تعرض رتل للتحالف الدولي لهجوم بعبوة ناسفة على الطريق الدولي قرب الناصرية.", set(), {"us-led-coalition"}),
    ("قال مصدر مقرب من الحشد الشعبي إن طائرة مسيرة مجهولة قصفت مقراً للحشد في القائم.", set(), {"pmf"}),
    ("قالت قسد إن طائرة مسيرة تركية قصفت سيارة مدنية في ريف عامودا.", {"turkey"}, set()),
    ("قالت وزارة الدفاع التركية إن قواتها حيدت 7 إرهابيين شمالي العراق.", {"turkey"}, set()),
])
def test_arabic_who_attacked_whom_in_relative_passive_and_reported_clauses(text, agent, target):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == agent and ids(c.target) == target


@pytest.mark.parametrize("text, dead", [
    ("هجوم لداعش على حاجز للجيش السوري في بادية الميادين يوقع قتيلين.", 2),
    ("سقط قتيلان وخمسة جرحى في انفجار عبوة ناسفة بمدينة الباب.", 2),
])
def test_arabic_a_casualty_word_in_the_dual_counts_two(text, dead):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities.value == dead


@pytest.mark.parametrize("text, agent, target", [
    ("مقتل مدنيين اثنين وإصابة ثلاثة آخرين بقصف تركي على قرية في ريف عين عيسى.", {"turkey"}, {"civilians"}),
    ("إصابة طفل بالقصف الروسي على بلدة كفرنبل.", {"russia"}, set()),
])
def test_arabic_a_trigger_with_a_preposition_or_article_is_a_noun_and_its_adjective_its_side(text, agent, target):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert ids(c.agent) == agent and ids(c.target) >= target


@pytest.mark.parametrize("text, ctype", [
    ("تمكنت القوات الأمنية من تحرير مختطفين اثنين في قضاء الحويجة.", "RELEASE"),
    ("أعلن الجيش السوري تحرير بلدة خان شيخون من الإرهابيين.", "SEIZE"),
    ("احتج عشرات المعلمين أمام مبنى مديرية التربية في القامشلي للمطالبة برواتبهم.", "PROTEST"),
])
def test_arabic_freeing_people_protesting_verb(text, ctype):
    import khabar
    assert [c.type for c in khabar.extract(text, published="2024-03-10").claims] == [ctype]


def test_arabic_a_rocket_attack_is_one_shelling_and_the_dead_soldiers_side_its_target():
    import khabar
    (c,) = khabar.extract("استشهد جندي تركي وأصيب اثنان آخران في هجوم صاروخي على قاعدة قرب مدينة الباب.",
                          published="2024-03-10").claims
    assert c.type == "SHELLING" and c.agent == [] and ids(c.target) == {"turkey"}
    assert (c.fatalities.value, c.injured.value) == (1, 2)


def test_arabic_the_town_of_al_hol_is_the_town_not_the_camp():
    import khabar
    (c,) = khabar.extract("اعتقلت قسد خمسة أشخاص في حملة دهم في بلدة الهول.", published="2024-03-10").claims
    assert c.location.id == "geonames:173797"


def test_arabic_the_lead_retold_in_a_quote_is_one_attack_and_a_member_is_one_dead():
    import khabar
    text = ("أفاد مصدر أمني في محافظة كركوك، اليوم الأحد، بمقتل منتسب في الحشد الشعبي بهجوم لعناصر داعش "
            "قرب ناحية الرشاد. وقال المصدر إن \"مسلحي داعش هاجموا نقطة للحشد الشعبي بالأسلحة المتوسطة، "
            "ما أسفر عن مقتل منتسب\".")
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "ATTACK" and c.fatalities.value == 1 and ids(c.agent) == {"islamic-state"}


def test_arabic_rpg_rounds_are_no_shelling_and_the_area_points_back_three_sentences():
    import khabar
    text = ("قتل عنصران من قسد في هجوم لخلايا داعش على حاجز في بلدة ذيبان. "
            "وأضاف المرصد أن المهاجمين استخدموا أسلحة رشاشة وقذائف آر بي جي. "
            "ولم تعلق قسد على الهجوم حتى الآن. "
            "في المقابل، شنت قسد حملة دهم في المنطقة واعتقلت 4 أشخاص.")
    rep = khabar.extract(text, published="2024-03-10")
    assert [c.type for c in rep.claims] == ["ATTACK", "ARREST"]
    assert rep.claims[1].location is not None and rep.claims[1].location.name == rep.claims[0].location.name


@pytest.mark.parametrize("text, ctype, agent, target", [
    ("قتل نحو عشرين عنصراً من قوات النظام في كمين نصبه مقاتلو داعش في بادية حمص الشرقية.",
     "ATTACK", {"islamic-state"}, {"syrian-army"}),
    ("اعتقلت قوات الأمن العراقية 12 مشتبهاً بهم في عمليات متفرقة شمال بغداد.", "ARREST", {"iraqi-army"}, set()),
    ("أقامت القوات الأمريكية قاعدة عسكرية جديدة قرب حقل كونيكو للغاز.", "DEPLOY", {"united-states"}, set()),
])
def test_arabic_ambush_laid_by_suspects_arrested_base_set_up(text, ctype, agent, target):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == ctype and ids(c.agent) == agent and ids(c.target) == target
    if ctype == "ARREST":
        assert c.count.value == 12


def test_arabic_a_delegation_of_a_side_meets_where_it_arrived():
    import khabar
    (c,) = khabar.extract("وصل وفد من التحالف الدولي إلى مدينة الحسكة والتقى بقيادات من قسد.",
                          published="2024-03-10").claims
    assert c.type == "MEETING" and ids(c.agent) == {"us-led-coalition", "sdf"}
    assert c.location is not None and c.destination is None


def test_arabic_a_crossing_deportees_passed_through_is_not_their_origin():
    import khabar
    (c,) = khabar.extract("رحّلت السلطات التركية 200 لاجئ سوري إلى الشمال السوري عبر معبر باب الهوى.",
                          published="2024-03-10").claims
    assert c.type == "TRANSFER" and c.origin is None and "Bab al-Hawa" in c.location.name


def test_arabic_a_relative_clause_about_the_wounds_gives_the_attack_no_subject():
    import khabar
    (c,) = khabar.extract("قُتل عنصر من قسد متأثراً بجراحه التي أصيب بها قبل يومين في هجوم على حاجز في بلدة الكسرة.",
                          published="2024-03-10").claims
    assert c.agent == [] and ids(c.target) == {"sdf"} and c.fatalities.value == 1


@pytest.mark.parametrize("text, dead", [
    ("وارتفع عدد ضحايا الغارات الروسية على إدلب إلى 19 شخصا.", 19),
    ("ارتفعت حصيلة ضحايا القصف التركي على ريف الحسكة إلى 7 مدنيين.", 7),
    ("لم يسفر القصف عن وقوع ضحايا.", 0),
])
def test_arabic_victims_are_the_dead_a_toll_counts(text, dead):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == dead


@pytest.mark.parametrize("text", [
    "Trois civils ont été tués dans une frappe russe dans la région du Jabal al-Zawiya, dans le sud d'Idleb, selon l'OSDH.",
    "Two children were wounded by regime shelling on the Jabal al-Zawiya region in southern Idlib, local sources said.",
    "Des tirs d'obus ont visé lundi le Jabal al-Zawiya, dans la province d'Idleb.",
])
def test_the_wider_area_named_after_a_site_keeps_the_site(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.location.id == "site:jabal-al-zawiya"


def test_a_site_and_another_area_coordinated_with_it_are_two_places():
    import khabar
    (c,) = khabar.extract("Des frappes russes ont visé le Jabal al-Zawiya et le sud d'Idleb, selon l'OSDH.",
                          published="2024-03-10").claims
    assert c.location.id != "site:jabal-al-zawiya"


@pytest.mark.parametrize("text, origin, destination", [
    ("Un convoi de l'armée syrienne a quitté Homs jeudi en direction d'Alep.", "Homs", "Aleppo"),
    ("Une quarantaine de détenus ont été transférés de la prison de Ghwayran à destination d'Erbil, selon l'OSDH.",
     "Ghuwayran (al-Sina'a) prison", "Erbil"),
])
def test_a_marker_ending_in_an_elided_article_reads_the_place_after_it(text, origin, destination):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.origin.name, c.destination.name) == (origin, destination)


@pytest.mark.parametrize("text, origin, destination", [
    ("Un convoi de renforts en provenance de Deir ez-Zor est arrivé à Raqqa mardi.", "Deir ez-Zor", "Ar Raqqah"),
    ("Un convoi de l'armée turque est entré dans la province d'Idleb, selon l'OSDH.", None, "Idlib Governorate"),
])
def test_the_place_a_movement_verb_enters_is_its_destination(text, origin, destination):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.origin and c.origin.name, c.destination and c.destination.name) == (origin, destination)


@pytest.mark.parametrize("text, origin, destination, location", [
    ("Quelque 150 détenus transférés depuis la Syrie sont entrés en Irak par le poste-frontière d'al-Waleed, "
     "a indiqué un responsable irakien.", "Syria", "Iraq", "al-Tanf / al-Walid crossing"),
    ("Un convoi de la coalition est entré en Syrie par le point de passage de Semalka, venant d'Irak.",
     "Iraq", "Syria", "Semalka / Faysh Khabur crossing"),
    ("Plus de 300 Irakiens ont été rapatriés vers l'Irak à travers le passage d'al-Qaïm, selon l'OSDH.",
     None, "Iraq", "Abu Kamal – al-Qaim crossing"),
])
def test_a_crossing_passed_through_in_french_is_where_it_passed(text, origin, destination, location):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.origin and c.origin.name, c.destination and c.destination.name, c.location and c.location.name) == \
        (origin, destination, location)


@pytest.mark.parametrize("text, location", [
    ("Un convoi de 30 camions de la coalition est entré en Syrie par le point de passage frontalier de Rabia, selon l'OSDH.",
     "Rabia"),
    ("Quelque 150 détenus transférés depuis la Syrie sont entrés en Irak via le poste-frontière irakien d'al-Qaïm, "
     "a indiqué un responsable irakien.", "Al Qā’im"),
])
def test_the_town_of_a_crossing_named_after_a_via_marker_is_where_it_passed(text, location):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.location is not None and c.location.name == location
    assert location not in {c.origin and c.origin.name, c.destination and c.destination.name}


@pytest.mark.parametrize("text, agent", [
    ("Un convoi d'une vingtaine de camions de l'armée américaine est entré en Syrie depuis l'Irak.", "united-states"),
    ("Un convoi de dizaines de véhicules des forces russes est arrivé à Tall Tamr.", "russia"),
    ("A convoy of 30 trucks of the US-led coalition entered Syria from Iraq.", "us-led-coalition"),
])
def test_the_side_whose_vehicles_make_a_convoy_moved_it(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == [agent] and c.patient == []
    assert c.count is None           # vehicles are not people


def test_a_column_told_in_the_feminine_entering_a_town_is_a_movement():
    import khabar
    (c,) = khabar.extract("Une colonne de blindés de l'armée syrienne est entrée à Manbij.", published="2024-03-10").claims
    assert (c.type, [a["id"] for a in c.agent], c.destination.name) == ("TRANSFER", ["syrian-army"], "Manbij")


@pytest.mark.parametrize("text", [
    "Une patrouille américaine a été la cible d'un engin explosif dans la région de Chaddadé, selon la coalition.",
    "Des soldats américains ont été visés par un engin explosif près de Chaddadé.",
    "Un convoi de l'armée turque a été la cible d'une attaque près d'Idleb.",
    "A US vehicle was targeted by an IED near Shaddadi.",
])
def test_the_side_that_was_the_target_of_a_bombing_is_its_target(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.agent == [] and len(c.target) == 1


@pytest.mark.parametrize("text", [
    "Deux combattants des FDS ont été tués par des tireurs inconnus à Chaddadé, selon l'OSDH.",
    "Un membre du conseil local a été abattu par des individus non identifiés à Deraa.",
    "Un tireur inconnu a abattu un ancien commandant rebelle à Jassem.",
])
def test_unknown_shooters_in_french_are_the_unidentified_side(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == ["unidentified"]


def test_the_side_condemning_a_bombardment_did_not_carry_it_out():
    import khabar
    cs = khabar.extract("Damas a condamné une « agression » turque après des bombardements sur la campagne de Tall Rifaat.",
                        published="2024-03-10").claims
    (shelling,) = [c for c in cs if c.type == "SHELLING"]
    assert "syrian-government" not in [a["id"] for a in shelling.agent]


@pytest.mark.parametrize("text", [
    "Un membre du conseil local a été abattu à Deraa.",
    "Un haut responsable de l'EI aurait été tué dans une frappe de la coalition près de la frontière irakienne.",
])
def test_one_person_named_before_a_passive_with_its_complement_is_one_dead(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities is not None and c.fatalities.value == 1


@pytest.mark.parametrize("text", [
    "Deux enfants ont péri et cinq autres personnes ont été blessées dans l'explosion d'un engin explosif à Jarablous.",
    "Deux enfants ont succombé et cinq autres personnes ont été blessées dans l'explosion d'une mine à Jarablous.",
    "Two children perished and five others were injured in an explosion in Jarablus.",
])
def test_the_number_before_an_intransitive_death_verb_counts_the_dead(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.fatalities.value, c.injured.value) == (2, 5)


@pytest.mark.parametrize("text, dead, injured", [
    ("Une explosion a secoué le marché de Manbij, faisant un mort et trois blessés.", 1, 3),
    ("Un obus est tombé sur le quartier de Salaheddine à Alep, faisant un mort et un blessé.", 1, 1),
])
def test_one_dead_told_by_un_mort_is_one(text, dead, injured):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.fatalities.value, c.injured.value) == (dead, injured)


@pytest.mark.parametrize("text, agent", [
    ("Quelque 2.000 soldats turcs ont été déployés dans la province d'Idleb depuis le début du mois, selon l'OSDH.", "turkey"),
    ("Des renforts turcs ont été envoyés vers la ligne de front à Idleb.", "turkey"),
    ("Des renforts de l'armée syrienne sont arrivés à Saraqeb, selon SANA.", "syrian-army"),
])
def test_the_side_whose_forces_are_deployed_deploys_them(text, agent):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.type == "DEPLOY" and [a["id"] for a in c.agent] == [agent] and c.target == []


@pytest.mark.parametrize("text, count", [
    ("Les FDS ont remis 25 enfants de jihadistes étrangers à une délégation ouzbèke au poste-frontière de Semalka.", 25),
    ("Une centaine de détenus syriens ont été remis aux autorités de Damas au poste-frontière d'al-Qaïm.", 100),
])
def test_people_handed_over_in_french_are_released(text, count):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert (c.type, c.count.value) == ("RELEASE", count)


def test_handing_over_a_resignation_is_no_release():
    import khabar
    assert khabar.extract("Le ministre a remis sa démission au Premier ministre irakien.", published="2024-03-10").claims == []


@pytest.mark.parametrize("text, dead", [
    ("A woman and her child were killed in Turkish shelling on Tal Rifaat.", 2),
    ("قتل رجل وطفله بقصف تركي على تل رفعت.", 2),
    ("A commander of the SDF and his driver were killed in a drone strike.", 2),
    # one person alone stays one
    ("A member of the SDF was killed in a drone strike near Kobani.", 1),
])
def test_two_people_coordinated_with_no_number_count_two(text, dead):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.fatalities.value == dead


@st.composite
def _cue_window(draw, lang, name: str):
    """Normalised text mixing strings the cue `name` of `lang` matches with its literals and words,
    and a window of it that mostly starts and ends between those strings."""
    from khabar.normalise import normalise_text
    rx = getattr(lang, name)
    literals = claims_mod.cue_gates({name: rx})[0].get(name) or ["x"]
    vocab = sorted(set(re.findall(r"[^\W\d_]{2,}", rx.pattern))) or ["x"]
    parts = draw(st.lists(st.one_of(st.from_regex(rx, fullmatch=True),
                                    st.sampled_from(literals), st.sampled_from(vocab),
                                    st.sampled_from([" ", " ", ", ", ". ", "\n", "ل", " 12 "])), min_size=2, max_size=12))
    text = normalise_text("".join(parts))[0]
    cuts = [sum(map(len, parts[:i])) for i in range(len(parts) + 1)]     # (about: normalising may move them)
    lo = draw(st.one_of(st.sampled_from(cuts), st.integers(0, len(text))))
    hi = draw(st.one_of(st.sampled_from(cuts), st.integers(0, len(text) + 5)))
    return text, lo, hi


@pytest.mark.parametrize("code", ["fr", "en", "ar"])
@pytest.mark.parametrize("name", claims_mod.GATED_CUES)
def test_a_gated_cue_finds_what_a_search_of_its_window_finds(code, name):
    lang = claims_mod.compiled(code)
    rx = getattr(lang, name)

    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(_cue_window(lang, name), st.booleans())
    def check(case, cut):
        text, lo, hi = case
        doc = claims_mod._Doc(Report(raw=text, text=text))
        want = rx.search(doc.norm[lo:hi]) if cut else rx.search(doc.norm, lo, hi)
        got = doc.cue(lang, name, lo, hi, cut=cut)
        assert (got and got.span()) == (want and want.span())
    check()


def test_a_literal_of_a_bounded_alternative_ending_on_the_window_end_must_stand_near_it():
    rx = re.compile(r"(?:in order to\s+(?:\w+\s+){0,2}$)|(?:for (?:new |future )?$)")
    literals, gates = claims_mod.cue_gates({"purpose": rx})
    assert literals == {"purpose": ["in order to"], "purpose$": ["for "]}
    gate = gates["purpose"]
    assert (gate.near_end, gate.reach) == ("purpose$", len("for future ") + 1)


@st.composite
def _marker_gap(draw):
    """A language, and a gap mixing its marker words with other words."""
    lang = claims_mod.compiled(draw(st.sampled_from(("fr", "en", "ar"))))
    words = sorted({w for rx in lang.markers.values() for w in re.findall(r"[^\W\d_]+", rx.pattern)})
    parts = draw(st.lists(st.one_of(st.sampled_from(words), st.sampled_from([" ", " ", ", ", "'", "-"])), max_size=20))
    return lang, "".join(parts)


@given(_marker_gap(), st.sampled_from([("origin", "destination"), ("origin", "destination", "via", "location"),
                                       ("agent", "owner", "partner", "target", "counterpart", "parties")]))
def test_no_marker_matches_before_the_first_match_of_any_of_them(case, roles):
    lang, gap = case
    first = claims_mod._any_marker(lang.code, roles).search(gap)
    for role in roles:
        rx = lang.markers.get(role)
        if rx is not None:
            spans = [m.span() for m in rx.finditer(gap)]
            assert spans == ([] if first is None else [m.span() for m in rx.finditer(gap, first.start())])


# ---- counts and casualties (people coordinated, relative clauses, tolls, vague amounts) -------

def _dead_and_wounded(text: str) -> list[tuple]:
    import khabar
    return [(c.fatalities and c.fatalities.value, c.injured and c.injured.value)
            for c in khabar.extract(text, published="2026-03-10").claims if c.fatalities or c.injured]


@pytest.mark.parametrize("text, dead", [
    # a person and a kinsman named by a possessive
    ("Un homme et son fils ont été tués dans une frappe de drone près de Mayadine, selon une ONG.", 2),
    ("Des hommes armés ont tué un berger et son frère dans la campagne de Soueïda.", 2),
    ("قُتل رجل وابنه في غارة جوية على ريف جسر الشغور.", 2),
    # a list whose conjunction is glued to the next word, and nouns in the dual with a possessive
    ("قتل رجل وزوجته وطفلاهما في قصف مدفعي على بلدة حيش.", 4),
    ("قتلت امرأة وطفلاها في قصف على بلدة التمانعة.", 3),
    ("قتل رجل وطفليه في غارة على بلدة سرمين.", 3),
    # a list joined by commas and closed by a conjunction
    ("A man, his wife and their two children were killed when a shell hit their home in Atarib.", 4),
    ("Un homme, sa femme et son fils ont péri dans le bombardement de Kafr Nabl.", 3),
    ("Une femme et ses deux enfants ont été tués dans un bombardement à Ariha.", 3),
])
def test_people_coordinated_with_a_kinsman_or_a_list_are_each_counted(text, dead):
    assert _dead_and_wounded(text)[0][0] == dead


@pytest.mark.parametrize("text, toll", [
    # the kinsman told after the casualty word is a casualty of another kind
    ("A man was killed and his son wounded in an Israeli strike on Aitaroun.", (1, 1)),
    ("Un homme a été tué et son fils blessé dans une frappe israélienne sur Aitaroun.", (1, 1)),
    # a comma alone joins no persons: no list is closed
    ("In the strike on Sarmada, a farmer was killed, the civil defence said.", (1, None)),
])
def test_a_person_told_apart_from_the_dead_is_not_added_to_them(text, toll):
    assert _dead_and_wounded(text)[0] == toll


@pytest.mark.parametrize("text, toll", [
    # a casualty noun in the singular, with no count, is one casualty
    ("Un mort et quatre blessés dans une attaque au mortier sur le quartier de Bab Touma.", (1, 4)),
    ("Les combats de lundi près de Tadef ont fait une blessée et un mort.", (1, 1)),
    ("سقط قتيل وثلاثة جرحى في قصف بقذائف الهاون على حي التضامن.", (1, 3)),
    ("أسفر القصف عن سقوط قتيل وجريحين في بلدة الهبيط.", (1, 2)),
    # "one of" the people named after it
    ("L'un des gardiens a été blessé dans l'attaque contre la prison de Ghwayran.", (None, 1)),
    ("Un des soldats a été tué dans l'embuscade près de Sokhna.", (1, None)),
    ("قتل أحد عناصر الأمن برصاص مجهولين في بلدة الصبحة.", (1, None)),
    ("أصيبت إحدى النساء بجروح في القصف على بلدة أبو راسين.", (None, 1)),
    # a count stays the count: "مئة قتيل" is a hundred, not one more
    ("سقط مئة قتيل في الهجوم على السجن.", (100, None)),
])
def test_a_casualty_noun_in_the_singular_or_one_of_a_group_counts_one(text, toll):
    assert _dead_and_wounded(text)[0] == toll


@pytest.mark.parametrize("text, toll", [
    ("سقطت قذيفة على حي المزة في دمشق ولم يصب أحد بأذى.", (None, 0)),
    ("استهدفت غارة موقعا قرب مطار الضبعة ولم يقتل أحد.", (0, None)),
    ("Un obus de mortier est tombé sur le quartier de Jaramana ; personne n'a été blessé.", (None, 0)),
    ("Une roquette a frappé un entrepôt près de Jablé, mais personne n'a été tué.", (0, None)),
])
def test_no_one_killed_or_hurt_is_zero(text, toll):
    assert _dead_and_wounded(text)[0] == toll


@pytest.mark.parametrize("text, dead", [
    # a pronoun after the casualty word is the one person attacked before it
    ("Gunmen on a motorbike stabbed a local council employee outside his home in Tal Hamis, killing him.", 1),
    # person words with an apostrophe, a volunteer, a person's body
    ("During the night, a Mu'adh bin Jabal Brigade fighter was killed near the Tiyas airbase.", 1),
    ("An Asayish volunteer was found dead near the Semalka crossing.", 1),
    ("A shepherd's body was found near the village of Um Madfa.", 1),
    # the list goes on past a comma before the conjunction
    ("Coalition jets struck a farm near Dhiban, killing 4 IS operatives, and a boy.", 5),
    # the number of sources is no toll
    ("Four SDF fighters died in Tal Tamr; one source put the deaths down to a mine.", 4),
])
def test_english_persons_told_by_a_pronoun_or_a_possessive_or_a_list_are_counted(text, dead):
    assert sum(d or 0 for d, _ in _dead_and_wounded(text)) == dead


@pytest.mark.parametrize("text, toll", [
    # the casualty noun with a pronoun counts the one (or the two) attacked before it
    ("هاجم مسلحون مجهولون موظفا في المجلس المحلي في بلدة الهول ما أدى إلى مقتله.", (1, None)),
    ("هاجم مسلحون مجهولون شابين في بلدة مركدة ما أدى إلى مقتلهما.", (2, None)),
    ("أطلق مسلحون النار على سائق في بلدة الصور ما أدى إلى إصابته بجروح خطيرة.", (None, 1)),
    # and does not count the dead again
    ("قتل مسلحون مجهولون مختارا في بلدة الشدادي ما أدى إلى مقتله على الفور.", (1, None)),
])
def test_an_arabic_casualty_noun_with_a_pronoun_counts_the_one_it_points_to(text, toll):
    assert _dead_and_wounded(text)[0] == toll


@pytest.mark.parametrize("text, toll", [
    # a verb phrase of dying: "coûter la vie à", "claim the lives of", "أودى بحياة"
    ("L'explosion d'une voiture piégée a coûté la vie à six membres des forces de sécurité à Jarablus.", (6, None)),
    ("The car bomb in Azaz claimed the lives of eight civilians on Friday.", (8, None)),
    ("أودت الغارة بحياة أربعة عناصر من قوات النظام قرب مدينة الميادين.", (4, None)),
    ("أودى القصف بحياة طفل في بلدة معرشورين.", (1, None)),
])
def test_phrases_of_losing_a_life_count_the_dead(text, toll):
    assert _dead_and_wounded(text)[0] == toll


@pytest.mark.parametrize("text, toll", [
    # the part told after "including" belongs to the toll before it, not to the wounded after it
    ("Les raids ont fait au moins 9 morts, dont quatre enfants, et une vingtaine de blessés à Harasta.", (9, 20)),
    ("At least 14 people were killed, including six children, and 40 wounded in the strikes on Zamalka.", (14, 40)),
    # a cue with its own comma opens the count of the word after it
    ("Parmi eux, deux enfants ont été blessés par des éclats à Saqba.", (None, 2)),
])
def test_numbers_told_after_including_are_not_the_next_toll(text, toll):
    assert _dead_and_wounded(text)[0] == toll


@pytest.mark.parametrize("text, toll", [
    # a number with "of them" after it counts part of the number before it
    ("Five civilians, three of them children, were wounded by shrapnel in Kafr Takharim.", (None, 5)),
    ("A roadside bomb killed a soldier and wounded six, two of them seriously, near Khanasir.", (1, 6)),
    ("Cinq civils, trois d'entre eux des enfants, ont été blessés par des éclats à Kafr Takharim.", (None, 5)),
    ("قتل جندي وأصيب خمسة آخرون، اثنان منهم بحالة حرجة، في هجوم قرب خناصر.", (1, 5)),
    # the first number of all stays the count
    ("The gunmen opened fire on the car, killing three of them.", (3, None)),
])
def test_a_number_of_them_counts_part_of_the_number_before(text, toll):
    assert _dead_and_wounded(text)[0] == toll


@pytest.mark.parametrize("text, dead", [
    ("لقي ثلاثة عمال مصرعهم في انفجار لغم قرب بلدة معدان.", 3),
    ("لقي راع مصرعه بانفجار لغم في بادية الميادين.", 1),
    ("أطلق مسلحون النار على سائق شاحنة قرب بلدة البصيرة ما أدى إلى مصرعه.", 1),
])
def test_arabic_meeting_ones_death_counts_the_dead(text, dead):
    assert _dead_and_wounded(text)[0][0] == dead


@pytest.mark.parametrize("text, dead", [
    # an age in the accusative ("12 عاما") counts no people
    ("قتل طفل يبلغ من العمر 9 أعوام بقذيفة هاون في بلدة الكرك الشرقي.", 1),
    ("قتلت فتاة تبلغ من العمر 14 عاما برصاص قناص في بلدة طفس.", 1),
    ("قتل 14 عاملا في انفجار مستودع في مدينة الباب.", 14),
])
def test_an_arabic_age_is_no_toll(text, dead):
    assert _dead_and_wounded(text)[0][0] == dead


@pytest.mark.parametrize("text, dead", [
    # the participle "morte(s)" agrees with a feminine subject
    ("Six personnes sont mortes dans l'explosion d'un camion piégé à Azaz.", 6),
    ("Une fillette est morte dans le bombardement de Maarat Harma.", 1),
])
def test_a_feminine_participle_of_dying_is_a_casualty_word(text, dead):
    assert _dead_and_wounded(text)[0][0] == dead


def test_pounded_is_a_shelling_and_an_air_strike_with_aircraft():
    # English 'pound' as French 'pilonner'; pounding on a door is no attack
    import khabar
    def types(text):
        return [c.type for c in khabar.extract(text, published="2026-03-10").claims]
    assert types("Government warplanes pounded opposition positions near Kafr Nabl on Monday.") == ["AIRSTRIKE"]
    assert types("Turkish howitzers pounded two villages west of Tall Tamr overnight.") == ["SHELLING"]
    assert types("Neighbours were pounding on the door of the house all night.") == []


# ---- counts and casualties (qc) -------------------------------------------------------------

def _tolls(text: str) -> list[tuple]:
    """(count, dead, wounded) values of each claim of `text` that counts people."""
    import khabar
    v = lambda q: q and (q.value if q.value is not None else q.at_least)
    return [(v(c.count), v(c.fatalities), v(c.injured))
            for c in khabar.extract(text, published="2026-03-10").claims if c.count or c.fatalities or c.injured]


@pytest.mark.parametrize("text, want", [
    # a word of death and one of wounds joined by a conjunction: people hit, of a split not told
    ("A roadside bomb killed or wounded 11 policemen on the road to Qamishli, a security source said.", (11, None, None)),
    ("At least 7 recruits were killed or injured when a mine exploded near Markada.", (7, None, None)),
    ("Des tirs de mortier ont tué ou blessé 9 civils à Jisr al-Choughour.", (9, None, None)),
    ("أسفر انفجار عبوة ناسفة في مدينة منبج عن 13 قتيلا وجريحا.", (13, None, None)),
    ("قتل وجرح 6 عناصر من الشرطة في هجوم على مخفر في ريف الحسكة.", (6, None, None)),
    # words that count by themselves: one of each, two of each
    ("سقط قتيل وجريح في قصف مدفعي على قرية الحواش.", (None, 1, 1)),
    ("أدى القصف إلى سقوط قتيلين وجريحين في بلدة خان شيخون.", (None, 2, 2)),
    # a number for each word; a noun of the dead, then a verb of wounds with its own object
    ("The drone strike killed three fighters and wounded eight others near Hajin.", (None, 3, 8)),
    ("The fighting left 5 gunmen dead and wounded 2 passers-by in Tal Baydar.", (None, 5, 2)),
])
def test_killed_or_wounded_together_is_a_count_not_a_toll(text, want):
    assert _tolls(text)[0] == want


def test_no_injuries_or_fatalities_is_no_joint_count():
    # the words of none stay a report of none, not a count of people hit
    assert _tolls("Asayish forces detained a smuggler near Amuda. No injuries or fatalities were reported.") == []


@pytest.mark.parametrize("text, dead", [
    # a toll's figure holds the dead counted before it: it replaces them, never adds to them
    ("A suicide bomber killed 4 people at a market in Jarablus on Friday, raising the death toll to 9.", 9),
    ("An ambush near Sukhnah killed 3 soldiers. Two others died of their wounds, bringing the death toll to 5.", 5),
    ("Une frappe de drone a tué deux combattants mercredi près d'Atareb, portant le bilan à 6 morts.", 6),
    ("Des obus ont tué quatre civils à Douma, ce qui porte le bilan à 11 morts selon les secouristes.", 11),
    ("قتل ثلاثة عناصر من الشرطة في هجوم على مخفر في بلدة الصنمين، ليرتفع عدد القتلى إلى 7.", 7),
])
def test_a_toll_so_far_replaces_the_dead_counted_before(text, dead):
    assert _tolls(text)[0][1] == dead


def test_a_toll_of_wounded_so_far_replaces_the_wounded_counted_before():
    assert _tolls("أصيب أربعة مدنيين بانفجار في مدينة جرابلس، ليصل عدد الجرحى إلى 10.")[0][2] == 10


@pytest.mark.parametrize("text, want", [
    # the people hit, then the dead among them: the count is all of them, the dead the part
    ("Le tir de roquettes a fait 18 victimes, dont 4 morts, dans le quartier de Cheikh Maqsoud.", (18, 4, None)),
    ("The mortar attack on Nubl caused 23 casualties, including 8 dead.", (23, 8, None)),
    ("Russian strikes on Kafr Takharim left 30 casualties, among them 12 killed.", (30, 12, None)),
    ("أوقع التفجير في مدينة عفرين 17 إصابة بينهم 3 قتلى.", (17, 3, None)),
    # the rest told as wounded: each has its own number
    ("L'explosion a fait 14 victimes, dont 5 morts et 9 blessés, à Sarrine.", (14, 5, 9)),
    # the dead counted first, then a part of them: no count of people hit
    ("At least 12 civilians, including 5 children, were killed in the shelling of Atarib.", (None, 12, None)),
])
def test_people_hit_including_the_dead_count_all_and_the_dead_apart(text, want):
    assert _tolls(text)[0] == want


@pytest.mark.parametrize("text, dead, wounded", [
    # an Arabic dual counts two by itself; a plural in -ين (a dual too when written bare) with no
    # number counts no one
    ("قتل مدنيان في قصف مدفعي على بلدة كنصفرة.", 2, None),
    ("أدى القصف إلى إصابة طفلين في قرية البارة.", None, 2),
    ("أدى القصف إلى مقتل مدنيين اثنين في بلدة احسم.", 2, None),
    ("أصيب عنصران من الشرطة بانفجار عبوة في مدينة رأس العين.", None, 2),
])
def test_an_arabic_dual_counts_two(text, dead, wounded):
    assert _tolls(text)[0][1:] == (dead, wounded)


def test_an_arabic_plural_without_number_counts_no_one():
    import khabar
    c = khabar.extract("أدى القصف إلى مقتل مدنيين في بلدة كفرعويد.", published="2026-03-10").claims[0]
    assert c.fatalities is not None and c.fatalities.value is None


def test_the_side_of_people_in_the_dual_named_after_them_is_hit():
    # "قتل عنصرين من X": the two killed are of X, X is not the side that killed them
    import khabar
    c = khabar.extract("قتل عنصرين من قوات سوريا الديمقراطية في هجوم على حاجز بريف الرقة.", published="2026-03-10").claims[0]
    assert "sdf" not in {a["id"] for a in c.agent}
    assert "sdf" in {a["id"] for a in c.target + c.patient}


@pytest.mark.parametrize("text, want", [
    # a bare number set off by commas after a person is an age: the person is one casualty
    ("A farmer, 61, was shot dead by unknown gunmen near Shuhayl.", (None, 1, None)),
    ("A nurse, 29, was wounded by sniper fire in Bosra, while 2 others were killed.", (None, 2, 1)),
    # a count set off by commas is still a count
    ("The strike killed 6 people, 4 of them children, in Kafr Rouma.", (None, 6, None)),
])
def test_an_age_in_apposition_counts_no_one(text, want):
    assert _tolls(text)[0] == want


@pytest.mark.parametrize("text", [
    # a toll in a sentence of no happening, the sum of the dead told before: retold, not added
    "Gunmen shot dead a shepherd near Markada on Monday. Hours later, a roadside bomb killed 2 soldiers "
    "on the Hasakah road. 3 fatalities in total.",
    "Unknown gunmen shot dead a mukhtar in Hajin on Sunday. Later, an IED killed 2 policemen in Gharanij. "
    "The total toll was 3 dead.",
    "قتل مسلحون مجهولون راعيا قرب مركدة يوم الاثنين. وبعد ساعات قتل جنديان بانفجار عبوة ناسفة على طريق الحسكة. "
    "الحصيلة 3 قتلى.",
])
def test_a_summed_toll_told_after_the_happenings_is_not_added(text):
    assert sum(t[1] or 0 for t in _tolls(text)) == 3


@pytest.mark.parametrize("text, want", [
    # "one of the wounded": the group the dead are told from, no casualties of its own
    ("A car bomb wounded 8 people in Tal Abyad. One of the wounded later died in hospital.", (None, 1, 8)),
    ("Un obus a blessé 6 civils à Jisr al-Choughour. L'un des blessés a succombé à ses blessures.", (None, 1, 6)),
    ("أصيب 7 أشخاص بانفجار لغم في ريف الرقة. وتوفي أحد الجرحى متأثرا بجراحه.", (None, 1, 7)),
    # with no conjunction between them, a word of wounds and one of death are no joint count
    ("Three of the injured died overnight in Qamishli, the health directorate said.", (None, 3, None)),
])
def test_one_of_the_wounded_died_counts_one_dead(text, want):
    assert _tolls(text)[0] == want


def test_a_toll_told_first_holds_the_dead_counted_after_it_in_its_sentence():
    # the toll so far, then some of those it holds: not added to it
    assert _tolls("Le nombre de morts à Jindires est passé à 12 après que deux des blessés ont succombé.")[0][1] == 12


@pytest.mark.parametrize("text, want", [
    # "casualties", "victimes": people hit, dead or wounded, the split not told
    ("The rocket attack on the Kurdish quarter of Aleppo caused 14 casualties.", (14, None, None)),
    ("Le bombardement de Kafranbel a fait une quinzaine de victimes.", (15, None, None)),
    ("The shelling of Tal Rifaat caused 19 casualties, including 5 dead and 14 wounded.", (19, 5, 14)),
    # casualties told with no number, then the dead counted: the dead stay theirs
    ("Clashes broke out near Tal Tamr, with casualties reported and 2 SDF fighters killed.", (None, 2, None)),
])
def test_casualties_count_the_people_hit(text, want):
    assert _tolls(text)[0] == want


# ---- counts and casualties (s19)

@pytest.mark.parametrize("text", [
    # an age is never a toll, before or after the number, with or without the numbers stage's reading
    "A man aged 57 was shot dead by unknown gunmen in Baqubah on Tuesday, police said.",
    "A 23-year-old student was killed by a sniper in Tal Afar, a local official said.",
    "Un commerçant de 48 ans a été abattu par des hommes armés à Ansongo.",
    "قتل رجل في الخمسين من عمره برصاص مجهولين في مدينة جاسم.",
    "قتل شاب يبلغ من العمر 31 عاما برصاص قناص في حي الصاخور.",
])
def test_an_age_is_never_a_toll(text):
    assert [t[1] for t in _tolls(text)] == [1]


@pytest.mark.parametrize("text, want", [
    # a toll told with no noun of the dead: the happening's toll, by its own figure
    ("A suicide bomber struck a checkpoint in Kirkuk on Sunday. The toll rose to 17, police said.", (None, 17, None)),
    ("The toll stands at 23 after the shelling of Jisr al-Shughur, the civil defence said.", (None, 23, None)),
    ("A drone struck a wedding in Ménaka, bringing the toll to 11, local officials said.", (None, 11, None)),
    ("Une frappe de drone a touché un marché à Tessit. Le bilan s'élève à 16, selon un élu local.", (None, 16, None)),
    ("قصفت طائرة مسيرة سوقا في مدينة الباب. وارتفعت الحصيلة إلى 9، وفق الدفاع المدني.", (None, 9, None)),
    # its figure counting the wounded, or none: no dead
    ("Un obus est tombé sur une école à Tadef. Le bilan s'élève à 21 blessés.", (None, None, 21)),
])
def test_a_bare_toll_counts_the_dead(text, want):
    assert _tolls(text) == [want]


def test_a_bare_toll_with_no_figure_counts_nobody():
    assert _tolls("Clashes broke out in Tal Tamr on Monday. The toll of the fighting is not yet known.") == []


@pytest.mark.parametrize("text, total", [
    # a closing total replaces the dead told before it, whatever its figure; never adds to them
    ("Two policemen were killed in Baiji and four farmers were killed near Shirqat. In all, nine people "
     "died in the attacks, officials said.", 9),
    ("Two policemen were killed in Baiji and four farmers were killed near Shirqat. In all, six people "
     "died in the attacks, officials said.", 6),
    ("Deux gendarmes ont été tués à Djibo et trois bergers ont été tués près d'Arbinda. Au total, huit "
     "personnes sont mortes dans ces attaques.", 8),
    ("قتل عنصران من الشرطة في الصنمين وقتل أربعة مزارعين قرب نوى. وفي المجمل قتل عشرة أشخاص في الهجمات.", 10),
])
def test_a_closing_total_replaces_the_dead_told_before(text, total):
    assert sum(t[1] or 0 for t in _tolls(text)) == total


@pytest.mark.parametrize("text, dead", [
    # things counted with the dead (motorcycles, weapons, houses) are no people
    ("Les FAMa ont neutralisé une quinzaine de terroristes et récupéré 22 motos près de Nampala.", 15),
    ("Bilan de l'opération près de Tillabéri : 8 assaillants neutralisés et 11 motos saisies.", 8),
    ("قتلت قوات الأمن 4 مهربين وضبطت 7 دراجات نارية قرب نصيب.", 4),
])
def test_things_counted_with_the_dead_are_no_people(text, dead):
    assert sum(t[1] or 0 for t in _tolls(text)) == dead


@pytest.mark.parametrize("text, dead", [
    # a count coordinated after the casualty word with a place of its own: more dead, the word left out
    ("Four policemen were killed in Tuz Khurmatu and three in Daquq, a security official said.", 7),
    ("Deux civils ont été tués à Ansongo et trois autres à Bourem, selon des sources locales.", 5),
    ("Five shepherds were killed near Sinjar, two more near Tal Afar and one in Baaj.", 8),
    # a trigger noun in the place before it ("in the first strike") does not stop it
    ("Twelve people were killed in the first raid on Kafr Batna and five in the second.", 17),
    ("Neuf civils ont été tués dans le premier bombardement et quatre dans le second.", 13),
    ("قتل ثمانية مدنيين في القصف الأول وثلاثة في الثاني على بلدة حمورية.", 11),
    # not when a word of its own follows
    ("Four policemen were killed in Tuz Khurmatu and three in Daquq were wounded.", 4),
])
def test_a_count_with_its_casualty_word_left_out_adds_dead(text, dead):
    assert sum(t[1] or 0 for t in _tolls(text)) == dead


@pytest.mark.parametrize("text, dead", [
    # a toll that rose from one figure to another: the new figure, the old one no count and no range
    ("The death toll in Kobani rose from 8 to 13 after three of the wounded died overnight.", 13),
    ("The number of dead has risen from 21 to 26, the health directorate said.", 26),
    ("Le bilan est passé de 4 à 7 morts à Seytenga après le décès de trois blessés.", 7),
    ("Le nombre de tués est passé de 15 à 19 dans l'attaque de Tin-Akoff.", 19),
    ("ارتفعت حصيلة ضحايا الغارات على بلدة سرمين من 6 إلى 10 قتلى.", 10),
    # a range stays a range
    ("Between 6 and 9 soldiers were killed in an ambush near Tongo Tongo.", 6),
])
def test_a_toll_that_rose_from_a_figure_counts_the_new_one(text, dead):
    assert sum(t[1] or 0 for t in _tolls(text)) == dead


@pytest.mark.parametrize("text, want", [
    # "حتفهم" counts the number before it, the dead; a word of wounds after it counts its own
    ("لقي 4 مدنيين حتفهم وأصيب 11 آخرون بقصف على مدينة معرة النعمان.", (None, 4, 11)),
    ("لقي ثلاثة عمال حتفهم وجرح خمسة آخرون بانفجار لغم قرب منبج.", (None, 3, 5)),
])
def test_arabic_met_their_death_counts_the_dead_before_it(text, want):
    assert _tolls(text) == [want]


@pytest.mark.parametrize("text, dead", [
    # "bringing to 12 the number of …": the toll's figure before its noun, holding the dead just counted
    ("Turkish drones killed 4 PKK fighters near Qandil, bringing to 19 the number of militants killed this week.", 19),
    ("Des frappes ont tué 5 jihadistes près de Léré, portant à 23 le nombre de combattants tués depuis lundi.", 23),
])
def test_a_toll_figure_told_before_its_noun_replaces_the_dead_just_counted(text, dead):
    assert sum(t[1] or 0 for t in _tolls(text)) == dead


@pytest.mark.parametrize("text, want", [
    # "a third", "un troisième": one more person, told by an ordinal alone
    ("A roadside bomb killed three policemen and wounded a fourth, officials in Ramadi said.", (None, 3, 1)),
    ("Two shepherds were shot dead and a third was wounded near Sinjar.", (None, 2, 1)),
    ("Deux gendarmes ont été tués et un troisième blessé dans une embuscade près de Fada.", (None, 2, 1)),
    # not an ordinal before its noun
    ("Two soldiers were killed in a second attack near Tikrit.", (None, 2, None)),
])
def test_an_ordinal_alone_counts_one_more_person(text, want):
    assert _tolls(text) == [want]


@pytest.mark.parametrize("code, gap", [
    ("en", " were killed by the "), ("en", " in an attack on "), ("en", " forces loyal to the "),
    ("fr", " tués par les forces de "), ("fr", " à l'est de la ville de "),
    ("ar", " في هجوم لقوات "), ("ar", " من قبل "), ("en", " and "), ("en", ""),
])
def test_short_gap_markers_cached_for_the_process_answer_as_asked_afresh(code, gap):
    # a gap of up to SHORT_GAP characters is answered from a cache kept across reports
    lang = claims_mod.compiled(code)
    gap = claims_mod._npat(gap)
    assert len(gap) <= claims_mod.SHORT_GAP
    roles = ("agent", "owner", "partner", "target", "counterpart", "parties", "origin", "destination", "location")
    for _ in range(2):      # (the second answer comes from the cache)
        assert claims_mod._last_marker(lang, gap, roles) == claims_mod._last_marker_in(lang, gap, roles, 3)
        for reach in (None, 3):
            # (no report: a short gap never reaches the per-report answers)
            doc_answer = claims_mod._Doc.nearest_marker(None, lang, gap, roles[-3:], reach)
            assert doc_answer == claims_mod._nearest_marker(lang, gap, roles[-3:], reach)


@pytest.mark.parametrize("name, want", [
    ("Ras al-Ain", "ras "), ("Tall Hamis", "tall "), ("Alep", "alep "), ("", ""), ("  ", ""),
])
def test_first_word_of_a_place_name_is_its_first_word_normalised_with_a_space(name, want):
    assert claims_mod._first_word(name) == want
    assert claims_mod._first_word("الحسكة") == claims_mod._npat("الحسكة") + " "


@pytest.mark.parametrize("code, gap, want", [
    ("en", " ", False), ("en", " at least ", False), ("fr", " et ", False),
    ("en", " and kidnapped ", True), ("fr", " et enlevé ", True),
])
def test_a_trigger_past_a_casualty_word_is_found_from_the_cache_as_afresh(code, gap, want):
    lang = claims_mod.compiled(code)
    for _ in range(2):      # (the second answer comes from the process's cache)
        assert claims_mod._past_other_trigger(lang, claims_mod._npat(gap)) is want


@pytest.mark.parametrize("tail, one", [
    ("", True), (" ", True), (" the ", True), (" l'", True), (" a ", True), (" قوات ", True),
    (" the town of ", False), (" مواقع قوات ", False),
])
def test_at_most_one_word_of_two_letters_stands_between_a_marker_and_its_side(tail, one):
    assert claims_mod._one_word_at_most(tail) is one
