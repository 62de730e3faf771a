"""The timeline of the Act as an accessible SVG drawn at build time (no script, no external reference)."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from atipsom.domain.timeline import TimelineEvent, format_date
from atipsom.render.html import esc

SURE = {"official", "reprint"}


def timeline_svg(events: Sequence[TimelineEvent], width: int = 960) -> str:
    """One row per event on a horizontal time axis; uncertain dates drawn dashed and labelled."""
    dated = [e for e in events if e.date]
    if not dated:
        return ""
    start = dt.date(dated[0].date.year, 1, 1)
    end = dt.date(dated[-1].date.year + 1, 12, 31)
    left, right, top, row = 150, 20, 40, 34
    height = top + row * len(dated) + 40
    span = (end - start).days

    def x(date: dt.date) -> float:
        return left + (width - left - right) * (date - start).days / span

    parts = [
        f'<svg class="atp-timeline" role="img" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-labelledby="tl-title tl-desc" preserveAspectRatio="xMinYMin meet">',
        '<title id="tl-title">Timeline of Act 670</title>',
        '<desc id="tl-desc">' + esc("; ".join(
            f"{format_date(e.date)}: {e.description}" + ("" if e.certainty in SURE else f" (date {e.certainty})")
            for e in dated)) + "</desc>",
    ]
    axis_y = height - 28
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" class="tl-axis" stroke="currentColor"/>')
    for year in range(start.year, end.year + 1):
        if year % 2 and year != start.year:
            continue
        xx = x(dt.date(year, 1, 1))
        parts.append(f'<line x1="{xx:.1f}" y1="{axis_y}" x2="{xx:.1f}" y2="{axis_y + 5}" stroke="currentColor"/>'
                     f'<text x="{xx:.1f}" y="{axis_y + 18}" text-anchor="middle" class="tl-year">{year}</text>')
    for i, event in enumerate(dated):
        y = top + i * row
        xx = x(event.date)
        sure = event.certainty in SURE
        dash = "" if sure else ' stroke-dasharray="4 3"'
        marker = (f'<circle cx="{xx:.1f}" cy="{y}" r="6" class="tl-dot tl-{event.kind}" fill="currentColor"/>' if sure
                  else f'<circle cx="{xx:.1f}" cy="{y}" r="6" class="tl-dot tl-uncertain" fill="none" '
                       f'stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/>')
        parts.append(f'<line x1="{xx:.1f}" y1="{y}" x2="{xx:.1f}" y2="{axis_y}" stroke="currentColor" '
                     f'stroke-opacity="0.35"{dash}/>')
        parts.append(marker)
        label = f"{format_date(event.date)}"
        parts.append(f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" class="tl-date">{esc(label)}</text>')
        text = event.description + ("" if sure else f" (date: {event.certainty})")
        anchor = "start" if xx < width * 0.6 else "end"
        tx = xx + 12 if anchor == "start" else xx - 12
        parts.append(f'<text x="{tx:.1f}" y="{y + 4}" text-anchor="{anchor}" class="tl-label">{esc(text)}</text>')
    parts.append("</svg>")
    # focusable, so that a keyboard can scroll it where it is wider than the screen
    return ('<figure class="atp-timeline-figure" tabindex="0" aria-label="Timeline of Act 670">' + "".join(parts) + (
        '<figcaption>Filled dots: dates from official notices or reprints. Hollow dashed dots: dates from one '
        'unofficial source or unverified. The table below gives every event in words.</figcaption></figure>'))
