"""Highlighted snippets: a short window of a document's text with the matched words marked.

The output is HTML in which everything is escaped except the `<mark>` and `</mark>` tags we add,
so a page may insert it as HTML. Words are matched the way the index matched them: a query word
that was stemmed for `text_en` marks every word of the text with the same stem, and the words
found by fuzzy or prefix matching (in the unstemmed `exact` field) are marked as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

MAX_TEXT_CHARS = 20_000
WIDTH = 240
ELLIPSIS = "…"


def make_snippet(text: str, matchers: Sequence[tuple[Any, frozenset[str], frozenset[tuple[str, ...]]]],
                 width: int = WIDTH) -> str:
    """`matchers` are (words function, words to mark, phrases to mark). A words function turns a
    text into (word, start, end) triples the way an index field writes its words (stems for a
    stemmed field; see schema.FAST_WORDS). A phrase is marked only where its words stand in
    order; its words alone are not marked."""
    text = text[:MAX_TEXT_CHARS]
    spans = sorted(_spans(text, matchers))
    if not spans:
        return _escape_window(text, 0, width, [])
    start = _best_window(spans, width)
    start = _word_start(text, max(0, start - 30))
    return _escape_window(text, start, width, spans)


def strip_marks(snippet: str) -> str:
    """Plain text of a snippet (for the terminal): tags removed, entities unescaped."""
    return html.unescape(re.sub(r"</?mark>", "", snippet))


def _spans(text: str, matchers) -> set[tuple[int, int]]:
    spans = set()
    for words_of, terms, phrases in matchers:
        if not terms and not phrases:
            continue
        tokens = words_of(text)
        for word, start, end in tokens:
            if word in terms:
                spans.add((start, end))
        for phrase in phrases:
            size = len(phrase)
            for i in range(len(tokens) - size + 1):
                if tokens[i][0] == phrase[0] and tuple(t[0] for t in tokens[i : i + size]) == phrase:
                    spans.add((tokens[i][1], tokens[i + size - 1][2]))
    return _merge_overlaps(spans)


def _merge_overlaps(spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return {(s, e) for s, e in merged}


def _best_window(spans: list[tuple[int, int]], width: int) -> int:
    """Start of the window of `width` characters holding the most marked words."""
    best_start, best_count = spans[0][0], 0
    j = 0
    for i, (start, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= start + width:
            j += 1
        if j - i > best_count:
            best_start, best_count = start, j - i
    return best_start


def _word_start(text: str, position: int) -> int:
    if position == 0:
        return 0
    space = text.rfind(" ", 0, position + 1)
    return space + 1 if space >= 0 else position


def _escape_window(text: str, start: int, width: int, spans) -> str:
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start + width // 2:
            end = space
    out = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(html.escape(text[position:span_start]))
        out.append("<mark>" + html.escape(text[span_start:span_end]) + "</mark>")
        position = span_end
    out.append(html.escape(text[position:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out)
