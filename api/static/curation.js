// Curation pages: extraction progress, evidence from the selected words, ends from the site's search.
(function () {
  "use strict";

  // -- progress of the background extraction --
  var progress = document.getElementById("progress");
  if (progress) {
    var poll = function () {
      fetch(progress.dataset.url, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (p) {
          if (p.state !== "extracting") { window.location.reload(); return; }
          document.getElementById("progress-step").textContent = p.step;
          window.setTimeout(poll, 500);
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    };
    window.setTimeout(poll, 300);
  }

  // -- the selected words become the evidence span --
  var text = document.getElementById("doc-text");
  var start = document.getElementById("add-start");
  var end = document.getElementById("add-end");
  var shown = document.getElementById("add-evidence");
  function offset(node, within) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    while (el && el !== text && !(el.dataset && el.dataset.o !== undefined)) { el = el.parentElement; }
    if (!el || el === text) { return null; }
    if (node.nodeType !== Node.TEXT_NODE) { within = within > 0 ? el.textContent.length : 0; }
    return parseInt(el.dataset.o, 10) + within;
  }
  function showEvidence() {
    if (!text || !start.value || !end.value) { return; }
    var all = text.textContent;  // the spans hold the whole text, in order, from offset 0
    shown.textContent = all.slice(parseInt(start.value, 10), parseInt(end.value, 10));
  }
  function useSelection() {
    var sel = window.getSelection();
    if (!text || !sel || sel.rangeCount === 0 || sel.isCollapsed) { return false; }
    var range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return false; }
    var a = offset(range.startContainer, range.startOffset);
    var b = offset(range.endContainer, range.endOffset);
    if (a === null || b === null || a === b) { return false; }
    start.value = Math.min(a, b);
    end.value = Math.max(a, b);
    showEvidence();
    return true;
  }
  if (text && start && end) {
    text.addEventListener("mouseup", useSelection);
    text.addEventListener("keyup", useSelection);
    document.getElementById("use-selection").addEventListener("click", useSelection);
    start.addEventListener("input", showEvidence);
    end.addEventListener("input", showEvidence);
  }

  // -- an end of a fact picked with the site's search (Korean or English, typo-tolerant) --
  var lang = document.documentElement.lang;
  function search(input) {
    var select = document.getElementById(input.dataset.for);
    var list = document.getElementById(input.dataset.for + "-results");
    var q = input.value.trim();
    if (!q) { list.textContent = ""; return; }
    fetch("/search.json?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (page) {
        list.textContent = "";
        (page.results || []).slice(0, 8).forEach(function (hit) {
          if (!hit.id) { return; }
          var name = lang === "ko" ? (hit.label_ko || hit.label_en) : (hit.label_en || hit.label_ko);
          var kind = hit.type.split(/[#/]/).pop();
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = name + " (" + kind + (hit.country_en ? ", " + (lang === "ko" ? hit.country_ko || hit.country_en : hit.country_en) : "") + ")";
          button.addEventListener("click", function () {
            var value = ["graph", kind, hit.id, hit.label_en || "", hit.label_ko || ""].join("|");
            var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
            if (!option) {
              option = document.createElement("option");
              option.value = value;
              option.textContent = name + " (" + kind + ")";
              select.appendChild(option);
            }
            select.value = value;
            list.textContent = "";
            select.focus();
          });
          item.appendChild(button);
          list.appendChild(item);
        });
      });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".end-search"), function (input) {
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { search(input); }, 250);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); search(input); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".end-search-go"), function (button) {
    button.addEventListener("click", function () {
      search(document.getElementById(button.dataset.for + "-q"));
    });
  });
})();
