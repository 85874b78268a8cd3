"""The CLI: extract, ingest and eval on small hand-made inputs (smoke tests through click)."""
from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from khabar.cli import main

FR = ("Attaque contre un poste près de Hassaké\n\n"
      "Des hommes armés ont attaqué un poste de contrôle près de la ville de Hassaké dimanche soir, "
      "ont indiqué des sources locales.\n\nLire aussi : Un autre article sans rapport\n\n"
      "Deux gardes ont été blessés lors de l'attaque, selon les mêmes sources.\n")
EN = ("Gunmen attacked a checkpoint near the town of Hasakah late on Sunday, local sources said.\n"
      "Share this article\n")


def _inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "fr.txt").write_text(FR, encoding="utf-8")
    (d / "en.txt").write_text(EN, encoding="utf-8")
    return d


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_extract_writes_the_three_files(tmp_path):
    d = _inputs(tmp_path)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["extract", str(d), "-o", str(out)])
    assert res.exit_code == 0, res.output
    reports = _jsonl(out / "reports.jsonl")
    assert sorted(r["lang"] for r in reports) == ["en", "fr"]
    fr = next(r for r in reports if r["lang"] == "fr")
    assert fr["title"] == "Attaque contre un poste près de Hassaké"
    assert {r["reason"] for r in fr["removed"]} == {"title", "read-also"}
    assert "Lire aussi" not in fr["text"]
    for key in ("id", "path", "url", "outlet", "published", "mentions", "claims"):
        assert key in fr
    assert (out / "events.jsonl").exists() and _jsonl(out / "rejected.jsonl") == []
    ids = {f"{r['id']}#{c['id']}" for r in reports for c in r["claims"]}
    in_events = [k for e in _jsonl(out / "events.jsonl") for k in e["claims"]]
    assert sorted(in_events) == sorted(ids)      # every claim in exactly one event


def test_extract_rejects_unreadable_input_and_goes_on(tmp_path):
    d = _inputs(tmp_path)
    (d / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["extract", str(d), "-o", str(out)])
    assert res.exit_code == 0, res.output
    rejected = _jsonl(out / "rejected.jsonl")
    assert len(rejected) == 1 and rejected[0]["path"].endswith("broken.txt") and rejected[0]["reason"]
    assert len(_jsonl(out / "reports.jsonl")) == 2


def test_same_article_twice_is_one_report(tmp_path):
    d = _inputs(tmp_path)
    (d / "copy.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["extract", str(d), "-o", str(out)])
    assert res.exit_code == 0
    assert len(_jsonl(out / "reports.jsonl")) == 2


def test_ingest_twice_stores_each_report_once(tmp_path):
    d = _inputs(tmp_path)
    db = tmp_path / "k.sqlite"
    for _ in range(2):
        res = CliRunner().invoke(main, ["ingest", str(d), "--db", str(db)])
        assert res.exit_code == 0, res.output
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] >= 1


def test_eval_gold_on_a_tiny_hand_made_gold(tmp_path):
    d = _inputs(tmp_path)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["extract", str(d), "-o", str(out)]).exit_code == 0
    gold = {"format": "khabar-gold/1", "same_event": [], "documents": [
        {"doc": "fr.txt", "lang": "fr", "title": "Attaque contre un poste près de Hassaké", "outlet": None,
         "boilerplate": ["Lire aussi : Un autre article sans rapport"], "claims": []},
        {"doc": "en.txt", "lang": "en", "title": None, "outlet": None, "boilerplate": ["Share this article"],
         "claims": []}]}
    g = tmp_path / "gold.json"
    g.write_text(json.dumps(gold), encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", "--gold", str(g), str(out), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert scores["reports"]["rate"] == 1.0 and scores["language"]["rate"] == 1.0
    assert scores["title"]["rate"] == 1.0
    assert scores["boilerplate_removed"] == {"right": 2, "total": 2, "rate": 1.0}
    assert scores["body_lines_removed"] == 0
    table = CliRunner().invoke(main, ["eval", "--gold", str(g), str(out)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "boilerplate removed" in table.output


def test_eval_acled_with_limit(tmp_path):
    row = {"id": "T1", "event_date": "2019-03-03", "time_precision": 1, "actor1": "Islamic State (Syria)",
           "actor2": None, "assoc_actor_1": None, "assoc_actor_2": None, "latitude": 36.5, "longitude": 40.75,
           "geo_precision": 1, "notes": "On 3 March 2019, fighters clashed near a village.", "fatalities": 0,
           "fatalities_unknown_coded": False}
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(row) + "\n" + json.dumps({**row, "id": "T2"}) + "\n")
    res = CliRunner().invoke(main, ["eval", "--acled", str(f), "--limit", "1", "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert scores["rows"] == 1 and scores["violent"]["total"] == 1


def test_eval_without_gold_or_acled_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["eval"])
    assert res.exit_code == 2 and "--gold" in res.output


def test_eval_reads_html_boilerplate_back_from_the_extracted_text(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    body = ("Fighters of the Syrian Democratic Forces clashed with Islamic State militants near the town "
            "on Sunday, residents said. Two fighters were killed in the clashes, which lasted hours.")
    html = (f"<html><head><title>Clashes near the town</title></head><body><article><h1>Clashes near the town</h1>"
            f"<p>{body}</p><p>Read also: Another story about something else entirely</p>"
            f"<p>{body.replace('Sunday', 'Monday')}</p></article></body></html>")
    (d / "page.html").write_text(html, encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["extract", str(d), "-o", str(out)]).exit_code == 0
    gold = {"documents": [{"doc": "page.html", "lang": "en", "title": "Clashes near the town", "outlet": None,
                           "boilerplate": ["Read also: Another story about something else entirely"],
                           "claims": []}], "same_event": []}
    g = tmp_path / "gold.json"
    g.write_text(json.dumps(gold), encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", "--gold", str(g), str(out), "--json"])
    scores = json.loads(res.output)
    assert scores["boilerplate_removed"]["rate"] == 1.0 and scores["body_lines_removed"] == 0
    assert scores["title"]["rate"] == 1.0


def test_eval_error_is_one_line_with_a_code(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    bad = tmp_path / "gold.json"
    bad.write_text("{}")
    khabar = Path(sys.executable).with_name("khabar")
    res = subprocess.run([str(khabar), "eval", "--gold", str(bad), str(tmp_path)], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 2
    assert "E_EVAL" in res.stderr and "Traceback" not in res.stderr


def test_python_dash_m_khabar_is_the_same_command_line(tmp_path):
    import subprocess
    import sys
    src = tmp_path / "one.txt"
    src.write_text("Gunmen attacked a checkpoint near Hasakah on 3 May 2021, killing two guards.\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "khabar", "extract", str(src), "-o", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    [rec] = [json.loads(x) for x in (tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [c["type"] for c in rec["claims"]].count("ATTACK") == 1
