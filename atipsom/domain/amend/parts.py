"""Part operations: insert a new Part (its heading amended by the word operations, see words.py)."""

from __future__ import annotations

from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.payloads import HeadingPayload
from atipsom.domain.amend.state import Effect, State, fail, payload_for, tier_for
from atipsom.domain.amend.tiering import after_edit
from atipsom.domain.model import LANGS, MISSING, Instruction, Part, Text
from atipsom.domain.text import read_text


def insert_part(state: State, instruction: Instruction) -> Effect:
    number = instruction.part or ""
    if any(p.number == number for p in state.parts):
        raise fail(instruction, f"Part {number} already exists")
    after = (instruction.after or "").removeprefix("part_")
    index = next((i for i, p in enumerate(state.parts) if p.number == after), None)
    if index is None:
        raise fail(instruction, f"Part {after} to insert after does not exist")
    heading: dict[str, Text] = {}
    heading_tier: dict[str, str] = {}
    outcome: dict[str, str] = {}
    for lang in LANGS:
        payload = payload_for(instruction, lang)
        if payload is None and not instruction.lang:
            heading[lang] = MISSING
            outcome[lang] = "not available"
        else:
            heading[lang] = read_text((payload.heading if isinstance(payload, HeadingPayload) else "").strip())
            tier = after_edit("verbatim", tier_for(instruction, lang), [heading[lang]])
            if tier != "verbatim":
                heading_tier[lang] = tier
            outcome[lang] = "applied"
    parts = (*state.parts[:index + 1], Part(number=number, heading=heading, sections=(), heading_tier=heading_tier), *state.parts[index + 1:])
    return Effect(outcome=outcome, langs=LANGS, parts=parts, change="inserted")


OPERATIONS = (
    Operation("insert_part", False, ("part", "after"), HeadingPayload, ("heading",), insert_part,
              {"en": "inserts Part", "ms": "memasukkan Bahagian"}),
)
