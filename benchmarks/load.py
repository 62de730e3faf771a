#!/usr/bin/env python3
"""Load test of the HTTP search API: uvicorn in a subprocess on a free localhost port, serving a
small generated index (about the size of the real one), driven by concurrent clients for a fixed
time (asyncio: a minimal keep-alive HTTP/1.1 client by default, httpx with --client httpx).

    python benchmarks/load.py                       # 50 clients, 60 s, 2,000 documents
    python benchmarks/load.py --seconds 10 --clients 20 --workers 2
    python benchmarks/load.py --workers 1,2,4       # the same load against 1, 2 and 4 workers, then a summary
    python benchmarks/load.py --real --rebuilds 3   # `atipsom serve` on the real law while it is rebuilt 3 times
    python benchmarks/load.py --real --workers 1,2,4 --seconds 30   # `atipsom serve --workers N` on the real law

Prints requests/s, latency p50/p90/p99/max and the number of errors (any status other than 200,
or a transport error), and the machine's CPUs and load average (other work on it slows every figure).
It stops by itself; the server is stopped at the end, also on Ctrl-C.
Targets: zero errors, p99 < 200 ms. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

INDEX_ENV = "ATIPSOM_LOAD_INDEX"
# uvicorn closes a keep-alive connection idle for 5 s by default; a client that sends on it at that
# moment gets a connection error (seen once in 2,800 httpx requests). Longer than any pause here.
KEEP_ALIVE_SECONDS = 75


def create():
    """The ASGI app the uvicorn workers import (`load:create`, with --factory)."""
    from atipsom.app.api import create_app
    from search.engine import SearchEngine

    index_dir = Path(os.environ[INDEX_ENV])

    class NoLookup:
        def show(self, ref, as_at, lang):
            raise LookupError(f"{ref}: the load test serves search only")

    return create_app(lambda: SearchEngine.open(index_dir), NoLookup())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def query_mix(docs, count: int, seed: int = 670) -> list[dict]:
    from search_speed import EN_PHRASES, EN_WORDS, MS_PHRASES

    rng = random.Random(seed)
    provisions = [d for d in docs if d.kind == "provision"]
    mid = [w for w in EN_WORDS[40:200] if w.isalpha() and len(w) >= 5]
    dates = ["", "2009-06-01", "2012-01-01", "2016-01-01", "2023-03-01"]
    out = []
    for _ in range(count):
        kind = rng.choice(["citation", "term", "two", "phrase", "fuzzy", "prefix", "odd"])
        if kind == "citation":
            q = "s " + rng.choice(provisions).citations[0]
        elif kind == "term":
            q = rng.choice(mid)
        elif kind == "two":
            q = f"{rng.choice(mid)} {rng.choice(mid)}"
        elif kind == "phrase":
            q = f'"{rng.choice(EN_PHRASES + MS_PHRASES)}"'
        elif kind == "fuzzy":
            word = rng.choice(mid)
            q = word[:2] + word[3:]
        elif kind == "prefix":
            q = rng.choice(mid)[:4] + "*"
        else:
            q = rng.choice(['"unbalanced (', "AND OR NOT", "*", "🙂 s 999", "x" * 600, ""])
        params = {"q": q}
        as_at = rng.choice(dates)
        if as_at:
            params["as_at"] = as_at
        if rng.random() < 0.2:
            params["lang"] = rng.choice(["en", "ms"])
        out.append(params)
    return out


async def drive(get, queries: list[dict], clients: int, seconds: float, path: str = "/api/search",
                think_ms: float = 0.0) -> tuple[list[float], int, dict]:
    """`clients` concurrent loops, each sending its next request `think_ms` after the last answer
    (0: at once, the hardest case). `get(path, params)` sends one request and returns its status."""
    latencies: list[float] = []
    errors = 0
    statuses: dict = {}
    stop_at = time.perf_counter() + seconds

    async def worker(number: int) -> None:
        nonlocal errors
        i = number
        while time.perf_counter() < stop_at:
            params = queries[i % len(queries)]
            i += clients
            started = time.perf_counter()
            try:
                status = await get(path, params)
            except Exception as exc:  # a transport error counts as an error, never stops the test
                status = type(exc).__name__
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                errors += 1
            if think_ms:
                await asyncio.sleep(think_ms / 1000 * (0.5 + random.random()))

    await asyncio.gather(*(worker(n) for n in range(clients)))
    return latencies, errors, statuses


async def session(base: str, queries: list[dict], args) -> dict:
    """Warm-up, the client's own ceiling (/api/health, no think time), then the measured run,
    all on the same connections."""
    if args.client == "httpx":
        import httpx

        limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
        client = httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0)

        async def get(path, params):
            return (await client.get(path, params=params)).status_code

        close = client.aclose
    else:
        pool = RawPool(base, args.clients)
        get, close = pool.get, pool.close
    try:
        await drive(get, queries[-200:], args.clients, min(3.0, args.seconds))
        ceiling_seconds = min(5.0, args.seconds)
        ceiling, _, _ = await drive(get, [{}], args.clients, ceiling_seconds, path="/api/health")
        started = time.perf_counter()
        latencies, errors, statuses = await drive(get, queries, args.clients, args.seconds, think_ms=args.think_ms)
        elapsed = time.perf_counter() - started
    finally:
        await close()
    return {"ceiling_rps": len(ceiling) / ceiling_seconds, "latencies": latencies, "errors": errors,
            "statuses": statuses, "elapsed": elapsed}


class RawPool:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: far less CPU per request than
    httpx, so that on a small machine the client does not become the bottleneck it measures."""

    def __init__(self, base: str, size: int):
        self.host, port = base.split("//", 1)[1].split(":")
        self.port = int(port)
        self.idle: asyncio.Queue = asyncio.Queue()
        for _ in range(size):
            self.idle.put_nowait(None)

    async def get(self, path: str, params: dict) -> int:
        from urllib.parse import urlencode

        conn = await self.idle.get()
        try:
            if conn is None:
                conn = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), 30)
            reader, writer = conn
            target = path + ("?" + urlencode(params) if params else "")
            writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await asyncio.wait_for(reader.readexactly(length), 30)
            self.idle.put_nowait(conn)
            return status
        except BaseException:
            if conn is not None:
                conn[1].close()
            self.idle.put_nowait(None)
            raise

    async def close(self) -> None:
        while not self.idle.empty():
            conn = self.idle.get_nowait()
            if conn is not None:
                conn[1].close()


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(base + "/api/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not come up within a minute")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--docs", type=int, default=2000, help="size of the generated index")
    parser.add_argument("--workers", default="1",
                        help="uvicorn worker processes; several, comma-separated (1,2,4), run one after another")
    parser.add_argument("--think-ms", type=float, default=0.0,
                        help="pause of each client between answer and next request (0 = none; the "
                             "pause is drawn between half and one and a half times this)")
    parser.add_argument("--real", action="store_true",
                        help="serve the real project (a copy of it: pages, search and provisions) with `atipsom serve`")
    parser.add_argument("--rebuilds", type=int, default=0,
                        help="with --real: run `atipsom build` this many times during the measured run (a guidance "
                             "sentence changes each time); every request must still succeed")
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw",
                        help="raw (default): a minimal asyncio HTTP/1.1 client; httpx: far more CPU per "
                             "request (on 2 cores it saturates near 150 requests/s, below the server)")
    args = parser.parse_args()
    counts = [int(n) for n in str(args.workers).split(",") if n.strip()]
    rows = []
    for count in counts:
        args.workers = count
        rows.append(real_main(args) if args.real else synthetic_main(args))
    if len(rows) > 1:
        print_summary(rows)


def machine() -> str:
    load = os.getloadavg()
    return f"{os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min)"


def print_summary(rows: list[dict]) -> None:
    print()
    print(f"{'workers':>7} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}  load avg at start")
    for row in rows:
        print(f"{row['workers']:>7} {row['rps']:>11.1f} {row['p50']:>8.1f} {row['p99']:>8.1f} {row['max']:>8.1f} "
              f"{row['errors']:>7}  {row['load']:.1f}")


def _row(workers: int, latencies: list[float], elapsed: float, errors: int, load: float) -> dict:
    return {"workers": workers, "rps": len(latencies) / elapsed, "p50": statistics.median(latencies),
            "p99": percentile(latencies, 0.99), "max": max(latencies), "errors": errors, "load": load}


def synthetic_main(args) -> dict:
    from search_speed import synthetic_docs

    from search.indexer import build_index

    workdir = Path(tempfile.mkdtemp(prefix="search-load-"))
    server = None
    try:
        docs = synthetic_docs(args.docs)
        report = build_index(docs, workdir / "index", progress=False)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, INDEX_ENV: str(workdir / "index")}
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "load:create", "--factory", "--app-dir", str(HERE),
             "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
             "--log-level", "warning", "--no-access-log", "--timeout-keep-alive", str(KEEP_ALIVE_SECONDS)],
            env=env, start_new_session=True,
        )
        wait_until_up(base, server)
        queries = query_mix(docs, 5000)
        load, where = os.getloadavg()[0], machine()
        outcome = asyncio.run(session(base, queries, args))
        outcome.update(load=load, machine=where)
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        shutil.rmtree(workdir, ignore_errors=True)

    latencies, errors, statuses = outcome["latencies"], outcome["errors"], outcome["statuses"]
    elapsed, ceiling_rps = outcome["elapsed"], outcome["ceiling_rps"]
    count = len(latencies)
    think = f", {args.think_ms:.0f} ms think time" if args.think_ms else ", no think time"
    print(f"load test: {args.clients} concurrent clients{think} for {args.seconds:.0f} s against uvicorn "
          f"({args.workers} worker{'s' if args.workers > 1 else ''}), index of {report.documents} documents, "
          f"{args.client} client, {dt.date.today().isoformat()}")
    print(f"  machine       {outcome['machine']}")
    print(f"  client ceiling {ceiling_rps:.0f} requests/s against /api/health with the same clients")
    print(f"  requests      {count} ({count / elapsed:.1f} requests/s)")
    print(f"  latency ms    p50 {statistics.median(latencies):.1f}  p90 {percentile(latencies, 0.90):.1f}  "
          f"p99 {percentile(latencies, 0.99):.1f}  max {max(latencies):.1f}")
    print(f"  errors        {errors}   statuses {dict(sorted(statuses.items(), key=str))}")
    p99 = percentile(latencies, 0.99)
    print(f"  targets       zero errors: {'met' if errors == 0 else 'NOT met'}; "
          f"p99 < 200 ms: {'met' if p99 < 200 else 'NOT met'} ({p99:.0f} ms)")
    return _row(args.workers, latencies, elapsed, errors, outcome["load"])


def real_mix(count: int, seed: int = 670) -> list[tuple[str, dict]]:
    """What readers of the real site ask: pages, searches and provisions, in a fixed random order."""
    rng = random.Random(seed)
    pages = ["/", "/guidance/", "/guidance/how-long-in-a-place-of-refuge/", "/act-670/", "/act-670/sec_44/",
             "/act-670/sec_51/history/", "/act-670/sec_26A/", "/assets/stylesheets/atipsom.css"]
    searches = ["s 51(3)(b)", "place of refuge", "interim protection order", "seksyen 44", "immunity",
                "how long can a victim stay in a shelter", "26A", "compensation", "perintah perlindungan"]
    provisions = ["act-670/sec_44__subsec_2", "s 51(3)(b)", "act-670/sec_25", "act-670/sec_2__def_child"]
    out = []
    for _ in range(count):
        kind = rng.choice(["page", "page", "search", "search", "provision"])
        if kind == "page":
            out.append((rng.choice(pages), {}))
        elif kind == "search":
            out.append(("/api/search", {"q": rng.choice(searches), "as_at": rng.choice(["", "2012-01-01"])}))
        else:
            out.append(("/api/provisions/" + quote(rng.choice(provisions), safe="/:@()_"), {}))
    return out


def real_main(args) -> dict:
    """The real project, copied to a temporary folder, built, served by `atipsom serve`, read by `--clients`
    clients for `--seconds`, and rebuilt `--rebuilds` times meanwhile."""
    workdir = Path(tempfile.mkdtemp(prefix="atipsom-load-"))
    root = workdir / "repo"
    for name in ("statutes", "docs", "overrides", "reference"):
        shutil.copytree(REPO / name, root / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "atipsom").symlink_to(REPO / "atipsom")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    atipsom = [sys.executable, "-m", "atipsom", "--root", str(root)]
    server = None
    try:
        subprocess.run([*atipsom, "build", "--quiet"], check=True, env=env, stdout=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([*atipsom, "serve", "--no-build", "--port", str(port), "--workers",
                                   str(args.workers)], env=env, start_new_session=True, stdout=subprocess.DEVNULL)
        wait_until_up(base, server)
        load, where = os.getloadavg()[0], machine()
        outcome, builds = asyncio.run(_real_session(base, real_mix(5000), args, root, atipsom, env))
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
        shutil.rmtree(workdir, ignore_errors=True)
    latencies, errors, statuses = outcome
    count = len(latencies)
    print(f"load test on the real law: {args.clients} concurrent clients for {args.seconds:.0f} s against "
          f"`atipsom serve --workers {args.workers}` (pages, /api/search, /api/provisions), {args.rebuilds} "
          f"rebuild(s) during the run, {dt.date.today().isoformat()}")
    print(f"  machine       {where}")
    for seconds in builds:
        print(f"  rebuild       {seconds:.1f} s (validated, built and published while serving)")
    print(f"  requests      {count} ({count / args.seconds:.1f} requests/s)")
    print(f"  latency ms    p50 {statistics.median(latencies):.1f}  p90 {percentile(latencies, 0.90):.1f}  "
          f"p99 {percentile(latencies, 0.99):.1f}  max {max(latencies):.1f}")
    print(f"  errors        {errors}   statuses {dict(sorted(statuses.items(), key=str))}")
    return _row(args.workers, latencies, args.seconds, errors, load)


async def _real_session(base: str, mix: list[tuple[str, dict]], args, root: Path, atipsom: list[str], env: dict):
    pool = RawPool(base, args.clients)
    latencies: list[float] = []
    statuses: dict = {}
    errors = 0
    stop_at = time.perf_counter() + args.seconds

    async def reader(number: int) -> None:
        nonlocal errors
        i = number
        while time.perf_counter() < stop_at:
            path, params = mix[i % len(mix)]
            i += args.clients
            started = time.perf_counter()
            try:
                status = await pool.get(path, {k: v for k, v in params.items() if v})
            except Exception as exc:
                status = type(exc).__name__
            latencies.append((time.perf_counter() - started) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
            errors += status != 200

    async def rebuilder() -> list[float]:
        spent = []
        page = root / "docs" / "guidance" / "how-long-in-a-place-of-refuge.md"
        for n in range(args.rebuilds):
            await asyncio.sleep(args.seconds / (args.rebuilds + 1) / 2)
            page.write_text(page.read_text(encoding="utf-8") + f"\nA sentence added by rebuild {n + 1}.\n",
                            encoding="utf-8")
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(*atipsom, "build", "--quiet", env=env,
                                                           stdout=asyncio.subprocess.DEVNULL)
            if await process.wait() != 0:
                raise SystemExit("a rebuild failed")
            spent.append(time.perf_counter() - started)
        return spent

    try:
        results = await asyncio.gather(rebuilder(), *(reader(n) for n in range(args.clients)))
    finally:
        await pool.close()
    return (latencies, errors, statuses), results[0]


if __name__ == "__main__":
    main()
