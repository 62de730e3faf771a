"""A site published under a subpath (issue 16.5): GitHub Pages serves a project at
https://<owner>.github.io/atipsom-navigator/, not at the root of a host.

The story: a maintainer runs `atipsom build --site-url https://example.github.io/atipsom-navigator/` and puts the
site on a host that serves it under /atipsom-navigator/. A reader follows any link of any page and lands on a page
of the site (never a 404, never outside /atipsom-navigator/), the search finds its data, the canonical links and
the sitemap name the published address, and a copied citation gives it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner

from atipsom.app.cli import cli
from atipsom.app.site_address import base_path, parse_site_url
from tests.clean_tree import TODAY, write_clean_project
from tests.conftest import REPO

SITE_URL = "https://example.github.io/atipsom-navigator/"
PREFIX = "/atipsom-navigator/"
PAGES_TO_FOLLOW = 50

#: pages of every kind first (section, version, history, diff, whole Act as at a date, amending Act, guidance in
#: both languages, glossary, case notes, search, the 404 page); then whatever the links lead to, breadth first
FIRST_PAGES = ["", "act-670/", "act-670/sec_51/", "act-670/sec_51/2010-11-15/", "act-670/sec_51/history/",
               "act-670/sec_51/diff/2010-11-15_2015-11-18/", "act-670/timeline/", "guidance/", "ms/guidance/after-rescue-first-24-hours/",
               "glossary/", "cases/", "search/", "about/sources/", "no-such-page/"]


# --- the address itself (fast) ---------------------------------------------------------------------------------

def test_the_published_address_is_normalised_to_a_folder():
    assert parse_site_url("https://Example.github.io/atipsom-navigator") == SITE_URL
    assert parse_site_url(" https://example.github.io/atipsom-navigator/ ") == SITE_URL
    assert parse_site_url("http://localhost:8000") == "http://localhost:8000/"
    assert base_path(SITE_URL) == PREFIX
    assert base_path(None) == "/"


@pytest.mark.parametrize("bad", ["example.github.io/atipsom-navigator", "file:///home/reader/site/",
                                 "https://", "https://example.org/?page=1", "https://example.org/#top",
                                 "https://user:secret@example.org/", 'https://example.org/a"b', "javascript:alert(1)"])
def test_a_bad_site_url_is_refused_before_anything_is_built(tmp_path, bad):
    root = write_clean_project(tmp_path / "repo", site=True)
    result = CliRunner().invoke(cli, ["--root", str(root), "build", "--site-url", bad])
    assert result.exit_code == 2
    assert "--site-url" in result.output and "https://example.github.io/atipsom-navigator/" in result.output
    assert not (root / "var").exists() and not (root / "site").exists()


def test_the_site_url_reaches_canonical_links_sitemap_citations_and_the_generation(tmp_path, monkeypatch):
    """The small project of tests/clean_tree.py, built by the command a maintainer runs (about two seconds)."""
    monkeypatch.setenv("ATIPSOM_TODAY", TODAY.isoformat())
    root = write_clean_project(tmp_path / "repo", site=True)
    result = CliRunner().invoke(cli, ["--root", str(root), "build", "--quiet",
                                      "--site-url", "https://example.github.io/atipsom-navigator"])
    assert result.exit_code == 0, result.output
    site = root / "site"
    section = (site / "act-670" / "sec_44" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}act-670/sec_44/">' in section
    law = re.search(r'<div class="atp-law"[^>]*>', section).group(0)
    path = re.search(r'data-path="([^"]*)"', law).group(1)
    assert path.startswith("/act-670/sec_44/") and (site / path.strip("/") / "index.html").is_file()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    assert f"<loc>{SITE_URL}act-670/sec_44/</loc>" in sitemap
    generation = json.loads((root / "var" / "current" / "generation.json").read_text(encoding="utf-8"))
    assert generation["site_url"] == SITE_URL


# --- the real site, served under a subpath (slow) --------------------------------------------------------------

class _Page(HTMLParser):
    """Every address a browser would follow or fetch from a page, and the page's published metadata."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.canonical: str | None = None
        self.site_url: str | None = None
        self.law_paths: list[str] = []
        self._config = False
        self.config_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
            return
        if tag == "meta" and attrs.get("name") == "atp-site-url":
            self.site_url = attrs.get("content")
        if tag == "script" and attrs.get("id") == "__config":
            self._config = True
        if "atp-law" in (attrs.get("class") or "").split() and attrs.get("data-path"):
            self.law_paths.append(attrs["data-path"])
        for name in ("href", "src", "action"):
            if attrs.get(name):
                self.links.append(attrs[name])

    def handle_endtag(self, tag):
        if tag == "script":
            self._config = False

    def handle_data(self, data):
        if self._config:
            self.config_text += data


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """The real site built with --site-url (the same build function `atipsom build` uses), served by a tiny
    Starlette app that mounts it at /atipsom-navigator/ and nothing else."""
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles
    from starlette.testclient import TestClient

    from atipsom.app.build import build_site
    from atipsom.app.project import Project

    site_dir = tmp_path_factory.mktemp("published") / "site"
    build_site(Project(REPO), site_dir, links_file=site_dir.parent / "no-links.json", today=dt.date(2026, 11, 29),
               site_url=SITE_URL)
    app = Starlette(routes=[Mount(PREFIX.rstrip("/"), app=StaticFiles(directory=site_dir, html=True))])
    with TestClient(app, base_url="http://testserver") as client:
        yield client, site_dir


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_every_link_of_fifty_pages_works_under_a_subpath(subpath_site):
    client, site_dir = subpath_site
    queue = deque(PREFIX + page for page in FIRST_PAGES)
    seen_pages: set[str] = set()
    checked: dict[str, int] = {}
    problems: list[str] = []
    while queue and len(seen_pages) < PAGES_TO_FOLLOW:
        page_url = queue.popleft()
        if page_url in seen_pages:
            continue
        seen_pages.add(page_url)
        answer = client.get(page_url)
        if page_url.endswith("no-such-page/"):
            assert answer.status_code == 404  # the 404 page itself, whose links must work from any depth
        else:
            assert answer.status_code == 200, page_url
        page = _Page()
        page.feed(answer.text)
        targets = [urljoin(page_url, link) for link in page.links]
        config = json.loads(page.config_text) if page.config_text else {}
        if config:  # the site's own search loads its data from the base (search/static_index.py: search-data/)
            base = urljoin(page_url, config["base"].rstrip("/") + "/")
            targets += [urljoin(base, "search-data/meta.js")]
        for target in targets:
            parts = urlsplit(target)
            if parts.scheme in ("mailto", "tel") or (parts.netloc and parts.netloc != "testserver"):
                continue  # leaving the site on purpose (sources' own addresses, the repository's edit links)
            if not parts.path.startswith(PREFIX):
                problems.append(f"{page_url}: link escapes {PREFIX}: {target}")
                continue
            if parts.path not in checked:
                checked[parts.path] = client.get(parts.path).status_code
            if checked[parts.path] != 200:
                problems.append(f"{page_url}: {checked[parts.path]} for {target}")
            if parts.path.endswith("/") and parts.path not in seen_pages:
                queue.append(parts.path)
        if not page_url.endswith("no-such-page/"):
            assert page.canonical == SITE_URL + page_url[len(PREFIX):], page_url
            assert page.site_url == SITE_URL, page_url
        for path in page.law_paths:  # what a copied citation gives: the published address of the version page
            if client.get(PREFIX + path.lstrip("/")).status_code != 200:
                problems.append(f"{page_url}: citation path {path} is not a page")
    assert len(seen_pages) == PAGES_TO_FOLLOW
    assert problems == [], "\n".join(problems[:40])
    assert len(checked) > 200  # the pages' links, assets and search data were all followed


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_the_sitemap_names_only_published_pages_that_exist(subpath_site):
    client, _ = subpath_site
    sitemap = client.get(PREFIX + "sitemap.xml")
    assert sitemap.status_code == 200
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
    assert len(locs) > 100
    missing = [loc for loc in locs if not loc.startswith(SITE_URL)
               or client.get(PREFIX + loc[len(SITE_URL):]).status_code != 200]
    assert missing == []


class _FeedLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.feeds: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == "application/atom+xml":
            assert self.in_head, "the feed link belongs in <head>"
            self.feeds.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_a_feed_reader_finds_the_feed_from_any_page_online_and_offline(subpath_site):
    """Feed autodiscovery: every page names feed.xml in its <head>, by a relative address that leads to the feed
    under the published subpath and, opened from file://, to the feed beside it on disk."""
    client, site_dir = subpath_site
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 300
    problems = []
    for path in pages:
        parser = _FeedLinks()
        parser.feed(path.read_text(encoding="utf-8"))
        relative = path.relative_to(site_dir).as_posix()
        if len(parser.feeds) != 1:
            problems.append(f"{relative}: {len(parser.feeds)} feed links")
            continue
        href = parser.feeds[0]
        if relative == "404.html":  # served at any missing address: absolute, under the published path
            assert href == PREFIX + "feed.xml"
            continue
        served = PREFIX + relative.removesuffix("index.html")
        if urljoin(served, href) != PREFIX + "feed.xml":
            problems.append(f"{relative}: {href} leads to {urljoin(served, href)} when served")
        if (path.parent / href).resolve() != (site_dir / "feed.xml").resolve():
            problems.append(f"{relative}: {href} does not lead to feed.xml on disk")
    assert problems == [], "\n".join(problems[:20])
    feed = client.get(PREFIX + "feed.xml")
    assert feed.status_code == 200 and b"<feed" in feed.content
