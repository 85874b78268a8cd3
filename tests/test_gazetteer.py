"""The gazetteer: generated GeoNames file, curated data, keys, look-ups, user dumps."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from khabar import gazetteer as gz
from khabar.errors import KhabarError
from khabar.gazetteer import Gazetteer, alias_keys, skeleton

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def test_committed_geonames_file_is_what_the_generator_writes():
    mod = _script()
    assert mod.OUT.read_text(encoding="utf-8") == mod.build()


def test_a_fresh_load_reads_the_compiled_cache_and_builds_nothing(monkeypatch):
    gz._CACHE.clear()                     # as in a new process
    first = Gazetteer.load()              # builds the compiled cache once if missing
    gz._CACHE.clear()

    def no_build(*a, **k):
        raise AssertionError("rebuilt from the data files although the compiled cache is there")
    monkeypatch.setattr(Gazetteer, "_load_shipped", no_build)
    monkeypatch.setattr(Gazetteer, "_build", no_build)
    again = Gazetteer.load()
    assert again is not first and len(again.entries) == len(first.entries)
    assert again.place("country:SY") == first.place("country:SY")


def test_region_countries_and_capitals_are_shipped(gaz):
    assert gaz.place("country:SY")["precision"] == "country"
    assert gaz.place("country:FR") is not None
    assert gaz.place("geonames:173811")["admin1"] == "SY.01"        # Al-Hasakah city
    syrian = [e for e in gaz.entries if e["kind"] == "place" and e.get("country") == "SY" and e["type"] == "city"]
    assert len(syrian) >= 300


def test_curated_sites_carry_town_governorate_and_coordinates(gaz):
    for sid in ("site:ghuwayran-prison", "site:al-hol-camp", "site:al-omar-field", "site:al-tanf",
                "site:kobeibat-field", "site:ayn-al-asad", "site:abu-kamal-crossing", "site:tishrin-dam"):
        p = gaz.place(sid)
        assert p is not None, sid
        assert p["precision"] == "site" and p["lat"] and p["lon"] and p["country"] and p["town"]
    assert gaz.place("site:badia")["precision"] == "region"


def test_design_actor_ids_exist(gaz):
    for a in ("islamic-state", "sdf", "ypg", "asayish", "united-states", "us-led-coalition", "united-kingdom",
              "france", "israel", "russia", "iran", "irgc", "turkey", "syrian-army", "syrian-government",
              "iraqi-army", "iraq", "pmf", "hezbollah", "hts", "syrian-national-army", "unidentified"):
        assert gaz.actor(a) is not None, a
    assert gaz.actor("sana") is None


@pytest.mark.parametrize("name,oid,kind", [("FRENCH PRESS TV", "press-tv", "state-media"), ("Sana", "sana", "state-media"),
                                           ("al-Mayadeen Tv", "al-mayadeen", "media"), ("OSDH", "sohr", "ngo"),
                                           ("المرصد السوري", "sohr", "ngo")])
def test_outlet_lookup_reads_footer_spellings(gaz, name, oid, kind):
    o = gaz.outlet(name)
    assert o["id"] == oid and o["kind"] == kind and "country" in o and o["name"]


def test_outlet_lookup_returns_none_for_unknown_names(gaz):
    assert gaz.outlet("Le Petit Journal de Quimper") is None
    assert gaz.outlet("") is None


def test_transliteration_variants_share_a_key():
    assert skeleton("Chaddadi") == skeleton("Shaddadi") == skeleton("Shadadi") == skeleton("al-Shaddadah")
    assert skeleton("Abou Kamal") == skeleton("Abu Kamal")
    assert skeleton("AlBoukamal") in alias_keys("Al Bu Kamal")
    assert skeleton("Hassaké") == skeleton("Hasakeh") == skeleton("al-Hasakah")
    assert skeleton("Tal Tamr") == skeleton("Tall Tamr")
    assert skeleton("بالحسكة") == skeleton("الحسكة") == skeleton("للحسكة")


def test_arabic_names_without_article_take_clitics():
    assert "بدمشق" in alias_keys("دمشق") and "ودمشق" in alias_keys("دمشق")


def _dump_line(gid, name, alt, lat, lon, fclass="P", fcode="PPL", cc="SY", adm="01", pop=0):
    cols = [str(gid), name, name, ",".join(alt), str(lat), str(lon), fclass, fcode, cc, "", adm, "", "", "",
            str(pop), "", "300", "Asia/Damascus", "2020-01-01"]
    return "\t".join(cols) + "\n"


def test_gazetteer_add_merges_a_geonames_dump_into_the_user_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("KHABAR_HOME", str(tmp_path / "home"))
    dump = tmp_path / "SY.txt"
    dump.write_text(_dump_line(99000001, "Qaryat Zubaydiyat", ["Zubaydiyat", "زبيديات", "zbydyat"], 36.61, 40.91)
                    + _dump_line(99000002, "Wadi Fakeriver", [], 36.6, 40.8, fclass="H", fcode="WAD")
                    + _dump_line(99000003, "Sijn Qarib", ["Qarib prison"], 36.55, 40.7, fclass="S", fcode="PRN"),
                    encoding="utf-8")
    from khabar.normalise import normalise_text
    text = "Des combats ont eu lieu à Zubaydiyat, près de Hassaké."
    before = Gazetteer.load()
    assert not any(before.entries[i]["id"] == "geonames:99000001"
                   for m in before.find(*_args(text)) for i in m["candidates"])
    from click.testing import CliRunner
    from khabar.cli import main
    res = CliRunner().invoke(main, ["gazetteer", "add", str(dump)])
    assert res.exit_code == 0, res.output
    target = tmp_path / "home" / "gazetteer" / "user.tsv"
    assert target.exists()
    after = Gazetteer.load()
    assert after.place("geonames:99000001")["lat"] == pytest.approx(36.61)
    assert after.place("geonames:99000003")["precision"] == "site"
    assert after.place("geonames:99000002") is None                 # streams are not places of events
    ids = {after.entries[i]["id"] for m in after.find(*_args(text)) for i in m["candidates"]}
    assert "geonames:99000001" in ids
    # adding again replaces rows, it does not duplicate them
    r = gz.add_dump(dump)
    assert r["added"] == 0 and r["updated"] == 2 and r["total"] == 2
    monkeypatch.delenv("KHABAR_HOME")


def _args(text):
    from khabar.normalise import normalise_text
    n, i = normalise_text(text)
    return n, text, i


def test_gazetteer_add_rejects_a_file_that_is_no_geonames_dump(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("name,lat,lon\nfoo,1,2\n", encoding="utf-8")
    with pytest.raises(KhabarError) as exc:
        gz.add_dump(bad, tmp_path / "g")
    assert exc.value.code == "E_GAZETTEER"


def test_near_misses_keep_the_consonants_of_the_name():
    from khabar.gazetteer import _fuzzy_ok, consonants
    assert consonants("kuamishl") == consonants("kamishl") == "kmshl"
    assert _fuzzy_ok("kuamishl", "kamishl", 93.3)          # Quamishli: Qamishli
    assert not _fuzzy_ok("murad", "mahrad", 91.0)          # Murad is no Maharda
    assert _fuzzy_ok("abcdefghij", "abcdefghik", 96.0)      # very close: taken whatever the letters


@pytest.mark.parametrize("text, near_misses", [
    ("Combats à Hassakei selon Ahmed", ["Hassakei"]),
    ("Combats à Hassakei puis à Quamishli selon Ahmed", ["Hassakei", "Quamishli"]),
])
def test_a_near_miss_does_not_cut_short_the_look_ahead_of_the_words_after_it(text, near_misses):
    # a near miss once ended the words' look-ahead at its own word: a capitalised last word then
    # looked one past the end (IndexError, the report lost)
    from khabar.model import Report
    from khabar.normalise import normalise
    from khabar.mentions import mentions
    from khabar.pipeline import Context
    rep = Report(raw=text, text=text)
    ctx = Context()
    normalise(rep, ctx)
    mentions(rep, ctx)
    assert [m.text for m in rep.mentions if m.kind == "place"] == near_misses


def test_a_faction_named_after_a_person_is_no_town():
    from khabar.model import Report
    from khabar.normalise import normalise
    from khabar.mentions import mentions
    from khabar.pipeline import Context
    ctx = Context()
    rep = Report(raw="Fighters of the Sultan Murad Division clashed.", text="Fighters of the Sultan Murad Division clashed.")
    normalise(rep, ctx)
    mentions(rep, ctx)
    assert not [m for m in rep.mentions if m.kind == "place"]


def test_place_phrases_compile_for_every_language():
    from khabar.gazetteer import compile_phrases, _required
    phrases = compile_phrases()
    kinds = {p["kind"] for p in phrases}
    assert {"countryside", "direction", "distance", "part"} <= kinds
    assert all(p["words"] for p in phrases)      # every phrase has words that gate it
    assert _required("(?:the )?(?P<span>{dir} of (?:the )?)") == "(?P<span>{dir} of )"


def test_last_words_of_a_before_pattern():
    import re
    from khabar.gazetteer import _last_words
    assert _last_words(re.compile(r"(?<![^\W_])(?:(?:xa|xb) (?:cd|e)(?: f)?(?: g')? )$")) == {"cd", "e", "f", "g"}
    assert _last_words(re.compile(r"(?<![^\W_])(?:[xy]?zz )$")) == {"zz", "xzz", "yzz"}
    assert _last_words(re.compile(r"(?<![^\W_])(?:[0-9]+ )$")) is None      # a repeat: no finite set
    assert _last_words(re.compile(r"(?<![^\W_])(?:(?:ab )?)$")) is None     # may match no word


def test_basic_pieces_split_a_text_of_ascii_and_arabic_as_pieces_does():
    import re
    for c in map(chr, [*range(0x80), *range(0x600, 0x700)]):
        assert bool(re.fullmatch(gz._BASIC_ALNUM, c)) == bool(re.fullmatch(r"[^\W_]", c)), hex(ord(c))
    text = "l'agence SANA: al-Hol, x_y 12'3 ''a' - مخيم الهول، ١٢ قَصف"
    assert gz._NOT_BASIC.search(text) is None
    assert gz._BASIC_PIECES.split(text) == gz._PIECES.split(text)
    assert gz._NOT_BASIC.search("Hassaké") and gz._NOT_BASIC.search("€")


def test_a_common_arabic_word_is_no_place_a_name_shares_without_its_article():
    # the verb "تبنى" (claimed) and the town "التبني": the name keeps to its own spelling
    import khabar
    r = khabar.extract("التنظيم تبنى الهجوم على حاجز للجيش قرب تدمر.", published="2026-03-10")
    assert [m.name for m in r.mentions if m.kind == "place"] == ["Tadmur"]
    r = khabar.extract("قصفت القوات التركية قرية التبني في ريف دير الزور.", published="2026-03-10")
    assert "At Tibnī" in [m.name for m in r.mentions if m.kind == "place"]


# ----------------------------------------------------------------------------- stop keys (helper qp)

@pytest.mark.parametrize("text", ["Turkish drones struck a village near Amedi in Duhok province on Tuesday.",
                                  "A Turkish airstrike hit the outskirts of Amadiya, killing two shepherds.",
                                  "Des drones turcs ont frappé un village près d'Amedi, dans la province de Dohuk."])
def test_a_town_keyed_like_a_given_name_but_spelled_otherwise_is_found(text):
    # "Amedi" shares its key with the given name "Emad": only "Emad" itself is a person
    import khabar
    r = khabar.extract(text, published="2026-03-10")
    assert "geonames:99611" in [m.id for m in r.mentions if m.kind == "place"]


@pytest.mark.parametrize("text", ["Emad Khalil, a local official, said two shepherds were wounded in the strike.",
                                  "Selon Emad Khalil, responsable local, deux bergers ont été blessés."])
def test_a_given_name_is_still_no_town(text):
    import khabar
    r = khabar.extract(text, published="2026-03-10")
    assert "geonames:99611" not in [m.id for m in r.mentions]


def test_the_build_drops_airport_codes_from_a_towns_names():
    # GeoNames lists airport codes among towns' names (Mosul "OSM", Yasuj "YES", Diébougou "XDE",
    # keyed like "QSD"): no report names a town so, and a code shadows an acronym
    mod = _script()
    assert mod._aliases(["Mosul", "OSM", "ORSI", "Al Mawsil", "Mossoul"], "IQ", 1_683_000) == ["Mosul", "Al Mawsil", "Mossoul"]
    assert mod._aliases(["Homs", "Hims"], "SY", 775_404) == ["Homs", "Hims"]
    rows = {r["id"]: r for r in gz.read_tsv(mod.OUT)}
    assert "OSM" not in rows["geonames:99072"]["aliases"].split("|")


def test_split_tokens_alternates_gaps_and_tokens_with_their_offsets():
    norm = "a l'est de  alep, 'x"
    pieces, cum = gz.split_tokens(norm)
    assert pieces == ["", "a", " ", "l'est", " ", "de", "  ", "alep", ", '", "x", ""]
    assert all(norm[cum[p]:cum[p + 1]] == piece for p, piece in enumerate(pieces))
    assert cum[-1] == len(norm)


@pytest.mark.parametrize("norm", ["au sud-est de l'est, jusqu'a l'ouest'sud", "northeast of south-east x",
                                  "bsud sudx s_sud 'nord' كم بريف", "", "no phrase word here"])
def test_phrase_cues_are_the_whole_words_of_the_phrases(gaz, norm):
    # what a scan for each phrase word standing between two non-letters finds
    import re
    words = gaz.phrase_words
    runs = [(m.start(), m.group()) for m in re.finditer(r"[^\W_]+", norm)]
    assert gaz.phrase_cues(norm, gz.split_tokens(norm)) == [x for x, w in runs if w in words]
