/* Query analysis in the browser: the server's stemmers, ported line for line, for query words the texts do not
 * have (the static index gives the stems of every word it has, computed by the server's own stemmers at build
 * time; a word it lacks, "memperdagangkan", is stemmed here so that it still finds "diperdagangkan").
 *   englishStem: whoosh.lang.porter.stem (whoosh-reloaded 2.7.5) with search/schema.py STEM_EXCEPTIONS;
 *   malayStem:   search/malay.py stem_malay, with its PROTECTED words.
 * The word lists come from the index (meta.analysis, written by search/static_index.py from the Python
 * modules), so they cannot drift; tests/test_search_analysis_parity.py runs both sides on the same words.
 * Plain script, no build step; exposes `atipsomAnalysis` (window, or module.exports under node). */
(function (root) {
  "use strict";

  var exceptions = {}; // English words Porter would split ("traffics" -> "traffick")
  var protectedWords = {}; // Malay words that only look affixed ("perenggan")

  function configure(lists) {
    exceptions = (lists && lists.exceptions) || {};
    protectedWords = {};
    ((lists && lists.protected) || []).forEach(function (w) { protectedWords[w] = true; });
  }

  function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }

  // -- Porter, as whoosh.lang.porter has it (Python's re.match anchors at the start: so do these) -------------
  var STEP2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al", iveness: "ive",
    fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
  var STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var CONS_SEQ = "[^aeiouy]+", VOWEL_SEQ = "[aeiou]+", VOWEL = "[aeiouy]";
  var MGR0 = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ);
  var MEQ1 = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ + "(" + VOWEL_SEQ + ")?$");
  var MGR1 = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ + VOWEL_SEQ + CONS_SEQ);
  var S_V = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL);
  var C_V = new RegExp("^" + CONS_SEQ + VOWEL + "[^aeiouwxy]$");
  var ED_ING = /^([\s\S]*)(ed|ing)$/;
  var AT_BL_IZ = /^(at|bl|iz)$/;
  var STEP1B = /^([^aeiouylsz])\1$/;
  var RE_STEP2 = /^([\s\S]+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
  var RE_STEP3 = /^([\s\S]+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
  var RE_STEP4_1 = /^([\s\S]+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var RE_STEP4_2 = /^([\s\S]+?)(s|t)(ion)$/;
  var RE_STEP5 = /^([\s\S]+?)e$/;

  function ends(w, suffix) { return w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix; }

  function porter(w) {
    if (w.length < 3) return w;
    var firstIsY = w.charAt(0) === "y";
    if (firstIsY) w = "Y" + w.slice(1);
    var m, stem;
    // step 1a
    if (ends(w, "s")) {
      if (ends(w, "sses")) w = w.slice(0, -2);
      else if (ends(w, "ies")) w = w.slice(0, -2);
      else if (w.charAt(w.length - 2) !== "s") w = w.slice(0, -1);
    }
    // step 1b
    if (ends(w, "eed")) {
      if (MGR0.test(w.slice(0, -3))) w = w.slice(0, -1);
    } else if ((m = ED_ING.exec(w))) {
      stem = m[1];
      if (S_V.test(stem)) {
        w = stem;
        if (AT_BL_IZ.test(w)) w += "e";
        else if (STEP1B.test(w)) w = w.slice(0, -1);
        else if (C_V.test(w)) w += "e";
      }
    }
    // step 1c
    if (ends(w, "y")) {
      stem = w.slice(0, -1);
      if (S_V.test(stem)) w = stem + "i";
    }
    // step 2
    if ((m = RE_STEP2.exec(w)) && MGR0.test(m[1])) w = m[1] + STEP2[m[2]];
    // step 3
    if ((m = RE_STEP3.exec(w)) && MGR0.test(m[1])) w = m[1] + STEP3[m[2]];
    // step 4
    if ((m = RE_STEP4_1.exec(w))) {
      if (MGR1.test(m[1])) w = m[1];
    } else if ((m = RE_STEP4_2.exec(w))) {
      stem = m[1] + m[2];
      if (MGR1.test(stem)) w = stem;
    }
    // step 5
    if ((m = RE_STEP5.exec(w))) {
      stem = m[1];
      if (MGR1.test(stem) || (MEQ1.test(stem) && !C_V.test(stem))) w = stem;
    }
    if (ends(w, "ll") && MGR1.test(w)) w = w.slice(0, -1);
    if (firstIsY) w = "y" + w.slice(1);
    return w;
  }

  /** The English stem of one lower-case word (search/schema.py english_stem). */
  function englishStem(word) { return has(exceptions, word) ? exceptions[word] : porter(word); }

  // -- Malay (search/malay.py) ------------------------------------------------------------------------------
  var MIN_STEM = 4;
  var SUFFIX_GROUPS = [["lah", "kah"], ["nya"], ["kan", "an", "i"]];
  var VOWELS = "aeiou";

  function isVowel(ch) { return ch !== "" && VOWELS.indexOf(ch) >= 0; }

  /** The stem of one lower-case Malay word: at most one particle, -nya, one derivational suffix, and up to two
   * prefixes; only purely ASCII-alphabetic words longer than four letters that are not protected. */
  function malayStem(word) {
    if (word.length <= MIN_STEM || !/^[A-Za-z]+$/.test(word) || has(protectedWords, word)) return word;
    var candidates = suffixCandidates(word);
    for (var i = 0; i < candidates.length; i++) {
      var stem = stripPrefixes(candidates[i]);
      if (stem.length >= MIN_STEM) return stem;
    }
    return word;
  }

  function suffixCandidates(word) {
    var candidates = [word], base = word;
    SUFFIX_GROUPS.forEach(function (group) {
      for (var i = 0; i < group.length; i++) {
        if (ends(base, group[i]) && base.length - group[i].length >= MIN_STEM) {
          base = base.slice(0, -group[i].length);
          candidates.push(base);
          break;
        }
      }
    });
    return candidates.reverse();
  }

  function stripPrefixes(word) {
    var stem = stripFirstPrefix(word);
    if (has(protectedWords, stem)) return stem;
    if (stem !== word && stem.indexOf("per") === 0 && stem.length - 3 >= MIN_STEM) stem = stem.slice(3);
    else if (stem === word && word.indexOf("per") === 0 && word.length - 3 >= MIN_STEM) stem = word.slice(3);
    return stem;
  }

  function stripFirstPrefix(word) {
    var heads = ["me", "pe"];
    for (var i = 0; i < heads.length; i++) {
      if (word.indexOf(heads[i]) === 0) {
        var stripped = stripNasal(word, heads[i]);
        if (stripped !== null) return stripped;
      }
    }
    var prefixes = ["ber", "ter", "di", "ke", "se"];
    for (var j = 0; j < prefixes.length; j++) {
      if (word.indexOf(prefixes[j]) === 0 && word.length - prefixes[j].length >= 3) return word.slice(prefixes[j].length);
    }
    return word;
  }

  function stripNasal(word, head) {
    var rest = word.slice(head.length), after;
    if (rest.indexOf("ny") === 0 && isVowel(rest.slice(2, 3))) return "s" + rest.slice(2);
    if (rest.indexOf("ng") === 0) return rest.length > 4 ? rest.slice(2) : null;
    if (rest.indexOf("m") === 0) {
      after = rest.slice(1);
      if ("bpf".indexOf(after.slice(0, 1)) >= 0 && after !== "") return after;
      if (isVowel(after.slice(0, 1))) return "p" + after;
      return null;
    }
    if (rest.indexOf("n") === 0) {
      after = rest.slice(1);
      if ("cdjtz".indexOf(after.slice(0, 1)) >= 0 && after !== "") return after;
      if (isVowel(after.slice(0, 1))) return "t" + after;
      return null;
    }
    var first = rest.slice(0, 1);
    if ((first !== "" && "lmnwy".indexOf(first) >= 0) || (head === "me" && first === "r")) return rest;
    return null;
  }

  var api = { configure: configure, englishStem: englishStem, malayStem: malayStem, porter: porter };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.atipsomAnalysis = api;
})(typeof self !== "undefined" ? self : this);
