"""The `atipsom` command as a lawyer or caseworker uses it (in-process, on the real statutes)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from atipsom.app.cli import cli
from tests.conftest import REPO, write_tree


def run(*args: str):
    return CliRunner().invoke(cli, ["--root", str(REPO), *args], catch_exceptions=False)


def test_lawyer_gets_malay_section_25_with_its_source():
    result = run("show", "25", "--lang", "ms", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["section"] == "25" and data["lang"] == "ms"
    assert data["text"].startswith("Orang yang diperdagangkan tidak boleh dikenakan pendakwaan jenayah")
    assert data["source"]["locator"] == "fasal 25"
    assert "D.R. 7/2007" in data["source"]["document"]
    assert set(data) >= {"id", "section", "heading", "part", "lang", "text", "in_force_from", "source", "text_status"}


@pytest.mark.parametrize("ref", ["12", "s 12", "s. 12", "section 12", "seksyen 12", "act-670/sec_12"])
def test_every_accepted_form_of_a_section_reference_works(ref):
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["section"] == "12"


def test_provision_reference_returns_that_provision_only():
    data = json.loads(run("show", "s 51(3)(a)", "--as-at", "2014-06-01", "--json").output)
    assert data["provision"] == "s 51(3)(a)"
    assert "two years" in data["text"]
    assert "(b)" not in data["text"].split("\n")[0]
    same = json.loads(run("show", "act-670/sec_51__subsec_3__para_a", "--as-at", "2014-06-01", "--json").output)
    assert same["text"] == data["text"]


def test_text_on_both_sides_of_the_2015_change():
    before = json.loads(run("show", "s 51(3)(a)(i)", "--as-at", "2015-11-17", "--json").output)
    after = json.loads(run("show", "s 51(3)(a)(i)", "--as-at", "2015-11-18", "--json").output)
    assert "two years" in before["text"] and "three months" in after["text"]
    assert after["history"] == [{"act": "A1500", "provision": "A1500 s 10(b)", "in_force": "2015-11-18"}]
    assert {"act": "A1500", "provision": "A1500 s 10(b)", "in_force": "2015-11-18"} in after["amended_by"]
    assert before["in_force_to"] == "2015-11-17"


def test_unknown_section_names_what_exists_nearby():
    result = run("show", "68")
    assert result.exit_code == 1
    assert "no section 68; the Act ends at s 67" in result.output


def test_section_not_yet_inserted_says_by_what_and_when():
    result = run("show", "51A", "--as-at", "2012-06-01")
    assert result.exit_code == 1
    assert ("section 51A was not in force on 2012-06-01: inserted by Act A1500 s 11, in force 18 November 2015"
            in result.output)


def test_history_lists_every_version_with_its_amending_provision():
    data = json.loads(run("history", "44", "--json").output)
    assert [(v["in_force_from"], v["in_force_to"]) for v in data["versions"]] == [
        ("2008-02-28", "2010-11-14"), ("2010-11-15", "2015-11-17"), ("2015-11-18", None)]
    assert data["versions"][2]["amended_by"][0]["provision"] == "A1500 s 9"


def test_bad_date_is_a_clear_error():
    result = run("show", "44", "--as-at", "2015-02-30")
    assert result.exit_code == 2
    assert "not a date" in result.output


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert len(cli.commands[command].help or "") > 20


def test_check_passes_on_the_repository():
    result = run("check")
    assert result.exit_code == 0, result.output


def test_complete_provision_is_not_called_incomplete_because_of_a_gap_elsewhere_in_its_section(tmp_path):
    # a constructed gap: the small test tree's Malay-only 2010 Act inserts s 51(6) with no English and no English
    # layer entry (the real Act has no gap left since the English layer, issue 12)
    write_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")  # what marks a repository

    def show(ref: str) -> dict:
        result = CliRunner().invoke(cli, ["--root", str(tmp_path), "show", ref, "--as-at", "2014-06-01", "--json"],
                                    catch_exceptions=False)
        return json.loads(result.output)

    assert show("s 51(3)(a)(i)")["text_status"] == "verbatim"
    assert show("51")["text_status"] == "incomplete"  # s 51(6) has no English


def test_a_root_without_statutes_is_a_clear_error_not_another_repository(tmp_path):
    """`--root` names the repository: a folder without statutes/ (even one inside the repository) is an error that
    says what to give, never a silent fall back to the repository around it."""
    for wrong in (tmp_path, REPO / "docs"):
        result = CliRunner().invoke(cli, ["--root", str(wrong), "show", "s 4"])
        assert result.exit_code == 1
        assert f"{wrong}: not an ATIPSOM Navigator repository (no statutes/ folder in it)" in result.output
        assert "Traceback" not in result.output


def test_a_root_with_only_statutes_reads_that_act(tmp_path):
    """The second test Act has statutes/ but no mkdocs.yml: `--root` reads it, not the repository around it."""
    fixture = REPO / "tests" / "fixtures" / "second-act"
    result = CliRunner().invoke(cli, ["--root", str(fixture), "show", "s 4", "--as-at", "2031-06-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] == "act-9999/sec_4@2031-03-01"
