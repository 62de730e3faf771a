"""A small hand-built set of search documents that looks like the real Act, for tests and for
the load benchmark.

The law words are copied from the bills in shared/sources/act670/bills/ (D.R.7/2007 as tabled,
with the A1500 substitutions "fourteen days" → "twenty-one days" in s 44(2) and "two years" →
"three months" in s 51(3)(a)(i)) and from the mylaw.my page for s 26A. They are fixtures for
testing the search engine, not a published text: the site's law comes from statutes/. The
guidance pages here are placeholders in our own words and say so.
"""

from __future__ import annotations

import datetime as dt

from atipsom.refs.ids import ProvisionId, VersionRef, WorkId

from .documents import SearchDoc
from .indexer import build_index

WORK = WorkId("670")  # the Act the sample documents come from
PART_III_IN_FORCE = dt.date(2008, 2, 28)
A1385_IN_FORCE = dt.date(2010, 11, 15)
A1500_IN_FORCE = dt.date(2015, 11, 18)
A1644_IN_FORCE = dt.date(2022, 2, 22)
DAY = dt.timedelta(days=1)

S25 = ("A trafficked person shall not be liable to criminal prosecution in respect of— (a) his "
       "illegal entry into the receiving country; (b) his period of unlawful residence in the "
       "receiving country; or (c) his procurement or possession of any fraudulent travel or "
       "identity document which he obtained, or with which he was supplied, for the purpose of "
       "entering the receiving country, where such acts are the direct consequence of an act of "
       "trafficking in persons that is alleged to have been committed or was committed.")
S44_1 = ("An enforcement officer may, on reasonable suspicion that any person who is found or rescued "
         "is a trafficked person, take that person into temporary custody and produce him before a "
         "Magistrate within twenty-four hours, exclusive of the time necessary for the journey to the "
         "Magistrate’s Court, for the purpose of obtaining an interim protection order.")
S44_2 = ("The Magistrate may make an interim protection order for the person to be placed at a place "
         "of refuge for a period of {days} for the purpose of carrying out an investigation and "
         "enquiry under section 51.")
S44_2_MS = ("Majistret boleh membuat perintah perlindungan interim bagi orang yang ditempatkan di "
            "tempat perlindungan selama tempoh {days} bagi maksud menjalankan penyiasatan dan siasatan "
            "di bawah seksyen 51.")
S51_3 = ("Where the Magistrate, having read the report produced under subsection (2), is satisfied "
         "that the person brought before him— (a) is a trafficked person and in need of care and "
         "protection, the Magistrate may make a Protection Order—")
S51_3_A_I = ("in the case of a trafficked person who is a citizen or permanent resident of Malaysia, "
             "ordering that such trafficked person be placed in a place of refuge for a period not "
             "exceeding {period} from the date of the order; or")
S51_3_B = ("is not a trafficked person, the Magistrate may— (i) in the case of a person who is a "
           "citizen or permanent resident of Malaysia, order that person to be released; or (ii) in "
           "the case of a person who is a foreign national, order that person to be released to an "
           "immigration officer for necessary action in accordance with the provisions of the "
           "Immigration Act 1959/63.")
S26A = ("Any person who carries out smuggling of migrants commits an offence and shall, on "
        "conviction, be punished with imprisonment for a term not exceeding twenty years, and shall "
        "also be liable to fine, or to both.")


def _provision(eid: str, in_force_from: dt.date, in_force_to: dt.date | None, *, section: str,
               citation: str, heading: str, part: str, text: str, context: str = "",
               lang: str = "en") -> SearchDoc:
    word = "seksyen" if lang == "ms" else "s"
    anchor = f"#{eid}" if "__" in eid else ""
    return SearchDoc(
        id=str(VersionRef(WORK, ProvisionId(eid), at=in_force_from)), kind="provision", lang=lang, section=section,
        eid=eid, provision=f"{word} {citation}", heading=heading, part=part, text=text,
        context=context, citations=(citation,), in_force_from=in_force_from, in_force_to=in_force_to,
        url=f"/{WORK}/{ProvisionId.section(section)}/{in_force_from.isoformat()}/{anchor}",
    )


def sample_docs() -> list[SearchDoc]:
    """ss 25, 26A, 44 (the section, two versions, with the words of (1) and (2) only), 44(1),
    44(2) (14 then 21 days, English and Malay), 51, 51(3)(a)(i) (two years then three months),
    51(3)(b), an annotation and two guidance pages."""
    custody = "Taking a person into temporary custody"
    protection = "Investigation, enquiry and Protection Order"
    docs = [
        _provision("sec_25", PART_III_IN_FORCE, None, section="25", citation="25",
                   heading="Immunity from criminal prosecution", part="III", text=S25),
        _provision("sec_26A", A1644_IN_FORCE, None, section="26A", citation="26A",
                   heading="Offence of smuggling of migrants", part="IIIA", text=S26A),
        _provision("sec_44", PART_III_IN_FORCE, A1500_IN_FORCE - DAY, section="44", citation="44",
                   heading=custody, part="V",
                   text=f"{custody} (1) {S44_1} (2) {S44_2.format(days='fourteen days')}"),
        _provision("sec_44", A1500_IN_FORCE, None, section="44", citation="44", heading=custody, part="V",
                   text=f"{custody} (1) {S44_1} (2) {S44_2.format(days='twenty-one days')}"),
        _provision("sec_44__subsec_1", PART_III_IN_FORCE, None, section="44", citation="44(1)",
                   heading=custody, part="V", text=S44_1),
        _provision("sec_44__subsec_2", PART_III_IN_FORCE, A1500_IN_FORCE - DAY, section="44",
                   citation="44(2)", heading=custody, part="V", text=S44_2.format(days="fourteen days")),
        _provision("sec_44__subsec_2", A1500_IN_FORCE, None, section="44", citation="44(2)",
                   heading=custody, part="V", text=S44_2.format(days="twenty-one days")),
        _provision("sec_44__subsec_2", PART_III_IN_FORCE, A1500_IN_FORCE - DAY, section="44",
                   citation="44(2)", heading="Mengambil orang ke dalam jagaan sementara", part="V",
                   text=S44_2_MS.format(days="empat belas hari"), lang="ms"),
        _provision("sec_44__subsec_2", A1500_IN_FORCE, None, section="44", citation="44(2)",
                   heading="Mengambil orang ke dalam jagaan sementara", part="V",
                   text=S44_2_MS.format(days="dua puluh satu hari"), lang="ms"),
        _provision("sec_51", PART_III_IN_FORCE, None, section="51", citation="51",
                   heading=protection, part="V", text=protection + " " + S51_3),
        _provision("sec_51__subsec_3__para_a__subpara_i", PART_III_IN_FORCE, A1500_IN_FORCE - DAY,
                   section="51", citation="51(3)(a)(i)", heading=protection, part="V",
                   text=S51_3_A_I.format(period="two years"), context=S51_3),
        _provision("sec_51__subsec_3__para_a__subpara_i", A1500_IN_FORCE, None, section="51",
                   citation="51(3)(a)(i)", heading=protection, part="V",
                   text=S51_3_A_I.format(period="three months"), context=S51_3),
        _provision("sec_51__subsec_3__para_b", PART_III_IN_FORCE, None, section="51",
                   citation="51(3)(b)", heading=protection, part="V", text=S51_3_B, context=S51_3),
        SearchDoc(id="note/sec_44", kind="annotation", lang="en", section="44", eid="sec_44",
                  provision="s 44", heading="Note on section 44", part="V",
                  text="Placeholder annotation for tests: the period of the order changed in 2015.",
                  context="", citations=("44",), in_force_from=None, in_force_to=None,
                  url=f"/{WORK}/{ProvisionId.section('44')}/#annotation"),
        SearchDoc(id="guide/leaving-the-shelter", kind="guidance", lang="en", section=None, eid=None,
                  provision=None, heading="Leaving the shelter", part=None,
                  text="Placeholder guidance for tests: what a caseworker can do when a person wants "
                       "to leave the place of refuge before the order ends.",
                  context="", citations=("44(2)", "51(3)(a)(i)"), in_force_from=None, in_force_to=None,
                  url="/guidance/leaving-the-shelter/"),
        SearchDoc(id="guide/immunity-from-prosecution", kind="guidance", lang="en", section=None,
                  eid=None, provision=None, heading="Immunity from prosecution", part=None,
                  text="Placeholder guidance for tests: when a trafficked person cannot be prosecuted "
                       "for entering or staying in the country.",
                  context="", citations=("25",), in_force_from=None, in_force_to=None,
                  url="/guidance/immunity-from-prosecution/"),
    ]
    return docs


def build_sample_index(index_dir, docs: list[SearchDoc] | None = None):
    """Build an index of `sample_docs()` (or `docs`) in `index_dir`; returns the BuildReport."""
    return build_index(sample_docs() if docs is None else docs, index_dir, progress=False)
