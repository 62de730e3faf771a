/* Snippets in the browser's search (search/snippets.py): the passage of a result's text with the most matched
 * words, every word of the query's stems (in any form the texts have), its prefix and fuzzy words and its phrases
 * marked, everything else HTML-escaped. Plain script, no build step; exposes `atipsomSnippets`. */
(function (root) {
  "use strict";

  var I = root.atipsomSearchIndex || (typeof require === "function" ? require("./index.js") : null);
  var SNIPPET_WIDTH = 240;

  // -- snippets (search/snippets.py) ----------------------------------------------------------------------
  var WORD_RE = /[\p{L}\p{N}_]+(?:\.?[\p{L}\p{N}_]+)*/gu;

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function formsOf(l, stem) {
    var shard = I.shardFor(stem);
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

  var api = { snippet: snippet };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.atipsomSnippets = api;
})(typeof self !== "undefined" ? self : this);
