"""ss 27, 35, 51, 52, 58, 61A and 63 in English (issue 12): A1385 ss 16-24 changed them in Malay only, so from
15 November 2010 their changed English is ours, rendered on the Act's own English (our words marked) or
translated where the provision exists only in Malay, always labelled unofficial with the official Malay beside
it; the 2015 English amendments of s 52 (A1500 s 12) apply to it. These run on the real statutes tree: they fail
when the data breaks.
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
IN_2009, IN_2012, IN_2016 = dt.date(2009, 1, 1), dt.date(2012, 1, 1), dt.date(2016, 1, 1)
# The sections A1385 ss 16-24 amend, and their instructions.
REGION_SECTIONS = ("27", "35", "51", "52", "58", "61A", "63")
REGION_INSTRUCTIONS = re.compile(r"sec_(1[6-9]|2[0-4])(__|$)")
OPEN, CLOSE = "\u27e6", "\u27e7"


def region_instructions(statutes):
    act = next(act for act in statutes.amendments if act.id == "act-a1385")
    return [i for i in act.instructions if REGION_INSTRUCTIONS.match(i.provision)]


def version_on(consolidation, section: str, date: dt.date):
    return next(v for v in consolidation.versions[section] if v.is_in_force_on(date))


def english(consolidation, section: str, eid: str, date: dt.date):
    return version_on(consolidation, section, date).body["en"].find(eid)


def application(consolidation, act: str, provision: str, target: str | None = None):
    return next(a for a in consolidation.applications
                if a.instruction.act == act and a.instruction.provision == provision
                and (target is None or a.instruction.target == target))


# --- the data as a whole -----------------------------------------------------------------------------

def test_every_malay_only_instruction_of_a1385_ss_16_to_24_has_its_english(real_statutes):
    assert [i.provision for i in english_gaps(real_statutes.amendments) if i in region_instructions(real_statutes)] == []


def test_every_entry_renders_exactly_the_malay_of_its_instruction_with_the_same_keys(real_statutes):
    entries = [i for i in region_instructions(real_statutes) if i.english is not None]
    # s 16 (3), s 17, s 19, s 20(b), s 21 (5), s 22 (4), s 23, s 24(a), s 24(c)
    assert len(entries) == 18
    for instruction in entries:
        entry = instruction.english
        malay = instruction.payload["ms"].as_written()
        assert entry.renders["ms"] == malay, f"{entry.path}:{entry.line}"
        assert not entry.is_stale(malay), f"{entry.path}:{entry.line}"
        assert set(entry.en.as_written()) == set(malay), f"{entry.path}:{entry.line}"
        if entry.tier == "translated":
            assert all(OPEN not in str(v) for v in entry.en.as_written().values()), f"{entry.path}:{entry.line}"
    tiers = {(i.provision, i.target or i.section): i.english.tier for i in entries}
    assert tiers[("sec_23", "61A")] == "translated"
    assert tiers[("sec_16__para_c", None)] == "translated"  # new s 27(1)(e)
    assert tiers[("sec_24__para_c", None)] == "translated"  # new s 63(2)-(4)
    assert tiers[("sec_20__para_b", None)] == "translated"  # new s 51(6)
    assert {t for k, t in tiers.items() if k[0].startswith("sec_21")} == {"rendered"}


def test_english_uses_the_acts_own_english_for_its_banked_terms(real_statutes):
    assert english_problems(real_statutes.amendments, real_statutes.terms) == []
    banked = {term.ms: term.en for term in real_statutes.terms}
    assert banked["deposisi"] == "deposition"
    assert banked["Pendakwa Raya"] == "Public Prosecutor"
    assert banked["Mahkamah Sesyen"] == "Sessions Court"
    assert banked["pertubuhan perbadanan"] == "body corporate"
    # never the same Malay with two Englishes
    terms = [(t.ms.lower(), t.en) for t in real_statutes.terms]
    assert len({ms for ms, _ in terms}) == len(terms)


@pytest.mark.parametrize("section", REGION_SECTIONS)
def test_no_english_provision_or_heading_reads_not_available_from_2010(real_consolidation, section):
    versions = [v for v in real_consolidation.versions[section] if v.in_force_from >= A1385_IN_FORCE]
    assert versions
    for version in versions:
        missing = [p.eid for p in version.body["en"].walk()
                   if any(w and not is_available(w) for w in (p.text, p.wrapup))]
        assert missing == [], f"{version.ref}: {missing}"
        assert is_available(version.heading["en"]), version.ref


@pytest.mark.parametrize("provision, target", [("sec_12__para_a", "sec_52__subsec_1"),
                                               ("sec_12__para_b", "sec_52__subsec_2"),
                                               ("sec_15", "sec_51__subsec_5")])
def test_the_later_english_amendments_of_ss_51_and_52_apply_to_the_2010_english(real_consolidation, provision,
                                                                                 target):
    act = "act-a1500" if provision.startswith("sec_12") else "act-a1644"
    outcome = application(real_consolidation, act, provision, target).outcome
    assert outcome == {"en": "applied", "ms": "applied"}


# --- readers' stories: s 61A, depositions -----------------------------------------------------------

def test_lawyer_reads_s61A_as_at_2012_as_translated_english_labelled_unofficial_with_the_malay_beside(
        real_statutes, real_consolidation):
    data = show(real_statutes, real_consolidation, "s 61A", as_at=IN_2012)
    assert data["heading"] == ("Admissibility of deposition of trafficked person or smuggled migrant who cannot be "
                               "traced")
    assert (data["tier"], data["unofficial"]) == ("translated", True)
    assert data["tier_label"].startswith("Unofficial English")
    assert "an order of removal from Malaysia has been made by the Director-General" in data["text"]
    assert "shall, without further proof, be received as prima facie evidence" in data["text"]
    assert OPEN not in data["text"]  # translated text is ours throughout: nothing to mark
    version = version_on(real_consolidation, "61A", IN_2012)
    assert version.heading_tier["en"] == "translated"
    assert {p.tier for p in version.body["en"].walk() if p.text or p.wrapup} == {"translated"}
    # the official Malay, verbatim, is what stands beside it
    malay = show(real_statutes, real_consolidation, "s 61A", lang="ms", as_at=IN_2012)
    assert malay["tier"] == "verbatim" and malay["unofficial"] is False
    assert "keterangan prima facie" in malay["text"]
    assert malay["heading"].startswith("Kebolehterimaan deposisi")


def test_s61A_3_defines_deposition_and_oath_in_the_acts_english(real_consolidation):
    body = version_on(real_consolidation, "61A", IN_2012).body["en"]
    assert body.find("sec_61A__subsec_3__para_a").text == ("a “deposition” includes any statement in writing made "
                                                           "on oath; and")
    assert body.find("sec_61A__subsec_1__para_b").text.startswith("outside Malaysia before a consular officer")


def test_s51_5_from_2022_names_the_deposition_of_s61A_in_english(real_consolidation):
    # A1644 s 15 (English words from the 2022 Act) points at s 61A, now readable in English
    text = english(real_consolidation, "51", "sec_51__subsec_5", dt.date(2023, 1, 1)).text
    assert "section 52, the recording of deposition for the purposes of section 61A" in text


# --- s 52, recording of evidence --------------------------------------------------------------------

def test_before_2010_s52_is_the_bills_english_with_the_magistrate(real_consolidation):
    text = english(real_consolidation, "52", "sec_52__subsec_1", IN_2009).text
    assert "an enforcement officer may make an oral application" in text and "Magistrate’s Court" in text
    assert english(real_consolidation, "52", "sec_52__subsec_1", IN_2009).tier == "verbatim"


def test_lawyer_reads_s52_as_at_2012_with_the_public_prosecutor_and_sessions_court_marked_as_ours(
        real_consolidation):
    one = english(real_consolidation, "52", "sec_52__subsec_1", IN_2012)
    assert one.text.startswith("At any time during the period of the Protection Order")
    assert f"{OPEN}the Public Prosecutor{CLOSE} may make an oral application" in one.text
    assert f"before {OPEN}the Sessions Court in which the criminal prosecution has been instituted{CLOSE}" in one.text
    assert one.tier == "rendered"
    for eid in ("sec_52__subsec_2", "sec_52__subsec_3", "sec_52__subsec_5"):
        provision = english(real_consolidation, "52", eid, IN_2012)
        assert provision.text.startswith(f"The {OPEN}Sessions Court Judge{CLOSE} "), eid
        assert provision.tier == "rendered" and "Magistrate" not in provision.text, eid
    assert english(real_consolidation, "52", "sec_52__subsec_4", IN_2012).tier == "verbatim"
    malay = version_on(real_consolidation, "52", IN_2012).body["ms"].find("sec_52__subsec_1")
    assert "Pendakwa Raya boleh membuat" in malay.text and malay.tier == "verbatim"


def test_s52_as_at_2016_has_a1500_s12_applied_in_english_on_top_of_our_rendering(real_statutes,
                                                                                  real_consolidation):
    one = english(real_consolidation, "52", "sec_52__subsec_1", IN_2016)
    assert one.text.startswith(f"Where a criminal prosecution has been instituted against any person for an offence "
                               f"under this Act, {OPEN}the Public Prosecutor{CLOSE} may make")
    assert "At any time during the period" not in one.text and one.tier == "rendered"
    two = english(real_consolidation, "52", "sec_52__subsec_2", IN_2016)
    assert ("is placed, or to the enforcement officer who is investigating the circumstances of the case of a "
            "trafficked person, requiring him") in two.text
    data = show(real_statutes, real_consolidation, "s 52", as_at=IN_2016)
    assert data["tier"] == "rendered" and data["unofficial"] is True


def test_comparison_2010_to_2015_of_s52_shows_the_english_change_not_unchanged(real_consolidation):
    before, after = version_on(real_consolidation, "52", IN_2012), version_on(real_consolidation, "52", IN_2016)
    items = {i.eid: i for i in diff_versions(before, after, "en")}
    assert items["sec_52__subsec_1"].status == "changed" and items["sec_52__subsec_1"].tier == "rendered"
    assert items["sec_52__subsec_2"].status == "changed"


# --- ss 27, 35, 51, 58, 63 --------------------------------------------------------------------------

def test_officer_reads_s27_1_as_at_2012_with_the_labour_officer_and_the_dispute_kept(real_statutes,
                                                                                     real_consolidation):
    body = version_on(real_consolidation, "27", IN_2012).body["en"]
    assert body.find("sec_27__subsec_1__para_c").text == "any Officer of customs; or"  # the dispute, as in Malay
    assert body.find("sec_27__subsec_1__para_d").text.endswith(f"Enforcement Agency{OPEN}; and{CLOSE}")
    e = body.find("sec_27__subsec_1__para_e")
    assert (e.text, e.tier) == ("any Labour Officer.", "translated")
    assert version_on(real_consolidation, "27", IN_2012).text_status["en"] == "disputed"
    entry = application(real_consolidation, "act-a1385", "sec_16__para_a").instruction.english
    assert "“atau”" in entry.dispute and "“or”" in entry.dispute


def test_s35_2_from_2010_marks_the_new_condition_and_keeps_the_acts_words(real_consolidation):
    two = english(real_consolidation, "35", "sec_35__subsec_2", IN_2012)
    assert two.tier == "rendered"
    assert two.text.startswith("When any witness is called for the prosecution or for the defence, other than the "
                               f"accused, {OPEN}and there is a basis to impeach the credit of the witness,{CLOSE}")
    assert "on the request of the accused or the prosecutor" not in two.text  # the 2010 Malay dropped it
    before = english(real_consolidation, "35", "sec_35__subsec_2", IN_2009)
    assert "on the request of the accused or the prosecutor" in before.text and before.tier == "verbatim"


def test_s51_6_and_s58_from_2010_in_english(real_consolidation):
    six = english(real_consolidation, "51", "sec_51__subsec_6", IN_2012)
    assert six.text == "Nothing in this section shall prejudice any prosecution of an act of trafficking in persons under this Act."
    assert six.tier == "translated"
    body = version_on(real_consolidation, "58", IN_2012).body["en"]
    marked = f"trafficked person {OPEN}or smuggled migrant{CLOSE}"
    assert body.find("sec_58__subsec_1__para_a").text.count(marked) == 1
    assert body.find("sec_58__subsec_1").wrapup.count(marked) == 2
    assert marked not in body.find("sec_58__subsec_1__para_b").text  # A1385 s 22 leaves (1)(b) alone
    assert body.find("sec_58__subsec_2__para_a").text.count(marked) == 1
    assert body.find("sec_58__subsec_2__para_b").text.count(marked) == 1


def test_s63_from_2010_has_its_heading_and_new_penalties_in_english(real_statutes, real_consolidation):
    version = version_on(real_consolidation, "63", IN_2012)
    assert version.heading["en"] == f"{OPEN}General penalty and heavier penalty{CLOSE}"
    assert version.heading_tier["en"] == "rendered"
    body = version.body["en"]
    assert body.find("sec_63__subsec_1").tier == "verbatim"
    assert body.find("sec_63__subsec_2__para_b__subpara_i").text == ("in relation to sections 15A and 26C, be liable "
                                                                     "to a minimum fine of five million ringgit; and")
    assert body.find("sec_63__subsec_4").tier == "translated"
    before = version_on(real_consolidation, "63", IN_2009)
    assert before.heading["en"] == "General penalty"


# --- with Part IIIA's English (A1385 s 15) also in the layer: no gap is left anywhere --------------------

def test_no_english_provision_or_heading_of_any_section_reads_not_available_from_2010(real_consolidation):
    missing = []
    for section, versions in real_consolidation.versions.items():
        for version in versions:
            if version.in_force_from < A1385_IN_FORCE:
                continue
            missing += [f"{version.ref} {p.eid}" for p in version.body["en"].walk()
                        if any(w and not is_available(w) for w in (p.text, p.wrapup))]
            if not is_available(version.heading["en"]):
                missing.append(f"{version.ref} heading")
    assert missing == []


def test_every_english_instruction_of_the_later_acts_applies(real_consolidation):
    # (A1644 s 10(a) amends the Malay text only: it has no English outcome)
    english = [a for a in real_consolidation.applications
               if a.instruction.act in ("act-a1500", "act-a1644") and a.in_force is not None and "en" in a.outcome]
    assert len(english) >= 30
    assert [(a.instruction.citation, a.instruction.target, a.outcome["en"]) for a in english
            if a.outcome["en"] != "applied"] == []
