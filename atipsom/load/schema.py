"""Typed reading of front matter: every key checked, every problem an InputError with its line."""

from __future__ import annotations

import builtins
import datetime as dt
import difflib
from collections.abc import Callable, Iterable
from typing import Any

from atipsom.domain.errors import InputError
from atipsom.load.frontmatter import LineDict, as_date


class Reader:
    """Reads keys from one mapping of front matter and collects the problems it finds."""

    def __init__(self, meta: Any, path: str, errors: list[InputError], where: str = "", line: int | None = None):
        self.path = path
        self.errors = errors
        self.where = where
        if isinstance(meta, LineDict):
            self.meta = meta
        elif isinstance(meta, dict):
            self.meta = LineDict(meta)
            self.meta.line, self.meta.key_lines = line or 1, {}
        else:
            self.meta = LineDict()
            self.meta.line, self.meta.key_lines = line or 1, {}
            self.error(line or 1, f"{where or 'front matter'} must be a mapping of keys to values",
                       "write 'key: value' lines")

    def line(self, key: str | None = None) -> int:
        return self.meta.line_of(key) if key else self.meta.line

    def name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def error(self, line: int | None, message: str, hint: str = "") -> None:
        self.errors.append(InputError(self.path, line, message, hint))

    def only(self, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in self.meta:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(allowed)
                self.error(self.line(key), f"unknown key '{self.name(str(key))}'", hint)

    def has(self, key: str) -> bool:
        return key in self.meta and self.meta[key] is not None

    def raw(self, key: str, default: Any = None) -> Any:
        return self.meta.get(key, default)

    def _missing(self, key: str, hint: str) -> None:
        self.error(self.line(), f"missing key '{self.name(key)}'", hint)

    def str(self, key: str, *, required: bool = True, default: str = "", hint: str = "",
            choices: Iterable[str] | None = None) -> str:
        if key not in self.meta or self.meta[key] is None:
            if required:
                self._missing(key, hint or f"add '{key}: …'")
            return default
        value = self.meta[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.error(self.line(key), f"key '{self.name(key)}': expected text, got {type(value).__name__}",
                       hint or "quote the value")
            return default
        if choices is not None:
            choices = list(choices)
            if value not in choices:
                close = difflib.get_close_matches(value, choices, n=1)
                self.error(self.line(key), f"key '{self.name(key)}': {value!r} is not one of {', '.join(choices)}",
                           hint or (f"did you mean '{close[0]}'?" if close else ""))
                return default
        return value

    def quoted_number(self, key: builtins.str, *, required: bool = True) -> builtins.str:
        value = self.meta.get(key)
        if value is None:
            if required:
                self._missing(key, f"add '{key}: \"…\"' (quoted)")
            return ""
        if not isinstance(value, builtins.str):
            self.error(self.line(key), f"key '{self.name(key)}': expected a quoted number like \"26A\", "
                                       f"got {type(value).__name__} {value!r}", f"write {key}: \"{value}\"")
            return str(value)
        return value

    def date(self, key: builtins.str, *, required: bool = True) -> dt.date | None:
        value = self.meta.get(key)
        if value is None:
            if required:
                self._missing(key, "write the date as YYYY-MM-DD")
            return None
        date = as_date(value)
        if date is None:
            self.error(self.line(key), f"key '{self.name(key)}': expected a date YYYY-MM-DD, got {value!r}",
                       "write the date as YYYY-MM-DD, unquoted")
        return date

    def int(self, key: builtins.str, *, required: bool = True) -> int | None:
        value = self.meta.get(key)
        if value is None:
            if required:
                self._missing(key, f"add '{key}: <number>'")
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(self.line(key), f"key '{self.name(key)}': expected a whole number, got {value!r}")
            return None
        return value

    def list(self, key: builtins.str, *, required: bool = False) -> list:
        value = self.meta.get(key)
        if value is None:
            if required:
                self._missing(key, f"add '{key}:' with a list")
            return []
        if not isinstance(value, list):
            self.error(self.line(key), f"key '{self.name(key)}': expected a list, got {type(value).__name__}",
                       "write one '- item' per line")
            return []
        return value

    def strings(self, key: builtins.str, *, required: bool = False) -> builtins.list[builtins.str]:
        items = self.list(key, required=required)
        out = []
        for index, item in enumerate(items):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, builtins.str):
                lines = getattr(items, "item_lines", None)
                self.error(lines[index] if lines else self.line(key),
                           f"key '{self.name(key)}': item {index + 1} must be text", "quote it")
                continue
            out.append(item)
        return out

    def sub(self, key: builtins.str, *, required: bool = True, hint: builtins.str = "") -> Reader | None:
        value = self.meta.get(key)
        if value is None:
            if required:
                self._missing(key, hint or f"add '{key}:' with its keys")
            return None
        if not isinstance(value, dict):
            self.error(self.line(key), f"key '{self.name(key)}': expected keys under it, got {type(value).__name__}")
            return None
        return Reader(value, self.path, self.errors, self.name(key), self.line(key))

    def per_lang(self, key: builtins.str, langs: Iterable[builtins.str] = ("en", "ms"), *, required: bool = True,
                 convert: Callable[[Reader, builtins.str], Any] | None = None) -> dict[builtins.str, Any]:
        reader = self.sub(key, required=required)
        if reader is None:
            return {}
        reader.only(langs)
        out = {}
        for lang in langs:
            if convert is None:
                out[lang] = reader.str(lang, required=required)
            else:
                out[lang] = convert(reader, lang)
        return out


def items_of(reader: Reader, key: str) -> list[tuple[Any, int]]:
    """A list under `key` with the line of each item."""
    items = reader.list(key)
    lines = getattr(items, "item_lines", None) or [reader.line(key)] * len(items)
    return list(zip(items, lines))
