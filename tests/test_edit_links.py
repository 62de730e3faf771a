"""A reader who spots a mistake clicks "Edit this page" and lands on the file to change: the section as
enacted, the amending Act that made a version, the commentary, the guidance page; never the generated
snapshot in statutes/consolidated/."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, build_real_site

pytestmark = pytest.mark.slow

EDIT_BASE = "https://github.com/atipsom-navigator/atipsom-navigator/edit/main/"
EDIT_TITLES = ("Edit this page", "Edit halaman ini")  # Material's words in English and on Malay pages


class _EditLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.page: list[str] = []  # Material's "Edit this page" action
        self.commentary: list[str] = []  # our "Edit the commentary" link

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag != "a" or not a.get("href"):
            return
        if "md-content__button" in (a.get("class") or "") and a.get("title") in EDIT_TITLES:
            self.page.append(a["href"])
        if "atp-edit-commentary" in (a.get("class") or ""):
            self.commentary.append(a["href"])


def _links(path: Path) -> _EditLinks:
    parser = _EditLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("edit-links-site")
    build_real_site(REPO, site_dir, dt.date(2026, 11, 29))
    return site_dir


def _repo_file(url: str) -> str:
    assert url.startswith(EDIT_BASE), url
    return url[len(EDIT_BASE):]


def test_material_shows_the_edit_action_and_knows_where_to_send_it():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "content.action.edit" in config["theme"]["features"]
    assert config["atipsom"]["edit_base_url"] == EDIT_BASE


def test_every_page_links_to_an_existing_file_never_the_generated_snapshot(site):
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html"]
    assert len(pages) > 300
    problems = []
    for page in pages:
        shown = page.relative_to(site).as_posix()
        links = _links(page).page
        if len(links) != 1:
            problems.append(f"{shown}: {len(links)} edit links")
            continue
        target = _repo_file(links[0])
        if target.startswith("statutes/consolidated/"):
            problems.append(f"{shown}: edit link into the generated snapshot: {target}")
        elif not (REPO / target).is_file():
            problems.append(f"{shown}: edit link to a file that does not exist: {target}")
    assert problems == []


def test_section_page_edits_the_section_file_and_its_commentary_has_its_own_link(site, real_consolidation):
    for number in real_consolidation.order:
        links = _links(site / "act-670" / f"sec_{number}" / "index.html")
        page = _repo_file(links.page[0])
        if (REPO / "statutes" / "act-670" / f"sec_{number}.md").is_file():
            assert page == f"statutes/act-670/sec_{number}.md"
        else:  # a section inserted by an amending Act: that Act's file holds its text
            assert re.fullmatch(r"statutes/amendments/act-a\d+\.md", page), page
        assert [_repo_file(url) for url in links.commentary] == [f"statutes/act-670/annotations/sec_{number}.md"]


def test_version_page_edits_the_amending_act_that_made_it(site, real_consolidation):
    for number, versions in real_consolidation.versions.items():
        for version in versions:
            page = site / "act-670" / f"sec_{number}" / version.in_force_from.isoformat() / "index.html"
            target = _repo_file(_links(page).page[0])
            if version.amended_by:
                assert target == f"statutes/amendments/{version.amended_by[-1].act}.md"
            else:
                assert target == f"statutes/act-670/sec_{number}.md"


def test_guidance_and_hand_written_pages_edit_their_markdown(site):
    assert _repo_file(_links(site / "guidance" / "after-rescue-first-24-hours" / "index.html").page[0]) \
        == "docs/guidance/after-rescue-first-24-hours.md"
    assert _repo_file(_links(site / "index.html").page[0]) == "docs/index.md"
    assert _repo_file(_links(site / "act-670" / "amendments" / "act-a1500" / "index.html").page[0]) \
        == "statutes/amendments/act-a1500.md"
