"""The English tier of the words the open data carries (issue 12), read in one place.

TIERS, best first: verbatim (a source's words), reconstructed (every word from English sources, assembled by us),
rendered (known English with a Malay-only amendment carried over by us; our words marked ⟦ ⟧ inline), translated
(our translation of Malay-only text). Anything but verbatim is unofficial.

The model fields (`Provision.tier`, `Version.heading_tier`) and atipsom.domain.tiers are being added by the
labels and engine work of issue 12; until a provision carries a tier it is verbatim, so this module reads the
fields when they are there.
"""

from __future__ import annotations

import re
from typing import Iterable

from atipsom.domain.model import NOT_AVAILABLE, Provision

TIERS = ("verbatim", "reconstructed", "rendered", "translated")
OURS_OPEN, OURS_CLOSE = "\u27e6", "\u27e7"
_OURS_RE = re.compile(f"{OURS_OPEN}(.*?){OURS_CLOSE}", re.S)

LABELS = {
    "en": {"verbatim": "verbatim", "reconstructed": "reconstructed English (unofficial)",
           "rendered": "unofficial English (rendered from the official Malay)",
           "translated": "unofficial English (translated from the official Malay)"},
    "ms": {"verbatim": "verbatim", "reconstructed": "bahasa Inggeris yang disusun semula (tidak rasmi)",
           "rendered": "bahasa Inggeris tidak rasmi (diolah daripada teks rasmi bahasa Melayu)",
           "translated": "bahasa Inggeris tidak rasmi (diterjemah daripada teks rasmi bahasa Melayu)"},
}


def lowest(tiers: Iterable[str]) -> str:
    """The least trusted of some tiers ('verbatim' for none)."""
    return max(tiers, key=TIERS.index, default="verbatim")


def is_unofficial(tier: str) -> bool:
    return tier != "verbatim"


def node_tier(node: Provision) -> str:
    """The tier of a provision's own words (text and wrap-up)."""
    return getattr(node, "tier", "verbatim") or "verbatim"


def subtree_tier(node: Provision) -> str:
    return lowest(node_tier(n) for n in node.walk())


def tier_label(tier: str, lang: str) -> str:
    return LABELS[lang if lang in LABELS else "en"][tier]


def strip_ours(text: str) -> str:
    return text.replace(OURS_OPEN, "").replace(OURS_CLOSE, "")


def split_ours(text: str) -> list[tuple[str, bool]]:
    """[(words, is_ours)] in order; the marks themselves removed."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in _OURS_RE.finditer(text):
        if match.start() > at:
            pieces.append((text[at:match.start()], False))
        pieces.append((match.group(1), True))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def plain_words(text: str) -> str | None:
    """The words as a consumer reads them: None where no source gives them, our marks removed."""
    return None if text == NOT_AVAILABLE else strip_ours(text)


def ours_spans(text: str) -> list[list[int]]:
    """Where our own words are in `plain_words(text)`: [[start, end], ...] (end exclusive)."""
    if text == NOT_AVAILABLE or OURS_OPEN not in text:
        return []
    spans, at = [], 0
    for words, ours in split_ours(text):
        if ours:
            spans.append([at, at + len(words)])
        at += len(words)
    return spans
