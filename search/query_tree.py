"""The tree a parsed query is: our own small types (`Word`, `Phrase`, `Synonym`, `And`, `Or`, `Not`), field
filters and the `ParsedQuery` that holds them. Pure data; search/parser.py makes them from what a reader typed and
search/compiler.py turns them into Whoosh queries."""

from __future__ import annotations

from dataclasses import dataclass

from atipsom.refs.citations import Citation

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
        return list(words_of(self.expr)) if self.expr is not None else []


def words_of(node: Node):
    if isinstance(node, Word):
        yield from node.text.split()
    elif isinstance(node, Phrase):
        yield from node.words
    elif isinstance(node, Synonym):
        yield from words_of(node.original)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from words_of(child)
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


# -- as plain data (the shape of the rows of spec/query-syntax.yaml, which the browser's parser also runs) --


def node_to_json(node: Node | None) -> dict | None:
    """The tree as plain data: {"word": "x"} (+ "prefix": true, "fuzzy": n), {"phrase": [...]},
    {"synonym": node, "alternatives": [[...], ...]}, {"not": node}, {"and": [...]}, {"or": [...]}."""
    if node is None:
        return None
    if isinstance(node, Word):
        data: dict = {"word": node.text}
        if node.prefix:
            data["prefix"] = True
        if node.fuzzy:
            data["fuzzy"] = node.fuzzy
        return data
    if isinstance(node, Phrase):
        return {"phrase": list(node.words)}
    if isinstance(node, Synonym):
        return {"synonym": node_to_json(node.original), "alternatives": [list(a) for a in node.alternatives]}
    if isinstance(node, Not):
        return {"not": node_to_json(node.child)}
    if isinstance(node, And):
        return {"and": [node_to_json(c) for c in node.children]}
    return {"or": [node_to_json(c) for c in node.children]}


def parsed_to_json(parsed: ParsedQuery) -> dict:
    """A parsed query as plain data: the tree, the citation keys with their point in time, the filters, the
    notices."""
    return {
        "expr": node_to_json(parsed.expr),
        "citations": [_citation_json(c) for c in parsed.citations],
        "filters": [[f.field, f.value] for f in parsed.filters],
        "notices": list(parsed.notices),
    }


def _citation_json(citation: Citation) -> dict:
    data: dict = {"key": citation.key}
    if citation.as_at:
        data["as_at"] = citation.as_at.isoformat()
    if citation.at:
        data["at"] = citation.at.isoformat()
    if citation.original:
        data["original"] = True
    return data
