"""The search's query language, as the rest of the code uses it: `parse_query(text)` (search/parser.py: what a
reader typed -> a tree of search/query_tree.py, pure, never raises) and `compile_query(parsed, reader)`
(search/compiler.py: the tree -> Whoosh queries against an open index). See search/parser.py for the language."""

from .compiler import MAX_FUZZY_WORD_CHARS, CompiledQuery, Union, citation_query, compile_query, words_within
from .parser import MAX_QUERY_CHARS, MAX_UNITS, clean_text, parse_query, with_notice
from .query_tree import And, FieldFilter, Node, Not, Or, ParsedQuery, Phrase, Synonym, Word, without_negations

__all__ = [
    "parse_query", "clean_text", "with_notice", "compile_query", "citation_query", "words_within", "Union",
    "CompiledQuery", "ParsedQuery", "FieldFilter", "Node", "Word", "Phrase", "Synonym", "And", "Or", "Not",
    "without_negations", "MAX_QUERY_CHARS", "MAX_UNITS", "MAX_FUZZY_WORD_CHARS",
]
