"""'Where this text comes from' on a section page says what the English is: a source's words, or ours (issue 12).

A lawyer reading the English of a section added in 2010 must not be told it is "verbatim from the source" when no
English source exists and the words are our translation."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from atipsom.app.project import Project, find_root
from atipsom.app.site import Site

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    site = Site(Project(find_root()), TODAY)
    return {page.path: page.content for page in site.pages()}


def provenance_rows(page: str) -> dict[str, str]:
    box = page[page.index('class="atp-provenance"'):]
    box = box[:box.index("</ul>")]
    return {lang: re.sub(r"<[^>]+>", "", row) for lang, row in
            re.findall(r"<li><strong>(English|Bahasa Malaysia)</strong>: (.*?)</li>", box)}


def test_a_translated_section_says_the_english_is_ours_and_names_no_english_source(pages):
    rows = provenance_rows(pages["act-670/sec_26D/2010-11-15/index.md"])
    assert rows["English"].startswith("in no English source: parts are our translation of the official Malay text")
    assert "Source: none in English; translated by us from the Malay text below." in rows["English"]
    assert "verbatim from the source" not in rows["English"]
    assert rows["Bahasa Malaysia"].startswith("verbatim from the source. Source: Anti-Trafficking in Persons "
                                              "(Amendment) Act 2010, A1385 s 15")


def test_a_rendered_section_says_some_words_are_ours_and_keeps_its_source(pages):
    rows = provenance_rows(pages["act-670/sec_44/2010-11-15/index.md"])
    assert rows["English"].startswith("the words of English sources, with words of ours where only the Malay")
    assert "Source: none" not in rows["English"]


def test_a_section_in_its_enacted_english_is_verbatim(pages):
    rows = provenance_rows(pages["act-670/sec_45/2008-02-28/index.md"])
    assert rows["English"].startswith("verbatim from the source. Source: ")


def test_the_banner_of_an_inserted_section_says_where_it_was_inserted_not_that_it_inserted_another(pages):
    """s 61A was inserted after s 61 by Act A1385 s 23: the banner said 'inserts section s 61', naming the wrong
    section as the one inserted."""
    page = pages["act-670/sec_61A/index.md"]
    made_by = re.sub(r"<[^>]+>", "", re.search(r"<p>This version was made by: (.*?)</p>", page).group(1))
    assert made_by == "Act A1385 s 23 inserts this section after s 61."
    substituted = re.sub(r"<[^>]+>", "", re.search(r"<p>This version was made by: (.*?)</p>",
                                                   pages["act-670/sec_13/index.md"]).group(1))
    assert substituted.startswith("Act A1644 s 5 substitutes s 13")


def test_a_heading_we_rendered_is_marked_on_its_page_and_plain_in_titles(pages):
    """s 63's English heading (from 2010) is our rendering: the page's heading marks our words as the text does,
    while the browser title, the description and the navigation carry the words without the ⟦ ⟧ of the data."""
    page = pages["act-670/sec_63/index.md"]
    front = page[:page.index("\n---\n", 4)]
    assert "title: Section 63. General penalty and heavier penalty\n" in front
    assert "⟦" not in front and "⟧" not in front
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    assert heading == ('# Section 63. <ins class="atp-ours" title="our rendering">General penalty and heavier '
                       'penalty</ins>')
    assert "atp-tier--rendered" in page[page.index(heading):page.index(heading) + 600]
    assert not [path for path, content in pages.items() if "⟦General" in content]
