"""The site as a folder of plain files that MkDocs builds with no plugin of ours: the staging folder.

    staged = stage_site(project, today, staging_dir, site_url=..., offline=...)
    build_site(staged, out_dir)        # mkdocs build -f <staging>/mkdocs.yml, then the sanitizer

`stage_site` writes, from the project loaded and consolidated once:

* `docs/`: every hand-written page of docs/ as readers get it (guidance and case notes with their notice, In short,
  counterpart and boxes; law links already plain relative `.md` links), every generated page (sections and their
  versions, histories, diffs, the Act, as-at pages, amending Acts, timeline, glossaries) as Markdown with front
  matter, the assets, the open data (data/, feed.xml), data/links.json and data/versions.json, and the static
  search's data (search-data/). Links between pages that the page builders write as placeholders
  (atipsom.render.html) are resolved here to the relative URLs the site will have;
* `overrides/`: the theme's overrides (a copy of the repository's);
* `mkdocs.yml`: the repository's mkdocs.yml with the navigation written out (the Act by Part and section, the
  guidance, the Malay pages), the published address, the offline switch, and no `atipsom` section.

What MkDocs did through our plugin's hooks is now data: a page's "Edit this page" address is `edit_url` in its
front matter (read by overrides/partials/actions.html), the settings (today, offline, the links file, the address)
are arguments here, never environment variables. No hook remains.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import YAML_RE, get_data

from atipsom.app.corpus import project_docs
from atipsom.app.export.bulk import site_files
from atipsom.app.project import Project
from atipsom.app.site import Site
from atipsom.domain.errors import InputError, InputErrors
from atipsom.load.repository import is_contributed_markdown
from atipsom.render.html import PLACEHOLDER
from atipsom.render.sanitize import mark_contributed, sanitize_site
from search.static_index import write_static_index

#: the generator's own settings in the repository's mkdocs.yml (left out of the staged one)
OPTIONS_KEY = "atipsom"
DEFAULT_OPTIONS = {"links_file": "var/links.json", "edit_base_url": "", "links_export": True}
OFFLINE_PLUGIN = "offline"
PLACEHOLDER_RE = re.compile(re.escape(PLACEHOLDER) + r"(?P<page>[^\"'#\s<>&]+)(?:#(?P<anchor>[^\"'\s<>&]*))?")


@dataclass(frozen=True)
class Staged:
    """A staging folder ready for MkDocs (or another generator that reads mkdocs.yml)."""

    root: Path
    pages: int  # Markdown pages written (hand-written and generated)
    files: int  # every file under docs/

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"


def read_config(root: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml, as plain data (it uses no YAML tags: nothing comes from the environment)."""
    path = root / "mkdocs.yml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputErrors([InputError("mkdocs.yml", None, f"not valid YAML: {exc}",
                                      "fix the YAML (tags such as !ENV are not used: the build passes settings)")])
    if not isinstance(config, dict):
        raise InputErrors([InputError("mkdocs.yml", None, "not a mapping", "restore the site configuration")])
    return config


def options(config: dict[str, Any]) -> dict[str, Any]:
    """The generator's settings (the `atipsom:` section of mkdocs.yml), with their defaults."""
    return {**DEFAULT_OPTIONS, **(config.get(OPTIONS_KEY) or {})}


def stage_site(project: Project, today: dt.date, staging_dir: Path, site_url: str | None = None,
               offline: bool = False, *, links_file: Path | None = None, links_from: str = "page") -> Staged:
    """Write the whole site as plain files into `staging_dir` (replaced). `links_file`: the provision-guidance
    links computed by the build (default: the one mkdocs.yml names, or the declared links when it is absent).
    `links_from`: what a link between pages in HTML is relative to: "page", the page's address (MkDocs leaves
    links in HTML as written), or "source", the folder of the page's file (Zensical, Material's successor,
    rewrites them from there: `guidance/x.md` is read at `guidance/x/`)."""
    if links_from not in ("page", "source"):
        raise ValueError(f"links_from: 'page' or 'source', not {links_from!r}")
    config = read_config(project.root)
    settings = options(config)
    site = Site(project, today, links_file or project.root / settings["links_file"], settings["edit_base_url"])
    site.validate()
    if staging_dir.exists():
        shutil.rmtree(staging_dir)
    docs = staging_dir / "docs"
    shutil.copytree(project.docs_dir, docs)
    if (project.root / "overrides").is_dir():
        shutil.copytree(project.root / "overrides", staging_dir / "overrides")

    generated = {page.path: page.content for page in site.pages()}
    extra: dict[str, str | bytes] = {item.path: item.content for item in site_files(project, today, site_url=site_url or "")}
    extra["data/versions.json"] = site.versions_json()
    if settings["links_export"]:
        extra["data/links.json"] = site.export_links()
    for path, content in extra.items():
        _write(docs / path, content)
    write_static_index(project_docs(project), docs)

    written = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    sources = sorted(written | set(generated))
    directory_urls = bool(config.get("use_directory_urls", True)) and not offline
    resolver = _Links(sources, directory_urls, from_source=links_from == "source")
    problems: list[InputError] = []
    pages = 0
    for src in sources:
        if not src.endswith(".md"):
            continue
        if src in generated:
            text, contributed = generated[src], False
        else:
            text, contributed = (docs / src).read_text(encoding="utf-8"), is_contributed_markdown(f"docs/{src}")
        body, meta_block = _split(text)
        body = site.page_markdown(src, body)
        if contributed:
            body = mark_contributed(body)
        body = resolver.resolve(body, src, problems)
        _write(docs / src, _join(meta_block, site.edit_url(src)) + body)
        pages += 1
    if problems:
        raise InputErrors(problems)

    staged_config = _staged_config(config, site, site_url=site_url, offline=offline,
                                   overrides=(staging_dir / "overrides").is_dir())
    (staging_dir / "mkdocs.yml").write_text(
        "# Written by atipsom.app.staging (do not edit: change the repository's mkdocs.yml)\n"
        + yaml.safe_dump(staged_config, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    log.info("staged %d pages (%d generated) in %s", pages, len(generated), staging_dir)
    return Staged(staging_dir, pages=pages, files=len(sources))


def build_site(staged: Staged, out_dir: Path) -> None:
    """Build the staged site with MkDocs (strict) into `out_dir`, then sanitize every region of contributed
    content in it (atipsom.render.sanitize)."""
    from mkdocs.commands.build import build  # here: MkDocs' build loads only when a site is built
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    problems = _LogProblems()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(problems)
    try:
        config = load_config(config_file=str(staged.config_file), site_dir=str(out_dir), strict=True)
        try:
            build(config)
        except (Abort, PluginError) as exc:
            # MkDocs logs the real reason and raises "Aborted with a BuildError!": show the reason
            details = "".join(f"\n  {line}" for line in problems.lines) or f" {exc}"
            raise RuntimeError(f"site build failed:{details}") from None
    finally:
        mkdocs_log.removeHandler(problems)
    if not (out_dir / "index.html").is_file():
        raise RuntimeError("site build produced no index.html")
    sanitize_site(out_dir)


# --- pages --------------------------------------------------------------------------------------------------

def _split(text: str) -> tuple[str, str | None]:
    """(the body as MkDocs reads it, the YAML front matter's lines or None)."""
    body, _ = get_data(text)
    match = YAML_RE.match(text)
    return body, match.group(1) if match and text[match.end():].lstrip("\n") == body else None


def _join(meta_block: str | None, edit_url: str | None) -> str:
    """Front matter again, with the page's "Edit this page" address last (so that a page cannot set its own)."""
    lines = meta_block or ""
    if edit_url:
        lines += f"edit_url: {json.dumps(edit_url)}\n"
    return f"---\n{lines}---\n\n" if lines else ""


class _Links:
    """Placeholders (`@@page:<src>#anchor`) -> the relative URL of that page from the page that links to it."""

    def __init__(self, sources: list[str], directory_urls: bool, *, from_source: bool = False):
        self.from_source = from_source
        self.urls = {src: File(src, None, "", directory_urls).url for src in sources}

    def resolve(self, text: str, where: str, problems: list[InputError]) -> str:
        here = where if self.from_source else self.urls[where]
        missing: set[str] = set()

        def replace(match: re.Match) -> str:
            target = self.urls.get(posixpath.normpath(match.group("page")))
            if target is None:
                missing.add(match.group("page"))
                return "#"
            anchor = match.group("anchor")
            return get_relative_url(target, here) + (f"#{anchor}" if anchor else "")

        resolved = PLACEHOLDER_RE.sub(replace, text)
        problems.extend(InputError(f"docs/{where}", None, f"link to a page that does not exist: {page}",
                                   "this is a bug in the site generator or a missing statute file")
                        for page in sorted(missing))
        return resolved


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


# --- the staged mkdocs.yml -------------------------------------------------------------------------------

def _staged_config(config: dict[str, Any], site: Site, *, site_url: str | None, offline: bool,
                   overrides: bool) -> dict[str, Any]:
    staged = {key: value for key, value in config.items() if key not in (OPTIONS_KEY, "watch")}
    staged["docs_dir"] = "docs"
    if site_url is not None:
        staged["site_url"] = site_url
    theme = dict(staged.get("theme") or {})
    if overrides:
        theme["custom_dir"] = "overrides"
    else:
        theme.pop("custom_dir", None)
    staged["theme"] = theme
    staged["plugins"] = [_plugin_setting(entry, offline) for entry in staged.get("plugins") or []]
    work = site.project.statutes.work
    nav = _replace_entry(staged.get("nav"), site.urls.act_page(), site.act_nav(), f"Act {work.number}")
    nav = _replace_entry(nav, "guidance/index.md", site.guidance_nav(), "Guidance")
    staged["nav"] = nav + [{"Bahasa Melayu": site.malay_nav()}]
    return staged


def _plugin_setting(entry: Any, offline: bool) -> Any:
    """A plugin of mkdocs.yml as staged: Material's offline plugin switched on for the offline copy."""
    name = entry if isinstance(entry, str) else next(iter(entry))
    if name != OFFLINE_PLUGIN:
        return entry
    settings = {} if isinstance(entry, str) else dict(entry[name] or {})
    settings["enabled"] = offline
    return {name: settings}


def _replace_entry(nav: list | None, src: str, replacement: list, title: str) -> list:
    """Put generated navigation (the Act by Part, the guidance pages) where mkdocs.yml lists `src`."""
    if nav is None:
        return [{title: replacement}]
    out: list = []
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


class _LogProblems(logging.Handler):
    """Collects the warnings and errors MkDocs logs while it builds (they explain an abort)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.extend(line for line in record.getMessage().splitlines() if line.strip())


log = logging.getLogger("atipsom.staging")
