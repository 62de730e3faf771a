#!/usr/bin/env python3
"""Build the search index and the provision-guidance links: `atipsom build --no-site`.

Usage: python build_index.py [--quiet]   (the site of the published generation is kept)
"""

import sys

from atipsom.app.cli import main

if __name__ == "__main__":
    sys.argv = ["atipsom", "build", "--no-site", *sys.argv[1:]]
    main()
