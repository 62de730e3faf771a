"""Annotations: our commentary on each section, stored beside the law in statutes/act-670/annotations/."""

from __future__ import annotations


def load_annotations(folder, root) -> dict:
    return {}


def check_annotations(root, statutes, consolidation, guidance) -> list:
    return []
