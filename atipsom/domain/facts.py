"""Checks on the facts stated in guidance pages and annotations: every footnote gives a source address that
the project's reference material lists, and no claim flagged [UNVERIFIED] there is stated as fact."""

from __future__ import annotations

import re
from typing import Any

from atipsom.domain.errors import InputError

FOOTNOTE_DEF = re.compile(r"^\[\^(?P<name>[^\]]+)\]:\s*(?P<text>.*)$")
URL = re.compile(r"https?://[^\s)>\]]+")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]|$)")


def check_text_facts(path: str, body: str, first_line: int, known_urls: set[str] | None,
                     hedges: list[str], claims: list[dict[str, Any]]) -> list[InputError]:
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
