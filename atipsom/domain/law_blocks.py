"""Cite at the point of answer: every statement of law in a guidance page carries its citation where the reader
reads it. The rule `atipsom check` applies (CONTRIBUTING.md, "What counts as a statement of law"):

* The "In short" summary (front matter `summary`) has a `law:` link in its first paragraph.
* In the text, every *block* (a paragraph, a list item with the list nested in it, a table row) outside the exempt
  sections has a `law:` link in that block, or a footnote with its source (a statement about another law or a
  fact), unless it is advice (below) or not a statement at all. Exempt sections, at any heading level
  and with everything under them: "Who this is for", "In practice", "International standards", "Sources" (Malay:
  "Untuk siapa halaman ini", "Dalam amalan", "Piawaian antarabangsa", "Sumber").
* Advice: a block inside a `!!! tip` (or `??? tip`) box, anywhere; and a block in the section "What to ask for or
  do" ("Apa yang boleh diminta atau dilakukan") that names no provision in its words ("s 54", "section 51A",
  "seksyen 44": a block there that names one must link it).
* Not statements: headings, table header rows, footnote definitions, images, code, the lead-in of a list or
  table (a block ending in ":" right before one: the items carry the citations), a cross-reference ("See …",
  "Lihat …", after an optional bold label), a note about the page in our own voice ("This page …", "We …",
  "Halaman ini …", "Kami …"), and index pages; but a cross-reference or a note that names a provision links it.

What this cannot see: a sentence of law with no citation inside the "What to ask for or do" section that names
no section, or inside an exempt section; reviewers read for those. Pure: text in, problems out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from atipsom.domain.errors import InputError
from atipsom.domain.guidance import LAW_LINK_RE
from atipsom.domain.model import GuidancePage
from atipsom.refs import examples
from atipsom.refs.citations import find_citations

EXEMPT_SECTIONS = frozenset({
    "who this is for", "in practice", "international standards", "sources",
    "untuk siapa halaman ini", "dalam amalan", "piawaian antarabangsa", "sumber",
})
ADVICE_SECTIONS = frozenset({"what to ask for or do", "apa yang boleh diminta atau dilakukan"})
ADVICE_BOXES = frozenset({"tip"})

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*$")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
_BOX = re.compile(r"^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)")
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]]+\]:")
_SEPARATOR = re.compile(r"^\s*\|?[\s:\-|]+\|?\s*$")
_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_SEE = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:\*\*[^*]+\*\*[:.,]?\s*)?(?:see|lihat)\b", re.I)
_OUR_VOICE = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:this page|we|halaman ini|kami)\b", re.I)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\](?!:)")
_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Block:
    line: int  # the line of its first row in the file
    kind: str  # "para" | "item" | "row" | "header"
    text: str
    sections: tuple[str, ...]  # the headings above it, outermost first (lower case)
    box: str | None  # the kind of admonition it is in ("tip", "info"), if any
    next_kind: str | None = None  # the kind of the block right after it (for lead-ins)
    next_line: int | None = None


def blocks(body: str, first_line: int = 1) -> list[Block]:
    """The paragraphs, list items and table rows of a Markdown body, each with the headings above it."""
    found: list[Block] = []
    stack: list[tuple[int, str]] = []
    current: list[Any] = []  # [line, kind, lines]
    box: tuple[int, str] | None = None  # (indent of the box's content, kind)
    in_code = False

    def flush() -> None:
        if current:
            found.append(Block(current[0], current[1], "\n".join(current[2]), tuple(t for _, t in stack),
                               box[1] if box else None))
            current.clear()

    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if line.lstrip().startswith(("```", "~~~")):
            flush()
            in_code = not in_code
            continue
        if in_code:
            continue
        if box and line.strip() and len(line) - len(line.lstrip()) < box[0]:
            flush()
            box = None
        heading = _HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            stack = [(lvl, title) for lvl, title in stack if lvl < level] + [(level, heading.group(2).lower())]
            continue
        opened = _BOX.match(line)
        if opened:
            flush()
            box = (len(opened.group("indent")) + 4, opened.group("kind").lower())
            continue
        if not line.strip() or _FOOTNOTE.match(line) or _IMAGE.match(line) or line.lstrip().startswith("<!--"):
            flush()
            continue
        if line.lstrip().startswith("|"):
            flush()
            if _SEPARATOR.match(line):
                if found and found[-1].kind == "row":
                    last = found.pop()
                    found.append(Block(last.line, "header", last.text, last.sections, last.box))
                continue
            found.append(Block(number, "row", line, tuple(t for _, t in stack), box[1] if box else None))
            continue
        item = _ITEM.match(line)
        if item and not (current and current[1] == "item" and len(item.group("indent")) > 0):
            flush()
            current.extend([number, "item", [line]])
            continue
        if current:
            current[2].append(line)
        else:
            current.extend([number, "para", [line]])
    flush()
    return [Block(b.line, b.kind, b.text, b.sections, b.box,
                  found[i + 1].kind if i + 1 < len(found) else None,
                  found[i + 1].line if i + 1 < len(found) else None) for i, b in enumerate(found)]


def names_a_provision(text: str) -> bool:
    """Whether words outside its links name a provision ("s 54", "section 51A", "seksyen 44")."""
    words = _LINK_TEXT.sub(" ", text)
    return any(c.section and not c.of_amending_act for c in find_citations(words))


def _needs_citation(block: Block) -> bool:
    if block.kind == "header" or any(section in EXEMPT_SECTIONS for section in block.sections):
        return False
    if block.box in ADVICE_BOXES or LAW_LINK_RE.search(block.text):
        return False
    if any(section in ADVICE_SECTIONS for section in block.sections) and not names_a_provision(block.text):
        return False
    if _FOOTNOTE_REF.search(block.text):
        return False  # a statement about another law or a fact, with its source in a footnote
    if (_SEE.match(block.text) or _OUR_VOICE.match(block.text)) and not names_a_provision(block.text):
        return False  # a cross-reference, or a note about this page in our own voice
    lead_in = block.text.rstrip().rstrip("*_").endswith(":") and block.next_kind in ("item", "row", "header")
    return not (lead_in and block.next_line is not None and block.next_line - block.line <= block.text.count("\n") + 2)


def uncited_statements(page: GuidancePage) -> Iterator[Block]:
    """The blocks of a guidance page's text that state law without a citation."""
    if page.slug == "index":
        return
    for block in blocks(page.body, page.body_line):
        if _needs_citation(block):
            yield block


def _first_paragraph(summary: str) -> str:
    return summary.strip().split("\n\n", 1)[0]


def citation_errors(page: GuidancePage) -> list[InputError]:
    """The summary without a citation, and every statement of law without one, each on its line."""
    if page.slug == "index":
        return []
    errors = []
    if page.summary and not LAW_LINK_RE.search(_first_paragraph(page.summary)):
        errors.append(InputError(page.path, page.summary_line, "summary (In short): no citation in its first paragraph",
                                 "link the provision the answer rests on inline, e.g. \"… 14 days "
                                 f"([s 44(2)](law:{examples.PROVISION_AS_AT})) …\""))
    for block in uncited_statements(page):
        shown = " ".join(block.text.split())
        shown = shown if len(shown) <= 70 else shown[:67] + "…"
        errors.append(InputError(page.path, block.line, f"a statement of law without a citation: {shown!r}",
                                 "link the provision it rests on in the same paragraph, item or row "
                                 f"([s 44(2)](law:{examples.PROVISION_AS_AT})); practical advice goes under "
                                 "'What to ask for or do' or in a '!!! tip' box (CONTRIBUTING.md)"))
    return errors
