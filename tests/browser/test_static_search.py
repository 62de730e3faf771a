"""The site's own search in Chromium (window.atipsomSearch over search-data/), over HTTP and from the unzipped
offline copy via file://: a page view loads no search data; the first search loads only what it needs; the judged
queries (tests/eval/queries.yaml) rank as the server's API ranks them on the same build, through the JavaScript
interface and through the header box a reader types into; citations, as-at and Malay work offline."""

from __future__ import annotations

import gzip
import json
import re
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.conftest import load_benchmark

relevance = load_benchmark("relevance")
JUDGED = relevance.load_queries()
MARGIN = 0.03  # issue 14: the static search within 0.03 of the server

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


# -- the judged queries, through window.atipsomSearch and through the header box -------------------------------

def _open(open_reader, built, where: str, **options):
    """A page of the served site ("http") or of the unzipped offline copy ("file")."""
    if where == "file":
        return open_reader(base=None, **options).open((built.offline / "index.html").as_uri())
    return open_reader(**options).open("/")


def _options(query, *, box: bool = False) -> dict:
    """A judged query's search options (the header box has only the as-at date)."""
    options = {"asAt": query.as_at.isoformat(), "limit": 10}
    if not box:
        options.update(kind=query.kind, lang=query.lang)
    return options


def _answers(page, queries, *, box: bool = False) -> list[dict]:
    return page.evaluate("""async (jobs) => {
        const out = [];
        for (const [q, o] of jobs) out.push(await window.atipsomSearch(q, o));
        return out;
    }""", [[q.query, _options(q, box=box)] for q in queries])


def _hits(results: list[dict]) -> list:
    return [relevance.Hit(id=r["id"], kind=r["kind"], section=r["section"], eid=relevance._eid_of(r["id"], r["kind"]),
                          lang=r["lang"]) for r in results]


def _api(server: str, query) -> list[dict]:
    params = {"q": query.query, "as_at": query.as_at.isoformat(), "kind": query.kind, "limit": 10}
    if query.lang:
        params["lang"] = query.lang
    with urllib.request.urlopen(f"{server}/api/search?{urllib.parse.urlencode(params)}", timeout=30) as response:
        return json.load(response)["results"]


def _mean(scores: list, metric: str) -> float:
    return sum(getattr(s, metric) for s in scores) / len(scores)


@pytest.mark.parametrize("where", ["http", "file"])
def test_judged_queries_rank_in_the_browser_as_the_server_api_ranks_them(open_reader, built, server, where):
    page = _open(open_reader, built, where)
    static = [_hits(a["results"]) for a in _answers(page, JUDGED)]
    api = [_hits(_api(server, q)) for q in JUDGED]
    for query, hits, served in zip(JUDGED, static, api, strict=True):
        if query.category == "citation":  # every citation puts its provision first, in both
            assert hits and relevance.hit_grade(query, hits[0])[1] == 2, (query.query, [h.id for h in hits[:3]])
            assert served and relevance.hit_grade(query, served[0])[1] == 2, (query.query, [h.id for h in served[:3]])
    ours = [relevance.score(q, h) for q, h in zip(JUDGED, static, strict=True)]
    theirs = [relevance.score(q, h) for q, h in zip(JUDGED, api, strict=True)]
    for metric in ("mrr", "recall"):
        assert _mean(ours, metric) >= _mean(theirs, metric) - MARGIN, (metric, _mean(ours, metric),
                                                                       _mean(theirs, metric))


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_reader_typing_the_judged_queries_into_the_header_box_reads_the_same_results(open_reader, built, where):
    """Typed key by key like a reader, each judged query lists in the box exactly what window.atipsomSearch
    answers (same order, links that open from here), and a citation offers its provision first."""
    page = _open(open_reader, built, where)
    expected = page.evaluate("""async (jobs) => {
        const out = [];
        for (const [q, o] of jobs) {
          const answer = await window.atipsomSearch(q, o);
          out.push(answer.results.map((r) => atipsomSearchEngine.href(r.url)));
        }
        return out;
    }""", [[q.query, _options(q, box=True)] for q in JUDGED])
    box, as_at = page.locator("#atp-search-input"), page.locator("#atp-search-asat")
    shown_date = None
    for query, links in zip(JUDGED, expected, strict=True):
        assert links, query.query
        if query.as_at.isoformat() != shown_date:
            as_at.fill(query.as_at.isoformat())
            shown_date = query.as_at.isoformat()
        box.fill("")
        box.press_sequentially(query.query)
        try:
            page.wait_for_function("""(expected) => !document.querySelector("#atp-search-list").hidden &&
                JSON.stringify([...document.querySelectorAll("#atp-search-list [role=option] a")].map((a) => a.href))
                === JSON.stringify(expected)""", arg=links, timeout=15_000)
        except PlaywrightTimeout:
            shown = page.eval_on_selector_all("#atp-search-list [role=option] a", "(all) => all.map((a) => a.href)")
            assert shown == links, (query.query, page.locator("#atp-search-status").text_content())
        if query.category == "citation":
            expect(page.locator("#atp-search-status")).to_contain_text("First: ")
            expect(box).to_have_attribute("aria-activedescendant", "atp-search-option-0")
