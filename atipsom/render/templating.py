"""HTML fragments from Jinja templates (atipsom/render/templates/): autoescaped, and an undefined name is an error,
never an empty string on a reader's page. `t` (the interface's words, atipsom.render.translations) and `page_href`
(a link to another page, resolved to a relative URL by the site) are available in every template."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from atipsom.domain.timeline import format_date
from atipsom.render.html import page_href
from atipsom.render.translations import audience, t


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("atipsom.render", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=False)
    env.globals.update(t=t, page_href=page_href, audience=audience)
    env.filters["long_date"] = lambda date, lang="en": format_date(date, lang)
    return env


def render(template: str, **values) -> str:
    """The fragment `template` (a file in atipsom/render/templates/) filled with `values`."""
    return environment().get_template(template).render(**values).strip() + "\n"


def _escape_like_esc(value: Any) -> Any:
    """A value as atipsom.render.html.esc escapes it (html.escape: &quot; and &#x27;); HTML already made stays."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(escape(value, quote=True))
    return value


@lru_cache(maxsize=1)
def page_environment() -> Environment:
    """The environment of the page templates (atipsom/render/templates/pages/): autoescaped and strict like the
    fragments', with values escaped as `esc` escapes them, so that a page built from templates has the same bytes
    as the same page built by `esc` and friends. `link` (a macro in pages/macros.html) is imported by each."""
    env = Environment(loader=PackageLoader("atipsom.render", "templates"), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=_escape_like_esc)
    env.globals.update(page_href=page_href)
    env.filters["long_date"] = lambda date, lang="en": format_date(date, lang)
    return env


def render_page(template: str, **values: Any) -> str:
    """The page part `template` (a file in atipsom/render/templates/pages/) filled with `values`, as written."""
    return page_environment().get_template(f"pages/{template}").render(**values)
