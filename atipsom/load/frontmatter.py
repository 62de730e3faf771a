"""Read a Markdown file with YAML front matter, keeping line numbers for every key.

MkDocs silently ignores malformed front matter, so statute and guidance files are parsed here:
every problem becomes an `InputError` with the file and the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from atipsom.domain.errors import InputError

MAX_FILE_BYTES = 2_000_000


class LineDict(dict):
    """A mapping from YAML that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list


class _Loader(yaml.SafeLoader):
    """SafeLoader that records line numbers and refuses duplicate keys."""

    line_offset: int = 0  # the line in the whole file of the YAML's first line, less one


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    offset = getattr(loader, "line_offset", 0)
    result = LineDict()
    result.line = node.start_mark.line + 1 + offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + offset
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    offset = getattr(loader, "line_offset", 0)
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + offset
    result.item_lines = [child.start_mark.line + 1 + offset for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"impossible date {node.value!r} ({exc})", node.start_mark
        ) from exc


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML; errors name `path` and the line in the whole file (`first_line` = line of the YAML's first line)."""
    try:
        loader = _Loader(text)
        loader.line_offset = first_line - 1
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        col = (mark.column + 1) if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        problem = str(problem)
        if "'\\t'" in problem or "tab" in problem.lower():
            hint = "indent YAML with spaces, not tabs"
        elif "duplicate key" in problem:
            hint = "each key may appear once; remove or rename one of them"
        elif "impossible date" in problem:
            hint = "write a real date as YYYY-MM-DD"
        elif "mapping values are not allowed" in problem:
            hint = "a value that contains ': ' must be in quotes, e.g. en: \"Taking: a person\""
        else:
            hint = "check the quoting and indentation of this line"
        return _raise(InputError(path, line, f"malformed front matter: {problem}", hint, col))
    except yaml.YAMLError as exc:  # pragma: no cover - other YAML errors carry no mark
        return _raise(InputError(path, first_line, f"malformed front matter: {exc}"))


def _raise(error: InputError):
    raise error


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter and body."""

    path: str
    meta: LineDict
    body: str
    body_line: int  # line number of the body's first line


def decode_text(raw: bytes, path: str) -> str:
    """The text of a file a contributor edits: UTF-8, not binary, not huge; a BOM and CRLF line ends are accepted."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(path, 1, f"file is too large ({len(raw):,} bytes)",
                         f"statute and guidance files are under {MAX_FILE_BYTES:,} bytes; split it or remove pasted data")
    if b"\x00" in raw:
        line, col = _position(raw, raw.index(b"\x00"))
        raise InputError(path, line, "file is binary, not text (it contains a NUL byte)",
                         "save it as UTF-8 Markdown or YAML; images and PDFs do not belong here", col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise InputError(path, line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                         "save the file as UTF-8; the byte is probably a quote or dash from a Windows code page",
                         col) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of a byte offset, 1-based; the column counts characters."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", errors="replace")) + 1


def read_document(raw: bytes, path: str, *, require_front_matter: bool = True) -> Document:
    """Decode and split a file; every way it can be broken is an `InputError`."""
    text = decode_text(raw, path)
    if not text.strip():
        raise InputError(path, 1, "file is empty", "a statute or guidance file starts with '---' front matter")
    if not text.startswith("---\n"):
        if require_front_matter:
            raise InputError(path, 1, "front matter missing", "start the file with a line '---', the YAML keys, and '---'")
        return Document(path, LineDict(), text, 1)
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            heading = next((i + 1 for i, line in enumerate(text.split("\n")) if line.startswith("#")), None)
            where = f", before line {heading} ({text.split(chr(10))[heading - 1].strip()!r})" if heading else ""
            raise InputError(path, 1, "front matter is not closed: no line '---' after the YAML keys",
                             f"add a line '---' after the last YAML key{where}")
    yaml_text = text[4:end + 1]
    meta = load_yaml(yaml_text, path, first_line=2)
    if meta is None:
        meta = LineDict()
        meta.line, meta.key_lines = 2, {}
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(meta, list) else f"a single {type(meta).__name__} value"
        raise InputError(path, 2, f"front matter must be a mapping of keys to values, not {kind}",
                         "write 'key: value' lines, without a leading '- '")
    body_start = end + 5
    body_line = text[:body_start].count("\n") + 1
    if not isinstance(meta, LineDict):  # the loader builds LineDicts; this keeps the type honest
        meta = LineDict(meta)
        meta.line, meta.key_lines = 2, {}
    return Document(path, meta, text[body_start:], body_line)


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
