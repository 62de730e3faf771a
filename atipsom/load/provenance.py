"""Every verbatim text block names a registered source and a locator that exists in it.

The registry (statutes/sources.yml) is in the repository; the maintainers' copies of the sources live
outside it (../shared/sources/act670/). When that folder is present, each locator is looked up in its
source file: a bill clause must exist in the bill.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from atipsom.domain.errors import InputError
from atipsom.domain.model import LANGS

_CLAUSE_LOCATOR = re.compile(r"^(?:cl\.|fasal)\s*(?P<n>\d+[A-Za-z]?)$")


@lru_cache(maxsize=32)
def _clause_numbers(path: Path) -> frozenset[str]:
    """Clause numbers printed in a bill: '**25.**', '25.' at a line start, '**25. (1)…'."""
    text = path.read_text(encoding="utf-8", errors="replace")
    found = set(re.findall(r"^\s*(?:\*\*|_)?(\d{1,3}[a-zA-Z]?)\.(?:\*\*|_)?\s", text, flags=re.M))
    found |= set(re.findall(r"\*\*(\d{1,3}[a-zA-Z]?)\.", text))
    return frozenset(n.upper() if n[-1].isalpha() else n for n in found)


def check_sources(statutes, shared_sources: Path | None) -> list[InputError]:
    errors: list[InputError] = []
    registry = statutes.sources
    for source in registry.values():
        if shared_sources is None or not source.shared_file:
            continue
        for file in (source.shared_file, *source.also_files):
            path = (shared_sources / file).resolve()
            if shared_sources.resolve() not in path.parents:
                errors.append(InputError("statutes/sources.yml", None, f"source '{source.id}': {file!r} leaves the "
                                         "sources folder", "give a path inside the sources folder"))
            elif not path.is_file():
                errors.append(InputError("statutes/sources.yml", None,
                                         f"source '{source.id}': file {file!r} not found in the sources folder",
                                         f"check the path under {shared_sources}"))
    for section in statutes.sections.values():
        for lang in LANGS:
            ref = section.source.get(lang)
            if ref is None:
                errors.append(InputError(section.path, 1, f"no source recorded for the {lang} text",
                                         f"add source.{lang}: {{ref: <id in statutes/sources.yml>, locator: …}}"))
                continue
            if not ref.locator.strip():
                errors.append(InputError(section.path, 1, f"source.{lang}: empty locator",
                                         "say where the text is in the source, e.g. \"cl. 25\""))
                continue
            registered = registry.get(ref.ref)
            match = _CLAUSE_LOCATOR.match(ref.locator.strip())
            if registered is None or match is None or shared_sources is None or not registered.shared_file:
                continue
            path = (shared_sources / registered.shared_file)
            if path.is_file() and match.group("n").upper() not in _clause_numbers(path):
                errors.append(InputError(section.path, 1, f"source.{lang}: {ref.locator!r} is not a clause of "
                                         f"{registered.title}", "check the clause number against the bill"))
    return errors
