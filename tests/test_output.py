"""Output contract files, and dates filled after streaming reaching reports.jsonl and SQLite."""
from __future__ import annotations

import json
import os

import pytest

from khabar import store
from khabar.model import (Claim, DateValue, Evidence, Mention, Place, Quantity, Removed, Report, Segment, Source,
                          claim_dict, json_bytes, json_text, to_dict)
from khabar.output import OutputDir, read_jsonl


def _report(rid: str, text: str) -> Report:
    rep = Report(raw=text, text=text, id=rid, lang="ar")
    rep.claims = [Claim(id="c1", type="TRANSFER", evidence=Evidence(0, 4, text[:4]),
                        date=DateValue(None, None, "day", text="13 نيسان", month_day="--04-13"))]
    return rep


def test_rewrite_reports_replaces_only_the_changed_lines(tmp_path):
    out = OutputDir(tmp_path)
    a, b = _report("a", "نقل سجناء"), _report("b", "نقل آخر")
    out.write(a)
    out.write(b)
    a.claims[0].date.start = a.claims[0].date.end = "2021-04-13"
    a.claims[0].date.year_from = "x#c1"
    # extract holds only the claims of streamed reports (cli._light): the text on disk must stay
    light = Report(raw="", id="a")
    light.claims = a.claims
    out.rewrite_reports({"a": light})
    out.close()
    rows = {r["id"]: r for r in read_jsonl(tmp_path / "reports.jsonl")}
    assert list(rows) == ["a", "b"]
    assert rows["a"]["text"] == "نقل سجناء" and rows["a"]["lang"] == "ar"
    assert rows["a"]["claims"][0]["date"]["start"] == "2021-04-13"
    assert rows["a"]["claims"][0]["date"]["year_from"] == "x#c1"
    assert rows["b"]["claims"][0]["date"]["start"] is None


def test_update_claim_dates_stores_the_filled_year(tmp_path):
    db = store.connect(str(tmp_path / "k.sqlite"))
    rep = _report("a", "نقل سجناء")
    with db:
        store.insert_report(db, rep)
    rep.claims[0].date.start = rep.claims[0].date.end = "2021-04-13"
    rep.claims[0].date.year_from = "x#c1"
    store.update_claim_dates(db, [rep])
    row = db.execute("SELECT date_start, claim FROM claims WHERE report_id='a'").fetchone()
    assert row[0] == "2021-04-13"
    assert json.loads(row[1])["date"]["year_from"] == "x#c1"
    back = next(store.load_reports(db))
    assert back.claims[0].date.start == "2021-04-13"


def _full_report() -> Report:
    """A report with every contract field set to something other than its default."""
    place = Place("geonames:1", "Hasakah", 36.5, 40.75, "city", admin1="SY-HA", country="SY", text="الحسكة")
    rep = Report(raw="x", path="p.txt", url="https://e.org/1", outlet="E", title="T", published="2021-04-13",
                 id="r1", text="text", lang="ar")
    rep.removed = [Removed(0, 3, "caption", text="gone")]
    rep.paragraphs = [Segment(0, 4, "ar")]
    rep.mentions = [Mention(0, 4, "text", "place", id="geonames:1", name="Hasakah", lat=36.5, lon=40.75,
                            precision="city", _entry={"kept": "out"})]
    rep.claims = [Claim(
        id="c1", type="ATTACK", evidence=Evidence(0, 4, "text"), modality="reported",
        date=DateValue("2021-04-13", "2021-04-13", "day", text="13 April", candidates=["2021-04-13"],
                       start_offset=5, end_offset=13, month_day="--04-13", year_from="r0#c2"),
        location=place, origin=place, destination=place,
        agent=[{"id": "sdf", "name": "SDF"}], patient=[{"id": "isis", "name": "IS"}], target=[{"id": "x", "name": "X"}],
        count=Quantity(3, None, True, "three", 1, 2), fatalities=Quantity(None, 2, False, "two", 3, 4),
        injured=Quantity(1, None, False, "one", 5, 6), means="drone", persons=["A B"],
        sources=[Source("SOHR", "media", "sohr")], acled={"event_type": "Battles", "sub_event_type": "Armed clash"},
        extra_evidence=[Evidence(5, 9, "more")], _sentence=0)]
    return rep


def test_contract_written_field_by_field_holds_every_public_field():
    """contract() and claim_dict spell their fields out (for speed): a field added to the model
    must be added there too. They must give what to_dict gives, less the offsets the contract leaves out."""
    rep = _full_report()
    c = rep.claims[0]
    expected = to_dict(c)
    expected["date"] = {k: v for k, v in expected["date"].items() if k not in ("start_offset", "end_offset")}
    for q in ("count", "fatalities", "injured"):
        expected[q] = {k: v for k, v in expected[q].items() if k not in ("start", "end")}
    assert list(claim_dict(c).items()) == list(expected.items())
    d = rep.contract()
    assert d["paragraphs"] == [to_dict(p) for p in rep.paragraphs]
    assert list(d["mentions"][0].items()) == list(to_dict(rep.mentions[0]).items())
    assert d["removed"] == [{"start": 0, "end": 3, "reason": "caption"}]
    public = [k for k in to_dict(rep) if k not in ("raw", "sentences", "dates", "numbers")]
    assert sorted(d) == sorted(public)
    # a copy: changing the record leaves the model as it was
    d["claims"][0]["agent"][0]["id"] = "changed"
    d["claims"][0]["date"]["candidates"].append("2022-01-01")
    assert c.agent[0]["id"] == "sdf" and c.date.candidates == ["2021-04-13"]


def test_json_lines_are_the_json_of_the_record():
    d = _full_report().contract()
    assert json.loads(json_bytes(d)) == d
    assert list(json.loads(json_text(d))) == list(d)
    assert json_bytes(d) == json_text(d).encode("utf-8")
    assert "\n" not in json_text({"text": "a\nb"})     # one record a line
    assert json_text({"t": "é ح"}) == '{"t":"é ح"}'     # not ASCII-escaped, as before


def test_json_falls_back_for_what_orjson_refuses():
    """A file name that is not UTF-8, read with surrogateescape, holds lone surrogates; orjson
    refuses them (and ints beyond 64 bits, and keys that are not str): json writes them as before."""
    rep = Report(raw="x", path=os.fsdecode(b"caf\xe9.txt"), id="r1")
    d = rep.contract()
    assert json_text(d) == json.dumps(d, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(json_text(d))["path"] == rep.path
    with pytest.raises(UnicodeEncodeError):   # as writing it to any UTF-8 file did
        json_bytes(d)
    assert json.loads(json_bytes({"n": 2**70})) == {"n": 2**70}
    assert json.loads(json_text({1: "a"})) == {"1": "a"}
