"""One grammar for what a reader types to name a provision, used everywhere a reference is read: `atipsom show`,
`history` and `related`, the API's /api/provisions, the search query parser, guidance `cites` and `law:`
links, annotations and `atipsom check`. The browser search implements the same grammar in JavaScript; both
are tested against the conformance table spec/citations.yaml, which lists every form with its parse.

Forms, in English and Malay:

* sections and the provisions in them: "s 51(3)(b)", "s. 12", "section 66B", "sec 26A", "seksyen 44",
  "subsection 27(1)", "para 51(3)(b)", "perenggan 51(3)(b)", "§ 44", bare "26A" and "51(3)";
  a bare number ("44") only when it is all the text, or in a list: "ss 25 and 26", "sections 12, 13 and 14",
  "seksyen 25 dan 26";
* definitions in a section: "s 2(child)", "s 2 (trafficking in persons)", "2(child)";
* Parts: "Part V", "Bahagian IIIA";
* a provision of an amending Act: "A1500 s 9", "A1385 s 4(a)";
* eIds, with or without the work: "act-670/sec_51__subsec_3__para_b", "sec_44", "part_IIIA", "longtitle";
* after any section citation or eId, a point in time: "@2015-11-18" (the version starting that day),
  ":2012-06-01" (the version in force that day), a bare "@" (the original version).

Not citations: numbers among other words ("14 days", "within 24 hours"), the number of an Act or of a
gazette notification ("Act 670", "Akta 670", "P.U. (B) 86"), "A1500" alone.

The cross-references inside the law text (atipsom/domain/xrefs.py) are read by a grammar of their own: that
one reads the Act's drafting ("subsection (2)" of the same section, "sections 12 to 14", "paragraph (a)" of
the nearest provision, "section 3 of the Employment Act 1955"), which needs the provision being read, not
what a reader types.

>>> parse_citation("s 51(3)(b)").path
('3', 'b')
>>> parse_citation("seksyen 26a").section
'26A'
>>> c = parse_citation("act-670/sec_44__subsec_2:2012-06-01")
>>> (c.work, c.eid, c.section, c.path, c.as_at)
('act-670', 'sec_44__subsec_2', '44', ('2',), datetime.date(2012, 6, 1))
>>> [c.key for c in find_citations("can a magistrate extend s 51(3)(a)(i) or s 2(child)?")]
['51(3)(a)(i)', '2(child)']
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TypedDict

from atipsom.refs import examples
from atipsom.refs.ids import normalise_section_number, parse_date, split_eid

_WORDS = (
    r"subsections?|subseksyen|sub-sections?|subparagraphs?|subperenggan|paragraphs?|perenggan|"
    r"para|sections?|seksyen|sek|secs?|ss|s|subs?|§"
)
_LEVEL = r"\((?:\d{1,2}[a-z]{0,2}|[a-z]{1,2}|[ivxl]{1,6})\)"
# a defined term, bare or in the quotation marks the Act prints it in: (child), (“child”), ("child"), (‘child’)
_DEFINITION = r"\(\s?[“\"‘']?(?P<term>[a-z][a-z \-’']{1,60}[a-z])[”\"’']?\s?\)"
_DATE = r"\d{4}-\d{2}-\d{2}"
# a point in time after a section or an eId: @date, bare @, :date
_WHEN = rf"(?:(?P<at_sign>@)(?P<at>{_DATE})?|:(?P<as_at>{_DATE}))?"

_SECTION_FORM = rf"""
    (?<![\w/.(])
    (?:(?P<word>{_WORDS})\.?\s*)?
    (?P<section>\d{{1,3}}[a-z]?)(?![\w/])
    (?:
        (?P<path>(?:\s?{_LEVEL})+)
      | \s?{_DEFINITION}
    )?
    {_WHEN}
    (?![\w(])
"""
_EID_FORM = rf"""
    (?<![\w/\-])
    (?:(?P<work>act-a?\d+)/)?
    (?P<eid>(?:sec|part)_[0-9A-Za-z_\-]+|longtitle|enacting)
    {_WHEN}
    (?![\w/])
"""
_PART_FORM = r"""
    (?<![\w\-])
    (?P<part_word>part|bahagian)\s+
    (?P<part>[ivx]+(?-i:[A-Z])?)
    (?![\w\-])
"""
_AMENDING_FORM = rf"""
    (?<![\w/\-])
    (?P<act>a\d{{3,4}})\s+
    (?:{_WORDS})\.?\s*
    (?P<act_section>\d{{1,3}}[a-z]?)
    (?P<act_path>(?:\s?{_LEVEL})*)
    (?![\w(])
"""
_FORMS = {"eid": _EID_FORM, "amending": _AMENDING_FORM, "part": _PART_FORM, "section": _SECTION_FORM}


def _named(form: str, name: str) -> str:
    """A form with its group names made unique, so that the forms can be alternatives of one pattern."""
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{name}_{m.group(1)}>", form)


CITATION_RE = re.compile("|".join(f"(?P<{name}>{_named(form, name)})" for name, form in _FORMS.items()), re.X | re.I)
_LEVEL_RE = re.compile(_LEVEL, re.I)
_LIST_GLUE = re.compile(r"\s*(?:,|and|dan|or|atau|&)\s*", re.I)
# words after which "and 26", ", 27" are citations too (Malay words have no plural: "seksyen 25 dan 26")
_LIST_WORDS = frozenset({"ss", "sections", "subsections", "paragraphs", "sub-sections", "subparagraphs",
                         "seksyen", "subseksyen", "perenggan", "subperenggan"})
_NOT_A_CITATION_BEFORE = re.compile(r"\b(?:act|akta|no|p\.\s?u\.(?:\s?\([ab]\))?)\s*\.?\s*$", re.I)
_TRIM = " \t\n.,;:?!"

EXAMPLES = f"'12', 's 51(3)(b)', 'section 26A', 'seksyen 44', 's 2(child)' or '{examples.PROVISION}'"


@dataclass(frozen=True)
class Citation:
    """One citation, parsed but not resolved against the law.

    `work` is set only when the citation names it ("act-670/sec_44", "A1500 s 9": "act-a1500"); otherwise
    the citation is of the Act being read. `eid` is set when the citation was written as an eId. `at` asks
    for the version starting that day (`original` for the first one); `as_at` for the version in force then.
    """

    text: str = ""  # as written
    work: str | None = None
    section: str | None = None  # "26A"
    path: tuple[str, ...] = ()  # the bracketed numbers under the section, as written: ("3", "b")
    term: str | None = None  # a defined term: "child"
    part: str | None = None  # "V", "IIIA"
    eid: str | None = None
    at: dt.date | None = None
    as_at: dt.date | None = None
    original: bool = False
    start: int = 0  # where it is in the text it was found in
    end: int = 0

    @property
    def key(self) -> str:
        """The citation key as the search index has it (lower case): '51(3)(b)', '26a', '2(child)'."""
        key = (self.section or "").lower() + "".join(f"({level.lower()})" for level in self.path)
        if self.term:
            key += f"({self.term.lower()})"
        return key

    @property
    def is_section(self) -> bool:
        return not self.path and not self.term

    @property
    def of_amending_act(self) -> bool:
        return bool(self.work and self.work.startswith("act-a"))

    @property
    def section_eid(self) -> str | None:
        return f"sec_{self.section}" if self.section else None

    def to_json(self) -> dict[str, object]:
        """The parse as plain data, in the shape of the rows of spec/citations.yaml."""
        return {
            "work": self.work, "section": self.section, "path": list(self.path), "term": self.term,
            "part": self.part, "eid": self.eid,
            "at": self.at.isoformat() if self.at else None,
            "as_at": self.as_at.isoformat() if self.as_at else None,
            "original": self.original,
        }


def parse_citation(text: str) -> Citation:
    """The one citation that is all of `text`; ValueError with a readable message if it is not one."""
    typed = text.strip()
    if not typed:
        raise ValueError("empty reference")
    # compatibility characters read as what they stand for, as the search reads them: "s 4４" is s 44
    raw = unicodedata.normalize("NFKC", typed)
    found = _find(raw, strict=True)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(raw):
        return found[0]
    if len(found) > 1 and found[0].start == 0 and found[-1].end == len(raw):
        raise ValueError(f"{typed!r} names {len(found)} provisions; give one")
    raise ValueError(f"not a reference: {typed!r} (try {EXAMPLES})")


def find_citations(text: str) -> list[Citation]:
    """Every citation in free text (a search query, a sentence), in order. Never raises."""
    return _find(text, strict=False)


def _find(text: str, *, strict: bool) -> list[Citation]:
    citations: list[Citation] = []
    whole = text.strip(_TRIM)
    list_open = False  # after "ss 25", "sections 12": "and 26", ", 27" are citations too
    for match in CITATION_RE.finditer(text):
        kind = match.lastgroup
        if kind == "eid":
            citation = _eid_citation(match, strict)
        elif kind == "amending":
            citation = _amending_citation(match)
        elif kind == "part":
            citation = Citation(text=match.group(0), part=match.group("part_part").upper(),
                                start=match.start(), end=match.end())
        else:
            in_list = bool(list_open and citations and _LIST_GLUE.fullmatch(text[citations[-1].end:match.start()]))
            citation, list_open = _section_citation(match, text, whole, in_list, list_open)
        if citation is not None:
            citations.append(citation)
    return citations


class _When(TypedDict):
    at: dt.date | None
    as_at: dt.date | None
    original: bool


def _when(match: re.Match[str], kind: str) -> _When:
    at, as_at = match.group(f"{kind}_at"), match.group(f"{kind}_as_at")
    return {"at": parse_date(at) if at else None, "as_at": parse_date(as_at) if as_at else None,
            "original": bool(match.group(f"{kind}_at_sign")) and not at}


def _eid_citation(match: re.Match[str], strict: bool) -> Citation | None:
    eid = match.group("eid_eid")
    try:
        segments = split_eid(eid)
        section = None
        path: tuple[str, ...] = ()
        if segments[0][0] == "sec":
            section = normalise_section_number(segments[0][1])
            path = tuple(value for kind, value in segments[1:] if kind not in ("def", "proviso"))
            eid = "__".join([f"sec_{section}"] + [f"{k}_{v}" for k, v in segments[1:]])
        when = _when(match, "eid")
    except ValueError:
        if strict:
            raise
        return None
    part = segments[0][1] if segments[0][0] == "part" and len(segments) == 1 else None
    work = match.group("eid_work")
    return Citation(text=match.group(0), work=work.lower() if work else None, section=section, path=path,
                    part=part, eid=eid, start=match.start(), end=match.end(), **when)


def _amending_citation(match: re.Match[str]) -> Citation:
    levels = tuple(level[1:-1] for level in _LEVEL_RE.findall(match.group("amending_act_path") or ""))
    return Citation(text=match.group(0), work=f"act-{match.group('amending_act').lower()}",
                    section=normalise_section_number(match.group("amending_act_section")), path=levels,
                    start=match.start(), end=match.end())


def _section_citation(match: re.Match[str], text: str, whole: str, in_list: bool,
                      list_open: bool) -> tuple[Citation | None, bool]:
    section = match.group("section_section")
    word, path, term = match.group("section_word"), match.group("section_path"), match.group("section_term")
    dated = match.group("section_at_sign") or match.group("section_as_at")
    if _NOT_A_CITATION_BEFORE.search(text[: match.start()]) and not word:
        return None, list_open
    if (not word and not path and not term and not dated and not section[-1].isalpha() and not in_list
            and whole != match.group(0).strip()):
        return None, list_open  # "14 days": a number, not s 14
    if word:
        list_open = word.lower() in _LIST_WORDS
    if section.lstrip("0") == "":
        return None, list_open
    try:
        when = _when(match, "section")
    except ValueError:
        return None, list_open
    levels = tuple(level[1:-1] for level in _LEVEL_RE.findall(path or ""))
    return Citation(text=match.group(0), section=normalise_section_number(section), path=levels,
                    term=" ".join(term.split()) if term else None, start=match.start(), end=match.end(),
                    **when), list_open
