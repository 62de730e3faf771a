"""A Malay reader sees the site's own words in Malay: every interface string is in the one table in both languages."""

from __future__ import annotations

import re

import pytest

from atipsom.render.translations import LANGS, TRANSLATIONS, audience, t


def test_every_string_is_in_english_and_malay_with_the_same_placeholders():
    for key, words in TRANSLATIONS.items():
        assert set(words) == set(LANGS), key
        assert all(words[lang].strip() for lang in LANGS), key
        placeholders = {lang: set(re.findall(r"\{(\w+)\}", words[lang])) for lang in LANGS}
        assert placeholders["en"] == placeholders["ms"], key
        assert words["en"] != words["ms"] or key.endswith("sherloc"), f"{key}: not translated"


def test_the_answer_box_and_the_audience_read_in_malay():
    assert t("in_short", "ms") == "Secara ringkas"
    assert t("version_from_current", "ms", start="18 November 2015") == (
        "versi yang berkuat kuasa dari 18 November 2015, semasa")
    assert audience(("caseworkers", "lawyers", "advocates"), "ms") == "pekerja kes, peguam, pembela hak mangsa"
    assert audience(("judges",), "ms") == "judges"  # shown as written until it has an entry


def test_an_unknown_string_or_language_is_an_error_not_an_empty_page():
    with pytest.raises(KeyError, match="translations.py"):
        t("nonexistent", "en")
    with pytest.raises(ValueError):
        t("in_short", "id")
