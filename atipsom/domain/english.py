"""The English layer (issue 12): English words for instructions that no English source gives.

An `EnglishEntry` (statutes/english/<act>.md) gives the English payload of one Malay-only instruction,
with its tier (reconstructed | rendered | translated), the Malay it renders (to notice when that Malay
changes), its sources and notes. A `Term` (statutes/terms.yml) pairs a Malay legal term with the
English the Act's bilingual texts use for it. Pure: checks return InputErrors, nothing is read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from atipsom.domain.errors import InputError
from atipsom.domain.model import AmendingAct, Instruction, SourceRef
from atipsom.domain.text import has_missing_part

ENGLISH_TIERS = ("reconstructed", "rendered", "translated")


@dataclass(frozen=True)
class EnglishEntry:
    act: str  # act-a1385
    instruction: str  # the instruction's `provision`: sec_19
    target: str | None
    tier: str  # reconstructed | rendered | translated
    renders: Mapping[str, Any]  # {"ms": the instruction's Malay payload, as written}
    en: Any  # the English payload (a typed payload of the instruction's operation)
    sources: tuple[SourceRef, ...] = ()
    dispute: str = ""
    note: str = ""
    path: str = ""
    line: int | None = None

    def is_stale(self, malay: Mapping[str, Any] | None) -> bool:
        """True when the instruction's Malay payload (as written) is no longer the Malay this entry renders."""
        return _norm(self.renders.get("ms")) != _norm(malay)


def _norm(payload: Mapping[str, Any] | None) -> dict[str, Any]:
    """A payload compared for staleness: text values without surrounding whitespace (a YAML block's last newline)."""
    return {key: value.strip() if isinstance(value, str) else value for key, value in (payload or {}).items()}


@dataclass(frozen=True)
class Term:
    ms: str
    en: str
    source: str = ""
    line: int | None = None


def _words(payload: Mapping[str, Any] | None) -> str:
    return " ".join(str(v) for k, v in (payload or {}).items() if k in ("new", "words", "text", "heading"))


def _contains(text: str, words: str) -> bool:
    pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words.split()) + r"s?(?![\w-])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def term_problems(entry: EnglishEntry, terms: Iterable[Term], terms_path: str) -> list[InputError]:
    """A rendered or translated entry that renders a banked Malay term with other English words."""
    if entry.tier not in ("rendered", "translated"):
        return []
    malay = _words(entry.renders.get("ms"))
    english = _words(entry.en.as_written() if entry.en is not None else None).replace("\u27e6", "").replace("\u27e7", "")
    problems = []
    for term in terms:
        if _contains(malay, term.ms) and not _contains(english, term.en):
            problems.append(InputError(entry.path, entry.line,
                                       f"{entry.instruction} renders the banked term “{term.ms}” without its banked "
                                       f"English “{term.en}” ({terms_path}:{term.line})",
                                       f"use “{term.en}”, or correct the term bank if the Act's English differs"))
    return problems


def english_problems(amendments: Iterable[AmendingAct], terms: Iterable[Term], terms_path: str = "statutes/terms.yml") -> list[InputError]:
    """What `atipsom check` reports about the English layer: stale entries (the Malay they render changed),
    entries an instruction's own English now supersedes, and renderings that do not use the term bank."""
    problems: list[InputError] = []
    terms = tuple(terms)
    for act in amendments:
        for instruction in act.instructions:
            entry = instruction.english
            if entry is None:
                continue
            malay = instruction.payload.get("ms")
            if "en" in instruction.payload and not _has_gaps(instruction.payload["en"]):
                problems.append(InputError(entry.path, entry.line,
                                           f"{act.number} {entry.instruction} now has English words of its own "
                                           f"({instruction.path}:{instruction.line}), which replace this entry",
                                           "delete the entry: a verbatim source wins over our English"))
            elif entry.is_stale(malay.as_written() if malay is not None else None):
                problems.append(InputError(entry.path, entry.line,
                                           f"stale: the Malay it renders changed ({act.number} {entry.instruction}, "
                                           f"{instruction.path}:{instruction.line}); re-render",
                                           "copy the instruction's ms payload into renders.ms and check the English"))
            problems.extend(term_problems(entry, terms, terms_path))
    return problems


def _has_gaps(payload: Any) -> bool:
    return any(isinstance(v, str) and has_missing_part(v) for v in payload.as_written().values())


def english_gaps(amendments: Iterable[AmendingAct]) -> list[Instruction]:
    """Instructions that change the English text but give no English words, with no English-layer entry."""
    gaps = []
    for act in amendments:
        for instruction in act.instructions:
            if instruction.lang or not instruction.payload:
                continue
            if "en" in instruction.payload and not _has_gaps(instruction.payload["en"]):
                continue
            entry = instruction.english
            malay = instruction.payload.get("ms")
            if entry is None or entry.is_stale(malay.as_written() if malay is not None else None):
                gaps.append(instruction)
    return gaps
