"""The reference material the fact checks compare with (the source addresses the project lists, the claims
flagged [UNVERIFIED]), read from disk, and the checks run over guidance pages and annotations."""

from __future__ import annotations

from pathlib import Path

import yaml

from atipsom.domain.errors import InputError
from atipsom.domain.facts import URL, check_text_facts


def reference_urls(root: Path) -> set[str] | None:
    """Addresses listed in ../shared/reference/domain-facts.md and in statutes/sources.yml (None if absent)."""
    facts = root.parent / "shared" / "reference" / "domain-facts.md"
    if not facts.is_file():
        return None
    urls = {u.rstrip(".,;") for u in URL.findall(facts.read_text(encoding="utf-8"))}
    sources = root / "statutes" / "sources.yml"
    if sources.is_file():
        urls |= {u.rstrip(".,;") for u in URL.findall(sources.read_text(encoding="utf-8"))}
    return urls


def unverified_claims(root: Path) -> tuple[list[str], list[dict]]:
    path = root / "reference" / "unverified-claims.yml"
    if not path.is_file():
        return [], []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [h.lower() for h in data.get("hedges", [])], data.get("claims", [])


def check_guidance_facts(root: Path, guidance) -> list[InputError]:
    known = reference_urls(root)
    hedges, claims = unverified_claims(root)
    errors = []
    for page in guidance:
        errors.extend(check_text_facts(page.path, page.body, page.body_line, known, hedges, claims))
    return errors


def check_annotation_facts(root: Path, annotations) -> list[InputError]:
    known = reference_urls(root)
    hedges, claims = unverified_claims(root)
    errors = []
    for annotation in annotations.values():
        errors.extend(check_text_facts(annotation.path, annotation.body, annotation.body_line, known, hedges,
                                       claims))
    return errors
