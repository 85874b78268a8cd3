"""Exports of a khabar store: ACLED-style rows, GeoJSON, CSV, JSONL, Parquet.

Every tabular format has one row per claim (a claim is what one report asserts; the
`event_id` column groups the claims of one event). GeoJSON has one feature per located
claim: a Point at the claim's place, or a LineString origin -> destination when a claim
(a transfer) has both ends located.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from pathlib import Path
from typing import IO, Any

from .errors import error
from .model import json_text

FORMATS = ("acled", "geojson", "csv", "jsonl", "parquet")

# ACLED event_type / sub_event_type by claim type (DESIGN.md), used when a claim carries no
# `acled` coding of its own. STATEMENT is not coded by ACLED: empty strings.
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "ATTACK": ("Battles", "Armed clash"),
    "AIRSTRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SHELLING": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "KILL": ("Violence against civilians", "Attack"),
    "SEIZE": ("Battles", "Non-state actor overtakes territory"),
    "TRANSFER": ("Strategic developments", "Other"),
    "RELEASE": ("Strategic developments", "Other"),
    "ARREST": ("Strategic developments", "Arrests"),
    "DEPLOY": ("Strategic developments", "Other"),
    "MEETING": ("Strategic developments", "Other"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "STATEMENT": ("", ""),
    "PROTEST": ("Protests", "Peaceful protest"),
}

# ACLED geo_precision: 1 the place itself, 2 near a town / part of a region, 3 only a large region
GEO_PRECISION = {"site": 1, "city": 1, "town": 1, "village": 1, "admin2": 2, "district": 2,
                 "admin1": 3, "region": 3, "country": 3}
# ACLED time_precision: 1 the day, 2 a week or a few days, 3 longer / rough
TIME_PRECISION = {"day": 1, "week": 2, "range": 2, "month": 3, "year": 3}

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location",
                 "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                 # khabar's own columns, to trace each row back
                 "khabar_event_id", "khabar_claim_type", "khabar_modality", "khabar_report_id", "khabar_lang",
                 "khabar_sources", "khabar_url"]

# flat columns of csv / parquet rows (in this order); list-valued fields are JSON strings
FLAT_COLUMNS = [
    ("report_id", "string"), ("claim_id", "string"), ("event_id", "string"), ("type", "string"),
    ("modality", "string"), ("evidence", "string"), ("evidence_start", "int"), ("evidence_end", "int"),
    ("lang", "string"), ("outlet", "string"), ("url", "string"), ("title", "string"), ("published", "string"),
    ("date_start", "string"), ("date_end", "string"), ("date_precision", "string"), ("date_text", "string"),
    ("location", "string"), ("latitude", "float"), ("longitude", "float"), ("precision", "string"),
    ("admin1", "string"), ("country", "string"),
    ("origin", "string"), ("origin_latitude", "float"), ("origin_longitude", "float"),
    ("destination", "string"), ("destination_latitude", "float"), ("destination_longitude", "float"),
    ("agent", "string"), ("patient", "string"), ("target", "string"),
    ("count", "int"), ("fatalities", "int"), ("injured", "int"), ("means", "string"), ("persons", "string"),
    ("sources", "string"), ("source_kind", "string"), ("primary_source", "string"), ("source_chain", "string"),
    ("acled_event_type", "string"), ("acled_sub_event_type", "string"),
    ("independent_sources", "int"),
]


def open_store(path: str | Path) -> sqlite3.Connection:
    """The store opened read-only; a clear error when it is not a khabar database."""
    p = Path(path)
    if not p.is_file():
        raise error("E_DB", detail=f"no such file {path}")
    db = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise error("E_DB", detail=f"{path} is not a SQLite file ({exc})") from None
    missing = {"reports", "claims", "events", "event_claims"} - tables
    if missing:
        raise error("E_DB", detail=f"{path} is not a khabar store (no {', '.join(sorted(missing))} table)")
    return db


def _loads(s: str | None, default: Any = None) -> Any:
    if s is None or s == "":
        return default
    try:
        return json.loads(s)
    except ValueError:
        return default


def _names(items: list | None) -> list[str]:
    out = []
    for a in items or []:
        if isinstance(a, dict):
            n = a.get("name") or a.get("id")
        else:
            n = str(a)
        if n and n not in out:
            out.append(n)
    return out


def claims(db: sqlite3.Connection) -> list[dict]:
    """Every claim with its report's metadata, its event and its parsed JSON (`claim`)."""
    rows = db.execute(
        "SELECT c.*, r.url AS url, r.title AS title, r.published AS published, r.path AS path,"
        " ec.event_id AS event_id, e.independent_sources AS independent_sources"
        " FROM claims c JOIN reports r ON r.id = c.report_id"
        " LEFT JOIN event_claims ec ON ec.report_id = c.report_id AND ec.claim_id = c.id"
        " LEFT JOIN events e ON e.id = ec.event_id"
        " ORDER BY c.date_start IS NULL, c.date_start, r.rowid, c.rowid")
    out = []
    for r in rows:
        d = dict(r)
        d["claim"] = _loads(d.get("claim"), {}) or {}
        out.append(d)
    return out


def events(db: sqlite3.Connection) -> list[dict]:
    """Every event with its JSON columns parsed and its claim refs."""
    refs: dict[str, list[tuple[str, str]]] = {}
    for r in db.execute("SELECT event_id, report_id, claim_id FROM event_claims ORDER BY rowid"):
        refs.setdefault(r[0], []).append((r[1], r[2]))
    out = []
    for r in db.execute("SELECT * FROM events ORDER BY date_start IS NULL, date_start, rowid"):
        d = dict(r)
        for k, default in (("places", []), ("source_chains", []), ("conflicts", []), ("links", []), ("event", {})):
            d[k] = _loads(d.get(k), default) or default
        d["refs"] = refs.get(d["id"], [])
        out.append(d)
    return out


def place_of(claim: dict) -> dict | None:
    """The place a claim is mapped at: its location, else destination, else origin (as the store does)."""
    for k in ("location", "destination", "origin"):
        p = claim.get(k)
        if p and p.get("lat") is not None and p.get("lon") is not None:
            return p
    for k in ("location", "destination", "origin"):
        if claim.get(k):
            return claim[k]
    return None


def source_chain(row: dict) -> list[str]:
    """Who said it, innermost (primary) first, ending with the outlet that published the report."""
    chain = _names(row["claim"].get("sources"))
    if row.get("outlet") and (not chain or chain[-1] != row["outlet"]):
        chain.append(row["outlet"])
    return chain


UNNAMED = {"anonymous", "local", "residents"}


def acled_sources(row: dict) -> list[str]:
    """ACLED's `source`: the outlet, then the named sources it relays (outermost first); unnamed
    sources ("local sources", "residents") are not sources ACLED lists."""
    out = [row["outlet"]] if row.get("outlet") else []
    for s in reversed(row["claim"].get("sources") or []):
        if isinstance(s, dict) and s.get("kind") not in UNNAMED and s.get("name"):
            if s["name"].casefold() not in {o.casefold() for o in out}:
                out.append(s["name"])
    if not out:      # no outlet and only unnamed sources: name those rather than nothing
        out = [s["name"] for s in reversed(row["claim"].get("sources") or []) if isinstance(s, dict) and s.get("name")]
    return out


def acled_type(claim: dict) -> tuple[str, str]:
    ac = claim.get("acled") or {}
    if ac.get("event_type"):
        return ac.get("event_type") or "", ac.get("sub_event_type") or ""
    return ACLED_TYPES.get(claim.get("type") or "", ("", ""))


def flat_row(row: dict) -> dict:
    c = row["claim"]
    place = place_of(c) or {}
    et, st = acled_type(c)
    j = lambda v: json_text(v) if v else None  # noqa: E731
    return {
        "report_id": row["report_id"], "claim_id": row["id"], "event_id": row.get("event_id"),
        "type": row["type"], "modality": row.get("modality"), "evidence": row.get("evidence"),
        "evidence_start": row.get("evidence_start"), "evidence_end": row.get("evidence_end"),
        "lang": row.get("lang"), "outlet": row.get("outlet"), "url": row.get("url"), "title": row.get("title"),
        "published": row.get("published"),
        "date_start": row.get("date_start"), "date_end": row.get("date_end"),
        "date_precision": row.get("date_precision"), "date_text": row.get("date_text"),
        "location": place.get("name") if place else None,
        "latitude": row.get("latitude"), "longitude": row.get("longitude"),
        "precision": place.get("precision"), "admin1": place.get("admin1"), "country": place.get("country"),
        "origin": row.get("origin"), "origin_latitude": row.get("origin_latitude"),
        "origin_longitude": row.get("origin_longitude"),
        "destination": row.get("destination"), "destination_latitude": row.get("destination_latitude"),
        "destination_longitude": row.get("destination_longitude"),
        "agent": j(c.get("agent")), "patient": j(c.get("patient")), "target": j(c.get("target")),
        "count": row.get("count"), "fatalities": row.get("fatalities"), "injured": row.get("injured"),
        "means": row.get("means"), "persons": j(c.get("persons")), "sources": j(c.get("sources")),
        "source_kind": row.get("source_kind"), "primary_source": row.get("primary_source"),
        "source_chain": " < ".join(source_chain(row)) or None,
        "acled_event_type": et or None, "acled_sub_event_type": st or None,
        "independent_sources": row.get("independent_sources"),
    }


def acled_row(row: dict) -> dict:
    """One claim in ACLED's column names and conventions."""
    c = row["claim"]
    place = place_of(c) or {}
    et, st = acled_type(c)
    actors1 = _names(c.get("agent"))
    actors2 = _names(c.get("target")) or _names(c.get("patient"))
    date = row.get("date_start") or ""
    chain = source_chain(row)
    fat = row.get("fatalities")
    return {
        "event_id_cnty": f"{row['report_id']}#{row['id']}",
        "event_date": date,
        "year": int(date[:4]) if date[:4].isdigit() else None,
        "time_precision": TIME_PRECISION.get(row.get("date_precision") or "", 3 if date else None),
        "event_type": et, "sub_event_type": st,
        "actor1": actors1[0] if actors1 else "", "assoc_actor_1": "; ".join(actors1[1:]),
        "actor2": actors2[0] if actors2 else "", "assoc_actor_2": "; ".join(actors2[1:]),
        "country": place.get("country") or "", "admin1": place.get("admin1") or "",
        "location": place.get("name") or "",
        "latitude": row.get("latitude"), "longitude": row.get("longitude"),
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "", 3) if row.get("latitude") is not None
        else None,
        "source": "; ".join(acled_sources(row)),
        "notes": row.get("evidence") or "",
        "fatalities": int(fat) if fat is not None else 0,
        "khabar_event_id": row.get("event_id"), "khabar_claim_type": row["type"],
        "khabar_modality": row.get("modality"), "khabar_report_id": row["report_id"],
        "khabar_lang": row.get("lang"), "khabar_sources": " < ".join(chain), "khabar_url": row.get("url") or "",
    }


def geojson(rows: list[dict]) -> dict:
    """A FeatureCollection, one feature per located claim (lon, lat order, WGS84)."""
    feats = []
    for row in rows:
        if row.get("latitude") is None or row.get("longitude") is None:
            continue
        props = flat_row(row)
        if None not in (row.get("origin_latitude"), row.get("origin_longitude"), row.get("destination_latitude"),
                        row.get("destination_longitude")):
            geom = {"type": "LineString", "coordinates": [[row["origin_longitude"], row["origin_latitude"]],
                                                          [row["destination_longitude"], row["destination_latitude"]]]}
        else:
            geom = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        feats.append({"type": "Feature", "id": f"{row['report_id']}#{row['id']}", "geometry": geom,
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}      # RFC 7946: WGS84 lon/lat, no "crs" member


def _arrow_table(records: list[dict], columns: list[tuple[str, str]]):
    import pyarrow as pa
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
    arrays = []
    for name, t in columns:
        vals = [r.get(name) for r in records]
        if t == "int":
            vals = [None if v is None else int(v) for v in vals]
        elif t == "float":
            vals = [None if v is None else float(v) for v in vals]
        else:
            vals = [None if v is None else str(v) for v in vals]
        arrays.append(pa.array(vals, type=types[t]))
    return pa.Table.from_arrays(arrays, names=[n for n, _ in columns])


def export(db: sqlite3.Connection, fmt: str, out: IO | str | Path | None = None) -> int:
    """Write the store in `fmt` to `out` (path, binary/text stream, or stdout); returns rows/features."""
    if fmt not in FORMATS:
        raise error("E_FORMAT", detail=f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    rows = claims(db)
    if fmt == "parquet":
        if out is None or out == "-":
            raise error("E_FORMAT", detail="parquet is binary: give an output file with -o")
        import pyarrow.parquet as pq
        pq.write_table(_arrow_table([flat_row(r) for r in rows], FLAT_COLUMNS), str(out))
        return len(rows)
    buf = io.StringIO()
    if fmt == "geojson":
        gj = geojson(rows)
        buf.write(json_text(gj))
        n = len(gj["features"])
    elif fmt == "jsonl":
        for r in rows:
            rec = dict(r["claim"])
            rec.update({"report_id": r["report_id"], "event_id": r.get("event_id"), "outlet": r.get("outlet"),
                        "lang": r.get("lang"), "url": r.get("url"), "title": r.get("title"),
                        "published": r.get("published")})
            buf.write(json_text(rec) + "\n")
        n = len(rows)
    else:
        recs = [acled_row(r) for r in rows] if fmt == "acled" else [flat_row(r) for r in rows]
        cols = ACLED_COLUMNS if fmt == "acled" else [c for c, _ in FLAT_COLUMNS]
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(recs)
        n = len(rows)
    text = buf.getvalue()
    if out is None or out == "-":
        sys.stdout.write(text)
    elif isinstance(out, (str, Path)):
        Path(out).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return n


def export_file(db_path: str | Path, fmt: str, out: str | Path | None = None) -> int:
    db = open_store(db_path)
    try:
        return export(db, fmt, out)
    finally:
        db.close()
