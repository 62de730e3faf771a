"""Capture what readers see, so that a refactor can show it changed nothing (or list what changed).

    python tools/reader_outputs.py OUT_DIR            # in a checkout: build, then write the outputs
    diff -r BEFORE_DIR AFTER_DIR                        # compare two captures

It uses only the command line (`atipsom build`, `show`, `history`, `search`, `related`) and the built
site, never the package's modules, so it runs unchanged on both sides of a refactor that moves code.
What it writes (all normalised: fixed today's date, one HTML tag per line):

* `pages/<path>.html`: the HTML of the sample pages listed in SAMPLE_PAGES (30 page types and sections);
* `show/`, `history/`, `related/`: the JSON the CLI prints for SAMPLE_REFS;
* `search/<query id>.json`: the top ten ids of every judged query in tests/eval/queries.yaml;
* `links.json`: the provision-guidance links data; `snapshot.sha256`: a hash of statutes/consolidated/.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

TODAY = "2026-12-05"
SAMPLE_PAGES = [
    "index.html",
    "guidance/index.html",
    "guidance/how-long-in-a-place-of-refuge/index.html",
    "guidance/can-victims-be-charged-with-immigration-offences/index.html",
    "guidance/after-rescue-first-24-hours/index.html",
    "guidance/compensation-from-the-trafficker/index.html",
    "guidance/trafficking-or-smuggling/index.html",
    "act-670/index.html",
    "act-670/timeline/index.html",
    "act-670/as-at/2010-11-15/index.html",
    "act-670/as-at/2008-02-28/index.html",
    "act-670/amendments/act-a1385/index.html",
    "act-670/amendments/act-a1644/index.html",
    "act-670/sec_2/index.html",
    "act-670/sec_2/2010-11-15/index.html",
    "act-670/sec_6/index.html",
    "act-670/sec_13/index.html",
    "act-670/sec_25/index.html",
    "act-670/sec_26A/index.html",
    "act-670/sec_26C/index.html",
    "act-670/sec_44/index.html",
    "act-670/sec_44/2010-11-15/index.html",
    "act-670/sec_44/history/index.html",
    "act-670/sec_44/diff/2008-02-28_2015-11-18/index.html",
    "act-670/sec_51/index.html",
    "act-670/sec_51/history/index.html",
    "act-670/sec_61A/index.html",
    "act-670/sec_66B/index.html",
    "about/sources/index.html",
    "search/index.html",
]
SAMPLE_REFS = ["s 44(2)", "2", "s 51(3)(b)", "26A", "seksyen 44", "act-670/sec_44@2015-11-18",
               "act-670/sec_44__subsec_2:2012-06-01", "61A", "s 66B", "s 2 (child)"]


def run(args: list[str], env: dict) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    return done.stdout if done.returncode == 0 else f"exit {done.returncode}\n{done.stdout}{done.stderr}"


def normalise_html(html: str) -> str:
    html = re.sub(r">\s*<", ">\n<", html)
    return "\n".join(line.rstrip() for line in html.splitlines()) + "\n"


def slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.@:-]+", "_", text)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0]).resolve()
    repo = Path(__file__).resolve().parents[1]
    atipsom = str(repo / ".venv" / "bin" / "atipsom")
    env = {**os.environ, "ATIPSOM_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    os.chdir(repo)
    print(run([atipsom, "build", "--full-index", "--quiet"], env), end="")
    site = repo / "site"
    for page in SAMPLE_PAGES:
        target = out / "pages" / page
        target.parent.mkdir(parents=True, exist_ok=True)
        source = site / page
        target.write_text(normalise_html(source.read_text(encoding="utf-8")) if source.is_file() else "MISSING\n",
                          encoding="utf-8")
    for command in ("show", "history", "related"):
        folder = out / command
        folder.mkdir()
        for ref in SAMPLE_REFS:
            (folder / f"{slug(ref)}.json").write_text(run([atipsom, command, ref, "--json"], env), encoding="utf-8")
    queries = yaml.safe_load((repo / "tests" / "eval" / "queries.yaml").read_text(encoding="utf-8"))
    default_as_at = str(queries.get("defaults", {}).get("as_at", TODAY))
    (out / "search").mkdir()
    for query in queries["queries"]:
        args = [atipsom, "search", query["query"], "--as-at", str(query.get("as_at", default_as_at)), "--json"]
        if query.get("kind"):
            args += ["--kind", query["kind"]]
        if query.get("lang"):
            args += ["--lang", query["lang"]]
        text = run(args, env)
        try:
            ids = [f"{hit['id']}|{hit['lang']}" for hit in json.loads(text)["results"]]
            text = "\n".join(ids) + "\n"
        except (ValueError, KeyError):
            pass
        (out / "search" / f"{query['id']}.txt").write_text(text, encoding="utf-8")
    links = repo / "var" / "links.json"
    if links.is_file():
        shutil.copy(links, out / "links.json")
    digest = hashlib.sha256()
    for path in sorted((repo / "statutes" / "consolidated").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(repo).as_posix().encode() + b"\0" + path.read_bytes())
    (out / "snapshot.sha256").write_text(digest.hexdigest() + "\n", encoding="utf-8")
    print(f"reader outputs written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
