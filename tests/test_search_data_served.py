"""`atipsom serve` sends the static search's data compressed and revalidated: a phone on a slow line downloads
the search files gzip-compressed, and a reader never mixes files of two builds (no-cache, revalidated by ETag)."""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from atipsom.app.api import create_app
from search.engine import SearchEngine
from search.static_index import write_static_index
from search.testing import sample_docs

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


class NoLookup:
    def show(self, ref, as_at, lang):
        raise LookupError(ref)


def test_search_data_is_served_gzipped_and_revalidated(sample_index_dir, tmp_path):
    (tmp_path / "index.html").write_text("<h1>ATIPSOM Navigator</h1>" + "<p>words</p>" * 100)
    write_static_index(sample_docs(), tmp_path)
    app = create_app(lambda: SearchEngine.open(sample_index_dir), NoLookup(), site_dir=tmp_path)
    with TestClient(app, base_url="http://localhost") as client:
        data = client.get("/search-data/meta.js", headers={"Accept-Encoding": "gzip"})
        assert data.status_code == 200
        assert data.headers["content-encoding"] == "gzip"
        assert data.headers["cache-control"] == "no-cache" and data.headers.get("etag")
        assert data.text.startswith('atipsomSearchData("meta",')
        assert client.get("/search-data/meta.js", headers={"If-None-Match": data.headers["etag"]}).status_code == 304
        page = client.get("/", headers={"Accept-Encoding": "gzip"})
        assert page.headers["content-encoding"] == "gzip"
        plain = client.get("/search-data/meta.js", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.text == data.text
