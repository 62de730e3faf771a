"""Count the English texts per tier (issue 12): provisions and headings, in the current version and in all versions.

    python tools/english_counts.py [STATUTES_DIR]

Prints, for the versions in force today and for every version from 15 November 2010 on (and in all):
how many English provision texts (own words) and headings (section headings, Part headings, the long
title) are verbatim, reconstructed, rendered or translated, and how many are still not available;
then the instructions that change the English text with no English words and no English-layer entry.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from atipsom.domain.amend import consolidate
from atipsom.domain.english import english_gaps
from atipsom.domain.model import TIERS, is_available
from atipsom.domain.tiers import VERBATIM
from atipsom.load.statutes import load_statutes

FROM = dt.date(2010, 11, 15)  # the coming into force of Act A1385, whose English no source gives


def _tally(counter: Counter, text: str | None, tier: str) -> None:
    if text is None or text == "":
        return
    counter["not available" if not is_available(text) else tier] += 1


def count(versions, work_versions) -> tuple[Counter, Counter]:
    provisions: Counter = Counter()
    headings: Counter = Counter()
    for version in versions:
        body = version.body.get("en")
        for provision in body.walk() if body is not None else ():
            words = [w for w in (provision.text, provision.wrapup) if w]
            if words:
                _tally(provisions, _own_words(words), provision.tier)
        _tally(headings, version.heading.get("en"), version.heading_tier.get("en", VERBATIM))
    for work_version in work_versions:
        for part in work_version.parts:
            _tally(headings, part.heading.get("en"), part.heading_tier.get("en", VERBATIM))
        front = work_version.front.get("en")
        title = front.find("longtitle") if front is not None else None
        if title is not None:
            _tally(headings, title.text, title.tier)
    return provisions, headings


def _own_words(words: list[str]) -> str:
    """A provision's own words count as not available when any piece of them is."""
    return next((w for w in words if not is_available(w)), words[0])


def _line(name: str, counter: Counter) -> str:
    cells = [f"{tier} {counter.get(tier, 0)}" for tier in (*TIERS, "not available")]
    return f"  {name:<11} {sum(counter.values()):>5}: " + ", ".join(cells)


def main(argv: list[str]) -> int:
    statutes_dir = Path(argv[1]) if len(argv) > 1 else Path("statutes")
    statutes = load_statutes(statutes_dir)
    c = consolidate(statutes)
    today = dt.date.today()
    current = [v for v in c.all_versions() if v.is_in_force_on(today)]
    current_work = [w for w in c.work_versions if w.in_force_from <= today and (w.in_force_to is None
                                                                              or today <= w.in_force_to)]
    since = [v for v in c.all_versions() if v.in_force_from >= FROM or v.is_in_force_on(FROM)]
    since_work = [w for w in c.work_versions if w.in_force_to is None or w.in_force_to >= FROM]
    for title, versions, work_versions in ((f"In force on {today}", current, current_work),
                                           (f"Every version in force from {FROM} on", since, since_work),
                                           ("Every version", list(c.all_versions()), c.work_versions)):
        provisions, headings = count(versions, work_versions)
        print(f"{title} ({len(versions)} section versions):")
        print(_line("provisions", provisions))
        print(_line("headings", headings))
    gaps = english_gaps(statutes.amendments)
    print(f"Instructions changing the English with no English words and no English-layer entry: {len(gaps)}")
    for instruction in gaps:
        print(f"  {instruction.citation} {instruction.op} {instruction.target or instruction.after or ''}"
              f" ({instruction.path}:{instruction.line})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
