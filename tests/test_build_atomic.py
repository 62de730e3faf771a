"""A build that is killed or fails never leaves readers without a site or a search index.

The story: the site and the index are built and served. A second build starts and is killed (SIGKILL,
the power goes off) while it is writing; or a contributor's broken file makes it fail. Either way the
previous site and index still serve, and the next good build cleans up what the killed one left.

The small project of tests/clean_tree.py builds in about two seconds, too fast to catch mid-write, so the
killed build runs with a pause before each page and each index document (see SLOW_BUILD); it is
killed as soon as its temporary folder holds written files, never after a fixed sleep.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.clean_tree import TODAY, cli_env, write_clean_project
from tests.conftest import REPO

pytestmark = pytest.mark.slow

# `atipsom ...`, but each page and each index document waits a little, so that a kill lands mid-write
SLOW_BUILD = """
import sys, time
import mkdocs.commands.build as pages
import search.indexer as indexer

def slowly(function, seconds):
    def wrapper(*args, **kwargs):
        time.sleep(seconds)
        return function(*args, **kwargs)
    return wrapper

pages._build_page = slowly(pages._build_page, 0.05)
indexer.doc_fields = slowly(indexer.doc_fields, 0.5)
from atipsom.app.cli import main
sys.argv = ["atipsom", *sys.argv[1:]]
main()
"""




def atipsom(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "atipsom", "--root", str(root), *args], capture_output=True,
                          text=True, env=cli_env(), cwd=root, timeout=300)


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A project whose site and index have been built once: (root, what was served)."""
    for key in ("ATIPSOM_ROOT", "ATIPSOM_SITE_DIR", "ATIPSOM_INDEX_DIR", "ATIPSOM_LINKS_FILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("ATIPSOM_TODAY", TODAY.isoformat())
    root = write_clean_project(tmp_path / "repo", site=True)
    result = atipsom(root, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    return root, _served(root)


def _served(root: Path) -> dict:
    site = root / "site"
    assert site.is_symlink()
    target = site.resolve()
    generation = _published(root)
    return {
        "generation": generation.name,
        "site": target,
        "files": sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()),
        "index": (generation / "index" / "CURRENT").read_text(encoding="utf-8").strip(),
        "links": (generation / "links.json").read_bytes(),
    }


def _published(root: Path) -> Path:
    """The generation `var/current` points at (one switch for site, index, links and law)."""
    return (root / "var" / "current").resolve()


def _partials(root: Path) -> list[Path]:
    return list((root / "var" / "generations").glob("*.partial"))


#: Practical advice (a tip box needs no citation, and the Malay page need not change for the check to pass)
ADDED = '\n!!! tip "Test"\n    Test: a sentence added by the second build.\n'


def _change_guidance(root: Path) -> None:
    """A change that the index and the site must both pick up (our words, not law text)."""
    page = root / "docs" / "guidance" / "interim-protection-order.md"
    page.write_text(page.read_text(encoding="utf-8") + ADDED, encoding="utf-8")


def _kill_when(process: subprocess.Popen, written, timeout: float = 120) -> None:
    """SIGKILL `process` as soon as `written()` is true (it has started writing); fail if it ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if written():
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"the build ended (exit {process.returncode}) before it was caught writing:\n{output}")
        time.sleep(0.005)
    process.kill()
    pytest.fail("the build never started writing")


def _start_slow_build(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SLOW_BUILD, "--root", str(root), "build", "--quiet", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=cli_env(), cwd=root)


def _partial_site_with_pages(root: Path) -> bool:
    return any(next((folder / "site").rglob("*.html"), None) is not None for folder in _partials(root))


def _new_index_generation(root: Path, current: str):
    """The build has started writing a new index (into the generation it is building)."""
    def written() -> bool:
        return any(folder.is_dir() and any(folder.iterdir())
                   for partial in _partials(root) for folder in (partial / "index").glob("*"))
    return written


def assert_previous_build_still_serves(root: Path, before: dict) -> None:
    from starlette.testclient import TestClient

    from atipsom.app.project import Project
    from atipsom.app.server import create_server_app
    from search.engine import SearchEngine

    # one switch: the same generation is published, every file of its site in place
    generation = _published(root)
    assert generation.name == before["generation"]
    assert (root / "site").resolve() == before["site"]
    assert sorted(p.relative_to(before["site"]).as_posix() for p in before["site"].rglob("*") if p.is_file()) \
        == before["files"]
    assert (before["site"] / "index.html").is_file()
    # its index and links unchanged, and the index opens and answers
    assert (generation / "index" / "CURRENT").read_text(encoding="utf-8").strip() == before["index"]
    assert (generation / "links.json").read_bytes() == before["links"]
    engine = SearchEngine.open(generation / "index")
    try:
        response = engine.search("interim protection order", as_at=TODAY)
        assert response.total > 0 and response.results
    finally:
        engine.close()
    # the server: the home page and the search API
    with TestClient(create_server_app(Project(root)), base_url="http://localhost") as client:
        home = client.get("/")
        assert home.status_code == 200 and "ATIPSOM test" in home.text
        api = client.get("/api/search", params={"q": "interim protection order", "as_at": TODAY.isoformat()})
        assert api.status_code == 200 and api.json()["results"], api.text


def test_site_build_killed_while_writing_pages_leaves_the_previous_site_serving(served):
    root, before = served
    _change_guidance(root)
    build = _start_slow_build(root, "--no-index")
    _kill_when(build, lambda: _partial_site_with_pages(root))
    assert _partials(root), "the killed build's folder is left, unserved"
    assert_previous_build_still_serves(root, before)

    # the next build succeeds, is served, and removes what the killed one left
    result = atipsom(root, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    assert (root / "site").resolve() != before["site"]
    assert "a sentence added by the second build" in \
        (root / "site" / "guidance" / "interim-protection-order" / "index.html").read_text(encoding="utf-8")
    assert not _partials(root)


def test_index_build_killed_while_writing_leaves_the_previous_index_serving(served):
    root, before = served
    _change_guidance(root)
    build = _start_slow_build(root, "--no-site")
    _kill_when(build, _new_index_generation(root, before["index"]))
    assert_previous_build_still_serves(root, before)

    result = atipsom(root, "build", "--quiet", "--no-site")
    assert result.returncode == 0, result.stderr
    current = (_published(root) / "index" / "CURRENT").read_text(encoding="utf-8").strip()
    assert current != before["index"]
    # the generation before is kept (requests may still use it), the killed one is gone
    assert sorted(p.name for p in (root / "var" / "generations").iterdir()) == \
        sorted({before["generation"], _published(root).name})
    # --no-site keeps the published site: the new generation's site is the previous one's, file for file
    site = (root / "site").resolve()
    assert site != before["site"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == before["files"]


def test_build_with_a_broken_file_changes_nothing_and_says_why(served):
    root, before = served
    broken = REPO / "tests" / "fixtures" / "bad" / "guidance-dangling-law-link"
    for path in (broken / "docs").rglob("*.md"):  # the English page and its Malay counterpart
        shutil.copyfile(path, root / path.relative_to(broken))
    result = atipsom(root, "build", "--quiet")
    assert result.returncode == 2
    expected = (broken / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == [*expected, f"{len(expected)} problem(s) found. Nothing was built."]
    assert not _partials(root)
    assert_previous_build_still_serves(root, before)


def test_site_build_that_mkdocs_refuses_leaves_the_previous_site_and_gives_the_reason(served):
    root, before = served
    home = root / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n[A link to nowhere](nowhere.md)\n", encoding="utf-8")
    result = atipsom(root, "build", "--quiet", "--no-index")
    assert result.returncode == 1
    assert "site build failed" in result.stderr
    assert "Doc file 'index.md' contains a link 'nowhere.md'" in result.stderr
    assert not _partials(root)
    assert_previous_build_still_serves(root, before)


def test_the_same_content_gives_the_same_links_and_rankings_whatever_was_built_before(served):
    """Links and scores do not depend on the build history: every build indexes from scratch."""
    root, before = served
    _change_guidance(root)
    changed = atipsom(root, "build", "--quiet")
    assert changed.returncode == 0, changed.stderr
    page = root / "docs" / "guidance" / "interim-protection-order.md"
    page.write_text(page.read_text(encoding="utf-8").replace(ADDED, ""), encoding="utf-8")
    for _ in range(2):
        again = atipsom(root, "build", "--quiet", "--no-site")
        assert again.returncode == 0, again.stderr
        assert (_published(root) / "links.json").read_bytes() == before["links"]
    assert "full build" in again.stdout


def test_the_real_links_are_byte_identical_after_a_change_and_its_undoing(tmp_path):
    """On the real law and guidance (where incremental index builds once gave 415, then 414, then 412 links
    for the same content): build, change a guidance page, build, undo the change, build: the first and the
    last links data are the same bytes."""
    from atipsom.app.build import build_search
    from atipsom.app.project import Project

    root = tmp_path / "repo"
    for name in ("statutes", "docs", "reference"):
        shutil.copytree(REPO / name, root / name)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    page = root / "docs" / "guidance" / "how-long-in-a-place-of-refuge.md"
    original = page.read_text(encoding="utf-8")

    def links_after_a_build(name: str) -> bytes:
        partial = tmp_path / name
        partial.mkdir()
        build_search(Project(root), partial, quiet=True, today=TODAY)
        return (partial / "links.json").read_bytes()

    first = links_after_a_build("first")
    page.write_text(original + "\nShelter, refuge, place of refuge, Protection Officer, Magistrate.\n", encoding="utf-8")
    links_after_a_build("changed")
    page.write_text(original, encoding="utf-8")
    assert links_after_a_build("undone") == first
