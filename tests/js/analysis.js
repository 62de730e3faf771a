// Runs the browser's query analysis (docs/assets/javascripts/atipsom-search/analysis.js, query.js) over words
// given as JSON on stdin ({lists, texts: [text]}) and prints, for each text, its terms as the browser's search
// looks them up: [[word, english stem, malay stem], ...] (tests/test_search_analysis_parity.py).
"use strict";
const path = require("path");
const dir = path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "atipsom-search");
const analysis = require(path.join(dir, "analysis.js"));
const query = require(path.join(dir, "query.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  analysis.configure(job.lists);
  const out = job.texts.map((text) => query.plainWords(text).map((w) => [w, analysis.englishStem(w), analysis.malayStem(w)]));
  process.stdout.write(JSON.stringify(out));
});
