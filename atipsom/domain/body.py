"""The body format of law text: parse it into a provision tree and write it back.

    A trafficked person shall not be liable to criminal prosecution in respect of—

    - (a) his illegal entry into the receiving country;
    - (b) his unlawful presence in Malaysia; …
      - (i) a subparagraph, two spaces deeper

      words after the subparagraphs that belong to (b)

    words after the list that belong to the section

Definitions carry their id: ``- {#def_child} “child” means …``. One provision per line.
See statutes/README.md for the full description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from atipsom.domain.errors import InputError
from atipsom.domain.model import Provision
from atipsom.domain.text import read_text as read_text
from atipsom.domain.text import written as written
from atipsom.refs import ids

LANG_HEADINGS = {"English": "en", "Bahasa Malaysia": "ms"}
HEADING_FOR_LANG = {lang: heading for heading, lang in LANG_HEADINGS.items()}

_ITEM_RE = re.compile(r"^(?P<indent> *)- (?P<rest>.*)$")
_ID_RE = re.compile(r"^\{#(?P<id>[A-Za-z][A-Za-z0-9_\-]*)\}\s*")
_NUM_RE = re.compile(r"^\((?P<num>[0-9]{1,3}[A-Za-z]{0,2}|[A-Za-z]{1,5})\)\s+")
_PROVISO_RE = re.compile(r"^(Provided that|Provided further that|Dengan syarat)\b")
_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@dataclass
class _Node:
    segment: str
    kind: str
    num: str | None
    text: str
    line: int
    children: list[_Node] = field(default_factory=list)
    wrapup: str | None = None


def child_kind(parent_kind: str, number: str) -> str:
    """What a numbered item is, from what it sits under: '(1)' under a section is a subsection."""
    if parent_kind == "section":
        return "subsec" if number[0].isdigit() else "para"
    if parent_kind in ("subsec", "def"):
        return "para"
    if parent_kind == "para":
        return "subpara"
    if parent_kind == "subpara":
        return "item"
    raise ValueError(f"a numbered provision cannot sit under a {parent_kind}")


def parse_body(
    text: str,
    *,
    root_eid: str,
    root_kind: str = "section",
    root_num: str | None = None,
    path: str = "<text>",
    first_line: int = 1,
) -> Provision:
    """Parse one language's law text into a tree rooted at `root_eid`.

    Raises InputError naming the line for anything that is not the body format.
    """
    root = _Node(segment="", kind=root_kind, num=root_num, text="", line=first_line)
    stack: list[tuple[int, _Node]] = []  # (indent, node) of open list items
    root_paragraphs: list[str] = []
    seen_list = False
    lines = text.split("\n")
    for offset, raw in enumerate(lines):
        lineno = first_line + offset
        if not raw.strip():
            continue
        if "\t" in raw:
            raise InputError(path, lineno, "tab character in law text", "indent list items with two spaces per level",
                             raw.index("\t") + 1)
        if raw.rstrip() != raw:
            raw = raw.rstrip()
        item = _ITEM_RE.match(raw)
        if item:
            indent = len(item.group("indent"))
            if indent % 2:
                raise InputError(path, lineno, f"list item indented by {indent} spaces",
                                 "indent by two spaces per level")
            level = indent // 2
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if level != len(stack):
                raise InputError(path, lineno, "list item is indented deeper than the item above it allows",
                                 "a provision sits two spaces deeper than its parent")
            parent = stack[-1][1] if stack else root
            if parent.wrapup is not None:
                raise InputError(path, lineno, "a provision follows the closing words of its parent",
                                 "closing words come after all the provisions they close")
            node = _item_node(item.group("rest"), parent, path, lineno)
            if any(sibling.segment == node.segment for sibling in parent.children):
                raise InputError(path, lineno, f"duplicate provision {node.segment!r} under the same parent",
                                 "each number appears once at its level")
            parent.children.append(node)
            stack.append((indent, node))
            seen_list = True
            continue
        # a plain paragraph: the root's opening words, or closing words of an item/root
        indent = len(raw) - len(raw.lstrip(" "))
        words = raw.strip()
        if indent % 2:
            raise InputError(path, lineno, f"paragraph indented by {indent} spaces", "indent by two spaces per level")
        if not seen_list:
            if indent:
                raise InputError(path, lineno, "indented text before any list item",
                                 "the opening words of a section are not indented")
            root_paragraphs.append(words)
            continue
        owner = root if indent == 0 else _open_item_at(stack, indent - 2)
        if owner is None:
            raise InputError(path, lineno, "closing words are not indented under any provision",
                             "indent closing words two spaces deeper than the '-' of the provision they belong to")
        if owner is not root and not owner.children:
            raise InputError(path, lineno, "text on its own line under a provision that has no sub-provisions",
                             "keep each provision on one line")
        if owner.wrapup is not None:
            raise InputError(path, lineno, "a provision has two paragraphs of closing words",
                             "keep closing words on one line")
        owner.wrapup = words
        # items deeper than the owner are closed
        while stack and stack[-1][0] > indent - 2:
            stack.pop()
    if len(root_paragraphs) > 1:
        root.text = "\n\n".join(root_paragraphs)
    elif root_paragraphs:
        root.text = root_paragraphs[0]
    return _freeze(root, root_eid)


def _open_item_at(stack: list[tuple[int, _Node]], indent: int) -> _Node | None:
    for item_indent, node in reversed(stack):
        if item_indent == indent:
            return node
    return None


def _item_node(rest: str, parent: _Node, path: str, lineno: int) -> _Node:
    explicit = _ID_RE.match(rest)
    segment = None
    if explicit:
        segment = explicit.group("id")
        rest = rest[explicit.end():]
    number = _NUM_RE.match(rest)
    if number:
        num = number.group("num")
        text = rest[number.end():].strip()
        try:
            kind = child_kind(parent.kind, num)
        except ValueError as exc:
            raise InputError(path, lineno, str(exc), "check the nesting of this item") from None
        derived = ids.segment(_prefix(kind), num)
        if segment and segment != derived:
            raise InputError(path, lineno, f"id {{#{segment}}} does not match the number ({num})",
                             f"use {{#{derived}}} or drop the id")
        return _Node(derived, kind, f"({num})", text, lineno)
    text = rest.strip()
    if segment:
        kind = segment.split("_", 1)[0]
        if kind in ("longtitle", "enacting"):
            return _Node(segment, kind, None, text, lineno)
        if kind == "def":
            if parent.kind != "section":
                raise InputError(path, lineno, "a definition must sit directly under its section",
                                 "definitions are top-level items of the section")
            return _Node(segment, "def", None, text, lineno)
        if kind == "proviso":
            return _Node(segment, "proviso", None, text, lineno)
        raise InputError(path, lineno, f"unknown provision id {{#{segment}}}",
                         "ids written by hand are definitions ({#def_term}), {#longtitle} or {#enacting}")
    if _PROVISO_RE.match(text):
        count = sum(1 for child in parent.children if child.kind == "proviso") + 1
        return _Node(ids.segment("proviso", str(count)), "proviso", None, text, lineno)
    if text.startswith(("“", '"', "‘")) and parent.kind == "section":
        raise InputError(path, lineno, "definition without an id",
                         "start it with {#def_<english-term-slug>}, e.g. - {#def_child} “child” means …")
    raise InputError(path, lineno, "list item without a number",
                     "start the item with its number in brackets, e.g. - (a) …")


def _prefix(kind: str) -> str:
    return {"subsec": "subsec", "para": "para", "subpara": "subpara", "item": "item"}[kind]


def _freeze(node: _Node, eid: str) -> Provision:
    children = tuple(_freeze(child, ids.join_eid(eid, child.segment)) for child in node.children)
    wrapup = None if node.wrapup is None else read_text(node.wrapup)
    return Provision(eid=eid, kind=node.kind, num=node.num, text=read_text(node.text), children=children,
                     wrapup=wrapup, line=node.line)


def format_body(root: Provision) -> str:
    """Write a tree back in the body format (the inverse of `parse_body`)."""
    out: list[str] = []
    if root.text:
        out.append(written(root.text))
        out.append("")
    for child in root.children:
        _format_item(child, 0, out)
    if root.wrapup is not None:
        if out and out[-1] != "":
            out.append("")
        out.append(written(root.wrapup))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _format_item(node: Provision, level: int, out: list[str]) -> None:
    indent = "  " * level
    prefix = ""
    text = written(node.text)
    if node.kind in ("def", "longtitle", "enacting") or (node.kind == "proviso" and not _PROVISO_RE.match(text)):
        prefix = "{#" + node.eid.rsplit("__", 1)[-1] + "} "
    number = f"{node.num} " if node.num else ""
    out.append(f"{indent}- {prefix}{number}{text}".rstrip())
    for child in node.children:
        _format_item(child, level + 1, out)
    if node.wrapup is not None:
        out.append("")
        out.append(f"{indent}  {written(node.wrapup)}")
        out.append("")


def split_languages(body: str, *, path: str, first_line: int) -> dict[str, tuple[str, int]]:
    """Split a file body into its `## English` / `## Bahasa Malaysia` blocks: lang -> (text, first line)."""
    blocks: dict[str, tuple[list[str], int]] = {}
    current: str | None = None
    for offset, line in enumerate(body.split("\n")):
        lineno = first_line + offset
        if line.startswith("## "):
            title = line[3:].strip()
            if title not in LANG_HEADINGS:
                raise InputError(path, lineno, f"unknown heading {line.strip()!r} in law text",
                                 "law text has exactly two blocks: '## English' and '## Bahasa Malaysia'")
            lang = LANG_HEADINGS[title]
            if lang in blocks:
                raise InputError(path, lineno, f"second {line.strip()!r} block", "each language appears once")
            blocks[lang] = ([], lineno + 1)
            current = lang
            continue
        if current is None:
            if line.strip():
                raise InputError(path, lineno, "text before the first language heading",
                                 "put law text under '## English' or '## Bahasa Malaysia'")
            continue
        blocks[current][0].append(line)
    return {lang: ("\n".join(lines), start) for lang, (lines, start) in blocks.items()}


def format_languages(bodies: dict[str, str]) -> str:
    parts = []
    for lang in ("en", "ms"):
        if lang in bodies:
            parts.append(f"## {HEADING_FOR_LANG[lang]}\n\n{bodies[lang].rstrip()}\n")
    return "\n".join(parts)


def plain_words(root: Provision) -> str:
    """All the words of a tree as one string (no numbers, ids or markers): for comparing with sources."""
    words = []
    for text in root.words:
        if text:
            words.append(text)
    return " ".join(" ".join(words).split())


def rebase(root: Provision, new_eid: str) -> Provision:
    """The same tree with every eId re-rooted at `new_eid`."""
    old = root.eid

    def move(node: Provision) -> Provision:
        eid = new_eid + node.eid[len(old):] if node.eid.startswith(old) else node.eid
        return replace(node, eid=eid, children=tuple(move(c) for c in node.children))

    return move(root)


def is_roman(num: str) -> bool:
    return bool(_ROMAN_RE.match(num))
