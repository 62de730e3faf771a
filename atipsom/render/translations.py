"""The words of the site's own interface in English and Malay: one table, read by the page builders and the
templates (`t("in_short", "ms")`). Guidance is our commentary, not law: nothing here says "unofficial".

Malay: the Malay a caseworker in Malaysia reads, with the Act's own terms (orang yang diperdagangkan, perintah
perlindungan interim, Pegawai Pelindung, tempat perlindungan).
"""

from __future__ import annotations

LANGS = ("en", "ms")
LANG_NAMES = {"en": {"en": "English", "ms": "Malay"}, "ms": {"en": "Bahasa Inggeris", "ms": "Bahasa Melayu"}}

TRANSLATIONS: dict[str, dict[str, str]] = {
    # the notice on every guidance page
    "disclaimer_title": {"en": "General information, not legal advice",
                         "ms": "Maklumat umum, bukan nasihat undang-undang"},
    "disclaimer": {
        "en": "This page explains the law in general terms. It is not legal advice about any person's case. The law "
              "is quoted from the sources shown on each section page; the official texts are published by the "
              "Attorney General's Chambers of Malaysia. If someone's liberty or safety is at stake, get help from a "
              "lawyer or an organisation that assists trafficked persons.",
        "ms": "Halaman ini menerangkan undang-undang secara umum. Ia bukan nasihat undang-undang tentang kes "
              "mana-mana orang. Undang-undang dipetik daripada sumber yang ditunjukkan pada setiap halaman seksyen; "
              "teks rasmi diterbitkan oleh Jabatan Peguam Negara Malaysia. Jika kebebasan atau keselamatan seseorang "
              "terancam, dapatkan bantuan daripada peguam atau organisasi yang membantu orang yang diperdagangkan.",
    },
    "in_short": {"en": "In short", "ms": "Secara ringkas"},
    "for": {"en": "For", "ms": "Untuk"},
    "checked_on": {"en": "Checked against the law on", "ms": "Disemak berdasarkan undang-undang pada"},
    # the two languages of a page
    "read_in_other": {"en": "Read in Malay", "ms": "Baca dalam Bahasa Inggeris"},
    "same_meaning": {"en": "The English and Malay versions of this page say the same thing.",
                     "ms": "Versi bahasa Inggeris dan bahasa Melayu halaman ini menyatakan perkara yang sama."},
    "written_first_en": {"en": "The English was written first.", "ms": "Versi bahasa Inggeris ditulis dahulu."},
    "written_first_ms": {"en": "The Malay was written first.", "ms": "Versi bahasa Melayu ditulis dahulu."},
    "language": {"en": "Language", "ms": "Bahasa"},
    # the box of provisions under a guidance page
    "relied_on": {"en": "The provisions this page relies on", "ms": "Peruntukan yang menjadi asas halaman ini"},
    "version_from_to": {"en": "version in force from {start} to {end}",
                        "ms": "versi yang berkuat kuasa dari {start} hingga {end}"},
    "version_from_current": {"en": "version in force from {start}, current",
                             "ms": "versi yang berkuat kuasa dari {start}, semasa"},
    "malay_only": {"en": "Malay text: no English source", "ms": "Teks bahasa Melayu: tiada sumber bahasa Inggeris"},
    "related_found": {"en": "Related provisions found by the search index (not cited above):",
                      "ms": "Peruntukan berkaitan yang ditemui oleh indeks carian (tidak dipetik di atas):"},
    # the box on a section's page
    "guidance_box_title": {"en": "Victim-protection guidance", "ms": "Panduan perlindungan mangsa"},
    "guidance_box_lead": {"en": "Plain-language answers that rely on this section:",
                          "ms": "Jawapan dalam bahasa mudah yang bergantung pada seksyen ini:"},
    "cases_box_title": {"en": "Court decisions on this section", "ms": "Keputusan mahkamah tentang seksyen ini"},
    "cases_box_lead": {"en": "Our notes on decisions that concern it, with the version in force at the time:",
                       "ms": "Catatan kami tentang keputusan yang berkaitan, dengan versi yang berkuat kuasa "
                             "pada masa itu:"},
    "declared": {"en": "cited", "ms": "dipetik"},
    "computed": {"en": "similar wording", "ms": "perkataan yang serupa"},
    # case notes
    "case_court": {"en": "Court", "ms": "Mahkamah"},
    "case_decided": {"en": "Decided", "ms": "Tarikh keputusan"},
    "case_date_unknown": {"en": "Date not given in the sources", "ms": "Tarikh tidak dinyatakan dalam sumber"},
    "case_citation": {"en": "Citation", "ms": "Petikan"},
    "case_number": {"en": "Case number", "ms": "Nombor kes"},
    "case_parties": {"en": "Parties", "ms": "Pihak"},
    "case_provisions": {"en": "Provisions, at the version in force at the time",
                        "ms": "Peruntukan, pada versi yang berkuat kuasa pada masa itu"},
    "case_sources": {"en": "Sources", "ms": "Sumber"},
    "case_version": {"en": "the version in force from {start}", "ms": "versi yang berkuat kuasa dari {start}"},
    "case_note_notice": {"en": "Our summary of the decision, not a law report and not legal advice",
                         "ms": "Ringkasan kami tentang keputusan ini, bukan laporan undang-undang dan bukan "
                               "nasihat undang-undang"},
    "case_note_body": {"en": "This note tells what the court decided in our own words, from the sources listed at the "
                             "end. Read the judgment before relying on it in court.",
                       "ms": "Catatan ini menerangkan apa yang diputuskan oleh mahkamah dengan kata-kata kami sendiri, "
                             "berdasarkan sumber yang disenaraikan di hujung. Baca penghakiman sebelum bergantung "
                             "padanya di mahkamah."},
    "source_kind_news": {"en": "news report", "ms": "laporan berita"},
    "source_kind_law-report": {"en": "law report", "ms": "laporan undang-undang"},
    "source_kind_judgment": {"en": "judgment", "ms": "penghakiman"},
    "source_kind_sherloc": {"en": "UNODC SHERLOC", "ms": "UNODC SHERLOC"},
    # navigation
    "home": {"en": "Home", "ms": "Laman utama"},
    "guidance": {"en": "Guidance", "ms": "Panduan"},
    "cases": {"en": "Case notes", "ms": "Keputusan mahkamah"},
    "about": {"en": "About", "ms": "Tentang"},
    # glossary
    "glossary": {"en": "Glossary", "ms": "Glosari"},
    "glossary_lead": {"en": "The words {act} defines in section 2, in English and Malay, as each version of the "
                            "section reads.",
                      "ms": "Perkataan yang ditakrifkan dalam seksyen 2 {act}, dalam bahasa Inggeris dan bahasa "
                            "Melayu, seperti yang dibaca dalam setiap versi seksyen itu."},
    "glossary_see": {"en": "In the glossary", "ms": "Dalam glosari"},
    "glossary_missing_en": {"en": "No English text of this definition is in our sources for these dates.",
                            "ms": "Tiada teks bahasa Inggeris bagi takrif ini dalam sumber kami untuk tarikh-tarikh "
                                  "ini."},
    "glossary_missing_ms": {"en": "No Malay text of this definition is in our sources for these dates.",
                            "ms": "Tiada teks bahasa Melayu bagi takrif ini dalam sumber kami untuk tarikh-tarikh "
                                  "ini."},
    "glossary_changed_by": {"en": "changed by {acts}", "ms": "dipinda oleh {acts}"},
    # audiences (front matter keys stay English)
    "audience_caseworkers": {"en": "caseworkers", "ms": "pekerja kes"},
    "audience_lawyers": {"en": "lawyers", "ms": "peguam"},
    "audience_advocates": {"en": "advocates", "ms": "pembela hak mangsa"},
}


def t(key: str, lang: str, **values: str) -> str:
    """The interface words `key` in `lang` ('en' or 'ms'), with {placeholders} filled."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    try:
        text = TRANSLATIONS[key][lang]
    except KeyError:
        raise KeyError(f"no words for {key!r} in atipsom/render/translations.py") from None
    return text.format(**values) if values else text


def audience(names: tuple[str, ...] | list[str], lang: str) -> str:
    """'caseworkers, lawyers' in the page's language (an audience with no entry is shown as written)."""
    return ", ".join(TRANSLATIONS.get(f"audience_{name}", {}).get(lang, name) for name in names)
