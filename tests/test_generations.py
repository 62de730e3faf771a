"""The site, the search index, the links and the law the API serves are one generation, switched in
together: a reader never gets a page from one build and an answer from another, a rebuild never makes a
request fail, and the server picks up each new build without a restart.

The story: a lawyer corrects a transcription error in s 44(2) (with its source record, as CONTRIBUTING.md
asks), the maintainers rebuild while readers are using the site, and from the moment of the switch the page,
the search and /api/provisions all give the corrected word.
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from pathlib import Path

import pytest

from tests.clean_tree import TODAY, cli_env, write_clean_project

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")]
PROVISION = "/api/provisions/act-670/sec_44__subsec_1"


def atipsom(root: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "atipsom", "--root", str(root), *args], capture_output=True,
                            text=True, env=cli_env(), cwd=root, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def correct_law_word(root: Path, old: str, new: str) -> None:
    """A sourced transcription correction of s 44(1), English: the words, a corrections entry, the snapshot
    and the manifest, as a contributor's pull request would bring them."""
    section = root / "statutes" / "act-670" / "sec_44.md"
    text = section.read_text(encoding="utf-8")
    english, malay = text.split("## Bahasa Malaysia", 1)
    assert old in english
    item = (f"  - {{lang: en, source_reads: \"{old}\", we_read: \"{new}\", "
            f"reason: \"test: the source as read again, cl. 44\"}}\n")
    english = english.replace(old, new)
    if "\ncorrections:\n" in english:
        english = english.replace("\ncorrections:\n", f"\ncorrections:\n{item}", 1)
    else:
        english = english.replace("\n---\n", f"\ncorrections:\n{item}---\n", 1)
    section.write_text(english + "## Bahasa Malaysia" + malay, encoding="utf-8")
    atipsom(root, "snapshot")
    atipsom(root, "manifest")


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("ATIPSOM_TODAY", TODAY.isoformat())
    root = write_clean_project(tmp_path / "repo", site=True)
    atipsom(root, "build", "--quiet")
    return root


def test_after_a_rebuild_the_page_the_search_and_the_api_agree_without_a_restart(project):
    from atipsom.app.project import Project
    from atipsom.app.server import create_server_app

    app = create_server_app(Project(project))
    with TestClient(app, base_url="http://localhost") as client:
        assert "temporary custody" in client.get(PROVISION).json()["text"]
        correct_law_word(project, "temporary custody", "temporary care")
        atipsom(project, "build", "--quiet")
        api = client.get(PROVISION).json()["text"]
        page = client.get("/act-670/sec_44/").text
        search = client.get("/api/search", params={"q": '"temporary care"', "as_at": TODAY.isoformat()}).json()
        health = client.get("/api/health").json()
    assert "temporary care" in api and "temporary custody" not in api
    assert "the person into temporary care" in page and "the person into temporary custody" not in page
    assert search["total"] >= 1 and search["results"][0]["section"] == "44"
    assert health["generation"] == (project / "var" / "current").resolve().name


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_three_rebuilds_under_load_fail_no_request(project):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "atipsom", "--root", str(project), "serve", "--no-build",
                               "--port", str(port)], env=cli_env(), cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    paths = ["/", "/guidance/interim-protection-order/", "/act-670/sec_44/", "/act-670/sec_44/history/",
             "/api/search?q=interim+protection+order", PROVISION, "/api/health"]
    outcomes: Counter = Counter()
    failures: list[str] = []
    stop = threading.Event()

    def reader(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = offset
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                outcomes[response.status] += 1
                if response.status != 200:
                    failures.append(f"{path}: {response.status}")
            except (OSError, http.client.HTTPException) as exc:
                failures.append(f"{path}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.close()

    try:
        _wait_for(port)
        threads = [threading.Thread(target=reader, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        words = ["temporary custody", "temporary care", "temporary shelter", "temporary protection"]
        for old, new in zip(words, words[1:]):
            correct_law_word(project, old, new)
            atipsom(project, "build", "--quiet")
            time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        final = _get_json(port, PROVISION)["text"]
        page = _get(port, "/act-670/sec_44/")
        search = _get_json(port, '/api/search?q=%22temporary+protection%22')
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=15)
    assert failures == []
    assert outcomes[200] > 200
    assert "temporary protection" in final and "the person into temporary protection" in page
    assert search["total"] >= 1


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if _get_json(port, "/api/health").get("status") == "ok":
                return
        except (OSError, ValueError, http.client.HTTPException):
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def _get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8")
    finally:
        connection.close()


def _get_json(port: int, path: str) -> dict:
    return json.loads(_get(port, path))
