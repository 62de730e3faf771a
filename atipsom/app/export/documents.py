"""Which documents the open data holds: every version of every section and the whole Act as at every date on
which it changed, each in English and in Malay. Pure selection over the consolidation; no file, no format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from atipsom.domain.amend import Consolidation
from atipsom.domain.model import LANGS, Version, WorkVersion
from atipsom.domain.timeline import version_at
from atipsom.refs.citations import parse_citation
from atipsom.refs.ids import LANGUAGE_CODES, VersionRef, WorkId


@dataclass(frozen=True)
class SectionDoc:
    """One version of one section in one language."""

    version: Version
    lang: str

    @property
    def ref(self) -> VersionRef:
        return self.version.version_ref

    @property
    def stem(self) -> str:
        """The file name without its extension: 'act-670/sec_44/2015-11-18.eng'."""
        return f"{self.version.work}/{self.version.eid}/{self.version.in_force_from.isoformat()}.{_code(self.lang)}"


@dataclass(frozen=True)
class ActDoc:
    """The whole Act as it stood from one date (until the next change), in one language."""

    work: str
    date: dt.date
    until: dt.date | None
    work_version: WorkVersion
    sections: tuple[Version, ...]  # the versions in force on `date`, in the Act's arrangement
    lang: str

    @property
    def ref(self) -> VersionRef:
        return VersionRef(WorkId.parse(self.work), at=self.date)

    @property
    def stem(self) -> str:
        """'act-670/act/2015-11-18.eng'."""
        return f"{self.work}/act/{self.date.isoformat()}.{_code(self.lang)}"


def _code(lang: str) -> str:
    return LANGUAGE_CODES[lang]


def change_dates(consolidation: Consolidation) -> tuple[dt.date, ...]:
    """Every date on which the Act changed: a commencement, an amendment coming into force."""
    dates = {v.in_force_from for v in consolidation.all_versions()}
    dates.update(wv.in_force_from for wv in consolidation.work_versions)
    return tuple(sorted(dates))


def act_doc(consolidation: Consolidation, work: str, date: dt.date, lang: str) -> ActDoc:
    """The whole Act as at `date` (the text in force on that day). ValueError before the Act came into force."""
    dates = change_dates(consolidation)
    starts = [d for d in dates if d <= date]
    if not starts:
        raise ValueError(f"no part of the Act was in force on {date.isoformat()}; it first came into force "
                         f"on {dates[0].isoformat()}")
    start = starts[-1]
    later = [d for d in dates if d > date]
    until = later[0] - dt.timedelta(days=1) if later else None
    work_version = next(wv for wv in consolidation.work_versions if wv.in_force_from <= start
                        and (wv.in_force_to is None or start <= wv.in_force_to))
    sections = []
    for part in work_version.parts:
        for number in part.sections:
            version = version_at(consolidation.versions.get(number, ()), start)
            if version is not None:
                sections.append(version)
    return ActDoc(work, start, until, work_version, tuple(sections), lang)


def all_documents(consolidation: Consolidation, work: str,
                  langs: tuple[str, ...] = LANGS) -> Iterator[SectionDoc | ActDoc]:
    """Every document, in a fixed order: the whole Act at each date, then each section's versions."""
    for date in change_dates(consolidation):
        for lang in langs:
            yield act_doc(consolidation, work, date, lang)
    for version in consolidation.all_versions():
        for lang in langs:
            yield SectionDoc(version, lang)


def _whole_act(ref: str, work: str) -> VersionRef | None:
    """'act-670', 'act-670@2015-11-18', 'act-670:2012-06-01': the whole Act; None for anything else."""
    try:
        parsed = VersionRef.parse(ref)
    except ValueError:
        return None
    if parsed.provision is not None or str(parsed.work) != work:
        return None
    if parsed.original:
        raise ValueError(f"{ref}: name the whole Act by the date it changed ({work}@DATE) or as at a date ({work}:DATE)")
    return parsed


def select(consolidation: Consolidation, work: str, ref: str | None, *, as_at: dt.date | None,
           langs: tuple[str, ...]) -> list[SectionDoc | ActDoc]:
    """What `atipsom export` was asked for. No REF: the whole Act (as at a date, or at every date). A REF names a
    section (every version, or the one in force `as_at`; 'act-670/sec_44@2015-11-18' names one version).
    ValueError with a one-line message for a reference that names nothing exportable."""
    if ref is None:
        if as_at is None:
            return [doc for doc in all_documents(consolidation, work, langs) if isinstance(doc, ActDoc)]
        return [act_doc(consolidation, work, as_at, lang) for lang in langs]
    whole = _whole_act(ref, work)
    if whole is not None:
        if whole.at is not None:
            if whole.at not in change_dates(consolidation):
                raise ValueError(f"{ref}: the Act did not change on {whole.at.isoformat()}; it changed on "
                                 + ", ".join(d.isoformat() for d in change_dates(consolidation)))
            return [act_doc(consolidation, work, whole.at, lang) for lang in langs]
        return select(consolidation, work, None, as_at=whole.as_at or as_at, langs=langs)
    try:
        citation = parse_citation(ref)
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    if citation.of_amending_act or citation.section is None:
        raise ValueError(f"{ref}: only the whole Act or a section can be exported")
    if citation.path or citation.term or (citation.eid and "__" in citation.eid):
        raise ValueError(f"{ref}: export a whole section (e.g. s {citation.section}); a provision is part of it")
    versions = consolidation.versions.get(citation.section)
    if not versions:
        raise ValueError(f"{ref}: the Act has no section {citation.section}")
    chosen: list[Version]
    if citation.original:
        chosen = [versions[0]]
    elif citation.at is not None:
        chosen = [v for v in versions if v.in_force_from == citation.at]
    elif citation.as_at is not None or as_at is not None:
        found = version_at(versions, citation.as_at or as_at)  # type: ignore[arg-type]
        chosen = [found] if found else []
    else:
        chosen = list(versions)
    if not chosen:
        raise ValueError(f"{ref}: no version of section {citation.section} for that date; versions start on "
                         + ", ".join(v.in_force_from.isoformat() for v in versions))
    return [SectionDoc(version, lang) for version in chosen for lang in langs]
