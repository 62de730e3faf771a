"""Defined terms, per point in time: which words of the law text are defined, and where.

Pure functions over a `Consolidation`. `glossary_at(consolidation, date)` gives every definition in
force on a date; `find_terms(text, lang, eid, glossary)` gives where its terms are used in one string
of law text.

What counts as a definition
---------------------------
* Every definition in s 2 (`def_*` provisions), in both languages: the Malay text defines Malay terms
  (“kanak-kanak”, “Majlis”), which are marked in the Malay text only. The version of s 2 is the one in
  force on the date asked for: a page of a 2012 version shows the 2012 definition of “coercion”; on a
  2024 page “coercion” is not marked at all, because Act A1644 deleted the definition.
* Definitions inside a section that say so (“In this section, “harbour” means …” s 22(2); “For the
  purpose of subsection (1), “financial services or facilities” include …” s 21(2); “Dalam seksyen ini,
  “melindungi” termasuklah …” s 26H(2); s 61A(3); s 67(2)). They apply only within their section (or the
  subsection they name), and only in the version in force on the date.
* Not a definition: before A1500 (18 November 2015) “place of refuge” had no definition. Section 42(1)
  empowers the Minister to declare a place to be a place of refuge; it does not say what the words mean
  wherever they are used. So “place of refuge” is marked only from 18 November 2015, when s 2 defines it
  by reference to s 42(1).

Where the words of a definition are not in any source for one language (the English text of Act A1385),
the term in that language is taken only from the other versions of s 2 in which that definition's text
in that language is available, and only if all of them agree (English “trafficking in persons” is marked
in 2010-2022 with the note that its English definition is not available; “transit country” and
“smuggling of migrants” are not, because no English text of s 2 ever gives them). We never derive a
term from an identifier.

How words are matched
---------------------
* Whole words: no hit inside another word; a hyphen joins words (“Anti-Trafficking in Persons” is not
  “trafficking in persons”; “kanak-kanak” is one word).
* Case as defined: “Council” is not “council”, “Protection Order” is not “interim protection order”.
  A term defined in lower case also matches with a capital first letter at the start of the text or of a
  sentence (“Orang yang diperdagangkan tidak boleh …”).
* English plural with “-s” (“trafficked persons”, “Protection Officers”) and the two irregular plurals
  used in the Act (“children”, “places of refuge”), except for the terms that name a single body or
  office: “Court”, “Council”, “Minister” (“Courts” and “ministers” are not the defined Court and Minister).
* Longest term first (“trafficked person” before any shorter term inside it), leftmost first.
* Never inside the definition of the same term, never inside quotation marks (the defined term itself),
  and never inside cross-reference links or references to other Acts (the caller passes those spans).
* Where the same words plainly name something else, they are not marked (`CONTEXT_EXCLUSIONS`):
  “Sessions Court”, “Magistrate’s Court”, “Mahkamah Sesyen”, “Mahkamah Majistret”; “the Minister charged
  with the responsibility for women, family and community development”, “any other relevant Minister”,
  “Menteri bagi Kementerian …”; and Malay “ditetapkan” where it means “fixed” or “specified” rather than
  the defined “prescribed” (“ditetapkan oleh Mahkamah”, “tarikh yang ditetapkan”); and Malay “memberikan
  seseorang tempat perlindungan” (giving a person shelter, s 26H(2)), which is not the defined “place of
  refuge”. The English text is the guide to these choices: in each case it uses other words than the
  defined term (s 22(2), the English twin of s 26H(2), says “shelter”).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from atipsom.domain.model import LANGS, Provision, Version, is_available
from atipsom.domain.timeline import version_at
from atipsom.refs.ids import ProvisionId

#: The quoted terms at the start of a definition, and the word that starts its meaning.
_QUOTED = r"“[^”]+”"
_TERMS_RE = re.compile(
    rf"""^\s*
    (?P<lead>(?:In\ this\ section|For\ the\ purposes?\ of\ (?:this\ section|subsection\ \(\w+\))
              |Dalam\ seksyen\ ini|Bagi\ maksud\ (?:seksyen\ ini|subseksyen\ \(\w+\))),\s*)?
    (?:(?:suatu|a|an)\s+)?
    (?P<terms>{_QUOTED}(?:\s*,?\s*(?:or|atau)\s+{_QUOTED})*)
    \s*(?:means|includes?|has\ the\ same\ meaning|ertinya|termasuklah|mempunyai\ erti)\b""",
    re.X,
)
_SCOPE_RE = re.compile(r"(?:For the purposes? of|Bagi maksud) (?:subsection|subseksyen) \((?P<num>\w+)\)")
_LOCAL_LEAD_RE = re.compile(r"^\s*(?:In this section|For the purposes? of|Dalam seksyen ini|Bagi maksud)")

#: Terms without an English plural: each names a single body or office.
NO_PLURAL = frozenset({"Court", "Council", "Minister"})
IRREGULAR_PLURALS = {"child": "children", "place of refuge": "places of refuge"}

#: (lang, term) -> (words before that rule it out, words after that rule it out): same words, other meaning.
CONTEXT_EXCLUSIONS: Mapping[tuple[str, str], tuple[str | None, str | None]] = {
    ("en", "Court"): (r"(?:[A-Z][\w’'-]*|\w+[’']s)\s+$", None),
    ("ms", "Mahkamah"): (None, r"^\s+[A-Z]"),
    ("en", "Minister"): (r"\brelevant\s+$", r"^\s+charged with\b"),
    ("ms", "Menteri"): (None, r"^\s+(?:yang dipertanggungkan|berkaitan|bagi Kementerian)\b"),
    ("ms", "ditetapkan"): (r"\btarikh yang\s+$", r"^\s+oleh\b"),
    ("ms", "tempat perlindungan"): (r"\bseseorang\s+$", None),
}
_EXCLUSIONS = {key: (re.compile(before) if before else None, re.compile(after) if after else None)
               for key, (before, after) in CONTEXT_EXCLUSIONS.items()}



@dataclass(frozen=True, eq=False)
class Definition:
    """One definition in force on a date, in both languages.

    `key` is the eId of the provision that gives it (`sec_2__def_coercion`, `sec_22__subsec_2`);
    `terms[lang]` the words it defines in that language (empty where none is known); `nodes[lang]` the
    provision to show (None where the language has no such provision); `scope` the eId under which it
    applies (None: the whole Act); `section_from` the first day of the version of its section.
    Compared by identity, so that matchers can be cached per set of definitions.
    """

    key: str
    section: str
    terms: Mapping[str, tuple[str, ...]]
    nodes: Mapping[str, Provision | None]
    scope: str | None
    section_from: dt.date
    borrowed: Mapping[str, bool] = field(default_factory=dict)  # term taken from other versions of s 2

    def is_available(self, lang: str) -> bool:
        node = self.nodes.get(lang)
        return node is not None and is_available(node.text)

    def applies_to(self, eid: str) -> bool:
        """Whether the definition governs the words of provision `eid` (never its own words)."""
        if eid == self.key or eid.startswith(self.key + "__"):
            return False
        if self.scope is None:
            return True
        return eid == self.scope or eid.startswith(self.scope + "__")


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    definition: Definition


@dataclass(frozen=True)
class Glossary:
    """Every definition in force on one date."""

    date: dt.date
    definitions: tuple[Definition, ...]

    def get(self, key: str) -> Definition | None:
        return next((d for d in self.definitions if d.key == key), None)

    def applicable(self, eid: str) -> tuple[Definition, ...]:
        return tuple(d for d in self.definitions if d.applies_to(eid))


# --- reading definitions -------------------------------------------------------------------------------

def defined_terms(text: str) -> tuple[str, ...]:
    """The terms a definition's words define: '“trafficking in persons” or “traffics in persons” means …'
    -> ('trafficking in persons', 'traffics in persons'); () if the words are not a definition."""
    match = _TERMS_RE.match(text or "")
    if not match:
        return ()
    return tuple(t.strip() for t in re.findall(r"“([^”]+)”", match.group("terms")))


def _terms_of(node: Provision | None) -> tuple[str, ...]:
    return defined_terms(node.text) if node is not None and isinstance(node.text, str) else ()


def is_local_definition(node: Provision) -> bool:
    """A provision outside s 2 that defines words for its own section or subsection."""
    if not is_available(node.text) or not defined_terms(node.text):
        return False
    return node.kind in ("subsec", "para", "subpara") and (
        bool(_LOCAL_LEAD_RE.match(node.text)) or node.kind != "subsec")


def _scope_of(section: str, node: Provision, parent: Provision | None) -> str:
    for text in (node.text, parent.text if parent else ""):
        match = _SCOPE_RE.search(text) if isinstance(text, str) else None
        if match:
            return str(ProvisionId.section(section).child("subsec", match.group("num")))
    return str(ProvisionId.section(section))


def _parents(root: Provision) -> dict[str, Provision]:
    parents = {}
    for node in root.walk():
        for child in node.children:
            parents[child.eid] = node
    return parents


def section_2_definitions(version: Version, attested: Mapping[str, Mapping[str, tuple[str, ...]]]) -> list[Definition]:
    keys: list[str] = []
    for lang in LANGS:
        root = version.body.get(lang)
        for child in (root.children if root else ()):
            if child.kind == "def" and child.eid not in keys:
                keys.append(child.eid)
    definitions = []
    for key in keys:
        nodes = {lang: version.body[lang].find(key) if lang in version.body else None for lang in LANGS}
        terms, borrowed = {}, {}
        for lang in LANGS:
            node = nodes[lang]
            if node is not None and is_available(node.text):
                terms[lang], borrowed[lang] = defined_terms(node.text), False
            else:
                terms[lang] = attested.get(lang, {}).get(key, ())
                borrowed[lang] = bool(terms[lang])
        definitions.append(Definition(key, version.number, terms, nodes, None, version.in_force_from, borrowed))
    return definitions


def attested_terms(section_2_versions: Sequence[Version]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per language and definition: the terms every version with that definition's text agrees on."""
    found: dict[str, dict[str, list[tuple[str, ...]]]] = {lang: {} for lang in LANGS}
    for version in section_2_versions:
        for lang in LANGS:
            root = version.body.get(lang)
            for node in (root.children if root else ()):
                if node.kind == "def" and is_available(node.text) and defined_terms(node.text):
                    found[lang].setdefault(node.eid, []).append(defined_terms(node.text))
    result: dict[str, dict[str, tuple[str, ...]]] = {lang: {} for lang in LANGS}
    for lang, per_key in found.items():
        for key, lists in per_key.items():
            common = [t for t in lists[0] if all(t in other for other in lists[1:])]
            if common:
                result[lang][key] = tuple(common)
    return result


def local_definitions(version: Version) -> list[Definition]:
    """Definitions a section gives for itself ('In this section, “harbour” means …')."""
    found: dict[str, dict[str, Provision]] = {}
    scopes: dict[str, str] = {}
    for lang in LANGS:
        root = version.body.get(lang)
        if root is None:
            continue
        parents = _parents(root)
        for node in root.walk():
            if node.kind == "section" or not is_local_definition(node):
                continue
            found.setdefault(node.eid, {})[lang] = node
            scopes.setdefault(node.eid, _scope_of(version.number, node, parents.get(node.eid)))
    definitions = []
    for key, by_lang in found.items():
        nodes = {lang: by_lang.get(lang) or (version.body[lang].find(key) if lang in version.body else None)
                 for lang in LANGS}
        terms = {lang: _terms_of(by_lang.get(lang)) for lang in LANGS}
        definitions.append(Definition(key, version.number, terms, nodes, scopes[key], version.in_force_from,
                                      {lang: False for lang in LANGS}))
    return definitions


def glossary_at(versions: Mapping[str, Sequence[Version]], date: dt.date) -> Glossary:
    """Every definition in force on `date`: s 2 as it then stood, and the sections' own definitions."""
    definitions: list[Definition] = []
    section_2 = versions.get("2", ())
    current = version_at(section_2, date)
    if current is not None:
        definitions.extend(section_2_definitions(current, attested_terms(section_2)))
    for number, history in versions.items():
        if number == "2":
            continue
        version = version_at(history, date)
        if version is not None and version.change != "repealed":
            definitions.extend(local_definitions(version))
    return Glossary(date, tuple(definitions))


# --- finding terms in text -----------------------------------------------------------------------------

def surface_forms(term: str, lang: str) -> tuple[str, ...]:
    forms = [term]
    if lang == "en" and term not in NO_PLURAL:
        if term in IRREGULAR_PLURALS:
            forms.append(IRREGULAR_PLURALS[term])
        elif term[-1:].isalpha() and not term.endswith("s"):
            forms.append(term + "s")
    return tuple(forms)


def _form_pattern(form: str) -> str:
    first = form[0]
    if first.islower():
        return f"[{first}{first.upper()}]" + re.escape(form[1:])
    return re.escape(form)


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str] | None
    forms: Mapping[str, tuple[str, Definition]]  # form -> (term, definition)


def _matcher(definitions: tuple[Definition, ...], lang: str) -> _Matcher:
    forms: dict[str, tuple[str, Definition]] = {}
    for definition in definitions:
        for term in definition.terms.get(lang, ()):
            for form in surface_forms(term, lang):
                forms.setdefault(form, (term, definition))
    if not forms:
        return _Matcher(None, {})
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(_form_pattern(f) for f in ordered) + r")(?![\w-])")
    return _Matcher(pattern, forms)


@lru_cache(maxsize=512)
def _cached_matcher(definitions: tuple[Definition, ...], lang: str) -> _Matcher:
    return _matcher(definitions, lang)


def _lookup(matcher: _Matcher, found: str) -> tuple[str, Definition] | None:
    if found in matcher.forms:
        return matcher.forms[found]
    lowered = found[0].lower() + found[1:]
    return matcher.forms.get(lowered)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”", text)]


def find_terms(text: str, lang: str, eid: str, glossary: Glossary,
               protected: Iterable[tuple[int, int]] = ()) -> list[TermHit]:
    """Where defined terms are used in one string of law text of provision `eid`, in order.

    `protected` spans (cross-reference links, references to other Acts) are left alone, and so is
    anything inside quotation marks.
    """
    if not text or not is_available(text):
        return []
    matcher = _cached_matcher(glossary.definitions, lang)  # one per date and language: compiled once
    if matcher.pattern is None:
        return []
    blocked = sorted(list(protected) + quoted_spans(text))
    hits = []
    position = 0
    for start, end in blocked + [(len(text), len(text))]:
        if start > position:
            hits.extend(_hits_in(text, position, start, lang, eid, glossary, matcher))
        position = max(position, end)
    return hits


def _hits_in(text: str, start: int, end: int, lang: str, eid: str, glossary: Glossary,
             matcher: _Matcher) -> list[TermHit]:
    hits: list[TermHit] = []
    if matcher.pattern is None:
        return hits
    for match in matcher.pattern.finditer(text, start, end):
        entry = _lookup(matcher, match.group(0))
        if entry is None:
            continue
        if not entry[1].applies_to(eid):
            # a term that does not apply here (its own definition, or outside its section): a shorter
            # term inside the same words may still apply
            hits.extend(_shorter_hits(text, match, lang, eid, matcher))
            continue
        if _accepts(text, match, lang, entry[0], matcher):
            hits.append(TermHit(match.start(), match.end(), entry[1]))
    return hits


def _shorter_hits(text: str, match: re.Match[str], lang: str, eid: str, matcher: _Matcher) -> list[TermHit]:
    words = match.group(0)
    for form, (term, definition) in sorted(matcher.forms.items(), key=lambda item: -len(item[0])):
        if len(form) >= len(words) or form not in words or not definition.applies_to(eid):
            continue
        inner = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])")
        found = inner.search(text, match.start(), match.end())
        if found and _accepts(text, found, lang, term, matcher):
            return [TermHit(found.start(), found.end(), definition)]
    return []


def is_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".;:—–"


def _accepts(text: str, match: re.Match[str], lang: str, term: str, matcher: _Matcher) -> bool:
    found = match.group(0)
    if found not in matcher.forms and not is_sentence_start(text, match.start()):
        return False  # a capital first letter only at the start of a sentence
    exclusion = _EXCLUSIONS.get((lang, term))
    if exclusion:
        before, after = exclusion
        if before and before.search(text[max(0, match.start() - 60):match.start()]):
            return False
        if after and after.search(text[match.end():match.end() + 60]):
            return False
    return True
