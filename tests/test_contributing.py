"""The contributor's guide and the GitHub-project files stay true: the worked example is the real data, CI runs
the README's test command, and the commit hooks run the checks the guide promises."""

from __future__ import annotations

import re

import yaml

from tests.conftest import REPO


def _text(relative: str) -> str:
    return (REPO / relative).read_text(encoding="utf-8")


def test_worked_example_of_an_amending_act_is_copied_from_the_real_file():
    guide = _text("CONTRIBUTING.md")
    example = re.search(r"```yaml\ninstructions:\n(?P<body>.*?)```", guide, re.S).group("body")
    assert example.count("- provision:") == 2
    assert example in _text("statutes/amendments/act-a1500.md")


def test_transcription_example_is_copied_from_the_real_section_file():
    guide = _text("CONTRIBUTING.md")
    for line in ('source_reads: "perbuatan peraerdagangan orang"', 'we_read: "perbuatan pemerdagangan orang"',
                 "reason: \"OCR misreading in the conversion of the printed bill (“m” read as “ra”)\""):
        assert line in guide and line in _text("statutes/act-670/sec_25.md")


def test_ci_runs_the_readme_test_command_on_python_311_and_keeps_the_artifacts():
    assert "make test" in _text("README.md")
    assert "make test" in _text(".ci/run")
    workflow = yaml.safe_load(_text(".github/workflows/ci.yml"))
    job = workflow["jobs"]["test"]
    assert job["runs-on"].startswith("ubuntu")
    assert "3.11" in job["container"]
    assert job["env"]["NO_MKDOCS_2_WARNING"] == "1"
    runs = [step.get("run", "") for step in job["steps"]]
    assert "sh .ci/run" in runs
    upload = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "artifacts/" and upload["if"] == "always()"
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["pull_request"] is None  # every pull request


def test_commit_hooks_run_ruff_codespell_and_atipsom_check():
    config = yaml.safe_load(_text(".pre-commit-config.yaml"))
    hooks = {hook["id"]: (repo["repo"], hook) for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "codespell", "atipsom-check"} <= set(hooks)
    assert hooks["atipsom-check"][1]["entry"] == "make --no-print-directory check"
    assert re.search(r"statutes/consolidated/", config["exclude"])
    words = _text(".codespell-words.txt").split()
    assert "transfering" in words  # s 2 as printed (sic): the word list keeps law text as it is
    assert 'ignore-words = ".codespell-words.txt"' in _text("pyproject.toml")


def test_issue_forms_and_pull_request_template_exist_with_the_law_text_checklist():
    template = _text(".github/pull_request_template.md")
    for needle in ("corrections", "atipsom manifest", "atipsom snapshot", "statutes/consolidated/", "locator"):
        assert needle in template
    for form in ("error-in-law-text.md", "guidance-request.md"):
        front = yaml.safe_load(_text(f".github/ISSUE_TEMPLATE/{form}").split("---")[1])
        assert front["name"] and front["about"]
    assert yaml.safe_load(_text(".github/ISSUE_TEMPLATE/config.yml"))["blank_issues_enabled"] is False


def test_build_outputs_stay_out_of_git():
    """The build links /site to var/site/<stamp>: a pattern for a directory only would let the
    link into a commit. (Checked against the patterns, whether or not the outputs exist.)"""
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    for path in ["site", "var/index/CURRENT", "var/site/20260101-000000/index.html",
                 "dist/atipsom-navigator-offline.zip", "artifacts/screenshots/home.png"]:
        ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=REPO)
        assert ignored.returncode == 0, f"{path} is not ignored by .gitignore"
