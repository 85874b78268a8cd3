"""`khabar serve`: the store in Datasette, read-only, with a map, facets, search and canned queries.

The database is opened immutable (Datasette's `-i`): nothing served can write to it, and
Datasette can count rows once. `live=True` opens it read-only but mutable instead, for a
store that an ingest is still filling.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from importlib import resources
from pathlib import Path

from .errors import error

TABLES = {
    "reports": {
        "description": "One row per input document (id = content hash of the clean text).",
        "columns": {
            "id": "content hash of the clean text", "path": "file the report was read from",
            "url": "address of the page, when known", "outlet": "who published it",
            "title": "headline", "published": "publication date (ISO)", "lang": "language (fr, ar, en)",
            "text": "clean text; every claim and mention offset indexes it",
            "removed": "JSON [{start,end,reason}]: boilerplate removed from the raw text (captions, share lines...)",
            "paragraphs": "JSON paragraph spans of the clean text", "ingested_at": "when it was stored (UTC)",
        },
        "facets": ["outlet", "lang"],
        "sort_desc": "published",
        "label_column": "title",
    },
    "mentions": {
        "description": "Spans of a report's clean text that name a place, actor, source, date or number.",
        "columns": {
            "report_id": "the report", "start": "offset of the first character in reports.text",
            "end": "offset after the last character", "text": "the span as written", "kind": "place, actor, "
            "person, source, date or number", "id": "linked id (geonames:…, site:…, actor slug, outlet id)",
            "name": "canonical name of what it links to", "lat": "latitude (WGS84) of a place",
            "lon": "longitude (WGS84) of a place", "precision": "site, city, admin1, region or country",
        },
        "facets": ["kind", "precision"],
    },
    "claims": {
        "description": "What one report asserts happened: a typed claim with its evidence sentence, date, "
                       "place(s), actors, figures and the chain of sources it is attributed to. Not the truth: "
                       "a claim keeps the report's own hedging.",
        "columns": {
            "report_id": "the report that makes the claim", "id": "claim id within the report",
            "type": "ATTACK, AIRSTRIKE, SHELLING, KILL, SEIZE, TRANSFER, RELEASE, ARREST, DEPLOY, MEETING, "
                    "AGREEMENT, STATEMENT or PROTEST",
            "modality": "asserted (the outlet states it), reported (attributed), hedged, alleged, denied",
            "evidence": "the words of the report the claim rests on, in the original language",
            "evidence_start": "offset of the evidence in reports.text", "evidence_end": "end offset",
            "date_start": "first day (ISO)", "date_end": "last day (ISO)",
            "date_precision": "day, week, month, year or range", "date_text": "the date as written",
            "location": "where it happened", "origin": "where people were moved from (transfers)",
            "destination": "where people were moved to (transfers)",
            "latitude": "map point: location, else destination, else origin",
            "longitude": "map point: location, else destination, else origin",
            "origin_latitude": "origin latitude", "origin_longitude": "origin longitude",
            "destination_latitude": "destination latitude", "destination_longitude": "destination longitude",
            "agent": "JSON [{id,name}]: who did it", "patient": "JSON [{id,name}]: who it was done to (people moved, "
                     "arrested…)", "target": "JSON [{id,name}]: what was attacked",
            "count": "number of people or things concerned", "fatalities": "people killed (lower bound)",
            "injured": "people wounded (lower bound)", "means": "weapon or vehicle (drone, artillery, helicopter…)",
            "persons": "JSON list of named people",
            "sources": "JSON [{name,kind,id}]: who the claim is attributed to, innermost (primary) first",
            "source_kind": "kind of the primary source (local, official, state-media…; outlet when none is cited)",
            "primary_source": "the primary source (the outlet itself when none is cited)",
            "outlet": "who published the report", "lang": "language of the report",
            "claim": "the whole claim as JSON (as in reports.jsonl)",
        },
        "facets": ["type", "outlet", "source_kind", "modality", "lang"],
        "sort": "date_start",
    },
    "events": {
        "description": "Claims of one or more reports that tell of the same real-world happening, with the "
                       "number of independent primary sources behind them and the conflicts between them.",
        "columns": {
            "id": "event id", "type": "claim type of the event", "date_start": "first day (ISO)",
            "date_end": "last day (ISO)", "date_precision": "day, week, month, year or range",
            "places": "JSON list of places", "latitude": "map point (first located place)",
            "longitude": "map point (first located place)",
            "independent_sources": "independent primary sources: outlets relaying the same source count once",
            "source_chains": "JSON: the attribution chains of its claims",
            "conflicts": "JSON: fields on which its claims disagree (toll, date, place)",
            "circular": "1 when outlets cite each other (circular reporting)",
            "claim_count": "number of claims", "links": "JSON: why each claim joined the event",
            "event": "the whole event as JSON (as in events.jsonl)",
        },
        "facets": ["type", "circular", "independent_sources"],
        "sort_desc": "independent_sources",
    },
    "event_claims": {
        "description": "Which claim belongs to which event (every claim to exactly one).",
        "columns": {"event_id": "the event", "report_id": "the report", "claim_id": "the claim in that report"},
    },
    "rejected": {
        "description": "Inputs that could not be read, with the reason.",
        "columns": {"path": "input", "code": "error code", "reason": "why", "record": "line in a .jsonl input",
                    "at": "when (UTC)"},
        "facets": ["code"],
    },
}

QUERIES = {
    "events_by_sources": {
        "title": "Events by independent-source count",
        "description": "Events with the most independent primary sources first.",
        "sql": """select e.id, e.type, e.date_start, e.date_end, e.independent_sources, e.claim_count,
  e.circular, json_array_length(e.conflicts) as conflicts,
  (select group_concat(json_extract(p.value, '$.name'), '; ') from json_each(e.places) p) as places,
  (select group_concat(distinct c.outlet) from event_claims ec join claims c
     on c.report_id = ec.report_id and c.id = ec.claim_id where ec.event_id = e.id) as outlets,
  e.latitude, e.longitude
from events e
order by e.independent_sources desc, e.claim_count desc, e.date_start""",
    },
    "outlet_relays": {
        "title": "What each outlet relays, and from whom",
        "description": "Per outlet: the source it cites directly, the primary source at the end of the chain, "
                       "and how many claims and reports carry that chain.",
        "sql": """select c.outlet,
  coalesce(json_extract(c.sources, '$[#-1].name'), '(own reporting)') as cites,
  json_extract(c.sources, '$[#-1].kind') as cites_kind,
  c.primary_source, c.source_kind as primary_kind,
  count(*) as claims, count(distinct c.report_id) as reports,
  group_concat(distinct c.type) as claim_types
from claims c
group by c.outlet, cites, cites_kind, c.primary_source, c.source_kind
order by c.outlet, claims desc""",
    },
    "claim_chains": {
        "title": "Attribution chain of every claim",
        "description": "primary source → relays → outlet, innermost first, with the claim's evidence.",
        "sql": """select c.report_id, c.id, c.type, c.modality, c.date_start, c.location,
  coalesce((select group_concat(json_extract(s.value, '$.name'), ' → ') from json_each(c.sources) s)
           || ' → ', '') || coalesce(c.outlet, '?') as chain,
  c.evidence, c.latitude, c.longitude
from claims c
order by c.date_start, c.report_id, c.id""",
    },
    "transfer_flows": {
        "title": "Transfers as origin → destination flows",
        "description": "People moved from one place to another, grouped by origin and destination.",
        "sql": """select coalesce(c.origin, '?') || ' → ' || coalesce(c.destination, '?') as flow,
  c.origin, c.destination, count(*) as claims, count(distinct c.report_id) as reports,
  group_concat(distinct c.outlet) as outlets, min(c.date_start) as first_date, max(c.date_start) as last_date,
  sum(c.count) as people_counted,
  c.origin_latitude, c.origin_longitude, c.destination_latitude, c.destination_longitude
from claims c
where c.type = 'TRANSFER' or (c.origin is not null and c.destination is not null)
group by c.origin, c.destination
order by claims desc, first_date""",
    },
    "conflicting_events": {
        "title": "Events whose claims conflict",
        "description": "Events whose claims disagree on the toll, the date or the place, with each claim's words.",
        "sql": """select e.id, e.type, e.date_start, e.independent_sources, e.claim_count,
  json_array_length(e.conflicts) as n_conflicts, e.conflicts,
  (select group_concat(coalesce(c.outlet, '?') || ': ' || coalesce(c.evidence, ''), '  |  ')
     from event_claims ec join claims c on c.report_id = ec.report_id and c.id = ec.claim_id
     where ec.event_id = e.id) as claims,
  e.latitude, e.longitude
from events e
where e.conflicts is not null and json_valid(e.conflicts) and json_array_length(e.conflicts) > 0
order by n_conflicts desc, e.date_start""",
    },
}

FTS = {"reports": "reports_fts", "claims": "claims_fts"}
STATIC = "khabar-ui"        # where src/khabar/ui/datasette is served


def metadata(db_name: str) -> dict:
    """Datasette metadata: descriptions, facets, full-text search, the map and canned queries."""
    tables = {}
    for name, t in TABLES.items():
        tables[name] = {k: v for k, v in t.items()}
        if name in FTS:
            tables[name].update({"fts_table": FTS[name], "fts_pk": "rowid"})
        if name in ("claims", "events"):
            tables[name]["plugins"] = {"datasette-cluster-map": {"latitude_column": "latitude",
                                                                  "longitude_column": "longitude"}}
        if name == "mentions":
            tables[name]["plugins"] = {"datasette-cluster-map": {"latitude_column": "lat",
                                                                  "longitude_column": "lon"}}
    return {
        "title": "khabar",
        "description": "Sourced, geocoded claims and events from conflict news. Each claim is what one report "
                       "says, with its evidence and attribution chain; events group the claims of many reports.",
        "source": "khabar", "license": "the reports' own terms",
        "databases": {db_name: {"tables": tables, "queries": QUERIES}},
        "plugins": {"datasette-cluster-map": {"latitude_column": "latitude", "longitude_column": "longitude"}},
        "extra_css_urls": [f"/{STATIC}/khabar.css"],
    }


def prepare(path: str | Path) -> Path:
    """Check the file is a khabar store; bring an older store's schema up to date (FTS) when writable."""
    p = Path(path)
    if not p.is_file():
        raise error("E_DB", detail=f"no such file {path}")
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        con.close()
    except sqlite3.DatabaseError as exc:
        raise error("E_DB", detail=f"{path} is not a SQLite file ({exc})") from None
    if not {"reports", "claims", "events"} <= tables:
        raise error("E_DB", detail=f"{path} is not a khabar store (run 'khabar ingest' first)")
    if not set(FTS.values()) <= tables:
        from . import store
        try:
            con = store.connect(str(p))          # applies the missing migrations
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.close()
        except sqlite3.OperationalError:
            pass                                  # read-only file: serve without full-text search
    return p


def settle_wal(path: Path) -> bool:
    """Fold a pending write-ahead log into the file, since an immutable open would not see it.

    True when the file alone holds all the data (no WAL left); False when the WAL could not be
    folded in (an ingest is writing, or the file is read-only): then serve it live.
    """
    wal = Path(str(path) + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return True
    try:
        con = sqlite3.connect(str(path), timeout=2)
        busy, _log, _done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        con.close()
    except sqlite3.Error:
        return False
    return not busy and (not wal.exists() or wal.stat().st_size == 0)


def datasette_args(path: str | Path, metadata_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
                   live: bool = False) -> list[str]:
    args = ["serve", "-i" if not live else "", str(path), "--metadata", str(metadata_path), "--host", host,
            "--port", str(port), "--setting", "sql_time_limit_ms", "5000",
            "--setting", "default_facet_size", "20", "--setting", "allow_download", "on",
            "--static", f"{STATIC}:{resources.files('khabar') / 'ui' / 'datasette'}"]
    return [a for a in args if a]


def serve(path: str | Path, host: str = "127.0.0.1", port: int = 8001, live: bool = False) -> None:
    """Run Datasette on the store until interrupted."""
    from datasette.cli import cli as datasette_cli
    p = prepare(path)
    if not live and not settle_wal(p):
        live = True
        print(f"khabar serve: {p} is being written to; serving it read-only but not immutable", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="khabar-serve-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(p.stem), ensure_ascii=False, indent=1), encoding="utf-8")
        datasette_cli.main(args=datasette_args(p, meta, host, port, live), prog_name="khabar serve",
                           standalone_mode=True)
