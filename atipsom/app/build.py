"""`atipsom build`: validate everything (the same checks as `atipsom check`), then build the search index, the
provision-guidance links, the law data the API serves and the site into ONE new generation folder, and publish
it with one atomic switch (atipsom.app.generations). A build that finds a problem, fails or is killed publishes
nothing: readers keep the previous generation, whole."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from atipsom.app import generations
from atipsom.app.computed_links import compute_links
from atipsom.app.corpus import project_docs
from atipsom.app.http_security import NGINX_FILE, POLICY_FILE, add_meta_policy, nginx_headers, site_policy
from atipsom.app.project import Project, load_project
from atipsom.app.project import today as default_today
from atipsom.app.staging import build_site as build_staged
from atipsom.app.staging import stage_site
from atipsom.app.validate import require_valid
from search.engine import SearchEngine
from search.indexer import build_index

#: the offline copy, relative to the repository (the publishing workflow attaches it to releases)
OFFLINE_ZIP = "dist/atipsom-navigator-offline.zip"


def build_all(project: Project, *, quiet: bool, offline: bool, site: bool, index: bool, today: dt.date,
              shared_sources: Path | None = None, site_url: str | None = None) -> list[str]:
    """Validate, then build and publish one generation. Any problem raises InputErrors before anything is
    written; `site=False` or `index=False` keep that part of the published generation as it is. `site_url`
    (checked by atipsom.app.site_address) is where the site will be published: its pages' canonical links,
    sitemap and copied citations use it; without it the site still works under any path."""
    started = time.perf_counter()
    require_valid(project, today=today, shared_sources=shared_sources)
    report = [f"checked: no problem found in {time.perf_counter() - started:.1f} s"]
    previous = project.published()
    index, site, notes = parts_to_build(previous, index=index, site=site)
    report.extend(notes)
    partial = generations.new_partial(project.var_dir)
    try:
        if index:
            report.extend(build_search(project, partial, quiet=quiet, today=today))
        else:
            generations.reuse(previous, partial, "index")
            generations.reuse(previous, partial, "links.json")
        copy_law(project, partial / "law")
        if site:
            step = time.perf_counter()
            build_site(project, partial / "site", links_file=partial / "links.json", today=today, site_url=site_url)
            write_policy(partial)
            report.append(f"site: built in {time.perf_counter() - step:.1f} s")
        else:
            for part in ("site", POLICY_FILE, NGINX_FILE):
                generations.reuse(previous, partial, part)
        published = generations.publish(project.var_dir, partial,
                                        _manifest(project, today, site=site, index=index, site_url=site_url))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    link_site(project)
    report.append(f"published: generation {published.name} (site, search index, links and law data), "
                  f"served from {project.site_dir}")
    if offline:
        step = time.perf_counter()
        archive = build_offline_zip(project, today=today, links_file=published.links_file, site_url=site_url)
        report.append(f"offline site: {archive} ({archive.stat().st_size / 1e6:.1f} MB) "
                      f"in {time.perf_counter() - step:.1f} s; unzip it and open index.html")
    return report


def parts_to_build(previous: generations.Generation | None, *, index: bool, site: bool) -> tuple[bool, bool, list[str]]:
    """`--no-index` and `--no-site` keep that part of the published generation; where none is published yet (a
    fresh clone, no var/), there is nothing to keep, so it is built after all and the report says so."""
    notes = []
    if not index and not generations.has_parts(previous, "index", "links.json"):
        index = True
        notes.append("index: no published search index to keep (--no-index), so it is built this time")
    if not site and not generations.has_parts(previous, "site", POLICY_FILE, NGINX_FILE):
        site = True
        notes.append("site: no published site to keep (--no-site), so it is built this time")
    return index, site, notes


def build_search(project: Project, partial: Path, *, quiet: bool, today: dt.date) -> list[str]:
    """The search index, built from scratch into the generation, and the provision-guidance links computed from
    it. Always from scratch: the same content then gives the same scores, rankings and links byte for byte,
    whatever was built before (an index updated in place keeps replaced documents in its statistics)."""
    docs = project_docs(project)
    report = build_index(docs, partial / "index", progress=False if quiet else None, full=True)
    with SearchEngine.open(partial / "index") as engine:
        links = compute_links(engine, project, today)
    (partial / "links.json").write_text(json.dumps(links, ensure_ascii=False, indent=1), encoding="utf-8")
    computed = sum(1 for link in links["links"] if link["reason"] == "computed")
    return [f"index: {report.summary()}",
            f"links: {len(links['links'])} provision-guidance links ({computed} computed by similarity)"]


def write_policy(partial: Path) -> None:
    """The site's Content-Security-Policy (its own origin, its inline scripts by hash): served by `atipsom serve`
    from csp.txt, written as nginx directives, and carried by every page in a <meta> element for static hosts
    that send no headers."""
    policy = site_policy(partial / "site")
    (partial / POLICY_FILE).write_text(policy + "\n", encoding="utf-8")
    (partial / NGINX_FILE).write_text(nginx_headers(policy), encoding="utf-8")
    add_meta_policy(partial / "site", policy)


def copy_law(project: Project, target: Path) -> None:
    """The law files the API answers /api/provisions from, as this generation was built from them."""
    shutil.copytree(project.statutes_dir, target / "statutes",
                    ignore=shutil.ignore_patterns("consolidated", "manifest.yml"))


def link_site(project: Project) -> None:
    """`site` -> var/current/site: made once; every later build switches only `var/current`."""
    wanted = os.path.relpath(project.var_dir / generations.CURRENT / "site", project.root)
    link = project.site_dir
    if link.is_symlink() and os.readlink(link) == wanted:
        return
    generations.switch_symlink(link, project.var_dir / generations.CURRENT / "site")


def _manifest(project: Project, today: dt.date, *, site: bool, index: bool, site_url: str | None) -> dict:
    return {"built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "today": today.isoformat(),
            "commit": _commit(project.root), "rebuilt": [part for part, done in (("site", site), ("index", index))
                                                         if done], "site_url": site_url}


def _commit(root: Path) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


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


def build_site(project: Project, site_dir: Path, *, links_file: Path, today: dt.date, offline: bool = False,
               site_url: str | None = None) -> None:
    """The site into `site_dir` (a folder of the generation being built): staged from the project as loaded and
    consolidated by this build (atipsom.app.staging), then built by MkDocs and sanitized."""
    with tempfile.TemporaryDirectory(prefix="atipsom-staging-") as tmp:
        staged = stage_site(project, today, Path(tmp) / "staging", site_url=site_url, offline=offline,
                            links_file=links_file)
        build_staged(staged, site_dir)


def build_offline_zip(project: Project, *, today: dt.date, links_file: Path, site_url: str | None = None) -> Path:
    """A zip of the whole site that works from files (file://), with no network. Its copied citations give
    the published address (`site_url`) when there is one, else the provision's path: never a file:// address."""
    archive = project.root / OFFLINE_ZIP
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="atipsom-offline-") as tmp:
        site_dir = Path(tmp) / "atipsom-navigator"
        build_site(project, site_dir, links_file=links_file, today=today, offline=True, site_url=site_url)
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
