"""The tier of an English text after an instruction (issue 12): the lowest tier whose words it still holds.

Malay text is always verbatim. A rendered text keeps its tier while some of our marked words (⟦ ⟧)
remain; once verbatim words have replaced all of them, every word comes from English sources,
assembled by us: it is reconstructed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from atipsom.domain.amend.marks import has_marks
from atipsom.domain.model import Provision, Text, is_available
from atipsom.domain.tiers import VERBATIM, lowest
from atipsom.domain.tree import find, transform


def after_edit(old: str, payload_tier: str, words: Iterable[Text | None]) -> str:
    """The tier of a text of tier `old` once words of `payload_tier` are put in it, leaving `words`."""
    tier = lowest([old, payload_tier])
    if tier == "rendered" and not any(has_marks(w) for w in words):
        return "reconstructed"
    return tier


def own_words(node: Provision) -> list[str | None]:
    """The words of a provision itself (its text and closing words) that a source gives."""
    return [words for words in (node.text, node.wrapup) if isinstance(words, str)]


def with_tier(node: Provision, tier: str, verbatim: Provision | None = None) -> Provision:
    """New provisions (and those under them) in a text of `tier`; a provision without words stays verbatim,
    and so does one whose words are those of `verbatim` (the source's own words, which this text completes)."""
    children = tuple(with_tier(child, tier, verbatim) for child in node.children)
    same = verbatim is not None and (found := find(verbatim, node.eid)) is not None \
        and (found.text, found.wrapup) == (node.text, node.wrapup) and is_available(found.text) \
        and (found.wrapup is None or is_available(found.wrapup))
    if tier == VERBATIM or not (node.text or node.wrapup) or same:
        return replace(node, children=children)
    return replace(node, children=children, tier=after_edit(VERBATIM, tier, own_words(node)))


def retier(root: Provision, eids: Iterable[str], tier: str) -> Provision:
    """`root` with the provisions `eids`, just edited with words of `tier`, given their new tier."""
    for eid in set(eids):
        node = find(root, eid)
        if node is None:
            continue
        new_tier = after_edit(node.tier, tier, own_words(node))
        if new_tier != node.tier:
            root = transform(root, eid, _set_tier(new_tier))
    return root


def _set_tier(tier: str) -> Callable[[Provision], list[Provision]]:
    return lambda node: [replace(node, tier=tier)]


def unofficial_only(heading_tier: dict[str, str]) -> dict[str, str]:
    """A heading-tier map keeps only the texts that are not verbatim (absent means verbatim)."""
    return {lang: tier for lang, tier in heading_tier.items() if tier != VERBATIM}
