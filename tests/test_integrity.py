"""Law text only changes with its source: a silently edited word is caught, a recorded correction is not."""

from __future__ import annotations

from atipsom.app.integrity import check_integrity, write_manifest
from atipsom.load.statutes import load_statutes
from tests.conftest import write_tree


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_silently_edited_law_word_is_caught_with_how_to_record_it(tmp_path):
    statutes = write_tree(tmp_path)
    write_manifest(load_statutes(statutes), statutes)
    _edit(statutes / "act-670" / "sec_44.md", "fourteen days", "fifteen days")
    errors = check_integrity(tmp_path, load_statutes(statutes))
    assert len(errors) == 1
    message = str(errors[0])
    assert message.startswith("statutes/act-670/sec_44.md:14:1: law text changed without a source record "
                              "(act-670/sec_44#en, from bill-en cl. 44)")
    assert "add a `corrections` entry" in message and "run `atipsom manifest`" in message


def test_manifest_refuses_to_record_an_unsourced_change(tmp_path):
    statutes = write_tree(tmp_path)
    write_manifest(load_statutes(statutes), statutes)
    _edit(statutes / "act-670" / "sec_44.md", "fourteen days", "fifteen days")
    count, refused = write_manifest(load_statutes(statutes), statutes)
    assert count == 0 and [b.key for b in refused] == ["act-670/sec_44#en"]


def test_correction_with_its_source_is_accepted_after_regenerating_the_manifest(tmp_path):
    statutes = write_tree(tmp_path)
    write_manifest(load_statutes(statutes), statutes)
    _edit(statutes / "act-670" / "sec_44.md", "fourteen days", "fifteen days")
    _edit(statutes / "act-670" / "sec_44.md", "text_status:",
          'corrections:\n  - {lang: en, source_reads: "fourteen days", we_read: "fifteen days", '
          'reason: "test: the printed Act reads so"}\ntext_status:')
    errors = check_integrity(tmp_path, load_statutes(statutes))
    assert [e.message for e in errors] == ["manifest is stale for act-670/sec_44#en (its text and source record changed)"]
    count, refused = write_manifest(load_statutes(statutes), statutes)
    assert refused == [] and count > 0
    assert check_integrity(tmp_path, load_statutes(statutes)) == []


def test_amending_words_changed_without_a_note_are_caught(tmp_path):
    statutes = write_tree(tmp_path)
    write_manifest(load_statutes(statutes), statutes)
    _edit(statutes / "amendments" / "act-a1500.md", 'new: "twenty-one days"', 'new: "twenty-two days"')
    errors = check_integrity(tmp_path, load_statutes(statutes))
    assert len(errors) == 1 and errors[0].path == "statutes/amendments/act-a1500.md"
    assert "act-a1500/sec_9/2#en" in errors[0].message


def test_repository_manifest_is_current(real_statutes):
    from tests.conftest import REPO

    assert check_integrity(REPO, real_statutes) == []
