"""A reader on a phone, and on paper, sees that an English provision is unofficial (issue 12).

The page is the built s 44 as in force from 15 November 2010. Until the engine gives that version real tiers,
the English cell of s 44(2) is replaced in the browser by the cell `render_law` makes for a version whose
s 44(2) is rendered (the test fixture of tests/test_unofficial_english_display.py): the site's own CSS and
scripts then act on the HTML our renderer really produces.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from atipsom.render.law import render_law
from atipsom.render.unofficial import legend
from tests.browser.conftest import PHONE
from tests.test_unofficial_english_display import RENDERED_44_2, with_tier

PAGE = "/act-670/sec_44/2010-11-15/"
CELL = '#sec_44__subsec_2 > .atp-row > [lang="en"]'


@pytest.fixture(scope="module")
def rendered_cell(real_consolidation) -> tuple[str, str]:
    version = next(v for v in real_consolidation.versions["44"] if v.in_force_from == dt.date(2010, 11, 15))
    html = render_law(with_tier(version, "sec_44__subsec_2", "rendered", RENDERED_44_2), permalink="x")
    block = html.split('id="sec_44__subsec_2"', 1)[1]
    cell = re.search(r'<div class="atp-cell[^"]*" lang="en">.*?</div>', block, re.S).group(0)
    return cell.replace("@@page:about/english-text.md", "../../../about/english-text/"), legend().replace(
        "@@page:about/english-text.md", "../../../about/english-text/")


def _open_with_rendered_text(reader, rendered_cell):
    page = reader.open(PAGE)
    if page.locator(f"{CELL} .atp-tier").count() == 0:  # no real tier yet: put in what the renderer makes
        cell, note = rendered_cell
        page.evaluate("""([selector, cell, note]) => {
            document.querySelector(selector).outerHTML = cell;
            document.querySelector('.atp-law').insertAdjacentHTML('beforebegin', note);
        }""", [CELL, cell, note])
    return page


def test_phone_reader_sees_unofficial_english_label_and_our_words(open_reader, rendered_cell):
    page = _open_with_rendered_text(open_reader(viewport=PHONE), rendered_cell)
    label = page.locator(f"{CELL} .atp-tier")
    expect(label).to_be_visible()
    expect(label).to_contain_text("unofficial English")
    box = label.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box  # on screen, not cut off
    ours = page.locator(f"{CELL} ins.atp-ours")
    expect(ours).to_have_text("shall")
    assert page.evaluate("el => getComputedStyle(el).textDecorationLine", ours.element_handle()) == "underline"
    expect(page.locator(".atp-ours-legend")).to_be_visible()
    # the label leads to the explanation, which says the Malay is the official text
    label.click()
    expect(page.locator("h1")).to_have_text(re.compile("How the English text is made"))
    expect(page.locator("article")).to_contain_text("The official text is the Malay")


def test_printed_page_keeps_the_label_and_brackets_our_words(open_reader, rendered_cell):
    page = _open_with_rendered_text(open_reader(viewport=PHONE), rendered_cell)
    page.emulate_media(media="print")
    expect(page.locator(f"{CELL} .atp-tier")).to_be_visible()
    expect(page.locator('#sec_44__subsec_2 > .atp-row > [lang="ms"]')).to_be_visible()  # the Malay beside it
    ours = page.locator(f"{CELL} ins.atp-ours").element_handle()
    before = page.evaluate("el => getComputedStyle(el, '::before').content", ours)
    after = page.evaluate("el => getComputedStyle(el, '::after').content", ours)
    assert (before, after) == ('"["', '"]"')


def test_copied_citation_of_unofficial_english_says_so(reader, rendered_cell):
    page = _open_with_rendered_text(reader, rendered_cell)
    page.locator(f"{CELL} .atp-cite").click()
    expect(page.locator(".atp-toast")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "s 44(2) (unofficial English)" in copied
