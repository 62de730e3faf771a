"""Fuzzing: thousands of random and hostile queries against the parser, the engine and the HTTP
API. None may raise, none may give a 5xx, every call returns. Durations are measured and printed
(run with -s), never asserted: the machine is shared and a wall-clock assert would be flaky. What
is asserted is the time-limit handling: a search cut short says `timed_out` and still answers.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import warnings
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atipsom.app.api import create_app
from search.engine import SearchEngine
from search.query import MAX_QUERY_CHARS, MAX_UNITS, parse_query
from search.synonyms import SynonymMap

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

IN_2016 = dt.date(2016, 1, 1)
PIECES = [
    '"', '"', "(", ")", "((", "))", "AND", "OR", "NOT", "and", "or", "not", "&&", "||", "-", "+", "*", "?",
    "~", "~2", "~9", ":", "\\", "/", "s 51(3)(b)", "s. 12", "26A", "seksyen 44", "section 26a", "51(3)",
    "ss 25 and 26", "s 2(trafficking in persons)", "part:V", "part:", "kind:guidance", "kind:x", "lang:ms",
    "section:51", "magistrate", "magistrat", "place of refuge", '"place of refuge"', "refu*", "*fuge",
    "re*", "wom*n", "may", "shall", "IPO", "MAPO", "shelter", "perlindungan", "diperdagangkan", "🙂", "👩🏽‍⚖️",
    "\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "ß", "İ", "ﬁ", "﷽", "<script>", "&amp;", "'", "’",
    "%", "%00", "\n", "\t", "  ", "0", "999", "1e309", "NaN", "٣", "१२",
]
mixed_queries = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(" ".join)
any_query = st.one_of(st.text(max_size=300), mixed_queries, st.text(min_size=400, max_size=1200))

DURATIONS: dict[str, list[float]] = {}


def timed(kind: str, call):
    started = time.perf_counter()
    try:
        return call()
    finally:
        DURATIONS.setdefault(kind, []).append(time.perf_counter() - started)


@pytest.fixture(scope="module", autouse=True)
def report_durations():
    yield
    for kind, values in sorted(DURATIONS.items()):
        values = sorted(values)
        p95 = values[int(len(values) * 0.95) - 1] if values else 0.0
        print(f"\nfuzz {kind}: {len(values)} calls, p95 {p95 * 1000:.1f} ms, max {values[-1] * 1000:.1f} ms")


@pytest.fixture(scope="module")
def engine(sample_index_dir):
    with SearchEngine.open(sample_index_dir) as engine:
        yield engine


@pytest.fixture(scope="module")
def client(sample_index_dir):
    class Lookup:
        def show(self, ref, as_at, lang):
            raise LookupError(f"{ref[:50]}: not found")

    app = create_app(lambda: SearchEngine.open(sample_index_dir), Lookup())
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        yield client


SYNONYMS = SynonymMap.load()


@settings(max_examples=3000, deadline=None)
@given(any_query)
def test_parser_never_raises_and_stays_bounded(text):
    parsed = timed("parse", lambda: parse_query(text, SYNONYMS))
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert len(parsed.words()) <= MAX_UNITS * 16
    assert len(parsed.citations) <= 5


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=any_query, lang=st.sampled_from([None, "en", "ms"]),
       kind=st.sampled_from(["all", "provision", "guidance", "annotation"]),
       as_at=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_engine_answers_any_query(engine, query, lang, kind, as_at):
    response = timed("engine", lambda: engine.search(query, as_at=as_at, kind=kind, lang=lang))
    assert response.total >= len(response.results)
    for result in response.results:
        assert "<" not in re.sub(r"</?mark>", "", result.snippet)
        assert result.in_force_from is None or result.in_force_from <= as_at
        assert result.in_force_to is None or result.in_force_to >= as_at


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=any_query)
def test_engine_with_no_time_left_reports_timed_out(sample_index_dir, query):
    with SearchEngine.open(sample_index_dir, time_limit=0.0) as engine:
        response = engine.search(query, as_at=IN_2016)
    assert response.results == () or response.timed_out
    if response.timed_out:
        assert response.results == ()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.one_of(any_query, st.text(min_size=990, max_size=1010)),
       as_at=st.one_of(st.none(), st.text(max_size=12), st.dates().map(dt.date.isoformat)),
       kind=st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["all", "provision", "guidance"])),
       lang=st.one_of(st.none(), st.text(max_size=3), st.sampled_from(["en", "ms"])),
       limit=st.one_of(st.none(), st.text(max_size=4), st.integers(-5, 60).map(str)))
def test_api_never_answers_5xx(client, q, as_at, kind, lang, limit):
    params = {k: v for k, v in {"q": q, "as_at": as_at, "kind": kind, "lang": lang, "limit": limit}.items()
              if v is not None}
    response = timed("api", lambda: client.get("/api/search", params=params))
    assert response.status_code in (200, 400), response.text
    body = response.json()
    assert ("results" in body) if response.status_code == 200 else ("error" in body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ref=st.text(max_size=80))
def test_provision_route_never_answers_5xx(client, ref):
    response = client.get("/api/provisions/" + quote(ref, safe="/:@"))
    assert response.status_code in (200, 400, 404, 405), response.text
