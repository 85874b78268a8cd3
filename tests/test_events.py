"""Events: claims of different reports and languages linked when they tell one happening."""
from __future__ import annotations

import datetime as dt
import random
import time

from khabar.config import Config
from khabar.events import Linker, candidate_pairs, claim_view, event_id, link_events
from khabar.model import Claim, DateValue, Evidence, Place, Quantity, Report

# places of a made-up map: a town, a prison 4 km from it, an oil field 150 km south, a far town
TOWN = Place("geonames:1", "Town", 36.50, 40.75, "city", country="SY")
PRISON = Place("site:prison", "Town prison", 36.53, 40.76, "site", country="SY")
FIELD = Place("site:field", "Oil field", 35.10, 40.55, "site", country="SY")
FAR = Place("geonames:2", "Far town", 33.50, 36.30, "city", country="SY")
GOVERNORATE = Place("admin1:SY.01", "Governorate", 36.20, 40.50, "admin1", country="SY")


def day(iso: str) -> DateValue:
    return DateValue(iso, iso, "day", text=iso)


def claim(cid: str, typ: str = "TRANSFER", date: DateValue | None = None, origin=None, destination=None,
          location=None, agent=("united-states",), count: Quantity | None = None, fatalities=None,
          target=()) -> Claim:
    return Claim(id=cid, type=typ, evidence=Evidence(0, 1, "x"), date=date, origin=origin, destination=destination,
                 location=location, agent=[{"id": a, "name": a} for a in agent], count=count, fatalities=fatalities,
                 target=[{"id": a, "name": a} for a in target])


THREE = Quantity(value=3, text="3")


def attack(cid: str, date: str, location=None, agent=("islamic-state",), fatalities=THREE, typ="ATTACK", **kw):
    """A claim with actors and a toll: enough agreements to link when date and place agree too."""
    return claim(cid, typ=typ, date=day(date), location=location, agent=agent, fatalities=fatalities, **kw)


def report(rid: str, *claims: Claim, lang: str = "fr") -> Report:
    rep = Report(raw="x", text="x", id=rid, lang=lang)
    rep.claims = list(claims)
    return rep


def event_of(events, ref):
    return next(e for e in events if ref in e.claims)


def test_cross_language_transfer_is_one_event_and_the_yearless_date_takes_the_year():
    fr = report("fr1", claim("c1", date=day("2021-04-13"), origin=TOWN, destination=FIELD,
                             count=Quantity(at_least=20, text="des dizaines")))
    ar = report("ar1", claim("c3", date=DateValue(None, None, "day", text="13 نيسان", month_day="--04-13"),
                             origin=PRISON, destination=FIELD, count=Quantity(value=60, approx=True, text="نحو 60")),
                lang="ar")
    events = link_events([fr, ar], Config())
    assert len(events) == 1
    ev = events[0]
    assert ev.claims == ["ar1#c3", "fr1#c1"]
    assert ev.date["start"] == "2021-04-13" and ev.date["filled"][0]["claim"] == "ar1#c3"
    reasons = ev.links[0]["reasons"]
    assert reasons["type"] == "TRANSFER" and reasons["place_km"] < 5
    assert "year from fr1#c1" in reasons["date"]
    assert "count" in reasons["count"] and "united-states" in reasons["actors"]
    assert ev.id == event_id(["fr1#c1", "ar1#c3"])


def test_no_link_when_places_are_far_apart():
    a = report("a", attack("c1", "2020-05-01", location=TOWN))
    b = report("b", attack("c1", "2020-05-01", location=FAR))
    near = report("c", attack("c1", "2020-05-01", location=PRISON))
    events = link_events([a, b, near], Config())
    assert event_of(events, "a#c1") is event_of(events, "c#c1")
    assert event_of(events, "b#c1").claims == ["b#c1"]


def test_type_date_and_town_alone_are_not_enough_to_link():
    a = report("a", claim("c1", typ="ATTACK", date=day("2020-05-01"), location=TOWN, agent=()))
    b = report("b", claim("c1", typ="ATTACK", date=day("2020-05-01"), location=TOWN, agent=()))
    assert len(link_events([a, b], Config())) == 2
    assert len(link_events([a, b], Config(link_min_evidence=0))) == 1


def test_no_link_when_one_role_disagrees():
    # same day, origins close, destinations 150 km apart: two transfers
    a = report("a", claim("c1", date=day("2021-04-13"), origin=PRISON, destination=TOWN))
    b = report("b", claim("c1", date=day("2021-04-13"), origin=TOWN, destination=FIELD))
    assert len(link_events([a, b], Config())) == 2


def test_no_link_when_dates_differ_or_are_missing():
    a = report("a", claim("c1", date=day("2021-04-13"), origin=TOWN, destination=FIELD))
    b = report("b", claim("c1", date=day("2021-05-23"), origin=TOWN, destination=FIELD))
    c = report("c", claim("c1", date=None, origin=TOWN, destination=FIELD))
    d = report("d", claim("c1", date=DateValue(None, None, "day", month_day="--05-13"), origin=TOWN,
                          destination=FIELD))
    assert len(link_events([a, b, c, d], Config())) == 4


def test_dates_within_the_configured_slack_link_and_vague_ranges_do_not():
    a = report("a", attack("c1", "2021-04-13", location=TOWN))
    b = report("b", attack("c1", "2021-04-14", location=PRISON))
    c = report("c", claim("c1", typ="ATTACK", date=DateValue("2021-01-01", "2021-06-30", "range"), location=TOWN,
                          agent=("islamic-state",), fatalities=THREE))
    events = link_events([a, b, c], Config(link_max_days=1))
    assert sorted(len(e.claims) for e in events) == [1, 2]
    assert len(link_events([a, b], Config(link_max_days=0))) == 2


def test_a_governorate_fits_but_is_no_evidence_of_one_place():
    a = report("a", attack("c1", "2021-04-13", location=PRISON))
    b = report("b", attack("c1", "2021-04-13", location=GOVERNORATE))
    assert len(link_events([a, b], Config())) == 2
    # the governorate does not spoil a link made by another role
    c = report("c", claim("c1", date=day("2021-04-13"), origin=GOVERNORATE, destination=FIELD))
    d = report("d", claim("c1", date=day("2021-04-13"), origin=PRISON, destination=FIELD))
    assert len(link_events([c, d], Config())) == 1


def test_claims_of_one_report_are_never_linked():
    rep = report("a", claim("c1", date=day("2021-04-13"), origin=TOWN, destination=FIELD),
                 claim("c2", date=day("2021-04-13"), origin=TOWN, destination=FIELD))
    other = report("b", claim("c1", date=day("2021-04-13"), origin=PRISON, destination=FIELD))
    events = link_events([rep, other], Config())
    assert len(events) == 2
    # every claim in exactly one event
    refs = [r for e in events for r in e.claims]
    assert sorted(refs) == ["a#c1", "a#c2", "b#c1"]


def test_different_counts_within_ratio_stay_one_event_and_far_counts_split():
    a = report("a", attack("c1", "2020-02-02", location=TOWN, typ="KILL", fatalities=Quantity(value=40, text="40")))
    b = report("b", attack("c1", "2020-02-02", location=TOWN, typ="KILL", fatalities=Quantity(value=60, text="60")))
    c = report("c", attack("c1", "2020-02-02", location=TOWN, typ="KILL", fatalities=Quantity(value=2, text="2")))
    events = link_events([a, b, c], Config())
    assert event_of(events, "a#c1") is event_of(events, "b#c1")
    assert event_of(events, "c#c1") is not event_of(events, "a#c1")


def test_disjoint_actors_do_not_link_and_related_ones_do():
    a = report("a", attack("c1", "2019-03-03", location=TOWN, typ="AIRSTRIKE", agent=("russia",)))
    b = report("b", attack("c1", "2019-03-03", location=TOWN, typ="AIRSTRIKE", agent=("turkey",)))
    c = report("c", attack("c1", "2019-03-03", location=TOWN, typ="AIRSTRIKE", agent=("us-led-coalition",)))
    d = report("d", attack("c1", "2019-03-03", location=TOWN, typ="AIRSTRIKE", agent=("united-states",)))
    events = link_events([a, b, c, d], Config())
    assert event_of(events, "c#c1") is event_of(events, "d#c1")
    assert event_of(events, "a#c1") is not event_of(events, "b#c1")


def test_types_are_strict_unless_configured_compatible():
    a = report("a", attack("c1", "2019-03-03", location=TOWN))
    b = report("b", attack("c1", "2019-03-03", location=TOWN, typ="SEIZE"))
    assert len(link_events([a, b], Config())) == 2
    events = link_events([a, b], Config(link_type_compat={"ATTACK": ["SEIZE"]}))
    assert len(events) == 1 and events[0].links[0]["reasons"]["type"] == "ATTACK~SEIZE"


def test_complete_linkage_keeps_a_chain_of_near_matches_apart():
    # a~b (1 day), b~c (1 day) but a and c are 2 days apart: never all three in one event
    a = report("a", attack("c1", "2021-04-12", location=TOWN))
    b = report("b", attack("c1", "2021-04-13", location=TOWN))
    c = report("c", attack("c1", "2021-04-14", location=TOWN))
    events = link_events([a, b, c], Config(link_max_days=1))
    assert max(len(e.claims) for e in events) == 2


def test_output_is_deterministic_whatever_the_input_order():
    reps = [report(f"r{i}", attack("c1", f"2020-01-{1 + i % 3:02d}", location=TOWN if i % 2 else PRISON))
            for i in range(12)]
    first = [(e.id, e.claims, e.links) for e in link_events(reps, Config(link_max_days=1))]
    random.Random(7).shuffle(reps)
    assert [(e.id, e.claims, e.links) for e in link_events(reps, Config(link_max_days=1))] == first


def test_blocking_tests_few_pairs_on_many_claims():
    rng = random.Random(3)
    reps = []
    for i in range(10000):
        lat, lon = 33 + rng.random() * 4, 36 + rng.random() * 5
        o = 737000 + rng.randrange(1000)
        iso = dt.date.fromordinal(o).isoformat()
        place = Place(f"geonames:{i}", "p", lat, lon, "city", country="SY")
        reps.append(report(f"r{i}", claim("c1", typ=rng.choice(["ATTACK", "AIRSTRIKE", "ARREST"]),
                                          date=day(iso), location=place, agent=())))
    cfg = Config(link_max_km=60, link_max_days=1, link_min_evidence=0)     # loose: many candidates
    linker = Linker(cfg)
    views = [claim_view(r, r.claims[0], n, cfg) for n, r in enumerate(reps)]
    t = time.perf_counter()
    pairs = candidate_pairs(views, linker)
    assert len(pairs) < 10000 * 20          # far below the 5e7 pairs of all against all
    events = link_events(reps, cfg)
    assert time.perf_counter() - t < 60
    assert sum(len(e.claims) for e in events) == 10000


def test_one_claim_repeated_by_many_outlets_is_one_event_built_in_linear_time():
    reps = [report(f"r{i:04d}", attack("c1", "2021-04-13", location=TOWN)) for i in range(3000)]
    t = time.perf_counter()
    events = link_events(reps, Config())
    assert time.perf_counter() - t < 20
    assert len(events) == 1 and len(events[0].claims) == 3000
    # every member but the first joined by a recorded link
    assert len(events[0].links) == 2999 and events[0].links[0]["reasons"]["identical"] is True
    # identical claims that cannot link (no actors, no counts) stay apart
    bare = [report(f"b{i}", claim("c1", typ="ATTACK", date=day("2021-04-13"), location=TOWN, agent=()))
            for i in range(50)]
    assert len(link_events(bare, Config())) == 50


def test_linked_event_gives_its_year_to_the_yearless_claims_of_the_report():
    from khabar.corroboration import corroborate
    from khabar.events import fill_years

    fr = report("fr1", claim("c1", date=day("2021-04-13"), origin=TOWN, destination=FIELD,
                             count=Quantity(at_least=20, text="des dizaines")))
    yearless = DateValue(None, None, "day", text="13 نيسان", month_day="--04-13")
    later = DateValue(None, None, "day", text="23 أيار", month_day="--05-23")
    ar = report("ar1", claim("c3", date=yearless, origin=PRISON, destination=FIELD,
                             count=Quantity(value=60, approx=True, text="نحو 60")),
                claim("c4", date=later, origin=PRISON, destination=TOWN), lang="ar")
    unrelated = report("xx", claim("c9", date=DateValue(None, None, "day", text="1 May", month_day="--05-01")))
    reports = [fr, ar, unrelated]
    events = corroborate(link_events(reports, Config()), reports, Config())
    changed = fill_years(events, reports)
    assert changed == {("ar1", "c3"), ("ar1", "c4")}
    assert (yearless.start, yearless.year_from) == ("2021-04-13", "fr1#c1")
    assert (later.start, later.end, later.year_from) == ("2021-05-23", "2021-05-23", "ar1#c3")
    assert unrelated.claims[0].date.start is None and unrelated.claims[0].date.year_from is None
