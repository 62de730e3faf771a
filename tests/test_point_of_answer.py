"""A caseworker who stops after the first screen has the section: every statement of law in a guidance page
carries its citation where it is read (atipsom/domain/law_blocks.py; the bad-input fixtures show the messages)."""

from __future__ import annotations

import datetime as dt

from atipsom.domain.law_blocks import blocks, citation_errors, names_a_provision
from atipsom.domain.model import GuidancePage

LINK = "([s 44(2)](law:act-670/sec_44__subsec_2))"


def _page(body: str, summary: str = f"Twenty-one days {LINK}.", slug: str = "p") -> GuidancePage:
    return GuidancePage(slug=slug, title="T", summary=summary, audience=(), cites=(), question=None,
                        reviewed=dt.date(2026, 12, 5), body=body, path="docs/guidance/p.md", body_line=10,
                        summary_line=3)


def _flagged(body: str) -> list[int]:
    return [error.line for error in citation_errors(_page(body)) if error.line != 3]


def test_the_summary_must_cite_in_its_first_paragraph():
    assert [e.line for e in citation_errors(_page("", summary="Twenty-one days."))] == [3]
    assert citation_errors(_page("", summary=f"Twenty-one days.\n\nSince 2015 {LINK}.")) != []
    assert citation_errors(_page("", summary=f"Twenty-one days {LINK}.\n\nMore.")) == []


def test_every_paragraph_item_and_table_row_that_states_law_needs_its_own_link():
    body = (f"## Short answer\n\n| Stage | Days | Provision |\n|---|---|---|\n| IPO | 21 | {LINK} |\n| PO | 90 | |\n\n"
            f"- cited {LINK}\n- not cited\n  and its second line\n\nA paragraph.\n")
    # lines: 10 heading, 12 header row, 13 separator, 14 cited row, 15 uncited row, 17 item, 18 item, 21 paragraph
    assert _flagged(body) == [15, 18, 21]


def test_exempt_sections_cover_their_subsections_in_both_languages():
    body = ("## Who this is for\n\nAnyone.\n\n### Detail\n\nStill exempt.\n\n## Dalam amalan\n\nTidak perlu.\n\n"
            "## What the law says\n\n### In practice\n\nReports say so.\n\n### The order\n\nThe law says so.\n")
    assert _flagged(body) == [30]


def test_advice_is_a_tip_box_or_a_step_that_names_no_provision():
    body = ("## What the law says\n\n!!! tip \"Practical advice\"\n    Keep a copy of every letter.\n\n"
            "## What to ask for or do\n\n- **Ask early.** Write to the Protection Officer.\n"
            "- **Read s 51A** first.\n- **Ask** under [s 51A](law:act-670/sec_51A).\n\n"
            "## Apa yang boleh diminta atau dilakukan\n\n- **Tanya seksyen 51A** dahulu.\n")
    assert _flagged(body) == [18, 23]


def test_lead_ins_cross_references_images_and_footnotes_are_not_statements():
    body = (f"## What the law says\n\nThe rules:\n\n- one {LINK}\n\nSee [the other page](other.md).\n\n"
            "![A diagram](../assets/diagram.svg)\n\n[^a]: A source: https://example.org\n\n"
            f"```\ncode\n```\n\nThe words:\n\nThe end.\n\n**Limits:**\n\n- one {LINK}\n")
    assert _flagged(body) == [26, 28]  # a colon not followed by a list is a statement; so is the last line


def test_index_pages_are_navigation():
    assert citation_errors(_page("A list of pages.", summary="All the pages.", slug="index")) == []


def test_a_provision_named_in_words_is_found_outside_link_text():
    assert names_a_provision("read s 51A first") and names_a_provision("baca seksyen 44 dahulu")
    assert not names_a_provision(f"in 14 days under Act 670 {LINK}")


def test_blocks_know_their_headings_and_boxes():
    found = blocks("# Title\n\n## Short answer\n\n!!! info \"Note\"\n    Boxed.\n\nAfter.\n", 1)
    assert [(b.kind, b.sections, b.box) for b in found] == [
        ("para", ("title", "short answer"), "info"), ("para", ("title", "short answer"), None)]


def test_a_list_nested_in_a_cited_item_is_part_of_it():
    body = (f"## What the law says\n\n5. **Decision.** The Magistrate may {LINK}:\n    - place the person in care;\n"
            "    - require a bond.\n6. **Revocation.** Any time.\n")
    assert _flagged(body) == [15]


def test_a_statement_about_another_law_gives_its_source_in_a_footnote():
    body = "## What the law says\n\nThe Employment Act has its own offence, s 90B.[^ea]\n\nAnother law says so.\n"
    assert _flagged(body) == [14]


def test_notes_in_our_own_voice_and_cross_references_need_no_citation_unless_they_name_a_section():
    body = ("## What the law says\n\nThis page covers Act 670 only.\n\nWe do not summarise the Penal Code.\n\n"
            "- **foreign national**: see the table.\n- **End.** See [the other page](x.md).\n\n"
            "Kami tidak meringkaskan Kanun itu.\n\nSee s 54 for the rest.\n")
    assert _flagged(body) == [21]


def test_a_page_listed_as_untranslated_waits_for_its_malay_page_and_its_citations(tmp_path):
    from atipsom.app.check import check_tree
    from tests.clean_tree import TODAY, write_clean_project

    root = write_clean_project(tmp_path)
    page = root / "docs" / "guidance" / "new-page.md"
    page.write_text("---\ntitle: \"New\"\nsummary: \"Not cited yet.\"\naudience: [caseworkers]\ncites:\n"
                    "  - act-670/sec_44\nreviewed: 2026-11-29\n---\n\n# New\n\nA statement of law.\n", encoding="utf-8")
    found = {(e.path, e.message.split(":")[0]) for e in check_tree(root, today=TODAY)}
    assert ("docs/guidance/new-page.md", "no Malay counterpart") in found
    assert ("docs/guidance/new-page.md", "summary (In short)") in found
    (root / "reference").mkdir(exist_ok=True)
    (root / "reference" / "translation-gaps.yml").write_text("untranslated:\n  - docs/guidance/new-page.md\n",
                                                              encoding="utf-8")
    assert check_tree(root, today=TODAY) == []
