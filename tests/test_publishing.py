"""The publishing workflow (.github/workflows/publish.yml): what it runs before publishing is what CI runs, and
it publishes the site built for its Pages address, with the offline zip (and the data bundle) on releases.

GitHub Actions cannot run here: the workflow is read and checked against the repository it publishes."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import yaml

from atipsom.app.build import OFFLINE_ZIP
from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def run_lines(job: dict) -> list[str]:
    return [line.strip() for step in job["steps"] for line in step.get("run", "").splitlines() if line.strip()]


def test_the_workflow_publishes_main_and_releases_version_tags():
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["push"]["tags"] == ["v*"]
    assert workflow["permissions"] == {"contents": "read"}  # more only for the jobs that need it
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_publishing_first_runs_exactly_what_ci_runs():
    ci_job = load("ci.yml")["jobs"]["test"]
    build = load("publish.yml")["jobs"]["build"]
    ci_commands = run_lines(ci_job)
    assert ci_commands == ["sh .ci/run"]
    assert "sh .ci/run" in run_lines(build)
    assert build["container"] == ci_job["container"]
    assert build["env"] == ci_job["env"]
    assert (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1] == "make test"
    # the tests run before anything is built for publication
    lines = run_lines(build)
    assert lines.index("sh .ci/run") < next(i for i, line in enumerate(lines) if "atipsom build" in line)


def test_the_site_is_built_for_its_pages_address_and_uploaded_from_the_published_generation():
    build = load("publish.yml")["jobs"]["build"]
    checkout = Path(steps_using(build, "actions/checkout")[0]["with"]["path"])
    assert build["defaults"]["run"]["working-directory"] == str(checkout)
    command = next(line for line in run_lines(build) if "atipsom build" in line)
    pages = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/configure-pages@"))
    assert f'--site-url "${{{{ steps.{pages["id"]}.outputs.base_url }}}}/"' in command
    assert "--offline" in command
    upload = steps_using(build, "actions/upload-pages-artifact")[0]
    assert PurePosixPath(upload["with"]["path"]) == PurePosixPath(checkout) / "var" / "current" / "site"


def test_the_shared_sources_are_checked_out_where_the_check_looks_for_them():
    build = load("publish.yml")["jobs"]["build"]
    repo, sources = (Path(step["with"]["path"]) for step in steps_using(build, "actions/checkout"))
    # atipsom.app.cli._shared_sources: <repository>/../shared/sources/act670
    assert repo.parent / "shared" / "sources" / "act670" == sources


def test_pages_deployment_and_the_release_files():
    workflow = load("publish.yml")
    deploy, release = workflow["jobs"]["deploy"], workflow["jobs"]["release"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert steps_using(deploy, "actions/deploy-pages")
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert release["permissions"] == {"contents": "write"}
    assert steps_using(release, "softprops/action-gh-release")[0]["with"]["fail_on_unmatched_files"] is True
    collected = "\n".join(run_lines(workflow["jobs"]["build"]))
    assert f"cp {OFFLINE_ZIP} release/" in collected  # the path `atipsom build --offline` writes
