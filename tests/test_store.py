"""The SQLite store: migrations recorded once, batches in transactions, skip by content hash,
a bad report rolled back alone, rejections not doubled, WAL readers, read-only connections."""
from __future__ import annotations

import sqlite3

import pytest

from khabar import store
from khabar.model import Claim, Evidence, Mention, Rejected, Report
from khabar.pipeline import report_id

TEXT = "Clashes broke out near the town on Monday. Two fighters were killed, local sources said."


def rep(text: str = TEXT, path: str = "a.txt", claims: int = 1, dup_claim_id: bool = False) -> Report:
    r = Report(raw=text, path=path, text=text, lang="en")
    r.id = report_id(text)
    r.mentions = [Mention(0, 7, text[:7], "number")]
    for i in range(claims):
        cid = "c1" if dup_claim_id else f"c{i + 1}"
        r.claims.append(Claim(id=cid, type="ATTACK", evidence=Evidence(0, 41, text[:41])))
    return r


def counts(db) -> tuple[int, int, int, int]:
    return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("reports", "claims", "mentions", "rejected"))


def test_migrations_are_recorded_and_applied_once(tmp_path):
    f = str(tmp_path / "k.sqlite")
    db = store.connect(f)
    versions = [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _, _ in store.migrations()]
    assert store.migrate(db) == []
    db.close()
    assert store.migrate(store.connect(f)) == []


def test_store_uses_wal_so_readers_do_not_block_the_writer(tmp_path):
    f = str(tmp_path / "k.sqlite")
    db = store.connect(f)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.ingest(db, [rep()])
    reader = store.connect(f, readonly=True)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    # the writer commits while the reader holds its snapshot
    store.ingest(db, [rep(TEXT + " More.", "b.txt")])
    assert reader.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_read_only_connection_cannot_write(tmp_path):
    f = str(tmp_path / "k.sqlite")
    store.connect(f).close()
    ro = store.connect(f, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.execute("DELETE FROM reports")


def test_a_report_already_stored_is_skipped_by_content_hash(tmp_path):
    db = store.connect(str(tmp_path / "k.sqlite"))
    s1 = store.ingest(db, [rep(path="a.txt"), rep(path="copy-of-a.txt")])
    s2 = store.ingest(db, [rep(path="again.txt")])
    assert (s1["reports"], s1["skipped"], s2["reports"], s2["skipped"]) == (1, 1, 0, 1)
    assert counts(db)[:3] == (1, 1, 1)


def test_a_crash_inside_a_batch_keeps_whole_batches_only(tmp_path):
    db = store.connect(str(tmp_path / "k.sqlite"))

    def items():
        for i in range(25):
            if i == 17:
                raise KeyboardInterrupt  # the process dies while the third batch is pending
            yield rep(f"{TEXT} ({i})", f"{i}.txt", claims=2)
    with pytest.raises(KeyboardInterrupt):
        store.ingest(db, items(), batch=5)
    assert counts(db)[:3] == (15, 30, 15)
    orphans = db.execute("SELECT count(*) FROM claims WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
    assert orphans == 0


def test_a_report_that_cannot_be_stored_is_rejected_alone(tmp_path):
    """Two claims with one id break the claims primary key: that report leaves no row, the rest are stored."""
    db = store.connect(str(tmp_path / "k.sqlite"))
    bad = rep(TEXT + " Bad.", "bad.txt", claims=2, dup_claim_id=True)
    stats = store.ingest(db, [rep(), bad, rep(TEXT + " Good.", "good.txt")], batch=10)
    assert (stats["reports"], stats["rejected"]) == (2, 1)
    assert counts(db) == (2, 2, 2, 1)
    row = db.execute("SELECT path, code, reason FROM rejected").fetchone()
    assert row["path"] == "bad.txt" and row["code"] == "E_INTERNAL" and "IntegrityError" in row["reason"]
    assert db.execute("SELECT count(*) FROM mentions WHERE report_id=?", (bad.id,)).fetchone()[0] == 0


def test_a_rejection_seen_again_replaces_its_row(tmp_path):
    db = store.connect(str(tmp_path / "k.sqlite"))
    items = [Rejected("x.txt", "E_EMPTY", "no text in input"), Rejected("r.jsonl", "E_JSON", "line 2", 2),
             Rejected("r.jsonl", "E_JSON", "line 5", 5)]
    store.ingest(db, items)
    store.ingest(db, items)
    rows = sorted(tuple(r) for r in db.execute("SELECT path, code, record FROM rejected"))
    assert rows == [("r.jsonl", "E_JSON", 2), ("r.jsonl", "E_JSON", 5), ("x.txt", "E_EMPTY", None)]


def test_reports_come_back_with_their_claims(tmp_path):
    db = store.connect(str(tmp_path / "k.sqlite"))
    store.ingest(db, [rep(claims=3)])
    [back] = list(store.load_reports(db))
    assert back.id == report_id(TEXT) and back.text == TEXT
    assert [c.id for c in back.claims] == ["c1", "c2", "c3"]
    assert back.claims[0].evidence.text == TEXT[:41]


def test_first_report_of_a_batch_is_not_committed_alone(tmp_path):
    from khabar import store
    from khabar.model import Report

    path = tmp_path / "k.sqlite"
    db = store.connect(str(path))
    seen = []

    def peek(_item):
        # what another connection sees while the batch is being written
        other = store.connect(str(path), readonly=True)
        seen.append(other.execute("SELECT count(*) FROM reports").fetchone()[0])
        other.close()

    reps = [Report(raw=f"r{i}", text=f"report {i}", id=f"id{i}") for i in range(4)]
    original = store.insert_report

    def slow_insert(db_, rep):
        out = original(db_, rep)
        peek(rep)
        return out

    store.insert_report = slow_insert
    try:
        store.ingest(db, reps, batch=4)
    finally:
        store.insert_report = original
    assert seen == [0, 0, 0, 0], "a report was visible before its batch was committed"
    assert db.execute("SELECT count(*) FROM reports").fetchone()[0] == 4
    db.close()
