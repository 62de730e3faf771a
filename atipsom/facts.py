"""Checks on the facts stated in guidance pages (sources, unverified items)."""

from __future__ import annotations


def check_guidance_facts(root, guidance) -> list:
    return []
