"""Local worker processes: same output as one process, in input order, failures contained."""
from __future__ import annotations

import json
import os

from click.testing import CliRunner

from khabar.cli import main
from khabar.model import Rejected, Report
from khabar.parallel import run_items, run_parallel
from khabar.pipeline import Pipeline

from conftest import EXAMPLES, SEEDS


def _inputs():
    return [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.exists() else [])


def _lines(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_workers_2_writes_the_same_reports_as_one_process(tmp_path):
    runner = CliRunner()
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = runner.invoke(main, ["extract", *_inputs(), "-o", str(one)])
    r2 = runner.invoke(main, ["extract", *_inputs(), "-o", str(two), "--workers", "2"])
    assert r1.exit_code == 0, r1.output
    assert r2.exit_code == 0, r2.output
    a, b = _lines(one / "reports.jsonl"), _lines(two / "reports.jsonl")
    assert len(a) >= 5
    key = lambda d: d["id"]  # noqa: E731
    assert sorted(a, key=key) == sorted(b, key=key)
    assert _lines(one / "events.jsonl") == _lines(two / "events.jsonl")
    assert _lines(one / "rejected.jsonl") == _lines(two / "rejected.jsonl")


def test_results_come_back_in_input_order_with_rejections_in_place(tmp_path):
    (tmp_path / "a.txt").write_text("Des combattants ont attaqué un poste près de Raqqa.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")                      # rejected while reading
    (tmp_path / "c.txt").write_text("Fighters attacked a checkpoint near Hasakah.\n", encoding="utf-8")
    pipe = Pipeline()
    serial = [(type(x).__name__, getattr(x, "path", None)) for x in pipe.run([str(tmp_path)])]
    par = [(type(x).__name__, getattr(x, "path", None))
           for x in run_parallel(pipe, [str(tmp_path)], workers=2, chunksize=1)]
    assert par == serial
    assert [k for k, _ in par] == ["Report", "Rejected", "Report"]


def test_slimmed_reports_keep_their_contract():
    pipe = Pipeline()
    reps = [Report(raw=f"Report {i}: fighters attacked a checkpoint near Hasakah on {i} March.", path=f"r{i}")
            for i in range(20)]
    serial = [pipe.process(Report(raw=r.raw, path=r.path)).contract() for r in reps]
    par = [x.contract() for x in run_items(pipe, reps, workers=2, chunksize=3, window=1)]
    assert par == serial


class _Crashing(Pipeline):
    """Kills its worker process on one report, raises on another."""

    def safe_process(self, report):
        if "CRASH" in report.raw:
            os._exit(3)
        if "RAISE" in report.raw:
            raise RuntimeError("boom")
        return super().safe_process(report)


def test_a_dead_worker_becomes_rejected_entries_and_the_run_goes_on():
    reps = [Report(raw="Fighters attacked a checkpoint near Hasakah.", path="ok1"),
            Report(raw="CRASH now", path="crash"),
            Report(raw="RAISE now", path="raise"),
            Report(raw="Shelling hit Tal Tamr on Monday.", path="ok2")]
    for chunksize, window in ((1, 1), (2, 4)):   # innocent reports sharing a chunk with the crash survive
        out = list(run_items(_Crashing(), reps, workers=2, chunksize=chunksize, window=window))
        assert [getattr(x, "path", None) for x in out] == ["ok1", "crash", "raise", "ok2"]
        assert isinstance(out[0], Report) and isinstance(out[3], Report)
        assert isinstance(out[1], Rejected) and out[1].code == "E_INTERNAL"
        assert isinstance(out[2], Rejected) and "boom" in out[2].reason


def test_ingest_with_workers_stores_what_one_process_stores(tmp_path):
    import sqlite3
    runner = CliRunner()
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    assert runner.invoke(main, ["ingest", *_inputs(), "--db", str(one)]).exit_code == 0
    assert runner.invoke(main, ["ingest", *_inputs(), "--db", str(two), "--workers", "2"]).exit_code == 0
    for sql in ("SELECT id, lang, text, removed, paragraphs FROM reports", "SELECT * FROM mentions",
                "SELECT * FROM claims"):
        with sqlite3.connect(one) as a, sqlite3.connect(two) as b:
            assert sorted(a.execute(sql)) == sorted(b.execute(sql)), sql
