"""khabar serve: Datasette metadata, FTS migration, canned queries, and the served app itself."""
from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.parse
import urllib.request

import pytest

import analyst_fixture as fx
from khabar import serve, store
from khabar.errors import KhabarError
from khabar.model import Report


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return fx.build(tmp_path_factory.mktemp("serve") / "store.sqlite")


def _query(db_path, name):
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(serve.QUERIES[name]["sql"])]
    finally:
        con.close()


def test_metadata_describes_every_column_of_every_table(db_path):
    meta = serve.metadata("store")
    tables = meta["databases"]["store"]["tables"]
    con = sqlite3.connect(db_path)
    for table in ("reports", "mentions", "claims", "events", "event_claims", "rejected"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        assert tables[table]["description"]
        missing = [c for c in cols if c not in tables[table]["columns"]]
        assert not missing, f"{table}: no description for {missing}"


def test_metadata_facets_map_and_search():
    t = serve.metadata("store")["databases"]["store"]["tables"]
    assert set(t["claims"]["facets"]) >= {"type", "outlet", "source_kind", "modality", "lang"}
    for table in ("claims", "events"):
        cfg = t[table]["plugins"]["datasette-cluster-map"]
        assert (cfg["latitude_column"], cfg["longitude_column"]) == ("latitude", "longitude")
    assert t["claims"]["fts_table"] == "claims_fts" and t["reports"]["fts_table"] == "reports_fts"


def test_serve_is_read_only_on_localhost_by_default(tmp_path):
    args = serve.datasette_args(tmp_path / "s.sqlite", tmp_path / "m.json")
    assert "-i" in args and args[args.index("--host") + 1] == "127.0.0.1"
    assert "-i" not in serve.datasette_args(tmp_path / "s.sqlite", tmp_path / "m.json", live=True)


def test_fts_indexes_reports_and_claims_inserted_after_migration(db_path):
    con = sqlite3.connect(db_path)
    hits = {r[0] for r in con.execute("SELECT c.report_id FROM claims_fts f JOIN claims c ON c.rowid = f.rowid"
                                      " WHERE claims_fts MATCH ?", ("coalition",))}
    assert hits == {"r-fr"}
    ar = {r[0] for r in con.execute("SELECT r.id FROM reports_fts f JOIN reports r ON r.rowid = f.rowid"
                                    " WHERE reports_fts MATCH ?", ("القامشلي",))}
    assert ar == {"r-ar"}


def test_fts_migration_fills_index_of_a_store_made_before_it(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    v1 = [m for m in store.migrations() if m[0] == 1][0]
    con.executescript(v1[2])
    con.execute("INSERT INTO schema_migrations VALUES (1, ?, 'x')", (v1[1],))
    con.execute("INSERT INTO reports(id, text, title) VALUES ('old', 'a convoy crossed the bridge', 't')")
    con.commit()
    con.close()
    serve.prepare(path)                        # brings the schema up to date
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'convoy'").fetchone()[0] == 1


def test_prepare_refuses_a_file_that_is_not_a_store(tmp_path):
    path = tmp_path / "x.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(KhabarError) as e:
        serve.prepare(path)
    assert e.value.code == "E_DB"


def test_canned_query_events_by_independent_sources(tmp_path):
    path = fx.build(tmp_path / "s.sqlite")
    con = sqlite3.connect(path)
    con.execute("UPDATE events SET independent_sources = 3 WHERE id = 'ev-shelling'")
    con.commit()
    con.close()
    rows = _query(path, "events_by_sources")
    assert [r["id"] for r in rows][0] == "ev-shelling"
    assert len(rows) == fx.N_EVENTS
    attack = [r for r in rows if r["id"] == "ev-attack"][0]
    assert attack["claim_count"] == 2 and attack["places"] == "Qamishli"
    assert set(attack["outlets"].split(",")) == {"Al-Manar", "Exemple Info"}


def test_canned_query_outlet_relays_names_who_the_outlet_cites(db_path):
    rows = _query(db_path, "outlet_relays")
    manar = [r for r in rows if r["outlet"] == "Al-Manar"][0]
    assert manar["cites"] == "المنار" and manar["primary_source"] == "مصادر محلية" and manar["primary_kind"] == "local"
    own = [r for r in rows if r["outlet"] == "Exemple Info" and r["claim_types"] == "TRANSFER"][0]
    assert own["cites"] == "(own reporting)"


def test_canned_query_transfer_flows(db_path):
    rows = _query(db_path, "transfer_flows")
    assert len(rows) == 1
    assert rows[0]["flow"] == "North prison → Shaddadi"
    assert (rows[0]["origin_latitude"], rows[0]["destination_latitude"]) == (fx.PRISON.lat, fx.SHADDADI.lat)


def test_canned_query_conflicting_events(db_path):
    rows = _query(db_path, "conflicting_events")
    assert [r["id"] for r in rows] == ["ev-attack"]
    assert "Al-Manar: " in rows[0]["claims"] and "Exemple Info: " in rows[0]["claims"]


def test_canned_query_claim_chains_primary_first(db_path):
    rows = {(r["report_id"], r["id"]): r for r in _query(db_path, "claim_chains")}
    assert rows[("r-ar", "c1")]["chain"] == "مصادر محلية → المنار → Al-Manar"
    assert rows[("r-fr", "c2")]["chain"] == "Exemple Info"


def test_served_datasette_search_facets_queries_and_escaping(db_path):
    name = db_path.stem
    with fx.Served(db_path) as srv:
        status, body = srv.get("/-/databases.json")
        assert status == 200
        dbs = json.loads(body)
        assert [d["is_mutable"] for d in dbs if d["name"] == name] == [False]
        status, body = srv.get(f"/{name}/claims.json?_shape=array&_search=" + urllib.parse.quote("coalition"))
        assert status == 200 and [r["report_id"] for r in json.loads(body)] == ["r-fr"]
        status, body = srv.get(f"/{name}/claims.json?_facet=type&_facet=lang&_size=0")
        facets = json.loads(body)["facet_results"]
        assert {f["value"] for f in facets["lang"]["results"]} == {"ar", "fr", "en"}
        for q in serve.QUERIES:
            status, body = srv.get(f"/{name}/{q}.json?_shape=array")
            assert status == 200, (q, body[:300])
        status, body = srv.get(f"/{name}/claims")
        assert status == 200
        assert "datasette-cluster-map.js" in body
        assert "/khabar-ui/khabar.css" in body
        status, css = srv.get("/khabar-ui/khabar.css")
        assert status == 200 and "unicode-bidi: plaintext" in css
        assert "<script>alert(1)" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        # a write through the API is refused: the store is immutable
        req = urllib.request.Request(srv.url + f"/{name}/claims/-/insert", method="POST",
                                     data=json.dumps({"row": {"report_id": "x", "id": "y", "type": "KILL",
                                                              "claim": "{}"}}).encode(),
                                     headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=10)
        assert e.value.code >= 400          # refused (immutable: Datasette has no write connection)
        status, body = srv.get(f"/{name}/claims.json?_size=0")
        assert json.loads(body)["filtered_table_rows_count"] == fx.N_CLAIMS


def test_pending_wal_is_folded_in_so_an_immutable_open_sees_every_row(tmp_path):
    path = fx.build(tmp_path / "w.sqlite")
    writer = store.connect(str(path))
    writer.execute("PRAGMA wal_autocheckpoint=0")
    with writer:
        store.insert_report(writer, Report(raw="x", text="a late report", id="late", outlet="Late"))
    wal = tmp_path / "w.sqlite-wal"
    assert wal.stat().st_size > 0

    def immutable_count():
        con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        try:
            return con.execute("SELECT count(*) FROM reports").fetchone()[0]
        finally:
            con.close()

    assert immutable_count() == len(fx.reports())          # what serving it immutable would miss
    assert serve.settle_wal(path) is True
    assert immutable_count() == len(fx.reports()) + 1
    writer.close()
