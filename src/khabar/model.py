"""The typed data model that flows between pipeline stages.

A Report is created by `read`, and every later stage adds to it. Offsets in `removed`
index `raw`; every other offset indexes `text` (the clean text).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

import orjson


_SCALARS = frozenset((str, int, float, bool, type(None)))
_PUBLIC: dict[type, tuple[str, ...]] = {}   # dataclass -> its public field names (fields() is slow per call)


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready structure of a model object; private fields (leading _) are dropped."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    # scalars are taken as they are without a call: most values are scalars
    if cls is list:      # the commonest containers first, before the dataclass look-up
        return [x if type(x) in _SCALARS else to_dict(x) for x in obj]
    if cls is dict:
        return {k: v if type(v) in _SCALARS else to_dict(v) for k, v in obj.items()}
    names = _PUBLIC.get(cls)
    if names is None and is_dataclass(obj) and not isinstance(obj, type):
        names = _PUBLIC[cls] = tuple(f.name for f in fields(obj) if not f.name.startswith("_"))
    if names is not None:
        out = {}
        for n in names:
            v = getattr(obj, n)
            out[n] = v if type(v) in _SCALARS else to_dict(v)
        return out
    if isinstance(obj, (list, tuple)):
        return [x if type(x) in _SCALARS else to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: v if type(v) in _SCALARS else to_dict(v) for k, v in obj.items()}
    return obj


def _json_fallback(obj: Any) -> str:
    # orjson refuses lone surrogates in a str (a surrogateescape'd file name), ints beyond 64
    # bits and keys that are not str; json takes them, as every record was written before
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def json_bytes(obj: Any) -> bytes:
    """obj as compact UTF-8 JSON: how a record is written to a .jsonl file (opened in binary).
    A str with lone surrogates raises UnicodeEncodeError, as any UTF-8 writer does."""
    try:
        return orjson.dumps(obj)
    except TypeError:   # orjson.JSONEncodeError
        return _json_fallback(obj).encode("utf-8")


def json_text(obj: Any) -> str:
    """obj as compact JSON text, not ASCII-escaped: how a record is stored in a text column
    (SQLite, Parquet) or text stream. The same text as json_bytes, decoded."""
    try:
        return orjson.dumps(obj).decode("utf-8")
    except TypeError:   # orjson.JSONEncodeError
        return _json_fallback(obj)


@dataclass
class Removed:
    start: int
    end: int
    reason: str          # caption, credit, share, read-also, label, footer, title, boilerplate
    text: str = ""


@dataclass
class Segment:
    """A paragraph or sentence of the clean text, with its language when known."""
    start: int
    end: int
    lang: str | None = None


@dataclass
class Place:
    id: str                      # geonames:<id> | site:<slug> | country:<ISO2> | admin1:<code>
    name: str
    lat: float | None
    lon: float | None
    precision: str               # site, city, admin1, region, country
    admin1: str | None = None
    country: str | None = None
    text: str | None = None      # the mention text it was named by in the report


@dataclass
class Actor:
    id: str                      # actor:<slug> in the data; claims carry the bare slug
    name: str
    kind: str = "armed-group"    # state, armed-group, force, party, organisation


@dataclass
class Source:
    name: str                    # as written in the report
    kind: str                    # anonymous, local, residents, official, state-media, media, ngo,
                                 # intelligence, government, military, outlet
    id: str | None = None        # outlet id when linked (e.g. "sana")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str                    # place, actor, person, source, date, number
    id: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    # resolution detail kept for later stages, not part of the output contract
    _entry: Any = None


@dataclass
class Quantity:
    value: int | None = None
    at_least: int | None = None
    approx: bool = False
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass
class DateValue:
    start: str | None            # ISO date (yyyy-mm-dd) or None when the year is unknown
    end: str | None
    precision: str               # day, week, month, year, range
    text: str = ""
    candidates: list[str] = field(default_factory=list)   # ISO dates the text allows
    start_offset: int | None = None
    end_offset: int | None = None
    month_day: str | None = None  # "--mm-dd" when the text gives day and month but no year
    year_from: str | None = None  # "report#claim" whose date gave the year the text leaves out


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class Claim:
    id: str
    type: str
    evidence: Evidence
    modality: str = "asserted"
    date: DateValue | None = None
    location: Place | None = None
    origin: Place | None = None
    destination: Place | None = None
    agent: list[dict] = field(default_factory=list)     # [{id, name}]
    patient: list[dict] = field(default_factory=list)
    target: list[dict] = field(default_factory=list)
    count: Quantity | None = None
    fatalities: Quantity | None = None
    injured: Quantity | None = None
    means: str | None = None
    persons: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)  # innermost (primary) first
    acled: dict | None = None                           # {event_type, sub_event_type}
    extra_evidence: list[Evidence] = field(default_factory=list)
    _sentence: int | None = None


@dataclass
class Report:
    raw: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None         # ISO date
    id: str = ""
    text: str = ""
    lang: str | None = None
    removed: list[Removed] = field(default_factory=list)
    paragraphs: list[Segment] = field(default_factory=list)
    sentences: list[Segment] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    numbers: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # normalised text and its map back to `text` (set by the normalise stage)
    _norm: str = ""
    _norm_index: list[int] = field(default_factory=list)
    # `_norm` split at its tokens (gazetteer.split_tokens), by the mentions stage: link reads
    # the words of place phrases off it rather than scanning the text again, and drops it
    _split: tuple[list[str], list[int]] | None = None
    # what the anchors of claims and attribution hit in `_norm` (that text, and per language code
    # anchor_pass.hits' answer): found by the first of them to ask, dropped by attribution
    _anchors: tuple[str, dict] | None = None
    _html: str | None = None

    def contract(self) -> dict:
        """The reports.jsonl record of the output contract."""
        # written field by field (about a thousand values a report): a dict display reads them
        # several times faster than to_dict's walk over fields; tests check the keys against the fields
        return {
            "id": self.id, "path": self.path, "url": self.url, "outlet": self.outlet,
            "title": self.title, "published": self.published, "lang": self.lang,
            "removed": [{"start": r.start, "end": r.end, "reason": r.reason} for r in self.removed],
            "paragraphs": [{"start": p.start, "end": p.end, "lang": p.lang} for p in self.paragraphs],
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "kind": m.kind, "id": m.id, "name": m.name,
                          "lat": m.lat, "lon": m.lon, "precision": m.precision} for m in self.mentions],
            "claims": [claim_dict(c) for c in self.claims],
            "text": self.text,
        }


def _place_dict(p: Place | None) -> dict | None:
    if p is None:
        return None
    return {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "precision": p.precision, "admin1": p.admin1,
            "country": p.country, "text": p.text}


def _quantity_dict(q: Quantity | None) -> dict | None:
    # its offsets stay in the model: the contract gives the text
    return None if q is None else {"value": q.value, "at_least": q.at_least, "approx": q.approx, "text": q.text}


def claim_dict(c: Claim) -> dict:
    """A claim's record in the output contract (its date without offsets, its quantities without
    offsets). The free-form fields (agent, acled, ...) are copied by to_dict."""
    d = c.date
    return {
        "id": c.id, "type": c.type,
        "evidence": {"start": c.evidence.start, "end": c.evidence.end, "text": c.evidence.text},
        "modality": c.modality,
        "date": None if d is None else {"start": d.start, "end": d.end, "precision": d.precision, "text": d.text,
                                        "candidates": to_dict(d.candidates), "month_day": d.month_day,
                                        "year_from": d.year_from},
        "location": _place_dict(c.location), "origin": _place_dict(c.origin),
        "destination": _place_dict(c.destination),
        "agent": to_dict(c.agent), "patient": to_dict(c.patient), "target": to_dict(c.target),
        "count": _quantity_dict(c.count), "fatalities": _quantity_dict(c.fatalities),
        "injured": _quantity_dict(c.injured),
        "means": c.means, "persons": to_dict(c.persons),
        "sources": [{"name": s.name, "kind": s.kind, "id": s.id} for s in c.sources],
        "acled": to_dict(c.acled),
        "extra_evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in c.extra_evidence],
    }


@dataclass
class Event:
    id: str
    type: str
    claims: list[str]                     # "report_id#claim_id"
    date: dict | None = None
    places: list[dict] = field(default_factory=list)
    independent_sources: int = 0
    source_chains: list[list[dict]] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    circular: bool = False
    links: list[dict] = field(default_factory=list)   # why each claim joined: {a, b, reasons}

    def contract(self) -> dict:
        return to_dict(self)


@dataclass
class Rejected:
    """An input that could not be turned into a report, with the reason shown to the user."""
    path: str
    code: str
    reason: str
    record: int | None = None    # line number inside a .jsonl file, when it applies


def _place(d: dict | None) -> Place | None:
    return Place(**{k: d.get(k) for k in ("id", "name", "lat", "lon", "precision", "admin1", "country", "text")}) if d else None


def _qty(d: dict | None) -> Quantity | None:
    return Quantity(**{k: d[k] for k in ("value", "at_least", "approx", "text") if k in d}) if d else None


def claim_from_dict(d: dict) -> Claim:
    """A Claim back from its reports.jsonl / SQLite form."""
    date = d.get("date")
    return Claim(
        id=d["id"], type=d["type"], modality=d.get("modality", "asserted"),
        evidence=Evidence(**{k: d["evidence"][k] for k in ("start", "end", "text")}),
        date=DateValue(**{k: date.get(k) for k in ("start", "end", "precision", "text", "candidates", "month_day", "year_from")
                          if k in date}) if date else None,
        location=_place(d.get("location")), origin=_place(d.get("origin")), destination=_place(d.get("destination")),
        agent=d.get("agent") or [], patient=d.get("patient") or [], target=d.get("target") or [],
        count=_qty(d.get("count")), fatalities=_qty(d.get("fatalities")), injured=_qty(d.get("injured")),
        means=d.get("means"), persons=d.get("persons") or [],
        sources=[Source(**{k: s.get(k) for k in ("name", "kind", "id")}) for s in d.get("sources") or []],
        acled=d.get("acled"),
        extra_evidence=[Evidence(**{k: e[k] for k in ("start", "end", "text")}) for e in d.get("extra_evidence") or []],
    )


def report_from_dict(d: dict) -> Report:
    """A Report back from its reports.jsonl record (text, claims and metadata; no raw text)."""
    rep = Report(raw=d.get("text", ""), path=d.get("path"), url=d.get("url"), outlet=d.get("outlet"),
                 title=d.get("title"), published=d.get("published"), id=d.get("id", ""),
                 text=d.get("text", ""), lang=d.get("lang"))
    rep.removed = [Removed(r["start"], r["end"], r["reason"]) for r in d.get("removed") or []]
    rep.mentions = [Mention(**{k: m.get(k) for k in ("start", "end", "text", "kind", "id", "name", "lat", "lon",
                                                       "precision")}) for m in d.get("mentions") or []]
    rep.claims = [claim_from_dict(c) for c in d.get("claims") or []]
    return rep
