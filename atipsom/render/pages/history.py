"""A section's history page (every version, what made it, links to compare) and the form to compare two
versions, which the diff pages show too."""

from __future__ import annotations

import json
from typing import Any, Sequence

from atipsom.domain.model import Version
from atipsom.domain.timeline import format_date
from atipsom.render import urls
from atipsom.render.html import page_href
from atipsom.render.pages.context import CHANGE_LABEL, SiteContext, front_matter, title_text
from atipsom.render.templating import render_page


def history_page(ctx: SiteContext, versions: Sequence[Version]) -> str:
    last = versions[-1]
    meta = {"title": f"History of section {last.number}", "search": {"exclude": True},
            "atipsom": {"section": last.number, "kind": "history"}}
    rows = []
    for i, version in enumerate(versions):
        commencement = ctx.work.commencement_of(version.number, version.part)
        rows.append({
            "page": ctx.urls.section_page(version.number, version.in_force_from),
            "start": format_date(version.in_force_from),
            "until": format_date(version.in_force_to) if version.in_force_to else "still in force",
            "change": CHANGE_LABEL.get(version.change, version.change),
            "acts": [{"page": ctx.urls.amendment_page(ref.act), "text": "Act " + ref.citation}
                     for ref in version.amended_by],
            "enacted": f"{ctx.citation()} as enacted" + (f" ({commencement.notice})" if commencement else ""),
            "compare": ctx.urls.diff_page(version.number, versions[i - 1].in_force_from, version.in_force_from)
            if i else None,
        })
    body = render_page("history.md", number=last.number, heading=title_text(last.heading.get("en", "")),
                       section_page=ctx.urls.section_page(last.number), rows=rows,
                       compare_form=len(versions) > 1, **(compare_values(versions) if len(versions) > 1 else {}))
    return front_matter(meta) + body


def compare_values(versions: Sequence[Version], old: Version | None = None,
                   new: Version | None = None) -> dict[str, Any]:
    """What pages/compare_form.html shows: every pair's diff page, and the two versions selected."""
    old = old or versions[-2]
    new = new or versions[-1]
    pairs = {f"{a.in_force_from.isoformat()}_{b.in_force_from.isoformat()}":
             page_href(urls.Urls(a.work).diff_page(a.number, a.in_force_from, b.in_force_from))
             for i, a in enumerate(versions) for b in versions[i + 1:]}
    return {"pairs": json.dumps(pairs),
            "versions": [{"value": v.in_force_from.isoformat(), "label": format_date(v.in_force_from),
                          "old": v is old, "new": v is new} for v in versions]}
