#!/usr/bin/env python3
"""Import Act 670 as first enacted (bill D.R. 7/2007) into ``statutes/act-670/sec_<n>.md``.

Maintainer tool. It reads the Markdown conversions of the 2007 bill in both languages
(``bills/2007-original-bill.en.md`` and ``bills/2007-original-bill.ms.md`` in the shared
sources folder, never copied into this repository) and writes the 67 section files in the
format of ``statutes/README.md``. Running it twice gives byte-identical files.

    python tools/import_bill_2007.py                       # write the 67 files, then self-check
    python tools/import_bill_2007.py --check               # write nothing; fail if a file would change
    python tools/import_bill_2007.py --sources DIR         # default: ../shared/sources/act670 (from the repo root)
    python tools/import_bill_2007.py --review              # also print the audit lists (inline numbers, definitions)

What it does, in order (each step is a pure function; I/O is only in ``main``):

1. Cut the body of the bill: from the enacting formula to "EXPLANATORY STATEMENT" / "HURAIAN"
   (the arrangement of clauses and the explanatory statement are skipped).
2. Remove page debris: every page separator ``-----`` and the running head that follows it
   (``_Bill_``, ``_Anti-Trafficking in Persons_``, the split ``_Anti-Traffic king in Persons_``,
   ``_Rang Undang-Undang_``, ``# Antipemerdagangan Orang``, ...); any other line after a separator
   is an error. The bills carry no page numbers.
3. Remove Markdown emphasis (every ``*`` and ``_``: the law text has none of its own).
4. Find the Part headings (``PART I`` / ``P ART V`` / ``BAHAGIAN I`` / ``B AHAGIAN V``) and the
   clauses 1-67 in sequence: a clause starts at a line ``<n>.`` (bold or not: the English
   "13." and the Malay 3, 9, 57 and 65 are not bold or are italic); its shoulder note is the
   block of lines just above it (cl. 13 English is broken over two lines).
5. Repair conversion debris listed in ``DEBRIS_REPAIRS`` (hyphens lost at line ends,
   split numbers); every repair must match exactly once, so a reviewer can audit each.
6. Apply the corrections in ``CORRECTIONS`` (OCR misreadings of letters and of paragraph
   numbers); each is written to the section's front matter ``corrections``.
7. Quotes. The Markdown conversion has straight ASCII quotes where the printed bill and Act
   have curly ones. Convention: a straight double quote that starts the text or follows a
   space, "(", "[" or a dash becomes the opening quote (U+201C), every other one the closing
   quote (U+201D); every straight apostrophe becomes U+2019 (the Act has no single opening
   quotes). No other character is changed.
8. Parse each clause into provisions (body format of ``statutes/README.md``): subsections
   ``(1)``, paragraphs ``(a)``, subparagraphs ``(i)``, definitions in s 2, and closing words.
   A number at the start of a line is a new provision only if it is the next number in
   sequence (or the first child, after words that introduce a list); otherwise it is a
   cross-reference that the converter put at a line start ("under subsection / (1) shall")
   and stays text. ``(i)`` after ``(h)`` is a paragraph unless ``(h)`` ends with a dash.
   Closing words (after a list) are never guessed: they are listed in ``CLOSING_WORDS``
   with the provision they belong to.
9. Check that the English and Malay trees align (same ids, same nesting, same closing words)
   and fail loudly if not; check that each Part matches ``statutes/act-670/work.md``.
10. Self-check: for every section and language, the words of our body (without ``- ``, ids)
    must equal the cleaned clause text of the bill after normalising whitespace and quotes,
    except for the recorded corrections. Headings are compared with the bill's own
    arrangement of clauses and with ``consolidated/arrangement.txt`` (B07/A07 columns);
    differences are printed, not fatal.

Source defects that are kept as the bill has them are listed in ``KEPT_DEFECTS``; their notes
become the section's ``editor_note``; where text is lost, ``text_status`` is ``incomplete``, and
where another source implies a different reading, ``disputed``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO.parent / "shared" / "sources" / "act670"
DEFAULT_OUT = REPO / "statutes" / "act-670"
WORK_FILE = REPO / "statutes" / "act-670" / "work.md"

LANGS = ("en", "ms")
SECTION_COUNT = 67


# --------------------------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Language:
    code: str
    bill_file: str
    source_ref: str
    locator: str  # format with the clause number
    body_heading: str
    enacting: str
    end_marker: str
    part_re: re.Pattern
    running_head_re: re.Pattern
    definition_re: re.Pattern


LANGUAGES = {
    "en": Language(
        code="en",
        bill_file="bills/2007-original-bill.en.md",
        source_ref="bill-2007-en",
        locator="cl. {n}",
        body_heading="## English",
        enacting="ENACTED by the Parliament of Malaysia as follows:",
        end_marker="EXPLANATORY STATEMENT",
        part_re=re.compile(r"^P ?ART ([IVX]+)$"),
        running_head_re=re.compile(r"^[*_]*(Bill|Anti-Tra[a-z]* ?[a-z]* in Persons)[*_]*$"),
        definition_re=re.compile(r"^“[^”]+”(?: or “[^”]+”)? +(means|has|includes)\b"),
    ),
    "ms": Language(
        code="ms",
        bill_file="bills/2007-original-bill.ms.md",
        source_ref="bill-2007-ms",
        locator="fasal {n}",
        body_heading="## Bahasa Malaysia",
        enacting="DIPERBUAT oleh Parlimen Malaysia seperti yang berikut:",
        end_marker="HURAIAN",
        part_re=re.compile(r"^B ?AHAGIAN ([IVX]+)$"),
        running_head_re=re.compile(r"^(# )?[*_]*(Rang Undang-Undang|Antipemerdagangan Orang)[*_]*$"),
        definition_re=re.compile(r"^“[^”]+”(?: atau “[^”]+”)? +(ertinya|mempunyai|termasuklah)\b"),
    ),
}


# --------------------------------------------------------------------------------------------
# Audit lists: every repair, correction, kept defect and closing-words decision
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Repair:
    """Conversion debris repaired without a correction entry (statutes/README.md)."""

    lang: str
    section: str
    source_reads: str  # a space matches any run of whitespace (line breaks included)
    we_read: str
    reason: str


HYPHEN_LOST = "hyphen lost at a line end in the conversion (Malay reduplication is always hyphenated)"

DEBRIS_REPAIRS: tuple[Repair, ...] = (
    Repair("ms", "2", "peraturan peraturan;", "peraturan-peraturan;", HYPHEN_LOST),
    Repair("ms", "2", "menyalahi undangundang", "menyalahi undang-undang", HYPHEN_LOST),
    Repair("ms", "4", "dalam mana mana kapal udara", "dalam mana-mana kapal udara", HYPHEN_LOST),
    Repair("ms", "5", "mana-mana undangundang bertulis lain, peruntukan",
           "mana-mana undang-undang bertulis lain, peruntukan", HYPHEN_LOST),
    Repair("ms", "7", "orang- orang yang berkemungkinan", "orang-orang yang berkemungkinan",
           "the converter left a space after the hyphen at a line end"),
    Repair("ms", "43", "43. ( 1 ) Menteri", "43. (1) Menteri", "spaces inside the subsection number"),
    Repair("ms", "51", "mengikut manamana yang berkenaan", "mengikut mana-mana yang berkenaan", HYPHEN_LOST),
    Repair("ms", "58", "memasukkan apaapa butiran", "memasukkan apa-apa butiran", HYPHEN_LOST),
    Repair("ms", "61", "atas kehendak manamana pegawai", "atas kehendak mana-mana pegawai", HYPHEN_LOST),
    Repair("ms", "66", "mana-mana peraturanperaturan;", "mana-mana peraturan-peraturan;", HYPHEN_LOST),
)


@dataclass(frozen=True)
class Correction:
    """A change to the source words beyond conversion debris; written to ``corrections``."""

    lang: str
    section: str
    source_reads: str
    we_read: str
    reason: str
    field: str = "text"  # "text" or "heading"
    parse_as: str = ""  # what the parser is given, when a line break matters (else we_read)


OCR = "OCR misreading in the conversion of the printed bill"

CORRECTIONS: tuple[Correction, ...] = (
    Correction("en", "31", "raoveable property", "moveable property",
               f"{OCR} (“m” read as “ra”); the same list reads “moveable property” everywhere else"),
    Correction("en", "34", "paragraph (i)(c)", "paragraph (1)(c)",
               f"{OCR} (“1” read as “i”): section 34 has no paragraph (i); the Malay text reads “perenggan (1)(c)”"),
    Correction("en", "34", "thumb print fa) after", "thumb print (a) after",
               f"{OCR}: the paragraph number “(a)” is read as “fa)”",
               parse_as="thumb print\n(a) after"),
    Correction("en", "52", "subparagraph 51 (3)(a)(ii),", "subparagraph 51(3)(a)(ii),",
               "stray space inside the citation from the conversion: the 2015 amending bill (D.R. 18/2015, cl. 12(a)) "
               "quotes these words of the Act as “subparagraph 51(3)(a)(ii), where”, and the Malay text reads "
               "“subperenggan 51(3)(a)(ii)”"),
    Correction("en", "64", "any person who -at the time", "any person who at the time",
               f"{OCR}: a stray hyphen before “at”; the Malay text has nothing there"),
    Correction("en", "66", "regulations may be made-fa) to prescribe", "regulations may be made— (a) to prescribe",
               f"{OCR}: the dash and the paragraph number “(a)” are read as “-fa)”; the Malay text reads “boleh dibuat —” "
               "followed by paragraph (a)",
               parse_as="regulations may be made—\n(a) to prescribe"),
    Correction("ms", "7", "Tanpa rnenjejaskan", "Tanpa menjejaskan", f"{OCR} (“m” read as “rn”)"),
    Correction("ms", "10", "subseksyen(l)—", "subseksyen (1)—",
               f"{OCR} (“1” read as “l”, space lost); the English text reads “subsection (1)”"),
    Correction("ms", "10", "memegangjawatan", "memegang jawatan", "space between two words lost in the conversion"),
    Correction("ms", "17", "Kelakuan seksual- lampau tidak relevan", "Kelakuan seksual lampau tidak relevan",
               "stray hyphen in the shoulder note; the bill’s arrangement of clauses and the text of the clause "
               "read “Kelakuan seksual lampau”", field="heading"),
    Correction("ms", "25", "perbuatan peraerdagangan orang", "perbuatan pemerdagangan orang",
               f"{OCR} (“m” read as “ra”)"),
    Correction("ms", "34", "rnenyatakan", "menyatakan", f"{OCR} (“m” read as “rn”)"),
    Correction("ms", "50", "yang diambi! ke dalam", "yang diambil ke dalam", f"{OCR} (“l” read as “!”)"),
    Correction("ms", "50", "yang Iiabilitinya", "yang liabilitinya", f"{OCR} (“l” read as “I”)"),
    Correction("ms", "52", "dinyatakan dalara saman", "dinyatakan dalam saman", f"{OCR} (“m” read as “ra”)"),
    Correction("ms", "52", "dijadlkan", "dijadikan", f"{OCR} (“i” read as “l”)"),
    Correction("ms", "56", "melarikan din,", "melarikan diri,", f"{OCR} (“ri” read as “n”)"),
    Correction("ms", "56", "ke ternpat", "ke tempat", f"{OCR} (“m” read as “rn”)"),
)


@dataclass(frozen=True)
class Defect:
    """A defect or doubt kept as the source has it; its note goes to ``editor_note``."""

    lang: str
    section: str
    reads: str  # must occur in our text of that language (checked)
    note: str
    incomplete: bool = False  # text is lost: text_status becomes "incomplete"
    disputed: bool = False  # another source implies a different reading: text_status "disputed"


KEPT_DEFECTS: tuple[Defect, ...] = (
    Defect("en", "2", "for the care and protection of a trafficked person under paragraph",
           "English text incomplete: in the English bill the definition of “Protection Order” breaks off after "
           "“under paragraph”; the paragraph reference is lost and the definition of “premises” follows directly. "
           "No source in the shared folder completes it (the consolidated text of s 2 is cut before it). The Malay "
           "text is complete: “… di bawah perenggan 51(3)(a);”.",
           incomplete=True),
    Defect("en", "2", "recruiting, transporting, transfering, harbouring",
           "The English definition of “trafficking in persons” reads “transfering” (sic), kept as in the bill."),
    Defect("ms", "2", "“eksploitasi” termasuklah",
           "The two texts differ: the English defines “exploitation” with “means”, the Malay “eksploitasi” with "
           "“termasuklah” (includes)."),
    Defect("en", "4", "committed—.",
           "The English bill reads “committed—.” with a stray full stop after the dash; kept as in the bill."),
    Defect("en", "19", "on conviction be punished, with imprisonment",
           "The English bill reads “on conviction be punished, with imprisonment” (comma after “punished”); kept as "
           "in the bill."),
    Defect("en", "26", "knew or believe to be false",
           "The English bill reads “knew or believe to be false” in subsection (3); kept as in the bill."),
    Defect("en", "26", "referred to in this section knowing that the information is false",
           "In subsection (4) the current consolidated text (mylaw-s26) reads “referred to in this section, "
           "knowing that the information is false”, with a comma after “section” that the bill does not have. "
           "No amending Act touches s 26, so the comma is either in the Act as enacted or added by a reprint; "
           "the text of the Act as printed in 2007 was not found, and the bill's words are kept."),
    Defect("en", "30", "any moveable, property, book",
           "The English bill reads “any moveable, property, book” in subsection (2)(a) (comma after “moveable”); "
           "kept as in the bill."),
    Defect("ms", "13", "perbuatan. pemerdagangan orang",
           "The Malay bill reads “perbuatan. pemerdagangan orang” in paragraph (g) (stray full stop); kept as in the "
           "bill."),
    Defect("en", "34", "affixed with his thumb print",
           "English text incomplete: in subsection (6) the dash that introduces paragraphs (a) and (b) is missing "
           "after “thumb print” (the Malay text has “cap ibu jarinya—”); no word is missing.",
           incomplete=True),
    Defect("ms", "27", "mana-mana Pegawai kastam; atau",
           "Sources disagree on the Malay text of subsection (1)(c): the bill ends the paragraph with “; atau”, "
           "but the 2010 amending bill (D.R. 22/2010, fasal 16(a)) deletes the word “dan” at the end of "
           "paragraph (c), as if the Act as printed read “dan” there. No printed text of the Act was found to "
           "settle it; the bill’s reading is kept. (The English text reads “; or”.)",
           disputed=True),
    Defect("ms", "36", "kepada pengawai penguat kuasa",
           "The Malay bill reads “pengawai” (sic, for “pegawai”) in subsection (5); kept as in the bill."),
    Defect("ms", "40", "Dalam presiding terhadap",
           "The Malay bill reads “presiding” (for “prosiding”) in subsection (4); kept as in the bill."),
    Defect("en", "53", "as he may deems fit",
           "The English bill reads “as he may deems fit” in subsection (5)(a); kept as in the bill."),
    Defect("en", "54", "the Protection Officer shall",
           "English text incomplete: in subsection (1) the dash that introduces paragraphs (a) and (b) is missing "
           "after “shall” (the Malay text has “hendaklah —”); no word is missing.",
           incomplete=True),
    Defect("ms", "54", "Walau apa pun perenggan (a),",
           "The two texts differ in subsection (3): the English refers to “paragraph (1)(a)”, the Malay to "
           "“perenggan (a)”."),
    Defect("ms", "56", "membantu atau mendorong,. secara",
           "The Malay bill reads “mendorong,.” in paragraph (b) (stray full stop); kept as in the bill."),
    Defect("ms", "58", "dalam mana-mana presiding sama",
           "The Malay bill reads “presiding” (for “prosiding”) in subsection (1)(a); kept as in the bill."),
    Defect("ms", "61", "ke dalam bahasa kebangsan",
           "The Malay bill reads “bahasa kebangsan” (sic, for “kebangsaan”) in subsection (1); kept as in the "
           "bill."),
)


@dataclass(frozen=True)
class Closing:
    """Words after a list of paragraphs, and the provision they belong to ('' = the section)."""

    section: str
    belongs_to: str  # eId below the section, e.g. "subsec_1"
    en: str  # the closing words start with these words, in each language
    ms: str
    absorbs_list: bool = False  # a second numbered list follows inside the closing words


CLOSING_WORDS: tuple[Closing, ...] = (
    Closing("4", "", "may be dealt with as if", "boleh diuruskan seolah-olah"),
    Closing("13", "", "commits an offence and shall", "melakukan suatu kesalahan dan hendaklah"),
    Closing("20", "", "for the purpose of committing", "bagi maksud melakukan"),
    Closing("21", "subsec_1", "commits an offence and shall", "melakukan suatu kesalahan dan hendaklah"),
    Closing("22", "subsec_1", "knowing or having reason to believe", "dengan mengetahui atau mempunyai"),
    # The penalty words of s 23(2) are printed as a second list (a), (b) after the closing words. The
    # body format cannot number a second list inside one subsection (its ids would repeat
    # sec_23__subsec_2__para_a), so the second list stays, verbatim, inside the closing words.
    Closing("23", "subsec_2", "commits an offence and shall", "melakukan suatu kesalahan dan boleh",
            absorbs_list=True),
    Closing("25", "", "where such acts are", "jika perbuatan sedemikian"),
    Closing("30", "subsec_1", "the commission of an offence", "pelakuan suatu kesalahan"),
    Closing("35", "subsec_5", "of any statement made", "apa-apa pernyataan yang dibuat"),
    Closing("40", "subsec_1", "commits an offence.", "melakukan suatu kesalahan."),
    Closing("50", "subsec_1", "shall not incur", "tidaklah menanggung"),
    Closing("53", "subsec_3", "to enable the Magistrate", "untuk membolehkan Majistret"),
    Closing("53", "subsec_5", "for a period to be determined", "untuk suatu tempoh"),
    Closing("56", "", "commits an offence.", "melakukan suatu kesalahan."),
    Closing("58", "subsec_1", "shall not reveal", "tidak boleh mendedahkan"),
    Closing("58", "subsec_2", "shall not be published", "tidak boleh disiarkan"),
    Closing("62", "", "for or on account of", "bagi atau oleh sebab"),
)

# Words that introduce a list but whose dash is lost or followed by a stray full stop in the
# source (see KEPT_DEFECTS): a first paragraph "(a)" is accepted after them. ("" = the section.)
MISSING_DASH: frozenset[tuple[str, str, str]] = frozenset({
    ("en", "4", ""),  # "committed—."
    ("en", "34", "subsec_6"),  # "thumb print" (no dash)
    ("en", "54", "subsec_1"),  # "shall" (no dash)
})

SECTION_23_NOTE = (
    "In subsection (2) the penalty words after paragraph (b) are printed as a second list, (a) and (b). "
    "The section-file format cannot number a second list inside one subsection (the ids would repeat), so "
    "that list is kept, verbatim and in both languages, inside the closing words of subsection (2)."
)
SECTION_10_NOTE = (
    "The bill heads this section “Establishment of Committees” (arrangement of clauses and clause 10). "
    "The Act as printed in 2007 (act-2007-print) and the reprints as at 1 November 2014 (reprint-2014) "
    "and 15 August 2016 (reprint-2016) read “Establishment of committees” in their arrangements of "
    "sections: the Act differs from the bill here. The bill's heading is kept, as for every section "
    "as first enacted; the printed body of s 10 was not found."
)
EXTRA_NOTES = {"10": SECTION_10_NOTE, "23": SECTION_23_NOTE}


# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Provision:
    kind: str  # section | subsec | para | subpara | item | def
    num: str  # as printed, without brackets ("1", "a", "ii"); "" for section and def
    eid: str  # this level's id: "subsec_1", "para_a", "def_child"; "" for the section
    text: str
    children: tuple[Provision, ...] = ()
    closing: str = ""


@dataclass(frozen=True)
class Clause:
    lang: str
    number: str
    part: str
    heading: str
    text_lines: tuple[tuple[str, bool], ...]  # (line, blank line before it)


@dataclass(frozen=True)
class Section:
    number: str
    part: str
    heading: dict
    bodies: dict  # lang -> Provision (kind "section")
    corrections: tuple[Correction, ...]
    defects: tuple[Defect, ...]


class ImportError_(Exception):
    """The source does not look as expected: stop, say where."""


# --------------------------------------------------------------------------------------------
# Step 1-4: cleaning and splitting the bill
# --------------------------------------------------------------------------------------------

def cut_body(text: str, lang: Language) -> list[str]:
    lines = text.split("\n")
    stripped = [strip_emphasis(line).strip() for line in lines]
    try:
        start = stripped.index(lang.enacting) + 1
        end = stripped.index(lang.end_marker, start)
    except ValueError as exc:
        raise ImportError_(f"{lang.code}: cannot find the enacting formula or '{lang.end_marker}'") from exc
    return lines[start:end]


def remove_page_debris(lines: list[str], lang: Language) -> list[str]:
    """Drop each page separator and the running head after it; keep a blank line in their place."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "-----":
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or not lang.running_head_re.match(lines[j].strip()):
                raise ImportError_(f"{lang.code}: page separator not followed by a running head: {lines[j]!r}")
            out.append("")
            i = j + 1
            continue
        out.append(lines[i])
        i += 1
    return out


def strip_emphasis(line: str) -> str:
    return line.replace("*", "").replace("_", "")


def normalise_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class PartMark:
    line: int
    part: str
    heading: str = ""


def find_parts(lines: list[str], lang: Language) -> list[PartMark]:
    marks = []
    for i, line in enumerate(lines):
        m = lang.part_re.match(line)
        if m:
            mark = PartMark(i, m.group(1))
            heading = normalise_spaces(" ".join(lines[i + 1:part_block_end(lines, mark)]))
            marks.append(PartMark(i, m.group(1), heading))
    return marks


def part_headings(raw_lines: list[str], lang: Language) -> dict:
    lines = [strip_emphasis(line).strip() for line in raw_lines]
    return {mark.part: mark.heading for mark in find_parts(lines, lang)}


def part_block_end(lines: list[str], mark: PartMark) -> int:
    """Index just after the Part number and its heading (upper-case lines)."""
    i = mark.line + 1
    while i < len(lines) and (not lines[i] or (lines[i] == lines[i].upper() and re.search(r"[A-Z]", lines[i]))):
        i += 1
    return i


def split_clauses(raw_lines: list[str], lang: Language) -> list[Clause]:
    lines = [strip_emphasis(line).strip() for line in raw_lines]
    parts = find_parts(lines, lang)
    part_lines = set()
    for mark in parts:
        part_lines.update(range(mark.line, part_block_end(lines, mark)))

    starts: list[int] = []
    pos = 0
    for n in range(1, SECTION_COUNT + 1):
        pattern = re.compile(rf"^{n}\.(\s|$)")
        for i in range(pos, len(lines)):
            if pattern.match(lines[i]) and i not in part_lines:
                starts.append(i)
                pos = i + 1
                break
        else:
            raise ImportError_(f"{lang.code}: clause {n} not found")

    heading_spans = [heading_span(lines, start, lang, n + 1) for n, start in enumerate(starts)]
    clauses = []
    for n, start in enumerate(starts, 1):
        end = heading_spans[n][0] if n < SECTION_COUNT else len(lines)
        body = [i for i in range(start, end) if i not in part_lines]
        first, last = heading_spans[n - 1]
        for i in range(first, last):
            raw = raw_lines[i].strip()
            if not (raw.startswith("**") or raw.startswith("_")):
                raise ImportError_(f"{lang.code}: cl. {n}: shoulder note line is not emphasised: {raw!r}")
        heading = normalise_spaces(" ".join(lines[first:last]))
        part = current_part(parts, start)
        text_lines = []
        blank = False
        for i in body:
            if not lines[i]:
                blank = True
                continue
            text_lines.append((re.sub(r"\s+", " ", lines[i]), blank))
            blank = False
        clauses.append(Clause(lang.code, str(n), part, heading, tuple(text_lines)))
    return clauses


def heading_span(lines: list[str], start: int, lang: Language, n: int) -> tuple[int, int]:
    i = start - 1
    while i >= 0 and not lines[i]:
        i -= 1
    last = i + 1
    while i >= 0 and lines[i]:
        i -= 1
    first = i + 1
    if first >= last:
        raise ImportError_(f"{lang.code}: cl. {n}: no shoulder note above the clause")
    return first, last


def current_part(parts: list[PartMark], line: int) -> str:
    before = [mark.part for mark in parts if mark.line < line]
    if not before:
        raise ImportError_(f"clause at line {line} is before any Part")
    return before[-1]


# --------------------------------------------------------------------------------------------
# Step 5-7: repairs, corrections, quotes
# --------------------------------------------------------------------------------------------

def flexible(words: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(w) for w in words.split(" ")))


def replace_once(text: str, old: str, new: str, where: str) -> str:
    pattern = flexible(old)
    found = pattern.findall(text)
    if len(found) != 1:
        raise ImportError_(f"{where}: expected {old!r} exactly once, found {len(found)}")
    return pattern.sub(lambda _m: new, text, count=1)


def clause_text(clause: Clause) -> str:
    """The clause as lines; a blank line marks a blank in the source."""
    out = []
    for i, (line, blank) in enumerate(clause.text_lines):
        if blank and i:
            out.append("")
        out.append(line)
    return "\n".join(out)


def lines_of(text: str) -> tuple[tuple[str, bool], ...]:
    out = []
    blank = False
    for line in text.split("\n"):
        if not line.strip():
            blank = True
            continue
        out.append((line.strip(), blank))
        blank = False
    return tuple(out)


def repair_debris(clause: Clause) -> str:
    text = clause_text(clause)
    for rep in DEBRIS_REPAIRS:
        if rep.lang == clause.lang and rep.section == clause.number:
            text = replace_once(text, rep.source_reads, rep.we_read, f"{clause.lang} s {clause.number} repair")
    return text


def apply_corrections(text: str, clause: Clause) -> str:
    for cor in CORRECTIONS:
        if cor.lang == clause.lang and cor.section == clause.number and cor.field == "text":
            text = replace_once(text, cor.source_reads, cor.parse_as or cor.we_read,
                                f"{clause.lang} s {clause.number} correction")
    return text


def curly_quotes(text: str) -> str:
    text = re.sub(r'(^|(?<=[\s(\[—–-]))"', "“", text)
    text = text.replace('"', "”")
    return text.replace("'", "’")


def straight_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("’", "'")


# --------------------------------------------------------------------------------------------
# Step 8: parsing a clause into provisions
# --------------------------------------------------------------------------------------------

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
MARKER_RE = re.compile(r"^\(([0-9]+|[a-z]{1,4}|[A-Z])\) +(.*)$")
CHILD_KIND = {"section": "subsec", "subsec": "para", "def": "para", "para": "subpara", "subpara": "item"}
FIRST_NUM = {"subsec": "1", "para": "a", "subpara": "i", "item": "A"}
INTRO_ENDINGS = ("—", ":", "-")
END_OF_PROVISION = (".", ";", ",", ":", "—", " or", " and", " atau", " dan")


def successor(kind: str, num: str) -> str:
    if kind == "subsec":
        return str(int(num) + 1)
    if kind == "para":
        return chr(ord(num) + 1) if len(num) == 1 and num < "z" else ""
    if kind == "subpara":
        return ROMAN[ROMAN.index(num) + 1] if num in ROMAN[:-1] else ""
    if kind == "item":
        return chr(ord(num) + 1)
    return ""


class _Node:
    """Mutable node used only while parsing one clause; frozen into ``Provision`` at the end."""

    def __init__(self, kind: str, num: str = "", eid: str = "", text: str = ""):
        self.kind, self.num, self.eid = kind, num, eid
        self.text_parts = [text] if text else []
        self.children: list[_Node] = []
        self.closing_parts: list[str] = []
        self.closing_started = False

    def freeze(self) -> Provision:
        return Provision(self.kind, self.num, self.eid, " ".join(self.text_parts),
                         tuple(child.freeze() for child in self.children), " ".join(self.closing_parts))


@dataclass
class ParseLog:
    inline_numbers: list = field(default_factory=list)  # numbers at a line start kept as text
    absorbed: list = field(default_factory=list)  # numbers kept inside closing words


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def last_text(stack: list[_Node]) -> str:
    node = stack[-1]
    parts = node.closing_parts if node.closing_started else node.text_parts
    return " ".join(parts)


def intro_ok(node: _Node, lang: str, section: str, path: str) -> bool:
    text = " ".join(node.text_parts).rstrip()
    return text.endswith(INTRO_ENDINGS) or (lang, section, path) in MISSING_DASH


def path_of(stack: list[_Node]) -> str:
    return "__".join(node.eid for node in stack[1:])


def place_marker(stack: list[_Node], num: str, rest: str, lang: str, section: str) -> list[_Node] | None:
    """Return the new stack if ``(num)`` at a line start opens a provision here, else None."""
    deepest = stack[-1]
    previous = last_text(stack).rstrip()
    if not deepest.children and not deepest.closing_started:
        kind = CHILD_KIND.get(deepest.kind)
        if deepest.kind == "section" and num == "1" and not deepest.text_parts:
            kind = "subsec"
        elif deepest.kind == "section" and num == "a":
            kind = "para"
        if kind and num == FIRST_NUM[kind]:
            opens_list = deepest.kind == "section" and kind == "subsec" or intro_ok(
                deepest, lang, section, path_of(stack))
            if opens_list:
                node = _Node(kind, num, f"{kind}_{num}", rest)
                deepest.children.append(node)
                return stack + [node]
    if previous and not previous.endswith(END_OF_PROVISION):
        return None
    for depth in range(len(stack) - 1, 0, -1):
        node = stack[depth]
        if node.kind != "def" and num == successor(node.kind, node.num):
            sibling = _Node(node.kind, num, f"{node.kind}_{num}", rest)
            stack[depth - 1].children.append(sibling)
            return stack[:depth] + [sibling]
    return None


def parse_clause(lines: tuple[tuple[str, bool], ...], lang: Language, section: str, log: ParseLog) -> Provision:
    root = _Node("section")
    stack: list[_Node] = [root]
    closings = [c for c in CLOSING_WORDS if c.section == section]
    used: set[int] = set()
    first = True
    for line, _blank in lines:
        if first:
            line = re.sub(rf"^{section}\.\s*", "", line)
            first = False
            if not line:
                continue
        marker = MARKER_RE.match(line)
        if marker:
            new_stack = place_marker(stack, marker.group(1), marker.group(2), lang.code, section)
            if new_stack is not None:
                stack = new_stack
                continue
            where = f"{lang.code} s {section} {path_of(stack) or '(section)'}"
            if stack[-1].closing_started:
                log.absorbed.append(f"{where}: {line[:60]}")
            else:
                log.inline_numbers.append(f"{where}: {line[:60]}")
        if section == "2" and lang.definition_re.match(line):
            term = re.match(r"“([^”]+)”", line).group(1)
            node = _Node("def", "", f"def_{slug(term)}", line)
            root.children.append(node)
            stack = [root, node]
            continue
        closing = match_closing(closings, used, stack, line, lang.code)
        if closing is not None:
            index, depth = closing
            used.add(index)
            owner = stack[depth]
            owner.closing_started = True
            owner.closing_parts.append(line)
            stack = stack[: depth + 1]
            continue
        target = stack[-1]
        (target.closing_parts if target.closing_started else target.text_parts).append(line)
    missing = [closings[i] for i in range(len(closings)) if i not in used]
    if missing:
        raise ImportError_(f"{lang.code} s {section}: closing words not found: {missing}")
    return root.freeze()


def match_closing(closings: list[Closing], used: set[int], stack: list[_Node], line: str,
                  lang: str) -> tuple[int, int] | None:
    for index, closing in enumerate(closings):
        words = getattr(closing, lang)
        if index in used or not line.startswith(words):
            continue
        if not last_text(stack).rstrip().endswith(","):
            continue
        for depth, node in enumerate(stack):
            if path_of(stack[: depth + 1]) == closing.belongs_to and node.children and depth < len(stack) - 1:
                return index, depth
    return None


# --------------------------------------------------------------------------------------------
# Step 9: alignment and checks
# --------------------------------------------------------------------------------------------

def shape(node: Provision, prefix: str = "") -> list[str]:
    """Every provision id with its kind, and a marker for opening and closing words."""
    out = []
    for child in node.children:
        eid = f"{prefix}__{child.eid}" if prefix else child.eid
        out.append(f"{eid} [{child.kind}{' +closing' if child.closing else ''}]")
        out.extend(shape(child, eid))
    return out


def section_shape(node: Provision) -> list[str]:
    head = [f"(section){' +text' if node.text else ''}{' +closing' if node.closing else ''}"]
    return head + shape(node)


def check_alignment(section: str, bodies: dict) -> list[str]:
    en, ms = section_shape(bodies["en"]), section_shape(bodies["ms"])
    if en == ms:
        return []
    problems = [f"s {section}: English and Malay provision trees differ"]
    for i in range(max(len(en), len(ms))):
        a = en[i] if i < len(en) else "-"
        b = ms[i] if i < len(ms) else "-"
        if a != b:
            problems.append(f"    en {a:<50} ms {b}")
    return problems


def iter_provisions(node: Provision, prefix: str = ""):
    for child in node.children:
        eid = f"{prefix}__{child.eid}" if prefix else child.eid
        yield eid, child
        yield from iter_provisions(child, eid)


def check_texts(section: str, lang: str, body: Provision) -> list[str]:
    problems = []
    if not body.text and not body.children:
        problems.append(f"{lang} s {section}: empty")
    for eid, node in iter_provisions(body):
        if not node.text:
            problems.append(f"{lang} s {section} {eid}: no text")
    return problems


def read_work_front_matter(work_file: Path) -> dict:
    import yaml  # local: only the tool needs it

    return yaml.safe_load(work_file.read_text(encoding="utf-8").split("---\n")[1])


def work_parts(front: dict) -> dict:
    return {str(sec): part["part"] for part in front["parts"] for sec in part["sections"]}


def compare_part_headings(front: dict, bill_parts: dict) -> list[str]:
    report = []
    for part in front["parts"]:
        for code in LANGS:
            ours = bill_parts[code].get(part["part"])
            if ours != part["heading"][code]:
                report.append(f"Part {part['part']} ({code}): bill {ours!r}, work.md {part['heading'][code]!r}")
    return report


# --------------------------------------------------------------------------------------------
# Building sections
# --------------------------------------------------------------------------------------------

def heading_of(clause: Clause) -> str:
    heading = clause.heading
    for cor in CORRECTIONS:
        if cor.field == "heading" and cor.lang == clause.lang and cor.section == clause.number:
            heading = replace_once(heading, cor.source_reads, cor.we_read, f"{clause.lang} s {clause.number} heading")
    return curly_quotes(heading)


def build_section(clauses: dict, number: str, log: ParseLog) -> Section:
    bodies, heading = {}, {}
    for code in LANGS:
        clause = clauses[code][int(number) - 1]
        text = curly_quotes(apply_corrections(repair_debris(clause), clause))
        bodies[code] = parse_clause(lines_of(text), LANGUAGES[code], number, log)
        heading[code] = heading_of(clause)
    if clauses["en"][int(number) - 1].part != clauses["ms"][int(number) - 1].part:
        raise ImportError_(f"s {number}: the two bills put the clause in different Parts")
    return Section(
        number=number,
        part=clauses["en"][int(number) - 1].part,
        heading=heading,
        bodies=bodies,
        corrections=tuple(c for c in CORRECTIONS if c.section == number),
        defects=tuple(d for d in KEPT_DEFECTS if d.section == number),
    )


def align_definitions(section: Section) -> Section:
    """The Malay definitions take the English ids by position (both follow the Malay order)."""
    en, ms = section.bodies["en"], section.bodies["ms"]
    en_defs = [c for c in en.children if c.kind == "def"]
    ms_defs = [c for c in ms.children if c.kind == "def"]
    if len(en_defs) != len(ms_defs) or len(en_defs) != len(en.children) or len(ms_defs) != len(ms.children):
        raise ImportError_(f"s 2: {len(en_defs)} English and {len(ms_defs)} Malay definitions")
    renamed = tuple(Provision(m.kind, m.num, e.eid, m.text, m.children, m.closing) for e, m in zip(en_defs, ms_defs))
    ms = Provision(ms.kind, ms.num, ms.eid, ms.text, renamed, ms.closing)
    return Section(section.number, section.part, section.heading, {"en": en, "ms": ms},
                   section.corrections, section.defects)


# --------------------------------------------------------------------------------------------
# Rendering (the section-file format of statutes/README.md)
# --------------------------------------------------------------------------------------------

def render_body(body: Provision) -> list[str]:
    lines: list[str] = []
    if body.text:
        lines += [body.text, ""]
    for child in body.children:
        lines += render_item(child, 0)
    if body.closing:
        lines += ["", body.closing]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def render_item(node: Provision, depth: int) -> list[str]:
    indent = "  " * depth
    label = f"{{#{node.eid}}}" if node.kind == "def" else f"({node.num})"
    lines = [f"{indent}- {label} {node.text}"]
    for child in node.children:
        lines += render_item(child, depth + 1)
    if node.closing:
        lines += ["", f"{indent}  {node.closing}", ""]
    return lines


PLAIN_SCALAR = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()’\-]*[A-Za-z.)]$")


def yaml_scalar(value: str) -> str:
    if PLAIN_SCALAR.match(value) and ": " not in value and value.lower() not in {"yes", "no", "true", "false", "null"}:
        return value
    return json.dumps(value, ensure_ascii=False)


def editor_note(section: Section) -> str:
    notes = [d.note for d in section.defects]
    if section.number in EXTRA_NOTES:
        notes.append(EXTRA_NOTES[section.number])
    return " ".join(notes)


def text_status(section: Section) -> dict:
    status = {}
    for lang in LANGS:
        defects = [d for d in section.defects if d.lang == lang]
        status[lang] = ("incomplete" if any(d.incomplete for d in defects)
                        else "disputed" if any(d.disputed for d in defects) else "verbatim")
    return status


def render_section(section: Section) -> str:
    n = section.number
    status = text_status(section)
    out = [
        "---",
        f"id: act-670/sec_{n}",
        f'section: "{n}"',
        f'part: "{section.part}"',
        "heading:",
        f"  en: {yaml_scalar(section.heading['en'])}",
        f"  ms: {yaml_scalar(section.heading['ms'])}",
        "source:",
        f'  en: {{ref: {LANGUAGES["en"].source_ref}, locator: "{LANGUAGES["en"].locator.format(n=n)}"}}',
        f'  ms: {{ref: {LANGUAGES["ms"].source_ref}, locator: "{LANGUAGES["ms"].locator.format(n=n)}"}}',
        f"text_status: {{en: {status['en']}, ms: {status['ms']}}}",
    ]
    note = editor_note(section)
    if note:
        out.append("editor_note: >-")
        out += ["  " + line for line in textwrap.wrap(note, 96, break_on_hyphens=False, break_long_words=False)]
    else:
        out.append('editor_note: ""')
    if section.corrections:
        out.append("corrections:")
        for cor in section.corrections:
            field_note = " (shoulder note)" if cor.field == "heading" else ""
            out += [
                f"  - lang: {cor.lang}",
                f"    source_reads: {json.dumps(cor.source_reads, ensure_ascii=False)}",
                f"    we_read: {json.dumps(cor.we_read, ensure_ascii=False)}",
                f"    reason: {json.dumps(cor.reason + field_note, ensure_ascii=False)}",
            ]
    else:
        out.append("corrections: []")
    out.append("---")
    for code in LANGS:
        out += ["", LANGUAGES[code].body_heading, ""]
        out += render_body(section.bodies[code])
    return "\n".join(out) + "\n"


def expected_front_matter(section: Section) -> dict:
    n = section.number
    return {
        "id": f"act-670/sec_{n}",
        "section": n,
        "part": section.part,
        "heading": dict(section.heading),
        "source": {code: {"ref": LANGUAGES[code].source_ref, "locator": LANGUAGES[code].locator.format(n=n)}
                   for code in LANGS},
        "text_status": text_status(section),
        "editor_note": editor_note(section),
        "corrections": [
            {"lang": c.lang, "source_reads": c.source_reads, "we_read": c.we_read,
             "reason": c.reason + (" (shoulder note)" if c.field == "heading" else "")}
            for c in section.corrections
        ],
    }


def check_front_matter(section: Section, rendered: str) -> list[str]:
    import yaml

    front = yaml.safe_load(rendered.split("---\n")[1])
    if front != expected_front_matter(section):
        return [f"s {section.number}: front matter does not read back as written"]
    return []


# --------------------------------------------------------------------------------------------
# Step 10: self-check against the bill
# --------------------------------------------------------------------------------------------

def body_words(rendered_body: list[str]) -> str:
    words = []
    for line in rendered_body:
        line = line.strip()
        line = re.sub(r"^- ", "", line)
        line = re.sub(r"^\{#[^}]+\} ", "", line)
        words.append(line)
    return normalise_spaces(straight_quotes(" ".join(words)))


def source_words(clause: Clause) -> str:
    """The clause as the bill has it, conversion debris cleaned, quotes and spaces normalised."""
    text = normalise_spaces(repair_debris(clause))
    text = re.sub(rf"^{clause.number}\.\s*", "", text)
    return normalise_spaces(straight_quotes(text))


def self_check(section: Section, clauses: dict) -> list[str]:
    problems = []
    for code in LANGS:
        clause = clauses[code][int(section.number) - 1]
        expected = source_words(clause)
        for cor in section.corrections:
            if cor.lang == code and cor.field == "text":
                expected = replace_once(expected, cor.source_reads, cor.we_read, f"self-check {code} s {section.number}")
        ours = body_words(render_body(section.bodies[code]))
        if ours != expected:
            problems.append(f"{code} s {section.number}: body differs from the bill: {first_difference(expected, ours)}")
        for defect in section.defects:
            if (defect.lang == code and defect.reads not in ours and defect.reads not in straight_quotes(ours)
                    and straight_quotes(defect.reads) not in ours):
                problems.append(f"{code} s {section.number}: kept defect not found: {defect.reads!r}")
    return problems


def first_difference(a: str, b: str) -> str:
    wa, wb = a.split(" "), b.split(" ")
    for i, (x, y) in enumerate(zip(wa, wb)):
        if x != y:
            return f"word {i}: bill {' '.join(wa[max(0, i - 4):i + 6])!r} / ours {' '.join(wb[max(0, i - 4):i + 6])!r}"
    return f"lengths differ ({len(wa)} vs {len(wb)} words)"


def arrangement_of_clauses(text: str, lang: Language) -> dict:
    """The bill's own arrangement of clauses (before the long title)."""
    head = text.split(lang.enacting)[0]
    out, current = {}, None
    for line in head.split("\n"):
        line = strip_emphasis(line).strip()
        m = re.match(r"^(\d+)\. (.+)$", line)
        if m:
            current = m.group(1)
            out[current] = m.group(2)
        elif not line:
            current = None  # a shoulder note that runs on has no blank line inside it
        elif current and line != line.upper():
            out[current] += " " + line
    return {k: normalise_spaces(v) for k, v in out.items()}


def consolidated_arrangement(text: str) -> dict:
    out = {}
    for line in text.split("\n"):
        m = re.match(r"^(\d+[A-Z]?)\. ([^\[]*?)\s+\[(.*)\]\s*$", line)
        if m:
            out[m.group(1)] = (m.group(2).strip(), m.group(3))
        elif re.match(r"^(\d+[A-Z]?)\. \[NOT VERBATIM", line):
            num = line.split(".")[0]
            out[num] = ("", line.split(" ", 1)[1])
    return out


def arrangement_heading(wording: str, tags: str) -> str | None:
    """The 2007 heading that arrangement.txt gives (B07/A07 columns), or None."""
    if wording and re.search(r"\b(A07|B07)\b", tags.split(";")[0]):
        return wording
    quoted = re.search(r'\b(?:A07|B07)\b[^"]*?"([^"]+)"', tags)
    return quoted.group(1) if quoted else None


def compare_headings(sections: list[Section], bill_arrangements: dict, consolidated: dict) -> list[str]:
    report = []
    for section in sections:
        n = section.number
        for code in LANGS:
            listed = bill_arrangements[code].get(n)
            if listed != section.heading[code] and straight_quotes(section.heading[code]) != listed:
                report.append(f"s {n} ({code}): shoulder note {section.heading[code]!r}; "
                              f"bill arrangement of clauses {listed!r}")
        if n not in consolidated:
            report.append(f"s {n}: not in consolidated/arrangement.txt")
            continue
        wording, tags = consolidated[n]
        heading_2007 = arrangement_heading(wording, tags)
        if heading_2007 is None:
            report.append(f"s {n}: arrangement.txt gives only a later heading ({wording!r} [{tags}]); not compared")
        elif heading_2007 != section.heading["en"]:
            report.append(f"s {n}: shoulder note {section.heading['en']!r}; arrangement.txt {heading_2007!r} [{tags}]")
    return report


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------

def import_sections(sources: Path) -> tuple[list[Section], dict, ParseLog, dict]:
    clauses, texts, parts = {}, {}, {}
    for code in LANGS:
        lang = LANGUAGES[code]
        texts[code] = (sources / lang.bill_file).read_text(encoding="utf-8")
        body = remove_page_debris(cut_body(texts[code], lang), lang)
        clauses[code] = split_clauses(body, lang)
        parts[code] = part_headings(body, lang)
    texts["parts"] = parts
    log = ParseLog()
    sections = [build_section(clauses, str(n), log) for n in range(1, SECTION_COUNT + 1)]
    sections[1] = align_definitions(sections[1])
    return sections, clauses, log, texts


def run(sources: Path, out_dir: Path, check_only: bool, review: bool) -> int:
    sections, clauses, log, texts = import_sections(sources)
    problems: list[str] = []
    work = read_work_front_matter(WORK_FILE)
    parts_of_work = work_parts(work)
    rendered_files: dict[Path, str] = {}
    counts = {code: 0 for code in LANGS}
    for section in sections:
        problems += check_alignment(section.number, section.bodies)
        for code in LANGS:
            problems += check_texts(section.number, code, section.bodies[code])
            counts[code] += len(list(iter_provisions(section.bodies[code])))
        if parts_of_work.get(section.number) != section.part:
            problems.append(f"s {section.number}: Part {section.part} in the bill, "
                            f"{parts_of_work.get(section.number)} in work.md")
        problems += self_check(section, clauses)
        rendered = render_section(section)
        problems += check_front_matter(section, rendered)
        rendered_files[out_dir / f"sec_{section.number}.md"] = rendered
    allowed = {c.section for c in CLOSING_WORDS if c.absorbs_list}
    stray = [a for a in log.absorbed if a.split(" ")[2] not in allowed]
    if stray:
        problems.append(f"numbers absorbed into closing words outside the listed cases: {stray}")

    arrangements = {code: arrangement_of_clauses(texts[code], LANGUAGES[code]) for code in LANGS}
    consolidated = consolidated_arrangement((sources / "consolidated" / "arrangement.txt").read_text(encoding="utf-8"))
    heading_report = compare_headings(sections, arrangements, consolidated)
    heading_report += compare_part_headings(work, texts["parts"])

    print(f"sections: {len(sections)}; provisions: en {counts['en']}, ms {counts['ms']}; "
          f"definitions in s 2: {len(sections[1].bodies['en'].children)}")
    print(f"corrections: {len(CORRECTIONS)}; debris repairs: {len(DEBRIS_REPAIRS)}; kept defects: {len(KEPT_DEFECTS)}")
    print("heading differences (not fatal):")
    for line in heading_report:
        print("  " + line)
    if review:
        print("numbers at a line start kept as text (cross-references):")
        for line in log.inline_numbers:
            print("  " + line)
        print("numbers kept inside closing words:")
        for line in log.absorbed:
            print("  " + line)
        print("definitions (en id / ms term):")
        for e, m in zip(sections[1].bodies["en"].children, sections[1].bodies["ms"].children):
            print(f"  {e.eid:<55} {m.text.split('”')[0]}”")
    if problems:
        print("PROBLEMS (nothing written):", file=sys.stderr)
        for line in problems:
            print("  " + line, file=sys.stderr)
        return 1
    changed = [path for path, text in rendered_files.items()
               if not path.exists() or path.read_text(encoding="utf-8") != text]
    if check_only:
        if changed:
            print(f"would change: {', '.join(p.name for p in changed)}", file=sys.stderr)
            return 1
        print(f"checked: {len(rendered_files)} files in {out_dir} are up to date; self-check passed")
        return 0
    for path in changed:
        path.write_text(rendered_files[path], encoding="utf-8")
    print(f"written: {len(rendered_files)} files in {out_dir} ({len(changed)} changed); self-check passed")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES,
                        help="the shared act670 sources folder (default: ../shared/sources/act670 from the repo root)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the section files go")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    parser.add_argument("--review", action="store_true", help="print the audit lists")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"sources folder not found: {args.sources}", file=sys.stderr)
        return 2
    try:
        return run(args.sources, args.out, args.check, args.review)
    except ImportError_ as exc:
        print(f"import failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
