#!/usr/bin/env python3
"""Measured quality of the provision -> guidance links against tests/eval/links.yaml.

    python benchmarks/links.py              # the links the thresholds in atipsom/app/computed_links.py make
    python benchmarks/links.py --sweep      # also every threshold setting of a small grid

For each judged section (in force today), the guidance pages its page links to are compared with the
judged pages (2 = the answer, 1 = relevant, 0 = either way, -1 = must not be linked; any page not
listed for a judged section counts as a wrong link). Printed, each for:

* similarity: every link the similarity score keeps, before removing the ones a page already declares
  (how good the computed mechanism is on its own);
* computed: the links with reason "computed", as written to var/links.json (what similarity adds);
* declared: the pages' own `cites` and `law:` links and the commentary's `guidance:` lists, ranked by score
  (atipsom.domain.link_ranking: how central the section is to the page);
* shown: declared then computed, in the order a section's page lists them (atipsom.app.links.Links).

* declared A-Z: the same declared links in alphabetical order of title (how a section's page listed them
  before declared links were ranked), to show what the ranking changes.

precision@3: of the first three links (by score; declared first), the share judged 1 or 2, averaged
over the judged sections that have any such link ("micro": pooled over all links). recall: the share
of judged pages (1 or 2) linked at all. first=answer: of the sections that have a page judged 2 and any
link, the share whose first link is a page judged 2 (the page a reader opens first answers them).
must-not: links to a page judged -1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LINKS_FILE = REPO / "tests" / "eval" / "links.yaml"
TOP = 3


@dataclass(frozen=True)
class Judged:
    """The judged pages for each section: {section: {slug: grade}}."""

    grades: dict

    def grade(self, section: str, slug: str) -> int | None:
        """The grade of a link; None when it is not counted (grade 0); 0 when it is wrong."""
        pages = self.grades.get(section, {})
        if slug not in pages:
            return 0  # not listed for a judged section: a wrong link
        return None if pages[slug] == 0 else max(pages[slug], 0)

    def wanted(self, section: str) -> set[str]:
        return {slug for slug, grade in self.grades.get(section, {}).items() if grade >= 1}

    def forbidden(self, section: str) -> set[str]:
        return {slug for slug, grade in self.grades.get(section, {}).items() if grade < 0}


def load_judged(path: Path = LINKS_FILE) -> Judged:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Judged({str(section): {slug: int(g) for slug, g in pages.items()}
                   for section, pages in data["sections"].items()})


@dataclass(frozen=True)
class Figures:
    precision_at_3: float  # macro, over sections with at least one counted link
    precision_micro: float
    recall: float
    must_not: int
    links: int  # links from judged sections
    sections_linked: int  # judged sections with at least one link
    sections: int
    first_is_answer: float = 0.0  # of the sections with a page judged 2 and any link: the first link is graded 2


def measure(judged: Judged, linked: dict[str, Sequence[str]]) -> Figures:
    """`linked`: for each section, the slugs of its guidance links in display order."""
    per_section, pooled_good, pooled_counted, found, wanted, must_not, total, with_links = [], 0, 0, 0, 0, 0, 0, 0
    answers, first_answers = 0, 0
    for section in judged.grades:
        slugs = list(dict.fromkeys(linked.get(section, ())))
        if slugs and 2 in judged.grades[section].values():
            answers += 1
            first_answers += judged.grades[section].get(slugs[0]) == 2
        total += len(slugs)
        with_links += bool(slugs)
        grades = [judged.grade(section, slug) for slug in slugs[:TOP]]
        counted = [g for g in grades if g is not None]
        if counted:
            good = sum(1 for g in counted if g >= 1)
            per_section.append(good / len(counted))
            pooled_good += good
            pooled_counted += len(counted)
        want = judged.wanted(section)
        wanted += len(want)
        found += len(want & set(slugs))
        must_not += len(judged.forbidden(section) & set(slugs))
    return Figures(
        precision_at_3=statistics.fmean(per_section) if per_section else 0.0,
        precision_micro=pooled_good / pooled_counted if pooled_counted else 0.0,
        recall=found / wanted if wanted else 0.0,
        must_not=must_not, links=total, sections_linked=with_links, sections=len(judged.grades),
        first_is_answer=first_answers / answers if answers else 0.0,
    )


# -- where the links come from ------------------------------------------------------------------


def similarity_candidates(engine, project, today: dt.date, limit: int = 12) -> dict[str, list[tuple[str, float]]]:
    """For each section in force today, the guidance pages most like it with their scores, before any
    threshold (the same query as atipsom.app.computed_links.computed_section_links)."""
    from atipsom.app.computed_links import section_query_text
    from atipsom.domain.timeline import version_at

    out = {}
    for number in project.consolidation.order:
        version = version_at(project.consolidation.versions[number], today)
        if version is None:
            continue
        out[number] = engine.similar(section_query_text(version), kind="guidance", limit=limit, as_at=today,
                                         lang="en")
    return out


def page_candidates(engine, project, today: dt.date, limit: int = 15) -> dict[str, list[tuple[str, float]]]:
    """For each guidance page, the provisions most like it (the query of atipsom.app.computed_links.computed_page_links)."""
    return {page.slug: engine.similar(f"{page.title} {page.summary} {page.body}", kind="provision",
                                      limit=limit, as_at=today)
            for page in project.guidance if page.slug != "index"}


@contextlib.contextmanager
def thresholds(relative: float, min_score: float, per_section: int, per_page: int | None = None):
    """atipsom.app.computed_links with other thresholds, for a sweep (its `_keep` reads the module constants)."""
    import atipsom.app.computed_links as module

    saved = (module.RELATIVE_THRESHOLD, module.MIN_SCORE, module.PER_SECTION, module.PER_PAGE)
    module.RELATIVE_THRESHOLD, module.MIN_SCORE, module.PER_SECTION = relative, min_score, per_section
    module.PER_PAGE = per_page if per_page is not None else module.PER_PAGE
    try:
        yield module
    finally:
        module.RELATIVE_THRESHOLD, module.MIN_SCORE, module.PER_SECTION, module.PER_PAGE = saved


def kept(candidates: dict[str, list[tuple[str, float]]]) -> dict[str, list[str]]:
    """The slugs atipsom.app.computed_links keeps for each section with its current thresholds, best first."""
    import atipsom.app.computed_links as module

    return {number: [page_id.removeprefix("guide/") for page_id, _ in module._keep(scored, module.PER_SECTION)]
            for number, scored in candidates.items()}


def kept_pages(candidates: dict[str, list[tuple[str, float]]]) -> dict[str, list[str]]:
    """The sections atipsom.app.computed_links links each page to with its current thresholds (PER_PAGE), best first."""
    import atipsom.app.computed_links as module

    out = {}
    for slug, scored in candidates.items():
        sections = [doc_id.split("/", 1)[1].split("@")[0].split("__")[0].removeprefix("sec_")
                    for doc_id, _ in module._keep(scored, module.PER_PAGE)]
        out[slug] = list(dict.fromkeys(sections))
    return out


@dataclass(frozen=True)
class PageFigures:
    """Page -> provision links, judged only where links.yaml judges the section (the judgements are
    written per section, so a link to a section not in links.yaml is counted apart, not judged)."""

    good: int
    wrong: int
    must_not: int
    unjudged: int

    @property
    def precision(self) -> float:
        return self.good / (self.good + self.wrong) if self.good + self.wrong else 0.0


def measure_pages(judged: Judged, linked: dict[str, Sequence[str]]) -> PageFigures:
    good = wrong = must_not = unjudged = 0
    for slug, sections in linked.items():
        for section in sections:
            if section not in judged.grades:
                unjudged += 1
                continue
            grade = judged.grade(section, slug)
            if grade is None:
                continue
            good += grade >= 1
            wrong += grade == 0
            must_not += slug in judged.forbidden(section)
    return PageFigures(good, wrong, must_not, unjudged)


#: ss 25, 26, 51A, 66A, 66B and every section of Part V must have a guidance link (declared or computed).
REQUIRED_EXTRA = ("25", "26", "51A", "66A", "66B")


def required_sections(project, today: dt.date) -> list[str]:
    from atipsom.domain.timeline import version_at

    out = []
    for number in project.consolidation.order:
        version = version_at(project.consolidation.versions[number], today)
        if version is not None and (version.part == "V" or number in REQUIRED_EXTRA):
            out.append(number)
    return out


def links_by_reason(links: Iterable[dict]) -> dict[str, dict[str, list[str]]]:
    """Section -> guidance slugs per reason, from compute_links' output, highest score first (as shown)."""
    out: dict[str, dict[str, list[tuple[float, str]]]] = {"declared": {}, "computed": {}}
    for link in links:
        if link["kind"] != "guidance" or not link["source"].startswith("act-670/sec_"):
            continue
        section = link["source"].removeprefix("act-670/sec_")
        slug = link.get("slug") or link["target"].removeprefix("guide/")
        out[link["reason"]].setdefault(section, []).append((-(link.get("score") or 0.0), slug))
    return {reason: {s: [slug for _, slug in sorted(items)] for s, items in sections.items()}
            for reason, sections in out.items()}


def shown(by_reason: dict[str, dict[str, list[str]]]) -> dict[str, list[str]]:
    """What a section's page lists: declared links (scores 0.5..1) before computed ones (below 0.5)."""
    sections = set(by_reason["declared"]) | set(by_reason["computed"])
    return {s: by_reason["declared"].get(s, []) + by_reason["computed"].get(s, []) for s in sections}


def evaluate(engine, project, today: dt.date, judged: Judged, candidates=None) -> dict[str, Figures]:
    from atipsom.app.computed_links import compute_links

    candidates = candidates if candidates is not None else similarity_candidates(engine, project, today)
    titles = {page.slug: page.title for page in project.guidance}
    by_reason = links_by_reason(compute_links(engine, project, today)["links"])
    alphabetical = {section: sorted(slugs, key=titles.get) for section, slugs in by_reason["declared"].items()}
    return {
        "similarity": measure(judged, kept(candidates)),
        "computed": measure(judged, by_reason["computed"]),
        "declared": measure(judged, by_reason["declared"]),
        "declared A-Z": measure(judged, alphabetical),
        "shown": measure(judged, shown(by_reason)),
    }


def format_figures(figures: dict[str, Figures]) -> str:
    lines = [f"{'':<13}{'P@3':>7}{'P micro':>9}{'recall':>8}{'first=answer':>14}{'must-not':>10}{'links':>7}"
             f"{'sections linked':>17}"]
    for name, f in figures.items():
        lines.append(f"{name:<13}{f.precision_at_3:>7.3f}{f.precision_micro:>9.3f}{f.recall:>8.3f}"
                     f"{f.first_is_answer:>14.3f}{f.must_not:>10}{f.links:>7}{f.sections_linked:>11}/{f.sections}")
    return "\n".join(lines)


@dataclass(frozen=True)
class SweepRow:
    setting: tuple  # relative, min_score, per_section, per_page
    sections: Figures  # similarity alone, section -> guidance
    pages: PageFigures  # similarity alone, page -> provision
    uncovered: tuple[str, ...]  # required sections with no link, declared or computed


def sweep(candidates, pages, judged: Judged, declared: dict[str, list[str]], required: Sequence[str],
          grid=None) -> list[SweepRow]:
    grid = grid or [(r, m, s, p) for s in (1, 2, 3) for p in (1, 2, 3, 5)
                    for m in (0.0, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0)
                    for r in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0)]
    rows = []
    for relative, min_score, per_section, per_page in grid:
        with thresholds(relative, min_score, per_section, per_page):
            by_section = kept(candidates)
            uncovered = tuple(n for n in required if not declared.get(n) and not by_section.get(n))
            rows.append(SweepRow((relative, min_score, per_section, per_page), measure(judged, by_section),
                                 measure_pages(judged, kept_pages(pages)), uncovered))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path)
    parser.add_argument("--judged", type=Path, default=LINKS_FILE)
    parser.add_argument("--sweep", action="store_true", help="also print a grid of thresholds (similarity only)")
    parser.add_argument("--details", action="store_true", help="print each judged section's links")
    args = parser.parse_args(argv)

    import atipsom.app.computed_links as module
    from atipsom.app.project import load_project, today
    from search.engine import SearchEngine

    project = load_project(REPO)
    judged = load_judged(args.judged)
    day = today()
    with SearchEngine.open(args.index or project.index_dir) as engine:
        candidates = similarity_candidates(engine, project, day)
        pages = page_candidates(engine, project, day)
        figures = evaluate(engine, project, day, judged, candidates)
        from atipsom.app.computed_links import compute_links
        by_reason = links_by_reason(compute_links(engine, project, day)["links"])
    required = required_sections(project, day)
    print(f"Provision -> guidance links against {args.judged.relative_to(REPO) if args.judged.is_relative_to(REPO) else args.judged} "
          f"({sum(len(p) for p in judged.grades.values())} judgements, {len(judged.grades)} sections), as at {day}")
    print(f"thresholds: RELATIVE_THRESHOLD={module.RELATIVE_THRESHOLD} MIN_SCORE={module.MIN_SCORE} "
          f"PER_SECTION={module.PER_SECTION}\n")
    print(format_figures(figures))
    page_figures = measure_pages(judged, kept_pages(pages))
    print(f"\npage -> provision (similarity alone, sections judged in links.yaml only): precision "
          f"{page_figures.precision:.3f} ({page_figures.good} good, {page_figures.wrong} wrong, "
          f"{page_figures.must_not} must-not); {page_figures.unjudged} links to sections not judged")
    linked = shown(by_reason)
    uncovered = [n for n in required if not linked.get(n)]
    print(f"required sections (Part V, ss {', '.join(REQUIRED_EXTRA)}) without a guidance link: "
          f"{', '.join(uncovered) or 'none'}")
    if args.details:
        print()
        for section in judged.grades:
            scored = ", ".join(f"{p.removeprefix('guide/')}={s:.2f}"
                               f"({judged.grades[section].get(p.removeprefix('guide/'), '·')})"
                               for p, s in candidates.get(section, [])[:6])
            print(f"s {section:<4} {scored}")
    if args.sweep:
        print("\nsweep, similarity alone, settings with no must-not link and every required section linked,"
              " best section P micro x recall first:")
        print("  relative min_score per_section per_page | sections: P@3 Pmicro recall links | pages: P good/wrong"
              " unjudged")
        rows = [r for r in sweep(candidates, pages, judged, by_reason["declared"], required)
                if not r.uncovered and r.sections.must_not == 0 and r.pages.must_not == 0]
        rows.sort(key=lambda r: (-(r.sections.precision_micro * r.sections.recall), -r.pages.precision))
        for row in rows[:30]:
            f, p = row.sections, row.pages
            print(f"  {row.setting[0]:>4} {row.setting[1]:>5} {row.setting[2]:>3} {row.setting[3]:>3} | "
                  f"{f.precision_at_3:.3f} {f.precision_micro:.3f} {f.recall:.3f} {f.links:>4} | "
                  f"{p.precision:.3f} {p.good}/{p.wrong} {p.unjudged}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
