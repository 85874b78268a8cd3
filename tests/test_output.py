"""Output contract files, and dates filled after streaming reaching reports.jsonl and SQLite."""
from __future__ import annotations

import json

from khabar import store
from khabar.model import Claim, DateValue, Evidence, Report
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
