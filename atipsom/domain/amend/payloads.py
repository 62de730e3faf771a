"""The words an instruction gives for one language, as typed frozen values.

The loader builds them from the amending Act's YAML (the keys on disk are the field names); the
line of the payload in its file is a field, for error messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Self


@dataclass(frozen=True)
class PayloadBase:
    line: int | None = None  # the payload's line in its file

    def as_written(self) -> dict[str, Any]:
        """The payload as written on disk (every key given, without the line)."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name != "line" and getattr(self, f.name) is not None}

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls) if f.name != "line")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], line: int | None) -> Self:
        return cls(**{key: data[key] for key in cls.keys() if key in data}, line=line)  # noqa: SIM118 (a classmethod)


@dataclass(frozen=True)
class WordsPayload(PayloadBase):
    """substitute_words: old -> new (`at: end`: the words the text ends with)."""

    old: str = ""
    new: str | None = None
    at: str | None = None
    occurrence: str | int | None = None

    @property
    def needle(self) -> str:
        return self.old


@dataclass(frozen=True)
class DeleteWordsPayload(PayloadBase):
    """delete_words: the words to delete."""

    old: str = ""
    occurrence: str | int | None = None

    @property
    def needle(self) -> str:
        return self.old


@dataclass(frozen=True)
class InsertWordsPayload(PayloadBase):
    """insert_words: `words` after (or before) the anchor words."""

    after: str | None = None
    before: str | None = None
    words: str = ""
    occurrence: str | int | None = None

    @property
    def needle(self) -> str:
        return self.after if self.after is not None else (self.before or "")


@dataclass(frozen=True)
class TextPayload(PayloadBase):
    """New provisions in the body format (insert/substitute_provision) or a new long title."""

    text: str = ""


@dataclass(frozen=True)
class SectionPayload(PayloadBase):
    """A whole new section: heading and body."""

    heading: str = ""
    text: str = ""


@dataclass(frozen=True)
class HeadingPayload(PayloadBase):
    """A new Part's heading."""

    heading: str = ""


Payload = WordsPayload | DeleteWordsPayload | InsertWordsPayload | TextPayload | SectionPayload | HeadingPayload
