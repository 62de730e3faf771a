"""A text that no source gives is an absent value in the domain, not a string (issue 11, item 4).

The law files and the snapshot write it `{not available}`; the domain reads that once, at the edge
(atipsom.domain.body for law text, the loaders for headings and titles), as `MISSING`; a renderer shows the
labelled placeholder, plain text the notice. A section's or a Part's heading that no source gives in a language
is `MISSING` too, never the string.
"""

from __future__ import annotations

import pytest
import yaml

from atipsom.app.integrity import _sha, text_blocks
from atipsom.app.snapshot import version_file, work_file
from atipsom.domain.amend import consolidate
from atipsom.domain.body import format_body, parse_body
from atipsom.domain.model import MISSING, Missing
from atipsom.domain.plaintext import NOT_AVAILABLE_NOTICE, all_words, provision_text
from atipsom.domain.text import is_available, read_texts
from atipsom.load.statutes import load_statutes
from atipsom.render.law import render_law
from atipsom.render.pages.context import english_or_malay, section_title
from tests.conftest import MINI_A2010, MINI_A2015, MINI_SECTIONS, write_tree

BODY = """An enforcement officer may act.

- (1) The officer shall record it.
- (2) {not available}
  - (a) {not available}
  - (b) within fourteen days,

  {not available}
"""


def test_a_provision_with_no_english_has_no_text_value(mini_tree):
    version_2010 = consolidate(load_statutes(mini_tree)).versions["44"][1]
    english = version_2010.body["en"].find("sec_44__subsec_2")
    assert english is not None and isinstance(english.text, Missing) and not isinstance(english.text, str)
    assert english.text == MISSING and english.term is None
    assert isinstance(version_2010.body["ms"].find("sec_44__subsec_2").text, str)  # the Malay has its words
    with pytest.raises(TypeError):
        str(english.text)  # never mistaken for words


def test_the_body_format_reads_not_available_as_missing_and_writes_it_back():
    tree = parse_body(BODY, root_eid="sec_9", root_kind="section", root_num="9")
    two = tree.find("sec_9__subsec_2")
    assert two is not None and two.text is MISSING and two.wrapup is MISSING
    assert tree.find("sec_9__subsec_2__para_a").text is MISSING
    assert tree.find("sec_9__subsec_2__para_b").text == "within fourteen days,"
    assert not tree.is_fully_available and tree.has_available_text
    assert list(tree.words) == ["An enforcement officer may act.", "The officer shall record it.",
                                "within fourteen days,"]
    written = format_body(tree)
    assert written.count("{not available}") == 3
    assert parse_body(written, root_eid="sec_9", root_kind="section", root_num="9") == tree


def test_the_snapshot_writes_a_missing_english_text_as_not_available(mini_tree):
    version_2010 = consolidate(load_statutes(mini_tree)).versions["44"][1]
    snapshot = version_file(version_2010)
    english = snapshot.split("## English", 1)[1].split("## Bahasa Malaysia", 1)[0]
    assert "- (2) {not available}" in english
    assert "Missing" not in snapshot


def test_readers_see_the_labelled_placeholder_and_plain_text_the_notice():
    tree = parse_body(BODY, root_eid="sec_9", root_kind="section", root_num="9")
    text = provision_text(tree, "en")
    assert text.count(NOT_AVAILABLE_NOTICE["en"]) == 3 and "{not available}" not in text
    assert "{not available}" not in all_words(tree)


def test_a_lawyer_reading_a_version_sees_where_the_english_is_missing(mini_tree):
    version_2010 = consolidate(load_statutes(mini_tree)).versions["44"][1]
    html = render_law(version_2010)
    assert "{not available}" not in html and "Missing(" not in html
    missing = sum(isinstance(t, Missing) for t in version_2010.body["en"].texts())
    placeholder = '<em class="atp-na-text">English text not available in any source: see the Malay text.</em>'
    assert missing >= 1 and html.count(placeholder) == missing


# An invented amending Act that gives only Malay words: a new Part VI and a new section 52 in it, neither with an
# English heading in any source (english_text: missing, no English layer entry).
MALAY_ONLY_2016 = """\
---
id: act-a1600
number: A1600
short_title: {en: "{not available}", ms: Akta Ujian (Pindaan) 2016}
bill: {number: D.R. 9/2016, source: {ms: bill-ms}}
dates:
  in_force: {date: 2016-06-01, certainty: official, source: P.U. (B) 1/2016}
english_text: missing
instructions:
  - provision: sec_2
    op: insert_part
    part: "VI"
    after: part_V
    ms: {heading: PERUNTUKAN AM}
  - provision: sec_3
    op: insert_section
    section: "52"
    after: sec_51
    part: "VI"
    ms:
      heading: Peraturan-peraturan
      text: |
        - (1) Menteri boleh membuat peraturan-peraturan.
---
Summary.
"""


@pytest.fixture
def malay_only_tree(tmp_path):
    return write_tree(tmp_path, amendments={"act-a1385": MINI_A2010, "act-a1500": MINI_A2015,
                                            "act-a1600": MALAY_ONLY_2016})


def test_a_section_inserted_with_no_english_heading_has_a_missing_heading_not_a_string(malay_only_tree):
    consolidation = consolidate(load_statutes(malay_only_tree))
    assert not consolidation.errors
    (inserted,) = consolidation.versions["52"]
    assert isinstance(inserted.heading["en"], Missing) and not isinstance(inserted.heading["en"], str)
    assert inserted.heading["en"] is MISSING and not is_available(inserted.heading["en"])
    assert inserted.heading["ms"] == "Peraturan-peraturan"
    assert inserted.text_status["en"] == "missing"
    with pytest.raises(TypeError):
        str(inserted.heading["en"])  # never shown as if it were words


def test_the_snapshot_writes_a_missing_heading_as_not_available_and_reads_it_back(malay_only_tree):
    (inserted,) = consolidate(load_statutes(malay_only_tree)).versions["52"]
    meta = yaml.safe_load(version_file(inserted).split("---\n", 2)[1])
    assert meta["heading"] == {"en": "{not available}", "ms": "Peraturan-peraturan"}
    assert read_texts(meta["heading"]) == inserted.heading  # the same value, read back at the edge
    # a law file that writes the heading so is read as the missing heading too
    unheaded = MINI_SECTIONS["2"].replace("  en: Interpretation\n", '  en: "{not available}"\n')
    statutes = load_statutes(write_tree(malay_only_tree.parent / "again", sections={**MINI_SECTIONS, "2": unheaded}))
    section = statutes.sections["2"]
    assert section.heading["en"] is MISSING and section.heading["ms"] == "Tafsiran"
    # the manifest hashes the heading as the file writes it, so that its hashes do not change
    block = text_blocks(statutes)["act-670/sec_2#en"]
    assert block.text_hash == _sha([format_body(section.body["en"]), "{not available}"])


def test_a_part_inserted_with_no_english_heading_has_a_missing_heading(malay_only_tree):
    consolidation = consolidate(load_statutes(malay_only_tree))
    latest = consolidation.work_versions[-1]
    part = next(p for p in latest.parts if p.number == "VI")
    assert part.heading["en"] is MISSING and part.heading["ms"] == "PERUNTUKAN AM"
    meta = yaml.safe_load(work_file("act-670", latest).split("---\n", 2)[1])
    written_part = next(p for p in meta["parts"] if p["part"] == "VI")
    assert written_part["heading"] == {"en": "{not available}", "ms": "PERUNTUKAN AM"}
    assert read_texts(written_part["heading"]) == part.heading


def test_pages_name_a_section_and_a_part_by_their_malay_heading_where_no_english_is_known(malay_only_tree):
    consolidation = consolidate(load_statutes(malay_only_tree))
    (inserted,) = consolidation.versions["52"]
    part = next(p for p in consolidation.work_versions[-1].parts if p.number == "VI")
    assert section_title(inserted) == "Section 52. Peraturan-peraturan"
    assert english_or_malay(part.heading) == "PERUNTUKAN AM"
    act = next(a for a in load_statutes(malay_only_tree).amendments if a.id == "act-a1600")
    assert act.short_title["en"] is MISSING and english_or_malay(act.short_title) == "Akta Ujian (Pindaan) 2016"
