"""Ranking a query over whole posting lists at once, with Whoosh's own scores.

Whoosh matches and scores one document at a time in Python (about 20 µs a match): a common word
in a 50,000-provision index matches thousands of documents and takes a tenth of a second. Here a
query tree is evaluated as arrays over all documents of the index: each term's posting list is
read block by block (ids and weights), scored with the searcher's BM25F in one numpy expression,
and combined by the query's AND, OR and NOT; the as-at filter and "one hit per section" are array
operations too. Per index generation the posting scores of recently used terms and the field
lengths are kept in memory.

The scores are Whoosh's: the same BM25F formula, statistics (idf, average field length, the
quantised field lengths), boosts and combination rules (OR and AND add their parts' scores, a
constant-score query gives its constant, NOT only removes, several citations give each document its best
citation's score). Query types without a fast path here
(phrases, prefixes, anything else) are matched by Whoosh itself, match by match, within the
deadline. Reading posting blocks, BM25F's parameters and the stored field lengths uses Whoosh's
private internals, all of them in search/whoosh_internals.py; when the installed Whoosh is not the
release they were written for, every query is matched and scored by Whoosh itself (same results,
slower). `tests/test_search_ranking.py` checks that both paths give the same results.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from . import whoosh_internals
from .lru import LRU

CHECK_EVERY = 32  # matches between deadline checks in the match-by-match path
POSTINGS_CACHE_BYTES = 64 * 1024 * 1024


@dataclass
class Matches:
    """A query's matches over every document of the index: `matched[d]` and its `scores[d]`."""

    scores: np.ndarray  # float64, 0 where not matched
    matched: np.ndarray  # bool


@dataclass(frozen=True)
class Ranked:
    hits: list[tuple[int, float]]  # (document number, score), best first
    total: int  # groups (sections, pages) matched
    timed_out: bool


def _weigh_postings(entry: tuple[np.ndarray, np.ndarray]) -> int:
    return int(entry[0].nbytes + entry[1].nbytes)


class PostingScores:
    """Per index generation: each term's matching documents and its unboosted BM25F scores (an
    LRU bounded in bytes), and each field's document lengths. Shared by the engine's threads."""

    def __init__(self, max_bytes: int = POSTINGS_CACHE_BYTES):
        self.terms = LRU(max_bytes, weigh=_weigh_postings)
        self._lengths: dict[str, np.ndarray] = {}

    def term(self, searcher, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        def read():
            ids, weights = _read_postings(searcher, fieldname, text)
            return ids, self._score(searcher, fieldname, text, ids, weights)

        return self.terms.get_or_compute((fieldname, text), read)

    def _score(self, searcher, fieldname: str, text, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        if not searcher.schema[fieldname].scorable:
            return weights  # Whoosh's WeightScorer
        B, K1 = whoosh_internals.bm25f_parameters(searcher.weighting, fieldname)
        idf = searcher.idf(fieldname, text)
        avgfl = searcher.avg_field_length(fieldname) or 1
        lengths = self.lengths(searcher, fieldname)[ids]
        # whoosh.scoring.bm25, operation for operation
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / avgfl)))

    def lengths(self, searcher, fieldname: str) -> np.ndarray:
        lengths = self._lengths.get(fieldname)
        if lengths is None:  # two threads may both read them; both agree
            parts = [whoosh_internals.segment_lengths(sub.reader(), fieldname) for sub, _ in searcher.leaf_searchers()]
            lengths = self._lengths[fieldname] = np.concatenate(parts) if parts else np.zeros(0)
        return lengths


def supported(searcher) -> bool:
    """Whether whole posting lists can be ranked here: the searcher's weighting is the one this module
    reproduces, and the installed Whoosh is the release whose internals it reads (search/whoosh_internals.py)."""
    return type(searcher.weighting) is BM25F and whoosh_internals.available()


class Evaluator:
    """Evaluates one query against one searcher (see the module docstring). With `fast=False`, or when
    `supported(searcher)` is false, every query is matched and scored by Whoosh itself, match by match."""

    def __init__(self, searcher, postings: PostingScores, deadline: float, *, fast: bool = True):
        self.searcher = searcher
        self.postings = postings
        self.deadline = deadline
        self.size = searcher.doc_count_all()
        self.fast = fast and supported(searcher)
        self.timed_out = False

    def empty(self) -> Matches:
        return Matches(np.zeros(self.size), np.zeros(self.size, dtype=bool))

    def evaluate(self, q) -> Matches:
        if self.timed_out or time.monotonic() > self.deadline:
            self.timed_out = True
            return self.empty()
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self.empty()
        if not self.fast:
            return self.one_by_one(q)
        if type(q) is wq.Term:
            return self.term(q)
        if type(q) is wq.ConstantScoreQuery:
            child = self.evaluate(q.child)
            return Matches(np.where(child.matched, float(q.score), 0.0), child.matched)
        if isinstance(q, (wq.Or, wq.And)) and len(q.subqueries) == 1:
            return self.evaluate(q.subqueries[0])  # Whoosh ignores the boost of a one-part OR or AND
        if isinstance(q, wq.Or) and not q.minmatch and not q.scale:
            return self._boosted(self.union([self.evaluate(sub) for sub in q.subqueries]), q.boost)
        if type(q) is wq.And:
            return self._boosted(self.intersection(q.subqueries), q.boost)
        if isinstance(q, wq.DisjunctionMax) and not q.tiebreak:  # each document's best part
            parts = [self.evaluate(sub) for sub in q.subqueries]
            best = Matches(np.maximum.reduce([p.scores for p in parts]),
                           np.logical_or.reduce([p.matched for p in parts]))
            return self._boosted(best, q.boost)
        if type(q) is wq.AndNot:
            kept = self.evaluate(q.a)
            removed = self.evaluate(q.b).matched
            matched = kept.matched & ~removed
            return Matches(np.where(matched, kept.scores, 0.0), matched)
        return self.one_by_one(q)

    def term(self, q: wq.Term) -> Matches:
        out = self.empty()
        field = self.searcher.schema[q.fieldname] if q.fieldname in self.searcher.schema else None
        if field is None:
            return out
        try:
            text = field.to_bytes(q.text)
        except ValueError:
            return out
        if (q.fieldname, text) not in self.searcher.reader():
            return out
        ids, scores = self.postings.term(self.searcher, q.fieldname, text)
        out.scores[ids] = scores if q.boost == 1.0 else scores * q.boost
        out.matched[ids] = True
        return out

    def union(self, parts: list[Matches]) -> Matches:
        # Whoosh's binary tree of union matchers adds the halves' scores in this order
        if not parts:
            return self.empty()
        if len(parts) == 1:
            return parts[0]
        half = len(parts) // 2
        a, b = self.union(parts[:half]), self.union(parts[half:])
        return Matches(a.scores + b.scores, a.matched | b.matched)

    def intersection(self, subqueries) -> Matches:
        positives = [self.evaluate(sub) for sub in subqueries if not isinstance(sub, wq.Not)]
        negatives = [self.evaluate(sub.query).matched for sub in subqueries if isinstance(sub, wq.Not)]
        if not positives:
            return self.one_by_one(wq.And(list(subqueries)))
        matched = np.logical_and.reduce([p.matched for p in positives])
        for removed in negatives:
            matched &= ~removed
        scores = positives[0].scores.copy()
        for part in positives[1:]:
            scores += part.scores
        scores[~matched] = 0.0
        return Matches(scores, matched)

    def one_by_one(self, q) -> Matches:
        """Whoosh's own matcher, match by match, stopping at the deadline."""
        out = self.empty()
        context = self.searcher.context()
        number = 0
        for subsearcher, offset in self.searcher.leaf_searchers():
            matcher = q.matcher(subsearcher, context)
            while matcher.is_active():
                number += 1
                if number % CHECK_EVERY == 0 and time.monotonic() > self.deadline:
                    self.timed_out = True
                    return out
                docnum = offset + matcher.id()
                out.scores[docnum] = matcher.score()
                out.matched[docnum] = True
                matcher.next()
        return out

    @staticmethod
    def _boosted(matches: Matches, boost: float) -> Matches:
        if boost != 1.0:
            matches.scores = matches.scores * boost
        return matches


def rank(matches: Matches, allow: np.ndarray, groups: np.ndarray, limit: int,
         timed_out: bool = False) -> Ranked:
    """The best document of each group among the allowed matches, the `limit` best groups first
    (ties: lower document number first), and how many groups matched."""
    docs = np.flatnonzero(matches.matched & allow)
    if docs.size == 0:
        return Ranked([], 0, timed_out)
    scores = matches.scores[docs]
    keys = groups[docs]
    order = np.lexsort((docs, -scores, keys))  # by group, then best score, then document number
    first = np.ones(order.size, dtype=bool)
    first[1:] = keys[order][1:] != keys[order][:-1]
    best = order[first]
    top = best[np.lexsort((docs[best], -scores[best]))][:limit]
    return Ranked([(int(docs[i]), float(scores[i])) for i in top], int(best.size), timed_out)


# -- reading the index ----------------------------------------------------------------------


def _read_postings(searcher, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """Global document numbers and posting weights of a term, across the index's segments."""
    all_ids, all_weights = [], []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if (fieldname, text) not in reader:
            continue
        ids, weights = whoosh_internals.segment_postings(reader.postings(fieldname, text))
        all_ids.append(np.asarray(ids, dtype=np.int64) + offset)
        all_weights.append(np.asarray(weights, dtype=np.float64))
    if not all_ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(all_ids), np.concatenate(all_weights)
