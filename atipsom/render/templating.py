"""HTML fragments from Jinja templates (atipsom/render/templates/): autoescaped, and an undefined name is an error,
never an empty string on a reader's page. `t` (the interface's words, atipsom.render.translations) and `page_href`
(a link to another page, resolved to a relative URL by the site) are available in every template."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

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
