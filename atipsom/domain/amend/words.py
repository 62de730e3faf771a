"""Word operations: substitute, insert or delete words in a provision, a section heading or a Part heading."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from atipsom.domain.amend.marks import mark, splice, unmark
from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.payloads import DeleteWordsPayload, InsertWordsPayload, WordsPayload
from atipsom.domain.amend.state import (
    AmendmentError,
    Effect,
    State,
    fail,
    missing_langs,
    payload_for,
    section_of,
    tier_for,
)
from atipsom.domain.amend.tiering import after_edit, retier, unofficial_only
from atipsom.domain.model import LANGS, MISSING, Instruction, Provision, Text, is_available
from atipsom.domain.tree import Slot, find, set_slot, slots, transform, words_pattern

WordsLike = WordsPayload | DeleteWordsPayload | InsertWordsPayload
WORDS_PAYLOADS = (WordsPayload, DeleteWordsPayload, InsertWordsPayload)


def _replacement(node: Provision) -> Callable[[Provision], list[Provision]]:
    """A tree.transform function that puts `node` in the place of the one it finds."""
    return lambda _: [node]


def apply_words(state: State, instruction: Instruction) -> Effect:
    target = instruction.target or ""
    if target.startswith("part_") and instruction.field == "heading":
        return _part_heading(state, instruction)
    section = section_of(state, instruction, target)
    heading, body, status = dict(section.heading), dict(section.body), dict(section.status)
    heading_tier = dict(section.heading_tier)
    outcome: dict[str, str] = {}
    langs: list[str] = []
    changed_slots: set[Slot] = set()
    if instruction.field == "heading" and target != section.eid:
        raise fail(instruction, "field: heading applies to a section or a Part", "target the section, e.g. sec_14")
    for lang in LANGS:
        payload = payload_for(instruction, lang)
        if payload is None:
            continue
        assert isinstance(payload, WORDS_PAYLOADS)
        tier = tier_for(instruction, lang)
        if instruction.field == "heading":
            old_heading = heading.get(lang, "")
            if not is_available(old_heading):
                outcome[lang] = "not applied: heading not available in this language"
                continue
            new_heading = edit_words(old_heading, payload, instruction, lang,
                                     where=f"the {lang} heading of s {section.number}", ours=tier == "rendered")
            heading[lang] = new_heading
            heading_tier[lang] = after_edit(heading_tier.get(lang, "verbatim"), tier, [new_heading])
            changed_slots.add((target, "heading"))
            langs.append(lang)
            outcome[lang] = "applied"
            continue
        root = body[lang]
        node = find(root, target)
        if node is None:
            raise fail(instruction, f"target {target} does not exist in the {lang} text",
                       "check the id against the text as it stood just before this amending Act")
        try:
            result = _edit_tree(node, payload, instruction, lang, ours=tier == "rendered")
        except AmendmentError:
            if not instruction.conflict:
                raise
            outcome[lang] = "not applied: the sources conflict (see the note)"
            status[lang] = "disputed"
            continue
        if result is None:
            outcome[lang] = "not applied: the words fall in text not available in this language"
            continue
        new_node, slots_changed = result
        new_node = retier(new_node, (eid for eid, _ in slots_changed), tier)
        body[lang] = transform(root, target, _replacement(new_node))
        changed_slots |= slots_changed
        langs.append(lang)
        outcome[lang] = "applied"
    for lang in missing_langs(instruction):
        if instruction.field == "heading":
            heading[lang] = MISSING
        else:
            _blank_slots(heading, body, lang, target, changed_slots)
        outcome[lang] = "not available"
        langs.append(lang)
    touched = sorted({eid for eid, _ in changed_slots}) or [target]
    new_section = replace(section, heading=heading, body=body, status=status, heading_tier=unofficial_only(heading_tier))
    return Effect(outcome=outcome, langs=tuple(langs), section=new_section, touched=tuple(touched))


def _blank_slots(heading: dict[str, Text], body: dict[str, Provision], lang: str, target: str, changed: set[Slot]) -> None:
    """Mark as not available, in `lang`, the slots the other language's words changed (all of the target if none)."""
    heading_only = any(field == "heading" for _, field in changed) and all(f == "heading" for _, f in changed)
    if any(field == "heading" for _, field in changed):
        heading[lang] = MISSING
    if heading_only:
        return
    text_slots = {slot for slot in changed if slot[1] != "heading"}
    root = body[lang]
    if not text_slots:
        node = find(root, target)
        if node is not None:
            text_slots = {slot for slot, words in slots(node) if words or slot[1] == "wrapup"}
    for slot in text_slots:
        if find(root, slot[0]) is not None:
            root = set_slot(root, slot, MISSING)
    body[lang] = root


def _occurrence(payload: WordsLike, instruction: Instruction) -> str | int | None:
    return payload.occurrence if payload.occurrence is not None else instruction.occurrence


def edit_words(words: str, payload: WordsLike, instruction: Instruction, lang: str, where: str,
               ours: bool = False) -> str:
    """`words` with the payload applied; the words it brings marked ⟦ ⟧ when `ours` (a rendering).
    Words are found across existing marks, and the words they replace lose their marking."""
    plain, flags = unmark(words)
    if isinstance(payload, WordsPayload) and instruction.op == "substitute_words" and payload.at == "end":
        old = payload.old
        stripped = plain.rstrip()
        if not stripped.endswith(old):
            raise fail(instruction, f"{where} does not end with {old!r}",
                       f"it ends with {stripped[-20:]!r}; check the target")
        return mark(*splice(plain, flags, len(stripped) - len(old), len(plain), payload.new or "", ours))
    needle = payload.needle
    matches = list(words_pattern(needle).finditer(plain))
    chosen = _choose(matches, _occurrence(payload, instruction), instruction, lang, needle, where)
    for match in sorted(chosen, key=lambda m: m.start(), reverse=True):
        plain, flags = splice(plain, flags, *_splice_for(plain, match, payload), ours)
    return mark(plain, flags)


def _choose(matches: list[re.Match[str]], occurrence: str | int | None, instruction: Instruction, lang: str,
            needle: str, where: str) -> list[re.Match[str]]:
    if not matches:
        raise fail(instruction, f"words {needle!r} not found in {where} ({lang})",
                   "copy the words exactly as the text reads just before this amendment, quotes, dashes and spaces "
                   "included", lang)
    if occurrence == "all":
        return matches
    if isinstance(occurrence, int):
        if occurrence > len(matches):
            raise fail(instruction, f"occurrence {occurrence} of {needle!r} asked for, found {len(matches)} in {where} ({lang})",
                       "", lang)
        return [matches[occurrence - 1]]
    if len(matches) > 1:
        raise fail(instruction, f"words {needle!r} found {len(matches)} times in {where} ({lang}), once was meant",
                   "narrow the target to the provision that holds the words, or add occurrence: <n> or all", lang)
    return matches


def _splice_for(words: str, match: re.Match[str], payload: WordsLike) -> tuple[int, int, str]:
    """What to replace, where: (start, end, new words) in the unmarked text."""
    start, end = match.start(), match.end()
    if isinstance(payload, InsertWordsPayload):
        insert = payload.words
        if payload.after is not None:
            return end, end, ("" if insert[:1] in ",;:.)" else " ") + insert
        return start, start, insert + ("" if insert[-1:] in "(“" else " ")
    if isinstance(payload, WordsPayload):
        return start, end, payload.new or ""
    before, after = words[:start], words[end:]
    if before.endswith(" ") and (after.startswith(" ") or after[:1] in ",;:." or not after):
        return start - 1, end, ""
    if after.startswith(" ") and not before:
        return start, end + 1, ""
    return start, end, ""


def _edit_tree(node: Provision, payload: WordsLike, instruction: Instruction, lang: str,
               ours: bool = False) -> tuple[Provision, set[Slot]] | None:
    """Apply a words op to everything under `node`. None when the words can only be in unavailable text."""
    where = f"{instruction.target}"
    all_slots = list(slots(node))
    available = [(slot, words) for slot, words in all_slots if is_available(words)]
    unavailable = any(not is_available(words) for _, words in all_slots)
    if isinstance(payload, WordsPayload) and instruction.op == "substitute_words" and payload.at == "end":
        candidates = [(slot, words) for slot, words in all_slots if words]
        if not candidates:
            raise fail(instruction, f"{where} has no text ({lang})")
        slot, words = candidates[-1]
        if not is_available(words):
            return None
        new = edit_words(words, payload, instruction, lang, where, ours)
        return set_slot(node, slot, new), {slot}
    needle = payload.needle
    pattern = words_pattern(needle)
    unmarked = {slot: unmark(words) for slot, words in available}
    found = [(slot, words, match) for slot, (words, _) in unmarked.items() for match in pattern.finditer(words)]
    if not found and unavailable:
        return None
    chosen = _choose([m for _, _, m in found], _occurrence(payload, instruction), instruction, lang, needle, where)
    chosen_ids = {id(m) for m in chosen}
    by_slot: dict[Slot, list[re.Match[str]]] = {}
    for slot, _words, match in found:
        if id(match) in chosen_ids:
            by_slot.setdefault(slot, []).append(match)
    for slot, matches in by_slot.items():
        plain, flags = unmarked[slot]
        for match in sorted(matches, key=lambda m: m.start(), reverse=True):
            plain, flags = splice(plain, flags, *_splice_for(plain, match, payload), ours)
        node = set_slot(node, slot, mark(plain, flags))
    return node, set(by_slot)


def _part_heading(state: State, instruction: Instruction) -> Effect:
    number = (instruction.target or "").removeprefix("part_")
    index = next((i for i, p in enumerate(state.parts) if p.number == number), None)
    if index is None:
        raise fail(instruction, f"Part {number} does not exist")
    part = state.parts[index]
    heading, heading_tier = dict(part.heading), dict(part.heading_tier)
    outcome: dict[str, str] = {}
    langs: list[str] = []
    for lang in LANGS:
        payload = payload_for(instruction, lang)
        if payload is None:
            if not instruction.lang:
                heading[lang] = MISSING
                outcome[lang] = "not available"
                langs.append(lang)
            continue
        assert isinstance(payload, WORDS_PAYLOADS)
        old_heading = heading.get(lang)
        if not is_available(old_heading):
            outcome[lang] = "not applied: heading not available in this language"
            continue
        tier = tier_for(instruction, lang)
        new_heading = edit_words(old_heading, payload, instruction, lang, where=f"the heading of Part {number}",
                                 ours=tier == "rendered")
        heading[lang] = new_heading
        heading_tier[lang] = after_edit(heading_tier.get(lang, "verbatim"), tier, [new_heading])
        outcome[lang] = "applied"
        langs.append(lang)
    parts = (*state.parts[:index], replace(part, heading=heading, heading_tier=unofficial_only(heading_tier)), *state.parts[index + 1:])
    return Effect(outcome=outcome, langs=tuple(langs), parts=parts)


LABELS = {
    "substitute_words": {"en": "substitutes words in", "ms": "menggantikan perkataan dalam"},
    "insert_words": {"en": "inserts words in", "ms": "memasukkan perkataan dalam"},
    "delete_words": {"en": "deletes words in", "ms": "memotong perkataan dalam"},
}
OPERATIONS = (
    Operation("substitute_words", True, (), WordsPayload, ("old", "new"), apply_words,
              LABELS["substitute_words"], words_op=True),
    Operation("insert_words", True, (), InsertWordsPayload, ("words",), apply_words,
              LABELS["insert_words"], words_op=True),
    Operation("delete_words", True, (), DeleteWordsPayload, ("old",), apply_words, LABELS["delete_words"], words_op=True),
)
