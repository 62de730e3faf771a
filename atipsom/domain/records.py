"""Where texts and dates come from: registered sources, references to them, our corrections to their words,
dates with their certainty, and commencements. Re-exported by atipsom.domain.model, where the rest of the
model uses them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceRef:
    """Where a text comes from, as a reader can check it: a registered source and a locator."""

    ref: str
    locator: str = ""
    note: str = ""


@dataclass(frozen=True)
class Source:
    """A public source registered in statutes/sources.yml."""

    id: str
    title: str
    url: str
    authority: str
    publisher: str = ""
    shared_file: str | None = None
    also_files: tuple[str, ...] = ()
    via: str = ""


@dataclass(frozen=True)
class Correction:
    """A change we made to the words of a source beyond cleaning conversion debris."""

    lang: str
    source_reads: str
    we_read: str
    reason: str


@dataclass(frozen=True)
class DatedFact:
    """A date with how sure we are of it and where it comes from."""

    date: dt.date | None
    certainty: str
    source: str = ""
    note: str = ""
    notice: str = ""


@dataclass(frozen=True)
class Commencement:
    date: dt.date
    notice: str
    provisions: tuple[str, ...]  # eIds: part_I, sec_66
    certainty: str
    source: str
    note: str = ""
