"""The browser's query parser (docs/assets/javascripts/atipsom-search/citations.js, query.js) in Chromium itself: every row of
spec/citations.yaml and spec/query-syntax.yaml parses there as the table says (node runs the same in
tests/test_query_syntax.py; this proves Chromium's regular expressions agree)."""

from __future__ import annotations

import yaml

from search.static_index import synonyms_data
from search.synonyms import SynonymMap
from tests.conftest import REPO

SCRIPTS = [REPO / "docs" / "assets" / "javascripts" / "atipsom-search" / name for name in ("citations.js", "query.js")]
DEFAULTS = {"work": None, "section": None, "path": [], "term": None, "part": None, "eid": None, "at": None,
            "as_at": None, "original": False}


def _table(name: str) -> list[dict]:
    return yaml.safe_load((REPO / "spec" / name).read_text(encoding="utf-8"))["rows"]


def test_both_conformance_tables_pass_in_chromium(browser):
    citations, queries = _table("citations.yaml"), _table("query-syntax.yaml")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<!doctype html><title>parser</title>")
        for script in SCRIPTS:
            page.add_script_tag(path=str(script))
        got = page.evaluate(
            """([citations, queries, synonyms]) => ({
                citations: citations.map((t) => atipsomQuery.findCitations(t).map(atipsomQuery.citationToJson)),
                queries: queries.map((t) => atipsomQuery.parsedToJson(atipsomQuery.parseQuery(t, synonyms))),
            })""",
            [[row["input"] for row in citations], [row["input"] for row in queries], synonyms_data(SynonymMap.load())],
        )
    finally:
        context.close()
    wrong = [row["input"] for row, parse in zip(citations, got["citations"], strict=True)
             if parse != [DEFAULTS | c for c in row["citations"]]]
    wrong += [row["input"] for row, parse in zip(queries, got["queries"], strict=True) if parse != row["parse"]]
    assert wrong == []
    assert len(got["citations"]) >= 100 and len(got["queries"]) >= 60
