"""One page of each type the site has, as a reader reaches it (paths on the served site)."""

PAGE_TYPES = {
    "home": "/",
    "section": "/act-670/sec_51/",
    "version": "/act-670/sec_51/2015-11-18/",
    "diff": "/act-670/sec_51/diff/2008-02-28_2022-02-22/",
    "history": "/act-670/sec_51/history/",
    "guidance": "/guidance/how-long-in-a-place-of-refuge/",
    "advanced search": "/search/",
    "as-at": "/act-670/as-at/2007-10-01/",
    "amending Act": "/act-670/amendments/act-a1500/",
    "timeline": "/act-670/timeline/",
    "Act": "/act-670/",
    "case note": "/cases/ketheeswaran-v-pp-federal-court-2024-s61a/",
    "case notes": "/cases/",
    "glossary": "/glossary/",
    # the pages in Malay (<html lang="ms">)
    "Malay guidance": "/ms/guidance/how-long-in-a-place-of-refuge/",
    "Malay case note": "/ms/cases/ketheeswaran-v-pp-federal-court-2024-s61a/",
    "Malay case notes": "/ms/cases/",
    "Malay glossary": "/ms/glossary/",
}

#: Malay pages a caseworker reads start to finish on a phone (full-page screenshots at 390 px, test_screenshots.py)
MALAY_READ_THROUGH = {
    "Malay guidance, after rescue": "/ms/guidance/after-rescue-first-24-hours/",
    "Malay guidance, place of refuge": "/ms/guidance/how-long-in-a-place-of-refuge/",
    "Malay guidance, leaving the shelter": "/ms/guidance/leaving-the-shelter/",
    "Malay guidance, victim agreed": "/ms/guidance/victim-agreed-is-it-still-trafficking/",
    "Malay guidance, working during protection": "/ms/guidance/working-during-protection/",
    "Malay guidance, unpaid wages": "/ms/guidance/unpaid-wages-without-conviction/",
    "Malay case note": "/ms/cases/ketheeswaran-v-pp-federal-court-2024-s61a/",
}
