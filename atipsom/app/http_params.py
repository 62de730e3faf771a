"""Query parameters of the HTTP API, read strictly: a parameter the API cannot use is a 400 that says why.

Read from the raw query string, not from a decoded mapping, so that what a lenient decoder would hide is
refused: bytes that are not UTF-8 (no silent U+FFFD), unknown or repeated parameters, numbers with spaces or
non-ASCII digits (`" 5 "`, `"٥"`), and dates that are not plain calendar dates (`2015-W01-1`, `2015-02-30`).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote_to_bytes


class BadRequest(ValueError):
    """A parameter the API cannot use; the message is shown to the client."""


_NUMBER_RE = re.compile(r"(?:0|[1-9][0-9]{0,5})")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_query_string(raw: bytes, allowed: tuple[str, ...]) -> dict[str, str]:
    """The parameters of a query string, each once, each valid UTF-8, each one of `allowed`."""
    params: dict[str, str] = {}
    unknown: list[str] = []
    for pair in raw.split(b"&"):
        if not pair:
            continue
        name_raw, _, value_raw = pair.partition(b"=")
        name = _decode(name_raw, "a parameter name")
        value = _decode(value_raw, f"the parameter {name[:40]!r}")
        if name not in allowed:
            unknown.append(name[:40])
            continue
        if name in params:
            raise BadRequest(f"the parameter {name} is given twice; give it once")
        params[name] = value
    if unknown:
        accepted = ", ".join(allowed) if allowed else "none"
        raise BadRequest(f"unknown parameter(s): {', '.join(map(repr, unknown))}; this endpoint accepts: {accepted}")
    return params


def _decode(raw: bytes, what: str) -> str:
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(f"{what} is not valid UTF-8 text") from None


def date_param(value: str | None, name: str = "as_at") -> dt.date | None:
    """An ISO calendar date YYYY-MM-DD (ASCII digits), or None when absent or empty."""
    if value is None or value == "":
        return None
    return parse_calendar_date(value, f"{name} must be a calendar date like 2012-01-01")


def parse_calendar_date(value: str, message: str) -> dt.date:
    if not _DATE_RE.fullmatch(value):
        raise BadRequest(f"{message}, not {value[:40]!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{message}, not {value[:40]!r} (no such day)") from None


def number_param(value: str | None, name: str, *, default: int, low: int, high: int) -> int:
    """A whole number written with ASCII digits only, from `low` to `high`."""
    if value is None or value == "":
        return default
    if not _NUMBER_RE.fullmatch(value):
        raise BadRequest(f"{name} must be a whole number from {low} to {high}, written with the digits 0-9 and "
                         f"nothing else, not {value[:20]!r}")
    number = int(value)
    if not low <= number <= high:
        raise BadRequest(f"{name} must be from {low} to {high}")
    return number


def choice_param(value: str | None, name: str, choices: tuple[str, ...], default: str | None) -> str | None:
    if value is None or value == "":
        return default
    if value not in choices:
        raise BadRequest(f"unknown {name} {value[:40]!r}: use {', '.join(choices)}")
    return value


_REF_DATE_RE = re.compile(r"[@:](?P<date>[^@:/]+)$")


def check_ref_date(ref: str) -> None:
    """A date inside a reference (`sec_44@2015-11-18`, `sec_44:2012-06-01`) is read like the as_at parameter:
    a date that is not a calendar date is a 400, not a reference that names nothing."""
    match = _REF_DATE_RE.search(ref)
    if match and re.fullmatch(r"[0-9][0-9\-W]*", match.group("date")):
        parse_calendar_date(match.group("date"), "the date in the reference must be a calendar date like 2012-06-01")
