/* citygraph visual: builds the network from the JSON island with DOM calls and
   textContent only (never innerHTML with data).  Needs vis-network (inlined) and our
   search.js, labels.js and card.js (inlined before this file). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("citygraph-data").textContent);
  var FACE = '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", ' +
    "system-ui, sans-serif";
  var TEXT = {
    en: { places: "places", ties: "ties", search: "Find a city", noMatch: "No city matches",
      present: "Present", theme: "Light/Dark", play: "Play", pause: "Pause",
      continents: "Places", categories: "Ties", unknownYear: "date unknown", more: "more",
      year: "Year", legend: "Legend", close: "Close", openPage: "Open the city's page",
      home: "Home", undated: "Show undated ties", undatedKey: "faint line: date unknown",
      sources: "Sources", documents: "documents", others: "more sites", map: "Map",
      dataTo: "records to", version: "data version", unplaced: "No coordinates",
      hint: "C: controls · Esc: leave", asOf: "As of" },
    ko: { places: "곳", ties: "관계", search: "도시 찾기", noMatch: "일치하는 도시 없음",
      present: "발표 모드", theme: "밝게/어둡게", play: "재생", pause: "정지",
      continents: "장소", categories: "관계", unknownYear: "날짜 미상", more: "곳 더",
      year: "연도", legend: "범례", close: "닫기", openPage: "도시 페이지 열기",
      home: "홈", undated: "날짜 미상 관계 보기", undatedKey: "흐린 선: 날짜 미상",
      sources: "출처", documents: "건", others: "곳 더", map: "지도",
      dataTo: "기록", version: "데이터 버전", unplaced: "좌표 없음",
      hint: "C: 조작 막대 · Esc: 끝내기", asOf: "기준" }
  };
  // projector-safe: land stands out from the sea in both themes
  var THEMES = {
    light: { sea: "#ffffff", land: "#cfd7e1", landLine: "#8d9aab", grid: "#e3e8ee",
      leader: "#4b5563", border: "#1d2430", halo: "#ffffff" },
    dark: { sea: "#0b0e13", land: "#3a4554", landLine: "#6f7f95", grid: "#1b222c",
      leader: "#b8c0cc", border: "#f3f5f8", halo: "#0b0e13" }
  };
  var params = new URLSearchParams(location.search);
  var exporting = params.get("export") === "1", embedded = params.get("embed") === "1";
  var geo = data.layout === "geo";
  var dense = data.edges.length > 3000;
  var state = { lang: data.lang, theme: data.theme, year: data.default_year, undated: null,
    kinds: new Set(data.categories.map(function (c) { return c.code; })),
    legendOpen: !embedded, pinned: null, playing: null, version: 0 };
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var categories = new Map(data.categories.map(function (c) { return [c.code, c]; }));
  var incident = new Map(data.nodes.map(function (n) { return [n.id, []]; }));
  data.edges.forEach(function (e) {
    (incident.get(e.source) || []).push(e);
    if (e.target !== e.source) { (incident.get(e.target) || []).push(e); }
  });
  var edgeIndex = new Map(data.edges.map(function (e) { return [e.id, e]; }));

  function $(id) { return document.getElementById(id); }
  function t(key) { return TEXT[state.lang][key]; }
  function ko() { return state.lang === "ko"; }
  function name(item) { return ko() ? item.label_ko || item.label : item.label || item.label_ko; }
  function presenting() { return exporting || document.body.classList.contains("presenting"); }
  function unplaced(id) { var n = byId.get(id); return geo && n && n.anchor_x === null; }

  // --- what is shown: kinds, the year, undated ties -------------------------------------
  function undatedOn() {
    if (state.undated !== null) { return state.undated; }
    // undated ties exist today: shown (marked) at the latest year, hidden before it
    return state.year === null || data.default_year === null || state.year >= data.default_year;
  }
  function inYear(e) {
    return e.year === null ? undatedOn() : state.year === null || e.year <= state.year;
  }
  function edgeShown(e) { return state.kinds.has(e.category) && inYear(e); }
  function edgeDrawn(e) { return edgeShown(e) && !unplaced(e.source) && !unplaced(e.target); }
  var degree = new Map();
  function nodeShown(n) {
    return n.focus || degree.get(n.id) > 0 || incident.get(n.id).length === 0;
  }
  var shown = { nodes: new Set(), edges: new Set(), drawn: new Set() };
  function visibility() {
    degree = new Map();
    data.edges.forEach(function (e) {
      if (edgeShown(e)) {
        degree.set(e.source, (degree.get(e.source) || 0) + 1);
        degree.set(e.target, (degree.get(e.target) || 0) + 1);
      }
    });
    var changed = { nodes: [], edges: [] };
    data.nodes.forEach(function (n) {
      var on = nodeShown(n);
      if (on !== shown.nodes.has(n.id)) {
        if (on) { shown.nodes.add(n.id); } else { shown.nodes.delete(n.id); }
        changed.nodes.push({ id: n.id, hidden: !on });
      }
    });
    data.edges.forEach(function (e) {
      var on = edgeShown(e), drawn = on && edgeDrawn(e);
      if (on) { shown.edges.add(e.id); } else { shown.edges.delete(e.id); }
      if (drawn !== shown.drawn.has(e.id)) {
        if (drawn) { shown.drawn.add(e.id); } else { shown.drawn.delete(e.id); }
        changed.edges.push({ id: e.id, hidden: !drawn });
      }
    });
    lanes(changed.edges);
    return changed;
  }

  // --- parallel ties between the same two places are drawn apart, as curves --------------
  var laneOf = new Map();
  function laneFor(e, i, k) {
    if (k < 2 || (k % 2 === 1 && i === 0)) { return false; }
    var step = k % 2 === 1 ? Math.ceil(i / 2) : Math.floor(i / 2) + 0.5;
    var cw = (i % 2 === (k % 2 === 1 ? 1 : 0)) !== (e.source > e.target);
    return { enabled: true, type: cw ? "curvedCW" : "curvedCCW", roundness: 0.16 * step };
  }
  function lanes(updates) {
    var pairs = new Map();
    data.edges.forEach(function (e) {
      if (!shown.drawn.has(e.id)) { return; }
      var key = e.source < e.target ? e.source + " " + e.target : e.target + " " + e.source;
      if (!pairs.has(key)) { pairs.set(key, []); }
      pairs.get(key).push(e);
    });
    var next = new Map();
    pairs.forEach(function (list) {
      list.forEach(function (e, i) { next.set(e.id, laneFor(e, i, list.length)); });
    });
    var byUpdate = new Map(updates.map(function (u) { return [u.id, u]; }));
    var sig = function (lane) { return lane ? lane.type + lane.roundness : ""; };
    next.forEach(function (lane, id) {
      var before = laneOf.get(id);
      if (sig(before) !== sig(lane)) {
        var u = byUpdate.get(id);
        if (!u) { u = { id: id }; updates.push(u); byUpdate.set(id, u); }
        u.smooth = lane;
      }
    });
    laneOf = next;
  }

  // --- vis-network items ------------------------------------------------------------------
  function nodeItem(n) {
    var theme = THEMES[state.theme];
    var item = { id: n.id, shape: "dot", size: n.size, borderWidth: n.focus ? 4 : 1.5,
      color: { background: n.color, border: n.focus ? theme.border : theme.halo,
        highlight: { background: n.color, border: theme.border },
        hover: { background: n.color, border: theme.border } },
      hidden: !shown.nodes.has(n.id) };
    if (geo) { item.x = n.x; item.y = n.y; item.fixed = true; }
    else if (n.focus) { item.x = 0; item.y = 0; item.fixed = true; }
    return item;
  }
  function edgeItem(e) {
    var cat = categories.get(e.category);
    var agreement = e.relation === "agreement";
    var hidden = !shown.drawn.has(e.id);
    if (dense) {  // thousands of ties: thin solid lines draw fast on any machine
      return { id: e.id, from: e.source, to: e.target, hidden: hidden,
        width: agreement ? 0.8 : 0.5, color: { color: cat.color, highlight: cat.color,
          hover: cat.color } };
    }
    var boost = presenting() ? 1.7 : 1;
    return { id: e.id, from: e.source, to: e.target, hidden: hidden,
      width: (agreement ? 2.5 : 1.5) * boost, dashes: cat.dashes.length ? cat.dashes : false,
      smooth: laneOf.has(e.id) ? laneOf.get(e.id) : false,
      color: { color: cat.color, highlight: cat.color, hover: cat.color,
        opacity: e.year === null ? 0.4 : 0.9 } };
  }

  visibility();
  var nodes = new vis.DataSet(data.nodes.map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(edgeItem));
  var many = data.nodes.length > 1000;
  var network = new vis.Network($("network"), { nodes: [], edges: [] }, {
    autoResize: true, width: "100%", height: "100%",
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 150 },
    interaction: { hover: true, tooltipDelay: 120, dragNodes: !geo, keyboard: false,
      hideEdgesOnDrag: many, hideEdgesOnZoom: many },
    nodes: { shape: "dot" },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 1 },
    physics: geo ? false : { enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -90, springLength: 140, springConstant: 0.06,
        avoidOverlap: 0.8 },
      stabilization: { enabled: true, iterations: data.nodes.length > 2000 ? 20 : many ? 50 : 500,
        updateInterval: 50, fit: true } }
  });

  // --- the map under the network ----------------------------------------------------------
  function unit() { return presenting() ? Math.max(1, window.innerHeight / 1080) * 1.5 : 1; }
  function drawBackground(ctx) {
    var theme = THEMES[state.theme];
    var px = unit() / network.getScale();
    ctx.save();
    ctx.lineJoin = "round";
    data.background.forEach(function (line) {
      var p = line.points;
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      for (var i = 2; i < p.length; i += 2) { ctx.lineTo(p[i], p[i + 1]); }
      if (line.kind === "land") {
        if (line.closed) { ctx.closePath(); ctx.fillStyle = theme.land; ctx.fill(); }
        ctx.strokeStyle = theme.landLine; ctx.lineWidth = px;
      } else { ctx.strokeStyle = theme.grid; ctx.lineWidth = px; }
      ctx.stroke();
    });
    ctx.strokeStyle = theme.leader; ctx.fillStyle = theme.leader; ctx.lineWidth = 1.2 * px;
    shown.nodes.forEach(function (id) {
      var n = byId.get(id);
      if (n.anchor_x === null || (n.anchor_x === n.x && n.anchor_y === n.y)) { return; }
      ctx.beginPath(); ctx.moveTo(n.anchor_x, n.anchor_y); ctx.lineTo(n.x, n.y); ctx.stroke();
      ctx.beginPath(); ctx.arc(n.anchor_x, n.anchor_y, 3.5 * px, 0, 2 * Math.PI); ctx.fill();
    });
    if (data.unplaced_top !== null) {  // the strip of places without coordinates, named
      ctx.fillStyle = theme.leader;
      ctx.font = "600 " + Math.round(14 * px) + "px " + FACE;
      ctx.fillText(t("unplaced"), -data.width / 2, data.unplaced_top);
      ctx.setLineDash([6 * px, 6 * px]);
      ctx.beginPath(); ctx.moveTo(-data.width / 2, data.unplaced_top - 18 * px);
      ctx.lineTo(data.width / 2, data.unplaced_top - 18 * px); ctx.stroke();
    }
    ctx.restore();
  }
  if (geo) { network.on("beforeDrawing", drawBackground); }
  
  // --- labels: the most important places first, without collisions -----------------------
  function labelSize(focus) {
    if (presenting()) { return Math.round(window.innerHeight * (focus ? 0.032 : 0.026)); }
    if (embedded) { return focus ? 15 : 12; }
    return focus ? 17 : 14;
  }
  function importance(a, b) {
    return (b.focus - a.focus) || ((degree.get(b.id) || 0) - (degree.get(a.id) || 0)) ||
      name(a).localeCompare(name(b));
  }
  var labelKey = "", cell = null;
  function relabel(force) {
    var box = $("network").getBoundingClientRect();
    var scale = network.getScale(), view = network.getViewPosition();
    var key = [box.width, box.height, scale, view.x, view.y, state.version, state.lang,
      presenting()].join("|");
    if (!force && key === labelKey) { return; }
    labelKey = key;
    var layer = $("labels");
    layer.style.left = box.left + "px"; layer.style.top = box.top + "px";
    layer.style.width = box.width + "px"; layer.style.height = box.height + "px";
    var ids = Array.from(shown.nodes);
    var at = geo ? null : network.getPositions(ids);
    var places = ids.map(function (id) { return byId.get(id); }).sort(importance).map(function (n) {
      var p = network.canvasToDOM(geo ? { x: n.x, y: n.y } : at[n.id]);
      return { id: n.id, text: name(n), x: p.x, y: p.y, r: n.size * scale,
        size: labelSize(n.focus), weight: n.focus ? 700 : presenting() ? 600 : 500, first: n.focus };
    });
    var pad = 2;
    var kept = citygraphLabels.place(places, { x0: pad, y0: pad, x1: box.width - pad,
      y1: box.height - pad }, FACE);
    citygraphLabels.render(layer, kept);
  }
  network.on("afterDrawing", function () { relabel(false); });

  // --- fit the shown places into the map's cell -------------------------------------------
  // the frame holds every place, shown or not: filters and the timeline never move the map
  function fitView() {
    var ids = data.nodes.map(function (n) { return n.id; });
    if (ids.length === 0) { network.fit({ animation: false }); return; }
    var box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    var add = function (x, y) {
      if (x === null || x === undefined) { return; }
      box.x0 = Math.min(box.x0, x); box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y); box.y1 = Math.max(box.y1, y);
    };
    if (geo) {
      ids.forEach(function (id) { var n = byId.get(id); add(n.x, n.y); add(n.anchor_x, n.anchor_y); });
    } else {
      var positions = network.getPositions(ids);
      Object.keys(positions).forEach(function (id) { add(positions[id].x, positions[id].y); });
    }
    var rect = $("network").getBoundingClientRect();
    if (!rect.width || !rect.height) { return; }
    cell = { width: rect.width, height: rect.height };
    network.setSize("100%", "100%");  // the canvas takes its cell's size now, not at its next check
    // room around the places for their dots and labels
    var marginX = rect.width * 0.03 + 24, marginY = rect.height * 0.05 + 24;
    var w = Math.max(box.x1 - box.x0, 300), h = Math.max(box.y1 - box.y0, 150);
    var scale = Math.min((rect.width - 2 * marginX) / w, (rect.height - 2 * marginY) / h);
    network.moveTo({ position: { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 },
      scale: scale, animation: false });
    relabel(true);
  }

  // --- the card: hover shows it, a click pins it ------------------------------------------
  var cardContext = {
    t: t, name: name, ko: ko, node: function (id) { return byId.get(id); },
    category: function (code) { return categories.get(code); },
    other: function (e, n) { return byId.get(e.source === n.id ? e.target : e.source); },
    ties: function (n) { return incident.get(n.id).filter(edgeShown); }
  };
  var tip = $("tip");
  function showCard(content, pointer, pinned) {
    tip.replaceChildren(content);
    tip.classList.toggle("pinned", Boolean(pinned));
    tip.hidden = false;
    var x = pointer.x + 18, y = pointer.y + 18;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) { x = Math.max(8, pointer.x - w - 18); }
    if (y + h > window.innerHeight - 8) { y = Math.max(8, window.innerHeight - h - 8); }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function hideCard(evenPinned) {
    if (state.pinned && !evenPinned) { return; }
    state.pinned = null;
    tip.hidden = true; tip.replaceChildren(); tip.classList.remove("pinned");
  }
  function pointerOf(p) {
    var r = $("network").getBoundingClientRect();
    return { x: p.pointer.DOM.x + r.left, y: p.pointer.DOM.y + r.top };
  }
  tip.addEventListener("click", function (ev) {
    if (ev.target && ev.target.dataset && ev.target.dataset.action === "close") { hideCard(true); }
  });
  network.on("hoverNode", function (p) {
    if (!state.pinned) { showCard(citygraphCard.node(cardContext, byId.get(p.node), false), pointerOf(p)); }
  });
  network.on("hoverEdge", function (p) {
    if (!state.pinned) { showCard(citygraphCard.edge(cardContext, edgeIndex.get(p.edge), false), pointerOf(p)); }
  });
  network.on("blurNode", function () { hideCard(false); });
  network.on("blurEdge", function () { hideCard(false); });
  network.on("dragStart", function () { hideCard(false); });
  network.on("zoom", function () { hideCard(false); });
  $("network").addEventListener("mouseleave", function () { hideCard(false); });  // off the map
  network.on("click", function (p) {
    var n = p.nodes.length === 1 ? byId.get(p.nodes[0]) : null;
    if (n && embedded && n.url && location.protocol.startsWith("http")) {
      // framed in the site's home page: the city's page opens in the whole window
      window.open(new URL(n.url, location.href).href, "_top");
      return;
    }
    if (n) {
      state.pinned = n.id;
      showCard(citygraphCard.node(cardContext, n, true), pointerOf(p), true);
    } else if (p.edges.length === 1) {
      state.pinned = p.edges[0];
      showCard(citygraphCard.edge(cardContext, edgeIndex.get(p.edges[0]), true), pointerOf(p), true);
    } else { hideCard(true); }
  });

  var resolveReady;
  var ready = new Promise(function (resolve) { resolveReady = resolve; });
  function markReady() {
    document.body.dataset.ready = "true";
    resolveReady(true);
  }
  if (!geo) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.storePositions();  // nodes hidden by a filter come back where they were
      fitView();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  }
  network.setData({ nodes: nodes, edges: edges });

  // --- words: title, subtitle, legend, footer (they follow the year and the filters) ------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function counted() {  // ties in the year's picture, whatever the kind filter
    return data.edges.filter(function (e) { return inYear(e) && categories.has(e.category); });
  }
  function subtitle() {
    var ties = Array.from(shown.edges).map(function (id) { return edgeIndex.get(id); });
    var undated = ties.filter(function (e) { return e.year === null; }).length;
    var hidden = data.edges.filter(function (e) {
      return e.year === null && state.kinds.has(e.category) && !undatedOn();
    }).length;
    var places = shown.nodes.size - 1;
    var parts = [];
    if (state.year !== null) { parts.push(ko() ? state.year + "년 " + t("asOf") : t("asOf") + " " + state.year); }
    parts.push(ko() ? "도시·지역 " + places + t("places") : places + " " + t("places"));
    parts.push(ko() ? t("ties") + " " + ties.length + "건" : ties.length + " " + t("ties"));
    var text = parts.join(" · ");
    if (undated) { text += ko() ? " (날짜 미상 " + undated + "건 포함)" : " (" + undated + " undated)"; }
    else if (hidden) { text += ko() ? " · 날짜 미상 " + hidden + "건 제외" : " · " + hidden + " undated not shown"; }
    return text;
  }
  function footer() {
    var hosts = new Map(), documents = new Set();
    Array.from(shown.edges).forEach(function (id) {
      edgeIndex.get(id).sources.forEach(function (s) {
        if (documents.has(s)) { return; }
        documents.add(s);
        var h = citygraphCard.host(s);
        hosts.set(h, (hosts.get(h) || 0) + 1);
      });
    });
    var top = Array.from(hosts.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    var named = top.slice(0, 4).map(function (h) { return h[0] + " " + h[1]; });
    if (top.length > 4) { named.push(ko() ? (top.length - 4) + t("others") : "+" + (top.length - 4) + " " + t("others")); }
    var parts = [t("sources") + " " + (ko() ? documents.size + t("documents") : documents.size + " " + t("documents")) +
      (named.length ? ": " + named.join(", ") : "")];
    if (data.data_date) { parts.push(ko() ? data.data_date + "까지의 " + t("dataTo") : t("dataTo") + " " + data.data_date); }
    if (data.version) { parts.push(t("version") + " " + data.version.slice(0, 12)); }
    if (geo) { parts.push(t("map") + ": Natural Earth"); }
    parts.push("citygraph");
    return parts.join(" · ");
  }
  function stroke(c) {
    var s = el("span", "stroke");
    s.style.borderTopColor = c.color;
    s.style.borderTopStyle = !c.dashes.length ? "solid" : c.dashes[0] <= 3 ? "dotted" : "dashed";
    return s;
  }
  function buildLegend() {
    var legend = $("legend");
    var focused = document.activeElement && legend.contains(document.activeElement)
      ? document.activeElement.id : null;  // rebuilt below: keep the keyboard's place
    var still = presenting();
    var counts = new Map();
    counted().forEach(function (e) { counts.set(e.category, (counts.get(e.category) || 0) + 1); });
    var continents = new Set(Array.from(shown.nodes).map(function (id) {
      var n = byId.get(id); return n.focus ? "focus" : n.continent || "?";
    }));
    var children = [];
    if (!still) {
      var toggle = el("button", "legend-toggle", t("legend") + (state.legendOpen ? " ▾" : " ▸"));
      toggle.type = "button"; toggle.id = "legend-toggle";
      toggle.setAttribute("aria-expanded", String(state.legendOpen));
      toggle.setAttribute("aria-controls", "legend");
      toggle.addEventListener("click", function () { setLegend(!state.legendOpen); });
      children.push(toggle);
    }
    legend.classList.toggle("closed", !state.legendOpen && !still);
    var places = el("ul", "group");
    places.appendChild(el("li", "group-name", t("continents")));
    data.continents.forEach(function (c) {
      if (!continents.has(c.code)) { return; }
      var li = el("li"); li.dataset.continent = c.code;
      var dot = el("span", "dot"); dot.style.background = c.color;
      li.append(dot, el("span", null, name(c)));
      places.appendChild(li);
    });
    var kinds = el("ul", "group");
    kinds.appendChild(el("li", "group-name", t("categories")));
    data.categories.forEach(function (c) {
      var n = counts.get(c.code) || 0;
      if (c.count === 0 || (still && (n === 0 || !state.kinds.has(c.code)))) { return; }
      var li = el("li"); li.dataset.category = c.code;
      var parts = [stroke(c), el("span", null, name(c)), el("span", "count", String(n))];
      if (still) { li.append.apply(li, parts); } else {
        var box = el("input"); box.type = "checkbox"; box.id = "kind-" + c.code; box.value = c.code;
        box.checked = state.kinds.has(c.code);
        box.addEventListener("change", function () {
          var next = new Set(state.kinds);
          if (box.checked) { next.add(c.code); } else { next.delete(c.code); }
          setKinds(Array.from(next));
        });
        var label = el("label"); label.htmlFor = box.id;
        label.append.apply(label, [box].concat(parts));
        li.appendChild(label);
      }
      kinds.appendChild(li);
    });
    children.push(places, kinds);
    if (Array.from(shown.drawn).some(function (id) { return edgeIndex.get(id).year === null; })) {
      var note = el("p", "note");
      var faint = el("span", "stroke faint"); faint.style.borderTopColor = "currentColor";
      note.append(faint, el("span", null, t("undatedKey")));
      children.push(note);
    }
    legend.replaceChildren.apply(legend, children);
    if (focused && $(focused)) { $(focused).focus(); }
  }
  function refreshText() {
    document.documentElement.lang = state.lang;
    var title = ko() ? data.title_ko : data.title;
    $("title").textContent = title;
    document.title = title;
    $("subtitle").textContent = subtitle();
    $("footer").textContent = footer();
    if ($("home-link")) { $("home-link").textContent = "← " + t("home"); }
    $("search").placeholder = t("search");
    $("search").setAttribute("aria-label", t("search"));
    $("present").textContent = t("present");
    $("theme").textContent = t("theme");
    $("play").textContent = state.playing ? "⏸" : "▶";
    $("play").setAttribute("aria-label", state.playing ? t("pause") : t("play"));
    $("year").setAttribute("aria-label", t("year"));
    $("year-label").textContent = state.year === null ? "" : String(state.year);
    $("undated-text").textContent = t("undated");
    $("undated").checked = undatedOn();
    $("hint").textContent = t("hint");
    $("lang-ko").setAttribute("aria-pressed", String(ko()));
    $("lang-en").setAttribute("aria-pressed", String(!ko()));
    $("present").setAttribute("aria-pressed", String(document.body.classList.contains("presenting")));
    buildLegend();
  }

  // --- changes ----------------------------------------------------------------------------
  function apply() {
    var changed = visibility();
    state.version++;
    nodes.update(changed.nodes);
    edges.update(changed.edges);
    if (state.pinned) { hideCard(true); }
    refreshText();
    relabel(true);
  }
  function restyle() {
    var changed = visibility();
    state.version++;
    nodes.update(data.nodes.map(nodeItem));
    edges.update(data.edges.map(edgeItem));
    refreshText();
  }
  function setLegend(open) {
    state.legendOpen = Boolean(open);
    buildLegend();
    requestAnimationFrame(fitView);  // the map takes the room the legend gives up, or gives it back
  }
  function setYear(y) {
    if (data.first_year === null) { return; }
    state.year = Math.max(data.first_year, Math.min(data.last_year, Math.round(Number(y))));
    $("year").value = String(state.year);
    apply();
  }
  function setUndated(on) {
    state.undated = on === null || on === undefined ? null : Boolean(on);
    apply();
  }
  function setKinds(list) {
    state.kinds = new Set((list || []).filter(function (k) { return categories.has(k); }));
    apply();
  }
  function setLang(lang) {
    if (!TEXT[lang]) { return; }
    state.lang = lang;
    if (location.protocol.startsWith("http")) {  // the site's pages follow the same choice
      document.cookie = "citygraph_lang=" + lang + "; path=/; max-age=31536000; samesite=lax";
    }
    refreshText();
    relabel(true);
    network.redraw();
  }
  function setTheme(theme) {
    if (!THEMES[theme]) { return; }
    document.body.classList.remove("theme-" + state.theme);
    state.theme = theme;
    document.body.classList.add("theme-" + theme);
    restyle();
  }

  var find = citygraphSearch.index(data.nodes.map(function (n) {
    return { id: n.id, names: [[n.label, "label"], [n.label_ko, "label"], [n.key, "key"]] };
  }));
  function search(query) {
    var result = $("search-result");
    if (!String(query || "").trim()) { result.textContent = ""; network.unselectAll(); return null; }
    var best = find(query, 50).filter(function (hit) { return shown.nodes.has(hit.id); })[0];
    if (!best) { result.textContent = t("noMatch"); network.unselectAll(); return null; }
    result.textContent = name(byId.get(best.id));
    network.selectNodes([best.id]);
    network.focus(best.id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    relabel(true);
    return best.id;
  }

  // --- presentation: no controls (C shows them), type for the room, the slide's frame -----
  var hintTimer = null;
  function showControls(on) {
    document.body.classList.toggle("show-controls", Boolean(on));
    requestAnimationFrame(fitView);
  }
  function present(on) {
    var next = on === undefined ? !document.body.classList.contains("presenting") : Boolean(on);
    document.body.classList.toggle("presenting", next);
    document.body.classList.remove("show-controls");
    clearTimeout(hintTimer);
    $("hint").hidden = !next;
    if (next) { hintTimer = setTimeout(function () { $("hint").hidden = true; }, 3500); }
    try {
      var root = document.documentElement;
      var request = next ? root.requestFullscreen && root.requestFullscreen()
        : document.fullscreenElement && document.exitFullscreen && document.exitFullscreen();
      if (request && request.catch) { request.catch(function () { return null; }); }
    } catch (err) { /* no fullscreen here (headless, iframe): the slide's frame still applies */ }
    hideCard(true);
    restyle();
    requestAnimationFrame(fitView);
    return next;
  }
  document.addEventListener("keydown", function (ev) {
    var typing = ev.target && /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName) && ev.target.type !== "checkbox" && ev.target.type !== "range";
    if (ev.key === "Escape") {
      if (state.pinned) { hideCard(true); } else if (document.body.classList.contains("presenting")) { present(false); }
    } else if (!typing && (ev.key === "c" || ev.key === "C") && document.body.classList.contains("presenting")) {
      showControls(!document.body.classList.contains("show-controls"));
    }
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && document.body.classList.contains("presenting")) { requestAnimationFrame(fitView); }
  });

  // --- the timeline: play replays the growth, the year shown large ------------------------
  function play() {
    var big = $("year-big");
    if (state.playing) {
      clearInterval(state.playing); state.playing = null; big.hidden = true; refreshText(); return;
    }
    if (data.first_year === null) { return; }
    state.undated = null;  // the growth as dated: undated ties join at the latest year
    setYear(data.first_year);
    big.textContent = String(state.year); big.hidden = false;
    state.playing = setInterval(function () {
      if (state.year >= data.last_year) {
        clearInterval(state.playing); state.playing = null; refreshText();
        setTimeout(function () { if (!state.playing) { big.hidden = true; } }, 1500);
        return;
      }
      setYear(state.year + 1);
      big.textContent = String(state.year);
    }, 600);
    refreshText();
  }

  if (exporting) { document.body.classList.add("export"); }
  if (embedded) { document.body.classList.add("embed"); }
  var slider = $("year");
  if (data.first_year === null) { $("years").hidden = true; $("undated-row").hidden = true; } else {
    slider.min = String(data.first_year); slider.max = String(data.last_year);
    slider.value = String(state.year);
    $("year-min").textContent = String(data.first_year);
    $("year-max").textContent = String(data.last_year);
    var ticks = $("year-ticks");
    for (var y = Math.ceil(data.first_year / 10) * 10; y <= data.last_year; y += 10) {
      var option = document.createElement("option");
      option.value = String(y); option.label = String(y);
      ticks.appendChild(option);
    }
  }
  slider.addEventListener("input", function () { setYear(slider.value); });
  $("undated").addEventListener("change", function () { setUndated($("undated").checked); });
  $("play").addEventListener("click", play);
  $("lang-ko").addEventListener("click", function () { setLang("ko"); });
  $("lang-en").addEventListener("click", function () { setLang("en"); });
  $("theme").addEventListener("click", function () { setTheme(state.theme === "dark" ? "light" : "dark"); });
  $("present").addEventListener("click", function () { present(); });
  $("search").addEventListener("input", function () { search($("search").value); });
  // the map's cell changes size (window, fullscreen, legend, a lazily shown frame): fit again
  var resizing = null;
  function refit() {
    var r = $("network").getBoundingClientRect();
    if (cell && cell.width === r.width && cell.height === r.height) { return; }
    clearTimeout(resizing);
    resizing = setTimeout(fitView, 60);
  }
  window.addEventListener("resize", refit);
  if (window.ResizeObserver) { new ResizeObserver(refit).observe($("network")); }
  refreshText();
  if (geo) {  // the header and the legend are in place: fit the map into its cell, then draw
    fitView();
    network.once("afterDrawing", markReady);
  }
  if (document.fonts && document.fonts.ready) {  // labels are measured in the page's own font
    document.fonts.ready.then(function () { relabel(true); });
  }

  window.citygraph = {
    ready: ready,
    network: network,
    visibleEdges: function () { return shown.edges.size; },
    visibleNodes: function () { return shown.nodes.size; },
    drawnEdges: function () {
      return edges.get({ filter: function (item) { return !item.hidden; } }).map(function (item) {
        return item.id;
      });
    },
    edge: function (id) { return edgeIndex.get(id); },
    lane: function (id) { var item = edges.get(id); return item ? item.smooth : null; },
    setYear: setYear, setKinds: setKinds, setLang: setLang, setTheme: setTheme,
    setUndated: setUndated, search: search, present: present, setLegend: setLegend,
    showControls: showControls, fit: fitView, palette: function () { return THEMES[state.theme]; },
    tooltip: function (id) { var n = byId.get(id); return n ? citygraphCard.node(cardContext, n, false) : null; },
    label: function (id) { var n = byId.get(id); return n ? name(n) : null; }
  };
}());
