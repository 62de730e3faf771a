"""Read statutes/ into the model. The only module here that reads statute files.

Every problem in every file is collected; `load_statutes` raises `InputErrors` with all of them.
"""

from __future__ import annotations

from pathlib import Path

from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.model import (
    Statutes,
)
from atipsom.load.amendments import load_amendments
from atipsom.load.english import load_english, load_terms
from atipsom.load.files import display_path
from atipsom.load.sections import check_arrangement, load_sections
from atipsom.load.sources import load_sources
from atipsom.load.work import load_work


def repo_root_of(statutes_dir: Path) -> Path:
    return statutes_dir.resolve().parent


def work_folder(statutes_dir: Path) -> Path:
    """The Act's folder: the one folder of statutes/ with a work.md (its name is the work id, e.g. act-670).
    Raises InputError when there is none or more than one."""
    found = sorted(path.parent for path in Path(statutes_dir).glob("*/work.md"))
    if len(found) != 1:
        shown = ", ".join(display_path(p, repo_root_of(Path(statutes_dir))) for p in found) or "none"
        raise InputError("statutes", None, f"one folder of statutes/ must hold the Act's work.md (found: {shown})",
                         "keep the Act in statutes/<work id>/, with its work.md and one file per section")
    return found[0]


def load_statutes(statutes_dir: Path) -> Statutes:
    """Load and validate the whole tree; raise InputErrors listing every problem found."""
    errors: list[InputError] = []
    statutes_dir = Path(statutes_dir)
    root = repo_root_of(statutes_dir)
    sources = load_sources(statutes_dir / "sources.yml", root, errors)
    try:
        folder = work_folder(statutes_dir)
    except InputError as exc:
        raise InputErrors([*errors, exc]) from None
    work = load_work(folder / "work.md", root, errors, sources)
    sections = load_sections(folder, root, errors, sources)
    amendments = load_amendments(statutes_dir / "amendments", root, errors, sources)
    amendments = load_english(statutes_dir, root, errors, amendments, sources)
    terms = load_terms(statutes_dir, root, errors)
    if work is not None:
        check_arrangement(work, sections, errors, folder)
    if errors or work is None:
        raise InputErrors(errors)
    return Statutes(statutes_dir, work, sections, tuple(amendments), sources, terms)
