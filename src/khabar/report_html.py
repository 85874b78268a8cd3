"""`khabar report`: one self-contained HTML file to share.

A map of the located events and of origin -> destination flows (Leaflet, inlined; only the
map tiles come from the network), a timeline of the dated events, and for each event its
claims with the evidence quoted in the original language, the attribution chains drawn as
a graph, the independent-source count and the conflicts.

Every piece of report text goes through `html.escape` (or, for the map, into a JSON block
read with textContent and shown with textContent), and a Content-Security-Policy with a
per-file nonce stops any script but the report's own.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import secrets
import unicodedata
from importlib import resources
from pathlib import Path

from . import export

TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

TYPE_COLORS = {
    "ATTACK": "#d62728", "AIRSTRIKE": "#ff7f0e", "SHELLING": "#e6ab02", "KILL": "#8c1c13", "SEIZE": "#9467bd",
    "TRANSFER": "#6a3d9a", "RELEASE": "#17becf", "ARREST": "#1f77b4", "DEPLOY": "#2ca02c", "MEETING": "#7f7f7f",
    "AGREEMENT": "#bcbd22", "STATEMENT": "#8c8c8c", "PROTEST": "#e377c2",
}
KIND_COLORS = {
    "anonymous": "#f4cccc", "local": "#fde2c4", "residents": "#fde2c4", "official": "#cfe2f3",
    "government": "#cfe2f3", "military": "#cfe2f3", "intelligence": "#f9cb9c", "state-media": "#d9d2e9",
    "media": "#e4dcf3", "ngo": "#d9ead3", "outlet": "#e8eaed",
}

E = lambda s: html.escape("" if s is None else str(s), quote=True)  # noqa: E731


def _ui(name: str) -> str:
    return (resources.files("khabar") / "ui" / name).read_text(encoding="utf-8")


def text_dir(text: str | None) -> str:
    """'rtl' when the first strongly directional character is right-to-left (Unicode bidi classes)."""
    for ch in text or "":
        b = unicodedata.bidirectional(ch)
        if b in ("R", "AL"):
            return "rtl"
        if b == "L":
            return "ltr"
    return "ltr"


def _safe_url(url: str | None) -> str | None:
    return url if url and url.split(":", 1)[0].lower() in ("http", "https") else None


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((s or "")[:10])
    except ValueError:
        return None


def _script_json(obj) -> str:
    """JSON that can sit inside <script type=application/json> whatever the strings hold."""
    s = json.dumps(obj, ensure_ascii=False)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------- the model of the page

def gather(db) -> dict:
    """Events with their claims (claims with no event become one-claim events), located and dated."""
    claims = export.claims(db)
    by_ref = {f"{c['report_id']}#{c['id']}": c for c in claims}
    evs = export.events(db)
    seen = set()
    out = []
    for ev in evs:
        cl = [by_ref[f"{r}#{c}"] for r, c in ev["refs"] if f"{r}#{c}" in by_ref]
        seen.update(f"{c['report_id']}#{c['id']}" for c in cl)
        out.append(_event(ev["id"], ev["type"], cl, ev))
    for ref, c in by_ref.items():
        if ref not in seen:
            out.append(_event(f"claim-{ref}", c["type"], [c], None))
    out.sort(key=lambda e: (e["date"] is None, e["date"] or dt.date.min, e["id"]))
    for i, e in enumerate(out):
        e["anchor"] = f"event-{i + 1}"
    n_reports = db.execute("SELECT count(*) FROM reports").fetchone()[0]
    return {"events": out, "claims": len(claims), "reports": n_reports}


def _event(eid: str, etype: str, claims: list[dict], row: dict | None) -> dict:
    lat = row.get("latitude") if row else None
    lon = row.get("longitude") if row else None
    place = None
    if row and row.get("places"):
        names = [p.get("name") for p in row["places"] if isinstance(p, dict) and p.get("name")]
        place = "; ".join(dict.fromkeys(names)) or None
    if lat is None or lon is None:
        for c in claims:
            if c.get("latitude") is not None and c.get("longitude") is not None:
                lat, lon = c["latitude"], c["longitude"]
                break
    if not place:
        names = [(export.place_of(c["claim"]) or {}).get("name") for c in claims]
        place = "; ".join(dict.fromkeys(n for n in names if n)) or None
    date = _date(row.get("date_start")) if row else None
    if date is None:
        ds = [d for d in (_date(c.get("date_start")) for c in claims) if d]
        date = min(ds) if ds else None
    indep = row.get("independent_sources") if row else None
    if indep is None:
        indep = len({(export.source_chain(c) or ["?"])[0] for c in claims})
    return {"id": eid, "type": etype or (claims[0]["type"] if claims else "?"), "claims": claims,
            "lat": lat, "lon": lon, "place": place, "date": date,
            "date_end": _date(row.get("date_end")) if row else None,
            "independent_sources": indep, "conflicts": (row or {}).get("conflicts") or [],
            "circular": bool((row or {}).get("circular"))}


def places(events: list[dict]) -> list[dict]:
    """Every located place the claims name (location, origin, destination), once each: map labels."""
    seen: dict[tuple, dict] = {}
    for e in events:
        for c in e["claims"]:
            for k in ("location", "origin", "destination"):
                p = c["claim"].get(k)
                if p and p.get("lat") is not None and p.get("lon") is not None and p.get("name"):
                    seen.setdefault((p["name"], round(p["lat"], 3), round(p["lon"], 3)),
                                    {"name": p["name"], "lat": p["lat"], "lon": p["lon"]})
    return list(seen.values())


def flows(events: list[dict]) -> list[dict]:
    out = []
    for e in events:
        for c in e["claims"]:
            pts = (c.get("origin_latitude"), c.get("origin_longitude"), c.get("destination_latitude"),
                   c.get("destination_longitude"))
            if None not in pts:
                out.append({"from": [pts[0], pts[1]], "to": [pts[2], pts[3]], "anchor": e["anchor"],
                            "label": f"{c.get('origin') or '?'} → {c.get('destination') or '?'} ({c.get('outlet') or '?'})"})
    return out


# ---------------------------------------------------------------- pieces of HTML

def timeline_svg(events: list[dict], width: int = 1000) -> str:
    dated = [e for e in events if e["date"] is not None]
    if not dated:
        return '<p class="undated">No dated events.</p>'
    d0, d1 = min(e["date"] for e in dated), max(e["date"] for e in dated)
    span = max((d1 - d0).days, 1)
    left, right, axis_y = 40, width - 40, 30
    per_day: dict[dt.date, int] = {}
    for e in dated:
        per_day[e["date"]] = per_day.get(e["date"], 0) + 1
    dy = min(16.0, 300 / max(per_day.values()))       # a busy day stays within ~300px
    r = max(2.0, min(6.0, dy / 2 - 0.5)) if dy < 16 else 6.0
    stack: dict[dt.date, int] = {}
    items = []
    for e in dated:
        x = left + (e["date"] - d0).days / span * (right - left) if d1 != d0 else (left + right) / 2
        k = stack.get(e["date"], 0)
        stack[e["date"]] = k + 1
        y = axis_y + 16 + k * dy
        label = f"{e['date'].isoformat()} · {e['type']}" + (f" · {e['place']}" if e["place"] else "") + \
            f" · {len(e['claims'])} claim(s), {e['independent_sources']} independent source(s)"
        items.append(f'<a class="timeline-entry" href="#{E(e["anchor"])}" data-event="{E(e["id"])}">'
                     f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c3c8d1"/>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{TYPE_COLORS.get(e["type"], "#888")}"/>'
                     f'<title>{E(label)}</title></a>')
    height = int(axis_y + 16 + (max(stack.values()) - 1) * dy + r + 10)
    ticks = []
    n = min(6, span) if d1 != d0 else 0
    for i in range(n + 1):
        d = d0 + dt.timedelta(days=round(span * i / n)) if n else d0
        x = left + ((d - d0).days / span * (right - left) if d1 != d0 else (right - left) / 2)
        ticks.append(f'<line class="axis" x1="{x:.1f}" y1="{axis_y - 4}" x2="{x:.1f}" y2="{axis_y + 4}"/>'
                     f'<text x="{x:.1f}" y="{axis_y - 9}" text-anchor="middle">{E(d.isoformat())}</text>')
    return (f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" aria-label="timeline of events">'
            f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}"/>{"".join(ticks)}'
            f'{"".join(items)}</svg>')


# unnamed sources ("local sources", "residents") are one source per relay that cites them
UNNAMED = {"anonymous", "local", "residents"}


def _node_key(name: str, kind: str | None) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip() + "|" + ("outlet" if kind == "outlet" else "")


def _chain_keys(chain: list[tuple[str, str | None]]) -> list[str]:
    keys: list[str] = [""] * len(chain)
    for i in range(len(chain) - 1, -1, -1):
        name, kind = chain[i]
        keys[i] = _node_key(name, kind)
        if kind in UNNAMED and i + 1 < len(chain):
            keys[i] += "<" + keys[i + 1]
    return keys


def _report_label(c: dict) -> str:
    return c.get("title") or (Path(c["path"]).name if c.get("path") else None) or c["report_id"]


def chain_graph(claims: list[dict]) -> str:
    """The attribution chains of an event's claims as one graph: primary sources left, outlets right."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], int] = {}
    for c in claims:
        chain = [(s.get("name") or s.get("id") or "?", s.get("kind")) for s in c["claim"].get("sources") or []
                 if isinstance(s, dict)]
        # a report with no known outlet is its own publisher: two such reports never merge
        chain.append((c.get("outlet") or f"unknown outlet ({_report_label(c)})", "outlet"))
        prev = None
        for (name, kind), k in zip(chain, _chain_keys(chain)):
            nodes.setdefault(k, {"name": name, "kind": kind or "", "layer": 0})
            if prev is not None and prev != k:
                edges[(prev, k)] = edges.get((prev, k), 0) + 1
            prev = k
    # longest-path layering from the primary sources (bounded, so a citation loop cannot hang it)
    for _ in range(len(nodes)):
        changed = False
        for (a, b) in edges:
            if nodes[b]["layer"] < nodes[a]["layer"] + 1 <= len(nodes):
                nodes[b]["layer"] = nodes[a]["layer"] + 1
                changed = True
        if not changed:
            break
    last = max((n["layer"] for n in nodes.values()), default=0)
    for k, n in nodes.items():
        if n["kind"] == "outlet" and not any(a == k for (a, _b) in edges):
            n["layer"] = last
    cols: dict[int, list[str]] = {}
    for k, n in nodes.items():
        cols.setdefault(n["layer"], []).append(k)
    bw, bh, gx, gy, pad = 190, 26, 60, 12, 8
    pos = {}
    for layer, ks in cols.items():
        for i, k in enumerate(ks):
            pos[k] = (pad + layer * (bw + gx), pad + i * (bh + gy))
    width = pad * 2 + (last + 1) * bw + last * gx
    height = pad * 2 + max(len(v) for v in cols.values()) * (bh + gy) - gy
    parts = []
    for (a, b), n in edges.items():
        (xa, ya), (xb, yb) = pos[a], pos[b]
        x1, y1, x2, y2 = xa + bw, ya + bh / 2, xb, yb + bh / 2
        if x2 <= x1:        # a citation back to an earlier column: loop over the top
            d = f"M{x1},{y1} C{x1 + 40},{y1 - 40} {x2 - 40},{y2 - 40} {x2},{y2}"
        else:
            mx = (x1 + x2) / 2
            d = f"M{x1},{y1} C{mx},{y1} {mx},{y2} {x2 - 2},{y2}"
        parts.append(f'<path class="edge" d="{d}" marker-end="url(#arrow)" stroke-width="{1.2 + min(n, 5) * 0.5}">'
                     f'<title>{E(nodes[a]["name"])} → {E(nodes[b]["name"])}: {n} claim(s)</title></path>')
    for k, n in nodes.items():
        x, y = pos[k]
        name = n["name"]
        short = name if len(name) <= 26 else name[:25] + "…"
        kind = n["kind"] or "source"
        parts.append(f'<g class="chain-node" data-kind="{E(kind)}"><rect x="{x}" y="{y}" width="{bw}" height="{bh}" '
                     f'fill="{KIND_COLORS.get(kind, "#eeeeee")}"/>'
                     f'<text x="{x + bw / 2}" y="{y + bh / 2 + 4}" text-anchor="middle" direction="{text_dir(short)}" '
                     f'unicode-bidi="plaintext">{E(short)}</text>'
                     f'<title>{E(name)} ({E(kind)})</title></g>')
    defs = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7280"/></marker></defs>')
    return (f'<div class="chain-graph"><svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="attribution chains">{defs}{"".join(parts)}</svg>'
            f'<div class="caption">Attribution: primary source → relays → outlet that published the report.</div></div>')


def _names(items) -> str:
    return ", ".join(export._names(items))


def _qty(q) -> str | None:
    if not q:
        return None
    v = q.get("value") if q.get("value") is not None else q.get("at_least")
    txt = q.get("text") or ""
    if v is None:
        return txt or None
    return ("≥" if q.get("value") is None else ("~" if q.get("approx") else "")) + str(v) + (f" ({txt})" if txt else "")


def claim_html(c: dict) -> str:
    cd = c["claim"]
    ev = c.get("evidence") or ""
    lang = c.get("lang") or ""
    url = _safe_url(c.get("url"))
    src = E(_report_label(c))        # a file's name only: a shared report should not show the sender's folders
    link = f'<a href="{E(url)}" rel="noopener noreferrer">{src}</a>' if url else src
    head = (f'<div class="claim-head"><span class="outlet">{E(c.get("outlet") or "unknown outlet")}</span> · {link}'
            f' · <span class="badge">{E(c["type"])}</span><span class="badge modality">{E(c.get("modality"))}</span>'
            + (f' · published {E(c.get("published"))}' if c.get("published") else "") + "</div>")
    quote = (f'<blockquote class="evidence" lang="{E(lang)}" dir="{text_dir(ev)}">{E(ev)}</blockquote>')
    fields = []
    date = cd.get("date") or {}
    if date:
        d = date.get("start") or ""
        if date.get("end") and date.get("end") != date.get("start"):
            d += f" – {date['end']}"
        fields.append(("date", f"{d} ({date.get('precision') or '?'})" + (f" «{date['text']}»" if date.get("text") else "")))
    for k in ("location", "origin", "destination"):
        p = cd.get(k)
        if p:
            coords = f" [{p['lat']:.3f}, {p['lon']:.3f}]" if p.get("lat") is not None and p.get("lon") is not None else ""
            fields.append((k, f"{p.get('name') or p.get('text')} ({p.get('precision') or '?'}){coords}"))
    for k in ("agent", "target", "patient"):
        if cd.get(k):
            fields.append((k, _names(cd[k])))
    for k in ("count", "fatalities", "injured"):
        v = _qty(cd.get(k))
        if v:
            fields.append((k, v))
    if cd.get("means"):
        fields.append(("means", cd["means"]))
    chain = export.source_chain(c)
    dl = "".join(f"<dt>{E(k)}</dt><dd><bdi>{E(v)}</bdi></dd>" for k, v in fields)
    # each name isolated, so an Arabic source does not reorder the chain around it
    dl += "<dt>sources</dt><dd class=\"chain\">" + (" → ".join(f"<bdi>{E(n)}</bdi>" for n in chain) or "—") + "</dd>"
    return f'<li class="claim" data-claim="{E(c["report_id"])}#{E(c["id"])}">{head}{quote}<dl class="fields">{dl}</dl></li>'


def _conflict_value(v: dict) -> str:
    if v.get("name"):
        val = str(v["name"])
    elif v.get("value") is not None:
        val = ("~" if v.get("approx") else "") + str(v["value"])
    elif v.get("at_least") is not None:
        val = f"≥{v['at_least']}"
    else:
        val = "?"
    return val


def conflicts_html(conflicts: list, claims: list[dict] | None = None) -> str:
    """Each field the claims disagree on, with each claim's value, outlet and words."""
    if not conflicts:
        return ""
    who = {f"{c['report_id']}#{c['id']}": c.get("outlet") or _report_label(c) for c in claims or []}
    items = []
    for cf in conflicts:
        if not isinstance(cf, dict):
            items.append(f"<li>{E(cf)}</li>")
            continue
        field = cf.get("field") or cf.get("kind") or "conflict"
        if cf.get("role") and cf.get("role") != "location":
            field += f" ({cf['role']})"
        vals = cf.get("values")
        if isinstance(vals, list):
            parts = []
            for v in vals:
                if not isinstance(v, dict):
                    parts.append(E(v))
                    continue
                ref = v.get("claim")
                src = who.get(ref, ref) if ref else None
                parts.append(f"<b><bdi>{E(_conflict_value(v))}</bdi></b>"
                             + (f" per <bdi>{E(src)}</bdi>" if src else "")
                             + (f" «<bdi>{E(v['text'])}</bdi>»" if v.get("text") else ""))
            desc = "; ".join(parts)
        else:
            desc = E(json.dumps({k: v for k, v in cf.items() if k not in ("field", "kind")}, ensure_ascii=False))
        items.append(f'<li class="conflict" data-field="{E(cf.get("field") or "")}">{E(field)}: {desc}</li>')
    return f'<div class="conflicts"><h4>The claims disagree</h4><ul>{"".join(items)}</ul></div>'


def event_html(e: dict) -> str:
    color = TYPE_COLORS.get(e["type"], "#888")
    date = e["date"].isoformat() if e["date"] else "undated"
    if e["date"] and e["date_end"] and e["date_end"] != e["date"]:
        date += f" – {e['date_end'].isoformat()}"
    badges = (f'<span class="badge type">{E(e["type"])}</span>'
              f'<span class="badge sources" title="independent primary sources">{E(e["independent_sources"])} '
              f'independent source(s)</span><span class="badge">{len(e["claims"])} claim(s)</span>'
              + ('<span class="badge circular">circular reporting</span>' if e["circular"] else "")
              + (f'<span class="badge conflict">{len(e["conflicts"])} conflict(s)</span>' if e["conflicts"] else ""))
    where = E(e["place"]) if e["place"] else "no place"
    located = f" · {e['lat']:.3f}, {e['lon']:.3f}" if e["lat"] is not None and e["lon"] is not None else " · not located"
    claims = "".join(claim_html(c) for c in e["claims"])
    return (f'<section class="event" id="{E(e["anchor"])}" data-event="{E(e["id"])}" style="--type:{color}">'
            f'<h3>{badges}{E(date)} · {where}</h3><div class="meta">event {E(e["id"])}{E(located)}</div>'
            f'{conflicts_html(e["conflicts"], e["claims"])}<ol class="claims">{claims}</ol>{chain_graph(e["claims"])}</section>')


def sources_html(events: list[dict], max_nodes: int = 60) -> str:
    """Who relays whom across the whole store: one graph of every chain (when it stays readable)
    and a table per outlet of the sources it cites."""
    claims = [c for e in events for c in e["claims"]]
    if not claims:
        return ""
    rows: dict[tuple, list] = {}
    for c in claims:
        srcs = [s for s in c["claim"].get("sources") or [] if isinstance(s, dict)]
        cites = srcs[-1].get("name") if srcs else "(own reporting)"
        primary = srcs[0].get("name") if srcs else "—"
        kind = srcs[0].get("kind") if srcs else "outlet"
        key = (c.get("outlet") or f"unknown outlet ({_report_label(c)})", cites, primary, kind)
        rows.setdefault(key, [0, set()])
        rows[key][0] += 1
        rows[key][1].add(c["report_id"])
    body = "".join(f"<tr><td><bdi>{E(o)}</bdi></td><td><bdi>{E(ci)}</bdi></td><td><bdi>{E(p)}</bdi></td>"
                   f"<td>{E(k)}</td><td>{n}</td><td>{len(r)}</td></tr>"
                   for (o, ci, p, k), (n, r) in sorted(rows.items(), key=lambda kv: (kv[0][0], -kv[1][0])))
    table = ('<table class="relays"><thead><tr><th>outlet</th><th>cites</th><th>primary source</th><th>kind</th>'
             f'<th>claims</th><th>reports</th></tr></thead><tbody>{body}</tbody></table>')
    graph = chain_graph(claims)
    if graph.count('class="chain-node"') > max_nodes:
        graph = f'<p class="meta">The graph of all chains has more than {max_nodes} sources; see each event.</p>'
    return f'<h2>Sources</h2><div class="sources">{graph}{table}</div>'


def legend(events: list[dict]) -> str:
    types = sorted({e["type"] for e in events})
    sw = "".join(f'<span><span class="sw" style="background:{TYPE_COLORS.get(t, "#888")}"></span>{E(t)}</span>'
                 for t in types)
    return f'<div class="legend">{sw}<span><span class="flow"></span>origin → destination</span></div>'


def render(db, title: str = "khabar report", generated: str | None = None, model: dict | None = None) -> str:
    """The whole page as one string."""
    model = model or gather(db)
    events = model["events"]
    located = [e for e in events if e["lat"] is not None and e["lon"] is not None]
    data = {"tiles": TILES, "flows": flows(events), "places": places(located),
            "events": [{"anchor": e["anchor"], "id": e["id"], "type": e["type"], "lat": e["lat"], "lon": e["lon"],
                        "place": e["place"], "date": e["date"].isoformat() if e["date"] else None,
                        "claims": len(e["claims"]), "sources": e["independent_sources"] or 0,
                        "conflicts": len(e["conflicts"]), "color": TYPE_COLORS.get(e["type"], "#888")}
                       for e in located]}
    undated = [e for e in events if e["date"] is None]
    nonce = secrets.token_urlsafe(16)
    csp = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
           "img-src data: https://tile.openstreetmap.org https://*.tile.openstreetmap.org; "
           "base-uri 'none'; form-action 'none'")
    generated = generated or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    counts = (f'<div class="counts"><span><b>{model["reports"]}</b> reports</span>'
              f'<span><b>{model["claims"]}</b> claims</span><span><b>{len(events)}</b> events</span>'
              f'<span><b>{len(located)}</b> located</span>'
              f'<span><b>{sum(1 for e in events if e["conflicts"])}</b> with conflicts</span>'
              f'<span>generated {E(generated)}</span></div>')
    und = ""
    if undated:
        links = ", ".join(f'<a href="#{E(e["anchor"])}">{E(e["type"])}</a>' for e in undated)
        und = f'<p class="undated">Undated (not on the timeline): {links}</p>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{E(csp)}">
<meta name="referrer" content="no-referrer">
<title>{E(title)}</title>
<style>{_ui("vendor/leaflet.css")}</style>
<style>{_ui("report.css")}</style>
</head>
<body>
<header class="top"><h1>{E(title)}</h1>{counts}</header>
<main>
<h2>Map</h2>
{legend(events)}
<div id="map" role="region" aria-label="map of located events"></div>
<p id="map-status"></p>
<h2>Timeline</h2>
<div class="timeline-box">{timeline_svg(events)}</div>
{und}
{sources_html(events)}
<h2>Events</h2>
{"".join(event_html(e) for e in events) or "<p>No claims in this store.</p>"}
</main>
<footer>khabar · claims are what reports say, not findings · map data © OpenStreetMap contributors · Leaflet (BSD-2-Clause)</footer>
<script id="khabar-data" type="application/json">{_script_json(data)}</script>
<script nonce="{nonce}">{_ui("vendor/leaflet.js")}</script>
<script nonce="{nonce}">{_ui("report.js")}</script>
</body>
</html>
"""


def write_report(db_path: str | Path, out: str | Path, title: str | None = None) -> dict:
    """Write the report of the store at `db_path` to `out`; returns counts."""
    db = export.open_store(db_path)
    try:
        model = gather(db)
        page = render(db, title=title or f"khabar report: {Path(db_path).name}", model=model)
    finally:
        db.close()
    Path(out).write_text(page, encoding="utf-8")
    located = sum(1 for e in model["events"] if e["lat"] is not None)
    return {"events": len(model["events"]), "located": located, "claims": model["claims"],
            "bytes": len(page.encode("utf-8"))}
