"""Shared fixtures: the development sets in ../shared and a pipeline built once per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# every property test without its own deadline: one example may take longer than hypothesis' 200 ms
# on a loaded machine (CI, a parallel bench), and the properties are about results, never time
settings.register_profile("khabar", deadline=None)
settings.load_profile("khabar")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
ACLED = SHARED / "acled" / "dev.jsonl"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from khabar import Pipeline
    return Pipeline()


def need_shared():
    if not SEEDS.exists():
        pytest.skip("../shared is not beside the checkout")
