"""The generated pages of the site, as Markdown with front matter: one function per page type.

Pure: takes the model, returns text. The MkDocs adapter only registers the results as files.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import yaml

from atipsom.domain.amend import Consolidation
from atipsom.domain.amend.registry import OPERATIONS
from atipsom.domain.diff import Segment, diff_versions, heading_diff
from atipsom.domain.model import LANGS, NOT_AVAILABLE, AmendingAct, Source, Version, Work, WorkVersion, is_available
from atipsom.domain.tiers import provision_tier, strip_ours, version_tier
from atipsom.domain.timeline import format_date, is_current, short_date, timeline_events, validity_notice, version_at
from atipsom.refs import ids
from atipsom.render import urls
from atipsom.render.html import esc, link, page_href
from atipsom.render.law import LANG_LABEL, Enricher, has_our_words, plain, render_law
from atipsom.render.timeline_svg import timeline_svg
from atipsom.render.unofficial import banner_note, legend, tier_label

STATUS_LABEL = {
    "verbatim": "verbatim from the source",
    "incomplete": "incomplete: part of the text is not in any source",
    "missing": "not available in any source",
    "disputed": "sources disagree",
    "unofficial-translation": "unofficial translation",
}
CHANGE_LABEL = {
    "original": "as first enacted",
    "amended": "amended",
    "substituted": "substituted",
    "inserted": "inserted",
    "repealed": "repealed",
}
OP_LABEL = {name: operation.label["en"] for name, operation in OPERATIONS.items()}


@dataclass(frozen=True)
class Page:
    path: str  # src path under docs
    content: str
    edit_path: str | None = None  # the file a contributor edits for this page


@dataclass
class SiteContext:
    """What page builders need besides the model."""

    work: Work
    consolidation: Consolidation
    amendments: Sequence[AmendingAct]
    sources: Mapping[str, Source]
    today: dt.date
    urls: urls.Urls  # the pages of the Act, under its work id
    enrich_for: object = None  # callable(version) -> Enricher, for defined terms and cross-references
    guidance_box: object = None  # callable(version) -> html
    annotation_html: object = None  # callable(number) -> html
    repo_edit_base: str = ""
    extra: dict = field(default_factory=dict)

    def enricher(self, version: Version, as_at: dt.date | None = None) -> Enricher:
        if not callable(self.enrich_for):
            return plain
        return self.enrich_for(version, as_at) if as_at else self.enrich_for(version)

    def definitions(self, html: str, date: dt.date, **options) -> str:
        """The "Definitions used in this version" block for the terms marked in `html` (render/enrich.py)."""
        block = getattr(self.enrich_for, "definitions_block", None)
        return block(html, date, **options) if callable(block) else ""

    def act(self, act_id: str) -> AmendingAct | None:
        return next((a for a in self.amendments if a.id == act_id), None)


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200) + "---\n\n"


def section_title(version: Version, lang: str = "en") -> str:
    heading = version.heading.get(lang) or ""
    if not is_available(heading):
        heading = version.heading.get("ms" if lang == "en" else "en", "")
    word = "Seksyen" if lang == "ms" else "Section"
    return f"{word} {version.number}. {heading}".strip()


# --- section version pages ------------------------------------------------------------------------

def version_pages(ctx: SiteContext, number: str) -> list[Page]:
    versions = ctx.consolidation.versions[number]
    pages = []
    current = version_at(versions, ctx.today)
    for version in versions:
        pages.append(Page(ctx.urls.section_page(number, version.in_force_from),
                          _version_page(ctx, version, versions, canonical=False),
                          edit_path=_edit_path(version)))
    shown = current or (versions[-1] if versions[-1].in_force_from <= ctx.today else versions[0])
    pages.append(Page(ctx.urls.section_page(number), _version_page(ctx, shown, versions, canonical=True),
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


def _banner(ctx: SiteContext, version: Version) -> str:
    status, sentence = validity_notice(version, ctx.today)
    _, sentence_ms = validity_notice(version, ctx.today, "ms")
    parts = [f'<div class="atp-banner atp-banner--{status}" role="note" aria-label="Version status">',
             f'<p class="atp-banner__status"><strong>{esc(sentence)}</strong> <span lang="ms">{esc(sentence_ms)}</span></p>']
    parts.append(banner_note(version_tier(version, "en")))
    if version.amended_by:
        items = []
        for ref in version.amended_by:
            act = ctx.act(ref.act)
            certainty = act.in_force.certainty if act else ""
            flag = {"single-source": " (in-force date from one source only)",
                    "unverified": " (in-force date unverified)",
                    "unknown": " (in-force date unknown)"}.get(certainty, "")
            items.append(f'{link(ctx.urls.amendment_page(ref.act), esc("Act " + ref.citation))}'
                         f" {esc(OP_LABEL.get(ref.op, ref.op))} {esc(_target_label(ref.target))}{flag}")
        parts.append("<p>This version was made by: " + "; ".join(items) + ".</p>")
    elif version.change == "original":
        commencement = ctx.work.commencement_of(version.number, version.part)
        if commencement:
            parts.append(f"<p>As first enacted. In force from {format_date(commencement.date)} "
                         f"({esc(commencement.notice)}).</p>")
    if status == "past":
        current = version_at(ctx.consolidation.versions[version.number], ctx.today)
        if current:
            parts.append("<p>" + link(ctx.urls.section_page(version.number), "Read the current version")
                         + " · " + link(ctx.urls.diff_page(version.number, version.in_force_from, current.in_force_from),
                                        "What changed since") + "</p>")
    parts.append("</div>")
    return "\n".join(part for part in parts if part)


def _target_label(target: str | None) -> str:
    if not target:
        return ""
    try:
        return ids.format_eid_citation(target)
    except ValueError:
        return target


def _version_list(ctx: SiteContext, versions: Sequence[Version], shown: Version) -> str:
    items = []
    for version in versions:
        start = format_date(version.in_force_from)
        end = format_date(version.in_force_to) if version.in_force_to else "today"
        label = f"{start} – {end}"
        tag = " (current)" if is_current(version, ctx.today) else ""
        change = CHANGE_LABEL.get(version.change, version.change)
        if version is shown:
            items.append(f'<li aria-current="page"><strong>{esc(label)}</strong>{tag}: {esc(change)}</li>')
        else:
            items.append(f"<li>{link(ctx.urls.section_page(version.number, version.in_force_from), esc(label))}"
                         f"{tag}: {esc(change)}</li>")
    return ('<nav class="atp-versions" aria-label="Versions of this section"><p><strong>Versions</strong> · '
            + link(ctx.urls.history_page(shown.number), "History and comparison") + '</p><ol>'
            + "".join(items) + "</ol></nav>")


def _status_notes(ctx: SiteContext, version: Version) -> str:
    rows = []
    for lang in LANGS:
        status = version.text_status.get(lang, "verbatim")
        source = version.source.get(lang)
        described = _describe_source(ctx, source) if source else "no source recorded"
        tier = tier_label(version_tier(version, lang), lang, long=True)
        rows.append(f"<li><strong>{LANG_LABEL[lang]}</strong>: {esc(STATUS_LABEL.get(status, status))}. "
                    + (f"Contains {tier}. " if tier else "") + f"Source: {described}.</li>")
    notes = ""
    if version.editor_note:
        notes += f'<p class="atp-editor-note"><strong>Editor’s note</strong> (our words, not law): {esc(version.editor_note)}</p>'
    for note in dict.fromkeys(version.notes):
        notes += f'<p class="atp-editor-note"><strong>Note on the amendment</strong> (our words): {esc(note)}</p>'
    unavailable = [lang for lang in LANGS if version.text_status.get(lang) in ("incomplete", "missing")]
    for act in filter(None, map(ctx.act, dict.fromkeys(a.act for refs in version.history.values() for a in refs))):
        notes += (f'<p class="atp-editor-note">The English text of the {act.in_force_from.year} amending Act (Act '
                  f'{act.number}) was not found in any source. Where it changed this section, the English text is '
                  'shown as not available and the Malay text, which is complete, should be read instead.</p>') if "en" in unavailable and act.english_text == "missing" else ""
    return ('<section class="atp-provenance" aria-labelledby="provenance">\n'
            '<h2 id="provenance">Where this text comes from</h2>\n'
            "<ul>" + "".join(rows) + "</ul>" + notes + "</section>")


def _describe_source(ctx: SiteContext, source) -> str:
    if source.ref.startswith("act-a"):
        act = ctx.act(source.ref)
        title = act.short_title.get("en") if act else source.ref
        if not is_available(title):
            title = act.short_title.get("ms") if act else source.ref
        bill = ""
        if act and act.bill_number:
            bill = f" (bill {esc(act.bill_number)})"
        return link(ctx.urls.amendment_page(source.ref), esc(f"{title}, {source.locator}")) + bill
    registered = ctx.sources.get(source.ref)
    if registered is None:
        return esc(f"{source.ref}, {source.locator}")
    return (f'<a href="{esc(registered.url)}" rel="noreferrer">{esc(registered.title)}</a>, {esc(source.locator)}'
            + (f" ({esc(source.note)})" if source.note else ""))


def _version_page(ctx: SiteContext, version: Version, versions: Sequence[Version], canonical: bool) -> str:
    current = is_current(version, ctx.today)
    part = next((p for p in _work_at(ctx, version.in_force_from).parts if p.number == version.part), None)
    meta = {
        "title": section_title(version),
        "description": f"Act 670 s {version.number}: {version.heading.get('en', '')}",
        "atipsom": {"section": version.number, "version": version.in_force_from.isoformat(),
                    "kind": "section" if canonical else "version"},
    }
    if not canonical or not current:
        meta["search"] = {"exclude": True}
    out = [front_matter(meta)]
    out.append(f"# {section_title(version)}\n")
    heading_tier = tier_label(version.heading_tier.get("en", "verbatim"))
    if heading_tier:
        out.append(f'<p class="atp-heading-tier">Heading: {heading_tier}</p>\n')
    ms_heading = version.heading.get("ms", "")
    if is_available(ms_heading):
        out.append(f'<p class="atp-subtitle" lang="ms">{esc(section_title(version, "ms"))}</p>\n')
    out.append(_banner(ctx, version) + "\n")
    facts = []
    if part:
        heading = part.heading.get("en") if is_available(part.heading.get("en")) else part.heading.get("ms")
        facts.append(f"Part {esc(part.number)}: {esc(heading)}")
    permalink = urls.url_of(ctx.urls.section_page(version.number, version.in_force_from))
    facts.append("Permanent link to this version: " + link(ctx.urls.section_page(version.number, version.in_force_from),
                                                            f"<code>{esc(permalink)}</code>"))
    out.append('<p class="atp-facts">' + " · ".join(facts) + "</p>\n")
    out.append('<div class="atp-langbar" role="group" aria-label="Language of the text" hidden>'
               '<button type="button" data-show="both" aria-pressed="true">Both</button>'
               '<button type="button" data-show="en" aria-pressed="false">English</button>'
               '<button type="button" data-show="ms" aria-pressed="false">Bahasa Malaysia</button></div>\n')
    law = render_law(version, enrich=ctx.enricher(version), title=_work_at(ctx, version.in_force_from).title,
                     permalink=ctx.urls.section_page(version.number, version.in_force_from), heading_level=3)
    # screen readers: a heading for the text, then one per subsection and definition (render_law)
    out.append(f'<h2 class="atp-sr-heading">Text of section {esc(version.number)}</h2>\n')
    out.append(law + "\n")
    out.append(ctx.definitions(law, version.in_force_from, until=version.in_force_to) + "\n")
    if callable(ctx.guidance_box):
        out.append(ctx.guidance_box(version) + "\n")
    out.append(_version_list(ctx, versions, version) + "\n")
    out.append(_status_notes(ctx, version) + "\n")
    if callable(ctx.annotation_html):
        page_src = ctx.urls.section_page(version.number) if canonical else ctx.urls.section_page(version.number, version.in_force_from)
        out.append(ctx.annotation_html(version.number, version, page_src) + "\n")
    return "".join(out)


def _work_at(ctx: SiteContext, date: dt.date) -> WorkVersion:
    chosen = ctx.consolidation.work_versions[0]
    for work_version in ctx.consolidation.work_versions:
        if work_version.in_force_from <= date:
            chosen = work_version
    return chosen


# --- history and diff ---------------------------------------------------------------------------------

def history_page(ctx: SiteContext, versions: Sequence[Version]) -> str:
    first = versions[-1]
    meta = {"title": f"History of section {first.number}", "search": {"exclude": True},
            "atipsom": {"section": first.number, "kind": "history"}}
    out = [front_matter(meta), f"# History of section {first.number}\n\n"]
    out.append(f"{esc(first.heading.get('en', ''))} · {link(ctx.urls.section_page(first.number), 'Current text')}\n\n")
    rows = ['<table class="atp-history-table"><caption>Every version of section '
            f'{esc(first.number)}, oldest first</caption><thead><tr><th scope="col">In force from</th>'
            '<th scope="col">Until</th><th scope="col">Change</th><th scope="col">Made by</th>'
            '<th scope="col">Compare</th></tr></thead><tbody>']
    for i, version in enumerate(versions):
        made_by = "; ".join(link(ctx.urls.amendment_page(ref.act), esc("Act " + ref.citation)) for ref in version.amended_by)
        if not made_by:
            commencement = ctx.work.commencement_of(version.number, version.part)
            made_by = esc(f"Act 670 as enacted ({commencement.notice})" if commencement else "Act 670 as enacted")
        compare = link(ctx.urls.diff_page(version.number, versions[i - 1].in_force_from, version.in_force_from),
                       "with the previous version") if i else "—"
        until = format_date(version.in_force_to) if version.in_force_to else "still in force"
        rows.append(f"<tr><td>{link(ctx.urls.section_page(version.number, version.in_force_from), format_date(version.in_force_from))}</td>"
                    f"<td>{esc(until)}</td><td>{esc(CHANGE_LABEL.get(version.change, version.change))}</td>"
                    f"<td>{made_by}</td><td>{compare}</td></tr>")
    rows.append("</tbody></table>")
    out.append("\n".join(rows) + "\n\n")
    if len(versions) > 1:
        out.append(_compare_form(versions) + "\n")
    return "".join(out)


def _compare_form(versions: Sequence[Version], old: Version | None = None, new: Version | None = None) -> str:
    old = old or versions[-2]
    new = new or versions[-1]
    pairs = {f"{a.in_force_from.isoformat()}_{b.in_force_from.isoformat()}":
             page_href(urls.Urls(a.work).diff_page(a.number, a.in_force_from, b.in_force_from))
             for i, a in enumerate(versions) for b in versions[i + 1:]}

    def options(selected: Version) -> str:
        return "".join(f'<option value="{v.in_force_from.isoformat()}"{" selected" if v is selected else ""}>'
                       f"{format_date(v.in_force_from)}</option>" for v in versions)

    return ('<form class="atp-compare" data-pairs="' + esc(json.dumps(pairs)) + '">'
            '<h2 id="compare">Compare two versions</h2>'
            f'<label>Older version <select name="old">{options(old)}</select></label> '
            f'<label>Newer version <select name="new">{options(new)}</select></label> '
            '<button type="submit">Compare</button>'
            '<p class="atp-compare__error" role="alert" hidden>Choose an older version on the left and a newer one '
            'on the right.</p></form>')


def _segments_html(segments: Iterable[Segment]) -> str:
    out = []
    for segment in segments:
        text = esc(strip_ours(segment.text)).replace(esc(NOT_AVAILABLE), "<em>[not available]</em>")
        if segment.op == "same":
            out.append(text)
        elif segment.op == "ins":
            out.append(f'<ins><span class="atp-sr">[inserted: </span>{text}<span class="atp-sr">]</span></ins>')
        else:
            out.append(f'<del><span class="atp-sr">[deleted: </span>{text}<span class="atp-sr">]</span></del>')
    return "".join(out)


def diff_page(ctx: SiteContext, versions: Sequence[Version], old: Version, new: Version) -> str:
    title = (f"Section {new.number}: changes between {format_date(old.in_force_from)} and "
             f"{format_date(new.in_force_from)}")
    meta = {"title": title, "search": {"exclude": True}, "atipsom": {"section": new.number, "kind": "diff"}}
    out = [front_matter(meta), f"# {esc(title)}\n\n"]
    made = [ref for v in versions if old.in_force_from < v.in_force_from <= new.in_force_from for ref in v.amended_by]
    out.append('<p class="atp-diff-legend">Read as: <ins>inserted words</ins> (underlined, marked “inserted”) and '
               '<del>deleted words</del> (struck through, marked “deleted”). '
               + link(ctx.urls.section_page(old.number, old.in_force_from), f"Older version ({format_date(old.in_force_from)})")
               + " · " + link(ctx.urls.section_page(new.number, new.in_force_from), f"Newer version ({format_date(new.in_force_from)})")
               + "</p>\n")
    if made:
        out.append("<p>Changes made by: " + "; ".join(
            link(ctx.urls.amendment_page(ref.act), esc("Act " + ref.citation)) + f", in force {short_date(ref.in_force)}"
            for ref in made) + ".</p>\n")
    for lang in LANGS:
        label = LANG_LABEL[lang]
        out.append(f'\n## {label} text {{#{lang}-changes}}\n\n')
        rows = [f'<table class="atp-diff" lang="{lang}"><caption>{label}: {esc(format_date(old.in_force_from))} → '
                f'{esc(format_date(new.in_force_from))}</caption><thead><tr><th scope="col">Provision</th>'
                '<th scope="col">Status</th><th scope="col">Text</th></tr></thead><tbody>']
        head = heading_diff(old, new, lang)
        if any(segment.op != "same" for segment in head):
            rows.append(f"<tr><td>heading</td><td>changed</td><td>{_segments_html(head)}</td></tr>")
        for item in diff_versions(old, new, lang):
            if item.kind == "section" and not item.text:
                continue
            cite = ids.format_eid_citation(item.eid, lang) if item.kind != "section" else f"s {new.number}"
            status = {"same": "unchanged", "changed": "changed", "inserted": "inserted", "deleted": "deleted",
                      "unavailable": "text not available in one version",
                      "other-language": "unchanged here; the other language's text changed"}[item.status]
            tiers_html = _diff_tiers(old, new, item.eid, lang)
            text = _segments_html(item.text)
            if item.wrapup:
                text += "<br>" + _segments_html(item.wrapup)
            rows.append(f'<tr class="atp-diff--{item.status}"><td style="padding-left:{0.5 + item.depth}em">'
                        f"{esc(cite)}</td><td>{esc(status)}{tiers_html}</td><td>{text}</td></tr>")
        rows.append("</tbody></table>")
        out.append("\n".join(rows) + "\n")
    out.append("\n" + _compare_form(versions, old, new) + "\n")
    return "".join(out)


def _diff_tiers(old: Version, new: Version, eid: str, lang: str) -> str:
    """The labels of a compared provision whose text is not verbatim, in the older and the newer version."""
    labels = []
    for when, version in (("before", old), ("after", new)):
        node = version.body[lang].find(eid) if lang in version.body else None
        label = tier_label(node.tier, lang) if node is not None else ""
        if label:
            labels.append(f"{label} ({when})")
    return "<br>" + "<br>".join(labels) if labels else ""


# --- the Act as a whole ---------------------------------------------------------------------------------

def point_in_time_dates(ctx: SiteContext) -> list[dt.date]:
    dates = {c.date for c in ctx.work.commencements}
    dates |= {wv.in_force_from for wv in ctx.consolidation.work_versions}
    return sorted(dates)


def as_at_page(ctx: SiteContext, date: dt.date, next_date: dt.date | None) -> Page:
    work_version = _work_at(ctx, date)
    until = f" to {format_date(next_date - dt.timedelta(days=1))}" if next_date else " (current)"
    title = f"Act 670 as at {format_date(date)}"
    meta = {"title": title, "search": {"exclude": True}, "atipsom": {"kind": "as-at", "date": date.isoformat()}}
    out = [front_matter(meta), f"# {esc(title)}\n\n"]
    out.append(f'<div class="atp-banner atp-banner--{"current" if not next_date else "past"}" role="note">'
               f"<p><strong>The whole Act as it stood from {format_date(date)}{until}.</strong> "
               + (" " if not next_date else "It is not the law today. ")
               + link(ctx.urls.act_page(), "Current text") + "</p></div>\n\n")
    title_en = work_version.title.get("en", "")
    out.append(f'<p class="atp-facts">Title then: <strong>{esc(title_en)}</strong></p>\n\n')
    shown = [v for number in (n for p in work_version.parts for n in p.sections)
             if (v := version_at(ctx.consolidation.versions.get(number, ()), date)) is not None]
    if any(has_our_words(v) for v in shown):
        out.append(legend() + "\n\n")
    out.append(_front_html(work_version) + "\n\n")
    for part in work_version.parts:
        heading = part.heading.get("en") if is_available(part.heading.get("en")) else part.heading.get("ms")
        out.append(f"## Part {part.number}: {esc(heading)} {{#{part.eid}}}\n\n")
        part_tier = tier_label(part.heading_tier.get("en", "verbatim"))
        if part_tier:
            out.append(f'<p class="atp-heading-tier">Heading of Part {esc(part.number)}: {part_tier}</p>\n\n')
        for number in part.sections:
            version = version_at(ctx.consolidation.versions.get(number, ()), date)
            if version is None:
                first = ctx.consolidation.versions[number][0]
                if first.in_force_from > date and first.change != "inserted":
                    out.append(f"### Section {number}. {esc(first.heading.get('en', ''))} {{#{first.eid}}}\n\n"
                               f'<p class="atp-not-in-force">Not yet in force on {format_date(date)}: it came into '
                               f"force on {format_date(first.in_force_from)}.</p>\n\n")
                continue
            out.append(f"### {esc(section_title(version))} {{#{version.eid}}}\n\n")
            out.append('<p class="atp-facts">' + link(ctx.urls.section_page(number, version.in_force_from),
                                                       f"Version in force from {format_date(version.in_force_from)}")
                       + "</p>\n\n")
            out.append(render_law(version, enrich=ctx.enricher(version, date), heading_level=4, title=work_version.title,
                                  permalink=ctx.urls.section_page(number, version.in_force_from),
                                  with_legend=False) + "\n\n")
    out.append(ctx.definitions("".join(out), date, whole_act=True) + "\n")
    return Page(ctx.urls.as_at_page(date), "".join(out), edit_path=ctx.work.path)


def _front_html(work_version: WorkVersion) -> str:
    rows = []
    for eid in ("longtitle", "enacting"):
        cells = []
        for lang in LANGS:
            node = work_version.front[lang].find(eid)
            text = node.text if node else ""
            body = plain(text, lang, eid) if is_available(text) else f"<em>{esc('not available in any source')}</em>"
            label = tier_label(provision_tier(node), lang) if node is not None and is_available(text) else ""
            body = f"{label} {body}" if label else body
            cells.append(f'<div class="atp-cell" lang="{lang}">{body}</div>')
        rows.append(f'<div class="atp-prov atp-{eid}" id="{eid}"><div class="atp-row">' + "".join(cells) + "</div></div>")
    return '<div class="atp-law atp-front">' + "".join(rows) + "</div>"


def act_page(ctx: SiteContext) -> Page:
    current = _work_at(ctx, ctx.today)
    meta = {"title": "Act 670", "atipsom": {"kind": "act"}}
    out = [front_matter(meta), f"# {esc(current.title.get('en', ''))} [Act 670]\n\n"]
    out.append(f'<p class="atp-subtitle" lang="ms">{esc(current.title.get("ms", ""))} [Akta 670]</p>\n\n')
    work = ctx.work
    out.append(f"Royal Assent {format_date(work.assent.date)}; published in the Gazette {format_date(work.gazette.date)}. "
               "Commencement: " + "; ".join(
                   f"{', '.join(_eid_label(p) for p in c.provisions)} on {format_date(c.date)} ({esc(c.notice)})"
                   for c in work.commencements) + ".\n\n")
    out.append("Amended by " + ", ".join(
        link(ctx.urls.amendment_page(a.id), esc(f"Act {a.number}")) + f" (in force {format_date(a.in_force_from)})"
        for a in ctx.amendments) + ". " + link(ctx.urls.timeline_page(), "Timeline of the Act") + ".\n\n")
    out.append(as_at_picker(ctx) + "\n\n")
    if work.authoritative_text:
        out.append(f'!!! note "Which language text is authoritative"\n    {esc(work.authoritative_text)}\n\n')
    out.append(_front_html(current) + "\n\n")
    out.append("## Arrangement of sections {#arrangement}\n\n")
    for part in current.parts:
        heading = part.heading.get("en") if is_available(part.heading.get("en")) else part.heading.get("ms")
        out.append(f"### Part {part.number}: {esc(heading)} {{#{part.eid}}}\n\n")
        items = []
        for number in part.sections:
            version = version_at(ctx.consolidation.versions[number], ctx.today) or ctx.consolidation.versions[number][-1]
            heading_en = version.heading.get("en")
            label = heading_en if is_available(heading_en) else version.heading.get("ms", "")
            items.append(f"<li>{link(ctx.urls.section_page(number), esc(f'{number}. {label}'))}</li>")
        out.append('<ul class="atp-arrangement">' + "".join(items) + "</ul>\n\n")
    return Page(ctx.urls.act_page(), "".join(out), edit_path=ctx.work.path)


def _eid_label(eid: str) -> str:
    kind, _, number = eid.partition("_")
    return {"part": "Part", "sec": "s"}.get(kind, kind) + " " + number


def as_at_picker(ctx: SiteContext) -> str:
    dates = point_in_time_dates(ctx)
    targets = {d.isoformat(): page_href(ctx.urls.as_at_page(d)) for d in dates}
    first = dates[0].isoformat() if dates else ""
    return ('<form class="atp-asat" data-targets="' + esc(json.dumps(targets)) + f'" data-first="{first}">'
            '<label for="atp-asat-date"><strong>Read the whole Act as at a date</strong></label> '
            f'<input id="atp-asat-date" name="date" type="date" min="1990-01-01" max="2100-12-31" '
            f'value="{ctx.today.isoformat()}" required> '
            '<button type="submit">Show the law on that date</button>'
            '<p class="atp-asat__message" role="status"></p>'
            '<noscript><p>Without JavaScript, pick a point in time: '
            + " · ".join(link(ctx.urls.as_at_page(d), format_date(d)) for d in dates) + "</p></noscript>"
            "</form>")


# --- amending Acts and the timeline ---------------------------------------------------------------------

def amendment_page(ctx: SiteContext, act: AmendingAct) -> Page:
    title_en = act.short_title.get("en") if is_available(act.short_title.get("en")) else act.short_title.get("ms")
    meta = {"title": f"Act {act.number}: {title_en}", "atipsom": {"kind": "amendment", "act": act.id}}
    out = [front_matter(meta), f"# Act {esc(act.number)}: {esc(title_en)}\n\n"]
    if is_available(act.short_title.get("ms")):
        out.append(f'<p class="atp-subtitle" lang="ms">{esc(act.short_title.get("ms"))}</p>\n\n')
    out.append('<table class="atp-facts-table"><caption>Dates, with how sure we are</caption><tbody>')
    for label, fact in (("Bill", None), ("Royal Assent", act.assent), ("Published in the Gazette", act.gazette),
                        ("In force", act.in_force)):
        if fact is None:
            out.append(f"<tr><th scope=\"row\">Bill</th><td>{esc(act.bill_number)}</td><td></td></tr>")
            continue
        date = format_date(fact.date) if fact.date else "not found in any source"
        certainty = {"official": "official notice", "reprint": "official reprint", "single-source": "one source only",
                     "unverified": "unverified", "unknown": "unknown"}.get(fact.certainty, fact.certainty)
        detail = esc(" ".join(x for x in (fact.notice, fact.source, fact.note) if x))
        out.append(f'<tr><th scope="row">{label}</th><td>{esc(date)} <span class="atp-certainty atp-certainty--'
                   f'{esc(fact.certainty)}">({esc(certainty)})</span></td><td>{detail}</td></tr>')
    out.append("</tbody></table>\n\n")
    if act.english_text == "missing":
        out.append('!!! warning "English text not available"\n    No English text of this Act was found. Its '
                   "changes are shown from the Malay bill; where no other source gives the English wording, the "
                   "English text of the provisions it changed is either marked as not available or, where we have "
                   "written it, labelled “unofficial English” (rendered from or translated from the official Malay) "
                   "or “reconstructed English” (assembled from English sources). The Malay text is the official "
                   "text. " + link("about/english-text.md", "How the English text is made") + ".\n\n")
    out.append("## Summary (our words) {#summary}\n\n" + act.summary.strip() + "\n\n")
    out.append("## Every change it made {#changes}\n\n")
    applications = [a for a in ctx.consolidation.applications if a.instruction.act == act.id]
    rows = ['<table class="atp-changes"><caption>Amending instructions, in the order of the Act</caption><thead><tr>'
            '<th scope="col">Amending provision</th><th scope="col">What it does</th><th scope="col">English</th>'
            '<th scope="col">Malay</th><th scope="col">Before and after</th></tr></thead><tbody>']
    for application in applications:
        instruction = application.instruction
        target = instruction.target or instruction.after or ""
        what = f"{OP_LABEL.get(instruction.op, instruction.op)} {_target_label(target) if not target.startswith('part_') else target.replace('part_', 'Part ')}"
        if instruction.op == "insert_section":
            what = f"inserts section {instruction.section} after {_target_label(instruction.after)}"
        if instruction.op == "insert_part":
            what = f"inserts Part {instruction.part}"
        if instruction.field == "heading":
            what += " (heading)"
        if instruction.lang:
            what += f" ({LANG_LABEL[instruction.lang]} text only)"
        before_after = []
        for number in application.sections:
            versions = ctx.consolidation.versions[number]
            after = next((v for v in versions if v.in_force_from == application.in_force), None)
            before = next((v for v in versions if v.in_force_to == application.in_force - dt.timedelta(days=1)), None)
            if before:
                before_after.append(link(ctx.urls.section_page(number, before.in_force_from), f"s {number} before"))
            if after:
                before_after.append(link(ctx.urls.section_page(number, after.in_force_from), f"s {number} after"))
                after_tier = tier_label(version_tier(after, "en"))
                if after_tier:
                    before_after.append(f"English after: {after_tier}")
            if before and after:
                before_after.append(link(ctx.urls.diff_page(number, before.in_force_from, after.in_force_from), "changes"))
        note = f'<br><small>{esc(instruction.note)}</small>' if instruction.note else ""
        if instruction.en_source:
            src = ctx.sources.get(instruction.en_source.ref)
            note += (f"<br><small>English words from {esc(src.title if src else instruction.en_source.ref)}"
                     f"{', ' + esc(instruction.en_source.locator) if instruction.en_source.locator else ''}"
                     f"{': ' + esc(instruction.en_source.note) if instruction.en_source.note else ''}</small>")
        rows.append(f"<tr><td>{esc(instruction.citation)}</td><td>{esc(what)}{note}</td>"
                    f"<td>{esc(application.outcome.get('en', ''))}</td><td>{esc(application.outcome.get('ms', ''))}</td>"
                    f"<td>{' · '.join(before_after)}</td></tr>")
    rows.append("</tbody></table>")
    out.append("\n".join(rows) + f"\n\n{len(applications)} instructions.\n\n")
    if act.transitional:
        out.append("## Saving and transitional provisions (our summary) {#transitional}\n\n")
        for item in act.transitional:
            out.append(f"- **{esc(ids.format_amending_provision(act.id, item.provision))}**: {esc(item.summary)}\n")
        out.append("\n")
    return Page(ctx.urls.amendment_page(act.id), "".join(out), edit_path=act.path)


def timeline_page(ctx: SiteContext) -> Page:
    events = timeline_events(ctx.work, ctx.amendments)
    meta = {"title": "Timeline of Act 670", "atipsom": {"kind": "timeline"}}
    out = [front_matter(meta), "# Timeline of Act 670\n\n"]
    out.append(timeline_svg(events) + "\n\n")
    out.append("## Events, oldest first {#events}\n\n")
    rows = ['<table class="atp-timeline-table"><caption>Events in the life of the Act. Dates not confirmed by an '
            'official source are marked.</caption><thead><tr><th scope="col">Date</th><th scope="col">Event</th>'
            '<th scope="col">How sure</th><th scope="col">Source</th></tr></thead><tbody>']
    for event in events:
        sure = {"official": "official", "reprint": "official reprint", "single-source": "one source only",
                "unverified": "unverified", "unknown": "unknown"}.get(event.certainty, event.certainty)
        what = esc(event.description)
        if event.by.startswith("act-a"):
            what = link(ctx.urls.amendment_page(event.by), what)
        note = f"<br><small>{esc(event.note)}</small>" if event.note else ""
        rows.append(f"<tr><td>{esc(format_date(event.date))}</td><td>{what}{note}</td><td>{esc(sure)}</td>"
                    f"<td>{esc(event.source)}</td></tr>")
    rows.append("</tbody></table>")
    out.append("\n".join(rows) + "\n")
    return Page(ctx.urls.timeline_page(), "".join(out), edit_path=ctx.work.path)


def all_pages(ctx: SiteContext) -> list[Page]:
    pages = [act_page(ctx), timeline_page(ctx)]
    for number in ctx.consolidation.order:
        pages.extend(version_pages(ctx, number))
    dates = point_in_time_dates(ctx)
    for i, date in enumerate(dates):
        pages.append(as_at_page(ctx, date, dates[i + 1] if i + 1 < len(dates) else None))
    for act in ctx.amendments:
        pages.append(amendment_page(ctx, act))
    return pages
