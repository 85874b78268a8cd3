"""Stage link: ambiguity settled by context; primary place; measured against gold and ACLED."""
from __future__ import annotations


import pytest

from conftest import ACLED, GOLD, SEEDS, need_shared
from khabar.geo import haversine_km as km
from khabar.link import link, measure_acled, measure_seeds, place_of, primary_place
from khabar.mentions import mentions
from khabar.model import Report
from khabar.normalise import normalise
from khabar.pipeline import Context

# floors pinned at what the linker reaches (never lower them silently)
SEEDS_FLOOR = 0.96          # reached: 29/29 gold places
# lowered 0.566 -> 0.563 on purpose: "VILLAGE in al-Hasakeh" now reads the governorate (its
# interior point, 19 km from the city) where two rows had an unknown village near the city; the
# same reading lets the Peace Spring area and the report's towns place the claims (25 km: 0.639 -> 0.658)
ACLED_GEO1_10KM_FLOOR = 0.563   # reached 0.5634 (320/568)
ACLED_ALL_25KM_FLOOR = 0.657    # reached 0.6581 (691/1050)


@pytest.fixture(scope="module")
def ctx():
    return Context()


def run(text, ctx):
    rep = Report(raw=text, text=text)
    normalise(rep, ctx)
    mentions(rep, ctx)
    link(rep, ctx)
    return rep


def kinds(rep):
    return [(m.text, m.kind, m.id) for m in rep.mentions]


def test_the_token_split_of_mentions_is_read_by_link_and_dropped(ctx):
    # the split lives from mentions to link: a report kept afterwards holds no copy of its pieces
    text = "Des obus sont tombés au nord de Raqqa et à l'est de Deir Ezzor."
    rep = Report(raw=text, text=text)
    normalise(rep, ctx)
    mentions(rep, ctx)
    assert rep._split is not None and "".join(rep._split[0]) == rep._norm
    link(rep, ctx)
    assert rep._split is None


def test_al_mayadeen_the_channel(ctx):
    rep = run("Deux assaillants ont été tués, ont indiqué à la télévision al-Mayadeen des sources locales.", ctx)
    assert ("al-Mayadeen", "source", "al-mayadeen") in kinds(rep)


def test_al_mayadin_the_town(ctx):
    rep = run("Des combats ont eu lieu dans la ville d’al-Mayadin, à l’est de Deir Ezzor.", ctx)
    m = next(m for m in rep.mentions if m.text.endswith("Mayadin"))
    assert m.kind == "place" and m.id == "geonames:173480" and m.lat is not None


@pytest.mark.parametrize("text", ["dans la province de Hassaké", "dans le gouvernorat de Hassaké",
                                  "في محافظة الحسكة", "in al-Hasakah governorate"])
def test_governorate_when_the_text_says_so(ctx, text):
    rep = run(text, ctx)
    m = next(m for m in rep.mentions if m.kind == "place")
    assert m.id == "admin1:SY.01" and m.precision == "admin1"


@pytest.mark.parametrize("text", ["dans la ville de Hassaké", "à Hassaké", "في مدينة الحسكة", "clashes in al-Hasakah"])
def test_city_otherwise(ctx, text):
    m = next(m for m in run(text, ctx).mentions if m.kind == "place")
    assert m.id == "geonames:173811" and m.precision == "city"


@pytest.mark.parametrize("text", ["Clashes in Anbar killed three soldiers on Tuesday.",
                                  "Deux policiers ont été tués à Anbar samedi.",
                                  "وقتل شرطيان بانفجار عبوة في بابل مساء الأحد.",
                                  "Gunmen in Babil killed two Iraqi soldiers at a checkpoint overnight, the Iraqi army said."])
def test_a_governorate_named_alone_when_only_a_foreign_town_shares_its_name(ctx, text):
    # Ambar (Turkey) and Babol (Iran) share the key of Anbar and Babil, and so does Babila (Syria),
    # which a report on the Iraqi army does not speak of
    m = next(m for m in run(text, ctx).mentions if m.kind == "place")
    assert m.precision == "admin1" and m.id in ("admin1:IQ.01", "admin1:IQ.06")


@pytest.mark.parametrize("text, place", [
    ("Iraqi police said gunmen killed a tribal elder in Qadisiyah on Sunday.", "admin1:IQ.04"),
    ("Iraq's interior ministry said a bomb wounded two policemen in Qadisiyah.", "admin1:IQ.04"),
    ("Syrian government forces shelled Qadisiyah on Sunday.", "geonames:166251"),
])
def test_a_state_of_a_focus_country_the_report_names_as_a_side_places_its_namesakes_there(ctx, text, place):
    # Qudsaya (Syria) shares its key with al-Qadisiyah (Iraq): the side named settles it
    assert [m.id for m in run(text, ctx).mentions if m.kind == "place"] == [place]


@pytest.mark.parametrize("text, span, a, b", [
    ("Turkish artillery shelled villages between the towns of Tal Tamr and Ras al-Ain on Monday.",
     "Tal Tamr and Ras al-Ain", "163434", "165509"),
    ("Des affrontements ont éclaté entre Tall Tamr et Ras al-Aïn dans la nuit de dimanche.",
     "Tall Tamr et Ras al-Aïn", "163434", "165509"),
    ("قصفت المدفعية التركية قرى ما بين بلدتي تل تمر ورأس العين.", "تل تمر ورأس العين", "163434", "165509"),
    ("Une mine a explosé sur la route entre Amouda et Qamichli, tuant deux civils.",
     "Amouda et Qamichli", "173230", "173377"),
])
def test_between_two_towns_near_each_other_is_the_point_between_them(ctx, text, span, a, b):
    (m,) = [m for m in run(text, ctx).mentions if m.kind == "place"]
    gaz = ctx.get_gazetteer()
    pa, pb = gaz.place(f"geonames:{a}"), gaz.place(f"geonames:{b}")
    assert m.id == f"geonames:{a}@between:geonames:{b}"
    assert km(m.lat, m.lon, pa["lat"], pa["lon"]) == pytest.approx(km(m.lat, m.lon, pb["lat"], pb["lon"]), abs=0.5)
    assert m.text == span == text[m.start:m.end]


@pytest.mark.parametrize("text", ["A roadside bomb hit an SDF vehicle on the road between Hasakah and Qamishli.",
                                  "Turkish shelling hit Tal Tamr and Ras al-Ain on Monday."])
def test_towns_far_apart_or_not_between_stay_towns(ctx, text):
    # Hasakah and Qamishli lie 70 km apart: a point between them says less than the first town
    assert all("@" not in m.id for m in run(text, ctx).mentions if m.kind == "place")


@pytest.mark.parametrize("text", ["SNA factions backed by Turkish drones attacked SDF positions in the Rihaniya area overnight.",
                                  "Les factions pro-turques ont attaqué les positions des FDS à Rihaniya, sous des tirs turcs."])
def test_a_village_unknown_here_is_no_hamlet_of_the_state_whose_forces_fight_there(ctx, text):
    # Rihaniya (Syria) is not in the gazetteer; its namesakes are Anah (Iraq, ريحانة) and Bostancı
    # (Turkey, 200 km off): Turkish forces do not make a Turkish hamlet the place
    assert all(m._entry.get("country") != "TR" for m in run(text, ctx).mentions if m.kind == "place")


def test_a_foreign_town_named_like_a_governorate_stays_when_the_report_speaks_of_its_country(ctx):
    rep = run("Turkish police detained two men in Ambar, in Diyarbakir province, Turkey.", ctx)
    assert "admin1:IQ.01" not in [m.id for m in rep.mentions]


@pytest.mark.parametrize("text, town", [
    ("In Deir ez-Zor, unidentified gunmen shot dead a nurse in the town of al-Mayadin late on Friday.", "173480"),
    ("In Hasakah, the SDF detained four young men in the town of al-Shaddadi, activists said.", "172837"),
    ("À Deir ez-Zor, une mine a tué deux bergers près de la ville d'al-Mayadin jeudi.", "173480"),
    ("في الحسكة، اعتقلت قوات الأسايش ثلاثة شبان في بلدة الشدادي يوم الخميس.", "172837"),
])
def test_a_fronted_seat_with_a_town_of_its_governorate_after_it_is_the_governorate(text, town):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.location is not None and c.location.id == f"geonames:{town}"
    rep = khabar.extract(text, published="2024-03-10")
    assert rep.mentions[0].precision == "admin1"


@pytest.mark.parametrize("text, town", [
    ("In Qamishli, gunmen on a motorcycle shot dead a local council member in the village of Tal Hamis.", "163568"),
    ("À Qamichli, des hommes armés ont tué un enseignant dans le village de Tal Hamis mardi soir.", "163568"),
    ("في القامشلي، اغتال مسلحون مجهولون مختار قرية في بلدة عامودا مساء الأربعاء.", "173230"),
])
def test_a_fronted_town_with_a_village_of_its_area_after_it_is_the_setting(text, town):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    (c,) = rep.claims
    assert c.location is not None and c.location.id == f"geonames:{town}"
    assert rep.mentions[0].id == "geonames:173377" and rep.mentions[0].precision == "region"


@pytest.mark.parametrize("text", ["In Qamishli, gunmen shot dead a nurse near the main market. In Amuda, a mine killed a boy.",
                                  "In Qamishli, Amuda and Derik, hundreds of residents protested against the shelling.",
                                  "In Hasakah, Qamishli and Amuda, thousands took to the streets on Friday.",
                                  "في القامشلي، عامودا والدرباسية، خرج مئات الأهالي في مظاهرات ضد القصف."])
def test_a_fronted_town_alone_in_its_sentence_or_opening_a_list_stays_the_town(ctx, text):
    assert {m.precision for m in run(text, ctx).mentions if m.kind == "place"} == {"city"}


@pytest.mark.parametrize("text", ["In Deir ez-Zor, gunmen shot dead a nurse near the Panorama roundabout.",
                                  "In Deir ez-Zor, gunmen shot dead a nurse. In al-Mayadin, a mine killed a boy."])
def test_a_fronted_seat_alone_in_its_sentence_stays_the_city(ctx, text):
    assert run(text, ctx).mentions[0].id == "geonames:170794"


@pytest.mark.parametrize("text, town", [
    ("A Turkish drone hit a car on the outskirts of Girê Spî on Sunday.", "geonames:163750"),
    ("Asayish forces arrested a man in Tirbespiyê, Hawar news agency said.", "geonames:165757"),
    ("Clashes broke out in the town of Chil Agha overnight.", "geonames:173711"),
    ("قصفت المدفعية التركية محيط بلدة تل كوجر.", "geonames:383661"),
    ("Des heurts ont opposé les FDS à des combattants tribaux à Minbij.", "geonames:167357"),
])
def test_kurdish_names_and_news_spellings_of_towns(ctx, text, town):
    assert town in [m.id for m in run(text, ctx).mentions if m.kind == "place"]


@pytest.mark.parametrize("text", ["اغتال مسلحون مجهولون شابا في الحسكة ولم تعلن أي جهة مسؤوليتها عنه.",
                                  "نشرت قوات الأسايش حواجز حول مدينة الحسكة بعد هجوم ليلي."])
def test_arabic_pronouns_and_prepositions_are_no_towns(ctx, text):
    # "عنه" (about him) is also Anah (Iraq), "حول" (around) al-Hawl once its article is dropped
    assert [m.id for m in run(text, ctx).mentions if m.kind == "place"] == ["geonames:173811"]


@pytest.mark.parametrize("text, town", [
    ("قتل ثلاثة عناصر من الشرطة بهجوم في قضاء عنه غرب الأنبار.", "geonames:6765385"),
    ("اندلعت اشتباكات في الحول شرق الحسكة.", "geonames:173797"),
    ("Militants attacked a checkpoint in Shirqat, south of Mosul, on Monday.", "geonames:91057"),
    ("An IED killed two soldiers in Heet, west of Ramadi.", "geonames:95788"),
    ("Asayish forces arrested three men in Til Temir on Thursday, Hawar news agency said.", "geonames:163434"),
    ("A Turkish drone struck a motorcycle near Til Hemîs, killing its rider.", "geonames:163568"),
    ("A Turkish drone struck a car carrying YBS members in Şengal.", "site:sinjar"),
    ("Gunmen attacked a Christian family's home in Tel Keppe, north of Mosul.", "geonames:90353"),
])
def test_iraqi_and_syrian_towns_by_their_news_spellings(ctx, text, town):
    assert [m.id for m in run(text, ctx).mentions if m.kind == "place"][0] == town


@pytest.mark.parametrize("text", ["Des frappes aériennes ont visé les régions rurales de Deir Ezzor mercredi.",
                                  "Un berger a été tué par une mine dans la région rurale de Raqqa."])
def test_french_rural_region_of_x_is_its_countryside(ctx, text):
    (m,) = [m for m in run(text, ctx).mentions if m.kind == "place"]
    assert m.id.endswith("@rural") and m.text.startswith("région")


@pytest.mark.parametrize("text", ["Three Katyusha rockets landed in Baghdad's Green Zone near the US embassy.",
                                   "Des roquettes ont visé l'ambassade américaine dans la zone verte de Bagdad dimanche.",
                                   "سقط صاروخان داخل المنطقة الخضراء وسط بغداد فجر الأحد."])
def test_baghdads_green_zone_is_a_site(ctx, text):
    assert [m.id for m in run(text, ctx).mentions if m.kind == "place"] == ["site:baghdad-green-zone"]


def test_a_green_zone_elsewhere_is_no_site(ctx):
    rep = run("The council declared a green zone for farmers along the river near Raqqa.", ctx)
    assert "site:baghdad-green-zone" not in [m.id for m in rep.mentions]


@pytest.mark.parametrize("text", ["A car bomb went off in Raqa on Sunday.", "Une voiture piégée a explosé à Raqa."])
def test_a_spelling_the_governorate_and_its_seat_share_names_the_seat(ctx, text):
    assert [m.id for m in run(text, ctx).mentions if m.kind == "place"] == ["geonames:172955"]


def test_a_prison_in_a_town_resolves_to_the_site(ctx):
    rep = run("L’attaque a visé la prison de Ghuwayran à Hassaké.", ctx)
    p = primary_place(rep)
    assert p.id == "site:ghuwayran-prison" and p.precision == "site"


def test_country_names_are_actors_carrying_the_country_place(ctx):
    rep = run("Les États-Unis ont transféré des prisonniers vers l’Irak.", ctx)
    us = next(m for m in rep.mentions if m.id == "united-states")
    assert us.kind == "actor" and us.lat is None
    assert place_of(us).id == "country:US"
    iq = next(m for m in rep.mentions if m.id == "iraq")
    assert place_of(iq).id == "country:IQ" and place_of(iq).precision == "country"


def test_adjectives_are_actors_without_place(ctx):
    rep = run("Des hélicoptères américains ont atterri.", ctx)
    m = next(m for m in rep.mentions if m.id == "united-states")
    assert place_of(m) is None


def test_primary_place_prefers_the_town_over_the_governorate_and_country(ctx):
    rep = run("En Syrie, dans la province de Hassaké, des combats ont eu lieu près de Tal Tamr.", ctx)
    assert primary_place(rep).id == "geonames:163434"


def test_primary_place_none_without_places(ctx):
    assert primary_place(run("Rien ne s'est passé.", ctx)) is None


def test_a_foreign_hamlet_sharing_a_word_is_dropped(ctx):
    # "Peace" and "Cairo"-like keys must not pull a report about Hasakah to Turkey or Egypt
    rep = run("Turkish forces operating as part of Operation Peace Spring clashed near Ras al-Ain.", ctx)
    # the operation's area is a curated region; nothing foreign, and the town is the primary place
    assert [m.id for m in rep.mentions if m.kind == "place"] == ["site:peace-spring-area", "geonames:165509"]
    assert primary_place(rep).id == "geonames:165509"


def test_no_mention_in_removed_text_and_every_gold_place_found():
    need_shared()
    r = measure_seeds(str(SEEDS), str(GOLD))
    assert r["share"] >= SEEDS_FLOOR, r["missing"]


def test_seed_mentions_lie_in_the_clean_text():
    need_shared()
    from khabar.pipeline import Pipeline
    from khabar.read import read
    pipe = Pipeline()
    for item in read([str(SEEDS)], pipe.ctx.config):
        rep = pipe.process(item)
        for m in rep.mentions:
            assert rep.text[m.start:m.end] == m.text
        if rep.title:
            title_spans = [r for r in rep.removed if r.reason == "title"]
            assert all(rep.title not in rep.text[m.start - 5:m.end + 5] for m in rep.mentions) or not title_spans


@pytest.mark.slow
def test_acled_primary_place_floors():
    need_shared()
    r = measure_acled(str(ACLED))
    assert r["geo1_within_10km"] >= ACLED_GEO1_10KM_FLOOR
    assert r["within_25km"] >= ACLED_ALL_25KM_FLOOR


# ----------------------------------------------------------------------------- countrysides and directions

HASAKAH = "geonames:173811"


@pytest.mark.parametrize("text, phrase", [
    ("Clashes in a village in the southern countryside of Al-Hasakeh.", "southern countryside of Al-Hasakeh"),
    ("An attack near a village in southern al-Hasakeh countryside.", "southern al-Hasakeh countryside"),
    ("Clashes near the border in Al-Hasakeh southern countryside after", "Al-Hasakeh southern countryside"),
    ("اشتباكات في الريف الجنوبي للحسكة أمس", "الريف الجنوبي للحسكة"),
    ("اشتباكات في ريف الحسكة الجنوبي أمس", "ريف الحسكة الجنوبي"),
    ("Des combats dans la campagne sud de Hassaké.", "campagne sud de Hassaké"),
])
def test_a_southern_countryside_is_a_point_south_of_the_town(ctx, text, phrase):
    rep = run(text, ctx)
    m = next(m for m in rep.mentions if m.kind == "place")
    assert m.text == phrase and rep.text[m.start:m.end] == phrase
    assert m.id == HASAKAH + "@countryside:s" and m._entry["base"] == HASAKAH
    hasakah = ctx.get_gazetteer().place(HASAKAH)
    d = km(m.lat, m.lon, hasakah["lat"], hasakah["lon"])
    assert abs(d - ctx.config.countryside_km_large) < 0.5 and m.lat < hasakah["lat"]
    assert m._entry["admin1"] == "SY.01" and m._entry["country"] == "SY"
    assert place_of(m).name == "southern countryside of Al Ḩasakah"


def test_the_distance_is_configurable_and_a_town_has_a_smaller_countryside():
    from khabar.config import Config
    c = Context(config=Config(countryside_km_large=40.0))
    big = next(m for m in run("in the eastern countryside of Al-Hasakeh", c).mentions if m.kind == "place")
    hasakah = c.get_gazetteer().place(HASAKAH)
    assert abs(km(big.lat, big.lon, hasakah["lat"], hasakah["lon"]) - 40.0) < 0.5 and big.lon > hasakah["lon"]
    small = next(m for m in run("in the western countryside of Tal Tamr", c).mentions if m.kind == "place")
    town = c.get_gazetteer().place(small._entry["base"])
    assert abs(km(small.lat, small.lon, town["lat"], town["lon"]) - c.config.countryside_km_small) < 0.5


def test_n_km_south_of_a_town_uses_n(ctx):
    m = next(m for m in run("An ambush 15 km south of Tal Tamr.", ctx).mentions if m.kind == "place")
    town = ctx.get_gazetteer().place(m._entry["base"])
    assert m.text == "15 km south of Tal Tamr"
    assert abs(km(m.lat, m.lon, town["lat"], town["lon"]) - 15.0) < 0.5 and m.lat < town["lat"]


@pytest.mark.parametrize("text, n, direction", [
    ("انفجر لغم أرضي بسيارة عسكرية شرق تل تمر بـ 12 كم صباح اليوم.", 12.0, "e"),
    ("سقطت قذيفة جنوب تل تمر بنحو 7 كيلومترات.", 7.0, "s"),
    ("كمين لخلايا التنظيم على بعد 9 كيلومترا جنوب تل تمر.", 9.0, "s"),
])
def test_arabic_n_km_after_the_direction_and_town_uses_n(ctx, text, n, direction):
    m = next(m for m in run(text, ctx).mentions if m.kind == "place")
    town = ctx.get_gazetteer().place(m._entry["base"])
    assert m._entry["derived"] == "distance" and m._entry["direction"] == direction
    assert abs(km(m.lat, m.lon, town["lat"], town["lon"]) - n) < 0.5


@pytest.mark.parametrize("text", ["Gunmen attacked a checkpoint in rural Shadadah.", "Gunmen attacked a checkpoint in the Shadadah countryside."])
def test_rural_without_direction_keeps_the_towns_point(ctx, text):
    m = next(m for m in run(text, ctx).mentions if m.kind == "place")
    town = ctx.get_gazetteer().place(m._entry["base"])
    assert m._entry["derived"] == "rural" and (m.lat, m.lon) == (town["lat"], town["lon"])
    assert m.name.startswith("countryside of ")


@pytest.mark.parametrize("text, derived, direction", [
    ("Des tirs ont visé une patrouille dans la campagne occidentale de Tall Tamr.", "countryside", "w"),
    ("Regime forces shelled villages in northern rural Tal Tamr.", "countryside", "n"),
    ("اعتقلت دورية ثلاثة شبان بريف تل تمر.", "rural", None),
    ("قتل راعيان بانفجار لغم في بادية الميادين.", "rural", None),
    ("هاجمت خلايا التنظيم حافلة ببادية تدمر.", "rural", None),
    ("قتل راعيان بانفجار لغم في بادية تدمر الشرقية.", "countryside", "e"),
])
def test_countryside_words_the_badia_and_clitics(ctx, text, derived, direction):
    m = next(m for m in run(text, ctx).mentions if m.kind == "place" and m.precision != "region")
    assert m._entry.get("derived") == derived and m._entry.get("direction") == direction


def test_the_preposition_stays_outside_the_mention(ctx):
    rep = run("Un drone a frappé au sud-est de Qamichli mardi soir.", ctx)
    m = next(m for m in rep.mentions if m.kind == "place")
    assert m.text == "sud-est de Qamichli" and m._entry["direction"] == "se"


@pytest.mark.parametrize("text, direction, derived", [
    ("Une frappe de drone a visé une moto à l'ouest de Tall Tamr dimanche.", "w", "direction"),
    ("Des obus sont tombés dans l'est de la province de Deir ez-Zor.", "e", "part"),
])
def test_french_direction_after_an_elided_article(ctx, text, direction, derived):
    m = next(m for m in run(text, ctx).mentions if m.kind == "place")
    assert m._entry.get("derived") == derived and m._entry["direction"] == direction


def test_near_and_sub_district_stay_the_town(ctx):
    for text in ("Clashes near Tal Tamr.", "Clashes in Tal Tamr sub-district."):
        m = next(m for m in run(text, ctx).mentions if m.kind == "place")
        assert m.text == "Tal Tamr" and not m._entry.get("derived") and m.id == "geonames:163434"


def test_primary_place_prefers_the_countryside_to_the_bare_town(ctx):
    rep = run("Fighting went on in the northern countryside of Al-Hasakeh. In Al-Hasakeh itself shops opened.", ctx)
    assert primary_place(rep).id == HASAKAH + "@countryside:n"


def test_a_town_named_in_its_countryside_wins(ctx):
    rep = run("Clashes in Tal Tamr in the southern countryside of Al-Hasakeh.", ctx)
    assert primary_place(rep).id == "geonames:163434"


# ----------------------------------------------------------------------------- context

def test_a_namesake_far_outside_the_actors_home_is_dropped(ctx):
    # Al-Mahmudiyah (Iraq, near Baghdad) is no Syrian village of that name in a report on the SDF
    rep = run("The SDF took back Mahmudiyeh from the factions on Tuesday.", ctx)
    assert not [m for m in rep.mentions if m.kind == "place" and m._entry.get("country") == "IQ"]
    rep = run("Clashes erupted in Mahmudiyeh between the army and gunmen.", ctx)   # no context: kept
    assert [m for m in rep.mentions if m.kind == "place" and m._entry.get("country") == "IQ"]


@pytest.mark.parametrize("text", ["Turkey said three of its soldiers were killed near Afrin.",
                                  "La Turquie a annoncé la mort de trois soldats près d'Afrin."])
def test_a_report_naming_only_a_foreign_country_keeps_its_towns_in_the_focus_countries(ctx, text):
    # the only country named is Turkey: a Syrian town too small to stand alone is still no stray
    rep = run(text, ctx)
    assert [m.id for m in rep.mentions if m.kind == "place"] == ["geonames:174186"]


@pytest.mark.parametrize("text, seat", [
    ("Rockets hit Qamishli on Monday, the UK-based Syrian Observatory for Human Rights said.", "UK"),
    ("Rockets hit Qamishli on Monday, the London-based monitor said.", "London"),
    ("Des roquettes ont frappé Qamichli, selon l'ONG basée au Royaume-Uni.", "Royaume-Uni"),
    ("Des roquettes ont frappé Qamichli, selon l'Observatoire, basé au Royaume-Uni.", "Royaume-Uni"),
    ("سقطت صواريخ على القامشلي بحسب المرصد السوري ومقره في بريطانيا.", "بريطانيا"),
])
def test_the_seat_of_an_organisation_is_neither_a_place_nor_a_side(ctx, text, seat):
    rep = run(text, ctx)
    assert seat not in [m.text for m in rep.mentions]
    assert [m.kind for m in rep.mentions if m.text in ("Qamishli", "Qamichli", "القامشلي")] == ["place"]


def test_a_base_in_a_country_stays_a_place(ctx):
    rep = run("Des hélicoptères transportaient des prisonniers vers leurs bases en Irak.", ctx)
    assert "Irak" in [m.text for m in rep.mentions]


def test_the_capital_of_a_named_country_stays_far_from_the_reports_other_places(ctx):
    rep = run("Russia and Turkey agreed on a ceasefire in Idlib during talks in Moscow on Thursday.", ctx)
    assert {m.text for m in rep.mentions if m.kind == "place"} == {"Idlib", "Moscow"}


@pytest.mark.parametrize("text", ["Turkey-backed fighters seized the village on Monday.",
                                  "Pro-Turkey rebel factions seized the village on Monday.",
                                  "Turkish-backed opposition fighters seized the village on Monday."])
def test_fighters_backed_by_turkey_are_the_syrian_national_army_not_turkey(ctx, text):
    rep = run(text, ctx)
    assert [m.id for m in rep.mentions if m.kind == "actor"] == ["syrian-national-army"]


@pytest.mark.parametrize("text, place", [
    ("A car bomb exploded in the town of al-Bab on Sunday.", "geonames:174018"),
    ("Fighters were evacuated from Douma to Idlib.", "geonames:170592"),
    ("Clashes erupted in Dael in Daraa province.", "geonames:170959"),
])
def test_a_town_whose_key_is_short_is_found_by_its_capitalised_spelling(ctx, text, place):
    rep = run(text, ctx)
    assert place in [m.id for m in rep.mentions if m.kind == "place"]


@pytest.mark.parametrize("text", ["Clashes erupted in Bab al-Khair on Monday.", "Clashes erupted in Bab Elkheir on Monday.",
                                  "the bab was open and a douma stood there"])
def test_a_short_name_inside_a_longer_one_or_in_lower_case_is_no_match(ctx, text):
    rep = run(text, ctx)
    assert not {"geonames:174018", "geonames:170592"} & {m.id for m in rep.mentions}


@pytest.mark.parametrize("text, wrong", [("Gunmen abducted a civilian in Busra al-Harir on Monday.", "geonames:99532"),
                                         ("Gunmen abducted a civilian in Busra al-Harir on Monday.", "geonames:96046")])
def test_a_known_name_inside_a_longer_unknown_one_is_no_place(ctx, text, wrong):
    # "Busra" is also Basra, "Harir" a town in Iraqi Kurdistan: "Busra al-Harir" is neither
    rep = run(text, ctx)
    assert wrong not in [m.id for m in rep.mentions]


@pytest.mark.parametrize("text", ["Le convoi est entré par le poste-frontière irakien d'al-Qaïm.",
                                  "Les camions ont franchi le poste-frontière syrien de Jarablous."])
def test_a_name_glued_by_a_hyphen_to_a_common_word_is_part_of_that_word(ctx, text):
    # "poste-frontière irakien" is no "frontière irakienne" (the Syria–Iraq border)
    rep = run(text, ctx)
    assert not [m for m in rep.mentions if m.kind == "place" and m.text.lower().startswith("frontière")]
    assert [m for m in rep.mentions if m.kind == "place" and m.precision in ("city", "site")]


def test_a_part_that_only_qualifies_a_name_keeps_it(ctx):
    rep = run("Clashes erupted in al Nashweh al Gharbiyeh on Monday.", ctx)
    assert "site:al-nashwa" in [m.id for m in rep.mentions]


def test_names_joined_by_the_article_still_match_when_known_whole(ctx):
    rep = run("Clashes erupted in Busra al-Sham and in Ras al-Ain.", ctx)
    assert {m.id for m in rep.mentions if m.kind == "place"} == {"geonames:171126", "geonames:165509"}


def test_a_capital_after_a_speech_verb_is_its_government_and_after_a_to_the_city(ctx):
    rep = run("Trois soldats turcs ont été tués dans le nord de la Syrie, a annoncé Ankara.", ctx)
    assert [(m.kind, m.id) for m in rep.mentions if m.text == "Ankara"] == [("actor", "turkey")]
    rep = run("Des éléments de Daech ont attaqué un poste près de Damas.", ctx)
    assert [(m.kind, m.id) for m in rep.mentions if m.text == "Damas"] == [("place", "geonames:170654")]


def test_a_states_forces_do_not_move_the_report_to_their_country(ctx):
    rep = run("Pro-Turkey factions shelled villages in the countryside of Ras al-Ain.", ctx)
    p = primary_place(rep)
    assert p is not None and p.country == "SY" and p.id.startswith("geonames:165509")


def test_actors_have_home_countries(ctx):
    gaz = ctx.get_gazetteer()
    assert gaz.actor("sdf")["home"] == "SY" and "SY.01" in gaz.actor("sdf")["home_admin1"]
    assert gaz.actor("united-states")["home"] is None


@pytest.mark.parametrize("text", ["Ahrar al-Sham fighters clashed with Liwa al-Quds near Aleppo.",
                                  "Les combattants de Jaish al-Sham sont entrés à Alep."])
def test_a_group_named_after_a_place_is_no_place(ctx, text):
    places = [m for m in run(text, ctx).mentions if m.kind == "place"]
    assert [m.id for m in places] == ["geonames:170063"]          # Aleppo only: no Damascus, no Jerusalem


@pytest.mark.parametrize("text", ["Rebels captured the village of Um Al Safir from the SDF.",
                                  "Rebels captured Tal Arqam from the SDF."])
def test_a_name_after_umm_or_tal_is_part_of_another_places_name(ctx, text):
    # the gazetteer knows as-Safira (Aleppo) and ar-Riqama, not these villages: no place rather than a namesake
    assert not [m for m in run(text, ctx).mentions if m.kind == "place"]


def test_a_known_name_after_a_lower_case_word_stays(ctx):
    rep = run("Fighting near the tal of Tal Tamr and in Ras al-Ain.", ctx)
    assert {m.id for m in rep.mentions if m.kind == "place"} == {"geonames:163434", "geonames:165509"}


# --------------------------------------------------------------------------- a governorate's seat

def place_ids(rep):
    return [m.id for m in rep.mentions if m.kind == "place"]


def test_a_village_in_x_is_in_the_governorate(ctx):
    # an unknown capitalised name, then "in X": X is the governorate, not its seat
    assert place_ids(run("Gunmen attacked a checkpoint in Kharbat Nuqta in al-Hasakeh.", ctx)) == ["admin1:SY.01"]
    assert place_ids(run("Gunmen attacked a checkpoint in Nuqta village in the al-Hasakeh.", ctx)) == ["admin1:SY.01"]
    # a known town far from the seat: the governorate too
    assert place_ids(run("Shells fell on Tal Tamr in al-Hasakeh.", ctx)) == ["geonames:163434", "admin1:SY.01"]


def test_x_alone_or_a_place_of_the_city_stays_the_city(ctx):
    assert place_ids(run("Gunmen attacked a checkpoint in al-Hasakeh.", ctx)) == ["geonames:173811"]
    assert place_ids(run("Gunmen attacked a patrol near the central prison in al-Hasakeh.", ctx)) == ["geonames:173811"]
    # a sentence's first word is no place name
    assert place_ids(run("Clashes. Fighting in al-Hasakeh.", ctx)) == ["geonames:173811"]
    # an actor right before "in"
    assert place_ids(run("Clashes between the army and QSD in al-Hasakeh.", ctx)) == ["geonames:173811"]


def test_the_countryside_of_x_stays_the_seats(ctx):
    rep = run("Gunmen attacked a patrol in Kharbat Nuqta in the southern countryside of al-Hasakeh.", ctx)
    assert place_ids(rep) == ["geonames:173811@countryside:s"]
    # "X city" keeps the city even after a name
    assert place_ids(run("Gunmen attacked a patrol at Nuqta in al-Hasakeh city.", ctx)) == ["geonames:173811"]


def test_a_group_named_shield_of_a_place_is_no_place(ctx):
    rep = run("Fighters of Der'e al-Hasakeh clashed with another faction in Tal Tamr.", ctx)
    assert place_ids(rep) == ["geonames:163434"]


# --------------------------------------------------------------------------- regions over governorates

def test_a_region_takes_the_point_of_its_part_in_the_reports_governorate(ctx):
    whole = run("Rebels of Operation Peace Spring shelled Kharbat Nuqta.", ctx)
    p = primary_place(whole)
    assert p.id == "site:peace-spring-area" and p.admin1 is None
    east = primary_place(run("Rebels of Operation Peace Spring shelled Kharbat Nuqta in al-Hasakeh.", ctx))
    west = primary_place(run("Rebels of Operation Peace Spring shelled villages in Raqqa province.", ctx))
    assert east.id == west.id == "site:peace-spring-area"
    assert east.admin1 == "SY.01" and west.admin1 == "SY.04"
    assert east.lon > p.lon > west.lon


def test_an_operation_acronym_stays_the_actor_and_carries_the_area(ctx):
    rep = run("Rebels operating under OPS shelled Kharbat Nuqta in al-Hasakeh.", ctx)
    m = next(m for m in rep.mentions if m.text == "OPS")
    assert m.kind == "actor"
    assert place_of(m).id == "site:peace-spring-area" and place_of(m).admin1 == "SY.01"
    assert primary_place(rep).id == "site:peace-spring-area"


def test_a_claim_in_a_whole_governorate_takes_a_finer_place_of_the_report(ctx):
    from khabar.pipeline import Pipeline
    pipe = Pipeline(ctx=ctx) if "ctx" in Pipeline.__init__.__code__.co_varnames else Pipeline()
    rep = pipe.process(Report(raw="Rebels of Operation Peace Spring shelled Kharbat Nuqta in al-Hasakeh.", path="t"))
    assert rep.claims and rep.claims[0].location.id == "site:peace-spring-area"
    rep = pipe.process(Report(raw="Gunmen attacked a checkpoint in Kharbat Nuqta in al-Hasakeh. "
                                  "The village lies near Tal Tamr.", path="t"))
    assert rep.claims and rep.claims[0].location.id == "geonames:163434"


@pytest.mark.parametrize("text", [
    "Une réunion entre des responsables russes et turcs s'est tenue à Ankara pour discuter de la situation à Idleb.",
    "Russian and Turkish officials met in Ankara on Monday to discuss the situation in Idlib.",
    "Russian and Turkish officials met in Ankara on Monday.",
])
def test_the_capital_of_a_state_the_report_names_is_kept_beside_far_places(text):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    assert "Ankara" in [m.text for m in rep.mentions if m.kind == "place"]
    (c,) = rep.claims
    assert c.type == "MEETING" and c.location is not None and c.location.name == "Ankara"


@pytest.mark.parametrize("name", ["Ankara", "Gaziantep"])
def test_a_capital_or_great_city_of_no_state_the_report_points_to_stays_out_beside_far_places(name):
    import khabar
    rep = khabar.extract(f"Des frappes ont visé Idleb. Le ministre a quitté {name}.", published="2024-03-10")
    assert name not in [m.text for m in rep.mentions if m.kind == "place"]


@pytest.mark.parametrize("text", [
    "La police turque a arrêté deux membres de l'EI à Gaziantep.",
    "Turkish police arrested two IS suspects in Gaziantep on Wednesday.",
    "Police arrested two suspects in Gaziantep.",
])
def test_a_great_city_of_the_reports_actors_state_or_named_alone_is_kept(text):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    (c,) = rep.claims
    assert c.type == "ARREST" and c.location is not None and c.location.name == "Gaziantep"


@pytest.mark.parametrize("text, site", [
    ("Turkish warplanes struck PKK positions in the Qandil mountains in northern Iraq on Tuesday.", "site:qandil-mountains"),
    ("Iraqi security forces killed three IS militants in an ambush in the Hamrin mountains.", "site:hamrin-mountains"),
    ("قصفت طائرات تركية مواقع لحزب العمال الكردستاني في جبال قنديل.", "site:qandil-mountains"),
])
def test_mountain_ranges_news_names_are_curated_regions(text, site):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.location is not None and c.location.id == site


@pytest.mark.parametrize("text, site", [
    ("Des obus sont tombés sur le quartier de Jobar, dans l'est de Damas.", "site:jobar"),
    ("Les forces du régime ont pris le contrôle de la Ghouta orientale.", "site:eastern-ghouta"),
    ("Russian strikes hit Jabal al-Zawiya on Monday.", "site:jabal-al-zawiya"),
    ("Un attentat a visé un poste à la frontière turque.", "site:syria-turkey-border"),
])
def test_districts_regions_and_borders_news_names_are_curated(text, site):
    import khabar
    c = khabar.extract(text, published="2024-03-10").claims[0]
    assert c.location is not None and c.location.id == site


def test_a_border_guard_of_a_state_is_that_state_not_a_border():
    import khabar
    (c,) = khabar.extract("Turkish border guard snipers killed a fighter in Ras al-Ain.", published="2024-03-10").claims
    assert [a["id"] for a in c.agent] == ["turkey"]


@pytest.mark.parametrize("text, site", [
    ("Selon l'OSDH, un civil a été tué par des tirs de snipers à Deraa al-Balad.", "site:daraa-al-balad"),
    ("قتل مدني برصاص قناص في درعا البلد.", "site:daraa-al-balad"),
    ("Unidentified gunmen threw a hand grenade at a house in Daraa al-Mahatta.", "site:daraa-al-mahatta"),
])
def test_the_districts_of_daraa_are_their_own_places(text, site):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.location.id == site


@pytest.mark.parametrize("text", [
    "سقطت قذيفتا هاون وسط بغداد مساء أمس.",
    "انفجرت عبوة ناسفة داخل دمشق القديمة صباح اليوم.",
])
def test_arabic_a_capital_after_a_word_of_position_is_the_place_not_its_government(ctx, text):
    rep = run(text, ctx)
    (m,) = [m for m in rep.mentions if m.text in ("بغداد", "دمشق")]
    assert m.kind == "place"


@pytest.mark.parametrize("text, kept", [
    ("داهمت قوة أمنية منزلاً في حي الزهور بالموصل واعتقلت مطلوباً.", False),
    ("Security forces raided a house in al-Zuhur neighbourhood in Mosul.", False),
    ("اعتقلت قوات الأسايش شابين في حي الزهور بمدينة الحسكة.", True),
])
def test_a_known_district_named_in_another_town_is_a_namesake_there(ctx, text, kept):
    rep = run(text, ctx)
    assert any(m.id == "site:al-zuhur-hasakah" for m in rep.mentions) == kept

def test_a_great_citys_short_name_is_firm_enough_to_drop_a_far_namesake(ctx):
    # "Salaheddine" is also a resort town near Erbil: in Aleppo it is a neighbourhood
    rep = run("Un obus est tombé sur le quartier de Salaheddine à Alep, faisant un mort.", ctx)
    assert [m.id for m in rep.mentions if m.kind == "place"] == ["geonames:170063"]


@pytest.mark.parametrize("text, gone", [
    ("Turkish drones struck a car near Qamishli, Farhad Shami, an SDF spokesman, said.", "Shami"),
    ("Ahmed Karam, a local official, said gunmen killed two men near Hasakah.", "Karam"),
])
def test_a_place_name_after_a_given_name_is_a_surname(text, gone):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    places = [m.text for m in rep.mentions if m.kind == "place"]
    assert gone not in places and places, places


@pytest.mark.parametrize("text, city", [
    ("Two people were killed when an explosive device went off in downtown Damascus.", "geonames:170654"),
    ("A car bomb exploded in the Syrian capital Damascus on Monday, killing three people.", "geonames:170654"),
    ("Israeli missiles struck Damascus overnight, killing two soldiers, SANA said.", "geonames:170654"),
    ("A powerful explosion rocked Baghdad on Sunday evening, killing four people.", "geonames:98182"),
    ("A roadside bomb went off in eastern Baghdad, killing two policemen.", "geonames:98182"),
    ("Une explosion a secoué Damas mardi soir, faisant deux morts.", "geonames:170654"),
    ("Une voiture piégée a explosé dans le centre de Damas, tuant quatre personnes.", "geonames:170654"),
    ("هز انفجار عنيف دمشق مساء الأحد ما أدى إلى مقتل شخصين.", "geonames:170654"),
    ("استهدفت غارة إسرائيلية العاصمة السورية دمشق فجر اليوم.", "geonames:170654"),
])
def test_a_capital_where_something_happens_is_the_city_not_its_government(ctx, text, city):
    rep = run(text, ctx)
    assert city in [m._entry.get("base") or m.id for m in rep.mentions if m.kind == "place"]
    assert not [m for m in rep.mentions if m.kind == "actor" and m.id in ("syrian-government", "iraq")]


@pytest.mark.parametrize("text", ["Damascus accused Ankara of shelling villages near Tal Tamr.",
                                  "Damas a accusé Ankara de bombarder des villages près de Tall Tamr.",
                                  "اتهمت دمشق أنقرة بقصف قرى قرب تل تمر.",
                                  "Ankara hit back at Damascus, saying its forces would stay in northern Syria.",
                                  "Le pouvoir central de Damas a dénoncé l'incursion turque.",
                                  "وردا على القصف التركي اتهمت دمشق أنقرة بانتهاك السيادة السورية."])
def test_a_capital_that_speaks_or_acts_stays_its_government(ctx, text):
    rep = run(text, ctx)
    assert "syrian-government" in [m.id for m in rep.mentions if m.kind == "actor"]


@pytest.mark.parametrize("text, span, a, b", [
    ("Clashes erupted on the road linking Manbij and Jarablus late on Sunday.", "Manbij and Jarablus", "167357", "169179"),
    ("A mine hit a truck on the road connecting Tal Tamr to Ras al-Ain.", "Tal Tamr to Ras al-Ain", "163434", "165509"),
    ("Une mine a explosé sur la route reliant Amouda à Qamichli, tuant un berger.", "Amouda à Qamichli", "173230", "173377"),
    ("Un engin explosif a touché une patrouille sur l'axe Tall Tamr - Ras al-Aïn.", "Tall Tamr - Ras al-Aïn",
     "163434", "165509"),
    ("انفجرت عبوة ناسفة على طريق تل تمر - رأس العين ما أدى إلى إصابة ثلاثة عناصر.", "تل تمر - رأس العين",
     "163434", "165509"),
])
def test_a_road_between_two_towns_near_each_other_is_the_point_between_them(ctx, text, span, a, b):
    (m,) = [m for m in run(text, ctx).mentions if m.kind == "place"]
    assert m.id == f"geonames:{a}@between:geonames:{b}"
    assert m.text == span == text[m.start:m.end]


@pytest.mark.parametrize("text", ["Gunmen ambushed a car on the road linking Hasakah and Qamishli.",
                                  "Turkish drones struck the road from Tal Tamr, and Ras al-Ain came under fire."])
def test_a_road_between_towns_far_apart_or_no_road_between_them_keeps_the_towns(ctx, text):
    # Hasakah and Qamishli lie 70 km apart
    assert all("@" not in m.id for m in run(text, ctx).mentions if m.kind == "place")


@pytest.mark.parametrize("text, actor, home", [
    ("SDF fighters repelled the attack.", "sdf", "SY"),
    ("Hezbollah fighters crossed the border.", "hezbollah", "LB"),
    ("The Iraqi government condemned the strike.", "iraq", "IQ"),
    ("Iraqi-backed militias shelled the area.", "iraq", None),
    ("Turkish forces shelled the area.", "turkey", None),
])
def test_the_home_a_side_points_the_report_to(ctx, text, actor, home):
    # one view of a side's home for names with one meaning and for names that are also places
    from khabar.link import _side_home
    gaz = ctx.get_gazetteer()
    rep = Report(raw=text, text=text)
    normalise(rep, ctx)
    mentions(rep, ctx)
    m = next(m for m in rep.mentions if any(c["id"] == actor for c in m._entry["candidates"]))
    c = next(c for c in m._entry["candidates"] if c["id"] == actor)
    assert _side_home(c, gaz.focus, text, m) == home


@pytest.mark.parametrize("text, town", [
    ("Israeli shelling hit the outskirts of Kfar Kila in southern Lebanon, wounding two farmers.", "geonames:272849"),
    ("An Israeli drone struck a car near Naqoura, in south Lebanon, killing its driver.", "geonames:278832"),
])
def test_a_small_town_in_the_part_of_a_country_the_report_names_stays(ctx, text, town):
    # "southern Lebanon" names Lebanon as "Lebanon" does, and its point (far south of the capital's
    # country point) is no firm place for the town to lie near
    assert town in [m.id for m in run(text, ctx).mentions if m.kind == "place"]


def test_a_report_scans_for_the_between_words_of_its_own_language():
    from khabar.link import _between_words
    en, fr, every = _between_words("en"), _between_words("fr"), _between_words(None)
    assert "between" in en[0] and "entre" not in en[0] and "بين" not in en[0]
    assert "entre" in fr[0] and "between" not in fr[0]
    assert {"between", "entre", "بين"} <= set(every[0])


def test_the_central_government_of_a_capital_stays_its_government(ctx):
    # "central" is no place cue: French puts it before "de X" ("le gouvernement central de Bagdad")
    rep = run("Le gouvernement central de Bagdad a rejeté le référendum organisé par Erbil.", ctx)
    assert "iraq" in [m.id for m in rep.mentions if m.kind == "actor"]


@pytest.mark.parametrize("text", [
    "Liwa al-Quds fighters left Hama", "la ville d'Alep et la campagne nord d'Alep",
    "a verylongwordthatthewindowcutsatitsstart al Raqqa", "قصف بدمشق وفي ريف حلب", "at the start"])
def test_the_word_before_a_name_read_off_the_split_is_the_windows(text):
    # _prev_key reads the tokens split_tokens made; its window of 24 characters gives the same key
    from khabar.gazetteer import norm, split_tokens, token_key
    from khabar.link import _WORD, _prev_key
    n = norm(text)
    split = split_tokens(n)
    for s in range(len(n) + 1):
        window = [k for k in map(token_key, _WORD.findall(n[max(0, s - 24):s])) if k]
        assert _prev_key(n, s, split) == (window[-1] if window else "")
