"""The Act as a whole: its overview page (with the as-at picker and the arrangement of sections) and the page
of the whole Act as it stood from each point in time."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from markupsafe import Markup

from atipsom.domain.model import LANGS, WorkVersion, is_available
from atipsom.domain.tiers import provision_tier
from atipsom.domain.timeline import format_date, version_at
from atipsom.render.html import page_href
from atipsom.render.law import has_our_words, plain, render_law
from atipsom.render.pages.context import (
    Page,
    SiteContext,
    english_or_malay,
    front_matter,
    section_title_html,
    title_text,
)
from atipsom.render.templating import render_page
from atipsom.render.unofficial import legend, tier_label


def act_page(ctx: SiteContext) -> Page:
    current = ctx.work_at(ctx.today)
    work = ctx.work
    parts = []
    for part in current.parts:
        sections = []
        for number in part.sections:
            versions = ctx.consolidation.versions[number]
            version = version_at(versions, ctx.today) or versions[-1]
            sections.append({"page": ctx.urls.section_page(number),
                             "label": f"{number}. {english_or_malay(version.heading)}"})
        parts.append({"number": part.number, "heading": english_or_malay(part.heading), "eid": part.eid,
                      "sections": sections})
    body = render_page(
        "act.md", title_en=title_text(current.title.get("en", "")), title_ms=title_text(current.title.get("ms", "")),
        citation_en=ctx.citation(), citation_ms=ctx.citation("ms"),
        assent=work.assent.date, gazette=work.gazette.date,
        commencements=[{"provisions": ", ".join(_eid_label(p) for p in c.provisions), "date": c.date,
                        "notice": c.notice} for c in work.commencements],
        amendments=[{"page": ctx.urls.amendment_page(a.id), "name": f"Act {a.number}", "in_force": a.in_force_from}
                    for a in ctx.amendments],
        timeline_page=ctx.urls.timeline_page(), authoritative_text=work.authoritative_text or "",
        parts=parts, **as_at_picker_values(ctx), **front_values(current))
    return Page(ctx.urls.act_page(), front_matter({"title": ctx.citation(), "atipsom": {"kind": "act"}}) + body,
                edit_path=ctx.work.path)


def as_at_page(ctx: SiteContext, date: dt.date, next_date: dt.date | None) -> Page:
    work_version = ctx.work_at(date)
    title = f"{ctx.citation()} as at {format_date(date)}"
    meta = {"title": title, "search": {"exclude": True}, "atipsom": {"kind": "as-at", "date": date.isoformat()}}
    shown = [v for number in (n for p in work_version.parts for n in p.sections)
             if (v := version_at(ctx.consolidation.versions.get(number, ()), date)) is not None]
    parts = []
    for part in work_version.parts:
        sections = []
        for number in part.sections:
            version = version_at(ctx.consolidation.versions.get(number, ()), date)
            if version is None:
                first = ctx.consolidation.versions[number][0]
                if first.in_force_from > date and first.change != "inserted":
                    sections.append({"not_yet": True, "number": number,
                                     "heading": title_text(first.heading.get("en", "")),
                                     "eid": first.eid, "start": format_date(first.in_force_from)})
                continue
            page = ctx.urls.section_page(number, version.in_force_from)
            law = render_law(version, enrich=ctx.enricher(version, date), heading_level=4, title=work_version.title,
                             permalink=page, with_legend=False)
            sections.append({"not_yet": False, "title": section_title_html(version), "eid": version.eid, "page": page,
                             "start": format_date(version.in_force_from), "law": Markup(law)})
        parts.append({"number": part.number, "heading": english_or_malay(part.heading), "eid": part.eid,
                      "tier": Markup(tier_label(part.heading_tier.get("en", "verbatim"))), "sections": sections})
    body = render_page(
        "as_at.md", title=title, start=format_date(date),
        until=format_date(next_date - dt.timedelta(days=1)) if next_date else "", act_page=ctx.urls.act_page(),
        title_then=title_text(work_version.title.get("en", "")),
        legend=Markup(legend()) if any(has_our_words(v) for v in shown) else "",
        parts=parts, **front_values(work_version))
    head = front_matter(meta)
    # the definitions of the terms marked anywhere in the law shown (render.enrich)
    content = head + body + ctx.definitions(head + body, date, whole_act=True) + "\n"
    return Page(ctx.urls.as_at_page(date), content, edit_path=ctx.work.path)


def point_in_time_dates(ctx: SiteContext) -> list[dt.date]:
    dates = {c.date for c in ctx.work.commencements}
    dates |= {wv.in_force_from for wv in ctx.consolidation.work_versions}
    return sorted(dates)


def as_at_picker_values(ctx: SiteContext) -> dict[str, Any]:
    """What pages/as_at_picker.html shows: the as-at page of every point in time."""
    dates = point_in_time_dates(ctx)
    return {"targets": json.dumps({d.isoformat(): page_href(ctx.urls.as_at_page(d)) for d in dates}),
            "first": dates[0].isoformat() if dates else "", "today": ctx.today.isoformat(),
            "dates": [{"page": ctx.urls.as_at_page(d), "label": format_date(d)} for d in dates]}


def front_values(work_version: WorkVersion) -> dict[str, Any]:
    """What pages/front.html shows: the long title and enacting words, in both languages, with their tier."""
    rows = []
    for eid in ("longtitle", "enacting"):
        cells = []
        for lang in LANGS:
            node = work_version.front[lang].find(eid)
            text = node.text if node else ""
            available = is_available(text)
            label = tier_label(provision_tier(node), lang) if node is not None and available else ""
            cells.append({"lang": lang, "label": Markup(label),
                          "text": Markup(plain(text, lang, eid)) if is_available(text) else None})
        rows.append({"eid": eid, "cells": cells})
    return {"front_rows": rows}


def _eid_label(eid: str) -> str:
    kind, _, number = eid.partition("_")
    return {"part": "Part", "sec": "s"}.get(kind, kind) + " " + number
