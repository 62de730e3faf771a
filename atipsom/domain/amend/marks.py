"""Our own words inside an English text, marked inline with ⟦ ⟧ (U+27E6, U+27E7), kept through edits.

A verbatim amendment must find its words across the marks (they are not in the source it quotes),
and words it replaces lose their marking. So edits work on the unmarked text plus one flag per
character ("ours"), and the marks are written back afterwards.
"""

from __future__ import annotations

OPEN, CLOSE = "\u27e6", "\u27e7"


def unmark(text: str) -> tuple[str, list[bool]]:
    """The text without marks, and for each of its characters whether it is ours."""
    plain: list[str] = []
    flags: list[bool] = []
    ours = False
    for char in text:
        if char == OPEN:
            ours = True
        elif char == CLOSE:
            ours = False
        else:
            plain.append(char)
            flags.append(ours)
    return "".join(plain), flags


def mark(plain: str, flags: list[bool]) -> str:
    """The text with each run of our characters marked; spaces at the edges of a run stay outside it."""
    out: list[str] = []
    index = 0
    while index < len(plain):
        if not flags[index]:
            out.append(plain[index])
            index += 1
            continue
        end = index
        while end < len(plain) and flags[end]:
            end += 1
        run = plain[index:end]
        core = run.strip()
        if core:
            lead = run[: len(run) - len(run.lstrip())]
            trail = run[len(run.rstrip()):]
            out.append(f"{lead}{OPEN}{core}{CLOSE}{trail}")
        else:
            out.append(run)
        index = end
    return "".join(out)


def has_marks(text: object) -> bool:
    """True when `text` is words (a string) holding our marks; a missing text or none has none."""
    return isinstance(text, str) and OPEN in text


def splice(plain: str, flags: list[bool], start: int, end: int, insert: str, ours: bool) -> tuple[str, list[bool]]:
    """Replace plain[start:end] by `insert` (its characters ours or not)."""
    return plain[:start] + insert + plain[end:], flags[:start] + [ours] * len(insert) + flags[end:]


def mark_all(text: str) -> str:
    """Every word of `text` ours."""
    return mark(text, [True] * len(text))
