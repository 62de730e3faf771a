"""`atipsom build`: the search index, the computed links and the site, each built into a new folder
and switched into place only when complete, so a failed or killed build never leaves a broken one."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from .project import Project


def build_all(project: Project, *, quiet: bool, offline: bool, site: bool, index: bool, today: dt.date) -> list[str]:
    report: list[str] = []
    if index:
        report.extend(build_search(project, quiet=quiet, today=today))
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


def build_search(project: Project, *, quiet: bool, today: dt.date) -> list[str]:
    from search.corpus import project_docs
    from search.engine import SearchEngine
    from search.indexer import build_index
    from search.links import compute_links

    docs = project_docs(project)
    progress = False if quiet else None
    report = build_index(docs, project.index_dir, progress=progress)
    lines = [f"index: {report.summary()}"]
    engine = SearchEngine.open(project.index_dir)
    links = compute_links(engine, project, today)
    write_atomic(links_path(project), json.dumps(links, ensure_ascii=False, indent=1))
    computed = sum(1 for link in links["links"] if link["reason"] == "computed")
    lines.append(f"links: {len(links['links'])} provision-guidance links ({computed} computed by similarity) "
                 f"-> {links_path(project).relative_to(project.root)}")
    return lines


def links_path(project: Project) -> Path:
    return Path(os.environ.get("ATIPSOM_LINKS_FILE", project.root / "var" / "links.json"))


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _mkdocs_build(project: Project, site_dir: Path, *, today: dt.date, offline: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    previous = {key: os.environ.get(key) for key in ("ATIPSOM_OFFLINE", "ATIPSOM_TODAY", "ATIPSOM_LINKS_FILE")}
    os.environ["ATIPSOM_OFFLINE"] = "true" if offline else "false"
    os.environ["ATIPSOM_TODAY"] = today.isoformat()
    os.environ["ATIPSOM_LINKS_FILE"] = str(links_path(project))
    try:
        config = load_config(config_file=str(project.root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        try:
            build(config)
        except (Abort, PluginError) as exc:
            raise RuntimeError(f"site build failed: {exc}") from None
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_site(project: Project, *, today: dt.date) -> Path:
    """Build into var/site/<stamp>/, then point `site` at it with one atomic rename."""
    builds = project.root / "var" / "site"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = builds / stamp
    try:
        _mkdocs_build(project, target, today=today, offline=False)
        if not (target / "index.html").is_file():
            raise RuntimeError("site build produced no index.html")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    switch_symlink(project.site_dir, target)
    _remove_old_builds(builds, keep={target.name, _previous_name(project.site_dir)})
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
    entries = sorted((p for p in builds.iterdir() if p.is_dir()), key=lambda p: p.name)
    # keep the current build and the one before it (requests in flight may still read it)
    for path in entries[:-2]:
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


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
    from .project import load_project, today

    for line in build_all(load_project(), quiet="--quiet" in sys.argv, offline="--offline" in sys.argv,
                          site=True, index=True, today=today()):
        print(line)
