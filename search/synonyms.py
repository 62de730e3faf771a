"""The reviewed synonym map (`synonyms.yml`), applied at query time only.

>>> m = SynonymMap.from_groups({"en": [["IPO", "interim protection order"]]})
>>> m.alternatives(("ipo",))
(('interim', 'protection', 'order'),)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .schema import exact_analyzer

DEFAULT_PATH = Path(__file__).with_name("synonyms.yml")


@dataclass(frozen=True)
class SynonymMap:
    """Maps a normalised word sequence to the other members of its group(s)."""

    table: dict  # tuple[str, ...] -> tuple[tuple[str, ...], ...]
    longest: int = 1  # longest member, in words

    @classmethod
    def from_groups(cls, groups_by_lang: dict) -> "SynonymMap":
        table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for groups in groups_by_lang.values():
            for group in groups:
                members = [_words(m) for m in group]
                members = [m for m in members if m]
                for member in members:
                    alternatives = table.setdefault(member, [])
                    for other in members:
                        if other != member and other not in alternatives:
                            alternatives.append(other)
        frozen = {k: tuple(v) for k, v in table.items() if v}
        return cls(frozen, max((len(k) for k in frozen), default=1))

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> "SynonymMap":
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of language to groups")
        groups_by_lang = {}
        for lang, entries in data.items():
            if not isinstance(entries, list):
                raise ValueError(f"{path}: {lang}: expected a list of groups")
            groups = []
            for number, entry in enumerate(entries, 1):
                terms = entry.get("terms") if isinstance(entry, dict) else None
                if not isinstance(terms, list) or len(terms) < 2 or not all(isinstance(t, str) for t in terms):
                    raise ValueError(f"{path}: {lang} group {number}: 'terms' must list two or more strings")
                if not isinstance(entry.get("why"), str) or not entry["why"].strip():
                    raise ValueError(f"{path}: {lang} group {number}: every group needs a 'why'")
                groups.append(terms)
            groups_by_lang[lang] = groups
        return cls.from_groups(groups_by_lang)

    def alternatives(self, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        return self.table.get(tuple(words), ())


def _words(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in exact_analyzer()(text))
