"""How unofficial English looks on a page (issue 12): the tier label and our own words marked.

Pure HTML helpers. A provision whose English is not the words of a source gets a label (an icon and
words, never colour alone) that links the page explaining the tiers; in a rendered text the words
that are ours (⟦ ⟧ in the data) become `<ins class="atp-ours">`, with a legend on the page. Print CSS
brackets and underlines them (docs/assets/stylesheets/print.css).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from atipsom.domain import tiers
from atipsom.render.html import esc, page_href
from atipsom.render.templating import page_environment

EXPLANATION_PAGE = {"en": "about/english-text.md", "ms": "ms/about/english-text.md"}

#: A piece of HTML that replaces text[start:end] (a cross-reference, a defined term).
Piece = tuple[int, int, str]


def ours_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without ⟦ ⟧ marks, and where our words are in it (start, end)."""
    plain, spans, position = [], [], 0
    for words, ours in tiers.split_ours(text):
        if ours:
            spans.append((position, position + len(words)))
        plain.append(words)
        position += len(words)
    return "".join(plain), spans


@lru_cache(maxsize=1)
def _template() -> Any:
    """The macros of templates/law/unofficial.html."""
    return page_environment().get_template("law/unofficial.html").module


def _ins(html: str) -> str:
    """HTML (already made) marked as our words."""
    return str(_template().ins(Markup(html)))


def _plain_run(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """text[start:end], escaped, with the parts that are ours marked."""
    out, position = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(esc(text[position:s]))
        out.append(_ins(esc(text[s:e])))
        position = e
    out.append(esc(text[position:end]))
    return "".join(out)


def assemble(text: str, pieces: Iterable[Piece], spans: Sequence[tuple[int, int]] = ()) -> str:
    """`text` as HTML: escaped, `pieces` put in (overlapping ones skipped), our words (`spans`) marked.

    A piece (a link, a term) that holds any of our words is marked as ours as a whole, so that the
    HTML stays well nested and no word of ours is ever shown unmarked.
    """
    out, position = [], 0
    for start, end, html in sorted(pieces):
        if start < position:
            continue
        out.append(_plain_run(text, position, start, spans))
        overlaps = any(s < end and start < e for s, e in spans)
        out.append(_ins(html) if overlaps else html)
        position = end
    out.append(_plain_run(text, position, len(text), spans))
    return "".join(out)


def ours_html(text: str) -> str:
    """Plain law text as HTML, with our words marked."""
    plain, spans = ours_spans(text)
    return assemble(plain, (), spans)


def tier_label(tier: str, lang: str = "en", *, long: bool = False) -> str:
    """The label of an unofficial text (empty for verbatim text): icon + words + a link to the explanation."""
    if not tiers.is_unofficial(tier):
        return ""
    words = tiers.full_label(tier) if long else tiers.label(tier)
    href = page_href(EXPLANATION_PAGE.get(lang, EXPLANATION_PAGE["en"]))
    title = f"{tiers.full_label(tier)}: the official text is the Malay. What this means"
    return str(_template().tier_label(tier, words, href, title))


def legend() -> str:
    """What marked words mean, shown once on a page that has any."""
    return str(_template().legend(page_href(EXPLANATION_PAGE["en"])))


def banner_note(tier: str) -> str:
    """The sentence in a version banner when its English is not all verbatim (empty otherwise)."""
    if not tiers.is_unofficial(tier):
        return ""
    if tier == "reconstructed":
        what = ("Some of the English text of this version is reconstructed English: every word comes from "
                "English sources, but no single source prints it as shown.")
    else:
        what = ("Some of the English text of this version is unofficial English: no source gives it, so we "
                "rendered it from, or translated, the official Malay.")
    return str(_template().banner_note(Markup(tier_label(tier, long=True)), what))


def cite_suffix(tier: str) -> str:
    """What a copied citation of an unofficial English text adds: ' (unofficial English)'."""
    label = tiers.label(tier)
    return f" ({label})" if label else ""
