"""Links between provisions and guidance: declared (a page's `cites` and `law:` links, the commentary's
`guidance:` lists; ranked in atipsom.domain.link_ranking) and computed (text similarity in the index, kept when
the engine's score clears a threshold). Each link has a score (0..1, declared from 0.5, computed below) and
the reason for it in words (`why`); `similarity` is the wording's similarity relative to the best match of the
same source.

The result is written by `atipsom build` to var/links.json; the site and `atipsom related` read it.
"""

from __future__ import annotations

import datetime as dt

from atipsom.app.links import project_declared_links
from atipsom.domain.link_ranking import computed_score, computed_why
from atipsom.domain.model import is_available
from atipsom.domain.plaintext import all_words
from atipsom.domain.timeline import version_at
from atipsom.refs import ids
from atipsom.refs.ids import ProvisionId, VersionRef, WorkId
from atipsom.render import urls

#: A computed link is kept when its score is at least this share of the best score for the same source,
#: and at least MIN_SCORE (Whoosh BM25F of the source's key terms: real scores run from about 0.1 to 6).
#: Tuned on tests/eval/links.yaml (70 judged sections) with `python benchmarks/links.py --sweep` on
#: 2026-12-05: with 0.7 / 1.0 / 2 similarity alone has precision@3 0.92 (recall 0.39) and no must-not link;
#: the old setting (0.8 / 0.4 / 3, tuned on 29 sections of Part V) had 0.67 on the 70, because below a score
#: of 1 the links of sections no page answers (offences, evidence, Malay-only text) are mostly wrong. Every
#: section of Part V and ss 25, 26, 51A, 66A, 66B now has a declared link, so none needs a low threshold.
RELATIVE_THRESHOLD = 0.7
MIN_SCORE = 1.0
PER_SECTION = 2
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


def section_similarity(engine, project, today: dt.date) -> dict[str, list[tuple[str, float]]]:
    """For each section in force today: every guidance page with the similarity of its wording, best first.
    The English pages only: a Malay page says the same as its English page, and a section whose text is Malay
    only matched Malay pages on shared legal words, not on subject (judged: mostly wrong links)."""
    limit = max(PER_SECTION * 3, len(project.guidance))
    out = {}
    for number in project.consolidation.order:
        version = version_at(project.consolidation.versions[number], today)
        if version is not None:
            out[number] = engine.similar(section_query_text(version), kind="guidance", limit=limit, as_at=today,
                                         lang="en")
    return out


def relative_similarity(similar: dict[str, list[tuple[str, float]]]) -> dict[tuple[str, str], float]:
    """(section, page slug) -> similarity relative to the section's most similar page (0..1)."""
    out = {}
    for number, scored in similar.items():
        top = scored[0][1] if scored else 0.0
        for page_id, score in scored:
            if top > 0:
                out[(number, page_id.removeprefix("guide/"))] = score / top
    return out


def computed_section_links(engine, project, today: dt.date, similar=None) -> list[dict]:
    """For each section in force today: the guidance pages most like it."""
    pages = {page.id: page for page in project.guidance}
    work = WorkId.parse(project.statutes.work.id)
    similar = similar if similar is not None else section_similarity(engine, project, today)
    links = []
    for number, scored in similar.items():
        top = scored[0][1] if scored else 0.0
        for page_id, score in _keep(scored, PER_SECTION):
            page = pages.get(page_id)
            if page is None:
                continue
            links.append({"source": str(VersionRef(work, ProvisionId.section(number))), "target": page.id,
                          "kind": "guidance",
                          "title": page.title, "url": urls.url_of(urls.guidance_page(page.slug)),
                          "reason": "computed", "score": computed_score(score), "why": computed_why(score),
                          "similarity": round(score / top, 3), "slug": page.slug})
    return links


def computed_page_links(engine, project, today: dt.date) -> list[dict]:
    """For each guidance page: the provisions in force today most like it."""
    links = []
    for page in project.guidance:
        if page.slug == "index":
            continue
        scored = engine.similar(f"{page.title} {page.summary} {page.body}", kind="provision",
                                limit=PER_PAGE * 3, as_at=today)
        top = scored[0][1] if scored else 0.0
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
                          "reason": "computed", "score": computed_score(score), "why": computed_why(score),
                          "similarity": round(score / top, 3), "section": section, "anchor": anchor})
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
    """Every provision-guidance link, declared (scored with the measured similarity) and computed."""
    similar = section_similarity(engine, project, today)
    declared = [{k: v for k, v in link.__dict__.items() if v is not None}
                for link in project_declared_links(project, today, relative_similarity(similar))]
    known = {(link["source"], link["target"]) for link in declared}
    declared_sections = {(link["source"], _section_of(link["target"])) for link in declared}
    computed = []
    for link in computed_section_links(engine, project, today, similar) + computed_page_links(engine, project, today):
        key = (link["source"], link["target"])
        section_key = (link["source"], _section_of(link["target"])) if link["kind"] == "provision" else key
        if key in known or section_key in declared_sections:
            continue
        computed.append(link)
    return {"generated": today.isoformat(),
            "thresholds": {"relative": RELATIVE_THRESHOLD, "min_score": MIN_SCORE},
            "links": declared + computed}
