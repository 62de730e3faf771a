"""A reader in Malay or English: each page says its language, leads to the same page in the other language, and
the choice carries to the law; a section leads to the court decisions on it; a defined word to the glossary."""

from __future__ import annotations

from playwright.sync_api import expect

CASE = "/cases/ketheeswaran-v-pp-federal-court-2024-s61a/"
CASE_MS = "/ms/cases/ketheeswaran-v-pp-federal-court-2024-s61a/"


def test_a_case_note_and_its_malay_counterpart_link_each_other(reader):
    page = reader.open(CASE)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".atp-langnote")).to_contain_text("The English was written first.")
    page.get_by_role("link", name="Read in Malay").click()
    expect(page).to_have_url(reader.url(CASE_MS))
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    expect(page.locator(".atp-summary")).to_contain_text("Secara ringkas:")
    expect(page.locator(".atp-langnote")).to_contain_text("Versi bahasa Inggeris ditulis dahulu.")
    page.get_by_role("link", name="Baca dalam Bahasa Inggeris").click()
    expect(page).to_have_url(reader.url(CASE))


def test_a_malay_guidance_page_answers_first_with_its_citation(reader):
    page = reader.open("/ms/guidance/how-long-in-a-place-of-refuge/")
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    answer = page.locator(".atp-summary")
    expect(answer).to_contain_text("Secara ringkas:")
    expect(answer.locator("a").first).to_contain_text("seksyen 44(2)")
    expect(page.locator("details.info summary")).to_contain_text("bukan nasihat undang-undang")
    expect(page.locator(".atp-relied-on h2")).to_have_text("Peruntukan yang menjadi asas halaman ini")
    answer.locator("a").first.click()
    expect(page.locator(".atp-law").first).to_have_attribute("data-show", "ms")


def test_the_answer_cites_its_section_with_a_working_link(reader):
    page = reader.open(CASE_MS)
    link = page.locator(".atp-summary a").first
    expect(link).to_have_text("sek 61A")
    link.click()
    expect(page.locator("h1")).to_contain_text("61A")
    expect(page.locator(".atp-banner")).to_contain_text("15 November 2010")


def test_a_malay_reader_who_opens_a_section_from_a_malay_page_sees_the_malay_first(reader):
    page = reader.open(CASE_MS)
    page.locator(".atp-case-facts a", has_text="seksyen 12").click()  # the version in force when charged
    expect(page.locator(".atp-law").first).to_have_attribute("data-show", "ms")
    expect(page.locator(".atp-langbar button[data-show='ms']").first).to_have_attribute("aria-pressed", "true")


def test_an_english_reader_keeps_the_english(reader):
    page = reader.open("/act-670/sec_12/")
    page.locator(".atp-langbar button[data-show='en']").first.click()
    reader.open(CASE)  # an English page does not change the choice
    page = reader.open("/act-670/sec_12/")
    expect(page.locator(".atp-law").first).to_have_attribute("data-show", "en")


def test_a_section_lists_the_court_decisions_on_it_with_the_version_then_in_force(reader):
    page = reader.open("/act-670/sec_61A/")
    box = page.locator(".atp-cases-box")
    expect(box.locator("li")).to_have_count(2)
    expect(box).to_contain_text("Decided 5 January 2024")
    box.get_by_role("link", name="the version in force from 15 November 2010").first.click()
    expect(page).to_have_url(reader.url("/act-670/sec_61A/2010-11-15/"))


def test_a_defined_word_leads_to_the_glossary(reader):
    page = reader.open("/act-670/sec_51/")
    term = page.locator(".atp-law .atp-cell[lang='en'] .atp-term").first
    term.hover()
    tip = page.locator(".atp-tip")
    expect(tip).to_be_visible()
    link = tip.get_by_role("link", name="In the glossary")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url("**/glossary/#*")
    anchor = page.url.split("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_be_visible()
