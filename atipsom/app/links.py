"""Links between provisions and guidance pages (and case notes), each with a score and the reason for it.

Declared links come from each guidance page's `cites` and `law:` links and from the commentary's
`guidance:` lists, ranked by how central the section is to the page (atipsom.domain.link_ranking). Computed
links come from the search index (similar wording, kept above a threshold) and are written by `atipsom build`
to links.json with the similarity of every declared pair; the site and `atipsom related` read that file and
never query the index while they render.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from atipsom.domain.cases import CaseNote
from atipsom.domain.link_ranking import Evidence, declared_score, linked_sections, page_evidence, why
from atipsom.domain.model import GuidancePage, is_available
from atipsom.domain.timeline import format_date, version_at
from atipsom.refs import ids
from atipsom.refs.citations import parse_citation
from atipsom.refs.ids import ProvisionId, VersionRef, WorkId
from atipsom.render import urls

DECLARED, COMPUTED = "declared", "computed"


@dataclass(frozen=True)
class Link:
    source: str  # a section ("act-670/sec_44"), a guidance page ("guide/<slug>") or a case note ("case/<slug>")
    target: str  # the other end
    kind: str  # kind of the target: "guidance" | "provision" | "case"
    title: str
    url: str
    reason: str  # "declared" | "computed"
    score: float | None = None  # 0..1, the strongest first: declared 0.5..1, computed below 0.5
    why: str | None = None  # the reason in words (where the page cites it, how often, ...)
    similarity: float | None = None  # the search engine's similarity, when it was measured
    slug: str | None = None
    section: str | None = None
    anchor: str | None = None


def _rank_key(link: Link):
    return (-(link.score or 0.0), link.reason != DECLARED, link.title)


class Links:
    def __init__(self, links: Iterable[Link], work: str):
        self.all = list(links)
        self.work = WorkId.parse(work)

    def guidance_for_section(self, number: str) -> list[Link]:
        """The guidance pages for a section, strongest first."""
        source = str(VersionRef(self.work, ProvisionId.section(number)))
        return sorted((link for link in self.all if link.source == source and link.kind == "guidance"), key=_rank_key)

    def cases_for_section(self, number: str) -> list[Link]:
        """The case notes that concern a section, strongest first."""
        source = str(VersionRef(self.work, ProvisionId.section(number)))
        return sorted((link for link in self.all if link.source == source and link.kind == "case"), key=_rank_key)

    def provisions_for_guidance(self, slug: str, *, computed_only: bool = True) -> list[Link]:
        source = f"guide/{slug}"
        return sorted((link for link in self.all if link.source == source and link.kind == "provision"
                       and (link.reason == COMPUTED or not computed_only)), key=_rank_key)

    def for_ref(self, ref: str) -> list[Link]:
        return sorted((link for link in self.all if link.source == ref), key=_rank_key)

    def to_json(self) -> dict:
        return {"links": [{k: v for k, v in asdict(link).items() if v is not None} for link in self.all]}


# -- declared links ---------------------------------------------------------------------------------


def section_headings(consolidation, today: dt.date) -> dict[str, str]:
    """Section number -> its English heading in force today (empty where no English heading is known)."""
    out = {}
    for number in consolidation.order:
        versions = consolidation.versions[number]
        version = version_at(versions, today) or versions[-1]
        heading = version.heading.get("en", "")
        out[number] = heading if is_available(heading) else ""
    return out


def annotated_guidance(annotations: Mapping) -> dict[str, tuple[str, ...]]:
    """Section number -> the guidance pages its commentary lists (`guidance:`)."""
    return {number: tuple(annotation.guidance) for number, annotation in annotations.items()}


def declared_evidence(guidance: Iterable[GuidancePage], headings: Mapping[str, str], annotated: Mapping,
                      similarity: Mapping[tuple[str, str], float] | None = None) -> list[Evidence]:
    """The evidence of every declared (section, page) pair, with the relative similarity where it was measured."""
    similarity = similarity or {}
    out = []
    for page in guidance:
        if page.slug == "index":
            continue
        for evidence in page_evidence(page, headings, annotated):
            relative = similarity.get((evidence.section, page.slug), 0.0)
            out.append(Evidence(**{**evidence.__dict__, "similarity": relative}))
    return out


def declared_links(guidance: Iterable[GuidancePage], work: str, evidence: Iterable[Evidence]) -> list[Link]:
    """Both directions of every declared (section, page) pair, scored; the page -> provision links are one per
    provision the page cites (`cites`), with the pair's score."""
    pages = {page.slug: page for page in guidance}
    work_id, site = WorkId.parse(work), urls.Urls(work)
    links: dict[tuple[str, str], Link] = {}
    by_pair = {(e.section, e.slug): e for e in evidence}
    for (section, slug), item in by_pair.items():
        page = pages[slug]
        score, reason_words = declared_score(item), why(item)
        section_id = str(VersionRef(work_id, ProvisionId.section(section)))
        links[(section_id, page.id)] = Link(
            source=section_id, target=page.id, kind="guidance", title=page.title,
            url=urls.url_of(urls.guidance_page(page.slug)), reason=DECLARED, score=score, why=reason_words,
            similarity=round(item.similarity, 3) if item.similarity else None, slug=page.slug)
    for page in pages.values():
        for cite in page.cites:
            try:
                ref = parse_citation(cite)
            except ValueError:
                continue
            if not ref.section or ref.of_amending_act or (ref.section, page.slug) not in by_pair:
                continue
            item = by_pair[(ref.section, page.slug)]
            section_id = str(VersionRef(work_id, ProvisionId.section(ref.section)))
            anchor = ref.eid if ref.eid and "__" in ref.eid else None
            key = (page.id, section_id + (f"#{anchor}" if anchor else ""))
            links.setdefault(key, Link(
                source=page.id, target=ref.eid and str(VersionRef(work_id, ProvisionId(ref.eid))) or section_id,
                kind="provision", title=ids.format_eid_citation(anchor) if anchor else f"s {ref.section}",
                url=site.provision_url(ref.section, anchor) if anchor else urls.url_of(site.section_page(ref.section)),
                reason=DECLARED, score=declared_score(item), why=why(item), section=ref.section, anchor=anchor))
    return list(links.values())


def project_declared_links(project, today: dt.date, similarity: Mapping[tuple[str, str], float] | None = None,
                           guidance: list[GuidancePage] | None = None) -> list[Link]:
    guidance = project.guidance if guidance is None else guidance
    evidence = declared_evidence(guidance, section_headings(project.consolidation, today),
                                 annotated_guidance(project.annotations), similarity)
    return declared_links(guidance, project.statutes.work.id, evidence)


def case_links(notes: Iterable[CaseNote], work: str) -> list[Link]:
    """Section -> case note, for every section an English case note concerns (`provisions`, at the version in
    force at the time). The first provision is what the case is about; a section also cited in the note's
    summary is central to it."""
    work_id = WorkId.parse(work)
    links = []
    for note in notes:
        if note.is_index or note.lang != "en":
            continue
        in_summary = {section for section, _ in linked_sections(note.summary)}
        when = f"decided {format_date(note.decided)}" if note.decided else "date of decision not in the sources"
        for position, section in enumerate(note.sections()):
            primary, summary = position == 0, section in in_summary
            score = round(0.5 + 0.5 * (0.6 * primary + 0.4 * summary), 3)
            reason = ("the decision is about this section" if primary else "the decision concerns this section")
            links.append(Link(
                source=str(VersionRef(work_id, ProvisionId.section(section))), target=note.id, kind="case",
                title=note.title, url=urls.url_of(urls.case_page(note.slug)), reason=DECLARED, score=score,
                why=f"{reason} ({note.court}, {when})", slug=note.slug, section=section))
    return links


def _measured_similarity(data: dict) -> dict[tuple[str, str], float]:
    """The relative similarity of each declared (section, page) pair, as the build measured it."""
    out = {}
    for item in data.get("links", []):
        if item.get("reason") == DECLARED and item.get("kind") == "guidance" and item.get("similarity"):
            section = VersionRef.parse(item["source"]).provision
            if section is not None and section.section_number and item.get("slug"):
                out[(section.section_number, item["slug"])] = float(item["similarity"])
    return out


def load_links(path: Path | None, project, guidance: list[GuidancePage], today: dt.date,
               extra: Iterable[Link] = ()) -> Links:
    """Declared links from the pages as they are now (with the similarity the build measured), the computed
    links of the build, and `extra` (the case notes' links)."""
    work = project.statutes.work.id
    data: dict = {}
    if path is not None and Path(path).is_file():
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
    links = project_declared_links(project, today, _measured_similarity(data), guidance)
    known = {(link.source, link.target) for link in links}
    slugs = {page.slug for page in guidance}
    for item in data.get("links", []):
        if item.get("reason") != COMPUTED or item.get("kind") not in ("guidance", "provision"):
            continue
        link = Link(**{k: item.get(k) for k in Link.__dataclass_fields__})
        if (link.slug and link.slug not in slugs) or (link.source, link.target) in known:
            continue
        links.append(link)
    links.extend(extra)
    return Links(links, work)
