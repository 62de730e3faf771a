"""Law text as HTML: English and Malay side by side, one row per provision, aligned by eId.

Every provision is an element whose id is its eId (the anchor), with the pinpoint citation in
both languages for the "copy citation" control, and its history notes under it. This module decides what is
shown (a LawView of ProvisionViews and CellViews); the HTML is in templates/law/law.html.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from atipsom.domain import tiers
from atipsom.domain.model import AmendmentRef, Missing, Provision, Text, Version
from atipsom.domain.text import written
from atipsom.domain.timeline import format_date, short_date
from atipsom.refs import ids
from atipsom.render.html import page_href
from atipsom.render.templating import page_environment
from atipsom.render.unofficial import cite_suffix, legend, ours_html, tier_label
from atipsom.render.urls import url_of

#: Turns one string of law text into HTML (escaping it; later issues add defined terms and cross-references).
Enricher = Callable[[str, str, str], str]  # (text, lang, eid) -> html

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
    return root is not None and any(tiers.has_ours(t) for t in root.words)


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
        term = (en.term if en else None) or node.term  # a missing English text has no term
    return ids.format_eid_citation(node.eid, lang, term)


@dataclass(frozen=True)
class CellView:
    """One language's cell of a row: `absent` when the provision has no counterpart in the language, `text` None
    when its words are not available in any source (the template shows the labelled placeholder)."""

    lang: str
    eid: str = ""
    absent: bool = False
    num: str = ""
    text: Markup | None = None
    label: Markup = Markup("")
    tier: str = ""
    cite: str = ""  # the citation the "copy citation" control copies; empty: no tools


@dataclass(frozen=True)
class ProvisionView:
    kind: str
    eid: str  # empty for the section itself (its anchor is the page)
    depth: int
    old_anchors: tuple[str, ...] = ()
    sr_heading: str = ""
    heading_level: int = 0
    row: tuple[CellView, ...] = ()
    children: tuple[ProvisionView, ...] = ()
    wrapup: tuple[CellView, ...] = ()
    history: str = ""


@dataclass(frozen=True)
class LawView:
    section: str
    version: str
    title_en: str
    title_ms: str
    date_en: str
    date_ms: str
    permalink: str
    path: str
    langs: tuple[str, ...]
    root: ProvisionView
    legend: Markup = Markup("")
    lang_label: Mapping[str, str] = field(default_factory=lambda: LANG_LABEL)


@lru_cache(maxsize=1)
def _template() -> Any:
    return page_environment().get_template("law/law.html").module


def render_law(version: Version, *, enrich: Enricher = plain, langs: Sequence[str] = ("en", "ms"),
               show_history: bool = True, heading_level: int = 3, title: Mapping[str, Text] | None = None,
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
    view = LawView(
        section=version.number, version=version.in_force_from.isoformat(),
        title_en=written(title.get("en", "")), title_ms=written(title.get("ms", "")),
        date_en=format_date(version.in_force_from), date_ms=format_date(version.in_force_from, "ms"),
        permalink=page_href(permalink) if permalink else "", path=url_of(permalink) if permalink else "",
        langs=tuple(roots), root=_provision(version, reference, roots, enrich, show_history, heading_level, 0),
        legend=Markup(legend()) if with_legend and any(has_our_words(version, lang) for lang in roots)
        else Markup(""))
    return str(_template().law(view))


def _cell(lang: str, node: Provision | None, words: Text | None, enrich: Enricher, version: Version,
          number: bool = True, tools: bool = True, labelled: bool = True) -> CellView:
    if node is None:
        return CellView(lang, absent=True)
    num = node.num if number and node.num and node.kind != "section" else ""
    cite = citation_of(version, node, lang) + cite_suffix(node.tier) if tools else ""
    if isinstance(words, Missing):
        return CellView(lang, node.eid, num=num, cite=cite)  # text None: the labelled placeholder
    label = tier_label(node.tier, lang) if labelled else ""
    return CellView(lang, node.eid, num=num, text=Markup(enrich(words or "", lang, node.eid)), label=Markup(label),
                    tier=node.tier, cite=cite)


def _provision(version: Version, node: Provision, roots: Mapping[str, Provision], enrich: Enricher,
               show_history: bool, heading_level: int, depth: int) -> ProvisionView:
    pairs = {lang: (root.find(node.eid) if node.kind != "section" else root) for lang, root in roots.items()}
    is_section = node.kind == "section"
    old_anchors = tuple(old for old in (version.old_eids(node.eid) if not is_section else ())
                        if all(root.find(old) is None for root in roots.values()))  # of a renumbered provision
    sr_heading = ""
    if not is_section and node.kind in ("subsec", "def") and heading_level:
        sr_heading = citation_of(version, node, "en")
    row: tuple[CellView, ...] = ()
    if node.text or not is_section:
        row = tuple(_cell(lang, pair, pair.text if pair else None, enrich, version, tools=not is_section)
                    for lang, pair in pairs.items())
    wrapup: tuple[CellView, ...] = ()
    if node.wrapup is not None:
        wrapup = tuple(_cell(lang, pair, pair.wrapup if pair else None, enrich, version, number=False, tools=False,
                             labelled=False) for lang, pair in pairs.items())
    history = ""
    if show_history and version.history.get(node.eid) and not is_section:
        history = history_note(version.history[node.eid])
    return ProvisionView(
        kind=node.kind, eid=node.eid if not is_section else "", depth=depth, old_anchors=old_anchors,
        sr_heading=sr_heading, heading_level=heading_level, row=row,
        children=tuple(_provision(version, child, roots, enrich, show_history, heading_level, depth + 1)
                       for child in node.children),
        wrapup=wrapup, history=history)
