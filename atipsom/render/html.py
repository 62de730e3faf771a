"""Small HTML helpers: escaping as the pages escape, and the placeholder of a link to another page. The HTML
itself comes from templates (atipsom/render/templates/; a link: the `link` macro of pages/macros.html)."""

from __future__ import annotations

from html import escape

PLACEHOLDER = "@@page:"


def esc(text: str | None) -> str:
    return escape(text or "", quote=True)


def page_href(page: str, anchor: str | None = None) -> str:
    """A link to another page, resolved to a relative URL by the site generator (atipsom.app.staging)."""
    return f"{PLACEHOLDER}{page}" + (f"#{anchor}" if anchor else "")
