"""The pages written in English and Malay (guidance pages, case notes, the glossary) and the boxes that point to
them, as Markdown for the site (atipsom/render/templates/). Values in, Markdown out: the application resolves the
law links and the provisions first.

Contributed words (a page's summary and text) are escaped by the templates and stay inside the contributed
region of the page, which the build sanitizes (atipsom.render.sanitize).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from atipsom.domain.cases import CaseNote
from atipsom.domain.glossary import GlossaryEntry
from atipsom.domain.model import GuidancePage
from atipsom.domain.tiers import VERBATIM, is_unofficial
from atipsom.refs import ids
from atipsom.render import urls
from atipsom.render.templating import render
from atipsom.render.unofficial import ours_html, tier_label


def other_lang(lang: str) -> str:
    return "ms" if lang == "en" else "en"


def insert_after_title(markdown: str, block: str) -> str:
    """`block` right under the page's first `# ` heading (at the top if it has none)."""
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    lines[at:at] = ["", block]
    return "\n".join(lines)


def language_note(lang: str, counterpart: str, written_first: str | None = None) -> str:
    """A link to the same page in the other language (`counterpart`: its page src), saying that both say the same."""
    return render("language_note.html", lang=lang, other=other_lang(lang), counterpart=counterpart,
                  written_first=written_first)


# -- guidance pages -----------------------------------------------------------------------------------------


def guidance_header(page: GuidancePage, summary: str, counterpart: str | None, written_first: str | None) -> str:
    """What goes under a guidance page's title: the counterpart, the notice, In short (`summary`: Markdown with
    its law links resolved), for whom and when checked."""
    return render("guidance_header.html", lang=page.lang, summary=summary, audience_keys=list(page.audience),
                  reviewed=page.reviewed, counterpart=counterpart, counterpart_lang=other_lang(page.lang),
                  written_first=written_first)


@dataclass(frozen=True)
class ReliedOn:
    """One provision a guidance page cites, as its box shows it."""

    citation: str
    page: str
    anchor: str | None
    heading: str
    start: str
    end: str | None
    excerpt: str
    malay_only: bool = False


@dataclass(frozen=True)
class Related:
    title: str
    page: str
    anchor: str | None
    reason: str  # "declared" | "computed"


def relied_on_box(items: Sequence[ReliedOn], related: Sequence[Related], lang: str) -> str:
    return render("relied_on.html", items=items, related=related, lang=lang)


# -- a section's page ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoxItem:
    title: str
    page: str
    reason: str
    why: str
    title_ms: str | None = None
    page_ms: str | None = None
    decided: dt.date | None = None
    version_page: str | None = None
    version_start: dt.date | None = None


def section_box(guidance: Sequence[BoxItem], cases: Sequence[BoxItem]) -> str:
    """The guidance and case notes for a section, strongest first (empty when there are none)."""
    if not guidance and not cases:
        return ""
    return render("section_box.html", guidance=guidance, cases=cases)


# -- case notes ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseProvision:
    citation: str
    page: str
    anchor: str | None
    start: dt.date


def case_markdown(note: CaseNote, body: str, summary: str, provisions: Sequence[CaseProvision],
                  counterpart: str | None) -> str:
    """A case note's page: the title, the counterpart, the notice, In short, the facts, then the note's text
    (`body` and `summary`: Markdown with law links resolved)."""
    header = render("case_header.html", note=note, lang=note.lang, summary=summary, provisions=provisions,
                    counterpart=counterpart, counterpart_lang=other_lang(note.lang))
    return header + "\n" + body


# -- the glossary -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Period:
    start: dt.date
    end: dt.date | None
    texts: list[tuple[str, str | None]]
    changed_by: str
    version_page: str


@dataclass(frozen=True)
class _Entry:
    key: str
    anchor: str
    term: str
    other_term: str
    periods: list[_Period]


def glossary_markdown(entries: Sequence[GlossaryEntry], lang: str, work: str) -> str:
    """The glossary page in `lang`: terms in that language's order, each definition's words in every period,
    the page's language first."""
    site = urls.Urls(work)
    other = other_lang(lang)
    shown = []
    for entry in sorted(entries, key=lambda e: e.term(lang).lower()):
        periods = [_Period(p.in_force_from, p.in_force_to,
                           [(lang, _glossary_text(p.text.get(lang), p.tiers.get(lang, VERBATIM), lang)),
                            (other, _glossary_text(p.text.get(other), p.tiers.get(other, VERBATIM), lang))],
                           ", ".join(p.amended_by), site.section_page("2", p.version_from))
                   for p in entry.periods]
        shown.append(_Entry(entry.key, entry.anchor, entry.term(lang), entry.term(other), periods))
    return render("glossary.html", entries=shown, lang=lang, other=other, counterpart=urls.glossary_page(other),
                  act=ids.WorkId.parse(work).citation(lang))


def _glossary_text(text: str | None, tier: str, page_lang: str) -> str | Markup | None:
    """A definition's words on the glossary page: unofficial English is labelled, our words in it marked (issue 12)."""
    if text is None or not is_unofficial(tier):
        return text
    return Markup(tier_label(tier, page_lang) + " " + ours_html(text))

