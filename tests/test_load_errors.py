"""A contributor's typo gives a clear message with the file and the line, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from atipsom.app.check import check_tree
from atipsom.app.cli import cli
from atipsom.domain.errors import InputErrors
from atipsom.load.statutes import load_statutes
from tests.conftest import MINI_SECTIONS, MINI_WORK, write_tree

TODAY = __import__("datetime").date(2026, 11, 29)


def messages(tmp_path, **files) -> list[str]:
    """Write a mini tree, apply edits {relative path: text}, return every `check` message."""
    statutes = write_tree(tmp_path)
    for relative, text in files.items():
        (statutes / relative).write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "guidance").mkdir(parents=True, exist_ok=True)
    return [str(e) for e in check_tree(tmp_path, today=TODAY)]


def test_malformed_front_matter_names_file_and_line(tmp_path):
    broken = MINI_SECTIONS["44"].replace("en: Taking a person", "en: Taking: a person")
    found = messages(tmp_path, **{"act-670/sec_44.md": broken})
    assert found == ["statutes/act-670/sec_44.md:6:13: malformed front matter: mapping values are not allowed here "
                     "(a value that contains ': ' must be in quotes, e.g. en: \"Taking: a person\")"], found


def test_tab_in_yaml_says_use_spaces(tmp_path):
    broken = MINI_SECTIONS["44"].replace("heading:\n  en:", "heading:\n\ten:")
    found = messages(tmp_path, **{"act-670/sec_44.md": broken})
    assert any("sec_44.md:6:" in m and "indent YAML with spaces, not tabs" in m for m in found), found


def test_unknown_key_suggests_the_right_one(tmp_path):
    broken = MINI_SECTIONS["44"].replace("heading:", "headnig:")
    found = messages(tmp_path, **{"act-670/sec_44.md": broken})
    assert "statutes/act-670/sec_44.md:5:1: unknown key 'headnig' (did you mean 'heading'?)" in found


def test_duplicate_section_names_both_files(tmp_path):
    copy = MINI_SECTIONS["44"].replace("id: act-670/sec_44", "id: act-670/sec_44")
    found = messages(tmp_path, **{"act-670/sec_044.md": copy})
    assert any("sec_044.md" in m and "does not match" in m for m in found) or any("duplicate section 44" in m for m in found)


def test_missing_source_is_reported(tmp_path):
    broken = MINI_SECTIONS["44"].replace('  ms: {ref: bill-ms, locator: "fasal 44"}\n', "")
    found = messages(tmp_path, **{"act-670/sec_44.md": broken})
    assert any("sec_44.md" in m and "missing key 'source.ms'" in m for m in found), found


def test_unknown_source_reference_is_reported(tmp_path):
    broken = MINI_SECTIONS["44"].replace("ref: bill-ms", "ref: bill-mss")
    found = messages(tmp_path, **{"act-670/sec_44.md": broken})
    assert any("sec_44.md" in m and "unknown source 'bill-mss'" in m for m in found), found


def test_impossible_date_is_reported_with_its_line(tmp_path):
    broken = MINI_WORK.replace("date: 2007-07-18", "date: 2007-02-30")
    found = messages(tmp_path, **{"act-670/work.md": broken})
    assert any(m.startswith("statutes/act-670/work.md:") and "impossible date '2007-02-30'" in m for m in found), found


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    found = messages(tmp_path, **{
        "act-670/sec_44.md": MINI_SECTIONS["44"].replace("heading:", "headnig:"),
        "act-670/sec_51.md": MINI_SECTIONS["51"].replace("text_status:", "txt_status:"),
    })
    assert any("sec_44.md" in m for m in found) and any("sec_51.md" in m for m in found)


def test_loader_raises_all_errors_together(tmp_path):
    statutes = write_tree(tmp_path)
    (statutes / "act-670" / "sec_44.md").write_text("", encoding="utf-8")
    (statutes / "act-670" / "sec_51.md").write_bytes(b"\xff\xfe not text")
    with pytest.raises(InputErrors) as caught:
        load_statutes(statutes)
    text = str(caught.value)
    assert "statutes/act-670/sec_44.md:1:1: file is empty" in text
    assert "statutes/act-670/sec_51.md:1:1: file is not UTF-8" in text


def test_cli_check_exits_2_and_prints_path_line(tmp_path):
    statutes = write_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    (statutes / "act-670" / "sec_44.md").write_text(MINI_SECTIONS["44"].replace("heading:", "headnig:"),
                                                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert "statutes/act-670/sec_44.md:5:1: unknown key 'headnig'" in result.output
    assert "Traceback" not in result.output


def test_law_text_list_item_without_number_is_reported_on_its_line(tmp_path):
    broken = MINI_SECTIONS["44"].replace("- (2) The Magistrate", "- The Magistrate")
    found = messages(tmp_path, **{"act-670/sec_44.md": broken})
    assert any(m.startswith("statutes/act-670/sec_44.md:17:") and "list item without a number" in m for m in found), found
