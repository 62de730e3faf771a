"""Point in time, as pure functions: which version was in force on a date, what a version's
banner says, and the events in the life of the Act (in the manner of Laws.Africa's Indigo)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from atipsom.domain.model import AmendingAct, Version, Work
from atipsom.refs import ids


def version_at(versions: Sequence[Version], date: dt.date) -> Version | None:
    """The version in force on `date`; None before the section came into force."""
    for version in versions:
        if version.is_in_force_on(date):
            return version
    return None


def version_starting(versions: Sequence[Version], date: dt.date) -> Version | None:
    for version in versions:
        if version.in_force_from == date:
            return version
    return None


def is_current(version: Version, today: dt.date) -> bool:
    return version.in_force_from <= today and (version.in_force_to is None or today <= version.in_force_to)


def format_date(date: dt.date, lang: str = "en") -> str:
    """'18 November 2015' / '18 November 2015' in Malay month names."""
    months_en = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]
    months_ms = ["Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September", "Oktober",
                 "November", "Disember"]
    months = months_ms if lang == "ms" else months_en
    return f"{date.day} {months[date.month - 1]} {date.year}"


def short_date(date: dt.date) -> str:
    """'18.11.2015', as Malaysian reprints write history notes."""
    return f"{date.day:02d}.{date.month:02d}.{date.year}"


def validity_notice(version: Version, today: dt.date, lang: str = "en") -> tuple[str, str]:
    """(status, sentence) for the banner on a version page. Status: current | past | future | repealed."""
    start = format_date(version.in_force_from, lang)
    if version.change == "repealed":
        if lang == "ms":
            return "repealed", f"Seksyen ini dimansuhkan mulai {start}."
        return "repealed", f"This section was repealed with effect from {start}."
    if version.in_force_from > today:
        if lang == "ms":
            return "future", f"Versi ini belum berkuat kuasa: ia berkuat kuasa mulai {start}."
        return "future", f"This version is not yet in force: it comes into force on {start}."
    if version.in_force_to is None or version.in_force_to >= today:
        if lang == "ms":
            return "current", f"Versi semasa: berkuat kuasa mulai {start}."
        return "current", f"Current version: in force from {start}."
    end = format_date(version.in_force_to, lang)
    if lang == "ms":
        return "past", f"Versi lama: berkuat kuasa dari {start} hingga {end}. Ia bukan undang-undang semasa."
    return "past", f"Past version: in force from {start} to {end}. It is not the law today."


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date | None
    kind: str  # assent | gazette | commencement | amendment
    description: str
    by: str = ""  # act id
    certainty: str = "official"
    source: str = ""
    note: str = ""


def timeline_events(work: Work, amendments: Sequence[AmendingAct]) -> list[TimelineEvent]:
    """Every dated event in the life of the Act, oldest first; undated facts are left out."""
    events = []
    if work.assent.date:
        events.append(TimelineEvent(work.assent.date, "assent", f"Royal Assent to Act {work.number}", work.id,
                                    work.assent.certainty, work.assent.source))
    if work.gazette.date:
        events.append(TimelineEvent(work.gazette.date, "gazette", f"Act {work.number} published in the Gazette",
                                    work.id, work.gazette.certainty, work.gazette.source))
    for commencement in work.commencements:
        what = ", ".join(_describe(p) for p in commencement.provisions)
        events.append(TimelineEvent(commencement.date, "commencement", f"{what} come into force ({commencement.notice})",
                                    work.id, commencement.certainty, commencement.source, commencement.note))
    for act in amendments:
        for kind, fact in (("assent", act.assent), ("gazette", act.gazette), ("amendment", act.in_force)):
            if fact.date is None:
                continue
            if kind == "amendment":
                description = f"Act {act.number} comes into force"
            elif kind == "assent":
                description = f"Royal Assent to Act {act.number}"
            else:
                description = f"Act {act.number} published in the Gazette"
            events.append(TimelineEvent(fact.date, kind, description, act.id, fact.certainty, fact.source, fact.note))
        for commencement in act.commencements:  # staged commencement: provisions in force on a later date
            what = ", ".join(ids.format_amending_provision(act.id, p) for p in commencement.provisions)
            notice = f" ({commencement.notice})" if commencement.notice else ""
            events.append(TimelineEvent(commencement.date, "amendment", f"{what} come into force{notice}", act.id,
                                        commencement.certainty, commencement.source, commencement.note))
    order = {"assent": 0, "gazette": 1, "commencement": 2, "amendment": 3}
    events.sort(key=lambda e: (e.date, order[e.kind]))
    return events


def _describe(eid: str) -> str:
    kind, _, number = eid.partition("_")
    return {"part": "Part", "sec": "s"}.get(kind, kind) + " " + number
