"""Provision operations: insert, substitute or delete provisions inside a section; renumber a section."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from atipsom.domain.amend.operation import Operation
from atipsom.domain.amend.payloads import TextPayload
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
from atipsom.domain.amend.tiering import with_tier
from atipsom.domain.body import parse_body
from atipsom.domain.errors import InputError
from atipsom.domain.model import LANGS, Instruction, Provision
from atipsom.domain.tree import blank, find, insert_children, parent_of, rebase_children, transform
from atipsom.refs import ids


def text_of(instruction: Instruction, lang: str) -> tuple[str, int | None] | None:
    """The new text the instruction gives for `lang`, with its line (None when it gives none)."""
    payload = payload_for(instruction, lang)
    if not isinstance(payload, TextPayload):
        return None
    return payload.text, payload.line


def parse_items(text: str, line: int | None, parent: Provision, instruction: Instruction, lang: str) -> list[Provision]:
    try:
        tree = parse_body(text, root_eid=parent.eid, root_kind=parent.kind, root_num=parent.num,
                          path=instruction.path, first_line=line or instruction.line or 1)
    except InputError as exc:
        raise fail(instruction, f"new text ({lang}) is not in the body format: {exc.message}", exc.hint) from None
    if tree.text or tree.wrapup:
        raise fail(instruction, f"new text ({lang}) has words outside any list item",
                   "inserted provisions are list items: - (1a) …")
    own = verbatim_part(instruction, lang)
    verbatim = _parse_quietly(own.text, parent) if isinstance(own, TextPayload) else None
    return [with_tier(child, tier_for(instruction, lang), verbatim) for child in tree.children]


def _parse_quietly(text: str, parent: Provision) -> Provision | None:
    """The source's own (partial) words as a tree, to tell them from the words that complete them."""
    try:
        return parse_body(text, root_eid=parent.eid, root_kind=parent.kind, root_num=parent.num)
    except InputError:
        return None


def structure(nodes: list[Provision]) -> list[Any]:
    return [(n.eid, n.kind, n.num, structure(list(n.children)), n.wrapup is not None) for n in nodes]


def insert_provision(state: State, instruction: Instruction) -> Effect:
    anchor = instruction.after or instruction.into or ""
    section = section_of(state, instruction, anchor)
    new_by_lang: dict[str, list[Provision]] = {}
    for lang in LANGS:
        root = section.body[lang]
        if instruction.after:
            parent = parent_of(root, anchor)
            if find(root, anchor) is None or parent is None:
                raise fail(instruction, f"provision {anchor} to insert after does not exist ({lang})")
        else:
            parent = find(root, anchor)
            if parent is None:
                raise fail(instruction, f"provision {anchor} to insert into does not exist ({lang})")
        given = text_of(instruction, lang)
        if given is None:
            continue
        new = parse_items(*given, parent, instruction, lang)
        existing = {child.eid for child in parent.children}
        for node in new:
            if node.eid in existing:
                raise fail(instruction, f"provision {node.eid} already exists ({lang})",
                           "an inserted provision needs a number not yet used at its level")
        new_by_lang[lang] = new

    def place(root: Provision, new: list[Provision]) -> Provision:
        if instruction.after:
            parent = parent_of(root, anchor)
            assert parent is not None
            return insert_children(root, parent.eid, new, after=anchor)
        return insert_children(root, anchor, new, after=None)

    return _put_new_nodes(section, instruction, new_by_lang, place)


def substitute_provision(state: State, instruction: Instruction) -> Effect:
    target = instruction.target or ""
    section = section_of(state, instruction, target)
    new_by_lang: dict[str, list[Provision]] = {}
    for lang in LANGS:
        root = section.body[lang]
        if find(root, target) is None:
            raise fail(instruction, f"target {target} does not exist ({lang})")
        given = text_of(instruction, lang)
        if given is None:
            continue
        parent = parent_of(root, target)
        assert parent is not None
        new = parse_items(*given, parent, instruction, lang)
        if not new:
            raise fail(instruction, f"new text ({lang}) is empty")
        siblings = {child.eid for child in parent.children if child.eid != target}
        for node in new:
            if node.eid in siblings:
                raise fail(instruction, f"new text ({lang}) brings {node.eid}, which already exists beside {target}")
        new_by_lang[lang] = new
    return _put_new_nodes(section, instruction, new_by_lang,
                          lambda root, new: transform(root, target, lambda _: list(new)))


def check_aligned(shapes: dict[str, list[Any]], instruction: Instruction, message: str) -> None:
    if len(shapes) == 2 and shapes["en"] != shapes["ms"]:
        raise fail(instruction, message, "both languages must list the same numbers and nesting")


def _put_new_nodes(section: SectionState, instruction: Instruction, new_by_lang: dict[str, list[Provision]],
                   place: Callable[[Provision, list[Provision]], Provision]) -> Effect:
    """Put new provisions into each language text. A language without words gets the same provisions
    with text not available, unless the instruction is for one language."""
    check_aligned({lang: structure(nodes) for lang, nodes in new_by_lang.items()}, instruction,
                  "the English and Malay new texts do not have the same provisions")
    reference = next(iter(new_by_lang.values()), None)
    if reference is None:
        raise fail(instruction, "no language gives the new text")
    body = dict(section.body)
    outcome: dict[str, str] = {}
    langs: list[str] = []
    for lang in LANGS:
        if lang in new_by_lang:
            new, result = new_by_lang[lang], "applied"
        elif instruction.lang:
            outcome[lang] = "unchanged"
            continue
        else:
            new, result = [blank(node) for node in reference], "not available"
        body[lang] = place(body[lang], new)
        outcome[lang] = result
        langs.append(lang)
    return Effect(outcome=outcome, langs=tuple(langs), section=replace(section, body=body),
                  touched=tuple(node.eid for node in reference))


#: What Malaysian reprints print in place of a deleted provision, which keeps its place and number.
DELETED = {"en": "(Deleted by Act {act})", "ms": "(Dipotong oleh Akta {act})"}


def is_placeholder(text: object) -> bool:
    """True for the words a deleted provision keeps: "(Deleted by Act A1644)" / "(Dipotong oleh Akta A1644)"."""
    return isinstance(text, str) and _PLACEHOLDER.fullmatch(text) is not None


_PLACEHOLDER = re.compile(r"\((?:Deleted by Act|Dipotong oleh Akta) A\d+\)")


def placeholder(node: Provision, act_number: str, lang: str) -> list[Provision]:
    """A deleted provision as later versions show it: its number and anchor with the reprint's placeholder.
    An unnumbered provision (a definition) simply goes, as in the reprints."""
    if node.num is None:
        return []
    return [replace(node, text=DELETED[lang].format(act=act_number), children=(), wrapup=None, tier="verbatim")]


def _deleted(act_number: str, lang: str) -> Callable[[Provision], list[Provision]]:
    return lambda node: placeholder(node, act_number, lang)


def delete_provision(state: State, instruction: Instruction) -> Effect:
    target = instruction.target or ""
    section = section_of(state, instruction, target)
    parent_eid = None
    for lang in LANGS:
        root = section.body[lang]
        parent = parent_of(root, target)
        if find(root, target) is None or parent is None:
            raise fail(instruction, f"target {target} does not exist ({lang})")
        parent_eid = parent.eid
    act_number = instruction.act.removeprefix("act-").upper()
    body = {lang: transform(section.body[lang], target, _deleted(act_number, lang)) for lang in LANGS}
    return Effect(outcome={lang: "applied" for lang in LANGS}, langs=LANGS,
                  section=replace(section, body={**section.body, **body}), touched=(parent_eid or target,))


def renumber(state: State, instruction: Instruction) -> Effect:
    target = instruction.target or ""
    section = section_of(state, instruction, target)
    if target != section.eid:
        raise fail(instruction, "renumber applies to a whole section", f"target {section.eid}")
    num = instruction.num or "(1)"
    new_eid = str(ids.ProvisionId(target).child("subsec", num.strip("()")))
    body = dict(section.body)
    for lang in LANGS:
        root = section.body[lang]
        if any(child.kind == "subsec" for child in root.children):
            raise fail(instruction, f"s {section.number} already has subsections ({lang})")
        children = rebase_children(list(root.children), target + "__", new_eid + "__")
        subsection = Provision(eid=new_eid, kind="subsec", num=num, text=root.text, children=tuple(children),
                               wrapup=root.wrapup)
        body[lang] = replace(root, text="", children=(subsection,), wrapup=None)
    history = {(new_eid + eid[len(target):] if eid.startswith(target + "__") else eid): refs
               for eid, refs in section.history.items()}
    return Effect(outcome={lang: "applied" for lang in LANGS}, langs=LANGS,
                  section=replace(section, body=body, history=history,
                                  renamed=renamed_after(section, target + "__", new_eid + "__")),
                  touched=(new_eid,))


def renamed_after(section: SectionState, old_prefix: str, new_prefix: str) -> dict[str, str]:
    """The section's map of old eIds to current ones once every provision under `old_prefix` moves under
    `new_prefix` (s 3(a) -> s 3(1)(a)): earlier renamings follow the move, so an old anchor reaches its
    provision however many times it was renumbered."""
    def moved(eid: str) -> str:
        return new_prefix + eid[len(old_prefix):] if eid.startswith(old_prefix) else eid

    renamed = {old: moved(new) for old, new in section.renamed.items()}
    for root in section.body.values():
        for provision in root.walk():
            if provision.eid.startswith(old_prefix):
                renamed[provision.eid] = moved(provision.eid)
    return renamed


OPERATIONS = (
    Operation("insert_provision", False, ("after", "into"), TextPayload, ("text",), insert_provision,
              {"en": "inserts a provision after", "ms": "memasukkan peruntukan selepas"}),
    Operation("substitute_provision", True, (), TextPayload, ("text",), substitute_provision,
              {"en": "substitutes", "ms": "menggantikan"}),
    Operation("delete_provision", True, (), None, (), delete_provision, {"en": "deletes", "ms": "memotong"},
              needs_words=False),
    Operation("renumber", True, ("num",), None, (), renumber, {"en": "renumbers", "ms": "menomborkan semula"},
              needs_words=False),
)
