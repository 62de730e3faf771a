"""What `atipsom search` prints: a readable list for people, or the JSON contract.

>>> import datetime as dt
>>> from search.documents import SearchResponse
>>> print(format_human(SearchResponse("zzz", dt.date(2012, 1, 1), 0, None, ())))
No results for "zzz" (law as at 1 January 2012).
"""

from __future__ import annotations

import datetime as dt
import textwrap

from .documents import SearchResponse, SearchResult
from .snippets import strip_marks

INDENT = "    "
#: How a result whose English is not the words of a source is labelled (issue 12; atipsom.domain.tiers)
TIER_LABELS = {"reconstructed": "reconstructed English", "rendered": "unofficial English",
               "translated": "unofficial English"}


def to_json(response: SearchResponse) -> dict:
    """The JSON contract shared with the HTTP API (see docs/search.md)."""
    return response.to_json()


def format_human(response: SearchResponse) -> str:
    lines = []
    as_at = _long_date(response.as_at) if response.as_at else "today"
    if not response.results:
        lines.append(f'No results for "{response.query}" (law as at {as_at}).')
    else:
        shown = len(response.results)
        more = f", showing {shown}" if response.total > shown else ""
        noun = "result" if response.total == 1 else "results"
        lines.append(f'{response.total} {noun} for "{response.query}" (law as at {as_at}{more}).')
    if response.suggestion:
        lines.append(f"Did you mean: {response.suggestion}")
    for notice in response.notices:
        lines.append(f"Note: {notice}")
    if response.timed_out:
        lines.append("Note: the search was stopped at its time limit; results may be incomplete.")
    for number, result in enumerate(response.results, 1):
        lines.append("")
        lines.extend(_result_lines(number, result))
    return "\n".join(lines)


def _result_lines(number: int, result: SearchResult) -> list[str]:
    if result.kind == "guidance":
        title = f"{number}. Guidance: {result.heading}"
    elif result.kind == "case":
        title = f"{number}. Case note: {result.heading}"
    elif result.kind == "annotation":
        title = f"{number}. Commentary on {result.provision or 's ' + (result.section or '?')}: {result.heading}"
    else:
        title = f"{number}. {result.provision or result.id} — {result.heading}"
    labels = []
    if result.lang == "ms":
        labels.append("Bahasa Malaysia")
    if result.tier in TIER_LABELS:
        labels.append(TIER_LABELS[result.tier])
    elif result.unofficial:
        labels.append("unofficial translation")
    if labels:
        title += f" [{', '.join(labels)}]"
    lines = [title]
    if result.kind == "provision":
        lines.append(INDENT + _in_force(result))
    snippet = " ".join(strip_marks(result.snippet).split())
    if snippet:
        lines.extend(textwrap.wrap(snippet, width=88, initial_indent=INDENT, subsequent_indent=INDENT))
    lines.append(INDENT + result.url)
    return lines


def _in_force(result: SearchResult) -> str:
    if result.in_force_from is None:
        return "In force: dates not recorded"
    start = _long_date(result.in_force_from)
    if result.in_force_to is None:
        return f"In force from {start} (current)"
    return f"In force from {start} to {_long_date(result.in_force_to)}"


def _long_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B')} {value.year}"
