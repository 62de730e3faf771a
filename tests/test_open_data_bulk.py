"""The site's data/ folder (issue 16, item 3): every version in both formats, one zip of everything, a manifest
with sizes and SHA-256 hashes, the same bytes for the same law, and nothing published when a document is invalid."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest

from atipsom.app.export import bulk
from atipsom.app.export.bulk import InvalidData, data_files, manifest_of

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def files(real_project):
    return data_files(real_project, TODAY)


def test_a_researcher_finds_every_version_in_both_formats_listed_with_size_and_hash(files):
    manifest = manifest_of(files)
    by_path = {f.path: f.content for f in files}
    listed = manifest["files"]
    assert len([e for e in listed if e["format"] == "json"]) == 278
    assert len([e for e in listed if e["format"] == "akn"]) == 278
    for entry in listed:
        content = by_path[f"data/{entry['path']}"]
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    s44 = next(e for e in listed if e["path"] == "json/act-670/sec_44/2015-11-18.msa.json")
    assert s44 == {**s44, "kind": "section", "id": "act-670/sec_44@2015-11-18", "lang": "ms",
                   "in_force_from": "2015-11-18", "in_force_to": None}
    assert manifest["schema"] == "law-data.schema.json" and "CC BY 4.0" in manifest["licence"]["our_work"]


def test_the_zip_holds_every_document_and_the_schema(files):
    archive = zipfile.ZipFile(io.BytesIO(next(f.content for f in files if f.path.endswith(".zip"))))
    names = set(archive.namelist())
    documents = [f for f in files if f.path.startswith(("data/json/", "data/akn/"))]
    assert {f"act-670-data/{f.path.removeprefix('data/')}" for f in documents} | {
        "act-670-data/law-data.schema.json"} == names
    inside = json.loads(archive.read("act-670-data/json/act-670/act/2022-02-22.eng.json"))
    assert inside["id"] == "act-670@2022-02-22"


@pytest.mark.slow
def test_the_same_law_gives_the_same_bytes(real_project, files):
    again = data_files(real_project, TODAY)
    assert [(f.path, hashlib.sha256(f.content).digest()) for f in again] == \
        [(f.path, hashlib.sha256(f.content).digest()) for f in files]


@pytest.mark.slow
def test_a_document_that_breaks_its_schema_stops_the_build(real_project, monkeypatch):
    monkeypatch.setattr(bulk, "akn_errors", lambda xml: ["line 9: Element 'nummer': This element is not expected."]
                        if b'eId="sec_44"' in xml else [])
    with pytest.raises(InvalidData) as raised:
        data_files(real_project, TODAY)
    message = str(raised.value)
    assert "nothing was published" in message
    assert "act-670/sec_44/2008-02-28.eng.xml: line 9: Element 'nummer'" in message
