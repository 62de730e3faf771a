"""The glossary: every term the Act defines in s 2, in both languages, with its definition in each version of
s 2 in which it stood, generated from the consolidation (never written by hand).

A definition keeps one entry (its eId: `sec_2__def_child`) across versions; a new *period* starts whenever its
words change in either language, or it appears or is deleted. The terms are read from the definition's own
words (atipsom.domain.terms.defined_terms, with the same rule for a language whose text is in no source: a term
every other version agrees on). Pure: versions in, values out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from atipsom.domain.model import LANGS, Provision, Version, is_available
from atipsom.domain.plaintext import all_words
from atipsom.domain.terms import attested_terms, section_2_definitions
from atipsom.domain.tiers import provision_tier
from atipsom.refs.ids import ProvisionId


@dataclass(frozen=True)
class GlossaryPeriod:
    """A definition's words from one version of s 2 until they next change (`in_force_to` None: still)."""

    in_force_from: dt.date
    in_force_to: dt.date | None
    text: dict[str, str | None]  # lang -> the definition's words; None where no source gives them
    amended_by: tuple[str, ...]  # the amending provisions that made these words ("A1500 s 2"); () as enacted
    version_from: dt.date  # the version of s 2 (its first day) to link for these words
    tiers: dict[str, str] = field(default_factory=dict)  # lang -> the tier of the words (issue 12); absent: verbatim

    def is_current(self) -> bool:
        return self.in_force_to is None


@dataclass(frozen=True)
class GlossaryEntry:
    key: str  # the definition's eId: sec_2__def_child
    terms: dict[str, tuple[str, ...]]  # lang -> the words defined ("trafficking in persons", "traffics in persons")
    periods: tuple[GlossaryPeriod, ...]  # oldest first

    @property
    def anchor(self) -> str:
        """The anchor of the entry on the glossary pages: the definition's slug ('child', 'place-of-refuge')."""
        return self.key.rsplit("__def_", 1)[-1]

    def term(self, lang: str) -> str:
        """The term to list the entry under in `lang` (the other language's if none is known)."""
        for candidate in (lang, *[other for other in LANGS if other != lang]):
            if self.terms.get(candidate):
                return self.terms[candidate][0]
        return self.anchor.replace("-", " ")

    @property
    def changed(self) -> bool:
        return len(self.periods) > 1

    @property
    def current(self) -> GlossaryPeriod | None:
        last = self.periods[-1]
        return last if last.is_current() else None


def _words(node: Provision | None) -> str | None:
    if node is None or not is_available(node.text):
        return None
    return all_words(node) or None


def glossary(section_2: Sequence[Version]) -> list[GlossaryEntry]:
    """Every definition s 2 has ever held, with its words in each period, sorted by English term."""
    attested = attested_terms(section_2)
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    periods: dict[str, list[GlossaryPeriod]] = {}
    for version in section_2:
        present = set()
        for definition in section_2_definitions(version, attested):
            present.add(definition.key)
            for lang in LANGS:
                if definition.terms.get(lang) and not terms.setdefault(definition.key, {}).get(lang):
                    terms[definition.key][lang] = tuple(definition.terms[lang])
                terms.setdefault(definition.key, {}).setdefault(lang, ())
            text = {lang: _words(definition.nodes.get(lang)) for lang in LANGS}
            tiers = {lang: provision_tier(node) for lang, node in definition.nodes.items()
                     if node is not None and text.get(lang)}
            made_by = tuple(dict.fromkeys(ref.citation for ref in version.history.get(definition.key, ())
                                          if ref.in_force == version.in_force_from))
            history = periods.setdefault(definition.key, [])
            if history and history[-1].in_force_to is None and (history[-1].text, history[-1].tiers) == (text, tiers):
                continue  # the same words: the period goes on
            if history and history[-1].in_force_to is None:
                history[-1] = _ended(history[-1], version.in_force_from)
            history.append(GlossaryPeriod(version.in_force_from, None, text, made_by, version.in_force_from, tiers))
        for key, history in periods.items():
            if key not in present and history[-1].in_force_to is None:
                history[-1] = _ended(history[-1], version.in_force_from)  # deleted by this version
    entries = [GlossaryEntry(key, terms.get(key, {}), tuple(history)) for key, history in periods.items()]
    return sorted(entries, key=lambda entry: entry.term("en").lower())


def _ended(period: GlossaryPeriod, next_from: dt.date) -> GlossaryPeriod:
    return GlossaryPeriod(period.in_force_from, next_from - dt.timedelta(days=1), period.text, period.amended_by,
                          period.version_from, period.tiers)


def entry_for_eid(entries: Sequence[GlossaryEntry], eid: str) -> GlossaryEntry | None:
    """The glossary entry of a definition's eId (None for a definition outside s 2, e.g. s 22(2))."""
    return next((entry for entry in entries if entry.key == eid), None)


def is_section_2_definition(eid: str) -> bool:
    try:
        return ProvisionId(eid).section_number == "2" and "__def_" in eid
    except ValueError:
        return False
