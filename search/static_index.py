"""The search index of the static site and the offline copy: the same documents and analysis as the Whoosh index
(search/schema.py `doc_fields`), written as JavaScript data files that the browser's search
(docs/assets/javascripts/atipsom-search/engine.js) loads as scripts, so that it works from file:// as well as over
HTTP, and only when a reader starts a search.

The browser analyses only the query: every word is stemmed here, at build time, with the server's own stemmers,
and the files say, for each word of the texts, its English and Malay stems (so a query word the texts have is
analysed exactly as the server would), and for each stem the words that have it (so snippets mark what matched).

Files (all under `search-data/`, each a call of `atipsomSearchData(name, data)`):

* `meta.js`: the documents (what a result line shows, field lengths, citation keys), the field weights, the
  synonyms, and which file holds what; loaded with the first keystroke.
* `terms-<k>.js`: the words, stems, word pairs and citation keys whose term starts with `k` (a letter or two,
  `0` for digits, `_` for the rest): their posting lists. A query loads the files of its words only.
* `text-<n>.js`: the plain texts of a run of documents, for snippets: loaded for the results shown.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from whoosh.util.numeric import byte_to_length, length_to_byte

from .documents import SearchDoc
from .malay import PROTECTED, stem_malay
from .schema import (
    DOC_BOOSTS,
    SECTION_DOC_BOOST,
    STEM_EXCEPTIONS,
    TEXT_FIELDS,
    TOKEN_PATTERN,
    carries_heading,
    normalise_key,
)
from .schema import english_stem as _porter
from .synonyms import SynonymMap

FORMAT = 1
DATA_DIR = "search-data"
TEXT_CHUNK_CHARS = 12_000  # characters of text a text file (a first search loads the files of its results)
SPLIT_SHARD_BYTES = 48_000  # a term file larger than this is split by the term's second letter
_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
english_stem = lru_cache(maxsize=200_000)(_porter)  # the server's English stemmer, each word stemmed once
_STEM = {"en": english_stem, "ms": stem_malay}
FIELD_CODES = {"heading": "h", "text": "t", "context": "c"}  # + "p" (word pairs), "x" (exact), "k" (citations)


def synonyms_data(synonyms: SynonymMap) -> dict:
    """The synonym map as plain data for the browser's parser: {"table": {"w1 w2": [["x"], ...]}, "longest": n}."""
    return {"table": {" ".join(key): [list(alt) for alt in alts] for key, alts in synonyms.table.items()},
            "longest": synonyms.longest}


def analysis_data() -> dict:
    """The stemmers' word lists, for the browser's port of the stemmers (analysis.js): one source."""
    return {"exceptions": dict(sorted(STEM_EXCEPTIONS.items())), "protected": sorted(PROTECTED)}


def words(text: str) -> list[str]:
    return [m.group().lower() for m in _TOKEN_RE.finditer(text)]


def stored_length(length: int) -> int:
    """A field's length as Whoosh stores it and BM25F reads it: one byte, exact up to 30 words, then within about
    3% (the average lengths are exact totals, as Whoosh's)."""
    return byte_to_length(length_to_byte(length)) if length else 0


def doc_boost(doc: SearchDoc) -> float:
    if doc.kind == "provision" and doc.eid and "__" not in doc.eid:
        return SECTION_DOC_BOOST
    return DOC_BOOSTS.get(doc.kind, 1.0)


@dataclass
class StaticIndex:
    """Everything the files hold, as plain data: `meta` and the term and text files by name."""

    meta: dict
    terms: dict[str, dict] = field(default_factory=dict)
    texts: dict[str, dict] = field(default_factory=dict)

    def files(self) -> dict[str, str]:
        """File name -> JavaScript text."""
        out = {"meta.js": _script("meta", self.meta)}
        out.update({f"terms-{name}.js": _script(f"terms-{name}", data) for name, data in self.terms.items()})
        out.update({f"text-{name}.js": _script(f"text-{name}", data) for name, data in self.texts.items()})
        return out


def _script(name: str, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "</" and U+2028/9 cannot end or break the script; the data is never evaluated as code but as a literal
    payload = payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"atipsomSearchData({json.dumps(name)},{payload});\n"


def build_static_index(docs: Sequence[SearchDoc], synonyms: SynonymMap | None = None) -> StaticIndex:
    """The static index of `docs` (pure)."""
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    stems: dict[str, list[str]] = {}  # exact word -> [en stem, ms stem]
    forms: dict[str, set[str]] = defaultdict(set)  # "e:stem" -> exact words
    lengths: dict[str, int] = defaultdict(int)  # field ("eh", "et", ...) -> total words, for average lengths
    rows = []
    chunks = _Chunks()
    for number, doc in enumerate(docs):
        lang = doc.lang[0]  # "e" | "m"
        stem = _STEM[doc.lang]
        field_texts = {"text": doc.text, "context": doc.context}
        if carries_heading(doc):
            field_texts["heading"] = doc.heading
        doc_lengths = {}
        for name, text in field_texts.items():
            code = lang + FIELD_CODES[name]
            found = words(text)
            doc_lengths[FIELD_CODES[name]] = len(found)
            lengths[code] += len(found)
            for word in found:
                s = stem(word)
                _add(postings, f"{code}:{s}", number)
                forms[f"{lang}:{s}"].add(word)
            if name in ("text", "heading"):  # word pairs: phrases (a heading's: where its words stand together)
                stemmed = [stem(w) for w in found]
                pairs = [f"{a} {b}" for a, b in zip(stemmed, stemmed[1:])]
                if name == "heading":  # only a filter: where the heading has the phrase
                    for pair in dict.fromkeys(pairs):
                        _add(postings, f"{lang}q:{pair}", number)
                else:  # scored as the server's pairs field: each pair as often as the text has it
                    for pair in pairs:
                        _add(postings, f"{lang}p:{pair}", number)
        exact = words(doc.heading + " " + doc.text if carries_heading(doc) else doc.text)
        for word in exact:
            _add(postings, f"x:{word}", number)
            if word not in stems:
                stems[word] = [english_stem(word), stem_malay(word)]
        keys = sorted({normalise_key(key) for key in doc.citations})
        lengths["x"] += len(exact)
        lengths[f"{lang}p"] += max(len(words(doc.text)) - 1, 0)
        rows.append([doc.id, doc.kind, doc.lang, doc.section, doc.provision, doc.heading, doc.part,
                     _iso(doc.in_force_from), _iso(doc.in_force_to), doc.url, bool(doc.unofficial),
                     doc_boost(doc), *(stored_length(doc_lengths.get(code, 0)) for code in "htc"),
                     keys, chunks.place(number, doc.text),
                     stored_length(len(exact)), stored_length(max(len(words(doc.text)) - 1, 0))])
    count = len(rows)
    terms = _shard_terms(postings, stems, forms)
    meta = {
        "format": FORMAT,
        "docs": rows,
        "columns": ["id", "kind", "lang", "section", "provision", "heading", "part", "from", "to", "url",
                    "unofficial", "boost", "h", "t", "c", "cite", "text", "x", "p"],
        "count": count,
        "avg": {code: total / count for code, total in sorted(lengths.items())} if count else {},
        "weights": {f: w for fields in TEXT_FIELDS.values() for f, w in fields.items()},
        "synonyms": synonyms_data(synonyms) if synonyms is not None else {"table": {}, "longest": 1},
        "analysis": analysis_data(),
        "shards": sorted(terms),
    }
    return StaticIndex(meta=meta, terms=terms, texts=chunks.files)


class _Chunks:
    """The texts of consecutive documents, about TEXT_CHUNK_CHARS characters a file (a long guidance page alone)."""

    def __init__(self):
        self.files: dict[str, dict] = {}
        self.current: dict | None = None
        self.size = 0

    def place(self, number: int, text: str) -> int:
        if self.current is None or self.size + len(text) > TEXT_CHUNK_CHARS:
            self.current = {"first": number, "texts": []}
            self.files[str(len(self.files))] = self.current
            self.size = 0
        self.current["texts"].append(text)
        self.size += len(text)
        return len(self.files) - 1


def _add(postings: dict[str, dict[int, int]], key: str, number: int) -> None:
    entry = postings[key]
    entry[number] = entry.get(number, 0) + 1


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def shard_of(term: str, split: Iterable[str] = ()) -> str:
    """The file a term is in: its first letter or digit (two for those whose file was split), '_' for the rest."""
    first = term[:1]
    if "a" <= first <= "z" or "0" <= first <= "9":
        if first in split and len(term) > 1 and ("a" <= term[1] <= "z" or "0" <= term[1] <= "9"):
            return term[:2]
        return first
    return "_"


def _term_of(key: str) -> str:
    return key.split(":", 1)[1]


def _encode(entry: dict[int, int]) -> str:
    """Postings as text: document numbers as base-36 gaps, ':count' when a word is there more than once."""
    out, last = [], 0
    for number in sorted(entry):
        gap = _base36(number - last)
        last = number
        count = entry[number]
        out.append(gap if count == 1 else f"{gap}:{count}")
    return " ".join(out)


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        n, r = divmod(n, 36)
        text = digits[r] + text
        if n == 0:
            return text


def _shard_terms(postings, stems, forms) -> dict[str, dict]:
    def fill(split: frozenset[str]) -> dict[str, dict]:
        shards: dict[str, dict] = defaultdict(lambda: {"p": {}, "w": {}, "f": {}})
        for key, entry in postings.items():
            shards[shard_of(_term_of(key), split)]["p"][key] = _encode(entry)
        for word, pair in stems.items():
            shards[shard_of(word, split)]["w"][word] = pair
        for key, surface in forms.items():
            shards[shard_of(_term_of(key), split)]["f"][key] = sorted(surface)
        return dict(shards)

    first = fill(frozenset())
    big = frozenset(name for name, data in first.items()
                    if len(name) == 1 and len(json.dumps(data, ensure_ascii=False)) > SPLIT_SHARD_BYTES)
    return fill(big) if big else first


def write_static_index(docs: Sequence[SearchDoc], site_dir: Path, synonyms: SynonymMap | None = None) -> Path:
    """Write `site_dir/search-data/` from `docs` (the same documents the Whoosh index is built from), replacing
    what was there only once every file is written."""
    index = build_static_index(docs, synonyms if synonyms is not None else SynonymMap.load())
    target = site_dir / DATA_DIR
    site_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=site_dir, prefix=f".{DATA_DIR}."))
    try:
        for name, text in index.files().items():
            (staging / name).write_text(text, encoding="utf-8")
            os.chmod(staging / name, 0o644)
        os.chmod(staging, 0o755)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target

