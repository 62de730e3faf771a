"""Enrichment of law text: defined terms and cross-references, per version (issue: reader experience).

For now it only escapes; `enricher_for(consolidation)` returns a function per version.
"""

from __future__ import annotations

from ..amend import Consolidation
from ..model import Version
from .law import Enricher, plain


def enricher_for(consolidation: Consolidation):
    def for_version(version: Version) -> Enricher:
        return plain

    return for_version
