"""Guidance states facts only with a listed source, and never states an [UNVERIFIED] item as fact."""


from atipsom.domain.facts import check_text_facts
from atipsom.load.facts import check_guidance_facts, unverified_claims
from atipsom.load.guidance import load_guidance
from tests.conftest import REPO

HEDGES, CLAIMS = unverified_claims(REPO)


def run(body: str, known=None):
    return [e.message for e in check_text_facts("docs/guidance/x.md", body, 10, known, HEDGES, CLAIMS)]


def test_unverified_claim_stated_as_fact_is_caught():
    assert run("SUHAKAM is Malaysia's national rapporteur on trafficking.") == [
        "states an unverified claim (SUHAKAM as national rapporteur on trafficking)"]


def test_unverified_topic_mentioned_with_a_hedge_is_allowed():
    assert run("No source confirms that SUHAKAM is a national rapporteur on trafficking.") == []


def test_footnote_without_an_address_is_caught():
    assert run("A fact.[^1]\n\n[^1]: Some report, 2020") == ["footnote [^1] gives no source address"]


def test_footnote_with_an_unlisted_address_is_caught():
    messages = run("[^a]: A blog: https://example.org/made-up", known={"https://www.state.gov/x"})
    assert messages == ["footnote [^a] cites https://example.org/made-up, which the project's reference material "
                        "does not list"]


def test_every_guidance_page_passes_the_fact_checks(tmp_path):
    assert check_guidance_facts(REPO, load_guidance(REPO / "docs" / "guidance", REPO)) == []
