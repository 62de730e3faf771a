"""The plain data the search package works on: what goes into the index (`SearchDoc`) and what
comes out of a search (`SearchResponse` with its `SearchResult`s).

Nothing here knows about Whoosh or about the statute model: the application turns sections,
versions and guidance pages into `SearchDoc`s, and reads `SearchResponse`s back as JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field

KINDS = ("provision", "guidance", "annotation", "case")
LANGS = ("en", "ms")


@dataclass(frozen=True)
class SearchDoc:
    """One searchable unit: a provision in one version and one language, a guidance page, an
    annotation, or a case note (a court decision; `section`: the first section it concerns). The index
    key is `id` + `lang`: a page and its translation share the id.

    >>> SearchDoc(id="act-670/sec_44__subsec_2@2008-02-28", kind="provision", lang="en",
    ...           section="44", eid="sec_44__subsec_2", provision="s 44(2)",
    ...           heading="Taking a person into temporary custody", part="V",
    ...           text="The Magistrate may make an interim protection order ...", context="",
    ...           citations=("44(2)",), in_force_from=dt.date(2008, 2, 28),
    ...           in_force_to=dt.date(2015, 11, 17),
    ...           url="/act-670/sec_44/2008-02-28/#sec_44__subsec_2").key
    'act-670/sec_44__subsec_2@2008-02-28|en'
    """

    id: str
    kind: str
    lang: str
    section: str | None
    eid: str | None
    provision: str | None
    heading: str
    part: str | None
    text: str
    context: str
    citations: tuple[str, ...]
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    url: str
    unofficial: bool = False  # not the words of an official text: a translation, or unofficial English
    tier: str = "verbatim"  # the English provenance tier of the words indexed (atipsom.domain.tiers)

    @property
    def key(self) -> str:
        """The unique key in the index: one document per id and language."""
        return f"{self.id}|{self.lang}"

    def content_hash(self) -> str:
        """A stable hash of everything indexed, used by incremental rebuilds."""
        payload = json.dumps(_plain(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def check_doc(doc: SearchDoc) -> None:
    """Raise ValueError naming the document when a field breaks the contract."""
    problems = []
    if not doc.id:
        problems.append("empty id")
    if doc.kind not in KINDS:
        problems.append(f"kind {doc.kind!r} is not one of {', '.join(KINDS)}")
    if doc.lang not in LANGS:
        problems.append(f"lang {doc.lang!r} is not one of {', '.join(LANGS)}")
    if doc.kind != "guidance" and not doc.section:
        problems.append(f"a {doc.kind} needs a section")
    if doc.in_force_from and doc.in_force_to and doc.in_force_to < doc.in_force_from:
        problems.append("in_force_to is before in_force_from")
    if isinstance(doc.citations, str):
        problems.append("citations must be a tuple of keys, not a string")
    if problems:
        raise ValueError(f"search document {doc.id!r} ({doc.lang}): " + "; ".join(problems))


@dataclass(frozen=True)
class SearchResult:
    """One hit, in the shape of the JSON contract."""

    id: str
    kind: str
    section: str | None
    provision: str | None
    heading: str
    lang: str
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    url: str
    score: float
    snippet: str  # HTML: everything escaped except <mark>…</mark> around matched words
    unofficial: bool = False
    tier: str = "verbatim"  # verbatim | reconstructed | rendered | translated

    def to_json(self) -> dict:
        data = asdict(self)
        data["in_force_from"] = _iso(self.in_force_from)
        data["in_force_to"] = _iso(self.in_force_to)
        data["score"] = round(self.score, 4)
        return data


@dataclass(frozen=True)
class SearchResponse:
    """The answer to one query. `notices` says what the parser did to odd input (shortened,
    ignored a leading wildcard, ...); `timed_out` says the results are partial."""

    query: str
    as_at: dt.date | None
    total: int
    suggestion: str | None
    results: tuple[SearchResult, ...]
    timed_out: bool = False
    notices: tuple[str, ...] = field(default=())

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "as_at": _iso(self.as_at),
            "total": self.total,
            "suggestion": self.suggestion,
            "results": [result.to_json() for result in self.results],
            "timed_out": self.timed_out,
            "notices": list(self.notices),
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _plain(doc: SearchDoc) -> dict:
    data = asdict(doc)
    data["in_force_from"] = _iso(doc.in_force_from)
    data["in_force_to"] = _iso(doc.in_force_to)
    data["citations"] = list(doc.citations)
    return data
