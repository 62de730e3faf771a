"""Part IIIA in English (issue 12): the smuggling-of-migrants offences A1385 s 15 inserted in 2010 exist only in
Malay, so their English is ours (translated), or the known English completed by us (rendered, s 26B), always
labelled unofficial with the official Malay beside it; the later English amendments (A1644 ss 10, 11) apply to
it. These run on the real statutes tree: they fail when the data breaks.
"""

from __future__ import annotations

import datetime as dt

import pytest

from atipsom.app.views import show
from atipsom.domain.english import english_gaps, english_problems
from atipsom.domain.model import is_available

A1385_IN_FORCE = dt.date(2010, 11, 15)
A1644_IN_FORCE = dt.date(2022, 2, 22)
IN_2012, IN_2023 = dt.date(2012, 1, 1), dt.date(2023, 1, 1)
PART_IIIA = ("26A", "26B", "26C", "26D", "26E", "26F", "26G", "26H", "26I", "26J", "26K")
OPEN, CLOSE = "\u27e6", "\u27e7"


def a1385_s15(statutes):
    act = next(act for act in statutes.amendments if act.id == "act-a1385")
    return [i for i in act.instructions if i.provision == "sec_15"]


def version_on(consolidation, section: str, date: dt.date):
    return next(v for v in consolidation.versions[section] if v.is_in_force_on(date))


def application(consolidation, act: str, provision: str):
    return next(a for a in consolidation.applications
                if a.instruction.act == act and a.instruction.provision == provision)


# --- the data as a whole -----------------------------------------------------------------------------

def test_every_section_of_part_iiia_has_english_from_a_source_or_from_the_layer(real_statutes):
    assert [i.section for i in english_gaps(real_statutes.amendments) if i in a1385_s15(real_statutes)] == []


def test_every_part_iiia_entry_renders_exactly_the_malay_of_its_section(real_statutes):
    entries = {i.section: i for i in a1385_s15(real_statutes) if i.english is not None}
    assert sorted(entries) == ["26B", "26C", "26D", "26E", "26F", "26G", "26H", "26I", "26J", "26K"]
    for section, instruction in entries.items():
        entry = instruction.english
        assert entry.renders["ms"] == instruction.payload["ms"].as_written(), f"s {section}: {entry.line}"
        assert set(entry.en.as_written()) == {"heading", "text"}, f"s {section}"
    tiers = {section: i.english.tier for section, i in entries.items()}
    assert tiers.pop("26B") == "rendered" and set(tiers.values()) == {"translated"}


def test_part_iiia_english_uses_the_acts_own_english_for_its_banked_terms(real_statutes):
    assert english_problems(real_statutes.amendments, real_statutes.terms) == []
    banked = {term.ms: term.en for term in real_statutes.terms}
    assert banked["dan boleh juga dikenakan denda, atau kedua-duanya"] == "and shall also be liable to fine, or to both"
    assert banked["tidak kurang daripada"] == "not less than"
    assert banked["dokumen perjalanan atau pengenalan diri fraud"] == "fraudulent travel or identity document"
    assert "dokumen perjalanan" not in banked  # the Act's s 18 says “travel or identity document”


@pytest.mark.parametrize("section", PART_IIIA)
def test_no_english_of_part_iiia_reads_not_available_in_any_version(real_consolidation, section):
    versions = real_consolidation.versions[section]
    assert versions and versions[0].in_force_from == A1385_IN_FORCE
    for version in versions:
        missing = [p.eid for p in version.body["en"].walk()
                   if any(w and not is_available(w) for w in (p.text, p.wrapup))]
        assert missing == [], f"{version.ref}: {missing}"
        assert is_available(version.heading["en"]), version.ref


def test_the_part_heading_is_the_consolidated_english(real_consolidation):
    work = next(w for w in real_consolidation.work_versions if w.in_force_from <= IN_2012
                and (w.in_force_to is None or w.in_force_to >= IN_2012))
    part = next(p for p in work.parts if p.number == "IIIA")
    assert part.heading["en"] == "SMUGGLING OF MIGRANTS" and part.heading_tier.get("en", "verbatim") == "verbatim"
    assert part.sections == PART_IIIA


# --- readers' stories ------------------------------------------------------------------------------

def test_lawyer_reads_s26A_as_at_2012_in_the_consolidated_english_with_its_2010_penalty(real_statutes,
                                                                                         real_consolidation):
    # s 26A is the one section of Part IIIA a consolidated English page gives whole (2010 words restored)
    data = show(real_statutes, real_consolidation, "s 26A", as_at=IN_2012)
    assert data["heading"] == "Offence of smuggling of migrants"
    assert "not exceeding fifteen years" in data["text"] and data["tier"] == "verbatim"
    assert data["unofficial"] is False
    malay = show(real_statutes, real_consolidation, "s 26A", lang="ms", as_at=IN_2012)
    assert "tidak melebihi lima belas tahun" in malay["text"]


def test_caseworker_reads_s26D_as_at_2012_as_translated_english_labelled_unofficial_with_the_malay_beside(
        real_statutes, real_consolidation):
    data = show(real_statutes, real_consolidation, "s 26D", as_at=IN_2012)
    assert data["heading"] == "Offence of profiting from offence of smuggling of migrants"
    assert data["text"].startswith("Any person who profits from the offence of smuggling of migrants")
    assert "not less than seven years but not exceeding fifteen years" in data["text"]
    assert "not less than five hundred thousand ringgit but not exceeding one million ringgit" in data["text"]
    assert (data["tier"], data["unofficial"]) == ("translated", True)
    assert data["tier_label"].startswith("Unofficial English")
    assert OPEN not in data["text"]  # translated text is ours throughout: nothing to mark
    version = version_on(real_consolidation, "26D", IN_2012)
    assert version.heading_tier["en"] == "translated"
    malay = show(real_statutes, real_consolidation, "s 26D", lang="ms", as_at=IN_2012)
    assert malay["tier"] == "verbatim" and "satu juta ringgit" in malay["text"]


def test_s26B_before_2022_keeps_the_2010_penalty_quoted_by_the_2021_bill_with_our_words_marked(real_consolidation):
    version = version_on(real_consolidation, "26B", IN_2012)
    body = version.body["en"]
    assert body.wrapup == (f"{OPEN}shall, on conviction, be punished with{CLOSE} imprisonment for a term not less "
                           "than three years but not exceeding twenty years, and shall also be liable to fine, or "
                           "to both.")
    assert body.tier == "rendered"
    c = body.find("sec_26B__para_c")
    assert c.text.startswith(f"in committing {OPEN}the offence,") and c.text.endswith(f"{CLOSE},")
    assert c.tier == "rendered"
    # the words a consolidated English page gives stay verbatim
    assert body.find("sec_26B__para_a").tier == "verbatim" and body.find("sec_26B__para_b").tier == "verbatim"
    assert version.heading["en"] == "Aggravated offence of smuggling of migrants"
    assert version.heading_tier.get("en", "verbatim") == "verbatim"


def test_s26B_from_2022_reads_the_new_penalty_and_paragraph_d_in_english(real_statutes, real_consolidation):
    version = version_on(real_consolidation, "26B", IN_2023)
    body = version.body["en"]
    assert body.wrapup == (f"{OPEN}shall, on conviction, be punished with{CLOSE} imprisonment for life or with "
                           "imprisonment for a term which shall not be less than five years, and shall also be "
                           "liable to whipping.")
    assert body.find("sec_26B__para_c").text.endswith(f"{CLOSE}; or")
    assert body.find("sec_26B__para_b").text.endswith("degrading treatment;")
    assert body.find("sec_26B__para_d").tier == "verbatim"
    data = show(real_statutes, real_consolidation, "s 26B", as_at=IN_2023)
    assert data["tier"] == "rendered" and data["unofficial"] is True
    assert "three years" not in data["text"]


@pytest.mark.parametrize("provision", ["sec_10__para_b", "sec_10__para_c", "sec_10__para_d", "sec_10__para_e",
                                       "sec_11"])
def test_the_2022_english_amendments_of_ss_26B_and_26C_apply_to_our_english(real_consolidation, provision):
    assert application(real_consolidation, "act-a1644", provision).outcome == {"en": "applied", "ms": "applied"}


def test_s26C_translates_the_malay_minimum_and_shows_the_dispute_with_both_readings(real_statutes,
                                                                                   real_consolidation):
    before = show(real_statutes, real_consolidation, "s 26C", as_at=IN_2012)
    assert "imprisonment for a term not less than seven years" in before["text"]
    assert before["heading"] == "Offence in relation to smuggled migrant in transit"
    assert (before["tier"], before["text_status"]) == ("translated", "disputed")
    after = show(real_statutes, real_consolidation, "s 26C", as_at=IN_2023)
    assert "not less than fifteen years" in after["text"] and "seven" not in after["text"]
    version = version_on(real_consolidation, "26C", IN_2012)
    note = " ".join(ref.note for ref in version.amended_by)
    english = note[note.index("Disputed (English):"):]
    assert "not less than seven years" in english and "not exceeding seven years" in english
    assert "bill-2010-ms" in english and "bill-2021-en" in english


def test_s26K_the_section_the_explanatory_statement_does_not_count_has_english_too(real_statutes,
                                                                                  real_consolidation):
    data = show(real_statutes, real_consolidation, "s 26K(5)", as_at=IN_2012)
    assert "jointly and severally liable" in data["text"] and "smuggled migrant" in data["text"]
    assert data["tier"] == "translated"


def test_search_indexes_the_part_iiia_english_labelled_unofficial_and_without_our_marks(real_consolidation):
    from atipsom.app.corpus import provision_docs

    versions = real_consolidation.versions["26B"]
    docs = {d.eid: d for d in provision_docs(versions[0], []) if d.lang == "en"}
    c = docs["sec_26B__para_c"]
    assert (c.tier, c.unofficial) == ("rendered", True)
    assert "the conduct of the person gives rise to a risk of death" in c.text and OPEN not in c.text
    assert (docs["sec_26B__para_a"].tier, docs["sec_26B__para_a"].unofficial) == ("verbatim", False)
    transit = {d.eid: d for d in provision_docs(real_consolidation.versions["26C"][0], []) if d.lang == "en"}
    assert transit["sec_26C"].tier == "translated" and transit["sec_26C"].unofficial
    assert "smuggled migrant through Malaysia" in transit["sec_26C"].text
