"""`atipsom related`: the links between a provision and the guidance and case notes (declared or computed), with
their score and the reason for each, strongest first; or, for a guidance page or a case note, its provisions."""

from __future__ import annotations

import datetime as dt

from atipsom.app.links import case_links, load_links
from atipsom.app.project import links_path
from atipsom.domain.lookup import NotFound, resolve
from atipsom.domain.timeline import format_date
from atipsom.refs import ids
from atipsom.render import urls


def related_json(project, ref: str, today: dt.date) -> dict:
    work = project.statutes.work.id
    if ref.startswith("case/"):
        return _case_provisions(project, ref, today)
    links = load_links(links_path(project), project, project.guidance, today,
                       extra=case_links(project.cases, work))
    if ref.startswith("guide/"):
        slug = ref.removeprefix("guide/")
        if not any(page.slug == slug for page in project.guidance):
            raise NotFound(f"no guidance page {slug!r}")
        found = links.provisions_for_guidance(slug, computed_only=False)
        source = ref
    else:
        resolved = resolve(project.consolidation, ref, today=today)
        number = resolved.version.number
        found = links.guidance_for_section(number) + links.cases_for_section(number)
        source = str(resolved.version.provision_ref(resolved.eid).current())
    return {
        "ref": source,
        "links": [{"id": link.target, "kind": link.kind, "title": link.title, "url": link.url,
                   "reason": link.reason, "score": link.score, "why": link.why} for link in found],
    }


def _case_provisions(project, ref: str, today: dt.date) -> dict:
    """The provisions a case note concerns, each at the version in force at the time of the decision."""
    slug = ref.removeprefix("case/")
    note = next((n for n in project.cases if n.slug == slug and n.lang == "en" and not n.is_index), None)
    if note is None:
        raise NotFound(f"no case note {slug!r} (docs/cases/{slug}.md)")
    site = urls.Urls(project.statutes.work.id)
    out = []
    for position, cited in enumerate(note.provisions):
        resolved = resolve(project.consolidation, cited, today=today)
        version = resolved.version
        anchor = resolved.eid if "__" in resolved.eid else None
        out.append({"id": cited, "kind": "provision",
                    "title": f"s {version.number}" if anchor is None else ids.format_eid_citation(anchor),
                    "url": site.provision_url(version.number, anchor, version.in_force_from) if anchor
                    else urls.url_of(site.section_page(version.number, version.in_force_from)),
                    "reason": "declared", "score": 1.0 if position == 0 else 0.75,
                    "why": f"the version in force from {format_date(version.in_force_from)}, "
                           f"the version at the time of the case"})
    return {"ref": note.id, "links": out}
