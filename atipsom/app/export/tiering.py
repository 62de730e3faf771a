"""The English tier of the words the open data carries (issue 12), as the exports state it: over
atipsom.domain.tiers, plus what only the data needs (the label in the reader's language, our words by offset,
text no source gives as null)."""

from __future__ import annotations

from atipsom.domain.model import Provision, Text, is_available
from atipsom.domain.tiers import OURS_OPEN, full_label, is_unofficial, lowest, provision_tier, split_ours, strip_ours

__all__ = ["is_unofficial", "lowest", "node_tier", "ours_spans", "plain_words", "split_ours", "subtree_tier",
           "tier_label"]

#: The labels in Malay (the English ones are atipsom.domain.tiers.full_label).
MALAY_LABELS = {
    "reconstructed": "Bahasa Inggeris yang disusun semula (daripada sumber bahasa Inggeris)",
    "rendered": "Bahasa Inggeris tidak rasmi (diolah daripada teks rasmi bahasa Melayu)",
    "translated": "Bahasa Inggeris tidak rasmi (diterjemah oleh ATIPSOM Navigator)",
}


def node_tier(node: Provision) -> str:
    """The tier of a provision's own words (text and wrap-up)."""
    return node.tier


def subtree_tier(node: Provision) -> str:
    return provision_tier(node)


def tier_label(tier: str, lang: str) -> str:
    """What a reader is told about the tier, in the reader's language ('verbatim' for official text)."""
    if not is_unofficial(tier):
        return "verbatim"
    return MALAY_LABELS[tier] if lang == "ms" else full_label(tier) or tier


def plain_words(text: Text) -> str | None:
    """The words as a consumer reads them: None where no source gives them, our marks removed."""
    return strip_ours(text) if is_available(text) else None


def ours_spans(text: Text) -> list[list[int]]:
    """Where our own words are in `plain_words(text)`: [[start, end], ...] (end exclusive)."""
    if not is_available(text) or OURS_OPEN not in text:
        return []
    spans, at = [], 0
    for words, ours in split_ours(text):
        if ours:
            spans.append([at, at + len(words)])
        at += len(words)
    return spans
