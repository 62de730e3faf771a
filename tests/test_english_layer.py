"""The English layer (issue 12): English for Malay-only amendments, with its tier, applied by the engine."""

from __future__ import annotations

import pytest

from atipsom.app.integrity import UNOFFICIAL, text_blocks
from atipsom.app.snapshot import version_file
from atipsom.domain.amend import consolidate
from atipsom.domain.diff import diff_versions
from atipsom.domain.english import english_gaps, english_problems
from atipsom.domain.errors import InputErrors
from atipsom.domain.model import MISSING
from atipsom.domain.tiers import provision_tier, version_tier
from atipsom.load.statutes import load_statutes
from tests.conftest import MINI_A2010, MINI_A2015, write_tree

ENGLISH_A2010 = """\
---
act: act-a1385
entries:
  - instruction: sec_2
    target: sec_44__subsec_2
    tier: rendered
    renders: {ms: {old: "boleh membuat", new: "hendaklah membuat"}}
    en: {old: "may make", new: "shall make"}
    note: "“hendaklah” is the Act's “shall”."
  - instruction: sec_3
    tier: translated
    renders:
      ms:
        text: |
          - (6) Tiada apa-apa jua dalam seksyen ini menyentuh apa-apa pendakwaan.
    en: {text: "- (6) Nothing in this section affects any prosecution."}
---
"""
TERMS = """\
terms:
  - {ms: "perintah perlindungan interim", en: "interim protection order", source: "s 44, bill 2007 (en) and (ms)"}
"""


def english_tree(tmp_path, english=ENGLISH_A2010, a2010=MINI_A2010, a2015=MINI_A2015, terms=None):
    statutes = write_tree(tmp_path, amendments={"act-a1385": a2010, "act-a1500": a2015})
    (statutes / "english").mkdir()
    (statutes / "english" / "act-a1385.md").write_text(english, encoding="utf-8")
    if terms is not None:
        (statutes / "terms.yml").write_text(terms, encoding="utf-8")
    return statutes


def s44_2(c, index):
    version = c.versions["44"][index]
    return version, version.body["en"].find("sec_44__subsec_2")


def test_lawyer_reads_s44_2_as_at_2012_in_unofficial_english_with_our_word_marked(tmp_path):
    c = consolidate(load_statutes(english_tree(tmp_path)))
    assert not c.errors
    version, provision = s44_2(c, 1)
    assert provision.text == ("The Magistrate \u27e6shall make\u27e7 an interim protection order for a period not "
                              "exceeding fourteen days.")
    assert provision.tier == "rendered" and version_tier(version, "en") == "rendered"
    assert version.body["en"].find("sec_44__subsec_1").tier == "verbatim"
    assert version.body["ms"].find("sec_44__subsec_2").tier == "verbatim"
    assert version.text_status["en"] == "verbatim"  # no longer "incomplete": every provision has English


def test_verbatim_2015_amendment_applies_on_top_of_the_rendering_which_stays_rendered(tmp_path):
    c = consolidate(load_statutes(english_tree(tmp_path)))
    _, provision = s44_2(c, 2)
    assert provision.text.endswith("\u27e6shall make\u27e7 an interim protection order for a period not exceeding "
                                   "twenty-one days.")
    assert provision.tier == "rendered"
    application = next(a for a in c.applications if a.instruction.citation == "A1500 s 9")
    assert application.outcome == {"en": "applied", "ms": "applied"}


def test_verbatim_words_found_across_our_marks_replace_them_and_the_text_becomes_reconstructed(tmp_path):
    a2015 = MINI_A2015.replace('en: {old: "fourteen days", new: "twenty-one days"}',
                               'en: {old: "shall make an interim", new: "shall make an interim"}')
    c = consolidate(load_statutes(english_tree(tmp_path, a2015=a2015)))
    assert not c.errors
    _, provision = s44_2(c, 2)
    assert "\u27e6" not in provision.text and "shall make an interim" in provision.text
    assert provision.tier == "reconstructed"


def test_provision_inserted_only_in_malay_is_translated(tmp_path):
    c = consolidate(load_statutes(english_tree(tmp_path)))
    version = c.versions["51"][1]
    inserted = version.body["en"].find("sec_51__subsec_6")
    assert inserted.text == "Nothing in this section affects any prosecution." and inserted.tier == "translated"
    assert provision_tier(version.body["en"]) == "translated"
    assert "english_tiers:\n  provisions:\n    sec_51__subsec_6: translated" in version_file(version)


def test_without_an_entry_the_english_stays_not_available_and_is_listed_as_a_gap(mini_tree):
    statutes = load_statutes(mini_tree)
    c = consolidate(statutes)
    _, provision = s44_2(c, 1)
    assert provision.text == MISSING  # an absent text, not a string
    assert [i.provision for i in english_gaps(statutes.amendments)] == ["sec_2", "sec_3"]


def test_the_instructions_own_english_wins_and_check_says_to_delete_the_entry(tmp_path):
    a2010 = MINI_A2010.replace('    ms: {old: "boleh membuat", new: "hendaklah membuat"}',
                               '    ms: {old: "boleh membuat", new: "hendaklah membuat"}\n'
                               '    en: {old: "may make", new: "must make"}')
    statutes = load_statutes(english_tree(tmp_path, a2010=a2010))
    _, provision = s44_2(consolidate(statutes), 1)
    assert "must make" in provision.text and provision.tier == "verbatim"
    problems = english_problems(statutes.amendments, statutes.terms)
    assert [(p.line, "English words of its own" in p.message) for p in problems] == [(4, True)]


def test_a_changed_malay_payload_makes_its_rendering_stale_and_unused(tmp_path):
    a2010 = MINI_A2010.replace('new: "hendaklah membuat"', 'new: "hendaklah juga membuat"')
    statutes = load_statutes(english_tree(tmp_path, a2010=a2010))
    problems = english_problems(statutes.amendments, statutes.terms)
    assert len(problems) == 1 and problems[0].line == 4 and problems[0].message.startswith("stale:")
    assert problems[0].path.endswith("statutes/english/act-a1385.md")
    _, provision = s44_2(consolidate(statutes), 1)
    assert provision.text == MISSING  # an absent text, not a string


def test_an_entry_for_an_instruction_that_does_not_exist_fails_with_its_line(tmp_path):
    english = ENGLISH_A2010.replace("  - instruction: sec_3\n", "  - instruction: sec_9\n")
    with pytest.raises(InputErrors) as caught:
        load_statutes(english_tree(tmp_path, english=english))
    [error] = caught.value.errors
    assert error.line == 10 and "A1385 has no instruction sec_9" in error.message


@pytest.mark.parametrize("english, problems", [("interim order", 1), ("interim protection order", 0)])
def test_a_translation_must_use_the_banked_english_of_a_malay_term(tmp_path, english, problems):
    a2010 = MINI_A2010.replace("menyentuh apa-apa pendakwaan.", "menyentuh apa-apa perintah perlindungan interim.")
    entries = ENGLISH_A2010.replace("menyentuh apa-apa pendakwaan.", "menyentuh apa-apa perintah perlindungan interim.")
    entries = entries.replace("affects any prosecution.", f"affects any {english}.")
    statutes = load_statutes(english_tree(tmp_path, english=entries, a2010=a2010, terms=TERMS))
    found = english_problems(statutes.amendments, statutes.terms)
    assert len(found) == problems
    if found:
        assert found[0].line == 10 and "statutes/terms.yml:2" in found[0].message


def test_comparison_2010_to_2015_shows_the_english_change_of_s44_2_as_rendered(tmp_path):
    c = consolidate(load_statutes(english_tree(tmp_path)))
    item = next(i for i in diff_versions(c.versions["44"][1], c.versions["44"][2], "en") if i.eid == "sec_44__subsec_2")
    assert item.status == "changed" and item.tier == "rendered"
    assert [s.text for s in item.text if s.op == "ins"] == ["twenty-one"]


def test_a_malay_change_is_never_unchanged_in_english(mini_tree):
    c = consolidate(load_statutes(mini_tree))
    item = next(i for i in diff_versions(c.versions["44"][1], c.versions["44"][2], "en") if i.eid == "sec_44__subsec_2")
    assert item.status == "unavailable"


def test_the_manifest_hashes_our_english_apart_from_the_verbatim_text(tmp_path):
    statutes = load_statutes(english_tree(tmp_path))
    ours = [key for key in text_blocks(statutes) if key.startswith(UNOFFICIAL)]
    assert ours == [f"{UNOFFICIAL}act-a1385/sec_2/0#en", f"{UNOFFICIAL}act-a1385/sec_3/1#en"]


def test_the_english_layer_completes_english_a_source_gives_only_in_part_and_its_words_stay_verbatim(tmp_path):
    a2010 = MINI_A2010.replace(
        "        - (6) Tiada apa-apa jua dalam seksyen ini menyentuh apa-apa pendakwaan.\n",
        "        - (6) Tiada apa-apa jua dalam seksyen ini menyentuh apa-apa pendakwaan.\n"
        "        - (7) Seksyen ini terpakai juga bagi migran.\n"
        "    en:\n      text: |\n"
        "        - (6) Nothing in this section affects any prosecution.\n"
        "        - (7) {not available}\n")
    english = ENGLISH_A2010.replace(
        "          - (6) Tiada apa-apa jua dalam seksyen ini menyentuh apa-apa pendakwaan.\n",
        "          - (6) Tiada apa-apa jua dalam seksyen ini menyentuh apa-apa pendakwaan.\n"
        "          - (7) Seksyen ini terpakai juga bagi migran.\n")
    english = english.replace('en: {text: "- (6) Nothing in this section affects any prosecution."}',
                              'en: {text: "- (6) Nothing in this section affects any prosecution.\\n'
                              '- (7) This section also applies to migrants."}')
    statutes = load_statutes(english_tree(tmp_path, english=english, a2010=a2010))
    version = consolidate(statutes).versions["51"][1]
    assert version.body["en"].find("sec_51__subsec_6").tier == "verbatim"
    seven = version.body["en"].find("sec_51__subsec_7")
    assert seven.text == "This section also applies to migrants." and seven.tier == "translated"
    assert english_problems(statutes.amendments, statutes.terms) == []
    assert [i.provision for i in english_gaps(statutes.amendments)] == []


HEADINGS_A2010 = MINI_A2010.replace("---\nSummary.", """\
  - provision: sec_4
    op: substitute_words
    target: part_V
    field: heading
    ms: {old: "JAGAAN", new: "PENJAGAAN"}
  - provision: sec_5
    op: insert_section
    section: "44A"
    after: sec_44
    part: "V"
    ms:
      heading: Tempoh perintah
      text: Perintah itu hendaklah berkuat kuasa selama empat belas hari.
  - provision: sec_6
    op: substitute_long_title
    ms: {text: "Suatu Akta bagi ujian dan perkara yang berkaitan."}
---
Summary.""")
HEADINGS_ENGLISH = ENGLISH_A2010.removesuffix("---\n") + """\
  - instruction: sec_4
    tier: rendered
    renders: {ms: {old: "JAGAAN", new: "PENJAGAAN"}}
    en: {old: "CARE", new: "CUSTODY"}
  - instruction: sec_5
    tier: translated
    renders: {ms: {heading: Tempoh perintah, text: Perintah itu hendaklah berkuat kuasa selama empat belas hari.}}
    en: {heading: Duration of order, text: The order shall be in force for fourteen days.}
  - instruction: sec_6
    tier: translated
    renders: {ms: {text: "Suatu Akta bagi ujian dan perkara yang berkaitan."}}
    en: {text: "An Act to provide for tests and for related matters."}
---
"""


def test_headings_part_headings_and_the_long_title_carry_their_tier(tmp_path):
    statutes = load_statutes(english_tree(tmp_path, english=HEADINGS_ENGLISH, a2010=HEADINGS_A2010))
    c = consolidate(statutes)
    assert not c.errors
    work_2010 = c.work_versions[-2]
    part = next(p for p in work_2010.parts if p.number == "V")
    assert part.heading["en"] == "\u27e6CUSTODY\u27e7 AND PROTECTION" and part.heading_tier == {"en": "rendered"}
    assert work_2010.front["en"].find("longtitle").tier == "translated"
    assert work_2010.front["ms"].find("longtitle").tier == "verbatim"
    inserted = c.versions["44A"][0]
    assert inserted.heading["en"] == "Duration of order" and inserted.heading_tier == {"en": "translated"}
    assert version_tier(inserted, "en") == "translated" and version_tier(inserted, "ms") == "verbatim"
    assert "english_tiers:\n  heading: translated" in version_file(inserted)
