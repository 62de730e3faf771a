"""The Act as first enacted (bill D.R. 7/2007): 67 sections, each in English and Malay.

These tests read the real section files in statutes/act-670/. The comparison with the bill
needs the maintainers' copy of the sources (../shared/sources/act670 from the repository
root); without it those tests are skipped, never failed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from atipsom.domain.body import parse_body, split_languages

REPO = Path(__file__).resolve().parents[1]
ACT = REPO / "statutes" / "act-670"
SOURCES = REPO.parent / "shared" / "sources" / "act670"
LANGS = ("en", "ms")
SECTION_KEYS = {"id", "section", "part", "heading", "source", "text_status", "editor_note", "corrections"}

# Sections compared word for word with the bill: spread over every Part, and including the
# awkward ones (second list inside closing words, corrected OCR errors, clause numbers that
# are not bold in the Malay bill, a text that runs over several pages).
SAMPLE = ("1", "3", "9", "12", "13", "14", "19", "23", "25", "30", "34", "35", "41", "52", "54", "57",
          "60", "64", "65", "67")

BILL = {
    "en": ("bills/2007-original-bill.en.md", "ENACTED by the Parliament of Malaysia as follows:",
           "EXPLANATORY STATEMENT"),
    "ms": ("bills/2007-original-bill.ms.md", "DIPERBUAT oleh Parlimen Malaysia seperti yang berikut:", "HURAIAN"),
}

needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason=f"the shared sources folder {SOURCES} (../shared/sources/act670 from the repo root) is absent",
)


# --- reading our files ------------------------------------------------------------------------

def arrangement() -> dict[str, str]:
    """Section number -> Part, from the work file (the arrangement of 2007)."""
    front = yaml.safe_load((ACT / "work.md").read_text(encoding="utf-8").split("---\n")[1])
    return {str(number): part["part"] for part in front["parts"] for number in part["sections"]}


def read_section(number: str) -> tuple[dict, dict[str, str]]:
    text = (ACT / f"sec_{number}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    blocks = split_languages(body, path=f"sec_{number}.md", first_line=1)
    return yaml.safe_load(front), {lang: blocks[lang][0] for lang in blocks}


def tree(number: str, lang: str):
    _, bodies = read_section(number)
    return parse_body(bodies[lang], root_eid=f"sec_{number}", path=f"sec_{number}.md")


def outline(node) -> list[str]:
    out = []
    for child in node.children:
        out.append(f"{child.eid} {child.kind}{' +closing' if child.wrapup else ''}")
        out += outline(child)
    return out


def our_words(body: str) -> str:
    words = []
    for line in body.split("\n"):
        line = re.sub(r"^- (\{#[^}]+\} )?", "", line.strip())
        words.append(line)
    return normalise(" ".join(words))


def normalise(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("’", "'")
    return " ".join(text.split())


# --- reading the bill (a small extraction of its own, independent of the import tool) ----------

def bill_clause(lang: str, number: int) -> str:
    file, start_words, end_words = BILL[lang]
    text = (SOURCES / file).read_text(encoding="utf-8")
    body = text.split(start_words, 1)[1].split(end_words, 1)[0]
    lines, after_page_break = [], False
    for raw in body.split("\n"):
        line = raw.strip()
        if line == "-----":
            after_page_break = True
            continue
        if after_page_break and line:  # the running head at the top of each page
            after_page_break = False
            continue
        lines.append(line.replace("*", "").replace("_", ""))
    starts, position = [], 0
    for n in range(1, number + 2):
        found = next((i for i in range(position, len(lines)) if re.match(rf"{n}\.(\s|$)", lines[i])), None)
        if found is None:
            break
        starts.append(found)
        position = found + 1
    chunk = lines[starts[number - 1]:starts[number]] if len(starts) > number else lines[starts[number - 1]:]
    if len(starts) > number:
        while chunk and not chunk[-1]:
            chunk.pop()
        while chunk and chunk[-1]:  # the shoulder note of the next clause
            chunk.pop()
        while chunk and (not chunk[-1] or (chunk[-1] == chunk[-1].upper() and re.search("[A-Z]", chunk[-1]))):
            chunk.pop()  # a Part heading
    return normalise(re.sub(rf"^{number}\.\s*", "", " ".join(chunk)))


# --- the stories -------------------------------------------------------------------------------

def test_every_section_of_the_2007_arrangement_has_english_and_malay_text():
    parts = arrangement()
    assert len(parts) == 67
    for number in parts:
        front, bodies = read_section(number)
        assert set(bodies) == set(LANGS), f"s {number}"
        for lang in LANGS:
            assert our_words(bodies[lang]), f"s {number} ({lang}) is empty"
            assert front["heading"][lang], f"s {number} has no {lang} heading"


def test_each_section_file_names_its_part_and_its_bill_clause():
    for number, part in arrangement().items():
        front, _ = read_section(number)
        assert set(front) == SECTION_KEYS, f"s {number}"
        assert front["id"] == f"act-670/sec_{number}"
        assert front["section"] == number
        assert front["part"] == part, f"s {number} is in Part {part} of the arrangement"
        assert front["source"] == {
            "en": {"ref": "bill-2007-en", "locator": f"cl. {number}"},
            "ms": {"ref": "bill-2007-ms", "locator": f"fasal {number}"},
        }
        for correction in front["corrections"]:
            assert set(correction) == {"lang", "source_reads", "we_read", "reason"}


def test_reader_finds_the_same_provisions_in_english_and_malay():
    for number in arrangement():
        assert outline(tree(number, "en")) == outline(tree(number, "ms")), f"s {number}"


def test_definitions_carry_the_english_slug_in_both_languages():
    en, ms = tree("2", "en"), tree("2", "ms")
    ids = [child.eid for child in en.children]
    assert ids == [child.eid for child in ms.children]
    assert len(ids) == 23
    assert "sec_2__def_trafficking-in-persons" in ids
    assert "sec_2__def_officer-of-customs" in ids
    malay = {child.eid: child.text for child in ms.children}
    assert malay["sec_2__def_trafficking-in-persons"].startswith("“pemerdagangan orang”")


def test_lawyer_is_told_the_english_protection_order_definition_is_cut_short():
    front, _ = read_section("2")
    assert front["text_status"] == {"en": "incomplete", "ms": "verbatim"}
    assert "Protection Order" in front["editor_note"]
    assert "51(3)(a)" in front["editor_note"]
    english = {child.eid: child.text for child in tree("2", "en").children}
    malay = {child.eid: child.text for child in tree("2", "ms").children}
    assert english["sec_2__def_protection-order"].endswith("under paragraph")
    assert malay["sec_2__def_protection-order"].endswith("di bawah perenggan 51(3)(a);")


def test_curly_quotes_as_printed():
    for number in arrangement():
        _, bodies = read_section(number)
        for lang in LANGS:
            assert '"' not in bodies[lang] and "'" not in bodies[lang], f"s {number} ({lang})"


@needs_sources
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number", SAMPLE)
def test_section_reads_as_the_bill(number, lang):
    front, bodies = read_section(number)
    expected = bill_clause(lang, int(number))
    for correction in front["corrections"]:
        if correction["lang"] == lang and correction["source_reads"] in expected:
            expected = expected.replace(correction["source_reads"], correction["we_read"])
    assert our_words(bodies[lang]) == expected


@needs_sources
def test_import_tool_reproduces_the_committed_files():
    result = subprocess.run([sys.executable, str(REPO / "tools" / "import_bill_2007.py"), "--check",
                             "--sources", str(SOURCES)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
