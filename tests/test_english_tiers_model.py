"""The English provenance tiers on the model (issue 12): a reader can always tell official words from ours."""

from __future__ import annotations

import dataclasses

import pytest

from atipsom.domain import tiers
from atipsom.domain.model import TIERS, Part, Provision


def _section(en_tiers: tuple[str, str, str]) -> Provision:
    own, first, second = en_tiers
    return Provision(
        eid="sec_44", kind="section", num="44", tier=own,
        children=(
            Provision(eid="sec_44__subsec_1", kind="subsec", num="(1)", text="A Protection Officer may…", tier=first),
            Provision(eid="sec_44__subsec_2", kind="subsec", num="(2)", text="…⟦shall⟧ be…", tier=second),
        ),
    )


def test_every_existing_text_is_verbatim_unless_the_engine_says_otherwise():
    provision = Provision(eid="sec_1", kind="section", text="This Act may be cited…")
    part = Part(number="I", heading={"en": "PRELIMINARY"}, sections=("1",))
    assert provision.tier == "verbatim"
    assert part.heading_tier == {}
    assert tiers.provision_tier(provision) == "verbatim"


def test_tiers_are_ordered_from_most_to_least_trusted():
    assert TIERS == ("verbatim", "reconstructed", "rendered", "translated")
    assert tiers.lowest([]) == "verbatim"
    assert tiers.lowest(["verbatim", "rendered", "reconstructed"]) == "rendered"
    assert tiers.lowest(["translated", "verbatim"]) == "translated"
    assert tiers.lowest(["reconstructed"]) == "reconstructed"


def test_an_unknown_tier_is_an_error_that_names_the_allowed_values():
    with pytest.raises(ValueError, match="expected one of verbatim, reconstructed, rendered, translated"):
        tiers.lowest(["machine"])
    with pytest.raises(ValueError):
        tiers.is_unofficial("official")


def test_a_section_is_as_trustworthy_as_its_least_trusted_subsection():
    assert tiers.provision_tier(_section(("verbatim", "verbatim", "rendered"))) == "rendered"
    assert tiers.provision_tier(_section(("translated", "verbatim", "verbatim"))) == "translated"
    assert tiers.provision_tier(_section(("verbatim", "verbatim", "verbatim"))) == "verbatim"


def test_only_verbatim_text_is_official():
    assert not tiers.is_unofficial("verbatim")
    assert all(tiers.is_unofficial(t) for t in ("reconstructed", "rendered", "translated"))


def test_readers_see_unofficial_or_reconstructed_english_in_words():
    assert tiers.label("verbatim") is None
    assert tiers.label("rendered") == "unofficial English"
    assert tiers.label("translated") == "unofficial English"
    assert tiers.label("reconstructed") == "reconstructed English"
    assert tiers.full_label("rendered") == "Unofficial English (rendered from the official Malay)"
    assert tiers.full_label("translated") == "Unofficial English (translated by ATIPSOM Navigator)"
    assert tiers.full_label("reconstructed") == "Reconstructed English (from English sources)"
    assert tiers.full_label("verbatim") is None


def test_version_tier_takes_heading_and_body_and_malay_is_always_verbatim(real_consolidation):
    version = real_consolidation.versions["45"][-1]  # s 45: never amended, verbatim in both languages
    assert tiers.version_tier(version, "en") == "verbatim"
    body = dict(version.body)
    body["en"] = _section(("verbatim", "verbatim", "rendered"))
    rendered = dataclasses.replace(version, body=body)
    assert tiers.version_tier(rendered, "en") == "rendered"
    assert tiers.version_tier(rendered, "ms") == "verbatim"
    translated_heading = dataclasses.replace(version, heading_tier={"en": "translated"})
    assert tiers.version_tier(translated_heading, "en") == "translated"
    assert tiers.version_tier(translated_heading, "ms") == "verbatim"


def test_our_words_are_stripped_for_plain_text_and_search():
    assert tiers.strip_ours("the order ⟦shall⟧ be made") == "the order shall be made"
    assert tiers.strip_ours("no marks") == "no marks"
    assert tiers.has_ours("⟦shall⟧")
    assert not tiers.has_ours("shall")


def test_our_words_are_split_out_for_marking_in_order():
    assert tiers.split_ours("the order ⟦shall⟧ be made ⟦within⟧.") == [
        ("the order ", False), ("shall", True), (" be made ", False), ("within", True), (".", False),
    ]
    assert tiers.split_ours("⟦Whole provision⟧") == [("Whole provision", True)]
    assert tiers.split_ours("") == []
    assert tiers.split_ours("plain") == [("plain", False)]


def test_unbalanced_marks_never_lose_words():
    assert tiers.split_ours("a ⟦b c") == [("a ", False), ("b c", True)]
    assert tiers.split_ours("a ⟧b") == [("a b", False)]
    for text in ("a ⟦b c", "a ⟧b", "⟦⟧x", "⟦a⟧⟦b⟧"):
        assert "".join(words for words, _ in tiers.split_ours(text)) == tiers.strip_ours(text)
