"""`atipsom build --no-index` and `--no-site` keep that part of the published generation. In a fresh clone nothing
is published yet (no var/): the build then makes that part after all and says so, instead of ending in a
traceback; once something is published, the flag keeps it as it is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clean_tree import cli_env, write_clean_project


def atipsom(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The command a maintainer types, in its own process (as in a fresh clone: nothing imported before)."""
    return subprocess.run([sys.executable, "-m", "atipsom", "--root", str(root), *args], capture_output=True,
                          text=True, env=cli_env(), cwd=root, timeout=300)


def published(root: Path) -> Path:
    return (root / "var" / "current").resolve()


@pytest.mark.parametrize("flag, part, note", [
    ("--no-index", "index", "no published search index to keep (--no-index), so it is built this time"),
    ("--no-site", "site", "no published site to keep (--no-site), so it is built this time"),
])
def test_a_partial_build_in_a_fresh_clone_builds_everything_and_says_why(tmp_path, flag, part, note):
    root = write_clean_project(tmp_path / "repo", site=True)
    assert not (root / "var").exists()
    result = atipsom(root, "build", "--quiet", flag)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{part}: {note}" in result.stdout
    generation = published(root)
    assert (generation / "site" / "index.html").is_file()
    assert (generation / "site" / "search-data" / "meta.js").is_file()
    assert any((generation / "index").iterdir())
    assert json.loads((generation / "links.json").read_text(encoding="utf-8"))["links"] is not None
    assert part in json.loads((generation / "generation.json").read_text(encoding="utf-8"))["rebuilt"]


def test_once_published_no_index_keeps_the_index_it_has(tmp_path):
    root = write_clean_project(tmp_path / "repo", site=True)
    assert atipsom(root, "build", "--quiet").returncode == 0
    first = published(root)
    index_files = {p.relative_to(first / "index"): p.stat().st_ino for p in (first / "index").rglob("*") if p.is_file()}
    result = atipsom(root, "build", "--quiet", "--no-index")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "so it is built this time" not in result.stdout
    second = published(root)
    assert second != first
    kept = {p.relative_to(second / "index"): p.stat().st_ino for p in (second / "index").rglob("*") if p.is_file()}
    assert kept == index_files  # the same files (hard links), not a new index
    assert json.loads((second / "generation.json").read_text(encoding="utf-8"))["rebuilt"] == ["site"]
