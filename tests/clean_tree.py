"""A small project that `atipsom check` accepts: the mini statutes tree from conftest, plus a
commentary for each section, two guidance pages (each in English and Malay), the generated snapshot and the
law-text manifest,
and (on request) a tiny mkdocs.yml and docs/ so the site can be built in seconds.

Tests that break one thing start from here, so that the only problem reported is the one they made.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from tests.conftest import REPO, write_tree

TODAY = dt.date(2026, 11, 29)


def cli_env() -> dict:
    """The environment for running `atipsom` on a clean project in a subprocess: today fixed, no
    setting of the real repository leaking in."""
    env = dict(os.environ, ATIPSOM_TODAY=TODAY.isoformat(), NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    for key in ("ATIPSOM_ROOT", "ATIPSOM_SITE_DIR", "ATIPSOM_INDEX_DIR", "ATIPSOM_LINKS_FILE",
                "ATIPSOM_SHARED_SOURCES"):
        env.pop(key, None)
    return env


def annotation_file(number: str, summary: str, body: str) -> str:
    return (f"---\nsection: \"{number}\"\nsummary: \"{summary}\"\nrelated: []\nguidance: []\n"
            f"reviewed: 2026-11-29\n---\n\n### What it does\n\n{body}\n")


ANNOTATIONS = {
    "2": annotation_file("2", "Test: the words defined for the whole Act.",
                         "Test commentary on [s 2](law:act-670/sec_2)."),
    "44": annotation_file("44", "Test: temporary custody and the interim protection order.",
                          "Test commentary on [s 44(2)](law:act-670/sec_44__subsec_2)."),
    "51": annotation_file("51", "Test: investigation and the Protection Order.",
                          "Test commentary on [s 51(3)](law:act-670/sec_51__subsec_3)."),
    "51A": annotation_file("51A", "Test: permission to move and to work.",
                           "Test commentary on [s 51A](law:act-670/sec_51A)."),
}

GUIDANCE_INDEX = """\
---
title: "Guidance"
written_first: en
---

# Guidance

Test guidance index.
"""

GUIDANCE_INDEX_MS = """\
---
title: "Panduan"
lang: ms
written_first: en
---

# Panduan

Indeks panduan ujian.
"""

GUIDANCE_PAGE = """\
---
title: "How long is the interim protection order?"
summary: "Test: fourteen days at first ([s 44(2)](law:act-670/sec_44__subsec_2:2009-06-01)), twenty-one days since 2015."
audience: [caseworkers]
question: 1
cites:
  - act-670/sec_44__subsec_2:2009-06-01
  - act-670/sec_44__subsec_2
reviewed: 2026-11-29
written_first: en
---

# How long is the interim protection order?

Test: in 2009 the order lasted fourteen days ([s 44(2)](law:act-670/sec_44__subsec_2:2009-06-01)).

Since 18 November 2015 it lasts twenty-one days ([s 44(2)](law:act-670/sec_44__subsec_2)).
"""

GUIDANCE_PAGE_MS = """\
---
title: "Berapa lama perintah perlindungan interim?"
summary: "Ujian: empat belas hari pada mulanya ([seksyen 44(2)](law:act-670/sec_44__subsec_2:2009-06-01)), dua puluh satu hari sejak 2015."
audience: [caseworkers]
question: 1
cites:
  - act-670/sec_44__subsec_2:2009-06-01
  - act-670/sec_44__subsec_2
reviewed: 2026-11-29
lang: ms
written_first: en
---

# Berapa lama perintah perlindungan interim?

Ujian: pada 2009 perintah itu berlaku empat belas hari ([seksyen 44(2)](law:act-670/sec_44__subsec_2:2009-06-01)).

Sejak 18 November 2015 ia berlaku dua puluh satu hari ([seksyen 44(2)](law:act-670/sec_44__subsec_2)).
"""

MKDOCS_YML = """\
site_name: ATIPSOM test
docs_dir: docs
site_dir: site
strict: true
use_directory_urls: true
theme:
  name: material
  font: false
  features:
    - content.action.edit
atipsom:
  links_file: var/links.json
  edit_base_url: https://github.com/atipsom-navigator/atipsom-navigator/edit/main/
nav:
  - Home: index.md
  - Guidance: guidance/index.md
  - act-670/index.md
"""

HOME = """\
---
written_first: en
---

# ATIPSOM test

Test home page: [the Act](act-670/index.md).
"""

HOME_MS = """\
---
lang: ms
written_first: en
---

# Ujian ATIPSOM

Halaman utama ujian: [Akta](../act-670/index.md).
"""

# the page every "unofficial English" label and the amending-Act page of a Malay-only Act link (render/unofficial.py)
ENGLISH_TEXT = """\
---
written_first: en
---

# How the English text is made

Test page: the official text is the Malay.
"""

ENGLISH_TEXT_MS = """\
---
lang: ms
written_first: en
---

# Bagaimana teks bahasa Inggeris disediakan

Halaman ujian: teks rasmi ialah teks bahasa Melayu.
"""


def write_clean_project(root: Path, *, site: bool = False) -> Path:
    """Write the clean project under `root` (snapshot and manifest generated); return `root`."""
    from atipsom.app.integrity import write_manifest
    from atipsom.app.snapshot import snapshot_files, write_snapshot
    from atipsom.domain.amend import consolidate
    from atipsom.load.statutes import load_statutes

    statutes = write_tree(root)
    folder = statutes / "act-670" / "annotations"
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in ANNOTATIONS.items():
        (folder / f"sec_{number}.md").write_text(text, encoding="utf-8")
    guidance = root / "docs" / "guidance"
    guidance.mkdir(parents=True, exist_ok=True)
    (guidance / "index.md").write_text(GUIDANCE_INDEX, encoding="utf-8")
    (guidance / "interim-protection-order.md").write_text(GUIDANCE_PAGE, encoding="utf-8")
    malay = root / "docs" / "ms" / "guidance"  # every page in English and Malay (atipsom.domain.counterparts)
    malay.mkdir(parents=True, exist_ok=True)
    (malay / "index.md").write_text(GUIDANCE_INDEX_MS, encoding="utf-8")
    (malay / "interim-protection-order.md").write_text(GUIDANCE_PAGE_MS, encoding="utf-8")
    loaded = load_statutes(statutes)
    consolidation = consolidate(loaded)
    assert not consolidation.errors, consolidation.errors
    write_snapshot(statutes, snapshot_files(consolidation, loaded.work.id))
    count, refused = write_manifest(loaded, statutes)
    assert count and not refused
    if site:
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
        (root / "docs" / "ms" / "index.md").write_text(HOME_MS, encoding="utf-8")
        for folder, text in (("about", ENGLISH_TEXT), ("ms/about", ENGLISH_TEXT_MS)):
            (root / "docs" / folder).mkdir(parents=True, exist_ok=True)
            (root / "docs" / folder / "english-text.md").write_text(text, encoding="utf-8")
    return root
