"""Corroboration: independent primary sources, circular reporting and conflicts, on hand-made reports."""
from __future__ import annotations

import json

from khabar import store
from khabar.config import Config
from khabar.corroboration import corroborate
from khabar.events import link_events
from khabar.model import Claim, DateValue, Evidence, Place, Quantity, Report, Source

TOWN = Place("geonames:1", "Town", 36.50, 40.75, "city", country="SY")
PRISON = Place("site:prison", "Town prison", 36.53, 40.76, "site", country="SY")
VILLAGE = Place("geonames:3", "Village", 36.65, 40.85, "city", country="SY")   # ~18 km from Town


class Gaz:
    OUTLETS = {"press tv": {"id": "press-tv", "name": "Press TV", "kind": "state-media"},
               "fars": {"id": "fars", "name": "Fars", "kind": "state-media"},
               "rudaw": {"id": "rudaw", "name": "Rudaw", "kind": "media"},
               "sana": {"id": "sana", "name": "SANA", "kind": "state-media"},
               "afp": {"id": "afp", "name": "AFP", "kind": "media"}}

    def outlet(self, name):
        return self.OUTLETS.get(name.lower())


SANA = Source("SANA", "state-media", "sana")
SOHR = Source("SOHR", "ngo", "sohr")
MAYADEEN = Source("al-Mayadeen", "media", "al-mayadeen")


THREE = Quantity(value=3, text="3")


def rep(rid: str, outlet: str | None, sources: list[Source], location=TOWN, fatalities=THREE, count=None,
        date="2021-04-13", typ="ATTACK") -> Report:
    """One claim with actors and a toll, so that claims agreeing on date and place link."""
    r = Report(raw="x", text="x", id=rid, outlet=outlet)
    r.claims = [Claim(id="c1", type=typ, evidence=Evidence(0, 1, "x"), date=DateValue(date, date, "day", text=date),
                      location=location, sources=list(sources), fatalities=fatalities, count=count,
                      agent=[{"id": "islamic-state", "name": "IS"}], target=[{"id": "sdf", "name": "SDF"}])]
    return r


def run(reports: list[Report], config: Config | None = None):
    cfg = config or Config()
    return corroborate(link_events(reports, cfg), reports, cfg, gazetteer=Gaz())


def test_two_outlets_relaying_one_primary_are_one_source_and_circular():
    events = run([rep("a", "Press TV", [SANA]), rep("b", "Fars", [SANA])])
    assert len(events) == 1
    ev = events[0]
    assert ev.independent_sources == 1
    assert ev.circular is True
    assert ev.source_chains == [[{"name": "SANA", "kind": "state-media", "id": "sana"},
                                 {"name": "Press TV", "kind": "state-media", "id": "press-tv"}],
                                [{"name": "SANA", "kind": "state-media", "id": "sana"},
                                 {"name": "Fars", "kind": "state-media", "id": "fars"}]]


def test_truly_independent_sources_count_two():
    events = run([rep("a", "AFP", [SOHR]), rep("b", "Rudaw", [Source("sources locales", "local")])])
    assert len(events) == 1
    assert events[0].independent_sources == 2
    assert events[0].circular is False


def test_local_sources_through_one_relay_are_one_source():
    local = Source("sources locales", "local")
    arab_local = Source("مصادر محلية", "local")
    events = run([rep("a", "Press TV", [local, MAYADEEN]), rep("b", "Fars", [arab_local, MAYADEEN]),
                  rep("c", "Rudaw", [local])])
    ev = events[0]
    assert len(ev.claims) == 3
    # Press TV and Fars both relay al-Mayadeen's local sources (one); Rudaw's own local sources (two)
    assert ev.independent_sources == 2
    assert ev.circular is True


def test_an_outlet_relaying_another_is_not_independent_of_it():
    events = run([rep("a", "SANA", []), rep("b", "Press TV", [SANA])])
    assert events[0].independent_sources == 1
    assert events[0].circular is True


def test_reports_with_unknown_outlets_stay_apart():
    events = run([rep("a", None, []), rep("b", None, [])])
    assert events[0].independent_sources == 2
    assert events[0].source_chains[0] == [{"name": "unknown outlet", "kind": "outlet", "id": "report:a"}]


def test_conflicting_tolls_stay_one_event_and_the_conflict_is_listed():
    events = run([rep("a", "AFP", [SOHR], fatalities=Quantity(value=40, text="40 morts")),
                  rep("b", "Rudaw", [], fatalities=Quantity(value=60, approx=True, text="nearly 60 killed"))])
    assert len(events) == 1
    (conflict,) = events[0].conflicts
    assert conflict["field"] == "fatalities"
    assert {v["claim"]: v["value"] for v in conflict["values"]} == {"a#c1": 40, "b#c1": 60}
    assert {v["text"] for v in conflict["values"]} == {"40 morts", "nearly 60 killed"}


def test_dozens_and_nearly_sixty_agree():
    events = run([rep("a", "AFP", [], typ="TRANSFER", count=Quantity(at_least=20, text="des dizaines")),
                  rep("b", "Rudaw", [], typ="TRANSFER", count=Quantity(value=60, approx=True, text="نحو 60"))])
    assert len(events) == 1 and events[0].conflicts == []


def test_place_and_date_conflicts_are_listed_but_a_site_in_its_town_is_not():
    same = run([rep("a", "AFP", [], location=TOWN), rep("b", "Rudaw", [], location=PRISON)])
    assert same[0].conflicts == []
    far = run([rep("a", "AFP", [], location=TOWN), rep("b", "Rudaw", [], location=VILLAGE, date="2021-04-14")],
              Config(link_max_days=1))
    assert len(far) == 1
    fields = {c["field"] for c in far[0].conflicts}
    assert fields == {"place", "date"}
    place = next(c for c in far[0].conflicts if c["field"] == "place")
    assert place["role"] == "location" and {v["value"] for v in place["values"]} == {"geonames:1", "geonames:3"}


def test_events_are_stored_in_the_events_and_event_claims_tables(tmp_path):
    reports = [rep("a", "Press TV", [SANA]), rep("b", "Fars", [SANA]), rep("c", "AFP", [], location=VILLAGE,
                                                                               date="2020-01-01")]
    events = run(reports)
    db = store.connect(str(tmp_path / "k.sqlite"))
    store.replace_events(db, events)
    rows = db.execute("SELECT id, independent_sources, circular, claim_count, source_chains, links FROM events"
                      " ORDER BY claim_count DESC").fetchall()
    assert len(rows) == 2
    assert rows[0]["independent_sources"] == 1 and rows[0]["circular"] == 1 and rows[0]["claim_count"] == 2
    assert json.loads(rows[0]["source_chains"])[0][0]["id"] == "sana"
    assert json.loads(rows[0]["links"])[0]["reasons"]["type"] == "ATTACK"
    linked = db.execute("SELECT report_id FROM event_claims WHERE event_id=? ORDER BY report_id",
                        (rows[0]["id"],)).fetchall()
    assert [r[0] for r in linked] == ["a", "b"]
