"""Interleaved A/B of two source trees: is a change faster, and is its output the same?

    python -m khabar.bench_ab 3ed838f                  # that commit against the working tree
    python -m khabar.bench_ab main --new HEAD --rounds 8
    make ab BASE=3ed838f

A machine's own speed drifts by ±20% from minute to minute, far more than most changes are worth;
two bench runs minutes apart cannot tell a 3% gain. Here two child processes, one per tree (a git
revision, exported by `git archive`, or a folder holding the `khabar` package), load their
pipeline once and then run the same reports in turn, the order swapped every round; the ratio
new/base of each round's process time is averaged geometrically. The reports are generated once,
by this tree's bench corpus, and handed to both, so a corpus change between the trees does not
count. Each child has its own cache folder (the gazetteer's pickle is keyed on its own files).

Each child also hashes every report's record (`contract()`): `same_output` says whether the two
trees wrote the same records, `differing` how many reports differ: a speed change must keep it 0.

The last line printed is `AB {json}` with base, new, n, rounds, the per-round totals, `total`
(new/base of process time, geometric mean) and `stages` (the same per stage, where both trees
time their stages), same_output and differing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKTREE = "worktree"


def _child(src: str, docs_path: str) -> None:
    """Child side: khabar from `src`, then per "go" line on stdin one JSON line of its timings."""
    sys.path.insert(0, src)
    import khabar
    from khabar.model import Report
    from khabar.pipeline import Pipeline
    try:
        from khabar.model import json_bytes
    except ImportError:     # (an older tree)
        def json_bytes(obj):
            return json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")
    docs = [json.loads(line) for line in open(docs_path, encoding="utf-8")]
    pipe = Pipeline()

    def one(d):
        rep = pipe.safe_process(Report(raw=d["text"], path=d["path"], published=d["published"]))
        return json_bytes(rep.contract()) if hasattr(rep, "contract") else repr(rep).encode("utf-8")

    for d in docs[:5]:       # lazily built resources: loaded before timing
        one(d)
    digests = [hashlib.blake2b(one(d), digest_size=12).hexdigest() for d in docs]
    print(json.dumps({"ready": True, "package": str(Path(khabar.__file__).parent), "digests": digests}), flush=True)
    for _ in sys.stdin:
        pipe.stage_seconds = {}
        t0 = time.process_time()
        for d in docs:
            one(d)
        total = time.process_time() - t0
        print(json.dumps({"total": total, "stages": pipe.stage_seconds or {}}), flush=True)


def source_tree(spec: str, into: Path) -> Path:
    """The folder to import khabar from for `spec`: the working tree's src/, a folder given (its
    src/ when it has one), or a git revision exported into `into`."""
    if spec == WORKTREE:
        return ROOT / "src"
    path = Path(spec)
    if path.is_dir():
        return path / "src" if (path / "src" / "khabar").is_dir() else path
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", spec, "src"],
                             capture_output=True)
    if archive.returncode != 0:
        raise SystemExit(f"bench_ab: {spec!r} is neither a folder nor a git revision of {ROOT}: "
                         f"{archive.stderr.decode(errors='replace').strip()}")
    tar_path = into / "src.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        if hasattr(tarfile, "data_filter"):       # (Python 3.11.4 on)
            tar.extractall(into, filter="data")
        else:
            tar.extractall(into)
    return into / "src"


class _Side:
    def __init__(self, name: str, src: Path, docs_path: Path, cache: Path):
        env = dict(os.environ, XDG_CACHE_HOME=str(cache))
        env.pop("PYTHONPATH", None)
        self.name = name
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(src), str(docs_path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"bench_ab: the {name} tree ({src}) did not start; see its error above")
        ready = json.loads(line)
        self.package, self.digests = ready["package"], ready["digests"]

    def go(self) -> dict:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def _geomean(xs: list[float]) -> float:
    return math.exp(sum(map(math.log, xs)) / len(xs))


def compare(base: str, new: str = WORKTREE, n: int = 300, rounds: int = 6, seed: int = 7,
            report_bytes: int = 3000, progress=print) -> dict:
    """The A/B of trees `base` and `new` (each WORKTREE, a folder or a git revision) on `n`
    bench reports over `rounds` rounds; see the module's docstring."""
    from .bench import Corpus
    with tempfile.TemporaryDirectory(prefix="khabar-ab-") as tmp:
        tmp = Path(tmp)
        docs_path = tmp / "docs.jsonl"
        with open(docs_path, "w", encoding="utf-8") as fh:
            for d in Corpus(report_bytes, seed).generate(n):
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        sides = []
        try:
            for name, spec in (("base", base), ("new", new)):
                src = source_tree(spec, tmp / name)
                sides.append(_Side(name, src, docs_path, tmp / f"cache-{name}"))
            a, b = sides
            totals, ratios, stage_ratios, base_ms = [], [], {}, {}
            for r in range(rounds):
                first, second = (a, b) if r % 2 == 0 else (b, a)
                res = {first.name: first.go()}
                res[second.name] = second.go()
                ta, tb = res["base"]["total"], res["new"]["total"]
                totals.append({"base": round(ta, 4), "new": round(tb, 4)})
                ratios.append(tb / ta)
                progress(f"round {r + 1}/{rounds}: base {ta:.3f}s new {tb:.3f}s  new/base {tb / ta:.4f}")
                for k, v in res["base"]["stages"].items():
                    w = res["new"]["stages"].get(k)
                    if v and w:
                        stage_ratios.setdefault(k, []).append(w / v)
                        base_ms.setdefault(k, []).append(v * 1000 / n)
        finally:
            for s in sides:
                s.close()
    differing = sum(x != y for x, y in zip(a.digests, b.digests))
    return {
        "base": base, "new": new, "base_package": a.package, "new_package": b.package,
        "n": n, "rounds": rounds, "totals": totals,
        "total": round(_geomean(ratios), 4),
        "stages": {k: {"base_ms": round(sum(base_ms[k]) / len(base_ms[k]), 3), "ratio": round(_geomean(v), 4)}
                   for k, v in stage_ratios.items()},
        "same_output": differing == 0, "differing": differing,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m khabar.bench_ab", description=__doc__.split("\n")[0])
    ap.add_argument("base", help="git revision or folder of the tree to compare against")
    ap.add_argument("--new", default=WORKTREE, help="git revision or folder (default: the working tree)")
    ap.add_argument("--n", type=int, default=300, help="bench reports per round")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--report-bytes", type=int, default=3000)
    a = ap.parse_args(argv)
    res = compare(a.base, a.new, a.n, a.rounds, a.seed, a.report_bytes)
    from rich.console import Console
    from rich.table import Table
    console = Console() if sys.stdout.isatty() else Console(width=100)
    table = Table(title=f"{a.new} over {a.base}: {a.n} reports × {a.rounds} rounds (process time)")
    for col in ("stage", "base ms/report", "new/base"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    for k, v in res["stages"].items():
        table.add_row(k, f"{v['base_ms']:.3f}", f"{v['ratio']:.4f}")
    table.add_row("total", "", f"{res['total']:.4f}")
    console.print(table)
    console.print("output: " + ("the same records" if res["same_output"]
                                else f"[bold red]{res['differing']} of {a.n} reports differ[/]"))
    print("AB " + json.dumps(res))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        # run as a script: sys.path[0] is this file's folder, not a tree; the child picks its own
        sys.path.pop(0)
        _child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
