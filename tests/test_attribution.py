"""Attribution: chains of sources per claim, innermost first, on hand-made reports."""
from __future__ import annotations

import re

import pytest

from khabar.attribution import attribution, sentence_chains
from khabar.config import Config
from khabar.model import Claim, Evidence, Mention, Report
from khabar.normalise import normalise

OUTLETS = {
    "rudaw": {"id": "rudaw", "name": "Rudaw", "kind": "media", "country": "IQ"},
    "kurdistan24": {"id": "kurdistan24", "name": "Kurdistan24", "kind": "media", "country": "IQ"},
    "anadolu": {"id": "anadolu", "name": "Anadolu", "kind": "state-media", "country": "TR"},
    "afp": {"id": "afp", "name": "AFP", "kind": "media", "country": "FR"},
    "sohr": {"id": "sohr", "name": "SOHR", "kind": "ngo", "country": "GB"},
    "sana": {"id": "sana", "name": "SANA", "kind": "state-media", "country": "SY"},
}


ALIASES = {"سانا": "sana", "المرصد": "sohr"}


def key(name: str) -> str:
    k = re.sub(r"\W", "", name.lower())
    return ALIASES.get(k, k)


class FakeGazetteer:
    def outlet(self, name):
        return OUTLETS.get(key(name))


class Ctx:
    config = Config()

    def get_gazetteer(self):
        return FakeGazetteer()


def make(text: str, lang: str, claims: list[tuple[str, str]], outlets=(), actors=()) -> Report:
    """A report with outlet mentions for the given names and one claim per (type, evidence)."""
    rep = Report(raw=text, text=text, lang=lang, id="r1")
    normalise(rep)
    for name in outlets:
        for m in re.finditer(re.escape(name), text):
            rep.mentions.append(Mention(m.start(), m.end(), name, "source", OUTLETS[key(name)]["id"],
                                        OUTLETS[key(name)]["name"]))
    for name, aid in actors:
        for m in re.finditer(re.escape(name), text):
            rep.mentions.append(Mention(m.start(), m.end(), name, "actor", aid, name))
    for n, (typ, ev) in enumerate(claims, 1):
        s = text.index(ev)
        rep.claims.append(Claim(id=f"c{n}", type=typ, evidence=Evidence(s, s + len(ev), ev)))
    return attribution(rep, Ctx())


def chain(rep: Report, n: int) -> list[tuple[str, str, str | None]]:
    return [(s.name, s.kind, s.id) for s in rep.claims[n].sources]


def test_inverted_verb_with_relay_gives_primary_then_outlet():
    rep = make("Trois civils ont été tués dimanche à Raqqa, ont déclaré à la chaîne Rudaw des sources locales.",
               "fr", [("KILL", "Trois civils ont été tués")], outlets=["Rudaw"])
    assert chain(rep, 0) == [("sources locales", "local", None), ("Rudaw", "media", "rudaw")]


def test_anaphor_gains_relay_named_later_and_earlier_claims_share_it():
    text = ("Mardi, une source bien informée a fait savoir que des drones ont frappé un convoi près de Qaïm. "
            "Dans un entretien avec Kurdistan24, la source a ajouté que deux camions ont été détruits.")
    rep = make(text, "fr", [("AIRSTRIKE", "des drones ont frappé un convoi"),
                            ("ATTACK", "deux camions ont été détruits")], outlets=["Kurdistan24"])
    want = [("une source bien informée", "anonymous", None), ("Kurdistan24", "media", "kurdistan24")]
    assert chain(rep, 0) == want
    assert chain(rep, 1) == want


def test_selon_ces_dernieres_refers_to_sources_named_before():
    text = ("Des habitants ont rapporté que des hommes armés ont enlevé un instituteur.\n\n"
            "Selon ces derniers, les ravisseurs ont emmené l'otage vers le désert.")
    rep = make(text, "fr", [("ARREST", "des hommes armés ont enlevé un instituteur"),
                            ("TRANSFER", "les ravisseurs ont emmené l'otage")])
    assert chain(rep, 0) == [("Des habitants", "residents", None)]
    assert chain(rep, 1) == chain(rep, 0)


def test_claim_without_stated_source_is_the_outlets_own_word():
    rep = make("Les forces de sécurité ont arrêté cinq suspects à Mossoul.", "fr",
               [("ARREST", "ont arrêté cinq suspects")])
    assert rep.claims[0].sources == []


def test_source_carries_inside_paragraph_but_not_past_a_break():
    text = ("Selon des sources locales, une patrouille a été visée par un engin explosif. "
            "Deux soldats ont été blessés.\n\n"
            "Les autorités ont rouvert la route principale.")
    rep = make(text, "fr", [("ATTACK", "une patrouille a été visée"), ("ATTACK", "Deux soldats ont été blessés"),
                            ("DEPLOY", "ont rouvert la route principale")])
    assert chain(rep, 0) == [("sources locales", "local", None)]
    assert chain(rep, 1) == chain(rep, 0)
    assert chain(rep, 2) == []


def test_quote_closed_by_its_attribution_gives_the_quoted_sentences_that_source():
    text = ("« Les combattants ont quitté le village à l'aube. Ils ont pris la route du nord », "
            "a déclaré un habitant.")
    rep = make(text, "fr", [("DEPLOY", "Les combattants ont quitté le village"),
                            ("DEPLOY", "Ils ont pris la route du nord")])
    assert chain(rep, 0) == [("un habitant", "residents", None)]
    assert chain(rep, 1) == chain(rep, 0)


def test_kind_anaphor_followed_by_a_proper_name_is_that_outlet():
    text = "L'agence turque Anadolu a rapporté que des obus sont tombés sur Tall Abyad."
    rep = make(text, "fr", [("SHELLING", "des obus sont tombés")])
    assert chain(rep, 0) == [("Anadolu", "state-media", "anadolu")]


def test_agency_anaphor_points_back_to_the_outlet_only():
    text = ("Citant des sources locales, SANA a indiqué que des hélicoptères ont atterri près du barrage. "
            "L'agence accuse la coalition de préparer une nouvelle opération.")
    rep = make(text, "fr", [("DEPLOY", "des hélicoptères ont atterri"),
                            ("STATEMENT", "accuse la coalition de préparer")], outlets=["SANA"])
    assert chain(rep, 0) == [("sources locales", "local", None), ("SANA", "state-media", "sana")]
    assert chain(rep, 1) == [("SANA", "state-media", "sana")]


def test_arabic_verb_subject_order_and_definite_anaphor():
    text = ("أفادت مصادر محلية بأن مسلحين هاجموا حاجزاً في ريف دير الزور. "
            "وأكدت المصادر أن الهجوم أسفر عن مقتل عنصرين.")
    rep = make(text, "ar", [("ATTACK", "مسلحين هاجموا حاجزاً"), ("ATTACK", "أسفر عن مقتل عنصرين")])
    assert chain(rep, 0) == [("مصادر محلية", "local", None)]
    assert chain(rep, 1) == chain(rep, 0)


def test_arabic_relay_and_residents():
    text = "وقال أهالي القرية لوكالة سانا إن قوات أمريكية داهمت منازل واعتقلت ثلاثة شبان."
    rep = make(text, "ar", [("ARREST", "اعتقلت ثلاثة شبان")], outlets=["سانا"])
    assert chain(rep, 0) == [("أهالي القرية", "residents", None), ("SANA", "state-media", "sana")]


def test_english_according_to_and_told():
    text = ("According to SOHR, a car bomb killed four people in Tal Tamr. "
            "Residents told AFP that the market was destroyed.")
    rep = make(text, "en", [("ATTACK", "a car bomb killed four people"), ("ATTACK", "the market was destroyed")],
               outlets=["SOHR", "AFP"])
    assert chain(rep, 0) == [("SOHR", "ngo", "sohr")]
    assert chain(rep, 1) == [("Residents", "residents", None), ("AFP", "media", "afp")]


def test_actor_speaks_only_next_to_a_cue():
    text = ("The SDF said its fighters repelled an attack near Hajin. "
            "Later, IS fighters shelled the town while the SDF regrouped.")
    rep = make(text, "en", [("ATTACK", "repelled an attack"), ("SHELLING", "IS fighters shelled the town")],
               actors=[("SDF", "actor:sdf"), ("IS", "actor:islamic-state")])
    assert chain(rep, 0) == [("SDF", "military", "actor:sdf")]
    assert chain(rep, 1) == chain(rep, 0)     # carried to the next sentence of the paragraph
    rep2 = make("IS fighters shelled the town while the SDF regrouped.", "en",
                [("SHELLING", "IS fighters shelled the town")], actors=[("SDF", "actor:sdf")])
    assert rep2.claims[0].sources == []


def test_sentence_chains_work_without_a_gazetteer():
    class NoGaz:
        config = Config()

        def get_gazetteer(self):
            raise ImportError("no gazetteer")

    rep = Report(raw="", text="Selon des habitants, le pont a été détruit.", lang="fr")
    normalise(rep)
    chains = sentence_chains(rep, NoGaz())
    assert [(s.name, s.kind) for s in chains[0]] == [("des habitants", "residents")]


def test_source_frame_ends_at_an_arabic_comma_and_actors_are_not_chained_to_it():
    text = "وبحسب المرصد، قتل خمسة عناصر من قسد في هجوم قرب الشدادي."
    rep = make(text, "ar", [("KILL", "قتل خمسة عناصر")], outlets=["المرصد"], actors=[("قسد", "actor:sdf")])
    assert chain(rep, 0) == [("SOHR", "ngo", "sohr")]


def test_a_lower_case_outlet_match_is_an_anaphor_not_the_outlet():
    text = ("SOHR said IS cells attacked a checkpoint near Hajin. "
            "The monitor added that three guards were killed.")
    rep = make(text, "en", [("ATTACK", "IS cells attacked a checkpoint"), ("KILL", "three guards were killed")],
               outlets=["SOHR"])
    rep.mentions.append(Mention(text.index("monitor"), text.index("monitor") + 7, "monitor", "source",
                                "al-monitor", "Al-Monitor"))
    attribution(rep, Ctx())
    assert chain(rep, 1) == [("SOHR", "ngo", "sohr")]


def test_relay_named_before_the_speaker_and_quoted_outlet_names():
    text = "In an interview with Rudaw, an SDF spokesman said Turkish drones hit a car near Qamishli."
    rep = make(text, "en", [("AIRSTRIKE", "Turkish drones hit a car")], outlets=["Rudaw"],
               actors=[("SDF", "actor:sdf")])
    assert chain(rep, 0) == [("SDF spokesman", "official", None), ("Rudaw", "media", "rudaw")]
    text = "أفاد ناشطون محليون لـ”سانا” بأن مسلحين اغتالوا عنصراً من قسد."
    rep = make(text, "ar", [("KILL", "مسلحين اغتالوا عنصراً")], outlets=["سانا"])
    assert chain(rep, 0) == [("ناشطون محليون", "local", None), ("SANA", "state-media", "sana")]


def test_a_party_adjective_inside_the_outlet_description_is_skipped():
    text = "Des obus sont tombés sur Tall Tamr, rapporte l'agence de presse turque Anadolu."
    rep = make(text, "fr", [("SHELLING", "Des obus sont tombés")], outlets=["Anadolu"],
               actors=[("turque", "actor:turkey")])
    assert chain(rep, 0) == [("Anadolu", "state-media", "anadolu")]


# --- cues inside a longer cue: one pass, the same answer as comparing every pair -------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1], "prep", False)),
                  max_size=25)


@given(_spans)
def test_outermost_cues_equal_the_pairwise_rule(cues):
    from khabar.attribution import _outermost
    cues = sorted(cues)
    pairwise = [c for c in cues if not any(o is not c and o[0] <= c[0] and c[1] <= o[1] and
                                           (o[1] - o[0]) > (c[1] - c[0]) for o in cues)]
    assert _outermost(cues) == pairwise


@pytest.mark.parametrize("text", [
    "Russian airstrikes killed five civilians in Idlib, the Syrian Observatory for Human Rights said.",
    "Russian airstrikes killed five civilians in Idlib, the UK-based Syrian Observatory for Human Rights said.",
])
def test_the_victims_ending_a_clause_are_not_a_source_inside_the_speakers(text):
    import khabar
    (c,) = khabar.extract(text).claims
    assert [(s.name, s.kind) for s in c.sources] == [("SOHR", "ngo")]
    assert c.location.name == "Idlib" and "civilians" in ids(c.target)


def ids(lst):
    return {a["id"] for a in lst}


@pytest.mark.parametrize("text, name, kind", [
    ("Russian airstrikes killed five civilians in Idlib, the monitor said.", "the monitor", "ngo"),
    ("Des frappes russes ont tué cinq civils à Idleb, selon l'ONG.", "l'ONG", "ngo"),
    ("Russian airstrikes killed five civilians in Idlib, the agency reported.", "the agency", "media"),
    ("قتل خمسة مدنيين بغارات روسية على إدلب بحسب المنظمة.", "المنظمة", "ngo"),
])
def test_a_source_noun_with_nothing_named_before_is_an_unnamed_source(text, name, kind):
    import khabar
    (c,) = khabar.extract(text).claims
    assert [(s.name, s.kind, s.id) for s in c.sources] == [(name, kind, None)] and c.modality == "reported"




@pytest.mark.parametrize("text, outlet", [
    ("The official Syrian news agency SANA said rockets hit a village near Hama.", "SANA"),
    ("The official Anadolu Agency reported that rockets hit a village near Kilis.", "Anadolu"),
])
def test_official_before_an_agency_is_its_adjective_not_a_second_source(text, outlet):
    import khabar
    (c,) = [c for c in khabar.extract(text).claims if c.type in ("SHELLING", "ATTACK")]
    assert [(s.name, s.kind) for s in c.sources] == [(outlet, "state-media")]


@pytest.mark.parametrize("text, name, kind", [
    ("Les forces russes auraient bombardé Idleb, tuant sept civils, d'après des secouristes.", "des secouristes", "local"),
    ("Russian jets struck a market in Idlib, killing 12 people, according to the White Helmets.", "the White Helmets", "ngo"),
    ("Russian airstrikes killed five civilians in Idlib, rescuers said.", "rescuers", "local"),
    ("قتل خمسة مدنيين بغارات روسية على إدلب، بحسب الدفاع المدني السوري.", "الدفاع المدني السوري", "ngo"),
])
def test_rescuers_and_civil_defence_are_sources(text, name, kind):
    import khabar
    (c,) = [c for c in khabar.extract(text).claims if c.type in ("AIRSTRIKE", "SHELLING", "ATTACK")]
    assert [(s.name, s.kind) for s in c.sources] == [(name, kind)]


def test_arabic_transfer_verb_is_not_a_relay_cue():
    """نقلت is 'relayed' only with عن after it ('نقلت الوكالة عن مصادر'); else it is 'transferred'."""
    import khabar
    (c,) = khabar.extract("أفادت وكالة سانا بأن قوات أمريكية نقلت عشرات من عناصر داعش إلى العراق.").claims
    assert [s.id for s in c.sources] == ["sana"]
    (c,) = khabar.extract("نقلت وكالة سانا عن مصادر أهلية أن قوات أمريكية نقلت عشرات من عناصر داعش إلى العراق.").claims
    assert [s.kind for s in c.sources] == ["local", "state-media"]


@pytest.mark.parametrize("text, party", [
    ("Islamic State fighters attacked an army checkpoint near Raqqa on Saturday, killing four soldiers, "
     "the group said in a statement.", "islamic-state"),
    ("Des combattants de l'État islamique ont attaqué un poste de l'armée près de Raqqa samedi, tuant "
     "quatre soldats, a affirmé le groupe jihadiste dans un communiqué.", "islamic-state"),
    ("هاجم مسلحو داعش حاجزا للجيش قرب الرقة يوم السبت وقتلوا أربعة جنود، بحسب ما أعلن التنظيم في بيان.",
     "islamic-state"),
    # the subject of the sentence before, not the party it acted on
    ("The Syrian Democratic Forces arrested three Islamic State members in Hasakah on Monday. "
     "Two other cell members were killed in clashes near Shaddadi, the group said.", "sdf"),
])
def test_the_group_takes_back_the_armed_party_named_before(text, party):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    assert rep.claims and [s.id for s in rep.claims[-1].sources] == [party]


def test_the_group_with_no_armed_party_before_is_no_source():
    import khabar
    (c,) = khabar.extract("Turkish artillery shelled two villages near Tal Tamr, the group said.").claims
    assert c.sources == []


@pytest.mark.parametrize("text, name", [
    ("Jordanian border guards killed five smugglers trying to enter the kingdom from Syria, the army said.", "the army"),
    ("L'armée syrienne a repris le contrôle de trois villages près de Hama, a indiqué l'armée.", "l'armée"),
    ("قال الجيش إن قواته سيطرت على ثلاث قرى قرب حماة.", "الجيش"),
])
def test_the_army_speaking_is_a_military_source(text, name):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == [(name, "military")] and c.modality == "reported"


# --- optional groups written (?:x|): the same matches as (?:x)? --------------------------------

def _data_patterns() -> list[str]:
    from khabar import langdata
    from khabar.attribution import _norm_pattern
    out = []
    for d in langdata.all_langs("attribution").values():
        for v in (d or {}).values():
            if isinstance(v, list):
                out += [_norm_pattern(it if isinstance(it, str) else it["pattern"]) for it in v]
    return sorted(set(out))


_PATTERNS = _data_patterns()
_WORDS = sorted({w for p in _PATTERNS for w in re.findall(r"[^\W\d_]{2,}", p)})


@st.composite
def _pattern_and_text(draw):
    p = draw(st.sampled_from(_PATTERNS))
    parts = draw(st.lists(st.one_of(st.from_regex(p, fullmatch=True), st.sampled_from(_WORDS),
                                    st.sampled_from([" ", " ", ", ", ". ", "'", "-"])), min_size=1, max_size=25))
    return p, "".join(parts)


@settings(max_examples=200, deadline=None)
@given(_pattern_and_text())
def test_optional_groups_as_branches_match_the_same(pt):
    from khabar.attribution import _optional_as_branch
    p, text = pt
    want = [m.span() for m in re.finditer(p, text)]
    assert [m.span() for m in re.finditer(_optional_as_branch(p), text)] == want


@pytest.mark.parametrize("pattern, written", [
    ("(?:une |des )?sources?", "(?:une |des |)sources?"),
    (r"(?:a\)?b)?", r"(?:a\)?b|)"),                        # an escaped paren closes nothing
    ("[)(]?(?:x)??(?:y)?+(z)?", "[)(]?(?:x)??(?:y)?+(z)?"),  # classes, lazy, possessive, capturing stay
    ("(?:(?:a)?b)?c", "(?:(?:a|)b|)c"),
])
def test_optional_as_branch_rewrites_only_greedy_noncapturing_groups(pattern, written):
    from khabar.attribution import _optional_as_branch
    assert _optional_as_branch(pattern) == written


# --- the entries opening at a start: what the whole alternation matches there ---------------------

_TEXTS = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", " ", ", ", ". ", " « ", ": ", "'", "-"])),
                  max_size=80).map("".join)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["fr", "ar", "en", None]), _TEXTS)
def test_entries_opening_at_a_start_match_there_as_the_whole_alternation(code, text):
    from khabar.attribution import GROUPS, _data
    from khabar.normalise import normalise_text
    text = normalise_text(text)[0]
    data = _data(code)
    for k in GROUPS:
        group = data[k]
        openings = group.scanner().openings(text) if group.scanner() else None
        for p, holders in (openings or {}).items():
            whole, only = group.scanner().rx.match(text, p), group.opening(holders)
            only = only and only.match(text, p)
            assert (whole and (whole.span(), whole.lastgroup)) == (only and (only.span(), only.lastgroup)), (k, p)


@pytest.mark.parametrize("text, chain", [
    # a party inside the apposition is not the speaker, nor "the group's fighters" after the verb
    ("Amaq, the IS propaganda agency, claimed the group's fighters had killed 10 Syrian soldiers near Palmyra.",
     [("Amaq", "media")]),
    # the comma closes an apposition: the party after the verb is the content's subject
    ("SANA, the state news agency, said Israeli jets struck targets near Damascus.", [("SANA", "state-media")]),
    ("Residents told SANA, the state news agency, that Israeli jets struck targets near Damascus.",
     [("Residents", "residents"), ("SANA", "state-media")]),
    # the named party speaks, not the bare noun inside its name
    ("Israeli jets struck targets near Damascus, said the Syrian army.", [("Syrian Arab Army", "military")]),
    ("قال الجيش السوري إن طائرات إسرائيلية قصفت مواقع قرب دمشق.", [("Syrian Arab Army", "military")]),
])
def test_appositions_and_parties_beside_the_cue(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == chain


@pytest.mark.parametrize("text", [
    "The Observatory, which relies on a network of sources inside Syria, said 12 fighters were killed.",
    "L'OSDH, qui s'appuie sur un réseau de sources en Syrie, a indiqué que 12 combattants ont été tués.",
])
def test_a_source_inside_a_relative_clause_is_not_the_speaker(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [s.id for s in c.sources] == ["sohr"]


def test_a_place_in_the_name_of_a_speaker_told_after_is_no_place_of_the_claim():
    import khabar
    (c,) = khabar.extract("Les forces américaines ont déployé des renforts près de Tal Tamr, a précisé le centre "
                          "russe pour la réconciliation en Syrie.", published="2024-03-10").claims
    assert "Syria" not in [p.name for p in (c.origin, c.destination, c.location) if p is not None]


@pytest.mark.parametrize("text", [
    "Gunmen killed a commander in Tafas, according to Horan Free League.",
    "Gunmen killed a commander in Tafas, according to the Horan Free League website.",
    "Des hommes armés ont tué un commandant à Tafas, selon Horan Free League.",
    "Des hommes armés ont tué un commandant à Tafas, d'après le site Horan Free League.",
])
def test_a_name_no_gazetteer_knows_after_according_to_is_a_media_source(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == [("Horan Free League", "media")]
    assert c.modality == "reported"


@pytest.mark.parametrize("text", [
    "Gunmen killed a commander in Tafas, according to Abu Omar, a local activist.",
    "Gunmen killed a commander in Tafas, according to Turkish officials.",
])
def test_a_person_or_a_side_after_according_to_is_no_media_source(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert all(s.kind != "media" for s in c.sources)


def test_state_media_with_an_indefinite_article_are_state_media():
    import khabar
    (c,) = khabar.extract("Deux enfants ont péri dans l'explosion d'une mine près de Palmyre, selon des médias d'Etat.",
                          published="2024-03-10").claims
    assert [s.kind for s in c.sources] == ["state-media"]


@pytest.mark.parametrize("text, name", [
    ("Two Turkish soldiers were killed in Afrin, the ministry said.", "the ministry"),
    ("Deux soldats turcs ont été tués à Afrin, a indiqué le ministère.", "le ministère"),
    ("قتل جنديان تركيان في عفرين، بحسب الوزارة.", "الوزارة"),
])
def test_a_ministry_named_by_its_noun_alone_is_an_unnamed_government_source(text, name):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.modality == "reported" and [(s.name, s.kind) for s in c.sources] == [(name, "government")]


@pytest.mark.parametrize("text, chain", [
    ("Local sources told Al-Mayadeen that US helicopters transferred 20 IS detainees to the al-Shaddadi base, "
     "Press TV reported.", ["local", "al-mayadeen", "press-tv"]),
    ("Des sources locales ont indiqué à al-Mayadeen que des hélicoptères américains ont transféré 20 détenus de Daech "
     "vers la base d'al-Chaddadi, a rapporté Press TV.", ["local", "al-mayadeen", "press-tv"]),
    ("Al-Mayadeen reported that US helicopters transferred 20 IS detainees, relayed by Press TV.",
     ["al-mayadeen", "press-tv"]),
])
def test_the_outlet_told_comes_before_the_outlet_reporting_and_a_relay_last(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [s.id or s.kind for s in c.sources] == chain


@pytest.mark.parametrize("text, chain", [
    ("According to SANA, which cited local sources, US helicopters transferred 20 IS detainees to al-Shaddadi.",
     ["local", "sana"]),
    ("Selon la télévision al-Mayadeen, qui cite des sources locales, des hélicoptères américains ont transféré 20 "
     "détenus vers al-Chaddadi.", ["local", "al-mayadeen"]),
])
def test_the_sources_an_outlet_is_said_to_cite_in_a_relative_clause_are_its_sources(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [s.id or s.kind for s in c.sources] == chain


@pytest.mark.parametrize("text, source", [
    # the victims named before the speaker are not the speaker
    ("Turkish artillery shelled three villages west of Kobani on Wednesday, wounding four civilians, "
     "the Kurdish-led administration said in a statement.", ("government", "the Kurdish-led administration")),
    ("L'artillerie turque a bombardé trois villages près de Kobané mercredi, blessant quatre civils, "
     "a indiqué l'administration kurde.", ("government", "l'administration kurde")),
    # civilians who speak still do
    ("Civilians said Turkish artillery shelled three villages west of Kobani on Wednesday.", ("residents", "Civilians")),
])
def test_civilians_named_as_victims_are_no_speaker(text, source):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.kind, s.name) for s in c.sources] == [source]


@pytest.mark.parametrize("text", [
    "Cinq soldats ont été tués lundi à Palmyre, a rapporté l'OSDH. Un bus a été visé près d'al-Sukhnah, selon "
    "l'ONG qui dispose d'un vaste réseau de sources en Syrie.",
    "Five soldiers were killed on Monday near Palmyra, the Syrian Observatory said. A bus was targeted near "
    "al-Sukhnah, according to the monitor which relies on a network of sources inside Syria.",
])
def test_sources_a_speaker_has_in_a_relative_clause_are_not_its_sources(text):
    import khabar
    rep = khabar.extract(text, published="2024-03-10")
    assert [[(s.id or s.kind) for s in c.sources] for c in rep.claims] == [["sohr"]] * len(rep.claims)

@pytest.mark.parametrize("text, chain", [
    ("A roadside bomb killed two soldiers in Baiji on Monday, according to Nizar Jabbar, a local official.",
     [("Nizar Jabbar", "official")]),
    ("A roadside bomb killed two soldiers in Baiji on Monday, according to Nizar Jabbar.",
     [("Nizar Jabbar", "official")]),
    ("Gunmen shot dead a teacher in Hajin, according to Jumaa Daher, a resident of the town.",
     [("Jumaa Daher", "residents")]),
    ("A drone struck a car near Qamishli, killing two people, said Marwan Othman, a nurse at the city hospital.",
     [("Marwan Othman", "local")]),
    ("A drone struck a car near Qamishli, Redur Khalil, a local official, speaking on condition of anonymity, "
     "told AFP.", [("Redur Khalil", "official"), ("AFP", "media")]),
])
def test_a_named_person_is_a_source_of_the_kind_its_apposition_tells(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == chain
    assert c.modality == "reported"


def test_an_outlet_named_after_a_place_is_a_media_source_and_no_place_of_the_claim():
    import khabar
    (c,) = khabar.extract("A roadside bomb killed two soldiers in Baiji on Monday, according to Mosul Eye.",
                          published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == [("Mosul Eye", "media")]
    assert "Mosul" not in [p.name for p in (c.origin, c.destination, c.location) if p is not None]


@pytest.mark.parametrize("text, chain", [
    ("Government forces sent reinforcements to the town of Manbij on Saturday, according to pro-government Sham FM.",
     [("Sham FM", "media")]),
    ("Three policemen were wounded when a bomb exploded near their patrol in Kirkuk, a police officer told AFP.",
     [("a police officer", "official"), ("AFP", "media")]),
    ("Two soldiers were killed in an ambush near the town of Rutba, an army officer said.",
     [("an army officer", "military")]),
    ("The governor's office said two people were killed in a car bomb blast in Kirkuk on Monday.",
     [("The governor's office", "official")]),
])
def test_english_source_nouns_of_people_offices_and_qualified_outlets(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == chain


@pytest.mark.parametrize("text, chain", [
    ("Kurdish security forces arrested three suspected IS members in Kirkuk on Sunday, according to a statement "
     "from the Kurdistan Region Security Council.", [("Kurdistan Region Security Council", "official")]),
    ("Gunmen killed a commander in the town of Tafas on Monday, according to a statement by the Daraa Central "
     "Committee.", [("Daraa Central Committee", "official")]),
])
def test_a_body_cited_by_its_statement_is_an_official_source(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == chain
    assert c.origin is None


@pytest.mark.parametrize("text, chain", [
    ("Four Syrian soldiers were killed in an Israeli strike near Quneitra, SANA reported, citing a military source.",
     [("a military source", "military"), ("SANA", "state-media")]),
    ("Two civilians were killed by Turkish shelling on the village of Zirgan, the SDF's media center said.",
     [("the SDF's media center", "official")]),
    ("The Kurdistan Workers' Party (PKK) denied carrying out the bombing in Istanbul.",
     [("Kurdistan Workers' Party (PKK)", "military")]),
])
def test_english_sources_cited_military_sources_media_centres_and_armed_groups(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.name, s.kind) for s in c.sources] == chain

@pytest.mark.parametrize("text", [
    "نشرت القوات الروسية تعزيزات عسكرية في مطار القامشلي.",
    "وكانت القوات التركية نشرت منظومات دفاع جوي في قاعدة قرب الباب.",
])
def test_arabic_deploying_verb_nashara_is_not_a_publishing_verb(text):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert c.sources == []


def test_arabic_publishing_verb_nashara_still_names_the_outlet():
    import khabar
    (c,) = khabar.extract("نشرت وكالة سانا أن الجيش السوري قصف مواقع للمسلحين في ريف إدلب.",
                          published="2024-03-10").claims
    assert [s.id or s.kind for s in c.sources] == ["sana"]


def test_arabic_the_autonomous_administration_as_a_source_ends_before_the_side_it_accuses():
    import khabar
    rep = khabar.extract("اتهمت الإدارة الذاتية تركيا بقصف محطة مياه في ريف الحسكة.", published="2024-03-10")
    assert {s.name for c in rep.claims for s in c.sources} == {"الإدارة الذاتية"}


def test_arabic_sources_loyal_to_a_side_are_one_source_and_that_side_no_agent():
    import khabar
    (c,) = khabar.extract("زعمت مصادر موالية للنظام أن الفصائل قصفت قرى في سهل الغاب.", published="2024-03-10").claims
    assert [s.name for s in c.sources] == ["مصادر موالية للنظام"] and c.agent == []


def test_arabic_rudaw_in_its_own_spelling_is_the_relay():
    import khabar
    (c,) = khabar.extract("وقالت مصادر طبية لشبكة رووداو إن أربعة أشخاص أصيبوا جراء القصف التركي على ناحية سيدكان.",
                          published="2024-03-10").claims
    assert [s.id or s.kind for s in c.sources] == ["local", "rudaw"]


@pytest.mark.parametrize("text, name", [
    ("كذّبت وزارة الدفاع الروسية تقارير عن مقتل مدنيين بغارات روسية على ريف إدلب.", "وزارة الدفاع الروسية"),
    ("وقال المتحدث باسم التحالف إن طائرات التحالف قصفت مواقع لداعش في وادي حوران.", "المتحدث باسم التحالف"),
])
def test_arabic_denying_speaker_and_spokesman_without_the_complementiser(text, name):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [s.name for s in c.sources] == [name]


@pytest.mark.parametrize("text, source", [
    ("Gunmen killed two members of the Asayish in Qamishli on Monday, Kurdish police said.", ("official", "Kurdish police")),
    ("Des hommes armés ont tué deux membres des Assayech à Qamichli lundi, a indiqué la police kurde.",
     ("official", "la police kurde")),
    # a name the gazetteer does not know, right before the verb reporting the happening
    ("Gunmen killed two members of the Asayish in Qamishli on Monday, the Horan Free League reported.",
     ("media", "Horan Free League")),
    ("Turkish drones struck a car near Qamishli on Monday, the Jazira Relief Council said.",
     ("official", "Jazira Relief Council")),
])
def test_speakers_named_before_the_reporting_verb(text, source):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [(s.kind, s.name) for s in c.sources] == [source]

@pytest.mark.parametrize("text, chain", [
    ("Deux soldats turcs ont été blessés près d'Azaz, selon l'agence turque Anadolu.", ["anadolu"]),
    ("Trois civils ont été tués près de Deraa, a rapporté l'agence officielle syrienne SANA.", ["sana"]),
    ("Deux civils ont été tués près de Deraa, a rapporté la chaîne saoudienne Al-Arabiya.", ["al-arabiya"]),
    ("Deux soldats ont été tués près de Deraa, a indiqué un responsable turc à l'agence Reuters.", ["official", "reuters"]),
])
def test_the_words_describing_an_outlet_right_before_its_name_are_no_second_source(text, chain):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [s.id or s.kind for s in c.sources] == chain


@pytest.mark.parametrize("text, outlet", [
    ("Selon la télévision d'Etat syrienne Al-Ikhbariya, deux soldats ont été tués près de Deraa.", "al-ikhbariya"),
    ("Trois membres du Hachd ont été tués dans une attaque de l'EI à Diyala, a rapporté la chaîne Alsumaria.", "alsumaria"),
    ("Deux roquettes sont tombées près de la base de Balad, selon l'agence iranienne Mehr.", "mehr"),
    ("Des dizaines de personnes ont manifesté à Soueïda contre la vie chère, selon le site local Suwayda 24.", "suwayda-24"),
])
def test_syrian_iraqi_and_iranian_outlets_are_known(text, outlet):
    import khabar
    (c,) = khabar.extract(text, published="2024-03-10").claims
    assert [s.id for s in c.sources] == [outlet]


def test_outlet_finder_fetches_the_gazetteer_once_and_only_when_a_name_is_asked():
    from khabar.attribution import _outlet_finder

    class Gaz:
        def outlet(self, name):
            return OUTLETS.get(key(name))

    class Ctx:
        fetched = 0

        def get_gazetteer(self):
            self.fetched += 1
            return Gaz()

    ctx = Ctx()
    info = _outlet_finder(ctx)
    assert ctx.fetched == 0
    assert info("Rudaw")["kind"] == "media"
    assert info("Nobody") is None
    assert info("SANA")["kind"] == "state-media"
    assert ctx.fetched == 1
    assert _outlet_finder(None)("Rudaw") is None


def test_outlet_finder_without_a_gazetteer_knows_no_outlet():
    from khabar.attribution import _outlet_finder

    class Ctx:
        def get_gazetteer(self):
            raise ImportError("no gazetteer here")

    assert _outlet_finder(Ctx())("Rudaw") is None


@pytest.mark.parametrize("text", [
    "Islamic State has stepped up its activity in eastern Syria in recent weeks. "
    "The group said its fighters killed five SDF members near Busayrah.",
    "L'EI a intensifié ses activités dans l'est de la Syrie ces dernières semaines. "
    "Le groupe a affirmé que ses combattants avaient tué cinq membres des FDS près de Bousseira.",
    "L'EI a intensifié ses activités dans l'est de la Syrie ces dernières semaines. "
    "Le groupe a affirmé avoir tué cinq membres des FDS près de Bousseira.",
    "صعّد تنظيم داعش نشاطه في شرق سوريا خلال الأسابيع الأخيرة. "
    "وقال التنظيم إن مقاتليه قتلوا خمسة عناصر من قسد قرب البصيرة.",
    "صعّد تنظيم داعش نشاطه في شرق سوريا خلال الأسابيع الأخيرة. "
    "وقال التنظيم إنه قتل خمسة عناصر من قسد قرب البصيرة.",
])
def test_the_group_telling_its_own_deed_is_its_agent(text):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type in ("KILL", "ATTACK")]
    assert [s.id for s in c.sources] == ["islamic-state"]
    assert ids(c.agent) == {"islamic-state"} and "sdf" in ids(c.patient) | ids(c.target)


def test_a_speaker_that_is_no_side_gives_no_agent():
    import khabar
    (c,) = [c for c in khabar.extract("The monitor said it documented the killing of three civilians near Busayrah.",
                                      published="2024-03-10").claims if c.type != "STATEMENT"]
    assert c.agent == []


def test_holding_gives_the_sentences_within_which_a_start_lies():
    from khabar.attribution import _holding
    from khabar.model import Segment
    sents = [Segment(0, 10), Segment(11, 20), Segment(20, 30), Segment(31, 40), Segment(41, 41)]
    assert _holding(sents, [5, 12, 25, 41]) == [(0, 9), (11, 19), (20, 29)]
    assert _holding(sents, [10, 30]) == []
    assert _holding(sents, []) == []


# --- claims of responsibility: the claiming side is the source in every language ------------------

@pytest.mark.parametrize("text", [
    "Islamic State claimed responsibility for the ambush near Busayrah on Thursday.",
    "L'Etat islamique a revendiqué l'embuscade tendue jeudi près de Bousseira.",
    "Un engin explosif a visé jeudi un convoi près de Bousseira. L'EI a revendiqué l'attentat.",
    "تبنى تنظيم داعش الكمين قرب البصيرة يوم الخميس.",
    "انفجرت عبوة ناسفة بدورية قرب البصيرة. وتبنى تنظيم داعش التفجير.",
])
def test_a_claim_of_responsibility_is_the_claiming_sides_word_in_every_language(text):
    import khabar
    (c,) = [c for c in khabar.extract(text, published="2024-03-10").claims if c.type == "ATTACK"]
    assert c.modality == "reported" and [s.id for s in c.sources] == ["islamic-state"]
    assert ids(c.agent) == {"islamic-state"}


def test_an_attack_no_one_claimed_stays_the_outlets_word():
    import khabar
    (c,) = khabar.extract("Aucun groupe n'a revendiqué l'attaque qui a visé un poste des FDS à Hassaké.",
                          published="2024-03-10").claims
    assert c.modality == "asserted" and not c.sources
