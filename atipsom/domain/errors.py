"""One error type for bad input: it names the file, the line and what to fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputError(Exception):
    """A problem in a file a contributor edits.

    >>> str(InputError("statutes/act-670/sec_25.md", 3, "unknown key 'headnig'", "did you mean 'heading'?"))
    "statutes/act-670/sec_25.md:3:1: unknown key 'headnig' (did you mean 'heading'?)"
    """

    path: str
    line: int | None
    message: str
    hint: str = ""
    col: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputErrors(Exception):
    """Several input errors at once: a contributor sees them all, not only the first."""

    def __init__(self, errors: list[InputError]):
        self.errors = sorted(errors, key=lambda e: (e.path, e.line or 0, e.col or 0, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))
