/* A parsed query evaluated over the static index as the server compiles and ranks it (search/compiler.py): words
 * in every field and language with their weights, automatic fuzzy matching and prefixes over the texts' words,
 * phrases (phrases.js), synonyms, AND/OR/NOT, plain questions, citations (a document scores as its best citation),
 * field filters. Plain script, no build step; exposes `atipsomSearchEvaluate` (window, or module.exports). */
(function (root) {
  "use strict";

  var Q = root.atipsomQuery || (typeof require === "function" ? require("./query.js") : null);
  var I = root.atipsomSearchIndex || (typeof require === "function" ? require("./index.js") : null);
  var P = root.atipsomSearchPhrases || (typeof require === "function" ? require("./phrases.js") : null);
  var CITE_EXACT = 100, CITE_CHILD = 60, CITE_SECTION = 30, CITE_LAW_BONUS = 20;
  var FUZZY_WEIGHT = 0.5, QUESTION_BOOST = 1.5;
  var MIN_AUTO_FUZZY = 4, MAX_FUZZY_CHARS = 30, MAX_FUZZY_TERMS = 50, MAX_PREFIX_TERMS = 200;
  var FIELDS = [["h", "heading_"], ["t", "text_"], ["c", "context_"]];
  var QUESTION_WORDS = ("a an the can could how what when where who whom whose why which is are was were do does " +
    "did must should shall may will would be been being i we you they she he her him his their them my our your " +
    "it its someone somebody anyone there here this that these those get got if or and to of for in on at by " +
    "with from about into").split(" ");

  function M() { return I.meta(); }

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
    var stems = I.stemsOf(word.text);
    this.langs.forEach(function (lang) {
      var l = lang.charAt(0), stem = stems[lang === "en" ? 0 : 1];
      FIELDS.forEach(function (f) {
        var scores = I.termScores(l + f[0] + ":" + stem, M().weights[f[1] + lang]);
        if (scores && mark) self.stems[l][stem] = true;
        options.push(scores);
      });
    });
    var known = Boolean(I.postings("x:" + word.text));
    if (word.fuzzy && word.text.length <= MAX_FUZZY_CHARS) options.push(this.fuzzy(word.text, word.fuzzy, mark));
    else if (!known) {
      this.unknown.push(word.text);
      if (/^\p{L}+$/u.test(word.text) && word.text.length >= MIN_AUTO_FUZZY && word.text.length <= MAX_FUZZY_CHARS) {
        options.push(this.fuzzy(word.text, word.text.length < 8 ? 1 : 2, mark));
      }
    }
    return I.union(options);
  };

  Evaluation.prototype.fuzzy = function (text, maxdist, mark) {
    var shard = I.shardFor(text);
    if (!shard) return null;
    var vocabulary = Object.keys(shard.w);
    for (var distance = 1; distance <= maxdist; distance++) {
      var near = vocabulary.filter(function (w) { return w !== text && w.charAt(0) === text.charAt(0) && within(w, text, distance); });
      if (near.length) {
        near.sort(function (a, b) { return I.postings("x:" + b).docs.length - I.postings("x:" + a).docs.length || (a < b ? -1 : 1); });
        this.closest[text] = near[0];
        near = near.slice(0, MAX_FUZZY_TERMS);
        var self = this;
        if (mark) near.forEach(function (w) { self.exact[w] = true; });
        return I.union(near.map(function (w) { return I.termScores("x:" + w, FUZZY_WEIGHT); }));
      }
    }
    return null;
  };

  Evaluation.prototype.prefix = function (text, mark) {
    var shard = I.shardFor(text);
    if (!shard) return null;
    var words = Object.keys(shard.w).filter(function (w) { return w.indexOf(text) === 0; }).sort();
    if (words.length > MAX_PREFIX_TERMS) {
      this.notices.push(text + "* matches many words; only the first " + MAX_PREFIX_TERMS + " were used.");
      words = words.slice(0, MAX_PREFIX_TERMS);
    }
    var self = this;
    if (mark) words.forEach(function (w) { self.exact[w] = true; });
    return I.union(words.map(function (w) { return I.termScores("x:" + w, 1); }));
  };

  Evaluation.prototype.phrase = function (words, mark) {
    if (words.length === 1) return this.word({ text: words[0], fuzzy: 0, prefix: false }, mark);
    var self = this, options = [];
    this.langs.forEach(function (lang) {
      var plan = P.plan(words, lang), l = plan.l, stems = plan.stems;
      // the phrase in a heading (all its pairs there, its words in that order), scored as its words in the heading
      var headingPairs = plan.pairs.map(function (p) { return I.postings(l + "q" + p.slice(2)); });
      if (headingPairs.every(Boolean)) {
        var inHeading = I.intersect(stems.map(function (s) { return I.termScores(l + "h:" + s, M().weights["heading_" + lang]) || new Map(); }));
        var together = I.intersect(headingPairs.map(function (list) { var m = new Map(); list.docs.forEach(function (d) { m.set(d, 0); }); return m; }));
        inHeading.forEach(function (s, d) {
          if (!together.has(d) || (stems.length > 2 && !P.hasSequence(M().docs[d][5], lang, stems))) inHeading.delete(d);
        });
        if (inHeading.size) {
          if (mark) self.phrases[l].push(stems);
          options.push(inHeading);
        }
      }
      if (plan.complete) {
        var found = I.intersect(plan.pairs.map(function (p) { return I.termScores(p, 1); }));
        // the server confirms the pairs with positions when they have few documents (search/compiler.py); here
        // the texts of those documents say, when they are few files (else the pairs decide, as past the limit)
        if (plan.check && P.textFiles(plan).length <= P.MAX_TEXT_FILES) {
          found.forEach(function (s, d) { if (!P.hasSequence(I.textOf(d), lang, stems)) found.delete(d); });
        }
        if (found.size) {
          if (mark) self.phrases[l].push(stems);
          options.push(found);
        }
      }
    });
    return I.union(options);
  };

  Evaluation.prototype.node = function (node, mark) {
    var self = this;
    if (node.type === "word") return this.word(node, mark);
    if (node.type === "phrase") return this.phrase(node.words, mark);
    if (node.type === "synonym") {
      var seen = this.unknown.length;
      var options = [this.node(node.original, mark)];
      this.unknown.length = seen;
      // the server wraps each alternative in a one-part OR with boost SYNONYM_WEIGHT, and Whoosh drops the boost of
      // a one-part OR (search/ranking.py): an alternative counts as much as the reader's own words there, so here
      node.alternatives.forEach(function (alt) { options.push(self.phrase(alt, mark)); });
      return I.union(options);
    }
    if (node.type === "or") return I.union(node.children.map(function (c) { return self.node(c, mark); }));
    if (node.type === "and") {
      var positives = [], negatives = [], missing = false;
      node.children.forEach(function (c) {
        if (c.type === "not") { var n = self.node(c.child, false); if (n) negatives.push(n); return; }
        var m = self.node(c, mark);
        if (m) positives.push(m); else missing = true;
      });
      if (missing) return new Map(); // a required word that matches nothing
      if (!positives.length) return null;
      var out = I.intersect(positives);
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
    M().docs.forEach(function (row, doc) {
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
    return I.loadTerms(words).then(function () {
      var more = [];
      words.forEach(function (w) { I.stemsOf(w).forEach(function (s) { more.push(s); }); });
      return I.loadTerms(more);
    });
  }

  function restrict(map, filters) {
    if (!map || !filters.length) return map;
    var out = new Map();
    map.forEach(function (s, d) {
      var row = M().docs[d];
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

  function queryLangs(parsed, lang) {
    var langs = lang ? [lang] : ["en", "ms"];
    parsed.filters.forEach(function (f) { if (f[0] === "lang") langs = [f[1]]; });
    return langs;
  }

  function evaluate(parsed, options) {
    var ev = new Evaluation(queryLangs(parsed, options.lang));
    var split = splitNegations(parsed.expr), positive = split[0];
    var main = positive ? ev.node(positive, true) : null;
    var negative = I.union(split[1].map(function (n) { return ev.node(n, false); }));
    var relaxed = null;
    if (positive && positive.type === "and") {
      relaxed = I.union(positive.children.map(function (c) { return ev.node(c, false); }));
      if (isPlainQuestion(parsed, positive)) {
        var content = positive.children.filter(function (c) { return !isQuestionWord(c); });
        var loose = content.length ? I.union(content.map(function (c) { return ev.node(c, false); })) : null;
        if (loose) main = main ? I.union([I.scale(main, QUESTION_BOOST), loose]) : loose;
      }
    }
    // several citations ("ss 53 and 54"): a document scores as its best citation, not their sum
    var cites = parsed.citations.length ? I.best(parsed.citations.map(citationScores)) : null;
    function assemble(m) {
      var parts = [m, cites].filter(Boolean);
      var combined;
      if (parts.length) combined = I.union(parts);
      else if (!positive && (parsed.filters.length || negative)) {
        combined = new Map();
        M().docs.forEach(function (row, d) { combined.set(d, 0); });
      } else return null;
      combined = restrict(combined, parsed.filters);
      if (negative) negative.forEach(function (s, d) { combined.delete(d); });
      return combined;
    }
    return { ev: ev, main: assemble(main), relaxed: relaxed ? assemble(relaxed) : null };
  }

  var api = { evaluate: evaluate, loadFor: loadFor, queryLangs: queryLangs };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.atipsomSearchEvaluate = api;
})(typeof self !== "undefined" ? self : this);
