"""Cross-references in law text: finding them (pure parsing) and resolving them against a version.

`find_references(text, lang)` returns, in order, every reference to a provision of this Act
(`Reference`) and every reference to another written law (`External`). Resolution is separate:
`resolve_in(root, here, ref)` finds the provision a reference names in one version's tree.

What is recognised (English / Malay)
------------------------------------
* section 13 / seksyen 13; sections 12 to 14, section 12, 13 or 14 (each number written is a reference;
  numbers inside a range that are not written are not linked)
* subsection 27(1) / subseksyen 27(1); subsection (2) / subseksyen (2): of the same section
* paragraph 51(3)(b) / perenggan 51(3)(b); paragraph (1)(a): of the same section; paragraph (a) /
  perenggan (a): the paragraph (a) nearest to the provision being read (its own, else its parent's …)
* subparagraph 51(3)(a)(i) / subperenggan 51(3)(a)(i)
* lists: subsections 30(3), (4) and (5) / paragraphs 32(1)(a), (i) and (j): a bracketed number that
  follows replaces the last numbers of the one before (30(4), 32(1)(i)); paragraphs 6(2)(b) to (m)
* Part V / Bahagian V; this Part / Bahagian ini
* References to other laws are `External`, never links to this Act: the whole run of references
  followed by “of the <name> Act/Code/Ordinance …” (Malay: followed directly by “Akta …”, “Kanun …”,
  “Ordinan …”, e.g. “seksyen 3 Akta Kerja 1955 [Akta 265]”), and names of other laws on their own
  (“the Immigration Act 1959/63”, “Penal Code [Act 574]”). The titles of this Act are not other laws.

Not references: “this section”, “this Act” (nothing to link), a reference word with no number
(“under paragraph” where a source is cut off), numbers without a reference word (amounts, years,
periods): a number is read only right after a reference word or inside a list that started with one.
A list item after a bare comma counts only if the list goes on to “or”/“and” (“section 12, 13 or 14”),
so “under section 52, the recording …” is one reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from atipsom.domain.model import Provision

KIND_WORDS = {
    "en": {"section": "section", "sections": "section", "subsection": "subsec", "subsections": "subsec",
           "paragraph": "para", "paragraphs": "para", "subparagraph": "subpara", "subparagraphs": "subpara",
           "part": "part", "parts": "part"},
    "ms": {"seksyen": "section", "subseksyen": "subsec", "perenggan": "para", "subperenggan": "subpara",
           "bahagian": "part"},
}
_WORD_RE = {
    "en": re.compile(r"(?<![\w-])(?:[Ss](?:ub)?(?:sections?|paragraphs?)|[Ss]ections?|[Pp]aragraphs?|Parts?)(?![\w-])"),
    "ms": re.compile(r"(?<![\w-])(?:[Ss](?:ub)?(?:seksyen|perenggan)|[Ss]eksyen|[Pp]erenggan|Bahagian)(?![\w-])"),
}
_NUM = r"\d{1,3}[A-Z]?"
_BRACKETS = r"(?:\([0-9A-Za-z]{1,5}\))"
_LOC_RE = re.compile(rf"(?P<num>{_NUM})?(?P<path>{_BRACKETS}*)(?![\w(])")
_PART_RE = re.compile(r"(?P<num>[IVX]+[A-Z]?)(?![\w-])")
_THIS_PART_RE = {"en": re.compile(r"(?<![\w-])this Part(?![\w-])"),
                 "ms": re.compile(r"(?<![\w-])Bahagian ini(?![\w-])")}
_SEP_RE = {
    "en": re.compile(r",?\s+(?P<conj>or|and|to)\s+|,\s+"),
    "ms": re.compile(r",?\s+(?P<conj>atau|dan|hingga)\s+|,\s+"),
}
_PATH_PART_RE = re.compile(r"\(([0-9A-Za-z]+)\)")

_ACT_NAME = {
    "en": (r"(?:[A-Z][\w’'-]*\s+(?:of\s+)?)+?(?:(?:Act|Ordinance)\s+\d{4}(?:/\d{2})?(?:\s+\[Act\s+\d+\])?"
           r"|Code(?:\s+\[Act\s+\d+\])?|(?:Act|Ordinance)\s+\[Act\s+\d+\])"),
    "ms": (r"(?:(?:Akta|Ordinan)(?:\s+[A-Z][\w’'-]*)+\s+\d{4}(?:/\d{2})?(?:\s+\[Akta\s+\d+\])?"
           r"|Kanun(?:\s+[A-Z][\w’'-]*)+(?:\s+\[Akta\s+\d+\])?"
           r"|Ordinan(?:\s+[A-Z][\w’'-]*)+(?:\s+\([A-Z][\w ]*?Bab\s+\d+\))?)"),
}
_NOT_A_NAME = r"(?!(?:This|That|Any|The|A|An|Every|No)\s)"
_ACT_NAME_RE = {lang: re.compile(rf"(?<![\w-]){_NOT_A_NAME}(?P<title>{pattern})") for lang, pattern in _ACT_NAME.items()}
_OF_OTHER_ACT_RE = {
    "en": re.compile(rf"\s+of\s+(?:the\s+)?(?P<title>{_ACT_NAME['en']})"),
    "ms": re.compile(rf"\s+(?P<title>{_ACT_NAME['ms']})"),
}


@dataclass(frozen=True)
class Reference:
    """A reference to a provision of this Act, as written.

    `start:end` is the text to link. `section` is None for a reference within the section being read.
    `path` holds the bracketed numbers ('3', 'b'). `relative` marks a lone paragraph or subparagraph
    ('paragraph (a)'), read from the provision being read upwards. For a Part, `part` is its number,
    or 'this' for “this Part”.
    """

    start: int
    end: int
    kind: str  # section | subsec | para | subpara | part
    section: str | None = None
    path: tuple[str, ...] = ()
    relative: bool = False
    part: str | None = None


@dataclass(frozen=True)
class External:
    """A reference to another written law: never a link to this Act."""

    start: int
    end: int
    title: str


def _item(kind: str, num: str | None, path: tuple[str, ...], previous: Reference | None,
          start: int, end: int) -> Reference:
    if num:
        return Reference(start, end, kind, num, path)
    if previous is not None and previous.path and len(path) <= len(previous.path):
        return Reference(start, end, kind, previous.section, previous.path[: len(previous.path) - len(path)] + path,
                         previous.relative)
    relative = kind in ("para", "subpara") and bool(path) and not path[0][0].isdigit()
    return Reference(start, end, kind, None, path, relative)


@lru_cache(maxsize=16)
def _titles_re(own_titles: tuple[str, ...]) -> re.Pattern[str] | None:
    titles = sorted((t for t in own_titles if t), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in titles)) if titles else None


def _own_title_spans(text: str, own_titles: Iterable[str]) -> list[tuple[int, int]]:
    pattern = _titles_re(tuple(own_titles))
    return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def find_references(text: str, lang: str, own_titles: Iterable[str] = ()) -> list[Reference | External]:
    """Every reference in one string of law text, in order, without overlaps."""
    if not text:
        return []
    own = _own_title_spans(text, own_titles)
    found: list[Reference | External] = []
    for match in _WORD_RE[lang].finditer(text):
        if found and match.start() < found[-1].end:
            continue
        group = _read_group(text, lang, match)
        if not group:
            continue
        start, end = match.start(), group[-1].end
        other = _OF_OTHER_ACT_RE[lang].match(text, end)
        if other and not _overlaps(other.start("title"), other.end("title"), own):
            found.append(External(start, other.end(), other.group("title")))
            continue
        found.extend(group)
    for match in _THIS_PART_RE[lang].finditer(text):
        if not _overlaps(match.start(), match.end(), [(r.start, r.end) for r in found]):
            found.append(Reference(match.start(), match.end(), "part", part="this"))
    taken = [(r.start, r.end) for r in found] + own
    for match in _ACT_NAME_RE[lang].finditer(text):
        title = match.group("title")
        if _overlaps(match.start(), match.end(), taken):
            continue
        found.append(External(match.start(), match.end(), title))
    return sorted(found, key=lambda r: r.start)


def _read_group(text: str, lang: str, word: re.Match[str]) -> list[Reference]:
    """A reference word and the list of numbers that follows it."""
    kind = KIND_WORDS[lang][word.group(0).lower()]
    position = word.end()
    space = re.match(r"\s+", text[position:])
    if not space:
        return []
    position += space.end()
    if kind == "part":
        part = _PART_RE.match(text, position)
        if not part:
            return []
        return [Reference(word.start(), part.end(), "part", part=part.group("num"))]
    items: list[Reference] = []
    separators: list[bool] = []  # True for a conjunction, False for a bare comma
    location = _LOC_RE.match(text, position)
    if not location or not (location.group("num") or location.group("path")):
        return []
    items.append(_item(kind, location.group("num"), tuple(_PATH_PART_RE.findall(location.group("path"))), None,
                       word.start(), location.end()))
    position = location.end()
    while True:
        separator = _SEP_RE[lang].match(text, position)
        if not separator:
            break
        after = separator.end()
        item_kind, has_word = kind, False
        if separator.group("conj"):
            next_word = _WORD_RE[lang].match(text, after)
            if next_word:
                item_kind = KIND_WORDS[lang][next_word.group(0).lower()]
                if item_kind == "part":
                    break
                gap = re.match(r"\s+", text[next_word.end():])
                if not gap:
                    break
                after = next_word.end() + gap.end()
                has_word = True
        location = _LOC_RE.match(text, after)
        if not location or not (location.group("num") or location.group("path")):
            break
        link_start = separator.end() if has_word else after
        items.append(_item(item_kind, location.group("num"), tuple(_PATH_PART_RE.findall(location.group("path"))),
                           items[-1], link_start, location.end()))
        separators.append(bool(separator.group("conj")))
        position = location.end()
    # a bare comma belongs to the list only if a conjunction follows it
    keep = len(items)
    for index, is_conjunction in enumerate(separators):
        if not is_conjunction and not any(separators[index + 1:]):
            keep = index + 1
            break
    return items[:keep]


# --- resolution ---------------------------------------------------------------------------------------

def child_numbered(node: Provision, number: str) -> Provision | None:
    wanted = f"({number})"
    return next((c for c in node.children if c.num == wanted and c.kind not in ("def", "proviso")), None)


def resolve_path(root: Provision, path: Sequence[str]) -> Provision | None:
    """The provision under `root` reached by bracketed numbers ('3', 'a'), or None."""
    node: Provision | None = root
    for number in path:
        node = child_numbered(node, number) if node is not None else None
    return node


def ancestors(eid: str) -> list[str]:
    """'sec_2__def_x__para_b' -> ['sec_2__def_x__para_b', 'sec_2__def_x', 'sec_2']."""
    parts = eid.split("__")
    return ["__".join(parts[:i]) for i in range(len(parts), 0, -1)]


def resolve_in(root: Provision, here: str, ref: Reference) -> Provision | None:
    """The provision `ref` names within one section's tree, read from provision `here`."""
    if ref.kind == "section" and not ref.path:
        return root
    if ref.relative:
        for eid in ancestors(here):
            node = root if eid == root.eid else root.find(eid)
            if node is None:
                continue
            found = resolve_path(node, ref.path)
            if found is not None:
                return found
        return None
    return resolve_path(root, ref.path)
