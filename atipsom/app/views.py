"""JSON views of the law, shared by the CLI (`--json`) and the HTTP API: one shape for both."""

from __future__ import annotations

import datetime as dt

from atipsom.domain.amend import Consolidation
from atipsom.domain.lookup import NotFound, Resolved, amendment_json, resolve
from atipsom.domain.model import LANGS, AmendmentRef, Version, is_available
from atipsom.domain.plaintext import provision_text
from atipsom.domain.tiers import full_label, has_ours, is_unofficial, lowest, provision_tier, strip_ours
from atipsom.domain.timeline import format_date
from atipsom.refs import ids
from atipsom.refs.citations import parse_citation
from atipsom.render import urls


def _source_json(statutes, version: Version, lang: str) -> dict:
    source = version.source.get(lang)
    if source is None:
        return {"file": None, "locator": None}
    if source.ref.startswith("act-a"):
        act = next((a for a in statutes.amendments if a.id == source.ref), None)
        bill = act.bill_source.get(lang) if act else None
        registered = statutes.sources.get(bill) if bill else None
        return {"file": f"statutes/amendments/{source.ref}.md", "locator": source.locator,
                "document": registered.title if registered else source.ref,
                "url": registered.url if registered else None, "note": source.note or None}
    registered = statutes.sources.get(source.ref)
    section = statutes.sections.get(version.number)
    return {"file": section.path if section else None,
            "locator": source.locator, "document": registered.title if registered else source.ref,
            "url": registered.url if registered else None, "note": source.note or None}


def _history_under(version: Version, eid: str):
    """Every amendment that touched this provision or anything under it, oldest first, once each."""
    seen: dict[tuple[str, str, str, str | None], AmendmentRef] = {}
    for key, refs in version.history.items():
        if key == eid or key.startswith(eid + "__"):
            for ref in refs:
                seen.setdefault((ref.act, ref.provision, ref.op, ref.target), ref)
    return sorted(seen.values(), key=lambda r: (r.in_force, r.provision))


def provision_json(statutes, resolved: Resolved) -> dict:
    version, lang = resolved.version, resolved.lang
    site = urls.Urls(version.work)
    node = resolved.provision
    available = node.has_available_text
    heading = version.heading.get(lang, "")
    status = version.text_status.get(lang, "verbatim")
    if not available:
        status = "missing"
    elif not node.is_fully_available:
        status = "incomplete"
    elif node.kind != "section" and status == "incomplete":
        # the gap is elsewhere in the section: this provision's own text is complete
        status = "verbatim"
    path = ids.path_of_eid(resolved.eid) if "__" in resolved.eid else ()
    term = node.term if node.kind == "def" else None
    text = provision_text(node, lang)
    tier = _answer_tier(version, node, lang)
    answer = {
        "id": resolved.ref,
        "section": version.number,
        "provision": ids.format_citation(version.number, path, lang, term) if node.kind != "section"
        else ids.format_citation(version.number, (), lang),
        "heading": strip_ours(heading) if is_available(heading) else None,
        "heading_tier": version.heading_tier.get(lang, "verbatim") if lang == "en" else "verbatim",
        "part": version.part,
        "lang": lang,
        "text": strip_ours(text),
        "in_force_from": version.in_force_from.isoformat(),
        "in_force_to": version.in_force_to.isoformat() if version.in_force_to else None,
        "change": version.change,
        "amended_by": [amendment_json(ref) for ref in version.amended_by],
        "history": [amendment_json(ref) for ref in _history_under(version, resolved.eid)],
        "source": _source_json(statutes, version, lang),
        "text_status": status,
        "tier": tier,
        "tier_label": full_label(tier) or "verbatim",
        "unofficial": is_unofficial(tier),
        "provisions": [_tier_json(n, lang) for n in node.walk()],
        "url": site.provision_url(version.number, resolved.eid, version.in_force_from) if node.kind != "section"
        else urls.url_of(site.section_page(version.number, version.in_force_from)),
    }
    if has_ours(text):
        answer["text_marked"] = text  # our own words between ⟦ ⟧
    if is_available(heading) and has_ours(heading):
        answer["heading_marked"] = heading
    return answer


def _answer_tier(version: Version, node, lang: str) -> str:
    """The tier of the whole answer: the least trusted of its provisions (and the heading, for a section)."""
    if lang != "en":
        return "verbatim"
    heading = version.heading_tier.get(lang, "verbatim") if node.kind == "section" else "verbatim"
    return lowest([provision_tier(node), heading])


def _tier_json(node, lang: str) -> dict:
    """The tier of one provision's own words (its text and closing words; the provisions under it have theirs)."""
    tier = node.tier if lang == "en" else "verbatim"
    return {"eid": node.eid, "provision": ids.format_eid_citation(node.eid, lang), "tier": tier, "unofficial": is_unofficial(tier)}


def show(statutes, consolidation: Consolidation, ref: str, *, lang: str = "en", as_at: dt.date | None = None,
         today: dt.date | None = None) -> dict:
    """The `show` JSON for a reference; raises NotFound with a one-line message."""
    if lang not in LANGS:
        raise NotFound(f"unknown language {lang!r}; use en or ms")
    resolved = resolve(consolidation, ref, lang=lang, as_at=as_at, today=today)
    return provision_json(statutes, resolved)


def history(consolidation: Consolidation, ref: str, *, today: dt.date | None = None) -> dict:
    try:
        parsed = parse_citation(ref)
    except ValueError as exc:
        raise NotFound(str(exc)) from None
    if parsed.of_amending_act or not parsed.section or parsed.section not in consolidation.versions:
        resolve(consolidation, parsed, today=today)  # raises with the nearby message
    if parsed.section is None or parsed.section not in consolidation.versions:
        raise NotFound(f"not a section of the Act: {ref!r}")
    versions = consolidation.versions[parsed.section]
    return {
        "section": parsed.section,
        "versions": [
            {"id": v.ref, "in_force_from": v.in_force_from.isoformat(),
             "in_force_to": v.in_force_to.isoformat() if v.in_force_to else None, "change": v.change,
             "amended_by": [amendment_json(r) for r in v.amended_by],
             "text_status": dict(v.text_status),
             "url": urls.url_of(urls.Urls(v.work).section_page(v.number, v.in_force_from))}
            for v in versions
        ],
    }


def format_history(data: dict) -> str:
    lines = [f"Section {data['section']}: {len(data['versions'])} version(s)"]
    for v in data["versions"]:
        until = format_date(dt.date.fromisoformat(v["in_force_to"])) if v["in_force_to"] else "still in force"
        made = ", ".join(f"Act {a['provision']}" for a in v["amended_by"]) or "as first enacted"
        lines.append(f"  {format_date(dt.date.fromisoformat(v['in_force_from']))} – {until}: {v['change']} ({made})")
        lines.append(f"    {v['url']}")
    return "\n".join(lines)


def format_show(data: dict) -> str:
    until = data["in_force_to"] or "today"
    heading = data.get("heading_marked") or data["heading"]
    lines = [f"{data['provision']}" + (f" — {heading}" if heading else ""),
             f"Act {ids.VersionRef.parse(data['id']).work.number}, Part {data['part']} · in force {data['in_force_from']} to {until}"
             + (f" · text: {data['text_status']}" if data["text_status"] != "verbatim" else "")]
    if data["amended_by"]:
        lines.append("This version made by: " + "; ".join(
            f"Act {a['provision']} (in force {a['in_force']})" for a in data["amended_by"]))
    if data.get("unofficial"):
        lines.append(f"⚠ {data['tier_label']}: the official text is the Malay (add --lang ms to read it).")
        unofficial = [f"{p['provision']} ({p['tier']})" for p in data.get("provisions", ()) if p["unofficial"]]
        if unofficial:
            lines.append("Not the words of any source: " + ", ".join(unofficial) + ".")
    lines.append("")
    if data.get("text_marked") or data.get("heading_marked"):
        lines.append("Words between ⟦ ⟧ are ours (our rendering), not the words of any source.")
    if data.get("text_marked"):
        lines.append(data["text_marked"])
    else:
        lines.append(data["text"])
    lines.append("")
    src = data["source"]
    if not src.get("document") and data.get("tier") == "translated":
        lines.append("Source: none in English; translated by us from the official Malay (add --lang ms to read it "
                     "and its source).")
    elif data.get("provisions") and all(p["tier"] == "translated" for p in data["provisions"]):
        # the text shown is all ours: the section's source gives only its other English words (heading, provisions)
        lines.append("Source: none in English for this text; translated by us from the official Malay (add --lang ms "
                     "to read it and its source).")
        lines.append(f"The section's other English words: {src.get('document') or '?'}, "
                     f"{src.get('locator') or ''}".rstrip(", "))
    else:
        label = "Source of the verbatim words" if data.get("unofficial") else "Source"
        lines.append(f"{label}: {src.get('document') or '?'}, {src.get('locator') or ''}".rstrip(", "))
    if src.get("note"):
        lines.append(f"Note: {src['note']}")
    lines.append(f"URL: {data['url']}")
    return "\n".join(lines)
