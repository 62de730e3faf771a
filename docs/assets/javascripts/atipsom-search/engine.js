/* The site's own search, in the browser: `window.atipsomSearch(query, {asAt, kind, lang, limit})` answers with a
 * Promise of the API's shape ({query, as_at, total, suggestion, results, notices}), from the static index that the
 * build writes to search-data/ (search/static_index.py), on the static site, the offline copy (file://) and the
 * served site alike. Queries are parsed by query.js (the same syntax as the server: spec/query-syntax.yaml) and
 * scored as the server does (search/compiler.py, search/ranking.py): BM25F over the same fields and weights,
 * citations first, the as-at filter, kind and language filters, one hit per section.
 * Plain scripts, no build step, loaded in this order (mkdocs.yml): citations.js and query.js (the query language),
 * analysis.js (the server's stemmers), index.js (the data files, loaded on first use, and BM25F), phrases.js,
 * evaluate.js (a parsed query over the index), snippets.js, this file (window.atipsomSearch), box.js (the header
 * box). Under node each requires the ones it needs. */
(function (root) {
  "use strict";

  var Q = root.atipsomQuery || (typeof require === "function" ? require("./query.js") : null);
  var I = root.atipsomSearchIndex || (typeof require === "function" ? require("./index.js") : null);
  var E = root.atipsomSearchEvaluate || (typeof require === "function" ? require("./evaluate.js") : null);
  var P = root.atipsomSearchPhrases || (typeof require === "function" ? require("./phrases.js") : null);
  var S = root.atipsomSnippets || (typeof require === "function" ? require("./snippets.js") : null);
  function M() { return I.meta(); }

  function allowed(asAt, kind, lang) {
    return M().docs.map(function (row) {
      return (!row[7] || row[7] <= asAt) && (!row[8] || row[8] >= asAt) && (kind === "all" || row[1] === kind) &&
        (!lang || row[2] === lang);
    });
  }

  function rank(map, allow, limit) {
    if (!map) return { hits: [], total: 0 };
    var best = {};
    map.forEach(function (score, doc) {
      if (!allow[doc]) return;
      var row = M().docs[doc];
      var group = row[1] === "guidance" || row[1] === "case" || !row[3] ? row[1] + ":" + row[0] : row[1] + ":" + row[3].toLowerCase();
      var b = best[group];
      if (!b || score > b[1] || (score === b[1] && doc < b[0])) best[group] = [doc, score];
    });
    var hits = Object.keys(best).map(function (g) { return best[g]; });
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return { hits: hits.slice(0, limit), total: hits.length };
  }

  // -- the interface ----------------------------------------------------------------------------------------
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function relativeUrl(url) { return url.replace(/^\//, ""); }

  /** window.atipsomSearch(query, {asAt, kind, lang, limit}) -> Promise of {query, as_at, total, suggestion,
   * results: [{id, kind, section, provision, heading, lang, in_force_from, in_force_to, url, snippet, unofficial,
   * score}], notices}. `url` is relative to the site root. */
  function atipsomSearch(query, options) {
    options = options || {};
    var asAt = /^\d{4}-\d{2}-\d{2}$/.test(options.asAt || "") ? options.asAt : today();
    var kind = options.kind || "all";
    var lang = options.lang === "en" || options.lang === "ms" ? options.lang : null;
    var limit = Math.max(1, Math.min(+options.limit || 10, 100));
    var text = typeof query === "string" ? query : "";
    return I.loadMeta().then(function (meta) {
      var parsed = Q.parseQuery(text, meta.synonyms);
      var empty = { query: text.slice(0, 1000), as_at: asAt, total: 0, suggestion: null, results: [],
        notices: parsed.notices };
      if (!parsed.expr && !parsed.citations.length && !parsed.filters.length) return empty;
      return E.loadFor(parsed.expr).then(function () {
        return P.loadTexts(parsed.expr, E.queryLangs(parsed, lang));
      }).then(function () {
        var notices = parsed.notices.slice();
        var evaluated = E.evaluate(parsed, { lang: lang });
        var allow = allowed(asAt, kind, lang);
        var ranked = rank(evaluated.main, allow, limit);
        if (ranked.total === 0 && evaluated.relaxed) {
          ranked = rank(evaluated.relaxed, allow, limit);
          if (ranked.total) notices.push("No document has all the words; showing documents with some of them.");
        }
        notices = notices.concat(evaluated.ev.notices);
        var ev = evaluated.ev, replace = {};
        ev.unknown.forEach(function (w) { if (ev.closest[w]) replace[w] = ev.closest[w]; });
        var suggestion = Object.keys(replace).length ? parsed.text.replace(/[\p{L}\p{N}_]+/gu, function (m) {
          return replace[m.toLowerCase()] || m;
        }) : null;
        var chunks = {};
        ranked.hits.forEach(function (hit) { chunks["text-" + M().docs[hit[0]][16]] = true; });
        return Promise.all(Object.keys(chunks).map(I.load)).then(function () {
          return {
            query: text.slice(0, 1000), as_at: asAt, total: ranked.total, suggestion: suggestion,
            notices: notices.filter(function (n, i) { return notices.indexOf(n) === i; }),
            results: ranked.hits.map(function (hit) {
              var row = M().docs[hit[0]];
              var body = I.textOf(hit[0]);
              return { id: row[0], kind: row[1], section: row[3], provision: row[4], heading: row[5], lang: row[2],
                in_force_from: row[7], in_force_to: row[8], url: relativeUrl(row[9]), unofficial: row[10],
                score: Math.round(hit[1] * 10000) / 10000, snippet: S.snippet(body, row[2], evaluated.ev) };
            })
          };
        });
      });
    });
  }

  var api = { search: atipsomSearch, setLoader: I.setLoader,
    siteRoot: function () { return I.dataRoot().replace(/search-data\/$/, ""); },
    /** A result's url as a link from this page: from the site root, with index.html added under file:// */
    href: function (url) {
      var link = I.dataRoot().replace(/search-data\/$/, "") + url;
      return root.location && root.location.protocol === "file:" ? link.replace(/\/(#|$)/, "/index.html$1") : link;
    } };
  root.atipsomSearch = atipsomSearch;
  root.atipsomSearchEngine = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof self !== "undefined" ? self : this);
