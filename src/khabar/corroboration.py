"""Corroboration: how many independent sources stand behind an event, and where its claims disagree.

Rules, per event:

* Source chains. Each member claim's chain is `claim.sources` (innermost, primary, first)
  followed by the report's own outlet as the outermost relay; a claim with no stated source
  is the outlet's own word, so its chain is just [outlet]. `source_chains[i]` belongs to
  `claims[i]`. A report with no known outlet gets a placeholder outlet of its own
  (kind "outlet", id "report:<id>"), so two unknown outlets never merge.
* Identity of a source: its outlet id when it has one, else its name (folded) and kind.
  Unnamed sources (anonymous, local, residents) are identified by kind *and* the relay that
  cites them: "local sources" told al-Mayadeen are one source however many outlets relay
  al-Mayadeen, while "local sources" of two different outlets stay two.
* Independent sources: the number of distinct primaries (chain[0] identities). Chains ending
  in the same primary count once; an outlet relaying another is not independent of it
  (Press TV relaying SANA is SANA; SANA's own report is SANA too).
* Circular reporting: `circular` is true when chains of different reports share any source
  (a primary or a relay) — the reports are not independent of each other.
* Conflicts between member claims, each `{field, values: [{claim, value, text}]}`:
  - count, fatalities, injured: two values whose ranges do not meet (exact values exact,
    "approx" ± `Config.conflict_approx`, "at least" open above): 40 against "nearly 60";
    "dozens" and "nearly 60" agree;
  - date: different days (or disjoint ranges) among dated claims;
  - place (with its role): two city- or site-precision places of one role farther apart than
    `Config.conflict_place_km` (a prison and its own town do not conflict).
"""
from __future__ import annotations

from . import langdata
from .config import Config
from .events import bounds, haversine_km
from .model import Claim, Event, Report, Source, to_dict

UNNAMED = {"anonymous", "local", "residents"}
FINE = {"site", "city"}


def kind_map() -> dict:
    """Outlet kinds of the gazetteer mapped onto the design's source kinds (data/attribution.json)."""
    try:
        return langdata.shared("attribution").get("kind_map", {})
    except (FileNotFoundError, OSError):
        return {}


def _fold(name: str | None) -> str:
    from .normalise import normalise_text
    return " ".join(normalise_text(name or "")[0].split())


def _ident(s: Source) -> tuple:
    return ("id", s.id) if s.id else ("name", _fold(s.name), s.kind)


def source_key(chain: list[Source], i: int) -> tuple:
    """Identity of chain[i] for counting and circularity: unnamed sources go with their relay."""
    s = chain[i]
    if s.kind in UNNAMED and i + 1 < len(chain):
        return ("unnamed", s.kind, source_key(chain, i + 1))
    return _ident(s)


class _Outlets:
    """The report's outlet as a Source, typed through the gazetteer when it knows the outlet."""

    def __init__(self, gazetteer=None):
        self.gaz = gazetteer
        self.tried = gazetteer is not None
        self.cache: dict[str, Source] = {}

    def _lookup(self, name: str) -> dict | None:
        if not self.tried:
            self.tried = True
            try:
                from .gazetteer import Gazetteer
                self.gaz = Gazetteer.load()
            except Exception:      # no gazetteer: outlets keep their names
                self.gaz = None
        if self.gaz is None or not hasattr(self.gaz, "outlet"):
            return None
        try:
            return self.gaz.outlet(name)
        except Exception:
            return None

    def source(self, rep: Report) -> Source:
        name = (rep.outlet or "").strip()
        if not name:
            return Source(name="unknown outlet", kind="outlet", id=f"report:{rep.id}")
        if name not in self.cache:
            found = self._lookup(name) or {}
            kind = found.get("kind") or "media"
            kind = kind_map().get(kind, kind)
            self.cache[name] = Source(name=found.get("name") or name, kind=kind, id=found.get("id") or None)
        s = self.cache[name]
        return Source(s.name, s.kind, s.id)


def chain_of(rep: Report, claim: Claim, outlets: _Outlets) -> list[Source]:
    chain = [Source(s.name, s.kind, s.id) for s in claim.sources]
    out = outlets.source(rep)
    if not chain or _ident(chain[-1]) != _ident(out):     # "SANA reported" in SANA's own report
        chain.append(out)
    return chain


def corroborate(events: list[Event], reports: list[Report], config: Config | None = None,
                gazetteer=None) -> list[Event]:
    config = config or Config()
    outlets = _Outlets(gazetteer)
    index: dict[str, tuple[Report, Claim]] = {}
    for rep in reports:
        for c in rep.claims:
            index.setdefault(f"{rep.id}#{c.id}", (rep, c))
    for ev in events:
        members = [(ref, *index[ref]) for ref in ev.claims if ref in index]
        chains = [chain_of(rep, c, outlets) for _ref, rep, c in members]
        ev.source_chains = [[to_dict(s) for s in ch] for ch in chains]
        ev.independent_sources = len({source_key(ch, 0) for ch in chains})
        ev.circular = _circular([rep.id for _r, rep, _c in members], chains)
        ev.conflicts = conflicts([(ref, c) for ref, _rep, c in members], config)
    return events


def _circular(report_ids: list[str], chains: list[list[Source]]) -> bool:
    seen: dict[tuple, str] = {}
    for rid, ch in zip(report_ids, chains):
        for i in range(len(ch)):
            k = source_key(ch, i)
            other = seen.get(k)
            if other is not None and other != rid:
                return True
            seen.setdefault(k, rid)
    return False


def _qrange(q, approx: float) -> tuple[float, float] | None:
    b = bounds(q)
    if b is None:
        return None
    if q.value is not None and q.approx:
        return b[0] * (1 - approx), b[1] * (1 + approx)
    return b


def conflicts(members: list[tuple[str, Claim]], config: Config) -> list[dict]:
    out = []
    for name in ("count", "fatalities", "injured"):
        vals = [(ref, getattr(c, name)) for ref, c in members if _qrange(getattr(c, name), 0) is not None]
        ranges = [_qrange(q, config.conflict_approx) for _ref, q in vals]
        # ranges on a line meet pairwise exactly when the highest low end is under the lowest high end
        if ranges and max(r[0] for r in ranges) > min(r[1] for r in ranges):
            out.append({"field": name, "values": [
                {"claim": ref, "value": q.value, "at_least": q.at_least, "approx": q.approx, "text": q.text}
                for ref, q in vals]})
    dated = []
    for ref, c in members:
        d = c.date
        if d is None:
            continue
        if d.start:
            dated.append((ref, d.start, d.end or d.start, d.text))
        elif d.month_day:
            dated.append((ref, d.month_day, d.month_day, d.text))
    full = {(s, e) for _r, s, e, _t in dated if not s.startswith("--")}
    mds = {s for _r, s, _e, _t in dated if s.startswith("--")}
    clash = bool(full) and max(s for s, _e in full) > min(e for _s, e in full)
    clash = clash or len(mds) > 1 or any(not (s[4:] <= md[1:] <= e[4:]) for s, e in full for md in mds)
    if clash:
        out.append({"field": "date", "values": [
            {"claim": ref, "value": s if s == e else f"{s}/{e}", "text": t} for ref, s, e, t in dated]})
    for role in ("location", "origin", "destination"):
        places = [(ref, getattr(c, role)) for ref, c in members]
        places = [(ref, p) for ref, p in places if p is not None and p.precision in FINE and p.lat is not None]
        distinct = list({p.id: p for _r, p in places}.values())
        far = any(haversine_km(a.lat, a.lon, b.lat, b.lon) > config.conflict_place_km
                  for i, a in enumerate(distinct) for b in distinct[i + 1:])
        if far:
            out.append({"field": "place", "role": role, "values": [
                {"claim": ref, "value": p.id, "name": p.name, "text": p.text,
                 "km": round(max((haversine_km(p.lat, p.lon, q.lat, q.lon) for q in distinct), default=0.0), 1)}
                for ref, p in places]})
    return out


__all__ = ["corroborate", "conflicts", "source_key", "chain_of"]
