"""The one query parser used by the CLI, the HTTP API and the site.

`parse_query(text)` is pure: it turns whatever a reader typed into a small tree of our own
(`Word`, `Phrase`, `Synonym`, `And`, `Or`, `Not`) plus the citations and field filters found in
it, and never raises. `compile_query(parsed, reader, ...)` turns that tree into Whoosh query
objects against an open index (it needs the index to know which words exist, for automatic
fuzzy matching and bounded prefix expansion).

The query language, for readers:

* words are all required: `magistrate interim order`; if no document has them all, the engine
  retries with any of them;
* `"place of refuge"` is a phrase; an unclosed quote runs to the end of the query;
* `AND`, `OR`, `NOT` (in capitals), `-word` (not), and brackets for grouping; an operator with
  nothing to work on is searched as an ordinary word ("AND OR NOT" looks for those words);
* a citation anywhere puts that provision first: `s 51(3)(b)`, `seksyen 44`, `26A`, `51(3)`;
* `word*` matches words starting with at least three letters; a leading `*` is ignored;
* `word~` or `word~2` matches misspellings; words the index does not know get `~1` anyway;
* filters: `part:V`, `kind:guidance`, `lang:ms`, `section:51`.

Odd input is bounded: the first 500 characters, 32 words or phrases, 5 citations, 16 words per
phrase, 8 levels of brackets, 200 words per prefix. What was cut is said in `notices`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from whoosh import query as wq

from atipsom.refs.citations import Citation, find_citations

from .schema import EXACT_FIELD, PAIR_SEPARATOR, PAIRS_FIELDS, TEXT_FIELDS, exact_analyzer
from .synonyms import SynonymMap

MAX_QUERY_CHARS = 500
MAX_UNITS = 32
MAX_CITATIONS = 5
MAX_PHRASE_WORDS = 16
MAX_DEPTH = 8
MAX_PREFIX_TERMS = 200
MIN_PREFIX_CHARS = 3
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

FILTER_FIELDS = {"part": "part", "bahagian": "part", "kind": "kind", "lang": "lang",
                 "bahasa": "lang", "section": "sec", "seksyen": "sec"}
_FILTER_VALUES = {
    "part": re.compile(r"^[IVXL]{1,6}[A-Z]?$"),
    "kind": re.compile(r"^(provision|guidance|annotation)$"),
    "lang": re.compile(r"^(en|ms)$"),
    "sec": re.compile(r"^\d{1,3}[a-z]?$"),
}
_FILTER_RE = re.compile(r"(?<![\w:])(?P<name>[A-Za-z]+)\s*:\s*(?P<value>\"[^\"]*\"?|[^\s()\"]+)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"', "＂": '"'})
_WORD_CHARS = re.compile(r"\w", re.UNICODE)


# -- the tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str  # as typed, lower-cased
    fuzzy: int = 0  # explicit ~N (0 = none)
    prefix: bool = False  # typed as word*


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Synonym:
    """A word or phrase from the synonym map, matched as itself or any of its alternatives."""

    original: Word | Phrase
    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Word | Phrase | Synonym | Not | And | Or


@dataclass(frozen=True)
class FieldFilter:
    field: str  # index field: part | kind | lang | sec
    value: str


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the cleaned query (after length cap and character clean-up)
    expr: Node | None
    citations: tuple[Citation, ...] = ()
    filters: tuple[FieldFilter, ...] = ()
    notices: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.expr is None and not self.citations and not self.filters

    def words(self) -> list[str]:
        """Every searchable word the reader typed (for spelling suggestions)."""
        return list(_words_of(self.expr)) if self.expr is not None else []


@dataclass(frozen=True)
class CompiledQuery:
    query: wq.Query | None  # strict: every word required
    relaxed: wq.Query | None  # any word (when the strict query finds nothing), or None
    highlight: wq.Query | None  # the positive part, for marking words in snippets
    unknown_words: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()


# -- parsing --------------------------------------------------------------------------------


def parse_query(text: object, synonyms: SynonymMap | None = None) -> ParsedQuery:
    """Parse anything a reader typed. Never raises; bounded work for any input."""
    try:
        return _parse(text, synonyms)
    except Exception:  # a bug here must not take the search down; say so instead
        return ParsedQuery(text="", expr=None, notices=("The query could not be understood.",))


def _parse(raw: object, synonyms: SynonymMap | None) -> ParsedQuery:
    notices: list[str] = []
    text = clean_text(raw if isinstance(raw, str) else "" if raw is None else str(raw), notices)

    filters, text = _extract_filters(text, notices)
    citations = [c for c in find_citations(text) if c.section and not c.of_amending_act]  # Parts etc. stay words
    if len(citations) > MAX_CITATIONS:
        notices.append(f"Only the first {MAX_CITATIONS} citations were used.")
        citations = citations[:MAX_CITATIONS]
    rest = _blank_spans(text, [(c.start, c.end) for c in citations])

    tokens = _tokenize(rest, notices)
    tokens = _demote_dangling_operators(tokens)
    expr = _Parser(tokens, notices).parse()
    if expr is not None and synonyms is not None:
        expr = _simplify(_apply_synonyms(expr, synonyms))
    return ParsedQuery(
        text=text, expr=expr, citations=tuple(citations), filters=tuple(filters),
        notices=tuple(dict.fromkeys(notices)),
    )


def clean_text(text: str, notices: list[str]) -> str:
    """Cap the length, fold compatibility characters, turn control characters into spaces."""
    if len(text) > MAX_QUERY_CHARS:
        notices.append(f"The query was shortened to its first {MAX_QUERY_CHARS} characters.")
        text = text[:MAX_QUERY_CHARS]
    text = unicodedata.normalize("NFKC", text)[: MAX_QUERY_CHARS * 2]
    text = text.translate(_QUOTES)
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(text.split())


def _extract_filters(text: str, notices: list[str]) -> tuple[list[FieldFilter], str]:
    filters: list[FieldFilter] = []
    spans = []
    for match in _FILTER_RE.finditer(text):
        name = match.group("name").lower()
        if name not in FILTER_FIELDS:
            continue
        index_field = FILTER_FIELDS[name]
        value = match.group("value").strip('"').strip()
        value = value.upper() if index_field == "part" else value.lower()
        if not _FILTER_VALUES[index_field].match(value):
            notices.append(f"The filter {name}:{value} was ignored (unknown value).")
        else:
            filters.append(FieldFilter(index_field, value))
        spans.append((match.start(), match.end()))
    return filters, _blank_spans(text, spans)


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


# Tokens: ("word", Word) | ("phrase", Phrase) | ("op", "AND"|"OR"|"NOT") | ("(", None) | (")", None)
_TOKEN_RE = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')


def _tokenize(text: str, notices: list[str]) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    units = 0
    for match in _TOKEN_RE.finditer(text):
        if match.group("open"):
            tokens.append(("(", None))
        elif match.group("close"):
            tokens.append((")", None))
        elif match.group("phrase") is not None:
            words = _plain_words(match.group("phrase"))
            if len(words) > MAX_PHRASE_WORDS:
                notices.append(f"A phrase was cut to its first {MAX_PHRASE_WORDS} words.")
                words = words[:MAX_PHRASE_WORDS]
            if words:
                units += 1
                tokens.append(("phrase", Phrase(tuple(words)) if len(words) > 1 else Word(words[0])))
        else:
            raw = match.group("word")
            if raw in ("AND", "OR", "NOT", "&&", "||"):
                tokens.append(("op", {"&&": "AND", "||": "OR"}.get(raw, raw)))
                continue
            negate = raw.startswith("-") and len(raw) > 1 and _WORD_CHARS.match(raw[1])
            for word in _words_from_token(raw[1:] if negate else raw.lstrip("+"), notices):
                units += 1
                if negate:
                    tokens.append(("op", "NOT"))
                tokens.append(("word", word))
        if units >= MAX_UNITS:
            notices.append(f"Only the first {MAX_UNITS} words and phrases were used.")
            break
    return tokens


def _plain_words(text: str) -> list[str]:
    return [token.text for token in exact_analyzer()(text)]


def _words_from_token(raw: str, notices: list[str]) -> list[Word]:
    """One typed token ('magistrate', 'magis*', 'magistrat~2', 'non-governmental', '*') → words."""
    fuzzy = 0
    fuzzy_match = re.search(r"~(\d?)$", raw)
    if fuzzy_match:
        fuzzy = min(int(fuzzy_match.group(1) or 1), 2)
        raw = raw[: fuzzy_match.start()]
    prefix = raw.endswith("*")
    if raw.startswith(("*", "?")) and raw.strip("*?"):
        notices.append("A wildcard at the start of a word is not supported and was ignored.")
    parts = _plain_words(raw.replace("*", " ").replace("?", " "))
    if not parts:
        return []
    if prefix and len(parts) == 1 and len(parts[0]) < MIN_PREFIX_CHARS:
        notices.append(f"A prefix search needs at least {MIN_PREFIX_CHARS} letters before *.")
        prefix = False
    if len(parts) > 1:
        # 'non-governmental' or 'wom*n': a phrase of the parts (fuzzy/prefix make no sense here)
        return [Word(" ".join(parts))] if not prefix else [Word(p) for p in parts]
    return [Word(parts[0], fuzzy=fuzzy, prefix=prefix)]


def _demote_dangling_operators(tokens: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """An operator with nothing to join is a word: 'AND OR NOT' searches for those words."""
    out: list[tuple[str, object]] = []
    for i, (kind, value) in enumerate(tokens):
        if kind == "op":
            before = out[-1][0] if out else None
            after = _next_real(tokens, i + 1)
            starts = ("word", "phrase", "(", "op_not")
            if value == "NOT":
                ok = after in starts
            else:
                ok = before in ("word", "phrase", ")") and after in starts
            if not ok:
                out.append(("word", Word(str(value).lower())))
                continue
        out.append((kind, value))
    return out


def _next_real(tokens, i):
    if i >= len(tokens):
        return None
    kind, value = tokens[i]
    if kind == "op":
        return "op_not" if value == "NOT" else "op"
    return kind


class _Parser:
    """Recursive descent: or_expr := and_expr (OR and_expr)*; and_expr := unary+;
    unary := NOT unary | '(' or_expr ')' | word | phrase. Unbalanced brackets are tolerated."""

    def __init__(self, tokens: list[tuple[str, object]], notices: list[str]):
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.notices = notices

    def parse(self) -> Node | None:
        nodes = []
        while self.pos < len(self.tokens):
            node = self._or()
            if node is not None:
                nodes.append(node)
            elif self.pos < len(self.tokens):
                self.pos += 1  # a stray ')' or operator: skip it
        return _simplify(And(tuple(nodes))) if nodes else None

    def _peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def _or(self) -> Node | None:
        left = self._and()
        children = [left] if left is not None else []
        while self._peek() == ("op", "OR"):
            self.pos += 1
            right = self._and()
            if right is not None:
                children.append(right)
        if not children:
            return None
        return children[0] if len(children) == 1 else Or(tuple(children))

    def _and(self) -> Node | None:
        children = []
        while True:
            kind, value = self._peek()
            if kind is None or kind == ")" or (kind == "op" and value == "OR"):
                break
            if kind == "op" and value == "AND":
                self.pos += 1
                continue
            node = self._unary()
            if node is not None:
                children.append(node)
        if not children:
            return None
        return children[0] if len(children) == 1 else And(tuple(children))

    def _unary(self) -> Node | None:
        kind, value = self._peek()
        self.pos += 1
        if kind == "op" and value == "NOT":
            child = self._unary()
            return Not(child) if child is not None else None
        if kind == "(":
            if self.depth >= MAX_DEPTH:
                self.notices.append(f"Brackets deeper than {MAX_DEPTH} levels were ignored.")
                return None
            self.depth += 1
            inner = self._or()
            self.depth -= 1
            if self._peek()[0] == ")":
                self.pos += 1
            return inner
        if kind in ("word", "phrase"):
            return value  # type: ignore[return-value]
        return None


def _simplify(node: Node) -> Node | None:
    if isinstance(node, (And, Or)):
        children = tuple(c for c in (_simplify(c) for c in node.children) if c is not None)
        if not children:
            return None
        if len(children) == 1:
            return children[0]
        return type(node)(children)
    if isinstance(node, Not):
        child = _simplify(node.child)
        if child is None:
            return None
        return child.child if isinstance(child, Not) else Not(child)
    return node


def _apply_synonyms(node: Node, synonyms: SynonymMap) -> Node:
    if isinstance(node, Word) and not node.prefix and not node.fuzzy:
        return _synonym_for(node, tuple(node.text.split()), synonyms)
    if isinstance(node, Phrase):
        return _synonym_for(node, node.words, synonyms)
    if isinstance(node, Not):
        return Not(_apply_synonyms(node.child, synonyms))
    if isinstance(node, Or):
        return Or(tuple(_apply_synonyms(c, synonyms) for c in node.children))
    if isinstance(node, And):
        return And(tuple(_apply_synonyms(c, synonyms) for c in _merge_synonym_runs(node.children, synonyms)))
    return node


def _synonym_for(node: Word | Phrase, words: tuple[str, ...], synonyms: SynonymMap) -> Node:
    alternatives = synonyms.alternatives(words)
    return Synonym(node, alternatives) if alternatives else node


def _merge_synonym_runs(children: tuple[Node, ...], synonyms: SynonymMap) -> tuple[Node, ...]:
    """'work permit' typed without quotes is one synonym entry, not two required words."""
    out: list[Node] = []
    i = 0
    while i < len(children):
        merged = False
        for length in range(min(synonyms.longest, len(children) - i), 1, -1):
            run = children[i : i + length]
            if not all(isinstance(c, Word) and not c.prefix and not c.fuzzy for c in run):
                continue
            words = tuple(w for c in run for w in c.text.split())  # type: ignore[union-attr]
            if synonyms.alternatives(words):
                out.append(Phrase(words))
                i += length
                merged = True
                break
        if not merged:
            out.append(children[i])
            i += 1
    return tuple(out)


def _words_of(node: Node):
    if isinstance(node, Word):
        yield from node.text.split()
    elif isinstance(node, Phrase):
        yield from node.words
    elif isinstance(node, Synonym):
        yield from _words_of(node.original)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from _words_of(child)
    # words under NOT are not suggested


def without_negations(node: Node | None) -> Node | None:
    if node is None or isinstance(node, Not):
        return None
    if isinstance(node, (And, Or)):
        children = tuple(c for c in (without_negations(c) for c in node.children) if c is not None)
        if not children:
            return None
        return children[0] if len(children) == 1 else type(node)(children)
    return node


# -- compiling to Whoosh --------------------------------------------------------------------


class Union(wq.Or):
    """Whoosh's Or, always as a tree of union matchers. (On indexes under 5,000 documents Whoosh
    otherwise pre-loads every OR into a 2,048-slot score array, which costs more than it saves
    for our many small ORs: measured 2-3 times slower on the test index.)"""

    matcher_type = wq.Or.DEFAULT_MATCHER


@dataclass
class _Compiler:
    reader: object
    langs: tuple[str, ...]
    near_words: object = None  # (reader, word, distance) -> the index's words that far away
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
        options = []
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
        terms = []
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
        options.append(wq.ConstantScoreQuery(wq.Prefix("cite", key + "("), CITE_CHILD_SCORE))
    options.append(wq.ConstantScoreQuery(wq.Term("sec", citation.section.lower()), CITE_SECTION_SCORE))
    return Union(options)


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

    cite_qs = [citation_query(c) for c in parsed.citations]
    restrictions = [wq.Term(f.field, f.value) for f in parsed.filters]

    def assemble(main: wq.Query | None) -> wq.Query | None:
        parts = [q for q in [main, *cite_qs] if q is not None]
        if parts:
            combined = parts[0] if len(parts) == 1 else Union(parts)
        elif positive is None and (restrictions or negative_q is not None):
            combined = wq.Every()
        else:
            return None
        if restrictions:
            combined = wq.And([combined, *restrictions])
        if negative_q is not None:
            combined = wq.AndNot(combined, negative_q)
        return combined

    return CompiledQuery(
        query=assemble(expr_q),
        relaxed=assemble(relaxed_q) if relaxed_q is not None else None,
        highlight=highlight_q,
        unknown_words=tuple(dict.fromkeys(compiler.unknown)),
        notices=tuple(dict.fromkeys(compiler.notices)),
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


def with_notice(parsed: ParsedQuery, notice: str) -> ParsedQuery:
    return replace(parsed, notices=parsed.notices + (notice,))
