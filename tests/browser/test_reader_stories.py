"""What a caseworker or a lawyer does on the served site, in Chromium: find a provision, read it in one
language or both, see what a defined word means in that version, follow a cross-reference, copy a
citation, read the whole Act as at a date, and see what an amendment changed. No page may ask another
host for anything (the `open_reader` fixture fails the test otherwise)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from atipsom.domain.timeline import version_at

from .conftest import PHONE

TITLE_2007 = {"en": "Anti-Trafficking in Persons Act 2007", "ms": "Akta Antipemerdagangan Orang 2007"}
TITLE_2010 = {"en": "Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007",
              "ms": "Akta Antipemerdagangan Orang dan Antipenyeludupan Migran 2007"}


def cell(page, eid: str, lang: str):
    """The text cell of one provision in one language (not those of its children)."""
    return page.locator(f'[id="{eid}"] > .atp-row > .atp-cell[lang="{lang}"]')


def under_header(page, locator) -> bool:
    """Is the element hidden under Material's fixed header?"""
    header = page.locator(".md-header").bounding_box()
    return locator.bounding_box()["y"] < header["y"] + header["height"]


# --- finding a provision ----------------------------------------------------------------------------------

def search(page, words: str):
    page.get_by_label("Words, a phrase or a citation").fill(words)
    page.keyboard.press("Enter")
    first = page.locator("#atp-advanced-search-results li a").first
    expect(first).to_be_visible()
    return first


def test_searching_26A_opens_the_version_in_force(reader):
    page = reader.open("/search/")
    first = search(page, "26A")
    expect(first).to_have_text("s 26A — Offence of smuggling of migrants")
    expect(page.locator("#atp-advanced-search-unavailable")).to_be_hidden()
    first.click()
    expect(page).to_have_url(reader.url("/act-670/sec_26A/2022-02-22/"))
    expect(page.locator("h1")).to_contain_text("Section 26A. Offence of smuggling of migrants")
    expect(page.locator(".atp-banner")).to_contain_text("in force from 22 February 2022")


def test_a_shared_advanced_search_link_shows_its_results(reader):
    # the page's address uses ?query= because Material's header search claims ?q=
    page = reader.open("/search/?query=26A")
    first = page.locator("#atp-advanced-search-results li a").first
    expect(first).to_have_text("s 26A — Offence of smuggling of migrants")
    expect(page.locator("#atp-search-input")).not_to_be_focused(timeout=1500)
    first.click(timeout=3000)  # not covered by the header search's overlay
    expect(page).to_have_url(reader.url("/act-670/sec_26A/2022-02-22/"))


def test_searching_a_paragraph_lands_on_it_highlighted(reader):
    page = reader.open("/search/")
    search(page, "s 51(3)(b)").click()
    expect(page).to_have_url(reader.url("/act-670/sec_51/2022-02-22/#sec_51__subsec_3__para_b"))
    target = page.locator("#sec_51__subsec_3__para_b")
    expect(target).to_have_class(re.compile(r"\batp-highlight\b"))
    expect(target).to_be_focused()
    expect(target).to_be_in_viewport()
    assert not under_header(page, target)


# --- reading in one language or both ------------------------------------------------------------------------

def test_language_buttons_show_one_language_or_both(reader):
    page = reader.open("/act-670/sec_51/")
    english, malay = cell(page, "sec_51__subsec_1", "en"), cell(page, "sec_51__subsec_1", "ms")
    bar = page.get_by_role("group", name="Language of the text")
    expect(english).to_be_visible()
    expect(malay).to_be_visible()
    expect(bar.get_by_role("button", name="Both", exact=True)).to_have_attribute("aria-pressed", "true")

    bar.get_by_role("button", name="English", exact=True).click()
    expect(bar.get_by_role("button", name="English", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(bar.get_by_role("button", name="Both", exact=True)).to_have_attribute("aria-pressed", "false")
    expect(malay).to_be_hidden()
    expect(english).to_be_visible()

    bar.get_by_role("button", name="Bahasa Malaysia", exact=True).click()
    expect(english).to_be_hidden()
    expect(malay).to_be_visible()

    page.goto(reader.url("/act-670/sec_44/"))  # the choice is kept from page to page
    expect(cell(page, "sec_44__subsec_1", "en")).to_be_hidden()
    expect(cell(page, "sec_44__subsec_1", "ms")).to_be_visible()
    page.get_by_role("button", name="Both", exact=True).click()
    expect(cell(page, "sec_44__subsec_1", "en")).to_be_visible()


def test_on_a_phone_one_language_at_a_time_full_width(open_reader):
    phone = open_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.open("/act-670/sec_51/")
    english, malay = cell(page, "sec_51__subsec_1", "en"), cell(page, "sec_51__subsec_1", "ms")
    bar = page.get_by_role("group", name="Language of the text")
    expect(bar.get_by_role("button", name="Both", exact=True)).to_be_hidden()
    expect(english).to_be_visible()
    expect(malay).to_be_hidden()
    expect(bar.get_by_role("button", name="English", exact=True)).to_have_attribute("aria-pressed", "true")

    bar.get_by_role("button", name="Bahasa Malaysia", exact=True).tap()
    expect(malay).to_be_visible()
    expect(english).to_be_hidden()
    expect(bar.get_by_role("button", name="Bahasa Malaysia", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(bar.get_by_role("button", name="English", exact=True)).to_have_attribute("aria-pressed", "false")
    assert malay.bounding_box()["width"] > PHONE["width"] * 0.75
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"


def test_on_a_phone_the_timeline_stays_readable_and_scrolls_on_its_own(open_reader):
    phone = open_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.open("/act-670/timeline/")
    figure = page.locator(".atp-timeline-figure")
    label = page.locator(".atp-timeline .tl-label").first
    # drawn at its own width, its labels keep the size of small print (shrunk to the screen they were ~6 px)
    assert label.bounding_box()["height"] >= 10
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth"), "the timeline does not scroll sideways"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"
    figure.focus()  # a keyboard can scroll it too
    page.keyboard.press("ArrowRight")
    expect(figure).to_be_focused()


# --- defined terms ------------------------------------------------------------------------------------------

def definition_text(consolidation, key: str, date) -> str:
    return version_at(consolidation.versions["2"], date).body["en"].find(key).text


@pytest.mark.parametrize("path", ["/act-670/sec_51/2015-11-18/", "/act-670/sec_51/2022-02-22/"])
def test_a_defined_term_shows_the_definition_of_that_version(reader, real_consolidation, path):
    version = version_at(real_consolidation.versions["51"], dt.date.fromisoformat(path.split("/")[-2]))
    expected = definition_text(real_consolidation, "sec_2__def_enforcement-officer", version.in_force_from)
    page = reader.open(path)
    term = cell(page, "sec_51__subsec_1__para_a", "en").locator(".atp-term", has_text="enforcement officer")
    tip = page.get_by_role("tooltip")

    term.hover()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(expected)
    page.mouse.move(1, 1)
    expect(tip).to_have_count(0)

    # by keyboard: the term is in the tab order, its tooltip shows on focus and Escape dismisses it
    assert term.get_attribute("tabindex") == "0"
    term.focus()
    expect(tip).to_contain_text(expected)
    expect(term).to_have_attribute("aria-describedby", "def-en-sec_2__def_enforcement-officer")
    page.keyboard.press("Escape")
    expect(tip).to_have_count(0)
    expect(term).to_be_focused()


def test_the_2015_and_2022_definitions_differ(real_consolidation):
    """(What the test above relies on: s 2 "enforcement officer" was amended in 2022.)"""
    old = definition_text(real_consolidation, "sec_2__def_enforcement-officer", dt.date(2015, 11, 18))
    new = definition_text(real_consolidation, "sec_2__def_enforcement-officer", dt.date(2022, 2, 22))
    assert old != new


# --- cross-references ----------------------------------------------------------------------------------------

def test_a_cross_reference_lands_on_the_provision(reader):
    page = reader.open("/act-670/sec_51/")
    link = cell(page, "sec_51__subsec_1", "en").get_by_role("link", name="subsection 44(2)")
    link.click()
    expect(page).to_have_url(reader.url("/act-670/sec_44/2015-11-18/#sec_44__subsec_2"))
    target = page.locator("#sec_44__subsec_2")
    expect(target).to_have_class(re.compile(r"\batp-highlight\b"))
    expect(target).to_be_in_viewport()
    assert not under_header(page, target)


# --- citations -----------------------------------------------------------------------------------------------

def copy_citation(page, eid: str, lang: str) -> str:
    cell(page, eid, lang).locator(".atp-cite").click()
    expect(page.locator(".atp-toast")).to_have_text("Petikan disalin" if lang == "ms" else "Citation copied")
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_citation_in_english_and_malay(reader):
    page = reader.open("/act-670/sec_51/")
    permalink = reader.url("/act-670/sec_51/2022-02-22/#sec_51__subsec_3__para_b")
    assert copy_citation(page, "sec_51__subsec_3__para_b", "en") == (
        f"{TITLE_2010['en']} [Act 670], s 51(3)(b) (as at 22 February 2022)\n{permalink}")
    assert copy_citation(page, "sec_51__subsec_3__para_b", "ms") == (
        f"{TITLE_2010['ms']} [Akta 670], seksyen 51(3)(b) (pada 22 Februari 2022)\n{permalink}")


def test_a_citation_carries_the_title_of_its_date(reader):
    """The Act was renamed on 15 November 2010: a version in force in 2012 has the new title, one of 2008 the old."""
    page = reader.open("/act-670/sec_51/2010-11-15/")
    assert copy_citation(page, "sec_51__subsec_3__para_b", "en") == (
        f"{TITLE_2010['en']} [Act 670], s 51(3)(b) (as at 15 November 2010)\n"
        + reader.url("/act-670/sec_51/2010-11-15/#sec_51__subsec_3__para_b"))
    page = reader.open("/act-670/sec_51/2008-02-28/")
    assert copy_citation(page, "sec_51__subsec_3__para_b", "en") == (
        f"{TITLE_2007['en']} [Act 670], s 51(3)(b) (as at 28 February 2008)\n"
        + reader.url("/act-670/sec_51/2008-02-28/#sec_51__subsec_3__para_b"))
    assert copy_citation(page, "sec_51__subsec_3__para_b", "ms").startswith(f"{TITLE_2007['ms']} [Akta 670], seksyen")


# --- the whole Act as at a date ----------------------------------------------------------------------------------

def test_the_act_as_at_a_date(reader):
    page = reader.open("/act-670/")
    page.get_by_label("Read the whole Act as at a date").fill("2012-06-01")
    page.get_by_role("button", name="Show the law on that date").click()
    expect(page).to_have_url(reader.url("/act-670/as-at/2010-11-15/"))
    expect(page.locator("h1")).to_contain_text("Act 670 as at 15 November 2010")
    expect(page.locator(".atp-banner")).to_contain_text("from 15 November 2010 to 17 November 2015")
    expect(page.locator("#sec_26A")).to_be_visible()  # Part IIIA, inserted in 2010


def test_a_date_before_the_act_gives_a_clear_message(reader):
    page = reader.open("/act-670/")
    page.get_by_label("Read the whole Act as at a date").fill("2007-09-30")
    page.get_by_role("button", name="Show the law on that date").click()
    message = page.locator(".atp-asat__message")
    expect(message).to_have_text("Act 670 was not in force on 30 September 2007: its first provisions came into "
                                 "force on 1 October 2007.")
    expect(page).to_have_url(reader.url("/act-670/"))


# --- what changed ----------------------------------------------------------------------------------------------

def test_compare_two_versions(reader):
    page = reader.open("/act-670/sec_51/history/")
    page.get_by_label("Older version").select_option("2008-02-28")
    page.get_by_label("Newer version").select_option("2022-02-22")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(reader.url("/act-670/sec_51/diff/2008-02-28_2022-02-22/"))
    english = page.locator('table.atp-diff[lang="en"]')
    inserted = english.locator("ins").first
    expect(inserted).to_be_visible()
    expect(inserted).to_contain_text("[inserted: ")  # words for screen readers, not colour alone
    assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in english.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")

    page.get_by_label("Older version").select_option("2022-02-22")
    page.get_by_label("Newer version").select_option("2008-02-28")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose an older version")
