"""Crash-safe incremental ingest: `khabar ingest` killed with SIGKILL part-way through 2,000
reports, then run again, stores every report exactly once with no partial rows; readers see
consistent snapshots while it writes (WAL)."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

KHABAR = [sys.executable, "-c", "from khabar.cli import run; run()"]
N = 2000

# hand-made, general building blocks; every combination with its index is a distinct report
TEMPLATES = [
    "{src_en} said {n} fighters were killed in clashes near {town} on {day_en}.",
    "An airstrike hit a vehicle on the road to {town} on {day_en}, killing {n} people, {src_en} reported.",
    "Selon {src_fr}, des combats ont opposé deux groupes armés près de {town} {day_fr} ; {n} morts.",
    "Un drone aurait visé une position à {town} {day_fr}, faisant {n} blessés, d'après {src_fr}.",
    "قالت {src_ar} إن {n} عناصر قتلوا في اشتباكات قرب {town_ar} يوم {day_ar}.",
    "أفادت {src_ar} بأن قصفاً مدفعياً استهدف {town_ar} يوم {day_ar} وأسفر عن إصابة {n} مدنيين.",
]
TOWNS = ["Hasakah", "Qamishli", "Raqqa", "Manbij", "Kobani", "Tal Tamr", "Deir ez-Zor", "Mosul", "Sinjar", "Tikrit"]
TOWNS_AR = ["الحسكة", "القامشلي", "الرقة", "منبج", "عين العرب", "تل تمر", "دير الزور", "الموصل", "سنجار", "تكريت"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS_AR = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
SRC_EN = ["local sources", "residents", "a military official", "the monitoring group", "state media"]
SRC_FR = ["des sources locales", "des habitants", "un responsable militaire", "l'agence officielle", "une ONG"]
SRC_AR = ["مصادر محلية", "الأهالي", "مصدر عسكري", "وكالة الأنباء الرسمية", "منظمة حقوقية"]


def report_texts(n: int = N) -> list[str]:
    out = []
    for i in range(n):
        t = TEMPLATES[i % len(TEMPLATES)]
        k = i // len(TEMPLATES)
        body = t.format(n=2 + k % 40, town=TOWNS[k % len(TOWNS)], town_ar=TOWNS_AR[k % len(TOWNS_AR)],
                        day_en=DAYS_EN[k % 7], day_fr=DAYS_FR[k % 7], day_ar=DAYS_AR[k % 7],
                        src_en=SRC_EN[k % 5], src_fr=SRC_FR[k % 5], src_ar=SRC_AR[k % 5])
        out.append(f"{body} ({i})")   # the index makes every clean text, hence every id, distinct
    return out


def write_input(path: Path, n: int = N) -> Path:
    f = path / "reports.jsonl"
    with open(f, "w", encoding="utf-8") as fh:
        for i, text in enumerate(report_texts(n)):
            fh.write(json.dumps({"text": text, "url": f"https://example.org/r/{i}", "outlet": "Example",
                                 "published": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"}, ensure_ascii=False) + "\n")
    return f


def _count(db: Path) -> int:
    """Reports stored, seen through a read-only connection (never blocks the writer)."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM reports").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _snapshot_consistent(db: Path) -> tuple[int, int]:
    """In one read transaction: no claim or mention without its report. Returns (reports, claims)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        con.execute("BEGIN")
        reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        orphans = con.execute("SELECT (SELECT count(*) FROM claims WHERE report_id NOT IN (SELECT id FROM reports))"
                              " + (SELECT count(*) FROM mentions WHERE report_id NOT IN (SELECT id FROM reports))"
                              ).fetchone()[0]
        con.execute("COMMIT")
    finally:
        con.close()
    assert orphans == 0, "a reader saw claims or mentions of a report not (yet) stored"
    return reports, claims


def _ingest(src: Path, db: Path, batch: int) -> subprocess.Popen:
    return subprocess.Popen([*KHABAR, "ingest", str(src), "--db", str(db), "--batch", str(batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen, timeout: float = 300) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert "Traceback" not in err, err
    assert proc.returncode == 0, err
    return out


def _rows(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        return {
            "paths": [r[0] for r in con.execute("SELECT path FROM reports")],
            "ids": [r[0] for r in con.execute("SELECT id FROM reports")],
            "claims": dict(con.execute("SELECT r.path, count(c.id) FROM reports r LEFT JOIN claims c"
                                       " ON c.report_id = r.id GROUP BY r.id")),
            "mentions": dict(con.execute("SELECT r.path, count(m.report_id) FROM reports r LEFT JOIN mentions m"
                                         " ON m.report_id = r.id GROUP BY r.id")),
            "orphan_claims": con.execute("SELECT count(*) FROM claims WHERE report_id NOT IN"
                                         " (SELECT id FROM reports)").fetchone()[0],
            "orphan_mentions": con.execute("SELECT count(*) FROM mentions WHERE report_id NOT IN"
                                           " (SELECT id FROM reports)").fetchone()[0],
            "integrity": con.execute("PRAGMA integrity_check").fetchone()[0],
            "event_claims": con.execute("SELECT count(*) FROM event_claims").fetchone()[0],
            "all_claims": con.execute("SELECT count(*) FROM claims").fetchone()[0],
            "rejected": con.execute("SELECT count(*) FROM rejected").fetchone()[0],
            "rejections": [tuple(r) for r in con.execute("SELECT path, reason FROM rejected LIMIT 5")],
        }
    finally:
        con.close()


@pytest.mark.slow
def test_ingest_killed_mid_run_then_rerun_stores_every_report_exactly_once(tmp_path):
    src = write_input(tmp_path)
    db = tmp_path / "k.sqlite"
    proc = _ingest(src, db, batch=10)
    seen: list[int] = []
    deadline = time.monotonic() + 240
    try:
        # readers work while the ingest writes, and see whole reports only; kill once some are stored
        while time.monotonic() < deadline and proc.poll() is None:
            n = _count(db)
            if n:
                seen.append(_snapshot_consistent(db)[0])
                if n >= 30:
                    break
            time.sleep(0.02)
        assert proc.poll() is None, "the ingest finished before it could be killed (make the input larger)"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert seen == sorted(seen), "a reader saw the report count go down"
    partial = _rows(db)
    assert 0 < len(partial["ids"]) < N, f"kill landed outside the run: {len(partial['ids'])} stored"
    assert (len(partial["ids"]) + partial["rejected"]) % 10 == 0, "a batch was stored in part"
    assert partial["orphan_claims"] == partial["orphan_mentions"] == 0
    assert partial["integrity"] == "ok"

    out = _finish(_ingest(src, db, batch=10))
    after = _rows(db)
    assert after["integrity"] == "ok"
    assert after["rejected"] == 0, f"reports rejected: {after['rejections']}"
    assert len(after["ids"]) == len(set(after["ids"])) == N, "a report is missing or doubled"
    assert sorted(after["paths"]) == sorted(f"{src}#{i}" for i in range(1, N + 1))
    assert after["orphan_claims"] == after["orphan_mentions"] == 0
    assert after["event_claims"] == after["all_claims"], "every claim belongs to one event"

    # the same claims and mentions per report as one uninterrupted run
    fresh_db = tmp_path / "fresh.sqlite"
    _finish(_ingest(src, fresh_db, batch=500))
    fresh = _rows(fresh_db)
    assert after["claims"] == fresh["claims"]
    assert after["mentions"] == fresh["mentions"]
    assert sorted(after["ids"]) == sorted(fresh["ids"])
    assert "skipped" in out


def test_rerun_of_a_complete_ingest_adds_nothing(tmp_path):
    src = write_input(tmp_path, n=60)
    db = tmp_path / "k.sqlite"
    _finish(_ingest(src, db, batch=7))
    first = _rows(db)
    _finish(_ingest(src, db, batch=7))
    second = _rows(db)
    assert len(first["ids"]) == 60
    assert second == first


def test_a_stored_report_stops_after_clean_on_a_rerun(monkeypatch):
    """Re-running an interrupted ingest does not extract again what is stored: the pipeline stops a
    report whose content hash the store already holds right after clean."""
    from khabar import pipeline as pl
    from khabar.model import Report
    ran: list[str] = []
    stages = [(name, (lambda n, f: lambda rep, ctx: (ran.append(n), f(rep, ctx))[1])(name, fn))
              for name, fn in pl.STAGES]
    monkeypatch.setattr(pl, "STAGES", stages)
    pipe = pl.Pipeline()
    texts = report_texts(3)
    stored = {pl.report_id(texts[0])}
    pipe.known = stored.__contains__
    first = pipe.process(Report(raw=texts[0]))
    assert ran == ["clean"] and first.id in stored and not first.claims
    ran.clear()
    pipe.process(Report(raw=texts[1]))
    assert ran == [n for n, _ in pl.STAGES]
