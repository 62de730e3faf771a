"""The amendment engine: apply each amending Act's instructions, in date order, to the Act as
first enacted, and yield every version of every section (both languages) and of the Act as a whole.

Pure: it takes the loaded `Statutes` and returns a `Consolidation`. Each instruction's operation
(registry.py) returns an `Effect`; the engine folds the effects into a new, immutable `State`. An
instruction that does not apply cleanly (target missing, words not found, found twice when once is
meant) is an error that names the instruction and its file line; nothing is skipped silently.

Where an instruction has no words for a language (the English text of Act A1385 is lost), the
provisions it changed become missing (`MISSING`; `{not available}` in the files) in that language from its in-force date: the
engine never guesses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from atipsom.domain.amend.registry import OPERATIONS
from atipsom.domain.amend.state import AmendmentError, Effect, SectionState, State, english_entry, fold
from atipsom.domain.errors import InputError
from atipsom.domain.model import (
    LANGS,
    AmendingAct,
    AmendmentRef,
    Instruction,
    Statutes,
    Text,
    Version,
    WorkVersion,
    is_available,
)
from atipsom.refs import ids

V = TypeVar("V", Version, WorkVersion)

#: The outcome of an instruction whose amending provision was never brought into force: it changes no text.
NOT_IN_FORCE = "not in force"


@dataclass(frozen=True)
class Application:
    """What one instruction did, per language: for amending-Act pages and the check report."""

    instruction: Instruction
    in_force: dt.date | None  # None: the amending provision was never brought into force
    sections: tuple[str, ...]  # section numbers it changed
    outcome: Mapping[str, str]  # lang -> "applied" | "not available" | "unchanged" | "not in force" | "not applied: …"


@dataclass(frozen=True)
class Consolidation:
    versions: Mapping[str, tuple[Version, ...]]  # section number -> versions, oldest first
    order: tuple[str, ...]  # every section number ever in the Act, in arrangement order (current)
    work_versions: tuple[WorkVersion, ...]
    applications: tuple[Application, ...]
    errors: tuple[InputError, ...]

    def all_versions(self) -> Iterator[Version]:
        for number in self.order:
            yield from self.versions[number]


def consolidate(statutes: Statutes) -> Consolidation:
    """Every version of every section and of the whole Act."""
    work = statutes.work
    errors: list[InputError] = []
    order = tuple(number for part in work.parts for number in part.sections)
    sections: dict[str, SectionState] = {}
    versions: dict[str, list[Version]] = {}
    for number in order:
        section = statutes.sections[number]
        commencement = work.commencement_of(number, section.part)
        if commencement is None:
            errors.append(InputError(work.path, 1, f"no commencement covers section {number}",
                                     f"add {section.eid} or {ids.ProvisionId.part(section.part)} to a commencement"))
            continue
        sections[number] = SectionState(
            number=number, part=section.part, heading=dict(section.heading), body=dict(section.body),
            status=dict(section.text_status), source=dict(section.source), editor_note=section.editor_note,
        )
        versions[number] = [_snapshot(work.id, sections[number], commencement.date, "original", ())]
    state = State(sections=sections, order=order, parts=tuple(work.parts), front=dict(work.front),
                  title=dict(work.title))
    first_date = min(c.date for c in work.commencements) if work.commencements else dt.date(2007, 1, 1)
    work_versions = [WorkVersion(first_date, None, dict(state.title), state.parts, dict(state.front), ())]
    applications: list[Application] = []

    for date, act, instructions in _steps(statutes.amendments):
        state = replace(state, date=date)
        touched: dict[str, list[AmendmentRef]] = {}
        kinds: dict[str, str] = {}
        work_refs: list[AmendmentRef] = []
        for instruction in instructions:
            try:
                effect = OPERATIONS[instruction.op].apply(state, instruction)
            except AmendmentError as exc:
                errors.append(exc)
                continue
            effect = _with_disputes(effect, instruction)
            amendment = _ref(act, instruction, effect.langs, date)
            state = fold(state, effect, amendment)
            applications.append(Application(instruction, date, effect.sections, effect.outcome))
            if not effect.sections:
                work_refs.append(amendment)
            for number in effect.sections:
                touched.setdefault(number, []).append(amendment)
                previous = kinds.get(number)
                kinds[number] = previous if previous is not None and previous != "amended" else effect.change
        for number in state.order:
            if number not in touched:
                continue
            history = versions.setdefault(number, [])
            if history and history[-1].in_force_from >= date:
                errors.append(InputError(act.path, 1, f"{act.number} comes into force on {date}, not after the "
                                                      f"version of s {number} from {history[-1].in_force_from}"))
                continue
            history.append(_snapshot(work.id, state.sections[number], date, kinds[number], tuple(touched[number])))
        state = replace(state, title=_title_from_section_1(state) or state.title)
        all_refs = tuple(work_refs) + tuple(ref for refs in touched.values() for ref in refs)
        work_versions.append(WorkVersion(date, None, dict(state.title), state.parts, dict(state.front), all_refs))
    applications.extend(Application(instruction, None, (), {lang: NOT_IN_FORCE for lang in LANGS})
                        for act in statutes.amendments for instruction in act.instructions
                        if act.in_force_of(instruction.provision) is None)
    act_order = {act.id: order for order, act in enumerate(statutes.amendments)}
    return Consolidation(
        versions={number: _closed(v) for number, v in versions.items()},
        order=tuple(n for n in state.order if n in versions),
        work_versions=_closed(work_versions),
        applications=tuple(sorted(applications, key=lambda a: (act_order[a.instruction.act], a.instruction.index))),
        errors=tuple(errors),
    )


def _steps(amendments: Sequence[AmendingAct]) -> list[tuple[dt.date, AmendingAct, tuple[Instruction, ...]]]:
    """The amending Acts' instructions grouped by the date they came into force (commencement per amending
    provision: an Act with staged commencement is applied in several steps), oldest first; at one date, the
    Acts in their order. Instructions never brought into force are in no step."""
    steps = []
    for order, act in enumerate(amendments):
        for date in act.in_force_dates:
            instructions = tuple(i for i in act.instructions if act.in_force_of(i.provision) == date)
            if instructions:
                steps.append((date, order, act, instructions))
    steps.sort(key=lambda step: (step[0], step[1]))
    return [(date, act, instructions) for date, _, act, instructions in steps]


def _closed(versions: list[V]) -> tuple[V, ...]:
    """The versions, each ending the day before the next begins (the last one current): `in_force_to` is
    derived here, in one place, from the next version's `in_force_from`."""
    return tuple(replace(version, in_force_to=following.in_force_from - dt.timedelta(days=1))
                 for version, following in zip(versions, versions[1:])) + tuple(versions[-1:])


def _ref(act: AmendingAct, instruction: Instruction, langs: tuple[str, ...], in_force: dt.date) -> AmendmentRef:
    return AmendmentRef(act=act.id, act_number=act.number, provision=instruction.provision,
                        in_force=in_force, op=instruction.op,
                        target=instruction.target or instruction.after, langs=tuple(langs),
                        note=" ".join(x for x in (instruction.note, instruction.conflict, _dispute_note(instruction))
                                      if x))


def _dispute_note(instruction: Instruction) -> str:
    entry = english_entry(instruction)
    parts = [f"Disputed: {instruction.dispute}" if instruction.dispute else "",
             f"Disputed (English): {entry.dispute}" if entry is not None and entry.dispute else ""]
    return " ".join(p for p in parts if p)


def _with_disputes(effect: Effect, instruction: Instruction) -> Effect:
    """A section whose new words the sources dispute is marked disputed, from this version on, in the languages
    the dispute concerns: the instruction's own words (`dispute:`), or its English-layer words (`dispute:`)."""
    if effect.section is None:
        return effect
    entry = english_entry(instruction)
    langs = [lang for lang in LANGS
             if (instruction.dispute and lang in instruction.payload)
             or (lang == "en" and entry is not None and entry.dispute)]
    if not langs:
        return effect
    status = {**effect.section.status, **{lang: "disputed" for lang in langs}}
    return replace(effect, section=replace(effect.section, status=status))


_TITLE_PATTERNS = {"en": re.compile(r"cited as the (?P<title>.+? Act \d{4})"),
                   "ms": re.compile(r"dinamakan (?P<title>Akta .+? \d{4})")}


def _title_from_section_1(state: State) -> dict[str, Text] | None:
    """The short title as s 1(1) gives it at this point (renamed by A1385 s 3 in 2010)."""
    section = state.sections.get("1")
    if section is None:
        return None
    title = dict(state.title)
    for lang, pattern in _TITLE_PATTERNS.items():
        node = section.body.get(lang) and section.body[lang].find("sec_1__subsec_1")
        if node is not None and is_available(node.text):
            match = pattern.search(node.text)
            if match:
                title[lang] = match.group("title")
    return title


def _snapshot(work_id: str, section: SectionState, date: dt.date, change: str,
              amended_by: tuple[AmendmentRef, ...]) -> Version:
    status = {}
    for lang in LANGS:
        body = section.body.get(lang)
        base = section.status.get(lang, "verbatim")
        if body is None or not body.has_available_text:
            status[lang] = "missing"
        elif not body.is_fully_available or not is_available(section.heading.get(lang)):
            status[lang] = "incomplete" if base == "verbatim" else base
        else:
            status[lang] = base
    notes = tuple(ref.note for ref in amended_by if ref.note)
    return Version(
        work=work_id, number=section.number, part=section.part, in_force_from=date, in_force_to=None,
        change=change, heading=dict(section.heading), body=dict(section.body), amended_by=amended_by,
        history=dict(section.history), text_status=status,
        source=dict(section.source), notes=notes, editor_note=section.editor_note,
        heading_tier=dict(section.heading_tier), renamed=dict(section.renamed),
    )
