"""Law text as HTML: English and Malay side by side, one row per provision, aligned by eId.

Every provision is an element whose id is its eId (the anchor), with the pinpoint citation in
both languages for the "copy citation" control, and its history notes under it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from atipsom.domain import tiers
from atipsom.domain.model import NOT_AVAILABLE, AmendmentRef, Provision, Version
from atipsom.domain.timeline import format_date, short_date
from atipsom.refs import ids
from atipsom.render.html import esc, page_href
from atipsom.render.unofficial import cite_suffix, legend, ours_html, tier_label
from atipsom.render.urls import url_of

#: Turns one string of law text into HTML (escaping it; later issues add defined terms and cross-references).
Enricher = Callable[[str, str, str], str]  # (text, lang, eid) -> html

NA_TEXT = {
    "en": "English text not available in any source: see the Malay text.",
    "ms": "Teks bahasa Melayu tidak terdapat dalam mana-mana sumber: lihat teks bahasa Inggeris.",
}
LANG_LABEL = {"en": "English", "ms": "Bahasa Malaysia"}

OP_ABBREVIATION = {
    "substitute_words": "Am.",
    "insert_words": "Am.",
    "delete_words": "Am.",
    "insert_provision": "Ins.",
    "substitute_provision": "Subs.",
    "delete_provision": "Am.",
    "renumber": "Renumbered",
    "insert_section": "Ins.",
    "substitute_section": "Subs.",
}


def plain(text: str, lang: str, eid: str) -> str:
    """Law text escaped, with our own words in a rendered text (⟦ ⟧) marked."""
    return ours_html(text)


def has_our_words(version: Version, lang: str = "en") -> bool:
    """True when the text of a version in a language has words of ours marked in it (a rendered text)."""
    root = version.body.get(lang)
    return root is not None and any(tiers.has_ours(t or "") for t in root.texts())


def history_note(refs: Sequence[AmendmentRef]) -> str:
    """'[Am. Act A1500 s 10(a), in force 18.11.2015; Ins. Act A1385 s 4(b), in force 15.11.2010]'."""
    parts = []
    for ref in refs:
        word = OP_ABBREVIATION.get(ref.op, "Am.")
        what = f"{word} Act {ref.citation}"
        if ref.op == "delete_provision" and ref.target:
            deleted = ids.format_eid_citation(ref.target)
            what = f"{deleted.split(' ', 1)[-1]} deleted by Act {ref.citation}"
        parts.append(f"{what}, in force {short_date(ref.in_force)}")
    return "[" + "; ".join(parts) + "]"


def citation_of(version: Version, node: Provision, lang: str) -> str:
    if node.kind == "section":
        return ids.format_citation(version.number, (), lang)
    term = None
    if node.kind == "def":
        english = version.body.get("en")
        en = english.find(node.eid) if english else None
        term = (en.term if en and en.text != NOT_AVAILABLE else None) or node.term
    return ids.format_eid_citation(node.eid, lang, term)


def render_law(version: Version, *, enrich: Enricher = plain, langs: Sequence[str] = ("en", "ms"),
               show_history: bool = True, heading_level: int = 3, title: Mapping[str, str] | None = None,
               permalink: str = "", with_legend: bool = True) -> str:
    """The parallel text of one version.

    `title` (the Act's short title on the version date) and `permalink` (the version page) are
    what the "copy citation" control puts into a citation: the page's address as the reader has it, or the
    published address plus `data-path` (the page's path in the site) where the page was opened from a file.
    An English text that is not verbatim is labelled at each provision; `with_legend` puts the legend of our
    marked words above the text when it has any (a page that shows many sections says it once instead).
    """
    roots = {lang: version.body[lang] for lang in langs if lang in version.body}
    reference = roots.get("en") or next(iter(roots.values()))
    title = title or {}
    out = [f'<div class="atp-law" data-section="{esc(version.number)}" '
           f'data-version="{version.in_force_from.isoformat()}" '
           f'data-title-en="{esc(title.get("en", ""))}" data-title-ms="{esc(title.get("ms", ""))}" '
           f'data-date-en="{esc(format_date(version.in_force_from))}" '
           f'data-date-ms="{esc(format_date(version.in_force_from, "ms"))}" '
           f'data-permalink="{esc(page_href(permalink)) if permalink else ""}" '
           f'data-path="{esc(url_of(permalink)) if permalink else ""}">']
    if with_legend and any(has_our_words(version, lang) for lang in roots):
        out.insert(0, legend())
    out.append('<div class="atp-cols-head" aria-hidden="true">'
               + "".join(f'<span lang="{lang}">{LANG_LABEL[lang]}</span>' for lang in roots) + "</div>")
    out.append(_provision(version, reference, roots, enrich, show_history, heading_level, depth=0))
    out.append("</div>")
    return "\n".join(out)


def _cell(lang: str, node: Provision | None, words: str | None, enrich: Enricher, version: Version,
          number: bool = True, tools: bool = True, labelled: bool = True) -> str:
    classes = ["atp-cell"]
    if node is None:
        return f'<div class="atp-cell atp-na" lang="{lang}"><em>{esc(NA_TEXT[lang])}</em></div>'
    num = f'<span class="atp-num">{esc(node.num)}</span> ' if number and node.num and node.kind != "section" else ""
    if words == NOT_AVAILABLE:
        classes.append("atp-na")
        body = f'<em class="atp-na-text">{esc(NA_TEXT[lang])}</em>'
    else:
        body = f'<span class="atp-text">{enrich(words or "", lang, node.eid)}</span>'
        label = tier_label(node.tier, lang) if labelled else ""
        if label:
            classes.append(f"atp-unofficial atp-unofficial--{node.tier}")
            body = f"{label} {body}"
    tool_html = ""
    if tools:
        cite = citation_of(version, node, lang) + cite_suffix(node.tier)
        label = "Salin petikan" if lang == "ms" else "Copy citation"
        link_label = "Pautan ke" if lang == "ms" else "Link to"
        tool_html = (
            f'<span class="atp-tools">'
            f'<a class="atp-anchor" href="#{esc(node.eid)}" aria-label="{link_label} {esc(cite)}" '
            f'title="{link_label} {esc(cite)}">¶</a>'
            f'<button type="button" class="atp-cite" data-cite="{esc(cite)}" data-lang="{lang}" '
            f'aria-label="{label}: {esc(cite)}" title="{label}">{ "Petik" if lang == "ms" else "Cite"}</button>'
            f"</span>"
        )
    return f'<div class="{" ".join(classes)}" lang="{lang}">{num}{body}{tool_html}</div>'


def _provision(version: Version, node: Provision, roots: Mapping[str, Provision], enrich: Enricher,
               show_history: bool, heading_level: int, depth: int) -> str:
    pairs = {lang: (root.find(node.eid) if node.kind != "section" else root) for lang, root in roots.items()}
    out = []
    is_section = node.kind == "section"
    classes = f"atp-prov atp-{node.kind}"
    attrs = f' id="{esc(node.eid)}"' if not is_section else ""
    out.append(f'<div class="{classes}"{attrs} data-depth="{depth}">')
    for old in version.old_eids(node.eid) if not is_section else ():  # old anchors of a renumbered provision
        if all(root.find(old) is None for root in roots.values()):
            out.append(f'<span class="atp-old-anchor" id="{esc(old)}" aria-hidden="true"></span>')
    if not is_section and node.kind in ("subsec", "def") and heading_level:
        cite = citation_of(version, node, "en")
        out.append(f'<h{heading_level} class="atp-sr-heading">{esc(cite)}</h{heading_level}>')
    if node.text or not is_section:
        out.append('<div class="atp-row">' + "".join(
            _cell(lang, pair, pair.text if pair else None, enrich, version, tools=not is_section)
            for lang, pair in ((lang, pairs[lang]) for lang in roots)) + "</div>")
    if node.children:
        out.append('<div class="atp-children">')
        for child in node.children:
            out.append(_provision(version, child, roots, enrich, show_history, heading_level, depth + 1))
        out.append("</div>")
    if node.wrapup is not None:
        out.append('<div class="atp-row atp-wrapup">' + "".join(
            _cell(lang, pair, pair.wrapup if pair else None, enrich, version, number=False, tools=False,
                  labelled=False)
            for lang, pair in ((lang, pairs[lang]) for lang in roots)) + "</div>")
    if show_history and version.history.get(node.eid) and not is_section:
        out.append(f'<p class="atp-history">{esc(history_note(version.history[node.eid]))}</p>')
    out.append("</div>")
    return "\n".join(out)
