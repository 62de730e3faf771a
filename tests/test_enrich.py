"""Defined terms and cross-references in the law text, read as at the right date.

A reader of a version sees the definitions of s 2 in force on its first day and links to the
versions of other sections in force that day; every link lands on a page and anchor that exist.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

from atipsom.domain.amend import Consolidation
from atipsom.domain.body import parse_body
from atipsom.domain.model import Part, Version, WorkVersion
from atipsom.domain.terms import Definition, Glossary, defined_terms, find_terms, glossary_at
from atipsom.domain.timeline import version_at
from atipsom.domain.xrefs import Reference, find_references
from atipsom.render import urls
from atipsom.render.enrich import Enrichment, as_at_dates, enricher_for
from atipsom.render.html import PLACEHOLDER
from atipsom.render.law import render_law

SITE = urls.Urls("act-670")  # the pages of the Act

D2008 = dt.date(2008, 2, 28)
D2010 = dt.date(2010, 11, 15)
D2015 = dt.date(2015, 11, 18)
D2022 = dt.date(2022, 2, 22)
LINK_RE = re.compile(r'<a class="atp-xref[^"]*" href="(?P<href>[^"]*)"[^>]*>(?P<words>[^<]*)</a>')
TERM_RE = re.compile(r'<span class="atp-term" tabindex="0" aria-describedby="(?P<id>[^"]+)">(?P<words>[^<]*)</span>')


# --- small hand-built Acts ----------------------------------------------------------------------------

def _version(number: str, date: dt.date, en: str, ms: str | None = None, *, part: str = "I",
             until: dt.date | None = None, change: str = "original") -> Version:
    body = {"en": parse_body(textwrap.dedent(en).strip(), root_eid=f"sec_{number}")}
    if ms is not None:
        body["ms"] = parse_body(textwrap.dedent(ms).strip(), root_eid=f"sec_{number}")
    return Version(work="act-670", number=number, part=part, in_force_from=date, in_force_to=until, change=change,
                   heading={"en": f"Section {number}", "ms": f"Seksyen {number}"}, body=body, amended_by=(),
                   history={}, text_status={"en": "verbatim", "ms": "verbatim"}, source={})


def _act(*versions: Version, parts=("I", "V")) -> Consolidation:
    by_number: dict[str, list[Version]] = {}
    for version in versions:
        by_number.setdefault(version.number, []).append(version)
    first = min(v.in_force_from for v in versions)
    part_list = tuple(Part(p, {"en": f"PART {p}", "ms": f"BAHAGIAN {p}"},
                           tuple(n for n, vs in by_number.items() if vs[0].part == p)) for p in parts)
    work_version = WorkVersion(first, None, {"en": "Test Act 2007", "ms": "Akta Ujian 2007"}, part_list, {}, ())
    return Consolidation(versions={n: tuple(vs) for n, vs in by_number.items()}, order=tuple(by_number),
                         work_versions=(work_version,), applications=(), errors=())


SEC_2 = """
In this Act—

- {#def_person} “person” includes a body of persons;
- {#def_trafficked-person} “trafficked person” means any person who is the victim of trafficking;
- {#def_court} “Court” means Sessions Court;
- {#def_council} “Council” means the Council established under section 6;
- {#def_this-act} “this Act” includes any subsidiary legislation made under this Act;
"""
SEC_51 = """
- (1) An enforcement officer shall investigate.
- (3) Where the Magistrate is satisfied that the person—
  - (a) is a trafficked person, the Magistrate may make a Protection Order; or
  - (b) is not a trafficked person, the Magistrate may release him.
- (4) An order under paragraph (3)(b) ends when the person leaves Malaysia.
"""


def _small_act() -> Consolidation:
    return _act(
        _version("2", D2008, SEC_2),
        _version("51", D2008, SEC_51, part="V", until=D2015 - dt.timedelta(days=1)),
        _version("51", D2015, SEC_51.replace("(4) An order", "(4) A Protection Order"), part="V",
                 change="amended"),
        _version("52", D2008, """
            - (1) A person released under paragraph 51(3)(b), or under subsection 51(9), may appeal to the Court.
            - (2) Paragraph (a) of subsection (1) of this section, section 432 of the Criminal Procedure Code and the Courts of Judicature Act 1964 apply; see also sections 12 to 14 and Part V.
            """, part="V"),
    )


def _enrich(consolidation: Consolidation, number: str, date: dt.date, text: str, eid: str | None = None,
            lang: str = "en", as_at: dt.date | None = None) -> str:
    version = version_at(consolidation.versions[number], date)
    return enricher_for(consolidation)(version, as_at)(text, lang, eid or version.eid)


def test_reference_to_paragraph_51_3_b_links_the_anchor_in_the_same_version():
    act = _small_act()
    text = act.versions["51"][0].body["en"].find("sec_51__subsec_4").text
    html = _enrich(act, "51", D2008, text, "sec_51__subsec_4")
    assert LINK_RE.search(html).group("href") == "#sec_51__subsec_3__para_b"
    assert LINK_RE.search(html).group("words") == "paragraph (3)(b)"


def test_reference_from_another_section_links_the_version_in_force_on_the_first_day():
    act = _small_act()
    text = act.versions["52"][0].body["en"].find("sec_52__subsec_1").text
    links = LINK_RE.findall(_enrich(act, "52", D2008, text, "sec_52__subsec_1"))
    page = SITE.section_page("51", D2008)
    assert (f"{PLACEHOLDER}{page}#sec_51__subsec_3__para_b", "paragraph 51(3)(b)") in links
    # the same words read as at 2016 link the 2015 version of s 51
    later = _enrich(act, "52", D2008, text, "sec_52__subsec_1", as_at=dt.date(2016, 1, 1))
    assert f"{PLACEHOLDER}{SITE.section_page('51', D2015)}#sec_51__subsec_3__para_b" in later


def test_reference_to_a_provision_missing_in_that_version_links_the_section_not_a_dead_anchor():
    act = _small_act()
    text = act.versions["52"][0].body["en"].find("sec_52__subsec_1").text
    links = dict((words, href) for href, words in LINK_RE.findall(_enrich(act, "52", D2008, text, "sec_52__subsec_1")))
    assert links["subsection 51(9)"] == f"{PLACEHOLDER}{SITE.section_page('51', D2008)}"


def test_references_to_other_acts_are_marked_not_linked():
    act = _small_act()
    text = act.versions["52"][0].body["en"].find("sec_52__subsec_2").text
    html = _enrich(act, "52", D2008, text, "sec_52__subsec_2")
    assert ('<span class="atp-extref" title="Criminal Procedure Code">section 432 of the Criminal Procedure Code'
            '</span>') in html
    assert '<span class="atp-extref" title="Courts of Judicature Act 1964">Courts of Judicature Act 1964</span>' in html
    assert "432" not in "".join(LINK_RE.findall(html)[i][1] for i in range(len(LINK_RE.findall(html))))


def test_range_links_each_number_written_and_missing_sections_are_not_linked():
    act = _small_act()
    text = act.versions["52"][0].body["en"].find("sec_52__subsec_2").text
    html = _enrich(act, "52", D2008, text, "sec_52__subsec_2")
    assert "sections 12 to 14" in re.sub(r"<[^>]+>", "", html)
    assert not any(words.endswith(("12", "14")) for _, words in LINK_RE.findall(html))  # no such sections here
    assert f'href="{PLACEHOLDER}{SITE.as_at_page(D2008)}#part_V"' in html


def test_relative_paragraph_reads_from_the_provision_being_read():
    act = _act(_version("2", D2008, """
        In this Act—

        - {#def_smuggling} “smuggling” means—
          - (a) arranging the unlawful entry of a person; and
          - (b) harbouring a person for the purpose of an act in paragraph (a);
        """))
    html = _enrich(act, "2", D2008, "harbouring a person for the purpose of an act in paragraph (a);",
                   "sec_2__def_smuggling__para_b")
    assert LINK_RE.search(html).group("href") == "#sec_2__def_smuggling__para_a"


def test_reference_to_a_section_not_yet_in_force_links_its_first_version_and_says_so():
    act = _act(_version("2", dt.date(2007, 10, 1), SEC_2), _version("6", D2008, "The Council is established."))
    html = _enrich(act, "2", dt.date(2007, 10, 1), "“Council” means the Council established under section 6;",
                   "sec_2__def_council")
    assert 'class="atp-xref atp-xref--later"' in html
    assert f"{PLACEHOLDER}{SITE.section_page('6', D2008)}" in html
    assert "not yet in force on 1 October 2007" in html


def test_terms_match_whole_words_in_the_case_defined_longest_first():
    act = _small_act()
    glossary = glossary_at(act.versions, D2008)
    text = ("The Council and a council of elders; the Court and the Courts and a Sessions Court; "
            "a trafficked person and trafficked persons; persons; a personal matter.")
    words = [(text[h.start:h.end], h.definition.key) for h in find_terms(text, "en", "sec_51__subsec_1", glossary)]
    assert words == [
        ("Council", "sec_2__def_council"),
        ("Court", "sec_2__def_court"),
        ("trafficked person", "sec_2__def_trafficked-person"),
        ("trafficked persons", "sec_2__def_trafficked-person"),
        ("persons", "sec_2__def_person"),
    ]


def test_a_term_is_not_marked_inside_its_own_definition_nor_in_quotes_nor_in_links():
    act = _small_act()
    s2 = act.versions["2"][0].body["en"]
    this_act = s2.find("sec_2__def_this-act").text
    assert "atp-term" not in _enrich(act, "2", D2008, this_act, "sec_2__def_this-act")
    council = _enrich(act, "2", D2008, s2.find("sec_2__def_council").text, "sec_2__def_council")
    assert "“Council”" in council and TERM_RE.findall(council) == []  # quoted, and its own definition
    trafficked = _enrich(act, "2", D2008, s2.find("sec_2__def_trafficked-person").text, "sec_2__def_trafficked-person")
    assert [w for _, w in TERM_RE.findall(trafficked)] == ["person"]  # other terms inside a definition are marked
    glossary = Glossary(D2008, (Definition("sec_2__def_cpc", "2", {"en": ("Criminal Procedure Code",)},
                                           {"en": None}, None, D2008),))
    text = "section 432 of the Criminal Procedure Code shall apply"
    protected = [(r.start, r.end) for r in find_references(text, "en")]
    assert find_terms(text, "en", "sec_52", glossary, protected) == []


def test_defined_terms_reads_one_or_more_quoted_terms():
    assert defined_terms("“trafficking in persons” or “traffics in persons” means the recruiting") == (
        "trafficking in persons", "traffics in persons")
    assert defined_terms("In this section, “harbour” means supplying a person") == ("harbour",)
    assert defined_terms("suatu “deposisi” termasuklah apa-apa pernyataan") == ("deposisi",)
    assert defined_terms("The words “on oath” appear here and mean nothing") == ()


# --- parsing references -------------------------------------------------------------------------------

def _refs(text: str, lang: str = "en", titles=()):
    return [(text[r.start:r.end], r.section, r.path) if isinstance(r, Reference) else ("EXT", text[r.start:r.end])
            for r in find_references(text, lang, titles)]


@pytest.mark.parametrize("text,lang,expected", [
    ("under section 12, 13 or 14, it", "en", [("section 12", "12", ()), ("13", "13", ()), ("14", "14", ())]),
    ("sections 12 to 14", "en", [("sections 12", "12", ()), ("14", "14", ())]),
    ("under section 52, the recording of 2 statements", "en", [("section 52", "52", ())]),
    ("under subsections 30(3), (4) and (5).", "en",
     [("subsections 30(3)", "30", ("3",)), ("(4)", "30", ("4",)), ("(5)", "30", ("5",))]),
    ("under paragraphs 6(2)(b) to (m);", "en", [("paragraphs 6(2)(b)", "6", ("2", "b")), ("(m)", "6", ("2", "m"))]),
    ("subparagraph 51(3)(a)(ii), where", "en", [("subparagraph 51(3)(a)(ii)", "51", ("3", "a", "ii"))]),
    ("contravenes subsection (1) or (2) commits", "en", [("subsection (1)", None, ("1",)), ("(2)", None, ("2",))]),
    ("di bawah perenggan (2)(n) dan (o) boleh", "ms", [("perenggan (2)(n)", None, ("2", "n")), ("(o)", None, ("2", "o"))]),
    ("subseksyen 27(1a);", "ms", [("subseksyen 27(1a)", "27", ("1a",))]),
    ("a fine of not less than five hundred thousand ringgit, or 15 years, under this Act", "en", []),
    ("an order made by a Magistrate under paragraph", "en", []),
])
def test_references_are_read_as_written(text, lang, expected):
    assert _refs(text, lang) == expected


def test_references_to_other_laws_cover_the_whole_list():
    assert _refs("falling within section 27 or paragraphs 32(1)(a), (i) and (j) of the Evidence Act 1950.") == [
        ("EXT", "section 27 or paragraphs 32(1)(a), (i) and (j) of the Evidence Act 1950")]
    assert _refs("di bawah seksyen 32 atau 33 atau subseksyen 56(2) Akta Imigresen 1959/63 dikehendaki", "ms") == [
        ("EXT", "seksyen 32 atau 33 atau subseksyen 56(2) Akta Imigresen 1959/63")]
    assert _refs("di bawah seksyen 3 Akta Kerja 1955 [Akta 265] atau seksyen 3 Ordinan Buruh (Sabah Bab 67);", "ms") == [
        ("EXT", "seksyen 3 Akta Kerja 1955 [Akta 265]"), ("EXT", "seksyen 3 Ordinan Buruh (Sabah Bab 67)")]
    assert _refs("in accordance with the provisions of the Immigration Act 1959/63.") == [
        ("EXT", "Immigration Act 1959/63")]
    assert _refs("Minister under subsection 42(1) of this Act.") == [("subsection 42(1)", "42", ("1",))]


def test_this_acts_own_title_is_not_another_law():
    title = "Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007"
    assert _refs(f"This Act may be cited as the {title}.", titles=(title,)) == []


def test_parts_and_this_part():
    found = find_references("accorded under Part V; or under this Part", "en")
    assert [(r.kind, r.part) for r in found] == [("part", "V"), ("part", "this")]
    assert [(r.kind, r.part) for r in find_references("Bahagian ini tidak terpakai", "ms")] == [("part", "this")]


# --- the real Act ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def enrichment(real_consolidation) -> Enrichment:
    return enricher_for(real_consolidation)


def _page(enrichment: Enrichment, number: str, start: dt.date, as_at: dt.date | None = None) -> tuple[str, str]:
    """(law html, definitions block) of the version of a section starting on `start`."""
    version = next(v for v in enrichment.consolidation.versions[number] if v.in_force_from == start)
    law = render_law(version, enrich=enrichment(version, as_at))
    block = enrichment.definitions_block(law, as_at or version.in_force_from,
                                         until=None if as_at else version.in_force_to, whole_act=bool(as_at))
    return law, block


def test_2012_page_shows_the_2012_definition_of_coercion(enrichment):
    law, block = _page(enrichment, "13", D2008, as_at=dt.date(2012, 6, 1))
    assert '<span class="atp-term" tabindex="0" aria-describedby="def-en-sec_2__def_coercion">coercion</span>' in law
    assert '<span class="atp-term" tabindex="0" aria-describedby="def-ms-sec_2__def_coercion">paksaan</span>' in law
    coercion = re.search(r'<dd lang="en" id="def-en-sec_2__def_coercion">(.*?)</dd>', block).group(1)
    assert "threat of serious harm to or physical restraint against any person" in coercion
    assert f"{SITE.section_page('2', D2010)}#sec_2__def_coercion" in block  # s 2 as in force in 2012


def test_2024_page_marks_no_coercion(enrichment):
    version = version_at(enrichment.consolidation.versions["13"], dt.date(2024, 1, 1))
    law, block = _page(enrichment, "13", version.in_force_from)
    assert "def_coercion" not in law and "def_coercion" not in block
    s2, _ = _page(enrichment, "2", D2022)
    assert "forms of coercion" in s2 and "def_coercion" not in s2  # A1644 deleted the definition


def test_version_page_says_when_a_definition_it_uses_changed_during_its_life(enrichment):
    _, block = _page(enrichment, "13", D2008)
    assert "section 2 from 15 November 2010" in block and "“trafficking in persons”" in block
    assert "2015" not in block  # A1500 added a definition (place of refuge) but changed none used here
    assert "2022" not in block  # s 13 itself has a new version from the day A1644 deleted “coercion”


def test_malay_text_marks_malay_terms_and_skips_other_meanings(enrichment):
    law, _ = _page(enrichment, "25", enrichment.consolidation.versions["25"][-1].in_force_from)
    assert 'aria-describedby="def-ms-sec_2__def_trafficked-person">Orang yang diperdagangkan</span>' in law
    law, _ = _page(enrichment, "52", enrichment.consolidation.versions["52"][-1].in_force_from)
    assert "Mahkamah Sesyen" in re.sub(r"<[^>]+>", "", law)
    assert ">Mahkamah</span> Sesyen" not in law
    law, _ = _page(enrichment, "43", enrichment.consolidation.versions["43"][-1].in_force_from)
    assert "the Minister charged with the responsibility for women" in law
    assert 'def-en-sec_2__def_minister">Minister</span> charged' not in law
    law, _ = _page(enrichment, "66A", enrichment.consolidation.versions["66A"][-1].in_force_from)
    assert ">ditetapkan</span> oleh Mahkamah" not in law
    law, _ = _page(enrichment, "26H", D2010, as_at=dt.date(2024, 1, 1))  # “place of refuge” is defined by then
    assert "memberikan seseorang tempat perlindungan, makanan" in law  # shelter, not a place of refuge


def test_section_definitions_apply_only_in_their_section(enrichment):
    law, block = _page(enrichment, "22", D2008)
    assert 'aria-describedby="def-en-sec_22__subsec_2">harbours</span>' in law
    assert "In this section, “harbour” means" in block
    other, _ = _page(enrichment, "21", D2008)
    assert "def-en-sec_22__subsec_2" not in other
    assert 'aria-describedby="def-en-sec_21__subsec_2">financial services or facilities</span>' in other


def test_english_definition_not_in_any_source_is_our_labelled_translation_in_the_tooltip(enrichment):
    # the 2010 definition of “trafficking in persons” exists only in Malay: the English layer translates it
    version = version_at(enrichment.consolidation.versions["22"], dt.date(2012, 6, 1))
    law, block = _page(enrichment, "22", version.in_force_from, as_at=dt.date(2012, 6, 1))
    assert 'aria-describedby="def-en-sec_2__def_trafficking-in-persons"' in law
    english = re.search(r'<dd lang="en" id="def-en-sec_2__def_trafficking-in-persons">(.*?)</dd>', block).group(1)
    assert 'data-tier="translated"' in english and "unofficial English" in english
    assert "of a person through coercion" in english and "is not available in any source" not in english


def test_a_reference_that_names_nothing_in_its_text_is_not_linked_by_guess(enrichment):
    # s 54(3): English “paragraph (1)(a)”, Malay “perenggan (a)”, and s 54(3) has no paragraph (a) of its own
    law, _ = _page(enrichment, "54", D2008)
    assert '#sec_54__subsec_1__para_a" title="s 54(1)(a)' in law
    assert "Walau apa pun perenggan (a), " in law


def test_place_of_refuge_is_marked_only_once_s_2_defines_it(enrichment):
    before, _ = _page(enrichment, "43", D2008)
    after, _ = _page(enrichment, "43", D2015)
    assert "place of refuge" in before and "def_place-of-refuge" not in before
    assert 'aria-describedby="def-en-sec_2__def_place-of-refuge">place of refuge</span>' in after


# --- every link lands ---------------------------------------------------------------------------------

def test_every_link_the_enricher_emits_resolves_to_an_existing_page_and_anchor(real_consolidation, enrichment):
    """For every version of every section (and every page of the whole Act), each link placeholder names a
    page the site builds and an anchor on it; each in-page anchor exists in the version being read."""
    anchors: dict[str, set[str]] = {}
    for version in real_consolidation.all_versions():
        eids = {node.eid for root in version.body.values() for node in root.walk() if node.kind != "section"}
        anchors[SITE.section_page(version.number, version.in_force_from)] = eids
    dates = as_at_dates(real_consolidation)
    for date in dates:
        work_version = max((w for w in real_consolidation.work_versions if w.in_force_from <= date),
                           key=lambda w: w.in_force_from)
        anchors[SITE.as_at_page(date)] = {f"part_{p.number}" for p in work_version.parts}
    checked = 0
    readings = [(v, None) for v in real_consolidation.all_versions()]
    readings += [(v, date) for date in dates for v in real_consolidation.all_versions() if v.is_in_force_on(date)]
    for version, as_at in readings:
        read = version_at(real_consolidation.versions[version.number], as_at) if as_at else version
        own = {node.eid for root in read.body.values() for node in root.walk()}
        html = render_law(version, enrich=enrichment(version, as_at))
        for href, _ in LINK_RE.findall(html):
            checked += 1
            if href.startswith("#"):
                assert href[1:] in own, (version.ref, href)
                continue
            assert href.startswith(PLACEHOLDER), href
            page, _, anchor = href[len(PLACEHOLDER):].partition("#")
            assert page in anchors, (version.ref, href)
            assert not anchor or anchor in anchors[page], (version.ref, href)
        block = enrichment.definitions_block(html, as_at or version.in_force_from, whole_act=bool(as_at))
        ids_on_page = set(re.findall(r'id="([^"]+)"', block))
        for term_id, _ in TERM_RE.findall(html):
            assert term_id in ids_on_page, (version.ref, term_id)
    assert checked > 500


def test_every_page_of_the_site_has_the_definitions_its_terms_point_to(real_statutes, real_consolidation):
    from atipsom.render.pages import SiteContext, all_pages

    ctx = SiteContext(work=real_statutes.work, consolidation=real_consolidation, amendments=real_statutes.amendments,
                      sources=real_statutes.sources, today=dt.date(2026, 1, 1), urls=SITE,
                      enrich_for=enricher_for(real_consolidation))
    pages = all_pages(ctx)
    built = {page.path for page in pages}
    marked = 0
    for page in pages:
        ids_on_page = set(re.findall(r'\bid="([^"]+)"', page.content)) | set(re.findall(r"\{#([^}\s]+)\}", page.content))
        for term_id, _ in TERM_RE.findall(page.content):
            marked += 1
            assert term_id in ids_on_page, (page.path, term_id)
            assert page.content.count(f'id="{term_id}"') == 1, (page.path, term_id)  # once per page
        for href, _ in LINK_RE.findall(page.content):
            if href.startswith(PLACEHOLDER):
                assert href[len(PLACEHOLDER):].partition("#")[0] in built, (page.path, href)
    assert marked > 1000


def test_a_definition_quoted_on_another_sections_page_links_its_paragraphs_on_the_page_of_section_2(enrichment):
    """s 26A's page quotes the definition of "smuggling of migrants" from s 2, whose paragraph (b) refers to its
    paragraph (a): that link goes to s 2's page, not to an anchor s 26A's page does not have."""
    _, block = _page(enrichment, "26A", dt.date(2010, 11, 15))
    assert 'href="#sec_2__' not in block
    section_2 = SITE.section_page("2", dt.date(2010, 11, 15))
    assert f'href="{PLACEHOLDER}{section_2}#sec_2__def_smuggling-of-migrants__para_a"' in block
