/* The static index in the browser: loads the data files of search-data/ (search/static_index.py: scripts that
 * call atipsomSearchData(name, data), so no fetch and no eval, from file:// as over HTTP), only when a search needs
 * them, and reads them: documents (meta), posting lists, the server's stems of the texts' words, the texts.
 * Scores one term in one field as Whoosh's BM25F does, and combines scores (union, intersection, best, scale).
 * Plain script, no build step; exposes `atipsomSearchIndex` (window, or module.exports under node). */
(function (root) {
  "use strict";

  var A = root.atipsomAnalysis || (typeof require === "function" ? require("./analysis.js") : null);
  var K1 = 1.2, B = 0.75;

  // -- loading the data files ----------------------------------------------------------------------------
  var loaded = {};
  var waiting = {};
  var loader = null; // function(name) -> Promise of data (node, tests); default: a <script> element

  function dataRoot() {
    var script = root.document && (root.document.querySelector("script[src*='atipsom-search/engine.js']"));
    var src = script ? script.src : "";
    return src.replace(/assets\/javascripts\/atipsom-search\/engine\.js.*$/, "") + "search-data/";
  }

  root.atipsomSearchData = function (name, data) {
    loaded[name] = data;
    if (waiting[name]) waiting[name].resolve(data);
  };

  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (waiting[name]) return waiting[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) { entry.resolve = resolve; entry.reject = reject; });
    waiting[name] = entry;
    if (loader) {
      loader(name).then(function (data) { loaded[name] = data; entry.resolve(data); }, entry.reject);
    } else {
      var script = root.document.createElement("script");
      script.src = dataRoot() + name + ".js";
      script.async = true;
      script.onerror = function () {
        delete waiting[name];
        entry.reject(new Error("search data " + name + " could not be loaded"));
      };
      root.document.head.appendChild(script);
    }
    return entry.promise;
  }

  // -- the index: documents, terms ------------------------------------------------------------------------
  var meta = null;

  function shardOf(term) {
    var first = term.charAt(0);
    if (/[a-z0-9]/.test(first)) {
      var two = term.slice(0, 2);
      if (meta.shards.indexOf(two) >= 0) return two;
      if (meta.shards.indexOf(first) >= 0) return first;
      return null;
    }
    return meta.shards.indexOf("_") >= 0 ? "_" : null;
  }

  function shardFor(term) { var s = shardOf(term); return s ? loaded["terms-" + s] : null; }

  function loadTerms(terms) {
    var names = {};
    terms.forEach(function (t) { var s = shardOf(t); if (s) names["terms-" + s] = true; });
    return Promise.all(Object.keys(names).map(load));
  }

  var decoded = {};
  function postings(key) {
    if (decoded[key]) return decoded[key];
    var shard = shardFor(key.slice(key.indexOf(":") + 1));
    var text = shard && shard.p[key];
    if (!text) return null;
    var docs = [], counts = [], last = 0;
    text.split(" ").forEach(function (item) {
      var colon = item.indexOf(":");
      last += parseInt(colon < 0 ? item : item.slice(0, colon), 36);
      docs.push(last);
      counts.push(colon < 0 ? 1 : +item.slice(colon + 1));
    });
    decoded[key] = { docs: docs, counts: counts };
    return decoded[key];
  }

  // the server's stems of a word the texts have (the index says); of any other word, analysis.js's
  function stemsOf(word) {
    var shard = shardFor(word);
    return (shard && shard.w[word]) || [A.englishStem(word), A.malayStem(word)];
  }

  function docLength(doc, code) {
    var row = meta.docs[doc];
    if (code === "x") return row[17];
    if (code === "p") return row[18];
    return row[{ h: 12, t: 13, c: 14 }[code]];
  }

  // Whoosh's BM25F for one term in one field, times the query's weight
  function termScores(key, weight) {
    var list = postings(key);
    if (!list) return null;
    var code = key.charAt(0) === "x" ? "x" : key.charAt(1);
    var avg = meta.avg[key.split(":")[0]] || 1;
    var idf = Math.log(meta.count / (list.docs.length + 1)) + 1;
    var out = new Map();
    for (var i = 0; i < list.docs.length; i++) {
      var doc = list.docs[i];
      var tf = list.counts[i] * meta.docs[doc][11];
      var len = docLength(doc, code);
      out.set(doc, weight * idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * len / avg))));
    }
    return out;
  }

  function textOf(doc) {
    var chunk = loaded["text-" + meta.docs[doc][16]];
    return chunk ? chunk.texts[doc - chunk.first] : "";
  }

  /** The documents and settings of the index (meta.js), once loaded; the stemmers take their word lists from it. */
  function loadMeta() {
    return load("meta").then(function (data) {
      if (meta !== data) A.configure(data.analysis);
      meta = data;
      return data;
    });
  }

  function union(maps) {
    maps = maps.filter(Boolean);
    if (!maps.length) return null;
    var out = new Map();
    maps.forEach(function (m) { m.forEach(function (s, d) { out.set(d, (out.get(d) || 0) + s); }); });
    return out;
  }

  function best(maps) {
    var out = new Map();
    maps.forEach(function (m) { m.forEach(function (s, d) { if (!out.has(d) || s > out.get(d)) out.set(d, s); }); });
    return out;
  }

  function intersect(maps) {
    var out = new Map(maps[0]);
    maps.slice(1).forEach(function (m) {
      out.forEach(function (s, d) { if (m.has(d)) out.set(d, s + m.get(d)); else out.delete(d); });
    });
    return out;
  }

  function scale(map, factor) {
    if (!map) return null;
    var out = new Map();
    map.forEach(function (s, d) { out.set(d, s * factor); });
    return out;
  }

  var api = { load: load, loadMeta: loadMeta, meta: function () { return meta; }, dataRoot: dataRoot,
    setLoader: function (fn) { loader = fn; }, shardFor: shardFor, loadTerms: loadTerms, postings: postings,
    stemsOf: stemsOf, termScores: termScores, textOf: textOf, union: union, best: best, intersect: intersect,
    scale: scale };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.atipsomSearchIndex = api;
})(typeof self !== "undefined" ? self : this);
