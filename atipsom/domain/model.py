"""The domain model: frozen dataclasses for the Act, its provisions, versions and amendments.

Words used the same way everywhere: a *work* is an Act; a *section* is a section of it; a *provision*
is any addressable unit; a *version* is the text of a section in force from one date; an
*amendment* is an amending Act, made of *instructions*; a *guidance page* is our own explanation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atipsom.domain.records import Commencement as Commencement
from atipsom.domain.records import Correction as Correction
from atipsom.domain.records import DatedFact as DatedFact
from atipsom.domain.records import Source as Source
from atipsom.domain.records import SourceRef as SourceRef
from atipsom.domain.text import MISSING as MISSING
from atipsom.domain.text import Missing as Missing
from atipsom.domain.text import Text as Text
from atipsom.domain.text import is_available as is_available
from atipsom.refs.ids import ProvisionId, VersionRef, WorkId, format_amending_provision

if TYPE_CHECKING:  # the English layer entry type; english.py imports this module
    from atipsom.domain.english import EnglishEntry

LANGS = ("en", "ms")
LANG_NAMES = {"en": "English", "ms": "Bahasa Malaysia"}

PROVISION_KINDS = ("section", "subsec", "para", "subpara", "item", "def", "proviso", "longtitle", "enacting")
TEXT_STATUSES = ("verbatim", "incomplete", "missing", "disputed", "unofficial-translation")
CHANGES = ("original", "amended", "substituted", "inserted", "repealed")
CERTAINTIES = ("official", "reprint", "single-source", "unverified", "unknown")
#: How far an English text can be trusted, best first (issue 12). `verbatim`: the words of a source;
#: `reconstructed`: every word from English sources, assembled by us; `rendered`: a known English text
#: with a Malay-only amendment carried over by us (our words marked ⟦ ⟧ inline); `translated`: our
#: translation of Malay that no English source gives. Malay text is always `verbatim`.
TIERS = ("verbatim", "reconstructed", "rendered", "translated")


@dataclass(frozen=True)
class Provision:
    """One addressable unit of law text in one language, with the units under it.

    `text` is the provision's own words (for a section with subsections, its opening words, often
    empty); `wrapup` the words after its children ("may be dealt with as if…"), None where there are none.
    Either is `MISSING` where no source gives the words in this language.
    """

    eid: str
    kind: str
    num: str | None = None  # as printed, with brackets: "(3)", "(a)"; the section number for a section
    text: Text = ""
    children: tuple[Provision, ...] = ()
    wrapup: Text | None = None
    line: int | None = field(default=None, compare=False, repr=False)
    tier: str = "verbatim"  # the tier of this provision's own words (text + wrapup); children carry their own

    def walk(self) -> Iterator[Provision]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, eid: str) -> Provision | None:
        for provision in self.walk():
            if provision.eid == eid:
                return provision
        return None

    @property
    def term(self) -> str | None:
        """The defined term of a definition (first quoted words), else None."""
        if self.kind != "def" or isinstance(self.text, Missing):
            return None
        match = re.match(r"\s*[“\"‘']\s*([^”\"’']+?)\s*[”\"’']", self.text)
        return match.group(1) if match else None

    def texts(self) -> Iterator[Text]:
        """Every piece of words in this provision and under it, in reading order."""
        yield self.text
        for child in self.children:
            yield from child.texts()
        if self.wrapup is not None:
            yield self.wrapup

    @property
    def is_fully_available(self) -> bool:
        return all(is_available(t) for t in self.texts())

    @property
    def has_available_text(self) -> bool:
        return any(is_available(t) and t for t in self.texts())

    @property
    def words(self) -> Iterator[str]:
        """The words of this provision and under it that a source gives, in reading order (missing texts left out)."""
        return (t for t in self.texts() if isinstance(t, str))


@dataclass(frozen=True)
class Section:
    """A section as first enacted, in both languages (statutes/<work>/sec_N.md)."""

    number: str
    part: str
    heading: Mapping[str, Text]  # MISSING in a language no source gives it in
    body: Mapping[str, Provision]
    source: Mapping[str, SourceRef]
    text_status: Mapping[str, str]
    editor_note: str = ""
    corrections: tuple[Correction, ...] = ()
    path: str = ""

    @property
    def eid(self) -> str:
        return str(ProvisionId.section(self.number))


@dataclass(frozen=True)
class Part:
    number: str
    heading: Mapping[str, Text]  # MISSING in a language no source gives it in
    sections: tuple[str, ...]  # section numbers in order
    heading_tier: Mapping[str, str] = field(default_factory=dict)  # lang -> tier; absent = verbatim

    @property
    def eid(self) -> str:
        return str(ProvisionId.part(self.number))


@dataclass(frozen=True)
class Work:
    """The Act itself (statutes/<work>/work.md)."""

    id: str
    number: str
    year: int
    frbr: str
    title: Mapping[str, Text]
    bill_number: str
    assent: DatedFact
    gazette: DatedFact
    commencements: tuple[Commencement, ...]
    parts: tuple[Part, ...]
    front: Mapping[str, Provision]  # per language: a root whose children are `longtitle` and `enacting`
    source: Mapping[str, SourceRef]
    text_status: Mapping[str, str]
    authoritative_text: str = ""
    editor_note: str = ""
    path: str = ""

    def commencement_of(self, section_number: str, part: str) -> Commencement | None:
        """The commencement that brought a section into force: by section, else by its Part."""
        for wanted in (str(ProvisionId.section(section_number)), str(ProvisionId.part(part))):
            for commencement in sorted(self.commencements, key=lambda c: c.date):
                if wanted in commencement.provisions:
                    return commencement
        return None


@dataclass(frozen=True)
class Instruction:
    """One amending instruction: which provision of which amending Act changed what."""

    act: str  # act-a1500
    provision: str  # eId in the amending Act: sec_9, sec_3__para_b
    op: str
    target: str | None
    payload: Mapping[str, Any]  # per language: a typed payload (atipsom.domain.amend.payloads)
    lang: str | None = None  # applies to this language text only
    field: str = "text"  # text | heading
    after: str | None = None
    into: str | None = None
    section: str | None = None
    part: str | None = None
    num: str | None = None
    occurrence: str | int | None = None
    en_source: SourceRef | None = None
    note: str = ""
    path: str = ""
    line: int | None = None
    index: int = 0  # position within its Act
    conflict: str = ""  # our note: the words of the instruction are known not to match the text we have
    dispute: str = ""  # our note: the sources disagree about the words it brings (both readings, their sources)
    english: EnglishEntry | None = None  # its EnglishEntry (statutes/english/, atipsom.domain.english) when it has no English words

    @property
    def citation(self) -> str:
        """'A1500 s 9' or 'A1500 s 3(b)'."""
        return format_amending_provision(self.act, self.provision)


@dataclass(frozen=True)
class Transitional:
    provision: str
    summary: str


@dataclass(frozen=True)
class NotInForce:
    """Provisions of an amending Act never brought into force (as far as the sources say): their instructions
    change no text; the amending Act's page lists them as "not in force"."""

    provisions: tuple[str, ...]  # eIds in the amending Act: sec_5, sec_3__para_b
    note: str = ""
    source: str = ""


def _covers(eid: str, provision: str) -> bool:
    """True when `eid` names `provision` or a provision above it: sec_3 covers sec_3__para_b."""
    return provision == eid or provision.startswith(eid + "__")


@dataclass(frozen=True)
class AmendingAct:
    """An amending Act (statutes/amendments/act-a<n>.md).

    Commencement per amending provision: every provision comes into force on `in_force` unless a later
    entry of `commencements` names it (or a provision above it): staged commencement; one named in
    `not_in_force` never came into force. `in_force` is the first (or only) commencement date.
    """

    id: str
    number: str  # "A1500"
    short_title: Mapping[str, Text]
    bill_number: str
    bill_source: Mapping[str, str]
    assent: DatedFact
    gazette: DatedFact
    in_force: DatedFact
    english_text: str
    instructions: tuple[Instruction, ...]
    transitional: tuple[Transitional, ...] = ()
    summary: str = ""
    path: str = ""
    commencements: tuple[Commencement, ...] = ()  # staged commencement: provisions in force on a later date
    not_in_force: tuple[NotInForce, ...] = ()

    @property
    def in_force_from(self) -> dt.date:
        assert self.in_force.date is not None
        return self.in_force.date

    def commencement_of(self, provision: str) -> Commencement | None:
        """The staged commencement that names `provision` (or a provision above it), else None."""
        return next((c for c in self.commencements if any(_covers(eid, provision) for eid in c.provisions)), None)

    def is_never_in_force(self, provision: str) -> bool:
        return any(_covers(eid, provision) for entry in self.not_in_force for eid in entry.provisions)

    def in_force_of(self, provision: str) -> dt.date | None:
        """The date the amending provision came into force; None when it never did."""
        if self.is_never_in_force(provision):
            return None
        commencement = self.commencement_of(provision)
        return commencement.date if commencement is not None else self.in_force_from

    @property
    def in_force_dates(self) -> tuple[dt.date, ...]:
        """Every date on which some of its provisions came into force, oldest first."""
        dates = {date for i in self.instructions if (date := self.in_force_of(i.provision)) is not None}
        return tuple(sorted(dates or {self.in_force_from}))


@dataclass(frozen=True)
class AmendmentRef:
    """Why a version differs from the one before: an instruction, with its Act and in-force date."""

    act: str
    act_number: str
    provision: str
    in_force: dt.date
    op: str
    target: str | None
    langs: tuple[str, ...]  # languages in which the instruction changed text
    note: str = ""

    @property
    def citation(self) -> str:
        return format_amending_provision(self.act, self.provision)


@dataclass(frozen=True)
class Version:
    """The text of one section in force from one date, in both languages."""

    work: str
    number: str
    part: str
    in_force_from: dt.date
    in_force_to: dt.date | None  # last day in force; None while current
    change: str
    heading: Mapping[str, Text]  # MISSING in a language no source gives it in
    body: Mapping[str, Provision]
    amended_by: tuple[AmendmentRef, ...]  # the instructions that made this version
    history: Mapping[str, tuple[AmendmentRef, ...]]  # eid -> every instruction that ever touched it
    text_status: Mapping[str, str]
    source: Mapping[str, SourceRef]
    notes: tuple[str, ...] = ()
    editor_note: str = ""
    heading_tier: Mapping[str, str] = field(default_factory=dict)  # lang -> tier; absent = verbatim
    renamed: Mapping[str, str] = field(default_factory=dict)  # old eId -> its eId in this version (renumbering)

    @property
    def eid(self) -> str:
        return str(ProvisionId.section(self.number))

    def current_eid(self, eid: str) -> str:
        """The eId a provision has in this version: an old anchor of a renumbered provision (sec_3__para_a)
        gives its new one (sec_3__subsec_1__para_a); any other eId is itself."""
        return self.renamed.get(eid, eid)

    def old_eids(self, eid: str) -> tuple[str, ...]:
        """The earlier eIds of a provision that renumbering moved to `eid` in this version."""
        return tuple(sorted(old for old, new in self.renamed.items() if new == eid))

    @property
    def version_ref(self) -> VersionRef:
        """This version of the section: act-670/sec_44@2015-11-18."""
        return VersionRef(WorkId.parse(self.work), ProvisionId.section(self.number), at=self.in_force_from)

    def provision_ref(self, eid: str) -> VersionRef:
        """This version of a provision in the section: act-670/sec_44__subsec_2@2015-11-18."""
        return VersionRef(WorkId.parse(self.work), ProvisionId(eid), at=self.in_force_from)

    @property
    def ref(self) -> str:
        return str(self.version_ref)

    def is_in_force_on(self, date: dt.date) -> bool:
        return self.in_force_from <= date and (self.in_force_to is None or date <= self.in_force_to)


@dataclass(frozen=True)
class WorkVersion:
    """The Act as a whole from one date: Parts (with headings and sections), long title."""

    in_force_from: dt.date
    in_force_to: dt.date | None
    title: Mapping[str, Text]
    parts: tuple[Part, ...]
    front: Mapping[str, Provision]
    amended_by: tuple[AmendmentRef, ...]


@dataclass(frozen=True)
class GuidancePage:
    slug: str
    title: str
    summary: str
    audience: tuple[str, ...]
    cites: tuple[str, ...]
    question: int | None
    reviewed: dt.date | None
    body: str
    path: str
    body_line: int = 1
    cite_lines: tuple[int, ...] = ()  # the line of each entry of `cites`, for error messages
    lang: str = "en"  # "en" (docs/guidance/) or "ms" (docs/ms/guidance/): the two share the slug and the id
    written_first: str | None = None  # the language the page was written in first, when it has a counterpart
    summary_line: int = 1  # the line of `summary`, for error messages
    written_first_line: int = 1

    @property
    def id(self) -> str:
        return f"guide/{self.slug}"


@dataclass(frozen=True)
class Statutes:
    """Everything under statutes/, as data."""

    root: Path
    work: Work
    sections: Mapping[str, Section]  # by section number, as first enacted
    amendments: tuple[AmendingAct, ...]  # in order of coming into force
    sources: Mapping[str, Source]
    terms: tuple[Any, ...] = ()  # the term bank (statutes/terms.yml): atipsom.domain.english.Term
