/* The site's own search, in the browser: `window.atipsomSearch(query, {asAt, kind, lang, limit})` answers with a
 * Promise of the API's shape ({query, as_at, total, suggestion, results, notices}), from the static index that the
 * build writes to search-data/ (search/static_index.py), on the static site, the offline copy (file://) and the
 * served site alike. Queries are parsed by query.js (the same syntax as the server: spec/query-syntax.yaml) and
 * scored as the server does (search/compiler.py, search/ranking.py): BM25F over the same fields and weights,
 * citations first, the as-at filter, kind and language filters, one hit per section.
 * Data files are scripts that call atipsomSearchData(name, data): no fetch, no eval; they load on first use. */
(function (root) {
  "use strict";

  var Q = root.atipsomQuery || (typeof require === "function" ? require("./query.js") : null);
  var A = root.atipsomAnalysis || (typeof require === "function" ? require("./analysis.js") : null);
  var K1 = 1.2, B = 0.75;
  var CITE_EXACT = 100, CITE_CHILD = 60, CITE_SECTION = 30, CITE_LAW_BONUS = 20;
  var FUZZY_WEIGHT = 0.5, SYNONYM_WEIGHT = 0.9, QUESTION_BOOST = 1.5;
  var MIN_AUTO_FUZZY = 4, MAX_FUZZY_CHARS = 30, MAX_FUZZY_TERMS = 50, MAX_PREFIX_TERMS = 200;
  var SNIPPET_WIDTH = 240;
  var FIELDS = [["h", "heading_"], ["t", "text_"], ["c", "context_"]];
  var QUESTION_WORDS = ("a an the can could how what when where who whom whose why which is are was were do does " +
    "did must should shall may will would be been being i we you they she he her him his their them my our your " +
    "it its someone somebody anyone there here this that these those get got if or and to of for in on at by " +
    "with from about into").split(" ");

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
    if (code === "x") return row[12] + row[13];
    if (code === "p") return Math.max(row[13] - 1, 0);
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

  // -- edit distance (fuzzy words: the same first letter, the nearest distance that has any) -------------
  function within(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        best = Math.min(best, cur[j]);
      }
      if (best > max) return false;
      prev = cur;
    }
    return prev[b.length] <= max;
  }

  // -- phrases: word pairs, confirmed by the words' order in the text -------------------------------------
  var PHRASE_CHECK_MAX_CANDIDATES = 200; // search/compiler.py
  var MAX_PHRASE_TEXT_FILES = 32; // text files (about 2 KB gzip each) a phrase may load to confirm its candidates

  /** A phrase in one language: its stems, its distinct word pairs ("ep:place of"), whether the text has them all
   * and whether the server would confirm them with positions (more than two words, few candidates). */
  function phrasePlan(words, lang) {
    var l = lang.charAt(0);
    var stems = words.map(function (w) { return stemsOf(w)[lang === "en" ? 0 : 1]; });
    var pairs = [];
    for (var i = 0; i + 1 < stems.length; i++) {
      var pair = l + "p:" + stems[i] + " " + stems[i + 1];
      if (pairs.indexOf(pair) < 0) pairs.push(pair);
    }
    var lists = pairs.map(postings);
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
    docs.forEach(function (d) { names["text-" + meta.docs[d][16]] = true; });
    return Object.keys(names);
  }

  function textOf(doc) {
    var chunk = loaded["text-" + meta.docs[doc][16]];
    return chunk ? chunk.texts[doc - chunk.first] : "";
  }

  function hasSequence(text, lang, stems) {
    var stem = lang === "en" ? A.englishStem : A.malayStem;
    var all = Q.plainWords(text || "").map(stem);
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
    return Promise.all(Object.keys(names).map(load));
  }

  // -- compiling and evaluating a parsed query (search/compiler.py) ---------------------------------------
  function Evaluation(langs) {
    this.langs = langs;
    this.stems = { e: {}, m: {} }; // stems to mark in snippets, by language
    this.exact = {}; // words matched as written (fuzzy, prefix)
    this.phrases = { e: [], m: [] };
    this.unknown = [];
    this.closest = {}; // an unknown word -> the nearest word the texts have ("did you mean")
    this.notices = [];
  }

  Evaluation.prototype.word = function (word, mark) {
    if (word.text.indexOf(" ") >= 0) return this.phrase(word.text.split(" "), mark);
    if (word.prefix) return this.prefix(word.text, mark);
    var self = this, options = [];
    var stems = stemsOf(word.text);
    this.langs.forEach(function (lang) {
      var l = lang.charAt(0), stem = stems[lang === "en" ? 0 : 1];
      FIELDS.forEach(function (f) {
        var scores = termScores(l + f[0] + ":" + stem, meta.weights[f[1] + lang]);
        if (scores && mark) self.stems[l][stem] = true;
        options.push(scores);
      });
    });
    var known = Boolean(postings("x:" + word.text));
    if (word.fuzzy && word.text.length <= MAX_FUZZY_CHARS) options.push(this.fuzzy(word.text, word.fuzzy, mark));
    else if (!known) {
      this.unknown.push(word.text);
      if (/^\p{L}+$/u.test(word.text) && word.text.length >= MIN_AUTO_FUZZY && word.text.length <= MAX_FUZZY_CHARS) {
        options.push(this.fuzzy(word.text, word.text.length < 8 ? 1 : 2, mark));
      }
    }
    return union(options);
  };

  Evaluation.prototype.fuzzy = function (text, maxdist, mark) {
    var shard = shardFor(text);
    if (!shard) return null;
    var vocabulary = Object.keys(shard.w);
    for (var distance = 1; distance <= maxdist; distance++) {
      var near = vocabulary.filter(function (w) { return w !== text && w.charAt(0) === text.charAt(0) && within(w, text, distance); });
      if (near.length) {
        near.sort(function (a, b) { return postings("x:" + b).docs.length - postings("x:" + a).docs.length || (a < b ? -1 : 1); });
        this.closest[text] = near[0];
        near = near.slice(0, MAX_FUZZY_TERMS);
        var self = this;
        if (mark) near.forEach(function (w) { self.exact[w] = true; });
        return union(near.map(function (w) { return termScores("x:" + w, FUZZY_WEIGHT); }));
      }
    }
    return null;
  };

  Evaluation.prototype.prefix = function (text, mark) {
    var shard = shardFor(text);
    if (!shard) return null;
    var words = Object.keys(shard.w).filter(function (w) { return w.indexOf(text) === 0; }).sort();
    if (words.length > MAX_PREFIX_TERMS) {
      this.notices.push(text + "* matches many words; only the first " + MAX_PREFIX_TERMS + " were used.");
      words = words.slice(0, MAX_PREFIX_TERMS);
    }
    var self = this;
    if (mark) words.forEach(function (w) { self.exact[w] = true; });
    return union(words.map(function (w) { return termScores("x:" + w, 1); }));
  };

  Evaluation.prototype.phrase = function (words, mark) {
    if (words.length === 1) return this.word({ text: words[0], fuzzy: 0, prefix: false }, mark);
    var self = this, options = [];
    this.langs.forEach(function (lang) {
      var plan = phrasePlan(words, lang), l = plan.l, stems = plan.stems;
      // the phrase in a heading (all its pairs there, its words in that order), scored as its words in the heading
      var headingPairs = plan.pairs.map(function (p) { return postings(l + "q" + p.slice(2)); });
      if (headingPairs.every(Boolean)) {
        var inHeading = intersect(stems.map(function (s) { return termScores(l + "h:" + s, meta.weights["heading_" + lang]) || new Map(); }));
        var together = intersect(headingPairs.map(function (list) { var m = new Map(); list.docs.forEach(function (d) { m.set(d, 0); }); return m; }));
        inHeading.forEach(function (s, d) {
          if (!together.has(d) || (stems.length > 2 && !hasSequence(meta.docs[d][5], lang, stems))) inHeading.delete(d);
        });
        if (inHeading.size) {
          if (mark) self.phrases[l].push(stems);
          options.push(inHeading);
        }
      }
      if (plan.complete) {
        var found = intersect(plan.pairs.map(function (p) { return termScores(p, 1); }));
        // the server confirms the pairs with positions when they have few documents (search/compiler.py); here
        // the texts of those documents say, when they are few files (else the pairs decide, as past the limit)
        if (plan.check && phraseTextFiles(plan).length <= MAX_PHRASE_TEXT_FILES) {
          found.forEach(function (s, d) { if (!hasSequence(textOf(d), lang, stems)) found.delete(d); });
        }
        if (found.size) {
          if (mark) self.phrases[l].push(stems);
          options.push(found);
        }
      }
    });
    return union(options);
  };

  Evaluation.prototype.node = function (node, mark) {
    var self = this;
    if (node.type === "word") return this.word(node, mark);
    if (node.type === "phrase") return this.phrase(node.words, mark);
    if (node.type === "synonym") {
      var seen = this.unknown.length;
      var options = [this.node(node.original, mark)];
      this.unknown.length = seen;
      node.alternatives.forEach(function (alt) { options.push(scale(self.phrase(alt, mark), SYNONYM_WEIGHT)); });
      return union(options);
    }
    if (node.type === "or") return union(node.children.map(function (c) { return self.node(c, mark); }));
    if (node.type === "and") {
      var positives = [], negatives = [], missing = false;
      node.children.forEach(function (c) {
        if (c.type === "not") { var n = self.node(c.child, false); if (n) negatives.push(n); return; }
        var m = self.node(c, mark);
        if (m) positives.push(m); else missing = true;
      });
      if (missing) return new Map(); // a required word that matches nothing
      if (!positives.length) return null;
      var out = intersect(positives);
      negatives.forEach(function (n) { n.forEach(function (s, d) { out.delete(d); }); });
      return out;
    }
    return null; // a bare NOT is handled by the caller
  };

  function isPlainQuestion(parsed, positive) {
    if (parsed.text.indexOf("\"") >= 0 || /\b(AND|OR|NOT)\b/.test(parsed.text) || parsed.filters.length) return false;
    var words = positive.children.filter(function (c) { return c.type === "word" || c.type === "synonym"; });
    return words.length >= 4 && words.length === positive.children.length;
  }

  function isQuestionWord(node) {
    return node.type === "word" && !node.fuzzy && !node.prefix && QUESTION_WORDS.indexOf(node.text) >= 0;
  }

  function citationScores(citation) {
    var key = Q.citationKey(citation), out = new Map();
    var section = (citation.section || "").toLowerCase();
    meta.docs.forEach(function (row, doc) {
      var keys = row[15], score = 0;
      var exact = keys.indexOf(key) >= 0;
      if (exact) score += CITE_EXACT + (row[1] === "provision" ? CITE_LAW_BONUS : 0);
      else if (!citation.term && keys.some(function (k) { return k.indexOf(key + "(") === 0; })) score += CITE_CHILD;
      if ((row[3] || "").toLowerCase() === section) score += CITE_SECTION;
      if (score) out.set(doc, score);
    });
    return out;
  }

  function splitNegations(expr) {
    if (!expr) return [null, []];
    if (expr.type === "not") return [null, [expr.child]];
    if (expr.type === "and") {
      var pos = expr.children.filter(function (c) { return c.type !== "not"; });
      var neg = expr.children.filter(function (c) { return c.type === "not"; }).map(function (c) { return c.child; });
      if (!pos.length) return [null, neg];
      return [pos.length === 1 ? pos[0] : { type: "and", children: pos }, neg];
    }
    return [expr, []];
  }

  function queryTerms(expr) {
    var out = [];
    (function walk(n) {
      if (!n) return;
      if (n.type === "word") n.text.split(" ").forEach(function (w) { out.push(w); });
      else if (n.type === "phrase") n.words.forEach(function (w) { out.push(w); });
      else if (n.type === "synonym") { walk(n.original); n.alternatives.forEach(function (a) { a.forEach(function (w) { out.push(w); }); }); }
      else if (n.type === "not") walk(n.child);
      else n.children.forEach(walk);
    })(expr);
    return out;
  }

  // the stems of the query's words live in other files than the words themselves (Malay prefixes)
  function loadFor(expr) {
    var words = queryTerms(expr);
    return loadTerms(words).then(function () {
      var more = [];
      words.forEach(function (w) { stemsOf(w).forEach(function (s) { more.push(s); }); });
      return loadTerms(more);
    });
  }

  function allowed(asAt, kind, lang) {
    return meta.docs.map(function (row) {
      return (!row[7] || row[7] <= asAt) && (!row[8] || row[8] >= asAt) && (kind === "all" || row[1] === kind) &&
        (!lang || row[2] === lang);
    });
  }

  function restrict(map, filters) {
    if (!map || !filters.length) return map;
    var out = new Map();
    map.forEach(function (s, d) {
      var row = meta.docs[d];
      var ok = filters.every(function (f) {
        if (f[0] === "part") return row[6] === f[1];
        if (f[0] === "kind") return row[1] === f[1];
        if (f[0] === "lang") return row[2] === f[1];
        return (row[3] || "").toLowerCase() === f[1];
      });
      if (ok) out.set(d, s);
    });
    return out;
  }

  function rank(map, allow, limit) {
    if (!map) return { hits: [], total: 0 };
    var best = {};
    map.forEach(function (score, doc) {
      if (!allow[doc]) return;
      var row = meta.docs[doc];
      var group = row[1] === "guidance" || row[1] === "case" || !row[3] ? row[1] + ":" + row[0] : row[1] + ":" + row[3].toLowerCase();
      var b = best[group];
      if (!b || score > b[1] || (score === b[1] && doc < b[0])) best[group] = [doc, score];
    });
    var hits = Object.keys(best).map(function (g) { return best[g]; });
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return { hits: hits.slice(0, limit), total: hits.length };
  }

  function queryLangs(parsed, lang) {
    var langs = lang ? [lang] : ["en", "ms"];
    parsed.filters.forEach(function (f) { if (f[0] === "lang") langs = [f[1]]; });
    return langs;
  }

  function evaluate(parsed, options) {
    var ev = new Evaluation(queryLangs(parsed, options.lang));
    var split = splitNegations(parsed.expr), positive = split[0];
    var main = positive ? ev.node(positive, true) : null;
    var negative = union(split[1].map(function (n) { return ev.node(n, false); }));
    var relaxed = null;
    if (positive && positive.type === "and") {
      relaxed = union(positive.children.map(function (c) { return ev.node(c, false); }));
      if (isPlainQuestion(parsed, positive)) {
        var content = positive.children.filter(function (c) { return !isQuestionWord(c); });
        var loose = content.length ? union(content.map(function (c) { return ev.node(c, false); })) : null;
        if (loose) main = main ? union([scale(main, QUESTION_BOOST), loose]) : loose;
      }
    }
    // several citations ("ss 53 and 54"): a document scores as its best citation, not their sum
    var cites = parsed.citations.length ? best(parsed.citations.map(citationScores)) : null;
    function assemble(m) {
      var parts = [m, cites].filter(Boolean);
      var combined;
      if (parts.length) combined = union(parts);
      else if (!positive && (parsed.filters.length || negative)) {
        combined = new Map();
        meta.docs.forEach(function (row, d) { combined.set(d, 0); });
      } else return null;
      combined = restrict(combined, parsed.filters);
      if (negative) negative.forEach(function (s, d) { combined.delete(d); });
      return combined;
    }
    return { ev: ev, main: assemble(main), relaxed: relaxed ? assemble(relaxed) : null };
  }

  // -- snippets (search/snippets.py) ----------------------------------------------------------------------
  var WORD_RE = /[\p{L}\p{N}_]+(?:\.?[\p{L}\p{N}_]+)*/gu;

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function formsOf(l, stem) {
    var shard = shardFor(stem);
    return (shard && shard.f[l + ":" + stem]) || [stem];
  }

  function spans(text, lang, ev) {
    var l = lang.charAt(0), marked = {}, out = [];
    Object.keys(ev.stems[l]).forEach(function (s) { formsOf(l, s).forEach(function (w) { marked[w] = true; }); });
    Object.keys(ev.exact).forEach(function (w) { marked[w] = true; });
    var tokens = [], m;
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(text)) !== null) tokens.push([m[0].toLowerCase(), m.index, m.index + m[0].length]);
    tokens.forEach(function (t) { if (marked[t[0]]) out.push([t[1], t[2]]); });
    ev.phrases[l].forEach(function (stems) {
      var sets = stems.map(function (s) { return formsOf(l, s); });
      for (var i = 0; i + stems.length <= tokens.length; i++) {
        var ok = true;
        for (var j = 0; j < stems.length && ok; j++) ok = sets[j].indexOf(tokens[i + j][0]) >= 0;
        if (ok) out.push([tokens[i][1], tokens[i + stems.length - 1][2]]);
      }
    });
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    out.forEach(function (s) {
      if (merged.length && s[0] < merged[merged.length - 1][1]) merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  function snippet(text, lang, ev) {
    text = text.slice(0, 20000);
    var marks = spans(text, lang, ev);
    var start = 0;
    if (marks.length) {
      var bestStart = marks[0][0], bestCount = 0, j = 0;
      for (var i = 0; i < marks.length; i++) {
        while (j < marks.length && marks[j][1] <= marks[i][0] + SNIPPET_WIDTH) j++;
        if (j - i > bestCount) { bestStart = marks[i][0]; bestCount = j - i; }
      }
      start = Math.max(0, bestStart - 30);
      if (start > 0) { var space = text.lastIndexOf(" ", start); start = space >= 0 ? space + 1 : start; }
    }
    var end = Math.min(text.length, start + SNIPPET_WIDTH);
    if (end < text.length) { var sp = text.lastIndexOf(" ", end - 1); if (sp > start + SNIPPET_WIDTH / 2) end = sp; }
    var out = start > 0 ? ["…"] : [], position = start;
    marks.forEach(function (s) {
      if (s[1] <= start || s[0] >= end) return;
      var a = Math.max(s[0], start), b = Math.min(s[1], end);
      out.push(escapeHtml(text.slice(position, a)), "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>");
      position = b;
    });
    out.push(escapeHtml(text.slice(position, end)));
    if (end < text.length) out.push("…");
    return out.join("");
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
    return load("meta").then(function (data) {
      if (meta !== data) A.configure(data.analysis);
      meta = data;
      var parsed = Q.parseQuery(text, meta.synonyms);
      var empty = { query: text.slice(0, 1000), as_at: asAt, total: 0, suggestion: null, results: [],
        notices: parsed.notices };
      if (!parsed.expr && !parsed.citations.length && !parsed.filters.length) return empty;
      return loadFor(parsed.expr).then(function () {
        return loadPhraseTexts(parsed.expr, queryLangs(parsed, lang));
      }).then(function () {
        var notices = parsed.notices.slice();
        var evaluated = evaluate(parsed, { lang: lang });
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
        ranked.hits.forEach(function (hit) { chunks["text-" + meta.docs[hit[0]][16]] = true; });
        return Promise.all(Object.keys(chunks).map(load)).then(function () {
          return {
            query: text.slice(0, 1000), as_at: asAt, total: ranked.total, suggestion: suggestion,
            notices: notices.filter(function (n, i) { return notices.indexOf(n) === i; }),
            results: ranked.hits.map(function (hit) {
              var row = meta.docs[hit[0]];
              var chunk = loaded["text-" + row[16]];
              var body = chunk.texts[hit[0] - chunk.first];
              return { id: row[0], kind: row[1], section: row[3], provision: row[4], heading: row[5], lang: row[2],
                in_force_from: row[7], in_force_to: row[8], url: relativeUrl(row[9]), unofficial: row[10],
                score: Math.round(hit[1] * 10000) / 10000, snippet: snippet(body, row[2], evaluated.ev) };
            })
          };
        });
      });
    });
  }

  var api = { search: atipsomSearch, setLoader: function (fn) { loader = fn; },
    siteRoot: function () { return dataRoot().replace(/search-data\/$/, ""); },
    /** A result's url as a link from this page: from the site root, with index.html added under file:// */
    href: function (url) {
      var link = dataRoot().replace(/search-data\/$/, "") + url;
      return root.location && root.location.protocol === "file:" ? link.replace(/\/(#|$)/, "/index.html$1") : link;
    } };
  root.atipsomSearch = atipsomSearch;
  root.atipsomSearchEngine = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof self !== "undefined" ? self : this);
