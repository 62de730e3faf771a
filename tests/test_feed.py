"""The Atom feed of changes (issue 16, item 4): valid Atom (RFC 4287: one id, title and updated on the feed and on
every entry, unique permanent ids, RFC 3339 dates, links), one entry per commencement and amending Act (with the
sections it changed), per corrected transcription, per guidance page and case note; dates from the repository's
history, with a fallback when there is none."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

import pytest
from lxml import etree

from atipsom.app.export import history
from atipsom.app.export.feed import atom_feed, entry_id, plain_summary

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def feed(real_project):
    return etree.fromstring(atom_feed(real_project))


def _rfc3339(text: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(text)
    assert when.tzinfo is not None, f"{text} has no time zone"
    return when


def _check_atom(root) -> None:
    assert root.tag == f"{A}feed"
    for element in (root, *root.findall(f"{A}entry")):
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{A}{required}")) == 1, (required, etree.tostring(element)[:200])
        _rfc3339(element.findtext(f"{A}updated"))
        assert element.findtext(f"{A}id").startswith("urn:uuid:")
        assert element.find(f"{A}link[@rel='alternate']") is not None or element is root
    assert root.find(f"{A}author/{A}name").text  # every entry inherits the feed's author (RFC 4287 4.1.1)
    ids = [e.text for e in root.iter(f"{A}id")]
    assert len(ids) == len(set(ids))
    assert root.find(f"{A}link[@rel='self']").get("href") == "feed.xml"
    newest = max(_rfc3339(e.findtext(f"{A}updated")) for e in root.findall(f"{A}entry"))
    assert _rfc3339(root.findtext(f"{A}updated")) == newest


def test_the_feed_is_valid_atom(feed):
    _check_atom(feed)


def test_each_amending_act_is_an_entry_with_the_sections_it_changed(real_project, feed):
    entries = {e.findtext(f"{A}title"): e for e in feed.findall(f"{A}entry")}
    a1500 = next(e for title, e in entries.items() if title.startswith("Act A1500 in force"))
    assert a1500.findtext(f"{A}updated") == "2015-11-18T00:00:00+08:00"
    assert a1500.find(f"{A}link").get("href") == "act-670/amendments/act-a1500/"
    assert "s 44 amended" in a1500.findtext(f"{A}summary")
    laws = [e for e in feed.findall(f"{A}entry") if e.find(f"{A}category").get("term") == "law"]
    assert len(laws) == len(real_project.statutes.amendments) + len(real_project.statutes.work.commencements)


def test_each_corrected_transcription_and_each_page_is_an_entry(real_project, feed):
    entries = feed.findall(f"{A}entry")
    terms = [e.find(f"{A}category").get("term") for e in entries]
    assert terms.count("correction") == sum(len(s.corrections) for s in real_project.statutes.sections.values())
    pages = len([g for g in (*real_project.guidance, *real_project.guidance_ms) if g.slug != "index"])
    assert terms.count("guidance") == pages
    assert terms.count("case note") == len([c for c in real_project.cases if c.slug != "index"])
    s25 = next(e for e in entries if e.findtext(f"{A}title") == "Transcription corrected: s 25 (Bahasa Malaysia)")
    assert "perbuatan peraerdagangan orang" in s25.findtext(f"{A}summary")


def test_links_are_relative_so_the_feed_works_under_any_address(feed):
    for link in feed.iter(f"{A}link"):
        href = link.get("href")
        assert not href.startswith(("/", "http:", "https:", "file:")), href
        assert urljoin("https://example.org/atipsom/feed.xml", href).startswith("https://example.org/atipsom/")


def test_summaries_are_plain_text():
    assert plain_summary("immunity ([s 25](law:act-670/sec_25)) **only** for `entry`") == "immunity (s 25) only for entry"


def test_without_git_the_feed_is_still_valid_and_dated_from_the_data(real_project, monkeypatch):
    monkeypatch.setattr(history, "_git", lambda root, *args: "")
    root = etree.fromstring(atom_feed(real_project))
    _check_atom(root)
    assert root.find(f"{A}entry/{A}published") is None
    assert atom_feed(real_project) == atom_feed(real_project)


def test_entry_ids_are_permanent():
    assert entry_id("amendment:act-a1500") == entry_id("amendment:act-a1500")
    assert entry_id("amendment:act-a1500") != entry_id("amendment:act-a1644")
