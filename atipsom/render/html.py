"""Small HTML helpers."""

from __future__ import annotations

from html import escape

PLACEHOLDER = "@@page:"


def esc(text: str | None) -> str:
    return escape(text or "", quote=True)


def page_href(page: str, anchor: str | None = None) -> str:
    """A link to another page, resolved to a relative URL by the site generator (atipsom.app.staging)."""
    return f"{PLACEHOLDER}{page}" + (f"#{anchor}" if anchor else "")


def link(page: str, text: str, anchor: str | None = None, cls: str = "", attrs: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    extra = f" {attrs}" if attrs else ""
    return f'<a href="{esc(page_href(page, anchor))}"{klass}{extra}>{text}</a>'
