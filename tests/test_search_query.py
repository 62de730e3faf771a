"""The query parser, citation finder, Malay stemmer and synonym map: pure functions, no index."""

from __future__ import annotations

import pytest

from atipsom.refs.citations import find_citations
from search.malay import stem_malay
from search.query import (
    MAX_QUERY_CHARS,
    MAX_UNITS,
    And,
    FieldFilter,
    Not,
    Or,
    Phrase,
    Synonym,
    Word,
    parse_query,
)
from search.synonyms import SynonymMap


@pytest.mark.parametrize(
    "typed, key",
    [
        ("s 51(3)(b)", "51(3)(b)"),
        ("s. 12", "12"),
        ("section 26A", "26a"),
        ("sec 26A", "26a"),
        ("seksyen 44", "44"),
        ("subsection 27(1)", "27(1)"),
        ("subseksyen 27(1)", "27(1)"),
        ("para 51(3)(b)", "51(3)(b)"),
        ("perenggan 51(3)(b)", "51(3)(b)"),
        ("26A", "26a"),
        ("44", "44"),
        ("51(3)", "51(3)"),
        ("s 51 (3) (b)", "51(3)(b)"),
        ("section 66(2)(aa)", "66(2)(aa)"),
        ("s 2(trafficking in persons)", "2(trafficking in persons)"),
    ],
)
def test_lawyer_types_a_citation_the_way_it_is_printed(typed, key):
    assert [c.key for c in find_citations(typed)] == [key]


@pytest.mark.parametrize("typed", ["14 days", "Act 670", "P.U. (B) 339/2007", "A1500", "cases 12", "12th",
                                   "the 2007 act", "subsection (1)"])
def test_numbers_that_are_not_citations_are_left_as_words(typed):
    assert find_citations(typed) == []


def test_a_list_of_sections_after_ss_is_all_citations():
    assert [c.key for c in find_citations("ss 25 and 26")] == ["25", "26"]
    assert [c.key for c in find_citations("sections 12, 13 and 14")] == ["12", "13", "14"]


def test_citation_is_taken_out_of_the_words():
    parsed = parse_query("can a magistrate extend s 51(3)(a)(i)?")
    assert [c.key for c in parsed.citations] == ["51(3)(a)(i)"]
    assert parsed.words() == ["can", "a", "magistrate", "extend"]


def test_words_are_required_and_phrases_kept_together():
    parsed = parse_query('magistrate "place of refuge"')
    assert parsed.expr == And((Word("magistrate"), Phrase(("place", "of", "refuge"))))


def test_boolean_operators_and_brackets():
    parsed = parse_query("(custody OR refuge) NOT magistrate")
    assert parsed.expr == And((Or((Word("custody"), Word("refuge"))), Not(Word("magistrate"))))


def test_minus_means_not():
    assert parse_query("refuge -magistrate").expr == And((Word("refuge"), Not(Word("magistrate"))))


def test_operators_with_nothing_to_join_are_searched_as_words():
    assert parse_query("AND OR NOT").expr == Or((Word("and"), Word("not")))  # "and" OR "not"
    assert parse_query("NOT").expr == Word("not")
    assert parse_query("refuge AND").expr == And((Word("refuge"), Word("and")))


def test_lower_case_and_or_not_are_words_of_the_law():
    assert parse_query("may not").expr == And((Word("may"), Word("not")))


def test_unbalanced_quotes_and_brackets_are_tolerated():
    assert parse_query('"place of refuge').expr == Phrase(("place", "of", "refuge"))
    assert parse_query("((custody").expr == Word("custody")
    assert parse_query("custody))").expr == Word("custody")


def test_deep_brackets_are_bounded():
    parsed = parse_query("(" * 50 + "custody" + ")" * 50)
    assert parsed.expr == Word("custody")
    assert any("Brackets" in notice for notice in parsed.notices)


def test_field_filters_are_understood():
    parsed = parse_query("part:v kind:guidance lang:ms section:26a refuge")
    assert parsed.filters == (FieldFilter("part", "V"), FieldFilter("kind", "guidance"),
                              FieldFilter("lang", "ms"), FieldFilter("sec", "26a"))
    assert parsed.expr == Word("refuge")


def test_unknown_filter_value_is_ignored_and_said():
    parsed = parse_query("kind:judgment refuge")
    assert parsed.filters == ()
    assert any("kind:judgment" in notice for notice in parsed.notices)


def test_prefix_fuzzy_and_leading_wildcard():
    assert parse_query("refu*").expr == Word("refu", prefix=True)
    assert parse_query("magistrat~").expr == Word("magistrat", fuzzy=1)
    assert parse_query("magistrat~5").expr == Word("magistrat", fuzzy=2)
    parsed = parse_query("*fuge")
    assert parsed.expr == Word("fuge")
    assert any("wildcard" in notice for notice in parsed.notices)
    short = parse_query("re*")
    assert short.expr == Word("re")
    assert any("at least 3 letters" in notice for notice in short.notices)


@pytest.mark.parametrize("typed", ["", "   ", "*", "?!.,;", "\x00\x01\x02", "🙂🙂", "()", '""', "~"])
def test_empty_or_punctuation_only_query_is_empty_not_an_error(typed):
    parsed = parse_query(typed)
    assert parsed.is_empty


def test_long_query_is_shortened_and_says_so():
    parsed = parse_query("refuge " * 1000)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert any("shortened" in notice for notice in parsed.notices)
    assert any(f"first {MAX_UNITS}" in notice for notice in parsed.notices)


def test_control_characters_and_fancy_quotes_are_cleaned():
    parsed = parse_query("“place\x00of\u200brefuge”")
    assert parsed.expr == Phrase(("place", "of", "refuge"))


def test_hyphenated_word_is_matched_as_its_parts_in_order():
    assert parse_query("twenty-one").expr == Word("twenty one")


def test_synonyms_from_the_reviewed_map():
    synonyms = SynonymMap.load()
    assert parse_query("IPO", synonyms).expr == Synonym(Word("ipo"), (("interim", "protection", "order"),))
    shelter = parse_query("shelter", synonyms).expr
    assert isinstance(shelter, Synonym) and ("place", "of", "refuge") in shelter.alternatives
    # typed without quotes, a multi-word entry is still one synonym, not two required words
    permit = parse_query("work permit", synonyms).expr
    assert isinstance(permit, Synonym) and permit.original == Phrase(("work", "permit"))


def test_every_synonym_group_has_a_reason(tmp_path):
    synonyms = SynonymMap.load()  # raises if a group lacks `why` or has fewer than two terms
    assert synonyms.alternatives(("shelter",)), "the shipped groups are loaded"
    for broken, message in [("en:\n  - terms: [shelter, place of refuge]\n", "every group needs a 'why'"),
                            ("en:\n  - terms: [shelter]\n    why: x\n", "two or more")]:
        path = tmp_path / "synonyms.yml"
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            SynonymMap.load(path)


@pytest.mark.parametrize(
    "word, stem",
    [
        ("diperdagangkan", "dagang"),
        ("pemerdagangan", "dagang"),
        ("memperdagangkan", "dagang"),
        ("perlindungan", "lindung"),
        ("dilindungi", "lindung"),
        ("melindungi", "lindung"),
        ("menyiasat", "siasat"),
        ("penyiasatan", "siasat"),
        ("siasatan", "siasat"),
        ("hendaklah", "hendak"),
        ("sekiranya", "kira"),
        ("kesalahan", "salah"),
        ("berkenaan", "kena"),
        ("memohon", "pohon"),
        ("mendapat", "dapat"),
        ("kebebasan", "bebas"),
        ("peraturan", "atur"),
        ("tertentu", "tentu"),
    ],
)
def test_malay_affixes_are_stripped(word, stem):
    assert stem_malay(word) == stem


@pytest.mark.parametrize(
    "word, stem",
    [
        ("menjadi", "jadi"),  # not "jad": the -i belongs to the root
        ("memberi", "beri"),
        ("diberi", "beri"),
        ("bukan", "bukan"),  # too short to lose -an
        ("kerja", "kerja"),  # not ke- + rja
        ("orang", "orang"),
        ("seksyen", "seksyen"),  # protected: not se- + ksyen
        ("perenggan", "perenggan"),  # protected: not per- + enggan ("refuse")
        ("perintah", "perintah"),
        ("diperintahkan", "perintah"),
        ("majistret", "majistret"),
        ("44", "44"),
        ("dan", "dan"),
    ],
)
def test_malay_stemmer_is_conservative(word, stem):
    assert stem_malay(word) == stem


@pytest.mark.parametrize("lang", ["en", "ms", "exact"])
def test_snippet_words_are_the_index_words(lang):
    from search.schema import FAST_WORDS, english_analyzer, exact_analyzer, malay_analyzer

    analyzer = {"en": english_analyzer, "ms": malay_analyzer, "exact": exact_analyzer}[lang]()
    text = ("The Magistrate’s Court may, under subsection 44(2), make an interim protection order — "
            "Majistret boleh membuat perintah perlindungan interim bagi orang yang diperdagangkan; "
            "e.g. 1959/63, U.S.A., twenty-one days.")
    assert list(FAST_WORDS[lang](text)) == [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]
