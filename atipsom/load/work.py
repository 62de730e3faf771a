"""Read the Act's work.md: titles, dates, commencements, Parts, long title and enacting formula."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from atipsom.domain.errors import InputError
from atipsom.domain.model import (
    CERTAINTIES,
    LANGS,
    Commencement,
    DatedFact,
    Part,
    Source,
    Work,
)
from atipsom.domain.text import read_texts
from atipsom.load.bodies import read_bodies, text_status
from atipsom.load.files import read_file
from atipsom.load.schema import Reader, items_of
from atipsom.load.sources import source_ref

WORK_KEYS = ("id", "number", "year", "frbr", "title", "bill", "dates", "commencements", "parts", "source",
             "text_status", "authoritative_text", "editor_note")


def dated(reader: Reader | None) -> DatedFact:
    if reader is None:
        return DatedFact(None, "unknown")
    reader.only(("date", "certainty", "source", "note", "notice"))
    return DatedFact(
        date=reader.date("date", required=False), certainty=reader.str("certainty", choices=CERTAINTIES),
        source=reader.str("source", required=False), note=reader.str("note", required=False),
        notice=reader.str("notice", required=False),
    )


def load_work(path: Path, root: Path, errors: list[InputError], sources: Mapping[str, Source]) -> Work | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    reader = Reader(document.meta, document.path, errors)
    reader.only(WORK_KEYS)
    work_id = reader.str("id")
    if work_id and work_id != path.parent.name:
        reader.error(reader.line("id"), f"id '{work_id}' does not match the folder '{path.parent.name}'",
                     f"write id: {path.parent.name}")
    dates = reader.sub("dates")
    assent = dated(dates.sub("assent") if dates else None)
    gazette = dated(dates.sub("gazette") if dates else None)
    if dates:
        dates.only(("assent", "gazette"))
    commencements = _commencements(reader, errors)
    parts = _parts(reader, errors)
    bill = reader.sub("bill")
    if bill:
        bill.only(("number", "source"))
    source_reader = reader.sub("source")
    source = {lang: ref for lang in LANGS
              if (ref := source_ref(source_reader, lang, sources) if source_reader else None)}
    front = read_bodies(document, "", "section", errors) or {}
    for lang in LANGS:
        if lang in front:
            kinds = [child.eid for child in front[lang].children]
            if kinds != ["longtitle", "enacting"]:
                errors.append(InputError(document.path, front[lang].line,
                                         f"{lang} block must hold exactly {{#longtitle}} and {{#enacting}}"))
    return Work(
        id=work_id, number=reader.quoted_number("number"), year=reader.int("year") or 0,
        frbr=reader.str("frbr"), title=read_texts(reader.per_lang("title")),
        bill_number=bill.str("number") if bill else "", assent=assent, gazette=gazette,
        commencements=commencements, parts=parts, front=front, source=source,
        text_status=reader.per_lang("text_status", convert=text_status),
        authoritative_text=reader.str("authoritative_text", required=False),
        editor_note=reader.str("editor_note", required=False), path=document.path,
    )


def _commencements(reader: Reader, errors: list[InputError]) -> tuple[Commencement, ...]:
    """The Act's commencements: which Parts and sections came into force on which date."""
    commencements: list[Commencement] = []
    for item, line in items_of(reader, "commencements"):
        sub = Reader(item, reader.path, errors, "commencements[]", line)
        sub.only(("date", "notice", "provisions", "certainty", "source", "note"))
        date = sub.date("date")
        if date:
            commencements.append(Commencement(
                date=date, notice=sub.str("notice"), provisions=tuple(sub.strings("provisions", required=True)),
                certainty=sub.str("certainty", choices=CERTAINTIES), source=sub.str("source"),
                note=sub.str("note", required=False)))
    return tuple(commencements)


def _parts(reader: Reader, errors: list[InputError]) -> tuple[Part, ...]:
    """The arrangement of sections in Parts; a section listed in two Parts is an error."""
    parts: list[Part] = []
    part_of: dict[str, str] = {}
    for item, line in items_of(reader, "parts"):
        sub = Reader(item, reader.path, errors, "parts[]", line)
        sub.only(("part", "heading", "sections"))
        part = Part(number=sub.quoted_number("part"), heading=read_texts(sub.per_lang("heading")),
                    sections=tuple(sub.strings("sections", required=True)))
        for number in part.sections:
            if number in part_of:
                sub.error(sub.line("sections"), f"section {number} is listed twice in the arrangement: in Part "
                          f"{part_of[number]} and in Part {part.number}",
                          "each section belongs to one Part; remove it from the wrong one")
            part_of.setdefault(number, part.number)
        parts.append(part)
    return tuple(parts)
