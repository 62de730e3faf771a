"""Links between provisions and guidance pages, and why each exists.

Declared links come from each guidance page's `cites`. Computed links come from the search index
(text similarity, with a score above a threshold) and are written by build_index.py to a JSON
file that the site reads; the site never queries the index while it renders.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from atipsom.domain.model import GuidancePage
from atipsom.refs import ids
from atipsom.refs.citations import parse_citation
from atipsom.refs.ids import ProvisionId, VersionRef, WorkId
from atipsom.render import urls


@dataclass(frozen=True)
class Link:
    source: str  # a section ("act-670/sec_44") or a guidance page ("guide/<slug>")
    target: str  # the other end
    kind: str  # kind of the target: "guidance" | "provision"
    title: str
    url: str
    reason: str  # "declared" | "computed"
    score: float | None = None
    slug: str | None = None
    section: str | None = None
    anchor: str | None = None


class Links:
    def __init__(self, links: Iterable[Link], work: str):
        self.all = list(links)
        self.work = WorkId.parse(work)

    def guidance_for_section(self, number: str) -> list[Link]:
        source = str(VersionRef(self.work, ProvisionId.section(number)))
        found = [link for link in self.all if link.source == source and link.kind == "guidance"]
        found.sort(key=lambda link: (link.reason != "declared", -(link.score or 0), link.title))
        return found

    def provisions_for_guidance(self, slug: str, *, computed_only: bool = True) -> list[Link]:
        source = f"guide/{slug}"
        return [link for link in self.all if link.source == source and link.kind == "provision"
                and (link.reason == "computed" or not computed_only)]

    def for_ref(self, ref: str) -> list[Link]:
        return [link for link in self.all if link.source == ref]

    def to_json(self) -> dict:
        return {"links": [{k: v for k, v in asdict(link).items() if v is not None} for link in self.all]}


def declared_links(guidance: Iterable[GuidancePage], work: str) -> list[Link]:
    """Both directions of every `cites` entry of every guidance page (`work`: the Act's id)."""
    links: dict[tuple[str, str], Link] = {}
    work_id, site = WorkId.parse(work), urls.Urls(work)
    for page in guidance:
        for cite in page.cites:
            try:
                ref = parse_citation(cite)
            except ValueError:
                continue
            if not ref.section or ref.of_amending_act:
                continue
            section_id = str(VersionRef(work_id, ProvisionId.section(ref.section)))
            anchor = ref.eid if ref.eid and "__" in ref.eid else None
            links.setdefault((section_id, page.id), Link(
                source=section_id, target=page.id, kind="guidance", title=page.title,
                url=urls.url_of(urls.guidance_page(page.slug)), reason="declared", slug=page.slug))
            key = (page.id, section_id + (f"#{anchor}" if anchor else ""))
            links.setdefault(key, Link(
                source=page.id, target=ref.eid and str(VersionRef(work_id, ProvisionId(ref.eid))) or section_id,
                kind="provision", title=ids.format_eid_citation(ref.eid) if anchor else f"s {ref.section}",
                url=site.provision_url(ref.section, anchor) if anchor else urls.url_of(site.section_page(ref.section)),
                reason="declared", section=ref.section, anchor=anchor))
    return list(links.values())


def load_links(path: Path | None, project, guidance: list[GuidancePage], today: dt.date) -> Links:
    work = project.statutes.work.id
    links = declared_links(guidance, work)
    if path is not None and Path(path).is_file():
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        known = {(link.source, link.target) for link in links}
        slugs = {page.slug for page in guidance}
        for item in data.get("links", []):
            if item.get("reason") != "computed":
                continue
            link = Link(**{k: item.get(k) for k in Link.__dataclass_fields__})
            if link.slug and link.slug not in slugs:
                continue
            if (link.source, link.target) in known:
                continue
            links.append(link)
    return Links(links, work)
