"""Stage the site into a folder, to build it with another generator (the Zensical experiment of issue 11.6):

    python tools/stage_site.py OUT [--links-from source] [--today YYYY-MM-DD]
    zensical build -f OUT/mkdocs.yml                  # or: mkdocs build -f OUT/mkdocs.yml

`atipsom build` does the same staging (atipsom.app.staging.stage_site) and builds it with MkDocs; this only stages.
`--links-from source` writes links between pages relative to each page's file, as Zensical reads them.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from atipsom.app.project import load_project
from atipsom.app.project import today as default_today
from atipsom.app.staging import stage_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--links-from", choices=("page", "source"), default="page")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    args = parser.parse_args()
    project = load_project()
    staged = stage_site(project, args.today or default_today(), args.out.resolve(), links_from=args.links_from)
    print(f"staged {staged.pages} pages ({staged.files} files) in {staged.root}; build: mkdocs build -f "
          f"{staged.config_file}")


if __name__ == "__main__":
    main()
