"""The amendment operations registry: one definition per operation, typed payloads, pure effects."""

from __future__ import annotations

import pytest

from atipsom.domain.amend.payloads import InsertWordsPayload, TextPayload, WordsPayload
from atipsom.domain.amend.registry import OPERATIONS, label
from atipsom.domain.amend.state import SectionState, State
from atipsom.domain.errors import InputErrors
from atipsom.load.statutes import load_statutes
from tests.conftest import MINI_A2015, REPO, write_tree


def test_every_operation_is_documented_and_named_in_english_and_malay():
    readme = (REPO / "statutes" / "README.md").read_text(encoding="utf-8")
    for name, operation in OPERATIONS.items():
        assert operation.name == name
        assert operation.label["en"] and operation.label["ms"] and operation.label["en"] != operation.label["ms"]
        assert name in readme, f"{name} is not described in statutes/README.md"
    assert label("substitute_words", "ms") == "menggantikan perkataan dalam"


def test_contributor_gets_typed_words_with_their_line(mini_tree):
    act = next(a for a in load_statutes(mini_tree).amendments if a.id == "act-a1500")
    days = next(i for i in act.instructions if i.provision == "sec_9")
    assert days.payload["en"] == WordsPayload(old="fourteen days", new="twenty-one days", line=23)
    assert days.payload["ms"].as_written() == {"old": "empat belas hari", "new": "dua puluh satu hari"}
    inserted = next(i for i in act.instructions if i.op == "insert_provision")
    assert isinstance(inserted.payload["ms"], TextPayload) and "tempat perlindungan" in inserted.payload["ms"].text


def test_contributor_is_told_which_keys_an_operation_takes(tmp_path):
    act = MINI_A2015.replace('ms: {old: "empat belas hari", new: "dua puluh satu hari"}',
                             'ms: {old: "empat belas hari", words: "dua puluh satu hari"}')
    with pytest.raises(InputErrors) as caught:
        load_statutes(write_tree(tmp_path, amendments={"act-a1500": act}))
    messages = [f"{e.line}: {e.message}" for e in caught.value.errors]
    assert any(m.startswith("24:") and "words" in m for m in messages), messages


def _state(statutes) -> State:
    sections = {n: SectionState(number=n, part=s.part, heading=s.heading, body=s.body, status=s.text_status,
                                source=s.source, editor_note="") for n, s in statutes.sections.items()}
    return State(sections=sections, order=tuple(sections), parts=statutes.work.parts, front=statutes.work.front,
                 title=statutes.work.title)


def test_an_operation_returns_what_it_did_and_changes_nothing_it_was_given(mini_tree):
    statutes = load_statutes(mini_tree)
    state = _state(statutes)
    before = state.sections["44"].body["en"]
    days = next(i for a in statutes.amendments for i in a.instructions if i.provision == "sec_9")
    effect = OPERATIONS[days.op].apply(state, days)
    assert state.sections["44"].body["en"] is before
    assert "twenty-one days" in effect.section.body["en"].find("sec_44__subsec_2").text
    assert "fourteen days" in before.find("sec_44__subsec_2").text
    assert effect.outcome == {"en": "applied", "ms": "applied"}
    assert effect.touched == ("sec_44__subsec_2",) and effect.sections == ("44",)


def test_insert_words_payload_knows_its_anchor():
    assert InsertWordsPayload(after="receiving country", words="or transit country").needle == "receiving country"
    assert InsertWordsPayload(before="the", words="all").needle == "the"
