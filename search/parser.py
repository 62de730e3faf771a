"""The query language: what a reader types, parsed into a tree (search/query_tree.py). Pure; never raises.

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
* filters: `part:V`, `kind:guidance` (or provision, annotation, case), `lang:ms`, `section:51`.

Odd input is bounded: the first 500 characters, 32 words or phrases, 5 citations, 16 words per
phrase, 8 levels of brackets, 200 words per prefix. What was cut is said in `notices`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from atipsom.refs.citations import Citation, find_citations

from .query_tree import And, FieldFilter, Node, Not, Or, ParsedQuery, Phrase, Synonym, Word
from .schema import exact_analyzer
from .synonyms import SynonymMap

MAX_QUERY_CHARS = 500
MAX_UNITS = 32
MAX_CITATIONS = 5
MAX_PHRASE_WORDS = 16
MAX_DEPTH = 8
MIN_PREFIX_CHARS = 3

FILTER_FIELDS = {"part": "part", "bahagian": "part", "kind": "kind", "lang": "lang",
                 "bahasa": "lang", "section": "sec", "seksyen": "sec"}
_FILTER_VALUES = {
    "part": re.compile(r"^[IVXL]{1,6}[A-Z]?$"),
    "kind": re.compile(r"^(provision|guidance|annotation|case)$"),
    "lang": re.compile(r"^(en|ms)$"),
    "sec": re.compile(r"^\d{1,3}[a-z]?$"),
}
_FILTER_RE = re.compile(r"(?<![\w:])(?P<name>[A-Za-z]+)\s*:\s*(?P<value>\"[^\"]*\"?|[^\s()\"]+)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"', "＂": '"'})
_WORD_CHARS = re.compile(r"\w", re.UNICODE)


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
    found = find_citations(text)
    citations = [c for c in found if c.section and not c.of_amending_act]  # Parts etc. stay words
    if len(citations) > MAX_CITATIONS:
        notices.append(f"Only the first {MAX_CITATIONS} citations were used.")
        citations = citations[:MAX_CITATIONS]
    rest = _blank_spans(text, [(c.start, c.end) for c in citations])
    part = _part_alone(found, rest, filters)
    if part is not None:  # "Part IIIA" and nothing else: the Part's provisions, as part:IIIA lists them
        filters.append(FieldFilter("part", part.part or ""))
        rest = _blank_spans(rest, [(part.start, part.end)])

    tokens = _tokenize(rest, notices)
    tokens = _demote_dangling_operators(tokens)
    expr = _Parser(tokens, notices).parse()
    if expr is not None and synonyms is not None:
        expr = _simplify(_apply_synonyms(expr, synonyms))
    return ParsedQuery(
        text=text, expr=expr, citations=tuple(citations), filters=tuple(filters),
        notices=tuple(dict.fromkeys(notices)),
    )


def _part_alone(found: list[Citation], rest: str, filters: list[FieldFilter]) -> Citation | None:
    """The Part a query names when it names nothing else ("Part V", "Bahagian IIIA"); among other words a Part
    stays words (the part: filter narrows a search explicitly)."""
    parts = [c for c in found if c.part and not c.section and not c.work]
    if (len(parts) != 1 or len(found) != 1 or any(f.field == "part" for f in filters)
            or _blank_spans(rest, [(parts[0].start, parts[0].end)]).strip()
            or not _FILTER_VALUES["part"].match(parts[0].part or "")):
        return None
    return parts[0]


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
            return value
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


def with_notice(parsed: ParsedQuery, notice: str) -> ParsedQuery:
    return replace(parsed, notices=parsed.notices + (notice,))
