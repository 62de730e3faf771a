"""Read the amending Acts (statutes/amendments/act-a<n>.md): their dates and their instructions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from atipsom.domain.errors import InputError
from atipsom.domain.model import (
    LANGS,
    AmendingAct,
    Source,
    Transitional,
)
from atipsom.domain.text import read_texts
from atipsom.load.commencement import load_staged
from atipsom.load.files import read_file
from atipsom.load.instructions import load_instruction
from atipsom.load.schema import Reader, items_of
from atipsom.load.work import dated
from atipsom.refs import examples, ids

ACT_KEYS = ("id", "number", "short_title", "bill", "dates", "english_text", "instructions", "transitional",
            "commencements", "not_in_force")


def load_amendments(folder: Path, root: Path, errors: list[InputError],
                    sources: Mapping[str, Source]) -> list[AmendingAct]:
    acts: list[AmendingAct] = []
    if not folder.is_dir():
        return acts
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        act = load_amending_act(path, root, errors, sources)
        if act is None:
            continue
        if act.id in seen:
            errors.append(InputError(act.path, 1, f"duplicate amending Act {act.id}", f"already in {seen[act.id]}"))
            continue
        seen[act.id] = act.path
        acts.append(act)
    acts.sort(key=lambda a: (a.in_force.date or dt.date.max, a.number))
    return acts


def load_amending_act(path: Path, root: Path, errors: list[InputError],
                      sources: Mapping[str, Source]) -> AmendingAct | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    before = len(errors)
    reader = Reader(document.meta, document.path, errors)
    reader.only(ACT_KEYS)
    act_id = reader.str("id")
    if act_id and path.stem != act_id:
        reader.error(reader.line("id"), f"id '{act_id}' does not match the file name {path.name}",
                     f"write id: {path.stem} or rename the file")
    if act_id and not ids.WORK_ID_RE.match(act_id):
        reader.error(reader.line("id"), f"'{act_id}' is not an Act id", f"write e.g. {examples.AMENDING_ACT}")
    dates = reader.sub("dates")
    if dates:
        dates.only(("assent", "gazette", "in_force"))
    in_force = dated(dates.sub("in_force") if dates else None)
    if dates and in_force.date is None:
        dates.error(dates.line("in_force"), "an amending Act needs an in-force date to be applied",
                    "give dates.in_force.date, with its certainty and source")
    assent = dated(dates.sub("assent", required=False) if dates else None)
    gazette = dated(dates.sub("gazette", required=False) if dates else None)
    ordered = [(name, fact.date) for name, fact in (("assent", assent), ("gazette", gazette), ("in_force", in_force))
               if fact.date]
    for (name_a, date_a), (name_b, date_b) in zip(ordered, ordered[1:]):
        if dates is not None and date_a > date_b:
            dates.error(dates.line(name_b), f"dates out of order: {name_a} {date_a} is after {name_b} {date_b}",
                        "assent comes before publication in the Gazette, which comes before coming into force")
    bill = reader.sub("bill")
    bill_source = {}
    if bill:
        bill.only(("number", "source"))
        src = bill.sub("source", required=False)
        if src:
            src.only(LANGS)
            for lang in LANGS:
                if src.has(lang):
                    value = src.str(lang)
                    if sources and value not in sources:
                        src.error(src.line(lang), f"unknown source '{value}'", "use an id from statutes/sources.yml")
                    bill_source[lang] = value
    instructions = []
    for index, (item, line) in enumerate(items_of(reader, "instructions")):
        instruction = load_instruction(item, line, index, act_id, document.path, errors, sources)
        if instruction is not None:
            instructions.append(instruction)
    commencements, not_in_force = load_staged(reader, errors, instructions, act_id, in_force.date)
    transitional = []
    for item, line in items_of(reader, "transitional"):
        sub = Reader(item, document.path, errors, "transitional[]", line)
        sub.only(("provision", "summary"))
        transitional.append(Transitional(provision=sub.str("provision"), summary=sub.str("summary")))
    short_title = read_texts(reader.per_lang("short_title"))
    english_text = reader.str("english_text", choices=("available", "missing"))
    if len(errors) > before:
        return None
    return AmendingAct(
        id=act_id, number=reader.str("number"), short_title=short_title,
        bill_number=bill.str("number") if bill else "", bill_source=bill_source,
        assent=assent, gazette=gazette, in_force=in_force, english_text=english_text,
        instructions=tuple(instructions), transitional=tuple(transitional),
        summary=document.body.strip(), path=document.path, commencements=commencements, not_in_force=not_in_force,
    )
