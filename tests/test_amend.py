"""The amendment engine, on a small tree built for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from atipsom.domain.amend import consolidate
from atipsom.domain.errors import InputErrors
from atipsom.domain.lookup import NotFound, resolve
from atipsom.domain.model import MISSING
from atipsom.load.statutes import load_statutes
from tests.conftest import MINI_A2015, write_tree

D = dt.date


def test_every_section_gets_its_commencement_date_as_first_version(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    assert not c.errors
    assert c.versions["2"][0].in_force_from == D(2007, 10, 1)
    assert c.versions["44"][0].in_force_from == D(2008, 2, 28)


def test_caseworker_gets_fourteen_days_in_2012_and_twenty_one_in_2016(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    in_2009 = resolve(c, "s 44(2)", as_at=D(2009, 6, 1))
    in_2012 = resolve(c, "seksyen 44(2)", lang="ms", as_at=D(2012, 6, 1))
    in_2016 = resolve(c, "seksyen 44(2)", lang="ms", as_at=D(2016, 6, 1))
    assert "fourteen days" in in_2009.provision.text
    assert "hendaklah membuat" in in_2012.provision.text and "empat belas hari" in in_2012.provision.text
    assert "dua puluh satu hari" in in_2016.provision.text
    assert [a.citation for a in in_2016.version.amended_by] == ["A1500 s 9"]


def test_versions_end_the_day_before_the_next_begins(mini_tree):
    versions = consolidate(load_statutes(mini_tree)).versions["44"]
    assert [(v.in_force_from, v.in_force_to) for v in versions] == [
        (D(2008, 2, 28), D(2010, 11, 14)),
        (D(2010, 11, 15), D(2015, 11, 17)),
        (D(2015, 11, 18), None),
    ]


def test_malay_only_amendment_makes_the_english_words_not_available_never_guessed(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    version_2010 = c.versions["44"][1]
    assert version_2010.body["ms"].find("sec_44__subsec_2").text.startswith("Majistret hendaklah membuat")
    assert version_2010.body["en"].find("sec_44__subsec_2").text == MISSING  # an absent text, not a string
    assert version_2010.body["en"].find("sec_44__subsec_1").text.startswith("An enforcement officer")
    assert version_2010.text_status["en"] == "incomplete"


def test_english_change_to_unavailable_text_is_recorded_not_applied(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    application = next(a for a in c.applications if a.instruction.citation == "A1500 s 9")
    assert application.outcome["ms"] == "applied"
    assert application.outcome["en"].startswith("not applied")
    assert c.versions["44"][2].body["en"].find("sec_44__subsec_2").text == MISSING  # an absent text, not a string


def test_inserted_provision_mirrors_structure_in_the_language_without_words(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    v = c.versions["51"][1]
    assert v.body["ms"].find("sec_51__subsec_6").text.startswith("Tiada apa-apa")
    assert v.body["en"].find("sec_51__subsec_6").text == MISSING  # an absent text, not a string
    assert [p.eid for p in v.body["en"].walk()] == [p.eid for p in v.body["ms"].walk()]


def test_inserted_section_is_not_in_force_before_its_act(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    assert c.order == ("2", "44", "51", "51A")
    with pytest.raises(NotFound, match=r"section 51A was not in force on 2012-06-01: inserted by Act A1500 s 11, "
                                       r"in force 18 November 2015"):
        resolve(c, "51A", as_at=D(2012, 6, 1))
    assert resolve(c, "51A", as_at=D(2016, 1, 1)).version.change == "inserted"
    assert c.work_versions[-1].parts[1].sections == ("44", "51", "51A")


def test_punctuation_at_end_and_definition_insertion(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    v = c.versions["2"][-1]
    assert v.body["en"].find("sec_2__def_premises").text.endswith("container;")
    assert v.body["en"].find("sec_2__def_place-of-refuge").term == "place of refuge"


def test_history_notes_name_the_amending_provision(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    v = c.versions["51"][-1]
    notes = v.history["sec_51__subsec_3__para_a__subpara_i"]
    assert [(n.citation, n.in_force) for n in notes] == [("A1500 s 10(b)", D(2015, 11, 18))]


@pytest.mark.parametrize("change, message", [
    ('{old: "fourteen days", new: "x"}', None),
    ('{old: "fifteen days", new: "x"}', "words 'fifteen days' not found"),
    ('{old: "Magistrate", new: "x"}', "found 3 times in sec_51 (en), once was meant"),
])
def test_instruction_that_does_not_apply_cleanly_is_an_error_naming_it_and_its_line(tmp_path, change, message):
    act = MINI_A2015.replace('en: {old: "fourteen days", new: "twenty-one days"}', f"en: {change}")
    act = act.replace('target: sec_44__subsec_2\n    en', 'target: sec_51\n    en')
    act = act.replace('ms: {old: "empat belas hari", new: "dua puluh satu hari"}',
                      'ms: {old: "empat belas hari", new: "dua puluh satu hari"}')
    tree = write_tree(tmp_path, amendments={"act-a1500": act})
    c = consolidate(load_statutes(tree))
    if message is None:
        assert not c.errors
        return
    assert len(c.errors) == 1
    error = c.errors[0]
    assert error.path.endswith("statutes/amendments/act-a1500.md")
    assert error.line == 23  # the line of the English words, in the instruction that starts on line 20
    assert "A1500 s 9" in error.message and message in error.message


def test_missing_target_is_an_error(tmp_path):
    act = MINI_A2015.replace("target: sec_51__subsec_3__para_a__subpara_i", "target: sec_51__subsec_4__para_a")
    c = consolidate(load_statutes(write_tree(tmp_path, amendments={"act-a1500": act})))
    assert any("sec_51__subsec_4__para_a does not exist" in e.message for e in c.errors)


def test_a_deleted_provision_keeps_its_place_and_anchor_with_the_reprint_placeholder(real_consolidation):
    """s 6(2) reads (b), (c) (Deleted by Act A1500), (d) from 2015 on, in both languages, not (b) then (d)."""
    versions = [v for v in real_consolidation.versions["6"] if v.in_force_from >= D(2015, 11, 18)]
    assert versions
    for version in versions:
        paragraphs = [p.num for p in version.body["en"].find("sec_6__subsec_2").children]
        assert paragraphs[paragraphs.index("(b)") + 1] == "(c)"
        assert version.body["en"].find("sec_6__subsec_2__para_c").text == "(Deleted by Act A1500)"
        assert version.body["ms"].find("sec_6__subsec_2__para_c").text == "(Dipotong oleh Akta A1500)"
    before = real_consolidation.versions["6"][0].body["en"].find("sec_6__subsec_2__para_c")
    assert before.text != "(Deleted by Act A1500)"


def test_lawyer_sees_the_s26c_penalty_marked_disputed_with_both_readings(real_consolidation):
    """Issue 12 item 5: the 2010 Malay bill says 'not less than seven years'; the 2021 bills treat it as a maximum."""
    first, *later = real_consolidation.versions["26C"]
    assert first.text_status["ms"] == "disputed"
    assert all(v.text_status["ms"] == "disputed" for v in later)
    note = " ".join(first.notes)
    assert "Disputed:" in note and "tidak kurang daripada tujuh tahun" in note and "not exceeding seven years" in note


def test_malay_ss42_1_and_43_1_from_2015_show_the_reading_that_follows_the_english_bill(real_consolidation):
    for number, reading in (("42", "“Menteri boleh mengisytiharkan …”"), ("43", "“… boleh melantik …”")):
        version = next(v for v in real_consolidation.versions[number] if v.in_force_from == D(2015, 11, 18))
        assert version.text_status["ms"] == "disputed"
        assert any(reading in note and "English bill" in note for note in version.notes)


def test_malay_s15_from_2010_keeps_the_bills_double_full_stop_as_a_recorded_source_defect(real_consolidation):
    version = next(v for v in real_consolidation.versions["15"] if v.in_force_from == D(2010, 11, 15))
    assert version.body["ms"].text.endswith("kesalahan itu..")
    assert any(note.startswith("Source defect") for note in version.notes)


def test_repealed_section_keeps_its_number_with_the_placeholder_and_says_repealed(tmp_path):
    act = MINI_A2015.replace("---\nSummary.", "  - provision: sec_12\n    op: repeal_section\n    target: sec_51\n"
                                              "---\nSummary.")
    c = consolidate(load_statutes(write_tree(tmp_path, amendments={"act-a1500": act})))
    assert not c.errors
    before, repealed = c.versions["51"][-2:]
    assert repealed.change == "repealed" and repealed.in_force_from == D(2015, 11, 18)
    assert before.in_force_to == D(2015, 11, 17)
    assert repealed.body["en"].text == "(Deleted by Act A1500)" and not repealed.body["en"].children
    assert repealed.body["ms"].text == "(Dipotong oleh Akta A1500)"
    assert resolve(c, "s 51", as_at=D(2016, 1, 1)).version is repealed
    assert "51" in c.order


def test_an_operation_that_takes_no_words_says_so_rather_than_crash(tmp_path):
    act = MINI_A2015.replace("---\nSummary.", "  - provision: sec_12\n    op: repeal_section\n    target: sec_51\n"
                                              "    en: {text: gone}\n---\nSummary.")
    with pytest.raises(InputErrors) as caught:
        load_statutes(write_tree(tmp_path, amendments={"act-a1500": act}))
    assert any("repeal_section takes no words" in e.message for e in caught.value.errors)
