"""Published generations: everything a reader is served, built together and switched in together.

Layout of `var/` (the project's build folder):

    generations/<name>/            one complete publication:
        site/                      the built site
        index/                     the search index (CURRENT + one index folder, as search.indexer writes it)
        links.json                 the provision-guidance links
        law/statutes/              the law files the API's /api/provisions answers from
        generation.json            what was built, when, from which commit
    generations/<name>.partial/    a generation being built (never served; removed if its build died)
    current -> generations/<name>  THE switch: one symlink, replaced atomically with os.replace

A build fills a `.partial` folder, renames it when complete, then replaces `current`. The server reads
`current` once per request and serves the whole request from that generation (pages, search and law), so a
request never mixes two builds, and a switch never leaves a moment with no site. The generation that was
current before is kept, so that requests that started on it finish; older ones are removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

CURRENT = "current"
GENERATIONS = "generations"
PARTIAL = ".partial"
MANIFEST = "generation.json"
PARTS = ("site", "index", "links.json", "law")


@dataclass(frozen=True)
class Generation:
    """One complete, published generation (a folder under var/generations/)."""

    name: str
    path: Path

    @property
    def site_dir(self) -> Path:
        return self.path / "site"

    @property
    def index_dir(self) -> Path:
        return self.path / "index"

    @property
    def links_file(self) -> Path:
        return self.path / "links.json"

    @property
    def law_root(self) -> Path:
        """A project root holding the law files this generation was built from (`statutes/`)."""
        return self.path / "law"


def current_generation(var_dir: Path) -> Generation | None:
    """The generation `var/current` points at, resolved once (None before the first build)."""
    link = Path(var_dir) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    name = Path(target).name
    path = Path(var_dir) / GENERATIONS / name
    return Generation(name, path) if path.is_dir() else None


def new_partial(var_dir: Path) -> Path:
    """A new, empty folder for a generation being built."""
    folder = Path(var_dir) / GENERATIONS
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S-%f")
        partial = folder / f"{stamp}-{os.getpid()}{PARTIAL}"
        try:
            partial.mkdir()
            return partial
        except FileExistsError:
            time.sleep(0.001)


def has_parts(previous: Generation | None, *parts: str) -> bool:
    """Does the published generation hold all of `parts` (so that a build may keep them)? False before the first
    build (a fresh clone: no var/)."""
    return previous is not None and all((previous.path / part).exists() for part in parts)


def reuse(previous: Generation | None, partial: Path, part: str) -> None:
    """Copy one part of the current generation into the one being built (hard links: no bytes copied).
    Used when a build is asked to rebuild only some parts (`atipsom build --no-site`, `--no-index`)."""
    if previous is None or not (previous.path / part).exists():
        raise FileNotFoundError(f"there is no published {part} to keep: run a full `atipsom build` first")
    source, target = previous.path / part, partial / part
    if source.is_dir():
        shutil.copytree(source, target, copy_function=os.link, symlinks=False)
    else:
        os.link(source, target)


def publish(var_dir: Path, partial: Path, manifest: dict) -> Generation:
    """Finish a generation: check it is complete, write its manifest, rename it, switch `current` to it
    (atomic), and remove generations older than the one it replaces. Raises RuntimeError, leaving the
    current generation served, if a part is missing."""
    missing = [part for part in PARTS if not (partial / part).exists()]
    if not (partial / "site" / "index.html").is_file():
        missing.append("site/index.html")
    if missing:
        raise RuntimeError(f"the new generation is incomplete (no {', '.join(missing)}); the previous one still serves")
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    final = partial.with_name(partial.name.removesuffix(PARTIAL))
    os.rename(partial, final)
    previous = current_generation(var_dir)
    switch_symlink(Path(var_dir) / CURRENT, final)
    remove_old(var_dir, keep={final.name, previous.name if previous else ""})
    return Generation(final.name, final)


def switch_symlink(link: Path, target: Path) -> None:
    """Make `link` point to `target` atomically (a real folder or file in the way is moved aside first)."""
    if link.exists() and not link.is_symlink():
        aside = link.with_name(f"{link.name}.old-{int(time.time())}")
        link.rename(aside)
        shutil.rmtree(aside, ignore_errors=True)
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(target, link.parent), tmp)
    os.replace(tmp, link)


def remove_old(var_dir: Path, keep: set[str]) -> None:
    """Remove complete generations not in `keep`, and partial ones whose build is no longer running."""
    folder = Path(var_dir) / GENERATIONS
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if not path.is_dir() or path.is_symlink():
            continue
        if path.name.endswith(PARTIAL):
            if not _is_running(path.name.removesuffix(PARTIAL).rsplit("-", 1)[-1]):
                shutil.rmtree(path, ignore_errors=True)
        elif path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def partial_generations(var_dir: Path) -> list[Path]:
    folder = Path(var_dir) / GENERATIONS
    return sorted(folder.glob(f"*{PARTIAL}")) if folder.is_dir() else []


def _is_running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
