"""English provenance tiers (issue 12): which tier a text has, whether it is official, our marked words.

Pure functions over the model. A tier says where the words of an English text come from (see
`model.TIERS`, best first). `rendered` and `translated` text is "unofficial English", `reconstructed`
text is "reconstructed English"; all three are unofficial: the official text is the Malay. In a
rendered text the words that are ours are marked inline with ⟦ ⟧ (U+27E6, U+27E7); whoever shows or
indexes text either renders the marks (`split_ours`) or removes them (`strip_ours`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from atipsom.domain.model import TIERS, Provision, Version

OURS_OPEN = "\u27e6"  # ⟦
OURS_CLOSE = "\u27e7"  # ⟧
VERBATIM = "verbatim"

#: The short label a reader sees, by tier (None: official, nothing to say).
LABELS = {
    "verbatim": None,
    "reconstructed": "reconstructed English",
    "rendered": "unofficial English",
    "translated": "unofficial English",
}
#: Where the words come from, by tier, completing the label.
ORIGINS = {
    "verbatim": "",
    "reconstructed": "from English sources",
    "rendered": "rendered from the official Malay",
    "translated": "translated by ATIPSOM Navigator",
}

_OURS = re.compile(f"{OURS_OPEN}(.*?){OURS_CLOSE}", re.S)


def check_tier(tier: str) -> str:
    """The tier itself if it is one of TIERS, else ValueError naming the allowed values."""
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}: expected one of {', '.join(TIERS)}")
    return tier


def lowest(tiers: Iterable[str]) -> str:
    """The least trusted of some tiers ("verbatim" when there are none)."""
    result = VERBATIM
    for tier in tiers:
        if TIERS.index(check_tier(tier)) > TIERS.index(result):
            result = tier
    return result


def is_unofficial(tier: str) -> bool:
    """True for reconstructed, rendered and translated text: only verbatim text is the words of a source."""
    return check_tier(tier) != VERBATIM


def label(tier: str) -> str | None:
    """'unofficial English' / 'reconstructed English', or None for verbatim text."""
    return LABELS[check_tier(tier)]


def full_label(tier: str) -> str | None:
    """'Unofficial English (rendered from the official Malay)', … or None for verbatim text."""
    short = label(tier)
    if short is None:
        return None
    return f"{short[0].upper()}{short[1:]} ({ORIGINS[tier]})"


def provision_tier(provision: Provision) -> str:
    """The lowest tier in a provision and everything under it."""
    return lowest(p.tier for p in provision.walk())


def version_tier(version: Version, lang: str) -> str:
    """The lowest tier of a version's text in a language: heading and body. Malay is always verbatim."""
    if lang != "en":
        return VERBATIM
    tiers = [version.heading_tier.get(lang, VERBATIM)]
    body = version.body.get(lang)
    if body is not None:
        tiers.append(provision_tier(body))
    return lowest(tiers)


def strip_ours(text: str) -> str:
    """The text without the ⟦ ⟧ marks (the words stay): for plain text and search indexes."""
    return text.replace(OURS_OPEN, "").replace(OURS_CLOSE, "")


def split_ours(text: str) -> list[tuple[str, bool]]:
    """The text cut into runs of (words, is_ours), in order; empty runs are left out.

    An unclosed ⟦ marks the rest of the text as ours; a stray ⟧ is dropped.
    """
    runs: list[tuple[str, bool]] = []
    pos = 0
    for match in _OURS.finditer(text):
        if match.start() > pos:
            runs.append((text[pos : match.start()].replace(OURS_CLOSE, ""), False))
        if match.group(1):
            runs.append((match.group(1), True))
        pos = match.end()
    rest = text[pos:]
    if OURS_OPEN in rest:
        before, _, after = rest.partition(OURS_OPEN)
        runs.append((before.replace(OURS_CLOSE, ""), False))
        runs.append((after.replace(OURS_CLOSE, ""), True))
    else:
        runs.append((rest.replace(OURS_CLOSE, ""), False))
    return [(words, ours) for words, ours in runs if words]


def has_ours(text: str) -> bool:
    return OURS_OPEN in text or OURS_CLOSE in text
