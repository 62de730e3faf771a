// Runs the browser's search (docs/assets/javascripts/atipsom-search/engine.js) under node on a built
// search-data/ folder: reads {data_dir, queries: [[query, options]]} as JSON on stdin, prints the answers as JSON
// with the time each took (tests/test_static_search.py, benchmarks/static_search.py).
"use strict";
const fs = require("fs");
const path = require("path");
const dir = path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "atipsom-search");
global.atipsomQuery = require(path.join(dir, "query.js"));
global.atipsomAnalysis = require(path.join(dir, "analysis.js"));
const engine = require(path.join(dir, "engine.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const job = JSON.parse(input);
  const loadedFiles = [];
  engine.setLoader(async (name) => {
    const text = fs.readFileSync(path.join(job.data_dir, name + ".js"), "utf8");
    loadedFiles.push(name);
    const start = text.indexOf(",") + 1;
    return JSON.parse(text.slice(start, text.lastIndexOf(");")));
  });
  const answers = [];
  for (const [query, options] of job.queries) {
    const started = process.hrtime.bigint();
    const answer = await engine.search(query, options || {});
    answer.ms = Number(process.hrtime.bigint() - started) / 1e6;
    answers.push(answer);
  }
  process.stdout.write(JSON.stringify({ answers, files: loadedFiles }));
});
