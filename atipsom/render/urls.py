"""Every page and URL of the site, built in one place from ids (in the manner of datasette's url_builder).

Pages are `index.md` files in folders, so the same scheme works with directory URLs (/act-670/sec_51/)
and in the offline build (act-670/sec_51/index.html). URLs contain no '@' or ':'. The pages of the Act
are under its work id, which comes from its work.md: `Urls(work.id).section_page("51")`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atipsom.refs.ids import ProvisionId


def _date(date: dt.date | str) -> str:
    return date.isoformat() if isinstance(date, dt.date) else date


@dataclass(frozen=True)
class Urls:
    """The pages of one work (the Act): `work` is its id, 'act-670'."""

    work: str

    def act_page(self) -> str:
        return f"{self.work}/index.md"

    def _section(self, number: str) -> str:
        return f"{self.work}/{ProvisionId.section(number)}"

    def section_page(self, number: str, date: dt.date | str | None = None) -> str:
        """The current version (no date) or the version starting on `date`."""
        if date is None:
            return f"{self._section(number)}/index.md"
        return f"{self._section(number)}/{_date(date)}/index.md"

    def history_page(self, number: str) -> str:
        return f"{self._section(number)}/history/index.md"

    def diff_page(self, number: str, old: dt.date | str, new: dt.date | str) -> str:
        return f"{self._section(number)}/diff/{_date(old)}_{_date(new)}/index.md"

    def as_at_page(self, date: dt.date | str) -> str:
        """The whole Act as it stood from one point in time."""
        return f"{self.work}/as-at/{_date(date)}/index.md"

    def amendment_page(self, act_id: str) -> str:
        return f"{self.work}/amendments/{act_id}/index.md"

    def timeline_page(self) -> str:
        return f"{self.work}/timeline/index.md"

    def provision_url(self, number: str, eid: str, date: dt.date | str | None = None) -> str:
        return url_of(self.section_page(number, date), eid)


#: The languages of the hand-written pages; English pages are at the root, the others under their code (/ms/...).
LANGS = ("en", "ms")


def lang_prefix(lang: str) -> str:
    """'' for English, 'ms/' for Malay: Malay pages mirror the English paths under /ms/."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return "" if lang == "en" else f"{lang}/"


def guidance_page(slug: str, lang: str = "en") -> str:
    return f"{lang_prefix(lang)}guidance/{slug}.md"


def glossary_page(lang: str = "en") -> str:
    """The glossary of the Act's defined terms; each term's anchor is its definition's slug ('child')."""
    return f"{lang_prefix(lang)}glossary/index.md"


def case_page(slug: str, lang: str = "en") -> str:
    """A case note (docs/cases/<slug>.md; Malay: docs/ms/cases/<slug>.md)."""
    return f"{lang_prefix(lang)}cases/{slug}.md"


def url_of(page: str, anchor: str | None = None) -> str:
    """Site-absolute URL of a page ('/act-670/sec_51/'), with an optional anchor."""
    if page.endswith("index.md"):
        url = "/" + page[: -len("index.md")]
    elif page.endswith(".md"):
        url = "/" + page[:-3] + "/"
    else:
        url = "/" + page
    return url + (f"#{anchor}" if anchor else "")
