"""The HTTP API (ASGI, Starlette): search, provisions, health, the OpenAPI document, and the built
site as static files.

    app = create_app(lambda: SearchEngine.open(index_dir), lookup, site_dir=Path("site"))

* `engine_factory()` opens the search engine. It is called on the first request that needs it
  and again whenever a build has switched the index (`engine.is_stale()`); the old engine is
  closed a little later, once requests that were using it are done.
* `lookup.show(ref, as_at, lang) -> dict` answers /api/provisions/{ref}; it raises LookupError
  for a reference that names nothing.
* Errors are JSON `{"error": "..."}`: 400 for a bad parameter, 404 for an unknown reference or
  path, 503 when there is no index yet, 500 "internal error" for anything unexpected (details
  go to the server log, never to the client). No CORS headers: the API serves its own site.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from pathlib import Path
from typing import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from atipsom.app.openapi import MAX_Q_PARAM, openapi_document
from search.documents import KINDS, LANGS

log = logging.getLogger("atipsom.api")

MAX_LIMIT = 50
RETIRE_AFTER_SECONDS = 60.0
_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


class BadRequest(ValueError):
    """A parameter the API cannot use; the message is shown to the client."""


class EngineHolder:
    """Opens the engine once, reuses it, and reopens it when the index has been rebuilt."""

    def __init__(self, factory: Callable[[], object]):
        self.factory = factory
        self.engine = None
        self.lock = threading.Lock()
        self.retired: list[tuple[float, object]] = []

    def get(self):
        engine = self.engine
        if engine is not None and not _is_stale(engine):
            return engine
        with self.lock:
            if self.engine is None or _is_stale(self.engine):
                fresh = self.factory()
                if self.engine is not None:
                    self.retired.append((time.monotonic(), self.engine))
                self.engine = fresh
                self._close_retired()
            return self.engine

    def _close_retired(self) -> None:
        now = time.monotonic()
        keep = []
        for retired_at, engine in self.retired:
            if now - retired_at > RETIRE_AFTER_SECONDS:
                close = getattr(engine, "close", None)
                if close:
                    try:
                        close()
                    except Exception:
                        log.exception("closing an old search engine failed")
            else:
                keep.append((retired_at, engine))
        self.retired = keep


def create_app(engine_factory: Callable[[], object], lookup, site_dir: Path | None = None) -> Starlette:
    holder = EngineHolder(engine_factory)
    spec = openapi_document()

    def search(request: Request):
        params = request.query_params
        q = params.get("q")
        if q is None:
            raise BadRequest("the query parameter q is required (it may be empty)")
        if len(q) > MAX_Q_PARAM:
            raise BadRequest(f"q is too long: at most {MAX_Q_PARAM} characters")
        as_at = _date_param(params.get("as_at"))
        kind = params.get("kind") or "all"
        if kind != "all" and kind not in KINDS:
            raise BadRequest(f"unknown kind {kind!r}: use all, {', '.join(KINDS)}")
        lang = _lang_param(params.get("lang"), default=None)
        limit = _limit_param(params.get("limit"))
        engine = holder.get()
        response = engine.search(q, as_at=as_at or dt.date.today(), kind=kind, lang=lang, limit=limit)
        return _json(response.to_json())

    def provision(request: Request):
        ref = request.path_params["ref"]
        params = request.query_params
        as_at = _date_param(params.get("as_at"))
        lang = _lang_param(params.get("lang"), default="en")
        try:
            data = lookup.show(ref, as_at, lang)
        except LookupError as exc:
            return _json({"error": str(exc.args[0]) if exc.args else "not found"}, 404)
        return _json(data)

    def health(request: Request):
        try:
            engine = holder.get()
            return _json({"status": "ok", "index": getattr(engine, "generation", None),
                          "documents": _doc_count(engine)})
        except FileNotFoundError as exc:
            return _json({"status": "unavailable", "error": str(exc)}, 503)

    def openapi(request: Request):
        return _json(spec)

    def unknown_api_path(request: Request):
        return _json({"error": f"no such API endpoint: {request.url.path}"}, 404)

    routes = [
        Route("/api/search", _guarded(search, inline=True), methods=["GET"]),
        Route("/api/provisions/{ref:path}", _guarded(provision), methods=["GET"]),
        Route("/api/health", _guarded(health, inline=True), methods=["GET"]),
        Route("/api/openapi.json", _guarded(openapi, inline=True), methods=["GET"]),
        Route("/api/{rest:path}", unknown_api_path),
        Route("/api", unknown_api_path),
    ]
    if site_dir is not None:
        if Path(site_dir).is_dir():
            routes.append(Mount("/", app=StaticFiles(directory=str(site_dir), html=True)))
        else:
            log.warning("site directory %s does not exist; serving the API only", site_dir)

    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )


def _guarded(endpoint, *, inline: bool = False):
    """Turn failures of an endpoint into JSON errors. A sync endpoint runs in Starlette's thread
    pool; `inline=True` runs it on the event loop instead. Search is inline: it is pure CPU work
    bounded by the engine's time limit, and threads only add switching under the GIL (measured
    with benchmarks/load.py: about 150 requests/s threaded against 225 inline)."""

    def wrapper(request: Request):
        try:
            return endpoint(request)
        except BadRequest as exc:
            return _json({"error": str(exc)}, 400)
        except FileNotFoundError:
            return _json({"error": "the search index is not built yet: run `atipsom build`"}, 503)
        except Exception:
            log.exception("unexpected error in %s", request.url.path)
            return _json({"error": "internal error"}, 500)

    wrapper.__name__ = endpoint.__name__
    if not inline:
        return wrapper

    async def run_inline(request: Request):
        return wrapper(request)

    run_inline.__name__ = endpoint.__name__
    return run_inline


def _json(data: dict, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=_HEADERS)


async def _http_error(request: Request, exc: HTTPException):
    if request.url.path.startswith("/api"):
        return _json({"error": exc.detail or "error"}, exc.status_code)
    return PlainTextResponse(str(exc.detail), status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def _internal_error(request: Request, exc: Exception):
    log.error("unhandled error for %s", request.url.path, exc_info=exc)
    return _json({"error": "internal error"}, 500)


def _date_param(value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"as_at must be a date like 2012-01-01, not {value[:40]!r}") from None


def _lang_param(value: str | None, default: str | None) -> str | None:
    if value is None or value == "":
        return default
    if value not in LANGS:
        raise BadRequest(f"unknown lang {value[:40]!r}: use {' or '.join(LANGS)}")
    return value


def _limit_param(value: str | None) -> int:
    if value is None or value == "":
        return 10
    try:
        limit = int(value)
    except ValueError:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be from 1 to {MAX_LIMIT}")
    return limit


def _is_stale(engine) -> bool:
    check = getattr(engine, "is_stale", None)
    try:
        return bool(check()) if check else False
    except Exception:
        return False


def _doc_count(engine) -> int | None:
    count = getattr(engine, "doc_count", None)
    return count() if count else None
