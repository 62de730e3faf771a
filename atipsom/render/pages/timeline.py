"""The timeline of the Act: the drawing and the table of every event, with how sure we are of its date."""

from __future__ import annotations

from markupsafe import Markup

from atipsom.domain.timeline import format_date, timeline_events
from atipsom.render.pages.context import Page, SiteContext, front_matter
from atipsom.render.templating import render_page
from atipsom.render.timeline_svg import timeline_svg

SURE = {"official": "official", "reprint": "official reprint", "single-source": "one source only",
        "unverified": "unverified", "unknown": "unknown"}


def timeline_page(ctx: SiteContext) -> Page:
    events = timeline_events(ctx.work, ctx.amendments)
    rows = [{"date": format_date(event.date) if event.date else "date not known", "text": event.description, "note": event.note or "",
             "page": ctx.urls.amendment_page(event.by) if event.by.startswith("act-a") else None,
             "sure": SURE.get(event.certainty, event.certainty), "source": event.source} for event in events]
    title = f"Timeline of {ctx.citation()}"
    body = render_page("timeline.md", title=title, svg=Markup(timeline_svg(events, title)), events=rows)
    meta = {"title": title, "atipsom": {"kind": "timeline"}}
    return Page(ctx.urls.timeline_page(), front_matter(meta) + body, edit_path=ctx.work.path)
