"""Serving many readers (issue 16.6): `atipsom serve --workers N` and the container file.

The story: an NGO runs the navigator for its caseworkers behind its own web server. It starts the container
(Containerfile), which runs `atipsom serve` with two worker processes over the generation built into the image,
as a non-root user on a read-only file system; the container engine asks /api/health every 30 s. When a
maintainer publishes a new build, every worker serves it from the next request; requests for other Host names
are refused by every worker.

Docker cannot pull images on the machines that run these tests: the file is read and checked, and its command
and health check are run here, as the container would run them.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.clean_tree import cli_env, write_clean_project
from tests.conftest import REPO

CONTAINERFILE = REPO / "Containerfile"


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Containerfile/Dockerfile: comments dropped, continued lines joined."""
    out: list[tuple[str, str]] = []
    pending = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        whole = (pending + line).strip()
        pending = ""
        keyword, _, rest = whole.partition(" ")
        out.append((keyword.upper(), rest.strip()))
    assert not pending, "the file ends in a continued line"
    return out


def final_stage(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    starts = [i for i, (keyword, _) in enumerate(found) if keyword == "FROM"]
    return found[starts[-1]:]


def env_of(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in stage:
        if keyword == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def exec_form(rest: str) -> list[str]:
    """The JSON (exec) form of CMD or HEALTHCHECK ... CMD: a shell form would need a shell in the image."""
    command = json.loads(rest[rest.index("["):])
    assert isinstance(command, list) and all(isinstance(part, str) for part in command)
    return command


# --- the file (fast) ---------------------------------------------------------------------------------------------

def test_the_container_runs_as_a_non_root_user_on_python_311_slim():
    found = instructions(CONTAINERFILE)
    stage = final_stage(found)
    assert all(rest.split()[0] == "python:3.11-slim" for keyword, rest in found if keyword == "FROM")
    users = [rest for keyword, rest in stage if keyword == "USER"]
    assert users, "the image must not run as root"
    name = users[-1].split(":")[0]
    assert name not in ("root", "0")
    assert name == "10001"  # numeric: Kubernetes' runAsNonRoot can check it
    assert any(keyword == "RUN" and "useradd" in rest and "10001" in rest for keyword, rest in stage)
    assert not any(keyword == "VOLUME" for keyword, _ in stage)  # nothing to write: a read-only root works


def test_the_container_serves_the_generation_built_into_it():
    stage = final_stage(instructions(CONTAINERFILE))
    command = exec_form(next(rest for keyword, rest in stage if keyword == "CMD"))
    assert command[:3] == ["atipsom", "serve", "--no-build"]  # never builds at start: the file system is read-only
    env = env_of(stage)
    copied = [rest for keyword, rest in stage if keyword == "COPY"]
    assert any(rest.split()[-1].rstrip("/") == env["ATIPSOM_ROOT"] + "/var" for rest in copied)
    assert int(env["ATIPSOM_WORKERS"]) >= 2


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_the_health_check_asks_the_servers_own_health_endpoint(tmp_path):
    from starlette.testclient import TestClient

    from atipsom.app.openapi import openapi_document
    from atipsom.app.project import Project
    from atipsom.app.server import create_server_app

    health = next(rest for keyword, rest in final_stage(instructions(CONTAINERFILE)) if keyword == "HEALTHCHECK")
    path = re.search(r"https?://127\.0\.0\.1:\d+(/[^'\"\s]*)", health).group(1)
    assert path == "/api/health"
    assert path in openapi_document()["paths"]
    # nothing built yet: the endpoint answers, and the health check fails (the container is not healthy)
    with TestClient(create_server_app(Project(tmp_path)), base_url="http://127.0.0.1") as client:
        answer = client.get(path)
    assert answer.status_code == 503 and answer.json()["status"] == "unavailable"


# --- running it (slow: a build and servers in subprocesses) ---------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(base: str, process: subprocess.Popen, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}: {process.stdout.read()}")
        try:
            answer = httpx.get(base + "/api/health", timeout=2.0)
            if answer.status_code == 200:
                return answer.json()
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not answer /api/health within a minute")


def _stop(process: subprocess.Popen) -> None:
    """Ctrl+C to the server's process group (it and its workers); every process must be gone."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise AssertionError("the server did not stop on Ctrl+C") from None


def _workers(process: subprocess.Popen) -> list[int]:
    """The uvicorn worker processes the server started (Linux /proc: children running multiprocessing's spawn)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == process.pid and "spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def _fresh_gets(base: str, count: int, host: str | None = None) -> list[httpx.Response]:
    """`count` requests, each on a new connection (so the kernel spreads them over the workers)."""
    headers = {"Host": host} if host else {}
    return [httpx.get(base + "/api/health", headers=headers, timeout=10.0) for _ in range(count)]


def _files(root: Path) -> dict[str, float]:
    return {str(p.relative_to(root)): p.lstat().st_mtime for p in root.rglob("*")}


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    root = write_clean_project(tmp_path_factory.mktemp("served") / "repo", site=True)
    done = subprocess.run([sys.executable, "-m", "atipsom", "--root", str(root), "build", "--quiet"], env=cli_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return root


@pytest.mark.slow
def test_the_containers_command_serves_a_built_generation_and_passes_its_health_check(built_project):
    stage = final_stage(instructions(CONTAINERFILE))
    command = exec_form(next(rest for keyword, rest in stage if keyword == "CMD"))
    health = exec_form(next(rest for keyword, rest in stage if keyword == "HEALTHCHECK"))
    port = _free_port()
    env = {**cli_env(), **env_of(stage), "ATIPSOM_ROOT": str(built_project), "PATH": os.environ["PATH"]}
    command = [sys.executable, "-m", "atipsom", *command[1:]]
    command[command.index("--port") + 1] = str(port)
    command[command.index("--host") + 1] = "127.0.0.1"  # 0.0.0.0 in the container; here only this machine
    before = _files(built_project)
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        _wait_for_health(f"http://127.0.0.1:{port}", server)
        assert len(_workers(server)) == int(env["ATIPSOM_WORKERS"])
        check = [sys.executable if part == "python" else part.replace(":8000/", f":{port}/") for part in health]
        assert subprocess.run(check, timeout=30).returncode == 0
        page = httpx.get(f"http://127.0.0.1:{port}/act-670/sec_44/", timeout=10.0)
        assert page.status_code == 200 and "atp-law" in page.text
    finally:
        _stop(server)
    assert _files(built_project) == before, "serving wrote to the project: a read-only file system would break it"


@pytest.mark.slow
def test_two_workers_serve_the_same_generation_switch_together_and_keep_the_host_allowlist(built_project):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "atipsom", "--root", str(built_project), "serve", "--no-build",
                               "--port", str(port), "--workers", "2", "--allow-host", "navigator.example.org"],
                              env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        first = _wait_for_health(base, server)["generation"]
        assert len(_workers(server)) == 2
        answers = _fresh_gets(base, 30)
        assert {a.status_code for a in answers} == {200} and {a.json()["generation"] for a in answers} == {first}
        assert {a.status_code for a in _fresh_gets(base, 10, host="navigator.example.org")} == {200}
        assert {a.status_code for a in _fresh_gets(base, 10, host="evil.example")} == {421}

        page = built_project / "docs" / "guidance" / "interim-protection-order.md"
        page.write_text(page.read_text(encoding="utf-8") + '\n!!! tip "Test"\n    Rebuilt while serving.\n',
                        encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "atipsom", "--root", str(built_project), "build", "--quiet"],
                              env=cli_env(), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        answers = _fresh_gets(base, 30)
        generations = {a.json()["generation"] for a in answers}
        assert len(generations) == 1 and generations != {first}, "every worker serves the new build at once"
        guide = httpx.get(base + "/guidance/interim-protection-order/", timeout=10.0)
        assert "Rebuilt while serving." in guide.text
    finally:
        _stop(server)
    assert _workers(server) == []
