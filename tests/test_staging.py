"""The site stands on its own: `atipsom build` loads and consolidates the law once, writes every page as a plain
file into a staging folder with a mkdocs.yml that lists them, and MkDocs builds that folder with no plugin of ours
and no setting from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from atipsom.app.project import Project
from atipsom.app.staging import PLACEHOLDER_RE, stage_site
from tests.clean_tree import TODAY, write_clean_project


@pytest.fixture(scope="module")
def clean_root(tmp_path_factory) -> Path:
    return write_clean_project(tmp_path_factory.mktemp("clean") / "repo", site=True)


@pytest.fixture(scope="module")
def staged(clean_root, tmp_path_factory):
    return stage_site(Project(clean_root), TODAY, tmp_path_factory.mktemp("staging") / "site")


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_a_build_consolidates_the_law_once_for_the_site_the_index_and_the_offline_copy(clean_root, monkeypatch):
    import atipsom.app.project as project_module
    import atipsom.app.validate as validate_module
    from atipsom.app.build import build_all

    calls = []
    real = validate_module.consolidate

    def counting(statutes):
        calls.append(statutes)
        return real(statutes)

    monkeypatch.setattr(validate_module, "consolidate", counting)
    monkeypatch.setattr(project_module, "consolidate", counting)
    for key in ("ATIPSOM_OFFLINE", "ATIPSOM_LINKS_FILE"):
        monkeypatch.delenv(key, raising=False)
    report = build_all(Project(clean_root), quiet=True, offline=True, site=True, index=True, today=TODAY)
    assert any(line.startswith("site: built") for line in report)
    assert (clean_root / "dist" / "atipsom-navigator-offline.zip").is_file()
    assert len(calls) == 1


def test_the_staging_folder_holds_every_page_as_a_plain_file_with_no_placeholder_left(staged):
    docs = staged.docs_dir
    for page in ("act-670/index.md", "act-670/sec_44/index.md", "act-670/sec_44/history/index.md",
                 "act-670/timeline/index.md", "guidance/interim-protection-order.md", "ms/index.md",
                 "data/versions.json", "data/links.json", "feed.xml"):
        assert (docs / page).is_file(), page
    leftovers = [path for path in docs.rglob("*.md") if PLACEHOLDER_RE.search(path.read_text(encoding="utf-8"))]
    assert leftovers == []
    act = (docs / "act-670" / "index.md").read_text(encoding="utf-8")
    assert 'href="sec_44/"' in act  # the Act's arrangement links to the section's page, relative to the Act's


def test_a_contributor_edits_the_section_file_not_the_generated_page(staged):
    meta = _front_matter(staged.docs_dir / "act-670" / "sec_44" / "index.md")
    assert meta["edit_url"].endswith("/edit/main/statutes/act-670/sec_44.md")
    guidance = _front_matter(staged.docs_dir / "guidance" / "interim-protection-order.md")
    assert guidance["edit_url"].endswith("/edit/main/docs/guidance/interim-protection-order.md")


def test_the_staged_configuration_lists_the_act_by_part_and_needs_no_plugin_of_ours(staged):
    config = yaml.safe_load(staged.config_file.read_text(encoding="utf-8"))
    assert "atipsom" not in config
    assert not any("atipsom" in (p if isinstance(p, str) else next(iter(p))) for p in config.get("plugins") or [])
    act = next(entry["Act 670"] for entry in config["nav"] if isinstance(entry, dict) and "Act 670" in entry)
    assert act[0] == {"Overview": "act-670/index.md"}
    sections = [page for part in act[1:] if isinstance(part, dict) for value in part.values()
                if isinstance(value, list) for entry in value for page in entry.values()]
    assert "act-670/sec_44/index.md" in sections


@pytest.mark.slow
def test_plain_mkdocs_builds_the_staging_folder(staged, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("ATIPSOM_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(staged.config_file),
                           "-d", str(out)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    section = (out / "act-670" / "sec_44" / "index.html").read_text(encoding="utf-8")
    assert "Section 44." in section
    assert (out / "act-670" / "sec_44" / "history" / "index.html").is_file()


def test_links_can_be_written_from_the_page_file_for_a_generator_that_reads_them_so(clean_root, tmp_path):
    """Zensical (Material's successor) reads a link in HTML from the folder of the page's file: guidance/x.md's
    links then start one level higher than from its address guidance/x/."""
    project = Project(clean_root)
    by_page = stage_site(project, TODAY, tmp_path / "page")
    by_source = stage_site(project, TODAY, tmp_path / "source", links_from="source")
    page = "guidance/interim-protection-order.md"
    from_address = (by_page.docs_dir / page).read_text(encoding="utf-8")
    from_file = (by_source.docs_dir / page).read_text(encoding="utf-8")
    assert 'href="../../act-670/sec_44/' in from_address
    assert 'href="../act-670/sec_44/' in from_file and 'href="../../act-670/' not in from_file
    section = "act-670/sec_44/index.md"  # a folder's index: its file's folder is its address
    assert (by_page.docs_dir / section).read_bytes() == (by_source.docs_dir / section).read_bytes()
