"""Static search (the browser's engine over search-data/) against the server's engine, in one run:

* relevance on the judged queries (tests/eval/queries.yaml): MRR@10 and Recall@5 per category;
* bytes: the search data, and what a first search loads (gzip); on a phone-size viewport in Chromium, what a first
  page view and then a first search typed into the header box transfer from `atipsom serve` (the site built here);
* time from query to results in Chromium (once the data a query needs has loaded) on the real corpus and on a
  synthetic corpus of --synthetic provisions (benchmarks/search_speed.py makes it), with its index size.

    .venv/bin/python benchmarks/static_search.py [--worst N] [--synthetic 10000] [--no-chromium] [--no-site]

Builds both indexes into a temporary folder. Relevance runs the browser's engine under node (the same file);
timings run it in Chromium (Debian's, as the browser tests do) from file://.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import relevance  # noqa: E402
from relevance import CATEGORIES, Hit, _eid_of, figures, load_queries, our_search, run  # noqa: E402


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worst", type=int, default=8)
    parser.add_argument("--synthetic", type=int, default=10_000, help="provisions in the synthetic corpus (0: none)")
    parser.add_argument("--no-chromium", action="store_true", help="skip everything that runs in Chromium")
    parser.add_argument("--no-site", action="store_true", help="skip building the site for the bytes of a phone")
    args = parser.parse_args(argv)

    from atipsom.app.corpus import project_docs
    from atipsom.app.project import load_project
    from search.engine import SearchEngine
    from search.indexer import build_index
    from search.static_index import write_static_index
    from search.static_index_node import run_static_search

    queries = load_queries()
    docs = project_docs(load_project(REPO))
    with tempfile.TemporaryDirectory(prefix="atipsom-static-") as tmp:
        data_dir = write_static_index(docs, Path(tmp) / "site")
        build_index(docs, Path(tmp) / "index", progress=False, full=True)
        jobs = [(q.query, {"asAt": q.as_at.isoformat(), "kind": q.kind, "lang": q.lang, "limit": relevance.LIMIT})
                for q in queries]
        static = run_static_search(data_dir, jobs)
        answers = dict(zip([q.id for q in queries], static["answers"], strict=True))

        def static_search(query):
            return [Hit(id=r["id"], kind=r["kind"], section=r["section"], eid=_eid_of(r["id"], r["kind"]),
                        lang=r["lang"]) for r in answers[query.id]["results"]]

        with SearchEngine.open(Path(tmp) / "index", cache_size=0) as engine:
            runs = [run("server", our_search(engine), queries), run("static", static_search, queries)]
        # one first search, alone: what it loads
        first = run_static_search(data_dir, [("magistrate interim protection order", {})])
        first_bytes = sum(gzip_size(data_dir / f"{name}.js") for name in first["files"])
        total_bytes = sum(gzip_size(p) for p in data_dir.iterdir())
        all_bytes = sum(p.stat().st_size for p in data_dir.iterdir())
        firsts = []
        for q in queries:
            files = run_static_search(data_dir, [(q.query, {})])["files"]
            firsts.append(sum(gzip_size(data_dir / f"{name}.js") for name in files))
        chromium = None if args.no_chromium else chromium_times(data_dir, [q.query for q in queries], Path(tmp))
        phone = None if args.no_chromium or args.no_site else phone_bytes(build_site(Path(tmp)))
        synthetic = synthetic_figures(args.synthetic, Path(tmp), args.no_chromium) if args.synthetic else None

    data = figures(runs, queries)
    print(f"Static search vs server API on {len(queries)} judged queries: MRR@10, Recall@5")
    print(f"{'':<14}{'n':>4}  {'server MRR':>11}{'static MRR':>11}{'server R@5':>11}{'static R@5':>11}")
    rows = [("overall", len(queries), data["overall"])] + [
        (c, data["count"][c], data["by_category"][c]) for c in CATEGORIES if c in data["by_category"]]
    for label, count, block in rows:
        print(f"{label:<14}{count:>4}  {block['server']['mrr']:>11.3f}{block['static']['mrr']:>11.3f}"
              f"{block['server']['recall']:>11.3f}{block['static']['recall']:>11.3f}")
    times = sorted(a["ms"] for a in static["answers"])
    print(f"\nnode, per query after the first (data loaded from disk as needed): median "
          f"{statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms")
    print(f"search data: {all_bytes / 1e3:.0f} KB, {total_bytes / 1e3:.0f} KB gzip; a first search for "
          f"'magistrate interim protection order' loads {len(first['files'])} files, {first_bytes / 1e3:.0f} KB gzip; "
          f"over the {len(queries)} judged queries each as a first search: median {statistics.median(firsts) / 1e3:.0f}"
          f" KB, max {max(firsts) / 1e3:.0f} KB gzip (limit 400 KB); a page view without search loads none")
    if phone:
        print(f"phone (390x844, Chromium, `atipsom serve` with gzip): a first page view (home) transfers "
              f"{phone['view'][1] / 1e3:.0f} KB in {phone['view'][0]} files, no search data; then typing "
              f"'{FIRST_QUERY}' into the header box transfers {phone['search'][1] / 1e3:.0f} KB in "
              f"{phone['search'][0]} files ({phone['search_data_files']} of them search data)")
    if chromium:
        print(f"Chromium, real corpus ({len(queries)} judged queries, data loaded): "
              f"median {chromium['median']:.1f} ms, p95 {chromium['p95']:.1f} ms, max {chromium['max']:.1f} ms")
    if synthetic:
        print(f"synthetic corpus: {synthetic['docs']} documents; search data {synthetic['bytes'] / 1e6:.1f} MB, "
              f"{synthetic['gzip'] / 1e6:.2f} MB gzip; built in {synthetic['build_s']:.0f} s")
        for kind, figures_ in synthetic["times"].items():
            print(f"  {kind:<10} median {figures_['median']:.1f} ms, p95 {figures_['p95']:.1f} ms  "
                  f"(first search of the kind loads {figures_['first_kb']:.0f} KB gzip)")
    worst = sorted(queries, key=lambda q: runs[1].per_query[q.id].mrr - runs[0].per_query[q.id].mrr)[:args.worst]
    print("\nLargest losses of static against server (MRR@10 static / server):")
    for q in worst:
        s, v = runs[1].per_query[q.id].mrr, runs[0].per_query[q.id].mrr
        if s >= v:
            break
        print(f"  {q.id:<18} {s:.2f} / {v:.2f}  {q.query!r}")
        print(f"      static: {[h.id for h in runs[1].hits[q.id][:3]]}")
        print(f"      server: {[h.id for h in runs[0].hits[q.id][:3]]}")
    return 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


SCRIPTS = REPO / "docs" / "assets" / "javascripts" / "atipsom-search"
# the search's scripts in the order pages load them (mkdocs.yml extra_javascript), without the header box
ENGINE_SCRIPTS = ("citations.js", "query.js", "analysis.js", "index.js", "phrases.js", "evaluate.js", "snippets.js",
                  "engine.js")


def chromium_times(data_dir: Path, queries: list[str], tmp: Path, options: list[dict] | None = None) -> dict | None:
    """Each query timed in Chromium (performance.now() around window.atipsomSearch), run twice: the first run
    loads the data the query needs, the second is timed (keystroke to results once the data has loaded)."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    page_dir = data_dir.parent
    scripts = page_dir / "assets" / "javascripts" / "atipsom-search"
    scripts.mkdir(parents=True, exist_ok=True)
    for name in ENGINE_SCRIPTS:
        shutil.copyfile(SCRIPTS / name, scripts / name)
    (page_dir / "bench.html").write_text("<!doctype html><title>bench</title>" + "".join(
        f"<script src='assets/javascripts/atipsom-search/{name}'></script>" for name in ENGINE_SCRIPTS), encoding="utf-8")
    jobs = [[q, (options or [{}] * len(queries))[i]] for i, q in enumerate(queries)]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((page_dir / "bench.html").as_uri())
        times = page.evaluate("""async (jobs) => {
            const out = [];
            for (const [q, o] of jobs) {
              await window.atipsomSearch(q, o);
              const t = performance.now();
              await window.atipsomSearch(q, o);
              out.push(performance.now() - t);
            }
            return out;
        }""", jobs)
        browser.close()
    return {"median": statistics.median(times), "p95": percentile(times, 0.95), "max": max(times), "all": times}


# -- bytes a phone transfers: a first page view, then a first search typed into the header box -----------------

COPIED = ("statutes", "docs", "overrides", "mkdocs.yml", "reference")  # what `atipsom build` reads (as conftest)
PHONE = {"width": 390, "height": 844}
FIRST_QUERY = "magistrate interim protection order"


def build_site(tmp: Path) -> Path:
    """The site and index built as `atipsom build` makes them, into a root that copies this repository's inputs."""
    from atipsom.app.build import build_all
    from atipsom.app.project import Project, today

    root = tmp / "navigator"
    root.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copyfile(source, root / name)
    (root / "atipsom").symlink_to(REPO / "atipsom")
    build_all(Project(root), quiet=True, offline=False, site=True, index=True, today=today())
    return root


def phone_bytes(root: Path) -> dict | None:
    """`atipsom serve` (gzip, as readers get it) on the built root; Chromium at phone size opens the home page,
    then a reader types FIRST_QUERY into the header box: the bytes each step transfers (bodies as sent)."""
    import os
    import socket
    import subprocess
    import time
    import urllib.request

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATIPSOM_")} | {"ATIPSOM_ROOT": str(root)}
    server = subprocess.Popen([sys.executable, "-m", "atipsom", "serve", "--no-build", "--port", str(port)],
                              env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport=PHONE)
            seen: list = []
            page.on("requestfinished", lambda request: seen.append(request))

            def transferred(requests) -> tuple[int, int]:
                return len(requests), sum(r.sizes()["responseBodySize"] for r in requests)

            page.goto(base + "/")
            page.wait_for_load_state("networkidle")
            view = transferred(list(seen))
            page_files = len(seen)
            page.keyboard.press("/")
            page.locator("#atp-search-input").press_sequentially(FIRST_QUERY)
            page.locator("#atp-search-list [role=option]").first.wait_for(timeout=30_000)
            page.wait_for_load_state("networkidle")
            search = transferred(seen[page_files:])
            data = [r.url for r in seen[page_files:] if "/search-data/" in r.url]
            browser.close()
        return {"view": view, "search": search, "search_data_files": len(data)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def synthetic_figures(count: int, tmp: Path, no_chromium: bool) -> dict:
    import time

    from search_speed import make_queries, synthetic_docs

    from search.static_index import write_static_index
    from search.static_index_node import run_static_search

    docs = synthetic_docs(count)
    started = time.perf_counter()
    data_dir = write_static_index(docs, tmp / "synthetic")
    build_s = time.perf_counter() - started
    queries = make_queries(docs, 20)
    times = {}
    for kind, items in queries.items():
        jobs = [(text, {"asAt": when.isoformat()}) for text, when in items]
        files = run_static_search(data_dir, jobs[:1])["files"]
        first_kb = sum(gzip_size(data_dir / f"{name}.js") for name in files) / 1e3
        if no_chromium:
            answers = run_static_search(data_dir, jobs + jobs)["answers"][len(jobs):]
            measured = {"median": statistics.median(a["ms"] for a in answers),
                        "p95": percentile([a["ms"] for a in answers], 0.95)}
        else:
            measured = chromium_times(data_dir, [t for t, _ in jobs], tmp / "synthetic", [o for _, o in jobs]) or {}
        times[kind] = {"median": measured.get("median", 0.0), "p95": measured.get("p95", 0.0), "first_kb": first_kb}
    return {"docs": len(docs), "bytes": sum(p.stat().st_size for p in data_dir.iterdir()),
            "gzip": sum(gzip_size(p) for p in data_dir.iterdir()), "build_s": build_s, "times": times}


if __name__ == "__main__":
    raise SystemExit(main())
