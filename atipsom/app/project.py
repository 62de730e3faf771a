"""The whole project loaded once: statutes, their consolidation, guidance pages and annotations.

The CLI, the HTTP API and the MkDocs plugin all start here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from atipsom.app.check import check_tree
from atipsom.domain.amend import Consolidation, consolidate
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.model import Statutes
from atipsom.load.annotations import annotations_folder, load_annotations
from atipsom.load.guidance import load_guidance
from atipsom.load.statutes import load_statutes


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder above `start` that holds statutes/ and mkdocs.yml."""
    env = os.environ.get("ATIPSOM_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "statutes").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    package_root = Path(__file__).resolve().parents[1]
    if (package_root / "statutes").is_dir():
        return package_root
    raise FileNotFoundError("no ATIPSOM Navigator repository here (looked for statutes/ and mkdocs.yml)")


def today() -> dt.date:
    """Today's date; ATIPSOM_TODAY=YYYY-MM-DD fixes it (for reproducible builds and tests)."""
    fixed = os.environ.get("ATIPSOM_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


@dataclass
class Project:
    root: Path
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def statutes_dir(self) -> Path:
        return self.root / "statutes"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @cached_property
    def statutes(self) -> Statutes:
        return load_statutes(self.statutes_dir)

    @cached_property
    def consolidation(self) -> Consolidation:
        consolidation = consolidate(self.statutes)
        if consolidation.errors:
            raise InputErrors(list(consolidation.errors))
        return consolidation

    @cached_property
    def guidance(self):
        return load_guidance(self.docs_dir / "guidance", self.root)

    @cached_property
    def annotations(self):
        return load_annotations(annotations_folder(self.statutes), self.root)

    def validate_all(self, today: dt.date) -> None:
        """Raise InputErrors with every problem `atipsom check` would report."""
        errors = check_tree(self.root, today=today)
        if errors:
            raise InputErrors(errors)

    @property
    def index_dir(self) -> Path:
        return Path(os.environ.get("ATIPSOM_INDEX_DIR", self.root / "var" / "index"))

    @property
    def site_dir(self) -> Path:
        return Path(os.environ.get("ATIPSOM_SITE_DIR", self.root / "site"))


def links_path(project: Project) -> Path:
    """The computed provision-guidance links (written by `atipsom build`, read by the site and `related`)."""
    return Path(os.environ.get("ATIPSOM_LINKS_FILE", project.root / "var" / "links.json"))


def load_project(root: Path | None = None) -> Project:
    return Project(find_root(root))


__all__ = ["Project", "load_project", "find_root", "today", "InputError", "InputErrors"]
