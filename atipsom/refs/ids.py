"""Identifiers: parse and format work, provision and version references. Nothing else.

One scheme everywhere (files, URLs, anchors, index ids):

>>> r = parse_ref("act-670/sec_51__subsec_3__para_b@2015-11-18")
>>> (r.work, r.eid, r.section, r.path, r.at)
('act-670', 'sec_51__subsec_3__para_b', '51', ('3', 'b'), datetime.date(2015, 11, 18))
>>> parse_ref("s 51(3)(b)").path
('3', 'b')
>>> parse_ref("seksyen 26a").section
'26A'
>>> format_citation("51", ("3", "b"), "en")
's 51(3)(b)'
>>> format_citation("51", ("3", "b"), "ms")
'seksyen 51(3)(b)'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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

_REF_RE = re.compile(
    r"""^
    (?:(?P<work>act-a?\d+)/)?                 # optional work: act-670/
    (?P<eid>(?:sec|part)_[0-9A-Za-z_\-]+|longtitle|enacting)   # eId
    (?:
        (?P<at_sign>@)(?P<at>\d{4}-\d{2}-\d{2})?   # @date: the version starting that day; bare @: original
      | :(?P<as_at>\d{4}-\d{2}-\d{2})              # :date: the version in force that day
    )?
    $""",
    re.X,
)

# Human citations in English and Malay: "s 51(3)(b)", "s. 12", "section 26A", "seksyen 44",
# "subsection 27(1)", "para 51(3)(b)", "perenggan 51(3)(b)", bare "26A" or "51(3)".
CITATION_WORDS = (
    r"subsections?|subseksyen|subparagraphs?|subperenggan|paragraphs?|perenggan|para|sections?|seksyen|"
    r"secs?\.?|ss?\.?|sek\.?|subs?\.?|§"
)
CITATION_RE = re.compile(
    rf"""(?<![\w/])
    (?:(?P<word>{CITATION_WORDS})\s*)?
    (?P<section>\d{{1,3}}[A-Za-z]?)(?![\w])
    (?P<path>(?:\s?\((?:\d{{1,2}}[A-Za-z]?|[A-Za-z]{{1,4}})\))*)
    """,
    re.X | re.I,
)
_PATH_PART_RE = re.compile(r"\(([0-9A-Za-z]+)\)")


@dataclass(frozen=True)
class Ref:
    """A reference to a provision, parsed but not yet resolved against the law.

    `eid` is set when the reference was an eId; otherwise `section` and `path` (the bracketed
    numbers under it) say what a human citation named. `at` asks for the version starting that
    day (`original` for the first one); `as_at` for the version in force on that day.
    """

    work: str = WORK_ID
    eid: str | None = None
    section: str | None = None
    path: tuple[str, ...] = ()
    at: dt.date | None = None
    as_at: dt.date | None = None
    original: bool = False
    text: str = ""

    @property
    def section_eid(self) -> str | None:
        return f"sec_{self.section}" if self.section else None


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


def parse_ref(text: str) -> Ref:
    """Parse any accepted form of reference; raise ValueError with a readable message if none fits."""
    raw = text.strip()
    if not raw:
        raise ValueError("empty reference")
    match = _REF_RE.match(raw)
    if match:
        eid = match.group("eid")
        segments = split_eid(eid)
        section = None
        path: tuple[str, ...] = ()
        if segments[0][0] == "sec":
            section = normalise_section_number(segments[0][1])
            path = tuple(value for kind, value in segments[1:] if kind not in ("def", "proviso"))
            eid = "__".join([f"sec_{section}"] + [f"{k}_{v}" for k, v in segments[1:]])
        at = parse_date(match.group("at")) if match.group("at") else None
        as_at = parse_date(match.group("as_at")) if match.group("as_at") else None
        original = bool(match.group("at_sign")) and at is None
        return Ref(work=match.group("work") or WORK_ID, eid=eid, section=section, path=path,
                   at=at, as_at=as_at, original=original, text=raw)
    citation = CITATION_RE.fullmatch(raw)
    if citation:
        return Ref(section=normalise_section_number(citation.group("section")),
                   path=tuple(_PATH_PART_RE.findall(citation.group("path") or "")), text=raw)
    raise ValueError(
        f"not a reference: {raw!r} (try '12', 's 51(3)(b)', 'section 26A', 'seksyen 44' or 'act-670/sec_51__subsec_3')"
    )


def find_citations(text: str) -> list[Ref]:
    """Every citation-like run in free text ('can s 51(3) …', 'seksyen 44'), in order."""
    refs = []
    for match in CITATION_RE.finditer(text):
        word, path = match.group("word"), match.group("path")
        if not word and not path and not re.search(r"[A-Za-z]$", match.group("section")):
            # a bare number is a citation only when the query is essentially that number
            if text.strip() != match.group(0).strip():
                continue
        try:
            section = normalise_section_number(match.group("section"))
        except ValueError:
            continue
        refs.append(Ref(section=section, path=tuple(_PATH_PART_RE.findall(path or "")), text=match.group(0)))
    return refs


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
