"""The hand-written pages of the site in both languages, as readers get them: guidance pages (the notice, In
short with its citations, the counterpart, the provisions relied on), case notes (the facts and the provisions at
the version in force at the time), the glossary, and the box of guidance and case notes on a section's page.

English pages are at their paths (guidance/x.md, cases/x.md); Malay pages mirror them under ms/. A page's language
is in its front matter (`lang: ms`), which the theme reads for `<html lang>` (overrides/partials/language.html).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property

from atipsom.app.links import Links
from atipsom.app.project import Project
from atipsom.domain.cases import CaseNote
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.glossary import glossary
from atipsom.domain.guidance import law_links, resolve_cites, text_law_links
from atipsom.domain.lookup import resolve
from atipsom.domain.model import GuidancePage, Version
from atipsom.domain.plaintext import all_words
from atipsom.domain.text import written
from atipsom.domain.timeline import format_date
from atipsom.refs import ids
from atipsom.refs.citations import parse_citation
from atipsom.refs.ids import ProvisionId
from atipsom.render import bilingual, urls
from atipsom.render.law_links import link_target, rewrite_law_links
from atipsom.render.pages import Page

_RELATIVE_MD_LINK = re.compile(r"\]\((?P<path>(?![a-z]+:)[^)#\s]+\.md)(?P<anchor>#[^)\s]*)?\)")


@dataclass
class WrittenPages:
    project: Project
    today: dt.date
    links: Links
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def work(self) -> str:
        return self.project.statutes.work.id

    @cached_property
    def guidance(self) -> dict[tuple[str, str], GuidancePage]:
        pages = list(self.project.guidance) + list(self.project.guidance_ms)
        return {(page.lang, page.slug): page for page in pages}

    @cached_property
    def cases(self) -> dict[tuple[str, str], CaseNote]:
        return {(note.lang, note.slug): note for note in self.project.cases}

    # -- which page a source path is --------------------------------------------------------------------

    @staticmethod
    def kind_of(src: str) -> tuple[str, str, str] | None:
        """('guidance' | 'cases', lang, slug) for a hand-written page of ours, else None."""
        lang, rest = ("ms", src.removeprefix("ms/")) if src.startswith("ms/") else ("en", src)
        for kind in ("guidance", "cases"):
            if rest.startswith(kind + "/") and rest.endswith(".md") and rest.count("/") == 1:
                return kind, lang, rest[len(kind) + 1:-3]
        return None

    def counterpart(self, kind: str, lang: str, slug: str) -> str | None:
        other = bilingual.other_lang(lang)
        found = (self.guidance if kind == "guidance" else self.cases).get((other, slug))
        if found is None:
            return None
        return urls.guidance_page(slug, other) if kind == "guidance" else urls.case_page(slug, other)

    def markdown(self, src: str, markdown: str) -> str:
        """A hand-written page as the site shows it (the page unchanged if it is not one of these)."""
        if src.startswith("ms/"):
            markdown = self._english_while_untranslated(src, markdown)
        kind = self.kind_of(src)
        if kind is None:
            return self._language_note(src, markdown)
        kind_name, lang, slug = kind
        if kind_name == "guidance" and (lang, slug) in self.guidance:
            return self.guidance_markdown(self.guidance[(lang, slug)], src, markdown)
        if kind_name == "cases" and (lang, slug) in self.cases:
            return self.case_markdown(self.cases[(lang, slug)], src, markdown)
        return markdown

    def _english_while_untranslated(self, src: str, markdown: str) -> str:
        """A Malay page's link to a Malay page that is not written yet goes to the English page (the check
        reports the missing page; the site still works while the translation is under way)."""
        base = posixpath.dirname(src)
        docs = self.project.docs_dir

        def replace(match: re.Match) -> str:
            target = posixpath.normpath(posixpath.join(base, match.group("path")))
            english = target.removeprefix("ms/")
            if not target.startswith("ms/") or (docs / target).is_file() or not (docs / english).is_file():
                return match.group(0)
            return f"]({posixpath.relpath(english, base)}{match.group('anchor') or ''})"

        return _RELATIVE_MD_LINK.sub(replace, markdown)

    def _language_note(self, src: str, markdown: str) -> str:
        """The home and about pages: a link to the other language, where the other page exists."""
        other = src.removeprefix("ms/") if src.startswith("ms/") else f"ms/{src}"
        if not (src == "index.md" or src.startswith(("about/", "ms/about/")) or src == "ms/index.md"):
            return markdown
        if not (self.project.docs_dir / other).is_file():
            return markdown
        lang = "ms" if src.startswith("ms/") else "en"
        return bilingual.insert_after_title(markdown, bilingual.language_note(lang, other))

    # -- guidance -------------------------------------------------------------------------------------------

    def _resolver(self, page_path: str, lines: list[tuple[int, str]]):
        errors: list[InputError] = []
        found = {link.ref: link for link in text_law_links(page_path, lines, self.project.consolidation, self.today,
                                                           errors)}
        if errors:
            raise InputErrors(errors)
        return lambda ref: link_target(found[ref].resolved, ref)

    def guidance_markdown(self, page: GuidancePage, src: str, markdown: str) -> str:
        errors: list[InputError] = []
        found = {link.ref: link for link in law_links(page, self.project.consolidation, self.today, errors)}
        if errors:
            raise InputErrors(errors)

        def target(ref: str):
            return link_target(found[ref].resolved, ref)

        markdown = rewrite_law_links(markdown, src, target)
        if page.slug == "index":
            counterpart = self.counterpart("guidance", page.lang, page.slug)
            note = bilingual.language_note(page.lang, counterpart) if counterpart else ""
            return bilingual.insert_after_title(markdown, note) if note else markdown
        summary = rewrite_law_links(page.summary, src, target)
        other = self.guidance.get((bilingual.other_lang(page.lang), page.slug))
        written_first = page.written_first or (other.written_first if other else None)
        header = bilingual.guidance_header(page, summary, self.counterpart("guidance", page.lang, page.slug),
                                           written_first)
        return bilingual.insert_after_title(markdown, header) + "\n\n" + self.relied_on_box(page)

    def relied_on_box(self, page: GuidancePage) -> str:
        errors: list[InputError] = []
        cited = resolve_cites(page, self.project.consolidation, self.today, errors)
        if errors:
            raise InputErrors(errors)
        lang, items = page.lang, []
        for cite, resolved in cited:
            target, anchor = link_target(resolved, cite)
            version = resolved.version
            citation = (ids.format_eid_citation(resolved.eid, lang) if resolved.provision.kind != "section"
                        else ("seksyen " if lang == "ms" else "s ") + version.number)
            node = version.body[lang].find(resolved.eid) if lang in version.body else None
            words = all_words(node) if node is not None else ""
            malay_only = False
            if not words:
                ms = version.body["ms"].find(resolved.eid) or version.body["ms"]
                words, malay_only = all_words(ms), lang == "en"
            excerpt = words if len(words) <= 220 else words[:217].rsplit(" ", 1)[0] + "…"
            heading = written(version.heading.get(lang) or version.heading.get("en") or "")
            items.append(bilingual.ReliedOn(
                citation, target, anchor, heading, format_date(version.in_force_from, lang),
                format_date(version.in_force_to, lang) if version.in_force_to else None, excerpt, malay_only))
        related = [bilingual.Related(ids.format_eid_citation(r.anchor or str(ProvisionId.section(r.section)), lang),
                                     urls.Urls(self.work).section_page(r.section), r.anchor, r.reason)
                   for r in self.links.provisions_for_guidance(page.slug) if r.section]
        return bilingual.relied_on_box(items, related, lang)

    # -- case notes -------------------------------------------------------------------------------------------

    def case_markdown(self, note: CaseNote, src: str, markdown: str) -> str:
        lines = [(note.line_of("summary"), note.summary)] + [
            (note.body_line + offset, line) for offset, line in enumerate(note.body.split("\n"))]
        target = self._resolver(note.path, lines)
        counterpart = self.counterpart("cases", note.lang, note.slug)
        if note.is_index:
            markdown = rewrite_law_links(markdown, src, target)
            if counterpart is None:
                return markdown
            return bilingual.insert_after_title(markdown, bilingual.language_note(note.lang, counterpart,
                                                                                  note.written_first))
        provisions = []
        for ref in note.provisions:
            resolved = resolve(self.project.consolidation, ref, today=self.today)
            version = resolved.version
            anchor = resolved.eid if "__" in resolved.eid else None
            citation = ids.format_eid_citation(resolved.eid, note.lang)
            provisions.append(bilingual.CaseProvision(
                citation, urls.Urls(self.work).section_page(version.number, version.in_force_from), anchor,
                version.in_force_from))
        body = rewrite_law_links(markdown, src, target)
        summary = rewrite_law_links(note.summary, src, target)
        return bilingual.case_markdown(note, body, summary, provisions, counterpart)

    # -- a section's page ---------------------------------------------------------------------------------------

    def section_box(self, version: Version) -> str:
        guidance = []
        for link in self.links.guidance_for_section(version.number):
            malay = self.guidance.get(("ms", link.slug or ""))
            guidance.append(bilingual.BoxItem(
                link.title, urls.guidance_page(link.slug or ""), link.reason, link.why or "",
                malay.title if malay else None, urls.guidance_page(malay.slug, "ms") if malay else None))
        cases = []
        for link in self.links.cases_for_section(version.number):
            note = self.cases.get(("en", link.slug or ""))
            if note is None:
                continue
            at = next((ref for ref in note.provisions if parse_citation(ref).section == version.number), None)
            resolved = resolve(self.project.consolidation, at, today=self.today) if at else None
            malay_note = self.cases.get(("ms", note.slug))
            cases.append(bilingual.BoxItem(
                note.title, urls.case_page(note.slug), link.reason, link.why or "",
                malay_note.title if malay_note else None, urls.case_page(note.slug, "ms") if malay_note else None,
                note.decided,
                urls.Urls(self.work).section_page(version.number, resolved.version.in_force_from) if resolved
                else None, resolved.version.in_force_from if resolved else None))
        return bilingual.section_box(guidance, cases)

    # -- the glossary -------------------------------------------------------------------------------------------

    def glossary_pages(self) -> list[Page]:
        entries = glossary(self.project.consolidation.versions["2"])
        section_2 = self.project.statutes.sections["2"].path  # the definitions are corrected there
        return [Page(urls.glossary_page(lang), bilingual.glossary_markdown(entries, lang, self.work), section_2)
                for lang in ("en", "ms")]
