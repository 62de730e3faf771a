"""Accessibility (WCAG 2.2 AA) of every page type: axe-core in Chromium, in the light and the dark colour
scheme, fails on any serious or critical violation; and what axe cannot see: the keyboard path through a
section (skip link, language buttons, defined terms, citation buttons, all with a visible focus), a heading
for each provision, and the diff legible without colour.

axe-core comes from the PyPI package axe-playwright-python (a test dependency): it is injected into the
page by the test and is never part of the site."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .pagetypes import PAGE_TYPES

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING = {"serious", "critical"}
# in the dark scheme only colours change
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def run_axe(page, rules: list[str] | None = None) -> dict:
    from axe_playwright_python.sync_playwright import Axe

    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_AA}
    return Axe().run(page, options={"runOnly": only, "resultTypes": ["violations"]}).response


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.append("      " + node.get("failureSummary", "").replace("\n", " ")[:300])
    return "\n".join(lines)


def record(report, name: str, result: dict) -> None:
    report.axe[name] = {
        "passes": len(result.get("passes", [])),
        "rules": [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]],
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_serious_accessibility_problem(open_reader, report, name, scheme):
    reader = open_reader(color_scheme=scheme)
    page = reader.open(PAGE_TYPES[name])
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    expect(page.locator("a.md-skip")).to_have_count(1)  # "Skip to content", the first thing Tab reaches
    result = run_axe(page, None if scheme == "light" else COLOUR_RULES)
    record(report, f"{name} ({scheme})", result)
    serious = [v for v in result["violations"] if v["impact"] in FAILING]
    assert not serious, f"{name} ({scheme}):\n{describe(serious)}"
    # our own pages keep their headings in order (a moderate rule in axe, but it is how screen readers navigate)
    assert not [v for v in result["violations"] if v["id"] == "heading-order"], describe(result["violations"])


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {tag: el.tagName, cls: el.className, text: (el.getAttribute('aria-label') || el.textContent).trim(),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== 'none'};
    }""")


def test_keyboard_path_through_a_section(reader):
    page = reader.open("/act-670/sec_51/")
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")  # skip to the content: the next Tab stays in the main column
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.md-content') !== null"), focused(page)

    reached = {"language": False, "term": False, "cite": False}
    for _ in range(40):
        state = focused(page)
        kind = ("language" if "atp-langbar" in page.evaluate("document.activeElement.parentElement.className")
                else "term" if "atp-term" in state["cls"] else "cite" if "atp-cite" in state["cls"] else None)
        if kind:
            reached[kind] = True
            assert state["outline"] or state["shadow"], f"no visible focus on {state}"
        if all(reached.values()):
            break
        page.keyboard.press("Tab")
    assert all(reached.values()), reached


def test_a_heading_for_every_subsection(reader):
    page = reader.open("/act-670/sec_51/2015-11-18/")
    law = page.locator(".atp-law")
    subsections = law.locator(".atp-subsec")
    headings = law.get_by_role("heading", level=3)
    assert subsections.count() == headings.count() > 1
    expect(headings.first).to_have_text("s 51(1)")
    expect(page.get_by_role("heading", level=2, name="Text of section 51")).to_have_count(1)


def test_the_language_switch_says_which_language_is_shown(reader):
    page = reader.open("/act-670/sec_44/")
    bar = page.get_by_role("group", name="Language of the text")
    buttons = bar.get_by_role("button")
    assert buttons.count() == 3
    for i in range(3):
        assert buttons.nth(i).get_attribute("aria-pressed") in ("true", "false")


def test_the_diff_reads_without_colour(reader):
    page = reader.open(PAGE_TYPES["diff"])
    page.emulate_media(forced_colors="active")
    inserted = page.locator("table.atp-diff ins").first
    deleted = page.locator("table.atp-diff del").first
    assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
    # and in words, for screen readers and for anyone who cannot tell the lines apart
    assert inserted.inner_text().startswith("[inserted: ") or "[inserted: " in inserted.text_content()
    assert "[deleted: " in deleted.text_content()
    expect(page.locator(".atp-diff-legend")).to_contain_text("underlined")
