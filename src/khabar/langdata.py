"""The one loader for language and reference data files.

Stage code asks this module for data and never branches on a language code: word lists,
triggers, month names, gazetteer files all live under khabar/data, one JSON file per
language and kind (data/lang/<lang>/<name>.json) or shared (data/<name>.json).
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

LANGS = ("fr", "ar", "en")
# this package's own data, whatever name it is imported under (an A/B copy of the package reads its own)
DATA_DIR = Path(str(resources.files(__package__) / "data"))


@lru_cache(maxsize=None)
def lang(name: str, code: str) -> dict | list:
    """Data file `name` for language `code`; an empty dict when that language has none."""
    path = DATA_DIR / "lang" / code / f"{name}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def all_langs(name: str) -> dict[str, dict | list]:
    """Data file `name` for every language that has it, keyed by language code."""
    return {code: lang(name, code) for code in LANGS if (DATA_DIR / "lang" / code / f"{name}.json").exists()}


@lru_cache(maxsize=None)
def shared(name: str) -> dict | list:
    """A language-independent data file (data/<name>.json)."""
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def path(name: str) -> Path:
    return DATA_DIR / name
