"""A lawyer or caseworker types a question the way they would ask it; the search must keep finding the
provisions and guidance that answer it, and every section a reader lands on must point to guidance.

The judged sets are tests/eval/queries.yaml and tests/eval/links.yaml, written from the law before the
engine was run on them. benchmarks/relevance.py and benchmarks/links.py print the full figures; the
floors below are the levels reached (see the report in the commit that set them) less a small margin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import load_benchmark

REPO = Path(__file__).resolve().parents[1]
MARGIN = 0.02




relevance = load_benchmark("relevance")
links_bench = load_benchmark("links")

# Reached on 2026-11-29 (86 queries; ours vs the plain BM25 baseline over the same documents).
OURS_OVERALL = {"mrr": 0.891, "recall": 0.811, "ndcg": 0.763}
BASELINE_OVERALL = {"mrr": 0.776, "recall": 0.705, "ndcg": 0.561}
OURS_NDCG_BY_CATEGORY = {
    "citation": 0.950, "phrase": 0.819, "question": 0.665, "misspelling": 0.688,
    "malay": 0.732, "dated": 0.709,
    # 0.705 before the 18 case-note documents joined the index (2026-12-05): the shift in word statistics puts
    # s 51 before s 51(5) for "PO extension" (both judged; no case note is in any abbreviation query's top 10)
    "abbreviation": 0.635,
}
# Section -> guidance links of the 70 judged sections (reached on 2026-12-05 with the English pages' citations and
# the first 14 Malay pages merged, benchmarks/links.py), with the thresholds in atipsom/app/computed_links.py and
# the ranking of declared links in atipsom/domain/link_ranking.py. Similarity P@3 was 0.905 until the English layer
# (issue 12) gave English to ss 2-25 as amended in 2010: more English words in the index move the similarity scores
# (measured with benchmarks/links.py on main and on the branch, 2026-12-05: 0.905 -> 0.885; declared unchanged).
# Then the English layer gave English to Part IIIA (ss 26B-26K, 2010): those sections, which had no English words to
# compare, now find guidance by similarity (sections linked 39 -> 42 by similarity, 48 -> 51 shown; recall 0.380 ->
# 0.388 similarity, 0.884 -> 0.899 shown), mostly "trafficking-or-smuggling" (judged 1), but their second and third
# candidates are pages not judged for them, which count as wrong: similarity P@3 0.885 -> 0.857, shown P@3 0.928 ->
# 0.912 (measured on main and on the branch, 2026-12-05, with the index built from each tree; declared unchanged).
# Then the English layer gave English to ss 27, 35, 51, 52, 58, 61A and 63 as amended in 2010: s 61A and s 63(2)-(4)
# gained English words and two more sections find guidance by similarity (sections linked 42 -> 44, recall 0.388 ->
# 0.395), one of their candidates not judged for them: similarity P@3 0.857 -> 0.852, shown P@3 0.912 -> 0.908
# (same measurement, 2026-12-05; declared unchanged).
SIMILARITY_PRECISION_AT_3 = 0.852
DECLARED_PRECISION_AT_3 = 0.989
DECLARED_RECALL = 0.876
DECLARED_FIRST_IS_ANSWER = 0.919  # in alphabetical order (before the ranking): 0.541
SHOWN_PRECISION_AT_3 = 0.908  # recorded 0.946; 0.928 before Part IIIA had English, 0.912 before ss 27-63 (above)
SHOWN_RECALL = 0.884


# -- the judging rules, on a small story (fast) --------------------------------------------------


def _query(*judged, category="question"):
    return relevance.JudgedQuery(id="q", category=category, query="how long in the shelter",
                                 as_at=dt.date(2024, 1, 1), judged=tuple(judged))


def _provision(eid, lang="en"):
    section = relevance.section_of_eid(eid)
    return relevance.Hit(id=f"act-670/{eid}@2022-02-22", kind="provision", section=section, eid=eid, lang=lang)


def test_the_answer_first_scores_full_marks():
    query = _query(relevance.Judgement("sec_51__subsec_3__para_a", 2),
                   relevance.Judgement("guide/how-long-in-a-place-of-refuge", 1))
    hits = [_provision("sec_51__subsec_3__para_a"),
            relevance.Hit(id="guide/how-long-in-a-place-of-refuge", kind="guidance", section=None, eid=None)]
    assert relevance.score(query, hits) == relevance.Scores(mrr=1.0, recall=1.0, ndcg=1.0)


def test_another_provision_of_a_judged_section_earns_the_section_grade_only():
    query = _query(relevance.Judgement("sec_44__subsec_2", 2), relevance.Judgement("sec_44", 1, section_match=True))
    assert relevance.hit_grade(query, _provision("sec_44__subsec_1")) == ("44", 1)
    assert relevance.hit_grade(query, _provision("sec_44__subsec_2")) == ("44", 2)
    assert relevance.hit_grade(query, _provision("sec_45")) == (None, 0)


def test_the_same_section_in_english_and_malay_is_credited_once():
    query = _query(relevance.Judgement("sec_53", 2, section_match=True))
    once = relevance.score(query, [_provision("sec_53")])
    twice = relevance.score(query, [_provision("sec_53"), _provision("sec_53", lang="ms")])
    assert once == twice


def test_commentary_on_a_judged_section_is_relevant_but_not_the_answer():
    query = _query(relevance.Judgement("sec_66A", 2, section_match=True))
    note = relevance.Hit(id="note/sec_66A", kind="annotation", section="66A", eid="sec_66A")
    assert relevance.hit_grade(query, note) == ("66A", 1)
    # the law after its commentary still earns what the commentary left
    assert relevance.gains(query, [note, _provision("sec_66A__subsec_1")]) == [(1, 0), (1, 1)]


def test_the_baseline_searches_every_word_of_the_question():
    assert relevance.Bm25Baseline.match_expression("Can a victim WORK?") == '"can" OR "a" OR "victim" OR "work"'
    assert relevance.Bm25Baseline.match_expression("?!") is None


def test_every_judged_query_and_link_names_something_that_exists(project):
    sections = set(project.consolidation.order)
    slugs = {page.slug for page in project.guidance}
    queries = relevance.load_queries()
    assert len(queries) >= 60
    assert {q.category for q in queries} == set(relevance.CATEGORIES)
    for query in queries:
        for judgement in query.judged:
            if judgement.ref.startswith("guide/"):
                assert judgement.ref.removeprefix("guide/") in slugs, (query.id, judgement.ref)
            else:
                assert relevance.section_of_eid(judgement.ref) in sections, (query.id, judgement.ref)
    judged = links_bench.load_judged()
    assert sum(len(pages) for pages in judged.grades.values()) >= 40
    assert len(judged.grades) >= 60
    for section, pages in judged.grades.items():
        assert section in sections
        assert set(pages) <= slugs, section


@pytest.fixture(scope="module")
def project():
    from atipsom.app.project import load_project

    return load_project(REPO)


# -- the real index (slow) ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_index(project, tmp_path_factory):
    from atipsom.app.corpus import project_docs
    from search.indexer import build_index

    docs = project_docs(project)
    index_dir = tmp_path_factory.mktemp("relevance-index")
    build_index(docs, index_dir, progress=False)
    return index_dir, docs


@pytest.fixture(scope="module")
def engine(real_index):
    from search.engine import SearchEngine

    with SearchEngine.open(real_index[0], time_limit=30.0, cache_size=0) as engine:
        yield engine


@pytest.mark.slow
def test_judged_queries_rank_the_same_with_whoosh_own_scoring(engine, real_index):
    """The fallback used when Whoosh's internals change (search/whoosh_internals.py) ranks the law alike."""
    from search.engine import SearchEngine

    with SearchEngine.open(real_index[0], time_limit=30.0, cache_size=0, fast_ranking=False) as whoosh:
        for query in relevance.load_queries():
            options = dict(as_at=query.as_at, kind=query.kind, lang=query.lang, limit=10)
            fast, slow = engine.search(query.query, **options), whoosh.search(query.query, **options)
            assert [(r.id, r.lang) for r in fast.results] == [(r.id, r.lang) for r in slow.results], query.id
            assert fast.total == slow.total, query.id


@pytest.mark.slow
def test_our_search_answers_the_judged_queries_at_least_as_well_as_before(engine, real_index):
    queries = relevance.load_queries()
    ours, baseline = relevance.evaluate(engine, real_index[1], queries)
    report = relevance.format_report((ours, baseline), queries, n_worst=10)
    overall = ours.summary(queries)
    for metric, floor in OURS_OVERALL.items():
        assert overall[metric] >= floor - MARGIN, f"{metric} fell to {overall[metric]}\n{report}"
    for category, floor in OURS_NDCG_BY_CATEGORY.items():
        subset = [q for q in queries if q.category == category]
        value = ours.summary(subset)["ndcg"]
        assert value >= floor - MARGIN, f"nDCG@10 of {category} queries fell to {value}\n{report}"
    # and it still beats a plain BM25 over the same documents
    plain = baseline.summary(queries)
    assert overall["mrr"] > plain["mrr"] and overall["ndcg"] > plain["ndcg"], report


@pytest.mark.slow
def test_sections_link_to_the_guidance_judged_for_them(engine, project):
    from atipsom.app.project import today

    figures = links_bench.evaluate(engine, project, today(), links_bench.load_judged())
    text = links_bench.format_figures(figures)
    assert figures["similarity"].precision_at_3 >= SIMILARITY_PRECISION_AT_3 - MARGIN, text
    assert figures["declared"].precision_at_3 >= DECLARED_PRECISION_AT_3 - MARGIN, text
    assert figures["declared"].recall >= DECLARED_RECALL - MARGIN, text
    assert figures["declared"].first_is_answer >= DECLARED_FIRST_IS_ANSWER - MARGIN, text
    # the ranking, not chance, puts the answer first
    assert figures["declared"].first_is_answer > figures["declared A-Z"].first_is_answer + 0.2, text
    assert figures["shown"].precision_at_3 >= SHOWN_PRECISION_AT_3 - MARGIN, text
    assert figures["shown"].recall >= SHOWN_RECALL - MARGIN, text
    assert all(f.must_not == 0 for f in figures.values()), text


@pytest.mark.slow
def test_every_protection_section_has_a_guidance_link(engine, project):
    """A reader of any section of Part V, or of ss 25, 26, 51A, 66A, 66B, is sent to guidance."""
    from atipsom.app.computed_links import compute_links
    from atipsom.app.project import today

    by_reason = links_bench.links_by_reason(compute_links(engine, project, today())["links"])
    linked = links_bench.shown(by_reason)
    required = links_bench.required_sections(project, today())
    assert {"42", "44", "51", "51A", "57", "25", "26", "66A", "66B"} <= set(required)
    assert [number for number in required if not linked.get(number)] == []
