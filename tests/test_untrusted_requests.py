"""Every request is untrusted: a hostile web page, a hostile client, or a mistyped link must get a clear,
safe answer, and nothing a reader does on this site is readable by another origin or stored by a cache.

The probes of issue 13 ("a hostile client"), each against the app in-process (Starlette's TestClient) or, for
what uvicorn's own parser refuses, against a real server on a free port.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from atipsom.app.api import create_app
from search.engine import SearchEngine
from tests.conftest import REPO

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
INLINE = "window.atpTheme = localStorage.getItem('x');"


class Lookup:
    def show(self, ref, as_at, lang):
        if ref.startswith("act-670/sec_44"):
            return {"ref": ref}
        raise LookupError(f"{ref}: no such provision")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(f"<html><head><script>{INLINE}</script>"
                                     '<script id="__config" type="application/json">{"a": 1}</script>'
                                     '<script src="assets/app.js"></script></head><body>Home</body></html>')
    (site / "guidance").mkdir()
    (site / "guidance" / "index.html").write_text("<p>Guidance</p>")
    (site / "assets").mkdir()
    (site / "assets" / "bundle.0123abcd.min.js").write_text("var a;")
    (site / "assets" / "atipsom.css").write_text("body{}")
    return site


@pytest.fixture(scope="module")
def client(sample_index_dir, site):
    app = create_app(lambda: SearchEngine.open(sample_index_dir), Lookup(), site_dir=site)
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        yield client


def test_a_page_allows_only_its_own_origin_and_its_own_inline_scripts(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    inline = "sha256-" + base64.b64encode(hashlib.sha256(INLINE.encode()).digest()).decode()
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert f"'{inline}'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "https:" not in policy and "*" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in response.headers["permissions-policy"]


def test_caches_store_no_search_and_keep_only_versioned_files_long(client):
    assert client.get("/api/search", params={"q": "refuge"}).headers["cache-control"] == "no-store"
    assert client.get("/").headers["cache-control"] == "no-cache"
    assert client.get("/assets/bundle.0123abcd.min.js").headers["cache-control"] == \
        "public, max-age=31536000, immutable"
    assert "max-age=300" in client.get("/assets/atipsom.css").headers["cache-control"]
    api = client.get("/api/health")
    assert api.headers["content-security-policy"].startswith("default-src 'none'")


def test_a_page_on_another_origin_cannot_reach_the_api_by_dns_rebinding(client):
    for path in ("/api/search?q=refuge", "/api/provisions/act-670/sec_44", "/"):
        response = client.get(path, headers={"Host": "evil.example:8000"})
        assert response.status_code == 421
        assert "evil.example" not in response.text
        assert response.headers["content-type"] == "application/json"


def test_allowed_names_answer(sample_index_dir, site):
    app = create_app(lambda: SearchEngine.open(sample_index_dir), Lookup(), site_dir=site,
                     allowed_hosts=("navigator.example.org",))
    with TestClient(app, base_url="http://navigator.example.org") as client:
        assert client.get("/").status_code == 200
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/").status_code == 421


def test_a_redirect_never_names_a_host(client):
    response = client.get("/guidance", follow_redirects=False)
    assert response.status_code in (301, 302, 307, 308)
    assert response.headers["location"] == "/guidance/"


@pytest.mark.parametrize("query, message", [
    (b"q=%FF%FE", "not valid UTF-8"),
    (b"q=refuge&limit=%205%20", "digits 0-9"),
    ("q=refuge&limit=\u0665".encode(), "digits 0-9"),
    (b"q=refuge&limit=05", "digits 0-9"),
    (b"q=refuge&as_at=2015-W01-1", "calendar date"),
    (b"q=refuge&as_at=2015-02-30", "no such day"),
    (b"q=refuge&as_at=20150101", "calendar date"),
    (b"q=refuge&sort=date&colour=red", "unknown parameter(s): 'sort', 'colour'"),
    (b"q=refuge&q=court", "given twice"),
    (b"q=refuge&offset=451", "offset must be from 0 to 450"),
    (b"q=refuge&offset=-1", "digits 0-9"),
])
def test_a_parameter_the_api_cannot_use_is_a_400_that_says_why(client, query, message):
    response = client.get("/api/search?" + query.decode("latin-1"))
    assert response.status_code == 400, response.text
    assert message in response.json()["error"]


def test_paging_reaches_past_the_first_fifty(client):
    first = client.get("/api/search", params={"q": "person", "as_at": "2016-01-01", "limit": "3"}).json()
    second = client.get("/api/search", params={"q": "person", "as_at": "2016-01-01", "limit": "3",
                                               "offset": "3"}).json()
    assert first["total"] == second["total"] > 3
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_other_methods_are_405_with_allow(client):
    for path in ("/api/search?q=x", "/api/provisions/act-670/sec_44", "/"):
        response = client.post(path)
        assert response.status_code == 405
        assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_a_bad_date_inside_a_reference_is_a_400_like_the_parameter(client):
    response = client.get("/api/provisions/act-670/sec_44:2015-02-30")
    assert response.status_code == 400
    assert "calendar date" in response.json()["error"]
    assert client.get("/api/provisions/act-670/sec_44@2015-W47-3").status_code == 400
    assert client.get("/api/provisions/act-670/sec_44:2015-11-18").status_code == 200


def test_an_oversized_address_gets_a_json_400(client):
    response = client.get("/api/search", params={"q": "x" * 9000})
    assert response.status_code == 400
    assert "too large" in response.json()["error"]


@pytest.mark.slow
def test_a_request_line_too_long_for_the_server_is_answered_in_json(tmp_path, sample_index_dir):
    script = tmp_path / "serve.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        import uvicorn
        from pathlib import Path
        from atipsom.app.api import create_app
        from atipsom.app.server import uvicorn_options
        from search.engine import SearchEngine
        app = create_app(lambda: SearchEngine.open(Path({str(sample_index_dir)!r})), None)
        uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), **uvicorn_options())
    """))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(script), str(port)])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(b"GET /api/search?q=" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
            answer = b""
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400")
        assert b"content-type: application/json" in head.lower()
        assert "error" in json.loads(body)
    finally:
        server.terminate()
        server.wait(timeout=10)
