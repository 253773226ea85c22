/*
 * citygraph: the SPARQL query page.
 *
 * Plain JavaScript, no build step and no dependencies.  It runs the editor's
 * query against the endpoint with fetch and shows the answer.  Everything that
 * comes from the graph, the server or the URL is put into the page with
 * textContent or DOM properties: nothing is ever parsed as HTML.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "citygraph.lang";
  var LANGUAGES = ["en", "ko"];
  var JSON_RESULTS = "application/sparql-results+json";
  var GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5";
  /* XML Schema's numeric datatypes, by their local names: numbers are aligned right */
  var NUMERIC = /XMLSchema#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedInt|unsignedLong|unsignedShort|unsignedByte)$/;

  function byId(id) { return document.getElementById(id); }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* --- the page's words, in English and Korean ------------------------------------ */

  var labels = {};
  try {
    labels = JSON.parse(byId("page-labels").textContent) || {};
  } catch (err) {
    labels = {};
  }
  var root = document.documentElement;
  var lang = root.getAttribute("data-ui") === "ko" ? "ko" : "en";

  function t(key, values) {
    var entry = labels[key];
    var text = entry ? (entry[lang] || entry.en || key) : key;
    return values ? fill(text, values) : text;
  }

  /* Messages that change (status, copy) remember their key, so a language switch can redo them. */
  var said = {};

  function say(nodeId, key, values) {
    var node = byId(nodeId);
    if (!node) { return; }
    node.removeAttribute("data-i18n");
    said[nodeId] = key ? { key: key, values: values || null } : null;
    node.textContent = key ? t(key, values) : "";
  }

  function setLanguage(next, remember) {
    if (LANGUAGES.indexOf(next) === -1) { return; }
    lang = next;
    root.setAttribute("lang", next);
    root.setAttribute("data-ui", next);
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    Object.keys(said).forEach(function (nodeId) {
      var message = said[nodeId];
      if (message) { byId(nodeId).textContent = t(message.key, message.values); }
    });
    document.querySelectorAll("[data-set-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-set-lang") === next ? "true" : "false");
    });
    showPosition();
    if (remember) {
      try { window.localStorage.setItem(STORAGE_KEY, next); } catch (err) { /* storage off: keep it for this page */ }
    }
  }

  /* --- the query text ----------------------------------------------------------------- */

  var form = byId("query-form");
  var editor = byId("editor");
  var endpoint = form.getAttribute("data-endpoint") || "/sparql";
  var localIri = form.getAttribute("data-local-iri") || "";

  /* SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword outside IRIs, strings and comments. */
  function queryForm(text) {
    var bare = text
      .replace(/<[^<>"{}|^`\\\s]*>/g, " ")
      .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, " ")
      .replace(/#[^\n]*/g, " ");
    var match = /(?:^|[^?$\w])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(bare);
    return match ? match[1].toUpperCase() : "SELECT";
  }

  /* The query's own PREFIX declarations, longest namespace first, to shorten IRIs for display. */
  function prefixesOf(text) {
    var found = [];
    var pattern = /PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>"{}|^`\\\s]*)>/gi;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      found.push({ prefix: match[1] || "", namespace: match[2] });
    }
    found.sort(function (a, b) { return b.namespace.length - a.namespace.length; });
    return found;
  }

  function shorten(iri, prefixes) {
    for (var i = 0; i < prefixes.length; i += 1) {
      var ns = prefixes[i].namespace;
      if (ns && iri.length > ns.length && iri.indexOf(ns) === 0) {
        return prefixes[i].prefix + ":" + iri.slice(ns.length);
      }
    }
    return iri;
  }

  /* Where a result IRI links to: citygraph's own IRIs are described by this server. */
  function hrefFor(iri) {
    if (localIri && iri.length > localIri.length && iri.indexOf(localIri) === 0) {
      return "/id/" + iri.slice(localIri.length);
    }
    return /^https?:\/\/[^\s]+$/i.test(iri) ? iri : null;
  }

  /* --- where the caret is, and going to the place an error names ------------------ */

  function showPosition() {
    var node = byId("editor-position");
    if (!node) { return; }
    var before = editor.value.slice(0, editor.selectionStart || 0).split("\n");
    node.textContent = t("position", { line: before.length, column: before[before.length - 1].length + 1 });
  }

  function offsetOf(line, column) {
    var lines = editor.value.split("\n");
    var offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i += 1) { offset += lines[i].length + 1; }
    return Math.min(offset + Math.max(column - 1, 0), editor.value.length);
  }

  /* --- the results ---------------------------------------------------------------- */

  /* more rows than this are not drawn (the page would crawl): the downloads have them all */
  var DRAWN_ROWS = 2000;

  var output = byId("output");
  var runButton = byId("run");
  var running = null;
  var blobUrl = null;

  function clearResults() {
    output.textContent = "";
    byId("error").hidden = true;
    byId("error-place").hidden = true;
    byId("truncated").hidden = true;
    byId("drawn").hidden = true;
    byId("downloads").hidden = true;
    if (blobUrl) { URL.revokeObjectURL(blobUrl); blobUrl = null; }
  }

  function showError(message, status) {
    var box = byId("error");
    byId("error-message").textContent = status ? status + " · " + message : message;
    var place = /line (\d+), column (\d+)/i.exec(message);
    var button = byId("error-place");
    if (place) {
      button.hidden = false;
      button.setAttribute("data-line", place[1]);
      button.setAttribute("data-column", place[2]);
    } else {
      button.hidden = true;
    }
    box.hidden = false;
    say("status", "error");
  }

  function termNode(term, prefixes, cell) {
    if (!term) { return null; }
    if (term.type === "uri") {
      var href = hrefFor(term.value);
      var link = make(href ? "a" : "span", "iri", shorten(term.value, prefixes));
      if (href) { link.href = href; }
      link.title = term.value;
      return link;
    }
    if (term.type === "bnode") { return make("span", "bnode", "_:" + term.value); }
    if (term.type === "literal" || term.type === "typed-literal") {
      var wrap = make("span", "literal");
      var value = make("span", "value", term.value);
      wrap.appendChild(value);
      if (term["xml:lang"]) {
        value.lang = term["xml:lang"];
        wrap.appendChild(make("span", "lang-tag", "@" + term["xml:lang"]));
      } else if (term.datatype) {
        wrap.title = shorten(term.datatype, prefixes);
        if (NUMERIC.test(term.datatype)) { cell.className = "number"; }
      }
      return wrap;
    }
    return make("span", "other", JSON.stringify(term.value));
  }

  function showTable(data, prefixes) {
    var vars = (data.head && data.head.vars) || [];
    var rows = (data.results && data.results.bindings) || [];
    if (!rows.length) { return 0; }
    var table = make("table", "results-table");
    var head = make("thead");
    var headRow = make("tr");
    var corner = make("th", "row-number", "#");
    corner.scope = "col";
    headRow.appendChild(corner);
    vars.forEach(function (name) {
      var th = make("th", null, name);
      th.scope = "col";
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = make("tbody");
    rows.slice(0, DRAWN_ROWS).forEach(function (row, index) {
      var tr = make("tr");
      var number = make("th", "row-number", index + 1);
      number.scope = "row";
      tr.appendChild(number);
      vars.forEach(function (name) {
        var td = make("td");
        var node = termNode(row[name], prefixes, td);
        if (node) { td.appendChild(node); }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    output.appendChild(table);
    if (rows.length > DRAWN_ROWS) {
      say("drawn", "drawn", { shown: DRAWN_ROWS.toLocaleString(), n: rows.length.toLocaleString() });
      byId("drawn").hidden = false;
    }
    return rows.length;
  }

  function downloadLink(text, format) {
    var params = new URLSearchParams();
    params.set("query", text);
    params.set("format", format);
    return endpoint + "?" + params.toString();
  }

  function showDownloads(text, kind, graphText) {
    var csv = byId("download-csv");
    var json = byId("download-json");
    var nt = byId("download-ntriples");
    csv.hidden = kind !== "select";
    json.hidden = kind === "graph";
    nt.hidden = kind !== "graph";
    if (kind === "graph") {
      blobUrl = URL.createObjectURL(new Blob([graphText], { type: "application/n-triples" }));
      nt.href = blobUrl;
    } else {
      csv.href = downloadLink(text, "csv");
      json.href = downloadLink(text, "json");
    }
    byId("downloads").hidden = false;
  }

  function errorMessage(response) {
    return response.text().then(function (body) {
      try {
        var data = JSON.parse(body);
        if (data && typeof data.message === "string") { return data.message; }
        if (data && typeof data.detail === "string") { return data.detail; }
      } catch (err) { /* not JSON: fall through */ }
      return response.statusText || t("error");
    });
  }

  function setBusy(busy) {
    runButton.setAttribute("data-i18n", busy ? "running" : "run");
    runButton.textContent = t(busy ? "running" : "run");
    output.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function run() {
    var text = editor.value;
    if (!text.trim()) {
      clearResults();
      showError(t("empty_query"));
      return;
    }
    if (running) { running.abort(); }
    var controller = new AbortController();
    running = controller;
    var graph = ["CONSTRUCT", "DESCRIBE"].indexOf(queryForm(text)) !== -1;
    var prefixes = prefixesOf(text);
    var started = window.performance.now();
    updateShare(text, true);
    clearResults();
    setBusy(true);
    say("status", "running");

    function seconds() { return ((window.performance.now() - started) / 1000).toFixed(2); }

    var body = new URLSearchParams();
    body.set("query", text);
    fetch(endpoint, {
      method: "POST",
      headers: { "Accept": graph ? GRAPH_TYPES : JSON_RESULTS,
                 "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: body.toString(),
      credentials: "same-origin",
      signal: controller.signal
    }).then(function (response) {
      return show(response);
    }, function (err) {
      if (err && err.name === "AbortError") { return; }
      showError(t("network_error"));
    }).catch(function (err) {
      // an answer the page could not read (e.g. broken JSON): say what went wrong
      if (err && err.name === "AbortError") { return; }
      showError(String((err && err.message) || err));
    }).then(function () {
      if (running === controller) {
        running = null;
        setBusy(false);
      }
    });

    function show(response) {
      if (running !== controller) { return null; }  // a newer run took over
      if (!response.ok) {
        return errorMessage(response).then(function (message) {
          showError(message, response.status);
        });
      }
      var truncated = response.headers.get("X-Citygraph-Truncated") === "true";
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("json") !== -1) {
        return response.json().then(function (data) {
          if (running !== controller) { return; }
          if (typeof data.boolean === "boolean") {
            output.appendChild(make("p", "ask " + (data.boolean ? "yes" : "no"), String(data.boolean)));
            say("status", data.boolean ? "ask_true" : "ask_false");
            showDownloads(text, "ask");
            return;
          }
          var count = showTable(data, prefixes);
          say("status", count ? "rows" : "no_rows", { n: count.toLocaleString(), seconds: seconds() });
          byId("truncated").hidden = !truncated;
          showDownloads(text, "select");
        });
      }
      return response.text().then(function (triples) {
        if (running !== controller) { return; }
        var lines = triples.split("\n").filter(function (line) { return line.trim() && line.trim()[0] !== "#"; });
        output.appendChild(make("pre", "graph", triples));
        say("status", lines.length ? "triples" : "no_rows", { n: lines.length.toLocaleString(), seconds: seconds() });
        byId("truncated").hidden = !truncated;
        showDownloads(text, "graph", triples);
      });
    }
  }

  /* --- the shareable link ----------------------------------------------------------- */

  var shareInput = byId("share-url");

  function updateShare(text, replace) {
    var params = new URLSearchParams(window.location.search);
    params.set("query", text);
    var url = window.location.pathname + "?" + params.toString();
    if (replace) {
      try { window.history.replaceState(null, "", url); } catch (err) { /* e.g. a file: page */ }
    }
    shareInput.value = window.location.origin + url;
  }

  function copyLink() {
    var url = shareInput.value;
    function fallback() {
      shareInput.focus();
      shareInput.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      say("copy-status", ok ? "copied" : "copy_failed");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say("copy-status", "copied"); }, fallback);
    } else {
      fallback();
    }
  }

  /* --- wiring ---------------------------------------------------------------------- */

  function loadExample(link) {
    var query = new URL(link.href, window.location.href).searchParams.get("query");
    if (query === null) { return false; }
    editor.value = query;
    editor.scrollTop = 0;
    editor.setSelectionRange(0, 0);
    document.querySelectorAll("a.example[aria-current]").forEach(function (other) {
      other.removeAttribute("aria-current");
    });
    link.setAttribute("aria-current", "true");
    showPosition();
    run();
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      run();
    }
  });

  ["keyup", "click", "select", "input", "focus"].forEach(function (name) {
    editor.addEventListener(name, showPosition);
  });

  document.querySelectorAll("a.example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      // a new tab or window opens the page with the query in it, as usual
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      if (loadExample(link)) { event.preventDefault(); }
    });
  });

  document.querySelectorAll("[data-set-lang]").forEach(function (button) {
    button.addEventListener("click", function () {
      setLanguage(button.getAttribute("data-set-lang"), true);
    });
  });

  byId("copy-link").addEventListener("click", copyLink);

  byId("error-place").addEventListener("click", function () {
    var button = byId("error-place");
    var offset = offsetOf(Number(button.getAttribute("data-line")), Number(button.getAttribute("data-column")));
    editor.focus();
    editor.setSelectionRange(offset, Math.min(offset + 1, editor.value.length));
    showPosition();
  });

  var stored = null;
  try { stored = window.localStorage.getItem(STORAGE_KEY); } catch (err) { stored = null; }
  if (stored && stored !== lang) { setLanguage(stored, false); }
  showPosition();
  updateShare(editor.value, false);
  if (form.getAttribute("data-autorun") === "true") { run(); }
}());
