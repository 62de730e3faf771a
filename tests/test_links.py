"""A reader of a section is sent to the guidance that answers it first: every provision-guidance link has a
score and a reason, and declared links are ranked by how central the section is to the page, not by title."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from atipsom.app.cli import cli
from atipsom.app.links import declared_evidence, declared_links
from atipsom.domain.link_ranking import Evidence, computed_score, declared_score, page_evidence, subject_match, why
from atipsom.domain.model import GuidancePage
from tests.conftest import REPO

TODAY = dt.date(2026, 12, 5)


def _page(slug: str, title: str, summary: str, body: str, cites: tuple[str, ...]) -> GuidancePage:
    return GuidancePage(slug=slug, title=title, summary=summary, audience=("caseworkers",), cites=cites,
                        question=None, reviewed=TODAY, body=body, path=f"docs/guidance/{slug}.md")


SHELTER = _page(
    "how-long", "How long can a victim be kept in a place of refuge?",
    "An interim protection order lasts 21 days ([s 44(2)](law:act-670/sec_44__subsec_2)).",
    "## Short answer\n\nA Protection Order lasts up to three months ([s 51(3)](law:act-670/sec_51__subsec_3)).\n\n"
    "## What the law says\n\nA place of refuge is declared by the Minister ([s 42](law:act-670/sec_42)).\n"
    "The order ([s 51(3)](law:act-670/sec_51__subsec_3)) can be extended ([s 51(4)](law:act-670/sec_51__subsec_4)).\n",
    ("act-670/sec_44__subsec_2", "act-670/sec_51__subsec_3", "act-670/sec_51__subsec_4", "act-670/sec_42"))
COURTS = _page(
    "courts", "Where can a case be heard?", "A Magistrate makes protection orders; the Sessions Court tries offences.",
    "## Short answer\n\nMagistrates: [s 44](law:act-670/sec_44), [s 51](law:act-670/sec_51), "
    "[s 53](law:act-670/sec_53), [s 66A](law:act-670/sec_66A), [s 66B](law:act-670/sec_66B), [s 2](law:act-670/sec_2), "
    "[s 36](law:act-670/sec_36), [s 3](law:act-670/sec_3), [s 4](law:act-670/sec_4), [s 52](law:act-670/sec_52).\n",
    ("act-670/sec_44", "act-670/sec_51"))
HEADINGS = {"42": "Place of refuge", "44": "Taking a person into temporary custody",
            "51": "Investigation, enquiry and Protection Order"}


def _evidence(page: GuidancePage, section: str, annotated=None) -> Evidence:
    return next(e for e in page_evidence(page, HEADINGS, annotated or {}) if e.section == section)


def test_a_section_cited_in_the_answer_ranks_above_one_cited_in_passing():
    in_summary = _evidence(SHELTER, "44")
    in_passing = _evidence(COURTS, "44")
    assert in_summary.placement == "summary" and in_passing.placement == "short answer"
    assert declared_score(in_summary) > declared_score(in_passing)
    assert why(in_summary).startswith("cited in the page's short answer (In short)")


def test_the_page_whose_title_names_the_section_subject_leads_for_that_section():
    assert subject_match("Place of refuge", SHELTER.title) == 1.0
    assert subject_match("Place of refuge", COURTS.title) == 0.0
    assert "title or summary names its subject" in why(_evidence(SHELTER, "42"))


def test_the_commentary_can_declare_a_page_that_does_not_cite_the_section():
    evidence = _evidence(COURTS, "42", annotated={"42": ("courts",)})
    assert evidence.placement == "declared" and evidence.links == 0 and evidence.annotation
    assert 0.5 <= declared_score(evidence) < declared_score(_evidence(SHELTER, "42"))
    assert why(evidence) == "listed by the commentary on s 42"


def test_declared_links_always_outrank_links_made_by_similar_wording():
    weakest = Evidence(section="9", slug="x", placement="declared", links=0, page_links=40, exact=False,
                       subject=0.0, annotation=False)
    assert 0.5 <= declared_score(weakest) < 0.55
    assert computed_score(6.0) < 0.5 and computed_score(2.0) > computed_score(1.0) > 0
    assert computed_score(0.0) == 0.0


def test_both_directions_of_a_declared_link_carry_the_same_score_and_reason():
    evidence = declared_evidence([SHELTER, COURTS], HEADINGS, {})
    links = declared_links([SHELTER, COURTS], "act-670", evidence)
    to_page = next(x for x in links if x.source == "act-670/sec_44" and x.target == "guide/how-long")
    to_law = next(x for x in links if x.source == "guide/how-long" and x.target == "act-670/sec_44__subsec_2")
    assert to_page.score == to_law.score and to_page.why == to_law.why and to_page.reason == "declared"
    assert to_law.url.endswith("#sec_44__subsec_2")


# -- the real project ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def related():
    def run(ref: str) -> dict:
        result = CliRunner().invoke(cli, ["--root", str(REPO), "related", ref, "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)
    return run


def test_a_reader_of_s42_places_of_refuge_is_sent_to_the_shelter_page_first(related):
    data = related("s 42")
    first = data["links"][0]
    assert first["id"] == "guide/how-long-in-a-place-of-refuge", data["links"]
    assert "guide/after-rescue-first-24-hours" in [link["id"] for link in data["links"][1:]]


def test_related_keeps_its_contract_every_link_has_a_score_and_a_reason_strongest_first(related):
    for ref in ("s 44", "s 51A", "s 2", "guide/working-during-protection"):
        data = related(ref)
        assert data["links"], ref
        for link in data["links"]:
            assert set(link) >= {"id", "kind", "title", "url", "reason", "score", "why"}, link
            assert link["reason"] in ("declared", "computed") and isinstance(link["score"], float)
            assert link["why"], link
        for kind in ("guidance", "provision", "case"):
            scores = [link["score"] for link in data["links"] if link["kind"] == kind]
            assert scores == sorted(scores, reverse=True), (ref, kind, scores)


def test_a_lawyer_reading_s61A_finds_the_court_decisions_on_it(related):
    data = related("s 61A")
    kinds = [link["kind"] for link in data["links"]]
    assert kinds == sorted(kinds, key=lambda kind: kind == "case"), "guidance first, then the case notes"
    cases = [link for link in data["links"] if link["kind"] == "case"]
    assert {link["id"] for link in cases} >= {"case/ketheeswaran-v-pp-federal-court-2024-s61a",
                                              "case/vigneswari-v-pp-high-court-2017-s61a"}
    assert all(link["url"].startswith("/cases/") and "decided" in link["why"] for link in cases)


def test_a_case_note_leads_to_the_provisions_at_the_version_in_force_at_the_time(related):
    data = related("case/ketheeswaran-v-pp-federal-court-2024-s61a")
    first = data["links"][0]
    assert first["id"] == "act-670/sec_61A:2024-01-05" and first["url"] == "/act-670/sec_61A/2010-11-15/"
    assert data["links"][1]["url"] == "/act-670/sec_12/2008-02-28/"  # charged in 2019: before the 2022 version
