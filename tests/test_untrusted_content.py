"""Every contributed file is untrusted: no script, markup or outside file from a pull request reaches a
reader, and a build that finds a problem publishes nothing.

The probes of issue 13 ("a hostile contributor"). `atipsom check` and `atipsom build` run the same validation
(atipsom.app.validate); the exact messages of each broken input are in tests/fixtures/bad/ (test_bad_inputs.py).
Here: the build refuses them and the previous generation keeps serving; and if validation were ever bypassed,
the site's sanitizer and the plain-text search documents still keep markup away from readers.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from atipsom.app.corpus import guidance_docs, plain_text
from atipsom.domain.model import GuidancePage
from atipsom.render.sanitize import CONTRIBUTED_END, CONTRIBUTED_START, sanitize, sanitize_marked
from tests.clean_tree import TODAY, cli_env
from tests.test_bad_inputs import broken_project, expected_lines

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

HOSTILE = [
    ("<script>alert(1)</script>", "<script"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
    ('<object data="x.swf"></object>', "<object"),
    ('<embed src="x.swf">', "<embed"),
    ('<form action="https://evil.example/"><input name="n"></form>', "<form"),
    ("<style>body{display:none}</style>", "<style"),
    ('<p style="position:fixed">x</p>', "style="),
    ('<svg onload="alert(1)"></svg>', "onload"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "avascript"),
    ('<img src="https://tracker.example/pixel.gif">', "tracker.example"),
    ('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
     "onerror"),
]


@pytest.mark.parametrize("fragment, forbidden", HOSTILE)
def test_the_sanitizer_removes_what_could_run_or_call_out(fragment, forbidden):
    assert forbidden.lower() not in sanitize(fragment).lower()


def test_the_sanitizer_keeps_what_markdown_makes():
    html = ('<h2 id="a">Title<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
            '<div class="admonition info"><p class="admonition-title">Note</p></div>'
            '<p><a href="../sec_44/#sec_44__subsec_2">s 44(2)</a> <a href="https://mylaw.my/">mylaw</a> '
            '<a href="mailto:x@example.org">mail</a></p><table><thead><tr><th>a</th></tr></thead></table>'
            '<details><summary>More</summary><p>x</p></details><img src="../assets/process.svg" alt="The process">')
    assert sanitize(html) == html.replace("<table><thead>", "<table><thead>")


def test_only_the_marked_contributed_regions_are_sanitized():
    page = (f'<form id="atp-as-at"></form>{CONTRIBUTED_START}<p>ok</p><script>alert(1)</script>{CONTRIBUTED_END}'
            '<script src="assets/app.js"></script>')
    cleaned = sanitize_marked(page)
    assert '<form id="atp-as-at"></form>' in cleaned and '<script src="assets/app.js"></script>' in cleaned
    assert "alert(1)" not in cleaned and "<p>ok</p>" in cleaned


def test_search_documents_are_plain_text_whatever_the_page_holds():
    body = ('Words <script>alert(1)</script> and <img src=x onerror=alert(2)> and '
            '[a link](javascript:alert(3)) and <!-- hidden -->.')
    page = GuidancePage(slug="x", title="T", summary="See [s 44(2)](law:act-670/sec_44__subsec_2).",
                        audience=(), cites=(), question=None, reviewed=None, body=body, path="docs/guidance/x.md")
    (doc,) = guidance_docs([page])
    for text in (doc.text, doc.context):
        assert "<" not in text and ">" not in text and "javascript" not in text and "law:" not in text
    assert "Words" in doc.text and "a link" in doc.text and "See s 44(2)" in doc.context
    assert plain_text("a <b>bold</b> word") == "a bold word"


# -- the build refuses what check refuses, and publishes nothing -------------------------------------------


def atipsom(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "atipsom", "--root", str(root), *args], capture_output=True,
                          text=True, env=cli_env(), cwd=root, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["guidance-raw-script", "symlink-to-a-system-file", "law-text-silently-edited",
                                  "annotation-link-to-another-act"])
def test_the_build_refuses_what_check_refuses_and_the_previous_site_still_serves(tmp_path, name):
    from atipsom.app.project import Project
    from atipsom.app.server import create_server_app

    root = tmp_path / "repo"
    clean = broken_project(root, "bom-and-crlf-accepted")  # a clean project (that fixture has no problem)
    first = atipsom(clean, "build", "--quiet")
    assert first.returncode == 0, first.stderr
    published = (root / "var" / "current").resolve()

    broken = broken_project(tmp_path / "broken", name)
    for folder in ("docs", "statutes"):  # the pull request lands in the served project
        subprocess.run(["rm", "-rf", str(root / folder)], check=True)
        subprocess.run(["cp", "-a", str(broken / folder), str(root / folder)], check=True)
    result = atipsom(root, "build", "--quiet")
    expected = expected_lines(name)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [*expected, f"{len(expected)} problem(s) found. Nothing was built."]
    assert (root / "var" / "current").resolve() == published
    assert not list((root / "var" / "generations").glob("*.partial"))
    with TestClient(create_server_app(Project(root)), base_url="http://localhost") as client:
        assert client.get("/").status_code == 200
        assert client.get("/assets/passwd.txt").status_code == 404
        assert "root:" not in client.get("/assets/passwd.txt").text


@pytest.mark.slow
def test_even_a_build_that_skipped_validation_would_publish_no_script_from_content(tmp_path):
    from atipsom.app.build import build_site
    from atipsom.app.project import Project

    root = broken_project(tmp_path / "repo", "guidance-raw-script")
    links = tmp_path / "links.json"
    links.write_text('{"links": []}', encoding="utf-8")
    site = tmp_path / "site"
    build_site(Project(root), site, links_file=links, today=TODAY)
    page = (site / "guidance" / "interim-protection-order" / "index.html").read_text(encoding="utf-8")
    assert "It lasts twenty-one days now." in page
    assert "evil.example" not in page and "document.cookie" not in page
