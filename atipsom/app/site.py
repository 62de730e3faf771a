"""The site, independent of the site generator: which pages exist, the navigation by Part, what guidance pages
get added, and where "Edit this page" points. atipsom.app.staging writes it as plain files for MkDocs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from atipsom.app.links import Links, case_links, load_links
from atipsom.app.project import Project
from atipsom.app.written_pages import WrittenPages
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.guidance import law_links, resolve_cites
from atipsom.domain.model import GuidancePage, Version
from atipsom.domain.timeline import version_at
from atipsom.load.guidance import load_guidance
from atipsom.render import urls
from atipsom.render.annotation import annotation_renderer
from atipsom.render.enrich import enricher_for
from atipsom.render.pages import Page, SiteContext, all_pages
from atipsom.render.pages.context import english_or_malay
from atipsom.render.translations import t


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
        for page in list(self.guidance) + list(self.project.guidance_ms):
            law_links(page, consolidation, self.today, errors)
            resolve_cites(page, consolidation, self.today, errors)
        if errors:
            raise InputErrors(errors)

    @cached_property
    def guidance(self) -> list[GuidancePage]:
        return load_guidance(self.project.docs_dir / "guidance", self.project.root)

    @cached_property
    def links(self) -> Links:
        return load_links(self.links_file, self.project, self.guidance, self.today,
                          extra=case_links(self.project.cases, self.project.statutes.work.id))

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
        pages = all_pages(self.context) + self.written.glossary_pages()
        for page in pages:
            if page.edit_path:
                self._edit_paths[page.path] = self._edit_path_for(page)
        return pages

    def _edit_path_for(self, page: Page) -> str | None:
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
            heading = english_or_malay(part.heading)
            entries = []
            for number in part.sections:
                versions = self.context.consolidation.versions[number]
                version = version_at(versions, self.today) or versions[-1]
                label = english_or_malay(version.heading)
                entries.append({f"{number}. {label}": self.urls.section_page(number)})
            nav.append({f"Part {part.number}: {heading.capitalize()}": entries})
        nav.append({"Timeline": self.urls.timeline_page()})
        for act in self.context.amendments:
            nav.append({f"Act {act.number} ({act.in_force_from.year})": self.urls.amendment_page(act.id)})
        return nav

    def guidance_nav(self, lang: str = "en") -> list:
        found = self.guidance if lang == "en" else self.project.guidance_ms
        pages = sorted((p for p in found if p.slug != "index"),
                       key=lambda p: (p.question if p.question is not None else 999, p.title))
        index = [{t("guidance", lang): urls.guidance_page("index", lang)}] if any(
            p.slug == "index" for p in found) else []
        return index + [{p.title: urls.guidance_page(p.slug, lang)} for p in pages]

    def malay_nav(self) -> list:
        """The Malay pages, in the order of the English navigation: home, guidance, case notes, glossary, about."""
        docs = self.project.docs_dir
        nav: list = []
        if (docs / "ms" / "index.md").is_file():
            nav.append({t("home", "ms"): "ms/index.md"})
        guidance = self.guidance_nav("ms")
        if guidance:
            nav.append({t("guidance", "ms"): guidance})
        if (docs / "ms" / "cases" / "index.md").is_file():
            nav.append({t("cases", "ms"): "ms/cases/index.md"})
        nav.append({t("glossary", "ms"): "ms/glossary/index.md"})
        about = sorted((docs / "ms" / "about").glob("*.md")) if (docs / "ms" / "about").is_dir() else []
        if about:
            nav.append({t("about", "ms"): [f"ms/about/{path.name}" for path in about]})
        return nav

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

    # --- hand-written pages in both languages (atipsom.app.written_pages) -------------------------------------

    @cached_property
    def written(self) -> WrittenPages:
        return WrittenPages(self.project, self.today, self.links)

    def page_markdown(self, page_src: str, markdown: str) -> str:
        """A hand-written page as readers get it: guidance and case notes in both languages with their notice,
        In short, counterpart and boxes; the home and about pages with the link to the other language."""
        return self.sources_markdown(self.written.markdown(page_src, markdown))

    def guidance_box(self, version: Version) -> str:
        return self.written.section_box(version)

    # --- links between pages ------------------------------------------------------------------------

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
