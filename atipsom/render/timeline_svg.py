"""The timeline of the Act as an accessible SVG drawn at build time (no script, no external reference): the
geometry here, the drawing in templates/pages/timeline.svg.html."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from atipsom.domain.timeline import TimelineEvent, format_date
from atipsom.render.templating import render_page

SURE = {"official", "reprint"}


def timeline_svg(events: Sequence[TimelineEvent], title: str, width: int = 960) -> str:
    """One row per event on a horizontal time axis; uncertain dates drawn dashed and labelled. `title`: the
    drawing's accessible name ('Timeline of Act 670')."""
    dated = [(e, e.date) for e in events if e.date]
    if not dated:
        return ""
    start = dt.date(dated[0][1].year, 1, 1)
    end = dt.date(dated[-1][1].year + 1, 12, 31)
    left, right, top, row = 150, 20, 40, 34
    height = top + row * len(dated) + 40
    span = (end - start).days

    def x(date: dt.date) -> float:
        return left + (width - left - right) * (date - start).days / span

    rows = []
    for i, (event, date) in enumerate(dated):
        xx = x(date)
        sure = event.certainty in SURE
        anchor = "start" if xx < width * 0.6 else "end"
        rows.append({"x": f"{xx:.1f}", "y": top + i * row, "kind": event.kind, "sure": sure,
                     "date": format_date(date),
                     "text": event.description + ("" if sure else f" (date: {event.certainty})"), "anchor": anchor,
                     "tx": f"{xx + 12 if anchor == 'start' else xx - 12:.1f}"})
    description = "; ".join(f"{format_date(date)}: {event.description}"
                            + ("" if event.certainty in SURE else f" (date {event.certainty})")
                            for event, date in dated)
    years = [{"x": f"{x(dt.date(year, 1, 1)):.1f}", "label": year} for year in range(start.year, end.year + 1)
             if not (year % 2 and year != start.year)]
    return render_page("timeline.svg.html", title=title, width=width, height=height, left=left, axis_y=height - 28,
                       axis_end=width - right, description=description, years=years, rows=rows).rstrip("\n")
