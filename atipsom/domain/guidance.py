"""Guidance pages: our own words, every legal statement tied to a provision.

`law:` links in the text and the `cites` of the front matter are resolved against the consolidation;
an unknown one is an error with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from atipsom.domain.amend import Consolidation
from atipsom.domain.errors import InputError
from atipsom.domain.lookup import NotFound, Resolved, resolve
from atipsom.domain.model import GuidancePage
from atipsom.refs import examples
from atipsom.refs.citations import parse_citation

LAW_LINK_RE = re.compile(r"\]\(law:(?P<ref>[^)\s]+)\)")


@dataclass(frozen=True)
class LawLink:
    ref: str
    line: int
    resolved: Resolved


def law_links(page: GuidancePage, consolidation: Consolidation, today: dt.date,
              errors: list[InputError]) -> list[LawLink]:
    """Every `law:` link in the page's summary and body, resolved; each unknown one is an error on its line."""
    return text_law_links(page.path, [(page.summary_line, page.summary)] + [
        (page.body_line + offset, line) for offset, line in enumerate(page.body.split("\n"))], consolidation, today,
        errors)


def text_law_links(path: str, lines: list[tuple[int, str]], consolidation: Consolidation, today: dt.date,
                   errors: list[InputError]) -> list[LawLink]:
    """The `law:` links of numbered lines of Markdown (fenced code left out), resolved; unknown ones are errors."""
    links = []
    in_code = False
    for lineno, line in lines:
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        for match in LAW_LINK_RE.finditer(line):
            ref = match.group("ref")
            try:
                resolved = resolve(consolidation, ref, today=today)
            except NotFound as exc:
                errors.append(InputError(path, lineno, f"law link '{ref}' does not resolve: {exc}",
                                         "link a provision that exists in the version named, e.g. "
                                         f"law:{examples.PROVISION_AS_AT}", match.start("ref") - 3))
                continue
            links.append(LawLink(ref, lineno, resolved))
    return links


def resolve_cites(page: GuidancePage, consolidation: Consolidation, today: dt.date,
                  errors: list[InputError]) -> list[tuple[str, Resolved]]:
    out = []
    lines = page.cite_lines if len(page.cite_lines) == len(page.cites) else (1,) * len(page.cites)
    for cite, line in zip(page.cites, lines):
        try:
            out.append((cite, resolve(consolidation, cite, today=today)))
        except NotFound as exc:
            errors.append(InputError(page.path, line, f"cites: '{cite}' does not resolve: {exc}",
                                     "cite a provision that exists in the version named, e.g. "
                                     f"{examples.PROVISION_AS_AT}"))
    return out


def cited_sections(pages: Iterable[GuidancePage]) -> dict[str, list[GuidancePage]]:
    """Section number -> guidance pages that declare a citation of it."""
    by_section: dict[str, list[GuidancePage]] = {}
    for page in pages:
        for cite in page.cites:
            try:
                section = parse_citation(cite).section
            except ValueError:
                continue
            if section and page not in by_section.setdefault(section, []):
                by_section[section].append(page)
    return by_section
