"""Read the sections as first enacted (statutes/<work>/sec_<n>.md) and check them against the arrangement of Parts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from atipsom.domain.errors import InputError
from atipsom.domain.model import (
    LANGS,
    Correction,
    Section,
    Source,
    Work,
)
from atipsom.domain.text import read_texts
from atipsom.load.bodies import read_bodies, text_status
from atipsom.load.files import read_file
from atipsom.load.schema import Reader, items_of
from atipsom.load.sources import source_ref
from atipsom.refs import ids

SECTION_KEYS = ("id", "section", "part", "heading", "source", "text_status", "editor_note", "corrections")


def load_sections(folder: Path, root: Path, errors: list[InputError],
                  sources: Mapping[str, Source]) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    seen_at: dict[str, str] = {}
    for path in sorted(folder.glob("sec_*.md"), key=lambda p: ids.section_sort_key(p.stem[4:])):
        section = load_section(path, root, errors, sources)
        if section is None:
            continue
        if section.number in sections:
            errors.append(InputError(section.path, 1, f"duplicate section {section.number}",
                                     f"section {section.number} is already defined in {seen_at[section.number]}"))
            continue
        sections[section.number] = section
        seen_at[section.number] = section.path
    return sections


def load_section(path: Path, root: Path, errors: list[InputError], sources: Mapping[str, Source]) -> Section | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    before = len(errors)
    reader = Reader(document.meta, document.path, errors)
    reader.only(SECTION_KEYS)
    number = reader.quoted_number("section")
    try:
        number = ids.normalise_section_number(number) if number else number
    except ValueError:
        reader.error(reader.line("section"), f"'{number}' is not a section number", "write e.g. section: \"26A\"")
    expected_id = _section_id(path.parent.name, number)
    section_id = reader.str("id")
    if section_id and number and section_id != expected_id:
        reader.error(reader.line("id"), f"id '{section_id}' does not match section \"{number}\"",
                     f"write id: {expected_id}")
    try:
        file_stem = str(ids.ProvisionId.section(number)) if number else ""
    except ValueError:  # not a section number: said above
        file_stem = ""
    if file_stem and path.stem != file_stem:
        if (path.parent / f"{file_stem}.md").is_file():
            reader.error(reader.line("section"), f"duplicate section {number}: {file_stem}.md already holds "
                         f"section \"{number}\", and so does {path.name}",
                         "delete this copy, or give it its own section number in 'section:' and 'id:' and name "
                         "the file after it")
        else:
            reader.error(reader.line("section"), f"file name {path.name} does not match section \"{number}\"",
                         f"rename the file to {file_stem}.md")
    source_reader = reader.sub("source")
    source = {}
    if source_reader:
        source_reader.only(LANGS)
        for lang in LANGS:
            ref = source_ref(source_reader, lang, sources)
            if ref:
                source[lang] = ref
    corrections = []
    for item, line in items_of(reader, "corrections"):
        sub = Reader(item, document.path, errors, "corrections[]", line)
        sub.only(("lang", "source_reads", "we_read", "reason"))
        corrections.append(Correction(lang=sub.str("lang", choices=LANGS), source_reads=sub.str("source_reads"),
                                      we_read=sub.str("we_read"), reason=sub.str("reason")))
    bodies = (read_bodies(document, file_stem, "section", errors, root_num=number) if file_stem else None) or {}
    if len(errors) > before:
        return None
    return Section(
        number=number, part=reader.quoted_number("part"), heading=read_texts(reader.per_lang("heading")), body=bodies,
        source=source, text_status=reader.per_lang("text_status", convert=text_status),
        editor_note=reader.str("editor_note", required=False), corrections=tuple(corrections), path=document.path,
    )


def _section_id(work_folder_name: str, number: str) -> str:
    """The id a section file gives itself: act-670/sec_44 (its folder is the work's)."""
    try:
        return str(ids.VersionRef(ids.WorkId.parse(work_folder_name), ids.ProvisionId.section(number)))
    except ValueError:
        return ""


def check_arrangement(work: Work, sections: Mapping[str, Section], errors: list[InputError], folder: Path) -> None:
    listed = {}
    for part in work.parts:
        for number in part.sections:
            listed[number] = part.number
    for number, section in sections.items():
        if number not in listed:
            errors.append(InputError(section.path, 1, f"section {number} is not in the arrangement of Parts",
                                     f"add \"{number}\" to a Part in {work.path}"))
        elif listed[number] != section.part:
            errors.append(InputError(section.path, 1,
                                     f"section {number} says part \"{section.part}\" but the arrangement puts it "
                                     f"in Part {listed[number]}", f"write part: \"{listed[number]}\""))
    for number, part_number in listed.items():
        file = f"{ids.ProvisionId.section(number)}.md"
        if number not in sections and not (folder / file).exists():
            errors.append(InputError(work.path, 1, f"Part {part_number} lists section {number}, which has no file",
                                     f"add statutes/{folder.name}/{file}"))
