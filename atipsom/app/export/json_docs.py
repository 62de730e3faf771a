"""The open data as JSON: a section version is the API's provision answer for the whole section (the same
members, atipsom.app.views.show) plus its FRBR names and its provisions as a tree; the whole Act as at a date
holds its long title, enacting words and Parts with every section version in force. One schema describes all of
it: law-data.schema.json (atipsom.app.export.schema), published in the site as data/law-data.schema.json."""

from __future__ import annotations

from atipsom.app.export.documents import ActDoc, SectionDoc
from atipsom.app.export.tiering import (
    is_unofficial,
    lowest,
    node_tier,
    ours_spans,
    plain_words,
    subtree_tier,
    tier_label,
)
from atipsom.app.views import show
from atipsom.domain.amend import Consolidation
from atipsom.domain.lookup import amendment_json
from atipsom.domain.model import Provision, Statutes, Text, is_available
from atipsom.domain.text import written
from atipsom.refs.ids import ProvisionId, VersionRef, WorkId

FORMAT_VERSION = "1.0"


def node_json(node: Provision) -> dict:
    """A provision and everything under it. `text` is null where no source gives the words; our own words inside
    a rendered text are listed in `ours` as [start, end] character offsets of `text`."""
    out: dict = {"eid": node.eid, "kind": node.kind, "num": node.num, "text": plain_words(node.text),
                 "tier": node_tier(node)}
    spans = ours_spans(node.text)
    if spans:
        out["ours"] = spans
    if node.wrapup is not None:
        out["wrapup"] = plain_words(node.wrapup)
        wrapup_spans = ours_spans(node.wrapup)
        if wrapup_spans:
            out["wrapup_ours"] = wrapup_spans
    out["children"] = [node_json(child) for child in node.children]
    return out


def frbr_json(ref: VersionRef, year: int, lang: str) -> dict:
    return {"work": ref.work.akn(year), "expression": ref.akn(year, lang)}


def section_json(statutes: Statutes, consolidation: Consolidation, doc: SectionDoc) -> dict:
    """One section version in one language: the provision answer of the API for the section, and more."""
    version, lang = doc.version, doc.lang
    answer = show(statutes, consolidation, version.ref, lang=lang)
    body = version.body[lang]
    heading_tier = version.heading_tier.get(lang, "verbatim")
    tier = lowest((subtree_tier(body), heading_tier))
    return {"type": "section", **answer,
            "frbr": frbr_json(doc.ref, statutes.work.year, lang),
            "tier": tier,
            "tier_label": tier_label(tier, lang),
            "unofficial": bool(answer.get("unofficial")) or is_unofficial(tier),
            "heading_tier": heading_tier,
            "body": node_json(body)}


def _title(title: Text | None) -> str | None:
    """The Act's title in the document's language (one that no source gives is written as the law files write it)."""
    return written(title) if title is not None else None


def act_json(statutes: Statutes, consolidation: Consolidation, doc: ActDoc) -> dict:
    """The whole Act as at a date, in one language."""
    lang, wv = doc.lang, doc.work_version
    by_part: dict[str, list[dict]] = {}
    for version in doc.sections:
        by_part.setdefault(version.part, []).append(section_json(statutes, consolidation, SectionDoc(version, lang)))
    parts: list[dict] = [{"eid": str(ProvisionId.part(part.number)), "number": part.number,
              "heading": part.heading.get(lang) if is_available(part.heading.get(lang)) else None,
              "heading_tier": part.heading_tier.get(lang, "verbatim"),
              "sections": by_part[part.number]}
             for part in wv.parts if part.number in by_part]
    front = [node_json(child) for child in wv.front[lang].children] if lang in wv.front else []
    in_force = {v.number for v in doc.sections}
    not_yet = [n for part in wv.parts for n in part.sections if n not in in_force]
    tiers = [node["tier"] for node in front] + [s["tier"] for part in parts for s in part["sections"]]
    tiers += [part["heading_tier"] for part in parts]
    tier = lowest(tiers) if tiers else "verbatim"
    return {
        "type": "act",
        "id": str(doc.ref),
        "work": doc.work,
        "frbr": frbr_json(doc.ref, statutes.work.year, lang),
        "title": _title(wv.title.get(lang) or statutes.work.title.get(lang)),
        "number": statutes.work.number,
        "lang": lang,
        "in_force_from": doc.date.isoformat(),
        "in_force_to": doc.until.isoformat() if doc.until else None,
        "events": events_on(statutes, consolidation, doc),
        "tier": tier,
        "tier_label": tier_label(tier, lang),
        "unofficial": is_unofficial(tier),
        "front": front,
        "parts": parts,
        "not_yet_in_force": not_yet,
    }


def events_on(statutes: Statutes, consolidation: Consolidation, doc: ActDoc) -> list[dict]:
    """What happened on the document's date: commencements (with their notice) and the amending provisions that
    came into force, each once."""
    events: list[dict] = []
    for commencement in statutes.work.commencements:
        if commencement.date == doc.date:
            events.append({"type": "commencement", "date": doc.date.isoformat(), "notice": commencement.notice,
                           "provisions": list(commencement.provisions)})
    seen: set[tuple[str, str]] = set()
    refs = [ref for v in doc.sections if v.in_force_from == doc.date for ref in v.amended_by]
    refs += [ref for ref in doc.work_version.amended_by if ref.in_force == doc.date]
    for ref in sorted(refs, key=lambda r: (r.act, r.provision)):
        if (ref.act, ref.provision) not in seen:
            seen.add((ref.act, ref.provision))
            events.append({"type": "amendment", **amendment_json(ref),
                           "work": str(VersionRef(WorkId.parse(ref.act)).work)})
    return events


def document_json(statutes: Statutes, consolidation: Consolidation, doc: SectionDoc | ActDoc) -> dict:
    if isinstance(doc, ActDoc):
        return act_json(statutes, consolidation, doc)
    return section_json(statutes, consolidation, doc)
