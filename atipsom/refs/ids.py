"""Identifiers: split and format work, provision and version references. Nothing else.

One scheme everywhere (files, URLs, anchors, index ids). What a reader types is parsed by the one citation
grammar, atipsom/refs/citations.py.

>>> split_eid("sec_51__subsec_3__para_b")
[('sec', '51'), ('subsec', '3'), ('para', 'b')]
>>> format_citation("51", ("3", "b"), "en")
's 51(3)(b)'
>>> format_citation("51", ("3", "b"), "ms")
'seksyen 51(3)(b)'
"""

from __future__ import annotations

import datetime as dt
import re

WORK_ID = "act-670"
WORK_ID_RE = re.compile(r"^act-a?\d+$")

#: eId segment prefixes (AKN), in the order they nest.
SEGMENT_KINDS = {
    "sec": "section",
    "subsec": "subsec",
    "para": "para",
    "subpara": "subpara",
    "item": "item",
    "def": "def",
    "proviso": "proviso",
    "part": "part",
}
KIND_PREFIX = {kind: prefix for prefix, kind in SEGMENT_KINDS.items()}

SECTION_NUMBER_RE = re.compile(r"^\d+[A-Za-z]?$")
EID_SEGMENT_RE = re.compile(r"^(sec|subsec|para|subpara|item|def|proviso|part)_([0-9A-Za-z][0-9A-Za-z\-]*)$")


def normalise_section_number(number: str) -> str:
    """'26a' -> '26A', '007' -> '7'."""
    match = re.match(r"^0*(\d+)([A-Za-z]?)$", number.strip())
    if not match:
        raise ValueError(f"not a section number: {number!r}")
    return match.group(1) + match.group(2).upper()


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {text!r} (write YYYY-MM-DD)") from None


def split_eid(eid: str) -> list[tuple[str, str]]:
    """'sec_51__subsec_3' -> [('sec', '51'), ('subsec', '3')]. Raises ValueError if malformed."""
    if eid in ("longtitle", "enacting"):
        return [(eid, "")]
    segments = []
    for segment in eid.split("__"):
        match = EID_SEGMENT_RE.match(segment)
        if not match:
            raise ValueError(f"not a provision id: {eid!r} (segment {segment!r})")
        segments.append((match.group(1), match.group(2)))
    return segments


def section_of_eid(eid: str) -> str | None:
    first = split_eid(eid)[0]
    return first[1] if first[0] == "sec" else None


def format_citation(section: str, path: tuple[str, ...] = (), lang: str = "en", term: str | None = None) -> str:
    """'s 51(3)(b)' in English, 'seksyen 51(3)(b)' in Malay; a definition as 's 2 (“child”)'."""
    word = "seksyen" if lang == "ms" else "s"
    text = f"{word} {section}" + "".join(f"({p})" for p in path)
    if term:
        text += f" (“{term}”)"
    return text


def citation_key(section: str, path: tuple[str, ...] = (), term: str | None = None) -> str:
    """The normalised key used by the index: '51(3)(b)', '26A', '2(child)'."""
    key = section + "".join(f"({p})" for p in path)
    if term:
        key += f"({term.lower()})"
    return key


def path_of_eid(eid: str) -> tuple[str, ...]:
    return tuple(value for kind, value in split_eid(eid)[1:] if kind not in ("def", "proviso"))


def format_eid_citation(eid: str, lang: str = "en", term: str | None = None) -> str:
    segments = split_eid(eid)
    if segments[0][0] == "part":
        return ("Bahagian " if lang == "ms" else "Part ") + segments[0][1]
    if segments[0][0] in ("longtitle", "enacting"):
        return {"longtitle": {"en": "long title", "ms": "tajuk panjang"},
                "enacting": {"en": "enacting formula", "ms": "kata-kata penggubalan"}}[eid][lang]
    return format_citation(segments[0][1], path_of_eid(eid), lang, term)


def format_amending_provision(act: str, provision: str) -> str:
    """('act-a1500', 'sec_3__para_b') -> 'A1500 s 3(b)'."""
    number = act.removeprefix("act-").upper()
    try:
        segments = split_eid(provision)
    except ValueError:
        return f"{number} {provision}"
    head = segments[0][1]
    rest = "".join(f"({value})" for _, value in segments[1:])
    return f"{number} s {head}{rest}"


def format_version_ref(work: str, eid: str, in_force_from: dt.date | None) -> str:
    return f"{work}/{eid}" + (f"@{in_force_from.isoformat()}" if in_force_from else "")


def slugify_term(term: str) -> str:
    """The id of a definition: 'trafficking in persons' -> 'trafficking-in-persons'."""
    slug = re.sub(r"[^0-9a-z]+", "-", term.lower()).strip("-")
    return slug


def section_sort_key(number: str) -> tuple[int, str]:
    match = re.match(r"^(\d+)([A-Z]?)$", number)
    if not match:
        return (10_000, number)
    return (int(match.group(1)), match.group(2))
