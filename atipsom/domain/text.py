"""The words of a provision in one language, or their absence (issue 11, item 4).

A provision's text is words (a string) or `MISSING`: no source gives them in that language. The body format
writes the missing text `{not available}`, and atipsom.domain.body reads and writes it; nowhere else does the
string stand for it. Headings still carry the string `NOT_AVAILABLE` (their own absent value is to come).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeGuard

#: A heading in a language for which no source gives it (the words of a provision are a `Missing` value instead).
NOT_AVAILABLE = "{not available}"


@dataclass(frozen=True)
class Missing:
    """The words of a provision in a language that no source gives: an absent text, never a string, never law text.

    Decided once at the edges: the body format writes it `{not available}` (atipsom.domain.body parses and writes
    it), and a renderer shows a labelled placeholder. Truthy, so that a missing text is still "a text" wherever the
    shape of a provision is concerned; two missing texts are equal whatever their reason.
    """

    reason: str = field(default="no source gives the words in this language", compare=False)

    def __str__(self) -> str:
        raise TypeError("a missing text has no words: show a placeholder (render/) or write it with body.written()")


#: The missing text (one value; `text is MISSING` or `isinstance(text, Missing)` tells it).
MISSING = Missing()

#: The words of a provision in one language, or their absence.
Text = str | Missing


def is_available(text: str | Missing | None) -> TypeGuard[str]:
    """True for words (a string; a heading's `{not available}` aside), False for a missing text or none."""
    return isinstance(text, str) and text != NOT_AVAILABLE
