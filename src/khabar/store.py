"""The SQLite store: numbered migrations, incremental ingest in transactions, events rebuilt.

Ingest commits in batches, each batch one transaction, so a killed run leaves whole reports
or none; a report already stored (same content hash) is skipped. WAL lets readers work while
an ingest writes.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from importlib import resources

from .model import Event, Rejected, Report, claim_dict, json_text, report_from_dict, to_dict

MIGRATIONS = resources.files("khabar") / "migrations"


def connect(path: str, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        db = sqlite3.connect(path, timeout=60)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        migrate(db)
    db.row_factory = sqlite3.Row
    return db


def migrations() -> list[tuple[int, str, str]]:
    out = []
    for f in sorted(MIGRATIONS.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".sql"):
            out.append((int(f.name.split("_", 1)[0]), f.name, f.read_text(encoding="utf-8")))
    return out


def migrate(db: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded in schema_migrations; returns those applied."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT,"
               " applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
    done = {r[0] for r in db.execute("SELECT version FROM schema_migrations")}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        with db:
            db.executescript("BEGIN;" + sql + f";INSERT INTO schema_migrations(version, name) VALUES ({version}, '{name}');COMMIT;")
        applied.append(version)
    return applied


def _j(v) -> str | None:
    return None if v is None else json_text(v)


def _coords(place: dict | None) -> tuple:
    return (place.get("lat"), place.get("lon")) if place else (None, None)


def _qvalue(q: dict | None):
    if not q:
        return None
    return q.get("value") if q.get("value") is not None else q.get("at_least")


def has_report(db: sqlite3.Connection, report_id: str) -> bool:
    """Whether a report with this content hash is stored (committed or in this connection's transaction)."""
    return db.execute("SELECT 1 FROM reports WHERE id=?", (report_id,)).fetchone() is not None


def insert_report(db: sqlite3.Connection, rep: Report) -> bool:
    """Insert one report with its mentions and claims; False when it was already stored."""
    if db.execute("SELECT 1 FROM reports WHERE id=?", (rep.id,)).fetchone():
        return False
    c = rep.contract()
    db.execute("INSERT INTO reports(id, path, url, outlet, title, published, lang, text, removed, paragraphs)"
               " VALUES (?,?,?,?,?,?,?,?,?,?)",
               (rep.id, rep.path, rep.url, rep.outlet, rep.title, rep.published, rep.lang, rep.text,
                _j(c["removed"]), _j(c["paragraphs"])))
    db.executemany('INSERT INTO mentions(report_id, start, "end", text, kind, id, name, lat, lon, precision)'
                   " VALUES (?,?,?,?,?,?,?,?,?,?)",
                   [(rep.id, m["start"], m["end"], m["text"], m["kind"], m["id"], m["name"], m["lat"], m["lon"],
                     m["precision"]) for m in c["mentions"]])
    rows = []
    for cd in c["claims"]:
        loc = cd["location"] or cd["destination"] or cd["origin"]
        lat, lon = _coords(loc)
        olat, olon = _coords(cd["origin"])
        dlat, dlon = _coords(cd["destination"])
        date = cd["date"] or {}
        srcs = cd["sources"] or []
        rows.append((
            rep.id, cd["id"], cd["type"], cd["modality"], cd["evidence"]["text"], cd["evidence"]["start"],
            cd["evidence"]["end"], date.get("start"), date.get("end"), date.get("precision"), date.get("text"),
            (cd["location"] or {}).get("name"), (cd["origin"] or {}).get("name"),
            (cd["destination"] or {}).get("name"), lat, lon, olat, olon, dlat, dlon,
            _j(cd["agent"]), _j(cd["patient"]), _j(cd["target"]),
            _qvalue(cd["count"]), _qvalue(cd["fatalities"]), _qvalue(cd["injured"]),
            cd["means"], _j(cd["persons"]), _j(srcs), srcs[0]["kind"] if srcs else "outlet",
            srcs[0]["name"] if srcs else rep.outlet, rep.outlet, rep.lang, _j(cd)))
    db.executemany(
        "INSERT INTO claims(report_id, id, type, modality, evidence, evidence_start, evidence_end, date_start,"
        " date_end, date_precision, date_text, location, origin, destination, latitude, longitude,"
        " origin_latitude, origin_longitude, destination_latitude, destination_longitude, agent, patient, target,"
        " count, fatalities, injured, means, persons, sources, source_kind, primary_source, outlet, lang, claim)"
        " VALUES (" + ",".join("?" * 34) + ")", rows)
    return True


def insert_rejected(db: sqlite3.Connection, rej: Rejected) -> None:
    """Record a rejected input; the same input rejected again by a later run replaces its row."""
    db.execute("DELETE FROM rejected WHERE path=? AND code=? AND record IS ?", (rej.path, rej.code, rej.record))
    db.execute("INSERT INTO rejected(path, code, reason, record) VALUES (?,?,?,?)",
               (rej.path, rej.code, rej.reason, rej.record))


# errors that come from one report's content (two claims with one id, a value SQLite cannot
# bind), not from the database: that report is rejected and the batch goes on
_REPORT_ERRORS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError,
                  TypeError, KeyError, ValueError, AttributeError)


def _insert_or_reject(db: sqlite3.Connection, rep: Report) -> bool | Rejected:
    """insert_report inside a savepoint: a report that fails leaves no row behind."""
    db.execute("SAVEPOINT khabar_report")
    try:
        new = insert_report(db, rep)
    except _REPORT_ERRORS as exc:
        db.execute("ROLLBACK TO khabar_report")
        db.execute("RELEASE khabar_report")
        detail = f"storing failed: {type(exc).__name__}: {exc}"[:300]
        return Rejected(rep.path or "<input>", "E_INTERNAL", f"a stage failed on this report: {detail}")
    db.execute("RELEASE khabar_report")
    return new


def ingest(db: sqlite3.Connection, items: Iterable[Report | Rejected], batch: int = 100,
           on_item=None) -> dict:
    """Store reports and rejections in batches of `batch`, one transaction each."""
    stats = {"reports": 0, "skipped": 0, "rejected": 0, "claims": 0}
    pending: list[Report | Rejected] = []

    def flush():
        with db:
            # an explicit BEGIN: otherwise the first report's SAVEPOINT opens the transaction and its
            # RELEASE commits it, so a kill after it leaves a batch stored in part
            if not db.in_transaction:
                db.execute("BEGIN")
            for it in pending:
                if isinstance(it, Rejected):
                    insert_rejected(db, it)
                    stats["rejected"] += 1
                else:
                    done = _insert_or_reject(db, it)
                    if isinstance(done, Rejected):
                        insert_rejected(db, done)
                        stats["rejected"] += 1
                    elif done:
                        stats["reports"] += 1
                        stats["claims"] += len(it.claims)
                    else:
                        stats["skipped"] += 1
        pending.clear()

    for it in items:
        pending.append(it)
        if on_item:
            on_item(it)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return stats


def load_reports(db: sqlite3.Connection, with_text: bool = True) -> Iterator[Report]:
    """Reports with their claims back from the store; without their text (and removed spans)
    when `with_text` is false, as event linking needs only the claims."""
    claims: dict[str, list[dict]] = {}
    for row in db.execute("SELECT report_id, claim FROM claims ORDER BY report_id, rowid"):
        claims.setdefault(row[0], []).append(json.loads(row[1]))
    text = "text, removed" if with_text else "'' AS text, '[]' AS removed"
    for row in db.execute(f"SELECT id, path, url, outlet, title, published, lang, {text} FROM reports"
                          " ORDER BY rowid"):
        d = dict(row)
        d["removed"] = json.loads(d["removed"] or "[]")
        d["claims"] = claims.get(d["id"], [])
        yield report_from_dict(d)


def update_claim_dates(db: sqlite3.Connection, reports: list[Report]) -> None:
    """Store the dates whose year was filled from a linked event (see events.fill_years)."""
    with db:
        for rep in reports:
            for c in rep.claims:
                if c.date is None or not c.date.year_from:
                    continue
                db.execute("UPDATE claims SET date_start=?, date_end=?, claim=? WHERE report_id=? AND id=?",
                           (c.date.start, c.date.end, _j(claim_dict(c)), rep.id, c.id))


def replace_events(db: sqlite3.Connection, events: list[Event]) -> None:
    """Events are derived data: rebuilt whole, in one transaction, after each ingest."""
    with db:
        db.execute("DELETE FROM event_claims")
        db.execute("DELETE FROM events")
        for ev in events:
            d = ev.contract()
            date = d.get("date") or {}
            lat = lon = None
            for p in d.get("places") or []:
                if p.get("lat") is not None:
                    lat, lon = p["lat"], p["lon"]
                    break
            db.execute("INSERT INTO events(id, type, date_start, date_end, date_precision, places, latitude, longitude,"
                       " independent_sources, source_chains, conflicts, circular, claim_count, links, event)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (ev.id, ev.type, date.get("start"), date.get("end"), date.get("precision"), _j(d["places"]),
                        lat, lon, ev.independent_sources, _j(d["source_chains"]), _j(d["conflicts"]),
                        int(bool(ev.circular)), len(ev.claims), _j(d.get("links")), _j(d)))
            db.executemany("INSERT OR REPLACE INTO event_claims(event_id, report_id, claim_id) VALUES (?,?,?)",
                           [(ev.id, *ref.split("#", 1)) for ref in ev.claims])


__all__ = ["connect", "migrate", "ingest", "insert_report", "load_reports", "replace_events", "claim_dict", "to_dict"]
