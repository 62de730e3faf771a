"""The site's data/ folder and feed: every version of the Act in both formats and both languages, the JSON Schema, one zip
of everything and a manifest with the size and SHA-256 of every file. Made in memory (path -> bytes) so that the
site build adds the files like its pages and checks the links to them; every document is validated first, and one
that breaks its schema stops the build (nothing is published)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from atipsom.app.export.akn_check import akn_errors
from atipsom.app.export.akn_docs import akn_renderer
from atipsom.app.export.documents import ActDoc, SectionDoc, all_documents
from atipsom.app.export.feed import FEED, atom_feed
from atipsom.app.export.files import json_bytes
from atipsom.app.export.json_docs import FORMAT_VERSION, document_json
from atipsom.app.export.schema import schema_errors, schema_path
from atipsom.app.project import Project
from atipsom.domain.text import written

DATA = "data"
SCHEMA = f"{DATA}/law-data.schema.json"
MANIFEST = f"{DATA}/manifest.json"
#: the zip's entries all carry this time, so that the same law gives the same bytes (zip cannot go before 1980)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

def licence(citation: str) -> dict[str, str]:
    """The terms of the bundle of the Act cited `citation` ('Act 670')."""
    return {
        "statute_text": f"The text of {citation} and its amending Acts is the law of Malaysia, reproduced from the "
                        "public sources named in each document (`source`). We claim no rights in it; it is not an "
                        "official reprint. Unofficial English (tiers reconstructed, rendered, translated) is our work.",
        "our_work": "Our own words (unofficial English, structure, metadata and these files as a collection): CC BY "
                    "4.0, ATIPSOM Navigator contributors (see CONTENT-LICENSE.md).",
    }


@dataclass(frozen=True)
class DataFile:
    path: str  # under the site root: data/json/act-670/sec_44/2015-11-18.eng.json
    content: bytes
    entry: dict  # its manifest entry, without size and hash


class InvalidData(RuntimeError):
    """A document that breaks its schema: the build stops, nothing is published."""


def data_files(project: Project, today: dt.date) -> list[DataFile]:
    """Every file of data/, in a fixed order, the manifest last. Raises InvalidData listing every document that
    fails its schema (JSON) or the Akoma Ntoso schema (XML)."""
    statutes, consolidation = project.statutes, project.consolidation
    akn = akn_renderer(statutes, consolidation, today=today)
    files: list[DataFile] = []
    problems: list[str] = []
    for doc in all_documents(consolidation, statutes.work.id):
        data = document_json(statutes, consolidation, doc)
        problems += [f"{doc.stem}.json: {e}" for e in schema_errors(data)[:3]]
        files.append(DataFile(f"{DATA}/json/{doc.stem}.json", json_bytes(data), _entry(doc, "json")))
        xml = akn(doc)
        problems += [f"{doc.stem}.xml: {e}" for e in akn_errors(xml)[:3]]
        files.append(DataFile(f"{DATA}/akn/{doc.stem}.xml", xml, _entry(doc, "akn")))
    if problems:
        raise InvalidData(f"{len(problems)} problem(s) in the open data (nothing was published):\n  "
                          + "\n  ".join(problems[:20]))
    files.append(DataFile(SCHEMA, schema_path().read_bytes(), {"format": "json-schema"}))
    bundle = _zip(files, project.statutes.work.id)
    files.append(DataFile(f"{DATA}/{statutes.work.id}-data.zip", bundle, {"format": "zip"}))
    files.append(DataFile(MANIFEST, json_bytes(_manifest(files, project, today)), {"format": "json"}))
    return files


def site_files(project: Project, today: dt.date, *, site_url: str = "") -> list[DataFile]:
    """What the open data adds to the site: data/ (every document, the schema, the zip, the manifest) and the Atom
    feed, feed.xml. The site build's one call (atipsom.mkdocs.plugin)."""
    feed = DataFile(FEED, atom_feed(project, site_url=site_url), {"format": "atom"})
    return [*data_files(project, today), feed]


def _entry(doc: SectionDoc | ActDoc, fmt: str) -> dict:
    kind = "act" if isinstance(doc, ActDoc) else "section"
    start = doc.date if isinstance(doc, ActDoc) else doc.version.in_force_from
    until = doc.until if isinstance(doc, ActDoc) else doc.version.in_force_to
    return {"format": fmt, "kind": kind, "id": str(doc.ref), "lang": doc.lang, "in_force_from": start.isoformat(),
            "in_force_to": until.isoformat() if until else None}


def _zip(files: list[DataFile], work: str) -> bytes:
    """One zip of every document and the schema, the same bytes for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in files:
            info = zipfile.ZipInfo(f"{work}-data/{item.path.removeprefix(DATA + '/')}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, item.content)
    return buffer.getvalue()


def _manifest(files: list[DataFile], project: Project, today: dt.date) -> dict:
    work = project.statutes.work
    return {
        "title": f"{written(work.title['en'])} (Act {work.number}) / {written(work.title['ms'])}: every version as "
                 "open data",
        "work": work.id,
        "frbr_work": work.frbr,
        "format_version": FORMAT_VERSION,
        "generated": today.isoformat(),
        "schema": SCHEMA.removeprefix(DATA + "/"),
        "akoma_ntoso": "Akoma Ntoso 3.0 (OASIS LegalDocML), valid against akomantoso30.xsd",
        "licence": licence(f"Act {work.number}"),
        "tiers": "Each text carries its English tier: verbatim (a source's words) is the only official tier; "
                 "reconstructed, rendered and translated English are unofficial (JSON: `tier`, `unofficial`; "
                 "Akoma Ntoso: atp:tier and status=\"translated\" on the element, <proprietary>, FRBRtranslation).",
        "files": [{"path": item.path.removeprefix(DATA + "/"), **item.entry, "bytes": len(item.content),
                   "sha256": hashlib.sha256(item.content).hexdigest()} for item in files],
    }


def manifest_of(files: list[DataFile]) -> dict:
    """The manifest among the files (for tests and reports)."""
    return json.loads(next(f.content for f in files if f.path == MANIFEST))
