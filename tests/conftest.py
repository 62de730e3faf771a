"""Shared fixtures: a small statutes tree built in the test (never the real one unless asked),
and the real repository tree for tests that check the law itself."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_SOURCES = REPO.parent / "shared" / "sources" / "act670"

MINI_SOURCES = """\
bill-en:
  title: "Test Bill (English)"
  url: https://example.org/bill-en.pdf
  authority: bill
bill-ms:
  title: "Rang Undang-Undang Ujian (Malay)"
  url: https://example.org/bill-ms.pdf
  authority: bill
"""

MINI_WORK = """\
---
id: act-670
number: "670"
year: 2007
frbr: /akn/my/act/2007/670
title: {en: Test Act 2007, ms: Akta Ujian 2007}
bill: {number: D.R. 7/2007, source: {en: bill-en, ms: bill-ms}}
dates:
  assent: {date: 2007-07-18, certainty: reprint, source: reprint}
  gazette: {date: 2007-07-26, certainty: reprint, source: reprint}
commencements:
  - {date: 2007-10-01, notice: P.U. (B) 339/2007, provisions: [part_I], certainty: official, source: ML}
  - {date: 2008-02-28, notice: P.U. (B) 86/2008, provisions: [part_V], certainty: official, source: ML}
parts:
  - {part: "I", heading: {en: PRELIMINARY, ms: PERMULAAN}, sections: ["2"]}
  - {part: "V", heading: {en: CARE AND PROTECTION, ms: JAGAAN DAN PERLINDUNGAN}, sections: ["44", "51"]}
source:
  en: {ref: bill-en, locator: "long title"}
  ms: {ref: bill-ms, locator: "tajuk panjang"}
text_status: {en: verbatim, ms: verbatim}
---

## English

- {#longtitle} An Act to provide for tests.
- {#enacting} ENACTED by the Parliament of Malaysia as follows:

## Bahasa Malaysia

- {#longtitle} Suatu Akta bagi ujian.
- {#enacting} DIPERBUAT oleh Parlimen Malaysia seperti yang berikut:
"""


def section_file(number: str, part: str, heading_en: str, heading_ms: str, en: str, ms: str, extra: str = "") -> str:
    return (
        f"---\nid: act-670/sec_{number}\nsection: \"{number}\"\npart: \"{part}\"\n"
        f"heading:\n  en: {heading_en}\n  ms: {heading_ms}\n"
        f"source:\n  en: {{ref: bill-en, locator: \"cl. {number}\"}}\n  ms: {{ref: bill-ms, locator: \"fasal {number}\"}}\n"
        f"text_status: {{en: verbatim, ms: verbatim}}\n{extra}---\n\n"
        f"## English\n\n{textwrap.dedent(en).strip()}\n\n## Bahasa Malaysia\n\n{textwrap.dedent(ms).strip()}\n"
    )


MINI_SECTIONS = {
    "2": section_file(
        "2", "I", "Interpretation", "Tafsiran",
        """
        In this Act, unless the context otherwise requires—

        - {#def_child} “child” means a person who is under the age of eighteen years;
        - {#def_premises} “premises” means house, building, and includes any container.
        """,
        """
        Dalam Akta ini, melainkan jika konteksnya menghendaki makna yang lain—

        - {#def_child} “kanak-kanak” ertinya seseorang yang di bawah umur lapan belas tahun;
        - {#def_premises} “premis” ertinya rumah, bangunan, dan termasuklah apa-apa kontena.
        """,
    ),
    "44": section_file(
        "44", "V", "Taking a person into temporary custody", "Mengambil seseorang ke dalam jagaan sementara",
        """
        - (1) An enforcement officer may take the person into temporary custody.
        - (2) The Magistrate may make an interim protection order for a period not exceeding fourteen days.
        """,
        """
        - (1) Pegawai penguat kuasa boleh mengambil orang itu ke dalam jagaan sementara.
        - (2) Majistret boleh membuat perintah perlindungan interim bagi tempoh tidak melebihi empat belas hari.
        """,
    ),
    "51": section_file(
        "51", "V", "Investigation, enquiry and Protection Order", "Penyiasatan, siasatan dan Perintah Perlindungan",
        """
        - (1) Within fourteen days from the date of such order an enforcement officer shall investigate.
        - (3) Where the Magistrate is satisfied that the person—
          - (a) is a trafficked person, the Magistrate may make a Protection Order—
            - (i) in the case of a citizen, for a period not exceeding two years; or
            - (ii) in the case of a foreign national, for a period not exceeding three months,
          - (b) is not a trafficked person, the Magistrate may release him.
        """,
        """
        - (1) Dalam tempoh empat belas hari dari tarikh perintah itu pegawai penguat kuasa hendaklah menyiasat.
        - (3) Jika Majistret berpuas hati bahawa orang itu—
          - (a) ialah orang yang diperdagangkan, Majistret boleh membuat Perintah Perlindungan—
            - (i) dalam hal warganegara, bagi tempoh tidak melebihi dua tahun; atau
            - (ii) dalam hal warganegara asing, bagi tempoh tidak melebihi tiga bulan,
          - (b) bukan orang yang diperdagangkan, Majistret boleh melepaskannya.
        """,
    ),
}

MINI_A2010 = """\
---
id: act-a1385
number: A1385
short_title: {en: "{not available}", ms: Akta Ujian (Pindaan) 2010}
bill: {number: D.R. 22/2010, source: {ms: bill-ms}}
dates:
  in_force: {date: 2010-11-15, certainty: official, source: P.U. (B) 500/2010}
english_text: missing
instructions:
  - provision: sec_2
    op: substitute_words
    target: sec_44__subsec_2
    ms: {old: "boleh membuat", new: "hendaklah membuat"}
  - provision: sec_3
    op: insert_provision
    after: sec_51__subsec_3
    ms:
      text: |
        - (6) Tiada apa-apa jua dalam seksyen ini menyentuh apa-apa pendakwaan.
---
Summary.
"""

MINI_A2015 = """\
---
id: act-a1500
number: A1500
short_title: {en: Test (Amendment) Act 2015, ms: Akta Ujian (Pindaan) 2015}
bill: {number: D.R. 18/2015, source: {en: bill-en, ms: bill-ms}}
dates:
  in_force: {date: 2015-11-18, certainty: reprint, source: reprint 2016}
english_text: available
instructions:
  - provision: sec_2
    op: substitute_words
    target: sec_2__def_premises
    en: {old: ".", new: ";", at: end}
    ms: {old: ".", new: ";", at: end}
  - provision: sec_2
    op: insert_provision
    after: sec_2__def_premises
    en: {text: "- {#def_place-of-refuge} “place of refuge” means a place declared under subsection 42(1)."}
    ms: {text: "- {#def_place-of-refuge} “tempat perlindungan” ertinya tempat yang diisytiharkan di bawah subseksyen 42(1)."}
  - provision: sec_9
    op: substitute_words
    target: sec_44__subsec_2
    en: {old: "fourteen days", new: "twenty-one days"}
    ms: {old: "empat belas hari", new: "dua puluh satu hari"}
  - provision: sec_10__para_b
    op: substitute_words
    target: sec_51__subsec_3__para_a__subpara_i
    en: {old: "two years", new: "three months"}
    ms: {old: "dua tahun", new: "tiga bulan"}
  - provision: sec_11
    op: insert_section
    section: "51A"
    after: sec_51
    part: "V"
    en:
      heading: Permission to move freely and to work
      text: |
        - (1) Any person may be given permission to move freely.
    ms:
      heading: Kebenaran untuk bergerak dengan bebas dan untuk bekerja
      text: |
        - (1) Mana-mana orang boleh diberi kebenaran untuk bergerak dengan bebas.
---
Summary.
"""


def write_tree(root: Path, *, sections=None, amendments=None, work=MINI_WORK, sources=MINI_SOURCES) -> Path:
    statutes = root / "statutes"
    (statutes / "act-670").mkdir(parents=True, exist_ok=True)
    (statutes / "amendments").mkdir(parents=True, exist_ok=True)
    (statutes / "sources.yml").write_text(sources, encoding="utf-8")
    (statutes / "act-670" / "work.md").write_text(work, encoding="utf-8")
    for number, text in (MINI_SECTIONS if sections is None else sections).items():
        (statutes / "act-670" / f"sec_{number}.md").write_text(text, encoding="utf-8")
    for name, text in ({"act-a1385": MINI_A2010, "act-a1500": MINI_A2015} if amendments is None else amendments).items():
        (statutes / "amendments" / f"{name}.md").write_text(text, encoding="utf-8")
    return statutes


@pytest.fixture
def mini_tree(tmp_path) -> Path:
    """A small but real-shaped statutes tree: three sections, a Malay-only 2010 Act and a 2015 Act."""
    return write_tree(tmp_path)


@pytest.fixture(scope="session")
def real_statutes():
    from atipsom.load.statutes import load_statutes

    return load_statutes(REPO / "statutes")


@pytest.fixture(scope="session")
def real_consolidation(real_statutes):
    from atipsom.domain.amend import consolidate

    consolidation = consolidate(real_statutes)
    assert not consolidation.errors, "\n".join(str(e) for e in consolidation.errors)
    return consolidation


@pytest.fixture(scope="session")
def real_project():
    """The repository's own project (statutes, content, consolidation), loaded once for the tests that read the
    real law and do not change it (open data, the feed)."""
    from atipsom.app.project import Project

    loaded = Project(REPO)
    loaded.consolidation
    return loaded


def require_shared_sources():
    if not SHARED_SOURCES.is_dir():
        pytest.skip(f"the maintainers' source copies are not here ({SHARED_SOURCES}); "
                    "comparisons with the original sources run only in the maintainers' checkout")
    return SHARED_SOURCES


@pytest.fixture(scope="module")
def sample_index_dir(tmp_path_factory) -> Path:
    """An index of search.testing's sample documents, built once per test module."""
    from search.testing import build_sample_index

    path = tmp_path_factory.mktemp("index")
    build_sample_index(path)
    return path


def load_benchmark(name: str):
    """A script of benchmarks/ as a module (they are scripts, not a package), loaded once."""
    import importlib.util
    import sys

    module_name = f"benchmarks_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, REPO / "benchmarks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


def build_real_site(root: Path, site_dir: Path, today, **settings) -> Path:
    """The site of the repository at `root`, staged and built exactly as `atipsom build` does it (without the
    search index and the publishing): `settings` are stage_site's (site_url, offline, links_file)."""
    import tempfile

    from atipsom.app.project import Project
    from atipsom.app.staging import build_site, stage_site

    with tempfile.TemporaryDirectory(prefix="atipsom-test-staging-") as tmp:
        build_site(stage_site(Project(root), today, Path(tmp) / "staging", **settings), site_dir)
    return site_dir
