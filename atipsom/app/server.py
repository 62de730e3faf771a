"""The application served by `atipsom serve`: the published generations (site, search and law) behind the
HTTP hardening, and the uvicorn settings that go with it."""

from __future__ import annotations

from atipsom.app.api import create_served_app
from atipsom.app.http_security import DEFAULT_HOSTS, json_error_protocol
from atipsom.app.project import Project
from atipsom.app.served import PublishedGenerations


def create_server_app(project: Project, *, allowed_hosts=DEFAULT_HOSTS):
    """Serves whatever generation `var/current` points at, picking up each new build without a restart."""
    return create_served_app(PublishedGenerations(project.var_dir), allowed_hosts=allowed_hosts)


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
    return {"http": json_error_protocol(), "timeout_keep_alive": 75, "log_level": "warning"}
