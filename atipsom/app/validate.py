"""The one validation of the project, used by `atipsom check`, by `atipsom build` (which publishes nothing
when it finds a problem) and by the site: every problem, not only the first, sorted by file and line.

It loads the project once: what loads cleanly is kept on the `Project`, so a build that passes validation
never reads or consolidates the statutes a second time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from atipsom.app.integrity import check_integrity
from atipsom.app.project import Project
from atipsom.app.snapshot import check_snapshot, snapshot_files
from atipsom.domain.amend import consolidate
from atipsom.domain.annotations import annotation_errors
from atipsom.domain.cases import case_errors
from atipsom.domain.counterparts import counterpart_errors
from atipsom.domain.english import english_problems
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.guidance import law_links, resolve_cites
from atipsom.domain.law_blocks import citation_errors
from atipsom.domain.lookup import NotFound, resolve
from atipsom.load.annotations import annotations_folder, load_annotations
from atipsom.load.cases import load_cases, load_withheld_names
from atipsom.load.counterparts import GAPS_FILE, bilingual_pairs, load_translation_gaps
from atipsom.load.facts import check_annotation_facts, check_guidance_facts
from atipsom.load.files import display_path
from atipsom.load.guidance import guidance_folder, load_guidance
from atipsom.load.provenance import check_sources
from atipsom.load.repository import check_contributed_markdown, check_repository_files
from atipsom.load.statutes import load_statutes


def validate(project: Project, *, today: dt.date, shared_sources: Path | None = None) -> list[InputError]:
    """Every problem in what contributors edit (statutes/, docs/, overrides/), sorted by file and line.
    `shared_sources`: the maintainers' copies of the public sources, when present (locators are checked)."""
    root = project.root
    errors: list[InputError] = check_repository_files(root)
    errors.extend(check_contributed_markdown(root))
    statutes = None
    try:
        statutes = load_statutes(project.statutes_dir)
    except InputErrors as exc:
        errors.extend(exc.errors)
    if statutes is not None:
        errors.extend(english_problems(statutes.amendments, statutes.terms))
    guidance = load_guidance(guidance_folder(project.docs_dir, "en"), root, errors)
    guidance_ms = load_guidance(guidance_folder(project.docs_dir, "ms"), root, errors, lang="ms")
    cases = load_cases(project.docs_dir, root, errors)
    withheld = load_withheld_names(root, errors)
    gaps = load_translation_gaps(root, errors)
    for page in guidance + guidance_ms:
        if page.path not in gaps:
            errors.extend(citation_errors(page))
    pairs = bilingual_pairs(root, guidance + guidance_ms, cases, errors)
    consolidated = None  # until the law is consolidated, the two languages' citations are not compared
    annotations: dict = {}
    if statutes is not None:
        folder = annotations_folder(statutes)
        annotations = load_annotations(folder, root, errors)
        consolidation = consolidate(statutes)
        errors.extend(consolidation.errors)
        if not consolidation.errors:
            errors.extend(check_snapshot(project.statutes_dir, snapshot_files(consolidation, statutes.work.id)))
            for page in guidance + guidance_ms:
                law_links(page, consolidation, today, errors)
                resolve_cites(page, consolidation, today, errors)
            errors.extend(annotation_errors(annotations, consolidation, guidance, folder=display_path(folder, root),
                                            today=today))
            errors.extend(case_errors(cases, consolidation, today, withheld))
            consolidated = consolidation
            errors.extend(check_integrity(root, statutes))
            errors.extend(check_sources(statutes, shared_sources))
            project.remember(statutes=statutes, consolidation=consolidation)
        errors.extend(check_guidance_facts(root, guidance))
        errors.extend(check_annotation_facts(root, annotations))
    errors.extend(counterpart_errors(pairs, lambda ref: _resolves(consolidated, ref, today), gaps, GAPS_FILE))
    if not errors:
        project.remember(guidance=guidance, guidance_ms=guidance_ms, annotations=annotations, cases=cases)
    unique = {(e.path, e.line, e.col, e.message): e for e in errors}
    return sorted(unique.values(), key=lambda e: (e.path, e.line or 0, e.col or 0, e.message))


def _resolves(consolidation, ref: str, today: dt.date) -> bool:
    if consolidation is None:
        return False
    try:
        resolve(consolidation, ref, today=today)
    except (NotFound, ValueError):
        return False
    return True


def require_valid(project: Project, *, today: dt.date, shared_sources: Path | None = None) -> None:
    """Raise InputErrors with every problem `validate` finds (nothing to publish while there is one)."""
    errors = validate(project, today=today, shared_sources=shared_sources)
    if errors:
        raise InputErrors(errors)
