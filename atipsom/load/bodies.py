"""The law text of a statute file: its English and Malay blocks parsed into provisions, checked to align."""

from __future__ import annotations

from atipsom.domain.body import parse_body, split_languages
from atipsom.domain.errors import InputError
from atipsom.domain.model import (
    LANGS,
    TEXT_STATUSES,
    Provision,
)
from atipsom.load.schema import Reader
from atipsom.refs import ids


def text_status(reader: Reader, lang: str) -> str:
    return reader.str(lang, choices=TEXT_STATUSES)


def read_bodies(document, root_eid: str, root_kind: str, errors: list[InputError],
            root_num: str | None = None) -> dict[str, Provision] | None:
    try:
        blocks = split_languages(document.body, path=document.path, first_line=document.body_line)
    except InputError as exc:
        errors.append(exc)
        return None
    bodies = {}
    for lang in LANGS:
        if lang not in blocks:
            errors.append(InputError(document.path, document.body_line,
                                     f"no '## {'English' if lang == 'en' else 'Bahasa Malaysia'}' block",
                                     "every law text has an English and a Malay block; where no source gives "
                                     "a text, write {not available} as its text"))
            continue
        text, first_line = blocks[lang]
        try:
            bodies[lang] = parse_body(text, root_eid=root_eid, root_kind=root_kind, root_num=root_num,
                                      path=document.path, first_line=first_line)
        except InputError as exc:
            errors.append(exc)
    if len(bodies) == len(LANGS):
        problem = misalignment(bodies["en"], bodies["ms"], document.path)
        if problem:
            errors.append(problem)
    return bodies


ALIGN_HINT = ("the English and Malay texts have the same provisions in the same order; where no source gives a "
              "provision's text in one language, keep the provision and write {not available} as its text")


def misalignment(en: Provision, ms: Provision, path: str) -> InputError | None:
    """The first provision that one language has and the other does not, on its line (None if they align)."""
    for en_child, ms_child in zip(en.children, ms.children):
        if en_child.eid != ms_child.eid:
            return InputError(path, ms_child.line,
                              f"English and Malay texts do not align: the Malay text has {_describe(ms_child)} "
                              f"where the English text has {_describe(en_child)} (line {en_child.line})", ALIGN_HINT)
        deeper = misalignment(en_child, ms_child, path)
        if deeper:
            return deeper
    if len(en.children) != len(ms.children):
        extra, lang, other = ((en.children[len(ms.children)], "English", "Malay") if len(en.children) > len(ms.children)
                              else (ms.children[len(en.children)], "Malay", "English"))
        return InputError(path, extra.line, f"English and Malay texts do not align: the {lang} text has "
                          f"{_describe(extra)}, which the {other} text does not have", ALIGN_HINT)
    return None


def _describe(provision: Provision) -> str:
    segment = provision.eid.rsplit("__", 1)[-1]
    if provision.num:
        return ids.format_eid_citation(provision.eid)
    return f"{{#{segment}}} in {ids.format_eid_citation(provision.eid)}" if "__" in provision.eid else f"{{#{segment}}}"
