/* citygraph visual: builds the network from the JSON island with DOM calls and
   textContent only (never innerHTML with data).  Needs vis-network (inlined). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("citygraph-data").textContent);
  var FACE = '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", ' +
    "system-ui, sans-serif";
  var TEXT = {
    en: { places: "places", ties: "ties", sources: "sources", data: "data", search: "Find a city",
      noMatch: "No city matches", present: "Presentation", theme: "Light/Dark",
      play: "Play", pause: "Pause", continents: "Places", categories: "Ties",
      unknownYear: "date unknown", more: "more", year: "Year", legend: "Legend" },
    ko: { places: "장소", ties: "관계", sources: "출처", data: "데이터", search: "도시 찾기",
      noMatch: "일치하는 도시 없음", present: "발표 모드", theme: "밝게/어둡게",
      play: "재생", pause: "정지", continents: "장소", categories: "관계",
      unknownYear: "날짜 미상", more: "더 있음", year: "연도", legend: "범례" }
  };
  var THEMES = {
    light: { land: "#e9edf2", landLine: "#b9c2cd", grid: "#dfe4ea", font: "#111418",
      halo: "#ffffff", leader: "#59616d", border: "#1d2430" },
    dark: { land: "#1d242e", landLine: "#3d4757", grid: "#242b36", font: "#f3f5f8",
      halo: "#0e1116", leader: "#aab2be", border: "#f3f5f8" }
  };
  var geo = data.layout === "geo";
  var dense = data.edges.length > 3000;
  var state = { lang: data.lang, theme: data.theme, year: data.last_year, playing: null,
    kinds: new Set(data.categories.map(function (c) { return c.code; })), scale: 1,
    legendOpen: true };
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var categories = new Map(data.categories.map(function (c) { return [c.code, c]; }));
  var incident = new Map(data.nodes.map(function (n) { return [n.id, []]; }));
  data.edges.forEach(function (e) {
    (incident.get(e.source) || []).push(e);
    if (e.target !== e.source) { (incident.get(e.target) || []).push(e); }
  });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k === "className") {
        node.className = attrs[k];
      } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function $(id) { return document.getElementById(id); }
  function t(key) { return TEXT[state.lang][key]; }
  function ko() { return state.lang === "ko"; }
  function name(item) { return ko() ? item.label_ko || item.label : item.label || item.label_ko; }
  function fold(s) { return String(s || "").normalize("NFC").toLowerCase(); }

  function edgeShown(e) {
    return state.kinds.has(e.category) &&
      (e.year === null || state.year === null || e.year <= state.year);
  }
  var degree = new Map();
  function recount() {
    degree = new Map();
    data.edges.forEach(function (e) {
      if (edgeShown(e)) {
        degree.set(e.source, (degree.get(e.source) || 0) + 1);
        degree.set(e.target, (degree.get(e.target) || 0) + 1);
      }
    });
  }
  function nodeShown(n) {
    return n.focus || degree.get(n.id) > 0 || incident.get(n.id).length === 0;
  }

  function tooltip(n) {
    var other = function (e) { return byId.get(e.source === n.id ? e.target : e.source); };
    var facts = incident.get(n.id).filter(edgeShown).slice().sort(function (a, b) {
      return String(a.date || "9999").localeCompare(String(b.date || "9999"));
    });
    var where = [ko() ? n.country_label_ko : n.country_label].filter(Boolean).join("");
    var items = facts.slice(0, 12).map(function (e) {
      var cat = categories.get(e.category);
      var who = n.focus || data.scope === "all" ? name(other(e) || n) + " · " : "";
      var line = who + name(cat) + " · " + name(e) + " · " + (e.date || t("unknownYear"));
      return el("li", {}, [document.createTextNode(line)].concat(e.sources.slice(0, 3).map(
        function (s) { return el("span", { className: "src", text: s }); })));
    });
    if (facts.length > 12) { items.push(el("li", { text: "+" + (facts.length - 12) + " " + t("more") })); }
    return el("div", { className: "cg-tip" }, [el("h3", { text: name(n) }),
      where ? el("p", { text: where }) : null, el("ul", {}, items)]);
  }
  function edgeTip(e) {
    var cat = categories.get(e.category);
    return el("div", { className: "cg-tip" }, [el("h3", { text: name(cat) }),
      el("p", { text: name(byId.get(e.source)) + " – " + name(byId.get(e.target)) }),
      el("p", { text: name(e) + " · " + (e.date || t("unknownYear")) })]);
  }

  function nodeItem(n) {
    var theme = THEMES[state.theme];
    var size = (n.focus ? 26 : 18) * state.scale;
    var item = { id: n.id, label: name(n), shape: "dot", size: n.size,
      borderWidth: n.focus ? 4 : 1.5,
      color: { background: n.color, border: n.focus ? theme.border : theme.halo,
        highlight: { background: n.color, border: theme.border },
        hover: { background: n.color, border: theme.border } },
      font: { size: size, face: FACE, color: theme.font, strokeWidth: dense ? 0 : 5,
        strokeColor: theme.halo } };
    item.hidden = !shown.nodes.has(n.id);
    if (geo) { item.x = n.x; item.y = n.y; item.fixed = true; }
    else if (n.focus) { item.x = 0; item.y = 0; item.fixed = true; }
    return item;
  }
  function edgeItem(e) {
    var cat = categories.get(e.category);
    var agreement = e.relation === "agreement";
    if (dense) {  // thousands of ties: thin solid lines draw fast on any machine
      return { id: e.id, from: e.source, to: e.target, hidden: !shown.edges.has(e.id),
        width: agreement ? 0.8 : 0.5, color: { color: cat.color, highlight: cat.color,
          hover: cat.color } };
    }
    return { id: e.id, from: e.source, to: e.target, hidden: !shown.edges.has(e.id),
      width: agreement ? 2.5 : 1.5, dashes: cat.dashes.length ? cat.dashes : false,
      color: { color: cat.color, highlight: cat.color, hover: cat.color, opacity: 0.85 } };
  }

  // Filters hide items (one batched update of the items that change) rather than take them
  // out of the data: vis-network then keeps its objects, which matters at thousands of ties.
  var shown = { nodes: new Set(), edges: new Set() };
  function visibility() {
    recount();
    var changed = { nodes: [], edges: [] };
    data.nodes.forEach(function (n) {
      var on = nodeShown(n);
      if (on !== shown.nodes.has(n.id)) {
        if (on) { shown.nodes.add(n.id); } else { shown.nodes.delete(n.id); }
        changed.nodes.push({ id: n.id, hidden: !on });
      }
    });
    data.edges.forEach(function (e) {
      var on = edgeShown(e);
      if (on !== shown.edges.has(e.id)) {
        if (on) { shown.edges.add(e.id); } else { shown.edges.delete(e.id); }
        changed.edges.push({ id: e.id, hidden: !on });
      }
    });
    return changed;
  }
  function shownNodeIds() { return Array.from(shown.nodes); }
  visibility();
  var nodes = new vis.DataSet(data.nodes.map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(edgeItem));
  var edgeIndex = new Map(data.edges.map(function (e) { return [e.id, e]; }));
  var many = data.nodes.length > 1000;
  var options = {
    autoResize: true, width: "100%", height: "100%",
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 150 },
    interaction: { hover: true, tooltipDelay: 120, dragNodes: !geo, keyboard: false,
      hideEdgesOnDrag: many, hideEdgesOnZoom: many },
    nodes: { shape: "dot" },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 1 },
    physics: geo ? false : { enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -90, springLength: 140, springConstant: 0.06,
        avoidOverlap: 0.8 },
      stabilization: { enabled: true, iterations: data.nodes.length > 2000 ? 20 : many ? 50 : 500, updateInterval: 50, fit: true } }
  };
  var network = new vis.Network($("network"), { nodes: [], edges: [] }, options);

  function drawBackground(ctx) {
    var theme = THEMES[state.theme];
    var px = 1 / network.getScale();
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
    shownNodeIds().forEach(function (id) {
      var n = byId.get(id);
      if (n.anchor_x === null || (n.anchor_x === n.x && n.anchor_y === n.y)) { return; }
      ctx.beginPath(); ctx.moveTo(n.anchor_x, n.anchor_y); ctx.lineTo(n.x, n.y); ctx.stroke();
      ctx.beginPath(); ctx.arc(n.anchor_x, n.anchor_y, 3.5 * px, 0, 2 * Math.PI); ctx.fill();
    });
    ctx.restore();
  }
  if (geo) { network.on("beforeDrawing", drawBackground); }

  // Tooltips are built when a city or tie is hovered, from the ties shown at that moment:
  // nothing is built for the thousands that are never hovered.
  var tip = el("div", { id: "tip", className: "vis-tooltip cg-tip-host", role: "tooltip" });
  tip.hidden = true;
  document.body.appendChild(tip);
  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var x = pointer.x + 16, y = pointer.y + 16;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) { x = Math.max(8, pointer.x - w - 16); }
    if (y + h > window.innerHeight - 8) { y = Math.max(8, pointer.y - h - 16); }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; tip.replaceChildren(); }
  network.on("hoverNode", function (p) { showTip(tooltip(byId.get(p.node)), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeTip(edgeIndex.get(p.edge)), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // Fit the shown places into the part of the window the title and the legend leave free.
  function fitView() {
    var ids = shownNodeIds();
    if (ids.length === 0) { network.fit({ animation: false }); return; }
    var box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    var add = function (x, y) {
      if (x === null || x === undefined) { return; }
      box.x0 = Math.min(box.x0, x); box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y); box.y1 = Math.max(box.y1, y);
    };
    if (geo) {
      ids.forEach(function (id) {
        var n = byId.get(id);
        add(n.x, n.y); add(n.anchor_x, n.anchor_y);
      });
    } else {
      var positions = network.getPositions(ids);
      Object.keys(positions).forEach(function (id) { add(positions[id].x, positions[id].y); });
    }
    var w = Math.max(box.x1 - box.x0 + 200, 600), h = Math.max(box.y1 - box.y0 + 160, 300);
    var rect = $("network").getBoundingClientRect();
    var top = Math.min(110, rect.height / 4);  // room for the title and the controls
    var legend = $("legend").getBoundingClientRect();
    var left = legend.width > 0 && legend.right < rect.width / 2 ? legend.right + 8 : 0;
    var freeW = rect.width - left, freeH = rect.height - top;
    var scale = Math.min(freeW / w, freeH / h);
    var dx = (left + freeW / 2 - rect.width / 2) / scale;
    var dy = (top + freeH / 2 - rect.height / 2) / scale;
    network.moveTo({ position: { x: (box.x0 + box.x1) / 2 - dx, y: (box.y0 + box.y1) / 2 - dy },
      scale: scale, animation: false });
  }

  var resolveReady;
  var ready = new Promise(function (resolve) { resolveReady = resolve; });
  function markReady() {
    document.body.dataset.ready = "true";
    resolveReady(true);
  }
  if (geo) {
    network.once("afterDrawing", markReady);
  } else {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.storePositions();  // nodes hidden by a filter come back where they were
      fitView();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  }
  network.setData({ nodes: nodes, edges: edges });

  function refreshText() {
    document.documentElement.lang = state.lang;
    var title = ko() ? data.title_ko : data.title;
    $("title").textContent = title;
    document.title = title;
    var parts = [shown.nodes.size + " " + t("places"), shown.edges.size + " " + t("ties"),
      data.sources + " " + t("sources")];
    if (data.version) { parts.push(t("data") + " " + data.version); }
    $("caption").textContent = parts.join(" · ");
    $("search").placeholder = t("search");
    $("search").setAttribute("aria-label", t("search"));
    $("present").textContent = t("present");
    $("theme").textContent = t("theme");
    $("play").textContent = state.playing ? "⏸" : "▶";
    $("play").setAttribute("aria-label", state.playing ? t("pause") : t("play"));
    $("year").setAttribute("aria-label", t("year"));
    $("year-label").textContent = state.year === null ? "" : String(state.year);
    $("lang-ko").setAttribute("aria-pressed", String(ko()));
    $("lang-en").setAttribute("aria-pressed", String(!ko()));
    $("present").setAttribute("aria-pressed", String(document.body.classList.contains("presenting")));
    buildLegend();
  }
  function buildLegend() {
    var legend = $("legend");
    var focused = document.activeElement && legend.contains(document.activeElement)
      ? document.activeElement.id : null;  // rebuilt below: keep the keyboard's place
    var toggle = el("button", { type: "button", id: "legend-toggle", className: "legend-toggle",
      "aria-expanded": String(state.legendOpen), "aria-controls": "legend" });
    toggle.textContent = t("legend") + (state.legendOpen ? " ▾" : " ▸");
    toggle.addEventListener("click", function () { setLegend(!state.legendOpen); });
    legend.classList.toggle("closed", !state.legendOpen);
    legend.replaceChildren(toggle, el("h2", { text: t("continents") }), el("ul", {}, data.continents.map(
      function (c) {
        var dot = el("span", { className: "dot" });
        dot.style.background = c.color;
        return el("li", { "data-continent": c.code }, [dot, el("span", { text: name(c) })]);
      })), el("h2", { text: t("categories") }), el("ul", {}, data.categories.map(function (c) {
      var box = el("input", { type: "checkbox", id: "kind-" + c.code, value: c.code });
      box.checked = state.kinds.has(c.code);
      box.addEventListener("change", function () {
        var kinds = new Set(state.kinds);
        if (box.checked) { kinds.add(c.code); } else { kinds.delete(c.code); }
        setKinds(Array.from(kinds));
      });
      var stroke = el("span", { className: "stroke" });
      stroke.style.borderTopColor = c.color;
      stroke.style.borderTopStyle = !c.dashes.length ? "solid" : c.dashes[0] <= 3 ? "dotted" : "dashed";
      return el("li", { "data-category": c.code }, [el("label", { for: "kind-" + c.code },
        [box, stroke, el("span", { text: name(c) }), el("span", { className: "count", text: "(" + c.count + ")" })])]);
    })));
    if (focused && $(focused)) { $(focused).focus(); }
  }

  function restyle() {
    var changed = visibility();
    nodes.update(data.nodes.map(nodeItem));
    edges.update(changed.edges);
    refreshText();
  }
  function apply() {
    var changed = visibility();
    nodes.update(changed.nodes);
    edges.update(changed.edges);
    refreshText();
  }
  function setLegend(open) {
    state.legendOpen = Boolean(open);
    buildLegend();
    fitView();  // the map takes the room the legend gives up, or gives it back
  }
  function setYear(y) {
    if (data.first_year === null) { return; }
    state.year = Math.max(data.first_year, Math.min(data.last_year, Math.round(Number(y))));
    $("year").value = String(state.year);
    apply();
  }
  function setKinds(list) {
    state.kinds = new Set((list || []).filter(function (k) { return categories.has(k); }));
    data.categories.forEach(function (c) {
      var box = $("kind-" + c.code);
      if (box) { box.checked = state.kinds.has(c.code); }
    });
    apply();
  }
  function setLang(lang) {
    if (!TEXT[lang]) { return; }
    state.lang = lang;
    restyle();
  }
  function setTheme(theme) {
    if (!THEMES[theme]) { return; }
    document.body.classList.remove("theme-" + state.theme);
    state.theme = theme;
    document.body.classList.add("theme-" + theme);
    restyle();
  }
  function search(query) {
    var q = fold(query).trim();
    var result = $("search-result");
    if (!q) { result.textContent = ""; network.unselectAll(); return null; }
    var ids = shownNodeIds();
    var rank = function (id) {
      var n = byId.get(id);
      var labels = [fold(n.label), fold(n.label_ko)];
      if (labels.indexOf(q) >= 0) { return 0; }
      if (labels.some(function (l) { return l.startsWith(q); })) { return 1; }
      return labels.some(function (l) { return l.indexOf(q) >= 0; }) ? 2 : 3;
    };
    var best = null, bestRank = 3;
    ids.forEach(function (id) { var r = rank(id); if (r < bestRank) { best = id; bestRank = r; } });
    if (best === null) { result.textContent = t("noMatch"); network.unselectAll(); return null; }
    result.textContent = name(byId.get(best));
    network.selectNodes([best]);
    network.focus(best, { scale: Math.max(network.getScale(), 1.2), animation: false });
    return best;
  }
  function present() {
    var on = !document.body.classList.contains("presenting");
    document.body.classList.toggle("presenting", on);
    state.scale = on ? 1.45 : 1;
    try {
      var root = document.documentElement;
      var request = on ? root.requestFullscreen && root.requestFullscreen()
        : document.fullscreenElement && document.exitFullscreen && document.exitFullscreen();
      if (request && request.catch) { request.catch(function () { return null; }); }
    } catch (err) { /* no fullscreen here (headless, iframe): the larger type still applies */ }
    restyle();
    return on;
  }
  function play() {
    if (state.playing) {
      clearInterval(state.playing); state.playing = null; refreshText(); return;
    }
    if (data.first_year === null) { return; }
    setYear(data.first_year);
    state.playing = setInterval(function () {
      if (state.year >= data.last_year) { clearInterval(state.playing); state.playing = null; refreshText(); return; }
      setYear(state.year + 1);
    }, 700);
    refreshText();
  }

  // a picture for slides (citygraph visual --png): no controls, larger type
  if (/[?&]export=1(&|$)/.test(location.search)) { document.body.classList.add("export"); }
  // framed in a page (the home page): the legend starts folded to leave the map the room
  if (/[?&]embed=1(&|$)/.test(location.search)) { state.legendOpen = false; }

  var slider = $("year");
  if (data.first_year === null) { $("years").hidden = true; } else {
    slider.min = String(data.first_year); slider.max = String(data.last_year);
    slider.value = String(data.last_year);
  }
  slider.addEventListener("input", function () { setYear(slider.value); });
  $("play").addEventListener("click", play);
  $("lang-ko").addEventListener("click", function () { setLang("ko"); });
  $("lang-en").addEventListener("click", function () { setLang("en"); });
  $("theme").addEventListener("click", function () { setTheme(state.theme === "dark" ? "light" : "dark"); });
  $("present").addEventListener("click", present);
  $("search").addEventListener("input", function () { search($("search").value); });
  network.on("click", function (params) {
    var n = params.nodes.length === 1 ? byId.get(params.nodes[0]) : null;
    if (!n || !n.url || !location.protocol.startsWith("http")) { return; }
    var target = new URL(n.url, location.href);
    if (target.protocol.startsWith("http")) { location.assign(target.href); }
  });
  refreshText();
  if (geo) { fitView(); }  // after the legend is built: the map goes beside it

  window.citygraph = {
    ready: ready,
    network: network,
    visibleEdges: function () { return shown.edges.size; },
    visibleNodes: function () { return shown.nodes.size; },
    setYear: setYear, setKinds: setKinds, setLang: setLang, setTheme: setTheme,
    search: search, present: present, setLegend: setLegend,
    tooltip: function (id) { var n = byId.get(id); return n ? tooltip(n) : null; },
    label: function (id) { var item = nodes.get(id); return item ? item.label : null; }
  };
}());
