"""Checks on the facts stated in guidance pages: every footnote gives a source address that the project's
reference material lists, and no claim flagged [UNVERIFIED] there is stated as fact."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import InputError

FOOTNOTE_DEF = re.compile(r"^\[\^(?P<name>[^\]]+)\]:\s*(?P<text>.*)$")
URL = re.compile(r"https?://[^\s)>\]]+")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]|$)")


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


def _unverified(root: Path) -> tuple[list[str], list[dict]]:
    path = root / "reference" / "unverified-claims.yml"
    if not path.is_file():
        return [], []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [h.lower() for h in data.get("hedges", [])], data.get("claims", [])


def check_text_facts(path: str, body: str, first_line: int, root: Path, known_urls: set[str] | None,
                     hedges: list[str], claims: list[dict]) -> list[InputError]:
    errors = []
    lines = body.split("\n")
    for offset, line in enumerate(lines):
        match = FOOTNOTE_DEF.match(line.strip())
        if not match:
            continue
        urls = URL.findall(match.group("text"))
        lineno = first_line + offset
        if not urls:
            errors.append(InputError(path, lineno, f"footnote [^{match.group('name')}] gives no source address",
                                     "every fact needs a source: give the title and the address"))
        elif known_urls is not None:
            for url in urls:
                if url.rstrip(".,;") not in known_urls:
                    errors.append(InputError(path, lineno, f"footnote [^{match.group('name')}] cites {url}, which "
                                             "the project's reference material does not list",
                                             "use a source listed in domain-facts.md, or add it there first"))
    for offset, line in enumerate(lines):
        if FOOTNOTE_DEF.match(line.strip()):
            continue
        for claim in claims:
            pattern = re.compile(claim["pattern"], re.I)
            for sentence in SENTENCE.findall(line):
                if pattern.search(sentence) and not any(h in sentence.lower() for h in hedges):
                    errors.append(InputError(path, first_line + offset,
                                             f"states an unverified claim ({claim['topic']})",
                                             f"{claim['flag']} marks it [UNVERIFIED]: say that no source confirms it, "
                                             "or leave it out"))
    return errors


def check_guidance_facts(root: Path, guidance) -> list[InputError]:
    known = reference_urls(root)
    hedges, claims = _unverified(root)
    errors = []
    for page in guidance:
        errors.extend(check_text_facts(page.path, page.body, page.body_line, root, known, hedges, claims))
    return errors


def check_annotation_facts(root: Path, annotations) -> list[InputError]:
    known = reference_urls(root)
    hedges, claims = _unverified(root)
    errors = []
    for annotation in annotations.values():
        errors.extend(check_text_facts(annotation.path, annotation.body, annotation.body_line, root, known, hedges,
                                       claims))
    return errors
