"""The advanced search page (docs/search.md + advanced-search.js): what it needs from the page, that
it asks no other host for anything, and (in Chromium, when there is one) that a reader gets
results from `atipsom serve` and a clear message from a copy opened as files."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import build_real_site

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "search.md"
SCRIPT = REPO / "docs" / "assets" / "javascripts" / "advanced-search.js"


def test_page_has_every_element_the_script_uses():
    page = PAGE.read_text(encoding="utf-8")
    for element_id in re.findall(r'getElementById\("([\w-]+)"\)', SCRIPT.read_text(encoding="utf-8")):
        if element_id != "__config":  # written by the Material theme
            assert f'id="{element_id}"' in page, element_id
    for name in ("q", "as_at", "kind", "lang"):
        assert f'name="{name}"' in page


def test_script_searches_in_the_browser_and_asks_no_server():
    script = SCRIPT.read_text(encoding="utf-8")
    assert not re.search(r"https?://", script) and "fetch(" not in script and "/api/" not in script
    assert "window.atipsomSearch(" in script  # the site's own search: static, offline and served alike
    assert "innerHTML = html" in script and "safeSnippet" in script  # snippets are rebuilt, not trusted


def test_page_no_longer_sends_a_caseworker_to_run_a_server():
    page = PAGE.read_text(encoding="utf-8")
    assert "atipsom serve" not in page and "not available" not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine")
def test_reader_gets_the_same_results_from_files_as_from_a_plain_web_host(tmp_path):
    from search.static_index import write_static_index
    from search.testing import sample_docs

    site = tmp_path / "site"
    build_real_site(REPO, site, dt.date(2026, 11, 29))
    write_static_index(sample_docs(), site)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import httpx

        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.1)
        served = _dump(f"http://127.0.0.1:{port}/search/?query=s+51(3)(b)&as_at=2016-01-01")
    finally:
        server.terminate()
        server.wait(timeout=30)
    from_files = _dump((site / "search" / "index.html").as_uri() + "?query=s+51(3)(b)&as_at=2016-01-01")
    assert 'href="http://127.0.0.1:%d/act-670/sec_51/2008-02-28/#sec_51__subsec_3__para_b"' % port in served
    assert "s 51(3)(b) — Investigation, enquiry and Protection Order" in served
    assert "s 51(3)(b) — Investigation, enquiry and Protection Order" in from_files
    assert "/act-670/sec_51/2008-02-28/index.html#sec_51__subsec_3__para_b" in from_files
    assert re.search(r'<div id="atp-advanced-search-unavailable" class="admonition note"[^>]*hidden', from_files)


def _dump(url: str) -> str:
    result = subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
                             "--virtual-time-budget=8000", "--dump-dom", url],
                            capture_output=True, text=True, timeout=120)
    return result.stdout
