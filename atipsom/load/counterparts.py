"""The bilingual pages of docs/, paired by path (docs/x.md with docs/ms/x.md), for the counterpart check
(atipsom.domain.counterparts): guidance pages, case notes, the home page and the about pages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from atipsom.domain.cases import CaseNote
from atipsom.domain.counterparts import Pair, Written
from atipsom.domain.errors import InputError
from atipsom.domain.guidance import LAW_LINK_RE
from atipsom.domain.model import GuidancePage
from atipsom.load.files import read_file

#: The folders (under docs/) whose every page is written in both languages; "" is docs/ itself (the home page).
BILINGUAL_FOLDERS = ("", "guidance", "cases", "about")
#: Pages of docs/ itself that are in both languages (the others, e.g. search.md, are the site's interface).
BILINGUAL_TOP = ("index.md",)


def _links(text: str, first_line: int) -> list[tuple[str, int]]:
    return [(match.group("ref"), first_line + offset)
            for offset, line in enumerate(text.split("\n")) for match in LAW_LINK_RE.finditer(line)]


def from_guidance(page: GuidancePage) -> Written:
    lines = page.cite_lines if len(page.cite_lines) == len(page.cites) else (1,) * len(page.cites)
    return Written(page.path, page.lang, tuple(_links(page.summary, page.summary_line) + _links(page.body,
                                                                                                 page.body_line)),
                   tuple(zip(page.cites, lines)), page.written_first, page.written_first_line)


def from_case(note: CaseNote) -> Written:
    lines = note.cite_lines if len(note.cite_lines) == len(note.cites) else (1,) * len(note.cites)
    return Written(note.path, note.lang, tuple(_links(note.summary, note.line_of("summary"))
                                               + _links(note.body, note.body_line)),
                   tuple(zip(note.cites, lines)), note.written_first, note.line_of("written_first"))


def _from_file(path: Path, root: Path, lang: str, errors: list[InputError]) -> Written | None:
    document = read_file(path, root, errors)
    if document is None:
        return None
    meta = document.meta if isinstance(document.meta, dict) else {}
    first = meta.get("written_first")
    line_of = getattr(document.meta, "line_of", None)
    return Written(document.path, lang, tuple(_links(document.body, document.body_line)), (),
                   first if isinstance(first, str) else None, line_of("written_first") if line_of and first else 1)


def bilingual_pairs(root: Path, guidance: Iterable[GuidancePage], cases: Iterable[CaseNote],
                    errors: list[InputError]) -> list[Pair]:
    """Every bilingual page of docs/ in English and Malay (None where a language is missing)."""
    docs = root / "docs"
    written: dict[tuple[str, str], Written] = {}
    for page in guidance:
        written[(page.lang, page.path)] = from_guidance(page)
    for note in cases:
        written[(note.lang, note.path)] = from_case(note)
    for folder in ("", "about"):
        for lang, base in (("en", docs), ("ms", docs / "ms")):
            where = base / folder if folder else base
            names = sorted(p.name for p in where.glob("*.md")) if where.is_dir() else []
            for name in names if folder else [n for n in names if n in BILINGUAL_TOP]:
                path = where / name
                found = _from_file(path, root, lang, errors)
                if found is not None:
                    written[(lang, found.path)] = found
    pairs: dict[str, Pair] = {}
    for lang, shown in sorted(written):
        english_path = shown if lang == "en" else shown.replace("docs/ms/", "docs/", 1)
        malay_path = shown if lang == "ms" else "docs/ms/" + shown.removeprefix("docs/")
        english, malay = written.get(("en", english_path)), written.get(("ms", malay_path))
        if (english is None and (root / english_path).is_file()) or (malay is None and (root / malay_path).is_file()):
            continue  # the page is there but could not be read: its own error says why
        pairs[english_path] = Pair(english_path, malay_path, english, malay)
    return list(pairs.values())


GAPS_FILE = "reference/translation-gaps.yml"


def load_translation_gaps(root: Path, errors: list[InputError]) -> dict[str, int]:
    """The English pages listed as not yet translated (reference/translation-gaps.yml), with their lines."""
    path = root / GAPS_FILE
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        errors.append(InputError(GAPS_FILE, None, f"cannot read the list of untranslated pages: {exc}"))
        return {}
    listed = data.get("untranslated") or []
    lines = {line.strip()[2:].strip(): number for number, line in enumerate(text.split("\n"), 1)
             if line.strip().startswith("- ")}
    return {str(item): lines.get(str(item), 1) for item in listed}
