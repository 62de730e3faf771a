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
    return {
        "site": target,
        "files": sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()),
        "index": (root / "var" / "index" / "CURRENT").read_text(encoding="utf-8").strip(),
        "links": (root / "var" / "links.json").read_bytes(),
    }


def _change_guidance(root: Path) -> None:
    """A change that the index and the site must both pick up (our words, not law text)."""
    page = root / "docs" / "guidance" / "interim-protection-order.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nTest: a sentence added by the second build.\n",
                    encoding="utf-8")


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
    return any(next(folder.rglob("*.html"), None) is not None
               for folder in (root / "var" / "site").glob("*.partial"))


def _new_index_generation(root: Path, current: str):
    def written() -> bool:
        return any(folder.is_dir() and folder.name != current and any(folder.iterdir())
                   for folder in (root / "var" / "index").iterdir())
    return written


def assert_previous_build_still_serves(root: Path, before: dict) -> None:
    from starlette.testclient import TestClient

    from atipsom.app.project import Project
    from atipsom.app.server import create_server_app
    from search.engine import SearchEngine

    # the site: the link still points at the complete previous build, every file of it in place
    assert (root / "site").resolve() == before["site"]
    assert sorted(p.relative_to(before["site"]).as_posix() for p in before["site"].rglob("*") if p.is_file()) \
        == before["files"]
    assert (before["site"] / "index.html").is_file()
    # the index: CURRENT unchanged, and it opens and answers
    assert (root / "var" / "index" / "CURRENT").read_text(encoding="utf-8").strip() == before["index"]
    assert (root / "var" / "links.json").read_bytes() == before["links"]
    engine = SearchEngine.open(root / "var" / "index")
    try:
        response = engine.search("interim protection order", as_at=TODAY)
        assert response.total > 0 and response.results
    finally:
        engine.close()
    # the server: the home page and the search API
    with TestClient(create_server_app(Project(root))) as client:
        home = client.get("/")
        assert home.status_code == 200 and "ATIPSOM test" in home.text
        api = client.get("/api/search", params={"q": "interim protection order", "as_at": TODAY.isoformat()})
        assert api.status_code == 200 and api.json()["results"], api.text


def test_site_build_killed_while_writing_pages_leaves_the_previous_site_serving(served):
    root, before = served
    _change_guidance(root)
    build = _start_slow_build(root, "--no-index")
    _kill_when(build, lambda: _partial_site_with_pages(root))
    assert list((root / "var" / "site").glob("*.partial")), "the killed build's folder is left, unserved"
    assert_previous_build_still_serves(root, before)

    # the next build succeeds, is served, and removes what the killed one left
    result = atipsom(root, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    assert (root / "site").resolve() != before["site"]
    assert "a sentence added by the second build" in \
        (root / "site" / "guidance" / "interim-protection-order" / "index.html").read_text(encoding="utf-8")
    assert not list((root / "var" / "site").glob("*.partial"))


def test_index_build_killed_while_writing_leaves_the_previous_index_serving(served):
    root, before = served
    _change_guidance(root)
    build = _start_slow_build(root, "--no-site")
    _kill_when(build, _new_index_generation(root, before["index"]))
    assert_previous_build_still_serves(root, before)

    result = atipsom(root, "build", "--quiet", "--no-site")
    assert result.returncode == 0, result.stderr
    current = (root / "var" / "index" / "CURRENT").read_text(encoding="utf-8").strip()
    assert current != before["index"]
    assert sorted(p.name for p in (root / "var" / "index").iterdir() if p.is_dir()) == sorted({before["index"],
                                                                                               current})


def test_build_with_a_broken_file_changes_nothing_and_says_why(served):
    root, before = served
    broken = REPO / "tests" / "fixtures" / "bad" / "guidance-dangling-law-link"
    shutil.copyfile(broken / "docs" / "guidance" / "interim-protection-order.md",
                    root / "docs" / "guidance" / "interim-protection-order.md")
    result = atipsom(root, "build", "--quiet")
    assert result.returncode == 2
    expected = (broken / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == [*expected, "1 problem(s) found. Nothing was built."]
    assert not list((root / "var" / "site").glob("*.partial"))
    assert_previous_build_still_serves(root, before)


def test_site_build_that_mkdocs_refuses_leaves_the_previous_site_and_gives_the_reason(served):
    root, before = served
    home = root / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n[A link to nowhere](nowhere.md)\n", encoding="utf-8")
    result = atipsom(root, "build", "--quiet", "--no-index")
    assert result.returncode == 1
    assert "site build failed" in result.stderr
    assert "Doc file 'index.md' contains a link 'nowhere.md'" in result.stderr
    assert not list((root / "var" / "site").glob("*.partial"))
    assert_previous_build_still_serves(root, before)


def test_a_changed_page_updates_the_index_in_place_unless_a_full_index_is_asked_for(served):
    root, _ = served
    _change_guidance(root)
    updated = atipsom(root, "build", "--no-site")
    assert updated.returncode == 0, updated.stderr
    assert "incremental" in updated.stdout and "1 updated" in updated.stdout
    again = atipsom(root, "build", "--no-site", "--full-index")
    assert again.returncode == 0, again.stderr
    assert "full build" in again.stdout
