"""Broken and hostile inputs, generated here: each is extracted or rejected with a clear reason,
by the real CLI, with no traceback and exit status 0 when at least one report was processed."""
from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from khabar.config import Config
from khabar.model import Rejected, Report
from khabar.read import _iso, read, read_file

KHABAR = [sys.executable, "-c", "from khabar.cli import run; run()"]

ARABIC = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت بين قوات النظام ومسلحين في ريف المحافظة الجنوبي"
FRENCH = "Des affrontements ont éclaté près de la ville, selon des sources locales citées par l'agence."
ENGLISH = "Clashes broke out near the town on Monday, local sources said, and two fighters were killed."
FRENCH2 = "Un drone a visé un véhicule sur la route du nord ; deux passagers auraient été blessés."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.txt", ENGLISH)
    return buf.getvalue()


def make_broken_folder(root: Path) -> dict[str, str]:
    """Write every kind of broken input under root/in; returns file name -> expected outcome
    ("report" or the rejection code)."""
    d = root / "in"
    d.mkdir()
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        (d / name).write_bytes(data)
        expect[name] = outcome

    put("empty.txt", b"", "E_EMPTY")
    put("blank.txt", b" \n\t\n  \r\n", "E_EMPTY")
    put("photo.txt", PNG, "E_BINARY")
    put("bundle.html", _zip_bytes(), "E_BINARY")
    put("invalid-utf8.txt", ENGLISH.encode() + b" \xc3\x28 \xff\xfe broken \xe2\x82 bytes.", "report")
    put("arabic-cp1256.txt", ARABIC.encode("cp1256"), "report")
    put("french-latin1.txt", FRENCH.encode("latin-1"), "report")
    put("french-utf16.txt", FRENCH2.encode("utf-16"), "report")          # with BOM
    put("arabic-cp1256.html", ('<html><head><meta charset="windows-1256"><title>t</title></head><body>'
                               f"<article><p>{ARABIC}.</p><p>{ARABIC}، وأضافت المصادر أن الاشتباكات استمرت ساعات.</p>"
                               "</article></body></html>").encode("cp1256"), "report")
    put("no-body.html", b"<html><head><title>Nothing here</title></head></html>", "E_EMPTY")
    # 50 MB of real text: over Config.max_input_bytes (20 MB), rejected from its size
    with open(d / "huge.txt", "wb") as fh:
        chunk = (ENGLISH + "\n").encode() * 10_000
        while fh.tell() < 50_000_000:
            fh.write(chunk)
    expect["huge.txt"] = "E_TOO_LARGE"
    put("truncated.jsonl", (json.dumps({"text": FRENCH + " Le bilan reste provisoire.", "title": "Combats"}) + "\n" +
                            json.dumps({"text": ENGLISH})[:40]).encode(), "report+E_JSON")
    put("wrong-types.json", json.dumps({"text": 42, "title": ["not", "a", "string"]}).encode(), "E_RECORD")
    put("not-json.json", b"{this is not json", "E_JSON")
    os.mkfifo(d / "pipe.txt")                       # would block a reader forever
    expect["pipe.txt"] = "E_UNREADABLE"
    os.symlink(d / "nowhere.txt", d / "dangling.txt")
    expect["dangling.txt"] = "E_UNREADABLE"
    os.symlink(d / "loop-b.txt", d / "loop-a.txt")
    os.symlink(d / "loop-a.txt", d / "loop-b.txt")
    expect["loop-a.txt"] = expect["loop-b.txt"] = "E_LOOP"
    (d / "sub").mkdir()
    os.symlink(d, d / "sub" / "back-up")            # directory loop
    expect["back-up"] = "E_LOOP"
    (d / "folder.txt").mkdir()                      # a directory with a .txt name holds one good report
    put("folder.txt/inside.txt", ENGLISH.encode(), "report")
    put("good.txt", (FRENCH + "\n\n" + FRENCH.replace("ville", "localité")).encode(), "report")
    return expect


def _outcomes(reports: list[dict], rejected: list[dict]) -> dict[str, set[str]]:
    got: dict[str, set[str]] = {}
    for r in reports:
        got.setdefault(Path(r["path"].split("#")[0]).name, set()).add("report")
    for r in rejected:
        got.setdefault(Path(r["path"]).name, set()).add(r["code"])
    return got


def _check(expect: dict[str, str], got: dict[str, set[str]]) -> None:
    for name, outcome in expect.items():
        assert got.get(Path(name).name) == set(outcome.split("+")), f"{name}: expected {outcome}, got {got.get(Path(name).name)}"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    return root, make_broken_folder(root)


def test_extract_cli_extracts_or_rejects_every_broken_input_without_traceback(broken):
    root, expect = broken
    out = root / "out-extract"
    proc = subprocess.run([*KHABAR, "extract", str(root / "in"), "-o", str(out)], capture_output=True,
                          text=True, timeout=240)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    assert proc.returncode == 0, proc.stderr
    reports = [json.loads(x) for x in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    _check(expect, _outcomes(reports, rejected))
    for r in rejected:
        assert r["reason"] and len(r["reason"]) > 8 and r["code"].startswith("E_")
    by_name = {Path(r["path"]).name: r for r in reports}
    # the encodings were detected, not mangled
    assert by_name["arabic-cp1256.txt"]["text"] == ARABIC
    assert by_name["french-latin1.txt"]["text"] == FRENCH
    assert by_name["french-utf16.txt"]["text"] == FRENCH2
    assert ARABIC in by_name["arabic-cp1256.html"]["text"]
    assert ENGLISH[:40] in by_name["invalid-utf8.txt"]["text"]
    trunc = [r for r in rejected if r["path"].endswith("truncated.jsonl")][0]
    assert trunc["record"] == 2 and "line 2" in trunc["reason"]


def test_ingest_cli_lists_every_rejection_in_the_rejected_table(broken):
    root, expect = broken
    db = root / "k.sqlite"
    for _ in range(2):  # a second run must not double the rejected rows
        proc = subprocess.run([*KHABAR, "ingest", str(root / "in"), "--db", str(db)], capture_output=True,
                              text=True, timeout=240)
        assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
        assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(db)
    reports = [{"path": p} for (p,) in con.execute("SELECT path FROM reports")]
    rejected = [{"path": p, "code": c, "reason": r} for p, c, r in con.execute("SELECT path, code, reason FROM rejected")]
    _check(expect, _outcomes(reports, rejected))
    keys = [(r["path"], r["code"]) for r in rejected]
    assert len(keys) == len(set(keys)), "a re-run doubled rejected rows"


def test_cli_errors_are_one_line_without_traceback(tmp_path):
    bad_db = tmp_path / "not-a-db.sqlite"
    bad_db.write_bytes(b"this is not an SQLite database, just text" * 10)
    (tmp_path / "r.txt").write_text(ENGLISH, encoding="utf-8")
    proc = subprocess.run([*KHABAR, "ingest", str(tmp_path / "r.txt"), "--db", str(bad_db)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "E_DB" in proc.stderr


def test_only_broken_inputs_exit_non_zero_without_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(PNG)
    proc = subprocess.run([*KHABAR, "extract", str(tmp_path), "-o", str(tmp_path / "out")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len((tmp_path / "out" / "rejected.jsonl").read_text().splitlines()) == 2


def test_a_file_over_the_limit_is_rejected_without_being_loaded(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(b"x" * 1000)
        fh.truncate(50_000_000)
    tracemalloc.start()
    items = list(read([big], Config()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [(type(i).__name__, i.code) for i in items] == [("Rejected", "E_TOO_LARGE")]
    assert "50000000 bytes" in items[0].reason
    assert peak < 5_000_000, f"reading a rejected 50 MB file allocated {peak} bytes"


def test_large_jsonl_is_streamed_per_record_with_the_limit_per_line(tmp_path):
    f = tmp_path / "many.jsonl"
    lines = [json.dumps({"text": f"{ENGLISH} ({i})"}) for i in range(30)]
    lines.insert(10, json.dumps({"text": "x" * 5000}))
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_file(f, Config(max_input_bytes=1000)))
    reps = [i for i in items if isinstance(i, Report)]
    rej = [i for i in items if isinstance(i, Rejected)]
    assert len(reps) == 30
    assert [(r.code, r.record) for r in rej] == [("E_TOO_LARGE", 11)]
    assert reps[10].path.endswith("#12")


def test_jsonl_keeps_records_holding_unicode_line_separators(tmp_path):
    f = tmp_path / "seps.jsonl"
    recs = [{"text": f"{ENGLISH}\u2028second line\x85third\x1cfourth"}, {"text": FRENCH}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    items = list(read([f]))
    assert [type(i).__name__ for i in items] == ["Report", "Report"]
    assert items[0].raw == recs[0]["text"]


def test_json_list_of_mixed_records(tmp_path):
    f = tmp_path / "mixed.json"
    f.write_text(json.dumps([{"text": ENGLISH, "published": "13 April 2021"}, "a bare string", 7, None,
                             {"html": f"<html><body><article><p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>",
                              "published": "Tue, 13 Apr 2021 10:00:00 +0000"},
                             {"text": FRENCH, "url": 12}, {"title": "no body"}, []]), encoding="utf-8")
    items = list(read([f]))
    kinds = [(type(i).__name__, getattr(i, "record", None) if isinstance(i, Rejected) else i.path.rsplit("#", 1)[1])
             for i in items]
    assert kinds == [("Report", "1"), ("Rejected", 2), ("Rejected", 3), ("Rejected", 4), ("Report", "5"),
                     ("Rejected", 6), ("Rejected", 7), ("Rejected", 8)]
    assert items[0].published == "2021-04-13" and items[4].published == "2021-04-13"
    assert "'url' must be a string" in items[5].reason and "no 'text' or 'html'" in items[6].reason


@pytest.mark.parametrize("value, iso", [
    ("2021-04-13", "2021-04-13"), ("2021-04-13T22:10:00+03:00", "2021-04-13"),
    ("Tue, 13 Apr 2021 10:00:00 +0000", "2021-04-13"), ("13 April 2021", "2021-04-13"),
    ("April 13, 2021", "2021-04-13"), ("13 avril 2021", "2021-04-13"), ("mardi 13 avril 2021 - 10h32", "2021-04-13"),
    ("13 نيسان 2021", "2021-04-13"), ("١٣ أبريل ٢٠٢١", "2021-04-13"), ("2021/04/13", "2021-04-13"),
    ("31 February 2021", None), ("yesterday", None), ("", None), (None, None),
    ("0001-01-01", None), ("9999-12-31", None), ("Fri, 31 Dec 9999 23:59:59 +0000", None),
])
def test_published_dates_in_other_formats_become_iso(value, iso):
    assert _iso(value) == iso


def test_a_file_that_vanishes_between_listing_and_reading_is_rejected(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FRENCH, encoding="utf-8")
    gen = read([tmp_path])
    first = next(gen)
    (tmp_path / "b.txt").unlink()
    rest = list(gen)
    assert isinstance(first, Report)
    assert [(type(i).__name__, i.code) for i in rest] == [("Rejected", "E_UNREADABLE")]
    assert "vanished" in rest[0].reason


def test_a_stage_failure_becomes_a_rejection_and_the_run_goes_on(tmp_path, monkeypatch):
    from khabar import pipeline as pl
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text("BOOM " + FRENCH, encoding="utf-8")
    (tmp_path / "c.txt").write_text(FRENCH, encoding="utf-8")
    idx = [n for n, _ in pl.STAGES].index("claims")
    real = pl.STAGES[idx][1]

    def boom(rep, ctx):
        if "BOOM" in rep.text:
            raise IndexError("list index out of range")
        return real(rep, ctx)
    stages = list(pl.STAGES)
    stages[idx] = ("claims", boom)
    monkeypatch.setattr(pl, "STAGES", stages)
    monkeypatch.delenv("KHABAR_DEBUG", raising=False)
    items = list(pl.Pipeline().run([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Report", "Rejected", "Report"]
    assert items[1].code == "E_INTERNAL" and "IndexError" in items[1].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_rejected(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text(ENGLISH, encoding="utf-8")
    f.chmod(0)
    assert [(type(i).__name__, i.code) for i in read([f])] == [("Rejected", "E_UNREADABLE")]


def test_unreadable_file_is_rejected_even_as_root(tmp_path, monkeypatch):
    """Root ignores chmod 000, so the permission error is injected where the file is opened."""
    import builtins
    f = tmp_path / "secret.txt"
    f.write_text(ENGLISH, encoding="utf-8")
    real_open = builtins.open

    def denied(file, mode="r", *a, **kw):
        if str(file) == str(f):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *a, **kw)
    monkeypatch.setattr(builtins, "open", denied)
    items = list(read([f]))
    assert [(type(i).__name__, i.code) for i in items] == [("Rejected", "E_UNREADABLE")]
    assert "Permission denied" in items[0].reason


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    for _ in range(2):  # the second run finds the first run's reports.jsonl under the input folder
        proc = subprocess.run([*KHABAR, "extract", str(tmp_path), "-o", str(tmp_path / "out")], capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert len((tmp_path / "out" / "reports.jsonl").read_text().splitlines()) == 1
    assert (tmp_path / "out" / "rejected.jsonl").read_text() == ""


def test_non_utf8_file_names_and_lone_surrogates_do_not_stop_a_run(tmp_path):
    """Linux file names are bytes and JSON can spell lone surrogates; neither may reach a UTF-8
    writer (reports.jsonl, SQLite) raw, which used to abort the whole run."""
    d = os.fsencode(tmp_path / "in")
    os.mkdir(d)
    with open(os.path.join(d, b"caf\xe9.txt"), "wb") as fh:
        fh.write(ENGLISH.encode())
    with open(os.path.join(d, b"vide\xff.txt"), "wb") as fh:
        fh.write(b"")
    (tmp_path / "in" / "s.jsonl").write_text(
        json.dumps({"text": FRENCH + " \ud800", "title": "\udfff titre", "outlet": "\udc80"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([*KHABAR, "extract", str(tmp_path / "in"), "-o", str(out)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and "E_UNEXPECTED" not in proc.stderr, proc.stderr
    reports = {Path(json.loads(x)["path"]).name: json.loads(x) for x in (out / "reports.jsonl").read_text().splitlines()}
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
    assert set(reports) == {"caf\\xe9.txt", "s.jsonl#1"}
    assert reports["s.jsonl#1"]["title"] == "\ufffd titre" and FRENCH in reports["s.jsonl#1"]["text"]
    assert [(Path(r["path"]).name, r["code"]) for r in rejected] == [("vide\\xff.txt", "E_EMPTY")]
    proc = subprocess.run([*KHABAR, "ingest", str(tmp_path / "in"), "--db", str(tmp_path / "k.sqlite")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "E_UNEXPECTED" not in proc.stderr, proc.stderr
    con = sqlite3.connect(tmp_path / "k.sqlite")
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM rejected").fetchone()[0] == 1
