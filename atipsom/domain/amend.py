"""The amendment engine: apply each amending Act's instructions, in date order, to the Act as
first enacted, and yield every version of every section (both languages) and of the Act as a whole.

Pure: it takes the loaded `Statutes` and returns a `Consolidation`. An instruction that does not
apply cleanly (target missing, words not found, found twice when once is meant) is an error that
names the instruction and its file line; nothing is skipped silently.

Where an instruction has no words for a language (the English text of Act A1385 is lost), the
provisions it changed become `{not available}` in that language from its in-force date: the
engine never guesses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Mapping

from atipsom.domain.body import parse_body
from atipsom.domain.errors import InputError
from atipsom.domain.model import (
    LANGS,
    NOT_AVAILABLE,
    AmendingAct,
    AmendmentRef,
    Instruction,
    Part,
    Provision,
    SourceRef,
    Statutes,
    Version,
    WorkVersion,
    is_available,
)
from atipsom.domain.operations import WORD_OPS
from atipsom.domain.tree import (
    Slot,
    blank,
    find,
    insert_children,
    parent_of,
    rebase_children,
    set_slot,
    slots,
    transform,
    words_pattern,
)
from atipsom.refs import ids


class AmendmentError(InputError):
    """An instruction that does not apply cleanly."""


@dataclass(frozen=True)
class Application:
    """What one instruction did, per language: for amending-Act pages and the check report."""

    instruction: Instruction
    in_force: dt.date
    sections: tuple[str, ...]  # section numbers it changed
    outcome: Mapping[str, str]  # lang -> "applied" | "not available" | "unchanged" | "not applied: …"


@dataclass(frozen=True)
class Consolidation:
    versions: Mapping[str, tuple[Version, ...]]  # section number -> versions, oldest first
    order: tuple[str, ...]  # every section number ever in the Act, in arrangement order (current)
    work_versions: tuple[WorkVersion, ...]
    applications: tuple[Application, ...]
    errors: tuple[InputError, ...]

    def all_versions(self):
        for number in self.order:
            yield from self.versions[number]


@dataclass
class _SectionState:
    number: str
    part: str
    heading: dict[str, str]
    body: dict[str, Provision]
    status: dict[str, str]
    source: dict[str, SourceRef]
    editor_note: str
    history: dict[str, list[AmendmentRef]] = field(default_factory=dict)
    inserted: bool = False


@dataclass
class _State:
    sections: dict[str, _SectionState]
    order: list[str]
    parts: list[Part]
    front: dict[str, Provision]
    title: dict[str, str]


def consolidate(statutes: Statutes) -> Consolidation:
    """Every version of every section and of the whole Act."""
    work = statutes.work
    errors: list[InputError] = []
    state = _State(
        sections={},
        order=[number for part in work.parts for number in part.sections],
        parts=list(work.parts),
        front=dict(work.front),
        title=dict(work.title),
    )
    versions: dict[str, list[Version]] = {}
    for number in state.order:
        section = statutes.sections[number]
        commencement = work.commencement_of(number, section.part)
        if commencement is None:
            errors.append(InputError(work.path, 1, f"no commencement covers section {number}",
                                     f"add {section.eid} or {ids.ProvisionId.part(section.part)} to a commencement"))
            continue
        state.sections[number] = _SectionState(
            number=number, part=section.part, heading=dict(section.heading), body=dict(section.body),
            status=dict(section.text_status), source=dict(section.source), editor_note=section.editor_note,
        )
        versions[number] = [_snapshot(work.id, state.sections[number], commencement.date, "original", ())]
    first_date = min(c.date for c in work.commencements) if work.commencements else dt.date(2007, 1, 1)
    work_versions = [WorkVersion(first_date, None, dict(state.title), tuple(state.parts), dict(state.front), ())]
    applications: list[Application] = []

    for act in statutes.amendments:
        date = act.in_force_from
        touched: dict[str, list[AmendmentRef]] = {}
        kinds: dict[str, str] = {}
        work_refs: list[AmendmentRef] = []
        for instruction in act.instructions:
            try:
                result = _apply(state, act, instruction)
            except AmendmentError as exc:
                errors.append(exc)
                continue
            ref, changed_sections, change_kind, outcome = result
            applications.append(Application(instruction, date, tuple(changed_sections), outcome))
            if not changed_sections:
                work_refs.append(ref)
            for number in changed_sections:
                touched.setdefault(number, []).append(ref)
                previous = kinds.get(number)
                kinds[number] = change_kind if previous in (None, "amended") else previous
        for number in state.order:
            if number not in touched:
                continue
            history = versions.setdefault(number, [])
            if history and history[-1].in_force_from >= date:
                errors.append(InputError(act.path, 1, f"{act.number} comes into force on {date}, not after the "
                                                      f"version of s {number} from {history[-1].in_force_from}"))
                continue
            if history:
                history[-1] = replace(history[-1], in_force_to=date - dt.timedelta(days=1))
            history.append(_snapshot(work.id, state.sections[number], date, kinds[number], tuple(touched[number])))
        state.title = _title_from_section_1(state) or state.title
        previous_work = work_versions[-1]
        work_versions[-1] = replace(previous_work, in_force_to=date - dt.timedelta(days=1))
        all_refs = tuple(work_refs) + tuple(ref for refs in touched.values() for ref in refs)
        work_versions.append(WorkVersion(date, None, dict(state.title), tuple(state.parts), dict(state.front),
                                         all_refs))
    return Consolidation(
        versions={number: tuple(v) for number, v in versions.items()},
        order=tuple(n for n in state.order if n in versions),
        work_versions=tuple(work_versions),
        applications=tuple(applications),
        errors=tuple(errors),
    )


_TITLE_PATTERNS = {"en": re.compile(r"cited as the (?P<title>.+? Act \d{4})"),
                   "ms": re.compile(r"dinamakan (?P<title>Akta .+? \d{4})")}


def _title_from_section_1(state: _State) -> dict[str, str] | None:
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


def _snapshot(work_id: str, section: _SectionState, date: dt.date, change: str,
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
        history={eid: tuple(refs) for eid, refs in section.history.items()}, text_status=status,
        source=dict(section.source), notes=notes, editor_note=section.editor_note,
    )


# --- applying one instruction ---------------------------------------------------------------------

def _fail(instruction: Instruction, message: str, hint: str = "", lang: str | None = None) -> AmendmentError:
    """An error on the instruction's line, or on the line of its words in `lang` when given."""
    line = (instruction.payload.get(lang) or {}).get("__line__") if lang else None
    return AmendmentError(instruction.path, line or instruction.line,
                          f"{instruction.citation} ({instruction.op} {instruction.target or ''}): {message}".replace(" )", ")"),
                          hint)


def _apply(state: _State, act: AmendingAct, instruction: Instruction):
    op = instruction.op
    changed_langs: list[str] = []
    outcome: dict[str, str] = {}

    def ref(note: str = "") -> AmendmentRef:
        return AmendmentRef(act=act.id, act_number=act.number, provision=instruction.provision,
                            in_force=act.in_force_from, op=op, target=instruction.target or instruction.after,
                            langs=tuple(changed_langs),
                            note=note or " ".join(x for x in (instruction.note, instruction.conflict) if x))

    if op == "insert_part":
        return _insert_part(state, instruction, outcome, changed_langs, ref)
    if op == "substitute_long_title":
        for lang in LANGS:
            text = _payload_text(instruction, lang, "text")
            node = find(state.front[lang], "longtitle")
            if text is None:
                if instruction.lang:
                    outcome[lang] = "unchanged"
                    continue
                text = NOT_AVAILABLE
                outcome[lang] = "not available"
            else:
                outcome[lang] = "applied"
            changed_langs.append(lang)
            state.front[lang] = transform(state.front[lang], "longtitle", lambda n: [replace(n, text=text.strip())])
            assert node is not None
        return ref(), [], "amended", outcome
    if op == "insert_section":
        return _insert_section(state, instruction, outcome, changed_langs, ref)

    target = instruction.target or ""
    if target.startswith("part_"):
        return _amend_part_heading(state, instruction, outcome, changed_langs, ref)
    if target in ("longtitle", "enacting"):
        raise _fail(instruction, "use substitute_long_title to change the long title")
    number = ids.section_of_eid(target) if target else None
    if op == "insert_provision":
        anchor = instruction.after or instruction.into or ""
        number = ids.section_of_eid(anchor)
    if number is None or number not in state.sections:
        raise _fail(instruction, f"section {number} does not exist on {act.in_force_from}",
                    "check the target id against the Act as it stood just before this amending Act")
    section = state.sections[number]
    change_kind = "amended"
    touched_eids: list[str] = []
    if op in WORD_OPS:
        touched_eids = _words(section, instruction, outcome, changed_langs)
    elif op == "insert_provision":
        touched_eids = _insert_provision(section, instruction, outcome, changed_langs)
    elif op == "substitute_provision":
        touched_eids = _substitute_provision(section, instruction, outcome, changed_langs)
    elif op == "delete_provision":
        touched_eids = _delete_provision(section, instruction, outcome, changed_langs)
    elif op == "renumber":
        touched_eids = _renumber(section, instruction, outcome, changed_langs)
    elif op == "substitute_section":
        touched_eids = _substitute_section(section, instruction, outcome, changed_langs)
        change_kind = "substituted"
    else:  # pragma: no cover - load.py rejects unknown ops
        raise _fail(instruction, f"unknown op {op}")
    amendment = ref()
    for eid in touched_eids or [target]:
        section.history.setdefault(eid, []).append(amendment)
    return amendment, [number], change_kind, outcome


def _payload(instruction: Instruction, lang: str) -> Mapping | None:
    if instruction.lang and lang != instruction.lang:
        return None
    return instruction.payload.get(lang)


def _payload_text(instruction: Instruction, lang: str, key: str) -> str | None:
    payload = _payload(instruction, lang)
    if payload is None:
        return None
    value = payload.get(key)
    return value if isinstance(value, str) else None


def _missing_langs(instruction: Instruction) -> list[str]:
    """Languages for which the instruction changes the text but no source gives the words."""
    if instruction.lang:
        return []
    return [lang for lang in LANGS if lang not in instruction.payload]


def _words(section: _SectionState, instruction: Instruction, outcome: dict, changed_langs: list) -> list[str]:
    target = instruction.target or ""
    changed_slots: set[Slot] = set()
    if instruction.field == "heading":
        if target != section_eid(section):
            raise _fail(instruction, "field: heading applies to a section or a Part", "target the section, e.g. sec_14")
    for lang in LANGS:
        payload = _payload(instruction, lang)
        if payload is None:
            continue
        if instruction.field == "heading":
            heading = section.heading.get(lang, "")
            if not is_available(heading):
                outcome[lang] = "not applied: heading not available in this language"
                continue
            new = _edit_words(heading, payload, instruction, lang, where=f"the {lang} heading of s {section.number}")
            section.heading[lang] = new
            changed_slots.add((target, "heading"))
            changed_langs.append(lang)
            outcome[lang] = "applied"
            continue
        root = section.body[lang]
        node = find(root, target)
        if node is None:
            raise _fail(instruction, f"target {target} does not exist in the {lang} text",
                        "check the id against the text as it stood just before this amending Act")
        try:
            result = _edit_tree(node, payload, instruction, lang)
        except AmendmentError:
            if not instruction.conflict:
                raise
            outcome[lang] = "not applied: the sources conflict (see the note)"
            section.status[lang] = "disputed"
            continue
        if result is None:
            outcome[lang] = "not applied: the words fall in text not available in this language"
            section.body[lang] = root
            continue
        new_node, slots_changed = result
        section.body[lang] = transform(root, target, lambda _: [new_node])
        changed_slots |= slots_changed
        changed_langs.append(lang)
        outcome[lang] = "applied"
    for lang in _missing_langs(instruction):
        if instruction.field == "heading":
            section.heading[lang] = NOT_AVAILABLE
            outcome[lang] = "not available"
            changed_langs.append(lang)
            continue
        _blank_slots(section, lang, target, changed_slots)
        outcome[lang] = "not available"
        changed_langs.append(lang)
    return sorted({eid for eid, _ in changed_slots}) or [target]


def section_eid(section: _SectionState) -> str:
    return str(ids.ProvisionId.section(section.number))


def _blank_slots(section: _SectionState, lang: str, target: str, changed: set[Slot]) -> None:
    """Mark as not available, in `lang`, the slots the other language's words changed (all of the target if none)."""
    heading_only = any(field == "heading" for _, field in changed) and all(f == "heading" for _, f in changed)
    if any(field == "heading" for _, field in changed):
        section.heading[lang] = NOT_AVAILABLE
    if heading_only:
        return
    text_slots = {slot for slot in changed if slot[1] != "heading"}
    root = section.body[lang]
    if not text_slots:
        node = find(root, target)
        if node is not None:
            text_slots = {slot for slot, words in slots(node) if words or slot[1] == "wrapup"}
    for slot in text_slots:
        if find(root, slot[0]) is not None:
            root = set_slot(root, slot, NOT_AVAILABLE)
    section.body[lang] = root


def _edit_words(words: str, payload: Mapping, instruction: Instruction, lang: str, where: str) -> str:
    op = instruction.op
    occurrence = payload.get("occurrence", instruction.occurrence)
    if op == "substitute_words" and payload.get("at") == "end":
        old = payload["old"]
        stripped = words.rstrip()
        if not stripped.endswith(old):
            raise _fail(instruction, f"{where} does not end with {old!r}",
                        f"it ends with {stripped[-20:]!r}; check the target")
        return stripped[: -len(old)] + payload["new"]
    needle = payload.get("old") if op != "insert_words" else (payload.get("after") or payload.get("before"))
    pattern = words_pattern(needle)
    matches = list(pattern.finditer(words))
    chosen = _choose(matches, occurrence, instruction, lang, needle, where)
    for match in sorted(chosen, key=lambda m: m.start(), reverse=True):
        words = _replace_match(words, match, payload, op)
    return words


def _choose(matches, occurrence, instruction, lang, needle, where):
    if not matches:
        raise _fail(instruction, f"words {needle!r} not found in {where} ({lang})",
                    "copy the words exactly as the text reads just before this amendment, quotes, dashes and spaces "
                    "included", lang)
    if occurrence == "all":
        return matches
    if isinstance(occurrence, int):
        if occurrence > len(matches):
            raise _fail(instruction, f"occurrence {occurrence} of {needle!r} asked for, found {len(matches)} in {where} ({lang})",
                        "", lang)
        return [matches[occurrence - 1]]
    if len(matches) > 1:
        raise _fail(instruction, f"words {needle!r} found {len(matches)} times in {where} ({lang}), once was meant",
                    "narrow the target to the provision that holds the words, or add occurrence: <n> or all", lang)
    return matches


def _replace_match(words: str, match, payload: Mapping, op: str) -> str:
    start, end = match.start(), match.end()
    if op == "substitute_words":
        return words[:start] + payload["new"] + words[end:]
    if op == "delete_words":
        before, after = words[:start], words[end:]
        if before.endswith(" ") and (after.startswith(" ") or after[:1] in ",;:." or not after):
            before = before[:-1]
        elif after.startswith(" ") and not before:
            after = after[1:]
        return before + after
    insert = payload["words"]
    if payload.get("after") is not None:
        joiner = "" if insert[:1] in ",;:.)" else " "
        return words[:end] + joiner + insert + words[end:]
    joiner = "" if insert[-1:] in "(“" else " "
    return words[:start] + insert + joiner + words[start:]


def _edit_tree(node: Provision, payload: Mapping, instruction: Instruction, lang: str):
    """Apply a words op to everything under `node`. None when the words can only be in unavailable text."""
    where = f"{instruction.target}"
    all_slots = list(slots(node))
    available = [(slot, words) for slot, words in all_slots if is_available(words)]
    unavailable = any(not is_available(words) for _, words in all_slots)
    if instruction.op == "substitute_words" and payload.get("at") == "end":
        candidates = [(slot, words) for slot, words in all_slots if words]
        if not candidates:
            raise _fail(instruction, f"{where} has no text ({lang})")
        slot, words = candidates[-1]
        if not is_available(words):
            return None
        new = _edit_words(words, payload, instruction, lang, where)
        return _set(node, slot, new), {slot}
    op = instruction.op
    needle = payload.get("old") if op != "insert_words" else (payload.get("after") or payload.get("before"))
    pattern = words_pattern(needle)
    found = [(slot, words, match) for slot, words in available for match in pattern.finditer(words)]
    if not found and unavailable:
        return None
    occurrence = payload.get("occurrence", instruction.occurrence)
    chosen = _choose([m for _, _, m in found], occurrence, instruction, lang, needle, where)
    chosen_ids = {id(m) for m in chosen}
    by_slot: dict[Slot, list] = {}
    for slot, words, match in found:
        if id(match) in chosen_ids:
            by_slot.setdefault(slot, []).append(match)
    texts = dict(available)
    for slot, matches in by_slot.items():
        words = texts[slot]
        for match in sorted(matches, key=lambda m: m.start(), reverse=True):
            words = _replace_match(words, match, payload, op)
        node = _set(node, slot, words)
    return node, set(by_slot)


def _set(node: Provision, slot: Slot, words: str) -> Provision:
    return set_slot(node, slot, words)


def _parse_items(text: str, parent: Provision, instruction: Instruction, lang: str) -> list[Provision]:
    line = (instruction.payload.get(lang) or {}).get("__line__", instruction.line) or 1
    try:
        tree = parse_body(text, root_eid=parent.eid, root_kind=parent.kind, root_num=parent.num,
                          path=instruction.path, first_line=line)
    except InputError as exc:
        raise _fail(instruction, f"new text ({lang}) is not in the body format: {exc.message}", exc.hint) from None
    if tree.text or tree.wrapup:
        raise _fail(instruction, f"new text ({lang}) has words outside any list item",
                    "inserted provisions are list items: - (1a) …")
    return list(tree.children)


def _structure(nodes: list[Provision]) -> list:
    return [(n.eid, n.kind, n.num, _structure(list(n.children)), n.wrapup is not None) for n in nodes]


def _insert_provision(section: _SectionState, instruction: Instruction, outcome: dict, changed_langs: list) -> list[str]:
    anchor = instruction.after or instruction.into or ""
    new_by_lang: dict[str, list[Provision]] = {}
    for lang in LANGS:
        root = section.body[lang]
        if instruction.after:
            parent = parent_of(root, anchor)
            if find(root, anchor) is None or parent is None:
                raise _fail(instruction, f"provision {anchor} to insert after does not exist ({lang})")
        else:
            parent = find(root, anchor)
            if parent is None:
                raise _fail(instruction, f"provision {anchor} to insert into does not exist ({lang})")
        text = _payload_text(instruction, lang, "text")
        if text is None:
            continue
        new = _parse_items(text, parent, instruction, lang)
        existing = {child.eid for child in parent.children}
        for node in new:
            if node.eid in existing:
                raise _fail(instruction, f"provision {node.eid} already exists ({lang})",
                            "an inserted provision needs a number not yet used at its level")
        new_by_lang[lang] = new
    def place(root: Provision, new: list[Provision]) -> Provision:
        if instruction.after:
            return insert_children(root, parent_of(root, anchor).eid, new, after=anchor)
        return insert_children(root, anchor, new, after=None)

    return _put_new_nodes(section, instruction, new_by_lang, place, outcome, changed_langs)


def _check_aligned(new_by_lang: dict[str, list[Provision]], instruction: Instruction) -> None:
    shapes = {lang: _structure(nodes) for lang, nodes in new_by_lang.items()}
    if len(shapes) == 2 and shapes["en"] != shapes["ms"]:
        raise _fail(instruction, "the English and Malay new texts do not have the same provisions",
                    "both languages must list the same numbers and nesting")


def _substitute_provision(section: _SectionState, instruction: Instruction, outcome: dict, changed_langs: list) -> list[str]:
    target = instruction.target or ""
    new_by_lang: dict[str, list[Provision]] = {}
    for lang in LANGS:
        root = section.body[lang]
        if find(root, target) is None:
            raise _fail(instruction, f"target {target} does not exist ({lang})")
        text = _payload_text(instruction, lang, "text")
        if text is None:
            continue
        parent = parent_of(root, target)
        new = _parse_items(text, parent, instruction, lang)
        if not new:
            raise _fail(instruction, f"new text ({lang}) is empty")
        siblings = {child.eid for child in parent.children if child.eid != target}
        for node in new:
            if node.eid in siblings:
                raise _fail(instruction, f"new text ({lang}) brings {node.eid}, which already exists beside {target}")
        new_by_lang[lang] = new
    return _put_new_nodes(section, instruction, new_by_lang,
                          lambda root, new: transform(root, target, lambda _: list(new)), outcome, changed_langs)


def _put_new_nodes(section: _SectionState, instruction: Instruction, new_by_lang: dict[str, list[Provision]],
                   place, outcome: dict, changed_langs: list) -> list[str]:
    """Put new provisions into each language text (`place(root, nodes) -> root`). A language without
    words gets the same provisions with text not available, unless the instruction is for one language."""
    _check_aligned(new_by_lang, instruction)
    reference = next(iter(new_by_lang.values()), None)
    if reference is None:
        raise _fail(instruction, "no language gives the new text")
    for lang in LANGS:
        if lang in new_by_lang:
            new, state = new_by_lang[lang], "applied"
        elif instruction.lang:
            outcome[lang] = "unchanged"
            continue
        else:
            new, state = [blank(node) for node in reference], "not available"
        section.body[lang] = place(section.body[lang], new)
        outcome[lang] = state
        changed_langs.append(lang)
    return [node.eid for node in reference]


def _delete_provision(section: _SectionState, instruction: Instruction, outcome: dict, changed_langs: list) -> list[str]:
    target = instruction.target or ""
    parent_eid = None
    for lang in LANGS:
        root = section.body[lang]
        if find(root, target) is None:
            raise _fail(instruction, f"target {target} does not exist ({lang})")
        parent_eid = parent_of(root, target).eid
    for lang in LANGS:
        section.body[lang] = transform(section.body[lang], target, lambda _: [])
        outcome[lang] = "applied"
        changed_langs.append(lang)
    return [parent_eid or target]


def _renumber(section: _SectionState, instruction: Instruction, outcome: dict, changed_langs: list) -> list[str]:
    target = instruction.target or ""
    if target != section_eid(section):
        raise _fail(instruction, "renumber applies to a whole section", f"target {section_eid(section)}")
    num = instruction.num or "(1)"
    bare = num.strip("()")
    new_eid = str(ids.ProvisionId(target).child("subsec", bare))
    for lang in LANGS:
        root = section.body[lang]
        if any(child.kind == "subsec" for child in root.children):
            raise _fail(instruction, f"s {section.number} already has subsections ({lang})")
        children = rebase_children(list(root.children), target + "__", new_eid + "__")
        subsection = Provision(eid=new_eid, kind="subsec", num=num, text=root.text, children=tuple(children),
                               wrapup=root.wrapup)
        section.body[lang] = replace(root, text="", children=(subsection,), wrapup=None)
        outcome[lang] = "applied"
        changed_langs.append(lang)
    section.history = {
        (new_eid + eid[len(target):] if eid.startswith(target + "__") else eid): refs
        for eid, refs in section.history.items()
    }
    return [new_eid]


def _section_body(instruction: Instruction, number: str, lang: str) -> tuple[str, Provision] | None:
    payload = _payload(instruction, lang)
    if payload is None:
        return None
    heading = (payload.get("heading") or "").strip()
    line = payload.get("__line__", instruction.line) or 1
    try:
        body = parse_body(payload.get("text", ""), root_eid=str(ids.ProvisionId.section(number)),
                          root_kind="section", root_num=number, path=instruction.path, first_line=line)
    except InputError as exc:
        raise _fail(instruction, f"new section text ({lang}) is not in the body format: {exc.message}", exc.hint) from None
    return heading, body


def _fill_section(section: _SectionState, instruction: Instruction, number: str, outcome: dict,
                  changed_langs: list) -> list[str]:
    bodies = {lang: result for lang in LANGS if (result := _section_body(instruction, number, lang))}
    if not bodies:
        raise _fail(instruction, "no language gives the new section's text")
    if len(bodies) == 2 and _structure([bodies["en"][1]]) != _structure([bodies["ms"][1]]):
        raise _fail(instruction, "the English and Malay texts of the section do not have the same provisions",
                    "both languages must list the same numbers and nesting")
    reference = next(iter(bodies.values()))[1]
    for lang in LANGS:
        if lang in bodies:
            heading, body = bodies[lang]
            section.heading[lang] = heading or NOT_AVAILABLE
            section.body[lang] = body
            outcome[lang] = "applied"
        elif instruction.lang:
            outcome[lang] = "unchanged"
            continue
        else:
            section.heading[lang] = NOT_AVAILABLE
            section.body[lang] = blank(reference)
            outcome[lang] = "not available"
        changed_langs.append(lang)
    for lang in LANGS:
        if lang not in section.status:
            section.status[lang] = "verbatim"
    return [str(ids.ProvisionId.section(number))]


def _substitute_section(section: _SectionState, instruction: Instruction, outcome: dict, changed_langs: list) -> list[str]:
    if instruction.target != section_eid(section):
        raise _fail(instruction, "substitute_section targets a whole section", f"target {section_eid(section)}")
    section.status = {lang: "verbatim" for lang in LANGS}
    section.source = _act_source(instruction)
    section.editor_note = ""
    return _fill_section(section, instruction, section.number, outcome, changed_langs)


def _act_source(instruction: Instruction) -> dict[str, SourceRef]:
    locator = ids.format_amending_provision(instruction.act, instruction.provision)
    source = {lang: SourceRef(ref=instruction.act, locator=locator) for lang in LANGS if lang in instruction.payload}
    if instruction.en_source and "en" in instruction.payload:
        source["en"] = instruction.en_source
    return source


def _insert_section(state: _State, instruction: Instruction, outcome: dict, changed_langs: list, ref):
    number = instruction.section or ""
    if number in state.sections:
        raise _fail(instruction, f"section {number} already exists", "an inserted section needs a new number")
    after = instruction.after or ""
    after_number = ids.section_of_eid(after) if after.startswith("sec_") else None
    if after_number not in state.sections:
        raise _fail(instruction, f"section {after_number} to insert after does not exist")
    part_number = instruction.part or ""
    part_index = next((i for i, p in enumerate(state.parts) if p.number == part_number), None)
    if part_index is None:
        raise _fail(instruction, f"Part {part_number} does not exist", "insert the Part first (insert_part)")
    section = _SectionState(number=number, part=part_number, heading={}, body={}, status={},
                            source=_act_source(instruction), editor_note="", inserted=True)
    _fill_section(section, instruction, number, outcome, changed_langs)
    state.sections[number] = section
    state.order.insert(state.order.index(after_number) + 1, number)
    part = state.parts[part_index]
    members = list(part.sections)
    position = members.index(after_number) + 1 if after_number in members else 0
    members.insert(position, number)
    state.parts[part_index] = replace(part, sections=tuple(members))
    amendment = ref()
    section.history.setdefault(str(ids.ProvisionId.section(number)), []).append(amendment)
    return amendment, [number], "inserted", outcome


def _insert_part(state: _State, instruction: Instruction, outcome: dict, changed_langs: list, ref):
    number = instruction.part or ""
    if any(p.number == number for p in state.parts):
        raise _fail(instruction, f"Part {number} already exists")
    after = (instruction.after or "").removeprefix("part_")
    index = next((i for i, p in enumerate(state.parts) if p.number == after), None)
    if index is None:
        raise _fail(instruction, f"Part {after} to insert after does not exist")
    heading = {}
    for lang in LANGS:
        text = _payload_text(instruction, lang, "heading")
        if text is None and not instruction.lang:
            heading[lang] = NOT_AVAILABLE
            outcome[lang] = "not available"
        else:
            heading[lang] = (text or "").strip()
            outcome[lang] = "applied"
        changed_langs.append(lang)
    state.parts.insert(index + 1, Part(number=number, heading=heading, sections=()))
    return ref(), [], "inserted", outcome


def _amend_part_heading(state: _State, instruction: Instruction, outcome: dict, changed_langs: list, ref):
    number = (instruction.target or "").removeprefix("part_")
    index = next((i for i, p in enumerate(state.parts) if p.number == number), None)
    if index is None:
        raise _fail(instruction, f"Part {number} does not exist")
    if instruction.op not in WORD_OPS or instruction.field != "heading":
        raise _fail(instruction, "a Part can only have its heading amended here (field: heading)")
    part = state.parts[index]
    heading = dict(part.heading)
    for lang in LANGS:
        payload = _payload(instruction, lang)
        if payload is None:
            if not instruction.lang:
                heading[lang] = NOT_AVAILABLE
                outcome[lang] = "not available"
                changed_langs.append(lang)
            continue
        if not is_available(heading.get(lang)):
            outcome[lang] = "not applied: heading not available in this language"
            continue
        heading[lang] = _edit_words(heading[lang], payload, instruction, lang, where=f"the heading of Part {number}")
        outcome[lang] = "applied"
        changed_langs.append(lang)
    state.parts[index] = replace(part, heading=heading)
    return ref(), [], "amended", outcome
