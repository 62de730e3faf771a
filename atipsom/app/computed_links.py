"""Links between provisions and guidance: declared (a page's `cites`) and computed (text similarity in
the index, kept when the score clears a threshold). Each link records why it exists.

The result is written by `atipsom build` to var/links.json; the site and `atipsom related` read it.
"""

from __future__ import annotations

import datetime as dt

from atipsom.app.links import declared_links
from atipsom.domain.model import is_available
from atipsom.domain.plaintext import all_words
from atipsom.domain.timeline import version_at
from atipsom.refs import ids
from atipsom.refs.ids import ProvisionId, VersionRef, WorkId
from atipsom.render import urls

#: A computed link is kept when its score is at least this share of the best score for the same source,
#: and at least MIN_SCORE (Whoosh BM25F of the source's key terms: real scores run from about 0.1 to 6).
#: Tuned on tests/eval/links.yaml with `python benchmarks/links.py --sweep`: with 0.8 / 0.4 / 3 the links of
#: the 29 judged sections have precision@3 0.96 and recall 0.44 with no must-not link, and every section of
#: Part V and ss 25, 26, 51A, 66A, 66B has a link. A lower MIN_SCORE adds links from sections with little
#: in common with any page (Malay-only text); s 46 (best score 0.41) needs it at 0.4 until a page cites it.
RELATIVE_THRESHOLD = 0.8
MIN_SCORE = 0.4
PER_SECTION = 3
PER_PAGE = 2  # page -> provision links are noisier (short provisions score high): keep the best two


def _keep(scored: list[tuple[str, float]], limit: int) -> list[tuple[str, float]]:
    if not scored:
        return []
    top = scored[0][1]
    return [(key, score) for key, score in scored if score >= MIN_SCORE and score >= RELATIVE_THRESHOLD * top][:limit]


def section_query_text(version) -> str:
    """A section's words for similarity: its heading and text (English, or Malay where the English is missing)."""
    for lang in ("en", "ms"):
        heading = version.heading.get(lang, "")
        words = all_words(version.body[lang])
        if words:
            return f"{heading if is_available(heading) else ''} {words}"
    return ""


def computed_section_links(engine, project, today: dt.date) -> list[dict]:
    """For each section in force today: the guidance pages most like it."""
    pages = {page.id: page for page in project.guidance}
    work = WorkId.parse(project.statutes.work.id)
    links = []
    for number in project.consolidation.order:
        version = version_at(project.consolidation.versions[number], today)
        if version is None:
            continue
        scored = engine.similar(section_query_text(version), kind="guidance", limit=PER_SECTION * 3, as_at=today)
        for page_id, score in _keep(scored, PER_SECTION):
            page = pages.get(page_id)
            if page is None:
                continue
            links.append({"source": str(VersionRef(work, ProvisionId.section(number))), "target": page.id,
                          "kind": "guidance",
                          "title": page.title, "url": urls.url_of(urls.guidance_page(page.slug)),
                          "reason": "computed", "score": round(score, 2), "slug": page.slug})
    return links


def computed_page_links(engine, project, today: dt.date) -> list[dict]:
    """For each guidance page: the provisions in force today most like it."""
    links = []
    for page in project.guidance:
        if page.slug == "index":
            continue
        scored = engine.similar(f"{page.title} {page.summary} {page.body}", kind="provision",
                                limit=PER_PAGE * 3, as_at=today)
        for doc_id, score in _keep(scored, PER_PAGE):
            try:
                ref = VersionRef.parse(doc_id)  # a provision's search document: act-670/sec_44__subsec_2@2015-11-18
            except ValueError:
                continue
            if ref.provision is None or ref.provision.section_number is None:
                continue
            eid, section, site = str(ref.provision), ref.provision.section_number, urls.Urls(str(ref.work))
            anchor = eid if "__" in eid else None
            links.append({"source": page.id, "target": str(ref.current()), "kind": "provision",
                          "title": ids.format_eid_citation(eid),
                          "url": site.provision_url(section, anchor) if anchor
                          else urls.url_of(site.section_page(section)),
                          "reason": "computed", "score": round(score, 2), "section": section, "anchor": anchor})
    return links


def _section_of(target: str) -> str:
    """'act-670/sec_66A__subsec_1' -> 'act-670/sec_66A': a page citing a subsection already links the section."""
    try:
        ref = VersionRef.parse(target.split("#")[0])
    except ValueError:
        return target  # a guidance page
    section = ref.provision.section_id if ref.provision else None
    return str(VersionRef(ref.work, section)) if section else target


def compute_links(engine, project, today: dt.date) -> dict:
    declared = [
        {k: v for k, v in link.__dict__.items() if v is not None} for link in declared_links(project.guidance, project.statutes.work.id)
    ]
    known = {(link["source"], link["target"]) for link in declared}
    declared_sections = {(link["source"], _section_of(link["target"])) for link in declared}
    computed = []
    for link in computed_section_links(engine, project, today) + computed_page_links(engine, project, today):
        key = (link["source"], link["target"])
        section_key = (link["source"], _section_of(link["target"])) if link["kind"] == "provision" else key
        if key in known or section_key in declared_sections:
            continue
        computed.append(link)
    return {"generated": today.isoformat(),
            "thresholds": {"relative": RELATIVE_THRESHOLD, "min_score": MIN_SCORE},
            "links": declared + computed}
