"""Unofficial English is labelled in every answer that is not a page: the API, `atipsom show`, search (issue 12).

Tiers are set in the test (dataclasses.replace on loaded versions) until the engine gives real ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import warnings

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from atipsom.app.api import create_app
from atipsom.app.corpus import provision_docs
from atipsom.app.views import format_show, show
from search.cli_format import format_human
from search.engine import SearchEngine
from search.indexer import build_index
from tests.test_unofficial_english_display import RENDERED_44_2, with_tier

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
DATE = dt.date(2012, 6, 1)


@pytest.fixture(scope="module")
def consolidation(real_consolidation):
    """The real consolidation, with s 44(2) from 2010 rendered and s 44(1) from 2010 translated (test data)."""
    versions = list(real_consolidation.versions["44"])
    at = next(i for i, v in enumerate(versions) if v.in_force_from == dt.date(2010, 11, 15))
    versions[at] = with_tier(with_tier(versions[at], "sec_44__subsec_2", "rendered", RENDERED_44_2),
                             "sec_44__subsec_1", "translated")
    return dataclasses.replace(real_consolidation, versions={**real_consolidation.versions, "44": tuple(versions)})


def test_api_and_show_json_give_the_tier_of_a_rendered_provision(real_statutes, consolidation):
    data = show(real_statutes, consolidation, "act-670/sec_44__subsec_2", as_at=DATE, today=DATE)
    assert data["tier"] == "rendered"
    assert data["unofficial"] is True
    assert data["tier_label"] == "Unofficial English (rendered from the official Malay)"
    assert "⟦" not in data["text"] and "The Magistrate shall make" in data["text"]
    assert "⟦shall⟧" in data["text_marked"]
    assert data["provisions"] == [{"eid": "sec_44__subsec_2", "provision": "s 44(2)", "tier": "rendered",
                                   "unofficial": True}]


def test_the_whole_section_answer_takes_its_least_trusted_provision(real_statutes, consolidation):
    data = show(real_statutes, consolidation, "s 44", as_at=DATE, today=DATE)
    assert data["tier"] == "translated" and data["unofficial"] is True
    by_eid = {p["eid"]: p for p in data["provisions"]}
    assert by_eid["sec_44__subsec_1"]["tier"] == "translated"
    assert by_eid["sec_44__subsec_2"]["tier"] == "rendered"
    assert by_eid["sec_44__subsec_3"] == {"eid": "sec_44__subsec_3", "provision": "s 44(3)", "tier": "verbatim",
                                          "unofficial": False}


def test_the_malay_answer_is_always_official(real_statutes, consolidation):
    data = show(real_statutes, consolidation, "s 44", lang="ms", as_at=DATE, today=DATE)
    assert data["tier"] == "verbatim" and data["unofficial"] is False
    assert "text_marked" not in data
    assert all(p["tier"] == "verbatim" for p in data["provisions"])


def test_a_verbatim_answer_says_so_and_keeps_its_shape(real_statutes, real_consolidation):
    data = show(real_statutes, real_consolidation, "s 44(1)", as_at=DATE, today=DATE)
    assert data["tier"] == "verbatim" and data["unofficial"] is False and data["tier_label"] == "verbatim"
    assert "text_marked" not in data
    assert "⚠" not in format_show(data)


def test_show_text_prints_the_label_line_and_brackets_our_words(real_statutes, consolidation):
    out = format_show(show(real_statutes, consolidation, "s 44(2)", as_at=DATE, today=DATE))
    assert "⚠ Unofficial English (rendered from the official Malay): the official text is the Malay" in out
    assert "Not the words of any source: s 44(2) (rendered)." in out
    assert "Words between ⟦ ⟧ are ours" in out
    assert "The Magistrate ⟦shall⟧ make" in out


def test_api_provision_answer_carries_the_tier(real_statutes, consolidation, sample_index_dir):
    class Lookup:
        def show(self, ref, as_at, lang):
            return show(real_statutes, consolidation, ref, lang=lang, as_at=as_at, today=DATE)

    engine = SearchEngine.open(sample_index_dir)
    try:
        with TestClient(create_app(lambda: engine, Lookup()), base_url="http://localhost") as client:
            response = client.get("/api/provisions/act-670/sec_44__subsec_2", params={"as_at": DATE.isoformat()})
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["tier"], body["unofficial"]) == ("rendered", True)
        assert body["provisions"][0]["tier"] == "rendered"
    finally:
        engine.close()


def test_show_json_on_the_command_line_gives_the_tier():
    from tests.test_cli import run

    result = run("show", "s 44(1)", "--as-at", "2012-06-01", "--json")
    data = json.loads(result.output)
    assert data["tier"] == "verbatim" and data["unofficial"] is False
    assert data["provisions"][0]["eid"] == "sec_44__subsec_1"


def test_search_finds_the_rendered_words_and_labels_the_hit(consolidation, tmp_path):
    version = next(v for v in consolidation.versions["44"] if v.in_force_from == dt.date(2010, 11, 15))
    earlier = [v for v in consolidation.versions["44"] if v.in_force_from < version.in_force_from]
    docs = list(provision_docs(version, earlier))
    english = {d.eid: d for d in docs if d.lang == "en"}
    rendered = english["sec_44__subsec_2"]
    assert rendered.tier == "rendered" and rendered.unofficial
    assert "The Magistrate shall make" in rendered.text and "⟦" not in rendered.text
    assert "[Earlier English text" not in rendered.text  # the old fallback goes where English now exists
    assert english["sec_44__subsec_3"].tier == "verbatim" and not english["sec_44__subsec_3"].unofficial
    assert english["sec_44"].tier == "translated"  # the section's document carries all its words
    assert all(d.tier == "verbatim" and not d.unofficial for d in docs if d.lang == "ms")

    build_index(docs, tmp_path / "index", progress=False)
    engine = SearchEngine.open(tmp_path / "index")
    try:
        response = engine.search('"magistrate shall make"', as_at=DATE, lang="en")
        assert response.results, "the rendered words are indexed without their marks"
        hit = response.results[0]
        assert hit.tier in ("rendered", "translated") and hit.unofficial
        assert "⟦" not in hit.snippet
        assert "[unofficial English]" in format_human(response)
        assert hit.to_json()["tier"] == hit.tier
    finally:
        engine.close()


def test_show_says_which_words_its_source_gives_when_the_body_is_ours(real_statutes, real_consolidation):
    """s 15A today: the heading is verbatim from the 2014 reprint, the body our translation. The source line must
    not read as the source of the translated text."""
    today = dt.date(2026, 12, 5)
    data = show(real_statutes, real_consolidation, "s 15A", as_at=today, today=today)
    assert data["tier"] == "translated"
    out = format_show(data)
    source_line = next(line for line in out.splitlines() if line.startswith("Source"))
    assert source_line.startswith("Source: none in English for this text; translated by us")
    assert "The section's other English words: Act 670, Reprint as at 1 November 2014" in out
    assert "Note: Only the English heading is in a source" in out
    verbatim = format_show(show(real_statutes, real_consolidation, "s 44(1)", as_at=DATE, today=DATE))
    assert any(line.startswith("Source: ") for line in verbatim.splitlines())


def test_a_section_only_we_translated_names_no_source_and_points_to_the_malay(real_statutes, real_consolidation):
    """s 26D as at 2012 exists in English only as our translation: the answer must not print an empty source."""
    as_at = dt.date(2012, 1, 1)
    data = show(real_statutes, real_consolidation, "s 26D", as_at=as_at, today=as_at)
    assert data["tier"] == "translated" and data["unofficial"] is True
    out = format_show(data)
    assert "Source: none in English; translated by us from the official Malay" in out
    assert "?" not in next(line for line in out.splitlines() if line.startswith("Source"))
    malay = show(real_statutes, real_consolidation, "s 26D", lang="ms", as_at=as_at, today=as_at)
    assert "D.R. 22/2010" in format_show(malay)


def test_a_translated_paragraph_of_a_verbatim_section_does_not_cite_the_bill_as_its_source(real_statutes,
                                                                                          real_consolidation):
    """s 27(1)(e) ("any Labour Officer", from 2010) is our translation inside a section whose other words are the
    2007 bill's: the answer must not say the bill is the source of the words it prints."""
    today = dt.date(2026, 12, 5)
    out = format_show(show(real_statutes, real_consolidation, "s 27(1)(e)", as_at=today, today=today))
    assert "Source of the verbatim words" not in out
    assert "Source: none in English for this text; translated by us from the official Malay" in out
    assert "The section's other English words: Anti-Trafficking in Persons Bill 2007" in out
    whole = format_show(show(real_statutes, real_consolidation, "s 27", as_at=today, today=today))
    assert "Source of the verbatim words: Anti-Trafficking in Persons Bill 2007" in whole


def test_a_heading_we_rendered_is_explained_in_the_printed_answer(real_statutes, real_consolidation):
    """s 63's heading from 2010 is ours ("⟦General penalty and heavier penalty⟧"): the printed answer says what
    the brackets mean even though the words under it carry no marks."""
    today = dt.date(2026, 12, 5)
    data = show(real_statutes, real_consolidation, "s 63", as_at=today, today=today)
    # the JSON (show --json, /api/provisions) keeps plain words in `heading`, as it does in `text`
    assert data["heading"] == "General penalty and heavier penalty" and data["heading_tier"] == "rendered"
    assert data["heading_marked"] == "⟦General penalty and heavier penalty⟧"
    verbatim = show(real_statutes, real_consolidation, "s 44", as_at=today, today=today)
    assert verbatim["heading_tier"] == "verbatim" and "heading_marked" not in verbatim
    out = format_show(data)
    assert out.splitlines()[0] == "s 63 — ⟦General penalty and heavier penalty⟧"
    assert "Words between ⟦ ⟧ are ours (our rendering), not the words of any source." in out
