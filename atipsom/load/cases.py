"""Case notes (docs/cases/*.md, docs/ms/cases/*.md): read and validate their front matter into CaseNote values,
and read the maintainers' list of withheld names (reference/withheld-names.yml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from atipsom.domain.cases import SOURCE_KINDS, CaseNote, CaseSource
from atipsom.domain.errors import InputError
from atipsom.load.files import display_path, load_folder, read_file
from atipsom.load.schema import Reader, items_of
from atipsom.refs import examples
from atipsom.refs.citations import parse_citation

CASE_KEYS = ("title", "summary", "court", "decided", "date_note", "citation", "case_number", "parties",
             "provisions", "cites", "source_kind", "sources", "victims", "reviewed", "lang", "written_first")
INDEX_KEYS = ("title", "summary", "reviewed", "lang", "written_first", "hide", "search")
SOURCE_KEYS = ("title", "publisher", "url", "date", "kind")
LANGS = ("en", "ms")


def case_folders(docs_dir: Path) -> dict[str, Path]:
    """Where the notes of each language live: docs/cases (English), docs/ms/cases (Malay)."""
    return {"en": docs_dir / "cases", "ms": docs_dir / "ms" / "cases"}


def load_cases(docs_dir: Path, root: Path, errors: list[InputError] | None = None) -> list[CaseNote]:
    """Every case note in both languages (index pages included); problems are collected into `errors`."""
    notes: list[CaseNote] = []
    folders = case_folders(docs_dir)
    for lang, folder in folders.items():
        notes.extend(load_folder(folder, root,
                                 lambda path, root, errs, lang=lang: load_case(path, root, errs, lang, folders),
                                 errors))
    return notes


def load_case(path: Path, root: Path, errors: list[InputError], lang: str = "en",
              folders: dict[str, Path] | None = None) -> CaseNote | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    shown, before = document.path, len(errors)
    reader = Reader(document.meta, shown, errors)
    index = path.stem == "index"
    reader.only(INDEX_KEYS if index else CASE_KEYS)
    declared = reader.str("lang", required=lang != "en", default=lang, choices=LANGS,
                          hint=f"add 'lang: {lang}' (the language the note is written in)")
    if declared != lang:
        where = display_path((folders or {}).get(declared, path.parent), root)
        reader.error(reader.line("lang") if reader.has("lang") else 1,
                     f"lang: {declared!r}, but the note is in {display_path(path.parent, root)}/",
                     f"write lang: {lang}, or move the file to {where}/")
    written_first = reader.str("written_first", required=False, default="", choices=LANGS) or None
    title, summary = reader.str("title"), reader.str("summary")
    reviewed = reader.date("reviewed")
    if index:
        return None if len(errors) > before else CaseNote(
            slug=path.stem, lang=lang, title=title, summary=summary, body=document.body, path=shown,
            reviewed=reviewed, written_first=written_first, body_line=document.body_line)
    provisions = reader.strings("provisions", required=True)
    cites = reader.strings("cites", required=True)
    checked: tuple[tuple[str, list[str]], ...] = (("provisions", provisions), ("cites", cites))
    for key, refs in checked:
        lines = getattr(reader.raw(key), "item_lines", None) or [reader.line(key)] * len(refs)
        for ref, line in zip(refs, lines):
            try:
                parse_citation(ref)
            except ValueError as exc:
                errors.append(InputError(shown, line, f"{key}: {exc}", f"write e.g. {examples.PROVISION_AS_AT}"))
    victims = reader.strings("victims")
    note = CaseNote(
        slug=path.stem, lang=lang, title=title, summary=summary, body=document.body, path=shown,
        court=reader.str("court"), decided=reader.date("decided", required=False),
        date_note=reader.str("date_note", required=False), citation=reader.str("citation", required=False),
        case_number=reader.str("case_number", required=False), parties=reader.str("parties", required=False),
        provisions=tuple(provisions), cites=tuple(cites),
        source_kind=reader.str("source_kind", choices=SOURCE_KINDS), sources=tuple(_sources(reader)),
        victims=tuple(victims), reviewed=reviewed, written_first=written_first, body_line=document.body_line,
        lines={key: reader.line(key) for key in CASE_KEYS if reader.has(key)},
        provision_lines=tuple(getattr(reader.raw("provisions"), "item_lines", None) or ()),
        cite_lines=tuple(getattr(reader.raw("cites"), "item_lines", None) or ()),
    )
    if note.decided is None and not note.date_note:
        reader.error(1, "no decided: date and no date_note",
                     "give the date of the decision, or say in date_note why the sources give none")
    return None if len(errors) > before else note


def _sources(reader: Reader) -> list[CaseSource]:
    out = []
    for item, line in items_of(reader, "sources"):
        sub = Reader(item, reader.path, reader.errors, "sources", line)
        sub.only(SOURCE_KEYS)
        out.append(CaseSource(title=sub.str("title"), publisher=sub.str("publisher"), url=sub.str("url"),
                              kind=sub.str("kind", choices=SOURCE_KINDS), date=sub.date("date", required=False),
                              line=line))
    return out


def load_withheld_names(root: Path, errors: list[InputError]) -> frozenset[str]:
    """reference/withheld-names.yml: `withheld: [{sha256: <hash of the name>, note: why}]` (see
    atipsom.domain.cases.name_hash). A missing file is an empty list."""
    path = root / "reference" / "withheld-names.yml"
    if not path.is_file():
        return frozenset()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        errors.append(InputError(display_path(path, root), None, f"cannot read the list of withheld names: {exc}"))
        return frozenset()
    hashes = []
    for item in data.get("withheld") or []:
        value = str(item.get("sha256", "")) if isinstance(item, dict) else ""
        if len(value) != 64:
            errors.append(InputError(display_path(path, root), None, f"withheld: {item!r} has no sha256 of 64 hex digits",
                                     "python -c \"from atipsom.domain.cases import name_hash; print(name_hash('…'))\""))
            continue
        hashes.append(value.lower())
    return frozenset(hashes)
