"""Identifiers as small immutable values, and the helpers that split and format them. Nothing else.

One scheme everywhere (files, URLs, anchors, index ids, the manifest). What a reader types is parsed by the
one citation grammar, atipsom/refs/citations.py. No id is formatted outside this package: the other modules
build these values and use their `str()` (tests/test_identifiers.py checks).

    WorkId        act-670, act-a1500                  a work: the Act, or an amending Act
    ProvisionId   sec_51__subsec_3__para_b, part_IIIA  a provision: its Akoma Ntoso eId
    VersionRef    act-670/sec_44@2015-11-18           a provision at a point in time: @date (the version
                  act-670/sec_44@, act-670/sec_44      starting that day), @ (the original), :date (in force
                  act-670/sec_44:2012-06-01           that day), nothing (the current one)
    Expression    act-670/sec_44@2015-11-18#en        a version in one language (en or ms)

>>> ref = VersionRef.parse("act-670/sec_44__subsec_2@2015-11-18")
>>> (str(ref.work), str(ref.provision), ref.provision.section_number, ref.at)
('act-670', 'sec_44__subsec_2', '44', datetime.date(2015, 11, 18))
>>> ref.akn(2007)
'/akn/my/act/2007/670/eng@2015-11-18/~sec_44__subsec_2'
>>> str(Expression(VersionRef(WorkId.parse("act-670"), ProvisionId.section("25")), "ms"))
'act-670/sec_25#ms'
>>> str(ProvisionId.section("51").child("subsec", "3").child("para", "b"))
'sec_51__subsec_3__para_b'
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
from dataclasses import dataclass

WORK_ID_RE = re.compile(r"^act-a?\d+$")
_WORK_NUMBER_RE = re.compile(r"^A?\d+$")
_VERSION_REF_RE = re.compile(r"^(?P<work>[^/@:]+)(?:/(?P<eid>[^@:]+))?(?:(?P<at_sign>@)(?P<at>[^@:]*)|:(?P<as_at>.*))?$")
#: the languages of the text, and their codes in Akoma Ntoso (FRBR expression) URIs
LANGUAGE_CODES = {"en": "eng", "ms": "msa"}

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


def segment(prefix: str, value: str) -> str:
    """One segment of an eId: ('subsec', '3') -> 'subsec_3' (not checked: the body parser checks its input)."""
    return f"{prefix}_{value}"


def join_eid(parent: str, segment: str) -> str:
    """The eId of a provision under `parent` ('' for a root): ('sec_51', 'subsec_3') -> 'sec_51__subsec_3'."""
    return f"{parent}__{segment}" if parent else segment


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


def slugify_term(term: str) -> str:
    """The id of a definition: 'trafficking in persons' -> 'trafficking-in-persons'."""
    slug = re.sub(r"[^0-9a-z]+", "-", term.lower()).strip("-")
    return slug


def section_sort_key(number: str) -> tuple[int, str]:
    match = re.match(r"^(\d+)([A-Z]?)$", number)
    if not match:
        return (10_000, number)
    return (int(match.group(1)), match.group(2))


# -- the identifiers as values -----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class WorkId:
    """A work: the Act ('act-670') or an amending Act ('act-a1500'). `number` as printed: '670', 'A1500'."""

    number: str

    def __post_init__(self) -> None:
        if not _WORK_NUMBER_RE.match(self.number):
            raise ValueError(f"not a work number: {self.number!r} (write 670, or A1500 for an amending Act)")

    @classmethod
    def parse(cls, text: str) -> WorkId:
        if not WORK_ID_RE.match(text.strip().lower()):
            raise ValueError(f"not a work id: {text!r} (write act-670, or act-a1500 for an amending Act)")
        return cls(text.strip().lower().removeprefix("act-").upper())

    def __str__(self) -> str:
        return f"act-{self.number.lower()}"

    @property
    def is_amending(self) -> bool:
        return self.number.startswith("A")

    def citation(self, lang: str = "en") -> str:
        """How the law cites the work in a language: 'Act 670', 'Akta 670', 'Act A1500'."""
        return f"{'Akta' if lang == 'ms' else 'Act'} {self.number}"

    def akn(self, year: int) -> str:
        """The Akoma Ntoso work URI: '/akn/my/act/2007/670'."""
        return f"/akn/my/act/{year}/{self.number.lower()}"


@dataclass(frozen=True)
class ProvisionId:
    """A provision of a work, by its Akoma Ntoso eId: 'sec_51__subsec_3__para_b', 'part_IIIA', 'longtitle'.

    Made from a valid eId only (ValueError otherwise), or built: ProvisionId.section('51').child('subsec', '3').
    """

    eid: str

    def __post_init__(self) -> None:
        split_eid(self.eid)

    @classmethod
    def parse(cls, text: str) -> ProvisionId:
        return cls(text.strip())

    @classmethod
    def section(cls, number: str) -> ProvisionId:
        return cls(segment(KIND_PREFIX["section"], number))

    @classmethod
    def part(cls, number: str) -> ProvisionId:
        return cls(segment(KIND_PREFIX["part"], number))

    def child(self, prefix: str, value: str) -> ProvisionId:
        """The provision `prefix`_`value` under this one: ('subsec', '3') under sec_51 is sec_51__subsec_3."""
        return ProvisionId(join_eid(self.eid, segment(prefix, value)))

    def __str__(self) -> str:
        return self.eid

    @property
    def segments(self) -> list[tuple[str, str]]:
        return split_eid(self.eid)

    @property
    def section_number(self) -> str | None:
        """'51' for any provision of s 51; None for a Part, the long title or the enacting formula."""
        return section_of_eid(self.eid)

    @property
    def path(self) -> tuple[str, ...]:
        """The numbers under the section: ('3', 'b') for sec_51__subsec_3__para_b."""
        return path_of_eid(self.eid)

    @property
    def is_section(self) -> bool:
        return "__" not in self.eid and self.section_number is not None

    @property
    def section_id(self) -> ProvisionId | None:
        """The section this provision is in (itself, for a section)."""
        number = self.section_number
        return ProvisionId.section(number) if number is not None else None


@dataclass(frozen=True)
class VersionRef:
    """A provision of a work (or the whole work) at a point in time.

    'act-670/sec_44@2015-11-18': the version that starts on that day; 'act-670/sec_44@': the original version;
    'act-670/sec_44:2012-06-01': the version in force on that day (asked for, never stored);
    'act-670/sec_44': the current version; 'act-670@2010-11-15': the whole Act from that day.
    """

    work: WorkId
    provision: ProvisionId | None = None
    at: dt.date | None = None
    as_at: dt.date | None = None
    original: bool = False

    def __post_init__(self) -> None:
        if sum((self.at is not None, self.as_at is not None, self.original)) > 1:
            raise ValueError("a version is named by one of: @date, @ (the original) or :date")

    @classmethod
    def parse(cls, text: str) -> VersionRef:
        match = _VERSION_REF_RE.match(text.strip())
        if not match:
            raise ValueError(f"not a version reference: {text!r} (write e.g. act-670/sec_44@2015-11-18)")
        at, as_at = match.group("at"), match.group("as_at")
        eid = match.group("eid")
        return cls(WorkId.parse(match.group("work")), ProvisionId.parse(eid) if eid else None,
                   at=parse_date(at) if at else None, as_at=parse_date(as_at) if as_at is not None else None,
                   original=bool(match.group("at_sign")) and not at)

    def __str__(self) -> str:
        return f"{self.work}{'/' if self.provision else ''}{self.provision or ''}{self._when()}"

    def _when(self) -> str:
        if self.at is not None:
            return f"@{self.at.isoformat()}"
        if self.as_at is not None:
            return f":{self.as_at.isoformat()}"
        return "@" if self.original else ""

    @property
    def is_current(self) -> bool:
        return self.at is None and self.as_at is None and not self.original

    def current(self) -> VersionRef:
        """The same provision, with no point in time."""
        return VersionRef(self.work, self.provision)

    def akn(self, year: int, lang: str = "en") -> str:
        """The Akoma Ntoso (FRBR) URI: '/akn/my/act/2007/670/eng@2015-11-18/~sec_44'."""
        provision = f"/~{self.provision}" if self.provision else ""
        return f"{self.work.akn(year)}/{LANGUAGE_CODES[lang]}{self._when()}{provision}"


@dataclass(frozen=True)
class Expression:
    """A version of a provision in one language: 'act-670/sec_44@2015-11-18#en', 'act-670/sec_25#ms'.

    `lang` is 'en' or 'ms' (the Akoma Ntoso codes 'eng' and 'msa' are accepted and stored as those)."""

    ref: VersionRef
    lang: str

    def __post_init__(self) -> None:
        codes = {code: lang for lang, code in LANGUAGE_CODES.items()}
        lang = codes.get(self.lang, self.lang)
        if lang not in LANGUAGE_CODES:
            raise ValueError(f"not a language: {self.lang!r} (write en or ms)")
        object.__setattr__(self, "lang", lang)

    @classmethod
    def parse(cls, text: str) -> Expression:
        ref, sign, lang = text.strip().rpartition("#")
        if not sign:
            raise ValueError(f"not an expression: {text!r} (write e.g. act-670/sec_25#en)")
        return cls(VersionRef.parse(ref), lang)

    def __str__(self) -> str:
        return f"{self.ref}#{self.lang}"

    def akn(self, year: int) -> str:
        return self.ref.akn(year, self.lang)
