/* citygraph visual: find a city by name, as the site's search does (graph/read/search.py).
   Names are folded (NFKC, lower case, no accents, letters and digits only); Hangul is also
   compared as decomposed jamo, so a half-typed syllable (웰리) or one vowel off (웰링톤)
   matches.  Scores: exact 1, prefix 0.9+, half syllable 0.85+, word prefix 0.8+, substring
   0.7+, typo 0.4-0.6: within 1 edit (queries of 4-6 letters, 5-8 jamo) or 2 edits (longer) of
   the name or of one of its prefixes, edits counted as restricted Damerau-Levenshtein (a swap
   of two neighbouring letters is one edit).  Typos are not matched across scripts.  Only
   names shipped in the page are searched: no request is made. */
var citygraphSearch = (function () {
  "use strict";
  var HANGUL = /[\uAC00-\uD7A3\u1100-\u11FF\u3131-\u318E]/;

  function normalise(text) {
    var folded = String(text || "").normalize("NFKC").toLowerCase();
    var bare = folded.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
    return bare.replace(/[^\p{L}\p{N}]/gu, "");
  }
  function jamo(text) { return String(text).normalize("NFKC").normalize("NFD"); }
  function hangul(text) { return HANGUL.test(text); }

  // restricted Damerau-Levenshtein (optimal string alignment), as rapidfuzz's OSA
  function osa(a, b) {
    var n = a.length, m = b.length, i, j;
    var rows = [];
    for (i = 0; i <= n; i++) { rows.push(new Array(m + 1).fill(0)); rows[i][0] = i; }
    for (j = 0; j <= m; j++) { rows[0][j] = j; }
    for (i = 1; i <= n; i++) {
      for (j = 1; j <= m; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i][j] = d;
      }
    }
    return rows[n][m];
  }
  // edits a query of this length may be off by (jamo strings are longer)
  function allowed(length, letters) {
    var short = letters ? 4 : 5, long = letters ? 7 : 9;
    return length < short ? 0 : length < long ? 1 : 2;
  }

  function entry(text, kind) {
    var folded = normalise(text);
    var pieces = String(text || "").replace(/[-_]/g, " ").split(/\s+/).map(normalise)
      .filter(Boolean);
    var words = [];
    for (var i = 1; i < pieces.length; i++) { words.push(pieces.slice(i).join("")); }
    return { text: text, kind: kind, folded: folded, words: words,
      jamo: hangul(folded) ? jamo(folded) : "" };
  }
  var WEIGHT = { label: 1.0, alias: 0.97, key: 0.95 };

  function direct(q, qJamo, name) {
    var n = name.folded;
    if (!q || !n) { return 0; }
    var cover = q.length / Math.max(n.length, q.length);
    if (q === n) { return 1; }
    if (n.startsWith(q)) { return 0.9 + 0.09 * cover; }
    if (name.words.some(function (w) { return w.startsWith(q); })) { return 0.8 + 0.09 * cover; }
    if (n.indexOf(q) >= 0) { return 0.7 + 0.09 * cover; }
    if (qJamo && name.jamo.startsWith(qJamo)) { return 0.85 + 0.09 * qJamo.length / name.jamo.length; }
    return 0;
  }
  function typo(q, name, isHangul) {
    var text = isHangul ? name.jamo : (name.jamo ? "" : name.folded);
    var limit = allowed(q.length, !isHangul);
    if (!text || limit === 0) { return 0; }
    var whole = osa(q, text);
    var prefix = limit + 1;
    for (var length = Math.max(1, q.length - limit); length <= q.length + limit; length++) {
      prefix = Math.min(prefix, osa(q, text.slice(0, length)));
    }
    if (whole <= limit) {
      return Math.round((0.6 - 0.1 * (whole - 1) + 0.04 * q.length /
        Math.max(text.length, q.length)) * 1e6) / 1e6;
    }
    return prefix <= limit ? 0.5 - 0.1 * (prefix - 1) : 0;
  }

  /* An index over items {id, names: [[text, kind], ...]}; search(query) gives the best
     [{id, score, matched}], best first (ties: the order of the items). */
  function index(items) {
    var names = [];
    items.forEach(function (item, order) {
      item.names.forEach(function (pair) {
        if (pair[0]) { names.push({ id: item.id, order: order, name: entry(pair[0], pair[1]) }); }
      });
    });
    return function search(query, limit) {
      var q = normalise(query);
      if (!q) { return []; }
      var isHangul = hangul(q);
      var qJamo = isHangul ? jamo(q) : "";
      var best = new Map();
      names.forEach(function (it) {
        var score = direct(q, qJamo, it.name);
        if (!score) { score = typo(qJamo || q, it.name, isHangul); }
        score *= WEIGHT[it.name.kind] || 1;
        var had = best.get(it.id);
        if (score > 0 && (!had || score > had.score)) {
          best.set(it.id, { id: it.id, score: score, matched: it.name.text, order: it.order });
        }
      });
      return Array.from(best.values()).sort(function (a, b) {
        return Math.round(b.score * 1000) - Math.round(a.score * 1000) || a.order - b.order;
      }).slice(0, limit || 10);
    };
  }
  return { index: index, normalise: normalise, jamo: jamo, distance: osa };
}());
