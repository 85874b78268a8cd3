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
    // place labels stay on when there are few markers: the map still reads without tiles
    m.bindTooltip(tip, { permanent: data.events.length <= 25, direction: "right", className: "event-label" });
    m.on("click", function () { history.replaceState(null, "", "#" + ev.anchor); });
    bounds.push([ev.lat, ev.lon]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 9);
  } else {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
  }
  say(data.events.length + " located event(s), " + data.flows.length + " flow(s). Map tiles need a connection; "
      + "markers and flows do not.");
})();
