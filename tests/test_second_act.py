"""A second Act (issue 11, item 10): nothing assumes Act 670 outside data and configuration.

tests/fixtures/second-act/ holds an invented "Test Fixture Act 2030 [Act 9999]" (a test fixture, not law) and its
amending Act A9901, whose provisions came into force on two dates (staged commencement), one of them never.
The stories: a contributor adds another Act and can read it as at any date, on the site, in search and with
`atipsom show`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from atipsom.app.corpus import project_docs
from atipsom.app.project import Project
from atipsom.app.site import Site
from atipsom.domain.amend import consolidate
from atipsom.domain.lookup import NotFound, resolve
from atipsom.domain.timeline import timeline_events, version_at
from atipsom.load.statutes import load_statutes

ROOT = Path(__file__).parent / "fixtures" / "second-act"
TODAY = dt.date(2032, 6, 1)


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(ROOT)


def words(provision) -> str:
    return " ".join(text for text in provision.texts() if text)


def test_contributor_adds_another_act_and_it_loads_under_its_own_id(project):
    statutes = project.statutes
    assert statutes.work.id == "act-9999"
    assert statutes.work.title["en"] == "Test Fixture Act 2030"
    assert sorted(statutes.sections) == ["1", "2", "3", "4"]
    assert [act.id for act in statutes.amendments] == ["act-a9901"]
    assert not project.consolidation.errors


def test_contributor_reads_s_2_of_the_other_act_as_at_a_date(project):
    resolved = resolve(project.consolidation, "s 2(widget)", as_at=dt.date(2030, 7, 1))
    assert "small device made for sale" in words(resolved.provision)
    assert resolved.version.in_force_from == dt.date(2030, 6, 1)  # Part I's commencement, from its work.md
    with pytest.raises(NotFound):
        resolve(project.consolidation, "s 3", as_at=dt.date(2030, 7, 1))  # Part II: not yet in force


def test_staged_commencement_applies_each_amending_provision_on_its_own_date(project):
    act = project.statutes.amendments[0]
    assert act.in_force_dates == (dt.date(2031, 3, 1), dt.date(2032, 1, 1))
    s4 = project.consolidation.versions["4"]
    s3 = project.consolidation.versions["3"]
    assert [v.in_force_from for v in s4] == [dt.date(2030, 9, 1), dt.date(2031, 3, 1)]  # A9901 s 2
    assert [v.in_force_from for v in s3] == [dt.date(2030, 9, 1), dt.date(2032, 1, 1)]  # A9901 s 3, later
    mid = version_at(s3, dt.date(2031, 6, 1))
    assert mid is not None and mid.change == "original"
    assert "five thousand ringgit" in words(version_at(s4, dt.date(2031, 6, 1)).body["en"])
    assert [ref.in_force for ref in s3[-1].amended_by] == [dt.date(2032, 1, 1)] * 2


def test_a_provision_never_brought_into_force_changes_no_text_and_is_shown_as_not_in_force(project):
    consolidation = project.consolidation
    assert "4A" not in consolidation.versions  # A9901 s 4 would have inserted s 4A
    never = [a for a in consolidation.applications if a.instruction.provision == "sec_4"]
    assert len(never) == 1 and never[0].in_force is None
    assert never[0].outcome == {"en": "not in force", "ms": "not in force"}
    with pytest.raises(NotFound, match="never brought into force"):
        resolve(consolidation, "A9901 s 4")
    site = Site(project, TODAY)
    page = next(p for p in site.pages() if p.path == site.urls.amendment_page("act-a9901"))
    assert page.content.count("not in force") == 2  # the English and the Malay column of A9901 s 4


def test_staged_commencement_dates_are_on_the_timeline(project):
    events = [(e.date, e.description) for e in timeline_events(project.statutes.work, project.statutes.amendments)]
    assert (dt.date(2031, 3, 1), "Act A9901 comes into force") in events
    assert (dt.date(2032, 1, 1), "A9901 s 3 come into force (P.U. (B) 9102/2031)") in events


def test_the_other_act_renders_its_section_pages(project):
    site = Site(project, TODAY)
    pages = {page.path: page.content for page in site.pages()}
    current = pages[site.urls.section_page("3")]
    assert site.urls.section_page("3").startswith("act-9999/")
    assert "in the form that the Registrar determines" in current
    assert "boleh memeriksa mana-mana" in current  # s 3(2), inserted by A9901 s 3 on its own date
    assert 'aria-describedby="def-ms-sec_2__def_inspector"' in current  # its s 2 definitions mark the terms
    assert 'id="sec_3__subsec_1__para_a"' in current
    old = pages[site.urls.section_page("3", dt.date(2030, 9, 1))]
    assert 'id="sec_3__para_a"' in old and "An inspector may inspect" not in old


def test_the_other_act_is_indexed_and_a_query_finds_it(project, tmp_path):
    from search.engine import SearchEngine
    from search.indexer import build_index

    docs = project_docs(project)
    assert {doc.id.split("/")[0] for doc in docs if doc.kind == "provision"} == {"act-9999"}
    build_index(docs, tmp_path, progress=False, full=True)
    engine = SearchEngine.open(tmp_path)
    then = engine.search("fine ringgit unregistered widget", as_at=dt.date(2030, 10, 1), lang="en")
    assert then.results and then.results[0].id.startswith("act-9999/sec_4")
    now = engine.search("inspector may inspect registered widget", as_at=TODAY, lang="en")
    assert any(hit.id.startswith("act-9999/sec_3__subsec_2") for hit in now.results)


def test_atipsom_show_answers_from_the_other_act(tmp_path):
    env = {**os.environ, "ATIPSOM_ROOT": str(ROOT), "ATIPSOM_TODAY": TODAY.isoformat()}
    done = subprocess.run([sys.executable, "-m", "atipsom.app.cli", "show", "s 4", "--as-at", "2031-06-01", "--json"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["id"] == "act-9999/sec_4@2031-03-01"
    assert "five thousand ringgit" in answer["text"]
    text = subprocess.run([sys.executable, "-m", "atipsom.app.cli", "show", "s 3(1)(b)"],
                          capture_output=True, text=True, env=env)
    assert text.returncode == 0, text.stderr
    assert "Act 9999, Part II" in text.stdout and "in the form that the Registrar determines" in text.stdout


def test_check_reports_a_staged_commencement_naming_no_instruction_with_its_line(tmp_path):
    import shutil

    shutil.copytree(ROOT / "statutes", tmp_path / "statutes")
    path = tmp_path / "statutes" / "amendments" / "act-a9901.md"
    text = path.read_text(encoding="utf-8").replace("provisions: [sec_3]", "provisions: [sec_3, sec_7]")
    text = text.replace("provisions: [sec_4]", "provisions: [sec_3__para_b]")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_statutes(tmp_path / "statutes")
    messages = [str(e) for e in caught.value.errors]
    lines = text.splitlines()
    seven = next(i for i, line in enumerate(lines, 1) if "sec_7" in line)
    twice = next(i for i, line in enumerate(lines, 1) if "[sec_3__para_b]" in line)
    assert any(m.startswith(f"statutes/amendments/act-a9901.md:{seven}:") and "A9901 s 7 has no instruction" in m
               for m in messages), messages
    assert any(m.startswith(f"statutes/amendments/act-a9901.md:{twice}:") and "already given a commencement" in m
               for m in messages), messages


def test_a_staged_date_before_the_first_commencement_is_an_error(tmp_path):
    import shutil

    shutil.copytree(ROOT / "statutes", tmp_path / "statutes")
    path = tmp_path / "statutes" / "amendments" / "act-a9901.md"
    path.write_text(path.read_text(encoding="utf-8").replace("- date: 2032-01-01", "- date: 2030-01-01"),
                    encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_statutes(tmp_path / "statutes")
    assert any("is not after dates.in_force (2031-03-01)" in str(e) for e in caught.value.errors)


def test_without_staged_commencement_every_instruction_comes_into_force_with_the_act(tmp_path):
    import shutil

    shutil.copytree(ROOT / "statutes", tmp_path / "statutes")
    path = tmp_path / "statutes" / "amendments" / "act-a9901.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("commencements:"), text.index("english_text:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    consolidation = consolidate(load_statutes(tmp_path / "statutes"))
    assert [v.in_force_from for v in consolidation.versions["3"]] == [dt.date(2030, 9, 1), dt.date(2031, 3, 1)]
    assert [v.in_force_from for v in consolidation.versions["4A"]] == [dt.date(2031, 3, 1)]


def test_an_old_permalink_of_a_renumbered_paragraph_still_reaches_it(project):
    """A9901 s 3 made s 3's paragraphs (a), (b) into s 3(1)(a), (b): a link to #sec_3__para_a (from a page saved
    before 2032) lands on s 3(1)(a), and `show` answers the old id with the provision as it is now."""
    current = version_at(project.consolidation.versions["3"], TODAY)
    assert current.renamed == {"sec_3__para_a": "sec_3__subsec_1__para_a", "sec_3__para_b": "sec_3__subsec_1__para_b"}
    site = Site(project, TODAY)
    html = next(p.content for p in site.pages() if p.path == site.urls.section_page("3"))
    new_at = html.index('id="sec_3__subsec_1__para_a"')
    old_at = html.index('<span class="atp-old-anchor" id="sec_3__para_a" aria-hidden="true"></span>')
    assert new_at < old_at < html.index('id="sec_3__subsec_1__para_b"')  # inside the provision it names now
    resolved = resolve(project.consolidation, "act-9999/sec_3__para_a", as_at=TODAY)
    assert resolved.eid == "sec_3__subsec_1__para_a" and "before it is first sold" in resolved.provision.text
    before = resolve(project.consolidation, "act-9999/sec_3__para_a", as_at=dt.date(2031, 6, 1))
    assert before.eid == "sec_3__para_a"  # the version before the renumbering has it under its own id


def test_a_version_before_the_renumbering_has_no_old_anchors(project):
    site = Site(project, TODAY)
    html = next(p.content for p in site.pages() if p.path == site.urls.section_page("3", dt.date(2030, 9, 1)))
    assert "atp-old-anchor" not in html and html.count('id="sec_3__para_a"') == 1


def test_nothing_a_reader_of_the_other_act_gets_names_act_670(project):
    """Every generated page of the second Act's site, its open-data files (JSON, Akoma Ntoso, manifest, zip
    listing) and its feed name Act 9999 and never Act 670: nothing in the code assumes the Act."""
    from atipsom.app.export.bulk import site_files

    site = Site(project, TODAY)
    texts = {page.path: page.content for page in site.pages()}
    for item in site_files(project, TODAY):
        if isinstance(item.content, str):
            texts[item.path] = item.content
        elif not item.path.endswith(".zip"):
            texts[item.path] = item.content.decode("utf-8")
    # the JSON Schema is the format's own documentation: its examples ("act-670/sec_44@2015-11-18") are the same for
    # every Act
    texts.pop("data/law-data.schema.json")
    assert len(texts) > 20
    naming_670 = sorted(path for path, text in texts.items() if re.search(r"\b670\b", text))
    assert naming_670 == []
    act_page = texts[site.urls.act_page()]
    assert "Act 9999" in act_page and "Akta 9999" in act_page
    timeline = texts[site.urls.timeline_page()]
    assert "# Timeline of Act 9999" in timeline and 'aria-label="Timeline of Act 9999"' in timeline
    assert "Perkataan yang ditakrifkan dalam seksyen 2 Akta 9999" in texts["ms/glossary/index.md"]
    assert "Act 9999 as enacted (P.U. (B) 9001/2030)" in texts[site.urls.history_page("1")]
    manifest = json.loads(texts["data/manifest.json"])
    assert manifest["licence"]["statute_text"].startswith("The text of Act 9999 and its amending Acts")


def test_a_program_reading_the_api_description_of_the_other_act_is_told_which_act_it_is(tmp_path):
    """The OpenAPI description served with a generation names that generation's Act, from its data."""
    from starlette.testclient import TestClient

    from atipsom.app.api import create_app
    from atipsom.app.served import GenerationLookup

    def no_index():
        raise FileNotFoundError("no index in this test")

    with TestClient(create_app(no_index, GenerationLookup(ROOT)), base_url="http://localhost") as client:
        description = client.get("/api/openapi.json").json()["info"]["description"]
    assert "Test Fixture Act 2030 [Act 9999] as it stood on any date" in description
    assert not re.search(r"\b670\b", description)


def test_the_maintainers_copies_of_the_sources_are_looked_for_under_the_acts_own_name(tmp_path, monkeypatch):
    """`atipsom check` compares locators with ../shared/sources/<work id without its hyphen>/: act9999 here."""
    from atipsom.app.project import shared_sources_dir

    monkeypatch.delenv("ATIPSOM_SHARED_SOURCES", raising=False)
    other = Project(tmp_path / "repo")
    (tmp_path / "repo" / "statutes").mkdir(parents=True)
    assert shared_sources_dir(Project(ROOT)) is None  # no copies beside the fixture
    copies = tmp_path / "shared" / "sources" / "act9999"
    copies.mkdir(parents=True)
    (tmp_path / "repo" / "statutes" / "act-9999").mkdir()
    (tmp_path / "repo" / "statutes" / "act-9999" / "work.md").write_text("---\nid: act-9999\n---\n", encoding="utf-8")
    assert shared_sources_dir(other) == copies
    monkeypatch.setenv("ATIPSOM_SHARED_SOURCES", str(tmp_path))
    assert shared_sources_dir(other) == tmp_path


def test_the_api_description_names_an_act_whose_english_title_no_source_gives_by_its_malay_title(tmp_path):
    """A title no source gives in English is MISSING, not words: the description falls back to the Malay."""
    import shutil

    from atipsom.app.served import GenerationLookup

    root = tmp_path / "act"
    shutil.copytree(ROOT, root)
    work = root / "statutes" / "act-9999" / "work.md"
    work.write_text(work.read_text(encoding="utf-8").replace("  en: Test Fixture Act 2030\n",
                                                             "  en: \"{not available}\"\n", 1), encoding="utf-8")
    assert GenerationLookup(root).act_name() == "Akta Lekapan Ujian 2030 [Act 9999]"
