"""`atipsom check`: validate the whole tree and report every problem, not only the first (atipsom.app.validate)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from atipsom.app.project import Project
from atipsom.app.validate import validate
from atipsom.domain.errors import InputError


def check_tree(root: Path, *, today: dt.date, shared_sources: Path | None = None) -> list[InputError]:
    """Every problem in what contributors edit, sorted by file and line."""
    return validate(Project(Path(root)), today=today, shared_sources=shared_sources)
