"""The benchmark: a streamed corpus of distinct reports of the asked size, and its BENCH line."""
from __future__ import annotations

import json
import subprocess
import sys

from khabar.bench import Corpus, main


def test_corpus_builds_n_distinct_reports_of_about_the_requested_size():
    corpus = Corpus(report_bytes=3000, seed=1)
    docs = list(corpus.generate(120))
    assert len(docs) == 120
    assert len({d["text"] for d in docs}) == 120
    sizes = [len(d["text"].encode("utf-8")) for d in docs]
    assert 2700 <= sum(sizes) / len(sizes) <= 3600
    assert all(2000 <= s <= 5000 for s in sizes)
    # several languages, each report's text from its own language's sentences
    assert len({d["lang"] for d in docs}) >= 2


def test_report_i_depends_only_on_seed_and_i():
    a, b = Corpus(report_bytes=1500, seed=3), Corpus(report_bytes=1500, seed=3)
    assert [d["text"] for d in a.generate(5, start=40)] == [b.report(i)["text"] for i in range(40, 45)]
    assert Corpus(report_bytes=1500, seed=4).report(40)["text"] != a.report(40)["text"]


def test_corpus_varies_places_and_numbers_of_the_same_sentences():
    corpus = Corpus(report_bytes=20000, seed=2, langs=("fr",))
    assert set(corpus.langs) == {"fr"}
    templates = [t for t in corpus.pool["fr"] if any(isinstance(p, tuple) and p[0] == "number" for p in t)]
    assert templates, "some French sentences carry numbers"
    import random
    filled = {corpus._fill(templates[0], "fr", random.Random(i)) for i in range(20)}
    assert len(filled) > 1


def test_generate_streams_instead_of_building_a_list():
    gen = Corpus(report_bytes=500, seed=1).generate(10**9)
    assert next(gen)["text"] and next(gen)["text"]


def test_tiny_bench_prints_one_valid_bench_line():
    proc = subprocess.run([sys.executable, "-m", "khabar.bench", "--sizes", "30", "--no-peers", "--no-dask",
                           "--report-bytes", "1500"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("BENCH ")
    assert sum(1 for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")) == 1
    data = json.loads(last[len("BENCH "):])
    for key in ("reports_per_s", "mb_per_s", "peak_rss_mb", "spacy_ratio", "dask_speedup", "dateparser_ratio"):
        assert key in data
    assert data["reports_per_s"] > 0 and data["mb_per_s"] > 0 and data["peak_rss_mb"] > 10
    assert data["runs"][0]["n"] == 30 and data["runs"][0]["n_done"] == 30
    assert data["spacy_ratio"] is None and data["dask_speedup"] is None


def test_main_returns_zero_in_process(capsys):
    assert main(["--sizes", "5", "--no-peers", "--no-dask", "--report-bytes", "800"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("BENCH {")


import pytest  # noqa: E402


@pytest.mark.slow
def test_peer_and_dask_measurements_run_on_a_small_sample():
    from khabar.bench import child_dask, child_peers
    peers = child_peers(sample=4, report_bytes=1500, seed=1, max_seconds=30)
    assert peers["sample"] == 4
    assert peers["khabar"]["n_done"] == 4
    assert peers["spacy"]["pipeline"] == ["ner"] and peers["spacy"]["entities"] > 0
    assert peers["dateparser"]["n_done"] == 4
    dask = child_dask(n=12, report_bytes=1000, seed=1, per_file=3)
    assert dask["workers_1"]["rows"] == dask["workers_2"]["rows"] == 12
    assert dask["speedup"] > 0
