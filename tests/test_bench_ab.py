"""The A/B of two source trees: each side runs its own khabar, and a change of output is caught."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.bench_ab import ROOT, WORKTREE, compare

N = 4


def _copy_of_package(tmp_path: Path) -> Path:
    src = tmp_path / "tree" / "src"
    shutil.copytree(ROOT / "src" / "khabar", src / "khabar",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    return tmp_path / "tree"


def test_a_copy_of_the_tree_runs_its_own_package_and_writes_the_same_records(tmp_path):
    tree = _copy_of_package(tmp_path)
    res = compare(str(tree), WORKTREE, n=N, rounds=2, progress=lambda _: None)
    assert Path(res["base_package"]) == tree / "src" / "khabar"
    assert Path(res["new_package"]) == ROOT / "src" / "khabar"
    assert res["same_output"] and res["differing"] == 0
    assert len(res["totals"]) == 2 and all(t["base"] > 0 and t["new"] > 0 for t in res["totals"])
    # the stages both trees time, each with its ratio
    assert {"clean", "mentions", "claims", "attribution"} <= set(res["stages"])
    assert all(v["ratio"] > 0 for v in res["stages"].values())


def test_a_tree_whose_records_differ_is_reported_with_how_many_reports_differ(tmp_path):
    tree = _copy_of_package(tmp_path)
    init = tree / "src" / "khabar" / "__init__.py"
    # the altered tree drops every report's last claim: a change that is not output-neutral
    init.write_text(init.read_text(encoding="utf-8") + (
        "\nfrom . import pipeline as _pipeline\n"
        "_process = _pipeline.Pipeline.process\n"
        "def _dropping(self, report):\n"
        "    rep = _process(self, report)\n"
        "    rep.claims = rep.claims[:-1]\n"
        "    return rep\n"
        "_pipeline.Pipeline.process = _dropping\n"), encoding="utf-8")
    res = compare(str(tree), WORKTREE, n=N, rounds=1, progress=lambda _: None)
    assert not res["same_output"]
    assert res["differing"] == N      # every bench report tells of something


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_a_git_revision_is_exported_and_the_cli_ends_on_its_ab_line():
    proc = subprocess.run([sys.executable, "-m", "khabar.bench_ab", "HEAD", "--n", "3", "--rounds", "1"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("AB ")
    res = json.loads(last[3:])
    assert res["base"] == "HEAD" and res["new"] == WORKTREE and res["n"] == 3
    # HEAD's package is an export, not the working tree's
    assert not Path(res["base_package"]).is_relative_to(ROOT)


def test_an_unknown_revision_is_a_clear_error():
    with pytest.raises(SystemExit, match="neither a folder nor a git revision"):
        compare("no-such-revision-xyz", WORKTREE, n=1, rounds=1, progress=lambda _: None)
