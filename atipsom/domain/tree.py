"""Pure operations on provision trees: find, replace, insert, delete, and the text slots inside them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from atipsom.domain.model import MISSING, Missing, Provision, Text

#: A place where words live: (eid, "text" | "wrapup").
Slot = tuple[str, str]


def find(root: Provision, eid: str) -> Provision | None:
    return root.find(eid)


def parent_of(root: Provision, eid: str) -> Provision | None:
    for node in root.walk():
        if any(child.eid == eid for child in node.children):
            return node
    return None


def transform(root: Provision, eid: str, fn: Callable[[Provision], list[Provision]]) -> Provision:
    """Replace the node `eid` by the nodes `fn(node)` returns (none to delete it, several to add siblings)."""
    if root.eid == eid:
        result = fn(root)
        if len(result) != 1:
            raise ValueError("the root of a tree can only be replaced by one node")
        return result[0]

    def visit(node: Provision) -> Provision:
        children: list[Provision] = []
        changed = False
        for child in node.children:
            if child.eid == eid:
                children.extend(fn(child))
                changed = True
            else:
                new_child = visit(child)
                changed = changed or new_child is not child
                children.append(new_child)
        return replace(node, children=tuple(children)) if changed else node

    return visit(root)


def insert_children(root: Provision, parent_eid: str, new: list[Provision], *, after: str | None) -> Provision:
    """Insert `new` under `parent_eid`, after the child `after` (or first when `after` is None)."""

    def add(parent: Provision) -> list[Provision]:
        children = list(parent.children)
        position = 0
        if after is not None:
            position = next(i for i, child in enumerate(children) if child.eid == after) + 1
        children[position:position] = new
        return [replace(parent, children=tuple(children))]

    return transform(root, parent_eid, add)


def slots(node: Provision) -> Iterator[tuple[Slot, Text]]:
    """Every (slot, words) under `node`, in reading order."""
    yield (node.eid, "text"), node.text
    for child in node.children:
        yield from slots(child)
    if node.wrapup is not None:
        yield (node.eid, "wrapup"), node.wrapup


def set_slot(root: Provision, slot: Slot, words: Text) -> Provision:
    eid, field = slot

    def change(node: Provision) -> list[Provision]:
        return [replace(node, text=words) if field == "text" else replace(node, wrapup=words)]

    return transform(root, eid, change)


def blank(node: Provision) -> Provision:
    """The same structure with every text not available (for a language no source gives)."""
    return replace(
        node,
        text=MISSING if node.text or node.kind != "section" else "",
        wrapup=MISSING if node.wrapup is not None else None,
        children=tuple(blank(child) for child in node.children),
    )


def words_pattern(words: str) -> re.Pattern[str]:
    """Match `words` as whole words: 'two' does not match inside 'twenty-two' or 'two-thirds'."""
    start = r"(?<![\w\-])" if words[:1].isalnum() else ""
    end = r"(?![\w\-])" if words[-1:].isalnum() else ""
    return re.compile(start + re.escape(words) + end)


def available_slots(node: Provision) -> list[tuple[Slot, str]]:
    return [(slot, words) for slot, words in slots(node) if isinstance(words, str)]


def has_unavailable(node: Provision) -> bool:
    return any(isinstance(words, Missing) for _, words in slots(node))


def rebase_children(nodes: list[Provision], old_prefix: str, new_prefix: str) -> list[Provision]:
    def move(node: Provision) -> Provision:
        eid = new_prefix + node.eid[len(old_prefix):] if node.eid.startswith(old_prefix) else node.eid
        return replace(node, eid=eid, children=tuple(move(c) for c in node.children))

    return [move(node) for node in nodes]
