"""Printing: a lawyer prints a section, or the whole Act as at a date, for a court file. The printout has the
law in both languages (whatever the screen showed), which version it is on every page, page numbers, and
none of the site's navigation. Checked on Chromium's own PDF of the page."""

from __future__ import annotations

from io import BytesIO

import pytest
from playwright.sync_api import expect

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".atp-langbar",
          ".atp-tools", ".atp-versions", ".atp-compare", ".md-content__button"]
CHROME_WORDS = ["Skip to content", "Table of contents", "Initializing search", "Edit this page", "Copy citation",
                "Compare two versions", "Read the whole Act as at a date"]


def printed_pages(page, sample: int | None = None) -> list[str]:
    """The text of each printed page (of `sample` pages spread over a long printout: reading text from a PDF
    is slow; every page's margin boxes are made by the same rule)."""
    from pypdf import PdfReader

    pages = PdfReader(BytesIO(page.pdf(format="A4"))).pages
    count = len(pages)
    chosen = range(count) if sample is None or count <= sample else \
        sorted({round(i * (count - 1) / (sample - 1)) for i in range(sample)})
    return [pages[i].extract_text() if i in chosen else "" for i in range(count)]


def assert_no_site_chrome(page, texts: list[str]) -> None:
    printed = page.evaluate("""selectors => selectors.filter(selector =>
        [...document.querySelectorAll(selector)].some(el => el.getClientRects().length > 0
                                                          && getComputedStyle(el).visibility !== 'hidden'))""",
                            CHROME)
    assert printed == [], f"printed: {printed}"
    whole = "\n".join(texts)
    for words in CHROME_WORDS:
        assert words not in whole, f"{words!r} is printed"


def test_printing_a_section(reader):
    page = reader.open("/act-670/sec_51/2015-11-18/")
    page.get_by_role("button", name="English", exact=True).click()  # one language on screen...
    page.emulate_media(media="print")
    expect(page.locator('#sec_51__subsec_1 > .atp-row > [lang="ms"]')).to_be_visible()  # ...both on paper
    texts = printed_pages(page)

    assert len(texts) >= 2
    stamp = "Act 670 s 51, version in force from 18 November 2015"
    for number, text in enumerate(texts, start=1):
        assert stamp in text, f"page {number} has no version stamp"
        assert f"{number} / {len(texts)}" in text, f"page {number} has no page number"
    whole = " ".join(" ".join(texts).split())
    assert "Where an interim protection order is made under" in whole
    assert "Jika suatu perintah perlindungan interim dibuat" in whole
    assert "Where this text comes from" in whole  # the sources are printed with the law
    assert_no_site_chrome(page, texts)
    # the first page carries law, not only the heading (sections used to be pushed whole to page 2)
    assert "(1)" in texts[0]


@pytest.mark.parametrize("path, stamp", [("/act-670/as-at/2015-11-18/", "Act 670 as at 18 November 2015")])
def test_printing_the_whole_act(reader, path, stamp):
    page = reader.open(path)
    page.emulate_media(media="print")
    texts = printed_pages(page, sample=4)
    assert len(texts) > 20
    read = [(number, text) for number, text in enumerate(texts, start=1) if text]
    missing = [number for number, text in read if stamp not in text or f"{number} / {len(texts)}" not in text]
    assert not missing, f"pages without the stamp or the page number: {missing}"
    assert_no_site_chrome(page, texts)
    assert "Act 670 as at 18 November 2015" in texts[0] and "PRELIMINARY" in texts[0]
