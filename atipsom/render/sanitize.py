"""Contributed content is untrusted: every fragment of HTML made from it passes through an allowlist sanitizer
(nh3, the Python binding of the Rust library Ammonia) before a reader gets it.

`atipsom check` already refuses raw HTML in contributed Markdown (atipsom.load.repository); this is the second
line: whatever Markdown (or a future bug) turns into HTML, a page carries no script element, no event-handler
attribute, no `javascript:`/`data:` address, no iframe, object, embed, form or style from content. Links may go
to http(s), mailto, or this site (relative addresses and #anchors).

Where contributed content sits inside a page, the page generator wraps it in two HTML comments,
CONTRIBUTED_START and CONTRIBUTED_END; `sanitize_marked` cleans what is between each pair, and `sanitize_site`
does so for every page of a built site (whatever built it). Contributed Markdown cannot contain the markers:
the check refuses HTML comments in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import nh3

CONTRIBUTED_START = "<!-- atipsom:contributed -->"
CONTRIBUTED_END = "<!-- /atipsom:contributed -->"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "section", "aside", "nav",
}
_GLOBAL = {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-labelledby", "aria-describedby",
           "aria-hidden"}
ALLOWED_ATTRIBUTES = {
    "*": _GLOBAL,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    "abbr": set(),
    "q": {"cite"},
    "blockquote": {"cite"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_MARKED_RE = re.compile(re.escape(CONTRIBUTED_START) + r"(?P<inner>.*?)" + re.escape(CONTRIBUTED_END), re.S)


def sanitize(html: str) -> str:
    """The fragment with everything outside the allowlist removed (script and style elements with their
    content; other tags unwrapped; attributes and URL schemes filtered). Links keep their address only; an
    image must be a file of this site (an image from another host would tell that host who reads the page)."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     clean_content_tags={"script", "style"}, link_rel=None, strip_comments=True,
                     attribute_filter=_local_images_only)


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and (_ABSOLUTE_RE.match(value) or value.startswith("//")):
        return None
    return value


_ABSOLUTE_RE = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:")


def sanitize_marked(html: str) -> str:
    """A page with every region between the contributed-content markers sanitized (markers kept)."""
    return _MARKED_RE.sub(lambda m: CONTRIBUTED_START + sanitize(m.group("inner")) + CONTRIBUTED_END, html)


def mark_contributed(markdown: str) -> str:
    """Contributed Markdown wrapped in the markers (blank lines around them keep the Markdown a block)."""
    return f"\n\n{CONTRIBUTED_START}\n\n{markdown}\n\n{CONTRIBUTED_END}\n\n"


def sanitize_site(site_dir: Path) -> int:
    """Sanitize the contributed regions of every HTML page of a built site; the number of pages changed."""
    changed = 0
    for page in sorted(Path(site_dir).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if CONTRIBUTED_START not in html:
            continue
        cleaned = sanitize_marked(html)
        if cleaned != html:
            page.write_text(cleaned, encoding="utf-8")
            changed += 1
    return changed
