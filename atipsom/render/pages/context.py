"""What every page builder shares: the page value, the context of the site (the model and the callables the
application passes in), the front matter, and the labels of versions and operations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import yaml
from markupsafe import Markup

from atipsom.domain.amend import Consolidation
from atipsom.domain.amend.registry import OPERATIONS
from atipsom.domain.model import AmendingAct, Source, Text, Version, Work, WorkVersion, is_available
from atipsom.domain.text import written
from atipsom.domain.tiers import OURS_OPEN, strip_ours
from atipsom.refs import ids
from atipsom.render import urls
from atipsom.render.law import Enricher, plain
from atipsom.render.unofficial import ours_html

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
CERTAINTY_LABEL = {"official": "official notice", "reprint": "official reprint", "single-source": "one source only",
                   "unverified": "unverified", "unknown": "unknown"}


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
    enrich_for: Callable | None = None  # (version[, as_at]) -> Enricher, for defined terms and cross-references
    guidance_box: Callable[[Version], str] | None = None  # version -> html
    annotation_html: Callable[[str, Version, str], str] | None = None  # (number, version, page src) -> html
    repo_edit_base: str = ""
    extra: dict = field(default_factory=dict)

    def enricher(self, version: Version, as_at: dt.date | None = None) -> Enricher:
        if self.enrich_for is None:
            return plain
        enrich: Enricher = self.enrich_for(version, as_at) if as_at else self.enrich_for(version)
        return enrich

    def definitions(self, html: str, date: dt.date, **options: object) -> str:
        """The "Definitions used in this version" block for the terms marked in `html` (render/enrich.py)."""
        block = getattr(self.enrich_for, "definitions_block", None)
        return str(block(html, date, **options)) if callable(block) else ""

    def citation(self, lang: str = "en") -> str:
        """How the law cites the Act these pages are about: 'Act 670' ('Akta 670' in Malay)."""
        return ids.WorkId.parse(self.work.id).citation(lang)

    def act(self, act_id: str) -> AmendingAct | None:
        return next((a for a in self.amendments if a.id == act_id), None)

    def work_at(self, date: dt.date) -> WorkVersion:
        """The Act as a whole (title, Parts, front) in force on `date` (the first one before it existed)."""
        chosen = self.consolidation.work_versions[0]
        for work_version in self.consolidation.work_versions:
            if work_version.in_force_from <= date:
                chosen = work_version
        return chosen


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200) + "---\n\n"


def section_title(version: Version, lang: str = "en") -> str:
    heading = version.heading.get(lang) or ""
    if not is_available(heading):
        heading = version.heading.get("ms" if lang == "en" else "en", "")
    word = "Seksyen" if lang == "ms" else "Section"
    return f"{word} {version.number}. {title_text(heading)}".strip()


def section_title_html(version: Version) -> Markup:
    """The English title as the section's own page heads it: our words in a rendered heading marked as in the
    text below (page titles, navigation and descriptions carry the plain words: `section_title`)."""
    heading = version.heading.get("en") or ""
    if not is_available(heading) or OURS_OPEN not in heading:
        return Markup.escape(section_title(version))
    return Markup.escape(f"Section {version.number}. ") + Markup(ours_html(heading))


def english_or_malay(texts: Mapping[str, Text]) -> str:
    """A heading or title in English, or in Malay where no English is available."""
    english = texts.get("en")
    return strip_ours(english) if is_available(english) else title_text(texts.get("ms", ""))


def title_text(text: Text | None) -> str:
    """A heading or title as a page states it in plain text: its words, without the ⟦ ⟧ that mark ours in the data
    (a page that can mark them uses `section_title_html`); one that no source gives in any language is written as
    the law files write it, `{not available}` (as pages always have; the text of a provision has its own
    labelled placeholder instead)."""
    return strip_ours(written(text)) if text is not None else ""


def target_label(target: str | None) -> str:
    """An amendment's target eId as a citation (`sec_44__subsec_2` -> `s 44(2)`), or as it is."""
    if not target:
        return ""
    try:
        return ids.format_eid_citation(target)
    except ValueError:
        return target
