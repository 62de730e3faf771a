"""The site's own search in Chromium (window.atipsomSearch over search-data/), over HTTP and from the unzipped
offline copy via file://: a page view loads no search data; the first search loads only what it needs; judged
queries answer as the server does; citations, as-at and Malay work offline."""

from __future__ import annotations

import gzip
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE

QUERIES = [  # (query, options, what must come first)
    ("s 51(3)(b)", {"lang": "en"}, "s 51(3)(b)"),
    ("seksyen 44", {"lang": "ms"}, "seksyen 44"),
    ("s 44(2)", {"lang": "en", "asAt": "2012-06-01"}, "s 44(2)"),
]


def _run(page, query: str, options: dict) -> dict:
    return page.evaluate("([q, o]) => window.atipsomSearch(q, o)", [query, options])


def _search_data_requests(reader) -> list[str]:
    return [url for url in reader.requested if "/search-data/" in url]


def _watch(reader) -> None:
    reader.requested = []
    reader.context.on("request", lambda request: reader.requested.append(request.url))


def test_a_phone_reader_downloads_search_data_only_when_searching(open_reader, built):
    reader = open_reader(viewport=PHONE)
    _watch(reader)
    page = reader.open("/")
    page.wait_for_load_state("networkidle")
    assert _search_data_requests(reader) == []  # a page view transfers no search data
    answer = _run(page, "magistrate interim protection order", {})
    assert answer["results"] and answer["total"] >= len(answer["results"])
    loaded = _search_data_requests(reader)
    size = sum(len(gzip.compress((built.site / "search-data" / url.rsplit("/", 1)[1]).read_bytes()))
               for url in loaded)
    assert loaded and size <= 400_000, size
    first = answer["results"][0]
    page.goto(reader.url("/" + first["url"]))  # urls are relative to the site root
    assert page.locator(".atp-law, article").first.is_visible()


def test_judged_queries_answer_over_http(open_reader):
    reader = open_reader()
    page = reader.open("/")
    for query, options, first in QUERIES:
        answer = _run(page, query, options)
        assert answer["results"][0]["provision"] == first, query
    dated = _run(page, "s 44(2)", {"lang": "en", "asAt": "2012-06-01"})["results"][0]
    assert dated["in_force_from"] <= "2012-06-01" <= dated["in_force_to"]


def test_the_offline_copy_searches_with_citations_as_at_and_malay(open_reader, built):
    reader = open_reader(base=None)
    page = reader.open((built.offline / "index.html").as_uri())
    for query, options, first in QUERIES:
        answer = _run(page, query, options)
        assert answer["results"][0]["provision"] == first, query
    malay = _run(page, "diperdagangkan", {"lang": "ms"})
    assert malay["total"] > 5 and "<mark>" in malay["results"][0]["snippet"]
    href = page.evaluate("(u) => atipsomSearchEngine.href(u)", _run(page, "s 51(3)(b)", {})["results"][0]["url"])
    assert re.search(r"/index\.html(#|$)", href)
    page.goto(href)
    assert page.locator(".atp-law").first.is_visible()


def test_the_header_box_is_a_keyboard_combobox_that_goes_to_a_cited_provision(open_reader):
    reader = open_reader(viewport=PHONE)
    page = reader.open("/")
    page.keyboard.press("/")  # the shortcut readers know
    box = page.locator("#atp-search-input")
    expect(box).to_be_focused()
    box.press_sequentially("s 44(2)")
    expect(page.locator("#atp-search-status")).to_contain_text("First: s 44(2)")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-activedescendant", "atp-search-option-0")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/act-670/sec_44/"))


def test_the_header_box_searches_as_at_a_date_offline(open_reader, built):
    reader = open_reader(base=None)
    page = reader.open((built.offline / "index.html").as_uri())
    page.locator("#atp-search-asat").fill("2012-06-01")
    box = page.locator("#atp-search-input")
    box.click()
    box.press_sequentially("perintah perlindungan sementara")
    first = page.locator("#atp-search-list [role=option] a").first
    expect(first).to_be_visible(timeout=20_000)
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"^file://.*/index\.html(#.*)?$"))
