"""Every page and URL of the site, built in one place from ids (in the manner of datasette's url_builder).

Pages are `index.md` files in folders, so the same scheme works with directory URLs (/act-670/sec_51/)
and in the offline build (act-670/sec_51/index.html). URLs contain no '@' or ':'.
"""

from __future__ import annotations

import datetime as dt

WORK = "act-670"


def _date(date: dt.date | str) -> str:
    return date.isoformat() if isinstance(date, dt.date) else date


def act_page(work: str = WORK) -> str:
    return f"{work}/index.md"


def section_page(number: str, date: dt.date | str | None = None, work: str = WORK) -> str:
    """The current version (no date) or the version starting on `date`."""
    if date is None:
        return f"{work}/sec_{number}/index.md"
    return f"{work}/sec_{number}/{_date(date)}/index.md"


def history_page(number: str, work: str = WORK) -> str:
    return f"{work}/sec_{number}/history/index.md"


def diff_page(number: str, old: dt.date | str, new: dt.date | str, work: str = WORK) -> str:
    return f"{work}/sec_{number}/diff/{_date(old)}_{_date(new)}/index.md"


def as_at_page(date: dt.date | str, work: str = WORK) -> str:
    """The whole Act as it stood from one point in time."""
    return f"{work}/as-at/{_date(date)}/index.md"


def amendment_page(act_id: str, work: str = WORK) -> str:
    return f"{work}/amendments/{act_id}/index.md"


def timeline_page(work: str = WORK) -> str:
    return f"{work}/timeline/index.md"


def guidance_page(slug: str) -> str:
    return f"guidance/{slug}.md"


def url_of(page: str, anchor: str | None = None) -> str:
    """Site-absolute URL of a page ('/act-670/sec_51/'), with an optional anchor."""
    if page.endswith("index.md"):
        url = "/" + page[: -len("index.md")]
    elif page.endswith(".md"):
        url = "/" + page[:-3] + "/"
    else:
        url = "/" + page
    return url + (f"#{anchor}" if anchor else "")


def provision_url(number: str, eid: str, date: dt.date | str | None = None, work: str = WORK) -> str:
    return url_of(section_page(number, date, work), eid)
