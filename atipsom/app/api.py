"""The HTTP API (ASGI, Starlette): search, provisions, health, the OpenAPI document, and the built site as
static files, all served from ONE generation per request.

    app = create_served_app(PublishedGenerations(var_dir))      # what `atipsom serve` runs
    app = create_app(lambda: SearchEngine.open(index_dir), lookup, site_dir=Path("site"))   # fixed parts

* The source's `current()` is read once per request (`_OneGeneration`); the search engine, the law lookup and
  the static files of that request all come from the generation it returns (atipsom.app.served).
* `lookup.show(ref, as_at, lang) -> dict` answers /api/provisions/{ref}; it raises LookupError for a
  reference that names nothing.
* Parameters are read strictly (atipsom.app.http_params); the whole app sits behind atipsom.app.http_security
  (Host allowlist, CSP and the other security headers, cache policy, relative redirects, size limit).
* Errors are JSON `{"error": "..."}`: 400 for a bad parameter, 404 for an unknown reference or path, 405 with
  `Allow`, 421 for an unknown Host, 503 when nothing is built yet, 500 "internal error" for anything unexpected
  (details go to the server log, never to the client). No CORS headers: the API serves its own site.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route

from atipsom.app.http_params import (
    BadRequest,
    check_ref_date,
    choice_param,
    date_param,
    number_param,
    parse_query_string,
)
from atipsom.app.http_security import DEFAULT_HOSTS, Hardening, site_policy
from atipsom.app.openapi import MAX_Q_PARAM, openapi_document
from atipsom.app.project import today
from atipsom.app.served import FixedGeneration, PublishedGenerations
from search.documents import KINDS, LANGS

log = logging.getLogger("atipsom.api")

MAX_LIMIT = 50
MAX_OFFSET = 450
SEARCH_PARAMS = ("q", "as_at", "kind", "lang", "limit", "offset")
PROVISION_PARAMS = ("as_at", "lang")
_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def create_app(engine_factory: Callable[[], object], lookup, site_dir: Path | None = None, *,
               allowed_hosts=DEFAULT_HOSTS) -> Starlette:
    """The API over fixed parts: an engine factory (reopened when its index is rebuilt in place), a law lookup
    and an optional site folder."""
    return create_served_app(FixedGeneration(engine_factory, lookup, site_dir), allowed_hosts=allowed_hosts)


def create_served_app(source, *, allowed_hosts=DEFAULT_HOSTS):
    """The whole server over a source of generations (`current()` -> atipsom.app.served.Served or None)."""
    spec = openapi_document()
    described: dict[str, dict] = {}  # per Act name (one per generation in practice)

    def generation(request: Request):
        served = request.scope.get("atipsom.generation")
        if served is None:
            raise FileNotFoundError("nothing is built yet")
        return served

    def search(request: Request):
        params = parse_query_string(request.scope.get("query_string", b""), SEARCH_PARAMS)
        q = params.get("q")
        if q is None:
            raise BadRequest("the query parameter q is required (it may be empty)")
        if len(q) > MAX_Q_PARAM:
            raise BadRequest(f"q is too long: at most {MAX_Q_PARAM} characters")
        as_at = date_param(params.get("as_at"))
        kind = choice_param(params.get("kind"), "kind", ("all", *KINDS), "all")
        lang = choice_param(params.get("lang"), "lang", LANGS, None)
        limit = number_param(params.get("limit"), "limit", default=10, low=1, high=MAX_LIMIT)
        offset = number_param(params.get("offset"), "offset", default=0, low=0, high=MAX_OFFSET)
        engine = generation(request).engine()
        response = engine.search(q, as_at=as_at or today(), kind=kind, lang=lang, limit=limit, offset=offset)
        return _json(response.to_json())

    def provision(request: Request):
        params = parse_query_string(request.scope.get("query_string", b""), PROVISION_PARAMS)
        ref = request.path_params["ref"]
        check_ref_date(ref)
        as_at = date_param(params.get("as_at"))
        lang = choice_param(params.get("lang"), "lang", LANGS, "en")
        try:
            data = generation(request).lookup.show(ref, as_at, lang)
        except LookupError as exc:
            return _json({"error": str(exc.args[0]) if exc.args else "not found"}, 404)
        return _json(data)

    def health(request: Request):
        parse_query_string(request.scope.get("query_string", b""), ())
        try:
            served = generation(request)
            engine = served.engine()
            return _json({"status": "ok", "generation": served.name, "index": getattr(engine, "generation", None),
                          "documents": _doc_count(engine)})
        except FileNotFoundError as exc:
            return _json({"status": "unavailable", "error": str(exc)}, 503)

    def openapi(request: Request):
        parse_query_string(request.scope.get("query_string", b""), ())
        served = request.scope.get("atipsom.generation")
        name = getattr(getattr(served, "lookup", None), "act_name", None)
        if name is None:
            return _json(spec)
        try:
            act = name()
        except Exception:  # the law files of this generation do not load: the description stays general
            log.exception("naming the Act of generation %s failed", getattr(served, "name", "?"))
            return _json(spec)
        if act not in described:
            described[act] = openapi_document(act)
        return _json(described[act])

    def unknown_api_path(request: Request):
        return _json({"error": f"no such API endpoint: {request.url.path[:200]}"}, 404)

    async def static(scope, receive, send):
        served = scope.get("atipsom.generation")
        if served is None or served.static is None:
            response = PlainTextResponse("This site is not built yet: run `atipsom build`.", status_code=503)
            await response(scope, receive, send)
            return
        await served.static(scope, receive, send)

    routes = [
        Route("/api/search", _guarded(search, inline=True), methods=["GET", "HEAD"]),
        Route("/api/provisions/{ref:path}", _guarded(provision), methods=["GET", "HEAD"]),
        Route("/api/health", _guarded(health, inline=True), methods=["GET", "HEAD"]),
        Route("/api/openapi.json", _guarded(openapi, inline=True), methods=["GET", "HEAD"]),
        Route("/api/{rest:path}", unknown_api_path),
        Route("/api", unknown_api_path),
        Mount("/", app=static),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error, Exception: _internal_error},
                    middleware=[Middleware(GZipMiddleware, minimum_size=500)])  # pages, API and search data

    def policy_for(scope) -> str:
        served = scope.get("atipsom.generation")
        return served.policy() if served is not None else site_policy(None)

    return Hardening(_OneGeneration(app, source), allowed_hosts=allowed_hosts, policy_for=policy_for)


class _OneGeneration:
    """Reads the source's current generation once per request and hands it to everything that serves it."""

    def __init__(self, app, source):
        self.app = app
        self.source = source

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            scope["atipsom.generation"] = self.source.current()
        await self.app(scope, receive, send)


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


def _json(data: dict, status: int = 200, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers={**_HEADERS, **(headers or {})})


async def _http_error(request: Request, exc: HTTPException):
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405 and "Allow" not in headers:
        headers["Allow"] = "GET, HEAD"
    if request.url.path.startswith("/api"):
        return _json({"error": exc.detail or "error"}, exc.status_code, headers)
    return PlainTextResponse(str(exc.detail), status_code=exc.status_code, headers=headers)


async def _internal_error(request: Request, exc: Exception):
    log.error("unhandled error for %s", request.url.path, exc_info=exc)
    return _json({"error": "internal error"}, 500)


def _doc_count(engine) -> int | None:
    count = getattr(engine, "doc_count", None)
    return count() if count else None


__all__ = ["create_app", "create_served_app", "PublishedGenerations", "BadRequest", "MAX_LIMIT"]
