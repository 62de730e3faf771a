"""`atipsom check`: validate the whole tree and report every problem, not only the first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from atipsom.app.integrity import check_integrity
from atipsom.app.snapshot import check_snapshot, snapshot_files
from atipsom.domain.amend import consolidate
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.guidance import law_links, resolve_cites
from atipsom.load.annotations import annotations_folder, check_annotations, load_annotations
from atipsom.load.facts import check_annotation_facts, check_guidance_facts
from atipsom.load.guidance import load_guidance
from atipsom.load.provenance import check_sources
from atipsom.load.statutes import load_statutes


def check_tree(root: Path, *, today: dt.date, shared_sources: Path | None = None) -> list[InputError]:
    """Every problem in statutes/ and docs/guidance/, sorted by file and line."""
    errors: list[InputError] = []
    statutes = None
    try:
        statutes = load_statutes(root / "statutes")
    except InputErrors as exc:
        errors.extend(exc.errors)
    guidance_errors: list[InputError] = []
    guidance = load_guidance(root / "docs" / "guidance", root, guidance_errors)
    errors.extend(guidance_errors)
    if statutes is not None:
        consolidation = consolidate(statutes)
        errors.extend(consolidation.errors)
        if not consolidation.errors:
            errors.extend(check_snapshot(root / "statutes", snapshot_files(consolidation, statutes.work.id)))
            for page in guidance:
                law_links(page, consolidation, today, errors)
                resolve_cites(page, consolidation, today, errors)
            errors.extend(check_annotations(root, statutes, consolidation, guidance, today=today))
            errors.extend(check_integrity(root, statutes))
            errors.extend(check_sources(statutes, shared_sources))
        errors.extend(check_guidance_facts(root, guidance))
        errors.extend(check_annotation_facts(root, load_annotations(annotations_folder(statutes), root, [])))
    unique = {(e.path, e.line, e.col, e.message): e for e in errors}
    return sorted(unique.values(), key=lambda e: (e.path, e.line or 0, e.col or 0, e.message))
