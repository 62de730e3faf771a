/* The citation grammar in the browser (spec/citations.yaml): a line-for-line port of atipsom/refs/citations.py.
 * The table runs against this file through query.js (tests/test_query_syntax.py, under node and in Chromium); a
 * change to the grammar starts in the table. Plain script, no build step, no dependencies; loads from file://.
 * Exposes `atipsomCitations` (window, or module.exports under node). */
(function (root) {
  "use strict";

  // -- characters: Python's Unicode \w and \d --------------------------------------------------------------
  var W = "[\\p{L}\\p{N}_]";
  var D = "\\p{Nd}";

  // -- the citation grammar (atipsom/refs/citations.py) ----------------------------------------------------
  var WORDS = "subsections?|subseksyen|sub-sections?|subparagraphs?|subperenggan|paragraphs?|perenggan|" +
    "para|sections?|seksyen|sek|secs?|ss|s|subs?|§";
  var LEVEL = "\\((?:" + D + "{1,2}[a-z]{0,2}|[a-z]{1,2}|[ivxl]{1,6})\\)";
  var DEFINITION = "\\(\\s?[“\"‘']?([a-z][a-z \\-’']{1,60}[a-z])[”\"’']?\\s?\\)";
  var DATE = D + "{4}-" + D + "{2}-" + D + "{2}";
  var WHEN = "(?:(@)(" + DATE + ")?|:(" + DATE + "))?";

  // One regex a form, tried in the order of the Python alternation at each position (sticky).
  var FORMS = [
    ["eid", new RegExp("(?<![\\p{L}\\p{N}_/\\-])(?:(act-a?" + D + "+)/)?((?:sec|part)_[0-9A-Za-z_\\-]+|longtitle|enacting)" +
      WHEN + "(?![\\p{L}\\p{N}_/])", "iuy")],
    ["amending", new RegExp("(?<![\\p{L}\\p{N}_/\\-])(a" + D + "{3,4})\\s+(?:" + WORDS + ")\\.?\\s*(" + D +
      "{1,3}[a-z]?)((?:\\s?" + LEVEL + ")*)(?![\\p{L}\\p{N}_(])", "iuy")],
    // Python: (part|bahagian)\s+([ivx]+(?-i:[A-Z])?) under re.I: the numeral's letter suffix is upper case only
    ["part", new RegExp("(?<![\\p{L}\\p{N}_\\-])([Pp][Aa][Rr][Tt]|[Bb][Aa][Hh][Aa][Gg][Ii][Aa][Nn])\\s+([ivxIVX]+[A-Z]?)" +
      "(?![\\p{L}\\p{N}_\\-])", "uy")],
    ["section", new RegExp("(?<![\\p{L}\\p{N}_/.(])(?:(" + WORDS + ")\\.?\\s*)?(" + D + "{1,3}[a-z]?)(?![\\p{L}\\p{N}_/])" +
      "(?:((?:\\s?" + LEVEL + ")+)|\\s?" + DEFINITION + ")?" + WHEN + "(?![\\p{L}\\p{N}_(])", "iuy")]
  ];
  var LEVEL_RE = new RegExp(LEVEL, "giu");
  var LIST_GLUE = /^\s*(?:,|and|dan|or|atau|&)\s*$/iu;
  var LIST_WORDS = ["ss", "sections", "subsections", "paragraphs", "sub-sections", "subparagraphs",
    "seksyen", "subseksyen", "perenggan", "subperenggan"];
  var NOT_A_CITATION_BEFORE = new RegExp("(?<![\\p{L}\\p{N}_])(?:act|akta|no|p\\.\\s?u\\.(?:\\s?\\([ab]\\))?)\\s*\\.?\\s*$", "iu");
  var EID_SEGMENT_RE = /^(sec|subsec|para|subpara|item|def|proviso|part)_([0-9A-Za-z][0-9A-Za-z-]*)$/;
  var TRIM = " \t\n.,;:?!";

  function strip(text, chars) {
    var start = 0;
    var end = text.length;
    while (start < end && chars.indexOf(text[start]) >= 0) start++;
    while (end > start && chars.indexOf(text[end - 1]) >= 0) end--;
    return text.slice(start, end);
  }

  function pyStrip(text) { return text.replace(/^\s+|\s+$/gu, ""); }

  function normaliseSectionNumber(number) {
    var match = new RegExp("^0*(" + D + "+)([A-Za-z]?)$", "u").exec(pyStrip(number));
    if (!match) throw new Error("not a section number: " + number);
    return match[1] + match[2].toUpperCase();
  }

  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (match) {
      var y = +match[1], m = +match[2], d = +match[3];
      var day = new Date(Date.UTC(2000, m - 1, d));
      day.setUTCFullYear(y);
      if (y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d) return text;
    }
    throw new Error("not a date: " + text);
  }

  function splitEid(eid) {
    if (eid === "longtitle" || eid === "enacting") return [[eid, ""]];
    return eid.split("__").map(function (segment) {
      var match = EID_SEGMENT_RE.exec(segment);
      if (!match) throw new Error("not a provision id: " + eid);
      return [match[1], match[2]];
    });
  }

  function citation(fields) {
    var c = { text: "", work: null, section: null, path: [], term: null, part: null, eid: null, at: null,
      as_at: null, original: false, start: 0, end: 0 };
    Object.keys(fields).forEach(function (k) { c[k] = fields[k]; });
    return c;
  }

  /** The citation key as the search index has it: '51(3)(b)', '26a', '2(child)'. */
  function citationKey(c) {
    var key = (c.section || "").toLowerCase() + c.path.map(function (l) { return "(" + l.toLowerCase() + ")"; }).join("");
    if (c.term) key += "(" + c.term.toLowerCase() + ")";
    return key;
  }

  function when(m, atSign, at, asAt) {
    return { at: m[at] ? parseDate(m[at]) : null, as_at: m[asAt] ? parseDate(m[asAt]) : null,
      original: Boolean(m[atSign]) && !m[at] };
  }

  function levels(path) {
    return (path || "").match(LEVEL_RE) ? path.match(LEVEL_RE).map(function (l) { return l.slice(1, -1); }) : [];
  }

  function eidCitation(m, start, end) {
    var eid = m[2];
    var segments, section = null, path = [], w;
    try {
      segments = splitEid(eid);
      if (segments[0][0] === "sec") {
        section = normaliseSectionNumber(segments[0][1]);
        path = segments.slice(1).filter(function (s) { return s[0] !== "def" && s[0] !== "proviso"; })
          .map(function (s) { return s[1]; });
        eid = ["sec_" + section].concat(segments.slice(1).map(function (s) { return s[0] + "_" + s[1]; })).join("__");
      }
      w = when(m, 3, 4, 5);
    } catch (e) {
      return null;
    }
    var part = segments[0][0] === "part" && segments.length === 1 ? segments[0][1] : null;
    return citation({ text: m[0], work: m[1] ? m[1].toLowerCase() : null, section: section, path: path, part: part,
      eid: eid, start: start, end: end, at: w.at, as_at: w.as_at, original: w.original });
  }

  function amendingCitation(m, start, end) {
    return citation({ text: m[0], work: "act-" + m[1].toLowerCase(), section: normaliseSectionNumber(m[2]),
      path: levels(m[3]), start: start, end: end });
  }

  function sectionCitation(m, start, end, text, whole, inList, listOpen) {
    var word = m[1], section = m[2], path = m[3], term = m[4];
    var dated = m[5] || m[7];
    if (NOT_A_CITATION_BEFORE.test(text.slice(0, start)) && !word) return [null, listOpen];
    if (!word && !path && !term && !dated && !/\p{L}/u.test(section[section.length - 1]) && !inList) {
      if (whole !== pyStrip(m[0])) return [null, listOpen];
    }
    if (word) listOpen = LIST_WORDS.indexOf(word.toLowerCase()) >= 0;
    if (section.replace(/^0+/, "") === "") return [null, listOpen];
    var w;
    try {
      w = when(m, 5, 6, 7);
    } catch (e) {
      return [null, listOpen];
    }
    return [citation({ text: m[0], section: normaliseSectionNumber(section), path: levels(path),
      term: term ? term.split(/\s+/u).filter(Boolean).join(" ") : null, start: start, end: end,
      at: w.at, as_at: w.as_at, original: w.original }), listOpen];
  }

  /** Every citation in free text, in order (atipsom/refs/citations.py `find_citations`). Never throws. */
  function findCitations(text) {
    var citations = [];
    var whole = strip(text, TRIM);
    var listOpen = false;
    var pos = 0;
    while (pos <= text.length) {
      var found = null;
      for (var f = 0; f < FORMS.length && !found; f++) {
        var re = FORMS[f][1];
        re.lastIndex = pos;
        var m = re.exec(text);
        if (m) found = [FORMS[f][0], m];
      }
      if (!found) {
        pos += 1;
        continue;
      }
      var kind = found[0], match = found[1];
      var start = pos, end = pos + match[0].length;
      var c = null;
      if (kind === "eid") c = eidCitation(match, start, end);
      else if (kind === "amending") c = amendingCitation(match, start, end);
      else if (kind === "part") c = citation({ text: match[0], part: match[2].toUpperCase(), start: start, end: end });
      else {
        var last = citations[citations.length - 1];
        var inList = Boolean(listOpen && last && LIST_GLUE.test(text.slice(last.end, start)));
        var r = sectionCitation(match, start, end, text, whole, inList, listOpen);
        c = r[0];
        listOpen = r[1];
      }
      if (c) citations.push(c);
      pos = end > pos ? end : pos + 1;
    }
    return citations;
  }

  /** A citation as the rows of spec/citations.yaml give it: text and every key whose value is not the default. */
  function citationToJson(c) {
    return { text: c.text, work: c.work, section: c.section, path: c.path.slice(), term: c.term, part: c.part,
      eid: c.eid, at: c.at, as_at: c.as_at, original: c.original };
  }

  var api = { findCitations: findCitations, citationKey: citationKey, citationToJson: citationToJson,
    strip: strip, pyStrip: pyStrip, W: W, D: D };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.atipsomCitations = api;
})(typeof self !== "undefined" ? self : this);
