"""The offline copy (`atipsom build --offline`): unzipped on a laptop with no network and opened from files,
a caseworker searches with the built-in search, opens a section, switches language and compares versions.
Every request stays on file:// (the `open_reader` fixture fails the test otherwise)."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_the_offline_copy_works_from_files(open_reader, built):
    reader = open_reader(base=None)  # no server: anything but file:// is a request to another host
    page = reader.open((built.offline / "index.html").as_uri())
    expect(page).to_have_title(re.compile("ATIPSOM Navigator"))

    search = page.locator("#atp-search-input")  # the site's own search box (issue 14)
    search.click()
    search.press_sequentially("place of refuge")  # results as the reader types
    results = page.locator("#atp-search-list [role=option]")
    expect(results.first).to_be_visible(timeout=20_000)
    expect(page.locator("#atp-search-status")).to_contain_text("results")
    section = page.locator("#atp-search-list a[href*='/act-670/sec_']").first
    section.click()
    expect(page).to_have_url(re.compile(r"^file://.*/act-670/sec_\w+/(\d{4}-\d{2}-\d{2}/)?index\.html"))
    expect(page.locator(".atp-law").first).to_be_visible()

    english = page.locator('.atp-law:not(.atp-front) .atp-cell[lang="en"]').first
    malay = page.locator('.atp-law:not(.atp-front) .atp-cell[lang="ms"]').first
    page.get_by_role("button", name="Bahasa Malaysia", exact=True).click()
    expect(english).to_be_hidden()
    expect(malay).to_be_visible()
    page.get_by_role("button", name="Both", exact=True).click()
    expect(english).to_be_visible()

    page.goto((built.offline / "act-670" / "sec_51" / "history" / "index.html").as_uri())
    page.get_by_label("Older version").select_option("2010-11-15")
    page.get_by_label("Newer version").select_option("2015-11-18")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"/act-670/sec_51/diff/2010-11-15_2015-11-18/index\.html$"))
    expect(page.locator("table.atp-diff ins").first).to_be_visible()


def test_the_offline_zip_holds_one_folder_with_the_site(built):
    import zipfile

    with zipfile.ZipFile(built.archive) as zf:
        names = zf.namelist()
    assert "atipsom-navigator/index.html" in names
    assert {name.split("/", 1)[0] for name in names} == {"atipsom-navigator"}


def test_the_offline_zip_carries_the_open_data_and_the_feed(built):
    import zipfile

    with zipfile.ZipFile(built.archive) as zf:
        names = set(zf.namelist())
    for name in ("data/manifest.json", "data/act-670-data.zip", "data/law-data.schema.json", "feed.xml",
                 "data/akn/act-670/act/2022-02-22.msa.xml", "data/json/act-670/sec_44/2015-11-18.eng.json"):
        assert f"atipsom-navigator/{name}" in names


def test_a_citation_copied_from_the_offline_copy_gives_the_provision_path_not_the_file(open_reader, built):
    """A file:// address would tell whoever receives the citation where the reader keeps the site (a user name,
    a shelter's laptop): offline, with no published address configured, the citation ends with the path."""
    reader = open_reader(base=None, permissions=["clipboard-read", "clipboard-write"])
    page = reader.open((built.offline / "act-670" / "sec_51" / "index.html").as_uri())
    page.locator('[id="sec_51__subsec_3__para_b"] > .atp-row > .atp-cell[lang="en"] .atp-cite').click()
    expect(page.locator(".atp-toast")).to_have_text("Citation copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "file:" not in copied
    assert copied.endswith("\n/act-670/sec_51/2022-02-22/#sec_51__subsec_3__para_b"), copied
