"""statutes/sources.yml: the registry of every public source a text comes from, and the `source:` records
of the statute files that point into it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from atipsom.domain.errors import InputError
from atipsom.domain.model import Source, SourceRef
from atipsom.load.files import display_path
from atipsom.load.frontmatter import decode_text, load_yaml
from atipsom.load.schema import Reader

SOURCE_KEYS = ("title", "publisher", "url", "authority", "shared_file", "also_files", "via", "locator_form")
AUTHORITIES = ("bill", "reprint", "amending-act", "consolidated-web", "secondary")


def load_sources(path: Path, root: Path, errors: list[InputError]) -> dict[str, Source]:
    shown = display_path(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(InputError(shown, None, f"cannot read file: {exc.strerror}"))
        return {}
    try:
        data = load_yaml(decode_text(raw, shown), shown)
    except InputError as exc:
        errors.append(exc)
        return {}
    reader = Reader(data, shown, errors)
    sources = {}
    for key in reader.meta:
        entry = reader.sub(str(key))
        if entry is None:
            continue
        entry.only(SOURCE_KEYS)
        url = entry.str("url")
        if url and not url.startswith(("https://", "http://")):
            entry.error(entry.line("url"), f"source '{key}': url must be a web address", "start it with https://")
        shared_file = entry.str("shared_file", required=False) or None
        also = tuple(entry.strings("also_files"))
        for file in [shared_file, *also]:
            if file and (file.startswith("/") or ".." in Path(file).parts):
                entry.error(entry.line("shared_file"), f"source '{key}': path {file!r} leaves the sources folder",
                            "give a path inside the shared sources folder (../shared/sources/<work>/), without '..'")
        sources[str(key)] = Source(
            id=str(key), title=entry.str("title"), url=url,
            authority=entry.str("authority", choices=AUTHORITIES), publisher=entry.str("publisher", required=False),
            shared_file=shared_file, also_files=also, via=entry.str("via", required=False),
        )
    return sources


def source_ref(reader: Reader, lang: str, sources: Mapping[str, Source]) -> SourceRef | None:
    sub = reader.sub(lang, hint=f"every law text names its source: add {lang}: {{ref: <an id in statutes/sources.yml>, "
                                "locator: \"<where in that source, e.g. cl. 25>\"}")
    if sub is None:
        return None
    sub.only(("ref", "locator", "note"))
    ref = sub.str("ref")
    if ref and sources and ref not in sources:
        sub.error(sub.line("ref"), f"unknown source '{ref}'", "use an id listed in statutes/sources.yml")
    locator = sub.str("locator", hint="say where in the source: e.g. \"cl. 25\"")
    if ".." in locator.split("/") or locator.startswith("/") or "\\" in locator:
        sub.error(sub.line("locator"), f"locator {locator!r} looks like a file path",
                  "a locator is what a reader uses in the public source, e.g. \"cl. 25\" or \"p. 7\"")
    return SourceRef(ref=ref, locator=locator, note=sub.str("note", required=False))
