"""Events: link the claims of many reports that tell of the same happening.

Two claims of different reports are linked when every test below passes; each link keeps
its reasons (`Event.links = [{a, b, reasons: {type, place_km, date, actors, count}}]`):

* type: equal, or listed together in `Config.link_type_compat` (strict by default);
* date: both claims dated; day intervals no more than `Config.link_max_days` apart, dates
  vaguer than `Config.link_max_span_days` never link; a yearless date ("13 نيسان", month_day
  "--04-13") matches a full date of that month and day, and the event takes the full date
  (the link says which claim's year was filled and from where);
* place: compared role by role (location, origin, destination) when the claims share roles,
  otherwise any place against any; every shared role within `Config.link_max_km` (plus a
  margin for governorate- or region-precision places, which fit but prove nothing), and at
  least one matching pair of towns or sites (a prison counts inside its town);
* actors: agents (and patients, targets) overlap or are related (data/event_links.json:
  the United States and the coalition it leads; "unidentified" fits anyone) when both name some;
* counts: when both give a count or toll, neither exceeds the other more than
  `Config.link_count_ratio` times ("des dizaines" ≥ 20 and "نحو 60" agree; 40 against 60 is a
  conflict inside one event, listed by corroboration, not two events);
* evidence: same type, day and town happen every day in a war, so a link also needs
  `Config.link_min_evidence` further agreements among: actors named on both sides, counts or
  tolls on both sides, a second matching place role (origin and destination), a site (prison,
  oil field, base) on both sides. On the ACLED dev notes (1050 distinct events) this keeps
  false links to a handful, most of them one report that ACLED split by village.

Claims told identically (same signature: type, dates, places, actors, counts) by many reports
are grouped first and tested once, so one happening repeated by a thousand outlets stays linear.
Claims of one report are never linked with each other (the claims stage already merged the
same happening told twice in one report), and clusters grow by complete linkage: two groups
join only if every cross pair passes, so A~B~C chains never pull in an unrelated C.
Candidate pairs are blocked by type group, month-day and a coarse place cell, so the cost
grows with the number of claims sharing a day and area, never with n².
Every claim belongs to exactly one event; ids are hashes of the member claim refs; events are
ordered by date then id.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import langdata
from .config import Config
from .geo import haversine_km
from .model import Claim, Event, Place, Quantity, Report

PLACE_ROLES = ("location", "origin", "destination")
# extra km a place's precision allows: a governorate's point stands for the whole governorate
PRECISION_KM = {"site": 0.0, "city": 0.0, "admin2": 40.0, "admin1": 120.0, "region": 250.0}
COARSE = {"country"}
FINE = {"site", "city"}


def _actor_groups() -> dict[str, set[int]]:
    try:
        data = langdata.shared("event_links")
    except (FileNotFoundError, OSError):
        return {}
    out: dict[str, set[int]] = defaultdict(set)
    for n, group in enumerate(data.get("actor_groups", [])):
        for a in group:
            out[a].add(n)
    return dict(out)


def _bare(a) -> str:
    aid = a.get("id") if isinstance(a, dict) else a
    return str(aid or "").split(":", 1)[-1]


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        parts = iso.split("-")
        y, m = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2][:2]) if len(parts) > 2 else 1
        return _dt.date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


def _end_ordinal(iso: str | None) -> int | None:
    """Last day a partial ISO date covers ("2021-04" -> 30 April)."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        if len(parts) == 1:
            return _dt.date(int(parts[0]), 12, 31).toordinal()
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt.toordinal() - 1
    except ValueError:
        return None
    return _ordinal(iso)


def _md(ordinal: int) -> str:
    d = _dt.date.fromordinal(ordinal)
    return f"{d.month:02d}-{d.day:02d}"


def _iso(ordinal: int) -> str:
    return _dt.date.fromordinal(ordinal).isoformat()


@dataclass
class ClaimView:
    """What linking needs of one claim."""
    ref: str
    report: str
    order: int
    claim: Claim
    type: str
    spans: list[tuple[int, int]] = field(default_factory=list)   # full-date day intervals (ordinals)
    month_day: str | None = None                                 # "mm-dd" of a yearless date
    places: dict[str, Place] = field(default_factory=dict)
    agents: set[str] = field(default_factory=set)
    patients: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)

    @property
    def dated(self) -> bool:
        return bool(self.spans) or self.month_day is not None


def claim_view(rep: Report, c: Claim, order: int, config: Config) -> ClaimView:
    v = ClaimView(f"{rep.id}#{c.id}", rep.id, order, c, c.type)
    d = c.date
    if d is not None:
        s, e = _ordinal(d.start), _end_ordinal(d.end or d.start)
        if s is not None and e is not None and e >= s:
            if e - s + 1 <= config.link_max_span_days:
                v.spans = [(s, e)]
        elif d.candidates:
            for cand in d.candidates:
                o = _ordinal(cand)
                if o is not None:
                    v.spans.append((o, o))
        elif d.month_day:
            md = d.month_day.lstrip("-")
            if len(md) == 5:
                v.month_day = md
    for role in PLACE_ROLES:
        p = getattr(c, role)
        if p is not None and p.lat is not None and p.lon is not None:
            v.places[role] = p
    v.agents = {_bare(a) for a in c.agent if _bare(a)}
    v.patients = {_bare(a) for a in c.patient if _bare(a)}
    v.targets = {_bare(a) for a in c.target if _bare(a)}
    return v


# -- pair tests ------------------------------------------------------------------------------

def _date_test(a: ClaimView, b: ClaimView, slack: int) -> tuple[bool, str, dict | None]:
    """(compatible, reason text, year fill {claim, date, from} or None)."""
    if a.spans and b.spans:
        best = None
        for s1, e1 in a.spans:
            for s2, e2 in b.spans:
                gap = max(0, s2 - e1, s1 - e2)
                if best is None or gap < best[0]:
                    best = (gap, (s1, e1), (s2, e2))
        gap, i1, i2 = best
        if gap > slack:
            return False, f"{gap} d apart", None
        text = f"{_span_text(i1)} ~ {_span_text(i2)}" + (f" ({gap} d apart)" if gap else "")
        return gap <= slack, text, {"_gap": gap}
    if a.spans or b.spans:
        full, md = (a, b) if a.spans else (b, a)
        for s, e in full.spans:
            for o in range(s - slack, e + slack + 1):
                if _md(o) == md.month_day:
                    # the year is filled only from one unambiguous full date
                    fill = {"claim": md.ref, "date": _iso(o), "from": full.ref} if len(full.spans) == 1 else None
                    return True, f"{_span_text((s, e))} ~ --{md.month_day}" + (
                        f" (year from {full.ref})" if fill else ""), fill
        return False, f"{_span_text(full.spans[0])} vs --{md.month_day}", None
    ok = a.month_day == b.month_day
    return ok, f"--{a.month_day} ~ --{b.month_day}" if ok else f"--{a.month_day} vs --{b.month_day}", None


def _span_text(span: tuple[int, int]) -> str:
    s, e = span
    return _iso(s) if s == e else f"{_iso(s)}/{_iso(e)}"


def _place_pair(p: Place, q: Place, max_km: float) -> tuple[bool, float, bool]:
    """(compatible, km, informative) for two places."""
    if p.precision in COARSE or q.precision in COARSE:
        same = (p.country or p.id) == (q.country or q.id) if (p.country or q.country) else p.id == q.id
        return same, 0.0 if p.id == q.id else haversine_km(p.lat, p.lon, q.lat, q.lon), False
    km = 0.0 if p.id and p.id == q.id else haversine_km(p.lat, p.lon, q.lat, q.lon)
    allowed = max_km + PRECISION_KM.get(p.precision, 0.0) + PRECISION_KM.get(q.precision, 0.0)
    # only two points (sites, towns) are evidence of one place; a governorate merely fits
    return km <= allowed, km, p.precision in FINE and q.precision in FINE


def _place_test(a: ClaimView, b: ClaimView, max_km: float) -> tuple[bool, float | None, str, int]:
    """(compatible, km, reason, extra evidence): a second matching role or a site on both sides
    (a prison, an oil field) says more than one shared town."""
    if not a.places or not b.places:
        return False, None, "no place", 0
    shared = [r for r in PLACE_ROLES if r in a.places and r in b.places]
    pairs = [(r, r) for r in shared] if shared else \
        [(r1, r2) for r1 in a.places for r2 in b.places]
    results = [(r1, r2, *_place_pair(a.places[r1], b.places[r2], max_km)) for r1, r2 in pairs]
    if not shared:
        good = [x for x in results if x[2] and x[4]]
        if not good:
            best = min(results, key=lambda x: x[3])
            return False, round(best[3], 1), f"{best[0]}~{best[1]} {best[3]:.0f} km apart", 0
        results = [min(good, key=lambda x: x[3])]
    bad = [x for x in results if not x[2]]
    if bad:
        return False, round(bad[0][3], 1), f"{bad[0][0]} {bad[0][3]:.0f} km apart", 0
    informative = [x for x in results if x[4]]
    if not informative:
        return False, None, "no place finer than a governorate", 0
    sites = any(a.places[r1].precision == "site" and b.places[r2].precision == "site" for r1, r2, *_ in informative)
    extra = len(informative) - 1 + int(sites)
    note = ", ".join(f"{r1} {km:.0f} km" if r1 == r2 else f"{r1}~{r2} {km:.0f} km"
                     for r1, r2, _ok, km, _i in results)
    return True, round(max(x[3] for x in results), 1), note, extra


def _actors_ok(x: set[str], y: set[str], groups: dict[str, set[int]]) -> bool:
    if not x or not y or x & y or "unidentified" in x or "unidentified" in y:
        return True
    gx = set().union(*(groups.get(a, set()) for a in x))
    return bool(gx & set().union(*(groups.get(a, set()) for a in y)))


def _actor_test(a: ClaimView, b: ClaimView, groups: dict[str, set[int]]) -> tuple[bool, str, bool]:
    """(compatible, reason, evidence): evidence when both name one actor (or related ones) in a role."""
    evidence = False
    for name in ("agents", "patients", "targets"):
        x, y = getattr(a, name), getattr(b, name)
        if not _actors_ok(x, y, groups):
            return False, f"{name[:-1]} {sorted(x)} vs {sorted(y)}", False
        x, y = x - {"unidentified"}, y - {"unidentified"}
        if x and y:
            evidence = True
    shared = sorted((a.agents & b.agents) | (a.patients & b.patients) | (a.targets & b.targets))
    return True, ",".join(shared) if shared else "no conflict", evidence


def bounds(q: Quantity | None) -> tuple[float, float] | None:
    """The range of values a quantity allows (at_least -> open above); None when it gives none."""
    if q is None:
        return None
    if q.value is not None:
        return float(q.value), float(q.value)
    if q.at_least is not None:
        return float(q.at_least), math.inf
    return None


def _count_test(a: ClaimView, b: ClaimView, ratio: float) -> tuple[bool, str, bool]:
    """(compatible, reason, evidence): evidence when both give a non-zero count or toll that agree."""
    notes, evidence = [], False
    for name in ("count", "fatalities"):
        x, y = getattr(a.claim, name), getattr(b.claim, name)
        bx, by = bounds(x), bounds(y)
        if bx is None or by is None:
            continue
        ok = not (bx[1] * ratio < by[0] or by[1] * ratio < bx[0])
        notes.append(f"{name} {_qtext(x)} ~ {_qtext(y)}" if ok else f"{name} {_qtext(x)} vs {_qtext(y)}")
        if not ok:
            return False, "; ".join(notes), False
        evidence = evidence or (bx[1] > 0 and by[1] > 0)
    return True, "; ".join(notes) if notes else "no count", evidence


def _qtext(q: Quantity) -> str:
    if q.value is not None:
        return ("~" if q.approx else "") + str(q.value)
    return f">={q.at_least}"


class Linker:
    """Pair tests with their thresholds; `test(a, b)` -> reasons dict or None."""

    def __init__(self, config: Config):
        self.config = config
        self.groups = _actor_groups()
        compat: dict[str, set[str]] = defaultdict(set)
        for t, others in (config.link_type_compat or {}).items():
            for o in others:
                compat[t].add(o)
                compat[o].add(t)
        self.compat = compat

    def type_ok(self, a: str, b: str) -> bool:
        return a == b or b in self.compat.get(a, ())

    def test(self, a: ClaimView, b: ClaimView) -> dict | None:
        if a.report == b.report or not self.type_ok(a.type, b.type) or not a.dated or not b.dated:
            return None
        ok, dtext, fill = _date_test(a, b, self.config.link_max_days)
        if not ok:
            return None
        gap = fill.pop("_gap") if fill and "_gap" in fill else 0
        ok, km, ptext, p_ev = _place_test(a, b, self.config.link_max_km)
        if not ok:
            return None
        ok, atext, a_ev = _actor_test(a, b, self.groups)
        if not ok:
            return None
        ok, ctext, c_ev = _count_test(a, b, self.config.link_count_ratio)
        evidence = int(a_ev) + int(c_ev) + p_ev
        if not ok or evidence < self.config.link_min_evidence:
            return None
        reasons = {"_gap": gap, "type": a.type if a.type == b.type else f"{a.type}~{b.type}", "place_km": km,
                   "places": ptext, "date": dtext, "actors": atext, "count": ctext, "evidence": evidence}
        if fill:
            reasons["filled"] = fill
        return reasons


def _type_groups(types: set[str], linker: Linker) -> dict[str, str]:
    """Each type -> a representative of its compatibility component (for blocking)."""
    rep: dict[str, str] = {}
    for t in sorted(types):
        if t in rep:
            continue
        stack, comp = [t], set()
        while stack:
            x = stack.pop()
            if x in comp:
                continue
            comp.add(x)
            stack.extend(linker.compat.get(x, ()))
        for x in comp:
            rep[x] = t
    return rep


def _cells(v: ClaimView, cell_deg: float) -> tuple[set, set]:
    """(keys the claim is indexed under, keys it looks up) for its places."""
    own, look = set(), set()
    for p in v.places.values():
        country = p.country or p.id
        if p.precision in COARSE or PRECISION_KM.get(p.precision, 0.0) > 0:
            # a governorate or a country meets everything in its country
            own.add(("C", country))
            look.update({("C", country), ("P", country)})
        else:
            y, x = math.floor(p.lat / cell_deg), math.floor(p.lon / cell_deg)
            own.update({(y, x), ("P", country)})
            look.update((y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
            look.add(("C", country))
    return own, look


def _date_keys(v: ClaimView, slack: int) -> tuple[set, set]:
    """(date keys the claim is indexed under, keys it looks up): full dates by day, yearless by month-day."""
    if v.month_day:
        base = _dt.date(2000, int(v.month_day[:2]), int(v.month_day[3:])).toordinal()
        near = {_md(o) for o in range(base - slack, base + slack + 1)}
        return {("M", v.month_day)}, {("F", md) for md in near} | {("M", md) for md in near}
    own, look = set(), set()
    for s, e in v.spans:
        for o in range(s, e + 1):
            own.update({("D", o), ("F", _md(o))})
        for o in range(s - slack, e + slack + 1):
            look.update({("D", o), ("M", _md(o))})
    return own, look


def candidate_pairs(views: list[ClaimView], linker: Linker) -> list[tuple[int, int]]:
    """Pairs worth testing: same type group, a date within reach, the same or a neighbouring cell."""
    config = linker.config
    tgroup = _type_groups({v.type for v in views}, linker)
    # places within reach of each other lie in the same or a neighbouring cell
    cell_deg = max(0.25, config.link_max_km / 100.0)
    index: dict[tuple, list[int]] = defaultdict(list)
    looks: list[tuple[set, set]] = []
    for i, v in enumerate(views):
        if not (v.dated and v.places):
            looks.append((set(), set()))
            continue
        own_cells, look_cells = _cells(v, cell_deg)
        own_dates, look_dates = _date_keys(v, config.link_max_days)
        t = tgroup[v.type]
        for dk in own_dates:
            for cell in own_cells:
                index[(t, dk, cell)].append(i)
        looks.append((look_dates, look_cells))
    pairs: set[tuple[int, int]] = set()
    for i, v in enumerate(views):
        look_dates, look_cells = looks[i]
        t = tgroup[v.type] if look_dates else None
        for dk in look_dates:
            for cell in look_cells:
                for j in index.get((t, dk, cell), ()):
                    if j > i and views[j].report != v.report:
                        pairs.add((i, j))
                    elif j < i and views[j].report != v.report:
                        pairs.add((j, i))
    return sorted(pairs)


def event_id(refs: list[str]) -> str:
    return "ev-" + hashlib.sha1("|".join(sorted(refs)).encode("utf-8")).hexdigest()[:16]


def _signature(v: ClaimView) -> tuple:
    """Everything the pair tests read: claims with one signature pass or fail alike against any other."""
    places = tuple(sorted((r, p.id, p.lat, p.lon, p.precision, p.country) for r, p in v.places.items()))
    return (v.type, tuple(v.spans), v.month_day, places, frozenset(v.agents), frozenset(v.patients),
            frozenset(v.targets), bounds(v.claim.count), bounds(v.claim.fatalities))


def _units(views: list[ClaimView], linker: Linker) -> tuple[list[list[int]], list[tuple]]:
    """Claims told identically by many reports become units tested once: a unit holds claims of
    one signature from distinct reports (when such claims link at all), so a thousand outlets
    repeating one claim cost one test, not half a million."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        groups[_signature(v)].append(i)
    units: list[list[int]] = []
    unit_sig: list[tuple] = []
    for sig, idx in groups.items():
        linkable = True
        if len(idx) > 1:
            other = next((j for j in idx[1:] if views[j].report != views[idx[0]].report), None)
            linkable = other is None or linker.test(views[idx[0]], views[other]) is not None
        if not linkable:
            for i in idx:
                units.append([i])
                unit_sig.append((sig, False))
            continue
        mine: list[tuple[list[int], set[str]]] = []
        for i in idx:
            for u, reps in mine:
                if views[i].report not in reps:
                    u.append(i)
                    reps.add(views[i].report)
                    break
            else:
                mine.append(([i], {views[i].report}))
        for u, _reps in mine:
            units.append(u)
            unit_sig.append((sig, True))
    return units, unit_sig


def link_events(reports: list[Report], config: Config | None = None) -> list[Event]:
    config = config or Config()
    linker = Linker(config)
    views: list[ClaimView] = []
    for rep in reports:
        for c in rep.claims:
            views.append(claim_view(rep, c, len(views), config))
    # the same claim ref twice (a report read twice) is one claim; refs order everything
    seen: set[str] = set()
    views = sorted((v for v in views if not (v.ref in seen or seen.add(v.ref))), key=lambda v: v.ref)
    for n, v in enumerate(views):
        v.order = n
    units, unit_sig = _units(views, linker)
    reps = [views[u[0]] for u in units]
    links = []
    for i, j in candidate_pairs(reps, linker):
        if unit_sig[i][0] == unit_sig[j][0]:
            continue      # one signature: unlinkable claims, or units that share a report
        if reps[i].ref > reps[j].ref:
            i, j = j, i
        reasons = linker.test(reps[i], reps[j])
        if reasons is not None:
            closeness = (reasons.pop("_gap"), reasons.get("place_km") or 0.0)
            links.append((closeness, reps[i].ref, reps[j].ref, i, j, reasons))
    # closest pairs first (fewest days apart, then fewest km), refs break ties: input order never matters
    links.sort(key=lambda x: (x[0], x[1], x[2]))
    # complete-linkage clustering of units in order of closeness
    cluster = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    reports_of: dict[int, set[str]] = {i: {views[k].report for k in u} for i, u in enumerate(units)}
    kept: dict[int, list[dict]] = defaultdict(list)
    for i, u in enumerate(units):
        if len(u) > 1:
            reasons = linker.test(views[u[0]], views[u[1]]) or {}
            reasons.pop("_gap", None)
            reasons["identical"] = True
            kept[i] = [{"a": views[u[0]].ref, "b": views[k].ref, "reasons": dict(reasons)} for k in u[1:]]
    cache: dict[tuple[int, int], bool] = {}

    def ok(x: int, y: int) -> bool:
        k = (min(x, y), max(x, y))
        if k not in cache:
            cache[k] = unit_sig[x][0] != unit_sig[y][0] and linker.test(reps[k[0]], reps[k[1]]) is not None
        return cache[k]

    for _close, ra, rb, i, j, reasons in links:
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        mi, mj = members[ci], members[cj]
        if reports_of[ci] & reports_of[cj]:
            continue
        if not all(ok(x, y) for x in mi for y in mj):
            continue
        big, small = (ci, cj) if len(mi) >= len(mj) else (cj, ci)
        for x in members[small]:
            cluster[x] = big
        members[big].extend(members.pop(small))
        reports_of[big] |= reports_of.pop(small)
        kept[big].extend(kept.pop(small, []))
        kept[big].append({"a": ra, "b": rb, "reasons": reasons})
    events = []
    for root, us in members.items():
        idx = sorted(k for x in us for k in units[x])
        events.append(_event([views[i] for i in idx], kept.get(root, [])))
    events.sort(key=lambda e: ((e.date or {}).get("start") or "9999", e.id))
    return events


def _event(vs: list[ClaimView], links: list[dict]) -> Event:
    refs = sorted(v.ref for v in vs)
    types = Counter(v.type for v in vs)
    etype = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    ev = Event(id=event_id(refs), type=etype, claims=refs, links=links)
    ev.date = _event_date(vs, links)
    ev.places = _event_places(vs)
    return ev


def _event_date(vs: list[ClaimView], links: list[dict]) -> dict | None:
    full = [v.spans[0] for v in vs if len(v.spans) == 1]
    fills = [lk["reasons"]["filled"] for lk in links if "filled" in lk["reasons"]]
    if full:
        lo, hi = max(s for s, _ in full), min(e for _, e in full)
        if lo > hi:     # no common day: the most precise date stands; corroboration lists the conflict
            lo, hi = min(full, key=lambda s: (s[1] - s[0], s[0]))
        d = {"start": _iso(lo), "end": _iso(hi), "precision": "day" if lo == hi else "range"}
        if fills:
            d["filled"] = fills
        return d
    multi = [set(o for o, _ in v.spans) for v in vs if len(v.spans) > 1]
    if multi:
        common = set.intersection(*multi)
        mds = {v.month_day for v in vs if v.month_day}
        common = {o for o in common if not mds or _md(o) in mds} or common
        if len(common) == 1:
            o = common.pop()
            return {"start": _iso(o), "end": _iso(o), "precision": "day"}
        return {"start": None, "end": None, "precision": "day", "candidates": [_iso(o) for o in sorted(common)]}
    mds = sorted({v.month_day for v in vs if v.month_day})
    if mds:
        return {"start": None, "end": None, "precision": "day", "month_day": "--" + mds[0]}
    dated = [v.claim.date for v in vs if v.claim.date is not None]
    if dated:
        d = dated[0]
        return {"start": d.start, "end": d.end, "precision": d.precision}
    return None


def _event_places(vs: list[ClaimView]) -> list[dict]:
    out: dict[tuple[str, str], dict] = {}
    for v in vs:
        for role in PLACE_ROLES:
            p = getattr(v.claim, role)
            if p is None:
                continue
            key = (role, p.id or p.name)
            if key not in out:
                out[key] = {"role": role, "id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon,
                            "precision": p.precision, "claims": []}
            out[key]["claims"].append(v.ref)
    return list(out.values())


def fill_years(events: list[Event], reports: list[Report]) -> set[tuple[str, str]]:
    """Give yearless claim dates the year their linked event fixes, and keep where it came from.

    A report that never states a year ("13 نيسان الماضي" with no published date) leaves its
    claims with only `month_day`. When such a claim is linked to a claim dated in full, the
    event's day is the claim's day; the report's other yearless dates then take that year too
    (a report tells of one period). `date.year_from` names the claim whose date gave the year,
    so the inference stays visible. Returns the (report_id, claim_id) pairs changed.
    """
    by_ref = {f"{r.id}#{c.id}": (r, c) for r in reports for c in r.claims}
    changed: set[tuple[str, str]] = set()
    report_year: dict[str, tuple[int, str]] = {}
    for ev in events:
        for fill in (ev.date or {}).get("filled") or []:
            hit = by_ref.get(fill.get("claim"))
            if hit is None or not fill.get("date"):
                continue
            rep, claim = hit
            d = claim.date
            if d is None or d.start or not d.month_day or fill["date"][4:] != d.month_day[1:]:
                continue
            d.start = d.end = fill["date"]
            d.year_from = fill.get("from")
            changed.add((rep.id, claim.id))
            report_year.setdefault(rep.id, (int(fill["date"][:4]), f"{rep.id}#{claim.id}"))
    for rep in reports:
        if rep.id not in report_year:
            continue
        year, source = report_year[rep.id]
        for claim in rep.claims:
            d = claim.date
            if d is None or d.start or not d.month_day:
                continue
            try:
                iso = _dt.date(year, int(d.month_day[2:4]), int(d.month_day[5:7])).isoformat()
            except ValueError:
                continue
            d.start = d.end = iso
            d.year_from = source
            changed.add((rep.id, claim.id))
    return changed
