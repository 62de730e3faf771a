"""The Whoosh schema and analyzers for legal text, and the mapping of a `SearchDoc` to fields.

Rules (see docs/search.md):

* No stop words anywhere and no minimum token size: "may", "not", "or", "shall" and the "a"
  of "(a)" carry legal meaning and must be searchable.
* English fields are stemmed (Porter), Malay fields use `search.malay.stem_malay`; each
  language has its own fields, so neither stemmer touches the other language.
* `exact` holds every word unstemmed, in both languages: it is the lexicon for fuzzy matching,
  prefix queries (the query parser must not stem a prefix) and spelling suggestions.
* Citation keys ("51(3)(b)", "26a", "2(child)") are whole keywords in `cite`; the section
  number is an ID in `sec`; part, kind and lang are IDs usable as filters.
* Stored fields are lean: what a result line needs, and the plain text once (for snippets).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from whoosh import fields
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.lang.porter import stem as porter_stem

from .documents import SearchDoc
from .malay import stem_malay

SCHEMA_VERSION = 4  # bump when the schema or an analyzer changes: forces a full rebuild

NO_DATE_FROM = dt.date.min.toordinal()  # guidance: in force since always
NO_DATE_TO = dt.date.max.toordinal()  # still in force

TOKEN_PATTERN = r"\w+(?:\.?\w+)*"


class MalayStemFilter(Filter):
    """Whoosh filter around `stem_malay` (runs at index and query time alike)."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for token in tokens:
            if not token.stopped:
                token.text = stem_malay(token.text)
            yield token


#: Porter gives "traffics" -> "traffic" but "trafficking"/"trafficked" -> "traffick"; the Act uses all of
#: them ("traffics in persons", ss 12 and 14), so they share one stem.
STEM_EXCEPTIONS = {"traffic": "traffick", "traffics": "traffick", "trafficking": "traffick",
                   "trafficked": "traffick", "trafficker": "traffick", "traffickers": "traffick"}


def english_stem(word: str) -> str:
    return STEM_EXCEPTIONS.get(word) or porter_stem(word)


def english_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StemFilter(stemfn=english_stem)


def malay_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | MalayStemFilter()


def exact_analyzer():
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()


_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
_english_stem = lru_cache(maxsize=100_000)(english_stem)


class FastWords:
    """The words an analyzer above produces, with their character spans, without Whoosh's token
    machinery (for marking snippets). tests/test_search_query.py checks both give the same.
    The words of the last texts seen are remembered: the same provisions come up in answer to
    query after query."""

    CACHE_SIZE = 512
    CACHE_MAX_CHARS = 4_000  # long texts (guidance pages) are cut into words each time

    def __init__(self, stem):
        self.stem = stem
        self._cached = lru_cache(maxsize=self.CACHE_SIZE)(self._words)

    def __call__(self, text: str) -> tuple[tuple[str, int, int], ...]:
        return self._cached(text) if len(text) <= self.CACHE_MAX_CHARS else self._words(text)

    def _words(self, text: str) -> tuple[tuple[str, int, int], ...]:
        stem = self.stem
        return tuple((stem(m.group().lower()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text))


FAST_WORDS = {"en": FastWords(_english_stem), "ms": FastWords(stem_malay), "exact": FastWords(str)}


PAIR_SEPARATOR = " "


class PairFilter(Filter):
    """Each token joined with the next ("place of", "of refug"). Unlike Whoosh's BiWordFilter it
    yields nothing for an empty text (BiWordFilter raises UnboundLocalError there) and nothing
    for a one-word text (one word is matched by the word fields)."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            if token.stopped:
                continue
            text = token.text
            if previous is not None:
                token.text = previous + PAIR_SEPARATOR + text
                yield token
            previous = text


def pairs_analyzer(stemmed):
    """Adjacent word pairs of a language's stemmed words: a phrase is matched as all its pairs,
    a term intersection, instead of Whoosh's position-by-position phrase check (about ten times
    slower on common phrases in benchmarks/search_speed.py)."""
    return stemmed | PairFilter()


# Fields searched for words, by language, with their weights.
TEXT_FIELDS = {
    "en": {"heading_en": 2.0, "text_en": 1.0, "context_en": 0.4},
    "ms": {"heading_ms": 2.0, "text_ms": 1.0, "context_ms": 0.4},
}
PAIRS_FIELDS = {"en": "pairs_en", "ms": "pairs_ms"}
EXACT_FIELD = "exact"


def build_schema() -> fields.Schema:
    en, ms, exact = english_analyzer(), malay_analyzer(), exact_analyzer()
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        id=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        lang=fields.ID(stored=True),
        sec=fields.ID,
        part=fields.ID(stored=True),
        group=fields.ID,
        cite=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
        heading_en=fields.TEXT(analyzer=en),
        text_en=fields.TEXT(analyzer=en),
        context_en=fields.TEXT(analyzer=en),
        heading_ms=fields.TEXT(analyzer=ms),
        text_ms=fields.TEXT(analyzer=ms),
        context_ms=fields.TEXT(analyzer=ms),
        pairs_en=fields.TEXT(analyzer=pairs_analyzer(english_analyzer()), phrase=False),
        pairs_ms=fields.TEXT(analyzer=pairs_analyzer(malay_analyzer()), phrase=False),
        exact=fields.TEXT(analyzer=exact, phrase=False),
        # signed=True on purpose: with signed=False, Whoosh 2.7.5's NumericRange with an open
        # start ([ TO n]) matches every document (tests/test_search_engine.py checks this).
        # The engine reads these by their full-precision terms, not with NumericRange.
        from_n=fields.NUMERIC(int, bits=32, signed=True),
        to_n=fields.NUMERIC(int, bits=32, signed=True),
        # stored only
        section=fields.STORED,
        eid=fields.STORED,
        provision=fields.STORED,
        heading=fields.STORED,
        text=fields.STORED,
        in_force_from=fields.STORED,
        in_force_to=fields.STORED,
        url=fields.STORED,
        unofficial=fields.STORED,
        tier=fields.STORED,
    )


def group_key(doc: SearchDoc) -> str:
    """Results are collapsed to one hit per group: per section (and kind) for law
    and annotations (one language: the better-matching one), per page for guidance and case notes
    (one language too: a page and its translation share the id)."""
    if doc.kind in ("guidance", "case") or not doc.section:
        return f"{doc.kind}:{doc.id}"
    return f"{doc.kind}:{doc.section.lower()}"


def doc_fields(doc: SearchDoc) -> dict:
    """The field values Whoosh indexes and stores for one document."""
    lang = doc.lang
    values = {
        "key": doc.key,
        "id": doc.id,
        "kind": doc.kind,
        "lang": lang,
        "group": group_key(doc),
        f"text_{lang}": doc.text,
        f"context_{lang}": doc.context,
        f"pairs_{lang}": doc.text,
        # the words as written, for fuzzy, prefix and spelling (the context is left out: those
        # words are the ancestors' own text, indexed on the ancestors)
        "exact": doc.heading + " " + doc.text if carries_heading(doc) else doc.text,
        "from_n": doc.in_force_from.toordinal() if doc.in_force_from else NO_DATE_FROM,
        "to_n": doc.in_force_to.toordinal() if doc.in_force_to else NO_DATE_TO,
        "heading": doc.heading,
        "text": doc.text,
        "in_force_from": doc.in_force_from.isoformat() if doc.in_force_from else None,
        "in_force_to": doc.in_force_to.isoformat() if doc.in_force_to else None,
        "url": doc.url,
        "unofficial": doc.unofficial,
        "tier": doc.tier,
    }
    if carries_heading(doc):
        values[f"heading_{lang}"] = doc.heading
    if doc.section:
        values["sec"] = doc.section.lower()
        values["section"] = doc.section
    if doc.part:
        values["part"] = doc.part.upper()
    if doc.eid:
        values["eid"] = doc.eid
    if doc.provision:
        values["provision"] = doc.provision
    if doc.citations:
        values["cite"] = ",".join(normalise_key(key) for key in doc.citations)
    boost = DOC_BOOSTS.get(doc.kind, 1.0)
    if doc.kind == "provision" and doc.eid and "__" not in doc.eid:
        boost = SECTION_DOC_BOOST
    if boost != 1.0:
        values["_boost"] = boost
    return values


#: The law comes before our commentary on it; the provision that holds the words comes before the
#: whole section that contains it (the section's document carries all its words). Measured with
#: benchmarks/relevance.py on tests/eval/queries.yaml.
DOC_BOOSTS = {"annotation": 0.4}
SECTION_DOC_BOOST = 0.75


def carries_heading(doc: SearchDoc) -> bool:
    """The heading is searchable on the section itself, guidance and notes, not repeated on
    every subsection and paragraph (they share the section's heading: indexing it on each
    would make every provision of the section match a heading word, for nothing, since one
    hit per section is shown and the section's own document already has the heading)."""
    return doc.kind != "provision" or not doc.eid or "__" not in doc.eid


def normalise_key(key: str) -> str:
    """Citation keys are matched case-insensitively and without spaces before brackets:
    '26A' and '26a' are the same key; '51 (3)' is '51(3)'. Definition terms keep inner spaces."""
    key = key.strip().lower().replace(",", " ")
    head, bracket, rest = key.partition("(")
    return head.strip() + bracket + rest.replace(") (", ")(")
