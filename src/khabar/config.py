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
    link_max_km: float = 25.0        # two towns or sites farther apart are two places
    link_max_days: int = 0           # day dates must meet (overlap); raise to allow "late Tuesday" drift
    link_count_ratio: float = 3.0
    # besides type, date and place, a link needs this many more agreements: actors named on both
    # sides, counts or tolls on both sides, a second place role, a site (prison, field) on both sides
    link_min_evidence: int = 2
    # dates vaguer than this many days (a range of months) never link claims
    link_max_span_days: int = 31
    # claim types that may link besides equal ones, e.g. {"ATTACK": ["SEIZE"]}; strict when empty
    link_type_compat: dict = field(default_factory=dict)
    # places of one role farther apart than this inside an event are listed as a conflict
    conflict_place_km: float = 15.0
    # an "approx" count (nearly 60) agrees with exact counts within this fraction
    conflict_approx: float = 0.25
    # attribution: a source carries to at most this many following sentences of its paragraph
    attribution_carry: int = 2
    # rapidfuzz near-miss threshold for gazetteer names (0..100)
    fuzzy_threshold: float = 90.0
    # "the southern countryside of X", "southern X": a derived point this far from X in that
    # direction; a country, governorate or governorate seat (large) has a wider countryside than a
    # town; "south of X" (just outside it) takes countryside_km_near
    countryside_km_large: float = 20.0
    countryside_km_small: float = 12.0
    countryside_km_near: float = 10.0        # "south of X", "south of the town of X"
    countryside_km_country: float = 250.0
    countryside_large_pop: int = 100_000     # a town this populous counts as large
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
