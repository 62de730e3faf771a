"""One query language, two parsers that cannot drift: every row of spec/query-syntax.yaml parses as it says in
search/parser.py, and both that table and spec/citations.yaml parse the same in the browser's parser
(docs/assets/javascripts/atipsom-search/query.js), run here through `node` (the browser tests run it in Chromium)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from atipsom.refs.citations import find_citations
from search.parser import parse_query
from search.query_tree import parsed_to_json
from search.static_index import synonyms_data
from search.synonyms import SynonymMap
from tests.conftest import REPO

SPEC = yaml.safe_load((REPO / "spec" / "query-syntax.yaml").read_text(encoding="utf-8"))
ROWS = SPEC["rows"]
CITATION_ROWS = yaml.safe_load((REPO / "spec" / "citations.yaml").read_text(encoding="utf-8"))["rows"]
SYNONYMS = SynonymMap.load()
RUNNER = REPO / "tests" / "js" / "conformance.js"
CITATION_DEFAULTS = {"work": None, "section": None, "path": [], "term": None, "part": None, "eid": None,
                     "at": None, "as_at": None, "original": False}


def test_the_table_is_plain_data_covering_every_part_of_the_syntax():
    assert json.loads(json.dumps(SPEC)) == SPEC
    inputs = [row["input"] for row in ROWS]
    assert len(inputs) == len(set(inputs)) and all(set(row) <= {"input", "note", "parse"} for row in ROWS)
    shapes = json.dumps([row["parse"] for row in ROWS])
    for part in ('"phrase"', '"and"', '"or"', '"not"', '"prefix"', '"fuzzy"', '"synonym"', '"as_at"', '"at"',
                 '"original"', '["part", "V"]', '["kind", "guidance"]', '["lang", "ms"]', '["sec", "51"]'):
        assert part in shapes, part
    assert sum(1 for row in ROWS if row["parse"]["notices"]) >= 6  # odd input is bounded and said so


@pytest.mark.parametrize("row", ROWS, ids=[row["input"] for row in ROWS])
def test_every_query_of_the_table_parses_as_it_says(row):
    assert parsed_to_json(parse_query(row["input"], SYNONYMS)) == row["parse"]


@pytest.fixture(scope="module")
def browser_parser():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the browser's parser runs in Chromium only (tests/browser)")
    job = {"synonyms": synonyms_data(SYNONYMS), "citations": [row["input"] for row in CITATION_ROWS],
           "queries": [row["input"] for row in ROWS]}
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(job), capture_output=True, text=True, timeout=60,
                          check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("index", range(len(ROWS)), ids=[row["input"] for row in ROWS])
def test_the_browser_parses_every_query_as_the_table_says(browser_parser, index):
    assert browser_parser["queries"][index] == ROWS[index]["parse"]


@pytest.mark.parametrize("index", range(len(CITATION_ROWS)), ids=[row["input"] for row in CITATION_ROWS])
def test_the_browser_reads_every_citation_as_the_table_says(browser_parser, index):
    expected = [CITATION_DEFAULTS | c for c in CITATION_ROWS[index]["citations"]]
    assert browser_parser["citations"][index] == expected


def test_odd_text_parses_the_same_in_both(browser_parser_odd):
    python, browser = browser_parser_odd
    assert browser == python


ODD = ["", "((((", "\"\"\"", "-", "--x", "~", "*", "a~b~", "s 51(3)(b)(", "part:", "kind:\"guidance\" x",
       "Bahagian iiia", "Part IIIa", "Akta 670 s 12", "no. 44", "§ 44", "s 0", "s 44:2015-02-30",
       "act-670/sec_44@2015-13-45", "SEC_44", "ＡＮＤ magistrate", "x\u200by", "\u00a0s\u00a044", "é" * 600,
       "s 2 (trafficking  in persons)", "seksyen 25 dan 26 atau 27", "A1385 s 4(a)", "IPO OR PO NOT \"work permit\""]


@pytest.fixture(scope="module")
def browser_parser_odd():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the browser's parser runs in Chromium only (tests/browser)")
    job = {"synonyms": synonyms_data(SYNONYMS), "citations": ODD, "queries": ODD}
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(job), capture_output=True, text=True, timeout=60,
                          check=True)
    browser = json.loads(done.stdout)
    python = {"citations": [[c.to_json() | {"text": c.text} for c in find_citations(text)] for text in ODD],
              "queries": [parsed_to_json(parse_query(text, SYNONYMS)) for text in ODD]}
    return python, browser
