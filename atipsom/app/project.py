"""The whole project loaded once: statutes, their consolidation, guidance pages and annotations.

The CLI, the HTTP API and the MkDocs plugin all start here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from atipsom.app.generations import Generation, current_generation
from atipsom.domain.amend import Consolidation, consolidate
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.model import Statutes
from atipsom.load.annotations import annotations_folder, load_annotations
from atipsom.load.cases import load_cases
from atipsom.load.guidance import guidance_folder, load_guidance
from atipsom.load.statutes import load_statutes, work_folder


def find_root(start: Path | None = None) -> Path:
    """The repository root. Given (`--root`, or ATIPSOM_ROOT): that folder, which must hold statutes/ (a folder
    with only statutes/ is enough to read the law; building the site also needs mkdocs.yml). Not given: the
    nearest folder above the current one that holds statutes/ and mkdocs.yml."""
    env = os.environ.get("ATIPSOM_ROOT")
    given = start if start is not None else (Path(env) if env else None)
    if given is not None:
        root = given.resolve()
        if not (root / "statutes").is_dir():
            raise FileNotFoundError(f"{given}: not an ATIPSOM Navigator repository (no statutes/ folder in it); "
                                    "give --root the folder that holds statutes/ and mkdocs.yml")
        return root
    here = Path.cwd().resolve()
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
        """The English guidance pages (docs/guidance/)."""
        return load_guidance(guidance_folder(self.docs_dir, "en"), self.root)

    @cached_property
    def guidance_ms(self):
        """The Malay guidance pages (docs/ms/guidance/): the same slugs and ids as their English pages."""
        return load_guidance(guidance_folder(self.docs_dir, "ms"), self.root, lang="ms")

    @cached_property
    def annotations(self):
        return load_annotations(annotations_folder(self.statutes), self.root)

    @cached_property
    def cases(self):
        """The case notes in both languages (docs/cases, docs/ms/cases), index pages included."""
        return load_cases(self.docs_dir, self.root)

    def remember(self, **loaded) -> None:
        """Keep what a validation loaded (statutes, consolidation, guidance, annotations, cases), so that nothing
        is read or consolidated twice in one run."""
        for name, value in loaded.items():
            if name not in ("statutes", "consolidation", "guidance", "guidance_ms", "annotations", "cases"):
                raise AttributeError(name)
            self.__dict__[name] = value

    # -- what `atipsom build` publishes (see atipsom.app.generations) --------------------------------

    @property
    def var_dir(self) -> Path:
        return self.root / "var"

    def published(self) -> Generation | None:
        """The generation readers are served now (None before the first build)."""
        return current_generation(self.var_dir)

    @property
    def index_dir(self) -> Path:
        """The published search index (resolved once: a later build does not pull it from under a reader)."""
        generation = self.published()
        return generation.index_dir if generation else self.var_dir / "current" / "index"

    @property
    def site_dir(self) -> Path:
        """`site`: a link to the published site, for people and tools (the server resolves generations itself)."""
        return self.root / "site"


def shared_sources_dir(project: Project) -> Path | None:
    """The maintainers' copies of the public sources, when they are there: $ATIPSOM_SHARED_SOURCES, or
    ../shared/sources/<the work id without its hyphen>/ beside the repository (act-670: ../shared/sources/act670)."""
    given = os.environ.get("ATIPSOM_SHARED_SOURCES")
    if given:
        folder = Path(given)
    else:
        try:
            work = work_folder(project.statutes_dir).name
        except InputError:
            return None
        folder = project.root.parent / "shared" / "sources" / work.replace("-", "")
    return folder if folder.is_dir() else None


def links_path(project: Project) -> Path:
    """The published provision-guidance links (written by `atipsom build`, read by `atipsom related`)."""
    generation = project.published()
    return generation.links_file if generation else project.var_dir / "current" / "links.json"


def load_project(root: Path | None = None) -> Project:
    return Project(find_root(root))


__all__ = ["Project", "load_project", "find_root", "today", "InputError", "InputErrors"]
