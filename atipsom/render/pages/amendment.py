"""An amending Act's page: dates and how sure we are of them, our summary, every amending instruction with its
outcome in each language and the section before and after, and its saving and transitional provisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from atipsom.domain.model import AmendingAct, is_available
from atipsom.domain.tiers import version_tier
from atipsom.domain.timeline import format_date
from atipsom.refs import ids
from atipsom.render.law import LANG_LABEL
from atipsom.render.pages.context import (
    CERTAINTY_LABEL,
    OP_LABEL,
    Page,
    SiteContext,
    english_or_malay,
    front_matter,
    target_label,
)
from atipsom.render.templating import render_page
from atipsom.render.unofficial import tier_label


def amendment_page(ctx: SiteContext, act: AmendingAct) -> Page:
    title_en = english_or_malay(act.short_title)
    meta = {"title": f"Act {act.number}: {title_en}", "atipsom": {"kind": "amendment", "act": act.id}}
    applications = [a for a in ctx.consolidation.applications if a.instruction.act == act.id]
    body = render_page(
        "amendment.md", number=act.number, title_en=title_en,
        title_ms=act.short_title.get("ms", "") if is_available(act.short_title.get("ms")) else "",
        facts=_facts(act), english_missing=act.english_text == "missing", summary=Markup(act.summary.strip()),
        rows=[_row(ctx, application) for application in applications],
        transitional=[{"provision": ids.format_amending_provision(act.id, item.provision), "summary": item.summary}
                      for item in act.transitional])
    return Page(ctx.urls.amendment_page(act.id), front_matter(meta) + body, edit_path=act.path)


def _facts(act: AmendingAct) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = [{"bill": act.bill_number}]
    for label, fact in (("Royal Assent", act.assent), ("Published in the Gazette", act.gazette),
                        ("In force", act.in_force)):
        facts.append({"label": label, "date": format_date(fact.date) if fact.date else "not found in any source",
                      "certainty": fact.certainty, "certainty_label": CERTAINTY_LABEL.get(fact.certainty, fact.certainty),
                      "detail": " ".join(x for x in (fact.notice, fact.source, fact.note) if x)})
    return facts


def _row(ctx: SiteContext, application: Any) -> dict[str, Any]:
    """One amending instruction: what it does, in words, and the versions of the sections it changed."""
    instruction = application.instruction
    target = instruction.target or instruction.after or ""
    what = (f"{OP_LABEL.get(instruction.op, instruction.op)} "
            f"{target_label(target) if not target.startswith('part_') else target.replace('part_', 'Part ')}")
    if instruction.op == "insert_section":
        what = f"inserts section {instruction.section} after {target_label(instruction.after)}"
    if instruction.op == "insert_part":
        what = f"inserts Part {instruction.part}"
    if instruction.field == "heading":
        what += " (heading)"
    if instruction.lang:
        what += f" ({LANG_LABEL[instruction.lang]} text only)"
    before_after: list[dict[str, Any]] = []
    for number in application.sections:
        versions = ctx.consolidation.versions[number]
        after = next((v for v in versions if v.in_force_from == application.in_force), None)
        before = next((v for v in versions if v.in_force_to == application.in_force - dt.timedelta(days=1)), None)
        if before:
            before_after.append({"page": ctx.urls.section_page(number, before.in_force_from),
                                 "text": f"s {number} before"})
        if after:
            before_after.append({"page": ctx.urls.section_page(number, after.in_force_from), "text": f"s {number} after"})
            after_tier = tier_label(version_tier(after, "en"))
            if after_tier:
                before_after.append({"tier": Markup(after_tier)})
        if before and after:
            before_after.append({"page": ctx.urls.diff_page(number, before.in_force_from, after.in_force_from),
                                 "text": "changes"})
    en_source = None
    if instruction.en_source:
        source = ctx.sources.get(instruction.en_source.ref)
        en_source = {"title": source.title if source else instruction.en_source.ref,
                     "locator": instruction.en_source.locator or "", "note": instruction.en_source.note or ""}
    return {"citation": instruction.citation, "what": what, "note": instruction.note or "", "en_source": en_source,
            "en": application.outcome.get("en", ""), "ms": application.outcome.get("ms", ""),
            "before_after": before_after}
