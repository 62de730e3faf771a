"""`atipsom related`: the links between a provision and the guidance (declared or computed), with why."""

from __future__ import annotations

import datetime as dt

from atipsom.app.links import load_links
from atipsom.app.project import links_path
from atipsom.domain.lookup import NotFound, resolve


def related_json(project, ref: str, today: dt.date) -> dict:
    links = load_links(links_path(project), project, project.guidance, today)
    if ref.startswith("guide/"):
        slug = ref.removeprefix("guide/")
        if not any(page.slug == slug for page in project.guidance):
            raise NotFound(f"no guidance page {slug!r}")
        found = links.provisions_for_guidance(slug, computed_only=False)
        source = ref
    else:
        resolved = resolve(project.consolidation, ref, today=today)
        found = links.guidance_for_section(resolved.version.number)
        source = str(resolved.version.provision_ref(resolved.eid).current())
    return {
        "ref": source,
        "links": [{"id": link.target, "kind": link.kind, "title": link.title, "url": link.url,
                   "reason": link.reason, "score": link.score, "why": link.why} for link in found],
    }
