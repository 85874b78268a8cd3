"""Stage — link: settle each gazetteer mention on one place, actor or source.

Ambiguity is settled by context, using the cue words of lang/<code>/gazetteer.json:
- outlet or place (al-Mayadeen the channel / Al Mayadin the town): an outlet cue nearby
  ("TV", "told", "selon", "قناة") or an all-caps acronym makes it the source; a place cue
  before it ("in", "ville de", "مدينة") makes it the place; otherwise a spelling that is one of
  the outlet's own aliases makes it the source;
- governorate or city (Hassaké): an admin1 cue ("province/gouvernorat de", "محافظة",
  "… governorate") makes it the governorate, otherwise the city;
- places sharing a name: the governorate and country of the report's other places, then the
  focus countries (Syria, Iraq), curated sites, population.
A country name that is also an actor (États-Unis) is an actor mention whose entry carries the
country place; `place_of(mention)` gives the place of any mention.

`primary_place(report)` is the place a report's event is located at, by default the most
specific place first named; `python -m khabar.link --acled FILE` and `--seeds DIR --gold FILE`
measure linking against ACLED's coded points and the gold annotation.
"""
from __future__ import annotations

import bisect
import math
import os
import re
from functools import lru_cache
from operator import itemgetter, methodcaller

from . import langdata
from .clean import DATELINE_PLACE, dateline
from .gazetteer import EXACT_CAPITALISED, alias_keys, given_names, skeleton, split_tokens, token_key
from .gazetteer import norm as _norm
from .geo import haversine_km
from .model import Mention, Place, Report

_WORD = re.compile(r"[^\W_]++(?:'[^\W_]++)*")     # khabar.gazetteer._TOKEN (possessive: faster)
_ID = itemgetter("id")
PRIMARY_RANK = {"site": 0, "city": 0, "region": 2, "admin1": 3, "country": 4}
# a derived place (the countryside of X) by the type of X
DERIVED_RANK = {"admin1": 2.5, "country": 3.5}


def _gazetteer(ctx):
    if ctx is not None and hasattr(ctx, "get_gazetteer"):
        return ctx.get_gazetteer()
    from .gazetteer import Gazetteer
    return Gazetteer.load()


def _keys_around(gaz, norm: str, s: int, e: int) -> tuple[list[str], list[str]]:
    """Keys of up to 3 words before and 2 words after a span of the normalised text (sentence-bound)."""
    left = norm[max(0, s - 48):s]
    cut = max(left.rfind("."), left.rfind("\n"), left.rfind("،"), left.rfind(";"))
    if cut >= 0:
        left = left[cut + 1:]
    right = norm[e:e + 36].split(".", 1)[0].split("\n", 1)[0]
    return list(map(token_key, _WORD.findall(left)[-3:])), list(map(token_key, _WORD.findall(right)[:2]))


def _cue(gaz, name: str, words: list[str]) -> bool:
    cues = gaz.cues.get(name)
    # a cue is a key, never '' (an article's key)
    return cues is not None and not (cues.isdisjoint(words) and cues.isdisjoint(map(" ".join, zip(words, words[1:]))))


def _place_prefix(gaz, m: Mention, key: str) -> bool:
    """An Arabic locative clitic on the name itself (بدمشق: in Damascus)."""
    for p in gaz.cues.get("place_prefixes", ()):
        if key.startswith(p) and key[len(p):] in gaz.index:
            return True
    return False


def _place_dict(e: dict) -> dict:
    d = {k: e.get(k) for k in ("id", "name", "lat", "lon", "precision", "admin1", "country")}
    if e.get("parts"):
        d["parts"] = True
    return d


def _name_keys(p: dict) -> tuple[str, ...]:
    keys = p.get("_name_keys")
    if keys is None:
        keys = p["_name_keys"] = tuple(alias_keys(p["name"]))
    return keys


SEAT_KM = 15.0     # a place named before "in X" this close to X's seat is in the city, not the governorate
_WITHIN_LEFT = re.compile(r"(?P<w>[^\W\d_][\w'’-]*)\s+(?P<p>[^\W\d_]+)\s+$")
_WITHIN_LEFT_ART = re.compile(r"(?P<w>[^\W\d_][\w'’-]*)\s+(?P<p>[^\W\d_]+)\s+(?P<art>[^\W\d_]+)['’\s]\s*$")


def _seat_is_governorate(gaz, m: Mention, before, after, text: str, prev: Mention | None, seat: dict | None) -> bool:
    """Whether a name that is both a governorate and its seat (Hasakah, Raqqa) stands for the
    governorate: "PLACE in X" (not "in X city") where PLACE is a name the report gives (known and
    not in the city itself, or unknown and capitalised) or a village, a front, an area (words:
    lang/<code>/gazetteer.json). "The countryside of X" stays the seat's countryside."""
    if _cue(gaz, "seat_cues", before[-2:]) or _cue(gaz, "seat_cues", after[:1]):
        return False
    within = gaz.cues.get("admin1_within", ())
    if not within or not (before[-1:] and before[-1] in within or before[-2:-1] and before[-2] in within):
        return False
    w = _WITHIN_LEFT.search(text, max(0, m.start - 60), m.start)
    if w is None or token_key(_norm(w.group("p")).lower()) not in within:
        w = _WITHIN_LEFT_ART.search(text, max(0, m.start - 60), m.start)
        if w is None or token_key(_norm(w.group("p")).lower()) not in within or \
                token_key(_norm(w.group("art")).lower()) not in gaz.cues.get("within_articles", ()):
            return False
    if prev is not None and prev.kind == "place" and prev.end == w.end("w"):
        if seat is None or prev.lat is None:
            return True
        return haversine_km(prev.lat, prev.lon, seat["lat"], seat["lon"]) > SEAT_KM
    word = w.group("w")
    k = token_key(_norm(word).lower())
    if k in gaz.cues.get("within_nouns", ()):
        return True
    if prev is not None and prev.end > w.start("w"):
        return False                       # an actor or outlet named right before "in"
    if not word[0].isupper() or k in gaz.stop_keys:
        return False                       # Arabic has no capitals: an unknown word there says nothing
    head = text[max(0, w.start("w") - 3):w.start("w")].strip()
    return bool(head) and head[-1] not in ".!?\n"      # a capitalised word opening a sentence is no name


def _choose_place(places: list[dict], before, after, gaz, ctx_adm, ctx_cc, fuzzy, key=None, seat_gov=None) -> dict:
    admins = [p for p in places if p["precision"] == "admin1"]
    others = [p for p in places if p["precision"] != "admin1"]
    if admins and others:
        if _cue(gaz, "admin1_before", before) or _cue(gaz, "admin1_after", after) or (
                seat_gov is not None and seat_gov(others)):
            places = admins
        elif not any(ctx_cc.get(p.get("country")) for p in others) and any(
                ctx_cc.get(p.get("country")) or (p.get("country") in gaz.focus and not any(
                    o.get("country") in gaz.focus for o in others)) for p in admins):
            # a governorate named alone where only a town of a country the report does not speak of
            # bears its name: "clashes in Anbar" (Ambar in Turkey), "in Babil … Iraqi soldiers"
            # (Babila in Syria)
            places = admins
        else:
            places = others
    if len(places) == 1:
        return places[0]
    focus = gaz.focus

    def score(p):
        s = 0.0
        if p.get("admin1") and ctx_adm.get(p["admin1"]):
            s += 4
        if ctx_cc.get(p.get("country")):
            s += 2
        if p.get("country") in focus:
            s += 1.5 - 0.1 * focus.index(p["country"])
        if p.get("curated"):
            s += 0.6
        if p.get("user"):
            s += 0.2
        if p.get("type") in ("capital", "country"):
            s += 0.5
        if key and key in _name_keys(p):
            s += 2           # the place's own name, not one of its many alternate names
        s += math.log10(p.get("pop", 0) + 10) / 4
        return s
    return max(places, key=score)


def _region_part(e: dict, ctx_adm: dict) -> dict:
    """A region over several governorates (the Peace Spring area: Ras al-Ain's and Tal Abyad's
    parts) at the point of its part in the governorate the report's places lie in; the whole
    region's point when they name none of those governorates or several equally."""
    counts = sorted(((ctx_adm.get(p["admin1"], 0), i) for i, p in enumerate(e["parts"])), reverse=True)
    if not counts[0][0] or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return e
    part = e["parts"][counts[0][1]]
    out = dict(e)
    out.update({"lat": part["lat"], "lon": part["lon"], "admin1": part["admin1"], "name": part.get("name") or e["name"]})
    return out


def _settle(m: Mention, cands: list[dict], gaz, norm: str, text: str, ctx_adm: dict, ctx_cc: dict,
            prev: Mention | None) -> tuple[dict, dict]:
    """The candidate an ambiguous mention stands for, by its context, and what its entry adds
    (the country place of a state actor, the actor a place name also names)."""
    info = m._entry
    sources = [c for c in cands if c["kind"] == "source"]
    actors = [c for c in cands if c["kind"] == "actor"]
    places = [c for c in cands if c["kind"] == "place"]
    mixed = len({p["precision"] == "admin1" for p in places}) > 1      # a governorate named like a town
    # the capital (or governorate) of the state a side is, among the places its name also names (Damas)
    capital = next((p for p in places if p.get("type") in ("capital", "admin1")
                    and p.get("country") == actors[0].get("country")), None) if actors else None
    if (sources and (places or actors)) or mixed or capital is not None:
        before, after = _keys_around(gaz, norm, info["nstart"], info["nend"])
        # the cue right before the name, or two words back over a short word ("à Damas", "près de
        # Damas"; in "a annoncé Ankara" the "a" two words back is a verb's, no "à")
        place_cue = _cue(gaz, "place_cues", before[-2:] if before[-1:] and len(before[-1]) <= 3 else before[-1:]) \
            or _place_prefix(gaz, m, info.get("key") or "") or not _near_place_words().isdisjoint(before)
    else:
        # no outlet to tell from a place or a side, no governorate named like a town, no capital named
        # like its state: nothing below reads a cue (most ambiguous names: a side and its country)
        before = after = []
        place_cue = False
    chosen = None
    if sources and (places or actors):
        surface = m.text.strip()
        own = any(_norm(a) == _norm(surface) for s in sources for a in s.get("aliases", ()))
        if (_cue(gaz, "outlet_cues", before + after) or (surface.isupper() and len(surface) > 1)) and not (
                place_cue and not own):
            chosen = sources[0]
        elif place_cue:
            sources = []
        elif own:
            chosen = sources[0]
    elif sources:
        chosen = sources[0]
    extra: dict = {}
    if chosen is None and actors:
        actor = actors[0]
        country_place = next((p for p in places if p.get("type") == "country"
                              and p.get("country") == actor.get("country")), None)
        # (a village of another country named like the capital does not make it a place: Baghdad)
        if capital is not None and not place_cue and not [p for p in places if p.get("type") not in ("capital", "admin1")
                                                           and p.get("country") in (actor.get("country"), *gaz.focus)]:
            country_place = country_place or capital      # Washington, Damas: the state, unless "à Damas"
        if country_place is None and places and all(p.get("precision") == "region" for p in places):
            # OPS: the force of an operation, carrying the operation's area as its place
            country_place = _region_part(places[0], ctx_adm) if places[0].get("parts") else places[0]
        if country_place is not None or not places:
            chosen = actor
            if country_place is not None:
                extra["place"] = _place_dict(country_place)
        else:
            extra["actor"] = actor["id"]
    if chosen is None and places:
        def seat_gov(others):
            seat = next((p for p in others if p.get("admin1") and any(
                a["precision"] == "admin1" and a.get("admin1") == p["admin1"] for a in places)), None)
            return _seat_is_governorate(gaz, m, before, after, text, prev, seat)
        chosen = _choose_place(places, before, after, gaz, ctx_adm, ctx_cc, info.get("fuzzy"), info.get("key"),
                               seat_gov)
        if mixed and chosen["precision"] != "admin1" and chosen.get("admin1"):
            # the seat of a governorate named like it: _fronted_governorates may make it the governorate
            extra["seat_of"] = next((p["id"] for p in places if p["precision"] == "admin1"
                                     and p.get("admin1") == chosen["admin1"]), None)
        if chosen.get("type") == "country":
            a = gaz.country_actor(chosen["country"])
            if a is not None and a["id"] in [c["id"] for c in actors]:
                extra["actor"] = a["id"]
    if chosen is None:
        chosen = cands[0]
    return chosen, extra


@lru_cache(maxsize=1)
def _near_place_words() -> frozenset[str]:
    """The keys of the words that make a name up to three words after them a place, not the
    government a capital also stands for ("the Syrian capital Damascus", "la capitale syrienne Damas",
    "استهدفت غارة إسرائيلية دمشق": lang/<code>/gazetteer.json `place_cues_near`)."""
    return frozenset(k for data in langdata.all_langs("gazetteer").values()
                     for k in map(skeleton, data.get("place_cues_near", ())) if k)


def _resolve(m: Mention, gaz, norm: str, text: str, ctx_adm: dict, ctx_cc: dict, prev: Mention | None = None) -> None:
    info = m._entry
    cands = info["candidates"]
    if len(cands) == 1:
        # nothing to settle: _settle gives a lone candidate itself with nothing added (a state
        # actor adds its country place only when the name is also that country's)
        chosen, extra, ids = cands[0], {}, [cands[0]["id"]]
    else:
        chosen, extra = _settle(m, cands, gaz, norm, text, ctx_adm, ctx_cc, prev)
        ids = list(map(_ID, cands))
    if chosen.get("parts"):
        chosen = _region_part(chosen, ctx_adm)
    m.kind = chosen["kind"]
    m.id = chosen["id"]
    m.name = chosen["name"]
    if m.kind == "place":
        m.lat, m.lon, m.precision = chosen.get("lat"), chosen.get("lon"), chosen.get("precision")
    else:
        m.lat = m.lon = m.precision = None
    # a copy less two keys: dict.copy clones the entry's table whole, faster than a dict display
    # (which inserts key by key) or a filtering comprehension
    entry = chosen.copy()
    if extra:
        entry.update(extra)
    entry["candidates"] = ids
    entry["fuzzy"] = info.get("fuzzy")
    entry["nstart"] = info["nstart"]
    entry["nend"] = info["nend"]
    entry["key"] = info.get("key")
    entry.pop("aliases", None)
    entry.pop("_name_keys", None)
    m._entry = entry


def link(report: Report, ctx=None) -> Report:
    # the token split the mentions stage made, read here (place phrases) and not kept after
    split, report._split = report._split, None
    ms = [m for m in report.mentions if isinstance(m._entry, dict) and m._entry.get("candidates")
          and isinstance(m._entry["candidates"][0], dict)]
    if not ms:
        return report
    gaz = _gazetteer(ctx)
    split = split or split_tokens(report._norm)
    # the report's own context: governorates and countries of its unambiguous places
    ctx_adm: dict[str, int] = {}
    ctx_cc: dict[str, int] = {}
    text = report.text
    focus = gaz.focus
    for m in ms:
        cands = m._entry["candidates"]
        if len(cands) == 1:          # most mentions: their one candidate's country and governorate
            c = cands[0]
            if c["kind"] != "place":
                home = _side_home(c, focus, text, m)
                if home is not None:
                    ctx_cc[home] = ctx_cc.get(home, 0) + 1
                continue
            if m._entry.get("fuzzy") or _compound(text, m):
                continue
            cc, a = c.get("country"), c.get("admin1")
            ctx_cc[cc] = ctx_cc.get(cc, 0) + 1
            if a is not None:
                ctx_adm[a] = ctx_adm.get(a, 0) + 1
            continue
        places = [c for c in cands if c["kind"] == "place"]
        if not places or m._entry.get("fuzzy") or _compound(text, m):
            continue                # "pro-Turkey", "Turkey-backed" do not place the report in Turkey
        ccs = {p.get("country") for p in places}
        if len(ccs) == 1:
            cc = ccs.pop()
            ctx_cc[cc] = ctx_cc.get(cc, 0) + 1
        else:
            # "Iraqi police" (Iraq, or Arak in Iran): the home of the side the name also is ("… in
            # Qadisiyah": Iraq's, not Qudsaya in Syria)
            home = next((_side_home(c, focus, text, m) for c in cands if c["kind"] == "actor"), None)
            if home is not None:
                ctx_cc[home] = ctx_cc.get(home, 0) + 1
        adms = {p.get("admin1") for p in places}
        if len(adms) == 1 and None not in adms:
            a = adms.pop()
            ctx_adm[a] = ctx_adm.get(a, 0) + 1
    org = gaz.cues.get("organisation_before") or frozenset()
    prefixes = gaz.cues.get("name_prefixes") or frozenset()
    named_for = set()
    fronted = []
    last = None
    norm = report._norm
    for m in ms:
        _resolve(m, gaz, norm, text, ctx_adm, ctx_cc, last)
        last = m
        if m.kind != "place":
            continue
        e = m._entry
        if norm[e["nend"]:e["nend"] + 1] in _SET_OFF:
            fronted.append(m)        # a place set off by a comma: perhaps the setting of a sentence
        if org or prefixes:
            prev = _prev_key(norm, e["nstart"], split)
            if prev in org:
                named_for.add(id(m))      # Ahrar al-Sham, Liwa al-Quds: a group named after a place
            elif prev in prefixes and _prefix_word(report, m):
                named_for.add(id(m))      # Um al-Safir, Tal Arqam: part of an unknown place's name
    named_for |= _surnames(report.text, ms)
    named_for |= _seats_of_others(report._norm, ms)
    named_for |= _districts_elsewhere(report._norm, ms)
    named_for |= _dateline_names(report, ms)
    if named_for:
        report.mentions = [m for m in report.mentions if id(m) not in named_for]
        ms = [m for m in ms if id(m) not in named_for]
    if fronted:
        _fronted_places(report._norm, ms, [m for m in fronted if id(m) not in named_for], gaz)
    cfg = getattr(ctx, "config", None)
    if _phrase_places(report, ms, gaz, cfg, split):
        report.mentions.sort(key=lambda m: (m.start, -m.end))
    drop = _implausible(ms, gaz, report.text)
    drop |= _between_places(report, [m for m in ms if id(m) not in drop] if drop else ms)
    if drop:
        report.mentions = [m for m in report.mentions if id(m) not in drop]
    return report


def _side_home(c: dict, focus: tuple[str, ...], text: str, m: Mention) -> str | None:
    """The country a side named by mention m points the report to: its home (QSD, YPG: Syria;
    Hezbollah: Lebanon), or its own state when that is a focus country named on its own ("the Iraqi
    government": Iraq; not "Iraqi-backed"); other states' forces act abroad (Turkish forces): None."""
    home = c.get("home")
    if home is None and c.get("country") in focus and not _compound(text, m):
        home = c["country"]
    return home


SEAT_OPENING = 3     # the fewest characters a seat literal's search is cut to (Arabic roots: مقر)


@lru_cache(maxsize=1)
def _seat_patterns() -> tuple[re.Pattern | None, re.Pattern | None, tuple[str, ...] | None]:
    """The words before and after a name that make it the seat of an organisation named beside
    it (lang/<code>/gazetteer.json `seat_of_another`), each as one pattern over the text, and
    literals one of which every match holds (scan.anchors): most reports hold none. The literals
    are None when a pattern has none: then every name is tried."""
    from re import _parser

    from .scan import anchors
    before, after, gate = [], [], set()
    ungated = False
    for data in langdata.all_langs("gazetteer").values():
        seat = data.get("seat_of_another", {})
        before += seat.get("before", [])
        after += seat.get("after", [])
        for p in seat.get("before", []) + seat.get("after", []):
            parsed = _parser.parse(p)
            found = anchors(parsed.data, parsed.state)
            ungated = ungated or not found
            gate |= set(found or ())
    # literals that share an opening of SEAT_OPENING characters or more stand only where it does
    # ("based" and "base", "siegeant a" and "siegeant en"): one text.find for them all
    openings: list[str] = []
    for lit in sorted(gate):
        shared = os.path.commonprefix([openings[-1], lit]) if openings else ""
        if len(shared) >= SEAT_OPENING:
            openings[-1] = shared
        else:
            openings.append(lit)
    return (re.compile("(?:" + "|".join(before) + r")\s*$") if before else None,
            re.compile("(?:" + "|".join(after) + r")(?!\w)") if after else None,
            None if ungated else tuple(openings))


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*+) $")     # (possessive: no space in the class to give back to)


def _surnames(text: str, ms: list[Mention]) -> set[int]:
    """A one-word place written right after a capitalised given name is that person's surname
    ("Farhad Shami, an SDF spokesman": no Hama; "Ahmed Karam": no al-Karamah)."""
    out = set()
    for m in ms:
        if m.kind != "place" or " " in m.text or m.start < 2 or text[m.start - 1] != " ":
            continue
        # (the word holds no space: its search starts after the last one, not at each character before)
        lo = max(0, m.start - 30)
        w = _WORD_BEFORE.search(text, max(lo, text.rfind(" ", lo, m.start - 1) + 1), m.start)
        if w is not None and w.group(1)[:1].isupper() and w.group(1).casefold() in given_names("given_names"):
            out.add(id(m))
    return out


def _dateline_names(report: Report, ms: list[Mention]) -> set[int]:
    """The place (and the capital read as its government) of a dateline ("DAMASCUS, Syria (AP)
    —", "دمشق (سانا) -"): where the report was filed, no place or side of what it tells."""
    text = report.text
    for seg in report.paragraphs[:3]:
        m = dateline(text, seg.start, seg.end)
        if m is not None:
            end = seg.start + (m.start(1) if m.group(1) is not None else m.start(2))
        else:
            # (with no agency, a place opening it: "ISIS - …" is no dateline)
            m = DATELINE_PLACE.match(text[seg.start:seg.end])
            if m is None:
                continue
            first = next((x for x in ms if x.start >= seg.start), None)
            if first is None or first.kind != "place" or first.start - seg.start > 3:
                continue
            end = seg.start + m.end()
            return {id(x) for x in ms if seg.start <= x.start and x.end <= end and x.kind == "place"}
        return {id(x) for x in ms if seg.start <= x.start and x.end <= end and x.kind in ("place", "actor")}
    return set()


@lru_cache(maxsize=1)
def _fronted_words() -> frozenset[str]:
    """The keys of the prepositions that open a sentence on a place set off by a comma ("In X,",
    "À X,", "في X،": lang/<code>/gazetteer.json `fronted_place`)."""
    return frozenset(k for data in langdata.all_langs("gazetteer").values()
                     for k in map(skeleton, data.get("fronted_place", ())) if k)


@lru_cache(maxsize=1)
def _elided_articles() -> frozenset[str]:
    """The articles whose elided form a place phrase's word may follow ("l'" of "à l'est de X":
    lang/<code>/gazetteer.json `elided_articles`)."""
    return frozenset(a for data in langdata.all_langs("gazetteer").values() for a in data.get("elided_articles", ()))


_FRONTED = re.compile(r"(?:^|[.!?\n:\u2013\u2014-])\W*([^\W\d_]+) $")
_SENTENCE_END = re.compile(r"[.!?\n]")
_SET_OFF = (",", "\u060c")
FRONTED_AREA_KM = 40.0    # a town or site this close to a fronted town lies in that town's area


def _fronted_places(norm: str, ms: list[Mention], fronted: list[Mention], gaz) -> None:
    """A place (one of fronted, set off by a comma) that opens a sentence is its setting when a
    town or site of the same governorate follows in the sentence; that town is the place:
    - a governorate's seat named like it ("In Deir ez-Zor, gunmen killed a teacher in the town of
      al-Busayrah", "في الحسكة، اعتقلت … في بلدة الشدادي") is the governorate, for a town away
      from the seat;
    - another town ("In Qamishli, … in the village of Tal Hamis", "À Qamichli, … dans le village
      de X", "في القامشلي، … في قرية X") is that town's area (precision region), for a town or
      site within FRONTED_AREA_KM of it."""
    for m in fronted:
        e = m._entry
        if m.precision != "city" or m.lat is None:
            continue
        w = _FRONTED.search(norm, max(0, e["nstart"] - 12), e["nstart"])
        if w is None or token_key(w.group(1)) not in _fronted_words():
            continue
        end = _SENTENCE_END.search(norm, e["nend"])
        end = end.start() if end else len(norm)
        seat = e.get("seat_of")
        follow = []
        for i in range(bisect.bisect_right(ms, e["nend"], key=_nstart), len(ms)):
            o = ms[i]
            if o._entry["nstart"] >= end:
                break
            if o.kind == "place" and o.lat is not None and o.precision in ("city", "site") and \
                    o._entry.get("admin1") == e["admin1"] and o.id != m.id:
                follow.append(o)
        if not follow or not norm[e["nend"]:follow[0]._entry["nstart"]].strip(" " + "".join(_SET_OFF)):
            continue              # "In Qamishli, Amuda and Derik, …": a list of places, no setting
        if seat:
            gov = gaz.place(seat)
            if gov is not None and any(haversine_km(o.lat, o.lon, m.lat, m.lon) > SEAT_KM for o in follow):
                _take(m, gov)
        elif any(haversine_km(o.lat, o.lon, m.lat, m.lon) <= FRONTED_AREA_KM for o in follow):
            m.precision = e["precision"] = "region"


@lru_cache(maxsize=8)
def _between_words(code: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    """The words that open a span between two places ("between", "entre", "بين", "the road linking",
    "طريق") and the conjunctions that join the two ("and", "à", "-": lang/<code>/gazetteer.json
    `between_places`): those of the report's language (each is one more scan of the text), of
    every language when it has none of its own."""
    opens, joins = set(), set()
    every = langdata.all_langs("gazetteer")
    for data in ([every[code]] if code in every else every.values()):
        b = data.get("between_places", {})
        opens.update(b.get("open", ()))
        joins.update(b.get("and", ()))
    return tuple(sorted(opens)), frozenset(joins)


BETWEEN_KM = 60.0     # two towns this close: the area between them is a point (farther, the first town stays)
BETWEEN_WORDS = 3     # words that may stand between "between" and the first town ("the two towns of")


def _nstart(m: Mention) -> int:
    return m._entry["nstart"]


def _between_places(report: Report, ms: list[Mention]) -> set[int]:
    """Two towns or sites near each other named as the ends of a span ("between Tal Tamr and Ras
    al-Ain", "entre Tall Tamr et Ras al-Aïn", "بين تل تمر ورأس العين", a road: "the road linking X
    and Y", "la route reliant X à Y", "طريق X - Y"): the first mention becomes the point midway
    between them, covering both names (a derived place, as "south of X" is); the second is
    returned, to be dropped. Only the two mentions after each "between" are read. (A road named
    after its ends, "the X-Y road", keeps X: ACLED codes such events at a town of the name.)"""
    opens, joins = _between_words(report.lang)
    norm, text = report._norm, report.text
    merged: set[int] = set()
    for w in opens:
        h = norm.find(w)
        while h >= 0:
            after = h + len(w)
            start, h = h, norm.find(w, after)
            if (start and norm[start - 1].isalnum()) or norm[after:after + 1].isalnum():
                continue              # part of a word ("تبين", "betweenness")
            _merge_between(norm, text, ms, after, joins, merged)
    return merged


def _merge_between(norm: str, text: str, ms: list[Mention], after: int, joins: frozenset[str],
                   merged: set[int]) -> None:
    """The two mentions after a "between" ending at offset after of the normalised text, made one
    place between them when they are two towns near each other (see _between_places)."""
    k = bisect.bisect_left(ms, after, key=_nstart)
    if k + 1 >= len(ms):
        return
    a, b = ms[k], ms[k + 1]
    ea, eb = a._entry, b._entry
    if a.kind != "place" or b.kind != "place" or a.precision not in ("city", "site") or \
            b.precision not in ("city", "site") or a.lat is None or b.lat is None or a.id == b.id or \
            ea.get("derived") or eb.get("derived") or id(a) in merged:
        return
    lead = norm[after:ea["nstart"]]
    if _PHRASE_CUT.search(lead) or len(lead.split()) > BETWEEN_WORDS:
        return                # "between the SDF and IS fighters near Tal Tamr and …"
    gap = norm[ea["nend"]:eb["nstart"]].split()
    # the conjunction alone ("and", "et", "و", "-") or written on the second name ("ورأس العين")
    if not (len(gap) == 1 and gap[0] in joins or not gap and norm[eb["nstart"]] in joins):
        return
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km > BETWEEN_KM:
        return
    name = langdata.shared("places/phrases")["names"]["between"].format(name=a.name, other=b.name)
    lat, lon = round((a.lat + b.lat) / 2, 5), round((a.lon + b.lon) / 2, 5)
    prec = "site" if a.precision == b.precision == "site" else "city"
    ea["base_span"] = [ea["nstart"], ea["nend"]]
    ea.update({"base": a.id, "base_name": a.name, "other": b.id, "derived": "between", "direction": None,
               "km": round(km / 2, 1), "precision": prec, "id": f"{a.id}@between:{b.id}", "name": name,
               "lat": lat, "lon": lon, "nend": eb["nend"]})
    a.id, a.name, a.lat, a.lon, a.precision = ea["id"], name, lat, lon, prec
    a.end, a.text = b.end, text[a.start:b.end]
    merged.add(id(b))


_SEAT_GAP = re.compile(r"[\s-]*")
SEAT_REACH = 40     # how far before a name its seat words may start ("dont le siège est à")


def _seats_of_others(norm: str, ms: list[Mention]) -> set[int]:
    """Mentions that only say where an organisation sits ("the UK-based Observatory", "l'ONG
    basée au Royaume-Uni", "ومقره في لندن"): no place of the report's events and no side in them.
    The patterns are tried only at names with one of their literals just before or after."""
    before, after, gate = _seat_patterns()
    at = sorted(i for lit in gate for i in _find_all(norm, lit)) if gate is not None else None
    if at == []:
        return set()
    found = set()
    for m in ms:
        s, e = m._entry["nstart"], m._entry["nend"]
        if at is not None:
            k = bisect.bisect_left(at, s - SEAT_REACH)
            if k == len(at) or at[k] > e + 3:
                continue               # no seat word near this name
        if after is not None and after.match(norm, _SEAT_GAP.match(norm, e).end()):
            found.add(id(m))
        elif before is not None and before.search(norm, max(0, s - SEAT_REACH), s):
            found.add(id(m))
    return found


_IN_GAP = re.compile(r"\W*(?:[^\W\d_]{1,6}\W*){0,2}")   # "in", "in the", "بمدينة", or nothing but a comma


def _districts_elsewhere(norm: str, ms: list[Mention]) -> set[int]:
    """A curated district of one town named as lying in another town ("al-Zuhur neighbourhood in
    Mosul", "حي الزهور بالموصل"): a namesake there, not the district the project knows."""
    out = set()
    places = [m for m in ms if m.kind == "place" and m.lat is not None]
    for m, nxt in zip(places, places[1:]):
        e, ne = m._entry, nxt._entry
        if e.get("type") != "district" or ne.get("precision") != "city" or ne.get("curated"):
            continue
        if _IN_GAP.fullmatch(norm, e["nend"], ne["nstart"]) and \
                haversine_km(m.lat, m.lon, nxt.lat, nxt.lon) > SEAT_KM:
            out.add(id(m))
    return out


def _find_all(text: str, lit: str):
    i = text.find(lit)
    while i >= 0:
        yield i
        i = text.find(lit, i + 1)


_PREV_WORD = re.compile(r"([^\W\d_]+)[\s-]+(?:(?:al|el|an|ar|as|ash|at|ad|az)[\s-]+)?$", re.IGNORECASE)


def _prev_key(norm: str, s: int, split: tuple[list[str], list[int]]) -> str:
    """The key of the word before offset s of the normalised text, articles skipped ('' if none),
    among the words of the 24 characters before s. `split` is split_tokens(norm): when a token
    starts at s, the tokens before it are read off it; the window's text is read only where a
    name starts inside a token ("d'Alep") or the window cuts the word it reaches."""
    pieces, cum = split
    p = bisect.bisect_right(cum, s) - 1          # the piece s lies in (token i is piece 2i + 1)
    if p % 2 and cum[p] == s:
        lo = s - 24
        for q in range(p - 2, 0, -2):
            if cum[q] < lo:
                if cum[q + 1] <= lo:
                    return ""                    # the window holds no more of the text's words
                break
            k = token_key(pieces[q])
            if k:
                return k
        else:
            return ""
    for w in reversed(_WORD.findall(norm[max(0, s - 24):s])):
        k = token_key(w)
        if k:
            return k
    return ""


def _prefix_word(report: Report, m: Mention) -> bool:
    """Whether the word right before a mention (an article aside) starts the same name: written
    with a capital (Latin) or in Arabic, with nothing but a space or a hyphen between."""
    left = report.text[max(0, m.start - 30):m.start]
    w = _PREV_WORD.search(left)
    return bool(w) and (w.group(1)[0].isupper() or "\u0600" <= w.group(1)[0] <= "\u06ff")


# ----------------------------------------------------------------------------- place phrases

_PHRASE_CUT = re.compile(r"[.!?;:,()\[\]\n\u060c\u061b\u061f\"]")
_PHRASE_CUT_LAST = re.compile("(?s:.*)" + _PHRASE_CUT.pattern)     # up to the last of them


def _large(e: dict, cfg=None) -> bool | str:
    """'country' for a country; True for a governorate, a capital, a governorate's seat named
    like it or a town of Config.countryside_large_pop inhabitants."""
    if e.get("type") == "country" or e.get("precision") == "country":
        return "country"
    if e.get("precision") == "admin1" or e.get("type") == "capital":
        return True
    if (e.get("pop") or 0) >= getattr(cfg, "countryside_large_pop", 100_000):
        return True
    return any(str(c).startswith("admin1:") for c in e.get("candidates", ()))


def _offset(lat: float, lon: float, dist: float, bearing: float) -> tuple[float, float]:
    """The point `dist` km from (lat, lon) on a bearing in degrees (0 north, 90 east)."""
    d, b = dist / 6371.0, math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round(math.degrees(l2), 5)


_PHRASE_WORDS: tuple = (None, frozenset(), {})     # the phrases, their words, the phrases of each word


def _phrase_words(phrases: list[dict]) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The words of a gazetteer's place phrases and, for each, the indexes of the phrases it gates."""
    global _PHRASE_WORDS
    known = _PHRASE_WORDS
    if known[0] is not phrases:
        by_word: dict[str, list[int]] = {}
        for i, ph in enumerate(phrases):
            for w in ph["words"]:
                by_word.setdefault(w, []).append(i)
        known = _PHRASE_WORDS = (phrases, frozenset(by_word), {w: tuple(v) for w, v in by_word.items()})
    return known[1], known[2]


def _phrase_places(report: Report, ms: list[Mention], gaz, cfg, split: tuple[list[str], list[int]]) -> bool:
    """Phrases around a resolved place X (data: lang/<code>/gazetteer.json `place_phrases`,
    places/phrases.json): "the southern countryside of X", "southern X countryside", "ريف X
    الجنوبي", "la campagne sud de X" become a derived region point, X moved in that direction by
    Config.countryside_km_large/small/country (N km for "N km south of X"), with X's governorate
    and country; "rural X" is X with precision region; "near X", "X sub-district" stay X. The
    mention then covers the whole phrase. Returns whether a mention's span changed. `split`: the
    normalised text's split_tokens (link's, made by the mentions stage)."""
    phrases = getattr(gaz, "phrases", None)
    if not phrases:
        return False
    table = langdata.shared("places/phrases")
    words, by_word = _phrase_words(phrases)
    norm, idx, text = report._norm, report._norm_index, report.text
    cues = gaz.phrase_cues(norm, split) if hasattr(gaz, "phrase_cues") else None
    if cues is not None and not cues:
        return False
    spans = None         # the mentions' spans, sorted: made when a first phrase is found (few reports have one)
    moved = False
    for m in ms:
        e = m._entry
        if m.kind != "place" or m.lat is None or not isinstance(e, dict) or e.get("derived"):
            continue
        s, t = e["nstart"], e["nend"]
        if cues is not None:
            k = bisect.bisect_left(cues, s - 60)
            if k == len(cues) or cues[k] > t + 40:
                continue                  # no phrase word anywhere near this name
        left = norm[max(0, s - 80):s]
        c = _PHRASE_CUT_LAST.match(left)
        if c:
            left = left[c.end():]
        right = norm[t:t + 50]
        c = _PHRASE_CUT.search(right)
        if c:
            right = right[:c.start()]
        best = None
        left_words = _WORD.findall(left[-60:])
        near = words.intersection(left_words + _WORD.findall(right[:40]))
        if "'" in left:
            # a phrase word after an elided article: "à l'est de X"
            arts = _elided_articles()
            near = near.union(words.intersection([rest for pre, _, rest in map(methodcaller("partition", "'"), left_words)
                                                  if rest and pre in arts]))
        if not near:
            continue
        # the phrases with a word near the name, in their order (of 21, 4 or 5 on average); those
        # of one word ascend already
        tried = by_word[next(iter(near))] if len(near) == 1 else sorted({i for w in near for i in by_word[w]})
        # the word just before the name (after an apostrophe: "d'" of "nord d'Alep"), or None when
        # the 60 characters read may have cut it
        last = left_words[-1].rpartition("'")[2] if left_words else ""
        if len(left) > 60 and left[-60:].startswith(left_words[-1] if left_words else ""):
            last = None
        for ph in map(phrases.__getitem__, tried):
            bm = am = None
            if ph["before"] is not None:
                if not left:
                    continue
                ends = ph.get("before_last")
                if ends is not None and last is not None and last not in ends:
                    continue              # its match would end with another word than the one before the name
                # a match ends where the name starts: no use trying it farther back than it reaches
                reach = ph.get("before_reach")
                bm = ph["before"].search(left, max(0, len(left) - reach) if reach else 0)
                if bm is None:
                    continue
            if ph["after"] is not None:
                am = ph["after"].match(right)
                if am is None:
                    continue
            if ph["requires"] == "large" and not _large(e, cfg):
                continue
            # a countryside or a direction says more than "near" or "sub-district"
            size = (ph["kind"] not in ("near", "district"),
                    (bm.end() - bm.start() if bm else 0) + (am.end() if am else 0))
            if best is None or size > best[0]:
                best = (size, ph, bm, am)
        if best is None:
            continue
        _, ph, bm, am = best
        kind = ph["kind"]
        direction = num = None
        for g in (bm, am):
            if g is not None and g.re.groupindex.get("dir") and g.group("dir"):
                direction = ph["dirs"].get(g.group("dir"))
            if g is not None and g.re.groupindex.get("num") and g.group("num"):
                num = float(g.group("num").replace(",", "."))
        if kind in ("near", "district"):
            e["phrase"] = kind
            continue
        if kind in ("part", "direction", "distance") and direction is None:
            continue
        large = _large(e, cfg)
        if kind == "direction" and e.get("precision") in ("admin1", "country"):
            kind = "part"              # "au sud du gouvernorat de Hassaké": its southern part
        if kind == "distance" and num is not None:
            dist = num
        elif large == "country":
            dist = getattr(cfg, "countryside_km_country", 250.0)
        elif kind == "direction":
            dist = getattr(cfg, "countryside_km_near", 10.0)
        elif large:
            dist = getattr(cfg, "countryside_km_large", 20.0)
        else:
            dist = getattr(cfg, "countryside_km_small", 12.0)
        d = table["directions"].get(direction) if direction else None
        if kind == "countryside" and d is None:
            kind, lat, lon = "rural", m.lat, m.lon
        else:
            lat, lon = _offset(m.lat, m.lon, dist, d["bearing"])
        fill = {"name": m.name, "adjective": d["adjective"] if d else "", "noun": d["noun"] if d else "",
                "km": f"{dist:g}"}
        name = table["names"][kind].format(**fill)
        if bm is not None:
            # the mention starts at the phrase's (?P<span>…) group when it has one ("au |sud de X")
            b0 = bm.start("span") if "span" in bm.re.groupindex and bm.group("span") is not None else bm.start()
            ns = s - (len(left) - b0)
        else:
            ns = s
        ne = t + (am.end() if am else 0)
        a, b = idx[ns], idx[ne - 1] + 1
        if spans is None:        # (no mention has moved yet)
            spans = sorted((m.start, m.end) for m in report.mentions)
        j = bisect.bisect_left(spans, (b, -1))       # spans starting before the phrase's end
        clash = False
        while j > 0 and not clash:
            j -= 1
            x, y = spans[j]
            if y > a and (x, y) != (m.start, m.end):
                clash = True
            elif x < a - 400:
                break                                    # mentions are short: nothing earlier reaches the phrase
        if not clash:
            if (a, b) != (m.start, m.end):
                moved = True
            m.start, m.end, m.text = a, b, text[a:b]
            e["base_span"] = [e["nstart"], e["nend"]]
            e["nstart"], e["nend"] = ns, ne
        # a governorate's or a country's part is a region; a town's countryside keeps the town's
        # precision class (it is finer than a governorate: claims rank "region" after "admin1")
        prec = "region" if e.get("precision") in ("admin1", "country", "region") else (m.precision or "city")
        e.update({"base": m.id, "base_name": m.name, "derived": kind, "direction": direction,
                  "km": dist if kind != "rural" else 0.0, "precision": prec, "id": f"{m.id}@{kind}"
                  + (f":{direction}" if direction else "") + (f":{dist:g}" if kind == "distance" else ""),
                  "name": name, "lat": lat, "lon": lon})
        m.id, m.name, m.lat, m.lon, m.precision = e["id"], name, lat, lon, prec
    return moved


WEAK_KEY_LEN = 4          # keys this short are weak evidence of a place
FIRM_FUZZY = 95.0         # fuzzy matches below this score are never firm
FIRM_POP = 50_000         # towns this large are firm evidence of where a report is
FAR_KM = 200.0            # a place this far from every firm place of the report is dropped
FAR_FOREIGN_KM = 60.0     # ... or this far, for a minor place outside the focus countries
SELF_EVIDENT_POP = 1_000_000   # a city this large is kept in any report (Mosul, Aleppo)
FAR_OUTSIDE_KM = 100.0    # a place in a country nothing in the report points to, this far from its places


def _firm(m: Mention, focus=(), named_cc=(), gaz=None) -> bool:
    """A place mention the report's other places can be judged against."""
    e = m._entry
    if e.get("country") not in focus and e.get("country") not in named_cc and e.get("type") != "country":
        return False                     # Kabul, Ağrı: a foreign place in a country the report does not name
    if (e.get("fuzzy") or 100) < FIRM_FUZZY:
        return False
    key_len = len((e.get("key") or "").replace(" ", ""))
    if e.get("precision") == "admin1" and key_len < WEAK_KEY_LEN:
        return False                     # Hama's key "ham" is also Hamu's: a governorate needs a longer name
    if e.get("curated") or e.get("type") in ("admin1", "country", "region"):
        return True
    if key_len <= WEAK_KEY_LEN and not _spelled(gaz, e, len(m.text)) and not _great_city_named(gaz, e, m.text):
        return False
    return e.get("type") == "capital" or e.get("pop", 0) >= FIRM_POP


def _great_city_named(gaz, e: dict, surface: str) -> bool:
    """A city of SELF_EVIDENT_POP inhabitants written as one capitalised word whose short key
    names no other town ("Alep": its key is also only its governorate's; "Sham" is also Hama's)."""
    if gaz is None or (e.get("pop") or 0) < SELF_EVIDENT_POP or not (surface.isalpha() and surface[:1].isupper()):
        return False
    towns = [i for i in gaz.index.get(e.get("key") or "", {}) if gaz.entries[i].get("precision") != "admin1"]
    return len(towns) == 1


def _spelled(gaz, e: dict, surface_len: int) -> bool:
    """A short key matched as the name's own capitalised spelling of five letters or more
    ("Douma", whose key "dum" alone is weak evidence)."""
    if gaz is None or surface_len < WEAK_KEY_LEN + 1:
        return False
    return gaz.index.get(e.get("key") or "", {}).get(gaz.by_id.get(e.get("id"))) == EXACT_CAPITALISED


def _self_evident(e: dict) -> bool:
    """A place that needs no other clue: a country, a governorate, a capital, a curated site, a
    city of SELF_EVIDENT_POP inhabitants."""
    return (e.get("type") in ("country", "admin1", "capital") or e.get("precision") in ("country", "admin1")
            or bool(e.get("curated")) or (e.get("pop") or 0) >= SELF_EVIDENT_POP)


def _compound(text: str, m: Mention) -> bool:
    return (m.start > 0 and text[m.start - 1] == "-") or (m.end < len(text) and text[m.end] == "-")


def _implausible(ms: list[Mention], gaz, text: str = "") -> set[int]:
    """Place mentions that do not fit the report: a place that is neither curated nor large, far
    from every firm place the report names (a Turkish hamlet or an Iraqi town sharing a Syrian
    village's name); with no firm place, minor places outside the focus countries."""
    # one pass over the mentions: the places; the countries the report names; what its actors and
    # the places that also name a side say of where it is (read below)
    places = []
    named_cc: set[str] = set()
    extra_pointed: set[str] = set()
    extra_allowed: set[str] = set()
    homes: set[str] = set()          # governorates the report's actors hold (QSD: Hasakah, Raqqa ...)
    actor_cc: set[str] = set()       # the states of the report's actors (Turkish officials: TR)
    for m in ms:
        e = m._entry
        if m.kind == "actor":
            homes.update(e.get("home_admin1") or ())
            if e.get("home"):
                extra_pointed.add(e["home"])
            if e.get("country"):
                extra_allowed.add(e["country"])
                actor_cc.add(e["country"])
            # a country named on its own (not "pro-Turkey", "Turkey-backed", "US-led")
            if e.get("place") and e["place"].get("precision") == "country" and not _compound(text, m):
                named_cc.add(e["place"]["country"])
        elif m.kind == "place":
            if e.get("actor"):
                extra_allowed.add(e.get("country"))
            if m.lat is not None:
                places.append(m)
                # (a country's part names it too: "dans le nord du Mali")
                if m.precision == "country" or e.get("type") == "country":
                    named_cc.add(e.get("country"))
    is_firm = [_firm(m, gaz.focus, named_cc, gaz) for m in places]
    # (a country, or its part, "le nord du Mali", is no point to measure a town against)
    firm = [m for m, f in zip(places, is_firm) if f and m.precision != "country" and m._entry.get("type") != "country"]
    # the countries the report points to: named ones, its actors' (Turkish forces, QSD: SY), its firm places'
    # (a state's forces act abroad: "Turkish forces" allow Turkish places but do not make a
    # report Turkish; a militia's home does)
    pointed, allowed = named_cc | extra_pointed, named_cc | extra_allowed
    # the points the report's places are judged against: its firm places and its actors' home governorates
    home_points = [_Point(a["lat"], a["lon"]) for a in (gaz.admin1.get(c) for c in sorted(homes)) if a]
    # distinct points and countries with their counts: a long report names one town many times
    firm_ids = {id(f) for f in firm}
    points: dict[tuple[float, float], int] = {}
    for f in firm:
        points[(f.lat, f.lon)] = points.get((f.lat, f.lon), 0) + 1
    for h in home_points:
        points[(h.lat, h.lon)] = points.get((h.lat, h.lon), 0) + 1
    firm_cc: dict[str, int] = {}
    for f in firm:
        firm_cc[f._entry.get("country")] = firm_cc.get(f._entry.get("country"), 0) + 1
    all_points = [_Point(la, lo) for la, lo in points]
    seen: dict[tuple, bool] = {}

    def near(m: Mention, pts: list, km: float) -> bool:
        """Whether a point of pts lies within km of m: the first one found ends the search."""
        # a long report names one town many times: one look per town
        key = (m.lat, m.lon, pts is all_points, km)
        d = seen.get(key)
        if d is None:
            d = seen[key] = any(haversine_km(m.lat, m.lon, f.lat, f.lon) <= km for f in pts)
        return d
    all_context = pointed | set(firm_cc)
    focus = set(gaz.focus)
    drop = set()
    for m, m_firm in zip(places, is_firm):
        e = m._entry
        cc = e.get("country")
        own = id(m) in firm_ids
        alone = own and (points.get((m.lat, m.lon)) == 1 or firm_cc.get(cc) == 1)
        # every country but this mention's own when it is the only firm place there (and nothing
        # else points to it)
        context = all_context - {cc} if alone and firm_cc.get(cc) == 1 and cc not in pointed else all_context
        others = all_points
        if context and cc not in context and cc not in allowed and not _self_evident(e):
            if alone:         # every point but this mention's own (only needed here)
                others = [p for p in all_points if (p.lat, p.lon) != (m.lat, m.lon) or points[(p.lat, p.lon)] > 1]
            # a place in a country nothing else in the report points to: Al-Mahmudiyah (Iraq) for a
            # Syrian village of that name in a report on north-east Syria
            if (others and not near(m, others, FAR_OUTSIDE_KM)) or (
                    not others and (e.get("pop") or 0) < FIRM_POP):
                # ... unless no focus country is pointed to but by its name ("Turkey said … near
                # Afrin", "un convoi a quitté al-Chaddadi en direction de l'Irak"): then a place in
                # a focus country is where the project reads
                # (a namesake in a country only the report's foreign forces belong to, Turkish
                # shelling, must lie near its places: "the Rihaniya area" is no hamlet 200 km off in
                # Turkey, nor anywhere there when the report has no place to measure it against)
                if not _replace(m, gaz, context, others) and not (
                        others and _replace(m, gaz, allowed - context, others, FAR_OUTSIDE_KM)) and (
                        cc not in gaz.focus or (context - named_cc) & focus):
                    drop.add(id(m))
                continue
        if own or m_firm:
            continue
        cc = m._entry.get("country")
        far = FAR_KM if cc in gaz.focus else FAR_FOREIGN_KM
        if cc not in gaz.focus and cc not in named_cc:
            if (e.get("type") == "capital" or (e.get("pop") or 0) >= SELF_EVIDENT_POP) and (
                    not others or cc in actor_cc):
                # "talks in Ankara", "au Caire", "arrested in Gaziantep": a capital or a great city,
                # the only place named, or one of a state the report's actors belong to
                # ("responsables turcs … à Ankara", "la police turque … à Gaziantep")
                continue
            if not _replace(m, gaz, (context | allowed | set(gaz.focus)), others):
                drop.add(id(m))
        elif others and not near(m, others, far) and not (_self_evident(e) and cc in named_cc | actor_cc):
            # (a capital or a great city of a state the report names stays: "talks in Moscow")
            if not _replace(m, gaz, context | allowed | set(gaz.focus), others, far):
                drop.add(id(m))
    return drop


class _Point:
    """A bare point to judge places against (an actor's home governorate)."""
    __slots__ = ("lat", "lon")

    def __init__(self, lat: float, lon: float):
        self.lat, self.lon = lat, lon


def _replace(m: Mention, gaz, countries: set, firm: list[Mention], far: float = FAR_KM) -> bool:
    """Put a same-name candidate inside the report's context (its countries, near its firm
    places) in place of an implausible reading; False when there is none."""
    e = m._entry
    if e.get("derived"):
        return False
    for cid in e.get("candidates", ()):
        c = gaz.place(cid) if isinstance(cid, str) else None
        if c is None or cid == m.id or c.get("precision") != m.precision or c.get("country") not in countries:
            continue
        near = [haversine_km(c["lat"], c["lon"], f.lat, f.lon) for f in firm if f is not m]
        if near and min(near) > far:
            continue
        _take(m, c)
        return True
    return False


def _take(m: Mention, c: dict) -> None:
    """Make a mention stand for another of its candidates."""
    e = m._entry
    m.id, m.name, m.lat, m.lon, m.precision = c["id"], c["name"], c["lat"], c["lon"], c.get("precision")
    new = {k: v for k, v in c.items() if k not in ("aliases", "_name_keys", "_aliases")}
    for k in ("candidates", "fuzzy", "nstart", "nend", "key"):
        new[k] = e.get(k)
    m._entry = new


# ----------------------------------------------------------------------------- helpers

def place_of(m: Mention) -> Place | None:
    """The place a linked mention stands for: a place mention's own, or the country place an
    actor mention carries (États-Unis); None for other mentions."""
    e = m._entry if isinstance(m._entry, dict) else {}
    if m.kind == "place" and m.id and m.lat is not None:
        return Place(m.id, m.name or m.text, m.lat, m.lon, m.precision or "city", e.get("admin1"),
                     e.get("country"), m.text)
    p = e.get("place")
    if p:
        return Place(p["id"], p["name"], p["lat"], p["lon"], p["precision"], p.get("admin1"), p.get("country"),
                     m.text)
    return None


def finer_place(report: Report, place: Place | None) -> Place | None:
    """A finer point for a claim placed in a whole governorate (or its countryside): the report's
    primary place when it is a town or site of that governorate, else the part, lying in that
    governorate, of a region the report names (the Ras al-Ain part of the Peace
    Spring area for "clashes under Operation Peace Spring in X in al-Hasakeh", X unknown); None
    when the report names no such region."""
    if place is None or not (place.id or "").startswith("admin1:") or "@" in place.id and not place.id.endswith("@rural"):
        return None
    town = primary_place(report)
    if town is not None and town.admin1 == place.admin1 and town.precision in ("site", "city"):
        return town                      # "X in al-Hasakeh" in a report that names a town of al-Hasakeh
    for m in report.mentions:
        e = m._entry if isinstance(m._entry, dict) else None
        if not e:
            continue
        if m.kind == "place" and e.get("parts") and e.get("admin1") == place.admin1 and m.lat is not None:
            return place_of(m)
        p = e.get("place") if m.kind == "actor" else None
        if p and p.get("parts") and p.get("admin1") == place.admin1:
            return place_of(m)
    return None


def primary_place(report: Report) -> Place | None:
    """The place a report's event is at: the most specific linked place, first in the text
    (villages, towns and sites before regions, governorates and countries)."""
    best = None
    places = [m for m in report.mentions if m.kind == "place" and m.id and m.lat is not None]
    areas = [m for m in report.mentions if m.kind == "actor" and isinstance(m._entry, dict)
             and isinstance(m._entry.get("place"), dict) and m._entry["place"].get("precision") == "region"]
    if areas:
        # an operation's force (OPS) carries the operation's area: a region, after the towns
        best = (PRIMARY_RANK["region"], areas[0])
    entry = [m._entry if isinstance(m._entry, dict) else {} for m in places]
    local = [m for m, e in zip(places, entry) if m.precision in ("site", "city", "admin1") or e.get("derived")]
    bases = {e["base"] for e in entry if e.get("derived")}
    # the governorates the report speaks of: named ones, those of its countrysides, its actors' home
    region = {e.get("admin1") for m, e in zip(places, entry) if m.precision == "admin1" or e.get("derived")}
    for m in report.mentions:
        if m.kind == "actor" and isinstance(m._entry, dict):
            region.update(m._entry.get("home_admin1") or ())
    region.discard(None)
    for m, e in zip(places, entry):
        rank = PRIMARY_RANK.get(m.precision or "city", 5)
        if e.get("derived"):
            # "the southern countryside of X": after the towns the report names, before X itself
            rank = DERIVED_RANK.get(e.get("type"), 0)
        elif m.id in bases:
            rank = max(rank, 1)        # X named bare while the report also places the event in X's countryside
        # a town far from every other place the report names (a person called Suleiman read as
        # Sulaymaniyah) comes after the places that agree with each other
        if len(local) > 1 and m in local and all(
                haversine_km(m.lat, m.lon, o.lat, o.lon) > FAR_KM for o in local if o is not m):
            rank += 0.5
        if region and m.precision in ("site", "city") and not e.get("derived") and e.get("admin1") not in region:
            rank += 0.75    # a town outside every governorate the report speaks of: a namesake, likely
        if rank == 0 and any(c.startswith("admin1:") for c in e.get("candidates", ())):
            rank = 1          # a governorate's seat named like it ("in al-Hasakeh") says less than a town
        if best is None or rank < best[0]:
            best = (rank, m)
    return place_of(best[1]) if best else None



# ----------------------------------------------------------------------------- measurement

def _link_text(text: str, ctx) -> Report:
    from .normalise import normalise
    from .mentions import mentions
    rep = Report(raw=text, text=text)
    normalise(rep, ctx)
    mentions(rep, ctx)
    link(rep, ctx)
    return rep


def measure_acled(path: str, limit: int | None = None, ctx=None) -> dict:
    """Share of ACLED rows whose primary place lies within 10 km (geo_precision 1 rows) and
    within 25 km (all rows) of ACLED's point, using the shipped gazetteer."""
    import json
    from .pipeline import Context
    ctx = ctx or Context()
    n1 = ok1 = n = ok25 = 0
    misses = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            row = json.loads(line)
            rep = _link_text(row["notes"], ctx)
            p = primary_place(rep)
            d = haversine_km(p.lat, p.lon, row["latitude"], row["longitude"]) if p else float("inf")
            n += 1
            ok25 += d <= 25
            if row["geo_precision"] == 1:
                n1 += 1
                ok1 += d <= 10
            if d > 25:
                misses.append({"id": row["id"], "location": row["location"], "got": p.name if p else None,
                               "km": round(d) if p else None})
    return {"rows": n, "within_25km": ok25 / n if n else 0.0, "geo1_rows": n1,
            "geo1_within_10km": ok1 / n1 if n1 else 0.0, "misses": misses}


def measure_seeds(seeds_dir: str, gold_path: str, ctx=None) -> dict:
    """Share of the places named in non-optional gold claims (location, origin, destination)
    for which a linked mention of the report lies within the gold tolerance."""
    import json
    from pathlib import Path
    from .pipeline import Context, STAGES
    ctx = ctx or Context()
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    total = found = 0
    missing = []
    for doc in gold["documents"]:
        path = Path(seeds_dir) / doc["doc"]
        if not path.exists():
            continue
        from .read import read
        rep = next(x for x in read([str(path)], ctx.config))
        for name, stage in STAGES:
            stage(rep, ctx)
            if name == "link":
                break
        places = [p for p in (place_of(m) for m in rep.mentions) if p is not None]
        for c in doc["claims"]:
            if c.get("optional"):
                continue
            for role in ("location", "origin", "destination"):
                g = c.get(role)
                if not g or g.get("lat") is None:
                    continue
                total += 1
                if any(haversine_km(p.lat, p.lon, g["lat"], g["lon"]) <= g["tolerance_km"] for p in places):
                    found += 1
                else:
                    missing.append((doc["doc"], role, g["name"]))
    return {"places": total, "found": found, "share": found / total if total else 0.0, "missing": missing}


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    ap = argparse.ArgumentParser(prog="python -m khabar.link", description=__doc__.split("\n")[0])
    ap.add_argument("--acled", help="ACLED dev.jsonl: primary place against ACLED's point")
    ap.add_argument("--seeds", help="folder of seed reports (with --gold)")
    ap.add_argument("--gold", help="gold annotation (khabar-gold/1)")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--misses", action="store_true", help="list the rows missed by more than 25 km")
    a = ap.parse_args(argv)
    if a.acled:
        r = measure_acled(a.acled, a.limit)
        if not a.misses:
            r.pop("misses")
        print(json.dumps(r, ensure_ascii=False, indent=1))
    if a.seeds and a.gold:
        print(json.dumps(measure_seeds(a.seeds, a.gold), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
