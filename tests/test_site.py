"""The static site, built for real with `mkdocs build --strict` (slow: one build per test session)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from atipsom.app.project import Project
from atipsom.app.site import Site
from tests.conftest import REPO, build_real_site, write_tree

pytestmark = pytest.mark.slow

TODAY = dt.date(2026, 11, 29)


def _build(root: Path, site_dir: Path) -> None:
    build_real_site(root, site_dir, TODAY)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    _build(REPO, site_dir)
    return site_dir


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []  # things the browser fetches by itself
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.loaded.append(a["src"])
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("canonical", "alternate", "prev", "next"):
            self.loaded.append(a["href"])
        if tag == "object" and a.get("data"):
            self.loaded.append(a["data"])


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_strict_build_makes_a_page_for_every_section_and_version(site, real_consolidation):
    for number, versions in real_consolidation.versions.items():
        assert (site / "act-670" / f"sec_{number}" / "index.html").is_file(), number
        for version in versions:
            assert (site / "act-670" / f"sec_{number}" / version.in_force_from.isoformat() / "index.html").is_file()


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for page in site.rglob("*.html"):
        for ref in _parse(page).loaded:
            if urlparse(ref).scheme in ("http", "https") or ref.startswith("//"):
                offenders.append(f"{page.relative_to(site)}: {ref}")
    assert offenders == []
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|url\(\s*['\"]?https?://", text), css
    assert not list(site.rglob("*.html"))[0].read_text(encoding="utf-8").count("fonts.googleapis")


def test_section_page_has_both_languages_anchors_and_a_banner(site):
    html = (site / "act-670" / "sec_51" / "index.html").read_text(encoding="utf-8")
    ids = _parse(site / "act-670" / "sec_51" / "index.html").ids
    assert {"sec_51__subsec_1", "sec_51__subsec_3__para_a__subpara_i", "sec_51__subsec_3__para_b"} <= ids
    assert 'lang="en"' in html and 'lang="ms"' in html
    assert "Current version: in force from 22 February 2022" in html
    assert "Perintah Perlindungan" in html
    assert "[Am. Act A1500 s 10(b), in force 18.11.2015]" in html


def test_past_version_says_so_and_pages_carry_no_search_index(site):
    html = (site / "act-670" / "sec_44" / "2008-02-28" / "index.html").read_text(encoding="utf-8")
    assert "Past version: in force from 28 February 2008 to 14 November 2010" in html
    # Material's search (its 1 MB index loaded by every page) is replaced by the site's own (search-data/, written
    # by the build: tests/test_static_search.py searches past versions as at their dates)
    assert not (site / "search" / "search_index.json").exists()
    assert 'id="atp-search-input"' in html and "atipsom-search/engine.js" in html


def test_english_translated_from_the_malay_is_labelled_unofficial_beside_the_official_malay(site):
    # s 61A as inserted in 2010: no source gives its English, so the English layer translates it (issue 12)
    html = (site / "act-670" / "sec_61A" / "2010-11-15" / "index.html").read_text(encoding="utf-8")
    assert "Admissibility of deposition of trafficked person or smuggled migrant who cannot be traced" in html
    assert 'data-tier="translated"' in html and "unofficial English" in html
    assert "Kebolehterimaan deposisi orang yang diperdagangkan" in html  # the official Malay beside it
    assert "English text not available in any source" not in html


def test_english_gap_is_shown_not_filled(tmp_path):
    # a constructed gap: the small test tree's Malay-only 2010 Act changes s 44(2) with no English and no English
    # layer entry (the real Act has none left: every Malay-only change has English, tests/test_english_layer*.py)
    write_tree(tmp_path)
    page = next(p for p in Site(Project(tmp_path), TODAY).pages() if str(p.path) == "act-670/sec_44/2010-11-15/index.md")
    assert "English text not available in any source: see the Malay text." in page.content
    assert "Majistret hendaklah membuat" in page.content  # the official Malay stands beside the gap


def test_english_rendered_from_the_malay_shows_our_word_beside_the_official_malay(site):
    # s 44(2) from 2010: A1385 s 19 changed only the Malay; our rendering marks its one word of ours
    html = (site / "act-670" / "sec_44" / "2010-11-15" / "index.html").read_text(encoding="utf-8")
    assert 'The Magistrate <ins class="atp-ours" title="our rendering">shall</ins> make' in html
    assert "English text not available in any source" not in html
    assert "hendaklah membuat perintah perlindungan interim" in html


def test_diff_page_marks_insertions_and_deletions_in_words(site):
    html = (site / "act-670" / "sec_44" / "diff" / "2010-11-15_2015-11-18" / "index.html").read_text(encoding="utf-8")
    assert "[deleted: </span>empat belas" in html
    assert "[inserted: </span>dua puluh satu" in html


def test_home_page_says_what_the_site_is_not(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "not an authoritative reprint" in html
    assert "Attorney General" in html


def test_guidance_pages_carry_the_disclaimer_and_resolved_law_links(site):
    pages = [p for p in (site / "guidance").rglob("index.html") if p.parent.name != "guidance"]
    assert len(pages) >= 18
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "General information, not legal advice" in html, page
        assert 'href="law:' not in html, page


def test_links_between_provisions_and_guidance_are_exported(site):
    data = json.loads((site / "data" / "links.json").read_text(encoding="utf-8"))
    assert any(link["source"] == "act-670/sec_44" and link["kind"] == "guidance" for link in data["links"])


def test_broken_statute_file_fails_the_build_with_file_and_line(tmp_path):
    from atipsom.domain.errors import InputErrors

    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".venv", "site", "var", "dist", "*.pyc"),
                    symlinks=True)
    section = root / "statutes" / "act-670" / "sec_25.md"
    section.write_text(section.read_text(encoding="utf-8").replace("heading:", "headnig:", 1), encoding="utf-8")
    with pytest.raises(InputErrors) as refused:
        _build(root, tmp_path / "out")
    assert "statutes/act-670/sec_25.md:5:1: unknown key 'headnig' (did you mean 'heading'?)" in str(refused.value)
    assert not (tmp_path / "out" / "index.html").exists()


def test_the_site_carries_the_open_data_listed_in_its_manifest_and_the_feed(site):
    import hashlib
    import json

    from lxml import etree

    manifest = json.loads((site / "data" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        content = (site / "data" / entry["path"]).read_bytes()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (entry["bytes"], entry["sha256"]), entry["path"]
    assert len([e for e in manifest["files"] if e["format"] == "akn"]) == 278
    feed = etree.parse(str(site / "feed.xml")).getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for page, prefix in (("about/data/index.html", "../../"), ("ms/about/data/index.html", "../../../")):
        html = (site / page).read_text(encoding="utf-8")
        for target in ("data/manifest.json", "data/act-670-data.zip", "data/law-data.schema.json", "feed.xml"):
            assert f'href="{prefix}{target}"' in html, (page, target)
