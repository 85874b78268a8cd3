"""Configuration: thresholds and windows, with defaults overridable from a TOML file."""
from __future__ import annotations

import datetime as _dt
import tomllib
from dataclasses import dataclass, field, fields


@dataclass
class Config:
    # a yearless "weekday day month" picks the latest allowed year inside this window
    plausible_year_min: int = 2011
    plausible_year_max: int = field(default_factory=lambda: _dt.date.today().year)
    # event linking
    link_max_km: float = 60.0
    link_max_days: int = 3
    link_count_ratio: float = 3.0
    # rapidfuzz near-miss threshold for gazetteer names (0..100)
    fuzzy_threshold: float = 90.0
    # reading
    max_input_bytes: int = 20_000_000
    discover: bool = False

    @classmethod
    def load(cls, path: str | None = None, **overrides) -> "Config":
        cfg = cls()
        if path:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
            for f in fields(cls):
                if f.name in data:
                    setattr(cfg, f.name, data[f.name])
        for k, v in overrides.items():
            setattr(cfg, k, v)
        return cfg
