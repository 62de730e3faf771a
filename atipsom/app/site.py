"""The site, independent of the site generator: which pages exist, the navigation by Part,
what guidance pages get added, and how page links resolve. The MkDocs plugin is a thin adapter
over this module, so moving to another generator changes the adapter only."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from atipsom.app.links import Links, load_links
from atipsom.app.project import Project
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.guidance import law_links, resolve_cites
from atipsom.domain.model import GuidancePage, Version, is_available
from atipsom.domain.plaintext import all_words
from atipsom.domain.timeline import format_date, version_at
from atipsom.load.guidance import load_guidance
from atipsom.refs import ids
from atipsom.render import urls
from atipsom.render.annotation import annotation_renderer
from atipsom.render.enrich import enricher_for
from atipsom.render.html import PLACEHOLDER, esc, link
from atipsom.render.law_links import link_target, rewrite_law_links
from atipsom.render.pages import Page, SiteContext, all_pages

PLACEHOLDER_RE = re.compile(re.escape(PLACEHOLDER) + r"(?P<page>[^\"'#\s<>&]+)(?:#(?P<anchor>[^\"'\s<>&]*))?")

DISCLAIMER = (
    '!!! info "General information, not legal advice"\n'
    "    This page explains the law in general terms. It is not legal advice about any person's case. "
    "The law is quoted from the sources shown on each section page; the official texts are published by the "
    "Attorney General's Chambers of Malaysia. If someone's liberty or safety is at stake, get help from a "
    "lawyer or an organisation that assists trafficked persons.\n\n"
)


@dataclass
class Site:
    project: Project
    today: dt.date
    links_file: Path | None = None
    edit_base_url: str = ""
    _edit_paths: dict = field(default_factory=dict)

    @cached_property
    def urls(self) -> urls.Urls:
        """The pages of the Act, under its work id (from its work.md)."""
        return urls.Urls(self.project.statutes.work.id)

    # --- loading and validation -------------------------------------------------------------------

    def validate(self) -> None:
        """Load everything and raise InputErrors listing every problem (statutes, engine, guidance)."""
        errors: list[InputError] = []
        try:
            consolidation = self.project.consolidation
        except InputErrors as exc:
            raise exc
        guidance = self.guidance
        for page in guidance:
            law_links(page, consolidation, self.today, errors)
            resolve_cites(page, consolidation, self.today, errors)
        if errors:
            raise InputErrors(errors)

    @cached_property
    def guidance(self) -> list[GuidancePage]:
        return load_guidance(self.project.docs_dir / "guidance", self.project.root)

    @cached_property
    def links(self) -> Links:
        return load_links(self.links_file, self.project, self.guidance, self.today)

    @cached_property
    def context(self) -> SiteContext:
        statutes = self.project.statutes
        return SiteContext(
            work=statutes.work, consolidation=self.project.consolidation, amendments=statutes.amendments,
            sources=statutes.sources, today=self.today, urls=self.urls,
            enrich_for=enricher_for(self.project.consolidation),
            guidance_box=self.guidance_box,
            annotation_html=annotation_renderer(self.project, self.today, edit_base_url=self.edit_base_url),
        )

    # --- pages ----------------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        pages = all_pages(self.context)
        for page in pages:
            if page.edit_path:
                self._edit_paths[page.path] = self._edit_path_for(page)
        return pages

    def _edit_path_for(self, page: Page) -> str:
        """A section's current page shows the text of several versions' making and the commentary: a
        contributor fixes it in the section file (as enacted), if there is one. Other pages keep the file the
        page builder named (the amending Act that made a version, work.md, ...)."""
        for number in self.project.statutes.sections:
            if page.path == self.urls.section_page(number):
                section_file = self.project.statutes.sections[number].path
                if (self.project.root / section_file).is_file():
                    return section_file
        return page.edit_path

    def edit_url(self, src: str) -> str | None:
        """Where "Edit this page" points: the file a contributor changes, never the generated snapshot."""
        path = self._edit_paths.get(src)
        if path is None and src.endswith(".md"):
            path = f"docs/{src}"
        if not self.edit_base_url or not path or path.startswith("statutes/consolidated/"):
            return None
        return self.edit_base_url.rstrip("/") + "/" + path

    def act_nav(self) -> list:
        """Navigation by Part, then section (current versions only; version pages stay out of the nav)."""
        work_version = self.context.consolidation.work_versions[-1]
        for candidate in self.context.consolidation.work_versions:
            if candidate.in_force_from <= self.today:
                work_version = candidate
        nav: list = [{"Overview": self.urls.act_page()}]
        for part in work_version.parts:
            heading = part.heading.get("en") if is_available(part.heading.get("en")) else part.heading.get("ms")
            entries = []
            for number in part.sections:
                versions = self.context.consolidation.versions[number]
                version = version_at(versions, self.today) or versions[-1]
                label = version.heading.get("en") if is_available(version.heading.get("en")) else version.heading.get("ms")
                entries.append({f"{number}. {label}": self.urls.section_page(number)})
            nav.append({f"Part {part.number}: {heading.capitalize()}": entries})
        nav.append({"Timeline": self.urls.timeline_page()})
        for act in self.context.amendments:
            nav.append({f"Act {act.number} ({act.in_force_from.year})": self.urls.amendment_page(act.id)})
        return nav

    def guidance_nav(self) -> list:
        pages = sorted((p for p in self.guidance if p.slug != "index"),
                       key=lambda p: (p.question if p.question is not None else 999, p.title))
        return [{"Guidance": urls.guidance_page("index")}] + [{p.title: urls.guidance_page(p.slug)} for p in pages]

    def sources_markdown(self, markdown: str) -> str:
        """Fill the `<!-- atipsom:sources -->` marker with the table of registered sources."""
        marker = "<!-- atipsom:sources -->"
        if marker not in markdown:
            return markdown
        kinds = {"bill": "bill as tabled", "reprint": "reprint", "amending-act": "enacted amending Act",
                 "consolidated-web": "unofficial consolidation", "secondary": "secondary source"}
        rows = ["| Id | Source | Kind | Address |", "|---|---|---|---|"]
        for source in self.project.statutes.sources.values():
            rows.append(f"| `{source.id}` | {source.title} | {kinds.get(source.authority, source.authority)} | "
                        f"<{source.url}> |")
        return markdown.replace(marker, "\n".join(rows))

    # --- guidance pages ---------------------------------------------------------------------------------

    def guidance_page(self, slug: str) -> GuidancePage | None:
        return next((page for page in self.guidance if page.slug == slug), None)

    def guidance_markdown(self, page_src: str, markdown: str) -> str:
        """The disclaimer, resolved law links, and the box of provisions the page relies on."""
        slug = page_src.removeprefix("guidance/").removesuffix(".md")
        page = self.guidance_page(slug)
        if page is None:
            return markdown
        consolidation = self.project.consolidation
        errors: list[InputError] = []
        links = {link.ref: link for link in law_links(page, consolidation, self.today, errors)}
        if errors:
            raise InputErrors(errors)
        markdown = rewrite_law_links(markdown, page_src, lambda ref: link_target(links[ref].resolved, ref))
        if slug == "index":
            return markdown
        lines = markdown.split("\n")
        insert_at = 0
        for i, line in enumerate(lines):
            if line.startswith("# "):
                insert_at = i + 1
                break
        summary = f'<p class="atp-summary"><strong>In short:</strong> {esc(page.summary)}</p>\n\n' if page.summary else ""
        audience = (f'<p class="atp-audience">For: {esc(", ".join(page.audience))}. '
                    f'Checked against the law on {format_date(page.reviewed)}.</p>\n\n') if page.reviewed else ""
        lines[insert_at:insert_at] = ["", DISCLAIMER + summary + audience]
        return "\n".join(lines) + "\n\n" + self.relied_on_box(page)

    def relied_on_box(self, page: GuidancePage) -> str:
        errors: list[InputError] = []
        cited = resolve_cites(page, self.project.consolidation, self.today, errors)
        if errors:
            raise InputErrors(errors)
        items = []
        for cite, resolved in cited:
            target, anchor = link_target(resolved, cite)
            version = resolved.version
            citation = ids.format_eid_citation(resolved.eid) if resolved.provision.kind != "section" else f"s {version.number}"
            when = (f"version in force from {format_date(version.in_force_from)}"
                    + (f" to {format_date(version.in_force_to)}" if version.in_force_to else ", current"))
            words = all_words(resolved.provision)
            if not words:
                ms = version.body["ms"].find(resolved.eid) or version.body["ms"]
                words = all_words(ms)
                lang_note = ' <span class="atp-badge">Malay text: no English source</span>'
            else:
                lang_note = ""
            excerpt = words if len(words) <= 220 else words[:217].rsplit(" ", 1)[0] + "…"
            items.append(f"<li>{link(target, esc(citation), anchor)} ({esc(version.heading.get('en') or '')}; {esc(when)})"
                         f"{lang_note}<br><q>{esc(excerpt)}</q></li>")
        related = self.links.provisions_for_guidance(page.slug)
        extra = ""
        if related:
            extra = ("<p>Related provisions found by the search index (not cited above):</p><ul>"
                     + "".join(f"<li>{link(self.urls.section_page(r.section), esc(r.title), r.anchor)}"
                               f" <small>({esc(r.reason)})</small></li>" for r in related) + "</ul>")
        return ('<section class="atp-relied-on" aria-labelledby="relied-on">\n'
                '<h2 id="relied-on">The provisions this page relies on</h2>\n'
                "<ul>" + "".join(items) + "</ul>" + extra + "</section>\n")

    def guidance_box(self, version: Version) -> str:
        pages = self.links.guidance_for_section(version.number)
        if not pages:
            return ""
        items = "".join(
            f"<li>{link(urls.guidance_page(g.slug), esc(g.title))} <small>({esc(g.reason)})</small></li>" for g in pages)
        return ('<aside class="atp-guidance-box" aria-labelledby="guidance-box">'
                '<h2 id="guidance-box">Victim-protection guidance</h2>'
                "<p>Plain-language answers that rely on this section:</p>"
                f"<ul>{items}</ul></aside>")

    # --- links between pages ------------------------------------------------------------------------

    @staticmethod
    def resolve_placeholders(html: str, url_for: Callable[[str], str | None], where: str) -> str:
        missing: list[str] = []

        def replace(match: re.Match) -> str:
            url = url_for(match.group("page"))
            if url is None:
                missing.append(match.group("page"))
                return "#"
            anchor = match.group("anchor")
            return url + (f"#{anchor}" if anchor else "")

        result = PLACEHOLDER_RE.sub(replace, html)
        if missing:
            raise InputErrors([InputError(where, None, f"link to a page that does not exist: {m}",
                                          "this is a bug in the site generator or a missing statute file")
                               for m in sorted(set(missing))])
        return result

    def export_links(self) -> str:
        return json.dumps(self.links.to_json(), ensure_ascii=False, indent=1)

    def versions_json(self) -> str:
        """Every section's versions (for the as-at picker and for reuse)."""
        data = {}
        for number in self.context.consolidation.order:
            data[number] = [{"in_force_from": v.in_force_from.isoformat(),
                             "in_force_to": v.in_force_to.isoformat() if v.in_force_to else None,
                             "url": urls.url_of(self.urls.section_page(number, v.in_force_from))}
                            for v in self.context.consolidation.versions[number]]
        return json.dumps(data, indent=1)
