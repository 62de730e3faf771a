"""A text that no source gives is an absent value in the domain, not a string (issue 11, item 4).

The law files and the snapshot write it `{not available}`; the domain reads that once, at the edge
(atipsom.domain.body), as `MISSING`; a renderer shows the labelled placeholder, plain text the notice.
"""

from __future__ import annotations

import pytest

from atipsom.app.snapshot import version_file
from atipsom.domain.amend import consolidate
from atipsom.domain.body import format_body, parse_body
from atipsom.domain.model import MISSING, Missing
from atipsom.domain.plaintext import NOT_AVAILABLE_NOTICE, all_words, provision_text
from atipsom.load.statutes import load_statutes
from atipsom.render.law import render_law

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
