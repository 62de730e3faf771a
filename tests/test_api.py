"""The HTTP API, in-process with Starlette's TestClient: no ports, no sleeps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings

import pytest

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its test client; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from atipsom.app.api import create_app
from search.engine import SearchEngine
from search.indexer import build_index
from search.testing import build_sample_index, sample_docs

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


class FakeLookup:
    """Stands in for the statute lookup (atipsom): knows one section, fails on 'boom'."""

    def __init__(self):
        self.calls = []

    def show(self, ref, as_at, lang):
        self.calls.append((ref, as_at, lang))
        if ref == "boom":
            raise RuntimeError("secret detail that must not reach the client")
        if ref not in ("act-670/sec_44", "act-670/sec_44__subsec_2:2012-06-01"):
            raise LookupError(f"{ref}: no such provision; section 44 exists")
        return {"ref": ref, "lang": lang, "as_at": as_at.isoformat() if as_at else None}


@pytest.fixture(scope="module")
def opened():
    return []


@pytest.fixture(scope="module")
def client(sample_index_dir, opened, tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<h1>ATIPSOM Navigator</h1>")

    def factory():
        opened.append(SearchEngine.open(sample_index_dir))
        return opened[-1]

    with TestClient(create_app(factory, FakeLookup(), site_dir=site), base_url="http://localhost", raise_server_exceptions=False) as client:
        yield client


def test_search_returns_the_json_contract(client):
    response = client.get("/api/search", params={"q": "s 51(3)(b)", "as_at": "2016-01-01"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert {"query", "as_at", "total", "suggestion", "results", "timed_out"} <= set(data)
    assert data["as_at"] == "2016-01-01"
    first = data["results"][0]
    assert first["provision"] == "s 51(3)(b)"
    assert first["url"] == "/act-670/sec_51/2008-02-28/#sec_51__subsec_3__para_b"
    assert {"id", "kind", "section", "provision", "heading", "lang", "in_force_from", "in_force_to",
            "url", "score", "snippet", "unofficial"} <= set(first)


def test_search_as_at_kind_lang_and_limit(client):
    data = client.get("/api/search", params={"q": "interim protection order", "as_at": "2012-01-01",
                                             "kind": "provision", "lang": "en", "limit": "1"}).json()
    assert len(data["results"]) == 1 and data["total"] >= 1
    assert "fourteen days" in data["results"][0]["snippet"]


def test_search_defaults_to_today(client):
    assert client.get("/api/search", params={"q": "refuge"}).json()["as_at"] == dt.date.today().isoformat()


@pytest.mark.parametrize("params, message", [
    ({"q": "x", "as_at": "2012-13-01"}, "as_at must be a calendar date"),
    ({"q": "x", "as_at": "yesterday"}, "as_at must be a calendar date"),
    ({"q": "x", "kind": "judgment"}, "unknown kind"),
    ({"q": "x", "lang": "fr"}, "unknown lang"),
    ({"q": "x", "limit": "0"}, "limit must be from 1 to 50"),
    ({"q": "x", "limit": "51"}, "limit must be from 1 to 50"),
    ({"q": "x", "limit": "ten"}, "whole number"),
    ({"q": "x" * 1001}, "q is too long"),
    ({}, "q is required"),
])
def test_bad_parameters_are_400_with_a_reason(client, params, message):
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_empty_query_is_an_empty_answer(client):
    data = client.get("/api/search", params={"q": ""}).json()
    assert (data["total"], data["results"]) == (0, [])


def test_provision_lookup(client):
    response = client.get("/api/provisions/act-670/sec_44__subsec_2:2012-06-01", params={"lang": "ms"})
    assert response.status_code == 200
    assert response.json() == {"ref": "act-670/sec_44__subsec_2:2012-06-01", "lang": "ms", "as_at": None}
    assert client.get("/api/provisions/act-670/sec_44", params={"as_at": "2012-06-01"}).json()["as_at"] == "2012-06-01"


def test_unknown_provision_is_404_json(client):
    response = client.get("/api/provisions/act-670/sec_999")
    assert response.status_code == 404
    assert response.json() == {"error": "act-670/sec_999: no such provision; section 44 exists"}


def test_unknown_api_path_is_404_json(client):
    response = client.get("/api/nothing/here")
    assert response.status_code == 404
    assert "error" in response.json()


def test_unexpected_error_is_500_without_details(client):
    response = client.get("/api/provisions/boom")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error"}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_engine_failure_is_500_without_details(tmp_path):
    class BrokenEngine:
        def search(self, *args, **kwargs):
            raise KeyError("internal field name")

    with TestClient(create_app(lambda: BrokenEngine(), FakeLookup()), base_url="http://localhost", raise_server_exceptions=False) as client:
        response = client.get("/api/search", params={"q": "refuge"})
    assert response.status_code == 500
    assert response.json() == {"error": "internal error"}


def test_no_index_yet_is_503(tmp_path):
    with TestClient(create_app(lambda: SearchEngine.open(tmp_path), FakeLookup()), base_url="http://localhost") as client:
        search = client.get("/api/search", params={"q": "refuge"})
        health = client.get("/api/health")
    assert search.status_code == 503 and "atipsom build" in search.json()["error"]
    assert health.status_code == 503 and health.json()["status"] == "unavailable"


def test_no_cors_headers(client):
    for path in ("/api/search?q=refuge", "/api/health", "/api/openapi.json", "/api/provisions/act-670/sec_44"):
        response = client.get(path, headers={"Origin": "https://elsewhere.example"})
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    preflight = client.options("/api/search", headers={"Origin": "https://elsewhere.example",
                                                       "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_openapi_is_served_and_describes_every_route(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {"/api/search", "/api/provisions/{ref}", "/api/health", "/api/openapi.json"}
    result_schema = spec["components"]["schemas"]["SearchResult"]
    live = client.get("/api/search", params={"q": "refuge", "as_at": "2016-01-01"}).json()
    assert set(spec["components"]["schemas"]["SearchResponse"]["required"]) <= set(live)
    assert set(result_schema["required"]) <= set(live["results"][0])


def test_health(client):
    data = client.get("/api/health").json()
    assert data["status"] == "ok" and data["documents"] == len(sample_docs())


def test_static_site_is_served_at_root(client):
    response = client.get("/")
    assert response.status_code == 200 and "ATIPSOM Navigator" in response.text


def test_engine_is_opened_once_and_reopened_after_a_rebuild(sample_index_dir, tmp_path):
    build_sample_index(tmp_path)
    opened = []

    def factory():
        opened.append(SearchEngine.open(tmp_path))
        return opened[-1]

    with TestClient(create_app(factory, FakeLookup()), base_url="http://localhost") as client:
        for _ in range(3):
            assert client.get("/api/search", params={"q": "refuge"}).status_code == 200
        assert len(opened) == 1
        changed = [dataclasses.replace(doc, text=doc.text + " Placeholder rebuild.") for doc in sample_docs()]
        build_index(changed, tmp_path, progress=False)
        data = client.get("/api/search", params={"q": '"placeholder rebuild"', "as_at": "2016-01-01"}).json()
        assert len(opened) == 2 and data["total"] > 0
