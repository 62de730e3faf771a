"""Annotations (statutes/<work id>/annotations/sec_<n>.md): read and validate their front matter, and check
them against the law."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from atipsom.domain.annotations import ANNOTATION_KEYS, Annotation, annotation_errors
from atipsom.domain.errors import InputError
from atipsom.domain.model import Statutes
from atipsom.load.files import display_path, load_folder, read_file
from atipsom.load.schema import Reader
from atipsom.refs import ids


def load_annotations(folder: Path, root: Path, errors: list[InputError] | None = None) -> dict[str, Annotation]:
    loaded = load_folder(folder, root, load_annotation, errors,
                         key=lambda p: ids.section_sort_key(p.stem.removeprefix("sec_")))
    return {annotation.number: annotation for annotation in loaded}


def load_annotation(path: Path, root: Path, errors: list[InputError]) -> Annotation | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    shown = document.path
    before = len(errors)
    reader = Reader(document.meta, shown, errors)
    reader.only(ANNOTATION_KEYS)
    number = reader.quoted_number("section")
    file_stem = _file_stem(number)
    if file_stem and path.stem != file_stem:
        reader.error(reader.line("section"), f"file name {path.name} does not match section \"{number}\"",
                     f"rename the file to {file_stem}.md")
    annotation = Annotation(
        number=number, summary=reader.str("summary"), related=tuple(reader.strings("related")),
        guidance=tuple(reader.strings("guidance")), reviewed=reader.date("reviewed"), body=document.body,
        path=shown, body_line=document.body_line,
        related_lines=tuple(getattr(reader.raw("related"), "item_lines", []) or ()),
        guidance_line=reader.line("guidance"),
    )
    if len(errors) > before:
        return None
    return annotation


def _file_stem(number: str) -> str:
    try:
        return str(ids.ProvisionId.section(number)) if number else ""
    except ValueError:
        return ""


def annotations_folder(statutes: Statutes) -> Path:
    """statutes/<work id>/annotations/, beside the Act's sections."""
    return Path(statutes.root) / statutes.work.id / "annotations"


def check_annotations(root: Path, statutes, consolidation, guidance, *, today: dt.date | None = None,
                      require_all: bool = True) -> list[InputError]:
    """Every section has an annotation; every reference in one resolves."""
    errors: list[InputError] = []
    folder = annotations_folder(statutes)
    annotations = load_annotations(folder, root, errors)
    return errors + annotation_errors(annotations, consolidation, guidance, folder=display_path(folder, root),
                                      today=today, require_all=require_all)
