"""Case notes: a lawyer reads how the courts have read the Act, each note with its sources, and no victim or
witness named in full, whatever the source does."""

from __future__ import annotations

import datetime as dt

import pytest

from atipsom.domain.cases import CaseNote, CaseSource, is_initials, name_hash, named_victims, privacy_errors
from atipsom.load.cases import load_cases
from tests.conftest import REPO

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def notes():
    return [note for note in load_cases(REPO / "docs", REPO) if not note.is_index]


def test_at_least_five_case_notes_in_each_language(notes):
    english = {note.slug for note in notes if note.lang == "en"}
    malay = {note.slug for note in notes if note.lang == "ms"}
    assert len(english) >= 5
    assert english == malay


def test_every_case_note_has_a_source_address_and_names_no_victim_in_full(notes):
    for note in notes:
        assert note.sources, note.path
        assert all(source.url.startswith(("https://", "http://")) for source in note.sources), note.path
        assert privacy_errors(note) == [], note.path
        assert all(is_initials(victim) for victim in note.victims), note.path


def test_every_note_concerns_a_provision_at_the_version_in_force_at_the_time(notes):
    for note in notes:
        assert note.provisions, note.path
        assert all(":" in ref for ref in note.provisions), note.path
        assert note.decided is not None or note.date_note, note.path


def _note(body: str, **changes) -> CaseNote:
    values = dict(slug="x", lang="en", title="High Court on s 13", summary="The court upheld a conviction.",
                  body=body, path="docs/cases/x.md", court="High Court", provisions=("act-670/sec_13:2019-04-27",),
                  cites=("act-670/sec_13:2019-04-27",), source_kind="news", body_line=20,
                  sources=(CaseSource("Report", "A paper", "https://example.org/report", "news"),))
    values.update(changes)
    return CaseNote(**values)


@pytest.mark.parametrize("text, name", [
    ("The victim, Siti Aminah binti Ali, worked for six years.", "Siti Aminah binti Ali"),
    ("Saksi bernama Ali Ahmad memberi keterangan.", "Ali Ahmad"),
    ("the domestic worker Dewi Lestari was confined", "Dewi Lestari"),
    ("Victim Nur Hidayah testified", "Nur Hidayah"),
])
def test_a_victim_or_witness_named_in_full_is_found(text, name):
    assert named_victims(text) == [name]
    errors = privacy_errors(_note("Intro.\n" + text))
    assert [(e.path, e.line) for e in errors] == [("docs/cases/x.md", 21)]
    assert name in errors[0].message and "initials" in errors[0].hint


@pytest.mark.parametrize("text", [
    "the victim, an Indonesian domestic worker (S.), for forced labour",
    "Victims' affidavits can be used, says the Federal Court",
    "the rights of the victim and of society. Justice Hadhariah said",
    "seorang pekerja domestik Indonesia (S.), untuk kerja paksa",
])
def test_initials_and_ordinary_words_are_not_names(text):
    assert named_victims(text) == []


def test_victims_are_listed_by_initials_only():
    assert is_initials("S.") and is_initials("M.K.") and is_initials("A. R.")
    assert not is_initials("Siti") and not is_initials("S. Aminah")
    errors = privacy_errors(_note("text", victims=("S.", "Siti A."), lines={"victims": 9}))
    assert [(e.line, e.message) for e in errors] == [(9, "victims: 'Siti A.' is not initials")]


def test_a_name_on_the_withheld_list_is_refused_wherever_it_appears():
    withheld = frozenset({name_hash("Dewi  LESTARI")})
    errors = privacy_errors(_note("The court heard from Dewi Lestari about the wages."), withheld)
    assert len(errors) == 1 and "withheld" in errors[0].message
    assert privacy_errors(_note("The court heard the worker (D.L.)."), withheld) == []


# Broken notes (no source, an address that is not a web address, a provision with no version, a victim named in
# full) are bad-input fixtures: tests/fixtures/bad/case-note-*, checked by tests/test_bad_inputs.py.


def test_case_notes_are_searchable_in_both_languages_with_kind_case(tmp_path, notes):
    from atipsom.app.corpus import case_docs
    from search.engine import SearchEngine
    from search.indexer import build_index

    docs = list(case_docs(notes))
    assert {(doc.kind, doc.lang) for doc in docs} == {("case", "en"), ("case", "ms")}
    build_index(docs, tmp_path / "index", progress=False)
    with SearchEngine.open(tmp_path / "index", cache_size=0) as engine:
        english = engine.search("deposition constitutional Federal Court", kind="case", as_at=TODAY)
        malay = engine.search("deposisi perlembagaan", kind="case", lang="ms", as_at=TODAY)
        by_section = engine.search("section:61A", kind="case", as_at=TODAY)
    assert english.results[0].id == "case/ketheeswaran-v-pp-federal-court-2024-s61a"
    assert english.results[0].url == "/cases/ketheeswaran-v-pp-federal-court-2024-s61a/"
    assert malay.results and malay.results[0].lang == "ms"
    assert malay.results[0].url.startswith("/ms/cases/")
    assert {r.id for r in by_section.results} == {"case/ketheeswaran-v-pp-federal-court-2024-s61a",
                                                   "case/vigneswari-v-pp-high-court-2017-s61a"}
