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
