"""Screenshots of every page type at a phone's width (390 x 844) and a desktop's (1280 x 900), written to
artifacts/screenshots/ (CI uploads artifacts/) for people to look at; and what a caseworker on a phone
would trip over, checked on each: no sideways scrolling and no text smaller than 12 px in the law."""

from __future__ import annotations

import re

import pytest

from .conftest import ARTIFACTS, DESKTOP, PHONE
from .pagetypes import MALAY_READ_THROUGH, PAGE_TYPES

SHOTS = ARTIFACTS / "screenshots"
WIDTHS = {"phone": dict(viewport=PHONE, is_mobile=True, has_touch=True),
          "desktop": dict(viewport=DESKTOP)}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshots_of_every_page_type(open_reader, width):
    reader = open_reader(reduced_motion="reduce", **WIDTHS[width])
    page = reader.page
    SHOTS.mkdir(parents=True, exist_ok=True)
    sideways = {}
    for name, path in PAGE_TYPES.items():
        reader.open(path)
        page.screenshot(path=SHOTS / f"{slug(name)}-{width}.png")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > WIDTHS[width]["viewport"]["width"]:
            sideways[name] = scroll
    reader.open(PAGE_TYPES["section"])
    page.screenshot(path=SHOTS / f"section-{width}-full.png", full_page=True)
    assert sideways == {}, f"pages that scroll sideways at {width} width: {sideways}"


def test_malay_pages_read_start_to_finish_on_a_phone(open_reader):
    """Whole-page screenshots of the Malay pages at 390 px, for a person to read as a caseworker would; the page
    says it is Malay, keeps to the width, and its answer is on the first screen."""
    reader = open_reader(reduced_motion="reduce", **WIDTHS["phone"])
    page = reader.page
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in MALAY_READ_THROUGH.items():
        reader.open(path)
        page.screenshot(path=SHOTS / f"{slug(name)}-phone-full.png", full_page=True)
        assert page.evaluate("document.documentElement.lang") == "ms", name
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        answer = page.locator(".atp-summary")
        if answer.count():
            assert answer.first.bounding_box()["y"] < PHONE["height"], f"{name}: the answer is below the first screen"


def test_law_text_is_readable_on_a_phone(open_reader):
    reader = open_reader(**WIDTHS["phone"])
    page = reader.open(PAGE_TYPES["section"])
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('.atp-law .atp-text')]
        .filter(e => e.getClientRects().length).map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 12
    # the controls beside each provision are big enough to tap (WCAG 2.2 target size, 24 x 24 px)
    sizes = page.evaluate("""() => [...document.querySelectorAll('.atp-law .atp-cite, .atp-law .atp-anchor, .atp-langbar button')]
        .filter(e => e.getClientRects().length).map(e => { const r = e.getBoundingClientRect();
                                                            return [r.width, r.height]; })""")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sorted(sizes)[:3]
