"""The Atom feed (RFC 4287) of changes to the law and to the knowledge base, `feed.xml` at the site's root: one
entry per commencement and amending Act (with the sections it changed), per corrected transcription, and per
guidance page and case note (in each language). Dates of our own files come from the repository's history, or
from the data when there is none. Links are relative to the feed, so the feed works under any address."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from atipsom.app.export.history import file_dates, first_commit_with
from atipsom.app.project import Project
from atipsom.domain.model import LANG_NAMES
from atipsom.domain.text import written
from atipsom.domain.timeline import format_date
from atipsom.render import urls

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
#: Malaysian time: a law comes into force at the start of the day in Malaysia
MYT = dt.timezone(dt.timedelta(hours=8))
OUR_FOLDERS = ("docs/guidance", "docs/ms/guidance", "docs/cases", "docs/ms/cases")
_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)")


def plain_summary(markdown: str) -> str:
    """A page's summary as plain text: links become their words, emphasis marks go."""
    return " ".join(_EMPHASIS_RE.sub("", _LINK_RE.sub(r"\1", markdown)).split())


@dataclass(frozen=True)
class Entry:
    key: str  # stable: the entry's id is made from it
    title: str
    updated: dt.datetime
    link: str  # relative to the site root
    summary: str
    category: str
    published: dt.datetime | None = None


def entry_id(key: str) -> str:
    """A permanent, unique id for an entry (RFC 4287 4.2.6): a name-based UUID URN."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"atipsom-navigator:{key}").urn


def _day(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(), MYT)


def law_entries(project: Project) -> list[Entry]:
    statutes, consolidation = project.statutes, project.consolidation
    site = urls.Urls(statutes.work.id)
    entries = []
    for commencement in statutes.work.commencements:
        page = urls.url_of(site.as_at_page(commencement.date))
        entries.append(Entry(
            f"commencement:{commencement.date.isoformat()}",
            f"Act {statutes.work.number} comes into force ({commencement.notice}), {format_date(commencement.date)}",
            _day(commencement.date), page.lstrip("/"),
            f"In force from {format_date(commencement.date)} under {commencement.notice}: "
            + ", ".join(commencement.provisions) + ".", "law"))
    for act in statutes.amendments:
        changed = sorted({(v.number, v.change) for v in consolidation.all_versions()
                          if any(ref.act == act.id for ref in v.amended_by)},
                         key=lambda item: [int("".join(c for c in item[0] if c.isdigit()) or 0), item[0]])
        listed = "; ".join(f"s {number} {change}" for number, change in changed)
        entries.append(Entry(
            f"amendment:{act.id}",
            f"Act {act.number} in force, {format_date(act.in_force_from)}: "
            f"{written(act.short_title.get('en', act.number))}",
            _day(act.in_force_from), urls.url_of(site.amendment_page(act.id)).lstrip("/"),
            f"{len(changed)} section(s) changed: {listed}." if changed else "No section text changed.", "law"))
    return entries


def correction_entries(project: Project, fallback: dt.datetime) -> list[Entry]:
    site = urls.Urls(project.statutes.work.id)
    entries = []
    for section in project.statutes.sections.values():
        for n, correction in enumerate(section.corrections, start=1):
            when = first_commit_with(project.root, correction.source_reads, section.path) or fallback
            entries.append(Entry(
                f"correction:{section.path}:{n}",
                f"Transcription corrected: s {section.number} ({LANG_NAMES[correction.lang]})",
                when, urls.url_of(site.section_page(section.number)).lstrip("/"),
                f"The source reads “{correction.source_reads}”; we read “{correction.we_read}”. {correction.reason}",
                "correction"))
    return entries


def page_entries(project: Project, fallback: dt.datetime) -> list[Entry]:
    dates = file_dates(project.root, OUR_FOLDERS)
    entries = []
    pages = [(g, "guidance", urls.guidance_page(g.slug, g.lang)) for g in (*project.guidance, *project.guidance_ms)]
    pages += [(c, "case note", urls.case_page(c.slug, c.lang)) for c in project.cases if c.slug != "index"]
    for page, kind, path in pages:
        if page.slug == "index":
            continue
        known = dates.get(page.path)
        reviewed = _day(page.reviewed) if page.reviewed else fallback
        entries.append(Entry(
            f"{kind}:{page.lang}:{page.slug}",
            f"{'Guidance' if kind == 'guidance' else 'Case note'} ({LANG_NAMES[page.lang]}): {page.title}",
            known.changed if known else reviewed, urls.url_of(path).lstrip("/"), plain_summary(page.summary), kind,
            published=known.added if known else None))
    return entries


def feed_entries(project: Project) -> list[Entry]:
    """Every entry, newest first (ties by key, so the order is fixed)."""
    law = law_entries(project)
    fallback = max(entry.updated for entry in law)
    entries = law + correction_entries(project, fallback) + page_entries(project, fallback)
    return sorted(entries, key=lambda e: (-e.updated.timestamp(), e.key))


def atom_feed(project: Project, *, site_url: str = "") -> bytes:
    """The feed as bytes. `site_url` (if the site has one) becomes the feed's xml:base; links are relative."""
    A = ElementMaker(namespace=ATOM_NS, nsmap={None: ATOM_NS})
    entries = feed_entries(project)
    work = project.statutes.work
    feed = A.feed(
        A.id(entry_id(f"feed:{work.id}")),
        A.title(f"ATIPSOM Navigator: changes to Act {work.number} and to its guidance"),
        A.subtitle("Amending Acts and commencements, corrected transcriptions, new and revised guidance pages and "
                   "case notes, in English and Malay."),
        A.updated(_stamp(max(e.updated for e in entries))),
        A.link(rel="self", href=FEED, type="application/atom+xml"),
        A.link(rel="alternate", href="./", type="text/html"),
        A.author(A.name("ATIPSOM Navigator contributors")),
        A.rights("Law text: the law of Malaysia, from the sources named on each page. Our words: CC BY 4.0."),
        *[_entry(A, entry) for entry in entries],
    )
    if site_url:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", site_url.rstrip("/") + "/")
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(A: ElementMaker, entry: Entry):
    parts = [A.id(entry_id(entry.key)), A.title(entry.title), A.updated(_stamp(entry.updated))]
    if entry.published is not None:
        parts.append(A.published(_stamp(entry.published)))
    parts += [A.link(rel="alternate", href=entry.link, type="text/html"), A.category(term=entry.category),
              A.summary(entry.summary)]
    return A.entry(*parts)


def _stamp(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


def write_feed(project: Project, site_dir: Path) -> Path:
    path = site_dir / FEED
    path.write_bytes(atom_feed(project))
    return path
