"""A contributor's broken file gets one clear line naming the file, the line and what to do, and nothing else.

Each folder in tests/fixtures/bad/ is one broken input: the files in it replace (or add to) the files of a small,
clean project (tests/clean_tree.py), and `expected.txt` holds exactly the lines `atipsom check` must print.
The project's snapshot and law-text manifest are recorded before the broken files go in, as in a pull request.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atipsom.app.check import check_tree
from tests.clean_tree import TODAY, cli_env, write_clean_project

BAD = Path(__file__).parent / "fixtures" / "bad"


def _five_megabytes(root: Path) -> None:
    """Someone pasted a whole PDF's text into a section file (generated here: 5 MB are not committed)."""
    (root / "statutes" / "act-670" / "sec_44.md").write_bytes((b"x" * 99 + b"\n") * 50_000)


def _link_to_a_system_file(root: Path) -> None:
    """A pull request adds docs/assets/passwd.txt as a symbolic link to /etc/passwd."""
    (root / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "assets" / "passwd.txt").symlink_to("/etc/passwd")


def _annotation_linked_from_outside(root: Path) -> None:
    """An annotation replaced by a symbolic link to a file outside the repository."""
    outside = root.parent / "outside-the-repository.md"
    annotation = root / "statutes" / "act-670" / "annotations" / "sec_44.md"
    outside.write_text(annotation.read_text(encoding="utf-8"), encoding="utf-8")
    annotation.unlink()
    annotation.symlink_to(outside)


def _folder_linked_into_docs(root: Path) -> None:
    """A folder of guidance that is a symbolic link to a folder elsewhere on the machine."""
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / "notes.md").write_text("# Notes\n", encoding="utf-8")
    (root / "docs" / "guidance" / "more").symlink_to(elsewhere, target_is_directory=True)


def _template_linked_to_a_system_file(root: Path) -> None:
    (root / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
    (root / "overrides" / "partials" / "footer.html").symlink_to("/etc/hostname")


GENERATED = {"five-megabyte-file": _five_megabytes, "symlink-to-a-system-file": _link_to_a_system_file,
             "symlinked-annotation": _annotation_linked_from_outside,
             "symlinked-folder-in-docs": _folder_linked_into_docs,
             "symlinked-template": _template_linked_to_a_system_file}
CASES = sorted(path.name for path in BAD.iterdir() if (path / "expected.txt").is_file())


def broken_project(root: Path, name: str) -> Path:
    """The clean project with the fixture's files laid over it."""
    write_clean_project(root, site=True)
    folder = BAD / name
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "expected.txt":
            target = root / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if name in GENERATED:
        GENERATED[name](root)
    return root


def expected_lines(name: str) -> list[str]:
    return (BAD / name / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_there_is_a_fixture_for_every_kind_of_broken_input():
    assert len(CASES) >= 25
    assert "bom-and-crlf-accepted" in CASES and expected_lines("bom-and-crlf-accepted") == []


def test_clean_project_has_no_problem(tmp_path):
    write_clean_project(tmp_path, site=True)
    assert check_tree(tmp_path, today=TODAY) == []


@pytest.mark.parametrize("name", CASES)
def test_broken_input_is_reported_on_its_line_and_nothing_else(tmp_path, name):
    root = broken_project(tmp_path, name)
    found = [str(error) for error in check_tree(root, today=TODAY)]
    assert found == expected_lines(name)




@pytest.mark.parametrize("name", ["yaml-malformed", "english-malay-not-aligned", "law-text-silently-edited",
                                  "bom-and-crlf-accepted"])
def test_command_line_prints_the_same_lines_and_exits_2(tmp_path, name):
    root = broken_project(tmp_path, name)
    result = subprocess.run([sys.executable, "-m", "atipsom", "--root", str(root), "check"], capture_output=True,
                            text=True, env=cli_env(), cwd=root, timeout=120)
    expected = expected_lines(name)
    assert result.stdout.splitlines() == expected
    assert "Traceback" not in result.stderr
    if expected:
        assert result.returncode == 2
        assert result.stderr.strip() == f"{len(expected)} problem(s)."
    else:
        assert result.returncode == 0, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", ["yaml-malformed", "amend-words-not-in-target", "guidance-dangling-law-link",
                                  "english-malay-not-aligned"])
def test_site_build_fails_with_the_same_message_and_leaves_no_output(tmp_path, name):
    """The site generator (atipsom.app.staging), even called without `atipsom check` first, refuses the broken
    file with the same line and writes nothing."""
    from atipsom.app.project import Project
    from atipsom.app.staging import stage_site
    from atipsom.domain.errors import InputErrors

    root = broken_project(tmp_path / "repo", name)
    out = tmp_path / "staging"
    with pytest.raises(InputErrors) as refused:
        stage_site(Project(root), TODAY, out)
    reported = [str(error) for error in refused.value.errors]
    for line in expected_lines(name):
        assert line in reported, reported
    assert not out.exists()
