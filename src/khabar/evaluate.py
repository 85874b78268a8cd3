"""Evaluation: score an extraction against gold annotations, or run and score ACLED notes.

Two scorers, both returning a plain dict that `print_scores` shows as a table (or JSON):

* `score_gold(gold_path, outdir)` compares OUTDIR/reports.jsonl and events.jsonl, as written
  by `khabar extract`, with a `khabar-gold/1` file (see DESIGN.md, "Evaluation").
* `score_acled(acled_path)` runs the pipeline on each ACLED row's English `notes` and compares
  what it finds with the row's coded columns.

Every rate is reported with its numerator and denominator: `{"right", "total", "rate"}`
(rate is None when the denominator is 0).
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .geo import haversine_km

VIOLENT = {"ATTACK", "AIRSTRIKE", "SHELLING", "KILL", "SEIZE"}
PLACE_ROLES = ("location", "origin", "destination")
FUZZY_EVIDENCE = 80      # rapidfuzz partial_ratio needed to place a gold evidence quote not found verbatim
FUZZY_NAME = 80          # rapidfuzz WRatio needed for two source names to be the same source
# source kinds that name an outlet: compared with each other by the outlet's canonical name
OUTLET_KINDS = {"media", "state-media", "outlet"}


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------

def ratio(right: int, total: int) -> dict:
    return {"right": right, "total": total, "rate": (right / total) if total else None}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if tp + fp + fn else None)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "«": '"', "»": '"', "“": '"', "”": '"',
                         "\u00a0": " ", "\u202f": " ", "–": "-", "—": "-"})


def norm_text(s: str | None) -> str:
    """Case, quotes and whitespace folded: how titles, outlets and lines are compared."""
    if not s:
        return ""
    return re.sub(r"\s+", " ", s.translate(_QUOTES)).strip().casefold()


def _fold_char(c: str) -> str:
    c = c.translate(_QUOTES)
    low = c.lower()
    return low if len(low) == 1 else c


def _fold_same_length(s: str) -> str:
    """A case/quote-folded copy of s with the same length, so offsets stay valid."""
    return "".join(_fold_char(c) for c in s)


def find_span(needle: str, hay: str, fuzzy: int = FUZZY_EVIDENCE) -> tuple[int, int] | None:
    """Offsets of a quoted passage in a text: exact, then case/quote-folded, then fuzzy."""
    if not needle or not hay:
        return None
    i = hay.find(needle)
    if i >= 0:
        return i, i + len(needle)
    fn, fh = _fold_same_length(needle), _fold_same_length(hay)
    i = fh.find(fn)
    if i >= 0:
        return i, i + len(needle)
    # whitespace runs may differ: match on a regex that lets any whitespace run stand for one
    words = fn.split()
    if words:
        m = re.search(r"\s+".join(re.escape(w) for w in words), fh)
        if m:
            return m.start(), m.end()
    from rapidfuzz import fuzz
    al = fuzz.partial_ratio_alignment(fn, fh)
    if al is not None and al.score >= fuzzy:
        return al.dest_start, al.dest_end
    return None


def _outlet_id(name: str | None) -> str | None:
    """The id of the outlet or organisation a name refers to, when the gazetteer knows it."""
    gaz = _gazetteer()
    if not name or gaz is None or not hasattr(gaz, "outlet"):
        return None
    try:
        found = gaz.outlet(name)
    except Exception:
        return None
    if not found:
        return None
    return found.get("id") if isinstance(found, dict) else getattr(found, "id", None)


def _canon_outlet(name: str | None) -> str:
    """Canonical outlet name (via the gazetteer when it knows outlets), folded for comparison."""
    if not name:
        return ""
    gaz = _gazetteer()
    if gaz is not None and hasattr(gaz, "outlet"):
        try:
            found = gaz.outlet(name)
        except Exception:
            found = None
        if found:
            return norm_text(found.get("name") if isinstance(found, dict) else getattr(found, "name", name))
    return norm_text(name)


_GAZ: list = []


def _gazetteer():
    if not _GAZ:
        try:
            from .gazetteer import Gazetteer
            _GAZ.append(Gazetteer.load())
        except Exception:
            _GAZ.append(None)
    return _GAZ[0]


def _ids(items: Iterable[Any] | None) -> set[str]:
    """Bare actor ids of a list of {id, name} dicts or id strings ("actor:sdf" -> "sdf")."""
    out = set()
    for a in items or []:
        i = a.get("id") if isinstance(a, dict) else a
        if i:
            out.add(str(i).removeprefix("actor:"))
    return out


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _raw_text(path: str | None) -> str | None:
    """The text as read from the report's file (the text `removed` offsets index), or None."""
    if not path:
        return None
    file = path if os.path.exists(path) else path.rsplit("#", 1)[0]   # "<file>.jsonl#<record>"
    if not os.path.exists(file):
        return None
    from .read import read_file
    for item in read_file(Path(file)):
        if file != path and getattr(item, "path", None) != path:
            continue
        raw = getattr(item, "raw", None)
        if raw is None:
            return None
        if getattr(item, "_html", None) is not None:
            from .clean import _from_html
            _from_html(item)
            raw = item.raw
        return raw
    return None


# --------------------------------------------------------------------------------------------
# field comparisons (gold dict vs predicted claim dict)
# --------------------------------------------------------------------------------------------

def _date_range(value: str) -> tuple[str, str]:
    """'2021-04' -> ('2021-04-01', '2021-04-31'); 'a/b' -> (a, b); comparable as strings."""
    if "/" in value:
        a, b = value.split("/", 1)
        return _date_range(a)[0], _date_range(b)[1]
    if len(value) == 4:
        return value + "-01-01", value + "-12-31"
    if len(value) == 7:
        return value + "-01", value + "-31"
    return value[:10], value[:10]


def date_right(gold: dict | None, pred: dict | None) -> bool | None:
    """None when the gold gives no date. Day: same day; month: same month; year: same year;
    range/week: the predicted start..end overlaps the gold span."""
    if not gold or not gold.get("value"):
        return None
    if not pred or not pred.get("start"):
        return False
    value, prec, ps = gold["value"], gold.get("precision") or "day", str(pred["start"])
    if prec == "day":
        return ps[:10] == value[:10]
    if prec == "month":
        return ps[:7] == value[:7]
    if prec == "year":
        return ps[:4] == value[:4]
    g0, g1 = _date_range(value)
    p0, p1 = _date_range(ps)[0], _date_range(str(pred.get("end") or ps))[1]
    return p0 <= g1 and g0 <= p1


def place_right(gold: dict | None, pred: dict | None) -> bool | None:
    """None when the gold has no place for this role; else the prediction lies within tolerance_km."""
    if not gold:
        return None
    if not pred or pred.get("lat") is None or pred.get("lon") is None or gold.get("lat") is None:
        return False
    tol = gold.get("tolerance_km") or 25
    return haversine_km(gold["lat"], gold["lon"], pred["lat"], pred["lon"]) <= tol


def actors_right(gold: list | None, pred: list | None) -> bool | None:
    """None when the gold lists nobody; else every gold id is among the predicted ids (a superset is right)."""
    g = _ids(gold)
    if not g:
        return None
    return g <= _ids(pred)


def quantity_right(gold: dict | None, pred: dict | None) -> bool | None:
    """None when the gold has no quantity. Right when the value (or at_least) is equal, or when the
    gold is an unnumbered quantity ("un certain nombre") and the prediction too has text but no number."""
    if not gold:
        return None
    if not pred:
        return False
    gv, ga = gold.get("value"), gold.get("at_least")
    if gv is None and ga is None:
        return pred.get("value") is None and pred.get("at_least") is None and bool(pred.get("text"))
    if gv is not None and pred.get("value") == gv:
        return True
    return ga is not None and pred.get("at_least") == ga


def _name_match(a: str, b: str) -> bool:
    """Fuzzy-equal names, or two names of one known outlet ("SOHR" / "Observatoire syrien ...")."""
    from rapidfuzz import fuzz
    na, nb = norm_text(a), norm_text(b)
    if not (na and nb):
        return False
    if fuzz.WRatio(na, nb) >= FUZZY_NAME:
        return True
    ia = _outlet_id(a)
    return ia is not None and ia == _outlet_id(b)


def sources_right(gold: list | None, pred: list | None) -> bool:
    """Same chain length, same kinds in order (media/state-media/outlet are one kind, compared by
    canonical outlet name), names fuzzy-matched (rapidfuzz WRatio >= 80). An empty gold chain
    (the outlet asserts it) is right only when the prediction cites nobody either."""
    gold, pred = gold or [], pred or []
    if len(gold) != len(pred):
        return False
    for g, p in zip(gold, pred):
        gk, pk = g.get("kind"), p.get("kind")
        if gk in OUTLET_KINDS or pk in OUTLET_KINDS:
            if not (gk in OUTLET_KINDS and pk in OUTLET_KINDS):
                return False
            if not _name_match(g.get("name", ""), p.get("name", "")):
                return False
        elif gk != pk or not _name_match(g.get("name", ""), p.get("name", "")):
            return False
    return True


# --------------------------------------------------------------------------------------------
# gold scoring
# --------------------------------------------------------------------------------------------

def _place_date_match(g: dict, p: dict) -> bool:
    """The fallback match rule: the gold's date is matched and one of its places too."""
    if date_right(g.get("date"), p.get("date")) is not True:
        return False
    for role in PLACE_ROLES:
        gp = g.get(role)
        if not gp:
            continue
        for prole in PLACE_ROLES:
            if place_right(gp, p.get(prole)):
                return True
    return False


def match_claims(gold: list[dict], pred: list[dict], text: str) -> tuple[list[tuple[int, int]], dict]:
    """One-to-one matches (gold index, pred index). Candidates: same type and either overlapping
    evidence (gold quote located in `text`) or matching date and place. Greedy by overlap (chars),
    a required gold claim winning ties over an optional one; place-and-date matches come last."""
    spans = {}
    for gi, g in enumerate(gold):
        spans[gi] = find_span(g.get("evidence") or "", text)
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.get("type") != g.get("type"):
                continue
            overlap = 0
            ev = p.get("evidence") or {}
            gs = spans[gi]
            if gs and ev.get("start") is not None:
                overlap = max(0, min(gs[1], ev["end"]) - max(gs[0], ev["start"]))
            if overlap > 0 or _place_date_match(g, p):
                cands.append((overlap, not g.get("optional"), gi, pi))
    cands.sort(key=lambda c: (c[0], c[1]), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs, spans


FIELDS = ("date", "location", "origin", "destination", "places", "agent", "target", "patient",
          "count", "fatalities", "injured", "sources", "modality", "type_sub")


def field_checks(g: dict, p: dict) -> dict[str, bool | None]:
    """Per-field verdicts for one matched pair; None = the field is not scored for this claim."""
    out: dict[str, bool | None] = {"date": date_right(g.get("date"), p.get("date"))}
    places = []
    for role in PLACE_ROLES:
        out[role] = place_right(g.get(role), p.get(role))
        if out[role] is not None:
            places.append(out[role])
    out["places"] = all(places) if places else None
    for role in ("agent", "target", "patient"):
        out[role] = actors_right(g.get(role), p.get(role))
    for q in ("count", "fatalities", "injured"):
        out[q] = quantity_right(g.get(q), p.get(q))
    out["sources"] = sources_right(g.get("sources"), p.get("sources"))
    out["modality"] = (g.get("modality") == p.get("modality")) if g.get("modality") else None
    return out


def _show(c: dict, f: str) -> str:
    """A short readable form of one field of a gold or predicted claim."""
    v = c.get(f)
    if v is None or v == []:
        return "-"
    if f == "date":
        return str(v.get("value") or v.get("start") or "-") + (f" ({v.get('precision')})" if v.get("precision") else "")
    if f in PLACE_ROLES:
        name = v.get("name") or v.get("text") or "?"
        return f"{name} ({v.get('lat')}, {v.get('lon')})"
    if f in ("agent", "target", "patient"):
        return ", ".join(sorted(_ids(v))) or "-"
    if f in ("count", "fatalities", "injured"):
        return f"value={v.get('value')} at_least={v.get('at_least')} '{v.get('text') or ''}'"
    if f == "sources":
        return " < ".join(f"{s.get('name')} [{s.get('kind')}]" for s in v)
    return str(v)


def score_gold(gold_path: str | os.PathLike, outdir: str | os.PathLike) -> dict:
    """Score OUTDIR (written by `khabar extract`) against a khabar-gold/1 file.

    * reports: gold documents found in reports.jsonl (gold `doc` = basename of the report `path`);
    * language / outlet / title: right over gold documents that give one (case, quotes and
      whitespace folded; outlets compared by canonical name);
    * boilerplate: share of gold boilerplate lines removed (the line, located in the raw text
      read again from the report's `path`, is >= 90% covered by removed spans) and the number of
      body lines wrongly removed (a removed span that overlaps no gold boilerplate line and is not
      the gold title);
    * place_mentions: each place (location/origin/destination) of a required gold claim has a
      linked place mention within its tolerance_km;
    * claims: precision / recall / F1 with `match_claims`; optional gold claims are not required
      and a prediction matching one is not a false positive;
    * fields: per-field accuracy on matched required claims (`field_checks`);
    * same_event: pairwise P/R/F1 over pairs of matched required claims from different reports,
      gold pairs from `same_event` groups vs pairs the prediction puts in one event.
    """
    from .errors import error
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error("E_EVAL", detail=f"{gold_path} is not a readable JSON gold file ({exc})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), list):
        raise error("E_EVAL", detail=f"{gold_path} has no 'documents' list (khabar-gold/1 expected)")
    outdir = Path(outdir)
    if not (outdir / "reports.jsonl").exists():
        raise error("E_EVAL", detail=f"no reports.jsonl in {outdir} (run 'khabar extract ... -o {outdir}' first)")
    try:
        reports = _read_jsonl(outdir / "reports.jsonl")
    except json.JSONDecodeError as exc:
        raise error("E_EVAL", detail=f"{outdir / 'reports.jsonl'} is not JSON lines ({exc})") from None
    events = _read_jsonl(outdir / "events.jsonl")
    by_name: dict[str, dict] = {}
    for r in reports:
        for key in (r.get("path"), r.get("url")):
            if key:
                by_name.setdefault(os.path.basename(str(key).rstrip("/")), r)
    event_of: dict[str, str] = {}
    for ev in events:
        for key in ev.get("claims") or []:
            event_of[key] = ev.get("id")

    counts = {k: [0, 0] for k in ("found", "lang", "outlet", "title", "bp_removed", "place_mentions")}
    body_removed = 0
    tp = fp = fn = 0
    fields = {f: [0, 0] for f in FIELDS if f != "type_sub"}
    docs_out = []
    gold_key: dict[str, str] = {}      # gold claim id -> predicted "report_id#claim_id"
    gold_doc: dict[str, str] = {}
    required_ids = set()
    for doc in gold.get("documents") or []:
        name = doc["doc"]
        rep = by_name.get(name)
        counts["found"][1] += 1
        d_out: dict[str, Any] = {"doc": name, "found": rep is not None}
        docs_out.append(d_out)
        gclaims = doc.get("claims") or []
        for g in gclaims:
            gold_doc[g["id"]] = name
            if not g.get("optional"):
                required_ids.add(g["id"])
        if rep is None:
            fn += sum(1 for g in gclaims if not g.get("optional"))
            for key in ("lang", "outlet", "title"):
                if doc.get(key):
                    counts[key][1] += 1
            counts["bp_removed"][1] += len(doc.get("boilerplate") or [])
            d_out["missed"] = [g["id"] for g in gclaims if not g.get("optional")]
            continue
        counts["found"][0] += 1
        for key, same in (("lang", lambda a, b: (a or "").lower() == (b or "").lower()),
                          # the report must carry the outlet's canonical name, not a footer's spelling
                          ("outlet", lambda a, b: norm_text(b) in {norm_text(a), _canon_outlet(a)}),
                          ("title", lambda a, b: norm_text(a) == norm_text(b))):
            if doc.get(key):
                counts[key][1] += 1
                ok = same(doc[key], rep.get(key))
                counts[key][0] += ok
                d_out[key] = ok
        # boilerplate
        bp = doc.get("boilerplate") or []
        raw = _raw_text(rep.get("path"))
        removed = [(r["start"], r["end"]) for r in rep.get("removed") or []]
        evid = [g.get("evidence") or "" for g in gclaims]
        got, wrong, wrong_texts = _boilerplate(bp, doc.get("title"), raw, removed, evid)
        counts["bp_removed"][0] += got
        counts["bp_removed"][1] += len(bp)
        body_removed += wrong
        d_out["boilerplate"] = f"{got}/{len(bp)}"
        if wrong_texts:
            d_out["body_removed"] = wrong_texts
        # places named in required gold claims, found among the report's linked place mentions
        pm = [m for m in rep.get("mentions") or [] if m.get("kind") == "place" and m.get("lat") is not None]
        for g in gclaims:
            if g.get("optional"):
                continue
            for role in PLACE_ROLES:
                if g.get(role):
                    counts["place_mentions"][1] += 1
                    ok = any(place_right(g[role], m) for m in pm)
                    counts["place_mentions"][0] += ok
                    if not ok:
                        d_out.setdefault("places_not_found", []).append(f"{g['id']}.{role}")
        # claims
        preds = rep.get("claims") or []
        pairs, _ = match_claims(gclaims, preds, rep.get("text") or "")
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        d_tp = sum(1 for gi, _ in pairs if not gclaims[gi].get("optional"))
        d_fn = sum(1 for gi, g in enumerate(gclaims) if not g.get("optional") and gi not in matched_g)
        d_fp = len(preds) - len(matched_p)
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
        d_out.update({"tp": d_tp, "fp": d_fp, "fn": d_fn,
                      "missed": [g["id"] for gi, g in enumerate(gclaims) if not g.get("optional") and gi not in matched_g],
                      "false": [f"{p.get('id')}:{p.get('type')}" for pi, p in enumerate(preds) if pi not in matched_p]})
        wrong_fields: dict[str, list[str]] = {}
        for gi, pi in pairs:
            g, p = gclaims[gi], preds[pi]
            gold_key[g["id"]] = f"{rep.get('id')}#{p.get('id')}"
            if g.get("optional"):
                continue
            for f, ok in field_checks(g, p).items():
                if ok is None:
                    continue
                fields[f][1] += 1
                fields[f][0] += bool(ok)
                if not ok:
                    wrong_fields.setdefault(f, []).append(g["id"])
                    if f != "places":
                        d_out.setdefault("wrong", []).append(
                            {"claim": g["id"], "pred": p.get("id"), "field": f,
                             "gold": _show(g, f), "predicted": _show(p, f)})
        if wrong_fields:
            d_out["wrong_fields"] = wrong_fields

    # same-event pairs among matched required claims of different documents
    considered = [c for c in gold_key if c in required_ids]
    group_of = {}
    for n, group in enumerate(gold.get("same_event") or []):
        for cid in group:
            group_of[cid] = n
    gpairs, ppairs = set(), set()
    for i, a in enumerate(considered):
        for b in considered[i + 1:]:
            if gold_doc[a] == gold_doc[b]:
                continue
            pair = tuple(sorted((a, b)))
            if a in group_of and group_of.get(a) == group_of.get(b):
                gpairs.add(pair)
            ea, eb = event_of.get(gold_key[a]), event_of.get(gold_key[b])
            if ea is not None and ea == eb:
                ppairs.add(pair)
    se = prf(len(gpairs & ppairs), len(ppairs - gpairs), len(gpairs - ppairs))
    se["gold_pairs_total"] = sum(len(g) * (len(g) - 1) // 2 for g in gold.get("same_event") or [])

    return {
        "kind": "gold",
        "gold": str(gold_path),
        "outdir": str(outdir),
        "reports": ratio(*counts["found"]),
        "language": ratio(*counts["lang"]),
        "outlet": ratio(*counts["outlet"]),
        "title": ratio(*counts["title"]),
        "boilerplate_removed": ratio(*counts["bp_removed"]),
        "body_lines_removed": body_removed,
        "place_mentions": ratio(*counts["place_mentions"]),
        "claims": prf(tp, fp, fn),
        "fields": {f: ratio(*v) for f, v in fields.items()},
        "same_event": se,
        "documents": docs_out,
    }


BODY_MIN_WORDS = 3


def _boilerplate(lines: list[str], title: str | None, raw: str | None,
                 removed: list[tuple[int, int]], evidence: list[str] = ()) -> tuple[int, int, list[str]]:
    """(gold lines removed, body spans wrongly removed, their texts).

    A removed span is a wrongly removed body line when it overlaps no gold boilerplate line, is
    not the gold title, and either holds at least BODY_MIN_WORDS words or overlaps a gold
    evidence quote: a lone one- or two-word label ("TV", "Politique") is never body text, and
    gold files do not list every such label.
    """
    if raw is None:
        return 0, 0, []
    located = []
    for line in lines:
        span = find_span(line, raw, fuzzy=90)
        located.append(span)
    got = 0
    for span in located:
        if span is None:
            continue
        s, e = span
        need = [i for i in range(s, e) if not raw[i].isspace()]
        if not need:
            continue
        covered = sum(1 for i in need if any(a <= i < b for a, b in removed))
        got += covered >= 0.9 * len(need)
    ev_spans = [find_span(e, raw) for e in evidence if e]
    wrong, texts = 0, []
    ntitle = norm_text(title)
    for a, b in removed:
        txt = raw[a:b]
        if not txt.strip():
            continue
        if any(sp and sp[0] < b and a < sp[1] for sp in located):
            continue
        if ntitle and norm_text(txt) == ntitle:
            continue
        if len(txt.split()) < BODY_MIN_WORDS and not any(
                sp and sp[0] < b and a < sp[1] for sp in ev_spans):
            continue
        wrong += 1
        texts.append(txt.strip()[:80])
    return got, wrong, texts


# --------------------------------------------------------------------------------------------
# ACLED scoring
# --------------------------------------------------------------------------------------------

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
FULL_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\s*,?\s+(\d{{4}})\b|\b({_MONTHS})\s+(\d{{1,2}}),?\s+(\d{{4}})\b",
                       re.IGNORECASE)

# "Total fatalities 26 split between ...", "3 fatalities split ...", "Fatalities coded to 3 and split ...":
# ACLED's note of a report-wide total shared out over several rows
SPLIT_TOTAL = re.compile(r"(?:fatalities\s+(?:coded\s+(?:to|as)\s+)?(\d+)|(\d+)\s+fatalities)\s+(?:and\s+|were\s+)?split",
                         re.IGNORECASE)


def _split_totals(notes: str) -> set[int]:
    return {int(a or b) for a, b in SPLIT_TOTAL.findall(notes or "")}


# ACLED actor names -> the canonical ids that count as finding that actor
ACLED_ACTORS = [
    (re.compile(r"\bQSD\b|Syrian Democratic Forces", re.I), {"sdf", "ypg"}),
    (re.compile(r"\bYPG\b|People'?s Protection Units", re.I), {"sdf", "ypg"}),
    (re.compile(r"Islamic State", re.I), {"islamic-state"}),
    (re.compile(r"Military Forces of Syria", re.I), {"syrian-army"}),
]


def _acled_actor_sets(row: dict) -> list[set[str]]:
    names = [row.get("actor1"), row.get("actor2")]
    for k in ("assoc_actor_1", "assoc_actor_2"):
        names += (row.get(k) or "").split(";")
    found: list[set[str]] = []
    for name in names:
        if not name or not name.strip():
            continue
        for pat, ids in ACLED_ACTORS:
            if pat.search(name):
                if ids not in found:
                    found.append(ids)
                break
    return found


def _report_actor_ids(rep) -> set[str]:
    ids: set[str] = set()
    for c in rep.claims:
        for role in ("agent", "target", "patient"):
            ids |= _ids(getattr(c, role))
    for m in rep.mentions:
        if m.kind == "actor" and m.id:
            ids.add(str(m.id).removeprefix("actor:"))
    return ids


def _first_place(rep, claim) -> tuple[float, float] | None:
    if claim is not None and claim.location is not None and claim.location.lat is not None:
        return claim.location.lat, claim.location.lon
    try:
        from . import link
        primary = getattr(link, "primary_place", None)
    except ImportError:
        primary = None
    if primary is not None:
        try:
            p = primary(rep)
        except Exception:
            p = None
        if p is not None and getattr(p, "lat", None) is not None:
            return p.lat, p.lon
    for m in rep.mentions:
        if m.kind == "place" and m.lat is not None:
            return m.lat, m.lon
    return None


def _first_date(rep, claim) -> str | None:
    if claim is not None and claim.date is not None and claim.date.start:
        return claim.date.start[:10]
    for d in rep.dates:
        if d.precision == "day" and d.start:
            return d.start[:10]
    return None


def _date_ok(pred: str | None, row: dict) -> bool:
    if not pred:
        return False
    if pred == row["event_date"]:
        return True
    window = {2: 7, 3: 31}.get(row.get("time_precision") or 1, 0)
    if not window:
        return False
    import datetime as dt
    try:
        delta = abs((dt.date.fromisoformat(pred) - dt.date.fromisoformat(row["event_date"])).days)
    except ValueError:
        return False
    return delta <= window


def score_acled(acled_path: str | os.PathLike, limit: int | None = None, pipeline=None) -> dict:
    """Run the pipeline on each ACLED row's `notes` (as an English report, no published date)
    and score it against the coded columns. Definitions (acceptance bars from the issues):

    * violent (>= 95%): share of notes with at least one claim of type ATTACK, AIRSTRIKE,
      SHELLING, KILL or SEIZE; denominator all rows.
    * date (>= 95%): rows whose notes state a full date ("On 3 March 2019", "March 3, 2019");
      the first violent claim's date.start (fallback: the report's first day-precision date)
      equals event_date (time_precision 2/3 rows: within 7/31 days).
    * fatalities (>= 85%): rows with fatalities_unknown_coded false; the report's total (sum of
      fatalities.value, else at_least, over violent claims, 0 when none) equals the row's fatalities, or the sum
      over rows with identical notes, or the total the notes say was split over several rows
      ("Total fatalities 26 split between ..."): one report coded as several rows. Also given
      on the rows with fatalities > 0 (fatalities_pos).
    * actor (>= 85%): rows whose actor1/actor2/assoc actors include QSD/SDF or YPG (either of
      sdf, ypg counts), Islamic State (islamic-state) or Military Forces of Syria (syrian-army);
      right when every such coded actor is among the agent/target/patient ids of the report's
      claims or its actor mentions. actor_pairs: the same per (row, coded actor).
    * geo1_10km (>= 65%): geo_precision 1 rows; the first violent claim's location (fallback
      link.primary_place(report), else the first geocoded place mention) within 10 km.
    * geo_25km (>= 88%): the same point within 25 km, over all rows.
    * actor1_agent: rows whose actor1 is one of the coded actors above and whose notes give a violent
      claim; right when actor1 is among the first violent claim's agents (who did it, not only who
      is named: "2 QSD fighters were killed in an attack by gunmen" names QSD as the victims).
    * geo1_named_10km: geo_precision 1 rows where one reading of a place name the gazetteer finds
      in the notes (any candidate, before linking chooses) lies within 10 km of ACLED's point: the
      most any choice among the places the notes name can reach on geo1_10km. geo_named_25km: the
      same within 25 km over all rows (the most geo_25km can reach).
    * event_type: the report's first claim ACLED codes (claim.acled) has the row's event_type
      (Battles, Explosions/Remote violence, ...): the mapping users get, over all rows.
    * geo1_10km_primary: geo_precision 1 rows, the report's primary place alone (link's view,
      whatever the claims chose) within 10 km.
    """
    import time

    from .model import Report
    from .pipeline import Pipeline

    from .errors import error
    try:
        rows = _read_jsonl(Path(acled_path))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error("E_EVAL", detail=f"{acled_path} is not readable JSON lines ({exc})") from None
    need = ("id", "notes", "event_date", "latitude", "longitude")
    bad = next((n for n, r in enumerate(rows, 1) if not isinstance(r, dict) or any(k not in r for k in need)), None)
    if bad is not None:
        raise error("E_EVAL", detail=f"{acled_path} line {bad} lacks one of {', '.join(need)}")
    if limit:
        rows = rows[:limit]
    notes_total: dict[str, int] = {}
    for r in rows:
        notes_total[r["notes"]] = notes_total.get(r["notes"], 0) + (r.get("fatalities") or 0)
    pipe = pipeline or Pipeline()
    c = {k: [0, 0] for k in ("violent", "date", "fatalities", "fatalities_pos", "actor", "actor_pairs",
                             "actor1_agent", "geo1_10km", "geo_25km", "geo1_10km_primary", "geo1_named_10km",
                             "geo_named_25km", "event_type")}
    failed = 0
    misses: dict[str, list[str]] = {k: [] for k in c}
    t0 = time.perf_counter()
    for row in rows:
        rep = Report(raw=row["notes"] or "", path=f"acled:{row['id']}")
        try:
            rep = pipe.process(rep)
        except Exception:
            failed += 1
            rep = Report(raw="", path=f"acled:{row['id']}")

        def tick(key: str, ok: bool) -> None:
            c[key][1] += 1
            c[key][0] += bool(ok)
            if not ok and len(misses[key]) < 20:
                misses[key].append(row["id"])

        violent = [cl for cl in rep.claims if cl.type in VIOLENT]
        first = violent[0] if violent else None
        tick("violent", bool(violent))
        coded = next((cl.acled for cl in rep.claims if cl.acled), None)
        tick("event_type", coded is not None and coded["event_type"] == row.get("event_type"))
        if FULL_DATE.search(row["notes"] or ""):
            tick("date", _date_ok(_first_date(rep, first), row))
        if not row.get("fatalities_unknown_coded"):
            total = sum((cl.fatalities.value if cl.fatalities.value is not None else cl.fatalities.at_least) or 0
                        for cl in violent if cl.fatalities is not None)
            want = row.get("fatalities") or 0
            ok = total == want or total == notes_total.get(row["notes"]) or total in _split_totals(row["notes"])
            tick("fatalities", ok)
            if want > 0:
                tick("fatalities_pos", ok)
        sets = _acled_actor_sets(row)
        if sets:
            have = _report_actor_ids(rep)
            tick("actor", all(ids & have for ids in sets))
            for ids in sets:
                tick("actor_pairs", bool(ids & have))
        first_coded = _acled_actor_sets({"actor1": row.get("actor1")})
        if first_coded and first is not None:
            tick("actor1_agent", bool(first_coded[0] & _ids(first.agent)))
        pt = _first_place(rep, first)
        dist = haversine_km(pt[0], pt[1], row["latitude"], row["longitude"]) if pt else None
        if row.get("geo_precision") == 1:
            tick("geo1_10km", dist is not None and dist <= 10)
        tick("geo_25km", dist is not None and dist <= 25)
        # the report's primary place alone (linking's view, whatever the claims chose)
        pp = _first_place(rep, None)
        pdist = haversine_km(pp[0], pp[1], row["latitude"], row["longitude"]) if pp else None
        if row.get("geo_precision") == 1:
            tick("geo1_10km_primary", pdist is not None and pdist <= 10)
        # the nearest reading of any place name in the notes: the ceiling of the two place scores
        named = _nearest_named_km(row["notes"] or "", row["latitude"], row["longitude"])
        if row.get("geo_precision") == 1:
            tick("geo1_named_10km", named <= 10)
        tick("geo_named_25km", named <= 25)
    out = {"kind": "acled", "acled": str(acled_path), "rows": len(rows), "failed": failed,
           "seconds": round(time.perf_counter() - t0, 1)}
    out.update({k: ratio(*v) for k, v in c.items()})
    out["examples_missed"] = misses
    return out


def _nearest_named_km(notes: str, lat: float, lon: float) -> float:
    """How far from the point lies the nearest reading of a place name the gazetteer finds in the
    notes (every candidate of every name, before linking chooses): the most linking can reach.
    Infinite when the notes name no place."""
    from .normalise import normalise_text
    gaz = _gazetteer()
    if gaz is None:
        return float("inf")
    norm, idx = normalise_text(notes)
    best = float("inf")
    for m in gaz.find(norm, notes, idx):
        for i in m["candidates"]:
            e = gaz.entries[i]
            e = e if e.get("kind") == "place" else (e.get("place") or {})
            if e.get("lat") is not None:
                best = min(best, haversine_km(e["lat"], e["lon"], lat, lon))
    return best


ACLED_BARS = {"violent": 0.95, "date": 0.95, "fatalities": 0.85, "actor": 0.85, "geo1_10km": 0.65, "geo_25km": 0.88}


# --------------------------------------------------------------------------------------------
# printing
# --------------------------------------------------------------------------------------------

def _fmt(v: dict | None) -> tuple[str, str]:
    if not v:
        return "n/a", ""
    rate = v.get("rate")
    return ("n/a" if rate is None else f"{100 * rate:.1f}%"), f"{v['right']}/{v['total']}"


def _fmt_p(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def print_scores(scores: dict, as_json: bool = False, details: bool = False) -> None:
    """Show scores as a rich table, or as JSON on stdout; `details` adds, for gold scores, every
    wrong field of a matched claim with its gold and predicted values."""
    if as_json:
        print(json.dumps(scores, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    con = Console()
    t = Table(title=f"khabar eval ({scores.get('kind')})")
    t.add_column("score")
    t.add_column("value", justify="right")
    t.add_column("count", justify="right")
    if scores.get("kind") == "gold":
        for key in ("reports", "language", "outlet", "title", "boilerplate_removed"):
            t.add_row(key.replace("_", " "), *_fmt(scores[key]))
        t.add_row("body lines removed", str(scores["body_lines_removed"]), "")
        t.add_row("gold places found as mentions", *_fmt(scores.get("place_mentions")))
        cl = scores["claims"]
        t.add_row("claims precision", _fmt_p(cl["precision"]), f"{cl['tp']}/{cl['tp'] + cl['fp']}")
        t.add_row("claims recall", _fmt_p(cl["recall"]), f"{cl['tp']}/{cl['tp'] + cl['fn']}")
        t.add_row("claims F1", _fmt_p(cl["f1"]), "")
        for f, v in scores["fields"].items():
            t.add_row(f"  {f}", *_fmt(v))
        se = scores["same_event"]
        t.add_row("same-event P/R/F1", f"{_fmt_p(se['precision'])} / {_fmt_p(se['recall'])} / {_fmt_p(se['f1'])}",
                  f"tp {se['tp']} fp {se['fp']} fn {se['fn']}")
        con.print(t)
        d = Table(title="per document")
        for col in ("doc", "tp", "fp", "fn", "boilerplate", "missed gold", "false predictions"):
            d.add_column(col, overflow="fold")
        for doc in scores["documents"]:
            d.add_row(doc["doc"][:12], str(doc.get("tp", "")), str(doc.get("fp", "")), str(doc.get("fn", "")),
                      doc.get("boilerplate", ""), " ".join(doc.get("missed") or []),
                      " ".join(doc.get("false") or []))
        con.print(d)
        if details:
            w = Table(title="wrong fields on matched claims")
            for col in ("gold claim", "pred", "field", "gold", "predicted"):
                w.add_column(col, overflow="fold")
            for doc in scores["documents"]:
                for x in doc.get("wrong") or []:
                    w.add_row(*(escape(str(v)) for v in (x["claim"], x["pred"], x["field"], x["gold"],
                                                         x["predicted"])))
            con.print(w)
    else:
        t.add_column("bar", justify="right")
        t.add_row("rows", str(scores["rows"]), f"{scores['seconds']} s", "")
        for key in ("violent", "event_type", "date", "fatalities", "fatalities_pos", "actor", "actor_pairs", "actor1_agent",
                    "geo1_named_10km", "geo_named_25km", "geo1_10km", "geo_25km", "geo1_10km_primary"):
            bar = ACLED_BARS.get(key)
            t.add_row(key, *_fmt(scores[key]), f"{100 * bar:.0f}%" if bar else "")
        con.print(t)
