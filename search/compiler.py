"""A parsed query (search/query_tree.py) compiled into Whoosh queries against an open index: it needs the index to
know which words exist, for automatic fuzzy matching and bounded prefix expansion, and it gives citations their
fixed scores so that the provision a reader cites comes first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from whoosh import query as wq
from whoosh.matching import DisjunctionMaxMatcher

from atipsom.refs.citations import Citation

from .query_tree import And, Node, Not, Or, ParsedQuery, Phrase, Synonym, Word, without_negations
from .schema import EXACT_FIELD, PAIR_SEPARATOR, PAIRS_FIELDS, TEXT_FIELDS

MAX_PREFIX_TERMS = 200
MIN_AUTO_FUZZY_CHARS = 4
MAX_FUZZY_TERMS = 50
MAX_FUZZY_WORD_CHARS = 30  # longer than any word of the Act's texts: no fuzzy match for noise
PHRASE_CHECK_MAX_CANDIDATES = 200

CITE_EXACT_SCORE = 100.0
CITE_CHILD_SCORE = 60.0
CITE_SECTION_SCORE = 30.0
CITE_LAW_BONUS = 20.0
FUZZY_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.9


@dataclass(frozen=True)
class CompiledQuery:
    query: wq.Query | None  # strict: every word required
    relaxed: wq.Query | None  # any word (when the strict query finds nothing), or None
    highlight: wq.Query | None  # the positive part, for marking words in snippets
    unknown_words: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    # field filters (part:V, section:51): they restrict the documents and never score (the engine masks them, as
    # the browser's engine does); `query` is then every document when nothing else was asked
    filters: tuple[tuple[str, str], ...] = ()


# -- compiling to Whoosh --------------------------------------------------------------------


class Union(wq.Or):
    """Whoosh's Or, always as a tree of union matchers. (On indexes under 5,000 documents Whoosh
    otherwise pre-loads every OR into a 2,048-slot score array, which costs more than it saves
    for our many small ORs: measured 2-3 times slower on the test index.)"""

    matcher_type = wq.Or.DEFAULT_MATCHER


class _BestMatcher(DisjunctionMaxMatcher):
    """Whoosh's DisjunctionMaxMatcher scores a document with the larger of its halves' current scores even when
    one half already stands on a later document; this one takes only the halves on the current document."""

    def score(self):
        a, b = self.a, self.b
        if not b.is_active() or (a.is_active() and a.id() < b.id()):
            return a.score()
        if not a.is_active() or b.id() < a.id():
            return b.score()
        return max(a.score(), b.score())


class Best(wq.DisjunctionMax):
    """Each document scores as its best part (several citations: "ss 53 and 54")."""

    def _matcher(self, subs, searcher, context):
        return self._tree_matcher(subs, _BestMatcher, searcher, context, None)


@dataclass
class _Compiler:
    reader: Any  # a Whoosh IndexReader
    langs: tuple[str, ...]
    near_words: Callable[[Any, str, int], frozenset[str]] | None = None  # the index's words that far away
    notices: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    memo: dict = field(default_factory=dict)

    def node(self, node: Node) -> wq.Query | None:
        if node not in self.memo:
            self.memo[node] = self._node(node)
        return self.memo[node]

    def _node(self, node: Node) -> wq.Query | None:
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node.words)
        if isinstance(node, Synonym):
            seen_unknown = len(self.unknown)
            options = [self.node(node.original)]
            del self.unknown[seen_unknown:]  # 'MAPO' is known through its synonym: no "did you mean"
            for alternative in node.alternatives:
                q = self.phrase(alternative)
                if q is not None:
                    options.append(Union([q], boost=SYNONYM_WEIGHT))
            return _or(options)
        if isinstance(node, Not):
            child = self.node(node.child)
            return wq.Not(child) if child is not None else None
        if isinstance(node, And):
            children = [self.node(c) for c in node.children]
            positives = [c for c in children if c is not None and not isinstance(c, wq.Not)]
            negatives = [c for c in children if isinstance(c, wq.Not)]
            if not positives and not negatives:
                return None
            if any(c is None for c, n in zip(children, node.children) if not isinstance(n, Not)):
                return wq.NullQuery  # a required word that cannot match anything
            return wq.And(positives + negatives) if len(positives + negatives) > 1 else (positives + negatives)[0]
        if isinstance(node, Or):
            return _or([self.node(c) for c in node.children])
        return None

    def word(self, word: Word) -> wq.Query | None:
        if " " in word.text:  # a hyphenated or punctuated token: its parts as a phrase
            return self.phrase(tuple(word.text.split()))
        if word.prefix:
            return self.prefix(word.text)
        options: list[wq.Query | None] = []
        for lang in self.langs:
            for fieldname, weight in TEXT_FIELDS[lang].items():
                options.append(_field_query(self.reader, fieldname, word.text, weight))
        known = (EXACT_FIELD, word.text) in self.reader
        if word.fuzzy and len(word.text) <= MAX_FUZZY_WORD_CHARS:
            options.append(self.fuzzy(word.text, word.fuzzy))
        elif not known:
            self.unknown.append(word.text)
            if word.text.isalpha() and MIN_AUTO_FUZZY_CHARS <= len(word.text) <= MAX_FUZZY_WORD_CHARS:
                options.append(self.fuzzy(word.text, 1 if len(word.text) < 8 else 2))
        return _or(options)

    def fuzzy(self, text: str, maxdist: int) -> wq.Query | None:
        """Words of the index within `maxdist` edits (same first letter), the closest distance
        that has any: a misspelling matches its nearest words, not everything two edits away."""
        near = self.near_words or words_within
        for distance in range(1, maxdist + 1):
            words = sorted(near(self.reader, text, distance))
            if words:
                if len(words) > MAX_FUZZY_TERMS:
                    words = sorted(words, key=lambda w: -self.reader.doc_frequency(EXACT_FIELD, w))
                    words = words[:MAX_FUZZY_TERMS]
                return Union([wq.Term(EXACT_FIELD, w, boost=FUZZY_WEIGHT) for w in words])
        return None

    def prefix(self, text: str) -> wq.Query | None:
        terms: list[str] = []
        for term in self.reader.expand_prefix(EXACT_FIELD, text):
            if len(terms) >= MAX_PREFIX_TERMS:
                self.notices.append(f"{text}* matches many words; only the first {MAX_PREFIX_TERMS} were used.")
                break
            terms.append(term.decode("utf-8") if isinstance(term, bytes) else term)
        if not terms:
            return None
        return Union([wq.Term(EXACT_FIELD, t) for t in terms])

    def phrase(self, words: tuple[str, ...]) -> wq.Query | None:
        """Per language: the phrase in a heading (positions checked), or all its adjacent word
        pairs in the text (see schema.pairs_analyzer). A one-word phrase is a word."""
        if len(words) == 1:
            return self.word(Word(words[0]))
        text = " ".join(words)
        options = []
        for lang in self.langs:
            fields = TEXT_FIELDS[lang]
            heading_field, text_field = list(fields)[:2]
            options.append(_field_query(self.reader, heading_field, text, fields[heading_field]))
            tokens = [t.text for t in self.reader.schema[text_field].analyzer(text, mode="query")]
            if len(tokens) == 1:
                options.append(_field_query(self.reader, text_field, text, fields[text_field]))
                continue
            pairs_field = PAIRS_FIELDS[lang]
            pairs = list(dict.fromkeys(a + PAIR_SEPARATOR + b for a, b in zip(tokens, tokens[1:])))
            if pairs and all((pairs_field, pair) in self.reader for pair in pairs):
                terms: list[wq.Query] = [wq.Term(pairs_field, pair) for pair in pairs]
                candidates = min(self.reader.doc_frequency(pairs_field, pair) for pair in pairs)
                if len(tokens) > 2 and candidates <= PHRASE_CHECK_MAX_CANDIDATES:
                    # the pairs find the candidates fast; the positions confirm that the words
                    # stand together ("permission to move freely and to work" has both pairs of
                    # "permission to work" but not the phrase). Past that many candidates the
                    # check costs more than the time limit allows, and the pairs alone decide.
                    terms.append(wq.Phrase(text_field, tokens, boost=0.0))
                options.append(terms[0] if len(terms) == 1 else wq.And(terms))
        return _or(options)


def words_within(reader, text: str, distance: int) -> frozenset[str]:
    """The index's words (unstemmed) `distance` edits from `text` with the same first letter."""
    words = set()
    for word in reader.terms_within(EXACT_FIELD, text, distance, prefix=1):
        words.add(word.decode("utf-8") if isinstance(word, bytes) else word)
    words.discard(text)
    return frozenset(words)


def _field_query(reader, fieldname: str, text: str, weight: float) -> wq.Query | None:
    """The word (or words) in one field, or None if the field has no such word: a query for a
    term the index lacks only costs time."""
    analyzer = reader.schema[fieldname].analyzer
    tokens = [t.text for t in analyzer(text, mode="query")]
    if not tokens or any((fieldname, token) not in reader for token in tokens):
        return None
    if len(tokens) == 1:
        return wq.Term(fieldname, tokens[0], boost=weight)
    return wq.Phrase(fieldname, tokens, boost=weight)


def _or(options: list[wq.Query | None]) -> wq.Query | None:
    options = [o for o in options if o is not None and o is not wq.NullQuery]
    if not options:
        return None
    return options[0] if len(options) == 1 else Union(options)


def citation_query(citation: Citation) -> wq.Query:
    """The exact key first (the law itself before notes and guidance that cite it), then the
    provisions under it, then the rest of its section."""
    key = citation.key
    exact = wq.Term("cite", key)
    options = [wq.ConstantScoreQuery(exact, CITE_EXACT_SCORE),
               wq.ConstantScoreQuery(wq.And([exact, wq.Term("kind", "provision")]), CITE_LAW_BONUS)]
    if not citation.term:
        # a document citing the provision itself is not scored again for citing its parts (a case note that
        # cites s 61A and s 61A(1) stays below s 61A)
        options.append(wq.ConstantScoreQuery(wq.AndNot(wq.Prefix("cite", key + "("), exact), CITE_CHILD_SCORE))
    options.append(wq.ConstantScoreQuery(wq.Term("sec", (citation.section or "").lower()), CITE_SECTION_SCORE))
    return Union(options)


def citations_query(citations) -> wq.Query | None:
    """Several citations ("ss 53 and 54"): a document scores as its best citation, not their sum, so a
    guidance page citing both sections does not outrank the sections themselves."""
    queries = [citation_query(c) for c in citations]
    if len(queries) < 2:
        return queries[0] if queries else None
    return Best(queries)


def compile_query(parsed: ParsedQuery, reader, *, lang: str | None = None, near_words=None) -> CompiledQuery:
    """Whoosh queries for a parsed query against an open index reader.

    Citations are alternatives to the words (a citation alone is a complete query); NOT at the
    top level removes documents from everything, citations included; field filters restrict
    everything. `near_words(reader, word, distance)`, if given, stands in for `words_within`
    (the engine passes one that remembers its answers)."""
    langs = (lang,) if lang in TEXT_FIELDS else tuple(TEXT_FIELDS)
    for f in parsed.filters:
        if f.field == "lang":
            langs = (f.value,)
    compiler = _Compiler(reader, langs, near_words)
    positive, negatives = _split_negations(parsed.expr)
    expr_q = compiler.node(positive) if positive is not None else None
    negative_q = _or([compiler.node(n) for n in negatives])
    relaxed_q = None
    if isinstance(positive, And):
        relaxed_q = _or([compiler.node(c) for c in positive.children])
        if is_plain_question(parsed, positive):
            # A question in plain words ("how long can they keep her in the shelter"): the law does not
            # use the question's own words, so every word is not required. Documents with more of the
            # content words rank higher; documents with all of them higher still.
            content = [c for c in positive.children if not _is_question_word(c)]
            loose = _or([compiler.node(c) for c in content]) if content else None
            if loose is not None:
                strict = expr_q
                if strict is not None:
                    strict = strict.with_boost(1.5) if hasattr(strict, "with_boost") else strict
                    expr_q = wq.Or([strict, loose])
                else:
                    expr_q = loose
    highlight_src = without_negations(parsed.expr)
    highlight_q = compiler.node(highlight_src) if highlight_src is not None else None

    cite_q = citations_query(parsed.citations)
    restrictions = tuple((f.field, f.value) for f in parsed.filters)

    def assemble(main: wq.Query | None) -> wq.Query | None:
        parts = [q for q in [main, cite_q] if q is not None]
        if parts:
            combined = parts[0] if len(parts) == 1 else Union(parts)
        elif positive is None and (restrictions or negative_q is not None):
            combined = wq.Every()
        else:
            return None
        if negative_q is not None:
            combined = wq.AndNot(combined, negative_q)
        return combined

    return CompiledQuery(
        query=assemble(expr_q),
        relaxed=assemble(relaxed_q) if relaxed_q is not None else None,
        highlight=highlight_q,
        unknown_words=tuple(dict.fromkeys(compiler.unknown)),
        notices=tuple(dict.fromkeys(compiler.notices)),
        filters=restrictions,
    )


#: Words of a question that the law itself never uses as content ("can", "how", "they").


QUESTION_WORDS = frozenset("""
a an the can could how what when where who whom whose why which is are was were do does did must should shall may
will would be been being i we you they she he her him his their them my our your it its someone somebody anyone
there here this that these those get got if or and to of for in on at by with from about into
""".split())


def _is_question_word(node: Node) -> bool:
    return isinstance(node, Word) and not node.fuzzy and not node.prefix and node.text in QUESTION_WORDS


def is_plain_question(parsed: ParsedQuery, positive: And) -> bool:
    """Four or more plain words, no quotes and no operators typed in capitals."""
    text = parsed.text
    if '"' in text or re.search(r"\b(AND|OR|NOT)\b", text) or parsed.filters:
        return False
    words = [c for c in positive.children if isinstance(c, (Word, Synonym))]
    return len(words) >= 4 and len(words) == len(positive.children)


def _split_negations(expr: Node | None) -> tuple[Node | None, list[Node]]:
    if isinstance(expr, Not):
        return None, [expr.child]
    if isinstance(expr, And):
        positives = tuple(c for c in expr.children if not isinstance(c, Not))
        negatives = [c.child for c in expr.children if isinstance(c, Not)]
        if not positives:
            return None, negatives
        return (positives[0] if len(positives) == 1 else And(positives)), negatives
    return expr, []
