/* The query language in the browser: the query syntax (spec/query-syntax.yaml), a line-for-line port of
 * search/parser.py, over the citation grammar of citations.js (spec/citations.yaml). Both tables run against
 * these files (tests/test_query_syntax.py, through node and in Chromium); a change to the syntax starts in the
 * tables. Plain script, no build step, no dependencies; loads from file:// (after citations.js).
 * Exposes `atipsomQuery` (window, or module.exports under node). */
(function (root) {
  "use strict";

  var C = root.atipsomCitations || (typeof require === "function" ? require("./citations.js") : null);
  var W = C.W, D = C.D, strip = C.strip, pyStrip = C.pyStrip, findCitations = C.findCitations;
  var citationKey = C.citationKey;

  // -- the query syntax (search/parser.py) -----------------------------------------------------------------
  var MAX_QUERY_CHARS = 500, MAX_UNITS = 32, MAX_CITATIONS = 5, MAX_PHRASE_WORDS = 16, MAX_DEPTH = 8;
  var MIN_PREFIX_CHARS = 3;
  var FILTER_FIELDS = { part: "part", bahagian: "part", kind: "kind", lang: "lang", bahasa: "lang",
    section: "sec", seksyen: "sec" };
  var FILTER_VALUES = {
    part: /^[IVXL]{1,6}[A-Z]?$/,
    kind: /^(provision|guidance|annotation|case)$/,
    lang: /^(en|ms)$/,
    sec: new RegExp("^" + D + "{1,3}[a-z]?$", "u")
  };
  var FILTER_RE = new RegExp("(?<![\\p{L}\\p{N}_:])([A-Za-z]+)\\s*:\\s*(\"[^\"]*\"?|[^\\s()\"]+)", "gu");
  var QUOTES = /[“”„«»″＂]/g;
  var TOKEN_RE = /"([^"]*)"?|(\()|(\))|([^\s()"]+)/gu;
  var WORD_RE = new RegExp(W + "+(?:\\.?" + W + "+)*", "gu");
  var WORD_CHAR = new RegExp("^" + W, "u");

  /** The words of `text` as the index's exact analyzer reads them (search/schema.py TOKEN_PATTERN), lower case. */
  function plainWords(text) {
    return (text.match(WORD_RE) || []).map(function (w) { return w.toLowerCase(); });
  }

  function cleanText(text, notices) {
    var chars = Array.from(text);
    if (chars.length > MAX_QUERY_CHARS) {
      notices.push("The query was shortened to its first " + MAX_QUERY_CHARS + " characters.");
      chars = chars.slice(0, MAX_QUERY_CHARS);
    }
    text = Array.from(chars.join("").normalize("NFKC")).slice(0, MAX_QUERY_CHARS * 2).join("");
    text = text.replace(QUOTES, "\"").replace(/[\p{C}\p{Z}]/gu, " ");
    return text.split(/\s+/u).filter(Boolean).join(" ");
  }

  function blankSpans(text, spans) {
    var chars = text.split("");
    spans.forEach(function (s) { for (var i = s[0]; i < s[1]; i++) chars[i] = " "; });
    return chars.join("");
  }

  function extractFilters(text, notices) {
    var filters = [], spans = [];
    FILTER_RE.lastIndex = 0;
    var m;
    while ((m = FILTER_RE.exec(text)) !== null) {
      var name = m[1].toLowerCase();
      if (!Object.prototype.hasOwnProperty.call(FILTER_FIELDS, name)) continue;
      var field = FILTER_FIELDS[name];
      var value = pyStrip(strip(m[2], "\""));
      value = field === "part" ? value.toUpperCase() : value.toLowerCase();
      if (!FILTER_VALUES[field].test(value)) notices.push("The filter " + name + ":" + value + " was ignored (unknown value).");
      else filters.push([field, value]);
      spans.push([m.index, m.index + m[0].length]);
    }
    return [filters, blankSpans(text, spans)];
  }

  function word(text, fuzzy, prefix) { return { type: "word", text: text, fuzzy: fuzzy || 0, prefix: Boolean(prefix) }; }

  function wordsFromToken(raw, notices) {
    var fuzzy = 0;
    var fm = /~(\d?)$/.exec(raw);
    if (fm) {
      fuzzy = Math.min(parseInt(fm[1] || "1", 10), 2);
      raw = raw.slice(0, fm.index);
    }
    var prefix = raw.slice(-1) === "*";
    if ((raw[0] === "*" || raw[0] === "?") && strip(raw, "*?")) {
      notices.push("A wildcard at the start of a word is not supported and was ignored.");
    }
    var parts = plainWords(raw.replace(/[*?]/g, " "));
    if (!parts.length) return [];
    if (prefix && parts.length === 1 && Array.from(parts[0]).length < MIN_PREFIX_CHARS) {
      notices.push("A prefix search needs at least " + MIN_PREFIX_CHARS + " letters before *.");
      prefix = false;
    }
    if (parts.length > 1) return !prefix ? [word(parts.join(" "))] : parts.map(function (p) { return word(p); });
    return [word(parts[0], fuzzy, prefix)];
  }

  function tokenize(text, notices) {
    var tokens = [], units = 0, m;
    TOKEN_RE.lastIndex = 0;
    while ((m = TOKEN_RE.exec(text)) !== null) {
      if (m[0] === "") { TOKEN_RE.lastIndex++; continue; }
      if (m[2]) tokens.push(["(", null]);
      else if (m[3]) tokens.push([")", null]);
      else if (m[1] !== undefined) {
        var words = plainWords(m[1]);
        if (words.length > MAX_PHRASE_WORDS) {
          notices.push("A phrase was cut to its first " + MAX_PHRASE_WORDS + " words.");
          words = words.slice(0, MAX_PHRASE_WORDS);
        }
        if (words.length) {
          units += 1;
          tokens.push(["phrase", words.length > 1 ? { type: "phrase", words: words } : word(words[0])]);
        }
      } else {
        var raw = m[4];
        if (raw === "AND" || raw === "OR" || raw === "NOT" || raw === "&&" || raw === "||") {
          tokens.push(["op", raw === "&&" ? "AND" : raw === "||" ? "OR" : raw]);
          continue;
        }
        var negate = raw[0] === "-" && raw.length > 1 && WORD_CHAR.test(raw.slice(1));
        var list = wordsFromToken(negate ? raw.slice(1) : raw.replace(/^\++/, ""), notices);
        for (var i = 0; i < list.length; i++) {
          units += 1;
          if (negate) tokens.push(["op", "NOT"]);
          tokens.push(["word", list[i]]);
        }
      }
      if (units >= MAX_UNITS) {
        notices.push("Only the first " + MAX_UNITS + " words and phrases were used.");
        break;
      }
    }
    return tokens;
  }

  function nextReal(tokens, i) {
    if (i >= tokens.length) return null;
    if (tokens[i][0] === "op") return tokens[i][1] === "NOT" ? "op_not" : "op";
    return tokens[i][0];
  }

  function demoteDanglingOperators(tokens) {
    var out = [];
    var starts = ["word", "phrase", "(", "op_not"];
    tokens.forEach(function (token, i) {
      if (token[0] === "op") {
        var before = out.length ? out[out.length - 1][0] : null;
        var after = nextReal(tokens, i + 1);
        var ok = token[1] === "NOT" ? starts.indexOf(after) >= 0
          : (before === "word" || before === "phrase" || before === ")") && starts.indexOf(after) >= 0;
        if (!ok) {
          out.push(["word", word(token[1].toLowerCase())]);
          return;
        }
      }
      out.push(token);
    });
    return out;
  }

  function Parser(tokens, notices) {
    this.tokens = tokens;
    this.pos = 0;
    this.depth = 0;
    this.notices = notices;
  }
  Parser.prototype.peek = function () { return this.pos < this.tokens.length ? this.tokens[this.pos] : [null, null]; };
  Parser.prototype.parse = function () {
    var nodes = [];
    while (this.pos < this.tokens.length) {
      var node = this.or();
      if (node) nodes.push(node);
      else if (this.pos < this.tokens.length) this.pos += 1;
    }
    return nodes.length ? simplify({ type: "and", children: nodes }) : null;
  };
  Parser.prototype.or = function () {
    var left = this.and();
    var children = left ? [left] : [];
    while (this.peek()[0] === "op" && this.peek()[1] === "OR") {
      this.pos += 1;
      var right = this.and();
      if (right) children.push(right);
    }
    if (!children.length) return null;
    return children.length === 1 ? children[0] : { type: "or", children: children };
  };
  Parser.prototype.and = function () {
    var children = [];
    for (;;) {
      var t = this.peek();
      if (t[0] === null || t[0] === ")" || (t[0] === "op" && t[1] === "OR")) break;
      if (t[0] === "op" && t[1] === "AND") {
        this.pos += 1;
        continue;
      }
      var node = this.unary();
      if (node) children.push(node);
    }
    if (!children.length) return null;
    return children.length === 1 ? children[0] : { type: "and", children: children };
  };
  Parser.prototype.unary = function () {
    var t = this.peek();
    this.pos += 1;
    if (t[0] === "op" && t[1] === "NOT") {
      var child = this.unary();
      return child ? { type: "not", child: child } : null;
    }
    if (t[0] === "(") {
      if (this.depth >= MAX_DEPTH) {
        this.notices.push("Brackets deeper than " + MAX_DEPTH + " levels were ignored.");
        return null;
      }
      this.depth += 1;
      var inner = this.or();
      this.depth -= 1;
      if (this.peek()[0] === ")") this.pos += 1;
      return inner;
    }
    if (t[0] === "word" || t[0] === "phrase") return t[1];
    return null;
  };

  function simplify(node) {
    if (node.type === "and" || node.type === "or") {
      var children = node.children.map(simplify).filter(Boolean);
      if (!children.length) return null;
      if (children.length === 1) return children[0];
      return { type: node.type, children: children };
    }
    if (node.type === "not") {
      var child = simplify(node.child);
      if (!child) return null;
      return child.type === "not" ? child.child : { type: "not", child: child };
    }
    return node;
  }

  /** The synonym map as the static index ships it: {table: {"w1 w2": [["x"], ["y", "z"]]}, longest}. */
  function alternatives(synonyms, words) {
    var alt = synonyms.table[words.join(" ")];
    return alt && Object.prototype.hasOwnProperty.call(synonyms.table, words.join(" ")) ? alt : [];
  }

  function synonymFor(node, words, synonyms) {
    var alt = alternatives(synonyms, words);
    return alt.length ? { type: "synonym", original: node, alternatives: alt } : node;
  }

  function mergeSynonymRuns(children, synonyms) {
    var out = [], i = 0;
    while (i < children.length) {
      var merged = false;
      for (var length = Math.min(synonyms.longest, children.length - i); length > 1; length--) {
        var run = children.slice(i, i + length);
        if (!run.every(function (c) { return c.type === "word" && !c.prefix && !c.fuzzy; })) continue;
        var words = [];
        run.forEach(function (c) { words = words.concat(c.text.split(" ")); });
        if (alternatives(synonyms, words).length) {
          out.push({ type: "phrase", words: words });
          i += length;
          merged = true;
          break;
        }
      }
      if (!merged) {
        out.push(children[i]);
        i += 1;
      }
    }
    return out;
  }

  function applySynonyms(node, synonyms) {
    if (node.type === "word" && !node.prefix && !node.fuzzy) return synonymFor(node, node.text.split(" "), synonyms);
    if (node.type === "phrase") return synonymFor(node, node.words, synonyms);
    if (node.type === "not") return { type: "not", child: applySynonyms(node.child, synonyms) };
    if (node.type === "or") return { type: "or", children: node.children.map(function (c) { return applySynonyms(c, synonyms); }) };
    if (node.type === "and") {
      return { type: "and", children: mergeSynonymRuns(node.children, synonyms).map(function (c) { return applySynonyms(c, synonyms); }) };
    }
    return node;
  }

  /** The Part a query names when it names nothing else (search/parser.py `_part_alone`). */
  function partAlone(found, rest, filters) {
    var parts = found.filter(function (c) { return c.part && !c.section && !c.work; });
    if (parts.length !== 1 || found.length !== 1) return null;
    if (filters.some(function (f) { return f[0] === "part"; })) return null;
    if (pyStrip(blankSpans(rest, [[parts[0].start, parts[0].end]]))) return null;
    return FILTER_VALUES.part.test(parts[0].part || "") ? parts[0] : null;
  }

  function parse(raw, synonyms) {
    var notices = [];
    var text = cleanText(typeof raw === "string" ? raw : raw === null || raw === undefined ? "" : String(raw), notices);
    var ef = extractFilters(text, notices);
    var filters = ef[0];
    text = ef[1];
    var found = findCitations(text);
    var citations = found.filter(function (c) { return c.section && !(c.work && c.work.indexOf("act-a") === 0); });
    if (citations.length > MAX_CITATIONS) {
      notices.push("Only the first " + MAX_CITATIONS + " citations were used.");
      citations = citations.slice(0, MAX_CITATIONS);
    }
    var rest = blankSpans(text, citations.map(function (c) { return [c.start, c.end]; }));
    var part = partAlone(found, rest, filters);
    if (part) {  // "Part IIIA" and nothing else: the Part's provisions, as part:IIIA lists them
      filters.push(["part", part.part]);
      rest = blankSpans(rest, [[part.start, part.end]]);
    }
    var tokens = demoteDanglingOperators(tokenize(rest, notices));
    var expr = new Parser(tokens, notices).parse();
    if (expr && synonyms) expr = simplify(applySynonyms(expr, synonyms));
    return { text: text, expr: expr, citations: citations, filters: filters,
      notices: notices.filter(function (n, i) { return notices.indexOf(n) === i; }) };
  }

  /** Parse anything a reader typed (search/parser.py `parse_query`). Never throws. */
  function parseQuery(raw, synonyms) {
    try {
      return parse(raw, synonyms);
    } catch (e) {
      return { text: "", expr: null, citations: [], filters: [], notices: ["The query could not be understood."] };
    }
  }

  // -- as plain data (search/query_tree.py `parsed_to_json`) ---------------------------------------------
  function nodeToJson(node) {
    if (!node) return null;
    if (node.type === "word") {
      var data = { word: node.text };
      if (node.prefix) data.prefix = true;
      if (node.fuzzy) data.fuzzy = node.fuzzy;
      return data;
    }
    if (node.type === "phrase") return { phrase: node.words.slice() };
    if (node.type === "synonym") return { synonym: nodeToJson(node.original), alternatives: node.alternatives };
    if (node.type === "not") return { not: nodeToJson(node.child) };
    var out = {};
    out[node.type] = node.children.map(nodeToJson);
    return out;
  }

  function parsedToJson(parsed) {
    return {
      expr: nodeToJson(parsed.expr),
      citations: parsed.citations.map(function (c) {
        var data = { key: citationKey(c) };
        if (c.as_at) data.as_at = c.as_at;
        if (c.at) data.at = c.at;
        if (c.original) data.original = true;
        return data;
      }),
      filters: parsed.filters.map(function (f) { return f.slice(); }),
      notices: parsed.notices.slice()
    };
  }

  var api = { findCitations: findCitations, citationKey: citationKey, citationToJson: C.citationToJson,
    parseQuery: parseQuery, parsedToJson: parsedToJson, plainWords: plainWords };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.atipsomQuery = api;
})(typeof self !== "undefined" ? self : this);
