"""Where a `law:` link of a guidance page or an annotation points on the site: the page and anchor of the
provision it resolved to, written as a relative Markdown link."""

from __future__ import annotations

import posixpath
import re

from atipsom.domain.guidance import LAW_LINK_RE
from atipsom.domain.lookup import Resolved
from atipsom.refs.citations import parse_citation
from atipsom.render import urls


def link_target(resolved: Resolved, ref_text: str) -> tuple[str, str | None]:
    """(page src, anchor) for a resolved law link: the exact version when one was named, else the current page."""
    parsed = parse_citation(ref_text)
    version = resolved.version
    anchor = resolved.eid if resolved.provision.kind != "section" else None
    if parsed.at or parsed.original or parsed.as_at:
        return urls.Urls(version.work).section_page(version.number, version.in_force_from), anchor
    return urls.Urls(version.work).section_page(version.number), anchor


def rewrite_law_links(markdown: str, page_src: str, resolve_link) -> str:
    """Replace `](law:…)` with relative links to the version pages (resolve_link(ref) -> (src, anchor))."""
    base = posixpath.dirname(page_src)

    def replace(match: re.Match) -> str:
        target, anchor = resolve_link(match.group("ref"))
        relative = posixpath.relpath(target, base or ".")
        return f"]({relative}{'#' + anchor if anchor else ''})"

    return LAW_LINK_RE.sub(replace, markdown)
