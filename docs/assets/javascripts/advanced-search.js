/* ATIPSOM Navigator: advanced search page (docs/search.md).
   Searches with the site's own search, window.atipsomSearch (assets/javascripts/atipsom-search/engine.js):
   the same query language and ranking as the server's API, in the browser, from the search data the build
   writes (search-data/), so it works the same on the static site, the offline copy (file://) and the served
   site; makes no other requests. Snippets come with everything escaped except <mark>; they are still
   rebuilt here from text nodes and <mark> elements only, so nothing else can get in. */
(function () {
  "use strict";

  if (window.atpAdvancedSearchLoaded) { return; }
  window.atpAdvancedSearchLoaded = true;

  var KINDS = { provision: "Act 670", annotation: "Commentary", guidance: "Guidance", "case": "Case note" };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];

  function siteUrl(path) {
    return window.atipsomSearchEngine.href(path.replace(/^\//, ""));
  }

  function longDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* The server's snippet, keeping only text and <mark> elements. */
  function safeSnippet(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        out.appendChild(el("mark", null, node.textContent));
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function inForce(result) {
    if (result.kind !== "provision") { return null; }
    if (!result.in_force_from) { return "In force: dates not recorded"; }
    if (!result.in_force_to) { return "In force from " + longDate(result.in_force_from) + " (current)"; }
    return "In force from " + longDate(result.in_force_from) + " to " + longDate(result.in_force_to);
  }

  function renderResult(result) {
    var item = el("li", "atp-result");
    var link = el("a", "atp-result__title");
    link.href = siteUrl(result.url);
    var title = (result.kind === "guidance" || result.kind === "case") ? result.heading
      : (result.provision || result.id) + " — " + result.heading;
    link.textContent = title;
    item.appendChild(link);

    var meta = el("div", "atp-result__meta");
    var labels = [KINDS[result.kind] || result.kind];
    if (result.lang === "ms") { labels.push("Bahasa Malaysia"); }
    if (result.unofficial) { labels.push("unofficial translation"); }
    var range = inForce(result);
    if (range) { labels.push(range); }
    meta.textContent = labels.join(" · ");
    item.appendChild(meta);

    if (result.snippet) {
      var snippet = el("p", "atp-result__snippet");
      snippet.appendChild(safeSnippet(result.snippet));
      item.appendChild(snippet);
    }
    return item;
  }

  function start() {
    var form = document.getElementById("atp-advanced-search");
    if (!form) { return; }
    var unavailable = document.getElementById("atp-advanced-search-unavailable");
    var status = document.getElementById("atp-advanced-search-status");
    var list = document.getElementById("atp-advanced-search-results");

    function say(text, extra) {
      status.textContent = text;
      if (extra) { status.appendChild(extra); }
    }

    function showUnavailable() {
      form.hidden = true;
      unavailable.hidden = false;
    }

    function search(pushState) {
      var data = new FormData(form);
      var params = {};
      ["q", "as_at", "kind", "lang"].forEach(function (key) {
        var value = (data.get(key) || "").toString().trim();
        if (value && !(key === "kind" && value === "all")) { params[key] = value; }
      });
      if (!params.q) { list.textContent = ""; say("Type something to search for."); return; }
      if (pushState) {
        /* the page's own address says ?query=… (kept from when Material's header search claimed ?q=) */
        var page = new URL(window.location.href);
        var shown = {};
        Object.keys(params).forEach(function (key) { shown[key === "q" ? "query" : key] = params[key]; });
        page.search = new URLSearchParams(shown).toString();
        window.history.replaceState(null, "", page.href);
      }
      say("Searching…");
      window.atipsomSearch(params.q, { asAt: params.as_at, kind: params.kind || "all", lang: params.lang, limit: 20 })
        .then(function (body) { list.textContent = ""; render(body); })
        .catch(function () { list.textContent = ""; say("The search could not load its data: reload the page."); });
    }

    function render(body) {
      var count = body.total === 1 ? "1 result" : body.total + " results";
      var when = body.as_at ? " for the law as at " + longDate(body.as_at) : "";
      var shown = body.total > body.results.length ? " (showing " + body.results.length + ")" : "";
      var summary = document.createDocumentFragment();
      if (body.suggestion) {
        summary.appendChild(document.createTextNode(" Did you mean "));
        var again = el("a", null, body.suggestion);
        again.href = "#";
        again.addEventListener("click", function (event) {
          event.preventDefault();
          form.elements.q.value = body.suggestion;
          search(true);
        });
        summary.appendChild(again);
        summary.appendChild(document.createTextNode("?"));
      }
      (body.notices || []).forEach(function (notice) {
        summary.appendChild(document.createTextNode(" " + notice));
      });
      if (body.timed_out) {
        summary.appendChild(document.createTextNode(" The search was stopped at its time limit; results may be incomplete."));
      }
      say((body.total ? count : "No results") + when + shown + ".", summary);
      body.results.forEach(function (result) { list.appendChild(renderResult(result)); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search(true);
    });

    if (!window.atipsomSearch) { showUnavailable(); return; }
    form.hidden = false;
    var wanted = new URLSearchParams(window.location.search);
    ["query", "as_at", "kind", "lang"].forEach(function (key) {
      var field = key === "query" ? "q" : key;
      if (wanted.get(key) && form.elements[field]) { form.elements[field].value = wanted.get(key); }
    });
    if (wanted.get("query")) { search(false); } else { form.elements.q.focus(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
