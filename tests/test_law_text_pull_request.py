"""A pull request that changes a word of the law without a source is stopped by CI.

CI runs `make test`, whose first step is `atipsom check`. Here that step runs on a copy of the real
repository in which one English word of s 25 was changed, as a well-meaning contributor might "fix" it.
The same change made properly (a `corrections` entry naming what the source reads, then
`atipsom manifest` and `atipsom snapshot`) passes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

SECTION = "statutes/act-670/sec_25.md"


def _copy_of_the_repository(target: Path) -> Path:
    for folder in ("statutes", "docs", "reference"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder)
    shutil.copyfile(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def atipsom(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ATIPSOM_")}
    env.update(PYTHONPATH=str(REPO), ATIPSOM_TODAY="2026-11-29")
    return subprocess.run([sys.executable, "-m", "atipsom", "--root", str(root), *args], capture_output=True,
                          text=True, env=env, cwd=root, timeout=300)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unsourced_law_word_fails_the_first_step_of_ci(tmp_path):
    root = _copy_of_the_repository(tmp_path / "repo")
    before = atipsom(root, "check").stdout.splitlines()  # the copy as it is (clean on main)

    _edit(root / SECTION, "- (a) his illegal entry", "- (a) his unlawful entry")
    after = atipsom(root, "check")

    assert after.returncode == 2
    new = [line for line in after.stdout.splitlines() if line not in before]
    # the section file, and the snapshots of both versions of s 25 whose English holds (a): 2008 and 2010 (the
    # English layer renders A1385 s 14 on it, issue 12)
    assert len(new) == 3, new
    assert new[0].startswith(f"{SECTION}:24:1: law text changed without a source record "
                             "(act-670/sec_25#en, from bill-2007-en cl. 25): s 25(a) differs from the recorded text "
                             "(law text changes only with its source: if this corrects a transcription, add a "
                             "`corrections` entry")
    assert new[0].endswith("then run `atipsom manifest`)")
    assert all(line.startswith("statutes/consolidated/act-670/sec_25/") and "snapshot is stale" in line
               for line in new[1:])


def test_the_same_change_with_its_source_record_passes(tmp_path):
    root = _copy_of_the_repository(tmp_path / "repo")
    before = atipsom(root, "check").stdout.splitlines()

    _edit(root / SECTION, "- (a) his illegal entry", "- (a) his unlawful entry")
    _edit(root / SECTION, "corrections:\n", "corrections:\n"
          '  - lang: en\n    source_reads: "his illegal entry"\n    we_read: "his unlawful entry"\n'
          '    reason: "test only: the printed Act reads so (p. 12)"\n')
    recorded = atipsom(root, "manifest")
    assert recorded.returncode == 0, recorded.stderr
    assert atipsom(root, "snapshot").returncode == 0

    after = atipsom(root, "check")
    assert after.stdout.splitlines() == before
