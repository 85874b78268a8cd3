"""khabar export: ACLED columns and conventions, GeoJSON for QGIS/geopandas, CSV, JSONL, Parquet."""
from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys

import pytest

import analyst_fixture as fx
from conftest import SEEDS, need_shared
from khabar import export
from khabar.errors import KhabarError


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return fx.build(tmp_path_factory.mktemp("export") / "store.sqlite")


def _acled(db_path, tmp_path):
    out = tmp_path / "acled.csv"
    assert export.export_file(db_path, "acled", out) == fx.N_CLAIMS
    with open(out, encoding="utf-8") as fh:
        return {r["event_id_cnty"]: r for r in csv.DictReader(fh)}


def test_acled_has_acled_column_names_one_row_per_claim(db_path, tmp_path):
    rows = _acled(db_path, tmp_path)
    assert len(rows) == fx.N_CLAIMS
    first = next(iter(rows.values()))
    for col in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude",
                "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities"):
        assert col in first


def test_acled_maps_claim_type_when_claim_has_no_acled_coding(db_path, tmp_path):
    r = _acled(db_path, tmp_path)["r-fr#c1"]
    assert (r["event_type"], r["sub_event_type"]) == ("Battles", "Armed clash")
    assert r["actor1"] == "Unidentified gunmen" and r["actor2"] == "SDF"
    assert r["location"] == "Qamishli" and r["admin1"] == "Al-Hasakah"
    assert r["event_date"] == "2024-03-01" and r["time_precision"] == "1" and r["geo_precision"] == "1"
    assert r["fatalities"] == "5" and r["source"] == "Exemple Info"
    assert r["notes"].startswith("des hommes armés")


def test_acled_uses_claim_acled_coding_and_acled_conventions(db_path, tmp_path):
    rows = _acled(db_path, tmp_path)
    shelling = rows["r-en#c1"]
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["fatalities"] == "0"                       # no death reported codes 0
    statement = rows["r-en#c2"]
    assert statement["event_type"] == "" and statement["latitude"] == "" and statement["geo_precision"] == ""
    assert rows["r-ar#c1"]["source"] == "Al-Manar; المنار"          # outlet, then named relays; not "local sources"
    assert shelling["source"] == "Example Wire; state media"
    transfer = rows["r-fr#c2"]
    assert transfer["event_type"] == "Strategic developments" and transfer["location"] == "Shaddadi"


def test_geojson_one_feature_per_located_claim_and_transfer_is_a_line(db_path, tmp_path):
    gpd = pytest.importorskip("geopandas")
    out = tmp_path / "claims.geojson"
    assert export.export_file(db_path, "geojson", out) == fx.N_LOCATED_CLAIMS
    gdf = gpd.read_file(out)
    assert len(gdf) == fx.N_LOCATED_CLAIMS
    assert gdf.crs.to_epsg() == 4326
    line = gdf[gdf["type"] == "TRANSFER"].geometry.iloc[0]
    assert line.geom_type == "LineString"
    assert list(line.coords) == [(fx.PRISON.lon, fx.PRISON.lat), (fx.SHADDADI.lon, fx.SHADDADI.lat)]
    pt = gdf[gdf["claim_id"].eq("c1") & gdf["report_id"].eq("r-ar")].geometry.iloc[0]
    assert (pt.x, pt.y) == (fx.QAMISHLI.lon, fx.QAMISHLI.lat)          # GeoJSON order: lon, lat
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert all(not isinstance(v, (list, dict)) for f in raw["features"] for v in f["properties"].values())


def test_csv_jsonl_parquet_read_back_with_pandas(db_path, tmp_path):
    pd = pytest.importorskip("pandas")
    for fmt in ("csv", "jsonl", "parquet"):
        export.export_file(db_path, fmt, tmp_path / f"c.{fmt}")
    c = pd.read_csv(tmp_path / "c.csv")
    j = pd.read_json(tmp_path / "c.jsonl", lines=True)
    p = pd.read_parquet(tmp_path / "c.parquet")
    assert len(c) == len(j) == len(p) == fx.N_CLAIMS
    assert set(p["event_id"]) == {e.id for e in fx.events()}
    assert str(p["fatalities"].dtype) == "Int64" or p["fatalities"].dtype.kind in "if"
    assert p.set_index("report_id").loc["r-ar", "evidence"].startswith("مسلحين")
    assert j.set_index("report_id").loc["r-fr"].iloc[0]["evidence"]["text"].startswith("des hommes")


def test_export_errors_are_coded(db_path, tmp_path):
    with pytest.raises(KhabarError) as e:
        export.export_file(db_path, "parquet", None)
    assert e.value.code == "E_FORMAT"
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(KhabarError) as e:
        export.export_file(other, "csv", tmp_path / "x.csv")
    assert e.value.code == "E_DB"


def test_cli_export_writes_to_stdout(db_path):
    r = subprocess.run([sys.executable, "-c", "from khabar.cli import run; run()", "export", str(db_path),
                        "--format", "jsonl"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert len([ln for ln in r.stdout.splitlines() if ln.strip()]) == fx.N_CLAIMS


def test_seeds_export_read_back_rows_equal_claims_features_equal_located(pipeline, tmp_path):
    """Acceptance: the real pipeline over the seeds, exported and read back with pandas / geopandas."""
    need_shared()
    pd = pytest.importorskip("pandas")
    gpd = pytest.importorskip("geopandas")
    path = fx.seeds_store(tmp_path / "seeds.sqlite", pipeline, SEEDS)
    con = sqlite3.connect(path)
    n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    n_located = con.execute("SELECT count(*) FROM claims WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
                            ).fetchone()[0]
    con.close()
    for fmt in ("csv", "acled", "jsonl", "parquet", "geojson"):
        export.export_file(path, fmt, tmp_path / f"seeds.{fmt}")
    assert len(pd.read_csv(tmp_path / "seeds.csv")) == n_claims
    assert len(pd.read_csv(tmp_path / "seeds.acled")) == n_claims
    assert len(pd.read_parquet(tmp_path / "seeds.parquet")) == n_claims
    jl = [ln for ln in (tmp_path / "seeds.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(jl) == n_claims
    if n_located:
        assert len(gpd.read_file(tmp_path / "seeds.geojson")) == n_located
    assert len(json.loads((tmp_path / "seeds.geojson").read_text(encoding="utf-8"))["features"]) == n_located


def test_empty_store_exports_headers_and_an_empty_collection(tmp_path):
    pd = pytest.importorskip("pandas")
    from khabar import store
    path = tmp_path / "empty.sqlite"
    store.connect(str(path)).close()
    assert export.export_file(path, "geojson", tmp_path / "e.geojson") == 0
    assert json.loads((tmp_path / "e.geojson").read_text())["features"] == []
    export.export_file(path, "parquet", tmp_path / "e.parquet")
    p = pd.read_parquet(tmp_path / "e.parquet")
    assert len(p) == 0 and list(p.columns) == [c for c, _ in export.FLAT_COLUMNS]
