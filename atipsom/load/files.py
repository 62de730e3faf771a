"""Reading contributors' files: one file split into front matter and body, or every file of a folder,
with each problem collected as an InputError that names the file as the contributor sees it."""

from __future__ import annotations

import os
from pathlib import Path

from atipsom.domain.errors import InputError, InputErrors
from atipsom.load.frontmatter import read_document


def display_path(path: Path | str, root: Path | None = None) -> str:
    """A path as a contributor sees it: relative to the repository root. Never where a symbolic link points,
    and never an absolute path of the machine (a path outside the repository shows as its file name)."""
    path = Path(path)
    if root is None:
        return path.as_posix()
    for base, full in ((os.path.abspath(root), os.path.abspath(path)),
                       (os.path.realpath(root), os.path.join(os.path.realpath(path.parent), path.name))):
        try:
            return Path(full).relative_to(base).as_posix()
        except ValueError:
            continue
    return path.name if path.is_absolute() else path.as_posix()


def read_file(path: Path, root: Path, errors: list[InputError]):
    """A file split into front matter and body, or None with the problem added to `errors`."""
    shown = display_path(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(InputError(shown, None, f"cannot read file: {exc.strerror}"))
        return None
    try:
        return read_document(raw, shown)
    except InputError as exc:
        errors.append(exc)
        return None


def load_folder(folder: Path, root: Path, load_one, errors: list[InputError] | None, *, key=None) -> list:
    """Load every Markdown file of a folder with `load_one(path, root, errors)`, skipping broken ones.

    Problems are added to `errors`; without an `errors` list they are raised together as InputErrors.
    """
    collect = errors if errors is not None else []
    items = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.md"), key=key):
            item = load_one(path, root, collect)
            if item is not None:
                items.append(item)
    if errors is None and collect:
        raise InputErrors(collect)
    return items
