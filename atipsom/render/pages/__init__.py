"""The generated pages of the site, as Markdown with front matter: one module per page type, the HTML in Jinja
templates (atipsom/render/templates/pages/).

Pure: takes the model, returns text. The application (atipsom.app.site, atipsom.app.staging) writes them out.
"""

from __future__ import annotations

from atipsom.render.pages.act import act_page, as_at_page, point_in_time_dates
from atipsom.render.pages.amendment import amendment_page
from atipsom.render.pages.context import Page, SiteContext
from atipsom.render.pages.section import version_pages
from atipsom.render.pages.timeline import timeline_page


def all_pages(ctx: SiteContext) -> list[Page]:
    pages = [act_page(ctx), timeline_page(ctx)]
    for number in ctx.consolidation.order:
        pages.extend(version_pages(ctx, number))
    dates = point_in_time_dates(ctx)
    for i, date in enumerate(dates):
        pages.append(as_at_page(ctx, date, dates[i + 1] if i + 1 < len(dates) else None))
    for act in ctx.amendments:
        pages.append(amendment_page(ctx, act))
    return pages


__all__ = ["Page", "SiteContext", "all_pages"]
