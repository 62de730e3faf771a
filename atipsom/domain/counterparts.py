"""English and Malay say the same thing: every bilingual page has its counterpart, and the two cite the same law.

A bilingual page (a guidance page, a case note, the home page, an about page) exists at mirrored paths:
`docs/guidance/x.md` and `docs/ms/guidance/x.md`. `atipsom check` reports, each on the file and line where it shows:

* a page without its counterpart (on the page that exists, line 1);
* a `law:` link or a `cites:` entry that one language has and the other has not (on the page that has it, on its
  line: the other page lacks it);
* a pair that does not say which language was written first (`written_first:` on either page, usually the
  translation), or whose two pages say it differently.

A reference that does not resolve is reported as such by the other checks; it is not compared here. While the
translation is under way, an English page on the list of untranslated pages (`gaps`) needs no Malay page yet;
a listed page that has one, or that does not exist, is an error on the list's line (the list only shrinks).

Pure: what the loader read, in; problems out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from atipsom.domain.errors import InputError

LANG_NAMES = {"en": "English", "ms": "Malay"}


@dataclass(frozen=True)
class Written:
    """One language version of a bilingual page, as the check needs it."""

    path: str  # as the contributor sees it: docs/ms/guidance/x.md
    lang: str
    law_links: tuple[tuple[str, int], ...] = ()  # (ref, line) of every `law:` link, summary included
    cites: tuple[tuple[str, int], ...] = ()  # (ref, line) of every `cites:` entry
    written_first: str | None = None
    written_first_line: int = 1


@dataclass(frozen=True)
class Pair:
    english_path: str
    malay_path: str
    english: Written | None
    malay: Written | None


def _differences(one: Written, other: Written, what: str, refs_of: Callable[[Written], Iterable[tuple[str, int]]],
                 resolves: Callable[[str], bool]) -> list[InputError]:
    theirs = {ref for ref, _ in refs_of(other)}
    errors, seen = [], set()
    for ref, line in refs_of(one):
        if ref not in theirs and ref not in seen and resolves(ref):
            seen.add(ref)
            errors.append(InputError(one.path, line, f"{what} '{ref}' is not in the {LANG_NAMES[other.lang]} "
                                     f"page {other.path}",
                                     "the two languages cite the same provisions: add it there, or remove it here"))
    return errors


def counterpart_errors(pairs: list[Pair], resolves: Callable[[str], bool] = lambda ref: True,
                       gaps: Mapping[str, int] | None = None, gaps_file: str = "") -> list[InputError]:
    errors: list[InputError] = []
    gaps = gaps or {}
    by_english = {pair.english_path: pair for pair in pairs}
    for listed, line in gaps.items():
        pair = by_english.get(listed)
        if pair is None or pair.english is None:
            errors.append(InputError(gaps_file, line, f"{listed} is listed as untranslated but does not exist",
                                     "take it off the list"))
        elif pair.malay is not None:
            errors.append(InputError(gaps_file, line, f"{listed} has its Malay counterpart now",
                                     "take it off the list of untranslated pages"))
    for pair in pairs:
        if pair.english is None and pair.malay is None:
            continue
        if pair.malay is None and pair.english_path in gaps:
            continue
        if pair.malay is None:
            errors.append(InputError(pair.english_path, 1, f"no Malay counterpart: {pair.malay_path}",
                                     "every page is in English and Malay: write the Malay page at that path "
                                     "(same file name, lang: ms, the same citations)"))
            continue
        if pair.english is None:
            errors.append(InputError(pair.malay_path, 1, f"no English counterpart: {pair.english_path}",
                                     "every page is in English and Malay: name the Malay page like its English "
                                     "page, or write the English page"))
            continue
        english, malay = pair.english, pair.malay
        for one, other in ((english, malay), (malay, english)):
            errors.extend(_differences(one, other, "law link", lambda w: w.law_links, resolves))
            errors.extend(_differences(one, other, "cites:", lambda w: w.cites, resolves))
        firsts = {english.written_first, malay.written_first} - {None}
        if not firsts:
            errors.append(InputError(malay.path, 1, "written_first: missing",
                                     f"say which language was written first (written_first: en, or ms) on this "
                                     f"page or on {english.path}"))
        elif len(firsts) > 1:
            errors.append(InputError(malay.path, malay.written_first_line,
                                     f"written_first: {malay.written_first}, but {english.path} says "
                                     f"{english.written_first}", "the two pages must say the same"))
    return errors
