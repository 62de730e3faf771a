"""The search facade: the only thing the CLI, the HTTP API and the site use.

    engine = SearchEngine.open(Path("var/index"))
    response = engine.search("s 51(3)(b)", as_at=date(2012, 1, 1), kind="provision")

`search` never raises on the query text: odd input gives an empty or partial answer, with
`notices` saying what was ignored and `timed_out` when the time limit cut the search short.
It raises ValueError only for bad parameters (kind, lang), which callers validate first.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from pathlib import Path

import numpy as np
from whoosh import index as windex
from whoosh import query as wq

from .documents import KINDS, LANGS, SearchResponse, SearchResult
from .indexer import IndexNotFound, current_generation, read_pointer
from .lru import LRU
from .query import MAX_FUZZY_WORD_CHARS, CompiledQuery, ParsedQuery, Union, compile_query, parse_query, words_within
from .ranking import Evaluator, PostingScores, rank
from .schema import EXACT_FIELD, FAST_WORDS, PAIR_SEPARATOR, PAIRS_FIELDS, TEXT_FIELDS
from .snippets import make_snippet
from .synonyms import SynonymMap

DEFAULT_TIME_LIMIT = 1.0  # seconds of matching per query
MAX_LIMIT = 50
MAX_OFFSET = 450  # paging reaches the 500th section or page
FILTER_CACHE_SIZE = 64
RESPONSE_CACHE_SIZE = 256
WORDS_CACHE_SIZE = 4096
PAIR_FIELD_LANGS = {field: lang for lang, field in PAIRS_FIELDS.items()}


class SearchEngine:
    def __init__(self, ix, generation: str, index_dir: Path | None = None, *,
                 time_limit: float = DEFAULT_TIME_LIMIT, synonyms: SynonymMap | None = None,
                 cache_size: int = RESPONSE_CACHE_SIZE, fast_ranking: bool = True):
        self._ix = ix
        self.fast_ranking = fast_ranking  # False: Whoosh's own matching and scoring (search/ranking.py)
        self.generation = generation
        self.index_dir = index_dir
        self.time_limit = time_limit
        self.synonyms = synonyms if synonyms is not None else SynonymMap.load()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._searchers: list = []
        # an index generation never changes: what was computed from it stays true
        self._filters = LRU(FILTER_CACHE_SIZE)
        self._responses = LRU(cache_size)
        self._near_words = LRU(WORDS_CACHE_SIZE)
        self._suggestions = LRU(WORDS_CACHE_SIZE)
        self._groups: np.ndarray | None = None
        self._postings = PostingScores()
        self._closed = False

    @classmethod
    def open(cls, index_dir: Path, *, time_limit: float = DEFAULT_TIME_LIMIT,
             synonyms: SynonymMap | None = None, cache_size: int = RESPONSE_CACHE_SIZE,
             fast_ranking: bool = True) -> "SearchEngine":
        """Open the generation CURRENT points at. Raises `IndexNotFound` if there is none.
        `cache_size` answers are kept (an index generation never changes; 0 = no cache).
        `fast_ranking=False` ranks with Whoosh's own matching and scoring (the fallback used anyway when the
        installed Whoosh is not the release search/whoosh_internals.py was written for)."""
        path = current_generation(Path(index_dir))
        if path is None:  # only with missing_ok; kept for the type checker
            raise IndexNotFound(f"no search index in {index_dir}")
        ix = windex.open_dir(str(path))
        return cls(ix, path.name, Path(index_dir), time_limit=time_limit, synonyms=synonyms,
                   cache_size=cache_size, fast_ranking=fast_ranking)

    def is_stale(self) -> bool:
        """True once a newer build has switched CURRENT away from this engine's generation."""
        return self.index_dir is not None and read_pointer(self.index_dir) != self.generation

    def doc_count(self) -> int:
        return self._searcher().doc_count()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for searcher in self._searchers:
                try:
                    searcher.close()
                except Exception:
                    pass
            self._searchers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- searching ------------------------------------------------------------------------

    def search(self, query: str, *, as_at: dt.date | None = None, kind: str = "all",
               lang: str | None = None, limit: int = 10, offset: int = 0) -> SearchResponse:
        """The best `limit` sections or pages after the first `offset` (paging: at most MAX_OFFSET)."""
        _check_params(kind, lang)
        as_at = as_at or dt.date.today()
        limit = max(1, min(int(limit), MAX_LIMIT))
        offset = max(0, min(int(offset), MAX_OFFSET))
        key = (query if isinstance(query, str) else repr(query), as_at, kind, lang, limit, offset)
        cached = self._responses.get(key)
        if cached is not None:
            return cached
        response = self._search(query, as_at, kind, lang, limit, offset)
        if not response.timed_out:
            self._responses.put(key, response)
        return response

    def _search(self, query: str, as_at: dt.date, kind: str, lang: str | None, limit: int,
                offset: int = 0) -> SearchResponse:
        deadline = time.monotonic() + self.time_limit
        parsed = parse_query(query, self.synonyms)
        notices = list(parsed.notices)
        if parsed.is_empty:
            return SearchResponse(query=_echo(query), as_at=as_at, total=0, suggestion=None,
                                  results=(), notices=tuple(notices))
        searcher = self._searcher()
        compiled = compile_query(parsed, searcher.reader(), lang=lang, near_words=self._words_near)
        notices.extend(compiled.notices)
        allow = self._allowed_docs(searcher, as_at, kind, lang)
        if compiled.filters:
            allow = allow & _docs_with_terms(searcher.reader(), compiled.filters)

        hits, total, timed_out = [], 0, False
        if compiled.query is not None:
            hits, total, timed_out = self._collect(searcher, compiled.query, allow, limit, deadline, offset)
            if total == 0 and not timed_out and compiled.relaxed is not None:
                hits, total, timed_out = self._collect(searcher, compiled.relaxed, allow, limit, deadline, offset)
                if total:
                    notices.append("No document has all the words; showing documents with some of them.")
        if timed_out:
            notices.append("The search took too long and was stopped; the results may be incomplete.")

        marks = self._highlight_terms(searcher, compiled)
        results = tuple(_result(fields, score, marks) for fields, score in hits)
        return SearchResponse(
            query=_echo(query), as_at=as_at, total=total,
            suggestion=self._suggestion(searcher, parsed, compiled),
            results=results, timed_out=timed_out, notices=tuple(dict.fromkeys(notices)),
        )

    def similar(self, text: str, *, kind: str, limit: int = 10, as_at: dt.date | None = None,
                lang: str | None = None) -> list[tuple[str, float]]:
        """Documents of `kind` whose words are most like `text` (for "related" links): a list of
        (id, score), best first, one per section or page, in force on `as_at` (default today)."""
        _check_params(kind, lang)
        searcher = self._searcher()
        options: list[wq.Query] = []
        for fieldname in ("text_en", "text_ms"):
            try:
                key_terms = searcher.key_terms_from_text(fieldname, text[:20_000], numterms=12)
            except Exception:
                key_terms = []
            options.extend(wq.Term(fieldname, term, boost=weight) for term, weight in key_terms)
        if not options:
            return []
        allow = self._allowed_docs(searcher, as_at or dt.date.today(), kind, lang)
        deadline = time.monotonic() + self.time_limit
        hits, _, _ = self._collect(searcher, Union(options), allow, max(1, min(limit, MAX_LIMIT)), deadline)
        best: dict[str, float] = {}
        for fields, score in hits:
            best[fields["id"]] = max(score, best.get(fields["id"], 0.0))
        return sorted(best.items(), key=lambda item: -item[1])

    # -- internals ------------------------------------------------------------------------

    def _searcher(self):
        """One Whoosh searcher per thread (searchers share file handles and are not thread-safe)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            with self._lock:
                if self._closed:
                    raise RuntimeError("search engine is closed")
                searcher = self._ix.searcher()
                self._searchers.append(searcher)
            self._local.searcher = searcher
        return searcher

    def _words_near(self, reader, word: str, distance: int) -> frozenset[str]:
        return self._near_words.get_or_compute((word, distance), lambda: words_within(reader, word, distance))

    def _group_numbers(self, searcher) -> np.ndarray:
        """For each document number, the number of its group (one hit per group is shown).
        Read once per index generation from the `group` field's term lists."""
        groups = self._groups
        if groups is None:
            reader = searcher.reader()
            groups = np.zeros(reader.doc_count_all(), dtype=np.int64)
            for number, term in enumerate(reader.lexicon("group"), 1):
                groups[list(reader.postings("group", term).all_ids())] = number
            self._groups = groups
        return groups

    def _allowed_docs(self, searcher, as_at: dt.date, kind: str, lang: str | None) -> np.ndarray:
        """Which documents are in force on `as_at` (guidance always), of `kind` and `lang`, as a
        mask over document numbers. Cached: readers ask for today's law again and again."""
        return self._filters.get_or_compute((as_at.toordinal(), kind, lang),
                                            lambda: _allowed(searcher.reader(), as_at, kind, lang))

    def _collect(self, searcher, q, allow: np.ndarray, limit: int, deadline: float, offset: int = 0):
        """The best `limit` sections or pages for `q` among the allowed documents: (stored fields,
        score) of each, the number of sections and pages that match, and whether the deadline cut
        the matching short."""
        if not allow.any():
            return [], 0, False
        evaluator = Evaluator(searcher, self._postings, deadline, fast=self.fast_ranking)
        ranked = rank(evaluator.evaluate(q), allow, self._group_numbers(searcher), offset + limit,
                      evaluator.timed_out)
        hits = [(searcher.stored_fields(docnum), score) for docnum, score in ranked.hits[offset:]]
        return hits, ranked.total, ranked.timed_out

    def _highlight_terms(self, searcher, compiled: CompiledQuery) -> dict[str, tuple[frozenset, frozenset]]:
        """The words and phrases to mark in snippets, per language and for the unstemmed field,
        from the positive part of the query.

        (Not `Query.existing_terms`: in Whoosh 2.7.5 its loop variable shadows its `fieldname`
        argument, so after the first leaf it skips every leaf of another field.)"""
        if compiled.highlight is None:
            return {}
        words: dict[str, set[str]] = {}
        phrases: dict[str, set[tuple[str, ...]]] = {}
        reader = searcher.reader()
        try:
            for node in _highlight_nodes(compiled.highlight):
                if isinstance(node, wq.Phrase):
                    phrases.setdefault(node.fieldname, set()).add(tuple(node.words))
                elif isinstance(node, wq.And):  # a phrase as word pairs: mark the whole phrase
                    pairs = [leaf.text.split(PAIR_SEPARATOR) for leaf in node.subqueries]
                    phrase = tuple(pairs[0] + [pair[-1] for pair in pairs[1:]])
                    phrases.setdefault(node.subqueries[0].fieldname, set()).add(phrase)
                elif isinstance(node, wq.Term) and node.fieldname in PAIR_FIELD_LANGS:
                    phrases.setdefault(node.fieldname, set()).add(tuple(node.text.split(PAIR_SEPARATOR)))
                else:
                    for fieldname, text in node.expanded_terms(reader, phrases=False):
                        word = text.decode("utf-8") if isinstance(text, bytes) else str(text)
                        words.setdefault(fieldname, set()).add(word)
        except Exception:
            return {}
        marks = {}
        for key, fieldnames in [*TEXT_FIELDS.items(), (EXACT_FIELD, [EXACT_FIELD])]:
            fieldnames = [*fieldnames, PAIRS_FIELDS[key]] if key in PAIRS_FIELDS else fieldnames
            marks[key] = (frozenset().union(*(words.get(f, set()) for f in fieldnames)),
                          frozenset().union(*(phrases.get(f, set()) for f in fieldnames)))
        return marks

    def _suggestion(self, searcher, parsed: ParsedQuery, compiled: CompiledQuery) -> str | None:
        """'Did you mean': the query with each word the index does not know replaced by the
        closest word it does know (same first letter, one edit away, two for words of 8 letters
        or more: the same reach as the automatic fuzzy matching)."""
        if not compiled.unknown_words:
            return None
        replacements = {}
        for word in [w for w in compiled.unknown_words if len(w) <= MAX_FUZZY_WORD_CHARS][:8]:
            closest = self._suggestions.get_or_compute(word, lambda: _closest_word(searcher, word))
            if closest:
                replacements[word] = closest
        if not replacements:
            return None
        return re.sub(r"\w+", lambda m: replacements.get(m.group(0).lower(), m.group(0)), parsed.text)


def _closest_word(searcher, word: str) -> str | None:
    try:
        options = searcher.reader().corrector(EXACT_FIELD).suggest(
            word, limit=1, maxdist=1 if len(word) < 8 else 2, prefix=1)
    except Exception:
        options = []
    return options[0] if options and options[0] != word else None


def _highlight_nodes(q):
    """The leaves of a query, except that a phrase matched as word pairs (an And of terms of a
    pairs field) is one node."""
    if isinstance(q, wq.And) and q.subqueries and all(
            isinstance(sub, wq.Term) and sub.fieldname in PAIR_FIELD_LANGS
            for sub in q.subqueries if not isinstance(sub, wq.Phrase)):
        yield wq.And([sub for sub in q.subqueries if not isinstance(sub, wq.Phrase)])
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _highlight_nodes(child)


def _allowed(reader, as_at: dt.date, kind: str, lang: str | None) -> np.ndarray:
    day = as_at.toordinal()
    allow = _docs_with_value(reader, "from_n", lambda start: start <= day)
    allow &= _docs_with_value(reader, "to_n", lambda end: end >= day)
    if kind != "all":
        allow &= _docs_with_value(reader, "kind", lambda value: value == kind)
    if lang:
        allow &= _docs_with_value(reader, "lang", lambda value: value == lang)
    return allow


def _docs_with_value(reader, fieldname: str, keep) -> np.ndarray:
    """A mask of the documents whose value in `fieldname` passes `keep`, read from the term
    lists (a few distinct dates, kinds and languages, each with its posting list)."""
    field = reader.schema[fieldname]
    docs = np.zeros(reader.doc_count_all(), dtype=bool)
    for term in field.sortable_terms(reader, fieldname):
        if keep(field.from_bytes(term)):
            docs[list(reader.postings(fieldname, term).all_ids())] = True
    return docs


def _docs_with_terms(reader, terms: tuple[tuple[str, str], ...]) -> np.ndarray:
    """A mask of the documents that have every (field, value) term: the field filters of a query."""
    docs = np.ones(reader.doc_count_all(), dtype=bool)
    for fieldname, value in terms:
        has = np.zeros_like(docs)
        field = reader.schema[fieldname] if fieldname in reader.schema else None
        try:
            text = field.to_bytes(value) if field is not None else None
        except ValueError:
            text = None
        if text is not None and (fieldname, text) in reader:
            has[list(reader.postings(fieldname, text).all_ids())] = True
        docs &= has
    return docs


def _check_params(kind: str, lang: str | None) -> None:
    if kind != "all" and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: use all, {', '.join(KINDS)}")
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use {', '.join(LANGS)}")


def _echo(query: object) -> str:
    text = query if isinstance(query, str) else ""
    return text[:1000]


def _result(fields: dict, score: float, marks: dict[str, tuple[frozenset, frozenset]]) -> SearchResult:
    lang = fields.get("lang", "en")
    matchers = []
    if marks:
        nothing: tuple[frozenset, frozenset] = (frozenset(), frozenset())
        matchers = [(FAST_WORDS.get(lang, FAST_WORDS[EXACT_FIELD]), *marks.get(lang, nothing)),
                    (FAST_WORDS[EXACT_FIELD], *marks.get(EXACT_FIELD, nothing))]
    return SearchResult(
        id=fields["id"],
        kind=fields["kind"],
        section=fields.get("section"),
        provision=fields.get("provision"),
        heading=fields.get("heading", ""),
        lang=lang,
        in_force_from=_date(fields.get("in_force_from")),
        in_force_to=_date(fields.get("in_force_to")),
        url=fields.get("url", ""),
        score=float(score),
        snippet=make_snippet(fields.get("text", ""), matchers),
        unofficial=bool(fields.get("unofficial", False)),
        tier=fields.get("tier") or "verbatim",
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
