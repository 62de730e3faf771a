#!/usr/bin/env python3
"""Measured relevance: every judged query of tests/eval/queries.yaml through our search
(search.engine, the path a reader's query takes) and through a plain BM25 baseline over the SAME
documents (SQLite FTS5, `porter unicode61` tokenizer, bm25(), the same as-at filter and one hit per
section), in the same run. Prints MRR@10, Recall@5 and nDCG@10 for both, overall and per query
category, and the queries where ours does worst.

    python benchmarks/relevance.py                 # the index in var/index (build it first: atipsom build --no-site)
    python benchmarks/relevance.py --index DIR --worst 15 --json out.json

How results are judged (see also the header of tests/eval/queries.yaml):

* a judged query names provisions (eIds) and guidance pages, graded 2 (the answer) or 1 (relevant);
* a hit on a provision gets the best grade among the judgements it matches: its own eId, or an
  ancestor judged with `match: section`; a guidance hit matches its `guide/<slug>`; an annotation
  (`note/sec_N`) is worth 1 when the query judges anything in s N;
* each judged section (or page) is one unit, credited once: the search shows one hit per section,
  so a second hit in the same section earns only what the first one left (a grade 2 provision after
  its grade 1 annotation earns the difference);
* MRR@10: 1/rank of the first hit that earns anything; Recall@5: share of judged units credited in
  the top 5; nDCG@10 with gain 2^grade - 1, against the ideal order of the judged units.

Everything but `main` is pure or takes its inputs as arguments, so tests/test_relevance.py uses it
on the real index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sqlite3
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from search.documents import SearchDoc  # noqa: E402
from search.schema import carries_heading, group_key  # noqa: E402

QUERIES_FILE = REPO / "tests" / "eval" / "queries.yaml"
K_MRR, K_RECALL, K_NDCG = 10, 5, 10
LIMIT = 10
CATEGORIES = ("citation", "phrase", "question", "misspelling", "malay", "dated", "abbreviation")


# -- the judged set -------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """One judged document: an eId of Act 670 or a guidance page id (`guide/<slug>`)."""

    ref: str
    grade: int
    section_match: bool = False  # True: any provision at or under `ref`

    @property
    def unit(self) -> str:
        """What is credited once: the section of a provision, or the page."""
        return self.ref if self.ref.startswith("guide/") else section_of_eid(self.ref)

    def matches(self, eid: str) -> bool:
        if self.section_match:
            return eid == self.ref or eid.startswith(self.ref + "__")
        return eid == self.ref


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    category: str
    query: str
    as_at: dt.date
    judged: tuple[Judgement, ...]
    kind: str = "all"
    lang: str | None = None
    note: str = ""

    def unit_grades(self) -> dict[str, int]:
        """The best grade each judged unit (section or page) can earn."""
        best: dict[str, int] = {}
        for judgement in self.judged:
            best[judgement.unit] = max(best.get(judgement.unit, 0), judgement.grade)
        return best


@dataclass(frozen=True)
class Hit:
    """One result as a system returned it: enough to judge it."""

    id: str  # "act-670/sec_44__subsec_2@2015-11-18", "guide/<slug>", "note/sec_44"
    kind: str
    section: str | None
    eid: str | None
    lang: str = "en"


def section_of_eid(eid: str) -> str:
    """'sec_51A__subsec_1' -> '51A'."""
    match = re.match(r"sec_([0-9]+[A-Z]?)", eid)
    if not match:
        raise ValueError(f"not an eId of a provision: {eid!r}")
    return match.group(1)


def load_queries(path: Path = QUERIES_FILE) -> list[JudgedQuery]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    default_as_at = _date(data.get("defaults", {}).get("as_at"))
    queries = []
    for item in data["queries"]:
        judged = tuple(
            Judgement(ref=j["ref"], grade=int(j["grade"]), section_match=j.get("match", "exact") == "section")
            for j in item["judged"]
        )
        if item["category"] not in CATEGORIES:
            raise ValueError(f"{item['id']}: unknown category {item['category']!r}")
        queries.append(JudgedQuery(
            id=item["id"], category=item["category"], query=str(item["query"]),
            as_at=_date(item.get("as_at")) or default_as_at, judged=judged,
            kind=item.get("kind", "all"), lang=item.get("lang"), note=item.get("note", ""),
        ))
    return queries


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# -- judging a ranked list ------------------------------------------------------------------


def hit_grade(query: JudgedQuery, hit: Hit) -> tuple[str | None, int]:
    """(unit, grade) of one hit before de-duplication: which judged section or page it answers."""
    if hit.kind == "guidance":
        grades = [j.grade for j in query.judged if j.ref == hit.id]
        return (hit.id, max(grades)) if grades else (None, 0)
    if hit.kind == "annotation":
        unit = hit.section
        return (unit, 1) if unit and unit in query.unit_grades() else (None, 0)
    if not hit.eid:
        return None, 0
    grades = [j.grade for j in query.judged if not j.ref.startswith("guide/") and j.matches(hit.eid)]
    return (section_of_eid(hit.eid), max(grades)) if grades else (None, 0)


def gains(query: JudgedQuery, hits: Sequence[Hit]) -> list[tuple[int, int]]:
    """For each hit, (grade earned, grade credited so far to its unit after it). A unit is
    credited once: a later hit of the same unit earns only the grade it adds."""
    credited: dict[str, int] = {}
    out = []
    for hit in hits:
        unit, grade = hit_grade(query, hit)
        if unit is None:
            out.append((0, 0))
            continue
        before = credited.get(unit, 0)
        credited[unit] = max(before, grade)
        out.append((max(0, grade - before), before))
    return out


def _gain(grade: int) -> float:
    return float(2 ** grade - 1)


@dataclass(frozen=True)
class Scores:
    mrr: float
    recall: float
    ndcg: float


def score(query: JudgedQuery, hits: Sequence[Hit]) -> Scores:
    earned = gains(query, hits)
    mrr = 0.0
    for rank, (grade, _) in enumerate(earned[:K_MRR], 1):
        if grade > 0:
            mrr = 1.0 / rank
            break
    units = query.unit_grades()
    found = set()
    for hit, (grade, _) in zip(hits[:K_RECALL], earned[:K_RECALL]):
        if grade > 0:
            found.add(hit_grade(query, hit)[0])
    recall = len(found) / len(units) if units else 0.0
    dcg = 0.0
    for rank, ((grade, before)) in enumerate(earned[:K_NDCG], 1):
        if grade > 0:
            dcg += (_gain(before + grade) - _gain(before)) / math.log2(rank + 1)
    ideal = sorted(units.values(), reverse=True)[:K_NDCG]
    idcg = sum(_gain(g) / math.log2(rank + 1) for rank, g in enumerate(ideal, 1))
    return Scores(mrr=mrr, recall=recall, ndcg=dcg / idcg if idcg else 0.0)


# -- the systems ----------------------------------------------------------------------------

Search = Callable[[JudgedQuery], list[Hit]]


def our_search(engine) -> Search:
    """Our engine, as the CLI and the API call it."""
    def run(query: JudgedQuery) -> list[Hit]:
        response = engine.search(query.query, as_at=query.as_at, kind=query.kind, lang=query.lang, limit=LIMIT)
        return [Hit(id=r.id, kind=r.kind, section=r.section, eid=_eid_of(r.id, r.kind), lang=r.lang)
                for r in response.results]
    return run


def _eid_of(doc_id: str, kind: str) -> str | None:
    if kind == "provision":
        return doc_id.split("/", 1)[1].split("@", 1)[0]
    if kind == "annotation":
        return doc_id.split("/", 1)[1]
    return None


class Bm25Baseline:
    """Plain BM25 over the same documents: SQLite FTS5 with the `porter unicode61` tokenizer,
    columns heading (where our index has it), text and context, ranked by bm25() with equal
    column weights; every word of the query OR-ed; the same as-at, kind and language filter and
    the same one-hit-per-group collapsing as ours. No citations, synonyms, phrases or fuzziness."""

    FETCH = 400  # rows read before collapsing to groups

    def __init__(self, docs: Iterable[SearchDoc]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(heading, text, context, tokenize='porter unicode61')")
        self.db.execute("CREATE TABLE meta (rowid INTEGER PRIMARY KEY, id TEXT, kind TEXT, lang TEXT, "
                        "section TEXT, eid TEXT, from_day INTEGER, to_day INTEGER, grp TEXT)")
        for doc in docs:
            cursor = self.db.execute("INSERT INTO docs (heading, text, context) VALUES (?, ?, ?)",
                                     (doc.heading if carries_heading(doc) else "", doc.text, doc.context))
            self.db.execute(
                "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cursor.lastrowid, doc.id, doc.kind, doc.lang, doc.section, doc.eid,
                 doc.in_force_from.toordinal() if doc.in_force_from else 0,
                 doc.in_force_to.toordinal() if doc.in_force_to else 10**7, group_key(doc)))
        self.db.commit()

    @staticmethod
    def match_expression(text: str) -> str | None:
        words = re.findall(r"\w+", text.lower())
        return " OR ".join(f'"{w}"' for w in dict.fromkeys(words)) or None

    def search(self, query: JudgedQuery) -> list[Hit]:
        match = self.match_expression(query.query)
        if match is None:
            return []
        day = query.as_at.toordinal()
        sql = ("SELECT m.id, m.kind, m.section, m.eid, m.lang, m.grp FROM docs JOIN meta m ON m.rowid = docs.rowid "
               "WHERE docs MATCH ? AND m.from_day <= ? AND m.to_day >= ?")
        params: list = [match, day, day]
        if query.kind != "all":
            sql += " AND m.kind = ?"
            params.append(query.kind)
        if query.lang:
            sql += " AND m.lang = ?"
            params.append(query.lang)
        sql += f" ORDER BY bm25(docs) LIMIT {self.FETCH}"
        hits, seen = [], set()
        for doc_id, kind, section, eid, lang, group in self.db.execute(sql, params):
            if group in seen:
                continue
            seen.add(group)
            hits.append(Hit(id=doc_id, kind=kind, section=section, eid=eid, lang=lang))
            if len(hits) == LIMIT:
                break
        return hits


# -- running and reporting --------------------------------------------------------------------


@dataclass
class Run:
    name: str
    per_query: dict[str, Scores] = field(default_factory=dict)
    hits: dict[str, list[Hit]] = field(default_factory=dict)

    def mean(self, queries: Sequence[JudgedQuery], metric: str) -> float:
        values = [getattr(self.per_query[q.id], metric) for q in queries]
        return statistics.fmean(values) if values else 0.0

    def summary(self, queries: Sequence[JudgedQuery]) -> dict[str, float]:
        return {metric: round(self.mean(queries, metric), 4) for metric in ("mrr", "recall", "ndcg")}


def run(name: str, search: Search, queries: Sequence[JudgedQuery]) -> Run:
    result = Run(name)
    for query in queries:
        hits = search(query)
        result.hits[query.id] = hits
        result.per_query[query.id] = score(query, hits)
    return result


def figures(runs: Sequence[Run], queries: Sequence[JudgedQuery]) -> dict:
    """{'overall': {run: {metric: value}}, 'by_category': {category: {run: {...}}}, 'count': {...}}"""
    out = {"overall": {r.name: r.summary(queries) for r in runs}, "by_category": {}, "count": {}}
    for category in CATEGORIES:
        subset = [q for q in queries if q.category == category]
        if subset:
            out["by_category"][category] = {r.name: r.summary(subset) for r in runs}
            out["count"][category] = len(subset)
    return out


def worst(ours: Run, baseline: Run, queries: Sequence[JudgedQuery], n: int) -> list[JudgedQuery]:
    """Our weakest queries: lowest nDCG@10, then the largest loss to the baseline."""
    return sorted(queries, key=lambda q: (ours.per_query[q.id].ndcg,
                                          ours.per_query[q.id].ndcg - baseline.per_query[q.id].ndcg))[:n]


def format_report(runs: Sequence[Run], queries: Sequence[JudgedQuery], n_worst: int = 10) -> str:
    ours, baseline = runs
    data = figures(runs, queries)
    lines = [f"Relevance on {len(queries)} judged queries (tests/eval/queries.yaml): "
             f"MRR@{K_MRR}, Recall@{K_RECALL}, nDCG@{K_NDCG}", ""]
    header = f"{'':<14}{'n':>4}  " + "  ".join(f"{r.name + ' ' + m:>14}" for m in ("MRR", "R@5", "nDCG")
                                               for r in runs)
    lines.append(header)

    def row(label, count, block):
        cells = "  ".join(f"{block[r.name][m]:>14.3f}" for m in ("mrr", "recall", "ndcg") for r in runs)
        return f"{label:<14}{count:>4}  {cells}"

    lines.append(row("overall", len(queries), data["overall"]))
    for category, block in data["by_category"].items():
        lines.append(row(category, data["count"][category], block))
    lines += ["", f"Worst {n_worst} queries for ours (nDCG@10 ours / baseline; our top 5, '*' = earns a grade):"]
    by_id = {q.id: q for q in queries}
    for query in worst(ours, baseline, queries, n_worst):
        mine, theirs = ours.per_query[query.id], baseline.per_query[query.id]
        when = f" as at {query.as_at}" if query.as_at != by_id[queries[0].id].as_at or query.category == "dated" else ""
        lines.append(f"  {query.id:<16} {mine.ndcg:.2f} / {theirs.ndcg:.2f}  {query.query!r}{when}")
        earned = gains(query, ours.hits[query.id])
        for rank, (hit, (grade, _)) in enumerate(zip(ours.hits[query.id][:5], earned[:5]), 1):
            lines.append(f"      {rank}. {'*' if grade else ' '} {hit.id} [{hit.lang}]")
        wanted = ", ".join(f"{j.ref}{'/*' if j.section_match else ''}={j.grade}" for j in query.judged)
        lines.append(f"      judged: {wanted}")
    return "\n".join(lines)


def evaluate(engine, docs: Iterable[SearchDoc], queries: Sequence[JudgedQuery]) -> tuple[Run, Run]:
    """Both systems on every query, in the same run."""
    baseline = Bm25Baseline(docs)
    return run("ours", our_search(engine), queries), run("bm25", baseline.search, queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="index folder (default: the project's, var/index)")
    parser.add_argument("--queries", type=Path, default=QUERIES_FILE)
    parser.add_argument("--worst", type=int, default=10, help="how many of our worst queries to show")
    parser.add_argument("--json", type=Path, help="also write the figures and per-query scores here")
    args = parser.parse_args(argv)

    from atipsom.app.corpus import project_docs
    from atipsom.app.project import load_project
    from search.engine import SearchEngine

    project = load_project(REPO)
    queries = load_queries(args.queries)
    docs = project_docs(project)
    with SearchEngine.open(args.index or project.index_dir, cache_size=0) as engine:
        runs = evaluate(engine, docs, queries)
    print(format_report(runs, queries, args.worst))
    if args.json:
        data = figures(runs, queries)
        data["per_query"] = {q.id: {r.name: r.per_query[q.id].__dict__ for r in runs} for q in queries}
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
