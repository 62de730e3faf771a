/* Phrases in the browser's search: a phrase matches where the text has all its adjacent word pairs (the static
 * index's "p" terms, as the server's pairs fields), and, for three words or more, where the words stand together
 * in that order, which the server checks with positions (search/compiler.py) and this file with the documents'
 * texts: those files load with the query, when they are few (else the pairs decide, as the server's do past its
 * limit). Plain script, no build step; exposes `atipsomSearchPhrases` (window, or module.exports under node). */
(function (root) {
  "use strict";

  var Q = root.atipsomQuery || (typeof require === "function" ? require("./query.js") : null);
  var A = root.atipsomAnalysis || (typeof require === "function" ? require("./analysis.js") : null);
  var I = root.atipsomSearchIndex || (typeof require === "function" ? require("./index.js") : null);
  function M() { return I.meta(); }

  // -- phrases: word pairs, confirmed by the words' order in the text -------------------------------------
  var PHRASE_CHECK_MAX_CANDIDATES = 200; // search/compiler.py
  var MAX_PHRASE_TEXT_FILES = 32; // text files (about 2 KB gzip each) a phrase may load to confirm its candidates

  /** A phrase in one language: its stems, its distinct word pairs ("ep:place of"), whether the text has them all
   * and whether the server would confirm them with positions (more than two words, few candidates). */
  function phrasePlan(words, lang) {
    var l = lang.charAt(0);
    var stems = words.map(function (w) { return I.stemsOf(w)[lang === "en" ? 0 : 1]; });
    var pairs = [];
    for (var i = 0; i + 1 < stems.length; i++) {
      var pair = l + "p:" + stems[i] + " " + stems[i + 1];
      if (pairs.indexOf(pair) < 0) pairs.push(pair);
    }
    var lists = pairs.map(I.postings);
    var complete = lists.length > 0 && lists.every(Boolean);
    var check = complete && stems.length > 2 &&
      Math.min.apply(null, lists.map(function (list) { return list.docs.length; })) <= PHRASE_CHECK_MAX_CANDIDATES;
    return { l: l, stems: stems, pairs: pairs, lists: lists, complete: complete, check: check };
  }

  /** The text files holding the documents that have every pair of the phrase. */
  function phraseTextFiles(plan) {
    var docs = plan.lists.slice(1).reduce(function (set, list) {
      var next = new Set();
      list.docs.forEach(function (d) { if (set.has(d)) next.add(d); });
      return next;
    }, new Set(plan.lists[0].docs));
    var names = {};
    docs.forEach(function (d) { names["text-" + M().docs[d][16]] = true; });
    return Object.keys(names);
  }

  var stemmed = { en: new Map(), ms: new Map() }; // word -> stem, each word stemmed once
  var sequences = { en: new Map(), ms: new Map() }; // text -> the stems of its words (the last texts checked)

  function stemSequence(text, lang) {
    var done = sequences[lang].get(text);
    if (done) return done;
    var cache = stemmed[lang], stem = lang === "en" ? A.englishStem : A.malayStem;
    done = Q.plainWords(text).map(function (w) {
      var s = cache.get(w);
      if (s === undefined) { s = stem(w); cache.set(w, s); }
      return s;
    });
    if (sequences[lang].size > 2000) sequences[lang].clear();
    sequences[lang].set(text, done);
    return done;
  }

  /** Whether the words of `text`, stemmed as the index stems them, have `stems` one after the other. */
  function hasSequence(text, lang, stems) {
    var all = stemSequence(text || "", lang);
    outer: for (var i = 0; i + stems.length <= all.length; i++) {
      for (var j = 0; j < stems.length; j++) if (all[i + j] !== stems[j]) continue outer;
      return true;
    }
    return false;
  }

  /** The phrases of a query ("..." and hyphenated words, synonyms' alternatives), as word lists. */
  function phrasesOf(expr) {
    var out = [];
    (function walk(n) {
      if (!n) return;
      if (n.type === "word") { if (n.text.indexOf(" ") >= 0) out.push(n.text.split(" ")); }
      else if (n.type === "phrase") out.push(n.words);
      else if (n.type === "synonym") { walk(n.original); n.alternatives.forEach(function (a) { out.push(a); }); }
      else if (n.type === "not") walk(n.child);
      else n.children.forEach(walk);
    })(expr);
    return out;
  }

  /** Loads the texts a query's phrases need to confirm their candidates (once the terms have loaded). */
  function loadPhraseTexts(expr, langs) {
    var names = {};
    phrasesOf(expr).forEach(function (words) {
      langs.forEach(function (lang) {
        var plan = phrasePlan(words, lang);
        if (!plan.check) return;
        var files = phraseTextFiles(plan);
        if (files.length <= MAX_PHRASE_TEXT_FILES) files.forEach(function (f) { names[f] = true; });
      });
    });
    return Promise.all(Object.keys(names).map(I.load));
  }

  var api = { plan: phrasePlan, textFiles: phraseTextFiles, hasSequence: hasSequence, loadTexts: loadPhraseTexts,
    MAX_TEXT_FILES: MAX_PHRASE_TEXT_FILES };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.atipsomSearchPhrases = api;
})(typeof self !== "undefined" ? self : this);
