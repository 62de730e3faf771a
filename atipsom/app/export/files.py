"""Documents as bytes and files: what `atipsom export` prints or writes, and what the build puts in data/."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable, Iterable

from atipsom.app.export.akn_docs import akn_renderer
from atipsom.app.export.documents import ActDoc, SectionDoc
from atipsom.app.export.json_docs import document_json
from atipsom.domain.amend import Consolidation
from atipsom.domain.model import Statutes

FORMATS = ("json", "akn")
EXTENSIONS = {"json": ".json", "akn": ".xml"}

Renderer = Callable[[SectionDoc | ActDoc], bytes]


def json_bytes(data: dict) -> bytes:
    """Deterministic JSON: members in the documented order, UTF-8, one space of indent, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def renderer(statutes: Statutes, consolidation: Consolidation, fmt: str, *, today: dt.date) -> Renderer:
    """A function that turns a document into the bytes of its file in `fmt` (json or akn). `today` is the
    generation date an Akoma Ntoso manifestation records."""
    if fmt == "json":
        return lambda doc: json_bytes(document_json(statutes, consolidation, doc))
    if fmt == "akn":
        return akn_renderer(statutes, consolidation, today=today)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def file_name(doc: SectionDoc | ActDoc, fmt: str) -> str:
    """'act-670/sec_44/2015-11-18.eng.json', 'act-670/act/2015-11-18.msa.xml'."""
    return doc.stem + EXTENSIONS[fmt]


def write_documents(docs: Iterable[SectionDoc | ActDoc], render: Renderer, fmt: str, folder: Path) -> list[Path]:
    """Each document into `folder` under its file name; the files written, in order."""
    written = []
    for doc in docs:
        path = folder / file_name(doc, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(doc))
        written.append(path)
    return written
