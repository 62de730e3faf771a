"""MkDocs adapter: registers the generated statute pages and resolves links. No law logic here:
every hook delegates to `atipsom.site.Site` (in the manner of Material's own plugins)."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from atipsom.app.export.bulk import InvalidData, site_files
from atipsom.app.project import Project
from atipsom.app.project import today as default_today
from atipsom.app.site import Site
from atipsom.domain.errors import InputError, InputErrors
from atipsom.load.repository import is_contributed_markdown
from atipsom.mkdocs.config import StatutesConfig
from atipsom.render.sanitize import mark_contributed


def _plugin_error(exc: Exception) -> PluginError:
    if isinstance(exc, InputErrors):
        lines = "\n".join(f"  {error}" for error in exc.errors)
        return PluginError(f"{len(exc.errors)} problem(s) in the law or guidance files:\n{lines}")
    if isinstance(exc, InputError):
        return PluginError(f"problem in a law or guidance file:\n  {exc}")
    return PluginError(str(exc))


class StatutesPlugin(BasePlugin[StatutesConfig]):
    site: Site | None = None

    def on_config(self, config):
        if not self.config.enabled:
            return
        root = Path(config.config_file_path).resolve().parent
        today = dt.date.fromisoformat(self.config.today) if self.config.today else default_today()
        links_file = Path(os.environ.get("ATIPSOM_LINKS_FILE", root / self.config.links_file))
        self.site = Site(Project(root), today, links_file, self.config.edit_base_url)
        try:
            self.site.validate()
            act_nav = self.site.act_nav()
            guidance_nav = self.site.guidance_nav()
        except (InputError, InputErrors) as exc:
            raise _plugin_error(exc) from None
        work = self.site.project.statutes.work  # the Act, from its work.md
        config.nav = _replace_entry(config.nav, self.site.urls.act_page(), act_nav, f"Act {work.number}")
        config.nav = _replace_entry(config.nav, "guidance/index.md", guidance_nav, "Guidance")
        config.nav = (config.nav or []) + [{"Bahasa Melayu": self.site.malay_nav()}]
        return config

    def on_files(self, files: Files, *, config):
        if not self.config.enabled or self.site is None:
            return
        try:
            pages = self.site.pages()
        except (InputError, InputErrors) as exc:
            raise _plugin_error(exc) from None
        for page in pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.path, content=page.content))
        log.info("statutes: generated %d pages", len(pages))
        try:  # the open data (data/: every version as JSON and Akoma Ntoso, the zip, the manifest) and feed.xml
            extra = site_files(self.site.project, self.site.today, site_url=config.site_url or "")
        except InvalidData as exc:
            raise PluginError(str(exc)) from None
        for item in extra:
            files.append(File.generated(config, item.path, content=item.content))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files):
        if not self.config.enabled or self.site is None:
            return
        src = page.file.src_uri
        try:
            markdown = self.site.page_markdown(src, markdown)
        except (InputError, InputErrors) as exc:
            raise _plugin_error(exc) from None
        if getattr(page.file, "generated_by", None) is None and is_contributed_markdown(f"docs/{src}"):
            markdown = mark_contributed(markdown)  # a contributed page: sanitized after the build
        edit_url = self.site.edit_url(src)
        if edit_url:
            page.edit_url = edit_url
        return markdown

    @event_priority(-50)
    def on_page_content(self, html: str, *, page, config, files: Files):
        if not self.config.enabled or self.site is None:
            return

        def url_for(src: str):
            target = files.get_file_from_path(src)
            if target is None:
                return None
            return get_relative_url(target.url, page.file.url)

        try:
            return self.site.resolve_placeholders(html, url_for, page.file.src_uri)
        except InputErrors as exc:
            raise _plugin_error(exc) from None

    def on_post_build(self, *, config):
        if not self.config.enabled or self.site is None:
            return
        site_dir = Path(config.site_dir)
        data_dir = site_dir / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        if self.config.links_export:
            (data_dir / "links.json").write_text(self.site.export_links(), encoding="utf-8")
        (data_dir / "versions.json").write_text(self.site.versions_json(), encoding="utf-8")


def _replace_entry(nav, src: str, replacement: list, title: str):
    """Put generated navigation (the Act by Part, the guidance pages) where mkdocs.yml lists `src`."""
    if nav is None:
        return [{title: replacement}]
    out = []
    for item in nav:
        if item == src:
            out.append({title: replacement})
        elif isinstance(item, dict):
            replaced = {}
            for key, value in item.items():
                if value == src:
                    replaced[key] = replacement
                elif isinstance(value, list):
                    replaced[key] = _replace_entry(value, src, replacement, title)
                else:
                    replaced[key] = value
            out.append(replaced)
        else:
            out.append(item)
    return out


log = logging.getLogger("mkdocs.plugins.statutes")
