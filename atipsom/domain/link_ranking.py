"""How strongly a guidance page and a section of the Act belong together, and why: the score of every
provision-guidance link.

A *declared* link exists because the page cites the section (its `cites` or a `law:` link in its text) or
because the section's commentary lists the page (`guidance:` of the annotation). Its score says how central
the section is to the page, from what can be read off the page itself:

* where the page cites it: in the "In short" summary (the answer) > in the "Short answer" section > elsewhere
  in the text > only in the front matter `cites` or the commentary's list;
* how much of the page rests on it: its share of the page's `law:` links (a section cited once among thirty
  links is cited in passing);
* whether the page's title (or, less, its summary) names the section's subject (the words of its heading);
* whether the page cites an exact provision of it (a subsection, paragraph, definition) rather than the
  whole section; whether the commentary on the section lists the page;
* how alike the wording of the two is (the search engine's similarity, relative to the section's best page).

Declared scores run from 0.5 to 1; a *computed* link (similar wording only, no citation) scores below 0.5,
so a page that cites a section is always shown before one that only reads like it. Pure: values in and out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from atipsom.domain.guidance import LAW_LINK_RE
from atipsom.domain.model import GuidancePage
from atipsom.refs.citations import find_citations, parse_citation

#: Headings of the section that gives the answer first, in both languages.
SHORT_ANSWER_HEADINGS = ("short answer", "jawapan ringkas")

#: Weights of the evidence in a declared link's centrality (they add up to 1).
WEIGHTS = {"placement": 0.30, "share": 0.25, "subject": 0.20, "annotation": 0.05, "similarity": 0.15,
           "exact": 0.05}
#: A summary naming the section's subject counts for this share of a title naming it.
SUMMARY_SUBJECT = 0.6
#: Where the page cites the section, as a share of the placement weight.
PLACEMENT = {"summary": 1.0, "short answer": 0.75, "text": 0.5, "declared": 0.2}

_STOPWORDS = frozenset(
    ["a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or", "the", "this", "to", "under", "with", "who", "which", "what", "can", "how", "their", "them", "they", "its", "his", "her", "he", "she", "not", "no", "any", "other", "person", "persons"])
_WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Evidence:
    """What a guidance page shows about one section of the Act."""

    section: str
    slug: str
    placement: str  # "summary" | "short answer" | "text" | "declared" (front matter or commentary only)
    links: int  # `law:` links to the section in the page's text
    page_links: int  # all the `law:` links in the page's text
    exact: bool  # cites a provision inside the section, not only the section
    subject: float  # share of the section heading's words in the page's title (summary: 0.6 of it) (0..1)
    annotation: bool  # the commentary on the section lists the page
    similarity: float = 0.0  # the engine's similarity, relative to the section's most similar page (0..1)


def centrality(evidence: Evidence) -> float:
    """0..1: how central the section is to the page."""
    share = evidence.links / evidence.page_links if evidence.page_links else 0.0
    parts = {"placement": PLACEMENT[evidence.placement], "share": share, "subject": evidence.subject,
             "annotation": float(evidence.annotation), "similarity": evidence.similarity,
             "exact": float(evidence.exact)}
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def declared_score(evidence: Evidence) -> float:
    return round(0.5 + 0.5 * centrality(evidence), 3)


def computed_score(similarity: float) -> float:
    """A link made by similar wording alone (the engine's raw score, about 0.1 to 6): always below 0.5."""
    return round(0.5 * similarity / (similarity + 1.0), 3) if similarity > 0 else 0.0


def why(evidence: Evidence) -> str:
    """The reason for a declared link, in words, strongest evidence first."""
    where = {"summary": "cited in the page's short answer (In short)",
             "short answer": "cited in the page's Short answer section",
             "text": "cited in the page's text",
             "declared": "listed in the page's citations" if not evidence.annotation or evidence.links else ""}
    parts = [where[evidence.placement]] if where[evidence.placement] else []
    if evidence.links > 1:
        parts.append(f"{evidence.links} links to it in the text")
    if evidence.subject >= 0.5:
        parts.append("the page's title or summary names its subject")
    if evidence.exact:
        parts.append("cites an exact provision of it")
    if evidence.annotation:
        parts.append(f"listed by the commentary on s {evidence.section}")
    if evidence.similarity >= 0.5:
        parts.append("similar wording")
    return "; ".join(parts)


def computed_why(similarity: float) -> str:
    """The reason for a computed link: the engine's raw score, and that no citation backs it."""
    return f"similar wording (search score {similarity:.2f}); the page does not cite it"


# -- reading the evidence off the pages ---------------------------------------------------------------


def _section_of(ref: str) -> tuple[str | None, bool]:
    """('44', True) for 'act-670/sec_44__subsec_2:2012-06-01': the section, and whether it names a provision
    inside it. Amending Acts and unreadable refs give (None, False)."""
    try:
        citation = parse_citation(ref)
    except ValueError:
        return None, False
    if not citation.section or citation.of_amending_act:
        return None, False
    return citation.section, bool(citation.eid and "__" in citation.eid)


def linked_sections(text: str) -> list[tuple[str, bool]]:
    """(section, names a provision inside it) of every `law:` link in `text`, in order."""
    out = []
    for match in LAW_LINK_RE.finditer(text):
        section, exact = _section_of(match.group("ref"))
        if section:
            out.append((section, exact))
    return out


def _short_answer(body: str) -> str:
    """The text of the page's "Short answer" section (empty if it has none)."""
    out, inside = [], False
    for line in body.split("\n"):
        if line.startswith("## "):
            inside = line[3:].strip().lower() in SHORT_ANSWER_HEADINGS
            continue
        if inside:
            out.append(line)
    return "\n".join(out)


def _words(text: str) -> set[str]:
    return {_stem(word) for word in _WORD_RE.findall(text.lower()) if word not in _STOPWORDS and len(word) > 2}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "er", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def subject_match(heading: str, title: str) -> float:
    """The share of the content words of a section's heading that the page's title contains."""
    wanted = _words(heading)
    return len(wanted & _words(title)) / len(wanted) if wanted else 0.0


def page_evidence(page: GuidancePage, headings: Mapping[str, str],
                  annotated: Mapping[str, Iterable[str]]) -> list[Evidence]:
    """The evidence for every section the page declares (cites, links, or whose commentary lists it).
    `headings`: section -> English heading (in force today); `annotated`: section -> slugs its commentary lists."""
    in_text = linked_sections(page.body)
    counts: dict[str, int] = {}
    exact: dict[str, bool] = {}
    for section, is_exact in in_text:
        counts[section] = counts.get(section, 0) + 1
        exact[section] = exact.get(section, False) or is_exact
    for cite in page.cites:
        cited, is_exact = _section_of(cite)
        if cited:
            exact[cited] = exact.get(cited, False) or is_exact
    summary = {section for section, _ in linked_sections(page.summary)}
    summary |= {c.section for c in find_citations(page.summary) if c.section is not None and not c.of_amending_act}
    short = {section for section, _ in linked_sections(_short_answer(page.body))}
    listed = {section for section, slugs in annotated.items() if page.slug in slugs}
    total = sum(counts.values())
    out = []
    for section in sorted(set(exact) | set(counts) | listed):
        placement = ("summary" if section in summary else "short answer" if section in short
                     else "text" if counts.get(section) else "declared")
        out.append(Evidence(section=section, slug=page.slug, placement=placement, links=counts.get(section, 0),
                            page_links=total, exact=exact.get(section, False),
                            subject=max(subject_match(headings.get(section, ""), page.title),
                                        SUMMARY_SUBJECT * subject_match(headings.get(section, ""), page.summary)),
                            annotation=section in listed))
    return out
