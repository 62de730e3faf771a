"""The application served by `atipsom serve`: the published generations (site, search and law) behind the
HTTP hardening, and the uvicorn settings that go with it.

With `--workers N` uvicorn starts N processes, each of which imports the app by name: `app_from_environment`
builds it from two environment variables the parent sets (`serve_environment`). Every worker is stateless
over the same published generation: it reads `var/current` on each request, so one `atipsom build` switches
all of them, and each applies the same Host allowlist."""

from __future__ import annotations

import os
from pathlib import Path

from atipsom.app.api import create_served_app
from atipsom.app.http_security import DEFAULT_HOSTS, json_error_protocol
from atipsom.app.project import Project
from atipsom.app.served import PublishedGenerations

#: the project root whose `var/current` the workers serve, and the Host names they answer for (comma-separated)
ROOT_ENV = "ATIPSOM_SERVE_ROOT"
HOSTS_ENV = "ATIPSOM_SERVE_HOSTS"
#: the factory uvicorn imports in each worker process
APP_FACTORY = "atipsom.app.server:app_from_environment"

#: uvicorn's HTTP protocol, answering what its parser refuses in JSON; named by import string so that worker
#: processes (started fresh, not forked) can load it
JSON_ERROR_PROTOCOL = json_error_protocol()


def create_server_app(project: Project, *, allowed_hosts=DEFAULT_HOSTS):
    """Serves whatever generation `var/current` points at, picking up each new build without a restart."""
    return create_served_app(PublishedGenerations(project.var_dir), allowed_hosts=allowed_hosts)


def serve_environment(project: Project, allowed_hosts: tuple[str, ...]) -> dict[str, str]:
    """What `app_from_environment` reads in each worker."""
    return {ROOT_ENV: str(project.root), HOSTS_ENV: ",".join(allowed_hosts)}


def app_from_environment():
    """The app of one worker process of `atipsom serve --workers N` (uvicorn calls it: `--factory`)."""
    hosts = tuple(name for name in os.environ.get(HOSTS_ENV, "").split(",") if name) or DEFAULT_HOSTS
    return create_server_app(Project(Path(os.environ[ROOT_ENV])), allowed_hosts=hosts)


def allowed_hosts_for(host: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The Host names the server answers for: localhost names and addresses, the address it listens on (unless
    it is a wildcard), and any given with --allow-host."""
    hosts = list(DEFAULT_HOSTS)
    if host not in ("0.0.0.0", "::", ""):
        hosts.append(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    hosts.extend(name.strip().lower() for name in extra if name.strip())
    return tuple(dict.fromkeys(hosts))


def uvicorn_options() -> dict:
    """uvicorn settings: connections kept alive 75 s; requests its parser refuses answered in JSON."""
    return {"http": "atipsom.app.server:JSON_ERROR_PROTOCOL", "timeout_keep_alive": 75, "log_level": "warning"}
