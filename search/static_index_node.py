"""The browser's search (docs/assets/javascripts/atipsom-search/engine.js) run under `node` on a built
search-data/ folder, for tests and benchmarks that compare it with the server's engine without a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

RUNNER = Path(__file__).resolve().parents[1] / "tests" / "js" / "static_search.js"


def node_available() -> bool:
    return shutil.which("node") is not None


def run_static_search(data_dir: Path, queries: list[tuple[str, dict]], timeout: float = 300) -> dict:
    """{"answers": [the API's JSON + "ms"], "files": [data files loaded, in order]} for each (query, options):
    options as window.atipsomSearch takes them ({asAt, kind, lang, limit})."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed")
    job = {"data_dir": str(data_dir), "queries": [[q, o] for q, o in queries]}
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(job), capture_output=True, text=True,
                          timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"node failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)
