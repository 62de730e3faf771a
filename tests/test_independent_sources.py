"""The engine's versions, checked against every independent text of the law that we hold.

A lawyer who reads s 51 "as at today" on our site must read the words that the consolidated
text of the Act gives, and a caseworker who looks up s 43 "as at 2012" must read the words that
were law in 2012. Our versions are computed: the 2007 bill plus the amending instructions. These
tests compare them, provision by provision, with the texts that were NOT used to compute them
(or were used only for a few words), in the maintainers' copy of the sources
(../shared/sources/act670 from the repository root):

* current English (mylaw.my pages, as at 2026-11-29): ss 13, 26A, 66A, 66B in full; the parts
  of ss 1, 2, 23, 26, 26B, 51 and 66 that the pages have; the long title, the enacting words and
  the Part IIIA heading;
* the 2010-2015 English text (UNODC SHERLOC, as at 2012-06-01): ss 12, 13, 41A, 42, 43, the
  headings of Parts III and V and the first words of ss 14 and 44;
* the enacted amending-Act texts (mylaw.my pages of A1500 ss 2, 3(b), 16 and A1644 ss 5, 6): each
  amending provision's operation and words against our encoded instruction, and each provision
  it inserts against the instruction's text;
* the headings in the arrangements of sections of the printed Act (2007) and of the reprints as
  at 1 November 2014 and 15 August 2016;
* dates: the commencement bracket under the long title, the reprint notes under s 1 (A1385) and
  the reprint title pages (assent, Gazette, latest amending Act and its date).

Both sides are compared after one normalisation (whitespace, quotes, dashes); the source side is
first cleaned of the artefacts listed in `clean_page` (each rule says which artefact it removes).
A page that is cut off is compared up to the cut (its last provision must be the start of ours).

Not every comparison is independent. The English text of the 2010 Act (A1385) is lost, so some
English words it inserted were taken from these same pages (`en_source` in act-a1385.md: the long
title, the Part IIIA heading, s 2 "Council", "smuggled migrant", "receiving country", s 23(2)-(4),
ss 26A, 26B (opening words, (a), (b)), 41A (SHERLOC), 51(2) "jointly", 66(2)(fa)), and the English
layer (statutes/english/act-a1385.md) reconstructs or completes others from them (s 2 "transit country",
the opening words of s 23(5)). For those the test checks our transcription and every later amendment
applied on top of it, not the 2010 words.

Every difference is either fixed in the law data or listed in EXPECTED with its reason (and
explained in the section's editor_note, or in the note of the instruction that left the English
{not available}). The table is asserted exactly: a difference that is fixed, or a new one, fails
the test that meets it. `test_number_of_provisions_checked_per_source` prints how many provisions
each source gave and asserts the counts, so a parser that loses provisions is noticed too.

Without the sources folder every test here is skipped, never failed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from atipsom.domain.body import parse_body, written
from atipsom.domain.model import Missing, Provision, Text
from atipsom.domain.text import NOT_AVAILABLE
from atipsom.domain.timeline import version_at

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO.parent / "shared" / "sources" / "act670"
SKIP_REASON = (f"the shared sources folder {SOURCES} (../shared/sources/act670 from the repository root) "
               "is absent: the independent texts cannot be compared")

TODAY = dt.date(2026, 11, 29)  # "current": the consolidated pages reflect A1644 (2022), the last amendment found
IN_2012 = dt.date(2012, 6, 1)  # inside the 2010-2015 version (after A1385, before A1500)


# --- one normalisation for both sides -----------------------------------------------------------

def normalise(text: str) -> str:
    """Words as compared: the same on both sides."""
    text = text.replace("“", '"').replace("”", '"')  # curly or straight double quotes
    text = text.replace("‘", "'").replace("’", "'")  # curly or straight single quotes / apostrophes
    text = re.sub(r"\s*[—–]\s*", "—", text)  # em or en dash, with or without spaces around it
    return " ".join(text.split())  # line breaks, double spaces


def slug(term: str) -> str:
    """The id of a definition, from its English term (statutes/README.md)."""
    return re.sub(r"[^0-9a-z]+", "-", term.lower()).strip("-")


# --- cleaning the source pages: one rule per artefact ---------------------------------------------

RUNNING_HEADS = (
    ("Act 670",),  # reprint running head (mylaw pages of ss 23, 26, 66)
    ("Anti-Trafficking in Persons and", r"Anti-Smuggling of Migrants \d+"),  # reprint running head + page number
    ("Anti-Trafficking in Persons and Anti-Smuggling of Migrants (Amendment)",),  # A1644 running head
    ("ANTI-TRAFFICKING IN PERSONS AND", "ANTI-SMUGGLING OF MIGRANTS (AMENDMENT)", "ACT 2015"),  # A1500 running head
)
SITE_LABELS = (
    "Original Text",  # SHERLOC: label above the text
    "Quoted provision",  # mylaw amending-Act pages: label above the text an amending provision quotes
)


def clean_page(raw: str) -> list[str]:
    """The paragraphs of a stored page, without the artefacts of the page or the site."""
    lines = raw.split("\n")
    assert lines[0].startswith("# SOURCE:")
    lines = lines[1:]  # the curator's one-line header (where the page comes from), not source text
    paragraphs, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))  # line breaks inside a paragraph are PDF line ends
            current = []
    out: list[str] = []
    i = 0
    while i < len(paragraphs):
        head = next((h for h in RUNNING_HEADS if _matches_at(paragraphs, i, h)), None)
        if head:
            i += len(head)
            continue
        paragraph = paragraphs[i]
        i += 1
        if paragraph in SITE_LABELS:
            continue
        if re.match(r"^\*{1,2}NOTE—", paragraph):
            break  # the reprint's notes under s 1 (*NOTE, **NOTE) run to the end of the page: not law text
        if re.match(r"^Section \d+ — ", paragraph):
            break  # mylaw: the label of the next page (in Malay), cut off; nothing of ours follows
        paragraph = re.sub(r"\*(?=\w)", "", paragraph)  # footnote markers ("*twenty years") without their footnotes
        paragraph = re.sub(r"\b(section |sections |^)(\d+)([a-z])\b",
                           lambda m: m.group(1) + m.group(2) + m.group(3).upper(),
                           paragraph)  # small capitals shown in lower case: "section 51a", "26a." -> 51A, 26A
        paragraph = re.sub(r"(?<= )(\d+)([a-z])(?=\.\s)", lambda m: m.group(1) + m.group(2).upper(),
                           paragraph)  # ... also after a heading on the same line: "… migrants 26a. Any"
        paragraph = re.sub(r"^(Part [IVX]+)([a-z])$", lambda m: m.group(1) + m.group(2).upper(),
                           paragraph)  # "Part IIIa" -> "Part IIIA"
        out.append(paragraph)
    return out


def _matches_at(paragraphs: list[str], i: int, pattern: tuple[str, ...]) -> bool:
    if i + len(pattern) > len(paragraphs):
        return False
    return all(re.fullmatch(p if "\\" in p else re.escape(p), paragraphs[i + k]) for k, p in enumerate(pattern))


# --- reading law text from a page: provisions by their numbers ----------------------------------

LABEL_RE = re.compile(r"^\((?P<num>\d{1,2}[a-z]?|[a-z]{1,3})\)(?:\s+(?P<rest>.*))?$")
SECTION_START_RE = re.compile(r"^(?P<num>\d{1,2}[A-Z]?)\.\s+(?P<rest>.+)$")  # SHERLOC: "42. (1) The Minister"
INLINE_HEADING_RE = re.compile(r"^(?P<heading>[A-Z][^;:()]*?) (?P<num>\d{1,2}[A-Z]?)\.\s+(?P<rest>.+)$")  # mylaw
PART_RE = re.compile(r"^(?:PART|Part) (?P<num>[IVX]+[A-Z]?)$")
DEFINITION_RE = re.compile(r'^[“"](?P<term>[^”"]+)[”"]')
DELETED_RE = re.compile(r"^\(Deleted by Act (?P<act>A\d+)\);?$")  # the reprint's place-holder for a deleted provision
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


@dataclass
class Item:
    """One provision (or heading) as a page gives it."""

    key: str  # an eId ("sec_51__subsec_3__para_a"), "<eid>#heading", "part_<n>#heading"
    text: str = ""
    deleted_by: str | None = None  # "A1644" where the page shows "(Deleted by Act A1644)"


def read_law(paragraphs: list[str], *, section: str, context: str = "", heading_first: bool = False,
             cut_heading: str | None = None) -> list[Item]:
    """Split law text into provisions. `context` is the provision the page starts inside (its
    own words not on the page), e.g. "subsec_1" when the page starts at (1)(a); `cut_heading` the
    section whose heading is the page's last, cut-off line."""
    items: list[Item] = []
    if cut_heading:
        paragraphs, tail = paragraphs[:-1], paragraphs[-1]
    path: list[tuple[str, str]] = [tuple(s.split("_", 1)) for s in context.split("__") if s]

    def eid() -> str:
        return f"sec_{section}" + "".join(f"__{kind}_{num}" for kind, num in path)

    def start(key: str, text: str = "") -> None:
        items.append(Item(key, text))

    i = 0
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        i += 1
        if heading_first and not items:
            start(f"sec_{section}#heading", paragraph)
            continue
        if match := PART_RE.match(paragraph):
            start(f"part_{match['num']}#heading", paragraphs[i])
            i += 1
            continue
        following = paragraphs[i] if i < len(paragraphs) else ""
        is_heading = not LABEL_RE.match(paragraph) and not SECTION_START_RE.match(paragraph)
        if is_heading and (next_section := SECTION_START_RE.match(following)):
            start(f"sec_{next_section['num']}#heading", paragraph)  # SHERLOC: the heading on the line before
            continue
        match = SECTION_START_RE.match(paragraph) or INLINE_HEADING_RE.match(paragraph)
        if match:
            section, path = match["num"], []
            if "heading" in match.groupdict() and match["heading"]:
                start(f"sec_{section}#heading", match["heading"])
            paragraph = match["rest"]
        if match := LABEL_RE.match(paragraph):
            path = _place(path, match["num"])
            start(eid(), match["rest"] or "")
            continue
        if section == "2" and (match := DEFINITION_RE.match(paragraph)):
            path = [("def", slug(match["term"]))]
            start(eid(), paragraph)
            continue
        if not items or items[-1].key.endswith("#heading"):
            start(eid())  # opening words of the section (or of the provision the page starts in)
        items[-1].text = f"{items[-1].text} {paragraph}".strip()  # words that run on: the same provision
    if cut_heading:
        start(f"sec_{cut_heading}#heading", tail)
    for item in items:
        if match := DELETED_RE.match(item.text):
            item.deleted_by = match["act"]
    return items


def _place(path: list[tuple[str, str]], num: str) -> list[tuple[str, str]]:
    """Where a numbered provision sits: (1) subsection; (a) paragraph of the subsection or
    definition above it; (i), (ii) … subparagraph of the paragraph above it (unless "(i)" follows
    "(h)" as a paragraph)."""
    if num[0].isdigit():
        return [("subsec", num)]
    kinds = [kind for kind, _ in path]
    if "para" in kinds:
        para = dict(path)["para"]
        subpara = dict(path).get("subpara")
        successor = subpara is not None and subpara in ROMAN[:-1] and num == ROMAN[ROMAN.index(subpara) + 1]
        if successor or (num == "i" and subpara is None and para != "h"):
            return path[: kinds.index("para") + 1] + [("subpara", num)]
    parent = max((k for k, kind in enumerate(kinds) if kind in ("subsec", "def")), default=-1)
    return path[: parent + 1] + [("para", num)]


# --- the pages, and what each is ----------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    file: str  # under ../shared/sources/act670/
    group: str  # "current" | "2010-2015"
    as_at: dt.date
    section: str = ""  # the section the page starts in ("" when it starts with a Part heading)
    context: str = ""  # the provision the page starts inside, its own words not on the page
    heading_first: bool = False  # the page starts with the section's heading on a line of its own
    cut: bool = False  # the page is cut off: its last provision is compared up to the cut
    cut_heading: str | None = None  # … and what is cut is the heading of this section
    quoted: bool = False  # an amending-Act page: the text is inside the Act's quotation marks


LAW_PAGES = (
    Page("consolidated/s001.txt", "current", TODAY, section="1"),
    Page("consolidated/s002.txt", "current", TODAY, section="2", cut=True),
    Page("consolidated/s013.txt", "current", TODAY, section="13", quoted=True),
    Page("consolidated/s023.txt", "current", TODAY, section="23", cut=True),
    Page("consolidated/s026.txt", "current", TODAY, section="26"),
    Page("consolidated/s026A.txt", "current", TODAY),
    Page("consolidated/s026B.txt", "current", TODAY, section="26B", cut=True),
    Page("consolidated/s051.txt", "current", TODAY, section="51", context="subsec_1", cut=True),
    Page("consolidated/s066.txt", "current", TODAY, section="66", heading_first=True),
    Page("consolidated/s066A.txt", "current", TODAY),
    Page("consolidated/s066B.txt", "current", TODAY, quoted=True),
    Page("version-2010-2015/sherloc-part-III-s12-s14.txt", "2010-2015", IN_2012, cut=True),
    Page("version-2010-2015/sherloc-part-V-s41A-s44.txt", "2010-2015", IN_2012, cut=True, cut_heading="44"),
)
FRONT_PAGE = "consolidated/s000-long-title.txt"  # long title, commencement bracket, enacting words


def unquote(paragraphs: list[str]) -> list[str]:
    """The amending Act's own quotation marks around the text it inserts: “… ”. (or ‘ … ’.)."""
    paragraphs = list(paragraphs)
    paragraphs[0] = re.sub(r"^[“‘]\s*", "", paragraphs[0])
    paragraphs[-1] = re.sub(r"[”’]\.$", "", paragraphs[-1])
    return paragraphs


def read_page(page: Page) -> list[Item]:
    paragraphs = clean_page((SOURCES / page.file).read_text(encoding="utf-8"))
    if page.quoted:
        paragraphs = unquote(paragraphs)
    return read_law(paragraphs, section=page.section, context=page.context, heading_first=page.heading_first,
                    cut_heading=page.cut_heading)


def read_front_page() -> list[Item]:
    """The long title, the commencement bracket and the enacting words (mylaw main page)."""
    paragraphs = clean_page((SOURCES / FRONT_PAGE).read_text(encoding="utf-8"))
    paragraphs = [p for p in paragraphs if p != "Part III"]  # a stray line of the site's navigation
    text = " ".join(paragraphs[:-1])
    long_title, bracket = re.fullmatch(r"(.+?) \[(.+)\]", text).groups()
    return [Item("longtitle", long_title), Item("commencement", bracket), Item("enacting", paragraphs[-1])]


# --- cases: one per provision ---------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    group: str
    file: str
    key: str
    text: str
    as_at: dt.date | None
    cut: bool = False
    deleted_by: str | None = None
    act: str | None = None  # amending-Act cases: our id of the Act …
    provision: str | None = None  # … and the amending provision
    operations: tuple = ()  # what the provision does, read from its words
    amends: str | None = None  # the section of Act 670 it amends

    @property
    def id(self) -> str:
        return f"{self.group}:{Path(self.file).stem}:{self.key}"


def law_cases() -> list[Case]:
    cases = [Case("current", FRONT_PAGE, item.key, item.text, TODAY) for item in read_front_page()]
    for page in LAW_PAGES:
        items = read_page(page)
        for n, item in enumerate(items):
            cases.append(Case(page.group, page.file, item.key, item.text, page.as_at,
                              cut=page.cut and n == len(items) - 1, deleted_by=item.deleted_by))
    return cases


# --- our side: the engine's versions ----------------------------------------------------------------

def chunks(root: Provision) -> dict[str, Text]:
    """Each provision's words as a page prints them: its own words, and for the last provision of
    a list also the words that follow the list (they run on in the pages)."""
    out: dict[str, Text] = {}

    def visit(node: Provision) -> None:
        out[node.eid] = node.text
        for child in node.children:
            visit(child)
        if node.wrapup is not None:
            last = list(out)[-1]
            out[last] = f"{written(out[last])} {written(node.wrapup)}".strip()  # a missing text: {not available}

    visit(root)
    return out


def work_version_at(consolidation, date: dt.date):
    return next(v for v in consolidation.work_versions
                if v.in_force_from <= date and (v.in_force_to is None or date <= v.in_force_to))


def our_text(consolidation, key: str, date: dt.date) -> Text | None:
    """Our English words for a page's provision on a date; None if we have no such provision."""
    if key.startswith("part_"):
        number = key.split("#")[0].removeprefix("part_")
        part = next((p for p in work_version_at(consolidation, date).parts if p.number == number), None)
        return part.heading["en"] if part else None
    if key in ("longtitle", "enacting"):
        node = work_version_at(consolidation, date).front["en"].find(key)
        return node.text if node else None
    eid = key.split("#")[0]
    number = eid.split("__")[0].removeprefix("sec_")
    version = version_at(consolidation.versions.get(number, ()), date)
    if version is None:
        return None
    if key.endswith("#heading"):
        return version.heading["en"]
    return chunks(version.body["en"]).get(eid)


def our_order(consolidation, number: str, date: dt.date) -> list[str]:
    return list(chunks(version_at(consolidation.versions[number], date).body["en"]))


# --- comparing ----------------------------------------------------------------------------------

WHOLE = "<the whole provision>"
ABSENT = "<no such provision>"


def difference(source: str, ours: Text | None, *, cut: bool = False) -> tuple[tuple[str, str], ...]:
    """() if the words agree; else each differing run of words: (the source's, ours)."""
    if ours is None:
        return ((WHOLE, ABSENT),)
    if isinstance(ours, Missing):  # a missing text or heading: the table writes it as the files do
        return ((WHOLE, NOT_AVAILABLE),)
    a, b = normalise(source), normalise(ours)
    if a == b or (cut and b.startswith(a)):
        return ()
    a_words, b_words = a.split(), b.split()
    if cut:
        b_words = b_words[: len(a_words)]
    matcher = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False)
    return tuple((" ".join(a_words[i1:i2]), " ".join(b_words[j1:j2]))
                 for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")


# --- the enacted amending Acts: operations and the words they insert ------------------------------

@dataclass(frozen=True)
class ActPage:
    file: str
    act: str  # our id of the amending Act
    section: str | None = None  # the amending section the page is; None: the page's "Section N" labels say
    amends: tuple[tuple[str, str], ...] = ()  # (amending section, the section of Act 670 it amends)
    heading_of: str | None = None  # the page starts with the shoulder note of the section this provision inserts
    cut: bool = False


ACT_PAGES = (
    ActPage("amending-acts/A1500-2015/main-page-excerpt.txt", "act-a1500", amends=(("2", "2"), ("3", "6")), cut=True),
    ActPage("amending-acts/A1500-2015/s16.txt", "act-a1500", section="16", amends=(("16", "66"),)),
    ActPage("amending-acts/A1644-2022/s05.txt", "act-a1644", section="5", amends=(("5", "13"),)),
    ActPage("amending-acts/A1644-2022/s06.txt", "act-a1644", section="6", amends=(("5", "13"), ("6", "14")),
            heading_of="sec_5"),
)
# Words on the amending-Act pages that no instruction of ours records, and why.
NOT_ENCODED = {
    "act-a1500/sec_1__subsec_2": "the amending Act's own commencement clause; our data keeps only its in-force date",
}
SHOULDER_NOTE_RE = re.compile(r"^(Amendment of section \w+|New sections? .+|Savings|Short title and commencement)$")
SECTION_LABEL_RE = re.compile(r"^Section (?P<num>\d+)$")  # mylaw: the label of a section of the amending Act
FOLLOWING_RE = re.compile(r"the following (?P<what>\w+):$")


@dataclass
class AmendingItem:
    """One provision of an amending Act as the page gives it: its words, and the text it quotes."""

    provision: str  # eId in the amending Act: "sec_6__para_c__subpara_iii"
    words: str = ""
    quote: list[str] = field(default_factory=list)
    ancestors: tuple[str, ...] = ()  # the words of the provisions above it ("in the renumbered subsection (1)—")
    heading: str | None = None  # a shoulder note the page shows for the section this provision puts in


def read_amending(page: ActPage) -> list[AmendingItem]:
    paragraphs = clean_page((SOURCES / page.file).read_text(encoding="utf-8"))
    items: list[AmendingItem] = []
    section = page.section
    path: list[tuple[str, str]] = []
    if page.heading_of:
        items.append(AmendingItem(page.heading_of, heading=re.sub(r"^“", "", paragraphs.pop(0))))
    quoting = False
    for paragraph in paragraphs:
        if quoting:
            if not items[-1].quote and SECTION_LABEL_RE.match(paragraph):
                continue  # mylaw: the label of the quoted provision ("Section 13"), not its text
            items[-1].quote.append(paragraph)
            quoting = not re.search(r"[”’]\.$", paragraph)  # the quotation ends with ”. (or ’.)
            continue
        if match := SECTION_LABEL_RE.match(paragraph):
            section, path = match["num"], []
            continue
        if section is None or SHOULDER_NOTE_RE.match(paragraph):
            continue  # before the first section: the amending Act's long title; shoulder notes: not encoded
        if match := LABEL_RE.match(paragraph):
            path = _place(path, match["num"])
            provision = f"sec_{section}" + "".join(f"__{k}_{n}" for k, n in path)
            ancestors = tuple(i.words for i in items if provision.startswith(i.provision + "__"))
            items.append(AmendingItem(provision, match["rest"] or "", ancestors=ancestors))
        elif not items or items[-1].provision.split("__")[0] != f"sec_{section}":
            items.append(AmendingItem(f"sec_{section}", paragraph))
        else:
            items[-1].words = f"{items[-1].words} {paragraph}".strip()
        quoting = bool(FOLLOWING_RE.search(items[-1].words))
    return items


@dataclass(frozen=True)
class Operation:
    """What an amending provision does, read from its words."""

    op: str
    words: tuple[tuple[str, str], ...]  # (payload key, words) as in our instructions
    after: str | None = None  # where an insertion goes, as the tail of an eId ("__para_l", "sec_66")
    field: str = "text"
    target_tail: str | None = None  # the provision amended, as the tail of an eId ("__subsec_1")


OPERATION_RES = (
    ("substitute_words", re.compile(r"by substituting for the words? “(?P<old>[^”]+)” "
                                    r"the words? “(?P<new>[^”]+)”")),
    ("delete_words", re.compile(r"by deleting the words? “(?P<old>[^”]+)”")),
    ("insert_words", re.compile(r"by inserting after the words? “(?P<after>[^”]+)” "
                                r"the words? “(?P<words>[^”]+)”")),
    ("renumber", re.compile(r"by renumbering the existing section as subsection (?P<num>\(\d+\))")),
    ("full_stop", re.compile(r"by substituting for the full stop at the end of the definition of "
                             r"“(?P<term>[^”]+)” a semi-colon")),
    ("insert", re.compile(r"(?:by )?inserting after (?P<where>.+?) the following (?P<what>\w+):")),
    ("substitute_section", re.compile(r"by substituting for section (?P<number>\w+) the following section:")),
)


def read_operations(item: AmendingItem) -> tuple[Operation, ...]:
    found = []
    for name, pattern in OPERATION_RES:
        for match in pattern.finditer(item.words):
            found.append((match.start(), name, match))
    context = " ".join(item.ancestors + (item.words,))
    field = "heading" if "in the shoulder note" in item.words else "text"
    subsection = re.findall(r"in the (?:renumbered )?subsection \((\w+)\)", context)
    target_tail = f"__subsec_{subsection[-1]}" if subsection else None
    operations = []
    for _, name, match in sorted(found, key=lambda f: f[0]):
        if name == "full_stop":
            operations.append(Operation("substitute_words", (("old", "."), ("new", ";"), ("at", "end")),
                                        target_tail=f"__def_{slug(match['term'])}"))
        elif name == "insert":
            where = match["where"]
            if where == "that definition":
                term = re.findall(r"definition of “([^”]+)”", item.words)[-1]
                after = f"__def_{slug(term)}"
            elif m := re.fullmatch(r"(?:the renumbered )?(paragraph|subsection) \((\w+)\)", where):
                after = f"__{ {'paragraph': 'para', 'subsection': 'subsec'}[m[1]] }_{m[2]}"
            else:
                after = "sec_" + re.fullmatch(r"section (\w+)", where)[1]
            op = "insert_section" if match["what"].startswith("section") else "insert_provision"
            operations.append(Operation(op, (), after=after))
        elif name == "substitute_section":
            operations.append(Operation("substitute_section", (), target_tail=f"sec_{match['number']}"))
        else:
            words = tuple((k, v) for k, v in match.groupdict().items())
            operations.append(Operation(name, words, field=field, target_tail=target_tail))
    return tuple(operations)


# Where the text an amending provision quotes sits in Act 670: (section, provision it goes under).
QUOTE_PLACE = {
    ("act-a1500", "sec_2"): ("2", ""),  # a definition in s 2
    ("act-a1500", "sec_3__para_b"): ("6", "subsec_2"),  # paragraphs of s 6(2) (the page is cut before "(2)")
    ("act-a1500", "sec_16"): ("", ""),  # whole sections; each names its number
    ("act-a1644", "sec_5"): ("13", ""),  # the whole of the new s 13
    ("act-a1644", "sec_6__para_d"): ("14", ""),  # a subsection of s 14
}


def amending_cases() -> tuple[list[Case], list[Case]]:
    """(operations, quoted provisions) of the enacted amending-Act pages."""
    operations, quoted = [], []
    for page in ACT_PAGES:
        items = read_amending(page)
        for n, item in enumerate(items):
            key = f"{page.act}/{item.provision}"
            if item.heading is not None:
                section = dict(page.amends)[item.provision.split("__")[0].removeprefix("sec_")]
                quoted.append(Case("amending", page.file, f"{key}>sec_{section}#heading", item.heading, None,
                                   act=page.act, provision=item.provision))
                continue
            found = read_operations(item)
            if item.quote and found and found[-1].op == "insert_section":
                found = found[:-1] + _each_section(found[-1], item.quote)
            if found:
                operations.append(Case("amending", page.file, key, item.words, None, act=page.act,
                                       provision=item.provision, operations=found,
                                       amends=dict(page.amends)[item.provision.split("__")[0].removeprefix("sec_")]))
            if item.quote:
                section, context = QUOTE_PLACE[(page.act, item.provision)]
                law = read_law(unquote(item.quote), section=section, context=context)
                last_on_page = n == len(items) - 1
                for m, provision in enumerate(law):
                    quoted.append(Case("amending", page.file, f"{key}>{provision.key}", provision.text, None,
                                       cut=page.cut and last_on_page and m == len(law) - 1,
                                       act=page.act, provision=item.provision))
    return operations, quoted


def _each_section(operation: Operation, quote: list[str]) -> tuple[Operation, ...]:
    """"inserting after section 66 the following sections: 66A … 66B …" inserts each section after
    the one before it (one instruction per section in our data)."""
    numbers = [item.key.split("#")[0].removeprefix("sec_") for item in read_law(unquote(quote), section="")
               if item.key.endswith("#heading")]
    afters = [operation.after] + [f"sec_{n}" for n in numbers[:-1]]
    return tuple(Operation(operation.op, operation.words, after=after) for after in afters)


def unread_amending_words() -> list[str]:
    """Provisions of the amending-Act pages with words that are neither an operation we read, nor
    only the lead-in of the provisions under them, nor listed in NOT_ENCODED."""
    out = []
    for page in ACT_PAGES:
        items = read_amending(page)
        for item in items:
            key = f"{page.act}/{item.provision}"
            has_children = any(other.provision.startswith(item.provision + "__") for other in items)
            if item.heading is None and not read_operations(item) and not has_children and key not in NOT_ENCODED:
                out.append(f"{key}: {item.words}")
    return out


# --- the arrangements of sections of the printed Act and of the reprints (headings only) --------

@dataclass(frozen=True)
class Arrangement:
    file: str
    as_at: dt.date


ARRANGEMENTS = (
    Arrangement("reprints/original-2007-arrangement-excerpt.txt", dt.date(2008, 2, 28)),  # the Act as printed
    Arrangement("reprints/reprint-2014-arrangement-excerpt.txt", dt.date(2014, 11, 1)),  # reprint as at
    Arrangement("reprints/online-2016-arrangement-excerpt.txt", dt.date(2016, 8, 15)),  # updated reprint as at
)
ARRANGEMENT_ENTRY_RE = re.compile(r"\s(?=(?:PART|Part) [IVX]+A?\s|\d{1,2}[A-Z]?\.\s)")


def read_arrangement(arrangement: Arrangement) -> list[Item]:
    raw = (SOURCES / arrangement.file).read_text(encoding="utf-8").split("\n", 1)[1]  # without the curator's header
    text = raw.split("ARRANGEMENT OF SECTIONS", 1)[1]  # before it: title pages, dates, site chrome
    text = text.replace("•", " ")  # the copy's page bullets
    text = re.sub(r"(\d+ )?Laws of Malaysia (ACT|Act) 670", " ", text)  # running head with page number
    text = re.sub(r"\bSection\b", " ", text)  # the column label "Section" at the top of each page
    text = " ".join(text.split())  # line breaks inside headings
    items = []
    for entry in ARRANGEMENT_ENTRY_RE.split(text):
        if match := re.fullmatch(r"(?:PART|Part) (?P<num>[IVX]+A?) (?P<heading>.+)", entry):
            items.append(Item(f"part_{match['num']}#heading", match["heading"].upper()))  # small capitals in lower case
        elif match := re.fullmatch(r"(?P<num>\d{1,2}[A-Z]?)\. (?P<heading>.+)", entry):
            items.append(Item(f"sec_{match['num']}#heading", match["heading"]))
        else:
            raise AssertionError(f"{arrangement.file}: cannot read {entry!r}")
    return items


def arrangement_cases() -> list[Case]:
    cases = []
    for arrangement in ARRANGEMENTS:
        items = read_arrangement(arrangement)
        for n, item in enumerate(items):
            cases.append(Case("arrangement", arrangement.file, item.key, item.text, arrangement.as_at,
                              cut=n == len(items) - 1))  # every excerpt is cut inside its last heading
    return cases


# --- our side of the amending Acts: the encoded instructions --------------------------------------

def instructions_of(statutes, act: str, provision: str) -> list:
    amending = next(a for a in statutes.amendments if a.id == act)
    return [i for i in amending.instructions if i.provision == provision]


def _tail_matches(eid: str | None, tail: str) -> bool:
    return eid is not None and (eid == tail or eid.endswith(tail))


def operation_difference(case: Case, instructions: list) -> tuple[tuple[str, str], ...]:
    """() if our instructions do what the enacted words say, with the same words; else what differs
    as (what the page says, what we encoded)."""
    out = []
    if len(instructions) != len(case.operations):
        out.append((f"{len(case.operations)} operation(s)", f"{len(instructions)} instruction(s)"))
    for operation, instruction in zip(case.operations, instructions):
        if instruction.op != operation.op:
            out.append((operation.op, instruction.op))
        if instruction.field != operation.field:
            out.append((f"field {operation.field}", f"field {instruction.field}"))
        payload = instruction.payload.get("en")
        for key, words in operation.words:
            ours = instruction.num if key == "num" else getattr(payload, key, None)
            if ours is None or normalise(str(ours)) != normalise(words):
                out.append((f"{key}: {words}", f"{key}: {ours}"))
        if operation.after and not _tail_matches(instruction.after, operation.after):
            out.append((f"after …{operation.after}", f"after {instruction.after}"))
        if operation.target_tail and not _tail_matches(instruction.target, operation.target_tail):
            out.append((f"target …{operation.target_tail}", f"target {instruction.target}"))
        where = instruction.target or instruction.after or ""
        # (a new section is placed by `after`, checked above)
        if operation.op != "insert_section" and where.split("__")[0] != f"sec_{case.amends}":
            out.append((f"amends s {case.amends}", f"amends {where}"))
    return tuple(out)


def _kind_of(eid: str) -> str:
    kind = eid.split("__")[-1].split("_")[0]
    return {"sec": "section"}.get(kind, kind)


def instruction_texts(statutes, act: str, provision: str) -> dict[str, str]:
    """The English words our instructions insert, by the eId (or "sec_N#heading") they take."""
    out: dict[str, str] = {}
    for instruction in instructions_of(statutes, act, provision):
        payload = instruction.payload.get("en")
        text = getattr(payload, "text", None)
        if text is None:
            continue
        if instruction.op in ("insert_section", "substitute_section"):
            number = instruction.section or instruction.target.removeprefix("sec_")
            root = parse_body(text, root_eid=f"sec_{number}", root_num=number)
            out[f"sec_{number}#heading"] = payload.heading
        else:
            anchor = instruction.into or instruction.after.rsplit("__", 1)[0]
            root = parse_body(text, root_eid=anchor, root_kind=_kind_of(anchor))
        whole_section = instruction.op in ("insert_section", "substitute_section")
        out.update({eid: text for eid, text in chunks(root).items() if whole_section or eid != root.eid})
    return out


def read_commencements(bracket: str) -> set[tuple[dt.date, str, frozenset[str]]]:
    """"Part I, II, Section 66 and 67–1 October 2007, P.U. (B) 339/2007; …" as (date, notice, eIds)."""
    out = set()
    for entry in bracket.split(";"):
        what, when = re.split(r"\s*–\s*", entry.strip(), maxsplit=1)
        date_text, notice = when.split(", ", 1)
        provisions = set()
        for kind, numbers in re.findall(r"(Part|Section) (.+?)(?=,? (?:Part|Section) |$)", what):
            for number in re.split(r",\s*|\s+and\s+", numbers):
                provisions.add(f"{ {'Part': 'part', 'Section': 'sec'}[kind] }_{number}")
        out.add((dt.datetime.strptime(date_text, "%d %B %Y").date(), notice.strip(), frozenset(provisions)))
    return out


# --- expected differences: each fixed in our data or explained ------------------------------------

@dataclass(frozen=True)
class Expected:
    difference: tuple[tuple[str, str], ...]  # exactly as `difference` / `operation_difference` report it
    reason: str


_COMMITTEES = Expected(
    (("committees", "Committees"),),
    "bill differs from the Act: the bill (our text as first enacted) heads s 10 “Establishment of Committees”, "
    "the printed Act and both reprints “committees”; explained in the editor_note of s 10")

EXPECTED: dict[str, Expected] = {
    # current English (mylaw.my) -------------------------------------------------------------------
    "current:s026:sec_26__subsec_4": Expected(
        (("section,", "section"),),
        "bill differs from the consolidated text: a comma after “section” that the bill does not have; "
        "explained in the editor_note of s 26"),
    # arrangements of sections -----------------------------------------------------------------------
    "arrangement:original-2007-arrangement-excerpt:sec_10#heading": _COMMITTEES,
    "arrangement:reprint-2014-arrangement-excerpt:sec_10#heading": _COMMITTEES,
    "arrangement:online-2016-arrangement-excerpt:sec_10#heading": _COMMITTEES,
}


# --- the cases, collected once ----------------------------------------------------------------------

def _collect():
    if not SOURCES.is_dir():
        return None
    operations, quoted = amending_cases()
    return {"law": law_cases(), "operations": operations, "quoted": quoted, "arrangement": arrangement_cases()}


CASES = _collect()


def params(kind: str, *, where=lambda case: True):
    if CASES is None:
        return [pytest.param(None, marks=pytest.mark.skip(reason=SKIP_REASON), id="sources-absent")]
    return [pytest.param(case, id=case.id) for case in CASES[kind] if where(case)]


def assert_as_expected(case: Case, found: tuple, source_words: str, ours) -> None:
    expected = EXPECTED.get(case.id)
    if expected is None:
        assert found == (), (
            f"{case.file} and our data differ in {case.key}:\n"
            + "".join(f"  source: {a!r}\n  ours:   {b!r}\n" for a, b in found)
            + f"source text: {normalise(source_words)}\nour text:    {ours}")
    else:
        assert found == expected.difference, (
            f"the recorded difference for {case.id} ({expected.reason}) is no longer what we find: "
            f"found {found!r}; fix EXPECTED (and the editor_note) if our data changed on purpose")


# --- the stories ------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", params("law", where=lambda c: c.key != "commencement" and not c.deleted_by))
def test_our_version_reads_as_the_independent_text(case, real_consolidation):
    """Current English (mylaw) as at 2026-11-29 and the 2010-2015 English (SHERLOC) as at 2012-06-01."""
    ours = our_text(real_consolidation, case.key, case.as_at)
    assert_as_expected(case, difference(case.text, ours, cut=case.cut), case.text, ours)


@pytest.mark.parametrize("case", params("law", where=lambda c: bool(c.deleted_by)))
def test_a_provision_the_reprint_shows_as_deleted_is_deleted_by_that_act(case, real_statutes, real_consolidation):
    """mylaw shows "(f) (Deleted by Act A1644);": so does our (f) today, which had its words the day before
    that Act came into force, and one of its instructions deletes it."""
    act = next(a for a in real_statutes.amendments if a.number == case.deleted_by)
    assert our_text(real_consolidation, case.key, case.as_at) == f"(Deleted by Act {case.deleted_by})"
    assert our_text(real_consolidation, case.key, act.in_force_from - dt.timedelta(days=1))
    assert [i for i in act.instructions if i.op == "delete_provision" and i.target == case.key]


@pytest.mark.parametrize("case", params("law", where=lambda c: c.key == "commencement"))
def test_commencement_dates_are_those_under_the_long_title(case, real_statutes):
    ours = {(c.date, c.notice, frozenset(c.provisions)) for c in real_statutes.work.commencements}
    assert read_commencements(case.text) == ours


@pytest.mark.parametrize("page", [pytest.param(p, id=Path(p.file).stem) for p in LAW_PAGES]
                         if CASES is not None else params("law"))
def test_a_page_lists_the_provisions_in_our_order(page, real_consolidation):
    """A provision that sits in another place in our text (a definition after the wrong one, a
    paragraph under the wrong subsection) is found even when its words agree."""
    by_section: dict[str, list[str]] = {}
    for item in read_page(page):
        if not item.key.startswith("sec_") or item.deleted_by:
            continue
        eid = item.key.split("#")[0]
        by_section.setdefault(eid.split("__")[0].removeprefix("sec_"), []).append(eid)
    for number, eids in by_section.items():
        order = our_order(real_consolidation, number, page.as_at)
        positions = [order.index(eid) for eid in dict.fromkeys(eids) if eid in order]
        assert positions == sorted(positions), f"s {number}: {eids} against our order {order}"


@pytest.mark.parametrize("case", params("operations"))
def test_our_instruction_does_what_the_enacted_amending_act_says(case, real_statutes):
    instructions = instructions_of(real_statutes, case.act, case.provision)
    found = operation_difference(case, instructions)
    assert_as_expected(case, found, case.text, [(i.op, i.target or i.after, i.payload["en"].as_written() if "en" in i.payload else None)
                                                for i in instructions])


@pytest.mark.parametrize("case", params("quoted"))
def test_the_words_we_insert_are_the_enacted_words(case, real_statutes):
    ours = instruction_texts(real_statutes, case.act, case.provision).get(case.key.split(">", 1)[1])
    assert_as_expected(case, difference(case.text, ours, cut=case.cut), case.text, ours)


def test_every_amending_provision_on_the_pages_is_read_or_said_not_to_be_encoded():
    if CASES is None:
        pytest.skip(SKIP_REASON)
    assert unread_amending_words() == []


@pytest.mark.parametrize("case", params("arrangement"))
def test_our_headings_are_those_of_the_printed_arrangements(case, real_consolidation):
    """Headings of the Act as printed (2007) and of the reprints as at 1 November 2014 and
    15 August 2016, each against our version in force on that date."""
    ours = our_text(real_consolidation, case.key, case.as_at)
    assert_as_expected(case, difference(case.text, ours, cut=case.cut), case.text, ours)


def test_the_reprint_notes_under_s_1_agree_with_our_record_of_the_2010_act(real_statutes, real_consolidation):
    """mylaw's notes * and ** under s 1 (reprint annotations, not law text) say which provision of
    A1385 renamed the Act, from when, under which notice, and which provision reads old names as new."""
    if CASES is None:
        pytest.skip(SKIP_REASON)
    raw = (SOURCES / "consolidated/s001.txt").read_text(encoding="utf-8")
    notes = " ".join(raw.split("*NOTE—", 1)[1].split())
    renamed = re.search(r"Previously known as the (?P<old>.+? Act \d{4})\. Change in short title vide section "
                        r"(?P<provision>\d+) of the .+? \[Act (?P<act>A\d+)\] w\.e\.f\. (?P<date>\d+ \w+ \d{4})"
                        r"–see (?P<notice>P\.U\. \(B\) \d+/\d{4})", notes)
    construed = re.search(r"be construed as references to the (?P<new>.+? Act \d{4}) and the Council .+? see section "
                          r"(?P<provision>\d+) of the .+? \[Act (?P<act>A\d+)\]", notes)
    act = next(a for a in real_statutes.amendments if a.number == renamed["act"])
    assert act.in_force_from == dt.datetime.strptime(renamed["date"], "%d %B %Y").date()
    assert act.in_force.notice == renamed["notice"]
    assert [i for i in act.instructions
            if i.provision == f"sec_{renamed['provision']}" and i.target == "sec_1__subsec_1"]
    assert work_version_at(real_consolidation, act.in_force_from - dt.timedelta(days=1)).title["en"] == renamed["old"]
    assert work_version_at(real_consolidation, TODAY).title["en"] == construed["new"]
    assert construed["act"] == act.number
    assert f"sec_{construed['provision']}" in [t.provision for t in act.transitional]


def test_dates_on_the_reprint_title_pages_are_ours(real_statutes):
    """The reprints as at 2014 and 2016 give the dates of Royal Assent and publication and the latest
    amending Act with the date it came into operation."""
    if CASES is None:
        pytest.skip(SKIP_REASON)
    amending = {a.number: a for a in real_statutes.amendments}
    for file, latest in (("reprints/reprint-2014-arrangement-excerpt.txt", "A1385"),
                         ("reprints/online-2016-arrangement-excerpt.txt", "A1500")):
        text = " ".join((SOURCES / file).read_text(encoding="utf-8").split("ARRANGEMENT OF SECTIONS")[0].split())
        text = text.replace("…", " ").replace("...", " ")  # the leader dots of the title page
        text = " ".join(text.split())

        def date_after(words: str) -> dt.date:
            found = re.search(re.escape(words) + r" (\d{1,2} \w+ \d{4})", text)
            return dt.datetime.strptime(found[1], "%d %B %Y").date()

        assert date_after("Date of Royal Assent") == real_statutes.work.assent.date, file
        assert date_after("Date of publication in the Gazette") == real_statutes.work.gazette.date, file
        assert f"Latest amendment made by Act {latest} which came into operation on" in text, file
        assert date_after("into operation on") == amending[latest].in_force_from, file


# The number of provisions (and headings) compared, per source. A change in a parser that loses
# or gains provisions shows here.
COUNTS = {
    "current: consolidated/s000-long-title.txt": 3,  # long title, commencement bracket, enacting words
    "current: consolidated/s001.txt": 1,
    "current: consolidated/s002.txt": 15,
    "current: consolidated/s013.txt": 7,
    "current: consolidated/s023.txt": 9,
    "current: consolidated/s026.txt": 3,
    "current: consolidated/s026A.txt": 3,
    "current: consolidated/s026B.txt": 5,
    "current: consolidated/s051.txt": 11,
    "current: consolidated/s066.txt": 11,
    "current: consolidated/s066A.txt": 5,
    "current: consolidated/s066B.txt": 5,
    "2010-2015: version-2010-2015/sherloc-part-III-s12-s14.txt": 15,
    "2010-2015: version-2010-2015/sherloc-part-V-s41A-s44.txt": 14,
    "operations: amending-acts/A1500-2015/main-page-excerpt.txt": 2,
    "operations: amending-acts/A1500-2015/s16.txt": 1,
    "operations: amending-acts/A1644-2022/s05.txt": 1,
    "operations: amending-acts/A1644-2022/s06.txt": 6,
    "quoted: amending-acts/A1500-2015/main-page-excerpt.txt": 4,
    "quoted: amending-acts/A1500-2015/s16.txt": 10,
    "quoted: amending-acts/A1644-2022/s05.txt": 7,
    "quoted: amending-acts/A1644-2022/s06.txt": 2,
    "arrangement: reprints/original-2007-arrangement-excerpt.txt": 36,
    "arrangement: reprints/reprint-2014-arrangement-excerpt.txt": 26,
    "arrangement: reprints/online-2016-arrangement-excerpt.txt": 22,
}


def test_number_of_provisions_checked_per_source(capsys):
    if CASES is None:
        pytest.skip(SKIP_REASON)
    counts: dict[str, int] = {}
    for kind, cases in CASES.items():
        for case in cases:
            group = case.group if kind == "law" else kind
            counts[f"{group}: {case.file}"] = counts.get(f"{group}: {case.file}", 0) + 1
    with capsys.disabled():
        print("\nprovisions compared with independent sources:")
        for name, count in sorted(counts.items()):
            print(f"  {count:3}  {name}")
        print(f"  {sum(counts.values()):3}  in all; expected differences: {len(EXPECTED)}")
    assert counts == COUNTS
    assert not set(EXPECTED) - {case.id for cases in CASES.values() for case in cases}, "EXPECTED names no case"
