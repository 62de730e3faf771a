"""The Act as the engine holds it between two instructions, and what one instruction does to it.

All values are frozen: an operation returns an `Effect`; the engine folds it into a new `State`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import cast

from atipsom.domain.amend.payloads import Payload
from atipsom.domain.english import EnglishEntry
from atipsom.domain.errors import InputError
from atipsom.domain.model import LANGS, AmendmentRef, Instruction, Part, Provision, SourceRef, Text
from atipsom.domain.text import has_missing_part
from atipsom.refs import ids


class AmendmentError(InputError):
    """An instruction that does not apply cleanly."""


@dataclass(frozen=True)
class SectionState:
    number: str
    part: str
    heading: Mapping[str, Text]
    body: Mapping[str, Provision]
    status: Mapping[str, str]
    source: Mapping[str, SourceRef]
    editor_note: str
    history: Mapping[str, tuple[AmendmentRef, ...]] = field(default_factory=dict)
    inserted: bool = False
    heading_tier: Mapping[str, str] = field(default_factory=dict)  # lang -> tier of the heading; absent: verbatim
    renamed: Mapping[str, str] = field(default_factory=dict)  # old eId -> the eId it has now (renumbering)

    @property
    def eid(self) -> str:
        return str(ids.ProvisionId.section(self.number))


@dataclass(frozen=True)
class State:
    sections: Mapping[str, SectionState]
    order: tuple[str, ...]
    parts: tuple[Part, ...]
    front: Mapping[str, Provision]
    title: Mapping[str, Text]
    date: dt.date | None = None  # the date the instructions being applied come into force


@dataclass(frozen=True)
class Effect:
    """What one instruction did: the new values it produces, and per language what happened."""

    outcome: Mapping[str, str]  # lang -> "applied" | "not available" | "unchanged" | "not applied: …"
    langs: tuple[str, ...]  # languages whose text it changed
    section: SectionState | None = None  # the section it changed (or inserted), as it now reads
    change: str = "amended"  # the kind of change for that section's new version
    touched: tuple[str, ...] = ()  # eIds whose history records the instruction
    order: tuple[str, ...] | None = None  # the new arrangement of sections, when it changed
    parts: tuple[Part, ...] | None = None  # the new Parts, when they changed
    front: Mapping[str, Provision] | None = None  # the new long title and enacting words, when changed

    @property
    def sections(self) -> tuple[str, ...]:
        return (self.section.number,) if self.section is not None else ()


def fold(state: State, effect: Effect, amendment: AmendmentRef) -> State:
    """The state after `effect`, the instruction recorded in the history of the eIds it touched."""
    sections = state.sections
    if effect.section is not None:
        section = effect.section
        history = dict(section.history)
        for eid in effect.touched:
            history[eid] = (*history.get(eid, ()), amendment)
        sections = {**state.sections, section.number: replace(section, history=history)}
    return replace(state, sections=sections,
                   order=effect.order if effect.order is not None else state.order,
                   parts=effect.parts if effect.parts is not None else state.parts,
                   front=effect.front if effect.front is not None else state.front)


def fail(instruction: Instruction, message: str, hint: str = "", lang: str | None = None) -> AmendmentError:
    """An error on the instruction's line, or on the line of its words in `lang` when given."""
    payload = instruction.payload.get(lang) if lang else None
    line = payload.line if payload is not None else None
    return AmendmentError(instruction.path, line or instruction.line,
                          f"{instruction.citation} ({instruction.op} {instruction.target or ''}): {message}".replace(" )", ")"),
                          hint)


def has_gaps(payload: Payload | None) -> bool:
    """True when a payload's words include `{not available}` (a source gives only part of them)."""
    return payload is not None and any(isinstance(v, str) and has_missing_part(v)
                                       for v in payload.as_written().values())


def english_entry(instruction: Instruction) -> EnglishEntry | None:
    """The English layer's entry that gives the instruction's English (statutes/english/), when it is used:
    the instruction has no complete `en` words of its own (those always win; words with `{not available}` in
    them are completed by the entry), applies to both languages, and the entry still renders the instruction's
    Malay words (a stale entry is not applied: `check` reports it)."""
    entry = instruction.english
    if entry is None or instruction.lang:
        return None
    own = instruction.payload.get("en")
    if own is not None and not has_gaps(own):
        return None
    malay = instruction.payload.get("ms")
    if entry.is_stale(malay.as_written() if malay is not None else None):
        return None
    return entry


def payload_for(instruction: Instruction, lang: str) -> Payload | None:
    """The instruction's words for `lang` (None for a language it does not give, or does not apply to);
    for English, the English layer's words when the instruction has none, or only some."""
    if instruction.lang and lang != instruction.lang:
        return None
    if lang == "en" and (entry := english_entry(instruction)) is not None:
        return cast(Payload, entry.en)
    return instruction.payload.get(lang)


def tier_for(instruction: Instruction, lang: str) -> str:
    """The tier of the words `payload_for` gives: the English layer entry's tier, else verbatim."""
    if lang == "en" and (entry := english_entry(instruction)) is not None:
        return entry.tier
    return "verbatim"


def verbatim_part(instruction: Instruction, lang: str) -> Payload | None:
    """The instruction's own words in `lang` when the English layer completes them (its words stay verbatim)."""
    if lang == "en" and english_entry(instruction) is not None:
        return instruction.payload.get("en")
    return None


def gives(instruction: Instruction, lang: str) -> bool:
    """True when the instruction (or the English layer for it) gives words in `lang`."""
    return payload_for(instruction, lang) is not None


def missing_langs(instruction: Instruction) -> list[str]:
    """Languages for which the instruction changes the text but no source gives the words."""
    if instruction.lang:
        return []
    return [lang for lang in LANGS if not gives(instruction, lang)]


def section_of(state: State, instruction: Instruction, eid: str) -> SectionState:
    """The section holding `eid` as the Act stands before the instruction (an error if there is none)."""
    if eid.startswith("part_"):
        raise fail(instruction, "a Part can only have its heading amended here (field: heading)")
    if eid in ("longtitle", "enacting"):
        raise fail(instruction, "use substitute_long_title to change the long title")
    number = ids.section_of_eid(eid) if eid else None
    if number is None or number not in state.sections:
        raise fail(instruction, f"section {number} does not exist on {state.date}",
                   "check the target id against the Act as it stood just before this amending Act")
    return state.sections[number]

