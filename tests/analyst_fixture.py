"""A small hand-made khabar store for the analyst views (serve, report, export, browser).

The reports are written here by hand (not seed text), so the tests do not depend on how
well the extraction stages do: three languages, a transfer with origin and destination,
an Arabic claim, an event whose claims conflict, an unlocated statement, and a report
whose text and title carry HTML/JS that must only ever be shown as text.
"""
from __future__ import annotations

from pathlib import Path

from khabar import store
from khabar.model import Claim, DateValue, Event, Evidence, Place, Quantity, Report, Source

XSS_TITLE = "<script>alert(1)</script> headline"
XSS_TEXT = 'Guards said <script>alert(1)</script> and <img src=x onerror=alert(1)> were posted on the wall.'

HASAKAH = Place("geonames:1", "Hasakah", 36.5, 40.75, "city", admin1="Al-Hasakah", country="SY", text="Hasakah")
SHADDADI = Place("geonames:2", "Shaddadi", 36.05, 40.73, "city", admin1="Al-Hasakah", country="SY", text="Shaddadi")
QAMISHLI = Place("geonames:3", "Qamishli", 37.05, 41.22, "city", admin1="Al-Hasakah", country="SY", text="Qamishli")
PRISON = Place("site:north-prison", "North prison", 36.52, 40.72, "site", admin1="Al-Hasakah", country="SY",
               text="North prison")


def _span(text: str, part: str) -> Evidence:
    i = text.index(part)
    return Evidence(i, i + len(part), part)


def _day(iso: str) -> DateValue:
    return DateValue(iso, iso, "day", iso)


def reports() -> list[Report]:
    out = []
    # 1. Arabic: an attack near Qamishli, local sources via a TV channel
    t1 = "قالت مصادر محلية لقناة المنار إن مسلحين هاجموا حاجزا قرب القامشلي وقتلوا ثلاثة عناصر."
    r1 = Report(raw=t1, text=t1, id="r-ar", outlet="Al-Manar", lang="ar", title="هجوم قرب القامشلي",
                published="2024-03-02", url="https://example.org/ar/1")
    r1.claims = [Claim("c1", "ATTACK", _span(t1, "مسلحين هاجموا حاجزا قرب القامشلي وقتلوا ثلاثة عناصر"),
                       modality="reported", date=_day("2024-03-01"), location=QAMISHLI,
                       agent=[{"id": "unidentified", "name": "Unidentified gunmen"}],
                       target=[{"id": "sdf", "name": "SDF"}],
                       fatalities=Quantity(3, text="ثلاثة"),
                       sources=[Source("مصادر محلية", "local"), Source("المنار", "media", "al-manar")])]
    # 2. French: the same attack, another toll (a conflict), a transfer origin -> destination
    t2 = ("Selon des sources locales, des hommes armés ont attaqué un barrage près de Qamichli, tuant cinq "
          "combattants. Le lendemain, la coalition a transféré des détenus de la prison du Nord vers Chaddadi.")
    r2 = Report(raw=t2, text=t2, id="r-fr", outlet="Exemple Info", lang="fr", title="Attaque près de Qamichli",
                published="2024-03-03", url="https://example.org/fr/2")
    r2.claims = [
        Claim("c1", "ATTACK", _span(t2, "des hommes armés ont attaqué un barrage près de Qamichli, tuant cinq combattants"),
              modality="reported", date=_day("2024-03-01"), location=QAMISHLI,
              agent=[{"id": "unidentified", "name": "Unidentified gunmen"}], target=[{"id": "sdf", "name": "SDF"}],
              fatalities=Quantity(5, text="cinq"), sources=[Source("sources locales", "local")]),
        Claim("c2", "TRANSFER", _span(t2, "la coalition a transféré des détenus de la prison du Nord vers Chaddadi"),
              modality="asserted", date=_day("2024-03-02"), origin=PRISON, destination=SHADDADI,
              agent=[{"id": "us-led-coalition", "name": "US-led coalition"}],
              patient=[{"id": "islamic-state", "name": "Islamic State"}]),
    ]
    # 3. English: shelling near Hasakah, and an unlocated statement
    t3 = ("Artillery shells hit villages west of Hasakah on Monday, state media said. "
          "The ministry condemned the attacks.")
    r3 = Report(raw=t3, text=t3, id="r-en", outlet="Example Wire", lang="en", title="Shelling west of Hasakah",
                published="2024-03-05", url="https://example.org/en/3")
    r3.claims = [
        Claim("c1", "SHELLING", _span(t3, "Artillery shells hit villages west of Hasakah on Monday"),
              modality="reported", date=_day("2024-03-04"), location=HASAKAH, means="artillery",
              agent=[{"id": "turkey", "name": "Turkey"}], sources=[Source("state media", "state-media")],
              acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}),
        Claim("c2", "STATEMENT", _span(t3, "The ministry condemned the attacks"), modality="asserted",
              sources=[Source("the ministry", "government")]),
    ]
    # 4. hostile markup in title and text: must render as text everywhere
    r4 = Report(raw=XSS_TEXT, text=XSS_TEXT, id="r-xss", outlet="<b>Bold</b> outlet", lang="en",
                title=XSS_TITLE, published="2024-03-06", url="javascript:alert(1)")
    r4.claims = [Claim("c1", "DEPLOY", Evidence(0, len(XSS_TEXT), XSS_TEXT), modality="asserted",
                       date=_day("2024-03-06"), location=HASAKAH, sources=[Source("<i>guards</i>", "local")])]
    out += [r1, r2, r3, r4]
    return out


def events() -> list[Event]:
    pl = lambda p: {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "precision": p.precision}  # noqa: E731
    return [
        Event("ev-attack", "ATTACK", ["r-ar#c1", "r-fr#c1"], date={"start": "2024-03-01", "end": "2024-03-01",
              "precision": "day"}, places=[pl(QAMISHLI)], independent_sources=1,
              source_chains=[[{"name": "مصادر محلية", "kind": "local"}, {"name": "المنار", "kind": "media"}],
                             [{"name": "sources locales", "kind": "local"}]],
              conflicts=[{"field": "fatalities", "values": [{"claim": "r-ar#c1", "value": 3},
                                                            {"claim": "r-fr#c1", "value": 5}]}]),
        Event("ev-transfer", "TRANSFER", ["r-fr#c2"], date={"start": "2024-03-02", "end": "2024-03-02",
              "precision": "day"}, places=[pl(PRISON), pl(SHADDADI)], independent_sources=1),
        Event("ev-shelling", "SHELLING", ["r-en#c1"], date={"start": "2024-03-04", "end": "2024-03-04",
              "precision": "day"}, places=[pl(HASAKAH)], independent_sources=1),
        Event("ev-statement", "STATEMENT", ["r-en#c2"], places=[], independent_sources=1),
        Event("ev-xss", "DEPLOY", ["r-xss#c1"], date={"start": "2024-03-06", "end": "2024-03-06",
              "precision": "day"}, places=[pl(HASAKAH)], independent_sources=1),
    ]


N_CLAIMS = 6
N_LOCATED_CLAIMS = 5          # all but the statement
N_EVENTS = 5
N_LOCATED_EVENTS = 4          # all but the statement


def build(path: str | Path) -> Path:
    """Write the hand-made store to `path` (through store.insert_report / replace_events)."""
    path = Path(path)
    db = store.connect(str(path))
    with db:
        for rep in reports():
            store.insert_report(db, rep)
    store.replace_events(db, events())
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def seeds_store(path: str | Path, pipeline, seeds: Path) -> Path:
    """The seeds through the real pipeline into a store, as `khabar ingest` does."""
    path = Path(path)
    db = store.connect(str(path))
    store.ingest(db, pipeline.run([str(seeds)]))
    store.replace_events(db, pipeline.events(store.load_reports(db)))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`khabar serve DB` in a subprocess on a free 127.0.0.1 port; always stopped on exit."""

    def __init__(self, db: Path, timeout: float = 40):
        self.db, self.timeout = Path(db), timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def __enter__(self):
        import subprocess
        import sys
        import time
        import urllib.request
        self.log = open(self.db.with_suffix(".serve.log"), "w+")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from khabar.cli import run; run()", "serve", str(self.db),
             "--port", str(self.port)], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/-/versions.json", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        self.log_text = self.db.with_suffix(".serve.log").read_text()
        raise RuntimeError(f"khabar serve did not come up in {self.timeout}s:\n{self.log_text[-2000:]}")

    def get(self, path: str) -> tuple[int, str]:
        import urllib.error
        import urllib.request
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def __exit__(self, *exc):
        import subprocess
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()
        return False
