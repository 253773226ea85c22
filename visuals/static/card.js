/* citygraph visual: the card of a city or a tie (hover shows it, a click pins it).
   Built with DOM calls and textContent only.  `ctx` gives what the card needs:
   t(key) (this language's words), name(item), ties(node) (the ties shown now),
   other(tie, node), category(code), node(id), ko(). */
var citygraphCard = (function () {
  "use strict";
  var MAX_PARTNERS = 10;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  // a source by its site (a document of citygraph's own: by its key)
  function host(source) {
    var own = /\/citygraph\/id\/source\/([^/?#]+)$/.exec(source);
    if (own) { return decodeURIComponent(own[1]); }
    try { return new URL(source).hostname.replace(/^www\./, ""); } catch (err) { return source; }
  }
  function byDate(a, b) {
    return String(a.date || "9999").localeCompare(String(b.date || "9999"));
  }
  function swatch(cat) {
    var s = el("span", "swatch");
    s.style.borderTopColor = cat.color;
    s.style.borderTopStyle = !cat.dashes.length ? "solid" : cat.dashes[0] <= 3 ? "dotted" : "dashed";
    return s;
  }
  // one tie: kind, its own name, date (or "date unknown"), then its sources
  function tieItem(ctx, e, mark) {
    var cat = ctx.category(e.category);
    var li = el("li", mark ? "tie current" : "tie");
    li.appendChild(swatch(cat));
    var kind = ctx.name(cat), own = ctx.name(e);
    var same = !own || own.toLowerCase() === kind.toLowerCase();
    var line = el("span", "what", same ? kind : kind + " · " + own);
    li.appendChild(line);
    li.appendChild(el("span", e.date ? "when" : "when undated", e.date || ctx.t("unknownYear")));
    e.sources.slice(0, 2).forEach(function (s) {
      var src = el("span", "src", host(s));
      src.title = s;
      li.appendChild(src);
    });
    if (e.sources.length > 2) { li.appendChild(el("span", "src", "+" + (e.sources.length - 2))); }
    return li;
  }
  function count(ctx, n) {
    return ctx.ko() ? "관계 " + n + "건" : n + (n === 1 ? " tie" : " ties");
  }

  function node(ctx, n, pinned) {
    var card = el("div", "cg-card");
    card.appendChild(el("h3", null, ctx.name(n)));
    var where = ctx.ko() ? n.country_label_ko : n.country_label;
    var ties = ctx.ties(n).slice().sort(byDate);
    card.appendChild(el("p", "meta", [where, count(ctx, ties.length)].filter(Boolean).join(" · ")));
    // ties grouped by the other place: parallel ties between two places are counted together
    var groups = new Map();
    ties.forEach(function (e) {
      var other = ctx.other(e, n);
      var key = other ? other.id : "";
      if (!groups.has(key)) { groups.set(key, { other: other, ties: [] }); }
      groups.get(key).ties.push(e);
    });
    var list = el("ul", "partners");
    var shown = 0;
    groups.forEach(function (g) {
      if (shown++ >= MAX_PARTNERS) { return; }
      var li = el("li", "partner");
      var head = el("p", "with", (g.other ? ctx.name(g.other) : "") +
        (g.ties.length > 1 ? " · " + count(ctx, g.ties.length) : ""));
      li.appendChild(head);
      var inner = el("ul", "ties");
      g.ties.forEach(function (e) { inner.appendChild(tieItem(ctx, e, false)); });
      li.appendChild(inner);
      list.appendChild(li);
    });
    if (groups.size > MAX_PARTNERS) {
      list.appendChild(el("li", "more", "+" + (groups.size - MAX_PARTNERS) + " " + ctx.t("more")));
    }
    card.appendChild(list);
    if (pinned) { addPinned(ctx, card, n.url); }
    return card;
  }

  function edge(ctx, e, pinned) {
    var a = ctx.node(e.source), b = ctx.node(e.target);
    var card = el("div", "cg-card");
    card.appendChild(el("h3", null, ctx.name(a) + " – " + ctx.name(b)));
    var pair = ctx.ties(a).filter(function (x) {
      return (x.source === e.source && x.target === e.target) ||
        (x.source === e.target && x.target === e.source);
    }).sort(byDate);
    card.appendChild(el("p", "meta", count(ctx, pair.length)));
    var list = el("ul", "ties");
    pair.forEach(function (x) { list.appendChild(tieItem(ctx, x, x.id === e.id && pair.length > 1)); });
    card.appendChild(list);
    if (pinned) { addPinned(ctx, card, null); }
    return card;
  }

  function addPinned(ctx, card, url) {
    var close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", ctx.t("close"));
    close.dataset.action = "close";
    card.insertBefore(close, card.firstChild);
    if (url && location.protocol.startsWith("http")) {
      var link = el("a", "open", ctx.t("openPage") + " →");
      link.href = new URL(url, location.href).href;
      card.appendChild(el("p", "actions")).appendChild(link);
    }
  }
  return { node: node, edge: edge, host: host };
}());
