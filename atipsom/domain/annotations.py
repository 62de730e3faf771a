"""Annotations: our commentary on each section, stored beside the law in
statutes/<work>/annotations/sec_<n>.md, and never mixed with the verbatim text.

    ---
    section: "44"
    summary: "Plain-language summary, one or two sentences."
    related: [act-670/sec_43, act-670/sec_51]
    guidance: [after-rescue-first-24-hours]
    reviewed: 2026-11-29
    ---
    ### What it does
    …
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from atipsom.domain.amend import Consolidation
from atipsom.domain.errors import InputError
from atipsom.domain.guidance import LAW_LINK_RE
from atipsom.domain.lookup import NotFound, resolve
from atipsom.domain.model import GuidancePage
from atipsom.refs import examples
from atipsom.refs.ids import ProvisionId

ANNOTATION_KEYS = ("section", "summary", "related", "guidance", "reviewed")


@dataclass(frozen=True)
class Annotation:
    number: str
    summary: str
    related: tuple[str, ...]
    guidance: tuple[str, ...]
    reviewed: dt.date | None
    body: str
    path: str
    body_line: int = 1
    related_lines: tuple[int, ...] = ()  # the line of each entry of `related`, for error messages
    guidance_line: int = 1  # the line of the `guidance` key

    @property
    def title(self) -> str:
        return f"Commentary on s {self.number}"


def annotation_errors(annotations: Mapping[str, Annotation], consolidation: Consolidation,
                      guidance: Iterable[GuidancePage], *, folder: str, today: dt.date | None = None,
                      require_all: bool = True) -> list[InputError]:
    """Every section has an annotation (in `folder`, as the contributor sees it); every reference in one resolves."""
    errors: list[InputError] = []
    today = today or dt.date.today()
    slugs = {page.slug for page in guidance}
    for number in consolidation.order:
        if require_all and number not in annotations:
            errors.append(InputError(f"{folder}/{ProvisionId.section(number)}.md", None,
                                     f"section {number} has no annotation",
                                     "every section needs a short commentary: copy another annotation file and "
                                     "write this one"))
    for number, annotation in annotations.items():
        if number not in consolidation.versions:
            errors.append(InputError(annotation.path, 1, f"annotation for section {number}, which does not exist",
                                     "name the file after an existing section"))
            continue
        lines = annotation.related_lines
        for index, ref in enumerate(annotation.related):
            try:
                resolve(consolidation, ref, today=today)
            except NotFound as exc:
                errors.append(InputError(annotation.path, lines[index] if index < len(lines) else 1,
                                         f"related: '{ref}' does not resolve: {exc}",
                                         f"name a provision that exists, e.g. {examples.PROVISION}"))
        for slug in annotation.guidance:
            if slug not in slugs:
                errors.append(InputError(annotation.path, annotation.guidance_line,
                                         f"guidance: no page '{slug}' in docs/guidance/",
                                         "use the file name of a guidance page without .md"))
        for offset, line in enumerate(annotation.body.split("\n")):
            for match in LAW_LINK_RE.finditer(line):
                try:
                    resolve(consolidation, match.group("ref"), today=today)
                except NotFound as exc:
                    errors.append(InputError(annotation.path, annotation.body_line + offset,
                                             f"law link '{match.group('ref')}' does not resolve: {exc}",
                                             "link a provision that exists in the version named, e.g. "
                                             f"law:{examples.PROVISION_AS_AT}", match.start("ref") - 3))
    return errors
