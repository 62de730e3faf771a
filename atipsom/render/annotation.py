"""Annotations (our commentary on each section), rendered apart from the law text."""

from __future__ import annotations

import datetime as dt


def annotation_renderer(project, today: dt.date):
    def render(number: str, version) -> str:
        return ""

    return render
