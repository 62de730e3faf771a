"""Differences between two versions of a section: provision by provision, word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from atipsom.domain.amend.provisions import is_placeholder
from atipsom.domain.model import MISSING, Missing, Provision, Text, Version


@dataclass(frozen=True)
class Segment:
    op: str  # "same" | "ins" | "del"
    text: Text  # MISSING: the whole text is missing on that side (never split into words)


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


#: A run of words in a word-level difference: (op, words)
_Run = tuple[str, str]


def diff_words(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level difference; whitespace travels with the words so the text reads naturally."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    runs: list[_Run] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            runs.append(("del", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(("ins", "".join(b[j1:j2])))
    return tuple(Segment(op, words) for op, words in _merge(_absorb_spaces(runs)))


def _absorb_spaces(runs: list[_Run]) -> list[_Run]:
    """'empat belas' → 'dua puluh satu' reads as one change, not three: a run of changes separated only
    by spaces becomes one deletion followed by one insertion."""
    out: list[_Run] = []
    i = 0
    while i < len(runs):
        if runs[i][0] == "same":
            out.append(runs[i])
            i += 1
            continue
        deleted, inserted = [], []
        j = i
        while j < len(runs):
            op, words = runs[j]
            if op == "del":
                deleted.append(words)
            elif op == "ins":
                inserted.append(words)
            elif words.strip() == "" and j + 1 < len(runs) and runs[j + 1][0] != "same":
                deleted.append(words)
                inserted.append(words)
            else:
                break
            j += 1
        if deleted:
            out.append(("del", "".join(deleted)))
        if inserted:
            out.append(("ins", "".join(inserted)))
        i = j
    return out


def _merge(runs: list[_Run]) -> list[_Run]:
    merged: list[_Run] = []
    for op, words in runs:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + words)
        else:
            merged.append((op, words))
    return merged


def _text_diff(old: Text | None, new: Text | None) -> tuple[Segment, ...]:
    if old is None and new is None:
        return ()
    if old is None:
        return (Segment("ins", new or ""),)
    if new is None:
        return (Segment("del", old),)
    if old == new:
        return (Segment("same", old),) if old else ()
    if isinstance(old, Missing) or isinstance(new, Missing):  # words against no words: all out, all in
        return tuple(Segment(op, text) for op, text in (("del", old), ("ins", new)) if text)
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
    unavailable = node is not None and MISSING in (node.text, node.wrapup)
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
    elif MISSING in (a.text, b.text) and a.text != b.text:
        status = "unavailable"
    elif a.text == b.text and a.wrapup == b.wrapup and a.num == b.num:
        status = "same"
    else:
        status = "changed"
    return ProvisionDiff(b.eid, b.num, b.kind, depth, status, _text_diff(a.text, b.text),
                         _text_diff(a.wrapup, b.wrapup), b.tier)


def heading_diff(old: Version, new: Version, lang: str) -> tuple[Segment, ...]:
    return _text_diff(old.heading.get(lang, ""), new.heading.get(lang, ""))
