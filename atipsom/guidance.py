"""Guidance pages (docs/guidance/*.md): our own words, every legal statement tied to a provision.

Front matter is parsed and validated here (MkDocs would swallow errors); `law:` links in the text
are resolved against the consolidation, and an unknown one is an error with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import ids, urls
from .amend import Consolidation
from .errors import InputError
from .load import load_folder, read_file
from .lookup import NotFound, Resolved, resolve
from .model import GuidancePage
from .schema import Reader

GUIDANCE_KEYS = ("title", "summary", "audience", "question", "cites", "reviewed", "hide", "search")
LAW_LINK_RE = re.compile(r"\]\(law:(?P<ref>[^)\s]+)\)")


def load_guidance(folder: Path, root: Path, errors: list[InputError] | None = None) -> list[GuidancePage]:
    """Every guidance page; problems are collected into `errors` (or raised together if none given)."""
    return load_folder(folder, root, load_guidance_page, errors)


def load_guidance_page(path: Path, root: Path, errors: list[InputError]) -> GuidancePage | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    shown = document.path
    before = len(errors)
    reader = Reader(document.meta, shown, errors)
    reader.only(GUIDANCE_KEYS)
    index = path.stem == "index"
    title = reader.str("title")
    summary = reader.str("summary", required=not index)
    cites = reader.strings("cites", required=not index)
    cite_lines = tuple(getattr(reader.raw("cites"), "item_lines", []) or [reader.line("cites")] * len(cites))
    for cite, line in zip(cites, cite_lines):
        try:
            ids.parse_ref(cite)
        except ValueError as exc:
            errors.append(InputError(shown, line, f"cites: {exc}", "write e.g. act-670/sec_44__subsec_2:2012-06-01"))
    question = reader.int("question", required=False)
    reviewed = reader.date("reviewed", required=not index)
    if reviewed and reviewed > dt.date.today() + dt.timedelta(days=1):
        errors.append(InputError(shown, reader.line("reviewed"), f"reviewed date {reviewed} is in the future",
                                 "give the date you last checked the page"))
    if len(errors) > before:
        return None
    return GuidancePage(slug=path.stem, title=title, summary=summary, audience=tuple(reader.strings("audience")),
                        cites=tuple(cites), question=question, reviewed=reviewed, body=document.body, path=shown,
                        body_line=document.body_line, cite_lines=cite_lines)


@dataclass(frozen=True)
class LawLink:
    ref: str
    line: int
    resolved: Resolved


def law_links(page: GuidancePage, consolidation: Consolidation, today: dt.date,
              errors: list[InputError]) -> list[LawLink]:
    """Every `law:` link in the page body, resolved; each unknown one is an error on its line."""
    links = []
    in_code = False
    for offset, line in enumerate(page.body.split("\n")):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        for match in LAW_LINK_RE.finditer(line):
            ref = match.group("ref")
            lineno = page.body_line + offset
            try:
                resolved = resolve(consolidation, ref, today=today)
            except NotFound as exc:
                errors.append(InputError(page.path, lineno, f"law link '{ref}' does not resolve: {exc}",
                                         "link a provision that exists in the version named, e.g. "
                                         "law:act-670/sec_44__subsec_2:2012-06-01", match.start("ref") - 3))
                continue
            links.append(LawLink(ref, lineno, resolved))
    return links


def resolve_cites(page: GuidancePage, consolidation: Consolidation, today: dt.date,
                  errors: list[InputError]) -> list[tuple[str, Resolved]]:
    out = []
    lines = page.cite_lines if len(page.cite_lines) == len(page.cites) else (1,) * len(page.cites)
    for cite, line in zip(page.cites, lines):
        try:
            out.append((cite, resolve(consolidation, cite, today=today)))
        except NotFound as exc:
            errors.append(InputError(page.path, line, f"cites: '{cite}' does not resolve: {exc}",
                                     "cite a provision that exists in the version named, e.g. "
                                     "act-670/sec_44__subsec_2:2012-06-01"))
    return out


def link_target(resolved: Resolved, ref_text: str) -> tuple[str, str]:
    """(page src, anchor) for a resolved law link: the exact version when one was named, else the current page."""
    parsed = ids.parse_ref(ref_text)
    version = resolved.version
    anchor = resolved.eid if resolved.provision.kind != "section" else None
    if parsed.at or parsed.original or parsed.as_at:
        return urls.section_page(version.number, version.in_force_from), anchor
    return urls.section_page(version.number), anchor


def rewrite_law_links(markdown: str, page_src: str, resolve_link) -> str:
    """Replace `](law:…)` with relative links to the version pages (resolve_link(ref) -> (src, anchor))."""
    import posixpath

    base = posixpath.dirname(page_src)

    def replace(match: re.Match) -> str:
        target, anchor = resolve_link(match.group("ref"))
        relative = posixpath.relpath(target, base or ".")
        return f"]({relative}{'#' + anchor if anchor else ''})"

    return LAW_LINK_RE.sub(replace, markdown)


def cited_sections(pages: Iterable[GuidancePage]) -> dict[str, list[GuidancePage]]:
    """Section number -> guidance pages that declare a citation of it."""
    by_section: dict[str, list[GuidancePage]] = {}
    for page in pages:
        for cite in page.cites:
            try:
                section = ids.parse_ref(cite).section
            except ValueError:
                continue
            if section and page not in by_section.setdefault(section, []):
                by_section[section].append(page)
    return by_section
