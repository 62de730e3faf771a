"""Differences between two versions of a section: provision by provision, word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from atipsom.domain.amend.provisions import is_placeholder
from atipsom.domain.model import NOT_AVAILABLE, Provision, Version


@dataclass(frozen=True)
class Segment:
    op: str  # "same" | "ins" | "del"
    text: str


@dataclass(frozen=True)
class ProvisionDiff:
    eid: str
    num: str | None
    kind: str
    depth: int
    status: str  # same | changed | inserted | deleted | unavailable | other-language
    text: tuple[Segment, ...]
    wrapup: tuple[Segment, ...] = ()
    tier: str = "verbatim"  # the tier of the newer text's own words (issue 12); Malay is always verbatim


def _flatten(root: Provision) -> list[tuple[Provision, int]]:
    out = []

    def visit(node: Provision, depth: int) -> None:
        out.append((node, depth))
        for child in node.children:
            visit(child, depth + 1)

    visit(root, 0)
    return out


_TOKEN_RE = re.compile(r"\s+|[^\s]+")


def diff_words(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level difference; whitespace travels with the words so the text reads naturally."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("del", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("ins", "".join(b[j1:j2])))
    return tuple(_merge(_absorb_spaces(segments)))


def _absorb_spaces(segments: list[Segment]) -> list[Segment]:
    """'empat belas' → 'dua puluh satu' reads as one change, not three: a run of changes separated only
    by spaces becomes one deletion followed by one insertion."""
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        if segments[i].op == "same":
            out.append(segments[i])
            i += 1
            continue
        deleted, inserted = [], []
        j = i
        while j < len(segments):
            segment = segments[j]
            if segment.op == "del":
                deleted.append(segment.text)
            elif segment.op == "ins":
                inserted.append(segment.text)
            elif segment.text.strip() == "" and j + 1 < len(segments) and segments[j + 1].op != "same":
                deleted.append(segment.text)
                inserted.append(segment.text)
            else:
                break
            j += 1
        if deleted:
            out.append(Segment("del", "".join(deleted)))
        if inserted:
            out.append(Segment("ins", "".join(inserted)))
        i = j
    return out


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].op == segment.op:
            merged[-1] = Segment(segment.op, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return merged


def _text_diff(old: str | None, new: str | None) -> tuple[Segment, ...]:
    if old is None and new is None:
        return ()
    if old is None:
        return (Segment("ins", new or ""),)
    if new is None:
        return (Segment("del", old),)
    if old == new:
        return (Segment("same", old),) if old else ()
    return diff_words(old, new)


def diff_versions(old: Version, new: Version, lang: str) -> list[ProvisionDiff]:
    """Every provision of either version in reading order, with what changed in `lang`. A provision whose
    words are the same in `lang` while the other language's changed is never "same": it is "unavailable"
    when `lang` has no text for it, else "other-language" (e.g. a correction of the Malay text only)."""
    result = _diff_versions(old, new, lang)
    changed_elsewhere = {item.eid for other in old.body if other != lang and other in new.body
                         for item in _diff_versions(old, new, other) if item.status != "same"}
    return [_elsewhere(item, old, lang) if item.status == "same" and item.eid in changed_elsewhere else item
            for item in result]


def _elsewhere(item: ProvisionDiff, old: Version, lang: str) -> ProvisionDiff:
    node = old.body[lang].find(item.eid)
    unavailable = node is not None and NOT_AVAILABLE in (node.text, node.wrapup)
    return replace(item, status="unavailable" if unavailable else "other-language")


def _diff_versions(old: Version, new: Version, lang: str) -> list[ProvisionDiff]:
    old_nodes, new_nodes = _flatten(old.body[lang]), _flatten(new.body[lang])
    old_ids = [node.eid for node, _ in old_nodes]
    new_ids = [node.eid for node, _ in new_nodes]
    result: list[ProvisionDiff] = []
    matcher = difflib.SequenceMatcher(a=old_ids, b=new_ids, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (a, _), (b, depth) in zip(old_nodes[i1:i2], new_nodes[j1:j2]):
                result.append(_pair(a, b, depth))
            continue
        for a, depth in old_nodes[i1:i2]:
            if a.eid not in new_ids:
                result.append(ProvisionDiff(a.eid, a.num, a.kind, depth, "deleted", _text_diff(a.text, None),
                                            _text_diff(a.wrapup, None)))
        for b, depth in new_nodes[j1:j2]:
            if b.eid in old_ids:
                a = old_nodes[old_ids.index(b.eid)][0]
                result.append(_pair(a, b, depth))
            else:
                result.append(ProvisionDiff(b.eid, b.num, b.kind, depth, "inserted", _text_diff(None, b.text),
                                            _text_diff(None, b.wrapup), b.tier))
    return result


def _pair(a: Provision, b: Provision, depth: int) -> ProvisionDiff:
    if is_placeholder(b.text) and not is_placeholder(a.text):
        status = "deleted"  # it keeps its place and number with the reprints' placeholder
    elif NOT_AVAILABLE in (a.text, b.text) and a.text != b.text:
        status = "unavailable"
    elif a.text == b.text and a.wrapup == b.wrapup and a.num == b.num:
        status = "same"
    else:
        status = "changed"
    return ProvisionDiff(b.eid, b.num, b.kind, depth, status, _text_diff(a.text, b.text),
                         _text_diff(a.wrapup, b.wrapup), b.tier)


def heading_diff(old: Version, new: Version, lang: str) -> tuple[Segment, ...]:
    return _text_diff(old.heading.get(lang, ""), new.heading.get(lang, ""))
