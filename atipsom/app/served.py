"""What the server serves, one generation at a time.

The HTTP app asks its source for the current generation ONCE per request (atipsom.app.api) and serves the whole
request from it: its static site, its search index, its law. `PublishedGenerations` follows `var/current`, so
a new build is picked up by the next request, without a restart, and a generation that was switched away from
stays open until the requests that started on it are long done. `FixedGeneration` serves given parts (tests,
benchmarks, a site folder without a build).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from starlette.staticfiles import StaticFiles

from atipsom.app.generations import Generation, current_generation
from atipsom.app.http_security import POLICY_FILE, site_policy
from atipsom.app.project import Project, today
from atipsom.app.views import show
from atipsom.domain.lookup import NotFound
from atipsom.domain.model import is_available
from atipsom.refs.ids import WorkId
from search.engine import SearchEngine

RETIRE_AFTER_SECONDS = 60.0
log = logging.getLogger("atipsom.api")


class Served:
    """One generation as the server uses it: `static` (an ASGI app for the site, or None), `engine()` (the
    search engine, opened on first use, and reopened if its index was rebuilt in place) and
    `lookup.show(ref, as_at, lang)` (the law, loaded on first use)."""

    def __init__(self, name: str, *, engine_factory: Callable[[], object], lookup, site_dir: Path | None):
        self.name = name
        self.lookup = lookup
        self.static = StaticFiles(directory=str(site_dir), html=True) if site_dir is not None else None
        self._engine_factory = engine_factory
        self._engine = None
        self._retired: list[tuple[float, object]] = []
        self._lock = threading.Lock()
        self._policy: str | None = None

    def policy(self) -> str:
        """The Content-Security-Policy of this generation's pages (their inline scripts by hash), read once."""
        if self._policy is None:
            site = Path(str(self.static.directory)) if self.static is not None else None
            written = site.parent / POLICY_FILE if site is not None else None
            if written is not None and written.is_file():
                self._policy = written.read_text(encoding="utf-8").strip()
            else:
                self._policy = site_policy(site)
        return self._policy

    def engine(self):
        engine = self._engine
        if engine is not None and not _is_stale(engine):
            return engine
        with self._lock:
            if self._engine is None or _is_stale(self._engine):
                fresh = self._engine_factory()  # FileNotFoundError when there is no index: the API says 503
                if self._engine is not None:
                    self._retired.append((time.monotonic(), self._engine))
                self._engine = fresh
                self._retired = _close_after_grace(self._retired, lambda engine: _close(engine, self.name))
            return self._engine

    def close(self) -> None:
        for engine in [self._engine, *(engine for _, engine in self._retired)]:
            _close(engine, self.name)


def _is_stale(engine) -> bool:
    check = getattr(engine, "is_stale", None)
    try:
        return bool(check()) if check else False
    except Exception:
        return False


def _close(engine, name: str) -> None:
    close = getattr(engine, "close", None)
    if close:
        try:
            close()
        except Exception:
            log.exception("closing a search engine of generation %s failed", name)


def _close_after_grace(retired: list, close: Callable) -> list:
    """Close what was retired more than RETIRE_AFTER_SECONDS ago (requests that used it are long done)."""
    now, keep = time.monotonic(), []
    for retired_at, item in retired:
        if now - retired_at > RETIRE_AFTER_SECONDS:
            close(item)
        else:
            keep.append((retired_at, item))
    return keep


class GenerationLookup:
    """/api/provisions/{ref} answered from the law files a generation was built from (loaded once)."""

    def __init__(self, law_root: Path):
        self.law_root = law_root
        self._project: Project | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> Project:
        with self._lock:
            if self._project is None:
                project = Project(self.law_root)
                _ = project.consolidation  # load and consolidate once, before any request reads it
                self._project = project
            return self._project

    def act_name(self) -> str:
        """The Act as its own data names it today: 'Anti-Trafficking in Persons and Anti-Smuggling of Migrants
        Act 2007 [Act 670]'."""
        project = self._loaded()
        work, versions = project.statutes.work, project.consolidation.work_versions
        current = [v for v in versions if v.in_force_from <= today()]
        titles = (current[-1] if current else versions[0]).title
        # the English title, else the Malay (a title no source gives is MISSING, not words)
        title = next((t for t in (titles.get("en"), titles.get("ms"), work.title.get("en"), work.title.get("ms"))
                      if is_available(t) and t), None)
        citation = WorkId.parse(work.id).citation("en")
        return f"{title} [{citation}]" if title else citation

    def show(self, ref: str, as_at: dt.date | None, lang: str) -> dict:
        project = self._loaded()
        try:
            return show(project.statutes, project.consolidation, ref, lang=lang, as_at=as_at, today=today())
        except NotFound as exc:
            raise LookupError(str(exc)) from None


class PublishedGenerations:
    """The generation `var/current` points at, read once per request; one `Served` per generation."""

    def __init__(self, var_dir: Path):
        self.var_dir = Path(var_dir)
        self._served: dict[str, Served] = {}
        self._retired: list[tuple[float, Served]] = []
        self._lock = threading.Lock()

    def current(self) -> Served | None:
        generation = current_generation(self.var_dir)
        if generation is None:
            return None
        served = self._served.get(generation.name)
        if served is not None:
            return served
        with self._lock:
            served = self._served.get(generation.name)
            if served is None:
                served = _serve(generation)
                for old in self._served.values():
                    self._retired.append((time.monotonic(), old))
                self._served = {generation.name: served}
                self._retired = _close_after_grace(self._retired, Served.close)
        return served


def _serve(generation: Generation) -> Served:
    return Served(generation.name, engine_factory=lambda: SearchEngine.open(generation.index_dir),
                  lookup=GenerationLookup(generation.law_root),
                  site_dir=generation.site_dir if generation.site_dir.is_dir() else None)


class FixedGeneration:
    """Serves given parts, always the same: a search engine factory, a law lookup and a site folder."""

    def __init__(self, engine_factory: Callable[[], object], lookup, site_dir: Path | None = None):
        if site_dir is not None and not Path(site_dir).is_dir():
            log.warning("site directory %s does not exist; serving the API only", site_dir)
            site_dir = None
        self.served = Served("fixed", engine_factory=engine_factory, lookup=lookup, site_dir=site_dir)

    def current(self) -> Served:
        return self.served
