"""Guidance pages (docs/guidance/*.md): read and validate their front matter (MkDocs would swallow errors)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from atipsom.domain.errors import InputError
from atipsom.domain.model import GuidancePage
from atipsom.load.files import display_path, load_folder, read_file
from atipsom.load.schema import Reader
from atipsom.refs import examples
from atipsom.refs.citations import parse_citation

GUIDANCE_KEYS = ("title", "summary", "audience", "question", "cites", "reviewed", "hide", "search", "lang",
                 "written_first")
LANGS = ("en", "ms")


def guidance_folder(docs_dir: Path, lang: str = "en") -> Path:
    """docs/guidance (English) or docs/ms/guidance (Malay)."""
    return docs_dir / "guidance" if lang == "en" else docs_dir / lang / "guidance"


def load_guidance(folder: Path, root: Path, errors: list[InputError] | None = None,
                  lang: str = "en") -> list[GuidancePage]:
    """Every guidance page of one language; problems are collected into `errors` (or raised together if none
    given)."""
    return load_folder(folder, root, lambda path, root, errs: load_guidance_page(path, root, errs, lang), errors)


def load_guidance_page(path: Path, root: Path, errors: list[InputError], lang: str = "en") -> GuidancePage | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    shown = document.path
    before = len(errors)
    reader = Reader(document.meta, shown, errors)
    reader.only(GUIDANCE_KEYS)
    index = path.stem == "index"
    title = reader.str("title")
    summary = reader.str("summary", required=not index)
    cites = reader.strings("cites", required=not index)
    cite_lines = tuple(getattr(reader.raw("cites"), "item_lines", []) or [reader.line("cites")] * len(cites))
    for cite, line in zip(cites, cite_lines):
        try:
            parse_citation(cite)
        except ValueError as exc:
            errors.append(InputError(shown, line, f"cites: {exc}", f"write e.g. {examples.PROVISION_AS_AT}"))
    question = reader.int("question", required=False)
    reviewed = reader.date("reviewed", required=not index)
    declared = reader.str("lang", required=lang != "en", default=lang, choices=LANGS,
                          hint=f"add 'lang: {lang}' (the language the page is written in)")
    if declared != lang:
        reader.error(reader.line("lang") if reader.has("lang") else 1,
                     f"lang: {declared!r}, but the page is in {display_path(path.parent, root)}/",
                     f"write lang: {lang}" + (" (Malay pages are in docs/ms/guidance/)" if declared == "ms" else ""))
    written_first = reader.str("written_first", required=False, default="", choices=LANGS) or None
    if reviewed and reviewed > dt.date.today() + dt.timedelta(days=1):
        errors.append(InputError(shown, reader.line("reviewed"), f"reviewed date {reviewed} is in the future",
                                 "give the date you last checked the page"))
    if len(errors) > before:
        return None
    return GuidancePage(slug=path.stem, title=title, summary=summary, audience=tuple(reader.strings("audience")),
                        cites=tuple(cites), question=question, reviewed=reviewed, body=document.body, path=shown,
                        body_line=document.body_line, cite_lines=cite_lines, lang=lang, written_first=written_first,
                        summary_line=reader.line("summary") if reader.has("summary") else 1,
                        written_first_line=reader.line("written_first") if reader.has("written_first") else 1)
