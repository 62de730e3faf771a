"""Case notes: our own summary of a court decision that interprets the Act, with its sources.

A note (docs/cases/<slug>.md, in Malay docs/ms/cases/<slug>.md) names the court, the date of the decision
(or says why no source gives one), the provisions it concerns at the version in force at the time, and the
public sources it rests on. What is checked here, on values (atipsom.load.cases reads the files):

* every note has at least one source, each with an http(s) address;
* every provision, citation and `law:` link resolves; each of `provisions` names a version (`:YYYY-MM-DD`,
  the version in force at the time of the decision) and is also in `cites`;
* victims and witnesses by initials only: `victims:` lists how the note refers to each (initials such as
  "S." or "M.K."), and the note's words are searched for a victim or witness named in full (see
  `named_victims`: a word such as "victim", "witness", "mangsa" or "saksi" next to two or more capitalised
  words, unless the name is one of the `parties`, as the court names them) and for any name on the
  maintainers' list of withheld names (stored as SHA-256 hashes, so the list
  does not itself publish them). The limits: the pattern cannot know that a name elsewhere in the text is a
  victim's, and the list holds only the names someone has added to it; a reviewer still reads every note.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from atipsom.domain.amend import Consolidation
from atipsom.domain.errors import InputError
from atipsom.domain.guidance import LAW_LINK_RE
from atipsom.domain.lookup import NotFound, resolve
from atipsom.refs import examples
from atipsom.refs.citations import parse_citation

SOURCE_KINDS = ("judgment", "law-report", "sherloc", "news")


@dataclass(frozen=True)
class CaseSource:
    title: str
    publisher: str
    url: str
    kind: str
    date: dt.date | None = None
    line: int = 1


@dataclass(frozen=True)
class CaseNote:
    slug: str
    lang: str  # "en" | "ms"
    title: str
    summary: str
    body: str
    path: str
    court: str = ""
    decided: dt.date | None = None
    date_note: str = ""
    citation: str = ""
    case_number: str = ""
    parties: str = ""
    provisions: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    source_kind: str = ""
    sources: tuple[CaseSource, ...] = ()
    victims: tuple[str, ...] = ()
    reviewed: dt.date | None = None
    written_first: str | None = None
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # key -> line, for messages
    provision_lines: tuple[int, ...] = ()
    cite_lines: tuple[int, ...] = ()

    @property
    def id(self) -> str:
        return f"case/{self.slug}"

    @property
    def is_index(self) -> bool:
        return self.slug == "index"

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def sections(self) -> list[str]:
        """The sections the note concerns (from `provisions`), in order, once each."""
        out = []
        for ref in self.provisions:
            try:
                section = parse_citation(ref).section
            except ValueError:
                continue
            if section and section not in out:
                out.append(section)
        return out


# -- checks -------------------------------------------------------------------------------------------

_INITIALS_RE = re.compile(r"^(?:[A-Z]{1,2}\.\s?){1,4}$")
_CAPITALISED = r"[A-Z][a-z’'\-]+"
_LINKER = r"(?:\s+(?:bin|binti|bte|bt|a/l|a/p|anak|van|de|al)\s+|\s+)"
_NAME = rf"{_CAPITALISED}(?:{_LINKER}{_CAPITALISED}){{1,4}}"
_VICTIM_WORDS = (r"victims?|witness(?:es)?|complainants?|survivors?|domestic workers?|maids?|"
                 r"mangsa|saksi|pengadu|pembantu rumah|pekerja domestik")
_NAMED_VICTIM_RE = re.compile(
    rf"\b(?i:{_VICTIM_WORDS})\b[,:]?\s*(?:\(|,\s*|named\s+|called\s+|bernama\s+|iaitu\s+)?(?P<name>{_NAME})")
_NAME_RUN_RE = re.compile(_NAME)


def is_initials(text: str) -> bool:
    """'S.', 'M.K.', 'A. R.': initials only."""
    return bool(_INITIALS_RE.match(text.strip()))


def name_hash(name: str) -> str:
    """The form of a name on the list of withheld names: SHA-256 of its words, lower case, single spaces."""
    return hashlib.sha256(" ".join(name.lower().split()).encode("utf-8")).hexdigest()


def _lines_of(note: CaseNote) -> Iterable[tuple[int, str]]:
    yield note.line_of("title"), note.title
    yield note.line_of("summary"), note.summary
    yield note.line_of("parties"), note.parties
    for offset, line in enumerate(note.body.split("\n")):
        yield note.body_line + offset, line


def named_victims(text: str) -> list[str]:
    """Names written right after a word for a victim or witness ("the victim, Siti Aminah", "saksi bernama
    Ali Ahmad"): what the note must not do. Initials ("the victim (S.)") are not names."""
    return [match.group("name") for match in _NAMED_VICTIM_RE.finditer(text)]


def privacy_errors(note: CaseNote, withheld: frozenset[str] = frozenset()) -> list[InputError]:
    """Victims and witnesses by initials only (see the module's notes for what this can and cannot catch)."""
    errors = []
    for entry in note.victims:
        if not is_initials(entry):
            errors.append(InputError(note.path, note.line_of("victims"),
                                     f"victims: {entry!r} is not initials",
                                     "name victims and witnesses by initials only, e.g. \"S.\" or \"M.K.\""))
    for line, text in _lines_of(note):
        for name in named_victims(text):
            if name in note.parties:
                continue  # a party to the case (the accused, the applicant), named as the court names them
            errors.append(InputError(note.path, line, f"a victim or witness is named in full: {name!r}",
                                     "use initials only (e.g. \"the victim (S.)\"), whatever the source does, "
                                     "and list them under victims:"))
        if withheld:
            for match in _NAME_RUN_RE.finditer(text):
                words = match.group(0).split()
                for size in range(2, len(words) + 1):
                    for start in range(len(words) - size + 1):
                        if name_hash(" ".join(words[start:start + size])) in withheld:
                            errors.append(InputError(note.path, line, "a name on the list of withheld names "
                                                     "(reference/withheld-names.yml) appears here",
                                                     "replace it with initials"))
    return errors


def source_errors(note: CaseNote) -> list[InputError]:
    if note.is_index:
        return []
    errors = []
    if not note.sources:
        errors.append(InputError(note.path, note.line_of("sources"), "a case note needs at least one source",
                                 "add sources: with the title, publisher and https:// address of a law report, "
                                 "judgment or news report you have read"))
    for source in note.sources:
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", source.url):
            errors.append(InputError(note.path, source.line, f"source address {source.url!r} is not a web address",
                                     "give the http:// or https:// address where the source can be read"))
    return errors


def reference_errors(note: CaseNote, consolidation: Consolidation, today: dt.date) -> list[InputError]:
    """Every provision, citation and law: link resolves; `provisions` name the version at the time."""
    errors = []
    cited = set(note.cites)
    for key, refs, lines in (("provisions", note.provisions, note.provision_lines),
                             ("cites", note.cites, note.cite_lines)):
        for index, ref in enumerate(refs):
            line = lines[index] if index < len(lines) else note.line_of(key)
            try:
                citation = parse_citation(ref)
                resolve(consolidation, ref, today=today)
            except (ValueError, NotFound) as exc:
                errors.append(InputError(note.path, line, f"{key}: '{ref}' does not resolve: {exc}",
                                         f"name a provision that exists, e.g. {examples.PROVISION_AS_AT}"))
                continue
            if key == "provisions" and citation.as_at is None:
                errors.append(InputError(note.path, line, f"provisions: '{ref}' names no version",
                                         "add the date of the decision (or of the events) to link the version "
                                         f"in force at the time, e.g. {ref}:{note.decided or '2019-04-12'}"))
            if key == "provisions" and ref not in cited:
                errors.append(InputError(note.path, line, f"provisions: '{ref}' is not in cites",
                                         "list every provision the note concerns under cites: as well"))
    for line, text in [(note.line_of("summary"), note.summary)] + [
            (note.body_line + offset, text) for offset, text in enumerate(note.body.split("\n"))]:
        for match in LAW_LINK_RE.finditer(text):
            try:
                resolve(consolidation, match.group("ref"), today=today)
            except NotFound as exc:
                errors.append(InputError(note.path, line, f"law link '{match.group('ref')}' does not resolve: {exc}",
                                         f"link a provision that exists, e.g. law:{examples.PROVISION_AS_AT}",
                                         match.start("ref") - 3))
    return errors


def case_errors(notes: Iterable[CaseNote], consolidation: Consolidation, today: dt.date,
                withheld: frozenset[str] = frozenset()) -> list[InputError]:
    errors: list[InputError] = []
    for note in notes:
        errors.extend(source_errors(note))
        errors.extend(reference_errors(note, consolidation, today))
        errors.extend(privacy_errors(note, withheld))
    return errors
