"""A section's pages: the current version (canonical), one page per version, with the banner, the versions list
and where the text comes from. The history and diff pages are in history.py and diff.py."""

from __future__ import annotations

from typing import Any, Sequence

from markupsafe import Markup

from atipsom.domain.model import LANGS, Version, is_available
from atipsom.domain.tiers import strip_ours, version_tier
from atipsom.domain.timeline import format_date, is_current, validity_notice, version_at
from atipsom.render import urls
from atipsom.render.law import LANG_LABEL, render_law
from atipsom.render.pages.context import (
    CHANGE_LABEL,
    OP_LABEL,
    STATUS_LABEL,
    Page,
    SiteContext,
    english_or_malay,
    front_matter,
    section_title,
    section_title_html,
    target_label,
    title_text,
)
from atipsom.render.pages.diff import diff_page
from atipsom.render.pages.history import history_page
from atipsom.render.templating import render_page
from atipsom.render.unofficial import banner_note, tier_label

#: how sure an amending Act's in-force date is, said in a version's banner when it is not official
DATE_FLAG = {"single-source": " (in-force date from one source only)", "unverified": " (in-force date unverified)",
             "unknown": " (in-force date unknown)"}


def version_pages(ctx: SiteContext, number: str) -> list[Page]:
    versions = ctx.consolidation.versions[number]
    pages = []
    current = version_at(versions, ctx.today)
    for version in versions:
        pages.append(Page(ctx.urls.section_page(number, version.in_force_from),
                          version_page(ctx, version, versions, canonical=False), edit_path=_edit_path(version)))
    shown = current or (versions[-1] if versions[-1].in_force_from <= ctx.today else versions[0])
    pages.append(Page(ctx.urls.section_page(number), version_page(ctx, shown, versions, canonical=True),
                      edit_path=_edit_path(shown)))
    pages.append(Page(ctx.urls.history_page(number), history_page(ctx, versions), edit_path=_edit_path(versions[0])))
    for i, old in enumerate(versions):
        for new in versions[i + 1:]:
            pages.append(Page(ctx.urls.diff_page(number, old.in_force_from, new.in_force_from),
                              diff_page(ctx, versions, old, new), edit_path=_edit_path(new)))
    return pages


def _edit_path(version: Version) -> str:
    """The file a contributor should edit: the section as enacted, or the amending Act that made the text."""
    if version.change != "original" and version.amended_by:
        return f"statutes/amendments/{version.amended_by[-1].act}.md"
    return f"statutes/{version.work}/{version.eid}.md"


def version_page(ctx: SiteContext, version: Version, versions: Sequence[Version], canonical: bool) -> str:
    current = is_current(version, ctx.today)
    work_version = ctx.work_at(version.in_force_from)
    part = next((p for p in work_version.parts if p.number == version.part), None)
    meta: dict[str, Any] = {
        "title": section_title(version),
        "description": f"{ctx.citation()} s {version.number}: {strip_ours(title_text(version.heading.get('en', '')))}",
        "atipsom": {"section": version.number, "version": version.in_force_from.isoformat(),
                    "kind": "section" if canonical else "version"},
    }
    if not canonical or not current:
        meta["search"] = {"exclude": True}
    version_src = ctx.urls.section_page(version.number, version.in_force_from)
    law = render_law(version, enrich=ctx.enricher(version), title=work_version.title, permalink=version_src,
                     heading_level=3)
    annotation = None
    if ctx.annotation_html is not None:
        annotation = Markup(ctx.annotation_html(version.number, version,
                                                ctx.urls.section_page(version.number) if canonical else version_src))
    body = render_page(
        "section.md", title=section_title_html(version), number=version.number,
        heading_tier=Markup(tier_label(version.heading_tier.get("en", "verbatim"))),
        title_ms=section_title(version, "ms") if is_available(version.heading.get("ms", "")) else "",
        part={"number": part.number, "heading": english_or_malay(part.heading)} if part else None,
        version_page=version_src, permalink=urls.url_of(version_src),
        law=Markup(law), definitions=Markup(ctx.definitions(law, version.in_force_from, until=version.in_force_to)),
        guidance_box=Markup(ctx.guidance_box(version)) if ctx.guidance_box is not None else None,
        annotation=annotation, **_banner(ctx, version), **_versions(ctx, versions, version),
        **_provenance(ctx, version))
    return front_matter(meta) + body


def _banner(ctx: SiteContext, version: Version) -> dict[str, Any]:
    status, sentence = validity_notice(version, ctx.today)
    _, sentence_ms = validity_notice(version, ctx.today, "ms")
    made_by = []
    for ref in version.amended_by:
        act = ctx.act(ref.act)
        made_by.append({"page": ctx.urls.amendment_page(ref.act), "act": "Act " + ref.citation,
                        "op": OP_LABEL.get(ref.op, ref.op), "target": target_label(ref.target),
                        "flag": DATE_FLAG.get(act.in_force.certainty if act else "", "")})
    commencement = None
    if not made_by and version.change == "original":
        commencement = ctx.work.commencement_of(version.number, version.part)
    current = None
    if status == "past":
        now = version_at(ctx.consolidation.versions[version.number], ctx.today)
        if now:
            current = {"page": ctx.urls.section_page(version.number),
                       "diff": ctx.urls.diff_page(version.number, version.in_force_from, now.in_force_from)}
    return {"status": status, "sentence": sentence, "sentence_ms": sentence_ms, "made_by": made_by,
            "tier_note": Markup(banner_note(version_tier(version, "en"))), "commencement": commencement,
            "current": current}


def _versions(ctx: SiteContext, versions: Sequence[Version], shown: Version) -> dict[str, Any]:
    items = [{"label": f"{format_date(v.in_force_from)} – "
                       f"{format_date(v.in_force_to) if v.in_force_to else 'today'}",
              "page": ctx.urls.section_page(v.number, v.in_force_from), "current": is_current(v, ctx.today),
              "change": CHANGE_LABEL.get(v.change, v.change), "shown": v is shown} for v in versions]
    return {"items": items, "history": ctx.urls.history_page(shown.number)}


#: what a text whose English is ours is, instead of "verbatim from the source" (issue 12's tiers)
TIER_STATUS = {
    "reconstructed": "assembled by us from the words of English sources",
    "rendered": "the words of English sources, with words of ours where only the Malay gives them (marked)",
    "translated": "in no English source: parts are our translation of the official Malay text",
}


def _provenance(ctx: SiteContext, version: Version) -> dict[str, Any]:
    rows = []
    for lang in LANGS:
        status = version.text_status.get(lang, "verbatim")
        tier = version_tier(version, lang)
        source = version.source.get(lang)
        shown_source = _source(ctx, source) if source else None
        if shown_source is None and tier == "translated":
            shown_source = {"kind": "named", "text": "none in English; translated by us from the Malay text below"}
        rows.append({"lang": LANG_LABEL[lang],
                     "status": TIER_STATUS[tier] if tier in TIER_STATUS else STATUS_LABEL.get(status, status),
                     "tier": Markup(tier_label(tier, lang, long=True)), "source": shown_source})
    unavailable = [lang for lang in LANGS if version.text_status.get(lang) in ("incomplete", "missing")]
    acts = filter(None, map(ctx.act, dict.fromkeys(a.act for refs in version.history.values() for a in refs)))
    missing = [{"year": act.in_force_from.year, "number": act.number} for act in acts
               if "en" in unavailable and act.english_text == "missing"]
    return {"rows": rows, "editor_note": version.editor_note or "", "notes": list(dict.fromkeys(version.notes)),
            "missing_english": missing}


def _source(ctx: SiteContext, source: Any) -> dict[str, Any]:
    """Where a text comes from: an amending Act's page, a registered source, or the reference as recorded."""
    if source.ref.startswith("act-a"):
        act = ctx.act(source.ref)
        title = english_or_malay(act.short_title) if act else source.ref
        return {"kind": "act", "page": ctx.urls.amendment_page(source.ref), "title": f"{title}, {source.locator}",
                "bill": act.bill_number if act and act.bill_number else ""}
    registered = ctx.sources.get(source.ref)
    if registered is None:
        return {"kind": "named", "text": f"{source.ref}, {source.locator}"}
    return {"kind": "registered", "url": registered.url, "title": registered.title, "locator": source.locator,
            "note": source.note or ""}
