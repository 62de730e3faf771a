"""What `atipsom search` prints for people and for programs."""

from __future__ import annotations

import datetime as dt
import json

from search.cli_format import format_human, to_json
from search.documents import SearchResponse, SearchResult

RESULT = SearchResult(
    id="act-670/sec_44__subsec_2@2008-02-28", kind="provision", section="44", provision="s 44(2)",
    heading="Taking a person into temporary custody", lang="en", in_force_from=dt.date(2008, 2, 28),
    in_force_to=dt.date(2015, 11, 17), url="/act-670/sec_44/2008-02-28/#sec_44__subsec_2", score=5.4812,
    snippet="The Magistrate may make an <mark>interim protection order</mark> &amp; more",
)
GUIDE = SearchResult(
    id="guide/leaving-the-shelter", kind="guidance", section=None, provision=None, heading="Leaving the shelter",
    lang="en", in_force_from=None, in_force_to=None, url="/guidance/leaving-the-shelter/", score=1.0,
    snippet="what a caseworker can do", unofficial=False,
)
MALAY = SearchResult(
    id="act-670/sec_44__subsec_2@2015-11-18", kind="provision", section="44", provision="seksyen 44(2)",
    heading="Mengambil orang ke dalam jagaan sementara", lang="ms", in_force_from=dt.date(2015, 11, 18),
    in_force_to=None, url="/act-670/sec_44/2015-11-18/#sec_44__subsec_2", score=2.0, snippet="", unofficial=True,
)
RESPONSE = SearchResponse(query="IPO", as_at=dt.date(2012, 1, 1), total=3, suggestion=None,
                          results=(RESULT, GUIDE, MALAY))


def test_human_output_gives_citation_heading_dates_snippet_and_url():
    text = format_human(RESPONSE)
    assert text.splitlines()[0] == '3 results for "IPO" (law as at 1 January 2012).'
    assert "1. s 44(2) — Taking a person into temporary custody" in text
    assert "In force from 28 February 2008 to 17 November 2015" in text
    assert "The Magistrate may make an interim protection order & more" in text  # no HTML
    assert "<mark>" not in text and "&amp;" not in text
    assert "    /act-670/sec_44/2008-02-28/#sec_44__subsec_2" in text
    assert "2. Guidance: Leaving the shelter" in text


def test_unofficial_translation_is_labelled():
    text = format_human(RESPONSE)
    assert "3. seksyen 44(2) — Mengambil orang ke dalam jagaan sementara [Bahasa Malaysia, unofficial translation]" in text
    assert "In force from 18 November 2015 (current)" in text


def test_suggestion_notices_and_time_out_are_shown():
    response = SearchResponse(query="magistrat", as_at=dt.date(2016, 1, 1), total=0, suggestion="magistrate",
                              results=(), timed_out=True, notices=("The query was shortened.",))
    text = format_human(response)
    assert 'No results for "magistrat" (law as at 1 January 2016).' in text
    assert "Did you mean: magistrate" in text
    assert "Note: The query was shortened." in text
    assert "time limit" in text


def test_json_follows_the_contract():
    data = to_json(RESPONSE)
    json.dumps(data)  # serialisable as is
    assert list(data) == ["query", "as_at", "total", "suggestion", "results", "timed_out", "notices"]
    assert data["as_at"] == "2012-01-01"
    first = data["results"][0]
    assert set(first) == {"id", "kind", "section", "provision", "heading", "lang", "in_force_from",
                          "in_force_to", "url", "score", "snippet", "unofficial", "tier"}
    assert (first["in_force_from"], first["in_force_to"], first["score"]) == ("2008-02-28", "2015-11-17", 5.4812)
    assert data["results"][1]["in_force_from"] is None
    assert data["results"][2]["unofficial"] is True
