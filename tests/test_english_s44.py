"""s 44(2), the interim protection order, in English: A1385 s 19 changed only the Malay ("boleh" -> "hendaklah"),
so the English a lawyer reads from 15 November 2010 is ours, rendered from the Malay, and labelled so (issue 12)."""

from __future__ import annotations

import datetime

from atipsom.domain.diff import diff_versions
from atipsom.domain.tiers import provision_tier


def s44(real_consolidation, day):
    return next(v for v in real_consolidation.versions["44"]
                if v.in_force_from <= day and (v.in_force_to is None or day <= v.in_force_to))


def subsection_2(version, lang):
    return version.body[lang].find("sec_44__subsec_2")


def test_lawyer_reads_s44_2_as_at_2012_in_unofficial_english_with_our_word_marked(real_consolidation):
    version = s44(real_consolidation, datetime.date(2012, 1, 1))
    english, malay = subsection_2(version, "en"), subsection_2(version, "ms")
    assert "The Magistrate ⟦shall⟧ make an interim protection order" in english.text
    assert "fourteen days" in english.text and provision_tier(english) == "rendered"
    assert "Majistret hendaklah membuat" in malay.text and provision_tier(malay) == "verbatim"


def test_before_2010_the_english_is_the_bills_own_may(real_consolidation):
    english = subsection_2(s44(real_consolidation, datetime.date(2009, 1, 1)), "en")
    assert "The Magistrate may make" in english.text and provision_tier(english) == "verbatim"


def test_the_2015_english_amendment_now_applies_to_our_rendering(real_consolidation):
    # A1500 s 9 substitutes "twenty-one days" for "fourteen days" in the English too
    english = subsection_2(s44(real_consolidation, datetime.date(2016, 1, 1)), "en")
    assert "⟦shall⟧" in english.text and "twenty-one days" in english.text and "fourteen" not in english.text


def test_comparison_2010_to_2015_shows_the_english_change_as_rendered_not_unchanged(real_consolidation):
    before = s44(real_consolidation, datetime.date(2012, 1, 1))
    after = s44(real_consolidation, datetime.date(2016, 1, 1))
    item = next(i for i in diff_versions(before, after, "en") if i.eid == "sec_44__subsec_2")
    assert item.status == "changed" and item.tier == "rendered"
    assert [s.text for s in item.text if s.op == "ins"] == ["twenty-one"]
