"""Benchmarks: throughput, memory, peers and Dask scaling on a generated corpus.

    python -m khabar.bench            # N = 1k, 10k, 100k     (make bench)
    python -m khabar.bench --quick    # N = 1k, 10k, < 3 min  (make bench QUICK=1)
    python -m khabar.bench --sizes 50 --no-peers --no-dask   # a smoke run

The corpus is generated, never stored: sentences of examples/ and, when present, of
../shared/seeds (read here, at bench time) are recombined into reports of about
`--report-bytes` bytes, with their places, numbers, years, months and weekdays varied (places
and calendar names from khabar's own data files). Report i is a pure function of (seed, i),
so every run and every process sees the same corpus, and a run of N reports holds one report
at a time.

Each N runs in a fresh process that reports its own peak RSS. Side by side on the same
French reports, in the same run: spaCy fr_core_news_sm NER alone (`nlp.pipe`, every other
component excluded) and dateparser's `search_dates`; their ratios are khabar's reports/s
over theirs. Dask: the same corpus written as JSONL files, processed by the dask engine on a
LocalCluster of 1 then 2 single-threaded worker processes (pipelines warmed first);
dask_speedup = time(1 worker) / time(2 workers). Every timed loop stops at its time cap and
reports what it did in the time (`truncated`), so --quick stays under 3 minutes however slow
the pipeline gets.

The last line printed is `BENCH {json}` with reports_per_s, mb_per_s, peak_rss_mb (largest
N run), spacy_ratio, dateparser_ratio, dask_speedup and the per-N results.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"

# fallback place names for a checkout without gazetteer data (benchmark fixture, not stage data)
FALLBACK_PLACES = {
    "latin": ["Hassaké", "Qamichli", "Raqqa", "Deir ez-Zor", "Manbij", "Kobané", "Tal Tamr", "Ras al-Aïn",
              "Chaddadé", "Al-Hol", "Abou Kamal", "Mossoul", "Sinjar", "Tikrit", "Alep", "Idleb"],
    "arabic": ["الحسكة", "القامشلي", "الرقة", "دير الزور", "منبج", "عين العرب", "تل تمر", "رأس العين",
               "الشدادي", "الهول", "البوكمال", "الموصل", "سنجار", "تكريت", "حلب", "إدلب"],
}
ARABIC = re.compile(r"[\u0600-\u06FF]")
NUMBER = re.compile(r"\d+")


def _script(text: str) -> str:
    return "arabic" if ARABIC.search(text) else "latin"


# ------------------------------------------------------------------ corpus

def _place_names() -> dict[str, list[str]]:
    """Place names by script, from khabar's gazetteer data when it exists."""
    names: dict[str, set[str]] = {"latin": set(), "arabic": set()}
    try:
        from . import langdata
        for entry in langdata.shared("places/admin1").get("admin1", []):
            for a in entry.get("aliases", []):
                names[_script(a)].add(a)
        for site in langdata.shared("places/sites").get("sites", []):
            if site.get("town"):
                names[_script(site["town"])].add(site["town"])
            for values in (site.get("aliases") or {}).values():
                for a in values:
                    names[_script(a)].add(a)
    except Exception:  # no gazetteer data yet, or another layout: the fallback list will do
        pass
    out = {}
    for script, found in names.items():
        good = sorted(n for n in found if 3 <= len(n) <= 40)
        out[script] = good if len(good) >= 8 else FALLBACK_PLACES[script]
    return out


def _calendar_words() -> dict[str, list[list[str]]]:
    """Per language: groups of interchangeable words (full month names, weekday names)."""
    out: dict[str, list[list[str]]] = {}
    try:
        from . import langdata
        for code, cal in langdata.all_langs("calendar").items():
            groups = []
            for key in ("months", "weekdays"):
                words = [w for w in (cal.get(key) or {}) if len(w) >= 4 and not w.endswith(".")]
                if len(words) >= 5:
                    groups.append(words)
            out[code] = groups
    except Exception:
        pass
    return out


def _source_texts() -> Iterator[str]:
    """The clean text of every report in examples/ and ../shared/seeds (when present)."""
    from .clean import clean
    from .model import Report
    from .read import read
    dirs = [str(d) for d in (EXAMPLES, SEEDS) if d.exists()]
    for item in read(dirs):
        if isinstance(item, Report):
            clean(item)
            if item.text.strip():
                yield item.text


class Corpus:
    """Reports of about `report_bytes` bytes, report i a pure function of (seed, i)."""

    def __init__(self, report_bytes: int = 3000, seed: int = 7, langs: tuple[str, ...] | None = None):
        from .language import detect
        from .normalise import sentences
        self.report_bytes = report_bytes
        self.seed = seed
        places = _place_names()
        self.places = places
        self.calendar = _calendar_words()
        alts = {s: "|".join(re.escape(p) for p in sorted(v, key=len, reverse=True)) for s, v in places.items()}
        self._place_re = {s: re.compile(r"(?<!\w)(?:" + a + r")(?!\w)") for s, a in alts.items()}
        self.pool: dict[str, list[list]] = {}
        for text in _source_texts():
            for seg in sentences(text):
                sent = text[seg.start:seg.end].strip()
                if len(sent) < 40 or len(sent.split()) < 6:
                    continue
                lang = detect(sent)
                if lang is None or (langs and lang not in langs):
                    continue
                self.pool.setdefault(lang, []).append(self._template(sent, lang))
        if not self.pool:
            raise RuntimeError("no sentences to build a corpus from (examples/ missing?)")
        self.langs = sorted(self.pool)

    def _template(self, sent: str, lang: str) -> list:
        """The sentence cut into literal text and ("place"|"number"|("word", group)) slots."""
        spans = []
        for m in self._place_re[_script(sent)].finditer(sent):
            spans.append((m.start(), m.end(), "place"))
        for m in NUMBER.finditer(sent):
            spans.append((m.start(), m.end(), "number"))
        for gi, group in enumerate(self.calendar.get(lang, [])):
            words = "|".join(re.escape(w) for w in sorted(group, key=len, reverse=True))
            for m in re.finditer(r"(?<!\w)(?:" + words + r")(?!\w)", sent, re.IGNORECASE):
                spans.append((m.start(), m.end(), ("word", gi)))
        spans.sort()
        parts: list = []
        pos = 0
        for s, e, kind in spans:
            if s < pos:
                continue
            parts.append(sent[pos:s])
            parts.append((kind, sent[s:e]))
            pos = e
        parts.append(sent[pos:])
        return parts

    def _fill(self, template: list, lang: str, rng: random.Random) -> str:
        out = []
        for part in template:
            if isinstance(part, str):
                out.append(part)
                continue
            kind, orig = part
            if kind == "place":
                out.append(rng.choice(self.places[_script(orig)]))
            elif kind == "number":
                if len(orig) == 4 and orig[:2] in ("19", "20"):
                    out.append(str(rng.randint(2012, 2024)))
                elif len(orig) <= 2:
                    out.append(str(rng.randint(1, 28)))
                else:
                    out.append(str(rng.randint(10 ** (len(orig) - 1), 10 ** len(orig) - 1)))
            else:
                out.append(rng.choice(self.calendar[lang][kind[1]]))
        return "".join(out)

    def report(self, i: int) -> dict:
        """Report i: {path, lang, published, text}."""
        rng = random.Random(self.seed * 1_000_003 + i)
        lang = self.langs[i % len(self.langs)]
        pool = self.pool[lang]
        title = self._fill(rng.choice(pool), lang, rng).rstrip(".!?؟ ")
        paras, size = [], len(title.encode("utf-8"))
        while size < self.report_bytes:
            para = []
            for _ in range(rng.randint(1, 3)):
                para.append(self._fill(rng.choice(pool), lang, rng))
                size += len(para[-1].encode("utf-8")) + 1
                if size >= self.report_bytes:
                    break
            paras.append(" ".join(para))
            size += 1
        published = (dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))).isoformat()
        return {"path": f"bench/{self.seed}/{i:07d}.txt", "lang": lang, "published": published,
                "text": title + "\n\n" + "\n\n".join(paras) + "\n"}

    def generate(self, n: int, start: int = 0) -> Iterator[dict]:
        for i in range(start, start + n):
            yield self.report(i)


# ------------------------------------------------------------------ measurements (child side)

def _rss_mb() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _as_report(d: dict):
    from .model import Report
    return Report(raw=d["text"], path=d["path"], published=d["published"])


def _time_khabar(pipe, docs, max_seconds: float) -> dict:
    from .model import json_bytes
    n = nbytes = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        rep = pipe.safe_process(_as_report(d))
        if hasattr(rep, "contract"):
            json_bytes(rep.contract())   # what extract writes per report
        n += 1
        nbytes += len(d["text"].encode("utf-8"))
        if time.perf_counter() - t0 > max_seconds:
            break
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    # per CPU second too: on a shared machine wall time also counts the time others held the CPU
    return {"n_done": n, "seconds": round(secs, 3), "reports_per_s": round(n / secs, 2) if secs else None,
            "mb_per_s": round(nbytes / secs / 1e6, 4) if secs else None,
            "cpu_seconds": round(cpu, 3), "reports_per_cpu_s": round(n / cpu, 2) if cpu else None}


def child_throughput(n: int, report_bytes: int, seed: int, max_seconds: float) -> dict:
    """One N: khabar over N streamed reports, one process; startup and warm-up timed apart."""
    from .pipeline import Pipeline
    t0 = time.perf_counter()
    corpus = Corpus(report_bytes, seed)
    pipe = Pipeline()
    for d in corpus.generate(10, start=10**8):          # load lazily-built resources, not timed
        pipe.safe_process(_as_report(d))
    startup = time.perf_counter() - t0
    pipe.stage_seconds = {}
    res = _time_khabar(pipe, corpus.generate(n), max_seconds)
    # per-stage cost, ms per report (two perf_counter calls per stage: noise under 1 µs)
    res["stage_ms"] = {k: round(v * 1000 / max(res["n_done"], 1), 3) for k, v in pipe.stage_seconds.items()}
    res.update(n=n, truncated=res["n_done"] < n, startup_s=round(startup, 2), peak_rss_mb=round(_rss_mb(), 1))
    return res


def child_peers(sample: int, report_bytes: int, seed: int, max_seconds: float) -> dict:
    """khabar, spaCy fr_core_news_sm NER and dateparser search_dates on the same French reports."""
    from .pipeline import Pipeline
    corpus = Corpus(report_bytes, seed, langs=("fr",))
    docs = list(corpus.generate(sample, start=10**6))
    out: dict = {"sample": len(docs)}
    pipe = Pipeline()
    for d in corpus.generate(5, start=10**8):
        pipe.safe_process(_as_report(d))
    out["khabar"] = _time_khabar(pipe, docs, max_seconds)
    try:
        import spacy
        name = "fr_core_news_sm"
        full = spacy.util.get_model_meta(spacy.util.get_package_path(name)).get("pipeline", [])
        nlp = spacy.load(name, exclude=[p for p in full if p != "ner"])
        list(nlp.pipe([d["text"] for d in docs[:2]]))
        n = ents = 0
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in nlp.pipe((d["text"] for d in docs), batch_size=16):
            ents += len(doc.ents)
            n += 1
            if time.perf_counter() - t0 > max_seconds:
                break
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        out["spacy"] = {"n_done": n, "seconds": round(secs, 3), "reports_per_s": round(n / secs, 2),
                        "cpu_seconds": round(cpu, 3), "reports_per_cpu_s": round(n / cpu, 2) if cpu else None,
                        "entities": ents, "pipeline": nlp.pipe_names}
    except Exception as exc:
        out["spacy"] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
    try:
        from dateparser.search import search_dates
        search_dates(docs[0]["text"][:200], languages=["fr"])
        n = found = 0
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            found += len(search_dates(d["text"], languages=["fr"]) or [])
            n += 1
            if time.perf_counter() - t0 > max_seconds:
                break
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        out["dateparser"] = {"n_done": n, "seconds": round(secs, 3), "reports_per_s": round(n / secs, 2),
                             "cpu_seconds": round(cpu, 3), "reports_per_cpu_s": round(n / cpu, 2) if cpu else None,
                             "dates": found}
    except Exception as exc:
        out["dateparser"] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
    return out


def _warm(path: str) -> int:
    """Run on each dask worker before timing: builds its pipeline and loads its resources."""
    from .config import Config
    from .engine import process_partition
    return len(process_partition([path], Config()))


def child_dask(n: int, report_bytes: int, seed: int, per_file: int | None = None) -> dict:
    """The dask engine on a LocalCluster of 1 then 2 worker processes, same corpus; times apart."""
    from distributed import Client, LocalCluster

    from .engine import run_dask
    from .model import json_bytes
    corpus = Corpus(report_bytes, seed)
    per_file = per_file or max(5, n // 40)   # about 40 files, one partition each: even load on 2 workers
    out: dict = {"n": n}
    with tempfile.TemporaryDirectory(prefix="khabar-bench-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        docs = corpus.generate(n)
        for f in range(0, n, per_file):
            with open(src / f"part-{f // per_file:05d}.jsonl", "wb") as fh:
                for _ in range(min(per_file, n - f)):
                    d = next(docs)
                    fh.write(json_bytes({k: d[k] for k in ("text", "published")}) + b"\n")
        warm = Path(tmp) / "warm.jsonl"
        with open(warm, "wb") as fh:
            for d in corpus.generate(5, start=10**8):
                fh.write(json_bytes({"text": d["text"]}) + b"\n")
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                              silence_logs=40) as cluster, Client(cluster) as client:
                # warm each worker's executor thread (where its tasks, and so its pipeline, live)
                client.gather([client.submit(_warm, str(warm), workers=[w], allow_other_workers=False, pure=False)
                               for w in client.scheduler_info()["workers"]])
                t0 = time.perf_counter()
                stats = run_dask([str(src)], Path(tmp) / f"out{workers}", client=client, partition_size=1)
                secs = time.perf_counter() - t0
                out[f"workers_{workers}"] = {"seconds": round(secs, 3), "reports_per_s": round(n / secs, 2),
                                             "rows": stats["rows"], "partitions": stats["partitions"]}
    out["speedup"] = round(out["workers_1"]["seconds"] / out["workers_2"]["seconds"], 3)
    return out


# ------------------------------------------------------------------ orchestration (parent side)

def _in_child(kind: str, args: list[str], timeout: float) -> dict:
    """Run one measurement in a fresh interpreter; its last stdout line is the JSON result."""
    cmd = [sys.executable, "-m", "khabar.bench", "--child", kind, *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f}s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1][:300]}
    return json.loads(lines[-1])


def _ratio(a, b):
    return round(a / b, 2) if a and b else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m khabar.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="N = 1k and 10k, under 3 minutes")
    ap.add_argument("--sizes", help="comma-separated N values (overrides --quick)")
    ap.add_argument("--report-bytes", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-peers", action="store_true", help="skip spaCy and dateparser")
    ap.add_argument("--no-dask", action="store_true", help="skip the 1 vs 2 Dask workers run")
    ap.add_argument("--peer-sample", type=int, default=200)
    ap.add_argument("--dask-n", type=int)
    ap.add_argument("--max-seconds", type=float, help="time cap of each timed loop")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    if a.child:
        cap = a.max_seconds or 600.0
        if a.child == "throughput":
            res = child_throughput(a.n, a.report_bytes, a.seed, cap)
        elif a.child == "peers":
            res = child_peers(a.n, a.report_bytes, a.seed, cap)
        else:
            res = child_dask(a.n, a.report_bytes, a.seed)
        print(json.dumps(res))
        return 0

    sizes = [int(x) for x in a.sizes.split(",")] if a.sizes else ([1000, 10000] if a.quick else [1000, 10000, 100000])
    # caps keep --quick under 3 minutes: per-N loops, then peers, then dask
    caps = {1000: 20.0, 10000: 45.0} if a.quick else {}
    peer_cap = a.max_seconds or (10.0 if a.quick else 60.0)
    common = ["--report-bytes", str(a.report_bytes), "--seed", str(a.seed)]

    from rich.console import Console
    from rich.table import Table
    console = Console()
    if not console.is_terminal:
        console = Console(width=120)
    t_start = time.perf_counter()
    runs = []
    for n in sizes:
        cap = a.max_seconds or caps.get(n, 3600.0)
        console.print(f"[dim]khabar: {n} reports (cap {cap:.0f}s)…[/]")
        res = _in_child("throughput", ["--n", str(n), "--max-seconds", str(cap), *common], cap + 120)
        res.setdefault("n", n)
        runs.append(res)
    peers = None
    if not a.no_peers:
        console.print(f"[dim]peers: spaCy NER and dateparser on {a.peer_sample} French reports…[/]")
        peers = _in_child("peers", ["--n", str(a.peer_sample), "--max-seconds", str(peer_cap), *common],
                          4 * peer_cap + 120)
    dask = None
    if not a.no_dask:
        # about 16 s (quick) or 30 s of one worker's work at the single-process rate just measured: the
        # cluster's fixed cost (starting tasks, gathering Parquet) is about half a second a run, which a
        # shorter job would count as a loss of scaling
        rate = next((r["reports_per_s"] for r in reversed(runs) if r.get("reports_per_s")), 50.0)
        dask_n = a.dask_n or int(min(2000 if a.quick else 4000, max(100, rate * (16 if a.quick else 30))) // 25 * 25)
        console.print(f"[dim]dask: {dask_n} reports on 1 then 2 workers…[/]")
        dask = _in_child("dask", ["--n", str(dask_n), *common], 600)

    table = Table(title=f"khabar bench ({os.cpu_count()} CPUs, ≈{a.report_bytes} B reports)")
    for col in ("run", "N", "done", "reports/s", "per CPU-s", "MB/s", "peak RSS MB", "seconds", "note"):
        table.add_column(col, justify="right" if col not in ("run", "note") else "left")
    for r in runs:
        table.add_row("khabar 1 process", str(r.get("n")), str(r.get("n_done", "")), str(r.get("reports_per_s", "")),
                      str(r.get("reports_per_cpu_s", "")), str(r.get("mb_per_s", "")), str(r.get("peak_rss_mb", "")), str(r.get("seconds", "")),
                      r.get("error") or ("time cap" if r.get("truncated") else ""))
    spacy_ratio = dateparser_ratio = None
    cpu_ratios: dict = {}
    if peers:
        kb = (peers.get("khabar") or {}).get("reports_per_s")
        for name in ("khabar", "spacy", "dateparser"):
            p = peers.get(name) or {}
            table.add_row(f"{name} (French sample)", str(peers.get("sample", "")), str(p.get("n_done", "")),
                          str(p.get("reports_per_s", "")), str(p.get("reports_per_cpu_s", "")), "", "",
                          str(p.get("seconds", "")),
                          p.get("error") or peers.get("error") or "")
        spacy_ratio = _ratio(kb, (peers.get("spacy") or {}).get("reports_per_s"))
        dateparser_ratio = _ratio(kb, (peers.get("dateparser") or {}).get("reports_per_s"))
        kc = (peers.get("khabar") or {}).get("reports_per_cpu_s")
        cpu_ratios = {f"{name}_ratio_cpu": _ratio(kc, (peers.get(name) or {}).get("reports_per_cpu_s"))
                      for name in ("spacy", "dateparser")}
    if dask:
        for w in (1, 2):
            d = dask.get(f"workers_{w}") or {}
            table.add_row(f"dask {w} worker{'s' if w > 1 else ''}", str(dask.get("n", "")), str(d.get("rows", "")),
                          str(d.get("reports_per_s", "")), "", "", "", str(d.get("seconds", "")), dask.get("error") or "")
    console.print(table)
    stage_ms = next((r["stage_ms"] for r in runs if r.get("stage_ms")), None)
    if stage_ms:
        console.print("ms per report by stage: " + ", ".join(f"{k} {v:.2f}" for k, v in stage_ms.items()))

    done = [r for r in runs if "reports_per_s" in r]
    last = done[-1] if done else {}
    summary = {
        "reports_per_s": last.get("reports_per_s"),
        "mb_per_s": last.get("mb_per_s"),
        "peak_rss_mb": max((r["peak_rss_mb"] for r in done), default=None),
        "spacy_ratio": spacy_ratio,
        "dateparser_ratio": dateparser_ratio,
        "dask_speedup": (dask or {}).get("speedup"),
        "stage_ms": stage_ms,
        "reports_per_cpu_s": last.get("reports_per_cpu_s"),
        **cpu_ratios,
        "runs": runs,
        "peers": peers,
        "dask": dask,
        "quick": bool(a.quick),
        "report_bytes": a.report_bytes,
        "cpus": os.cpu_count(),
        "total_seconds": round(time.perf_counter() - t_start, 1),
    }
    console.print(f"ratios: spaCy NER ×{spacy_ratio}, dateparser ×{dateparser_ratio}; "
                  f"dask 2 vs 1 workers ×{summary['dask_speedup']}", highlight=False)
    sys.stdout.flush()
    print("BENCH " + json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
