"""Fast ranking must not change a single answer: the search ranks whole posting lists at once
(search/ranking.py) and must find exactly the documents Whoosh's own matching finds, with the
same scores, in the same order, also in an index of several segments with deleted documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import numpy as np
import pytest

from search.engine import SearchEngine
from search.indexer import build_index
from search.query import compile_query, parse_query
from search.ranking import Evaluator, Matches, PostingScores, rank
from tests.conftest import load_benchmark

TODAY = dt.date(2025, 1, 1)
OPERATOR_QUERIES = [
    '"place of refuge" OR magistrate', "officer NOT court", "-court officer", "officer -court -fine",
    "part:V officer", "kind:guidance person", "lang:ms pegawai", "s 12(1)", "seksyen 5", "51(3)",
    "enforc*", "magistrat~2", "magistrte", "(officer OR magistrate) AND (court OR order)",
    '"for the purpose of" "place of refuge"', "can a trafficked person be charged with illegal entry",
    "how long can the magistrate keep a person in a place of refuge", "NOT officer", "*", "AND OR NOT",
    "labor", "MAPO", "work permit", "ss 12 and 13", "s 12(1), s 13 and officer",
]




@pytest.fixture(scope="module")
def speed():
    return load_benchmark("search_speed")


@pytest.fixture(scope="module")
def segmented_index(speed, tmp_path_factory):
    """A synthetic legal corpus, then a rebuild after some documents changed and some were
    removed: the index now has a second segment and deleted documents."""
    docs = speed.synthetic_docs(3000)
    index_dir = tmp_path_factory.mktemp("ranking-index")
    build_index(docs, index_dir, progress=False)
    changed = [dataclasses.replace(doc, text=doc.text + " officer magistrate refuge") for doc in docs[100:400:3]]
    kept = docs[:100] + changed + [doc for doc in docs[100:] if doc not in docs[100:400:3]][200:]
    build_index(kept, index_dir, progress=False)
    return index_dir, docs


def query_texts(speed, docs) -> list[str]:
    mix = speed.make_queries(docs, 15)
    texts = [text for items in mix.values() for text, _ in items]
    relevance = load_benchmark("relevance")
    texts += [query.query for query in relevance.load_queries()]
    return texts + OPERATOR_QUERIES


def test_the_index_under_test_has_several_segments_and_deletions(segmented_index):
    with SearchEngine.open(segmented_index[0]) as engine:
        reader = engine._searcher().reader()
        assert not reader.is_atomic()
        assert reader.doc_count() < reader.doc_count_all()


def test_every_query_matches_the_same_documents_with_the_same_scores_as_whoosh(segmented_index, speed):
    index_dir, docs = segmented_index
    with SearchEngine.open(index_dir) as engine:
        searcher = engine._searcher()
        postings = PostingScores()
        checked = 0
        for text in query_texts(speed, docs):
            compiled = compile_query(parse_query(text, engine.synonyms), searcher.reader())
            for q in (compiled.query, compiled.relaxed):
                if q is None:
                    continue
                evaluator = Evaluator(searcher, postings, time.monotonic() + 60)
                fast, whoosh = evaluator.evaluate(q), evaluator.one_by_one(q)
                assert not evaluator.timed_out
                assert np.array_equal(fast.matched, whoosh.matched), text
                assert np.allclose(fast.scores, whoosh.scores, rtol=1e-9, atol=1e-12), text
                checked += 1
        assert checked > 150


def reference_rank(matches: Matches, allow: np.ndarray, groups: np.ndarray, limit: int):
    """One hit per group, in plain Python: the group's best document (lowest number on a tie),
    groups ordered by that score (lowest document number on a tie)."""
    best: dict[int, tuple[float, int]] = {}
    for docnum in range(len(allow)):
        if matches.matched[docnum] and allow[docnum]:
            score, group = float(matches.scores[docnum]), int(groups[docnum])
            if group not in best or score > best[group][0]:
                best[group] = (score, docnum)
    ordered = sorted(best.values(), key=lambda item: (-item[0], item[1]))[:limit]
    return [(docnum, score) for score, docnum in ordered], len(best)


def test_one_hit_per_section_keeps_the_best_provision_and_counts_the_sections(segmented_index, speed):
    index_dir, docs = segmented_index
    with SearchEngine.open(index_dir) as engine:
        searcher = engine._searcher()
        groups = engine._group_numbers(searcher)
        for text in query_texts(speed, docs)[::7]:
            compiled = compile_query(parse_query(text, engine.synonyms), searcher.reader())
            if compiled.query is None:
                continue
            matches = Evaluator(searcher, PostingScores(), time.monotonic() + 60).one_by_one(compiled.query)
            for as_at in (dt.date(2009, 6, 1), TODAY):
                allow = engine._allowed_docs(searcher, as_at, "all", None)
                ranked = rank(matches, allow, groups, 10)
                expected_hits, expected_total = reference_rank(matches, allow, groups, 10)
                assert ranked.total == expected_total, text
                assert [d for d, _ in ranked.hits] == [d for d, _ in expected_hits], text


def test_ties_go_to_the_lower_document_number():
    scores = np.array([2.0, 5.0, 5.0, 5.0, 1.0])
    matches = Matches(scores, np.ones(5, dtype=bool))
    groups = np.array([1, 1, 2, 3, 3])
    ranked = rank(matches, np.ones(5, dtype=bool), groups, 2)
    assert [d for d, _ in ranked.hits] == [1, 2]
    assert ranked.total == 3


def test_a_search_past_its_deadline_stops_and_says_so(segmented_index):
    with SearchEngine.open(segmented_index[0]) as engine:
        searcher = engine._searcher()
        compiled = compile_query(parse_query('"place of refuge" officer', engine.synonyms), searcher.reader())
        evaluator = Evaluator(searcher, PostingScores(), time.monotonic() - 1)
        matches = evaluator.evaluate(compiled.query)
        assert evaluator.timed_out
        assert not matches.matched.any()


def test_the_posting_cache_stays_within_its_byte_budget(segmented_index):
    with SearchEngine.open(segmented_index[0]) as engine:
        searcher = engine._searcher()
        postings = PostingScores(max_bytes=20_000)
        for word in ["officer", "magistrate", "court", "person", "order", "refuge", "fine"]:
            ids, scores = postings.term(searcher, "text_en", word)
            assert ids.size == scores.size
        assert postings.terms.weight <= 20_000 or len(postings.terms) == 1
        assert len(postings.terms) < 7


# -- the fallback: Whoosh's own scoring when its internals are not the ones search/whoosh_internals.py reads --


def same_answers(fast: SearchEngine, whoosh: SearchEngine, texts, as_at=TODAY) -> int:
    compared = 0
    for text in texts:
        for kind in ("all", "provision"):
            a = fast.search(text, as_at=as_at, kind=kind, limit=10)
            b = whoosh.search(text, as_at=as_at, kind=kind, limit=10)
            assert [(r.id, r.lang) for r in a.results] == [(r.id, r.lang) for r in b.results], text
            assert np.allclose([r.score for r in a.results], [r.score for r in b.results], rtol=1e-9), text
            assert (a.total, a.suggestion, a.notices) == (b.total, b.suggestion, b.notices), text
            compared += 1
    return compared


def test_ranking_with_whoosh_own_scoring_gives_the_same_answers(segmented_index, speed):
    index_dir, docs = segmented_index
    with SearchEngine.open(index_dir, cache_size=0, time_limit=60.0) as fast, \
            SearchEngine.open(index_dir, cache_size=0, time_limit=60.0, fast_ranking=False) as whoosh:
        assert same_answers(fast, whoosh, query_texts(speed, docs)) > 200


def test_an_unknown_whoosh_release_turns_fast_ranking_off_and_the_search_still_answers(
        segmented_index, monkeypatch, caplog):
    from search import whoosh_internals

    whoosh_internals.available.cache_clear()
    monkeypatch.setattr(whoosh_internals.whoosh, "__version__", (2, 8, 0))
    try:
        with caplog.at_level("WARNING", logger="atipsom.search"):
            assert not whoosh_internals.available()
        assert "Whoosh 2.8.0 is installed, not 2.7.5" in caplog.text
        with SearchEngine.open(segmented_index[0], cache_size=0) as engine:
            searcher = engine._searcher()
            evaluator = Evaluator(searcher, PostingScores(), time.monotonic() + 60)
            assert not evaluator.fast
            response = engine.search("officer magistrate", as_at=TODAY)
            assert response.total > 0 and response.results
    finally:
        whoosh_internals.available.cache_clear()


def test_a_changed_private_structure_is_detected(monkeypatch):
    from search import whoosh_internals

    whoosh_internals.available.cache_clear()
    monkeypatch.delattr(whoosh_internals.whoosh3.W3LeafMatcher, "_next_block")
    try:
        assert not whoosh_internals.available()
    finally:
        whoosh_internals.available.cache_clear()
