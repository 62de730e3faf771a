"""When files of the repository were added and last changed, from `git log`; nothing when git or the history is
not there (a tarball, the offline zip): the feed then falls back to the dates in the data."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileDates:
    added: dt.datetime
    changed: dt.datetime


def file_dates(root: Path, folders: tuple[str, ...]) -> dict[str, FileDates]:
    """path (from the root) -> when it was first added and last changed, for every file under `folders`."""
    output = _git(root, "log", "--format=@%cI", "--name-only", "--", *folders)
    dates: dict[str, FileDates] = {}
    when: dt.datetime | None = None
    for line in output.splitlines():
        if line.startswith("@"):
            when = dt.datetime.fromisoformat(line[1:])
        elif line.strip() and when is not None:
            known = dates.get(line)
            # newest first: the first date seen is the last change, the last one seen the first commit
            dates[line] = FileDates(added=when, changed=known.changed if known else when)
    return dates


def first_commit_with(root: Path, words: str, path: str) -> dt.datetime | None:
    """The commit that first brought `words` into `path` (git's pickaxe), or None."""
    output = _git(root, "log", "--format=%cI", "-S", words, "--", path)
    lines = [line for line in output.splitlines() if line.strip()]
    return dt.datetime.fromisoformat(lines[-1]) if lines else None


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""
