"""Enrichment of law text, per version: defined terms and cross-references as HTML.

`enricher_for(consolidation)` returns an `Enrichment`: called with a version (and, on a page of the
whole Act as at a date, that date) it gives the `Enricher` that `render_law` passes every string of
law text through; `definitions_block(html, date)` gives the "Definitions used in this version" block
that holds the definitions the marked terms point to (`aria-describedby`).

Point in time: a version page reads the law as it stood on the version's first day: the definitions
of s 2 then in force (`terms.glossary_at`) and, for each reference, the version of the target section
then in force. A page of the whole Act as at a date reads everything as at that date. A reference to
a section not yet in force on that day links the version that first brought it into force and says so.

Links are `page_href` placeholders, except references inside the version being read, which are plain
`#eid` anchors (the same version is shown on its own page, on the current-version page and on the
pages of the whole Act, all with the same anchors). A reference whose provision does not exist in the
target version links the section; one whose section does not exist is not linked. Never a dead link.

The HTML (a reference, a term, the definitions block) is in templates/law/enrich.html.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from atipsom.domain.amend import Consolidation
from atipsom.domain.model import LANGS, Missing, Provision, Text, Version, is_available
from atipsom.domain.terms import Definition, Glossary, TermHit, find_terms, glossary_at
from atipsom.domain.tiers import provision_tier
from atipsom.domain.timeline import format_date, version_at
from atipsom.domain.xrefs import External, Reference, find_references, resolve_in
from atipsom.refs import ids
from atipsom.refs.ids import ProvisionId
from atipsom.render import urls
from atipsom.render.html import page_href
from atipsom.render.law import LANG_LABEL, Enricher
from atipsom.render.templating import page_environment
from atipsom.render.translations import t
from atipsom.render.unofficial import assemble, ours_spans, tier_label

TERM_ID_RE = re.compile(r'aria-describedby="def-(?P<lang>en|ms)-(?P<key>[^"]+)"')


def term_id(lang: str, key: str) -> str:
    return f"def-{lang}-{key}"


@dataclass(frozen=True)
class Reading:
    """What one string of law text is read against: the section being read and the date."""

    consolidation: Consolidation
    number: str
    date: dt.date
    glossary: Glossary
    as_at_dates: tuple[dt.date, ...]
    own_titles: tuple[str, ...]
    urls: urls.Urls  # the pages of the Act
    mark_terms: bool = True
    # the text is quoted on another section's page (a definition in the "Definitions used" block): a reference
    # inside its own section links to that section's page, not to an anchor of the page it is quoted on
    quoted: bool = False

    @property
    def version(self) -> Version | None:
        return version_at(self.consolidation.versions.get(self.number, ()), self.date)


# --- one string of law text ------------------------------------------------------------------------------

def enrich_text(text: str, lang: str, eid: str, reading: Reading) -> str:
    """Law text as HTML: escaped, with cross-references linked, other laws marked and defined terms marked.

    In a rendered text our words (⟦ ⟧) are found without their marks (terms and references read across
    them) and marked in the HTML (render/unofficial.py).
    """
    if not text:
        return ""
    text, ours = ours_spans(text)
    pieces: list[tuple[int, int, str]] = []
    references = find_references(text, lang, reading.own_titles)
    for ref in references:
        words = text[ref.start:ref.end]
        if isinstance(ref, External):
            pieces.append((ref.start, ref.end, str(_template().extref(ref.title, words))))
            continue
        target = reference_target(ref, lang, eid, reading)
        if target is None:
            continue
        href, title, later = target
        pieces.append((ref.start, ref.end, str(_template().xref(href, title, words, later))))
    if reading.mark_terms:
        protected = [(ref.start, ref.end) for ref in references]
        for hit in find_terms(text, lang, eid, reading.glossary, protected):
            pieces.append((hit.start, hit.end, _term_html(text[hit.start:hit.end], lang, hit)))
    return assemble(text, pieces, ours)


def _term_html(words: str, lang: str, hit: TermHit) -> str:
    return str(_template().term(term_id(lang, hit.definition.key), words))


@lru_cache(maxsize=1)
def _template() -> Any:
    """The macros of templates/law/enrich.html."""
    return page_environment().get_template("law/enrich.html").module


def reference_target(ref: Reference, lang: str, eid: str, reading: Reading) -> tuple[str, str, bool] | None:
    """(href, title, not yet in force) for a reference, or None where nothing can be linked."""
    if ref.kind == "part":
        return _part_target(ref, lang, reading)
    current = reading.version
    number = ref.section or reading.number
    versions = reading.consolidation.versions.get(number, ())
    target = version_at(versions, reading.date)
    later = False
    if target is None:
        target = next((v for v in versions if v.in_force_from > reading.date), None)
        later = target is not None
    if target is None or target.change == "repealed":
        return None
    root = target.body.get(lang) or next(iter(target.body.values()), None)
    if root is None:
        return None
    here = eid if (current is not None and target is current) else target.eid
    node = resolve_in(root, here, ref)
    same_version = current is not None and target is current
    if same_version:
        if node is None or node.kind == "section":
            return None
        if reading.quoted:
            return (page_href(reading.urls.section_page(number, target.in_force_from), node.eid),
                    _title(node.eid, lang, target, reading, later), False)
        return f"#{node.eid}", _title(node.eid, lang, target, reading, later), False
    if ref.section is None:
        return None
    page = reading.urls.section_page(number, target.in_force_from)
    if node is None or node.kind == "section":
        return page_href(page), _title(target.eid, lang, target, reading, later), later
    return page_href(page, node.eid), _title(node.eid, lang, target, reading, later), later


def _title(eid: str, lang: str, target: Version, reading: Reading, later: bool) -> str:
    cite = ids.format_eid_citation(eid, lang)
    if lang == "ms":
        if later:
            return (f"{cite}: belum berkuat kuasa pada {format_date(reading.date, 'ms')}; "
                    f"berkuat kuasa mulai {format_date(target.in_force_from, 'ms')}")
        return f"{cite}, versi berkuat kuasa mulai {format_date(target.in_force_from, 'ms')}"
    if later:
        return (f"{cite}: not yet in force on {format_date(reading.date)}; "
                f"in force from {format_date(target.in_force_from)}")
    return f"{cite}, version in force from {format_date(target.in_force_from)}"


def _part_target(ref: Reference, lang: str, reading: Reading) -> tuple[str, str, bool] | None:
    number = ref.part
    if number == "this":
        version = reading.version
        if version is None:
            return None
        number = version.part
    work_version = None
    for candidate in reading.consolidation.work_versions:
        if candidate.in_force_from <= reading.date:
            work_version = candidate
    if number is None or work_version is None or not any(p.number == number for p in work_version.parts):
        return None
    page_date = max((d for d in reading.as_at_dates if d <= reading.date), default=None)
    if page_date is None:
        return None
    word = "Bahagian" if lang == "ms" else "Part"
    title = (f"{word} {number}, Akta seperti pada {format_date(page_date, 'ms')}" if lang == "ms"
             else f"{word} {number}, the Act as at {format_date(page_date)}")
    return page_href(reading.urls.as_at_page(page_date), str(ProvisionId.part(number))), title, False


# --- the site-facing object ------------------------------------------------------------------------------

def as_at_dates(consolidation: Consolidation) -> tuple[dt.date, ...]:
    """The dates that have a page of the whole Act: commencements and amendments (as `pages.point_in_time_dates`)."""
    dates = {wv.in_force_from for wv in consolidation.work_versions}
    dates |= {versions[0].in_force_from for versions in consolidation.versions.values()
              if versions and versions[0].change == "original"}
    return tuple(sorted(dates))


@dataclass(frozen=True)
class Enrichment:
    """Enrichers per version, the definitions block, and the glossary of each date (computed once)."""

    consolidation: Consolidation
    own_titles: tuple[str, ...] = field(init=False)  # the Act's short titles: never "another law"
    urls: urls.Urls = field(init=False)  # the pages of the Act, under its work id
    dates: tuple[dt.date, ...] = field(init=False)  # dates with a page of the whole Act
    _glossaries: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        titles = {title for wv in self.consolidation.work_versions for title in wv.title.values()
                  if is_available(title) and title}
        object.__setattr__(self, "own_titles", tuple(sorted(titles, key=len, reverse=True)))
        object.__setattr__(self, "dates", as_at_dates(self.consolidation))
        work = next((v.work for versions in self.consolidation.versions.values() for v in versions), "")
        object.__setattr__(self, "urls", urls.Urls(work))

    def glossary(self, date: dt.date) -> Glossary:
        if date not in self._glossaries:
            self._glossaries[date] = glossary_at(self.consolidation.versions, date)
        return self._glossaries[date]

    def reading(self, number: str, date: dt.date, mark_terms: bool = True, quoted: bool = False) -> Reading:
        return Reading(self.consolidation, number, date, self.glossary(date), self.dates, self.own_titles,
                       self.urls, mark_terms, quoted)

    def __call__(self, version: Version, as_at: dt.date | None = None) -> Enricher:
        reading = self.reading(version.number, as_at or version.in_force_from)

        def enrich(text: str, lang: str, eid: str) -> str:
            return enrich_text(text, lang, eid, reading)

        return enrich

    def definitions_block(self, html: str, date: dt.date, *, until: dt.date | None = None,
                          whole_act: bool = False) -> str:
        """The definitions that the terms marked in `html` point to, as in force on `date`."""
        return definitions_block(html, self.glossary(date), self, until=until, whole_act=whole_act)


def enricher_for(consolidation: Consolidation) -> Enrichment:
    return Enrichment(consolidation)


# --- the "Definitions used in this version" block ----------------------------------------------------------

def used_definitions(html: str, glossary: Glossary) -> list[Definition]:
    keys = {match.group("key") for match in TERM_ID_RE.finditer(html)}
    return [d for d in glossary.definitions if d.key in keys]


@dataclass(frozen=True)
class Link:
    href: str
    cite: str


@dataclass(frozen=True)
class DefinitionText:
    """A provision of a definition as HTML pieces: its words (None: not available), its items, its closing words."""

    text: Markup | None
    listed: bool = False  # it has items or closing words: shown as a list
    items: tuple[tuple[str, DefinitionText], ...] = ()
    wrapup: Markup | None = None
    wrapup_missing: bool = False


@dataclass(frozen=True)
class DefinitionCell:
    """A definition in one language: its words, or (`provision` None) the statement that no source has them,
    with the other language's words as a fallback."""

    lang: str
    id: str
    lang_label: str
    source: Link
    date: str
    provision: DefinitionText | None = None
    tier_label: Markup = Markup("")
    other: str = ""
    fallback: DefinitionText | None = None
    glossary: Link | None = None


@dataclass(frozen=True)
class DefinitionView:
    key: str
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (lang, terms) for each language that has terms
    source: Link
    cells: tuple[DefinitionCell, ...]


@dataclass(frozen=True)
class LaterChange:
    date: str
    terms: tuple[str, ...]
    href: str


@dataclass(frozen=True)
class DefinitionsView:
    date: str
    whole_act: bool
    later: tuple[LaterChange, ...]
    definitions: tuple[DefinitionView, ...]


def definitions_block(html: str, glossary: Glossary, enrichment: Enrichment, *, until: dt.date | None = None,
                      whole_act: bool = False) -> str:
    used = used_definitions(html, glossary)
    if not used:
        return ""
    view = DefinitionsView(
        date=format_date(glossary.date), whole_act=whole_act,
        later=() if whole_act else _later_changes(used, glossary, enrichment, until),
        definitions=tuple(_definition(d, glossary, enrichment, quoted=not whole_act) for d in used))
    return str(_template().definitions_block(view))


def _source_link(definition: Definition, page_urls: urls.Urls, lang: str = "en") -> Link:
    page = page_urls.section_page(definition.section, definition.section_from)
    cite = ids.format_eid_citation(definition.key, lang)
    if definition.section == "2":
        cite = "seksyen 2" if lang == "ms" else "s 2"
    return Link(page_href(page, definition.key), cite)


def _definition(definition: Definition, glossary: Glossary, enrichment: Enrichment, *,
                quoted: bool = True) -> DefinitionView:
    terms = tuple((lang, tuple(definition.terms.get(lang) or ())) for lang in LANGS if definition.terms.get(lang))
    return DefinitionView(definition.key, terms, _source_link(definition, enrichment.urls),
                          tuple(_definition_cell(definition, lang, glossary, enrichment, quoted) for lang in LANGS))


def _glossary_link(definition: Definition, lang: str) -> Link | None:
    """A definition of s 2 links its entry in the glossary (shown in the term's tooltip too)."""
    if definition.section != "2" or "__def_" not in definition.key:
        return None
    anchor = definition.key.rsplit("__def_", 1)[-1]
    return Link(page_href(urls.glossary_page(lang), anchor), t("glossary_see", lang))


def _definition_cell(definition: Definition, lang: str, glossary: Glossary, enrichment: Enrichment,
                     quoted: bool = True) -> DefinitionCell:
    """A definition's text in `lang` (quoted: shown away from its section's page, except on a whole-Act page)."""
    cell = DefinitionCell(lang, term_id(lang, definition.key), LANG_LABEL[lang],
                          _source_link(definition, enrichment.urls, lang),
                          format_date(definition.section_from, lang), glossary=_glossary_link(definition, lang))
    node = definition.nodes.get(lang)
    reading = enrichment.reading(definition.section, glossary.date, mark_terms=False, quoted=quoted)
    if node is not None and is_available(node.text):
        return replace(cell, provision=_definition_text(node, lang, reading),
                       tier_label=Markup(tier_label(provision_tier(node), lang)))
    other = "ms" if lang == "en" else "en"
    other_node = definition.nodes.get(other)
    if other_node is not None and is_available(other_node.text):
        # shown in the tooltip of a term; in the block the other language's definition follows anyway
        return replace(cell, other=other, fallback=_definition_text(other_node, other, reading))
    return cell


def _definition_text(node: Provision, lang: str, reading: Reading) -> DefinitionText:
    text = Markup(enrich_text(node.text, lang, node.eid, reading)) if isinstance(node.text, str) else None
    if not node.children and node.wrapup is None:
        return DefinitionText(text)
    wrapup = node.wrapup
    return DefinitionText(
        text, listed=True,
        items=tuple((child.num or "", _definition_text(child, lang, reading)) for child in node.children),
        wrapup=Markup(enrich_text(wrapup, lang, node.eid, reading)) if isinstance(wrapup, str) and wrapup else None,
        wrapup_missing=isinstance(wrapup, Missing))


def _later_changes(used: Sequence[Definition], glossary: Glossary, enrichment: Enrichment,
                   until: dt.date | None) -> tuple[LaterChange, ...]:
    """Where s 2 changed a definition used here while this version was still in force."""
    notes = []
    history = enrichment.consolidation.versions.get("2", ())
    for previous, later in zip(history, history[1:]):
        if later.in_force_from <= glossary.date or (until is not None and later.in_force_from > until):
            continue
        changed = []
        for definition in used:
            if definition.section != "2":
                continue
            for lang in LANGS:
                before = previous.body[lang].find(definition.key) if lang in previous.body else None
                after = later.body[lang].find(definition.key) if lang in later.body else None
                if _words(before) != _words(after):
                    terms = definition.terms.get("en") or definition.terms.get("ms") or (definition.key,)
                    changed.append(terms[0])
                    break
        if changed:
            page = enrichment.urls.section_page("2", later.in_force_from)
            notes.append(LaterChange(format_date(later.in_force_from), tuple(changed), page_href(page)))
    return tuple(notes)


def _words(node: Provision | None) -> tuple[Text, ...] | None:
    return tuple(node.texts()) if node is not None else None
