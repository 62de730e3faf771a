"""Comparing two versions reads like a lawyer's marked-up copy."""

from atipsom.domain.diff import Segment, diff_versions, diff_words


def test_a_phrase_replaced_reads_as_one_deletion_and_one_insertion():
    assert diff_words("tempoh empat belas hari bagi", "tempoh dua puluh satu hari bagi") == (
        Segment("same", "tempoh "), Segment("del", "empat belas"), Segment("ins", "dua puluh satu"),
        Segment("same", " hari bagi"))


def test_words_added_at_the_end_are_an_insertion_only():
    assert diff_words("one two", "one two three") == (Segment("same", "one two"), Segment("ins", " three"))


def test_inserted_and_deleted_provisions_are_listed_in_reading_order(real_consolidation):
    versions = real_consolidation.versions["6"]
    before = next(v for v in versions if v.in_force_from.isoformat() == "2010-11-15")
    after = next(v for v in versions if v.in_force_from.isoformat() == "2015-11-18")
    items = {d.eid: d.status for d in diff_versions(before, after, "ms")}
    assert items["sec_6__subsec_2__para_c"] == "deleted"
    assert items["sec_6__subsec_2__para_la"] == "inserted"
    assert items["sec_6__subsec_2__para_m"] == "changed"
    assert items["sec_6__subsec_2__para_a"] == "same"
