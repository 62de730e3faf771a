"""Section operations: insert a new section, substitute a whole section."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.payloads import SectionPayload
from atipsom.domain.amend.provisions import DELETED, check_aligned, structure
from atipsom.domain.amend.state import (
    Effect,
    SectionState,
    State,
    fail,
    payload_for,
    section_of,
    tier_for,
    verbatim_part,
)
from atipsom.domain.amend.tiering import after_edit, unofficial_only, with_tier
from atipsom.domain.body import parse_body
from atipsom.domain.errors import InputError
from atipsom.domain.model import LANGS, MISSING, Instruction, Provision, SourceRef, Text, is_available
from atipsom.domain.text import read_text
from atipsom.domain.tree import blank
from atipsom.refs import ids


def _section_body(instruction: Instruction, number: str, lang: str) -> tuple[Text, Provision] | None:
    payload = payload_for(instruction, lang)
    if not isinstance(payload, SectionPayload):
        return None
    try:
        body = parse_body(payload.text, root_eid=str(ids.ProvisionId.section(number)), root_kind="section",
                          root_num=number, path=instruction.path, first_line=payload.line or instruction.line or 1)
    except InputError as exc:
        raise fail(instruction, f"new section text ({lang}) is not in the body format: {exc.message}", exc.hint) from None
    own = verbatim_part(instruction, lang)
    verbatim = None
    if isinstance(own, SectionPayload):
        with contextlib.suppress(InputError):
            verbatim = parse_body(own.text, root_eid=body.eid, root_kind="section", root_num=number)
    heading = payload.heading.strip()  # none given, or written `{not available}`: no source gives it
    return read_text(heading) if heading else MISSING, with_tier(body, tier_for(instruction, lang), verbatim)


def _heading_tier(instruction: Instruction, lang: str, heading: Text) -> str:
    """The heading's tier: verbatim when it is the source's own heading, which the English layer completes."""
    own = verbatim_part(instruction, lang)
    if isinstance(own, SectionPayload) and own.heading.strip() == heading and is_available(heading):
        return "verbatim"
    return after_edit("verbatim", tier_for(instruction, lang), [heading])


def _fill(section: SectionState, instruction: Instruction) -> tuple[SectionState, dict[str, str], tuple[str, ...]]:
    """The section with the instruction's heading and text in each language (not available where none is given)."""
    bodies = {lang: result for lang in LANGS if (result := _section_body(instruction, section.number, lang))}
    if not bodies:
        raise fail(instruction, "no language gives the new section's text")
    check_aligned({lang: structure([body]) for lang, (_, body) in bodies.items()}, instruction,
                  "the English and Malay texts of the section do not have the same provisions")
    reference = next(iter(bodies.values()))[1]
    heading, body, heading_tier = dict(section.heading), dict(section.body), dict(section.heading_tier)
    outcome: dict[str, str] = {}
    langs: list[str] = []
    for lang in LANGS:
        if lang in bodies:
            heading[lang] = bodies[lang][0]
            body[lang] = bodies[lang][1]
            heading_tier[lang] = _heading_tier(instruction, lang, heading[lang])
            outcome[lang] = "applied"
        elif instruction.lang:
            outcome[lang] = "unchanged"
            continue
        else:
            heading[lang] = MISSING
            heading_tier.pop(lang, None)
            body[lang] = blank(reference)
            outcome[lang] = "not available"
        langs.append(lang)
    status = {**{lang: "verbatim" for lang in LANGS}, **section.status}
    new = replace(section, heading=heading, body=body, status=status, heading_tier=unofficial_only(heading_tier))
    return new, outcome, tuple(langs)


def act_source(instruction: Instruction) -> dict[str, SourceRef]:
    locator = ids.format_amending_provision(instruction.act, instruction.provision)
    source = {lang: SourceRef(ref=instruction.act, locator=locator) for lang in LANGS if lang in instruction.payload}
    if instruction.en_source and "en" in instruction.payload:
        source["en"] = instruction.en_source
    return source


def substitute_section(state: State, instruction: Instruction) -> Effect:
    section = section_of(state, instruction, instruction.target or "")
    if instruction.target != section.eid:
        raise fail(instruction, "substitute_section targets a whole section", f"target {section.eid}")
    fresh = replace(section, status={lang: "verbatim" for lang in LANGS}, source=act_source(instruction),
                    editor_note="", heading_tier={})
    new, outcome, langs = _fill(fresh, instruction)
    return Effect(outcome=outcome, langs=langs, section=new, change="substituted", touched=(section.eid,))


def insert_section(state: State, instruction: Instruction) -> Effect:
    number = instruction.section or ""
    if number in state.sections:
        raise fail(instruction, f"section {number} already exists", "an inserted section needs a new number")
    after = instruction.after or ""
    after_number = ids.section_of_eid(after) if after.startswith("sec_") else None
    if after_number is None or after_number not in state.sections:
        raise fail(instruction, f"section {after_number} to insert after does not exist")
    part_number = instruction.part or ""
    part_index = next((i for i, p in enumerate(state.parts) if p.number == part_number), None)
    if part_index is None:
        raise fail(instruction, f"Part {part_number} does not exist", "insert the Part first (insert_part)")
    empty = SectionState(number=number, part=part_number, heading={}, body={}, status={},
                         source=act_source(instruction), editor_note="", inserted=True)
    section, outcome, langs = _fill(empty, instruction)
    order = list(state.order)
    order.insert(order.index(after_number) + 1, number)
    part = state.parts[part_index]
    members = list(part.sections)
    members.insert(members.index(after_number) + 1 if after_number in members else 0, number)
    parts = (*state.parts[:part_index], replace(part, sections=tuple(members)), *state.parts[part_index + 1:])
    return Effect(outcome=outcome, langs=langs, section=section, change="inserted", touched=(section.eid,),
                  order=tuple(order), parts=parts)


def repeal_section(state: State, instruction: Instruction) -> Effect:
    """The section stays in the Act's arrangement with its number and heading, its words replaced by the
    reprints' placeholder "(Deleted by Act A1644)" / "(Dipotong oleh Akta A1644)": a version that says repealed."""
    section = section_of(state, instruction, instruction.target or "")
    if instruction.target != section.eid:
        raise fail(instruction, "repeal_section targets a whole section", f"target {section.eid}")
    act_number = instruction.act.removeprefix("act-").upper()
    body = {lang: Provision(eid=section.eid, kind="section", num=section.number, text=DELETED[lang].format(act=act_number))
            for lang in LANGS}
    return Effect(outcome={lang: "applied" for lang in LANGS}, langs=LANGS, section=replace(section, body=body),
                  change="repealed", touched=(section.eid,))


OPERATIONS = (
    Operation("insert_section", False, ("section", "after", "part"), SectionPayload, ("heading", "text"),
              insert_section, {"en": "inserts this section after", "ms": "memasukkan seksyen ini selepas"}),
    Operation("substitute_section", True, (), SectionPayload, ("heading", "text"), substitute_section,
              {"en": "substitutes", "ms": "menggantikan"}),
    Operation("repeal_section", True, (), None, (), repeal_section,
              {"en": "repeals section", "ms": "memotong seksyen"}, needs_words=False),
)
