"""The English layer's real data (issue 12): statutes/english/act-a1385.md and statutes/terms.yml.

Generic checks for the whole layer (every Malay-only instruction of A1385 has English, every entry renders
its instruction's Malay exactly, the term bank holds) and the stories of readers of ss 2-25 as A1385 ss 4-14
amended them. These run on the real statutes tree: they fail when the data breaks.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from atipsom.app.views import show
from atipsom.domain.diff import diff_versions
from atipsom.domain.english import english_gaps, english_problems
from atipsom.domain.model import is_available

A1385_IN_FORCE = dt.date(2010, 11, 15)
# The sections A1385 ss 1-14 amend (ss 2-25 of the Act).
REGION_SECTIONS = ("2", "3", "5", "6", "7", "15", "15A", "17A", "23", "25")
REGION_INSTRUCTIONS = re.compile(r"sec_([1-9]|1[0-4])(__|$)")
OPEN, CLOSE = "\u27e6", "\u27e7"


def a1385(statutes):
    return next(act for act in statutes.amendments if act.id == "act-a1385")


def version_on(consolidation, section: str, date: dt.date):
    return next(v for v in consolidation.versions[section] if v.is_in_force_on(date))


def english(consolidation, section: str, eid: str, date: dt.date):
    return version_on(consolidation, section, date).body["en"].find(eid)


def application(consolidation, act: str, provision: str):
    return next(a for a in consolidation.applications
                if a.instruction.act == act and a.instruction.provision == provision)


# --- generic checks over the whole layer ------------------------------------------------------------

def test_every_malay_only_instruction_of_a1385_ss_1_to_14_has_its_english(real_statutes):
    gaps = [i.provision for i in english_gaps(real_statutes.amendments)
            if i.act == "act-a1385" and REGION_INSTRUCTIONS.match(i.provision)]
    assert gaps == []


def test_every_entry_renders_exactly_the_malay_of_its_instruction(real_statutes):
    entries = [i for i in a1385(real_statutes).instructions if i.english is not None]
    assert len(entries) >= 21
    for instruction in entries:
        entry = instruction.english
        assert not entry.is_stale(instruction.payload["ms"].as_written()), f"{entry.path}:{entry.line} is stale"
        assert set(entry.en.as_written()) <= set(instruction.payload["ms"].as_written()) | {"occurrence"}, (
            f"{entry.path}:{entry.line}: the English payload's keys differ from the Malay payload's")


def test_the_layer_passes_the_term_bank_and_every_term_has_its_source(real_statutes):
    assert english_problems(real_statutes.amendments, real_statutes.terms) == []
    assert len(real_statutes.terms) >= 20
    assert all(term.source for term in real_statutes.terms)
    banked = {term.ms: term.en for term in real_statutes.terms}
    assert banked["negara transit"] == "transit country" and banked["penyeludupan migran"] == "smuggling of migrants"


def test_only_rendered_text_marks_our_words_and_only_reconstructed_text_cites_no_word_of_ours(real_statutes):
    for instruction in a1385(real_statutes).instructions:
        entry = instruction.english
        if entry is None:
            continue
        words = " ".join(v for v in entry.en.as_written().values() if isinstance(v, str))
        if entry.tier != "rendered":
            assert OPEN not in words, f"{entry.path}:{entry.line}"
        if entry.tier == "reconstructed":
            assert entry.sources, f"{entry.path}:{entry.line}"


@pytest.mark.parametrize("act, provision", [("act-a1500", "sec_5__para_a"), ("act-a1644", "sec_3__para_a"),
                                            ("act-a1644", "sec_3__para_b"), ("act-a1644", "sec_7")])
def test_later_english_amendments_apply_to_our_english_of_2010(real_consolidation, act, provision):
    assert application(real_consolidation, act, provision).outcome == {"en": "applied", "ms": "applied"}


@pytest.mark.parametrize("section", REGION_SECTIONS)
def test_no_english_reads_not_available_in_any_version_since_2010(real_consolidation, section):
    for version in real_consolidation.versions[section]:
        if version.in_force_to is not None and version.in_force_to < A1385_IN_FORCE:
            continue
        missing = [p.eid for p in version.body["en"].walk()
                   if any(w and not is_available(w) for w in (p.text, p.wrapup))]
        assert missing == [], f"{version.ref}: {missing}"
        assert is_available(version.heading["en"]), version.ref


# --- readers' stories ------------------------------------------------------------------------------

def test_caseworker_reads_s15A_in_2012_as_unofficial_english_with_the_verbatim_heading(real_statutes,
                                                                                      real_consolidation):
    data = show(real_statutes, real_consolidation, "s 15A", as_at=dt.date(2012, 1, 1))
    assert data["heading"] == "Offence in relation to trafficked person in transit"
    assert data["text"].startswith("Any person who brings in transit a trafficked person through Malaysia")
    assert "not exceeding seven years" in data["text"]
    assert data["tier"] == "translated" and data["unofficial"] is True
    malay = show(real_statutes, real_consolidation, "s 15A", lang="ms", as_at=dt.date(2012, 1, 1))
    assert "tidak melebihi tujuh tahun" in malay["text"] and malay["tier"] == "verbatim"
    version = version_on(real_consolidation, "15A", dt.date(2012, 1, 1))
    assert version.heading_tier.get("en", "verbatim") == "verbatim"


def test_after_2022_s15A_reads_fifteen_years_in_english_too(real_statutes, real_consolidation):
    data = show(real_statutes, real_consolidation, "s 15A", as_at=dt.date(2023, 1, 1))
    assert "not exceeding fifteen years" in data["text"] and "seven" not in data["text"]
    assert data["tier"] == "translated"


def test_lawyer_reads_the_councils_ngo_members_today_with_our_words_marked(real_consolidation):
    today = dt.date(2026, 1, 1)
    n = english(real_consolidation, "6", "sec_6__subsec_2__para_n", today)
    o = english(real_consolidation, "6", "sec_6__subsec_2__para_o", today)
    assert n.text.startswith("not more than five persons") and n.text.endswith(f"Minister{OPEN}; and{CLOSE}")
    assert o.text.startswith("not more than three persons from non-governmental organization")
    assert f"{OPEN}issues relating to smuggling of migrants{CLOSE}" in o.text
    assert n.tier == o.tier == "rendered"
    first = english(real_consolidation, "6", "sec_6__subsec_1", today)
    assert "Council for Anti-Trafficking in Persons and Anti-Smuggling of Migrants" in first.text
    assert first.tier == "reconstructed" and OPEN not in first.text


def test_the_definition_of_transit_country_is_reconstructed_from_the_consolidated_english(real_consolidation):
    definition = english(real_consolidation, "2", "sec_2__def_transit-country", dt.date(2012, 1, 1))
    assert definition.tier == "reconstructed" and OPEN not in definition.text
    assert definition.text.startswith("“transit country” means a country from which, or into or through which,")
    assert definition.text.endswith("as part of an act of trafficking in persons or smuggling of migrants;")


def test_the_2010_definitions_of_trafficking_and_smuggling_are_translated_until_2022_replaces_one(
        real_consolidation):
    in_2012 = english(real_consolidation, "2", "sec_2__def_trafficking-in-persons", dt.date(2012, 1, 1))
    assert in_2012.tier == "translated" and "through coercion" in in_2012.text
    in_2023 = english(real_consolidation, "2", "sec_2__def_trafficking-in-persons", dt.date(2023, 1, 1))
    assert in_2023.tier == "verbatim" and "for the purpose of exploitation, by the following means" in in_2023.text
    smuggling = english(real_consolidation, "2", "sec_2__def_smuggling-of-migrants", dt.date(2023, 1, 1))
    assert smuggling.tier == "translated" and [c.num for c in smuggling.children] == ["(a)", "(b)"]


def test_s23_5_keeps_the_consolidated_opening_words_and_marks_the_rest_as_ours(real_consolidation):
    five = english(real_consolidation, "23", "sec_23__subsec_5", dt.date(2012, 1, 1))
    verbatim, ours = five.text.split(OPEN)
    assert verbatim == ("Where there is no prosecution or conviction under this section, the owner, operator or "
                        "master of the conveyance used ")
    assert ours.startswith("shall be jointly and severally liable") and ours.endswith(CLOSE)
    assert five.tier == "rendered"


def test_the_2015_allowance_paragraph_follows_our_s7_1_j_whose_and_it_deletes(real_consolidation):
    j = english(real_consolidation, "7", "sec_7__subsec_1__para_j", dt.date(2016, 1, 1))
    ja = english(real_consolidation, "7", "sec_7__subsec_1__para_ja", dt.date(2016, 1, 1))
    assert j.text.endswith("smuggling of migrants;") and j.tier == "translated"
    assert ja.text.startswith("paying any allowance") and ja.tier == "verbatim"
    before = english(real_consolidation, "7", "sec_7__subsec_1__para_j", dt.date(2012, 1, 1))
    assert before.text.endswith("smuggling of migrants; and")


def test_comparing_s3_from_2007_to_2010_shows_the_english_change_as_rendered(real_consolidation):
    old, new = real_consolidation.versions["3"][0], real_consolidation.versions["3"][1]
    item = next(i for i in diff_versions(old, new, "en") if i.eid == "sec_3__para_b")
    assert item.status == "changed" and item.tier == "rendered"
    assert "or transit country" in " ".join(s.text for s in item.text if s.op == "ins")


def test_s25_immunity_covers_the_transit_country_in_all_three_paragraphs(real_consolidation):
    version = version_on(real_consolidation, "25", dt.date(2012, 1, 1))
    paragraphs = [version.body["en"].find(f"sec_25__para_{x}") for x in "abc"]
    assert all(f"receiving country {OPEN}or transit country{CLOSE}" in p.text for p in paragraphs)


def test_the_glossary_page_labels_our_translated_definitions_and_keeps_the_malay(real_consolidation):
    from atipsom.domain.glossary import glossary
    from atipsom.render.bilingual import glossary_markdown

    page = glossary_markdown(glossary(real_consolidation.versions["2"]), "en", "act-670")
    entry = page[page.index("## smuggling of migrants"):]
    entry = entry[:entry.index("</dl>")]
    assert '<dd lang="en"><a class="atp-tier atp-tier--translated"' in entry
    assert "“smuggling of migrants” means" in entry and "“penyeludupan migran” ertinya" in entry
    transit = page[page.index("## transit country"):]
    assert 'data-tier="reconstructed"' in transit[:transit.index("</dl>")]
