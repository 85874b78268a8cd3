"""khabar.numbers: digits, number words and vague amounts in French, Arabic and English, kept as bounds."""
from __future__ import annotations

import json

import pytest

from conftest import GOLD, SEEDS, need_shared
from khabar import clean, dates, normalise, numbers
from khabar.config import Config
from khabar.model import Report
from khabar.numbers import parse_quantity


def q(text):
    got = parse_quantity(text)
    return None if got is None else (got.value, got.at_least, got.approx, got.text)


@pytest.mark.parametrize("text,expected", [
    # vague quantities kept as bounds, text kept
    ("des dizaines de terroristes", (None, 20, False, "des dizaines")),
    ("plus de 100 prisonniers", (None, 100, False, "plus de 100")),
    ("Plus de 100 prisonniers", (None, 100, False, "Plus de 100")),
    ("plus de 12 000 combattants", (None, 12000, False, "plus de 12 000")),
    ("نحو 60 إرهابياً", (60, None, True, "نحو 60")),
    ("أكثر من 60 إرهابياً", (None, 60, False, "أكثر من 60")),
    ("بنقلِ المئات من سجناء", (None, 200, False, "المئات")),
    ("une dizaine de kamikazes", (10, None, True, "une dizaine")),
    ("une centaine de soldats", (100, None, True, "une centaine")),
    ("plus d'une centaine de soldats", (None, 100, False, "plus d'une centaine")),
    ("des centaines de familles", (None, 200, False, "des centaines")),
    ("dozens of fighters", (None, 24, False, "dozens")),
    # an upper bound is no exact count: approximate
    ("fewer than 15 fighters", (15, None, True, "fewer than 15")),
    ("moins de 15 combattants", (15, None, True, "moins de 15")),
    ("أقل من 15 مقاتلا", (15, None, True, "أقل من 15")),
    ("pas moins de 15 combattants", (None, 15, False, "pas moins de 15")),
    ("hundreds of families", (None, 200, False, "hundreds")),
    ("tens of thousands of people", (None, 20000, False, "tens of thousands")),
    ("عشرات المسلحين", (None, 20, False, "عشرات")),
    ("وعشرات الآلاف من", (None, 20000, False, "عشرات الآلاف")),
    ("آلاف النازحين", (None, 2000, False, "آلاف")),
    ("un certain nombre de prisonniers", (None, None, False, "un certain nombre")),
    ("عدد من معتقلي داعش", (None, None, False, "عدد من")),
    ("a number of fighters", (None, None, False, "a number of")),
    # qualifiers
    ("about 300 fighters", (300, None, True, "about 300")),
    ("nearly 40 people", (40, None, True, "nearly 40")),
    ("près de 50 morts", (50, None, True, "près de 50")),
    ("environ 50 morts", (50, None, True, "environ 50")),
    ("حوالي 50 قتيلا", (50, None, True, "حوالي 50")),
    ("more than 60 fighters", (None, 60, False, "more than 60")),
    ("at least 5 civilians", (None, 5, False, "at least 5")),
    ("5 au moins", (None, 5, False, "5 au moins")),
    ("60 على الأقل", (None, 60, False, "60 على الأقل")),
    ("ما لا يقل عن 7 مدنيين", (None, 7, False, "ما لا يقل عن 7")),
    # digits and separators
    ("12,000 people", (12000, None, False, "12,000")),
    ("12.000 personnes", (12000, None, False, "12.000")),
    ("12 000 personnes", (12000, None, False, "12 000")),
    ("نحو 12 ألفاً من", (12000, None, True, "نحو 12 ألفاً")),
    ("٤٠ من إرهابيي التنظيم", (40, None, False, "٤٠")),
    ("3 millions de réfugiés", (3000000, None, False, "3 millions")),
    ("1,5 million de réfugiés", (1500000, None, False, "1,5 million")),
    # number words
    ("Deux assaillants ont été tués", (2, None, False, "Deux")),
    ("quatre dirigeants", (4, None, False, "quatre")),
    ("vingt et un soldats", (21, None, False, "vingt et un")),
    ("quatre-vingt-dix prisonniers", (90, None, False, "quatre-vingt-dix")),
    ("twenty-one soldiers", (21, None, False, "twenty-one")),
    ("one hundred and twenty men", (120, None, False, "one hundred and twenty")),
    ("أربعة قتلى", (4, None, False, "أربعة")),
    ("اربعة قتلى", (4, None, False, "اربعة")),
    ("ثلاثة وعشرين مسلحا", (23, None, False, "ثلاثة وعشرين")),
    ("ثلاثة آلاف لاجئ", (3000, None, False, "ثلاثة آلاف")),
    ("اثنا عشر مدنيا", (12, None, False, "اثنا عشر")),
    ("اثني عشر عنصرا", (12, None, False, "اثني عشر")),
    ("اثنتا عشرة امرأة", (12, None, False, "اثنتا عشرة")),
    ("مئتي معتقل", (200, None, False, "مئتي")),
    ("مائتي معتقل", (200, None, False, "مائتي")),
    ("مائتان وخمسون لاجئا", (250, None, False, "مائتان وخمسون")),
])
def test_quantities(text, expected):
    assert q(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("5 civilians at least", (None, 5, False, "5")),
    ("Dix civils au moins ont été tués", (None, 10, False, "Dix")),
    ("douze soldats syriens au moins", (None, 12, False, "douze")),
    ("قتل عشرة مدنيين على الأقل", (None, 10, False, "عشرة")),
    ("قتل 20 شخصا تقريبا", (20, None, True, "20")),
    # the qualifier opens the next number: it bounds that one only
    ("3 civilians killed and at least 5 wounded", (3, None, False, "3")),
    ("trois civils tués et au moins cinq blessés", (3, None, False, "trois")),
    # too far from the number to be its noun's
    ("5 civilians were killed in the town at least", (5, None, False, "5")),
])
def test_a_bound_written_after_the_noun_bounds_the_number_and_its_span_stays_the_number(text, expected):
    assert q(text) == expected


@pytest.mark.parametrize("text", [
    "un hélicoptère", "F-16 jets", "MQ-9 drones", "at 10 pm", "à 22 heures", "vers 22h30", "à 10:30",
    "50% des habitants", "le 13th", "la résolution 2254", "en 2014", "the 2011 uprising", "n° 5",
    "أثنى الوزير على الجيش",
])
def test_not_quantities(text):
    assert parse_quantity(text) is None, parse_quantity(text)


def test_offsets_index_the_text():
    text = "أفادت مصادر بأنّ نحو ١٢ ألفاً من عناصر التنظيم"
    got = parse_quantity(text)
    assert text[got.start:got.end] == got.text == "نحو ١٢ ألفاً"
    assert got.value == 12000 and got.approx


def _stage(text, published=None):
    rep = Report(raw=text, published=published)
    clean.clean(rep)
    normalise.normalise(rep)
    dates.dates(rep, None)
    numbers.numbers(rep, None)
    return rep


def test_numbers_that_belong_to_dates_are_not_quantities():
    rep = _stage("Le mardi 13 avril 2021, 35 morts. Il y a 3 mois, au cours des trois derniers mois, "
                 "plus de 100 prisonniers.")
    assert [(n.value, n.at_least) for n in rep.numbers] == [(35, None), (None, 100)]
    for n in rep.numbers:
        assert rep.text[n.start:n.end] == n.text


def test_stage_reads_every_quantity_in_order():
    rep = _stage("On 13 October 2019, QSD killed 5 IS fighters and captured another two near Hasakah; "
                 "dozens of families fled.")
    assert [(n.value, n.at_least, n.text) for n in rep.numbers] == [(5, None, "5"), (2, None, "two"),
                                                                    (None, 24, "dozens")]


def test_seed_gold_counts_are_among_the_report_numbers():
    need_shared()
    from khabar.read import read
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    reps = {}
    for rep in read([str(SEEDS)], Config()):
        clean.clean(rep)
        normalise.normalise(rep)
        dates.dates(rep, None)
        numbers.numbers(rep, None)
        reps[rep.path.rsplit("/", 1)[-1]] = rep
    checked = 0
    for doc in gold["documents"]:
        found = {(n.value, n.at_least) for n in reps[doc["doc"]].numbers}
        for claim in doc["claims"]:
            for field in ("count", "fatalities"):
                g = claim.get(field)
                if not g or claim.get("optional"):
                    continue
                assert (g["value"], g["at_least"]) in found, (doc["doc"], field, g, found)
                checked += 1
    assert checked >= 8


def test_a_report_is_read_with_its_own_languages_number_words():
    # "seize" is sixteen in French, a verb in English
    assert parse_quantity("QSD fighters seize control of the village", "en") is None
    assert parse_quantity("seize soldats", "fr").value == 16
    rep = Report(raw="", text="QSD fighters seize control of the village, killing two.", lang="en")
    normalise.normalise(rep)
    numbers.numbers(rep, None)
    assert [(n.value, n.text) for n in rep.numbers] == [(2, "two")]


FRAGMENTS = ["le soir du mardi 13 avril", "plus de 12 000", "نحو ٦٠", "وفي 13 نيسان الماضي", "des dizaines",
             "il y a 3 mois", "On 13 October 2019,", "hier", "المئات", "quatre-vingt", "٢٠٢١", "F-16", "12,5",
             "au cours des trois derniers mois", "يوم الثلاثاء", "2019-10-13", "31/02/2020", "mai", "sept",
             "ألفاً", "، ", ". ", "\n", " ", "\u00a0", "ً", "a number of", "30 février 2021", "29 فبراير 2021"]


def test_offsets_and_spans_hold_on_any_mix_of_dates_and_numbers():
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.sampled_from(FRAGMENTS), max_size=14), st.sampled_from([None, "2021-06-01"]))
    def check(parts, published):
        text = " ".join(parts)
        rep = Report(raw=text, text=text, published=published)
        normalise.normalise(rep)
        dates.dates(rep, None)
        numbers.numbers(rep, None)
        last = -1
        for d in rep.dates:
            assert text[d.start_offset:d.end_offset] == d.text and d.text
            assert d.start_offset >= last
            last = d.end_offset
            if d.start and d.end:
                assert d.start <= d.end
        for n in rep.numbers:
            assert text[n.start:n.end] == n.text and n.text
            assert not any(d.start_offset < n.end and n.start < d.end_offset for d in rep.dates)
            assert n.value is not None or n.at_least is not None or n.text

    check()


def test_unit_numbers_are_not_quantities():
    assert parse_quantity("la 4e division et la brigade 52") is None
    assert parse_quantity("عناصر من اللواء 52") is None


@pytest.mark.parametrize("text, value, approx", [
    ("two dozen", 24, False), ("about two dozen civilians", 24, True), ("half a dozen", 6, True),
    ("deux douzaines", 24, False), ("une demi-douzaine", 6, True),
])
def test_dozens_multiply_and_half_a_dozen_is_six(text, value, approx):
    q = parse_quantity(text)
    assert (q.value, q.approx) == (value, approx)


@pytest.mark.parametrize("text, expected", [
    ("قتل 3 جنود و2 مدنيين", [(3, "3"), (2, "2")]),
    ("أصيب ٣ جنود و١٢ مدنياً", [(3, "٣"), (12, "١٢")]),
    ("ما بين 10 و15 عنصرا", [(10, "10"), (15, "15")]),
    ("ثلاثة قتلى وسبعة جرحى", [(3, "ثلاثة"), (7, "سبعة")]),
    ("ثلاثة جنود واثنان من المدنيين", [(3, "ثلاثة"), (2, "اثنان")]),
    ("قتل واحد وأصيب خمسة", [(1, "واحد"), (5, "خمسة")]),
])
def test_a_conjunction_glued_to_a_number_is_read_and_left_out_of_its_span(text, expected):
    rep = _stage(text)
    assert [(n.value, n.text) for n in rep.numbers] == expected


@pytest.mark.parametrize("text, expected", [
    ("the SDF handed over 45 Iraqi detainees", (45, None, False, "45")),
    ("authorities are handing over 300 women", (300, None, False, "300")),
    ("over 45 detainees", (None, 45, False, "over 45")),
])
def test_the_particle_of_a_verb_is_no_qualifier(text, expected):
    assert q(text) == expected


@pytest.mark.parametrize("text, value", [
    ("a hundred and fifty families", 150),
    ("a thousand and two hundred detainees", 1200),
    ("a hundred families", 100),
])
def test_a_hundred_goes_on_into_the_number_after_it(text, value):
    assert parse_quantity(text).value == value


@pytest.mark.parametrize("langs", [None, ("fr",), ("ar",), ("en",)])
def test_a_one_word_value_is_read_once_and_is_the_words_value(langs):
    g = numbers.grammar(langs)
    for word in ("trois", "وثلاثة", "الثلاثة", "twenty", "seize", "et", "cent", "و"):
        want = numbers._words_value(g, [word])
        assert numbers._word_value(g, word) == want
        assert g.word_values[word] == want
        assert numbers._word_value(g, word) == want


@pytest.mark.parametrize("text, value", [
    ("إحدى عشرة امرأة", 11),
    ("أحد عشر مقاتلا", 11),
    ("إحدى وعشرين", 21),
    # "أحد" begins a number only before "عشر" or a ten: here it is "Sunday" or "one of"
    ("يوم الأحد ثلاثة مدنيين", 3),
    ("أحد ثلاثة مسلحين", 3),
])
def test_a_word_that_begins_a_number_only_before_some_words_is_read_alone_elsewhere(text, value):
    assert parse_quantity(text, "ar").value == value


def test_a_number_after_a_weekday_that_is_a_number_word_is_read():
    r = _stage("قتل يوم الأحد ثلاثة مدنيين في قصف على مدينة الباب.", "2026-03-10")
    assert [(x.text, x.value) for x in r.numbers] == [("ثلاثة", 3)]


def test_a_number_inside_a_name_is_no_quantity():
    # the outlet's name holds a number; the toll is the one teacher, not 24
    import khabar
    for text in ("Deir ez-Zor 24 reported that gunmen killed a teacher in Hajin on Monday.",
                 "Gunmen killed a teacher in Hajin on Monday, DeirEzzor 24 reported."):
        r = khabar.extract(text, published="2026-03-10")
        assert [q.value for q in r.numbers] == [], text
        assert [c.fatalities.value for c in r.claims] == [1], text
    # a count beside the name is still read
    r = khabar.extract("DeirEzzor 24 reported that gunmen killed 3 teachers in Hajin.", published="2026-03-10")
    assert [q.value for q in r.numbers] == [3]


@pytest.mark.parametrize("text, values", [
    # an age, and the ages listed with it, count no people
    ("Two boys aged 8 and 12 were killed by a mine near Qahtaniyah.", [2]),
    ("Three shepherds aged fifteen, sixteen and twenty were abducted near Sheikh Maskin.", [3]),
    ("Deux frères âgés de 5 et 13 ans ont été blessés par un obus à Tadef.", [2]),
    ("قتل طفلان بعمر 6 و10 سنوات بانفجار لغم في ريف الرقة.", [2]),
    # whatever the whitespace before the age: a line broken inside the sentence, two spaces
    ("A mine left by the fighting killed two boys aged\n8 and 12 near Qahtaniyah on Monday, residents said.", [2]),
    ("Deux frères âgés de  5 et 13 ans ont été blessés par un obus à Tadef.", [2]),
    # a count after an age written otherwise is still read
    ("Shelling killed a farmer aged 52 and three of his grandchildren in Kafr Nubl.", [3]),
    # an age told after the number, in digits or words
    ("A 34-year-old trader and two guards were shot dead in Baiji.", [2]),
    ("Un berger de 63 ans et deux de ses fils ont été tués à Ménaka.", [2]),
    ("قتل شاب في الثلاثين من عمره وطفلان بقصف على بلدة كفرنبل.", [2]),
    ("أصيب رجل (45 عاماً) و3 من أبنائه بقصف على مدينة الباب.", [3]),
])
def test_an_age_is_no_quantity(text, values):
    r = _stage(text, "2026-03-10")
    assert [x.value for x in r.numbers] == values


@pytest.mark.parametrize("text, lang, at_least", [
    # a handful: a few, at least two
    ("a handful of fighters", "en", 2),
    ("une poignée de combattants", "fr", 2),
])
def test_a_handful_is_at_least_two(text, lang, at_least):
    q = parse_quantity(text, lang)
    assert q.value is None and q.at_least == at_least


# ---------------------------------------------------------------- the candidate scan, written out

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _plain_cand(langs=None):
    """The candidate regex as first written: an optional clitic and article before the words."""
    import re
    from khabar import langdata, scan
    data = langdata.all_langs("numbers")
    if langs:
        data = {c: d for c, d in data.items() if c in langs} or data
    clitics, articles, starts = set(), set(), set()
    for d in data.values():
        clitics.update(numbers._words(d, "clitics"))
        if d.get("article"):
            articles.add(numbers.norm(d["article"]))
        starts.update(numbers.norm(w) for w in d.get("words", []))
        for table in ("collectives", "vague", "duals"):
            starts.update(numbers.norm(p).split()[0] for p in d.get(table, {}) if numbers.norm(p).split())
    tr = scan.trie_regex
    art = f"(?:{tr(articles)}|)" if articles else ""
    word_start = rf"{art}(?:{tr(starts)})(?!\w)"
    cl_start = rf"{tr(clitics)}(?:\d|{word_start})|" if clitics else ""
    rx = re.compile(rf"(?<!\w)(?:\d|{cl_start}{word_start})")
    return rx, scan.after_non_word(rx)


_NUMBER_SOUP = st.sampled_from(["trois", "three", "ثلاثه", "و", "ب", "ال", "فب", "وال", "des", "dizaines", "2",
                                "٣", "twenty", "-", " ", "  ", "\n", "x", "e", "ا", "عشرات", "one", "un", "ن", "'"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NUMBER_SOUP, max_size=25).map("".join), st.sampled_from([None, ("fr",), ("ar", "en"), ("ar", "en", "fr")]))
@example("وثلاثه والعشرات ب2 فبثلاثه three-twenty", None)
@example("trois-quatre,2 des  dizaines\nx3 one", ("fr",))
def test_candidates_are_those_of_the_plain_regex(text, langs):
    # one alternative per first character gives the matches the optional clitic and article gave
    from khabar import scan
    rx, fast = _plain_cand(langs)
    g = numbers.grammar(langs)
    assert [(s, m.end()) for s, m in scan.word_matches(g.cand, g.cand_fast, text)] == \
        [(s, m.end()) for s, m in scan.word_matches(rx, fast, text)]
    # and _candidates, one finditer (with the ASCII classes on an ASCII text), finds their starts
    assert numbers._candidates(text, g) == [s for s, _m in scan.word_matches(rx, fast, text)]


def test_the_phrase_gate_passes_wherever_a_phrase_before_the_number_is_found():
    # _before spares the qual_before, skip_before and age_before searches only where they find nothing
    g = numbers.grammar()
    text = numbers.norm("Près de 40, plus d'  12, au-delà de\n7, no. 5, environ(3), n° 8, à peu près 9, "
                        "more than 2, up to 6, نحو 60 و أكثر من 70 رقم 4, de 3, plus 5, peu près 1, "
                        "aged\n7 and  9, âgés de 5 ,6, بعمر 6 و10")
    for rx, reach, last in ((g.qual_before, 40, g.qual_before_last), (g.skip_before, 20, g.skip_before_last),
                            (g.age_before, 30, g.age_before_last)):
        found = [s for s in range(len(text) + 1) if rx.search(text, max(0, s - reach), s)]
        assert found
        assert reach <= numbers.BEFORE_REACH
        assert all(numbers._before(text, s).endswith(last) for s in found)
        assert not numbers._before(text, text.index("plus 5") + 5).endswith(last)
