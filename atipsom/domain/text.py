"""The words of a provision, a heading or a title in one language, or their absence (issue 11, item 4).

A provision's text, a section's or a Part's heading, the Act's title and an amending Act's short title are
words (a string) or `MISSING`: no source gives them in that language. The files write the missing text
`{not available}` (`NOT_AVAILABLE`); it is translated once, at the edges: atipsom.domain.body reads and writes
it (`read_text`, `written`) for the body format, the loaders for headings and titles, the snapshot and the
manifest for what they write. Nowhere else does the string stand for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeGuard

#: How the files (law files, amending Acts, the snapshot) write a missing text; in the domain it is `MISSING`.
NOT_AVAILABLE = "{not available}"


@dataclass(frozen=True)
class Missing:
    """Words (of a provision, a heading, a title) in a language that no source gives: an absent text, never a
    string, never law text.

    Decided once at the edges: the files write it `{not available}` (`read_text` reads it, `written` writes it),
    and a renderer shows a labelled placeholder. Truthy, so that a missing text is still "a text" wherever the
    shape of a provision is concerned; two missing texts are equal whatever their reason.
    """

    reason: str = field(default="no source gives the words in this language", compare=False)

    def __str__(self) -> str:
        raise TypeError("a missing text has no words: show a placeholder (render/) or write it with body.written()")


#: The missing text (one value; `text is MISSING` or `isinstance(text, Missing)` tells it).
MISSING = Missing()

#: The words of a provision, a heading or a title in one language, or their absence.
Text = str | Missing


def is_available(text: Text | None) -> TypeGuard[str]:
    """True for words (a string), False for a missing text or none."""
    return isinstance(text, str)


def read_text(words: str) -> Text:
    """Words as the files write them: `{not available}` is the missing text, anything else is words."""
    return MISSING if words == NOT_AVAILABLE else words


def written(text: Text) -> str:
    """A text as the files write it (the inverse of `read_text`)."""
    return NOT_AVAILABLE if isinstance(text, Missing) else text


def has_missing_part(words: str) -> bool:
    """True when words as the files write them hold `{not available}` (a source gives only part of them)."""
    return NOT_AVAILABLE in words


def read_texts(texts: Mapping[str, str]) -> dict[str, Text]:
    """A heading or title per language as the files write it, each read with `read_text`."""
    return {lang: read_text(words) for lang, words in texts.items()}


def written_texts(texts: Mapping[str, Text]) -> dict[str, str]:
    """A heading or title per language as the files write it (the inverse of `read_texts`)."""
    return {lang: written(text) for lang, text in texts.items()}
