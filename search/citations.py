"""Find citations of Act 670 in a reader's query and turn them into index citation keys.

Recognised, in English and Malay: "s 51(3)(b)", "s. 12", "ss 25", "section 26A", "sec 26A",
"seksyen 44", "subsection 27(1)", "subseksyen 27(1)", "para 51(3)(b)", "paragraph 51(3)(b)",
"perenggan 51(3)(b)", "§ 44", bare "26A", bare "51(3)", and a bare number ("44") when it is the
whole query. A bare number inside other words ("14 days", "Act 670") is not a citation.
Definitions in s 2 can be cited as "2(child)" or "s 2(trafficking in persons)".

>>> [c.key for c in find_citations("can a magistrate extend s 51(3)(a)(i)?")]
['51(3)(a)(i)']
>>> [c.key for c in find_citations("seksyen 26a dan 44")]
['26a']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = (
    r"subsections?|subseksyen|sub-sections?|subparagraphs?|subperenggan|paragraphs?|perenggan|"
    r"para|sections?|seksyen|sek|secs?|ss|s|subs?|§"
)
_LEVEL = r"\((?:\d{1,2}[a-z]{0,2}|[a-z]{1,2}|[ivxl]{1,6})\)"
_DEFINITION = r"\((?P<term>[a-z][a-z \-’']{1,60}[a-z])\)"

CITATION_RE = re.compile(
    rf"""(?<![\w/.(])
    (?:(?P<word>{_WORDS})\.?\s*)?
    (?P<section>\d{{1,3}}[a-z]?)(?![\w/])
    (?:
        (?P<path>(?:\s?{_LEVEL})+)
      | \s?{_DEFINITION}
    )?
    (?![\w(])
    """,
    re.X | re.I,
)
_LEVEL_RE = re.compile(_LEVEL, re.I)
_LIST_GLUE = re.compile(r"\s*(?:,|and|dan|or|atau|&)\s*", re.I)
_PLURAL_WORDS = frozenset({"ss", "sections", "subsections", "paragraphs", "sub-sections", "subparagraphs"})
_NOT_A_CITATION_BEFORE = re.compile(r"\b(?:act|akta|no|p\.\s?u\.(?:\s?\([ab]\))?)\s*\.?\s*$", re.I)


@dataclass(frozen=True)
class Citation:
    """One citation found in a query: its section, the bracketed levels, the normalised index
    key, and where it was in the query text."""

    section: str  # as printed: "26A"
    path: tuple[str, ...]  # ("3", "b")
    term: str | None  # a defined term in s 2
    start: int
    end: int

    @property
    def key(self) -> str:
        """The citation key as indexed (lower case): '51(3)(b)', '26a', '2(child)'."""
        key = self.section.lower() + "".join(f"({level.lower()})" for level in self.path)
        if self.term:
            key += f"({self.term.lower()})"
        return key

    @property
    def is_section(self) -> bool:
        return not self.path and not self.term


def find_citations(text: str) -> list[Citation]:
    """Every citation in `text`, in order (see the module docstring)."""
    citations: list[Citation] = []
    whole = text.strip(" \t\n.,;:?!")
    list_open = False  # after "ss 25", "sections 12": "and 26", ", 27" are citations too
    for match in CITATION_RE.finditer(text):
        section = match.group("section")
        word, path, term = match.group("word"), match.group("path"), match.group("term")
        in_list = list_open and citations and _LIST_GLUE.fullmatch(text[citations[-1].end : match.start()])
        if _NOT_A_CITATION_BEFORE.search(text[: match.start()]) and not word:
            continue
        if not word and not path and not term and not section[-1].isalpha() and not in_list:
            if whole != match.group(0).strip():
                continue  # "14 days": a number, not s 14
        if word:
            list_open = word.lower() in _PLURAL_WORDS
        if section.lstrip("0") == "":
            continue
        levels = tuple(level[1:-1] for level in _LEVEL_RE.findall(path or ""))
        citations.append(
            Citation(
                section=_normalise_section(section),
                path=levels,
                term=" ".join(term.split()) if term else None,
                start=match.start(),
                end=match.end(),
            )
        )
    return citations


def _normalise_section(number: str) -> str:
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    letter = number[len(digits):]
    return str(int(digits)) + letter.upper()
