"""Provision trees as Akoma Ntoso 3.0 elements: the body of a section version or of the whole Act.

Every hierarchical element carries the provision's eId (the site's anchor: sec_44__subsec_2) and, for text that
is not verbatim, its English tier twice over: `atp:tier` (our namespace, which the schema allows on every element)
and `status="translated"` (the standard's own word: the content is in a different form than the official text).
Our words inside a rendered provision are `<ins class="atp-ours">`; text no source gives is an editorial remark,
never words posing as law. Cross-references to provisions of the Act are `<ref href>`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lxml.builder import ElementMaker
from lxml.etree import _Element

from atipsom.domain.model import Missing, Provision, Text
from atipsom.domain.plaintext import NOT_AVAILABLE_NOTICE
from atipsom.domain.tiers import split_ours
from atipsom.domain.xrefs import Reference, find_references, resolve_in
from atipsom.refs.ids import ProvisionId

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: our namespace for what the standard has no element for: the English tier of each text (see the Data page)
ATP_NS = "urn:atipsom-navigator:akn:1"
TIER_ATTR = f"{{{ATP_NS}}}tier"

ELEMENT_OF_KIND = {"section": "section", "subsec": "subsection", "para": "paragraph", "subpara": "subparagraph",
                   "item": "point", "def": "hcontainer", "proviso": "proviso"}


@dataclass(frozen=True)
class BodyContext:
    """What the body needs beyond the tree: the language, how to name another provision (eId -> href; None
    when it is not in this version of the Act) and the tree of another section in force on the same day."""

    maker: ElementMaker
    lang: str
    href: Callable[[str], str | None]
    section_tree: Callable[[str], Provision | None]
    part_of_section: str | None = None


def tier_of(node: Provision) -> str:
    return node.tier


def mark_tier(element: _Element, tier: str) -> None:
    if tier != "verbatim":
        element.set(TIER_ATTR, tier)
        if tier in ("rendered", "translated"):
            element.set("status", "translated")


def provision_element(ctx: BodyContext, node: Provision, root: Provision) -> _Element:
    """A provision and everything under it."""
    E = ctx.maker
    name = ELEMENT_OF_KIND.get(node.kind, "hcontainer")
    element = E(name, eId=node.eid)
    if name == "hcontainer":
        element.set("name", "definition" if node.kind == "def" else node.kind)
    if node.num:
        element.append(E.num(node.num if node.kind != "section" else f"{node.num}."))
    mark_tier(element, tier_of(node))
    if not node.children:
        element.append(E.content(paragraph(ctx, node.text, node.eid, root)))
        if node.wrapup is not None:  # a wrap-up with nothing above it: kept as a second paragraph
            element[-1].append(paragraph(ctx, node.wrapup, node.eid, root))
        return element
    if node.text:
        element.append(E.intro(paragraph(ctx, node.text, node.eid, root)))
    for child in node.children:
        element.append(provision_element(ctx, child, root))
    if node.wrapup is not None:
        element.append(E.wrapUp(paragraph(ctx, node.wrapup, node.eid, root)))
    return element


def section_element(ctx: BodyContext, tree: Provision, heading: str | None, heading_tier: str) -> _Element:
    """A section: number, heading (its marginal note), then its provisions."""
    E = ctx.maker
    element = provision_element(ctx, tree, tree)
    if heading:
        title = E.heading(heading)
        mark_tier(title, heading_tier)
        element.insert(1 if tree.num else 0, title)
    return element


def paragraph(ctx: BodyContext, text: Text, here: str, root: Provision) -> _Element:
    """One `<p>` of law text: our words as `<ins>`, references as `<ref>`; an editorial remark where no source
    gives the words."""
    E = ctx.maker
    if isinstance(text, Missing):
        p = E.p(E.remark(NOT_AVAILABLE_NOTICE[ctx.lang], status="editorial"))
        p[0].tail = ""  # mixed content: no indentation is added around the remark
        return p
    p = E.p()
    plain, ours = _unmark(text)
    links = _links(ctx, plain, here, root)
    bounds = sorted({0, len(plain), *[b for span in ours for b in span], *[b for a, z, _ in links for b in (a, z)]})
    pieces = []
    for start, end in zip(bounds, bounds[1:]):
        href = next((h for a, z, h in links if a <= start and end <= z), None)
        mine = any(a <= start and end <= z for a, z in ours)
        pieces.append((plain[start:end], href, mine))
    for words, href, mine in _merge(pieces):
        _append(ctx, p, words, href, mine)
    return p


def _unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The words without the ⟦ ⟧ marks, and where ours are in them."""
    plain, ours, at = [], [], 0
    for words, mine in split_ours(text):
        if mine:
            ours.append((at, at + len(words)))
        plain.append(words)
        at += len(words)
    return "".join(plain), ours


def _links(ctx: BodyContext, text: str, here: str, root: Provision) -> list[tuple[int, int, str]]:
    links = []
    for found in find_references(text, ctx.lang):
        if not isinstance(found, Reference):
            continue
        target = _target(ctx, found, here, root)
        href = ctx.href(target) if target else None
        if href:
            links.append((found.start, found.end, href))
    return links


def _target(ctx: BodyContext, ref: Reference, here: str, root: Provision) -> str | None:
    if ref.kind == "part":
        number = ctx.part_of_section if ref.part == "this" else ref.part
        return str(ProvisionId.part(number)) if number else None
    tree = root if ref.section is None else ctx.section_tree(ref.section)
    if tree is None:
        return None
    node = resolve_in(tree, here if ref.section is None else tree.eid, ref)
    return node.eid if node is not None else None


def _merge(pieces: list[tuple[str, str | None, bool]]) -> list[tuple[str, str | None, bool]]:
    merged: list[tuple[str, str | None, bool]] = []
    for words, href, mine in pieces:
        if merged and merged[-1][1:] == (href, mine):
            merged[-1] = (merged[-1][0] + words, href, mine)
        elif words:
            merged.append((words, href, mine))
    return merged


def _append(ctx: BodyContext, parent: _Element, words: str, href: str | None, mine: bool) -> None:
    E = ctx.maker
    if not href and not mine:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + words
        else:
            parent.text = (parent.text or "") + words
        return
    inner = E.ins(words, **{"class": "atp-ours", TIER_ATTR: "rendered"}) if mine else words
    parent.append(E.ref(inner, href=href) if href else inner)
