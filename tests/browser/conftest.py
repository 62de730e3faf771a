"""End-to-end tests in a real browser (Debian's Chromium, driven by Playwright).

One build for the whole session, exactly as `atipsom build --offline` makes it, but into a temporary
folder (a root holding copies of this repository's statutes, docs and templates: the build refuses
symbolic links in them, as it would in a pull request), so the tests never touch
the repository's own site/, var/ or dist/. `atipsom serve` then serves that build (site and search API)
on a free port, and every page the tests open is watched for requests to any other host.

Everything here skips, with the reason, when /usr/bin/chromium is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ATIPSOM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# what `atipsom build` reads from the repository (copied: the build refuses symbolic links there)
COPIED = ("statutes", "docs", "overrides", "mkdocs.yml", "reference")
ENV_KEYS = ("ATIPSOM_INDEX_DIR", "ATIPSOM_SITE_DIR", "ATIPSOM_LINKS_FILE", "ATIPSOM_ROOT", "ATIPSOM_OFFLINE")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


# --- what the tests report: external requests and the accessibility summary ---------------------------------

@dataclass
class Report:
    pages: int = 0
    external: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    axe: dict[str, dict] = field(default_factory=dict)  # "page type (scheme)" -> counts by impact

    def lines(self) -> list[str]:
        out = [f"pages opened: {self.pages}; requests to other hosts: {len(self.external)}; "
               f"Content-Security-Policy violations: {len(self.csp_violations)}"]
        out.extend(f"  external: {url}" for url in self.external)
        out.extend(f"  CSP: {line}" for line in self.csp_violations)
        if self.axe:
            out.append("axe-core (WCAG 2.0/2.1/2.2 A and AA + best practice), violations by impact:")
            for name, counts in self.axe.items():
                summary = ", ".join(f"{rule} ({impact}, {nodes})" for rule, impact, nodes in counts["rules"]) or "none"
                out.append(f"  {name:28} passes {counts['passes']:3}  violations: {summary}")
        return out


REPORT = Report()


def pytest_terminal_summary(terminalreporter):
    if REPORT.pages or REPORT.axe:
        terminalreporter.section("browser: external requests and accessibility")
        for line in REPORT.lines():
            terminalreporter.write_line(line)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "browser-report.txt").write_text("\n".join(REPORT.lines()) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def report() -> Report:
    return REPORT


# --- the build, the server and the browser ---------------------------------------------------------------

@dataclass(frozen=True)
class Built:
    root: Path  # the temporary project root (links to the repository)
    site: Path  # the site as `atipsom serve` serves it
    offline: Path  # the offline zip, unpacked: open index.html from files
    archive: Path


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's chromium "
                    "(apt-get install chromium, or `make browsers` as root)")
    pytest.importorskip("playwright.sync_api", reason="the browser tests need Playwright (pip install -e '.[test]')")
    return CHROMIUM


@pytest.fixture(scope="session")
def built(tmp_path_factory, chromium) -> Built:
    from atipsom.app.build import build_all
    from atipsom.app.project import Project, today

    reuse = os.environ.get("ATIPSOM_BROWSER_BUILD")  # a root a previous run built: quicker reruns while editing
    if reuse and (Path(reuse) / "dist" / "atipsom-navigator-offline.zip").is_file():
        root = Path(reuse)
        return Built(root=root, site=root / "site", offline=root / "offline" / "atipsom-navigator",
                     archive=root / "dist" / "atipsom-navigator-offline.zip")
    root = Path(reuse) if reuse else tmp_path_factory.mktemp("navigator")
    root.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source, target = REPO / name, root / name
        if target.exists() or not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    if not (root / "atipsom").exists():
        (root / "atipsom").symlink_to(REPO / "atipsom")  # mkdocs.yml watches it (outside what the build checks)
    with pytest.MonkeyPatch.context() as env:
        for key in ENV_KEYS:
            env.delenv(key, raising=False)
        env.setenv("NO_MKDOCS_2_WARNING", "1")
        build_all(Project(root), quiet=True, offline=True, site=True, index=True, today=today())
    archive = root / "dist" / "atipsom-navigator-offline.zip"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(root / "offline")
    return Built(root=root, site=root / "site", offline=root / "offline" / "atipsom-navigator", archive=archive)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"atipsom serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200 and json.load(response).get("status") == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"atipsom serve did not answer {url} within {timeout:.0f} s:\n{log.read_text()}")
        time.sleep(0.05)  # polling for readiness, not waiting a fixed time


@pytest.fixture(scope="session")
def server(built) -> str:
    """`atipsom serve` on a free port, serving the session's build; its base URL."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in ENV_KEYS}
    env["ATIPSOM_ROOT"] = str(built.root)
    log = built.root / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "atipsom", "serve", "--no-build", "--port", str(port)],
                                   env=env, stdout=out, stderr=subprocess.STDOUT, cwd=built.root)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(f"{base}/api/health", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def is_local(url: str, base: str | None) -> bool:
    """Files, inline data and this server: anything else is a request to another host."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about", "chrome-error"):
        return True
    return base is not None and f"{parts.scheme}://{parts.netloc}" == base


class Reader:
    """One reader's browser tab, watched for requests to other hosts."""

    def __init__(self, browser, base: str | None, report: Report, **options):
        self.base = base
        self.report = report
        self.external: list[str] = []
        self.csp_violations: list[str] = []
        self.context = browser.new_context(service_workers="block", **options)
        self.context.set_default_timeout(15_000)
        self.context.on("request", self._request)
        self.page = self.context.new_page()
        self.page.on("framenavigated", self._navigated)
        self.page.on("console", self._console)

    def _request(self, request) -> None:
        if not is_local(request.url, self.base):
            self.external.append(request.url)
            self.report.external.append(request.url)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")
            self.report.csp_violations.append(f"{self.page.url}: {message.text}")

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.report.pages += 1

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def open(self, path: str):
        self.page.goto(self.url(path) if self.base else path)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_reader(browser, server, report):
    """open_reader(viewport=..., **context options) -> Reader on the served site; closed after the test,
    which fails if any page asked another host for anything."""
    readers: list[Reader] = []

    def make(viewport: dict = DESKTOP, base: str | None = server, **options) -> Reader:
        reader = Reader(browser, base, report, viewport=viewport, **options)
        readers.append(reader)
        return reader

    yield make
    external = [url for reader in readers for url in reader.external]
    violations = [line for reader in readers for line in reader.csp_violations]
    for reader in readers:
        reader.close()
    assert external == [], f"pages asked other hosts for: {external}"
    assert violations == [], "the Content-Security-Policy blocked something:\n" + "\n".join(violations)


@pytest.fixture
def reader(open_reader) -> Reader:
    """A reader at a desktop width, with the clipboard allowed (to read copied citations back)."""
    return open_reader(permissions=["clipboard-read", "clipboard-write"])
