/* khabar report: the map (Leaflet, inlined). Text is only ever set with textContent. */
(function () {
  "use strict";
  var node = document.getElementById("khabar-data");
  var data = JSON.parse(node.textContent);
  var el = document.getElementById("map");
  var status = document.getElementById("map-status");

  function say(msg) { if (status) { status.textContent = msg; } }

  function line(parent, tag, text, cls) {
    var e = document.createElement(tag);
    e.textContent = text;
    if (cls) { e.className = cls; }
    parent.appendChild(e);
    return e;
  }

  function popup(ev) {
    var box = document.createElement("div");
    box.className = "popup";
    var a = document.createElement("a");
    a.href = "#" + ev.anchor;
    a.textContent = ev.type + (ev.date ? " · " + ev.date : "");
    var h = document.createElement("strong");
    h.appendChild(a);
    box.appendChild(h);
    if (ev.place) { line(box, "div", ev.place); }
    line(box, "div", ev.claims + " claim(s) · " + ev.sources + " independent source(s)");
    if (ev.conflicts) { line(box, "div", ev.conflicts + " conflict(s)", "conflict"); }
    return box;
  }

  // faint lines every few degrees: a frame of reference when the tiles cannot load
  function graticule(map, pts) {
    if (!pts.length) { return; }
    var lats = pts.map(function (p) { return p[0]; }), lons = pts.map(function (p) { return p[1]; });
    var s = Math.min.apply(null, lats), n = Math.max.apply(null, lats);
    var w = Math.min.apply(null, lons), e = Math.max.apply(null, lons);
    var span = Math.max(n - s, e - w, 0.5), step = span > 40 ? 10 : span > 10 ? 5 : span > 3 ? 1 : 0.5;
    var opts = { className: "graticule", color: "#9aa5b5", weight: 0.6, opacity: 0.7, interactive: false };
    s = Math.floor((s - span) / step) * step; n = Math.ceil((n + span) / step) * step;
    w = Math.floor((w - span) / step) * step; e = Math.ceil((e + span) / step) * step;
    for (var la = s; la <= n; la += step) { L.polyline([[la, w], [la, e]], opts).addTo(map); }
    for (var lo = w; lo <= e; lo += step) { L.polyline([[s, lo], [n, lo]], opts).addTo(map); }
  }

  if (!el) { return; }
  if (typeof L === "undefined") { say("The map library did not load."); return; }
  if (!data.events.length && !data.flows.length) {
    say("No located events: nothing to map.");
    el.classList.add("empty");
    return;
  }
  var map = L.map(el, { preferCanvas: false, worldCopyJump: true });
  L.tileLayer(data.tiles, {
    maxZoom: 18,
    attribution: "© OpenStreetMap contributors"
  }).addTo(map);
  var bounds = [];
  var labels = data.places.length <= 40;   // place names stay on when few: the map still reads without tiles
  data.flows.forEach(function (f) {
    var pl = L.polyline([[f.from[0], f.from[1]], [f.to[0], f.to[1]]], {
      className: "flow-line", color: "#6a3d9a", weight: 3, opacity: 0.85, dashArray: "6 4"
    }).addTo(map);
    var tip = document.createElement("span");
    tip.textContent = f.label;
    pl.bindTooltip(tip, { sticky: true });
    L.circleMarker([f.to[0], f.to[1]], {
      className: "flow-end", radius: 4, color: "#6a3d9a", fillColor: "#6a3d9a", fillOpacity: 1, weight: 1
    }).addTo(map);
    bounds.push(f.from, f.to);
  });
  data.events.forEach(function (ev) {
    var m = L.circleMarker([ev.lat, ev.lon], {
      className: "event-marker event-" + ev.type.toLowerCase(),
      radius: 6 + Math.min(ev.sources, 6) * 1.5,
      color: "#222", weight: 1, fillColor: ev.color, fillOpacity: 0.85
    }).addTo(map);
    m.bindPopup(popup(ev));
    var tip = document.createElement("span");
    tip.textContent = ev.type + (ev.place ? " · " + ev.place : "");
    m.bindTooltip(tip, { direction: "top" });
    m.on("click", function () { history.replaceState(null, "", "#" + ev.anchor); });
    bounds.push([ev.lat, ev.lon]);
  });
  if (labels) {
    data.places.forEach(function (p) {
      var t = document.createElement("span");
      t.textContent = p.name;
      L.tooltip({ permanent: true, direction: "right", offset: [6, 0], className: "place-label", interactive: false })
        .setLatLng([p.lat, p.lon]).setContent(t).addTo(map);
    });
  }
  graticule(map, bounds);
  if (bounds.length === 1) {
    map.setView(bounds[0], 9);
  } else {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
  }
  say(data.events.length + " located event(s), " + data.flows.length + " flow(s). Map tiles need a connection; "
      + "markers and flows do not.");
})();
