"""Every use of Whoosh's private internals, in one place, checked against the release it was written for.

The fast ranking (search/ranking.py) reads what Whoosh keeps private: the posting blocks of a term (ids and
weights 128 at a time, instead of one Python call per posting), BM25F's per-field `B` parameters, and the
byte-per-document field lengths stored in a segment's column file. None of this is Whoosh's public API, and
whoosh-reloaded is frozen at 2.7.5: a fork or a later release may change any of it.

So nothing outside this module touches a private name, and `available()` says whether the Whoosh that is
installed is the release these readers were written for, with every attribute they use. When it is not, the
search falls back to Whoosh's own matching and scoring through its public API (`Query.matcher`,
`Matcher.score`), which gives the same results, more slowly; a warning is logged once.
tests/test_search_ranking.py runs both paths over the judged queries and compares them.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import numpy as np
import whoosh
from whoosh.codec import whoosh3
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

#: The release whose private structures the readers below were written for (and tested against).
WRITTEN_FOR = (2, 7, 5)

#: Whoosh's decoding of its one-byte field lengths (byte 0 is read as Whoosh's default length, 1).
LENGTH_OF_BYTE = np.array([1.0] + [float(byte_to_length(b)) for b in range(1, 256)])

_LEAF_MATCHER_METHODS = ("_read_ids", "_read_weights", "_next_block")

log = logging.getLogger("atipsom.search")


@lru_cache(maxsize=1)
def available() -> bool:
    """True when the installed Whoosh is the release this module was written for and has every private
    attribute it reads; otherwise ranking uses Whoosh's public matching (same results, slower)."""
    problems = []
    if tuple(whoosh.__version__[:3]) != WRITTEN_FOR:
        problems.append(f"Whoosh {whoosh.versionstring()} is installed, not {'.'.join(map(str, WRITTEN_FOR))}")
    leaf = getattr(whoosh3, "W3LeafMatcher", None)
    if leaf is None or not all(hasattr(leaf, name) for name in _LEAF_MATCHER_METHODS):
        problems.append("whoosh.codec.whoosh3.W3LeafMatcher has changed")
    if not all(hasattr(whoosh3, name) for name in ("LENGTHS_COLUMN", "_lenfield")):
        problems.append("whoosh.codec.whoosh3 no longer has its length column")
    if not isinstance(getattr(BM25F(), "_field_B", None), dict):
        problems.append("BM25F no longer keeps per-field B parameters in _field_B")
    if problems:
        log.warning("fast ranking is off, using Whoosh's own scoring: %s", "; ".join(problems))
        return False
    return True


def bm25f_parameters(weighting: BM25F, fieldname: str) -> tuple[float, float]:
    """(B, K1) as Whoosh's BM25F uses them for `fieldname` (a per-field B overrides the default)."""
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


def segment_postings(matcher) -> tuple[list, list]:
    """Document numbers and weights of a leaf matcher's postings, read a block (up to 128 postings) at a time
    from Whoosh 2.7's posting format, or one by one through the public API for any other matcher (e.g. one
    that hides deleted documents)."""
    ids: list = []
    weights: list = []
    if type(matcher).__name__ == "W3LeafMatcher":
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def segment_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in `fieldname` as BM25F sees it: read as one array from the segment's column
    of length bytes where the column is Whoosh 2.7's, else one public call per document."""
    count = reader.doc_count_all()
    column = None
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is not None and hasattr(perdoc, "_cached_reader"):
        column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if column is not None and hasattr(column, "_dbfile") and getattr(column, "_fixedlen", None) == 1:
        stored = min(column._count, count)
        raw = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
        codes = np.zeros(count, dtype=np.uint8)
        codes[:stored] = raw
        return LENGTH_OF_BYTE[codes]
    return public_lengths(reader, fieldname)


def public_lengths(reader, fieldname: str) -> np.ndarray:
    """The same lengths through Whoosh's public API (slow: one call per document)."""
    return np.array([float(reader.doc_field_length(d, fieldname, 1)) for d in range(reader.doc_count_all())])
