/* citygraph visual: city labels placed on the screen without collisions.
   The most important places are labelled first (the caller's order); each label tries
   below, above, right and left of its dot and takes the first spot that stays inside the
   map's box and touches no label already placed and no other city's dot.  A place with no
   free spot gets no label (its card still names it).  Labels are DOM text (textContent),
   so a test reads their boxes from the page, and the picture is exactly those boxes. */
var citygraphLabels = (function () {
  "use strict";
  var measureCtx = document.createElement("canvas").getContext("2d");
  var widths = new Map();

  function width(text, font) {
    var key = font + "\u0000" + text;
    var w = widths.get(key);
    if (w === undefined) {
      measureCtx.font = font;
      w = measureCtx.measureText(text).width;
      if (widths.size > 20000) { widths.clear(); }
      widths.set(key, w);
    }
    return w;
  }

  // a grid of boxes, for "does this box touch any kept box?" in about constant time
  function Grid(cell) { this.cell = cell; this.buckets = new Map(); }
  Grid.prototype.keys = function (b) {
    var out = [], c = this.cell;
    for (var gx = Math.floor(b.x0 / c); gx <= Math.floor(b.x1 / c); gx++) {
      for (var gy = Math.floor(b.y0 / c); gy <= Math.floor(b.y1 / c); gy++) { out.push(gx + ":" + gy); }
    }
    return out;
  };
  Grid.prototype.add = function (b) {
    var self = this;
    this.keys(b).forEach(function (k) {
      var list = self.buckets.get(k);
      if (!list) { list = []; self.buckets.set(k, list); }
      list.push(b);
    });
  };
  Grid.prototype.hits = function (b, ignore) {
    var keys = this.keys(b);
    for (var i = 0; i < keys.length; i++) {
      var list = this.buckets.get(keys[i]) || [];
      for (var j = 0; j < list.length; j++) {
        var o = list[j];
        if (o.id !== ignore && o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1) { return true; }
      }
    }
    return false;
  };

  /* places: [{id, text, x, y, r, size, weight, first}] in screen pixels (x, y: the dot's
     centre, r: its radius), most important first (`first`: may cover other dots); area: {x0, y0, x1, y1}; family: CSS font family.
     Returns [{id, text, x0, y0, x1, y1, size, weight}]. */
  function place(places, area, family, limit) {
    var gap = 3;
    var dots = new Grid(64), labels = new Grid(96);
    places.forEach(function (p) {
      var r = p.r * 0.8;  // a label may graze a dot's rim, not cover it
      dots.add({ id: p.id, x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r });
    });
    var kept = [];
    for (var i = 0; i < places.length && kept.length < (limit || Infinity); i++) {
      var p = places[i];
      if (p.x < area.x0 || p.x > area.x1 || p.y < area.y0 || p.y > area.y1) { continue; }
      var font = p.weight + " " + p.size + "px " + family;
      var w = Math.ceil(width(p.text, font)) + 2, h = Math.ceil(p.size * 1.25);
      var spots = [
        [p.x - w / 2, p.y + p.r + gap], [p.x - w / 2, p.y - p.r - gap - h],
        [p.x + p.r + gap + 2, p.y - h / 2], [p.x - p.r - gap - 2 - w, p.y - h / 2]
      ];
      // a `first` place tries every spot clear of dots, then any spot
      var tries = p.first ? spots.concat(spots) : spots;
      for (var s = 0; s < tries.length; s++) {
        var b = { id: p.id, x0: tries[s][0], y0: tries[s][1], x1: tries[s][0] + w, y1: tries[s][1] + h };
        if (b.x0 < area.x0 || b.y0 < area.y0 || b.x1 > area.x1 || b.y1 > area.y1) { continue; }
        var padded = { x0: b.x0 - gap, y0: b.y0 - 1, x1: b.x1 + gap, y1: b.y1 + 1 };
        var anyDot = !(p.first && s >= spots.length);
        if (labels.hits(padded, null) || (anyDot && dots.hits(b, p.id))) { continue; }
        labels.add(b);
        kept.push({ id: p.id, text: p.text, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1,
          size: p.size, weight: p.weight });
        break;
      }
    }
    return kept;
  }

  /* Show `kept` in `layer` (reusing its spans), each label's text by textContent. */
  function render(layer, kept) {
    var spans = layer.children;
    for (var i = 0; i < kept.length; i++) {
      var k = kept[i];
      var span = spans[i];
      if (!span) { span = document.createElement("span"); span.className = "label"; layer.appendChild(span); }
      if (span.textContent !== k.text) { span.textContent = k.text; }
      span.dataset.id = k.id;
      span.hidden = false;
      var st = span.style;
      st.left = k.x0 + "px"; st.top = k.y0 + "px";
      st.width = (k.x1 - k.x0) + "px"; st.height = (k.y1 - k.y0) + "px";
      st.fontSize = k.size + "px"; st.lineHeight = (k.y1 - k.y0) + "px";
      st.fontWeight = k.weight;
    }
    for (var j = kept.length; j < spans.length; j++) { spans[j].hidden = true; }
  }
  return { place: place, render: render, width: width };
}());
