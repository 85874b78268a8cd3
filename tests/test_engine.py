"""The Dask engine: a real 2-worker LocalCluster gives the single-process output, via Parquet."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, SEEDS
from khabar.cli import main
from khabar.engine import parquet_files, partitions, read_parquet

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """examples/ and the seeds, plus one unreadable file so rejections travel too."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n....")
    return [str(EXAMPLES), str(bad)] + ([str(SEEDS)] if SEEDS.exists() else [])


def _lines(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _by_id(rows):
    return sorted(rows, key=lambda d: d["id"])


def test_dask_cluster_output_equals_single_process_run(tmp_path, scheduler, inputs):
    runner = CliRunner()
    one, dask = tmp_path / "one", tmp_path / "dask"
    r1 = runner.invoke(main, ["extract", *inputs, "-o", str(one)])
    r2 = runner.invoke(main, ["extract", *inputs, "-o", str(dask), "--engine", "dask", "--scheduler", scheduler])
    assert r1.exit_code == 0, r1.output
    assert r2.exit_code == 0, r2.output
    a, b = _lines(one / "reports.jsonl"), _lines(dask / "reports.jsonl")
    assert len(a) >= 5
    assert _by_id(a) == _by_id(b)
    key = lambda d: (d["path"], d["code"])  # noqa: E731
    rej = sorted(_lines(one / "rejected.jsonl"), key=key)
    assert len(rej) == 2 and rej == sorted(_lines(dask / "rejected.jsonl"), key=key)
    assert _lines(one / "events.jsonl") == _lines(dask / "events.jsonl")
    # one Parquet file per partition
    files = parquet_files(dask)
    assert files and all(f.parent.name == "parquet" and f.name.startswith("part-") for f in files)


def _table(db, sql):
    with sqlite3.connect(db) as conn:
        return sorted(tuple(r) for r in conn.execute(sql))


def test_ingest_from_parquet_stores_what_a_direct_ingest_stores(tmp_path, scheduler, inputs):
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(main, ["extract", *inputs, "-o", str(out), "--engine", "dask", "--scheduler", scheduler])
    assert r.exit_code == 0, r.output
    direct, merged = tmp_path / "direct.sqlite", tmp_path / "merged.sqlite"
    r1 = runner.invoke(main, ["ingest", *inputs, "--db", str(direct)])
    r2 = runner.invoke(main, ["ingest", "--db", str(merged), "--from-parquet", str(out / "parquet")])
    assert r1.exit_code == 0, r1.output
    assert r2.exit_code == 0, r2.output
    for sql in ("SELECT id, path, url, outlet, title, published, lang, text, removed, paragraphs FROM reports",
                "SELECT * FROM mentions", "SELECT * FROM claims", "SELECT path, code, reason FROM rejected"):
        a = _table(direct, sql)
        assert a == _table(merged, sql), sql
    assert len(_table(direct, "SELECT id FROM reports")) >= 5


def test_ingest_with_dask_engine_fills_the_store(tmp_path, scheduler, inputs):
    db = tmp_path / "k.sqlite"
    r = CliRunner().invoke(main, ["ingest", *inputs, "--db", str(db), "--engine", "dask", "--scheduler", scheduler])
    assert r.exit_code == 0, r.output
    assert len(_table(db, "SELECT id FROM reports")) >= 5
    assert (tmp_path / "k.sqlite.parquet").is_dir()


def test_dask_engine_without_scheduler_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(main, ["extract", str(EXAMPLES), "-o", str(tmp_path / "o"), "--engine", "dask"])
    assert r.exit_code == 2
    assert "--scheduler" in r.output


def test_partitions_keep_input_order_and_bound_their_size(tmp_path):
    for i in range(10):
        (tmp_path / f"{i:02d}.txt").write_text(f"report {i}", encoding="utf-8")
    parts = partitions([str(tmp_path)], n_workers=2, size=3)
    assert [len(p) for p in parts] == [3, 3, 3, 1]
    flat = [p.rsplit("/", 1)[1] for part in parts for p in part]
    assert flat == [f"{i:02d}.txt" for i in range(10)]
    # about four partitions per worker by default
    assert len(partitions([str(tmp_path)], n_workers=1)) == 4


def test_read_parquet_streams_reports_and_rejections(tmp_path):
    from khabar.engine import process_partition
    (tmp_path / "a.txt").write_text("Fighters attacked a checkpoint near Hasakah on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "parquet").mkdir()
    (tmp_path / "parquet" / "part-00000.parquet").write_bytes(
        process_partition([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]))
    items = list(read_parquet(tmp_path))
    assert [type(x).__name__ for x in items] == ["Report", "Rejected"]
    assert items[0].text.startswith("Fighters attacked") and items[0].id
    assert items[1].code == "E_EMPTY"


def test_a_large_jsonl_file_is_cut_into_line_ranges_that_read_like_the_whole_file(tmp_path):
    from khabar.engine import _read_lines
    from khabar.read import read
    f = tmp_path / "big.jsonl"
    lines = []
    for i in range(60):
        if i == 7:
            lines.append("")                                   # blank lines count in the numbering
        elif i == 20:
            lines.append("{not json")
        else:
            lines.append(json.dumps({"text": f"Report {i}: fighters attacked a checkpoint near Hasakah. " * 3,
                                     "published": "2021-03-04"}))
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = partitions([str(tmp_path)], n_workers=2, split_bytes=1000)
    assert len(parts) > 3 and all(len(p) == 1 and isinstance(p[0], tuple) for p in parts)
    got = [x for p in parts for x in _read_lines(*p[0])]
    want = list(read([str(f)]))
    assert [(type(x).__name__, x.path, getattr(x, "raw", None), getattr(x, "record", None)) for x in got] == \
           [(type(x).__name__, x.path, getattr(x, "raw", None), getattr(x, "record", None)) for x in want]
    assert any(x.path.endswith("#60") for x in got)


def test_dask_run_over_a_split_jsonl_file_equals_single_process(tmp_path, scheduler, monkeypatch):
    import khabar.engine as engine
    src = tmp_path / "in"
    src.mkdir()
    with open(EXAMPLES / "records.jsonl", encoding="utf-8") as fh:
        recs = [line for line in fh if line.strip()]
    (src / "many.jsonl").write_text("".join(recs * 3), encoding="utf-8")
    monkeypatch.setattr(engine, "SPLIT_BYTES", 400)
    runner = CliRunner()
    r1 = runner.invoke(main, ["extract", str(src), "-o", str(tmp_path / "one")])
    r2 = runner.invoke(main, ["extract", str(src), "-o", str(tmp_path / "dask"), "--engine", "dask",
                              "--scheduler", scheduler])
    assert r1.exit_code == 0 and r2.exit_code == 0, r2.output
    assert len(parquet_files(tmp_path / "dask")) > 1
    assert _by_id(_lines(tmp_path / "one" / "reports.jsonl")) == _by_id(_lines(tmp_path / "dask" / "reports.jsonl"))


def test_a_partition_the_cluster_fails_on_becomes_rejections(tmp_path, scheduler, monkeypatch):
    import khabar.engine as engine
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(f"Fighters attacked a checkpoint near Hasakah, report {i}.",
                                                  encoding="utf-8")

    def boom(entries, cfg=None):
        raise RuntimeError("worker lost")

    monkeypatch.setattr(engine, "process_partition", boom)
    stats = engine.run_dask([str(tmp_path / "in")], tmp_path / "pq", scheduler, partition_size=1)
    items = list(read_parquet(tmp_path / "pq"))
    assert stats["rows"] == 3 and len(items) == 3
    assert all(x.code == "E_INTERNAL" and "worker lost" in x.reason for x in items)
    assert sorted(x.path.rsplit("/", 1)[1] for x in items) == ["0.txt", "1.txt", "2.txt"]


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    import socket

    import khabar.engine as engine
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:       # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = CliRunner().invoke(main, ["extract", str(EXAMPLES), "-o", str(tmp_path / "o"), "--engine", "dask",
                                  "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert r.exit_code == 1
    assert "cannot reach the dask scheduler" in r.output
