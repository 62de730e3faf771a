"""The pages readers get in English and Malay, as Markdown before the site generator (fast: no build): the answer
first with its citation as a link, the counterpart, the provisions at the version in force, the glossary."""

from __future__ import annotations

import datetime as dt

import pytest

from atipsom.app.links import case_links, load_links
from atipsom.app.written_pages import WrittenPages
from atipsom.domain.model import GuidancePage
from atipsom.domain.timeline import version_at
from atipsom.render import bilingual
from atipsom.render.html import PLACEHOLDER
from tests.conftest import REPO

TODAY = dt.date(2026, 12, 5)
SLUG = "ketheeswaran-v-pp-federal-court-2024-s61a"


@pytest.fixture(scope="module")
def written():
    from atipsom.app.project import load_project

    project = load_project(REPO)
    links = load_links(None, project, project.guidance, TODAY, extra=case_links(project.cases, "act-670"))
    return WrittenPages(project, TODAY, links)


def test_a_malay_case_note_opens_with_its_answer_citing_the_section_as_a_link(written):
    note = written.cases[("ms", SLUG)]
    page = written.markdown(f"ms/cases/{SLUG}.md", note.body)
    assert page.startswith(f"# {note.title}")
    answer = page[page.index("Secara ringkas"):].split("</div>", 1)[0]
    assert "](../../act-670/sec_61A/2010-11-15/index.md)" in answer  # the version in force on the day
    assert f'href="{PLACEHOLDER}cases/{SLUG}.md" hreflang="en" lang="en"' in page
    assert "Baca dalam Bahasa Inggeris" in page and "Versi bahasa Inggeris ditulis dahulu." in page
    assert "versi yang berkuat kuasa dari 15 November 2010" in page and "law:" not in page


def test_a_guidance_page_in_malay_speaks_malay_around_the_contributed_words():
    page = GuidancePage(slug="x", title="Berapa lama?", summary="21 hari ([seksyen 44(2)](../x.md)).",
                        audience=("caseworkers", "lawyers"), cites=(), question=1, reviewed=dt.date(2026, 11, 29),
                        body="", path="docs/ms/guidance/x.md", lang="ms", written_first="en")
    header = bilingual.guidance_header(page, page.summary, "guidance/x.md", "en")
    assert "**Secara ringkas:** 21 hari ([seksyen 44(2)](../x.md))." in header
    assert "Untuk: pekerja kes, peguam. Disemak berdasarkan undang-undang pada 29 November 2026." in header
    assert '??? info "Maklumat umum, bukan nasihat undang-undang"' in header  # collapsed: the answer comes first on a phone
    assert ">Baca dalam Bahasa Inggeris</a>" in header


def test_contributed_words_are_escaped_in_the_generated_parts(written):
    page = GuidancePage(slug="x", title="T", summary="a <script>alert(1)</script> & b", audience=("<b>",),
                        cites=(), question=1, reviewed=dt.date(2026, 11, 29), body="", path="docs/guidance/x.md")
    header = bilingual.guidance_header(page, page.summary, None, None)
    assert "<script>" not in header and "&lt;script&gt;" in header and "&lt;b&gt;" in header


def test_a_section_page_lists_the_decisions_on_it_with_the_version_then_in_force(written):
    versions = written.project.consolidation.versions["61A"]
    box = written.section_box(version_at(versions, TODAY))
    assert 'class="atp-cases-box"' in box and box.count("<li>") >= 4  # two guidance pages, two decisions
    assert f"{PLACEHOLDER}act-670/sec_61A/2010-11-15/index.md" in box
    assert f'{PLACEHOLDER}ms/cases/{SLUG}.md" lang="ms"' in box


def test_the_glossary_pages_anchor_every_term_in_both_languages(written):
    english, malay = written.glossary_pages()
    assert (english.path, malay.path) == ("glossary/index.md", "ms/glossary/index.md")
    assert "lang: ms" in malay.content.split("---")[1] and "lang:" not in english.content.split("---")[1]
    assert "## child · kanak-kanak {: #child }" in english.content
    assert "## kanak-kanak · child {: #child }" in malay.content
    assert "changed by A1644 s 2(d)" in english.content and "dipinda oleh A1644 s 2(d)" in malay.content
    assert english.edit_path == "statutes/act-670/sec_2.md"


def test_a_malay_page_links_to_the_english_page_while_its_malay_sibling_is_not_written(tmp_path):
    from types import SimpleNamespace

    for path in ("guidance/written.md", "guidance/untranslated.md", "ms/guidance/written.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# x\n", encoding="utf-8")
    pages = WrittenPages(SimpleNamespace(docs_dir=tmp_path), TODAY, None)
    text = "See [one](written.md), [two](untranslated.md#top) and [three](https://example.org/x.md)."
    assert pages._english_while_untranslated("ms/guidance/x.md", text) == (
        "See [one](written.md), [two](../../guidance/untranslated.md#top) and [three](https://example.org/x.md).")
