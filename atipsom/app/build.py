"""`atipsom build`: the search index, the computed links and the site, each built into a new folder
and switched into place only when complete, so a failed or killed build never leaves a broken one."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from atipsom.app.computed_links import compute_links
from atipsom.app.corpus import project_docs
from atipsom.app.project import Project, links_path, load_project
from atipsom.app.project import today as default_today
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.guidance import law_links, resolve_cites
from atipsom.load.annotations import check_annotations
from atipsom.load.guidance import load_guidance
from search.engine import SearchEngine
from search.indexer import build_index


def build_all(project: Project, *, quiet: bool, offline: bool, site: bool, index: bool, today: dt.date,
              full_index: bool = False) -> list[str]:
    """Build what is asked for. Bad input raises InputErrors before anything is written."""
    validate_inputs(project, today)
    report: list[str] = []
    if index:
        report.extend(build_search(project, quiet=quiet, today=today, full=full_index))
    if site:
        started = time.perf_counter()
        target = build_site(project, today=today)
        report.append(f"site: built in {time.perf_counter() - started:.1f} s, serving from {target}")
    if offline:
        started = time.perf_counter()
        archive = build_offline_zip(project, today=today)
        report.append(f"offline site: {archive} ({archive.stat().st_size / 1e6:.1f} MB) "
                      f"in {time.perf_counter() - started:.1f} s; unzip it and open index.html")
    return report


def validate_inputs(project: Project, today: dt.date) -> None:
    """Everything the index and the site are made from loads and resolves; else InputErrors with every problem.

    Checked before either is built, so that bad input never leaves a new index beside an old site.
    (The snapshot and the law-text manifest are not needed to build: `atipsom check` reports those.)
    """
    consolidation = project.consolidation  # raises InputErrors for the statutes and the amending Acts
    errors: list[InputError] = []
    guidance = load_guidance(project.docs_dir / "guidance", project.root, errors)
    for page in guidance:
        law_links(page, consolidation, today, errors)
        resolve_cites(page, consolidation, today, errors)
    errors.extend(check_annotations(project.root, project.statutes, consolidation, guidance, today=today,
                                    require_all=False))
    if errors:
        raise InputErrors(errors)


def build_search(project: Project, *, quiet: bool, today: dt.date, full: bool = False) -> list[str]:
    docs = project_docs(project)
    progress = False if quiet else None
    report = build_index(docs, project.index_dir, progress=progress, full=full)
    lines = [f"index: {report.summary()}"]
    engine = SearchEngine.open(project.index_dir)
    links = compute_links(engine, project, today)
    write_atomic(links_path(project), json.dumps(links, ensure_ascii=False, indent=1))
    computed = sum(1 for link in links["links"] if link["reason"] == "computed")
    lines.append(f"links: {len(links['links'])} provision-guidance links ({computed} computed by similarity) "
                 f"-> {_shown(links_path(project), project.root)}")
    return lines


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the file is served and shipped like the site
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mkdocs_build(project: Project, site_dir: Path, *, today: dt.date, offline: bool) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    previous = {key: os.environ.get(key) for key in ("ATIPSOM_OFFLINE", "ATIPSOM_TODAY", "ATIPSOM_LINKS_FILE")}
    os.environ["ATIPSOM_OFFLINE"] = "true" if offline else "false"
    os.environ["ATIPSOM_TODAY"] = today.isoformat()
    os.environ["ATIPSOM_LINKS_FILE"] = str(links_path(project))
    problems = _LogProblems()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(problems)
    try:
        config = load_config(config_file=str(project.root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        try:
            build(config)
        except (Abort, PluginError) as exc:
            # MkDocs logs the real reason and raises "Aborted with a BuildError!": show the reason
            details = "".join(f"\n  {line}" for line in problems.lines) or f" {exc}"
            raise RuntimeError(f"site build failed:{details}") from None
    finally:
        mkdocs_log.removeHandler(problems)
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class _LogProblems(logging.Handler):
    """Collects the warnings and errors MkDocs logs while it builds (they explain an abort)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.extend(line for line in record.getMessage().splitlines() if line.strip())


PARTIAL = ".partial"


def build_site(project: Project, *, today: dt.date) -> Path:
    """Build into var/site/<stamp>-<pid>.partial/, rename it to var/site/<stamp>/ when complete, then point
    `site` at it with one atomic rename. A build killed midway leaves only a .partial folder, which nothing
    serves and the next build removes."""
    builds = project.root / "var" / "site"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    partial = builds / f"{stamp}-{os.getpid()}{PARTIAL}"
    target = builds / stamp
    try:
        _mkdocs_build(project, partial, today=today, offline=False)
        if not (partial / "index.html").is_file():
            raise RuntimeError("site build produced no index.html")
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    previous = _previous_name(project.site_dir)
    switch_symlink(project.site_dir, target)
    _remove_old_builds(builds, keep={target.name, previous})
    return project.site_dir


def switch_symlink(link: Path, target: Path) -> None:
    """Make `link` point to `target` atomically (a real folder left by an older layout is moved aside first)."""
    if link.exists() and not link.is_symlink():
        aside = link.with_name(f"{link.name}.old-{int(time.time())}")
        link.rename(aside)
        shutil.rmtree(aside, ignore_errors=True)
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(target, link.parent), tmp)
    os.replace(tmp, link)


def _previous_name(link: Path) -> str | None:
    try:
        return Path(os.readlink(link)).name
    except OSError:
        return None


def _remove_old_builds(builds: Path, keep: set) -> None:
    complete = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.endswith(PARTIAL)),
                      key=lambda p: p.name)
    # keep the current build and the one before it (requests in flight may still read it)
    for path in complete[:-2]:
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    # what killed builds left behind (a build still running elsewhere keeps its folder)
    for path in builds.glob(f"*{PARTIAL}"):
        if not _is_running(path.name.removesuffix(PARTIAL).rsplit("-", 1)[-1]):
            shutil.rmtree(path, ignore_errors=True)


def _is_running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def build_offline_zip(project: Project, *, today: dt.date) -> Path:
    """A zip of the whole site that works from files (file://), with no network."""
    dist = project.root / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    archive = dist / "atipsom-navigator-offline.zip"
    with tempfile.TemporaryDirectory(prefix="atipsom-offline-") as tmp:
        site_dir = Path(tmp) / "atipsom-navigator"
        _mkdocs_build(project, site_dir, today=today, offline=True)
        partial = archive.with_suffix(".zip.tmp")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(site_dir.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(Path(tmp)).as_posix())
        os.replace(partial, archive)
    return archive


if __name__ == "__main__":  # pragma: no cover
    for line in build_all(load_project(), quiet="--quiet" in sys.argv, offline="--offline" in sys.argv,
                          site=True, index=True, today=default_today()):
        print(line)
