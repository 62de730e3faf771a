"""The search index of the static site and the offline copy: the same documents and analysis as the Whoosh index,
written as JavaScript data files the browser's search (docs/assets/javascripts/atipsom-search/) loads as scripts,
so that it works from file:// as well as over HTTP."""

from __future__ import annotations

from .synonyms import SynonymMap


def synonyms_data(synonyms: SynonymMap) -> dict:
    """The synonym map as plain data for the browser's parser: {"table": {"w1 w2": [["x"], ...]}, "longest": n}."""
    return {"table": {" ".join(key): [list(alt) for alt in alts] for key, alts in synonyms.table.items()},
            "longest": synonyms.longest}
