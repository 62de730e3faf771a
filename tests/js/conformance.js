// Runs the browser's query parser (docs/assets/javascripts/atipsom-search/query.js) over inputs given as JSON on
// stdin ({synonyms, citations: [text], queries: [text]}) and prints the parses as JSON (tests/test_query_syntax.py).
"use strict";
const path = require("path");
const q = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "atipsom-search", "query.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const job = JSON.parse(input);
  const out = {
    citations: job.citations.map((text) => q.findCitations(text).map(q.citationToJson)),
    queries: job.queries.map((text) => q.parsedToJson(q.parseQuery(text, job.synonyms))),
  };
  process.stdout.write(JSON.stringify(out));
});
