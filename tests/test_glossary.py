"""The glossary: a caseworker looks up what the Act means by a word, in English or Malay, as it read on a date."""

from __future__ import annotations

import datetime as dt

import pytest

from atipsom.domain.glossary import entry_for_eid, glossary, is_section_2_definition
from atipsom.domain.timeline import version_at
from tests.conftest import REPO


@pytest.fixture(scope="module")
def project():
    from atipsom.app.project import load_project

    return load_project(REPO)


@pytest.fixture(scope="module")
def entries(project):
    return glossary(project.consolidation.versions["2"])


def test_every_definition_of_every_version_of_s2_is_in_the_glossary(project, entries):
    keys = {entry.key for entry in entries}
    for version in project.consolidation.versions["2"]:
        for lang in ("en", "ms"):
            defined = {node.eid for node in version.body[lang].children if node.kind == "def"}
            assert defined <= keys, (version.in_force_from, lang, defined - keys)


def test_a_term_reads_as_it_did_on_a_date_with_what_changed_it(entries):
    refuge = entry_for_eid(entries, "sec_2__def_place-of-refuge")
    assert refuge.terms["en"] == ("place of refuge",) and refuge.terms["ms"] == ("tempat perlindungan",)
    assert [(p.in_force_from, p.in_force_to) for p in refuge.periods] == [(dt.date(2015, 11, 18), None)]
    assert refuge.periods[0].amended_by == ("A1500 s 2",)
    assert "subsection 42(1)" in refuge.periods[0].text["en"]


def test_a_deleted_definition_ends_the_day_before_the_act_that_deleted_it(entries):
    coercion = entry_for_eid(entries, "sec_2__def_coercion")
    assert coercion.periods[-1].in_force_to == dt.date(2022, 2, 21) and coercion.current is None


def test_a_definition_whose_english_no_source_gives_is_our_labelled_translation_beside_the_malay(entries):
    # the 2010 definition exists only in Malay; the English layer (issue 12) translates it, and says so
    trafficking = entry_for_eid(entries, "sec_2__def_trafficking-in-persons")
    assert [p.in_force_from for p in trafficking.periods] == [dt.date(2007, 10, 1), dt.date(2010, 11, 15),
                                                              dt.date(2022, 2, 22)]
    first, middle, last = trafficking.periods
    assert middle.text["en"].startswith("“trafficking in persons” means all actions") and middle.text["ms"]
    assert middle.tiers == {"en": "translated", "ms": "verbatim"}
    assert first.tiers.get("en") == last.tiers.get("en") == "verbatim"
    assert trafficking.term("en") == "trafficking in persons" and trafficking.term("ms") == "pemerdagangan orang"
    transit = entry_for_eid(entries, "sec_2__def_transit-country")
    assert transit.terms["en"] == ("transit country",)  # read from the reconstructed words
    labour = entry_for_eid(entries, "sec_2__def_pegawai-tenaga-kerja")
    assert labour.terms["en"] == ("Labour Officer",)  # from our translation's words, never made from the id


def test_each_period_is_the_text_in_force_on_its_dates(project, entries):
    versions = project.consolidation.versions["2"]
    for entry in entries:
        for period in entry.periods:
            version = version_at(versions, period.in_force_from)
            node = version.body["ms"].find(entry.key)
            assert node is not None, (entry.key, period.in_force_from)
            assert period.version_from == version.in_force_from


def test_only_definitions_in_s2_have_an_entry():
    assert is_section_2_definition("sec_2__def_child")
    assert not is_section_2_definition("sec_22__subsec_2") and not is_section_2_definition("nonsense")
