"""The page of what changed in a section between two versions, in each language."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from markupsafe import Markup

from atipsom.domain.diff import Segment, diff_versions, heading_diff
from atipsom.domain.model import LANGS, Missing, Text, Version
from atipsom.domain.tiers import strip_ours
from atipsom.domain.timeline import format_date, short_date
from atipsom.refs import ids
from atipsom.render.law import LANG_LABEL
from atipsom.render.pages.context import SiteContext, front_matter
from atipsom.render.pages.history import compare_values
from atipsom.render.templating import render_page
from atipsom.render.unofficial import tier_label

DIFF_STATUS = {"same": "unchanged", "changed": "changed", "inserted": "inserted", "deleted": "deleted",
               "unavailable": "text not available in one version",
               "other-language": "unchanged here; the other language's text changed"}


def diff_page(ctx: SiteContext, versions: Sequence[Version], old: Version, new: Version) -> str:
    title = (f"Section {new.number}: changes between {format_date(old.in_force_from)} and "
             f"{format_date(new.in_force_from)}")
    meta = {"title": title, "search": {"exclude": True}, "atipsom": {"section": new.number, "kind": "diff"}}
    made = [{"page": ctx.urls.amendment_page(ref.act), "text": "Act " + ref.citation,
             "in_force": short_date(ref.in_force)}
            for v in versions if old.in_force_from < v.in_force_from <= new.in_force_from for ref in v.amended_by]
    tables = [_table(old, new, lang) for lang in LANGS]
    body = render_page("diff.md", title=title, old_page=ctx.urls.section_page(old.number, old.in_force_from),
                       new_page=ctx.urls.section_page(new.number, new.in_force_from),
                       old_date=format_date(old.in_force_from), new_date=format_date(new.in_force_from), made=made,
                       tables=tables, **compare_values(versions, old, new))
    return front_matter(meta) + body


def _table(old: Version, new: Version, lang: str) -> dict[str, Any]:
    head = heading_diff(old, new, lang)
    rows = []
    for item in diff_versions(old, new, lang):
        if item.kind == "section" and not item.text:
            continue
        rows.append({"status": item.status, "status_label": DIFF_STATUS[item.status], "indent": 0.5 + item.depth,
                     "cite": ids.format_eid_citation(item.eid, lang) if item.kind != "section" else f"s {new.number}",
                     "tiers": _tiers(old, new, item.eid, lang), "text": _segments(item.text),
                     "wrapup": _segments(item.wrapup) if item.wrapup else None})
    return {"lang": lang, "label": LANG_LABEL[lang], "rows": rows,
            "heading": _segments(head) if any(segment.op != "same" for segment in head) else None}


def _segments(segments: Iterable[Segment]) -> list[dict[str, Any]]:
    """Each piece of compared text (same, inserted, deleted), split where the text is not available."""
    return [{"op": segment.op, "pieces": _pieces(segment.text)} for segment in segments]


def _pieces(text: Text) -> list[str]:
    """The words of a segment, cut where a placeholder of missing text goes (a missing text or heading: the
    placeholder alone)."""
    if isinstance(text, Missing):
        return ["", ""]
    return [strip_ours(text)]


def _tiers(old: Version, new: Version, eid: str, lang: str) -> list[dict[str, Any]]:
    """The labels of a compared provision whose text is not verbatim, in the older and the newer version."""
    labels = []
    for when, version in (("before", old), ("after", new)):
        node = version.body[lang].find(eid) if lang in version.body else None
        label = tier_label(node.tier, lang) if node is not None else ""
        if label:
            labels.append({"label": Markup(label), "when": when})
    return labels
