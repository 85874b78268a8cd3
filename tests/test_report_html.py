"""khabar report: one self-contained, escaped HTML file with map data, timeline, claims and chain graphs."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

import analyst_fixture as fx
from conftest import SEEDS, need_shared
from khabar import export, report_html


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = fx.build(tmp_path_factory.mktemp("report") / "store.sqlite")
    out = path.with_suffix(".html")
    counts = report_html.write_report(path, out)
    assert counts["events"] == fx.N_EVENTS and counts["located"] == fx.N_LOCATED_EVENTS
    return out.read_text(encoding="utf-8")


def _data(page: str) -> dict:
    m = re.search(r'<script id="khabar-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_one_self_contained_file_no_external_scripts_or_styles(page):
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"<link[^>]*stylesheet", page)
    assert "L.map(" in page and ".leaflet-container" in page           # Leaflet inlined, JS and CSS
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    # nothing is loaded from the network but the tiles; links are the reports' own pages
    loaded = re.findall(r'\bsrc="(https?:[^"]+)"', page)
    assert loaded == []
    assert {u for u in re.findall(r'\bhref="(https?:[^"]+)"', page)} <= {
        "https://example.org/ar/1", "https://example.org/fr/2", "https://example.org/en/3", "https://leafletjs.com"}
    assert _data(page)["tiles"].startswith("https://tile.openstreetmap.org/")


def test_map_data_has_one_marker_per_located_event_and_the_flows(page):
    data = _data(page)
    assert len(data["events"]) == fx.N_LOCATED_EVENTS
    assert {e["id"] for e in data["events"]} == {"ev-attack", "ev-transfer", "ev-shelling", "ev-xss"}
    assert data["flows"] == [{"from": [fx.PRISON.lat, fx.PRISON.lon], "to": [fx.SHADDADI.lat, fx.SHADDADI.lon],
                              "anchor": data["flows"][0]["anchor"], "label": "North prison → Shaddadi (Exemple Info)"}]


def test_timeline_has_an_entry_per_dated_event(page):
    assert page.count('class="timeline-entry"') == fx.N_LOCATED_EVENTS   # the fixture's dated events are the located
    assert "Undated (not on the timeline)" in page


def test_every_event_and_claim_is_shown(page):
    assert page.count('<section class="event"') == fx.N_EVENTS
    assert page.count('<li class="claim"') == fx.N_CLAIMS


def test_arabic_evidence_is_quoted_right_to_left_in_its_language(page):
    assert re.search(r'<blockquote class="evidence" lang="ar" dir="rtl">مسلحين هاجموا', page)
    assert re.search(r'<blockquote class="evidence" lang="fr" dir="ltr">des hommes armés', page)


def test_text_direction_follows_the_first_strong_character():
    assert report_html.text_dir("  ١٢ قالت مصادر") == "rtl"
    assert report_html.text_dir("12 « Selon »") == "ltr"
    assert report_html.text_dir("שלום") == "rtl"
    assert report_html.text_dir("123") == "ltr"


def test_report_text_is_escaped_never_markup(page):
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>Bold</b>" not in page and "&lt;b&gt;Bold&lt;/b&gt; outlet" in page
    assert 'href="javascript:' not in page
    # inside the JSON block too: no "</script>" can close it early
    m = re.search(r'<script id="khabar-data" type="application/json">(.*?)</script>', page, re.S)
    assert "<" not in m.group(1)


def test_scripts_run_only_with_the_page_nonce(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    nonce = re.search(r"'nonce-([^']+)'", csp.replace("&#x27;", "'")).group(1)
    scripts = re.findall(r"<script([^>]*)>", page)
    assert all(f'nonce="{nonce}"' in s or 'type="application/json"' in s for s in scripts)


def test_conflicts_and_independent_sources_are_shown(page):
    assert "The claims disagree" in page
    assert ('fatalities: <b><bdi>3</bdi></b> per <bdi>Al-Manar</bdi>; <b><bdi>5</bdi></b> per <bdi>Exemple Info</bdi>'
            in page)
    assert "1 independent source(s)" in page


def test_chain_graph_merges_the_chains_of_an_event():
    rows = [{"report_id": "a", "id": "c1", "outlet": "Outlet A",
             "claim": {"sources": [{"name": "local sources", "kind": "local"}, {"name": "Wire", "kind": "media"}]}},
            {"report_id": "b", "id": "c1", "outlet": "Outlet B",
             "claim": {"sources": [{"name": "Local sources", "kind": "local"}, {"name": "Wire", "kind": "media"}]}},
            {"report_id": "c", "id": "c1", "outlet": "Outlet C", "claim": {"sources": []}}]
    svg = report_html.chain_graph(rows)
    assert svg.count('class="chain-node"') == 5           # local sources, Wire, Outlet A, B, C
    assert svg.count('class="edge"') == 3                  # local -> Wire, Wire -> A, Wire -> B
    assert "Wire → Outlet A: 1 claim(s)" in svg and "local sources → Wire: 2 claim(s)" in svg


def test_chain_graph_keeps_unnamed_sources_of_different_relays_apart():
    rows = [{"report_id": "a", "id": "c1", "outlet": "Outlet A",
             "claim": {"sources": [{"name": "local sources", "kind": "local"}]}},
            {"report_id": "b", "id": "c1", "outlet": "Outlet B",
             "claim": {"sources": [{"name": "local sources", "kind": "local"}]}},
            {"report_id": "c", "id": "c1", "outlet": None, "title": "t1", "claim": {"sources": []}},
            {"report_id": "d", "id": "c1", "outlet": None, "title": "t2", "claim": {"sources": []}}]
    svg = report_html.chain_graph(rows)
    assert svg.count('class="chain-node"') == 6           # two "local sources", A, B, two unknown outlets
    assert "unknown outlet (t1)" in svg and "unknown outlet (t2)" in svg


def test_chain_graph_survives_a_citation_loop():
    rows = [{"report_id": "a", "id": "c1", "outlet": "A", "claim": {"sources": [{"name": "B", "kind": "media"}]}},
            {"report_id": "b", "id": "c1", "outlet": "B", "claim": {"sources": [{"name": "A", "kind": "media"}]}}]
    svg = report_html.chain_graph(rows)
    assert svg.count('class="chain-node"') == 4 and svg.count('class="edge"') == 2


def test_claims_outside_any_event_still_appear(tmp_path):
    path = fx.build(tmp_path / "s.sqlite")
    con = sqlite3.connect(path)
    con.execute("DELETE FROM event_claims")
    con.execute("DELETE FROM events")
    con.commit()
    con.close()
    db = export.open_store(path)
    html = report_html.render(db)
    db.close()
    assert html.count('<li class="claim"') == fx.N_CLAIMS
    assert len(_data(html)["events"]) == fx.N_LOCATED_CLAIMS     # each claim its own event, located by its place


def test_report_over_the_seeds_pipeline_output(pipeline, tmp_path):
    need_shared()
    path = fx.seeds_store(tmp_path / "seeds.sqlite", pipeline, SEEDS)
    counts = report_html.write_report(path, tmp_path / "seeds.html")
    con = sqlite3.connect(path)
    n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    con.close()
    html = (tmp_path / "seeds.html").read_text(encoding="utf-8")
    assert counts["claims"] == n_claims and html.count('<li class="claim"') == n_claims
    assert f"<b>{n_reports}</b> reports" in html
    assert n_reports == len(list(SEEDS.glob("*.txt")))


def test_sources_section_lists_what_each_outlet_relays(page):
    sec = page[page.index("<h2>Sources</h2>"):page.index("<h2>Events</h2>")]
    assert ("<tr><td><bdi>Al-Manar</bdi></td><td><bdi>المنار</bdi></td><td><bdi>مصادر محلية</bdi></td>"
            "<td>local</td><td>1</td><td>1</td></tr>") in sec
    assert "<td><bdi>(own reporting)</bdi></td>" in sec
    assert sec.count('class="chain-node"') >= 8


def test_empty_store_gives_a_page_that_says_so(tmp_path):
    from khabar import store
    path = tmp_path / "empty.sqlite"
    store.connect(str(path)).close()
    counts = report_html.write_report(path, tmp_path / "e.html")
    html = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert counts["events"] == 0 and "No claims in this store." in html and _data(html)["events"] == []
