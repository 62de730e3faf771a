"""One citation grammar: every row of the conformance table spec/citations.yaml (which the browser search also
runs) parses as the table says, and the commands that take a reference answer every form a reader types."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from atipsom.app.cli import cli
from atipsom.refs.citations import find_citations, parse_citation
from tests.conftest import REPO

SPEC = yaml.safe_load((REPO / "spec" / "citations.yaml").read_text(encoding="utf-8"))
ROWS = SPEC["rows"]
DEFAULTS = {"work": None, "section": None, "path": [], "term": None, "part": None, "eid": None, "at": None,
            "as_at": None, "original": False}


def expected(row: dict) -> list[dict]:
    return [DEFAULTS | citation for citation in row["citations"]]


def found(text: str) -> list[dict]:
    return [citation.to_json() | {"text": citation.text} for citation in find_citations(text)]


def is_whole(row: dict) -> bool:
    return len(row["citations"]) == 1 and row["citations"][0]["text"] == row["input"].strip()


def run(*args: str):
    return CliRunner().invoke(cli, ["--root", str(REPO), *args], catch_exceptions=False)


def test_the_table_is_plain_data_with_a_row_for_every_form():
    assert json.loads(json.dumps(SPEC)) == SPEC  # what a JavaScript test can read as it is
    inputs = [row["input"] for row in ROWS]
    assert len(inputs) >= 80 and len(set(inputs)) == len(inputs)
    assert all(set(row) <= {"input", "note", "citations"} for row in ROWS)
    assert all(set(c) <= set(DEFAULTS) | {"text"} and "text" in c for row in ROWS for c in row["citations"])
    for form in ("s 51(3)(b)", "51(3)", "26A", "seksyen 44", "section 66B", "s. 12", "ss 25 and 26",
                 "subsection 27(1)", "para 51(3)(b)", "perenggan 51(3)(a)", "§ 44", "Part V", "Bahagian V",
                 "A1500 s 9", "s 2 (child)", "s 2(trafficking in persons)", "2(child)",
                 "act-670/sec_51__subsec_3__para_b", "act-670/sec_44@2015-11-18",
                 "act-670/sec_44__subsec_2:2012-06-01", "act-670/sec_44@", "14 days", "Act 670", "P.U. (B) 86"):
        assert form in inputs, form
    assert sum(1 for row in ROWS if not row["citations"]) >= 15


@pytest.mark.parametrize("row", ROWS, ids=[row["input"] for row in ROWS])
def test_every_row_of_the_table_parses_as_it_says(row):
    assert found(row["input"]) == expected(row)


@pytest.mark.parametrize("row", ROWS, ids=[row["input"] for row in ROWS])
def test_a_whole_reference_is_exactly_one_citation(row):
    if is_whole(row):
        citation = parse_citation(row["input"])
        assert citation.to_json() | {"text": citation.text} == expected(row)[0]
    else:
        with pytest.raises(ValueError):
            parse_citation(row["input"])


def test_a_refused_reference_says_what_to_write():
    with pytest.raises(ValueError, match=r"not a reference: '14 days' \(try '12', 's 51\(3\)\(b\)'"):
        parse_citation("14 days")
    with pytest.raises(ValueError, match="names 2 provisions; give one"):
        parse_citation("ss 25 and 26")
    with pytest.raises(ValueError, match="not a provision id: 'sec_51__foo_3' \\(segment 'foo_3'\\)"):
        parse_citation("act-670/sec_51__foo_3")
    with pytest.raises(ValueError, match="not a date: '2015-13-45'"):
        parse_citation("act-670/sec_44@2015-13-45")


def test_caseworker_asks_for_a_definition_and_gets_it():
    for typed in ("s 2(child)", "s 2 (child)", "2(child)", "seksyen 2(kanak-kanak)"):
        result = run("show", typed, "--json")
        assert result.exit_code == 0, (typed, result.output)
        data = json.loads(result.output)
        assert data["id"].startswith("act-670/sec_2__def_child@")
        assert data["provision"] == "s 2 (“child”)"
        assert data["text"].startswith("“child” means a person who is under the age of eighteen years")


def test_a_definition_as_it_stood_on_a_date():
    data = json.loads(run("show", "s 2(trafficking in persons):2012-06-01", "--json").output)
    assert data["id"] == "act-670/sec_2__def_trafficking-in-persons@2010-11-15"
    assert data["in_force_to"] == "2015-11-17"


def test_an_unknown_term_names_some_that_are_defined():
    result = run("show", "s 2(smuggler)")
    assert result.exit_code == 1
    assert "no definition of “smuggler” in s 2 in force from" in result.output and "“child”" in result.output


def test_a_provision_of_an_amending_act_says_what_it_amended():
    result = run("show", "A1500 s 9")
    assert result.exit_code == 1
    assert ("A1500 s 9 is a provision of the amending Act A1500, not of this Act; it amended s 44 "
            "(version of 2015-11-18)") in result.output
    history = run("history", "A1500 s 9")
    assert history.exit_code == 1 and "it amended s 44" in history.output


def test_a_version_or_a_date_can_follow_a_plain_citation():
    at = json.loads(run("show", "s 44(2)@2010-11-15", "--json").output)
    as_at = json.loads(run("show", "s 44(2):2012-06-01", "--json").output)
    original = json.loads(run("show", "s 44@", "--json").output)
    assert at["id"] == as_at["id"] == "act-670/sec_44__subsec_2@2010-11-15"
    assert original["id"] == "act-670/sec_44@2008-02-28"


def test_the_api_reads_references_with_the_same_grammar(tmp_path):
    from starlette.testclient import TestClient

    from atipsom.app.api import create_app
    from atipsom.app.served import GenerationLookup

    def no_index():  # provisions need no search index
        raise FileNotFoundError("no index")

    with TestClient(create_app(no_index, GenerationLookup(REPO)), base_url="http://localhost") as client:
        definition = client.get("/api/provisions/s 2(child)")
        assert definition.status_code == 200
        assert definition.json()["id"].startswith("act-670/sec_2__def_child@")
        amending = client.get("/api/provisions/A1500 s 9")
        assert amending.status_code == 404 and "it amended s 44" in amending.json()["error"]


def test_a_reference_typed_with_full_width_characters_reads_as_the_search_reads_it():
    """A phone keyboard in Chinese or Japanese mode types ４４ and （２）: `show` and the API read them as the search
    does (NFKC), instead of answering that there is no section ４４."""
    for typed, plain in (("s ４４", "s 44"), ("s 4４(２)", "s 44(2)"), ("ｓ ２６Ａ", "s 26A")):
        assert parse_citation(typed).key == parse_citation(plain).key, typed
    with pytest.raises(ValueError, match="not a reference: '１４ days'"):
        parse_citation("１４ days")
