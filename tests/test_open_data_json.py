"""The law as JSON open data (issue 16, items 2 and 3): every version of every section and the whole Act at every
date, in both languages, valid against the one published schema that also describes the API's provision answer
and `atipsom show --json`."""

from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from atipsom.app.api import create_app
from atipsom.app.cli import cli
from atipsom.app.export.documents import ActDoc, SectionDoc, all_documents, change_dates, select
from atipsom.app.export.json_docs import document_json
from atipsom.app.export.schema import declared_members, schema_errors, schema_path
from atipsom.app.export.tiering import ours_spans, plain_words, split_ours
from atipsom.app.project import Project
from atipsom.app.served import GenerationLookup
from atipsom.app.views import show
from atipsom.domain.model import MISSING
from tests.conftest import REPO, write_tree

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its test client; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(scope="module")
def documents(real_project):
    return list(all_documents(real_project.consolidation, real_project.statutes.work.id))


def run(*args: str):
    return CliRunner().invoke(cli, ["--root", str(REPO), *args], catch_exceptions=False)


def test_every_version_of_every_section_and_of_the_act_is_exported_in_both_languages(real_project, documents):
    consolidation = real_project.consolidation
    sections = [d for d in documents if isinstance(d, SectionDoc)]
    acts = [d for d in documents if isinstance(d, ActDoc)]
    assert len(sections) == 2 * sum(len(v) for v in consolidation.versions.values())
    assert [(d.date, d.lang) for d in acts] == [(date, lang) for date in change_dates(consolidation)
                                                for lang in ("en", "ms")]
    # the dates on which the Act changed: two commencements and the three amending Acts
    assert [d.isoformat() for d in change_dates(consolidation)] == [
        "2007-10-01", "2008-02-28", "2010-11-15", "2015-11-18", "2022-02-22"]
    assert len({d.stem for d in documents}) == len(documents)


def test_every_exported_document_validates_against_the_published_schema(real_project, documents):
    problems = {}
    for doc in documents:
        errors = schema_errors(document_json(real_project.statutes, real_project.consolidation, doc))
        if errors:
            problems[doc.stem] = errors[:3]
    assert problems == {}


def test_a_broken_document_fails_with_the_path_of_what_is_wrong(real_project, documents):
    data = document_json(real_project.statutes, real_project.consolidation, documents[0])
    data["parts"][0]["sections"][0]["body"]["kind"] = "chapter"
    data["parts"][0]["sections"][0]["surprise"] = True
    errors = schema_errors(data)
    assert any(e.startswith("parts/0/sections/0/body/kind: 'chapter' is not one of") for e in errors)
    assert any(e.startswith("parts/0/sections/0: ") and "'surprise' was unexpected" in e for e in errors)


@pytest.mark.parametrize("ref, lang, as_at", [
    ("44", "en", None), ("s 44(2)", "ms", "2012-06-01"), ("s 2(child)", "en", None), ("s 51(3)(a)(i)", "en", "2015-11-17"),
    ("26B", "ms", "2011-01-01"), ("act-670/sec_44@2008-02-28", "en", None), ("61A", "en", None),
])
def test_show_json_is_a_provision_answer_of_the_schema(real_project, ref, lang, as_at):
    result = run("show", ref, "--lang", lang, "--json", *(["--as-at", as_at] if as_at else []))
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert schema_errors(answer, "provisionAnswer") == []
    assert set(answer) <= declared_members("provisionAnswer"), "document every member in the schema"


def test_api_provision_answer_is_a_provision_answer_of_the_schema(real_project, tmp_path):
    app = create_app(lambda: None, GenerationLookup(REPO))
    with TestClient(app, base_url="http://localhost") as client:
        for path in ("/api/provisions/s%2044(2)?as_at=2016-01-01", "/api/provisions/26A?lang=ms"):
            response = client.get(path)
            assert response.status_code == 200, response.text
            assert schema_errors(response.json(), "provisionAnswer") == []
            assert set(response.json()) <= declared_members("provisionAnswer")


def _openapi_validator(spec: dict, pointer: str) -> Draft202012Validator:
    """A validator for the schema at `pointer` of the OpenAPI document, resolving its references as an OpenAPI 3.1
    tool does: within the document, and embedded schemas by their $id."""
    base = "https://api.example/api/openapi.json"
    registry = Registry().with_resource(base, DRAFT202012.create_resource(spec))
    for schema in spec["components"]["schemas"].values():
        if "$id" in schema:
            registry = registry.with_resource(schema["$id"], DRAFT202012.create_resource(schema))
    return Draft202012Validator({"$ref": f"{base}#{pointer}"}, registry=registry)


def test_the_api_describes_its_provision_answer_with_the_published_schema_itself(real_project):
    with TestClient(create_app(lambda: None, GenerationLookup(REPO)), base_url="http://localhost") as client:
        spec = client.get("/api/openapi.json").json()
        answer = client.get("/api/provisions/s%2044(2)?as_at=2012-01-01").json()
    published = json.loads(schema_path().read_text(encoding="utf-8"))  # what data/law-data.schema.json carries
    assert spec["components"]["schemas"]["LawData"] == published
    response = spec["paths"]["/api/provisions/{ref}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert response["schema"] == {"$ref": "#/components/schemas/ProvisionAnswer"}
    validator = _openapi_validator(spec, "/components/schemas/ProvisionAnswer")
    assert list(validator.iter_errors(answer)) == []
    broken = {**answer, "in_force_from": "5 December 2012", "tier": "official"}
    assert {e.json_path for e in validator.iter_errors(broken)} == {"$.in_force_from", "$.tier"}


def test_section_export_is_the_api_answer_for_the_section_with_its_tree(real_project):
    doc = select(real_project.consolidation, "act-670", "act-670/sec_44@2015-11-18", as_at=None, langs=("en",))[0]
    exported = document_json(real_project.statutes, real_project.consolidation, doc)
    answer = show(real_project.statutes, real_project.consolidation, "act-670/sec_44@2015-11-18", lang="en")
    assert {key: exported[key] for key in answer} == answer
    assert exported["frbr"] == {"work": "/akn/my/act/2007/670",
                                "expression": "/akn/my/act/2007/670/eng@2015-11-18/~sec_44"}
    subsections = exported["body"]["children"]
    assert [s["eid"] for s in subsections] == ["sec_44__subsec_1", "sec_44__subsec_2", "sec_44__subsec_3"]
    # no source gives the English of s 44(2) from 2010: ours, rendered from the Malay, and the word of ours located
    s44_2 = subsections[1]
    assert s44_2["tier"] == "rendered" and "twenty-one days" in s44_2["text"]
    assert [s44_2["text"][start:end] for start, end in s44_2["ours"]] == ["shall"]
    # s 61A as inserted in 2010 exists only in Malay: our translation, labelled so (issue 12), never plain text
    doc = select(real_project.consolidation, "act-670", "act-670/sec_61A@2010-11-15", as_at=None, langs=("en",))[0]
    first = document_json(real_project.statutes, real_project.consolidation, doc)["body"]["children"][0]
    assert first["tier"] == "translated" and "deposition" in first["text"] and "ours" not in first


def test_where_nothing_gives_the_english_the_export_gives_null_never_a_guess(tmp_path):
    # a constructed gap: the small test tree's Malay-only 2010 Act changes s 44(2) with no English and no English
    # layer entry (the real Act has none left: every Malay-only change has English, tests/test_english_layer*.py)
    write_tree(tmp_path)
    project = Project(tmp_path)
    doc = select(project.consolidation, "act-670", "act-670/sec_44@2010-11-15", as_at=None, langs=("en",))[0]
    data = document_json(project.statutes, project.consolidation, doc)
    assert schema_errors(data) == []
    first, second = data["body"]["children"][:2]
    assert second["eid"] == "sec_44__subsec_2" and second["text"] is None
    assert first["text"] and first["tier"] == "verbatim"


def test_researcher_gets_the_whole_act_as_it_stood_in_2012_in_malay(real_project):
    result = run("export", "act-670:2012-06-01", "--lang", "ms")
    assert result.exit_code == 0, result.stderr
    act = json.loads(result.stdout)
    assert act["id"] == "act-670@2010-11-15" and act["in_force_to"] == "2015-11-17"
    assert act["frbr"]["expression"] == "/akn/my/act/2007/670/msa@2010-11-15"
    assert any(e["type"] == "amendment" and e["act"] == "A1385" for e in act["events"])
    numbers = [s["section"] for part in act["parts"] for s in part["sections"]]
    assert "26A" in numbers and "44" in numbers
    s44 = next(s for part in act["parts"] for s in part["sections"] if s["section"] == "44")
    # A1385 s 19 made the interim protection order mandatory in 2010; the fourteen days changed only in 2015
    assert "Majistret hendaklah membuat" in s44["body"]["children"][1]["text"]
    assert "empat belas hari" in s44["body"]["children"][1]["text"]


def test_act_before_the_later_parts_commenced_lists_them_as_not_yet_in_force(real_project):
    act = document_json(real_project.statutes, real_project.consolidation,
                        select(real_project.consolidation, "act-670", "act-670@2007-10-01", as_at=None, langs=("en",))[0])
    assert "44" in act["not_yet_in_force"]
    assert [e for e in act["events"] if e["type"] == "commencement"][0]["notice"] == "P.U. (B) 339/2007"


def test_export_writes_every_document_into_a_folder_the_same_way_twice(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        result = run("export", "44", "-o", str(folder))
        assert result.exit_code == 0, result.stderr
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.json"))
    assert files == ["act-670/sec_44/2008-02-28.eng.json", "act-670/sec_44/2008-02-28.msa.json",
                     "act-670/sec_44/2010-11-15.eng.json", "act-670/sec_44/2010-11-15.msa.json",
                     "act-670/sec_44/2015-11-18.eng.json", "act-670/sec_44/2015-11-18.msa.json"]
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


@pytest.mark.parametrize("args, message", [
    (("s 44(2)",), "export a whole section"),
    (("68",), "no section 68"),
    (("act-670@2015-11-19",), "the Act did not change on 2015-11-19"),
    (("44", "--as-at", "2001-01-01", "--lang", "en"), "no version of section 44 for that date"),
    (("44",), "6 documents: give a folder"),
    (("--all", "44"), "--all exports everything"),
])
def test_export_of_something_that_is_not_there_says_what_is(args, message):
    result = run("export", *args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_our_words_in_a_rendered_text_are_listed_by_offset_and_unmarked_in_the_text():
    marked = "The Magistrate \u27e6shall\u27e7 make an order for \u27e6twenty-one\u27e7 days"
    assert plain_words(marked) == "The Magistrate shall make an order for twenty-one days"
    spans = ours_spans(marked)
    assert [plain_words(marked)[a:b] for a, b in spans] == ["shall", "twenty-one"]
    assert split_ours(marked)[1] == ("shall", True)
    assert plain_words(MISSING) is None and ours_spans("plain words") == []


def test_unofficial_english_says_so_in_the_exported_section_and_act(real_project):
    """A rendered provision (the tier of issue 12, set here the way the engine sets it): its tier, the
    section's and the Act's lowest tier, `unofficial`, and our words by offset; and it still validates."""
    import dataclasses

    version = real_project.consolidation.versions["44"][-1]
    tree = version.body["en"]


    def retier(node):
        mine = node.eid == "sec_44__subsec_2"
        text = "The Magistrate \u27e6shall\u27e7 make an interim protection order for \u27e6twenty-one\u27e7 days." \
            if mine else node.text
        return dataclasses.replace(node, text=text, children=tuple(retier(c) for c in node.children),
                                   tier="rendered" if mine else "verbatim")

    rendered = dataclasses.replace(version, body={**version.body, "en": retier(tree)})
    consolidation = dataclasses.replace(real_project.consolidation, versions={
        **real_project.consolidation.versions, "44": (*real_project.consolidation.versions["44"][:-1], rendered)})
    section = document_json(real_project.statutes, consolidation, SectionDoc(rendered, "en"))
    assert schema_errors(section) == []
    assert (section["tier"], section["unofficial"]) == ("rendered", True)
    assert section["tier_label"] == "Unofficial English (rendered from the official Malay)"
    node = section["body"]["children"][1]
    assert node["tier"] == "rendered" and [node["text"][a:b] for a, b in node["ours"]] == ["shall", "twenty-one"]
    assert section["body"]["children"][0]["tier"] == "verbatim"
    act = document_json(real_project.statutes, consolidation,
                        select(consolidation, "act-670", "act-670@2015-11-18", as_at=None, langs=("en",))[0])
    # the Act's lowest tier: besides this rendering it holds our translations of the 2010 text (e.g. s 7)
    assert schema_errors(act) == [] and (act["tier"], act["unofficial"]) == ("translated", True)


def test_real_rendered_and_translated_english_says_so_in_the_json(real_project):
    """The real English layer for A1385 (statutes/english/act-a1385.md): s 3 as at 2012 is rendered (our words
    listed in `ours`), the 2010 definition of trafficking in persons translated; both unofficial, the Malay not."""
    import yaml

    text = (REPO / "statutes" / "english" / "act-a1385.md").read_text(encoding="utf-8")
    layer = yaml.safe_load(text.removeprefix("---\n").split("\n---\n")[0])
    words = next(e for e in layer["entries"] if e["instruction"] == "sec_5__para_a")["en"]["words"]

    def exported(ref: str, lang: str) -> dict:
        doc = select(real_project.consolidation, "act-670", ref, as_at=None, langs=(lang,))[0]
        data = document_json(real_project.statutes, real_project.consolidation, doc)
        assert schema_errors(data) == []
        return data

    s3 = exported("act-670/sec_3@2010-11-15", "en")
    assert (s3["tier"], s3["unofficial"]) == ("rendered", True) and "unofficial" in s3["tier_label"].lower()
    body = s3["body"]
    assert body["tier"] == "rendered"
    assert words in [body["text"][start:end] for start, end in body["ours"]]
    s2 = exported("act-670/sec_2@2010-11-15", "en")
    definition = next(n for n in s2["body"]["children"] if n["eid"] == "sec_2__def_trafficking-in-persons")
    assert definition["tier"] == "translated" and s2["unofficial"] is True
    malay = exported("act-670/sec_3@2010-11-15", "ms")
    assert malay["unofficial"] is False and malay["tier"] == "verbatim"
